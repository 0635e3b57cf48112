/* zap.c - ZAP handler and handshake monitors (see zap.h). */
#include "invtop/zap.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <zmq.h>

const char *zap_domain_name(zap_domain d)
{
    return d == ZAP_QUOTES ? "quotes" : d == ZAP_STATE ? "state" : "feed";
}

int zap_start(zap_handler *z, void *zctx)
{
    int linger = 0;
    memset(z, 0, sizeof *z);
    z->rep = zmq_socket(zctx, ZMQ_REP);
    if (!z->rep || zmq_setsockopt(z->rep, ZMQ_LINGER, &linger, sizeof linger) != 0 ||
        zmq_bind(z->rep, "inproc://zeromq.zap.01") != 0) {
        if (z->rep)
            zmq_close(z->rep);
        z->rep = NULL;
        return -1;
    }
    return 0;
}

/* Receive the rest of a multipart message into frames (up to max). */
static int recv_frames(void *s, zmq_msg_t *f, int max)
{
    int n = 0;
    for (;;) {
        zmq_msg_t tmp, *m = n < max ? &f[n] : &tmp;
        zmq_msg_init(m);
        if (zmq_msg_recv(m, s, n == 0 ? ZMQ_DONTWAIT : 0) < 0) {
            zmq_msg_close(m);
            for (int i = 0; i < n && i < max; i++)
                zmq_msg_close(&f[i]);
            return -1;
        }
        int more = zmq_msg_more(m);
        if (n >= max)
            zmq_msg_close(m);
        n++;
        if (!more)
            return n;
    }
}

static bool frame_is(zmq_msg_t *m, const char *s)
{
    return zmq_msg_size(m) == strlen(s) && memcmp(zmq_msg_data(m), s, strlen(s)) == 0;
}

static void reply(void *rep, zmq_msg_t *request_id, const char *code, const char *text,
                  const char *user_id)
{
    zmq_send(rep, "1.0", 3, ZMQ_SNDMORE);
    zmq_send(rep, zmq_msg_data(request_id), zmq_msg_size(request_id), ZMQ_SNDMORE);
    zmq_send(rep, code, strlen(code), ZMQ_SNDMORE);
    zmq_send(rep, text, strlen(text), ZMQ_SNDMORE);
    zmq_send(rep, user_id, strlen(user_id), ZMQ_SNDMORE);
    zmq_send(rep, "", 0, 0); /* metadata */
}

void zap_serve(zap_handler *z)
{
    zmq_msg_t f[8];
    int n;
    while (z->rep && (n = recv_frames(z->rep, f, 8)) > 0) {
        int kept = n < 8 ? n : 8;
        /* version, request id, domain, address, identity, mechanism, credentials */
        zap_domain d = kept > 2 && frame_is(&f[2], "quotes") ? ZAP_QUOTES
                     : kept > 2 && frame_is(&f[2], "state")  ? ZAP_STATE
                                                             : ZAP_FEED;
        bool curve = kept >= 7 && frame_is(&f[0], "1.0") && frame_is(&f[5], "CURVE") &&
                     zmq_msg_size(&f[6]) == 32;
        bool ok = curve && (z->allow[d] ? curve_allowed(z->allow[d], zmq_msg_data(&f[6])) : d == ZAP_STATE);
        char user[CURVE_KEY_LEN + 1] = "";
        if (ok && !zmq_z85_encode(user, zmq_msg_data(&f[6]), 32))
            user[0] = '\0';
        if (kept >= 2)
            reply(z->rep, &f[1], ok ? "200" : "400", ok ? "OK" : "key not allowed", user);
        *(ok ? &z->allowed[d] : &z->denied[d]) += 1;
        for (int i = 0; i < kept; i++)
            zmq_msg_close(&f[i]);
    }
}

void zap_stop(zap_handler *z)
{
    if (z->rep)
        zmq_close(z->rep);
    z->rep = NULL;
}

int zap_monitor_start(zap_monitor *m, void *zctx, void *socket, const char *name)
{
    char ep[128];
    memset(m, 0, sizeof *m);
    snprintf(ep, sizeof ep, "inproc://invtop-monitor-%s", name);
    if (zmq_socket_monitor(socket, ep,
                           ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL |
                               ZMQ_EVENT_HANDSHAKE_FAILED_AUTH | ZMQ_EVENT_HANDSHAKE_SUCCEEDED |
                               ZMQ_EVENT_ACCEPTED | ZMQ_EVENT_CONNECTED | ZMQ_EVENT_DISCONNECTED) != 0)
        return -1;
    int linger = 0;
    m->pair = zmq_socket(zctx, ZMQ_PAIR);
    if (!m->pair || zmq_setsockopt(m->pair, ZMQ_LINGER, &linger, sizeof linger) != 0 ||
        zmq_connect(m->pair, ep) != 0) {
        zap_monitor_stop(m);
        return -1;
    }
    return 0;
}

void zap_monitor_drain(zap_monitor *m)
{
    zmq_msg_t f[2];
    int n;
    while (m->pair && (n = recv_frames(m->pair, f, 2)) > 0) {
        if (zmq_msg_size(&f[0]) >= 2) {
            uint16_t ev;
            memcpy(&ev, zmq_msg_data(&f[0]), 2);
            if (ev & (ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL |
                      ZMQ_EVENT_HANDSHAKE_FAILED_AUTH))
                m->failed++;
            else if (ev == ZMQ_EVENT_HANDSHAKE_SUCCEEDED)
                m->succeeded++;
            else if (ev == ZMQ_EVENT_ACCEPTED)
                m->accepted++;
            else if (ev == ZMQ_EVENT_CONNECTED)
                m->connected++;
            else if (ev == ZMQ_EVENT_DISCONNECTED)
                m->disconnected++;
        }
        for (int i = 0; i < n && i < 2; i++)
            zmq_msg_close(&f[i]);
    }
}

void zap_monitor_stop(zap_monitor *m)
{
    if (m->pair)
        zmq_close(m->pair);
    m->pair = NULL;
}
