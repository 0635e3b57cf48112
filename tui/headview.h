/* headview.h - the headless view (prefix headview_): one JSON line per
 * frame, the snapshot document (docs/PROTOCOL.md, "Headless snapshots"). */
#ifndef INVTOP_HEADVIEW_H
#define INVTOP_HEADVIEW_H

#include "tui/cli.h"
#include "invtop/frontend.h"
#include "invtop/jsonw.h"

typedef struct {
    frontend fe;
    jw out;
    long long snaps, count;
} headview;

/* Set up a headless view: frames every --interval (event time in a replay),
 * exit after --count lines. */
void headview_init(headview *h, const invtop_opts *o);
void headview_free(headview *h);

#endif
