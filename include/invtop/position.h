/* position.h - average-cost position accounting, one instrument.
 *
 * Pure arithmetic shared by the book and the synthetic feed, so both agree on
 * what a fill does. Money is in the quote currency: a price difference
 * times quantity times the contract multiplier. An inverse contract (a
 * contract is mult units of the quote currency, P&L paid in the base coin)
 * realizes in the coin, closed * mult * (1/avg_px - 1/px), and averages its
 * entry harmonically, weighted by contracts, as Deribit and BitMEX do; its
 * fees stay in the quote currency (the feed's fee unit). */
#ifndef INVTOP_POSITION_H
#define INVTOP_POSITION_H

#include <stdbool.h>

typedef struct {
    double qty;      /* signed position in contracts */
    double avg_px;   /* average entry price of the open position; 0 when flat */
    double realized; /* realized PnL in the quote currency, fees subtracted
                        (inverse: the fees alone) */
    double realized_coin; /* inverse: realized PnL in the base coin, fees
                             not in it; 0 linear */
    double fees;     /* total fees paid, in the quote currency */
} position;

/* Apply a fill of signed qty (> 0 buy, < 0 sell) at px (> 0 when qty is
 * not 0) with a fee in the quote currency (a cost when positive, taken from
 * realized). Increasing a position averages its cost: linear by quantity,
 * inverse harmonically ((|q0| + |q|) / (|q0|/avg + |q|/px)). Reducing it
 * realizes, with the position's sign, linear (px - avg_px) * closed * mult
 * into realized, inverse (1/avg_px - 1/px) * closed * mult coins into
 * realized_coin; a fill through zero closes at the old average and opens
 * the rest at px. A zero qty only charges the fee. Never fails. */
void position_fill(position *p, double qty, double px, double fee, double mult, bool inverse);

/* Set an absolute position, as a `pos` message does. avg_px is used when it
 * is a finite positive number; otherwise the current average is kept if the
 * position keeps its sign, else `mark` (the current mid, or 0 when unknown)
 * becomes the average. Realized PnL is not touched: a snapshot reconciles
 * state, it does not trade. */
void position_set(position *p, double qty, double avg_px, double mark);

/* Unrealized PnL of the open position at mark: (mark - avg_px) * qty * mult. */
double position_unrealized(const position *p, double mark, double mult);

#endif
