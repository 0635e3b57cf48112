/* ingest.c - decode, check, apply, record (see ingest.h). */
#include "invtop/ingest.h"

#include <assert.h>
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
    in->ntouched = 0;
    in->last_fill = in->last_position = false;
    ingest_set_sources(in, NULL, NULL);
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

void ingest_set_sources(ingest *in, const srcmap *map, srcmap_ctx *cx)
{
    assert(in && (map == NULL) == (cx == NULL));
    in->map = map;
    in->map_cx = cx;
    memset(in->source, 0, sizeof in->source);
}

/* Count a refused message, its excerpt led by why (a mapped message's
 * section and field: what the reader needs first) when there is one. */
static void reject(ingest *in, wire_status st, const char *why, size_t nframes, const char *const frames[],
                   const size_t lens[], double now)
{
    char excerpt[FEEDSTAT_EXCERPT];
    size_t n = 0;
    if (why && why[0])
        n = (size_t)snprintf(excerpt, sizeof excerpt, "%s | ", why);
    if (n >= sizeof excerpt)
        n = sizeof excerpt - 1;
    for (size_t f = 0; f < nframes && f < 2 && n < sizeof excerpt; f++) {
        if (f > 0)
            excerpt[n++] = ' ';
        size_t take = lens[f] < sizeof excerpt - n ? lens[f] : sizeof excerpt - n;
        memcpy(excerpt + n, frames[f], take);
        n += take;
    }
    feedstat_reject_msg(&in->stats, st, now, excerpt, n);
}

/* One decoded event through the checks that need state (seq), the event
 * clock, the book and the inferred reference data. *t is the time the book
 * records. */
static wire_status apply_event(ingest *in, event *ev, double now, double *t)
{
    wire_status st = feedstat_check_seq(&in->stats, ev);
    *t = now;
    if (in->clock_ts && st == WIRE_OK && !isnan(ev->ts) && !(ev->ts <= in->clock))
        in->clock = ev->ts;
    if (in->clock_ts && !isnan(in->clock))
        *t = in->clock;
    in->stats.last_msg_time = *t; /* on the event clock, whatever the message */
    if (st != WIRE_OK)
        return st;
    if (in->advance && !isnan(ingest_event_time(in, *t)))
        in->advance(in->advance_ctx, *t);
    if (ev->kind == EVENT_FILL && in->nfee_base && fee_in_base(in, ev->venue))
        ev->u.fill.fee *= ev->u.fill.px;
    if (book_apply(in->book, ev, *t, &in->last_index) != 0)
        return WIRE_ERR_BOOK_FULL;
    if (ev->origin == EVENT_FROM_CRYPTOFEED) {
        const book_inst *bi = book_at(in->book, in->last_index);
        event_inst ref;
        if (!bi->has_ref && !bi->ref_inferred && cfsym_infer(bi->sym, &ref))
            book_set_inferred_ref(in->book, in->last_index, &ref);
    }
    return WIRE_OK;
}

static void touch(ingest *in, size_t index)
{
    for (size_t k = 0; k < in->ntouched; k++)
        if (in->touched[k] == index)
            return;
    if (in->ntouched < SRCMAP_MAX_EVENTS)
        in->touched[in->ntouched++] = index;
}

/* A mapped message's sections: matched, then applied or the one refused. */
static void count_sources(ingest *in, const srcmap_result *mr, wire_status st)
{
    for (size_t k = 0; k < SRCMAP_MAX_SECTIONS; k++) {
        if (!(mr->matched >> k & 1))
            continue;
        in->source[k].matched++;
        if (st == WIRE_OK)
            in->source[k].applied++;
        else if (mr->failed < 0)
            in->source[k].rejected++; /* refused as it applied (seq, room): every section of it */
    }
    if (st != WIRE_OK && st != WIRE_IGNORED && mr->failed >= 0)
        in->source[mr->failed].rejected++;
}

static void record(ingest *in, size_t nframes, const char *const frames[], const size_t lens[], double now)
{
    const char *topic = frames[0], *body = nframes == 2 ? frames[1] : NULL;
    size_t tlen = lens[0], blen = nframes == 2 ? lens[1] : 0;
    if (nframes == 1) {
        const char *sp = lens[0] && frames[0][0] != '{' ? memchr(frames[0], ' ', lens[0]) : NULL;
        tlen = sp ? (size_t)(sp - frames[0]) : 0; /* no topic: a bare body (mapped) */
        body = sp ? sp + 1 : frames[0];
        blen = sp ? lens[0] - tlen - 1 : lens[0];
        if (!sp && (!lens[0] || frames[0][0] != '{'))
            return; /* a bare text body (DWX): the recording's lines hold JSON bodies only */
    }
    (void)recorder_write(in->rec, now, topic, tlen, body, blen); /* counted in rec->errors */
}

wire_status ingest_frames(ingest *in, size_t nframes, const char *const frames[],
                          const size_t lens[], double now)
{
    event one;
    event *evs = &one;
    size_t nev = 1;
    srcmap_result mr;
    bool mapped = false;
    wire_status st = wire_decode_frames(nframes, frames, lens, &one);
    if ((st == WIRE_ERR_KIND || st == WIRE_ERR_FRAMING) && in->map) {
        srcmap_decode(in->map, in->map_cx, nframes, frames, lens, &mr);
        mapped = mr.status != WIRE_ERR_KIND;
        if (mapped) {
            st = mr.status;
            evs = (event *)mr.events; /* the context's, ours until the next decode */
            nev = mr.nevents;
        } else {
            st = WIRE_ERR_KIND; /* neither decoder nor any section's topic took it */
        }
    }
    in->ntouched = 0;
    bool fill = false, held = false, attempted = false;
    double t = now;
    for (size_t k = 0; st == WIRE_OK && k < nev; k++) {
        attempted = true;
        st = apply_event(in, &evs[k], now, &t);
        if (st == WIRE_OK) {
            touch(in, in->last_index);
            held |= evs[k].kind == EVENT_FILL || evs[k].kind == EVENT_POS;
            if (evs[k].kind == EVENT_FILL) {
                fill = true;
                in->fill = evs[k].u.fill;
            }
        }
    }
    if (!attempted) /* a message refused or ignored as decoded is on the clock too */
        in->stats.last_msg_time = in->clock_ts && !isnan(in->clock) ? in->clock : now;
    if (mapped)
        count_sources(in, &mr, st);
    if (st == WIRE_IGNORED) {
        in->stats.ignored++;
        return st;
    }
    if (st != WIRE_OK) {
        reject(in, st, mapped ? mr.why : NULL, nframes, frames, lens, now);
        return st;
    }
    in->stats.accepted++;
    in->last_fill = fill;
    in->last_position = held;
    if (in->rec)
        record(in, nframes, frames, lens, now);
    return WIRE_OK;
}
