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
#define LAYER_RESTART 32

typedef struct layer_pos {
    double A, log_norm, lo, hi; /* a + w, the log density at the mode, the window */
    double acc[3];
    double y, om_y, om_v;       /* e^{-(N-k) alpha}, 1 - that, 1 - e^{(N-k) beta} at a node */
    int first, last;            /* panels (grid index) the window meets */
} layer_pos;

/* 1 - e^x for x <= 0, from e = e^x, without cancellation */
static inline double one_minus(double e, double x)
{
    return e > 0.5 ? -expm1(x) : 1 - e;
}

static sc_status layer_fixed(int front, int start, int H, double discount, double a, double b,
                             int kmin, int kmax, double *share, double *duration)
{
    pthread_once(&gl_once, gl_init);
    int n = (kmax - kmin) / 2 + 1, N = front;
    double c = a + b + H, d = discount;
    layer_pos *P = calloc((size_t)n, sizeof *P);
    int *span = NULL;
    if (!P) {
        return SC_ENOMEM;
    }
    double sigma_min = HUGE_VAL, lo = HUGE_VAL, hi = -HUGE_VAL;
    for (int i = 0; i < n; i++) {
        int k = kmin + 2 * i, w = (H + k - start) / 2;
        beta_integrand f = {k, N, a + w, b + H - w, d, 0};
        double mode = log(f.a) - log(f.b);
        double sigma = sqrt((f.a + f.b) / (f.a * f.b));
        f.log_norm = log_density(&f, mode);
        P[i].A = f.a;
        P[i].log_norm = f.log_norm;
        P[i].lo = tail_end(&f, mode, f.log_norm, sigma, -1, 40, 12);
        P[i].hi = tail_end(&f, mode, f.log_norm, sigma, +1, 40, 12);
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
            double softplus = eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta));
            double theta = sc__war_logistic(eta);
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
            double up_a = exp(-2 * al), up_b = exp(2 * be); /* both below 1 */
            /* from the top down: e^{-(N-k) alpha} and e^{(N-k) beta} fall as k falls */
            double y = 0, v = 0;
            for (int i = i1, m = 0; i >= i0; i--, m++) {
                int r = N - (kmin + 2 * i);
                if (m % LAYER_RESTART == 0) {
                    y = exp(-r * al);
                    v = exp(r * be);
                } else {
                    y *= up_a;
                    v *= up_b;
                }
                P[i].y = y;
                P[i].om_y = one_minus(y, -r * al);
                P[i].om_v = one_minus(v, r * be);
            }
            /* from the bottom up: e^{k beta} and e^{-k alpha} fall as k rises */
            double x = 0, u = 0;
            for (int i = i0, m = 0; i <= i1; i++, m++) {
                int k = kmin + 2 * i;
                if (m % LAYER_RESTART == 0) {
                    x = exp(k * be);
                    u = exp(-k * al);
                } else {
                    x *= up_b;
                    u *= up_a;
                }
                double dens = exp(P[i].A * eta - c * softplus - P[i].log_norm);
                if (dens == 0) {
                    continue;
                }
                double sv = (one_minus(x, k * be) * P[i].om_y -
                             x * P[i].y * one_minus(u, -k * al) * P[i].om_v) * inv;
                double gv = (double)k / N + drift * sv;
                P[i].acc[0] += wt * dens;
                P[i].acc[1] += wt * dens * gv;
                P[i].acc[2] += wt * dens * sv;
            }
        }
    }
    for (int i = 0; i < n; i++) {
        share[i] = P[i].acc[1] / P[i].acc[0];
        duration[i] = P[i].acc[2] / P[i].acc[0];
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
        free(t->share);
        free(t->duration);
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
    out->share = malloc((n ? n : 1) * sizeof *out->share);
    out->duration = malloc((n ? n : 1) * sizeof *out->duration);
    if (!out->offset || !out->kmin || !out->kmax || !out->share || !out->duration) {
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
                                   out->kmax[horizon], out->share + out->offset[horizon],
                                   out->duration + out->offset[horizon]);
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
            predictive_fixed(k, front, a + w, b + l, discount, &out->share[i], &out->duration[i]);
        } else {
            rc = predictive(k, front, a + w, b + l, discount, &out->share[i], &out->duration[i]);
        }
        if (rc != SC_OK) {
            sc__war_table_destroy(out);
            return rc;
        }
    }
    /* every earlier layer by the Polya recursion, reading the neighbours (t + 1, k +- 1) from
     * the next layer's arrays directly (an absorbing end by its value) and the flow term
     * (1 - d) k / N from one array per table: the same operations in the same order as a
     * lookup per neighbour, so the same bits, at half the cost (the recursion's states are most
     * of a draw's table once its last layer is cheap) */
    double *flow = malloc((size_t)front * sizeof *flow);
    if (!flow) {
        sc__war_table_destroy(out);
        return SC_ENOMEM;
    }
    for (int k = 1; k < front; k++) {
        flow[k] = (1 - discount) * k / front;
    }
    for (int t = horizon - 1; t >= 0; t--) {
        int k0 = out->kmin[t], k1 = out->kmax[t], kn = out->kmin[t + 1];
        const double *gn = out->share + out->offset[t + 1];
        const double *sn = out->duration + out->offset[t + 1];
        double *g = out->share + out->offset[t], *sv = out->duration + out->offset[t];
        int w = (t + k0 - start) / 2, k = k0, j = 0;
        /* two states at a time where both have both neighbours inside the front: the same
         * IEEE operations on each lane (no fused multiply-add), so the same bits as one by one */
        if (k - 1 > 0) {
            const v2d dv = {discount, discount}, one = {1, 1}, av = {a, a};
            const v2d den = {a + b + t, a + b + t};
            for (; k + 2 <= k1 && k + 3 < front; k += 4, j += 2, w += 2) {
                int dn = (k - 1 - kn) / 2;
                v2d wv = {(double)w, (double)(w + 1)};
                v2d mu = (av + wv) / den;
                v2d gd = v2d_load(gn + dn), gu = v2d_load(gn + dn + 1);
                v2d sd = v2d_load(sn + dn), su = v2d_load(sn + dn + 1);
                v2d fl = {flow[k], flow[k + 2]};
                v2d_store(g + j, fl + dv * (mu * gu + (one - mu) * gd));
                v2d_store(sv + j, one + dv * (mu * su + (one - mu) * sd));
            }
        }
        for (; k <= k1; k += 2, j++, w++) {
            double mu = (a + w) / (a + b + t);
            double gu = 1, su = 0, gd = 0, sd = 0;
            if (k + 1 < front) {
                gu = gn[(k + 1 - kn) / 2];
                su = sn[(k + 1 - kn) / 2];
            }
            if (k - 1 > 0) {
                gd = gn[(k - 1 - kn) / 2];
                sd = sn[(k - 1 - kn) / 2];
            }
            g[j] = flow[k] + discount * (mu * gu + (1 - mu) * gd);
            sv[j] = 1 + discount * (mu * su + (1 - mu) * sd);
        }
    }
    free(flow);
    return SC_OK;
}
