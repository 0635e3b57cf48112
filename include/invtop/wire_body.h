/* wire_body.h - typed access to the keys of one JSON object tokenized by
 * jsmn (prefix wb_), with the wire protocol's strictness: exact JSON number
 * grammar, no duplicate keys, symbols checked. Used by the wire decoders and
 * the override journal. Every accessor returns a wire_status. */
#ifndef INVTOP_WIRE_BODY_H
#define INVTOP_WIRE_BODY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Parent links make closing a value O(1) instead of a backward scan over
 * the tokens so far; feed/wire_body.c compiles jsmn with the same two. */
#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#define JSMN_HEADER
#include <jsmn.h>
#undef JSMN_HEADER

#include "invtop/wire.h"

/* A flat message has a handful of keys; nested values are skipped but still
 * cost tokens, and a message needing more than this is refused as bad JSON. */
#define WIRE_MAX_TOKENS 256
#define WIRE_MAX_KEYS 32

/* The lookups by a literal key name must inline into their callers, where
 * the name's length, signature and slot fold to constants; link-time
 * optimisation otherwise made some out-of-line copies that hash the name on
 * every call (perf: 4% of the receive path). */
#if defined(__GNUC__)
#define WB_INLINE static inline __attribute__((always_inline))
#else
#define WB_INLINE static inline
#endif

/* Slots of a view's key table: twice the keys, so a probe always ends. */
#define WB_KEY_SLOTS (2 * WIRE_MAX_KEYS)

typedef struct body_view {
    const char *js;
    const jsmntok_t *tok;
    int key[WIRE_MAX_KEYS];      /* token index of each top-level key */
    uint32_t sig[WIRE_MAX_KEYS]; /* its length and first, middle, last bytes */
    /* Open-addressed by signature: key position + 1, 0 for an empty slot.
     * A lookup or the duplicate check costs a probe or two, whatever the
     * number of keys. */
    uint8_t slot[WB_KEY_SLOTS];
    /* Numbers the flat scanner read as it passed them: bit i of num_known
     * says num[i] holds the value of key i, the very double wb_tok_number
     * gives for its token, so it is not read twice. */
    uint32_t num_known;
    double num[WIRE_MAX_KEYS];
    /* Bit i: key i's value is a string of symbol bytes only (its length
     * unchecked), as the scanner saw; 0 says nothing. */
    uint32_t symbol_bytes;
    int nkeys;
    int ntok;
    bool numeric_strings; /* numbers may also come as strings ("1.5"): cryptofeed's
                             numeric_type=str; same grammar and limits */
} body_view;

/* One of the keys wb_scan_known looks for, and what it found there. */
typedef struct {
    const char *name;
    size_t len; /* strlen(name) */
} wb_known_key;
typedef struct {
    double num;    /* a number's value (the common form: see wb_tok_number) */
    const char *s; /* a string's bytes (all symbol bytes, unterminated) */
    size_t len;
} wb_known_val;
#define WB_KNOWN_MAX 32

/* The fast path's reader for the hot kinds: true when js[0..len) is one JSON
 * object, white space wherever JSON allows it, whose keys are each one of
 * keys[0..n) (n <= WB_KNOWN_MAX) at most once, written without escapes,
 * and whose values are each a number in the common form or a string of
 * symbol bytes (possibly empty). Then bit k of *found says keys[k] is there,
 * bit k of *numbers that its value is a number (else a string), and val[k]
 * holds the value. False on anything else (another key, a
 * duplicate, null, an escape, an exponent...), promising nothing: the
 * caller then decodes the body the general way, which gives the verdict.
 * Every body this accepts, wb_parse_body accepts with the same keys and
 * values (the wire fuzzer compares the two paths' events). */
bool wb_scan_known(const char *js, size_t len, const wb_known_key *keys, size_t n, uint32_t *found,
                   uint32_t *numbers, wb_known_val *val);

/* Tokenize js[0..len) into tok (WIRE_MAX_TOKENS) and index its top-level
 * keys. WIRE_ERR_JSON unless it is exactly one object without duplicate keys.
 * numeric_strings starts false: the caller sets it for the lenient form. */
wire_status wb_parse_body(const char *js, size_t len, jsmntok_t *tok, body_view *b);
/* The same through jsmn alone (wb_parse_body tokenizes flat objects itself
 * and must agree with this on every input: the wire fuzzer compares them). */
wire_status wb_parse_body_jsmn(const char *js, size_t len, jsmntok_t *tok, body_view *b);
/* A key's length with its first, middle and last bytes: for the protocol's
 * keys of up to 3 bytes that is the whole key, and longer ones rarely share
 * it, so lookups and the duplicate check seldom need a memcmp. */
WB_INLINE uint32_t wb_key_sig(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    return (uint32_t)(n & 0xff) | (uint32_t)(unsigned char)s[0] << 8 |
           (uint32_t)(unsigned char)s[n / 2] << 16 | (uint32_t)(unsigned char)s[n - 1] << 24;
}

/* Start b as a view of js with tokens tok[0..ntok) and no keys yet. */
void wb_view_init(body_view *b, const char *js, const jsmntok_t *tok, int ntok);

/* The first slot of signature sig in a view's key table. */
WB_INLINE unsigned wb_key_slot(uint32_t sig)
{
    return (sig * 2654435761u) >> 26 & (WB_KEY_SLOTS - 1);
}

/* Position of the key (s, n) whose signature is sig among b's keys, or -1. */
WB_INLINE int wb_key_position(const body_view *b, const char *s, size_t n, uint32_t sig)
{
    for (unsigned h = wb_key_slot(sig);; h = (h + 1) & (WB_KEY_SLOTS - 1)) {
        const int i = b->slot[h] - 1;
        if (i < 0)
            return -1;
        if (b->sig[i] != sig)
            continue;
        const jsmntok_t *k = &b->tok[b->key[i]];
        if (n <= 3 || ((size_t)(k->end - k->start) == n && memcmp(b->js + k->start, s, n) == 0))
            return i;
    }
}

/* Position of key `name` among b's keys, or -1. Inline: with a literal its
 * length, signature and first slot fold away at compile time. */
WB_INLINE int wb_find_key(const body_view *b, const char *name)
{
    const size_t n = strlen(name);
    return wb_key_position(b, name, n, wb_key_sig(name, n));
}
/* Index of the value token of key `name`, or -1. */
WB_INLINE int wb_find_value(const body_view *b, const char *name)
{
    const int i = wb_find_key(b, name);
    return i < 0 ? -1 : b->key[i] + 1;
}
/* A JSON number (strict grammar, finite) at token v; with numeric_strings a
 * string holding exactly such a number is one too. */
wire_status wb_tok_number(const body_view *b, int v, double *out);
/* The same on text s[0..n): exactly one number in JSON's grammar, finite
 * (WIRE_ERR_NUMBER when it overflows), else WIRE_ERR_TYPE ("" too). */
wire_status wb_text_number(const char *s, size_t n, double *out);
/* The value at token v is null. */
static inline bool wb_is_null(const body_view *b, int v)
{
    return b->tok[v].type == JSMN_PRIMITIVE && b->js[b->tok[v].start] == 'n';
}
/* The number that is the value of key position i (0 <= i < nkeys): as
 * wb_tok_number says, from the scanner's reading when it made one. */
static inline wire_status wb_key_number(const body_view *b, int i, double *out)
{
    if (b->num_known >> i & 1) {
        *out = b->num[i];
        return WIRE_OK;
    }
    return wb_tok_number(b, b->key[i] + 1, out);
}
/* The number that is key position i's value; absent_or_null when i < 0 or
 * the value is null. Common to the two below. */
wire_status wb_key_number_or(const body_view *b, int i, double *out, wire_status absent_or_null);
/* Optional number: absent or null leaves the output untouched. */
WB_INLINE wire_status wb_opt_number(const body_view *b, const char *name, double *out)
{
    return wb_key_number_or(b, wb_find_key(b, name), out, WIRE_OK);
}
/* Required number: absent or null is WIRE_ERR_MISSING. */
WB_INLINE wire_status wb_req_number(const body_view *b, const char *name, double *out)
{
    return wb_key_number_or(b, wb_find_key(b, name), out, WIRE_ERR_MISSING);
}
/* A string value without escapes, pointed to in place (s, n). */
wire_status wb_tok_plain_string(const body_view *b, int v, const char **s, size_t *n);
/* A symbol's length: at least one byte, and room for its terminator in
 * EVENT_SYM_MAX. */
WB_INLINE bool wb_symbol_len_ok(size_t n)
{
    return n > 0 && n < EVENT_SYM_MAX;
}

/* 1..47 bytes of [A-Za-z0-9._:/-]. */
bool wb_symbol_ok(const char *s, size_t n);
/* The symbol-shaped string that is key position i's value, into dst
 * (EVENT_SYM_MAX bytes); i < 0 (absent) or a null value leaves dst as it
 * was or, when required, is WIRE_ERR_MISSING. */
wire_status wb_key_symbol(const body_view *b, int i, bool required, char *dst);
/* Copy a symbol-shaped string field into dst (EVENT_SYM_MAX bytes). */
WB_INLINE wire_status wb_get_symbol(const body_view *b, const char *name, bool required,
                                        char *dst)
{
    return wb_key_symbol(b, wb_find_key(b, name), required, dst);
}
/* The id-shaped string that is key position i's value: symbol bytes as a
 * symbol's, but up to EVENT_ID_MAX - 1 of them (a client order id), into dst
 * (EVENT_ID_MAX bytes). i < 0 (absent) or a null value leaves dst as it was
 * or, when required, is WIRE_ERR_MISSING; not a string is WIRE_ERR_TYPE;
 * empty, too long or another byte is WIRE_ERR_SYMBOL. */
wire_status wb_key_id(const body_view *b, int i, bool required, char *dst);
WB_INLINE wire_status wb_get_id(const body_view *b, const char *name, bool required, char *dst)
{
    return wb_key_id(b, wb_find_key(b, name), required, dst);
}
/* The object at value token v of b as a view of its own (same tokens). */
wire_status wb_sub_object(const body_view *b, int v, body_view *sub);
/* Optional boolean: absent or null leaves *out untouched. */
wire_status wb_opt_bool(const body_view *b, const char *name, bool *out);
/* Copy a string field without escapes into dst (cap bytes); absent or null
 * gives "". Longer than cap-1 is WIRE_ERR_VALUE. */
wire_status wb_get_string(const body_view *b, const char *name, char *dst, size_t cap);

/* s[0..n) equals the literal. */
bool wb_str_is(const char *s, size_t n, const char *lit);

#define TRY(expr)                    \
    do {                             \
        wire_status st_ = (expr);    \
        if (st_ != WIRE_OK)          \
            return st_;              \
    } while (0)

#endif
