/* test_snapdiff.c - the state protocol's field-by-field updates
 * (snapdiff.h) on documents the engine wrote (tests/fuzz/corpus/snap/):
 * one changed field travels as one leaf, a new shape as the whole
 * instrument, a refused update changes nothing, and a viewer applying a
 * seeded random walk of changes always encodes to the engine's document. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/snapdiff.h"
#include "invtop/snaptab.h"
#include "invtop/snapwire.h"

#define ERRLEN 256

/* The engine's document in file into s. */
static void load(const char *file, snap *s)
{
    static char doc[1 << 20];
    FILE *fp = fopen(file, "rb");
    if (!fp)
        fail_msg("%s: cannot open", file);
    size_t n = fread(doc, 1, sizeof doc, fp);
    fclose(fp);
    char err[ERRLEN];
    snap_init(s);
    if (snapw_decode(doc, n, s, err, sizeof err) != 0)
        fail_msg("%s: %s", file, err);
}

/* s's document, newly allocated. */
static char *doc_of(const snap *s, size_t *n)
{
    jw w = {0};
    assert_int_equal(snapw_document(&w, s), 0);
    *n = w.len;
    return w.buf;
}

/* The viewer v encodes to the engine's document e. */
static void assert_same(const snap *v, const snap *e)
{
    size_t nv, ne;
    char *dv = doc_of(v, &nv), *de = doc_of(e, &ne);
    if (nv != ne || memcmp(dv, de, nv) != 0)
        fail_msg("the viewer's document differs from the engine's:\n%s\n%s", dv, de);
    free(dv);
    free(de);
}

/* Publish e: the update into u, applied to the viewer v. */
static void publish(sdiff *d, const snap *e, snap *v, jw *u)
{
    char err[ERRLEN];
    assert_int_equal(sdiff_update(d, e, u), 0);
    if (sdiff_apply(v, e->version, u->buf, u->len, err, sizeof err) != 0)
        fail_msg("update refused: %s\n%s", err, u->buf);
    assert_same(v, e);
}

/* The leaf id of instrument field `key`, or of `sub` in it (NULL: none). */
static uint32_t leaf(const char *key, const char *sub, size_t elem)
{
    const sch_table *t = snaptab_instrument();
    const int row = sch_find(t, key);
    assert_true(row >= 0);
    if (!sub)
        return (uint32_t)row;
    const int k = sch_find(t->rows[row].sub, sub);
    assert_true(k >= 0);
    return (uint32_t)row | (uint32_t)(k + 1) << 6 | (uint32_t)elem << 12;
}

/* An instrument with a quote and a holding, so that every kind of leaf has
 * one to change. */
static size_t quoted(const snap *s)
{
    for (size_t i = 0; i < s->ninst; i++)
        if (s->inst[i].has_quote && s->inst[i].nholdings > 0 && !isnan(s->inst[i].mid) && !isnan(s->inst[i].eff.bid))
            return i;
    fail_msg("no quoted instrument with a holding in the corpus document");
    return 0;
}

/* An engine's snapshot e, what it sent (d, and its last update u), and a
 * viewer v that follows it. */
typedef struct {
    snap e, v;
    sdiff d;
    jw u;
} pair;

/* e from the engine's document in file, v empty, nothing sent yet. */
static void pair_open(pair *p, const char *file)
{
    load(file, &p->e);
    snap_init(&p->v);
    sdiff_init(&p->d);
    memset(&p->u, 0, sizeof p->u);
}

static void pair_close(pair *p)
{
    sdiff_free(&p->d);
    jw_free(&p->u);
    snap_free(&p->e);
    snap_free(&p->v);
}

/* Publish e's next version to v, which must then encode as e does. */
static void step(pair *p)
{
    publish(&p->d, &p->e, &p->v, &p->u);
}

static void one_field_one_leaf(void **state)
{
    (void)state;
    pair p;
    pair_open(&p, "tests/fuzz/corpus/snap/replay");
    step(&p); /* the first is everything */

    const size_t i = quoted(&p.e);
    char want[128];
    p.e.version++;
    p.e.inst[i].mid += 1;
    step(&p);
    snprintf(want, sizeof want, "\"parts\":{},\"instruments\":[[%zu,%u,", i, leaf("mid", NULL, 0));
    if (!strstr(p.u.buf, want) || strchr(strstr(p.u.buf, want) + strlen(want), '[') != NULL)
        fail_msg("want one leaf %s..., got %s", want, p.u.buf);

    p.e.version++;
    p.e.inst[i].eff.bid += 0.5;
    p.e.holdings[p.e.inst[i].first_holding].pnl_unrealized += 10;
    step(&p);
    snprintf(want, sizeof want, "[[%zu,%u,", i, leaf("quote", "eff_bid", 0));
    if (!strstr(p.u.buf, want))
        fail_msg("want the quote's eff_bid %s..., got %s", want, p.u.buf);
    snprintf(want, sizeof want, ",%u,", leaf("holdings", "pnl_unrealized", 0));
    if (!strstr(p.u.buf, want))
        fail_msg("want the holding's pnl_unrealized %s..., got %s", want, p.u.buf);

    p.e.version++; /* nothing changed: an empty update */
    step(&p);
    if (!strstr(p.u.buf, "\"parts\":{},\"instruments\":[]}"))
        fail_msg("want an empty update, got %s", p.u.buf);

    p.e.version++;
    p.e.port.pnl_realized += 1; /* a part goes whole */
    step(&p);
    if (!strstr(p.u.buf, "\"parts\":{\"portfolio\":{") || !strstr(p.u.buf, "\"instruments\":[]}"))
        fail_msg("want the portfolio alone, got %s", p.u.buf);
    assert_true(p.d.leaf_entries == 2 && p.d.whole_entries == p.e.ninst);

    pair_close(&p);
}

static void new_shape_goes_whole(void **state)
{
    (void)state;
    pair p;
    pair_open(&p, "tests/fuzz/corpus/snap/replay");
    step(&p);
    const size_t i = quoted(&p.e);
    char want[64];

    p.e.version++;
    p.e.inst[i].has_quote = p.e.inst[i].eff.valid = false; /* the quote goes: null */
    step(&p);
    snprintf(want, sizeof want, "[[%zu,{\"sym\":", i);
    if (!strstr(p.u.buf, want) || !strstr(p.u.buf, "\"quote\":null"))
        fail_msg("want instrument %zu whole with a null quote, got %s", i, p.u.buf);

    p.e.version++;
    p.e.inst[i].has_greeks = !p.e.inst[i].has_greeks; /* greeks come or go */
    step(&p);
    if (!strstr(p.u.buf, want))
        fail_msg("want instrument %zu whole, got %s", i, p.u.buf);

    p.e.version++; /* an instrument appended, without holdings */
    assert_int_equal(snap_reserve(&p.e, p.e.ninst + 1, 0, 0, 0, 0), 0);
    p.e.inst[p.e.ninst] = p.e.inst[0];
    p.e.inst[p.e.ninst].nholdings = 0;
    snprintf(p.e.inst[p.e.ninst].id, sizeof p.e.inst[p.e.ninst].id, "NEW-PERP");
    p.e.ninst++;
    step(&p);
    snprintf(want, sizeof want, "[[%zu,{", p.e.ninst - 1);
    if (!strstr(p.u.buf, want))
        fail_msg("want the new instrument whole, got %s", p.u.buf);
    assert_int_equal(p.v.ninst, p.e.ninst);

    pair_close(&p);
}

/* Updates a viewer refuses, each leaving its document as it was. */
static void refused_updates_change_nothing(void **state)
{
    (void)state;
    pair p;
    pair_open(&p, "tests/fuzz/corpus/snap/replay");
    step(&p);
    const size_t n = p.e.ninst;
    char bad[12][256];
    const char *why[12];
    int nb = 0;
#define BAD(w, ...) (snprintf(bad[nb], sizeof bad[nb], __VA_ARGS__), why[nb++] = (w))
    BAD("not JSON", "{\"ts\":1,\"ninst\":%zu,", n);
    BAD("an index past the end", "{\"ninst\":%zu,\"instruments\":[[%zu,%u,1]]}", n, n + 5, leaf("mid", NULL, 0));
    BAD("leaves of a new instrument", "{\"ninst\":%zu,\"instruments\":[[%zu,%u,1]]}", n + 1, n, leaf("mid", NULL, 0));
    BAD("a field of no row", "{\"ninst\":%zu,\"instruments\":[[0,63,1]]}", n);
    BAD("a shape leaf", "{\"ninst\":%zu,\"instruments\":[[0,%u,null]]}", n, leaf("quote", NULL, 0));
    BAD("a string for a number", "{\"ninst\":%zu,\"instruments\":[[0,%u,\"x\"]]}", n, leaf("mid", NULL, 0));
    BAD("a holding past the end", "{\"ninst\":%zu,\"instruments\":[[0,%u,1]]}", n, leaf("holdings", "qty", 99));
    BAD("an odd leaf list", "{\"ninst\":%zu,\"instruments\":[[0,%u]]}", n, leaf("mid", NULL, 0));
    BAD("a count that does not match", "{\"ninst\":%zu,\"instruments\":[]}", n + 1);
    BAD("a part of another kind", "{\"ninst\":%zu,\"parts\":{\"books\":{}}}", n);
    BAD("an unknown name", "{\"ninst\":%zu,\"instruments\":[[0,%u,\"swap\"]]}", n, leaf("kind", NULL, 0));
    BAD("a good leaf, then a bad one", "{\"ninst\":%zu,\"instruments\":[[0,%u,7,%u,\"x\"]]}", n,
        leaf("qty", NULL, 0), leaf("mid", NULL, 0));
#undef BAD
    for (int k = 0; k < nb; k++) {
        char err[ERRLEN] = "";
        if (sdiff_apply(&p.v, p.e.version + 1, bad[k], strlen(bad[k]), err, sizeof err) == 0)
            fail_msg("%s: applied: %s", why[k], bad[k]);
        assert_true(err[0] != '\0');
        assert_same(&p.v, &p.e); /* version included */
    }
    pair_close(&p);
}

static uint64_t rng = 0x2545f4914f6cdd1dull;
static double unif(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) * 0x1.0p-53;
}

/* 300 versions, each changing a few random things the engine changes; the
 * viewer follows every one byte for byte, on both corpus documents. */
static void random_walk_converges(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/fuzz/corpus/snap/demo", "tests/fuzz/corpus/snap/replay"};
    for (size_t f = 0; f < 2; f++) {
        pair p;
        pair_open(&p, files[f]);
        for (int n = 0; n < 300; n++) {
            p.e.version++;
            p.e.ts += 0.1;
            for (int k = 0; k < 4; k++) {
                snap_inst *x = &p.e.inst[(size_t)(unif() * (double)p.e.ninst)];
                const double r = unif();
                if (r < 0.4) {
                    x->mid *= 1 + (unif() - 0.5) * 1e-3;
                    x->eff.bid = x->q.bid = x->mid * 0.999;
                } else if (r < 0.6 && x->nholdings) {
                    p.e.holdings[x->first_holding].qty += 1;
                    x->qty += 1;
                } else if (r < 0.7) {
                    x->has_quote = x->eff.valid = !x->has_quote;
                } else if (r < 0.8) {
                    x->stale = !x->stale;
                    x->limit.since = x->stale ? p.e.ts : NAN;
                } else if (r < 0.9) {
                    p.e.port.pnl_unrealized += unif();
                    p.e.feed.msgs++;
                } else if (p.e.nund) {
                    p.e.und[0].price *= 1.001;
                }
            }
            step(&p);
        }
        pair_close(&p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_field_one_leaf),
        cmocka_unit_test(new_shape_goes_whole),
        cmocka_unit_test(refused_updates_change_nothing),
        cmocka_unit_test(random_walk_converges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
