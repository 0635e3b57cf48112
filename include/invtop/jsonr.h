/* jsonr.h - a strict reader of one untrusted JSON document (prefix jr_):
 * jsmn tokenizes it once, then values are read by token index with
 * defaults for absent and null, and every error names its place:
 * "instruments[3].quote.bid: expected a number (byte 1234)".
 *
 * jr_open checks the tokens against strict JSON, which jsmn alone is not
 * ([1 2], {"a":1,}, ,{} pass it): the bytes between tokens are white space
 * and exactly the separators JSON puts there, literals are exactly
 * true/false/null, every number has the JSON grammar, is finite and under
 * 64 characters (wb_tok_number), strings hold no raw control characters,
 * and nesting is bounded.
 *
 * Token indexes: a value is named by its token index v; v < 0 means absent
 * and reads as null everywhere. An object's members are key tokens, each
 * followed by its value's token. Accessors take a token of the document
 * (0 <= v < ntok, or v < 0 where absent is allowed); they do not range
 * check otherwise. Errors return -1 after writing the reason into the
 * buffer given to jr_open (none when its size was 0). Nothing
 * here is global: a jr is used by one thread at a time. */
#ifndef INVTOP_JSONR_H
#define INVTOP_JSONR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "invtop/wire_body.h"

/* Most fields one jr_read_fields table may hold. */
#define JR_MAX_FIELDS 48

/* What a document may cost; over any of them is an error. */
typedef struct {
    size_t max_bytes; /* its length */
    int max_tokens;   /* jsmn tokens (each 24 bytes plus 4 for next[]) */
    int max_depth;    /* nesting: the top object is depth 1 (jr_open only) */
} jr_limits;

/* One tokenized document. Fields are read-only for callers. */
typedef struct {
    const char *js;
    size_t len;
    jsmntok_t *tok; /* ntok tokens, owned (jr_close) */
    int *next;      /* next[v] is jr_after(v) */
    int ntok;
    int max_depth;  /* lim's: bounds nesting (jr_open) and an error's path */
    body_view bv;   /* js, tok and ntok, for wb_tok_number and ovrjson_read */
    char *err;      /* the caller's, errlen bytes */
    size_t errlen;
} jr;

/* Tokenize js[0..len) (borrowed: it must outlive r) into r and check that
 * it is exactly one strict JSON object, white space around it, within lim.
 * err (errlen bytes, NULL when errlen is 0) is cleared and later receives
 * the reason of any error, here or from the accessors below. Returns 0 with
 * r holding its tokens (free with jr_close), or -1 with the reason in err
 * and nothing allocated. */
int jr_open(jr *r, const char *js, size_t len, const jr_limits *lim, char *err, size_t errlen);

/* Free r's tokens (after jr_open, either outcome); r may be closed
 * again. The document and err stay the caller's. */
void jr_close(jr *r);

/* Write "PATH: what (byte N)" for token t (t < 0: just what) into the
 * error buffer, bytes outside printable ASCII as '?'. Returns -1. */
int jr_fail(const jr *r, int t, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The token after the subtree of value v (not a key): where the next
 * member's key or array element is. */
int jr_after(const jr *r, int v);

/* v is absent (v < 0) or null. */
bool jr_is_null(const jr *r, int v);

/* The bytes of token t as jsmn delimits them (a string without its quotes,
 * escapes as written), pointing into the document; their count in *n. */
const char *jr_text(const jr *r, int t, size_t *n);

/* Key (or string) token k is spelled exactly `name` (escapes not decoded,
 * so a key written with escapes matches no name). */
bool jr_key_is(const jr *r, int k, const char *name);

/* Typed values at v into *out; absent and null give the default named.
 * Each returns 0, or -1 (an error set, *out unspecified) when v holds
 * another type or a value out of range. */
int jr_num(const jr *r, int v, double *out);     /* a JSON number; NAN */
int jr_count(const jr *r, int v, uint64_t *out); /* an integer in [0, INT64_MAX]; 0 */
int jr_size(const jr *r, int v, size_t *out);    /* a count that fits size_t; 0 */
int jr_bool(const jr *r, int v, bool *out);      /* true or false; false */

/* The string at v unescaped into dst (cap > 0 bytes, always terminated):
 * \uXXXX to UTF-8 with surrogate pairs joined (a lone one is an error),
 * control characters (U+0000-U+001F, U+007F) as '?', other bytes as they
 * are. "" for absent and null. Longer than cap - 1 bytes is an error. */
int jr_str(const jr *r, int v, char *dst, size_t cap);

/* The index in names[0..n) of the string at v (0 for absent and null), or
 * -1 after an error naming `what` (not a string, or no such name). */
int jr_name(const jr *r, int v, const char *const *names, int n, const char *what);

/* The elements of the array at v: the first's token at *first (then
 * jr_after from one to the next), their count returned (0 for absent and
 * null), or -1 when v is not an array. */
int jr_array(const jr *r, int v, int *first);

/* ---- objects by field tables ---- */

typedef enum { JR_NUM, JR_U64, JR_SIZE, JR_ULONG, JR_BOOL, JR_STR, JR_OWN } jr_ftype;

/* One member: where its value goes (a double, uint64_t, size_t, unsigned
 * long, bool or char[cap] at base + off), or for JR_OWN the slot own[off]
 * that receives its value token for the caller to read. */
typedef struct {
    const char *key;
    jr_ftype type;
    size_t off;
    size_t cap; /* JR_STR: the field's size */
} jr_field;

#define JR_FNUM(T, k, m) {k, JR_NUM, offsetof(T, m), 0}
#define JR_FU64(T, k, m) {k, JR_U64, offsetof(T, m), 0}
#define JR_FSIZE(T, k, m) {k, JR_SIZE, offsetof(T, m), 0}
#define JR_FULONG(T, k, m) {k, JR_ULONG, offsetof(T, m), 0}
#define JR_FBOOL(T, k, m) {k, JR_BOOL, offsetof(T, m), 0}
#define JR_FSTR(T, k, m) {k, JR_STR, offsetof(T, m), sizeof((T *)0)->m}
#define JR_FOWN(k, slot) {k, JR_OWN, slot, 0}
#define JR_NFIELDS(f) ((int)(sizeof(f) / sizeof(f)[0]))

/* Decode the members of the object at obj named in f[0..nf) (1 <= nf <=
 * JR_MAX_FIELDS): scalars into base + off (absent or null: their default,
 * as the accessors above), the value token of each JR_OWN field into
 * own[off] (-1 when absent; own may be NULL without JR_OWN fields). An
 * absent or null object reads as {}. Unknown members are skipped, a known
 * one twice is an error, as is obj not an object. Keys in the table's
 * order cost one comparison each. Returns 0 or -1 (base partly written).
 * Only for a document from jr_open (it trusts members to have values). */
int jr_read_fields(const jr *r, int obj, const jr_field *f, int nf, void *base, int *own);

#endif
