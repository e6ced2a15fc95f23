/* SPDX-License-Identifier: MIT */
/*
 * Beliefs used properly (docs/models/war.md, "Beliefs"): a side that is unsure of the balance
 * theta and holds a Beta(a, b) belief about it values fighting on at the average of the
 * fixed-theta values over that belief, not at the value for its mean belief. Two ways to get the
 * average, which the tests hold against each other and against GSL's own integrator:
 *   - sc_war_predictive_parts: adaptive Gauss-Legendre quadrature on the logit scale;
 *   - a table over every state a run can reach, filled backwards by the Polya recursion
 *       E_{a,b}[f(k)] = flow(k) + d (mu E_{a+1,b}[f(k+1)] + (1 - mu) E_{a,b+1}[f(k-1)]),
 *     mu = a/(a + b), which holds exactly because f(k) = flow + d (theta f(k+1) + q f(k-1)) for
 *     each theta and theta Beta(a, b) = mu Beta(a+1, b). Only the last layer (t = horizon) needs
 *     quadrature; the simulation then reads two numbers per side and battle.
 */
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "war/war_internal.h"

/* ---- quadrature ---------------------------------------------------------------------------- */

#define GL_POINTS 20

static double gl_x[GL_POINTS], gl_w[GL_POINTS]; /* nodes and weights on [-1, 1] */
static pthread_once_t gl_once = PTHREAD_ONCE_INIT;

static void gl_init(void)
{
    gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(GL_POINTS);
    for (size_t i = 0; t && i < GL_POINTS; i++) {
        gsl_integration_glfixed_point(-1, 1, i, &gl_x[i], &gl_w[i], t);
    }
    gsl_integration_glfixed_table_free(t);
}

typedef struct beta_integrand {
    int k, N;
    double a, b, discount, log_norm;
} beta_integrand;

/* log of the Beta(a, b) density of eta = logit(theta), up to the normalising constant */
static double log_density(const beta_integrand *f, double eta)
{
    /* log(1 + e^eta) without overflow */
    double softplus = eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta));
    return f->a * eta - (f->a + f->b) * softplus;
}

/* Adds w * (density, density G, density S) at eta to acc[0..2]. */
static void accumulate(const beta_integrand *f, double eta, double w, double acc[3])
{
    double dens = exp(log_density(f, eta) - f->log_norm);
    if (dens == 0) {
        return;
    }
    double g, s;
    sc_war_value_parts(f->k, f->N, sc__war_logistic(eta), f->discount, &g, &s);
    acc[0] += w * dens;
    acc[1] += w * dens * g;
    acc[2] += w * dens * s;
}

static void panel(const beta_integrand *f, double lo, double hi, double out[3])
{
    double c = (lo + hi) / 2, h = (hi - lo) / 2;
    out[0] = out[1] = out[2] = 0;
    for (int i = 0; i < GL_POINTS; i++) {
        accumulate(f, c + h * gl_x[i], h * gl_w[i], out);
    }
}

/* A panel of the adaptive rule: its two-half value and the error estimate of that value. */
typedef struct quad_panel {
    double lo, hi, value[3], err;
} quad_panel;

#define QUAD_PANELS 400

/*
 * Evaluates a panel on its two halves and estimates the error as the difference from the
 * single 20-point value `coarse` (in units of the integral's scale), ignoring differences at
 * the rounding level of the panel itself.
 */
static void split_eval(const beta_integrand *f, double lo, double hi, const double coarse[3],
                       const double scale[3], quad_panel out[2])
{
    double mid = (lo + hi) / 2;
    out[0].lo = lo;
    out[0].hi = mid;
    out[1].lo = mid;
    out[1].hi = hi;
    panel(f, lo, mid, out[0].value);
    panel(f, mid, hi, out[1].value);
    double err = 0;
    for (int i = 0; i < 3; i++) {
        double fine = out[0].value[i] + out[1].value[i];
        double d = fabs(coarse[i] - fine);
        double rounding = 64 * 2.2e-16 * (fabs(out[0].value[i]) + fabs(out[1].value[i]));
        double e = d <= rounding ? 0 : d / scale[i];
        err = e > err ? e : err;
    }
    /* the halves share the estimate by width (they are each refined further if needed) */
    out[0].err = out[1].err = err / 2;
}

/* The point where the log density has fallen `drop` below its peak, going from the mode by
 * `dir` (+1 or -1): bracket by doubling steps, then bisect. */
static double tail_end(const beta_integrand *f, double mode, double peak, double sigma,
                       double dir, double drop, int iterations)
{
    double inner = mode, step = sigma;
    double outer = mode + dir * step;
    while (log_density(f, outer) - peak > -drop) {
        inner = outer;
        step *= 2;
        outer = mode + dir * step;
    }
    for (int i = 0; i < iterations; i++) {
        double m = (inner + outer) / 2;
        if (log_density(f, m) - peak > -drop) {
            inner = m;
        } else {
            outer = m;
        }
    }
    return outer;
}

/* The quadrature behind sc_war_predictive_parts, without argument checks. */
static sc_status predictive(int k, int N, double a, double b, double discount, double *share,
                            double *duration)
{
    if (k <= 0 || k >= N) {
        sc_war_value_parts(k, N, 0.5, discount, share, duration);
        return SC_OK;
    }
    pthread_once(&gl_once, gl_init);
    beta_integrand f = {k, N, a, b, discount, 0};
    double mode = log(a) - log(b);
    double sigma = sqrt((a + b) / (a * b));
    f.log_norm = log_density(&f, mode);
    /* e^-40: the density beyond these ends adds less than 1e-17 of the mass */
    double lo = tail_end(&f, mode, f.log_norm, sigma, -1, 40, 60);
    double hi = tail_end(&f, mode, f.log_norm, sigma, +1, 40, 60);
    /* initial panels: at most 2 sigma wide, split at eta = 0 where the fixed-theta values have
     * their sharpest feature (a walk with no drift) */
    double cuts[72];
    int nc = 0;
    int pieces = (int)ceil((hi - lo) / (2 * sigma));
    pieces = pieces < 4 ? 4 : pieces > 64 ? 64 : pieces;
    for (int i = 0; i <= pieces; i++) {
        double x = lo + (hi - lo) * i / pieces;
        if (nc > 0 && cuts[nc - 1] < 0 && x > 0) {
            cuts[nc++] = 0;
        }
        cuts[nc++] = x;
    }
    double coarse[72][3], total[3] = {0, 0, 0};
    for (int i = 0; i + 1 < nc; i++) {
        panel(&f, cuts[i], cuts[i + 1], coarse[i]);
        for (int j = 0; j < 3; j++) {
            total[j] += fabs(coarse[i][j]);
        }
    }
    /* errors are judged against the integrals' size; S's scale also bounds G's part in it */
    double scale[3] = {total[0], total[1] > total[0] ? total[1] : total[0],
                       total[2] > 1e-300 ? total[2] : 1e-300};
    /* globally adaptive: split the panel with the largest error until the errors sum to
     * 1e-13 of the integrals or the panel budget is spent (QUADPACK's strategy) */
    quad_panel *pan = malloc(QUAD_PANELS * sizeof *pan);
    if (!pan) {
        return SC_ENOMEM;
    }
    size_t np = 0;
    for (int i = 0; i + 1 < nc; i++) {
        split_eval(&f, cuts[i], cuts[i + 1], coarse[i], scale, &pan[np]);
        np += 2;
    }
    for (;;) {
        double total_err = 0, worst = -1;
        size_t w = 0;
        for (size_t i = 0; i < np; i++) {
            total_err += pan[i].err;
            if (pan[i].err > worst) {
                worst = pan[i].err;
                w = i;
            }
        }
        if (total_err <= 1e-13 || np + 1 >= QUAD_PANELS) {
            break;
        }
        quad_panel halves[2];
        split_eval(&f, pan[w].lo, pan[w].hi, pan[w].value, scale, halves);
        pan[w] = halves[0];
        pan[np++] = halves[1];
    }
    double acc[3] = {0, 0, 0};
    for (size_t i = 0; i < np; i++) {
        for (int j = 0; j < 3; j++) {
            acc[j] += pan[i].value[j];
        }
    }
    free(pan);
    *share = acc[1] / acc[0];
    *duration = acc[2] / acc[0];
    return SC_OK;
}

/*
 * The same average by a fixed rule, for strong beliefs and a discount below 1 (the last layer of
 * a table built for a Monte Carlo over the inputs: sc__war_fixed_rule_applies). On the logit scale
 * such a belief is close to a normal of standard deviation sigma and the discounted fixed-theta
 * values are smooth across it, so one pass of 20-point Gauss-Legendre panels 4.5 sigma wide over
 * the window where the density exceeds e^-40 of its peak (its ends found to 1/4096 of their
 * bracket) agrees with the adaptive rule to 1e-12 relative (test_war_closed: the built-in
 * scenario's last layers over its prior ranges, 1.3e-14 at worst, and a grid of fronts, beliefs
 * and discounts), at a fifth of its cost: the adaptive rule evaluates every panel three times
 * (whole, then in halves, to estimate its error) and finds the window's ends to 60 bisections.
 * Undiscounted values are not smooth enough: with d = 1, G jumps at theta = 1/2 on long fronts.
 */
static void predictive_fixed(int k, int N, double a, double b, double discount, double *share,
                             double *duration)
{
    if (k <= 0 || k >= N) {
        sc_war_value_parts(k, N, 0.5, discount, share, duration);
        return;
    }
    pthread_once(&gl_once, gl_init);
    beta_integrand f = {k, N, a, b, discount, 0};
    double mode = log(a) - log(b);
    double sigma = sqrt((a + b) / (a * b));
    f.log_norm = log_density(&f, mode);
    double lo = tail_end(&f, mode, f.log_norm, sigma, -1, 40, 12);
    double hi = tail_end(&f, mode, f.log_norm, sigma, +1, 40, 12);
    int pieces = (int)ceil((hi - lo) / (4.5 * sigma));
    pieces = pieces < 4 ? 4 : pieces > 64 ? 64 : pieces;
    double acc[3] = {0, 0, 0}, prev = lo;
    for (int i = 1; i <= pieces; i++) {
        double x = i == pieces ? hi : lo + (hi - lo) * i / pieces, part[3];
        if (prev < 0 && x > 0) {
            panel(&f, prev, 0, part); /* split at eta = 0, as the adaptive rule does */
            for (int j = 0; j < 3; j++) {
                acc[j] += part[j];
            }
            prev = 0;
        }
        panel(&f, prev, x, part);
        for (int j = 0; j < 3; j++) {
            acc[j] += part[j];
        }
        prev = x;
    }
    *share = acc[1] / acc[0];
    *duration = acc[2] / acc[0];
}

/*
 * The fixed rule for a whole last layer at once, on quadrature nodes shared by its positions.
 * Position k of layer H (w = (H + k - start)/2 wins) holds the belief Beta(a + w, b + H - w):
 * every position has the same strength c = a + b + H, and on the logit scale its density is
 * exp((a + w) eta - c softplus(eta)), so a node eta serves every position whose window covers
 * it. The panels are one grid of 20-point Gauss-Legendre panels anchored at eta = 0 (the split
 * the adaptive rule makes), each 3 sigma_min wide, sigma_min the narrowest position's; a
 * position sums the panels that meet its window (its density above e^-40 of its peak, found as
 * predictive_fixed finds it). The per-position rule's 4.5 sigma is not enough on a fixed grid:
 * its panels beside eta = 0 are cut short by the split there, and with a discount close to 1
 * the values bend sharply at theta = 1/2, so a full 4.5 sigma panel beside 0 was 8.6e-13 off
 * (the built-in front at 0.97 a year) where 3 sigma is 3e-15.
 * At a node, everything that depends on theta alone is computed once: the logistic, the
 * softplus and the roots' logarithms alpha > 0 > beta of the discounted values (war_closed.c);
 * along the positions (k up by 2) the four powers e^{k beta}, e^{-k alpha} (falling) and
 * e^{-(N-k) alpha}, e^{(N-k) beta} (rising, so taken from the top down) are products, each
 * restarted from exp every 32 positions so that rounding cannot build up, and 1 - e^x is
 * -expm1(x) whenever e^x > 1/2 (where the difference would cancel). A pair (node, position)
 * then costs one exp (the density) and a few products, where predictive_fixed spends about a
 * dozen transcendental functions; the sums differ from its in the last bits only, and the
 * layer stays within 1e-12 relative of the adaptive rule (test_war_closed).
 */
#define LAYER_RESTART 64

typedef struct layer_pos {
    double A, log_norm, lo, hi; /* a + w, the log density at the mode, the window */
    double step;                /* e^{log_norm of the position below - log_norm} (density ratio) */
    double acc[3];
    double y, om_y, om_v;       /* e^{-(N-k) alpha}, 1 - that, 1 - e^{(N-k) beta} at a node */
} layer_pos;

/* 1 - e^x for x <= 0, from e = e^x, without cancellation */
static inline double one_minus(double e, double x)
{
    return e > 0.5 ? -expm1(x) : 1 - e;
}

/*
 * A falling power and its complement along the positions: e^{m x} and 1 - e^{m x} for x < 0 and
 * m = 0, 1, 2, ..., each step e' = e q and 1 - e' = (1 - e) + e (1 - q) with q = e^x and 1 - q
 * = -expm1(x): a sum of two non-negative terms, so nothing cancels however close e is to 1 (the
 * expm1 per position this replaces). Restarted from exp every LAYER_RESTART positions.
 */
typedef struct falling {
    double e, om, q, omq;
} falling;

static inline falling falling_of(double x)
{
    falling f = {0, 0, exp(x), -expm1(x)};
    return f;
}

static inline void falling_start(falling *f, double x0)
{
    f->e = exp(x0);
    f->om = one_minus(f->e, x0);
}

static inline void falling_step(falling *f)
{
    f->om += f->e * f->omq;
    f->e *= f->q;
}

/*
 * The window end of a position of the layer: where its log density A eta - c softplus(eta) falls
 * `drop` below its peak `top`, on the side `dir` of its mode. The log density is concave, so
 * Newton's method started outside the window (where the log density is already below the
 * threshold) moves monotonically inward and stays outside: the end it returns is never inside
 * the window (up to rounding), so no panel the window meets is left out. It starts from `guess`
 * (the neighbouring position's end, shifted by the change of mode) when that is outside, else
 * from the mode by doubling steps of sigma as tail_end does, and stops when a step is below
 * 1e-6 sigma (the window decides which whole panels of 3 sigma_min a position sums, so its end
 * matters only to which side of a panel's edge it falls). A few evaluations where tail_end's
 * bisection took about seventeen.
 */
/* f(eta) = A eta - c softplus(eta) - top + drop and its derivative A - c logistic(eta) */
static inline void layer_end_f(double A, double c, double top, double drop, double x, double *f,
                               double *fp)
{
    double e = exp(-fabs(x));
    double sp = (x > 0 ? x : 0) + log1p(e), lg = x > 0 ? 1 / (1 + e) : e / (1 + e);
    *f = A * x - c * sp - top + drop;
    *fp = A - c * lg;
}

static double layer_end(double A, double c, double top, double mode, double sigma, double dir,
                        double drop, double guess)
{
    double x = guess, f, fp;
    layer_end_f(A, c, top, drop, x, &f, &fp);
    if (!(f <= 0 && dir * fp < 0)) {
        /* the guess is inside the window (or beyond the mode): bracket from the mode outward */
        double step = sigma;
        x = mode + dir * step;
        layer_end_f(A, c, top, drop, x, &f, &fp);
        while (f > 0) {
            step *= 2;
            x = mode + dir * step;
            layer_end_f(A, c, top, drop, x, &f, &fp);
        }
    }
    for (int it = 0; it < 40; it++) {
        double dx = -f / fp;
        x += dx;
        if (!(fabs(dx) > 1e-6 * sigma)) {
            break;
        }
        layer_end_f(A, c, top, drop, x, &f, &fp);
    }
    return x;
}

static sc_status layer_fixed(int front, int start, int H, double discount, double a, double b,
                             int kmin, int kmax, double *gs)
{
    pthread_once(&gl_once, gl_init);
    int n = (kmax - kmin) / 2 + 1, N = front;
    double c = a + b + H, d = discount;
    layer_pos *P = calloc((size_t)n, sizeof *P);
    int *span = NULL;
    if (!P) {
        return SC_ENOMEM;
    }
    double sigma_min = HUGE_VAL, lo = HUGE_VAL, hi = -HUGE_VAL, prev_mode = 0;
    for (int i = 0; i < n; i++) {
        int k = kmin + 2 * i, w = (H + k - start) / 2;
        beta_integrand f = {k, N, a + w, b + H - w, d, 0};
        double mode = log(f.a) - log(f.b);
        double sigma = sqrt((f.a + f.b) / (f.a * f.b));
        f.log_norm = log_density(&f, mode);
        P[i].A = f.a;
        P[i].log_norm = f.log_norm;
        P[i].step = i > 0 ? exp(P[i - 1].log_norm - f.log_norm) : 0;
        /* the neighbour's ends moved with the mode, half a sigma further out */
        double glo = i > 0 ? P[i - 1].lo + (mode - prev_mode) - sigma / 2 : mode - sigma;
        double ghi = i > 0 ? P[i - 1].hi + (mode - prev_mode) + sigma / 2 : mode + sigma;
        P[i].lo = layer_end(f.a, c, f.log_norm, mode, sigma, -1, 40, glo);
        P[i].hi = layer_end(f.a, c, f.log_norm, mode, sigma, +1, 40, ghi);
        prev_mode = mode;
        sigma_min = sigma < sigma_min ? sigma : sigma_min;
        lo = P[i].lo < lo ? P[i].lo : lo;
        hi = P[i].hi > hi ? P[i].hi : hi;
    }
    double h = 3.0 * sigma_min;
    double g0 = floor(lo / h), g1 = ceil(hi / h);
    if (!(g1 - g0 < 1e7)) {
        free(P);
        return SC_ELIMIT; /* cannot happen for a table within SC_WAR_TABLE_LIMIT's reach */
    }
    int panels = (int)(g1 - g0);
    /* span[2p], span[2p + 1]: the first and last position whose window meets panel p */
    span = malloc(2 * (size_t)(panels > 0 ? panels : 1) * sizeof *span);
    if (!span) {
        free(P);
        return SC_ENOMEM;
    }
    for (int p = 0; p < panels; p++) {
        span[2 * p] = n;
        span[2 * p + 1] = -1;
    }
    for (int i = 0; i < n; i++) {
        int first = (int)(floor(P[i].lo / h) - g0), last = (int)(ceil(P[i].hi / h) - g0) - 1;
        first = first < 0 ? 0 : first;
        last = last >= panels ? panels - 1 : last;
        for (int p = first; p <= last; p++) {
            span[2 * p] = i < span[2 * p] ? i : span[2 * p];
            span[2 * p + 1] = i > span[2 * p + 1] ? i : span[2 * p + 1];
        }
    }
    for (int p = 0; p < panels; p++) {
        int i0 = span[2 * p], i1 = span[2 * p + 1];
        double centre = (g0 + p + 0.5) * h, half = h / 2;
        for (int g = 0; g < GL_POINTS && i0 <= i1; g++) {
            double eta = centre + half * gl_x[g], wt = half * gl_w[g];
            /* e^-|eta| gives the softplus, the logistic and e^eta (the density's step from one
             * position to the next: A rises by 1) */
            double em = exp(-fabs(eta));
            double softplus = (eta > 0 ? eta : 0) + log1p(em);
            double theta = eta >= 0 ? 1 / (1 + em) : em / (1 + em);
            double up_eta = eta >= 0 ? 1 / em : em;
            if (!(theta > 0 && theta < 1)) {
                /* a node where theta rounds to 0 or 1 (odds beyond about 1e12 to 1 put a
                 * window there): the closed form per position */
                for (int i = i0; i <= i1; i++) {
                    double dens = exp(P[i].A * eta - c * softplus - P[i].log_norm);
                    if (dens != 0) {
                        double gv, sv;
                        sc_war_value_parts(kmin + 2 * i, N, theta, d, &gv, &sv);
                        P[i].acc[0] += wt * dens;
                        P[i].acc[1] += wt * dens * gv;
                        P[i].acc[2] += wt * dens * sv;
                    }
                }
                continue;
            }
            double al, be;
            sc__war_discount_roots(theta, d, &al, &be);
            double inv = 1 / (-expm1(N * (be - al)) * (1 - d));
            double drift = d * (2 * theta - 1) / N;
            /* from the top down: e^{-(N-k) alpha} and e^{(N-k) beta} fall as k falls */
            /* both steps are of k by 2: e^{-2 alpha} and e^{2 beta}, both below 1 */
            const falling fa = falling_of(-2 * al), fb = falling_of(2 * be);
            falling y = fa, v = fb;
            for (int i = i1, m = 0; i >= i0; i--, m++) {
                int r = N - (kmin + 2 * i);
                if (m % LAYER_RESTART == 0) {
                    falling_start(&y, -r * al);
                    falling_start(&v, r * be);
                } else {
                    falling_step(&y);
                    falling_step(&v);
                }
                P[i].y = y.e;
                P[i].om_y = y.om;
                P[i].om_v = v.om;
            }
            /* from the bottom up: e^{k beta} and e^{-k alpha} fall as k rises; the density
             * e^{A eta - c softplus - log_norm} rises by e^eta times the ratio of the positions'
             * normalising constants, restarted from exp with the powers and wherever it is too
             * small for a product to keep its relative precision */
            falling x = fb, u = fa;
            double dens = 0;
            for (int i = i0, m = 0; i <= i1; i++, m++) {
                int k = kmin + 2 * i;
                if (m % LAYER_RESTART == 0) {
                    falling_start(&x, k * be);
                    falling_start(&u, -k * al);
                } else {
                    falling_step(&x);
                    falling_step(&u);
                }
                if (m % LAYER_RESTART == 0 || !(dens > 1e-250)) {
                    dens = exp(P[i].A * eta - c * softplus - P[i].log_norm);
                } else {
                    dens *= up_eta * P[i].step;
                }
                if (dens == 0) {
                    continue;
                }
                double sv = (x.om * P[i].om_y - x.e * P[i].y * u.om * P[i].om_v) * inv;
                double gv = (double)k / N + drift * sv;
                P[i].acc[0] += wt * dens;
                P[i].acc[1] += wt * dens * gv;
                P[i].acc[2] += wt * dens * sv;
            }
        }
    }
    for (int i = 0; i < n; i++) {
        gs[2 * i] = P[i].acc[1] / P[i].acc[0];
        gs[2 * i + 1] = P[i].acc[2] / P[i].acc[0];
    }
    free(span);
    free(P);
    return SC_OK;
}

int sc__war_fixed_rule_applies(double a, double b, double discount)
{
    return discount < 1 && a + b >= SC_WAR_FIXED_RULE_STRENGTH;
}

void sc__war_predictive_fixed(int k, int N, double a, double b, double discount, double *share,
                              double *duration)
{
    predictive_fixed(k, N, a, b, discount, share, duration);
}

sc_status sc_war_predictive_parts(int k, int N, double a, double b, double discount,
                                  double *share, double *duration, sc_diag *diag)
{
    if (!(a > 0 && b > 0) || !isfinite(a + b)) {
        return sc__diag_set(diag, SC_EINVAL, "a Beta belief needs finite a, b > 0 (got %g, %g)",
                            a, b);
    }
    if (N < 2 || !(discount > 0 && discount <= 1)) {
        return sc__diag_set(diag, SC_EINVAL, "need a front N >= 2 and a discount in (0, 1]");
    }
    sc_status rc = predictive(k, N, a, b, discount, share, duration);
    return rc == SC_OK ? rc : sc__diag_set(diag, rc, "out of memory");
}

/* ---- tables --------------------------------------------------------------------------------- */

/* The positions of layer t: from max(start - t, 1) to min(start + t, front - 1), same parity as
 * start + t. Empty (lo > hi) when the walk cannot be strictly inside the front. */
static void layer_range(int front, int start, int t, int *lo, int *hi)
{
    int l = start - t, h = start + t;
    if (l < 1) {
        l += ((1 - l) + 1) / 2 * 2; /* smallest value >= 1 with the same parity */
    }
    if (h > front - 1) {
        h -= ((h - (front - 1)) + 1) / 2 * 2;
    }
    *lo = l;
    *hi = h;
}

/* Two doubles in one SSE2 register (GCC and Clang vector extensions): each lane is the scalar
 * operation, correctly rounded. */
typedef double v2d __attribute__((vector_size(16)));

static inline v2d v2d_load(const double *p)
{
    v2d v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline void v2d_store(double *p, v2d v)
{
    memcpy(p, &v, sizeof v);
}

size_t sc__war_table_states(int front, int start, int horizon, size_t limit)
{
    size_t n = 0;
    for (int t = 0; t <= horizon; t++) {
        int lo, hi;
        layer_range(front, start, t, &lo, &hi);
        if (lo <= hi) {
            n += (size_t)((hi - lo) / 2 + 1);
        }
        if (n > limit) {
            return SIZE_MAX;
        }
    }
    return n;
}

void sc__war_table_destroy(sc__war_table *t)
{
    if (t) {
        free(t->offset);
        free(t->kmin);
        free(t->kmax);
        free(t->gs);
        memset(t, 0, sizeof *t);
    }
}

sc_status sc__war_table_build(int front, int start, int horizon, double discount, double a,
                              double b, int fixed_rule, sc__war_table *out)
{
    memset(out, 0, sizeof *out);
    size_t n = sc__war_table_states(front, start, horizon, SC_WAR_TABLE_LIMIT);
    if (n == SIZE_MAX) {
        return SC_ELIMIT;
    }
    out->front = front;
    out->start = start;
    out->horizon = horizon;
    out->discount = discount;
    size_t layers = (size_t)horizon + 1;
    out->offset = malloc(layers * sizeof *out->offset);
    out->kmin = malloc(layers * sizeof *out->kmin);
    out->kmax = malloc(layers * sizeof *out->kmax);
    out->gs = malloc(2 * (n ? n : 1) * sizeof *out->gs);
    if (!out->offset || !out->kmin || !out->kmax || !out->gs) {
        sc__war_table_destroy(out);
        return SC_ENOMEM;
    }
    size_t off = 0;
    for (int t = 0; t <= horizon; t++) {
        layer_range(front, start, t, &out->kmin[t], &out->kmax[t]);
        out->offset[t] = off;
        if (out->kmin[t] <= out->kmax[t]) {
            off += (size_t)((out->kmax[t] - out->kmin[t]) / 2 + 1);
        }
    }
    /* the last layer by quadrature: by the fixed rule on shared nodes where it applies (every
     * position of the layer has the strength a + b + horizon) */
    int shared = fixed_rule && out->kmin[horizon] <= out->kmax[horizon] &&
                 sc__war_fixed_rule_applies(a, b + horizon, discount);
    if (shared) {
        sc_status rc = layer_fixed(front, start, horizon, discount, a, b, out->kmin[horizon],
                                   out->kmax[horizon], out->gs + 2 * out->offset[horizon]);
        if (rc != SC_OK) {
            sc__war_table_destroy(out);
            return rc;
        }
    }
    for (int k = out->kmin[horizon]; !shared && k <= out->kmax[horizon]; k += 2) {
        int w = (horizon + k - start) / 2, l = horizon - w;
        size_t i = out->offset[horizon] + (size_t)((k - out->kmin[horizon]) / 2);
        sc_status rc = SC_OK;
        if (fixed_rule && sc__war_fixed_rule_applies(a + w, b + l, discount)) {
            predictive_fixed(k, front, a + w, b + l, discount, &out->gs[2 * i],
                             &out->gs[2 * i + 1]);
        } else {
            rc = predictive(k, front, a + w, b + l, discount, &out->gs[2 * i], &out->gs[2 * i + 1]);
        }
        if (rc != SC_OK) {
            sc__war_table_destroy(out);
            return rc;
        }
    }
    /* every earlier layer by the Polya recursion, reading the neighbours (t + 1, k +- 1) from
     * the next layer's array directly (an absorbing end by its value) and the flow term
     * (1 - d) k / N from one array per table. A state's E[G] and E[S] are one pair of lanes of an
     * SSE2 register, E[G] = flow + d (mu G_up + (1 - mu) G_down) in one and
     * E[S] = 1 + d (mu S_up + (1 - mu) S_down) in the other: each lane the scalar IEEE operations
     * (no fused multiply-add), so the same bits as one by one, and the pair is one 16-byte load
     * per neighbour and one store per state (the table stores them side by side) */
    double *flow = malloc((size_t)front * sizeof *flow);
    if (!flow) {
        sc__war_table_destroy(out);
        return SC_ENOMEM;
    }
    for (int k = 1; k < front; k++) {
        flow[k] = (1 - discount) * k / front;
    }
    const v2d dv = {discount, discount}, one = {1, 1};
    for (int t = horizon - 1; t >= 0; t--) {
        int k0 = out->kmin[t], k1 = out->kmax[t], kn = out->kmin[t + 1];
        const double *nx = out->gs + 2 * out->offset[t + 1];
        double *cur = out->gs + 2 * out->offset[t];
        int w = (t + k0 - start) / 2;
        /* mu = (a + w)/(a + b + t) by the layer's reciprocal: one division a layer instead of one
         * a state (the states differ from the quotient's in the last bit at most) */
        double inv = 1 / (a + b + t);
        int k = k0;
        while (k <= k1) {
            if (k - 1 > 0 && k + 1 < front) {
                /* inside the front: a state's neighbours are consecutive pairs of the next
                 * layer, and the next state's are the pairs after them, to the far end */
                const double *q = nx + 2 * (size_t)((k - 1 - kn) / 2);
                int last = k1 < front - 2 ? k1 : front - 2;
                for (; k <= last; k += 2, w++, cur += 2, q += 2) {
                    double mi = (a + w) * inv;
                    const v2d mv = {mi, mi}, fi = {flow[k], 1};
                    v2d_store(cur, fi + dv * (mv * v2d_load(q + 2) + (one - mv) * v2d_load(q)));
                }
                continue;
            }
            /* a state beside an end of the front */
            double mu = (a + w) * inv;
            const v2d m = {mu, mu};
            v2d up = {1, 0}, down = {0, 0}; /* the absorbing ends: A holds all, or nothing */
            if (k + 1 < front) {
                up = v2d_load(nx + 2 * (size_t)((k + 1 - kn) / 2));
            }
            if (k - 1 > 0) {
                down = v2d_load(nx + 2 * (size_t)((k - 1 - kn) / 2));
            }
            const v2d fl = {flow[k], 1};
            v2d_store(cur, fl + dv * (m * up + (one - m) * down));
            k += 2;
            w++;
            cur += 2;
        }
    }
    free(flow);
    return SC_OK;
}
