/* cli.h - invtop's command line: options, defaults, parsing.
 *
 * The option table lives in one place (tui/cli.c) and drives both parsing
 * and --help, so the two can never disagree. */
#ifndef INVTOP_CLI_H
#define INVTOP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "invtop/riskrun.h"
#include "invtop/skew.h"
#include "invtop/theme.h"
#include "invtop/sub.h"

typedef struct {
    bool headless;
    sub_opts feed;         /* --connect / --bind / --rcvhwm */
    double interval_s;     /* --interval MS: headless snapshot period */
    long long count;       /* --count N snapshots, 0 = unlimited */
    const char *record;    /* --record FILE */
    const char *replay;    /* --replay FILE */
    double speed;          /* --speed X; 0 = max */
    double stale_s;        /* --stale-ms */
    size_t max_instruments;
    rr_params risk;        /* sampling, VaR, backtest and limit settings */
    const char *history;   /* --history FILE: CSV of prices to preload */
    skew_params quote;     /* model and parameters of the suggested quotes */
    bool q_max_set;        /* --q-max-lots given (else the position limit) */
    const char *quotes;    /* --quotes ENDPOINT: PUB bind for quote.SYM */
    bool clock_ts;         /* --clock ts: publishers' ts drive event time */
    bool demo;             /* --demo: the synthetic market in-process */
    bool trader;           /* --trader: override keys enabled (default read-only) */
    bool no_color;         /* --no-color */
    theme_scheme theme;    /* --theme dark|light|mono */
    double fps;            /* --fps: dashboard frames per second at most */
    const char *journal;   /* --journal FILE (default under $XDG_STATE_HOME) */
    bool list_overrides;   /* --overrides: print the active overrides and exit */
    double quotes_refresh_s; /* republish every quote this often */
    double override_ttl_s; /* TTL of hotkey overrides, 0 = until cleared */
    const char *keygen_dir;   /* --keygen DIR: write a key pair and exit */
    const char *key_name;     /* --key-name NAME (default invtop) */
    const char *curve_secret; /* --curve-secret FILE: feed CURVE key pair */
    const char *allow_keys;   /* --allow-keys FILE|DIR: publishers allowed */
    const char *server_key_spec[SUB_MAX_ENDPOINTS]; /* --server-key per --connect */
    const char *quotes_secret; /* --quotes-curve-secret FILE */
    const char *quotes_allow;  /* --quotes-allow-keys FILE|DIR */
} invtop_opts;

typedef enum {
    CLI_RUN = 0,   /* options parsed, run the program */
    CLI_EXIT_OK,   /* --help or --version printed */
    CLI_USAGE      /* bad command line; a one-line error went to err_out */
} cli_result;

/* Fill o with every default. */
void cli_defaults(invtop_opts *o);

/* Parse argv into o (which holds the defaults). String options point into
 * argv. Help and version go to out, errors to err_out. */
cli_result cli_parse(int argc, char **argv, invtop_opts *o, FILE *out, FILE *err_out);

#endif
