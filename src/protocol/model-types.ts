/**
 * The compact, derived form of the botocore service models that Warden vendors in
 * ./models (written by scripts/generate-api-models.ts). Only what the Query protocol
 * needs survives: shapes, constraints, serialization names and error traits.
 */

/** The two services Warden serves. */
export type ServiceName = 'iam' | 'sts'

/** A structure member: its target shape plus the serialization traits botocore honours. */
export interface MemberRef {
  shape: string
  required?: true
  /** Wire name when it differs from the member name. */
  locationName?: string
  flattened?: true
}

export interface StructureShape {
  type: 'structure'
  /** Members in model order: responses are written in this order. */
  members: Record<string, MemberRef>
  /** Present on exception shapes. */
  error?: ErrorTrait
}

export interface ListShape {
  type: 'list'
  member: string
  /** Wire name of each element (`member` unless the model says otherwise). */
  memberName?: string
  flattened?: true
  min?: number
  max?: number
}

export interface MapShape {
  type: 'map'
  key: string
  value: string
  keyName?: string
  valueName?: string
  flattened?: true
  min?: number
  max?: number
}

export interface StringShape {
  type: 'string'
  min?: number
  max?: number
  /** Java-style pattern exactly as the model (and AWS's messages) print it. */
  pattern?: string
  enum?: string[]
  sensitive?: true
}

export interface NumberShape {
  type: 'integer' | 'long'
  min?: number
  max?: number
}

export interface BlobShape {
  type: 'blob'
  min?: number
  max?: number
  sensitive?: true
}

export interface ScalarShape {
  type: 'boolean' | 'timestamp'
}

export type Shape = StructureShape | ListShape | MapShape | StringShape | NumberShape | BlobShape | ScalarShape

/** The model's `error` trait of an exception shape. */
export interface ErrorTrait {
  code: string
  status: number
  /** senderFault: the `Type` of the ErrorResponse is Sender, else Receiver. */
  sender: boolean
}

export interface OperationModel {
  input?: string
  output?: string
  /** The `<XResult>` element wrapping the output members. */
  resultWrapper?: string
  /** Exception shape names the operation may raise. */
  errors?: string[]
}

export interface ServiceModel {
  service: ServiceName
  apiVersion: string
  xmlNamespace: string
  operations: Record<string, OperationModel>
  shapes: Record<string, Shape>
}
