import { describe, expect, it } from 'vitest'
import { getAwsManagedPolicy } from '../../catalog/index.js'
import { parsePolicy } from '../../policy/index.js'
import { SERVICE_LINKED_ROLES, serviceLinkedTrustPolicy } from './services.js'

describe('service-linked role table', () => {
  it('covers the services the seed guides use', () => {
    expect(SERVICE_LINKED_ROLES.map((s) => s.service).sort()).toEqual(expect.arrayContaining([
      'autoscaling.amazonaws.com', 'batch.amazonaws.com', 'ecs.amazonaws.com', 'elasticloadbalancing.amazonaws.com',
      'sagemaker.amazonaws.com', 'spot.amazonaws.com', 'spotfleet.amazonaws.com'
    ]))
  })

  for (const spec of SERVICE_LINKED_ROLES) {
    it(`${spec.service}: ${spec.roleName} with ${spec.policyArn} exists in the catalog snapshot`, async () => {
      expect(spec.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//)
      expect(spec.roleName).toMatch(/^AWSServiceRoleFor\w+$/)
      const policy = await getAwsManagedPolicy(spec.policyArn)
      expect(policy?.arn).toBe(spec.policyArn)
      expect(policy?.path).toBe('/aws-service-role/')
      const trust = parsePolicy(serviceLinkedTrustPolicy(spec.service), { kind: 'trust', sizeLimit: 'trust' })
      expect(trust.problems).toEqual([])
      expect(trust.policy?.statements[0]?.principal?.service).toEqual([spec.service])
    })
  }
})
