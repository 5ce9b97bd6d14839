"""The typed requests and answers: bodies as docs/openapi.yaml names them, answers read
tolerantly (unknown members ignored) but never wrongly (a missing member is an error)."""

from __future__ import annotations

import dataclasses
import os
from datetime import UTC, datetime
from typing import Any

import pytest

from quantaseal._codec import b64url_encode
from quantaseal.models import (
    ClientKeyRegistration,
    ClientKeyRequest,
    CreateIntegrationRequest,
    CreateSiemDestinationRequest,
    Integration,
    IntegrationConfig,
    ProxyAnswer,
    ProxyRequest,
    RotateRequest,
    SealRequest,
    SiemDestination,
    UnsealRequest,
    UpdateIntegrationRequest,
    VaultEntry,
    VaultEntryDetail,
)
from quantaseal.models._fields import MalformedAnswerError

T = "2026-12-04T21:41:41.725595414Z"
INTEGRATION: dict[str, Any] = {
    "integration_id": "int_01",
    "system_type": "datadog",
    "name": "dd",
    "credential_id": "vlt_01",
    "config": {"site": "datadoghq.eu"},
    "allowed_operations": ["send_event", "send_log"],
    "status": "unhealthy",
    "unhealthy_reason": "credential_rejected",
    "created_at": T,
    "updated_at": T,
}


def test_seal_request_bodies() -> None:
    assert SealRequest(credential_type="api_key", name="n", values={"api_key": "a"}).to_body() == {
        "credential_type": "api_key",
        "name": "n",
        "values": {"api_key": "a"},
    }
    assert SealRequest(credential_type="bearer_token", value="t").to_body() == {
        "credential_type": "bearer_token",
        "value": "t",
    }
    assert RotateRequest(values={"token": "t2"}).to_body() == {"values": {"token": "t2"}}
    assert UnsealRequest("vlt_1", rkid="ck_1").to_body() == {
        "vault_entry_id": "vlt_1",
        "rkid": "ck_1",
    }


def test_requests_with_secrets_keep_them_out_of_repr_and_cannot_change() -> None:
    request = SealRequest(
        credential_type="basic_auth", values={"username": "u", "password": "hunter2"}
    )
    assert "hunter2" not in repr(request)
    assert "hunter2" not in repr(RotateRequest(value="hunter2"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        request.values["password"] = "x"  # type: ignore[index]


def test_a_seal_request_copies_its_values() -> None:
    values = {"api_key": "a"}
    request = SealRequest(credential_type="api_key", values=values)
    values["api_key"] = "changed"
    assert request.to_body()["values"] == {"api_key": "a"}


def test_integration_request_bodies() -> None:
    create = CreateIntegrationRequest(
        credential_id="vlt_1",
        config=IntegrationConfig.of({"site": "datadoghq.com"}),
        allowed_operations=("send_event",),
    )
    assert create.to_body() == {
        "system_type": "datadog",
        "credential_id": "vlt_1",
        "config": {"site": "datadoghq.com"},
        "allowed_operations": ["send_event"],
    }
    assert UpdateIntegrationRequest(allowed_operations=()).to_body() == {"allowed_operations": []}
    assert UpdateIntegrationRequest(
        name="n", config=IntegrationConfig("us5.datadoghq.com")
    ).to_body() == {
        "name": "n",
        "config": {"site": "us5.datadoghq.com"},
    }
    with pytest.raises(ValueError, match="at least one"):
        UpdateIntegrationRequest().to_body()
    with pytest.raises(TypeError, match="not one string"):
        CreateIntegrationRequest(
            credential_id="v",
            config=IntegrationConfig("datadoghq.com"),
            allowed_operations="send_event",  # type: ignore[arg-type]
        )
    with pytest.raises(ValueError, match="site"):
        IntegrationConfig.of({"site": "datadoghq.com", "url": "https://evil.test"})


def test_proxy_and_siem_and_client_key_request_bodies() -> None:
    assert ProxyRequest(
        "int_1", "send_metric", {"metric": "m", "value": 1}, rkid="ck"
    ).to_body() == {
        "integration_id": "int_1",
        "operation": "send_metric",
        "payload": {"metric": "m", "value": 1},
        "rkid": "ck",
    }
    with pytest.raises(TypeError, match="object or array"):
        ProxyRequest("int_1", "send_log", "a log line")
    assert CreateSiemDestinationRequest("int_1", streams=("audit",)).to_body() == {
        "system_type": "datadog",
        "integration_id": "int_1",
        "streams": ["audit"],
    }
    assert CreateSiemDestinationRequest("int_1").to_body() == {
        "system_type": "datadog",
        "integration_id": "int_1",
    }
    assert ClientKeyRequest(bytes(1184)).to_body() == {"public_key": "A" * 1579}
    with pytest.raises(ValueError, match="1184"):
        ClientKeyRequest(bytes(1183))


def test_integration_answer() -> None:
    integ = Integration.from_json({**INTEGRATION, "added_later": {"x": 1}})
    assert integ.config == IntegrationConfig("datadoghq.eu")
    assert integ.allowed_operations == ("send_event", "send_log")
    assert (integ.status, integ.unhealthy_reason) == ("unhealthy", "credential_rejected")
    assert integ.created_at == datetime(2026, 12, 4, 21, 41, 41, 725595, tzinfo=UTC)
    minimal = {k: v for k, v in INTEGRATION.items() if k not in ("name", "unhealthy_reason")}
    assert Integration.from_json(minimal).name is None


@pytest.mark.parametrize(
    "member", ["integration_id", "config", "allowed_operations", "created_at", "status"]
)
def test_a_missing_member_is_malformed(member: str) -> None:
    with pytest.raises(MalformedAnswerError, match=member):
        Integration.from_json({k: v for k, v in INTEGRATION.items() if k != member})


def test_wrong_types_are_malformed() -> None:
    with pytest.raises(MalformedAnswerError):
        VaultEntry.from_json(
            {
                "vault_entry_id": "v",
                "credential_type": "api_key",
                "version": True,
                "created_at": T,
                "rotated_at": T,
            }
        )
    with pytest.raises(MalformedAnswerError):
        VaultEntry.from_json(
            {
                "vault_entry_id": "v",
                "credential_type": "api_key",
                "version": 1,
                "created_at": "yesterday",
                "rotated_at": T,
            }
        )
    with pytest.raises(MalformedAnswerError):
        VaultEntry.from_json(["not", "an", "object"])


def test_vault_entry_detail_answer() -> None:
    detail = VaultEntryDetail.from_json(
        {
            "vault_entry_id": "vlt_1",
            "credential_type": "api_key",
            "version": 2,
            "created_at": T,
            "rotated_at": T,
            "versions": [
                {"version": 1, "created_at": T, "current": False},
                {"version": 2, "created_at": T, "current": True},
            ],
        }
    )
    assert [(v.version, v.current) for v in detail.versions] == [(1, False), (2, True)]
    assert isinstance(detail, VaultEntry)


def test_client_key_registration_answer_hides_the_mac_key() -> None:
    mac_key = os.urandom(64)
    registration = ClientKeyRegistration.from_json(
        {"rkid": "ck_1", "hkid": "hk_1", "hmac_key": b64url_encode(mac_key), "created_at": T}
    )
    assert registration.hmac_key == mac_key
    assert b64url_encode(mac_key)[:12] not in repr(registration)
    assert repr(mac_key)[2:14] not in repr(registration)
    for bad in ("A" * 85, "B" * 86, "A" * 84 + "=="):
        with pytest.raises(MalformedAnswerError, match="hmac_key"):
            ClientKeyRegistration.from_json(
                {"rkid": "ck_1", "hkid": "hk_1", "hmac_key": bad, "created_at": T}
            )


def test_siem_destination_answer() -> None:
    destination = SiemDestination.from_json(
        {
            "destination_id": "dst_1",
            "system_type": "datadog",
            "integration_id": "int_1",
            "streams": ["metrics", "audit"],
            "created_at": T,
            "status": "stopped_credential_rejected",
            "stopped_reason": "Datadog answered 403",
            "stopped_at": T,
        }
    )
    assert destination.streams == ("metrics", "audit")
    assert destination.stopped_at is not None


def test_proxy_answer_body_may_be_text() -> None:
    answer = ProxyAnswer.from_json(
        {
            "integration_id": "int_1",
            "operation": "send_log",
            "upstream": {"status": 413, "body": "Payload too large", "latency_ms": 9},
            "audit_id": "aud_1",
        },
        request_id="req_1",
        http_status=413,
        idempotent_replayed=False,
    )
    assert (answer.upstream.body, answer.upstream.ok) == ("Payload too large", False)
