"""Requests and answers of the integrations (docs/openapi.yaml, tag ``integrations``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from quantaseal.models._fields import Fields, as_tuple
from quantaseal.models.common import DatadogOperation, DatadogSite, IntegrationStatus

__all__ = [
    "CreateIntegrationRequest",
    "Integration",
    "IntegrationConfig",
    "UpdateIntegrationRequest",
]


@dataclass(frozen=True)
class IntegrationConfig:
    """``config`` of a Datadog integration: the Datadog site its key belongs to."""

    site: DatadogSite

    @classmethod
    def of(cls, config: IntegrationConfig | Mapping[str, Any]) -> IntegrationConfig:
        """An :class:`IntegrationConfig`, or one made of ``{"site": "datadoghq.eu"}``."""
        if isinstance(config, IntegrationConfig):
            return config
        unknown = set(config) - {"site"}
        if unknown or not isinstance(config.get("site"), str):
            raise ValueError("config is {'site': <a Datadog site>}")
        return cls(site=config["site"])

    def to_body(self) -> dict[str, Any]:
        return {"site": self.site}


@dataclass(frozen=True)
class CreateIntegrationRequest:
    """``POST /api/v2/integrations`` (``IntegrationCreate``). ``allowed_operations`` defaults
    to none: the integration allows nothing until it is given operations (default deny)."""

    credential_id: str
    config: IntegrationConfig
    system_type: str = "datadog"
    name: str | None = None
    allowed_operations: tuple[DatadogOperation, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "allowed_operations", as_tuple(self.allowed_operations, "allowed_operations")
        )

    def to_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "system_type": self.system_type,
            "credential_id": self.credential_id,
            "config": self.config.to_body(),
        }
        if self.name is not None:
            body["name"] = self.name
        if self.allowed_operations is not None:
            body["allowed_operations"] = list(self.allowed_operations)
        return body


@dataclass(frozen=True)
class UpdateIntegrationRequest:
    """``PATCH /api/v2/integrations/{id}`` (``IntegrationPatch``): only the fields given change."""

    name: str | None = None
    credential_id: str | None = None
    config: IntegrationConfig | None = None
    allowed_operations: tuple[DatadogOperation, ...] | None = None
    system_type: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "allowed_operations", as_tuple(self.allowed_operations, "allowed_operations")
        )

    def to_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self.system_type is not None:
            body["system_type"] = self.system_type
        if self.name is not None:
            body["name"] = self.name
        if self.credential_id is not None:
            body["credential_id"] = self.credential_id
        if self.config is not None:
            body["config"] = self.config.to_body()
        if self.allowed_operations is not None:
            body["allowed_operations"] = list(self.allowed_operations)
        if not body:
            raise ValueError("give at least one field to change")
        return body


@dataclass(frozen=True)
class Integration:
    """A Datadog integration (``Integration``)."""

    integration_id: str
    system_type: str
    credential_id: str
    config: IntegrationConfig
    allowed_operations: tuple[DatadogOperation, ...]
    status: IntegrationStatus
    created_at: datetime
    updated_at: datetime
    name: str | None = None
    unhealthy_reason: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> Integration:
        f = Fields(data, "Integration")
        return cls(
            integration_id=f.string("integration_id"),
            system_type=f.string("system_type"),
            credential_id=f.string("credential_id"),
            config=IntegrationConfig(site=cast(DatadogSite, f.member("config").string("site"))),
            allowed_operations=cast(tuple[DatadogOperation, ...], f.strings("allowed_operations")),
            status=cast(IntegrationStatus, f.string("status")),
            created_at=f.timestamp("created_at"),
            updated_at=f.timestamp("updated_at"),
            name=f.opt_string("name"),
            unhealthy_reason=f.opt_string("unhealthy_reason"),
        )
