"""Strict parsing (docs/envelope.md#strict-parsing), on the golden
``empty-plaintext`` envelope: each malformation is rejected, each freedom is accepted."""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Callable
from typing import Any

import pytest

from quantaseal import Envelope, EnvelopeOpener, InvalidEnvelopeError
from quantaseal._codec import b64url_decode, b64url_encode
from tests.support.vectors import golden_vectors

VECTOR = golden_vectors()[0]
ENVELOPE: dict[str, Any] = VECTOR.raw["envelope"]
TEXT = json.dumps(ENVELOPE)


def opener() -> EnvelopeOpener:
    return EnvelopeOpener(VECTOR.client_key(), VECTOR.server_keys(), clock=lambda: VECTOR.iat)


def with_member(name: str, value: Any) -> str:
    return json.dumps({**ENVELOPE, name: value})


def without(name: str) -> str:
    return json.dumps({k: v for k, v in ENVELOPE.items() if k != name})


def standard_alphabet(name: str) -> str:
    text = base64.b64encode(b64url_decode(ENVELOPE[name])).decode().rstrip("=")
    assert "+" in text or "/" in text
    return with_member(name, text)


def non_canonical(name: str) -> str:
    # The last character of a 64-byte member carries 4 spare bits: set one of them.
    text = ENVELOPE[name]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(text[-1])
    return with_member(name, text[:-1] + alphabet[last | 1])


def resized(name: str, delta: int) -> str:
    data = b64url_decode(ENVELOPE[name])
    data = data + bytes(delta) if delta > 0 else data[:delta]
    return with_member(name, b64url_encode(data))


def nested(depth: int) -> str:
    return TEXT[:-1] + ', "deep": ' + "[" * depth + "]" * depth + "}"


REJECTED: dict[str, Callable[[], Any]] = {
    "duplicate member": lambda: TEXT[:-1] + f', "rid": {json.dumps(ENVELOPE["rid"])}' + "}",
    "duplicate member in an unknown object": lambda: TEXT[:-1] + ', "x": {"a": 1, "a": 1}}',
    "iat negative": lambda: with_member("iat", -1),
    "iat a fraction": lambda: with_member("iat", float(VECTOR.iat)),
    "iat with an exponent": lambda: TEXT.replace(f'"iat": {VECTOR.iat}', '"iat": 1.7e9'),
    "iat a string": lambda: with_member("iat", str(VECTOR.iat)),
    "iat a boolean": lambda: with_member("iat", True),
    "iat with a leading zero": lambda: TEXT.replace(
        f'"iat": {VECTOR.iat}', f'"iat": 0{VECTOR.iat}'
    ),
    "iat over 2^63-1": lambda: with_member("iat", 2**63),
    "iat null": lambda: with_member("iat", None),
    "v 1.0": lambda: TEXT.replace('"v": 1', '"v": 1.0'),
    "v a string": lambda: with_member("v", "1"),
    "v true": lambda: with_member("v", True),
    "v 2": lambda: with_member("v", 2),
    "v 2^32+1": lambda: with_member("v", 4294967297),
    "another suite": lambda: with_member("suite", "QS1-MLKEM1024-HKDFSHA512-A256GCM-MLDSA87-HS512"),
    "padded base64": lambda: with_member("mac", ENVELOPE["mac"] + "=="),
    "standard base64 alphabet": lambda: standard_alphabet("kem"),
    "non-canonical base64": lambda: non_canonical("mac"),
    "whitespace in base64": lambda: with_member(
        "iv", ENVELOPE["iv"][:8] + " " + ENVELOPE["iv"][8:]
    ),
    "base64 a number": lambda: with_member("iv", 1),
    "kem one byte short": lambda: resized("kem", -1),
    "kem one byte long": lambda: resized("kem", 1),
    "iv 11 bytes": lambda: resized("iv", -1),
    "iv 13 bytes": lambda: resized("iv", 1),
    "sig one byte short": lambda: resized("sig", -1),
    "mac 63 bytes": lambda: resized("mac", -1),
    "ct 15 bytes": lambda: resized("ct", -1),
    "empty rid": lambda: with_member("rid", ""),
    "rid of 257 UTF-8 bytes": lambda: with_member("rid", "é" * 128 + "x"),
    "rid with a lone surrogate": lambda: TEXT.replace(json.dumps(ENVELOPE["rid"]), '"req_\\ud800"'),
    "rkid a number": lambda: with_member("rkid", 7),
    "a JSON array": lambda: json.dumps([ENVELOPE]),
    "a JSON string": lambda: json.dumps(TEXT),
    "JSON null": lambda: "null",
    "a number": lambda: "1",
    "an empty text": lambda: "",
    "not JSON": lambda: "envelope",
    "text after the object": lambda: TEXT + " x",
    "two objects": lambda: TEXT + TEXT,
    "a byte-order mark": lambda: "\ufeff" + TEXT,
    "NaN in an unknown member": lambda: TEXT[:-1] + ', "x": NaN}',
    "a number of 33 characters": lambda: TEXT[:-1] + ', "x": ' + "1" * 33 + "}",
    "nesting of 100 levels": lambda: nested(100),
    "nesting of 100000 levels": lambda: nested(100_000),
    "bytes that are not UTF-8": lambda: TEXT.encode()[:-1] + b'"\xff"}',
    "None": lambda: None,
    "an int": lambda: 17,
    "a list object": lambda: [ENVELOPE],
}
REJECTED.update({f"no {name}": functools.partial(without, name) for name in ENVELOPE})


@pytest.mark.parametrize("case", REJECTED, ids=list(REJECTED))
def test_malformed_envelope_is_rejected(case: str) -> None:
    source = REJECTED[case]()
    with pytest.raises(InvalidEnvelopeError) as caught:
        opener().open(source)
    assert str(caught.value) == "invalid envelope"
    assert caught.value.__context__ is None


ACCEPTED: dict[str, Callable[[], Any]] = {
    "the JSON text": lambda: TEXT,
    "UTF-8 bytes": lambda: TEXT.encode(),
    "a bytearray": lambda: bytearray(TEXT.encode()),
    "the parsed object": lambda: dict(ENVELOPE),
    "members in reverse order": lambda: json.dumps(dict(reversed(list(ENVELOPE.items())))),
    "insignificant whitespace": lambda: json.dumps(ENVELOPE, indent=4),
    "escaped member names": lambda: TEXT.replace('"rid"', '"\\u0072id"'),
    "an unknown member": lambda: with_member("x-extra", {"nested": [1, 2.5, None, True]}),
    "an unknown member that repeats a known value": lambda: with_member("note", ENVELOPE["rid"]),
}


@pytest.mark.parametrize("case", ACCEPTED, ids=list(ACCEPTED))
def test_freedoms_of_the_json_form_are_accepted(case: str) -> None:
    assert opener().open(ACCEPTED[case]()) == b""


def test_parse_alone_checks_without_keys() -> None:
    parsed = Envelope.parse(TEXT)
    assert parsed.rid == ENVELOPE["rid"]
    with pytest.raises(InvalidEnvelopeError):
        Envelope.parse(resized("kem", -1))


def test_iat_minus_zero_is_refused_even_where_zero_opens() -> None:
    vector = next(v for v in golden_vectors() if v.name == "iat-zero")
    zero_opener = EnvelopeOpener(vector.client_key(), vector.server_keys(), clock=lambda: 0)
    text = json.dumps(vector.raw["envelope"])
    assert zero_opener.open(text) == vector.binary("plaintext")
    with pytest.raises(InvalidEnvelopeError):
        zero_opener.open(text.replace('"iat": 0', '"iat": -0'))
