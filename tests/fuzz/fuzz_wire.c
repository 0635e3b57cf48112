/* fuzz_wire.c - libFuzzer target for the wire decoder. The first byte picks
 * the shape: 0 one frame, 1 two frames split at the first NUL, 2 the quote
 * decoder on two frames; the rest is the message. Any input may be refused;
 * none may crash, read out of bounds or leave an invalid event. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* a private copy without slack: ASan catches any read past the end */
    char *buf = malloc(size - 1 ? size - 1 : 1);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, size - 1);
    size_t n = size - 1;
    event ev;
    if (data[0] % 3 == 0) {
        const char *f[1] = {buf};
        size_t l[1] = {n};
        if (wire_decode_frames(1, f, l, &ev) == WIRE_OK && (!ev.sym[0] || strlen(ev.sym) >= EVENT_SYM_MAX))
            abort();
    } else {
        char *nul = memchr(buf, '\0', n);
        size_t tl = nul ? (size_t)(nul - buf) : n / 2;
        const char *f[2] = {buf, buf + tl + (nul ? 1 : 0)};
        size_t l[2] = {tl, n - tl - (nul ? 1 : 0)};
        if (data[0] % 3 == 1) {
            if (wire_decode_frames(2, f, l, &ev) == WIRE_OK && ev.kind == EVENT_PX &&
                !(ev.u.px.mid > 0 && isfinite(ev.u.px.mid)))
                abort();
        } else {
            wire_quote q;
            if (wire_decode_quote(f[0], l[0], f[1], l[1], &q) == WIRE_OK && !isnan(q.bid) &&
                !isnan(q.ask) && q.bid > q.ask)
                abort();
        }
    }
    free(buf);
    return 0;
}
