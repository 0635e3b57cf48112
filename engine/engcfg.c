/* engcfg.c - the engine's configuration defaults (see engcfg.h). */
#include "invtop/engcfg.h"

#include <assert.h>
#include <math.h>
#include <string.h>

void engcfg_defaults(engcfg *c)
{
    assert(c);
    memset(c, 0, sizeof *c);
    c->feed.rcvhwm = SUB_DEFAULT_RCVHWM;
    c->speed = 1;
    c->stale_s = ENGCFG_STALE_MS / 1000.0;
    c->max_instruments = ENGCFG_MAX_INSTRUMENTS;
    rr_default_params(&c->risk);
    skew_default_params(&c->quote);
    c->quote.q_max_lots = NAN; /* not given: the position limit (app_init) */
    c->clock_ts = 0;
    c->quotes_refresh_s = ENGCFG_QUOTES_REFRESH_S;
    c->override_ttl_s = 0;
    c->hedge = (engcfg_hedge){false, ENGCFG_HEDGE_COOLDOWN_S, ENGCFG_MAX_ORDER_USD, ENGCFG_ORDER_TTL_S};
    alrtcfg_defaults(&c->alerts);
}
