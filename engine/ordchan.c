/* ordchan.c - the order channel's socket (see ordchan.h). */
#include "invtop/ordchan.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <zmq.h>

int ordchan_open(void **sock, void *zctx, const char *endpoint, char *err, size_t errlen)
{
    int linger = 0, hwm = 10000;
    *sock = zmq_socket(zctx, ZMQ_DEALER);
    if (!*sock) {
        snprintf(err, errlen, "cannot create the order socket: %s", zmq_strerror(errno));
        return -1;
    }
    if (zmq_setsockopt(*sock, ZMQ_LINGER, &linger, sizeof linger) != 0 ||
        zmq_setsockopt(*sock, ZMQ_SNDHWM, &hwm, sizeof hwm) != 0 || zmq_bind(*sock, endpoint) != 0) {
        snprintf(err, errlen, "cannot bind the order channel %s: %s", endpoint, zmq_strerror(errno));
        ordchan_close(sock);
        return -1;
    }
    return 0;
}

int ordchan_send(void *sock, const char *msg, size_t len)
{
    return zmq_send(sock, msg, len, ZMQ_DONTWAIT) < 0 ? -1 : 0;
}

long ordchan_recv(void *sock, char *buf, size_t cap)
{
    int n = zmq_recv(sock, buf, cap - 1, ZMQ_DONTWAIT);
    if (n < 0)
        return -1;
    size_t len = (size_t)n < cap - 1 ? (size_t)n : cap - 1;
    buf[len] = '\0';
    int more = 0;
    size_t sz = sizeof more;
    char drop[64];
    while (zmq_getsockopt(sock, ZMQ_RCVMORE, &more, &sz) == 0 && more)
        (void)zmq_recv(sock, drop, sizeof drop, ZMQ_DONTWAIT);
    return (long)len;
}

void ordchan_close(void **sock)
{
    if (*sock)
        zmq_close(*sock);
    *sock = NULL;
}
