#!/usr/bin/env bash
# Migration through the product's own CLI (issue 14): bench/migrate-cli.sh [--port=1143] [--reruns=2]
# What an operator runs, each step a fresh process: `./vaultmail migrate add` + `./vaultmail migrate run ID` for a cold
# copy of mig-bench-src into an emptied mig-bench-dst, then the same for a rerun with no change (a new job for the same
# pair, which resumes from the pair's sync state). Each `run` is timed from the shell (wall clock), so it includes the
# JVM's and Spring Boot's start, the embedded H2 database of a temporary data directory, the job's sealed credentials,
# its claim, the engine and the stored report. Seed the source first with bench/migrate.sh (or --keep-source there).
# Needs root (doveadm) and the shared Dovecot; passwords come from files, never from the command line.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=mig-bench-src@example.test DST=mig-bench-dst@example.test
port=1143; reruns=2
for a in "$@"; do case "$a" in
  --port=*) port="${a#--port=}" ;; --reruns=*) reruns="${a#--reruns=}" ;;
  *) echo "unknown option $a" >&2; exit 2 ;; esac; done
work="$(mktemp -d /tmp/vaultmail-migrate-cli.XXXXXX)"; [ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
umask 077
printf '%s' "${SRC%@*}-pass" > "$work/src.pass"; printf '%s' "${DST%@*}-pass" > "$work/dst.pass"
cat > "$work/vaultmail.yml" <<YML
vaultmail:
  domains:
    - domain: example.test
      imap: { host: 127.0.0.1, port: $port, security: plain }
      smtp: { host: 127.0.0.1, port: 1025, security: plain }
YML
./vaultmail build >/dev/null
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(git log -1 --format='%h' ), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "source: $(doveadm mailbox status -u "$SRC" -t 'messages vsize' '*' | tr '\n' ' ')"
vm() { ./vaultmail "$@" --config="$work/vaultmail.yml" --data-dir="$work/data"; }
add() { vm migrate add --from "$SRC" --from-password-file "$work/src.pass" --to "$DST" --to-password-file "$work/dst.pass" 2>"$work/add.err" | tail -1; }
timed_run() { # label: adds a job, runs it to the end in a fresh process, prints wall seconds and the job's totals
  local id start end
  id="$(add)"
  start=$(date +%s.%N)
  vm migrate run "$id" > "$work/$1.out" 2>&1 || { echo "$1: migrate run failed:"; tail -5 "$work/$1.out"; exit 1; }
  end=$(date +%s.%N)
  printf '%-8s wall %6.2f s   %s\n' "$1" "$(echo "$end - $start" | bc)" \
    "$(vm migrate status "$id" --json 2>/dev/null | python3 -c "import json,sys; j=json.loads([l for l in sys.stdin if l.startswith('{')][-1]); print('state=%s copied=%s failed=%s' % (j['state'], j['copied'], j['failed']))")"
}
doveadm expunge -u "$DST" mailbox '*' all >/dev/null 2>&1 || true
doveadm mailbox list -u "$DST" | sort -r | while read -r f; do [ "$f" = INBOX ] || doveadm mailbox delete -s -u "$DST" "$f" >/dev/null 2>&1 || true; done
timed_run cold
for i in $(seq "$reruns"); do timed_run "rerun$i"; done
# the floor of any `./vaultmail` command: the launcher's build check, the JVM and Spring Boot's start and stop
start=$(date +%s.%N); vm migrate status does-not-exist >/dev/null 2>&1 || true; end=$(date +%s.%N)
printf '%-8s wall %6.2f s   (migrate status of an unknown job: the start and stop of a CLI process)\n' floor "$(echo "$end - $start" | bc)"
