/* headless.c - one snapshot line of the engine's state (see headless.h). */
#include "invtop/headless.h"

#include "invtop/snapbuild.h"
#include "invtop/snapwire.h"

uint64_t headless_received(const feedstat *fs)
{
    return fs->accepted + fs->ignored + fs->rejected_total;
}

int headless_snapshot(jw *w, app *a, const headless_ctx *c)
{
    snap s;
    snap_init(&s);
    snapbuild_ctx bc = {c->now, c->period_s > 0 ? (double)c->period_msgs / c->period_s : 0, c->source};
    int rc = snapbuild(&s, a, &bc) == 0 ? snapw_document(w, &s) : -1;
    snap_free(&s);
    return rc;
}
