/* testutil.h - double-precision assertions for cmocka tests.
 * cmocka's assert_float_equal converts to float, which would hide errors
 * below 1e-7 relative; these compare doubles. */
#ifndef INVTOP_TESTUTIL_H
#define INVTOP_TESTUTIL_H

#include <math.h>

/* |got - want| <= eps, with both values printed on failure. */
#define assert_near(got, want, eps)                                                     \
    do {                                                                                \
        double got_ = (got), want_ = (want), eps_ = (eps);                              \
        if (!(fabs(got_ - want_) <= eps_))                                              \
            fail_msg("%s = %.17g, expected %.17g (+- %g)", #got, got_, want_, eps_);    \
    } while (0)

#endif
