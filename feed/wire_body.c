/* wire_body.c - typed access to a jsmn-tokenized JSON object (see wire_body.h). */
/* The jsmn implementation lives here, once, configured as in wire_body.h. */
#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#include <jsmn.h>

#include "invtop/wire_body.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


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
    b->numeric_strings = false;
    int t = obj + 1;
    for (int k = 0; k < tok[obj].size; k++) {
        if (t + 1 >= ntok || tok[t].type != JSMN_STRING || b->nkeys == WIRE_MAX_KEYS)
            return WIRE_ERR_JSON;
        const char *name = js + tok[t].start;
        const size_t n = (size_t)(tok[t].end - tok[t].start);
        const uint32_t sig = wb_key_sig(name, n);
        if (wb_key_position(b, name, n, sig) >= 0)
            return WIRE_ERR_JSON; /* duplicate key: refuse the ambiguity */
        b->key[b->nkeys] = t;
        b->sig[b->nkeys] = sig;
        b->nkeys++;
        t = wb_skip_subtree(tok, ntok, t + 1);
    }
    return WIRE_OK;
}

/* jsmn's way: tokenize everything, then check and index. */
wire_status wb_parse_body_jsmn(const char *js, size_t len, jsmntok_t *tok, body_view *b)
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

/* Byte classes for the flat scanner: one table load per byte instead of a
 * chain of compares. */
enum { C_WS = 1, C_PRIM_END = 2, C_STR_STOP = 4, C_NOT_PRIM = 8 };

#define WS_ C_WS | C_PRIM_END
static const unsigned char byte_class[256] = {
    /* every control byte may not sit in a primitive, and NUL stops a string */
    [0] = C_NOT_PRIM | C_STR_STOP, [1] = C_NOT_PRIM, [2] = C_NOT_PRIM, [3] = C_NOT_PRIM,
    [4] = C_NOT_PRIM, [5] = C_NOT_PRIM, [6] = C_NOT_PRIM, [7] = C_NOT_PRIM, [8] = C_NOT_PRIM,
    ['\t'] = WS_, ['\n'] = WS_, [11] = C_NOT_PRIM, [12] = C_NOT_PRIM, ['\r'] = WS_,
    [14] = C_NOT_PRIM, [15] = C_NOT_PRIM, [16] = C_NOT_PRIM, [17] = C_NOT_PRIM, [18] = C_NOT_PRIM,
    [19] = C_NOT_PRIM, [20] = C_NOT_PRIM, [21] = C_NOT_PRIM, [22] = C_NOT_PRIM, [23] = C_NOT_PRIM,
    [24] = C_NOT_PRIM, [25] = C_NOT_PRIM, [26] = C_NOT_PRIM, [27] = C_NOT_PRIM, [28] = C_NOT_PRIM,
    [29] = C_NOT_PRIM, [30] = C_NOT_PRIM, [31] = C_NOT_PRIM,
    [' '] = WS_, [','] = C_PRIM_END, [']'] = C_PRIM_END, ['}'] = C_PRIM_END,
    ['"'] = C_STR_STOP, ['\\'] = C_STR_STOP,
    [127] = C_NOT_PRIM, [128 ... 255] = C_NOT_PRIM,
};
#undef WS_

static inline size_t skip_ws(const char *js, size_t len, size_t i)
{
    while (i < len && (byte_class[(unsigned char)js[i]] & C_WS))
        i++;
    return i;
}

/* Where a primitive (jsmn, strict) ends: the first tab, CR, LF, space,
 * comma, ']' or '}'. Returns len when it runs to the end, and *bad when a
 * byte outside 32..126 comes first. */
static inline size_t primitive_end(const char *js, size_t len, size_t i, bool *bad)
{
    for (; i < len; i++) {
        const unsigned char k = byte_class[(unsigned char)js[i]];
        if (k & (C_PRIM_END | C_NOT_PRIM)) {
            *bad = !(k & C_PRIM_END);
            return i;
        }
    }
    return len;
}

/* Index of the quote closing the string whose contents start at i, or
 * SIZE_MAX when a backslash or NUL comes first or it runs to the end (jsmn
 * decides those). A byte loop: the protocol's strings are a few bytes. */
static inline size_t string_end(const char *js, size_t len, size_t i)
{
    for (; i < len; i++)
        if (byte_class[(unsigned char)js[i]] & C_STR_STOP)
            return js[i] == '"' ? i : SIZE_MAX;
    return SIZE_MAX;
}

/* The message bodies of the hot path are flat objects: string keys without
 * escapes, each followed by ':' and a string without escapes or a
 * primitive. Such a body is tokenized here in one pass into exactly the
 * tokens jsmn would give (type, start, end, size, parent), and its keys
 * indexed as index_keys does (duplicates refused). Anything else (a nested
 * value, an escape, a NUL, a lone key, any malformation, too many keys)
 * returns false and goes to jsmn, which then decides: so what is accepted
 * and refused is jsmn's, byte for byte (the wire fuzzer compares the two).
 * Returns true with *st the outcome (WIRE_OK, or WIRE_ERR_JSON for a
 * duplicate key, as index_keys says). */
static bool scan_flat(const char *js, size_t len, jsmntok_t *tok, body_view *b, wire_status *st)
{
    size_t i = skip_ws(js, len, 0);
    if (i >= len || js[i] != '{')
        return false;
    tok[0] = (jsmntok_t){JSMN_OBJECT, (int)i, -1, 0, -1};
    int n = 1;
    bool dup = false;
    b->js = js;
    b->tok = tok;
    b->nkeys = 0;
    b->numeric_strings = false;
    i = skip_ws(js, len, i + 1);
    if (i < len && js[i] == '}')
        goto close;
    for (;;) {
        /* "key" */
        if (i >= len || js[i] != '"' || n + 2 > WIRE_MAX_TOKENS || b->nkeys == WIRE_MAX_KEYS)
            return false;
        const size_t ks = i + 1, ke = string_end(js, len, ks);
        if (ke == SIZE_MAX)
            return false;
        const int key = n++;
        tok[key] = (jsmntok_t){JSMN_STRING, (int)ks, (int)ke, 1, 0};
        tok[0].size++;
        if (!dup) { /* index it; after a duplicate only jsmn's verdict on the rest matters */
            const uint32_t sig = wb_key_sig(js + ks, ke - ks);
            b->ntok = n;
            if (wb_key_position(b, js + ks, ke - ks, sig) >= 0) {
                dup = true;
            } else {
                b->key[b->nkeys] = key;
                b->sig[b->nkeys] = sig;
                b->nkeys++;
            }
        }
        i = skip_ws(js, len, ke + 1);
        if (i >= len || js[i] != ':')
            return false;
        i = skip_ws(js, len, i + 1);
        if (i >= len)
            return false;
        /* value */
        const char c = js[i];
        if (c == '"') {
            const size_t vs = i + 1, ve = string_end(js, len, vs);
            if (ve == SIZE_MAX)
                return false;
            tok[n++] = (jsmntok_t){JSMN_STRING, (int)vs, (int)ve, 0, key};
            i = ve + 1;
        } else if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
            bool bad = false;
            const size_t e = primitive_end(js, len, i, &bad);
            if (bad || e >= len || js[e] == ']')
                return false;
            tok[n++] = (jsmntok_t){JSMN_PRIMITIVE, (int)i, (int)e, 0, key};
            i = e;
        } else {
            return false;
        }
        i = skip_ws(js, len, i);
        if (i >= len)
            return false;
        if (js[i] == '}')
            break;
        if (js[i] != ',')
            return false;
        i = skip_ws(js, len, i + 1);
    }
close:
    tok[0].end = (int)i + 1;
    /* only white space after the object (a NUL or anything else: jsmn decides) */
    if (skip_ws(js, len, i + 1) != len)
        return false;
    b->ntok = n;
    *st = dup ? WIRE_ERR_JSON : WIRE_OK; /* a duplicate key: refuse the ambiguity */
    return true;
}

wire_status wb_parse_body(const char *js, size_t len, jsmntok_t *tok, body_view *b)
{
    wire_status st;
    if (len > INT32_MAX / 2 || !scan_flat(js, len, tok, b, &st))
        return wb_parse_body_jsmn(js, len, tok, b);
    return st;
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


static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Consume the run of digits at s[*i], appending them to m (mod 2^64: the
 * caller uses m only when it counted 19 digits or fewer); returns how many. */
static size_t take_digits(const char *s, size_t n, size_t *i, uint64_t *m)
{
    const size_t start = *i;
    uint64_t acc = *m;
    size_t k = start;
    for (; k < n && is_digit(s[k]); k++)
        acc = acc * 10 + (uint64_t)(s[k] - '0');
    *m = acc;
    *i = k;
    return k - start;
}

/* Strict JSON number grammar and the value in one pass. The common case,
 * no exponent and at most 19 digits (which cannot overflow 64 bits) making
 * an integer m <= 2^53, f of them after the point, needs no strtod: m and
 * 10^f (f <= 19 < 23) are both exact doubles, so the one IEEE division
 * m / 10^f is correctly rounded, the very double strtod returns (Clinger
 * 1990). Epoch timestamps with microseconds (16 digits) fit. Anything else
 * goes to strtod on a bounded copy. */
wire_status wb_tok_number(const body_view *b, int v, double *out)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,
                                   1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13,
                                   1e14, 1e15, 1e16, 1e17, 1e18, 1e19};
    const uint64_t exact_max = (uint64_t)1 << 53;
    const jsmntok_t *t = &b->tok[v];
    if (t->type != JSMN_PRIMITIVE && !(t->type == JSMN_STRING && b->numeric_strings))
        return WIRE_ERR_TYPE;
    const char *s = b->js + t->start;
    const size_t n = (size_t)(t->end - t->start);
    char buf[64];
    if (n == 0)
        return WIRE_ERR_TYPE; /* "" (a primitive is never empty) */
    size_t i = 0;
    const bool neg = s[0] == '-';
    if (neg)
        i++;
    if (i == n || !is_digit(s[i]))
        return WIRE_ERR_TYPE; /* true, false, null, or not a number */
    if (n >= sizeof buf)
        return WIRE_ERR_NUMBER;
    if (s[i] == '0' && i + 1 < n && is_digit(s[i + 1]))
        return WIRE_ERR_TYPE;
    uint64_t m = 0;
    size_t digits = take_digits(s, n, &i, &m), frac = 0;
    if (i < n && s[i] == '.') {
        i++;
        if (i == n || !is_digit(s[i]))
            return WIRE_ERR_TYPE;
        frac = take_digits(s, n, &i, &m);
        digits += frac;
    }
    bool exponent = false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        exponent = true;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i == n || !is_digit(s[i]))
            return WIRE_ERR_TYPE;
        while (i < n && is_digit(s[i]))
            i++;
    }
    if (i != n)
        return WIRE_ERR_TYPE;
    double x;
    if (!exponent && digits <= 19 && m <= exact_max) {
        x = (double)m / pow10[frac];
        x = neg ? -x : x;
    } else {
        memcpy(buf, s, n);
        buf[n] = '\0';
        x = strtod(buf, NULL);
    }
    if (!isfinite(x))
        return WIRE_ERR_NUMBER; /* 1e999 overflows to inf */
    *out = x;
    return WIRE_OK;
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

/* The bytes a symbol may hold: letters, digits and . _ : / - */
static const bool symbol_byte[256] = {
    ['-'] = 1, ['.'] = 1, ['/'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
    ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, [':'] = 1, ['_'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

bool wb_symbol_ok(const char *s, size_t n)
{
    if (n == 0 || n >= EVENT_SYM_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!symbol_byte[(unsigned char)s[i]])
            return false;
    return true;
}

/* Copy a symbol-shaped string field into dst (EVENT_SYM_MAX bytes). */
wire_status wb_get_symbol(const body_view *b, const char *name, bool required, char *dst)
{
    int v = wb_find_value(b, name);
    if (v < 0 || wb_is_null(b, v))
        return required ? WIRE_ERR_MISSING : WIRE_OK;
    const jsmntok_t *t = &b->tok[v];
    if (t->type != JSMN_STRING)
        return WIRE_ERR_TYPE;
    /* no escapes to look for: a backslash is not a symbol byte */
    const char *s = b->js + t->start;
    const size_t n = (size_t)(t->end - t->start);
    if (!wb_symbol_ok(s, n))
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

