"""Client keys: the ML-KEM-768 seed an SDK user holds, with the ids and MAC key the service gave.

A client key is made locally (a 64-byte seed d ‖ z from the OS's CSPRNG), its public half is
registered (``POST /api/v2/encryption/client-keys``), and the answer's ``rkid``, ``hkid`` and
MAC key (shown once) complete it. ``save``/``load`` use the ``quantaseal-client-key/v1`` file of
docs/clients.md, the same in every QuantaSeal SDK.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any, Final

from cryptography.hazmat.primitives.asymmetric.mlkem import MLKEM768PrivateKey

from quantaseal._codec import StrictDecodeError, b64url_decode, b64url_encode, loads_strict
from quantaseal.errors import ClientKeyFileError

__all__ = ["CLIENT_KEY_FORMAT", "ClientKey", "generate_seed"]

CLIENT_KEY_FORMAT: Final = "quantaseal-client-key/v1"
SEED_LENGTH: Final = 64
MAC_KEY_LENGTH: Final = 64
ENCAPSULATION_KEY_LENGTH: Final = 1184
_MAX_FILE_CHARS: Final = 64 * 1024


def generate_seed() -> bytearray:
    """A fresh 64-byte ML-KEM-768 seed (d ‖ z) from the operating system's CSPRNG."""
    return bytearray(secrets.token_bytes(SEED_LENGTH))


class ClientKey:
    """A registered client key: ``rkid``, ``hkid``, the ML-KEM-768 seed and the envelope MAC key.

    The seed and MAC key are held in ``bytearray``s owned by this object (copied in), never
    shown by ``repr``/``str``, and overwritten with zeros by :meth:`destroy`.
    """

    __slots__ = ("_destroyed", "_hkid", "_mac_key", "_rkid", "_seed")

    def __init__(
        self, *, rkid: str, hkid: str, seed: bytes | bytearray, mac_key: bytes | bytearray
    ) -> None:
        if not isinstance(rkid, str) or not rkid or not isinstance(hkid, str) or not hkid:
            raise ValueError("rkid and hkid must be non-empty strings")
        if len(seed) != SEED_LENGTH:
            raise ValueError("an ML-KEM-768 seed is 64 bytes (d || z)")
        if len(mac_key) != MAC_KEY_LENGTH:
            raise ValueError("an envelope MAC key is 64 bytes")
        self._rkid = rkid
        self._hkid = hkid
        self._seed = bytearray(seed)
        self._mac_key = bytearray(mac_key)
        self._destroyed = False

    @property
    def rkid(self) -> str:
        """The id of the registered ML-KEM-768 key (``ck_…``), named by envelopes as ``rkid``."""
        return self._rkid

    @property
    def hkid(self) -> str:
        """The id of the envelope MAC key (``hk_…``), named by envelopes as ``hkid``."""
        return self._hkid

    def public_key(self) -> bytes:
        """The 1184-byte ML-KEM-768 encapsulation key derived from the seed."""
        self._check_alive()
        return public_key_of(self._seed)

    def _kem_private_key(self) -> MLKEM768PrivateKey:
        self._check_alive()
        return MLKEM768PrivateKey.from_seed_bytes(self._seed)

    def _mac_key_buffer(self) -> bytearray:
        self._check_alive()
        return self._mac_key

    def _check_alive(self) -> None:
        if self._destroyed:
            raise ValueError("this client key was destroyed")

    def destroy(self) -> None:
        """Overwrites the seed and MAC key with zeros; the key cannot be used afterwards."""
        for buffer in (self._seed, self._mac_key):
            buffer[:] = bytes(len(buffer))
        self._destroyed = True

    # -- the quantaseal-client-key/v1 document -------------------------------------------------

    def to_json(self) -> str:
        """The ``quantaseal-client-key/v1`` document (it holds the secrets: keep it private)."""
        self._check_alive()
        return json.dumps(
            {
                "format": CLIENT_KEY_FORMAT,
                "rkid": self._rkid,
                "hkid": self._hkid,
                "seed": b64url_encode(self._seed),
                "mac_key": b64url_encode(self._mac_key),
            },
            indent=2,
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> ClientKey:
        """Reads a ``quantaseal-client-key/v1`` document (unknown members are ignored)."""
        try:
            if isinstance(text, bytes):
                text = text.decode("utf-8")
            document = loads_strict(text, max_chars=_MAX_FILE_CHARS)
        except (StrictDecodeError, UnicodeDecodeError):
            document = None
        if not isinstance(document, dict):
            raise ClientKeyFileError("not a quantaseal-client-key/v1 document (one JSON object)")
        if document.get("format") != CLIENT_KEY_FORMAT:
            raise ClientKeyFileError(f"format is not {CLIENT_KEY_FORMAT!r}")
        rkid = _text(document, "rkid")
        hkid = _text(document, "hkid")
        return cls(
            rkid=rkid,
            hkid=hkid,
            seed=_secret(document, "seed", SEED_LENGTH),
            mac_key=_secret(document, "mac_key", MAC_KEY_LENGTH),
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the key file with mode 0600, atomically (a temporary file, then a rename)."""
        target = Path(path)
        data = self.to_json().encode("utf-8") + b"\n"
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ClientKey:
        """Reads a key file written by :meth:`save` (by any QuantaSeal SDK)."""
        return cls.from_json(Path(path).read_bytes())

    def __repr__(self) -> str:
        return f"ClientKey(rkid={self._rkid!r}, hkid={self._hkid!r})"

    def __reduce__(self) -> Any:
        raise TypeError("a ClientKey is not picklable; use save()/to_json() deliberately")


def public_key_of(seed: bytes | bytearray) -> bytes:
    """The ML-KEM-768 encapsulation key of a 64-byte seed."""
    return MLKEM768PrivateKey.from_seed_bytes(seed).public_key().public_bytes_raw()


def _text(document: dict[str, Any], name: str) -> str:
    value = document.get(name)
    if not isinstance(value, str) or not value:
        raise ClientKeyFileError(f"{name} is missing or not a non-empty string")
    return value


def _secret(document: dict[str, Any], name: str, length: int) -> bytearray:
    value = document.get(name)
    if not isinstance(value, str):
        raise ClientKeyFileError(f"{name} is missing or not a string")
    try:
        decoded = bytearray(b64url_decode(value))
    except StrictDecodeError:
        decoded = None
    if decoded is None:
        raise ClientKeyFileError(f"{name} is not unpadded base64url")
    if len(decoded) != length:
        raise ClientKeyFileError(f"{name} is not {length} bytes")
    return decoded
