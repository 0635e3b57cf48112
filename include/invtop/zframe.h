/* zframe.h - a frame's body deflated (prefix zf_): the state protocol's
 * UPDATE bodies go out compressed with zlib (RFC 1950), which takes the
 * field-by-field JSON to about a third (bench/state_viewers.py): ids and
 * keys repeat, and an effective quote repeats its model's values.
 * Inflating is fed untrusted bytes: its output is bounded. */
#ifndef INVTOP_ZFRAME_H
#define INVTOP_ZFRAME_H

#include <stddef.h>

#include "invtop/jsonw.h"

/* Reset out and write in[0..n) deflated into it. Returns 0, or -1 without
 * memory (out's contents then undefined). */
int zf_deflate(const char *in, size_t n, jw *out);

/* Reset out and write in[0..n) inflated into it, at most max bytes.
 * Returns 0, or -1 for a stream that is not whole zlib data, one that
 * inflates past max, or no memory. */
int zf_inflate(const void *in, size_t n, jw *out, size_t max);

#endif
