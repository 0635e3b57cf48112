/* fuzz_srcmap.c - libFuzzer target for venues' own messages mapped by
 * [source NAME] sections (feed/srcmap*.c): whatever comes off the wire, the
 * mapping never crashes, never reads out of bounds, and gives only events
 * that pass the native checks. Two mappings: the shipped sources/ files
 * (read at start from the source tree, where tests/fuzz/run.sh runs) and
 * one embedded here that uses every part of the grammar (topics, records,
 * `when` with !PATH, [N] steps, `$.` paths, maps with *, arithmetic, text
 * templates). Each input is decoded as one frame, and as two frames
 * [topic][body] split at its first newline (none: after its first byte),
 * each both ways: by the path-directed scan and the general way
 * (srcmap_ctx.general), which must give the same srcmap_result. */
#include <ini.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed/srcmap_in.h"
#include "invtop/srcmap.h"
#include "invtop/wire.h"

static const char embedded[] =
    "[source t-px]\n"
    "topic = px.\n"
    "when = a.b[1].c == 'x' and !a.z and a.n != 0\n"
    "kind = px\n"
    "sym = a.s\n"
    "venue = 'T'\n"
    "bid = a.b[0] * a.n / 2\n"
    "ask = a.k / 0.5\n"
    "ts = a.t{1: 5, 2: 1.5e9, *: 7}\n"
    "iv = a.w.x\n"
    "[source t-rec]\n"
    "records = r\n"
    "when = $.a.s != '' and k != 'skip'\n"
    "kind = pos\n"
    "sym = k\n"
    "qty = q\n"
    "avg_px = p\n"
    "side = d{L: 'long', S: 'short', *: 'net'}\n"
    "venue = $.a.v{X: 'VX', *: 'V'}\n"
    "[source t-fill]\n"
    "records = f[0].list\n"
    "kind = fill\n"
    "sym = s\n"
    "side = side\n"
    "qty = q * 1\n"
    "px = px\n"
    "fee = fee * -1\n"
    "cl_ord_id = id\n"
    "book = $.book\n"
    "[source t-inst]\n"
    "when = i.kind == 'option'\n"
    "kind = inst\n"
    "sym = i.name\n"
    "inst_kind = i.kind\n"
    "underlying = i.u\n"
    "strike = i.k\n"
    "expiry = i.exp / 1000\n"
    "right = i.r{call: 'C', put: 'P', *: 'C'}\n"
    "mult = i.m\n"
    "[source t-text]\n"
    "text = {sym}:|:{bid};{ask}\n"
    "kind = px\n"
    "venue = 'DWX'\n";

static int on_ini(void *user, const char *section, const char *key, const char *value)
{
    char err[256];
    if (strncmp(section, "source ", 7) != 0)
        return 0;
    if (srcmap_set(user, section + 7, key, value, err, sizeof err) != 0) {
        fprintf(stderr, "fuzz_srcmap: %s\n", err);
        return 0;
    }
    return 1;
}

#define NMAPS 2
static srcmap *maps[NMAPS];
static srcmap_ctx *fast, *general;

static srcmap *checked(srcmap *m)
{
    char err[256];
    if (srcmap_check(m, err, sizeof err) != 0) {
        fprintf(stderr, "fuzz_srcmap: %s\n", err);
        abort();
    }
    return m;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static const char *const files[] = {"sources/deribit.ini", "sources/binance.ini", "sources/okx.ini",
                                        "sources/dwx.ini"};
    maps[0] = srcmap_new();
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        if (ini_parse(files[i], on_ini, maps[0]) != 0)
            fprintf(stderr, "fuzz_srcmap: %s not read (run from the source tree)\n", files[i]);
    maps[1] = srcmap_new();
    if (ini_parse_string(embedded, on_ini, maps[1]) != 0)
        abort();
    checked(maps[0]);
    checked(maps[1]);
    fast = srcmap_ctx_new();
    general = srcmap_ctx_new();
    if (!fast || !general)
        abort();
    general->general = true;
    return 0;
}

static bool price_ok(double p)
{
    return p > 0 && p <= WIRE_MAX_PRICE;
}

/* What the native checks promise of every event they pass. */
static void check_event(const event *e)
{
    const size_t sl = strnlen(e->sym, EVENT_SYM_MAX);
    if ((unsigned)e->kind >= EVENT_KIND_COUNT || sl == 0 || sl == EVENT_SYM_MAX)
        abort();
    if (!(isnan(e->ts) || (e->ts >= 0 && e->ts <= 1e11)))
        abort();
    if (e->kind == EVENT_PX) {
        const event_px *p = &e->u.px;
        if (!price_ok(p->mid) || (!isnan(p->bid) && (!price_ok(p->bid) || !price_ok(p->ask) || p->bid > p->ask)))
            abort();
    } else if (e->kind == EVENT_FILL) {
        if (!price_ok(e->u.fill.px) || !isfinite(e->u.fill.qty))
            abort();
    } else if (e->kind == EVENT_POS) {
        if (!isfinite(e->u.pos.qty))
            abort();
    }
}

static void check_result(const srcmap *m, const srcmap_result *r)
{
    if (r->nevents > SRCMAP_MAX_EVENTS || (r->status != WIRE_OK && r->nevents != 0) ||
        (r->status == WIRE_OK && r->nevents == 0) || r->failed >= (int)srcmap_count(m) ||
        (srcmap_count(m) < 64 && r->matched >> srcmap_count(m)) || strnlen(r->why, SRCMAP_WHY_MAX) == SRCMAP_WHY_MAX)
        abort();
    for (size_t i = 0; i < r->nevents; i++)
        check_event(&r->events[i]);
}

/* Decode both ways, check, and compare. */
static void both_ways(const srcmap *m, size_t nframes, const char *const f[], const size_t l[])
{
    srcmap_result a, b;
    srcmap_decode(m, fast, nframes, f, l, &a);
    check_result(m, &a);
    srcmap_decode(m, general, nframes, f, l, &b);
#ifdef FUZZ_SRCMAP_SHOW /* what a seed gives: cc -DFUZZ_SRCMAP_SHOW */
    fprintf(stderr, "%zu frame(s): %s, %zu events, matched %llx %s\n", nframes, wire_status_name(a.status), a.nevents,
            (unsigned long long)a.matched, a.why);
#endif
    if (a.status != b.status || a.nevents != b.nevents || a.matched != b.matched || a.failed != b.failed ||
        strcmp(a.why, b.why) != 0)
        abort();
    for (size_t i = 0; i < a.nevents; i++)
        if (!wire_events_equal(&a.events[i], &b.events[i]))
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a private copy without slack: ASan catches any read past the end */
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    const char *nl = size ? memchr(buf, '\n', size) : NULL;
    const size_t cut = nl ? (size_t)(nl - buf) : size > 0;
    for (int k = 0; k < NMAPS; k++) {
        const char *one[1] = {buf};
        const size_t l1[1] = {size};
        both_ways(maps[k], 1, one, l1);
        const char *two[2] = {buf, buf + cut + (nl != NULL)};
        const size_t l2[2] = {cut, size - cut - (nl != NULL)};
        both_ways(maps[k], 2, two, l2);
    }
    free(buf);
    return 0;
}
