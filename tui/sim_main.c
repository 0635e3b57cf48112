/* sim_main.c - invtop-sim: reproduce Avellaneda & Stoikov (2008), table of
 * section 3.3, with the skew function the dashboard uses, beside the
 * paper's own values; or (--closed-loop) run invtop's quotes against the
 * synthetic market in one process on simulated time (closedloop.h). */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/assim.h"
#include "invtop/cli.h"
#include "invtop/closedloop.h"
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
                 "       invtop-sim --closed-loop [OPTION]... [-- INVTOP-OPTION...]\n"
                 "Reproduce the table of Avellaneda & Stoikov (2008), section 3.3: s0 100,\n"
                 "T 1, sigma 2, dt 0.005, k 1.5, A 140, gamma 0.1, 0.01 and 0.5.\n"
                 "With --closed-loop: run invtop's quotes against the synthetic market of\n"
                 "invtop-feed in one process, on simulated time (no clock, no waiting), and\n"
                 "report the inventory; options after -- are invtop's (--model, --gamma, ...;\n"
                 "no config file is read unless --config FILE is among them).\n\n"
                 "  --paths N        paths per gamma and strategy (default 1000)\n"
                 "  --seed N         random seed (default 1; with --closed-loop the market's)\n"
                 "  --closed-loop    run the closed loop instead of the paper's table\n"
                 "  --seconds S      closed loop: simulated seconds (default 600)\n"
                 "  --rate N         closed loop: market messages per simulated second (default 500)\n"
                 "  --interval MS    closed loop: snapshot period in simulated ms (default 1000)\n"
                 "  --latency-ms MS  closed loop: simulated delay of a quote to the market (default 0)\n"
                 "  --snapshots      closed loop: invtop's headless JSON snapshots on stdout,\n"
                 "                   the summary on stderr\n"
                 "  --help, --version\n");
}

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
        rc = cl_run(p, &o, snapshots ? write_line : NULL, NULL, &r) == 0 ? 0 : 1;
        if (rc == 0 && fflush(stdout) != 0)
            rc = 1;
        if (rc == 0)
            fprintf(snapshots ? stderr : stdout,
                    "closed loop: model %s, seed %lu, latency %g ms: %.1f simulated s, %llu messages "
                    "(%llu fills), %llu quotes published, %llu taken, %llu refused; inventory rms "
                    "%.4f lots over %zu samples\n",
                    skew_model_name(o.quote.model), p->seed, p->latency_s * 1e3, r.span_s,
                    (unsigned long long)r.messages, (unsigned long long)r.fills,
                    (unsigned long long)r.quotes_published, (unsigned long long)r.quotes_taken,
                    (unsigned long long)r.quote_errors, r.inv_rms_lots, r.inv_samples);
    }
    cli_free(&o);
    free(argv);
    return rc;
}


int main(int argc, char **argv)
{
    assim_params p;
    assim_default_params(&p);
    cl_params cp;
    cl_default_params(&cp);
    bool loop = false, snapshots = false, paths_given = false, loop_only = false;
    static const struct option opts[] = {{"paths", required_argument, 0, 'p'},
                                         {"seed", required_argument, 0, 's'},
                                         {"closed-loop", no_argument, 0, 'L'},
                                         {"seconds", required_argument, 0, 'S'},
                                         {"rate", required_argument, 0, 'r'},
                                         {"interval", required_argument, 0, 'i'},
                                         {"latency-ms", required_argument, 0, 'l'},
                                         {"snapshots", no_argument, 0, 'J'},
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
            paths_given = true;
            break;
        case 's':
            if (num_parse(optarg, 0, 4294967295.0, true, &v)) {
                fprintf(stderr, "invtop-sim: bad --seed '%s'; try --help\n", optarg);
                return 2;
            }
            p.seed = cp.seed = (unsigned long)v;
            break;
        case 'L':
            loop = true;
            break;
        case 'J':
            snapshots = loop_only = true;
            break;
        case 'S':
        case 'r':
        case 'i':
        case 'l': {
            static const struct {
                int c;
                const char *name;
                double lo, hi;
            } lim[] = {{'S', "--seconds", 0.001, 1e7},
                       {'r', "--rate", 1, 1e7},
                       {'i', "--interval", 1, 1e9},
                       {'l', "--latency-ms", 0, 1e7}};
            size_t k = 0;
            while (lim[k].c != c)
                k++;
            if (num_parse(optarg, lim[k].lo, lim[k].hi, false, &v)) {
                fprintf(stderr, "invtop-sim: bad %s '%s'; try --help\n", lim[k].name, optarg);
                return 2;
            }
            if (c == 'S')
                cp.seconds = v;
            else if (c == 'r')
                cp.rate = v;
            else if (c == 'i')
                cp.interval_s = v / 1000;
            else
                cp.latency_s = v / 1000;
            loop_only = true;
            break;
        }
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
    bool after_dashes = optind > 1 && strcmp(argv[optind - 1], "--") == 0;
    if (optind < argc && !(loop && after_dashes)) {
        fprintf(stderr, "invtop-sim: unexpected argument '%s'%s; try --help\n", argv[optind],
                loop ? " (invtop's options go after --)" : "");
        return 2;
    }
    if (loop && paths_given) {
        fprintf(stderr, "invtop-sim: --paths is for the paper's table, not --closed-loop; try --help\n");
        return 2;
    }
    if (!loop && loop_only) {
        fprintf(stderr, "invtop-sim: --seconds, --rate, --interval, --latency-ms and --snapshots "
                        "need --closed-loop; try --help\n");
        return 2;
    }
    if (loop)
        return closed_loop(&cp, snapshots, argc - optind, argv + optind);
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
