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
#include "invtop/event.h"
#include "invtop/sub.h"

#define CLI_MAX_OPTIONS 96
#define CLI_MAX_PARAMS 128
#define CLI_MAX_OWNED 512

/* Which section a parameter block came from. */
typedef enum {
    PARAM_INSTRUMENT = 0, /* [instrument SYM] or [instrument SYM@VENUE] */
    PARAM_UNDERLYING,     /* [underlying NAME] */
    PARAM_VENUE,          /* [venue NAME] */
    PARAM_BOOK            /* [book NAME] */
} param_scope;

/* Per-instrument, per-underlying, per-venue or per-book parameters from the
 * config file or --set; NAN / -1 means not given. */
typedef struct {
    param_scope scope;
    char name[2 * EVENT_SYM_MAX];
    int model;                 /* skew_model, -1 when not given */
    double gamma, k, fill_a, max_pos_lots, iv, lot, tick, max_delta_usd;
    double max_var_usd;        /* books */
    int fee_base;              /* venues: 1 fees in the base coin, 0 quote, -1 not given */
} inst_param;

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
    const char *serve;         /* --serve ENDPOINT: the state channel (ROUTER) */
    const char *serve_pub;     /* --serve-pub ENDPOINT: the update stream (PUB) */
    const char *trader_keys;   /* --trader-keys: who may send commands */
    const char *attach;        /* --attach ENDPOINT: a viewer of a remote engine */
    const char *attach_pub;    /* --attach-pub ENDPOINT: the update stream behind a forwarder */
    const char *attach_server_key; /* --server-key with --attach: the engine's public key */
    const char *exec;          /* --exec COMMAND: send it and exit */
    const char *user;          /* --user NAME: who a viewer's commands are from */
    const char *config;        /* the config file read, NULL when none */
    bool print_config;         /* --print-config: print the effective INI and exit */
    inst_param params[CLI_MAX_PARAMS];
    size_t nparams;
    const char *given[CLI_MAX_OPTIONS]; /* value as given per option, for --print-config */
    char *owned[CLI_MAX_OWNED];  /* strings copied out of the config file */
    size_t nowned;
    int argc;                    /* the command line, kept for a reload (R) */
    char **argv;
} invtop_opts;

typedef enum {
    CLI_RUN = 0,   /* options parsed, run the program */
    CLI_EXIT_OK,   /* --help or --version printed */
    CLI_USAGE      /* bad command line; a one-line error went to err_out */
} cli_result;

/* Fill o with every default. */
void cli_defaults(invtop_opts *o);

/* Parse the config file, then argv, into o (which holds the defaults): the
 * command line wins, and a list option given on the command line (--connect,
 * --bind) replaces the file's list. The file is --config FILE, else
 * $XDG_CONFIG_HOME/invtop/invtop.ini (~/.config/...) when it exists.
 * Unknown keys and bad values name the file, line and key. String options
 * point into argv or into copies o owns (cli_free). Help, version and
 * --print-config go to out, errors to err_out. */
cli_result cli_parse(int argc, char **argv, invtop_opts *o, FILE *out, FILE *err_out);

/* Apply config text (INI) to o as a file would be. Returns 0, or the line
 * of the first error (a message with the key in err). */
int cli_load_config_text(invtop_opts *o, const char *text, char *err, size_t errlen);

/* Free what cli_parse copied. */
void cli_free(invtop_opts *o);

/* Apply one "SECTION:KEY=VALUE" setting (the --set syntax), as a config
 * line would. Returns 0, or -1 with a reason in err. */
int cli_set(invtop_opts *o, const char *setting, char *err, size_t errlen);

/* Write the effective configuration as an INI file. */
void cli_print_config(const invtop_opts *o, FILE *out);

/* Write invtop(1) in roff: options from the option table, keys from the
 * key table, so the man page cannot disagree with --help or the program. */
void cli_print_manpage(FILE *out);

/* Write the documented example config (every key, its default and help). */
void cli_print_example(FILE *out);

/* The parameters for an instrument (its id SYM@VENUE, its symbol) and its
 * underlying und, merged: the underlying's, then the symbol's on every
 * venue, then the id's win; fields not given stay NAN / -1. */
inst_param cli_param_for(const invtop_opts *o, const char *id, const char *sym, const char *und);

/* The [venue NAME] or [book NAME] block named `name`, or NULL. */
const inst_param *cli_param_block(const invtop_opts *o, param_scope scope, const char *name);

#endif
