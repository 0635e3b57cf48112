/* ccy.c - currencies and their rates (see ccy.h). */
#include "invtop/ccy.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* A rate through a binding looks at most this many currencies deep (a
 * binding to an instrument quoted in a bound currency quoted in ...). */
#define CCY_MAX_DEPTH 3

void ccy_default_params(ccy_params *p)
{
    memset(p, 0, sizeof *p);
    snprintf(p->report, sizeof p->report, "%s", CCY_DEFAULT);
}

static bool upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

bool ccy_code_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 10 || !upper(s[0]))
        return false;
    for (size_t k = 0; k < n; k++)
        if (!upper(s[k]) && !digit(s[k]))
            return false;
    return true;
}

bool ccy_is_stable(const char *name)
{
    static const char *const stable[] = {"USDT", "USDC", "BUSD", "FDUSD", "DAI", "TUSD", "USDP", "PYUSD"};
    for (size_t k = 0; k < sizeof stable / sizeof *stable; k++)
        if (strcmp(name, stable[k]) == 0)
            return true;
    return false;
}

static bool separator(char c)
{
    return c == '-' || c == '/' || c == '_';
}

/* The quote currencies a symbol may name, longest first where one ends
 * another (FDUSD, USDT... before USD). */
static const char *const known_quotes[] = {"FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USDP", "DAI", "USD",
                                           "EUR",   "GBP",  "JPY",  "TRY",  "BRL",  "BTC",  "ETH"};
#define NKNOWN (sizeof known_quotes / sizeof *known_quotes)

/* The second token of a separated symbol (s[at] is its first separator),
 * up to the next separator or ':', when it is a known quote. */
static bool infer_separated(const char *s, size_t at, char *out)
{
    const char *q = s + at + 1;
    size_t n = 0;
    while (q[n] && !separator(q[n]) && q[n] != ':')
        n++;
    for (size_t k = 0; k < NKNOWN; k++)
        if (strlen(known_quotes[k]) == n && memcmp(q, known_quotes[k], n) == 0) {
            memcpy(out, q, n);
            out[n] = '\0';
            return true;
        }
    return false;
}

/* A known quote at the end of a concatenated symbol (len n): the longest
 * that leaves a base of 3 or more, else of 2 (XBTUSD: USD, not TUSD). */
static bool infer_concatenated(const char *s, size_t n, char *out)
{
    for (size_t k = 0; k < n; k++)
        if (!upper(s[k]) && !digit(s[k]))
            return false;
    for (size_t base = 3; base >= 2; base--)
        for (size_t k = 0; k < NKNOWN; k++) {
            size_t m = strlen(known_quotes[k]);
            if (n >= m + base && memcmp(s + n - m, known_quotes[k], m) == 0) {
                memcpy(out, known_quotes[k], m + 1);
                return true;
            }
        }
    return false;
}

bool ccy_infer(const char *sym, char *out)
{
    const size_t n = strlen(sym);
    assert(n < EVENT_SYM_MAX);
    for (size_t k = 0; k < n; k++)
        if (separator(sym[k]))
            return k > 0 && infer_separated(sym, k, out);
    return infer_concatenated(sym, n, out);
}

void ccy_quote_of(const book_inst *in, const char *report, char *out)
{
    if (in->ref.quote[0])
        snprintf(out, EVENT_SYM_MAX, "%s", in->ref.quote);
    else if (!ccy_infer(in->sym, out))
        snprintf(out, EVENT_SYM_MAX, "%s", report);
}

int ccy_index(ccy_table *t, const char *name, bool add)
{
    for (size_t k = 0; k < t->n; k++)
        if (strcmp(t->c[k].name, name) == 0)
            return (int)k;
    if (!add || t->n == CCY_MAX)
        return -1;
    ccy_rate *c = &t->c[t->n];
    snprintf(c->name, sizeof c->name, "%s", name);
    c->rate = NAN;
    c->src = CCY_RATE_NONE;
    c->inst = -1;
    c->ninst = 0;
    return (int)t->n++;
}

double ccy_rate_at(const ccy_table *t, int k)
{
    return k >= 0 && (size_t)k < t->n ? t->c[k].rate : NAN;
}

const char *ccy_source_name(ccy_source s)
{
    static const char *const names[] = {"none", "report", "bound", "market", "assumed"};
    return (unsigned)s <= CCY_RATE_ASSUMED ? names[s] : "none";
}

/* Rank of an instrument as the market source of its underlying's rate:
 * lower wins, 0 never (not linear delta-one). */
static int market_rank(const book_inst *in)
{
    return in->ref.settle == INST_SETTLE_LINEAR ? book_delta_one_rank(in->ref.kind) : 0;
}

static const ccy_binding *binding_of(const ccy_params *p, const char *name)
{
    for (size_t k = 0; k < p->nbind; k++)
        if (strcmp(p->bind[k].name, name) == 0)
            return &p->bind[k];
    return NULL;
}

/* The rate of currency k through its binding: the bound instrument's mid
 * times its quote currency's rate (resolved here when bound too). */
static void resolve(ccy_table *t, const ccy_params *p, const book *b, const int *inst_ccy, int k, int depth)
{
    ccy_rate *c = &t->c[k];
    const ccy_binding *bd = binding_of(p, c->name);
    if (!bd || c->src != CCY_RATE_NONE || depth > CCY_MAX_DEPTH)
        return;
    const long i = book_find(b, bd->inst);
    const book_inst *in = i >= 0 ? book_at(b, (size_t)i) : NULL;
    if (!in || !(in->mid > 0) || inst_ccy[i] < 0 || inst_ccy[i] == k)
        return;
    resolve(t, p, b, inst_ccy, inst_ccy[i], depth + 1);
    const double via = t->c[inst_ccy[i]].rate;
    if (!isnan(via)) {
        c->rate = in->mid * via;
        c->src = CCY_RATE_BOUND;
        c->inst = i;
    }
}

void ccy_rates(ccy_table *t, const ccy_params *p, const book *b, int *inst_ccy)
{
    const size_t n = book_count(b);
    char q[EVENT_SYM_MAX];
    t->n = 0;
    const int report = ccy_index(t, p->report, true);
    assert(report == 0);
    t->c[report].rate = 1;
    t->c[report].src = CCY_RATE_REPORT;
    for (size_t i = 0; i < n; i++) {
        ccy_quote_of(book_at(b, i), p->report, q);
        inst_ccy[i] = ccy_index(t, q, true);
        if (inst_ccy[i] >= 0)
            t->c[inst_ccy[i]].ninst++;
    }
    /* the market's: one pass, the best rank per currency, first seen */
    int best[CCY_MAX];
    for (size_t k = 0; k < t->n; k++)
        best[k] = 99;
    for (size_t i = 0; i < n; i++) {
        const book_inst *in = book_at(b, i);
        const int rank = market_rank(in);
        if (rank == 0 || inst_ccy[i] != report || !(in->mid > 0))
            continue;
        const int k = ccy_index(t, book_underlying(in), false);
        if (k <= 0 || binding_of(p, t->c[k].name) || rank >= best[k])
            continue;
        best[k] = rank;
        t->c[k].rate = in->mid;
        t->c[k].src = CCY_RATE_MARKET;
        t->c[k].inst = (long)i;
    }
    for (size_t k = 1; k < t->n; k++)
        resolve(t, p, b, inst_ccy, (int)k, 0);
    /* stablecoins without a price, then the bindings that wanted one */
    const double usd = ccy_rate_at(t, ccy_index(t, "USD", false));
    bool assumed = false;
    for (size_t k = 1; k < t->n; k++)
        if (t->c[k].src == CCY_RATE_NONE && ccy_is_stable(t->c[k].name) && !isnan(usd)) {
            t->c[k].rate = usd;
            t->c[k].src = CCY_RATE_ASSUMED;
            assumed = true;
        }
    for (size_t k = 1; assumed && k < t->n; k++)
        resolve(t, p, b, inst_ccy, (int)k, 0);
}
