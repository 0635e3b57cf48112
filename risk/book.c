/* book.c - instruments in insertion order with an open-addressing index. */
#include "invtop/book.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct book {
    book_inst *inst;  /* dense, insertion order */
    size_t count, capacity;
    int32_t *slots;   /* hash index: instrument index or -1 */
    size_t nslots;    /* power of two, >= 2 * capacity */
};

static uint64_t hash_sym(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

book *book_new(size_t capacity)
{
    if (capacity == 0 || capacity > INT32_MAX / 4)
        return NULL;
    book *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->nslots = 16;
    while (b->nslots < 2 * capacity)
        b->nslots *= 2;
    b->inst = calloc(capacity, sizeof *b->inst);
    b->slots = malloc(b->nslots * sizeof *b->slots);
    if (!b->inst || !b->slots) {
        book_free(b);
        return NULL;
    }
    memset(b->slots, 0xff, b->nslots * sizeof *b->slots);
    b->capacity = capacity;
    return b;
}

void book_free(book *b)
{
    if (!b)
        return;
    free(b->inst);
    free(b->slots);
    free(b);
}

/* Slot holding sym, or the empty slot where it would go. */
static size_t probe(const book *b, const char *sym)
{
    size_t mask = b->nslots - 1, i = (size_t)hash_sym(sym) & mask;
    while (b->slots[i] >= 0 && strcmp(b->inst[b->slots[i]].sym, sym) != 0)
        i = (i + 1) & mask;
    return i;
}

long book_find(const book *b, const char *sym)
{
    return b->slots[probe(b, sym)];
}

static void inst_init(book_inst *in, const char *sym)
{
    memset(in, 0, sizeof *in);
    snprintf(in->sym, sizeof in->sym, "%s", sym);
    in->ref.kind = INST_SPOT;
    in->ref.mult = 1;
    in->ref.strike = NAN;
    in->ref.expiry = NAN;
    in->ref.iv = NAN;
    in->bid = in->ask = in->mid = NAN;
    in->px_time = NAN;
}

int book_apply(book *b, const event *ev, double now, size_t *index)
{
    size_t slot = probe(b, ev->sym);
    if (b->slots[slot] < 0) {
        if (b->count == b->capacity)
            return -1;
        inst_init(&b->inst[b->count], ev->sym);
        b->slots[slot] = (int32_t)b->count++;
    }
    book_inst *in = &b->inst[b->slots[slot]];
    assert(strcmp(in->sym, ev->sym) == 0);
    switch (ev->kind) {
    case EVENT_INST:
        in->ref = ev->u.inst;
        in->has_ref = true;
        break;
    case EVENT_PX:
        in->bid = ev->u.px.bid;
        in->ask = ev->u.px.ask;
        in->mid = ev->u.px.mid;
        in->px_time = now;
        break;
    case EVENT_POS:
        position_set(&in->pos, ev->u.pos.qty, ev->u.pos.avg_px, in->mid);
        break;
    case EVENT_FILL:
        position_fill(&in->pos, ev->u.fill.qty, ev->u.fill.px, ev->u.fill.fee, in->ref.mult);
        break;
    }
    in->last_update = now;
    if (index)
        *index = (size_t)b->slots[slot];
    return 0;
}

size_t book_count(const book *b)
{
    return b->count;
}

const book_inst *book_at(const book *b, size_t i)
{
    assert(i < b->count);
    return &b->inst[i];
}

bool book_is_stale(const book_inst *in, double now, double stale_s)
{
    return isnan(in->px_time) || now - in->px_time > stale_s;
}

double book_notional(const book_inst *in)
{
    return isnan(in->mid) ? 0 : in->pos.qty * in->ref.mult * in->mid;
}

double book_unrealized(const book_inst *in)
{
    return isnan(in->mid) ? 0 : position_unrealized(&in->pos, in->mid, in->ref.mult);
}
