"""The service's side of an envelope, for tests: what EnvelopeSealer (shared-crypto) does,
composed from the same ``cryptography`` primitives the SDK opens with (docs/envelope.md)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA65PrivateKey
from cryptography.hazmat.primitives.asymmetric.mlkem import MLKEM768PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from quantaseal import ClientKey
from quantaseal._codec import b64url_decode, b64url_encode
from quantaseal.envelope import (
    KDF_INFO_PREFIX,
    SIGNATURE_CONTEXT,
    SUITE,
    header_bytes,
    signed_bytes,
)


@dataclass(frozen=True)
class Signer:
    skid: str
    key: MLDSA65PrivateKey

    @classmethod
    def new(cls, skid: str) -> Signer:
        return cls(skid=skid, key=MLDSA65PrivateKey.generate())

    def public_bytes(self) -> bytes:
        return self.key.public_key().public_bytes_raw()


def new_client_key(rkid: str = "ck_test", hkid: str = "hk_test") -> ClientKey:
    return ClientKey(rkid=rkid, hkid=hkid, seed=os.urandom(64), mac_key=os.urandom(64))


@dataclass(frozen=True)
class Recipient:
    """What the service knows of a client key: its public half, its ids and its MAC key."""

    rkid: str
    hkid: str
    public_key: bytes
    mac_key: bytes

    @classmethod
    def of(cls, key: ClientKey) -> Recipient:
        return cls(key.rkid, key.hkid, key.public_key(), bytes(key._mac_key_buffer()))


def seal(
    plaintext: bytes,
    *,
    recipient: ClientKey | Recipient,
    signer: Signer,
    rid: str,
    iat: int,
    rkid: str | None = None,
    hkid: str | None = None,
    mac_key: bytes | None = None,
) -> dict[str, Any]:
    """An envelope (JSON object) of ``plaintext`` to ``recipient``, signed by ``signer``;
    ``rkid``/``hkid``/``mac_key`` override what the envelope names and how it is MACed."""
    to = recipient if isinstance(recipient, Recipient) else Recipient.of(recipient)
    rkid = to.rkid if rkid is None else rkid
    hkid = to.hkid if hkid is None else hkid
    header = header_bytes(rid=rid, iat=iat, rkid=rkid, skid=signer.skid, hkid=hkid)
    shared, kem = MLKEM768PublicKey.from_public_bytes(to.public_key).encapsulate()
    key = HKDF(hashes.SHA512(), 32, salt=b"", info=KDF_INFO_PREFIX + header).derive(shared)
    iv = os.urandom(12)
    ct = AESGCM(key).encrypt(iv, plaintext, header)
    signed = signed_bytes(header=header, kem=kem, iv=iv, ct=ct)
    sig = signer.key.sign(signed, SIGNATURE_CONTEXT)
    mac = hmac.HMAC(to.mac_key if mac_key is None else mac_key, hashes.SHA512())
    mac.update(signed)
    return {
        "v": 1,
        "suite": SUITE,
        "rid": rid,
        "iat": iat,
        "rkid": rkid,
        "skid": signer.skid,
        "hkid": hkid,
        "kem": b64url_encode(kem),
        "iv": b64url_encode(iv),
        "ct": b64url_encode(ct),
        "sig": b64url_encode(sig),
        "mac": b64url_encode(mac.finalize()),
    }


def flip_bit(envelope: dict[str, Any], member: str, bit: int) -> dict[str, Any]:
    """A copy of ``envelope`` with one bit of the binary ``member`` flipped."""
    data = bytearray(b64url_decode(envelope[member]))
    data[bit // 8] ^= 1 << (bit % 8)
    return {**envelope, member: b64url_encode(data)}


def to_text(envelope: dict[str, Any]) -> str:
    return json.dumps(envelope, separators=(",", ":"), ensure_ascii=False)
