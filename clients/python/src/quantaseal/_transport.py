"""The one request layer: every call of every resource goes through :meth:`Transport.send`.

It adds the headers (``X-API-Key``, ``User-Agent``, ``Idempotency-Key``), applies the
:class:`~quantaseal.retry.RetryPolicy`, maps error answers to
:class:`~quantaseal.errors.QuantaSealError` and network failures to
:class:`~quantaseal.errors.TransportError`. Nothing it logs holds a header value or a body.
"""

from __future__ import annotations

import json
import logging
import platform
import random
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import httpx

from quantaseal._version import __version__
from quantaseal.errors import QuantaSealError, TransportError, UnexpectedResponseError
from quantaseal.models._fields import MalformedAnswerError
from quantaseal.retry import RetryPolicy, parse_retry_after

logger = logging.getLogger("quantaseal")

T = TypeVar("T")

Method = Literal["GET", "POST", "PATCH", "DELETE"]

USER_AGENT = (
    f"quantaseal-python/{__version__} httpx/{httpx.__version__} python/{platform.python_version()}"
)
DEFAULT_TIMEOUT = httpx.Timeout(35.0, connect=10.0)


def new_idempotency_key() -> str:
    """A fresh ``Idempotency-Key`` (a random UUID, printable ASCII)."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Response:
    """An HTTP answer of the API (2xx, or an upstream answer the caller asked to receive)."""

    status: int
    headers: httpx.Headers
    content: bytes

    @property
    def request_id(self) -> str | None:
        """The ``X-Request-Id`` header."""
        value: str | None = self.headers.get("x-request-id")
        return value

    @property
    def idempotent_replayed(self) -> bool:
        return str(self.headers.get("idempotent-replayed", "")).lower() == "true"

    @property
    def from_upstream(self) -> bool:
        """True when the status and body are Datadog's answer (``X-QS-Source: upstream``)."""
        return str(self.headers.get("x-qs-source", "")).lower() == "upstream"

    def json(self) -> Any:
        try:
            return json.loads(self.content)
        except ValueError:
            raise self.unexpected("the answer is not JSON") from None

    def parse(self, reader: Callable[[Any], T]) -> T:
        """``reader(json)``, with a malformed answer raised as UnexpectedResponseError."""
        data = self.json()
        try:
            return reader(data)
        except MalformedAnswerError as problem:
            raise self.unexpected(str(problem)) from None

    def unexpected(self, message: str) -> UnexpectedResponseError:
        return UnexpectedResponseError(message, status=self.status, request_id=self.request_id)


def _error_body(content: bytes) -> tuple[str, str, str | None] | None:
    """(code, message, request_id) of the contract's error body, or None for any other body."""
    try:
        error = json.loads(content)["error"]
        code, message, request_id = error["code"], error["message"], error.get("request_id")
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if not isinstance(code, str) or not isinstance(message, str):
        return None
    return code, message, request_id if isinstance(request_id, str) else None


def error_from(status: int, headers: httpx.Headers, content: bytes) -> QuantaSealError:
    """The :class:`QuantaSealError` of an error answer (the contract's body, or a fallback)."""
    retry_after = parse_retry_after(headers.get("retry-after"))
    request_id: str | None = headers.get("x-request-id")
    if request_id is None and headers.get("x-amzn-requestid"):
        request_id = "req_" + headers["x-amzn-requestid"]
    body = _error_body(content)
    if body is None:
        return QuantaSealError(
            status=status,
            code="unexpected_response",
            message=f"HTTP {status} without the API's error body",
            request_id=request_id,
            retry_after=retry_after,
        )
    code, message, body_request_id = body
    return QuantaSealError(
        status=status,
        code=code,
        message=message,
        request_id=body_request_id or request_id,
        retry_after=retry_after,
    )


def _retryable_status(status: int) -> bool:
    return status == 429 or 500 <= status <= 599


class Transport:
    """Sends requests to one QuantaSeal API with one API key (see the module's docstring)."""

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        http_client: httpx.Client,
        retry: RetryPolicy,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[], float] = random.random,
        owns_client: bool = True,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._http = http_client
        self._retry = retry
        self._sleep = sleep
        self._jitter = jitter
        self._owns_client = owns_client

    @property
    def base_url(self) -> str:
        return self._base_url

    def close(self) -> None:
        if self._owns_client:
            self._http.close()

    def send(
        self,
        method: Method,
        path: str,
        *,
        body: Mapping[str, Any] | None = None,
        params: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
        never_retry: bool = False,
        accept_upstream: bool = False,
    ) -> Response:
        """Sends one API call (with retries); returns its 2xx answer or raises.

        ``accept_upstream``: an answer marked ``X-QS-Source: upstream`` is returned whatever its
        status (the proxy's envelopes of Datadog's 4xx/5xx) and never retried.
        """
        headers = {
            "X-API-Key": self._api_key,
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
        }
        content: bytes | None = None
        if body is not None:
            content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        retryable = not never_retry and (
            method in ("GET", "DELETE") or (method == "POST" and idempotency_key is not None)
        )
        url = self._base_url + path
        attempt = 0
        while True:
            attempt += 1
            last = attempt >= self._retry.max_attempts
            try:
                answer = self._http.request(
                    method, url, content=content, headers=headers, params=params
                )
            except (httpx.ConnectError, httpx.ConnectTimeout) as failure:
                # Nothing was sent: safe to try again, whatever the request.
                if last or never_retry:
                    raise TransportError(f"{method} {path}: {type(failure).__name__}") from failure
                self._wait(method, path, attempt, type(failure).__name__, None)
                continue
            except httpx.HTTPError as failure:
                if last or not retryable:
                    raise TransportError(f"{method} {path}: {type(failure).__name__}") from failure
                self._wait(method, path, attempt, type(failure).__name__, None)
                continue
            response = Response(answer.status_code, answer.headers, answer.content)
            if accept_upstream and response.from_upstream:
                return response
            if 200 <= response.status < 300:
                return response
            error = error_from(response.status, response.headers, response.content)
            if last or not retryable or not _retryable_status(response.status):
                raise error
            self._wait(method, path, attempt, str(response.status), error.retry_after)

    def _wait(
        self, method: str, path: str, attempt: int, why: str, retry_after: float | None
    ) -> None:
        delay = self._retry.delay(attempt, retry_after, self._jitter)
        logger.debug(
            "quantaseal: %s %s got %s; retry %d of %d in %.3f s",
            method,
            path,
            why,
            attempt,
            self._retry.max_attempts - 1,
            delay,
        )
        self._sleep(delay)

    def __repr__(self) -> str:
        return f"Transport(base_url={self._base_url!r})"
