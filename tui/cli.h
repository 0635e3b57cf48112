/* cli.h - invtop's command line and config file: options, defaults, parsing.
 *
 * The option table (tui/cli.c, rows of opttab.h) is the one place an option
 * or config key is declared: defaults, validation, --help, the man page,
 * the example config and --print-config all come from it. Quoting gets its
 * skew_params and the per-instrument lookup (instparam.h), and a reload
 * gets new values through o->reload, so neither calls in here. */
#ifndef INVTOP_CLI_H
#define INVTOP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "invtop/riskrun.h"
#include "invtop/skew.h"
#include "tui/theme.h"
#include "invtop/event.h"
#include "invtop/instparam.h"
#include "tui/opttab.h"
#include "invtop/sub.h"

#define CLI_MAX_OWNED 512

struct app_live;
struct invtop_opts_s;

/* Re-read the configuration the way the running options were read (the
 * file, then the command line cur->argv) into what can change while running
 * (app.h); -1 with the reason in err, out then undefined: a config error, or
 * no config file (none named and none at the default path, which err names:
 * re-reading the command line alone would change nothing). */
typedef int (*cli_reload_fn)(const struct invtop_opts_s *cur, struct app_live *out, char *err,
                             size_t errlen);

typedef struct invtop_opts_s {
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
    skew_params quote;     /* model and parameters of the suggested quotes; q_max_lots
                            * NAN when not given (the engine uses the position limit) */
    const char *quotes;    /* --quotes ENDPOINT: PUB bind for quote.SYM */
    int clock_ts;          /* --clock: 0 recv, 1 ts (publishers' ts drive event time) */
    bool demo;             /* --demo: the synthetic market in-process */
    bool trader;           /* --trader: override keys enabled */
    bool no_color;         /* --no-color */
    theme_scheme theme;    /* --theme dark|light|mono */
    double fps;            /* --fps: dashboard frames per second at most */
    const char *journal;   /* --journal FILE, NULL: the default path (journal.h) */
    bool list_overrides;   /* --overrides: print the active overrides and exit */
    double quotes_refresh_s; /* republish every quote this often */
    double override_ttl_s; /* TTL of hotkey overrides, 0 = until cleared */
    const char *keygen_dir;   /* --keygen DIR: write a key pair and exit */
    const char *key_name;     /* --key-name NAME */
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
    bool example_config;       /* --example-config (printed by cli_parse) */
    bool manpage;              /* --manpage: the caller prints it (cli_print_manpage) */
    ip_set params;             /* [instrument SYM], [underlying NAME], [venue NAME], [book NAME] */
    cli_reload_fn reload;      /* set by cli_parse: how a running engine re-reads all this */
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

/* Fill o with every default: the option table's, and the libraries' for what no
 * option sets (rr_default_params, skew_default_params). */
void cli_defaults(invtop_opts *o);

/* Parse the config file, then argv, into o (which holds the defaults): the
 * command line wins, and a list option given on the command line (--connect,
 * --bind) replaces the file's list. The file is --config FILE, else
 * $XDG_CONFIG_HOME/invtop/invtop.ini (~/.config/...) when it exists.
 * Unknown keys and bad values name the file, line and key, and a value out
 * of range its range and default (ot_set); an option given without the one
 * it needs (ot_row.needs: --exec without --attach...) is a usage error. String options
 * point into argv or into copies o owns (cli_free). Help, version, the
 * example config and --print-config (the values in force, every default
 * filled in) go to out, errors to err_out. --manpage returns CLI_EXIT_OK
 * with o->manpage set: the caller prints it. */
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

/* Write invtop(1) in roff: options and config keys from the option tables,
 * then keys(out) when given (the dashboard's key list, which the caller
 * owns: the command line knows nothing of curses). */
void cli_print_manpage(FILE *out, void (*keys)(FILE *out));

/* Write the documented example config (every key, its default and help). */
void cli_print_example(FILE *out);

/* invtop's option table and its named sections' keys (for tests and tools). */
const ot_prog *cli_prog(void);

#endif
