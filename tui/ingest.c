/* ingest.c - decode, check, apply, record (see ingest.h). */
#include "invtop/ingest.h"

#include <math.h>
#include <string.h>

void ingest_init(ingest *in, book *b, recorder *rec)
{
    in->book = b;
    in->rec = rec;
    in->last_index = 0;
    in->clock_ts = false;
    in->clock = NAN;
    feedstat_init(&in->stats);
}

static void reject(ingest *in, wire_status st, size_t nframes, const char *const frames[],
                   const size_t lens[], double now)
{
    char excerpt[FEEDSTAT_EXCERPT];
    size_t n = 0;
    for (size_t f = 0; f < nframes && f < 2 && n < sizeof excerpt; f++) {
        if (f > 0)
            excerpt[n++] = ' ';
        size_t take = lens[f] < sizeof excerpt - n ? lens[f] : sizeof excerpt - n;
        memcpy(excerpt + n, frames[f], take);
        n += take;
    }
    feedstat_reject_msg(&in->stats, st, now, excerpt, n);
}

wire_status ingest_frames(ingest *in, size_t nframes, const char *const frames[],
                          const size_t lens[], double now)
{
    event ev;
    in->stats.last_msg_time = now;
    wire_status st = wire_decode_frames(nframes, frames, lens, &ev);
    if (st == WIRE_OK)
        st = feedstat_check_seq(&in->stats, &ev);
    double t = now;
    if (in->clock_ts && st == WIRE_OK) {
        if (!isnan(ev.ts) && !(ev.ts <= in->clock))
            in->clock = ev.ts;
        if (!isnan(in->clock))
            t = in->clock;
    }
    if (st == WIRE_OK && book_apply(in->book, &ev, t, &in->last_index) != 0)
        st = WIRE_ERR_BOOK_FULL;
    if (st == WIRE_IGNORED) {
        in->stats.ignored++;
        return st;
    }
    if (st != WIRE_OK) {
        reject(in, st, nframes, frames, lens, now);
        return st;
    }
    in->stats.accepted++;
    if (in->rec) {
        const char *topic = frames[0], *body = nframes == 2 ? frames[1] : NULL;
        size_t tlen = lens[0], blen = nframes == 2 ? lens[1] : 0;
        if (nframes == 1) {
            const char *sp = memchr(frames[0], ' ', lens[0]);
            tlen = (size_t)(sp - frames[0]); /* decode succeeded, so there is a space */
            body = sp + 1;
            blen = lens[0] - tlen - 1;
        }
        (void)recorder_write(in->rec, now, topic, tlen, body, blen); /* counted in rec->errors */
    }
    return WIRE_OK;
}
