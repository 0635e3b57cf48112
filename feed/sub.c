/* sub.c - the SUB socket (see sub.h). */
#include "invtop/sub.h"

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "invtop/curve.h"
#include "invtop/wire.h"

bool sub_bind_curve(const sub_opts *o)
{
    assert(o);
    return o->curve_secret != NULL;
}

bool sub_connect_curve(const sub_opts *o, size_t i)
{
    assert(o && i < o->nconnect);
    return o->server_key[i] != NULL;
}

int sub_open(sub *s, void *zctx, const sub_opts *o, char *err, size_t errlen)
{
    int hwm = o->rcvhwm > 0 ? o->rcvhwm : SUB_DEFAULT_RCVHWM;
    /* Frames a little over the limit reach the decoder and are counted as
     * "oversize"; far larger ones make libzmq drop the connection before they
     * take memory. */
    int64_t maxsize = 4 * WIRE_MAX_FRAME;
    int linger = 0;
    s->socket = zmq_socket(zctx, ZMQ_SUB);
    if (!s->socket) {
        snprintf(err, errlen, "cannot create SUB socket: %s", zmq_strerror(errno));
        return -1;
    }
    if (zmq_setsockopt(s->socket, ZMQ_RCVHWM, &hwm, sizeof hwm) != 0 ||
        zmq_setsockopt(s->socket, ZMQ_MAXMSGSIZE, &maxsize, sizeof maxsize) != 0 ||
        zmq_setsockopt(s->socket, ZMQ_LINGER, &linger, sizeof linger) != 0 ||
        zmq_setsockopt(s->socket, ZMQ_SUBSCRIBE, "", 0) != 0) {
        snprintf(err, errlen, "cannot configure SUB socket: %s", zmq_strerror(errno));
        sub_close(s);
        return -1;
    }
    if (o->nbind && sub_bind_curve(o) && curve_set_server(s->socket, o->curve_secret, "feed") != 0) {
        snprintf(err, errlen, "cannot make the SUB socket a CURVE server: %s", zmq_strerror(errno));
        sub_close(s);
        return -1;
    }
    for (size_t i = 0; i < o->nbind; i++) {
        if (zmq_bind(s->socket, o->bind[i]) != 0) {
            snprintf(err, errlen, "cannot bind %s: %s", o->bind[i], zmq_strerror(errno));
            sub_close(s);
            return -1;
        }
    }
    char pub[41], sec[41];
    for (size_t i = 0; i < o->nconnect; i++) {
        /* CURVE options are taken per connect: set or reset them each time */
        int rc = 0;
        if (sub_connect_curve(o, i) && o->curve_secret)
            rc = curve_set_client(s->socket, o->curve_secret, o->server_key[i]);
        else if (sub_connect_curve(o, i))
            rc = zmq_curve_keypair(pub, sec) != 0 ? -1 : curve_set_client(s->socket, sec, o->server_key[i]);
        else
            rc = curve_set_plain(s->socket);
        if (rc != 0) {
            snprintf(err, errlen, "cannot set CURVE for %s: %s", o->connect[i], zmq_strerror(errno));
            sub_close(s);
            return -1;
        }
        if (zmq_connect(s->socket, o->connect[i]) != 0) {
            snprintf(err, errlen, "cannot connect %s: %s", o->connect[i], zmq_strerror(errno));
            sub_close(s);
            return -1;
        }
    }
    return 0;
}

int sub_recv(sub *s, sub_msg *m)
{
    m->nframes = 0;
    for (;;) {
        zmq_msg_t scratch, *f = m->nframes < 2 ? &m->frame[m->nframes] : &scratch;
        zmq_msg_init(f);
        if (zmq_msg_recv(f, s->socket, m->nframes == 0 ? ZMQ_DONTWAIT : 0) < 0) {
            int e = errno;
            zmq_msg_close(f);
            sub_msg_close(m);
            errno = e;
            return e == EAGAIN ? 0 : -1;
        }
        int more = zmq_msg_more(f);
        if (m->nframes < 2) {
            m->data[m->nframes] = zmq_msg_data(f);
            m->len[m->nframes] = zmq_msg_size(f);
        } else {
            zmq_msg_close(f);
        }
        m->nframes++;
        if (!more)
            return 1;
    }
}

void sub_msg_close(sub_msg *m)
{
    size_t kept = m->nframes < 2 ? m->nframes : 2;
    for (size_t i = 0; i < kept; i++)
        zmq_msg_close(&m->frame[i]);
    m->nframes = 0;
}

void sub_close(sub *s)
{
    if (s->socket)
        zmq_close(s->socket);
    s->socket = NULL;
}
