# Sourced by ci-test, conformance-runner and quickstart-runner: ensure_venv makes (or refreshes)
# clients/python/.venv with the locked dev dependencies (requirements/dev.lock, hashes checked)
# and the SDK installed editable. It is rebuilt when pyproject.toml or the lock changes (their
# SHA-256 is kept in the venv).
# Python: $QS_PYTHON, else python3 (3.11 or newer).
SDK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$SDK_DIR/.venv"

venv_inputs() {
  cat "$SDK_DIR/requirements/dev.lock" "$SDK_DIR/pyproject.toml" | sha256sum | cut -d' ' -f1
}

ensure_venv() {
  local stamp="$VENV/.quantaseal-inputs" python="${QS_PYTHON:-python3}" inputs
  inputs="$(venv_inputs)"
  if [[ -x "$VENV/bin/python" && "$(cat "$stamp" 2>/dev/null)" == "$inputs" ]]; then
    return 0
  fi
  command -v "$python" >/dev/null 2>&1 || { echo "python3 not found (Python 3.11+ is needed)" >&2; return 1; }
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    { echo "$python is $("$python" --version 2>&1); the SDK needs Python 3.11+" >&2; return 1; }
  (
    # Two scripts starting at once build the venv once.
    if command -v flock >/dev/null 2>&1; then
      exec 9>"$SDK_DIR/.venv.lock"
      flock 9
    fi
    if [[ -x "$VENV/bin/python" && "$(cat "$stamp" 2>/dev/null)" == "$inputs" ]]; then
      exit 0
    fi
    echo "clients/python: making $VENV (requirements/dev.lock)"
    rm -rf "$VENV"
    "$python" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --require-hashes -r "$SDK_DIR/requirements/dev.lock"
    "$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation -e "$SDK_DIR"
    echo "$inputs" >"$stamp"
  )
}
