# Shared by ci-test, conformance-runner and quickstart-runner (sourced; needs $here = clients/typescript).
# Each function prints its tools' output; callers send it to a log or to stderr.

# node_modules from package-lock.json (npm ci), unless it is already installed from this lock.
ensure_deps() {
  command -v node >/dev/null 2>&1 || { echo "node not found (Node 20.19+ is needed)" >&2; return 1; }
  command -v npm >/dev/null 2>&1 || { echo "npm not found" >&2; return 1; }
  if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
    (cd "$here" && npm ci --no-audit --no-fund)
  fi
}

# dist/ (what the package ships) and build/ (sources, tests and tools), when any input changed.
# QS_TS_SKIP_BUILD=1 (the SDK's own tests, which run from build/) uses what is built as it is.
ensure_built() {
  local stamp="$here/build/.stamp"
  if [[ "${QS_TS_SKIP_BUILD:-}" == 1 && -d "$here/dist" && -d "$here/build/tools" ]]; then
    return 0
  fi
  if [[ -f "$stamp" && -z "$(cd "$here" && find src test tools examples package.json package-lock.json tsconfig*.json \
    -newer "$stamp" -print -quit 2>/dev/null)" ]]; then
    return 0
  fi
  rm -rf "$here/dist"
  (cd "$here" && npx tsc -p tsconfig.build.json && npx tsc -p tsconfig.test.json) || return 1
  touch "$stamp"
}

# The npm pack tarball of dist/ in build/pack/; prints its path.
pack() {
  local out="$here/build/pack"
  rm -rf "$out" && mkdir -p "$out"
  (cd "$here" && npm pack --ignore-scripts --silent --pack-destination "$out" >/dev/null) || return 1
  ls "$out"/quantaseal-*.tgz
}
