"""Test bridge to botocore, the reference Query client.

stdin: {"mode": "serialize", "cases": [{"service", "operation", "params"}]}
    -> stdout: [{"body": "<x-www-form-urlencoded body exactly as botocore sends it>"}]
stdin: {"mode": "parse", "cases": [{"service", "operation", "status", "xml"}]}
    -> stdout: [{"parsed": <botocore's parsed response>}]; datetimes as epoch milliseconds.
"""
import json
import sys

import botocore.session
from botocore.awsrequest import create_request_object, prepare_request_dict
from botocore.parsers import QueryParser
from botocore.serialize import QuerySerializer

session = botocore.session.get_session()
models = {}


def operation_model(service, operation):
    if service not in models:
        models[service] = session.get_service_model(service)
    return models[service].operation_model(operation)


def serialize(case):
    op = operation_model(case["service"], case["operation"])
    request = QuerySerializer().serialize_to_request(case["params"], op)
    prepare_request_dict(request, endpoint_url="https://%s.amazonaws.com" % case["service"])
    body = create_request_object(request).prepare().body
    return {"body": body.decode() if isinstance(body, bytes) else body}


def parse(case):
    op = operation_model(case["service"], case["operation"])
    response = {"body": case["xml"].encode(), "headers": {}, "status_code": case["status"]}
    return {"parsed": QueryParser().parse(response, op.output_shape)}


def default(value):
    if hasattr(value, "timestamp"):
        return round(value.timestamp() * 1000)
    if isinstance(value, bytes):
        return {"$bytes": list(value)}
    raise TypeError(repr(value))


request = json.load(sys.stdin)
handler = serialize if request["mode"] == "serialize" else parse
json.dump([handler(case) for case in request["cases"]], sys.stdout, default=default)
