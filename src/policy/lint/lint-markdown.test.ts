import { describe, expect, it } from 'vitest'
import { prepareLintCatalog } from '../../catalog/lint-catalog.js'
import { lintMarkdown } from './lint-markdown.js'

const guide = [
  '# Set up',
  '',
  'Attach **`AmazonS3FullAccess`** and `IAMReadOnlyAccess`, then paste:',
  '',
  '```json',
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [{"Effect": "Allow", "Action": "s3:ListBuckets", "Resource": "*"}]',
  '}',
  '3. Click Next (this block is never closed)',
  '',
  'aws iam attach-user-policy --user-name me --policy-arn arn:aws:iam::aws:policy/AWSLambdaFullAccess'
].join('\n')

describe('lintMarkdown', () => {
  it('checks json blocks, managed policy ARNs and full-access names where they are in the guide', async () => {
    const prepared = await prepareLintCatalog([guide])
    const { findings } = lintMarkdown(guide, prepared)
    expect(findings.map((f) => [f.issueCode, f.range?.start.line, f.range?.start.column])).toEqual([
      ['FULL_ACCESS_MANAGED_POLICY', 3, 11],
      ['INVALID_ACTION', 8, 47],
      ['MANAGED_POLICY_NOT_ATTACHABLE', 12, 56]
    ])
    expect(findings[1]!.document).toBe('json block at line 6')
  })

  it('finds nothing in prose without policies', async () => {
    const text = '# IAM\n\nRoles are assumed by services.\n'
    expect(lintMarkdown(text, await prepareLintCatalog([text])).findings).toEqual([])
  })
})
