/* snapshot.c - the snapshot container (see snapshot.h). */
#include "invtop/snapshot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/backtest.h"

void snap_init(snap *s)
{
    memset(s, 0, sizeof *s);
    s->computed_at = s->mc_at = s->engine_silence_s = NAN;
    s->feed.last_msg_age_s = NAN;
    s->stress_at = NAN;
    expl_clear(&s->explain_last);
    expl_clear(&s->explain_current);
    expl_clear(&s->explain_session);
    s->bt_zone = BT_NA; /* nothing observed: no traffic light */
}

void snap_free(snap *s)
{
    free(s->scenarios);
    free(s->und);
    free(s->books);
    free(s->holdings);
    free(s->inst);
    snap_init(s);
}

/* Grow *p to hold n elements of size sz when its capacity *cap is short. */
static int grow(void **p, size_t *cap, size_t n, size_t sz)
{
    if (n <= *cap)
        return 0;
    size_t want = *cap ? *cap : 8;
    while (want < n)
        want *= 2;
    void *q = realloc(*p, want * sz);
    if (!q)
        return -1;
    *p = q;
    *cap = want;
    return 0;
}

int snap_reserve(snap *s, size_t ninst, size_t nund, size_t nbooks, size_t nholdings,
                 size_t nscen)
{
    /* realloc keeps the old block on failure, so s stays valid either way */
    if (grow((void **)&s->inst, &s->cap_inst, ninst, sizeof *s->inst) != 0 ||
        grow((void **)&s->und, &s->cap_und, nund, sizeof *s->und) != 0 ||
        grow((void **)&s->books, &s->cap_books, nbooks, sizeof *s->books) != 0 ||
        grow((void **)&s->holdings, &s->cap_holdings, nholdings, sizeof *s->holdings) != 0 ||
        grow((void **)&s->scenarios, &s->cap_scen, nscen, sizeof *s->scenarios) != 0)
        return -1;
    return 0;
}

int snap_copy(snap *dst, const snap *src)
{
    snap tmp;
    snap_init(&tmp);
    if (snap_reserve(&tmp, src->ninst, src->nund, src->nbooks, src->nholdings, src->nscen) != 0) {
        snap_free(&tmp);
        return -1;
    }
    snap keep = tmp;  /* the new arrays */
    tmp = *src;       /* every scalar and fixed array */
    tmp.inst = keep.inst;
    tmp.cap_inst = keep.cap_inst;
    tmp.und = keep.und;
    tmp.cap_und = keep.cap_und;
    tmp.books = keep.books;
    tmp.cap_books = keep.cap_books;
    tmp.holdings = keep.holdings;
    tmp.cap_holdings = keep.cap_holdings;
    tmp.scenarios = keep.scenarios;
    tmp.cap_scen = keep.cap_scen;
    if (src->ninst)
        memcpy(tmp.inst, src->inst, src->ninst * sizeof *src->inst);
    if (src->nund)
        memcpy(tmp.und, src->und, src->nund * sizeof *src->und);
    if (src->nbooks)
        memcpy(tmp.books, src->books, src->nbooks * sizeof *src->books);
    if (src->nholdings)
        memcpy(tmp.holdings, src->holdings, src->nholdings * sizeof *src->holdings);
    if (src->nscen)
        memcpy(tmp.scenarios, src->scenarios, src->nscen * sizeof *src->scenarios);
    snap_free(dst);
    *dst = tmp;
    return 0;
}

long snap_find(const snap *s, const char *id)
{
    for (size_t i = 0; i < s->ninst; i++)
        if (strcmp(s->inst[i].id, id) == 0)
            return (long)i;
    return -1;
}
