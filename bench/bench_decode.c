/* bench_decode.c - decode + apply, in process, from pre-built buffers of
 * realistic messages (the synthetic market's), for each framing. Prints
 * messages per second; the baseline is a plain memchr scan of the same
 * bytes, which is what any decoder must at least do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invtop/book.h"
#include "invtop/ingest.h"
#include "invtop/synth.h"

#define N_MSGS 200000
/* Best of many short rounds: this shared machine has bursts of stolen time
 * lasting seconds, and the best round is the one that ran undisturbed. */
#define ROUNDS 25

typedef struct {
    char *topic[N_MSGS], *body[N_MSGS], *one[N_MSGS];
    size_t tlen[N_MSGS], blen[N_MSGS], olen[N_MSGS];
} corpus;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static corpus *build(int only_px)
{
    corpus *c = calloc(1, sizeof *c);
    synth_opts o;
    synth_default_opts(&o);
    o.instruments = 20;
    o.start_ts = 1700000000;
    synth *s = synth_new(&o);
    jw t = {0}, b = {0};
    for (size_t i = 0; i < N_MSGS;) {
        synth_next(s, &t, &b);
        if (only_px && strncmp(t.buf, "px.", 3) != 0)
            continue;
        c->topic[i] = strdup(t.buf);
        c->tlen[i] = t.len;
        c->body[i] = strdup(b.buf);
        c->blen[i] = b.len;
        c->olen[i] = t.len + 1 + b.len;
        c->one[i] = malloc(c->olen[i] + 1);
        sprintf(c->one[i], "%s %s", t.buf, b.buf);
        i++;
    }
    jw_free(&t);
    jw_free(&b);
    synth_free(s);
    return c;
}

/* One decoding set-up: its corpus, its framing, its own book. */
typedef struct {
    const corpus *c;
    int framing;
    book *bk;
    ingest in;
    double best;
} config;

/* One round of c->c through ingest; keeps the best rate seen. */
static void round_of(config *cf)
{
    const corpus *c = cf->c;
    double t0 = now_s();
    for (size_t i = 0; i < N_MSGS; i++) {
        if (cf->framing == 2) {
            const char *f[2] = {c->topic[i], c->body[i]};
            size_t l[2] = {c->tlen[i], c->blen[i]};
            ingest_frames(&cf->in, 2, f, l, 1700000000.0 + (double)i * 1e-6);
        } else {
            const char *f[1] = {c->one[i]};
            size_t l[1] = {c->olen[i]};
            ingest_frames(&cf->in, 1, f, l, 1700000000.0 + (double)i * 1e-6);
        }
    }
    double rate = N_MSGS / (now_s() - t0);
    if (rate > cf->best)
        cf->best = rate;
}

/* One round of the baseline: a memchr scan of the same bodies. */
static void scan_round(const corpus *c, double *best)
{
    volatile size_t sink = 0;
    double t0 = now_s();
    for (size_t i = 0; i < N_MSGS; i++) {
        const char *q = memchr(c->body[i], '}', c->blen[i]);
        sink += (size_t)(q - c->body[i]);
    }
    double rate = N_MSGS / (now_s() - t0);
    if (rate > *best)
        *best = rate;
}

int main(void)
{
    corpus *px = build(1), *mix = build(0);
    config cf[3] = {{px, 2, NULL, {0}, 0}, {px, 1, NULL, {0}, 0}, {mix, 2, NULL, {0}, 0}};
    for (int k = 0; k < 3; k++) {
        cf[k].bk = book_new(1024);
        ingest_init(&cf[k].in, cf[k].bk, NULL);
    }
    /* The set-ups take turns round by round, so a slow stretch of the
     * machine costs each of them a round, not one of them all its rounds. */
    double base = 0;
    /* BENCH_DECODE_ROUNDS: fewer rounds, e.g. 1 under callgrind */
    const char *env = getenv("BENCH_DECODE_ROUNDS");
    int rounds = env && atoi(env) > 0 ? atoi(env) : ROUNDS;
    for (int r = 0; r < rounds; r++) {
        scan_round(px, &base);
        for (int k = 0; k < 3; k++)
            round_of(&cf[k]);
    }
    for (int k = 0; k < 3; k++) {
        if (cf[k].in.stats.rejected_total)
            fprintf(stderr, "bench_decode: %llu rejects (bug)\n",
                    (unsigned long long)cf[k].in.stats.rejected_total);
        book_free(cf[k].bk);
    }
    const double px2 = cf[0].best, px1 = cf[1].best, mix2 = cf[2].best;
    printf("decode+apply (in process, best of %d interleaved rounds x %d msgs, one core)\n", rounds, N_MSGS);
    printf("  %-34s %12.0f msg/s\n", "baseline: memchr scan of bodies", base);
    printf("  %-34s %12.0f msg/s   ratio to scan %.3f   target 5,000,000: %s\n",
           "px, two frames", px2, px2 / base, px2 >= 5e6 ? "met" : "missed");
    printf("  %-34s %12.0f msg/s   ratio to scan %.3f\n", "px, one frame", px1, px1 / base);
    printf("  %-34s %12.0f msg/s   ratio to scan %.3f\n", "feed mix (px/pos/inst/fill), 2 fr.", mix2, mix2 / base);
    return 0;
}
