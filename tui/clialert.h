/* clialert.h - the command line's part of the alerts (issue 23), private to
 * tui/cli.c (prefix clialert_): the [alert NAME] sections and their --set
 * 'alert NAME:KEY=V' twins, the [alerts] options, and what --print-config
 * and --example-config say of them. The rules go into the engine's
 * configuration as alrtcfg (alertcfg.h); --no-bell is the views'.
 *
 * The rows below are macros so that cli.c's two tables, which --help, the
 * man page, the example config and --print-config are made from, hold them
 * like any other row: CLIALERT_OPTIONS in the options table, CLIALERT_KEYS
 * in the named sections' keys (their block is one alrtcfg_rule). */
#ifndef INVTOP_CLIALERT_H
#define INVTOP_CLIALERT_H

#include <stddef.h>
#include <stdio.h>

#include "invtop/alertcfg.h"
#include "tui/cli.h"
#include "tui/opttab.h"

#define CLIALERT_GROUP "Alert rules, [alert NAME] (at most 64)"
_Static_assert(ALRT_MAX == 64, "CLIALERT_GROUP says how many rules there may be");

/* The spellings of op and severity, in the order of al_op and al_severity
 * (test_clialert holds them to al_op_name and al_severity_name). */
extern const char *const clialert_ops[];
extern const char *const clialert_severities[];

/* The custom keys of [alert NAME] (ot_parse_fn, ot_format_fn on one
 * alrtcfg_rule). */
int clialert_parse_metric(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen);
void clialert_format_metric(const ot_row *r, const void *obj, char *buf, size_t cap);
int clialert_parse_number(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen);
void clialert_format_number(const ot_row *r, const void *obj, char *buf, size_t cap);
int clialert_parse_scope(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen);
void clialert_format_scope(const ot_row *r, const void *obj, char *buf, size_t cap);
int clialert_parse_action(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen);
void clialert_format_action(const ot_row *r, const void *obj, char *buf, size_t cap);
void clialert_format_factor(const ot_row *r, const void *obj, char *buf, size_t cap);
int clialert_parse_factor(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen);

/* The options: group "Alerts", config section [alerts]. */
#define CLIALERT_O(field) offsetof(invtop_opts, field)
#define CLIALERT_OPTIONS                                                                                            \
    {.name = "notify-cmd", .arg = "CMD", .group = "Alerts", .section = "alerts", .key = "notify_cmd",                \
     .type = OT_STR, .unset = "none", .off = CLIALERT_O(engine.alerts.notify_cmd),                                   \
     .help = "run CMD (no shell) with each alert as JSON on its standard input: CMD is split on blanks, no "        \
             "quoting or expansion"},                                                                               \
    {.name = "notify-timeout-s", .arg = "S", .group = "Alerts", .section = "alerts", .key = "notify_timeout_s",      \
     .type = OT_DOUBLE, .def = 10, .min = 0.1, .max = 86400, .off = CLIALERT_O(engine.alerts.notify_timeout_s),    \
     .help = "a notify command still running after S seconds is killed"},                                           \
    {.name = "alert-group-wait-s", .arg = "S", .group = "Alerts", .section = "alerts", .key = "group_wait_s",        \
     .type = OT_DOUBLE, .def = 30, .min = 0.001, .max = 1e9, .off = CLIALERT_O(engine.alerts.timing.group_wait),    \
     .help = "group wait: a new alert waits S seconds of event time so that alerts that change together are "      \
             "notified together"},                                                                                  \
    {.name = "alert-group-interval-s", .arg = "S", .group = "Alerts", .section = "alerts", .key = "group_interval_s", \
     .type = OT_DOUBLE, .def = 300, .min = 0.001, .max = 1e9,                                                       \
     .off = CLIALERT_O(engine.alerts.timing.group_interval),                                                        \
     .help = "group interval: notifications are sent at most once per S seconds of event time"},                   \
    {.name = "alert-repeat-s", .arg = "S", .group = "Alerts", .section = "alerts", .key = "repeat_s",               \
     .type = OT_DOUBLE, .def = 14400, .min = 0.001, .max = 1e9,                                                     \
     .off = CLIALERT_O(engine.alerts.timing.repeat_interval),                                                       \
     .help = "repeat interval: an alert still firing is notified again after S seconds of event time"},            \
    {.name = "no-bell", .group = "Alerts", .section = "alerts", .key = "no_bell", .type = OT_FLAG,                  \
     .off = CLIALERT_O(no_bell), .help = "no terminal bell for critical alerts"}

/* The keys of [alert NAME]. */
#define CLIALERT_R(field) offsetof(alrtcfg_rule, field)
#define CLIALERT_KEYS                                                                                               \
    {.group = CLIALERT_GROUP, .section = "alert", .key = "metric", .arg = "NAME", .type = OT_CUSTOM,                 \
     .unset = "none, required", .parse = clialert_parse_metric, .format = clialert_format_metric,                    \
     .help = "what it watches, named as the snapshot names it: net_delta_usd, var_util, var_usd, pnl, "             \
             "pnl_unrealized, pnl_realized, drawdown_usd, inventory_lots, position_util, price, realized_vol, "      \
             "stale_s, msg_rate, reject_rate, gaps, journal_error, quote_errors, breaches, stress_worst_usd, "       \
             "unexplained_pnl, gross_usd, net_usd, orders_refused (each explained by invtop --example-config)"},         \
    {.group = CLIALERT_GROUP, .section = "alert", .key = "op", .arg = ">|>=|<|<=", .type = OT_CHOICE,               \
     .def = AL_GT, .choices = clialert_ops, .off = CLIALERT_R(rule.op),                                             \
     .help = "it fires when the metric op threshold holds"},                                                        \
    {.group = CLIALERT_GROUP, .section = "alert", .key = "threshold", .arg = "X", .type = OT_CUSTOM,                \
     .unset = "none, required", .parse = clialert_parse_number, .format = clialert_format_number,                    \
     .off = CLIALERT_R(rule.threshold), .help = "the value it fires past"},                                         \
    {.group = CLIALERT_GROUP, .section = "alert", .key = "clear", .arg = "X", .type = OT_CUSTOM,                    \
     .unset = "threshold", .parse = clialert_parse_number, .format = clialert_format_number,                         \
     .off = CLIALERT_R(rule.clear),                                                                                 \
     .help = "a firing alert resolves only once the metric op clear no longer holds (hysteresis: var_util > 0.8 "  \
             "with clear 0.7 resolves at 0.7); on the threshold's other side, or equal"},                           \
    {.group = CLIALERT_GROUP, .section = "alert", .key = "for", .arg = "S", .type = OT_DOUBLE, .def = 0, .min = 0,  \
     .max = 1e9, .off = CLIALERT_R(rule.for_s),                                                                     \
     .help = "seconds of event time the breach must hold before it fires (pending until then)"},                   \
    {.group = CLIALERT_GROUP, .section = "alert", .key = "severity", .arg = "info|warning|critical",               \
     .type = OT_CHOICE, .def = AL_WARNING, .choices = clialert_severities, .off = CLIALERT_R(rule.severity),       \
     .help = "how loud: critical rings the terminal bell"},                                                         \
    {.group = CLIALERT_GROUP, .section = "alert", .key = "scope", .arg = "ID", .type = OT_CUSTOM,                   \
     .unset = "the portfolio, or the metric's own", .parse = clialert_parse_scope,                                  \
     .format = clialert_format_scope, .off = CLIALERT_R(scope),                                                     \
     .help = "what the metric is of: an underlying, an instrument SYM or SYM@VENUE, a venue or a book (price "     \
             "and realized_vol need one)"},                                                                         \
    {.group = CLIALERT_GROUP, .section = "alert", .key = "action", .arg = "widen:F|pause|kill|hedge|none",          \
     .type = OT_CUSTOM, .unset = "none", .parse = clialert_parse_action, .format = clialert_format_action,          \
     .help = "done the moment it fires, as a command of user alert:NAME (needs --trader): widen:F (or widen F) "   \
             "the half spread of the quotes it covers F times, pause them, kill (the kill switch), hedge"},         \
    {.group = CLIALERT_GROUP, .section = "alert", .key = "factor", .arg = "F", .type = OT_CUSTOM, .unset = "none",  \
     .parse = clialert_parse_factor, .format = clialert_format_factor, .off = CLIALERT_R(factor),                   \
     .help = "widen's factor: action = widen with factor = 2 is action = widen:2"},                                \
    {.group = CLIALERT_GROUP, .section = "alert", .key = "action_scope", .arg = "ID", .type = OT_CUSTOM,            \
     .unset = "every quote", .parse = clialert_parse_scope, .format = clialert_format_scope,                        \
     .off = CLIALERT_R(action_scope),                                                                               \
     .help = "what the action covers: an underlying, an instrument SYM or SYM@VENUE, a venue or a book"},          \
    {.group = CLIALERT_GROUP, .section = "alert", .key = "undo", .type = OT_FLAG, .def = 0,                         \
     .off = CLIALERT_R(undo), .help = "undo the action when the alert resolves"}

/* A key of [alert NAME] into a (an [alert] without a name is one too): 1
 * when the section is one, with err set when the key, the value or the
 * name is bad or a 65th rule would be added (nothing changes then); 0 when
 * it is not. A new rule goes in once its first key is good. */
int clialert_on_ini(alrtcfg *a, const char *section, const char *key, const char *value, char *err, size_t cap);

/* Every rule of a taken together once a source (the config file, the
 * command line, one --set) has been read: alrtcfg_check, its reasons said
 * in the keys' words and naming the section. Returns 0, or -1 with why. */
int clialert_check(const alrtcfg *a, char *why, size_t cap);

/* The rules as [alert NAME] sections, every key that is set. */
void clialert_print_config(const alrtcfg *a, FILE *out);

/* For the example config, after the keys: the metrics with what each is,
 * and the rules a desk starts from, as sections that load. */
void clialert_print_example(FILE *out);

/* Whether a and b hold the same rules and notification settings (a
 * reload's "restart needed"). */
bool clialert_same(const alrtcfg *a, const alrtcfg *b);

#endif
