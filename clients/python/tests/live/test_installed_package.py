"""The installable artifacts, as a user gets them: the wheel built from source, installed into an
empty virtual environment (its dependencies from the package index), runs the quickstart against
./run-local --fake-datadog. And the quickstart-runner script, as ./test-all and CI run it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.live.conftest import LocalApi
from tests.support.derived_conformance import document as derived_document
from tests.support.vectors import SDK_ROOT

pytestmark = [pytest.mark.live, pytest.mark.slow]

QUICKSTART = SDK_ROOT / "examples" / "quickstart" / "quickstart.py"


def run(
    command: list[str], *, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600
) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, (
        f"{command}: {result.returncode}\n{result.stdout}\n{result.stderr}"
    )
    return result.stdout


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel and sdist: those ci-test built (QS_SDK_DIST), else built here from source."""
    dist = Path(os.environ["QS_SDK_DIST"]) if os.environ.get("QS_SDK_DIST") else None
    if dist is None:
        dist = tmp_path_factory.mktemp("dist")
        run(
            [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(SDK_ROOT)],
            cwd=SDK_ROOT,
        )
    wheels, sdists = sorted(dist.glob("quantaseal-*.whl")), sorted(dist.glob("quantaseal-*.tar.gz"))
    assert len(wheels) == 1
    assert len(sdists) == 1
    return wheels[0], sdists[0]


def test_the_wheel_holds_the_typed_package_and_nothing_else(artifacts: tuple[Path, Path]) -> None:
    names = zipfile.ZipFile(artifacts[0]).namelist()
    assert "quantaseal/py.typed" in names
    assert "quantaseal/envelope.py" in names
    assert not [n for n in names if n.startswith(("tests/", "tools/", "examples/"))]
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(artifacts[0]).read(metadata).decode()
    assert "Requires-Python: >=3.11" in text
    assert "Requires-Dist: cryptography>=48" in text


def test_the_wheel_installed_in_an_empty_venv_runs_the_quickstart(
    artifacts: tuple[Path, Path], local_api: LocalApi, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    python = str(venv / "bin" / "python")
    run([python, "-m", "pip", "install", "-q", str(artifacts[0])], cwd=tmp_path)
    location = run([python, "-c", "import quantaseal; print(quantaseal.__file__)"], cwd=tmp_path)
    assert location.strip().startswith(str(venv))
    env = {**local_api.env(), "QS_CLIENT_KEY_FILE": str(tmp_path / "client-key.json")}
    env.pop("PYTHONPATH", None)
    first = run([python, str(QUICKSTART)], cwd=tmp_path, env=env)
    assert first.splitlines()[0] == "upstream status: 202"
    assert (tmp_path / "client-key.json").stat().st_mode & 0o777 == 0o600
    again = run([python, str(QUICKSTART)], cwd=tmp_path, env=env)  # the saved key is loaded
    assert again.splitlines()[0] == "upstream status: 202"


def lowest_versions() -> list[str]:
    """``name==X`` for each ``name>=X`` runtime dependency of pyproject.toml."""
    project = tomllib.loads((SDK_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = []
    for requirement in project["dependencies"]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)(,.*)?", requirement)
        assert match, f"{requirement}: give a lower bound"
        pins.append(f"{match[1]}=={match[2]}")
    return pins


def test_the_lowest_declared_dependency_versions_open_every_conformance_case(
    artifacts: tuple[Path, Path], tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    python = str(venv / "bin" / "python")
    pins = lowest_versions()
    assert "cryptography==48" in " ".join(pins)
    run([python, "-m", "pip", "install", "-q", *pins], cwd=tmp_path)
    run([python, "-m", "pip", "install", "-q", "--no-deps", str(artifacts[0])], cwd=tmp_path)
    vectors = SDK_ROOT.parents[1] / "docs" / "vectors"
    files = [f for f in (vectors / "envelope-v1-conformance.json",) if f.exists()]
    derived = tmp_path / "derived.json"
    derived.write_text(json.dumps(derived_document()))
    for file in [*files, derived]:
        # cwd is clients/python: tools/ is importable, quantaseal only from the venv (src/ layout).
        out = run([python, "-m", "tools.conformance", str(file)], cwd=SDK_ROOT)
        assert out.strip().endswith(" 0 failed"), out


def test_the_quickstart_runner(local_api: LocalApi) -> None:
    out = run([str(SDK_ROOT / "quickstart-runner")], cwd=SDK_ROOT.parents[1], env=local_api.env())
    assert out.splitlines()[0] == "upstream status: 202"


def test_the_quickstart_says_what_is_missing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QS_")}
    result = subprocess.run(
        [str(SDK_ROOT / "quickstart-runner")], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "QS_URL is not set" in result.stderr
