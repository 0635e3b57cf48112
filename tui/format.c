/* format.c - numbers and glyphs to cells (see format.h). */
#include "tui/format.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static int fill(char *out, size_t cap, char c, int width)
{
    int n = width < (int)cap - 1 ? width : (int)cap - 1;
    if (n < 0)
        n = 0;
    memset(out, c, (size_t)n);
    out[n] = '\0';
    return n;
}

int fmt_number(char *out, size_t cap, double v, int decimals, int width)
{
    char tmp[64];
    if (cap == 0)
        return 0;
    if (isnan(v)) {
        int n = snprintf(out, cap, "%*s", width, "-");
        return n < (int)cap ? n : (int)cap - 1;
    }
    if (fabs(v) * pow(10, decimals) < 0.5)
        v = 0; /* never "-0.00" */
    int n = snprintf(tmp, sizeof tmp, "%*.*f", width, decimals, v);
    if (n <= width && n < (int)cap) {
        memcpy(out, tmp, (size_t)n + 1);
        return n;
    }
    static const char suffix[] = "kMBT";
    double scaled = v;
    for (int s = 0; s < 4; s++) {
        scaled /= 1000;
        for (int d = decimals; d >= 0; d--) {
            n = snprintf(tmp, sizeof tmp, "%*.*f%c", width - 1, d, scaled, suffix[s]);
            if (n <= width && n < (int)cap) {
                memcpy(out, tmp, (size_t)n + 1);
                return n;
            }
        }
    }
    return fill(out, cap, '#', width);
}

int fmt_aligned(char *out, size_t cap, double v, int decimals, int frac_cells, int width)
{
    if (decimals > frac_cells)
        decimals = frac_cells;
    int pad = frac_cells - decimals + (decimals == 0 && frac_cells > 0 ? 1 : 0);
    int n = fmt_number(out, cap, v, decimals, width - pad);
    if (n + pad > width || (size_t)(n + pad) >= cap)
        return n;
    memset(out + n, ' ', (size_t)pad);
    out[n + pad] = '\0';
    return n + pad;
}

int fmt_price_decimals(double price, double tick)
{
    if (tick > 0) {
        int d = (int)ceil(-log10(tick) - 1e-9);
        return d < 0 ? 0 : d > 6 ? 6 : d;
    }
    double a = fabs(price);
    return isnan(a) ? 2 : a >= 1000 ? 2 : a >= 10 ? 3 : a >= 1 ? 4 : 6;
}

int fmt_compact(char *out, size_t cap, double v)
{
    static const char suffix[] = " kMBT";
    if (isnan(v))
        return snprintf(out, cap, "-");
    int s = 0;
    /* the bounds are where rounding carries: 999.7 is "1.00k", 99.96k "100k" */
    while (fabs(v) >= 999.5 && s < 4) {
        v /= 1000;
        s++;
    }
    if (s == 0 && fabs(v) < 0.5)
        v = 0; /* never "-0" */
    int n = s == 0 ? snprintf(out, cap, "%.0f", v)
                   : snprintf(out, cap, fabs(v) < 9.995 ? "%.2f%c" : fabs(v) < 99.95 ? "%.1f%c" : "%.0f%c",
                              v, suffix[s]);
    return n < (int)cap ? n : (int)cap - 1;
}

int fmt_abbrev(char *out, size_t cap, double v, bool fractional, int width)
{
    char tmp[64];
    if (cap == 0)
        return 0;
    const double a = fabs(v);
    if (isnan(v))
        snprintf(tmp, sizeof tmp, "-");
    else if (!fractional || a >= 999.5)
        fmt_compact(tmp, sizeof tmp, v);
    else if (a < 0.0005)
        snprintf(tmp, sizeof tmp, "0"); /* never "-0.000" */
    else /* three significant digits; the bounds are where rounding carries */
        snprintf(tmp, sizeof tmp, a >= 99.95 ? "%.0f" : a >= 9.995 ? "%.1f" : a >= 0.9995 ? "%.2f" : "%.3f", v);
    const int n = (int)strlen(tmp);
    if (n > width || width >= (int)cap) /* a cut number would be another number */
        return fill(out, cap, '#', width);
    const int w = snprintf(out, cap, "%*s", width, tmp);
    return w < (int)cap ? w : (int)cap - 1;
}

/* Append a glyph (1 cell) to out at byte offset *o, if it fits. */
static void put_glyph(char *out, size_t cap, size_t *o, const char *g)
{
    size_t len = strlen(g);
    if (*o + len + 1 > cap)
        return;
    memcpy(out + *o, g, len);
    *o += len;
    out[*o] = '\0';
}

int fmt_bar(char *out, size_t cap, double frac, int width, bool utf8)
{
    static const char *const eighths[] = {"", "\u258f", "\u258e", "\u258d", "\u258c",
                                          "\u258b", "\u258a", "\u2589"};
    size_t o = 0;
    if (cap == 0)
        return 0;
    out[0] = '\0';
    if (!(frac > 0))
        frac = 0;
    if (frac > 1)
        frac = 1;
    int cells = 0;
    double units = frac * width * (utf8 ? 8 : 1);
    int whole = (int)(units / (utf8 ? 8 : 1));
    for (; cells < whole && cells < width; cells++)
        put_glyph(out, cap, &o, utf8 ? "\u2588" : "#");
    if (utf8 && cells < width) {
        int part = (int)fmod(units, 8);
        if (part > 0) {
            put_glyph(out, cap, &o, eighths[part]);
            cells++;
        }
    }
    for (; cells < width; cells++)
        put_glyph(out, cap, &o, " ");
    return cells;
}

int fmt_sparkline(char *out, size_t cap, const double *vals, size_t n, int width, bool utf8)
{
    static const char *const blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                         "\u2585", "\u2586", "\u2587", "\u2588"};
    static const char ascii[] = " .-=+*#@";
    size_t o = 0, start = n > (size_t)width ? n - (size_t)width : 0;
    if (cap == 0)
        return 0;
    out[0] = '\0';
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = start; i < n; i++)
        if (!isnan(vals[i])) {
            lo = fmin(lo, vals[i]);
            hi = fmax(hi, vals[i]);
        }
    int cells = 0;
    for (size_t i = start; i < n && cells < width; i++, cells++) {
        double v = vals[i];
        if (isnan(v)) {
            put_glyph(out, cap, &o, " ");
            continue;
        }
        int level = hi > lo ? (int)floor((v - lo) / (hi - lo) * 7.999) : 3;
        if (utf8) {
            put_glyph(out, cap, &o, blocks[level]);
        } else {
            char g[2] = {ascii[level], '\0'};
            put_glyph(out, cap, &o, g);
        }
    }
    return cells;
}

size_t fmt_page_shown(unsigned long taken, size_t width)
{
    if (taken <= width)
        return (size_t)taken;
    size_t page = width / 2 > 0 ? width / 2 : 1;
    return width - page + 1 + (size_t)((taken - width - 1) % page);
}

size_t fmt_bin_of(double v, double lo, double hi, size_t bins)
{
    if (!(hi > lo) || !(v > lo))
        return 0;
    size_t b = (size_t)((v - lo) / (hi - lo) * (double)bins);
    return b >= bins ? bins - 1 : b;
}

unsigned fmt_histogram(const double *x, size_t n, double lo, double hi, unsigned *counts,
                       size_t bins)
{
    unsigned top = 0;
    memset(counts, 0, bins * sizeof *counts);
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]))
            continue;
        unsigned c = ++counts[fmt_bin_of(x[i], lo, hi, bins)];
        if (c > top)
            top = c;
    }
    return top;
}

int fmt_age(char *out, size_t cap, double s)
{
    int n;
    if (isnan(s) || s < 0)
        n = snprintf(out, cap, "-");
    else if (s < 10)
        n = snprintf(out, cap, "%.1fs", s);
    else if (s < 60)
        n = snprintf(out, cap, "%.0fs", floor(s));
    else if (s < 3600)
        n = snprintf(out, cap, "%dm%02ds", (int)(s / 60), (int)fmod(s, 60));
    else
        n = snprintf(out, cap, "%dh%02dm", (int)(s / 3600), (int)fmod(s / 60, 60));
    return n < (int)cap ? n : (int)cap - 1;
}

/* The dot rows (0 = bottom, up to 4 * height) a value fills from base. */
static void graph_span(double v, double lo, double hi, double base, int dots, int *from, int *to)
{
    double scale = dots / (hi - lo);
    double b = fmin(fmax(base, lo), hi), x = fmin(fmax(v, lo), hi);
    int lb = (int)lround((b - lo) * scale), lv = (int)lround((x - lo) * scale);
    if (lv == lb) { /* at least one dot, on the value's side of base */
        if (v > base || lb == 0)
            lv = lb + 1 <= dots ? lb + 1 : lb;
        else
            lv = lb - 1;
    }
    *from = lb < lv ? lb : lv;
    *to = lb < lv ? lv : lb; /* dots [from, to) */
    if (*to > dots)
        *to = dots;
}

#define GRAPH_MAX_COLS 1024 /* dot columns; wider graphs are cut */

int fmt_graph(char *out, size_t row_cap, int height, const double *vals, size_t n, int width, double lo,
              double hi, double base, double mark, bool utf8)
{
    if (width <= 0 || height <= 0 || row_cap == 0)
        return 0;
    if (!(hi > lo))
        hi = lo + 1;
    const int dots = 4 * height, per_cell = utf8 ? 2 : 1;
    if (width * per_cell > GRAPH_MAX_COLS)
        width = GRAPH_MAX_COLS / per_cell;
    const int cols = width * per_cell;
    /* each dot column's span [from, to), computed once for every row */
    int from[GRAPH_MAX_COLS], to[GRAPH_MAX_COLS];
    for (int k = 0; k < cols; k++) {
        size_t idx = n ? (size_t)((double)k * (double)n / cols) : 0;
        double v = n ? vals[idx < n ? idx : n - 1] : NAN;
        int f = 0, t = 0;
        if (!isnan(v))
            graph_span(v, lo, hi, base, dots, &f, &t);
        from[k] = f;
        to[k] = t;
    }
    int mark_row = -1; /* the row (from the top) the mark falls in */
    if (!isnan(mark) && mark >= lo && mark <= hi)
        mark_row = height - 1 - (int)fmin(floor((mark - lo) / (hi - lo) * dots), dots - 1) / 4;
    static const unsigned left[4] = {0x40, 0x04, 0x02, 0x01}, right[4] = {0x80, 0x20, 0x10, 0x08};
    for (int row = 0; row < height; row++) {
        char *line = out + (size_t)row * row_cap;
        size_t o = 0;
        line[0] = '\0';
        const int cell_lo = 4 * (height - 1 - row); /* this row's bottom dot */
        for (int c = 0; c < width; c++) {
            unsigned bits = 0, rows_on = 0; /* braille bits; ASCII: dot rows filled, bit d = row d */
            for (int k = 0; k < per_cell; k++) {
                int f = from[c * per_cell + k] - cell_lo, t = to[c * per_cell + k] - cell_lo;
                for (int d = f < 0 ? 0 : f; d < 4 && d < t; d++) {
                    rows_on |= 1u << d;
                    /* braille dot numbers, bottom to top: left 7 3 2 1, right 8 6 5 4 */
                    bits |= k == 0 ? left[d] : right[d];
                }
            }
            if (utf8 && bits) {
                unsigned cp = 0x2800 + bits;
                char g[4] = {(char)(0xe0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3f)), (char)(0x80 | (cp & 0x3f)), '\0'};
                put_glyph(line, row_cap, &o, g);
            } else if (!utf8 && rows_on) {
                put_glyph(line, row_cap, &o,
                          rows_on == 0xf                      ? "#"
                          : rows_on == 0x1 || rows_on == 0x3 ? "."
                          : rows_on == 0x8 || rows_on == 0xc ? "'"
                                                             : ":");
            } else {
                put_glyph(line, row_cap, &o, row == mark_row ? (utf8 ? "\u2508" : "-") : " ");
            }
        }
    }
    return width;
}

size_t fmt_graph_columns(const double *vals, size_t n, size_t cols, bool peak, double *out)
{
    assert(out && (vals || n == 0));
    for (size_t k = 0; k < cols; k++)
        out[k] = NAN;
    if (n == 0 || cols == 0)
        return 0;
    if (n <= cols) {
        size_t per = 1; /* a power of two: it changes as the series grows log2 times, not each point */
        while (2 * per * n <= cols)
            per *= 2;
        for (size_t k = 0; k < n * per; k++)
            out[k] = vals[k / per];
        return n * per;
    }
    size_t group = (n + cols - 1) / cols, used = (n + group - 1) / group;
    for (size_t k = 0; k < used; k++) {
        double v = NAN;
        for (size_t i = k * group; i < n && i < (k + 1) * group; i++)
            if (!isnan(vals[i]))
                v = peak && !isnan(v) ? fmax(v, vals[i]) : vals[i];
        out[k] = v;
    }
    return used;
}

double fmt_nice_ceil(double x)
{
    if (!(x > 0))
        return 0;
    double p = pow(10, floor(log10(x)));
    static const double steps[] = {1, 2, 5, 10};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (steps[i] * p >= x * (1 - 1e-12))
            return steps[i] * p;
    return 10 * p;
}

size_t fmt_wrap(const char *s, int width, size_t *next)
{
    size_t i = 0, brk = 0;
    int cells = 0;
    while (s[i] && cells < width) {
        if (s[i] == ' ')
            brk = i; /* break before this space */
        i++;
        while ((s[i] & 0xc0) == 0x80)
            i++;
        cells++;
    }
    size_t end = i;
    if (s[i] && s[i] != ' ' && brk > 0)
        end = brk; /* the line ends mid-word: break at the last space */
    else if (s[i] == ' ')
        end = i;
    size_t nx = end;
    while (s[nx] == ' ')
        nx++;
    while (end > 0 && s[end - 1] == ' ')
        end--;
    if (nx == 0 && s[0]) { /* no room at all: one character a line, never stuck */
        nx = 1;
        while ((s[nx] & 0xc0) == 0x80)
            nx++;
        end = nx;
    }
    *next = nx;
    return end;
}

int fmt_horizon(char *out, size_t cap, double h)
{
    int n;
    if (h >= 86400 && fmod(h, 86400) == 0)
        n = snprintf(out, cap, "%gd", h / 86400);
    else if (h >= 3600 && fmod(h, 3600) == 0)
        n = snprintf(out, cap, "%gh", h / 3600);
    else if (h >= 600 && fmod(h, 60) == 0)
        n = snprintf(out, cap, "%gm", h / 60);
    else
        n = snprintf(out, cap, "%gs", h);
    return n < (int)cap ? n : (int)cap - 1;
}
