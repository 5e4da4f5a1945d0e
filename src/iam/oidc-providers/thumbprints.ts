/** OpenID Connect provider thumbprint lists: at most 5, stored lower-case as IAM does. */
import { iamError } from '../shared/errors.js'

const MAX_THUMBPRINTS = 5

/** The thumbprints to store; InvalidInput past 5 (the model already checks each is 40 characters). */
export function checkThumbprints(list: string[]): string[] {
  if (list.length > MAX_THUMBPRINTS) throw iamError('InvalidInput', `Thumbprint list must contain fewer than ${MAX_THUMBPRINTS} entries.`)
  return list.map((t) => t.toLowerCase())
}
