/* SPDX-License-Identifier: MIT */
/*
 * An exact oracle for the war simulation, independent of its code: the distribution of every
 * run is propagated forward over the (battle, position) lattice, with the bargaining decision at
 * each state computed from the public closed forms (sc_war_value_parts at the mean belief, or
 * sc_war_predictive_parts, the quadrature, for predictive beliefs; never the simulation's
 * tables). It covers ceasefires that are not followed (no relapse), the midpoint and Nash rules
 * without mechanisms, and any sequence of per-battle balances theta_t.
 */
#ifndef SC_WAR_ORACLE_H
#define SC_WAR_ORACLE_H

#include "sc_test.h"
#include "statecraft/war.h"

typedef struct war_exact {
    int horizon;
    double *cf_by;      /* cf_by[t] = P(ceasefire at battle <= t) */
    double *battles;    /* battles[t] = P(the war ends after exactly t battles) */
    double win_a, win_b, ongoing, ceasefire;
    double mean_battles, var_battles;
    double mean_terms;  /* E[terms | ceasefire] */
    size_t n_terms;     /* distinct (terms, probability) atoms */
    double *terms_at, *terms_p;
} war_exact;

static inline void war_exact_free(war_exact *x)
{
    free(x->cf_by);
    free(x->battles);
    free(x->terms_at);
    free(x->terms_p);
}

/* A side's value of fighting on at battle t, position k, with w wins of A so far. */
static inline double oracle_value(const sc_war_params *p, int side, int t, int k, int w)
{
    const double *pr = side ? p->prior_b : p->prior_a;
    double a = pr[0] + w, b = pr[1] + (t - w), g, s;
    if (p->beliefs == SC_WAR_PREDICTIVE) {
        assert_int_equal(sc_war_predictive_parts(k, p->front, a, b, p->discount, &g, &s, NULL),
                         SC_OK);
    } else {
        sc_war_value_parts(k, p->front, a / (a + b), p->discount, &g, &s);
    }
    double ca = p->cost_a + p->sanctions;
    double cb = p->cost_b - p->aid_cost > 0 ? p->cost_b - p->aid_cost : 0;
    return side ? 1 - g - cb * s : g - ca * s;
}

/* theta[t] for t < horizon: P(A wins battle t + 1). */
static inline void war_exact_run(const sc_war_params *p, const double *theta, war_exact *x)
{
    int N = p->front, H = p->horizon;
    x->horizon = H;
    x->cf_by = calloc((size_t)H + 1, sizeof *x->cf_by);
    x->battles = calloc((size_t)H + 1, sizeof *x->battles);
    x->terms_at = calloc((size_t)(H + 1) * (size_t)(N + 1), sizeof *x->terms_at);
    x->terms_p = calloc((size_t)(H + 1) * (size_t)(N + 1), sizeof *x->terms_p);
    double *cur = calloc((size_t)N + 1, sizeof *cur), *next = calloc((size_t)N + 1, sizeof *next);
    x->win_a = x->win_b = x->ongoing = x->ceasefire = x->mean_terms = 0;
    x->n_terms = 0;
    cur[p->start] = 1;
    double cf = 0;
    for (int t = 0; t <= H; t++) {
        memset(next, 0, ((size_t)N + 1) * sizeof *next);
        for (int k = 1; k < N; k++) {
            if (cur[k] == 0) {
                continue;
            }
            int w = (t + k - p->start) / 2;
            double lo = oracle_value(p, 0, t, k, w), hi = 1 - oracle_value(p, 1, t, k, w);
            if (lo <= hi) {
                double terms = p->rule == SC_WAR_NASH ? lo + p->power * (hi - lo) : (lo + hi) / 2;
                terms = terms < 0 ? 0 : terms > 1 ? 1 : terms;
                cf += cur[k];
                x->battles[t] += cur[k];
                x->mean_terms += cur[k] * terms;
                x->terms_at[x->n_terms] = terms;
                x->terms_p[x->n_terms++] = cur[k];
                continue;
            }
            if (t == H) {
                x->ongoing += cur[k];
                x->battles[t] += cur[k];
                continue;
            }
            next[k + 1] += cur[k] * theta[t];
            next[k - 1] += cur[k] * (1 - theta[t]);
        }
        x->cf_by[t] = cf;
        if (t < H) {
            x->win_a += next[N];
            x->win_b += next[0];
            x->battles[t + 1] += next[N] + next[0];
            next[N] = next[0] = 0;
        }
        double *tmp = cur;
        cur = next;
        next = tmp;
    }
    x->ceasefire = cf;
    x->mean_terms = cf > 0 ? x->mean_terms / cf : (double)NAN;
    double m = 0, m2 = 0;
    for (int t = 0; t <= H; t++) {
        m += t * x->battles[t];
        m2 += (double)t * t * x->battles[t];
    }
    x->mean_battles = m;
    x->var_battles = m2 - m * m;
    free(cur);
    free(next);
}

/* The exact p-quantile of the terms distribution (the smallest atom with cumulative >= p), for
 * quantiles that do not sit on a boundary between atoms. */
static inline double war_exact_terms_quantile(const war_exact *x, double p)
{
    /* sort the atoms by terms (few of them: insertion sort) */
    for (size_t i = 1; i < x->n_terms; i++) {
        for (size_t j = i; j > 0 && x->terms_at[j - 1] > x->terms_at[j]; j--) {
            double a = x->terms_at[j], b = x->terms_p[j];
            x->terms_at[j] = x->terms_at[j - 1];
            x->terms_p[j] = x->terms_p[j - 1];
            x->terms_at[j - 1] = a;
            x->terms_p[j - 1] = b;
        }
    }
    double cum = 0;
    for (size_t i = 0; i < x->n_terms; i++) {
        cum += x->terms_p[i] / x->ceasefire;
        if (cum >= p) {
            return x->terms_at[i];
        }
    }
    return x->n_terms ? x->terms_at[x->n_terms - 1] : (double)NAN;
}

/* |a - b| <= z standard errors of a proportion p over n runs (plus rounding). */
#define SC_ASSERT_PROPORTION(sim, exact, n, z)                                                     \
    SC_ASSERT_NEAR((sim), (exact),                                                                 \
                   (z) * sqrt(fmax(0, (exact) * (1 - (exact))) / (double)(n)) + 1e-9)

#endif
