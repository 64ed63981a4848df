# Sourced by ./proxist. Selects a JDK 25 and prepares the Maven wrapper. POSIX sh.

PROXIST_MAVEN_VERSION=3.9.11

die() {
  printf 'proxist: %s\n' "$*" >&2
  exit 1
}

java_major() {
  # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java")" = 25 ]; then
    return 0
  fi
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/jdk-25* /opt/java/jdk-25* /opt/jdk-25*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate/bin/java")" = 25 ]; then
      JAVA_HOME=$candidate
      export JAVA_HOME
      return 0
    fi
  done
  die "no JDK 25 found. Proxist targets Java 25: install one (for example Temurin 25 under /usr/lib/jvm) and set JAVA_HOME to it.${JAVA_HOME:+ JAVA_HOME=$JAVA_HOME is not a JDK 25.}"
}

# The Maven wrapper's distribution is resolved through the machine's Maven into the local repository,
# then the wrapper installs it from there. No download address lives in this repository.
prepare_maven() {
  m2_repo=${PROXIST_M2_REPO:-$HOME/.m2/repository}
  dist="$m2_repo/org/apache/maven/apache-maven/$PROXIST_MAVEN_VERSION/apache-maven-$PROXIST_MAVEN_VERSION-bin.zip"
  if [ ! -f "$dist" ]; then
    command -v mvn >/dev/null 2>&1 || die "Maven is needed once to fetch the pinned Maven $PROXIST_MAVEN_VERSION: install it (apt-get install maven) and retry."
    printf 'proxist: fetching Maven %s for the wrapper (once)\n' "$PROXIST_MAVEN_VERSION" >&2
    mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.9.0:get \
      -Dartifact="org.apache.maven:apache-maven:$PROXIST_MAVEN_VERSION:zip:bin" -Dtransitive=false \
      || die "could not fetch Maven $PROXIST_MAVEN_VERSION through the machine's Maven (is the Maven repository reachable?)"
  fi
  MVNW_REPOURL="file://$m2_repo"
  # The wrapper fetches with wget or curl unless credentials are set; wget cannot read file: URLs,
  # so the wrapper's own Java downloader (which can) is selected with placeholder credentials.
  MVNW_USERNAME=local
  MVNW_PASSWORD=local
  export MVNW_REPOURL MVNW_USERNAME MVNW_PASSWORD
}
