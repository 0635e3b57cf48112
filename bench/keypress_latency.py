#!/usr/bin/env python3
"""Time from a keypress to the manual quote on the wire.

Runs `invtop --demo --trader --quotes ...` in a pseudo-terminal, presses ] and [
alternately on the selected instrument, and times each press until a pyzmq
subscriber receives the quote carrying the new override (the journal is written
and fsync'd in between, as always). Baseline in the same run: a byte written to
a pty running `cat` until it comes back, the transport any keypress rides on.
Usage: keypress_latency.py BUILD [PRESSES]"""
import json, os, pty, select, statistics, subprocess, sys, tempfile, threading, time
import zmq

build = sys.argv[1] if len(sys.argv) > 1 else "build"
presses = int(sys.argv[2]) if len(sys.argv) > 2 else 300
tmp = tempfile.mkdtemp()
port = 39000 + os.getpid() % 2000
ctx = zmq.Context()
sub = ctx.socket(zmq.SUB)
sub.connect("tcp://127.0.0.1:%d" % port)
sub.setsockopt(zmq.SUBSCRIBE, b"quote.")
pid, fd = pty.fork()
if pid == 0:
    os.environ.update(TERM="xterm-256color", LANG="C.UTF-8")
    os.execv(os.path.join(build, "invtop"), ["invtop", "--demo", "--trader", "--quotes",
             "tcp://127.0.0.1:%d" % port, "--journal", os.path.join(tmp, "j.jsonl")])
os.set_blocking(fd, False)
screen_bytes = [0, 0.0]  # total, time of last output
stop = False
def drain():
    while not stop:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                n = len(os.read(fd, 65536))
            except OSError:
                return
            screen_bytes[0] += n
            screen_bytes[1] = time.perf_counter()
threading.Thread(target=drain, daemon=True).start()
time.sleep(5)  # two volatility samples before the model quotes
while sub.poll(0):
    sub.recv_multipart()
lat, skew = [], 0
for i in range(presses):
    key, skew = (b"]", skew + 1) if i % 2 == 0 else (b"[", skew - 1)
    t0 = time.perf_counter()
    os.write(fd, key)
    while True:
        if not sub.poll(2000):
            raise SystemExit("no quote within 2 s of press %d" % i)
        q = json.loads(sub.recv_multipart()[1])
        o = q.get("override")
        if q["src"] == "manual" and o and o["skew_bps"] == skew:
            lat.append((time.perf_counter() - t0) * 1e3)
            break
    time.sleep(0.01)
stop = True
os.write(fd, b"q")
os.waitpid(pid, 0)
cpid, cfd = pty.fork()
if cpid == 0:
    os.execvp("cat", ["cat"])
import termios, tty
tty.setraw(cfd)
base = []
for i in range(presses):
    t0 = time.perf_counter()
    os.write(cfd, b"x")
    got = b""
    while b"x" not in got:
        select.select([cfd], [], [], 1)
        got += os.read(cfd, 64)
    base.append((time.perf_counter() - t0) * 1e3)
os.kill(cpid, 9)
os.waitpid(cpid, 0)
def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]
print("keypress to manual quote on the wire (%d presses, journal fsync included)" % len(lat))
print("  %-38s p50 %7.2f ms  p99 %7.2f ms" % ("key -> quote received (pyzmq SUB)", statistics.median(lat), pct(lat, 99)))
print("  %-38s p50 %7.2f ms  p99 %7.2f ms" % ("baseline: pty round trip through cat", statistics.median(base), pct(base, 99)))
print("  ratio p50 %.2f, p99 %.2f" % (statistics.median(lat) / statistics.median(base), pct(lat, 99) / pct(base, 99)))
