/* testapp.h - an engine for unit tests: the engine's defaults with the Monte
 * Carlo run in the caller's thread (every figure is ready when the test
 * looks), and messages fed as the event loop feeds them. Include after
 * cmocka.h. */
#ifndef INVTOP_TESTAPP_H
#define INVTOP_TESTAPP_H

#include <string.h>

#include "invtop/app.h"
#include "invtop/engcfg.h"

/* The configuration a test starts from: the engine's defaults (no command
 * line), Monte Carlo synchronous. */
static inline void test_app_options(engcfg *o)
{
    engcfg_defaults(o);
    o->risk.mc_async = false;
}

/* Start *a on o, deterministic and without sockets; fails the test if it
 * cannot. The caller frees it with app_free. */
static inline void test_app_start(app *a, const engcfg *o)
{
    assert_int_equal(app_init(a, o, NULL, true, NULL), 0);
}

/* One two-frame message, received at t. */
static inline void test_app_feed(app *a, const char *topic, const char *body, double t)
{
    const char *f[2] = {topic, body};
    size_t l[2] = {strlen(topic), strlen(body)};
    app_message(a, 2, f, l, t);
}

#endif
