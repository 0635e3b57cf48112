/* jsonw.c - JSON writer (see jsonw.h). */
#include "invtop/jsonw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jw_free(jw *w)
{
    free(w->buf);
    memset(w, 0, sizeof *w);
}

void jw_reset(jw *w)
{
    w->len = 0;
    w->failed = false;
    w->depth = 0;
    w->need_comma[0] = false;
    w->after_key = false;
    if (w->buf)
        w->buf[0] = '\0';
}

bool jw_ok(const jw *w)
{
    return !w->failed;
}

static bool reserve(jw *w, size_t extra)
{
    if (w->failed)
        return false;
    if (w->len + extra + 1 <= w->cap)
        return true;
    size_t cap = w->cap ? w->cap : 256;
    while (cap < w->len + extra + 1)
        cap *= 2;
    char *nb = realloc(w->buf, cap);
    if (!nb) {
        w->failed = true;
        return false;
    }
    w->buf = nb;
    w->cap = cap;
    return true;
}

bool jw_reserve(jw *w, size_t n)
{
    return reserve(w, n);
}

void jw_append(jw *w, const char *s, size_t n)
{
    if (!reserve(w, n))
        return;
    memcpy(w->buf + w->len, s, n);
    w->len += n;
    w->buf[w->len] = '\0';
}

static void putc_(jw *w, char c)
{
    jw_append(w, &c, 1);
}

/* Comma before a value or key when a sibling came before it. */
static void before_value(jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->need_comma[w->depth])
        putc_(w, ',');
    w->need_comma[w->depth] = true;
}

static void open_(jw *w, char c)
{
    before_value(w);
    if (w->depth + 1 >= JW_MAX_DEPTH) {
        w->failed = true;
        return;
    }
    putc_(w, c);
    w->need_comma[++w->depth] = false;
}

static void close_(jw *w, char c)
{
    if (w->depth == 0) {
        w->failed = true;
        return;
    }
    w->depth--;
    putc_(w, c);
}

void jw_obj_begin(jw *w) { open_(w, '{'); }
void jw_obj_end(jw *w) { close_(w, '}'); }
void jw_arr_begin(jw *w) { open_(w, '['); }
void jw_arr_end(jw *w) { close_(w, ']'); }

static void escaped(jw *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    putc_(w, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            jw_append(w, e, 2);
        } else if (c < 0x20) {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            jw_append(w, e, 6);
        } else {
            putc_(w, (char)c);
        }
    }
    putc_(w, '"');
}

void jw_key(jw *w, const char *key)
{
    before_value(w);
    escaped(w, key, strlen(key));
    putc_(w, ':');
    w->after_key = true;
}

void jw_strn(jw *w, const char *s, size_t n)
{
    before_value(w);
    escaped(w, s, n);
}

void jw_str(jw *w, const char *s)
{
    jw_strn(w, s, strlen(s));
}

static void formatted(jw *w, const char *fmt, int prec, double v)
{
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, fmt, prec, v);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        w->failed = true;
        return;
    }
    jw_append(w, tmp, (size_t)n);
}

void jw_num(jw *w, double v)
{
    before_value(w);
    if (!isfinite(v)) {
        jw_append(w, "null", 4);
        return;
    }
    if (v == 0)
        v = 0; /* no "-0" */
    formatted(w, "%.*g", 15, v);
}

void jw_fixed(jw *w, double v, int decimals)
{
    before_value(w);
    if (!isfinite(v) || fabs(v) >= 1e30) {
        jw_append(w, "null", 4);
        return;
    }
    /* A value that rounds to zero prints as 0, never "-0.00". */
    if (fabs(v) * pow(10, decimals) < 0.5)
        v = 0;
    formatted(w, "%.*f", decimals, v);
}

void jw_int(jw *w, int64_t v)
{
    char tmp[32];
    before_value(w);
    int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    jw_append(w, tmp, (size_t)n);
}

void jw_bool(jw *w, bool v)
{
    before_value(w);
    jw_append(w, v ? "true" : "false", v ? 4 : 5);
}

void jw_null(jw *w)
{
    before_value(w);
    jw_append(w, "null", 4);
}

void jw_raw(jw *w, const char *json, size_t n)
{
    before_value(w);
    jw_append(w, json, n);
}

void jw_kstr(jw *w, const char *key, const char *s) { jw_key(w, key); jw_str(w, s); }
void jw_knum(jw *w, const char *key, double v) { jw_key(w, key); jw_num(w, v); }
void jw_kint(jw *w, const char *key, int64_t v) { jw_key(w, key); jw_int(w, v); }
void jw_kbool(jw *w, const char *key, bool v) { jw_key(w, key); jw_bool(w, v); }
void jw_kfixed(jw *w, const char *key, double v, int decimals) { jw_key(w, key); jw_fixed(w, v, decimals); }
