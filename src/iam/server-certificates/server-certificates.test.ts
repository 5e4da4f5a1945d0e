import { X509Certificate } from 'node:crypto'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { makeTestCertificates, type TestCertificates } from '../../../test/helpers/certificates.js'
import { openSecret } from '../access-keys/secret.js'
import { accountSummary } from '../account/get-account-summary.js'
import { expectAwsError } from '../roles/expect-aws-error.js'
import { createTestContext, type TestContext } from '../shared/testing.js'
import { MESSAGES } from './certificate-input.js'
import { deleteServerCertificate } from './delete-server-certificate.js'
import { getServerCertificate } from './get-server-certificate.js'
import { listServerCertificates } from './list-server-certificates.js'
import { serverCertificateTagOperations } from './server-certificate-tags.js'
import { updateServerCertificate } from './update-server-certificate.js'
import { uploadServerCertificate } from './upload-server-certificate.js'

const ACCT = '123456789012'
const ARN = `arn:aws:iam::${ACCT}:server-certificate`

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- outputs are model-shaped records
type Out = any

let certs: TestCertificates
beforeAll(() => {
  certs = makeTestCertificates()
})

describe('server certificate operations', () => {
  let ctx: TestContext
  beforeEach(async () => {
    ctx = await createTestContext()
  })
  afterEach(async () => ctx.store.close())

  const upload = (name: string, extra: Record<string, unknown> = {}) =>
    uploadServerCertificate.handler({ ServerCertificateName: name, CertificateBody: certs.rsa.cert, PrivateKey: certs.rsa.key, ...extra }, ctx)

  it('UploadServerCertificate: metadata with an ASCA id, the ARN with path, the expiration of the certificate; authorized on that ARN with tag keys', async () => {
    const input = { ServerCertificateName: 'Web', Path: '/cloudfront/', CertificateBody: certs.rsa.cert, PrivateKey: certs.rsa.key, CertificateChain: certs.chain, Tags: [{ Key: 'team', Value: 'ml' }] }
    const out: Out = await uploadServerCertificate.handler(input, ctx)
    const meta = out.ServerCertificateMetadata
    expect(meta).toEqual({
      Path: '/cloudfront/', ServerCertificateName: 'Web', ServerCertificateId: expect.stringMatching(/^ASCA[A-Z0-9]{17}$/) as unknown,
      Arn: `${ARN}/cloudfront/Web`, UploadDate: expect.any(Date) as unknown, Expiration: new Date(new X509Certificate(certs.rsa.cert).validTo)
    })
    expect(out.Tags).toEqual([{ Key: 'team', Value: 'ml' }])
    expect(await uploadServerCertificate.resource?.(input, ctx)).toBe(`${ARN}/cloudfront/Web`)
    expect(await uploadServerCertificate.conditionContext?.(input, ctx)).toEqual({ 'aws:RequestTag/team': 'ml', 'aws:TagKeys': ['team'] })
    await expectAwsError(upload('WEB'), 'EntityAlreadyExists', 'The Server Certificate with name WEB already exists.')
  })

  it('keeps the private key sealed: the store holds ciphertext that opens to the key, and no response carries it', async () => {
    await upload('Web', { CertificateChain: certs.chain })
    const stored = await ctx.store.getServerCertificate('Web')
    expect(Buffer.from(stored!.privateKeyCiphertext).toString('utf8')).not.toContain('PRIVATE KEY')
    expect(openSecret(ctx.keys, stored!.privateKeyCiphertext)).toBe(certs.rsa.key)
    const got: Out = await getServerCertificate.handler({ ServerCertificateName: 'web' }, ctx)
    expect(got.ServerCertificate.CertificateBody).toBe(certs.rsa.cert)
    expect(got.ServerCertificate.CertificateChain).toBe(certs.chain)
    expect(JSON.stringify(got)).not.toContain('PRIVATE KEY')
    expect(JSON.stringify(await listServerCertificates.handler({}, ctx))).not.toContain('PRIVATE KEY')
  })

  it('accepts RSA keys in PKCS#8 and PKCS#1 form and EC keys in PKCS#8 and SEC1 form', async () => {
    await upload('pkcs8')
    await upload('pkcs1', { PrivateKey: certs.rsa.pkcs1Key })
    await upload('ec', { CertificateBody: certs.ec.cert, PrivateKey: certs.ec.key })
    await upload('sec1', { CertificateBody: certs.ec.cert, PrivateKey: certs.ec.sec1Key })
    expect(((await listServerCertificates.handler({}, ctx)) as Out).ServerCertificateMetadataList).toHaveLength(4)
  })

  it('refuses what IAM refuses, with its error codes, and stores nothing', async () => {
    const body = (b: string) => upload('Bad', { CertificateBody: b })
    await expectAwsError(body('not a certificate'), 'MalformedCertificate', MESSAGES.body)
    await expectAwsError(body(certs.rsa.cert.replace('MII', 'MIX')), 'MalformedCertificate', MESSAGES.body)
    await expectAwsError(body(certs.rsa.cert + certs.intermediate), 'MalformedCertificate', MESSAGES.body)
    await expectAwsError(body(`junk\n${certs.rsa.cert}`), 'MalformedCertificate', MESSAGES.body)
    await expectAwsError(upload('Bad', { PrivateKey: 'not a key' }), 'MalformedCertificate', MESSAGES.key)
    await expectAwsError(upload('Bad', { PrivateKey: certs.rsa.encryptedKey }), 'MalformedCertificate', MESSAGES.key)
    await expectAwsError(upload('Bad', { PrivateKey: certs.rsa.cert }), 'MalformedCertificate', MESSAGES.key)
    await expectAwsError(upload('Bad', { PrivateKey: certs.otherKey }), 'KeyPairMismatch', MESSAGES.mismatch)
    await expectAwsError(upload('Bad', { PrivateKey: certs.ec.key }), 'KeyPairMismatch', MESSAGES.mismatch)
    const chain = (c: string) => upload('Bad', { CertificateChain: c })
    await expectAwsError(chain(certs.root), 'MalformedCertificate', MESSAGES.chain(0))
    await expectAwsError(chain(certs.root + certs.intermediate), 'MalformedCertificate', MESSAGES.chain(0))
    await expectAwsError(chain(certs.intermediate + certs.intermediate), 'MalformedCertificate', MESSAGES.chain(1))
    await expectAwsError(chain(certs.intermediate + 'junk'), 'MalformedCertificate', MESSAGES.chain(1))
    await expectAwsError(chain('junk'), 'MalformedCertificate', MESSAGES.chain(0))
    await expectAwsError(chain(certs.intermediate + certs.root.replace('MII', 'MIX')), 'MalformedCertificate', MESSAGES.chain(1))
    expect(await ctx.store.getServerCertificate('Bad')).toBeUndefined()
    await upload('Good', { CertificateChain: certs.intermediate })
  })

  it('refuses an expired certificate (MalformedCertificate) and records the expiration of a valid one', async () => {
    const expires = new Date(new X509Certificate(certs.shortLived.cert).validTo)
    const later = await createTestContext({ store: ctx.store, now: new Date(expires.getTime() + 1000) })
    const input = { ServerCertificateName: 'Short', CertificateBody: certs.shortLived.cert, PrivateKey: certs.shortLived.key }
    await expectAwsError(uploadServerCertificate.handler(input, later), 'MalformedCertificate', MESSAGES.expired)
    const out: Out = await uploadServerCertificate.handler(input, ctx)
    expect(out.ServerCertificateMetadata.Expiration).toEqual(expires)
  })

  it('UpdateServerCertificate renames and moves, authorized on the old and the new ARN; refuses a taken name', async () => {
    await upload('A', { Path: '/old/' })
    await upload('B')
    expect(await updateServerCertificate.resource?.({ ServerCertificateName: 'a' }, ctx)).toBe(`${ARN}/old/A`)
    await updateServerCertificate.handler({ ServerCertificateName: 'a', NewServerCertificateName: 'C', NewPath: '/new/' }, ctx)
    expect(ctx.authorizations).toEqual([{ action: 'iam:UpdateServerCertificate', resource: `${ARN}/new/C`, context: undefined }])
    const got: Out = await getServerCertificate.handler({ ServerCertificateName: 'C' }, ctx)
    expect(got.ServerCertificate.ServerCertificateMetadata).toMatchObject({ Path: '/new/', ServerCertificateName: 'C', Arn: `${ARN}/new/C` })
    await expectAwsError(updateServerCertificate.handler({ ServerCertificateName: 'C', NewServerCertificateName: 'b' }, ctx), 'EntityAlreadyExists',
      'The Server Certificate with name b already exists.')
    await expectAwsError(updateServerCertificate.handler({ ServerCertificateName: 'A', NewPath: '/' }, ctx), 'NoSuchEntity',
      'The Server Certificate with name A cannot be found.')
  })

  it('UpdateServerCertificate changes nothing when the new ARN is denied', async () => {
    await upload('A')
    const denied = new Error('denied')
    const c2 = await createTestContext({ store: ctx.store, deny: { action: 'iam:UpdateServerCertificate', error: denied } })
    await expect(updateServerCertificate.handler({ ServerCertificateName: 'A', NewServerCertificateName: 'Z' }, c2)).rejects.toBe(denied)
    expect((await ctx.store.getServerCertificate('A'))?.name).toBe('A')
  })

  it('ListServerCertificates (PathPrefix, paging, no tags) and DeleteServerCertificate; GetAccountSummary counts them', async () => {
    await upload('b', { Path: '/x/', Tags: [{ Key: 'k', Value: 'v' }] })
    await upload('a')
    await upload('c', { Path: '/x/y/' })
    const all: Out = await listServerCertificates.handler({}, ctx)
    expect(all.ServerCertificateMetadataList.map((m: Out) => m.ServerCertificateName)).toEqual(['a', 'b', 'c'])
    expect(all.ServerCertificateMetadataList[1]).not.toHaveProperty('Tags')
    expect(all.IsTruncated).toBe(false)
    const x: Out = await listServerCertificates.handler({ PathPrefix: '/x/' }, ctx)
    expect(x.ServerCertificateMetadataList.map((m: Out) => m.ServerCertificateName)).toEqual(['b', 'c'])
    const page1: Out = await listServerCertificates.handler({ MaxItems: 2 }, ctx)
    expect(page1.IsTruncated).toBe(true)
    const page2: Out = await listServerCertificates.handler({ Marker: page1.Marker }, ctx)
    expect(page2.ServerCertificateMetadataList.map((m: Out) => m.ServerCertificateName)).toEqual(['c'])
    expect((await accountSummary(ctx.store)).ServerCertificates).toBe(3)
    await deleteServerCertificate.handler({ ServerCertificateName: 'B' }, ctx)
    await expectAwsError(deleteServerCertificate.handler({ ServerCertificateName: 'B' }, ctx), 'NoSuchEntity', 'The Server Certificate with name B cannot be found.')
    expect((await accountSummary(ctx.store)).ServerCertificates).toBe(2)
    expect((await accountSummary(ctx.store)).ServerCertificatesQuota).toBe(20)
  })

  it('TagServerCertificate, UntagServerCertificate and ListServerCertificateTags, authorized on the certificate ARN', async () => {
    const [tag, untag, list] = serverCertificateTagOperations
    expect([tag.name, untag.name, list.name]).toEqual(['TagServerCertificate', 'UntagServerCertificate', 'ListServerCertificateTags'])
    await upload('T', { Path: '/p/' })
    const tagInput = { ServerCertificateName: 't', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }
    expect(await tag.resource?.(tagInput, ctx)).toBe(`${ARN}/p/T`)
    expect(await tag.conditionContext?.(tagInput, ctx)).toEqual({ 'aws:RequestTag/a': '1', 'aws:RequestTag/b': '2', 'aws:TagKeys': ['a', 'b'] })
    await tag.handler(tagInput, ctx)
    expect(await list.handler({ ServerCertificateName: 'T' }, ctx)).toEqual({ Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }], IsTruncated: false })
    await untag.handler({ ServerCertificateName: 'T', TagKeys: ['A'] }, ctx)
    expect(((await getServerCertificate.handler({ ServerCertificateName: 'T' }, ctx)) as Out).ServerCertificate.Tags).toEqual([{ Key: 'b', Value: '2' }])
    await expectAwsError(tag.handler({ ServerCertificateName: 'Nope', Tags: [{ Key: 'a', Value: '1' }] }, ctx), 'NoSuchEntity', 'The Server Certificate with name Nope cannot be found.')
    expect(await tag.resource?.({ ServerCertificateName: 'Nope' }, ctx)).toBe(`${ARN}/Nope`)
  })

  it('keeps the quota of 20 server certificates per account', async () => {
    for (let i = 0; i < 20; i++) await upload(`c${i}`)
    await expectAwsError(upload('c20'), 'LimitExceeded', 'Cannot exceed quota for ServerCertificatesPerAccount: 20')
  })
})
