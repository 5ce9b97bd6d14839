#!/usr/bin/env bash
# Property-based check of docs/openapi.yaml against the local API (./test-all runs it):
# starts ./run-local on a free 127.0.0.1 port with the loopback Datadog, runs schemathesis from
# the .venv with the tenant's API key, and stops the runner. Fails on any 5xx, any answer that
# does not match the documented status codes, content types, headers or schemas.
#
#   .ci/schemathesis.sh                         # bounded: QS_SCHEMATHESIS_MAX_EXAMPLES (20) per
#                                               # operation, QS_SCHEMATHESIS_MAX_TIME (150) seconds
#   QS_SCHEMATHESIS_SEED=7 .ci/schemathesis.sh  # another fixed seed (default 20261126)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/target/schemathesis"
mkdir -p "$out"
env_file="$out/local.env"
rm -f "$env_file"

"$root/run-local" --port 0 --fake-datadog --env-file "$env_file" >"$out/run-local.log" 2>&1 &
runner=$!
stop_runner() {
  kill "$runner" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
}
trap stop_runner EXIT

for _ in $(seq 1 600); do
  [[ -s "$env_file" ]] && break
  kill -0 "$runner" 2>/dev/null || { echo "schemathesis.sh: run-local exited:" >&2; tail -40 "$out/run-local.log" >&2; exit 1; }
  sleep 0.5
done
[[ -s "$env_file" ]] || { echo "schemathesis.sh: run-local did not start in 5 minutes" >&2; exit 1; }
# shellcheck disable=SC1090
source "$env_file"

echo "schemathesis.sh: checking docs/openapi.yaml against $QS_URL"
cd "$out" # schemathesis keeps its example database (.schemathesis/) in the working directory
"$root/.venv/bin/schemathesis" run "$root/docs/openapi.yaml" \
  --url "$QS_URL" \
  --header "X-API-Key: $QS_API_KEY" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --max-examples "${QS_SCHEMATHESIS_MAX_EXAMPLES:-20}" \
  --max-time "${QS_SCHEMATHESIS_MAX_TIME:-150}" \
  --seed "${QS_SCHEMATHESIS_SEED:-20261126}" \
  --request-timeout 30 \
  --workers 1 \
  --report junit --report-dir "$out"
