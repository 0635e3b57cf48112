/* cfsym.c - cryptofeed's normalized symbols (see cfsym.h). */
#include "invtop/cfsym.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invtop/numparse.h"

/* At most BASE-QUOTE-STRIKE-EXPIRY-RIGHT. */
#define MAX_PARTS 5

typedef struct {
    const char *s;
    size_t n;
} part;

static size_t split(const char *sym, part parts[MAX_PARTS + 1])
{
    size_t k = 0;
    const char *p = sym;
    for (;;) {
        const char *dash = strchr(p, '-');
        size_t n = dash ? (size_t)(dash - p) : strlen(p);
        if (k == MAX_PARTS + 1)
            return k; /* too many: the caller refuses */
        parts[k++] = (part){p, n};
        if (!dash)
            return k;
        p = dash + 1;
    }
}

static bool is_is(part p, const char *lit)
{
    return strlen(lit) == p.n && memcmp(p.s, lit, p.n) == 0;
}

bool cfsym_expiry(const char *s, size_t n, double *out)
{
    static const char codes[] = "FGHJKMNQUVXZ";
    if (n < 4 || n > 5 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return false;
    const char *m = memchr(codes, s[2], 12);
    if (!m)
        return false;
    int day = 0;
    for (size_t i = 3; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        day = day * 10 + (s[i] - '0');
    }
    if (day < 1 || day > 31)
        return false;
    struct tm tm = {0};
    tm.tm_year = 100 + (s[0] - '0') * 10 + (s[1] - '0');
    tm.tm_mon = (int)(m - codes);
    tm.tm_mday = day;
    tm.tm_hour = CFSYM_EXPIRY_HOUR_UTC;
    time_t t = timegm(&tm);
    if (t == (time_t)-1)
        return false;
    struct tm back;
    if (!gmtime_r(&t, &back) || back.tm_mday != day) /* 30 February */
        return false;
    *out = (double)t;
    return true;
}

bool cfsym_infer(const char *sym, event_inst *out)
{
    part p[MAX_PARTS + 1];
    size_t n = split(sym, p);
    if (n < 2 || n > MAX_PARTS || n == 4)
        return false;
    for (size_t k = 0; k < n; k++)
        if (p[k].n == 0 || p[k].n >= EVENT_SYM_MAX)
            return false;
    event_inst r = {.kind = INST_SPOT, .mult = 1, .strike = NAN, .expiry = NAN, .iv = NAN};
    memcpy(r.underlying, p[0].s, p[0].n);
    r.underlying[p[0].n] = '\0';
    if (n == 3 && is_is(p[2], "PERP")) {
        r.kind = INST_PERP;
    } else if (n == 3) {
        if (is_is(p[2], "FX") || !cfsym_expiry(p[2].s, p[2].n, &r.expiry))
            return false;
        r.kind = INST_FUTURE;
    } else if (n == 5) {
        char strike[EVENT_SYM_MAX];
        memcpy(strike, p[2].s, p[2].n);
        strike[p[2].n] = '\0';
        if (num_parse(strike, 1e-12, 1e12, false, &r.strike) != 0 ||
            !cfsym_expiry(p[3].s, p[3].n, &r.expiry) || p[4].n != 1 ||
            (p[4].s[0] != 'C' && p[4].s[0] != 'P'))
            return false;
        r.kind = INST_OPTION;
        r.right = p[4].s[0];
    }
    *out = r;
    return true;
}
