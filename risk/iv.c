/* iv.c - Black-Scholes implied volatility (see iv.h for the method).
 *
 * Notation (Jaeckel's): x = ln(F/K) <= 0 once the option is an
 * out-of-the-money call, s = sigma sqrt(T), h = x/s, t = s/2, and the
 * normalised call price
 *   b(x, s) = e^{x/2} Phi(h+t) - e^{-x/2} Phi(h-t) = phi0 (Y(h+t) - Y(h-t)),
 * where phi0 = exp(-(h^2+t^2)/2)/sqrt(2 pi) is also db/ds (the normalised
 * vega) and Y(z) = Phi(z)/phi(z). Its derivatives in s, as ratios to b':
 *   b''/b' = x^2/s^3 - s/4,   b'''/b' = (b''/b')^2 - 3 x^2/s^4 - 1/4.
 * b rises from 0 to b_max = e^{x/2}, convex below s_c = sqrt(2|x|), concave
 * above. */
#include "invtop/iv.h"

#include <assert.h>
#include <float.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stddef.h>

#define SQRT_2PI 2.50662827463100050241576528481104525
#define INV_SQRT_2PI 0.398942280401432677939946059934381868
#define LN_SQRT_2PI 0.918938533204672741780329736405617640
#define SQRT_PI_OVER_2 1.25331413731550025120788264240552263
#define INV_SQRT_PI 0.564189583547756286948079451560772586
#define SQRT_3 1.73205080756887729352744634150587237
#define TWO_PI_OVER_SQRT_27 1.20919957615614523372938550509477049

/* Below this h + t both arguments of Y are far enough in the left tail for
 * its asymptotic series to reach full precision (its smallest term there is
 * about 1e-18 of the sum). */
#define ASYMPTOTIC_Z (-10.0)
/* Below this t the difference Y(h+t) - Y(h-t) would cancel: its Taylor
 * series in t is used (all its terms are positive, see small_t_D). */
#define SMALL_T 0.21
/* Above this h + t, b is mostly its first term (over about 85% of b_max):
 * the plain formula loses nothing there. */
#define PLAIN_HT 0.85
/* Enough for any input: Householder steps converge in two to four; the
 * rest is room for bisection when a step leaves the bracket. */
#define MAX_ITER 100

/* erfcx(y) = exp(y^2) erfc(y), for y > -1 (all this file needs). Up to 25
 * from libm's erfc, with y^2 split exactly (fma) so that exp's argument
 * carries no rounding; beyond, where erfc would underflow, its asymptotic
 * series, which converges to 1e-17 within eight terms there. */
static double erfcx(double y)
{
    assert(y > -1);
    if (y < 25) {
        const double y2 = y * y, lo = fma(y, y, -y2);
        return exp(y2) * erfc(y) * (1 + lo);
    }
    const double w = 1 / (2 * y * y);
    double term = 1, sum = 1;
    for (int n = 1; n < 12 && fabs(term) > 1e-17; n++) {
        term *= -(2 * n - 1) * w;
        sum += term;
    }
    return sum * INV_SQRT_PI / y;
}

/* Y(z) = Phi(z)/phi(z), z < 0.71. */
static double mills_Y(double z)
{
    return SQRT_PI_OVER_2 * erfcx(-z * M_SQRT1_2);
}

/* D = Y(h+t) - Y(h-t) for h + t < ASYMPTOTIC_Z, from Y(z) ~ sum_n (-1)^n
 * (2n-1)!! |z|^-(2n+1). With a = 1/|h+t| > c = 1/|h-t|, each difference
 * a^m - c^m is (a - c) S_m, S_m = sum_j a^j c^(m-1-j) (positive terms, by
 * S_{m+1} = a S_m + c^m), and a - c = 2 t a c exactly: no cancellation
 * however small t is. */
static double asymptotic_D(double h, double t)
{
    const double a = -1 / (h + t), c = 1 / (t - h);
    assert(a >= c && c > 0);
    double S = 1, cm = c, coef = 1, sum = 1;
    for (int n = 1; n < 60; n++) {
        S = a * S + cm;
        cm *= c;
        S = a * S + cm;
        cm *= c;
        coef *= -(2 * n - 1);
        const double term = coef * S;
        sum += term;
        if (fabs(term) <= 1e-17 * sum)
            break;
    }
    return 2 * t * a * c * sum;
}

/* D = Y(h+t) - Y(h-t) = 2 sum_{k odd} c_k t^k for t < SMALL_T, with c_k =
 * Y^(k)(h)/k!: from Y' = 1 + z Y, c_0 = Y(h), c_1 = 1 + h Y(h) and
 * c_{n+1} = (h c_n + c_{n-1})/(n+1). Every c_k is positive (Y^(k)(z) is the
 * integral of u^k exp(z u - u^2/2) over u > 0), so the sum never cancels;
 * c_1 loses about h^2 ulps (h >= -10.2 here), and the recursion's own
 * errors stay below e^{|h| t} ulps of the sum. */
static double small_t_D(double h, double t)
{
    double c_prev = mills_Y(h), c = 1 + h * c_prev; /* c_{k-1}, c_k */
    const double t2 = t * t;
    double tk = t, sum = c * t;
    for (int k = 1; k < 40; k += 2) {
        const double c_even = (h * c + c_prev) / (k + 1);
        c_prev = c_even;
        c = (h * c_even + c) / (k + 2);
        tk *= t2;
        const double term = c * tk;
        sum += term;
        if (term <= 1e-17 * sum)
            break;
    }
    return 2 * sum;
}

/* One evaluation of the normalised call at (x <= 0, s > 0): b, its vega
 * b' = phi0, and D = b/b' = Y(h+t) - Y(h-t), whose logarithm gives ln b
 * without underflow (ln b = ln D - (h^2+t^2)/2 - ln sqrt(2 pi)). */
typedef struct {
    double b, vega, D, half_q; /* half_q = (h^2+t^2)/2 */
} nb_val;

static nb_val normalised_call(double x, double s)
{
    assert(x <= 0 && s > 0);
    const double h = x / s, t = 0.5 * s;
    nb_val v;
    v.half_q = 0.5 * (h * h + t * t);
    v.vega = INV_SQRT_2PI * exp(-v.half_q);
    if (h + t < ASYMPTOTIC_Z) {
        v.D = asymptotic_D(h, t);
    } else if (t < SMALL_T) {
        v.D = small_t_D(h, t);
    } else if (h + t > PLAIN_HT) {
        const double e = exp(0.5 * x);
        v.b = e * 0.5 * erfc(-(h + t) * M_SQRT1_2) - 0.5 * erfc(-(h - t) * M_SQRT1_2) / e;
        v.b = fmax(v.b, 0);
        v.D = v.vega > 0 ? v.b / v.vega : INFINITY;
        return v;
    } else {
        v.D = mills_Y(h + t) - mills_Y(h - t);
    }
    v.D = fmax(v.D, 0);
    v.b = v.vega * v.D;
    return v;
}

/* (1 + nu h2/2) / (1 + nu (h2 + nu h3/6)): the factor that turns a Newton
 * step nu into a Householder step of order 4, given h2 = g''/g' and
 * h3 = g'''/g' of the objective g. */
static double householder(double nu, double h2, double h3)
{
    return (1 + 0.5 * h2 * nu) / (1 + nu * (h2 + h3 * nu / 6));
}

typedef enum { OBJ_LOW, OBJ_MID, OBJ_HIGH } objective;

/* Cubic Hermite interpolation of s(b) between (b0, s0) and (b1, s1) with
 * slopes ds/db = 1/vega at both ends: a first guess in the middle branches,
 * where b is close to linear in s (b'' = 0 at s_c). */
static double hermite(double beta, double b0, double b1, double s0, double s1, double d0, double d1)
{
    const double w = b1 - b0, u = (beta - b0) / w, u2 = u * u, u3 = u2 * u;
    return (2 * u3 - 3 * u2 + 1) * s0 + (u3 - 2 * u2 + u) * w * d0 + (-2 * u3 + 3 * u2) * s1 +
           (u3 - u2) * w * d1;
}

/* Jaeckel's lower map f(s) = 2 pi/sqrt(27) |x| Phi(-|x|/(sqrt(3) s))^3,
 * close to b for small s, and its inverse. */
static double lower_map(double x, double s)
{
    const double p = gsl_cdf_ugaussian_P(-fabs(x) / (SQRT_3 * s));
    return TWO_PI_OVER_SQRT_27 * fabs(x) * p * p * p;
}

static double lower_map_inverse(double x, double f)
{
    const double p = cbrt(f / (TWO_PI_OVER_SQRT_27 * fabs(x)));
    return fabs(x) / (SQRT_3 * fabs(gsl_cdf_ugaussian_Pinv(p)));
}

/* The total volatility s > 0 with b(x, s) = beta, for x <= 0 and
 * 0 < beta < e^{x/2}. */
static double normalised_implied(double x, double beta)
{
    assert(x <= 0 && beta > 0 && beta < exp(0.5 * x));
    const double b_max = exp(0.5 * x), ln_beta = log(beta);
    double s, lo, hi;
    objective obj;
    /* At the money s_c = 0 and b starts there with slope 1/sqrt(2 pi). */
    const double s_c = sqrt(-2 * x);
    nb_val c = {0, INV_SQRT_2PI, 0, 0};
    if (s_c > 0)
        c = normalised_call(x, s_c);
    if (beta < c.b) {
        /* the tangent at s_c meets b = 0 at s_l > 0 (b is convex there) */
        const double s_l = s_c - c.b / c.vega;
        const nb_val l = s_l > 0 ? normalised_call(x, s_l) : (nb_val){0, 0, 0, 0};
        if (beta < l.b || !(l.b > DBL_MIN)) {
            /* the quadratic in beta through f(0) = 0, f'(0) = 1, f(b_l) =
             * lower_map(s_l), mapped back through the lower map */
            double f = beta;
            if (l.b > 0) {
                const double u = beta / l.b;
                f = (lower_map(x, s_l) * u + l.b * (1 - u)) * u;
            }
            s = lower_map_inverse(x, f);
            lo = 0;
            hi = s_l > 0 ? s_l : s_c;
            obj = OBJ_LOW;
        } else {
            s = hermite(beta, l.b, c.b, s_l, s_c, 1 / l.vega, 1 / c.vega);
            lo = s_l;
            hi = s_c;
            obj = OBJ_MID;
        }
    } else {
        const double s_u = s_c + (b_max - c.b) / c.vega;
        const nb_val u = normalised_call(x, s_u);
        if (beta <= u.b) {
            s = hermite(beta, c.b, u.b, s_c, s_u, 1 / c.vega, u.vega > 0 ? 1 / u.vega : 0);
            lo = s_c;
            hi = s_u;
            obj = OBJ_MID;
        } else {
            /* the upper map f(s) = Phi(-s/2), exact at the money
             * (b_max - b = 2 Phi(-s/2) there): the quadratic in beta through
             * f(b_u), f(b_max) = 0 and f'(b_max) = -1/2 */
            const double w = b_max - u.b, v = (beta - u.b) / w;
            const double f = (gsl_cdf_ugaussian_P(-0.5 * s_u) * (1 - v) + 0.5 * w * v) * (1 - v);
            s = -2 * gsl_cdf_ugaussian_Pinv(f);
            lo = s_u;
            hi = INFINITY;
            /* below half of b_max, b - beta is as good and b_max - b
             * would cancel for nothing */
            obj = beta > 0.5 * b_max ? OBJ_HIGH : OBJ_MID;
        }
    }
    for (int i = 0; i < MAX_ITER; i++) {
        assert(lo < hi);
        if (!(s > lo && s < hi)) /* a first guess or a step out of the bracket */
            s = isfinite(hi) ? 0.5 * (lo + hi) : 2 * fmax(lo, DBL_MIN);
        const nb_val v = normalised_call(x, s);
        const double h2 = x * x / (s * s * s) - 0.25 * s;            /* b''/b' */
        const double h3 = h2 * h2 - 3 * (x / (s * s)) * (x / (s * s)) - 0.25; /* b'''/b' */
        double nu, g2, g3;
        if (obj == OBJ_LOW) {
            /* g = 1/ln b - 1/ln beta; psi = b'/b = 1/D */
            if (!(v.D > 0)) { /* b too small to tell: move up */
                lo = s;
                s = 0.5 * (lo + hi);
                continue;
            }
            const double ln_b = log(v.D) - v.half_q - LN_SQRT_2PI, psi = 1 / v.D;
            if (ln_b < ln_beta)
                lo = s;
            else if (ln_b > ln_beta)
                hi = s;
            else
                return s;
            nu = ln_b * (ln_beta - ln_b) / (ln_beta * psi);
            g2 = h2 - psi * (1 + 2 / ln_b);
            g3 = h3 - 3 * psi * h2 + 2 * psi * psi - 6 * psi * (h2 - psi) / ln_b +
                 6 * psi * psi / (ln_b * ln_b);
        } else if (obj == OBJ_MID) {
            if (v.b < beta)
                lo = s;
            else if (v.b > beta)
                hi = s;
            else
                return s;
            if (!(v.vega > 0)) {
                s = isfinite(hi) ? 0.5 * (lo + hi) : 2 * s;
                continue;
            }
            nu = (beta - v.b) / v.vega;
            g2 = h2;
            g3 = h3;
        } else {
            /* g = ln(b_max - beta) - ln(b_max - b); rho = g' = b'/(b_max - b) */
            const double gap = b_max - v.b;
            if (v.b < beta)
                lo = s;
            else if (v.b > beta)
                hi = s;
            else
                return s;
            if (!(gap > 0) || !(v.vega > 0)) {
                s = isfinite(hi) ? 0.5 * (lo + hi) : 2 * s;
                continue;
            }
            const double rho = v.vega / gap;
            nu = -log((b_max - beta) / gap) / rho;
            g2 = h2 + rho;
            g3 = h3 + 3 * rho * h2 + 2 * rho * rho;
        }
        double ds = nu * householder(nu, g2, g3);
        if (!isfinite(ds))
            ds = nu;
        ds = fmax(ds, -0.5 * s); /* never to or below zero in one step */
        s += ds;
        /* converged: the next step would be below 1e-30 of s. The bracket
         * is not asked for: its ends are earlier iterates, and s can sit on
         * one of them (ds below half an ulp of s). */
        if (fabs(ds) <= 1e-9 * s)
            return fmin(fmax(s, lo), hi);
        if (isfinite(hi) && hi - lo <= 4 * DBL_EPSILON * hi)
            return 0.5 * (lo + hi);
    }
    return s > lo && s < hi ? s : 0.5 * (lo + (isfinite(hi) ? hi : lo));
}

iv_status iv_implied(double price, double S, double K, double T, double r, char right, double *sigma)
{
    assert(sigma);
    if (!isfinite(price) || !isfinite(S) || !isfinite(K) || !isfinite(T) || !isfinite(r) || !(S > 0) ||
        !(K > 0) || !(T > 0) || (right != 'C' && right != 'P'))
        return IV_BAD_INPUT;
    const double rT = r * T;
    if (!(fabs(rT) <= 700))
        return IV_BAD_INPUT;
    const double Kd = K * exp(-rT);
    const int call = right == 'C';
    if (price >= (call ? S : Kd))
        return IV_ABOVE_MAX;
    const double intrinsic = call ? S - Kd : Kd - S;
    double otm = price; /* the out-of-the-money twin's price */
    if (intrinsic > 0) {
        if (price <= intrinsic)
            return IV_BELOW_INTRINSIC;
        otm = price - intrinsic; /* parity: an ITM call is its put plus S - K e^{-rT} */
    } else if (!(price > 0)) {
        return IV_BELOW_INTRINSIC;
    }
    /* S/K is exact enough near the money, where it matters; its logs when
     * the ratio itself leaves double range */
    double ratio = S / K, x = isnormal(ratio) && isfinite(ratio) ? log(ratio) : log(S) - log(K);
    x = -fabs(x + rT); /* the OTM call's log-moneyness (a put's is -x) */
    const double beta = otm * exp(0.5 * rT) / (sqrt(S) * sqrt(K));
    if (!(beta > 0))
        return IV_BELOW_INTRINSIC;
    if (!(beta < exp(0.5 * x)))
        return IV_ABOVE_MAX;
    const double s = normalised_implied(x, beta);
    const double v = s / sqrt(T);
    if (!(v > 0))
        return IV_BELOW_INTRINSIC;
    if (!isfinite(v))
        return IV_ABOVE_MAX;
    *sigma = v;
    return IV_OK;
}

const char *iv_status_name(iv_status s)
{
    switch (s) {
    case IV_OK:
        return "ok";
    case IV_BAD_INPUT:
        return "bad_input";
    case IV_BELOW_INTRINSIC:
        return "below_intrinsic";
    case IV_ABOVE_MAX:
        return "above_max";
    }
    return "unknown";
}
