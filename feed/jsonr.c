/* jsonr.c - a strict reader of one untrusted JSON document (see jsonr.h).
 *
 * Tokens: jsmn (JSMN_STRICT, parent links, compiled in wire_body.c) runs
 * twice, a counting pass sizing the token array, then the real one;
 * tokens (24 bytes each) and next[] (4) are allocated per document.
 * jr_open then walks the tree once (check_value), checking what jsmn lets
 * through and filling next[]. */
#include "invtop/jsonr.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors ---- */

/* Append printf-style text to buf (cap bytes) at *o, truncating. */
static void put(char *buf, size_t cap, size_t *o, const char *fmt, ...)
{
    if (*o + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *o, cap - *o, fmt, ap);
    va_end(ap);
    if (n > 0)
        *o = *o + (size_t)n < cap ? *o + (size_t)n : cap - 1;
}

/* Append the document path of token t to buf: "instruments[3].quote.bid".
 * t is a value (named by its key or array index) or a key. */
static void put_path(const jr *r, int t, char *buf, size_t cap, size_t *o, int depth)
{
    if (t <= 0 || t >= r->ntok || depth > 4 * r->max_depth)
        return;
    const int p = r->tok[t].parent;
    if (p < 0 || p >= t)
        return;
    const jsmntok_t *pt = &r->tok[p];
    if (pt->type == JSMN_STRING) { /* t is the value of key p */
        put_path(r, p, buf, cap, o, depth + 1);
    } else if (pt->type == JSMN_OBJECT) { /* t is a key */
        put_path(r, p, buf, cap, o, depth + 1);
        const int n = r->tok[t].end - r->tok[t].start;
        put(buf, cap, o, "%s%.*s", *o ? "." : "", n > 40 ? 40 : n, r->js + r->tok[t].start);
    } else if (pt->type == JSMN_ARRAY) {
        put_path(r, p, buf, cap, o, depth + 1);
        int index = 0;
        for (int j = p + 1; j < t; j++)
            index += r->tok[j].parent == p;
        put(buf, cap, o, "[%d]", index);
    }
}

int jr_fail(const jr *r, int t, const char *fmt, ...)
{
    if (r->errlen == 0)
        return -1;
    char what[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    size_t o = 0;
    if (t >= 0 && t < r->ntok) {
        put_path(r, t, r->err, r->errlen, &o, 0);
        put(r->err, r->errlen, &o, "%s%s (byte %d)", o ? ": " : "document: ", what,
            r->tok[t].start);
    } else {
        put(r->err, r->errlen, &o, "%s", what);
    }
    r->err[o] = '\0';
    for (char *c = r->err; *c; c++)
        if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
            *c = '?';
    return -1;
}

/* ---- strict JSON over jsmn's tokens ---- */

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* js[from, to) is white space around one separator sep (0: around none). */
static bool gap_ok(const char *js, int from, int to, char sep)
{
    if (to < from)
        return false;
    int i = from;
    while (i < to && is_ws(js[i]))
        i++;
    if (sep) {
        if (i == to || js[i] != sep)
            return false;
        i++;
        while (i < to && is_ws(js[i]))
            i++;
    }
    return i == to;
}

/* A token's extent with its quotes. */
static int outer_start(const jsmntok_t *t)
{
    return t->type == JSMN_STRING ? t->start - 1 : t->start;
}

static int outer_end(const jsmntok_t *t)
{
    return t->type == JSMN_STRING ? t->end + 1 : t->end;
}

static bool is_literal(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* String token t holds no raw control character. */
static int check_string(const jr *r, int t)
{
    const jsmntok_t *x = &r->tok[t];
    for (int i = x->start; i < x->end; i++)
        if ((unsigned char)r->js[i] < 0x20)
            return jr_fail(r, t, "raw control character in a string");
    return 0;
}

/* Check the value at token t (nested `depth` deep) and fill next[] over
 * its subtree. Returns the token after it, or -1. */
static int check_value(jr *r, int t, int depth)
{
    if (t >= r->ntok)
        return jr_fail(r, -1, "not JSON: a value is missing");
    const jsmntok_t *x = &r->tok[t];
    if (depth > r->max_depth)
        return jr_fail(r, t, "nested deeper than %d", r->max_depth);
    if (x->start < 0 || x->end < x->start || (size_t)x->end > r->len)
        return jr_fail(r, t, "not JSON");
    switch (x->type) {
    case JSMN_PRIMITIVE: {
        const char *s = r->js + x->start;
        const size_t n = (size_t)(x->end - x->start);
        if (x->size != 0)
            return jr_fail(r, t, "not JSON: a value where a key belongs");
        if (s[0] == 't' || s[0] == 'f' || s[0] == 'n') {
            if (!is_literal(s, n, "true") && !is_literal(s, n, "false") && !is_literal(s, n, "null"))
                return jr_fail(r, t, "not JSON: bad literal");
        } else {
            double v;
            wire_status st = wb_tok_number(&r->bv, t, &v);
            if (st == WIRE_ERR_NUMBER)
                return jr_fail(r, t, "number out of range or over 63 characters");
            if (st != WIRE_OK)
                return jr_fail(r, t, "not JSON: bad number");
        }
        r->next[t] = t + 1;
        return t + 1;
    }
    case JSMN_STRING:
        if (x->size != 0)
            return jr_fail(r, t, "not JSON: a string where a key's value belongs");
        if (check_string(r, t) != 0)
            return -1;
        r->next[t] = t + 1;
        return t + 1;
    case JSMN_OBJECT:
    case JSMN_ARRAY: {
        const bool obj = x->type == JSMN_OBJECT;
        int pos = x->start + 1, c = t + 1;
        for (int k = 0; k < x->size; k++) {
            if (c >= r->ntok)
                return jr_fail(r, t, "not JSON: truncated");
            if (obj) {
                const jsmntok_t *key = &r->tok[c];
                if (key->type != JSMN_STRING || key->size != 1)
                    return jr_fail(r, c, "not JSON: bad key");
                if (!gap_ok(r->js, pos, outer_start(key), k ? ',' : 0))
                    return jr_fail(r, c, "not JSON: bad separator before a key");
                if (check_string(r, c) != 0)
                    return -1;
                pos = outer_end(key);
                c++;
                if (c >= r->ntok)
                    return jr_fail(r, t, "not JSON: truncated");
                if (!gap_ok(r->js, pos, outer_start(&r->tok[c]), ':'))
                    return jr_fail(r, c, "not JSON: bad separator after a key");
                r->next[c - 1] = -1; /* keys are skipped with their values */
            } else if (!gap_ok(r->js, pos, outer_start(&r->tok[c]), k ? ',' : 0)) {
                return jr_fail(r, c, "not JSON: bad separator in an array");
            }
            int after = check_value(r, c, depth + 1);
            if (after < 0)
                return -1;
            pos = outer_end(&r->tok[c]);
            c = after;
        }
        if (!gap_ok(r->js, pos, x->end - 1, 0))
            return jr_fail(r, t, "not JSON: bad separator at the end of a container");
        r->next[t] = c;
        return c;
    }
    default:
        return jr_fail(r, t, "not JSON");
    }
}

/* Set up r for js[0..len) and check its size against lim. */
static int begin(jr *r, const char *js, size_t len, const jr_limits *lim, char *err, size_t errlen)
{
    assert(js != NULL || len == 0);
    assert(err != NULL || errlen == 0);
    assert(lim != NULL && lim->max_tokens > 0);
    *r = (jr){.js = js, .len = len, .max_depth = lim->max_depth, .err = err, .errlen = errlen};
    if (errlen)
        err[0] = '\0';
    if (len == 0)
        return jr_fail(r, -1, "empty document");
    if (len > lim->max_bytes)
        return jr_fail(r, -1, "document of %zu bytes, over %zu", len, lim->max_bytes);
    return 0;
}

/* Tokenize r's document (allocating r->tok and r->next; the caller frees
 * them either way) and check that its first token is an object. */
static int tokenize(jr *r, int max_tokens)
{
    jsmn_parser p;
    jsmn_init(&p);
    const int n = jsmn_parse(&p, r->js, r->len, NULL, 0);
    if (n == JSMN_ERROR_PART)
        return jr_fail(r, -1, "not JSON: truncated");
    if (n < 0)
        return jr_fail(r, -1, "not JSON (byte %u)", p.pos);
    if (n == 0)
        return jr_fail(r, -1, "not JSON: empty");
    if (n > max_tokens)
        return jr_fail(r, -1, "more than %d JSON tokens", max_tokens);
    r->tok = malloc((size_t)n * sizeof *r->tok);
    r->next = malloc((size_t)n * sizeof *r->next);
    if (!r->tok || !r->next)
        return jr_fail(r, -1, "out of memory for %d tokens", n);
    jsmn_init(&p);
    const int got = jsmn_parse(&p, r->js, r->len, r->tok, (unsigned)n);
    if (got == JSMN_ERROR_PART)
        return jr_fail(r, -1, "not JSON: truncated");
    if (got < 1)
        return jr_fail(r, -1, "not JSON (byte %u)", p.pos);
    r->ntok = got;
    wb_view_init(&r->bv, r->js, r->tok, got);
    if (r->tok[0].type != JSMN_OBJECT)
        return jr_fail(r, -1, "not a JSON object");
    return 0;
}

/* The whole of r's document is one strict JSON object, white space around
 * it; fills next[]. */
static int check_document(jr *r)
{
    if (!gap_ok(r->js, 0, r->tok[0].start, 0))
        return jr_fail(r, -1, "not JSON: bytes before the object");
    if (r->tok[0].end < 0 || (size_t)r->tok[0].end > r->len ||
        !gap_ok(r->js, r->tok[0].end, (int)r->len, 0))
        return jr_fail(r, -1, "not JSON: bytes after the object (byte %d)", r->tok[0].end);
    const int after = check_value(r, 0, 1);
    if (after < 0)
        return -1;
    if (after != r->ntok)
        return jr_fail(r, -1, "not JSON: more than one value");
    return 0;
}

int jr_open(jr *r, const char *js, size_t len, const jr_limits *lim, char *err, size_t errlen)
{
    if (begin(r, js, len, lim, err, errlen) != 0)
        return -1;
    if (tokenize(r, lim->max_tokens) != 0 || check_document(r) != 0) {
        jr_close(r);
        return -1;
    }
    return 0;
}

void jr_close(jr *r)
{
    free(r->tok);
    free(r->next);
    r->tok = NULL;
    r->next = NULL;
    r->ntok = 0;
    r->bv.tok = NULL;
    r->bv.ntok = 0;
}

/* ---- values ---- */

bool jr_is_null(const jr *r, int v)
{
    return v < 0 || (r->tok[v].type == JSMN_PRIMITIVE && r->js[r->tok[v].start] == 'n');
}

int jr_after(const jr *r, int v)
{
    return r->next[v];
}

const char *jr_text(const jr *r, int t, size_t *n)
{
    *n = (size_t)(r->tok[t].end - r->tok[t].start);
    return r->js + r->tok[t].start;
}

/* s[0..n) (no NUL: jsmn stops at one) spells name. */
static bool spelled(const char *name, const char *s, size_t n)
{
    return strncmp(name, s, n) == 0 && name[n] == '\0';
}

bool jr_key_is(const jr *r, int k, const char *name)
{
    const size_t n = (size_t)(r->tok[k].end - r->tok[k].start);
    return r->tok[k].type == JSMN_STRING && spelled(name, r->js + r->tok[k].start, n);
}

int jr_num(const jr *r, int v, double *out)
{
    if (jr_is_null(r, v)) {
        *out = NAN;
        return 0;
    }
    if (wb_tok_number(&r->bv, v, out) != WIRE_OK)
        return jr_fail(r, v, "expected a number");
    return 0;
}

int jr_count(const jr *r, int v, uint64_t *out)
{
    if (jr_is_null(r, v)) {
        *out = 0;
        return 0;
    }
    const jsmntok_t *x = &r->tok[v];
    const char *s = r->js + x->start;
    const int n = x->end - x->start;
    if (x->type != JSMN_PRIMITIVE || n < 1 || n > 19 || (s[0] == '0' && n > 1))
        return jr_fail(r, v, "expected a non-negative integer");
    uint64_t m = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return jr_fail(r, v, "expected a non-negative integer");
        m = m * 10 + (uint64_t)(s[i] - '0'); /* 19 digits fit in 64 bits */
    }
    if (m > (uint64_t)INT64_MAX)
        return jr_fail(r, v, "integer out of range");
    *out = m;
    return 0;
}

int jr_size(const jr *r, int v, size_t *out)
{
    uint64_t m;
    if (jr_count(r, v, &m) != 0)
        return -1;
    if ((uint64_t)(size_t)m != m)
        return jr_fail(r, v, "integer out of range");
    *out = (size_t)m;
    return 0;
}

int jr_bool(const jr *r, int v, bool *out)
{
    if (jr_is_null(r, v)) {
        *out = false;
        return 0;
    }
    const char c = r->js[r->tok[v].start];
    if (r->tok[v].type != JSMN_PRIMITIVE || (c != 't' && c != 'f'))
        return jr_fail(r, v, "expected true or false");
    *out = c == 't';
    return 0;
}

static int hex4(const char *s, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        const char c = s[i];
        uint32_t d;
        if (c >= '0' && c <= '9')
            d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (uint32_t)(c - 'A' + 10);
        else
            return -1;
        v = v << 4 | d;
    }
    *out = v;
    return 0;
}

int jr_str(const jr *r, int v, char *dst, size_t cap)
{
    assert(cap > 0);
    dst[0] = '\0';
    if (jr_is_null(r, v))
        return 0;
    const jsmntok_t *x = &r->tok[v];
    if (x->type != JSMN_STRING)
        return jr_fail(r, v, "expected a string");
    const char *s = r->js + x->start;
    const size_t n = (size_t)(x->end - x->start);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        if (s[i] != '\\') {
            cp = (unsigned char)s[i++];
            if (cp >= 0x80) { /* raw bytes pass as they are, valid UTF-8 or not */
                if (o + 1 >= cap)
                    return jr_fail(r, v, "string longer than %zu bytes", cap - 1);
                dst[o++] = (char)cp;
                continue;
            }
        } else {
            if (i + 1 >= n)
                return jr_fail(r, v, "bad escape");
            const char e = s[i + 1];
            i += 2;
            switch (e) {
            case '"': cp = '"'; break;
            case '\\': cp = '\\'; break;
            case '/': cp = '/'; break;
            case 'b': cp = '\b'; break;
            case 'f': cp = '\f'; break;
            case 'n': cp = '\n'; break;
            case 'r': cp = '\r'; break;
            case 't': cp = '\t'; break;
            case 'u':
                if (i + 4 > n || hex4(s + i, &cp) != 0)
                    return jr_fail(r, v, "bad \\u escape");
                i += 4;
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return jr_fail(r, v, "lone low surrogate");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    uint32_t lo;
                    if (i + 6 > n || s[i] != '\\' || s[i + 1] != 'u' || hex4(s + i + 2, &lo) != 0 ||
                        lo < 0xDC00 || lo > 0xDFFF)
                        return jr_fail(r, v, "lone high surrogate");
                    i += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                break;
            default:
                return jr_fail(r, v, "bad escape");
            }
        }
        if (cp < 0x20 || cp == 0x7f)
            cp = '?'; /* not for the terminal */
        char u[4];
        size_t k;
        if (cp < 0x80) {
            u[0] = (char)cp;
            k = 1;
        } else if (cp < 0x800) {
            u[0] = (char)(0xC0 | cp >> 6);
            u[1] = (char)(0x80 | (cp & 0x3F));
            k = 2;
        } else if (cp < 0x10000) {
            u[0] = (char)(0xE0 | cp >> 12);
            u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
            u[2] = (char)(0x80 | (cp & 0x3F));
            k = 3;
        } else {
            u[0] = (char)(0xF0 | cp >> 18);
            u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
            u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
            u[3] = (char)(0x80 | (cp & 0x3F));
            k = 4;
        }
        if (o + k >= cap)
            return jr_fail(r, v, "string longer than %zu bytes", cap - 1);
        memcpy(dst + o, u, k);
        o += k;
    }
    dst[o] = '\0';
    return 0;
}

int jr_name(const jr *r, int v, const char *const *names, int n, const char *what)
{
    if (jr_is_null(r, v))
        return 0;
    char buf[32];
    if (r->tok[v].type != JSMN_STRING)
        return jr_fail(r, v, "expected a string (%s)", what);
    if (jr_str(r, v, buf, sizeof buf) == 0)
        for (int i = 0; i < n; i++)
            if (strcmp(buf, names[i]) == 0)
                return i;
    return jr_fail(r, v, "unknown %s", what);
}

int jr_array(const jr *r, int v, int *first)
{
    *first = v + 1;
    if (jr_is_null(r, v))
        return 0;
    if (r->tok[v].type != JSMN_ARRAY)
        return jr_fail(r, v, "expected an array");
    return r->tok[v].size;
}

/* ---- objects by field tables ---- */

static int read_scalar(const jr *r, int v, const jr_field *f, void *base)
{
    void *p = (char *)base + f->off;
    switch (f->type) {
    case JR_NUM: return jr_num(r, v, (double *)p);
    case JR_U64: return jr_count(r, v, (uint64_t *)p);
    case JR_SIZE: return jr_size(r, v, (size_t *)p);
    case JR_ULONG: {
        uint64_t m;
        if (jr_count(r, v, &m) != 0)
            return -1;
        if ((uint64_t)(unsigned long)m != m)
            return jr_fail(r, v, "integer out of range");
        *(unsigned long *)p = (unsigned long)m;
        return 0;
    }
    case JR_BOOL: return jr_bool(r, v, (bool *)p);
    case JR_STR: return jr_str(r, v, (char *)p, f->cap);
    case JR_OWN: return 0;
    }
    return 0;
}

/* The search for a key starts after the last match, so keys in the
 * table's order (the encoder's) cost one comparison each. */
int jr_read_fields(const jr *r, int obj, const jr_field *f, int nf, void *base, int *own)
{
    assert(nf > 0 && nf <= JR_MAX_FIELDS);
    const bool empty = jr_is_null(r, obj);
    if (!empty && r->tok[obj].type != JSMN_OBJECT)
        return jr_fail(r, obj, "expected an object");
    int val[JR_MAX_FIELDS];
    for (int i = 0; i < nf; i++)
        val[i] = -1;
    int k = obj + 1, hint = 0;
    for (int m = 0; !empty && m < r->tok[obj].size; m++) {
        const char *name = r->js + r->tok[k].start;
        const size_t n = (size_t)(r->tok[k].end - r->tok[k].start);
        for (int j = 0; j < nf; j++) {
            const int i = (hint + j) % nf;
            if (!spelled(f[i].key, name, n))
                continue;
            if (val[i] >= 0)
                return jr_fail(r, k, "key given twice");
            val[i] = k + 1;
            hint = i + 1;
            break;
        }
        k = r->next[k + 1];
    }
    for (int i = 0; i < nf; i++) {
        assert(f[i].type != JR_OWN || own != NULL);
        if (f[i].type == JR_OWN)
            own[f[i].off] = val[i];
        else if (read_scalar(r, val[i], &f[i], base) != 0)
            return -1;
    }
    return 0;
}

