"""The live tests' server: ``./run-local --port 0 --fake-datadog --unseal-key`` started once per
test session on a free 127.0.0.1 port, and stopped at its end (docs/clients.md)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from quantaseal import QuantaSeal
from tests.support.vectors import REPO_ROOT

START_TIMEOUT = float(os.environ.get("QS_RUN_LOCAL_TIMEOUT", "900"))  # the first start builds
DD_API_KEY = "0123456789abcdef0123456789abcdef"


@dataclass(frozen=True)
class LocalApi:
    url: str
    api_key: str
    unseal_api_key: str
    log: Path

    def client(self, *, unseal: bool = False) -> QuantaSeal:
        return QuantaSeal(self.url, self.unseal_api_key if unseal else self.api_key)

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "QS_URL": self.url,
            "QS_API_KEY": self.api_key,
            "QS_DD_API_KEY": DD_API_KEY,
        }


def _read_env(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {k.strip(): v.strip() for k, v in pairs}


@pytest.fixture(scope="session")
def local_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalApi]:
    work = tmp_path_factory.mktemp("run-local")
    env_file, log = work / "local.env", work / "run-local.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(REPO_ROOT / "run-local"),
                "--port",
                "0",
                "--fake-datadog",
                "--unseal-key",
                "--env-file",
                str(env_file),
                "--data-dir",
                str(work / "data"),
            ],
            cwd=REPO_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not (env_file.exists() and "QS_API_KEY" in env_file.read_text()):
            if process.poll() is not None:
                pytest.fail(
                    f"run-local exited with {process.returncode}:\n{log.read_text()[-4000:]}"
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"run-local not ready after {START_TIMEOUT} s:\n{log.read_text()[-4000:]}"
                )
            time.sleep(0.5)
        values = _read_env(env_file)
        yield LocalApi(values["QS_URL"], values["QS_API_KEY"], values["QS_UNSEAL_API_KEY"], log)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
