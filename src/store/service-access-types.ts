/**
 * Service last accessed data (GenerateServiceLastAccessedDetails and friends): the recorded
 * use of each service action per authenticated IAM user or role, the report jobs, and the
 * account's STS preferences (SetSecurityTokenServicePreferences).
 */

/** One authenticated attempt to call `namespace:action`, as the usage recorder writes it. */
export interface ServiceAccessEntry {
  /** The user's or role's unique id (AIDA... / AROA...), so a recreated entity starts afresh. */
  entityId: string
  /** The user's or role's ARN, as LastAuthenticatedEntity reports it. */
  entityArn: string
  /** Service namespace, lower case (`iam`, `sts`). */
  namespace: string
  /** Action name as the API spells it (`ListUsers`). */
  action: string
  at: Date
  region: string
}

export type ServiceLastAccessedGranularity = 'SERVICE_LEVEL' | 'ACTION_LEVEL'
export type ServiceLastAccessedJobStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED'

/** A GenerateServiceLastAccessedDetails job: created IN_PROGRESS, then COMPLETED (with the report) or FAILED. */
export interface ServiceLastAccessedJobRecord {
  /** A UUID (36 characters, as jobIDType requires). */
  id: string
  /** The user, group, role or policy ARN the report is about. */
  arn: string
  granularity: ServiceLastAccessedGranularity
  status: ServiceLastAccessedJobStatus
  createDate: Date
  completionDate?: Date
  /** The finished report, JSON (its shape belongs to src/iam/service-last-accessed). */
  report?: string
  error?: { code: string; message: string }
}

/** SetSecurityTokenServicePreferences' GlobalEndpointTokenVersion. */
export type GlobalEndpointTokenVersion = 'v1Token' | 'v2Token'
