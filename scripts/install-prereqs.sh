#!/bin/sh
# Installs what Proxist needs where it is missing. Usage: install-prereqs.sh server|all
#   server: a ClickHouse server binary (for the embedded default)
#   all:    + clickhouse-client, python3-clickhouse-driver with the lz4 and zstd modules its compression needs,
#           tmux (the interactive clickhouse-client test), promtool (Debian's prometheus package: the alert rule
#           tests of deploy/), the npm client packages of the compatibility tests
set -eu
what=${1:-all}
cd "$(dirname "$0")/.."

say() { printf 'proxist: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

have_ch_server() {
  command -v clickhouse-server >/dev/null 2>&1 || [ -x /usr/sbin/clickhouse-server ] || [ -x /usr/bin/clickhouse ] \
    || command -v clickhouse >/dev/null 2>&1
}
have_ch_client() {
  command -v clickhouse-client >/dev/null 2>&1 || [ -x /usr/bin/clickhouse-client ]
}
# The native-protocol tests run Debian's driver with /usr/bin/python3 (a python3 earlier on PATH may not see Debian's
# modules). Its cityhash module (clickhouse-cityhash) is not packaged in Debian; integration-tests/python/cityhash_fallback
# stands in for it.
have_py_module() {
  /usr/bin/python3 -c "import $1" >/dev/null 2>&1
}
have_tmux() {
  command -v tmux >/dev/null 2>&1 || [ -x /usr/bin/tmux ]
}
# promtool checks and unit-tests deploy/prometheus's alert rules (MetricsAlertRulesTest); Debian ships it in prometheus
have_promtool() {
  command -v promtool >/dev/null 2>&1 || [ -x /usr/bin/promtool ]
}

missing=""
have_ch_server || missing="$missing clickhouse-server"
if [ "$what" = all ]; then
  have_ch_client || missing="$missing clickhouse-client"
  have_py_module clickhouse_driver || missing="$missing python3-clickhouse-driver"
  have_py_module lz4.block || missing="$missing python3-lz4"
  have_py_module zstd || missing="$missing python3-zstd"
  have_tmux || missing="$missing tmux"
  have_promtool || missing="$missing prometheus"
fi

if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    die "missing Debian packages:$missing. Install them as root: apt-get install$missing"
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing:$missing, and apt-get is not available to install them; install ClickHouse 18.16+, the Python clickhouse-driver with lz4 and zstd, tmux and promtool by other means"
  say "installing Debian packages:$missing"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || die "apt-get update failed: check the machine's Debian package sources"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null || die "apt-get install$missing failed"
  fi
fi

if [ "$what" = all ]; then
  node_dir=integration-tests/node
  if [ ! -d "$node_dir/node_modules/@clickhouse/client" ]; then
    command -v npm >/dev/null 2>&1 || die "npm is missing: install Node.js and npm (apt-get install nodejs npm) for the @clickhouse/client compatibility tests"
    say "installing the npm packages of the compatibility tests"
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci in $node_dir failed (is the npm registry reachable?)"
  fi
fi
