/**
 * IAM server certificates end to end through the AWS SDK, with certificates and keys made
 * by openssl for this run (test/helpers/certificates.ts): matching and mismatching keys,
 * chains, rename and move, the account quota, tags and aws:ResourceTag, authorization of
 * both ARNs of a rename, bad input changing nothing, the private key never leaving the
 * server; and the aws CLI uploading from files.
 */
import { execFile } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import {
  DeleteServerCertificateCommand, GetAccountAuthorizationDetailsCommand, GetAccountSummaryCommand, GetServerCertificateCommand, ListServerCertificatesCommand,
  ListServerCertificateTagsCommand, TagServerCertificateCommand, UntagServerCertificateCommand, UpdateServerCertificateCommand, UploadServerCertificateCommand,
  type UploadServerCertificateCommandInput
} from '@aws-sdk/client-iam'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { makeTestCertificates, type TestCertificates } from '../helpers/certificates.js'
import { prng } from '../helpers/prng.js'
import { awsErrorOf as errorOf, createUserWithKeys, startWarden, TEST_ACCOUNT_ID, type RunningWarden } from '../helpers/warden.js'

const ARN = `arn:aws:iam::${TEST_ACCOUNT_ID}:server-certificate`
const CHAIN_MESSAGE = 'Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, ' +
  'followed by any intermediaries in order. The index within the chain of the invalid certificate is: '

let w: RunningWarden
let certs: TestCertificates
beforeAll(async () => {
  certs = makeTestCertificates()
  w = await startWarden()
})
afterAll(async () => {
  await w.stop()
})
beforeEach(async () => {
  await w.reset()
})

const upload = (name: string, extra: Partial<UploadServerCertificateCommandInput> = {}) =>
  w.iam().send(new UploadServerCertificateCommand({ ServerCertificateName: name, CertificateBody: certs.rsa.cert, PrivateKey: certs.rsa.key, ...extra }))
const names = async (prefix?: string) =>
  ((await w.iam().send(new ListServerCertificatesCommand(prefix ? { PathPrefix: prefix } : {}))).ServerCertificateMetadataList ?? []).map((m) => m.ServerCertificateName)
const count = async () => (await w.iam().send(new GetAccountSummaryCommand({}))).SummaryMap!.ServerCertificates

describe('upload and read', () => {
  it('uploads a certificate with its key, chain, path and tags; Get returns all but the key; List and the account summary show it', async () => {
    const iam = w.iam()
    const out = await upload('www', { Path: '/cloudfront/prod/', CertificateChain: certs.chain, Tags: [{ Key: 'team', Value: 'web' }] })
    const meta = out.ServerCertificateMetadata!
    expect(meta).toMatchObject({ Path: '/cloudfront/prod/', ServerCertificateName: 'www', Arn: `${ARN}/cloudfront/prod/www` })
    expect(meta.ServerCertificateId).toMatch(/^ASCA[A-Z0-9]{17}$/)
    expect(meta.Expiration!.getTime()).toBe(new Date(new X509Certificate(certs.rsa.cert).validTo).getTime())
    expect(Math.abs(meta.UploadDate!.getTime() - Date.now())).toBeLessThan(60_000)
    expect(out.Tags).toEqual([{ Key: 'team', Value: 'web' }])
    const got = (await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'WWW' }))).ServerCertificate!
    expect(got.ServerCertificateMetadata).toEqual(meta)
    expect(got.CertificateBody).toBe(certs.rsa.cert)
    expect(got.CertificateChain).toBe(certs.chain)
    expect(got.Tags).toEqual([{ Key: 'team', Value: 'web' }])
    const listed = await iam.send(new ListServerCertificatesCommand({}))
    expect(listed.ServerCertificateMetadataList).toEqual([meta])
    expect(listed.IsTruncated).toBe(false)
    expect(await count()).toBe(1)
    // AWS leaves server certificates out of GetAccountAuthorizationDetails.
    const details = await iam.send(new GetAccountAuthorizationDetailsCommand({}))
    expect(JSON.stringify(details)).not.toContain('server-certificate')
    // The key went in and never comes out: not in a response, not in the server's logs.
    const keyBody = certs.rsa.key.split('\n')[1]!
    expect(JSON.stringify([out, got, listed])).not.toContain(keyBody)
    expect(w.logs.join('\n')).not.toContain(keyBody)
    expect(w.logs.join('\n')).not.toContain('PRIVATE KEY')
  })

  it('accepts EC certificates and RSA keys in PKCS#1 form', async () => {
    await upload('ec', { CertificateBody: certs.ec.cert, PrivateKey: certs.ec.sec1Key })
    await upload('pkcs1', { PrivateKey: certs.rsa.pkcs1Key })
    expect(await names()).toEqual(['ec', 'pkcs1'])
  })

  it('GetServerCertificate and DeleteServerCertificate of a missing certificate are NoSuchEntity', async () => {
    const iam = w.iam()
    expect(await errorOf(iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'nope' }))))
      .toEqual({ name: 'NoSuchEntity', status: 404, message: 'The Server Certificate with name nope cannot be found.' })
    await upload('gone')
    await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'GONE' }))
    expect(await errorOf(iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'gone' }))))
      .toEqual({ name: 'NoSuchEntity', status: 404, message: 'The Server Certificate with name gone cannot be found.' })
    expect(await count()).toBe(0)
  })
})

describe('bad input changes nothing', () => {
  it('refuses mismatching keys, malformed certificates and keys, broken chains and a taken name with AWS error codes', async () => {
    await upload('taken')
    const cases: [Partial<UploadServerCertificateCommandInput>, { name: string; status: number; message?: string }][] = [
      [{ PrivateKey: certs.otherKey }, { name: 'KeyPairMismatch', status: 400 }],
      [{ CertificateBody: certs.ec.cert }, { name: 'KeyPairMismatch', status: 400 }],
      [{ CertificateBody: 'hello' }, { name: 'MalformedCertificate', status: 400, message: 'Unable to parse certificate. Please ensure the certificate is in PEM format.' }],
      [{ CertificateBody: certs.rsa.cert.replace('MII', 'MIX') }, { name: 'MalformedCertificate', status: 400 }],
      [{ PrivateKey: certs.rsa.encryptedKey }, { name: 'MalformedCertificate', status: 400 }],
      [{ PrivateKey: 'not a key' }, { name: 'MalformedCertificate', status: 400 }],
      [{ CertificateChain: certs.root + certs.intermediate }, { name: 'MalformedCertificate', status: 400, message: `${CHAIN_MESSAGE}0` }],
      [{ CertificateChain: certs.intermediate + certs.intermediate }, { name: 'MalformedCertificate', status: 400, message: `${CHAIN_MESSAGE}1` }],
      [{ CertificateChain: 'not a chain' }, { name: 'MalformedCertificate', status: 400, message: `${CHAIN_MESSAGE}0` }],
      [{ ServerCertificateName: 'TAKEN' }, { name: 'EntityAlreadyExists', status: 409, message: 'The Server Certificate with name TAKEN already exists.' }],
      [{ ServerCertificateName: 'bad name' }, { name: 'ValidationError', status: 400 }],
      [{ Path: 'no-slashes' }, { name: 'ValidationError', status: 400 }],
      [{ Tags: [{ Key: 'bad#key', Value: 'v' }] }, { name: 'ValidationError', status: 400 }],
      [{ Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: '' })) }, { name: 'ValidationError', status: 400 }]
    ]
    for (const [extra, expected] of cases) {
      const err = await errorOf(upload('new', extra))
      expect(err, JSON.stringify(extra).slice(0, 120)).toMatchObject(expected)
    }
    expect(await names()).toEqual(['taken'])
    expect(await count()).toBe(1)
  })

  it('random mixes of parts never give a 500, and only whole, matching uploads are stored', async () => {
    const rand = prng(20261130)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
    const cut = (t: string) => t.slice(0, Math.floor(rand() * t.length))
    // Each part is a good one 60% of the time, so some uploads are whole and valid.
    const part = <T>(good: readonly T[], bad: readonly T[]): { value: T; good: boolean } =>
      rand() < 0.6 ? { value: pick(good), good: true } : { value: pick(bad), good: false }
    const bodies = [certs.ec.cert, certs.root, cut(certs.rsa.cert), certs.rsa.key, '', ' ', 'x'.repeat(20_000), `${certs.rsa.cert}\u0001`]
    const keys = [certs.ec.key, certs.otherKey, certs.rsa.encryptedKey, cut(certs.rsa.key), certs.rsa.cert, '', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----']
    const chains = [certs.root, cut(certs.chain), '', certs.rsa.cert, certs.intermediate + certs.intermediate]
    let stored = 0
    for (let i = 0; i < 60; i++) {
      const parts = [
        part([certs.rsa.cert], bodies), part([certs.rsa.key, certs.rsa.pkcs1Key], keys), part([undefined, certs.chain, certs.intermediate], chains),
        part([undefined, '/', '/p/'], ['p', '//x', ''])
      ] as const
      const input = { ServerCertificateName: `f${i}`, CertificateBody: parts[0].value, PrivateKey: parts[1].value, CertificateChain: parts[2].value, Path: parts[3].value }
      const valid = parts.every((p) => p.good)
      try {
        await w.iam().send(new UploadServerCertificateCommand(input))
        stored++
        expect(valid, JSON.stringify(input).slice(0, 200)).toBe(true)
      } catch (e) {
        const err = e as { $metadata?: { httpStatusCode?: number } }
        expect(err.$metadata?.httpStatusCode, String(e)).toBeLessThan(500)
        expect(valid, `${String(e)} ${JSON.stringify(input).slice(0, 200)}`).toBe(false)
      }
    }
    expect(stored).toBeGreaterThan(0)
    expect(await count()).toBe(stored)
  }, 60_000)
})

describe('rename and move', () => {
  it('UpdateServerCertificate changes the name and path (and so the ARN), keeps the id and tags; a taken name changes nothing', async () => {
    const iam = w.iam()
    const id = (await upload('old', { Path: '/a/', Tags: [{ Key: 'k', Value: 'v' }] })).ServerCertificateMetadata!.ServerCertificateId
    await upload('other')
    await iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'old', NewServerCertificateName: 'new', NewPath: '/b/' }))
    expect(await errorOf(iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'old' })))).toMatchObject({ name: 'NoSuchEntity' })
    const moved = (await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'new' }))).ServerCertificate!
    expect(moved.ServerCertificateMetadata).toMatchObject({ ServerCertificateId: id, Path: '/b/', ServerCertificateName: 'new', Arn: `${ARN}/b/new` })
    expect(moved.Tags).toEqual([{ Key: 'k', Value: 'v' }])
    await iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'new', NewPath: '/' }))
    expect(await names('/b/')).toEqual([])
    expect(await errorOf(iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'new', NewServerCertificateName: 'OTHER' }))))
      .toEqual({ name: 'EntityAlreadyExists', status: 409, message: 'The Server Certificate with name OTHER already exists.' })
    expect(await errorOf(iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'nope', NewServerCertificateName: 'x' }))))
      .toEqual({ name: 'NoSuchEntity', status: 404, message: 'The Server Certificate with name nope cannot be found.' })
    expect(await names()).toEqual(['new', 'other'])
  })

  it('a caller allowed to update only under /a/ cannot move a certificate out of it, and nothing changes', async () => {
    await upload('c', { Path: '/a/' })
    const caller = await createUserWithKeys(w, 'ops', {
      inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:UpdateServerCertificate', Resource: `${ARN}/a/*` }] }
    })
    const iam = w.iam(caller.credentials)
    await iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'c', NewServerCertificateName: 'd' }))
    expect(await errorOf(iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'd', NewPath: '/b/' })))).toMatchObject({
      name: 'AccessDenied', status: 403,
      message: `User: ${caller.arn} is not authorized to perform: iam:UpdateServerCertificate on resource: ${ARN}/b/d because no identity-based policy allows the iam:UpdateServerCertificate action`
    })
    expect(await names('/a/')).toEqual(['d'])
  })
})

describe('listing, quota and tags', () => {
  it('ListServerCertificates filters by PathPrefix and pages with Marker/MaxItems', async () => {
    for (const [name, path] of [['d', '/x/'], ['b', '/x/y/'], ['a', '/'], ['c', '/z/']] as const) await upload(name, { Path: path })
    expect(await names()).toEqual(['a', 'b', 'c', 'd'])
    expect(await names('/x/')).toEqual(['b', 'd'])
    const iam = w.iam()
    const seen: string[] = []
    let marker: string | undefined
    do {
      const page = await iam.send(new ListServerCertificatesCommand({ MaxItems: 3, Marker: marker }))
      seen.push(...page.ServerCertificateMetadataList!.map((m) => m.ServerCertificateName!))
      marker = page.IsTruncated ? page.Marker : undefined
    } while (marker)
    expect(seen).toEqual(['a', 'b', 'c', 'd'])
  })

  it('keeps the account quota of 20: the 21st upload is LimitExceeded; a delete frees a slot', async () => {
    for (let i = 0; i < 20; i++) await upload(`c${String(i).padStart(2, '0')}`)
    expect(await errorOf(upload('c20'))).toEqual({ name: 'LimitExceeded', status: 409, message: 'Cannot exceed quota for ServerCertificatesPerAccount: 20' })
    const summary = (await w.iam().send(new GetAccountSummaryCommand({}))).SummaryMap!
    expect([summary.ServerCertificates, summary.ServerCertificatesQuota]).toEqual([20, 20])
    await w.iam().send(new DeleteServerCertificateCommand({ ServerCertificateName: 'c00' }))
    await upload('c20')
    expect(await count()).toBe(20)
  })

  it('Tag, Untag and ListServerCertificateTags; at most 50 tags; tags decide aws:ResourceTag conditions', async () => {
    const iam = w.iam()
    await upload('t', { Tags: [{ Key: 'team', Value: 'ml' }] })
    await upload('u')
    await iam.send(new TagServerCertificateCommand({ ServerCertificateName: 't', Tags: [{ Key: 'Team', Value: 'web' }, { Key: 'env', Value: 'prod' }] }))
    expect((await iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'T' }))).Tags).toEqual([{ Key: 'Team', Value: 'web' }, { Key: 'env', Value: 'prod' }])
    await iam.send(new UntagServerCertificateCommand({ ServerCertificateName: 't', TagKeys: ['env'] }))
    const page = await iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 't', MaxItems: 1 }))
    expect([page.Tags, page.IsTruncated]).toEqual([[{ Key: 'Team', Value: 'web' }], false])
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))
    expect(await errorOf(iam.send(new TagServerCertificateCommand({ ServerCertificateName: 't', Tags: fifty }))))
      .toMatchObject({ name: 'LimitExceeded', status: 409 })
    expect(await errorOf(iam.send(new TagServerCertificateCommand({ ServerCertificateName: 't', Tags: [{ Key: 'a', Value: 'bad\u0000' }] }))))
      .toMatchObject({ name: 'ValidationError', status: 400 })
    expect(await errorOf(iam.send(new TagServerCertificateCommand({ ServerCertificateName: 'nope', Tags: [{ Key: 'a', Value: 'b' }] }))))
      .toEqual({ name: 'NoSuchEntity', status: 404, message: 'The Server Certificate with name nope cannot be found.' })
    expect((await iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 't' }))).Tags).toEqual([{ Key: 'Team', Value: 'web' }])

    const reader = await createUserWithKeys(w, 'reader', {
      inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetServerCertificate', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'web' } } }] }
    })
    const asReader = w.iam(reader.credentials)
    expect((await asReader.send(new GetServerCertificateCommand({ ServerCertificateName: 't' }))).ServerCertificate!.ServerCertificateMetadata!.ServerCertificateName).toBe('t')
    expect(await errorOf(asReader.send(new GetServerCertificateCommand({ ServerCertificateName: 'u' })))).toMatchObject({ name: 'AccessDenied', status: 403 })
  })
})

describe('the aws CLI', () => {
  it('uploads from files, reads back, renames and deletes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-cli-'))
    try {
      for (const [file, text] of [['cert.pem', certs.rsa.cert], ['key.pem', certs.rsa.key], ['chain.pem', certs.chain], ['other.pem', certs.otherKey]] as const) {
        writeFileSync(join(dir, file), text)
      }
      const env = {
        PATH: process.env.PATH ?? '', HOME: dir, AWS_ACCESS_KEY_ID: w.root.accessKeyId, AWS_SECRET_ACCESS_KEY: w.root.secretAccessKey,
        AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_PAGER: ''
      }
      const aws = async (...args: string[]) => {
        const { stdout } = await promisify(execFile)('aws', ['--endpoint-url', w.endpoint, '--output', 'json', 'iam', ...args], { env })
        return stdout.trim() === '' ? {} : JSON.parse(stdout) as Record<string, Record<string, unknown>>
      }
      const up = await aws('upload-server-certificate', '--server-certificate-name', 'cli', '--path', '/cli/', '--certificate-body', `file://${join(dir, 'cert.pem')}`,
        '--private-key', `file://${join(dir, 'key.pem')}`, '--certificate-chain', `file://${join(dir, 'chain.pem')}`, '--tags', 'Key=via,Value=cli')
      expect(up.ServerCertificateMetadata).toMatchObject({ ServerCertificateName: 'cli', Path: '/cli/', Arn: `${ARN}/cli/cli` })
      const got = await aws('get-server-certificate', '--server-certificate-name', 'cli')
      expect(got.ServerCertificate).toMatchObject({ CertificateBody: certs.rsa.cert, CertificateChain: certs.chain, Tags: [{ Key: 'via', Value: 'cli' }] })
      await expect(aws('upload-server-certificate', '--server-certificate-name', 'bad', '--certificate-body', `file://${join(dir, 'cert.pem')}`,
        '--private-key', `file://${join(dir, 'other.pem')}`)).rejects.toThrow(/KeyPairMismatch/)
      await aws('update-server-certificate', '--server-certificate-name', 'cli', '--new-server-certificate-name', 'cli2')
      const listed = await aws('list-server-certificates', '--path-prefix', '/cli/')
      expect((listed.ServerCertificateMetadataList as unknown as { ServerCertificateName: string }[]).map((m) => m.ServerCertificateName)).toEqual(['cli2'])
      await aws('delete-server-certificate', '--server-certificate-name', 'cli2')
      expect(await names()).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
