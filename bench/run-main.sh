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
# Chronicle Map's flags (the metadata store of a Proxist started in the benchmark JVM), as the server's launcher has
# them expanded from the parent pom's chronicle.jvm.args
CHRONICLE_FLAGS=$(sed -n 's/.*\${PROXIST_JAVA_OPTS:-} \(.*\) -cp .*/\1/p' server/target/dist/bin/proxist-server)
[ -n "$CHRONICLE_FLAGS" ] || die "server/target/dist/bin/proxist-server is missing: build first"
"$JAVA_HOME/bin/java" \
  $CHRONICLE_FLAGS \
  ${BENCH_JAVA_OPTS:-} \
  -cp "$CP" \
  "$MAIN" "$@"
