"""Requests and answers of the tenant's API keys (docs/openapi.yaml, tag ``api-keys``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from quantaseal.models._fields import Fields, as_tuple
from quantaseal.models.common import ApiKeyStatus, Scope

__all__ = ["ApiKey", "ApiKeyCreated", "CreateApiKeyRequest", "CurrentApiKey"]


def _rfc3339(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("expires_at must be timezone-aware")
    return value.isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class CreateApiKeyRequest:
    """``POST /api/v2/api-keys`` (``ApiKeyCreate``): each scope one the calling key holds
    (default none); ``expires_at`` in the future, at most 3650 days ahead."""

    name: str
    scopes: tuple[Scope, ...] | None = None
    expires_at: datetime | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "scopes", as_tuple(self.scopes, "scopes"))
        if not isinstance(self.name, str) or not self.name:
            raise ValueError("an API key's name is a non-empty string")

    def to_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"name": self.name}
        if self.scopes is not None:
            body["scopes"] = list(self.scopes)
        if self.expires_at is not None:
            body["expires_at"] = _rfc3339(self.expires_at)
        return body


def _common(f: Fields) -> dict[str, Any]:
    return {
        "api_key_id": f.string("api_key_id"),
        "name": f.opt_string("name"),
        "display_prefix": f.string("display_prefix"),
        "scopes": cast(tuple[Scope, ...], f.strings("scopes")),
        "created_at": f.timestamp("created_at"),
        "last_used_at": f.opt_timestamp("last_used_at"),
        "expires_at": f.opt_timestamp("expires_at"),
        "revoked_at": f.opt_timestamp("revoked_at"),
        "status": cast(ApiKeyStatus, f.string("status")),
    }


@dataclass(frozen=True)
class ApiKey:
    """An API key as listed (``ApiKey``): never the key or its hash. ``name`` is None for keys
    the operator issued."""

    api_key_id: str
    name: str | None
    display_prefix: str
    scopes: tuple[Scope, ...]
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    status: ApiKeyStatus

    @classmethod
    def from_json(cls, data: Any) -> ApiKey:
        return cls(**_common(Fields(data, "ApiKey")))


@dataclass(frozen=True)
class ApiKeyCreated:
    """A new API key (``ApiKeyCreated``) with ``api_key``, the key itself: shown this once
    (QuantaSeal keeps only its SHA-256), and never in a ``repr``."""

    api_key_id: str
    api_key: str = field(repr=False)
    name: str | None
    display_prefix: str
    scopes: tuple[Scope, ...]
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    status: ApiKeyStatus

    @classmethod
    def from_json(cls, data: Any) -> ApiKeyCreated:
        f = Fields(data, "ApiKeyCreated")
        return cls(api_key=f.string("api_key"), **_common(f))


@dataclass(frozen=True)
class CurrentApiKey:
    """The calling API key as listed, with its tenant (``ApiKeyCurrent``)."""

    tenant_id: str
    api_key_id: str
    name: str | None
    display_prefix: str
    scopes: tuple[Scope, ...]
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    status: ApiKeyStatus

    @classmethod
    def from_json(cls, data: Any) -> CurrentApiKey:
        f = Fields(data, "ApiKeyCurrent")
        return cls(tenant_id=f.string("tenant_id"), **_common(f))
