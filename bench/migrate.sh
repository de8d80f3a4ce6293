#!/usr/bin/env bash
# Migration benchmark (issue 14): bench/migrate.sh [--tools=mbsync,vaultmail] [--messages=20000] [--keep-source] [--server=private|shared]
# Seeds a reproducible source (bench/migrate-seed.py: 20,000 messages, about 300 MB, 10 folders, flags, keywords,
# \Deleted, arrival dates) in mig-bench-src on the shared Dovecot (127.0.0.1:1143), then for each tool: empties
# mig-bench-dst, copies cold, verifies, copies again (rerun, no change), verifies. Each pass runs under
# bench/migrate-measure.py (wall clock, the client's CPU from wait4, the Dovecot imap processes' CPU for both users
# from /proc). The verifier is org.vaultmail.bench.MigrationBench --mode=verify (MailboxVerifier: raw SHA-256,
# flags and keywords, INTERNALDATE, counts). Vaultmail's engine runs with -Xmx256m, its heap peak from JMX and a GC
# log. mbsync is Debian's isync, configured to keep arrival dates (CopyArrivalDate yes), pull only. Results: one table.
# --server=private (the default) runs the copies against a Dovecot of the bench's own on 127.0.0.1:1144: the same
# Dovecot, maildirs (/var/lib/testmail/USER), namespace and special folders as the shared server, but nobody else's
# test JVM reloads it (each reload of the shared one ends every open session) and its CPU is the bench's alone.
# --server=shared uses the shared server on 1143 (a pass that a reload broke is run again, up to 3 times).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
SRC=mig-bench-src@example.test DST=mig-bench-dst@example.test
tools=mbsync,vaultmail; messages=20000; keep=no; server=private
for a in "$@"; do case "$a" in
  --tools=*) tools="${a#--tools=}" ;; --messages=*) messages="${a#--messages=}" ;; --keep-source) keep=yes ;; --server=*) server="${a#--server=}" ;;
  *) echo "unknown option $a" >&2; exit 2 ;; esac; done
work="$(mktemp -d /tmp/vaultmail-migrate-bench.XXXXXX)"; [ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT   # BENCH_KEEP=1 keeps logs
umask 077
printf '%s' "${SRC%@*}-pass" > "$work/src.pass"; printf '%s' "${DST%@*}-pass" > "$work/dst.pass"   # test accounts' passwords

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(git log -1 --format='%h %s' | cut -c1-80), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if ! doveadm user "$SRC" >/dev/null 2>&1 || ! doveadm user "$DST" >/dev/null 2>&1; then
  # a test JVM's mailserver-up.sh run without the migration accounts removed them: add them back
  MAILSERVER_USERS="$(tr '\n' ' ' < src/test/resources/migrate/test-users.txt)" bash ../shared/mailserver/mailserver-up.sh >/dev/null
fi
have="$(doveadm mailbox status -u "$SRC" -t messages '*' 2>/dev/null | sed 's/messages=//' || echo 0)"
if [ "$keep" = yes ] && [ "$have" = "$messages" ]; then echo "source: kept ($have messages)"
else python3 bench/migrate-seed.py "$SRC" --messages="$messages"; fi
src_bytes="$(doveadm mailbox status -u "$SRC" -t vsize '*' | sed 's/vsize=//')"
CP="${BENCH_CP:-$(bench/classpath.sh)}"
port=1143
if [ "$server" = private ]; then
  port=1144; d="$work/dovecot"; mkdir -p "$d"; chmod 755 "$work" "$d"
  grep -E "^($SRC|$DST):" /etc/dovecot/vaultmail-test/users > "$d/users"; chmod 644 "$d/users"
  cat > "$d/dovecot.conf" <<CONF
instance_name = vaultmail-migrate-bench
base_dir = $d/run
state_dir = $d/state
protocols = imap
listen = 127.0.0.1
log_path = $d/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:/var/lib/testmail/%u
mail_max_userip_connections = 100
first_valid_uid = $(id -u vmail)
last_valid_uid = $(id -u vmail)
passdb {
  driver = passwd-file
  args = scheme=PLAIN $d/users
}
userdb {
  driver = static
  args = uid=$(id -u vmail) gid=$(id -g vmail) home=/var/lib/testmail/%u
}
namespace inbox {
  inbox = yes
  prefix =
  separator = /
  mailbox Drafts {
    auto = subscribe
    special_use = \Drafts
  }
  mailbox Junk {
    auto = subscribe
    special_use = \Junk
  }
  mailbox Sent {
    auto = subscribe
    special_use = \Sent
  }
  mailbox Trash {
    auto = subscribe
    special_use = \Trash
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
CONF
  /usr/sbin/dovecot -c "$d/dovecot.conf"
  trap 'doveadm -c "$work/dovecot/dovecot.conf" stop >/dev/null 2>&1 || true; [ -n "${BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT
  for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
  echo "server: a private Dovecot on 127.0.0.1:$port over the shared server's maildirs ($(dovecot --version | cut -d' ' -f1))"
else
  echo "server: the shared Dovecot on 127.0.0.1:$port"
fi

empty_destination() {
  doveadm expunge -u "$DST" mailbox '*' all >/dev/null 2>&1 || true
  doveadm mailbox list -u "$DST" | sort -r | while read -r f; do
    [ "$f" = INBOX ] || doveadm mailbox delete -s -u "$DST" "$f" >/dev/null 2>&1 || true
  done
}
reloads() { [ "$server" = private ] && echo 0 || grep -c 'SIGHUP received' /var/log/dovecot.log 2>/dev/null || true; }
# The shared Dovecot is reloaded whenever a test JVM starts (DovecotFixture runs mailserver-up.sh), and a reload ends
# open sessions ("BYE Server shutting down"): a pass that failed or saw a reload is run again (up to 3 times; a cold
# pass from an empty destination), and the table says how many attempts it took.
measure() { # label prepare-command command...
  local label="$1" prepare="$2"; shift 2
  local attempt r0
  for attempt in 1 2 3; do
    $prepare
    r0="$(reloads)"
    if python3 bench/migrate-measure.py --users="$SRC,$DST" --out="$work/$label.json" -- "$@" > "$work/$label.out" 2>&1 \
       && [ "$(reloads)" = "$r0" ]; then break; fi
    echo "  [$label] attempt $attempt failed or saw a Dovecot reload: $(tail -2 "$work/$label.out" | tr '\n' ' ' | cut -c1-200)"
  done
  echo "$attempt" > "$work/$label.attempts"
  grep -v 'Password is being sent in the clear' "$work/$label.out" | tail -3 | sed "s/^/  [$label] /" || true
}
verify() { # label
  local attempt
  for attempt in 1 2 3; do
    java -Xmx256m -cp "$CP" org.vaultmail.bench.MigrationBench --mode=verify --port="$port" --source="$SRC" --destination="$DST" \
      --source-password-file="$work/src.pass" --destination-password-file="$work/dst.pass" > "$work/$1.verify" 2>&1 && break
  done
  { grep -E '^VERIFY|e\.g\.' "$work/$1.verify" || tail -3 "$work/$1.verify"; } | head -8 | sed "s/^/  [$1] /" || true
}
none() { :; }
reset_mbsync() { empty_destination; rm -rf "$work/mbsync-state"; mkdir -p "$work/mbsync-state"; }
reset_vaultmail() { empty_destination; rm -f "$work/vaultmail-state.txt"; }

if [[ ",$tools," == *,mbsync,* ]]; then
  mkdir -p "$work/mbsync-state"
  cat > "$work/mbsyncrc" <<RC
IMAPAccount far
Host 127.0.0.1
Port $port
User $SRC
PassCmd "cat $work/src.pass"
SSLType None
AuthMechs LOGIN

IMAPStore far
Account far

IMAPAccount near
Host 127.0.0.1
Port $port
User $DST
PassCmd "cat $work/dst.pass"
SSLType None
AuthMechs LOGIN

IMAPStore near
Account near

Channel bench
Far :far:
Near :near:
Patterns *
Create Near
Remove None
Expunge None
Sync Pull
CopyArrivalDate yes
SyncState $work/mbsync-state/
RC
  echo "mbsync: $(mbsync --version)"
  measure mbsync-cold reset_mbsync mbsync -q -c "$work/mbsyncrc" bench
  verify mbsync-cold
  measure mbsync-rerun none mbsync -q -c "$work/mbsyncrc" bench
  verify mbsync-rerun
fi

if [[ ",$tools," == *,vaultmail,* ]]; then
  for pass in cold rerun; do
    prepare=none; [ "$pass" = cold ] && prepare=reset_vaultmail
    measure "vaultmail-$pass" "$prepare" java -Xmx256m -Xlog:gc:file="$work/gc-$pass.log" -cp "$CP" org.vaultmail.bench.MigrationBench \
      --mode=engine --port="$port" --source="$SRC" --destination="$DST" --state="$work/vaultmail-state.txt" \
      --source-password-file="$work/src.pass" --destination-password-file="$work/dst.pass"
    verify "vaultmail-$pass"
  done
fi

python3 - "$work" "$messages" "$src_bytes" <<'PY'
import json, os, re, sys
work, n, nbytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print(f"\nsource: {n} messages, {nbytes / 1e6:.0f} MB; MB = 10^6 bytes; rates are the source's messages and bytes over the wall clock")
print("heap: the largest live heap after a GC (GC log) / the JMX sum of the heap pools' peaks (an upper bound), -Xmx256m")
print(f"{'tool':10} {'pass':6} {'wall s':>7} {'msg/s':>8} {'MB/s':>6} {'client CPU s':>12} {'server CPU s':>12} {'heap MB':>9}  verifier")
for tool in ("mbsync", "vaultmail"):
    for p in ("cold", "rerun"):
        f = f"{work}/{tool}-{p}.json"
        if not os.path.exists(f): continue
        m = json.load(open(f))
        out = open(f"{work}/{tool}-{p}.out").read() if os.path.exists(f"{work}/{tool}-{p}.out") else ""
        heap = re.search(r"heap_peak_mb=(\d+)", out)
        gc = f"{work}/gc-{p}.log"
        live = [int(b) for _, b in re.findall(r"(\d+)M->(\d+)M\(", open(gc).read())] if tool == "vaultmail" and os.path.exists(gc) else []
        heap = f"{max(live) if live else '-'}/{heap.group(1)}" if heap else "-"
        v = open(f"{work}/{tool}-{p}.verify").read() if os.path.exists(f"{work}/{tool}-{p}.verify") else ""
        vl = next((l[7:] for l in v.splitlines() if l.startswith("VERIFY ")), "not run")
        vl = re.sub(r" source=\d+ destination=(\d+) seconds=.*", r" dst=\1", vl).replace("_or_changed", "")
        w = max(m["wall_s"], 0.01)
        status = "" if m["exit"] == 0 else f" (exit {m['exit']})"
        tries = open(f"{work}/{tool}-{p}.attempts").read().strip() if os.path.exists(f"{work}/{tool}-{p}.attempts") else "1"
        status += "" if tries == "1" else f" (attempt {tries})"
        print(f"{tool:10} {p:6} {w:7.1f} {n / w:8.0f} {nbytes / 1e6 / w:6.1f} {m['client_cpu_s']:12.1f} {m['server_cpu_s']:12.1f} "
              f"{heap:>9}  {vl}{status}")
PY
