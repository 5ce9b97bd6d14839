"""Strict decoders shared by the envelope opener and the key documents (docs/envelope.md).

Base64url: RFC 4648 section 5 alphabet only, no padding, no whitespace, and canonical (the text is
exactly what an unpadded encoder writes for the decoded bytes). JSON: one value and nothing after
it, no member name twice anywhere in the document, no NaN/Infinity, numbers of at most 32
characters, nesting of at most 32 levels.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from typing import Any, NoReturn

_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")

MAX_JSON_DEPTH = 32
MAX_NUMBER_CHARS = 32


class StrictDecodeError(ValueError):
    """Raised by the strict decoders; callers map it to their own error."""


def b64url_encode(data: bytes | bytearray | memoryview) -> str:
    """Unpadded base64url of ``data``."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Decodes canonical unpadded base64url; anything else raises :class:`StrictDecodeError`."""
    if _BASE64URL.fullmatch(text) is None or len(text) % 4 == 1:
        raise StrictDecodeError("not unpadded base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise StrictDecodeError("not unpadded base64url") from None
    if b64url_encode(data) != text:
        raise StrictDecodeError("not canonical base64url")
    return data


def b64url_length(decoded_length: int) -> int:
    """Characters of the unpadded base64url of ``decoded_length`` bytes."""
    return (decoded_length * 4 + 2) // 3


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in pairs:
        if name in out:
            raise StrictDecodeError("duplicate member")
        out[name] = value
    return out


def _bounded(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        if len(text) > MAX_NUMBER_CHARS:
            raise StrictDecodeError("number too long")
        return convert(text)

    return parse


class NegativeZero(int):
    """What the JSON integer ``-0`` parses to: equal to 0, but not of type ``int``, so a member
    that must be a non-negative integer (``iat``) refuses it (docs/envelope.md)."""


def _integer(text: str) -> int:
    return NegativeZero(0) if text == "-0" else int(text)


def _no_constant(_: str) -> NoReturn:
    raise StrictDecodeError("NaN and Infinity are not JSON")


def _depth_within(value: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return False
        stack.extend((child, depth + 1) for child in children)
    return True


def loads_strict(text: str, *, max_chars: int) -> Any:
    """Parses one JSON value strictly (see the module's docstring)."""
    if len(text) > max_chars:
        raise StrictDecodeError("text too long")
    try:
        value = json.loads(
            text,
            object_pairs_hook=_reject_duplicates,
            parse_int=_bounded(_integer),
            parse_float=_bounded(float),
            parse_constant=_no_constant,
        )
    except (json.JSONDecodeError, RecursionError):
        raise StrictDecodeError("not JSON") from None
    if not _depth_within(value, MAX_JSON_DEPTH):
        raise StrictDecodeError("nested too deeply")
    return value


def decode_utf8(data: bytes | bytearray | memoryview) -> str:
    """Strict UTF-8 (no BOM is stripped: JSON texts with one are refused by the parser)."""
    try:
        return bytes(data).decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        raise StrictDecodeError("not UTF-8") from None


def utf8_length(text: str) -> int | None:
    """UTF-8 length of ``text``, or None when it is not well-formed Unicode (lone surrogates)."""
    try:
        return len(text.encode("utf-8", errors="strict"))
    except UnicodeEncodeError:
        return None
