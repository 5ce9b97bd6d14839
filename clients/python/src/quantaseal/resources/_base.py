"""What the resource groups share: the context, id quoting and list pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

from quantaseal._context import Context
from quantaseal._transport import Response
from quantaseal.models._fields import Fields
from quantaseal.pagination import Page

T = TypeVar("T")


def segment(value: str) -> str:
    """One path segment: an id is always quoted whole (no ``/``, ``..`` or ``?`` gets through)."""
    if not isinstance(value, str) or not value:
        raise ValueError("an id is a non-empty string")
    return quote(value, safe="")


def list_params(limit: int | None, cursor: str | None) -> dict[str, str] | None:
    """The ``limit`` / ``cursor`` query of a list (sent only when given)."""
    params: dict[str, str] = {}
    if limit is not None:
        if limit < 1:
            raise ValueError("limit must be >= 1")
        params["limit"] = str(limit)
    if cursor is not None:
        params["cursor"] = cursor
    return params or None


def page_of(response: Response, member: str, item: Callable[[Any], T]) -> Page[T]:
    """A page of ``member`` items, with ``next_cursor`` when the answer has one."""

    def read(data: Any) -> Page[T]:
        f = Fields(data, "the list")
        items = tuple(item(entry.raw_object()) for entry in f.objects(member))
        return Page(items=items, next_cursor=f.opt_string("next_cursor"))

    return response.parse(read)


def plaintext_json(response: Response, plaintext: bytes) -> Any:
    """The JSON of an envelope's (authenticated) plaintext."""
    try:
        return json.loads(plaintext)
    except ValueError:
        raise response.unexpected("the envelope's plaintext is not JSON") from None


class Resource:
    """A group of operations of one tag of docs/openapi.yaml."""

    def __init__(self, context: Context) -> None:
        self._context = context

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._context.transport.base_url!r})"
