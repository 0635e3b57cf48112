/* instparam.h - configured values per instrument, underlying, venue and
 * book (prefix ip_): the engine's lookup, filled by whoever reads the
 * configuration ([instrument SYM] sections, --set) and handed over at start
 * and on a reload.
 *
 * A block holds the values given for one named thing; anything not given is
 * NAN (numbers) or -1 (model, fee_base). Pure data: no I/O, no globals. */
#ifndef INVTOP_INSTPARAM_H
#define INVTOP_INSTPARAM_H

#include <stddef.h>

#include "invtop/event.h"

#define IP_MAX_BLOCKS 128

/* Which section a block came from. */
typedef enum {
    IP_INSTRUMENT = 0, /* [instrument SYM] or [instrument SYM@VENUE] */
    IP_UNDERLYING,     /* [underlying NAME] */
    IP_VENUE,          /* [venue NAME] */
    IP_BOOK,           /* [book NAME] */
    IP_SCOPES
} ip_scope;

/* The numeric values of a block, by index (v[IP_GAMMA]): merging and
 * printing loop over them, so a new one is one entry here. */
typedef enum {
    IP_GAMMA = 0, IP_K, IP_FILL_A, IP_MAX_POS_LOTS, IP_IV, IP_LOT, IP_TICK, IP_MAX_DELTA_USD,
    IP_MAX_VAR_USD, IP_HEDGE_BAND_USD, IP_MAX_ORDER_USD, IP_NUM
} ip_field;

typedef struct {
    ip_scope scope;
    char name[EVENT_ID_MAX];
    int model;        /* skew_model, -1 when not given */
    int fee_base;     /* venues: 1 fees in the base coin, 0 quote, -1 not given */
    int auto_hedge;   /* underlyings: 1 on, 0 off, -1 not given */
    char hedge[EVENT_ID_MAX];      /* underlyings: the hedge instrument's id, "" not given */
    char hedge_book[EVENT_SYM_MAX]; /* underlyings: the book hedge fills go to, "" not given */
    double v[IP_NUM]; /* NAN when not given */
} inst_param;

typedef struct {
    inst_param e[IP_MAX_BLOCKS];
    size_t n;
} ip_set;

/* "instrument", "underlying", "venue", "book"; NULL past the last. */
const char *ip_scope_name(ip_scope s);

/* A block with nothing given. */
inst_param ip_none(ip_scope s, const char *name);

/* The block of scope s named name, added (nothing given) when absent.
 * Returns NULL when the set is full or the name empty or too long (the set
 * unchanged). */
inst_param *ip_slot(ip_set *set, ip_scope s, const char *name);

/* The block of scope s named name, or NULL. */
const inst_param *ip_block(const ip_set *set, ip_scope s, const char *name);

/* The values for an instrument (its id SYM@VENUE, its symbol) on underlying
 * und, merged: the underlying's, then the symbol's on every venue, then the
 * id's win; what none gives stays NAN / -1. */
inst_param ip_for(const ip_set *set, const char *id, const char *sym, const char *und);

#endif
