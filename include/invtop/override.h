/* override.h - a trader's manual changes to the model's quotes (prefix ovr_).
 *
 * Per instrument an override may set a skew in bp (added to the model's, or
 * replacing it), a half spread in bp, absolute bid/ask prices, a size per
 * side, a pause (no quotes), and an expiry in event time. A global kill
 * switch pauses everything. The effective quote is the model quote with the
 * override applied; both are kept. Pure state and arithmetic: journaling
 * and display are the caller's. Changes are made in two steps, propose then
 * commit, so the caller can journal a change before it takes effect. */
#ifndef INVTOP_OVERRIDE_H
#define INVTOP_OVERRIDE_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/event.h"
#include "invtop/skew.h"

#define OVR_UNDO 256

typedef struct {
    double skew_bps;        /* NAN: none */
    bool skew_replace;      /* the skew replaces the model's instead of adding to it */
    double half_spread_bps; /* NAN: the model's */
    double bid, ask;        /* absolute prices, NAN: from the model */
    double size_bid, size_ask; /* NAN: the engine's default */
    bool paused;
    double expires;         /* event time, NAN: until cleared */
} ovr;

/* The effective quote. */
typedef struct {
    bool valid;             /* there is something to quote or to say (paused) */
    bool manual;            /* an override or the kill switch shaped it */
    bool paused;            /* no quotes: paused or killed */
    double bid, ask;        /* NAN when withdrawn or paused */
    double reservation, skew_bps, half_spread_bps;
} ovr_quote;

/* An empty override (nothing set). */
ovr ovr_none(void);
/* True when any field is set. */
bool ovr_is_set(const ovr *o);
/* True when two overrides are the same (NANs equal). */
bool ovr_equal(const ovr *a, const ovr *b);

/* The effective quote from the model quote (valid=false: none yet), the
 * override and the kill switch, at instrument mid and tick. Absolute prices
 * win over skew and spread; the result is rounded outward to the tick and
 * keeps bid < ask. */
void ovr_effective(const skew_quote *model, bool model_valid, const ovr *o, bool kill, double mid,
                   double tick, ovr_quote *out);

/* One change, proposed before it is journaled and committed. sym is empty
 * for a global change (kill switch, clear all). */
typedef struct {
    char sym[EVENT_ID_MAX]; /* the instrument's id: SYM or SYM@VENUE */
    char action[24];
    ovr before, after;
    bool kill_before, kill_after;
    bool is_undo; /* committing it does not push onto the undo stack */
} ovr_change;

typedef struct {
    char sym[EVENT_ID_MAX];
    ovr o;
} ovr_entry;

typedef struct {
    ovr_entry *e;   /* by symbol; set and cleared ones alike */
    size_t n, cap;
    bool kill;
    ovr_change undo[OVR_UNDO];
    size_t undo_n, undo_head;
} ovr_table;

int ovr_table_init(ovr_table *t, size_t cap);
void ovr_table_free(ovr_table *t);
/* The override of sym (an empty one when none), and its slot (-1 when none). */
ovr ovr_get(const ovr_table *t, const char *sym);
long ovr_slot(const ovr_table *t, const char *sym);
/* Number of symbols with an override set. */
size_t ovr_active(const ovr_table *t);

/* Proposals: fill *c and return 0, or -1 when the change is impossible
 * (nothing to undo, table full). `ttl_s` > 0 sets an expiry at now + ttl_s. */
int ovr_propose_skew(const ovr_table *t, const char *sym, double delta_bps, double now,
                     double ttl_s, ovr_change *c);
int ovr_propose_spread(const ovr_table *t, const char *sym, double delta_bps, double model_half,
                       double now, double ttl_s, ovr_change *c);
int ovr_propose_pause(const ovr_table *t, const char *sym, double now, double ttl_s, ovr_change *c);
int ovr_propose_set(const ovr_table *t, const char *sym, const ovr *after, const char *action,
                    ovr_change *c);
int ovr_propose_clear(const ovr_table *t, const char *sym, ovr_change *c);
int ovr_propose_kill(const ovr_table *t, bool on, ovr_change *c);
int ovr_propose_undo(const ovr_table *t, ovr_change *c);

/* Make a proposed change take effect (and remember it for undo). Returns 0,
 * or -1 when the table is full (nothing changes). */
int ovr_commit(ovr_table *t, const ovr_change *c);

/* The first override that expired by event time now, as a change back to
 * the model; 0 and *c filled, or -1 when none expired. */
int ovr_next_expired(const ovr_table *t, double now, ovr_change *c);

#endif
