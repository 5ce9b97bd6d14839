"""Conformance: docs/vectors/envelope-v1-conformance.json case by case (when the project ships
it), cases derived from the golden vectors, and the conformance-runner script itself."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tools.conformance import run_case

from tests.support.derived_conformance import cases, document
from tests.support.vectors import CONFORMANCE_FILE, SDK_ROOT


def project_cases() -> list[Any]:
    if not CONFORMANCE_FILE.exists():
        reason = f"{CONFORMANCE_FILE.name} is not in docs/vectors yet"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="not-shipped-yet")]
    data = json.loads(CONFORMANCE_FILE.read_text(encoding="utf-8"))
    return [pytest.param(case, id=str(case["name"])) for case in data["vectors"]]


@pytest.mark.parametrize("case", project_cases())
def test_project_conformance_case(case: dict[str, Any]) -> None:
    outcome = run_case(case)
    assert outcome.passed, outcome.detail


@pytest.mark.parametrize("case", cases(), ids=lambda c: str(c["name"]))
def test_derived_conformance_case(case: dict[str, Any]) -> None:
    outcome = run_case(case)
    assert outcome.passed, outcome.detail


def run_script(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SDK_ROOT / "conformance-runner"), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_runner_script_passes_a_good_file(tmp_path: Path) -> None:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(document()))
    result = run_script(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [f"{len(cases())} passed, 0 failed"]


def test_the_runner_script_names_each_failing_case(tmp_path: Path) -> None:
    doc = document()
    doc["vectors"][0]["result"] = "invalid"  # a valid envelope, claimed invalid
    doc["vectors"][3]["result"] = "valid"  # a tampered one, claimed valid
    doc["vectors"][3]["plaintext"] = ""
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(doc))
    result = run_script(path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:-1] == [
        f"FAIL {doc['vectors'][0]['name']}: expected invalid, but it opened",
        f"FAIL {doc['vectors'][3]['name']}: expected valid, got invalid envelope",
    ]
    assert lines[-1] == f"{len(cases()) - 2} passed, 2 failed"


@pytest.mark.skipif(
    not CONFORMANCE_FILE.exists(),
    reason="docs/vectors/envelope-v1-conformance.json not shipped yet",
)
def test_the_runner_script_passes_the_projects_file() -> None:
    result = run_script(CONFORMANCE_FILE)
    total = len(json.loads(CONFORMANCE_FILE.read_text(encoding="utf-8"))["vectors"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [f"{total} passed, 0 failed"]


def test_the_runner_script_fails_on_an_unreadable_file(tmp_path: Path) -> None:
    result = run_script(tmp_path / "missing.json")
    assert result.returncode != 0
