#!/usr/bin/env bash
# Reproduces the figures in docs/benchmarks.md: build this module, ONE JMH run, then the report.
# Needs shared-crypto in the local repository first (mvn -q -pl shared-crypto install).
# Takes about 9 minutes. Extra arguments go to JMH (e.g. a benchmark regex to run fewer).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl benchmarks package
cd benchmarks
uptime
java -jar target/benchmarks.jar -f 1 -wi 5 -w 1s -i 5 -r 1s \
  -prof io.quantaseal.benchmarks.CpuTimeProfiler -rf json -rff target/jmh.json "$@" \
  | tee target/jmh.log
uptime
# Exit status 1 if a ratio is above the 1.2 goal, 2 if a benchmark the report needs is missing.
java -cp target/benchmarks.jar io.quantaseal.benchmarks.EnvelopeOverheadReport target/jmh.json \
  | tee target/jmh-report.md
