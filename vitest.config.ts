import { defineConfig } from 'vitest/config'

// End-to-end files that run a second time against PostgreSQL (test/helpers/warden.ts reads
// WARDEN_TEST_DB); the store's own contract suite runs on both databases in src/store.
const ON_POSTGRES_TOO = [
  'test/e2e/concurrency.test.ts',
  'test/e2e/federation-oidc.test.ts',
  'test/e2e/federation-saml.test.ts',
  'test/e2e/iam-b-roles.test.ts',
  'test/e2e/iam-delegation.test.ts',
  'test/e2e/iam-login-profiles.test.ts',
  'test/e2e/iam-mfa.test.ts',
  'test/e2e/iam-server-certificates.test.ts',
  'test/e2e/iam-service-last-accessed.test.ts',
  'test/e2e/iam-user-credentials.test.ts',
  'test/e2e/outbound-federation.test.ts',
  'test/e2e/sts.test.ts',
  'test/e2e/sts-sessions.test.ts',
  'test/e2e/scale-seed.test.ts',
  'test/seeds.test.ts'
]

export default defineConfig({
  test: {
    // A suite that finds nothing to run must fail, never pass silently.
    passWithNoTests: false,
    testTimeout: 30_000,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'main', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e-postgres', include: ON_POSTGRES_TOO, env: { WARDEN_TEST_DB: 'postgres' } } }
    ]
  }
})
