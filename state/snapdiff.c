/* snapdiff.c - field-by-field updates of the state protocol (see
 * snapdiff.h). The update is JSON:
 *   {"ts":T,"source":S,"ninst":N,"parts":{NAME:VALUE,..},
 *    "instruments":[[INDEX,OBJECT] | [INDEX,ID,VALUE,ID,VALUE,..],..]}
 * JSON rather than a binary encoding: the values are the document's own
 * text (a viewer prints them as they came, byte for byte), and field ids
 * instead of keys already make an update of a price tick about a tenth of
 * the instrument it changes (bench/state_viewers.py). */
#include "invtop/snapdiff.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/jsonr.h"
#include "invtop/snaptab.h"
#include "invtop/snapwire.h"

void sdiff_init(sdiff *d)
{
    memset(d, 0, sizeof *d);
}

static void free_sigs(sdiff *d)
{
    for (size_t i = 0; i < d->cap_sig; i++) {
        free(d->sig[i].id);
        free(d->sig[i].hash);
    }
    free(d->sig);
    d->sig = NULL;
    d->nsig = d->cap_sig = 0;
}

void sdiff_free(sdiff *d)
{
    for (int p = 0; p < d->nparts; p++)
        jw_free(&d->part[p]);
    free(d->part);
    free_sigs(d);
    free(d->last_inst);
    free(d->last_hold);
    sch_leaves_free(&d->leaves);
    jw_free(&d->scratch);
    memset(d, 0, sizeof *d);
}

void sdiff_forget(sdiff *d)
{
    for (int p = 0; p < d->nparts; p++)
        jw_reset(&d->part[p]);
    for (size_t i = 0; i < d->nsig; i++)
        d->sig[i].n = 0;
    d->nsig = 0;
    d->nlast = 0;
}

static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211ull;
    return h;
}

/* True when instrument i of s is what was diffed last time: the same fields
 * and holdings (its leaves depend on nothing else but the names of its
 * holdings' books, which never change once seen). */
static bool unchanged(const sdiff *d, const snap *s, size_t i)
{
    if (i >= d->nlast)
        return false;
    snap_inst a = s->inst[i], b = d->last_inst[i];
    if (a.nholdings != b.nholdings)
        return false;
    const snap_holding *ha = s->holdings + a.first_holding, *hb = d->last_hold + b.first_holding;
    a.first_holding = b.first_holding = 0; /* where they sit, not what they are */
    return memcmp(&a, &b, sizeof a) == 0 && memcmp(ha, hb, a.nholdings * sizeof *ha) == 0;
}

/* Keep s's instruments and holdings for the next comparison. */
static int remember(sdiff *d, const snap *s)
{
    if (s->ninst > d->cap_last) {
        snap_inst *g = realloc(d->last_inst, s->ninst * sizeof *g);
        if (!g)
            return -1;
        d->last_inst = g;
        d->cap_last = s->ninst;
    }
    if (s->nholdings > d->cap_last_hold) {
        snap_holding *g = realloc(d->last_hold, s->nholdings * sizeof *g);
        if (!g)
            return -1;
        d->last_hold = g;
        d->cap_last_hold = s->nholdings;
    }
    if (s->ninst)
        memcpy(d->last_inst, s->inst, s->ninst * sizeof *s->inst);
    if (s->nholdings)
        memcpy(d->last_hold, s->holdings, s->nholdings * sizeof *s->holdings);
    d->nlast = s->ninst;
    return 0;
}

static int grow_sigs(sdiff *d, size_t n)
{
    if (n <= d->cap_sig)
        return 0;
    size_t cap = d->cap_sig ? 2 * d->cap_sig : 64;
    while (cap < n)
        cap *= 2;
    sdiff_sig *g = realloc(d->sig, cap * sizeof *g);
    if (!g)
        return -1;
    memset(g + d->cap_sig, 0, (cap - d->cap_sig) * sizeof *g);
    d->sig = g;
    d->cap_sig = cap;
    return 0;
}

/* The parts whose text changed, into u's "parts" object. */
static int diff_parts(sdiff *d, const snap *s, jw *u)
{
    const sch_table *doc = snaptab_document();
    if (!d->part) {
        d->part = calloc((size_t)doc->nrows, sizeof *d->part);
        if (!d->part)
            return -1;
        d->nparts = doc->nrows;
    }
    jw_key(u, "parts");
    jw_obj_begin(u);
    for (int p = 0; p < doc->nrows; p++) {
        if (!snaptab_is_part(p))
            continue;
        jw *x = &d->scratch;
        jw_reset(x);
        sch_write_value(x, &doc->rows[p], s, s);
        if (!jw_ok(x))
            return -1;
        jw *old = &d->part[p];
        if (old->len == x->len && memcmp(old->buf, x->buf, x->len) == 0)
            continue;
        jw_key(u, doc->rows[p].key);
        jw_raw(u, x->buf, x->len);
        jw_reset(old);
        jw_append(old, x->buf, x->len);
        if (!jw_ok(old))
            return -1;
    }
    jw_obj_end(u);
    return 0;
}

/* Instrument i's entry, if it changed: its changed leaves, or all of it. */
static int diff_inst(sdiff *d, const snap *s, size_t i, jw *u)
{
    const sch_table *t = snaptab_instrument();
    sch_leaves *l = &d->leaves;
    if (sch_leaves_of(l, t, &s->inst[i], s) != 0)
        return -1;
    sdiff_sig *g = &d->sig[i];
    bool same_shape = i < d->nsig && g->n == l->n;
    for (size_t k = 0; same_shape && k < l->n; k++)
        same_shape = g->id[k] == l->id[k];
    if (l->n > g->cap) {
        uint32_t *id = realloc(g->id, l->n * sizeof *id);
        if (id)
            g->id = id;
        uint64_t *h = realloc(g->hash, l->n * sizeof *h);
        if (h)
            g->hash = h;
        if (!id || !h)
            return -1;
        g->cap = l->n;
    }
    bool open = false;
    for (size_t k = 0; k < l->n; k++) {
        const char *text = l->text.buf + l->start[k];
        const uint64_t h = fnv1a(text, l->len[k]);
        if (same_shape && h != g->hash[k]) {
            if (!open) {
                jw_arr_begin(u);
                jw_int(u, (int64_t)i);
                open = true;
            }
            jw_int(u, (int64_t)l->id[k]);
            jw_raw(u, text, l->len[k]);
        }
        g->id[k] = l->id[k];
        g->hash[k] = h;
    }
    g->n = l->n;
    if (open) {
        jw_arr_end(u);
        d->leaf_entries++;
    } else if (!same_shape) {
        jw_arr_begin(u);
        jw_int(u, (int64_t)i);
        sch_write(u, t, &s->inst[i], s);
        jw_arr_end(u);
        d->whole_entries++;
    }
    return 0;
}

int sdiff_update(sdiff *d, const snap *s, jw *out)
{
    assert(d && s && out);
    jw_reset(out);
    jw_obj_begin(out);
    jw_kfixed(out, "ts", s->ts, 3);
    jw_kstr(out, "source", s->source);
    jw_kint(out, "ninst", (int64_t)s->ninst);
    int rc = diff_parts(d, s, out);
    if (rc == 0 && s->ninst < d->nsig)
        sdiff_forget(d); /* instruments are never removed: a new engine state */
    if (rc == 0)
        rc = grow_sigs(d, s->ninst);
    jw_key(out, "instruments");
    jw_arr_begin(out);
    for (size_t i = 0; rc == 0 && i < s->ninst; i++)
        if (!unchanged(d, s, i))
            rc = diff_inst(d, s, i, out);
    jw_arr_end(out);
    jw_obj_end(out);
    if (rc == 0) {
        d->nsig = s->ninst;
        rc = remember(d, s);
    }
    if (rc != 0 || !jw_ok(out)) {
        sdiff_forget(d);
        return -1;
    }
    return 0;
}

/* ---- applying ---- */

/* An update nests one deeper than the document (a part under "parts", an
 * instrument in its entry); its size is bounded by the frame. */
static const jr_limits update_limits = {SNAPW_MAX_DOC, INT_MAX, SNAPW_MAX_DEPTH + 1};

/* Entry e of "instruments" into w. */
static int apply_entry(const jr *r, int e, snap *w)
{
    const sch_table *t = snaptab_instrument();
    size_t i;
    if (r->tok[e].type != JSMN_ARRAY || r->tok[e].size < 2 || jr_is_null(r, e + 1) || jr_size(r, e + 1, &i) != 0)
        return jr_fail(r, e, "expected [index, object] or [index, id, value, ...]");
    if (i > w->ninst || i >= SNAPW_MAX_INST)
        return jr_fail(r, e + 1, "index %zu beyond the %zu instruments", i, w->ninst);
    int v = jr_after(r, e + 1);
    if (r->tok[e].size == 2 && r->tok[v].type == JSMN_OBJECT) {
        if (snap_reserve(w, i + 1, 0, 0, 0, 0) != 0)
            return jr_fail(r, v, "out of memory");
        snap_inst x;
        memset(&x, 0, sizeof x);
        if (sch_read(r, v, t, &x, w) != 0)
            return -1;
        w->inst[i] = x;
        w->ninst += i == w->ninst;
        return 0;
    }
    if (i == w->ninst || r->tok[e].size % 2 != 1)
        return jr_fail(r, e, "a new instrument comes whole; leaves come in pairs");
    for (int k = 1; k < r->tok[e].size; k += 2) {
        uint64_t id;
        if (jr_is_null(r, v) || jr_count(r, v, &id) != 0 || id > UINT32_MAX)
            return jr_fail(r, v, "expected a field id");
        const int val = jr_after(r, v);
        if (sch_apply_leaf(r, val, (uint32_t)id, t, &w->inst[i], w) != 0)
            return -1;
        v = jr_after(r, val);
    }
    return 0;
}

/* The update's members into w (a copy of the snapshot held). */
static int apply_into(const jr *r, snap *w)
{
    const sch_table *doc = snaptab_document();
    int parts = -1, insts = -1, ninst = -1, ts = -1, source = -1;
    for (int k = 0, t = 1; k < r->tok[0].size; k++, t = jr_after(r, t + 1)) {
        const int v = t + 1;
        if (jr_key_is(r, t, "ts"))
            ts = v;
        else if (jr_key_is(r, t, "source"))
            source = v;
        else if (jr_key_is(r, t, "ninst"))
            ninst = v;
        else if (jr_key_is(r, t, "parts"))
            parts = v;
        else if (jr_key_is(r, t, "instruments"))
            insts = v;
    }
    if (!jr_is_null(r, ts) && jr_num(r, ts, &w->ts) != 0)
        return -1;
    if (jr_str(r, source, w->source, sizeof w->source) != 0)
        return -1;
    if (!jr_is_null(r, parts)) {
        if (r->tok[parts].type != JSMN_OBJECT)
            return jr_fail(r, parts, "expected an object");
        /* in the document's order: limits after underlyings, books before instruments */
        for (int p = 0; p < doc->nrows; p++) {
            if (!snaptab_is_part(p))
                continue;
            for (int k = 0, t = parts + 1; k < r->tok[parts].size; k++, t = jr_after(r, t + 1)) {
                if (!jr_key_is(r, t, doc->rows[p].key))
                    continue;
                const jsmntype_t want = doc->rows[p].type == SCH_OBJ ? JSMN_OBJECT : JSMN_ARRAY;
                const bool may_be_null = doc->rows[p].is_null != NULL; /* a part that can be null */
                if (r->tok[t + 1].type != want && !(may_be_null && jr_is_null(r, t + 1)))
                    return jr_fail(r, t + 1, "expected an %s", want == JSMN_OBJECT ? "object" : "array");
                if (sch_read_value(r, t + 1, &doc->rows[p], w, w) != 0)
                    return -1;
            }
        }
    }
    int e, n = jr_array(r, insts, &e);
    if (n < 0)
        return -1;
    for (int k = 0; k < n; k++, e = jr_after(r, e))
        if (apply_entry(r, e, w) != 0)
            return -1;
    size_t count;
    if (jr_is_null(r, ninst) || jr_size(r, ninst, &count) != 0 || count != w->ninst)
        return jr_fail(r, ninst, "ninst is not the count of instruments the update leaves");
    return 0;
}

int sdiff_apply(snap *s, uint64_t version, const char *js, size_t len, char *err, size_t errlen)
{
    assert(s != NULL);
    jr r;
    if (jr_open(&r, js, len, &update_limits, err, errlen) != 0)
        return -1;
    snap w;
    snap_init(&w);
    int rc = snap_copy(&w, s);
    if (rc != 0)
        jr_fail(&r, -1, "out of memory");
    else
        rc = apply_into(&r, &w);
    jr_close(&r);
    if (rc != 0) {
        snap_free(&w);
        return -1;
    }
    w.version = version;
    snap_free(s);
    *s = w;
    return 0;
}
