/* quotepub.c - the quote PUB socket (see quotepub.h). */
#include "invtop/quotepub.h"

#include <errno.h>
#include <stdio.h>
#include <zmq.h>

#include "invtop/curve.h"

int qpub_open(qpub *q, void *zctx, const char *endpoint, const char *curve_secret, char *err,
              size_t errlen)
{
    int hwm = 100000, linger = 0;
    q->send_errors = 0;
    q->socket = zmq_socket(zctx, ZMQ_PUB);
    if (!q->socket) {
        snprintf(err, errlen, "cannot create the quote socket: %s", zmq_strerror(errno));
        return -1;
    }
    if (zmq_setsockopt(q->socket, ZMQ_SNDHWM, &hwm, sizeof hwm) != 0 ||
        zmq_setsockopt(q->socket, ZMQ_LINGER, &linger, sizeof linger) != 0 ||
        (curve_secret && curve_set_server(q->socket, curve_secret, "quotes") != 0) ||
        zmq_bind(q->socket, endpoint) != 0) {
        snprintf(err, errlen, "cannot bind the quote channel %s: %s", endpoint, zmq_strerror(errno));
        qpub_close(q);
        return -1;
    }
    return 0;
}

int qpub_send(qpub *q, const char *topic, size_t topic_len, const char *body, size_t body_len)
{
    if (zmq_send(q->socket, topic, topic_len, ZMQ_SNDMORE | ZMQ_DONTWAIT) < 0 ||
        zmq_send(q->socket, body, body_len, ZMQ_DONTWAIT) < 0) {
        q->send_errors++;
        return -1;
    }
    return 0;
}

void qpub_close(qpub *q)
{
    if (q->socket)
        zmq_close(q->socket);
    q->socket = NULL;
}
