"""Federation through boto3 and the aws CLI, driven by federation-python.test.ts.

Reads a JSON job on stdin (endpoint, root keys, a web identity token, a SAML response, ARNs),
makes the calls with clients that hold no credentials for the unsigned operations, and
prints one JSON object with what came back.
"""
import json
import os
import subprocess
import sys

import boto3
from botocore import UNSIGNED
from botocore.config import Config

job = json.load(sys.stdin)
endpoint = job["endpoint"]
out = {}

admin = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                     aws_access_key_id=job["rootKey"], aws_secret_access_key=job["rootSecret"])
created = admin.create_open_id_connect_provider(Url=job["issuerUrl"], ClientIDList=["sts.amazonaws.com"])
out["oidcArn"] = created["OpenIDConnectProviderArn"]
out["oidcList"] = [p["Arn"] for p in admin.list_open_id_connect_providers()["OpenIDConnectProviderList"]]
admin.create_saml_provider(Name="Okta", SAMLMetadataDocument=job["samlMetadata"])
out["samlList"] = [p["Arn"] for p in admin.list_saml_providers()["SAMLProviderList"]]
admin.create_role(RoleName="ci-training", AssumeRolePolicyDocument=json.dumps(job["oidcTrust"]))
admin.create_role(RoleName="saml-dev", AssumeRolePolicyDocument=json.dumps(job["samlTrust"]))

# boto3 sends these unsigned on its own; the client has no credentials to sign with anyway.
anonymous = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1", config=Config(signature_version=UNSIGNED))
web = anonymous.assume_role_with_web_identity(RoleArn=job["oidcRoleArn"], RoleSessionName="boto3-run", WebIdentityToken=job["token"])
out["webArn"] = web["AssumedRoleUser"]["Arn"]
out["webProvider"] = web["Provider"]
saml = anonymous.assume_role_with_saml(RoleArn=job["samlRoleArn"], PrincipalArn=job["samlProviderArn"], SAMLAssertion=job["samlResponse"])
out["samlArn"] = saml["AssumedRoleUser"]["Arn"]
out["samlSubjectType"] = saml["SubjectType"]
try:
    anonymous.assume_role_with_web_identity(RoleArn=job["oidcRoleArn"], RoleSessionName="boto3-run", WebIdentityToken=job["badToken"])
    out["badToken"] = "accepted"
except anonymous.exceptions.InvalidIdentityTokenException as e:
    out["badToken"] = e.response["Error"]["Message"]

# The aws CLI, with no credentials in its environment at all.
env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
env.update({"AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"})
cli = subprocess.run(["aws", "--endpoint-url", endpoint, "sts", "assume-role-with-web-identity",
                      "--role-arn", job["oidcRoleArn"], "--role-session-name", "cli-run", "--web-identity-token", job["token"]],
                     env=env, capture_output=True, text=True, check=True)
out["cliArn"] = json.loads(cli.stdout)["AssumedRoleUser"]["Arn"]
cli = subprocess.run(["aws", "--endpoint-url", endpoint, "sts", "assume-role-with-saml", "--role-arn", job["samlRoleArn"],
                      "--principal-arn", job["samlProviderArn"], "--saml-assertion", job["samlResponse2"]],
                     env=env, capture_output=True, text=True, check=True)
out["cliSamlArn"] = json.loads(cli.stdout)["AssumedRoleUser"]["Arn"]
print(json.dumps(out))
