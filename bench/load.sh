#!/usr/bin/env bash
# 200 concurrent reading sessions (issue 4): bench/load.sh [--sessions=200] [--duration=2m] [--warmup=15s] [--pages=3] [...]
# Adds BENCH_USERS users bench1..N@example.test (password benchN-pass) to the shared Dovecot and seeds each
# INBOX with BENCH_USER_MESSAGES messages (once: --keep), starts Vaultmail, runs
# org.vaultmail.bench.LoadBenchmark (extra arguments go to it) and reports Dovecot's connections too.
# BENCH_IMAP_SECURITY/BENCH_IMAP_PORT: default plain IMAP on 1143 (see docs/benchmarks.md: over IMAPS the test
# Dovecot serves at most 100 connections, one imap-login process each); BENCH_IMAP_SECURITY=tls for IMAPS 1993.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
source bench/server.sh
SHARED="$(bench_shared_dir)"
N="${BENCH_USERS:-8}"
MESSAGES="${BENCH_USER_MESSAGES:-10000}"
export BENCH_IMAP_SECURITY="${BENCH_IMAP_SECURITY:-plain}"
if [ "$BENCH_IMAP_SECURITY" = plain ]; then export BENCH_IMAP_PORT="${BENCH_IMAP_PORT:-1143}"; else export BENCH_IMAP_PORT="${BENCH_IMAP_PORT:-1993}"; fi

bench_users=(); for i in $(seq 1 "$N"); do bench_users+=("bench$i@example.test:bench$i-pass"); done
# mailserver-up.sh rewrites the user list from MAILSERVER_USERS: keep every extra user already there, add ours.
# The tests' DovecotFixture reruns it without them, which removes the bench users again: so this runs after the
# server start, right before the sessions sign in (their IMAP connections then stay open for the run).
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(git log -1 --format='%h %s' | cut -c1-80), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
CP="$(bench/classpath.sh)"
bench_server_start ${BENCH_SERVER_ARGS:-}
very_dirty="$(doveconf -h maildir_very_dirty_syncs 2>/dev/null || echo no)"
extra=$(awk -F: '!/^(alice|bob|big)@example.test:/ { sub(/^\{PLAIN\}/, "", $2); print $1 ":" $2 }' /etc/dovecot/vaultmail-test/users 2>/dev/null || true)
all_users="$(printf '%s\n' $extra "${bench_users[@]}" | sort -u | tr '\n' ' ')"
echo "== adding ${N} bench users to Dovecot (maildir_very_dirty_syncs stays $very_dirty) and seeding ${MESSAGES} messages each" >&2
# Under the lock the tests' DovecotFixture takes around these scripts: a Java FileChannel lock is a POSIX
# (fcntl) lock, which flock(1) does not see, so take it the same way from Python.
export all_users very_dirty SHARED N MESSAGES
python3 -c 'import fcntl, subprocess, sys
with open(sys.argv[1], "a") as f:
    fcntl.lockf(f, fcntl.LOCK_EX)
    sys.exit(subprocess.call(sys.argv[2:]))' "${TMPDIR:-/tmp}/vaultmail-mailserver.lock" bash -c '
  set -euo pipefail
  MAILSERVER_USERS="$all_users" MAILDIR_VERY_DIRTY_SYNCS="$very_dirty" bash "$SHARED/mailserver/mailserver-up.sh" >/dev/null
  for i in $(seq 1 "$N"); do python3 "$SHARED/mailserver/seed-mailbox.py" "bench$i@example.test" "$MESSAGES" INBOX --keep | sed -n 1p; done' >&2
echo "server IMAP: example.test on 127.0.0.1:$BENCH_IMAP_PORT ($BENCH_IMAP_SECURITY); JVM options: $BENCH_JAVA_OPTS"

# Dovecot's side: established connections to its IMAP port, every 2 s
( while kill -0 "$BENCH_PID" 2>/dev/null; do
    ss -Htn state established "( sport = :$BENCH_IMAP_PORT )" | wc -l; sleep 2
  done ) > "$BENCH_DIR/imap-connections.txt" 2>/dev/null &
sampler=$!

java -cp "$CP" org.vaultmail.bench.LoadBenchmark --base="http://127.0.0.1:$BENCH_PORT" --server-pid="$BENCH_PID" \
  --users="$(printf '%s,' "${bench_users[@]}")" --dump-dir="$BENCH_DIR" "$@" || status=$?
kill "$sampler" 2>/dev/null || true
echo "Dovecot IMAP connections on :$BENCH_IMAP_PORT (all clients, sampled every 2 s): max $(sort -n "$BENCH_DIR/imap-connections.txt" | tail -1)"
echo "server log: $(grep -c ' WARN \| ERROR ' "$BENCH_DIR/server.log" || true) WARN/ERROR lines"
grep ' WARN \| ERROR ' "$BENCH_DIR/server.log" | cut -c1-300 | sort | uniq -c | sort -rn | head -5 || true
exit "${status:-0}"
