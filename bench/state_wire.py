#!/usr/bin/env python3
"""The state protocol as a user runs it: what one viewer receives per second.

`invtop-feed --instruments 1000 --rate 1000` feeds `invtop --headless
--interval 100 --serve EP --serve-pub PUB` (10 updates/s); a plain SUB on
PUB, subscribed to everything, counts every byte of every frame (UPDATE and
HUGZ) for SECONDS after WARMUP seconds. Goal: at most 150 KB/s per viewer.

Baseline in the same run: the engine's own headless output, one full
document a line, read from its stdout over the same window: full documents
at 10/s are what a viewer would receive without updates. Also printed: the
UPDATE bodies inflated (what the JSON would weigh without zlib), the chain
(each update's previous version is the one before it), and the instruments
in the last document.

Usage: state_wire.py BUILD [--seconds 10] [--warmup 4] [--goal 150]"""
import argparse, json, os, shutil, socket, subprocess, tempfile, threading, time, zlib

import zmq


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lines:
    """The engine's stdout, read in a thread: bytes and lines inside the
    window (counting is switched on and off), the last whole line."""

    def __init__(self, f):
        self.f, self.on, self.bytes, self.lines, self.last = f, False, 0, 0, b""
        self.tail = b""
        self.lock = threading.Lock()
        self.t = threading.Thread(target=self.run, daemon=True)
        self.t.start()

    def run(self):
        while True:
            chunk = os.read(self.f.fileno(), 1 << 20)
            if not chunk:
                return
            with self.lock:
                if self.on:
                    self.bytes += len(chunk)
                    self.lines += chunk.count(b"\n")
                buf = self.tail + chunk
                nl = buf.rfind(b"\n")
                if nl >= 0:
                    prev = buf.rfind(b"\n", 0, nl)
                    self.last = buf[prev + 1:nl]
                    self.tail = buf[nl + 1:]
                else:
                    self.tail = buf
                if len(self.tail) > 64 << 20:  # no newline in 64 MB: not lines
                    self.tail = b""

    def window(self, on):
        with self.lock:
            self.on = on


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default="build")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--warmup", type=float, default=4)
    ap.add_argument("--goal", type=float, default=150, help="KB/s per viewer")
    ap.add_argument("--rate", type=int, default=1000, help="invtop-feed's messages per second")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="invtop-state-wire.")
    env = dict(os.environ, XDG_CONFIG_HOME=tmp, XDG_STATE_HOME=tmp, HOME=tmp)
    feed_ep, ep, pub = ("tcp://127.0.0.1:%d" % free_port() for _ in range(3))
    procs = []
    ctx = zmq.Context()
    sub = ctx.socket(zmq.SUB)
    sub.setsockopt(zmq.LINGER, 0)
    sub.setsockopt(zmq.RCVHWM, 0)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    try:
        procs.append(subprocess.Popen(
            [os.path.join(a.build, "invtop-feed"), "--bind", feed_ep, "--instruments", "1000", "--rate", str(a.rate),
             "--quiet"], env=env, stdout=subprocess.DEVNULL))
        eng = subprocess.Popen(
            [os.path.join(a.build, "invtop"), "--headless", "--interval", "100", "--connect", feed_ep,
             "--serve", ep, "--serve-pub", pub, "--journal", os.path.join(tmp, "journal.jsonl")],
            env=env, stdout=subprocess.PIPE)
        procs.append(eng)
        lines = Lines(eng.stdout)
        sub.connect(pub)
        t_end = time.monotonic() + a.warmup
        while time.monotonic() < t_end:  # warm-up: read and drop
            if sub.poll(100):
                sub.recv_multipart()
        n = {"UPDATE": 0, "HUGZ": 0, "other": 0}
        wire = body = inflated = gaps = 0
        last = None
        lines.window(True)
        t0 = time.monotonic()
        t_end = t0 + a.seconds
        while True:
            left = t_end - time.monotonic()
            if left <= 0:
                break
            if not sub.poll(max(1, int(left * 1000))):
                continue
            f = sub.recv_multipart()
            wire += sum(len(x) for x in f)
            verb = f[0].decode(errors="replace")
            n[verb if verb in n else "other"] += 1
            if verb == "UPDATE" and len(f) >= 5:
                body += len(f[4])
                inflated += len(zlib.decompress(f[4]))
                if last is not None and int(f[3]) != last:
                    gaps += 1
                last = int(f[2])
        wall = time.monotonic() - t0
        lines.window(False)
        with lines.lock:
            doc_bytes, doc_lines, last_line = lines.bytes, lines.lines, lines.last
        try:
            ninst = len(json.loads(last_line)["instruments"])
        except (ValueError, KeyError, TypeError):
            ninst = -1
        bps = wire / wall
        full = doc_bytes / max(doc_lines, 1) * 10  # full documents at 10/s
        print("state protocol as a user runs it: invtop-feed --instruments 1000 --rate %d -> invtop --headless "
              "--interval 100 --serve --serve-pub; one SUB on the update stream, %.0f s after %.0f s warm-up; "
              "%d instruments in the last document" % (a.rate, wall, a.warmup, ninst))
        print("  per viewer, every frame received   %8.1f KB/s   %d UPDATE (%.1f/s), %d HUGZ, %d other; "
              "chain breaks %d" % (bps / 1e3, n["UPDATE"], n["UPDATE"] / wall, n["HUGZ"], n["other"], gaps))
        print("    of which UPDATE bodies (deflated) %8.1f KB/s   inflated %.1f KB/s (deflated/inflated %.3f)" % (
            body / wall / 1e3, inflated / wall / 1e3, body / max(inflated, 1)))
        print("  baseline: full documents at 10/s   %8.1f KB/s   (the engine's headless lines: %d in the window, "
              "%.0f B each)" % (full / 1e3, doc_lines, doc_bytes / max(doc_lines, 1)))
        print("  ratio per viewer / full documents  %8.4f   goal <= %.0f KB/s per viewer: %s" % (
            bps / full if full else float("nan"), a.goal, "met" if bps / 1e3 <= a.goal else "NOT met"))
    finally:
        sub.close(0)
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        ctx.term()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
