import { describe, expect, it } from 'vitest'
import { aggregateResourceNames } from './resource-name.js'

describe('aggregateResourceNames', () => {
  it('names the resource type\'s ARN format when every resource is of that type', async () => {
    const objects = ['arn:aws:s3:::data/a.npy', 'arn:aws:s3:::data/b/c.npy']
    const instances = ['arn:aws:ec2:us-east-1:123456789012:instance/i-1', 'arn:aws:ec2:us-west-2:123456789012:instance/i-2']
    expect(await aggregateResourceNames(['s3:GetObject', 's3:ListBucket'], objects)).toEqual(['arn:aws:s3:::${BucketName}/${ObjectName}', objects[0]])
    expect(await aggregateResourceNames(['s3:ListBucket'], ['arn:aws:s3:::a', 'arn:aws:s3:::b'])).toEqual(['arn:aws:s3:::${BucketName}'])
    expect(await aggregateResourceNames(['ec2:StopInstances'], instances)).toEqual(['arn:aws:ec2:${Region}:${Account}:instance/${InstanceId}'])
    expect(await aggregateResourceNames(['ec2:StopInstances'], instances.map((a) => a.replace('arn:aws:', 'arn:aws-cn:')))).toEqual(['arn:aws-cn:ec2:${Region}:${Account}:instance/${InstanceId}'])
  })

  it('names the first resource for mixed types, unknown actions, or one repeated resource', async () => {
    const mixed = ['arn:aws:ec2:us-east-1:123456789012:instance/i-1', 'arn:aws:ec2:us-east-1::image/ami-1']
    expect(await aggregateResourceNames(['ec2:RunInstances'], mixed)).toEqual([mixed[0]])
    expect(await aggregateResourceNames(['nosuchservice:Act'], ['arn:aws:x:::a', 'arn:aws:x:::b'])).toEqual(['arn:aws:x:::a'])
    expect(await aggregateResourceNames(['s3:GetObject', 'iam:GetRole'], ['arn:aws:s3:::a/b', 'arn:aws:s3:::a/b'])).toEqual(['arn:aws:s3:::a/b', 'arn:aws:s3:::a/b'])
  })
})
