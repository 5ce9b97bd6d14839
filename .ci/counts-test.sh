#!/usr/bin/env bash
# Checks .ci/counts.sh, the counting ./test-all ends with (./test-all runs it first): the closing
# line sums every runner's counts, a step that records nothing is one check, and a failed step is
# a failure in the sum even when its runner counted none (e.g. a build that stopped before its
# tests). Prints one line per failed check and "N passed, M failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
counts="$(mktemp -d)"
trap 'rm -rf "$counts"' EXIT
results=()
failed=0
# shellcheck source=.ci/counts.sh
source "$root/.ci/counts.sh"

passed_checks=0
failed_checks=0
expect() {
  if [[ "$2" == "$3" ]]; then
    passed_checks=$((passed_checks + 1))
  else
    failed_checks=$((failed_checks + 1))
    echo "FAIL $1: expected '$3', got '$2'"
  fi
}

runner_ok() { record_counts junit 120 0 3; }
runner_failing() { record_counts sdk 40 2 1; return 1; }
build_stopped() { record_counts maven 7 0 0; return 1; } # compiled, stopped before its tests
plain_ok() { echo "no counts of its own"; }
plain_failing() { return 3; }

step "runner ok" runner_ok >/dev/null
expect "a runner's counts" "$(closing_line)" "120 passed, 0 failed, 3 skipped"
expect "verdict ok" "$failed" "0"
step "a command without counts" plain_ok >/dev/null
expect "one passed check" "$(closing_line)" "121 passed, 0 failed, 3 skipped"
step "runner with failures" runner_failing >/dev/null
expect "its failures are summed" "$(closing_line)" "161 passed, 2 failed, 4 skipped"
expect "verdict failed" "$failed" "1"
step "build stopped" build_stopped >/dev/null
expect "a failed step always shows in the sum" "$(closing_line)" "168 passed, 3 failed, 4 skipped"
step "a failing command without counts" plain_failing >/dev/null
expect "one failed check" "$(closing_line)" "168 passed, 4 failed, 4 skipped"
expect "every step has its line" "${#results[@]}" "5"
expect "the last line's shape" "$(closing_line | grep -cE '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$')" "1"

echo "$passed_checks passed, $failed_checks failed"
[[ $failed_checks -eq 0 ]]
