/**
 * Builds an OperationContext for unit tests of IAM handlers: a real in-memory SQLite
 * store with an initialised account, a root (or given) caller and fixed key material.
 * Test-only; never imported by runtime code.
 */
import { keyMaterialFrom } from '../../auth/key-material.js'
import type { ContextValue, PolicyInput, RequestPrincipal } from '../../eval/index.js'
import { authorizeExternal } from '../../server/authorize.js'
import type { Caller, OperationContext } from '../../server/operation.js'
import { PolicySetCache } from '../../server/policy-sets.js'
import { openSqliteStore, type Store, type StoreLimits, type UserRecord } from '../../store/index.js'

export const TEST_ACCOUNT_ID = '123456789012'

/** One call a handler made to `ctx.authorize`. */
export interface RecordedAuthorization {
  action: string
  resource: string
  context: Record<string, ContextValue> | undefined
}

/** An OperationContext whose `authorize` calls are recorded (and allowed unless `deny` says otherwise). */
export interface TestContext extends OperationContext {
  authorizations: RecordedAuthorization[]
}

export interface TestContextOptions {
  accountId?: string
  /** Reuse a store (e.g. to act as a second caller on the same data). */
  store?: Store
  caller?: Caller
  limits?: Partial<StoreLimits>
  now?: Date
  /** Makes `ctx.authorize` throw this error for matching actions. */
  deny?: { action: string; error: Error }
}

/** The account's root caller, as the pipeline resolves the root access key. */
export function rootCaller(accountId = TEST_ACCOUNT_ID): Caller {
  const arn = `arn:aws:iam::${accountId}:root`
  return {
    kind: 'root',
    accountId,
    arn,
    userId: accountId,
    accessKeyId: 'AKIAROOTTESTKEY00000',
    principal: { arn, accountId, type: 'Account', userId: accountId }
  }
}

/** An IAM user caller signing with its own access key. */
export function userCaller(user: UserRecord, accountId = TEST_ACCOUNT_ID): Caller {
  return {
    kind: 'user',
    accountId,
    arn: user.arn,
    userId: user.id,
    userName: user.name,
    accessKeyId: 'AKIAUSERTESTKEY00000',
    principal: { arn: user.arn, accountId, type: 'User', userId: user.id, username: user.name }
  }
}

/** A fresh test context; close it with `ctx.store.close()` in afterEach. */
export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const accountId = options.accountId ?? TEST_ACCOUNT_ID
  let store = options.store
  if (store === undefined) {
    store = await openSqliteStore({ filename: ':memory:', ...(options.limits ? { limits: options.limits } : {}) })
    await store.initAccount(accountId)
  }
  const authorizations: RecordedAuthorization[] = []
  const deny = options.deny
  return {
    requestId: '00000000-0000-4000-8000-000000000000',
    accountId,
    caller: options.caller ?? rootCaller(accountId),
    store,
    keys: keyMaterialFrom(Buffer.alloc(32, 1)),
    now: options.now ?? new Date(),
    region: 'us-east-1',
    sourceIp: '127.0.0.1',
    secureTransport: true,
    baseUrl: 'http://127.0.0.1:4590',
    policySets: new PolicySetCache(store),
    authorizations,
    authorize(action: string, resource: string, context?: Record<string, ContextValue>): Promise<void> {
      authorizations.push({ action, resource, context })
      if (deny !== undefined && deny.action === action) return Promise.reject(deny.error)
      return Promise.resolve()
    },
    // The real decision: the handlers that use it (federation) are about exactly that.
    async authorizeAs(principal: RequestPrincipal, action: string, resource: string, context: Record<string, ContextValue>, resourcePolicies: PolicyInput[]): Promise<void> {
      authorizations.push({ action, resource, context })
      authorizeExternal(principal, action, resource, context, { now: options.now ?? new Date(), sourceIp: '127.0.0.1', secureTransport: true, region: 'us-east-1' }, resourcePolicies)
    }
  }
}
