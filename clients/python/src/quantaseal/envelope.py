"""HybridCryptoEnvelope v1: strict parsing and opening (docs/envelope.md is the wire spec).

Opening, in the spec's order: parse strictly and check every length; rebuild H and S; verify the
ML-DSA-65 signature AND the HMAC-SHA-512 tag, both always computed and joined with a
non-short-circuit ``&``; check ``iat`` against the clock (±300 s by default); then ML-KEM-768
decapsulation, HKDF-SHA-512 and AES-256-GCM with AAD = H. Every failure is the one
:class:`~quantaseal.errors.InvalidEnvelopeError`, raised with no cause or context attached.

Zeroization: the shared secret and the AES key come back from ``cryptography`` as immutable
``bytes`` (and live on inside OpenSSL's key objects), which Python cannot overwrite; the opener
drops its references as soon as they are used. The secrets the SDK owns (a client key's seed and
MAC key) are ``bytearray``s that :meth:`quantaseal.ClientKey.destroy` overwrites.
"""

from __future__ import annotations

import json
import struct
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA65PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from quantaseal._codec import (
    StrictDecodeError,
    b64url_decode,
    b64url_encode,
    b64url_length,
    decode_utf8,
    loads_strict,
    utf8_length,
)
from quantaseal.errors import InvalidEnvelopeError
from quantaseal.keys import ClientKey

__all__ = [
    "DEFAULT_MAX_CLOCK_SKEW",
    "MAX_CIPHERTEXT_LENGTH",
    "SIGNATURE_CONTEXT",
    "SUITE",
    "Envelope",
    "EnvelopeOpener",
    "EnvelopeSource",
    "header_bytes",
    "signed_bytes",
]

SUITE: Final = "QS1-MLKEM768-HKDFSHA512-A256GCM-MLDSA65-HS512"
SIGNATURE_CONTEXT: Final = b"quantaseal/envelope/v1"
KDF_INFO_PREFIX: Final = b"quantaseal/envelope/v1/aes-256-gcm"
HEADER_LABEL: Final = b"QSENV1"
SIGNED_LABEL: Final = b"QSENV1-SIGNED"

KEM_CIPHERTEXT_LENGTH: Final = 1088
IV_LENGTH: Final = 12
SIGNATURE_LENGTH: Final = 3309
MAC_LENGTH: Final = 64
TAG_LENGTH: Final = 16
ML_DSA_65_PUBLIC_KEY_LENGTH: Final = 1952
MAX_CIPHERTEXT_LENGTH: Final = 8 * 1024 * 1024
MAX_ID_UTF8_BYTES: Final = 256
MAX_IAT: Final = 2**63 - 1
# The base64url of 8 MiB plus 16 KiB for the other members (docs/envelope.md).
MAX_ENVELOPE_CHARS: Final = 11_201_195
DEFAULT_MAX_CLOCK_SKEW: Final = 300.0

_MEMBERS: Final = (
    "v",
    "suite",
    "rid",
    "iat",
    "rkid",
    "skid",
    "hkid",
    "kem",
    "iv",
    "ct",
    "sig",
    "mac",
)

EnvelopeSource: TypeAlias = str | bytes | bytearray | memoryview | Mapping[str, Any]
"""An envelope as received: its JSON text (str or UTF-8 bytes) or the parsed JSON object."""


def _lp(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def header_bytes(*, rid: str, iat: int, rkid: str, skid: str, hkid: str) -> bytes:
    """H = lp("QSENV1") ‖ lp(suite) ‖ lp(rid) ‖ lp(iat) ‖ lp(rkid) ‖ lp(skid) ‖ lp(hkid)."""
    return b"".join(
        _lp(part)
        for part in (
            HEADER_LABEL,
            SUITE.encode("ascii"),
            rid.encode("utf-8"),
            str(iat).encode("ascii"),
            rkid.encode("utf-8"),
            skid.encode("utf-8"),
            hkid.encode("utf-8"),
        )
    )


def signed_bytes(*, header: bytes, kem: bytes, iv: bytes, ct: bytes) -> bytes:
    """S = lp("QSENV1-SIGNED") ‖ lp(H) ‖ lp(kem) ‖ lp(iv) ‖ lp(ct)."""
    return b"".join(_lp(part) for part in (SIGNED_LABEL, header, kem, iv, ct))


def _invalid() -> InvalidEnvelopeError:
    return InvalidEnvelopeError()


def _id(members: Mapping[str, Any], name: str) -> str:
    value = members.get(name)
    if not isinstance(value, str):
        raise _invalid()
    length = utf8_length(value)
    if length is None or not 1 <= length <= MAX_ID_UTF8_BYTES:
        raise _invalid()
    return value


def _binary(members: Mapping[str, Any], name: str, low: int, high: int) -> bytes:
    value = members.get(name)
    # The text's length is checked before decoding, so nothing oversized is ever decoded.
    if not isinstance(value, str) or not b64url_length(low) <= len(value) <= b64url_length(high):
        raise _invalid()
    try:
        data = b64url_decode(value)
    except StrictDecodeError:
        data = None
    if data is None or not low <= len(data) <= high:
        raise _invalid()
    return data


@dataclass(frozen=True, repr=False)
class Envelope:
    """A parsed HybridCryptoEnvelope v1 (every member checked; nothing verified yet)."""

    rid: str
    iat: int
    rkid: str
    skid: str
    hkid: str
    kem: bytes
    iv: bytes
    ct: bytes
    sig: bytes
    mac: bytes

    @classmethod
    def parse(
        cls, source: EnvelopeSource, *, max_ciphertext_length: int = MAX_CIPHERTEXT_LENGTH
    ) -> Envelope:
        """Parses an envelope strictly; anything malformed is :class:`InvalidEnvelopeError`."""
        members = _members(source)
        if members is None:
            raise _invalid()
        return cls._from_members(members, max_ciphertext_length)

    @classmethod
    def _from_members(cls, members: Mapping[str, Any], max_ct: int) -> Envelope:
        if any(name not in members for name in _MEMBERS):
            raise _invalid()
        v, iat = members["v"], members["iat"]
        if type(v) is not int or v != 1 or members["suite"] != SUITE:
            raise _invalid()
        if type(iat) is not int or not 0 <= iat <= MAX_IAT:
            raise _invalid()
        return cls(
            rid=_id(members, "rid"),
            iat=iat,
            rkid=_id(members, "rkid"),
            skid=_id(members, "skid"),
            hkid=_id(members, "hkid"),
            kem=_binary(members, "kem", KEM_CIPHERTEXT_LENGTH, KEM_CIPHERTEXT_LENGTH),
            iv=_binary(members, "iv", IV_LENGTH, IV_LENGTH),
            ct=_binary(members, "ct", TAG_LENGTH, max_ct),
            sig=_binary(members, "sig", SIGNATURE_LENGTH, SIGNATURE_LENGTH),
            mac=_binary(members, "mac", MAC_LENGTH, MAC_LENGTH),
        )

    def header(self) -> bytes:
        """H, rebuilt from the received members."""
        return header_bytes(
            rid=self.rid, iat=self.iat, rkid=self.rkid, skid=self.skid, hkid=self.hkid
        )

    def signed(self, header: bytes | None = None) -> bytes:
        """S, rebuilt from the received members."""
        return signed_bytes(
            header=self.header() if header is None else header, kem=self.kem, iv=self.iv, ct=self.ct
        )

    def to_json(self) -> str:
        """The JSON form (docs/envelope.md)."""
        return json.dumps(
            {
                "v": 1,
                "suite": SUITE,
                "rid": self.rid,
                "iat": self.iat,
                "rkid": self.rkid,
                "skid": self.skid,
                "hkid": self.hkid,
                "kem": b64url_encode(self.kem),
                "iv": b64url_encode(self.iv),
                "ct": b64url_encode(self.ct),
                "sig": b64url_encode(self.sig),
                "mac": b64url_encode(self.mac),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def __repr__(self) -> str:
        return (
            f"Envelope(rid={self.rid!r}, iat={self.iat!r}, rkid={self.rkid!r}, "
            f"skid={self.skid!r}, hkid={self.hkid!r}, ct=<{len(self.ct)} bytes>)"
        )


def _members(source: object) -> Mapping[str, Any] | None:
    if isinstance(source, Mapping):
        return source
    try:
        if isinstance(source, bytes | bytearray | memoryview):
            source = decode_utf8(source)
        if not isinstance(source, str):
            return None
        value = loads_strict(source, max_chars=MAX_ENVELOPE_CHARS)
    except StrictDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _server_key(skid: str, raw: bytes) -> MLDSA65PublicKey:
    if len(raw) != ML_DSA_65_PUBLIC_KEY_LENGTH:
        raise ValueError(f"server key {skid!r} is not a 1952-byte ML-DSA-65 public key")
    return MLDSA65PublicKey.from_public_bytes(bytes(raw))


def _derive_key(shared_secret: bytes, header: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA512(), length=32, salt=b"", info=KDF_INFO_PREFIX + header
    ).derive(shared_secret)


class EnvelopeOpener:
    """Verifies and decrypts envelopes for the keys it holds.

    ``client_keys``: the recipient's own key(s) (``rkid`` → ML-KEM-768 seed, ``hkid`` → MAC
    key). ``server_keys``: the service's ML-DSA-65 public keys by ``skid`` (raw 1952-byte keys,
    e.g. every key ``GET /api/v2/encryption/server-keys`` lists, retired ones included). An
    envelope naming any other ``rkid``, ``skid`` or ``hkid`` is invalid.
    """

    def __init__(
        self,
        client_keys: ClientKey | Iterable[ClientKey],
        server_keys: Mapping[str, bytes],
        *,
        max_clock_skew: float = DEFAULT_MAX_CLOCK_SKEW,
        clock: Callable[[], float] = time.time,
        max_ciphertext_length: int = MAX_CIPHERTEXT_LENGTH,
    ) -> None:
        if max_clock_skew < 0:
            raise ValueError("max_clock_skew must be >= 0")
        if not TAG_LENGTH <= max_ciphertext_length <= MAX_CIPHERTEXT_LENGTH:
            raise ValueError(f"max_ciphertext_length must be in [16, {MAX_CIPHERTEXT_LENGTH}]")
        keys = [client_keys] if isinstance(client_keys, ClientKey) else list(client_keys)
        self._by_rkid = {key.rkid: key for key in keys}
        self._by_hkid = {key.hkid: key for key in keys}
        self._server_keys = {skid: _server_key(skid, raw) for skid, raw in server_keys.items()}
        self._max_clock_skew = max_clock_skew
        self._clock = clock
        self._max_ciphertext_length = max_ciphertext_length

    def knows_server_key(self, skid: str) -> bool:
        """Whether ``skid`` names one of the server keys this opener holds."""
        return skid in self._server_keys

    def parse(self, source: EnvelopeSource) -> Envelope:
        """Strict parsing with this opener's ciphertext limit."""
        return Envelope.parse(source, max_ciphertext_length=self._max_ciphertext_length)

    def open(self, source: EnvelopeSource, *, expected_request_id: str | None = None) -> bytes:
        """Verifies and decrypts ``source``; returns the plaintext.

        ``expected_request_id``: when given, the envelope's ``rid`` must equal it (the
        ``X-Request-Id`` of the HTTP answer the envelope came in).
        """
        return self.open_parsed(self.parse(source), expected_request_id=expected_request_id)

    def open_parsed(self, envelope: Envelope, *, expected_request_id: str | None = None) -> bytes:
        """Like :meth:`open`, for an envelope already parsed with :meth:`parse`."""
        header = envelope.header()
        signed = envelope.signed(header)
        sig_ok = _signature_ok(self._server_keys.get(envelope.skid), signed, envelope.sig)
        mac_ok = _mac_ok(self._by_hkid.get(envelope.hkid), signed, envelope.mac)
        if not (sig_ok & mac_ok):  # both computed, always: never `and`
            raise _invalid()
        if abs(self._clock() - envelope.iat) > self._max_clock_skew:
            raise _invalid()
        if expected_request_id is not None and envelope.rid != expected_request_id:
            raise _invalid()
        recipient = self._by_rkid.get(envelope.rkid)
        if recipient is None:
            raise _invalid()
        plaintext = _decrypt(recipient, envelope, header)
        if plaintext is None:
            raise _invalid()
        return plaintext


def _signature_ok(key: MLDSA65PublicKey | None, signed: bytes, signature: bytes) -> bool:
    if key is None:
        return False
    try:
        key.verify(signature, signed, SIGNATURE_CONTEXT)
    except InvalidSignature:
        return False
    return True


# Used when the envelope names an unknown hkid, so the MAC is computed all the same.
_NO_MAC_KEY: Final = bytes(MAC_LENGTH)


def _mac_ok(key: ClientKey | None, signed: bytes, mac: bytes) -> bool:
    h = hmac.HMAC(_NO_MAC_KEY if key is None else key._mac_key_buffer(), hashes.SHA512())
    h.update(signed)
    try:
        h.verify(mac)  # constant-time compare (cryptography)
    except InvalidSignature:
        return False
    return key is not None


def _decrypt(recipient: ClientKey, envelope: Envelope, header: bytes) -> bytes | None:
    try:
        shared_secret = recipient._kem_private_key().decapsulate(envelope.kem)
    except ValueError:
        return None
    aes_key = _derive_key(shared_secret, header)
    del shared_secret
    try:
        return AESGCM(aes_key).decrypt(envelope.iv, envelope.ct, header)
    except InvalidTag:
        return None
    finally:
        del aes_key
