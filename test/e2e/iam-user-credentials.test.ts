/**
 * SSH public keys, signing certificates and service-specific credentials end to end through
 * the AWS SDK, with keys and certificates made by ssh-keygen and openssl
 * (test/fixtures/user-credentials.json): formats, fingerprints, quotas, duplicates, status,
 * deletion blocking DeleteUser, and bad input changing nothing; and how the credential
 * report and the account summary show them, with login profiles and MFA devices.
 */
import { generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  CreateLoginProfileCommand, CreateServiceSpecificCredentialCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand,
  GenerateCredentialReportCommand, GetAccountSummaryCommand, GetCredentialReportCommand, UpdateAccountPasswordPolicyCommand, DeleteServiceSpecificCredentialCommand, DeleteSigningCertificateCommand, DeleteSSHPublicKeyCommand,
  DeleteUserCommand, GetSSHPublicKeyCommand, ListServiceSpecificCredentialsCommand, ListSigningCertificatesCommand, ListSSHPublicKeysCommand,
  ResetServiceSpecificCredentialCommand, UpdateServiceSpecificCredentialCommand, UpdateSigningCertificateCommand, UpdateSSHPublicKeyCommand,
  UploadSigningCertificateCommand, UploadSSHPublicKeyCommand
} from '@aws-sdk/client-iam'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { authenticatorCode } from '../helpers/totp.js'
import { awsErrorOf as errorOf, startWarden, TEST_ACCOUNT_ID, type RunningWarden } from '../helpers/warden.js'

const FX = JSON.parse(readFileSync(new URL('../fixtures/user-credentials.json', import.meta.url), 'utf8')) as {
  sshRsa2048: string; sshRsa2048Md5: string; sshRsa2048Pem: string; sshEd25519: string; sshRsa1024: string; certificates: string[]
}

let w: RunningWarden
beforeAll(async () => {
  w = await startWarden()
})
afterAll(async () => {
  await w.stop()
})
beforeEach(async () => {
  await w.reset()
  await w.iam().send(new CreateUserCommand({ UserName: 'dev' }))
})

describe('SSH public keys', () => {
  it('uploads OpenSSH and PEM keys, fingerprints them as ssh-keygen does, converts between encodings', async () => {
    const iam = w.iam()
    const up = (await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: FX.sshRsa2048 }))).SSHPublicKey!
    expect(up).toMatchObject({ UserName: 'dev', Fingerprint: FX.sshRsa2048Md5, SSHPublicKeyBody: FX.sshRsa2048, Status: 'Active' })
    expect(up.SSHPublicKeyId).toMatch(/^APKA[A-Z2-7]{16}$/)
    const id = up.SSHPublicKeyId!
    const pem = (await iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id, Encoding: 'PEM' }))).SSHPublicKey!
    expect(pem.SSHPublicKeyBody!.trim()).toBe(FX.sshRsa2048Pem.trim())
    const ssh = (await iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id, Encoding: 'SSH' }))).SSHPublicKey!
    expect(ssh.SSHPublicKeyBody).toBe(FX.sshRsa2048.split(' ').slice(0, 2).join(' '))
    // The same key in PEM form is the same key: a duplicate for this user.
    expect(await errorOf(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: FX.sshRsa2048Pem }))))
      .toEqual({ name: 'DuplicateSSHPublicKey', status: 400, message: 'The request was rejected because the SSH public key is already associated with the specified IAM user.' })
    await iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id, Status: 'Inactive' }))
    const listed = await iam.send(new ListSSHPublicKeysCommand({ UserName: 'dev' }))
    expect(listed.SSHPublicKeys!.map((k) => [k.SSHPublicKeyId, k.Status])).toEqual([[id, 'Inactive']])
    expect(await errorOf(iam.send(new DeleteUserCommand({ UserName: 'dev' })))).toMatchObject({ name: 'DeleteConflict', message: 'Cannot delete entity, must delete SSH public keys first.' })
    await iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id }))
    expect(await errorOf(iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: id, Encoding: 'SSH' }))))
      .toEqual({ name: 'NoSuchEntity', status: 404, message: `The Public Key with id ${id} cannot be found.` })
    await iam.send(new DeleteUserCommand({ UserName: 'dev' }))
  })

  it('refuses keys IAM refuses, and changes nothing', async () => {
    const iam = w.iam()
    const invalid = { name: 'InvalidPublicKey', status: 400, message: 'The request was rejected because the public key is malformed or otherwise invalid.' }
    const unrecognized = { name: 'UnrecognizedPublicKeyEncoding', status: 400, message: 'The request was rejected because the public key encoding format is unsupported or unrecognized.' }
    expect(await errorOf(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: FX.sshRsa1024 })))).toEqual(invalid)
    expect(await errorOf(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB' })))).toEqual(invalid)
    expect(await errorOf(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: FX.sshEd25519 })))).toEqual(unrecognized)
    expect(await errorOf(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: 'not a key at all' })))).toEqual(unrecognized)
    expect(await errorOf(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' })))).toEqual(invalid)
    // A private key would yield a public one; IAM takes public keys only.
    const privatePem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    expect(await errorOf(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: privatePem })))).toEqual(invalid)
    expect(await errorOf(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'ghost', SSHPublicKeyBody: FX.sshRsa2048 })))).toMatchObject({ name: 'NoSuchEntity' })
    expect(await errorOf(iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: 'APKAEXAMPLE000000000', Encoding: 'DER' as 'PEM' }))))
      .toMatchObject({ name: 'ValidationError' })
    expect(await errorOf(iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: 'APKAEXAMPLE000000000', Status: 'Expired' })))).toMatchObject({ name: 'InvalidInput' })
    expect((await iam.send(new ListSSHPublicKeysCommand({ UserName: 'dev' }))).SSHPublicKeys).toEqual([])
  })
})

describe('signing certificates', () => {
  it('uploads, lists with bodies, deactivates and deletes; at most 2 per user, each once in the account', async () => {
    const iam = w.iam()
    const [c1, c2, c3] = FX.certificates as [string, string, string]
    const up = (await iam.send(new UploadSigningCertificateCommand({ UserName: 'dev', CertificateBody: c1 }))).Certificate!
    expect(up).toMatchObject({ UserName: 'dev', CertificateBody: c1, Status: 'Active' })
    expect(up.CertificateId).toMatch(/^[A-Z2-7]{28}$/)
    await iam.send(new CreateUserCommand({ UserName: 'other' }))
    expect(await errorOf(iam.send(new UploadSigningCertificateCommand({ UserName: 'other', CertificateBody: c1 }))))
      .toEqual({ name: 'DuplicateCertificate', status: 409, message: 'The request was rejected because the same certificate is associated with an IAM user in the account.' })
    await iam.send(new UploadSigningCertificateCommand({ UserName: 'dev', CertificateBody: c2 }))
    expect(await errorOf(iam.send(new UploadSigningCertificateCommand({ UserName: 'dev', CertificateBody: c3 }))))
      .toEqual({ name: 'LimitExceeded', status: 409, message: 'Cannot exceed quota for SigningCertificatesPerUser: 2' })
    expect(await errorOf(iam.send(new UploadSigningCertificateCommand({ UserName: 'dev', CertificateBody: 'garbage' }))))
      .toEqual({ name: 'MalformedCertificate', status: 400, message: 'The request was rejected because the certificate was malformed or expired.' })
    await iam.send(new UpdateSigningCertificateCommand({ UserName: 'dev', CertificateId: up.CertificateId!, Status: 'Inactive' }))
    const listed = await iam.send(new ListSigningCertificatesCommand({ UserName: 'dev' }))
    expect(listed.Certificates!.map((c) => [c.CertificateBody, c.Status])).toEqual([[c1, 'Inactive'], [c2, 'Active']])
    expect(await errorOf(iam.send(new DeleteUserCommand({ UserName: 'dev' })))).toMatchObject({ name: 'DeleteConflict', message: 'Cannot delete entity, must delete signing certificates first.' })
    await iam.send(new DeleteSigningCertificateCommand({ UserName: 'dev', CertificateId: up.CertificateId! }))
    expect(await errorOf(iam.send(new DeleteSigningCertificateCommand({ UserName: 'dev', CertificateId: up.CertificateId! }))))
      .toEqual({ name: 'NoSuchEntity', status: 404, message: `The Certificate with id ${up.CertificateId} cannot be found.` })
    // Freed from dev, the certificate may go to another user.
    await iam.send(new UploadSigningCertificateCommand({ UserName: 'other', CertificateBody: c1 }))
  })
})

describe('service-specific credentials', () => {
  it('creates a user name and password per service, lists without passwords, resets, deactivates, deletes', async () => {
    const iam = w.iam()
    const created = (await iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'codecommit.amazonaws.com' }))).ServiceSpecificCredential!
    expect(created).toMatchObject({ UserName: 'dev', ServiceName: 'codecommit.amazonaws.com', ServiceUserName: `dev-at-${TEST_ACCOUNT_ID}`, Status: 'Active' })
    expect(created.ServiceSpecificCredentialId).toMatch(/^ACCA[A-Z2-7]{17}$/)
    expect(created.ServicePassword).toMatch(/^[A-Za-z0-9+/]{59}=$/)
    const id = created.ServiceSpecificCredentialId!
    await iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'codecommit.amazonaws.com' }))
    await iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'cassandra.amazonaws.com' }))
    expect(await errorOf(iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'codecommit.amazonaws.com' }))))
      .toEqual({ name: 'LimitExceeded', status: 409, message: 'Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2' })
    expect(await errorOf(iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 's3.amazonaws.com' }))))
      .toEqual({ name: 'NotSupportedService', status: 404, message: 'The specified service does not support service-specific credentials.' })
    const listed = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'dev', ServiceName: 'codecommit.amazonaws.com' }))
    expect(listed.ServiceSpecificCredentials).toHaveLength(2)
    expect(listed.ServiceSpecificCredentials!.every((c) => !('ServicePassword' in c))).toBe(true)
    await iam.send(new CreateUserCommand({ UserName: 'other' }))
    await iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'other', ServiceName: 'codecommit.amazonaws.com' }))
    expect((await iam.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true }))).ServiceSpecificCredentials).toHaveLength(4)
    const reset = (await iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'dev', ServiceSpecificCredentialId: id }))).ServiceSpecificCredential!
    expect(reset.ServicePassword).toMatch(/^[A-Za-z0-9+/]{59}=$/)
    expect(reset.ServicePassword).not.toBe(created.ServicePassword)
    await iam.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceSpecificCredentialId: id, Status: 'Inactive' }))
    const after = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'dev' }))
    expect(after.ServiceSpecificCredentials!.find((c) => c.ServiceSpecificCredentialId === id)?.Status).toBe('Inactive')
    expect(await errorOf(iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'other', ServiceSpecificCredentialId: id }))))
      .toEqual({ name: 'NoSuchEntity', status: 404, message: `No such credential ${id} exists` })
    await iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'dev', ServiceSpecificCredentialId: id }))
    expect((await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'dev' }))).ServiceSpecificCredentials).toHaveLength(2)
    // Passwords are shown once and never logged.
    expect(w.logs.join('\n')).not.toContain(created.ServicePassword!)
    expect(w.logs.join('\n')).not.toContain(reset.ServicePassword!)
  })
})

describe('the account view of these credentials', () => {
  it('the credential report shows password, MFA and certificate columns; GetAccountSummary counts MFA devices', async () => {
    const iam = w.iam()
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, MaxPasswordAge: 90 }))
    await iam.send(new CreateLoginProfileCommand({ UserName: 'dev', Password: 'Report-Pass-1' }))
    const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dev' }))
    const seed = Buffer.from(device.VirtualMFADevice!.Base32StringSeed!).toString('ascii')
    await iam.send(new EnableMFADeviceCommand({
      UserName: 'dev', SerialNumber: device.VirtualMFADevice!.SerialNumber!, AuthenticationCode1: authenticatorCode(seed, new Date(), -1), AuthenticationCode2: authenticatorCode(seed)
    }))
    await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'spare' }))
    const cert = (await iam.send(new UploadSigningCertificateCommand({ UserName: 'dev', CertificateBody: FX.certificates[0]! }))).Certificate!
    await iam.send(new UpdateSigningCertificateCommand({ UserName: 'dev', CertificateId: cert.CertificateId!, Status: 'Inactive' }))
    await iam.send(new UploadSigningCertificateCommand({ UserName: 'dev', CertificateBody: FX.certificates[1]! }))
    let state: string | undefined
    for (let i = 0; i < 50 && state !== 'COMPLETE'; i++) state = (await iam.send(new GenerateCredentialReportCommand({}))).State
    const csv = Buffer.from((await iam.send(new GetCredentialReportCommand({}))).Content!).toString('utf8').split('\n')
    const cells = csv[2]!.split(',')
    const date = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/
    expect(cells.slice(0, 8)).toEqual(['dev', `arn:aws:iam::${TEST_ACCOUNT_ID}:user/dev`, expect.stringMatching(date), 'true', 'no_information', expect.stringMatching(date), expect.stringMatching(date), 'true'])
    // password_next_rotation is 90 days after password_last_changed.
    expect(new Date(cells[6]!).getTime() - new Date(cells[5]!).getTime()).toBe(90 * 86_400_000)
    expect(cells.slice(18)).toEqual(['false', expect.stringMatching(date), 'true', expect.stringMatching(date)])
    const summary = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!
    expect(summary).toMatchObject({ MFADevices: 2, MFADevicesInUse: 1 })
  })
})
