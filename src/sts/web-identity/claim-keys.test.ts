import { describe, expect, it } from 'vitest'
import { claimContext } from './claim-keys.js'

describe('web identity condition keys', () => {
  it('gives every provider sub and aud, and amr, azp, email when the token has them', async () => {
    const ctx = await claimContext('idp.example.com/tenant', { sub: 's', aud: ['a', 'b'], amr: ['pwd', 'mfa'], email: 'e@x', extra: 'no' }, 'a', 's')
    expect(ctx).toEqual({ 'idp.example.com/tenant:sub': 's', 'idp.example.com/tenant:aud': 'a', 'idp.example.com/tenant:amr': ['pwd', 'mfa'], 'idp.example.com/tenant:email': 'e@x' })
  })

  it("gives an issuer the claim keys the service authorization reference lists for it (GitHub's repository, ref, ...)", async () => {
    const claims = { sub: 'repo:acme/ml:ref:refs/heads/main', aud: 'sts.amazonaws.com', repository: 'acme/ml', ref: 'refs/heads/main', actor: 'octocat', job_workflow_ref: 'acme/ml/.github/workflows/train.yml@refs/heads/main', custom: 'x' }
    const gh = await claimContext('token.actions.githubusercontent.com', claims, 'sts.amazonaws.com', claims.sub)
    expect(gh['token.actions.githubusercontent.com:repository']).toBe('acme/ml')
    expect(gh['token.actions.githubusercontent.com:ref']).toBe('refs/heads/main')
    expect(gh['token.actions.githubusercontent.com:actor']).toBe('octocat')
    expect(gh).not.toHaveProperty('token.actions.githubusercontent.com:custom')
    // The same claims from another issuer are not keys.
    expect(await claimContext('ci.example.com', claims, 'sts.amazonaws.com', claims.sub)).not.toHaveProperty('ci.example.com:repository')
    // A ${Domain} placeholder stands for one name segment; nested claims are read by path.
    const ghe = await claimContext('token.actions.acme.ghe.com', claims, 'sts.amazonaws.com', claims.sub)
    expect(ghe['token.actions.acme.ghe.com:repository']).toBe('acme/ml')
    const google = await claimContext('accounts.google.com', { sub: 's', aud: 'a', google: { organization_number: 42 } }, 'a', 's')
    expect(google['accounts.google.com:google/organization_number']).toBe('42')
  })
})
