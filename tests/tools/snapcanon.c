/* snapcanon: the canonical form of a headless document (a test tool).
 * Reads one document on stdin, decodes it as a viewer does and writes what
 * the viewer would print for it (without the newline): the truth a fake
 * engine's test compares a viewer's lines with (tests/e2e/viewers.sh).
 * Exit 1 with the reason on stderr when it does not decode. */
#include <stdio.h>
#include <stdlib.h>

#include "invtop/snapwire.h"

int main(void)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, stdin)) > 0;) {
        n += got;
        if (n == cap) {
            char *g = realloc(buf, cap *= 2);
            if (!g)
                free(buf);
            buf = g;
        }
    }
    if (!buf) {
        fprintf(stderr, "snapcanon: out of memory\n");
        return 1;
    }
    snap s;
    jw w = {0};
    char err[256];
    snap_init(&s);
    int rc = snapw_decode(buf, n, &s, err, sizeof err) != 0 || snapw_document(&w, &s) != 0;
    if (rc)
        fprintf(stderr, "snapcanon: %s\n", err);
    else
        fwrite(w.buf, 1, w.len - 1, stdout);
    snap_free(&s);
    jw_free(&w);
    free(buf);
    return rc;
}
