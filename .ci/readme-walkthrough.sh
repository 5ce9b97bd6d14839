#!/usr/bin/env bash
# Runs the README's walk-through as written (./test-all runs it, so the README cannot drift):
# starts ./run-local --fake-datadog on a free 127.0.0.1 port, exports QS_URL and QS_API_KEY as
# the README tells the reader to, then runs every ```sh block between the markers
# <!-- walkthrough:start --> and <!-- walkthrough:end -->, in order, in one bash with -euo
# pipefail, from the repository root. Each block's output is printed under a "--- block N" line.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/target/readme-walkthrough"
mkdir -p "$out"
env_file="$out/local.env"
rm -f "$env_file"
rm -rf "$root/local-data/walkthrough"

script="$out/walkthrough.sh"
awk '
  /<!-- walkthrough:start -->/ { on = 1; next }
  /<!-- walkthrough:end -->/   { on = 0; next }
  on && /^```sh$/              { inblock = 1; n++; printf "echo \"--- block %d\"\n", n; next }
  inblock && /^```$/           { inblock = 0; next }
  inblock                      { print }
' "$root/README.md" >"$script"
grep -q -- '--- block 1' "$script" || { echo "readme-walkthrough.sh: no sh blocks between the markers" >&2; exit 1; }

"$root/run-local" --port 0 --fake-datadog --env-file "$env_file" >"$out/run-local.log" 2>&1 &
runner=$!
trap 'kill "$runner" 2>/dev/null || true; wait "$runner" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  [[ -s "$env_file" ]] && break
  kill -0 "$runner" 2>/dev/null || { tail -40 "$out/run-local.log" >&2; exit 1; }
  sleep 0.5
done
set -a
# shellcheck disable=SC1090
source "$env_file"
set +a

cd "$root"
bash -euo pipefail "$script"
echo "--- run-local printed"
grep -E '^(fake-datadog|local-api):' "$out/run-local.log" || true
