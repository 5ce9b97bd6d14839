"""RetryPolicy: full-jitter backoff, Retry-After parsing and its cap."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from quantaseal import RetryPolicy
from quantaseal.retry import parse_retry_after


def test_backoff_is_full_jitter_under_an_exponential_ceiling() -> None:
    policy = RetryPolicy(base_delay=0.5, max_backoff=4.0)
    assert [policy.backoff(n, lambda: 1.0) for n in range(1, 6)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert policy.backoff(3, lambda: 0.0) == 0.0
    assert policy.backoff(3, lambda: 0.25) == 0.5
    assert policy.backoff(10_000, lambda: 1.0) == 4.0


def test_retry_after_wins_over_backoff_and_is_capped() -> None:
    policy = RetryPolicy(max_retry_after=10.0)
    assert policy.delay(1, 3.0, lambda: 1.0) == 3.0
    assert policy.delay(1, 3600.0, lambda: 1.0) == 10.0
    assert policy.delay(1, None, lambda: 1.0) == policy.backoff(1, lambda: 1.0)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("0", 0.0),
        ("7", 7.0),
        (" 12 ", 12.0),
        ("Thu, 01 Jan 2026 00:00:30 GMT", 30.0),
        ("Wed, 31 Dec 2025 23:59:00 GMT", 0.0),
        ("soon", None),
        ("-1", None),
        ("1.5", None),
        (None, None),
    ],
)
def test_retry_after_is_delta_seconds_or_an_http_date(
    header: str | None, seconds: float | None
) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_retry_after(header, lambda: now) == seconds


def test_policy_checks_its_settings() -> None:
    assert RetryPolicy.none().max_attempts == 1
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError, match="delays"):
        RetryPolicy(base_delay=-1)
