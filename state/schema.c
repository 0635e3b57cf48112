/* schema.c - the generic half of the schema (see schema.h): write, read,
 * leaves and docs of any table. The snapshot's tables are in snaptab.c. */
#include "invtop/schema.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *at(void *base, size_t off)
{
    return (char *)base + off;
}

static const void *cat(const void *base, size_t off)
{
    return (const char *)base + off;
}

/* An integer of `size` bytes at p (an enum or a bool). */
static long get_int(const void *p, size_t size)
{
    switch (size) {
    case 1: return *(const unsigned char *)p;
    case 2: return *(const short *)p;
    case 8: return (long)*(const long long *)p;
    default: return *(const int *)p;
    }
}

static void set_int(void *p, size_t size, long v)
{
    switch (size) {
    case 1: *(unsigned char *)p = (unsigned char)v; break;
    case 2: *(short *)p = (short)v; break;
    case 8: *(long long *)p = v; break;
    default: *(int *)p = (int)v; break;
    }
}

static double num_of(const sch_row *x, const void *base)
{
    return x->get ? x->get(base) : *(const double *)cat(base, x->off);
}

void sch_write_value(jw *w, const sch_row *x, const void *base, const snap *s)
{
    const void *p = cat(base, x->off);
    switch (x->type) {
    case SCH_NUM: jw_num(w, num_of(x, base)); break;
    case SCH_FIXED: jw_fixed(w, num_of(x, base), x->prec); break;
    case SCH_U64: jw_int(w, (int64_t) * (const uint64_t *)p); break;
    case SCH_SIZE: jw_int(w, (int64_t) * (const size_t *)p); break;
    case SCH_ULONG: jw_int(w, (int64_t) * (const unsigned long *)p); break;
    case SCH_BOOL: jw_bool(w, *(const bool *)p); break;
    case SCH_STR: jw_str(w, (const char *)p); break;
    case SCH_STRNULL:
        if (*(const char *)p)
            jw_str(w, (const char *)p);
        else
            jw_null(w);
        break;
    case SCH_ENUM: {
        long v = get_int(p, x->size);
        v = v >= 0 && v < x->nnames ? v : 0;
        jw_str(w, x->names ? x->names[v] : x->name_fn((int)v));
        break;
    }
    case SCH_OBJ:
        if (x->is_null && x->is_null(base))
            jw_null(w);
        else
            sch_write(w, x->sub, base, s);
        break;
    case SCH_ARR: {
        const size_t n = x->count(base, s);
        jw_arr_begin(w);
        for (size_t k = 0; k < n; k++)
            sch_write(w, x->sub, x->elem(base, s, k), s);
        jw_arr_end(w);
        break;
    }
    case SCH_CUSTOM: x->write(w, base, s); break;
    }
}

void sch_write(jw *w, const sch_table *t, const void *base, const snap *s)
{
    assert(w && t && base);
    jw_obj_begin(w);
    for (int i = 0; i < t->nrows; i++) {
        const sch_row *x = &t->rows[i];
        if (x->present && !x->present(base))
            continue;
        jw_key(w, x->key);
        sch_write_value(w, x, base, s);
    }
    jw_obj_end(w);
}

/* Array row x at v, read as the row says (see resize in schema.h): each
 * element zeroed, then its object read. */
static int read_array(const jr *r, int v, const sch_row *x, void *base, snap *s)
{
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    size_t keep = (size_t)n, skip = 0;
    if (x->max && keep > x->max) {
        if (!x->keep_first && !x->keep_last)
            return jr_fail(r, v, "more than %zu %s", x->max, x->what ? x->what : x->key);
        skip = x->keep_last ? keep - x->max : 0; /* the oldest, first */
        keep = x->max;
    }
    if (x->resize(base, s, keep) != 0)
        return jr_fail(r, v, "out of memory");
    for (size_t i = 0; i < skip + keep; i++, e = r->next[e]) {
        if (i < skip)
            continue;
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        void *d = x->elem(base, s, i - skip);
        memset(d, 0, x->sub->size);
        if (sch_read(r, e, x->sub, d, s) != 0)
            return -1;
    }
    return 0;
}

int sch_read_value(const jr *r, int v, const sch_row *x, void *base, snap *s)
{
    void *p = at(base, x->off);
    uint64_t u;
    switch (x->type) {
    case SCH_NUM:
    case SCH_FIXED:
        return jr_num(r, v, (double *)p); /* a derived value (get) reads back as written */
    case SCH_U64: return jr_count(r, v, (uint64_t *)p);
    case SCH_SIZE: return jr_size(r, v, (size_t *)p);
    case SCH_ULONG:
        if (jr_count(r, v, &u) != 0)
            return -1;
        if (u > (uint64_t)(unsigned long)-1)
            return jr_fail(r, v, "count out of range");
        *(unsigned long *)p = (unsigned long)u;
        return 0;
    case SCH_BOOL: return jr_bool(r, v, (bool *)p);
    case SCH_STR:
    case SCH_STRNULL: return jr_str(r, v, (char *)p, x->size);
    case SCH_ENUM: {
        const char *fn_names[64];
        const char *const *names = x->names;
        assert(x->nnames <= 64);
        if (!names) {
            for (int k = 0; k < x->nnames; k++)
                fn_names[k] = x->name_fn(k);
            names = fn_names;
        }
        const int k = jr_name(r, v, names, x->nnames, x->what ? x->what : x->key);
        if (k < 0)
            return -1;
        set_int(p, x->size, k);
        return 0;
    }
    case SCH_OBJ: return sch_read(r, v, x->sub, base, s);
    case SCH_ARR: return x->read ? x->read(r, v, base, s) : read_array(r, v, x, base, s);
    case SCH_CUSTOM: return x->read(r, v, base, s);
    }
    return jr_fail(r, v, "no such field type");
}

int sch_read(const jr *r, int v, const sch_table *t, void *base, snap *s)
{
    assert(t->nrows > 0 && t->nrows <= JR_MAX_FIELDS);
    jr_field f[JR_MAX_FIELDS];
    int tok[JR_MAX_FIELDS];
    for (int i = 0; i < t->nrows; i++)
        f[i] = (jr_field){t->rows[i].key, JR_OWN, (size_t)i, 0};
    if (jr_read_fields(r, v, f, t->nrows, NULL, tok) != 0)
        return -1;
    for (int i = 0; i < t->nrows; i++)
        if (sch_read_value(r, tok[i], &t->rows[i], base, s) != 0)
            return -1;
    return t->finish ? t->finish(r, tok, base, s) : 0;
}

int sch_find(const sch_table *t, const char *key)
{
    for (int i = 0; i < t->nrows; i++)
        if (strcmp(t->rows[i].key, key) == 0)
            return i;
    return -1;
}

/* ---- leaves ---- */

void sch_leaves_free(sch_leaves *l)
{
    free(l->id);
    free(l->start);
    free(l->len);
    jw_free(&l->text);
    memset(l, 0, sizeof *l);
}

/* Add leaf id whose text runs from `from` to the end of l->text. */
static void add_leaf(sch_leaves *l, uint32_t id, size_t from)
{
    if (l->failed)
        return;
    if (l->n == l->cap) {
        const size_t cap = l->cap ? 2 * l->cap : 64;
        uint32_t *i = realloc(l->id, cap * sizeof *i);
        if (i)
            l->id = i;
        size_t *st = realloc(l->start, cap * sizeof *st);
        if (st)
            l->start = st;
        size_t *ln = realloc(l->len, cap * sizeof *ln);
        if (ln)
            l->len = ln;
        if (!i || !st || !ln) {
            l->failed = true;
            return;
        }
        l->cap = cap;
    }
    l->id[l->n] = id;
    l->start[l->n] = from;
    l->len[l->n] = l->text.len - from;
    l->n++;
}

/* A value's text on its own: the writer has no open container. */
static size_t begin_leaf(sch_leaves *l)
{
    l->text.depth = 0;
    l->text.after_key = false;
    l->text.need_comma[0] = false;
    return l->text.len;
}

/* The rows of sub-table t at base as leaves row | (sub + 1) << 6 | elem << 12. */
static void sub_leaves(sch_leaves *l, uint32_t row, uint32_t elem, const sch_table *t, const void *base,
                       const snap *s)
{
    for (int i = 0; i < t->nrows; i++) {
        const sch_row *x = &t->rows[i];
        if (x->present && !x->present(base))
            continue;
        const size_t from = begin_leaf(l);
        sch_write_value(&l->text, x, base, s);
        add_leaf(l, row | (uint32_t)(i + 1) << 6 | elem << 12, from);
    }
}

int sch_leaves_of(sch_leaves *l, const sch_table *t, const void *base, const snap *s)
{
    assert(t->nrows < 63);
    l->n = 0;
    l->failed = false;
    jw_reset(&l->text);
    for (int i = 0; i < t->nrows; i++) {
        const sch_row *x = &t->rows[i];
        if (x->present && !x->present(base))
            continue;
        size_t from = begin_leaf(l);
        if (x->type == SCH_OBJ) {
            const bool null = x->is_null && x->is_null(base);
            jw_append(&l->text, null ? "null" : "{}", null ? 4 : 2);
            add_leaf(l, (uint32_t)i, from);
            if (!null)
                sub_leaves(l, (uint32_t)i, 0, x->sub, base, s);
        } else if (x->type == SCH_ARR) {
            const size_t n = x->count(base, s);
            if (n >= SCH_MAX_LEAF_ELEMS) {
                l->failed = true;
                return -1;
            }
            jw_int(&l->text, (int64_t)n);
            add_leaf(l, (uint32_t)i, from);
            for (size_t k = 0; k < n; k++)
                sub_leaves(l, (uint32_t)i, (uint32_t)k, x->sub, x->elem(base, s, k), s);
        } else {
            sch_write_value(&l->text, x, base, s);
            add_leaf(l, (uint32_t)i, from);
        }
    }
    return l->failed || !jw_ok(&l->text) ? -1 : 0;
}

const sch_row *sch_leaf_row(const sch_table *t, uint32_t id)
{
    const uint32_t row = SCH_LEAF_ROW(id);
    const int sub = SCH_LEAF_SUB(id);
    if (row >= (uint32_t)t->nrows)
        return NULL;
    const sch_row *x = &t->rows[row];
    if (sub < 0)
        return x;
    if ((x->type != SCH_OBJ && x->type != SCH_ARR) || sub >= x->sub->nrows)
        return NULL;
    return &x->sub->rows[sub];
}

int sch_apply_leaf(const jr *r, int v, uint32_t id, const sch_table *t, void *base, snap *s)
{
    const sch_row *x = sch_leaf_row(t, id), *top = sch_leaf_row(t, SCH_LEAF_ROW(id));
    if (!x)
        return jr_fail(r, v, "no field %u", (unsigned)id);
    if (SCH_LEAF_SUB(id) < 0) {
        if (x->type == SCH_OBJ || x->type == SCH_ARR)
            return jr_fail(r, v, "field %s: a new shape comes whole", x->key);
        return sch_read_value(r, v, x, base, s);
    }
    if (top->type == SCH_OBJ) {
        if (SCH_LEAF_ELEM(id) != 0)
            return jr_fail(r, v, "field %s: not an array", top->key);
        return sch_read_value(r, v, x, base, s);
    }
    const size_t k = SCH_LEAF_ELEM(id);
    if (k >= top->count(base, s))
        return jr_fail(r, v, "field %s: no element %zu", top->key, k);
    return sch_read_value(r, v, x, top->elem(base, s, k), s);
}

/* ---- docs ---- */

static const char *type_name(const sch_row *x)
{
    switch (x->type) {
    case SCH_NUM: return "number";
    case SCH_FIXED: return "fixed";
    case SCH_U64:
    case SCH_SIZE:
    case SCH_ULONG: return "count";
    case SCH_BOOL: return "bool";
    case SCH_STR: return "string";
    case SCH_STRNULL: return "string|null";
    case SCH_ENUM: return "name";
    case SCH_OBJ: return "object";
    case SCH_ARR: return "array";
    case SCH_CUSTOM: return "see doc";
    }
    return "?";
}

void sch_doc(jw *w, const sch_table *t, const char *prefix, bool nested)
{
    char path[128], type[64];
    for (int i = 0; i < t->nrows; i++) {
        const sch_row *x = &t->rows[i];
        snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", x->key);
        if (x->type == SCH_FIXED)
            snprintf(type, sizeof type, "%.*f", x->prec, 0.0);
        else
            snprintf(type, sizeof type, "%s", x->type == SCH_CUSTOM && x->unit ? "" : type_name(x));
        if (x->unit && type[0])
            snprintf(type + strlen(type), sizeof type - strlen(type), " %s", x->unit);
        else if (x->unit)
            snprintf(type, sizeof type, "%s", x->unit);
        char line[512];
        int n = snprintf(line, sizeof line, "%-34s %-14s %s", path, type, x->doc ? x->doc : "");
        if (x->type == SCH_ENUM) {
            n += snprintf(line + n, sizeof line - (size_t)n, " (");
            for (int k = 0; k < x->nnames && (size_t)n < sizeof line; k++)
                n += snprintf(line + n, sizeof line - (size_t)n, "%s%s", k ? " | " : "",
                              x->names ? x->names[k] : x->name_fn(k));
            if ((size_t)n < sizeof line)
                n += snprintf(line + n, sizeof line - (size_t)n, ")");
        }
        if (n < 0 || (size_t)n >= sizeof line)
            n = (int)sizeof line - 1;
        while (n > 0 && line[n - 1] == ' ')
            n--;
        jw_append(w, line, (size_t)n);
        jw_append(w, "\n", 1);
        if (x->sub && nested) {
            snprintf(path, sizeof path, "%s%s%s%s", prefix, prefix[0] ? "." : "", x->key,
                     x->type == SCH_OBJ ? "" : "[]");
            sch_doc(w, x->sub, path, true);
        }
    }
}
