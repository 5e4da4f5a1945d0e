/**
 * A step is one IAM API call: its action name and input, exactly as sent. Plans are lists
 * of steps; apply sends them with the AWS SDK, and `warden request` prints them as `aws`
 * commands, so what an administrator runs is what apply would have done.
 */
import * as iam from '@aws-sdk/client-iam'

/** The IAM actions blueprints use, mapped to their SDK commands. */
const COMMANDS = {
  CreatePolicy: iam.CreatePolicyCommand,
  CreatePolicyVersion: iam.CreatePolicyVersionCommand,
  DeletePolicyVersion: iam.DeletePolicyVersionCommand,
  DeletePolicy: iam.DeletePolicyCommand,
  CreateRole: iam.CreateRoleCommand,
  UpdateRole: iam.UpdateRoleCommand,
  UpdateAssumeRolePolicy: iam.UpdateAssumeRolePolicyCommand,
  DeleteRole: iam.DeleteRoleCommand,
  TagRole: iam.TagRoleCommand,
  AttachRolePolicy: iam.AttachRolePolicyCommand,
  DetachRolePolicy: iam.DetachRolePolicyCommand,
  PutRolePolicy: iam.PutRolePolicyCommand,
  DeleteRolePolicy: iam.DeleteRolePolicyCommand,
  PutRolePermissionsBoundary: iam.PutRolePermissionsBoundaryCommand,
  DeleteRolePermissionsBoundary: iam.DeleteRolePermissionsBoundaryCommand,
  CreateInstanceProfile: iam.CreateInstanceProfileCommand,
  AddRoleToInstanceProfile: iam.AddRoleToInstanceProfileCommand,
  RemoveRoleFromInstanceProfile: iam.RemoveRoleFromInstanceProfileCommand,
  DeleteInstanceProfile: iam.DeleteInstanceProfileCommand,
  CreateGroup: iam.CreateGroupCommand,
  DeleteGroup: iam.DeleteGroupCommand,
  AttachGroupPolicy: iam.AttachGroupPolicyCommand,
  DetachGroupPolicy: iam.DetachGroupPolicyCommand,
  PutGroupPolicy: iam.PutGroupPolicyCommand,
  DeleteGroupPolicy: iam.DeleteGroupPolicyCommand,
  AddUserToGroup: iam.AddUserToGroupCommand,
  RemoveUserFromGroup: iam.RemoveUserFromGroupCommand,
  CreateUser: iam.CreateUserCommand,
  DeleteUser: iam.DeleteUserCommand,
  AttachUserPolicy: iam.AttachUserPolicyCommand,
  DetachUserPolicy: iam.DetachUserPolicyCommand,
  PutUserPolicy: iam.PutUserPolicyCommand,
  DeleteUserPolicy: iam.DeleteUserPolicyCommand,
  PutUserPermissionsBoundary: iam.PutUserPermissionsBoundaryCommand,
  DeleteUserPermissionsBoundary: iam.DeleteUserPermissionsBoundaryCommand,
  CreateAccessKey: iam.CreateAccessKeyCommand,
  DeleteAccessKey: iam.DeleteAccessKeyCommand,
  CreateServiceLinkedRole: iam.CreateServiceLinkedRoleCommand,
  DeleteServiceLinkedRole: iam.DeleteServiceLinkedRoleCommand
} as const

export type StepAction = keyof typeof COMMANDS

/** Input members that carry a policy document (sent as JSON text, shown as files by `request`). */
export const DOCUMENT_MEMBERS = new Set(['PolicyDocument', 'AssumeRolePolicyDocument'])

export interface Step {
  action: StepAction
  input: Record<string, unknown>
  /** One line for progress output, e.g. `create role EC2-Training-Role`. */
  summary: string
  /** Removals: NoSuchEntity means it is gone already (a half-done destroy, a duplicate detach). */
  ignoreMissing?: boolean
  /** Steps that need this one's output (e.g. TagRole after CreateServiceLinkedRole names the role). */
  then?: (output: Record<string, unknown>) => Step[]
}

/** The step's identity for de-duplication: the same call twice in one plan is sent once. */
export function stepKey(step: Step): string {
  return `${step.action}\u0000${JSON.stringify(step.input)}`
}

/** Sends one step; returns the SDK output. */
export async function sendStep(client: iam.IAMClient, step: Step): Promise<Record<string, unknown>> {
  const Command = COMMANDS[step.action] as unknown as new (input: unknown) => iam.CreateRoleCommand
  return (await client.send(new Command(step.input))) as unknown as Record<string, unknown>
}

/** True for an SDK error with this AWS error code. */
export function isAwsError(e: unknown, code: string): boolean {
  return e !== null && typeof e === 'object' && ((e as { name?: string }).name === code || (e as { Code?: string }).Code === code)
}
