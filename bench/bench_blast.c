/* bench_blast.c - a publisher faster than any receiver, for the wire-speed
 * ingest benchmark. Every message is encoded once before the clock starts:
 * 1,024 distinct native px messages, two frames ("px.SYM" and a JSON body
 * with sym, bid, ask and ts; no seq, so a receiver has no gaps to count),
 * 16 symbols x 64 price levels. They are sent zero-copy from those buffers
 * (no per-message formatting, allocation or copy in the sending thread), in
 * turn, N in all, from one XPUB with SNDHWM 0: nothing is dropped at the
 * publisher, the queue grows instead.
 *
 * The clock starts when the first subscription arrives (XPUB hands it up), so
 * there is no sleep and no message is sent before a subscriber can get it;
 * with --connect libzmq retries until the receiver has bound.
 *
 * Usage: bench_blast [--bind|--connect] ENDPOINT N   (default --connect)
 * Prints "blast N SEND_SECONDS SEND_RATE FLUSH_SECONDS": SEND_* is the sending
 * loop (the publisher's own rate: messages handed to libzmq per second),
 * FLUSH_SECONDS the time from the first send until libzmq had written the
 * last one to the socket, which is paced by the receiver. Exit 1 when no
 * subscriber came within 10 s or the queue did not drain within 60 s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#define NMSG 1024  /* distinct pre-encoded messages */
#define NSYM 16
#define WAIT_SUB_MS 10000
#define LINGER_MS 60000

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static char topics[NMSG][24], bodies[NMSG][128];
static size_t topic_len[NMSG], body_len[NMSG];

static void encode_all(void)
{
    static const char *const sym[NSYM] = {
        "BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "BTC-PERP", "ETH-PERP", "SOL-PERP", "XRP-PERP",
        "BTC-FUT", "ETH-FUT", "DOGE-USD", "ADA-USD", "AVAX-USD", "LINK-USD", "DOT-USD", "LTC-USD"};
    static const double base[NSYM] = {65000, 3400, 150, 0.52, 65010, 3401, 150.1, 0.521,
                                      65200, 3410, 0.12, 0.45, 28.5, 14.2, 6.1, 72.3};
    for (int i = 0; i < NMSG; i++) {
        int k = i % NSYM, level = i / NSYM;                   /* 64 levels per symbol */
        double mid = base[k] * (1 + (level - 32) * 2.5e-5);  /* +-8 bp around base */
        double half = base[k] * 1e-4;                        /* 1 bp each side */
        topic_len[i] = (size_t)snprintf(topics[i], sizeof topics[i], "px.%s", sym[k]);
        body_len[i] = (size_t)snprintf(bodies[i], sizeof bodies[i],
                                       "{\"sym\":\"%s\",\"bid\":%.6g,\"ask\":%.6g,\"ts\":1764441600.%06d}",
                                       sym[k], mid - half, mid + half, i * 977 % 1000000);
    }
}

int main(int argc, char **argv)
{
    int bind = 0, a = 1;
    if (argc == 4 && (!strcmp(argv[1], "--bind") || !strcmp(argv[1], "--connect"))) {
        bind = !strcmp(argv[1], "--bind");
        a = 2;
    } else if (argc != 3) {
        fprintf(stderr, "usage: bench_blast [--bind|--connect] ENDPOINT N\n");
        return 2;
    }
    const char *endpoint = argv[a];
    long long n = atoll(argv[a + 1]);
    if (n <= 0) {
        fprintf(stderr, "bench_blast: N must be positive\n");
        return 2;
    }
    encode_all();

    void *ctx = zmq_ctx_new(), *pub = zmq_socket(ctx, ZMQ_XPUB);
    int hwm = 0, linger = LINGER_MS, wait_ms = WAIT_SUB_MS;
    zmq_setsockopt(pub, ZMQ_SNDHWM, &hwm, sizeof hwm);
    zmq_setsockopt(pub, ZMQ_LINGER, &linger, sizeof linger);
    zmq_setsockopt(pub, ZMQ_RCVTIMEO, &wait_ms, sizeof wait_ms);
    if ((bind ? zmq_bind(pub, endpoint) : zmq_connect(pub, endpoint)) != 0) {
        fprintf(stderr, "bench_blast: %s %s: %s\n", bind ? "bind" : "connect", endpoint,
                zmq_strerror(zmq_errno()));
        return 1;
    }
    /* the first subscription: byte 1 then the prefix ("" from a SUB that takes everything) */
    char sub[256];
    int r;
    do
        r = zmq_recv(pub, sub, sizeof sub, 0);
    while (r >= 0 && (r == 0 || sub[0] != 1));
    if (r < 0) {
        fprintf(stderr, "bench_blast: no subscriber on %s within %d ms\n", endpoint, WAIT_SUB_MS);
        zmq_close(pub);
        zmq_ctx_term(ctx);
        return 1;
    }

    double t0 = now_s();
    for (long long i = 0; i < n; i++) {
        int j = (int)(i & (NMSG - 1));
        zmq_msg_t t, b;
        /* no free function: the buffers are static, libzmq sends them as they are */
        zmq_msg_init_data(&t, topics[j], topic_len[j], NULL, NULL);
        zmq_msg_init_data(&b, bodies[j], body_len[j], NULL, NULL);
        if (zmq_msg_send(&t, pub, ZMQ_SNDMORE) < 0 || zmq_msg_send(&b, pub, 0) < 0) {
            fprintf(stderr, "bench_blast: send failed after %lld: %s\n", i, zmq_strerror(zmq_errno()));
            return 1;
        }
    }
    double t1 = now_s();
    /* close with linger: returns once the queue is written out (or LINGER_MS passed) */
    zmq_close(pub);
    zmq_ctx_term(ctx);
    double t2 = now_s();
    printf("blast %lld %.6f %.0f %.6f\n", n, t1 - t0, (double)n / (t1 - t0), t2 - t0);
    if (t2 - t1 > LINGER_MS / 1000.0 - 0.5) {
        fprintf(stderr, "bench_blast: the queue did not drain within %d ms\n", LINGER_MS);
        return 1;
    }
    return 0;
}
