/* numparse.c - strict numbers from text (see numparse.h). */
#include "invtop/numparse.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

int num_parse(const char *s, double lo, double hi, bool integer, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || !(v >= lo && v <= hi) ||
        (integer && v != floor(v)))
        return -1;
    *out = v;
    return 0;
}
