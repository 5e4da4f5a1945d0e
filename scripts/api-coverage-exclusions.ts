/** Why an operation of the botocore models is not served, keyed `service:Operation`; shown in docs/api-coverage.md. */
export const NOT_IMPLEMENTED: Record<string, string> = {
  'sts:AssumeRoot':
    'privileged root sessions on a member account of an AWS Organization, asked for by its management or delegated administrator account with centralized root access enabled; Warden holds one standalone account with no organization, so there is no member account to target and every call could only fail',
}
