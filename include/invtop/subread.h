/* subread.h - the SUB socket's own reader thread (prefix subread_).
 *
 * At the wire's speed, receiving (about 0.2 us a message in libzmq) and
 * decoding (about 0.15 us) on one thread add up; the ZeroMQ guide's answer
 * for a subscriber that must keep up is a reader that does nothing else and
 * hands the work over. The reader owns the socket from subread_start to
 * subread_stop: it receives each message, copies its first two frames into
 * a single-producer single-consumer byte ring (one record a message, in
 * order, the frame count and receive time with it) and releases it at once,
 * and wakes the event loop through a file descriptor when the ring goes from
 * empty to not empty. The loop reads records in place, sequentially (the
 * hardware prefetches them; libzmq's own buffers would be a pointer chase
 * through another thread's heap), as many as its drain budget allows. A full
 * ring makes the reader wait, so back-pressure reaches the socket's
 * high-water mark as before; nothing is dropped here. */
#ifndef INVTOP_SUBREAD_H
#define INVTOP_SUBREAD_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "invtop/sub.h"

/* Bytes the ring holds (a power of two): some 30,000 typical messages, and
 * always room for a few of the largest (two frames of SUBREAD_FRAME_MAX). */
#define SUBREAD_RING_BYTES ((size_t)4 << 20)
/* Bytes of a frame kept: one more than the wire protocol allows, so that a
 * longer frame still reaches the decoder as "oversize" (its length is then
 * this, its first bytes the excerpt). */
#define SUBREAD_FRAME_MAX (64 * 1024 + 1)

/* One message as the loop sees it: valid until subread_done. */
typedef struct {
    size_t nframes;       /* all the message's frames (3 or more: bad framing) */
    const char *data[2];  /* the first two, in the ring */
    size_t len[2];
    double recv_time;     /* CLOCK_REALTIME when the reader took it (its batch) */
} subread_msg;

typedef struct {
    sub *s;                       /* owned by the reader while it runs */
    unsigned char *ring;
    _Atomic size_t head, tail;    /* byte positions, never wrapped: head the next to
                                     fill (reader), tail the next to take (loop) */
    size_t peeked;                /* the loop's: bytes of the record it holds */
    int wake_fd;                  /* eventfd: readable when messages wait */
    _Atomic bool stop;
    _Atomic int error;            /* errno of a failed receive, 0 while fine */
    pthread_t thread;
    bool running;
} subread;

/* Start the reader on an open socket s (which the caller must not touch
 * until subread_stop). Returns 0, or -1 with errno set (nothing started). */
int subread_start(subread *r, sub *s);

/* The descriptor to poll for input. */
int subread_fd(const subread *r);

/* The oldest waiting message: true and *m (valid until subread_done), or
 * false when none waits (then the wake descriptor has been cleared, so a
 * later message wakes the poll again). */
bool subread_peek(subread *r, subread_msg *m);

/* Release the message subread_peek gave. */
void subread_done(subread *r);

/* The receive time of the oldest waiting message, which stays waiting:
 * true and *recv_time, or false when none waits. Not while a peeked message
 * is held (asserted). */
bool subread_oldest_time(subread *r, double *recv_time);

/* True when messages wait (for a poll that must not sleep). */
bool subread_pending(const subread *r);

/* Stop the reader and release every waiting message; the socket is the
 * caller's again. Safe on a reader that failed to start. */
void subread_stop(subread *r);

#endif
