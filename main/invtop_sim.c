/* sim_main.c - invtop-sim: reproduce Avellaneda & Stoikov (2008), table of
 * section 3.3, with the skew function the dashboard uses, beside the
 * paper's own values; or (--closed-loop) run invtop's quotes against the
 * synthetic market in one process on simulated time (closedloop.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/assim.h"
#include "tui/cli.h"
#include "invtop/closedloop.h"
#include "tui/toolopts.h"

typedef struct {
    double gamma;
    const char *strategy;
    double spread, profit, profit_sd, q, q_sd;
} paper_row;

static const paper_row paper[] = {
    {0.1, "inventory", 1.29, 62.94, 5.89, 0.10, 2.80},
    {0.1, "symmetric", 1.29, 67.21, 13.43, -0.018, 8.66},
    {0.01, "inventory", 1.33, 66.78, 8.76, -0.02, 4.70},
    {0.01, "symmetric", 1.33, 67.36, 13.40, -0.31, 8.65},
    {0.5, "inventory", 1.15, 33.92, 4.72, -0.02, 1.88},
    {0.5, "symmetric", 1.15, 66.20, 14.53, 0.25, 9.06},
};

static void write_line(void *ctx, const char *line, size_t len)
{
    (void)ctx;
    fwrite(line, 1, len, stdout);
}

/* --closed-loop: invtop's options from rest[0..nrest), then the loop. */
static int closed_loop(const cl_params *p, bool snapshots, int nrest, char **rest)
{
    enum { FIXED = 5 };
    char **argv = calloc((size_t)nrest + FIXED + 1, sizeof *argv);
    if (!argv)
        return 1;
    /* the user's config and override journal stay out of it unless asked for */
    char *fixed[FIXED] = {"invtop", "--config", "/dev/null", "--journal", "/dev/null"};
    memcpy(argv, fixed, sizeof fixed);
    for (int i = 0; i < nrest; i++)
        argv[FIXED + i] = rest[i];
    invtop_opts o;
    cli_defaults(&o);
    cli_result cr = cli_parse(nrest + FIXED, argv, &o, stdout, stderr);
    int rc = cr == CLI_EXIT_OK ? 0 : 2;
    if (cr == CLI_RUN) {
        cl_result r;
        rc = cl_run(p, &o.engine, snapshots ? write_line : NULL, NULL, &r) == 0 ? 0 : 1;
        if (rc == 0 && fflush(stdout) != 0)
            rc = 1;
        if (rc == 0)
            fprintf(snapshots ? stderr : stdout,
                    "closed loop: model %s, seed %lu, latency %g ms: %.1f simulated s, %llu messages "
                    "(%llu fills), %llu quotes published, %llu taken, %llu refused; inventory rms "
                    "%.4f lots over %zu samples\n",
                    skew_model_name(o.engine.quote.model), p->seed, p->latency_s * 1e3, r.span_s,
                    (unsigned long long)r.messages, (unsigned long long)r.fills,
                    (unsigned long long)r.quotes_published, (unsigned long long)r.quotes_taken,
                    (unsigned long long)r.quote_errors, r.inv_rms_lots, r.inv_samples);
        if (rc == 0)
            fprintf(snapshots ? stderr : stdout,
                    "hedging %s: net delta rms %.0f USD, P&L sd %.2f USD per %g s, final P&L %.2f USD; "
                    "%llu hedge orders, %llu fills, %.0f USD traded, spread paid %.2f USD, fees %.2f USD\n",
                    p->hedge == CL_HEDGE_AUTO ? "auto" : p->hedge == CL_HEDGE_MANUAL ? "manual" : "off",
                    r.delta_rms_usd, r.pnl_sd, p->interval_s, r.pnl_final, (unsigned long long)r.hedge_orders,
                    (unsigned long long)r.hedge_fills, r.hedge_traded_usd, r.hedge_spread_usd, r.hedge_fees_usd);
    }
    cli_free(&o);
    free(argv);
    return rc;
}


int main(int argc, char **argv)
{
    sim_opts so;
    int prc = sim_parse(argc, argv, &so, stdout, stderr);
    if (prc)
        return prc == 1 ? 0 : 2;
    if (so.closed_loop)
        return closed_loop(&so.loop, so.snapshots, argc - so.rest, argv + so.rest);
    assim_params p = so.paper;
    printf("Avellaneda & Stoikov (2008), section 3.3: %zu paths per row, seed %lu\n", p.paths, p.seed);
    printf("%-6s %-10s | %-37s | %s\n", "", "", "paper", "invtop-sim");
    printf("%-6s %-10s | %6s %7s %7s %7s %6s | %6s %7s %7s %7s %6s\n", "gamma", "strategy", "spread",
           "profit", "std(pr)", "final q", "std(q)", "spread", "profit", "std(pr)", "final q",
           "std(q)");
    for (size_t i = 0; i < sizeof paper / sizeof *paper; i++) {
        const paper_row *r = &paper[i];
        assim_row got;
        p.gamma = r->gamma;
        assim_strategy s = strcmp(r->strategy, "inventory") == 0 ? ASSIM_INVENTORY : ASSIM_SYMMETRIC;
        if (assim_run(&p, s, &got) != 0) {
            fprintf(stderr, "invtop-sim: simulation failed\n");
            return 1;
        }
        printf("%-6g %-10s | %6.2f %7.2f %7.2f %7.3f %6.2f | %6.2f %7.2f %7.2f %7.3f %6.2f\n",
               r->gamma, r->strategy, r->spread, r->profit, r->profit_sd, r->q, r->q_sd, got.spread,
               got.profit_mean, got.profit_sd, got.q_mean, got.q_sd);
    }
    return 0;
}
