/* ccy.h - currencies: the report currency every total is in, each
 * instrument's quote currency, and the rates that convert one into the
 * other (prefix ccy_; issue 24).
 *
 * The quote currency of an instrument: its inst message's `quote`; else the
 * one its symbol says (ccy_infer); else the report currency.
 *
 * The rate of a currency C (report-currency units per unit of C), taken
 * again from the book on every risk pass (ccy_rates):
 *  - the report currency: 1;
 *  - C bound by [currency C] price = INSTRUMENT: that instrument's mid,
 *    times the rate of its own quote currency when that is not the report
 *    currency (none while either is unknown: a binding is the only source
 *    of its currency's rate, except that a stablecoin falls back below);
 *  - else an instrument on the underlying C (book_underlying), linear,
 *    quoted in the report currency, with a mid: a spot wins over a perp,
 *    a perp over a future, the first seen within a kind (options and pool
 *    ranges never price a currency);
 *  - else a stablecoin (USDT, USDC, BUSD, FDUSD, DAI, TUSD, USDP, PYUSD)
 *    takes USD's rate (1 when USD is the report currency), marked assumed;
 *  - else none (NAN): the instruments quoted in C are unconverted, shown in
 *    their own currency and kept out of every total.
 * Pure computation: no I/O, no allocation, no state between calls. */
#ifndef INVTOP_CCY_H
#define INVTOP_CCY_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/book.h"
#include "invtop/event.h"

#define CCY_MAX 64          /* currencies a table tells apart; more are unconverted */
#define CCY_MAX_BINDINGS 32 /* [currency NAME] sections */
#define CCY_DEFAULT "USD"

typedef struct {
    char name[EVENT_SYM_MAX]; /* the currency */
    char inst[BOOK_ID_MAX];   /* SYM or SYM@VENUE whose mid prices it */
} ccy_binding;

typedef struct {
    char report[EVENT_SYM_MAX]; /* the report currency (--currency), CCY_DEFAULT */
    ccy_binding bind[CCY_MAX_BINDINGS];
    size_t nbind;
} ccy_params;

/* Where a rate came from. */
typedef enum {
    CCY_RATE_NONE = 0, /* no rate: unconverted */
    CCY_RATE_REPORT,   /* the report currency itself */
    CCY_RATE_BOUND,    /* [currency NAME] price = INSTRUMENT */
    CCY_RATE_MARKET,   /* an instrument on it quoted in the report currency */
    CCY_RATE_ASSUMED   /* a stablecoin without a price: USD's rate */
} ccy_source;

typedef struct {
    char name[EVENT_SYM_MAX];
    double rate;      /* report-currency units per unit, NAN when none */
    ccy_source src;
    long inst;        /* the instrument that priced it (BOUND, MARKET), else -1 */
    size_t ninst;     /* instruments quoted in it */
} ccy_rate;

typedef struct {
    ccy_rate c[CCY_MAX];
    size_t n;
} ccy_table;

/* Report currency CCY_DEFAULT, no bindings. */
void ccy_default_params(ccy_params *p);

/* True when s is a currency code as --currency and [currency NAME] take
 * it: 2 to 10 upper-case letters or digits, the first a letter. */
bool ccy_code_ok(const char *s);

/* The quote currency a symbol says, into out (EVENT_SYM_MAX bytes): one
 * of the known quotes FDUSD, USDT, USDC, BUSD, TUSD, USDP, DAI, USD, EUR,
 * GBP, JPY, TRY, BRL, BTC, ETH (upper case). Separated forms
 * BASE-QUOTE[-...], BASE/QUOTE[...], BASE_QUOTE[...] (the first separator
 * decides; a ':' also ends the second token, ccxt's BTC/USDT:USDT): the
 * second token when it is a known quote (ETH-BTC, BTC-USD-PERP,
 * BTC-USDT-50000-24Z27-C; not BTC-PERP, BTC-27DEC24-50000-C). Concatenated
 * forms (upper-case letters and digits only): the longest known quote at
 * the end that leaves a base of at least 3 characters, else of 2 (BTCUSDT:
 * USDT; BTCTUSD: TUSD; XBTUSD: USD; OPUSDT: USDT; ETHBTC: BTC). A token that is no known quote says nothing,
 * so a symbol's odd suffix never makes an instrument unconverted: inst's
 * quote names any other currency. Returns true with out set, or false
 * (out untouched) when the symbol says none (BTC-PERP, BTC, btcusdt). */
bool ccy_infer(const char *sym, char *out);

/* The quote currency of instrument in (ref.quote, else ccy_infer, else
 * report) into out (EVENT_SYM_MAX bytes). */
void ccy_quote_of(const book_inst *in, const char *report, char *out);

/* True for the stablecoins that fall back to USD's rate (above). */
bool ccy_is_stable(const char *name);

/* Index of currency name in t, added (rate unknown) when add and there is
 * room; -1 when absent (or no room). */
int ccy_index(ccy_table *t, const char *name, bool add);

/* Rebuild t from the book b under p: every instrument's quote currency
 * into inst_ccy[i] (its index in t, -1 when the table is full; inst_ccy
 * holds book_count(b) ints) and every currency's rate as above. Never
 * allocates. */
void ccy_rates(ccy_table *t, const ccy_params *p, const book *b, int *inst_ccy);

/* The rate of currency index k (NAN when k < 0 or it has none). */
double ccy_rate_at(const ccy_table *t, int k);

/* "none", "report", "bound", "market", "assumed". */
const char *ccy_source_name(ccy_source s);

#endif
