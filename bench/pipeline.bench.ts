/**
 * The request pipeline without the network: one in-process Warden (SQLite file, group
 * commit) is handed pre-signed requests through its HTTP server's 'request' event, one at a
 * time, and the CPU time per request is measured with process.cpuUsage(). No load
 * generator, no sockets, no scheduler in the way: the figure is the server's own cost per
 * request (Node's HTTP parsing excluded), stable enough on a shared machine to compare two
 * versions of the code.
 *
 *   npx tsx bench/pipeline.bench.ts [--requests 20000] [--rounds 5] [--only AssumeRole]
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { signRequest } from '../src/auth/sigv4/index.js'
import { createWarden } from '../src/server/app.js'

const { values: args } = parseArgs({ options: { requests: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' }, only: { type: 'string' } } })
const N = Number(args.requests)
const ROUNDS = Number(args.rounds)
const ROOT = { accessKeyId: 'AKIABENCHROOT0000001', secretAccessKey: 'benchRootSecret0000000000000000000000000' }
const HOST = '127.0.0.1:4590'

const warden = await createWarden({
  dataDir: mkdtempSync(join(tmpdir(), 'warden-pipeline-')),
  log: () => {},
  env: { WARDEN_ACCOUNT_ID: '123456789012', WARDEN_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId, WARDEN_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey }
})

interface Prepared { headers: Record<string, string>; body: string }

function sign(creds: { accessKeyId: string; secretAccessKey: string }, service: 'iam' | 'sts', body: string): Prepared {
  const signed = signRequest({ method: 'POST', path: '/', headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body }, creds, { region: 'us-east-1', service, date: new Date() })
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(signed.headers)) headers[k] = String(v)
  // What the AWS SDK adds besides the signed headers.
  headers['user-agent'] = 'aws-sdk-js/3.1169.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.20.2 api/sts#3.1169.0 m/E,N'
  headers['amz-sdk-invocation-id'] = '6d1b7e9e-0c3a-4b5e-9f43-2f0c1d7a9b11'
  headers['amz-sdk-request'] = 'attempt=1; max=3'
  headers['content-length'] = String(Buffer.byteLength(body))
  return { headers, body }
}

/** Sends one request through the server's handler; resolves with the status and body. */
function send(p: Prepared): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = Object.assign(new EventEmitter(), {
      method: 'POST',
      url: '/',
      headers: p.headers,
      headersDistinct: Object.fromEntries(Object.entries(p.headers).map(([k, v]) => [k, [v]])),
      rawHeaders: Object.entries(p.headers).flat(),
      socket: { remoteAddress: '127.0.0.1' }
    })
    let status = 0
    const res = {
      headersSent: false,
      writeHead(s: number) {
        status = s
        this.headersSent = true
        return this
      },
      end(body: string) {
        resolve({ status, body })
      }
    }
    warden.server.emit('request', req, res)
    process.nextTick(() => {
      req.emit('data', Buffer.from(p.body))
      req.emit('end')
    })
  })
}

async function call(p: Prepared, expect = 200): Promise<string> {
  const { status, body } = await send(p)
  if (status !== expect) throw new Error(`status ${status} for ${p.body.slice(0, 80)}`)
  return body
}

// A user with an inline policy and keys, and a role it may assume (as in bench/server.bench.ts).
const q = (params: Record<string, string>) => new URLSearchParams({ Version: '2010-05-08', ...params }).toString()
await call(sign(ROOT, 'iam', q({ Action: 'CreateUser', UserName: 'bench' })))
await call(sign(ROOT, 'iam', q({ Action: 'PutUserPolicy', UserName: 'bench', PolicyName: 'bench', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'iam:CreateRole', 'iam:GetRole'], Resource: '*' }] }) })))
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/bench' }, Action: 'sts:AssumeRole' }] })
await call(sign(ROOT, 'iam', q({ Action: 'CreateRole', RoleName: 'bench-role', AssumeRolePolicyDocument: trust })))
// The access key comes back in the XML; read it without a parser.
const keyXml = await call(sign(ROOT, 'iam', q({ Action: 'CreateAccessKey', UserName: 'bench' })))
const user = { accessKeyId: /<AccessKeyId>(.*?)</.exec(keyXml)![1]!, secretAccessKey: /<SecretAccessKey>(.*?)</.exec(keyXml)![1]! }

// As a server that has served the Batch guide has: CreateServiceLinkedRole is the one handler that opens a store transaction.
await call(sign(ROOT, 'iam', q({ Action: 'CreateServiceLinkedRole', AWSServiceName: 'spot.amazonaws.com' })))
const trustDoc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] })
let created = 0
const scenarios: Record<string, () => Prepared> = {
  GetCallerIdentity: (() => { const p = sign(user, 'sts', 'Action=GetCallerIdentity&Version=2011-06-15'); return () => p })(),
  AssumeRole: (() => { const p = sign(user, 'sts', 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fbench-role&RoleSessionName=bench'); return () => p })(),
  GetRole: (() => { const p = sign(user, 'iam', q({ Action: 'GetRole', RoleName: 'bench-role' })); return () => p })(),
  CreateRole: () => sign(user, 'iam', q({ Action: 'CreateRole', RoleName: `r${created++}`, AssumeRolePolicyDocument: trustDoc }))
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
console.log(`${N} requests per round, ${ROUNDS} rounds, sequential, CPU time of this process (signing excluded)`)
for (const [name, next] of Object.entries(scenarios)) {
  if (args.only !== undefined && args.only !== name) continue
  const perRequest: number[] = []
  const count = name === 'CreateRole' ? Math.min(N, 5000) : N
  for (let round = 0; round < ROUNDS; round++) {
    const batch = Array.from({ length: count }, next)
    const c0 = process.cpuUsage()
    for (const p of batch) await call(p)
    const c = process.cpuUsage(c0)
    perRequest.push((c.user + c.system) / count)
  }
  // The minimum is the figure least disturbed by other work on a shared machine (interference only adds CPU time).
  console.log(`${name.padEnd(18)} ${median(perRequest).toFixed(1).padStart(7)} us CPU per request (median; min ${Math.min(...perRequest).toFixed(1)}; rounds: ${perRequest.map((x) => x.toFixed(1)).join(', ')})`)
}
await warden.close()
