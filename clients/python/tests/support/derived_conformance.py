"""A conformance file (docs/clients.md's format) derived from the golden vectors: each vector
valid, plus tampered and malformed variants. Used to test the runner itself; the project's
docs/vectors/envelope-v1-conformance.json is run by tests/test_conformance.py when present."""

from __future__ import annotations

import json
from typing import Any

from quantaseal._codec import b64url_encode
from quantaseal.envelope import SUITE
from tests.support.sealer import flip_bit
from tests.support.vectors import golden_vectors


def cases() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for vector in golden_vectors():
        raw = vector.raw
        base = {
            "recipient_seed": raw["recipient_seed"],
            "rkid": raw["rkid"],
            "server_public_key": b64url_encode(vector.signer().public_key().public_bytes_raw()),
            "skid": raw["skid"],
            "mac_key": raw["mac_key"],
            "hkid": raw["hkid"],
            "now": vector.iat,
        }
        envelope = raw["envelope"]
        variants: list[tuple[str, Any, str, int]] = [
            ("valid", envelope, "valid", 0),
            ("valid-at-skew-limit", envelope, "valid", 300),
            ("stale", envelope, "invalid", 301),
            ("mac-flipped", flip_bit(envelope, "mac", 7), "invalid", 0),
            ("sig-flipped", flip_bit(envelope, "sig", 100), "invalid", 0),
            ("ct-flipped", flip_bit(envelope, "ct", 0), "invalid", 0),
            ("unknown-skid", {**envelope, "skid": "sk_other"}, "invalid", 0),
            ("padded-iv", {**envelope, "iv": envelope["iv"] + "=="}, "invalid", 0),
        ]
        for suffix, env, result, drift in variants:
            case = {
                **base,
                "name": f"{vector.name}/{suffix}",
                "now": vector.iat + drift,
                "envelope": json.dumps(env, ensure_ascii=False),
                "result": result,
            }
            if result == "valid":
                case["plaintext"] = raw["plaintext"]
            out.append(case)
    duplicate = out[0]["envelope"][:-1] + ', "v": 1}'
    out.append({**out[0], "name": "duplicate-member", "envelope": duplicate, "result": "invalid"})
    out[-1].pop("plaintext", None)
    return out


def document() -> dict[str, Any]:
    return {"suite": SUITE, "vectors": cases()}
