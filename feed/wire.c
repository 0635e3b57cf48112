/* wire.c - wire protocol v1 decoder on top of jsmn (zero allocation). */
#include "invtop/wire.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invtop/wire_body.h"

static const char *const status_names[WIRE_STATUS_COUNT] = {
    [WIRE_OK] = "ok",
    [WIRE_IGNORED] = "ignored",
    [WIRE_ERR_FRAMING] = "bad_framing",
    [WIRE_ERR_OVERSIZE] = "oversize",
    [WIRE_ERR_JSON] = "bad_json",
    [WIRE_ERR_KIND] = "unknown_kind",
    [WIRE_ERR_MISSING] = "missing_field",
    [WIRE_ERR_TYPE] = "bad_type",
    [WIRE_ERR_NUMBER] = "bad_number",
    [WIRE_ERR_PRICE] = "bad_price",
    [WIRE_ERR_QTY] = "bad_qty",
    [WIRE_ERR_CROSSED] = "crossed",
    [WIRE_ERR_SYMBOL] = "bad_symbol",
    [WIRE_ERR_TOPIC] = "topic_mismatch",
    [WIRE_ERR_VALUE] = "bad_value",
    [WIRE_ERR_BOOK_FULL] = "book_full",
    [WIRE_ERR_SEQ_DUP] = "seq_duplicate",
    [WIRE_ERR_SEQ_OLD] = "seq_old",
};

const char *wire_status_name(wire_status status)
{
    if ((unsigned)status >= WIRE_STATUS_COUNT)
        return "unknown";
    return status_names[status];
}

/* ---- ISO-8601 ---- */

static bool read_digits(const char *s, size_t len, size_t *i, int ndig, int *out)
{
    int v = 0;
    for (int k = 0; k < ndig; k++, (*i)++) {
        if (*i >= len || s[*i] < '0' || s[*i] > '9')
            return false;
        v = v * 10 + (s[*i] - '0');
    }
    *out = v;
    return true;
}

int wire_parse_iso8601(const char *s, size_t len, double *out)
{
    struct tm tm = {0};
    size_t i = 0;
    int y, mo, d, h = 0, mi = 0, se = 0;
    double frac = 0;
    if (!read_digits(s, len, &i, 4, &y) || i >= len || s[i++] != '-' ||
        !read_digits(s, len, &i, 2, &mo) || i >= len || s[i++] != '-' ||
        !read_digits(s, len, &i, 2, &d))
        return -1;
    if (i < len && (s[i] == 'T' || s[i] == ' ')) {
        i++;
        if (!read_digits(s, len, &i, 2, &h) || i >= len || s[i++] != ':' ||
            !read_digits(s, len, &i, 2, &mi))
            return -1;
        if (i < len && s[i] == ':') {
            i++;
            if (!read_digits(s, len, &i, 2, &se))
                return -1;
            if (i < len && s[i] == '.') {
                double scale = 0.1;
                i++;
                if (i >= len || s[i] < '0' || s[i] > '9')
                    return -1;
                for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, scale /= 10)
                    frac += (s[i] - '0') * scale;
            }
        }
        if (i < len && s[i] == 'Z')
            i++;
    }
    if (i != len || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
        return -1;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    time_t t = timegm(&tm);
    if (t == (time_t)-1)
        return -1;
    *out = (double)t + frac;
    return 0;
}

/* ---- per-kind decoding ---- */

static wire_status check_price(double p)
{
    return (p > 0 && p <= WIRE_MAX_PRICE) ? WIRE_OK : WIRE_ERR_PRICE;
}


/* The checks on a message's values, shared by the general path and the px
 * fast path (which must decide alike). */

/* A publisher's timestamp, NAN when absent: epoch seconds, 0 to 1e11. */
static wire_status check_ts(double ts)
{
    return isnan(ts) || (ts >= 0 && ts <= 1e11) ? WIRE_OK : WIRE_ERR_NUMBER;
}

/* A sequence number, given: an integer 0 to 2^53, into ev. */
static wire_status set_seq(double seq, event *ev)
{
    if (!(seq >= 0 && seq <= 9007199254740992.0 && seq == floor(seq)))
        return WIRE_ERR_NUMBER;
    ev->seq = (int64_t)seq;
    ev->has_seq = true;
    return WIRE_OK;
}

/* A two-sided price, bid or ask or both given (NAN: absent): both, each a
 * price, not crossed; the mid between them. */
static wire_status set_two_sided(double bid, double ask, event_px *px)
{
    if (isnan(bid) || isnan(ask))
        return WIRE_ERR_MISSING;
    TRY(check_price(bid));
    TRY(check_price(ask));
    if (bid > ask)
        return WIRE_ERR_CROSSED;
    *px = (event_px){bid, ask, 0.5 * (bid + ask), NAN};
    return WIRE_OK;
}

/* A one-sided price, the mid or the last trade (NAN: absent). */
static wire_status set_mid(double mid, event_px *px)
{
    *px = (event_px){NAN, NAN, mid, NAN};
    return isnan(mid) ? WIRE_ERR_MISSING : check_price(mid);
}

/* ts_at: the position of the timestamp's key (its name differs by family). */
static wire_status decode_common(const body_view *b, int ts_at, event *ev)
{
    ev->ts = NAN;
    ev->src[0] = '\0';
    ev->has_seq = false;
    TRY(wb_key_number_or(b, ts_at, &ev->ts, WIRE_OK));
    TRY(check_ts(ev->ts));
    double seq = NAN;
    TRY(wb_opt_number(b, "seq", &seq));
    if (!isnan(seq))
        TRY(set_seq(seq, ev));
    return wb_get_symbol(b, "src", false, ev->src);
}

/* An implied vol, NAN when absent: an annualised fraction above 0, at most
 * 20 (2000%: past any market's, a unit mistake such as percent). */
static wire_status check_iv(double iv)
{
    return isnan(iv) || (iv > 0 && iv <= 20) ? WIRE_OK : WIRE_ERR_NUMBER;
}

/* A pool range's bounds: lower 0 when absent, upper INFINITY when absent
 * (a full-range position); 0 <= lower < upper, each a price when given. */
static wire_status decode_lp_range(const body_view *b, event_inst *in)
{
    TRY(wb_opt_number(b, "lower", &in->lower));
    TRY(wb_opt_number(b, "upper", &in->upper));
    if (isnan(in->lower))
        in->lower = 0;
    else if (in->lower != 0)
        TRY(check_price(in->lower));
    if (isnan(in->upper))
        in->upper = INFINITY;
    else
        TRY(check_price(in->upper));
    return in->lower < in->upper ? WIRE_OK : WIRE_ERR_VALUE;
}

static wire_status decode_inst(const body_view *b, event *ev)
{
    event_inst *in = &ev->u.inst;
    const char *s;
    size_t n;
    int v = wb_find_value(b, "kind");
    in->kind = INST_SPOT;
    if (v >= 0) {
        TRY(wb_tok_plain_string(b, v, &s, &n));
        if (wb_str_is(s, n, "spot"))
            in->kind = INST_SPOT;
        else if (wb_str_is(s, n, "perp"))
            in->kind = INST_PERP;
        else if (wb_str_is(s, n, "future"))
            in->kind = INST_FUTURE;
        else if (wb_str_is(s, n, "option"))
            in->kind = INST_OPTION;
        else if (wb_str_is(s, n, "lp"))
            in->kind = INST_LP;
        else
            return WIRE_ERR_VALUE;
    }
    in->underlying[0] = '\0';
    TRY(wb_get_symbol(b, "underlying", false, in->underlying));
    in->quote[0] = '\0';
    TRY(wb_get_symbol(b, "quote", false, in->quote));
    in->settle = INST_SETTLE_LINEAR;
    v = wb_find_value(b, "settle");
    if (v >= 0) {
        TRY(wb_tok_plain_string(b, v, &s, &n));
        if (wb_str_is(s, n, "inverse"))
            in->settle = INST_SETTLE_INVERSE;
        else if (!wb_str_is(s, n, "linear"))
            return WIRE_ERR_VALUE;
    }
    in->mult = 1;
    in->tick = 0;
    in->lot = 0;
    in->strike = NAN;
    in->expiry = NAN;
    in->right = 0;
    in->iv = NAN;
    in->lower = NAN;
    in->upper = NAN;
    TRY(wb_opt_number(b, "mult", &in->mult));
    TRY(wb_opt_number(b, "tick", &in->tick));
    TRY(wb_opt_number(b, "lot", &in->lot));
    if (in->mult <= 0 || in->mult > 1e9 || in->tick < 0 || in->tick > 1e9 || in->lot < 0 ||
        in->lot > WIRE_MAX_QTY)
        return WIRE_ERR_NUMBER;
    if (in->kind == INST_LP)
        return decode_lp_range(b, in);
    if (in->kind != INST_OPTION)
        return WIRE_OK;
    TRY(wb_req_number(b, "strike", &in->strike));
    TRY(check_price(in->strike));
    v = wb_find_value(b, "expiry");
    if (v < 0)
        return WIRE_ERR_MISSING;
    if (b->tok[v].type == JSMN_STRING) {
        TRY(wb_tok_plain_string(b, v, &s, &n));
        if (wire_parse_iso8601(s, n, &in->expiry) != 0)
            return WIRE_ERR_VALUE;
    } else {
        TRY(wb_tok_number(b, v, &in->expiry));
        if (in->expiry < 0 || in->expiry > 1e11)
            return WIRE_ERR_NUMBER;
    }
    v = wb_find_value(b, "right");
    if (v < 0)
        return WIRE_ERR_MISSING;
    TRY(wb_tok_plain_string(b, v, &s, &n));
    if (n != 1 || (s[0] != 'C' && s[0] != 'P'))
        return WIRE_ERR_VALUE;
    in->right = s[0];
    TRY(wb_opt_number(b, "iv", &in->iv));
    return check_iv(in->iv);
}

/* bid/ask when either is given; else mid, else last (a key not needed is
 * not read, so its type does not matter). */
static wire_status decode_px(const body_view *b, event *ev)
{
    double bid = NAN, ask = NAN, mid = NAN, iv = NAN;
    TRY(wb_opt_number(b, "bid", &bid));
    TRY(wb_opt_number(b, "ask", &ask));
    if (!isnan(bid) || !isnan(ask)) {
        TRY(set_two_sided(bid, ask, &ev->u.px));
    } else {
        TRY(wb_opt_number(b, "mid", &mid));
        if (isnan(mid))
            TRY(wb_opt_number(b, "last", &mid));
        TRY(set_mid(mid, &ev->u.px));
    }
    TRY(wb_opt_number(b, "iv", &iv));
    TRY(check_iv(iv));
    ev->u.px.iv = iv;
    return WIRE_OK;
}

/* A position's side: cryptofeed's "both" (one-way mode, signed size) or
 * "long"/"short" (hedge mode, one leg each, unsigned size). Absent: net. */
static wire_status read_leg(const body_view *b, pos_leg *leg)
{
    const char *s;
    size_t n;
    *leg = POS_LEG_NET;
    int v = wb_find_value(b, "side");
    if (v < 0 || wb_is_null(b, v))
        return WIRE_OK;
    TRY(wb_tok_plain_string(b, v, &s, &n));
    if (wb_str_is(s, n, "both") || wb_str_is(s, n, "net"))
        *leg = POS_LEG_NET;
    else if (wb_str_is(s, n, "long"))
        *leg = POS_LEG_LONG;
    else if (wb_str_is(s, n, "short"))
        *leg = POS_LEG_SHORT;
    else
        return WIRE_ERR_VALUE;
    return WIRE_OK;
}

static wire_status decode_pos(const body_view *b, const char *qty_key, const char *avg_key,
                              event *ev)
{
    event_pos *pos = &ev->u.pos;
    pos->avg_px = NAN;
    TRY(wb_req_number(b, qty_key, &pos->qty));
    if (fabs(pos->qty) > WIRE_MAX_QTY)
        return WIRE_ERR_QTY;
    TRY(read_leg(b, &pos->leg));
    /* A leg's size is unsigned on the wire; its side gives the sign (some
     * venues sign the short leg too, which says the same). */
    if (pos->leg == POS_LEG_LONG)
        pos->qty = fabs(pos->qty);
    else if (pos->leg == POS_LEG_SHORT)
        pos->qty = -fabs(pos->qty);
    TRY(wb_opt_number(b, avg_key, &pos->avg_px));
    if (!isnan(pos->avg_px) && pos->avg_px != 0)
        TRY(check_price(pos->avg_px));
    if (pos->avg_px == 0)
        pos->avg_px = NAN; /* cryptofeed sends 0 for "no entry price" */
    return WIRE_OK;
}

static wire_status decode_fill(const body_view *b, const char *qty_key, const char *px_key,
                               event *ev)
{
    event_fill *f = &ev->u.fill;
    const char *s;
    size_t n;
    int v = wb_find_value(b, "side");
    if (v < 0)
        return WIRE_ERR_MISSING;
    TRY(wb_tok_plain_string(b, v, &s, &n));
    double sign;
    if (wb_str_is(s, n, "buy"))
        sign = 1;
    else if (wb_str_is(s, n, "sell"))
        sign = -1;
    else
        return WIRE_ERR_VALUE;
    TRY(wb_req_number(b, qty_key, &f->qty));
    if (f->qty <= 0 || f->qty > WIRE_MAX_QTY)
        return WIRE_ERR_QTY;
    f->qty *= sign;
    TRY(wb_req_number(b, px_key, &f->px));
    TRY(check_price(f->px));
    f->fee = 0;
    TRY(wb_opt_number(b, "fee", &f->fee));
    if (fabs(f->fee) > WIRE_MAX_PRICE)
        return WIRE_ERR_NUMBER;
    f->clid[0] = '\0';
    return WIRE_OK;
}

/* The two names of a position's and a fill's keys. */
static wire_status decode_pos_native(const body_view *b, event *ev)
{
    return decode_pos(b, "qty", "avg_px", ev);
}

static wire_status decode_pos_cryptofeed(const body_view *b, event *ev)
{
    return decode_pos(b, "position", "entry_price", ev);
}

/* A native fill may name the order it executes (cryptofeed's have no such
 * field: "" there). */
static wire_status decode_fill_native(const body_view *b, event *ev)
{
    TRY(decode_fill(b, "qty", "px", ev));
    return wb_get_id(b, "cl_ord_id", false, ev->u.fill.clid);
}

static wire_status decode_fill_cryptofeed(const body_view *b, event *ev)
{
    return decode_fill(b, "amount", "price", ev);
}

/* ---- each kind's part of two events equal, bit for bit ---- */

static bool same_bits(double x, double y)
{
    return memcmp(&x, &y, sizeof x) == 0;
}

static bool equal_inst(const event *a, const event *b)
{
    const event_inst *x = &a->u.inst, *y = &b->u.inst;
    return x->kind == y->kind && strcmp(x->underlying, y->underlying) == 0 && same_bits(x->mult, y->mult) &&
           same_bits(x->tick, y->tick) && same_bits(x->lot, y->lot) && same_bits(x->strike, y->strike) &&
           same_bits(x->expiry, y->expiry) && x->right == y->right && same_bits(x->iv, y->iv) &&
           same_bits(x->lower, y->lower) && same_bits(x->upper, y->upper) &&
           strcmp(x->quote, y->quote) == 0 && x->settle == y->settle;
}

static bool equal_px(const event *a, const event *b)
{
    return same_bits(a->u.px.bid, b->u.px.bid) && same_bits(a->u.px.ask, b->u.px.ask) &&
           same_bits(a->u.px.mid, b->u.px.mid) && same_bits(a->u.px.iv, b->u.px.iv);
}

static bool equal_pos(const event *a, const event *b)
{
    return same_bits(a->u.pos.qty, b->u.pos.qty) && same_bits(a->u.pos.avg_px, b->u.pos.avg_px) &&
           a->u.pos.leg == b->u.pos.leg;
}

static bool equal_fill(const event *a, const event *b)
{
    return same_bits(a->u.fill.qty, b->u.fill.qty) && same_bits(a->u.fill.px, b->u.fill.px) &&
           same_bits(a->u.fill.fee, b->u.fill.fee) && strcmp(a->u.fill.clid, b->u.fill.clid) == 0;
}

static bool decode_px_direct(const char *body, size_t len, const char *sym, size_t sym_len, event *ev);

/* ---- the kinds: one row each ---- */

static const wire_kind kinds[EVENT_KIND_COUNT] = {
    [EVENT_INST] = {.topic = "inst", .native = decode_inst, .equal = equal_inst},
    [EVENT_PX] = {.topic = "px", .cf_channel = "ticker", .native = decode_px, .cryptofeed = decode_px,
                  .direct = decode_px_direct, .equal = equal_px},
    [EVENT_POS] = {.topic = "pos", .cf_channel = "positions", .booked = true, .native = decode_pos_native,
                   .cryptofeed = decode_pos_cryptofeed, .equal = equal_pos, .required = {"qty"},
                   .cf_required = {"position"}},
    [EVENT_FILL] = {.topic = "fill", .cf_channel = "fills", .booked = true, .native = decode_fill_native,
                    .cryptofeed = decode_fill_cryptofeed, .equal = equal_fill, .required = {"side", "qty", "px"},
                    .cf_required = {"side", "amount", "price"}},
};

const wire_kind *wire_kind_info(event_kind k)
{
    assert((unsigned)k < EVENT_KIND_COUNT);
    return &kinds[k];
}

/* ---- topics ---- */

typedef enum {
    TOPIC_NATIVE,    /* a kind's topic (wire_kind.topic) */
    TOPIC_CRYPTOFEED /* a kind's cryptofeed channel (wire_kind.cf_channel) */
} topic_family;

/* Cryptofeed's default channel keys that invtop does not use: ignored, counted. */
static const char *const cryptofeed_other_keys[] = {
    "trades", "book", "l2_book", "l3_book", "funding", "open_interest", "liquidations",
    "candles", "index", "balances", "order_info", "orders", "transactions", "hb",
};

static bool is_other_cryptofeed_key(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof cryptofeed_other_keys / sizeof *cryptofeed_other_keys; i++)
        if (wb_str_is(s, n, cryptofeed_other_keys[i]))
            return true;
    return false;
}

/* s[0..n) is name, a byte at a time: a name from the table is no literal
 * whose length the compiler folds, and a strlen per row and message cost
 * more than this compare (callgrind, bench_decode's feed mix). */
static inline bool is_name(const char *s, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (name[i] == '\0' || name[i] != s[i])
            return false;
    return name[n] == '\0';
}

/* The kind whose native topic (cryptofeed: false) or cryptofeed channel
 * (true) is s[0..n), or -1. Inline: a call per message cost 0.5% of the
 * receive path. */
static inline int kind_named(const char *s, size_t n, bool cryptofeed)
{
    for (int k = 0; k < EVENT_KIND_COUNT; k++) {
        const char *name = cryptofeed ? kinds[k].cf_channel : kinds[k].topic;
        if (name && is_name(s, n, name))
            return k;
    }
    return -1;
}

typedef struct {
    topic_family family;
    event_kind kind;
    const char *sym; /* symbol named by the topic, or NULL */
    size_t sym_len;
    const char *venue; /* cryptofeed: the exchange named by the topic, or NULL */
    size_t venue_len;
} topic_info;

/* Classify a topic. Native: KIND or KIND.SYMBOL. Cryptofeed: KEY or
 * EXCHANGE-KEY-SYMBOL (the symbol itself may contain '-'). */
static wire_status parse_topic(const char *t, size_t n, topic_info *ti)
{
    const char *dot = memchr(t, '.', n);
    size_t head = dot ? (size_t)(dot - t) : n;
    ti->sym = NULL;
    ti->sym_len = 0;
    ti->venue = NULL;
    ti->venue_len = 0;
    const int native = kind_named(t, head, false);
    if (native >= 0) {
        ti->family = TOPIC_NATIVE;
        ti->kind = (event_kind)native;
        if (dot) {
            ti->sym = dot + 1;
            ti->sym_len = n - head - 1;
            if (!wb_symbol_ok(ti->sym, ti->sym_len))
                return WIRE_ERR_SYMBOL;
        }
        return WIRE_OK;
    }
    const char *key = t;
    size_t key_len = n;
    const char *dash = memchr(t, '-', n);
    if (dash) {
        key = dash + 1;
        const char *dash2 = memchr(key, '-', n - (size_t)(key - t));
        key_len = dash2 ? (size_t)(dash2 - key) : n - (size_t)(key - t);
    }
    int kind = kind_named(key, key_len, true);
    if (kind >= 0) {
        ti->family = TOPIC_CRYPTOFEED;
        ti->kind = (event_kind)kind;
        if (dash) {
            ti->venue = t;
            ti->venue_len = (size_t)(dash - t);
            if (!wb_symbol_ok(ti->venue, ti->venue_len))
                return WIRE_ERR_SYMBOL;
            const char *after_key = key + key_len;
            if (after_key < t + n) { /* "-SYMBOL" follows the key */
                ti->sym = after_key + 1;
                ti->sym_len = (size_t)(t + n - ti->sym);
                if (!wb_symbol_ok(ti->sym, ti->sym_len))
                    return WIRE_ERR_SYMBOL;
            }
        }
        return WIRE_OK;
    }
    if (is_other_cryptofeed_key(key, key_len))
        return WIRE_IGNORED;
    return WIRE_ERR_KIND;
}

/* cryptofeed's `account` is a name the user chose in its config: any
 * string. As a book it keeps its symbol bytes, each other byte becomes '_',
 * and it is cut at 47 bytes; a non-string (or escaped) account is no book.
 * Never a reason to refuse a fill. */
static void account_book(const body_view *b, char *dst)
{
    const char *s;
    size_t n;
    int v = wb_find_value(b, "account");
    dst[0] = '\0';
    if (v < 0 || wb_tok_plain_string(b, v, &s, &n) != WIRE_OK)
        return;
    if (n >= EVENT_SYM_MAX)
        n = EVENT_SYM_MAX - 1;
    for (size_t i = 0; i < n; i++)
        dst[i] = wb_symbol_ok(s + i, 1) ? s[i] : '_';
    dst[n] = '\0';
}

/* A symbol-shaped field the topic may also name (the symbol, a cryptofeed
 * exchange): the body's value when present, which must then agree with the
 * topic's; else the topic's; else "" or, when required, missing. */
static wire_status topic_field(const body_view *b, int key_at, const char *from_topic,
                               size_t topic_len, bool required, char *dst)
{
    dst[0] = '\0';
    const int v = key_at < 0 ? -1 : b->key[key_at] + 1;
    if (v >= 0 && (required || !wb_is_null(b, v))) {
        const jsmntok_t *t = &b->tok[v];
        if (from_topic && t->type == JSMN_STRING && (size_t)(t->end - t->start) == topic_len &&
            memcmp(b->js + t->start, from_topic, topic_len) == 0) {
            memcpy(dst, from_topic, topic_len); /* the topic's symbol, checked already */
            dst[topic_len] = '\0';
            return WIRE_OK;
        }
        TRY(wb_key_symbol(b, key_at, required, dst));
        if (from_topic && !wb_str_is(from_topic, topic_len, dst))
            return WIRE_ERR_TOPIC;
        return WIRE_OK;
    }
    if (from_topic) {
        memcpy(dst, from_topic, topic_len);
        dst[topic_len] = '\0';
        return WIRE_OK;
    }
    return required ? WIRE_ERR_MISSING : WIRE_OK;
}

/* ---- the fast path: a native px body of plain, valid values ---- */

/* In the order invtop-feed and the examples write them (any order is read). */
enum { PK_SYM, PK_TS, PK_SEQ, PK_SRC, PK_BID, PK_ASK, PK_MID, PK_LAST, PK_VENUE, PK_IV, PK_COUNT };
#define KEY(s) {s, sizeof s - 1}
static const wb_known_key px_keys[PK_COUNT] = {
    [PK_SYM] = KEY("sym"), [PK_TS] = KEY("ts"),   [PK_SEQ] = KEY("seq"),
    [PK_SRC] = KEY("src"), [PK_BID] = KEY("bid"), [PK_ASK] = KEY("ask"),
    [PK_MID] = KEY("mid"), [PK_LAST] = KEY("last"), [PK_VENUE] = KEY("venue"),
    [PK_IV] = KEY("iv"),
};
#undef KEY
#define PK_BIT(k) (1u << (k))
#define PK_STRINGS (PK_BIT(PK_SRC) | PK_BIT(PK_SYM) | PK_BIT(PK_VENUE))

/* A symbol value: its bytes are symbol bytes (wb_scan_known saw to that);
 * true with dst set when its length is one a symbol may have. */
static bool known_symbol(const wb_known_val *v, char *dst)
{
    if (!wb_symbol_len_ok(v->len))
        return false;
    memcpy(dst, v->s, v->len);
    dst[v->len] = '\0';
    return true;
}

/* Decode a native px body the way decode_common, topic_field and decode_px
 * do, without tokens, key table or lookups: true when it produced the
 * event. It takes only bodies of the keys those read, each a plain value of
 * the right type, and only outcomes of WIRE_OK; false on anything else, a
 * refusal included, leaves the body to the general path (which then decides
 * as it always has), so both give the same status and event (tests/fuzz).
 * sym: the topic's symbol (checked by parse_topic), NULL when it names none. */
static bool decode_px_direct(const char *body, size_t len, const char *sym, size_t sym_len, event *ev)
{
    uint32_t f, nums;
    wb_known_val v[PK_COUNT];
    if (!wb_scan_known(body, len, px_keys, PK_COUNT, &f, &nums, v))
        return false;
    if ((nums ^ f) != (f & PK_STRINGS))
        return false; /* a number where a string belongs, or the reverse */
    ev->kind = EVENT_PX;
    ev->origin = EVENT_FROM_NATIVE;
    ev->ts = f & PK_BIT(PK_TS) ? v[PK_TS].num : NAN;
    if (check_ts(ev->ts) != WIRE_OK)
        return false;
    ev->has_seq = false;
    if ((f & PK_BIT(PK_SEQ)) && set_seq(v[PK_SEQ].num, ev) != WIRE_OK)
        return false;
    ev->src[0] = '\0';
    if ((f & PK_BIT(PK_SRC)) && !known_symbol(&v[PK_SRC], ev->src))
        return false;
    /* the symbol: the body's must be the topic's when both name one */
    if (f & PK_BIT(PK_SYM)) {
        if (sym && !(v[PK_SYM].len == sym_len && memcmp(v[PK_SYM].s, sym, sym_len) == 0))
            return false;
        if (!known_symbol(&v[PK_SYM], ev->sym))
            return false;
    } else {
        if (!sym)
            return false;
        memcpy(ev->sym, sym, sym_len); /* checked by parse_topic */
        ev->sym[sym_len] = '\0';
    }
    ev->venue[0] = '\0'; /* a native topic names no venue */
    if ((f & PK_BIT(PK_VENUE)) && !known_symbol(&v[PK_VENUE], ev->venue))
        return false;
    ev->book[0] = '\0';
    /* as decode_px: bid/ask when either is there, else mid, else last */
    const double bid = f & PK_BIT(PK_BID) ? v[PK_BID].num : NAN;
    const double ask = f & PK_BIT(PK_ASK) ? v[PK_ASK].num : NAN;
    const double iv = f & PK_BIT(PK_IV) ? v[PK_IV].num : NAN;
    if (check_iv(iv) != WIRE_OK)
        return false;
    if (!isnan(bid) || !isnan(ask)) {
        if (set_two_sided(bid, ask, &ev->u.px) != WIRE_OK)
            return false;
    } else {
        const double mid = f & PK_BIT(PK_MID) ? v[PK_MID].num : f & PK_BIT(PK_LAST) ? v[PK_LAST].num : NAN;
        if (set_mid(mid, &ev->u.px) != WIRE_OK)
            return false;
    }
    ev->u.px.iv = iv;
    return true;
}

static wire_status decode_view(const body_view *b, const topic_info *ti, event *ev);

static wire_status decode(const char *topic, size_t topic_len, const char *body, size_t body_len,
                          event *ev, bool fast)
{
    jsmntok_t tok[WIRE_MAX_TOKENS];
    body_view b;
    topic_info ti;
    if (topic_len == 0 || body_len == 0)
        return WIRE_ERR_FRAMING;
    if (topic_len > WIRE_MAX_FRAME || body_len > WIRE_MAX_FRAME)
        return WIRE_ERR_OVERSIZE;
    TRY(parse_topic(topic, topic_len, &ti));
    const wire_kind *k = &kinds[ti.kind];
    const bool native = ti.family == TOPIC_NATIVE;
    if (fast && native && k->direct && k->direct(body, body_len, ti.sym, ti.sym_len, ev))
        return WIRE_OK;
    TRY(wb_parse_body(body, body_len, tok, &b));
    b.numeric_strings = !native; /* cryptofeed's numeric_type=str */
    return decode_view(&b, &ti, ev);
}

/* The event from body b, parsed already, of the kind and family ti names:
 * the common fields, then the kind's part. */
static wire_status decode_view(const body_view *b, const topic_info *ti, event *ev)
{
    const wire_kind *k = &kinds[ti->kind];
    const bool native = ti->family == TOPIC_NATIVE;
    ev->kind = ti->kind;
    ev->origin = native ? EVENT_FROM_NATIVE : EVENT_FROM_CRYPTOFEED;
    /* the keys' names differ by family; each lookup is by a literal */
    TRY(decode_common(b, native ? wb_find_key(b, "ts") : wb_find_key(b, "timestamp"), ev));
    TRY(topic_field(b, native ? wb_find_key(b, "sym") : wb_find_key(b, "symbol"), ti->sym,
                    ti->sym_len, true, ev->sym));
    TRY(topic_field(b, native ? wb_find_key(b, "venue") : wb_find_key(b, "exchange"), ti->venue,
                    ti->venue_len, false, ev->venue));
    ev->book[0] = '\0';
    if (k->booked) {
        if (native)
            TRY(wb_get_symbol(b, "book", false, ev->book));
        else
            account_book(b, ev->book);
    }
    assert(native ? k->native != NULL : k->cryptofeed != NULL); /* parse_topic found its name */
    return native ? k->native(b, ev) : k->cryptofeed(b, ev);
}

wire_status wire_decode(const char *topic, size_t topic_len, const char *body, size_t body_len,
                        event *ev)
{
    return decode(topic, topic_len, body, body_len, ev, true);
}

wire_status wire_decode_mapped(event_kind kind, const char *body, size_t len, event *ev)
{
    jsmntok_t tok[WIRE_MAX_TOKENS];
    body_view b;
    assert((unsigned)kind < EVENT_KIND_COUNT);
    if (len == 0)
        return WIRE_ERR_FRAMING;
    if (len > WIRE_MAX_FRAME)
        return WIRE_ERR_OVERSIZE;
    const wire_kind *k = &kinds[kind];
    /* the fast path takes numbers only as numbers: a numeric string makes
     * it decline, and the general path below reads it */
    if (k->direct && k->direct(body, len, NULL, 0, ev))
        return WIRE_OK;
    TRY(wb_parse_body(body, len, tok, &b));
    b.numeric_strings = true;
    const topic_info ti = {.family = TOPIC_NATIVE, .kind = kind};
    return decode_view(&b, &ti, ev);
}

bool wire_events_equal(const event *a, const event *b)
{
    if (a->kind != b->kind || a->origin != b->origin || strcmp(a->sym, b->sym) != 0 ||
        strcmp(a->venue, b->venue) != 0 || strcmp(a->book, b->book) != 0 ||
        strcmp(a->src, b->src) != 0 || !same_bits(a->ts, b->ts) || a->has_seq != b->has_seq ||
        (a->has_seq && a->seq != b->seq))
        return false;
    return (unsigned)a->kind < EVENT_KIND_COUNT && kinds[a->kind].equal(a, b);
}

wire_status wire_decode_general(const char *topic, size_t topic_len, const char *body,
                                size_t body_len, event *ev)
{
    return decode(topic, topic_len, body, body_len, ev, false);
}

wire_status wire_decode_frames(size_t nframes, const char *const frames[], const size_t lens[],
                               event *ev)
{
    /* Only the first two frames are ever looked at: a receiver keeps no more. */
    if (nframes == 0 || nframes > 2)
        return WIRE_ERR_FRAMING;
    for (size_t i = 0; i < nframes; i++)
        if (lens[i] > WIRE_MAX_FRAME)
            return WIRE_ERR_OVERSIZE;
    if (nframes == 2)
        return wire_decode(frames[0], lens[0], frames[1], lens[1], ev);
    const char *sp = memchr(frames[0], ' ', lens[0]);
    if (!sp)
        return WIRE_ERR_FRAMING;
    size_t tl = (size_t)(sp - frames[0]);
    return wire_decode(frames[0], tl, sp + 1, lens[0] - tl - 1, ev);
}

wire_status wire_decode_quote(const char *topic, size_t topic_len, const char *body,
                              size_t body_len, wire_quote *out)
{
    jsmntok_t tok[WIRE_MAX_TOKENS];
    body_view b;
    if (topic_len < 5 || memcmp(topic, "quote", 5) != 0 || (topic_len > 5 && topic[5] != '.'))
        return WIRE_ERR_KIND;
    if (body_len > WIRE_MAX_FRAME)
        return WIRE_ERR_OVERSIZE;
    TRY(wb_parse_body(body, body_len, tok, &b));
    TRY(wb_get_symbol(&b, "sym", true, out->sym));
    out->bid = NAN;
    out->ask = NAN;
    TRY(wb_opt_number(&b, "bid", &out->bid));
    TRY(wb_opt_number(&b, "ask", &out->ask));
    if (!isnan(out->bid))
        TRY(check_price(out->bid));
    if (!isnan(out->ask))
        TRY(check_price(out->ask));
    if (!isnan(out->bid) && !isnan(out->ask) && out->bid > out->ask)
        return WIRE_ERR_CROSSED;
    out->paused = false;
    return wb_opt_bool(&b, "paused", &out->paused);
}
