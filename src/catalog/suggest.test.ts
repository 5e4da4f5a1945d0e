import { beforeAll, describe, expect, it } from 'vitest'
import cases from './suggest-cases.json' with { type: 'json' }
import { ServiceCatalog } from './service-catalog.js'
import { camelWords, editDistance, nameShape, nameSimilarity, singular } from './similarity.js'
import { OPERATION_ACTIONS, SERVICE_ALIASES } from './suggest-hints.js'

interface SuggestCase {
  input: string
  first: string
  alsoSuggests?: string[]
  crossService?: boolean
  doc: string
  why: string
}

describe('similarity', () => {
  it('counts edits, with adjacent swaps as one', () => {
    expect(editDistance('putobject', 'putobject')).toBe(0)
    expect(editDistance('putobjetc', 'putobject')).toBe(1)
    expect(editDistance('listbucket', 'listbuckets')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('kitten', 'sitting')).toBe(3)
  })

  it('splits camel case and drops plurals', () => {
    expect(camelWords('ListAllMyBuckets')).toEqual(['list', 'all', 'my', 'buckets'])
    expect(camelWords('DescribeDBInstances')).toEqual(['describe', 'db', 'instances'])
    expect(camelWords('ListObjectsV2')).toEqual(['list', 'objects', 'v', '2'])
    expect(singular('buckets')).toBe('bucket')
    expect(singular('policies')).toBe('policy')
    expect(singular('access')).toBe('access')
    expect(singular('status')).toBe('status')
  })

  it('scores a case-only difference 1 and a plural just below it', () => {
    expect(nameSimilarity(nameShape('getobject'), nameShape('GetObject'))).toBe(1)
    expect(nameSimilarity(nameShape('GetObjects'), nameShape('GetObject'))).toBe(0.96)
    const typo = nameSimilarity(nameShape('CreateTraningJob'), nameShape('CreateTrainingJob'))
    const other = nameSimilarity(nameShape('CreateTraningJob'), nameShape('DeleteModel'))
    expect(typo).toBeGreaterThan(0.8)
    expect(other).toBeLessThan(0.5)
  })
})

describe('suggestActions', () => {
  let catalog: ServiceCatalog
  beforeAll(async () => {
    catalog = await ServiceCatalog.create()
  })

  // Each case: a realistic mistake from ML setups; the first suggestion must be the real action.
  it.each(cases as SuggestCase[])('$input -> $first ($why)', async (c) => {
    expect(c.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//)
    await catalog.ensureForSuggestions(c.input, { crossService: c.crossService === true })
    const suggestions = catalog.suggestActions(c.input)
    expect(suggestions[0]?.action).toBe(c.first)
    for (const also of c.alsoSuggests ?? []) expect(suggestions.map((s) => s.action)).toContain(also)
    expect(catalog.actionExists(c.first)).toBe(true)
  })

  it('ranks best first, scores in [0, 1], honours limit and explains itself', async () => {
    await catalog.ensureService('s3')
    const s = catalog.suggestActions('s3:ListBuckets', { limit: 2 })
    expect(s).toEqual([
      { action: 's3:ListAllMyBuckets', score: 0.99, reason: 'known-mapping' },
      { action: 's3:ListBucket', score: 0.96, reason: 'similar-name' }
    ])
    expect(catalog.suggestActions('s3:getobject')[0]).toEqual({ action: 's3:GetObject', score: 1, reason: 'case' })
  })

  it('suggests nothing for gibberish or an unknown service with no near prefix', async () => {
    const fresh = await ServiceCatalog.create()
    await fresh.ensureService('s3')
    expect(fresh.suggestActions('s3:Qzxwvbnmpk')).toEqual([])
    await fresh.ensureForSuggestions('qqqqqqqq:Qzxwvbnmpk')
    expect(fresh.suggestActions('qqqqqqqq:Qzxwvbnmpk')).toEqual([])
    expect(fresh.suggestActions('no-colon-at-all')).toEqual([])
  })

  it('finds an action under any loaded prefix when the written prefix is unknown', async () => {
    const fresh = await ServiceCatalog.create()
    await fresh.ensureService('s3')
    expect(fresh.suggestActions('qqqqqqqq:getobject')[0]).toEqual({ action: 's3:GetObject', score: 0.9, reason: 'other-service' })
  })

  it('throws only for a real service that was not loaded', async () => {
    const fresh = await ServiceCatalog.create()
    expect(() => fresh.suggestActions('batch:SubmitJobs')).toThrow(/not loaded/)
  })

  it('proposes prefixes for service names and typos', () => {
    expect(catalog.suggestServices('stepfunctions')[0]).toBe('states')
    expect(catalog.suggestServices('CloudWatch-Logs')[0]).toBe('logs')
    expect(catalog.suggestServices('sagemaker')[0]).toBe('sagemaker')
    expect(catalog.suggestServices('sagemkaer')[0]).toBe('sagemaker')
    expect(catalog.suggestServices('elasticcontainerregistry')[0]).toBe('ecr')
    expect(catalog.suggestServices('')).toEqual([])
  })

  it('hint tables point at real actions and prefixes', async () => {
    const targets = [...OPERATION_ACTIONS.values()].flat()
    await catalog.ensureForActions(targets)
    for (const t of targets) expect(catalog.canonicalAction(t), t).toBe(t)
    for (const [operation] of OPERATION_ACTIONS) expect(catalog.actionExists(operation), `${operation} must not be a real action`).toBe(false)
    for (const prefix of SERVICE_ALIASES.values()) expect(catalog.serviceExists(prefix), prefix).toBe(true)
    for (const alias of SERVICE_ALIASES.keys()) expect(catalog.serviceExists(alias), alias).toBe(false)
  })
})
