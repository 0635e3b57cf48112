/* histload.h - preload price samples into the risk history (--history FILE).
 *
 * CSV: a header "time,NAME1,NAME2,..." naming underlyings, then one row per
 * sample: a time (any number; rows are taken in file order) and one price
 * per underlying (empty for unknown). */
#ifndef INVTOP_HISTLOAD_H
#define INVTOP_HISTLOAD_H

#include "invtop/history.h"

/* Load path into h, registering the named underlyings. Returns 0, or -1 with
 * a one-line reason on stderr naming the file and line (h may then hold the
 * rows before the bad one). */
int histload_csv(const char *path, history *h);

#endif
