/* loop.c - the event loop: live (ZeroMQ or the in-process demo market) and
 * replay, driving a front end (see loop.h). */
#include "invtop/loop.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#include "invtop/app.h"
#include "invtop/frontend.h"
#include "invtop/headless.h"
#include "invtop/ordexec.h"
#include "invtop/snapbuild.h"
#include "invtop/snapwire.h"
#include "invtop/serve.h"
#include "invtop/record.h"
#include "invtop/sub.h"
#include "invtop/subread.h"
#include "invtop/synth.h"

/* Messages per second of the --demo market. */
#define DEMO_RATE 1000.0

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- the local sink: the dashboard's commands to the engine in this process ---- */

typedef struct {
    app *a;
    double now; /* event time of the input or frame being handled */
} local_sink;

static fe_answer local_send(void *ctx, const command *c, uint64_t id, char *msg, size_t cap)
{
    (void)id; /* answered at once: no ack follows */
    local_sink *ls = ctx;
    app *a = ls->a;
    if (!a->cfg.trader) {
        snprintf(msg, cap, "read-only: start invtop with --trader");
        return FE_REFUSED;
    }
    return app_command(a, c, ls->now, a->user, a->ssh, "key", msg, cap) == 0 ? FE_APPLIED : FE_REFUSED;
}

static fe_answer local_reload(void *ctx, char *msg, size_t cap)
{
    local_sink *ls = ctx;
    return app_reload(ls->a, msg, cap) == 0 ? FE_APPLIED : FE_REFUSED;
}

/* ---- frames: the engine's state as a snapshot, shown by the front end ---- */

typedef struct {
    snap s;              /* the newest snapshot, rebuilt every frame */
    server *sv;          /* --serve: viewers get every snapshot, NULL without */
    uint64_t msgs_at_rate;
    double rate_t, rate; /* event time of the last rate window, its rate */
    local_sink sink;     /* the context of the front end's sink, when local */
} frame_state;

/* Read the front end's input at event time now (its commands carry it). */
static void fe_input(frontend *f, frame_state *fr, double now)
{
    fr->sink.now = now;
    f->input(f, now);
}

static void emit_frame(frame_state *fr, frontend *f, app *a, double now)
{
    uint64_t msgs = headless_received(&a->in.stats);
    if (isnan(fr->rate_t) || now - fr->rate_t >= 1 || now < fr->rate_t) {
        fr->rate = isnan(fr->rate_t) || now <= fr->rate_t ? 0 : (double)(msgs - fr->msgs_at_rate) / (now - fr->rate_t);
        fr->msgs_at_rate = msgs;
        fr->rate_t = now;
    }
    snapbuild_ctx c = {now, fr->rate, f->source};
    if (snapbuild(&fr->s, a, &c) != 0) {
        fprintf(stderr, "invtop: out of memory building a snapshot\n");
        f->status = 1;
        f->done = true;
        return;
    }
    if (fr->sv && serve_publish(fr->sv, &fr->s, clock_s(CLOCK_MONOTONIC)) != 0)
        fprintf(stderr, "invtop: out of memory publishing the state; viewers will resync\n");
    fr->sink.now = now;
    f->frame(f, &fr->s, now);
}

/* A remote viewer's command, carried out at the engine's event time. */
typedef struct {
    app *a;
} serve_ctx;

static int serve_command(void *ctx, const command *c, const char *who, const char *key, char *msg,
                         size_t cap)
{
    app *a = ((serve_ctx *)ctx)->a;
    char origin[64];
    if (!c) {
        evlog_add(&a->log, app_now(a, clock_s(CLOCK_REALTIME)), EVLOG_ALERT,
                  "COMMAND REFUSED from %.20s (key %.8s): %.60s", who, key[0] ? key : "none", msg);
        return -1;
    }
    snprintf(origin, sizeof origin, "curve:%s", key);
    double now = app_now(a, a->cfg.replay ? a->in.stats.last_msg_time : clock_s(CLOCK_REALTIME));
    return app_command(a, c, now, who, origin, "viewer", msg, cap);
}

/* Answer viewers (--serve): requests, heartbeat, the command counters. */
static void serve_turn(app *a, frame_state *fr)
{
    if (!fr->sv)
        return;
    serve_ctx sc = {a};
    serve_poll(fr->sv, serve_command, &sc);
    serve_heartbeat(fr->sv, clock_s(CLOCK_MONOTONIC));
    if (a->sec) {
        a->sec->commands_applied = fr->sv->commands_applied;
        a->sec->commands_refused = fr->sv->commands_refused;
    }
}

/* ---- the in-process demo market ---- */

typedef struct {
    synth *s;
    double start;       /* monotonic time the market started */
    uint64_t generated;
    jw topic, body;
    ordexec *ex;        /* hedge orders executed by the demo market (no --orders) */
} demo_src;

static int demo_touch(void *ctx, const char *sym, double *bid, double *ask)
{
    return synth_touch(ctx, sym, bid, ask);
}

/* Generate the messages due by monotonic time mono (bounded per call), and
 * let the market fill the quotes invtop suggests: the loop, closed. */
static void demo_pump(demo_src *d, app *a, double mono, double budget_s)
{
    double due = (mono - d->start) * DEMO_RATE;
    double until = clock_s(CLOCK_MONOTONIC) + budget_s;
    while ((double)d->generated < due && clock_s(CLOCK_MONOTONIC) < until) {
        if (synth_next(d->s, &d->topic, &d->body) != 0)
            return;
        const char *frames[2] = {d->topic.buf, d->body.buf};
        size_t lens[2] = {d->topic.len, d->body.len};
        app_message(a, 2, frames, lens, clock_s(CLOCK_REALTIME));
        d->generated++;
        size_t i = a->in.last_index; /* the market fills the effective quote */
        if (i < a->qt.cap && a->qt.e[i].eff.valid)
            (void)synth_set_quote(d->s, book_at(a->book, i)->sym, a->qt.e[i].eff.bid, a->qt.e[i].eff.ask);
    }
    if (d->ex) /* hedges the engine sent (a key, a viewer, automatic): acked and filled */
        ordexec_flush(d->ex, clock_s(CLOCK_REALTIME), NULL, NULL);
}

/* ---- loops ---- */

/* The receive-side time the engine's clock may advance to live: the wall
 * clock, but not past a message the reader already took and the loop has
 * not (its receive time comes first), so no price is judged stale that a
 * waiting message refreshed. */
static double live_recv(subread *sock)
{
    double recv = clock_s(CLOCK_REALTIME), oldest;
    if (sock && subread_oldest_time(sock, &oldest) && oldest < recv)
        recv = oldest;
    return recv;
}

static int run_live(frontend *f, app *a, frame_state *fr, subread *sock, demo_src *demo, int signal_fd)
{
    double next_frame = clock_s(CLOCK_MONOTONIC) + f->period_s;
    while (!f->done) {
        zmq_pollitem_t items[8];
        int n_items = 0, sig_at = -1, in_at = -1;
        if (a->ord_sock)
            items[n_items++] = (zmq_pollitem_t){a->ord_sock, 0, ZMQ_POLLIN, 0};
        if (sock)
            items[n_items++] = (zmq_pollitem_t){NULL, subread_fd(sock), ZMQ_POLLIN, 0};
        sec_state *sec = a->sec;
        if (sec && sec->zap_on)
            items[n_items++] = (zmq_pollitem_t){sec->zap.rep, 0, ZMQ_POLLIN, 0};
        if (sec && sec->mon_feed.pair)
            items[n_items++] = (zmq_pollitem_t){sec->mon_feed.pair, 0, ZMQ_POLLIN, 0};
        if (sec && sec->mon_quotes.pair)
            items[n_items++] = (zmq_pollitem_t){sec->mon_quotes.pair, 0, ZMQ_POLLIN, 0};
        if (fr->sv)
            items[n_items++] = (zmq_pollitem_t){fr->sv->router, 0, ZMQ_POLLIN, 0};
        if (signal_fd >= 0) {
            sig_at = n_items;
            items[n_items++] = (zmq_pollitem_t){NULL, signal_fd, ZMQ_POLLIN, 0};
        }
        if (f->input_fd >= 0) {
            in_at = n_items;
            items[n_items++] = (zmq_pollitem_t){NULL, f->input_fd, ZMQ_POLLIN, 0};
        }
        double mono = clock_s(CLOCK_MONOTONIC);
        double wait = next_frame - mono;
        double risk_wait = app_tick(a, app_now(a, live_recv(sock))); /* the engine's timer */
        if (risk_wait < wait && !a->in.clock_ts)
            wait = risk_wait;
        double notify_wait = app_alerts_poll(a, mono); /* the notify command's children */
        if (notify_wait < wait)
            wait = notify_wait;
        if (demo && wait > 0.002)
            wait = 0.002;
        if (sock && subread_pending(sock))
            wait = 0; /* the drain budget left messages: no sleeping */
        long timeout_ms = wait > 0 ? (long)ceil(wait * 1000) : 0;
        int n = zmq_poll(items, n_items, timeout_ms);
        if (n < 0 && errno != EINTR) {
            fprintf(stderr, "invtop: poll failed: %s\n", zmq_strerror(errno));
            f->status = 1;
            break;
        }
        if (n > 0 && sig_at >= 0 && (items[sig_at].revents & ZMQ_POLLIN))
            break;
        if (sec)
            sec_poll(sec); /* handshakes are answered before data is read */
        serve_turn(a, fr);
        double recv_now = clock_s(CLOCK_REALTIME);
        app_orders_read(a, app_now(a, recv_now));
        if (f->input && (n < 0 || (in_at >= 0 && (items[in_at].revents & ZMQ_POLLIN))))
            fe_input(f, fr, app_now(a, recv_now)); /* EINTR may be SIGWINCH: look at the keys */
        if (f->done)
            break;
        double drain_until = clock_s(CLOCK_MONOTONIC) + LOOP_DRAIN_SECONDS;
        subread_msg m;
        for (int k = 0; sock && k < LOOP_DRAIN_MAX && subread_peek(sock, &m); k++) {
            app_message(a, m.nframes, m.data, m.len, m.recv_time);
            subread_done(sock);
            if ((k & 63) == 63 && clock_s(CLOCK_MONOTONIC) > drain_until)
                break;
        }
        if (sock && atomic_load(&sock->error) && !subread_pending(sock)) {
            fprintf(stderr, "invtop: receive failed: %s\n", zmq_strerror(atomic_load(&sock->error)));
            f->status = 1;
            f->done = true;
        }
        if (demo)
            demo_pump(demo, a, clock_s(CLOCK_MONOTONIC), LOOP_DRAIN_SECONDS);
        mono = clock_s(CLOCK_MONOTONIC);
        if (!f->done && mono >= next_frame) {
            double now = app_now(a, clock_s(CLOCK_REALTIME));
            app_tick(a, app_now(a, live_recv(sock)));
            emit_frame(fr, f, a, now);
            next_frame += f->period_s;
            if (next_frame < mono)
                next_frame = mono + f->period_s; /* fell behind: do not burst */
        }
    }
    return f->status;
}

/* Wait until monotonic time `until` (or a signal, or input, read at the
 * last message's event time). Returns true on a signal. */
static bool replay_wait(frontend *f, app *a, frame_state *fr, int signal_fd, double until)
{
    for (;;) {
        double wait = until - clock_s(CLOCK_MONOTONIC);
        zmq_pollitem_t p[3] = {{NULL, signal_fd, ZMQ_POLLIN, 0}, {NULL, f->input_fd, ZMQ_POLLIN, 0},
                               {fr->sv ? fr->sv->router : NULL, -1, ZMQ_POLLIN, 0}};
        long ms = wait > 0 ? (long)ceil(wait * 1000) : 0;
        if (fr->sv && ms > 1000)
            ms = 1000; /* heartbeats go out every second */
        double notify_wait = app_alerts_poll(a, clock_s(CLOCK_MONOTONIC));
        if (notify_wait * 1000 < ms)
            ms = (long)ceil(notify_wait * 1000);
        int r = zmq_poll(p, fr->sv ? 3 : 2, ms);
        if (r > 0 && (p[0].revents & ZMQ_POLLIN))
            return true;
        if (f->input && (r < 0 || (p[1].revents & ZMQ_POLLIN)))
            fe_input(f, fr, app_now(a, a->in.stats.last_msg_time));
        serve_turn(a, fr);
        if (until - clock_s(CLOCK_MONOTONIC) <= 0 || f->done)
            return false;
    }
}

/* --replay: open the recording at path and read its first message into
 * *first, before any view starts, so that a file that cannot be read or
 * holds no message is said where it can be seen (not under the dashboard).
 * Returns 0 (rp open: replay_close it), or 1 after one line on stderr (rp
 * closed): cannot open, cannot read, or no message in it (empty, or only
 * unreadable lines), each a runtime failure. */
static int replay_first(const char *path, replay *rp, replay_msg *first)
{
    assert(path && rp && first);
    if (replay_open(rp, path) != 0) {
        fprintf(stderr, "invtop: cannot open replay file %s: %s\n", path, strerror(errno));
        return 1;
    }
    int r = replay_next(rp, first);
    if (r < 0)
        fprintf(stderr, "invtop: cannot read replay file %s: %s\n", path, strerror(errno));
    else if (r == 0 && rp->bad_lines)
        fprintf(stderr, "invtop: replay file %s has 0 messages: its %lu line(s) are all unreadable\n", path,
                rp->bad_lines);
    else if (r == 0)
        fprintf(stderr, "invtop: replay file %s is empty: 0 messages\n", path);
    if (r == 1)
        return 0;
    replay_close(rp);
    return 1;
}

/* Replay rp, whose first message replay_first read into first. */
static int run_replay(frontend *f, app *a, frame_state *fr, int signal_fd, replay *rp, const replay_msg *first)
{
    double period = f->period_s, t0 = NAN, next_frame = 0, wall0 = 0, last_t = 0;
    bool since_frame = false;
    replay_msg m = *first;
    int r = 1;
    unsigned long k = 0;
    while (r == 1 && !f->done) {
        double now = app_now(a, m.t);
        /* with --clock ts the event clock starts at the first ts: frames and
         * pacing start with it, not with the recorded receive times before */
        bool clock_on = !a->in.clock_ts || !isnan(a->in.clock);
        if (isnan(t0) && clock_on) {
            t0 = now;
            next_frame = f->event_time_frames ? t0 + period : clock_s(CLOCK_MONOTONIC) + period;
            wall0 = clock_s(CLOCK_MONOTONIC);
        }
        if (isnan(t0)) {
            /* nothing to pace or show yet */
        } else if (a->cfg.speed > 0) {
            if (replay_wait(f, a, fr, signal_fd, wall0 + (now - t0) / a->cfg.speed))
                break;
        } else if ((++k & 4095) == 0 && replay_wait(f, a, fr, signal_fd, 0)) {
            break;
        }
        app_tick(a, now); /* samples due before this message */
        if (isnan(t0)) {
            /* no frame before the clock starts */
        } else if (f->event_time_frames && now >= next_frame) {
            emit_frame(fr, f, a, next_frame);
            since_frame = false;
            next_frame += period;
            if (next_frame <= now) /* a quiet stretch: skip to the boundary after now */
                next_frame = t0 + (floor((now - t0) / period) + 1) * period;
        } else if (!f->event_time_frames && clock_s(CLOCK_MONOTONIC) >= next_frame) {
            emit_frame(fr, f, a, now);
            next_frame = clock_s(CLOCK_MONOTONIC) + period;
        }
        if (f->done)
            break;
        const char *frames[2] = {m.topic, m.body};
        size_t lens[2] = {m.topic_len, m.body_len};
        app_message(a, 2, frames, lens, m.t);
        since_frame = true;
        last_t = app_now(a, m.t);
        r = replay_next(rp, &m);
    }
    if (r < 0) {
        fprintf(stderr, "invtop: reading replay file %s failed: %s\n", a->cfg.replay, strerror(errno));
        f->status = 1;
    } else if (!f->done && (since_frame || !f->event_time_frames)) {
        emit_frame(fr, f, a, last_t); /* the state at the end of the recording */
        /* the dashboard stays on the last picture until the user quits */
        while (!f->event_time_frames && !f->done && !replay_wait(f, a, fr, signal_fd, clock_s(CLOCK_MONOTONIC) + period))
            emit_frame(fr, f, a, last_t);
    }
    if (rp->bad_lines)
        fprintf(stderr, "invtop: %s: skipped %lu unreadable line(s)\n", a->cfg.replay, rp->bad_lines);
    return f->status;
}

static int run(const engcfg *o, const sub_opts *feed, frontend *f, app *a, frame_state *fr, void *ctx,
               int signal_fd, replay *rp, const replay_msg *first)
{
    char err[256];
    if (o->replay)
        return run_replay(f, a, fr, signal_fd, rp, first);
    if (o->demo) {
        synth_opts so;
        synth_default_opts(&so);
        so.dt = 1.0 / DEMO_RATE;
        so.options = true; /* the demo shows an options book and a pool range too */
        so.start_ts = clock_s(CLOCK_REALTIME);
        so.seed = (unsigned long)so.start_ts;
        demo_src d = {synth_new(&so), clock_s(CLOCK_MONOTONIC), 0, {0}, {0}, NULL};
        if (!d.s) {
            fprintf(stderr, "invtop: cannot start the demo market\n");
            return 1;
        }
        if (!o->orders) { /* the demo market takes the hedges itself, in memory like the market */
            ord_in_memory(&a->orders);
            a->ord_via = "the demo market (in process)";
            if (!(d.ex = ordexec_new(a, OC_DEFAULT_FEE_BPS, demo_touch, d.s))) {
                fprintf(stderr, "invtop: out of memory\n");
                synth_free(d.s);
                return 1;
            }
        }
        int rc = run_live(f, a, fr, NULL, &d, signal_fd);
        ordexec_free(d.ex);
        synth_free(d.s);
        jw_free(&d.topic);
        jw_free(&d.body);
        return rc;
    }
    sub sock = {0};
    if (sub_open(&sock, ctx, feed, err, sizeof err) != 0) {
        fprintf(stderr, "invtop: %s\n", err);
        return 1;
    }
    sec_monitor(a->sec, ctx, sock.socket, ZAP_FEED);
    subread reader;
    if (subread_start(&reader, &sock) != 0) {
        fprintf(stderr, "invtop: cannot start the feed's reader thread: %s\n", strerror(errno));
        sub_close(&sock);
        return 1;
    }
    int rc = run_live(f, a, fr, &reader, NULL, signal_fd);
    subread_stop(&reader);
    sub_close(&sock);
    return rc;
}

/* A short description of the source for the status bar. */
static void describe_source(const engcfg *o, char *out, size_t cap)
{
    if (o->demo)
        snprintf(out, cap, "DEMO synthetic market");
    else if (o->replay)
        snprintf(out, cap, "replay %s x%s", o->replay, o->speed > 0 ? "" : "max");
    else if (o->feed.nconnect)
        snprintf(out, cap, "%s%s", o->feed.connect[0], o->feed.nconnect + o->feed.nbind > 1 ? " +more" : "");
    else
        snprintf(out, cap, "bound %s%s", o->feed.bind[0], o->feed.nbind > 1 ? " +more" : "");
}

/* A number that differs between runs: the engine's epoch for viewers. */
static uint64_t random_epoch(void)
{
    uint64_t e = 0;
    FILE *f = fopen("/dev/urandom", "rb");
    if (!f || fread(&e, sizeof e, 1, f) != 1)
        e = (uint64_t)(clock_s(CLOCK_REALTIME) * 1e6) ^ ((uint64_t)getpid() << 32);
    if (f)
        fclose(f);
    return e >> 11; /* 53 bits: exact in a JSON number too */
}

/* --serve: the state channel for viewers. Returns 0 (nothing to do, or
 * open), or -1 after a one-line reason on stderr. */
static int open_server(const engcfg *o, void *ctx, const sec_state *sec, server *sv,
                       frame_state *fr)
{
    char err[320];
    if (!o->serve)
        return 0;
    if (serve_open(sv, ctx, o->serve, o->serve_pub, sec->feed_key ? sec->feed_secret : NULL,
                   sec->traders.n ? &sec->traders : NULL, random_epoch(), err, sizeof err) != 0) {
        fprintf(stderr, "invtop: %s\n", err);
        return -1;
    }
    fr->sv = sv;
    return 0;
}

int loop_run(const engcfg *o, const loop_view *view, int signal_fd)
{
    assert(o && view && view->start && view->stop);
    static app zero_app;
    app a = zero_app;
    frame_state fr = {.rate_t = NAN, .sink = {&a, NAN}};
    server sv;
    snap_init(&fr.s);
    char source[160];
    describe_source(o, source, sizeof source);
    void *ctx = zmq_ctx_new();
    if (!ctx) {
        fprintf(stderr, "invtop: cannot create a ZeroMQ context\n");
        return 1;
    }
    int status = 1;
    bool deterministic = o->replay && o->speed == 0 && view->deterministic;
    replay rp;
    replay_msg first;
    if (o->replay && replay_first(o->replay, &rp, &first) != 0) {
        zmq_ctx_term(ctx);
        return 1;
    }
    sub_opts feed = o->feed;
    sec_state *sec = calloc(1, sizeof *sec);
    frontend *f = NULL;
    if (!sec || sec_load(sec, o, &feed) != 0 || sec_start(sec, ctx) != 0) {
        /* sec_load and sec_start said why */
    } else if (app_init(&a, o, ctx, deterministic, sec) == 0 && open_server(o, ctx, sec, &sv, &fr) == 0) {
        if (a.publishing)
            sec_monitor(sec, ctx, a.pub.socket, ZAP_QUOTES);
        if (sec->warning[0])
            fprintf(stderr, "invtop: warning: %s\n", sec->warning);
        if ((f = view->start(view->ctx)) != NULL) { /* the view said why not */
            f->source = source;
            f->sink = (fe_sink){local_send, local_reload, &fr.sink, o->trader, NULL};
            status = run(o, &feed, f, &a, &fr, ctx, signal_fd, &rp, &first);
            view->stop(view->ctx);
        }
    }
    if (o->replay)
        replay_close(&rp);
    if (fr.sv)
        serve_close(fr.sv);
    app_free(&a);
    if (sec)
        sec_stop(sec);
    free(sec);
    snap_free(&fr.s);
    zmq_ctx_term(ctx);
    return status;
}
