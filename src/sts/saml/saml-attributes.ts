/**
 * What a verified assertion's attributes mean to STS (IAM User Guide, "Configure SAML
 * assertions for the authentication response" and "Available keys for SAML-based AWS STS
 * federation"): the Role pairs, RoleSessionName, SourceIdentity and PrincipalTag /
 * TransitiveTagKeys attributes, and the `saml:*` condition keys.
 */
import { createHash } from 'node:crypto'
import type { ContextValue } from '../../eval/index.js'
import { awsError } from '../../protocol/index.js'
import type { ProviderSessionTags } from '../federated-session.js'
import type { SamlAssertion } from './read-assertion.js'

const ATTR = 'https://aws.amazon.com/SAML/Attributes/'
const ROLE = `${ATTR}Role`
const ROLE_SESSION_NAME = `${ATTR}RoleSessionName`
const SOURCE_IDENTITY = `${ATTR}SourceIdentity`
const PRINCIPAL_TAG = `${ATTR}PrincipalTag:`
const TRANSITIVE_TAG_KEYS = `${ATTR}TransitiveTagKeys`
const NAMEID_PREFIX = 'urn:oasis:names:tc:SAML:2.0:nameid-format:'
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u

/** The attributes AWS maps to saml:* condition keys, by their OID attribute names. */
const OID_KEYS: Readonly<Record<string, string>> = {
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': 'edupersonaffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.2': 'edupersonnickname',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.3': 'edupersonorgdn',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.4': 'edupersonorgunitdn',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.5': 'edupersonprimaryaffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.6': 'edupersonprincipalname',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.7': 'edupersonentitlement',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.8': 'edupersonprimaryorgunitdn',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.9': 'edupersonscopedaffiliation',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.10': 'edupersontargetedid',
  'urn:oid:1.3.6.1.4.1.5923.1.1.1.11': 'edupersonassurance',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.2': 'eduorghomepageuri',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.3': 'eduorgidentityauthnpolicyuri',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.4': 'eduorglegalname',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.5': 'eduorgsuperioruri',
  'urn:oid:1.3.6.1.4.1.5923.1.2.1.6': 'eduorgwhitepagesuri',
  'urn:oid:2.5.4.3': 'cn',
  'urn:oid:2.5.4.4': 'surname',
  'urn:oid:2.5.4.41': 'name',
  'urn:oid:2.5.4.42': 'givenName',
  'urn:oid:2.5.4.45': 'x500UniqueIdentifier',
  'urn:oid:0.9.2342.19200300.100.1.1': 'uid',
  'urn:oid:0.9.2342.19200300.100.1.3': 'mail',
  'urn:oid:0.9.2342.19200300.100.1.45': 'organizationStatus'
}

/** True when the assertion's Role attribute holds the pair `role,provider` (in either order). */
export function roleAllowed(a: SamlAssertion, roleArn: string, providerArn: string): boolean {
  return (a.attributes.get(ROLE) ?? []).some((v) => {
    const parts = v.split(',').map((p) => p.trim())
    return parts.length === 2 && parts.includes(roleArn) && parts.includes(providerArn) && roleArn !== providerArn
  })
}

/** The RoleSessionName attribute; InvalidIdentityToken with AWS's words when missing or malformed. */
export function sessionNameOf(a: SamlAssertion): string {
  const name = a.attributes.get(ROLE_SESSION_NAME)?.[0]
  if (name === undefined) throw awsError('InvalidIdentityToken', 'RoleSessionName is required in AuthnResponse')
  if (!SESSION_NAME.test(name)) throw awsError('InvalidIdentityToken', 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}')
  return name
}

/** The SourceIdentity attribute, if any; InvalidIdentityToken with AWS's words when malformed. */
export function sourceIdentityOf(a: SamlAssertion): string | undefined {
  const v = a.attributes.get(SOURCE_IDENTITY)?.[0]
  if (v === undefined) return undefined
  if (!SESSION_NAME.test(v) || v.toLowerCase().startsWith('aws:')) {
    throw awsError('InvalidIdentityToken', 'Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with "aws:"')
  }
  return v
}

/** Session tags from PrincipalTag:<key> attributes and TransitiveTagKeys, or undefined when there are none. */
export function sessionTagsOf(a: SamlAssertion): ProviderSessionTags | undefined {
  const tags: Record<string, string> = {}
  for (const [name, values] of a.attributes) {
    if (!name.startsWith(PRINCIPAL_TAG)) continue
    const key = name.slice(PRINCIPAL_TAG.length)
    const value = values[0] ?? ''
    if (!TAG_KEY.test(key) || !TAG_VALUE.test(value) || values.length !== 1) throw awsError('InvalidIdentityToken', `The session tag ${key} in the SAML assertion is not valid.`)
    tags[key] = value
  }
  const transitive = a.attributes.get(TRANSITIVE_TAG_KEYS) ?? []
  if (transitive.some((k) => !Object.hasOwn(tags, k))) throw awsError('InvalidIdentityToken', 'TransitiveTagKeys in the SAML assertion must name its PrincipalTag attributes.')
  if (Object.keys(tags).length > 50) throw awsError('InvalidIdentityToken', 'The SAML assertion passes more than 50 session tags.')
  return Object.keys(tags).length > 0 ? { tags, transitiveTagKeys: transitive } : undefined
}

/** SubjectType as STS reports it: the SAML 2.0 name id formats without their prefix, others as given. */
export function subjectTypeOf(a: SamlAssertion): string | undefined {
  const f = a.subjectFormat
  return f?.startsWith(NAMEID_PREFIX) ? f.slice(NAMEID_PREFIX.length) : f
}

/** NameQualifier: base64(SHA-1(issuer + account id + "/" + provider name)), as AWS documents it. */
export function nameQualifierOf(issuer: string, accountId: string, providerName: string): string {
  return createHash('sha1').update(`${issuer}${accountId}/${providerName}`).digest('base64')
}

/** The saml:* condition keys of a verified assertion. */
export function samlContext(a: SamlAssertion, recipient: string, accountId: string, providerName: string): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    'saml:aud': recipient,
    'saml:iss': a.issuer ?? '',
    'saml:doc': `${accountId}/${providerName}`,
    'saml:namequalifier': nameQualifierOf(a.issuer ?? '', accountId, providerName)
  }
  if (a.subject !== undefined) context['saml:sub'] = a.subject
  const subType = subjectTypeOf(a)
  if (subType !== undefined) context['saml:sub_type'] = subType
  for (const [name, values] of a.attributes) {
    const key = OID_KEYS[name]
    if (key !== undefined && values.length > 0) context[`saml:${key}`] = values.length === 1 ? values[0]! : values
  }
  return context
}
