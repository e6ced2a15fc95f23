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

/* E[G], E[S] at (t, k) for a position that may be an absorbing end or lie in the table. */
static void lookup(const sc__war_table *tb, int t, int k, double *g, double *s)
{
    if (k <= 0 || k >= tb->front) {
        *g = k >= tb->front ? 1 : 0;
        *s = 0;
        return;
    }
    sc__war_table_get(tb, t, k, g, s);
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
    /* the last layer by quadrature */
    for (int k = out->kmin[horizon]; k <= out->kmax[horizon]; k += 2) {
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
    /* every earlier layer by the Polya recursion */
    for (int t = horizon - 1; t >= 0; t--) {
        for (int k = out->kmin[t]; k <= out->kmax[t]; k += 2) {
            int w = (t + k - start) / 2;
            double mu = (a + w) / (a + b + t);
            double gu, su, gd, sd;
            lookup(out, t + 1, k + 1, &gu, &su);
            lookup(out, t + 1, k - 1, &gd, &sd);
            size_t i = out->offset[t] + (size_t)((k - out->kmin[t]) / 2);
            out->share[i] = (1 - discount) * k / front + discount * (mu * gu + (1 - mu) * gd);
            out->duration[i] = 1 + discount * (mu * su + (1 - mu) * sd);
        }
    }
    return SC_OK;
}
