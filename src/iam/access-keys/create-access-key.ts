/**
 * CreateAccessKey (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html):
 * an `AKIA` id of 20 characters (the store makes it) and a 40-character secret that is
 * returned this once and stored only sealed. The store enforces AccessKeysPerUser (2).
 */
import { defineOperation } from '../../server/operation.js'
import { generateSecretAccessKey, sealSecret } from './secret.js'
import { requireTargetUser, targetUserArn } from './target-user.js'

export const createAccessKey = defineOperation<{ UserName?: string }, { AccessKey: Record<string, unknown> }>({
  service: 'iam',
  name: 'CreateAccessKey',
  resource: (input, ctx) => targetUserArn(ctx, input.UserName),
  async handler(input, ctx) {
    const user = await requireTargetUser(ctx, input.UserName)
    const secret = generateSecretAccessKey()
    const key = await ctx.store.createAccessKey({ userName: user.name, secretCiphertext: sealSecret(ctx.keys, secret) })
    return {
      AccessKey: {
        UserName: key.userName,
        AccessKeyId: key.id,
        Status: key.status,
        SecretAccessKey: secret,
        CreateDate: key.createDate
      }
    }
  }
})
