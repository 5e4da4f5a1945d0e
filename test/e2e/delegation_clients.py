"""IAM temporary delegation through boto3 and the aws CLI, driven by iam-delegation.test.ts.

Reads a JSON job on stdin (endpoint, root keys, the template), runs the whole flow as the
account's root user (partner and customer at once): boto3 for the IAM calls, a SigV4-signed
GET for Warden's notification route, the aws CLI for GetDelegatedAccessToken, then uses the
delegated credentials with boto3. Prints one JSON object with what came back.
"""
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

job = json.load(sys.stdin)
endpoint = job["endpoint"]
out = {}
keys = dict(aws_access_key_id=job["rootKey"], aws_secret_access_key=job["rootSecret"])
iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1", **keys)

template = iam.create_policy(PolicyName="Template", PolicyDocument=json.dumps(job["template"]))["Policy"]["Arn"]
for name in ("trainer", "other"):
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(job["trust"]))
created = iam.create_delegation_request(
    Description="boto3 partner", RequestorWorkflowId="boto3-workflow", NotificationChannel=job["topic"], SessionDuration=1200,
    Permissions={"PolicyTemplateArn": template, "Parameters": [{"Name": "roleName", "Values": ["trainer"], "Type": "string"}]},
)
rid = created["DelegationRequestId"]
out["created"] = sorted(created.keys() - {"ResponseMetadata"})
out["fresh"] = iam.get_delegation_request(DelegationRequestId=rid)["DelegationRequest"]["State"]
iam.associate_delegation_request(DelegationRequestId=rid)
listed = iam.list_delegation_requests()
out["listed"] = [r["DelegationRequestId"] == rid for r in listed["DelegationRequests"]]
out["isTruncated"] = listed["isTruncated"]
iam.accept_delegation_request(DelegationRequestId=rid)
iam.send_delegation_token(DelegationRequestId=rid)
request = iam.get_delegation_request(DelegationRequestId=rid)["DelegationRequest"]
out["state"] = request["State"]
out["approver"] = request["ApproverId"]
out["periodSeconds"] = round((request["ExpirationTime"] - request["UpdatedTime"]).total_seconds())

# Warden's notification route, signed as an IAM call.
url = f"{endpoint}/_warden/delegation-requests/{rid}/notification"
signed = AWSRequest(method="GET", url=url)
SigV4Auth(Credentials(job["rootKey"], job["rootSecret"]), "iam", "us-east-1").add_auth(signed)
with urllib.request.urlopen(urllib.request.Request(url, headers=dict(signed.headers.items()))) as r:
    note = json.load(r)
out["noteState"] = note["State"]

cli_env = {**os.environ, "AWS_ACCESS_KEY_ID": job["rootKey"], "AWS_SECRET_ACCESS_KEY": job["rootSecret"], "AWS_DEFAULT_REGION": "us-east-1"}
cli_env.pop("AWS_SESSION_TOKEN", None)
cli_env.pop("AWS_PROFILE", None)
cli = ["aws", "--endpoint-url", endpoint, "--output", "json"]
traded = json.loads(subprocess.run(cli + ["sts", "get-delegated-access-token", "--trade-in-token", note["ExchangeToken"]],
                                   env=cli_env, check=True, capture_output=True, text=True).stdout)
out["assumedPrincipal"] = traded["AssumedPrincipal"]
again = subprocess.run(cli + ["sts", "get-delegated-access-token", "--trade-in-token", note["ExchangeToken"]], env=cli_env, capture_output=True, text=True)
out["againFailed"] = again.returncode != 0
out["againError"] = "ExpiredTradeInTokenException" in again.stderr

c = traded["Credentials"]
delegated = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"],
                         aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
out["allowed"] = delegated.get_role(RoleName="trainer")["Role"]["RoleName"]
try:
    delegated.get_role(RoleName="other")
    out["denied"] = "allowed"
except ClientError as e:
    out["denied"] = e.response["Error"]["Code"]
sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"],
                   aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
out["callerArn"] = sts.get_caller_identity()["Arn"]

rejected = iam.create_delegation_request(
    Description="to reject", RequestorWorkflowId="boto3-workflow-2", NotificationChannel=job["topic"], SessionDuration=900,
    Permissions={"PolicyTemplateArn": template, "Parameters": [{"Name": "roleName", "Values": ["other"], "Type": "string"}]},
)["DelegationRequestId"]
iam.associate_delegation_request(DelegationRequestId=rejected)
subprocess.run(cli + ["iam", "reject-delegation-request", "--delegation-request-id", rejected, "--notes", "not now"], env=cli_env, check=True, capture_output=True)
r = iam.get_delegation_request(DelegationRequestId=rejected)["DelegationRequest"]
out["rejected"] = [r["State"], r["RejectionReason"]]
print(json.dumps(out))
