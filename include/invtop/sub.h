/* sub.h - invtop's ZeroMQ SUB socket: any number of --connect and --bind
 * endpoints on one socket, subscribed to everything, with a bounded message
 * size and a large receive high-water mark. */
#ifndef INVTOP_SUB_H
#define INVTOP_SUB_H

#include <stdbool.h>
#include <stddef.h>
#include <zmq.h>

#define SUB_DEFAULT_RCVHWM 1000000
#define SUB_MAX_ENDPOINTS 16

typedef struct {
    const char *connect[SUB_MAX_ENDPOINTS];
    size_t nconnect;
    const char *bind[SUB_MAX_ENDPOINTS];
    size_t nbind;
    int rcvhwm; /* 0 means SUB_DEFAULT_RCVHWM */
    /* CURVE, all optional. Binds are CURVE servers (ZAP domain "feed") when
     * curve_secret is set; a connect is a CURVE client of server_key[i] when
     * that is set (with curve_secret as its key pair, else a fresh one). */
    const char *curve_secret;                 /* Z85 secret key */
    const char *server_key[SUB_MAX_ENDPOINTS]; /* per connect: Z85 public key */
} sub_opts;

/* One received message: up to two frames kept (zero copy), the total frame
 * count in nframes (3 or more is a framing error for the caller). */
typedef struct {
    zmq_msg_t frame[2];
    size_t nframes;
    const char *data[2];
    size_t len[2];
} sub_msg;

typedef struct {
    void *socket;
} sub;

/* Whether sub_open makes o's binds CURVE servers (curve_secret set): the
 * one place that decides, for the socket and for what the engine reports. */
bool sub_bind_curve(const sub_opts *o);

/* Whether sub_open makes connect i (< o->nconnect) a CURVE client: only with
 * the publisher's key, server_key[i]. Without it the connect is plaintext,
 * whatever curve_secret says (a CURVE server role would not authenticate
 * the publisher, and a plaintext publisher would be refused). */
bool sub_connect_curve(const sub_opts *o, size_t i);

/* Open the SUB socket in zctx and attach every endpoint. Returns 0, or -1
 * with a one-line reason in err (the socket is then closed). */
int sub_open(sub *s, void *zctx, const sub_opts *o, char *err, size_t errlen);

/* Receive one message without blocking. Returns 1 with *m filled (release it
 * with sub_msg_close), 0 when nothing is waiting, -1 on a socket error
 * (errno set; EINTR included). Frames beyond the second are drained. */
int sub_recv(sub *s, sub_msg *m);

/* Release the frames of a message received by sub_recv. */
void sub_msg_close(sub_msg *m);

/* Close the socket (linger 0). Safe on a sub that failed to open. */
void sub_close(sub *s);

#endif
