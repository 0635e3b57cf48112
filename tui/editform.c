/* editform.c - override edit form (see editform.h). */
#include "tui/editform.h"

#include "invtop/numparse.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
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

/* v with at most `decimals` decimals, trailing zeros dropped; "" for NAN. */
static void put_num(char *dst, double v, int decimals)
{
    if (isnan(v)) {
        dst[0] = '\0';
        return;
    }
    snprintf(dst, 24, "%.*f", decimals, v);
    char *dot = strchr(dst, '.');
    if (dot) {
        char *end = dst + strlen(dst);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    if (strcmp(dst, "-0") == 0)
        strcpy(dst, "0");
}

void ef_open(editform *f, const char *sym, const ovr *o, double now, int price_decimals)
{
    memset(f, 0, sizeof *f);
    snprintf(f->sym, sizeof f->sym, "%s", sym);
    f->current = *o;
    put_num(f->text[EF_SKEW], o->skew_bps, 2);
    snprintf(f->text[EF_REPLACE], 24, "%s", o->skew_replace ? "y" : "n");
    put_num(f->text[EF_HALF], o->half_spread_bps, 2);
    put_num(f->text[EF_BID], o->bid, price_decimals);
    put_num(f->text[EF_ASK], o->ask, price_decimals);
    put_num(f->text[EF_SIZE_BID], o->size_bid, 8);
    put_num(f->text[EF_SIZE_ASK], o->size_ask, 8);
    snprintf(f->text[EF_PAUSED], 24, "%s", o->paused ? "y" : "n");
    put_num(f->text[EF_TTL], isnan(o->expires) ? NAN : ceil(o->expires - now), 0);
    memcpy(f->filled, f->text, sizeof f->filled);
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
    /* a number left as filled is the override's own, not its rounding */
    static const struct {
        ef_field k;
        size_t at;
    } exact[] = {{EF_SKEW, offsetof(ovr, skew_bps)}, {EF_HALF, offsetof(ovr, half_spread_bps)},
                 {EF_BID, offsetof(ovr, bid)},       {EF_ASK, offsetof(ovr, ask)},
                 {EF_SIZE_BID, offsetof(ovr, size_bid)}, {EF_SIZE_ASK, offsetof(ovr, size_ask)}};
    for (size_t i = 0; i < sizeof exact / sizeof *exact; i++) {
        double *dst = (double *)((char *)&o + exact[i].at);
        *dst = strcmp(f->text[exact[i].k], f->filled[exact[i].k]) == 0
                   ? *(const double *)((const char *)&f->current + exact[i].at)
                   : v[exact[i].k];
    }
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
