/* snaptab_in.h - what state/snaptab.c and state/snaptab_inst.c share (the
 * schema's two halves; not a public contract). */
#ifndef INVTOP_STATE_SNAPTAB_IN_H
#define INVTOP_STATE_SNAPTAB_IN_H

#include "invtop/schema.h"

/* One instrument's rows (the document's "instruments" elements). */
extern const sch_table snaptab_inst_table;

/* The risk parts' objects and arrays (snaptab_risk.c). */
extern const sch_table snaptab_risk_table, snaptab_und_table, snaptab_limit_table, snaptab_book_table;
size_t snaptab_count_und(const void *base, const snap *s);
void *snaptab_elem_und(const void *base, const snap *s, size_t k);
int snaptab_read_underlyings(const jr *r, int v, void *base, snap *s);
size_t snaptab_count_books(const void *base, const snap *s);
void *snaptab_elem_book(const void *base, const snap *s, size_t k);
int snaptab_resize_books(void *base, snap *s, size_t n);

/* The options desk's parts (snaptab_opt.c): the document's ladder, stress
 * (null before its first grid) and explain; an instrument's lp object (for
 * lp ranges), explain (once it has one) and vol source's names. */
extern const sch_table snaptab_ladder_table, snaptab_stress_table, snaptab_explain_table;
extern const sch_table snaptab_inst_lp_table, snaptab_inst_explain_table;
bool snaptab_stress_null(const void *base);
bool snaptab_inst_explained(const void *base);
bool snaptab_inst_is_lp(const void *base);
bool snaptab_inst_is_option(const void *base);
const char *snaptab_iv_source_name(int v);

/* The hedging parts (snaptab_hedge.c): the document's hedges (an array,
 * one row per underlying) and orders. */
extern const sch_table snaptab_hedge_table, snaptab_orders_table;
size_t snaptab_count_hedges(const void *base, const snap *s);
void *snaptab_elem_hedge(const void *base, const snap *s, size_t k);
int snaptab_resize_hedges(void *base, snap *s, size_t n);

/* The alerts part (snaptab_alert.c). */
extern const sch_table snaptab_alerts_table;

/* A row with nothing to read back (a constant, a derived value). */
int snaptab_read_nothing(const jr *r, int v, void *base, snap *s);

/* The name of skew model m (skew_model_name for an int). */
const char *snaptab_skew_name(int m);

#endif
