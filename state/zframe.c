/* zframe.c - frame bodies through zlib (see zframe.h). */
#include "invtop/zframe.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

/* Level 6, zlib's default: 20% smaller than level 1 on updates, and an
 * update of 30 KB takes well under a millisecond either way. */
#define ZF_LEVEL 6

int zf_deflate(const char *in, size_t n, jw *out)
{
    assert(in || n == 0);
    jw_reset(out);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (n > (uInt)-1 || deflateInit(&z, ZF_LEVEL) != Z_OK)
        return -1;
    const uLong bound = deflateBound(&z, (uLong)n);
    if (!jw_reserve(out, bound)) {
        deflateEnd(&z);
        return -1;
    }
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out->buf;
    z.avail_out = (uInt)bound;
    const int rc = deflate(&z, Z_FINISH);
    out->len = z.total_out;
    deflateEnd(&z);
    return rc == Z_STREAM_END ? 0 : -1;
}

int zf_inflate(const void *in, size_t n, jw *out, size_t max)
{
    jw_reset(out);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (n > (uInt)-1 || inflateInit(&z) != Z_OK)
        return -1;
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    unsigned char chunk[16384];
    int rc;
    do {
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END)
            break;
        const size_t got = sizeof chunk - z.avail_out;
        if (out->len + got > max) {
            rc = Z_BUF_ERROR;
            break;
        }
        jw_append(out, (const char *)chunk, got);
        if (!jw_ok(out)) {
            rc = Z_MEM_ERROR;
            break;
        }
    } while (rc != Z_STREAM_END && (z.avail_in > 0 || z.avail_out == 0));
    inflateEnd(&z);
    return rc == Z_STREAM_END && z.avail_in == 0 ? 0 : -1;
}
