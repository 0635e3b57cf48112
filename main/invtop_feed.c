/* feed_main.c - invtop-feed: publish the synthetic market over ZeroMQ. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#include "invtop/curve.h"
#include "invtop/ordconsumer.h"
#include "invtop/synth.h"
#include "tui/toolopts.h"
#include "invtop/wire.h"
#include "invtop/zap.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double wall_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void sleep_s(double s)
{
    if (s <= 0)
        return;
    struct timespec ts = {(time_t)s, (long)((s - floor(s)) * 1e9)};
    nanosleep(&ts, NULL);
}

typedef struct {
    char secret[CURVE_KEY_LEN + 1], server[CURVE_KEY_LEN + 1];
    bool have_secret, have_server;
    curve_allow allow;
    zap_handler zap;
    bool zap_on;
} feed_keys;

static int load_keys(const feed_opts *o, feed_keys *k, void *ctx)
{
    char err[300];
    if (o->curve_secret && curve_read_key(o->curve_secret, false, k->secret, err, sizeof err) != 0)
        goto fail;
    k->have_secret = o->curve_secret != NULL;
    if (o->server_key && curve_read_key(o->server_key, true, k->server, err, sizeof err) != 0)
        goto fail;
    k->have_server = o->server_key != NULL;
    if (o->allow_keys && curve_load_allow(o->allow_keys, &k->allow, err, sizeof err) != 0)
        goto fail;
    if (k->have_secret && o->nbind) {
        if (zap_start(&k->zap, ctx) != 0) {
            snprintf(err, sizeof err, "cannot start the ZAP handler");
            goto fail;
        }
        k->zap.allow[ZAP_FEED] = &k->allow;
        k->zap_on = true;
    }
    return 0;
fail:
    fprintf(stderr, "invtop-feed: %s\n", err);
    return -1;
}

static void *open_pub(void *ctx, const feed_opts *o, const feed_keys *k)
{
    /* an XPUB is a PUB that also hears its subscribers' subscriptions */
    void *pub = zmq_socket(ctx, o->wait_sub_s > 0 ? ZMQ_XPUB : ZMQ_PUB);
    int hwm = 1000000, linger = 5000;
    if (!pub || zmq_setsockopt(pub, ZMQ_SNDHWM, &hwm, sizeof hwm) != 0 ||
        zmq_setsockopt(pub, ZMQ_LINGER, &linger, sizeof linger) != 0) {
        fprintf(stderr, "invtop-feed: cannot create PUB socket: %s\n", zmq_strerror(errno));
        if (pub)
            zmq_close(pub);
        return NULL;
    }
    if (k->have_secret && o->nbind && curve_set_server(pub, k->secret, "feed") != 0) {
        fprintf(stderr, "invtop-feed: cannot make the PUB socket a CURVE server\n");
        zmq_close(pub);
        return NULL;
    }
    for (size_t i = 0; i < o->nbind; i++)
        if (zmq_bind(pub, o->bind[i]) != 0) {
            fprintf(stderr, "invtop-feed: cannot bind %s: %s\n", o->bind[i], zmq_strerror(errno));
            zmq_close(pub);
            return NULL;
        }
    char tmp_pub[41], tmp_sec[41];
    if (o->nconnect && k->have_server &&
        (k->have_secret ? curve_set_client(pub, k->secret, k->server)
                        : (zmq_curve_keypair(tmp_pub, tmp_sec) != 0 ? -1 : curve_set_client(pub, tmp_sec, k->server))) != 0) {
        fprintf(stderr, "invtop-feed: cannot make the PUB socket a CURVE client\n");
        zmq_close(pub);
        return NULL;
    }
    for (size_t i = 0; i < o->nconnect; i++)
        if (zmq_connect(pub, o->connect[i]) != 0) {
            fprintf(stderr, "invtop-feed: cannot connect %s: %s\n", o->connect[i],
                    zmq_strerror(errno));
            zmq_close(pub);
            return NULL;
        }
    return pub;
}

/* --wait-subscriber: block until a subscription arrives on the XPUB pub
 * (serving ZAP meanwhile). Returns 0, or -1 after S seconds or a signal. */
static int wait_subscriber(void *pub, const feed_opts *o, feed_keys *k)
{
    double until = now_s() + o->wait_sub_s;
    while (!stop_requested && now_s() < until) {
        if (k->zap_on)
            zap_serve(&k->zap);
        zmq_pollitem_t it = {pub, 0, ZMQ_POLLIN, 0};
        if (zmq_poll(&it, 1, 10) <= 0)
            continue;
        unsigned char msg[256];
        int n = zmq_recv(pub, msg, sizeof msg, ZMQ_DONTWAIT);
        if (n > 0 && msg[0] == 1)
            return 0; /* a subscription (0 would be an unsubscription) */
    }
    fprintf(stderr, "invtop-feed: no subscriber within %g s\n", o->wait_sub_s);
    return -1;
}

/* Apply every quote waiting on the quote socket (non-blocking). The first
 * one taken is reported on stderr (unless quiet): the loop has closed. */
static void take_quotes(void *qsub, synth *s, unsigned long *taken, bool quiet)
{
    for (;;) {
        char topic[128], body[4096];
        int tl = zmq_recv(qsub, topic, sizeof topic, ZMQ_DONTWAIT);
        if (tl < 0)
            return;
        int more = 0;
        size_t ml = sizeof more;
        zmq_getsockopt(qsub, ZMQ_RCVMORE, &more, &ml);
        if (!more)
            continue;
        int bl = zmq_recv(qsub, body, sizeof body, 0);
        for (zmq_getsockopt(qsub, ZMQ_RCVMORE, &more, &ml); more;
             zmq_getsockopt(qsub, ZMQ_RCVMORE, &more, &ml))
            (void)zmq_recv(qsub, body, 0, 0); /* drop unexpected extra frames */
        if (bl < 0 || tl > (int)sizeof topic || bl > (int)sizeof body)
            continue; /* truncated: not a quote we can read */
        wire_quote q;
        if (wire_decode_quote(topic, (size_t)tl, body, (size_t)bl, &q) != WIRE_OK)
            continue;
        if (q.paused)
            q.bid = q.ask = NAN;
        if (synth_set_quote(s, q.sym, q.bid, q.ask) == 0 && (*taken)++ == 0 && !quiet)
            fprintf(stderr, "invtop-feed: first external quote taken (%s)\n", q.sym);
    }
}

/* --orders: the DEALER connected to invtop's order channel, the consumer
 * deciding (feed/ordconsumer.c), and its writers. */
typedef struct {
    void *sock;
    oc_consumer *oc;
    jw reply, topic, body;
    unsigned long send_errors; /* answers or fills a socket refused */
} orders_io;

static int touch_synth(void *ctx, const char *sym, double *bid, double *ask)
{
    return synth_touch(ctx, sym, bid, ask);
}

/* Connect the DEALER (a CURVE client of invtop's key, as --quotes) and make
 * the consumer. Returns 0, or -1 with the reason on stderr. */
static int open_orders(orders_io *io, void *ctx, const feed_opts *o, const feed_keys *k, synth *s)
{
    int linger = 1000;
    io->sock = zmq_socket(ctx, ZMQ_DEALER);
    if (!io->sock || zmq_setsockopt(io->sock, ZMQ_LINGER, &linger, sizeof linger) != 0 ||
        (k->have_server && (k->have_secret ? curve_set_client(io->sock, k->secret, k->server) : -1) != 0) ||
        zmq_connect(io->sock, o->orders) != 0) {
        fprintf(stderr, "invtop-feed: cannot connect the order channel %s: %s\n", o->orders, zmq_strerror(errno));
        return -1;
    }
    io->oc = oc_new(o->fee_bps, touch_synth, s);
    if (!io->oc) {
        fprintf(stderr, "invtop-feed: out of memory\n");
        return -1;
    }
    return 0;
}

static void close_orders(orders_io *io)
{
    if (io->sock)
        zmq_close(io->sock);
    oc_free(io->oc);
    jw_free(&io->reply);
    jw_free(&io->topic);
    jw_free(&io->body);
}

/* zmq_send, again when a signal interrupted it: a fill lost is an
 * execution invtop never hears of. */
static int send_frame(void *sock, const void *buf, size_t len, int flags)
{
    int rc;
    while ((rc = zmq_send(sock, buf, len, flags)) < 0 && errno == EINTR)
        ;
    return rc;
}

/* Answer every order waiting on the DEALER (non-blocking) and publish each
 * execution's fill on pub, at the feed's clock. An order is one frame: a
 * message of more is dropped as malformed. */
static void take_orders(orders_io *io, void *pub, const synth *s, const feed_opts *o)
{
    for (;;) {
        zmq_msg_t m;
        zmq_msg_init(&m);
        if (zmq_msg_recv(&m, io->sock, ZMQ_DONTWAIT) < 0) {
            zmq_msg_close(&m);
            return;
        }
        const bool one_frame = !zmq_msg_more(&m);
        while (zmq_msg_more(&m) && zmq_msg_recv(&m, io->sock, 0) >= 0)
            ; /* drop the rest */
        oc_fill f;
        const oc_verdict v = oc_handle(io->oc, one_frame ? zmq_msg_data(&m) : "", one_frame ? zmq_msg_size(&m) : 0,
                                       o->synth.start_ts + synth_time(s), &io->reply, &f);
        zmq_msg_close(&m);
        if (io->reply.len && zmq_send(io->sock, io->reply.buf, io->reply.len, ZMQ_DONTWAIT) < 0)
            io->send_errors++;
        if (v == OC_EXECUTED && (oc_fill_write(&f, &io->topic, &io->body) != 0 ||
                                 send_frame(pub, io->topic.buf, io->topic.len, ZMQ_SNDMORE) < 0 ||
                                 send_frame(pub, io->body.buf, io->body.len, 0) < 0))
            io->send_errors++;
        if (!o->quiet && v == OC_EXECUTED)
            fprintf(stderr, "invtop-feed: order %s: %s %.10g %s at %.10g, fee %.10g\n", f.clid,
                    f.qty > 0 ? "bought" : "sold", fabs(f.qty), f.sym, f.px, f.fee);
        else if (!o->quiet && v == OC_REJECTED)
            fprintf(stderr, "invtop-feed: order refused: %s\n", io->reply.buf);
    }
}

static int publish(void *pub, void *qsub, orders_io *ord, synth *s, const feed_opts *o, feed_keys *k)
{
    unsigned long taken = 0;
    jw topic = {0}, body = {0};
    long long sent = 0;
    int rc = 0;
    double start = now_s();
    while (!stop_requested && (o->count == 0 || sent < o->count)) {
        if (o->rate > 0) {
            double due = start + (double)sent / o->rate;
            double wait = due - now_s();
            if (wait > 0) {
                if (k->zap_on)
                    zap_serve(&k->zap);
                zmq_pollitem_t it[2];
                int n = 0;
                if (qsub)
                    it[n++] = (zmq_pollitem_t){qsub, 0, ZMQ_POLLIN, 0};
                if (ord->sock)
                    it[n++] = (zmq_pollitem_t){ord->sock, 0, ZMQ_POLLIN, 0};
                if (n > 0) {
                    zmq_poll(it, n, wait < 0.01 ? (long)(wait * 1000) : 10);
                    if (qsub)
                        take_quotes(qsub, s, &taken, o->quiet);
                    if (ord->sock)
                        take_orders(ord, pub, s, o);
                } else {
                    sleep_s(wait < 0.01 ? wait : 0.01);
                }
                continue;
            }
        }
        if (qsub && (sent & 63) == 0)
            take_quotes(qsub, s, &taken, o->quiet);
        if (ord->sock && (sent & 63) == 0)
            take_orders(ord, pub, s, o);
        if (k->zap_on && (sent & 63) == 0)
            zap_serve(&k->zap);
        if (synth_next(s, &topic, &body) != 0) {
            fprintf(stderr, "invtop-feed: out of memory\n");
            rc = 1;
            break;
        }
        if (zmq_send(pub, topic.buf, topic.len, ZMQ_SNDMORE) < 0 ||
            zmq_send(pub, body.buf, body.len, 0) < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "invtop-feed: send failed: %s\n", zmq_strerror(errno));
            rc = 1;
            break;
        }
        sent++;
    }
    double secs = now_s() - start;
    if (!o->quiet)
        fprintf(stderr, "invtop-feed: sent %lld messages in %.3f s (%.0f/s), simulated %.1f s, "
                "%lu external quotes taken\n",
                sent, secs, secs > 0 ? (double)sent / secs : 0.0, synth_time(s), taken);
    if (!o->quiet && ord->oc) {
        const oc_stats *st = oc_get_stats(ord->oc);
        fprintf(stderr, "invtop-feed: orders: %llu executed, %llu answered again, %llu rejected, %llu malformed, "
                "%lu sends refused\n", (unsigned long long)st->executed, (unsigned long long)st->duplicates,
                (unsigned long long)st->rejected, (unsigned long long)st->malformed, ord->send_errors);
    }
    jw_free(&topic);
    jw_free(&body);
    return rc;
}

int main(int argc, char **argv)
{
    feed_opts o;
    int prc = feed_parse(argc, argv, &o, stdout, stderr);
    if (prc)
        return prc == 1 ? 0 : 2;
    o.synth.dt = (o.rate > 0 ? 1.0 / o.rate : 1e-6) * o.speedup;
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    void *ctx = zmq_ctx_new();
    static feed_keys keys; /* the allow-list is large: not on the stack */
    void *pub = ctx && load_keys(&o, &keys, ctx) == 0 ? open_pub(ctx, &o, &keys) : NULL;
    void *qsub = NULL;
    int rc = 1;
    if (pub && o.quotes) {
        int zero = 0, hwm = 1000000;
        qsub = zmq_socket(ctx, ZMQ_SUB);
        if (!qsub || zmq_setsockopt(qsub, ZMQ_LINGER, &zero, sizeof zero) != 0 ||
            zmq_setsockopt(qsub, ZMQ_RCVHWM, &hwm, sizeof hwm) != 0 ||
            zmq_setsockopt(qsub, ZMQ_SUBSCRIBE, "quote", 5) != 0 ||
            (keys.have_server && (keys.have_secret ? curve_set_client(qsub, keys.secret, keys.server) : -1) != 0) ||
            zmq_connect(qsub, o.quotes) != 0) {
            fprintf(stderr, "invtop-feed: cannot subscribe to %s: %s\n", o.quotes, zmq_strerror(errno));
            if (qsub)
                zmq_close(qsub);
            zmq_close(pub);
            pub = NULL;
            qsub = NULL;
        }
    }
    if (pub && o.wait_sub_s > 0 && wait_subscriber(pub, &o, &keys) != 0) {
        if (qsub)
            zmq_close(qsub);
        zmq_close(pub);
        pub = NULL;
    }
    if (pub) {
        if (!(o.wait_sub_s > 0))
            sleep_s(o.warmup_s);
        o.synth.start_ts = wall_s(); /* simulated time starts with publishing */
        synth *s = synth_new(&o.synth);
        orders_io ord = {0};
        if (!s)
            fprintf(stderr, "invtop-feed: cannot create the synthetic market (bad options?)\n");
        else if (!o.orders || open_orders(&ord, ctx, &o, &keys, s) == 0)
            rc = publish(pub, qsub, &ord, s, &o, &keys);
        close_orders(&ord);
        synth_free(s);
        if (qsub)
            zmq_close(qsub);
        zmq_close(pub);
    }
    if (keys.zap_on)
        zap_stop(&keys.zap);
    if (ctx)
        zmq_ctx_term(ctx);
    return rc;
}
