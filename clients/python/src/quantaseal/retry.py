"""When and how long the SDK waits before it sends a request again (docs/clients.md, Retries).

Retried: 429 and 5xx answers of QuantaSeal (never Datadog's answers, which come back in an
envelope with ``X-QS-Source: upstream``) and transport failures, for GET and DELETE and for POSTs
that carry an ``Idempotency-Key``; a connection that could not be opened is retried for any
request (nothing was sent). The wait is exponential backoff with full jitter,
``uniform(0, min(max_backoff, base_delay * 2 ** (attempt - 1)))``, or the answer's
``Retry-After`` (seconds or an HTTP date) when it has one, capped at ``max_retry_after``.
"""

from __future__ import annotations

import email.utils
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["RetryPolicy", "parse_retry_after"]


@dataclass(frozen=True)
class RetryPolicy:
    """Retry settings. ``max_attempts`` counts the first try (1 turns retries off)."""

    max_attempts: int = 4
    base_delay: float = 0.25
    max_backoff: float = 20.0
    max_retry_after: float = 20.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be >= 1")
        if min(self.base_delay, self.max_backoff, self.max_retry_after) < 0:
            raise ValueError("delays must be >= 0")

    @classmethod
    def none(cls) -> RetryPolicy:
        """No retries: every request is sent once."""
        return cls(max_attempts=1)

    def backoff(self, attempt: int, random: Callable[[], float]) -> float:
        """Full-jitter delay after failed attempt number ``attempt`` (1-based)."""
        ceiling = min(self.max_backoff, self.base_delay * 2.0 ** min(attempt - 1, 62))
        return random() * ceiling

    def delay(self, attempt: int, retry_after: float | None, random: Callable[[], float]) -> float:
        """The wait before the next attempt: the capped ``Retry-After``, else the backoff."""
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        return self.backoff(attempt, random)


def parse_retry_after(value: str | None, now: Callable[[], datetime] | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), or None."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit() and text.isascii():
        return float(int(text))
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or _utcnow)()).total_seconds()
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _utcnow() -> datetime:
    return datetime.now(UTC)
