/** Why an operation of the botocore models is not served, keyed `service:Operation`; shown in docs/api-coverage.md. */
export const NOT_IMPLEMENTED: Record<string, string> = {}
