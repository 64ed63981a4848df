#!/bin/sh
# Runs the durable-ingest benchmarks (io.proxist.bench.ingest.IngestBench): Java API throughput through the WAL and
# the hot store, acknowledgement latency (async, sync) next to the disk's raw fdatasync, hot-store memory per row,
# and persistence lag at a sustained rate through Proxist and its managed ClickHouse. Markdown tables on standard
# output, progress on standard error.
#
# Build first (from the repository root):
#   ./proxist mvn -B -Dspotless.check.skip=true -Dmaven.test.skip=true -q install
# then, for example:
#   bench/run-ingest-bench.sh --lag-seconds=60 --lag-rate=25000 | tee bench/target/ingest-bench.md
set -eu
exec "$(dirname "$0")/run-main.sh" io.proxist.bench.ingest.IngestBench "$@"
