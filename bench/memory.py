#!/usr/bin/env python3
"""Peak RSS of invtop --headless for 10 and 10,000 instruments with a full
return history (window 500, 20 underlyings preloaded by --history), beside an
empty book in the same run. Peak RSS comes from wait4 (ru_maxrss).
Usage: memory.py BUILD"""
import json, math, os, subprocess, sys, tempfile

build = sys.argv[1] if len(sys.argv) > 1 else "build"
tmp = tempfile.mkdtemp()
hist = os.path.join(tmp, "hist.csv")
with open(hist, "w") as f:
    f.write("time," + ",".join("U%d" % u for u in range(20)) + "\n")
    for t in range(600):
        f.write("%d," % t + ",".join("%.4f" % (100 * math.exp(0.001 * math.sin(t + u))) for u in range(20)) + "\n")

def recording(n):
    path = os.path.join(tmp, "rec%d.jsonl" % n)
    with open(path, "w") as f:
        t = 1700000000.0
        for i in range(n):
            s = "I%05d" % i
            for topic, body in (("inst." + s, {"sym": s, "kind": "perp", "underlying": "U%d" % (i % 20), "lot": 1}),
                                ("pos." + s, {"sym": s, "qty": i % 7 - 3, "avg_px": 100}),
                                ("px." + s, {"sym": s, "mid": 100 + i % 13})):
                f.write(json.dumps({"t": t, "topic": topic, "body": body}) + "\n")
            t += 0.0001
        for k in range(1, 4):  # a few seconds so risk runs on the full window
            f.write(json.dumps({"t": t + k, "topic": "px.I00000", "body": {"sym": "I00000", "mid": 100 + k}}) + "\n")
    return path

def peak_kb(n):
    args = [os.path.join(build, "invtop"), "--headless", "--history", hist, "--speed", "max",
            "--journal", "/dev/null", "--interval", "1000"]
    args += ["--replay", recording(n)] if n else ["--replay", recording(0)]
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    assert status == 0, "invtop failed"
    return ru.ru_maxrss

base = peak_kb(0)
print("memory: peak RSS of invtop --headless --replay, window 500 over 20 underlyings (--history)")
print("  %-28s %8d kB" % ("baseline: empty book", base))
for n in (10, 10000):
    kb = peak_kb(n)
    print("  %-28s %8d kB   ratio to baseline %.2f   %+d kB (%.2f kB per instrument)" % (
        "%d instruments" % n, kb, kb / base, kb - base, (kb - base) / n))
