# Counting for ./test-all (sourced; needs $counts, a directory, and the arrays/flags results and
# failed). Every runner records what it ran: record_counts RUNNER PASSED FAILED SKIPPED. A step
# that records nothing counts as one check (passed or failed); a step that fails although its
# runner counted no failure counts one failed check more. closing_line prints the sum over every
# runner, the last line of ./test-all, which CI reads.

record_counts() {
  printf '%s %s %s\n' "$2" "$3" "$4" >"$counts/$1"
}

# step NAME COMMAND...: runs COMMAND, records its verdict in results and failed.
step() {
  local name="$1"
  shift
  local t0=$SECONDS rc=0
  local before
  before="$(ls "$counts")"
  echo
  echo "==> $name"
  "$@" || rc=$?
  # What this step recorded: the files that were not there before it ran.
  local new=() f
  for f in $(ls "$counts"); do
    grep -qxF "$f" <<<"$before" || new+=("$counts/$f")
  done
  local check
  check="check-$(ls "$counts" | grep -c '^check-')"
  if [[ ${#new[@]} -eq 0 ]]; then
    if [[ $rc -eq 0 ]]; then record_counts "$check" 1 0 0; else record_counts "$check" 0 1 0; fi
  elif [[ $rc -ne 0 && "$(awk '{ f += $2 } END { print f + 0 }' "${new[@]}")" -eq 0 ]]; then
    # The step failed but its runner counted no failure (a build that stopped before its tests,
    # a runner that crashed): the closing line must still show a failure.
    record_counts "$check" 0 1 0
  fi
  if [[ $rc -eq 0 ]]; then
    results+=("$(printf '  ok    %4ss  %s' $((SECONDS - t0)) "$name")")
  else
    results+=("$(printf '  FAIL  %4ss  %s' $((SECONDS - t0)) "$name")")
    failed=1
  fi
}

# The one closing line: "N passed, M failed, K skipped" summed over every runner.
closing_line() {
  awk '{ p += $1; f += $2; s += $3 } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' \
    "$counts"/*
}
