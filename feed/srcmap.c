/* srcmap.c - [source NAME] sections: compiling, checking and printing them
 * (see srcmap.h; decoding is feed/srcmap_eval.c). */
#include "invtop/srcmap.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "feed/srcmap_in.h"

srcmap *srcmap_new(void)
{
    return calloc(1, sizeof(srcmap));
}

static void kv_free(sm_kv *kv)
{
    free(kv->key);
    free(kv->val);
    free(kv->c.any);
}

void srcmap_free(srcmap *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        for (int k = 0; k < m->sec[i]->nkv; k++)
            kv_free(&m->sec[i]->kv[k]);
        free(m->sec[i]);
    }
    free(m);
}

size_t srcmap_count(const srcmap *m)
{
    return m->n;
}

const char *srcmap_name(const srcmap *m, size_t k)
{
    assert(k < m->n);
    return m->sec[k]->name;
}

/* ---- compiling a value ---- */

/* A value being read: its text, where we are, and where the error goes. */
typedef struct {
    const char *s;
    size_t i, n;
    const char *key;
    char *err;
    size_t cap;
} lexer;

static int fail(lexer *lx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(lexer *lx, const char *fmt, ...)
{
    int k = snprintf(lx->err, lx->cap, "%s: ", lx->key);
    if (k >= 0 && (size_t)k < lx->cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(lx->err + k, lx->cap - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static void skip_ws(lexer *lx)
{
    while (lx->i < lx->n && (lx->s[lx->i] == ' ' || lx->s[lx->i] == '\t'))
        lx->i++;
}

static bool at_end(lexer *lx)
{
    skip_ws(lx);
    return lx->i >= lx->n;
}

/* Bytes that end a bare word (a path, a number, a map's bare key or value). */
static bool word_stop(char c)
{
    return c == ' ' || c == '\t' || c == '*' || c == '/' || c == '{' || c == '}' || c == '\'' ||
           c == '=' || c == '!' || c == ',' || c == ':';
}

/* s[0..n) is exactly one finite number (strtod's grammar). */
static bool whole_number(const char *s, size_t n, double *x)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    *x = strtod(buf, &end);
    return *end == '\0' && isfinite(*x) && (buf[0] == '-' || buf[0] == '.' || (buf[0] >= '0' && buf[0] <= '9'));
}

/* A path s[0..n): [$.]KEY[.KEY|[N]]... */
static int compile_path(lexer *lx, const char *s, size_t n, sm_path *p)
{
    p->text = s;
    p->text_len = (uint32_t)n;
    p->n = 0;
    p->root = n >= 2 && s[0] == '$' && s[1] == '.';
    size_t i = p->root ? 2 : 0;
    if (i >= n)
        return fail(lx, "empty path '%.*s'", (int)n, s);
    for (;;) {
        if (p->n == SM_STEPS)
            return fail(lx, "path %.*s: more than %d steps", (int)n, s, SM_STEPS);
        sm_step *st = &p->step[p->n];
        if (s[i] == '[') {
            size_t j = i + 1;
            long v = 0;
            while (j < n && s[j] >= '0' && s[j] <= '9' && v < 100000000)
                v = v * 10 + (s[j++] - '0');
            if (j == i + 1 || j >= n || s[j] != ']')
                return fail(lx, "path %.*s: expected [N] at '%.*s'", (int)n, s, (int)(n - i), s + i);
            *st = (sm_step){NULL, 0, (int32_t)v, 0};
            i = j + 1;
        } else {
            size_t j = i;
            while (j < n && s[j] != '.' && s[j] != '[' && s[j] != ']')
                j++;
            if (j == i)
                return fail(lx, "path %.*s: empty key", (int)n, s);
            *st = (sm_step){s + i, (uint32_t)(j - i), -1, sm_key_hash(s + i, j - i)};
            i = j;
        }
        p->n++;
        if (i == n)
            return 0;
        if (s[i] == '.') {
            if (++i == n)
                return fail(lx, "path %.*s: empty key", (int)n, s);
        } else if (s[i] != '[') {
            return fail(lx, "path %.*s: unexpected '%c'", (int)n, s, s[i]);
        }
    }
}

/* A quoted constant at lx->i ('...'); its content into (s, len). */
static int quoted(lexer *lx, const char **s, uint32_t *len)
{
    assert(lx->s[lx->i] == '\'');
    const char *q = memchr(lx->s + lx->i + 1, '\'', lx->n - lx->i - 1);
    if (!q)
        return fail(lx, "unterminated quote at '%s'", lx->s + lx->i);
    *s = lx->s + lx->i + 1;
    *len = (uint32_t)(q - *s);
    lx->i = (size_t)(q - lx->s) + 1;
    return 0;
}

/* A bare word at lx->i (maybe empty). */
static void bare(lexer *lx, const char **s, uint32_t *len)
{
    const size_t start = lx->i;
    while (lx->i < lx->n && !word_stop(lx->s[lx->i]))
        lx->i++;
    *s = lx->s + start;
    *len = (uint32_t)(lx->i - start);
}

/* A map's key or value: quoted, or a bare word without its spaces. */
static int map_word(lexer *lx, bool is_key, sm_entry *e)
{
    skip_ws(lx);
    const char *s;
    uint32_t n;
    bool q = lx->i < lx->n && lx->s[lx->i] == '\'';
    if (q) {
        if (quoted(lx, &s, &n) != 0)
            return -1;
    } else if (is_key && lx->i < lx->n && lx->s[lx->i] == '*') {
        s = lx->s + lx->i++;
        n = 1;
    } else {
        /* a bare key may hold what a word may not (dots, dashes): up to ':' */
        const size_t start = lx->i;
        while (lx->i < lx->n && lx->s[lx->i] != (is_key ? ':' : ',') && lx->s[lx->i] != '}' &&
               lx->s[lx->i] != '\'' && lx->s[lx->i] != '{')
            lx->i++;
        size_t end = lx->i;
        while (end > start && (lx->s[end - 1] == ' ' || lx->s[end - 1] == '\t'))
            end--;
        s = lx->s + start;
        n = (uint32_t)(end - start);
        if (n == 0)
            return fail(lx, "empty map %s", is_key ? "key" : "value");
    }
    if (is_key) {
        e->key = s;
        e->key_len = n;
    } else {
        e->val = s;
        e->val_len = n;
        e->num = !q && whole_number(s, n, &e->x);
    }
    return 0;
}

/* A map {KEY: VALUE, ...} at lx->i, after the path of t. */
static int compile_map(lexer *lx, sm_term *t)
{
    assert(lx->s[lx->i] == '{');
    lx->i++;
    t->type = SM_T_MAP;
    t->nmap = 0;
    t->dflt = -1;
    for (;;) {
        if (t->nmap == SM_MAP)
            return fail(lx, "%.*s{...}: more than %d entries", (int)t->path.text_len, t->path.text, SM_MAP);
        sm_entry *e = &t->map[t->nmap];
        if (map_word(lx, true, e) != 0)
            return -1;
        skip_ws(lx);
        if (lx->i >= lx->n || lx->s[lx->i] != ':')
            return fail(lx, "%.*s{...}: expected ':' after %.*s", (int)t->path.text_len, t->path.text,
                        (int)e->key_len, e->key);
        lx->i++;
        if (map_word(lx, false, e) != 0)
            return -1;
        const bool is_default = e->key_len == 1 && e->key[0] == '*' && e->key > lx->s && e->key[-1] != '\'';
        for (int k = 0; k < t->nmap; k++)
            if (t->map[k].key_len == e->key_len && memcmp(t->map[k].key, e->key, e->key_len) == 0)
                return fail(lx, "%.*s{...}: key %.*s twice", (int)t->path.text_len, t->path.text,
                            (int)e->key_len, e->key);
        if (is_default)
            t->dflt = (int8_t)t->nmap;
        t->nmap++;
        skip_ws(lx);
        if (lx->i < lx->n && lx->s[lx->i] == ',') {
            lx->i++;
            continue;
        }
        if (lx->i < lx->n && lx->s[lx->i] == '}') {
            lx->i++;
            return 0;
        }
        return fail(lx, "%.*s{...}: expected ',' or '}' after %.*s", (int)t->path.text_len, t->path.text,
                    (int)e->val_len, e->val);
    }
}

/* One term at lx->i: 'TEXT', a number, PATH or PATH{map}. */
static int compile_term(lexer *lx, sm_term *t)
{
    skip_ws(lx);
    memset(t, 0, sizeof *t);
    if (lx->i >= lx->n)
        return fail(lx, "expected a term at the end");
    if (lx->s[lx->i] == '\'') {
        t->type = SM_T_TEXT;
        return quoted(lx, &t->s, &t->n);
    }
    const char *s;
    uint32_t n;
    bare(lx, &s, &n);
    if (n == 0)
        return fail(lx, "expected a term at '%s'", lx->s + lx->i);
    if (whole_number(s, n, &t->x)) {
        t->type = SM_T_NUM;
        t->s = s;
        t->n = n;
        return 0;
    }
    t->type = SM_T_PATH;
    if (compile_path(lx, s, n, &t->path) != 0)
        return -1;
    if (lx->i < lx->n && lx->s[lx->i] == '{')
        return compile_map(lx, t);
    return 0;
}

static int compile_expr(lexer *lx, sm_expr *e)
{
    e->n = 0;
    for (;;) {
        if (e->n == SM_TERMS)
            return fail(lx, "more than %d terms", SM_TERMS);
        if (compile_term(lx, &e->t[e->n]) != 0)
            return -1;
        e->n++;
        if (at_end(lx))
            return 0;
        const char c = lx->s[lx->i];
        if (c != '*' && c != '/')
            return fail(lx, "expected * or / at '%s'", lx->s + lx->i);
        e->op[e->n] = c;
        lx->i++;
    }
}

/* The text a condition's term was written as, for messages. */
static void term_text(const sm_term *t, const char **s, int *n)
{
    if (t->type == SM_T_PATH || t->type == SM_T_MAP) {
        *s = t->path.text;
        *n = (int)t->path.text_len;
    } else {
        *s = t->s;
        *n = (int)t->n;
    }
}

static int compile_when(lexer *lx, sm_when *w)
{
    w->n = 0;
    for (;;) {
        if (w->n == SM_CONDS)
            return fail(lx, "more than %d conditions", SM_CONDS);
        sm_cond *c = &w->c[w->n];
        memset(c, 0, sizeof *c);
        skip_ws(lx);
        if (lx->i < lx->n && lx->s[lx->i] == '!') {
            lx->i++;
            c->op = SM_ABSENT;
            if (compile_term(lx, &c->a) != 0)
                return -1;
            if (c->a.type != SM_T_PATH)
                return fail(lx, "expected a path after !");
        } else {
            if (compile_term(lx, &c->a) != 0)
                return -1;
            skip_ws(lx);
            const char *ts;
            int tn;
            term_text(&c->a, &ts, &tn);
            if (lx->i + 1 >= lx->n || (lx->s[lx->i] != '=' && lx->s[lx->i] != '!') || lx->s[lx->i + 1] != '=')
                return fail(lx, "expected == or != after %.*s", tn, ts);
            c->op = lx->s[lx->i] == '=' ? SM_EQ : SM_NE;
            lx->i += 2;
            if (compile_term(lx, &c->b) != 0)
                return -1;
        }
        w->n++;
        if (at_end(lx))
            return 0;
        if (lx->n - lx->i < 4 || memcmp(lx->s + lx->i, "and", 3) != 0 ||
            (lx->s[lx->i + 3] != ' ' && lx->s[lx->i + 3] != '\t'))
            return fail(lx, "expected 'and' at '%s'", lx->s + lx->i);
        lx->i += 3;
    }
}

static int compile_tmpl(lexer *lx, sm_tmpl *t)
{
    t->n = 0;
    size_t i = 0;
    if (lx->n == 0)
        return fail(lx, "empty template");
    while (i < lx->n) {
        if (t->n == SM_PARTS)
            return fail(lx, "more than %d parts", SM_PARTS);
        if (lx->s[i] == '{') {
            const char *close = memchr(lx->s + i, '}', lx->n - i);
            if (!close)
                return fail(lx, "unterminated {FIELD} at '%s'", lx->s + i);
            const char *name = lx->s + i + 1;
            const size_t len = (size_t)(close - name);
            if (len == 0)
                return fail(lx, "empty {} capture");
            if (t->n > 0 && t->p[t->n - 1].cap)
                return fail(lx, "{%.*s} follows another capture: a literal must part them", (int)len, name);
            t->p[t->n].cap = true;
            t->p[t->n].s = name;
            t->p[t->n].len = (uint32_t)len;
            t->p[t->n].field = sm_field_named(name, len);
            for (int k = 0; k < t->n; k++)
                if (t->p[k].cap && t->p[k].field == t->p[t->n].field)
                    return fail(lx, "{%.*s} captured twice", (int)len, name);
            i = (size_t)(close - lx->s) + 1;
        } else {
            const char *open = memchr(lx->s + i, '{', lx->n - i);
            const size_t end = open ? (size_t)(open - lx->s) : lx->n;
            t->p[t->n].cap = false;
            t->p[t->n].s = lx->s + i;
            t->p[t->n].len = (uint32_t)(end - i);
            t->p[t->n].field = -1;
            i = end;
        }
        t->n++;
    }
    return 0;
}

/* Section names: 1 to 47 bytes of [A-Za-z0-9._-]. */
static bool name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= SRCMAP_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        const char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* Compile value `val` (its own copy, which the compiled form points into)
 * of key `key` into kv. 0, or -1 with the error. */
static int compile_kv(sm_kv *kv, char *err, size_t cap)
{
    lexer lx = {kv->val, 0, strlen(kv->val), kv->key, err, cap};
    const char *k = kv->key;
    kv->field = -1;
    kv->c.any = NULL;
    if (strcmp(k, "topic") == 0) {
        kv->what = K_TOPIC;
        return 0;
    }
    if (strcmp(k, "kind") == 0) {
        kv->what = K_KIND;
        for (int i = 0; i < EVENT_KIND_COUNT; i++)
            if (strcmp(kv->val, sm_kind_name(i)) == 0)
                return 0;
        return fail(&lx, "'%s' is none of px, pos, fill, inst", kv->val);
    }
    int rc;
    if (strcmp(k, "when") == 0) {
        kv->what = K_WHEN;
        if (!(kv->c.when = malloc(sizeof *kv->c.when)))
            return fail(&lx, "out of memory");
        rc = compile_when(&lx, kv->c.when);
    } else if (strcmp(k, "records") == 0) {
        kv->what = K_RECORDS;
        if (!(kv->c.path = malloc(sizeof *kv->c.path)))
            return fail(&lx, "out of memory");
        const char *s;
        uint32_t n;
        skip_ws(&lx);
        bare(&lx, &s, &n);
        rc = n == 0 ? fail(&lx, "expected a path") : compile_path(&lx, s, n, kv->c.path);
        if (rc == 0 && !at_end(&lx))
            rc = fail(&lx, "unexpected '%s' after the path", lx.s + lx.i);
    } else if (strcmp(k, "text") == 0) {
        kv->what = K_TEXT;
        if (!(kv->c.tmpl = malloc(sizeof *kv->c.tmpl)))
            return fail(&lx, "out of memory");
        rc = compile_tmpl(&lx, kv->c.tmpl);
    } else {
        kv->what = K_FIELD;
        kv->field = sm_field_named(k, strlen(k));
        if (!(kv->c.expr = malloc(sizeof *kv->c.expr)))
            return fail(&lx, "out of memory");
        rc = compile_expr(&lx, kv->c.expr);
    }
    if (rc != 0) {
        free(kv->c.any);
        kv->c.any = NULL;
    }
    return rc;
}

/* Where each key is, after kv changed. */
static void index_section(sm_section *s)
{
    s->topic = s->when = s->kind_at = s->records = s->text = -1;
    s->kind = -1;
    for (int f = 0; f < F_COUNT; f++)
        s->field[f] = -1;
    for (int k = 0; k < s->nkv; k++) {
        const sm_kv *kv = &s->kv[k];
        switch (kv->what) {
        case K_TOPIC: s->topic = k; break;
        case K_WHEN: s->when = k; break;
        case K_RECORDS: s->records = k; break;
        case K_TEXT: s->text = k; break;
        case K_KIND:
            s->kind_at = k;
            for (int i = 0; i < EVENT_KIND_COUNT; i++)
                if (strcmp(kv->val, sm_kind_name(i)) == 0)
                    s->kind = i;
            break;
        case K_FIELD:
            if (kv->field >= 0)
                s->field[kv->field] = k;
            break;
        }
    }
}

int srcmap_set(srcmap *m, const char *name, const char *key, const char *value, char *err, size_t cap)
{
    if (!name_ok(name)) {
        snprintf(err, cap, "[source %s]: a name is 1 to %d bytes of A-Z a-z 0-9 . _ -", name,
                 SRCMAP_NAME_MAX - 1);
        return -1;
    }
    size_t at = 0;
    while (at < m->n && strcmp(m->sec[at]->name, name) != 0)
        at++;
    if (at == m->n && m->n == SRCMAP_MAX_SECTIONS) {
        snprintf(err, cap, "[source %s]: more than %d sections", name, SRCMAP_MAX_SECTIONS);
        return -1;
    }
    sm_section *s = at < m->n ? m->sec[at] : NULL;
    int slot = -1;
    for (int k = 0; s && k < s->nkv; k++)
        if (strcmp(s->kv[k].key, key) == 0)
            slot = k;
    if (slot < 0 && s && s->nkv == SM_KEYS) {
        snprintf(err, cap, "[source %s]: more than %d keys", name, SM_KEYS);
        return -1;
    }
    sm_kv kv = {.key = strdup(key), .val = strdup(value)};
    if (!kv.key || !kv.val) {
        kv_free(&kv);
        snprintf(err, cap, "out of memory");
        return -1;
    }
    if (compile_kv(&kv, err, cap) != 0) {
        kv_free(&kv);
        return -1;
    }
    if (!s) {
        if (!(s = calloc(1, sizeof *s))) {
            kv_free(&kv);
            snprintf(err, cap, "out of memory");
            return -1;
        }
        memcpy(s->name, name, strlen(name) + 1);
        m->sec[m->n++] = s;
    }
    if (slot >= 0) {
        kv_free(&s->kv[slot]);
        s->kv[slot] = kv;
    } else {
        s->kv[s->nkv++] = kv;
    }
    index_section(s);
    sm_trie_build(m);
    return 0;
}
