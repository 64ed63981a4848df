#!/bin/sh
# Runs a ClickHouse server as this script's child and ties its life to Proxist's.
# Usage: supervise.sh GRACE_SECONDS COMMAND [ARGS...]
# Proxist holds this script's standard input open. When it ends (Proxist stopped it, or Proxist died,
# even by SIGKILL: the kernel closes the pipe), the server gets SIGTERM and, if it is still running
# GRACE_SECONDS later, SIGKILL. The script exits with the server.
grace=$1
shift
# an asynchronous list gets /dev/null as its standard input, so keep Proxist's pipe on fd 3 for the watcher
exec 3<&0
"$@" </dev/null 3<&- &
server=$!
(
  cat <&3 >/dev/null
  kill -TERM "$server" 2>/dev/null || exit 0
  timeout "$grace" tail --pid="$server" -f /dev/null >/dev/null 2>&1 || kill -KILL "$server" 2>/dev/null
) &
exec 3<&-
wait "$server"
