/* ordchan.h - the order channel's socket (prefix ordchan_): a ZeroMQ
 * DEALER bound at --orders, one JSON frame per message both ways
 * (docs/PROTOCOL.md, Order channel). Nothing here blocks. */
#ifndef INVTOP_ORDCHAN_H
#define INVTOP_ORDCHAN_H

#include <stddef.h>

/* Bind a DEALER at endpoint in zctx into *sock. Returns 0, or -1 with the
 * reason in err (*sock NULL). */
int ordchan_open(void **sock, void *zctx, const char *endpoint, char *err, size_t errlen);

/* Send one frame without waiting. Returns 0, or -1 when no consumer is
 * connected or its queue is full (the order is sent again later). */
int ordchan_send(void *sock, const char *msg, size_t len);

/* Receive one frame without waiting into buf (cap > 0 bytes, terminated).
 * Returns its length, -1 when nothing is waiting; a longer frame is cut to
 * cap - 1 bytes (it then fails to parse and is counted as a bad reply);
 * extra frames of one message are dropped. */
long ordchan_recv(void *sock, char *buf, size_t cap);

void ordchan_close(void **sock);

#endif
