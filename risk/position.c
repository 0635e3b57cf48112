/* position.c - average-cost accounting (see position.h). */
#include "invtop/position.h"

#include <assert.h>
#include <math.h>

static double sign_of(double x)
{
    return (x > 0) - (x < 0);
}

void position_fill(position *p, double qty, double px, double fee, double mult, bool inverse)
{
    p->realized -= fee;
    p->fees += fee;
    if (qty == 0)
        return;
    assert(px > 0 || !inverse); /* a coin per contract needs a price */
    if (p->qty == 0 || sign_of(p->qty) == sign_of(qty)) {
        double total = fabs(p->qty) + fabs(qty);
        if (!inverse)
            p->avg_px = (fabs(p->qty) * p->avg_px + fabs(qty) * px) / total;
        else /* coins held at cost; a position without a cost (a pos without avg_px and no mark) at px */
            p->avg_px = total / (fabs(p->qty) / (p->avg_px > 0 ? p->avg_px : px) + fabs(qty) / px);
        p->qty += qty;
        return;
    }
    double closed = fmin(fabs(qty), fabs(p->qty));
    if (!inverse)
        p->realized += closed * (px - p->avg_px) * sign_of(p->qty) * mult;
    else if (p->avg_px > 0)
        p->realized_coin += closed * (1 / p->avg_px - 1 / px) * sign_of(p->qty) * mult;
    double before = p->qty;
    p->qty += qty;
    if (fabs(qty) > fabs(before))
        p->avg_px = px; /* flipped: the remainder opens at the fill price */
    else if (p->qty == 0)
        p->avg_px = 0;
}

void position_set(position *p, double qty, double avg_px, double mark)
{
    if (isfinite(avg_px) && avg_px > 0)
        p->avg_px = avg_px;
    else if (qty == 0)
        p->avg_px = 0;
    else if (!(sign_of(qty) == sign_of(p->qty) && p->avg_px > 0))
        p->avg_px = isfinite(mark) && mark > 0 ? mark : 0;
    if (qty == 0)
        p->avg_px = 0;
    p->qty = qty;
}

double position_unrealized(const position *p, double mark, double mult)
{
    if (p->qty == 0 || !(mark > 0))
        return 0;
    return (mark - p->avg_px) * p->qty * mult;
}
