#!/bin/sh
# Runs the HTTP interface benchmark (io.proxist.bench.http.HttpLatencyBench): a managed ClickHouse, Proxist in
# front of it, both measured side by side. Arguments go to the benchmark (--help lists them); Markdown tables on
# standard output, progress on standard error.
#
# Build first (from the repository root):
#   ./proxist mvn -B -Dspotless.check.skip=true -Dmaven.test.skip=true -q install
# then, for example:
#   bench/run-http-bench.sh --repeat=3 | tee bench/target/http-bench.md
set -eu
exec "$(dirname "$0")/run-main.sh" io.proxist.bench.http.HttpLatencyBench "$@"
