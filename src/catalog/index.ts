/**
 * The catalog: AWS service authorization data (actions, resource types, condition keys)
 * and the AWS managed policy snapshot. Both load lazily and then answer from memory.
 */
export { CatalogNotLoadedError, loadCatalog, ServiceCatalog } from './service-catalog.js'
export {
  awsManagedPolicyCount,
  awsManagedPolicyText,
  getAwsManagedPolicy,
  isAwsManagedPolicyArn,
  listAwsManagedPolicies,
  loadAwsManagedPolicies,
  type AwsManagedPolicy,
  type AwsManagedPolicySnapshot,
  type ListAwsManagedPoliciesOptions
} from './managed-policies.js'
export type {
  AccessLevel,
  ActionInfo,
  ActionResourceType,
  ActionSuggestion,
  ConditionKeyInfo,
  ResourceTypeInfo,
  ServiceInfo,
  SuggestionReason,
  SuggestOptions
} from './types.js'
