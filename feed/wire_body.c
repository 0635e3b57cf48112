/* wire_body.c - typed access to a jsmn-tokenized JSON object (see wire_body.h). */
/* The jsmn implementation lives here, once, configured as in wire_body.h. */
#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#include <jsmn.h>

#include "invtop/wire_body.h"

#include <assert.h>
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

void wb_view_init(body_view *b, const char *js, const jsmntok_t *tok, int ntok)
{
    b->js = js;
    b->tok = tok;
    b->ntok = ntok;
    b->nkeys = 0;
    b->num_known = 0;
    b->symbol_bytes = 0;
    b->numeric_strings = false;
    memset(b->slot, 0, sizeof b->slot);
}

/* Add the key at token t (its text s, n) to b's keys; false, and nothing
 * added, when b has that key already or no room for another. */
static inline bool add_key(body_view *b, int t, const char *s, size_t n)
{
    if (b->nkeys == WIRE_MAX_KEYS)
        return false;
    const uint32_t sig = wb_key_sig(s, n);
    unsigned h = wb_key_slot(sig);
    for (;; h = (h + 1) & (WB_KEY_SLOTS - 1)) {
        const int i = b->slot[h] - 1;
        if (i < 0)
            break;
        if (b->sig[i] != sig)
            continue;
        const jsmntok_t *k = &b->tok[b->key[i]];
        if (n <= 3 || ((size_t)(k->end - k->start) == n && memcmp(b->js + k->start, s, n) == 0))
            return false; /* the same key twice */
    }
    b->slot[h] = (uint8_t)(b->nkeys + 1);
    b->key[b->nkeys] = t;
    b->sig[b->nkeys] = sig;
    b->nkeys++;
    return true;
}

/* Index the keys of the object at token `obj` into b. */
static wire_status index_keys(const char *js, jsmntok_t *tok, int ntok, int obj, body_view *b)
{
    wb_view_init(b, js, tok, ntok);
    int t = obj + 1;
    for (int k = 0; k < tok[obj].size; k++) {
        if (t + 1 >= ntok || tok[t].type != JSMN_STRING)
            return WIRE_ERR_JSON;
        /* a duplicate key: refuse the ambiguity (so are more than WIRE_MAX_KEYS) */
        if (!add_key(b, t, js + tok[t].start, (size_t)(tok[t].end - tok[t].start)))
            return WIRE_ERR_JSON;
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

static inline bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Powers of ten that are exact doubles, for numbers of up to 19 digits. */
static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,
                               1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19};
#define EXACT_MAX ((uint64_t)1 << 53)

/* Eight bytes at a time (SWAR) where the compiler and byte order allow:
 * GCC or Clang on a little-endian machine; elsewhere byte loops. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WB_SWAR 1
#define ONES ((uint64_t)0x0101010101010101u)
#else
#define WB_SWAR 0
#endif

/* Consume the run of decimal digits at s[*i], appending them to m (mod
 * 2^64: the caller uses m only when it counted 19 digits or fewer);
 * returns how many. Where eight bytes remain it takes up to eight digits at
 * once (SWAR, little-endian only): about a third of the instructions of the
 * byte loop on the protocol's numbers (callgrind, bench_decode). */
static inline size_t take_digits(const char *s, size_t n, size_t *i, uint64_t *m)
{
    const size_t start = *i;
    uint64_t acc = *m;
    size_t k = start;
#if WB_SWAR
    static const uint64_t pow10_int[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
    while (k + 8 <= n) {
        uint64_t x;
        memcpy(&x, s + k, 8);
        /* a digit's byte becomes 0..9; any other byte has bit 7 of
         * (low seven bits + 0x76) | itself set, with no carry between bytes */
        const uint64_t v = x ^ (0x30 * ONES);
        const uint64_t other = (((v & (0x7f * ONES)) + 0x76 * ONES) | v) & (0x80 * ONES);
        const unsigned d = other ? (unsigned)__builtin_ctzll(other) / 8 : 8;
        if (d == 0)
            break;
        /* the d digits to the top bytes, zeros before them, then pairs,
         * quads and the eight combined: the first digit is the lowest byte */
        uint64_t w = d == 8 ? v : v << (8 * (8 - d));
        w = (w * 10 + (w >> 8)) & (0x00ff00ff00ff00ffu);
        w = (w * 100 + (w >> 16)) & (0x0000ffff0000ffffu);
        w = (w * 10000 + (w >> 32)) & 0xffffffffu;
        acc = acc * pow10_int[d] + w;
        k += d;
        if (d < 8) {
            *m = acc;
            *i = k;
            return k - start;
        }
    }
#endif
    for (; k < n && is_digit(s[k]); k++)
        acc = acc * 10 + (uint64_t)(s[k] - '0');
    *m = acc;
    *i = k;
    return k - start;
}

/* Byte classes for the flat scanner: one table load per byte instead of a
 * chain of compares. */
enum { C_WS = 1, C_PRIM_END = 2, C_STR_STOP = 4, C_NOT_PRIM = 8, C_SYMBOL = 16 };

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
    /* the bytes a symbol may hold: letters, digits and . _ : / - */
    ['-'] = C_SYMBOL, ['.'] = C_SYMBOL, ['/'] = C_SYMBOL, ['0' ... '9'] = C_SYMBOL,
    [':'] = C_SYMBOL, ['_'] = C_SYMBOL, ['A' ... 'Z'] = C_SYMBOL, ['a' ... 'z'] = C_SYMBOL,
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
 * decides those). A byte loop: the protocol's strings are a few bytes, and
 * eight at a time (SWAR) measured slower on them. */
static inline size_t string_end(const char *js, size_t len, size_t i)
{
    for (; i < len; i++)
        if (byte_class[(unsigned char)js[i]] & C_STR_STOP)
            return js[i] == '"' ? i : SIZE_MAX;
    return SIZE_MAX;
}

/* string_end that also says whether every byte before the quote is a
 * symbol byte (*symbol), with the same table load. */
static inline size_t string_end_symbol(const char *js, size_t len, size_t i, bool *symbol)
{
    unsigned all = C_SYMBOL;
    for (; i < len; i++) {
        const unsigned k = byte_class[(unsigned char)js[i]];
        if (k & C_STR_STOP) {
            *symbol = all;
            return js[i] == '"' ? i : SIZE_MAX;
        }
        all &= k;
    }
    return SIZE_MAX;
}

/* The number starting at js[i] when it has the common form: -?(0|[1-9]d*)
 * (.d+)? with no exponent, at most 19 digits, their integer m <= 2^53:
 * *out = m / 10^f, exactly strtod's double (see wb_tok_number, which reads
 * a token's number through this too).
 * Returns the index after it, or 0 for any other primitive (read the slow
 * way: primitive_end now, wb_tok_number later). */
static inline size_t scan_number(const char *js, size_t len, size_t i, double *out)
{
    const bool neg = js[i] == '-';
    size_t j = i + neg;
    if (j >= len || !is_digit(js[j]))
        return 0;
    const size_t first = j;
    uint64_t m = 0;
    if (js[j] == '0') {
        j++;
        if (j < len && is_digit(js[j]))
            return 0; /* a leading zero: wb_tok_number refuses it */
    } else {
        take_digits(js, len, &j, &m);
    }
    size_t digits = j - first, frac = 0;
    if (j < len && js[j] == '.') {
        j++;
        frac = take_digits(js, len, &j, &m);
        if (frac == 0)
            return 0;
        digits += frac;
    }
    if (digits > 19 || m > EXACT_MAX || (j < len && (js[j] == 'e' || js[j] == 'E')))
        return 0;
    const double x = frac ? (double)m / pow10[frac] : (double)m; /* no division for an integer */
    *out = neg ? -x : x;
    return j;
}

/* From the quote closing a key, past white space, ':' and white space, to
 * the first byte of its value; SIZE_MAX when there is no ':' or no value. */
static inline size_t value_start(const char *js, size_t len, size_t key_end)
{
    size_t i = skip_ws(js, len, key_end + 1);
    if (i >= len || js[i] != ':')
        return SIZE_MAX;
    i = skip_ws(js, len, i + 1);
    return i < len ? i : SIZE_MAX;
}

/* The message bodies of the hot path are flat objects: string keys without
 * escapes, each followed by ':' and a string without escapes or a
 * primitive. Such a body is tokenized here in one pass into exactly the
 * tokens jsmn would give (type, start, end, size, parent), and its keys
 * indexed as index_keys does (duplicates refused), its numbers read on the
 * way (num_known). Anything else (a nested value, an escape, a NUL, a lone
 * key, any malformation, too many keys) returns false and goes to jsmn,
 * which then decides: so what is accepted and refused is jsmn's, byte for
 * byte (the wire fuzzer compares the two). Returns true with *st the
 * outcome (WIRE_OK, or WIRE_ERR_JSON for a duplicate key, as index_keys
 * says). */
static bool scan_flat(const char *js, size_t len, jsmntok_t *tok, body_view *b, wire_status *st)
{
    size_t i = skip_ws(js, len, 0);
    if (i >= len || js[i] != '{')
        return false;
    wb_view_init(b, js, tok, 0);
    tok[0] = (jsmntok_t){JSMN_OBJECT, (int)i, -1, 0, -1};
    int n = 1;
    bool dup = false;
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
        /* index it; after a duplicate only jsmn's verdict on the rest matters */
        const bool indexed = !dup && add_key(b, key, js + ks, ke - ks);
        dup = !indexed;
        i = value_start(js, len, ke);
        if (i == SIZE_MAX)
            return false;
        const char c = js[i];
        if (c == '"') {
            bool symbol;
            const size_t vs = i + 1, ve = string_end_symbol(js, len, vs, &symbol);
            if (ve == SIZE_MAX)
                return false;
            if (indexed && symbol)
                b->symbol_bytes |= 1u << (b->nkeys - 1);
            tok[n++] = (jsmntok_t){JSMN_STRING, (int)vs, (int)ve, 0, key};
            i = ve + 1;
        } else if (c == '-' || is_digit(c) || c == 't' || c == 'f' || c == 'n') {
            double x;
            size_t e = c == '-' || is_digit(c) ? scan_number(js, len, i, &x) : 0;
            if (e && e < len && (byte_class[(unsigned char)js[e]] & C_PRIM_END)) {
                if (indexed) {
                    b->num[b->nkeys - 1] = x;
                    b->num_known |= 1u << (b->nkeys - 1);
                }
            } else {
                bool bad = false;
                e = primitive_end(js, len, i, &bad);
                if (bad)
                    return false;
            }
            if (e >= len || js[e] == ']')
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

/* A key is one of a handful of short names: compared in line, the length
 * first (a call to memcmp per candidate cost more than the rest of the scan). */
static inline bool same_name(const char *s, size_t n, const wb_known_key *key)
{
    if (key->len != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] != key->name[i])
            return false;
    return true;
}

bool wb_scan_known(const char *js, size_t len, const wb_known_key *keys, size_t n, uint32_t *found,
                   uint32_t *numbers, wb_known_val *val)
{
    assert(n <= WB_KNOWN_MAX);
    *found = 0;
    *numbers = 0;
    if (n == 0)
        return false;
    size_t next = 0;
    size_t i = skip_ws(js, len, 0);
    if (i >= len || js[i] != '{')
        return false;
    i = skip_ws(js, len, i + 1);
    if (i < len && js[i] == '}')
        return skip_ws(js, len, i + 1) == len;
    for (;;) {
        if (i >= len || js[i] != '"')
            return false;
        const size_t ks = i + 1, ke = string_end(js, len, ks);
        if (ke == SIZE_MAX)
            return false;
        /* producers write their keys in one order: look from the key after
         * the last one found, so that in the table's order each is the first
         * tried */
        size_t k = next, tried = 0;
        while (tried < n && !same_name(js + ks, ke - ks, &keys[k])) {
            k = k + 1 == n ? 0 : k + 1;
            tried++;
        }
        if (tried == n || (*found >> k & 1))
            return false; /* a key not asked for, or a duplicate */
        next = k + 1 == n ? 0 : k + 1;
        *found |= 1u << k;
        i = value_start(js, len, ke);
        if (i == SIZE_MAX)
            return false;
        wb_known_val *v = &val[k];
        if (js[i] == '"') {
            bool symbol;
            const size_t vs = i + 1, ve = string_end_symbol(js, len, vs, &symbol);
            if (ve == SIZE_MAX || !symbol)
                return false;
            v->s = js + vs;
            v->len = ve - vs;
            i = ve + 1;
        } else {
            double x;
            const size_t e = scan_number(js, len, i, &x);
            /* the number's end as jsmn sees it: white space, ',' or '}' */
            if (e == 0 || e >= len || !(byte_class[(unsigned char)js[e]] & C_PRIM_END) || js[e] == ']')
                return false;
            v->num = x;
            *numbers |= 1u << k;
            i = e;
        }
        i = skip_ws(js, len, i);
        if (i >= len)
            return false;
        if (js[i] == '}')
            return skip_ws(js, len, i + 1) == len; /* only white space after it */
        if (js[i] != ',')
            return false;
        i = skip_ws(js, len, i + 1);
    }
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


/* Index of the first byte at or after i in s[0..n) that is not a digit. */
static size_t digits_end(const char *s, size_t n, size_t i)
{
    while (i < n && is_digit(s[i]))
        i++;
    return i;
}

/* Strict JSON number grammar. The common form (scan_number: no exponent, at
 * most 19 digits making an integer m <= 2^53, f of them after the point)
 * needs no strtod: m and 10^f (f <= 19 < 23) are both exact doubles, so the
 * one IEEE division m / 10^f is correctly rounded, the very double strtod
 * returns (Clinger 1990). Epoch timestamps with microseconds (16 digits)
 * fit. Anything else is checked here and goes to strtod on a bounded copy. */
wire_status wb_tok_number(const body_view *b, int v, double *out)
{
    const jsmntok_t *t = &b->tok[v];
    if (t->type != JSMN_PRIMITIVE && !(t->type == JSMN_STRING && b->numeric_strings))
        return WIRE_ERR_TYPE;
    return wb_text_number(b->js + t->start, (size_t)(t->end - t->start), out);
}

wire_status wb_text_number(const char *s, size_t n, double *out)
{
    if (n == 0)
        return WIRE_ERR_TYPE; /* "" (a primitive is never empty) */
    double x;
    if (scan_number(s, n, 0, &x) == n) {
        *out = x;
        return WIRE_OK;
    }
    char buf[64];
    size_t i = s[0] == '-';
    if (i == n || !is_digit(s[i]))
        return WIRE_ERR_TYPE; /* true, false, null, or not a number */
    if (n >= sizeof buf)
        return WIRE_ERR_NUMBER;
    if (s[i] == '0' && i + 1 < n && is_digit(s[i + 1]))
        return WIRE_ERR_TYPE;
    i = digits_end(s, n, i);
    if (i < n && s[i] == '.') {
        i++;
        if (i == n || !is_digit(s[i]))
            return WIRE_ERR_TYPE;
        i = digits_end(s, n, i);
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i == n || !is_digit(s[i]))
            return WIRE_ERR_TYPE;
        i = digits_end(s, n, i);
    }
    if (i != n)
        return WIRE_ERR_TYPE;
    memcpy(buf, s, n);
    buf[n] = '\0';
    x = strtod(buf, NULL);
    if (!isfinite(x))
        return WIRE_ERR_NUMBER; /* 1e999 overflows to inf */
    *out = x;
    return WIRE_OK;
}

wire_status wb_key_number_or(const body_view *b, int i, double *out, wire_status absent_or_null)
{
    if (i < 0)
        return absent_or_null;
    assert(i < b->nkeys);
    if (!(b->num_known >> i & 1) && wb_is_null(b, b->key[i] + 1))
        return absent_or_null;
    return wb_key_number(b, i, out);
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

bool wb_symbol_ok(const char *s, size_t n)
{
    if (!wb_symbol_len_ok(n))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(byte_class[(unsigned char)s[i]] & C_SYMBOL))
            return false;
    return true;
}

/* Key i's string value into dst when it is 1 to max_len symbol bytes;
 * `scanned`: the scanner saw only symbol bytes in it (no second pass). */
static wire_status key_symbol_bytes(const body_view *b, int i, bool required, char *dst, size_t max_len,
                                    bool scanned)
{
    if (i < 0 || wb_is_null(b, b->key[i] + 1))
        return required ? WIRE_ERR_MISSING : WIRE_OK;
    const jsmntok_t *t = &b->tok[b->key[i] + 1];
    if (t->type != JSMN_STRING)
        return WIRE_ERR_TYPE;
    /* no escapes to look for: a backslash is not a symbol byte */
    const char *s = b->js + t->start;
    const size_t n = (size_t)(t->end - t->start);
    if (n == 0 || n > max_len)
        return WIRE_ERR_SYMBOL;
    for (size_t k = 0; !scanned && k < n; k++)
        if (!(byte_class[(unsigned char)s[k]] & C_SYMBOL))
            return WIRE_ERR_SYMBOL;
    memcpy(dst, s, n);
    dst[n] = '\0';
    return WIRE_OK;
}

wire_status wb_key_symbol(const body_view *b, int i, bool required, char *dst)
{
    return key_symbol_bytes(b, i, required, dst, EVENT_SYM_MAX - 1, i >= 0 && (b->symbol_bytes >> i & 1));
}

wire_status wb_key_id(const body_view *b, int i, bool required, char *dst)
{
    return key_symbol_bytes(b, i, required, dst, EVENT_ID_MAX - 1, false);
}

/* Compare a string value against one literal. */
bool wb_str_is(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

