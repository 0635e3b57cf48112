/* engcfg.h - the engine's configuration (prefix engcfg_): what the engine
 * (app.h, loop.h, closedloop.h, security.h) reads, and nothing a view or the
 * command line alone uses (theme, frame rate, snapshot period...).
 *
 * engcfg_defaults gives every default without any command line, so a test
 * or a tool builds an engine from it alone. invtop's command line
 * (cli.h, in the views' layer) embeds one and fills it from its option table; a running
 * engine re-reads it through the reload hook the command line sets
 * (engcfg_reload_fn), so the engine never calls up into a view. Pure data:
 * no I/O, no globals. */
#ifndef INVTOP_ENGCFG_H
#define INVTOP_ENGCFG_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/alertcfg.h"
#include "invtop/instparam.h"
#include "invtop/limits.h"
#include "invtop/riskrun.h"
#include "invtop/skew.h"
#include "invtop/srcmap.h"
#include "invtop/sub.h"

/* What a reload may change while the engine runs, built by whoever reads
 * the configuration (the reload hook) and handed over by app_reload. */
typedef struct engcfg_live {
    skew_params quote;       /* q_max_lots NAN: the position limit */
    limit_params limits;
    double stale_s, quotes_refresh_s, override_ttl_s;
    ip_set params;           /* per instrument, underlying, venue, book */
    bool restart;            /* endpoints, window, sample interval, capacity or the options
                              * desk (risk.opt) changed too */
} engcfg_live;

/* Defaults the command line's option table shows too (it uses these). */
#define ENGCFG_STALE_MS 5000           /* --stale-ms */
#define ENGCFG_MAX_INSTRUMENTS 16384   /* --max-instruments */
#define ENGCFG_QUOTES_REFRESH_S 5      /* --quotes-refresh-s */
#define ENGCFG_HEDGE_COOLDOWN_S 30     /* --hedge-cooldown-s */
#define ENGCFG_MAX_ORDER_USD 1e6       /* --max-order-usd */
#define ENGCFG_ORDER_TTL_S 30          /* --order-ttl-s */

/* Hedging: the global settings ([underlying NAME] keys win per underlying). */
typedef struct {
    bool automatic;        /* --auto-hedge */
    double cooldown_s;     /* between automatic orders per underlying */
    double max_order_usd;  /* the largest order, delta USD */
    double order_ttl_s;    /* unacknowledged orders expire after this */
} engcfg_hedge;

struct engcfg_s;

/* Re-read the configuration the way cur was read (ctx: the reader's own,
 * engcfg.reload_ctx) into what can change while running. Returns 0 with out
 * filled, or -1 with the reason in err (out then undefined): a config
 * error, or nothing to re-read. err is the caller's, errlen > 0. */
typedef int (*engcfg_reload_fn)(const void *ctx, const struct engcfg_s *cur, engcfg_live *out, char *err,
                                size_t errlen);

typedef struct engcfg_s {
    sub_opts feed;            /* --connect / --bind / --rcvhwm; no endpoint by default */
    const char *record;       /* append every accepted message here, NULL: none */
    const char *replay;       /* read a recording instead of the feed, NULL: none */
    double speed;             /* replay speed factor; 0 = as fast as it can */
    double stale_s;           /* a price is stale after this much event time */
    size_t max_instruments;   /* the book's capacity */
    rr_params risk;           /* sampling, VaR, backtest and limit settings */
    const char *history;      /* CSV of prices to preload, NULL: none */
    skew_params quote;        /* the suggested quotes' model and parameters; q_max_lots
                               * NAN: the position limit */
    const char *quotes;       /* PUB bind for quote.SYM, NULL: no publishing */
    int clock_ts;             /* 0: receive time is event time; 1: publishers' ts */
    bool demo;                /* the synthetic market in-process */
    bool trader;              /* commands from the local view are carried out */
    const char *journal;      /* override journal, NULL: the default path (journal.h) */
    double quotes_refresh_s;  /* republish every quote this often */
    double override_ttl_s;    /* TTL of hotkey overrides, 0 = until cleared */
    const char *curve_secret; /* feed (and --serve) CURVE key pair file */
    const char *allow_keys;   /* publishers allowed to send to the feed binds */
    const char *server_key_spec[SUB_MAX_ENDPOINTS]; /* per feed connect */
    const char *quotes_secret; /* quote channel CURVE key pair file */
    const char *quotes_allow;  /* quoting engines allowed to read quotes */
    const char *serve;         /* the state channel (ROUTER), NULL: none */
    const char *serve_pub;     /* the update stream (PUB), NULL: beside serve */
    const char *trader_keys;   /* who may send commands over serve */
    const char *orders;        /* the order channel (DEALER bind), NULL: none */
    engcfg_hedge hedge;
    alrtcfg alerts;            /* [alert NAME] rules and how they notify */
    const srcmap *sources;     /* venues' messages by mapping ([source NAME]), NULL: none;
                                * borrowed, checked (srcmap_check), outlives the engine */
    ip_set params;             /* [instrument SYM], [underlying NAME], [venue NAME], [book NAME] */
    engcfg_reload_fn reload;   /* how a running engine re-reads this; NULL: it cannot */
    const void *reload_ctx;    /* reload's first argument; must outlive the engine */
} engcfg;

/* Fill c with every default the engine has: the risk runner's
 * (rr_default_params), the quotes' (skew_default_params, q_max_lots NAN: the
 * position limit), 5 s staleness, 16384 instruments, speed 1, receive-time
 * clock, a republish every 5 s, no TTL, hedging off (30 s cooldown, 1e6 USD
 * orders at most, 30 s order TTL), no alert rules (alrtcfg_defaults), no
 * endpoints, files, keys or
 * per-instrument values, no reload hook. c must not be NULL; strings stay
 * NULL (c owns nothing). */
void engcfg_defaults(engcfg *c);

#endif
