/* subread.c - the SUB socket's reader thread (see subread.h). */
#include "invtop/subread.h"

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#define MASK (SUBREAD_RING_BYTES - 1)
/* How long the reader sleeps in zmq_poll before looking at the stop flag. */
#define POLL_MS 50
/* Messages between two readings of the clock: a message's receive time is
 * its batch's, at most this many messages (some microseconds) old. */
#define STAMP_EVERY 64
/* Messages read before the loop is handed them, while more keep coming. */
#define PUBLISH_EVERY 256

/* A record: this header, frame 0, frame 1, padding to REC_ALIGN. A header
 * with nframes 0 marks the rest of the ring up to its end as unused. */
typedef struct {
    uint32_t len[2];
    uint32_t nframes;
    uint32_t size; /* bytes of the record, a multiple of REC_ALIGN */
    double recv_time;
    uint64_t unused;
} rec_head;
#define REC_ALIGN sizeof(rec_head)
#define ALIGN_UP(n) (((n) + REC_ALIGN - 1) & ~(REC_ALIGN - 1))
/* The largest record: the reader waits until this much fits. */
#define REC_MAX ALIGN_UP(sizeof(rec_head) + 2 * (size_t)SUBREAD_FRAME_MAX)

_Static_assert((SUBREAD_RING_BYTES & MASK) == 0, "the ring is a power of two");
_Static_assert(SUBREAD_RING_BYTES >= 8 * REC_MAX, "the ring holds several of the largest");

static double realtime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void wake(subread *r)
{
    const uint64_t one = 1;
    (void)!write(r->wake_fd, &one, sizeof one); /* a full counter still wakes */
}

/* Publish the records up to `to` and wake the loop if it had taken all
 * before them (it may have found the ring empty and gone to sleep). The
 * store and the load are sequentially consistent, as is the loop's fence
 * in subread_peek: either this sees the loop's tail or the loop sees this
 * head, so a wake is never lost. */
static void publish(subread *r, size_t to)
{
    const size_t before = atomic_load_explicit(&r->head, memory_order_relaxed); /* ours */
    atomic_store(&r->head, to);
    if (atomic_load(&r->tail) == before)
        wake(r);
}

/* Bytes from head that the next record may need: the largest record, after
 * a wrap marker when it would not fit before the ring's end. */
static size_t room_needed(size_t head)
{
    const size_t to_end = SUBREAD_RING_BYTES - (head & MASK);
    return to_end < REC_MAX ? to_end + REC_MAX : REC_MAX;
}

/* Receive one message into the ring at *head (room_needed known free).
 * Returns 1 (and advances *head), 0 when none waits, -1 on a socket error. */
static int read_one(subread *r, size_t *head, double now)
{
    sub_msg m;
    const int rc = sub_recv(r->s, &m);
    if (rc <= 0)
        return rc;
    size_t at = *head & MASK;
    if (SUBREAD_RING_BYTES - at < REC_MAX) { /* not before the end: mark it, start over */
        const rec_head wrap = {.size = (uint32_t)(SUBREAD_RING_BYTES - at)};
        memcpy(r->ring + at, &wrap, sizeof wrap);
        *head += SUBREAD_RING_BYTES - at;
        at = 0;
    }
    rec_head h = {.nframes = m.nframes > UINT32_MAX ? UINT32_MAX : (uint32_t)m.nframes,
                  .recv_time = now};
    unsigned char *p = r->ring + at + sizeof h;
    for (size_t f = 0; f < 2 && f < m.nframes; f++) {
        const size_t n = m.len[f] < SUBREAD_FRAME_MAX ? m.len[f] : SUBREAD_FRAME_MAX;
        memcpy(p, m.data[f], n);
        h.len[f] = (uint32_t)n;
        p += n;
    }
    sub_msg_close(&m);
    h.size = (uint32_t)ALIGN_UP(sizeof h + h.len[0] + h.len[1]);
    memcpy(r->ring + at, &h, sizeof h);
    *head += h.size;
    return 1;
}

/* Room for the largest next record at head, given the loop's tail. */
static bool has_room(size_t head, size_t tail)
{
    return head + room_needed(head) - tail <= SUBREAD_RING_BYTES;
}

static void *reader(void *arg)
{
    subread *r = arg;
    zmq_pollitem_t item = {r->s->socket, 0, ZMQ_POLLIN, 0};
    size_t head = atomic_load(&r->head);
    while (!atomic_load(&r->stop)) {
        if (!has_room(head, atomic_load(&r->tail))) {
            nanosleep(&(struct timespec){0, 20000}, NULL); /* full: the loop is behind */
            continue;
        }
        if (zmq_poll(&item, 1, POLL_MS) < 0) {
            if (errno == EINTR || errno == ETERM)
                continue;
            atomic_store(&r->error, errno);
            wake(r);
            break;
        }
        double now = realtime();
        size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
        for (unsigned k = 1;; k++) {
            if (!has_room(head, tail)) {
                tail = atomic_load_explicit(&r->tail, memory_order_acquire);
                if (!has_room(head, tail))
                    break; /* published below; then the wait above */
            }
            const int rc = read_one(r, &head, now);
            if (rc == 0)
                break;
            if (rc < 0) {
                if (errno == EINTR)
                    continue;
                atomic_store(&r->error, errno);
                break;
            }
            if (k % STAMP_EVERY == 0)
                now = realtime();
            if (k % PUBLISH_EVERY == 0)
                publish(r, head); /* hand batches over while reading on */
        }
        if (head != atomic_load_explicit(&r->head, memory_order_relaxed))
            publish(r, head);
        if (atomic_load(&r->error)) {
            wake(r);
            break;
        }
    }
    return NULL;
}

int subread_start(subread *r, sub *s)
{
    memset(r, 0, sizeof *r);
    r->s = s;
    r->wake_fd = -1;
    atomic_init(&r->head, 0);
    atomic_init(&r->tail, 0);
    atomic_init(&r->stop, false);
    atomic_init(&r->error, 0);
    r->ring = aligned_alloc(REC_ALIGN, SUBREAD_RING_BYTES);
    r->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (!r->ring || r->wake_fd < 0) {
        int e = r->ring ? errno : ENOMEM;
        subread_stop(r);
        errno = e;
        return -1;
    }
    int e = pthread_create(&r->thread, NULL, reader, r);
    if (e != 0) {
        subread_stop(r);
        errno = e;
        return -1;
    }
    r->running = true;
    return 0;
}

int subread_fd(const subread *r)
{
    return r->wake_fd;
}

bool subread_pending(const subread *r)
{
    return atomic_load_explicit(&r->head, memory_order_acquire) !=
           atomic_load_explicit(&r->tail, memory_order_relaxed);
}

bool subread_peek(subread *r, subread_msg *m)
{
    assert(r->peeked == 0);
    size_t t = atomic_load_explicit(&r->tail, memory_order_relaxed); /* ours */
    for (;;) {
        if (atomic_load_explicit(&r->head, memory_order_acquire) == t) {
            uint64_t v;
            (void)!read(r->wake_fd, &v, sizeof v);      /* clear, then look again: a */
            atomic_thread_fence(memory_order_seq_cst); /* message after this wakes us */
            if (atomic_load(&r->head) == t)
                return false;
        }
        const rec_head *h = (const rec_head *)(r->ring + (t & MASK));
        if (h->nframes == 0) { /* the ring's end: go on at its start */
            t += h->size;
            atomic_store_explicit(&r->tail, t, memory_order_release);
            continue;
        }
        const char *p = (const char *)(h + 1);
        m->nframes = h->nframes;
        m->data[0] = p;
        m->len[0] = h->len[0];
        m->data[1] = p + h->len[0];
        m->len[1] = h->len[1];
        m->recv_time = h->recv_time;
        r->peeked = h->size;
        return true;
    }
}

void subread_done(subread *r)
{
    assert(r->peeked > 0);
    const size_t t = atomic_load_explicit(&r->tail, memory_order_relaxed);
    atomic_store_explicit(&r->tail, t + r->peeked, memory_order_release);
    r->peeked = 0;
}

bool subread_oldest_time(subread *r, double *recv_time)
{
    assert(r && recv_time && r->peeked == 0);
    subread_msg m;
    if (!subread_pending(r) || !subread_peek(r, &m))
        return false;
    r->peeked = 0; /* looked at, not taken: the next peek gives it again */
    *recv_time = m.recv_time;
    return true;
}

void subread_stop(subread *r)
{
    if (r->running) {
        atomic_store(&r->stop, true);
        pthread_join(r->thread, NULL);
        r->running = false;
    }
    free(r->ring);
    r->ring = NULL;
    if (r->wake_fd >= 0)
        close(r->wake_fd);
    r->wake_fd = -1;
}
