#!/bin/sh
# Seam queries end to end (io.proxist.bench.seam.SeamBench): a hot set of trades loaded and flushed, then last-by,
# last-N, VWAP bars and last-by-all through Proxist (native and HTTP) next to the same queries on the backing
# ClickHouse over the same rows. Markdown on standard output, progress on standard error.
#
# Build first (from the repository root):
#   ./proxist mvn -B -Dspotless.check.skip=true -Dmaven.test.skip=true -q install
# then, for example:
#   bench/run-seam-bench.sh --symbols=1000 --rows=10000 | tee bench/target/seam-bench.md
set -eu
exec "$(dirname "$0")/run-main.sh" io.proxist.bench.seam.SeamBench "$@"
