/* ovrjson.h - an override as a JSON object (prefix ovrjson_), the one form
 * the journal, the quote channel and the snapshot share. */
#ifndef INVTOP_OVRJSON_H
#define INVTOP_OVRJSON_H

#include "invtop/jsonw.h"
#include "invtop/override.h"
#include "invtop/wire_body.h"

/* Write o as {"skew_bps", "skew_replace", "half_spread_bps", "bid", "ask",
 * "size_bid", "size_ask", "paused", "expires"} (unset numbers are null). */
void ovrjson_write(jw *w, const ovr *o);

/* Read the object at value token v of b (absent keys stay unset). Returns
 * WIRE_OK, or the reason (o unspecified then). */
wire_status ovrjson_read(const body_view *b, int v, ovr *o);

#endif
