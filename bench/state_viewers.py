#!/usr/bin/env python3
"""The engine's CPU with 1, 10 and 100 remote viewers (the state protocol,
docs/STATE.md), against the same engine with none.

An engine `invtop --headless --serve tcp://127.0.0.1:P --interval 100`
(10 updates/s) runs on one of two markets: "demo", its own synthetic market
(--demo: 89 instruments, 80 of them options, ~1,000 msg/s), and "feed1000", `invtop-feed
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
applies them to its document to say what the updates carry (invtop-state/2:
the body frame deflated; parts whole; an instrument whole as [i, object] or
its changed leaves as [i, id, value, id, value, ...]): bytes per second on
the wire and inflated; per part, how often it is sent, its bytes, and what
leaving it out would save on the wire; the same for instrument entries by
leaves and whole; the leaves by field, named with the schema's rows
(`BUILD/bench/bench_state --fields`; by id without it).

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
                self.on_update(self, bytes(f[4]), sum(len(x) for x in f))
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
                    while True:  # drain: one wakeup, many updates (not past the window)
                        try:
                            v.on_sub()
                        except zmq.Again:
                            break
                        if not v.sub.poll(0) or time.monotonic() >= end:
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


def load_fields(build):
    """The instrument table's rows, to name field ids (bench_state --fields):
    [[key], [key, [sub keys], is_array], ...]; None when it cannot be run."""
    try:
        out = subprocess.run([os.path.join(build, "bench", "bench_state"), "--fields"], capture_output=True,
                             timeout=10, check=True).stdout
        return json.loads(out)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def field_name(fields, fid):
    """Field id row | (sub + 1) << 6 | elem << 12 as "key", "key.sub" or "key[].sub"."""
    row, sub = fid & 63, ((fid >> 6) & 63) - 1
    if not fields or row >= len(fields):
        return "id %d" % fid if sub < 0 else "id %d.%d" % (row, sub)
    f = fields[row]
    if sub < 0:
        return f[0]
    if len(f) < 3 or sub >= len(f[1]):
        return "%s.sub%d" % (f[0], sub)
    return "%s%s.%s" % (f[0], "[]" if f[2] else "", f[1][sub])


def apply_leaf(fields, inst, fid, val):
    """Leaf fid's value into the instrument object held; False when it cannot."""
    row, sub, elem = fid & 63, ((fid >> 6) & 63) - 1, fid >> 12
    if not fields or row >= len(fields):
        return False
    f = fields[row]
    try:
        if sub < 0:
            old, inst[f[0]] = inst.get(f[0]), val
        elif f[2]:
            old, inst[f[0]][elem][f[1][sub]] = inst[f[0]][elem].get(f[1][sub]), val
        else:
            old, inst[f[0]][f[1][sub]] = inst[f[0]].get(f[1][sub]), val
    except (LookupError, TypeError):
        return False
    return old != val


def dumps(x):
    return json.dumps(x, separators=(",", ":"))


def analyse(ctx, m, seconds, fields):
    """One viewer applies SECONDS of updates (invtop-state/2: the body
    deflated; parts whole; an instrument as [i, object] or [i, id, value, ...])
    and says what they carry, inflated and on the wire."""
    def new_stats():
        return {
            "n": 0, "frames": 0, "wire": 0, "inflated": 0, "py": 0, "zpy": 0,
            "parts": collections.Counter(), "part_bytes": collections.Counter(), "part_z": collections.Counter(),
            "leaf_entries": 0, "leaves": 0, "leaf_bytes": 0, "leaf_z": 0, "same_leaf": 0, "bad_leaf": 0,
            "whole": 0, "whole_bytes": 0, "whole_z": 0, "whole_keys": collections.Counter(),
            "field_n": collections.Counter(), "field_bytes": collections.Counter(),
        }

    st = new_stats()

    def z6(u):
        return len(zlib.compress(dumps(u).encode(), 6))

    got = []

    def on_update(v, body, frames):  # kept: analysed after the window, not to fall behind
        got.append((body, frames))

    def analyse_one(v, body, frames, st):
        payload = zlib.decompress(body)
        u = json.loads(payload)
        st["n"] += 1
        st["frames"] += frames
        st["wire"] += len(body)
        st["inflated"] += len(payload)
        st["py"] += len(dumps(u))
        # what each kind of content costs on the wire: the update deflated
        # (Python's re-encoding, level 6 as the engine) with and without it
        whole_z = z6(u)
        st["zpy"] += whole_z
        parts = u.get("parts", {})
        for name in parts:
            rest = dict(u, parts={k: x for k, x in parts.items() if k != name})
            st["part_z"][name] += whole_z - z6(rest)
        entries = u.get("instruments", [])
        leafy = [e for e in entries if not (len(e) == 2 and isinstance(e[1], dict))]
        whole = [e for e in entries if len(e) == 2 and isinstance(e[1], dict)]
        if leafy:
            st["leaf_z"] += whole_z - z6(dict(u, instruments=whole))
        if whole:
            st["whole_z"] += whole_z - z6(dict(u, instruments=leafy))
        for name, val in parts.items():
            st["parts"][name] += 1
            st["part_bytes"][name] += len(dumps(name)) + 1 + len(dumps(val))
            v.doc[name] = val
        insts = v.doc["instruments"]
        for e in entries:
            i = e[0]
            if len(e) == 2 and isinstance(e[1], dict):
                st["whole"] += 1
                st["whole_bytes"] += len(dumps(e))
                if i < len(insts):
                    for k in e[1]:
                        if e[1][k] != insts[i].get(k):
                            st["whole_keys"][k] += 1
                    insts[i] = e[1]
                else:
                    insts.append(e[1])
                continue
            st["leaf_entries"] += 1
            st["leaf_bytes"] += len(dumps(e))
            for k in range(1, len(e) - 1, 2):
                fid, val = e[k], e[k + 1]
                name = field_name(fields, fid)
                st["leaves"] += 1
                st["field_n"][name] += 1
                st["field_bytes"][name] += len(str(fid)) + len(dumps(val)) + 2
                if i >= len(insts):
                    st["bad_leaf"] += 1
                elif fields:
                    changed = apply_leaf(fields, insts[i], fid, val)
                    st["same_leaf"] += not changed

    pool = Pool(ctx)
    v = Viewer(ctx, m.endpoint, keep=True)
    pool.add(v)
    v.on_update = on_update  # from the snapshot on, so that the document held follows
    pool.wait_live(20)
    pool.pump(0.5)
    k0, t0 = len(got), time.monotonic()
    pool.pump(seconds)
    wall = time.monotonic() - t0
    pool.close()
    for k, (body, frames) in enumerate(got):  # those before the window: applied, not counted
        analyse_one(v, body, frames, st if k >= k0 else new_stats())
    ninst = len(v.doc["instruments"]) if v.doc else 0
    docb = len(dumps(v.doc)) if v.doc else 0
    st["gaps"] = v.gaps
    return st, ninst, docb, wall


def print_analysis(st, ninst, docb, wall, fields):
    n = max(st["n"], 1)
    kb = lambda b: b / wall / 1e3
    print("  what the updates carry (one viewer applying them, %.0f s, %d updates, %.1f/s; %d instruments, "
          "full document %d B as Python re-encodes it):" % (wall, st["n"], st["n"] / wall, ninst, docb))
    print("    received: %.1f KB/s on the wire (UPDATE frames; bodies %.1f KB/s deflated), %.1f KB/s inflated "
          "(deflated/inflated %.3f); full documents at the same rate would be %.0f KB/s" % (
              kb(st["frames"]), kb(st["wire"]), kb(st["inflated"]), st["wire"] / max(st["inflated"], 1),
              docb * st["n"] / wall / 1e3))
    print("    below: bytes as Python re-encodes the JSON (%.3f of the engine's inflated bytes); 'wire' = what "
          "leaving it out of each update would save deflated (zlib level 6, as the engine; shares overlap)"
          % (st["py"] / max(st["inflated"], 1)))
    print("    %-26s %8s %9s %9s %9s" % ("", "in % upd", "B each", "KB/s infl", "KB/s wire"))
    for name, c in st["parts"].most_common():
        print("    %-26s %8.0f %9.0f %9.2f %9.2f" % (
            "part " + name, 100 * c / n, st["part_bytes"][name] / c, kb(st["part_bytes"][name]),
            kb(st["part_z"][name])))
    le = max(st["leaf_entries"], 1)
    print("    %-26s %8s %9.0f %9.2f %9.2f  %.1f entries/update, %.1f leaves each%s" % (
        "instruments by leaves", "", st["leaf_bytes"] / le, kb(st["leaf_bytes"]), kb(st["leaf_z"]),
        st["leaf_entries"] / n, st["leaves"] / le,
        "" if not st["same_leaf"] else ", %d leaves unchanged!" % st["same_leaf"]))
    we = max(st["whole"], 1)
    print("    %-26s %8s %9.0f %9.2f %9.2f  %.2f entries/update" % (
        "instruments whole", "", st["whole_bytes"] / we, kb(st["whole_bytes"]), kb(st["whole_z"]), st["whole"] / n))
    rest = st["py"] - sum(st["part_bytes"].values()) - st["leaf_bytes"] - st["whole_bytes"]
    print("    %-26s %8s %9.0f %9.2f" % ("the rest (ts, source, keys)", "", rest / n, kb(rest)))
    lb = max(sum(st["field_bytes"].values()), 1)
    named = "named by bench_state --fields" if fields else "by id (no bench_state --fields)"
    print("    leaves by field (%s): share of leaf bytes, leaves per update:" % named)
    top = st["field_bytes"].most_common(15)
    for k in range(0, len(top), 3):
        print("      " + "   ".join("%-26s %4.1f%% %5.1f" % (name, 100 * b / lb, st["field_n"][name] / n)
                                    for name, b in top[k:k + 3]))
    if st["whole_keys"]:
        print("    keys that changed in whole entries (share of them): " + ", ".join(
            "%s %.0f%%" % (k, 100 * x / we) for k, x in st["whole_keys"].most_common(10)))
    if st.get("gaps"):
        print("    the viewer lost the chain %d times (resynced): the document held above is not exact" % st["gaps"])
    if st["bad_leaf"]:
        print("    %d leaves named an instrument the viewer does not hold!" % st["bad_leaf"])


def run_market(ctx, build, name, viewers, seconds, rounds, rate, tmp, reference, fields):
    m = Market(build, name, rate, tmp, reference)
    try:
        ninst = warm(ctx, m)
        desc = ("invtop --demo (89 instruments, ~1,000 msg/s)" if name == "demo" else
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
        print_analysis(*analyse(ctx, m, seconds, fields), fields)
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
    fields = load_fields(a.build)
    tmp = tempfile.mkdtemp(prefix="invtop-state-viewers.")
    ctx = zmq.Context(io_threads=1)
    try:
        for k, name in enumerate(a.market.split(",")):
            if k:
                print()
            run_market(ctx, a.build, name, viewers, a.seconds, a.rounds, a.rate, tmp, not a.no_reference, fields)
    finally:
        ctx.term()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
