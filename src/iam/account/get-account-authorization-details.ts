/**
 * GetAccountAuthorizationDetails
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html).
 * MaxItems counts entries across the four lists together, as AWS does: users, then groups,
 * roles, customer managed policies and the AWS managed policies in use. The Marker records
 * the section a page stopped in and the store's marker within it.
 */
import { invalidMarker } from '../../protocol/index.js'
import { defineOperation } from '../../server/operation.js'
import type { Store } from '../../store/index.js'
import { SECTION_LIST, SECTIONS, sectionPage, type Section } from './authorization-details.js'

interface Input {
  Filter?: Section[]
  MaxItems?: number
  Marker?: string
}

interface Cursor {
  section: Section
  marker?: string
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(['aad', cursor.section, cursor.marker ?? null]), 'utf8').toString('base64url')
}

function decodeCursor(marker: string): Cursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'))
    if (Array.isArray(v) && v.length === 3 && v[0] === 'aad' && SECTIONS.includes(v[1] as Section) && (v[2] === null || typeof v[2] === 'string')) {
      return v[2] === null ? { section: v[1] as Section } : { section: v[1] as Section, marker: v[2] as string }
    }
  } catch {
    // not a marker this operation issued
  }
  throw invalidMarker()
}

/** The full response (every list, paged as a whole) for a filter, a page size and a marker. */
export async function authorizationDetails(store: Store, input: Input): Promise<Record<string, unknown>> {
  const wanted = SECTIONS.filter((s) => input.Filter === undefined || input.Filter.length === 0 || input.Filter.includes(s))
  const cursor = input.Marker === undefined ? undefined : decodeCursor(input.Marker)
  const start = cursor === undefined ? 0 : SECTIONS.indexOf(cursor.section)
  const lists: Record<string, Record<string, unknown>[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] }
  let room = input.MaxItems ?? 100
  let next: Cursor | undefined
  for (const section of SECTIONS.slice(start).filter((s) => wanted.includes(s))) {
    const marker = cursor !== undefined && section === cursor.section ? cursor.marker : undefined
    if (room === 0) {
      // The page is full: it is truncated only if this section still has entries.
      if ((await sectionPage(store, section, marker, 1)).items.length > 0) next = marker === undefined ? { section } : { section, marker }
      if (next) break
      continue
    }
    const page = await sectionPage(store, section, marker, room)
    lists[SECTION_LIST[section]]!.push(...page.items)
    room -= page.items.length
    if (page.isTruncated) {
      next = page.marker === undefined ? { section } : { section, marker: page.marker }
      break
    }
  }
  const out: Record<string, unknown> = { ...lists, IsTruncated: next !== undefined }
  if (next !== undefined) out.Marker = encodeCursor(next)
  return out
}

export const getAccountAuthorizationDetails = defineOperation<Input, Record<string, unknown>>({
  service: 'iam',
  name: 'GetAccountAuthorizationDetails',
  handler: (input, ctx) => authorizationDetails(ctx.store, input)
})
