/**
 * The peer in the engine benchmark and the differential tests: @cloud-copilot/iam-simulate
 * (AGPL-3.0, a devDependency only; never imported from src/). Its fastest entry point is the
 * core `authorize` with policies loaded once, which the package does not export, so it is
 * imported by file path.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)
const root = dirname(dirname(dirname(require.resolve('@cloud-copilot/iam-simulate'))))
const esm = (p: string) => pathToFileURL(join(root, 'dist', 'esm', p)).href

/* eslint-disable @typescript-eslint/no-explicit-any -- the peer is untyped across its private modules */
const core: any = await import(esm('core_engine/CoreSimulatorEngine.js'))
const { AwsRequestImpl }: any = await import(esm('request/request.js'))
const { RequestContextImpl }: any = await import(esm('requestContext.js'))
const { DiscoveryContextKeyConstraints }: any = await import(esm('context_keys/discoveryContextKeyConstraints.js'))
const { loadPolicy }: any = await import('@cloud-copilot/iam-policy')
export const { runSimulation }: any = await import('@cloud-copilot/iam-simulate')

export type PeerDecision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied'

export interface PeerPolicies {
  identity: { name: string; policy: unknown }[]
  resource?: unknown
  boundary?: { name: string; policy: unknown }[]
  session?: unknown
  /** One list of policies per organization level, root first. */
  scp?: unknown[][]
}

/** Loads the policies once and returns a function deciding one request with the core engine. */
export function peerAuthorizer(policies: PeerPolicies) {
  const identityPolicies = policies.identity.map((p) => loadPolicy(p.policy, { name: p.name }))
  const resourcePolicy = policies.resource ? loadPolicy(policies.resource, { name: 'resource' }) : undefined
  const permissionBoundaries = policies.boundary?.map((p) => loadPolicy(p.policy, { name: p.name }))
  const sessionPolicy = policies.session ? loadPolicy(policies.session, { name: 'session' }) : undefined
  const serviceControlPolicies = (policies.scp ?? []).map((level, i) => ({
    orgIdentifier: `ou-${i}`,
    policies: level.map((policy, k) => loadPolicy(policy, { name: `scp-${i}-${k}` }))
  }))
  const simulationParameters = { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) }
  return (principal: string, action: string, resource: string, accountId: string, context: Record<string, string | string[]>): PeerDecision => {
    const request = new AwsRequestImpl(principal, { resource, accountId }, action, new RequestContextImpl(context))
    const analysis = core.authorize({
      request,
      sessionPolicy,
      identityPolicies,
      serviceControlPolicies,
      resourceControlPolicies: [],
      resourcePolicy,
      permissionBoundaries,
      vpcEndpointPolicies: undefined,
      simulationParameters,
      serviceSettings: {}
    })
    return analysis.result as PeerDecision
  }
}
