/* numparse.h - strict numbers from text (command lines, config values, form
 * fields): the whole string must be one finite number in [lo, hi], and an
 * integer when asked. */
#ifndef INVTOP_NUMPARSE_H
#define INVTOP_NUMPARSE_H

#include <stdbool.h>

/* Returns 0 and sets *out, or -1 (out untouched) for anything else. */
int num_parse(const char *s, double lo, double hi, bool integer, double *out);

#endif
