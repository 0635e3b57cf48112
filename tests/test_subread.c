/* test_subread.c - the SUB reader thread and its byte ring, over a real
 * inproc PUB: every message arrives whole and in order across many wraps of
 * the ring and while the ring is full (back-pressure), frames past the
 * second are counted, a frame over the limit arrives cut to
 * SUBREAD_FRAME_MAX (for the decoder to refuse as oversize), and a loop
 * that sleeps on the wake descriptor is always woken. No fixed sleeps: every
 * wait is for a condition, with a generous timeout that fails the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zmq.h>

#include "invtop/subread.h"

#define ENDPOINT "inproc://test-subread"
#define WAIT_MS 20000

typedef struct {
    void *ctx, *pub;
    sub s;
    subread r;
} rig;

static void rig_open(rig *g)
{
    g->ctx = zmq_ctx_new();
    g->pub = zmq_socket(g->ctx, ZMQ_PUB);
    const int hwm = 0; /* never drop: the test counts every message */
    assert_int_equal(zmq_setsockopt(g->pub, ZMQ_SNDHWM, &hwm, sizeof hwm), 0);
    assert_int_equal(zmq_bind(g->pub, ENDPOINT), 0);
    sub_opts o = {.connect = {ENDPOINT}, .nconnect = 1};
    char err[256];
    assert_int_equal(sub_open(&g->s, g->ctx, &o, err, sizeof err), 0);
    assert_int_equal(subread_start(&g->r, &g->s), 0);
}

static void rig_close(rig *g)
{
    subread_stop(&g->r);
    sub_close(&g->s);
    zmq_close(g->pub);
    zmq_ctx_term(g->ctx);
}

/* The next message, waiting on the wake descriptor as the event loop does. */
static void next_msg(rig *g, subread_msg *m)
{
    while (!subread_peek(&g->r, m)) {
        zmq_pollitem_t it = {NULL, subread_fd(&g->r), ZMQ_POLLIN, 0};
        if (zmq_poll(&it, 1, WAIT_MS) == 0)
            fail_msg("no message within %d ms (a lost wake, or lost messages)", WAIT_MS);
    }
}

/* Publish until one arrives: a SUB's subscription reaches the PUB some
 * time after connecting, and a PUB drops what it sends before that. Then a
 * last "sync", taken with every "hello" before it: the ring is empty and
 * nothing of this is left in flight (a PUB keeps the order). */
static void join(rig *g)
{
    subread_msg m;
    for (bool in = false; !in;) {
        assert_int_equal(zmq_send(g->pub, "hello", 5, 0), 5);
        zmq_pollitem_t it = {NULL, subread_fd(&g->r), ZMQ_POLLIN, 0};
        (void)zmq_poll(&it, 1, 10); /* wakes are checked in next_msg, not here */
        in = subread_peek(&g->r, &m);
        if (in)
            subread_done(&g->r);
    }
    assert_int_equal(zmq_send(g->pub, "sync", 4, 0), 4);
    for (bool synced = false; !synced;) {
        next_msg(g, &m);
        synced = m.len[0] == 4 && memcmp(m.data[0], "sync", 4) == 0;
        subread_done(&g->r);
    }
    assert_false(subread_pending(&g->r));
}

/* Message i's shape: its body length, frame count and fill byte. */
static size_t body_len(int i)
{
    if (i % 1000 == 999)
        return 70000; /* over the limit */
    return (size_t)(i * 37) % 3000;
}

static size_t frames_of(int i)
{
    return i % 777 == 5 ? 3 : i % 101 == 7 ? 1 : 2;
}

static void send_msg(rig *g, int i, unsigned char *buf)
{
    char topic[32];
    const int tl = snprintf(topic, sizeof topic, "t.%d", i);
    const size_t nf = frames_of(i), bl = body_len(i);
    memset(buf, 'a' + i % 26, bl);
    assert_int_equal(zmq_send(g->pub, topic, (size_t)tl, nf > 1 ? ZMQ_SNDMORE : 0), tl);
    if (nf > 1)
        assert_int_equal(zmq_send(g->pub, buf, bl, nf > 2 ? ZMQ_SNDMORE : 0), (int)bl);
    if (nf > 2)
        assert_int_equal(zmq_send(g->pub, "x", 1, 0), 1);
}

static void check_msg(const subread_msg *m, int i, double *last_time)
{
    char topic[32];
    const int tl = snprintf(topic, sizeof topic, "t.%d", i);
    assert_int_equal(m->nframes, frames_of(i));
    assert_int_equal(m->len[0], (size_t)tl);
    assert_memory_equal(m->data[0], topic, (size_t)tl);
    if (m->nframes > 1) {
        const size_t want = body_len(i) < SUBREAD_FRAME_MAX ? body_len(i) : SUBREAD_FRAME_MAX;
        assert_int_equal(m->len[1], want);
        for (size_t k = 0; k < want; k++)
            if ((unsigned char)m->data[1][k] != 'a' + i % 26)
                fail_msg("message %d: body byte %zu is 0x%02x", i, k, (unsigned char)m->data[1][k]);
    }
    assert_true(m->recv_time >= *last_time && m->recv_time > 1.6e9);
    *last_time = m->recv_time;
}

/* 20,000 messages (about 30 MB: the 4 MB ring wraps some 7 times), all sent
 * before the first is taken, so the ring fills and the reader waits. */
static void order_wraps_and_backpressure(void **state)
{
    (void)state;
    rig g;
    rig_open(&g);
    join(&g);
    unsigned char *buf = malloc(70000);
    assert_non_null(buf);
    enum { N = 20000 };
    for (int i = 0; i < N; i++)
        send_msg(&g, i, buf);
    double last = 0;
    for (int i = 0; i < N; i++) {
        subread_msg m;
        next_msg(&g, &m);
        check_msg(&m, i, &last);
        subread_done(&g.r);
    }
    assert_false(subread_pending(&g.r));
    assert_int_equal(atomic_load(&g.r.error), 0);
    free(buf);
    rig_close(&g);
}

/* One message at a time, the loop asleep on the descriptor before each: the
 * empty-to-not-empty wake must never be lost (a lost one times out). */
static void every_wake_arrives(void **state)
{
    (void)state;
    rig g;
    rig_open(&g);
    join(&g);
    unsigned char buf[3000];
    double last = 0;
    for (int i = 0; i < 3000; i++) {
        if (body_len(i) > sizeof buf)
            continue;
        send_msg(&g, i, buf);
        subread_msg m;
        next_msg(&g, &m);
        check_msg(&m, i, &last);
        subread_done(&g.r);
        assert_false(subread_peek(&g.r, &m)); /* empty again: the descriptor is cleared */
    }
    rig_close(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(order_wraps_and_backpressure),
        cmocka_unit_test(every_wake_arrives),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
