import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // A suite that finds nothing to run must fail, never pass silently.
    passWithNoTests: false,
    testTimeout: 30_000,
    reporters: ['default']
  }
})
