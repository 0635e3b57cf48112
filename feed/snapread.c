/* snapread.c - decode the headless snapshot document (see snapwire.h): the
 * inverse of snapw_document in snapwire.c, field for field.
 *
 * The bytes are untrusted (they come over the network from an engine), so:
 *  - at most SNAPW_MAX_DOC bytes holding one JSON object, white space around
 *    it. jsmn tokenizes (a counting pass sizes the token array, at most
 *    SNAPR_MAX_TOKENS tokens of 24 bytes with their next[] index, allocated
 *    per call and freed before return),
 *    then every token is checked against strict JSON, which jsmn alone is
 *    not ([1 2], {"a":1,}, ,{} pass it): the bytes between tokens are white
 *    space and exactly the separators JSON puts there, literals are exactly
 *    true/false/null, every number (known key or not) has the JSON grammar,
 *    is finite and under 64 characters (wb_tok_number), strings hold no raw
 *    control characters. Nesting deeper than SNAPR_MAX_DEPTH is an error.
 *  - tables: more than SNAPW_MAX_INST instruments or underlyings,
 *    BOOK_MAX_BOOKS books, SNAPR_MAX_HOLDINGS holdings in all or
 *    SNAPR_MAX_SCENARIOS scenarios is an error.
 *  - fixed arrays: entries beyond SNAP_LAST_REJECTS rejects (newest first),
 *    SNAP_EVENTS events and SNAP_SERIES series points (both newest last) are
 *    dropped, keeping the newest, so an older viewer still reads a newer
 *    engine that sends longer lists.
 *  - everything is decoded into a snapshot of its own, moved into *out only
 *    when all of it decoded; on error *out is untouched and the reason names
 *    the place: "instruments[3].quote.bid: expected a number (byte 1234)".
 *
 * Keys: unknown ones are skipped (forward compatible), as are keys spelled
 * with escapes (no known key needs one); a known key given twice is an
 * error. A known key absent or null takes its default: numbers NAN, counts
 * 0, flags false, strings "", names their first value. Only "version" is
 * required.
 * Values: numbers written as null come back as NAN. Counts are JSON
 * integers in [0, INT64_MAX]. Strings are unescaped (\uXXXX to UTF-8,
 * surrogate pairs joined, a lone surrogate refused) and must fit their
 * field; control characters (U+0000-U+001F, U+007F) become '?', as the
 * engine's own event log does: decoded text is drawn on a terminal. Names
 * (kind, leg, level, zone, greeks, reason, model) must be one the encoder
 * writes.
 * Derived on the way back: an underlying's limit.since comes from its
 * "delta" entry in limits.breaches (the only place the document has it;
 * matched in order by name and utilization, an entry matching no
 * underlying is an error; the other breach kinds repeat what their rows
 * say and are not read); result.valid[m] is whether any of the method's
 * figures is a number; var levels are the level keys ("p95", ...) of the
 * first method in var, in order, and es_level the first level key in cvar
 * (a key that no level writes back the same, such as "p5", is an error);
 * has_greeks is the presence of "greeks"; has_quote and eff.valid are the
 * quote's model_valid and eff_valid; has_override is override not null; a
 * holding's book is the first book with its name ("" with no such book:
 * SIZE_MAX, none; another unknown name is an error).
 * Not in the document, so left at their defaults: engine_silence_s (NAN:
 * the viewer sets it), pv.mc_paths, pv.mc_seed, result.scenarios[],
 * feed.rejected[] for ok and ignored; a quote given as
 * null leaves q and eff zeroed, greeks not given leave them NAN with
 * greeks_status -1, as the engine builds them. */
#include "invtop/snapwire.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/backtest.h"
#include "invtop/book.h"
#include "invtop/evlog.h"
#include "invtop/exposure.h"
#include "invtop/ovrjson.h"
#include "invtop/wire_body.h"

/* A valid document averages over 7 bytes per token. */
#define SNAPR_MAX_TOKENS ((int)(SNAPW_MAX_DOC / 4))
/* The document nests 5 deep; room for what a newer engine adds. */
#define SNAPR_MAX_DEPTH 32
/* The engine's book holds 4 holdings per instrument. */
#define SNAPR_MAX_HOLDINGS (4 * (size_t)SNAPW_MAX_INST)
/* The most returns --window keeps. */
#define SNAPR_MAX_SCENARIOS 1000000
/* Most fields one object decodes. */
#define SNAPR_MAX_FIELDS 48

typedef struct {
    const char *js;
    size_t len;
    jsmntok_t *tok;
    int *next;      /* next[t]: the token after t's subtree */
    int ntok;
    body_view bv;   /* js, tok and ntok, for wb_tok_number and ovrjson_read */
    char *err;
    size_t errlen;
} rd;

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
static void put_path(const rd *r, int t, char *buf, size_t cap, size_t *o, int depth)
{
    if (t <= 0 || t >= r->ntok || depth > 4 * SNAPR_MAX_DEPTH)
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

/* Write "PATH: what (byte N)" into the caller's err (t < 0: no place) and
 * return -1. Bytes outside printable ASCII become '?'. */
static int fail(const rd *r, int t, const char *fmt, ...)
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
static int check_string(const rd *r, int t)
{
    const jsmntok_t *x = &r->tok[t];
    for (int i = x->start; i < x->end; i++)
        if ((unsigned char)r->js[i] < 0x20)
            return fail(r, t, "raw control character in a string");
    return 0;
}

/* Check the value at token t (nested `depth` deep) and fill next[] over
 * its subtree. Returns the token after it, or -1. */
static int check_value(rd *r, int t, int depth)
{
    if (t >= r->ntok)
        return fail(r, -1, "not JSON: a value is missing");
    const jsmntok_t *x = &r->tok[t];
    if (depth > SNAPR_MAX_DEPTH)
        return fail(r, t, "nested deeper than %d", SNAPR_MAX_DEPTH);
    if (x->start < 0 || x->end < x->start || (size_t)x->end > r->len)
        return fail(r, t, "not JSON");
    switch (x->type) {
    case JSMN_PRIMITIVE: {
        const char *s = r->js + x->start;
        const size_t n = (size_t)(x->end - x->start);
        if (x->size != 0)
            return fail(r, t, "not JSON: a value where a key belongs");
        if (s[0] == 't' || s[0] == 'f' || s[0] == 'n') {
            if (!is_literal(s, n, "true") && !is_literal(s, n, "false") && !is_literal(s, n, "null"))
                return fail(r, t, "not JSON: bad literal");
        } else {
            double v;
            wire_status st = wb_tok_number(&r->bv, t, &v);
            if (st == WIRE_ERR_NUMBER)
                return fail(r, t, "number out of range or over 63 characters");
            if (st != WIRE_OK)
                return fail(r, t, "not JSON: bad number");
        }
        r->next[t] = t + 1;
        return t + 1;
    }
    case JSMN_STRING:
        if (x->size != 0)
            return fail(r, t, "not JSON: a string where a key's value belongs");
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
                return fail(r, t, "not JSON: truncated");
            if (obj) {
                const jsmntok_t *key = &r->tok[c];
                if (key->type != JSMN_STRING || key->size != 1)
                    return fail(r, c, "not JSON: bad key");
                if (!gap_ok(r->js, pos, outer_start(key), k ? ',' : 0))
                    return fail(r, c, "not JSON: bad separator before a key");
                if (check_string(r, c) != 0)
                    return -1;
                pos = outer_end(key);
                c++;
                if (c >= r->ntok)
                    return fail(r, t, "not JSON: truncated");
                if (!gap_ok(r->js, pos, outer_start(&r->tok[c]), ':'))
                    return fail(r, c, "not JSON: bad separator after a key");
                r->next[c - 1] = -1; /* keys are skipped with their values */
            } else if (!gap_ok(r->js, pos, outer_start(&r->tok[c]), k ? ',' : 0)) {
                return fail(r, c, "not JSON: bad separator in an array");
            }
            int after = check_value(r, c, depth + 1);
            if (after < 0)
                return -1;
            pos = outer_end(&r->tok[c]);
            c = after;
        }
        if (!gap_ok(r->js, pos, x->end - 1, 0))
            return fail(r, t, "not JSON: bad separator at the end of a container");
        r->next[t] = c;
        return c;
    }
    default:
        return fail(r, t, "not JSON");
    }
}

/* Tokenize js[0..len) into r (allocating r->tok and r->next) and check it
 * is one strict JSON object. Returns 0 or -1 (arrays freed by the caller). */
static int tokenize(rd *r)
{
    jsmn_parser p;
    jsmn_init(&p);
    const int n = jsmn_parse(&p, r->js, r->len, NULL, 0);
    if (n == JSMN_ERROR_PART)
        return fail(r, -1, "not JSON: truncated");
    if (n < 0)
        return fail(r, -1, "not JSON (byte %u)", p.pos);
    if (n == 0)
        return fail(r, -1, "not JSON: empty");
    if (n > SNAPR_MAX_TOKENS)
        return fail(r, -1, "more than %d JSON tokens", SNAPR_MAX_TOKENS);
    r->tok = malloc((size_t)n * sizeof *r->tok);
    r->next = malloc((size_t)n * sizeof *r->next);
    if (!r->tok || !r->next)
        return fail(r, -1, "out of memory for %d tokens", n);
    jsmn_init(&p);
    const int got = jsmn_parse(&p, r->js, r->len, r->tok, (unsigned)n);
    if (got == JSMN_ERROR_PART)
        return fail(r, -1, "not JSON: truncated");
    if (got < 1)
        return fail(r, -1, "not JSON (byte %u)", p.pos);
    r->ntok = got;
    r->bv.js = r->js;
    r->bv.tok = r->tok;
    r->bv.ntok = got;
    r->bv.nkeys = 0;
    r->bv.numeric_strings = false;
    if (r->tok[0].type != JSMN_OBJECT)
        return fail(r, -1, "not a JSON object");
    if (!gap_ok(r->js, 0, r->tok[0].start, 0))
        return fail(r, -1, "not JSON: bytes before the object");
    if (r->tok[0].end < 0 || (size_t)r->tok[0].end > r->len ||
        !gap_ok(r->js, r->tok[0].end, (int)r->len, 0))
        return fail(r, -1, "not JSON: bytes after the object (byte %d)", r->tok[0].end);
    const int after = check_value(r, 0, 1);
    if (after < 0)
        return -1;
    if (after != got)
        return fail(r, -1, "not JSON: more than one value");
    return 0;
}

/* ---- values ---- */

static bool is_null(const rd *r, int v)
{
    return v < 0 || (r->tok[v].type == JSMN_PRIMITIVE && r->js[r->tok[v].start] == 'n');
}

/* A number, or NAN for absent (v < 0) and null. */
static int take_num(const rd *r, int v, double *out)
{
    if (is_null(r, v)) {
        *out = NAN;
        return 0;
    }
    if (wb_tok_number(&r->bv, v, out) != WIRE_OK)
        return fail(r, v, "expected a number");
    return 0;
}

/* A JSON integer in [0, INT64_MAX]; 0 for absent and null. */
static int take_count(const rd *r, int v, uint64_t *out)
{
    if (is_null(r, v)) {
        *out = 0;
        return 0;
    }
    const jsmntok_t *x = &r->tok[v];
    const char *s = r->js + x->start;
    const int n = x->end - x->start;
    if (x->type != JSMN_PRIMITIVE || n < 1 || n > 19 || (s[0] == '0' && n > 1))
        return fail(r, v, "expected a non-negative integer");
    uint64_t m = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return fail(r, v, "expected a non-negative integer");
        m = m * 10 + (uint64_t)(s[i] - '0'); /* 19 digits fit in 64 bits */
    }
    if (m > (uint64_t)INT64_MAX)
        return fail(r, v, "integer out of range");
    *out = m;
    return 0;
}

static int take_size(const rd *r, int v, size_t *out)
{
    uint64_t m;
    if (take_count(r, v, &m) != 0)
        return -1;
    if ((uint64_t)(size_t)m != m)
        return fail(r, v, "integer out of range");
    *out = (size_t)m;
    return 0;
}

/* true or false; false for absent and null. */
static int take_bool(const rd *r, int v, bool *out)
{
    if (is_null(r, v)) {
        *out = false;
        return 0;
    }
    const char c = r->js[r->tok[v].start];
    if (r->tok[v].type != JSMN_PRIMITIVE || (c != 't' && c != 'f'))
        return fail(r, v, "expected true or false");
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

/* The string at v unescaped into dst (cap bytes, terminated), control
 * characters as '?'; "" for absent and null. Longer than cap - 1 bytes is
 * an error. */
static int take_str(const rd *r, int v, char *dst, size_t cap)
{
    assert(cap > 0);
    dst[0] = '\0';
    if (is_null(r, v))
        return 0;
    const jsmntok_t *x = &r->tok[v];
    if (x->type != JSMN_STRING)
        return fail(r, v, "expected a string");
    const char *s = r->js + x->start;
    const size_t n = (size_t)(x->end - x->start);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        if (s[i] != '\\') {
            cp = (unsigned char)s[i++];
            if (cp >= 0x80) { /* raw bytes pass as they are, valid UTF-8 or not */
                if (o + 1 >= cap)
                    return fail(r, v, "string longer than %zu bytes", cap - 1);
                dst[o++] = (char)cp;
                continue;
            }
        } else {
            if (i + 1 >= n)
                return fail(r, v, "bad escape");
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
                    return fail(r, v, "bad \\u escape");
                i += 4;
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail(r, v, "lone low surrogate");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    uint32_t lo;
                    if (i + 6 > n || s[i] != '\\' || s[i + 1] != 'u' || hex4(s + i + 2, &lo) != 0 ||
                        lo < 0xDC00 || lo > 0xDFFF)
                        return fail(r, v, "lone high surrogate");
                    i += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                break;
            default:
                return fail(r, v, "bad escape");
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
            return fail(r, v, "string longer than %zu bytes", cap - 1);
        memcpy(dst + o, u, k);
        o += k;
    }
    dst[o] = '\0';
    return 0;
}

/* The index in names[0..n) of the name string v holds (0, the first, for
 * absent and null), or -1 after an error naming `what`. */
static int take_name(const rd *r, int v, const char *const *names, int n, const char *what)
{
    if (is_null(r, v))
        return 0;
    char buf[32];
    if (r->tok[v].type != JSMN_STRING)
        return fail(r, v, "expected a string (%s)", what);
    if (take_str(r, v, buf, sizeof buf) == 0)
        for (int i = 0; i < n; i++)
            if (strcmp(buf, names[i]) == 0)
                return i;
    return fail(r, v, "unknown %s", what);
}

/* The elements of the array at v: the first at *first, their count
 * returned (0 for absent and null), or -1 when v is not an array. */
static int array_of(const rd *r, int v, int *first)
{
    *first = v + 1;
    if (is_null(r, v))
        return 0;
    if (r->tok[v].type != JSMN_ARRAY)
        return fail(r, v, "expected an array");
    return r->tok[v].size;
}

/* ---- objects by field tables ---- */

typedef enum { F_NUM, F_U64, F_SIZE, F_ULONG, F_BOOL, F_STR, F_OWN } ftype;

typedef struct {
    const char *key;
    ftype type;
    size_t off; /* into the destination; F_OWN: the slot its value token goes to */
    size_t cap; /* F_STR: the field's size */
} field;

#define FNUM(T, k, m) {k, F_NUM, offsetof(T, m), 0}
#define FU64(T, k, m) {k, F_U64, offsetof(T, m), 0}
#define FSIZE(T, k, m) {k, F_SIZE, offsetof(T, m), 0}
#define FULONG(T, k, m) {k, F_ULONG, offsetof(T, m), 0}
#define FBOOL(T, k, m) {k, F_BOOL, offsetof(T, m), 0}
#define FSTR(T, k, m) {k, F_STR, offsetof(T, m), sizeof((T *)0)->m}
#define FOWN(k, slot) {k, F_OWN, slot, 0}
#define NFIELDS(f) ((int)(sizeof(f) / sizeof(f)[0]))

static int read_scalar(const rd *r, int v, const field *f, void *base)
{
    void *p = (char *)base + f->off;
    switch (f->type) {
    case F_NUM: return take_num(r, v, (double *)p);
    case F_U64: return take_count(r, v, (uint64_t *)p);
    case F_SIZE: return take_size(r, v, (size_t *)p);
    case F_ULONG: {
        uint64_t m;
        if (take_count(r, v, &m) != 0)
            return -1;
        if ((uint64_t)(unsigned long)m != m)
            return fail(r, v, "integer out of range");
        *(unsigned long *)p = (unsigned long)m;
        return 0;
    }
    case F_BOOL: return take_bool(r, v, (bool *)p);
    case F_STR: return take_str(r, v, (char *)p, f->cap);
    case F_OWN: return 0;
    }
    return 0;
}

/* Decode the members of the object at obj named in f[0..nf): scalars into
 * base + off (absent or null: their default), the value token of each F_OWN
 * field into own[off] (-1 when absent). An absent (obj < 0) or null object
 * reads as {}. Unknown members are skipped, a known one twice is an error.
 * The search starts after the last match, so keys in the table's order (the
 * encoder's) cost one comparison each. */
static int read_fields(const rd *r, int obj, const field *f, int nf, void *base, int *own)
{
    assert(nf > 0 && nf <= SNAPR_MAX_FIELDS);
    const bool empty = is_null(r, obj);
    if (!empty && r->tok[obj].type != JSMN_OBJECT)
        return fail(r, obj, "expected an object");
    int val[SNAPR_MAX_FIELDS];
    for (int i = 0; i < nf; i++)
        val[i] = -1;
    int k = obj + 1, hint = 0;
    for (int m = 0; !empty && m < r->tok[obj].size; m++) {
        const char *name = r->js + r->tok[k].start;
        const size_t n = (size_t)(r->tok[k].end - r->tok[k].start);
        for (int j = 0; j < nf; j++) {
            const int i = (hint + j) % nf;
            if (strncmp(f[i].key, name, n) != 0 || f[i].key[n] != '\0')
                continue;
            if (val[i] >= 0)
                return fail(r, k, "key given twice");
            val[i] = k + 1;
            hint = i + 1;
            break;
        }
        k = r->next[k + 1];
    }
    for (int i = 0; i < nf; i++) {
        assert(f[i].type != F_OWN || own != NULL);
        if (f[i].type == F_OWN)
            own[f[i].off] = val[i];
        else if (read_scalar(r, val[i], &f[i], base) != 0)
            return -1;
    }
    return 0;
}

/* ---- var level keys ---- */

/* "p95" for 0.95, "p975" for 0.975: as snapwire.c writes a level. */
static void level_key(double level, char *out, size_t len)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.6g", level * 100);
    size_t o = 0;
    if (o + 1 < len)
        out[o++] = 'p';
    for (const char *d = digits; *d && o + 1 < len; d++)
        if (*d != '.')
            out[o++] = *d;
    out[o] = '\0';
}

/* Whether key token k is a level key "p<digits>": 1 with *level = 0.<digits>,
 * 0 when it is not one, -1 (an error set) when no level writes it back the
 * same ("p5": 0.5 is written "p50"; "p05"). */
static int key_level(const rd *r, int k, double *level)
{
    static const double pow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const char *s = r->js + r->tok[k].start;
    const size_t n = (size_t)(r->tok[k].end - r->tok[k].start);
    if (n < 2 || s[0] != 'p')
        return 0;
    for (size_t i = 1; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    if (n - 1 > 15)
        return fail(r, k, "level key with over 15 digits");
    uint64_t m = 0;
    for (size_t i = 1; i < n; i++)
        m = m * 10 + (uint64_t)(s[i] - '0');
    *level = (double)m / pow10[n - 1]; /* exact operands: correctly rounded */
    char back[32];
    level_key(*level, back, sizeof back);
    if (strlen(back) != n || memcmp(back, s, n) != 0)
        return fail(r, k, "level key that no level is written as (%s is)", back);
    return 1;
}

/* ---- parts ---- */

static int read_rejects(const rd *r, int v, snap_feed *f)
{
    static const field rej_fields[] = {
        FOWN("reason", 0),
        FNUM(snap_reject, "ts", time),
        FSTR(snap_reject, "excerpt", excerpt),
    };
    const char *names[WIRE_STATUS_COUNT];
    for (int i = 0; i < WIRE_STATUS_COUNT; i++)
        names[i] = wire_status_name((wire_status)i);
    int e, n = array_of(r, v, &e);
    if (n < 0)
        return -1;
    f->nlast = 0;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        if (f->nlast == SNAP_LAST_REJECTS)
            break; /* newest first: the rest are older */
        snap_reject *d = &f->last[f->nlast];
        int own[1];
        if (r->tok[e].type != JSMN_OBJECT)
            return fail(r, e, "expected an object");
        if (read_fields(r, e, rej_fields, NFIELDS(rej_fields), d, own) != 0)
            return -1;
        const int reason = take_name(r, own[0], names, WIRE_STATUS_COUNT, "reject reason");
        if (reason < 0)
            return -1;
        d->reason = (wire_status)reason;
        f->nlast++;
    }
    return 0;
}

static int read_feed(const rd *r, int v, snap_feed *f)
{
    static const field feed_fields[] = {
        FU64(snap_feed, "msgs", msgs),
        FU64(snap_feed, "accepted", accepted),
        FU64(snap_feed, "ignored", ignored),
        FNUM(snap_feed, "rate", rate),
        FOWN("rejected", 0),
        FU64(snap_feed, "gaps", gaps),
        FU64(snap_feed, "seq_restarts", seq_restarts),
        FU64(snap_feed, "seq_untracked", seq_untracked),
        FU64(snap_feed, "record_errors", record_errors),
        FU64(snap_feed, "quotes_published", quotes_published),
        FNUM(snap_feed, "last_msg_age_s", last_msg_age_s),
    };
    static const field rejected_fields[] = {
        FU64(snap_feed, "total", rejected_total),
        FOWN("by_reason", 0),
        FOWN("last", 1),
    };
    int own[2];
    if (read_fields(r, v, feed_fields, NFIELDS(feed_fields), f, own) != 0)
        return -1;
    const int rejected = own[0];
    if (read_fields(r, rejected, rejected_fields, NFIELDS(rejected_fields), f, own) != 0)
        return -1;
    const int last = own[1];
    /* by_reason: one counter per reject reason, as snapwire.c lists them */
    field by[WIRE_STATUS_COUNT];
    int nby = 0;
    for (int s = WIRE_IGNORED + 1; s < WIRE_STATUS_COUNT; s++)
        by[nby++] = (field){wire_status_name((wire_status)s), F_U64,
                            offsetof(snap_feed, rejected) + (size_t)s * sizeof f->rejected[0], 0};
    if (read_fields(r, own[0], by, nby, f, NULL) != 0)
        return -1;
    return read_rejects(r, last, f);
}

static int read_portfolio(const rd *r, int v, snap_portfolio *p)
{
    static const field port_fields[] = {
        FNUM(snap_portfolio, "gross_usd", gross_usd),
        FNUM(snap_portfolio, "net_usd", net_usd),
        FNUM(snap_portfolio, "pnl_realized", pnl_realized),
        FNUM(snap_portfolio, "pnl_unrealized", pnl_unrealized),
        FNUM(snap_portfolio, "net_delta_usd", net_delta_usd),
    };
    return read_fields(r, v, port_fields, NFIELDS(port_fields), p, NULL);
}

/* The method objects of var or cvar at v: own[m] per pv_method. */
static int read_methods(const rd *r, int v, int *own)
{
    field f[PV_METHODS];
    for (int m = 0; m < PV_METHODS; m++)
        f[m] = (field){pv_method_name((pv_method)m), F_OWN, (size_t)m, 0};
    for (int m = 0; m < PV_METHODS; m++)
        own[m] = -1;
    if (read_fields(r, v, f, PV_METHODS, NULL, own) != 0)
        return -1;
    for (int m = 0; m < PV_METHODS; m++)
        if (!is_null(r, own[m]) && r->tok[own[m]].type != JSMN_OBJECT)
            return fail(r, own[m], "expected an object");
    return 0;
}

/* risk.var: the first method present gives the levels (its level keys in
 * order, a level twice is kept twice); the others are matched to them. */
static int read_var(const rd *r, int v, snap *s)
{
    int own[PV_METHODS];
    if (read_methods(r, v, own) != 0)
        return -1;
    bool defined = false;
    for (int m = 0; m < PV_METHODS; m++) {
        if (is_null(r, own[m]))
            continue;
        unsigned filled = 0;
        int k = own[m] + 1;
        for (int i = 0; i < r->tok[own[m]].size; i++, k = r->next[k + 1]) {
            double level;
            const int kl = key_level(r, k, &level);
            if (kl < 0)
                return -1;
            if (kl == 0)
                continue;
            size_t at = 0;
            if (!defined) {
                if (s->pv.nvar == PV_MAX_LEVELS)
                    return fail(r, k, "more than %d var levels", PV_MAX_LEVELS);
                at = s->pv.nvar++;
                s->pv.var_levels[at] = level;
            } else {
                while (at < s->pv.nvar && (s->pv.var_levels[at] != level || (filled >> at & 1)))
                    at++;
                if (at == s->pv.nvar)
                    continue; /* a level the first method lacks */
            }
            filled |= 1u << at;
            if (take_num(r, k + 1, &s->result.var[m][at]) != 0)
                return -1;
        }
        defined = true;
    }
    return 0;
}

/* risk.cvar: es_level is the first level key found; each method's value at
 * that level is its ES. */
static int read_cvar(const rd *r, int v, snap *s)
{
    int own[PV_METHODS];
    if (read_methods(r, v, own) != 0)
        return -1;
    for (int m = 0; m < PV_METHODS; m++) {
        if (is_null(r, own[m]))
            continue;
        int k = own[m] + 1;
        for (int i = 0; i < r->tok[own[m]].size; i++, k = r->next[k + 1]) {
            double level;
            const int kl = key_level(r, k, &level);
            if (kl < 0)
                return -1;
            if (kl == 0)
                continue;
            if (isnan(s->pv.es_level))
                s->pv.es_level = level;
            if (level == s->pv.es_level) {
                if (take_num(r, k + 1, &s->result.es[m]) != 0)
                    return -1;
                break;
            }
        }
    }
    return 0;
}

static int read_risk(const rd *r, int v, snap *s)
{
    static const field risk_fields[] = {
        FNUM(snap, "horizon_s", pv.horizon_s),
        FNUM(snap, "sample_s", pv.sample_s),
        FSIZE(snap, "returns", returns),
        FSIZE(snap, "window", window),
        FNUM(snap, "computed_at", computed_at),
        FNUM(snap, "monte_carlo_at", mc_at),
        FOWN("var", 0),
        FOWN("cvar", 1),
        FOWN("backtest", 2),
        FOWN("scenarios", 3),
    };
    static const field bt_fields[] = {
        FNUM(snap, "level", bt_level),
        FSIZE(snap, "n", bt_n),
        FSIZE(snap, "exceptions", bt_exceptions),
        FNUM(snap, "kupiec_lr", kupiec_lr),
        FNUM(snap, "kupiec_p", kupiec_p),
        FNUM(snap, "christoffersen_lr", christoffersen_lr),
        FNUM(snap, "christoffersen_p", christoffersen_p),
        FOWN("zone", 0),
    };
    for (int m = 0; m < PV_METHODS; m++) {
        for (int k = 0; k < PV_MAX_LEVELS; k++)
            s->result.var[m][k] = NAN;
        s->result.es[m] = NAN;
    }
    s->pv.nvar = 0;
    s->pv.es_level = NAN;
    int own[4] = {-1, -1, -1, -1}, bt[1] = {-1};
    if (read_fields(r, v, risk_fields, NFIELDS(risk_fields), s, own) != 0 ||
        read_var(r, own[0], s) != 0 || read_cvar(r, own[1], s) != 0)
        return -1;
    for (int m = 0; m < PV_METHODS; m++) {
        bool any = !isnan(s->result.es[m]);
        for (size_t k = 0; k < s->pv.nvar; k++)
            any = any || !isnan(s->result.var[m][k]);
        s->result.valid[m] = any;
    }
    static const char *const zones[] = {"green", "yellow", "red"};
    if (read_fields(r, own[2], bt_fields, NFIELDS(bt_fields), s, bt) != 0)
        return -1;
    const int zone = take_name(r, bt[0], zones, 3, "backtest zone");
    if (zone < 0)
        return -1;
    s->bt_zone = zone;
    int e, n = array_of(r, own[3], &e);
    if (n < 0)
        return -1;
    if (n > SNAPR_MAX_SCENARIOS)
        return fail(r, own[3], "more than %d scenarios", SNAPR_MAX_SCENARIOS);
    if (snap_reserve(s, 0, 0, 0, 0, (size_t)n) != 0)
        return fail(r, own[3], "out of memory");
    for (int i = 0; i < n; i++, e = r->next[e])
        if (take_num(r, e, &s->scenarios[i]) != 0)
            return -1;
    s->nscen = (size_t)n;
    return 0;
}

static int read_underlyings(const rd *r, int v, snap *s)
{
    static const field und_fields[] = {
        FSTR(snap_und, "name", name),
        FNUM(snap_und, "price", price),
        FNUM(snap_und, "delta", delta),
        FNUM(snap_und, "delta_usd", delta_usd),
        FNUM(snap_und, "gamma", gamma),
        FNUM(snap_und, "vega", vega),
        FNUM(snap_und, "theta", theta),
        FNUM(snap_und, "limit_util", limit.util),
    };
    int e, n = array_of(r, v, &e);
    if (n < 0)
        return -1;
    if (n > SNAPW_MAX_INST)
        return fail(r, v, "more than %d underlyings", SNAPW_MAX_INST);
    if (snap_reserve(s, 0, (size_t)n, 0, 0, 0) != 0)
        return fail(r, v, "out of memory");
    for (int i = 0; i < n; i++, e = r->next[e]) {
        snap_und *d = &s->und[i];
        memset(d, 0, sizeof *d);
        if (r->tok[e].type != JSMN_OBJECT)
            return fail(r, e, "expected an object");
        if (read_fields(r, e, und_fields, NFIELDS(und_fields), d, NULL) != 0)
            return -1;
        d->limit.since = NAN; /* from limits.breaches */
        s->nund++;
    }
    return 0;
}

/* Both NAN, or equal. */
static bool same(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* limits.breaches: only "delta" entries carry something the rows lack (an
 * underlying's since). They come in the order of the underlyings; each is
 * matched to the next underlying of that name and utilization. */
static int read_breaches(const rd *r, int v, snap *s)
{
    static const field breach_fields[] = {
        FOWN("kind", 0),
        FOWN("name", 1),
        FOWN("util", 2),
        FOWN("since", 3),
    };
    int e, n = array_of(r, v, &e);
    if (n < 0)
        return -1;
    size_t next_und = 0;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        int own[4];
        if (r->tok[e].type != JSMN_OBJECT)
            return fail(r, e, "expected an object");
        if (read_fields(r, e, breach_fields, NFIELDS(breach_fields), NULL, own) != 0)
            return -1;
        char kind[32], name[EVENT_SYM_MAX];
        if (own[0] < 0 || r->tok[own[0]].type != JSMN_STRING ||
            take_str(r, own[0], kind, sizeof kind) != 0 || strcmp(kind, "delta") != 0)
            continue; /* another kind, or one this viewer does not know */
        double util, since;
        if (take_str(r, own[1], name, sizeof name) != 0 || take_num(r, own[2], &util) != 0 ||
            take_num(r, own[3], &since) != 0)
            return -1;
        size_t u = next_und;
        while (u < s->nund && (strcmp(s->und[u].name, name) != 0 || !same(s->und[u].limit.util, util)))
            u++;
        if (u == s->nund)
            return fail(r, e, "breach of an underlying not in underlyings, or out of order");
        s->und[u].limit.since = since;
        next_und = u + 1;
    }
    return 0;
}

static int read_limits(const rd *r, int v, snap *s)
{
    static const field limit_fields[] = {
        FNUM(snap, "max_pos_lots", limits.max_pos_lots),
        FNUM(snap, "max_delta_usd", limits.max_delta_usd),
        FNUM(snap, "max_var_usd", limits.max_var_usd),
        FNUM(snap, "var_util", var_limit.util),
        FNUM(snap, "var_since", var_limit.since),
        FSIZE(snap, "breach_count", breaches),
        FOWN("breaches", 0),
    };
    int own[1] = {-1};
    if (read_fields(r, v, limit_fields, NFIELDS(limit_fields), s, own) != 0)
        return -1;
    return read_breaches(r, own[0], s);
}

static int read_books(const rd *r, int v, snap *s)
{
    static const field book_fields[] = {
        FSTR(snap_book, "name", name),
        FNUM(snap_book, "gross_usd", r.gross_usd),
        FNUM(snap_book, "net_usd", r.net_usd),
        FNUM(snap_book, "net_delta_usd", r.net_delta_usd),
        FNUM(snap_book, "pnl_realized", r.pnl_realized),
        FNUM(snap_book, "pnl_unrealized", r.pnl_unrealized),
        FNUM(snap_book, "var_usd", r.var_usd),
        FNUM(snap_book, "max_delta_usd", lim.max_delta_usd),
        FNUM(snap_book, "max_var_usd", lim.max_var_usd),
        FNUM(snap_book, "delta_util", r.delta.util),
        FNUM(snap_book, "var_util", r.var.util),
        FNUM(snap_book, "delta_since", r.delta.since),
        FNUM(snap_book, "var_since", r.var.since),
    };
    int e, n = array_of(r, v, &e);
    if (n < 0)
        return -1;
    if (n > BOOK_MAX_BOOKS)
        return fail(r, v, "more than %d books", BOOK_MAX_BOOKS);
    if (snap_reserve(s, 0, 0, (size_t)n, 0, 0) != 0)
        return fail(r, v, "out of memory");
    for (int i = 0; i < n; i++, e = r->next[e]) {
        snap_book *d = &s->books[i];
        memset(d, 0, sizeof *d);
        if (r->tok[e].type != JSMN_OBJECT)
            return fail(r, e, "expected an object");
        if (read_fields(r, e, book_fields, NFIELDS(book_fields), d, NULL) != 0)
            return -1;
        s->nbooks++;
    }
    return 0;
}

static int read_quote_params(const rd *r, int v, skew_params *p)
{
    static const field qp_fields[] = {
        FOWN("model", 0),
        FNUM(skew_params, "gamma", gamma),
        FNUM(skew_params, "k", k),
        FNUM(skew_params, "A", A),
        FNUM(skew_params, "delta", delta),
        FNUM(skew_params, "tau_s", tau_s),
        FNUM(skew_params, "session_end", session_end),
        FNUM(skew_params, "skew_factor", skew_factor),
        FNUM(skew_params, "vol_mult", vol_mult),
        FNUM(skew_params, "min_spread_bps", min_spread_bps),
        FNUM(skew_params, "q_max_lots", q_max_lots),
    };
    const char *models[SKEW_MODELS];
    for (int m = 0; m < SKEW_MODELS; m++)
        models[m] = skew_model_name((skew_model)m);
    int own[1] = {-1};
    if (read_fields(r, v, qp_fields, NFIELDS(qp_fields), p, own) != 0)
        return -1;
    const int model = take_name(r, own[0], models, SKEW_MODELS, "quote model");
    if (model < 0)
        return -1;
    p->model = (skew_model)model;
    return 0;
}

static int read_overrides(const rd *r, int v, snap *s)
{
    static const field ovr_fields[] = {
        FBOOL(snap, "kill", kill),
        FSIZE(snap, "active", overrides_active),
        FBOOL(snap, "journal_ok", journal_ok),
        FSTR(snap, "journal_error", journal_error),
        FBOOL(snap, "publishing", publishing),
    };
    return read_fields(r, v, ovr_fields, NFIELDS(ovr_fields), s, NULL);
}

static int read_security(const rd *r, int v, snap *s)
{
    static const field sec_fields[] = {
        FBOOL(snap, "feed_curve", feed_curve),
        FBOOL(snap, "quotes_curve", quotes_curve),
        FU64(snap, "handshakes_refused", handshakes_refused),
        FU64(snap, "feed_handshakes_refused", feed_refused),
        FU64(snap, "quotes_handshakes_refused", quotes_refused),
        FU64(snap, "feed_keys_denied", feed_denied),
        FU64(snap, "quotes_keys_denied", quotes_denied),
        FU64(snap, "feed_keys_allowed", feed_allowed),
        FU64(snap, "quotes_keys_allowed", quotes_allowed),
        FU64(snap, "commands_refused", commands_refused),
        FSTR(snap, "warning", sec_warning),
    };
    return read_fields(r, v, sec_fields, NFIELDS(sec_fields), s, NULL);
}

static int read_events(const rd *r, int v, snap *s)
{
    static const field events_fields[] = {
        FULONG(snap, "total", events_total),
        FOWN("last", 0),
    };
    static const field event_fields[] = {
        FNUM(snap_event, "ts", time),
        FOWN("level", 0),
        FSTR(snap_event, "text", text),
    };
    static const char *const levels[] = {"info", "warn", "alert"};
    int own[1] = {-1};
    if (read_fields(r, v, events_fields, NFIELDS(events_fields), s, own) != 0)
        return -1;
    int e, n = array_of(r, own[0], &e);
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        if (n - i > SNAP_EVENTS)
            continue; /* newest last: keep the last SNAP_EVENTS */
        snap_event *d = &s->events[s->nevents];
        int lv[1];
        if (r->tok[e].type != JSMN_OBJECT)
            return fail(r, e, "expected an object");
        if (read_fields(r, e, event_fields, NFIELDS(event_fields), d, lv) != 0)
            return -1;
        const int level = take_name(r, lv[0], levels, 3, "event level");
        if (level < 0)
            return -1;
        d->level = level;
        s->nevents++;
    }
    return 0;
}

static int read_series(const rd *r, int v, snap *s)
{
    int e, n = array_of(r, v, &e);
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        if (n - i > SNAP_SERIES)
            continue; /* newest last: keep the last SNAP_SERIES */
        snap_point *d = &s->series[s->nseries];
        int x;
        const int m = array_of(r, e, &x);
        if (m < 0)
            return -1;
        if (m < 3)
            return fail(r, e, "expected [t, pnl, var]");
        if (take_num(r, x, &d->t) != 0 || take_num(r, r->next[x], &d->pnl) != 0 ||
            take_num(r, r->next[r->next[x]], &d->var) != 0)
            return -1;
        s->nseries++;
    }
    return 0;
}

/* ---- instruments ---- */

static int read_quote(const rd *r, int v, snap_inst *x)
{
    static const field quote_fields[] = {
        FOWN("src", 0),
        FBOOL(snap_inst, "paused", eff.paused),
        FBOOL(snap_inst, "eff_valid", eff.valid),
        FNUM(snap_inst, "eff_bid", eff.bid),
        FNUM(snap_inst, "eff_ask", eff.ask),
        FNUM(snap_inst, "eff_reservation", eff.reservation),
        FNUM(snap_inst, "eff_skew_bps", eff.skew_bps),
        FNUM(snap_inst, "eff_half_spread_bps", eff.half_spread_bps),
        FBOOL(snap_inst, "model_valid", has_quote),
        FOWN("model", 1),
        FNUM(snap_inst, "reservation", q.reservation),
        FNUM(snap_inst, "bid", q.bid),
        FNUM(snap_inst, "ask", q.ask),
        FNUM(snap_inst, "skew_bps", q.skew_bps),
        FNUM(snap_inst, "half_spread_bps", q.half_spread_bps),
        FNUM(snap_inst, "q_lots", q.q_lots),
        FNUM(snap_inst, "sigma", q.sigma_bps),
    };
    static const char *const srcs[] = {"model", "manual"};
    const char *models[SKEW_MODELS];
    for (int m = 0; m < SKEW_MODELS; m++)
        models[m] = skew_model_name((skew_model)m);
    /* none: as the engine leaves it */
    memset(&x->q, 0, sizeof x->q);
    memset(&x->eff, 0, sizeof x->eff);
    x->has_quote = false;
    if (is_null(r, v))
        return 0;
    int own[2];
    if (read_fields(r, v, quote_fields, NFIELDS(quote_fields), x, own) != 0)
        return -1;
    const int src = take_name(r, own[0], srcs, 2, "quote source");
    const int model = src < 0 ? -1 : take_name(r, own[1], models, SKEW_MODELS, "quote model");
    if (model < 0)
        return -1;
    x->eff.manual = src == 1;
    x->q.model = (skew_model)model;
    return 0;
}

/* The index of the first book named `name`; SIZE_MAX for "" when no book
 * has it (the holding has none); -1 for any other unknown name. */
static int book_index(const snap *s, const char *name, size_t *out)
{
    for (size_t k = 0; k < s->nbooks; k++)
        if (strcmp(s->books[k].name, name) == 0) {
            *out = k;
            return 0;
        }
    if (name[0])
        return -1;
    *out = SIZE_MAX;
    return 0;
}

static int read_holdings(const rd *r, int v, snap *s, snap_inst *x)
{
    static const field hold_fields[] = {
        FOWN("book", 0),
        FOWN("leg", 1),
        FNUM(snap_holding, "qty", qty),
        FNUM(snap_holding, "avg_px", avg_px),
        FNUM(snap_holding, "pnl_realized", pnl_realized),
        FNUM(snap_holding, "pnl_unrealized", pnl_unrealized),
    };
    static const char *const legs[] = {"net", "long", "short"};
    int e, n = array_of(r, v, &e);
    if (n < 0)
        return -1;
    x->first_holding = s->nholdings;
    x->nholdings = 0;
    if ((size_t)n > SNAPR_MAX_HOLDINGS - s->nholdings)
        return fail(r, v, "more than %zu holdings in all", SNAPR_MAX_HOLDINGS);
    if (snap_reserve(s, 0, 0, 0, s->nholdings + (size_t)n, 0) != 0)
        return fail(r, v, "out of memory");
    for (int i = 0; i < n; i++, e = r->next[e]) {
        snap_holding *d = &s->holdings[s->nholdings];
        memset(d, 0, sizeof *d);
        int own[2];
        if (r->tok[e].type != JSMN_OBJECT)
            return fail(r, e, "expected an object");
        if (read_fields(r, e, hold_fields, NFIELDS(hold_fields), d, own) != 0)
            return -1;
        char name[EVENT_SYM_MAX];
        if (take_str(r, own[0], name, sizeof name) != 0)
            return -1;
        if (book_index(s, name, &d->book) != 0)
            return fail(r, own[0], "a book not in books");
        const int leg = take_name(r, own[1], legs, 3, "leg");
        if (leg < 0)
            return -1;
        d->leg = (pos_leg)leg;
        s->nholdings++;
        x->nholdings++;
    }
    return 0;
}

static int read_inst(const rd *r, int v, snap *s, snap_inst *x)
{
    enum { I_KIND, I_RIGHT, I_GREEKS, I_QUOTE, I_OVERRIDE, I_HOLDINGS, I_OWN };
    static const field inst_fields[] = {
        FSTR(snap_inst, "sym", sym),
        FSTR(snap_inst, "venue", venue),
        FSTR(snap_inst, "id", id),
        FOWN("kind", I_KIND),
        FBOOL(snap_inst, "ref_inferred", ref_inferred),
        FNUM(snap_inst, "mult", mult),
        FNUM(snap_inst, "tick", tick),
        FNUM(snap_inst, "lot", lot),
        FNUM(snap_inst, "strike", strike),
        FNUM(snap_inst, "expiry", expiry),
        FOWN("right", I_RIGHT),
        FNUM(snap_inst, "qty", qty),
        FNUM(snap_inst, "avg_px", avg_px),
        FNUM(snap_inst, "mid", mid),
        FNUM(snap_inst, "bid", bid),
        FNUM(snap_inst, "ask", ask),
        FNUM(snap_inst, "notional_usd", notional_usd),
        FNUM(snap_inst, "pnl_realized", pnl_realized),
        FNUM(snap_inst, "pnl_unrealized", pnl_unrealized),
        FBOOL(snap_inst, "stale", stale),
        FSTR(snap_inst, "underlying", underlying),
        FNUM(snap_inst, "delta", delta),
        FNUM(snap_inst, "delta_usd", delta_usd),
        FNUM(snap_inst, "gamma", gamma),
        FNUM(snap_inst, "vega", vega),
        FNUM(snap_inst, "theta", theta),
        FOWN("greeks", I_GREEKS),
        FNUM(snap_inst, "limit_util", limit.util),
        FNUM(snap_inst, "limit_since", limit.since),
        FOWN("quote", I_QUOTE),
        FOWN("override", I_OVERRIDE),
        FOWN("holdings", I_HOLDINGS),
    };
    static const char *const kinds[] = {"spot", "perp", "future", "option"};
    memset(x, 0, sizeof *x);
    if (r->tok[v].type != JSMN_OBJECT)
        return fail(r, v, "expected an object");
    int own[I_OWN];
    if (read_fields(r, v, inst_fields, NFIELDS(inst_fields), x, own) != 0)
        return -1;
    const int kind = take_name(r, own[I_KIND], kinds, 4, "instrument kind");
    if (kind < 0)
        return -1;
    x->kind = (inst_kind)kind;
    const int rv = own[I_RIGHT];
    if (!is_null(r, rv)) {
        const char c = r->js[r->tok[rv].start];
        if (r->tok[rv].type != JSMN_STRING || r->tok[rv].end - r->tok[rv].start != 1 ||
            (c != 'C' && c != 'P'))
            return fail(r, rv, "expected \"C\", \"P\" or null");
        x->right = c;
    }
    x->greeks_status = -1;
    x->has_greeks = !is_null(r, own[I_GREEKS]);
    if (x->has_greeks) {
        const char *names[EXPO_UNMODELLED + 1];
        for (int i = 0; i <= EXPO_UNMODELLED; i++)
            names[i] = expo_status_name((expo_status)i);
        x->greeks_status = take_name(r, own[I_GREEKS], names, EXPO_UNMODELLED + 1, "greeks status");
        if (x->greeks_status < 0)
            return -1;
    } else {
        x->delta = x->delta_usd = x->gamma = x->vega = x->theta = NAN;
    }
    if (read_quote(r, own[I_QUOTE], x) != 0)
        return -1;
    x->o = ovr_none();
    x->has_override = !is_null(r, own[I_OVERRIDE]);
    if (x->has_override) {
        const wire_status st = ovrjson_read(&r->bv, own[I_OVERRIDE], &x->o);
        if (st != WIRE_OK)
            return fail(r, own[I_OVERRIDE], "bad override (%s)", wire_status_name(st));
    }
    return read_holdings(r, own[I_HOLDINGS], s, x);
}

static int read_instruments(const rd *r, int v, snap *s)
{
    int e, n = array_of(r, v, &e);
    if (n < 0)
        return -1;
    if (n > SNAPW_MAX_INST)
        return fail(r, v, "more than %d instruments", SNAPW_MAX_INST);
    if (snap_reserve(s, (size_t)n, 0, 0, 0, 0) != 0)
        return fail(r, v, "out of memory");
    for (int i = 0; i < n; i++, e = r->next[e]) {
        if (read_inst(r, e, s, &s->inst[i]) != 0)
            return -1;
        s->ninst++;
    }
    return 0;
}

/* The whole document at token 0 into s (initialised, empty). */
static int read_document(const rd *r, snap *s)
{
    enum { D_VERSION, D_FEED, D_PORT, D_RISK, D_UND, D_LIMITS, D_BOOKS, D_QP, D_OVR, D_SEC, D_EVENTS,
           D_SERIES, D_INST, D_OWN };
    static const field doc_fields[] = {
        FOWN("version", D_VERSION),
        FNUM(snap, "ts", ts),
        FSTR(snap, "source", source),
        FOWN("feed", D_FEED),
        FOWN("portfolio", D_PORT),
        FOWN("risk", D_RISK),
        FOWN("underlyings", D_UND),
        FOWN("limits", D_LIMITS),
        FOWN("books", D_BOOKS),
        FOWN("quote_params", D_QP),
        FOWN("overrides", D_OVR),
        FOWN("security", D_SEC),
        FOWN("events", D_EVENTS),
        FOWN("series", D_SERIES),
        FOWN("instruments", D_INST),
    };
    int own[D_OWN];
    if (read_fields(r, 0, doc_fields, NFIELDS(doc_fields), s, own) != 0)
        return -1;
    /* "version" is the one key required */
    if (is_null(r, own[D_VERSION]))
        return fail(r, -1, "no \"version\": not a snapshot document");
    if (take_count(r, own[D_VERSION], &s->version) != 0)
        return -1;
    /* underlyings before limits (breaches), books before instruments */
    if (read_feed(r, own[D_FEED], &s->feed) != 0 || read_portfolio(r, own[D_PORT], &s->port) != 0 ||
        read_risk(r, own[D_RISK], s) != 0 || read_underlyings(r, own[D_UND], s) != 0 ||
        read_limits(r, own[D_LIMITS], s) != 0 || read_books(r, own[D_BOOKS], s) != 0 ||
        read_quote_params(r, own[D_QP], &s->quote_params) != 0 ||
        read_overrides(r, own[D_OVR], s) != 0 || read_security(r, own[D_SEC], s) != 0 ||
        read_events(r, own[D_EVENTS], s) != 0 || read_series(r, own[D_SERIES], s) != 0 ||
        read_instruments(r, own[D_INST], s) != 0)
        return -1;
    return 0;
}

/* Decode a document into out, or leave out as it was and say why in err
 * (see snapwire.h and the top of this file). */
int snapw_decode(const char *js, size_t len, snap *out, char *err, size_t errlen)
{
    assert(out != NULL);
    assert(js != NULL || len == 0);
    assert(err != NULL || errlen == 0);
    rd r = {.js = js, .len = len, .err = err, .errlen = errlen};
    if (errlen)
        err[0] = '\0';
    if (len == 0)
        return fail(&r, -1, "empty document");
    if (len > SNAPW_MAX_DOC)
        return fail(&r, -1, "document of %zu bytes, over %u", len, (unsigned)SNAPW_MAX_DOC);
    snap tmp;
    snap_init(&tmp);
    int rc = tokenize(&r);
    if (rc == 0)
        rc = read_document(&r, &tmp);
    free(r.tok);
    free(r.next);
    if (rc != 0) {
        snap_free(&tmp);
        return -1;
    }
    snap_free(out);
    *out = tmp;
    return 0;
}
