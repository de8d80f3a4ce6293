#!/usr/bin/env python3
"""Runs a command and measures it: bench/migrate-measure.py --users=A,B --out=FILE -- COMMAND...

Writes one JSON object to FILE: wall seconds, the command's CPU seconds (user+system of it and all its children and
threads, from wait4), its peak RSS, and the Dovecot CPU seconds spent for the given users: every `imap` process is
polled 20 times a second for utime+stime (/proc/PID/stat) and counted, with the last value seen, when one of its open
files lies under a given user's maildir (/var/lib/testmail*/USER/: Dovecot opens the index once a folder is selected;
its environment and title do not name the user). Dovecot starts one imap process per connection, so a pass's sessions
are all new ones; the CPU of the last 50 ms before a process exits, and of indexer/auth processes, is not counted.
The command's own stdout/stderr pass through. Exit status: the command's.
"""
import json, os, subprocess, sys, threading, time

TICK = os.sysconf("SC_CLK_TCK")


def owner(pid, users):
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("/var/lib/testmail"):
            parts = target.split("/")
            if len(parts) > 4 and parts[4] in users: return parts[4]
    return None


def imap_pids(users, known):
    """utime+stime of the imap processes serving users; known: pid -> user, filled as processes are recognised."""
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit(): continue
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() != "imap": continue
            if int(pid) not in known:
                user = owner(pid, users)
                if user is None: continue
                known[int(pid)] = user
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            out[int(pid)] = (int(fields[11]) + int(fields[12])) / TICK         # utime, stime
        except (OSError, ValueError):
            pass
    return out


def main():
    sep = sys.argv.index("--")
    opts = dict(a[2:].split("=", 1) for a in sys.argv[1:sep])
    users, cmd = set(opts["users"].split(",")), sys.argv[sep + 1:]
    known = {}
    before = imap_pids(users, known)                    # sessions already open (normally none) count from here
    seen, stop = {}, threading.Event()

    def poll():
        while not stop.is_set():
            for pid, cpu in imap_pids(users, known).items():
                seen[pid] = max(seen.get(pid, 0.0), cpu)
            time.sleep(0.05)
    t = threading.Thread(target=poll, daemon=True); t.start()
    start = time.monotonic()
    proc = subprocess.Popen(cmd)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    time.sleep(0.2); stop.set(); t.join()
    server = sum(cpu - before.get(pid, 0.0) for pid, cpu in seen.items())
    result = {"wall_s": round(wall, 2), "client_cpu_s": round(ru.ru_utime + ru.ru_stime, 2),
              "client_max_rss_mb": round(ru.ru_maxrss / 1024, 1), "server_cpu_s": round(server, 2),
              "server_processes": len(seen), "exit": os.waitstatus_to_exitcode(status)}
    with open(opts["out"], "w") as f:
        json.dump(result, f)
    sys.exit(result["exit"])


if __name__ == "__main__":
    main()
