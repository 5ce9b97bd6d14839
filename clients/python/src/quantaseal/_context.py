"""What every resource group shares: the transport, the server-key cache, the envelope settings
and the client key the SDK holds. A :class:`Context` is immutable; ``with_client_key`` makes a
new one around the same transport and cache."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from quantaseal._transport import Response, Transport
from quantaseal.envelope import (
    DEFAULT_MAX_CLOCK_SKEW,
    MAX_CIPHERTEXT_LENGTH,
    EnvelopeOpener,
    EnvelopeSource,
)
from quantaseal.errors import ConfigurationError, InvalidEnvelopeError
from quantaseal.keys import ClientKey
from quantaseal.models.encryption import ServerKey

SERVER_KEYS_PATH = "/api/v2/encryption/server-keys"


class ServerKeyCache:
    """The service's ML-DSA-65 keys, fetched once and again only when an envelope names an
    ``skid`` the cache does not hold (a rotated signing key). Thread-safe."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._lock = threading.Lock()
        self._keys: dict[str, bytes] | None = None

    def fetch(self) -> list[ServerKey]:
        """``GET /api/v2/encryption/server-keys``; the cache takes the answer."""
        keys = self._transport.send("GET", SERVER_KEYS_PATH).parse(ServerKey.list_from_json)
        with self._lock:
            self._keys = {key.skid: key.public_key for key in keys}
        return keys

    def current(self) -> tuple[dict[str, bytes], bool]:
        """The cached keys and whether they were fetched by this call."""
        with self._lock:
            if self._keys is not None:
                return self._keys, False
        self.fetch()
        with self._lock:
            return dict(self._keys or {}), True

    def refreshed(self) -> dict[str, bytes]:
        self.fetch()
        with self._lock:
            return dict(self._keys or {})


@dataclass(frozen=True)
class EnvelopeSettings:
    """How envelopes are checked: the allowed clock skew (seconds), the clock, the size limit."""

    max_clock_skew: float = DEFAULT_MAX_CLOCK_SKEW
    clock: Callable[[], float] = field(default=time.time)
    max_ciphertext_length: int = MAX_CIPHERTEXT_LENGTH


@dataclass(frozen=True)
class Context:
    transport: Transport
    server_keys: ServerKeyCache
    envelopes: EnvelopeSettings
    client_key: ClientKey | None = None

    def require_client_key(self) -> ClientKey:
        if self.client_key is None:
            raise ConfigurationError(
                "this call needs a client key: qs = qs.with_client_key("
                "qs.encryption.create_client_key()) or ClientKey.load(path)"
            )
        return self.client_key

    def open_envelope(
        self, source: EnvelopeSource, *, expected_request_id: str | None = None
    ) -> bytes:
        """Verifies and decrypts ``source`` for the held client key (docs/envelope.md)."""
        client_key = self.require_client_key()
        keys, fetched_now = self.server_keys.current()
        opener = self._opener(client_key, keys)
        envelope = opener.parse(source)
        if not opener.knows_server_key(envelope.skid) and not fetched_now:
            opener = self._opener(client_key, self.server_keys.refreshed())
        return opener.open_parsed(envelope, expected_request_id=expected_request_id)

    def open_answer(self, response: Response) -> bytes:
        """Opens the envelope of an HTTP answer, bound to it: ``rid`` must be its X-Request-Id."""
        request_id = response.request_id
        if not request_id:
            raise InvalidEnvelopeError()
        return self.open_envelope(response.content, expected_request_id=request_id)

    def _opener(self, client_key: ClientKey, keys: dict[str, bytes]) -> EnvelopeOpener:
        return EnvelopeOpener(
            client_key,
            keys,
            max_clock_skew=self.envelopes.max_clock_skew,
            clock=self.envelopes.clock,
            max_ciphertext_length=self.envelopes.max_ciphertext_length,
        )
