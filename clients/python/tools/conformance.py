"""Runs a conformance file (docs/envelope.md#conformance) through the SDK's opener.

    python -m tools.conformance FILE

One line per failing case, then ``N passed, M failed``; exit status 0 only when all pass. Each
case's holder knows only the three keys it names (rkid, skid, hkid); the clock is the case's
``now``; the envelope is opened exactly as received (its JSON text).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quantaseal import ClientKey, EnvelopeOpener, InvalidEnvelopeError
from quantaseal._codec import b64url_decode
from quantaseal.envelope import SUITE


@dataclass(frozen=True)
class Outcome:
    name: str
    passed: bool
    detail: str


def run_case(case: dict[str, Any]) -> Outcome:
    name = str(case.get("name", "<unnamed>"))
    try:
        expected = case["result"]
        key = ClientKey(
            rkid=case["rkid"],
            hkid=case["hkid"],
            seed=b64url_decode(case["recipient_seed"]),
            mac_key=b64url_decode(case["mac_key"]),
        )
        now = case["now"]
        opener = EnvelopeOpener(
            key, {case["skid"]: b64url_decode(case["server_public_key"])}, clock=lambda: now
        )
        envelope = case["envelope"]
        plaintext = b64url_decode(case["plaintext"]) if expected == "valid" else None
    except (KeyError, TypeError, ValueError) as problem:
        return Outcome(
            name, False, f"the case itself is malformed ({type(problem).__name__}: {problem})"
        )
    if expected not in ("valid", "invalid"):
        return Outcome(name, False, f"unknown result {expected!r}")
    try:
        opened = opener.open(envelope)
    except InvalidEnvelopeError:
        if expected == "invalid":
            return Outcome(name, True, "rejected")
        return Outcome(name, False, "expected valid, got invalid envelope")
    if expected == "invalid":
        return Outcome(name, False, "expected invalid, but it opened")
    if opened != plaintext:
        return Outcome(name, False, "opened to another plaintext")
    return Outcome(name, True, "opened")


def run_file(path: str | Path) -> list[Outcome]:
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    if document.get("suite") != SUITE:
        raise ValueError(f"{path}: suite is not {SUITE}")
    return [run_case(case) for case in document["vectors"]]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: conformance-runner FILE", file=sys.stderr)
        return 2
    try:
        outcomes = run_file(argv[0])
    except (OSError, ValueError, KeyError, TypeError) as problem:
        print(f"conformance-runner: cannot read {argv[0]}: {problem}", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    failed = [o for o in outcomes if not o.passed]
    for outcome in failed:
        print(f"FAIL {outcome.name}: {outcome.detail}")
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
