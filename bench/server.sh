# Sourced by bench/reading.sh and bench/load.sh: starts `vaultmail serve` with bench/dovecot.yml on a free
# port and a fresh data directory, waits for health, and stops it when the calling script exits.
#   bench_server_start [extra --options]   sets BENCH_PID (the server JVM), BENCH_PORT, BENCH_DIR
# BENCH_IMAP_PORT / BENCH_IMAP_SECURITY: another IMAP port and security for example.test than the config's
# IMAPS 1993 (e.g. 1143 plain); the whole domain entry is then given on the command line, because Spring
# replaces a list as a whole rather than merging one property of an element.
# BENCH_SERVER_ARGS (reading.sh, load.sh): extra server options. BENCH_JAVA_OPTS: JVM options of the server
# (default below; printed with the results). BENCH_KEEP=1 keeps the temporary directory (log, H2 database).
# BENCH_JAR: run this jar instead of building the worktree (e.g. a saved build of the commit before a change, to
# compare before/after side by side on a noisy machine).

BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS--Xms256m -Xmx1g -XX:+UseG1GC}"

# The shared mail server scripts: $VAULTMAIL_SHARED_DIR, else ../shared beside the repository (CI), else /work/shared.
bench_shared_dir() {
  if [ -n "${VAULTMAIL_SHARED_DIR:-}" ]; then echo "$VAULTMAIL_SHARED_DIR"
  elif [ -d ../shared/mailserver ]; then (cd ../shared && pwd)
  else echo /work/shared
  fi
}

bench_server_start() {
  [ -n "${BENCH_JAR:-}" ] || ./vaultmail build >&2
  if [ -n "${BENCH_IMAP_PORT:-}${BENCH_IMAP_SECURITY:-}" ]; then
    local d="--vaultmail.domains[0]"
    set -- "$@" "$d.domain=example.test" "$d.imap.host=127.0.0.1" "$d.imap.port=${BENCH_IMAP_PORT:-1993}" \
      "$d.imap.security=${BENCH_IMAP_SECURITY:-tls}" "$d.smtp.host=127.0.0.1" "$d.smtp.port=1025" "$d.smtp.security=plain" \
      "$d.trust-store=/etc/dovecot/vaultmail-test/cert.pem"
  fi
  BENCH_DIR="$(mktemp -d "${TMPDIR:-/tmp}/vaultmail-bench.XXXXXX")"
  BENCH_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  echo "server: vaultmail serve --config bench/dovecot.yml $* on port $BENCH_PORT, JVM options: $BENCH_JAVA_OPTS" >&2
  if [ -n "${BENCH_JAR:-}" ]; then
    echo "server jar: $BENCH_JAR" >&2
    # shellcheck disable=SC2086
    java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" serve --config bench/dovecot.yml --data-dir "$BENCH_DIR/data" \
      --port "$BENCH_PORT" "$@" >"$BENCH_DIR/server.log" 2>&1 &
  else
    VAULTMAIL_JAVA_OPTS="$BENCH_JAVA_OPTS" ./vaultmail serve --config bench/dovecot.yml --data-dir "$BENCH_DIR/data" \
      --port "$BENCH_PORT" "$@" >"$BENCH_DIR/server.log" 2>&1 &
  fi
  BENCH_PID=$!   # the launcher execs java: this is the server JVM
  trap bench_server_stop EXIT
  local i
  for i in $(seq 1 240); do
    if ! kill -0 "$BENCH_PID" 2>/dev/null; then
      echo "server exited during start-up; last log lines:" >&2; tail -40 "$BENCH_DIR/server.log" >&2; exit 1
    fi
    if curl -fs -o /dev/null "http://127.0.0.1:$BENCH_PORT/actuator/health"; then
      echo "server: healthy after $((i / 2)) s (pid $BENCH_PID, log $BENCH_DIR/server.log)" >&2
      return 0
    fi
    sleep 0.5
  done
  echo "server not healthy after 120 s; last log lines:" >&2; tail -40 "$BENCH_DIR/server.log" >&2; exit 1
}

bench_server_stop() {
  local status=$?
  if [ -n "${BENCH_PID:-}" ] && kill -0 "$BENCH_PID" 2>/dev/null; then
    kill "$BENCH_PID"
    local i
    for i in $(seq 1 60); do kill -0 "$BENCH_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$BENCH_PID" 2>/dev/null && kill -9 "$BENCH_PID"
  fi
  if [ -n "${BENCH_DIR:-}" ]; then
    if [ "${BENCH_KEEP:-}" = 1 ] || [ "$status" -ne 0 ]; then echo "kept $BENCH_DIR (server log, data)" >&2
    else rm -rf "$BENCH_DIR"
    fi
  fi
}
