"""
Shared fixtures for the seed-guide suite: the target endpoint, root and per-user boto3
clients, an `aws` CLI runner, error assertions, and a fresh account for every module.

Target selection: WARDEN_ENDPOINT (required; the suite fails, never skips, without it),
WARDEN_ACCOUNT_ID, WARDEN_ROOT_ACCESS_KEY_ID, WARDEN_ROOT_SECRET_ACCESS_KEY, optional
WARDEN_RESET_URL (default `{endpoint}/_warden/reset`). WARDEN_SUITE_TARGET=moto runs the
suite against moto: tests marked `warden_only` (authorization, signatures, AWS wording moto
gets wrong) are deselected and the reset goes to `/moto-api/reset`.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from functools import lru_cache
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = 'us-east-1'
IS_MOTO = os.environ.get('WARDEN_SUITE_TARGET', 'warden').strip().lower() == 'moto'
# moto's defaults: any credentials are accepted and everything lives in this account.
MOTO_ACCOUNT_ID = '123456789012'

# One attempt only: a retried 4xx would hide what the server said, and a hung server
# should fail the suite quickly rather than stall CI.
CLIENT_CONFIG = Config(
    region_name=REGION,
    retries={'total_max_attempts': 1},
    connect_timeout=5,
    read_timeout=20,
)

_SESSION = boto3.session.Session(region_name=REGION)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        'markers',
        'warden_only(reason): needs AWS behaviour that moto does not reproduce; '
        'deselected when WARDEN_SUITE_TARGET=moto',
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not IS_MOTO:
        return
    kept = [item for item in items if item.get_closest_marker('warden_only') is None]
    dropped = [item for item in items if item.get_closest_marker('warden_only') is not None]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@dataclass(frozen=True)
class Target:
    """Where the suite points and with which root credentials."""

    endpoint: str
    account_id: str
    root_access_key_id: str
    root_secret_access_key: str
    reset_url: str
    is_moto: bool

    def arn(self, kind: str, name: str, path: str = '/') -> str:
        """An IAM ARN in the target account, e.g. arn('role', 'x') or arn('policy', 'p')."""
        return f'arn:aws:iam::{self.account_id}:{kind}{path}{name}'


def _load_target() -> Target:
    endpoint = os.environ.get('WARDEN_ENDPOINT', '').strip().rstrip('/')
    if not endpoint:
        pytest.fail(
            'WARDEN_ENDPOINT is not set: point it at a running server '
            '(e.g. http://127.0.0.1:4590) together with WARDEN_ACCOUNT_ID, '
            'WARDEN_ROOT_ACCESS_KEY_ID and WARDEN_ROOT_SECRET_ACCESS_KEY',
            pytrace=False,
        )
    if IS_MOTO:
        return Target(
            endpoint=endpoint,
            account_id=os.environ.get('WARDEN_ACCOUNT_ID', MOTO_ACCOUNT_ID),
            root_access_key_id=os.environ.get('WARDEN_ROOT_ACCESS_KEY_ID', 'AKIAMOTOROOT00000000'),
            root_secret_access_key=os.environ.get('WARDEN_ROOT_SECRET_ACCESS_KEY', 'moto-root-secret'),
            reset_url=os.environ.get('WARDEN_RESET_URL', f'{endpoint}/moto-api/reset'),
            is_moto=True,
        )
    missing = [
        name
        for name in ('WARDEN_ACCOUNT_ID', 'WARDEN_ROOT_ACCESS_KEY_ID', 'WARDEN_ROOT_SECRET_ACCESS_KEY')
        if not os.environ.get(name)
    ]
    if missing:
        pytest.fail(f'{", ".join(missing)} not set (WARDEN_ENDPOINT={endpoint})', pytrace=False)
    return Target(
        endpoint=endpoint,
        account_id=os.environ['WARDEN_ACCOUNT_ID'],
        root_access_key_id=os.environ['WARDEN_ROOT_ACCESS_KEY_ID'],
        root_secret_access_key=os.environ['WARDEN_ROOT_SECRET_ACCESS_KEY'],
        reset_url=os.environ.get('WARDEN_RESET_URL', f'{endpoint}/_warden/reset'),
        is_moto=False,
    )


@pytest.fixture(scope='session')
def target() -> Target:
    return _load_target()


def reset_account(target: Target) -> None:
    """Return the target to a fresh account (same root credentials)."""
    request = urllib.request.Request(target.reset_url, data=b'', method='POST')
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            status = response.status
    except urllib.error.HTTPError as err:
        pytest.fail(f'POST {target.reset_url} answered {err.code}: is the server running with --dev?', pytrace=False)
    except OSError as err:
        pytest.fail(f'POST {target.reset_url} failed: {err}', pytrace=False)
    assert status == 200, f'POST {target.reset_url} answered {status}'


@pytest.fixture(scope='module', autouse=True)
def fresh_account(target: Target) -> Target:
    """Every guide starts from an empty account, as a reader of the guide would."""
    reset_account(target)
    return target


def client(target: Target, service: str, access_key_id: str, secret: str, token: str | None = None) -> Any:
    """A boto3 client for `service` on the target endpoint with explicit credentials."""
    return _SESSION.client(
        service,
        endpoint_url=target.endpoint,
        aws_access_key_id=access_key_id,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=CLIENT_CONFIG,
    )


def resource(target: Target, access_key_id: str, secret: str, token: str | None = None) -> Any:
    """The boto3 IAM resource API (used by the 003 notebook) on the target endpoint."""
    return _SESSION.resource(
        'iam',
        endpoint_url=target.endpoint,
        aws_access_key_id=access_key_id,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=CLIENT_CONFIG,
    )


@pytest.fixture(scope='session')
def iam(target: Target) -> Any:
    """IAM client signed with the account's root credentials."""
    return client(target, 'iam', target.root_access_key_id, target.root_secret_access_key)


@pytest.fixture(scope='session')
def sts(target: Target) -> Any:
    """STS client signed with the account's root credentials."""
    return client(target, 'sts', target.root_access_key_id, target.root_secret_access_key)


@dataclass
class Identity:
    """Credentials of a user or a role session, with clients made from them."""

    target: Target
    access_key_id: str
    secret_access_key: str
    session_token: str | None = None
    name: str = ''
    arn: str = ''
    user_id: str = ''
    _clients: dict[str, Any] = field(default_factory=dict)

    def client(self, service: str) -> Any:
        if service not in self._clients:
            self._clients[service] = client(
                self.target, service, self.access_key_id, self.secret_access_key, self.session_token
            )
        return self._clients[service]

    @property
    def iam(self) -> Any:
        return self.client('iam')

    @property
    def sts(self) -> Any:
        return self.client('sts')

    def env(self) -> dict[str, str]:
        """The environment variables the aws CLI reads these credentials from."""
        out = {'AWS_ACCESS_KEY_ID': self.access_key_id, 'AWS_SECRET_ACCESS_KEY': self.secret_access_key}
        if self.session_token:
            out['AWS_SESSION_TOKEN'] = self.session_token
        return out


@pytest.fixture(scope='session')
def root(target: Target) -> Identity:
    return Identity(
        target, target.root_access_key_id, target.root_secret_access_key,
        name='root', arn=f'arn:aws:iam::{target.account_id}:root', user_id=target.account_id,
    )


def create_user_with_keys(
    target: Target,
    iam: Any,
    name: str,
    managed: tuple[str, ...] | list[str] = (),
    inline: dict[str, dict] | None = None,
    groups: tuple[str, ...] | list[str] = (),
    path: str = '/',
) -> Identity:
    """Create a user (as root), attach policies, add it to groups, and give it an access key."""
    user = iam.create_user(UserName=name, Path=path)['User']
    for arn in managed:
        iam.attach_user_policy(UserName=name, PolicyArn=arn)
    for policy_name, document in (inline or {}).items():
        iam.put_user_policy(UserName=name, PolicyName=policy_name, PolicyDocument=json.dumps(document))
    for group in groups:
        iam.add_user_to_group(GroupName=group, UserName=name)
    key = iam.create_access_key(UserName=name)['AccessKey']
    return Identity(
        target, key['AccessKeyId'], key['SecretAccessKey'],
        name=name, arn=user['Arn'], user_id=user['UserId'],
    )


def session_identity(target: Target, assumed: dict) -> Identity:
    """An Identity from an sts.assume_role response."""
    creds = assumed['Credentials']
    return Identity(
        target, creds['AccessKeyId'], creds['SecretAccessKey'], creds['SessionToken'],
        name=assumed['AssumedRoleUser']['Arn'].rsplit('/', 1)[-1],
        arn=assumed['AssumedRoleUser']['Arn'], user_id=assumed['AssumedRoleUser']['AssumedRoleId'],
    )


def expect_error(
    call: Callable[..., Any], code: str, status: int, message: str | None = None, *,
    moto_words_it_differently: bool = False, **kwargs: Any,
) -> dict:
    """Run `call(**kwargs)`, assert it fails with `code`, HTTP `status` and (if given) exactly `message`.

    `moto_words_it_differently` drops only the message comparison when the target is moto.
    """
    with pytest.raises(ClientError) as info:
        call(**kwargs)
    response = info.value.response
    error = response.get('Error', {})
    assert error.get('Code') == code, f'expected {code}, got {error}'
    assert response['ResponseMetadata']['HTTPStatusCode'] == status, response['ResponseMetadata']
    if message is not None and not (IS_MOTO and moto_words_it_differently):
        assert error.get('Message') == message
    return response


def assert_unique_id(value: str, prefix: str) -> None:
    """IAM unique ids are the kind's prefix plus upper-case alphanumerics (21 chars; keys 20).

    moto invents ids of its own shape, so against moto only presence is checked.
    """
    assert isinstance(value, str) and value, value
    if IS_MOTO:
        return
    length = 20 if prefix in ('AKIA', 'ASIA') else 21
    assert re.fullmatch(f'{prefix}[A-Z0-9]{{{length - len(prefix)}}}', value), f'{value!r} is not an {prefix} id'


def denied(principal_arn: str, action: str, resource: str, explicit: bool = False) -> str:
    """AWS's AccessDenied message for an identity-based-policy denial."""
    base = f'User: {principal_arn} is not authorized to perform: {action} on resource: {resource}'
    if explicit:
        return f'{base} with an explicit deny in an identity-based policy'
    return f'{base} because no identity-based policy allows the {action} action'


def trust(*statements: dict) -> dict:
    """A trust policy document from statements."""
    return {'Version': '2012-10-17', 'Statement': list(statements)}


def service_trust(service: str) -> dict:
    """The trust policy the console writes for an AWS service use case."""
    return trust({'Effect': 'Allow', 'Principal': {'Service': service}, 'Action': 'sts:AssumeRole'})


def attached_arns(listing: dict) -> set[str]:
    return {p['PolicyArn'] for p in listing['AttachedPolicies']}


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def json(self) -> Any:
        return json.loads(self.stdout) if self.stdout.strip() else None

    @property
    def error(self) -> tuple[str, str]:
        """(code, message) from the CLI's `An error occurred (Code) when calling ...: message`."""
        match = re.search(r'An error occurred \((\w+)\) when calling the \w+ operation(?: \(reached max retries: \d+\))?: (.*)', self.stderr)
        assert match, f'no AWS error in stderr: {self.stderr!r}'
        return match.group(1), match.group(2).strip()


@lru_cache(maxsize=1)
def aws_executable() -> str:
    """The `aws` program: WARDEN_AWS_CLI, else the one on PATH (seen through a pyenv shim, which costs ~0.3 s a call)."""
    configured = os.environ.get('WARDEN_AWS_CLI')
    if configured:
        return configured
    found = shutil.which('aws')
    if not found:
        pytest.fail('the aws CLI is not on PATH', pytrace=False)
    if '/shims/' in found and shutil.which('pyenv'):
        real = subprocess.run(['pyenv', 'which', 'aws'], capture_output=True, text=True, check=False).stdout.strip()
        if real:
            return real
    return found


def _cli_python() -> str:
    """The Python interpreter the `aws` script runs under (its #! line)."""
    first = Path(aws_executable()).read_text(errors='replace').splitlines()[0]
    return first[2:].strip() if first.startswith('#!') and 'python' in first else 'python3'


class AwsCli:
    """Runs the `aws` CLI against the target, with credentials from the environment only."""

    def __init__(self, target: Target, workdir: Path, identity: Identity) -> None:
        self.target = target
        self.workdir = workdir
        self.identity = identity

    def file(self, name: str, document: Any) -> str:
        """Write a JSON document under the test's tmp dir; returns the `file://` argument."""
        path = self.workdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=4) if not isinstance(document, str) else document)
        return f'file://{path}'

    def _env(self, who: Identity) -> dict[str, str]:
        home = self.workdir / '.cli-home'
        home.mkdir(exist_ok=True)
        return {
            'PATH': os.environ.get('PATH', '/usr/bin:/bin'),
            'HOME': str(home),
            'LANG': 'C.UTF-8',
            'AWS_DEFAULT_REGION': REGION,
            # Keep the developer's own ~/.aws out of the run.
            'AWS_CONFIG_FILE': str(home / 'config'),
            'AWS_SHARED_CREDENTIALS_FILE': str(home / 'credentials'),
            'AWS_EC2_METADATA_DISABLED': 'true',
            'AWS_MAX_ATTEMPTS': '1',
            'AWS_RETRY_MODE': 'standard',
            'AWS_PAGER': '',
            'PYTHONDONTWRITEBYTECODE': '1',
            **who.env(),
        }

    def __call__(self, *args: str, identity: Identity | None = None, check: bool = True) -> CliResult:
        env = self._env(identity or self.identity)
        command = [aws_executable(), '--endpoint-url', self.target.endpoint, '--output', 'json', *args]
        proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, cwd=self.workdir)
        result = CliResult(proc.returncode, proc.stdout, proc.stderr)
        if check:
            assert proc.returncode == 0, f'{" ".join(args)} failed ({proc.returncode}): {proc.stderr}'
        return result

    def script(self, *commands: tuple[str, ...], identity: Identity | None = None, check: bool = True) -> list[CliResult]:
        """Run several command lines in order in one CLI process (see aws_cli_batch.py)."""
        argv = [['--endpoint-url', self.target.endpoint, '--output', 'json', *args] for args in commands]
        proc = subprocess.run(
            [_cli_python(), str(Path(__file__).with_name('aws_cli_batch.py'))],
            input=json.dumps(argv), env=self._env(identity or self.identity),
            capture_output=True, text=True, timeout=120, cwd=self.workdir,
        )
        assert proc.returncode == 0, proc.stderr
        results = [CliResult(r['returncode'], r['stdout'], r['stderr']) for r in json.loads(proc.stdout)]
        if check:
            for args, result in zip(commands, results):
                assert result.returncode == 0, f'{" ".join(args)} failed ({result.returncode}): {result.stderr}'
        return results


@pytest.fixture
def aws(target: Target, tmp_path: Path, root: Identity) -> AwsCli:
    """The aws CLI, signed as root unless a call passes identity=..."""
    return AwsCli(target, tmp_path, root)
