import { appendFileSync } from 'node:fs'
import { afterAll, afterEach, expect } from 'vitest'
import { contractViolations } from '../../dev/api-contract/violation-log'

// Every exchange with a local cloud is judged by Botpress's definition; a test during which one broke it fails.
afterEach(() => {
  expect(contractViolations.take(), "exchanges that break Botpress's API definition").toEqual([])
})

// `API_CONTRACT_REPORT=<file> npm test` sums up how many exchanges the suites had judged.
afterAll(() => {
  const report = process.env.API_CONTRACT_REPORT
  if (report) appendFileSync(report, `${contractViolations.checked}\n`)
})
