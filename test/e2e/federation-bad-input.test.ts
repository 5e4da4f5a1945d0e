/**
 * Bad input to the federation operations through a running server: random forms, signed
 * (provider management) and unsigned (AssumeRoleWithWebIdentity, AssumeRoleWithSAML),
 * with junk tokens, assertions, URLs and documents. Each gets an AWS error document, never
 * a 500, and no provider or role appears.
 */
import { ListOpenIDConnectProvidersCommand, ListRolesCommand, ListSAMLProvidersCommand } from '@aws-sdk/client-iam'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { signRequest } from '../../src/auth/sigv4/index.js'
import { prng } from '../helpers/prng.js'
import { startWarden, TEST_ROOT, type RunningWarden } from '../helpers/warden.js'

let w: RunningWarden
beforeAll(async () => {
  w = await startWarden()
})
afterAll(() => w.stop())

const FORM = 'application/x-www-form-urlencoded; charset=utf-8'
const xml = new XMLParser()
const b64 = (s: string) => encodeURIComponent(Buffer.from(s).toString('base64'))
const jwtPart = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

async function post(body: string, sign: boolean, service: 'iam' | 'sts'): Promise<Response> {
  if (!sign) return fetch(w.endpoint, { method: 'POST', headers: { 'content-type': FORM }, body })
  const host = new URL(w.endpoint).host
  const signed = signRequest({ method: 'POST', path: '/', headers: { host, 'content-type': FORM }, body }, TEST_ROOT, { region: 'us-east-1', service, date: new Date() })
  const { host: _host, ...rest } = signed.headers as Record<string, string>
  return fetch(w.endpoint, { method: 'POST', headers: rest, body })
}

it('random federation forms never produce a 500 or a malformed answer, and change nothing', async () => {
  const rand = prng(20261201)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!
  const sts = ['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML', 'GetFederationToken', 'DecodeAuthorizationMessage']
  const iam = ['CreateOpenIDConnectProvider', 'GetOpenIDConnectProvider', 'AddClientIDToOpenIDConnectProvider', 'UpdateOpenIDConnectProviderThumbprint', 'TagOpenIDConnectProvider',
    'CreateSAMLProvider', 'UpdateSAMLProvider', 'GetSAMLProvider', 'DeleteSAMLProvider', 'ListSAMLProviderTags']
  const keys = ['RoleArn', 'RoleSessionName', 'WebIdentityToken', 'PrincipalArn', 'SAMLAssertion', 'ProviderId', 'DurationSeconds', 'Policy', 'Name', 'EncodedMessage',
    'Url', 'ClientIDList.member.1', 'ThumbprintList.member.1', 'OpenIDConnectProviderArn', 'ClientID', 'SAMLMetadataDocument', 'SAMLProviderArn', 'AddPrivateKey',
    'AssertionEncryptionMode', 'Tags.member.1.Key', 'Tags.member.1.Value']
  const values = [
    '', 'x', '%', '%00', '-1', '900', 'a'.repeat(300), 'arn:aws:iam::123456789012:role/r', 'arn:aws:iam::123456789012:saml-provider/p',
    'arn:aws:iam::123456789012:oidc-provider/idp.example.com', 'http://idp.example.com', 'https://idp.example.com:99', 'https://[::1', 'Required',
    `${jwtPart({ alg: 'RS256' })}.${jwtPart({ iss: 'https://idp.example.com', aud: 'a', sub: 's', exp: 1 })}.c2ln`,
    `${jwtPart({ alg: 'none' })}.${jwtPart({})}.`, `${jwtPart([])}.e30.eA`,
    b64('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>'),
    b64('<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>'),
    b64('\u0000\u00ff'), encodeURIComponent(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="e">${'<x/>'.repeat(300)}</md:EntityDescriptor>`),
    encodeURIComponent('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----')
  ]
  for (let i = 0; i < 200; i++) {
    const service = rand() < 0.5 ? 'sts' : 'iam'
    const params = [`Action=${pick(service === 'sts' ? sts : iam)}`, `Version=${service === 'sts' ? '2011-06-15' : '2010-05-08'}`]
    const n = Math.floor(rand() * 7)
    for (let k = 0; k < n; k++) params.push(`${pick(keys)}=${pick(values)}`)
    const body = params.join('&')
    const res = await post(body, service === 'iam' || rand() < 0.3, service)
    const text = await res.text()
    expect(res.status, `${body}\n${text}`).toBeLessThan(500)
    const doc = xml.parse(text) as Record<string, unknown>
    expect(Object.keys(doc).some((k) => k === 'ErrorResponse' || k.endsWith('Response')), `${body}\n${text}`).toBe(true)
  }
  expect((await w.iam().send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList).toEqual([])
  expect((await w.iam().send(new ListSAMLProvidersCommand({}))).SAMLProviderList).toEqual([])
  expect((await w.iam().send(new ListRolesCommand({}))).Roles).toEqual([])
}, 60_000)
