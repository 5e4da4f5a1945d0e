/**
 * Public shapes of the service authorization catalog: the facts AWS publishes in its
 * Service Authorization Reference (actions, resource types, condition keys per service).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */

/** The access levels AWS assigns to actions in the Service Authorization Reference. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging'

/** A resource type an action can act on, as the action's row in the reference lists it. */
export interface ActionResourceType {
  /** Resource type name as AWS spells it, e.g. `object`, `bucket`, `training-job`. */
  readonly name: string
  /** AWS marks required resource types with `*`: the request always involves one. */
  readonly required: boolean
  /** ARN format with `${Partition}`-style placeholders; undefined when the reference omits it. */
  readonly arnFormat: string | undefined
  /** Condition keys that apply when the action involves this resource type. */
  readonly conditionKeys: readonly string[]
  /** Actions the caller must also be allowed for this resource type. */
  readonly dependentActions: readonly string[]
}

/** One IAM action of one service. */
export interface ActionInfo {
  /** The service prefix, lower case, e.g. `s3`. */
  readonly service: string
  /** The action name in AWS's casing, e.g. `GetObject`. */
  readonly name: string
  /** `service:Name` in AWS's casing, e.g. `s3:GetObject`. */
  readonly fullName: string
  readonly description: string
  readonly accessLevel: AccessLevel
  /** Empty when the action supports only `"Resource": "*"`. */
  readonly resourceTypes: readonly ActionResourceType[]
  /** Action-level condition keys (the keys listed on the action's row without a resource type). */
  readonly conditionKeys: readonly string[]
  readonly dependentActions: readonly string[]
  /** True when the action does not support resource-level permissions (Resource must be `*`). */
  readonly wildcardResourceOnly: boolean
}

/** A resource type a service defines, with its ARN format. */
export interface ResourceTypeInfo {
  readonly service: string
  readonly name: string
  readonly arnFormat: string
  readonly conditionKeys: readonly string[]
}

/** A condition key a service defines (or a global `aws:` key). */
export interface ConditionKeyInfo {
  /** The key as AWS spells it, possibly with a variable part: `s3:ExistingObjectTag/<key>`, `aws:RequestTag/${TagKey}`. */
  readonly key: string
  readonly description: string
  /** AWS's type name: `String`, `ARN`, `Bool`, `Numeric`, `Date`, `IPAddress`, `ArrayOfString`, ... */
  readonly type: string
}

/** A service prefix with its display name. */
export interface ServiceInfo {
  /** Lower-case prefix used in actions, e.g. `states`. */
  readonly prefix: string
  /** AWS's name for the service, e.g. `AWS Step Functions`. */
  readonly name: string
}

/** A real action proposed for a misspelled one, best first. */
export interface ActionSuggestion {
  /** `service:Name` in AWS's casing. */
  readonly action: string
  /** Similarity in [0, 1]; 1 means the same action in a different casing. */
  readonly score: number
  /** Why it was proposed, in words fit for a lint message. */
  readonly reason: SuggestionReason
}

/** Why an action was suggested. */
export type SuggestionReason =
  | 'case' // same action, different casing
  | 'known-mapping' // the API operation the user named is authorized by this action
  | 'similar-name' // close spelling in the same service
  | 'other-service' // the action lives under another service prefix

/** Options for {@link ServiceCatalog.suggestActions}. */
export interface SuggestOptions {
  /** At most this many suggestions (default 5). */
  readonly limit?: number
  /** Drop candidates scoring below this (default 0.55). */
  readonly minScore?: number
}
