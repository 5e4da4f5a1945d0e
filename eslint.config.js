import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'src/catalog/data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }]
    }
  },
  {
    // AGPL code may be used by benchmarks and differential tests only.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@cloud-copilot/iam-simulate', '@cloud-copilot/iam-simulate/*'], message: 'iam-simulate is AGPL: benchmarks and differential tests only' }] }]
    }
  },
  {
    // The request path: on Node 20's V8 each property written after a spread in an object
    // literal (`{ ...a, b }`) takes a slow path, ~0.6 us per property (AssumeRole's claims
    // object alone cost 3.4 us); Object.assign({}, a, { b }) does the same in ~0.2 us.
    files: ['src/server/**/*.ts', 'src/sts/**/*.ts', 'src/auth/**/*.ts', 'src/protocol/**/*.ts', 'src/eval/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/eval/testing.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'ObjectExpression > SpreadElement ~ Property',
        message: 'A property after a spread is slow on Node 20 (request path): use Object.assign({}, a, { b }) or put the properties first'
      }]
    }
  },
  {
    // The policy language and the engine are pure: they run in the browser console too.
    files: ['src/policy/**/*.ts', 'src/eval/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'crypto', 'http', '**/store/*', '**/server/*', '**/catalog/*'], message: 'src/policy and src/eval are pure: no node: imports, no I/O' },
        { group: ['@cloud-copilot/iam-simulate', '@cloud-copilot/iam-simulate/*'], message: 'iam-simulate is AGPL: benchmarks and differential tests only' }
      ] }]
    }
  }
)
