#!/bin/sh
# Runs one main class of the bench module on JDK 25: bench/run-main.sh <class> [arguments...]. Used by the
# run-*-bench.sh scripts.
#
# The Proxist jars of the classpath are copied aside first, so that a concurrent `mvn install` cannot change
# them under a running benchmark.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/env.sh
select_jdk
MAIN=$1
shift
[ -f "bench/target/classes/$(echo "$MAIN" | tr . /).class" ] || die "bench is not built: run ./proxist mvn -B -Dspotless.check.skip=true -Dmaven.test.skip=true -q install"
CP_FILE="$ROOT/bench/target/bench.classpath"
./proxist mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >&2
SNAPSHOT=$(mktemp -d "${TMPDIR:-/tmp}/proxist-bench-lib.XXXXXX")
trap 'rm -rf "$SNAPSHOT"' EXIT INT TERM
cp -r bench/target/classes "$SNAPSHOT/classes"
CP="$SNAPSHOT/classes"
OLD_IFS=$IFS
IFS=:
for jar in $(cat "$CP_FILE"); do
  case "$jar" in
    */io/proxist/*) cp "$jar" "$SNAPSHOT/" && CP="$CP:$SNAPSHOT/$(basename "$jar")" ;;
    *) CP="$CP:$jar" ;;
  esac
done
IFS=$OLD_IFS
"$JAVA_HOME/bin/java" \
  -Dchronicle.analytics.disable=true --enable-native-access=ALL-UNNAMED \
  ${BENCH_JAVA_OPTS:-} \
  -cp "$CP" \
  "$MAIN" "$@"
