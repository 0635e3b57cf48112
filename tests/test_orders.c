/* test_orders.c - the hedge orders table and its journal (engine/orders.c):
 * written and fsync'd before an order is held, refused when it cannot be,
 * sent when due and again every ORD_RESEND_S of event time until the
 * consumer acknowledges it or its TTL passes, replies and fills applied,
 * and a restart (a fresh table on the same journal, as after kill -9) that
 * sends what was not acknowledged again under the same id. */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/orders.h"

#define T0 1000.0 /* event time the orders are made at */
#define TTL 30.0

/* ---- a temporary directory and the journal in it ---- */

typedef struct {
    char dir[64];
    char path[128]; /* DIR/o.orders.jsonl */
} tmp;

static void tmp_make(tmp *t)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/invtop-orders-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/o.orders.jsonl", t->dir);
}

/* Remove the directory and the files in it: after the test, passed or
 * failed. */
static int tmp_remove(tmp *t)
{
    DIR *d = opendir(t->dir);
    if (!d)
        return -1;
    struct dirent *e;
    char p[512];
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(p, sizeof p, "%s/%s", t->dir, e->d_name);
        (void)unlink(p);
    }
    closedir(d);
    return rmdir(t->dir);
}

static int with_tmp(void **state)
{
    tmp *t = malloc(sizeof *t);
    assert_non_null(t);
    tmp_make(t);
    *state = t;
    return 0;
}

static int without_tmp(void **state)
{
    tmp *t = *state;
    int rc = tmp_remove(t);
    free(t);
    return rc;
}

/* The whole file, NUL-terminated ("" when missing); the caller frees it. */
static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "r");
    size_t cap = 4096, n = 0, k;
    char *s = malloc(cap);
    assert_non_null(s);
    while (fp && (k = fread(s + n, 1, cap - 1 - n, fp)) > 0) {
        n += k;
        if (n == cap - 1) {
            s = realloc(s, cap *= 2);
            assert_non_null(s);
        }
    }
    if (fp)
        fclose(fp);
    s[n] = '\0';
    return s;
}

static size_t count_lines(const char *path)
{
    char *s = slurp(path);
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += *p == '\n';
    free(s);
    return n;
}

static size_t count_str(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* A book with prefix T and TTL 30 s on t's journal, which must open. */
static void open_book(ord_book *b, const tmp *t)
{
    ord_init(b, "T", TTL);
    size_t skipped = 99;
    assert_int_equal(ord_open(b, t->path, &skipped), 0);
    assert_int_equal(skipped, 0);
    assert_true(b->journal_ok);
}

/* Sell 5000 lots of 0.001 BTC-PERP at 65000 (-325000 USD of delta), as
 * the hedge of +5 BTC would, at event time now. */
static long sell_btc(ord_book *b, double now)
{
    char why[200] = "";
    long i = ord_new(b, "BTC-PERP", "", "BTC", "hedge", -5000, 0.001, 65000, -325000, now, false, "alice", why,
                     sizeof why);
    if (i < 0)
        fail_msg("ord_new refused: %s", why);
    return i;
}

static long reply(ord_book *b, const char *msg, double now)
{
    char err[160] = "";
    long i = ord_reply(b, msg, strlen(msg), now, err, sizeof err);
    if (i < 0)
        assert_true(err[0] != '\0'); /* a refusal says why */
    return i;
}

/* ---- the journal comes first ---- */

static void new_order_is_journaled_then_held(void **state)
{
    tmp *t = *state;
    ord_book b;
    open_book(&b, t);
    assert_int_equal(count_lines(t->path), 0);
    long i = sell_btc(&b, T0);
    assert_int_equal(i, 0);
    assert_int_equal(b.n, 1);
    /* on disk already: one "new" line carrying the whole order */
    char *s = slurp(t->path);
    assert_int_equal(count_str(s, "\n"), 1);
    assert_non_null(strstr(s, "\"event\":\"new\""));
    assert_non_null(strstr(s, "\"order\":{\"type\":\"order\",\"cl_ord_id\":\"T-1\""));
    assert_non_null(strstr(s, "\"sym\":\"BTC-PERP\""));
    assert_non_null(strstr(s, "\"underlying\":\"BTC\""));
    assert_non_null(strstr(s, "\"book\":\"hedge\""));
    assert_non_null(strstr(s, "\"side\":\"sell\""));
    assert_non_null(strstr(s, "\"qty\":5,"));
    assert_non_null(strstr(s, "\"lots\":5000,"));
    assert_non_null(strstr(s, "\"expires\":1030.000"));
    free(s);
    const order *o = &b.o[0];
    assert_string_equal(o->clid, "T-1");
    assert_string_equal(o->inst, "BTC-PERP");
    assert_int_equal(o->state, ORD_PENDING);
    assert_near(o->lots, -5000, 0);
    assert_near(o->qty, -5, 1e-12);
    assert_near(o->usd, -325000, 0);
    assert_near(o->created, T0, 0);
    assert_near(o->expires, T0 + TTL, 0);
    assert_true(isnan(o->last_sent));
    assert_int_equal(o->attempts, 0);
    /* the next one is T-2, and a second line */
    assert_int_equal(sell_btc(&b, T0 + 1), 1);
    assert_string_equal(b.o[1].clid, "T-2");
    assert_int_equal(count_lines(t->path), 2);
    ord_free(&b);
}

/* A journal that cannot be opened, or written: the order is refused,
 * nothing is held, nothing is sent. */
static void journal_that_refuses_refuses_the_order(void **state)
{
    (void)state;
    ord_book b;
    char why[200] = "";
    /* never opened */
    ord_init(&b, "T", TTL);
    assert_int_equal(ord_new(&b, "BTC-PERP", "", "BTC", "hedge", 1, 1, 100, 100, T0, false, "u", why, sizeof why), -1);
    assert_true(why[0] != '\0');
    assert_int_equal(b.n, 0);
    assert_int_equal(b.refused, 1);
    ord_free(&b);
    /* cannot be opened: procfs refuses new directories even to root */
    ord_init(&b, "T", TTL);
    size_t skipped;
    assert_int_equal(ord_open(&b, "/proc/invtop-test/o.orders.jsonl", &skipped), -1);
    assert_false(b.journal_ok);
    assert_non_null(strstr(b.err, "/proc/invtop-test"));
    why[0] = '\0';
    assert_int_equal(ord_new(&b, "BTC-PERP", "", "BTC", "hedge", 1, 1, 100, 100, T0, false, "u", why, sizeof why), -1);
    assert_non_null(strstr(why, "/proc/invtop-test"));
    assert_int_equal(b.n, 0);
    assert_int_equal(b.refused, 1);
    assert_int_equal(ord_due(&b, T0), -1);
    ord_free(&b);
    /* opens, but the write fails (a full disk): refused, not held */
    ord_init(&b, "T", TTL);
    assert_int_equal(ord_open(&b, "/dev/full", &skipped), 0);
    why[0] = '\0';
    assert_int_equal(ord_new(&b, "BTC-PERP", "", "BTC", "hedge", 1, 1, 100, 100, T0, false, "u", why, sizeof why), -1);
    assert_non_null(strstr(why, "No space"));
    assert_false(b.journal_ok);
    assert_int_equal(b.n, 0);
    assert_int_equal(b.refused, 1);
    assert_int_equal(b.next_seq, 1); /* no id was used up */
    assert_int_equal(ord_due(&b, T0), -1);
    ord_free(&b);
}

/* ---- sending ---- */

static void due_at_once_then_every_resend_interval(void **state)
{
    tmp *t = *state;
    ord_book b;
    open_book(&b, t);
    long i = sell_btc(&b, T0);
    assert_int_equal(ord_due(&b, T0), i); /* a new order at once */
    jw w = {0};
    ord_encode(&b, (size_t)i, &w);
    assert_true(jw_ok(&w));
    assert_non_null(strstr(w.buf, "\"type\":\"order\""));
    assert_non_null(strstr(w.buf, "\"cl_ord_id\":\"T-1\""));
    assert_non_null(strstr(w.buf, "\"attempt\":1,"));
    assert_non_null(strstr(w.buf, "\"auto\":false"));
    ord_sent(&b, (size_t)i, T0, true);
    assert_int_equal(b.o[i].attempts, 1);
    assert_int_equal(b.sent, 1);
    assert_int_equal(ord_due(&b, T0), -1);
    assert_int_equal(ord_due(&b, T0 + 0.5), -1);
    assert_int_equal(ord_due(&b, T0 + ORD_RESEND_S - 1e-6), -1);
    assert_int_equal(ord_due(&b, T0 + ORD_RESEND_S), i); /* again */
    ord_sent(&b, (size_t)i, T0 + ORD_RESEND_S, true);
    ord_encode(&b, (size_t)i, &w);
    assert_non_null(strstr(w.buf, "\"attempt\":3,")); /* the next send is the third */
    assert_non_null(strstr(w.buf, "\"cl_ord_id\":\"T-1\"")); /* under the same id */
    assert_int_equal(ord_due(&b, T0 + ORD_RESEND_S + 0.5), -1);
    assert_int_equal(ord_due(&b, T0 + 2 * ORD_RESEND_S), i);
    /* never at or past its expiry */
    assert_int_equal(ord_due(&b, T0 + TTL), -1);
    assert_int_equal(ord_due(&b, T0 + TTL + 5), -1);
    jw_free(&w);
    ord_free(&b);
}

static void failed_send_is_retried_after_the_interval(void **state)
{
    tmp *t = *state;
    ord_book b;
    open_book(&b, t);
    long i = sell_btc(&b, T0);
    assert_int_equal(ord_due(&b, T0), i);
    ord_sent(&b, (size_t)i, T0, false); /* the channel would not take it */
    assert_int_equal(b.o[i].attempts, 0);
    assert_int_equal(b.sent, 0);
    assert_int_equal(ord_due(&b, T0 + 0.5), -1);
    assert_int_equal(ord_due(&b, T0 + ORD_RESEND_S - 1e-6), -1);
    assert_int_equal(ord_due(&b, T0 + ORD_RESEND_S), i);
    ord_sent(&b, (size_t)i, T0 + ORD_RESEND_S, true);
    assert_int_equal(b.o[i].attempts, 1);
    assert_int_equal(b.sent, 1);
    ord_free(&b);
}

/* ---- replies ---- */

static void replies_ack_reject_and_what_is_refused(void **state)
{
    tmp *t = *state;
    ord_book b;
    open_book(&b, t);
    long i = sell_btc(&b, T0), j = sell_btc(&b, T0), k = sell_btc(&b, T0);
    for (long x = 0; x < 3; x++) {
        assert_int_equal(ord_due(&b, T0), x);
        ord_sent(&b, (size_t)x, T0, true);
    }
    /* an ack ends the resends, and is journaled */
    assert_int_equal(reply(&b, "{\"type\":\"ack\",\"cl_ord_id\":\"T-1\"}", T0 + 0.2), i);
    assert_int_equal(b.o[i].state, ORD_ACKED);
    assert_int_equal(b.acks, 1);
    assert_int_equal(count_lines(t->path), 4);
    char *s = slurp(t->path);
    assert_non_null(strstr(s, "\"event\":\"ack\",\"cl_ord_id\":\"T-1\""));
    free(s);
    /* j and k are still due, i never again */
    assert_int_equal(ord_due(&b, T0 + 1), j);
    ord_sent(&b, (size_t)j, T0 + 1, true);
    assert_int_equal(ord_due(&b, T0 + 1), k);
    ord_sent(&b, (size_t)k, T0 + 1, true);
    assert_int_equal(ord_due(&b, T0 + 1), -1);
    assert_int_equal(ord_due(&b, T0 + 5), j);
    /* a second ack is taken and changes nothing */
    assert_int_equal(reply(&b, "{\"type\":\"ack\",\"cl_ord_id\":\"T-1\"}", T0 + 0.3), i);
    assert_int_equal(b.o[i].state, ORD_ACKED);
    assert_int_equal(b.acks, 1);
    assert_int_equal(count_lines(t->path), 4);
    /* a reject closes the order with its reason */
    assert_int_equal(reply(&b, "{\"type\":\"reject\",\"cl_ord_id\":\"T-2\",\"reason\":\"no market\"}", T0 + 2), j);
    assert_int_equal(b.o[j].state, ORD_REJECTED);
    assert_string_equal(b.o[j].reason, "no market");
    assert_int_equal(b.rejects, 1);
    assert_true(ord_closed(b.o[j].state));
    s = slurp(t->path);
    assert_non_null(strstr(s, "\"event\":\"reject\",\"cl_ord_id\":\"T-2\",\"reason\":\"no market\""));
    free(s);
    assert_int_equal(count_lines(t->path), 5);
    /* an ack after the reject changes nothing */
    assert_int_equal(reply(&b, "{\"type\":\"ack\",\"cl_ord_id\":\"T-2\"}", T0 + 2.5), j);
    assert_int_equal(b.o[j].state, ORD_REJECTED);
    assert_int_equal(b.acks, 1);
    /* a reject without a reason still says one */
    assert_int_equal(reply(&b, "{\"type\":\"reject\",\"cl_ord_id\":\"T-3\"}", T0 + 2.6), k);
    assert_int_equal(b.o[k].state, ORD_REJECTED);
    assert_true(b.o[k].reason[0] != '\0');
    assert_int_equal(count_lines(t->path), 6);
    /* what is not ours, not JSON, or not a reply: -1, nothing changes */
    long l = sell_btc(&b, T0 + 3);
    assert_int_equal(count_lines(t->path), 7);
    static const char *const bad[] = {
        "{\"type\":\"ack\",\"cl_ord_id\":\"T-99\"}",     /* unknown id */
        "{\"type\":\"ack\",\"cl_ord_id\":\"U-4\"}",      /* another session's */
        "{\"type\":\"ack\"}",                            /* no id */
        "{\"type\":\"ack\",\"cl_ord_id\":\"T-4\"",       /* torn JSON */
        "ack T-4",                                       /* not JSON */
        "{\"type\":\"order\",\"cl_ord_id\":\"T-4\"}",    /* wrong type */
        "{\"type\":\"fill\",\"cl_ord_id\":\"T-4\"}",     /* wrong type */
        "{\"cl_ord_id\":\"T-4\"}",                       /* no type */
        "{\"type\":\"ack\",\"cl_ord_id\":4}",            /* id of the wrong JSON type */
        "{\"type\":7,\"cl_ord_id\":\"T-4\"}",            /* type of the wrong JSON type */
        "[\"ack\",\"T-4\"]",                             /* not an object */
    };
    for (size_t x = 0; x < sizeof bad / sizeof *bad; x++) {
        char err[160] = "";
        if (ord_reply(&b, bad[x], strlen(bad[x]), T0 + 4, err, sizeof err) != -1)
            fail_msg("reply %s was taken", bad[x]);
        if (!err[0])
            fail_msg("reply %s refused without a reason", bad[x]);
        assert_int_equal(b.o[l].state, ORD_PENDING);
        assert_int_equal(b.acks, 1);
        assert_int_equal(b.rejects, 2);
        assert_int_equal(b.n, 4);
    }
    assert_int_equal(count_lines(t->path), 7);
    assert_int_equal(ord_due(&b, T0 + 4), l); /* still sent until acknowledged */
    ord_free(&b);
}

/* ---- fills ---- */

static void partial_then_full_fill(void **state)
{
    tmp *t = *state;
    ord_book b;
    open_book(&b, t);
    long i = sell_btc(&b, T0);
    ord_sent(&b, (size_t)i, T0, true);
    assert_int_equal(reply(&b, "{\"type\":\"ack\",\"cl_ord_id\":\"T-1\"}", T0 + 0.1), i);
    assert_int_equal(ord_fill(&b, "T-1", -2, 64990, T0 + 1), i);
    assert_int_equal(b.o[i].state, ORD_PARTIAL);
    assert_near(b.o[i].filled, -2, 1e-12);
    assert_false(ord_closed(b.o[i].state));
    assert_int_equal(ord_fill(&b, "T-1", -3, 65010, T0 + 2), i);
    assert_int_equal(b.o[i].state, ORD_FILLED);
    assert_true(ord_closed(b.o[i].state));
    assert_near(b.o[i].filled, -5, 1e-12);
    /* average price: (2 x 64990 + 3 x 65010) / 5 = 65002 */
    assert_near(b.o[i].fill_notional / fabs(b.o[i].filled), 65002, 1e-9);
    assert_int_equal(b.fills, 2);
    char *s = slurp(t->path);
    assert_int_equal(count_str(s, "\"event\":\"fill\",\"cl_ord_id\":\"T-1\""), 2);
    free(s);
    /* a fill for no order of ours */
    assert_int_equal(ord_fill(&b, "T-2", -1, 65000, T0 + 3), -1);
    assert_int_equal(ord_fill(&b, "", -1, 65000, T0 + 3), -1);
    assert_int_equal(b.fills, 2);
    assert_int_equal(count_lines(t->path), 4); /* new, ack, fill, fill */
    ord_free(&b);
}

/* ---- expiry ---- */

static void only_unacknowledged_orders_expire(void **state)
{
    tmp *t = *state;
    ord_book b;
    open_book(&b, t);
    long i = sell_btc(&b, T0), j = sell_btc(&b, T0), k = sell_btc(&b, T0 + 10);
    assert_int_equal(reply(&b, "{\"type\":\"ack\",\"cl_ord_id\":\"T-2\"}", T0 + 1), j);
    assert_int_equal(ord_expire(&b, T0 + TTL - 0.001), 0);
    assert_int_equal(b.o[i].state, ORD_PENDING);
    assert_int_equal(ord_expire(&b, T0 + TTL), 1);
    assert_int_equal(b.o[i].state, ORD_EXPIRED);
    assert_int_equal(b.o[j].state, ORD_ACKED); /* acknowledged: the consumer has it */
    assert_int_equal(b.o[k].state, ORD_PENDING); /* made later: its own TTL */
    assert_int_equal(b.expired, 1);
    char *s = slurp(t->path);
    assert_int_equal(count_str(s, "\"event\":\"expired\""), 1);
    assert_non_null(strstr(s, "\"event\":\"expired\",\"cl_ord_id\":\"T-1\""));
    free(s);
    assert_int_equal(ord_expire(&b, T0 + TTL + 1), 0); /* once */
    assert_int_equal(ord_due(&b, T0 + TTL + 1), k); /* i is never sent again */
    assert_int_equal(ord_expire(&b, T0 + 10 + TTL), 1);
    assert_int_equal(b.o[k].state, ORD_EXPIRED);
    assert_int_equal(b.o[j].state, ORD_ACKED);
    assert_int_equal(ord_due(&b, T0 + 100), -1);
    /* a late ack of an expired order changes nothing */
    assert_int_equal(reply(&b, "{\"type\":\"ack\",\"cl_ord_id\":\"T-1\"}", T0 + 100), i);
    assert_int_equal(b.o[i].state, ORD_EXPIRED);
    ord_free(&b);
}

/* ---- what is out ---- */

static void inflight_counts_the_unfilled_share(void **state)
{
    tmp *t = *state;
    ord_book b;
    open_book(&b, t);
    long newest = 7;
    assert_near(ord_inflight_usd(&b, "BTC", &newest), 0, 0);
    assert_int_equal(newest, -1);
    long i = sell_btc(&b, T0); /* -325000 */
    char why[200];
    long e = ord_new(&b, "ETH-PERP", "", "ETH", "hedge", 10, 0.01, 2000, 200, T0, true, "auto", why, sizeof why);
    assert_true(e >= 0);
    assert_near(ord_inflight_usd(&b, "BTC", &newest), -325000, 1e-6);
    assert_int_equal(newest, i);
    assert_near(ord_inflight_usd(&b, "ETH", &newest), 200, 1e-9);
    assert_int_equal(newest, e);
    /* acknowledged and unfilled: all of it is still out */
    assert_int_equal(reply(&b, "{\"type\":\"ack\",\"cl_ord_id\":\"T-1\"}", T0 + 0.1), i);
    assert_near(ord_inflight_usd(&b, "BTC", &newest), -325000, 1e-6);
    /* 2 of 5 filled: 3/5 out */
    assert_int_equal(ord_fill(&b, "T-1", -2, 65000, T0 + 1), i);
    assert_near(ord_inflight_usd(&b, "BTC", &newest), -195000, 1e-6);
    assert_int_equal(newest, i);
    long k = sell_btc(&b, T0 + 2);
    assert_near(ord_inflight_usd(&b, "BTC", &newest), -520000, 1e-6);
    assert_int_equal(newest, k);
    /* rejected: nothing out */
    assert_int_equal(reply(&b, "{\"type\":\"reject\",\"cl_ord_id\":\"T-3\",\"reason\":\"x\"}", T0 + 3), k);
    assert_near(ord_inflight_usd(&b, "BTC", &newest), -195000, 1e-6);
    assert_int_equal(newest, i);
    /* filled: nothing out */
    assert_int_equal(ord_fill(&b, "T-1", -3, 65000, T0 + 4), i);
    assert_near(ord_inflight_usd(&b, "BTC", &newest), 0, 1e-9);
    assert_int_equal(newest, -1);
    /* expired: nothing out */
    assert_int_equal(ord_expire(&b, T0 + TTL), 1);
    assert_near(ord_inflight_usd(&b, "ETH", &newest), 0, 0);
    assert_int_equal(newest, -1);
    assert_near(ord_inflight_usd(&b, "SOL", &newest), 0, 0);
    ord_free(&b);
}

/* ---- a restart ---- */

/* Orders T-1 (sent, never acknowledged), T-2 (acknowledged), T-3
 * (acknowledged, 2 of 5 filled) and T-4 (rejected); then the process dies
 * (kill -9: nothing more is written) and a fresh table opens the journal. */
static void restart_sends_the_unacknowledged_again_under_its_id(void **state)
{
    tmp *t = *state;
    ord_book b;
    open_book(&b, t);
    char why[200];
    assert_int_equal(sell_btc(&b, T0), 0);
    assert_int_equal(ord_new(&b, "ETH-PERP", "DERIBIT", "ETH", "eth-hedge", 10, 0.01, 2000, 200, T0 + 0.5, true,
                             "auto", why, sizeof why),
                     1);
    assert_int_equal(sell_btc(&b, T0 + 1), 2);
    assert_int_equal(sell_btc(&b, T0 + 1), 3);
    for (long x = 0; x < 4; x++) {
        assert_int_equal(ord_due(&b, T0 + 1), x);
        ord_sent(&b, (size_t)x, T0 + 1, true);
    }
    assert_int_equal(ord_due(&b, T0 + 1), -1);
    assert_int_equal(reply(&b, "{\"type\":\"ack\",\"cl_ord_id\":\"T-2\"}", T0 + 1.1), 1);
    assert_int_equal(reply(&b, "{\"type\":\"ack\",\"cl_ord_id\":\"T-3\"}", T0 + 1.2), 2);
    assert_int_equal(ord_fill(&b, "T-3", -2, 64990, T0 + 1.5), 2);
    assert_int_equal(reply(&b, "{\"type\":\"reject\",\"cl_ord_id\":\"T-4\",\"reason\":\"no market\"}", T0 + 1.6), 3);
    ord_free(&b); /* closes the descriptor; writes nothing, as kill -9 */

    ord_book r;
    ord_init(&r, "T", TTL);
    size_t skipped = 99;
    assert_int_equal(ord_open(&r, t->path, &skipped), 0);
    assert_int_equal(skipped, 0);
    assert_int_equal(r.n, 4);
    const order *o = &r.o[0];
    assert_string_equal(o->clid, "T-1");
    assert_int_equal(o->state, ORD_PENDING);
    assert_string_equal(o->inst, "BTC-PERP");
    assert_string_equal(o->underlying, "BTC");
    assert_string_equal(o->book, "hedge");
    assert_string_equal(o->user, "alice");
    assert_near(o->lots, -5000, 0);
    assert_near(o->qty, -5, 1e-12);
    assert_near(o->px, 65000, 0);
    assert_near(o->usd, -325000, 0);
    assert_near(o->created, T0, 1e-3);
    assert_near(o->expires, T0 + TTL, 1e-3);
    assert_true(isnan(o->last_sent)); /* due at once */
    o = &r.o[1];
    assert_string_equal(o->clid, "T-2");
    assert_int_equal(o->state, ORD_ACKED);
    assert_string_equal(o->inst, "ETH-PERP@DERIBIT");
    assert_string_equal(o->book, "eth-hedge");
    assert_near(o->lots, 10, 0);
    assert_near(o->qty, 0.1, 1e-12);
    assert_true(o->automatic);
    o = &r.o[2];
    assert_string_equal(o->clid, "T-3");
    assert_int_equal(o->state, ORD_PARTIAL);
    assert_near(o->filled, -2, 1e-12);
    assert_near(o->fill_notional, 2 * 64990, 1e-6);
    o = &r.o[3];
    assert_string_equal(o->clid, "T-4");
    assert_int_equal(o->state, ORD_REJECTED);
    assert_string_equal(o->reason, "no market");
    /* what is out is what was out */
    long newest;
    assert_near(ord_inflight_usd(&r, "BTC", &newest), -325000 - 195000, 1e-6);
    /* the restart is 3 s later: T-1 is due at once, the same id, and alone */
    const double now = T0 + 4;
    assert_int_equal(ord_due(&r, now), 0);
    jw w = {0};
    ord_encode(&r, 0, &w);
    assert_non_null(strstr(w.buf, "\"cl_ord_id\":\"T-1\""));
    assert_non_null(strstr(w.buf, "\"side\":\"sell\""));
    assert_non_null(strstr(w.buf, "\"qty\":5,"));
    assert_non_null(strstr(w.buf, "\"lots\":5000,"));
    assert_non_null(strstr(w.buf, "\"expires\":1030.000"));
    jw_free(&w);
    ord_sent(&r, 0, now, true);
    assert_int_equal(ord_due(&r, now), -1);
    assert_int_equal(ord_due(&r, now + 5), 0); /* still until acknowledged */
    assert_int_equal(reply(&r, "{\"type\":\"ack\",\"cl_ord_id\":\"T-1\"}", now + 5.1), 0);
    assert_int_equal(ord_due(&r, now + 10), -1);
    /* a new order after the restart takes an id no replayed order has */
    long n = sell_btc(&r, now + 11);
    assert_true(n >= 0);
    for (size_t x = 0; x < r.n; x++)
        if ((long)x != n && !strcmp(r.o[x].clid, r.o[n].clid))
            fail_msg("the new order reuses %s, which the consumer has seen already", r.o[n].clid);
    ord_free(&r);

    /* and the next restart sees the ack */
    ord_init(&r, "T", TTL);
    assert_int_equal(ord_open(&r, t->path, &skipped), 0);
    assert_int_equal(skipped, 0);
    assert_int_equal(r.n, 5);
    assert_int_equal(r.o[0].state, ORD_ACKED);
    assert_int_equal(ord_due(&r, now + 12), 4);
    ord_free(&r);
}

/* A crash in the middle of a line: the torn line is skipped and counted,
 * the rest replays, and what is written after it is read by the next
 * restart. */
static void torn_last_line_is_skipped_and_counted(void **state)
{
    tmp *t = *state;
    ord_book b;
    open_book(&b, t);
    assert_int_equal(sell_btc(&b, T0), 0);
    assert_int_equal(sell_btc(&b, T0), 1);
    assert_int_equal(reply(&b, "{\"type\":\"ack\",\"cl_ord_id\":\"T-1\"}", T0 + 0.1), 0);
    ord_free(&b);
    FILE *fp = fopen(t->path, "a");
    assert_non_null(fp);
    fputs("{\"ts\":1000.200,\"event\":\"ack\",\"cl_ord_id\":\"T-", fp); /* kill -9 mid-write */
    fclose(fp);

    ord_book r;
    ord_init(&r, "T", TTL);
    size_t skipped = 0;
    assert_int_equal(ord_open(&r, t->path, &skipped), 0);
    assert_int_equal(skipped, 1);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.o[0].state, ORD_ACKED);
    assert_int_equal(r.o[1].state, ORD_PENDING); /* its ack was torn: sent again */
    assert_int_equal(ord_due(&r, T0 + 1), 1);
    /* what this run writes is not lost to the torn line */
    assert_int_equal(reply(&r, "{\"type\":\"ack\",\"cl_ord_id\":\"T-2\"}", T0 + 1), 1);
    long n = sell_btc(&r, T0 + 2);
    assert_true(n >= 0);
    char clid[EVENT_ID_MAX];
    snprintf(clid, sizeof clid, "%s", r.o[n].clid);
    ord_free(&r);

    ord_init(&r, "T", TTL);
    assert_int_equal(ord_open(&r, t->path, &skipped), 0);
    assert_int_equal(skipped, 1); /* the torn line, still there, still skipped */
    assert_int_equal(r.n, 3);
    assert_int_equal(r.o[1].state, ORD_ACKED);
    assert_string_equal(r.o[2].clid, clid);
    assert_int_equal(r.o[2].state, ORD_PENDING);
    ord_free(&r);
}

/* A table full of open orders refuses the next one before journaling it;
 * once some are closed the oldest closed one makes room. */
static void full_table_refuses_without_journaling(void **state)
{
    tmp *t = *state;
    ord_book b;
    open_book(&b, t);
    for (int k = 0; k < ORD_MAX; k++)
        assert_int_equal(sell_btc(&b, T0), k);
    char why[200] = "";
    assert_int_equal(ord_new(&b, "BTC-PERP", "", "BTC", "hedge", 1, 1, 1, 1, T0, false, "u", why, sizeof why), -1);
    assert_true(why[0] != '\0');
    assert_int_equal(b.n, ORD_MAX);
    assert_int_equal(b.refused, 1);
    assert_int_equal(count_lines(t->path), ORD_MAX);
    assert_int_equal(reply(&b, "{\"type\":\"reject\",\"cl_ord_id\":\"T-2\"}", T0 + 1), 1);
    long i = sell_btc(&b, T0 + 2);
    assert_int_equal(i, ORD_MAX - 1); /* appended, T-2 gone */
    assert_int_equal(b.n, ORD_MAX);
    assert_string_equal(b.o[0].clid, "T-1");
    assert_string_equal(b.o[1].clid, "T-3");
    assert_string_equal(b.o[i].clid, "T-257");
    ord_free(&b);
}

static void refused_orders_are_shown_never_sent(void **state)
{
    (void)state;
    ord_book b;
    ord_init(&b, "T", TTL);
    ord_refused(&b, "BTC-PERP", "BTC", -10, -0.01, T0, false, "alice", "kill switch on");
    assert_int_equal(b.n, 1);
    assert_int_equal(b.refused, 1);
    assert_int_equal(b.o[0].state, ORD_REFUSED);
    assert_string_equal(b.o[0].reason, "kill switch on");
    assert_int_equal(ord_due(&b, T0), -1);
    long newest;
    assert_near(ord_inflight_usd(&b, "BTC", &newest), 0, 0);
    assert_int_equal(newest, -1);
    assert_int_equal(reply(&b, "{\"type\":\"ack\",\"cl_ord_id\":\"-\"}", T0), -1);
    assert_int_equal(ord_fill(&b, "-", 1, 1, T0), -1);
    assert_int_equal(b.o[0].state, ORD_REFUSED);
    ord_free(&b);
}

static void journal_path_beside_the_override_journal(void **state)
{
    (void)state;
    char buf[256];
    assert_string_equal(ord_journal_path("/s/invtop/overrides.jsonl", buf, sizeof buf),
                        "/s/invtop/overrides.orders.jsonl");
    assert_string_equal(ord_journal_path("x.jsonl", buf, sizeof buf), "x.orders.jsonl");
    assert_string_equal(ord_journal_path("x", buf, sizeof buf), "x.orders.jsonl");
    assert_string_equal(ord_journal_path("/a.jsonl/x.json", buf, sizeof buf), "/a.jsonl/x.json.orders.jsonl");
    assert_ptr_equal(ord_journal_path("x", buf, sizeof buf), buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(new_order_is_journaled_then_held, with_tmp, without_tmp),
        cmocka_unit_test(journal_that_refuses_refuses_the_order),
        cmocka_unit_test_setup_teardown(due_at_once_then_every_resend_interval, with_tmp, without_tmp),
        cmocka_unit_test_setup_teardown(failed_send_is_retried_after_the_interval, with_tmp, without_tmp),
        cmocka_unit_test_setup_teardown(replies_ack_reject_and_what_is_refused, with_tmp, without_tmp),
        cmocka_unit_test_setup_teardown(partial_then_full_fill, with_tmp, without_tmp),
        cmocka_unit_test_setup_teardown(only_unacknowledged_orders_expire, with_tmp, without_tmp),
        cmocka_unit_test_setup_teardown(inflight_counts_the_unfilled_share, with_tmp, without_tmp),
        cmocka_unit_test_setup_teardown(restart_sends_the_unacknowledged_again_under_its_id, with_tmp, without_tmp),
        cmocka_unit_test_setup_teardown(torn_last_line_is_skipped_and_counted, with_tmp, without_tmp),
        cmocka_unit_test_setup_teardown(full_table_refuses_without_journaling, with_tmp, without_tmp),
        cmocka_unit_test(refused_orders_are_shown_never_sent),
        cmocka_unit_test(journal_path_beside_the_override_journal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
