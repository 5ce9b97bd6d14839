"""The project's envelope vectors (docs/vectors/), read in place from the repository."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA65PrivateKey

from quantaseal import ClientKey
from quantaseal._codec import b64url_decode

SDK_ROOT = Path(__file__).resolve().parents[2]
REPO_ROOT = SDK_ROOT.parents[1]
VECTORS = REPO_ROOT / "docs" / "vectors"
GOLDEN_FILE = VECTORS / "envelope-v1.json"
CONFORMANCE_FILE = VECTORS / "envelope-v1-conformance.json"
CLIENT_KEY_FILE = VECTORS / "client-key-v1.json"
OPENAPI_FILE = REPO_ROOT / "docs" / "openapi.yaml"


@dataclass(frozen=True)
class GoldenVector:
    raw: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.raw["name"])

    def binary(self, member: str) -> bytes:
        return b64url_decode(self.raw[member])

    @property
    def iat(self) -> int:
        return int(self.raw["iat"])

    def client_key(self) -> ClientKey:
        return ClientKey(
            rkid=self.raw["rkid"],
            hkid=self.raw["hkid"],
            seed=self.binary("recipient_seed"),
            mac_key=self.binary("mac_key"),
        )

    def signer(self) -> MLDSA65PrivateKey:
        return MLDSA65PrivateKey.from_seed_bytes(self.binary("signer_seed"))

    def server_keys(self) -> dict[str, bytes]:
        return {self.raw["skid"]: self.signer().public_key().public_bytes_raw()}


@cache
def golden_document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))
    return data


def golden_vectors() -> list[GoldenVector]:
    return [GoldenVector(v) for v in golden_document()["vectors"]]
