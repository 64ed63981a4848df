#!/bin/sh
# Runs the native TCP protocol benchmark (io.proxist.bench.tcp.NativeLatencyBench): a managed ClickHouse, Proxist
# in front of it serving the native protocol, both measured side by side with the same client
# (clickhouse-native-jdbc). Arguments go to the benchmark (--help lists them); Markdown tables on standard output,
# progress on standard error.
#
# Build first (from the repository root):
#   ./proxist mvn -B -Dspotless.check.skip=true -Dmaven.test.skip=true -q install
# then, for example:
#   bench/run-native-bench.sh --repeat=3 | tee bench/target/native-bench.md
set -eu
exec "$(dirname "$0")/run-main.sh" io.proxist.bench.tcp.NativeLatencyBench "$@"
