/* format.h - numbers and glyphs to terminal cells, with no ncurses (prefix
 * fmt_). Every function writes a NUL-terminated string into out (cap bytes),
 * never wider than the `width` cells asked for, and returns its width in
 * cells. UTF-8 glyphs are used only when `utf8` is true; otherwise ASCII. */
#ifndef INVTOP_FORMAT_H
#define INVTOP_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

/* A number right-aligned in width cells with `decimals` decimals, so a
 * column of them lines up on the decimal point. Too wide: the same value with
 * a k/M/B/T suffix (the suffix takes the place of the last digit, so decimal
 * points still line up where they can); still too wide: '#' fill. NAN: "-". */
int fmt_number(char *out, size_t cap, double v, int decimals, int width);

/* A number whose decimal point sits at a fixed cell in a column even when
 * rows use different decimals: printed with `decimals` decimals, padded on
 * the right up to `frac_cells` decimals (and the point), right-aligned in
 * width. Falls back to fmt_number's rules when it does not fit. */
int fmt_aligned(char *out, size_t cap, double v, int decimals, int frac_cells, int width);

/* Decimals worth showing for a price: from the tick when known (0..6), else
 * from its magnitude. */
int fmt_price_decimals(double price, double tick);

/* A compact magnitude for tight spaces: "12.3k", "-1.20M", "950". */
int fmt_compact(char *out, size_t cap, double v);

/* A figure in a grid cell: right-aligned in width cells, at most 3
 * significant digits, the compact form (fmt_compact) from 1000 up.
 * fractional: below 1000 it keeps its decimals ("12.3", "0.050"), so a
 * delta of a twentieth of a coin is not rounded to 0; else whole units
 * below 1000, as money is shown ("-887"). Rounds to 0 below 0.0005 (whole:
 * 0.5), never "-0". NAN: "-". Too wide for width: '#' fill, never a cut
 * number. At most 6 cells up to a thousand trillion. */
int fmt_abbrev(char *out, size_t cap, double v, bool fractional, int width);

/* A horizontal bar filling frac (clamped to [0, 1]) of width cells, in
 * eighths with UTF-8 blocks, else '#'; the rest is spaces. */
int fmt_bar(char *out, size_t cap, double frac, int width, bool utf8);

/* The last `width` values of vals[0..n) as a sparkline scaled between their
 * minimum and maximum (a flat series is drawn at mid height). NAN values
 * are gaps (a space). UTF-8: eight block heights; ASCII: " .-=+*#@". */
int fmt_sparkline(char *out, size_t cap, const double *vals, size_t n, int width, bool utf8);

/* How many of the latest samples a strip `width` cells wide shows after
 * `taken` samples, one a cell: all while they fit, then it pages: when
 * full it drops its older half at once, so that a new sample writes one
 * cell instead of moving every cell (a scrolling strip redraws itself
 * with each sample). Between width - width / 2 + 1 and width (0 for
 * width 0). */
size_t fmt_page_shown(unsigned long taken, size_t width);

/* Count x[0..n) into `bins` equal bins over [lo, hi] (values outside go to
 * the end bins). Returns the largest count. */
unsigned fmt_histogram(const double *x, size_t n, double lo, double hi, unsigned *counts,
                       size_t bins);

/* The bin a value falls in, with the same rule as fmt_histogram. */
size_t fmt_bin_of(double v, double lo, double hi, size_t bins);

/* A btop-style graph of vals[0..n) (NAN: a gap) stretched over `width`
 * cells and `height` rows, scaled so lo is the bottom edge and hi the top:
 * each value fills from `base` (clamped into [lo, hi]) to itself, at least
 * one dot. UTF-8: braille, 2 x 4 dots a cell; ASCII: one value a cell, '#'
 * full, '.' or '\'' partly filled at the bottom or top, ':' both. Where
 * `mark` (NAN: none) falls, the row's empty cells show a dashed line. Row r
 * (0 = the top) is written at out + r * row_cap (row_cap bytes each, cut
 * short when too small). Returns the cells a row has (width), 0 when
 * width or height is not positive. */
int fmt_graph(char *out, size_t row_cap, int height, const double *vals, size_t n, int width, double lo,
              double hi, double base, double mark, bool utf8);

/* The values a graph of `cols` dot columns shows for a series that grows
 * at its end, mapped so that a new point changes the last columns, never
 * those before it (a stretched graph moves every column with each point,
 * and a terminal on a slow link pays for each): with n <= cols each point
 * takes the largest power of two of columns that fits n of them; with more, each column takes the next
 * ceil(n / cols) points, reduced to their largest (`peak`) or their last.
 * out[0..cols) is written; columns past the series are NAN. Returns the
 * columns filled. */
size_t fmt_graph_columns(const double *vals, size_t n, size_t cols, bool peak, double *out);

/* The smallest of 1, 2, 5 times a power of ten at or above x (x > 0), 0
 * for x <= 0: a graph's range moves in these steps, not with every new
 * extreme, so that it is redrawn rarely. */
double fmt_nice_ceil(double x);

/* Word wrap: how many bytes of s start a line of at most width cells
 * (UTF-8 aware), broken after the last space that fits (mid-word only when
 * one word is wider than the line); *next is where the following line
 * starts (spaces skipped), at the terminating NUL when s fits. */
size_t fmt_wrap(const char *s, int width, size_t *next);

/* A horizon as a risk manager says it: "60s", "10m", "1h", "1d" (whole
 * minutes from 10 minutes, whole hours, whole days). */
int fmt_horizon(char *out, size_t cap, double seconds);

/* A duration in seconds, short: "0.4s", "12s", "3m05s", "2h10m", "-". */
int fmt_age(char *out, size_t cap, double seconds);

#endif
