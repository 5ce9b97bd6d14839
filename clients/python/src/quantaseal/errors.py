"""The exceptions of the SDK: one hierarchy, rooted at :class:`QuantaSealSDKError`.

- :class:`QuantaSealError`: the API answered with an error (``{"error": {code, message,
  request_id}}``, docs/openapi.yaml); carries ``status``, ``code``, ``message``, ``request_id``.
- :class:`InvalidEnvelopeError`: an envelope did not open. It never says which check failed.
- :class:`TransportError`: no answer (connection refused, timeout), after the retries.
- :class:`UnexpectedResponseError`: an answer that is not what docs/openapi.yaml describes.
- :class:`ClientKeyFileError`: a ``quantaseal-client-key/v1`` file that does not load.
- :class:`ConfigurationError`: the client is not set up for the call (no URL, no client key).
"""

from __future__ import annotations

__all__ = [
    "ClientKeyFileError",
    "ConfigurationError",
    "InvalidEnvelopeError",
    "QuantaSealError",
    "QuantaSealSDKError",
    "TransportError",
    "UnexpectedResponseError",
]


class QuantaSealSDKError(Exception):
    """Base of every exception this SDK raises."""


class QuantaSealError(QuantaSealSDKError):
    """An error answer of the QuantaSeal API (docs/openapi.yaml, ``ErrorBody``).

    ``code`` is the contract's code (``invalid_request``, ``not_found``, ``rate_limited``, ...),
    or ``unexpected_response`` when the body was not the contract's error shape.
    """

    def __init__(
        self,
        *,
        status: int,
        code: str,
        message: str,
        request_id: str | None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message} (request_id={request_id})")
        self.status = status
        self.code = code
        self.message = message
        self.request_id = request_id
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return (
            f"QuantaSealError(status={self.status!r}, code={self.code!r}, "
            f"message={self.message!r}, request_id={self.request_id!r})"
        )


class InvalidEnvelopeError(QuantaSealSDKError):
    """An envelope that does not open: malformed, tampered, for another key, stale, or not the
    answer to this request. Deliberately silent about which check failed."""

    MESSAGE = "invalid envelope"

    def __init__(self) -> None:
        super().__init__(self.MESSAGE)


class TransportError(QuantaSealSDKError):
    """The API could not be reached or did not answer in time (after the retries)."""


class UnexpectedResponseError(QuantaSealSDKError):
    """A 2xx answer whose body is not what docs/openapi.yaml describes."""

    def __init__(
        self, message: str, *, status: int | None = None, request_id: str | None = None
    ) -> None:
        super().__init__(f"{message} (status={status}, request_id={request_id})")
        self.status = status
        self.request_id = request_id


class ClientKeyFileError(QuantaSealSDKError, ValueError):
    """A client-key document that is not a valid ``quantaseal-client-key/v1``."""


class ConfigurationError(QuantaSealSDKError, ValueError):
    """The client lacks what a call needs (base URL, API key, a client key for envelopes)."""
