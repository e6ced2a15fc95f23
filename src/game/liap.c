/* SPDX-License-Identifier: MIT */
/*
 * liap: Nash equilibria by minimising a Lyapunov function (McKelvey 1998, "A Liapunov function
 * for Nash equilibria"; Gambit's gambit-liap). With payoffs rescaled to [0, 1] and v_is the payoff
 * of player i's pure strategy s against the others' mixed strategies, u_i = sum_s p_is v_is,
 *
 *   L(p) = sum_i sum_s max(0, v_is - u_i)^2 + sum_is min(0, p_is)^2 + sum_i (sum_s p_is - 1)^2,
 *
 * which is 0 exactly at the Nash equilibria (the penalties keep p on the simplices). L is
 * minimised by GSL's BFGS (vector_bfgs2) with the analytic gradient from each start: the
 * centroid, or `starts` random points of the simplices (stream (seed, k) of the library's
 * generator), or given points. A local minimum is reported when, pushed back onto the simplices,
 * its largest regret relative to the payoff range is at most max_regret (default 1e-4, Gambit's);
 * other starts end in non-equilibrium local minima and report nothing, as in Gambit.
 */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "game/game_internal.h"
#include "statecraft/rng.h"

#define LIAP_DEFAULT_REGRET 1e-4
#define LIAP_DEFAULT_ITERS 1000

typedef struct liap {
    const sc_game *g;
    size_t n, width, nprof;
    size_t *off;    /* off[i]: first entry of player i; off[n] = width */
    double *u;      /* payoffs rescaled to [0, 1], profile-major */
    double *v;      /* v[off_i + s] */
    double *x;      /* x[a * width + b]: payoff of a's player with a and b played, others mixed */
    size_t *digit;  /* the pure profile being visited */
} liap;

static void liap_destroy(liap *w)
{
    free(w->off);
    free(w->u);
    free(w->v);
    free(w->x);
    free(w->digit);
}

static sc_status liap_init(liap *w, const sc_game *g)
{
    memset(w, 0, sizeof *w);
    w->g = g;
    w->n = g->n;
    w->nprof = g->nprof;
    w->off = malloc((g->n + 1) * sizeof *w->off);
    w->digit = calloc(g->n, sizeof *w->digit);
    if (!w->off || !w->digit) {
        return SC_ENOMEM;
    }
    w->off[0] = 0;
    for (size_t i = 0; i < g->n; i++) {
        w->off[i + 1] = w->off[i] + g->ns[i];
    }
    w->width = w->off[g->n];
    w->u = malloc(g->nprof * g->n * sizeof *w->u);
    w->v = malloc(w->width * sizeof *w->v);
    w->x = malloc(w->width * w->width * sizeof *w->x);
    if (!w->u || !w->v || !w->x) {
        return SC_ENOMEM;
    }
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (size_t k = 0; k < g->nprof * g->n; k++) {
        lo = fmin(lo, g->dpay[k]);
        hi = fmax(hi, g->dpay[k]);
    }
    double range = hi > lo ? hi - lo : 1;
    for (size_t k = 0; k < g->nprof * g->n; k++) {
        w->u[k] = (g->dpay[k] - lo) / range;
    }
    return SC_OK;
}

/* v and x at profile p, by one pass over the pure profiles. */
static void payoffs(liap *w, const double *p)
{
    size_t n = w->n, W = w->width;
    memset(w->v, 0, W * sizeof *w->v);
    memset(w->x, 0, W * W * sizeof *w->x);
    memset(w->digit, 0, n * sizeof *w->digit);
    for (size_t c = 0; c < w->nprof; c++) {
        const double *uc = w->u + c * n;
        for (size_t i = 0; i < n; i++) {
            size_t a = w->off[i] + w->digit[i];
            double wi = 1; /* product over the others */
            for (size_t k = 0; k < n; k++) {
                if (k != i) {
                    wi *= p[w->off[k] + w->digit[k]];
                }
            }
            w->v[a] += uc[i] * wi;
            for (size_t j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double wij = 1; /* product over the players other than i and j */
                for (size_t k = 0; k < n; k++) {
                    if (k != i && k != j) {
                        wij *= p[w->off[k] + w->digit[k]];
                    }
                }
                w->x[a * W + w->off[j] + w->digit[j]] += uc[i] * wij;
            }
        }
        for (size_t i = 0; i < n; i++) { /* next profile, player 1 fastest */
            if (++w->digit[i] < w->g->ns[i]) {
                break;
            }
            w->digit[i] = 0;
        }
    }
}

/* L(p) and, if grad is not NULL, its gradient. */
static double value(liap *w, const double *p, double *grad)
{
    payoffs(w, p);
    size_t n = w->n, W = w->width;
    double L = 0;
    if (grad) {
        memset(grad, 0, W * sizeof *grad);
    }
    for (size_t i = 0; i < n; i++) {
        double ui = 0, sum = 0;
        for (size_t a = w->off[i]; a < w->off[i + 1]; a++) {
            ui += p[a] * w->v[a];
            sum += p[a];
        }
        double gsum = 0;
        for (size_t a = w->off[i]; a < w->off[i + 1]; a++) {
            double gap = w->v[a] - ui;
            if (gap > 0) {
                L += gap * gap;
                gsum += gap;
            }
            if (p[a] < 0) {
                L += p[a] * p[a];
            }
        }
        L += (sum - 1) * (sum - 1);
        if (!grad) {
            continue;
        }
        for (size_t a = w->off[i]; a < w->off[i + 1]; a++) {
            /* d/dp_ia of sum_s max(0, v_is - u_i)^2: v does not depend on p_i */
            grad[a] += -2 * gsum * w->v[a] + (p[a] < 0 ? 2 * p[a] : 0) + 2 * (sum - 1);
        }
        for (size_t j = 0; j < n; j++) {
            if (j == i) {
                continue;
            }
            for (size_t b = w->off[j]; b < w->off[j + 1]; b++) {
                double du = 0; /* d u_i / d p_jb */
                for (size_t a = w->off[i]; a < w->off[i + 1]; a++) {
                    du += p[a] * w->x[a * W + b];
                }
                double d = 0;
                for (size_t a = w->off[i]; a < w->off[i + 1]; a++) {
                    double gap = w->v[a] - ui;
                    if (gap > 0) {
                        d += 2 * gap * (w->x[a * W + b] - du);
                    }
                }
                grad[b] += d;
            }
        }
    }
    return L;
}

static double f_cb(const gsl_vector *x, void *params)
{
    return value(params, x->data, NULL);
}

static void df_cb(const gsl_vector *x, void *params, gsl_vector *g)
{
    value(params, x->data, g->data);
}

static void fdf_cb(const gsl_vector *x, void *params, double *f, gsl_vector *g)
{
    *f = value(params, x->data, g->data);
}

/* A random point of each player's simplex (uniform: normalised exponentials). */
static void random_start(const liap *w, uint64_t seed, uint64_t k, double *p)
{
    sc_rng r;
    sc_rng_init(&r, seed, k);
    for (size_t i = 0; i < w->n; i++) {
        double sum = 0;
        for (size_t a = w->off[i]; a < w->off[i + 1]; a++) {
            p[a] = -log(1 - sc_rng_uniform(&r));
            sum += p[a];
        }
        for (size_t a = w->off[i]; a < w->off[i + 1]; a++) {
            p[a] /= sum;
        }
    }
}

/* Back onto the simplices: negative entries to 0, each block rescaled to sum 1. */
static void project(const liap *w, double *p)
{
    for (size_t i = 0; i < w->n; i++) {
        double sum = 0;
        for (size_t a = w->off[i]; a < w->off[i + 1]; a++) {
            p[a] = p[a] > 0 ? p[a] : 0;
            sum += p[a];
        }
        for (size_t a = w->off[i]; a < w->off[i + 1]; a++) {
            p[a] = sum > 0 ? p[a] / sum : 1.0 / (double)(w->off[i + 1] - w->off[i]);
        }
    }
}

/* Whether p is (up to 1e-5 per entry) a profile already found. */
static int known(const sc_game_solution *sol, const double *p, size_t W)
{
    for (size_t r = 0; r < sol->count; r++) {
        size_t k = 0;
        while (k < W && fabs(sol->d[r * W + k] - p[k]) <= 1e-5) {
            k++;
        }
        if (k == W) {
            return 1;
        }
    }
    return 0;
}

/* The largest regret at p relative to the payoff range (NAN when out of memory). */
static double max_regret(const sc_game *g, const double *p, double *regret, double range)
{
    if (sc_game_regret(g, p, regret, NULL) != SC_OK) {
        return (double)NAN;
    }
    double worst = 0;
    for (size_t i = 0; i < g->n; i++) {
        worst = fmax(worst, regret[i] / range);
    }
    return worst;
}

sc_status sc__game_liap(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                        sc_diag *diag)
{
    double t0 = sc__game_now();
    liap w;
    sc_status rc = liap_init(&w, g);
    size_t W = w.width;
    double *p = rc == SC_OK ? malloc(W * sizeof *p) : NULL;
    double *regret = rc == SC_OK ? malloc(g->n * sizeof *regret) : NULL;
    gsl_vector *x = rc == SC_OK ? gsl_vector_alloc(W) : NULL;
    gsl_multimin_fdfminimizer *m =
        rc == SC_OK ? gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, W)
                    : NULL;
    if (!p || !regret || !x || !m) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    double lo, hi;
    sc_game_payoff_bounds(g, &lo, &hi);
    double range = hi > lo ? hi - lo : 1;
    double tol = o->max_regret > 0 ? o->max_regret : LIAP_DEFAULT_REGRET;
    int iters = o->liap_iterations > 0 ? o->liap_iterations : LIAP_DEFAULT_ITERS;
    size_t nstarts = o->start ? o->start_count : o->starts ? o->starts : 1;
    uint64_t seed = o->seed ? o->seed : 1;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    gsl_multimin_function_fdf fn = {f_cb, df_cb, fdf_cb, W, &w};
    for (size_t k = 0; k < nstarts; k++) {
        if (sc__game_stop(o, t0)) {
            rc = sc__game_stopped(o, "liap", diag);
            break;
        }
        if (o->start) {
            memcpy(p, o->start + k * W, W * sizeof *p);
        } else if (o->starts) {
            random_start(&w, seed, k, p);
        } else {
            for (size_t i = 0; i < g->n; i++) { /* the centroid */
                for (size_t a = w.off[i]; a < w.off[i + 1]; a++) {
                    p[a] = 1.0 / (double)g->ns[i];
                }
            }
        }
        memcpy(x->data, p, W * sizeof *p);
        gsl_multimin_fdfminimizer_set(m, &fn, x, 0.01, 0.1);
        /* BFGS until L is ~0 (an equilibrium to ~1e-13 per entry) or stalls; a stall restarts
         * the approximate Hessian (a few times: the kinks of max(0, .) stall the line search) */
        for (int it = 0, restarts = 0; it < iters; it++) {
            int status = gsl_multimin_fdfminimizer_iterate(m);
            if (m->f < 1e-26 || gsl_multimin_test_gradient(m->gradient, 1e-15) == GSL_SUCCESS) {
                break;
            }
            if (status != GSL_SUCCESS) {
                if (++restarts > 20) {
                    break;
                }
                gsl_multimin_fdfminimizer_restart(m);
            }
        }
        memcpy(p, m->x->data, W * sizeof *p);
        project(&w, p);
        double worst = max_regret(g, p, regret, range);
        /* the penalties leave strategies outside the support at ~1e-5: snapped to 0, the
         * profile is kept when that lowers its regret (an exact pure or boundary equilibrium) */
        memcpy(x->data, p, W * sizeof *p);
        for (size_t a = 0; a < W; a++) {
            x->data[a] = x->data[a] < 1e-4 ? 0 : x->data[a];
        }
        project(&w, x->data);
        double snapped = max_regret(g, x->data, regret, range);
        if (snapped <= worst) {
            memcpy(p, x->data, W * sizeof *p);
            worst = snapped;
        }
        if (!(worst >= 0)) {
            rc = SC_ENOMEM;
            break;
        }
        if (worst <= tol && !known(sol, p, W) && (rc = sc__sol_push_d(sol, p, diag)) != SC_OK) {
            break;
        }
    }
    gsl_set_error_handler(old);
done:
    if (m) {
        gsl_multimin_fdfminimizer_free(m);
    }
    if (x) {
        gsl_vector_free(x);
    }
    free(p);
    free(regret);
    liap_destroy(&w);
    if (rc == SC_ENOMEM && diag && diag->code != SC_ENOMEM) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    return rc;
}

sc_status sc__liap_objective(const sc_game *g, const double *p, double *L, double *grad)
{
    liap w;
    sc_status rc = liap_init(&w, g);
    if (rc == SC_OK) {
        *L = value(&w, p, grad);
    }
    liap_destroy(&w);
    return rc;
}
