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

#define OVR_UNDO_DEPTH 256 /* changes undo can go back through */

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

/* What a change does. Its name (ovr_action_name) is the journal's "action"
 * field (docs/PROTOCOL.md, "Override journal"): names never change, so
 * journals from older runs load; append new actions, never reorder. */
typedef enum {
    OVR_SKEW_UP = 0, /* "skew+" */
    OVR_SKEW_DOWN,   /* "skew-" */
    OVR_WIDER,       /* "wider" */
    OVR_NARROWER,    /* "narrower" */
    OVR_PAUSE,       /* "pause" */
    OVR_RESUME,      /* "resume" */
    OVR_SET,         /* "set": exact values (the edit form, `set ID K=V`) */
    OVR_EDIT,        /* "edit": what the edit form wrote before `set` existed */
    OVR_CLEAR,       /* "clear": one instrument back to the model */
    OVR_CLEAR_ALL,   /* "clear-all": every override back to the model */
    OVR_KILL,        /* "kill" */
    OVR_UNKILL,      /* "unkill" */
    OVR_UNDO,        /* "undo" */
    OVR_EXPIRED,     /* "expired": its TTL ran out */
    OVR_ACTION_COUNT
} ovr_action;

/* The stable name of an action ("skew+", "clear-all", ...); "?" out of range. */
const char *ovr_action_name(ovr_action a);

/* Every field that differs between before and after, in words, into out
 * (cap bytes, always terminated, cut to fit): "skew +1.00 bp -> +2.00 bp,
 * half spread model -> 6.50 bp, resumed, TTL 30s" (a TTL as seconds after
 * event time now); "no change" when none differs. Returns out. */
char *ovr_describe(const ovr *before, const ovr *after, double now, char *out, size_t cap);

/* The action named `name`: 0 and *out set, or -1 when no action has it. */
int ovr_action_parse(const char *name, ovr_action *out);

/* One change, proposed before it is journaled and committed. sym is empty
 * for a global change (kill switch, clear all). */
typedef struct {
    char sym[EVENT_ID_MAX]; /* the instrument's id: SYM or SYM@VENUE */
    ovr_action action;
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
    ovr_change undo[OVR_UNDO_DEPTH];
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
int ovr_propose_set(const ovr_table *t, const char *sym, const ovr *after, ovr_action action,
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
