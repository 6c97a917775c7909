#!/usr/bin/env bash
# Proves that a restart of the local runtime loses nothing: with the runtime up, produce N Kafka records
# (idempotent producer, acks=all, every ack awaited) and commit N PostgreSQL rows, then
# `./fieldcast down && ./fieldcast up`, then read them all back. Exit 0 when all N of each are there exactly once.
#
#   infra/local-runtime/scripts/restart-durability.sh [N]      (default N=1000)
#
# It acts on the runtime of FIELDCAST_HOME (default <repo>/.fieldcast), restarting it: services connected to it
# see a short outage. It writes only to its own topic (fieldcast.local.durability-check) and table
# (durability_check). If the runtime was down at the start, it is left down at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
N=${1:-1000}
export FIELDCAST_HOME="${FIELDCAST_HOME:-$ROOT/.fieldcast}"
fieldcast() { "$ROOT/fieldcast" "$@"; }
check() { fieldcast run infra/local-runtime io.fieldcast.infra.local.DurabilityCheck "$@"; }
load_env() {
    set -a
    # shellcheck disable=SC1091
    . "$FIELDCAST_HOME/runtime.env"
    set +a
}

was_up=true
fieldcast status >/dev/null 2>&1 || was_up=false

fieldcast up
load_env
run_id=$(check write "$N")
echo "wrote $N records and $N rows as run $run_id; restarting"

fieldcast down
fieldcast up
load_env
result=0
check verify "$run_id" "$N" || result=$?

if [[ "$was_up" == false ]]; then
    fieldcast down
fi
if [[ $result -eq 0 ]]; then
    echo "restart-durability: OK, nothing lost"
else
    echo "restart-durability: FAILED, records or rows missing" >&2
fi
exit $result
