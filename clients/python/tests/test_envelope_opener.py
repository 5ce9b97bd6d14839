"""EnvelopeOpener: tampering, keys, clock, request binding, and the one silent error."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

import quantaseal.envelope as envelope_module
from quantaseal import ClientKey, EnvelopeOpener, InvalidEnvelopeError
from quantaseal._codec import b64url_decode, b64url_encode
from tests.support.sealer import Signer, flip_bit, new_client_key, seal, to_text
from tests.support.vectors import golden_vectors

NOW = 1_796_400_000
EMPTY = golden_vectors()[0]
assert EMPTY.name == "empty-plaintext"


def opener_for(key: ClientKey, signer: Signer, **options: Any) -> EnvelopeOpener:
    return EnvelopeOpener(key, {signer.skid: signer.public_bytes()}, clock=lambda: NOW, **options)


def sealed(
    key: ClientKey, signer: Signer, plaintext: bytes = b"hello", **kw: Any
) -> dict[str, Any]:
    return seal(
        plaintext,
        recipient=key,
        signer=signer,
        rid=kw.pop("rid", "req_1"),
        iat=kw.pop("iat", NOW),
        **kw,
    )


def rejects(opener: EnvelopeOpener, source: Any, **kw: Any) -> None:
    with pytest.raises(InvalidEnvelopeError) as caught:
        opener.open(source, **kw)
    problem = caught.value
    assert str(problem) == "invalid envelope"
    assert problem.__cause__ is None
    assert problem.__context__ is None


def golden_opener() -> EnvelopeOpener:
    return EnvelopeOpener(EMPTY.client_key(), EMPTY.server_keys(), clock=lambda: EMPTY.iat)


# -- the golden envelope opens; every single-bit change of a binary member does not ---------------


def test_golden_envelope_opens() -> None:
    assert golden_opener().open(EMPTY.raw["envelope"]) == b""


@pytest.mark.parametrize(
    ("member", "stride"), [("kem", 1), ("iv", 1), ("ct", 1), ("mac", 1), ("sig", 5)]
)
def test_every_flipped_bit_is_rejected(member: str, stride: int) -> None:
    opener = golden_opener()
    original = EMPTY.raw["envelope"]
    bits = len(b64url_decode(original[member])) * 8
    for bit in range(0, bits, stride):
        with pytest.raises(InvalidEnvelopeError):
            opener.open(flip_bit(original, member, bit))


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("rid", "req_other"),
        ("iat", EMPTY.iat + 1),
        ("rkid", "ck_other"),
        ("skid", "sk_other"),
        ("hkid", "hk_other"),
    ],
)
def test_a_changed_header_member_is_rejected(member: str, value: Any) -> None:
    rejects(golden_opener(), {**EMPTY.raw["envelope"], member: value})


# -- keys -----------------------------------------------------------------------------------------


def test_opens_for_the_held_key(client_key: ClientKey, signer: Signer) -> None:
    assert opener_for(client_key, signer).open(to_text(sealed(client_key, signer))) == b"hello"


def test_an_envelope_for_another_client_key_is_rejected(
    client_key: ClientKey, signer: Signer
) -> None:
    other = new_client_key("ck_other", "hk_other")
    rejects(opener_for(client_key, signer), sealed(other, signer))


def test_a_kem_for_another_key_that_names_ours_fails_at_decryption(
    client_key: ClientKey, signer: Signer
) -> None:
    other = new_client_key("ck_other", "hk_other")
    # Signed and MACed correctly for our ids, but encapsulated to another key's public half.
    envelope = seal(
        b"x",
        recipient=other,
        signer=signer,
        rid="req_1",
        iat=NOW,
        rkid=client_key.rkid,
        hkid=client_key.hkid,
        mac_key=bytes(client_key._mac_key_buffer()),
    )
    rejects(opener_for(client_key, signer), envelope)


def test_an_unknown_signing_key_is_rejected(client_key: ClientKey, signer: Signer) -> None:
    rejects(opener_for(client_key, signer), sealed(client_key, Signer.new("sk_unknown")))


def test_a_signature_by_another_key_under_a_known_skid_is_rejected(
    client_key: ClientKey, signer: Signer
) -> None:
    impostor = Signer(skid=signer.skid, key=Signer.new("x").key)
    rejects(opener_for(client_key, signer), sealed(client_key, impostor))


def test_a_wrong_mac_key_is_rejected(client_key: ClientKey, signer: Signer) -> None:
    rejects(opener_for(client_key, signer), sealed(client_key, signer, mac_key=bytes(64)))


def test_several_server_keys_any_listed_one_verifies(client_key: ClientKey) -> None:
    old, new = Signer.new("sk_old"), Signer.new("sk_new")
    opener = EnvelopeOpener(
        client_key, {s.skid: s.public_bytes() for s in (old, new)}, clock=lambda: NOW
    )
    assert opener.open(sealed(client_key, old)) == b"hello"
    assert opener.open(sealed(client_key, new)) == b"hello"


def test_a_server_key_of_the_wrong_length_is_refused_up_front(client_key: ClientKey) -> None:
    with pytest.raises(ValueError, match="1952"):
        EnvelopeOpener(client_key, {"sk_x": bytes(100)})


def test_a_destroyed_client_key_cannot_open(client_key: ClientKey, signer: Signer) -> None:
    envelope = sealed(client_key, signer)
    opener = opener_for(client_key, signer)
    client_key.destroy()
    with pytest.raises(ValueError, match="destroyed"):
        opener.open(envelope)


# -- both checks, always --------------------------------------------------------------------------


@pytest.mark.parametrize("broken", ["sig", "mac", "both", "neither"])
def test_signature_and_mac_are_both_computed_whatever_fails(
    broken: str, client_key: ClientKey, signer: Signer, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_sig, real_mac = envelope_module._signature_ok, envelope_module._mac_ok

    def recording(name: str, check: Callable[..., bool]) -> Callable[..., bool]:
        def run(*args: Any) -> bool:
            calls.append(name)
            return check(*args)

        return run

    monkeypatch.setattr(envelope_module, "_signature_ok", recording("sig", real_sig))
    monkeypatch.setattr(envelope_module, "_mac_ok", recording("mac", real_mac))
    envelope = sealed(client_key, signer)
    if broken in ("sig", "both"):
        envelope = flip_bit(envelope, "sig", 0)
    if broken in ("mac", "both"):
        envelope = flip_bit(envelope, "mac", 0)
    opener = opener_for(client_key, signer)
    if broken == "neither":
        assert opener.open(envelope) == b"hello"
    else:
        rejects(opener, envelope)
    assert sorted(calls) == ["mac", "sig"]


# -- clock ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "opens"), [(0, True), (300, True), (-300, True), (301, False), (-301, False)]
)
def test_default_skew_is_300_seconds_either_way(
    age: int, opens: bool, client_key: ClientKey, signer: Signer
) -> None:
    envelope = sealed(client_key, signer, iat=NOW - age)
    if opens:
        assert opener_for(client_key, signer).open(envelope) == b"hello"
    else:
        rejects(opener_for(client_key, signer), envelope)


def test_skew_is_configurable(client_key: ClientKey, signer: Signer) -> None:
    opener = opener_for(client_key, signer, max_clock_skew=10)
    assert opener.open(sealed(client_key, signer, iat=NOW - 10)) == b"hello"
    rejects(opener, sealed(client_key, signer, iat=NOW - 11))
    with pytest.raises(ValueError, match="max_clock_skew"):
        opener_for(client_key, signer, max_clock_skew=-1)


def test_the_clock_is_read_for_every_envelope(client_key: ClientKey, signer: Signer) -> None:
    now = [NOW]
    opener = EnvelopeOpener(client_key, {signer.skid: signer.public_bytes()}, clock=lambda: now[0])
    envelope = sealed(client_key, signer)
    assert opener.open(envelope) == b"hello"
    now[0] += 301
    rejects(opener, envelope)


# -- request binding ------------------------------------------------------------------------------


def test_rid_must_equal_the_expected_request_id(client_key: ClientKey, signer: Signer) -> None:
    envelope = sealed(client_key, signer, rid="req_abc")
    opener = opener_for(client_key, signer)
    assert opener.open(envelope, expected_request_id="req_abc") == b"hello"
    rejects(opener, envelope, expected_request_id="req_abd")
    rejects(opener, envelope, expected_request_id="REQ_ABC")


# -- sizes ----------------------------------------------------------------------------------------


def test_the_ciphertext_limit_can_be_lowered(client_key: ClientKey, signer: Signer) -> None:
    envelope = sealed(client_key, signer, plaintext=bytes(1000))
    assert opener_for(client_key, signer, max_ciphertext_length=1016).open(envelope) == bytes(1000)
    rejects(opener_for(client_key, signer, max_ciphertext_length=1015), envelope)
    with pytest.raises(ValueError, match="max_ciphertext_length"):
        opener_for(client_key, signer, max_ciphertext_length=8 * 1024 * 1024 + 1)


def test_a_text_over_the_size_limit_is_rejected_before_parsing() -> None:
    text = json.dumps({**EMPTY.raw["envelope"], "pad": "a" * 11_201_195})
    rejects(golden_opener(), text)


def test_a_plaintext_of_a_mebibyte_opens(client_key: ClientKey, signer: Signer) -> None:
    big = bytes(range(256)) * 4096
    assert (
        opener_for(client_key, signer).open(to_text(sealed(client_key, signer, plaintext=big)))
        == big
    )


def test_binary_members_decode_to_what_was_sealed(client_key: ClientKey, signer: Signer) -> None:
    envelope = sealed(client_key, signer)
    parsed = opener_for(client_key, signer).parse(envelope)
    assert b64url_encode(parsed.kem) == envelope["kem"]
    assert "ct=<" in repr(parsed)
    assert envelope["ct"] not in repr(parsed)
