/* headless.c - snapshot JSON (see headless.h). */
#include "invtop/headless.h"

#include <math.h>

static const char *const kind_names[] = {"spot", "perp", "future", "option"};

uint64_t headless_received(const feedstat *fs)
{
    return fs->accepted + fs->ignored + fs->rejected_total;
}

static void write_feed(jw *w, const feedstat *fs, const headless_ctx *c)
{
    jw_key(w, "feed");
    jw_obj_begin(w);
    jw_kint(w, "msgs", (int64_t)headless_received(fs));
    jw_kint(w, "accepted", (int64_t)fs->accepted);
    jw_kint(w, "ignored", (int64_t)fs->ignored);
    jw_key(w, "rate");
    jw_fixed(w, c->period_s > 0 ? (double)c->period_msgs / c->period_s : 0, 1);
    jw_key(w, "rejected");
    jw_obj_begin(w);
    jw_kint(w, "total", (int64_t)fs->rejected_total);
    jw_key(w, "by_reason");
    jw_obj_begin(w);
    for (int r = WIRE_IGNORED + 1; r < WIRE_STATUS_COUNT; r++)
        jw_kint(w, wire_status_name((wire_status)r), (int64_t)fs->rejected[r]);
    jw_obj_end(w);
    jw_key(w, "last");
    jw_arr_begin(w);
    const feedstat_reject *r;
    for (unsigned i = 0; (r = feedstat_recent(fs, i)) != NULL; i++) {
        jw_obj_begin(w);
        jw_kstr(w, "reason", wire_status_name(r->reason));
        jw_key(w, "ts");
        jw_fixed(w, r->time, 3);
        jw_kstr(w, "excerpt", r->excerpt);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
    jw_kint(w, "gaps", (int64_t)fs->gaps);
    jw_kint(w, "seq_restarts", (int64_t)fs->restarts);
    jw_kint(w, "record_errors", (int64_t)c->record_errors);
    jw_key(w, "last_msg_age_s");
    if (isnan(fs->last_msg_time))
        jw_null(w);
    else
        jw_fixed(w, c->now - fs->last_msg_time, 3);
    jw_obj_end(w);
}

static void write_instrument(jw *w, const book_inst *in, const headless_ctx *c)
{
    jw_obj_begin(w);
    jw_kstr(w, "sym", in->sym);
    jw_kstr(w, "kind", kind_names[in->ref.kind]);
    jw_knum(w, "qty", in->pos.qty);
    jw_key(w, "avg_px");
    if (in->pos.qty == 0)
        jw_null(w);
    else
        jw_num(w, in->pos.avg_px);
    jw_knum(w, "mid", in->mid);
    jw_knum(w, "bid", in->bid);
    jw_knum(w, "ask", in->ask);
    jw_key(w, "notional_usd");
    jw_fixed(w, book_notional(in), 2);
    jw_key(w, "pnl_realized");
    jw_fixed(w, in->pos.realized, 2);
    jw_key(w, "pnl_unrealized");
    jw_fixed(w, book_unrealized(in), 2);
    jw_kbool(w, "stale", book_is_stale(in, c->now, c->stale_s));
    jw_obj_end(w);
}

int headless_snapshot(jw *w, const book *b, const feedstat *fs, const headless_ctx *c)
{
    double gross = 0, net = 0, realized = 0, unrealized = 0;
    size_t n = book_count(b);
    for (size_t i = 0; i < n; i++) {
        const book_inst *in = book_at(b, i);
        double notional = book_notional(in);
        gross += fabs(notional);
        net += notional;
        realized += in->pos.realized;
        unrealized += book_unrealized(in);
    }
    jw_reset(w);
    jw_obj_begin(w);
    jw_key(w, "ts");
    jw_fixed(w, c->now, 3);
    write_feed(w, fs, c);
    jw_key(w, "portfolio");
    jw_obj_begin(w);
    jw_key(w, "gross_usd");
    jw_fixed(w, gross, 2);
    jw_key(w, "net_usd");
    jw_fixed(w, net, 2);
    jw_key(w, "pnl_realized");
    jw_fixed(w, realized, 2);
    jw_key(w, "pnl_unrealized");
    jw_fixed(w, unrealized, 2);
    jw_obj_end(w);
    jw_key(w, "instruments");
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++)
        write_instrument(w, book_at(b, i), c);
    jw_arr_end(w);
    jw_obj_end(w);
    jw_append(w, "\n", 1);
    return jw_ok(w) ? 0 : -1;
}
