import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '.botpress': resolve(import.meta.dirname, '.botpress') } },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/contract-check.ts', 'test/support/openapi-check.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
