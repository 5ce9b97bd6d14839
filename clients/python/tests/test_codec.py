"""The strict decoders: canonical unpadded base64url and strict JSON."""

from __future__ import annotations

import os

import pytest

from quantaseal._codec import (
    StrictDecodeError,
    b64url_decode,
    b64url_encode,
    b64url_length,
    loads_strict,
)


@pytest.mark.parametrize("length", [0, 1, 2, 3, 4, 12, 64, 1088, 1184, 1952, 3309])
def test_base64url_round_trips_every_length_remainder(length: int) -> None:
    data = os.urandom(length)
    text = b64url_encode(data)
    assert "=" not in text
    assert len(text) == b64url_length(length)
    assert b64url_decode(text) == data


@pytest.mark.parametrize(
    "text", ["AA==", "A", "AAAAA", "AB", "A+", "A/", "AA AA", "AA\n", "ÀA", "AA=A"]
)
def test_base64url_refuses_anything_an_unpadded_encoder_would_not_write(text: str) -> None:
    with pytest.raises(StrictDecodeError):
        b64url_decode(text)


def test_loads_strict_refuses_duplicates_at_any_depth() -> None:
    with pytest.raises(StrictDecodeError):
        loads_strict('{"a": [{"b": 1, "b": 2}]}', max_chars=100)
    assert loads_strict('{"a": [{"b": 1}, {"b": 2}]}', max_chars=100) == {"a": [{"b": 1}, {"b": 2}]}


def test_loads_strict_bounds_depth_numbers_and_length() -> None:
    assert loads_strict("[" * 32 + "]" * 32, max_chars=100) is not None
    with pytest.raises(StrictDecodeError):
        loads_strict("[" * 33 + "]" * 33, max_chars=100)
    with pytest.raises(StrictDecodeError):
        loads_strict("1" * 33, max_chars=100)
    with pytest.raises(StrictDecodeError):
        loads_strict("[1]", max_chars=2)
    with pytest.raises(StrictDecodeError):
        loads_strict("[Infinity]", max_chars=100)
