"""Every operation of docs/openapi.yaml through the SDK, over HTTP, against ./run-local
--fake-datadog: live envelopes are verified, bound to their answers and decrypted."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from quantaseal import (
    ClientKey,
    Integration,
    InvalidEnvelopeError,
    QuantaSeal,
    QuantaSealError,
    VaultEntry,
)
from quantaseal.models import DatadogOperation
from tests.live.conftest import DD_API_KEY, LocalApi

pytestmark = pytest.mark.live

ALL_OPERATIONS: list[DatadogOperation] = ["send_event", "send_metric", "send_log"]


@pytest.fixture(scope="module")
def qs(local_api: LocalApi) -> Iterator[QuantaSeal]:
    with local_api.client() as base:
        yield base.with_client_key(base.encryption.create_client_key())


@pytest.fixture(scope="module")
def datadog_entry(qs: QuantaSeal) -> VaultEntry:
    return qs.vault.seal(
        credential_type="api_key", name="datadog-live", values={"api_key": DD_API_KEY}
    )


@pytest.fixture(scope="module")
def integration(qs: QuantaSeal, datadog_entry: VaultEntry) -> Integration:
    return qs.integrations.create(
        credential_id=datadog_entry.vault_entry_id,
        config={"site": "datadoghq.com"},
        name="live",
        allowed_operations=ALL_OPERATIONS,
    )


def raises(status: int, code: str) -> pytest.RaisesExc[QuantaSealError]:
    return pytest.raises(QuantaSealError, check=lambda e: (e.status, e.code) == (status, code))


# -- the quickstart, as the product page shows it -------------------------------------------------


def test_quickstart_flow(qs: QuantaSeal) -> None:
    entry = qs.vault.seal(credential_type="api_key", name="dd", values={"api_key": DD_API_KEY})
    integ = qs.integrations.create(
        system_type="datadog",
        credential_id=entry.vault_entry_id,
        config={"site": "datadoghq.com"},
        allowed_operations=["send_event"],
    )
    answer = qs.proxy.outbound(integ.integration_id, "send_event", {"title": "t", "text": "x"})
    assert (answer.upstream.status, answer.http_status) == (202, 202)
    assert isinstance(answer.upstream.body, dict)
    assert answer.integration_id == integ.integration_id
    assert answer.audit_id.startswith("aud_")
    assert answer.request_id.startswith("req_")


def test_decrypt_opens_an_envelope_fetched_without_the_sdk(
    qs: QuantaSeal, local_api: LocalApi, integration: Integration
) -> None:
    key = qs.client_key
    assert key is not None
    response = httpx.post(
        f"{local_api.url}/api/v2/proxy/outbound",
        headers={"X-API-Key": local_api.api_key},
        json={
            "integration_id": integration.integration_id,
            "operation": "send_event",
            "payload": {"title": "raw", "text": "fetched with httpx"},
            "rkid": key.rkid,
        },
    )
    assert response.headers["x-qs-source"] == "upstream"
    plaintext = qs.encryption.decrypt(
        response.json(), expected_request_id=response.headers["x-request-id"]
    )
    assert b'"upstream"' in plaintext
    assert qs.encryption.decrypt(response.text) == plaintext
    with pytest.raises(InvalidEnvelopeError):
        qs.encryption.decrypt(response.text, expected_request_id="req_another")


# -- encryption


def test_server_keys(qs: QuantaSeal) -> None:
    keys = qs.encryption.list_server_keys()
    assert keys
    assert all(k.alg == "ML-DSA-65" and len(k.public_key) == 1952 for k in keys)
    assert {k.status for k in keys} <= {"active", "retired"}


def test_a_saved_client_key_opens_answers_in_a_new_client(
    qs: QuantaSeal, local_api: LocalApi, integration: Integration, tmp_path: Path
) -> None:
    path = tmp_path / "client-key.json"
    with local_api.client() as first:
        first.encryption.create_client_key().save(path)
    with local_api.client() as second:
        loaded = second.with_client_key(ClientKey.load(path))
        answer = loaded.proxy.outbound(
            integration.integration_id, "send_event", {"title": "t", "text": "x"}
        )
        assert answer.upstream.status == 202


def test_register_client_key_answers_the_mac_key_once(qs: QuantaSeal) -> None:
    key = qs.encryption.create_client_key()
    registration = qs.encryption.register_client_key(key.public_key())
    assert registration.rkid.startswith("ck_")
    assert registration.rkid != key.rkid
    assert len(registration.hmac_key) == 64
    with raises(400, "invalid_request"):
        qs.encryption.register_client_key(b"\xff" * 1184)  # fails the FIPS 203 modulus check


# -- vault


def test_vault_lifecycle(qs: QuantaSeal) -> None:
    entry = qs.vault.seal(credential_type="bearer_token", name="token", value="t-1")
    assert (entry.credential_type, entry.version, entry.name) == ("bearer_token", 1, "token")
    assert entry.vault_entry_id in {e.vault_entry_id for e in qs.vault.list_entries()}
    assert entry.vault_entry_id in {
        e.vault_entry_id for e in qs.vault.paginate_entries(page_size=2)
    }
    rotated = qs.vault.rotate_entry(entry.vault_entry_id, value="t-2")
    assert rotated.version == 2
    assert [(v.version, v.current) for v in rotated.versions] == [(1, False), (2, True)]
    with raises(400, "invalid_request"):
        qs.vault.retire_version(entry.vault_entry_id, 2)
    qs.vault.retire_version(entry.vault_entry_id, 1)
    assert [v.version for v in qs.vault.get_entry(entry.vault_entry_id).versions] == [2]
    qs.vault.delete_entry(entry.vault_entry_id)
    with raises(404, "not_found") as caught:
        qs.vault.get_entry(entry.vault_entry_id)
    assert (caught.value.request_id or "").startswith("req_")


def test_seal_types_and_validation(qs: QuantaSeal) -> None:
    basic = qs.vault.seal(credential_type="basic_auth", values={"username": "u", "password": "p"})
    oauth = qs.vault.seal(
        credential_type="oauth2_client_credentials",
        values={
            "client_id": "c",
            "client_secret": "s",
            "token_url": "https://idp.example.com/token",
        },
    )
    assert (basic.credential_type, oauth.credential_type) == (
        "basic_auth",
        "oauth2_client_credentials",
    )
    with raises(400, "invalid_request"):
        qs.vault.seal(credential_type="basic_auth", values={"username": "u"})


def test_seal_with_the_same_idempotency_key_is_answered_once(qs: QuantaSeal) -> None:
    key = f"live-{uuid.uuid4()}"
    first = qs.vault.seal(credential_type="bearer_token", value="t", idempotency_key=key)
    again = qs.vault.seal(credential_type="bearer_token", value="t", idempotency_key=key)
    assert again.vault_entry_id == first.vault_entry_id
    with raises(409, "idempotency_conflict"):
        qs.vault.seal(credential_type="bearer_token", value="other", idempotency_key=key)


def test_unseal_needs_the_scope_and_opens_for_the_holder(
    qs: QuantaSeal, local_api: LocalApi, datadog_entry: VaultEntry
) -> None:
    with raises(403, "operation_not_allowed"):
        qs.vault.unseal(datadog_entry.vault_entry_id)
    with local_api.client(unseal=True) as base:
        unsealer = base.with_client_key(base.encryption.create_client_key())
        credential = unsealer.vault.unseal(datadog_entry.vault_entry_id)
    assert dict(credential.values) == {"api_key": DD_API_KEY}
    assert (credential.vault_entry_id, credential.credential_type, credential.version) == (
        datadog_entry.vault_entry_id,
        "api_key",
        1,
    )
    assert DD_API_KEY not in repr(credential)


# -- integrations and proxy


def test_integrations_lifecycle(qs: QuantaSeal, datadog_entry: VaultEntry) -> None:
    integ = qs.integrations.create(
        credential_id=datadog_entry.vault_entry_id, config={"site": "datadoghq.eu"}, name="eu"
    )
    assert (integ.allowed_operations, integ.status, integ.config.site) == (
        (),
        "healthy",
        "datadoghq.eu",
    )
    assert integ.integration_id in {i.integration_id for i in qs.integrations.list()}
    assert integ.integration_id in {i.integration_id for i in qs.integrations.paginate()}
    changed = qs.integrations.update(
        integ.integration_id, name="renamed", allowed_operations=["send_log"]
    )
    assert (changed.name, changed.allowed_operations) == ("renamed", ("send_log",))
    assert qs.integrations.get(integ.integration_id) == changed
    qs.integrations.delete(integ.integration_id)
    with raises(404, "not_found"):
        qs.integrations.get(integ.integration_id)


def test_default_deny_and_operation_not_allowed(qs: QuantaSeal, datadog_entry: VaultEntry) -> None:
    integ = qs.integrations.create(
        credential_id=datadog_entry.vault_entry_id,
        config={"site": "datadoghq.com"},
        allowed_operations=["send_event"],
    )
    with raises(403, "operation_not_allowed"):
        qs.proxy.outbound(integ.integration_id, "send_log", {"message": "m"})


@pytest.mark.parametrize(
    ("operation", "payload"),
    [
        ("send_event", {"title": "deploy", "text": "v1.2.3", "tags": ["env:dev"]}),
        ("send_metric", {"metric": "quantaseal.sdk.live", "value": 1.5, "tags": ["sdk:python"]}),
        ("send_log", [{"message": "one", "ddsource": "python"}, {"message": "two"}]),
    ],
)
def test_each_datadog_operation(
    qs: QuantaSeal, integration: Integration, operation: str, payload: object
) -> None:
    answer = qs.proxy.outbound(integration.integration_id, operation, payload)  # type: ignore[arg-type]
    assert answer.upstream.ok
    assert answer.operation == operation


def test_a_replayed_proxy_answer_opens(qs: QuantaSeal, integration: Integration) -> None:
    key = f"live-{uuid.uuid4()}"
    payload = {"title": "once", "text": "sent once, answered twice"}
    first = qs.proxy.outbound(
        integration.integration_id, "send_event", payload, idempotency_key=key
    )
    again = qs.proxy.outbound(
        integration.integration_id, "send_event", payload, idempotency_key=key
    )
    # The first answer, sealed afresh: bound to the replay's own request id (docs/vault.md).
    assert again.idempotent_replayed
    assert not first.idempotent_replayed
    assert again.audit_id == first.audit_id
    assert again.request_id != first.request_id


def test_payloads_over_datadogs_limits_are_refused(
    qs: QuantaSeal, integration: Integration
) -> None:
    with raises(400, "invalid_request"):
        qs.proxy.outbound(
            integration.integration_id, "send_event", {"title": "t" * 101, "text": "x"}
        )


def test_an_unknown_integration_is_not_found(qs: QuantaSeal) -> None:
    with raises(404, "not_found"):
        qs.proxy.outbound("int_00000000000000000000000000", "send_event", {"title": "t"})


# -- SIEM destinations


def test_siem_destinations_lifecycle(qs: QuantaSeal, datadog_entry: VaultEntry) -> None:
    integ = qs.integrations.create(
        credential_id=datadog_entry.vault_entry_id,
        config={"site": "datadoghq.com"},
        allowed_operations=ALL_OPERATIONS,
    )
    destination = qs.siem.create_destination(
        integration_id=integ.integration_id, streams=["audit", "metrics"]
    )
    assert (destination.integration_id, set(destination.streams)) == (
        integ.integration_id,
        {"audit", "metrics"},
    )
    assert destination.destination_id in {d.destination_id for d in qs.siem.list_destinations()}
    assert destination.destination_id in {d.destination_id for d in qs.siem.paginate_destinations()}
    assert qs.siem.get_destination(destination.destination_id).status == destination.status
    with raises(409, "resource_in_use"):
        qs.integrations.delete(integ.integration_id)
    qs.siem.delete_destination(destination.destination_id)
    with raises(404, "not_found"):
        qs.siem.get_destination(destination.destination_id)
    qs.integrations.delete(integ.integration_id)


def test_a_destination_needs_the_operations_its_streams_send(
    qs: QuantaSeal, datadog_entry: VaultEntry
) -> None:
    integ = qs.integrations.create(
        credential_id=datadog_entry.vault_entry_id,
        config={"site": "datadoghq.com"},
        allowed_operations=["send_event"],
    )
    with raises(400, "invalid_request"):
        qs.siem.create_destination(integration_id=integ.integration_id, streams=["metrics"])


# -- authentication


def test_an_unknown_api_key_is_refused(local_api: LocalApi) -> None:
    with (
        QuantaSeal(local_api.url, "qs_test_" + "A" * 43) as stranger,
        raises(403, "invalid_api_key"),
    ):
        stranger.vault.list_entries()
    with QuantaSeal(local_api.url, "not-a-key") as malformed, raises(401, "missing_api_key"):
        malformed.vault.list_entries()
