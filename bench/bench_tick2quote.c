/* bench_tick2quote.c - time from a price tick leaving a publisher to invtop's
 * quote for that instrument reaching a subscriber, against a raw ZeroMQ echo
 * (a SUB -> PUB relay doing nothing) measured the same way in the same run.
 * Usage: bench_tick2quote BUILD TICKS RATE. Each tick moves the mid of one
 * instrument to a new level, so every tick changes the quote; a quote is
 * matched to its tick by its mid. The two take turns every tenth of a second
 * so that bursts of stolen time on a shared machine fall on both alike. A
 * thread per answer socket blocks in zmq_recv and stamps each arrival, so
 * pacing the ticks never delays reading an answer. Prints p50/p99/p99.9 of
 * both and the ratios. */
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
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

static void sleep_until(double t)
{
    struct timespec ts = {(time_t)t, (long)((t - floor(t)) * 1e9)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) != 0)
        ;
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

typedef struct {
    double mid, t;
} arrival;

/* One target under test: where its ticks go, where its answers come from. */
typedef struct {
    void *pub, *sub;
    double *sent;       /* send time of each tick */
    long next;          /* ticks sent so far */
    arrival *arr;       /* answers as they arrived (the receiver thread's) */
    size_t narr, cap;
    atomic_bool stop;
    pthread_t thread;
} target;

/* Receiver thread: stamp every answer on t->sub until told to stop. */
static void *receive(void *arg)
{
    target *t = arg;
    char buf[2048];
    int timeout_ms = 100;
    zmq_setsockopt(t->sub, ZMQ_RCVTIMEO, &timeout_ms, sizeof timeout_ms);
    while (!atomic_load(&t->stop)) {
        int more = 1, len = -1;
        while (more) {
            len = zmq_recv(t->sub, buf, sizeof buf - 1, 0);
            if (len < 0)
                break;
            size_t ml = sizeof more;
            zmq_getsockopt(t->sub, ZMQ_RCVMORE, &more, &ml);
        }
        double tr = now_s();
        if (len <= 0 || t->narr == t->cap)
            continue;
        buf[len < (int)sizeof buf - 1 ? len : (int)sizeof buf - 1] = '\0';
        const char *m = strstr(buf, "\"mid\":");
        if (m)
            t->arr[t->narr++] = (arrival){strtod(m + 6, NULL), tr};
    }
    return NULL;
}

/* Send the next `count` ticks of t, paced at `rate`. */
static void run_segment(target *t, long count, double rate)
{
    char body[256];
    const long first = t->next;
    const double start = now_s();
    for (; t->next < first + count; t->next++) {
        sleep_until(start + (double)(t->next - first) / rate);
        int n = snprintf(body, sizeof body, "{\"sym\":\"T\",\"mid\":%.2f}", mid_of(t->next));
        t->sent[t->next] = now_s();
        zmq_send(t->pub, "px.T", 4, ZMQ_SNDMORE);
        zmq_send(t->pub, body, (size_t)n, 0);
    }
}

/* Latencies (us) into lat: the answer for tick k is the first arrival,
 * after the previous match and after tick k was sent, whose mid is
 * mid_of(k). Returns how many. */
static size_t match(const target *t, double *lat)
{
    size_t got = 0;
    long matched = 0;
    for (size_t a = 0; a < t->narr; a++)
        for (long k = matched; k < t->next && t->sent[k] <= t->arr[a].t; k++)
            if (fabs(mid_of(k) - t->arr[a].mid) < 1e-6) {
                lat[got++] = (t->arr[a].t - t->sent[k]) * 1e6;
                matched = k + 1;
                break;
            }
    return got;
}

static void report(const char *what, double *v, size_t n, long sent, const double *base)
{
    qsort(v, n, sizeof *v, cmp);
    printf("  %-34s n %6zu/%ld  p50 %7.1f us  p99 %7.1f us  p99.9 %7.1f us", what, n, sent,
           pct(v, n, 50), pct(v, n, 99), pct(v, n, 99.9));
    if (base)
        printf("   ratio p50 %.2f p99 %.2f", pct(v, n, 50) / base[0], pct(v, n, 99) / base[1]);
    printf("\n");
}

int main(int argc, char **argv)
{
    const char *build = argc > 1 ? argv[1] : "build";
    long ticks = argc > 2 ? atol(argv[2]) : 100000;
    double rate = argc > 3 ? atof(argv[3]) : 10000;
    if (ticks < 1 || !(rate > 0)) {
        fprintf(stderr, "usage: bench_tick2quote BUILD TICKS RATE\n");
        return 2;
    }
    int base = 33000 + getpid() % 1000;
    char ep_tick[64], ep_quote[64], ep_echo[64], ep_tick_echo[64], path[512], hist[256];
    snprintf(ep_tick, sizeof ep_tick, "tcp://127.0.0.1:%d", base);
    snprintf(ep_quote, sizeof ep_quote, "tcp://127.0.0.1:%d", base + 1);
    snprintf(ep_echo, sizeof ep_echo, "tcp://127.0.0.1:%d", base + 2);
    snprintf(ep_tick_echo, sizeof ep_tick_echo, "tcp://127.0.0.1:%d", base + 3);
    /* a price history so the model quotes from the first tick */
    snprintf(hist, sizeof hist, "/tmp/invtop-t2q-%d.csv", getpid());
    FILE *h = fopen(hist, "w");
    if (!h) {
        perror(hist);
        return 1;
    }
    fprintf(h, "time,T\n");
    for (int k = 0; k < 50; k++)
        fprintf(h, "%d,%.4f\n", k, 100 * exp(0.001 * sin(k)));
    fclose(h);
    /* the raw echo: a child relays SUB -> PUB and does nothing else */
    pid_t echo = fork();
    if (echo == 0) {
        void *c = zmq_ctx_new(), *in = zmq_socket(c, ZMQ_SUB), *out = zmq_socket(c, ZMQ_PUB);
        zmq_setsockopt(in, ZMQ_SUBSCRIBE, "", 0);
        zmq_connect(in, ep_tick_echo);
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
    /* invtop: ticks in, quotes out */
    pid_t inv = fork();
    if (inv == 0) {
        snprintf(path, sizeof path, "%s/invtop", build);
        execl(path, "invtop", "--headless", "--connect", ep_tick, "--quotes", ep_quote,
              "--history", hist, "--interval", "100000", "--min-spread-bps", "0",
              "--quotes-refresh-s", "86400", "--journal", "/dev/null", (char *)NULL);
        _exit(127);
    }
    void *ctx = zmq_ctx_new();
    int hwm = 0;
    target tg[2];
    const char *tick_ep[2] = {ep_tick_echo, ep_tick}, *answer_ep[2] = {ep_echo, ep_quote};
    const char *answer_topic[2] = {"", "quote."};
    for (int i = 0; i < 2; i++) {
        target *t = &tg[i];
        memset(t, 0, sizeof *t);
        t->pub = zmq_socket(ctx, ZMQ_PUB);
        t->sub = zmq_socket(ctx, ZMQ_SUB);
        t->sent = calloc((size_t)ticks, sizeof *t->sent);
        t->cap = (size_t)ticks * 2;
        t->arr = calloc(t->cap, sizeof *t->arr);
        zmq_setsockopt(t->pub, ZMQ_SNDHWM, &hwm, sizeof hwm);
        zmq_bind(t->pub, tick_ep[i]);
        zmq_setsockopt(t->sub, ZMQ_SUBSCRIBE, answer_topic[i], strlen(answer_topic[i]));
        zmq_connect(t->sub, answer_ep[i]);
        atomic_init(&t->stop, false);
        pthread_create(&t->thread, NULL, receive, t);
    }
    usleep(1500000);
    const long segment = rate / 10 > 1 ? (long)(rate / 10) : 1;
    for (long done = 0; done < ticks; done += segment)
        for (int i = 0; i < 2; i++)
            run_segment(&tg[i], done + segment <= ticks ? segment : ticks - done, rate);
    usleep(300000); /* the last answers */
    double *lat[2];
    size_t n[2];
    for (int i = 0; i < 2; i++) {
        atomic_store(&tg[i].stop, true);
        pthread_join(tg[i].thread, NULL);
        lat[i] = malloc((size_t)ticks * sizeof *lat[i]);
        n[i] = match(&tg[i], lat[i]);
    }
    kill(inv, SIGTERM);
    waitpid(inv, NULL, 0);
    kill(echo, SIGKILL);
    waitpid(echo, NULL, 0);
    printf("tick to quote (%ld ticks each at %.0f/s, tcp loopback, one instrument; echo and\n"
           "invtop take turns every %ld ticks)\n", ticks, rate, segment);
    double b[2] = {0, 0};
    if (n[0]) {
        report("raw ZeroMQ echo (SUB->PUB relay)", lat[0], n[0], ticks, NULL);
        b[0] = pct(lat[0], n[0], 50);
        b[1] = pct(lat[0], n[0], 99);
    }
    if (n[1]) {
        report("invtop: px in, quote out", lat[1], n[1], ticks, n[0] ? b : NULL);
        printf("  target: p99 within 1.5x of the echo: %s\n",
               n[0] && pct(lat[1], n[1], 99) <= 1.5 * b[1] ? "met" : "NOT met");
    } else {
        printf("  invtop answered no tick (is %s/invtop built?)\n", build);
    }
    unlink(hist);
    for (int i = 0; i < 2; i++) {
        zmq_close(tg[i].sub);
        zmq_close(tg[i].pub);
        free(tg[i].sent);
        free(tg[i].arr);
        free(lat[i]);
    }
    zmq_ctx_term(ctx);
    return 0;
}
