"""Runs against the Python client that openapi-generator makes of docs/openapi.yaml
(.ci/openapi-generators.sh): the request and answer bodies of the API parse into the named
variant they are, so the document's oneOfs work in generated code, not only import."""

import json

import quantaseal_openapi
from quantaseal_openapi import models as m

checks = 0


def check(ok: bool, what: str) -> None:
    global checks
    if not ok:
        raise AssertionError(what)
    checks += 1


def expect(cls: type, instance: object) -> None:
    check(isinstance(instance, cls), f"{cls.__name__}, got {type(instance).__name__}")


check(hasattr(quantaseal_openapi, "VaultApi") and hasattr(quantaseal_openapi, "ProxyApi"), "the APIs")
expect(
    m.SealApiKey,
    m.SealRequest.from_json('{"credential_type":"api_key","name":"dd","values":{"api_key":"k"}}').actual_instance,
)
expect(m.SealApiKeyShorthand, m.SealRequest.from_json('{"credential_type":"api_key","value":"k"}').actual_instance)
expect(
    m.SealBasicAuth,
    m.SealRequest.from_json(
        '{"credential_type":"basic_auth","values":{"username":"u","password":"p"}}'
    ).actual_instance,
)
expect(m.RotateShorthand, m.RotateRequest.from_json('{"value":"v"}').actual_instance)
expect(m.RotateValues, m.RotateRequest.from_json('{"values":{"token":"t"}}').actual_instance)

event = m.ProxyRequest.from_json(
    '{"integration_id":"int_x","operation":"send_event","payload":{"title":"t","text":"x","host":"h"}}'
)
expect(m.ProxyEventRequest, event.actual_instance)
check(json.loads(event.to_json())["payload"]["host"] == "h", "an event keeps Datadog's other fields")
point = m.ProxyRequest.from_json(
    '{"integration_id":"int_x","operation":"send_metric","payload":{"metric":"m","value":1,"type":"count"}}'
)
expect(m.DatadogMetricPoint, point.actual_instance.payload.actual_instance)
series = m.ProxyRequest.from_json(
    '{"integration_id":"int_x","operation":"send_metric","payload":{"series":'
    '[{"metric":"m","type":3,"points":[{"timestamp":1,"value":2.5}]}]}}'
)
expect(m.DatadogSeriesBody, series.actual_instance.payload.actual_instance)
check(
    json.loads(series.to_json())["payload"]["series"][0]["points"] == [{"timestamp": 1, "value": 2.5}],
    "a series body round-trips",
)
batch = m.ProxyRequest.from_json(
    '{"integration_id":"int_x","operation":"send_log","payload":[{"message":"a"},{"message":"b"}]}'
)
expect(m.ProxyLogRequest, batch.actual_instance)
check(len(batch.actual_instance.payload.actual_instance) == 2, "a log batch is a list of two logs")

error = m.ErrorOrEnvelope.from_json('{"error":{"code":"not_found","message":"m","request_id":"req_1"}}')
expect(m.ErrorBody, error.actual_instance)
check(error.actual_instance.error.code == m.ErrorCode.NOT_FOUND, "the error code is ErrorCode.NOT_FOUND")
check(m.VaultEntryList.from_json('{"entries":[],"next_cursor":null}').entries == [], "an empty VaultEntryList")
print(f"generated Python client: {checks} checks passed")
