/* bench_tick2quote.c - time from a price tick leaving a publisher to invtop's
 * quote for that instrument reaching a subscriber, against a raw ZeroMQ echo
 * (a SUB -> PUB relay doing nothing) measured the same way in the same run.
 * Usage: bench_tick2quote BUILD TICKS RATE. Each tick moves the mid of one
 * instrument to a new level, so every tick changes the quote; a quote is
 * matched to its tick by its mid. Prints p50/p99/p99.9 of both and ratios. */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double pct(double *v, size_t n, double p)
{
    size_t i = (size_t)llround(p / 100 * (double)(n - 1));
    return v[i < n ? i : n - 1];
}

/* The k-th tick's mid: distinct for a long stretch, two decimals. */
static double mid_of(long k)
{
    return 100.0 + (double)(k % 20000) * 0.05;
}

/* Send `ticks` px messages at `rate`, read the answers on `sub`; the answer
 * for tick k is the first message whose "mid" is mid_of(k). */
static size_t run(void *pub, void *sub, long ticks, double rate, double *lat)
{
    double *sent = calloc((size_t)ticks, sizeof *sent);
    size_t got = 0;
    long next = 0, matched = 0;
    double start = now_s(), deadline = start + (double)ticks / rate + 3;
    char body[256], buf[2048];
    while (now_s() < deadline && matched < ticks) {
        double t = now_s();
        while (next < ticks && t >= start + (double)next / rate) {
            int n = snprintf(body, sizeof body, "{\"sym\":\"T\",\"mid\":%.2f}", mid_of(next));
            sent[next] = now_s();
            zmq_send(pub, "px.T", 4, ZMQ_SNDMORE);
            zmq_send(pub, body, (size_t)n, 0);
            next++;
        }
        zmq_pollitem_t it = {sub, 0, ZMQ_POLLIN, 0};
        if (zmq_poll(&it, 1, 1) <= 0)
            continue;
        int more = 1;
        int len = 0;
        while (more) {
            len = zmq_recv(sub, buf, sizeof buf - 1, 0);
            size_t ml = sizeof more;
            zmq_getsockopt(sub, ZMQ_RCVMORE, &more, &ml);
        }
        double tr = now_s();
        if (len <= 0)
            continue;
        buf[len < (int)sizeof buf - 1 ? len : (int)sizeof buf - 1] = '\0';
        const char *m = strstr(buf, "\"mid\":");
        if (!m)
            continue;
        double mid = strtod(m + 6, NULL);
        /* the newest unmatched tick with that mid */
        for (long k = matched; k < next; k++)
            if (fabs(mid_of(k) - mid) < 1e-6) {
                lat[got++] = (tr - sent[k]) * 1e6;
                matched = k + 1;
                break;
            }
    }
    free(sent);
    return got;
}

static void report(const char *what, double *v, size_t n, const double *base)
{
    qsort(v, n, sizeof *v, cmp);
    printf("  %-34s n %6zu  p50 %7.1f us  p99 %7.1f us  p99.9 %7.1f us", what, n, pct(v, n, 50),
           pct(v, n, 99), pct(v, n, 99.9));
    if (base)
        printf("   ratio p50 %.2f p99 %.2f", pct(v, n, 50) / base[0], pct(v, n, 99) / base[1]);
    printf("\n");
}

int main(int argc, char **argv)
{
    const char *build = argc > 1 ? argv[1] : "build";
    long ticks = argc > 2 ? atol(argv[2]) : 100000;
    double rate = argc > 3 ? atof(argv[3]) : 10000;
    int base = 33000 + getpid() % 1000;
    char ep_tick[64], ep_quote[64], ep_echo[64], path[512], hist[256];
    snprintf(ep_tick, sizeof ep_tick, "tcp://127.0.0.1:%d", base);
    snprintf(ep_quote, sizeof ep_quote, "tcp://127.0.0.1:%d", base + 1);
    snprintf(ep_echo, sizeof ep_echo, "tcp://127.0.0.1:%d", base + 2);
    /* a price history so the model quotes from the first tick */
    snprintf(hist, sizeof hist, "/tmp/invtop-t2q-%d.csv", getpid());
    FILE *h = fopen(hist, "w");
    fprintf(h, "time,T\n");
    for (int k = 0; k < 50; k++)
        fprintf(h, "%d,%.4f\n", k, 100 * exp(0.001 * sin(k)));
    fclose(h);
    double *lat = malloc((size_t)ticks * sizeof *lat), *lat_echo = malloc((size_t)ticks * sizeof *lat);
    void *ctx = zmq_ctx_new();
    int hwm = 0;
    /* 1. the raw echo: a child relays SUB -> PUB and does nothing else */
    pid_t echo = fork();
    if (echo == 0) {
        void *c = zmq_ctx_new(), *in = zmq_socket(c, ZMQ_SUB), *out = zmq_socket(c, ZMQ_PUB);
        zmq_setsockopt(in, ZMQ_SUBSCRIBE, "", 0);
        zmq_connect(in, ep_tick);
        zmq_bind(out, ep_echo);
        zmq_msg_t m;
        zmq_msg_init(&m);
        for (;;) {
            if (zmq_msg_recv(&m, in, 0) < 0)
                break;
            zmq_msg_send(&m, out, zmq_msg_more(&m) ? ZMQ_SNDMORE : 0);
        }
        _exit(0);
    }
    void *pub = zmq_socket(ctx, ZMQ_PUB), *sub = zmq_socket(ctx, ZMQ_SUB);
    zmq_setsockopt(pub, ZMQ_SNDHWM, &hwm, sizeof hwm);
    zmq_bind(pub, ep_tick);
    zmq_setsockopt(sub, ZMQ_SUBSCRIBE, "", 0);
    zmq_connect(sub, ep_echo);
    usleep(800000);
    size_t n_echo = run(pub, sub, ticks, rate, lat_echo);
    kill(echo, SIGKILL);
    waitpid(echo, NULL, 0);
    zmq_close(sub);
    /* 2. invtop: ticks in, quotes out */
    pid_t inv = fork();
    if (inv == 0) {
        snprintf(path, sizeof path, "%s/invtop", build);
        execl(path, "invtop", "--headless", "--connect", ep_tick, "--quotes", ep_quote,
              "--history", hist, "--interval", "100000", "--min-spread-bps", "0",
              "--quotes-refresh-s", "86400", "--journal", "/dev/null", (char *)NULL);
        _exit(127);
    }
    sub = zmq_socket(ctx, ZMQ_SUB);
    zmq_setsockopt(sub, ZMQ_SUBSCRIBE, "quote.", 6);
    zmq_connect(sub, ep_quote);
    usleep(1500000);
    size_t n_inv = run(pub, sub, ticks, rate, lat);
    kill(inv, SIGTERM);
    waitpid(inv, NULL, 0);
    printf("tick to quote (%ld ticks at %.0f/s, tcp loopback, one instrument)\n", ticks, rate);
    double b[2] = {0, 0};
    if (n_echo) {
        report("raw ZeroMQ echo (SUB->PUB relay)", lat_echo, n_echo, NULL);
        b[0] = pct(lat_echo, n_echo, 50);
        b[1] = pct(lat_echo, n_echo, 99);
    }
    if (n_inv) {
        report("invtop: px in, quote out", lat, n_inv, n_echo ? b : NULL);
        printf("  target: p99 within 1.5x of the echo: %s\n",
               n_echo && pct(lat, n_inv, 99) <= 1.5 * b[1] ? "met" : "NOT met");
    } else {
        printf("  invtop answered no tick (is %s/invtop built?)\n", build);
    }
    unlink(hist);
    zmq_close(sub);
    zmq_close(pub);
    zmq_ctx_term(ctx);
    free(lat);
    free(lat_echo);
    return 0;
}
