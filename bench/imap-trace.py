#!/usr/bin/env python3
"""Profiling aid: a logging IMAP proxy. Listens on 127.0.0.1:PORT, forwards to plain IMAP (default
127.0.0.1:1143) and prints, for every command a client sends, the time from the command to its tagged
completion and the bytes returned. LOGIN/AUTHENTICATE arguments are never printed.

usage: imap-trace.py PORT [UPSTREAM_PORT=1143]
Point a bench server at it: bench/reading.sh with
  BENCH_SERVER_ARGS="--vaultmail.domains[0].imap.port=PORT --vaultmail.domains[0].imap.security=plain"
"""
import itertools, socket, sys, threading, time

PORT = int(sys.argv[1])
UP = int(sys.argv[2]) if len(sys.argv) > 2 else 1143
ids = itertools.count(1)
out = threading.Lock()


def log(msg):
    with out:
        print(msg, flush=True)


def pump(conn_id, src, dst, pending, is_client):
    buf = b""
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
            now = time.perf_counter()
            if is_client:
                buf += data
                while b"\r\n" in buf:
                    line, buf = buf.split(b"\r\n", 1)
                    words = line.decode("utf-8", "replace").split(" ")
                    if len(words) >= 2 and words[0].isalnum() and not line.endswith(b"}"):
                        cmd = " ".join(words[1:3]) if words[1].upper() in ("LOGIN", "AUTHENTICATE") else " ".join(words[1:])
                        if words[1].upper() == "LOGIN":
                            cmd = "LOGIN ***"
                        pending[words[0]] = (now, cmd[:120], [0])
            else:
                for p in pending.values():
                    p[2][0] += len(data)
                buf += data
                while b"\r\n" in buf:
                    line, buf = buf.split(b"\r\n", 1)
                    tag = line.split(b" ", 1)[0].decode("ascii", "replace")
                    if tag in pending:
                        start, cmd, size = pending.pop(tag)
                        log(f"{now:14.4f} c{conn_id:<3} {1000 * (now - start):8.2f} ms {size[0]:8d} B  {cmd}")
                if len(buf) > 1 << 20:
                    buf = buf[-4096:]
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve():
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", PORT))
    ls.listen(64)
    log(f"imap-trace: 127.0.0.1:{PORT} -> 127.0.0.1:{UP}")
    while True:
        c, _ = ls.accept()
        u = socket.create_connection(("127.0.0.1", UP))
        for s in (c, u):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        n, pending = next(ids), {}
        threading.Thread(target=pump, args=(n, c, u, pending, True), daemon=True).start()
        threading.Thread(target=pump, args=(n, u, c, pending, False), daemon=True).start()


serve()
