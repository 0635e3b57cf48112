/* subread.c - the SUB socket's reader thread (see subread.h). */
#include "invtop/subread.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#define MASK (SUBREAD_RING - 1)
/* How long the reader sleeps in zmq_poll before looking at the stop flag. */
#define POLL_MS 50

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

/* Publish the messages up to `to` and wake the loop if it had taken all
 * before them (it may have found the ring empty and gone to sleep). */
static void publish(subread *r, size_t to)
{
    const size_t before = atomic_load(&r->head); /* this thread is its only writer */
    atomic_store(&r->head, to);
    if (atomic_load(&r->tail) == before)
        wake(r);
}

static void *reader(void *arg)
{
    subread *r = arg;
    zmq_pollitem_t item = {r->s->socket, 0, ZMQ_POLLIN, 0};
    size_t head = atomic_load(&r->head);
    while (!atomic_load(&r->stop)) {
        if (head - atomic_load(&r->tail) == SUBREAD_RING) {
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
        const size_t from = head;
        while (head - atomic_load(&r->tail) < SUBREAD_RING) {
            subread_slot *sl = &r->ring[head & MASK];
            int rc = sub_recv(r->s, &sl->m);
            if (rc == 0)
                break;
            if (rc < 0) {
                if (errno == EINTR)
                    continue;
                atomic_store(&r->error, errno);
                break;
            }
            sl->recv_time = realtime();
            head++;
            if (((head - from) & 255) == 0)
                publish(r, head); /* hand batches over while reading on */
        }
        if (head != atomic_load(&r->head))
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
    r->ring = calloc(SUBREAD_RING, sizeof *r->ring);
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
    return atomic_load(&r->head) != atomic_load(&r->tail);
}

bool subread_peek(subread *r, subread_slot **slot)
{
    const size_t t = atomic_load(&r->tail);
    if (atomic_load(&r->head) == t) {
        uint64_t v;
        (void)!read(r->wake_fd, &v, sizeof v); /* clear, then look again: a */
        if (atomic_load(&r->head) == t)        /* message after this wakes us */
            return false;
    }
    *slot = &r->ring[t & MASK];
    return true;
}

void subread_done(subread *r)
{
    const size_t t = atomic_load(&r->tail);
    sub_msg_close(&r->ring[t & MASK].m);
    atomic_store(&r->tail, t + 1);
}

void subread_stop(subread *r)
{
    if (r->running) {
        atomic_store(&r->stop, true);
        pthread_join(r->thread, NULL);
        r->running = false;
    }
    if (r->ring)
        for (size_t t = atomic_load(&r->tail); t != atomic_load(&r->head); t++)
            sub_msg_close(&r->ring[t & MASK].m);
    free(r->ring);
    r->ring = NULL;
    if (r->wake_fd >= 0)
        close(r->wake_fd);
    r->wake_fd = -1;
}
