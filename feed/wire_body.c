/* wire_body.c - typed access to a jsmn-tokenized JSON object (see wire_body.h). */
/* The jsmn implementation lives here, once, strict. */
#define JSMN_STRICT
#include <jsmn.h>

#include "invtop/wire_body.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


static bool wb_tok_eq(const body_view *b, int t, const char *s)
{
    size_t n = strlen(s);
    const jsmntok_t *k = &b->tok[t];
    /* length and first byte settle most misses without a memcmp call */
    return (size_t)(k->end - k->start) == n && b->js[k->start] == s[0] &&
           memcmp(b->js + k->start, s, n) == 0;
}

/* Index of the value token of key `name`, or -1. */
int wb_find_value(const body_view *b, const char *name)
{
    for (int i = 0; i < b->nkeys; i++)
        if (wb_tok_eq(b, b->key[i], name))
            return b->key[i] + 1;
    return -1;
}

/* Index of the token after the subtree rooted at t. */
static int wb_skip_subtree(const jsmntok_t *tok, int ntok, int t)
{
    int end = tok[t].end, j = t + 1;
    while (j < ntok && tok[j].start < end)
        j++;
    return j;
}

/* Index the keys of the object at token `obj` into b. */
static wire_status index_keys(const char *js, jsmntok_t *tok, int ntok, int obj, body_view *b)
{
    b->js = js;
    b->tok = tok;
    b->ntok = ntok;
    b->nkeys = 0;
    int t = obj + 1;
    for (int k = 0; k < tok[obj].size; k++) {
        if (t + 1 >= ntok || tok[t].type != JSMN_STRING || b->nkeys == WIRE_MAX_KEYS)
            return WIRE_ERR_JSON;
        for (int i = 0; i < b->nkeys; i++) {
            const jsmntok_t *o = &tok[b->key[i]];
            if (o->end - o->start == tok[t].end - tok[t].start &&
                memcmp(js + o->start, js + tok[t].start, (size_t)(o->end - o->start)) == 0)
                return WIRE_ERR_JSON; /* duplicate key: refuse the ambiguity */
        }
        b->key[b->nkeys++] = t;
        t = wb_skip_subtree(tok, ntok, t + 1);
    }
    return WIRE_OK;
}

wire_status wb_parse_body(const char *js, size_t len, jsmntok_t *tok, body_view *b)
{
    jsmn_parser p;
    jsmn_init(&p);
    int ntok = jsmn_parse(&p, js, len, tok, WIRE_MAX_TOKENS);
    if (ntok < 1 || tok[0].type != JSMN_OBJECT)
        return WIRE_ERR_JSON;
    /* Nothing but white space may follow the object. */
    for (size_t i = (size_t)tok[0].end; i < len; i++)
        if (js[i] != ' ' && js[i] != '\t' && js[i] != '\r' && js[i] != '\n')
            return WIRE_ERR_JSON;
    return index_keys(js, tok, ntok, 0, b);
}

wire_status wb_sub_object(const body_view *b, int v, body_view *sub)
{
    if (v < 0 || v >= b->ntok || b->tok[v].type != JSMN_OBJECT)
        return WIRE_ERR_TYPE;
    return index_keys(b->js, (jsmntok_t *)b->tok, b->ntok, v, sub);
}

wire_status wb_opt_bool(const body_view *b, const char *name, bool *out)
{
    int v = wb_find_value(b, name);
    if (v < 0 || wb_is_null(b, v))
        return WIRE_OK;
    char c = b->js[b->tok[v].start];
    if (b->tok[v].type != JSMN_PRIMITIVE || (c != 't' && c != 'f'))
        return WIRE_ERR_TYPE;
    *out = c == 't';
    return WIRE_OK;
}

wire_status wb_get_string(const body_view *b, const char *name, char *dst, size_t cap)
{
    int v = wb_find_value(b, name);
    dst[0] = '\0';
    if (v < 0 || wb_is_null(b, v))
        return WIRE_OK;
    const char *s;
    size_t n;
    TRY(wb_tok_plain_string(b, v, &s, &n));
    if (n >= cap)
        return WIRE_ERR_VALUE;
    memcpy(dst, s, n);
    dst[n] = '\0';
    return WIRE_OK;
}

bool wb_is_null(const body_view *b, int v)
{
    return b->tok[v].type == JSMN_PRIMITIVE && b->js[b->tok[v].start] == 'n';
}

/* The common case without strtod: an optional minus, up to 15 significant
 * digits and a fraction, no exponent. The digits make an integer m < 2^53
 * and the result is m / 10^f with f <= 15: both exact doubles, so the one
 * IEEE division is correctly rounded, the same double strtod returns
 * (Clinger 1990). Returns false when the text needs strtod. */
static bool fast_decimal(const char *s, size_t n, double *out)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                   1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    size_t i = 0;
    bool neg = s[0] == '-';
    if (neg)
        i++;
    uint64_t m = 0;
    int digits = 0, frac = -1;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '.') {
            frac = 0;
            continue;
        }
        if (c < '0' || c > '9')
            return false; /* an exponent: strtod's job */
        if (m == 0 && c == '0' && frac < 0)
            continue; /* leading zeros of the integer part */
        if (++digits > 15)
            return false;
        m = m * 10 + (uint64_t)(c - '0');
        if (frac >= 0)
            frac++;
    }
    if (frac > 15)
        return false;
    double d = (double)m / pow10[frac < 0 ? 0 : frac];
    *out = neg ? -d : d;
    return true;
}

/* Strict JSON number grammar, then the fast path or strtod on a bounded copy. */
wire_status wb_tok_number(const body_view *b, int v, double *out)
{
    const jsmntok_t *t = &b->tok[v];
    if (t->type != JSMN_PRIMITIVE)
        return WIRE_ERR_TYPE;
    const char *s = b->js + t->start;
    size_t n = (size_t)(t->end - t->start), i = 0;
    char buf[64];
    if (s[0] == 't' || s[0] == 'f' || s[0] == 'n')
        return WIRE_ERR_TYPE;
    if (n >= sizeof buf)
        return WIRE_ERR_NUMBER;
    if (i < n && s[i] == '-')
        i++;
    if (i == n || s[i] < '0' || s[i] > '9')
        return WIRE_ERR_TYPE;
    if (s[i] == '0' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
        return WIRE_ERR_TYPE;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i < n && s[i] == '.') {
        i++;
        if (i == n || s[i] < '0' || s[i] > '9')
            return WIRE_ERR_TYPE;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i == n || s[i] < '0' || s[i] > '9')
            return WIRE_ERR_TYPE;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i != n)
        return WIRE_ERR_TYPE;
    double d;
    if (!fast_decimal(s, n, &d)) {
        memcpy(buf, s, n);
        buf[n] = '\0';
        d = strtod(buf, NULL);
    }
    if (!isfinite(d))
        return WIRE_ERR_NUMBER; /* 1e999 overflows to inf */
    *out = d;
    return WIRE_OK;
}

/* Optional number: absent or null leaves *out untouched. */
wire_status wb_opt_number(const body_view *b, const char *name, double *out)
{
    int v = wb_find_value(b, name);
    if (v < 0 || wb_is_null(b, v))
        return WIRE_OK;
    return wb_tok_number(b, v, out);
}

wire_status wb_req_number(const body_view *b, const char *name, double *out)
{
    int v = wb_find_value(b, name);
    if (v < 0 || wb_is_null(b, v))
        return WIRE_ERR_MISSING;
    return wb_tok_number(b, v, out);
}

/* A string value without escapes, pointed to in place (s, n). */
wire_status wb_tok_plain_string(const body_view *b, int v, const char **s, size_t *n)
{
    const jsmntok_t *t = &b->tok[v];
    if (t->type != JSMN_STRING)
        return WIRE_ERR_TYPE;
    *s = b->js + t->start;
    *n = (size_t)(t->end - t->start);
    if (memchr(*s, '\\', *n))
        return WIRE_ERR_VALUE;
    return WIRE_OK;
}

static bool wb_symbol_char_ok(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == ':' || c == '/' || c == '-';
}

bool wb_symbol_ok(const char *s, size_t n)
{
    if (n == 0 || n >= EVENT_SYM_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!wb_symbol_char_ok(s[i]))
            return false;
    return true;
}

/* Copy a symbol-shaped string field into dst (EVENT_SYM_MAX bytes). */
wire_status wb_get_symbol(const body_view *b, const char *name, bool required, char *dst)
{
    int v = wb_find_value(b, name);
    if (v < 0 || wb_is_null(b, v))
        return required ? WIRE_ERR_MISSING : WIRE_OK;
    const char *s;
    size_t n;
    if (b->tok[v].type != JSMN_STRING)
        return WIRE_ERR_TYPE;
    if (wb_tok_plain_string(b, v, &s, &n) != WIRE_OK || !wb_symbol_ok(s, n))
        return WIRE_ERR_SYMBOL;
    memcpy(dst, s, n);
    dst[n] = '\0';
    return WIRE_OK;
}

/* Compare a string value against one literal. */
bool wb_str_is(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

