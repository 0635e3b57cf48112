/* bench_stress.c - the stress matrix (issue 21): one full grid of 10,000
 * positions x 27 cells (9 moves x 3 vols) and the 8 extended moves, per
 * underlying and per book, worst cells and instruments named. The book:
 * 80% options (calls and puts, strikes 70%..130% of spot, 1 to 365 days,
 * vols 40%..90%), 20% delta-one, over 5 underlyings and 4 books. Baselines
 * in the same run: as many plain bs_price calls as the grid has option
 * cells (options x 27, the naive revaluation's price count), and as many
 * bs_price_fast calls. Figures only; the goal (20 ms) is printed, never
 * enforced. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "invtop/bs.h"
#include "invtop/stress.h"

#define NPOS 10000
#define NUND 5
#define NBOOKS 4
#define REPS 15

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A deterministic mix (no RNG: the same book every run). */
static size_t build(stress_leg *legs)
{
    static const double spot[NUND] = {65000, 3000, 150, 0.6, 25};
    size_t nopt = 0;
    for (size_t i = 0; i < NPOS; i++) {
        size_t u = i % NUND;
        stress_leg l = {.und = u, .inst = i, .book = (i / 7) % NBOOKS, .spot = spot[u]};
        l.qm = (double)((int)(i % 11) - 5) + 0.5;
        if (i % 5 != 4) {
            l.kind = STRESS_OPTION;
            l.strike = spot[u] * (0.7 + 0.6 * (double)(i % 13) / 12);
            l.T = (1 + (double)((i * 37) % 365)) / 365;
            l.r = 0.03;
            l.sigma = 0.4 + 0.05 * (double)(i % 11);
            l.right = (i / 3) % 2 ? 'C' : 'P';
            nopt++;
        } else {
            l.kind = STRESS_LINEAR;
            l.spot *= 1.0005; /* a perp's own mid, a little off the index */
        }
        legs[i] = l;
    }
    return nopt;
}

int main(void)
{
    stress_leg *legs = malloc(NPOS * sizeof *legs);
    double *scratch = malloc(NPOS * sizeof *scratch);
    stress_grid *und = malloc(NUND * sizeof *und), *books = malloc(NBOOKS * sizeof *books), port;
    if (!legs || !scratch || !und || !books)
        return 1;
    size_t nopt = build(legs);
    stress_params p;
    stress_default_params(&p);
    size_t cells = p.nmoves * STRESS_VOLS;

    double t_grid[REPS], t_bs[REPS], t_fast[REPS];
    volatile double sink = 0;
    for (int r = 0; r < REPS; r++) {
        double t0 = now_s();
        stress_run(&p, legs, NPOS, NPOS, NUND, NBOOKS, &port, und, books, scratch);
        double t1 = now_s();
        sink += port.worst.pnl;
        /* the baseline's inputs are the grid's: the same shocked vols */
        double acc = 0;
        for (size_t i = 0; i < NPOS; i++) {
            const stress_leg *l = &legs[i];
            if (l->kind != STRESS_OPTION)
                continue;
            for (size_t v = 0; v < STRESS_VOLS; v++) {
                double sig = stress_shocked_vol(&p, l->sigma, l->T, v);
                for (size_t k = 0; k < p.nmoves; k++)
                    acc += bs_price(l->spot * (1 + p.moves[k]), l->strike, l->T, l->r, sig, l->right);
            }
        }
        double t2 = now_s();
        for (size_t i = 0; i < NPOS; i++) {
            const stress_leg *l = &legs[i];
            if (l->kind != STRESS_OPTION)
                continue;
            double x0 = log(l->spot), kdf = l->strike * exp(-l->r * l->T);
            for (size_t v = 0; v < STRESS_VOLS; v++) {
                double sig = stress_shocked_vol(&p, l->sigma, l->T, v);
                double shift = -log(l->strike) + (l->r + 0.5 * sig * sig) * l->T, vst = sig * sqrt(l->T);
                for (size_t k = 0; k < p.nmoves; k++)
                    acc += bs_price_fast(x0 + log1p(p.moves[k]), shift, vst, kdf, l->right);
            }
        }
        double t3 = now_s();
        sink += acc;
        t_grid[r] = (t1 - t0) * 1e3;
        t_bs[r] = (t2 - t1) * 1e3;
        t_fast[r] = (t3 - t2) * 1e3;
    }
    qsort(t_grid, REPS, sizeof *t_grid, by_value);
    qsort(t_bs, REPS, sizeof *t_bs, by_value);
    qsort(t_fast, REPS, sizeof *t_fast, by_value);
    printf("stress matrix (issue 21): %d positions (%zu options, %zu delta-one), %d underlyings, %d books,\n"
           "  %zu cells (%zu moves x %d vols) + %zu extended moves; ms per full grid, one core, %d runs\n",
           NPOS, nopt, (size_t)NPOS - nopt, NUND, NBOOKS, cells, p.nmoves, STRESS_VOLS, p.nextended, REPS);
    printf("  %-38s %8s %8s\n", "", "best", "median");
    printf("  %-38s %8.2f %8.2f\n", "stress_run (grid + worst named)", t_grid[0], t_grid[REPS / 2]);
    printf("  %-38s %8.2f %8.2f\n", "baseline: options x 27 bs_price", t_bs[0], t_bs[REPS / 2]);
    printf("  %-38s %8.2f %8.2f\n", "baseline: options x 27 bs_price_fast", t_fast[0], t_fast[REPS / 2]);
    printf("  ratio stress_run / bs_price baseline %.2f, / bs_price_fast baseline %.2f (medians)\n",
           t_grid[REPS / 2] / t_bs[REPS / 2], t_grid[REPS / 2] / t_fast[REPS / 2]);
    printf("  goal: at most 20 ms per full grid (median %s)\n", t_grid[REPS / 2] <= 20 ? "within" : "OVER");
    printf("  worst cell: %.0f at move %+.2f, vol row %zu, instrument %ld (%.0f)\n", port.worst.pnl,
           p.moves[port.worst.move], port.worst.vol, port.worst.inst, port.worst.inst_pnl);
    (void)sink;
    free(legs);
    free(scratch);
    free(und);
    free(books);
    return 0;
}
