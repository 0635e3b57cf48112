/* quotepub.h - invtop's quote channel: a ZeroMQ PUB socket (prefix qpub_).
 * Messages are two frames, [quote.SYM][JSON] (docs/PROTOCOL.md). */
#ifndef INVTOP_QUOTEPUB_H
#define INVTOP_QUOTEPUB_H

#include <stddef.h>

typedef struct {
    void *socket;
    unsigned long send_errors; /* messages the socket refused (HWM, closed) */
} qpub;

/* Bind a PUB socket in zctx to endpoint, a CURVE server (ZAP domain
 * "quotes") when curve_secret (Z85) is not NULL. Returns 0, or -1 with a
 * one-line reason in err (nothing left open). */
int qpub_open(qpub *q, void *zctx, const char *endpoint, const char *curve_secret, char *err,
              size_t errlen);

/* Send one message without blocking; a refusal is counted, never waited on.
 * Returns 0 or -1. */
int qpub_send(qpub *q, const char *topic, size_t topic_len, const char *body, size_t body_len);

/* Close (linger 0). Safe on an unopened qpub. */
void qpub_close(qpub *q);

#endif
