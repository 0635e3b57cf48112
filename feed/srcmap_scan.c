/* srcmap_scan.c - a venue message's JSON as tokens for the mapping (see
 * srcmap_in.h): jsmn's tokens, with each token's next sibling so a lookup
 * skips a nested value in one step. A plain message is tokenized here in
 * one pass; anything else goes to jsmn, which decides. When the mapping
 * allows, a plain message is first read by the path-directed scan, which
 * makes only the tokens the mapping's paths lead to. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "feed/srcmap_in.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Containers open at once, at most (deeper: jsmn decides). */
#define SM_SCAN_DEPTH 64

static inline bool sm_is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline size_t sm_ws(const char *js, size_t len, size_t i)
{
    while (i < len && (unsigned char)js[i] <= ' ' && sm_is_ws(js[i]))
        i++;
    return i;
}

/* A byte that ends a primitive for jsmn (strict). */
static inline bool sm_prim_end(char c)
{
    return sm_is_ws(c) || c == ',' || c == ']' || c == '}';
}

static inline bool sm_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The first byte from j on that is no digit (len: none). Sixteen bytes at
 * a time where there are sixteen: a venue's numbers run to 10-20 digits,
 * and a digit a step cost a fifth of the scan (callgrind, bench_srcmap). */
static inline size_t sm_digits(const char *js, size_t len, size_t j)
{
#if defined(__SSE2__)
    const __m128i below = _mm_set1_epi8('0' - 1), above = _mm_set1_epi8('9' + 1);
    for (; j + 16 <= len; j += 16) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(js + j));
        const __m128i d = _mm_and_si128(_mm_cmpgt_epi8(x, below), _mm_cmplt_epi8(x, above));
        const unsigned other = ~(unsigned)_mm_movemask_epi8(d) & 0xFFFFu;
        if (other)
            return j + (size_t)__builtin_ctz(other);
    }
#endif
    while (j < len && sm_digit(js[j]))
        j++;
    return j;
}

/* The end of the number or literal at js[i], 0 when it is neither or does
 * not end where jsmn would end it. */
static inline __attribute__((always_inline)) size_t sm_primitive(const char *js, size_t len, size_t i)
{
    const char c = js[i];
    size_t j = i;
    if (!sm_digit(c) && c != '-') {
        if (c != 't' && c != 'f' && c != 'n')
            return 0;
        const char *lit = c == 't' ? "true" : c == 'f' ? "false" : "null";
        const size_t n = c == 'f' ? 5 : 4;
        if (len - i < n || memcmp(js + i, lit, n) != 0)
            return 0;
        j = i + n;
    } else {
        if (js[j] == '-')
            j++;
        if (j >= len || !sm_digit(js[j]))
            return 0;
        if (js[j] == '0')
            j++;
        else
            j = sm_digits(js, len, j + 1);
        if (j < len && js[j] == '.') {
            if (++j >= len || !sm_digit(js[j]))
                return 0;
            j = sm_digits(js, len, j + 1);
        }
        if (j < len && (js[j] == 'e' || js[j] == 'E')) {
            j++;
            if (j < len && (js[j] == '+' || js[j] == '-'))
                j++;
            if (j >= len || !sm_digit(js[j]))
                return 0;
            j = sm_digits(js, len, j + 1);
        }
    }
    return j < len && sm_prim_end(js[j]) ? j : 0;
}

/* The closing quote of the string whose content starts at i, 0 when there
 * is none or a backslash comes first (escapes: jsmn's to check). */
static inline size_t sm_string_end(const char *js, size_t len, size_t i)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    for (; i + 16 <= len; i += 16) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(js + i));
        const unsigned hit =
            (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)));
        if (hit) {
            const size_t k = i + (size_t)__builtin_ctz(hit);
            return js[k] == '"' ? k : 0;
        }
    }
#endif
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

/* One value at *at (its first byte), its tokens from *ntok on (token
 * parent its parent, -1 none), depth containers open around it: false
 * when it is not plain; else *at is past it and the white space after it. */
bool sm_scan_value(const char *js, size_t len, size_t *at, jsmntok_t *tok, int *next, int cap, int *ntok, int depth0,
                   int parent)
{
    size_t i = *at;
    int stack[SM_SCAN_DEPTH];
    int depth = 0, n = *ntok, top;
    for (;;) {
        /* a value at i, the parent's */
        if (i >= len || n + 2 > cap)
            return false;
        const char c = js[i];
        if (parent >= 0)
            tok[parent].size++;
        if (c == '{' || c == '[') {
            if (depth0 + depth == SM_SCAN_DEPTH)
                return false;
            tok[n] = (jsmntok_t){c == '{' ? JSMN_OBJECT : JSMN_ARRAY, (int)i, -1, 0, parent};
            top = stack[depth++] = n++;
            i = sm_ws(js, len, i + 1);
            if (i < len && js[i] == (c == '{' ? '}' : ']'))
                goto closed;
            if (c == '[') {
                parent = top;
                continue;
            }
            goto key;
        }
        if (c == '"') {
            const size_t e = sm_string_end(js, len, i + 1);
            if (!e)
                return false;
            tok[n] = (jsmntok_t){JSMN_STRING, (int)i + 1, (int)e, 0, parent};
            next[n] = n + 1;
            n++;
            i = e + 1;
        } else {
            const size_t e = sm_primitive(js, len, i);
            if (!e)
                return false;
            tok[n] = (jsmntok_t){JSMN_PRIMITIVE, (int)i, (int)e, 0, parent};
            next[n] = n + 1;
            n++;
            i = e;
        }
    after_value:
        i = sm_ws(js, len, i);
        if (depth == 0)
            break;
        top = stack[depth - 1];
        if (i >= len)
            return false;
        if (js[i] == ',') {
            i = sm_ws(js, len, i + 1);
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
        const size_t e = sm_string_end(js, len, i + 1);
        if (!e)
            return false;
        tok[n] = (jsmntok_t){JSMN_STRING, (int)i + 1, (int)e, 0, top};
        tok[top].size++;
        next[n] = n + 1;
        parent = n++;
        i = sm_ws(js, len, e + 1);
        if (i >= len || js[i] != ':')
            return false;
        i = sm_ws(js, len, i + 1);
    }
    *at = i;
    *ntok = n;
    return true;
}

bool sm_scan(const char *js, size_t len, jsmntok_t *tok, int *next, int cap, int *ntok)
{
    size_t i = sm_ws(js, len, 0);
    if (i >= len || (js[i] != '{' && js[i] != '[') || memchr(js, '\0', len))
        return false;
    int n = 0;
    if (!sm_scan_value(js, len, &i, tok, next, cap, &n, 0, -1) || i != len)
        return false; /* not plain, or something after the value: jsmn decides */
    *ntok = n;
    return true;
}

/* ---- the path-directed scan ---- */

/* Its state: the message, the trie, where tokens go, and how many tokens
 * sm_scan would have made so far (n: a token's index is sm_scan's). */
typedef struct {
    const char *js;
    size_t len;
    const sm_trie *tr;
    jsmntok_t *tok;
    int *next, *slot;
    int cap, n;
} fscan;

/* Skip the value at i (its first byte) as sm_scan_value takes it, counting
 * its tokens, depth0 containers open around it: past it, or 0 when it is
 * not plain. Nothing written; one bit a level says object or array. */
static size_t skip_value(fscan *f, size_t i, int depth0)
{
    const char *js = f->js;
    const size_t len = f->len;
    int n = f->n, depth = 0;
    uint64_t obj = 0; /* bit d: the container d + 1 deep is an object */
    for (;;) {
        if (i >= len || n + 2 > f->cap)
            return 0;
        const char c = js[i];
        if (c == '{' || c == '[') {
            if (depth0 + depth == SM_SCAN_DEPTH)
                return 0;
            n++;
            obj = (obj & ~((uint64_t)1 << depth)) | (uint64_t)(c == '{') << depth;
            depth++;
            i = sm_ws(js, len, i + 1);
            if (i < len && js[i] == (c == '{' ? '}' : ']'))
                goto closed;
            if (c == '[')
                continue;
            goto key;
        }
        if (c == '"') {
            const size_t e = sm_string_end(js, len, i + 1);
            if (!e)
                return 0;
            i = e + 1;
        } else {
            const size_t e = sm_primitive(js, len, i);
            if (!e)
                return 0;
            i = e;
        }
        n++;
    after_value:
        if (depth == 0) {
            f->n = n;
            return i;
        }
        i = sm_ws(js, len, i);
        if (i >= len)
            return 0;
        const bool in_obj = obj >> (depth - 1) & 1;
        if (js[i] == ',') {
            i = sm_ws(js, len, i + 1);
            if (!in_obj)
                continue;
            goto key;
        }
        if (js[i] != (in_obj ? '}' : ']'))
            return 0;
    closed:
        depth--;
        i++;
        goto after_value;
    key:
        if (i >= len || js[i] != '"' || n + 2 > f->cap)
            return 0;
        const size_t e = sm_string_end(js, len, i + 1);
        if (!e)
            return 0;
        n++;
        i = sm_ws(js, len, e + 1);
        if (i >= len || js[i] != ':')
            return 0;
        i = sm_ws(js, len, i + 1);
    }
}

/* The child of node nd by key s[0..n), not met yet in this message; -1
 * when none. */
static inline int key_child(const fscan *f, int nd, const char *s, size_t n)
{
    const sm_trie *tr = f->tr;
    const uint32_t h = sm_key_hash(s, n);
    for (unsigned k = sm_key_slot(nd, h); tr->by_key[k] >= 0; k = (k + 1) & (SM_KEY_SLOTS - 1)) {
        const int c = tr->by_key[k];
        const sm_node *x = &tr->node[c];
        if (x->parent == nd && x->hash == h && x->len == n && memcmp(x->key, s, n) == 0)
            return f->slot[c] < 0 ? c : -1; /* the first of duplicate keys */
    }
    return -1;
}

/* The child of node nd by index idx; -1 when none. */
static int index_child(const fscan *f, const sm_node *nd, int idx)
{
    for (int c = nd->child; c >= 0; c = f->tr->node[c].sibling)
        if (f->tr->node[c].index == idx)
            return c;
    return -1;
}

/* The value at i (its first byte) of trie node nd, its token's parent
 * parent, depth containers open around it: its token in slot[nd]; an object
 * or array with children on the trie searched for them, the rest skipped.
 * Past it, or 0 when it is not plain. */
static size_t scan_node(fscan *f, int nd, size_t i, int parent, int depth)
{
    const char *js = f->js;
    const size_t len = f->len;
    const sm_node *node = &f->tr->node[nd];
    if (i >= len || f->n + 2 > f->cap)
        return 0;
    const int k = f->n;
    f->slot[nd] = k;
    if (node->full) {
        size_t at = i;
        return sm_scan_value(js, len, &at, f->tok, f->next, f->cap, &f->n, depth, parent) ? at : 0;
    }
    if (parent >= 0)
        f->tok[parent].size++;
    const char c = js[i];
    if (c != '{' && c != '[') {
        const size_t e = c == '"' ? sm_string_end(js, len, i + 1) : sm_primitive(js, len, i);
        if (!e)
            return 0;
        f->tok[k] = c == '"' ? (jsmntok_t){JSMN_STRING, (int)i + 1, (int)e, 0, parent}
                             : (jsmntok_t){JSMN_PRIMITIVE, (int)i, (int)e, 0, parent};
        f->next[k] = k + 1;
        f->n++;
        return c == '"' ? e + 1 : e;
    }
    const bool obj = c == '{';
    const jsmntype_t type = obj ? JSMN_OBJECT : JSMN_ARRAY;
    if (!(obj ? node->keys : node->elems)) { /* nothing wanted inside */
        const size_t e = skip_value(f, i, depth);
        if (!e)
            return 0;
        f->tok[k] = (jsmntok_t){type, (int)i, (int)e, 0, parent};
        f->next[k] = f->n;
        return e;
    }
    if (depth == SM_SCAN_DEPTH)
        return 0;
    f->tok[k] = (jsmntok_t){type, (int)i, -1, 0, parent};
    f->n++;
    const char close = obj ? '}' : ']';
    i = sm_ws(js, len, i + 1);
    if (i >= len || js[i] != close) {
        for (int idx = 0;; idx++) {
            int ch, vparent = k;
            if (obj) {
                if (i >= len || js[i] != '"' || f->n + 2 > f->cap)
                    return 0;
                const size_t e = sm_string_end(js, len, i + 1);
                if (!e)
                    return 0;
                f->tok[k].size++;
                ch = key_child(f, nd, js + i + 1, e - i - 1);
                if (ch >= 0) {
                    vparent = f->n;
                    f->tok[vparent] = (jsmntok_t){JSMN_STRING, (int)i + 1, (int)e, 0, k};
                    f->next[vparent] = vparent + 1;
                }
                f->n++;
                i = sm_ws(js, len, e + 1);
                if (i >= len || js[i] != ':')
                    return 0;
                i = sm_ws(js, len, i + 1);
            } else {
                ch = index_child(f, node, idx);
                if (ch < 0)
                    f->tok[k].size++;
            }
            size_t e;
            if (ch >= 0) {
                e = scan_node(f, ch, i, vparent, depth + 1);
            } else if (i < len && js[i] != '{' && js[i] != '[' && f->n + 2 <= f->cap) {
                /* a string, number or literal: skip_value's, without its call */
                e = js[i] == '"' ? sm_string_end(js, len, i + 1) : sm_primitive(js, len, i);
                e += e && js[i] == '"';
                f->n++;
            } else {
                e = skip_value(f, i, depth + 1);
            }
            if (!e)
                return 0;
            i = sm_ws(js, len, e);
            if (i >= len)
                return 0;
            if (js[i] == ',') {
                i = sm_ws(js, len, i + 1);
                continue;
            }
            if (js[i] != close)
                return 0;
            break;
        }
    }
    f->tok[k].end = (int)i + 1;
    f->next[k] = f->n;
    return i + 1;
}

bool sm_fast_scan(const sm_trie *tr, const char *js, size_t len, jsmntok_t *tok, int *next, int cap, int *slot)
{
    if (!tr->ok)
        return false;
    const size_t i = sm_ws(js, len, 0);
    if (i >= len || (js[i] != '{' && js[i] != '[') || memchr(js, '\0', len))
        return false;
    for (int k = 0; k < tr->n; k++)
        slot[k] = -1;
    fscan f = {js, len, tr, tok, next, slot, cap, 0};
    const size_t e = scan_node(&f, 0, i, -1, 0);
    return e && sm_ws(js, len, e) == len;
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
        if (!sm_is_ws(js[i]))
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
    /* jsmn (strict) still takes {"k" "v"} or {"k"}: an object's members
     * must be keys, strings each with one value, or a lookup stepping
     * key, value, key... walks off the message's tokens (fuzz_srcmap) */
    for (int j = 0; j < n; j++) {
        if (tok[j].type != JSMN_OBJECT)
            continue;
        for (int k = 0, kt = j + 1; k < tok[j].size; k++, kt = next[kt + 1])
            if (kt + 1 >= n || tok[kt].type != JSMN_STRING || tok[kt].size != 1 || next[kt] != kt + 1 ||
                next[kt + 1] > next[j])
                return false;
    }
    *ntok = n;
    return true;
}

bool sm_tokens(const char *js, size_t len, jsmntok_t *tok, int *next, int *stack, int cap, int *ntok)
{
    assert(cap > 2);
    return sm_scan(js, len, tok, next, cap, ntok) || sm_tokens_jsmn(js, len, tok, next, stack, cap, ntok);
}
