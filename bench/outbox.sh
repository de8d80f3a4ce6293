#!/usr/bin/env bash
# Accepted sends per second through the outbox API (issue 13): bench/outbox.sh [--db=h2|postgresql] [--clients=16] [--duration=30s] [...]
# Starts Vaultmail against the shared Dovecot/Postfix (bench/dovecot.yml) with the delivery worker paused, so what is
# measured is the accept path only (validation, MIME, sealing, the commit of the message and its status row), then
# runs org.vaultmail.bench.OutboxBenchmark (extra arguments go to it). --db=postgresql uses a fresh schema in the
# local PostgreSQL (127.0.0.1:5432, database test). Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
source bench/server.sh
db=h2; args=()
for a in "$@"; do case "$a" in --db=*) db="${a#--db=}" ;; *) args+=("$a") ;; esac; done
server_args=(--vaultmail.gateway.api-keys.require-second-factor=false --vaultmail.gateway.outbox.worker-enabled=false
  --vaultmail.gateway.api-keys.requests-per-minute=1000000 ${BENCH_SERVER_ARGS:-})
if [ "$db" = postgresql ]; then
  schema="bench_outbox_$(date +%s)"
  psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $schema" >/dev/null
  # ApplicationName: to find this server's backends (their CPU counts as the database's share per message)
  server_args+=(--vaultmail.db.url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema&ApplicationName=$schema" --vaultmail.db.user=postgres)
fi
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(git log -1 --format='%h %s' | cut -c1-80), db $db, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
CP="${BENCH_CP:-$(bench/classpath.sh)}"   # BENCH_CP: a classpath computed once (side-by-side runs)
bench_server_start "${server_args[@]}"
db_pids=""
if [ "$db" = postgresql ]; then
  db_pids="$(psql -h 127.0.0.1 -U postgres -d test -Atc "SELECT string_agg(pid::text, ',') FROM pg_stat_activity WHERE application_name = '$schema'")"
fi
java -cp "$CP" org.vaultmail.bench.OutboxBenchmark --base="http://127.0.0.1:$BENCH_PORT" --server-pid="$BENCH_PID" \
  ${db_pids:+--db-pids="$db_pids"} ${args[@]+"${args[@]}"}
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$db" = postgresql ]; then psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true; fi
