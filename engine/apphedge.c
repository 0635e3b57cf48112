/* apphedge.c - the engine's hedges and orders: suggestions, the hedge
 * command, automatic hedging on event time, the order channel's traffic
 * (see app.h). */
#include "invtop/app.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "invtop/hedge.h"
#include "invtop/ordchan.h"

static int socket_send(void *ctx, const char *msg, size_t len)
{
    return ordchan_send(ctx, msg, len);
}

int app_hedge_init(app *a, void *zctx)
{
    const engcfg *o = &a->cfg;
    /* client order ids unique across runs: the start time and the process */
    char prefix[24];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(prefix, sizeof prefix, "H%lx%04x", (unsigned long)ts.tv_sec, (unsigned)getpid() & 0xffffu);
    ord_init(&a->orders, prefix, o->hedge.order_ttl_s);
    a->hedge_cooldown = malloc(o->risk.max_und * sizeof *a->hedge_cooldown);
    if (!a->hedge_cooldown) {
        fprintf(stderr, "invtop: out of memory for hedging\n");
        return -1;
    }
    for (size_t u = 0; u < o->risk.max_und; u++)
        a->hedge_cooldown[u] = NAN;
    if (!o->orders)
        return 0; /* no channel: suggestions only, and nothing to journal */
    char path[4096], jbuf[4096];
    const char *jpath = o->journal ? o->journal : journal_default_path(jbuf, sizeof jbuf);
    size_t skipped = 0;
    if (ord_open(&a->orders, ord_journal_path(jpath, path, sizeof path), &skipped) != 0)
        fprintf(stderr, "invtop: %s; hedge orders are refused until it can be written\n", a->orders.err);
    else if (skipped)
        fprintf(stderr, "invtop: %s: skipped %zu unreadable line(s)\n", path, skipped);
    char err[256];
    if (!zctx || ordchan_open(&a->ord_sock, zctx, o->orders, err, sizeof err) != 0) {
        fprintf(stderr, "invtop: %s\n", zctx ? err : "no ZeroMQ context for --orders");
        return -1;
    }
    app_orders_io(a, socket_send, a->ord_sock);
    return 0;
}

void app_hedge_free(app *a)
{
    ordchan_close(&a->ord_sock);
    ord_free(&a->orders);
    free(a->hedge_cooldown);
    a->hedge_cooldown = NULL;
}

void app_orders_io(app *a, app_order_send_fn fn, void *ctx)
{
    a->ord_send = fn;
    a->ord_ctx = ctx;
}

static hgs_inputs inputs(const app *a)
{
    return (hgs_inputs){a->book, &a->risk.expo, a->risk.hist, &a->params, &a->cfg.hedge,
                        a->cfg.risk.limits.max_delta_usd, a->cfg.stale_s, &a->orders, a->ovr.kill,
                        a->cfg.trader, a->ord_send != NULL, a->hedge_cooldown};
}

/* Send what is due: new orders at once, unacknowledged ones again; none
 * under the kill switch (they wait, and expire by their TTL). */
static void send_due(app *a, double now)
{
    long i;
    while (a->ord_send && !a->ovr.kill && (i = ord_due(&a->orders, now)) >= 0) {
        ord_encode(&a->orders, (size_t)i, &a->orders.line);
        bool ok = jw_ok(&a->orders.line) && a->ord_send(a->ord_ctx, a->orders.line.buf, a->orders.line.len) == 0;
        ord_sent(&a->orders, (size_t)i, now, ok);
    }
}

/* Refuse an order: shown among the orders, logged, the reason in msg. */
static int refuse(app *a, const snap_hedge *row, double lots, double lot, double now, bool automatic,
                  const char *who, const char *why, char *msg, size_t cap)
{
    snprintf(msg, cap, "hedge %s refused: %s", row->underlying, why);
    ord_refused(&a->orders, row->inst[0] ? row->inst : row->underlying, row->underlying, lots,
                isnan(lot) ? NAN : lots * lot, now, automatic, who, why);
    evlog_add(&a->log, now, EVLOG_ALERT, "HEDGE REFUSED %s by %s: %.90s", row->underlying, who, why);
    return -1;
}

/* Journal and send `lots` of the row's instrument. */
static int place(app *a, const snap_hedge *row, const hgs_pick *pk, double lots, double now, bool automatic,
                 const char *who, char *msg, size_t cap)
{
    const book_inst *x = book_at(a->book, (size_t)pk->inst);
    char why[200];
    long i = ord_new(&a->orders, x->sym, x->venue, row->underlying, hgs_book(&a->params, row->underlying), lots,
                     pk->lot, x->mid, lots * pk->lot_usd, now, automatic, who, why, sizeof why);
    if (i < 0)
        return refuse(a, row, lots, pk->lot, now, automatic, who, why, msg, cap);
    const order *o = &a->orders.o[i];
    snprintf(msg, cap, "hedge %s: %s %.0f lots of %s (%+.0f USD delta), order %s%s", row->underlying,
             lots > 0 ? "buy" : "sell", fabs(lots), o->inst, o->usd, o->clid, automatic ? " (auto)" : "");
    evlog_add(&a->log, now, EVLOG_WARN, "%s by %s", msg, who);
    send_due(a, now);
    return 0;
}

int app_hedge_command(app *a, const command *cmd, double now, const char *who, char *msg, size_t cap)
{
    assert(a && cmd && cmd->kind == CMD_HEDGE && who && msg);
    int u = hist_find(a->risk.hist, cmd->id);
    snap_hedge row;
    hgs_pick pk;
    if (u < 0) {
        memset(&row, 0, sizeof row);
        snprintf(row.underlying, sizeof row.underlying, "%.*s", (int)sizeof row.underlying - 1, cmd->id);
        return refuse(a, &row, isnan(cmd->value) ? 0 : cmd->value, NAN, now, false, who, "no such underlying",
                      msg, cap);
    }
    rr_refresh_figures(&a->risk, a->book, now); /* the delta as it is now */
    hgs_inputs in = inputs(a);
    hgs_row(&in, (size_t)u, now, &row, &pk);
    double lots = isnan(cmd->value) ? row.lots : cmd->value;
    hg_state st = (hg_state)row.state;
    if (a->ovr.kill)
        return refuse(a, &row, lots, pk.lot, now, false, who, "kill switch on", msg, cap);
    if (!a->ord_send)
        return refuse(a, &row, lots, pk.lot, now, false, who, "no order channel (--orders)", msg, cap);
    if (pk.inst < 0 || st == HG_NO_PRICE || st == HG_NO_INSTRUMENT || isnan(pk.lot_usd))
        return refuse(a, &row, lots, pk.lot, now, false, who, row.reason, msg, cap);
    if (lots == 0)
        return refuse(a, &row, 0, pk.lot, now, false, who, row.reason, msg, cap);
    double cap_usd = hgs_max_order_usd(&in, row.underlying);
    if (fabs(lots * pk.lot_usd) > cap_usd) {
        char why[120];
        snprintf(why, sizeof why, "%.0f USD is above the maximum order %.0f USD", fabs(lots * pk.lot_usd), cap_usd);
        return refuse(a, &row, lots, pk.lot, now, false, who, why, msg, cap);
    }
    return place(a, &row, &pk, lots, now, false, who, msg, cap);
}

/* Automatic hedging: the suggestion goes out for every underlying with it
 * on (only `only` when >= 0), outside its band, past its cooldown. */
static void auto_hedge(app *a, double now, long only)
{
    if (!a->cfg.trader || a->ovr.kill || !a->ord_send)
        return;
    hgs_inputs in = inputs(a);
    size_t n = hist_count(a->risk.hist) < a->cfg.risk.max_und ? hist_count(a->risk.hist) : a->cfg.risk.max_und;
    for (size_t u = only >= 0 ? (size_t)only : 0; u < n && (only < 0 || u == (size_t)only); u++) {
        snap_hedge row;
        hgs_pick pk;
        hgs_row(&in, u, now, &row, &pk);
        if (!row.automatic || (row.state != HG_SUGGESTED && row.state != HG_CAPPED) || row.lots == 0)
            continue;
        char msg[256];
        a->hedge_cooldown[u] = now + a->cfg.hedge.cooldown_s; /* refused or sent: one try per cooldown */
        (void)place(a, &row, &pk, row.lots, now, true, "auto", msg, sizeof msg);
    }
}

/* True when automatic hedging may be on for some underlying. */
static bool auto_anywhere(const app *a)
{
    if (a->cfg.hedge.automatic)
        return true;
    for (size_t k = 0; k < a->params.n; k++)
        if (a->params.e[k].scope == IP_UNDERLYING && a->params.e[k].auto_hedge == 1)
            return true;
    return false;
}

void app_hedge_position(app *a, size_t i, double now)
{
    if (!a->cfg.trader || a->ovr.kill || !a->ord_send || !auto_anywhere(a))
        return;
    rr_refresh_figures(&a->risk, a->book, now); /* the delta the position left */
    if (i < a->risk.expo.ninst && a->risk.expo.inst[i].und >= 0)
        auto_hedge(a, now, a->risk.expo.inst[i].und);
}

void app_hedge_tick(app *a, double now, bool sampled)
{
    size_t n = ord_expire(&a->orders, now);
    if (n)
        evlog_add(&a->log, now, EVLOG_ALERT, "%zu hedge order(s) expired unacknowledged", n);
    if (sampled)
        auto_hedge(a, now, -1);
    send_due(a, now);
}

void app_order_reply(app *a, const char *msg, size_t len, double now)
{
    char err[160];
    long i = ord_reply(&a->orders, msg, len, now, err, sizeof err);
    if (i < 0) {
        a->order_replies_bad++;
        evlog_add(&a->log, now, EVLOG_WARN, "order channel: bad reply: %.100s", err);
        return;
    }
    const order *o = &a->orders.o[i];
    if (o->state == ORD_REJECTED)
        evlog_add(&a->log, now, EVLOG_ALERT, "order %s (%s) rejected: %.80s", o->clid, o->inst, o->reason);
}

void app_orders_read(app *a, double now)
{
    char buf[2048];
    long n;
    for (int k = 0; a->ord_sock && k < 1000 && (n = ordchan_recv(a->ord_sock, buf, sizeof buf)) >= 0; k++)
        app_order_reply(a, buf, (size_t)n, now);
}

void app_hedge_row(const app *a, size_t u, double now, snap_hedge *row)
{
    hgs_inputs in = inputs(a);
    hgs_pick pk;
    hgs_row(&in, u, now, row, &pk);
}

/* ---- the snapshot's part ---- */

static void snap_order_of(snap_order *d, const order *o)
{
    memset(d, 0, sizeof *d);
    snprintf(d->clid, sizeof d->clid, "%s", o->clid);
    snprintf(d->inst, sizeof d->inst, "%s", o->inst);
    snprintf(d->underlying, sizeof d->underlying, "%s", o->underlying);
    snprintf(d->book, sizeof d->book, "%s", o->book);
    snprintf(d->user, sizeof d->user, "%s", o->user);
    snprintf(d->reason, sizeof d->reason, "%s", o->reason);
    d->qty = o->qty;
    d->lots = o->lots;
    d->filled = o->filled;
    d->fill_px = o->filled != 0 ? o->fill_notional / fabs(o->filled) : NAN;
    d->created = o->created;
    d->expires = o->expires;
    d->attempts = o->attempts;
    d->state = (int)o->state;
    d->automatic = o->automatic;
}

void app_hedge_snap(const app *a, double now, snap *s)
{
    const engcfg *o = &a->cfg;
    s->hedge_auto = o->hedge.automatic;
    s->hedge_cooldown_s = o->hedge.cooldown_s;
    s->max_order_usd = o->hedge.max_order_usd;
    s->order_ttl_s = o->hedge.order_ttl_s;
    snprintf(s->orders_endpoint, sizeof s->orders_endpoint, "%s",
             o->orders ? o->orders : a->ord_send && a->ord_via ? a->ord_via : "");
    s->orders_journal_ok = a->orders.journal_ok;
    snprintf(s->orders_error, sizeof s->orders_error, "%s", o->orders ? a->orders.err : "");
    s->orders_sent = a->orders.sent;
    s->orders_refused = a->orders.refused;
    hgs_inputs in = inputs(a);
    size_t n = hist_count(a->risk.hist) < o->risk.max_und ? hist_count(a->risk.hist) : o->risk.max_und;
    s->nhedges = 0;
    for (size_t u = 0; u < n && s->nhedges < SNAP_HEDGES; u++) {
        if (u >= a->risk.expo.nund || a->risk.expo.und[u].ninst == 0)
            continue; /* a name no instrument uses any more */
        hgs_pick pk;
        hgs_row(&in, u, now, &s->hedges[s->nhedges++], &pk);
    }
    size_t first = a->orders.n > SNAP_ORDERS ? a->orders.n - SNAP_ORDERS : 0;
    s->norders = 0;
    for (size_t i = first; i < a->orders.n; i++)
        snap_order_of(&s->orders[s->norders++], &a->orders.o[i]);
}
