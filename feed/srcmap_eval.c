/* srcmap_eval.c - decoding a venue's message by [source NAME] sections
 * (see srcmap.h): each record a section takes is written as a native body
 * and decoded by wire_decode_mapped. */
#include "invtop/srcmap.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "feed/srcmap_in.h"
#include "invtop/wire_body.h"

srcmap_ctx *srcmap_ctx_new(void)
{
    return calloc(1, sizeof(srcmap_ctx));
}

void srcmap_ctx_free(srcmap_ctx *cx)
{
    free(cx);
}

/* ---- the message's JSON ---- */

/* Tokenize js[0..len) as one JSON value with only white space after it:
 * by the path-directed scan when it takes it, else every token. */
static bool parse_json(const srcmap *m, srcmap_ctx *cx, const char *js, size_t len)
{
    cx->nindexed = 0;
    cx->fast = !cx->general && sm_fast_scan(&m->trie, js, len, cx->tok, cx->next, SM_MAX_TOKENS, cx->node_tok);
    return cx->fast || sm_tokens(js, len, cx->tok, cx->next, cx->stack, SM_MAX_TOKENS, &cx->ntok);
}

/* ---- values ---- */

typedef enum {
    V_STR,  /* a JSON string: s[0..n) its raw content */
    V_PRIM, /* a JSON number, true, false or null: its text */
    V_NUM,  /* a number: x */
    V_TEXT, /* a text (a constant, a map's value, a capture) */
    V_OBJ,  /* an object or array: its JSON text */
} vtype;

typedef struct {
    vtype t;
    const char *s;
    size_t n;
    double x;
} value;

/* Why a record was refused, while it is mapped. */
typedef struct {
    wire_status st;
    char *why;
    const char *section, *field;
} refusal;

static void refuse(refusal *rf, wire_status st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void refuse(refusal *rf, wire_status st, const char *fmt, ...)
{
    rf->st = st;
    if (!rf->why)
        return;
    int k = snprintf(rf->why, SRCMAP_WHY_MAX, "%s: %s: ", rf->section, rf->field);
    if (k >= 0 && k < SRCMAP_WHY_MAX) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(rf->why + k, SRCMAP_WHY_MAX - (size_t)k, fmt, ap);
        va_end(ap);
    }
}

/* The text a value compares as (a number computed: "%.17g" into buf). */
static void value_text(const value *v, char *buf, size_t cap, const char **s, size_t *n)
{
    if (v->t == V_NUM) {
        const int k = snprintf(buf, cap, "%.17g", v->x);
        *s = buf;
        *n = k > 0 ? (size_t)k : 0;
    } else {
        *s = v->s;
        *n = v->n;
    }
}

/* What the message being decoded is: its JSON (tokens in cx) or text. */
typedef struct {
    srcmap_ctx *cx;
    const char *js; /* the body */
    int rec;        /* the record's token */
} msgref;

/* Term t's value for the record; false with the refusal made when it has
 * none (rf->why NULL: a condition's term, no message needed). */
static bool eval_term(const msgref *mr, const sm_term *t, value *v, refusal *rf)
{
    if (t->type == SM_T_TEXT) {
        *v = (value){V_TEXT, t->s, t->n, 0};
        return true;
    }
    if (t->type == SM_T_NUM) {
        *v = (value){V_NUM, t->s, t->n, t->x};
        return true;
    }
    const sm_path *p = &t->path;
    if (!mr->cx) { /* a text body has no JSON */
        refuse(rf, WIRE_ERR_MISSING, "%.*s is absent", (int)p->text_len, p->text);
        return false;
    }
    int at = -1, step = 0;
    const walk_rc w = sm_walk(mr->cx, mr->js, mr->rec, p, &at, &step);
    if (w == W_ABSENT) {
        refuse(rf, WIRE_ERR_MISSING, "%.*s is absent", (int)p->text_len, p->text);
        return false;
    }
    if (w == W_THROUGH) {
        const sm_step *st = &p->step[step];
        if (st->index >= 0)
            refuse(rf, WIRE_ERR_TYPE, "%.*s: [%d] of a non-array", (int)p->text_len, p->text, (int)st->index);
        else
            refuse(rf, WIRE_ERR_TYPE, "%.*s: %.*s of a non-object", (int)p->text_len, p->text, (int)st->len,
                   st->key);
        return false;
    }
    const jsmntok_t *k = &mr->cx->tok[at];
    const char *s = mr->js + k->start;
    const size_t n = (size_t)(k->end - k->start);
    *v = (value){k->type == JSMN_STRING ? V_STR : k->type == JSMN_PRIMITIVE ? V_PRIM : V_OBJ, s, n, 0};
    if (t->type == SM_T_PATH)
        return true;
    if (v->t == V_OBJ) {
        refuse(rf, WIRE_ERR_TYPE, "%.*s is an object or array, no map key", (int)p->text_len, p->text);
        return false;
    }
    const sm_entry *e = NULL;
    for (int i = 0; i < t->nmap && !e; i++)
        if (i != t->dflt && t->map[i].key_len == n && memcmp(t->map[i].key, s, n) == 0)
            e = &t->map[i];
    if (!e && t->dflt >= 0)
        e = &t->map[t->dflt];
    if (!e) {
        refuse(rf, WIRE_ERR_VALUE, "%.*s is '%.*s', not in its map", (int)p->text_len, p->text, n > 40 ? 40 : (int)n,
               s);
        return false;
    }
    *v = e->num ? (value){V_NUM, e->val, e->val_len, e->x} : (value){V_TEXT, e->val, e->val_len, 0};
    return true;
}

/* Value v as a number for arithmetic: a number, or a string holding one
 * in JSON's grammar. */
static bool as_number(const value *v, const sm_term *t, double *x, refusal *rf)
{
    if (v->t == V_NUM) {
        *x = v->x;
        return true;
    }
    const wire_status st = v->t == V_OBJ ? WIRE_ERR_TYPE : wb_text_number(v->s, v->n, x);
    if (st == WIRE_OK)
        return true;
    const char *s = t->type == SM_T_PATH || t->type == SM_T_MAP ? t->path.text : t->s;
    const int n = (int)(t->type == SM_T_PATH || t->type == SM_T_MAP ? t->path.text_len : t->n);
    refuse(rf, st, "%.*s is not a number ('%.*s')", n, s, v->n > 40 ? 40 : (int)v->n, v->s);
    return false;
}

/* Expression e's value: one term's as it is, terms joined by * or / a number. */
static bool eval_expr(const msgref *mr, const sm_expr *e, value *v, refusal *rf)
{
    if (!eval_term(mr, &e->t[0], v, rf))
        return false;
    if (e->n == 1)
        return true;
    double acc;
    if (!as_number(v, &e->t[0], &acc, rf))
        return false;
    for (int i = 1; i < e->n; i++) {
        value w;
        double x;
        if (!eval_term(mr, &e->t[i], &w, rf) || !as_number(&w, &e->t[i], &x, rf))
            return false;
        if (e->op[i] == '/' && x == 0) {
            refuse(rf, WIRE_ERR_NUMBER, "division by zero");
            return false;
        }
        acc = e->op[i] == '*' ? acc * x : acc / x;
    }
    if (!isfinite(acc)) {
        refuse(rf, WIRE_ERR_NUMBER, "the result is not finite");
        return false;
    }
    *v = (value){V_NUM, NULL, 0, acc};
    return true;
}

static bool is_numeric(const value *v, double *x)
{
    if (v->t == V_NUM) {
        *x = v->x;
        return true;
    }
    return v->t == V_PRIM && wb_text_number(v->s, v->n, x) == WIRE_OK;
}

/* Every condition of w holds for the record. */
static bool conditions_hold(const msgref *mr, const sm_when *w)
{
    refusal quiet = {WIRE_OK, NULL, NULL, NULL};
    for (int i = 0; i < w->n; i++) {
        const sm_cond *c = &w->c[i];
        value a, b;
        const bool have = eval_term(mr, &c->a, &a, &quiet);
        if (c->op == SM_ABSENT) {
            if (have)
                return false;
            continue;
        }
        if (!have || !eval_term(mr, &c->b, &b, &quiet))
            return false;
        double x, y;
        bool eq;
        if (is_numeric(&a, &x) && is_numeric(&b, &y)) {
            eq = x == y;
        } else {
            char ba[32], bb[32];
            const char *sa, *sb;
            size_t na, nb;
            value_text(&a, ba, sizeof ba, &sa, &na);
            value_text(&b, bb, sizeof bb, &sb, &nb);
            eq = na == nb && memcmp(sa, sb, na) == 0;
        }
        if (eq != (c->op == SM_EQ))
            return false;
    }
    return true;
}

/* ---- the native body ---- */

typedef struct {
    char *buf;
    size_t len, cap;
    bool over;
} out_buf;

static void put(out_buf *o, const char *s, size_t n)
{
    if (o->over || n > o->cap - o->len) {
        o->over = true;
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

/* Text as a JSON string. */
static void put_text(out_buf *o, const char *s, size_t n)
{
    put(o, "\"", 1);
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(o, s + from, i - from);
        char esc[8];
        snprintf(esc, sizeof esc, "\\u%04x", c);
        put(o, esc, 6);
        from = i + 1;
    }
    put(o, s + from, n - from);
    put(o, "\"", 1);
}

/* x as JSON text that reads back as x exactly (b: 40 bytes), its length.
 * When x is m / 10^k for an integer m <= 2^53 and k <= 9, "m" with a point
 * k digits from its right: the very division the decoder's number reader
 * makes (wb_text_number), so the text reads back as x, and without
 * printf, which cost a third of a mapped message (callgrind); else
 * "%.17g", which always reads back as x. */
static size_t format_number(double x, char *b)
{
    static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (x != 0 || !signbit(x)) {
        for (int k = 0; k < 10; k++) {
            const double y = x * p10[k];
            if (!(fabs(y) <= 9007199254740992.0))
                break;
            const double m = nearbyint(y);
            if (m / p10[k] != x)
                continue;
            char d[24];
            int nd = 0;
            for (uint64_t u = (uint64_t)fabs(m); u || nd <= k; u /= 10)
                d[nd++] = (char)('0' + u % 10);
            size_t n = 0;
            if (x < 0)
                b[n++] = '-';
            while (nd > 0) {
                if (nd == k)
                    b[n++] = '.';
                b[n++] = d[--nd];
            }
            return n;
        }
    }
    const int n = snprintf(b, 40, "%.17g", x);
    assert(n > 0 && n < 40);
    return (size_t)n;
}

static void put_value(out_buf *o, const value *v)
{
    switch (v->t) {
    case V_STR:
        put(o, v->s - 1, v->n + 2); /* with its quotes */
        break;
    case V_PRIM:
    case V_OBJ:
        put(o, v->s, v->n);
        break;
    case V_NUM: {
        char b[40];
        put(o, b, format_number(v->x, b));
        break;
    }
    case V_TEXT:
        put_text(o, v->s, v->n);
        break;
    }
}

static void put_key(out_buf *o, const char *native)
{
    put(o, o->len > 1 ? ",\"" : "\"", o->len > 1 ? 2 : 1);
    put(o, native, strlen(native));
    put(o, "\":", 2);
}

/* What decoding a message came to so far. */
typedef struct {
    srcmap_result *r;
    srcmap_ctx *cx;
} run;

/* Map one record that section k took into the next event: false with the
 * refusal in r when it cannot be. caps: a text body's captures (NULL for
 * JSON), by field. */
static bool take(run *rn, const sm_section *s, int k, const msgref *mr, const value *caps)
{
    srcmap_result *r = rn->r;
    refusal rf = {WIRE_OK, r->why, s->name, "record"};
    if (r->nevents == SRCMAP_MAX_EVENTS) {
        refuse(&rf, WIRE_ERR_VALUE, "too many records (over %d)", SRCMAP_MAX_EVENTS);
        goto refused;
    }
    out_buf o = {rn->cx->body, 0, sizeof rn->cx->body, false};
    put(&o, "{", 1);
    for (int i = 0; caps && i < F_COUNT; i++)
        if (caps[i].s) {
            put_key(&o, sm_field_info((sm_field)i)->native);
            put_value(&o, &caps[i]);
        }
    for (int i = 0; i < s->nkv; i++) {
        const sm_kv *kv = &s->kv[i];
        if (kv->what != K_FIELD)
            continue;
        assert(kv->field >= 0); /* srcmap_check saw to that */
        value v;
        rf.field = kv->key;
        if (!eval_expr(mr, kv->c.expr, &v, &rf))
            goto refused;
        if (v.t == V_OBJ) {
            refuse(&rf, WIRE_ERR_TYPE, "%.*s is an object or array", (int)v.n > 40 ? 40 : (int)v.n, v.s);
            goto refused;
        }
        put_key(&o, sm_field_info((sm_field)kv->field)->native);
        put_value(&o, &v);
    }
    put(&o, "}", 1);
    rf.field = "record";
    if (o.over) {
        refuse(&rf, WIRE_ERR_OVERSIZE, "its native body is over %d bytes", WIRE_MAX_FRAME);
        goto refused;
    }
    event *ev = &rn->cx->ev[r->nevents];
    const wire_status st = wire_decode_mapped((event_kind)s->kind, o.buf, o.len, ev);
    if (st != WIRE_OK) {
        rf.st = st;
        char val[48];
        const char *field = sm_blame((event_kind)s->kind, o.buf, o.len, st, rn->cx->blame, sizeof rn->cx->blame, val,
                                     sizeof val);
        if (field)
            snprintf(r->why, SRCMAP_WHY_MAX, "%s: %s: %s ('%s')", s->name, field, wire_status_name(st), val);
        else
            snprintf(r->why, SRCMAP_WHY_MAX, "%s: %s: %.*s", s->name, wire_status_name(st),
                     (int)(o.len > 100 ? 100 : o.len), o.buf);
        goto refused;
    }
    r->nevents++;
    r->matched |= (uint64_t)1 << k;
    return true;
refused:
    r->status = rf.st;
    r->failed = k;
    r->matched |= (uint64_t)1 << k; /* its when held: the record was taken, then refused */
    return false;
}

/* A text section: the template against the whole body. */
static bool take_text(run *rn, const sm_section *s, int k, const char *body, size_t len, bool *took)
{
    const sm_tmpl *t = s->kv[s->text].c.tmpl;
    if (len && body[0] == '{')
        return true; /* a JSON object is no text body, whatever a template would make of it */
    value caps[F_COUNT];
    memset(caps, 0, sizeof caps);
    size_t i = 0;
    for (int p = 0; p < t->n; p++) {
        if (!t->p[p].cap) {
            if (len - i < t->p[p].len || memcmp(body + i, t->p[p].s, t->p[p].len) != 0)
                return true; /* not this template: not taken */
            i += t->p[p].len;
            continue;
        }
        size_t end = len;
        if (p + 1 < t->n) { /* up to the next literal's first occurrence */
            const char *lit = t->p[p + 1].s;
            const size_t ln = t->p[p + 1].len;
            end = SIZE_MAX;
            for (size_t j = i + 1; j + ln <= len; j++)
                if (memcmp(body + j, lit, ln) == 0) {
                    end = j;
                    break;
                }
            if (end == SIZE_MAX)
                return true;
        }
        if (end <= i)
            return true; /* a capture is never empty */
        caps[t->p[p].field] = (value){V_TEXT, body + i, end - i, 0};
        i = end;
    }
    if (i != len)
        return true;
    *took = true;
    const msgref mr = {NULL, body, 0};
    return take(rn, s, k, &mr, caps);
}

/* Section k over the message's JSON: its records, each taken when its
 * conditions hold. False when a record taken was refused. */
static bool take_json(run *rn, const sm_section *s, int k, const char *js, bool *took)
{
    srcmap_ctx *cx = rn->cx;
    msgref mr = {cx, js, 0};
    int first = 0, count = 1;
    if (s->records >= 0) {
        int step;
        if (sm_walk(cx, js, 0, s->kv[s->records].c.path, &first, &step) != W_FOUND)
            return true; /* no records here */
        if (cx->tok[first].type == JSMN_ARRAY) {
            count = cx->tok[first].size;
            first++;
        }
    }
    const sm_when *w = s->when >= 0 ? s->kv[s->when].c.when : NULL;
    for (int i = 0, rec = first; i < count; i++, rec = cx->next[rec]) {
        mr.rec = rec;
        if (w && !conditions_hold(&mr, w))
            continue;
        *took = true;
        if (!take(rn, s, k, &mr, NULL))
            return false;
    }
    return true;
}

void srcmap_decode(const srcmap *m, srcmap_ctx *cx, size_t nframes, const char *const frames[],
                   const size_t lens[], srcmap_result *r)
{
    r->events = cx->ev;
    r->nevents = 0;
    r->matched = 0;
    r->failed = -1;
    r->why[0] = '\0';
    if (nframes == 0 || nframes > 2) {
        r->status = WIRE_ERR_FRAMING;
        return;
    }
    for (size_t i = 0; i < nframes; i++)
        if (lens[i] > WIRE_MAX_FRAME) {
            r->status = WIRE_ERR_OVERSIZE;
            return;
        }
    const char *topic = "", *body = frames[0];
    size_t tlen = 0, blen = lens[0];
    if (nframes == 2) {
        topic = frames[0];
        tlen = lens[0];
        body = frames[1];
        blen = lens[1];
    } else if (blen > 0 && body[0] != '{') {
        const char *sp = memchr(body, ' ', blen);
        if (sp) {
            topic = body;
            tlen = (size_t)(sp - body);
            body = sp + 1;
            blen -= tlen + 1;
        }
    }
    run rn = {r, cx};
    int json = 0; /* 1 parsed, -1 not JSON, 0 not yet looked at */
    bool matched = false, took = false;
    for (size_t k = 0; k < m->n; k++) {
        const sm_section *s = m->sec[k];
        if (s->topic >= 0) {
            const char *p = s->kv[s->topic].val;
            const size_t pn = strlen(p);
            if (pn > tlen || memcmp(topic, p, pn) != 0)
                continue;
        }
        matched = true;
        bool ok;
        if (s->text >= 0) {
            ok = take_text(&rn, s, (int)k, body, blen, &took);
        } else {
            if (json == 0)
                json = parse_json(m, cx, body, blen) ? 1 : -1;
            if (json < 0)
                continue;
            ok = take_json(&rn, s, (int)k, body, &took);
        }
        if (!ok) {
            r->nevents = 0;
            return;
        }
    }
    if (r->nevents > 0)
        r->status = WIRE_OK;
    else if (json < 0 && !took)
        r->status = WIRE_ERR_JSON; /* nothing made sense of it */
    else
        r->status = matched ? WIRE_IGNORED : WIRE_ERR_KIND;
}
