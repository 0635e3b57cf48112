/* editform.c - override edit form (see editform.h). */
#include "invtop/editform.h"

#include "invtop/numparse.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ef_label(ef_field k)
{
    static const char *const labels[] = {"skew bp", "replace model skew (y/n)", "half spread bp",
                                         "bid", "ask", "size bid", "size ask", "paused (y/n)",
                                         "TTL seconds"};
    return (unsigned)k < EF_COUNT ? labels[k] : "?";
}

static void put_num(char *dst, double v)
{
    if (isnan(v))
        dst[0] = '\0';
    else
        snprintf(dst, 24, "%.10g", v);
}

void ef_open(editform *f, const char *sym, const ovr *o, double now)
{
    memset(f, 0, sizeof *f);
    snprintf(f->sym, sizeof f->sym, "%s", sym);
    put_num(f->text[EF_SKEW], o->skew_bps);
    snprintf(f->text[EF_REPLACE], 24, "%s", o->skew_replace ? "y" : "n");
    put_num(f->text[EF_HALF], o->half_spread_bps);
    put_num(f->text[EF_BID], o->bid);
    put_num(f->text[EF_ASK], o->ask);
    put_num(f->text[EF_SIZE_BID], o->size_bid);
    put_num(f->text[EF_SIZE_ASK], o->size_ask);
    snprintf(f->text[EF_PAUSED], 24, "%s", o->paused ? "y" : "n");
    put_num(f->text[EF_TTL], isnan(o->expires) ? NAN : ceil(o->expires - now));
    f->open = true;
}

/* Empty: NAN. Otherwise a finite number in [lo, hi], or -1. */
static int field_num(const char *s, double lo, double hi, double *out)
{
    if (!s[0]) {
        *out = NAN;
        return 0;
    }
    return num_parse(s, lo, hi, false, out);
}

static int field_yes(const char *s, bool *out)
{
    if (!s[0] || strcmp(s, "n") == 0 || strcmp(s, "no") == 0) {
        *out = false;
        return 0;
    }
    if (strcmp(s, "y") == 0 || strcmp(s, "yes") == 0) {
        *out = true;
        return 0;
    }
    return -1;
}

int ef_parse(editform *f, double now, ovr *out)
{
    static const struct {
        ef_field k;
        double lo, hi;
    } nums[] = {{EF_SKEW, -10000, 10000}, {EF_HALF, 0.01, 10000}, {EF_BID, 1e-12, 1e12},
                {EF_ASK, 1e-12, 1e12}, {EF_SIZE_BID, 0, 1e12}, {EF_SIZE_ASK, 0, 1e12},
                {EF_TTL, 0, 1e8}};
    double v[EF_COUNT];
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        if (field_num(f->text[nums[i].k], nums[i].lo, nums[i].hi, &v[nums[i].k]) != 0) {
            snprintf(f->error, sizeof f->error, "%s: a number from %g to %g, or empty",
                     ef_label(nums[i].k), nums[i].lo, nums[i].hi);
            f->cur = nums[i].k;
            return -1;
        }
    ovr o = ovr_none();
    if (field_yes(f->text[EF_REPLACE], &o.skew_replace) != 0 ||
        field_yes(f->text[EF_PAUSED], &o.paused) != 0) {
        snprintf(f->error, sizeof f->error, "answer y or n");
        f->cur = field_yes(f->text[EF_REPLACE], &o.skew_replace) ? EF_REPLACE : EF_PAUSED;
        return -1;
    }
    if (!isnan(v[EF_BID]) && !isnan(v[EF_ASK]) && !(v[EF_BID] < v[EF_ASK])) {
        snprintf(f->error, sizeof f->error, "bid must be below ask");
        f->cur = EF_BID;
        return -1;
    }
    o.skew_bps = v[EF_SKEW];
    o.half_spread_bps = v[EF_HALF];
    o.bid = v[EF_BID];
    o.ask = v[EF_ASK];
    o.size_bid = v[EF_SIZE_BID];
    o.size_ask = v[EF_SIZE_ASK];
    o.expires = isnan(v[EF_TTL]) || v[EF_TTL] == 0 ? NAN : now + v[EF_TTL];
    f->error[0] = '\0';
    *out = o;
    return 0;
}

void ef_move(editform *f, int dir)
{
    f->cur = (ef_field)((f->cur + EF_COUNT + (dir < 0 ? -1 : 1)) % EF_COUNT);
}

void ef_erase(editform *f)
{
    size_t n = strlen(f->text[f->cur]);
    if (n)
        f->text[f->cur][n - 1] = '\0';
}

void ef_type(editform *f, int ch)
{
    char *t = f->text[f->cur];
    size_t n = strlen(t);
    if (ch >= 0x20 && ch < 0x7f && n + 1 < sizeof f->text[0]) {
        t[n] = (char)ch;
        t[n + 1] = '\0';
        f->error[0] = '\0';
    }
}
