/* SPDX-License-Identifier: MIT */
/*
 * War termination: the closed forms (docs/models/war.md, "Closed forms"). Small pure functions;
 * the simulation and the belief tables are built from them. Each keeps full precision where the
 * textbook form cancels (theta near 1/2, discount near 1), because the Beta averages integrate
 * them right across those regions.
 */
#include <math.h>

#include "core/diag_internal.h"
#include "war/war_internal.h"

/* ---- gambler's ruin ------------------------------------------------------------------------ */

/*
 * L = log(q/theta), the log-odds of losing a battle. Written with log1p of (q - theta)/theta so
 * that it keeps full relative precision when theta is close to 1/2 (q/theta close to 1).
 */
static double log_odds_loss(double theta)
{
    return log1p((1 - 2 * theta) / theta);
}

/*
 * g(x) = (expm1(x) - x) / x^2 = sum over n >= 0 of x^n/(n + 2)!, the second-order part of e^x.
 * The direct formula cancels for small |x| (relative error about 2e-16/|x|), so below 0.1 the
 * series is summed to x^8 (the first term left out is under 3e-17 there).
 */
static double expm1_second(double x)
{
    if (fabs(x) < 0.1) {
        double sum = 0, term = 1.0 / 3628800; /* 1/10! for n = 8 */
        for (int n = 8; n >= 0; n--) {
            sum = sum * x + term;
            term *= n + 2; /* 1/(n+2)! -> 1/(n+1)! */
        }
        return sum;
    }
    return (expm1(x) - x) / (x * x);
}

/*
 * P(k) = (1 - r^k)/(1 - r^N) with r = e^L, for 0 < k < N and 0 < theta < 1. Computed as
 * expm1(kL)/expm1(NL), exact to rounding however close theta is to 1/2 (the textbook form loses
 * about log10(1/|1 - r|) digits); for L > 0 both powers are divided by r^N first so nothing
 * overflows on long fronts.
 */
static double ruin_win_interior(int k, int N, double L)
{
    if (L == 0) {
        return (double)k / N;
    }
    if (L < 0) {
        return expm1(k * L) / expm1(N * L);
    }
    /* r > 1: (r^k - 1)/(r^N - 1) = e^{(k-N)L} (1 - e^{-kL})/(1 - e^{-NL}) */
    return exp((k - N) * L) * expm1(-k * L) / expm1(-N * L);
}

/*
 * P(k) and the expected number of battles D(k) = (k - N P(k)) / (q - theta) together, sharing L.
 * When |N L| is small, k - N P(k) cancels, so it is rewritten with f(x) = expm1(x)/x = 1 + x g(x),
 * g = expm1_second:
 *   k - N P = k (f(NL) - f(kL)) / f(NL) = k L (N g(NL) - k g(kL)) / f(NL),
 * in which nothing cancels (N g(NL) - k g(kL) is about (N - k)/2), and L/(q - theta) tends to 2.
 */
void sc__war_ruin(int k, int N, double theta, double *P, double *D)
{
    if (k <= 0 || k >= N) {
        *P = k >= N ? 1 : 0;
        *D = 0;
        return;
    }
    if (!(theta > 0)) {
        *P = 0;
        *D = k;
        return;
    }
    if (theta >= 1) {
        *P = 1;
        *D = N - k;
        return;
    }
    double delta = 1 - 2 * theta; /* q - theta, exact for theta >= 1/4 */
    double L = log_odds_loss(theta);
    *P = ruin_win_interior(k, N, L);
    if (L == 0 || delta == 0) {
        *D = (double)k * (N - k);
        return;
    }
    double NL = N * L;
    if (fabs(NL) < 1) {
        double fN = 1 + NL * expm1_second(NL);
        double inner = N * expm1_second(NL) - k * expm1_second(k * L);
        *D = k * (L / delta) * inner / fN;
    } else {
        *D = k / delta - N / delta * *P;
    }
}

double sc_war_ruin_win(int k, int N, double theta)
{
    double P, D;
    sc__war_ruin(k, N, theta, &P, &D);
    return P;
}

double sc_war_ruin_duration(int k, int N, double theta)
{
    double P, D;
    sc__war_ruin(k, N, theta, &P, &D);
    return D;
}

/* ---- discounted values ---------------------------------------------------------------------- */

/*
 * S(k) = (1 - H(k))/(1 - d) with H(k) = E[d^tau], for 0 < k < N, 0 < theta < 1, 0 < d < 1.
 * H(k) = [(1 - l2^N) l1^k + (l1^N - 1) l2^k]/(l1^N - l2^N), where l2 < 1 < l1 are the roots of
 * d theta l^2 - l + d q = 0. With a = log l1 > 0 and b = log l2 < 0 the numerator of 1 - H is
 *   (1 - e^{kb})(1 - e^{-(N-k)a}) - e^{kb - (N-k)a} (1 - e^{-ka})(1 - e^{(N-k)b}),
 * over 1 - e^{N(b-a)}: every factor is an expm1 of a non-positive number, so nothing overflows,
 * and l1 - 1, 1 - l2 come from identities that do not cancel when a root is close to 1 (theta
 * away from 1/2 with d close to 1). What still cancels is theta close to 1/2 with d close to 1,
 * by a relative 1e-16/(1 - d): hence discounts are 1 or at most 0.9999.
 */
void sc__war_discount_roots(double theta, double d, double *a, double *b)
{
    double q = 1 - theta;
    double disc = sqrt(1 - 4 * d * d * theta * q);
    double x = 2 * d * theta - 1;
    /* l1 - 1 = (disc - x)/(2 d theta); when x > 0 it equals 2(1 - d)/(disc + x) */
    double l1m1 = x > 0 ? 2 * (1 - d) / (disc + x) : (disc - x) / (2 * d * theta);
    /* 1 - l2 = (x + disc)/(2 d theta); when x < 0 it equals 2(1 - d)/(disc - x) */
    double one_m_l2 = x < 0 ? 2 * (1 - d) / (disc - x) : (x + disc) / (2 * d * theta);
    *a = log1p(l1m1);
    *b = log1p(-one_m_l2);
}

static double discounted_duration(int k, int N, double theta, double d)
{
    double a, b;
    sc__war_discount_roots(theta, d, &a, &b);
    double p1 = -expm1(k * b) * -expm1(-(N - k) * a);
    double p2 = exp(k * b - (N - k) * a) * -expm1(-k * a) * -expm1((N - k) * b);
    double den = -expm1(N * (b - a));
    return (p1 - p2) / den / (1 - d);
}

void sc_war_value_parts(int k, int N, double theta, double discount, double *share,
                        double *duration)
{
    if (k <= 0 || k >= N) {
        *share = k >= N ? 1 : 0;
        *duration = 0;
        return;
    }
    if (discount >= 1) {
        sc__war_ruin(k, N, theta, share, duration);
        return;
    }
    if (!(theta > 0) || theta >= 1) {
        /* a sure march to one end: tau = N - k (theta 1) or k (theta 0) battles exactly */
        int tau = theta >= 1 ? N - k : k;
        double S = -expm1(tau * log(discount)) / (1 - discount);
        *duration = S;
        *share = (double)k / N + discount * (theta >= 1 ? 1 : -1) * S / N;
        return;
    }
    double S = discounted_duration(k, N, theta, discount);
    *duration = S;
    /* G(k) = k/N + d (2 theta - 1) S(k)/N: the line plus its expected discounted drift */
    *share = (double)k / N + discount * (2 * theta - 1) * S / N;
}

double sc_war_value_a(int k, int N, double mu_a, double cost_a)
{
    double P, D;
    sc__war_ruin(k, N, mu_a, &P, &D);
    return P - cost_a * D;
}

double sc_war_value_b(int k, int N, double mu_b, double cost_b)
{
    double P, D;
    sc__war_ruin(k, N, mu_b, &P, &D);
    return 1 - P - cost_b * D;
}

/* ---- bargaining ---------------------------------------------------------------------------- */

void sc_war_fearon_range(double p, double cost_a, double cost_b, double *lo, double *hi)
{
    *lo = p - cost_a;
    *hi = p + cost_b;
}

void sc_war_tioli_uniform(double p, double cost_a, double cbar, double *x_star, double *p_war)
{
    if (cost_a < cbar) {
        *x_star = p + (cbar - cost_a) / 2;
        *p_war = (cbar - cost_a) / (2 * cbar);
    } else {
        *x_star = p;
        *p_war = 0;
    }
}

/*
 * A maximises (x - value_a) P(accept) with x = accept_lo + slope (y - c_lo) and
 * P(accept) = (c_hi - y)/(c_hi - c_lo) for the cost threshold y: the first-order condition gives
 * y* = (c_hi + c_lo)/2 - (accept_lo - value_a)/(2 slope), kept inside [c_lo, c_hi].
 */
void sc_war_screening_demand(double accept_lo, double slope, double c_lo, double c_hi,
                             double value_a, double *demand, double *threshold)
{
    double y = (c_hi + c_lo) / 2 - (accept_lo - value_a) / (2 * slope);
    if (!(y > c_lo)) {
        y = c_lo; /* every type accepts: demand what the weakest-resolved type concedes */
    } else if (y > c_hi) {
        y = c_hi; /* no type accepts anything A prefers to war */
    }
    *threshold = y;
    *demand = accept_lo + slope * (y - c_lo);
}

void sc_war_commitment_range(double va_now, double va_later, double vb_now, double vb_later,
                             double discount_T, double *lo, double *hi)
{
    double a = discount_T * va_later, b = discount_T * vb_later;
    *lo = va_now > a ? va_now : a;
    *hi = 1 - (vb_now > b ? vb_now : b);
}

/* ---- Lanchester ---------------------------------------------------------------------------- */

/* The Lanchester laws' shared argument check. */
static sc_status lanchester_check(double a0, double b0, double alpha, double beta, sc_diag *diag)
{
    if (!(a0 > 0 && b0 > 0 && alpha > 0 && beta > 0) || !isfinite(a0 + b0 + alpha + beta)) {
        return sc__diag_set(diag, SC_EINVAL,
                            "Lanchester forces and effectiveness must be finite and > 0 "
                            "(A0 %g, B0 %g, alpha %g, beta %g)",
                            a0, b0, alpha, beta);
    }
    return SC_OK;
}

sc_status sc_war_lanchester_square(double a0, double b0, double alpha, double beta,
                                   sc_lanchester *out, sc_diag *diag)
{
    sc_status rc = lanchester_check(a0, b0, alpha, beta, diag);
    if (rc != SC_OK) {
        return rc;
    }
    double strength_a = alpha * a0 * a0, strength_b = beta * b0 * b0;
    double root = sqrt(alpha * beta);
    if (strength_a > strength_b) {
        out->winner = 1;
        out->survivors = sqrt(a0 * a0 - beta / alpha * b0 * b0);
        out->t_end = atanh(sqrt(beta / alpha) * b0 / a0) / root;
    } else if (strength_b > strength_a) {
        out->winner = -1;
        out->survivors = sqrt(b0 * b0 - alpha / beta * a0 * a0);
        out->t_end = atanh(sqrt(alpha / beta) * a0 / b0) / root;
    } else {
        out->winner = 0;
        out->survivors = 0;
        out->t_end = HUGE_VAL;
    }
    return SC_OK;
}

sc_status sc_war_lanchester_linear(double a0, double b0, double alpha, double beta,
                                   sc_lanchester *out, sc_diag *diag)
{
    sc_status rc = lanchester_check(a0, b0, alpha, beta, diag);
    if (rc != SC_OK) {
        return rc;
    }
    double strength_a = alpha * a0, strength_b = beta * b0;
    out->t_end = HUGE_VAL;
    if (strength_a > strength_b) {
        out->winner = 1;
        out->survivors = a0 - beta / alpha * b0;
    } else if (strength_b > strength_a) {
        out->winner = -1;
        out->survivors = b0 - alpha / beta * a0;
    } else {
        out->winner = 0;
        out->survivors = 0;
    }
    return SC_OK;
}

/* ---- relapse, front, logit ------------------------------------------------------------------ */

double sc_war_relapse_hazard(double h0, double guarantee, double agreement,
                             double hr_peacekeepers, double hr_agreement)
{
    return h0 * pow(hr_peacekeepers, guarantee) * pow(hr_agreement, agreement);
}

sc_status sc_war_front_calibrate(const double *weekly_change_km2, size_t n, double battle_weeks,
                                 double *step_km2, double *theta, sc_diag *diag)
{
    if (n < 2 || !(battle_weeks > 0)) {
        return sc__diag_set(diag, SC_EINVAL,
                            "calibrating a front needs at least two weekly changes and a positive "
                            "battle length (got %zu, %g)", n, battle_weeks);
    }
    double m1 = 0, m2 = 0;
    for (size_t i = 0; i < n; i++) {
        m1 += weekly_change_km2[i];
        m2 += weekly_change_km2[i] * weekly_change_km2[i];
    }
    m1 /= (double)n;
    m2 /= (double)n;
    /* per battle: the mean scales with the battle's length, the variance too */
    double var = m2 - m1 * m1;
    double mean_b = m1 * battle_weeks;
    double second_b = (var > 0 ? var : 0) * battle_weeks + mean_b * mean_b;
    if (!(second_b > 0) || !isfinite(second_b)) {
        return sc__diag_set(diag, SC_EINVAL, "the front never moved (or moved by a non-finite "
                            "amount): no step to calibrate");
    }
    *step_km2 = sqrt(second_b);
    *theta = 0.5 + mean_b / (2 * *step_km2);
    return SC_OK;
}

double sc__war_logit(double p)
{
    if (p <= 0) {
        return -745;
    }
    if (p >= 1) {
        return 745;
    }
    return log(p) - log1p(-p);
}

double sc__war_logistic(double x)
{
    return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x));
}
