#!/usr/bin/env python3
"""Bytes per second the dashboard sends a terminal at steady state.

Runs `invtop --demo` (the synthetic market, 1,000 msg/s, 10 frames/s) in a
pseudo-terminal of each size for SECONDS and counts what it writes after the
first WARM seconds. Baseline in the same run: the size of a full repaint
(Ctrl-L, five times, less the steady traffic of the same moments) times the
frame rate, which is what redrawing the whole screen every frame would cost
over the same link. Issue 19's budgets (htop at 10 fps costs about 1.75 KB/s
at 80x24) are printed beside the two sizes they name. The demo's market is
seeded by the clock, so runs differ by a few per cent: 20 steady seconds
average over about 250 fills.
Usage: demo_traffic.py BUILD [SECONDS] [WARM]"""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

build = sys.argv[1] if len(sys.argv) > 1 else "build"
# warm past the first 30 s: the risk panel's histogram starts drawing at 30
# scenarios, and it is the dearest panel once it does
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 55
warm = float(sys.argv[3]) if len(sys.argv) > 3 else 35
FPS = 10
BUDGET = {(80, 24): 1750, (160, 48): 3500}  # bytes/s, issue 19


def read_for(fd, secs):
    """Bytes the terminal receives over the next secs seconds (None: it closed)."""
    end, got = time.perf_counter() + secs, 0
    while True:
        left = end - time.perf_counter()
        if left <= 0:
            return got
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                got += len(os.read(fd, 65536))
            except OSError:
                return None


def measure(cols, rows):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.environ.update(TERM="xterm-256color", LANG="C.UTF-8")
        os.execv(os.path.join(build, "invtop"), ["invtop", "--demo", "--fps", str(FPS)])
    read_for(fd, warm)
    steady = read_for(fd, seconds - warm)
    rate = steady / (seconds - warm) if steady is not None else float("nan")
    repaints = []
    for _ in range(5):
        os.write(fd, b"\x0c")  # Ctrl-L: the next frame repaints everything
        window = 2.5 / FPS
        burst = read_for(fd, window)
        if burst is not None:
            repaints.append(burst - rate * window)
        read_for(fd, 0.3)
    os.write(fd, b"q")
    read_for(fd, 0.3)
    os.waitpid(pid, 0)
    os.close(fd)
    full = statistics.median(repaints) * FPS if repaints else float("nan")
    budget = BUDGET.get((cols, rows))
    verdict = ("   budget %5d: %s" % (budget, "within" if rate <= budget else "OVER")) if budget else ""
    print("  %3dx%-3d  %8.0f bytes/s (%5.1f kbit/s)   full repaint every frame %8.0f bytes/s   ratio %.3f%s"
          % (cols, rows, rate, rate * 8 / 1000, full, rate / full, verdict))


print("terminal traffic at steady state: invtop --demo, 1,000 msg/s, %d frames/s, %.0f s after %.0f s warm-up"
      % (FPS, seconds - warm, warm))
for cols, rows in ((80, 24), (160, 48), (200, 60)):
    measure(cols, rows)
