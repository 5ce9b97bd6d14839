#!/usr/bin/env bash
# Reproduces the figures in docs/benchmarks.md: build this module, ONE JMH run, then the report.
# Needs shared-crypto in the local repository first (mvn -q -pl shared-crypto install).
# Takes about 9 minutes. Extra arguments go to JMH (e.g. a benchmark regex to run fewer).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl benchmarks package
cd benchmarks
uptime
# Warm-up and measurement come from the classes: 4 (EnvelopeBenchmarks: 15) x 1 s, then 5 x 1 s.
java -jar target/benchmarks.jar \
  -prof io.quantaseal.benchmarks.CpuTimeProfiler -rf json -rff target/jmh.json "$@" \
  | tee target/jmh.log
uptime
# Exit status 1 if a ratio is above the 1.2 goal, 2 if a benchmark the report needs is missing.
java -cp target/benchmarks.jar io.quantaseal.benchmarks.EnvelopeOverheadReport target/jmh.json \
  | tee target/jmh-report.md
