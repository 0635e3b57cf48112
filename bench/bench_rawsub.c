/* bench_rawsub.c - the raw libzmq baseline: a SUB socket that only counts
 * messages (all frames) until N arrived or the feed went quiet for 2 s.
 * Usage: bench_rawsub ENDPOINT N. Prints "raw N SECONDS RATE". */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <zmq.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bench_rawsub ENDPOINT N\n");
        return 2;
    }
    long long want = atoll(argv[2]), got = 0;
    void *ctx = zmq_ctx_new(), *s = zmq_socket(ctx, ZMQ_SUB);
    int hwm = 1000000;
    zmq_setsockopt(s, ZMQ_RCVHWM, &hwm, sizeof hwm);
    zmq_setsockopt(s, ZMQ_SUBSCRIBE, "", 0);
    if (zmq_bind(s, argv[1]) != 0) {
        fprintf(stderr, "bench_rawsub: bind %s failed\n", argv[1]);
        return 1;
    }
    int timeout = 2000;
    zmq_setsockopt(s, ZMQ_RCVTIMEO, &timeout, sizeof timeout);
    zmq_msg_t m;
    zmq_msg_init(&m);
    double t0 = 0, t1 = 0;
    while (got < want) {
        if (zmq_msg_recv(&m, s, 0) < 0)
            break;
        while (zmq_msg_more(&m))
            zmq_msg_recv(&m, s, 0);
        if (got++ == 0)
            t0 = now_s();
        t1 = now_s();
    }
    zmq_msg_close(&m);
    printf("raw %lld %.6f %.0f\n", got, t1 - t0, got > 1 ? (double)(got - 1) / (t1 - t0) : 0.0);
    zmq_close(s);
    zmq_ctx_term(ctx);
    return 0;
}
