#!/bin/sh
# Runs the JMH benchmarks of bench (org.openjdk.jmh.Main); arguments go to JMH, for example:
#   bench/run-jmh.sh EncodeBench -prof gc
# Build first (from the repository root):
#   ./proxist mvn -B -Dspotless.check.skip=true -Dmaven.test.skip=true -q install
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/env.sh
select_jdk
[ -f bench/target/classes/META-INF/BenchmarkList ] || die "bench is not built: run ./proxist mvn -B -Dspotless.check.skip=true -Dmaven.test.skip=true -q install"
CP_FILE="$ROOT/bench/target/bench.classpath"
./proxist mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >&2
exec "$JAVA_HOME/bin/java" \
  -Dchronicle.analytics.disable=true --enable-native-access=ALL-UNNAMED \
  -cp "$ROOT/bench/target/classes:$(cat "$CP_FILE")" \
  org.openjdk.jmh.Main "$@"
