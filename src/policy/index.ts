/** The policy language: model, JSON source parser, IAM validation and build helpers. */
export type * from './model.js'
export { parsePolicy, validatePolicyValue, VERSION_2008, VERSION_2012, type PolicyParseOptions, type PolicyParseResult } from './parse.js'
export { parseJson, getMember, type JsonNode, type JsonParseResult, type JsonSyntaxError } from './json-source.js'
export { parseConditionOperator, BASE_OPERATORS, type ConditionOperatorParts } from './condition-operators.js'
export { policyFromObject, policyFromText, statementFromObject, emptyPrincipal, InvalidPolicyError } from './build.js'
export { policySize, sizeQuota } from './size-limit.js'
export { isIamDate } from './validate-elements.js'
