#!/usr/bin/env bash
# Reading latency vs the raw-IMAP floor (issue 4): bench/reading.sh [--runs=30] [--warmup=30] [--cpu-runs=100] [--word=kubernetes] [...]
# Starts Vaultmail against the shared Dovecot (big@example.test, 100,000 messages in INBOX; seed it with
# seed-standard.sh once), runs org.vaultmail.bench.ReadingBenchmark, then the shared raw-imap.py as a second
# floor reference. Extra arguments go to the harness (see its options). Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
source bench/server.sh
SHARED="$(bench_shared_dir)"
word=kubernetes; runs=30
for a in "$@"; do case "$a" in --word=*) word="${a#--word=}" ;; --runs=*) runs="${a#--runs=}" ;; esac; done

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(git log -1 --format='%h %s' | cut -c1-80), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
CP="$(bench/classpath.sh)"
bench_server_start ${BENCH_SERVER_ARGS:-}
java -cp "$CP" org.vaultmail.bench.ReadingBenchmark --base="http://127.0.0.1:$BENCH_PORT" --server-pid="$BENCH_PID" "$@"
echo
echo "== floor reference: $SHARED/mailserver/raw-imap.py --ssl (Python imaplib; persistent and fresh connections)"
python3 "$SHARED/mailserver/raw-imap.py" big@example.test big-pass --ssl --reps="$runs" --word="$word"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
