"""docs/vectors/envelope-v1.json: every vector rebuilt (H, S, ct, mac) and every envelope opened.

``cryptography`` exposes neither ML-KEM's encapsulation randomness ``m`` nor ML-DSA's ``rnd``,
so ``kem`` and ``sig`` cannot be re-made byte for byte here; they are checked the other way:
``kem`` decapsulates to the key that re-makes ``ct`` exactly, and ``sig`` verifies.
"""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.asymmetric.mlkem import MLKEM768PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from quantaseal import Envelope, EnvelopeOpener, InvalidEnvelopeError
from quantaseal.envelope import SIGNATURE_CONTEXT, SUITE, _derive_key
from tests.support.vectors import GoldenVector, golden_document, golden_vectors

VECTORS = golden_vectors()
IDS = [v.name for v in VECTORS]


def test_the_file_is_the_suite_with_the_vectors_the_spec_asks_for() -> None:
    assert golden_document()["suite"] == SUITE
    assert {"empty-plaintext", "proxy-response", "plaintext-64kib", "non-ascii-ids"} <= set(IDS)


@pytest.mark.parametrize("vector", VECTORS, ids=IDS)
def test_header_and_signed_bytes_are_rebuilt_exactly(vector: GoldenVector) -> None:
    envelope = Envelope.parse(vector.raw["envelope"])
    assert envelope.header() == vector.binary("H")
    assert envelope.signed() == vector.binary("S")
    assert envelope.iv == vector.binary("iv")
    assert (envelope.rid, envelope.iat, envelope.rkid, envelope.skid, envelope.hkid) == (
        vector.raw["rid"],
        vector.iat,
        vector.raw["rkid"],
        vector.raw["skid"],
        vector.raw["hkid"],
    )


@pytest.mark.parametrize("vector", VECTORS, ids=IDS)
def test_envelope_opens_to_the_plaintext(vector: GoldenVector) -> None:
    opener = EnvelopeOpener(vector.client_key(), vector.server_keys(), clock=lambda: vector.iat)
    assert opener.open(json.dumps(vector.raw["envelope"])) == vector.binary("plaintext")
    assert opener.open(vector.raw["envelope"]) == vector.binary("plaintext")


@pytest.mark.parametrize("vector", VECTORS, ids=IDS)
def test_ct_and_mac_are_remade_byte_for_byte_and_sig_verifies(vector: GoldenVector) -> None:
    envelope = Envelope.parse(vector.raw["envelope"])
    header = vector.binary("H")
    shared = MLKEM768PrivateKey.from_seed_bytes(vector.binary("recipient_seed")).decapsulate(
        envelope.kem
    )
    ct = AESGCM(_derive_key(shared, header)).encrypt(
        vector.binary("iv"), vector.binary("plaintext"), header
    )
    assert ct == envelope.ct
    mac = hmac.HMAC(vector.binary("mac_key"), hashes.SHA512())
    mac.update(vector.binary("S"))
    assert mac.finalize() == envelope.mac
    vector.signer().public_key().verify(envelope.sig, vector.binary("S"), SIGNATURE_CONTEXT)


@pytest.mark.parametrize("vector", VECTORS, ids=IDS)
def test_json_form_round_trips(vector: GoldenVector) -> None:
    assert json.loads(Envelope.parse(vector.raw["envelope"]).to_json()) == vector.raw["envelope"]


@pytest.mark.parametrize(
    ("offset", "opens"), [(-300, True), (300, True), (-301, False), (301, False)]
)
@pytest.mark.parametrize("vector", VECTORS, ids=IDS)
def test_clock_skew_bounds_are_inclusive(vector: GoldenVector, offset: int, opens: bool) -> None:
    now = float(vector.iat + offset)
    opener = EnvelopeOpener(vector.client_key(), vector.server_keys(), clock=lambda: now)
    if opens:
        assert opener.open(vector.raw["envelope"]) == vector.binary("plaintext")
    else:
        with pytest.raises(InvalidEnvelopeError):
            opener.open(vector.raw["envelope"])
