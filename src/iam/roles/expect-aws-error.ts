/**
 * Test-only: asserts that a handler failed with an AWS error code and message, whether it
 * raised it itself (iamError) or let a StoreError through for the pipeline to map.
 */
import { expect } from 'vitest'
import { isStoreError, type StoreErrorKind } from '../../store/index.js'
import { isIamError } from '../shared/errors.js'

// The pipeline's StoreError mapping, as src/store/errors.ts documents it.
const STORE_KIND_CODE: Record<StoreErrorKind, string> = {
  AlreadyExists: 'EntityAlreadyExists',
  NotFound: 'NoSuchEntity',
  LimitExceeded: 'LimitExceeded',
  Conflict: 'DeleteConflict',
  InvalidInput: 'InvalidInput',
  Unavailable: 'ServiceFailure'
}

/** The AWS code and message an error thrown by a handler turns into. */
export function awsErrorOf(err: unknown): { code: string; message: string } {
  if (isIamError(err)) return { code: err.code, message: err.message }
  if (isStoreError(err)) return { code: STORE_KIND_CODE[err.kind], message: err.message }
  throw err
}

/** Awaits `promise` and asserts it rejects with `code` (and `message`, when given). */
export async function expectAwsError(promise: Promise<unknown>, code: string, message?: string): Promise<void> {
  let caught: unknown
  try {
    await promise
  } catch (err) {
    caught = err
  }
  expect(caught, `expected ${code}`).toBeDefined()
  const error = awsErrorOf(caught)
  expect(error.code).toBe(code)
  if (message !== undefined) expect(error.message).toBe(message)
}
