/* alertcfg.h - alert rules as the configuration gives them (prefix
 * alrtcfg_): `[alert NAME]` sections, their `--set 'alert NAME:KEY=V'`
 * twins, and the notification settings. Pure data, filled by whoever reads
 * the configuration (the command line) and handed to the engine in engcfg.
 *
 * Keys of [alert NAME]: metric, op (> >= < <=), threshold, clear, for
 * (seconds of event time), severity (info, warning, critical), scope (an
 * underlying, an instrument SYM or SYM@VENUE, a venue or a book, by the
 * metric), action (widen:FACTOR, pause, kill, hedge), action_scope (what the
 * action covers; by default every quote), undo (true: undone when the alert
 * resolves). Metrics are named as the snapshot names the figure
 * (alrt_metric_names in alerts.h). */
#ifndef INVTOP_ALERTCFG_H
#define INVTOP_ALERTCFG_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/alertrule.h"
#include "invtop/event.h"

#define ALRT_MAX 64        /* rules */
#define ALRT_NAME_MAX 48   /* a rule's name, its terminator included */
#define ALRT_METRIC_MAX 32 /* a metric's name, its terminator included */

/* What a rule does when it fires. */
typedef enum {
    ALRT_ACT_NONE = 0,
    ALRT_ACT_WIDEN, /* the half spread of the quotes it covers times factor */
    ALRT_ACT_PAUSE, /* pause the quotes it covers */
    ALRT_ACT_KILL,  /* the kill switch */
    ALRT_ACT_HEDGE, /* send the hedge suggestion of the underlying(s) it covers */
    ALRT_ACT_COUNT
} alrtcfg_action;

typedef struct {
    char name[ALRT_NAME_MAX];
    char metric[ALRT_METRIC_MAX]; /* "" until given (a rule needs one) */
    char scope[EVENT_ID_MAX];     /* "" none: the portfolio, or the metric's default */
    al_rule rule;                 /* op, threshold (NAN until given), clear, for, severity, flap */
    alrtcfg_action action;
    double factor;                /* widen: > 1 widens; NAN until given */
    char action_scope[EVENT_ID_MAX]; /* "" every quote */
    bool undo;
} alrtcfg_rule;

typedef struct {
    alrtcfg_rule rule[ALRT_MAX];
    size_t n;
    al_timing timing;          /* --alert-group-wait-s, --alert-group-interval-s, --alert-repeat-s */
    const char *notify_cmd;    /* --notify-cmd, NULL: none */
    double notify_timeout_s;   /* --notify-timeout-s */
} alrtcfg;

/* A rule with nothing given but its name: al_rule_init's defaults (op >,
 * threshold NAN, clear NAN, for 0, severity warning, flap detection on), no
 * metric, no scope, no action, factor NAN, undo false. name is cut to
 * ALRT_NAME_MAX - 1 bytes. */
alrtcfg_rule alrtcfg_rule_new(const char *name);

/* Defaults: no rules, Alertmanager's timing (30 s, 5 min, 4 h), no notify
 * command, a 10 s notify timeout. */
void alrtcfg_defaults(alrtcfg *c);

/* Check rule r once its section is read: a metric the engine knows
 * (alrt_metric_parse), a finite threshold, al_rule_check, widen with a
 * factor > 0. Returns 0, or -1 with the reason in why. */
int alrtcfg_check(const alrtcfg_rule *r, char *why, size_t cap);

/* Parse an action's spelling: "widen:F" (or "widen F"), "pause", "kill",
 * "hedge", "none". Returns 0 with *act (and *factor for widen, else left
 * as it is), or -1. */
int alrtcfg_parse_action(const char *s, alrtcfg_rule *r);

/* The action's spelling ("widen:2", "pause", ...) into buf. */
void alrtcfg_format_action(const alrtcfg_rule *r, char *buf, size_t cap);

/* "none", "widen", "pause", "kill", "hedge"; NULL past the end. */
const char *alrtcfg_action_name(int a);

/* The metrics a rule may watch, named as the snapshot names the figure. */
typedef enum {
    ALRT_M_NET_DELTA_USD = 0, /* scope: an underlying; none: the portfolio */
    ALRT_M_VAR_UTIL,          /* the portfolio VaR over its limit */
    ALRT_M_VAR_USD,
    ALRT_M_PNL,               /* session P&L, realized + unrealized */
    ALRT_M_PNL_UNREALIZED,
    ALRT_M_PNL_REALIZED,
    ALRT_M_DRAWDOWN_USD,      /* the session P&L's high minus the P&L now (>= 0) */
    ALRT_M_INVENTORY_LOTS,    /* scope: an instrument; none: the largest |lots| */
    ALRT_M_POSITION_UTIL,     /* scope: an instrument; none: the largest */
    ALRT_M_PRICE,             /* scope: an instrument (a vol index such as DVOL is a price) */
    ALRT_M_REALIZED_VOL,      /* scope: an underlying: annualised EWMA vol of its returns */
    ALRT_M_STALE_S,           /* scope: an instrument; none: the oldest price's age */
    ALRT_M_MSG_RATE,          /* messages per second of event time (the last second) */
    ALRT_M_REJECT_RATE,       /* rejected messages per second (the last second) */
    ALRT_M_GAPS,              /* seq gaps counted */
    ALRT_M_JOURNAL_ERROR,     /* 1 while the override journal refuses writes */
    ALRT_M_QUOTE_ERRORS,      /* quotes that could not be sent */
    ALRT_M_BREACHES,          /* limits in breach now */
    ALRT_M_STRESS_WORST_USD,  /* the stress matrix's worst cell (a loss is < 0) */
    ALRT_M_UNEXPLAINED_PNL,   /* the session P&L explain's unexplained part */
    ALRT_M_GROSS_USD,
    ALRT_M_NET_USD,
    ALRT_M_ORDERS_REFUSED,    /* hedge orders refused */
    ALRT_M_COUNT
} alrt_metric;

/* The metric named name, or -1. */
int alrt_metric_parse(const char *name);

/* Its name; NULL past the end. */
const char *alrt_metric_name(int m);

/* One line on what it is and its scope, for --help and the README. */
const char *alrt_metric_doc(int m);

#endif
