/* cfsym.h - cryptofeed's normalized symbols (prefix cfsym_).
 *
 * cryptofeed names every instrument BASE-QUOTE (spot), BASE-QUOTE-PERP
 * (perpetual), BASE-QUOTE-EXPIRY (future) or BASE-QUOTE-STRIKE-EXPIRY-C|P
 * (option), EXPIRY being two digits of year, a futures month code
 * (F G H J K M N Q U V X Z for January to December) and the day without a
 * leading zero: 24Z27 is 27 December 2024. Pure parsing, no state. */
#ifndef INVTOP_CFSYM_H
#define INVTOP_CFSYM_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/event.h"

/* Hour of the day (UTC) at which an expiry date is taken to expire: the
 * crypto venues' 08:00 UTC settlement (Deribit, OKX, Bybit, Binance). */
#define CFSYM_EXPIRY_HOUR_UTC 8

/* Infer reference data from a normalized symbol: kind, underlying (the
 * base), and for futures and options the expiry (epoch seconds), for
 * options also strike and right; mult 1, tick and lot 0, iv NAN. Returns
 * true and fills *out, or false (out untouched) when sym is not one of the
 * four shapes (a bare currency, an FX pair, anything malformed). */
bool cfsym_infer(const char *sym, event_inst *out);

/* Parse a cryptofeed expiry ("24Z27") into epoch seconds at
 * CFSYM_EXPIRY_HOUR_UTC. Returns true and sets *out, or false. */
bool cfsym_expiry(const char *s, size_t n, double *out);

#endif
