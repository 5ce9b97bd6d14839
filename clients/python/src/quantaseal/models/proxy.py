"""Requests and answers of the outbound proxy (docs/openapi.yaml, tag ``proxy``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from quantaseal.models._fields import Fields, JSONValue
from quantaseal.models.common import DatadogOperation

__all__ = ["ProxyAnswer", "ProxyRequest", "UpstreamAnswer"]


@dataclass(frozen=True)
class ProxyRequest:
    """``POST /api/v2/proxy/outbound`` (``ProxyRequest``).

    ``payload``: ``send_event`` a Datadog event; ``send_metric`` a v2 series body or one point
    {metric, value, type?, tags?}; ``send_log`` one log object or a list of them.
    """

    integration_id: str
    operation: DatadogOperation
    payload: Mapping[str, Any] | Sequence[Any]
    rkid: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.payload, str | bytes) or not isinstance(
            self.payload, Mapping | Sequence
        ):
            raise TypeError("payload is a JSON object or array")

    def to_body(self) -> dict[str, Any]:
        payload = dict(self.payload) if isinstance(self.payload, Mapping) else list(self.payload)
        body: dict[str, Any] = {
            "integration_id": self.integration_id,
            "operation": self.operation,
            "payload": payload,
        }
        if self.rkid is not None:
            body["rkid"] = self.rkid
        return body


@dataclass(frozen=True)
class UpstreamAnswer:
    """Datadog's answer: its HTTP status, its body (JSON when it was JSON, else its text)."""

    status: int
    body: JSONValue
    latency_ms: int

    @property
    def ok(self) -> bool:
        """Whether Datadog accepted the call (a 2xx status)."""
        return 200 <= self.status < 300


@dataclass(frozen=True)
class ProxyAnswer:
    """The verified and decrypted answer of the proxy (``ProxyPlaintext``).

    ``http_status`` is the status of the HTTP answer (Datadog's, mirrored); ``request_id`` its
    ``X-Request-Id`` (equal to the envelope's ``rid``); ``idempotent_replayed`` is true when the
    service returned the stored answer of an earlier call with the same ``Idempotency-Key``.
    """

    integration_id: str
    operation: DatadogOperation
    upstream: UpstreamAnswer
    audit_id: str
    request_id: str
    http_status: int
    idempotent_replayed: bool = False

    @classmethod
    def from_json(
        cls, data: Any, *, request_id: str, http_status: int, idempotent_replayed: bool
    ) -> ProxyAnswer:
        f = Fields(data, "ProxyPlaintext")
        upstream = f.member("upstream")
        return cls(
            integration_id=f.string("integration_id"),
            operation=cast(DatadogOperation, f.string("operation")),
            upstream=UpstreamAnswer(
                status=upstream.integer("status"),
                body=cast(JSONValue, upstream.raw("body")),
                latency_ms=upstream.integer("latency_ms"),
            ),
            audit_id=f.string("audit_id"),
            request_id=request_id,
            http_status=http_status,
            idempotent_replayed=idempotent_replayed,
        )
