/* srcmap_check.c - [source NAME] sections taken together: checking,
 * printing and comparing them, and the fields they know (see srcmap.h). */
#include "invtop/srcmap.h"

#include <assert.h>
#include <stdarg.h>
#include <string.h>

#include "feed/srcmap_in.h"

#define PX_BIT (1u << EVENT_PX)
#define POS_BIT (1u << EVENT_POS)
#define FILL_BIT (1u << EVENT_FILL)
#define INST_BIT (1u << EVENT_INST)
#define ALL_BITS (PX_BIT | POS_BIT | FILL_BIT | INST_BIT)

static const sm_field_def fields[F_COUNT] = {
    [F_SYM] = {"sym", "sym", ALL_BITS, FC_SYMBOL, NULL},
    [F_VENUE] = {"venue", "venue", ALL_BITS, FC_SYMBOL, NULL},
    [F_TS] = {"ts", "ts", ALL_BITS, FC_NUMBER, "0"},
    [F_SEQ] = {"seq", "seq", ALL_BITS, FC_NUMBER, "0"},
    [F_SRC] = {"src", "src", ALL_BITS, FC_SYMBOL, NULL},
    [F_BID] = {"bid", "bid", PX_BIT, FC_NUMBER, "1"},
    [F_ASK] = {"ask", "ask", PX_BIT, FC_NUMBER, "2"},
    [F_MID] = {"mid", "mid", PX_BIT, FC_NUMBER, "1"},
    [F_LAST] = {"last", "last", PX_BIT, FC_NUMBER, "1"},
    [F_IV] = {"iv", "iv", PX_BIT | INST_BIT, FC_NUMBER, "0.5"},
    [F_QTY] = {"qty", "qty", POS_BIT | FILL_BIT, FC_NUMBER, "1"},
    [F_AVG_PX] = {"avg_px", "avg_px", POS_BIT, FC_NUMBER, "1"},
    [F_SIDE] = {"side", "side", POS_BIT | FILL_BIT, FC_WORD, NULL},
    [F_BOOK] = {"book", "book", POS_BIT | FILL_BIT, FC_SYMBOL, NULL},
    [F_PX] = {"px", "px", FILL_BIT, FC_NUMBER, "1"},
    [F_FEE] = {"fee", "fee", FILL_BIT, FC_NUMBER, "0"},
    [F_CL_ORD_ID] = {"cl_ord_id", "cl_ord_id", FILL_BIT, FC_ID, NULL},
    [F_UNDERLYING] = {"underlying", "underlying", INST_BIT, FC_SYMBOL, NULL},
    [F_MULT] = {"mult", "mult", INST_BIT, FC_NUMBER, "1"},
    [F_TICK] = {"tick", "tick", INST_BIT, FC_NUMBER, "0"},
    [F_LOT] = {"lot", "lot", INST_BIT, FC_NUMBER, "0"},
    [F_STRIKE] = {"strike", "strike", INST_BIT, FC_NUMBER, "1"},
    [F_EXPIRY] = {"expiry", "expiry", INST_BIT, FC_WORD, NULL},
    [F_RIGHT] = {"right", "right", INST_BIT, FC_WORD, NULL},
    [F_LOWER] = {"lower", "lower", INST_BIT, FC_NUMBER, "1"},
    [F_UPPER] = {"upper", "upper", INST_BIT, FC_NUMBER, "2"},
    [F_QUOTE] = {"quote", "quote", INST_BIT, FC_SYMBOL, NULL},
    [F_SETTLE] = {"settle", "settle", INST_BIT, FC_WORD, NULL},
    [F_INST_KIND] = {"inst_kind", "kind", INST_BIT, FC_WORD, NULL},
};

const sm_field_def *sm_field_info(sm_field f)
{
    assert((unsigned)f < F_COUNT);
    return &fields[f];
}

/* The field named s[0..n), or -1. */
int sm_field_named(const char *s, size_t n)
{
    for (int f = 0; f < F_COUNT; f++)
        if (strlen(fields[f].name) == n && memcmp(fields[f].name, s, n) == 0)
            return f;
    return -1;
}

static const char *const kind_names[EVENT_KIND_COUNT] = {
    [EVENT_INST] = "inst", [EVENT_PX] = "px", [EVENT_POS] = "pos", [EVENT_FILL] = "fill"};

const char *sm_kind_name(int kind)
{
    assert(kind >= 0 && kind < EVENT_KIND_COUNT);
    return kind_names[kind];
}

/* ---- checking the sections together ---- */

static int check_fail(char *err, size_t cap, const sm_section *s, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int check_fail(char *err, size_t cap, const sm_section *s, const char *fmt, ...)
{
    int k = snprintf(err, cap, "[source %s]: ", s->name);
    if (k >= 0 && (size_t)k < cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + k, cap - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* A field of a text section's may be only constants: there is no JSON. */
static bool constant_expr(const sm_expr *e)
{
    for (int i = 0; i < e->n; i++)
        if (e->t[i].type == SM_T_PATH || e->t[i].type == SM_T_MAP)
            return false;
    return true;
}

static int check_section(const sm_section *s, char *err, size_t cap)
{
    if (s->kind < 0)
        return check_fail(err, cap, s, "no kind (px, pos, fill or inst)");
    const unsigned bit = 1u << s->kind;
    bool has[F_COUNT] = {false};
    for (int k = 0; k < s->nkv; k++) {
        const sm_kv *kv = &s->kv[k];
        if (kv->what != K_FIELD)
            continue;
        if (kv->field < 0 || !(sm_field_info((sm_field)kv->field)->kinds & bit))
            return check_fail(err, cap, s, "%s is no field of %s", kv->key, sm_kind_name(s->kind));
        if (s->text >= 0 && !constant_expr(kv->c.expr))
            return check_fail(err, cap, s, "%s: a text section's other fields are constants", kv->key);
        has[kv->field] = true;
    }
    if (s->text >= 0) {
        if (s->records >= 0)
            return check_fail(err, cap, s, "text and records: a section has one or the other");
        if (s->when >= 0)
            return check_fail(err, cap, s, "when has no JSON to look at in a text section");
        const sm_tmpl *t = s->kv[s->text].c.tmpl;
        for (int i = 0; i < t->n; i++) {
            if (!t->p[i].cap)
                continue;
            const int f = t->p[i].field;
            if (f < 0 || !(sm_field_info((sm_field)f)->kinds & bit))
                return check_fail(err, cap, s, "text: {%.*s} is no field of %s", (int)t->p[i].len, t->p[i].s,
                                  sm_kind_name(s->kind));
            if (has[f])
                return check_fail(err, cap, s, "%s is both captured by text and set", sm_field_info((sm_field)f)->name);
            has[f] = true;
        }
    }
    if (!has[F_SYM])
        return check_fail(err, cap, s, "no sym");
    switch (s->kind) {
    case EVENT_PX:
        if (has[F_BID] != has[F_ASK])
            return check_fail(err, cap, s, "%s without %s", has[F_BID] ? "bid" : "ask", has[F_BID] ? "ask" : "bid");
        if (!has[F_BID] && !has[F_MID] && !has[F_LAST])
            return check_fail(err, cap, s, "px needs bid and ask, or mid, or last");
        break;
    case EVENT_POS:
        if (!has[F_QTY])
            return check_fail(err, cap, s, "pos needs qty");
        break;
    case EVENT_FILL:
        if (!has[F_SIDE] || !has[F_QTY] || !has[F_PX])
            return check_fail(err, cap, s, "fill needs side, qty and px");
        break;
    default:
        break;
    }
    return 0;
}

int srcmap_check(const srcmap *m, char *err, size_t cap)
{
    for (size_t i = 0; i < m->n; i++)
        if (check_section(m->sec[i], err, cap) != 0)
            return -1;
    return 0;
}

void srcmap_print(const srcmap *m, FILE *out)
{
    for (size_t i = 0; i < m->n; i++) {
        const sm_section *s = m->sec[i];
        fprintf(out, "%s[source %s]\n", i ? "\n" : "", s->name);
        for (int k = 0; k < s->nkv; k++)
            fprintf(out, "%s = %s\n", s->kv[k].key, s->kv[k].val);
    }
}

bool srcmap_same(const srcmap *a, const srcmap *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++) {
        const sm_section *x = a->sec[i], *y = b->sec[i];
        if (strcmp(x->name, y->name) != 0 || x->nkv != y->nkv)
            return false;
        for (int k = 0; k < x->nkv; k++)
            if (strcmp(x->kv[k].key, y->kv[k].key) != 0 || strcmp(x->kv[k].val, y->kv[k].val) != 0)
                return false;
    }
    return true;
}
