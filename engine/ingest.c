/* ingest.c - decode, check, apply, record (see ingest.h). */
#include "invtop/ingest.h"

#include <math.h>
#include <string.h>

#include "invtop/cfsym.h"

void ingest_init(ingest *in, book *b, recorder *rec)
{
    in->book = b;
    in->rec = rec;
    in->last_index = 0;
    in->clock_ts = false;
    in->clock = NAN;
    in->advance = NULL;
    in->advance_ctx = NULL;
    in->nfee_base = 0;
    feedstat_init(&in->stats);
}

double ingest_event_time(const ingest *in, double recv)
{
    return in->clock_ts ? in->clock : recv;
}

static bool fee_in_base(const ingest *in, const char *venue)
{
    for (size_t k = 0; k < in->nfee_base; k++)
        if (strcmp(in->fee_base[k], venue) == 0)
            return true;
    return false;
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
    wire_status st = wire_decode_frames(nframes, frames, lens, &ev);
    if (st == WIRE_OK)
        st = feedstat_check_seq(&in->stats, &ev);
    double t = now;
    if (in->clock_ts && st == WIRE_OK && !isnan(ev.ts) && !(ev.ts <= in->clock))
        in->clock = ev.ts;
    if (in->clock_ts && !isnan(in->clock))
        t = in->clock;
    in->stats.last_msg_time = t; /* on the event clock, whatever the message */
    if (st == WIRE_OK && in->advance && !isnan(ingest_event_time(in, t)))
        in->advance(in->advance_ctx, t);
    if (st == WIRE_OK && ev.kind == EVENT_FILL && in->nfee_base && fee_in_base(in, ev.venue))
        ev.u.fill.fee *= ev.u.fill.px;
    if (st == WIRE_OK && book_apply(in->book, &ev, t, &in->last_index) != 0)
        st = WIRE_ERR_BOOK_FULL;
    if (st == WIRE_OK && ev.origin == EVENT_FROM_CRYPTOFEED) {
        const book_inst *bi = book_at(in->book, in->last_index);
        event_inst ref;
        if (!bi->has_ref && !bi->ref_inferred && cfsym_infer(bi->sym, &ref))
            book_set_inferred_ref(in->book, in->last_index, &ref);
    }
    if (st == WIRE_IGNORED) {
        in->stats.ignored++;
        return st;
    }
    if (st != WIRE_OK) {
        reject(in, st, nframes, frames, lens, now);
        return st;
    }
    in->stats.accepted++;
    in->last_fill = ev.kind == EVENT_FILL;
    in->last_position = in->last_fill || ev.kind == EVENT_POS;
    if (in->last_fill)
        in->fill = ev.u.fill;
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
