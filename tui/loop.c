/* loop.c - live and replay event loops (see loop.h). */
#include "invtop/loop.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#include "invtop/app.h"
#include "invtop/headless.h"
#include "invtop/record.h"
#include "invtop/sub.h"

typedef struct {
    app app;
    jw out;
    uint64_t msgs_at_snap;
    double snap_time; /* event time of the previous snapshot */
    long long snaps;
    bool done;
    int status;
} loop_state;

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Print one snapshot at event time now; sets done after --count. */
static void snapshot(loop_state *s, double now)
{
    app *a = &s->app;
    uint64_t received = headless_received(&a->in.stats);
    headless_ctx c = {
        .now = now,
        .period_s = now - s->snap_time,
        .period_msgs = received - s->msgs_at_snap,
        .stale_s = a->o->stale_s,
        .record_errors = a->recording ? a->rec.errors : 0,
        .quotes_published = a->qt.published,
    };
    rr_refresh(&a->risk, a->book, now);
    if (headless_snapshot(&s->out, a->book, &a->in.stats, &a->risk, &a->qt, &c) != 0) {
        fprintf(stderr, "invtop: out of memory writing a snapshot\n");
        s->status = 1;
        s->done = true;
        return;
    }
    if (fwrite(s->out.buf, 1, s->out.len, stdout) != s->out.len || fflush(stdout) != 0) {
        fprintf(stderr, "invtop: cannot write to stdout: %s\n", strerror(errno));
        s->status = 1;
        s->done = true;
        return;
    }
    s->msgs_at_snap = received;
    s->snap_time = now;
    if (a->o->count && ++s->snaps >= a->o->count)
        s->done = true;
}

static bool signalled(int fd, int timeout_ms)
{
    if (fd < 0)
        return false;
    struct pollfd p = {fd, POLLIN, 0};
    return poll(&p, 1, timeout_ms) > 0;
}

static int run_live(loop_state *s, sub *sock, int signal_fd)
{
    app *a = &s->app;
    double interval = a->o->interval_s;
    double next_snap = clock_s(CLOCK_MONOTONIC) + interval;
    s->snap_time = app_now(a, clock_s(CLOCK_REALTIME));
    while (!s->done) {
        zmq_pollitem_t items[2] = {{sock->socket, 0, ZMQ_POLLIN, 0}, {NULL, signal_fd, ZMQ_POLLIN, 0}};
        double wait = next_snap - clock_s(CLOCK_MONOTONIC);
        double risk_wait = app_tick(a, app_now(a, clock_s(CLOCK_REALTIME)));
        if (risk_wait < wait && !a->in.clock_ts)
            wait = risk_wait;
        long timeout_ms = wait > 0 ? (long)ceil(wait * 1000) : 0;
        int n = zmq_poll(items, signal_fd >= 0 ? 2 : 1, timeout_ms);
        if (n < 0 && errno != EINTR) {
            fprintf(stderr, "invtop: poll failed: %s\n", zmq_strerror(errno));
            s->status = 1;
            break;
        }
        if (n > 0 && signal_fd >= 0 && (items[1].revents & ZMQ_POLLIN))
            break;
        double drain_until = clock_s(CLOCK_MONOTONIC) + LOOP_DRAIN_SECONDS;
        for (int k = 0; k < LOOP_DRAIN_MAX; k++) {
            sub_msg m;
            int r = sub_recv(sock, &m);
            if (r <= 0) {
                if (r < 0 && errno != EINTR) {
                    fprintf(stderr, "invtop: receive failed: %s\n", zmq_strerror(errno));
                    s->status = 1;
                    s->done = true;
                }
                break;
            }
            const char *frames[2] = {m.data[0], m.data[1]};
            app_message(a, m.nframes, frames, m.len, clock_s(CLOCK_REALTIME));
            sub_msg_close(&m);
            if ((k & 63) == 63 && clock_s(CLOCK_MONOTONIC) > drain_until)
                break;
        }
        double mono = clock_s(CLOCK_MONOTONIC);
        if (!s->done && mono >= next_snap) {
            double now = app_now(a, clock_s(CLOCK_REALTIME));
            app_tick(a, now);
            snapshot(s, now);
            next_snap += interval;
            if (next_snap < mono)
                next_snap = mono + interval; /* fell behind: do not burst */
        }
    }
    return s->status;
}

static int run_replay(loop_state *s, int signal_fd)
{
    app *a = &s->app;
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
    while (!s->done && (r = replay_next(&rp, &m)) == 1) {
        double now = app_now(a, m.t);
        if (isnan(t0)) {
            t0 = now;
            s->snap_time = t0;
            next_snap = t0 + interval;
            wall0 = clock_s(CLOCK_MONOTONIC);
        }
        if (a->o->speed > 0) {
            double wait = wall0 + (now - t0) / a->o->speed - clock_s(CLOCK_MONOTONIC);
            if (signalled(signal_fd, wait > 0 ? (int)ceil(wait * 1000) : 0))
                break;
        } else if ((++k & 4095) == 0 && signalled(signal_fd, 0)) {
            break;
        }
        app_tick(a, now); /* samples due before this message */
        if (now >= next_snap) {
            snapshot(s, next_snap);
            since_snap = false;
            next_snap += interval;
            if (next_snap <= now) /* a quiet stretch: skip to the boundary after now */
                next_snap = t0 + (floor((now - t0) / interval) + 1) * interval;
            if (s->done)
                break;
        }
        const char *frames[2] = {m.topic, m.body};
        size_t lens[2] = {m.topic_len, m.body_len};
        app_message(a, 2, frames, lens, m.t);
        since_snap = true;
        last_t = app_now(a, m.t);
    }
    if (r < 0) {
        fprintf(stderr, "invtop: reading %s failed: %s\n", a->o->replay, strerror(errno));
        s->status = 1;
    } else if (!s->done && since_snap) {
        snapshot(s, last_t); /* the state at the end of the recording */
    }
    if (rp.bad_lines)
        fprintf(stderr, "invtop: %s: skipped %lu unreadable line(s)\n", a->o->replay, rp.bad_lines);
    replay_close(&rp);
    return s->status;
}

int loop_run(const invtop_opts *o, int signal_fd)
{
    static loop_state zero;
    loop_state s = zero;
    void *ctx = NULL;
    sub sock = {0};
    char err[256];
    int status = 1;
    if (!o->replay || o->quotes) {
        ctx = zmq_ctx_new();
        if (!ctx) {
            fprintf(stderr, "invtop: cannot create a ZeroMQ context\n");
            return 1;
        }
    }
    bool deterministic = o->replay && o->speed == 0;
    if (app_init(&s.app, o, ctx, deterministic) != 0) {
        /* app_init said why */
    } else if (!o->replay && sub_open(&sock, ctx, &o->feed, err, sizeof err) != 0) {
        fprintf(stderr, "invtop: %s\n", err);
    } else {
        status = o->replay ? run_replay(&s, signal_fd) : run_live(&s, &sock, signal_fd);
    }
    sub_close(&sock);
    app_free(&s.app);
    jw_free(&s.out);
    if (ctx)
        zmq_ctx_term(ctx);
    return status;
}
