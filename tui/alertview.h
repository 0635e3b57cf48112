/* alertview.h - what the alerts overlay (the `a` key) shows of a snapshot
 * (prefix alv_): one line per rule (its state, severity, value against its
 * threshold, since when, its marks and action), the selected rule in full,
 * the title (what fires, by severity) and the notify command's counters;
 * the slot each line is drawn in; the words of the acknowledge key (its
 * question, its refusal); and when a view rings the terminal bell. Plain
 * functions of a snapshot, no ncurses: tested without a terminal
 * (tests/test_alertview.c). Colour says what the words already say: a
 * monochrome screen reads the same from the state and severity words. */
#ifndef INVTOP_ALERTVIEW_H
#define INVTOP_ALERTVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/snapshot.h"

/* The bell's rising edge: whether a view that last saw prev critical
 * alerts firing rings on a snapshot where now fire. It rings when the
 * count rises (a new critical alert fires), once per rise: the same count
 * again, or fewer, is silent, so a view that draws many frames of one
 * snapshot rings once. The caller keeps `now` as the next prev. */
bool alv_bell(size_t prev, size_t now);

/* A view hears a snapshot where `now` critical alerts fire: whether it
 * rings (alv_bell against *seen, and its bell on: --no-bell turns it off),
 * and *seen becomes now, the bell on or off. */
bool alv_bell_heard(size_t *seen, size_t now, bool on);

/* The rules s carries (nalerts, at most SNAP_ALERTS). */
size_t alv_count(const snap *s);

/* A severity in four letters, as the table and the status bar write it:
 * "crit", "warn", "info"; "?" out of range. */
const char *alv_sev_short(int severity);

/* The overlay's title: "Alerts: 2 firing (1 critical, 1 warning) of 5
 * rules" ("Alerts: none firing of 5 rules", "Alerts: no rule configured"). */
void alv_title(const snap *s, char *out, size_t cap);

/* The header line: the notify command's counters and its last error
 * ("notify: 12 sent, 10 ok, 1 failed, 1 timed out; last error: exit 3",
 * ", 2 dropped" after the timeouts when any was), or that there is none
 * ("notify: off (no --notify-cmd)").
 * *slot: warning when a notification failed, timed out or was dropped,
 * else dim. */
void alv_notify_line(const snap *s, char *out, size_t cap, int *slot);

/* The table's columns, left to right, and the cells each takes (a blank
 * after each). The notes take what is left of the width. */
typedef enum {
    ALV_STATE = 0, /* al_state_name */
    ALV_SEV,       /* alv_sev_short */
    ALV_NAME,      /* the rule's name, a longer one cut with "~" */
    ALV_VALUE,     /* the metric's last value */
    ALV_OP,        /* > >= < <= */
    ALV_THRESHOLD,
    ALV_SINCE,     /* how long in its state, against the snapshot's time */
    ALV_NOTES,     /* flapping, acked or silenced, the action and whether it acted */
    ALV_COLS
} alv_col;

/* The first cell of column c from the table's left edge, and its width
 * (ALV_NOTES: 0, the rest). */
int alv_col_x(alv_col c);
int alv_col_w(alv_col c);

/* The column headers as one line, cut to w cells. */
void alv_head_line(int w, char *out, size_t cap);

/* The notes of rule a: "flapping", "acked" or "silenced 9m59s" (what is
 * left of a timed silence), the action and "acted" when it is in force,
 * joined by ", "; "" when none. */
void alv_notes(const snap *s, const snap_alert *a, char *out, size_t cap);

/* Rule a of s as one line of the table, cut to w cells. */
void alv_line(const snap *s, const snap_alert *a, int w, char *out, size_t cap);

/* The slot a rule's line is drawn in: firing by its severity (critical:
 * breach, warning: warning, info: accent), pending: warning, resolved:
 * gain, inactive: dim. */
int alv_slot(const snap_alert *a);

/* The selected rule in full, as one paragraph to wrap: its metric and
 * scope and value, when it fires and resolves (op, threshold, clear, for)
 * and its severity, its state and since when, flapping and silences, its
 * action (acted or not, the engine's note) and its last notification. */
void alv_detail(const snap *s, const snap_alert *a, char *out, size_t cap);

/* Whether the acknowledge key can act on a: it fires and is not already
 * acknowledged. Else false with why ("var_high is pending: only a firing
 * alert is acknowledged"). */
bool alv_ackable(const snap_alert *a, char *why, size_t cap);

/* The acknowledge key's question: "Acknowledge var_high until it
 * resolves? y to confirm, any other key cancels". */
void alv_ask(const snap_alert *a, char *out, size_t cap);

#endif
