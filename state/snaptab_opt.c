/* snaptab_opt.c - the schema of the options desk's parts: the greeks ladder,
 * the stress matrix and scenarios, the P&L explain, and each instrument's
 * vol source, pool range and explain (see snaptab.h; the decoding rules are
 * at the top of snaptab.c). */
#include "invtop/snaptab.h"

#include <math.h>
#include <string.h>

#include "invtop/exposure.h"
#include "state/snaptab_in.h"

static const char *const vol_names[SNAP_STRESS_VOLS] = {"down", "same", "up"};

/* ---- number lists ---- */

static void write_nums(jw *w, const double *x, size_t n, int prec)
{
    jw_arr_begin(w);
    for (size_t k = 0; k < n; k++) {
        if (prec < 0)
            jw_num(w, x[k]);
        else
            jw_fixed(w, x[k], prec);
    }
    jw_arr_end(w);
}

/* An array of at most cap numbers at v into x, its length into *n. */
static int read_nums(const jr *r, int v, double *x, size_t cap, size_t *n)
{
    int e, m = jr_array(r, v, &e);
    if (m < 0)
        return -1;
    if ((size_t)m > cap)
        return jr_fail(r, v, "more than %zu numbers", cap);
    for (int k = 0; k < m; k++, e = r->next[e])
        if (jr_num(r, e, &x[k]) != 0)
            return -1;
    *n = (size_t)m;
    return 0;
}

/* ---- the ladder ---- */

static const sch_row cell_rows[] = {
    SCH_ROW(ladder_cell, "delta", SCH_NUM, delta, .doc = "delta in underlying units"),
    SCH_ROW(ladder_cell, "delta_usd", SCH_FIXED, delta_usd, .prec = 2, .unit = "USD", .doc = "delta x underlying price"),
    SCH_ROW(ladder_cell, "gamma_usd", SCH_FIXED, gamma_usd, .prec = 2, .unit = "USD",
            .doc = "dollar gamma: change of delta_usd for a 1% move (gamma S^2 / 100)"),
    SCH_ROW(ladder_cell, "vega", SCH_FIXED, vega, .prec = 2, .unit = "USD", .doc = "per vol point"),
    SCH_ROW(ladder_cell, "theta", SCH_FIXED, theta, .prec = 2, .unit = "USD", .doc = "per day"),
};
static const sch_table cell_table = {"ladder.rows[].buckets[]", sizeof(ladder_cell), cell_rows, SCH_NROWS(cell_rows),
                                     NULL};

static size_t count_cells(const void *base, const snap *s)
{
    (void)s;
    return ((const snap_ladder_row *)base)->ncells;
}

static void *elem_cell(const void *base, const snap *s, size_t k)
{
    (void)s;
    snap_ladder_row *r = (snap_ladder_row *)base;
    return k < r->ncells ? &r->cell[k] : NULL;
}

static int resize_cells(void *base, snap *s, size_t n)
{
    (void)s;
    ((snap_ladder_row *)base)->ncells = n;
    return 0;
}

/* The row's total: its cells' rows at the same offsets from r->total. */
static void write_total(jw *w, const void *base, const snap *s)
{
    sch_write(w, &cell_table, &((const snap_ladder_row *)base)->total, s);
}

static int read_total(const jr *r, int v, void *base, snap *s)
{
    return sch_read(r, v, &cell_table, &((snap_ladder_row *)base)->total, s);
}

static bool row_of_book(const void *base)
{
    return !((const snap_ladder_row *)base)->all_books;
}

static int ladder_row_finish(const jr *r, const int *tok, void *base, snap *s)
{
    (void)s;
    snap_ladder_row *x = base;
    x->all_books = tok[0] < 0 || jr_is_null(r, tok[0]); /* absent: the all-books row */
    return 0;
}

static const sch_row ladder_row_rows[] = {
    SCH_ROW(snap_ladder_row, "book", SCH_STR, book, .present = row_of_book,
            .doc = "the book (\"\": positions without one; absent: all books)"),
    SCH_ROW(snap_ladder_row, "underlying", SCH_STR, underlying, .doc = "the underlying"),
    {.key = "buckets", .type = SCH_ARR, .sub = &cell_table, .count = count_cells, .elem = elem_cell,
     .resize = resize_cells, .max = LADDER_MAX_BUCKETS, .keep_first = true,
     .doc = "greeks per expiry bucket, in ladder.buckets' order"},
    {.key = "total", .type = SCH_CUSTOM, .write = write_total, .read = read_total, .unit = "object",
     .doc = "the row's sum over its buckets"},
};
static const sch_table ladder_row_table = {"ladder.rows[]", sizeof(snap_ladder_row), ladder_row_rows,
                                           SCH_NROWS(ladder_row_rows), ladder_row_finish};

static void write_bucket_labels(jw *w, const void *base, const snap *s)
{
    (void)base;
    char label[LADDER_LABEL];
    jw_arr_begin(w);
    for (size_t k = 0; k < s->ladder.nbuckets; k++) {
        ladder_label(&s->ladder, k, label);
        jw_str(w, label);
    }
    jw_arr_end(w);
}

/* Upper bounds in days, the open last one null (JSON has no infinity). */
static void write_bucket_days(jw *w, const void *base, const snap *s)
{
    (void)base;
    jw_arr_begin(w);
    for (size_t k = 0; k < s->ladder.nbuckets; k++)
        jw_num(w, isinf(s->ladder.upper_days[k]) ? NAN : s->ladder.upper_days[k]);
    jw_arr_end(w);
}

static int read_bucket_days(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    size_t n = 0;
    if (read_nums(r, v, s->ladder.upper_days, LADDER_MAX_BUCKETS, &n) != 0)
        return -1;
    for (size_t k = 0; k < n; k++)
        if (isnan(s->ladder.upper_days[k]))
            s->ladder.upper_days[k] = INFINITY;
    s->ladder.nbuckets = n;
    return 0;
}

static size_t count_ladder(const void *base, const snap *s)
{
    (void)base;
    return s->nladder;
}

static void *elem_ladder(const void *base, const snap *s, size_t k)
{
    (void)base;
    return k < s->nladder ? (void *)&s->ladder_rows[k] : NULL;
}

static int resize_ladder(void *base, snap *s, size_t n)
{
    (void)base;
    for (size_t k = s->nladder; k < n; k++)
        memset(&s->ladder_rows[k], 0, sizeof s->ladder_rows[k]);
    s->nladder = n;
    return 0;
}

static const sch_row ladder_rows[] = {
    {.key = "buckets", .type = SCH_CUSTOM, .write = write_bucket_labels, .read = snaptab_read_nothing,
     .unit = "[string]", .doc = "the expiry buckets' labels (spot, perpetuals, pools: the first)"},
    {.key = "bucket_days", .type = SCH_CUSTOM, .write = write_bucket_days, .read = read_bucket_days,
     .unit = "[days]", .doc = "each bucket's upper bound in days to expiry (null: open)"},
    {.key = "rows", .type = SCH_ARR, .sub = &ladder_row_table, .count = count_ladder, .elem = elem_ladder,
     .resize = resize_ladder, .max = SNAP_LADDER_ROWS, .keep_first = true,
     .doc = "per underlying for all books, then per book and underlying"},
};
const sch_table snaptab_ladder_table = {"ladder", sizeof(snap), ladder_rows, SCH_NROWS(ladder_rows), NULL};

/* ---- the stress matrix ---- */

static void write_grid_pnl(jw *w, const void *base, const snap *s)
{
    const snap_stress *g = base;
    jw_arr_begin(w);
    for (int v = 0; v < SNAP_STRESS_VOLS; v++)
        write_nums(w, g->pnl[v], s->nstress_moves, 2);
    jw_arr_end(w);
}

static int read_grid_pnl(const jr *r, int v, void *base, snap *s)
{
    (void)s;
    snap_stress *g = base;
    int e, m = jr_array(r, v, &e);
    if (m <= 0)
        return m; /* absent or null: no grid */
    if (m != SNAP_STRESS_VOLS)
        return jr_fail(r, v, "expected %d rows (down, same, up)", SNAP_STRESS_VOLS);
    for (int k = 0; k < m; k++, e = r->next[e]) {
        size_t n;
        if (read_nums(r, e, g->pnl[k], SNAP_STRESS_MOVES, &n) != 0)
            return -1;
    }
    return 0;
}

static void write_grid_ext(jw *w, const void *base, const snap *s)
{
    write_nums(w, ((const snap_stress *)base)->ext, s->nstress_ext, 2);
}

static int read_grid_ext(const jr *r, int v, void *base, snap *s)
{
    (void)s;
    size_t n;
    return read_nums(r, v, ((snap_stress *)base)->ext, SNAP_STRESS_MOVES, &n);
}

static const sch_row worst_rows[] = {
    SCH_ROW(snap_stress, "pnl", SCH_FIXED, worst_pnl, .prec = 2, .unit = "USD", .doc = "the grid's lowest P&L"),
    SCH_ROW(snap_stress, "move", SCH_NUM, worst_move, .doc = "its move (a fraction)"),
    SCH_ROW(snap_stress, "vol", SCH_ENUM, worst_vol, .names = vol_names, .nnames = SNAP_STRESS_VOLS,
            .what = "vol scenario", .doc = "its vol scenario"),
    SCH_ROW(snap_stress, "instrument", SCH_STRNULL, worst_inst,
            .doc = "the position losing most in that cell (null: none held)"),
    SCH_ROW(snap_stress, "instrument_pnl", SCH_FIXED, worst_inst_pnl, .prec = 2, .unit = "USD",
            .doc = "its P&L there"),
};
static const sch_table worst_table = {"stress.portfolio.worst", sizeof(snap_stress), worst_rows,
                                      SCH_NROWS(worst_rows), NULL};

static const sch_row grid_rows[] = {
    SCH_ROW(snap_stress, "name", SCH_STR, name, .doc = "the underlying or book (\"\" for the portfolio)"),
    {.key = "pnl", .type = SCH_CUSTOM, .write = write_grid_pnl, .read = read_grid_pnl, .unit = "[[USD]]",
     .doc = "P&L per vol scenario (stress.vols), one per move (stress.moves)"},
    {.key = "extended", .type = SCH_CUSTOM, .write = write_grid_ext, .read = read_grid_ext, .unit = "[USD]",
     .doc = "P&L per extended move, vol up"},
    {.key = "worst", .type = SCH_OBJ, .sub = &worst_table, .doc = "the worst cell"},
};
static const sch_table grid_table = {"stress.portfolio", sizeof(snap_stress), grid_rows, SCH_NROWS(grid_rows), NULL};

static void write_port_grid(jw *w, const void *base, const snap *s)
{
    (void)base;
    sch_write(w, &grid_table, &s->stress_port, s);
}

static int read_port_grid(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    return sch_read(r, v, &grid_table, &s->stress_port, s);
}

static void write_moves(jw *w, const void *base, const snap *s)
{
    (void)base;
    write_nums(w, s->stress_moves, s->nstress_moves, -1);
}

static int read_moves(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    return read_nums(r, v, s->stress_moves, SNAP_STRESS_MOVES, &s->nstress_moves);
}

static void write_ext_moves(jw *w, const void *base, const snap *s)
{
    (void)base;
    write_nums(w, s->stress_ext_moves, s->nstress_ext, -1);
}

static int read_ext_moves(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    return read_nums(r, v, s->stress_ext_moves, SNAP_STRESS_MOVES, &s->nstress_ext);
}

static void write_vols(jw *w, const void *base, const snap *s)
{
    (void)base;
    (void)s;
    jw_arr_begin(w);
    for (int v = 0; v < SNAP_STRESS_VOLS; v++)
        jw_str(w, vol_names[v]);
    jw_arr_end(w);
}

#define PART_ARRAY(name, arr, count)                                                   \
    static size_t count_##name(const void *base, const snap *s)                        \
    {                                                                                  \
        (void)base;                                                                    \
        return s->count;                                                               \
    }                                                                                  \
    static void *elem_##name(const void *base, const snap *s, size_t k)                \
    {                                                                                  \
        (void)base;                                                                    \
        return k < s->count ? (void *)&s->arr[k] : NULL;                               \
    }                                                                                  \
    static int resize_##name(void *base, snap *s, size_t n)                            \
    {                                                                                  \
        (void)base;                                                                    \
        s->count = n;                                                                  \
        return 0;                                                                      \
    }
PART_ARRAY(stress_und, stress_und, nstress_und)
PART_ARRAY(stress_books, stress_books, nstress_books)
PART_ARRAY(scenarios, stress_named, nstress_named)

static const sch_row scen_rows[] = {
    SCH_ROW(snap_scenario, "name", SCH_STR, name, .doc = "its name ([scenario NAME])"),
    SCH_ROW(snap_scenario, "pnl", SCH_FIXED, pnl, .prec = 2, .unit = "USD", .doc = "the portfolio's P&L under it"),
    SCH_ROW(snap_scenario, "instrument", SCH_STRNULL, worst_inst, .doc = "the position losing most (null: none)"),
    SCH_ROW(snap_scenario, "instrument_pnl", SCH_FIXED, worst_inst_pnl, .prec = 2, .unit = "USD",
            .doc = "its P&L"),
};
static const sch_table scen_table = {"stress.scenarios[]", sizeof(snap_scenario), scen_rows, SCH_NROWS(scen_rows),
                                     NULL};

static const sch_row stress_rows[] = {
    SCH_ROW(snap, "computed_at", SCH_FIXED, stress_at, .prec = 3, .unit = "s", .doc = "event time of the grids"),
    {.key = "moves", .type = SCH_CUSTOM, .write = write_moves, .read = read_moves, .unit = "[fraction]",
     .doc = "the underlying moves, the grid's columns"},
    {.key = "vols", .type = SCH_CUSTOM, .write = write_vols, .read = snaptab_read_nothing, .unit = "[string]",
     .doc = "the vol scenarios, the grid's rows: [\"down\",\"same\",\"up\"]"},
    {.key = "extended_moves", .type = SCH_CUSTOM, .write = write_ext_moves, .read = read_ext_moves,
     .unit = "[fraction]", .doc = "extra moves, valued with vol up"},
    {.key = "portfolio", .type = SCH_CUSTOM, .write = write_port_grid, .read = read_port_grid, .unit = "object",
     .doc = "the whole portfolio's grid: name, pnl, extended, worst"},
    {.key = "underlyings", .type = SCH_ARR, .sub = &grid_table, .count = count_stress_und, .elem = elem_stress_und,
     .resize = resize_stress_und, .max = SNAP_STRESS_PARTS, .keep_first = true,
     .doc = "the grid per underlying held (as portfolio)"},
    {.key = "books", .type = SCH_ARR, .sub = &grid_table, .count = count_stress_books, .elem = elem_stress_books,
     .resize = resize_stress_books, .max = SNAP_STRESS_PARTS, .keep_first = true,
     .doc = "the grid per book (as portfolio)"},
    {.key = "scenarios", .type = SCH_ARR, .sub = &scen_table, .count = count_scenarios, .elem = elem_scenarios,
     .resize = resize_scenarios, .max = SNAP_SCENARIOS, .keep_first = true, .doc = "named scenarios"},
};

static bool stress_null(const void *base)
{
    return isnan(((const snap *)base)->stress_at);
}
const sch_table snaptab_stress_table = {"stress", sizeof(snap), stress_rows, SCH_NROWS(stress_rows), NULL};

bool snaptab_stress_null(const void *base)
{
    return stress_null(base);
}

/* ---- the P&L explain ---- */

static bool second_order(const void *base)
{
    return ((const snap *)base)->explain_second_order;
}

/* An explain object's rows for terms at member M of struct T; vanna and
 * volga present when P says (NULL: always). */
#define EXPL_ROWS(T, M, P)                                                                                       \
    SCH_ROW(T, "start", SCH_FIXED, M.start, .prec = 3, .unit = "s", .doc = "event time it starts (null: none yet)"), \
    SCH_ROW(T, "end", SCH_FIXED, M.end, .prec = 3, .unit = "s", .doc = "event time it ends"),                    \
    SCH_ROW(T, "delta", SCH_FIXED, M.term[EXPL_DELTA], .prec = 4, .unit = "USD", .doc = "delta x underlying move"), \
    SCH_ROW(T, "gamma", SCH_FIXED, M.term[EXPL_GAMMA], .prec = 4, .unit = "USD", .doc = "gamma x move^2 / 2"),  \
    SCH_ROW(T, "vega", SCH_FIXED, M.term[EXPL_VEGA], .prec = 4, .unit = "USD", .doc = "vega x vol change"),     \
    SCH_ROW(T, "theta", SCH_FIXED, M.term[EXPL_THETA], .prec = 4, .unit = "USD", .doc = "theta x time"),        \
    SCH_ROW(T, "vanna", SCH_FIXED, M.term[EXPL_VANNA], .prec = 4, .unit = "USD", .present = P,                 \
            .doc = "vanna x move x vol change (when on)"),                                                       \
    SCH_ROW(T, "volga", SCH_FIXED, M.term[EXPL_VOLGA], .prec = 4, .unit = "USD", .present = P,                 \
            .doc = "volga x vol change^2 / 2 (when on)"),                                                        \
    SCH_ROW(T, "unexplained", SCH_FIXED, M.term[EXPL_UNEXPLAINED], .prec = 4, .unit = "USD",                   \
            .doc = "full revaluation of the positions held at the start minus the terms above"),                 \
    SCH_ROW(T, "new_trades", SCH_FIXED, M.term[EXPL_NEW_TRADES], .prec = 4, .unit = "USD",                     \
            .doc = "actual minus that revaluation, fees apart"),                                                 \
    SCH_ROW(T, "fees", SCH_FIXED, M.term[EXPL_FEES], .prec = 4, .unit = "USD", .doc = "minus the fees paid"),   \
    SCH_ROW(T, "total", SCH_FIXED, M.term[EXPL_TOTAL], .prec = 4, .unit = "USD",                               \
            .doc = "the actual P&L change: the sum of the terms")

static const sch_row expl_last_rows[] = {EXPL_ROWS(snap, explain_last, second_order)};
static const sch_row expl_current_rows[] = {EXPL_ROWS(snap, explain_current, second_order)};
static const sch_row expl_session_rows[] = {EXPL_ROWS(snap, explain_session, second_order)};
static const sch_table expl_last_table = {"explain.last", sizeof(snap), expl_last_rows, SCH_NROWS(expl_last_rows),
                                          NULL};
static const sch_table expl_current_table = {"explain.current", sizeof(snap), expl_current_rows,
                                             SCH_NROWS(expl_current_rows), NULL};
static const sch_table expl_session_table = {"explain.session", sizeof(snap), expl_session_rows,
                                             SCH_NROWS(expl_session_rows), NULL};

static const sch_row explain_rows[] = {
    SCH_ROW(snap, "horizon_s", SCH_NUM, explain_horizon_s, .unit = "s", .doc = "the horizon's length"),
    SCH_ROW(snap, "second_order", SCH_BOOL, explain_second_order, .doc = "vanna and volga are terms"),
    {.key = "last", .type = SCH_OBJ, .sub = &expl_last_table, .doc = "the last complete horizon"},
    {.key = "current", .type = SCH_OBJ, .sub = &expl_current_table, .doc = "the open horizon so far"},
    {.key = "session", .type = SCH_OBJ, .sub = &expl_session_table, .doc = "since the engine started"},
};
const sch_table snaptab_explain_table = {"explain", sizeof(snap), explain_rows, SCH_NROWS(explain_rows), NULL};

/* ---- per instrument ---- */

static const sch_row inst_expl_last_rows[] = {EXPL_ROWS(snap_inst, explain_last, NULL)};
static const sch_row inst_expl_session_rows[] = {EXPL_ROWS(snap_inst, explain_session, NULL)};
static const sch_table inst_expl_last_table = {"instruments[].explain.last", sizeof(snap_inst), inst_expl_last_rows,
                                               SCH_NROWS(inst_expl_last_rows), NULL};
static const sch_table inst_expl_session_table = {"instruments[].explain.session", sizeof(snap_inst),
                                                  inst_expl_session_rows, SCH_NROWS(inst_expl_session_rows), NULL};
static const sch_row inst_expl_rows[] = {
    {.key = "last", .type = SCH_OBJ, .sub = &inst_expl_last_table, .doc = "the last complete horizon"},
    {.key = "session", .type = SCH_OBJ, .sub = &inst_expl_session_table, .doc = "since the engine started"},
};
const sch_table snaptab_inst_explain_table = {"instruments[].explain", sizeof(snap_inst), inst_expl_rows,
                                              SCH_NROWS(inst_expl_rows), NULL};

bool snaptab_inst_explained(const void *base)
{
    const snap_inst *x = base;
    return !isnan(x->explain_session.start);
}

/* No upper bound (a full range) is written null: JSON has no infinity. */
static double get_upper(const void *base)
{
    const double u = ((const snap_inst *)base)->lp_upper;
    return isinf(u) ? NAN : u;
}

static int lp_finish(const jr *r, const int *tok, void *base, snap *s)
{
    (void)s;
    snap_inst *x = base;
    if (tok[1] < 0 || jr_is_null(r, tok[1]))
        x->lp_upper = INFINITY;
    return 0;
}

static const sch_row lp_rows[] = {
    SCH_ROW(snap_inst, "lower", SCH_NUM, lp_lower, .doc = "the range's lower bound (quote per base)"),
    SCH_ROW(snap_inst, "upper", SCH_NUM, lp_upper, .get = get_upper, .doc = "its upper bound (null: none)"),
    SCH_ROW(snap_inst, "base", SCH_NUM, lp_base, .doc = "base amount held (the delta)"),
    SCH_ROW(snap_inst, "quote", SCH_NUM, lp_quote, .doc = "quote amount held"),
    SCH_ROW(snap_inst, "in_range", SCH_BOOL, lp_in_range, .doc = "lower <= price < upper: the liquidity is active"),
    SCH_ROW(snap_inst, "il_usd", SCH_FIXED, lp_il, .prec = 2, .unit = "USD",
            .doc = "impermanent loss: value minus holding the amounts deposited at avg_px (<= 0)"),
};
const sch_table snaptab_inst_lp_table = {"instruments[].lp", sizeof(snap_inst), lp_rows, SCH_NROWS(lp_rows),
                                         lp_finish};

bool snaptab_inst_is_lp(const void *base)
{
    return ((const snap_inst *)base)->kind == INST_LP;
}

bool snaptab_inst_is_option(const void *base)
{
    return ((const snap_inst *)base)->kind == INST_OPTION;
}

const char *snaptab_iv_source_name(int v)
{
    return expo_iv_source_name((expo_iv_source)v);
}
