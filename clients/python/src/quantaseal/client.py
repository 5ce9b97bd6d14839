"""The :class:`QuantaSeal` client: one transport, six resource groups (one per API tag)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from types import TracebackType

import httpx

from quantaseal._context import Context, EnvelopeSettings, ServerKeyCache
from quantaseal._transport import DEFAULT_TIMEOUT, Transport
from quantaseal.envelope import DEFAULT_MAX_CLOCK_SKEW, MAX_CIPHERTEXT_LENGTH
from quantaseal.errors import ConfigurationError
from quantaseal.keys import ClientKey
from quantaseal.resources import ApiKeys, Audit, Encryption, Integrations, Proxy, Siem, Vault
from quantaseal.retry import RetryPolicy

__all__ = ["QuantaSeal"]


class QuantaSeal:
    """A client of one QuantaSeal API with one API key.

    ``base_url`` and ``api_key`` default to the environment's ``QS_URL`` and ``QS_API_KEY``.
    Operations are grouped as in the API: :attr:`vault`, :attr:`encryption`,
    :attr:`integrations`, :attr:`proxy`, :attr:`siem`,
    :attr:`audit`. Envelopes (unseal, proxy, ``decrypt``)
    need a client key: ``qs.with_client_key(key)`` returns a client that holds one.

    ``max_clock_skew`` (seconds, default 300) and ``clock`` (Unix seconds) govern the envelopes'
    ``iat`` check; ``retry`` the retries; ``timeout`` each HTTP attempt. ``http_client`` lets you
    bring your own ``httpx.Client`` (proxies, custom CAs); the SDK then does not close it.
    The client is thread-safe and is a context manager (``with QuantaSeal() as qs: ...``).
    """

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        client_key: ClientKey | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_clock_skew: float = DEFAULT_MAX_CLOCK_SKEW,
        clock: Callable[[], float] = time.time,
        max_ciphertext_length: int = MAX_CIPHERTEXT_LENGTH,
        http_client: httpx.Client | None = None,
    ) -> None:
        url = base_url if base_url is not None else os.environ.get("QS_URL")
        key = api_key if api_key is not None else os.environ.get("QS_API_KEY")
        if not url:
            raise ConfigurationError("no base URL: pass base_url or set QS_URL")
        if not url.startswith(("https://", "http://")):
            raise ConfigurationError("base_url must be an http(s) URL")
        if not key:
            raise ConfigurationError("no API key: pass api_key or set QS_API_KEY")
        if max_clock_skew < 0:
            raise ValueError("max_clock_skew must be >= 0")
        transport = Transport(
            base_url=url,
            api_key=key,
            http_client=http_client or httpx.Client(timeout=timeout, follow_redirects=False),
            retry=retry or RetryPolicy(),
            owns_client=http_client is None,
        )
        self._bind(
            Context(
                transport=transport,
                server_keys=ServerKeyCache(transport),
                envelopes=EnvelopeSettings(
                    max_clock_skew=max_clock_skew,
                    clock=clock,
                    max_ciphertext_length=max_ciphertext_length,
                ),
                client_key=client_key,
            )
        )

    @classmethod
    def _from_context(cls, context: Context) -> QuantaSeal:
        client = cls.__new__(cls)
        client._bind(context)
        return client

    def _bind(self, context: Context) -> None:
        self._context = context
        self.vault = Vault(context)
        self.encryption = Encryption(context)
        self.integrations = Integrations(context)
        self.proxy = Proxy(context)
        self.siem = Siem(context)
        self.audit = Audit(context)
        self.api_keys = ApiKeys(context)

    @property
    def base_url(self) -> str:
        return self._context.transport.base_url

    @property
    def client_key(self) -> ClientKey | None:
        """The client key envelopes are opened with (None until one is given)."""
        return self._context.client_key

    def with_client_key(self, client_key: ClientKey) -> QuantaSeal:
        """A client that holds ``client_key``; it shares this one's connections and cache."""
        if not isinstance(client_key, ClientKey):
            raise TypeError("client_key is a quantaseal.ClientKey")
        return QuantaSeal._from_context(
            Context(
                transport=self._context.transport,
                server_keys=self._context.server_keys,
                envelopes=self._context.envelopes,
                client_key=client_key,
            )
        )

    def close(self) -> None:
        """Closes the connections (shared with every client made by ``with_client_key``)."""
        self._context.transport.close()

    def __enter__(self) -> QuantaSeal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        key = self._context.client_key
        return f"QuantaSeal(base_url={self.base_url!r}, client_key={key!r})"
