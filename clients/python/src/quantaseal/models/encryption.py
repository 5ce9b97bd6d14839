"""Requests and answers of the envelope keys (docs/openapi.yaml, tag ``encryption``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from quantaseal._codec import StrictDecodeError, b64url_decode, b64url_encode
from quantaseal.models._fields import Fields, MalformedAnswerError
from quantaseal.models.common import ClientKeyStatus, ServerKeyStatus

__all__ = ["ML_DSA_65", "ClientKeyInfo", "ClientKeyRegistration", "ClientKeyRequest", "ServerKey"]

ML_DSA_65 = "ML-DSA-65"


def _binary(f: Fields, name: str, length: int) -> bytes:
    try:
        data = b64url_decode(f.string(name))
    except StrictDecodeError:
        data = None
    if data is None or len(data) != length:
        raise MalformedAnswerError(f"{name} is not {length} bytes of unpadded base64url")
    return data


@dataclass(frozen=True)
class ClientKeyRequest:
    """``POST /api/v2/encryption/client-keys``: a 1184-byte ML-KEM-768 encapsulation key."""

    public_key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.public_key) != 1184:
            raise ValueError("an ML-KEM-768 encapsulation key is 1184 bytes")

    def to_body(self) -> dict[str, Any]:
        return {"public_key": b64url_encode(self.public_key)}


@dataclass(frozen=True)
class ClientKeyRegistration:
    """The answer of a client-key registration; ``hmac_key`` (64 bytes) is shown once."""

    rkid: str
    hkid: str
    hmac_key: bytes = field(repr=False)
    created_at: datetime

    @classmethod
    def from_json(cls, data: Any) -> ClientKeyRegistration:
        f = Fields(data, "ClientKeyRegistration")
        return cls(
            rkid=f.string("rkid"),
            hkid=f.string("hkid"),
            hmac_key=_binary(f, "hmac_key", 64),
            created_at=f.timestamp("created_at"),
        )


@dataclass(frozen=True)
class ServerKey:
    """One of the service's ML-DSA-65 signing keys (``ServerKeys.keys[]``)."""

    skid: str
    alg: str
    public_key: bytes = field(repr=False)
    created_at: datetime
    status: ServerKeyStatus

    @classmethod
    def from_json(cls, data: Any) -> ServerKey:
        f = Fields(data, "ServerKey")
        return cls(
            skid=f.string("skid"),
            alg=f.string("alg"),
            public_key=_binary(f, "public_key", 1952),
            created_at=f.timestamp("created_at"),
            status=cast(ServerKeyStatus, f.string("status")),
        )

    @staticmethod
    def list_from_json(data: Any) -> list[ServerKey]:
        """The ML-DSA-65 keys of a ``ServerKeys`` answer; keys of another ``alg`` are skipped."""
        keys = Fields(data, "ServerKeys").objects("keys")
        return [
            ServerKey.from_json(item.raw_object())
            for item in keys
            if item.opt_string("alg") == ML_DSA_65
        ]


@dataclass(frozen=True)
class ClientKeyInfo:
    """A registered client key as listed (``ClientKey``): never its key material."""

    rkid: str
    hkid: str
    api_key_id: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    status: ClientKeyStatus

    @classmethod
    def from_json(cls, data: Any) -> ClientKeyInfo:
        f = Fields(data, "ClientKey")
        return cls(
            rkid=f.string("rkid"),
            hkid=f.string("hkid"),
            api_key_id=f.opt_string("api_key_id"),
            created_at=f.timestamp("created_at"),
            last_used_at=f.opt_timestamp("last_used_at"),
            revoked_at=f.opt_timestamp("revoked_at"),
            status=cast(ClientKeyStatus, f.string("status")),
        )
