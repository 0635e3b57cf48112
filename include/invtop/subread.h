/* subread.h - the SUB socket's own reader thread (prefix subread_).
 *
 * At the wire's speed, receiving (about 0.4 us a message in libzmq) and
 * decoding (about 0.2 us) on one thread add up; the ZeroMQ guide's answer
 * for a subscriber that must keep up is a reader that does nothing else and
 * hands the work over. The reader owns the socket from subread_start to
 * subread_stop: it receives messages (zero copy, two frames kept) into a
 * single-producer single-consumer ring, stamped with their receive time,
 * and wakes the event loop through a file descriptor when the ring goes
 * from empty to not empty. The loop takes messages in order, as many as its
 * drain budget allows. A full ring makes the reader wait, so back-pressure
 * reaches the socket's high-water mark as before; nothing is dropped here. */
#ifndef INVTOP_SUBREAD_H
#define INVTOP_SUBREAD_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "invtop/sub.h"

/* Messages the ring holds (a power of two). */
#define SUBREAD_RING 8192

typedef struct {
    sub_msg m;
    double recv_time; /* CLOCK_REALTIME when the reader took it */
} subread_slot;

typedef struct {
    sub *s;                       /* owned by the reader while it runs */
    subread_slot *ring;
    _Atomic size_t head, tail;    /* head: next to fill (reader); tail: next to take (loop) */
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

/* The oldest waiting message: true and *slot (valid until subread_done),
 * or false when none waits (then the wake descriptor has been cleared, so
 * a later message wakes the poll again). */
bool subread_peek(subread *r, subread_slot **slot);

/* Release the message subread_peek gave (its frames are closed). */
void subread_done(subread *r);

/* True when messages wait (for a poll that must not sleep). */
bool subread_pending(const subread *r);

/* Stop the reader and release every waiting message; the socket is the
 * caller's again. Safe on a reader that failed to start. */
void subread_stop(subread *r);

#endif
