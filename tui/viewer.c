/* viewer.c - invtop --attach: a thin viewer of a remote engine (see
 * viewer.h). No feed, no book, no risk: the engine's snapshots, shown by the
 * same front ends as a local engine's, and commands sent back to it. */
#include "tui/viewer.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#include "invtop/attach.h"
#include "tui/screen.h"
#include "invtop/command.h"
#include "invtop/snapwire.h"
#include "invtop/user.h"

/* How long --exec waits for the engine's answer. */
#define EXEC_TIMEOUT_S 5.0

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The viewer's CURVE keys: its own pair (--curve-secret) and the engine's
 * public key (--server-key). Returns 0, or -1 after a reason on stderr. */
static int load_keys(const invtop_opts *o, char *secret, char *server, bool *curve)
{
    char err[300];
    *curve = o->attach_server_key != NULL;
    if (o->engine.curve_secret && curve_read_key(o->engine.curve_secret, false, secret, err, sizeof err) != 0) {
        fprintf(stderr, "invtop: %s\n", err);
        return -1;
    }
    if (*curve && curve_read_key(o->attach_server_key, true, server, err, sizeof err) != 0) {
        fprintf(stderr, "invtop: %s\n", err);
        return -1;
    }
    return 0;
}

/* Wait for input on the attach sockets (and fd when >= 0) up to wait_s;
 * returns 1 when fd is readable, -1 on a signal, 0 otherwise. */
static int wait_input(attach *at, int signal_fd, int fd, double wait_s)
{
    zmq_pollitem_t items[4];
    size_t n = attach_pollitems(at, items);
    int sig_at = -1, fd_at = -1;
    if (signal_fd >= 0) {
        sig_at = (int)n;
        items[n++] = (zmq_pollitem_t){NULL, signal_fd, ZMQ_POLLIN, 0};
    }
    if (fd >= 0) {
        fd_at = (int)n;
        items[n++] = (zmq_pollitem_t){NULL, fd, ZMQ_POLLIN, 0};
    }
    int r = zmq_poll(items, (int)n, wait_s > 0 ? (long)ceil(wait_s * 1000) : 0);
    if (r > 0 && sig_at >= 0 && (items[sig_at].revents & ZMQ_POLLIN))
        return -1;
    return r > 0 && fd_at >= 0 && (items[fd_at].revents & ZMQ_POLLIN) ? 1 : 0;
}

static int run_exec(const invtop_opts *o, attach *at, int signal_fd)
{
    command c;
    char err[256];
    if (cmd_parse(o->exec, &c, err, sizeof err) != 0) {
        fprintf(stderr, "invtop: refused: %s\n", err);
        return 1;
    }
    char user[64];
    if (attach_command(at, 1, user_name(o->user, user, sizeof user), o->exec) != 0) {
        fprintf(stderr, "invtop: cannot send the command: %s\n", zmq_strerror(errno));
        return 1;
    }
    double deadline = mono_s() + EXEC_TIMEOUT_S;
    attach_ack ack;
    while (mono_s() < deadline) {
        if (wait_input(at, signal_fd, -1, 0.1) < 0)
            return 1;
        attach_service(at, mono_s());
        if (attach_take_ack(at, &ack) && ack.id == 1) {
            fprintf(ack.applied ? stdout : stderr, "invtop: %s: %s\n", ack.applied ? "applied" : "refused", ack.msg);
            return ack.applied ? 0 : 1;
        }
    }
    if (at->contacted)
        fprintf(stderr, "invtop: the engine at %s did not answer the command within %.0f s\n", o->attach,
                EXEC_TIMEOUT_S);
    else
        fprintf(stderr, "invtop: nothing answered at %s within %.0f s: is an engine serving there%s?\n",
                o->attach, EXEC_TIMEOUT_S, o->attach_server_key ? ", and is --server-key its public key" : "");
    return 1;
}

static int run_headless(const invtop_opts *o, attach *at, int signal_fd)
{
    jw doc = {0};
    double period = o->interval_s, next = mono_s() + period;
    long long printed = 0;
    int status = 0;
    for (;;) {
        double now = mono_s();
        int r = wait_input(at, signal_fd, -1, next - now);
        if (r < 0)
            break;
        now = mono_s();
        attach_service(at, now);
        if (now < next)
            continue;
        next += period;
        if (next < now)
            next = now + period;
        if (!at->have)
            continue; /* nothing to show before the first snapshot */
        if (snapw_document(&doc, &at->st) != 0) {
            fprintf(stderr, "invtop: out of memory\n");
            status = 1;
            break;
        }
        double silence = attach_silence(at, now);
        char head[320];
        int n = snprintf(head, sizeof head, "{\"stale\":%s,\"stale_age_s\":%.3f,\"resyncs\":%llu,",
                         attach_stale(at, now) ? "true" : "false", silence,
                         (unsigned long long)at->resyncs);
        if (fwrite(head, 1, (size_t)n, stdout) != (size_t)n ||
            fwrite(doc.buf + 1, 1, doc.len - 1, stdout) != doc.len - 1 || fflush(stdout) != 0) {
            fprintf(stderr, "invtop: cannot write to stdout: %s\n", strerror(errno));
            status = 1;
            break;
        }
        if (o->count && ++printed >= o->count)
            break;
    }
    jw_free(&doc);
    return status;
}

/* ---- the dashboard on a remote engine ---- */

typedef struct {
    attach *at;
    const char *user;
    uint64_t next_id;
} remote_sink;

static fe_answer remote_send(void *ctx, const command *c, uint64_t id, char *msg, size_t cap)
{
    remote_sink *rs = ctx;
    char text[CMD_TEXT_MAX];
    (void)id;
    if (cmd_format(c, text, sizeof text) < 0 || attach_command(rs->at, ++rs->next_id, rs->user, text) != 0) {
        snprintf(msg, cap, "cannot send to the engine");
        return FE_REFUSED;
    }
    snprintf(msg, cap, "%s sent, waiting for the engine", text);
    return FE_PENDING;
}

/* What the viewer last told the user about the engine, so that only
 * changes become lines of the event log. */
typedef struct {
    bool stale;        /* the document held was stale */
    uint64_t restarts; /* the engine restarts already told */
} engine_watch;

/* Tell f's event log (at event time now) what changed of the engine at
 * endpoint since w: it restarted (a new epoch), it went silent (the
 * document held turned stale), it is live again. Nothing before the
 * first snapshot. */
static void watch_engine(frontend *f, const attach *at, engine_watch *w, const char *endpoint, double now,
                         double mono)
{
    char line[200];
    if (!f->notice || !at->have)
        return;
    if (at->restarts != w->restarts) {
        w->restarts = at->restarts;
        snprintf(line, sizeof line, "ENGINE RESTARTED at %s: waiting for its snapshot", endpoint);
        f->notice(f, now, true, line);
    }
    bool stale = attach_stale(at, mono);
    if (stale == w->stale)
        return;
    w->stale = stale;
    if (stale && attach_silence(at, mono) > ATTACH_STALE_S)
        snprintf(line, sizeof line, "ENGINE SILENT: nothing from %s for %.0f s; figures stale", endpoint,
                 attach_silence(at, mono));
    else if (stale) /* another engine on the update stream: starting over */
        snprintf(line, sizeof line, "engine at %s starting over; figures stale", endpoint);
    else
        snprintf(line, sizeof line, "engine at %s live again (version %llu)", endpoint,
                 (unsigned long long)at->st.version);
    f->notice(f, now, stale, line);
}

static int viewer_screen(const invtop_opts *o, attach *at, int signal_fd)
{
    screen scr;
    snap s;
    char user[64];
    remote_sink rs = {at, user_name(o->user, user, sizeof user), 0};
    engine_watch w = {false, 0};
    if (screen_start(&scr, o, 1) != 0)
        return 1;
    frontend *f = &scr.fe;
    f->source = o->attach;
    f->remote = o->attach;
    /* trader: as the engine says (WELCOME) */
    f->sink = (fe_sink){remote_send, NULL, &rs, false,
                        "only a key on the engine's --trader-keys may"};
    snap_init(&s);
    double next = mono_s();
    while (!f->done) {
        double now = mono_s();
        int r = wait_input(at, signal_fd, f->input_fd, next - now);
        if (r < 0)
            break;
        now = mono_s();
        attach_service(at, now);
        f->sink.trader = at->trader;
        attach_ack ack;
        while (attach_take_ack(at, &ack))
            if (f->ack)
                f->ack(f, ack.id, ack.applied ? FE_APPLIED : FE_REFUSED, ack.msg);
        if (r > 0)
            f->input(f, isnan(s.ts) ? 0 : s.ts);
        if (attach_take_changed(at) && snap_copy(&s, &at->st) != 0)
            fprintf(stderr, "invtop: out of memory\n"); /* keep the last good snapshot */
        watch_engine(f, at, &w, o->attach, s.ts, now);
        if (now < next)
            continue;
        next = now + f->period_s;
        s.engine_silence_s = attach_silence(at, now);
        if (s.version)
            f->frame(f, &s, s.ts);
    }
    int status = f->status;
    screen_stop(&scr);
    snap_free(&s);
    return status;
}

int viewer_run(const invtop_opts *o, int signal_fd)
{
    char secret[CURVE_KEY_LEN + 1] = "", server[CURVE_KEY_LEN + 1] = "", err[300];
    bool curve;
    if (load_keys(o, secret, server, &curve) != 0)
        return 2;
    void *ctx = zmq_ctx_new();
    if (!ctx) {
        fprintf(stderr, "invtop: cannot create a ZeroMQ context\n");
        return 1;
    }
    attach at;
    uint64_t seed = (uint64_t)getpid() * 0x9E3779B97F4A7C15ull ^ (uint64_t)(mono_s() * 1e9);
    int status = 1;
    if (attach_open(&at, ctx, o->attach, o->attach_pub, secret[0] ? secret : NULL, curve ? server : NULL, seed,
                    mono_s(), err, sizeof err) != 0) {
        fprintf(stderr, "invtop: %s\n", err);
    } else {
        if (o->exec)
            status = run_exec(o, &at, signal_fd);
        else if (o->headless)
            status = run_headless(o, &at, signal_fd);
        else
            status = viewer_screen(o, &at, signal_fd);
        attach_close(&at);
    }
    zmq_ctx_term(ctx);
    return status;
}
