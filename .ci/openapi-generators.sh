#!/usr/bin/env bash
# docs/openapi.yaml through openapi-generator, as a team generating its own client would run it
# (./test-all runs it; docs/openapi-generators.md shows a run):
#
#   1. `validate --recommend`: no error, and no recommendation beyond the three models that only
#      live inside envelopes (UnsealPlaintext, ProxyPlaintext and its UpstreamResponse: no
#      operation can name them, their bytes are encrypted; the generators still emit them)
#   2. `generate -g java` (the default library, okhttp-gson) into target/openapi-generators/java,
#      compiled with its own pom (`mvn compile`), then GeneratedJavaSmoke run against it
#   3. `generate -g python` into target/openapi-generators/python, `python -m compileall`, its
#      requirements.txt installed into a venv of its own, the package imported and
#      generated_python_smoke.py run against it
#
# Never --skip-validate-spec. The CLI jar comes from Maven Central (dependency:copy, cached in
# target/openapi-generators/). Output of each tool goes to target/openapi-generators/*.log; what
# is printed is one line per check. With QS_COUNTS_FILE set, writes "PASSED FAILED SKIPPED" there.
#
#   .ci/openapi-generators.sh
#   QS_OPENAPI_GENERATOR_VERSION=7.25.0 .ci/openapi-generators.sh
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/.ci/openapi-generators"
out="$root/target/openapi-generators"
spec="$root/docs/openapi.yaml"
version="${QS_OPENAPI_GENERATOR_VERSION:-7.25.0}"
jar="$out/openapi-generator-cli-$version.jar"
python="${PYTHON:-python3}"
mkdir -p "$out"

passed=0
failed=0
skipped=0
finish() {
  [[ -n "${QS_COUNTS_FILE:-}" ]] && echo "$passed $failed $skipped" >"$QS_COUNTS_FILE"
  echo "openapi-generators: $passed passed, $failed failed, $skipped skipped (logs: target/openapi-generators/)"
  exit $((failed > 0 ? 1 : 0))
}
# check NAME LOG COMMAND...: runs COMMAND with its output in LOG; on failure shows LOG's tail.
check() {
  local name="$1" log="$2" t0=$SECONDS
  shift 2
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    printf '  ok    %3ss  %s\n' $((SECONDS - t0)) "$name"
  else
    failed=$((failed + 1))
    printf '  FAIL  %3ss  %s (%s)\n' $((SECONDS - t0)) "$name" "${log#"$root"/}"
    tail -n 30 "$log" | sed 's/^/        /'
    return 1
  fi
}
# skip NAME REASON: a check that cannot run because an earlier one failed.
skip() {
  skipped=$((skipped + 1))
  printf '  skip        %s (%s)\n' "$1" "$2"
}

fetch_cli() {
  [[ -s "$jar" ]] && { echo "cached: $jar"; return 0; }
  # From $out: outside the repository's pom, no project is resolved for it.
  (cd "$out" && mvn -B -ntp -q dependency:copy \
    -Dartifact="org.openapitools:openapi-generator-cli:$version" -DoutputDirectory="$out")
}

validate() {
  java -jar "$jar" validate --recommend -i "$spec" | tee "$out/validate.txt"
  [[ ${PIPESTATUS[0]} -eq 0 ]] || return 1
  # No error (validate exited 0). A recommendation beyond the expected ones is a regression.
  grep -E '^\s+- ' "$out/validate.txt" | sed -E 's/^\s+- //' | sort >"$out/recommendations.txt"
  printf '%s\n' "Unused model: ProxyPlaintext" "Unused model: UnsealPlaintext" \
    "Unused model: UpstreamResponse" | diff -u - "$out/recommendations.txt"
}

generate() {
  local generator="$1" dir="$2"
  shift 2
  rm -rf "$dir"
  java -jar "$jar" generate -i "$spec" -g "$generator" -o "$dir" \
    --additional-properties=hideGenerationTimestamp=true "$@"
}

java_compile() {
  # The generated pom as is; -nsu: no snapshot lookups, so a warm ~/.m2 needs no network.
  (cd "$out/java" && mvn -B -ntp -nsu -q compile dependency:build-classpath \
    -Dmdep.outputFile="$out/java/classpath.txt")
}

java_smoke() {
  java -cp "$out/java/target/classes:$(cat "$out/java/classpath.txt")" \
    "$here/GeneratedJavaSmoke.java"
}

python_compile() {
  "$python" -m compileall -q "$out/python/quantaseal_openapi" && echo "compileall: ok"
}

python_venv() {
  # A venv of the generated package's own requirements, rebuilt only when they change.
  local venv="$out/python-venv" want
  want="$({ cat "$out/python/requirements.txt"; "$python" --version; } | sha256sum | cut -d' ' -f1)"
  if [[ -f "$venv/.requirements.sha256" && "$(cat "$venv/.requirements.sha256")" == "$want" ]]; then
    echo "cached: $venv"
    return 0
  fi
  rm -rf "$venv"
  "$python" -m venv "$venv" &&
    "$venv/bin/pip" install --disable-pip-version-check --no-input -q \
      -r "$out/python/requirements.txt" &&
    "$venv/bin/pip" list --disable-pip-version-check &&
    echo "$want" >"$venv/.requirements.sha256"
}

python_smoke() {
  (cd "$out/python" && PYTHONPATH=. "$out/python-venv/bin/python" -c 'import quantaseal_openapi' &&
    PYTHONPATH=. "$out/python-venv/bin/python" "$here/generated_python_smoke.py")
}

echo "openapi-generator $version on docs/openapi.yaml"
if ! check "openapi-generator-cli $version from Maven Central" "$out/fetch.log" fetch_cli; then
  for c in validate "java generate" "java compile" "java smoke" "python generate" \
    "python compileall" "python venv" "python import and smoke"; do skip "$c" "no CLI jar"; done
  finish
fi
check "validate --recommend: no error, only the expected recommendations" "$out/validate.log" validate

if check "generate -g java (okhttp-gson)" "$out/java-generate.log" generate java "$out/java" \
  --additional-properties=groupId=io.quantaseal,artifactId=quantaseal-openapi-java \
  --additional-properties=invokerPackage=io.quantaseal.openapi,apiPackage=io.quantaseal.openapi.api \
  --additional-properties=modelPackage=io.quantaseal.openapi.model; then
  if check "java: mvn compile of the generated pom" "$out/java-compile.log" java_compile; then
    check "java: GeneratedJavaSmoke against the generated models" "$out/java-smoke.log" java_smoke
    grep -h 'checks passed' "$out/java-smoke.log" | sed 's/^/        /'
  else
    skip "java smoke" "it did not compile"
  fi
else
  skip "java compile" "nothing generated"
  skip "java smoke" "nothing generated"
fi

if check "generate -g python" "$out/python-generate.log" generate python "$out/python" \
  --package-name quantaseal_openapi; then
  check "python: compileall" "$out/python-compile.log" python_compile
  if check "python: venv with the generated requirements.txt" "$out/python-venv.log" python_venv; then
    check "python: import quantaseal_openapi, generated_python_smoke.py" "$out/python-smoke.log" \
      python_smoke
    grep -h 'checks passed' "$out/python-smoke.log" | sed 's/^/        /'
  else
    skip "python import and smoke" "no venv"
  fi
else
  for c in "python compileall" "python venv" "python import and smoke"; do
    skip "$c" "nothing generated"
  done
fi
echo "models: $(cd "$out/java/src/main/java/io/quantaseal/openapi/model" 2>/dev/null && ls | sed 's/\.java$//' | grep -v '^AbstractOpenApiSchema$' | tr '\n' ' ')"
finish
