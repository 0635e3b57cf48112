# One engine, many viewers (docs/STATE.md), five parts:
#  1 an engine fed a fixed book (20 instruments, 2 venues, 2 books) by a pyzmq
#    publisher and 50 headless viewers (25 attached before the feed, 25
#    after): once the engine is stopped (SIGSTOP) every viewer's last line,
#    without its three viewer keys, is byte for byte the engine's line of
#    that version;
#  2 the engine killed (SIGKILL, then SIGTERM) and restarted on the same
#    endpoints with another book: every viewer keeps running, says stale with
#    a growing stale_age_s, then follows the new engine, again byte for byte;
#    over the whole run every line of every viewer equals the engine's line
#    of its version, versions and resyncs never go back, resyncs stay few;
#  3 a hostile engine in Python (ROUTER + XPUB): bad snapshot answers,
#    truncated, reordered and forged updates, another epoch, garbage frames;
#    the viewer resyncs on every broken chain, never crashes, ends with exit
#    0 on SIGTERM, and every line it printed is the true document of its
#    version (defects of the document are collected and fail the test at
#    the end, after the other parts ran);
#  4 commands: a trader's key applies 'skew BTC-PERP +2' (engine, viewer,
#    journal with its curve key); an unknown key, a throwaway key and no key
#    are refused (exit 1) and counted; an engine without CURVE is read-only;
#    two traders back to back on one instrument both apply, in order;
#  5 invtop-relay: CURVE on both hops, a viewer behind it converges on the
#    engine byte for byte; plaintext is refused downstream.
# Waits are bounded polls on what the programs print; processes are ended
# by PID. BUILD=build sh tests/e2e/viewers.sh
. tests/e2e/lib.sh
RELAY=$(pwd)/$BUILD/invtop-relay
export XDG_CONFIG_HOME="$TMP/config" XDG_STATE_HOME="$TMP/state"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"
# a stopped engine (SIGSTOP) would never see the SIGTERM of cleanup
trap 'for p in $PIDS; do kill -CONT "$p" 2>/dev/null; done; cleanup' EXIT
NV=50
T0=$(date +%s)
elapsed() { echo $(($(date +%s) - T0)); }
cat > "$TMP/h.py" <<'PYEOF'
# helpers of tests/e2e/viewers.sh; each command prints one line, exits 0 or 1
# (with "FAIL: ..." on stdout). A SPEC names a viewer: PID:FILE[:LINE].
import json, os, random, re, signal, socket, sys, time
from e2elines import complete_lines

PREFIX = re.compile(rb'\{"stale":(true|false),"stale_age_s":([0-9]+\.[0-9]{3}),"resyncs":([0-9]+),')
VERSION = re.compile(rb'\{"version":([0-9]+),')


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def alive(pid):
    try:
        with open("/proc/%s/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


def tail_line(path):
    """the last complete line of path (bytes, no newline), or None"""
    back = 1 << 15
    try:
        size = os.path.getsize(path)
        while True:
            got = complete_lines(path, back)
            if got or back >= size:
                return got[-1] if got else None
            back *= 4
    except OSError:
        return None



def split(line):
    """a viewer's line -> (stale, stale_age_s, resyncs, the document without them)"""
    m = PREFIX.match(line)
    if not m:
        return None
    return m.group(1) == b"true", float(m.group(2)), int(m.group(3)), b"{" + line[m.end():]


def version(doc):
    m = VERSION.match(doc)
    return int(m.group(1)) if m else None


def specs(args):
    out = []
    for a in args:
        p = a.split(":")
        out.append((p[0], p[1], int(p[2]) if len(p) > 2 else 0))
    return out


def check_alive(vs):
    for pid, path, _ in vs:
        if not alive(pid):
            fail("viewer %s (%s) exited" % (pid, os.path.basename(path)))


def first_diff(a, b):
    """where two documents differ, for a failure message"""
    try:
        x, y = json.loads(a), json.loads(b)
        keys = [k for k in list(x) + [k for k in y if k not in x] if x.get(k) != y.get(k)]
        return "keys differing: %s; first bytes apart at %d" % (
            ",".join(keys[:6]), next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b))))
    except ValueError:
        i = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        return "at byte %d: %r vs %r" % (i, a[max(0, i - 40):i + 40], b[max(0, i - 40):i + 40])


# ---- ports: below the kernel's ephemeral range, so that no outgoing
# connection (a viewer reconnecting to a dead engine) takes one as its source
# port, nor a TCP self-connect keeps it busy
def cmd_ports(n):
    try:
        lo = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
    except (OSError, ValueError, IndexError):
        lo = 32768
    got, tries = [], 0
    while len(got) < int(n) and tries < 1000:
        tries += 1
        p = random.randrange(max(1025, lo - 20000), lo)
        if p in got:
            continue
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", p))
            got.append(p)
        except OSError:
            pass
        finally:
            s.close()
    if len(got) < int(n):
        fail("no free ports")
    print(" ".join(map(str, got)))


# ---- books: 20 instruments, 5 coins x perp/spot x 2 venues, held in 2 books
COINS = [("BTC", 65000.0), ("ETH", 3400.0), ("SOL", 150.0), ("XRP", 0.625), ("ADA", 0.4375)]
VENUES = ["DERIBIT", "BINANCE"]
BOOKS = ["alpha", "beta"]


def book(name):
    k = "ABC".index(name)
    out, i = [], 0
    for vi, venue in enumerate(VENUES):
        for coin, px in COINS:
            for kind in ("perp", "spot"):
                sym = coin + ("-PERP" if kind == "perp" else "-USD")
                bid = px * (1 + 0.25 * k) + vi * px / 64 + (kind == "spot") * px / 128
                ask = bid + px / 1024
                held = {"alpha": (i + 1) * (k + 1), "beta": -((i % 3) + 1) * (2 - k % 2)}
                out.append(dict(id="%s@%s" % (sym, venue), sym=sym, venue=venue, kind=kind, und=coin,
                                bid=bid, ask=ask, held=held, avg=bid * (1 - 0.01 * (k + 1))))
                i += 1
    return out


def cmd_publish(port, name):
    import zmq
    ctx = zmq.Context()
    s = ctx.socket(zmq.XPUB)  # hears the engine's subscription: nothing is sent before it
    s.connect("tcp://127.0.0.1:%s" % port)
    if not s.poll(30000):
        fail("the engine never subscribed")
    s.recv()
    send = lambda kind, body: s.send_multipart([("%s.%s" % (kind, body["sym"])).encode(), json.dumps(body).encode()])
    b = book(name)
    for x in b:
        send("inst", dict(sym=x["sym"], kind=x["kind"], underlying=x["und"], mult=1, venue=x["venue"]))
    for x in b:
        send("px", dict(sym=x["sym"], bid=x["bid"], ask=x["ask"], venue=x["venue"]))
    for x in b:
        for bk in BOOKS:
            send("pos", dict(sym=x["sym"], qty=x["held"][bk], avg_px=x["avg"], venue=x["venue"], book=bk))
    print("sent %d messages" % (len(b) * 4), flush=True)
    time.sleep(300)  # connected until the test has seen the book (it ends this)


def close(a, b):
    return isinstance(a, (int, float)) and abs(a - b) <= 1e-9 * max(1.0, abs(b))


def shows(s, name):
    """'' when the document s holds book name exactly, else what differs"""
    ins = {i.get("id"): i for i in s.get("instruments") or []}
    want = book(name)
    if sorted(ins) != sorted(x["id"] for x in want):
        return "instruments %d of %d" % (len(set(ins) & set(x["id"] for x in want)), len(want))
    for x in want:
        i = ins[x["id"]]
        if not close(i.get("qty"), sum(x["held"].values())) or not close(i.get("mid"), (x["bid"] + x["ask"]) / 2):
            return "%s qty %s mid %s" % (x["id"], i.get("qty"), i.get("mid"))
        h = {(l.get("book"), l.get("leg")): l.get("qty") for l in i.get("holdings") or []}
        for bk in BOOKS:
            if not close(h.get((bk, "net")), x["held"][bk]):
                return "%s book %s holds %s" % (x["id"], bk, h.get((bk, "net")))
    return ""


def cmd_shows(path, name, limit, pid):
    """wait until the engine's snapshot holds book name; print its version"""
    end, why = time.monotonic() + float(limit), "no snapshot"
    while time.monotonic() < end:
        running = alive(pid)
        l = tail_line(path)
        if l:
            s = json.loads(l)
            why = shows(s, name)
            if not why:
                print(s["version"])
                return
        if not running:
            fail("the engine (%s) exited before showing book %s" % (pid, name))
        time.sleep(0.1)
    fail("the engine never showed book %s within %s s: %s" % (name, limit, why))


def wait_all(vs, limit, cond, what):
    end = time.monotonic() + float(limit)
    while True:
        check_alive(vs)
        bad = [(pid, path) for pid, path, _ in vs if not cond(pid, path)]
        if not bad:
            return
        if time.monotonic() > end:
            pid, path = bad[0]
            l = tail_line(path)
            fail("%d of %d viewers not %s after %s s, e.g. %s: %s" % (
                len(bad), len(vs), what, limit, os.path.basename(path), (l or b"(no line)")[:160].decode(errors="replace")))
        time.sleep(0.1)


def cmd_started(limit, *args):
    wait_all(specs(args), limit, lambda pid, path: tail_line(path) is not None, "printing")
    print("%d viewers print" % len(args))


def cmd_reach(minver, limit, *args):
    """every viewer's last line: fresh (not stale) and at version >= minver"""
    def ok(pid, path):
        l = tail_line(path)
        p = l and split(l)
        return bool(p) and not p[0] and (version(p[3]) or 0) >= int(minver)
    t0 = time.monotonic()
    wait_all(specs(args), limit, ok, "fresh at version >= %s" % minver)
    print("%.1f" % (time.monotonic() - t0))


def cmd_converge(engfile, engpid, limit, *args):
    """Stop the engine (SIGSTOP): its version can no longer move. Every
    viewer's last line must come to that version and then be, without its
    three viewer keys, byte for byte the engine's line of that version. The
    engine is stopped only once every viewer has caught up with it; an
    update still in flight at the stop (the engine stopped between
    publishing and printing, or before its I/O thread wrote to every
    viewer) leaves a viewer apart from the last line printed: the engine
    runs on and the next attempt comes once the viewers have caught up."""
    vs = specs(args)
    end = time.monotonic() + float(limit)
    attempt, vers, ve = 0, [], None

    def viewer_versions():
        check_alive(vs)
        last = [split(tail_line(path) or b"") for _, path, _ in vs]
        return last, [version(p[3]) if p else None for p in last]

    try:
        while time.monotonic() < end:
            attempt += 1
            v0 = version(tail_line(engfile) or b"") or 0
            while time.monotonic() < end:  # the engine running, every viewer at its version of now
                last, vers = viewer_versions()
                if all(v is not None and v >= v0 for v in vers):
                    break
                time.sleep(0.1)
            os.kill(int(engpid), signal.SIGSTOP)
            eng = tail_line(engfile)
            ve = version(eng) if eng else None
            if ve is None:
                fail("no engine line")
            t = time.monotonic() + 1.5  # well within the 3 s of silence after which a viewer starts over
            while True:
                last, vers = viewer_versions()
                if all(v == ve for v in vers) or any(v is not None and v > ve for v in vers) or time.monotonic() > t:
                    break
                time.sleep(0.1)
            if all(v == ve for v in vers):
                for (pid, path, _), p in zip(vs, last):
                    if p[3] != eng:
                        fail("%s at the engine's final version %d differs from the engine's line: %s"
                             % (os.path.basename(path), ve, first_diff(p[3], eng)))
                print("%d viewer%s byte-identical to the engine's line at its final version %d (%d attempt%s)"
                      % (len(vs), "s" if len(vs) > 1 else "", ve, attempt, "s" if attempt > 1 else ""))
                return
            os.kill(int(engpid), signal.SIGCONT)
            t = time.monotonic() + 5
            while version(tail_line(engfile) or b"") == ve and time.monotonic() < t:
                time.sleep(0.05)
        fail("viewers never all at the engine's stopped version within %s s (%d attempts; last %s vs engine %s)"
             % (limit, attempt, sorted(set(vers), key=lambda v: v or 0)[:4], ve))
    finally:
        os.kill(int(engpid), signal.SIGCONT)


def cmd_stale(limit, minage, *args):
    """after the engine died: every viewer keeps printing its document, comes
    to say stale, with stale_age_s growing past minage (beyond the 3 s after
    which it starts over with new sockets)"""
    vs = specs(args)
    res = {}

    def ok(pid, path):
        start = dict((p, n) for p, _, n in vs)[pid]
        ls = complete_lines(path)[start:]
        st = [split(l) for l in ls]
        if any(p is None for p in st):
            fail("%s: a line without the viewer's keys" % os.path.basename(path))
        stale = [p for p in st if p[0]]
        if len(stale) < 2 or stale[-1][1] < float(minage):
            return False
        ages = [p[1] for p in stale]
        if any(b <= a for a, b in zip(ages, ages[1:])):
            fail("%s: stale_age_s does not grow: %s" % (os.path.basename(path), ages[:12]))
        if any(p[1] > 2.2 and not p[0] for p in st):
            fail("%s: not stale at stale_age_s > 2" % os.path.basename(path))
        if len(set(p[3] for p in stale)) != 1:
            fail("%s: the document changed while the engine was gone" % os.path.basename(path))
        res[pid] = (len(stale), ages[-1])
        return True

    wait_all(vs, limit, ok, "stale with stale_age_s >= %s" % minage)
    print("%d viewers stale, stale_age_s growing to %.1f-%.1f s" % (
        len(vs), min(a for _, a in res.values()), max(a for _, a in res.values())))


def cmd_history(engfiles, killed, maxres, *args):
    """Every line every viewer printed: at a version the engine printed, byte
    for byte the engine's line; versions and resyncs never go back; each
    viewer followed each engine run in turn. killed: runs ended by SIGKILL,
    whose last published version may be missing from their output."""
    runs = []
    for path in engfiles.split(","):
        d = {}
        for l in complete_lines(path):
            v = version(l)
            if v is not None:
                d[v] = l
        if not d:
            fail("no lines in %s" % path)
        runs.append((min(d), max(d), d))
    for a, b in zip(runs, runs[1:]):
        if b[0] <= a[1]:
            fail("an engine restarted with a version not above its predecessor's: %d <= %d" % (b[0], a[1]))
    killed = set(int(k) for k in killed.split(",") if k)
    compared = tails = 0
    res = []
    for pid, path, _ in specs(args):
        name = os.path.basename(path)
        last_v = last_r = -1
        seen = []
        for l in complete_lines(path):
            p = split(l)
            if p is None:
                fail("%s: a line without the viewer's keys: %r" % (name, l[:80]))
            v = version(p[3])
            if v is None or v < last_v:
                fail("%s: version went back from %s to %s" % (name, last_v, v))
            if p[2] < last_r:
                fail("%s: resyncs went back from %d to %d" % (name, last_r, p[2]))
            last_v, last_r = v, p[2]
            run = next((i for i, r in enumerate(runs) if r[0] <= v <= r[1]), None)
            if run is None:
                # a SIGKILL may land between publishing a version and printing it
                run = next((i for i, r in enumerate(runs) if i in killed and r[1] < v and
                            (i + 1 == len(runs) or v < runs[i + 1][0])), None)
                if run is None:
                    fail("%s: version %d is from no engine run" % (name, v))
                tails += 1
            elif v not in runs[run][2]:
                fail("%s: version %d was never printed by the engine" % (name, v))
            else:
                compared += 1
                if runs[run][2][v] != p[3]:
                    fail("%s: at version %d the document differs from the engine's: %s"
                         % (name, v, first_diff(p[3], runs[run][2][v])))
            if not seen or seen[-1] != run:
                seen.append(run)
        if seen != list(range(len(runs))):
            fail("%s followed engine runs %s, not each of %d in turn" % (name, seen, len(runs)))
        res.append(last_r)
    if max(res) > int(maxres):
        fail("a viewer resynchronised %d times (more than %s for %d engine runs): %s"
             % (max(res), maxres, len(runs), sorted(res)))
    print("%d lines of %d viewers byte-identical to the engine's lines of their versions, "
          "each viewer followed %d engine runs in turn, resyncs per viewer: max %d, total %d%s"
          % (compared, len(res), len(runs), max(res), sum(res),
             ", %d lines at a version published just before a SIGKILL" % tails if tails else ""))


if __name__ == "__main__":
    globals()["cmd_" + sys.argv[1]](*sys.argv[2:])
PYEOF
cat > "$TMP/fake.py" <<'PYEOF'
# A hostile engine for tests/e2e/viewers.sh, part 3: a ROUTER and a PUB
# (XPUB, to know when the viewer has subscribed) speaking docs/STATE.md.
# It keeps a true document per version, answers HELLO and SNAPSHOT from it,
# and publishes truncated, reordered and forged updates and garbage frames.
# After each step it waits (bounded) for the viewer's output to show the
# expected version, document and resync count. At the end every line the
# viewer printed is checked: valid JSON, and at version V exactly the true
# document of V. Step failures exit 1 ("FAIL: ..."); defects of the document
# are written to DEFECTS, one per line, and the script exits 0.
import json, os, re, sys, time, zlib, zmq

ep, pubep, out, vpid, defects_path = sys.argv[1:6]
PREFIX = re.compile(rb'\{"stale":(true|false),"stale_age_s":([0-9]+\.[0-9]{3}),"resyncs":([0-9]+),')
PARTS = ["feed", "portfolio", "risk", "underlyings", "limits", "books", "quote_params", "overrides",
         "security", "events", "series"]
EPOCH = 4242424242
EB = str(EPOCH).encode()
T_END = time.monotonic() + 90


def fail(msg):
    l = last()
    print("--- the viewer's last line: %s" % ((l or b"(none)")[:300].decode(errors="replace")))
    print("FAIL: hostile engine: " + msg)
    sys.exit(1)


def alive(pid):
    try:
        with open("/proc/%s/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


def cj(o):
    return json.dumps(o, separators=(",", ":"))


def part(p, n):
    """a value of part p, of the kind the engine writes (an array for three)"""
    o = {"part": p, "n": n}
    if p == "series":  # points are [t, pnl, var]
        return cj([[n if isinstance(n, int) else 0, 0, 0]])
    return cj([o] if p in ("underlyings", "books") else o)


ctx = zmq.Context()
router = ctx.socket(zmq.ROUTER)
router.setsockopt(zmq.LINGER, 0)
router.bind(ep)
pub = ctx.socket(zmq.XPUB)
pub.setsockopt(zmq.XPUB_VERBOSE, 1)  # every subscription, also a second one from a new SUB
pub.setsockopt(zmq.LINGER, 0)
pub.bind(pubep)

# ---- the true state, one document per version ----
st = {"version": 1000, "ts": 1700000000.125, "source": "fake engine",
      "parts": {p: part(p, 0) for p in PARTS},
      "inst": [cj({"id": "I%d" % i, "qty": i}) for i in range(3)]}
truth = {}


def document():
    return ('{"version":%d,"ts":%.3f,"source":%s,' % (st["version"], st["ts"], json.dumps(st["source"]))
            + ",".join('"%s":%s' % (p, st["parts"][p]) for p in PARTS)
            + ',"instruments":[' + ",".join(st["inst"]) + "]}").encode()


def canon(doc):
    """what a viewer holding doc prints: the schema's keys, its defaults for
    what the fake leaves out (the engine's own encoder, tests/tools/snapcanon.c)"""
    import subprocess
    r = subprocess.run([os.environ["SNAPCANON"]], input=doc, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return r.stdout if r.returncode == 0 else b"(a document no viewer shows)"


truth[st["version"]] = canon(document())


def change(parts=None, inst=None, source=None):
    """the next version: parts {name: text}, inst {index: text} (an index
    equal to the count appends); returns (version, prev, the update's JSON)"""
    prev = st["version"]
    st["version"] += 1
    st["ts"] += 0.25
    if source is not None:
        st["source"] = source
    for p, v in (parts or {}).items():
        st["parts"][p] = v
    for i, v in sorted((inst or {}).items()):
        if i == len(st["inst"]):
            st["inst"].append(v)
        else:
            st["inst"][i] = v
    truth[st["version"]] = canon(document())
    js = ('{"ts":%.3f,"source":%s,"ninst":%d,"parts":{%s},"instruments":[%s]}' % (
        st["ts"], json.dumps(st["source"]), len(st["inst"]),
        ",".join('"%s":%s' % (p, v) for p, v in (parts or {}).items()),
        ",".join("[%d,%s]" % (i, v) for i, v in sorted((inst or {}).items()))))
    return st["version"], prev, js.encode()


last_pub = time.monotonic()


def send(frames):
    global last_pub
    pub.send_multipart([f if isinstance(f, bytes) else str(f).encode() for f in frames])
    last_pub = time.monotonic()


def update(v, prev, js, epoch=EB):
    send([b"UPDATE", epoch, v, prev, zlib.compress(js)])  # bodies are deflated (docs/STATE.md)


# ---- the request channel ----
hellos = snaps = subs = 0
snap_script = []   # answers for the next SNAPSHOT requests (a list of frames after the envelope)
snap_delay = 0.0   # hold the next SNAPSHOT answer this long
held = []          # (due, identity) of held answers


def answer(ident):
    router.send_multipart([ident, b"", b"SNAPSHOT", EB, str(st["version"]).encode(), document()])


def service():
    global hellos, snaps, subs, snap_delay
    while router.poll(0):
        f = router.recv_multipart()
        if len(f) < 3 or f[1] != b"":
            continue
        ident, verb = f[0], f[2]
        if verb == b"HELLO":
            hellos += 1
            router.send_multipart([ident, b"", b"WELCOME", pubep.encode(), EB, b"invtop-state/2"])
        elif verb == b"SNAPSHOT":
            snaps += 1
            if snap_script:
                router.send_multipart([ident, b""] + snap_script.pop(0))
            elif snap_delay:
                held.append((time.monotonic() + snap_delay, ident))
                snap_delay = 0.0
            else:
                answer(ident)
        elif verb == b"COMMAND":
            router.send_multipart([ident, b"", b"ACK", f[3] if len(f) > 3 else b"0", b"refused", b"fake"])
    for due, ident in list(held):
        if time.monotonic() >= due:
            held.remove((due, ident))
            answer(ident)
    while pub.poll(0):
        m = pub.recv()
        if m[:1] == b"\x01":
            subs += 1
    if time.monotonic() - last_pub > 0.5:
        send([b"HUGZ", EB, st["version"]])  # a heartbeat at the version held, as the engine's


def last():
    try:
        with open(out, "rb") as f:
            f.seek(0, 2)
            f.seek(max(0, f.tell() - 65536))
            ls = f.read().split(b"\n")[:-1]
        return ls[-1] if ls else None
    except OSError:
        return None


def viewer():
    """(version, resyncs, document) of the viewer's last line, or None"""
    l = last()
    m = l and PREFIX.match(l)
    if not m:
        return None
    doc = b"{" + l[m.end():]
    v = re.match(rb'\{"version":([0-9]+),', doc)
    return (int(v.group(1)) if v else None), int(m.group(3)), doc


def pump(cond, limit, what):
    end = time.monotonic() + limit
    while True:
        service()
        if cond():
            return
        if not alive(vpid):
            fail("the viewer exited while waiting for %s" % what)
        if time.monotonic() > end or time.monotonic() > T_END:
            fail("no %s within %s s (hellos %d, snapshots asked %d, resyncs seen %s)"
                 % (what, limit, hellos, snaps, (viewer() or (0, "?"))[1]))
        time.sleep(0.005)


def at(v, resyncs=None, exact=True):
    def cond():
        s = viewer()
        return bool(s) and s[0] == v and (resyncs is None or s[1] == resyncs) and (not exact or s[2] == truth[v])
    return cond


def expect(v, resyncs, what, exact=True, limit=10):
    pump(at(v, resyncs, exact), limit, "%s: version %d%s" % (what, v, "" if resyncs is None else " with resyncs %d" % resyncs))


steps = []

# 0. the first snapshot, after four bad answers: not ready, a truncated
#    document, another epoch, not an object. The viewer asks again each time.
good = document()
snap_script[:] = [[b"NOTREADY", EB],
                  [b"SNAPSHOT", EB, b"1000", good[:len(good) // 2]],
                  [b"SNAPSHOT", str(EPOCH + 1).encode(), b"1000", good],
                  [b"SNAPSHOT", EB, b"1000", b"[1,2]"]]
pump(lambda: subs >= 1 and snaps >= 5, 15, "subscription and a fifth SNAPSHOT request")
expect(1000, 0, "the first good snapshot")
steps.append("snapshot after 4 bad answers")

# 1. a good update: a part, an instrument changed, one appended
v, p, js = change({"portfolio": part("portfolio", 1)}, {1: cj({"id": "I1", "qty": 10}), 3: cj({"id": "I3", "qty": 3})})
update(v, p, js)
expect(v, 0, "a good update")

# 2. truncated JSON: the chain is intact, the body is not -> resync
v, p, js = change({"portfolio": part("portfolio", 2)})
update(v, p, js[:len(js) // 2])
expect(v, 1, "resync after a truncated update")

# 3. reordered: v+2 (prev v+1) before v+1 -> a gap -> resync; the late v+1 is
#    dropped; sent once more later it is old and ignored
v1, p1, js1 = change({"risk": part("risk", 3)})
v2, p2, js2 = change({"risk": part("risk", 4)}, {0: cj({"id": "I0", "qty": 40})})
update(v2, p2, js2)
update(v1, p1, js1)
expect(v2, 2, "resync after reordered updates")
update(v1, p1, js1)
v, p, js = change({"limits": part("limits", 5)})
update(v, p, js)
expect(v, 2, "an old update ignored, the next applied")
steps.append("truncated and reordered updates resynced")

# 4. forged bodies on an intact chain, each -> resync
forged = [
    ("trailing bytes after the JSON", lambda js: js + b"x"),
    ("a key without a colon", lambda js: js.replace(b'"ts":', b'"ts" ', 1)),
    ("a bad escape", lambda js: js.replace(b'"source":"', b'"source":"\\q', 1)),
    ("a huge index", lambda js: b'{"ts":1,"source":"x","ninst":4,"parts":{},"instruments":[[99999999999999999999,{"id":"X"}]]}'),
    ("a negative index", lambda js: b'{"ts":1,"source":"x","ninst":4,"parts":{},"instruments":[[-1,{"id":"X"}]]}'),
    ("a fractional index", lambda js: b'{"ts":1,"source":"x","ninst":4,"parts":{},"instruments":[[1.5,{"id":"X"}]]}'),
    ("an instrument that is not an object", lambda js: b'{"ts":1,"source":"x","ninst":4,"parts":{},"instruments":[[0,"I0"]]}'),
]
r = 2
for what, forge in forged:
    v, p, js = change({"books": part("books", st["version"])}, {2: cj({"id": "I2", "qty": st["version"]})})
    update(v, p, forge(js))
    r += 1
    expect(v, r, "resync after %s" % what)
steps.append("bad JSON and bad indexes resynced")

# 5. torn: a good part, then an index past the end; the answer to the resync
#    is held 0.7 s (three of the viewer's lines) to see what it shows meanwhile
v, p, js = change({"portfolio": part("portfolio", "torn")}, {0: cj({"id": "I0", "qty": 50})})
snap_delay = 0.7
update(v, p, js.replace(b"[[0,", b"[[50,"))
r += 1
expect(v, r, "resync after an update with a good part and a bad index")
steps.append("torn update resynced")

# 6. another epoch on the stream: the viewer starts over at once (HELLO)
h0, s0, n0 = hellos, subs, snaps
update(st["version"] + 1, st["version"], b'{"ts":1,"source":"FORGED","ninst":4,"parts":{"portfolio":{"forged":1}},"instruments":[]}',
       epoch=str(EPOCH + 1).encode())
pump(lambda: hellos > h0 and subs > s0 and snaps > n0, 10, "a new HELLO, subscription and SNAPSHOT request after another epoch")
expect(st["version"], r, "the document after starting over")
steps.append("another epoch: started over")

# 7. garbage frames: ignored; then a chained update of random bytes: resync
for frames in ([b"\xff\x00garbage"], [b"UPDATE"], [b"", b"", b""], [b"UPDATE", EB, b"abc", b"1", b"{}"],
               [b"UPDATE", EB, b"99999999999999999999999", str(st["version"]).encode(), b"{}"],
               [b"UPDATE", EB, b"-3", b"-4", b"{}"], [b"HUGZ", EB, b"x"], [b"HUGZ", EB, b"7"],
               [b"HUGZ", EB, str(st["version"]).encode()], [b"JUNK", EB, b"1"], [b"UPDATE", b"", b"", b"", b""]):
    send(frames)
v, p, js = change({"events": part("events", 7)})
update(v, p, b"\xff" + os.urandom(200000))
r += 1
expect(v, r, "resync after 200 KB of random bytes")
v, p, js = change({"events": part("events", 8)})
update(v, p, js)
expect(v, r, "a good update after garbage")
steps.append("garbage frames ignored")

# 8. a lost update, its frames cut short, revealed by the next heartbeat
v, p, js = change({"series": part("series", 9)})
send([b"UPDATE", EB, v])
send([b"HUGZ", EB, v])
r += 1
expect(v, r, "resync after a heartbeat above the version held")
steps.append("lost update caught by the heartbeat")

# 9. a part of another kind than the engine writes (a JSON string for
#    events, an object): refused with a resync, and as the snapshot holds it
#    too, that version is never shown (the checks at the end); the repair
#    brings the viewer on. Then a well-formed update a viewer must carry
#    exactly, and bad JSON jsmn tolerates; each followed by a repair (the
#    checks at the end judge them)
v, p, js = change({"events": '"a string"'})
update(v, p, js)
r += 1
pump(lambda: (viewer() or (0, -1))[1] >= r, 10, "a resync after a part that is a JSON string")
wrong_kind = v
v, p, js = change({"events": part("events", 10)})
update(v, p, js)
expect(v, r, "the repaired part")
v, p, js = change(source='feed "A"\\B')
update(v, p, js)
expect(v, None, "a source with escapes", exact=False)
v, p, js = change(source="fake engine")
update(v, p, js)
expect(v, None, "the repaired source", exact=False)
v, p, js = change({"portfolio": part("portfolio", 11)})
update(v, p, js.replace(b'{"part":"portfolio","n":11}', b"nonsense"))
expect(v, None, "an update with a bare word for a part", exact=False)
bare_word = v
v, p, js = change({"portfolio": part("portfolio", 12)})
update(v, p, js)
expect(v, None, "the final good update", limit=10)
final_r = viewer()[1]

# ---- every line the viewer printed ----
with open(out, "rb") as f:
    ls = f.read().split(b"\n")[:-1]
defects = {}


def defect(kind, v, detail):
    d = defects.setdefault((v, kind), [0, detail])
    d[0] += 1


last_v = last_r = -1
for l in ls:
    m = PREFIX.match(l)
    if not m:
        fail("a line without the viewer's keys: %r" % l[:100])
    doc = b"{" + l[m.end():]
    vm = re.match(rb'\{"version":([0-9]+),', doc)
    if not vm:
        fail("a line without a version: %r" % l[:100])
    v, rs = int(vm.group(1)), int(m.group(3))
    if v < last_v:
        fail("version went back from %d to %d" % (last_v, v))
    if rs < last_r:
        fail("resyncs went back from %d to %d" % (last_r, rs))
    last_v, last_r = v, rs
    if v not in truth:
        fail("version %d is one the engine never had" % v)
    if v == wrong_kind:
        defect("a part of the wrong kind shown", v, "events a JSON string, not refused")
        continue
    try:
        json.loads(l)
    except ValueError as e:
        bad = re.search(rb'"(\w+)":([^\[{"0-9tfn-][^,]*|[a-z]\w*[^,}]*)', doc)
        defect("invalid JSON", v, "%s (%s)" % (e, bad.group(0)[:40].decode(errors="replace") if bad else ""))
        continue
    if doc != truth[v]:
        x, y = json.loads(doc), json.loads(truth[v])
        keys = [k for k in y if x.get(k) != y.get(k)]
        nxt = json.loads(truth[v + 1]) if v + 1 in truth else {}
        torn = " (the value of version %d: an update applied in part)" % (v + 1) if all(
            x.get(k) == nxt.get(k) for k in keys) else ""
        defect("differs from the engine's document", v,
               "; ".join("%s %s, engine %s" % (k, json.dumps(x.get(k))[:60], json.dumps(y.get(k))[:60])
                         for k in keys) + torn)
if final_r < r + 1:
    defect("bad JSON applied without a resync", bare_word,
           "a bare word (nonsense) as a part's value was applied; resyncs %d, expected %d" % (final_r, r + 1))

with open(defects_path, "w") as f:
    for (v, kind), (n, detail) in sorted(defects.items()):
        f.write("version %d: %s (%d line%s): %s\n" % (v, kind, n, "s" if n > 1 else "", detail))
print("%d steps (%s); %d lines, %d versions, resyncs %d, HELLOs %d, SNAPSHOT requests %d; %d defects"
      % (len(steps), ", ".join(steps), len(ls), len(set(truth)), final_r, hellos, snaps, len(defects)))
PYEOF
H() { $PY "$TMP/h.py" "$@"; }
# call CMD...: run a helper; its line in OUT, or fail with it
call() { OUT=$("$@") || fail "${OUT#FAIL: }"; }
# gone PID S: wait up to S seconds for PID to exit (then reap it: rc in RC)
gone() {
  for _ in $(seq 1 $(($2 * 10))); do alive "$1" || { wait "$1"; RC=$?; return 0; }; sleep 0.1; done
  return 1
}

# wait_line FILE PID WHAT: up to 20 s for the first line of a process's output
wait_line() {
  for _ in $(seq 1 200); do
    [ -f "$1" ] && [ "$(wc -l < "$1")" -ge 1 ] && return 0
    alive $2 || { wait $2; fail "$3 exited $?: $(tail -3 "${1%.jsonl}.err")"; }
    sleep 0.1
  done
  fail "$3 printed nothing in 20 s"
}

# ---- 1: one engine, 50 viewers ----
set -- $(H ports 2) || exit 1
SP=$1; FP=$2
EP=tcp://127.0.0.1:$SP
start_engine() { # NAME: the engine of parts 1 and 2, its lines in NAME.jsonl, pid in EPID
  "$INV" --headless --serve "$EP" --bind tcp://127.0.0.1:$FP --interval 200 --stale-ms 600000 \
    > "$TMP/$1.jsonl" 2> "$TMP/$1.err" & EPID=$!
  PIDS="$PIDS $EPID"
  wait_line "$TMP/$1.jsonl" $EPID "invtop --headless --serve $EP --bind tcp://127.0.0.1:$FP"
}
publish() { # BOOK: a publisher sends the book once the engine has subscribed; pid in PUBPID
  $PY "$TMP/h.py" publish $FP "$1" > "$TMP/pub$1.out" 2>&1 & PUBPID=$!
  PIDS="$PIDS $PUBPID"
}
VPIDS=""; SPECS=""
start_viewers() { # FROM TO
  for i in $(seq "$1" "$2"); do
    "$INV" --attach "$EP" --headless --interval 200 > "$TMP/v$i.jsonl" 2> "$TMP/v$i.err" &
    VPIDS="$VPIDS $!"; SPECS="$SPECS $!:$TMP/v$i.jsonl"; PIDS="$PIDS $!"
  done
}
start_engine eng1
start_viewers 1 25
call H started 30 $SPECS
publish A
call H shows "$TMP/eng1.jsonl" A 30 $EPID; VA=$OUT
kill $PUBPID; wait $PUBPID 2>/dev/null
start_viewers 26 $NV
call H reach "$VA" 60 $SPECS
call H converge "$TMP/eng1.jsonl" $EPID 60 $SPECS
echo "1: $OUT ($(elapsed) s)"

# ---- 2: the engine killed and restarted on the same endpoints ----
# restart SIGNAL NAME BOOK: stop the engine with SIGNAL; every viewer says
# stale, its age growing past 3.5 s (beyond the 3 s after which it starts
# over with new sockets);
# a new engine on the same endpoints gets BOOK; every viewer follows it
restart() {
  specs=""
  for s in $SPECS; do specs="$specs $s:$(wc -l < "${s#*:}")"; done
  kill -$1 $EPID
  gone $EPID 5 || fail "the engine did not exit within 5 s of SIG$1"
  [ "$1" = KILL ] || [ $RC = 0 ] || fail "the engine exited $RC on SIG$1: $(tail -2 "$TMP/$2.err")"
  call H stale 20 3.5 $specs; st=$OUT
  start_engine $2
  publish $3
  call H shows "$TMP/$2.jsonl" $3 30 $EPID; v=$OUT
  kill $PUBPID; wait $PUBPID 2>/dev/null
  call H reach "$v" 30 $SPECS; t=$OUT
  call H converge "$TMP/$2.jsonl" $EPID 60 $SPECS
  echo "2: SIG$1: $st; all fresh on the new engine's book ${t} s after it had it; $OUT ($(elapsed) s)"
}
restart KILL eng2 B
restart TERM eng3 C
for i in $(seq 1 $NV); do
  [ -s "$TMP/v$i.err" ] && fail "viewer $i wrote to stderr: $(head -2 "$TMP/v$i.err")"
done
kill $VPIDS
for p in $VPIDS; do
  gone $p 5 || fail "viewer $p still running 5 s after SIGTERM"
  [ $RC = 0 ] || fail "a viewer exited $RC on SIGTERM"
done
# the engine prints a version just after publishing it: stopped (SIGTERM is
# read between frames), it has printed every version a viewer could show
kill $EPID
gone $EPID 5 && [ $RC = 0 ] || fail "the engine did not exit 0 on SIGTERM"
call H history "$TMP/eng1.jsonl,$TMP/eng2.jsonl,$TMP/eng3.jsonl" 0 6 $SPECS
echo "2: $OUT"

# ---- 3: a hostile engine ----
set -- $(H ports 2) || exit 1
"$INV" --attach tcp://127.0.0.1:$1 --headless --interval 200 > "$TMP/hv.jsonl" 2> "$TMP/hv.err" & HV=$!
PIDS="$PIDS $HV"
P3=$(SNAPCANON="$BUILD/tests/snapcanon" $PY "$TMP/fake.py" tcp://127.0.0.1:$1 tcp://127.0.0.1:$2 "$TMP/hv.jsonl" $HV "$TMP/defects") || { echo "$P3"; exit 1; }
alive $HV || fail "the viewer of the hostile engine exited"
kill -TERM $HV
gone $HV 5 || fail "the viewer of the hostile engine still runs 5 s after SIGTERM"
[ $RC = 0 ] || fail "the viewer of the hostile engine exited $RC on SIGTERM"
echo "3: $P3 ($(elapsed) s)"

# ---- 4: commands ----
K="$TMP/keys"
for n in engine trader trader2 stranger relay; do
  "$INV" --keygen "$K" --key-name $n > /dev/null || fail "--keygen $n failed"
done
set -- $(H ports 3) || exit 1
E4=tcp://127.0.0.1:$1; E5=tcp://127.0.0.1:$2; E6=tcp://127.0.0.1:$3
J4="$TMP/j4.jsonl"; J6="$TMP/j6.jsonl"
skew() { echo "((([i for i in s['instruments'] if i['id'] == '$1'] or [{}])[0].get('override') or {}).get('skew_bps'))"; }
"$INV" --demo --headless --serve $E4 --curve-secret "$K/engine.key" --trader-keys "$K/trader.pub" \
  --journal "$J4" --interval 200 > "$TMP/e4.jsonl" 2> "$TMP/e4.err" & EP4=$!
PIDS="$PIDS $EP4"
wait_snap "$TMP/e4.jsonl" "any(i['id'] == 'BTC-PERP' for i in s['instruments'])" 20 $EP4
# a read-only viewer (a throwaway key pair) watches the engine
"$INV" --attach $E4 --server-key "$K/engine.pub" --headless --interval 200 > "$TMP/v4.jsonl" 2> "$TMP/v4.err" & V4=$!
PIDS="$PIDS $V4"
wait_snap "$TMP/v4.jsonl" "any(i['id'] == 'BTC-PERP' for i in s['instruments'])" 20 $V4
# plaintext to a CURVE engine: no handshake, no answer; runs meanwhile
t=$(date +%s)
( timeout 20 "$INV" --attach $E4 --exec 'skew BTC-PERP +7' > "$TMP/x0.out" 2>&1; echo $? $(($(date +%s) - t)) > "$TMP/x0.rc" ) &
X0=$!; PIDS="$PIDS $X0"
exec4() { # KEY CMD: --exec to E4 with the trader KEY (- for a throwaway pair); exit code in RC
  if [ "$1" = - ]; then timeout 20 "$INV" --attach $E4 --server-key "$K/engine.pub" --exec "$2" > "$TMP/x.out" 2>&1
  else timeout 20 "$INV" --attach $E4 --server-key "$K/engine.pub" --curve-secret "$K/$1.key" --exec "$2" > "$TMP/x.out" 2>&1; fi
  RC=$?
}
exec4 trader 'skew BTC-PERP +2'
[ $RC = 0 ] || fail "'skew BTC-PERP +2' with the trader's key exited $RC: $(cat "$TMP/x.out")"
wait_snap "$TMP/e4.jsonl" "$(skew BTC-PERP) == 2" 10 $EP4
wait_snap "$TMP/v4.jsonl" "$(skew BTC-PERP) == 2" 10 $V4
exec4 stranger 'skew BTC-PERP +7'
[ $RC = 1 ] || fail "an unknown key: --exec exited $RC, not 1"
exec4 - 'skew BTC-PERP +7'
[ $RC = 1 ] || fail "a throwaway key: --exec exited $RC, not 1"
wait $X0; read x0rc x0t < "$TMP/x0.rc"
[ "$x0rc" = 1 ] && [ "$x0t" -le 7 ] || fail "plaintext to a CURVE engine: --exec exited $x0rc after $x0t s (want 1 within ~5 s)"
wait_snap "$TMP/e4.jsonl" "s['security']['commands_refused'] == 2 and $(skew BTC-PERP) == 2" 10 $EP4
wait_snap "$TMP/v4.jsonl" "s['security']['commands_refused'] == 2 and $(skew BTC-PERP) == 2" 10 $V4
$PY - "$J4" "$K/trader.pub" <<'PYEOF' || exit 1
import json, sys
js = [json.loads(l) for l in open(sys.argv[1])]
key = open(sys.argv[2]).read().strip()
assert len(js) == 1, "%d journal lines, want the trader's one: %s" % (len(js), js)
j = js[-1]
assert j["ssh"] == "curve:" + key, "journal ssh %r, want curve:%s" % (j["ssh"], key)
assert j["sym"] == "BTC-PERP" and j["after"]["skew_bps"] == 2, j
PYEOF
kill -TERM $EP4 $V4
gone $EP4 5 && [ $RC = 0 ] || fail "the engine did not exit 0 on SIGTERM"
gone $V4 5 && [ $RC = 0 ] || fail "the viewer did not exit 0 on SIGTERM"
# without --curve-secret the engine is read-only
"$INV" --demo --headless --serve $E5 --interval 200 > "$TMP/e5.jsonl" 2> "$TMP/e5.err" & EP5=$!
PIDS="$PIDS $EP5"
wait_snap "$TMP/e5.jsonl" "any(i['id'] == 'BTC-PERP' for i in s['instruments'])" 20 $EP5
timeout 20 "$INV" --attach $E5 --exec 'skew BTC-PERP +2' > "$TMP/x.out" 2>&1; RC=$?
[ $RC = 1 ] && grep -q "read-only" "$TMP/x.out" || fail "a command to an engine without CURVE: exit $RC: $(cat "$TMP/x.out")"
wait_snap "$TMP/e5.jsonl" "s['security']['commands_refused'] == 1 and $(skew BTC-PERP) is None" 10 $EP5
kill -TERM $EP5; gone $EP5 5 && [ $RC = 0 ] || fail "the read-only engine did not exit 0 on SIGTERM"
# two traders, both keys in a --trader-keys directory, back to back on one instrument
mkdir "$TMP/traders"; cp "$K/trader.pub" "$K/trader2.pub" "$TMP/traders/"
"$INV" --demo --headless --serve $E6 --curve-secret "$K/engine.key" --trader-keys "$TMP/traders" \
  --journal "$J6" --interval 200 > "$TMP/e6.jsonl" 2> "$TMP/e6.err" & EP6=$!
PIDS="$PIDS $EP6"
wait_snap "$TMP/e6.jsonl" "any(i['id'] == 'BTC-PERP' for i in s['instruments'])" 20 $EP6
"$INV" --attach $E6 --server-key "$K/engine.pub" --headless --interval 200 > "$TMP/v6.jsonl" 2> "$TMP/v6.err" & V6=$!
PIDS="$PIDS $V6"
wait_snap "$TMP/v6.jsonl" True 20 $V6
timeout 20 "$INV" --attach $E6 --server-key "$K/engine.pub" --curve-secret "$K/trader.key" --user alice \
  --exec 'skew BTC-PERP +2' > "$TMP/xa.out" 2>&1 & XA=$!
timeout 20 "$INV" --attach $E6 --server-key "$K/engine.pub" --curve-secret "$K/trader2.key" --user bob \
  --exec 'skew BTC-PERP +3' > "$TMP/xb.out" 2>&1 & XB=$!
wait $XA || fail "alice's skew exited $?: $(cat "$TMP/xa.out")"
wait $XB || fail "bob's skew exited $?: $(cat "$TMP/xb.out")"
for f in e6 v6; do
  wait_snap "$TMP/$f.jsonl" "$(skew BTC-PERP) == 5 and {'alice', 'bob'} <= {t.split(' by ')[-1]
    for t in (e['text'] for e in s['events']['last']) if 'BTC-PERP skew+' in t}" 10
done
$PY - "$J6" "$K/trader.pub" "$K/trader2.pub" <<'PYEOF' || exit 1
import json, sys
js = [json.loads(l) for l in open(sys.argv[1])]
keys = {"alice": open(sys.argv[2]).read().strip(), "bob": open(sys.argv[3]).read().strip()}
assert len(js) == 2 and sorted(j["user"] for j in js) == ["alice", "bob"], js
for j in js:
    assert j["ssh"] == "curve:" + keys[j["user"]], j
first, second = js
assert first["before"]["skew_bps"] is None and second["before"]["skew_bps"] == first["after"]["skew_bps"], js
assert second["after"]["skew_bps"] == 5, js
PYEOF
kill -TERM $EP6 $V6
gone $EP6 5 && [ $RC = 0 ] || fail "the engine of the two traders did not exit 0 on SIGTERM"
gone $V6 5 && [ $RC = 0 ] || fail "the viewer of the two traders did not exit 0 on SIGTERM"
echo "4: trader's skew applied (engine, viewer, journal curve key); unknown key, throwaway key refused (2 counted), plaintext no answer ($x0t s); read-only engine refuses; two traders applied in order, skew 5 ($(elapsed) s)"

# ---- 5: the forwarder ----
set -- $(H ports 4) || exit 1
"$INV" --demo --headless --serve tcp://127.0.0.1:$1 --serve-pub tcp://127.0.0.1:$2 --curve-secret "$K/engine.key" \
  --trader-keys "$K/trader.pub" --interval 200 > "$TMP/e7.jsonl" 2> "$TMP/e7.err" & EP7=$!
PIDS="$PIDS $EP7"
wait_snap "$TMP/e7.jsonl" True 20 $EP7
"$RELAY" --engine tcp://127.0.0.1:$1 --engine-pub tcp://127.0.0.1:$2 --engine-key "$K/engine.pub" \
  --curve-secret "$K/relay.key" --bind tcp://127.0.0.1:$3 --bind-pub tcp://127.0.0.1:$4 > "$TMP/relay.out" 2>&1 & RP=$!
PIDS="$PIDS $RP"
"$INV" --attach tcp://127.0.0.1:$3 --attach-pub tcp://127.0.0.1:$4 --server-key "$K/relay.pub" --headless \
  --interval 200 > "$TMP/v7.jsonl" 2> "$TMP/v7.err" & V7=$!
PIDS="$PIDS $V7"
v=$($PY -c 'import json,sys; from e2elines import complete_lines; print(json.loads(complete_lines(sys.argv[1])[-1])["version"])' "$TMP/e7.jsonl")
call H reach "$v" 30 $V7:"$TMP/v7.jsonl"
call H converge "$TMP/e7.jsonl" $EP7 30 $V7:"$TMP/v7.jsonl"; P5=$OUT
# downstream refuses plaintext on both sockets (the handshake fails); the
# engine sees the relay's key, not the trader's: the trader's command is refused
$PY - $3 $4 <<'PYEOF' || exit 1
import sys, time, zmq, zmq.utils.monitor as M
ctx = zmq.Context()
for port, kind in ((sys.argv[1], zmq.DEALER), (sys.argv[2], zmq.SUB)):
    s = ctx.socket(kind)
    mon = s.get_monitor_socket()
    s.connect("tcp://127.0.0.1:%s" % port)
    end, ev = time.time() + 10, None
    while ev is None and time.time() < end:
        if mon.poll(100):
            e = M.recv_monitor_message(mon)["event"]
            if e == zmq.EVENT_HANDSHAKE_SUCCEEDED:
                sys.exit("FAIL: a plaintext peer got through the relay on port %s" % port)
            if e in (zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL, zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL):
                ev = e
    if ev is None:
        sys.exit("FAIL: no handshake failure for a plaintext peer on port %s within 10 s" % port)
PYEOF
timeout 20 "$INV" --attach tcp://127.0.0.1:$3 --attach-pub tcp://127.0.0.1:$4 --server-key "$K/relay.pub" \
  --curve-secret "$K/trader.key" --exec 'skew BTC-PERP +1' > "$TMP/x.out" 2>&1; RC=$?
[ $RC = 1 ] && grep -q "not a trader" "$TMP/x.out" || fail "a command through the relay: exit $RC: $(cat "$TMP/x.out")"
alive $V7 || fail "the viewer behind the relay exited"
kill -TERM $V7
gone $V7 5 && [ $RC = 0 ] || fail "the viewer behind the relay did not exit 0 on SIGTERM"
kill -TERM $RP $EP7
gone $RP 5 && [ $RC = 0 ] || fail "invtop-relay did not exit 0 on SIGTERM"
gone $EP7 5 && [ $RC = 0 ] || fail "the engine behind the relay did not exit 0 on SIGTERM"
call H history "$TMP/e7.jsonl" "" 2 $V7:"$TMP/v7.jsonl"
echo "5: relay, CURVE both hops: $P5, all its lines too; plaintext refused downstream; the relay's key is not a trader's ($(elapsed) s)"

if [ -s "$TMP/defects" ]; then
  echo "--- the viewer of the hostile engine (part 3):"; cat "$TMP/defects"
  fail "$(wc -l < "$TMP/defects") defects in the viewer's document (part 3, listed above)"
fi
echo "ok: $NV viewers byte-identical to the engine at its version, across a SIGKILL and a SIGTERM restart; hostile engine: viewer resyncs, never crashes; trader commands by key only; relay CURVE both hops ($(elapsed) s)"
