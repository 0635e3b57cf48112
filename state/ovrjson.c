/* ovrjson.c - an override as JSON (see ovrjson.h). */
#include "invtop/ovrjson.h"

void ovrjson_write(jw *w, const ovr *o)
{
    jw_obj_begin(w);
    jw_knum(w, "skew_bps", o->skew_bps);
    jw_kbool(w, "skew_replace", o->skew_replace);
    jw_knum(w, "half_spread_bps", o->half_spread_bps);
    jw_knum(w, "bid", o->bid);
    jw_knum(w, "ask", o->ask);
    jw_knum(w, "size_bid", o->size_bid);
    jw_knum(w, "size_ask", o->size_ask);
    jw_kbool(w, "paused", o->paused);
    jw_kfixed(w, "expires", o->expires, 3);
    jw_obj_end(w);
}

wire_status ovrjson_read(const body_view *b, int v, ovr *o)
{
    body_view x;
    *o = ovr_none();
    TRY(wb_sub_object(b, v, &x));
    TRY(wb_opt_number(&x, "skew_bps", &o->skew_bps));
    TRY(wb_opt_bool(&x, "skew_replace", &o->skew_replace));
    TRY(wb_opt_number(&x, "half_spread_bps", &o->half_spread_bps));
    TRY(wb_opt_number(&x, "bid", &o->bid));
    TRY(wb_opt_number(&x, "ask", &o->ask));
    TRY(wb_opt_number(&x, "size_bid", &o->size_bid));
    TRY(wb_opt_number(&x, "size_ask", &o->size_ask));
    TRY(wb_opt_bool(&x, "paused", &o->paused));
    TRY(wb_opt_number(&x, "expires", &o->expires));
    return WIRE_OK;
}
