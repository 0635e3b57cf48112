/* bench_srcmap.c - venues' own messages mapped by [source NAME] sections
 * (issue 24), in process, one core: a Deribit perpetual ticker (~1 KB of
 * JSON-RPC) through the shipped sources/deribit.ini, beside the native px
 * decode of the event it gives, in the same run. The ticker twice: as the
 * API docs print it (a space around every colon) and compact, as Deribit's
 * websocket sends it; the three take turns in each round. Goal: 1,000,000
 * mapped messages a second. Figures only: nothing here fails on a timing. */
#include <ini.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invtop/srcmap.h"
#include "invtop/wire.h"

#define N_MSGS 1024 /* distinct messages, cycled */
#define PER_ROUND 200000
#define ROUNDS 15 /* best of: this machine has bursts of stolen time */

/* Deribit API docs, ticker.BTC-PERPETUAL.raw, its prices and time varied. */
static const char ticker_fmt[] =
    "{\"params\" : {\"data\" : {\"timestamp\" : %lld,\"stats\" : {\"volume_usd\" : 284061480,\"volume\" : "
    "7871.02139035,\"price_change\" : 0.7229,\"low\" : 35213.5,\"high\" : 36824.5},\"state\" : "
    "\"open\",\"settlement_price\" : 36169.49,\"open_interest\" : 502097590,\"min_price\" : 35898.37,\"max_price\" : "
    "36991.72,\"mark_price\" : 36446.51,\"last_price\" : 36457.5,\"interest_value\" : "
    "1.7362511643080387,\"instrument_name\" : \"BTC-PERPETUAL\",\"index_price\" : 36441.64,\"funding_8h\" : "
    "0.0000211,\"estimated_delivery_price\" : 36441.64,\"current_funding\" : 0,\"best_bid_price\" : "
    "%.1f,\"best_bid_amount\" : 5000,\"best_ask_price\" : %.1f,\"best_ask_amount\" : 100 }, \"channel\" : "
    "\"ticker.BTC-PERPETUAL.raw\" },\"method\" : \"subscription\",\"jsonrpc\" : \"2.0\" }";

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The same message compact: no white space, as it comes off the socket. */
static size_t compact(const char *in, size_t n, char *out)
{
    size_t k = 0;
    bool quoted = false;
    for (size_t i = 0; i < n; i++) {
        if (in[i] == '"' && (i == 0 || in[i - 1] != '\\'))
            quoted = !quoted;
        if (quoted || (in[i] != ' ' && in[i] != '\t'))
            out[k++] = in[i];
    }
    out[k] = '\0';
    return k;
}

/* One round of n decodes of msgs (cycled): its rate, *bad counting those
 * that did not give one event. */
static double map_round(const srcmap *m, srcmap_ctx *cx, char (*msgs)[1200], const size_t *len,
                        unsigned long long *bad)
{
    srcmap_result r;
    const double t0 = now_s();
    for (int k = 0; k < PER_ROUND; k++) {
        const int i = k & (N_MSGS - 1);
        const char *f[1] = {msgs[i]};
        srcmap_decode(m, cx, 1, f, &len[i], &r);
        *bad += r.status != WIRE_OK || r.nevents != 1;
    }
    return PER_ROUND / (now_s() - t0);
}


static int on_ini(void *user, const char *section, const char *key, const char *value)
{
    char err[256];
    if (strncmp(section, "source ", 7) != 0)
        return 1;
    if (srcmap_set(user, section + 7, key, value, err, sizeof err) != 0) {
        fprintf(stderr, "bench_srcmap: %s\n", err);
        return 0;
    }
    return 1;
}

int main(void)
{
    srcmap *m = srcmap_new();
    srcmap_ctx *cx = srcmap_ctx_new();
    char err[256];
    if (!m || !cx || ini_parse("sources/deribit.ini", on_ini, m) != 0 || srcmap_check(m, err, sizeof err) != 0) {
        fprintf(stderr, "bench_srcmap: cannot load sources/deribit.ini (run from the source tree)\n");
        return 1;
    }
    static char mapped[N_MSGS][1200], tight[N_MSGS][1200], native[N_MSGS][200];
    static size_t mlen[N_MSGS], tlen[N_MSGS], nlen[N_MSGS];
    for (int i = 0; i < N_MSGS; i++) {
        const double bid = 36000 + i * 0.5;
        mlen[i] = (size_t)snprintf(mapped[i], sizeof mapped[i], ticker_fmt, 1623060194301LL + i, bid, bid + 0.5);
        tlen[i] = compact(mapped[i], mlen[i], tight[i]);
        nlen[i] = (size_t)snprintf(native[i], sizeof native[i],
                                   "{\"sym\":\"BTC-PERPETUAL\",\"venue\":\"DERIBIT\",\"bid\":%.1f,\"ask\":%.1f,"
                                   "\"ts\":%.3f}",
                                   bid, bid + 0.5, (1623060194301.0 + i) / 1000);
    }
    double best_native = 0, best_mapped = 0, best_tight = 0;
    unsigned long long bad = 0;
    event ev;
    for (int round = 0; round < ROUNDS; round++) {
        double t0 = now_s();
        for (int k = 0; k < PER_ROUND; k++) {
            const int i = k & (N_MSGS - 1);
            bad += wire_decode("px", 2, native[i], nlen[i], &ev) != WIRE_OK;
        }
        double rate = PER_ROUND / (now_s() - t0);
        if (rate > best_native)
            best_native = rate;
        rate = map_round(m, cx, mapped, mlen, &bad);
        if (rate > best_mapped)
            best_mapped = rate;
        rate = map_round(m, cx, tight, tlen, &bad);
        if (rate > best_tight)
            best_tight = rate;
    }
    if (bad) {
        fprintf(stderr, "bench_srcmap: %llu messages not decoded (bug)\n", bad);
        return 1;
    }
    printf("mapped messages (issue 24: in process, best of %d rounds x %d msgs, one core)\n", ROUNDS, PER_ROUND);
    printf("  %-40s %12.0f msg/s\n", "native px decode (the event's body)", best_native);
    printf("  %-40s %12.0f msg/s   ratio to native %.3f   target 1,000,000: %s\n",
           "Deribit perp ticker as documented", best_mapped, best_mapped / best_native,
           best_mapped >= 1e6 ? "met" : "NOT met");
    printf("  %-40s %12.0f msg/s   ratio to native %.3f   target 1,000,000: %s\n",
           "the same, compact as sent", best_tight, best_tight / best_native, best_tight >= 1e6 ? "met" : "NOT met");
    printf("  (%zu and %zu bytes; through sources/deribit.ini, all six sections)\n", mlen[0], tlen[0]);
    srcmap_ctx_free(cx);
    srcmap_free(m);
    return 0;
}
