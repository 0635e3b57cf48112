/* sim_main.c - invtop-sim: reproduce Avellaneda & Stoikov (2008), table of
 * section 3.3, with the skew function the dashboard uses, beside the
 * paper's own values. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/assim.h"
#include "invtop/numparse.h"
#include "invtop/version.h"

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

static void usage(FILE *out)
{
    fprintf(out, "Usage: invtop-sim [--paths N] [--seed N]\n"
                 "Reproduce the table of Avellaneda & Stoikov (2008), section 3.3: s0 100,\n"
                 "T 1, sigma 2, dt 0.005, k 1.5, A 140, gamma 0.1, 0.01 and 0.5.\n\n"
                 "  --paths N   paths per gamma and strategy (default 1000)\n"
                 "  --seed N    random seed (default 1)\n"
                 "  --help, --version\n");
}


int main(int argc, char **argv)
{
    assim_params p;
    assim_default_params(&p);
    static const struct option opts[] = {{"paths", required_argument, 0, 'p'},
                                         {"seed", required_argument, 0, 's'},
                                         {"help", no_argument, 0, 'h'},
                                         {"version", no_argument, 0, 'V'},
                                         {0, 0, 0, 0}};
    int c;
    double v;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (num_parse(optarg, 2, 1e8, true, &v)) {
                fprintf(stderr, "invtop-sim: bad --paths '%s'; try --help\n", optarg);
                return 2;
            }
            p.paths = (size_t)v;
            break;
        case 's':
            if (num_parse(optarg, 0, 4294967295.0, true, &v)) {
                fprintf(stderr, "invtop-sim: bad --seed '%s'; try --help\n", optarg);
                return 2;
            }
            p.seed = (unsigned long)v;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("invtop-sim %s\n", INVTOP_VERSION);
            return 0;
        default:
            fprintf(stderr, "invtop-sim: unknown option '%s'; try --help\n", argv[optind - 1]);
            return 2;
        }
    }
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
