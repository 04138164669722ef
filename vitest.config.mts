import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '.botpress': resolve(import.meta.dirname, '.botpress') } },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/contract-check.ts', 'test/support/openapi-check.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // What a test polls for crosses processes and HTTP hops; a loaded machine may need seconds, not 1 s.
    expect: { poll: { timeout: 10_000 } },
  },
})
