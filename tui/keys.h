/* keys.h - the one key table (prefix keys_), in the manner of htop's
 * Action.c and tmux's cmd entries: a row is a key, the function that
 * handles it, where it works (key_mode), what it needs first (key_flag)
 * and the words printed about it. One dispatcher runs the rows; the help
 * overlay, the footer's hints, the edit form's hint line and the man page
 * (cli.c) are generated from them, and the filter editor's and the edit
 * form's keys are rows too. Adding a key is one row and its function.
 *
 * Handlers change the view's state (dash) and send commands through the
 * sink; they never read engine state (only the snapshot on screen) and
 * never touch the terminal: what the terminal must do is handed back as
 * key_reaction bits. So every key is tested without a terminal. */
#ifndef INVTOP_KEYS_H
#define INVTOP_KEYS_H

#include <stddef.h>

#include "tui/dash.h"
#include "invtop/frontend.h"
#include "invtop/snapshot.h"

/* Where a key works. Exactly one mode is current (keys_mode): the first
 * of form, question, filter, help, alerts, table that applies. */
typedef enum {
    KM_TABLE = 1 << 0,   /* the panels, no overlay open */
    KM_HELP = 1 << 1,    /* the help overlay is open (the moves scroll it) */
    KM_FILTER = 1 << 2,  /* typing the symbol filter */
    KM_FORM = 1 << 3,    /* the override edit form is open */
    KM_CONFIRM = 1 << 4, /* a question waits for y */
    KM_ALERTS = 1 << 5,  /* the alerts overlay is open (the moves move its cursor) */
} key_mode;
#define KM_VIEW (KM_TABLE | KM_HELP | KM_ALERTS) /* the dashboard, an overlay open or not */
#define KM_ANY (KM_VIEW | KM_FILTER | KM_FORM | KM_CONFIRM)

/* What the dispatcher checks before a row's handler runs. */
typedef enum {
    KF_TRADER = 1 << 0,   /* changes quotes: refused read-only (fe_sink.trader) */
    KF_SELECTED = 1 << 1, /* acts on the selected instrument: refused without one */
    KF_CONFIRM = 1 << 2,  /* asks the row's question first; y runs it, any other key cancels */
    KF_PANELS = 1 << 3,   /* moves between panels: refused, and not hinted, when one fits */
    KF_HEDGE = 1 << 4,    /* acts on the hedge panel's selected row: refused when the panel is
                             off or has no row, or when the row suggests nothing (its reason said) */
    KF_ALERT = 1 << 5,    /* acts on the alerts overlay's selected rule: refused when it has no
                             rule, or when the rule does not fire or is acknowledged already */
} key_flag;

/* What the terminal must do after a key (keyctx.react). */
typedef enum {
    KR_RESIZE = 1 << 0, /* the terminal changed size: lay the panels out again */
    KR_MOUSE = 1 << 1,  /* a mouse event waits to be read */
    KR_REDRAW = 1 << 2, /* clear the screen and draw everything again */
} key_reaction;

/* The key of a row taking every key its mode binds to no other row
 * (typing into the filter or the form, "any other key" of a question). */
#define KEY_OTHER (-1)

typedef struct keyctx keyctx;
typedef struct key_binding key_binding;

/* A handler: row is its table row (for row->arg), ch the key pressed. */
typedef void (*key_fn)(keyctx *k, const key_binding *row, int ch);

struct key_binding {
    int key;          /* ncurses key code, character, or KEY_OTHER */
    key_fn fn;        /* never NULL */
    double arg;       /* the handler's argument: a step in bp, a direction */
    unsigned modes;   /* key_mode bits: where the key works */
    unsigned flags;   /* key_flag bits */
    const char *(*ask)(const keyctx *k); /* KF_CONFIRM: the question, else NULL */
    const char *label; /* how the key is written in help, footer and man page */
    const char *help;  /* what it does; NULL for an alias, shown with the row it follows */
    const char *hint;  /* a word shown beside the label in its mode's hint line, or NULL */
    int hint_rank;     /* which hints a narrow footer keeps: lower first */
};

/* What a key acts on, for one key press. The caller fills the inputs. */
struct keyctx {
    dash *d;              /* the view's state */
    const snap *shown;    /* the snapshot on screen (frozen or not) */
    fe_sink *sink;        /* where commands go */
    double now;           /* event time of the key */
    size_t page;          /* rows a page holds (>= 1) */
    /* out */
    unsigned react;              /* key_reaction bits */
    const key_binding *ran;      /* the row whose handler ran last, NULL when none
                                    (after y: the row whose question it answered) */
    const snap_inst *sel;        /* KF_SELECTED: the selected instrument */
    const snap_hedge *hedge;     /* KF_HEDGE: the hedge row selected */
    const snap_alert *alert;     /* KF_ALERT: the rule selected */
};

/* The table and its length. */
const key_binding *keys_table(size_t *n);

/* The mode d is in (one key_mode bit). */
key_mode keys_mode(const dash *d);

/* The row for key ch in mode (one key_mode bit): the first row binding ch
 * there, else the mode's KEY_OTHER row, else NULL (the key does nothing). */
const key_binding *keys_find(unsigned mode, int ch);

/* Handle key ch in the mode k->d is in: find its row, refuse what it needs
 * and lacks (read-only, no selection; the reason shown and logged), ask its
 * question, or run its handler. Returns the row (NULL: unbound). k->ran
 * says whether a handler ran; k->react what the terminal must do. */
const key_binding *keys_dispatch(keyctx *k, int ch);

/* The key_flag bits of what d's screen lacks (KF_PANELS: one panel fits);
 * rows needing them are refused and not hinted. */
unsigned keys_lacking(const dash *d);

/* The hint line of mode (key_mode bits): "LABEL HINT" for every row there
 * with a hint of rank <= max_rank whose flags are not in `lacking`
 * (keys_lacking), joined by sep (a label's ", " written "/": "?/F1
 * Help"), in table order. Returns the length written (cut to fit cap). */
#define KEYS_ALL_HINTS 99
size_t keys_hints(unsigned mode, int max_rank, unsigned lacking, const char *sep, char *out, size_t cap);

/* The help overlay's text: every row with help, in table order, its label
 * in a KEYS_HELP_LABEL-cell column and its help wrapped to width w after
 * it. keys_help_lines counts the lines; keys_help_line writes line n (0 =
 * first) into out and returns its row, or NULL past the end. */
#define KEYS_HELP_LABEL 13
size_t keys_help_lines(int w);
const key_binding *keys_help_line(int w, size_t n, char *out, size_t cap);

#endif
