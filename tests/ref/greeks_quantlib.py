#!/usr/bin/env python3
"""Reference Black-Scholes values for tests/test_greeks.c, produced with QuantLib.

Not run by `make test` (QuantLib is not a build dependency): run it by hand with
Debian's quantlib-python to regenerate the literals in test_greeks.c.
T = days/365 (Actual/365 Fixed), flat rate r (continuous), no dividends.
vega is per 1.00 of volatility, theta per year (QuantLib's conventions)."""
import QuantLib as ql

CASES = [  # S, K, days, r, sigma, right
    (100.0, 100.0, 365, 0.05, 0.20, "C"), (100.0, 100.0, 365, 0.05, 0.20, "P"),
    (42.0, 40.0, 183, 0.10, 0.20, "C"), (42.0, 40.0, 183, 0.10, 0.20, "P"),
    (65000.0, 70000.0, 30, 0.0, 0.55, "C"), (65000.0, 70000.0, 30, 0.0, 0.55, "P"),
    (3400.0, 3000.0, 7, 0.03, 0.80, "P"),
]
today = ql.Date(2, 1, 2026)
ql.Settings.instance().evaluationDate = today
dc = ql.Actual365Fixed()
for S, K, days, r, vol, right in CASES:
    spot = ql.QuoteHandle(ql.SimpleQuote(S))
    rate = ql.YieldTermStructureHandle(ql.FlatForward(today, r, dc, ql.Continuous))
    div = ql.YieldTermStructureHandle(ql.FlatForward(today, 0.0, dc, ql.Continuous))
    volh = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(today, ql.NullCalendar(), vol, dc))
    proc = ql.BlackScholesMertonProcess(spot, div, rate, volh)
    kind = ql.Option.Call if right == "C" else ql.Option.Put
    opt = ql.EuropeanOption(ql.PlainVanillaPayoff(kind, K), ql.EuropeanExercise(today + days))
    opt.setPricingEngine(ql.AnalyticEuropeanEngine(proc))
    print("    {%.1f, %.1f, %d, %.2f, %.2f, '%s', %.15g, %.15g, %.15g, %.15g, %.15g}," % (
        S, K, days, r, vol, right, opt.NPV(), opt.delta(), opt.gamma(), opt.vega(), opt.theta()))
