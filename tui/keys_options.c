/* keys_options.c - the options desk's key handlers (see keys_options.h). */
#include "tui/keys_options.h"

#include <stdio.h>

#include "tui/panels.h"

void keyopt_toggle(keyctx *k, const key_binding *row, int ch)
{
    (void)ch;
    const panel_id p = (panel_id)(int)row->arg;
    dash_toggle_panel(k->d, p);
    k->react |= KR_RESIZE;
}

void keyopt_figure(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->lad_fig = (optv_fig)((k->d->lad_fig + 1) % OPTV_FIGS);
}

void keyopt_sort(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->lad_sort = (optv_sort)((k->d->lad_sort + 1) % OPTV_SORTS);
}

void keyopt_column(keyctx *k, const key_binding *row, int ch)
{
    (void)ch;
    if (k->d->focus == PANEL_LADDER)
        dash_ladder_col(k->d, k->shown, row->arg < 0 ? -1 : 1);
}

void keyopt_select(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    dash *d = k->d;
    char msg[160], what[EVENT_SYM_MAX + LADDER_LABEL + 16];
    if (d->focus != PANEL_LADDER) {
        dash_message(d, k->now, "Enter selects a ladder cell: L shows the ladder, Tab moves to it");
        return;
    }
    if (dash_ladder_scope(d, k->shown)) {
        optv_cell_words(k->shown, d->scope_und, d->scope_bucket, what, sizeof what);
        snprintf(msg, sizeof msg, "positions: what the ladder sums for %s (Enter again or Esc: all)", what);
        dash_message(d, k->now, msg);
    } else {
        dash_message(d, k->now, d->nlad ? "positions: all again" : "the ladder shows no row to select");
    }
}

void keyopt_unscope(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    if (k->d->scope_on) {
        k->d->scope_on = false;
        dash_message(k->d, k->now, "positions: all again");
    }
}

void keyopt_stress_next(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    dash_stress_next(k->d, k->shown);
}
