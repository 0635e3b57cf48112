/* srcmap_scan.c - a venue message's JSON as tokens for the mapping (see
 * srcmap_in.h): jsmn's tokens, with each token's next sibling so a lookup
 * skips a nested value in one step. A plain message is tokenized here in
 * one pass (strings by memchr); anything else goes to jsmn, which decides. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "feed/srcmap_in.h"

static inline bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline size_t ws(const char *js, size_t len, size_t i)
{
    while (i < len && is_ws(js[i]))
        i++;
    return i;
}

/* A byte that ends a primitive for jsmn (strict). */
static inline bool prim_end(char c)
{
    return is_ws(c) || c == ',' || c == ']' || c == '}';
}

static inline bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The end of the number or literal at js[i], 0 when it is neither or does
 * not end where jsmn would end it. */
static size_t primitive(const char *js, size_t len, size_t i)
{
    const char c = js[i];
    size_t j = i;
    if (c == 't' || c == 'f' || c == 'n') {
        const char *lit = c == 't' ? "true" : c == 'f' ? "false" : "null";
        const size_t n = strlen(lit);
        if (len - i < n || memcmp(js + i, lit, n) != 0)
            return 0;
        j = i + n;
    } else {
        if (js[j] == '-')
            j++;
        if (j >= len || !digit(js[j]))
            return 0;
        if (js[j] == '0')
            j++;
        else
            while (j < len && digit(js[j]))
                j++;
        if (j < len && js[j] == '.') {
            if (++j >= len || !digit(js[j]))
                return 0;
            while (j < len && digit(js[j]))
                j++;
        }
        if (j < len && (js[j] == 'e' || js[j] == 'E')) {
            j++;
            if (j < len && (js[j] == '+' || js[j] == '-'))
                j++;
            if (j >= len || !digit(js[j]))
                return 0;
            while (j < len && digit(js[j]))
                j++;
        }
    }
    return j < len && prim_end(js[j]) ? j : 0;
}

/* The closing quote of the string whose content starts at i, 0 when there
 * is none or a backslash comes first (escapes: jsmn's to check). A byte
 * loop: a venue's strings are a few bytes, where a call to memchr cost
 * more (callgrind, bench_srcmap). */
static inline size_t string_end(const char *js, size_t len, size_t i)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* eight bytes at a time: a byte of x equal to c is a zero byte of x ^ c,
     * and the lowest flagged byte of (v - 1s) & ~v & 0x80s is the first zero */
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, js + i, 8);
        const uint64_t q = x ^ (0x22 * ones), b = x ^ (0x5c * ones);
        const uint64_t hit = (((q - ones) & ~q) | ((b - ones) & ~b)) & high;
        if (hit) {
            const size_t k = i + (size_t)__builtin_ctzll(hit) / 8;
            return js[k] == '"' ? k : 0;
        }
    }
#endif
    for (; i < len; i++) {
        const char c = js[i];
        if (c == '"')
            return i;
        if (c == '\\')
            return 0;
    }
    return 0;
}

#define SCAN_DEPTH 64

bool sm_scan(const char *js, size_t len, jsmntok_t *tok, int *next, int cap, int *ntok)
{
    size_t i = ws(js, len, 0);
    if (i >= len || (js[i] != '{' && js[i] != '[') || memchr(js, '\0', len))
        return false;
    int stack[SCAN_DEPTH];
    int depth = 0, n = 0, parent = -1, top;
    for (;;) {
        /* a value at i, the parent's */
        if (i >= len || n + 2 > cap)
            return false;
        const char c = js[i];
        if (parent >= 0)
            tok[parent].size++;
        if (c == '{' || c == '[') {
            if (depth == SCAN_DEPTH)
                return false;
            tok[n] = (jsmntok_t){c == '{' ? JSMN_OBJECT : JSMN_ARRAY, (int)i, -1, 0, parent};
            top = stack[depth++] = n++;
            i = ws(js, len, i + 1);
            if (i < len && js[i] == (c == '{' ? '}' : ']'))
                goto closed;
            if (c == '[') {
                parent = top;
                continue;
            }
            goto key;
        }
        if (c == '"') {
            const size_t e = string_end(js, len, i + 1);
            if (!e)
                return false;
            tok[n] = (jsmntok_t){JSMN_STRING, (int)i + 1, (int)e, 0, parent};
            next[n] = n + 1;
            n++;
            i = e + 1;
        } else {
            const size_t e = primitive(js, len, i);
            if (!e)
                return false;
            tok[n] = (jsmntok_t){JSMN_PRIMITIVE, (int)i, (int)e, 0, parent};
            next[n] = n + 1;
            n++;
            i = e;
        }
    after_value:
        i = ws(js, len, i);
        if (depth == 0)
            break;
        top = stack[depth - 1];
        if (i >= len)
            return false;
        if (js[i] == ',') {
            i = ws(js, len, i + 1);
            if (tok[top].type == JSMN_ARRAY) {
                parent = top;
                continue;
            }
            goto key;
        }
        if (js[i] != (tok[top].type == JSMN_OBJECT ? '}' : ']'))
            return false;
    closed:
        tok[top].end = (int)i + 1;
        next[top] = n;
        depth--;
        i++;
        goto after_value;
    key:
        /* "key" : at i, in the object on top */
        if (i >= len || js[i] != '"' || n + 2 > cap)
            return false;
        const size_t e = string_end(js, len, i + 1);
        if (!e)
            return false;
        tok[n] = (jsmntok_t){JSMN_STRING, (int)i + 1, (int)e, 0, top};
        tok[top].size++;
        next[n] = n + 1;
        parent = n++;
        i = ws(js, len, e + 1);
        if (i >= len || js[i] != ':')
            return false;
        i = ws(js, len, i + 1);
    }
    if (i != len)
        return false; /* something after the value: jsmn decides */
    *ntok = n;
    return true;
}

bool sm_tokens_jsmn(const char *js, size_t len, jsmntok_t *tok, int *next, int *stack, int cap, int *ntok)
{
    jsmn_parser p;
    jsmn_init(&p);
    const int n = jsmn_parse(&p, js, len, tok, (unsigned)cap);
    if (n < 1)
        return false;
    /* only white space after the value (a string's token ends before its quote) */
    for (size_t i = (size_t)tok[0].end + (tok[0].type == JSMN_STRING); i < len; i++)
        if (!is_ws(js[i]))
            return false;
    /* the first token starting at or after a token's end closes it */
    int depth = 0;
    for (int j = 0; j < n; j++) {
        while (depth > 0 && tok[stack[depth - 1]].end <= tok[j].start)
            next[stack[--depth]] = j;
        stack[depth++] = j;
    }
    while (depth > 0)
        next[stack[--depth]] = n;
    *ntok = n;
    return true;
}

bool sm_tokens(const char *js, size_t len, jsmntok_t *tok, int *next, int *stack, int cap, int *ntok)
{
    assert(cap > 2);
    return sm_scan(js, len, tok, next, cap, ntok) || sm_tokens_jsmn(js, len, tok, next, stack, cap, ntok);
}
