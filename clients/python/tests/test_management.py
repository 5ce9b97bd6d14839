"""Client keys, API keys and the SIEM test, as a caller uses them, against the fake API."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from quantaseal import (
    ApiKey,
    ApiKeyCreated,
    ClientKeyInfo,
    CurrentApiKey,
    QuantaSealError,
    RetryPolicy,
    SiemTestResult,
    UnexpectedResponseError,
)
from tests.support.fake_api import FakeApi, error

T0 = "2026-05-01T10:00:00Z"
T1 = "2026-05-02T11:30:00Z"
SECRET = "qs_test_" + "S" * 43


def answer(status: int, body: Any) -> httpx.Response:
    return httpx.Response(status, json=body, headers={"X-Request-Id": "req_s"})


def client_key(n: int, *, revoked: bool = False) -> dict[str, Any]:
    return {
        "rkid": f"ck_{n:026d}",
        "hkid": f"hk_{n:026d}",
        "api_key_id": "key_" + "1" * 26 if n % 2 else None,
        "created_at": T0,
        "last_used_at": T1 if n % 2 else None,
        "revoked_at": T1 if revoked else None,
        "status": "revoked" if revoked else "active",
    }


def api_key(n: int, *, status: str = "active") -> dict[str, Any]:
    return {
        "api_key_id": f"key_{n:026d}",
        "name": f"ci-{n}" if n else None,
        "display_prefix": "qs_test_abcd…",
        "scopes": ["vault:unseal"],
        "created_at": T0,
        "last_used_at": None,
        "expires_at": T1,
        "revoked_at": T1 if status == "revoked" else None,
        "status": status,
    }


def only(fake_api: FakeApi, method: str, path: str) -> httpx.Request:
    matching = [r for r in fake_api.requests if r.method == method and r.url.path == path]
    assert len(matching) == 1
    return matching[0]


# -- client keys ----------------------------------------------------------------------------------


def test_list_client_keys_sends_limit_and_cursor_and_decodes_the_page(fake_api: FakeApi) -> None:
    path = "/api/v2/encryption/client-keys"
    fake_api.scripted[path] = [
        answer(200, {"client_keys": [client_key(1), client_key(2)], "next_cursor": "c2"})
    ]
    page = fake_api.client().encryption.list_client_keys(limit=2, cursor="c1")
    request = only(fake_api, "GET", path)
    assert dict(request.url.params) == {"limit": "2", "cursor": "c1"}
    assert request.content == b""
    assert page.next_cursor == "c2"
    first, second = page.items
    assert first == ClientKeyInfo(
        rkid="ck_" + "0" * 25 + "1",
        hkid="hk_" + "0" * 25 + "1",
        api_key_id="key_" + "1" * 26,
        created_at=datetime(2026, 5, 1, 10, tzinfo=UTC),
        last_used_at=datetime(2026, 5, 2, 11, 30, tzinfo=UTC),
        revoked_at=None,
        status="active",
    )
    assert (second.api_key_id, second.last_used_at) == (None, None)


def test_paginate_client_keys_follows_next_cursor(fake_api: FakeApi) -> None:
    path = "/api/v2/encryption/client-keys"
    fake_api.scripted[path] = [
        answer(200, {"client_keys": [client_key(1)], "next_cursor": "c1"}),
        answer(200, {"client_keys": [client_key(2)], "next_cursor": None}),
    ]
    keys = list(fake_api.client().encryption.paginate_client_keys(page_size=1))
    assert [k.rkid for k in keys] == [client_key(1)["rkid"], client_key(2)["rkid"]]
    lists = [r for r in fake_api.requests if r.url.path == path]
    assert [dict(r.url.params) for r in lists] == [{"limit": "1"}, {"limit": "1", "cursor": "c1"}]


def test_revoke_client_key_deletes_the_quoted_rkid_and_decodes_the_key(fake_api: FakeApi) -> None:
    rkid = client_key(3)["rkid"]
    path = f"/api/v2/encryption/client-keys/{rkid}"
    fake_api.scripted[path] = [answer(200, client_key(3, revoked=True))]
    revoked = fake_api.client().encryption.revoke_client_key(rkid)
    request = only(fake_api, "DELETE", path)
    assert request.content == b""
    assert (revoked.rkid, revoked.status) == (rkid, "revoked")
    assert revoked.revoked_at == datetime(2026, 5, 2, 11, 30, tzinfo=UTC)
    qs = fake_api.client(retry=RetryPolicy.none())
    with pytest.raises(QuantaSealError) as raised:
        qs.encryption.revoke_client_key("ck/../x")
    assert raised.value.status == 404
    assert fake_api.requests[-1].url.raw_path == b"/api/v2/encryption/client-keys/ck%2F..%2Fx"


# -- API keys -------------------------------------------------------------------------------------


def test_create_api_key_sends_the_body_and_keeps_the_key_out_of_repr(fake_api: FakeApi) -> None:
    created = {**api_key(1), "api_key": SECRET, "expires_at": T1}
    fake_api.scripted["/api/v2/api-keys"] = [answer(201, created)]
    result = fake_api.client().api_keys.create(
        name="ci-1",
        scopes=["vault:unseal"],
        expires_at=datetime(2026, 5, 2, 11, 30, tzinfo=UTC),
        idempotency_key="idem-1",
    )
    request = only(fake_api, "POST", "/api/v2/api-keys")
    assert json.loads(request.content) == {
        "name": "ci-1",
        "scopes": ["vault:unseal"],
        "expires_at": "2026-05-02T11:30:00Z",
    }
    assert request.headers["Idempotency-Key"] == "idem-1"
    assert isinstance(result, ApiKeyCreated)
    assert result.api_key == SECRET
    assert (result.api_key_id, result.name, result.scopes) == (
        "key_" + "0" * 25 + "1",
        "ci-1",
        ("vault:unseal",),
    )
    assert SECRET not in repr(result)
    assert SECRET not in str(result)


def test_create_api_key_sends_only_the_name_by_default_and_is_never_retried(
    fake_api: FakeApi,
) -> None:
    fake_api.scripted["/api/v2/api-keys"] = [
        error(503, "service_unavailable", "try later"),
        answer(201, {**api_key(1), "api_key": SECRET}),
    ]
    qs = fake_api.client()
    with pytest.raises(QuantaSealError) as raised:
        qs.api_keys.create(name="ci-1")
    assert raised.value.status == 503
    request = only(fake_api, "POST", "/api/v2/api-keys")
    assert json.loads(request.content) == {"name": "ci-1"}
    with pytest.raises(ValueError, match="non-empty"):
        qs.api_keys.create(name="")
    with pytest.raises(ValueError, match="timezone"):
        qs.api_keys.create(name="x", expires_at=datetime(2026, 5, 2))
    with pytest.raises(TypeError, match="one string"):
        qs.api_keys.create(name="x", scopes="admin")  # type: ignore[arg-type]
    assert fake_api.count("POST", "/api/v2/api-keys") == 1


def test_list_and_paginate_api_keys(fake_api: FakeApi) -> None:
    fake_api.scripted["/api/v2/api-keys"] = [
        answer(200, {"api_keys": [api_key(0), api_key(1)], "next_cursor": "k2"}),
        answer(200, {"api_keys": [api_key(2, status="expired")], "next_cursor": None}),
        answer(200, {"api_keys": [api_key(3)], "next_cursor": None}),
    ]
    qs = fake_api.client()
    keys = list(qs.api_keys.paginate(page_size=2))
    assert [k.api_key_id for k in keys] == [api_key(n)["api_key_id"] for n in range(3)]
    assert keys[0].name is None
    assert keys[2].status == "expired"
    assert keys[1] == ApiKey(
        api_key_id="key_" + "0" * 25 + "1",
        name="ci-1",
        display_prefix="qs_test_abcd…",
        scopes=("vault:unseal",),
        created_at=datetime(2026, 5, 1, 10, tzinfo=UTC),
        last_used_at=None,
        expires_at=datetime(2026, 5, 2, 11, 30, tzinfo=UTC),
        revoked_at=None,
        status="active",
    )
    page = qs.api_keys.list(limit=5, cursor="k9")
    assert (len(page), page.next_cursor) == (1, None)
    lists = [r for r in fake_api.requests if r.url.path == "/api/v2/api-keys"]
    assert [(r.method, dict(r.url.params)) for r in lists] == [
        ("GET", {"limit": "2"}),
        ("GET", {"limit": "2", "cursor": "k2"}),
        ("GET", {"limit": "5", "cursor": "k9"}),
    ]


def test_current_api_key_is_typed(fake_api: FakeApi) -> None:
    body = {**api_key(4), "tenant_id": "ten_" + "7" * 26}
    fake_api.scripted["/api/v2/api-keys/current"] = [answer(200, body)]
    current = fake_api.client().api_keys.current()
    request = only(fake_api, "GET", "/api/v2/api-keys/current")
    assert str(request.url.params) == ""
    assert isinstance(current, CurrentApiKey)
    assert (current.tenant_id, current.api_key_id) == ("ten_" + "7" * 26, api_key(4)["api_key_id"])
    assert current.expires_at == datetime(2026, 5, 2, 11, 30, tzinfo=UTC)


def test_a_current_answer_without_its_fields_is_unexpected(fake_api: FakeApi) -> None:
    # The fake's own /current answer names only tenant_id and api_key_id.
    with pytest.raises(UnexpectedResponseError):
        fake_api.client().api_keys.current()


def test_revoke_api_key_and_the_last_admin_key(fake_api: FakeApi) -> None:
    key_id = api_key(5)["api_key_id"]
    path = f"/api/v2/api-keys/{key_id}"
    fake_api.scripted[path] = [
        answer(200, api_key(5, status="revoked")),
        error(409, "last_admin_key", "the tenant's last active admin key"),
    ]
    qs = fake_api.client()
    revoked = qs.api_keys.revoke(key_id)
    assert (revoked.api_key_id, revoked.status) == (key_id, "revoked")
    with pytest.raises(QuantaSealError) as raised:
        qs.api_keys.revoke(key_id)
    assert (raised.value.status, raised.value.code) == (409, "last_admin_key")
    deletes = [r for r in fake_api.requests if r.method == "DELETE"]
    assert [r.url.path for r in deletes] == [path, path]


# -- SIEM test ------------------------------------------------------------------------------------


def test_test_destination_posts_no_body_and_decodes_datadogs_answer(fake_api: FakeApi) -> None:
    path = "/api/v2/siem/destinations/sdst_1/test"
    fake_api.scripted[path] = [
        answer(
            200,
            {
                "destination_id": "sdst_1",
                "operation": "send_event",
                "sent_at": T0,
                "delivered": True,
                "datadog": {"status": 202, "body": {"status": "ok"}, "latency_ms": 41},
            },
        ),
        answer(
            200,
            {
                "destination_id": "sdst_1",
                "operation": "send_log",
                "sent_at": T1,
                "delivered": False,
                "datadog": {"status": 403, "body": "Forbidden", "latency_ms": 9},
                "error": "Datadog refused the API key",
            },
        ),
    ]
    qs = fake_api.client()
    ok = qs.siem.test_destination("sdst_1")
    assert isinstance(ok, SiemTestResult)
    assert (ok.destination_id, ok.operation, ok.delivered, ok.error) == (
        "sdst_1",
        "send_event",
        True,
        None,
    )
    assert ok.sent_at == datetime(2026, 5, 1, 10, tzinfo=UTC)
    assert (ok.datadog.status, ok.datadog.body, ok.datadog.latency_ms) == (
        202,
        {"status": "ok"},
        41,
    )
    refused = qs.siem.test_destination("sdst_1")
    assert (refused.delivered, refused.datadog.body, refused.error) == (
        False,
        "Forbidden",
        "Datadog refused the API key",
    )
    posts = [r for r in fake_api.requests if r.url.path == path]
    assert [(r.method, r.content, str(r.url.params)) for r in posts] == [
        ("POST", b"", ""),
        ("POST", b"", ""),
    ]
