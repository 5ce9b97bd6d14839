"""The request layer: headers, retries (which calls, how long), error mapping, no leaks."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator

import httpx
import pytest

from quantaseal import (
    QuantaSeal,
    QuantaSealError,
    RetryPolicy,
    TransportError,
    UnexpectedResponseError,
)
from quantaseal._transport import Transport
from tests.support.fake_api import error

API_KEY = "qs_test_" + "k" * 43
Reply = httpx.Response | Exception


class Server:
    """Replies in order; records requests and the sleeps the transport asked for."""

    def __init__(self, *replies: Reply) -> None:
        self.replies: Iterator[Reply] = iter(replies)
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = next(self.replies)
        if isinstance(reply, Exception):
            raise reply
        return reply

    def transport(
        self, policy: RetryPolicy | None = None, jitter: Callable[[], float] = lambda: 0.5
    ) -> Transport:
        return Transport(
            base_url="https://api.example.test",
            api_key=API_KEY,
            http_client=httpx.Client(transport=httpx.MockTransport(self)),
            retry=policy
            or RetryPolicy(max_attempts=3, base_delay=1.0, max_backoff=8.0, max_retry_after=5.0),
            sleep=self.sleeps.append,
            jitter=jitter,
        )


def ok(body: object = None, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, json={} if body is None else body, headers={"X-Request-Id": "req_ok", **headers}
    )


def test_headers_of_a_request() -> None:
    server = Server(ok())
    server.transport().send("POST", "/api/v2/x", body={"a": "é"}, idempotency_key="key-1")
    request = server.requests[0]
    assert request.headers["X-API-Key"] == API_KEY
    assert request.headers["User-Agent"].startswith("quantaseal-python/")
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Idempotency-Key"] == "key-1"
    assert json.loads(request.content) == {"a": "é"}


def test_a_get_has_no_body_and_no_idempotency_key() -> None:
    server = Server(ok())
    server.transport().send("GET", "/api/v2/x", params={"limit": "5"})
    request = server.requests[0]
    assert request.content == b""
    assert "Idempotency-Key" not in request.headers
    assert request.url.params["limit"] == "5"


def test_429_waits_retry_after_then_succeeds() -> None:
    server = Server(
        error(429, "rate_limited", "slow down", **{"Retry-After": "2"}), ok({"done": True})
    )
    response = server.transport().send("GET", "/api/v2/x")
    assert response.json() == {"done": True}
    assert server.sleeps == [2.0]


def test_retry_after_is_capped() -> None:
    server = Server(error(429, "rate_limited", "slow down", **{"Retry-After": "3600"}), ok())
    server.transport().send("GET", "/api/v2/x")
    assert server.sleeps == [5.0]


def test_5xx_backs_off_with_full_jitter() -> None:
    server = Server(error(503, "key_unavailable", "k"), error(502, "internal_error", "i"), ok())
    server.transport(jitter=lambda: 0.5).send("DELETE", "/api/v2/x")
    assert server.sleeps == [0.5, 1.0]  # 0.5 * min(8, 1 * 2**0), 0.5 * min(8, 1 * 2**1)


def test_gives_up_after_max_attempts_with_the_last_error() -> None:
    server = Server(
        *[error(500, "internal_error", "boom", request_id=f"req_{i}") for i in range(3)]
    )
    with pytest.raises(QuantaSealError) as caught:
        server.transport().send("GET", "/api/v2/x")
    assert (
        caught.value.status,
        caught.value.code,
        caught.value.message,
        caught.value.request_id,
    ) == (
        500,
        "internal_error",
        "boom",
        "req_2",
    )
    assert len(server.requests) == 3
    assert len(server.sleeps) == 2


def test_a_post_without_idempotency_key_is_not_retried() -> None:
    server = Server(error(503, "key_unavailable", "k"))
    with pytest.raises(QuantaSealError):
        server.transport().send("POST", "/api/v2/x", body={})
    assert len(server.requests) == 1


def test_a_post_with_idempotency_key_is_retried_with_the_same_key() -> None:
    server = Server(error(500, "internal_error", "i"), ok(status=201))
    server.transport().send("POST", "/api/v2/x", body={}, idempotency_key="same")
    assert [r.headers["Idempotency-Key"] for r in server.requests] == ["same", "same"]


def test_patch_is_not_retried() -> None:
    server = Server(error(429, "rate_limited", "r", **{"Retry-After": "1"}))
    with pytest.raises(QuantaSealError):
        server.transport().send("PATCH", "/api/v2/x", body={})
    assert len(server.requests) == 1


def test_never_retry_means_never() -> None:
    server = Server(error(500, "internal_error", "i"))
    with pytest.raises(QuantaSealError):
        server.transport().send("POST", "/api/v2/x", body={}, idempotency_key="k", never_retry=True)
    server = Server(httpx.ConnectError("refused"))
    with pytest.raises(TransportError):
        server.transport().send("POST", "/api/v2/x", body={}, never_retry=True)
    assert len(server.requests) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 413, 422])
def test_client_errors_are_not_retried(status: int) -> None:
    server = Server(error(status, "invalid_request", "no"))
    with pytest.raises(QuantaSealError) as caught:
        server.transport().send("GET", "/api/v2/x")
    assert caught.value.status == status
    assert len(server.requests) == 1


def test_a_refused_connection_is_retried_even_for_a_plain_post() -> None:
    server = Server(httpx.ConnectError("refused"), ok(status=201))
    server.transport().send("POST", "/api/v2/x", body={})
    assert len(server.requests) == 2


def test_a_read_timeout_is_retried_for_get_but_not_for_a_plain_post() -> None:
    server = Server(httpx.ReadTimeout("slow"), ok())
    server.transport().send("GET", "/api/v2/x")
    assert len(server.requests) == 2
    server = Server(httpx.ReadTimeout("slow"))
    with pytest.raises(TransportError) as caught:
        server.transport().send("POST", "/api/v2/x", body={})
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)


def test_transport_failure_after_the_retries() -> None:
    server = Server(*[httpx.ConnectError("refused")] * 3)
    with pytest.raises(TransportError, match="ConnectError"):
        server.transport().send("GET", "/api/v2/x")
    assert len(server.requests) == 3


def test_an_error_without_the_contracts_body() -> None:
    server = Server(
        httpx.Response(502, text="<html>Bad gateway</html>", headers={"x-amzn-RequestId": "abc-1"})
    )
    with pytest.raises(QuantaSealError) as caught:
        server.transport(RetryPolicy.none()).send("GET", "/api/v2/x")
    assert (caught.value.status, caught.value.code, caught.value.request_id) == (
        502,
        "unexpected_response",
        "req_abc-1",
    )


def test_a_redirect_is_an_error_not_followed() -> None:
    server = Server(httpx.Response(302, headers={"Location": "https://elsewhere.test/"}))
    with pytest.raises(QuantaSealError) as caught:
        server.transport().send("GET", "/api/v2/x")
    assert caught.value.status == 302
    assert len(server.requests) == 1


def test_upstream_answers_are_returned_whatever_their_status_and_not_retried() -> None:
    server = Server(ok({"v": 1}, status=503, **{"X-QS-Source": "upstream"}))
    response = server.transport().send(
        "POST", "/api/v2/x", body={}, idempotency_key="k", accept_upstream=True
    )
    assert response.status == 503
    assert response.from_upstream
    assert len(server.requests) == 1


def test_an_upstream_marker_is_ignored_unless_asked_for() -> None:
    server = Server(error(503, "key_unavailable", "k", **{"X-QS-Source": "upstream"}))
    with pytest.raises(QuantaSealError):
        server.transport(RetryPolicy.none()).send("GET", "/api/v2/x")


def test_a_2xx_that_is_not_json_is_an_unexpected_response() -> None:
    server = Server(httpx.Response(200, text="hello", headers={"X-Request-Id": "req_t"}))
    response = server.transport().send("GET", "/api/v2/x")
    with pytest.raises(UnexpectedResponseError) as caught:
        response.json()
    assert caught.value.request_id == "req_t"


def test_retry_logs_hold_no_secret(caplog: pytest.LogCaptureFixture) -> None:
    server = Server(error(503, "key_unavailable", "k"), ok())
    with caplog.at_level(logging.DEBUG, logger="quantaseal"):
        server.transport().send(
            "POST",
            "/api/v2/vault/seal",
            body={"values": {"api_key": "SECRET"}},
            idempotency_key="k",
        )
    assert "retry 1 of 2" in caplog.text
    assert API_KEY not in caplog.text
    assert "SECRET" not in caplog.text


def test_no_api_key_in_reprs() -> None:
    qs = QuantaSeal("https://api.example.test", API_KEY)
    try:
        assert API_KEY not in repr(qs)
        assert API_KEY not in repr(qs.vault)
        assert API_KEY not in repr(qs._context.transport)
    finally:
        qs.close()
