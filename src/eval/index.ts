/** The policy evaluation engine: pure, no I/O; runs in the server and in the browser. */
export * from './types.js'
export { compilePolicySet, evaluate } from './engine.js'
export { formatAccessDenied } from './explain.js'
export { buildRequestContext, principalArnOf } from './context.js'
export { createLruCache, type LruCache } from './cache.js'
export { globMatch, compileStringGlob } from './wildcard.js'
export { parseCidr, parseIp, cidrContains, type Cidr } from './cidr.js'
export { decodeBase64, parseBool, parseDate, parseNumber } from './values.js'
