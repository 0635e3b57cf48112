/* test_srcmap_fast.c - the two ways a mapped message's JSON is read give
 * the same: the one-pass scanner the tokens jsmn gives, and the
 * path-directed scan (feed/srcmap_scan.c, sm_fast_scan) the srcmap_result
 * the general way gives, on the venues' samples, crafted messages and every
 * one-byte deletion, replacement and truncation of each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <ini.h>

#include "srcmap_samples.h"
#include "testutil.h"

#include "feed/srcmap_in.h"
#include "invtop/srcmap.h"
#include "invtop/wire.h"

static int on_ini(void *user, const char *section, const char *key, const char *value)
{
    char err[256];
    if (strncmp(section, "source ", 7) != 0)
        return 0;
    if (srcmap_set(user, section + 7, key, value, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 0;
    }
    return 1;
}

/* The shipped mappings, all of them in one srcmap as the program loads them. */
static srcmap *load_all(void)
{
    static const char *const files[] = {"sources/deribit.ini", "sources/binance.ini", "sources/okx.ini",
                                        "sources/dwx.ini"};
    srcmap *m = srcmap_new();
    assert_non_null(m);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        if (ini_parse(files[i], on_ini, m) != 0)
            fail_msg("%s does not load", files[i]);
    char err[256];
    if (srcmap_check(m, err, sizeof err) != 0)
        fail_msg("srcmap_check: %s", err);
    return m;
}

static srcmap *load_text(const char *text)
{
    srcmap *m = srcmap_new();
    assert_non_null(m);
    assert_int_equal(ini_parse_string(text, on_ini, m), 0);
    char err[256];
    if (srcmap_check(m, err, sizeof err) != 0)
        fail_msg("srcmap_check: %s", err);
    return m;
}

/* ---- the path-directed scan against the general way ---- */

typedef struct {
    srcmap_ctx *fast, *general;
    srcmap_result rf, rg;
    size_t tried, taken; /* messages decoded, and read by the fast scan */
} twin;

static void twin_init(twin *t)
{
    memset(t, 0, sizeof *t);
    t->fast = srcmap_ctx_new();
    t->general = srcmap_ctx_new();
    assert_true(t->fast && t->general);
    t->general->general = true;
}

static void twin_free(twin *t)
{
    srcmap_ctx_free(t->fast);
    srcmap_ctx_free(t->general);
}

/* Decode js[0..len) both ways and fail unless the results are the same. */
static void both_ways(twin *t, const srcmap *m, const char *js, size_t len)
{
    const char *fr[1] = {js};
    const size_t l[1] = {len};
    t->fast->fast = false;
    srcmap_decode(m, t->fast, 1, fr, l, &t->rf);
    srcmap_decode(m, t->general, 1, fr, l, &t->rg);
    t->tried++;
    t->taken += t->fast->fast;
    const srcmap_result *a = &t->rf, *b = &t->rg;
    bool same = a->status == b->status && a->nevents == b->nevents && a->matched == b->matched &&
                a->failed == b->failed && strcmp(a->why, b->why) == 0;
    for (size_t i = 0; same && i < a->nevents; i++)
        same = wire_events_equal(&a->events[i], &b->events[i]);
    if (!same)
        fail_msg("fast %s %zu events matched %llx failed %d '%s'; general %s %zu events matched %llx failed %d '%s' "
                 "on %.*s",
                 wire_status_name(a->status), a->nevents, (unsigned long long)a->matched, a->failed, a->why,
                 wire_status_name(b->status), b->nevents, (unsigned long long)b->matched, b->failed, b->why, (int)len,
                 js);
}

static const char repl[] = {'"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '1', 'e', '-', '\0', 'x', '.', 't', 'a'};

/* s, and every one-byte deletion, replacement (by each of repl) and
 * truncation of it, both ways. */
static void mutations(twin *t, const srcmap *m, const char *s)
{
    const size_t len = strlen(s);
    char *buf = malloc(len + 1);
    assert_non_null(buf);
    both_ways(t, m, s, len);
    for (size_t i = 0; i < len; i++) {
        memcpy(buf, s, i); /* without byte i */
        memcpy(buf + i, s + i + 1, len - i - 1);
        both_ways(t, m, buf, len - 1);
        memcpy(buf, s, len);
        for (size_t r = 0; r < sizeof repl; r++) {
            buf[i] = repl[r];
            both_ways(t, m, buf, len);
        }
        both_ways(t, m, s, i); /* cut short */
    }
    free(buf);
}

/* The venues' samples through the shipped mappings. */
static void fast_equals_general_samples(void **state)
{
    (void)state;
    srcmap *m = load_all();
    assert_true(m->trie.ok);
    char *trade = binance_order_trade();
    assert_non_null(trade);
    const char *samples[] = {deribit_perp,  deribit_option,  deribit_changes,   binance_book, binance_mark,
                             binance_account, binance_order_new, trade,           okx_tickers,  okx_positions,
                             okx_orders,    dwx_tick,        "[1,[],{},\"a\",true,null,-0.5e+3]"};
    twin t;
    twin_init(&t);
    /* the bench's message is read by the path-directed scan */
    both_ways(&t, m, deribit_perp, strlen(deribit_perp));
    assert_true(t.fast->fast);
    for (size_t k = 0; k < sizeof samples / sizeof *samples; k++)
        mutations(&t, m, samples[k]);
    /* both ways are exercised */
    assert_true(t.taken > t.tried / 10 && t.taken < t.tried);
    twin_free(&t);
    free(trade);
    srcmap_free(m);
}

/* Paths by index, through arrays and non-objects, `$.` paths beside records
 * paths, maps, absent checks and duplicate keys, on crafted messages. */
static const char crafted_map[] =
    "[source s-idx]\n"
    "when = a.b[1].c == 'x' and !a.z and a.n != 0\n"
    "kind = px\n"
    "sym = a.s\n"
    "venue = 'T'\n"
    "mid = a.b[0] * a.n / 2\n"
    "ts = a.t{1: 5, *: 7}\n"
    "iv = a.w.x\n"
    "[source s-rec]\n"
    "records = r\n"
    "when = $.a.s != '' and k != 'skip'\n"
    "kind = pos\n"
    "sym = k\n"
    "qty = q\n"
    "venue = $.a.v{X: 'VX', *: 'V'}\n"
    "[source s-deep]\n"
    "when = d[0][1].e == 1\n"
    "kind = px\n"
    "sym = 'D'\n"
    "last = d[0][1].f\n"
    "src = d[0][1].g\n";

static const char *const crafted[] = {
    "{\"a\":{\"s\":\"S\",\"b\":[4,{\"c\":\"x\"}],\"n\":2,\"t\":1,\"v\":\"X\",\"w\":{\"x\":0.2}},\"r\":[{\"k\":\"K\","
    "\"q\":1},{\"k\":\"skip\",\"q\":2},{\"k\":\"L\",\"q\":\"3\"}],\"d\":[[0,{\"e\":1,\"f\":2.5,\"g\":\"z\"}]]}",
    /* a.w no object: iv's path goes through a number, an array, a string */
    "{\"a\":{\"s\":\"S\",\"b\":[4,{\"c\":\"x\"}],\"n\":2,\"t\":1,\"w\":5}}",
    "{\"a\":{\"s\":\"S\",\"b\":[4,{\"c\":\"x\"}],\"n\":2,\"t\":1,\"w\":[0.2]}}",
    "{\"a\":{\"w\":\"s\",\"s\":\"S\",\"b\":[4,{\"c\":\"x\"}],\"n\":2,\"t\":1}}",
    "{\"a\":{\"s\":\"S\",\"b\":[4,{\"c\":\"x\"}],\"n\":2,\"t\":1,\"w\":{\"y\":1}}}",
    "{\"a\":{\"s\":\"S\",\"s\":\"T\",\"b\":[4,{\"c\":\"x\"},5],\"n\":2,\"a\":{}},\"r\":{\"k\":\"K\",\"q\":1},"
    "\"r\":[]}",
    "{ \"d\" : [ [ 0 , { \"e\" : 1e0 , \"f\" : -0.5 } ] , [] ] , \"a\" : [ 1 , { } ] , \"r\" : \"x\" }",
    "[1,2,{\"a\":1}]",
    "{\"a\":\"str\",\"r\":5,\"d\":{\"0\":1}}",
    "{\"a\":{\"b\":{\"1\":{\"c\":\"x\"}},\"s\":true,\"n\":null},\"r\":[[1],{\"k\":{}}]}",
};

static void fast_equals_general_crafted(void **state)
{
    (void)state;
    srcmap *m = load_text(crafted_map);
    assert_true(m->trie.ok);
    twin t;
    twin_init(&t);
    /* every section takes a record of the first (s-rec two), by the fast scan */
    both_ways(&t, m, crafted[0], strlen(crafted[0]));
    if (t.rf.status != WIRE_OK || t.rf.nevents != 4 || !t.fast->fast)
        fail_msg("%s, %zu events: %s", wire_status_name(t.rf.status), t.rf.nevents, t.rf.why);
    assert_true(t.rf.events[0].u.px.mid == 4 && t.rf.events[0].ts == 5);
    assert_string_equal(t.rf.events[2].venue, "VX");
    for (size_t k = 0; k < sizeof crafted / sizeof *crafted; k++)
        mutations(&t, m, crafted[k]);
    /* nested 60 to 67 deep, on a path and beside it: the scanner's limit is 64 */
    char deep[400];
    for (int n = 60; n <= 67; n++)
        for (int at = 0; at < 2; at++) {
            int k = snprintf(deep, sizeof deep, "{\"%s\":[[0,{\"e\":1,\"f\":2,\"x\":", at ? "d" : "z");
            for (int i = 0; i < n - 4; i++)
                deep[k++] = '[';
            for (int i = 0; i < n - 4; i++)
                deep[k++] = ']';
            snprintf(deep + k, sizeof deep - (size_t)k, "}]]}");
            both_ways(&t, m, deep, strlen(deep));
        }
    assert_true(t.taken > t.tried / 10 && t.taken < t.tried);
    twin_free(&t);
    srcmap_free(m);
}

/* A records path with a path below it: its value is tokenized whole, the
 * path-directed scan stands aside for the whole mapping. */
static void trie_stands_aside(void **state)
{
    (void)state;
    srcmap *m = load_text("[source rec]\nrecords = a\nkind = pos\nsym = k\nqty = q\n"
                          "[source below]\nkind = px\nsym = a.k\nmid = 1\n");
    assert_false(m->trie.ok);
    twin t;
    twin_init(&t);
    mutations(&t, m, "{\"a\":{\"k\":\"K\",\"q\":1}}");
    assert_int_equal(t.taken, 0);
    twin_free(&t);
    srcmap_free(m);
}

/* ---- the one-pass scanner against jsmn ---- */

#define EQ_TOK 8192
typedef struct {
    jsmntok_t tok[EQ_TOK], jtok[EQ_TOK];
    int next[EQ_TOK], jnext[EQ_TOK], stack[EQ_TOK];
} eq_scratch;

/* When the scanner takes js, jsmn takes it too, with the same tokens and
 * links; returns whether the scanner took it. */
static bool scan_agrees(eq_scratch *w, const char *js, size_t len)
{
    int n = 0, jn = 0;
    if (!sm_scan(js, len, w->tok, w->next, EQ_TOK, &n))
        return false;
    if (!sm_tokens_jsmn(js, len, w->jtok, w->jnext, w->stack, EQ_TOK, &jn))
        fail_msg("the scanner took what jsmn refuses: %.*s", (int)len, js);
    assert_int_equal(n, jn);
    for (int i = 0; i < n; i++) {
        const jsmntok_t *a = &w->tok[i], *b = &w->jtok[i];
        if (a->type != b->type || a->start != b->start || a->end != b->end || a->size != b->size ||
            a->parent != b->parent || w->next[i] != w->jnext[i])
            fail_msg("token %d differs: scan %d %d-%d size %d parent %d next %d, jsmn %d %d-%d size %d parent %d "
                     "next %d in %.*s",
                     i, a->type, a->start, a->end, a->size, a->parent, w->next[i], b->type, b->start, b->end, b->size,
                     b->parent, w->jnext[i], (int)len, js);
    }
    return true;
}

/* Every sample, and every one-byte deletion and replacement of each: the
 * scanner agrees with jsmn wherever it decides, and decides the samples. */
static void scanner_equals_jsmn(void **state)
{
    (void)state;
    srcmap *m = load_all();
    srcmap_ctx *cx = srcmap_ctx_new();
    srcmap_result res;
    char *trade = binance_order_trade();
    assert_non_null(trade);
    const char *samples[] = {deribit_perp,  deribit_option, deribit_changes, binance_book,
                             binance_mark,  binance_account, binance_order_new, trade,
                             okx_tickers,   okx_positions,  okx_orders,        "[1,[],{},\"a\",true,null,-0.5e+3]"};
    eq_scratch *w = malloc(sizeof *w);
    char *buf = malloc(8192);
    size_t taken = 0, tried = 0;
    for (size_t k = 0; k < sizeof samples / sizeof *samples; k++) {
        const char *s = samples[k];
        const size_t len = strlen(s);
        assert_true(len < 8192);
        if (!scan_agrees(w, s, len))
            fail_msg("the scanner does not take sample %zu", k);
        for (size_t i = 0; i < len; i++) {
            memcpy(buf, s, i); /* without byte i */
            memcpy(buf + i, s + i + 1, len - i - 1);
            taken += scan_agrees(w, buf, len - 1);
            tried++;
            const char *fr[1] = {buf};
            size_t l[1] = {len - 1};
            srcmap_decode(m, cx, 1, fr, l, &res); /* never crashes */
            memcpy(buf, s, len);
            for (size_t r = 0; r < sizeof repl; r++) {
                buf[i] = repl[r];
                taken += scan_agrees(w, buf, len);
                tried++;
            }
        }
        /* cut short */
        for (size_t cut = 0; cut < len; cut += 7)
            taken += scan_agrees(w, s, cut);
    }
    /* many taken and many left to jsmn: both ways are exercised */
    assert_true(taken > tried / 10 && taken < tried);
    free(buf);
    free(w);
    free(trade);
    srcmap_ctx_free(cx);
    srcmap_free(m);
}

/* jsmn takes an object whose members are not key, value: refused, and a
 * message after one that left many tokens is read safely (found by
 * fuzz_srcmap: the lookup walked into the earlier message's tokens). */
static void jsmn_lax_objects(void **state)
{
    (void)state;
    static const char *const lax[] = {"{\"a\"\"b\",\"c\":1}", "{\"a\"}", "{\"a\":1,\"b\"}",
                                      "{\"data\":[{\"fillSz\"\"1\",\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,"
                                      "\"f\":6,\"g\":7,\"h\":8,\"i\":9}],\"arg\":{\"channel\":\"orders\"}}"};
    eq_scratch *w = malloc(sizeof *w);
    assert_non_null(w);
    int n;
    for (size_t k = 0; k < sizeof lax / sizeof *lax; k++)
        assert_false(sm_tokens_jsmn(lax[k], strlen(lax[k]), w->jtok, w->jnext, w->stack, EQ_TOK, &n));
    free(w);
    srcmap *m = load_all();
    twin t;
    twin_init(&t);
    both_ways(&t, m, okx_orders, strlen(okx_orders)); /* leaves its tokens */
    both_ways(&t, m, lax[3], strlen(lax[3]));
    assert_int_equal(t.rg.status, WIRE_ERR_JSON);
    twin_free(&t);
    srcmap_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fast_equals_general_samples),
        cmocka_unit_test(fast_equals_general_crafted),
        cmocka_unit_test(trie_stands_aside),
        cmocka_unit_test(scanner_equals_jsmn),
        cmocka_unit_test(jsmn_lax_objects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
