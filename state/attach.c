/* attach.c - the state protocol, viewer side (see attach.h). */
#include "invtop/attach.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/jsonr.h"
#include "invtop/zframe.h"

/* Largest update or snapshot a viewer takes (a document of SNAPW_MAX_DOC). */
#define MAX_FRAME SNAPW_MAX_DOC
#define MAX_FRAMES 6 /* the delimiter and WELCOME's five */

static void close_socket(void **s)
{
    if (*s)
        zmq_close(*s);
    *s = NULL;
}

static void drop_queue(attach *at)
{
    at->nqueue = 0;
}

void attach_close(attach *at)
{
    close_socket(&at->dealer);
    close_socket(&at->sub);
    snap_free(&at->st);
    jw_free(&at->body);
    for (size_t i = 0; i < ATTACH_QUEUE; i++)
        jw_free(&at->queue[i]);
}

/* A new socket of type with CURVE client keys when the engine has a key. */
static void *new_socket(attach *at, int type)
{
    void *s = zmq_socket(at->zctx, type);
    int linger = 0;
    int64_t maxmsg = MAX_FRAME;
    if (!s || zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger) != 0 ||
        zmq_setsockopt(s, ZMQ_MAXMSGSIZE, &maxmsg, sizeof maxmsg) != 0 ||
        (at->server_key[0] && curve_set_client(s, at->secret, at->server_key) != 0)) {
        if (s)
            zmq_close(s);
        return NULL;
    }
    return s;
}

/* A request on the DEALER: an empty delimiter, then the frames (the
 * envelope a ROUTER, or a forwarder's ROUTER/DEALER pair, routes back by). */
static int send_strs(void *s, const char *const str[], int n)
{
    if (zmq_send(s, "", 0, ZMQ_SNDMORE | ZMQ_DONTWAIT) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (zmq_send(s, str[i], strlen(str[i]), (i + 1 < n ? ZMQ_SNDMORE : 0) | ZMQ_DONTWAIT) < 0)
            return -1;
    return 0;
}

/* Start over: new DEALER, HELLO. The document held stays on show, but as
 * stale, until a snapshot replaces it; so does the right to trade. */
static int start(attach *at, double mono)
{
    close_socket(&at->dealer);
    close_socket(&at->sub);
    drop_queue(at);
    at->current = false;
    at->trader = false;
    at->dealer = new_socket(at, ZMQ_DEALER);
    if (!at->dealer || zmq_connect(at->dealer, at->endpoint) != 0)
        return -1;
    const char *hello[1] = {"HELLO"};
    (void)send_strs(at->dealer, hello, 1); /* unanswered: asked again at next_try */
    at->phase = ATT_HELLO;
    at->next_try = mono + 1; /* ask again if no answer */
    return 0;
}

int attach_open(attach *at, void *zctx, const char *endpoint, const char *pub_endpoint,
                const char *secret, const char *server_key, uint64_t seed, double mono, char *err,
                size_t errlen)
{
    memset(at, 0, sizeof *at);
    if (pub_endpoint)
        snprintf(at->pub_endpoint, sizeof at->pub_endpoint, "%s", pub_endpoint);
    snap_init(&at->st);
    at->zctx = zctx;
    at->rng = seed | 1;
    at->last_heard = at->doc_heard = mono;
    snprintf(at->endpoint, sizeof at->endpoint, "%s", endpoint);
    if (server_key) {
        snprintf(at->server_key, sizeof at->server_key, "%s", server_key);
        if (secret) {
            snprintf(at->secret, sizeof at->secret, "%s", secret);
        } else {
            char pub[CURVE_KEY_LEN + 1];
            if (zmq_curve_keypair(pub, at->secret) != 0) {
                snprintf(err, errlen, "cannot make a CURVE key pair: %s", zmq_strerror(errno));
                return -1;
            }
        }
    }
    if (start(at, mono) != 0) {
        snprintf(err, errlen, "--attach %s: %s", endpoint, zmq_strerror(errno));
        attach_close(at);
        return -1;
    }
    return 0;
}

size_t attach_pollitems(const attach *at, zmq_pollitem_t *items)
{
    size_t n = 0;
    if (at->dealer)
        items[n++] = (zmq_pollitem_t){at->dealer, 0, ZMQ_POLLIN, 0};
    if (at->sub)
        items[n++] = (zmq_pollitem_t){at->sub, 0, ZMQ_POLLIN, 0};
    return n;
}

/* Receive one whole message (up to MAX_FRAMES frames kept). Returns the
 * number of frames, 0 when nothing is waiting. */
static int recv_msg(void *s, zmq_msg_t *f)
{
    int n = 0, more = 1;
    while (more) {
        zmq_msg_t m;
        zmq_msg_init(&m);
        if (zmq_msg_recv(&m, s, n == 0 ? ZMQ_DONTWAIT : 0) < 0) {
            zmq_msg_close(&m);
            for (int i = 0; i < n; i++)
                zmq_msg_close(&f[i]);
            return 0;
        }
        more = zmq_msg_more(&m);
        if (n < MAX_FRAMES)
            f[n++] = m;
        else
            zmq_msg_close(&m);
    }
    return n;
}

static void close_msg(zmq_msg_t *f, int n)
{
    for (int i = 0; i < n; i++)
        zmq_msg_close(&f[i]);
}

static bool frame_is(zmq_msg_t *m, const char *s)
{
    return zmq_msg_size(m) == strlen(s) && memcmp(zmq_msg_data(m), s, strlen(s)) == 0;
}

/* A frame holding a decimal integer. */
static bool frame_u64(zmq_msg_t *m, uint64_t *out)
{
    char buf[24];
    size_t n = zmq_msg_size(m);
    if (n == 0 || n >= sizeof buf)
        return false;
    memcpy(buf, zmq_msg_data(m), n);
    buf[n] = '\0';
    char *end;
    errno = 0;
    unsigned long long v = strtoull(buf, &end, 10);
    if (errno || *end || buf[0] < '0' || buf[0] > '9')
        return false;
    *out = v;
    return true;
}

static void frame_str(zmq_msg_t *m, char *out, size_t cap)
{
    size_t n = zmq_msg_size(m) < cap - 1 ? zmq_msg_size(m) : cap - 1;
    memcpy(out, zmq_msg_data(m), n);
    out[n] = '\0';
}

/* The update stream's endpoint as this viewer reaches it: a wildcard
 * address bound by the engine becomes the host this viewer attached to. */
static void reachable(const attach *at, const char *advertised, char *out, size_t cap)
{
    const char *h = strstr(advertised, "://");
    const char *colon = strrchr(advertised, ':');
    const char *mine = strstr(at->endpoint, "://"), *mine_colon = strrchr(at->endpoint, ':');
    if (h && colon && mine && mine_colon && mine_colon > mine + 3 &&
        (strncmp(h + 3, "0.0.0.0:", 8) == 0 || strncmp(h + 3, "*:", 2) == 0 ||
         strncmp(h + 3, "[::]:", 5) == 0))
        snprintf(out, cap, "%.*s%s", (int)(mine_colon - at->endpoint), at->endpoint, colon);
    else
        snprintf(out, cap, "%s", advertised);
}

static void ask_snapshot(attach *at, double mono)
{
    const char *req[1] = {"SNAPSHOT"};
    (void)send_strs(at->dealer, req, 1);
    at->phase = ATT_SNAPSHOT;
    at->next_try = mono + 1;
}

static void on_welcome(attach *at, zmq_msg_t *f, int n, double mono)
{
    char advertised[256], ep[256];
    uint64_t epoch;
    if (n < 3 || at->phase != ATT_HELLO || !frame_u64(&f[2], &epoch))
        return;
    frame_str(&f[1], advertised, sizeof advertised);
    if (at->pub_endpoint[0])
        snprintf(ep, sizeof ep, "%s", at->pub_endpoint); /* behind a forwarder */
    else
        reachable(at, advertised, ep, sizeof ep);
    close_socket(&at->sub);
    at->sub = new_socket(at, ZMQ_SUB);
    if (!at->sub || zmq_setsockopt(at->sub, ZMQ_SUBSCRIBE, "", 0) != 0 || zmq_connect(at->sub, ep) != 0) {
        close_socket(&at->sub);
        return; /* HELLO again at next_try */
    }
    if (at->epoch && epoch != at->epoch)
        at->restarts++;
    at->epoch = epoch;
    at->trader = n >= 5 && frame_is(&f[4], "trader"); /* an engine without the frame: read-only */
    ask_snapshot(at, mono);
}

/* ---- the document held: a snapshot, then updates applied to it ----
 * A snapshot is decoded whole (snapw_decode: strict JSON, every value what
 * the schema says); an update is applied field by field (sdiff_apply),
 * decoding only what it carries. Either, refused, leaves the document held
 * as it was (the caller resyncs or asks again). No error text is kept
 * (errlen 0): the counters say how often. */

/* A snapshot document at version into the document held. */
static int load_snapshot(attach *at, const char *js, size_t len, uint64_t version)
{
    if (snapw_decode(js, len, &at->st, NULL, 0) != 0)
        return -1;
    at->st.version = version;
    at->have = at->current = true;
    at->changed = true;
    return 0;
}

/* An update in its chain: applied, ignored (old), or a gap (-1: resync). */
static int chain(attach *at, uint64_t version, uint64_t prev, const char *js, size_t len)
{
    if (version <= at->st.version)
        return 0; /* already in the snapshot */
    if (prev != at->st.version || sdiff_apply(&at->st, version, js, len, NULL, 0) != 0)
        return -1;
    at->changed = true;
    at->updates++;
    return 0;
}

static void resync(attach *at, double mono)
{
    at->resyncs++;
    drop_queue(at);
    ask_snapshot(at, mono);
}

static void queue_update(attach *at, uint64_t version, uint64_t prev, const char *json, size_t len)
{
    if (at->nqueue == ATTACH_QUEUE)
        return; /* the snapshot will be older than what was dropped: a gap, then a resync */
    jw *q = &at->queue[at->nqueue];
    char head[64];
    int n = snprintf(head, sizeof head, "%" PRIu64 " %" PRIu64 "\n", version, prev);
    jw_reset(q);
    jw_append(q, head, (size_t)n);
    jw_append(q, json, len);
    if (jw_ok(q))
        at->nqueue++;
}

static void replay_queue(attach *at, double mono)
{
    for (size_t i = 0; i < at->nqueue; i++) {
        unsigned long long v, p;
        const char *nl = memchr(at->queue[i].buf, '\n', at->queue[i].len);
        if (!nl || sscanf(at->queue[i].buf, "%llu %llu", &v, &p) != 2)
            continue;
        size_t off = (size_t)(nl + 1 - at->queue[i].buf);
        if (chain(at, v, p, nl + 1, at->queue[i].len - off) != 0) {
            resync(at, mono);
            return;
        }
    }
    drop_queue(at);
}

static void on_snapshot(attach *at, zmq_msg_t *f, int n, double mono)
{
    uint64_t epoch, version;
    if (n < 4 || at->phase != ATT_SNAPSHOT || !frame_u64(&f[1], &epoch) || !frame_u64(&f[2], &version) ||
        epoch != at->epoch)
        return;
    if (load_snapshot(at, zmq_msg_data(&f[3]), zmq_msg_size(&f[3]), version) != 0) {
        at->next_try = mono + 0.5; /* ask again */
        return;
    }
    at->phase = ATT_LIVE;
    replay_queue(at, mono);
}

static void on_ack(attach *at, zmq_msg_t *f, int n)
{
    uint64_t id;
    if (n < 4 || !frame_u64(&f[1], &id) || at->nacks == sizeof at->acks / sizeof *at->acks)
        return;
    attach_ack *a = &at->acks[at->nacks++];
    a->id = id;
    a->applied = frame_is(&f[2], "applied");
    frame_str(&f[3], a->msg, sizeof a->msg);
}

/* A message from the engine followed at mono: the timers start afresh, and
 * a current document is as young as it. */
static void heard(attach *at, double mono)
{
    at->last_heard = mono;
    at->contacted = true;
    if (at->current)
        at->doc_heard = mono;
}

static void on_dealer(attach *at, double mono)
{
    zmq_msg_t f[MAX_FRAMES];
    int n;
    for (int budget = 0; budget < 64 && at->dealer && (n = recv_msg(at->dealer, f)) > 0; budget++) {
        heard(at, mono);
        if (n < 2 || zmq_msg_size(&f[0]) != 0) {
            close_msg(f, n);
            continue; /* not an answer: no delimiter */
        }
        zmq_msg_close(&f[0]);
        memmove(f, f + 1, (size_t)(n - 1) * sizeof *f);
        n--;
        if (frame_is(&f[0], "WELCOME"))
            on_welcome(at, f, n, mono);
        else if (frame_is(&f[0], "SNAPSHOT"))
            on_snapshot(at, f, n, mono);
        else if (frame_is(&f[0], "NOTREADY") && at->phase == ATT_SNAPSHOT)
            at->next_try = mono + 0.2;
        else if (frame_is(&f[0], "ACK"))
            on_ack(at, f, n);
        close_msg(f, n);
    }
}

static void on_sub(attach *at, double mono)
{
    zmq_msg_t f[MAX_FRAMES];
    int n;
    for (int budget = 0; budget < 256 && at->sub && (n = recv_msg(at->sub, f)) > 0; budget++) {
        uint64_t epoch, version, prev;
        if (n < 3 || !frame_u64(&f[1], &epoch)) {
            close_msg(f, n);
            continue;
        }
        const bool other = epoch != at->epoch;
        if (other) {
            /* a restarted engine on the same stream: start over (its
             * message does not make the document held any younger) */
            at->next_try = mono;
            at->phase = ATT_WAIT;
            at->current = false;
        }
        heard(at, mono);
        if (other) {
            /* nothing of it is applied */
        } else if (frame_is(&f[0], "UPDATE") && n >= 5 && frame_u64(&f[2], &version) &&
                   frame_u64(&f[3], &prev)) {
            /* the body is deflated JSON (zframe.h): one that does not
             * inflate is as refused as one that does not apply */
            const bool ok = zf_inflate(zmq_msg_data(&f[4]), zmq_msg_size(&f[4]), &at->body, MAX_FRAME) == 0;
            if (at->phase == ATT_SNAPSHOT && ok)
                queue_update(at, version, prev, at->body.buf, at->body.len);
            else if (at->phase == ATT_LIVE && (!ok || chain(at, version, prev, at->body.buf, at->body.len) != 0))
                resync(at, mono);
        } else if (frame_is(&f[0], "HUGZ") && frame_u64(&f[2], &version) && at->phase == ATT_LIVE &&
                   version > at->st.version) {
            resync(at, mono); /* an update was lost */
        }
        close_msg(f, n);
    }
}

/* Next pseudo-random number (xorshift64): only for the reconnect delay. */
static double jitter(attach *at)
{
    at->rng ^= at->rng << 13;
    at->rng ^= at->rng >> 7;
    at->rng ^= at->rng << 17;
    return (double)(at->rng >> 11) / 9007199254740992.0;
}

void attach_service(attach *at, double mono)
{
    on_dealer(at, mono);
    on_sub(at, mono);
    if (at->phase != ATT_WAIT && mono - at->last_heard > ATTACH_RECONNECT_S) {
        at->phase = ATT_WAIT;
        at->next_try = mono + 0.2 + 1.3 * jitter(at); /* no stampede on a restarted engine */
    }
    if (mono < at->next_try)
        return;
    if (at->phase == ATT_WAIT || at->phase == ATT_HELLO) {
        if (at->phase == ATT_WAIT)
            at->reconnects++;
        (void)start(at, mono);
    } else if (at->phase == ATT_SNAPSHOT) {
        ask_snapshot(at, mono);
    } else {
        at->next_try = mono + 1;
    }
}

bool attach_take_changed(attach *at)
{
    bool c = at->changed && at->have;
    at->changed = false;
    return c;
}

double attach_silence(const attach *at, double mono)
{
    assert(at);
    return mono - at->doc_heard;
}

bool attach_stale(const attach *at, double mono)
{
    assert(at);
    return !at->current || attach_silence(at, mono) > ATTACH_STALE_S;
}

int attach_command(attach *at, uint64_t id, const char *user, const char *text)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%" PRIu64, id);
    if (!at->dealer)
        return -1;
    const char *req[4] = {"COMMAND", ids, user, text};
    return send_strs(at->dealer, req, 4);
}

bool attach_take_ack(attach *at, attach_ack *out)
{
    if (at->nacks == 0)
        return false;
    *out = at->acks[0];
    memmove(at->acks, at->acks + 1, (at->nacks - 1) * sizeof *at->acks);
    at->nacks--;
    return true;
}
