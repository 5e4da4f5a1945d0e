/**
 * The Warden HTTP server: one request pipeline (request id -> body -> route -> SigV4 ->
 * credentials -> decode -> authorize -> handler -> encode) and one place that renders
 * errors. IAM and STS share the endpoint; the service comes from the credential scope.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadKeyMaterial, type KeyMaterial } from '../auth/key-material.js'
import { firstHeaderValue, SigningKeyCache, verifyRequest, type HeaderValue } from '../auth/sigv4/index.js'
import { usageRecorderFor, type UsageEntity } from '../auth/usage-recorder.js'
import { iamOperations } from '../iam/index.js'
import { AwsError, awsError, decodeQueryRequest, encodeResponse, renderError, type ServiceName } from '../protocol/index.js'
import { stsOperations } from '../sts/index.js'
import { isSharedStore, isStoreError, openStore, type Store, type StoreConfig, type StoreError } from '../store/index.js'
import { bootstrapAccount, type BootstrapEnv, type RootCredentials } from './bootstrap.js'
import { CredentialResolver, sessionUserRefusal, type ResolvedKey } from './credentials.js'
import type { Caller, OperationSpec } from './operation.js'
import { formatLogLine, type LogRecord } from './log-line.js'
import { createLogWriter } from './log-writer.js'
import { isOidcPath, oidcResponse } from './oidc-routes.js'
import { listenUrl, parsePublicUrl } from './public-url.js'
import { DELEGATION_NOTIFICATION_ROUTE, delegationNotification } from './delegation-route.js'
import { PolicySetCache } from './policy-sets.js'
import { ReplyBatch } from './reply-batch.js'
import { RequestContext } from './request-context.js'
import { isReadOnlyOperation, RevisionTracker, withTrackedRevision } from './revision.js'

export const MAX_BODY_BYTES = 1024 * 1024

export interface WardenOptions {
  /** Data directory (SQLite file, master key, root credentials); omitted = in memory (tests). */
  dataDir?: string
  /** The database: SQLite in `dataDir` (default) or PostgreSQL, which several servers may share. */
  store?: StoreConfig
  /** Enables POST /_warden/reset. */
  dev?: boolean
  clockSkewSeconds?: number
  env?: BootstrapEnv & { WARDEN_MASTER_KEY?: string }
  /** One line per request goes here (JSON); default stderr. */
  log?: (line: string) => void
  now?: () => Date
  /**
   * The URL clients reach this server at (`WARDEN_PUBLIC_URL`), the base of the outbound
   * federation issuer; default: the address it listens on. Replicas behind one load balancer
   * must share one.
   */
  publicUrl?: string
}

export interface Warden {
  readonly server: Server
  readonly accountId: string
  readonly root: RootCredentials
  /** True the one time the root credentials were generated (print them). */
  readonly generatedRoot: boolean
  listen(port: number, host: string): Promise<AddressInfo>
  close(): Promise<void>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- operations have their own input/output types
type AnyOperation = OperationSpec<any, any>

const operations: Record<ServiceName, Map<string, AnyOperation>> = {
  iam: new Map(iamOperations.map((o) => [o.name, o])),
  sts: new Map(stsOperations.map((o) => [o.name, o]))
}

const STORE_ERRORS: Record<StoreError['kind'], string> = {
  AlreadyExists: 'EntityAlreadyExists',
  NotFound: 'NoSuchEntity',
  LimitExceeded: 'LimitExceeded',
  Conflict: 'DeleteConflict',
  InvalidInput: 'InvalidInput',
  Unavailable: 'ServiceUnavailable'
}

/** Operations AWS serves without a signature, by action name. */
const UNSIGNED: ReadonlyMap<string, ServiceName> = new Map(
  (['sts', 'iam'] as ServiceName[]).flatMap((service) => [...operations[service].values()].filter((o) => o.allowUnsigned).map((o) => [o.name, service] as const))
)
/** The region an unsigned request is answered in: it names none. */
const UNSIGNED_REGION = 'us-east-1'

type RequestHeaders = Readonly<Record<string, HeaderValue | undefined>>

/**
 * The request's headers by lower-case name, each value as sent and a repeated header as the
 * list of its values (SigV4 signs every value). Node has built `req.headers` already; it is
 * used as it is unless a name came twice (Node joins or drops repeats), which costs a second
 * pass only for such requests.
 */
function requestHeaders(req: IncomingMessage): RequestHeaders {
  const headers = req.headers as Record<string, string | undefined>
  let names = 0
  for (const name in headers) if (Object.hasOwn(headers, name)) names++
  return names * 2 === req.rawHeaders.length ? headers : req.headersDistinct
}

/** True when a request carries no SigV4 signature at all (no Authorization header, no X-Amz-Algorithm query). */
function isUnsigned(headers: RequestHeaders, query: string): boolean {
  return headers.authorization === undefined && !/(^|&)X-Amz-Algorithm=/i.test(query)
}

/** The caller of an unsigned request: nobody, until the token or assertion it carries says otherwise. */
function anonymousCaller(accountId: string): Caller {
  return { kind: 'anonymous', accountId, arn: 'anonymous', userId: 'anonymous', accessKeyId: '', principal: { arn: '*', accountId: '', type: 'Anonymous' } }
}

/**
 * The IAM user or role whose service last accessed data a request counts for: a user's own
 * keys and GetSessionToken sessions, a role's sessions. Root and federated users are not
 * IAM entities a report can be generated for.
 */
function usageEntity(caller: Caller): UsageEntity | undefined {
  if (caller.kind === 'user') return { id: caller.userId, arn: caller.arn }
  const s = caller.session
  if (caller.kind === 'assumed-role' && s?.roleId !== undefined && s.roleArn !== undefined) return { id: s.roleId, arn: s.roleArn }
  if (caller.kind === 'session-user' && s?.userId !== undefined && s.userArn !== undefined) return { id: s.userId, arn: s.userArn }
  return undefined
}

const ENTITY_ARN = /^arn:aws:iam::\d{12}:(role|user|group)\/(?:.*\/)?([^/]+)$/

/**
 * IAM names an existing role, user or group as `role NAME` in the AccessDenied text of
 * Get and List calls (e.g. `iam:GetRole on resource: role trainer`), and by ARN elsewhere.
 */
function deniedResourceLabel(operation: string, resource: string): string | undefined {
  if (!/^(Get|List)/.test(operation)) return undefined
  const m = ENTITY_ARN.exec(resource)
  return m ? `${m[1]} ${m[2]}` : undefined
}

/** The one mapping from thrown errors to AWS errors; anything unexpected becomes InternalFailure. */
function asAwsError(err: unknown): { error: AwsError; unexpected: boolean } {
  if (err instanceof AwsError) return { error: err, unexpected: false }
  if (isStoreError(err)) return { error: awsError(STORE_ERRORS[err.kind], err.message), unexpected: false }
  return { error: awsError('InternalFailure', 'We encountered an internal error. Please try again.'), unexpected: true }
}

/** How long GET /health waits for the database before answering 503. */
export const HEALTH_DATABASE_TIMEOUT_MS = 2000

/**
 * True when the database answers one read (the revision) within the timeout: a load
 * balancer then takes a replica that lost its database out of rotation (503).
 */
async function databaseReachable(store: Store): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_DATABASE_TIMEOUT_MS)
  })
  try {
    return await Promise.race([store.getRevision().then(() => true, () => false), timedOut])
  } finally {
    clearTimeout(timer)
  }
}

let isoAt = 0
let isoText = ''
/** The current time as ISO 8601 text for log lines; made once per millisecond, not per request. */
function isoNow(): string {
  const t = Date.now()
  if (t !== isoAt) {
    isoAt = t
    isoText = new Date(t).toISOString()
  }
  return isoText
}

/** A request target split at its first `?`: the path and the raw query string ('' when none). */
function splitTarget(url: string | undefined): { path: string; query: string } {
  const target = url ?? '/'
  const q = target.indexOf('?')
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) }
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY_BYTES) over = true
      else chunks.push(c)
    })
    // A small body arrives in one chunk: taken as it is, not copied.
    req.on('end', () => resolve(over ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Starts Warden's state (store, keys, account) and returns its HTTP server, not yet listening. */
export async function createWarden(options: WardenOptions = {}): Promise<Warden> {
  const env = options.env ?? {}
  // Checked before anything is opened, so a bad value leaves nothing behind.
  const configuredBase = options.publicUrl === undefined ? undefined : parsePublicUrl(options.publicUrl)
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  const keys: KeyMaterial = loadKeyMaterial({ dataDir: options.dataDir, envValue: env.WARDEN_MASTER_KEY })
  const storeConfig = options.store ?? { kind: 'sqlite' }
  // Replicas on one database must agree on the root credentials, so they live in it.
  const rootHome = isSharedStore(storeConfig) ? 'database' : 'data-dir'
  const rawStore: Store = await openStore(storeConfig, options.dataDir)
  const revisions = new RevisionTracker(rawStore)
  // Everything on the request path reads the revision through the tracker.
  const store = withTrackedRevision(rawStore, revisions)
  let bootstrapped
  try {
    bootstrapped = await bootstrapAccount(store, keys, options.dataDir, env, rootHome)
  } catch (err) {
    await rawStore.close()
    throw err
  }
  const { root, generated } = bootstrapped
  const accountId = root.accountId
  const policySets = new PolicySetCache(store)
  const credentials = new CredentialResolver(store, keys, root)
  const usage = usageRecorderFor(store)
  const signingKeys = new SigningKeyCache()
  const writer = options.log ? undefined : createLogWriter()
  const log = options.log ?? writer!.log
  const clock = options.now ?? (() => new Date())
  const replies = new ReplyBatch()
  let baseUrl = configuredBase ?? 'http://127.0.0.1'

  /**
   * Who is calling, on which service and in which region: from the SigV4 signature and
   * its credentials, or, for an unsigned request to an operation AWS serves unsigned, an
   * anonymous caller. An unsigned request to any other operation fails as AWS fails it.
   */
  async function authenticate(
    req: IncomingMessage,
    path: string,
    query: string,
    headers: RequestHeaders,
    body: Buffer,
    now: Date
  ): Promise<{ caller: Caller; service: ServiceName; region: string }> {
    if (isUnsigned(headers, query)) {
      const form = req.method === 'POST' ? body.toString('utf8') : query
      const unsigned = UNSIGNED.get(new URLSearchParams(form).get('Action') ?? '')
      if (unsigned) return { caller: anonymousCaller(accountId), service: unsigned, region: UNSIGNED_REGION }
    }
    const tokenHeader = firstHeaderValue(headers['x-amz-security-token']) ?? (query ? new URLSearchParams(query).get('X-Amz-Security-Token') ?? undefined : undefined)
    let resolved: ResolvedKey | AwsError | undefined
    const verified = await verifyRequest(
      { method: req.method ?? 'GET', path, query, headers, body },
      now,
      { allowedServices: ['iam', 'sts'], clockSkewSeconds: options.clockSkewSeconds, signingKeyCache: signingKeys },
      async (accessKeyId) => {
        resolved = await credentials.resolve(accessKeyId, tokenHeader, now)
        return resolved instanceof AwsError ? undefined : { secretAccessKey: resolved.secretAccessKey }
      }
    )
    if (!verified.ok) {
      // An unusable key reads as AWS words it (expired token, invalid token), not as a bad signature.
      if (resolved instanceof AwsError && verified.code === 'InvalidClientTokenId') throw resolved
      throw new AwsError(verified.code, verified.message, verified.status)
    }
    if (!resolved || resolved instanceof AwsError) throw awsError('InvalidClientTokenId', 'The security token included in the request is invalid.')
    return { caller: resolved.caller, service: verified.service as ServiceName, region: verified.region }
  }

  async function handleApi(
    req: IncomingMessage,
    path: string,
    query: string,
    body: Buffer,
    requestId: string,
    record: LogRecord
  ): Promise<{ status: number; body: string }> {
    const now = clock()
    const { caller, service, region } = await authenticate(req, path, query, requestHeaders(req), body, now)
    record.principal = caller.arn
    record.service = service
    const form = req.method === 'POST' ? body.toString('utf8') : query
    const decoded = decodeQueryRequest(service, form)
    if (!decoded.ok) throw decoded.error
    const spec = operations[service].get(decoded.operation)
    if (!spec) throw awsError('InvalidAction', `Could not find operation ${decoded.operation} for version ${service === 'iam' ? '2010-05-08' : '2011-06-15'}`)
    // The decoder and the unsigned check read the same form; this holds even if they ever disagree.
    if (caller.kind === 'anonymous' && !spec.allowUnsigned) throw awsError('MissingAuthenticationToken', 'Request is missing Authentication Token')
    // Operations AWS serves unsigned ignore whatever credentials signed them.
    const refusal = spec.allowUnsigned ? undefined : sessionUserRefusal(caller, service, decoded.operation)
    if (refusal) throw refusal
    const action = spec.action ?? `${service}:${decoded.operation}`
    record.action = action
    const entity = usageEntity(caller)
    if (entity) usage.serviceUsed(entity, action, now, region)
    const ctx = new RequestContext(requestId, accountId, caller, store, keys, now, region, req.socket.remoteAddress ?? '127.0.0.1', policySets, baseUrl, record)
    if (!spec.skipAuthorization) {
      const resource = spec.resource ? await spec.resource(decoded.input, ctx) : '*'
      const own = spec.conditionContext ? await spec.conditionContext(decoded.input, ctx) : undefined
      await ctx.check(action, resource, own, undefined, deniedResourceLabel(decoded.operation, resource), spec.createsResource !== true)
    }
    if (caller.kind === 'user') usage.accessKeyUsed(caller.accessKeyId, now, service, region)
    let output
    try {
      output = await spec.handler(decoded.input, ctx)
    } finally {
      // Creating an entity never moves the revision (Store.getRevision), so the next request need not re-read it.
      if (!isReadOnlyOperation(service, decoded.operation) && spec.createsResource !== true) revisions.invalidate()
    }
    // A call that succeeds was allowed, even if a handler probed a check it then did without
    // (DelegationPermissionCheck, either-of-two-actions access): the log line says so.
    if (record.decision !== undefined) record.decision = 'Allow'
    return { status: 200, body: encodeResponse(service, decoded.operation, output ?? undefined, requestId) }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now()
    const requestId = randomUUID()
    const { path, query } = splitTarget(req.url)
    const record: LogRecord = { time: isoNow(), requestId, method: req.method ?? '', path }
    let status = 200
    let contentType = 'text/xml'
    let payload = ''
    let service: ServiceName = 'iam'
    try {
      if (path === '/health' && req.method === 'GET') {
        contentType = 'application/json'
        const reachable = await databaseReachable(rawStore)
        status = reachable ? 200 : 503
        payload = JSON.stringify(reachable ? { status: 'ok', accountId } : { status: 'unavailable', accountId, database: 'unreachable' })
      } else if (isOidcPath(path) && req.method === 'GET') {
        const r = await oidcResponse(path, store, keys, baseUrl)
        contentType = 'application/json'
        status = r.status
        payload = r.body
      } else if (path === '/_warden/reset' && options.dev && req.method === 'POST') {
        await readBody(req)
        await store.reset()
        revisions.invalidate()
        await bootstrapAccount(store, keys, options.dataDir, env, rootHome)
        contentType = 'application/json'
        payload = JSON.stringify({ status: 'reset', accountId })
      } else if (req.method === 'GET' && DELEGATION_NOTIFICATION_ROUTE.test(path)) {
        const now = clock()
        const { caller } = await authenticate(req, path, query, requestHeaders(req), Buffer.alloc(0), now)
        record.principal = caller.arn
        const id = DELEGATION_NOTIFICATION_ROUTE.exec(path)![1]!
        contentType = 'application/json'
        payload = JSON.stringify(await delegationNotification(store, keys, caller, id, now))
      } else if (path === '/' || path === '') {
        const body = await readBody(req)
        if (!body) throw awsError('RequestEntityTooLarge', `Request body is larger than ${MAX_BODY_BYTES} bytes.`)
        const r = await handleApi(req, path, query, body, requestId, record)
        service = (record.service as ServiceName | undefined) ?? 'iam'
        status = r.status
        payload = r.body
      } else {
        status = 404
        contentType = 'application/json'
        payload = JSON.stringify({ error: 'not found' })
      }
    } catch (err) {
      service = (record.service as ServiceName | undefined) ?? 'iam'
      const { error, unexpected } = asAwsError(err)
      if (unexpected) log(JSON.stringify({ level: 'error', requestId, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }))
      const rendered = renderError(error, requestId, service)
      status = rendered.status
      contentType = rendered.contentType
      payload = rendered.body
      record.code = error.code
    }
    record.status = status
    record.ms = Math.round((performance.now() - started) * 100) / 100
    replies.send(res, status, { 'content-type': contentType, 'x-amzn-requestid': requestId, 'content-length': Buffer.byteLength(payload) }, payload)
    log(formatLogLine(record))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      log(JSON.stringify({ level: 'error', error: String(err) }))
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  server.keepAliveTimeout = 65_000
  // Requests Node cannot parse (headers over its 16 KiB limit, broken HTTP) never reach
  // handle(); answer them in AWS's error shape too, then close the connection.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || (err.code === 'ECONNRESET')) return socket.destroy()
    const error = err.code === 'HPE_HEADER_OVERFLOW'
      ? awsError('RequestHeaderSectionTooLarge', 'Request headers are larger than the server accepts.')
      : awsError('MalformedHTTPRequest', 'The request is not valid HTTP/1.1.')
    const requestId = randomUUID()
    const rendered = renderError(error, requestId)
    socket.end(
      `HTTP/1.1 ${rendered.status} ${STATUS_CODES[rendered.status] ?? 'Error'}\r\n` +
        `content-type: ${rendered.contentType}\r\nx-amzn-requestid: ${requestId}\r\n` +
        `content-length: ${Buffer.byteLength(rendered.body)}\r\nconnection: close\r\n\r\n${rendered.body}`
    )
    log(JSON.stringify({ time: new Date().toISOString(), requestId, status: rendered.status, code: error.code }))
  })

  return {
    server,
    accountId,
    root,
    generatedRoot: generated,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo
          baseUrl = configuredBase ?? listenUrl(host, address.port)
          resolve(address)
        })
      }),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Replies already answered are written before the connections close.
      replies.flush()
      server.closeAllConnections()
      await closed
      writer?.flush()
      // Attempts noted but not yet written are written, not lost.
      await usage.drain()
      await store.close()
    }
  }
}
