/* headview.c - the headless view (see headview.h). */
#include "tui/headview.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "invtop/snapwire.h"

static void headview_frame(frontend *f, const snap *s, double now)
{
    (void)now;
    headview *h = f->impl;
    if (snapw_document(&h->out, s) != 0) {
        fprintf(stderr, "invtop: out of memory writing a snapshot\n");
        f->status = 1;
        f->done = true;
        return;
    }
    if (fwrite(h->out.buf, 1, h->out.len, stdout) != h->out.len || fflush(stdout) != 0) {
        fprintf(stderr, "invtop: cannot write to stdout: %s\n", strerror(errno));
        f->status = 1;
        f->done = true;
        return;
    }
    if (h->count && ++h->snaps >= h->count)
        f->done = true;
}

void headview_init(headview *h, const invtop_opts *o)
{
    memset(h, 0, sizeof *h);
    h->count = o->count;
    h->fe = (frontend){.period_s = o->interval_s, .input_fd = -1,
                       .event_time_frames = o->engine.replay != NULL, .frame = headview_frame, .impl = h};
}

void headview_free(headview *h)
{
    jw_free(&h->out);
}
