import { expect } from 'vitest'
import { StoreError, type StoreErrorKind } from '../errors.js'
import type { Store } from '../store.js'

/** What every contract case gets: the fresh store of the running test. */
export interface Harness {
  store(): Store
}

export const ACCOUNT_ID = '123456789012'

/** A small identity policy document. */
export function doc(action = 's3:GetObject'): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] })
}

/** A trust policy letting EC2 assume a role. */
export const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]
})

export const AWS_READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
export const AWS_SAGEMAKER = 'arn:aws:iam::aws:policy/service-role/AmazonSageMakerFullAccess'

/** The ARN a customer managed policy gets in the test account. */
export function policyArn(name: string, path = '/'): string {
  return `arn:aws:iam::${ACCOUNT_ID}:policy${path}${name}`
}

/** Asserts that `p` rejects with a StoreError of `kind`, and returns it. */
export async function expectStoreError(p: Promise<unknown>, kind: StoreErrorKind): Promise<StoreError> {
  let caught: unknown
  try {
    await p
  } catch (err) {
    caught = err
  }
  expect(caught, `expected StoreError ${kind}`).toBeInstanceOf(StoreError)
  expect((caught as StoreError).kind).toBe(kind)
  return caught as StoreError
}

/** Every item of a paged list, following markers. */
export async function collect<T>(list: (marker: string | undefined) => Promise<{ items: T[]; isTruncated: boolean; marker?: string }>): Promise<T[]> {
  const out: T[] = []
  let marker: string | undefined
  for (let i = 0; i < 10_000; i++) {
    const page = await list(marker)
    out.push(...page.items)
    if (!page.isTruncated) return out
    expect(page.marker).toBeTypeOf('string')
    marker = page.marker
  }
  throw new Error('pagination did not end')
}
