/* bench_risk.c - the risk snapshot: time per method, and how it grows with
 * instruments, underlyings, window and Monte Carlo paths. The book holds 80%
 * delta-one instruments and 20% options, spread over the underlyings. The
 * baseline is one pass over the same scenario matrix (window x underlyings),
 * the least any historical method must do. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invtop/bs.h"
#include "invtop/portvar.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

typedef struct {
    book *b;
    history *h;
    exposure e;
    pv_inputs in;
    double *scratch;
    pv_params p;
    size_t nund, window;
} setup;

static void put(book *b, event *e)
{
    if (book_apply(b, e, 1.7e9, NULL) != 0)
        abort();
}

static void build(setup *s, size_t ninst, size_t nund, size_t window, size_t paths)
{
    const double now = 1.7e9;
    memset(s, 0, sizeof *s);
    s->nund = nund;
    s->window = window;
    s->b = book_new(ninst);
    s->h = hist_new(nund, window, 0.94);
    if (!s->b || !s->h || expo_init(&s->e, ninst, nund) || pv_inputs_init(&s->in, nund, ninst))
        abort();
    s->scratch = malloc((window + nund) * sizeof *s->scratch);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 7);
    for (size_t i = 0; i < ninst; i++) {
        event e = {.kind = EVENT_INST};
        size_t u = (i / 5) % nund; /* four delta-one and one option per underlying group */
        snprintf(e.sym, sizeof e.sym, "I%zu", i);
        snprintf(e.u.inst.underlying, sizeof e.u.inst.underlying, "U%zu", u);
        e.u.inst.mult = 1;
        e.u.inst.iv = NAN;
        if (i % 5 == 4) {
            e.u.inst.kind = INST_OPTION;
            e.u.inst.strike = 100 * (0.8 + 0.05 * (double)(i % 9));
            e.u.inst.expiry = now + 86400.0 * (double)(7 + i % 60);
            e.u.inst.right = (i / 5) % 2 ? 'C' : 'P';
            e.u.inst.iv = 0.5;
        } else {
            e.u.inst.kind = (i % 5 == 0) ? INST_SPOT : INST_PERP;
        }
        put(s->b, &e);
        event px = {.kind = EVENT_PX};
        memcpy(px.sym, e.sym, sizeof px.sym);
        px.u.px.bid = px.u.px.ask = NAN;
        px.u.px.mid = e.u.inst.kind == INST_OPTION ? 5 : 100;
        put(s->b, &px);
        event pos = {.kind = EVENT_POS};
        memcpy(pos.sym, e.sym, sizeof pos.sym);
        pos.u.pos.qty = (double)((int)(i % 7) - 3);
        pos.u.pos.avg_px = NAN;
        put(s->b, &pos);
    }
    expo_compute(&s->e, s->b, s->h, now, 0, NAN, NULL);
    double *prices = malloc(nund * sizeof *prices);
    for (size_t u = 0; u < nund; u++)
        prices[u] = 100;
    for (size_t k = 0; k <= window; k++) {
        for (size_t u = 0; u < nund; u++)
            prices[u] *= exp(0.001 * gsl_ran_gaussian(rng, 1));
        hist_sample(s->h, prices);
    }
    free(prices);
    gsl_rng_free(rng);
    pv_default_params(&s->p);
    s->p.mc_paths = paths;
}

static void teardown(setup *s)
{
    book_free(s->b);
    hist_free(s->h);
    expo_free(&s->e);
    pv_inputs_free(&s->in);
    free(s->scratch);
}

typedef struct {
    double expo, param, hist, mc, base;
} timings;

/* Best of `reps` for each part, in milliseconds. */
static timings measure(setup *s, int reps, int mc_reps)
{
    timings t = {1e9, 1e9, 1e9, 1e9, 1e9};
    pv_result res;
    volatile double sink = 0;
    for (int r = 0; r < reps; r++) {
        double t0 = now_s();
        expo_compute(&s->e, s->b, s->h, 1.7e9, 0, NAN, NULL);
        pv_inputs_fill(&s->in, &s->e, s->h);
        double t1 = now_s();
        pv_parametric(&s->in, &s->p, &res);
        double t2 = now_s();
        pv_historical(&s->in, s->h, &s->p, s->scratch, &res);
        double t3 = now_s();
        for (size_t k = 0; k < hist_nreturns(s->h); k++) {
            const double *ret = hist_returns(s->h, k);
            for (size_t u = 0; u < s->nund; u++)
                sink += ret[u];
        }
        double t4 = now_s();
        t.expo = fmin(t.expo, (t1 - t0) * 1e3);
        t.param = fmin(t.param, (t2 - t1) * 1e3);
        t.hist = fmin(t.hist, (t3 - t2) * 1e3);
        t.base = fmin(t.base, (t4 - t3) * 1e3);
    }
    for (int r = 0; r < mc_reps; r++) {
        double t0 = now_s();
        pv_monte_carlo(&s->in, &s->p, &res);
        t.mc = fmin(t.mc, (now_s() - t0) * 1e3);
    }
    return t;
}

static void row(const char *label, size_t a, size_t b, size_t c, size_t d, int mc_reps)
{
    setup s;
    build(&s, a, b, c, d);
    timings t = measure(&s, 5, mc_reps);
    printf("  %-11s %6zu %5zu %6zu %6zu %5zu  %8.3f %8.3f %8.3f %9.2f   %8.4f  %7.1f\n", label, a,
           b, c, d, s.in.nopt, t.expo, t.param, t.hist, t.mc, t.base,
           (t.expo + t.param + t.hist) / t.base);
    teardown(&s);
}

int main(void)
{
    printf("risk snapshot (ms, best of 5; 80%% delta-one, 20%% options; one core)\n");
    printf("  %-11s %6s %5s %6s %6s %5s  %8s %8s %8s %9s   %8s  %7s\n", "vary", "inst", "und",
           "window", "paths", "opts", "exposure", "param", "hist+CF", "MC", "baseline", "ratio");
    row("reference", 1000, 20, 500, 10000, 3);
    for (size_t n = 10; n <= 10000; n *= 10)
        row("instruments", n, 20, 500, 10000, 1);
    for (size_t u = 5; u <= 80; u *= 2)
        row("underlyings", 1000, u, 500, 10000, 1);
    for (size_t w = 125; w <= 2000; w *= 2)
        row("window", 1000, 20, w, 10000, 1);
    for (size_t p = 2500; p <= 40000; p *= 2)
        row("paths", 1000, 20, 500, p, 1);
    printf("  baseline = one pass over the window x underlyings returns; ratio = (exposure+param+hist)/baseline\n");
    printf("  target: parametric + historical under 5 ms at the reference row; Monte Carlo runs on a worker thread\n");
    return 0;
}
