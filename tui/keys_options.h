/* keys_options.h - the key handlers of the options desk's panels (prefix
 * keyopt_): turning the ladder and the stress grid on and off, the
 * ladder's figure, order, bucket cursor and scope (Enter), whose stress
 * grid is shown. Rows of the one key table (keys.c) point at them; like
 * every handler they change the view's state only, never the terminal. */
#ifndef INVTOP_KEYS_OPTIONS_H
#define INVTOP_KEYS_OPTIONS_H

#include "tui/keys.h"

/* Turn the panel row->arg (a panel_id of a PANF_TOGGLE row) on or off;
 * the terminal lays the screen out again (KR_RESIZE). */
void keyopt_toggle(keyctx *k, const key_binding *row, int ch);

/* The ladder's next figure, next order. */
void keyopt_figure(keyctx *k, const key_binding *row, int ch);
void keyopt_sort(keyctx *k, const key_binding *row, int ch);

/* With the focus on the ladder: its bucket cursor one column left
 * (row->arg -1) or right (+1); elsewhere nothing. */
void keyopt_column(keyctx *k, const key_binding *row, int ch);

/* With the focus on the ladder: scope the positions to what the cell under
 * the cursor sums, or lift that scope; elsewhere it says how. */
void keyopt_select(keyctx *k, const key_binding *row, int ch);

/* Lift the ladder's scope of the positions, if any. */
void keyopt_unscope(keyctx *k, const key_binding *row, int ch);

/* The next stress grid: portfolio, each underlying, each book. */
void keyopt_stress_next(keyctx *k, const key_binding *row, int ch);

#endif
