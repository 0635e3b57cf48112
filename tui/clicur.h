/* clicur.h - the command line's part of the currencies (issue 24), private
 * to tui/cli.c (prefix clicur_): --currency, the [currency NAME] sections
 * and their --set 'currency NAME:price=INSTRUMENT' twins, and what
 * --print-config says of them. They go into the engine's configuration as
 * ccy_params (risk/ccy.h).
 *
 * The rows below are macros so that cli.c's two tables hold them like any
 * other row: CLICUR_OPTIONS in the options table, CLICUR_KEYS in the named
 * sections' keys (their block is one ccy_binding). */
#ifndef INVTOP_CLICUR_H
#define INVTOP_CLICUR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "invtop/ccy.h"
#include "tui/cli.h"
#include "tui/opttab.h"

#define CLICUR_GROUP "Currencies, [currency NAME] (at most 32)"
_Static_assert(CCY_MAX_BINDINGS == 32, "CLICUR_GROUP says how many currencies may be bound");

/* --currency CCY (ot_parse_fn, ot_format_fn on the char[] at r->off):
 * a currency code (ccy_code_ok). */
int clicur_parse_code(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen);
void clicur_format_code(const ot_row *r, const void *obj, char *buf, size_t cap);
/* price = INSTRUMENT of [currency NAME] (on one ccy_binding): SYM or
 * SYM@VENUE (book_id_ok). */
int clicur_parse_inst(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen);
void clicur_format_inst(const ot_row *r, const void *obj, char *buf, size_t cap);

#define CLICUR_O(field) offsetof(invtop_opts, field)
#define CLICUR_OPTIONS                                                                                              \
    {.name = "currency", .arg = "CCY", .group = "Risk", .section = "risk", .key = "currency", .type = OT_CUSTOM,    \
     .defs = CCY_DEFAULT, .parse = clicur_parse_code, .format = clicur_format_code,                                  \
     .off = CLICUR_O(engine.risk.ccy.report),                                                                       \
     .help = "the report currency of every total, VaR, limit and _usd figure (others convert at a live rate)"}

#define CLICUR_B(field) offsetof(ccy_binding, field)
#define CLICUR_KEYS                                                                                                 \
    {.group = CLICUR_GROUP, .section = "currency", .key = "price", .arg = "INSTRUMENT", .type = OT_CUSTOM,          \
     .unset = "an instrument on NAME quoted in the report currency: spot, else perp, else future",                 \
     .parse = clicur_parse_inst, .format = clicur_format_inst, .off = CLICUR_B(inst),                              \
     .help = "SYM or SYM@VENUE whose mid prices NAME in the report currency (it alone: none while it has no "      \
             "price; a stablecoin then takes USD's rate, marked assumed)"}

/* A key of [currency NAME] into p: 1 when the section is one, with err set
 * when the key, the value or the name (ccy_code_ok) is bad or a 33rd
 * currency would be bound (nothing changes then); 0 when it is not. */
int clicur_on_ini(ccy_params *p, const char *section, const char *key, const char *value, char *err, size_t cap);

/* The bindings as [currency NAME] sections. */
void clicur_print_config(const ccy_params *p, FILE *out);

/* Whether a and b convert alike (a reload's "restart needed"). */
bool clicur_same(const ccy_params *a, const ccy_params *b);

#endif
