/* alertcfg.c - alert rules as configured (see alertcfg.h). */
#include "invtop/alertcfg.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/numparse.h"

static const struct {
    const char *name, *doc;
} metrics[ALRT_M_COUNT] = {
    [ALRT_M_NET_DELTA_USD] = {"net_delta_usd", "net delta in USD; scope an underlying, else the portfolio"},
    [ALRT_M_VAR_UTIL] = {"var_util", "the portfolio VaR over its limit (1 = at the limit)"},
    [ALRT_M_VAR_USD] = {"var_usd", "the portfolio VaR in USD (the limit's level)"},
    [ALRT_M_PNL] = {"pnl", "session P&L, realized + unrealized, USD"},
    [ALRT_M_PNL_UNREALIZED] = {"pnl_unrealized", "unrealized P&L, USD"},
    [ALRT_M_PNL_REALIZED] = {"pnl_realized", "realized P&L, USD"},
    [ALRT_M_DRAWDOWN_USD] = {"drawdown_usd", "the session P&L's high minus the P&L now, USD"},
    [ALRT_M_INVENTORY_LOTS] = {"inventory_lots", "position in lots; scope an instrument, else the largest |lots|"},
    [ALRT_M_POSITION_UTIL] = {"position_util", "position over its limit; scope an instrument, else the largest"},
    [ALRT_M_PRICE] = {"price", "an instrument's mid (scope: the instrument; a vol index like DVOL is a price)"},
    [ALRT_M_REALIZED_VOL] = {"realized_vol", "annualised EWMA vol of an underlying's returns (scope: it)"},
    [ALRT_M_STALE_S] = {"stale_s", "seconds since a price; scope an instrument, else the oldest"},
    [ALRT_M_MSG_RATE] = {"msg_rate", "messages per second of event time, over the last second"},
    [ALRT_M_REJECT_RATE] = {"reject_rate", "rejected messages per second, over the last second"},
    [ALRT_M_GAPS] = {"gaps", "sequence gaps counted"},
    [ALRT_M_JOURNAL_ERROR] = {"journal_error", "1 while the override journal refuses writes, else 0"},
    [ALRT_M_QUOTE_ERRORS] = {"quote_errors", "quotes that could not be sent"},
    [ALRT_M_BREACHES] = {"breaches", "limits in breach now"},
    [ALRT_M_STRESS_WORST_USD] = {"stress_worst_usd", "the stress matrix's worst cell, USD (a loss is < 0)"},
    [ALRT_M_UNEXPLAINED_PNL] = {"unexplained_pnl", "the session P&L explain's unexplained part, USD"},
    [ALRT_M_GROSS_USD] = {"gross_usd", "gross notional, USD"},
    [ALRT_M_NET_USD] = {"net_usd", "net notional, USD"},
    [ALRT_M_ORDERS_REFUSED] = {"orders_refused", "hedge orders refused"},
};

static const char *const action_names[ALRT_ACT_COUNT] = {"none", "widen", "pause", "kill", "hedge"};

int alrt_metric_parse(const char *name)
{
    for (int m = 0; name && m < ALRT_M_COUNT; m++)
        if (!strcmp(metrics[m].name, name))
            return m;
    return -1;
}

const char *alrt_metric_name(int m)
{
    return m >= 0 && m < ALRT_M_COUNT ? metrics[m].name : NULL;
}

const char *alrt_metric_doc(int m)
{
    return m >= 0 && m < ALRT_M_COUNT ? metrics[m].doc : NULL;
}

const char *alrtcfg_action_name(int a)
{
    return a >= 0 && a < ALRT_ACT_COUNT ? action_names[a] : NULL;
}

alrtcfg_rule alrtcfg_rule_new(const char *name)
{
    alrtcfg_rule r;
    memset(&r, 0, sizeof r);
    snprintf(r.name, sizeof r.name, "%s", name);
    al_rule_init(&r.rule, AL_GT, NAN);
    r.factor = NAN;
    return r;
}

void alrtcfg_defaults(alrtcfg *c)
{
    assert(c);
    memset(c, 0, sizeof *c);
    c->timing = (al_timing)AL_TIMING_DEFAULTS;
    c->notify_timeout_s = 10;
}

int alrtcfg_parse_action(const char *s, alrtcfg_rule *r)
{
    char word[16];
    size_t n = strcspn(s, ": ");
    if (n >= sizeof word)
        return -1;
    memcpy(word, s, n);
    word[n] = '\0';
    int a = 0;
    while (a < ALRT_ACT_COUNT && strcmp(action_names[a], word) != 0)
        a++;
    if (a == ALRT_ACT_COUNT)
        return -1;
    const char *rest = s + n + (s[n] ? 1 : 0);
    double f = NAN;
    if (a == ALRT_ACT_WIDEN && rest[0] && num_parse(rest, 1e-6, 1e6, false, &f) != 0)
        return -1;
    if (a != ALRT_ACT_WIDEN && rest[0])
        return -1;
    r->action = (alrtcfg_action)a;
    if (a == ALRT_ACT_WIDEN && !isnan(f))
        r->factor = f;
    return 0;
}

void alrtcfg_format_action(const alrtcfg_rule *r, char *buf, size_t cap)
{
    if (r->action == ALRT_ACT_WIDEN && !isnan(r->factor))
        snprintf(buf, cap, "widen:%.15g", r->factor);
    else
        snprintf(buf, cap, "%s", r->action == ALRT_ACT_NONE ? "" : action_names[r->action]);
}

int alrtcfg_check(const alrtcfg_rule *r, char *why, size_t cap)
{
    if (alrt_metric_parse(r->metric) < 0)
        snprintf(why, cap, "[alert %s] needs a metric (%s)", r->name, r->metric[0] ? "unknown" : "none given");
    else if (!isfinite(r->rule.threshold))
        snprintf(why, cap, "[alert %s] needs a threshold", r->name);
    else if (al_rule_check(&r->rule) != 0)
        snprintf(why, cap, "[alert %s]: clear must be on the other side of the threshold (or equal), for >= 0",
                 r->name);
    else if (r->action == ALRT_ACT_WIDEN && !(r->factor > 0))
        snprintf(why, cap, "[alert %s]: widen needs a factor > 0 (action = widen:2, or factor = 2)", r->name);
    else if (r->metric[0] && (alrt_metric_parse(r->metric) == ALRT_M_PRICE ||
                              alrt_metric_parse(r->metric) == ALRT_M_REALIZED_VOL) && !r->scope[0])
        snprintf(why, cap, "[alert %s]: %s needs a scope", r->name, r->metric);
    else
        return 0;
    return -1;
}
