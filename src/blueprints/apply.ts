/**
 * Apply: sends a plan's steps in order. A step that fails stops the run; what was done
 * stays done, and the next plan (read from the account again) lists only what is left, so
 * the next apply completes a half-applied blueprint.
 */
import { GetServiceLinkedRoleDeletionStatusCommand, type IAMClient } from '@aws-sdk/client-iam'
import type { Plan } from './plan.js'
import { isAwsError, sendStep, type Step } from './steps.js'

export interface CreatedAccessKey {
  userName: string
  accessKeyId: string
  secretAccessKey: string
}

export interface ApplyResult {
  /** Steps sent successfully (follow-up steps included). */
  done: Step[]
  /** Removals skipped because the entity was gone already. */
  alreadyGone: Step[]
  accessKeys: CreatedAccessKey[]
  /** The step that failed and its error; undefined when everything was applied. */
  failed?: { step: Step; error: Error }
}

export interface ApplyOptions {
  /** Called before and after each step (progress output); a returned promise is awaited. */
  onStep?: (event: 'start' | 'done' | 'gone' | 'failed', step: Step, index: number, total: number) => void | Promise<void>
  /** How long to retry a call that fails because IAM has not yet seen an entity this run created (eventual consistency). */
  consistencyRetryMs?: number
  /** Time between polls of a service-linked role deletion. */
  pollMs?: number
}

// Real IAM is eventually consistent: a role trusting a user created a moment ago can be
// rejected ("Invalid principal") and a new role can be NoSuchEntity for an instant.
function isConsistencyError(e: unknown): boolean {
  return isAwsError(e, 'NoSuchEntity') || (isAwsError(e, 'MalformedPolicyDocument') && /Invalid principal/i.test((e as Error).message))
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Sends the plan's steps in order; stops at the first failure. */
export async function applyPlan(client: IAMClient, plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const result: ApplyResult = { done: [], alreadyGone: [], accessKeys: [] }
  const queue = [...plan.steps]
  const retryMs = options.consistencyRetryMs ?? 20_000
  let createdSomething = false
  for (let i = 0; i < queue.length; i++) {
    const step = queue[i]!
    await options.onStep?.('start', step, i, queue.length)
    let out: Record<string, unknown> | undefined
    const started = Date.now()
    for (let attempt = 0; ; attempt++) {
      try {
        out = await sendStep(client, step)
        break
      } catch (e) {
        if (step.ignoreMissing && isAwsError(e, 'NoSuchEntity')) break
        if (createdSomething && !step.ignoreMissing && isConsistencyError(e) && Date.now() - started < retryMs) {
          await sleep(Math.min(500 * 2 ** attempt, 4000))
          continue
        }
        result.failed = { step, error: e as Error }
        await options.onStep?.('failed', step, i, queue.length)
        return result
      }
    }
    if (out === undefined) {
      result.alreadyGone.push(step)
      await options.onStep?.('gone', step, i, queue.length)
      continue
    }
    if (step.action.startsWith('Create')) createdSomething = true
    if (step.action === 'CreateAccessKey') {
      const key = out.AccessKey as { UserName: string; AccessKeyId: string; SecretAccessKey: string }
      result.accessKeys.push({ userName: key.UserName, accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey })
    }
    if (step.action === 'DeleteServiceLinkedRole') {
      const failure = await waitForDeletion(client, String(out.DeletionTaskId), options.pollMs ?? 1000)
      if (failure) {
        result.failed = { step, error: new Error(failure) }
        await options.onStep?.('failed', step, i, queue.length)
        return result
      }
    }
    result.done.push(step)
    await options.onStep?.('done', step, i, queue.length)
    if (step.then) queue.splice(i + 1, 0, ...step.then(out))
  }
  return result
}

/** Polls a service-linked role deletion task; returns a reason when it failed. */
async function waitForDeletion(client: IAMClient, taskId: string, pollMs: number): Promise<string | undefined> {
  for (let i = 0; i < 120; i++) {
    const status = await client.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: taskId }))
    if (status.Status === 'SUCCEEDED') return undefined
    if (status.Status === 'FAILED') return `the deletion of the service-linked role failed: ${status.Reason?.Reason ?? 'the service still uses it'}`
    await sleep(pollMs)
  }
  return `the deletion task ${taskId} did not finish`
}
