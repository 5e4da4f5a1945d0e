/**
 * `warden export`: the whole account in the form `aws iam get-account-authorization-details`
 * prints (every page joined, as the CLI's paginator joins them).
 */
import { authorizationDetails } from '../iam/account/get-account-authorization-details.js'
import type { Store } from '../store/index.js'
import { toCliJson } from './cli-json.js'

/** The four lists the CLI prints, in its order. */
export interface SnapshotDocument {
  UserDetailList: unknown[]
  GroupDetailList: unknown[]
  RoleDetailList: unknown[]
  Policies: unknown[]
}

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const

/** Reads every user, group, role and managed policy in use, as the CLI would print them. */
export async function exportSnapshot(store: Store): Promise<SnapshotDocument> {
  const joined: Record<string, unknown[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] }
  let marker: string | undefined
  do {
    const page = await authorizationDetails(store, marker === undefined ? { MaxItems: 1000 } : { MaxItems: 1000, Marker: marker })
    for (const list of LISTS) joined[list]!.push(...(page[list] as unknown[]))
    marker = page.IsTruncated === true ? (page.Marker as string) : undefined
  } while (marker !== undefined)
  const cli = toCliJson('GetAccountAuthorizationDetailsResponse', joined) as Record<string, unknown[]>
  return { UserDetailList: cli.UserDetailList ?? [], GroupDetailList: cli.GroupDetailList ?? [], RoleDetailList: cli.RoleDetailList ?? [], Policies: cli.Policies ?? [] }
}

/** The file text: 4-space indented JSON and a final newline, as the CLI writes it. */
export function snapshotText(doc: SnapshotDocument): string {
  return JSON.stringify(doc, null, 4) + '\n'
}
