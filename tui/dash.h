/* dash.h - the dashboard's own state, apart from the data it shows (prefix
 * dash_): selection, scrolling, sort, filter, focus, overlays, frozen
 * display, the event log and per-instrument sparkline history. The data
 * is a snapshot (snapshot.h): the dashboard never reads engine state.
 * Keys change it through their handlers (keys.h); these are the moves the
 * handlers share. Plain functions of this state, tested without a
 * terminal. */
#ifndef INVTOP_DASH_H
#define INVTOP_DASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui/columns.h"
#include "tui/editform.h"
#include "invtop/evlog.h"
#include "invtop/frontend.h"
#include "tui/layout.h"
#include "tui/optview.h"
#include "invtop/portvar.h"
#include "invtop/snapshot.h"

#define DASH_SPARK 120 /* samples kept per instrument for sparklines */
#define DASH_ECHOES 8  /* answers logged here whose engine event is still to come */
#define DASH_ECHO_TEXT 48

struct key_binding; /* keys.h */

/* What the screen shows, from its layout (dash_set_layout): keys move over
 * what is on screen only. */
typedef struct {
    int table_width;           /* inner width of the positions panel; 0: no layout yet */
    bool panel[PANEL_COUNT];   /* panels on screen */
    bool wide_summary;         /* all four VaR methods shown side by side */
} dash_geom;

typedef struct {
    size_t cap;
    dash_geom geom;
    size_t *order;             /* visible instruments (indices into the snapshot shown) */
    size_t norder;
    char selected[EVENT_ID_MAX]; /* selection follows the instrument id across re-sorts */
    size_t sel, scroll;        /* position of the selection in order; first row shown */
    size_t sort_col;           /* a column (columns.h), 0 (Symbol) at first */
    bool sort_desc;
    bool has_venues;           /* some instrument has a venue: the Venue column exists */
    bool has_coins;            /* some instrument is inverse: the PnL coin column exists */
    char filter[EVENT_SYM_MAX];
    bool filter_editing;
    long book;                 /* index of the book shown alone, -1: all books */
    panel_id focus;
    bool log_follow;           /* Events shows the newest; else from log_top down */
    unsigned long log_top;     /* ordinal (0 = first ever) of the event shown first */
    pv_method var_method;
    bool frozen, help, quit;
    size_t help_top;           /* first help line shown (the overlay scrolls) */
    evlog log;                 /* the engine's events as they arrive, and the view's answers */
    unsigned long events_seen; /* the engine's event count (snap.events_total) taken so far */
    bool events_started;
    char echo[DASH_ECHOES][DASH_ECHO_TEXT]; /* see dash_log_answer */
    size_t echo_next;
    double *spark_mid, *spark_q; /* cap x DASH_SPARK rings */
    size_t spark_n, spark_head;
    unsigned long spark_taken; /* samples ever taken: where a paged sparkline is */
    char message[160];      /* a one-line answer to the last key (refusals, confirmations) */
    double message_until;   /* event time it stops showing */
    const struct key_binding *confirm; /* the key whose question waits for y, NULL when none */
    editform form;          /* the override edit form, when open */
    uint64_t next_cmd;      /* number of the last command sent */
    /* what the last sort by symbol saw: the same again means the same order */
    size_t sorted_n;
    size_t sorted_col;
    bool sorted_desc, sorted_valid;
    long sorted_book;
    char sorted_filter[EVENT_SYM_MAX];
    char sorted_last[EVENT_ID_MAX]; /* the last instrument's id then */
    /* the options desk's panels */
    unsigned panels_on;        /* the PANF_TOGGLE panels turned on (LAY_BIT bits): none at start */
    optv_fig lad_fig;          /* the ladder's figure (f) */
    optv_sort lad_sort;        /* its order (s) */
    size_t lad_rows[SNAP_LADDER_ROWS], nlad; /* the ladder rows shown, into snap.ladder_rows (dash_order) */
    size_t lad_sel, lad_scroll; /* the ladder's cursor among them; the first shown */
    char lad_und[EVENT_SYM_MAX]; /* the cursor follows its underlying across re-sorts */
    size_t lad_nbuckets;       /* the ladder's bucket count in the snapshot ordered */
    size_t lad_col;            /* the cursor's bucket; lad_nbuckets: the total */
    size_t lad_first;          /* the first bucket shown (a narrow panel pages them) */
    bool scope_on;             /* the positions show only what a ladder cell sums (Enter) */
    char scope_und[EVENT_SYM_MAX];
    int scope_bucket;          /* -1: every bucket (the row's total) */
    optv_part_kind stress_kind; /* whose stress grid is shown (x) */
    char stress_name[EVENT_SYM_MAX];
    /* the hedge panel: its cursor over snap.hedges, following its underlying */
    size_t nhg, hg_sel, hg_scroll; /* rows, the cursor, the first shown */
    size_t nhg_orders;         /* orders in the snapshot ordered (the panel's rows share) */
    char hg_und[EVENT_SYM_MAX];
    char hg_asked[EVENT_SYM_MAX]; /* the underlying H's question named: y sends for it only */
    /* the alerts overlay (a): its cursor over snap.alerts, following its rule */
    bool alerts;               /* the overlay is open */
    size_t nal, al_sel, al_scroll; /* rules, the cursor, the first shown */
    char al_name[48];          /* the rule under the cursor (snap_alert.name) */
    char al_asked[48];         /* the rule A's question named: y acknowledges it only */
} dash;

/* Allocate for cap instruments (it grows to a snapshot's count when one
 * holds more). Returns 0, or -1 without memory (free with dash_free
 * anyway). */
int dash_init(dash *d, size_t cap);

/* Free what d holds and zero it. Safe on a zeroed or partly initialised d. */
void dash_free(dash *d);

/* Append one sparkline sample of every instrument's mid and inventory (in
 * lots) from snapshot s. */
void dash_sample(dash *d, const snap *s);

/* Instrument i's sparkline, oldest first, into out; returns the number of
 * samples. i is an index dash_order handed out (the selection): below the
 * capacity, asserted. */
typedef enum { DASH_SPARK_MID = 0, DASH_SPARK_LOTS } dash_spark_kind;
size_t dash_spark(const dash *d, dash_spark_kind k, size_t i, double out[DASH_SPARK]);

/* Append to the event log the engine's events in s that it has not taken
 * yet (by s->events_total; a total that went back is a restarted engine,
 * whose events all count as new). Events that echo an answer already
 * logged by dash_log_answer are skipped once. When more arrived than the
 * snapshot carries, one line says how many were missed. */
void dash_take_events(dash *d, const snap *s);

/* Log the view's own line `text` at event time now. echo, when not NULL,
 * is the answer text the engine will also log (a command's msg): its event
 * is skipped when it arrives (dash_take_events). */
void dash_log_answer(dash *d, double now, evlog_level level, const char *text, const char *echo);

/* Next book filter: book 0, 1, ... nbooks-1, then all books again. */
void dash_next_book(dash *d, size_t nbooks);

/* Rebuild the visible order of s's instruments (filter, the ladder's
 * scope, then sort), keeping the selection on the same instrument id when
 * it is still visible; and the ladder's rows (the book shown, its figure
 * and order), its cursor on the same underlying; and the hedge panel's
 * cursor on the same underlying (snap.hedges in the engine's order); and
 * the alerts overlay's cursor on the same rule (snap.alerts in config
 * order). Call after every new snapshot shown and every key. */
void dash_order(dash *d, const snap *s);

/* Turn panel p (a PANF_TOGGLE row) on or off; on, a panel with a cursor
 * (the ladder, the hedges) takes the focus (its arrows work at once). The
 * caller lays the screen out again. */
void dash_toggle_panel(dash *d, panel_id p);

/* Move the ladder's bucket cursor by dir (-1 left, +1 right) over the
 * buckets and the total of s's ladder, clamped. */
void dash_ladder_col(dash *d, const snap *s, int dir);

/* Scope the positions to what the ladder cell under the cursor sums (its
 * underlying, its bucket or all of them on the total), or lift the scope
 * when it is that cell's already. Returns whether a scope is on after;
 * false too when the ladder shows no row. */
bool dash_ladder_scope(dash *d, const snap *s);

/* The next stress grid shown (portfolio, underlyings, books). */
void dash_stress_next(dash *d, const snap *s);

/* The stress grid follows the book shown (b): that book's, or the
 * portfolio's with all books. */
void dash_stress_follow_book(dash *d, const snap *s);

/* Show a one-line message for a few seconds from event time now. */
void dash_message(dash *d, double now, const char *text);

/* Show the engine's answer a to a command (msg: what it did or why not)
 * in the footer and the event log, where the engine's own event for it is
 * then skipped. An override's answer is logged as one ("override ...",
 * "OVERRIDE REFUSED: ..."); a hedge command's (msg starts "hedge ") and an
 * acknowledgement's (msg starts "ack ") in the engine's words, which say
 * what became of the order or the alert. */
void dash_answer(dash *d, double now, fe_answer a, const char *msg);

/* Move by delta rows (+ is down): the help's lines when it is open, the
 * alerts overlay's cursor when it is open, the Events panel's entries (+
 * is older), the ladder's or the hedge panel's cursor when it has the
 * focus, else the selection, clamped. */
void dash_move(dash *d, long delta);

/* The sort column next to the current one, left (dir -1) or right (+1),
 * among the columns on screen (dash_columns_shown); the current one when
 * no other is shown. */
size_t dash_next_col(const dash *d, int dir);

/* Record what the screen shows for layout l (call after every layout). */
void dash_set_layout(dash *d, const lay_result *l);

/* The columns on screen now (col_fit at the recorded width). */
void dash_columns_shown(const dash *d, bool shown[COL_MAX]);

/* The panels the focus can move to (Tab): the PANF_FOCUS rows of the panel
 * table (panels.h) on screen, its home always, in the table's order (all of
 * them before a layout; a PANF_TOGGLE one only while turned on). Returns
 * how many. */
size_t dash_focusable(const dash *d, panel_id out[PANEL_COUNT]);

/* Select the visible row `row` (0 = first shown), e.g. from a mouse click. */
void dash_click_row(dash *d, size_t row);

/* How many of the newest events the Events panel skips: 0 while it follows
 * the newest, else what keeps the event the trader scrolled to at the top
 * (the oldest kept, once that one has left the ring). */
size_t dash_log_offset(const dash *d);

/* Keep the selection within [scroll, scroll + rows). */
void dash_scroll_to_selection(dash *d, size_t rows);

/* The same for the ladder's cursor in `rows` rows, and for its bucket
 * columns in a table `width` cells wide (optv_ladder_fit). */
void dash_ladder_fit(dash *d, size_t rows, int width);

/* The same for the hedge panel's cursor in `rows` rows. */
void dash_hedge_fit(dash *d, size_t rows);

/* The hedge row of s under the hedge panel's cursor (found by its
 * underlying, as dash_order left it), or NULL when s has none. */
const snap_hedge *dash_hedge_selected(const dash *d, const snap *s);

/* The same for the alerts overlay's cursor in `rows` rows. */
void dash_alert_fit(dash *d, size_t rows);

/* The rule of s under the alerts overlay's cursor (found by its name, as
 * dash_order left it), or NULL when s has none. */
const snap_alert *dash_alert_selected(const dash *d, const snap *s);

/* The snapshot index of the selection, or -1. */
long dash_selected_index(const dash *d);

#endif
