/* app.c - state and transitions (see app.h). */
#include "invtop/app.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "invtop/histload.h"

int app_init(app *a, const invtop_opts *o, void *zctx, bool deterministic)
{
    memset(a, 0, sizeof *a);
    a->o = o;
    a->book = book_new(o->max_instruments);
    if (!a->book) {
        fprintf(stderr, "invtop: cannot allocate a book of %zu instruments\n", o->max_instruments);
        return -1;
    }
    ingest_init(&a->in, a->book, NULL);
    a->in.clock_ts = o->clock_ts;
    rr_params rp = o->risk;
    if (deterministic)
        rp.mc_async = false; /* a max-speed replay must give the same numbers every run */
    if (rr_init(&a->risk, &rp, o->max_instruments) != 0 ||
        qt_init(&a->qt, &o->quote, o->max_instruments) != 0) {
        fprintf(stderr, "invtop: cannot set up the risk engine (memory or thread)\n");
        return -1;
    }
    if (o->history && histload_csv(o->history, a->risk.hist) != 0)
        return -1;
    if (o->record) {
        if (recorder_open(&a->rec, o->record) != 0) {
            fprintf(stderr, "invtop: cannot open %s for recording: %s\n", o->record, strerror(errno));
            return -1;
        }
        a->recording = true;
        a->in.rec = &a->rec;
    }
    if (o->quotes) {
        char err[256];
        if (!zctx || qpub_open(&a->pub, zctx, o->quotes, err, sizeof err) != 0) {
            fprintf(stderr, "invtop: %s\n", zctx ? err : "no ZeroMQ context for --quotes");
            return -1;
        }
        a->publishing = true;
    }
    return 0;
}

void app_free(app *a)
{
    if (a->publishing)
        qpub_close(&a->pub);
    if (a->recording && recorder_close(&a->rec) != 0)
        fprintf(stderr, "invtop: closing the recording %s failed\n", a->o->record);
    jw_free(&a->qtopic);
    jw_free(&a->qbody);
    qt_free(&a->qt);
    rr_free(&a->risk);
    book_free(a->book);
    memset(a, 0, sizeof *a);
}

double app_now(const app *a, double recv)
{
    return a->in.clock_ts && !isnan(a->in.clock) ? a->in.clock : recv;
}

/* Recompute instrument i's quote; publish it when it moved enough. */
static void requote(app *a, size_t i, double now)
{
    if (!qt_update(&a->qt, a->book, &a->risk, i, now) || !a->publishing)
        return;
    if (qt_message(&a->qt, a->book, i, now, &a->qtopic, &a->qbody) == 0)
        (void)qpub_send(&a->pub, a->qtopic.buf, a->qtopic.len, a->qbody.buf, a->qbody.len);
}

void app_message(app *a, size_t nframes, const char *const frames[], const size_t lens[],
                 double recv)
{
    if (ingest_frames(&a->in, nframes, frames, lens, recv) == WIRE_OK)
        requote(a, a->in.last_index, app_now(a, recv));
}

double app_tick(app *a, double now)
{
    if (rr_tick(&a->risk, a->book, now)) {
        size_t n = book_count(a->book);
        for (size_t i = 0; i < n; i++)
            requote(a, i, now);
    }
    return rr_due_in(&a->risk, now);
}
