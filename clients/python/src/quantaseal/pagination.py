"""Pages of list answers and a paginator over them (``limit`` / ``cursor`` / ``next_cursor``).

Every list of the API answers one page: its items and, when there are more, ``next_cursor``,
which the next request sends as ``cursor``. A service that does not paginate a list yet answers
every item with no ``next_cursor``: one page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from quantaseal.errors import UnexpectedResponseError

__all__ = ["Page", "paginate"]

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: ``items`` and the cursor of the next page (None on the last)."""

    items: tuple[T, ...]
    next_cursor: str | None = None

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def paginate(fetch: Callable[[str | None], Page[T]]) -> Iterator[T]:
    """Yields every item of every page; ``fetch(cursor)`` gets one page (cursor None: the first).

    A cursor that comes back a second time would loop for ever: it raises
    :class:`UnexpectedResponseError` instead.
    """
    seen: set[str] = set()
    cursor: str | None = None
    while True:
        page = fetch(cursor)
        yield from page.items
        cursor = page.next_cursor
        if not cursor:
            return
        if cursor in seen:
            raise UnexpectedResponseError(f"the service answered the cursor {cursor!r} twice")
        seen.add(cursor)
