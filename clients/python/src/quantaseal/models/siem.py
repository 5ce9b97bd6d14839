"""Requests and answers of the SIEM destinations (docs/openapi.yaml, tag ``siem``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from quantaseal.models._fields import Fields, as_tuple
from quantaseal.models.common import DatadogOperation, SiemDestinationStatus, SiemStream

__all__ = ["CreateSiemDestinationRequest", "DatadogTestAnswer", "SiemDestination", "SiemTestResult"]


@dataclass(frozen=True)
class CreateSiemDestinationRequest:
    """``POST /api/v2/siem/destinations`` (``SiemDestinationCreate``); streams default to all
    three. The integration must allow what the streams send (metrics: ``send_metric``; audit:
    ``send_log``; security_alerts: ``send_event`` and ``send_log``)."""

    integration_id: str
    streams: tuple[SiemStream, ...] | None = None
    system_type: str = "datadog"

    def __post_init__(self) -> None:
        object.__setattr__(self, "streams", as_tuple(self.streams, "streams"))

    def to_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "system_type": self.system_type,
            "integration_id": self.integration_id,
        }
        if self.streams is not None:
            body["streams"] = list(self.streams)
        return body


@dataclass(frozen=True)
class SiemDestination:
    """A SIEM destination (``SiemDestination``)."""

    destination_id: str
    system_type: str
    integration_id: str
    streams: tuple[SiemStream, ...]
    created_at: datetime
    status: SiemDestinationStatus
    stopped_reason: str | None = None
    stopped_at: datetime | None = None

    @classmethod
    def from_json(cls, data: Any) -> SiemDestination:
        f = Fields(data, "SiemDestination")
        return cls(
            destination_id=f.string("destination_id"),
            system_type=f.string("system_type"),
            integration_id=f.string("integration_id"),
            streams=cast(tuple[SiemStream, ...], f.strings("streams")),
            created_at=f.timestamp("created_at"),
            status=cast(SiemDestinationStatus, f.string("status")),
            stopped_reason=f.opt_string("stopped_reason"),
            stopped_at=f.opt_timestamp("stopped_at"),
        )


@dataclass(frozen=True)
class DatadogTestAnswer:
    """What Datadog answered to a test item (``SiemTestDatadogAnswer``); ``body`` is its JSON,
    or its text when it is not JSON."""

    status: int
    body: Any
    latency_ms: int

    @classmethod
    def from_json(cls, data: Any) -> DatadogTestAnswer:
        f = Fields(data, "SiemTestDatadogAnswer")
        return cls(
            status=f.integer("status"), body=f.raw("body"), latency_ms=f.integer("latency_ms")
        )


@dataclass(frozen=True)
class SiemTestResult:
    """The answer of a destination's test (``SiemDestinationTestResult``); ``error`` says what a
    refusal means (only when not ``delivered``)."""

    destination_id: str
    operation: DatadogOperation
    sent_at: datetime
    delivered: bool
    datadog: DatadogTestAnswer
    error: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> SiemTestResult:
        f = Fields(data, "SiemDestinationTestResult")
        return cls(
            destination_id=f.string("destination_id"),
            operation=cast(DatadogOperation, f.string("operation")),
            sent_at=f.timestamp("sent_at"),
            delivered=f.boolean("delivered"),
            datadog=DatadogTestAnswer.from_json(f.member("datadog").raw_object()),
            error=f.opt_string("error"),
        )
