#!/usr/bin/env python3
"""The engine's CPU with 1, 10 and 100 remote viewers (the state protocol,
docs/STATE.md), against the same engine with none.

An engine `invtop --headless --serve tcp://127.0.0.1:P --interval 100`
(10 updates/s) runs on one of two markets: "demo", its own synthetic market
(--demo: 8 instruments, ~1,000 msg/s), and "feed1000", `invtop-feed
--instruments 1000 --underlyings 20 --rate 5000` bound to a port the engine
--connects to. N viewers, all in this one Python process (so that they do not
compete for the two cores as N invtop processes would), follow the protocol:
DEALER HELLO, SUB to the endpoint WELCOME names, SNAPSHOT, then updates,
chained by version (a broken chain counts a gap and asks SNAPSHOT again).
They keep no document: they count bytes and check the chain.

For each N in 0 (the baseline), 1, 10, 100, in a rotating order, ROUNDS
times: connect N viewers, wait until all hold a snapshot, let a second pass,
then read the engine's CPU seconds (utime + stime of every thread, from
/proc/PID/stat) over SECONDS of steady state. Printed: engine CPU % (best and
median of the rounds) and the ratio of the best to N=0's best; per viewer,
bytes received per second (the least of the viewers, so that each one is
seen to receive) and updates per second; gaps; the engine's resident memory;
this process's own CPU (a saturated viewer process would lose updates).

Then one viewer, apart from the CPU rounds, reads SECONDS of updates and
applies them to its document to say what the updates carry: per part, how
often it is sent and its bytes; per instrument key, how often it changed
among the instruments sent; and what zlib (Python's, level 1 and 6, per
update and as one stream per viewer) would make of the same bytes.

Usage: state_viewers.py BUILD [--market demo,feed1000] [--viewers 0,1,10,100]
                              [--seconds 10] [--rounds 3] [--rate 5000]"""
import argparse, collections, json, os, shutil, socket, statistics, subprocess, sys, tempfile, time, zlib

import zmq

CLK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_us(pid):
    """(utime, stime) of every thread of pid, in seconds."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) / CLK, int(fields[12]) / CLK


def cpu_s(pid):
    return sum(cpu_us(pid))


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Viewer:
    """One viewer: HELLO, SUB, SNAPSHOT, then updates chained by version."""

    def __init__(self, ctx, endpoint, keep=False):
        self.ctx, self.endpoint, self.keep = ctx, endpoint, keep
        self.dealer = ctx.socket(zmq.DEALER)
        self.dealer.setsockopt(zmq.LINGER, 0)
        self.dealer.connect(endpoint)
        self.sub = None
        self.version = None  # held version, None before the snapshot
        self.queued = []
        self.updates = self.bytes = self.gaps = self.resyncs = self.hugz = 0
        self.doc = None      # keep=True: the document, applied
        self.on_update = None
        self.dealer.send_multipart([b"", b"HELLO"])

    def close(self):
        for s in (self.dealer, self.sub):
            if s is not None:
                s.close(0)

    def sockets(self):
        return [s for s in (self.dealer, self.sub) if s is not None]

    def on_dealer(self):
        f = self.dealer.recv_multipart()
        if len(f) < 2 or f[0] != b"":
            return
        verb = f[1]
        if verb == b"WELCOME":
            self.sub = self.ctx.socket(zmq.SUB)
            self.sub.setsockopt(zmq.LINGER, 0)
            self.sub.setsockopt(zmq.SUBSCRIBE, b"")
            self.sub.connect(f[2].decode())
            self.dealer.send_multipart([b"", b"SNAPSHOT"])
        elif verb == b"SNAPSHOT":
            self.version = int(f[3])
            if self.keep:
                self.doc = json.loads(f[4])
            for q in self.queued:
                if int(q[2]) > self.version:
                    self.apply(q)
            self.queued = []
        elif verb == b"NOTREADY":
            time.sleep(0.05)
            self.dealer.send_multipart([b"", b"SNAPSHOT"])

    def on_sub(self):
        f = self.sub.recv_multipart(copy=False)
        verb = f[0].bytes
        if verb == b"UPDATE":
            if self.version is None:
                if len(self.queued) < 32:
                    self.queued.append([x.bytes for x in f])
                return
            self.apply(f)
        elif verb == b"HUGZ":
            self.hugz += 1
            self.bytes += sum(len(x) for x in f)

    def apply(self, f):
        version, prev = int(bytes(f[2])), int(bytes(f[3]))
        if prev == self.version:
            self.version = version
            self.updates += 1
            self.bytes += sum(len(x) for x in f)
            if self.on_update:
                self.on_update(self, bytes(f[4]))
        elif version > self.version:
            self.gaps += 1
            self.resyncs += 1
            self.version = None
            self.dealer.send_multipart([b"", b"SNAPSHOT"])


class Pool:
    def __init__(self, ctx):
        self.ctx = ctx
        self.viewers = []
        self.poller = zmq.Poller()
        self.registered = set()

    def add(self, v):
        self.viewers.append(v)

    def pump(self, seconds):
        end = time.monotonic() + seconds
        owner = {}
        for v in self.viewers:
            for s in v.sockets():
                owner[s] = v
                if s not in self.registered:
                    self.poller.register(s, zmq.POLLIN)
                    self.registered.add(s)
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return
            for s, _ in self.poller.poll(max(1, int(left * 1000))):
                v = owner.get(s)
                if v is None:
                    continue
                if s is v.dealer:
                    v.on_dealer()
                    if v.sub is not None and v.sub not in self.registered:
                        self.poller.register(v.sub, zmq.POLLIN)
                        self.registered.add(v.sub)
                        owner[v.sub] = v
                else:
                    while True:  # drain: one wakeup, many updates
                        try:
                            v.on_sub()
                        except zmq.Again:
                            break
                        if not v.sub.poll(0):
                            break

    def wait_live(self, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.05)
            if all(v.version is not None for v in self.viewers):
                return True
        return False

    def close(self):
        for v in self.viewers:
            for s in v.sockets():
                if s in self.registered:
                    self.poller.unregister(s)
                    self.registered.discard(s)
            v.close()
        self.viewers = []


class Market:
    def __init__(self, build, name, rate, tmp, reference):
        self.procs = []
        self.name = name
        env = dict(os.environ, XDG_CONFIG_HOME=tmp, XDG_STATE_HOME=tmp, HOME=tmp)
        self.endpoint = "tcp://127.0.0.1:%d" % free_port()
        eng = [os.path.join(build, "invtop"), "--headless", "--serve", self.endpoint, "--interval", "100",
               "--journal", os.path.join(tmp, "journal-%s.jsonl" % name)]
        self.feed = None
        if name == "demo":
            eng.append("--demo")
            self.ninst = 8
        else:
            self.ninst = 1000
            feed_ep = "tcp://127.0.0.1:%d" % free_port()
            self.feed = subprocess.Popen(
                [os.path.join(build, "invtop-feed"), "--bind", feed_ep, "--instruments", "1000",
                 "--underlyings", "20", "--rate", str(rate), "--quiet"], env=env, stdout=subprocess.DEVNULL)
            self.procs.append(self.feed)
            eng += ["--connect", feed_ep]
        self.engine = subprocess.Popen(eng, env=env, stdout=subprocess.DEVNULL)
        self.procs.append(self.engine)
        self.ref = None
        if reference:  # the same engine on the same market without --serve, in every window
            ref = [x for x in eng if x not in ("--serve", self.endpoint)]
            ref[ref.index("--journal") + 1] = os.path.join(tmp, "journal-%s-ref.jsonl" % name)
            self.ref = subprocess.Popen(ref, env=env, stdout=subprocess.DEVNULL)
            self.procs.append(self.ref)

    def stop(self):
        for p in reversed(self.procs):
            p.terminate()
        for p in self.procs:
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def warm(ctx, m, timeout=40):
    """Wait until the engine serves a document with all its instruments."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        pool = Pool(ctx)
        v = Viewer(ctx, m.endpoint, keep=True)
        pool.add(v)
        ok = pool.wait_live(3)
        n = len(v.doc["instruments"]) if ok and v.doc else 0
        pool.close()
        if n >= m.ninst:
            return n
        time.sleep(0.5)
    return n


def measure(ctx, m, n, seconds):
    pool = Pool(ctx)
    for _ in range(n):
        pool.add(Viewer(ctx, m.endpoint))
    live = pool.wait_live(30)
    for v in pool.viewers:
        v.updates = 0
    end = time.monotonic() + 10
    while time.monotonic() < end and not all(v.updates for v in pool.viewers):
        pool.pump(0.1)
    pool.pump(1.0)  # settle: the snapshots are sent, every viewer is live
    for v in pool.viewers:
        v.updates = v.bytes = v.gaps = 0
    (u0, s0), t0, self0 = cpu_us(m.engine.pid), time.monotonic(), os.times()
    f0 = cpu_s(m.feed.pid) if m.feed else 0
    r0 = cpu_s(m.ref.pid) if m.ref else 0
    if n:
        pool.pump(seconds)
    else:
        time.sleep(seconds)
    (u1, s1), t1, self1 = cpu_us(m.engine.pid), time.monotonic(), os.times()
    f1 = cpu_s(m.feed.pid) if m.feed else 0
    r1 = cpu_s(m.ref.pid) if m.ref else 0
    wall = t1 - t0
    r = {
        "cpu": 100 * ((u1 - u0) + (s1 - s0)) / wall,
        "sys": 100 * (s1 - s0) / wall,
        "ref_cpu": 100 * (r1 - r0) / wall,
        "feed_cpu": 100 * (f1 - f0) / wall,
        "self_cpu": 100 * ((self1.user - self0.user) + (self1.system - self0.system)) / wall,
        "rss": rss_mb(m.engine.pid),
        "live": live,
    }
    if n:
        r["min_bps"] = min(v.bytes for v in pool.viewers) / wall
        r["mean_bps"] = sum(v.bytes for v in pool.viewers) / n / wall
        r["ups"] = sum(v.updates for v in pool.viewers) / n / wall
        r["min_updates"] = min(v.updates for v in pool.viewers)
        r["gaps"] = sum(v.gaps for v in pool.viewers)
    pool.close()
    return r


def key_dictionary(doc):
    """zlib's preset dictionary: the document's shape with every value null
    (its keys, in order), its instrument's twice: what every viewer knows."""
    def shape(x):
        if isinstance(x, dict):
            return {k: shape(v) for k, v in x.items()}
        if isinstance(x, list):
            return [shape(v) for v in x[:2]]
        return None
    parts = {k: shape(v) for k, v in doc.items() if k != "instruments"}
    inst = [shape(x) for x in doc.get("instruments", [])[:4]]
    return json.dumps({"parts": parts, "instruments": inst}, separators=(",", ":")).encode()[-32768:]


def analyse(ctx, m, seconds):
    """One viewer applies SECONDS of updates and says what they carry."""
    stats = {
        "n": 0, "bytes": 0, "parts": collections.Counter(), "part_bytes": collections.Counter(),
        "inst_sent": 0, "inst_bytes": 0, "inst_keys": collections.Counter(), "part_keys": {},
        "z1": 0, "z6": 0, "zs": 0, "zd": 0, "z_us": [], "same_inst": 0,
        "quote_keys": collections.Counter(), "quote_changed": 0, "no_mid": 0,
        "no_mid_keys": collections.Counter(), "zdict": None,
    }
    stream = zlib.compressobj(6)

    def on_update(v, payload):
        u = json.loads(payload)
        stats["n"] += 1
        stats["bytes"] += len(payload)
        t = time.perf_counter()
        stats["z1"] += len(zlib.compress(payload, 1))
        stats["z_us"].append((time.perf_counter() - t) * 1e6)
        stats["z6"] += len(zlib.compress(payload, 6))
        stats["zs"] += len(stream.compress(payload) + stream.flush(zlib.Z_SYNC_FLUSH))
        if stats["zdict"] is None:
            stats["zdict"] = key_dictionary(v.doc)
        c = zlib.compressobj(1, zdict=stats["zdict"])
        stats["zd"] += len(c.compress(payload) + c.flush())
        for name, val in u["parts"].items():
            stats["parts"][name] += 1
            stats["part_bytes"][name] += len(json.dumps(val, separators=(",", ":")))
            old = v.doc.get(name)
            if isinstance(val, dict) and isinstance(old, dict):
                kc = stats["part_keys"].setdefault(name, collections.Counter())
                for k in val:
                    if val[k] != old.get(k):
                        kc[k] += 1
            v.doc[name] = val
        insts = v.doc["instruments"]
        for i, obj in u["instruments"]:
            stats["inst_sent"] += 1
            stats["inst_bytes"] += len(json.dumps(obj, separators=(",", ":")))
            if i < len(insts):
                old = insts[i]
                changed = [k for k in obj if obj[k] != old.get(k)]
                if not changed:
                    stats["same_inst"] += 1
                for k in changed:
                    stats["inst_keys"][k] += 1
                if "quote" in changed and isinstance(obj["quote"], dict) and isinstance(old.get("quote"), dict):
                    stats["quote_changed"] += 1
                    for k in obj["quote"]:
                        if obj["quote"][k] != old["quote"].get(k):
                            stats["quote_keys"][k] += 1
                if changed and "mid" not in changed:
                    stats["no_mid"] += 1
                    for k in changed:
                        stats["no_mid_keys"][k] += 1
                insts[i] = obj
            else:
                insts.append(obj)

    pool = Pool(ctx)
    v = Viewer(ctx, m.endpoint, keep=True)
    pool.add(v)
    pool.wait_live(20)
    v.on_update = on_update
    pool.pump(seconds)
    pool.close()
    return stats, len(v.doc["instruments"]) if v.doc else 0, len(json.dumps(v.doc, separators=(",", ":"))) if v.doc else 0


def run_market(ctx, build, name, viewers, seconds, rounds, rate, tmp, reference):
    m = Market(build, name, rate, tmp, reference)
    try:
        ninst = warm(ctx, m)
        desc = ("invtop --demo (8 instruments, ~1,000 msg/s)" if name == "demo" else
                "invtop-feed --instruments 1000 --underlyings 20 --rate %s" % rate)
        print("state protocol, engine CPU by viewers: %s, %d instruments served, 10 updates/s, "
              "%.0f s windows, %d rounds, %d cores" % (desc, ninst, seconds, rounds, os.cpu_count()))
        res = collections.defaultdict(list)
        for r in range(rounds):
            order = viewers[r % len(viewers):] + viewers[:r % len(viewers)]
            for n in order:
                res[n].append(measure(ctx, m, n, seconds))
        base = min(x["cpu"] for x in res[viewers[0]]) if viewers[0] == 0 else float("nan")
        print("  %7s %9s %6s %7s %7s %12s %12s %8s %7s %5s %7s %6s %8s" % (
            "viewers", "CPU% best", "(sys)", "median", "/N=0", "B/s/viewer", "B/s/viewer", "MB/s", "upd/s",
            "gaps", "RSS MB", "feed", "viewers'"))
        print("  %7s %9s %6s %7s %7s %12s %12s %8s %7s %5s %7s %6s %8s" % (
            "", "", "", "", "", "(least)", "(mean)", "all", "/viewer", "", "engine", "CPU%", "CPU%"))
        for n in viewers:
            xs = res[n]
            b = min(xs, key=lambda x: x["cpu"])
            med = statistics.median(x["cpu"] for x in xs)
            line = "  %7d %9.1f %6.1f %7.1f %7.2f" % (n, b["cpu"], b["sys"], med, b["cpu"] / base if base else float("nan"))
            if n:
                mean = statistics.mean(x["mean_bps"] for x in xs)
                line += " %12.0f %12.0f %8.1f %7.2f %5d" % (
                    min(x["min_bps"] for x in xs), mean, mean * n / 1e6,
                    statistics.mean(x["ups"] for x in xs), sum(x["gaps"] for x in xs))
            else:
                line += " %12s %12s %8s %7s %5s" % ("-", "-", "-", "-", "-")
            line += " %7.0f %6.1f %8.1f" % (max(x["rss"] for x in xs), statistics.median(x["feed_cpu"] for x in xs),
                                          statistics.median(x["self_cpu"] for x in xs))
            if n and not all(x["live"] and x["min_updates"] > 0 for x in xs):
                line += "  (a viewer received nothing!)"
            print(line)
        if m.ref:
            refs = [x["ref_cpu"] for xs in res.values() for x in xs]
            print("  %7s %9.1f %6s %7.1f %7.2f   the same engine without --serve, same market, same windows"
                  % ("no serve", min(refs), "", statistics.median(refs), min(refs) / base if base else float("nan")))
        print("  CPU% = the engine's utime+stime (all threads) over the window, best and median of the rounds "
              "((sys) = stime of the best); /N=0 = best / N=0's best;\n  B/s/viewer counts every frame of "
              "UPDATE and HUGZ messages the viewers applied; MB/s all = mean x N, what the engine delivered; "
              "viewers' CPU% = this process")
        st, ninst, docb = analyse(ctx, m, seconds)
        n = max(st["n"], 1)
        print("  what the updates carry (one viewer, %.0f s, %d updates, %.0f B each, full document %d B "
              "as Python re-encodes it):" % (seconds, st["n"], st["bytes"] / n, docb))
        print("    %-13s %8s %9s  %s" % ("part", "in % upd", "B each", "keys that changed (share of its updates)"))
        for name, c in st["parts"].most_common():
            keys = st["part_keys"].get(name, collections.Counter())
            kd = ", ".join("%s %.0f%%" % (k, 100 * x / c) for k, x in keys.most_common(6))
            print("    %-13s %8.0f %9.0f  %s" % (name, 100 * c / n, st["part_bytes"][name] / c, kd))
        ni = max(st["inst_sent"], 1)
        print("    instruments  %.1f per update (%.1f%% of %d), %.0f B each; %d sent unchanged" % (
            st["inst_sent"] / n, 100 * st["inst_sent"] / n / max(ninst, 1), ninst, st["inst_bytes"] / ni, st["same_inst"]))
        print("    instrument keys that changed (share of instruments sent): " + ", ".join(
            "%s %.0f%%" % (k, 100 * x / ni) for k, x in st["inst_keys"].most_common(14)))
        qc = max(st["quote_changed"], 1)
        print("    quote keys that changed (share of changed quotes): " + ", ".join(
            "%s %.0f%%" % (k, 100 * x / qc) for k, x in st["quote_keys"].most_common(10)))
        print("    %.1f%% of the instruments sent had no new mid; what changed in them: " % (
            100 * st["no_mid"] / ni) + ", ".join(
            "%s %.0f%%" % (k, 100 * x / max(st["no_mid"], 1)) for k, x in st["no_mid_keys"].most_common(8)))
        if st["n"]:
            print("    zlib level 1 with a preset dictionary of the document's keys (stateless, one "
                  "compression for every viewer): %.3f of JSON" % (st["zd"] / st["bytes"]))
            print("    zlib of the same update bytes: level 1 %.3f, level 6 %.3f, one stream per viewer "
                  "(level 6, sync flush) %.3f of JSON; level 1 costs %.0f us per update (median, Python's zlib)"
                  % (st["z1"] / st["bytes"], st["z6"] / st["bytes"], st["zs"] / st["bytes"],
                     statistics.median(st["z_us"])))
    finally:
        m.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default="build")
    ap.add_argument("--market", default="demo,feed1000")
    ap.add_argument("--viewers", default="0,1,10,100")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rate", default="5000")
    ap.add_argument("--no-reference", action="store_true", help="no second engine without --serve")
    a = ap.parse_args()
    viewers = [int(x) for x in a.viewers.split(",")]
    tmp = tempfile.mkdtemp(prefix="invtop-state-viewers.")
    ctx = zmq.Context(io_threads=1)
    try:
        for k, name in enumerate(a.market.split(",")):
            if k:
                print()
            run_market(ctx, a.build, name, viewers, a.seconds, a.rounds, a.rate, tmp, not a.no_reference)
    finally:
        ctx.term()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
