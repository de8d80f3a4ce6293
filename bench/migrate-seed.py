#!/usr/bin/env python3
"""Seeds the migration benchmark's source (issue 14): bench/migrate-seed.py USER [--messages=20000] [--seed=S]

Writes maildir files straight into USER's folders on the main Dovecot, as ../shared/mailserver/seed-mailbox.py does
(and with its text pool, names and subjects): 10 folders, 20,000 messages, about 300 MB. Sizes: 99.5 % 2-40 KB
log-uniform (text, text+HTML, or a base64 attachment), 0.5 % 200 KB-1 MB attachments. Flags \\Seen \\Answered
\\Flagged \\Deleted (not expunged) \\Draft (in Drafts) and the keywords $Forwarded, $Label1, Important-Custom;
INTERNALDATE (file mtime) spread over five years, each 1-900 s after the Date header. Same USER/seed -> same bytes.
Every other folder of USER is deleted first; afterwards doveadm force-resync + index.
"""
import base64, hashlib, importlib.util, multiprocessing as mp, os, pwd, random, subprocess, sys, time
from email.utils import formatdate

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "seedmailbox", os.path.join(HERE, "..", "..", "shared", "mailserver", "seed-mailbox.py"))
if not os.path.exists(spec.origin):
    spec = importlib.util.spec_from_file_location("seedmailbox", "/work/shared/mailserver/seed-mailbox.py")
S = importlib.util.module_from_spec(spec); spec.loader.exec_module(S)

# folder -> share of the messages (sums to 1)
FOLDERS = [("INBOX", .30), ("Archive/2023", .15), ("Archive/2024", .15), ("Projects/apollo", .075),
           ("Projects/hermes", .075), ("Lists/dev", .10), ("Sent", .10), ("Drafts", .01), ("Trash", .025), ("Junk", .015)]
KEYWORDS = ["$Forwarded", "$Label1", "Important-Custom"]      # maildir letters a, b, c (dovecot-keywords)
END_TS = 1761998400
SPAN = 5 * 365 * 86400


def message(user, folder, i, n_total, rng, pool):
    arrive = END_TS - SPAN + (i * SPAN) // n_total + rng.randint(0, 3600)
    sent = arrive - rng.randint(1, 900)
    big = rng.random() < 0.005
    target = int(200_000 * (5 ** rng.random())) if big else int(2048 * (20 ** rng.random()))
    name, addr = S.person(rng)
    topic, proj, n = rng.choice(S.TOPIC), rng.choice(S.PROJ), rng.randint(1000, 99999)
    subj = rng.choice(S.SUBJ).format(t=topic, p=proj, n=n, w=rng.randint(1, 52))
    if not subj.isascii():
        subj = "=?UTF-8?B?" + base64.b64encode(subj.encode()).decode() + "?="
    dom = addr.split("@")[1]
    mid = f"<{hashlib.md5(f'{user}{folder}{i}'.encode()).hexdigest()[:16]}.{n}@{dom}>"
    h = [f"Return-Path: <{addr}>", f"Delivered-To: {user}",
         f"Received: from mx.{dom} (mx.{dom} [192.0.2.{i % 250 + 1}])\n\tby mail.example.test (Postfix) with ESMTPS id "
         f"{n:X}{i:05X}\n\tfor <{user}>; {formatdate(arrive)}",
         f"From: {name} <{addr}>", f"To: {user}", f"Subject: {subj}", f"Date: {S.rfc_date(sent, rng)}",
         f"Message-ID: {mid}", "MIME-Version: 1.0",
         rng.choice(["User-Agent: Mozilla Thunderbird", "X-Mailer: Microsoft Outlook 16.0", "X-Mailer: Apple Mail (2.3731)"])]
    hdr = "\n".join(h) + "\n"
    kind = 1.0 if big else rng.random()
    b = f"m{i:x}{n:x}=_migbench"
    if kind < 0.55:
        mime = 'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n' + \
               S.text_slice(rng, pool, max(200, target - len(hdr) - 100))
    elif kind < 0.80:
        t = S.text_slice(rng, pool, max(200, (target - len(hdr)) // 2 - 300))
        html = "<html><body>\n<p>" + t.replace("\n\n", "</p>\n<p>") + "</p>\n</body></html>\n"
        mime = (f'Content-Type: multipart/alternative; boundary="{b}"\n\n--{b}\nContent-Type: text/plain; charset="utf-8"\n'
                f'Content-Transfer-Encoding: 8bit\n\n{t}--{b}\nContent-Type: text/html; charset="utf-8"\n'
                f'Content-Transfer-Encoding: 8bit\n\n{html}--{b}--\n')
    else:
        ctype, fn = rng.choice(S.ATT); fn = fn.format(n=n)
        t = S.text_slice(rng, pool, rng.randint(300, 1500))
        att = base64.encodebytes(rng.randbytes(max(300, (target - len(hdr) - len(t)) * 3 // 4 - 400))).decode()
        mime = (f'Content-Type: multipart/mixed; boundary="{b}"\n\n--{b}\nContent-Type: text/plain; charset="utf-8"\n'
                f'Content-Transfer-Encoding: 8bit\n\n{t}--{b}\nContent-Type: {ctype}; name="{fn}"\n'
                f'Content-Disposition: attachment; filename="{fn}"\nContent-Transfer-Encoding: base64\n\n{att}--{b}--\n')
    r = rng.random()
    flags = set()
    if folder != "Drafts" and (i < n_total * 0.97 or r < 0.3): flags.add("S")
    if folder == "Drafts": flags.add("D")
    if r > 0.96: flags.add("F")
    if 0.85 < r < 0.95: flags.add("R")
    if rng.random() < 0.005: flags.add("T")                    # \Deleted, not expunged
    if rng.random() < 0.05: flags.add("a")
    if rng.random() < 0.08: flags.add("b")
    if rng.random() < 0.05: flags.add("c")
    return arrive, "".join(sorted(flags)), (hdr + mime).encode()


def worker(args):
    lo, hi, n_total, user, folder, fdir, seed = args
    pool = S.make_pool(random.Random(seed))
    total = 0
    for i in range(lo, hi):
        rng = random.Random(f"{seed}:{folder}:{i}")
        ts, flags, data = message(user, folder, i, n_total, rng, pool)
        vsize = len(data) + data.count(b"\n")
        base = f"{ts}.M{i:06d}Q{lo}.migbench,S={len(data)},W={vsize}"
        with open(f"{fdir}/tmp/{base}", "wb") as f:
            f.write(data)
        os.utime(f"{fdir}/tmp/{base}", (ts, ts))
        os.rename(f"{fdir}/tmp/{base}", f"{fdir}/cur/{base}:2,{flags}")
        total += len(data)
    return total


def drop_privs():
    pw = pwd.getpwnam("vmail"); os.setgid(pw.pw_gid); os.setuid(pw.pw_uid)


def doveadm(*a):
    return subprocess.run(["doveadm", *a], check=True, capture_output=True, text=True).stdout.strip()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args: sys.exit(__doc__)
    user = args[0]
    opt = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    total_n, seed = int(opt.get("messages", 20000)), opt.get("seed", "vaultmail-migrate-bench")
    t0 = time.time()
    wanted = {f for f, _ in FOLDERS}
    existing = [f for f in doveadm("mailbox", "list", "-u", user).split("\n") if f]
    for f in sorted(existing, key=len, reverse=True):         # children first
        if f not in wanted and f != "INBOX" and not any(w.startswith(f + "/") for w in wanted):
            doveadm("mailbox", "delete", "-s", "-u", user, f)
    nbytes, jobs = 0, []
    for folder, share in FOLDERS:
        n = round(total_n * share)
        if folder not in doveadm("mailbox", "list", "-u", user).split("\n"):
            doveadm("mailbox", "create", "-s", "-u", user, folder)
        doveadm("mailbox", "subscribe", "-u", user, folder)
        doveadm("mailbox", "status", "-u", user, "messages", folder)
        fdir = doveadm("mailbox", "path", "-u", user, folder)
        for d in ("cur", "new", "tmp"):
            os.makedirs(f"{fdir}/{d}", exist_ok=True)
            for fn in os.listdir(f"{fdir}/{d}"): os.unlink(f"{fdir}/{d}/{fn}")
        for fn in os.listdir(fdir):
            if fn.startswith(("dovecot.index", "dovecot-uidlist", "dovecot-keywords")): os.unlink(f"{fdir}/{fn}")
        with open(f"{fdir}/dovecot-keywords", "w") as f:
            f.write("".join(f"{k} {w}\n" for k, w in enumerate(KEYWORDS)))
        os.chown(f"{fdir}/dovecot-keywords", pwd.getpwnam("vmail").pw_uid, pwd.getpwnam("vmail").pw_gid)
        half = n // 2
        jobs += [(0, half, n, user, folder, fdir, seed), (half, n, n, user, folder, fdir, seed)]
    with mp.get_context("fork").Pool(2, initializer=drop_privs) as pool:
        nbytes = sum(pool.map(worker, jobs))
    t1 = time.time()
    print(f"{user}: wrote {total_n} messages, {nbytes / 1e6:.0f} MB in {len(FOLDERS)} folders in {t1 - t0:.1f}s", flush=True)
    for folder, _ in FOLDERS:
        doveadm("force-resync", "-u", user, folder)
        doveadm("index", "-u", user, folder)
    print(f"  force-resync + index: {time.time() - t1:.1f}s", flush=True)
    print("  " + doveadm("mailbox", "status", "-u", user, "-t", "messages vsize", "*").replace("\n", " "))


if __name__ == "__main__":
    main()
