/* position.h - average-cost position accounting, one instrument.
 *
 * Pure arithmetic shared by the book and the synthetic feed, so both agree on
 * what a fill does. Money is in the quote currency (USD): a price difference
 * times quantity times the contract multiplier. */
#ifndef INVTOP_POSITION_H
#define INVTOP_POSITION_H

typedef struct {
    double qty;      /* signed position in contracts */
    double avg_px;   /* average entry price of the open position; 0 when flat */
    double realized; /* realized PnL, fees subtracted */
    double fees;     /* total fees paid */
} position;

/* Apply a fill of signed qty (> 0 buy, < 0 sell) at px with a fee (a cost
 * when positive). Increasing a position averages its cost; reducing it
 * realizes (px - avg_px) * closed * mult with the position's sign; a fill
 * through zero closes at the old average and opens the rest at px. A zero
 * qty only charges the fee. Never fails. */
void position_fill(position *p, double qty, double px, double fee, double mult);

/* Set an absolute position, as a `pos` message does. avg_px is used when it
 * is a finite positive number; otherwise the current average is kept if the
 * position keeps its sign, else `mark` (the current mid, or 0 when unknown)
 * becomes the average. Realized PnL is not touched: a snapshot reconciles
 * state, it does not trade. */
void position_set(position *p, double qty, double avg_px, double mark);

/* Unrealized PnL of the open position at mark: (mark - avg_px) * qty * mult. */
double position_unrealized(const position *p, double mark, double mult);

#endif
