#!/usr/bin/env python3
"""Independent reference for the modified (Cornish-Fisher) ES in test_varstat.c.

Boudt, Peterson and Croux (2008): ES is the tail expectation of the second-order
Edgeworth density, floored at the modified VaR. Here the tail integral is done
numerically with scipy.integrate.quad instead of the closed-form recursion the C
code uses. Run by hand (needs python3-scipy); prints the literals."""
import csv, math
import numpy as np
from scipy import integrate
from scipy.stats import norm

rows = list(csv.reader(open("tests/data/edhec.csv")))[1:101]
x = np.array([float(r[1]) for r in rows])
m = x.mean(); d = x - m
m2, m3, m4 = (d**2).mean(), (d**3).mean(), (d**4).mean()
s, k, sd = m3 / m2**1.5, m4 / m2**2 - 3, math.sqrt(m2)
he3 = lambda u: u**3 - 3*u
he4 = lambda u: u**4 - 6*u**2 + 3
he6 = lambda u: u**6 - 15*u**4 + 45*u**2 - 15
dens = lambda u: norm.pdf(u) * (1 + s/6*he3(u) + k/24*he4(u) + s*s/72*he6(u))
for p in (0.95, 0.99):
    z = norm.ppf(1 - p)
    g = z + (z*z - 1)*s/6 + (z**3 - 3*z)*k/24 - (2*z**3 - 5*z)*s*s/36
    tail, _ = integrate.quad(lambda u: u * dens(u), -np.inf, g, epsabs=1e-14, epsrel=1e-13)
    e = tail / (1 - p)
    print("p=%.2f modified VaR %.10f modified ES %.10f" % (p, -(m + g*sd), -m - sd*min(e, g)))
