/* snapstore.c - a snapshot document kept as encoded pieces (see snapwire.h). */
#include "invtop/snapwire.h"

#include <stdlib.h>
#include <string.h>

void snapw_store_init(snapw_store *st)
{
    memset(st, 0, sizeof *st);
}

void snapw_store_free(snapw_store *st)
{
    for (int p = 0; p < SNAPW_PARTS; p++)
        jw_free(&st->part[p]);
    for (size_t i = 0; i < st->cap; i++)
        jw_free(&st->inst[i]);
    free(st->inst);
    memset(st, 0, sizeof *st);
}

/* Replace w's text with n bytes (a fresh jw keeps no container state). */
static int set_text(jw *w, const char *text, size_t n)
{
    jw_reset(w);
    jw_append(w, text, n);
    return jw_ok(w) ? 0 : -1;
}

int snapw_store_part(snapw_store *st, snapw_part p, const char *text, size_t n)
{
    if ((unsigned)p >= SNAPW_PARTS)
        return -1;
    return set_text(&st->part[p], text, n);
}

int snapw_store_inst(snapw_store *st, size_t i, const char *text, size_t n)
{
    if (i > st->ninst)
        return -1;
    if (i == st->cap) {
        size_t cap = st->cap ? 2 * st->cap : 64;
        jw *g = realloc(st->inst, cap * sizeof *g);
        if (!g)
            return -1;
        memset(g + st->cap, 0, (cap - st->cap) * sizeof *g);
        st->inst = g;
        st->cap = cap;
    }
    if (set_text(&st->inst[i], text, n) != 0)
        return -1;
    if (i == st->ninst)
        st->ninst++;
    return 0;
}

int snapw_store_document(const snapw_store *st, jw *w)
{
    jw_reset(w);
    jw_obj_begin(w);
    jw_kint(w, "version", (int64_t)st->version);
    jw_kfixed(w, "ts", st->ts, 3);
    jw_kstr(w, "source", st->source);
    for (int p = 0; p < SNAPW_PARTS; p++) {
        jw_key(w, snapw_part_name((snapw_part)p));
        if (st->part[p].len)
            jw_raw(w, st->part[p].buf, st->part[p].len);
        else
            jw_null(w);
    }
    jw_key(w, "instruments");
    jw_arr_begin(w);
    for (size_t i = 0; i < st->ninst; i++)
        jw_raw(w, st->inst[i].buf, st->inst[i].len);
    jw_arr_end(w);
    jw_obj_end(w);
    jw_append(w, "\n", 1);
    return jw_ok(w) ? 0 : -1;
}
