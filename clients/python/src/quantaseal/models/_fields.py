"""Reading the members of an answer: every model's ``from_json`` goes through :class:`Fields`.

Unknown members are ignored (the API grows); a missing required member or one of the wrong type
raises :class:`MalformedAnswerError`, which the transport turns into
:class:`~quantaseal.errors.UnexpectedResponseError` with the answer's status and request id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TypeAlias, TypeVar

JSONValue: TypeAlias = str | int | float | bool | list["JSONValue"] | dict[str, "JSONValue"] | None
"""A JSON value as :func:`json.loads` returns it."""


class MalformedAnswerError(ValueError):
    """An answer member is missing or of the wrong type."""


class Fields:
    """Typed access to one JSON object of an answer; ``where`` names it in error messages."""

    __slots__ = ("_data", "_where")

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, Mapping):
            raise MalformedAnswerError(f"{where} is not a JSON object")
        self._data: Mapping[str, Any] = data
        self._where = where

    def _missing(self, name: str, kind: str) -> MalformedAnswerError:
        return MalformedAnswerError(f"{self._where}.{name} is missing or not {kind}")

    def raw_object(self) -> Mapping[str, Any]:
        return self._data

    def has(self, name: str) -> bool:
        return self._data.get(name) is not None

    def raw(self, name: str) -> Any:
        if name not in self._data:
            raise self._missing(name, "present")
        return self._data[name]

    def string(self, name: str) -> str:
        value = self._data.get(name)
        if not isinstance(value, str):
            raise self._missing(name, "a string")
        return value

    def opt_string(self, name: str) -> str | None:
        return self.string(name) if self.has(name) else None

    def integer(self, name: str) -> int:
        value = self._data.get(name)
        if type(value) is not int:
            raise self._missing(name, "an integer")
        return value

    def boolean(self, name: str) -> bool:
        value = self._data.get(name)
        if not isinstance(value, bool):
            raise self._missing(name, "a boolean")
        return value

    def timestamp(self, name: str) -> datetime:
        text = self.string(name)
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            raise self._missing(name, "an RFC 3339 date-time") from None

    def opt_timestamp(self, name: str) -> datetime | None:
        return self.timestamp(name) if self.has(name) else None

    def strings(self, name: str) -> tuple[str, ...]:
        value = self._data.get(name)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._missing(name, "a list of strings")
        return tuple(value)

    def objects(self, name: str) -> list[Fields]:
        value = self._data.get(name)
        if not isinstance(value, list):
            raise self._missing(name, "a list")
        return [Fields(item, f"{self._where}.{name}[{i}]") for i, item in enumerate(value)]

    def member(self, name: str) -> Fields:
        return Fields(self._data.get(name), f"{self._where}.{name}")

    def string_map(self, name: str) -> dict[str, str]:
        value = self._data.get(name)
        if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise self._missing(name, "an object of strings")
        return dict(value)


T = TypeVar("T")


def as_tuple(items: Iterable[T] | None, what: str) -> tuple[T, ...] | None:
    """A list argument as a tuple (None stays None); one string is refused, not split."""
    if items is None:
        return None
    if isinstance(items, str | bytes):
        raise TypeError(f"{what} is a list, not one string")
    return tuple(items)
