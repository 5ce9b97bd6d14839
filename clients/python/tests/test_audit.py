"""The audit verifier against the project's known answers (docs/audit.md, "Known-answer vectors").

Three files drive these tests: docs/vectors/rfc8785-jcs.json checks the JCS library before it is
trusted with a leaf, docs/vectors/rfc6962-merkle.json checks the tree against Certificate
Transparency's reference, and docs/vectors/audit-v1.json rebuilds every period from its inputs and
runs every verification case, each of which must name the same failure as the Java verifier.
"""

from __future__ import annotations

import copy
import json
import struct
from functools import cache
from typing import Any

import pytest
import rfc8785
from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA65PrivateKey

from quantaseal._codec import StrictDecodeError, b64url_decode, b64url_encode, loads_strict
from quantaseal.audit import (
    FAILURE_KINDS,
    AuditFormatError,
    canonical_json,
    checkpoint_body_hash,
    leaf_hash,
    merkle_root,
    verify_audit_trail,
)
from tests.support.vectors import VECTORS


@cache
def _load(name: str) -> Any:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def _audit() -> Any:
    return _load("audit-v1.json")


def _strict(text: str) -> Any:
    return loads_strict(text, max_chars=1 << 20)


# --- the JCS library ------------------------------------------------------------------------


@pytest.mark.parametrize("case", _load("rfc8785-jcs.json")["cases"], ids=lambda c: c["name"])
def test_the_jcs_library_gives_the_reference_output(case: dict[str, Any]) -> None:
    assert rfc8785.dumps(_strict(case["input"])) == case["output"].encode("utf-8")


@pytest.mark.parametrize("number", _load("rfc8785-jcs.json")["numbers"], ids=lambda n: n["bits"])
def test_the_jcs_library_prints_numbers_as_ecmascript(number: dict[str, str]) -> None:
    (value,) = struct.unpack(">d", bytes.fromhex(number["bits"]))
    assert rfc8785.dumps(value) == number["output"].encode("ascii")


@pytest.mark.parametrize("case", _load("rfc8785-jcs.json")["invalid"], ids=lambda c: c["name"])
def test_inputs_jcs_must_refuse_are_refused(case: dict[str, Any]) -> None:
    with pytest.raises((StrictDecodeError, rfc8785.CanonicalizationError, ValueError)):
        rfc8785.dumps(_strict(case["input"]))


# --- the Merkle tree ------------------------------------------------------------------------


def test_the_merkle_tree_is_rfc_6962s() -> None:
    ref = _load("rfc6962-merkle.json")
    leaves = [leaf_hash(bytes.fromhex(d)) for d in ref["leaf_inputs"]]
    for n, root in enumerate(ref["roots"]):
        assert merkle_root(leaves[:n]).hex() == root, f"root of {n} leaves"
    for level, hashes in enumerate(ref["node_hashes"]):
        width = 1 << level
        for i, expected in enumerate(hashes):
            assert merkle_root(leaves[i * width : (i + 1) * width]).hex() == expected


# --- the known-answer periods ---------------------------------------------------------------


@pytest.mark.parametrize("period", _audit()["periods"], ids=lambda p: f"seq-{p['seq']}")
def test_each_period_rebuilds_from_its_inputs(period: dict[str, Any]) -> None:
    vectors = _audit()
    leaves = []
    for entry in period["records"]:
        canonical = canonical_json(entry["record"])
        assert canonical == entry["jcs"].encode("utf-8")
        assert b64url_encode(leaf_hash(canonical)) == entry["leaf"]
        leaves.append(leaf_hash(canonical))
    assert b64url_encode(merkle_root(leaves)) == period["root"]
    body = period["body"]
    assert body["root"] == period["root"]
    assert body["count"] == len(period["records"])
    assert canonical_json(body) == period["body_jcs"].encode("utf-8")
    assert checkpoint_body_hash(body) == period["body_hash"]
    if period["seq"] > 0:
        previous = vectors["periods"][period["seq"] - 1]
        assert body["prev"] == previous["body_hash"]
    else:
        assert body["prev"] == ""
    trusted = next(k for k in vectors["keys"] if k["trusted"])
    key = MLDSA65PrivateKey.from_seed_bytes(b64url_decode(trusted["seed"])).public_key()
    assert b64url_encode(key.public_bytes_raw()) == trusted["public_key"]
    key.verify(
        b64url_decode(period["sig"]),
        period["body_jcs"].encode("utf-8"),
        vectors["context"].encode(),
    )


def _trusted_keys() -> dict[str, bytes]:
    return {k["skid"]: b64url_decode(k["public_key"]) for k in _audit()["keys"] if k["trusted"]}


def _run(case: dict[str, Any]) -> Any:
    return verify_audit_trail(
        tenant_id=_audit()["tenant_id"],
        from_time=case["from"],
        to_time=case["to"],
        checkpoints=case["checkpoints"],
        records=case["records"],
        server_keys=_trusted_keys(),
        anchor=case["anchor"],
    )


@pytest.mark.parametrize("case", _audit()["verifications"], ids=lambda c: c["name"])
def test_each_verification_case_gives_its_expected_outcome(case: dict[str, Any]) -> None:
    result = _run(case)
    expect = case["expect"]
    if expect is None:
        assert result.valid, result.failure
        assert result.checkpoints_verified == len(case["checkpoints"])
        assert result.records_verified == len(case["records"])
        assert (
            result.last_verified == max(case["checkpoints"], key=lambda c: c["body"]["seq"])["body"]
        )
    else:
        assert not result.valid
        assert result.failure is not None
        assert result.failure.kind in FAILURE_KINDS
        got = {
            "kind": result.failure.kind,
            "seq": result.failure.seq,
            "period_start": result.failure.period_start,
            "period_end": result.failure.period_end,
        }
        assert got == expect, result.failure.detail


def test_the_vectors_cover_every_kind_of_tampering_the_spec_names() -> None:
    kinds = {c["expect"]["kind"] for c in _audit()["verifications"] if c["expect"]}
    assert {
        "record_missing",
        "root_mismatch",
        "record_extra",
        "checkpoint_missing",
        "bad_signature",
        "unknown_key",
        "prev_mismatch",
        "tenant_mismatch",
        "duplicate_record",
    } <= kinds


# --- beyond the file: what the verifier refuses on its own ----------------------------------


def _clean() -> dict[str, Any]:
    return copy.deepcopy(next(c for c in _audit()["verifications"] if c["name"] == "clean"))


def _failure_kind(case: dict[str, Any]) -> str | None:
    result = _run(case)
    return None if result.failure is None else result.failure.kind


def test_no_checkpoints_is_reported_for_the_range() -> None:
    case = _clean()
    case["checkpoints"] = []
    result = _run(case)
    assert result.failure is not None
    assert (result.failure.kind, result.failure.period_start) == ("no_checkpoints", case["from"])


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("v", 2),
        ("seq", -1),
        ("seq", 1.0),
        ("count", "3"),
        ("root", "not base64url!"),
        ("period_start", "2026-12-04T18:39:00Z"),
        ("skid", ""),
        ("extra", 1),
    ],
)
def test_a_malformed_checkpoint_is_named(member: str, value: Any) -> None:
    case = _clean()
    case["checkpoints"][0]["body"][member] = value
    assert _failure_kind(case) == "malformed_checkpoint"


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("details", {"latency_ms": 0.5}),
        ("details", {"n": 2**53}),
        ("resource", "int_1"),
        ("actor", 7),
    ],
)
def test_a_record_breaking_the_number_or_type_rules_is_malformed(member: str, value: Any) -> None:
    case = _clean()
    case["records"][0][member] = value
    assert _failure_kind(case) == "malformed_record"


def test_a_record_after_the_last_checkpoint_lies_outside_them() -> None:
    case = _clean()
    extra = copy.deepcopy(case["records"][0])
    extra["audit_id"] = "aud_after_the_range"
    extra["time"] = "2026-12-04T18:43:00.000000Z"
    case["records"].append(extra)
    assert _failure_kind(case) == "record_outside_checkpoints"


def test_a_checkpoint_repeated_breaks_the_sequence() -> None:
    case = _clean()
    case["checkpoints"].append(copy.deepcopy(case["checkpoints"][1]))
    assert _failure_kind(case) == "sequence_broken"


def test_the_callers_own_bad_inputs_raise() -> None:
    case = _clean()
    case["from"] = "yesterday"
    with pytest.raises(AuditFormatError):
        _run(case)
    with pytest.raises(ValueError, match="1952-byte"):
        verify_audit_trail(
            tenant_id="t",
            from_time=_clean()["from"],
            to_time=_clean()["to"],
            checkpoints=[],
            records=[],
            server_keys={"k": b"short"},
        )


def test_canonical_json_refuses_what_jcs_prints_differently_across_languages() -> None:
    for value in ({"a": 0.1}, {"a": 2**53}, {"a": "\ud800"}, {"a": float("nan")}):
        with pytest.raises(AuditFormatError):
            canonical_json(value)
    deep: Any = 1
    for _ in range(70):
        deep = [deep]
    with pytest.raises(AuditFormatError):
        canonical_json(deep)
