/* toolopts.c - the option tables of invtop-feed, invtop-sim and invtop-relay
 * (see toolopts.h). */
#include "tui/toolopts.h"

#include <string.h>

#include "invtop/ordconsumer.h"
#include "invtop/version.h"

static int done(ot_result r)
{
    return r == OT_RUN ? 0 : r == OT_EXIT_OK ? 1 : 2;
}

/* ---- invtop-feed ---- */

static const char *const scenarios[] = {"calm", "trend", "crash", NULL}; /* synth_scenario */
_Static_assert(sizeof(synth_scenario) == sizeof(int), "OT_CHOICE writes an int");

#define F(field) offsetof(feed_opts, field)
_Static_assert(OC_SEEN_MAX == 4096, "--orders' help says how many ids are remembered");

static const ot_row feed_rows[] = {
    {.name = "bind", .arg = "ENDPOINT", .group = "Sockets", .type = OT_LIST, .defs = "tcp://127.0.0.1:5555",
     .off = F(bind), .off_n = F(nbind), .cap = FEED_MAX_ENDPOINTS,
     .help = "PUB bind, repeatable; none with --connect alone"},
    {.name = "connect", .arg = "ENDPOINT", .group = "Sockets", .type = OT_LIST, .off = F(connect),
     .off_n = F(nconnect), .cap = FEED_MAX_ENDPOINTS, .help = "PUB connect instead of or besides binding (repeatable)"},
    {.name = "warmup-ms", .arg = "MS", .group = "Sockets", .type = OT_MS, .def = 300, .min = 0, .max = 600000,
     .off = F(warmup_s), .help = "wait before the first message so subscribers join"},
    {.name = "wait-subscriber", .arg = "S", .group = "Sockets", .type = OT_DOUBLE, .def = 0, .min = 0.001,
     .max = 86400, .off = F(wait_sub_s),
     .help = "instead, send nothing until a subscriber has subscribed (an XPUB), so nothing is lost; "
             "exit 1 if none has within S seconds"},
    {.name = "quotes", .arg = "ENDPOINT", .group = "Sockets", .type = OT_ENDPOINT, .off = F(quotes),
     .help = "subscribe to invtop's quote channel and fill those quotes instead of its own"},
    {.name = "orders", .arg = "ENDPOINT", .group = "Sockets", .type = OT_ENDPOINT, .off = F(orders),
     .help = "connect a DEALER to invtop's order channel: acknowledge each hedge order, execute each "
             "cl_ord_id once at the market's touch (buy at the ask, sell at the bid), publish its fill with "
             "the order's book and cl_ord_id; remembers the last 4096 ids (an older one sent again would "
             "execute again)"},
    {.name = "fee-bps", .arg = "B", .group = "Market", .type = OT_DOUBLE, .def = 5, .min = 0, .max = 1000,
     .needs = "orders", .off = F(fee_bps), .help = "the fee of an order's fill, in bp of its notional (quote currency)"},
    {.name = "instruments", .arg = "N", .group = "Market", .type = OT_SIZE, .def = 8, .min = 1, .max = 100000,
     .off = F(synth.instruments), .help = "number of instruments (perp, spot and future per underlying)"},
    {.name = "underlyings", .arg = "N", .group = "Market", .type = OT_SIZE, .def = 0, .min = 1, .max = 1000,
     .unset = "from --instruments, 1 to 8", .off = F(synth.underlyings), .help = "number of underlyings"},
    {.name = "rate", .arg = "N|max", .group = "Market", .type = OT_DOUBLE, .flags = OT_MAX, .def = 1000,
     .min = 0.001, .max = 1e9, .off = F(rate), .help = "messages per second"},
    {.name = "count", .arg = "N", .group = "Market", .type = OT_LLONG, .def = 0, .min = 1, .max = 1e15,
     .unset = "forever", .off = F(count), .help = "stop after N messages"},
    {.name = "seed", .arg = "N", .group = "Market", .type = OT_ULONG, .def = 1, .min = 0, .max = 4294967295.0,
     .off = F(synth.seed), .help = "random seed: a seed fixes the market"},
    {.name = "scenario", .arg = "NAME", .group = "Market", .type = OT_CHOICE, .def = SYNTH_CALM,
     .choices = scenarios, .off = F(synth.scenario), .help = "calm, trend or crash: drift, volatility and jumps"},
    {.name = "options", .group = "Market", .type = OT_FLAG, .off = F(synth.options),
     .help = "add options on BTC and ETH and an ETH-USDC-LP pool range (those of the two that are underlyings)"},
    {.name = "speedup", .arg = "X", .group = "Market", .type = OT_DOUBLE, .def = 1, .min = 1e-3, .max = 1e6,
     .off = F(speedup), .help = "simulated seconds per second of wall time"},
    {.name = "curve-secret", .arg = "FILE", .group = "Security", .type = OT_STR, .off = F(curve_secret),
     .help = "CURVE key pair (server on --bind, client on --connect)"},
    {.name = "server-key", .arg = "KEY|FILE", .group = "Security", .type = OT_STR, .off = F(server_key),
     .help = "the CURVE public key of invtop for --connect and --quotes"},
    {.name = "allow-keys", .arg = "FILE|DIR", .group = "Security", .type = OT_STR, .needs = "curve-secret",
     .off = F(allow_keys), .help = "subscribers allowed when binding"},
    {.name = "quiet", .group = "General", .type = OT_FLAG, .off = F(quiet), .help = "no summary on standard error"},
    {.name = "help", .group = "General", .type = OT_HELP, .help = "this help"},
    {.name = "version", .group = "General", .type = OT_VERSION, .help = "print the version"},
    {.name = "manpage", .group = "General", .type = OT_MANPAGE, .help = "print the invtop-feed(1) man page source"},
};

static const ot_prog feed = {
    .name = "invtop-feed",
    .version = INVTOP_VERSION,
    .synopsis = "[OPTION]...",
    .summary = "a synthetic market for invtop, over ZeroMQ",
    .about = "Publishes wire protocol v1 messages on a PUB socket: inst messages first and\n"
             "every 2 s, prices for --instruments symbols (perp, spot and future per\n"
             "underlying) following correlated geometric Brownian motion with jumps, fills of\n"
             "a market maker quoting around mid (Poisson arrivals with intensity\n"
             "A*exp(-k*delta)), and absolute pos snapshots every 3 s. Every message carries\n"
             "seq and src. Simulated time advances by 1/rate per message (times --speedup),\n"
             "so a seed fixes the market.\n"
             "\n"
             "--options adds 80 options: BTC and ETH, expiries 1, 7, 30 and 90 days out,\n"
             "5 strikes around the money, calls and puts, priced by Black-Scholes at the\n"
             "implied volatility of a smile whose level moves against the underlying. A px\n"
             "carries iv and mid (the mark) beside bid and ask (a wing bid under a tick: mid\n"
             "and iv alone), for one option every 20 ms; the desk trades one about every\n"
             "15 s. And one ETH-USDC-LP pool range: an inst of kind lp with its lower and\n"
             "upper bounds, and a pos whose qty is its liquidity.",
    .man_tail = ".SH EXIT STATUS\n0 success, 1 runtime failure, 2 usage error.\n"
                ".SH SEE ALSO\n.BR invtop (1),\n.BR invtop\\-sim (1)\n",
    .rows = feed_rows,
    .nrows = sizeof feed_rows / sizeof *feed_rows,
};

const ot_prog *feed_prog(void)
{
    return &feed;
}

void feed_defaults(feed_opts *o)
{
    memset(o, 0, sizeof *o);
    synth_default_opts(&o->synth); /* what no option sets: spreads, fill model, cadence */
    ot_defaults(feed.rows, feed.nrows, o);
}

int feed_parse(int argc, char **argv, feed_opts *o, FILE *out, FILE *err_out)
{
    feed_defaults(o);
    ot_result r = ot_parse_args(&feed, o, argc, argv, NULL, NULL, out, err_out);
    if (r == OT_RUN && o->nconnect == 0)
        ot_list_default(ot_find_name(feed.rows, feed.nrows, "bind"), o);
    return done(r);
}

/* ---- invtop-sim ---- */

#define S(field) offsetof(sim_opts, field)
#define LOOP "Closed loop"

static const ot_row sim_rows[] = {
    {.name = "paths", .arg = "N", .group = "The paper's table", .type = OT_SIZE, .def = 1000, .min = 2,
     .max = 1e8, .off = S(paper.paths), .help = "paths per gamma and strategy, as in the paper"},
    {.name = "seed", .arg = "N", .group = "The paper's table", .type = OT_ULONG, .def = 1, .min = 0,
     .max = 4294967295.0, .off = S(seed), .help = "random seed; with --closed-loop the market's"},
    {.name = "closed-loop", .group = LOOP, .type = OT_FLAG, .off = S(closed_loop),
     .help = "run the closed loop instead of the paper's table"},
    {.name = "seconds", .arg = "S", .group = LOOP, .type = OT_DOUBLE, .def = 600, .min = 0.001, .max = 1e7,
     .needs = "closed-loop", .off = S(loop.seconds), .help = "simulated seconds"},
    {.name = "rate", .arg = "N", .group = LOOP, .type = OT_DOUBLE, .def = 500, .min = 1, .max = 1e7,
     .needs = "closed-loop", .off = S(loop.rate), .help = "market messages per simulated second"},
    {.name = "interval", .arg = "MS", .group = LOOP, .type = OT_MS, .def = 1000, .min = 1, .max = 1e9,
     .needs = "closed-loop", .off = S(loop.interval_s), .help = "snapshot period in simulated milliseconds"},
    {.name = "latency-ms", .arg = "MS", .group = LOOP, .type = OT_MS, .def = 0, .min = 0, .max = 1e7,
     .needs = "closed-loop", .off = S(loop.latency_s), .help = "simulated delay from a published quote to the market"},
    {.name = "snapshots", .group = LOOP, .type = OT_FLAG, .needs = "closed-loop", .off = S(snapshots),
     .help = "invtop's headless JSON snapshots on standard output, the summary on standard error"},
    {.name = "help", .group = "General", .type = OT_HELP, .help = "this help"},
    {.name = "version", .group = "General", .type = OT_VERSION, .help = "print the version"},
    {.name = "manpage", .group = "General", .type = OT_MANPAGE, .help = "print the invtop-sim(1) man page source"},
};

static const ot_prog sim = {
    .name = "invtop-sim",
    .version = INVTOP_VERSION,
    .synopsis = "[--paths N] [--seed N]\n--closed-loop [OPTION]... [-- INVTOP-OPTION...]",
    .summary = "reproduce Avellaneda and Stoikov (2008) with invtop's skew model",
    .about = "Runs the simulation of Avellaneda & Stoikov, \"High-frequency trading in a limit\n"
             "order book\" (2008), section 3.3: s0 100, T 1, sigma 2, dt 0.005, k 1.5, A 140,\n"
             "for gamma 0.1, 0.01 and 0.5, with the inventory strategy (quotes around the\n"
             "reservation price, the function invtop's dashboard uses) and the symmetric one,\n"
             "and prints its spread, profit and final inventory beside the paper's table.\n"
             "\n"
             "With --closed-loop it runs invtop's quotes against the synthetic market of\n"
             "invtop-feed in one process, on simulated time (no clock, no waiting): each\n"
             "quote is encoded and decoded as on the wire and reaches the market --latency-ms\n"
             "later, so the seed and the options fix every number. It reports the inventory.\n"
             "Options after -- are invtop's (--model, --gamma, ...); no config file or\n"
             "override journal is read unless given there.",
    .man_tail = ".SH EXIT STATUS\n0 success, 1 runtime failure, 2 usage error.\n"
                ".SH SEE ALSO\n.BR invtop (1),\n.BR invtop\\-feed (1)\n",
    .rows = sim_rows,
    .nrows = sizeof sim_rows / sizeof *sim_rows,
};

const ot_prog *sim_prog(void)
{
    return &sim;
}

void sim_defaults(sim_opts *o)
{
    memset(o, 0, sizeof *o);
    assim_default_params(&o->paper); /* the paper's model */
    cl_default_params(&o->loop);     /* the simulated start time */
    ot_defaults(sim.rows, sim.nrows, o);
}

int sim_parse(int argc, char **argv, sim_opts *o, FILE *out, FILE *err_out)
{
    sim_defaults(o);
    bool seen[sizeof sim_rows / sizeof *sim_rows] = {false};
    ot_result r = ot_parse_args(&sim, o, argc, argv, &o->rest, seen, out, err_out);
    if (r != OT_RUN)
        return done(r);
    o->paper.seed = o->loop.seed = o->seed;
    bool after_dashes = o->rest > 1 && strcmp(argv[o->rest - 1], "--") == 0;
    if (o->rest < argc && !(o->closed_loop && after_dashes)) {
        fprintf(err_out, "invtop-sim: unexpected argument '%s'%s; try --help\n", argv[o->rest],
                o->closed_loop ? " (invtop's options go after --)" : "");
        return 2;
    }
    if (o->closed_loop && seen[0]) {
        fprintf(err_out, "invtop-sim: --paths is for the paper's table, not --closed-loop; try --help\n");
        return 2;
    }
    return 0;
}

/* ---- invtop-relay ---- */

#define R(field) offsetof(relay_opts, field)

static const ot_row relay_rows[] = {
    {.name = "engine", .arg = "ENDPOINT", .group = "Upstream", .type = OT_ENDPOINT, .off = R(engine),
     .help = "the engine's --serve endpoint (requests go there); needed"},
    {.name = "engine-pub", .arg = "ENDPOINT", .group = "Upstream", .type = OT_ENDPOINT, .off = R(engine_pub),
     .help = "the engine's --serve-pub endpoint (updates come from there); needed"},
    {.name = "engine-key", .arg = "KEY|FILE", .group = "Upstream", .type = OT_STR, .off = R(engine_key),
     .help = "the engine's CURVE public key (CURVE upstream)"},
    {.name = "bind", .arg = "ENDPOINT", .group = "Downstream", .type = OT_ENDPOINT, .off = R(bind),
     .help = "where viewers --attach; needed"},
    {.name = "bind-pub", .arg = "ENDPOINT", .group = "Downstream", .type = OT_ENDPOINT, .off = R(bind_pub),
     .help = "where viewers get updates (their --attach-pub); needed"},
    {.name = "curve-secret", .arg = "FILE", .group = "Downstream", .type = OT_STR, .off = R(secret),
     .help = "this relay's CURVE key pair (CURVE downstream; upstream too)"},
    {.name = "allow-keys", .arg = "FILE|DIR", .group = "Downstream", .type = OT_STR, .needs = "curve-secret",
     .off = R(allow), .unset = "any CURVE key", .help = "viewers' public keys admitted downstream"},
    {.name = "help", .group = "General", .type = OT_HELP, .help = "this help"},
    {.name = "version", .group = "General", .type = OT_VERSION, .help = "print the version"},
    {.name = "manpage", .group = "General", .type = OT_MANPAGE, .help = "print the invtop-relay(1) man page source"},
};

static const ot_prog relay = {
    .name = "invtop-relay",
    .version = INVTOP_VERSION,
    .synopsis = "--engine ENDPOINT --engine-pub ENDPOINT --bind ENDPOINT --bind-pub ENDPOINT [OPTION]...",
    .summary = "carry an invtop engine's state to viewers on another network",
    .about = "Forwards the state of an engine (invtop --serve, docs/STATE.md) with zmq_proxy\n"
             "alone: XSUB to XPUB for the update stream, ROUTER to DEALER for requests (the\n"
             "envelope brings answers back). CURVE client upstream, CURVE server downstream.",
    .man_tail = ".SH EXIT STATUS\n0 success, 1 runtime failure, 2 usage error.\n"
                ".SH SEE ALSO\n.BR invtop (1)\n",
    .rows = relay_rows,
    .nrows = sizeof relay_rows / sizeof *relay_rows,
};

const ot_prog *relay_prog(void)
{
    return &relay;
}

void relay_defaults(relay_opts *o)
{
    memset(o, 0, sizeof *o);
    ot_defaults(relay.rows, relay.nrows, o);
}

int relay_parse(int argc, char **argv, relay_opts *o, FILE *out, FILE *err_out)
{
    relay_defaults(o);
    ot_result r = ot_parse_args(&relay, o, argc, argv, NULL, NULL, out, err_out);
    if (r == OT_RUN && (!o->engine || !o->engine_pub || !o->bind || !o->bind_pub)) {
        fprintf(err_out, "invtop-relay: --engine, --engine-pub, --bind and --bind-pub are needed; try --help\n");
        return 2;
    }
    return done(r);
}
