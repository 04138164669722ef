import { appendFileSync } from 'node:fs'
import { afterAll, afterEach, expect } from 'vitest'
import { openApiConformance } from './openapi-conformance'

// Every answer of a webhook URL and every delivery the suites see is judged by openapi.yaml; a test during
// which one broke it fails.
afterEach(async () => {
  expect(await openApiConformance.take(), 'answers and deliveries that break openapi.yaml').toEqual([])
})

// `OPENAPI_REPORT=<file> npm test` sums up how many answers and deliveries the suites had judged.
afterAll(async () => {
  expect(
    await openApiConformance.take(),
    'answers and deliveries that break openapi.yaml, after the last test'
  ).toEqual([])
  const report = process.env.OPENAPI_REPORT
  const { answers, deliveries } = openApiConformance.checked
  if (report) appendFileSync(report, `${answers} ${deliveries}\n`)
})
