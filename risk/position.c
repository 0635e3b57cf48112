/* position.c - average-cost accounting (see position.h). */
#include "invtop/position.h"

#include <math.h>

static double sign_of(double x)
{
    return (x > 0) - (x < 0);
}

void position_fill(position *p, double qty, double px, double fee, double mult)
{
    p->realized -= fee;
    p->fees += fee;
    if (qty == 0)
        return;
    if (p->qty == 0 || sign_of(p->qty) == sign_of(qty)) {
        double total = fabs(p->qty) + fabs(qty);
        p->avg_px = (fabs(p->qty) * p->avg_px + fabs(qty) * px) / total;
        p->qty += qty;
        return;
    }
    double closed = fmin(fabs(qty), fabs(p->qty));
    p->realized += closed * (px - p->avg_px) * sign_of(p->qty) * mult;
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
