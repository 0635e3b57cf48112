/* fuzz_update.c - libFuzzer target for a viewer applying updates
 * (sdiff_apply, and zf_inflate for input that starts as zlib data does) to
 * the document of a replay (tests/fuzz/corpus/snap/replay, read at start
 * from the project root). Any input may be refused, none may crash or read
 * out of bounds; a refused one must leave the snapshot as it was, and one
 * applied must leave a snapshot whose document decodes again to the same
 * bytes, with every instrument's holdings inside the holdings table. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/snapdiff.h"
#include "invtop/snapwire.h"
#include "invtop/zframe.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static snap base;      /* the replay's snapshot, never changed */
static jw base_doc;    /* its document */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    static char doc[1 << 20];
    FILE *f = fopen("tests/fuzz/corpus/snap/replay", "rb");
    if (!f)
        abort();
    size_t n = fread(doc, 1, sizeof doc, f);
    fclose(f);
    snap_init(&base);
    if (snapw_decode(doc, n, &base, NULL, 0) != 0 || snapw_document(&base_doc, &base) != 0)
        abort();
    return 0;
}

static void check_bounds(const snap *s)
{
    if (s->ninst > SNAPW_MAX_INST || s->nevents > SNAP_EVENTS || s->nseries > SNAP_SERIES)
        abort();
    for (size_t i = 0; i < s->ninst; i++)
        if (s->inst[i].first_holding > s->nholdings || s->inst[i].nholdings > s->nholdings - s->inst[i].first_holding)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size ? size : 1); /* no slack: ASan sees a read past the end */
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    jw body = {0}, w = {0}, w2 = {0};
    const char *js = buf;
    size_t len = size;
    if (size >= 2 && (unsigned char)buf[0] == 0x78) { /* a deflated body, as on the wire */
        if (zf_inflate(buf, size, &body, 1 << 22) != 0)
            goto out;
        js = body.buf;
        len = body.len;
    }
    snap s, t;
    snap_init(&s);
    snap_init(&t);
    if (snap_copy(&s, &base) != 0)
        abort();
    char err[200];
    if (sdiff_apply(&s, base.version + 1, js, len, err, sizeof err) != 0) {
        if (err[0] == '\0' || snapw_document(&w, &s) != 0 || w.len != base_doc.len ||
            memcmp(w.buf, base_doc.buf, w.len) != 0)
            abort(); /* refused, yet changed, or no reason given */
    } else {
        check_bounds(&s);
        if (snapw_document(&w, &s) != 0 || snapw_decode(w.buf, w.len, &t, err, sizeof err) != 0 ||
            snapw_document(&w2, &t) != 0 || w.len != w2.len || memcmp(w.buf, w2.buf, w.len) != 0)
            abort(); /* an applied update left what does not encode back the same */
    }
    snap_free(&s);
    snap_free(&t);
out:
    jw_free(&body);
    jw_free(&w);
    jw_free(&w2);
    free(buf);
    return 0;
}
