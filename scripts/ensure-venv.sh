#!/usr/bin/env bash
# Creates or updates the Python venv that the tests use (moto's server as a local AWS KMS).
#
#   scripts/ensure-venv.sh            # <repo root>/.venv, from scripts/requirements-test.txt
#   QS_VENV=/path/venv scripts/ensure-venv.sh
#   PYTHON=python3.12 scripts/ensure-venv.sh
#
# Idempotent and fast when nothing changed: the venv holds a stamp with the SHA-256 of the
# requirements file and the interpreter version; if both match and moto_server is there, it exits
# at once. Otherwise it (re)creates the venv when missing or broken and installs the pins.
# Needs network access to PyPI only when it has work to do.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${QS_VENV:-$root/.venv}"
requirements="$root/scripts/requirements-test.txt"
python="${PYTHON:-python3}"
stamp="$venv/.qs-requirements.sha256"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "ensure-venv: $python not found; install Python 3.9+ or set PYTHON=" >&2
  exit 1
fi

hash_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum | cut -d' ' -f1
  else
    shasum -a 256 | cut -d' ' -f1
  fi
}

# Key: the pins and the base interpreter (a venv does not survive a Python minor upgrade).
wanted="$({ cat "$requirements"; "$python" -c 'import sys; print(sys.version)'; } | hash_of)"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" && -x "$venv/bin/moto_server" ]]; then
  exit 0
fi

if ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
  echo "ensure-venv: creating $venv"
  rm -rf "$venv"
  "$python" -m venv "$venv"
elif [[ -f "$stamp" ]]; then
  # Rebuild from scratch when the interpreter changed under an existing venv.
  venv_version="$("$venv/bin/python" -c 'import sys; print(sys.version)')"
  base_version="$("$python" -c 'import sys; print(sys.version)')"
  if [[ "$venv_version" != "$base_version" ]]; then
    echo "ensure-venv: interpreter changed ($venv_version -> $base_version), recreating $venv"
    rm -rf "$venv"
    "$python" -m venv "$venv"
  fi
fi

echo "ensure-venv: installing $(basename "$requirements") into $venv"
rm -f "$stamp"
"$venv/bin/python" -m pip install --disable-pip-version-check --no-input --quiet \
  -r "$requirements"
"$venv/bin/moto_server" --help >/dev/null
echo "$wanted" >"$stamp"
echo "ensure-venv: ready ($("$venv/bin/python" -m pip show moto | grep '^Version:'))"
