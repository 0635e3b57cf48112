/* test_snapwire.c - the snapshot document both ways: a hand-built snapshot
 * with every section encodes, decodes and encodes again to the same bytes;
 * so does a document from the engine; truncated and forged documents are
 * refused cleanly, leaving the output untouched. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/backtest.h"
#include "invtop/exposure.h"
#include "invtop/snapwire.h"

#define ERRLEN 256

/* A snapshot with non-trivial values in every section. */
static void fill(snap *s)
{
    snap_init(s);
    assert_int_equal(snap_reserve(s, 3, 2, 2, 3, 5), 0);
    s->version = 42;
    s->ts = 1700000000.125;
    snprintf(s->source, sizeof s->source, "tcp://feed:5555 \"quoted\" back\\slash \xc3\xa9\xe2\x82\xac");

    snap_feed *f = &s->feed;
    f->msgs = 1000;
    f->accepted = 900;
    f->ignored = 50;
    f->rejected_total = 50;
    f->rejected[WIRE_ERR_JSON] = 30;
    f->rejected[WIRE_ERR_SEQ_OLD] = 20;
    f->gaps = 3;
    f->seq_restarts = 1;
    f->seq_untracked = 2;
    f->record_errors = 4;
    f->quotes_published = 77;
    f->rate = 12.5;
    f->last_msg_age_s = 0.25;
    f->last[0] = (snap_reject){WIRE_ERR_JSON, 1700000000.5, "{\"bad json"};
    f->last[1] = (snap_reject){WIRE_ERR_SEQ_OLD, 1700000000.25, "px.BTC-PERP {}"};
    f->nlast = 2;

    s->port = (snap_portfolio){.gross_usd = 123456.78, .net_usd = -2345.67, .net_delta_usd = 1000.5,
                               .pnl_realized = -12.34, .pnl_unrealized = 56.78, .currency = "USD", .unconverted = 1,
                               .unconverted_ccys = "BTC,EUR", .assumed_rates = "USDT"};

    s->pv.horizon_s = 60;
    s->pv.sample_s = 0.5;
    s->pv.var_levels[0] = 0.95;
    s->pv.var_levels[1] = 0.99;
    s->pv.nvar = 2;
    s->pv.es_level = 0.975;
    s->result.valid[PV_PARAMETRIC] = true;
    s->result.var[PV_PARAMETRIC][0] = 1234.56;
    s->result.var[PV_PARAMETRIC][1] = 2345.67;
    s->result.es[PV_PARAMETRIC] = 2500.01;
    s->result.valid[PV_HISTORICAL] = true;
    s->result.var[PV_HISTORICAL][0] = 1000.5;
    s->result.var[PV_HISTORICAL][1] = NAN;
    s->result.es[PV_HISTORICAL] = 3000;
    s->result.valid[PV_CORNISH_FISHER] = false;
    s->result.valid[PV_MONTE_CARLO] = true;
    s->result.var[PV_MONTE_CARLO][0] = 1100.25;
    s->result.var[PV_MONTE_CARLO][1] = 2200.75;
    s->result.es[PV_MONTE_CARLO] = NAN;
    s->returns = 250;
    s->window = 500;
    s->computed_at = 1700000000.1;
    s->mc_at = NAN;
    s->bt_level = 0.99;
    s->bt_n = 250;
    s->bt_exceptions = 3;
    s->kupiec_lr = 0.123456;
    s->kupiec_p = 0.725;
    s->christoffersen_lr = 1.5;
    s->christoffersen_p = 0.22;
    s->bt_zone = BT_YELLOW;
    const double scen[5] = {-100.25, -3.5, 0, 2.75, 400.5};
    memcpy(s->scenarios, scen, sizeof scen);
    s->nscen = 5;

    s->limits = (limit_params){50, 1e6, 1e5};
    s->var_limit = (limit_state){0.5, NAN};
    s->breaches = 3;

    s->und[0] = (snap_und){"BTC", 65000.5, 1.5, 97500.75, 0.001, 12.3456, -5.4321, {0.0975, NAN}};
    s->und[1] = (snap_und){"ETH", 3400.25, -20, -68005, 0, 0, 0, {1.25, 1700000000.25}};
    s->nund = 2;

    snap_book *b = &s->books[0];
    memset(b, 0, sizeof *b);
    b->r = (brisk_row){1000, 500, 400, 1.5, -2.5, NAN, {NAN, NAN}, {NAN, NAN}};
    b->lim = (brisk_limits){NAN, NAN};
    b = &s->books[1];
    memset(b, 0, sizeof *b);
    snprintf(b->name, sizeof b->name, "desk-a");
    b->r = (brisk_row){2000, -750, 60000, 10, 20, 1500.5, {1.2, 1700000000.5}, {0.75, NAN}};
    b->lim = (brisk_limits){50000, 2000};
    s->nbooks = 2;

    s->quote_params = (skew_params){SKEW_AS, 0.05, 0.3, 2, 1, 60, NAN, 1, 1, 1, 50};
    s->kill = true;
    s->overrides_active = 1;
    s->journal_ok = false;
    snprintf(s->journal_error, sizeof s->journal_error, "journal.log: disk full");
    s->publishing = true;

    s->feed_curve = false; /* one of its endpoints is plaintext */
    s->nfeed_socks = 2;
    s->feed_socks[0] = (snap_sock){"tcp://*:5555", true, true};
    s->feed_socks[1] = (snap_sock){"tcp://pub-host:5556", false, false};
    s->quotes_curve = false;
    s->handshakes_refused = 5;
    s->feed_refused = 3;
    s->quotes_refused = 2;
    s->feed_denied = 7;
    s->quotes_denied = 8;
    s->feed_allowed = 9;
    s->quotes_allowed = 10;
    s->commands_refused = 11;
    snprintf(s->sec_warning, sizeof s->sec_warning, "secret key is world-readable");

    s->events[0] = (snap_event){1700000000.0, 0, "started"};
    s->events[1] = (snap_event){1700000000.5, 1, "gap of 3 from src a"};
    s->events[2] = (snap_event){1700000001.0, 2, "ETH delta limit breached"};
    s->nevents = 3;
    s->events_total = 1234;
    for (size_t k = 0; k < 5; k++)
        s->series[k] = (snap_point){1700000000.0 + (double)k, -1.5 * (double)k, k == 2 ? NAN : 100.25 + (double)k};
    s->nseries = 5;

    /* the ladder: an all-books row and the row of positions held in no book
     * (book ""), which must stay apart; a stress grid with its worst cell */
    ladder_default_params(&s->ladder);
    s->nladder = 2;
    for (size_t k = 0; k < 2; k++) {
        snap_ladder_row *r = &s->ladder_rows[k];
        r->all_books = k == 0;
        snprintf(r->underlying, sizeof r->underlying, "BTC");
        r->ncells = s->ladder.nbuckets;
        r->cell[2] = (ladder_cell){1.5, 97500.25, 1234.5, -56.75, 12.25};
        r->total = r->cell[2];
    }
    s->stress_at = 1700000000.0;
    s->nstress_moves = 2;
    s->stress_moves[0] = -0.1;
    s->stress_moves[1] = 0.1;
    s->stress_port.pnl[0][0] = -6500;
    s->stress_port.pnl[2][1] = 7000.5;
    s->stress_port.worst_pnl = -6500;
    s->stress_port.worst_move = -0.1;
    snprintf(s->stress_port.worst_inst, sizeof s->stress_port.worst_inst, "BTC-PERP@binance");

    /* a perp held in two books, greeks ok, a model quote */
    snap_inst *x = &s->inst[0];
    memset(x, 0, sizeof *x);
    snprintf(x->sym, sizeof x->sym, "BTC-PERP");
    snprintf(x->venue, sizeof x->venue, "binance");
    snprintf(x->id, sizeof x->id, "BTC-PERP@binance");
    x->kind = INST_PERP;
    x->mult = 1;
    x->tick = 0.1;
    x->lot = 0.001;
    x->strike = x->expiry = NAN;
    snprintf(x->underlying, sizeof x->underlying, "BTC");
    x->qty = 1.5;
    x->avg_px = 64000.5;
    x->mid = 65000.55;
    x->bid = 65000.5;
    x->ask = 65000.6;
    x->notional_usd = 97500.83;
    x->pnl_realized = -10.5;
    x->pnl_unrealized = 1500.08;
    x->has_greeks = true;
    x->greeks_status = EXPO_OK;
    x->delta = 1.5;
    x->delta_usd = 97500.83;
    x->gamma = 0;
    x->vega = 0;
    x->theta = 0;
    x->limit = (limit_state){0.03, NAN};
    x->has_quote = true;
    x->q = (skew_quote){SKEW_AS, 64999.5, 64990.1, 65010.2, -0.154, 1.55, 1.5, 2.25};
    x->eff = (ovr_quote){true, false, false, 64990.1, 65010.2, 64999.5, -0.154, 1.55};
    x->has_override = false;
    x->o = ovr_none();
    x->first_holding = 0;
    x->nholdings = 2;
    s->holdings[0] = (snap_holding){0, POS_LEG_NET, 1, 64000, 0, 1000.55, 65000.55, NAN, NAN};
    s->holdings[1] = (snap_holding){1, POS_LEG_LONG, 0.5, 64001.5, -10.5, 499.53, 32500.28, NAN, NAN};

    /* an option: missing vol, a manual paused quote, an override, a breach */
    x = &s->inst[1];
    memset(x, 0, sizeof *x);
    snprintf(x->sym, sizeof x->sym, "BTC-20240628-70000-C");
    snprintf(x->venue, sizeof x->venue, "deribit");
    snprintf(x->id, sizeof x->id, "BTC-20240628-70000-C@deribit");
    x->kind = INST_OPTION;
    x->mult = 1;
    x->tick = 0.0005;
    x->lot = 0.1;
    x->strike = 70000;
    x->expiry = 1719561600;
    x->right = 'C';
    snprintf(x->underlying, sizeof x->underlying, "BTC");
    x->qty = -2;
    x->avg_px = 0.0525;
    x->mid = 0.05;
    x->bid = NAN;
    x->ask = 0.051;
    x->notional_usd = -6500.01;
    x->pnl_realized = 0;
    x->pnl_unrealized = 325.5;
    x->stale = true;
    x->has_greeks = true;
    x->greeks_status = EXPO_MISSING_VOL;
    x->delta = 0.25;
    x->delta_usd = x->gamma = x->vega = x->theta = NAN;
    x->limit = (limit_state){1.5, 1700000000.75};
    x->has_quote = false;
    x->eff = (ovr_quote){true, true, true, NAN, NAN, NAN, NAN, NAN};
    x->has_override = true;
    x->o = ovr_none();
    x->o.skew_bps = 5;
    x->o.skew_replace = true;
    x->o.size_bid = 2;
    x->o.paused = true;
    x->o.expires = 1700003600.5;
    x->first_holding = 2;
    x->nholdings = 1;
    s->holdings[2] = (snap_holding){1, POS_LEG_SHORT, -2, 0.0525, 0, 325.5, -6500.01, NAN, NAN};

    /* spot with no greeks, flat, no holdings */
    x = &s->inst[2];
    memset(x, 0, sizeof *x);
    snprintf(x->sym, sizeof x->sym, "ETH");
    snprintf(x->id, sizeof x->id, "ETH");
    x->kind = INST_SPOT;
    x->mult = 1;
    x->tick = 0.01;
    x->lot = 1;
    x->strike = x->expiry = NAN;
    x->ref_inferred = true;
    x->qty = 0;
    x->avg_px = NAN;
    x->mid = 3400.25;
    x->bid = 3400.2;
    x->ask = 3400.3;
    x->greeks_status = -1;
    x->delta = x->delta_usd = x->gamma = x->vega = x->theta = NAN;
    x->limit = (limit_state){NAN, NAN};
    x->o = ovr_none();
    x->first_holding = 3;
    x->nholdings = 0;
    s->ninst = 3;
    s->nholdings = 3;
}

/* The document of s, malloc'd and terminated; *len its length. */
static char *encode(const snap *s, size_t *len)
{
    jw w = {0};
    assert_int_equal(snapw_document(&w, s), 0);
    char *doc = malloc(w.len + 1);
    assert_non_null(doc);
    memcpy(doc, w.buf, w.len + 1);
    *len = w.len;
    jw_free(&w);
    return doc;
}

/* Decode doc, print the reason when it fails. */
static int decode(const char *doc, size_t len, snap *out, char *err)
{
    int rc = snapw_decode(doc, len, out, err, ERRLEN);
    if (rc != 0)
        assert_true(err[0] != '\0');
    return rc;
}

static void round_trip_hand_built(void **state)
{
    (void)state;
    snap s, d;
    fill(&s);
    snap_init(&d);
    char err[ERRLEN];
    size_t n1, n2;
    char *doc1 = encode(&s, &n1);
    if (decode(doc1, n1, &d, err) != 0)
        fail_msg("decode: %s", err);
    char *doc2 = encode(&d, &n2);
    if (n1 != n2 || memcmp(doc1, doc2, n1) != 0)
        fail_msg("documents differ:\n%s\n%s", doc1, doc2);

    assert_true(d.version == 42 && d.ts == 1700000000.125);
    assert_string_equal(d.source, s.source);
    assert_true(d.feed.rejected[WIRE_ERR_JSON] == 30 && d.feed.rejected[WIRE_ERR_SEQ_OLD] == 20);
    assert_true(d.feed.rejected_total == 50 && d.feed.quotes_published == 77);
    assert_int_equal(d.feed.nlast, 2);
    assert_int_equal(d.feed.last[1].reason, WIRE_ERR_SEQ_OLD);
    assert_string_equal(d.feed.last[0].excerpt, "{\"bad json");
    assert_true(isnan(d.mc_at) && d.computed_at == 1700000000.1);
    assert_int_equal(d.pv.nvar, 2);
    assert_true(d.pv.var_levels[0] == 0.95 && d.pv.var_levels[1] == 0.99 && d.pv.es_level == 0.975);
    assert_true(d.result.valid[PV_PARAMETRIC] && d.result.valid[PV_HISTORICAL]);
    assert_false(d.result.valid[PV_CORNISH_FISHER]);
    assert_true(d.result.valid[PV_MONTE_CARLO] && isnan(d.result.es[PV_MONTE_CARLO]));
    assert_true(d.result.var[PV_PARAMETRIC][1] == 2345.67 && d.result.es[PV_HISTORICAL] == 3000);
    assert_true(isnan(d.result.var[PV_HISTORICAL][1]));
    assert_int_equal(d.bt_zone, BT_YELLOW);
    assert_true(d.bt_n == 250 && d.bt_exceptions == 3 && d.kupiec_p == 0.725);
    assert_int_equal(d.nscen, 5);
    assert_true(d.scenarios[0] == -100.25 && d.scenarios[4] == 400.5);
    assert_true(d.var_limit.util == 0.5 && isnan(d.var_limit.since) && d.breaches == 3);
    assert_int_equal(d.nund, 2);
    assert_string_equal(d.und[1].name, "ETH");
    assert_true(isnan(d.und[0].limit.since) && d.und[1].limit.since == 1700000000.25);
    assert_int_equal(d.nbooks, 2);
    assert_string_equal(d.books[0].name, "");
    assert_string_equal(d.books[1].name, "desk-a");
    assert_true(d.books[1].r.delta.since == 1700000000.5 && d.books[1].lim.max_var_usd == 2000);
    assert_true(isnan(d.books[0].lim.max_delta_usd) && isnan(d.books[0].r.var_usd));
    assert_int_equal(d.quote_params.model, SKEW_AS);
    assert_true(isnan(d.quote_params.session_end) && d.quote_params.q_max_lots == 50);
    assert_true(d.kill && !d.journal_ok && d.publishing && d.overrides_active == 1);
    assert_string_equal(d.journal_error, "journal.log: disk full");
    assert_true(!d.feed_curve && !d.quotes_curve && d.commands_refused == 11);
    assert_int_equal(d.nfeed_socks, 2);
    assert_string_equal(d.feed_socks[0].endpoint, "tcp://*:5555");
    assert_true(d.feed_socks[0].bind && d.feed_socks[0].curve);
    assert_string_equal(d.feed_socks[1].endpoint, "tcp://pub-host:5556");
    assert_true(!d.feed_socks[1].bind && !d.feed_socks[1].curve);
    assert_string_equal(d.sec_warning, s.sec_warning);
    assert_int_equal(d.nevents, 3);
    assert_int_equal(d.events[2].level, 2);
    assert_string_equal(d.events[1].text, "gap of 3 from src a");
    assert_true(d.events_total == 1234);
    assert_int_equal(d.nseries, 5);
    assert_true(isnan(d.series[2].var) && d.series[4].pnl == -6);
    assert_int_equal(d.nladder, 2);
    assert_true(d.ladder_rows[0].all_books && !d.ladder_rows[1].all_books);
    assert_string_equal(d.ladder_rows[1].book, "");
    assert_true(d.ladder_rows[1].cell[2].gamma_usd == 1234.5 && isinf(d.ladder.upper_days[4]));
    assert_true(d.stress_port.pnl[2][1] == 7000.5 && d.stress_port.worst_move == -0.1);
    assert_string_equal(d.stress_port.worst_inst, "BTC-PERP@binance");

    assert_int_equal(d.ninst, 3);
    assert_int_equal(d.nholdings, 3);
    const snap_inst *x = &d.inst[0];
    assert_string_equal(x->id, "BTC-PERP@binance");
    assert_int_equal(x->kind, INST_PERP);
    assert_true(x->has_greeks && x->greeks_status == EXPO_OK && x->delta_usd == 97500.83);
    assert_true(x->has_quote && x->eff.valid && !x->eff.manual && x->q.model == SKEW_AS);
    assert_true(x->q.sigma_bps == 2.25 && x->eff.bid == 64990.1);
    assert_false(x->has_override);
    assert_true(x->first_holding == 0 && x->nholdings == 2);
    assert_true(d.holdings[0].book == 0 && d.holdings[0].leg == POS_LEG_NET);
    assert_true(d.holdings[1].book == 1 && d.holdings[1].leg == POS_LEG_LONG);
    assert_true(d.holdings[1].avg_px == 64001.5 && d.holdings[1].pnl_unrealized == 499.53);
    x = &d.inst[1];
    assert_int_equal(x->kind, INST_OPTION);
    assert_true(x->strike == 70000 && x->expiry == 1719561600 && x->right == 'C');
    assert_true(x->stale && isnan(x->bid));
    assert_true(x->has_greeks && x->greeks_status == EXPO_MISSING_VOL && x->delta == 0.25);
    assert_true(isnan(x->gamma) && isnan(x->delta_usd));
    assert_true(!x->has_quote && x->eff.valid && x->eff.manual && x->eff.paused);
    assert_true(x->has_override && ovr_equal(&x->o, &s.inst[1].o));
    assert_true(x->limit.util == 1.5 && x->limit.since == 1700000000.75);
    assert_true(x->first_holding == 2 && x->nholdings == 1);
    assert_true(d.holdings[2].book == 1 && d.holdings[2].leg == POS_LEG_SHORT && d.holdings[2].qty == -2);
    x = &d.inst[2];
    assert_int_equal(x->kind, INST_SPOT);
    assert_true(x->ref_inferred && x->right == '\0' && x->underlying[0] == '\0');
    assert_true(!x->has_greeks && x->greeks_status == -1 && isnan(x->delta));
    assert_true(!x->has_quote && !x->eff.valid && !x->has_override);
    assert_true(isnan(x->avg_px) && isnan(x->strike) && x->nholdings == 0);

    free(doc1);
    free(doc2);
    snap_free(&s);
    snap_free(&d);
}

/* Documents the engine wrote decode and encode back to the same bytes:
 * `invtop --headless --demo`, and a replay with options, books, hedge legs,
 * quotes, rejects and limit breaches (tests/fuzz/corpus/snap/). */
static void round_trip_engine_documents(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/fuzz/corpus/snap/demo", "tests/fuzz/corpus/snap/replay"};
    static char doc[1 << 20];
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        FILE *fp = fopen(files[f], "rb");
        if (!fp)
            fail_msg("%s: cannot open", files[f]);
        size_t n = fread(doc, 1, sizeof doc, fp);
        fclose(fp);
        assert_true(n > 0 && n < sizeof doc);
        snap d;
        snap_init(&d);
        char err[ERRLEN];
        if (decode(doc, n, &d, err) != 0)
            fail_msg("%s: %s", files[f], err);
        assert_true(d.ninst > 0 && d.nund > 0 && d.nbooks > 0);
        size_t n2;
        char *doc2 = encode(&d, &n2);
        if (n != n2 || memcmp(doc, doc2, n) != 0)
            fail_msg("%s: documents differ:\n%s\n%s", files[f], doc, doc2);
        free(doc2);
        snap_free(&d);
    }
}

/* Every proper prefix missing the closing brace is refused, out untouched. */
static void truncations_fail_cleanly(void **state)
{
    (void)state;
    snap s, d;
    fill(&s);
    snap_init(&d);
    d.version = 777;
    char err[ERRLEN];
    size_t n;
    char *doc = encode(&s, &n);
    assert_true(n > 2 && doc[n - 2] == '}' && doc[n - 1] == '\n');
    for (size_t k = 0; k + 1 < n; k++) {
        /* an exact-size copy: ASan sees any read past the end */
        char *cut = malloc(k ? k : 1);
        assert_non_null(cut);
        memcpy(cut, doc, k);
        if (snapw_decode(cut, k, &d, err, sizeof err) == 0)
            fail_msg("prefix of %zu bytes decoded", k);
        assert_true(err[0] != '\0');
        assert_true(d.version == 777 && d.ninst == 0);
        free(cut);
    }
    /* without the newline it is whole */
    assert_int_equal(snapw_decode(doc, n - 1, &d, err, sizeof err), 0);
    assert_true(d.version == 42);
    free(doc);
    snap_free(&s);
    snap_free(&d);
}

/* doc with the first occurrence of `from` replaced by `to` (malloc'd). */
static char *forge(const char *doc, const char *from, const char *to)
{
    const char *at = strstr(doc, from);
    if (!at)
        fail_msg("no \"%s\" in the document", from);
    size_t pre = (size_t)(at - doc), nf = strlen(from), nt = strlen(to), rest = strlen(at + nf);
    char *out = malloc(pre + nt + rest + 1);
    assert_non_null(out);
    memcpy(out, doc, pre);
    memcpy(out + pre, to, nt);
    memcpy(out + pre + nt, at + nf, rest + 1);
    return out;
}

static void forged_documents(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to;
        const char *why; /* expected in the reason; NULL: decodes */
    } cases[] = {
        {"\"version\":42", "\"version\":\"42\"", "version: expected a non-negative integer"},
        {"\"version\":42,", "", "no \"version\""},
        {"\"version\":42", "\"version\":null", "no \"version\""},
        {"\"version\":42", "\"version\":42,\"version\":43", "version: key given twice"},
        {"\"version\":42", "\"version\":-1", "non-negative integer"},
        {"\"version\":42", "\"version\":4.2", "non-negative integer"},
        {"\"version\":42", "\"version\":9223372036854775808", "out of range"},
        {"\"version\":42", "\"version\":1e999", "out of range"},
        {"\"rate\":12.5", "\"rate\":1e999", "feed.rate: number out of range"},
        {"\"rate\":12.5", "\"rate\":-1e-999", NULL},
        {"\"rate\":12.5", "\"rate\":01", "bad number"},
        {"\"rate\":12.5", "\"rate\":1.", "bad number"},
        {"\"rate\":12.5", "\"rate\":.5", "not JSON"},
        {"\"rate\":12.5", "\"rate\":+1", "not JSON"},
        {"\"rate\":12.5", "\"rate\":0x10", "bad number"},
        {"\"rate\":12.5", "\"rate\":NaN", "not JSON"},
        {"\"rate\":12.5", "\"rate\":nul", "bad literal"},
        {"\"rate\":12.5", "\"rate\":\"12.5\"", "feed.rate: expected a number"},
        {"\"rate\":12.5", "\"rate\":true", "expected a number"},
        {"\"rate\":12.5", "\"rate\":1E+2", NULL},
        {"\"rate\":12.5", "\"rate\":1234567890123456789012345678901234567890123456789012345678901234",
         "over 63 characters"},
        /* jsmn alone takes these */
        {"\"version\":42,", "\"version\":42,,", "not JSON"},
        {"\"version\":42", "\"version\" 42", "not JSON"},
        {"\"version\":42", "\"version\"::42", "not JSON"},
        {"\"version\":42,", "\"version\":42 ", "not JSON"},
        {"{\"version\"", ",{\"version\"", "not JSON"},
        {"\"scenarios\":[-100.25,", "\"scenarios\":[-100.25 ", "not JSON"},
        {"\"scenarios\":[-100.25,", "\"scenarios\":[,-100.25,", "not JSON"},
        {"\"publishing\":true}", "\"publishing\":true,}", "not JSON"},
        {"\"version\":42", "\"version\":42:1", "not JSON"},
        {"\"version\":42", "\"version\":{\"a\"}", "not JSON"},
        {"\"version\":42", "\"version\":[\"a\":1]", "not JSON"},
        {"\"version\":42", "\"version\":\"a\":\"b\"", "not JSON"},
        {"\"version\":42", "\"version\":42}{\"a\":1", "not JSON"},
        {"\"excerpt\":\"", "\"excerpt\":\"\t", "raw control character"},
        /* wrong types and values */
        {"\"events\":{", "\"events\":[],\"x\":{", "events: expected an object"},
        {"\"series\":[", "\"series\":{\"a\":1},\"x\":[", "series: expected an array"},
        {"\"series\":[[", "\"series\":[[1,2],[", "series[0]: expected [t, pnl, var]"},
        {"\"series\":[[", "\"series\":[3,[", "series[0]: expected an array"},
        {"\"stale\":false", "\"stale\":\"false\"", "stale: expected true or false"},
        {"\"stale\":false", "\"stale\":0", "expected true or false"},
        {"\"quote\":null", "\"quote\":[]", "instruments[2].quote: expected an object"},
        {"\"override\":null", "\"override\":{\"bid\":\"x\"}", "bad override"},
        {"\"book\":\"desk-a\"", "\"book\":\"desk-z\"", "instruments[0].holdings[1].book: a book not in books"},
        {"\"book\":\"desk-a\"", "\"book\":5", "expected a string"},
        {"\"leg\":\"long\"", "\"leg\":5", "expected a string (leg)"},
        {"\"leg\":\"long\"", "\"leg\":\"longer\"", "unknown leg"},
        {"\"kind\":\"perp\"", "\"kind\":\"swap\"", "unknown instrument kind"},
        {"\"zone\":\"yellow\"", "\"zone\":\"purple\"", "risk.backtest.zone: unknown backtest zone"},
        {"\"role\":\"connect\"", "\"role\":\"server\"", "security.feed_sockets[1].role: unknown socket role"},
        {"\"mode\":\"plain\"", "\"mode\":\"tls\"", "unknown socket mode"},
        {"\"feed_sockets\":[", "\"feed_sockets\":[3,", "expected an object"},
        {"\"greeks\":\"ok\"", "\"greeks\":\"unknown\"", "unknown greeks status"},
        {"\"right\":\"C\"", "\"right\":\"X\"", "expected \"C\", \"P\" or null"},
        {"\"model\":\"as\"", "\"model\":\"glft1\"", "quote_params.model: unknown quote model"},
        {"\"reason\":\"bad_json\"", "\"reason\":\"worse_json\"", "unknown reject reason"},
        {"\"level\":\"warn\"", "\"level\":\"debug\"", "unknown event level"},
        {"\"src\":\"model\"", "\"src\":\"robot\"", "unknown quote source"},
        {"\"p95\"", "\"p5\"", "risk.var.parametric.p5: level key"},
        {"\"p95\"", "\"p095\"", "level key"},
        {"\"p95\"", "\"p9500000000000000\"", "over 15 digits"},
        {"\"sigma\":", "\"sigma\":\"x\",\"_s\":", "instruments[0].quote.sigma: expected a number"},
        {"\"name\":\"ETH\",", "\"name\":\"ETC\",", "limits.breaches[1]: breach of an underlying"},
        {"\"text\":\"started\"", "\"text\":\"\\ud800\"", "lone high surrogate"},
        {"\"text\":\"started\"", "\"text\":\"\\udc00\"", "lone low surrogate"},
        {"\"text\":\"started\"", "\"text\":\"\\ud800\\u0041\"", "lone high surrogate"},
        {"\"text\":\"started\"", "\"text\":\"\\x\"", "not JSON"},
        {"\"text\":\"started\"", "\"text\":\"\\u12\"", "not JSON"},
        {"\"excerpt\":\"px.BTC-PERP {}\"",
         "\"excerpt\":\"0123456789012345678901234567890123456789012345678901234567890123\"",
         "feed.rejected.last[1].excerpt: string longer than 63 bytes"},
        /* unknown keys of any shape are skipped, escapes in strings are fine */
        {"\"version\":42,", "\"version\":42,\"zz\":{\"a\":[1,{\"b\":null},[]],\"c\":\"\\\"\"},", NULL},
        {"\"qty\":1.5,", "\"qty\":1.5,\"greeks_v2\":{\"vanna\":0.1},", NULL},
        {"\"text\":\"started\"", "\"text\":\"\\u00e9t\\u00E9 \\ud83d\\ude00 \\/ \\\\\"", NULL},
        {"\"text\":\"started\"", "\"text\":\"a\\nb\\u0000c\\u007f\"", NULL},
        {"\"p975\"", "\"p9750\"", "level key"},
        {"\"version\":42,", "\n \"version\" : 42 ,\r\n\t", NULL},
        {"\"rate\":12.5", "\"rate\":null", NULL},
        {"\"quote\":null", "\"quote\":{}", NULL},
        {"\"holdings\":[]", "\"holdings\":null", NULL},
        {"\"limit_util\":0.0300", "\"limit_util\":-0", NULL},
    };
    snap s, d;
    fill(&s);
    snap_init(&d);
    d.version = 777;
    char err[ERRLEN];
    size_t n;
    char *doc = encode(&s, &n);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char *bad = forge(doc, cases[c].from, cases[c].to);
        const size_t len = strlen(bad);
        /* an exact-size copy: ASan sees any read past the end */
        char *copy = malloc(len);
        assert_non_null(copy);
        memcpy(copy, bad, len);
        int rc = snapw_decode(copy, len, &d, err, sizeof err);
        if (cases[c].why == NULL) {
            if (rc != 0)
                fail_msg("case %zu (%s): %s", c, cases[c].to, err);
            d.version = 777;
        } else {
            if (rc == 0)
                fail_msg("case %zu (%s) decoded", c, cases[c].to);
            if (!strstr(err, cases[c].why))
                fail_msg("case %zu (%s): \"%s\", expected \"%s\"", c, cases[c].to, err, cases[c].why);
            assert_true(d.version == 777);
        }
        free(copy);
        free(bad);
    }
    free(doc);
    snap_free(&s);
    snap_free(&d);
}

/* What decoded strings hold: UTF-8 for escapes, '?' for control characters. */
static void string_escapes(void **state)
{
    (void)state;
    snap d;
    snap_init(&d);
    char err[ERRLEN];
    const char *doc = "{\"version\":1,\"source\":\"\\u00e9\\ud83d\\ude00\\\"\\\\\\/ a\\tb\\u0000c\\u001b[2J\\u007f\"}";
    if (snapw_decode(doc, strlen(doc), &d, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(d.source, "\xc3\xa9\xf0\x9f\x98\x80\"\\/ a?b?c?[2J?");
    /* raw bytes past ASCII pass as they are */
    doc = "{\"version\":1,\"source\":\"\xe2\x82\xac\xff\"}";
    assert_int_equal(snapw_decode(doc, strlen(doc), &d, err, sizeof err), 0);
    assert_string_equal(d.source, "\xe2\x82\xac\xff");
    /* a NUL byte in the input ends nothing early: it is refused */
    const char nul[] = "{\"version\":1,\"source\":\"a\0b\"}";
    assert_int_not_equal(snapw_decode(nul, sizeof nul - 1, &d, err, sizeof err), 0);
    const char nul2[] = "{\"version\":1}\0";
    assert_int_not_equal(snapw_decode(nul2, sizeof nul2 - 1, &d, err, sizeof err), 0);
    /* exactly at capacity, and one past */
    char big[512];
    int o = snprintf(big, sizeof big, "{\"version\":1,\"source\":\"");
    memset(big + o, 'x', SNAP_TEXT - 1);
    snprintf(big + o + SNAP_TEXT - 1, sizeof big - (size_t)o - SNAP_TEXT + 1, "\"}");
    assert_int_equal(snapw_decode(big, strlen(big), &d, err, sizeof err), 0);
    assert_int_equal(strlen(d.source), SNAP_TEXT - 1);
    memset(big + o, 'x', SNAP_TEXT);
    snprintf(big + o + SNAP_TEXT, sizeof big - (size_t)o - SNAP_TEXT, "\"}");
    assert_int_not_equal(snapw_decode(big, strlen(big), &d, err, sizeof err), 0);
    /* a two-byte character that would straddle the end */
    o = snprintf(big, sizeof big, "{\"version\":1,\"source\":\"");
    memset(big + o, 'x', SNAP_TEXT - 2);
    snprintf(big + o + SNAP_TEXT - 2, sizeof big - (size_t)o - SNAP_TEXT + 2, "\\u00e9\"}");
    assert_int_not_equal(snapw_decode(big, strlen(big), &d, err, sizeof err), 0);
    snap_free(&d);
}

/* A document of `n` copies of `item` separated by `sep` between head and
 * tail (malloc'd). */
static char *repeat(const char *head, const char *item, size_t n, const char *sep, const char *tail)
{
    size_t nh = strlen(head), ni = strlen(item), ns = strlen(sep), nt = strlen(tail);
    char *doc = malloc(nh + n * (ni + ns) + nt + 1);
    assert_non_null(doc);
    memcpy(doc, head, nh);
    size_t o = nh;
    for (size_t i = 0; i < n; i++) {
        if (i) {
            memcpy(doc + o, sep, ns);
            o += ns;
        }
        memcpy(doc + o, item, ni);
        o += ni;
    }
    memcpy(doc + o, tail, nt + 1);
    return doc;
}

/* Fixed arrays keep their newest entries; tables over their bound fail. */
static void bounds(void **state)
{
    (void)state;
    snap d;
    snap_init(&d);
    char err[ERRLEN];
    char *doc;

    /* events and series: newest last, the oldest dropped */
    char item[128];
    doc = malloc(64 * 1024);
    assert_non_null(doc);
    size_t o = (size_t)sprintf(doc, "{\"version\":1,\"events\":{\"total\":40,\"last\":[");
    for (int i = 0; i < SNAP_EVENTS + 8; i++)
        o += (size_t)sprintf(doc + o, "%s{\"ts\":%d,\"level\":\"info\",\"text\":\"e%d\"}", i ? "," : "", i, i);
    o += (size_t)sprintf(doc + o, "]},\"series\":[");
    for (int i = 0; i < SNAP_SERIES + 10; i++)
        o += (size_t)sprintf(doc + o, "%s[%d,%d,null,\"extra\"]", i ? "," : "", i, -i);
    o += (size_t)sprintf(doc + o, "],\"feed\":{\"rejected\":{\"last\":[");
    for (int i = 0; i < SNAP_LAST_REJECTS + 2; i++)
        o += (size_t)sprintf(doc + o, "%s{\"reason\":\"bad_json\",\"ts\":%d,\"excerpt\":\"r%d\"}", i ? "," : "", i, i);
    sprintf(doc + o, "]}}}");
    if (snapw_decode(doc, strlen(doc), &d, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(d.nevents, SNAP_EVENTS);
    assert_string_equal(d.events[0].text, "e8");
    assert_string_equal(d.events[SNAP_EVENTS - 1].text, "e39");
    assert_int_equal(d.nseries, SNAP_SERIES);
    assert_true(d.series[0].t == 10 && d.series[SNAP_SERIES - 1].pnl == -(SNAP_SERIES + 9));
    assert_true(isnan(d.series[0].var));
    assert_int_equal(d.feed.nlast, SNAP_LAST_REJECTS);
    assert_string_equal(d.feed.last[0].excerpt, "r0");
    assert_string_equal(d.feed.last[SNAP_LAST_REJECTS - 1].excerpt, "r7");
    free(doc);

    d.version = 777;
    /* instruments: SNAPW_MAX_INST + 1 */
    doc = repeat("{\"version\":1,\"instruments\":[", "{}", SNAPW_MAX_INST + 1, ",", "]}");
    assert_int_not_equal(snapw_decode(doc, strlen(doc), &d, err, sizeof err), 0);
    assert_non_null(strstr(err, "more than 100000 instruments"));
    free(doc);
    /* books: more than the engine's book holds */
    snprintf(item, sizeof item, "{\"name\":\"b\"}");
    doc = repeat("{\"version\":1,\"books\":[", item, BOOK_MAX_BOOKS + 1, ",", "]}");
    assert_int_not_equal(snapw_decode(doc, strlen(doc), &d, err, sizeof err), 0);
    assert_non_null(strstr(err, "books: more than"));
    free(doc);
    /* scenarios: over a million */
    doc = repeat("{\"version\":1,\"risk\":{\"scenarios\":[", "0", 1000001, ",", "]}}");
    assert_int_not_equal(snapw_decode(doc, strlen(doc), &d, err, sizeof err), 0);
    assert_non_null(strstr(err, "risk.scenarios: more than"));
    free(doc);
    /* var levels: more than PV_MAX_LEVELS */
    doc = "{\"version\":1,\"risk\":{\"var\":{\"historical\":{\"p90\":1,\"p95\":2,\"p99\":3,\"p999\":4,\"p9999\":5}}}}";
    assert_int_not_equal(snapw_decode(doc, strlen(doc), &d, err, sizeof err), 0);
    assert_non_null(strstr(err, "risk.var.historical.p9999: more than 4 var levels"));
    /* nesting: 1000 deep refused, in a key nobody knows or not */
    doc = repeat("{\"version\":1,\"x\":", "[", 1000, "", "");
    char *deep = repeat(doc, "]", 1000, "", "}");
    assert_int_not_equal(snapw_decode(deep, strlen(deep), &d, err, sizeof err), 0);
    assert_non_null(strstr(err, "nested deeper than 32"));
    free(deep);
    free(doc);
    doc = repeat("{\"version\":1,\"x\":", "{\"a\":", 20, "", "1");
    deep = repeat(doc, "}", 20, "", "}");
    assert_int_equal(snapw_decode(deep, strlen(deep), &d, err, sizeof err), 0);
    assert_true(d.version == 1);
    d.version = 777;
    free(deep);
    free(doc);
    /* the size bound comes first: nothing past it is read */
    char *huge = malloc((size_t)SNAPW_MAX_DOC + 1);
    assert_non_null(huge);
    memset(huge, ' ', (size_t)SNAPW_MAX_DOC + 1);
    memcpy(huge, "{\"version\":1}", 13);
    assert_int_not_equal(snapw_decode(huge, (size_t)SNAPW_MAX_DOC + 1, &d, err, sizeof err), 0);
    assert_non_null(strstr(err, "over"));
    assert_int_equal(snapw_decode(huge, (size_t)SNAPW_MAX_DOC, &d, err, sizeof err), 0);
    free(huge);
    d.version = 777;
    assert_int_not_equal(snapw_decode("", 0, &d, err, sizeof err), 0);
    assert_int_not_equal(snapw_decode("[]", 2, &d, err, sizeof err), 0);
    assert_int_not_equal(snapw_decode("{}", 2, &d, err, sizeof err), 0);
    assert_int_not_equal(snapw_decode("{\"version\":1", 12, &d, err, 0), 0); /* no room for a reason */
    assert_true(d.version == 777);
    snap_free(&d);
}

/* The smallest document: everything else at its default. */
static void defaults(void **state)
{
    (void)state;
    snap d;
    snap_init(&d);
    char err[ERRLEN];
    const char *doc = "{\"version\":7}";
    assert_int_equal(snapw_decode(doc, strlen(doc), &d, err, sizeof err), 0);
    assert_true(d.version == 7 && isnan(d.ts) && d.source[0] == '\0');
    assert_true(d.ninst == 0 && d.nund == 0 && d.nbooks == 0 && d.nscen == 0 && d.nevents == 0);
    assert_true(isnan(d.pv.horizon_s) && isnan(d.pv.es_level) && d.pv.nvar == 0);
    assert_true(!d.result.valid[PV_PARAMETRIC] && isnan(d.feed.rate) && d.feed.msgs == 0);
    assert_true(isnan(d.limits.max_var_usd) && isnan(d.var_limit.util));
    assert_int_equal(d.quote_params.model, SKEW_NONE);
    /* it encodes, and that decodes to the same document again */
    size_t n1, n2;
    char *doc1 = encode(&d, &n1);
    snap e;
    snap_init(&e);
    assert_int_equal(snapw_decode(doc1, n1, &e, err, sizeof err), 0);
    char *doc2 = encode(&e, &n2);
    assert_true(n1 == n2 && memcmp(doc1, doc2, n1) == 0);
    free(doc1);
    free(doc2);
    snap_free(&d);
    snap_free(&e);
}

/* Before 250 horizons the engine writes zone "n/a"; a viewer decodes it and
 * writes the same bytes back. A null or absent zone is no zone, not green. */
static void backtest_zone_na(void **state)
{
    (void)state;
    snap s, d;
    fill(&s);
    s.bt_zone = BT_NA;
    s.bt_n = 3;
    s.bt_exceptions = 0;
    snap_init(&d);
    char err[ERRLEN];
    size_t n1, n2;
    char *doc1 = encode(&s, &n1);
    assert_non_null(strstr(doc1, "\"exceptions\":0,"));
    assert_non_null(strstr(doc1, "\"zone\":\"n/a\"}"));
    if (decode(doc1, n1, &d, err) != 0)
        fail_msg("decode: %s", err);
    assert_int_equal(d.bt_zone, BT_NA);
    char *doc2 = encode(&d, &n2);
    if (n1 != n2 || memcmp(doc1, doc2, n1) != 0)
        fail_msg("documents differ:\n%s\n%s", doc1, doc2);
    snap_free(&d);
    snap_init(&d);
    const char *doc = "{\"version\":1,\"risk\":{\"backtest\":{\"n\":250,\"zone\":null}}}";
    assert_int_equal(snapw_decode(doc, strlen(doc), &d, err, sizeof err), 0);
    assert_int_equal(d.bt_zone, BT_NA);
    free(doc1);
    free(doc2);
    snap_free(&s);
    snap_free(&d);
}

/* A holding with book "" and no such book has none; with one, it is that. */
static void holding_books(void **state)
{
    (void)state;
    snap d;
    snap_init(&d);
    char err[ERRLEN];
    const char *doc = "{\"version\":1,\"books\":[{\"name\":\"a\"},{\"name\":\"a\"}],\"instruments\":["
                      "{\"id\":\"X\",\"holdings\":[{\"book\":\"\",\"leg\":\"net\"},{\"book\":\"a\",\"leg\":\"short\"}]},"
                      "{\"id\":\"Y\",\"holdings\":[{\"book\":\"a\"}]}]}";
    if (snapw_decode(doc, strlen(doc), &d, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(d.nholdings, 3);
    assert_true(d.holdings[0].book == SIZE_MAX && d.holdings[1].book == 0 && d.holdings[2].book == 0);
    assert_true(d.inst[1].first_holding == 2 && d.inst[1].nholdings == 1);
    assert_int_equal(d.holdings[2].leg, POS_LEG_NET);
    snap_free(&d);
}

/* Ladder rows keep whose they are through a viewer: a row for all books
 * carries no "book", the row of positions that came without a book a null
 * one; read back, the second is not a second all-books row (a viewer's
 * ladder showed each underlying twice). */
static void ladder_rows_keep_their_book(void **state)
{
    (void)state;
    snap s, d;
    snap_init(&s);
    snap_init(&d);
    ladder_default_params(&s.ladder);
    static const struct {
        bool all;
        const char *book;
    } rows[] = {{true, ""}, {false, ""}, {false, "mm"}};
    for (size_t k = 0; k < 3; k++) {
        snap_ladder_row *r = &s.ladder_rows[s.nladder++];
        r->all_books = rows[k].all;
        snprintf(r->book, sizeof r->book, "%s", rows[k].book);
        snprintf(r->underlying, sizeof r->underlying, "BTC");
        r->ncells = s.ladder.nbuckets;
        r->cell[1].delta = r->total.delta = (double)k + 1;
    }
    char err[ERRLEN];
    size_t n;
    char *doc = encode(&s, &n);
    if (decode(doc, n, &d, err) != 0)
        fail_msg("decode: %s", err);
    assert_int_equal(d.nladder, 3);
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(d.ladder_rows[k].all_books, rows[k].all);
        assert_string_equal(d.ladder_rows[k].book, rows[k].book);
        assert_true(d.ladder_rows[k].total.delta == (double)k + 1);
    }
    free(doc);
    snap_free(&s);
    snap_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_hand_built),
        cmocka_unit_test(round_trip_engine_documents),
        cmocka_unit_test(truncations_fail_cleanly),
        cmocka_unit_test(forged_documents),
        cmocka_unit_test(string_escapes),
        cmocka_unit_test(bounds),
        cmocka_unit_test(defaults),
        cmocka_unit_test(holding_books),
        cmocka_unit_test(backtest_zone_na),
        cmocka_unit_test(ladder_rows_keep_their_book),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
