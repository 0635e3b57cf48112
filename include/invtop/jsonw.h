/* jsonw.h - a small JSON writer into a growable buffer (prefix jw_).
 *
 * Commas are managed for the caller: begin/end containers, then keys and
 * values in order. The buffer is reused across documents (jw_reset), so in
 * steady state writing allocates nothing. On allocation failure the writer
 * sets its `failed` flag, stops writing and jw_ok() reports it; it never
 * aborts. Non-finite numbers are written as null, so output is always JSON. */
#ifndef INVTOP_JSONW_H
#define INVTOP_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JW_MAX_DEPTH 32

typedef struct {
    char *buf;
    size_t len, cap;
    bool failed;
    int depth;
    bool need_comma[JW_MAX_DEPTH];
    bool after_key;
} jw;

/* A zeroed jw is ready to use; jw_free releases its buffer. */
void jw_free(jw *w);
/* Empty the buffer and container state, keeping the allocation. */
void jw_reset(jw *w);
/* True while no allocation failed and containers were balanced so far. */
bool jw_ok(const jw *w);

void jw_obj_begin(jw *w);
void jw_obj_end(jw *w);
void jw_arr_begin(jw *w);
void jw_arr_end(jw *w);
/* A key inside an object; the next call writes its value. */
void jw_key(jw *w, const char *key);
/* A string value, escaped (control characters as \u00XX). */
void jw_str(jw *w, const char *s);
void jw_strn(jw *w, const char *s, size_t n);
/* A number with up to 15 significant digits; NAN/inf become null. */
void jw_num(jw *w, double v);
/* A number with a fixed count of decimals; NAN/inf become null. */
void jw_fixed(jw *w, double v, int decimals);
void jw_int(jw *w, int64_t v);
void jw_bool(jw *w, bool v);
void jw_null(jw *w);
/* Already-valid JSON text, inserted as one value (the caller vouches). */
void jw_raw(jw *w, const char *json, size_t n);

/* Shorthands for "key": value. */
void jw_kstr(jw *w, const char *key, const char *s);
void jw_knum(jw *w, const char *key, double v);
void jw_kint(jw *w, const char *key, int64_t v);
void jw_kbool(jw *w, const char *key, bool v);
void jw_kfixed(jw *w, const char *key, double v, int decimals);

/* Make room for n more bytes after len (buf then has cap >= len + n + 1).
 * Returns false (and sets failed) without memory. For a caller that
 * writes into buf itself, then sets len. */
bool jw_reserve(jw *w, size_t n);

/* Append raw bytes with no JSON bookkeeping (e.g. a trailing newline). */
void jw_append(jw *w, const char *s, size_t n);

#endif
