/* snapwire.c - a snapshot as the headless JSON document (see snapwire.h):
 * both directions walk the schema (snaptab.h). */
#include "invtop/snapwire.h"

#include <assert.h>

#include "invtop/jsonr.h"
#include "invtop/snaptab.h"

/* A valid document averages over 7 bytes per token. */
#define SNAPR_MAX_TOKENS ((int)(SNAPW_MAX_DOC / 4))

int snapw_document(jw *w, const snap *s)
{
    assert(w && s);
    jw_reset(w);
    sch_write(w, snaptab_document(), s, s);
    jw_append(w, "\n", 1);
    return jw_ok(w) ? 0 : -1;
}

int snapw_decode(const char *js, size_t len, snap *out, char *err, size_t errlen)
{
    static const jr_limits lim = {SNAPW_MAX_DOC, SNAPR_MAX_TOKENS, SNAPW_MAX_DEPTH};
    assert(out != NULL);
    jr r;
    if (jr_open(&r, js, len, &lim, err, errlen) != 0)
        return -1;
    snap tmp;
    snap_init(&tmp);
    const int rc = sch_read(&r, 0, snaptab_document(), &tmp, &tmp);
    jr_close(&r);
    if (rc != 0) {
        snap_free(&tmp);
        return -1;
    }
    snap_free(out);
    *out = tmp;
    return 0;
}
