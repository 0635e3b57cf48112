/* cli.h - invtop's command line and config file: options, defaults, parsing.
 *
 * The option table (tui/cli.c, rows of opttab.h) is the one place an option
 * or config key is declared: defaults, validation, --help, the man page,
 * the example config and --print-config all come from it. The engine's
 * part is an engcfg (engcfg.h) the engine takes as it is, and a running
 * engine re-reads it through o->engine.reload, so the engine never calls
 * in here. */
#ifndef INVTOP_CLI_H
#define INVTOP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "invtop/engcfg.h"
#include "invtop/srcmap.h"
#include "tui/opttab.h"
#include "tui/theme.h"

#define CLI_MAX_OWNED 512

/* invtop's options: the engine's configuration (engcfg.h), which the option
 * table's rows fill in place, and what only the views and the command line
 * use. */
typedef struct invtop_opts_s {
    engcfg engine;         /* everything the engine reads; engine.reload is set by cli_parse
                            * (its context is this struct, which must outlive the engine) */
    bool headless;         /* --headless: JSON lines instead of the dashboard */
    double interval_s;     /* --interval MS: headless snapshot period */
    long long count;       /* --count N snapshots, 0 = unlimited */
    bool no_color;         /* --no-color */
    bool no_bell;          /* --no-bell: no terminal bell for critical alerts (each viewer rings its own) */
    theme_scheme theme;    /* --theme dark|light|mono */
    double fps;            /* --fps: dashboard frames per second at most */
    bool list_overrides;   /* --overrides: print the active overrides and exit */
    const char *keygen_dir;   /* --keygen DIR: write a key pair and exit */
    const char *key_name;     /* --key-name NAME */
    const char *attach;        /* --attach ENDPOINT: a viewer of a remote engine */
    const char *attach_pub;    /* --attach-pub ENDPOINT: the update stream behind a forwarder */
    const char *attach_server_key; /* --server-key with --attach: the engine's public key */
    const char *exec;          /* --exec COMMAND: send it and exit */
    const char *user;          /* --user NAME: who a viewer's commands are from */
    const char *config;        /* the config file read, NULL when none */
    bool print_config;         /* --print-config: print the effective INI and exit */
    bool example_config;       /* --example-config (printed by cli_parse) */
    bool manpage;              /* --manpage: the caller prints it (cli_print_manpage) */
    srcmap *sources;           /* [source NAME] sections and --sources, NULL: none (owned) */
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

/* Fill o with every default: the engine's (engcfg_defaults, which the
 * table's agree with) and the option table's. */
void cli_defaults(invtop_opts *o);

/* Parse the config file, then argv, into o (which holds the defaults): the
 * command line wins, and a list option given on the command line (--connect,
 * --bind) replaces the file's list. The file is --config FILE, else
 * $XDG_CONFIG_HOME/invtop/invtop.ini (~/.config/...) when it exists.
 * Unknown keys and bad values name the file, line and key, and a value out
 * of range its range and default (ot_set); an option given without the one
 * it needs (ot_row.needs: --exec without --attach...) is a usage error. The
 * options desk's keys ([stress], [scenario NAME]...) and the alert rules
 * ([alert NAME], alrtcfg_check) are also judged together, after the file
 * and after the command line. String options
 * point into argv or into copies o owns (cli_free). Help, version, the
 * example config and --print-config (the values in force, every default
 * filled in) go to out, errors to err_out. --manpage returns CLI_EXIT_OK
 * with o->manpage set: the caller prints it. */
cli_result cli_parse(int argc, char **argv, invtop_opts *o, FILE *out, FILE *err_out);

/* Apply config text (INI) to o as a file would be. Returns 0, or the line
 * of the first error (a message with the key in err), or -1 when the options
 * desk's keys ([stress], [scenario NAME]...) or an alert rule ([alert NAME])
 * are refused taken together (err names the section). On an error nothing
 * of the text reaches the options desk (o->engine.risk.opt) or the alerts
 * (o->engine.alerts). */
int cli_load_config_text(invtop_opts *o, const char *text, char *err, size_t errlen);

/* Free what cli_parse copied. */
void cli_free(invtop_opts *o);

/* Apply one "SECTION:KEY=VALUE" setting (the --set syntax), as a config
 * line would, then judge the options desk's keys and the alert rules
 * together as a file's are. Returns 0, or -1 with a reason in err (the
 * options desk and the alerts unchanged). */
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
