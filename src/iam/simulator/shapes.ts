/** The input and output shapes of the simulator operations, as the botocore model names their members. */
import type { ApiPosition } from './positions.js'

export const CONTEXT_KEY_TYPES = [
  'string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList',
  'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList'
] as const
export type ContextKeyType = (typeof CONTEXT_KEY_TYPES)[number]

export interface ContextEntryInput {
  ContextKeyName?: string
  ContextKeyValues?: string[]
  ContextKeyType?: ContextKeyType
}

/** Members SimulatePrincipalPolicy and SimulateCustomPolicy share. */
export interface SimulationInput {
  PolicyInputList?: string[]
  PermissionsBoundaryPolicyInputList?: string[]
  ActionNames: string[]
  ResourceArns?: string[]
  ResourcePolicy?: string
  ResourceOwner?: string
  CallerArn?: string
  ContextEntries?: ContextEntryInput[]
  ResourceHandlingOption?: string
  MaxItems?: number
  Marker?: string
}

export interface SimulatePrincipalPolicyInput extends SimulationInput {
  PolicySourceArn: string
}

export interface SimulateCustomPolicyInput extends SimulationInput {
  PolicyInputList: string[]
}

export type ApiDecision = 'allowed' | 'explicitDeny' | 'implicitDeny'
export type ApiPolicySourceType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none'

export interface ApiStatement {
  SourcePolicyId: string
  SourcePolicyType: ApiPolicySourceType
  StartPosition?: ApiPosition
  EndPosition?: ApiPosition
}

export interface ApiResourceSpecificResult {
  EvalResourceName: string
  EvalResourceDecision: ApiDecision
  MatchedStatements: ApiStatement[]
  MissingContextValues: string[]
  EvalDecisionDetails?: Record<string, ApiDecision>
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean }
}

export interface ApiEvaluationResult {
  EvalActionName: string
  EvalResourceName?: string
  EvalDecision: ApiDecision
  MatchedStatements: ApiStatement[]
  MissingContextValues: string[]
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean }
  EvalDecisionDetails?: Record<string, ApiDecision>
  ResourceSpecificResults?: ApiResourceSpecificResult[]
}

export interface SimulatePolicyOutput {
  EvaluationResults: ApiEvaluationResult[]
  IsTruncated: boolean
  Marker?: string
}

export interface GetContextKeysOutput {
  ContextKeyNames: string[]
}
