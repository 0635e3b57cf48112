/* loop.c - live and replay event loops (see loop.h). */
#include "invtop/loop.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#include "invtop/headless.h"
#include "invtop/histload.h"
#include "invtop/ingest.h"
#include "invtop/record.h"
#include "invtop/riskrun.h"
#include "invtop/sub.h"

typedef struct {
    const invtop_opts *o;
    book *book;
    ingest in;
    riskrun risk;
    recorder rec;
    bool recording;
    jw out;
    uint64_t msgs_at_snap;
    double snap_time; /* event time of the previous snapshot */
    long long snaps;
    bool done;
    int status;
} app;

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Print one snapshot at event time now; sets done after --count. */
static void snapshot(app *a, double now)
{
    uint64_t received = headless_received(&a->in.stats);
    headless_ctx c = {
        .now = now,
        .period_s = now - a->snap_time,
        .period_msgs = received - a->msgs_at_snap,
        .stale_s = a->o->stale_s,
        .record_errors = a->recording ? a->rec.errors : 0,
    };
    rr_refresh(&a->risk, a->book, now);
    if (headless_snapshot(&a->out, a->book, &a->in.stats, &a->risk, &c) != 0) {
        fprintf(stderr, "invtop: out of memory writing a snapshot\n");
        a->status = 1;
        a->done = true;
        return;
    }
    if (fwrite(a->out.buf, 1, a->out.len, stdout) != a->out.len || fflush(stdout) != 0) {
        fprintf(stderr, "invtop: cannot write to stdout: %s\n", strerror(errno));
        a->status = 1;
        a->done = true;
        return;
    }
    a->msgs_at_snap = received;
    a->snap_time = now;
    if (a->o->count && ++a->snaps >= a->o->count)
        a->done = true;
}

static bool signalled(int fd, int timeout_ms)
{
    if (fd < 0)
        return false;
    struct pollfd p = {fd, POLLIN, 0};
    return poll(&p, 1, timeout_ms) > 0;
}

static int run_live(app *a, int signal_fd)
{
    char err[256];
    void *ctx = zmq_ctx_new();
    sub s = {0};
    if (!ctx || sub_open(&s, ctx, &a->o->feed, err, sizeof err) != 0) {
        fprintf(stderr, "invtop: %s\n", ctx ? err : "cannot create a ZeroMQ context");
        if (ctx)
            zmq_ctx_term(ctx);
        return 1;
    }
    double interval = a->o->interval_s;
    double next_snap = clock_s(CLOCK_MONOTONIC) + interval;
    a->snap_time = clock_s(CLOCK_REALTIME);
    while (!a->done) {
        zmq_pollitem_t items[2] = {{s.socket, 0, ZMQ_POLLIN, 0}, {NULL, signal_fd, ZMQ_POLLIN, 0}};
        double wait = next_snap - clock_s(CLOCK_MONOTONIC);
        double risk_wait = rr_due_in(&a->risk, clock_s(CLOCK_REALTIME));
        if (risk_wait < wait)
            wait = risk_wait;
        long timeout_ms = wait > 0 ? (long)ceil(wait * 1000) : 0;
        int n = zmq_poll(items, signal_fd >= 0 ? 2 : 1, timeout_ms);
        if (n < 0 && errno != EINTR) {
            fprintf(stderr, "invtop: poll failed: %s\n", zmq_strerror(errno));
            a->status = 1;
            break;
        }
        if (n > 0 && signal_fd >= 0 && (items[1].revents & ZMQ_POLLIN))
            break;
        double drain_until = clock_s(CLOCK_MONOTONIC) + LOOP_DRAIN_SECONDS;
        for (int k = 0; k < LOOP_DRAIN_MAX; k++) {
            sub_msg m;
            int r = sub_recv(&s, &m);
            if (r <= 0) {
                if (r < 0 && errno != EINTR) {
                    fprintf(stderr, "invtop: receive failed: %s\n", zmq_strerror(errno));
                    a->status = 1;
                    a->done = true;
                }
                break;
            }
            const char *frames[2] = {m.data[0], m.data[1]};
            (void)ingest_frames(&a->in, m.nframes, frames, m.len, clock_s(CLOCK_REALTIME));
            sub_msg_close(&m);
            if ((k & 63) == 63 && clock_s(CLOCK_MONOTONIC) > drain_until)
                break;
        }
        rr_tick(&a->risk, a->book, clock_s(CLOCK_REALTIME));
        double mono = clock_s(CLOCK_MONOTONIC);
        if (!a->done && mono >= next_snap) {
            snapshot(a, clock_s(CLOCK_REALTIME));
            next_snap += interval;
            if (next_snap < mono)
                next_snap = mono + interval; /* fell behind: do not burst */
        }
    }
    sub_close(&s);
    zmq_ctx_term(ctx);
    return a->status;
}

static int run_replay(app *a, int signal_fd)
{
    replay rp;
    if (replay_open(&rp, a->o->replay) != 0) {
        fprintf(stderr, "invtop: cannot open %s: %s\n", a->o->replay, strerror(errno));
        return 1;
    }
    double interval = a->o->interval_s, t0 = NAN, next_snap = 0, wall0 = 0, last_t = 0;
    bool since_snap = false;
    replay_msg m;
    int r;
    unsigned long k = 0;
    while (!a->done && (r = replay_next(&rp, &m)) == 1) {
        if (isnan(t0)) {
            t0 = m.t;
            a->snap_time = t0;
            next_snap = t0 + interval;
            wall0 = clock_s(CLOCK_MONOTONIC);
        }
        if (a->o->speed > 0) {
            double wait = wall0 + (m.t - t0) / a->o->speed - clock_s(CLOCK_MONOTONIC);
            if (signalled(signal_fd, wait > 0 ? (int)ceil(wait * 1000) : 0))
                break;
        } else if ((++k & 4095) == 0 && signalled(signal_fd, 0)) {
            break;
        }
        rr_tick(&a->risk, a->book, m.t); /* samples due before this message */
        if (m.t >= next_snap) {
            snapshot(a, next_snap);
            since_snap = false;
            next_snap += interval;
            if (next_snap <= m.t) /* a quiet stretch: skip to the boundary after m.t */
                next_snap = t0 + (floor((m.t - t0) / interval) + 1) * interval;
            if (a->done)
                break;
        }
        const char *frames[2] = {m.topic, m.body};
        size_t lens[2] = {m.topic_len, m.body_len};
        (void)ingest_frames(&a->in, 2, frames, lens, m.t);
        since_snap = true;
        last_t = m.t;
    }
    if (r < 0) {
        fprintf(stderr, "invtop: reading %s failed: %s\n", a->o->replay, strerror(errno));
        a->status = 1;
    } else if (!a->done && since_snap) {
        snapshot(a, last_t); /* the state at the end of the recording */
    }
    if (rp.bad_lines)
        fprintf(stderr, "invtop: %s: skipped %lu unreadable line(s)\n", a->o->replay,
                rp.bad_lines);
    replay_close(&rp);
    return a->status;
}

int loop_run(const invtop_opts *o, int signal_fd)
{
    app a = {.o = o};
    a.book = book_new(o->max_instruments);
    if (!a.book) {
        fprintf(stderr, "invtop: cannot allocate a book of %zu instruments\n", o->max_instruments);
        return 1;
    }
    if (o->record) {
        if (recorder_open(&a.rec, o->record) != 0) {
            fprintf(stderr, "invtop: cannot open %s for recording: %s\n", o->record,
                    strerror(errno));
            book_free(a.book);
            return 1;
        }
        a.recording = true;
    }
    ingest_init(&a.in, a.book, a.recording ? &a.rec : NULL);
    rr_params rp = o->risk;
    if (o->replay && o->speed == 0)
        rp.mc_async = false; /* a max-speed replay must give the same numbers every run */
    int status = 1;
    if (rr_init(&a.risk, &rp, o->max_instruments) != 0) {
        fprintf(stderr, "invtop: cannot set up the risk engine (memory or thread)\n");
    } else if (o->history && histload_csv(o->history, a.risk.hist) != 0) {
        /* histload_csv said why */
    } else {
        status = o->replay ? run_replay(&a, signal_fd) : run_live(&a, signal_fd);
    }
    rr_free(&a.risk);
    if (a.recording && recorder_close(&a.rec) != 0) {
        fprintf(stderr, "invtop: closing the recording %s failed\n", o->record);
        status = 1;
    }
    jw_free(&a.out);
    book_free(a.book);
    return status;
}
