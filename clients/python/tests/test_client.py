"""The client as a caller uses it, against an in-process API that seals real envelopes."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest

from quantaseal import (
    ClientKey,
    ConfigurationError,
    InvalidEnvelopeError,
    ProxyAnswer,
    QuantaSeal,
    QuantaSealError,
    RetryPolicy,
    UnexpectedResponseError,
)
from quantaseal._codec import b64url_decode
from tests.support.fake_api import NOW, FakeApi, error
from tests.support.sealer import Signer, seal


def keyed(fake_api: FakeApi) -> QuantaSeal:
    qs = fake_api.client()
    return qs.with_client_key(qs.encryption.create_client_key())


def body_of(request: httpx.Request) -> Any:
    return json.loads(request.content)


def last(fake_api: FakeApi, method: str, path: str) -> httpx.Request:
    return [r for r in fake_api.requests if r.method == method and r.url.path == path][-1]


# -- configuration --------------------------------------------------------------------------------


def test_url_and_key_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QS_URL", "http://127.0.0.1:9/")
    monkeypatch.setenv("QS_API_KEY", "qs_test_x")
    with QuantaSeal() as qs:
        assert qs.base_url == "http://127.0.0.1:9"
        assert qs.client_key is None


@pytest.mark.parametrize(
    ("url", "key", "message"),
    [(None, "k", "QS_URL"), ("https://x.test", None, "QS_API_KEY"), ("ftp://x.test", "k", "http")],
)
def test_missing_or_bad_settings(
    url: str | None, key: str | None, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QS_URL", raising=False)
    monkeypatch.delenv("QS_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match=message):
        QuantaSeal(url, key)


def test_closing_closes_only_an_owned_http_client() -> None:
    qs = QuantaSeal("https://x.test", "k")
    qs.close()
    assert qs._context.transport._http.is_closed
    mine = httpx.Client()
    with QuantaSeal("https://x.test", "k", http_client=mine):
        pass
    assert not mine.is_closed
    mine.close()


# -- client keys ----------------------------------------------------------------------------------


def test_create_client_key_registers_the_public_half_of_a_local_seed(fake_api: FakeApi) -> None:
    qs = fake_api.client()
    key = qs.encryption.create_client_key()
    request = fake_api.requests[-1]
    assert request.url.path == "/api/v2/encryption/client-keys"
    assert b64url_decode(body_of(request)["public_key"]) == key.public_key()
    assert set(body_of(request)) == {"public_key"}
    assert fake_api.keys[key.rkid].hkid == key.hkid
    assert bytes(key._mac_key_buffer()) == fake_api.keys[key.rkid].mac_key


def test_client_key_registration_is_never_retried(fake_api: FakeApi) -> None:
    fake_api.scripted["/api/v2/encryption/client-keys"] = [error(503, "key_unavailable", "k")]
    with pytest.raises(QuantaSealError) as caught:
        fake_api.client().encryption.create_client_key()
    assert caught.value.code == "key_unavailable"
    assert fake_api.count("POST", "/api/v2/encryption/client-keys") == 1


def test_with_client_key_shares_the_connection_and_the_key_cache(fake_api: FakeApi) -> None:
    qs = fake_api.client()
    keyed_qs = qs.with_client_key(qs.encryption.create_client_key())
    assert qs.client_key is None
    assert keyed_qs.client_key is not None
    assert keyed_qs._context.transport is qs._context.transport
    assert keyed_qs._context.server_keys is qs._context.server_keys
    with pytest.raises(TypeError):
        qs.with_client_key("ck_123")  # type: ignore[arg-type]


# -- proxy ----------------------------------------------------------------------------------------


def test_outbound_returns_the_verified_decrypted_answer(fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    answer = qs.proxy.outbound("int_1", "send_event", {"title": "t", "text": "x"})
    assert isinstance(answer, ProxyAnswer)
    assert (answer.upstream.status, answer.upstream.body, answer.upstream.ok) == (
        202,
        {"status": "ok"},
        True,
    )
    assert (answer.integration_id, answer.operation, answer.audit_id) == (
        "int_1",
        "send_event",
        "aud_1",
    )
    request = last(fake_api, "POST", "/api/v2/proxy/outbound")
    assert answer.request_id.startswith("req_")
    assert body_of(request) == {
        "integration_id": "int_1",
        "operation": "send_event",
        "payload": {"title": "t", "text": "x"},
        "rkid": qs.client_key.rkid if qs.client_key else None,
    }
    uuid.UUID(request.headers["Idempotency-Key"])


def test_outbound_sends_the_callers_idempotency_key_and_accepts_a_list_payload(
    fake_api: FakeApi,
) -> None:
    qs = keyed(fake_api)
    qs.proxy.outbound(
        "int_1", "send_log", [{"message": "a"}, {"message": "b"}], idempotency_key="mine-1"
    )
    request = last(fake_api, "POST", "/api/v2/proxy/outbound")
    assert request.headers["Idempotency-Key"] == "mine-1"
    assert body_of(request)["payload"] == [{"message": "a"}, {"message": "b"}]


@pytest.mark.parametrize("status", [400, 403, 429, 500, 503])
def test_datadogs_error_answers_come_back_as_answers(status: int, fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    fake_api.upstream_status = status
    answer = qs.proxy.outbound("int_1", "send_event", {"title": "t", "text": "x"})
    assert (answer.upstream.status, answer.http_status, answer.upstream.ok) == (
        status,
        status,
        False,
    )
    assert fake_api.count("POST", "/api/v2/proxy/outbound") == 1


def test_quantaseals_own_errors_raise(fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    fake_api.scripted["/api/v2/proxy/outbound"] = [
        error(403, "operation_not_allowed", "send_log is not allowed", "req_denied")
    ]
    with pytest.raises(QuantaSealError) as caught:
        qs.proxy.outbound("int_1", "send_log", {"message": "m"})
    assert (caught.value.status, caught.value.code, caught.value.request_id) == (
        403,
        "operation_not_allowed",
        "req_denied",
    )


def test_a_5xx_of_quantaseal_is_retried_under_the_same_idempotency_key(fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    fake_api.scripted["/api/v2/proxy/outbound"] = [error(502, "upstream_unreachable", "dd down")]
    assert qs.proxy.outbound("int_1", "send_event", {"title": "t"}).upstream.status == 202
    proxied = [r for r in fake_api.requests if r.url.path == "/api/v2/proxy/outbound"]
    assert len(proxied) == 2
    assert proxied[0].headers["Idempotency-Key"] == proxied[1].headers["Idempotency-Key"]


def test_an_envelope_whose_rid_is_not_the_answers_request_id_is_rejected(fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    fake_api.envelope_rid = "req_from_another_answer"
    with pytest.raises(InvalidEnvelopeError):
        qs.proxy.outbound("int_1", "send_event", {"title": "t"})


def test_an_envelope_for_another_client_key_is_rejected(fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    other = qs.encryption.create_client_key()
    fake_api.seal_to = other.rkid
    with pytest.raises(InvalidEnvelopeError):
        qs.proxy.outbound("int_1", "send_event", {"title": "t"})


def test_an_answer_without_x_request_id_is_rejected(fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    key = qs.client_key
    assert key is not None
    envelope = seal(b"{}", recipient=key, signer=fake_api.signer, rid="req_1", iat=NOW)
    fake_api.scripted["/api/v2/proxy/outbound"] = [
        httpx.Response(202, json=envelope, headers={"X-QS-Source": "upstream"})
    ]
    with pytest.raises(InvalidEnvelopeError):
        qs.proxy.outbound("int_1", "send_event", {"title": "t"})


def test_proxy_and_unseal_need_a_client_key(fake_api: FakeApi) -> None:
    qs = fake_api.client()
    with pytest.raises(ConfigurationError, match="client key"):
        qs.proxy.outbound("int_1", "send_event", {})
    with pytest.raises(ConfigurationError, match="client key"):
        qs.vault.unseal("vlt_1")
    assert fake_api.requests == []


# -- server keys: fetched once, re-fetched once on an unknown skid --------------------------------


def test_server_keys_are_fetched_once(fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    for _ in range(3):
        qs.proxy.outbound("int_1", "send_event", {"title": "t"})
    assert fake_api.count("GET", "/api/v2/encryption/server-keys") == 1


def test_a_rotated_signing_key_is_fetched_once_and_then_verifies(fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    qs.proxy.outbound("int_1", "send_event", {"title": "t"})
    fake_api.signers.insert(0, Signer.new("sk_rotated"))
    assert qs.proxy.outbound("int_1", "send_event", {"title": "t"}).upstream.status == 202
    assert qs.proxy.outbound("int_1", "send_event", {"title": "t"}).upstream.status == 202
    assert fake_api.count("GET", "/api/v2/encryption/server-keys") == 2


def test_an_skid_that_is_never_listed_is_rejected_after_one_refetch(fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    qs.proxy.outbound("int_1", "send_event", {"title": "t"})
    unlisted = Signer.new("sk_unlisted")
    fake_api.tamper = lambda envelope, _: seal(
        b"{}",
        recipient=fake_api.keys[envelope["rkid"]],
        signer=unlisted,
        rid=envelope["rid"],
        iat=NOW,
    )
    for expected_fetches in (2, 3):
        with pytest.raises(InvalidEnvelopeError):
            qs.proxy.outbound("int_1", "send_event", {"title": "t"})
        assert fake_api.count("GET", "/api/v2/encryption/server-keys") == expected_fetches


def test_list_server_keys_is_typed_and_refreshes_the_cache(fake_api: FakeApi) -> None:
    qs = fake_api.client()
    keys = qs.encryption.list_server_keys()
    assert [(k.skid, k.alg, k.status, len(k.public_key)) for k in keys] == [
        ("sk_one", "ML-DSA-65", "active", 1952)
    ]
    assert "public_key" not in repr(keys[0])


def test_keys_of_another_algorithm_are_skipped(fake_api: FakeApi) -> None:
    good = {
        "skid": "sk_a",
        "alg": "ML-DSA-65",
        "public_key": "",
        "created_at": "2026-01-01T00:00:00Z",
        "status": "active",
    }
    from quantaseal._codec import b64url_encode

    good["public_key"] = b64url_encode(fake_api.signer.public_bytes())
    other = {**good, "skid": "sk_b", "alg": "ML-DSA-87", "public_key": "AAAA"}
    fake_api.scripted["/api/v2/encryption/server-keys"] = [
        httpx.Response(200, json={"keys": [other, good]})
    ]
    assert [k.skid for k in fake_api.client().encryption.list_server_keys()] == ["sk_a"]


# -- decrypt --------------------------------------------------------------------------------------


def test_decrypt_opens_any_envelope_for_the_held_key(fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    key = qs.client_key
    assert key is not None
    envelope = seal(b"plain", recipient=key, signer=fake_api.signer, rid="req_x", iat=NOW)
    assert qs.encryption.decrypt(envelope) == b"plain"
    assert qs.encryption.decrypt(json.dumps(envelope)) == b"plain"
    assert qs.encryption.decrypt(envelope, expected_request_id="req_x") == b"plain"
    with pytest.raises(InvalidEnvelopeError):
        qs.encryption.decrypt(envelope, expected_request_id="req_y")
    with pytest.raises(InvalidEnvelopeError):
        qs.encryption.decrypt("{}")


def test_decrypt_honours_the_configured_skew(fake_api: FakeApi) -> None:
    http = httpx.Client(transport=httpx.MockTransport(fake_api))
    qs = QuantaSeal(
        "https://x.test", "k", http_client=http, clock=lambda: NOW + 60, max_clock_skew=30
    )
    qs = qs.with_client_key(qs.encryption.create_client_key())
    key = qs.client_key
    assert key is not None
    with pytest.raises(InvalidEnvelopeError):
        qs.encryption.decrypt(seal(b"p", recipient=key, signer=fake_api.signer, rid="r", iat=NOW))
    assert (
        qs.encryption.decrypt(
            seal(b"p", recipient=key, signer=fake_api.signer, rid="r", iat=NOW + 31)
        )
        == b"p"
    )


def test_decrypt_without_a_client_key_says_so(fake_api: FakeApi) -> None:
    with pytest.raises(ConfigurationError):
        fake_api.client().encryption.decrypt("{}")


# -- vault ----------------------------------------------------------------------------------------


def test_seal_sends_the_request_and_generates_an_idempotency_key(fake_api: FakeApi) -> None:
    entry = fake_api.client().vault.seal(
        credential_type="api_key", name="dd", values={"api_key": "k" * 32}
    )
    request = fake_api.requests[-1]
    assert body_of(request) == {
        "credential_type": "api_key",
        "name": "dd",
        "values": {"api_key": "k" * 32},
    }
    uuid.UUID(request.headers["Idempotency-Key"])
    assert entry.vault_entry_id.startswith("vlt_")
    assert entry.version == 1
    assert entry.created_at.tzinfo is not None


def test_seal_needs_exactly_one_of_value_and_values(fake_api: FakeApi) -> None:
    qs = fake_api.client()
    with pytest.raises(ValueError, match="exactly one"):
        qs.vault.seal(credential_type="api_key")
    with pytest.raises(ValueError, match="exactly one"):
        qs.vault.seal(credential_type="api_key", value="a", values={"api_key": "a"})
    assert fake_api.requests == []


def test_unseal_opens_the_credential_for_the_held_key(fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    credential = qs.vault.unseal("vlt_1")
    assert credential.values == {"api_key": "0123456789abcdef0123456789abcdef"}
    assert (credential.vault_entry_id, credential.credential_type, credential.version) == (
        "vlt_1",
        "api_key",
        1,
    )
    assert "0123456789abcdef" not in repr(credential)
    request = last(fake_api, "POST", "/api/v2/vault/unseal")
    assert body_of(request)["rkid"] == (qs.client_key.rkid if qs.client_key else None)


def test_paginate_entries_follows_next_cursor(fake_api: FakeApi) -> None:
    qs = fake_api.client()
    for i in range(5):
        qs.vault.seal(credential_type="bearer_token", value=f"t{i}")
    ids = [e.vault_entry_id for e in qs.vault.paginate_entries(page_size=2)]
    assert ids == [e["vault_entry_id"] for e in fake_api.entries]
    lists = [
        r for r in fake_api.requests if r.method == "GET" and r.url.path == "/api/v2/vault/entries"
    ]
    assert [dict(r.url.params) for r in lists] == [
        {"limit": "2"},
        {"limit": "2", "cursor": "2"},
        {"limit": "2", "cursor": "4"},
    ]
    page = qs.vault.list_entries(limit=2)
    assert (len(page), page.next_cursor) == (2, "2")


def test_a_cursor_answered_twice_stops_the_paginator(fake_api: FakeApi) -> None:
    looping = httpx.Response(
        200, json={"entries": [], "next_cursor": "c1"}, headers={"X-Request-Id": "req_l"}
    )
    fake_api.scripted["/api/v2/vault/entries"] = [looping, looping]
    with pytest.raises(UnexpectedResponseError, match="twice"):
        list(fake_api.client().vault.paginate_entries())


def test_ids_are_quoted_as_one_path_segment(fake_api: FakeApi) -> None:
    qs = fake_api.client(retry=RetryPolicy.none())
    with pytest.raises(QuantaSealError):
        qs.vault.get_entry("../../encryption/server-keys")
    assert (
        fake_api.requests[-1].url.raw_path
        == b"/api/v2/vault/entries/..%2F..%2Fencryption%2Fserver-keys"
    )
    with pytest.raises(ValueError, match="non-empty"):
        qs.vault.get_entry("")


def test_delete_and_retire_build_their_requests(fake_api: FakeApi) -> None:
    fake_api.scripted["/api/v2/vault/entries/vlt_1"] = [httpx.Response(204), httpx.Response(204)]
    fake_api.scripted["/api/v2/vault/entries/vlt_1/versions/2"] = [httpx.Response(204)]
    qs = fake_api.client()
    qs.vault.delete_entry("vlt_1")
    qs.vault.delete_entry("vlt_1", force=True)
    qs.vault.retire_version("vlt_1", 2)
    deletes = [r for r in fake_api.requests if r.method == "DELETE"]
    assert [str(r.url.params) for r in deletes] == ["", "force=true", ""]
    with pytest.raises(ValueError, match="positive"):
        qs.vault.retire_version("vlt_1", 0)


def test_a_malformed_answer_is_an_unexpected_response(fake_api: FakeApi) -> None:
    fake_api.scripted["/api/v2/vault/seal"] = [
        httpx.Response(201, json={"vault_entry_id": "vlt_1"}, headers={"X-Request-Id": "req_m"})
    ]
    with pytest.raises(UnexpectedResponseError) as caught:
        fake_api.client().vault.seal(credential_type="bearer_token", value="t")
    assert (caught.value.status, caught.value.request_id) == (201, "req_m")
    assert "credential_type" in str(caught.value)


def test_the_held_client_key_is_not_in_the_clients_repr(fake_api: FakeApi) -> None:
    qs = keyed(fake_api)
    key: ClientKey | None = qs.client_key
    assert key is not None
    assert repr(qs) == f"QuantaSeal(base_url='https://api.example.test', client_key={key!r})"
