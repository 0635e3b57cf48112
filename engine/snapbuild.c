/* snapbuild.c - copy the engine's state into a snapshot (see snapbuild.h). */
#include "invtop/snapbuild.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "invtop/backtest.h"
#include "invtop/snapopt.h"

/* Copy a string into a buffer of cap bytes, cut to fit: the snapshot copies
 * several per instrument every frame, and snprintf's format parsing was most
 * of a frame's cost at 1,000 instruments. */
static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void build_feed(snap_feed *f, const app *a, const snapbuild_ctx *c)
{
    const feedstat *fs = &a->in.stats;
    f->accepted = fs->accepted;
    f->ignored = fs->ignored;
    f->rejected_total = fs->rejected_total;
    f->msgs = fs->accepted + fs->ignored + fs->rejected_total;
    memcpy(f->rejected, fs->rejected, sizeof f->rejected);
    f->gaps = fs->gaps;
    f->seq_restarts = fs->restarts;
    f->seq_untracked = fs->untracked_seq;
    f->record_errors = a->recording ? a->rec.errors : 0;
    f->quotes_published = a->qt.published;
    f->rate = c->rate;
    f->last_msg_age_s = isnan(fs->last_msg_time) ? NAN : c->now - fs->last_msg_time;
    const feedstat_reject *r;
    f->nlast = 0;
    for (unsigned i = 0; f->nlast < SNAP_LAST_REJECTS && (r = feedstat_recent(fs, i)) != NULL; i++) {
        snap_reject *d = &f->last[f->nlast++];
        d->reason = r->reason;
        d->time = r->time;
        copy_str(d->excerpt, sizeof d->excerpt, r->excerpt);
    }
    const srcmap *m = a->cfg.sources;
    f->nsources = 0;
    for (size_t k = 0; m && k < srcmap_count(m) && k < SNAP_SOURCES; k++) {
        snap_source *d = &f->sources[f->nsources++];
        copy_str(d->name, sizeof d->name, srcmap_name(m, k));
        d->matched = a->in.source[k].matched;
        d->applied = a->in.source[k].applied;
        d->rejected = a->in.source[k].rejected;
    }
}

static void build_risk(snap *s, const riskrun *rr)
{
    s->pv = rr->p.pv;
    s->result = rr->result;
    s->returns = hist_nreturns(rr->hist);
    s->window = rr->p.window;
    s->computed_at = rr->computed_at;
    s->mc_at = rr->mc_at;
    const bt_record *bt = &rr->bt;
    s->bt_level = rr->p.pv.nvar ? rr->p.pv.var_levels[rr->p.pv.nvar - 1] : 0.99;
    s->bt_n = bt->n;
    s->bt_exceptions = bt->exceptions;
    s->kupiec_lr = bt_kupiec(bt->exceptions, bt->n, 1 - s->bt_level, &s->kupiec_p);
    bt_sequence(bt, rr->bt_seq);
    s->christoffersen_lr = bt_christoffersen(rr->bt_seq, bt->n, &s->christoffersen_p);
    s->bt_zone = (int)bt_zone_of(bt->exceptions, bt->n, 1 - s->bt_level);
    size_t n;
    const double *pnl = rr_historical_pnl(rr, &n);
    if (n)
        memcpy(s->scenarios, pnl, n * sizeof *pnl);
    s->nscen = n;
    s->limits = rr->p.limits;
    s->var_limit = rr->lim.var;
    s->breaches = rr->lim.breaches;
}

static void build_security(snap *s, const app *a)
{
    const sec_state *sec = a->sec;
    if (!sec)
        return;
    s->feed_curve = sec->feed_curve;
    s->quotes_curve = sec->quotes_curve;
    _Static_assert(sizeof sec->feed_socks / sizeof *sec->feed_socks <= SNAP_FEED_SOCKETS,
                   "every feed endpoint fits the snapshot");
    s->nfeed_socks = sec->nfeed_socks;
    for (size_t k = 0; k < sec->nfeed_socks; k++) {
        const sec_socket *x = &sec->feed_socks[k];
        s->feed_socks[k].bind = x->bind;
        s->feed_socks[k].curve = x->curve;
        copy_str(s->feed_socks[k].endpoint, sizeof s->feed_socks[k].endpoint, x->endpoint);
    }
    s->handshakes_refused = sec_refused(sec);
    s->feed_refused = sec->mon_feed.failed;
    s->quotes_refused = sec->mon_quotes.failed;
    s->feed_denied = sec->zap.denied[ZAP_FEED];
    s->quotes_denied = sec->zap.denied[ZAP_QUOTES];
    s->feed_allowed = sec->zap.allowed[ZAP_FEED];
    s->quotes_allowed = sec->zap.allowed[ZAP_QUOTES];
    s->commands_refused = sec->commands_refused;
    copy_str(s->sec_warning, sizeof s->sec_warning, sec->warning);
}

/* v in a quote currency at rate (NAN: none, the figure is unknown). */
static double at_rate(double v, double rate)
{
    return isnan(rate) ? NAN : v * rate;
}

/* The instrument's currency fields (risk/ccy.h) from its exposure. */
static void build_inst_ccy(snap_inst *x, const book_inst *in, const exposure *e, size_t i)
{
    x->settle = (int)in->ref.settle;
    x->rate = x->notional_quote = x->pnl_unrealized_coin = x->pnl_realized_coin = NAN;
    if (i >= e->ninst)
        return;
    const expo_inst *xi = &e->inst[i];
    if (xi->ccy >= 0) {
        const ccy_rate *c = &e->ccy.c[xi->ccy];
        copy_str(x->quote_ccy, sizeof x->quote_ccy, c->name);
        x->rate_assumed = c->src == CCY_RATE_ASSUMED;
    }
    x->rate = xi->rate;
    x->unconverted = xi->unconverted;
    x->notional_quote = xi->value_quote;
    x->pnl_unrealized_coin = xi->pnl_coin;
    x->pnl_realized_coin = xi->realized_coin;
    x->pnl_realized = at_rate(xi->realized_quote, xi->rate);
    if (xi->unconverted)
        x->notional_usd = x->pnl_unrealized = NAN;
}

static void build_inst(snap *s, const app *a, size_t i, double now)
{
    const book *b = a->book;
    const book_inst *in = book_at(b, i);
    const riskrun *rr = &a->risk;
    snap_inst *x = &s->inst[i];
    memset(x, 0, sizeof *x);
    copy_str(x->sym, sizeof x->sym, in->sym);
    copy_str(x->venue, sizeof x->venue, in->venue);
    copy_str(x->id, sizeof x->id, in->id);
    x->kind = in->ref.kind;
    x->mult = in->ref.mult;
    x->tick = in->ref.tick;
    x->lot = in->ref.lot;
    x->strike = in->ref.kind == INST_OPTION ? in->ref.strike : NAN;
    x->expiry = in->ref.kind == INST_OPTION || in->ref.kind == INST_FUTURE ? in->ref.expiry : NAN;
    x->right = in->ref.right;
    x->ref_inferred = in->ref_inferred;
    x->qty = in->pos.qty;
    x->avg_px = in->pos.qty != 0 ? in->pos.avg_px : NAN;
    x->mid = in->mid;
    x->bid = in->bid;
    x->ask = in->ask;
    x->spread_bps = (in->ask - in->bid) / in->mid * 1e4;
    x->notional_usd = i < rr->expo.ninst ? rr->expo.inst[i].value_usd : book_notional(in);
    x->pnl_realized = book_realized(in);
    x->pnl_unrealized = i < rr->expo.ninst ? rr->expo.inst[i].unrealized : book_unrealized(in);
    x->stale = book_is_stale(in, now, a->cfg.stale_s);
    build_inst_ccy(x, in, &rr->expo, i);
    x->delta = x->delta_usd = x->gamma = x->vega = x->theta = NAN;
    x->greeks_status = -1;
    if (i < rr->expo.ninst) {
        const expo_inst *e = &rr->expo.inst[i];
        if (e->und >= 0)
            copy_str(x->underlying, sizeof x->underlying, hist_name(rr->hist, (size_t)e->und));
        x->has_greeks = true;
        x->greeks_status = (int)e->status;
        x->delta = e->delta;
        x->delta_usd = e->delta_usd;
        x->gamma = e->gamma;
        x->vega = e->vega;
        x->theta = e->theta;
    }
    snapopt_inst(x, b, rr, i);
    x->limit = i < rr->lim.ninst ? rr->lim.inst[i] : (limit_state){NAN, NAN};
    const qt_entry *q = qt_at(&a->qt, i);
    if (q->valid || q->eff.valid) {
        x->has_quote = q->valid;
        x->q = q->q;
        x->eff = q->eff;
    }
    x->o = ovr_get(&a->ovr, in->id);
    x->has_override = ovr_is_set(&x->o);
    x->first_holding = s->nholdings;
    for (int h = in->first_holding; h >= 0; h = book_holding_at(b, (size_t)h)->next) {
        const book_holding *bh = book_holding_at(b, (size_t)h);
        snap_holding *d = &s->holdings[s->nholdings++];
        d->book = bh->book;
        d->leg = bh->leg;
        d->qty = bh->pos.qty;
        d->avg_px = bh->pos.qty != 0 ? bh->pos.avg_px : NAN;
        d->pnl_realized = expo_holding_realized(&rr->expo, b, bh);
        expo_holding_value(&rr->expo, b, bh, &d->notional_usd, &d->pnl_unrealized);
        if (x->unconverted)
            d->notional_usd = d->pnl_unrealized = NAN;
        d->pnl_realized_coin = book_holding_coin_realized(b, bh);
        d->pnl_unrealized_coin = book_holding_coin_unrealized(b, bh);
    }
    x->nholdings = s->nholdings - x->first_holding;
}

/* Append name to a comma-joined list of cap bytes (dropped when full). */
static void list_add(char *list, size_t cap, const char *name)
{
    const size_t len = strlen(list), n = strlen(name);
    if (len + n + 2 > cap)
        return;
    if (len)
        list[len] = ',';
    memcpy(list + len + (len > 0), name, n + 1);
}

/* The portfolio's currency, unconverted instruments and currencies, and
 * the currencies at an assumed rate (quoted by some instrument). */
static void build_port_ccy(snap_portfolio *p, const exposure *e)
{
    copy_str(p->currency, sizeof p->currency, e->cp.report);
    p->unconverted = e->unconverted;
    for (size_t k = 0; k < e->ccy.n; k++) {
        const ccy_rate *c = &e->ccy.c[k];
        if (c->ninst && c->src == CCY_RATE_NONE)
            list_add(p->unconverted_ccys, sizeof p->unconverted_ccys, c->name);
        if (c->ninst && c->src == CCY_RATE_ASSUMED)
            list_add(p->assumed_rates, sizeof p->assumed_rates, c->name);
    }
}

int snapbuild(snap *s, app *a, const snapbuild_ctx *c)
{
    const book *b = a->book;
    riskrun *rr = &a->risk;
    rr_refresh_figures(rr, b, c->now); /* a cache: limits and events stay as event time left them */
    size_t n = book_count(b), nund = rr->expo.nund, nbooks = book_nbooks(b);
    size_t nscen;
    (void)rr_historical_pnl(rr, &nscen);
    if (snap_reserve(s, n, nund, nbooks, book_nholdings(b), nscen) != 0)
        return -1;
    s->version = ++a->version;
    s->ts = c->now;
    copy_str(s->source, sizeof s->source, c->source ? c->source : "");
    build_feed(&s->feed, a, c);
    memset(&s->port, 0, sizeof s->port);
    for (size_t i = 0; i < n; i++) {
        const expo_inst *x = &rr->expo.inst[i]; /* refreshed above for every instrument */
        s->port.pnl_realized += x->realized;
        s->port.pnl_unrealized += x->unrealized;
    }
    build_port_ccy(&s->port, &rr->expo);
    s->port.gross_usd = rr->expo.gross_usd;
    s->port.net_usd = rr->expo.net_usd;
    s->port.net_delta_usd = rr->expo.net_delta_usd;
    build_risk(s, rr);
    s->nund = 0;
    for (size_t u = 0; u < nund; u++) {
        const expo_und *x = &rr->expo.und[u];
        if (x->ninst == 0)
            continue; /* a name no instrument uses any more */
        snap_und *d = &s->und[s->nund++];
        copy_str(d->name, sizeof d->name, hist_name(rr->hist, u));
        d->price = x->price;
        d->delta = x->delta;
        d->delta_usd = x->delta_usd;
        d->gamma = x->gamma;
        d->vega = x->vega;
        d->theta = x->theta;
        d->limit = u < rr->lim.nund ? rr->lim.und[u] : (limit_state){NAN, NAN};
    }
    s->nbooks = 0;
    for (size_t k = 0; k < nbooks && k < rr->nbooks; k++) {
        snap_book *d = &s->books[s->nbooks++];
        copy_str(d->name, sizeof d->name, book_name(b, k));
        d->r = rr->books[k];
        d->lim = rr->book_limits[k];
    }
    s->quote_params = a->qt.p;
    s->kill = a->ovr.kill;
    s->overrides_active = ovr_active(&a->ovr);
    s->journal_ok = a->jr.ok;
    copy_str(s->journal_error, sizeof s->journal_error, a->jr.ok ? "" : a->jr.err);
    s->publishing = a->publishing;
    build_security(s, a);
    s->nholdings = 0;
    s->ninst = n;
    for (size_t i = 0; i < n; i++)
        build_inst(s, a, i, c->now);
    s->nevents = 0;
    s->events_total = a->log.total;
    for (size_t k = a->log.n < SNAP_EVENTS ? a->log.n : SNAP_EVENTS; k-- > 0;) {
        const evlog_entry *e = evlog_get(&a->log, k);
        snap_event *d = &s->events[s->nevents++];
        d->time = e->time;
        d->level = (int)e->level;
        copy_str(d->text, sizeof d->text, e->text);
    }
    s->nseries = a->nseries < SNAP_SERIES ? a->nseries : SNAP_SERIES;
    memcpy(s->series, a->series + (a->nseries - s->nseries), s->nseries * sizeof *s->series);
    snapopt_build(s, b, rr, c->now);
    app_hedge_snap(a, c->now, s);
    app_alerts_snap(a, s);
    return 0;
}
