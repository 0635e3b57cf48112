/* test_optview.c - what the options desk's panels show of a snapshot, on
 * snapshots built by hand: the ladder's rows for all books or one, by name
 * or by |total| of each figure; which instruments a ladder cell sums; the
 * bucket window that fits a narrow panel; the stress grids paged
 * portfolio, underlyings, books and back; the worst cell's column; the
 * moves' and the explain's headers; and that every table fits the inner
 * width of an 80-column panel. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tui/optview.h"
#include "testutil.h"

#define DAY 86400.0
#define INNER_80 76 /* an 80-column panel's cells inside its box and padding */

/* A ladder row for book (NULL: all books) with a delta and $gamma in
 * bucket b and nothing elsewhere. */
static void add_row(snap *s, const char *bk, const char *und, size_t b, double delta, double gamma_usd)
{
    snap_ladder_row *r = &s->ladder_rows[s->nladder++];
    memset(r, 0, sizeof *r);
    r->all_books = bk == NULL;
    snprintf(r->book, sizeof r->book, "%s", bk ? bk : "");
    snprintf(r->underlying, sizeof r->underlying, "%s", und);
    r->ncells = s->ladder.nbuckets;
    r->cell[b].delta = r->total.delta = delta;
    r->cell[b].gamma_usd = r->total.gamma_usd = gamma_usd;
}

/* Books mm and vol; ladder rows for all books (ETH, BTC, SOL), and for mm
 * (BTC); instruments: BTC-PERP (no expiry, held 1 in mm), BTC-20D-C (20
 * days, 2 in vol), BTC-100D-C (100 days, flat), ETH-PERP (-5 in mm). */
static void fill(snap *s)
{
    snap_init(s);
    assert_int_equal(snap_reserve(s, 4, 2, 2, 3, 0), 0);
    s->ts = 1000;
    ladder_default_params(&s->ladder);
    s->nbooks = 2;
    snprintf(s->books[0].name, sizeof s->books[0].name, "mm");
    snprintf(s->books[1].name, sizeof s->books[1].name, "vol");
    add_row(s, NULL, "ETH", 0, -5, 0);
    add_row(s, NULL, "BTC", 2, 3, -250);
    add_row(s, NULL, "SOL", 0, 0.5, 40);
    add_row(s, "mm", "BTC", 0, 1, 0);
    static const struct {
        const char *id, *und;
        double expiry_days, qty;
        long bk;
    } in[] = {{"BTC-PERP", "BTC", NAN, 1, 0}, {"BTC-20D-C", "BTC", 20, 2, 1}, {"BTC-100D-C", "BTC", 100, 0, -1},
              {"ETH-PERP", "ETH", NAN, -5, 0}};
    s->ninst = 4;
    for (size_t i = 0; i < 4; i++) {
        snap_inst *x = &s->inst[i];
        memset(x, 0, sizeof *x);
        snprintf(x->id, sizeof x->id, "%s", in[i].id);
        snprintf(x->underlying, sizeof x->underlying, "%s", in[i].und);
        x->expiry = isnan(in[i].expiry_days) ? NAN : s->ts + in[i].expiry_days * DAY;
        x->qty = in[i].qty;
        x->first_holding = s->nholdings;
        if (in[i].bk >= 0) {
            s->holdings[s->nholdings] = (snap_holding){.book = (size_t)in[i].bk, .qty = in[i].qty};
            s->nholdings++;
            x->nholdings = 1;
        }
    }
}

static void ladder_rows_and_order(void **state)
{
    (void)state;
    snap s;
    fill(&s);
    size_t out[SNAP_LADDER_ROWS];
    /* all books: the all-books rows only, by name */
    assert_int_equal(optv_ladder_rows(&s, -1, OPTV_DELTA, OPTV_BY_NAME, out), 3);
    assert_string_equal(s.ladder_rows[out[0]].underlying, "BTC");
    assert_string_equal(s.ladder_rows[out[1]].underlying, "ETH");
    assert_string_equal(s.ladder_rows[out[2]].underlying, "SOL");
    /* by |total| of the figure shown: delta |-5| > 3 > 0.5; $gamma |-250| > 40 > 0 */
    optv_ladder_rows(&s, -1, OPTV_DELTA, OPTV_BY_TOTAL, out);
    assert_string_equal(s.ladder_rows[out[0]].underlying, "ETH");
    assert_string_equal(s.ladder_rows[out[1]].underlying, "BTC");
    assert_string_equal(s.ladder_rows[out[2]].underlying, "SOL");
    optv_ladder_rows(&s, -1, OPTV_GAMMA_USD, OPTV_BY_TOTAL, out);
    assert_string_equal(s.ladder_rows[out[0]].underlying, "BTC");
    assert_string_equal(s.ladder_rows[out[1]].underlying, "SOL");
    assert_string_equal(s.ladder_rows[out[2]].underlying, "ETH");
    /* a book: its own rows only; a book without rows: none */
    assert_int_equal(optv_ladder_rows(&s, 0, OPTV_DELTA, OPTV_BY_NAME, out), 1);
    assert_string_equal(s.ladder_rows[out[0]].book, "mm");
    assert_int_equal(optv_ladder_rows(&s, 1, OPTV_DELTA, OPTV_BY_NAME, out), 0);
    /* the figures read from a cell */
    const ladder_cell c = {1, 2, 3, 4, 5};
    for (int f = 0; f < OPTV_FIGS; f++)
        assert_true(optv_fig_value(&c, (optv_fig)f) == f + 1);
    assert_true(optv_fig_fractional(OPTV_DELTA) && !optv_fig_fractional(OPTV_VEGA));
    snap_free(&s);
}

/* A cell sums the instruments of its underlying in its bucket that are
 * held (by the book shown); the total, every bucket. */
static void cells_select_their_positions(void **state)
{
    (void)state;
    snap s;
    fill(&s);
    assert_int_equal(optv_bucket_of(&s, &s.inst[0]), 0); /* no expiry: the first bucket */
    assert_int_equal(optv_bucket_of(&s, &s.inst[1]), 2); /* 20 days: 7-30d */
    assert_int_equal(optv_bucket_of(&s, &s.inst[2]), 4); /* 100 days: 90d+ */
    assert_true(optv_in_ladder_cell(&s, -1, 1, "BTC", 2));
    assert_false(optv_in_ladder_cell(&s, -1, 0, "BTC", 2));   /* another bucket */
    assert_false(optv_in_ladder_cell(&s, -1, 2, "BTC", 4));   /* flat: the ladder sums nothing of it */
    assert_false(optv_in_ladder_cell(&s, -1, 3, "BTC", -1));  /* another underlying */
    assert_true(optv_in_ladder_cell(&s, -1, 0, "BTC", -1));   /* the total: any bucket */
    assert_true(optv_in_ladder_cell(&s, 0, 0, "BTC", -1));    /* mm holds the perp */
    assert_false(optv_in_ladder_cell(&s, 0, 1, "BTC", -1));   /* the option is vol's */
    assert_true(optv_in_ladder_cell(&s, 1, 1, "BTC", 2));
    char w[64];
    optv_cell_words(&s, "BTC", 2, w, sizeof w);
    assert_string_equal(w, "BTC 7-30d");
    optv_cell_words(&s, "BTC", -1, w, sizeof w);
    assert_string_equal(w, "BTC every expiry");
    /* a bucket crossed as time passes: the option is 5 days out 15 days later */
    s.ts += 15 * DAY;
    assert_false(optv_in_ladder_cell(&s, -1, 1, "BTC", 2));
    assert_true(optv_in_ladder_cell(&s, -1, 1, "BTC", 1));
    snap_free(&s);
}

/* Every table fits an 80-column panel: the ladder with the most buckets
 * there can be, the default stress grid and its extended moves, the
 * explain with its second-order terms. Narrower, the ladder pages its
 * buckets around the cursor. */
static void tables_fit_80_columns(void **state)
{
    (void)state;
    assert_int_equal(optv_ladder_fit(INNER_80, 5), 5);
    assert_int_equal(optv_ladder_fit(INNER_80, LADDER_MAX_BUCKETS), LADDER_MAX_BUCKETS);
    assert_true(optv_grid_width(9) <= INNER_80);  /* -16%..+16% */
    assert_true(optv_grid_width(8) <= INNER_80);  /* the extended moves */
    snap s;
    snap_init(&s);
    expl_term t[EXPL_NTERMS];
    s.explain_second_order = true;
    const size_t n = optv_explain_terms(&s, t);
    assert_int_equal(n, EXPL_NTERMS);
    assert_true(4 + (int)n * OPTV_GRID_CELL_W <= INNER_80);
    s.explain_second_order = false;
    assert_int_equal(optv_explain_terms(&s, t), EXPL_NTERMS - 2);
    for (size_t k = 0; k < EXPL_NTERMS - 2; k++)
        assert_true(t[k] != EXPL_VANNA && t[k] != EXPL_VOLGA);
    for (int k = 0; k < EXPL_NTERMS; k++)
        assert_true(strlen(optv_term_label((expl_term)k)) < OPTV_GRID_CELL_W);
    /* 36 cells (a 40-column panel): two buckets and the total */
    assert_int_equal(optv_ladder_fit(36, 5), 2);
    assert_int_equal(optv_ladder_fit(20, 5), 0);
    /* the window follows the cursor, moving no more than it must */
    assert_int_equal(optv_ladder_first(2, 5, 0, 0), 0);
    assert_int_equal(optv_ladder_first(2, 5, 2, 0), 1);
    assert_int_equal(optv_ladder_first(2, 5, 4, 1), 3);
    assert_int_equal(optv_ladder_first(2, 5, 3, 3), 3);
    assert_int_equal(optv_ladder_first(2, 5, 5, 3), 3); /* the total: the window stays */
    assert_int_equal(optv_ladder_first(2, 5, 1, 3), 1);
    assert_int_equal(optv_ladder_first(5, 5, 4, 2), 0); /* all fit */
    char m[16];
    static const double moves[] = {-0.16, -0.04, 0, 0.04, 0.12, 5, 0.025};
    static const char *const want[] = {"-16%", "-4%", "0%", "+4%", "+12%", "+500%", "+2.5%"};
    for (size_t k = 0; k < sizeof moves / sizeof *moves; k++) {
        optv_move_label(moves[k], m, sizeof m);
        assert_string_equal(m, want[k]);
        assert_true(strlen(m) < OPTV_GRID_CELL_W);
    }
}

/* x pages portfolio, each underlying, each book, and back; a part gone
 * from the snapshot shows the portfolio's grid and says it was not found;
 * the worst cell's column is its move's. */
static void stress_parts(void **state)
{
    (void)state;
    snap s;
    snap_init(&s);
    s.stress_at = 5;
    s.nstress_moves = 3;
    s.stress_moves[0] = -0.1, s.stress_moves[1] = 0, s.stress_moves[2] = 0.1;
    s.nstress_und = 2;
    snprintf(s.stress_und[0].name, EVENT_SYM_MAX, "BTC");
    snprintf(s.stress_und[1].name, EVENT_SYM_MAX, "ETH");
    s.nstress_books = 1;
    snprintf(s.stress_books[0].name, EVENT_SYM_MAX, "mm");
    s.stress_port.worst_move = 0.1;
    optv_part_kind k = OPTV_PORTFOLIO;
    char name[EVENT_SYM_MAX] = "";
    static const struct {
        optv_part_kind kind;
        const char *name;
    } seq[] = {{OPTV_UNDERLYING, "BTC"}, {OPTV_UNDERLYING, "ETH"}, {OPTV_BOOK, "mm"}, {OPTV_PORTFOLIO, ""},
               {OPTV_UNDERLYING, "BTC"}};
    for (size_t i = 0; i < sizeof seq / sizeof *seq; i++) {
        optv_stress_next(&s, &k, name);
        assert_int_equal(k, seq[i].kind);
        assert_string_equal(name, seq[i].name);
    }
    bool found;
    assert_ptr_equal(optv_stress_find(&s, OPTV_UNDERLYING, "ETH", &found), &s.stress_und[1]);
    assert_true(found);
    assert_ptr_equal(optv_stress_find(&s, OPTV_BOOK, "gone", &found), &s.stress_port);
    assert_false(found);
    assert_ptr_equal(optv_stress_find(&s, OPTV_PORTFOLIO, "", &found), &s.stress_port);
    assert_true(found);
    k = OPTV_BOOK; /* from a part gone: the first after the portfolio */
    snprintf(name, sizeof name, "gone");
    optv_stress_next(&s, &k, name);
    assert_int_equal(k, OPTV_UNDERLYING);
    assert_int_equal(optv_worst_col(&s, &s.stress_port), 2);
    s.stress_port.worst_move = NAN;
    assert_int_equal(optv_worst_col(&s, &s.stress_port), -1);
    /* named scenarios worst first, unknown last */
    s.nstress_named = 4;
    const double pnl[4] = {-10, NAN, -300, 50};
    for (size_t i = 0; i < 4; i++)
        s.stress_named[i].pnl = pnl[i];
    size_t order[SNAP_SCENARIOS];
    assert_int_equal(optv_scenario_order(&s, order), 4);
    assert_true(order[0] == 2 && order[1] == 0 && order[2] == 3 && order[3] == 1);
    char label[64];
    optv_part_label(OPTV_BOOK, "", label, sizeof label);
    assert_string_equal(label, "book (no book)");
    optv_part_label(OPTV_UNDERLYING, "BTC", label, sizeof label);
    assert_string_equal(label, "underlying BTC");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ladder_rows_and_order),
        cmocka_unit_test(cells_select_their_positions),
        cmocka_unit_test(tables_fit_80_columns),
        cmocka_unit_test(stress_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
