/* serve.c - the state protocol's engine side (see serve.h). */
#include "invtop/serve.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#include "invtop/snapwire.h"
#include "invtop/zframe.h"

/* Frames a request may have: the envelope (one identity per hop, then an
 * empty delimiter, as REQ/REP envelopes), the verb, and for COMMAND id,
 * user, text. */
#define MAX_FRAMES 12

static void close_socket(void **s)
{
    if (*s)
        zmq_close(*s);
    *s = NULL;
}

void serve_close(server *sv)
{
    close_socket(&sv->router);
    close_socket(&sv->pub);
    snap_free(&sv->sent);
    sdiff_free(&sv->diff);
    jw_free(&sv->update);
    jw_free(&sv->zupdate);
    jw_free(&sv->doc);
}

/* tcp://HOST:PORT -> tcp://HOST:* for the update stream's default. */
static int pub_default(const char *endpoint, char *out, size_t cap)
{
    const char *colon = strrchr(endpoint, ':');
    if (strncmp(endpoint, "tcp://", 6) != 0 || !colon || colon < endpoint + 6)
        return -1;
    int n = snprintf(out, cap, "%.*s:*", (int)(colon - endpoint), endpoint);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

int serve_open(server *sv, void *zctx, const char *endpoint, const char *pub_endpoint,
               const char *secret, const curve_allow *traders, uint64_t epoch, char *err,
               size_t errlen)
{
    memset(sv, 0, sizeof *sv);
    snap_init(&sv->sent);
    sdiff_init(&sv->diff);
    sv->epoch = epoch;
    sv->traders = traders;
    sv->curve = secret != NULL;
    sv->last_beat = -1e18;
    char want_pub[256];
    if (!pub_endpoint) {
        if (pub_default(endpoint, want_pub, sizeof want_pub) != 0) {
            snprintf(err, errlen, "--serve %s: give --serve-pub for a non-tcp endpoint", endpoint);
            return -1;
        }
        pub_endpoint = want_pub;
    }
    int linger = 0, zero = 0;
    sv->router = zmq_socket(zctx, ZMQ_ROUTER);
    sv->pub = zmq_socket(zctx, ZMQ_PUB);
    if (!sv->router || !sv->pub)
        goto fail;
    void *both[2] = {sv->router, sv->pub};
    for (int k = 0; k < 2; k++)
        if (zmq_setsockopt(both[k], ZMQ_LINGER, &linger, sizeof linger) != 0 ||
            (secret && curve_set_server(both[k], secret, "state") != 0))
            goto fail;
    /* a slow viewer must not make the engine wait, nor its memory grow (an
     * update of 1,000 instruments is ~100 KB): it loses updates and resyncs */
    if (zmq_setsockopt(sv->pub, ZMQ_SNDHWM, &(int){SERVE_SNDHWM}, sizeof(int)) != 0 ||
        zmq_setsockopt(sv->router, ZMQ_ROUTER_MANDATORY, &zero, sizeof zero) != 0)
        goto fail;
    if (zmq_bind(sv->router, endpoint) != 0) {
        snprintf(err, errlen, "--serve %s: %s", endpoint, zmq_strerror(errno));
        serve_close(sv);
        return -1;
    }
    if (zmq_bind(sv->pub, pub_endpoint) != 0) {
        snprintf(err, errlen, "--serve-pub %s: %s", pub_endpoint, zmq_strerror(errno));
        serve_close(sv);
        return -1;
    }
    size_t len = sizeof sv->pub_endpoint;
    if (zmq_getsockopt(sv->pub, ZMQ_LAST_ENDPOINT, sv->pub_endpoint, &len) != 0)
        goto fail;
    return 0;
fail:
    snprintf(err, errlen, "--serve %s: %s", endpoint, zmq_strerror(errno));
    serve_close(sv);
    return -1;
}

/* Send frames [0..n) on s, the last without SNDMORE. */
static void send_frames(void *s, const void *const data[], const size_t len[], int n)
{
    for (int i = 0; i < n; i++)
        (void)zmq_send(s, data[i], len[i], i + 1 < n ? ZMQ_SNDMORE | ZMQ_DONTWAIT : ZMQ_DONTWAIT);
}

static void send_strs(void *s, const char *const str[], int n)
{
    const void *d[8];
    size_t l[8];
    for (int i = 0; i < n && i < 8; i++) {
        d[i] = str[i];
        l[i] = strlen(str[i]);
    }
    send_frames(s, d, l, n);
}

int serve_publish(server *sv, const snap *s, double mono)
{
    uint64_t prev = sv->sent.version;
    if (sdiff_update(&sv->diff, s, &sv->update) != 0 || snap_copy(&sv->sent, s) != 0 ||
        zf_deflate(sv->update.buf, sv->update.len, &sv->zupdate) != 0) {
        sv->sent.version = 0; /* what was sent is unknown: viewers resync on the gap */
        sdiff_forget(&sv->diff); /* and the next update carries everything */
        return -1;
    }
    char epoch[24], version[24], prev_s[24];
    snprintf(epoch, sizeof epoch, "%" PRIu64, sv->epoch);
    snprintf(version, sizeof version, "%" PRIu64, s->version);
    snprintf(prev_s, sizeof prev_s, "%" PRIu64, prev);
    const void *d[5] = {"UPDATE", epoch, version, prev_s, sv->zupdate.buf};
    size_t l[5] = {6, strlen(epoch), strlen(version), strlen(prev_s), sv->zupdate.len};
    send_frames(sv->pub, d, l, 5);
    sv->updates++;
    sv->bytes_published += sv->zupdate.len;
    sv->last_beat = mono;
    return 0;
}

void serve_heartbeat(server *sv, double mono)
{
    if (mono - sv->last_beat < 1)
        return;
    char epoch[24], version[24];
    snprintf(epoch, sizeof epoch, "%" PRIu64, sv->epoch);
    snprintf(version, sizeof version, "%" PRIu64, sv->sent.version);
    const char *f[3] = {"HUGZ", epoch, version};
    send_strs(sv->pub, f, 3);
    sv->last_beat = mono;
}

/* A request: its envelope (frames [0, env), the delimiter included) and its
 * body (frames [env, n)). */
typedef struct {
    zmq_msg_t *f;
    int env, n;
} request;

/* Reply on the ROUTER along the request's envelope. */
static void reply(server *sv, const request *rq, const void *const data[], const size_t len[], int n)
{
    for (int i = 0; i < rq->env; i++)
        if (zmq_send(sv->router, zmq_msg_data(&rq->f[i]), zmq_msg_size(&rq->f[i]),
                     ZMQ_SNDMORE | ZMQ_DONTWAIT) < 0)
            return;
    send_frames(sv->router, data, len, n);
}

static void reply_strs(server *sv, const request *rq, const char *const str[], int n)
{
    const void *d[6];
    size_t l[6];
    for (int i = 0; i < n && i < 6; i++) {
        d[i] = str[i];
        l[i] = strlen(str[i]);
    }
    reply(sv, rq, d, l, n);
}

/* A frame as a terminated string (cut to cap - 1 bytes). */
static void frame_str(zmq_msg_t *m, char *out, size_t cap)
{
    size_t n = zmq_msg_size(m) < cap - 1 ? zmq_msg_size(m) : cap - 1;
    memcpy(out, zmq_msg_data(m), n);
    out[n] = '\0';
}

static bool frame_is(zmq_msg_t *m, const char *s)
{
    return zmq_msg_size(m) == strlen(s) && memcmp(zmq_msg_data(m), s, strlen(s)) == 0;
}

/* Whether the sender of frame m (a request's verb) may send commands: the
 * engine speaks CURVE and the sender's key (its ZAP User-Id) is on
 * --trader-keys. The key in Z85 goes to key ("" without one). The one rule
 * for COMMAND and for what WELCOME tells a viewer. */
static bool may_trade(const server *sv, zmq_msg_t *m, char key[CURVE_KEY_LEN + 1])
{
    assert(sv && m && key);
    const char *uid = zmq_msg_gets(m, "User-Id");
    unsigned char bin[32];
    key[0] = '\0';
    if (!sv->curve || !uid || strlen(uid) != CURVE_KEY_LEN || !zmq_z85_decode(bin, uid))
        return false;
    snprintf(key, CURVE_KEY_LEN + 1, "%s", uid);
    return sv->traders && curve_allowed(sv->traders, bin);
}

static void on_command(server *sv, const request *rq, serve_command_fn fn, void *ctx)
{
    zmq_msg_t *f = rq->f + rq->env - 1; /* f[1] is the verb, as without an envelope */
    int n = rq->n - rq->env + 1;
    char id[32], who[64], text[CMD_TEXT_MAX], msg[256] = "", key[CURVE_KEY_LEN + 1] = "";
    if (n < 5) {
        const char *r[4] = {"ACK", "0", "refused", "malformed COMMAND (want id, user, text)"};
        reply_strs(sv, rq, r, 4);
        sv->commands_refused++;
        return;
    }
    frame_str(&f[2], id, sizeof id);
    frame_str(&f[3], who, sizeof who);
    frame_str(&f[4], text, sizeof text);
    const bool allowed = may_trade(sv, &f[1], key);
    command c;
    int rc = -1;
    if (!sv->curve)
        snprintf(msg, sizeof msg, "read-only: this engine takes commands only over CURVE from --trader-keys");
    else if (!allowed)
        snprintf(msg, sizeof msg, "key %.8s... is not a trader's (--trader-keys)", key[0] ? key : "none");
    else if (cmd_parse(text, &c, msg, sizeof msg) == 0)
        rc = fn(ctx, &c, who[0] ? who : "viewer", key, msg, sizeof msg);
    if (rc != 0 && (!sv->curve || !allowed))
        (void)fn(ctx, NULL, who[0] ? who : "viewer", key, msg, sizeof msg); /* to the event log */
    *(rc == 0 ? &sv->commands_applied : &sv->commands_refused) += 1;
    const char *r[4] = {"ACK", id, rc == 0 ? "applied" : "refused", msg};
    reply_strs(sv, rq, r, 4);
}

static void on_request(server *sv, const request *rq, serve_command_fn fn, void *ctx)
{
    zmq_msg_t *verb = &rq->f[rq->env];
    char epoch[24], version[24];
    snprintf(epoch, sizeof epoch, "%" PRIu64, sv->epoch);
    snprintf(version, sizeof version, "%" PRIu64, sv->sent.version);
    if (frame_is(verb, "HELLO")) {
        char key[CURVE_KEY_LEN + 1];
        const char *r[5] = {"WELCOME", sv->pub_endpoint, epoch, SERVE_PROTOCOL,
                            may_trade(sv, verb, key) ? "trader" : "read-only"};
        reply_strs(sv, rq, r, 5);
    } else if (frame_is(verb, "SNAPSHOT")) {
        if (sv->sent.version == 0 || snapw_document(&sv->doc, &sv->sent) != 0) {
            const char *r[2] = {"NOTREADY", epoch};
            reply_strs(sv, rq, r, 2);
            return;
        }
        const void *d[4] = {"SNAPSHOT", epoch, version, sv->doc.buf};
        size_t l[4] = {8, strlen(epoch), strlen(version), sv->doc.len};
        reply(sv, rq, d, l, 4);
        sv->snapshots++;
    } else if (frame_is(verb, "COMMAND")) {
        on_command(sv, rq, fn, ctx);
    } else {
        const char *r[2] = {"ERROR", "unknown request"};
        reply_strs(sv, rq, r, 2);
    }
}

void serve_poll(server *sv, serve_command_fn fn, void *ctx)
{
    for (int budget = 0; budget < 256; budget++) {
        zmq_msg_t f[MAX_FRAMES];
        int n = 0, more = 1;
        while (more) {
            zmq_msg_t m;
            zmq_msg_init(&m);
            if (zmq_msg_recv(&m, sv->router, ZMQ_DONTWAIT) < 0) {
                zmq_msg_close(&m);
                for (int i = 0; i < n; i++)
                    zmq_msg_close(&f[i]);
                return; /* nothing waiting */
            }
            more = zmq_msg_more(&m);
            if (n < MAX_FRAMES)
                f[n++] = m; /* frames past the last one read are dropped */
            else
                zmq_msg_close(&m);
        }
        int env = 0;
        while (env < n && zmq_msg_size(&f[env]) != 0)
            env++; /* the identities the ROUTERs on the way prepended */
        request rq = {f, env + 1, n};
        if (env >= 1 && env + 1 < n)
            on_request(sv, &rq, fn, ctx);
        for (int i = 0; i < n; i++)
            zmq_msg_close(&f[i]);
    }
}
