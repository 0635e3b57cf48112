/* toolopts.h - the options of invtop-feed, invtop-sim and invtop-relay: one
 * opttab.h table each, from which their parsing, --help and --manpage come
 * (as invtop's come from cli.h's). Each *_parse returns 0 to run, 1 when
 * --help, --version or --manpage was printed (exit 0), 2 after a one-line
 * usage error on err_out. */
#ifndef INVTOP_TOOLOPTS_H
#define INVTOP_TOOLOPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "invtop/assim.h"
#include "invtop/closedloop.h"
#include "tui/opttab.h"
#include "invtop/synth.h"

#define FEED_MAX_ENDPOINTS 16

typedef struct {
    const char *bind[FEED_MAX_ENDPOINTS];
    size_t nbind;
    const char *connect[FEED_MAX_ENDPOINTS];
    size_t nconnect;
    double rate;              /* messages per second; 0 = as fast as possible */
    long long count;          /* 0 = forever */
    double warmup_s;          /* wait before the first message */
    double speedup;           /* simulated seconds per wall second */
    const char *quotes;       /* SUB connect: fill against these quotes */
    const char *orders;       /* DEALER connect: execute invtop's hedge orders (ordconsumer.h) */
    double fee_bps;           /* their fills' fee, bp of the notional */
    const char *curve_secret; /* key pair: CURVE server on --bind, client on --connect */
    const char *server_key;   /* invtop's public key for --connect and --quotes */
    const char *allow_keys;   /* subscribers allowed when binding with CURVE */
    double wait_sub_s;        /* > 0: send nothing until a subscriber subscribed, waiting up to this */
    bool quiet;
    synth_opts synth;
} feed_opts;

/* invtop-feed: defaults, then argv; with neither --bind nor --connect, the
 * default bind. */
int feed_parse(int argc, char **argv, feed_opts *o, FILE *out, FILE *err_out);
const ot_prog *feed_prog(void);
void feed_defaults(feed_opts *o);

typedef struct {
    assim_params paper;   /* the paper's table: paths, seed */
    cl_params loop;       /* --closed-loop */
    unsigned long seed;   /* --seed: the paper's, or the closed loop's market's */
    bool closed_loop, snapshots;
    int rest;             /* argv index of invtop's options (after "--"), argc when none */
} sim_opts;

/* invtop-sim: defaults, then argv up to "--" (invtop's options after it go
 * with --closed-loop only). */
int sim_parse(int argc, char **argv, sim_opts *o, FILE *out, FILE *err_out);
const ot_prog *sim_prog(void);
void sim_defaults(sim_opts *o);

typedef struct {
    const char *engine, *engine_pub, *engine_key, *secret, *bind, *bind_pub, *allow;
} relay_opts;

/* invtop-relay: argv; --engine, --engine-pub, --bind and --bind-pub needed. */
int relay_parse(int argc, char **argv, relay_opts *o, FILE *out, FILE *err_out);
const ot_prog *relay_prog(void);
void relay_defaults(relay_opts *o);

#endif
