/* override.c - manual quote overrides (see override.h). */
#include "invtop/override.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ovr ovr_none(void)
{
    return (ovr){NAN, false, NAN, NAN, NAN, NAN, NAN, false, NAN};
}

bool ovr_is_set(const ovr *o)
{
    return !isnan(o->skew_bps) || !isnan(o->half_spread_bps) || !isnan(o->bid) ||
           !isnan(o->ask) || !isnan(o->size_bid) || !isnan(o->size_ask) || o->paused;
}

static bool same(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

bool ovr_equal(const ovr *a, const ovr *b)
{
    return same(a->skew_bps, b->skew_bps) && a->skew_replace == b->skew_replace &&
           same(a->half_spread_bps, b->half_spread_bps) && same(a->bid, b->bid) &&
           same(a->ask, b->ask) && same(a->size_bid, b->size_bid) &&
           same(a->size_ask, b->size_ask) && a->paused == b->paused && same(a->expires, b->expires);
}

void ovr_effective(const skew_quote *model, bool model_valid, const ovr *o, bool kill, double mid,
                   double tick, ovr_quote *out)
{
    memset(out, 0, sizeof *out);
    out->bid = out->ask = out->reservation = out->skew_bps = out->half_spread_bps = NAN;
    bool set = ovr_is_set(o);
    out->manual = set || kill;
    if (kill || o->paused) {
        out->valid = true;
        out->paused = true;
        if (model_valid) {
            out->reservation = model->reservation;
            out->skew_bps = model->skew_bps;
            out->half_spread_bps = model->half_spread_bps;
        }
        return;
    }
    double bid = NAN, ask = NAN;
    if (model_valid && mid > 0) {
        double skew = model->skew_bps, half = model->half_spread_bps;
        if (!isnan(o->skew_bps))
            skew = o->skew_replace ? o->skew_bps : skew + o->skew_bps;
        if (!isnan(o->half_spread_bps))
            half = o->half_spread_bps;
        out->skew_bps = skew;
        out->half_spread_bps = half;
        out->reservation = mid * (1 + skew * 1e-4);
        if (set && (!isnan(o->skew_bps) || !isnan(o->half_spread_bps))) {
            bid = out->reservation - half * mid * 1e-4;
            ask = out->reservation + half * mid * 1e-4;
            if (tick > 0) {
                bid = floor(bid / tick + 1e-9) * tick;
                ask = ceil(ask / tick - 1e-9) * tick;
            }
        } else {
            bid = model->bid;
            ask = model->ask;
        }
        /* a side the model withdrew at the inventory limit stays withdrawn */
        if (isnan(model->bid))
            bid = NAN;
        if (isnan(model->ask))
            ask = NAN;
    }
    if (!isnan(o->bid))
        bid = o->bid;
    if (!isnan(o->ask))
        ask = o->ask;
    if (!isnan(bid) && !isnan(ask) && !(bid < ask)) {
        bid = NAN; /* a crossed override is no quote on either side */
        ask = NAN;
    }
    if (!isnan(bid) && !(bid > 0))
        bid = NAN;
    out->bid = bid;
    out->ask = ask;
    out->valid = model_valid || !isnan(bid) || !isnan(ask);
}

static const char *const action_names[OVR_ACTION_COUNT] = {
    [OVR_SKEW_UP] = "skew+",   [OVR_SKEW_DOWN] = "skew-",     [OVR_WIDER] = "wider",
    [OVR_NARROWER] = "narrower", [OVR_PAUSE] = "pause",       [OVR_RESUME] = "resume",
    [OVR_SET] = "set",         [OVR_EDIT] = "edit",           [OVR_CLEAR] = "clear",
    [OVR_CLEAR_ALL] = "clear-all", [OVR_KILL] = "kill",       [OVR_UNKILL] = "unkill",
    [OVR_UNDO] = "undo",       [OVR_EXPIRED] = "expired",
};

const char *ovr_action_name(ovr_action a)
{
    return (unsigned)a < OVR_ACTION_COUNT ? action_names[a] : "?";
}

/* Append ", " (unless first) and the formatted text to out[0..*len),
 * cut to cap and terminated. */
static void append(char *out, size_t cap, size_t *len, const char *fmt, ...)
{
    if (*len + 1 >= cap)
        return;
    if (*len) {
        int k = snprintf(out + *len, cap - *len, ", ");
        *len = k < 0 ? *len : *len + (size_t)k < cap ? *len + (size_t)k : cap - 1;
    }
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(out + *len, cap - *len, fmt, ap);
    va_end(ap);
    *len = k < 0 ? *len : *len + (size_t)k < cap ? *len + (size_t)k : cap - 1;
}

/* `none` for NAN, else the number in fmt and its unit. */
static void value(char *out, size_t cap, const char *fmt, const char *unit, double v, const char *none)
{
    if (isnan(v)) {
        snprintf(out, cap, "%s", none);
        return;
    }
    int k = snprintf(out, cap, fmt, v);
    if (k > 0 && (size_t)k < cap)
        snprintf(out + k, cap - (size_t)k, "%s", unit);
}

char *ovr_describe(const ovr *before, const ovr *after, double now, char *out, size_t cap)
{
    assert(before && after && out && cap > 0);
    static const struct {
        const char *name, *fmt, *none, *unit;
        size_t at;
    } nums[] = {
        {"skew", "%+.2f", "none", " bp", offsetof(ovr, skew_bps)},
        {"half spread", "%.2f", "model", " bp", offsetof(ovr, half_spread_bps)},
        {"bid", "%.10g", "model", "", offsetof(ovr, bid)},
        {"ask", "%.10g", "model", "", offsetof(ovr, ask)},
        {"size bid", "%.10g", "default", "", offsetof(ovr, size_bid)},
        {"size ask", "%.10g", "default", "", offsetof(ovr, size_ask)},
    };
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
        double b = *(const double *)((const char *)before + nums[i].at);
        double a = *(const double *)((const char *)after + nums[i].at);
        if (same(a, b))
            continue;
        char bs[32], as[32];
        value(bs, sizeof bs, nums[i].fmt, nums[i].unit, b, nums[i].none);
        value(as, sizeof as, nums[i].fmt, nums[i].unit, a, nums[i].none);
        append(out, cap, &len, "%s %s -> %s", nums[i].name, bs, as);
    }
    if (before->skew_replace != after->skew_replace)
        append(out, cap, &len, "%s", after->skew_replace ? "skew replaces the model's" : "skew adds to the model's");
    if (before->paused != after->paused)
        append(out, cap, &len, "%s", after->paused ? "paused" : "resumed");
    if (!same(before->expires, after->expires)) {
        if (isnan(after->expires))
            append(out, cap, &len, "no TTL");
        else
            append(out, cap, &len, "TTL %.0fs", ceil(after->expires - now));
    }
    if (!len)
        append(out, cap, &len, "no change");
    return out;
}

int ovr_action_parse(const char *name, ovr_action *out)
{
    for (size_t k = 0; k < OVR_ACTION_COUNT; k++)
        if (strcmp(action_names[k], name) == 0) {
            *out = (ovr_action)k;
            return 0;
        }
    return -1;
}

int ovr_table_init(ovr_table *t, size_t cap)
{
    memset(t, 0, sizeof *t);
    t->e = calloc(cap ? cap : 1, sizeof *t->e);
    t->cap = cap;
    return t->e ? 0 : -1;
}

void ovr_table_free(ovr_table *t)
{
    free(t->e);
    memset(t, 0, sizeof *t);
}

long ovr_slot(const ovr_table *t, const char *sym)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->e[i].sym, sym) == 0)
            return (long)i;
    return -1;
}

ovr ovr_get(const ovr_table *t, const char *sym)
{
    long s = ovr_slot(t, sym);
    return s >= 0 ? t->e[s].o : ovr_none();
}

size_t ovr_active(const ovr_table *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++)
        n += ovr_is_set(&t->e[i].o);
    return n;
}

static void begin(const ovr_table *t, const char *sym, ovr_action action, ovr_change *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->sym, sizeof c->sym, "%s", sym);
    c->action = action;
    c->before = sym[0] ? ovr_get(t, sym) : ovr_none();
    c->after = c->before;
    c->kill_before = c->kill_after = t->kill;
}

static void set_ttl(ovr *o, double now, double ttl_s)
{
    if (ttl_s > 0)
        o->expires = now + ttl_s;
}

int ovr_propose_skew(const ovr_table *t, const char *sym, double delta_bps, double now,
                     double ttl_s, ovr_change *c)
{
    begin(t, sym, delta_bps >= 0 ? OVR_SKEW_UP : OVR_SKEW_DOWN, c);
    c->after.skew_bps = (isnan(c->after.skew_bps) ? 0 : c->after.skew_bps) + delta_bps;
    set_ttl(&c->after, now, ttl_s);
    return 0;
}

int ovr_propose_spread(const ovr_table *t, const char *sym, double delta_bps, double model_half,
                       double now, double ttl_s, ovr_change *c)
{
    begin(t, sym, delta_bps >= 0 ? OVR_WIDER : OVR_NARROWER, c);
    double base = isnan(c->after.half_spread_bps) ? model_half : c->after.half_spread_bps;
    if (isnan(base))
        return -1; /* no model spread yet to widen or narrow */
    double half = base + delta_bps;
    c->after.half_spread_bps = half < 0.5 ? 0.5 : half; /* never a zero or crossed spread */
    set_ttl(&c->after, now, ttl_s);
    return 0;
}

int ovr_propose_pause(const ovr_table *t, const char *sym, double now, double ttl_s, ovr_change *c)
{
    begin(t, sym, OVR_PAUSE, c);
    c->after.paused = !c->after.paused;
    if (!c->after.paused)
        c->action = OVR_RESUME;
    set_ttl(&c->after, now, ttl_s);
    return 0;
}

int ovr_propose_set(const ovr_table *t, const char *sym, const ovr *after, ovr_action action,
                    ovr_change *c)
{
    begin(t, sym, action, c);
    c->after = *after;
    return 0;
}

int ovr_propose_clear(const ovr_table *t, const char *sym, ovr_change *c)
{
    begin(t, sym, sym[0] ? OVR_CLEAR : OVR_CLEAR_ALL, c);
    c->after = ovr_none();
    return 0;
}

int ovr_propose_kill(const ovr_table *t, bool on, ovr_change *c)
{
    begin(t, "", on ? OVR_KILL : OVR_UNKILL, c);
    c->kill_after = on;
    return 0;
}

int ovr_propose_undo(const ovr_table *t, ovr_change *c)
{
    if (t->undo_n == 0)
        return -1;
    const ovr_change *last = &t->undo[(t->undo_head + OVR_UNDO_DEPTH - 1) % OVR_UNDO_DEPTH];
    *c = *last;
    c->before = last->after;
    c->after = last->before;
    c->kill_before = last->kill_after;
    c->kill_after = last->kill_before;
    c->action = OVR_UNDO;
    c->is_undo = true;
    return 0;
}

int ovr_commit(ovr_table *t, const ovr_change *c)
{
    if (c->sym[0]) {
        long s = ovr_slot(t, c->sym);
        if (s < 0) {
            if (t->n == t->cap)
                return -1;
            s = (long)t->n++;
            snprintf(t->e[s].sym, sizeof t->e[s].sym, "%s", c->sym);
        }
        t->e[s].o = c->after;
    } else if (c->action == OVR_CLEAR_ALL) {
        for (size_t i = 0; i < t->n; i++)
            t->e[i].o = ovr_none();
    }
    t->kill = c->kill_after;
    if (c->is_undo) {
        t->undo_head = (t->undo_head + OVR_UNDO_DEPTH - 1) % OVR_UNDO_DEPTH;
        t->undo_n--;
    } else if (c->action != OVR_CLEAR_ALL && c->action != OVR_EXPIRED) {
        /* clear-all is confirmed before it happens, and an expiry undone would
         * only expire again: neither goes on the undo stack */
        t->undo[t->undo_head] = *c;
        t->undo_head = (t->undo_head + 1) % OVR_UNDO_DEPTH;
        if (t->undo_n < OVR_UNDO_DEPTH)
            t->undo_n++;
    }
    return 0;
}

int ovr_next_expired(const ovr_table *t, double now, ovr_change *c)
{
    for (size_t i = 0; i < t->n; i++) {
        const ovr *o = &t->e[i].o;
        if (ovr_is_set(o) && !isnan(o->expires) && o->expires <= now) {
            begin(t, t->e[i].sym, OVR_EXPIRED, c);
            c->after = ovr_none();
            return 0;
        }
    }
    return -1;
}
