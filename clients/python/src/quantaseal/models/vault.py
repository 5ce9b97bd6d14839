"""Requests and answers of the vault (docs/openapi.yaml, tag ``vault``).

Secret values are kept out of every ``repr``: requests hold them in fields with ``repr=False``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, cast

from quantaseal.models._fields import Fields
from quantaseal.models.common import CredentialType

__all__ = [
    "RotateRequest",
    "SealRequest",
    "UnsealRequest",
    "UnsealedCredential",
    "VaultEntry",
    "VaultEntryDetail",
    "VaultVersion",
]


def _one_of(value: str | None, values: Mapping[str, str] | None) -> None:
    if (value is None) == (values is None):
        raise ValueError("give exactly one of value or values")


def _frozen_values(values: Mapping[str, str] | None) -> Mapping[str, str] | None:
    return None if values is None else MappingProxyType(dict(values))


def _secret_body(value: str | None, values: Mapping[str, str] | None) -> dict[str, Any]:
    return {"value": value} if value is not None else {"values": dict(values or {})}


@dataclass(frozen=True)
class SealRequest:
    """``POST /api/v2/vault/seal`` (``SealRequest``): one of ``value`` or ``values``.

    Fields by type: ``api_key`` {api_key, app_key?}; ``bearer_token`` {token}; ``basic_auth``
    {username, password}; ``oauth2_client_credentials`` {client_id, client_secret, token_url?,
    scope?, audience?}. ``value`` is the single field of ``api_key`` and ``bearer_token``.
    """

    credential_type: CredentialType
    name: str | None = None
    value: str | None = field(default=None, repr=False)
    values: Mapping[str, str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        _one_of(self.value, self.values)
        object.__setattr__(self, "values", _frozen_values(self.values))

    def to_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"credential_type": self.credential_type}
        if self.name is not None:
            body["name"] = self.name
        body.update(_secret_body(self.value, self.values))
        return body


@dataclass(frozen=True)
class RotateRequest:
    """``POST /api/v2/vault/entries/{id}/rotate`` (``RotateRequest``): the new value(s)."""

    value: str | None = field(default=None, repr=False)
    values: Mapping[str, str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        _one_of(self.value, self.values)
        object.__setattr__(self, "values", _frozen_values(self.values))

    def to_body(self) -> dict[str, Any]:
        return _secret_body(self.value, self.values)


@dataclass(frozen=True)
class UnsealRequest:
    """``POST /api/v2/vault/unseal`` (``UnsealRequest``); the SDK always names ``rkid``."""

    vault_entry_id: str
    rkid: str | None = None

    def to_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"vault_entry_id": self.vault_entry_id}
        if self.rkid is not None:
            body["rkid"] = self.rkid
        return body


@dataclass(frozen=True)
class VaultEntry:
    """A vault entry's metadata (``VaultEntry``); the secret is never in it."""

    vault_entry_id: str
    credential_type: CredentialType
    version: int
    created_at: datetime
    rotated_at: datetime
    name: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> VaultEntry:
        f = Fields(data, "VaultEntry")
        return cls(**_entry_fields(f))


def _entry_fields(f: Fields) -> dict[str, Any]:
    return {
        "vault_entry_id": f.string("vault_entry_id"),
        "credential_type": cast(CredentialType, f.string("credential_type")),
        "version": f.integer("version"),
        "created_at": f.timestamp("created_at"),
        "rotated_at": f.timestamp("rotated_at"),
        "name": f.opt_string("name"),
    }


@dataclass(frozen=True)
class VaultVersion:
    """One version of an entry (``VaultEntryDetail.versions[]``)."""

    version: int
    created_at: datetime
    current: bool


@dataclass(frozen=True)
class VaultEntryDetail(VaultEntry):
    """An entry with its versions (``VaultEntryDetail``)."""

    versions: tuple[VaultVersion, ...] = ()

    @classmethod
    def from_json(cls, data: Any) -> VaultEntryDetail:
        f = Fields(data, "VaultEntryDetail")
        versions = tuple(
            VaultVersion(
                version=v.integer("version"),
                created_at=v.timestamp("created_at"),
                current=v.boolean("current"),
            )
            for v in f.objects("versions")
        )
        return cls(**_entry_fields(f), versions=versions)


@dataclass(frozen=True)
class UnsealedCredential:
    """The opened plaintext of an unseal envelope (``UnsealPlaintext``).

    ``values`` holds the secrets (never in ``repr``); ``request_id`` is the answer's
    ``X-Request-Id``, equal to the envelope's ``rid``.
    """

    vault_entry_id: str
    credential_type: CredentialType
    version: int
    values: Mapping[str, str] = field(repr=False)
    request_id: str

    @classmethod
    def from_json(cls, data: Any, *, request_id: str) -> UnsealedCredential:
        f = Fields(data, "UnsealPlaintext")
        return cls(
            vault_entry_id=f.string("vault_entry_id"),
            credential_type=cast(CredentialType, f.string("credential_type")),
            version=f.integer("version"),
            values=MappingProxyType(f.string_map("values")),
            request_id=request_id,
        )
