import { describe, expect, it } from 'vitest'
import { patternCovers, resourceFitsFormat } from './patterns.js'

describe('patternCovers', () => {
  it.each([
    ['iam:Get*', 'iam:GetUser', true],
    ['iam:Get*', 'iam:Get*', true],
    ['iam:Get*', 'iam:G*', false],
    ['iam:*', 'iam:Get?ser', true],
    ['iam:Get?ser', 'iam:Get*ser', false],
    ['iam:?etUser', 'iam:?etUser', true],
    ['*', 'anything*', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b', false],
    ['arn:aws:s3:::b*', 'arn:aws:s3:::b/*', true]
  ])('%s covers %s: %s', (outer, inner, want) => {
    expect(patternCovers(outer, inner, false)).toBe(want)
  })

  it('compares actions without case', () => {
    expect(patternCovers('S3:get*', 's3:GetObject', true)).toBe(true)
    expect(patternCovers('S3:get*', 's3:GetObject', false)).toBe(false)
  })
})

describe('resourceFitsFormat', () => {
  const bucket = 'arn:${Partition}:s3:::${BucketName}'
  const object = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}'
  const logGroup = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}'
  const logStream = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}'
  const role = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'
  it.each([
    ['arn:aws:s3:::data', bucket, true],
    ['arn:aws:s3:::data', object, false],
    ['arn:aws:s3:::data/*', bucket, false],
    ['arn:aws:s3:::data/*', object, true],
    ['arn:aws:s3:::data/a/b.csv', object, true],
    ['arn:aws:s3:::*', bucket, true],
    ['arn:aws:s3:::*', object, true],
    ['arn:aws:s3:::', bucket, false],
    ['arn:aws:s3:::home/${aws:username}/*', object, true],
    ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/ec2/training-logs', logGroup, true],
    ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/ec2/training-logs', logStream, false],
    ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/ec2/training-logs:*', logStream, true],
    ['arn:aws:logs:*:*:*', logStream, true],
    ['arn:aws:iam::123456789012:role/service-role/exec', role, true],
    ['arn:aws:iam::123456789012:user/alice', role, false],
    ['*', role, true],
    // A wildcard in one field can stand for several fields.
    ['arn:aws:*code*::111122223333:*', 'arn:${Partition}:codecommit:${Region}:${Account}:${RepositoryName}', true],
    ['arn:aws:s3:us-east-1::data', bucket, false]
  ])('%s fits %s: %s', (resource, format, want) => {
    expect(resourceFitsFormat(resource, format)).toBe(want)
  })
})
