/* fuzz_snap.c - libFuzzer target for the snapshot decoder. Any input may be
 * refused, none may crash or read out of bounds; one that decodes must
 * encode to a document that decodes again and encodes to the same bytes
 * (the decoder is the encoder's inverse on what the encoder writes), and a
 * refused one must leave the output as it was. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/snapwire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The decoded snapshot keeps the bounds the decoder promises. */
static void check_bounds(const snap *s)
{
    if (s->ninst > SNAPW_MAX_INST || s->nund > SNAPW_MAX_INST || s->nbooks > BOOK_MAX_BOOKS ||
        s->nevents > SNAP_EVENTS || s->nseries > SNAP_SERIES || s->feed.nlast > SNAP_LAST_REJECTS ||
        s->pv.nvar > PV_MAX_LEVELS)
        abort();
    size_t h = 0;
    for (size_t i = 0; i < s->ninst; i++) {
        if (s->inst[i].first_holding != h || s->inst[i].nholdings > s->nholdings - h)
            abort();
        h += s->inst[i].nholdings;
    }
    if (h != s->nholdings)
        abort();
    for (size_t k = 0; k < s->nholdings; k++)
        if (s->holdings[k].book >= s->nbooks && s->holdings[k].book != SIZE_MAX)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a private copy without slack: ASan catches any read past the end */
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    snap s, t;
    snap_init(&s);
    snap_init(&t);
    s.version = 12345;
    char err[200];
    if (snapw_decode(buf, size, &s, err, sizeof err) != 0) {
        if (s.version != 12345 || s.ninst != 0 || err[0] == '\0')
            abort();
    } else {
        check_bounds(&s);
        jw w1 = {0}, w2 = {0};
        if (snapw_document(&w1, &s) != 0)
            abort();
        if (snapw_decode(w1.buf, w1.len, &t, err, sizeof err) != 0)
            abort(); /* the encoder wrote something its decoder refuses */
        check_bounds(&t);
        if (snapw_document(&w2, &t) != 0)
            abort();
        if (w1.len != w2.len || memcmp(w1.buf, w2.buf, w1.len) != 0)
            abort(); /* decode(encode(x)) encodes differently */
        jw_free(&w1);
        jw_free(&w2);
    }
    snap_free(&s);
    snap_free(&t);
    free(buf);
    return 0;
}
