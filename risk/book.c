/* book.c - instruments in insertion order with an open-addressing index. */
#include "invtop/book.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Holdings per instrument on average: one book, one leg is the common
 * case; a few books or hedge-mode legs fit within the pool. */
#define HOLDINGS_PER_INSTRUMENT 4

struct book {
    book_inst *inst;  /* dense, insertion order */
    size_t count, capacity;
    int32_t *slots;   /* hash index: instrument index or -1 */
    uint64_t *id_hash; /* per instrument: hash_id of its id, compared before the bytes */
    size_t nslots;    /* power of two, >= 2 * capacity */
    book_holding *hold; /* insertion order */
    size_t nhold, hold_cap;
    char names[BOOK_MAX_BOOKS][EVENT_SYM_MAX];
    size_t nnames;
};

/* A hash of the n bytes of an id, eight at a time (multiply and fold; a
 * byte-at-a-time FNV was a tenth of the receive path's loop, perf). */
static uint64_t hash_id(const char *s, size_t n)
{
    const uint64_t k = 0xff51afd7ed558ccdULL;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
    for (;; s += 8, n -= 8) {
        uint64_t w = 0;
        memcpy(&w, s, n < 8 ? n : 8);
        h = (h ^ w) * k;
        h ^= h >> 32;
        if (n <= 8)
            break;
    }
    return h ^ h >> 29;
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
    b->id_hash = calloc(capacity, sizeof *b->id_hash);
    b->hold_cap = capacity * HOLDINGS_PER_INSTRUMENT;
    b->hold = calloc(b->hold_cap, sizeof *b->hold);
    if (!b->inst || !b->slots || !b->id_hash || !b->hold) {
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
    free(b->id_hash);
    free(b->hold);
    free(b);
}

/* book_make_id, returning the id's length. */
static size_t make_id(char *dst, const char *sym, const char *venue)
{
    size_t n = strlen(sym), m = strlen(venue);
    assert(n < EVENT_SYM_MAX && m < EVENT_SYM_MAX);
    memcpy(dst, sym, n);
    if (m) {
        dst[n++] = '@';
        memcpy(dst + n, venue, m);
        n += m;
    }
    dst[n] = '\0';
    return n;
}

void book_make_id(char *dst, const char *sym, const char *venue)
{
    (void)make_id(dst, sym, venue);
}

/* The bytes of a symbol or venue: letters, digits and . _ : / - */
static bool symbol_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == ':' || c == '/' || c == '-';
}

static bool part_ok(const char *s, size_t n)
{
    if (n == 0 || n >= EVENT_SYM_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!symbol_byte(s[i]))
            return false;
    return true;
}

bool book_id_ok(const char *id)
{
    const char *at = strchr(id, '@');
    if (!at)
        return part_ok(id, strlen(id));
    return part_ok(id, (size_t)(at - id)) && part_ok(at + 1, strlen(at + 1));
}

/* Slot holding id (n bytes, hash h), or the empty slot where it would go. */
static size_t probe(const book *b, const char *id, size_t n, uint64_t h)
{
    const size_t mask = b->nslots - 1;
    size_t i = (size_t)h & mask;
    for (int32_t k; (k = b->slots[i]) >= 0; i = (i + 1) & mask)
        if (b->id_hash[k] == h && memcmp(b->inst[k].id, id, n + 1) == 0)
            break;
    return i;
}

long book_find(const book *b, const char *id)
{
    const size_t n = strlen(id);
    return b->slots[probe(b, id, n, hash_id(id, n))];
}

static void inst_init(book_inst *in, const char *sym, const char *venue, const char *id)
{
    memset(in, 0, sizeof *in);
    snprintf(in->sym, sizeof in->sym, "%s", sym);
    snprintf(in->venue, sizeof in->venue, "%s", venue);
    snprintf(in->id, sizeof in->id, "%s", id);
    in->first_holding = -1;
    in->ref.kind = INST_SPOT;
    in->ref.mult = 1;
    in->ref.strike = NAN;
    in->ref.expiry = NAN;
    in->ref.iv = NAN;
    in->ref.lower = in->ref.upper = NAN;
    in->bid = in->ask = in->mid = in->mark_iv = NAN;
    in->px_time = NAN;
}

/* Index of book name `name`, or -1. */
static long name_index(const book *b, const char *name)
{
    for (size_t k = 0; k < b->nnames; k++)
        if (strcmp(b->names[k], name) == 0)
            return (long)k;
    return -1;
}

/* The holding of instrument i in book k on leg, or -1. */
static int find_holding(const book *b, size_t i, size_t k, pos_leg leg)
{
    for (int h = b->inst[i].first_holding; h >= 0; h = b->hold[h].next)
        if (b->hold[h].book == k && b->hold[h].leg == leg)
            return h;
    return -1;
}

/* Is there room for the event: its instrument (index i, -1 when new), and
 * for a pos or fill its book name and holding? Nothing changes. */
static bool has_room(const book *b, long i, const event *ev)
{
    if (i < 0 && b->count == b->capacity)
        return false;
    if (ev->kind != EVENT_POS && ev->kind != EVENT_FILL)
        return true;
    long k = name_index(b, ev->book);
    if (k < 0)
        return b->nnames < BOOK_MAX_BOOKS && b->nhold < b->hold_cap;
    pos_leg leg = ev->kind == EVENT_POS ? ev->u.pos.leg : POS_LEG_NET;
    return (i >= 0 && find_holding(b, (size_t)i, (size_t)k, leg) >= 0) || b->nhold < b->hold_cap;
}

/* The holding of book `name` and leg on instrument i, made when new
 * (has_room said there is room). */
static int holding_for(book *b, size_t i, const char *name, pos_leg leg)
{
    long k = name_index(b, name);
    if (k < 0) {
        snprintf(b->names[b->nnames], EVENT_SYM_MAX, "%s", name);
        k = (long)b->nnames++;
    }
    int h = find_holding(b, i, (size_t)k, leg);
    if (h >= 0)
        return h;
    h = (int)b->nhold++;
    b->hold[h] = (book_holding){.inst = i, .book = (size_t)k, .leg = leg, .next = -1};
    int *link = &b->inst[i].first_holding;
    while (*link >= 0)
        link = &b->hold[*link].next;
    *link = h;
    return h;
}

static bool inverse(const book_inst *in)
{
    return in->ref.settle == INST_SETTLE_INVERSE;
}

/* The instrument's net position: the sum of its holdings; its average the
 * holdings' qty-weighted one (inverse: harmonic, qty / coin_cost, the price
 * at which its coin P&L is 0). */
static void sum_holdings(book *b, book_inst *in)
{
    position net = {0};
    double cost = 0, coin_cost = 0;
    for (int h = in->first_holding; h >= 0; h = b->hold[h].next) {
        const position *p = &b->hold[h].pos;
        net.qty += p->qty;
        net.realized += p->realized;
        net.realized_coin += p->realized_coin;
        net.fees += p->fees;
        cost += p->qty * p->avg_px;
        coin_cost += p->avg_px > 0 ? p->qty / p->avg_px : 0;
    }
    if (inverse(in))
        net.avg_px = net.qty != 0 && coin_cost != 0 ? net.qty / coin_cost : 0;
    else
        net.avg_px = net.qty != 0 ? cost / net.qty : 0;
    in->pos = net;
    in->cost = cost;
    in->coin_cost = coin_cost;
}

int book_apply(book *b, const event *ev, double now, size_t *index)
{
    char id[BOOK_ID_MAX];
    const size_t n = make_id(id, ev->sym, ev->venue);
    const uint64_t hash = hash_id(id, n);
    size_t slot = probe(b, id, n, hash);
    long i = b->slots[slot];
    if (!has_room(b, i, ev))
        return -1;
    if (i < 0) {
        inst_init(&b->inst[b->count], ev->sym, ev->venue, id);
        b->id_hash[b->count] = hash;
        b->slots[slot] = (int32_t)b->count;
        i = (long)b->count++;
    }
    book_inst *in = &b->inst[i]; /* probe compared its id */
    int h;
    switch (ev->kind) {
    case EVENT_INST:
        in->ref = ev->u.inst;
        in->has_ref = true;
        in->ref_inferred = false;
        break;
    case EVENT_PX:
        in->bid = ev->u.px.bid;
        in->ask = ev->u.px.ask;
        in->mid = ev->u.px.mid;
        /* the vol belongs to its price: none here, none kept (0 is none: an
         * event built without one) */
        in->mark_iv = ev->u.px.iv > 0 ? ev->u.px.iv : NAN;
        in->px_time = now;
        break;
    case EVENT_POS:
        h = holding_for(b, (size_t)i, ev->book, ev->u.pos.leg);
        position_set(&b->hold[h].pos, ev->u.pos.qty, ev->u.pos.avg_px, in->mid);
        if (ev->u.pos.leg != POS_LEG_NET) {
            int net = find_holding(b, (size_t)i, b->hold[h].book, POS_LEG_NET);
            if (net >= 0)
                position_set(&b->hold[net].pos, 0, NAN, in->mid);
        }
        sum_holdings(b, in);
        break;
    case EVENT_FILL:
        h = holding_for(b, (size_t)i, ev->book, POS_LEG_NET);
        position_fill(&b->hold[h].pos, ev->u.fill.qty, ev->u.fill.px, ev->u.fill.fee, in->ref.mult,
                      inverse(in));
        sum_holdings(b, in);
        break;
    case EVENT_KIND_COUNT: /* not a kind: the decoder never makes one */
        break;
    }
    in->last_update = now;
    if (index)
        *index = (size_t)i;
    return 0;
}

void book_set_inferred_ref(book *b, size_t i, const event_inst *ref)
{
    assert(i < b->count);
    book_inst *in = &b->inst[i];
    if (in->has_ref)
        return;
    in->ref = *ref;
    in->ref_inferred = true;
}

size_t book_nholdings(const book *b)
{
    return b->nhold;
}

const book_holding *book_holding_at(const book *b, size_t h)
{
    assert(h < b->nhold);
    return &b->hold[h];
}

size_t book_nbooks(const book *b)
{
    return b->nnames;
}

const char *book_name(const book *b, size_t k)
{
    assert(k < b->nnames);
    return b->names[k];
}

size_t book_count(const book *b)
{
    return b->count;
}

size_t book_capacity(const book *b)
{
    return b->capacity;
}

const book_inst *book_at(const book *b, size_t i)
{
    assert(i < b->count);
    return &b->inst[i];
}

bool book_is_stale(const book_inst *in, double now, double stale_s)
{
    return isnan(in->px_time) || now > in->px_time + stale_s;
}

const char *book_underlying(const book_inst *in)
{
    return in->ref.underlying[0] ? in->ref.underlying : in->sym;
}

double book_notional(const book_inst *in)
{
    if (isnan(in->mid))
        return 0;
    return inverse(in) ? in->pos.qty * in->ref.mult : in->pos.qty * in->ref.mult * in->mid;
}

double book_coin_unrealized(const book_inst *in)
{
    if (!inverse(in))
        return NAN;
    return isnan(in->mid) ? 0 : (in->coin_cost - in->pos.qty / in->mid) * in->ref.mult;
}

double book_unrealized(const book_inst *in)
{
    if (isnan(in->mid))
        return 0;
    if (inverse(in))
        return book_coin_unrealized(in) * in->mid;
    return (in->mid * in->pos.qty - in->cost) * in->ref.mult;
}

double book_holding_notional(const book *b, const book_holding *h)
{
    const book_inst *in = book_at(b, h->inst);
    if (isnan(in->mid))
        return 0;
    return inverse(in) ? h->pos.qty * in->ref.mult : h->pos.qty * in->ref.mult * in->mid;
}

double book_holding_coin_unrealized(const book *b, const book_holding *h)
{
    const book_inst *in = book_at(b, h->inst);
    if (!inverse(in))
        return NAN;
    if (isnan(in->mid) || !(h->pos.avg_px > 0))
        return 0;
    return h->pos.qty * in->ref.mult * (1 / h->pos.avg_px - 1 / in->mid);
}

double book_holding_unrealized(const book *b, const book_holding *h)
{
    const book_inst *in = book_at(b, h->inst);
    if (isnan(in->mid))
        return 0;
    if (inverse(in))
        return book_holding_coin_unrealized(b, h) * in->mid;
    return position_unrealized(&h->pos, in->mid, in->ref.mult);
}

/* Realized P&L in the quote currency of a position of in: the coin part at
 * in's mid, NAN when there is one and no mid. */
static double realized_of(const book_inst *in, const position *p)
{
    if (!inverse(in) || p->realized_coin == 0)
        return p->realized;
    return isnan(in->mid) ? NAN : p->realized + p->realized_coin * in->mid;
}

double book_realized(const book_inst *in)
{
    return realized_of(in, &in->pos);
}

double book_coin_realized(const book_inst *in)
{
    return inverse(in) ? in->pos.realized_coin : NAN;
}

double book_holding_realized(const book *b, const book_holding *h)
{
    return realized_of(book_at(b, h->inst), &h->pos);
}

double book_holding_coin_realized(const book *b, const book_holding *h)
{
    return inverse(book_at(b, h->inst)) ? h->pos.realized_coin : NAN;
}

int book_delta_one_rank(inst_kind k)
{
    switch (k) {
    case INST_SPOT: return 1;
    case INST_PERP: return 2;
    case INST_FUTURE: return 3;
    case INST_OPTION:
    case INST_LP: break;
    }
    return 0;
}
