/* snapread.h - the snapshot decoder's inside (prefix snapr_), shared by
 * state/snapread.c (the document and its parts) and state/snapread_inst.c
 * (the instruments); callers decode with snapw_decode (snapwire.h). */
#ifndef INVTOP_SNAPREAD_H
#define INVTOP_SNAPREAD_H

#include "invtop/jsonr.h"
#include "invtop/snapshot.h"

/* The instruments array at v (absent or null: none) into s, whose books are
 * already read (a holding names one): each its object, its quote, override
 * and holdings. Returns 0, or -1 with the error set. Only for a document
 * from jr_open (it follows next[]). */
int snapr_instruments(const jr *r, int v, snap *s);

#endif
