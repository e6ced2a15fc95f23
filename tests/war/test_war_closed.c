/* SPDX-License-Identifier: MIT */
/*
 * War closed forms against independent numerical solutions, to 1e-6 or better, on inputs the
 * test-vector file does not cover (4 decimals there): gambler's ruin and reservation values
 * against the first-step linear systems they solve, Lanchester's laws against an ODE integrator,
 * the take-it-or-leave-it demand against a numerical maximiser.
 */
#include "sc_test.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_vector.h>

#include "statecraft/war.h"
#include "war/war_internal.h"

/*
 * Solves u(k) = c + up u(k+1) + (1 - up) u(k-1) for k = 1..N-1 with u(0) = u0, u(N) = uN, by
 * GSL's tridiagonal solver. Writes u(0..N) into u (N + 1 values).
 */
static void first_step_solve(int N, double up, double c, double u0, double uN, double *u)
{
    u[0] = u0;
    u[N] = uN;
    if (N == 2) { /* one unknown: GSL's solver needs at least two */
        u[1] = c + up * uN + (1 - up) * u0;
        return;
    }
    size_t n = (size_t)(N - 1);
    gsl_vector *diag = gsl_vector_alloc(n), *e = gsl_vector_alloc(n - 1);
    gsl_vector *f = gsl_vector_alloc(n - 1), *rhs = gsl_vector_alloc(n);
    gsl_vector *x = gsl_vector_alloc(n);
    /* row i (k = i + 1): u(k) - up u(k+1) - (1 - up) u(k-1) = c */
    for (size_t i = 0; i < n; i++) {
        gsl_vector_set(diag, i, 1);
        gsl_vector_set(rhs, i, c);
        if (i + 1 < n) {
            gsl_vector_set(e, i, -up);      /* above the diagonal: u(k+1) */
            gsl_vector_set(f, i, -(1 - up)); /* below the diagonal: u(k) in row k+1 */
        }
    }
    gsl_vector_set(rhs, 0, gsl_vector_get(rhs, 0) + (1 - up) * u0);
    gsl_vector_set(rhs, n - 1, gsl_vector_get(rhs, n - 1) + up * uN);
    assert_int_equal(gsl_linalg_solve_tridiag(diag, e, f, rhs, x), GSL_SUCCESS);
    for (size_t i = 0; i < n; i++) {
        u[i + 1] = gsl_vector_get(x, i);
    }
    gsl_vector_free(diag);
    gsl_vector_free(e);
    gsl_vector_free(f);
    gsl_vector_free(rhs);
    gsl_vector_free(x);
}

/*
 * The discounted system u(k) = rhs(k) + d (up u(k+1) + (1 - up) u(k-1)), u(0) = u0, u(N) = uN,
 * with rhs(k) = c0 + c1 k, by GSL's tridiagonal solver (N >= 3).
 */
static void discounted_solve(int N, double up, double d, double c0, double c1, double u0,
                             double uN, double *u)
{
    u[0] = u0;
    u[N] = uN;
    size_t n = (size_t)(N - 1);
    gsl_vector *diag = gsl_vector_alloc(n), *e = gsl_vector_alloc(n - 1);
    gsl_vector *f = gsl_vector_alloc(n - 1), *rhs = gsl_vector_alloc(n);
    gsl_vector *x = gsl_vector_alloc(n);
    for (size_t i = 0; i < n; i++) {
        gsl_vector_set(diag, i, 1);
        gsl_vector_set(rhs, i, c0 + c1 * (double)(i + 1));
        if (i + 1 < n) {
            gsl_vector_set(e, i, -d * up);
            gsl_vector_set(f, i, -d * (1 - up));
        }
    }
    gsl_vector_set(rhs, 0, gsl_vector_get(rhs, 0) + d * (1 - up) * u0);
    gsl_vector_set(rhs, n - 1, gsl_vector_get(rhs, n - 1) + d * up * uN);
    assert_int_equal(gsl_linalg_solve_tridiag(diag, e, f, rhs, x), GSL_SUCCESS);
    for (size_t i = 0; i < n; i++) {
        u[i + 1] = gsl_vector_get(x, i);
    }
    gsl_vector_free(diag);
    gsl_vector_free(e);
    gsl_vector_free(f);
    gsl_vector_free(rhs);
    gsl_vector_free(x);
}

static const double thetas[] = {0.5,        0.5 + 1e-11, 0.5 - 3e-9, 0.5 + 2.7e-6, 0.5 - 4.1e-4,
                                0.5 + 0.013, 0.3817,     0.6234,     0.12,         0.93};
static const int fronts[] = {2, 3, 10, 57, 240};

static void test_ruin_vs_linear_system(void **state)
{
    (void)state;
    double u[241];
    for (size_t a = 0; a < sizeof thetas / sizeof thetas[0]; a++) {
        for (size_t b = 0; b < sizeof fronts / sizeof fronts[0]; b++) {
            double th = thetas[a];
            int N = fronts[b];
            first_step_solve(N, th, 0, 0, 1, u); /* P(k): absorbed at N */
            for (int k = 0; k <= N; k++) {
                SC_ASSERT_NEAR(sc_war_ruin_win(k, N, th), u[k], 1e-9);
            }
            first_step_solve(N, th, 1, 0, 0, u); /* D(k): one battle per step */
            for (int k = 0; k <= N; k++) {
                double d = sc_war_ruin_duration(k, N, th);
                SC_ASSERT_NEAR(d, u[k], 1e-9 * (1 + u[k]));
            }
        }
    }
    /* near 1/2 the values move smoothly to the fair-game limits k/N and k(N - k) */
    SC_ASSERT_NEAR(sc_war_ruin_win(3, 10, 0.5 + 1e-13), 0.3, 1e-11);
    SC_ASSERT_NEAR(sc_war_ruin_duration(3, 10, 0.5 + 1e-13), 21, 1e-9);
    /* long fronts far from 1/2 neither overflow nor lose the small side */
    double w = sc_war_ruin_win(500, 1000, 0.1); /* 9^-500: below the smallest double */
    assert_true(w >= 0 && w < 1e-300);
    /* theta = 0.3, r = 7/3, s = 1/r: P(950 of 1000) = s^50 (1 - s^950)/(1 - s^1000), about
     * 4e-19, kept to full relative precision */
    double s = 3.0 / 7.0;
    SC_ASSERT_NEAR(sc_war_ruin_win(950, 1000, 0.3) /
                       (pow(s, 50) * (1 - pow(s, 950)) / (1 - pow(s, 1000))),
                   1.0, 1e-12);
    SC_ASSERT_NEAR(sc_war_ruin_win(500, 1000, 0.9), 1.0, 1e-15);
    SC_ASSERT_NEAR(sc_war_ruin_duration(500, 1000, 0.9), 500 / 0.8, 1e-9);
}

static void test_values_vs_linear_system(void **state)
{
    (void)state;
    /* V_A(k) = -c_A + mu V_A(k+1) + (1 - mu) V_A(k-1), V_A(0) = 0, V_A(N) = 1 (A's share);
     * V_B the same with B's cost and boundary values 1 at 0 and 0 at N (B's share). */
    double u[241];
    static const double costs[] = {0, 0.0007, 0.0123, 0.05};
    for (size_t a = 0; a < sizeof thetas / sizeof thetas[0]; a++) {
        for (size_t b = 0; b < sizeof fronts / sizeof fronts[0]; b++) {
            for (size_t c = 0; c < sizeof costs / sizeof costs[0]; c++) {
                double mu = thetas[a], cost = costs[c];
                int N = fronts[b];
                first_step_solve(N, mu, -cost, 0, 1, u);
                for (int k = 1; k < N; k++) {
                    SC_ASSERT_NEAR(sc_war_value_a(k, N, mu, cost), u[k], 1e-9 * (1 + fabs(u[k])));
                }
                first_step_solve(N, mu, -cost, 1, 0, u);
                for (int k = 1; k < N; k++) {
                    SC_ASSERT_NEAR(sc_war_value_b(k, N, mu, cost), u[k], 1e-9 * (1 + fabs(u[k])));
                }
            }
        }
    }
    /* war.md §7's rearranged form V_A = P (1 - c N/delta) + c k/delta, delta = 2 mu - 1 */
    for (int k = 1; k < 20; k++) {
        double mu = 0.6137, c = 0.0031, delta = 2 * mu - 1;
        double P = sc_war_ruin_win(k, 20, mu);
        SC_ASSERT_NEAR(sc_war_value_a(k, 20, mu, c), P * (1 - c * 20 / delta) + c * k / delta,
                       1e-12);
    }
}

typedef struct lanchester_law {
    double alpha, beta;
    int square;
} lanchester_law;

static int lanchester_rhs(double t, const double y[], double dydt[], void *params)
{
    (void)t;
    const lanchester_law *l = params;
    if (l->square) {
        dydt[0] = -l->beta * y[1];
        dydt[1] = -l->alpha * y[0];
    } else {
        dydt[0] = -l->beta * y[0] * y[1];
        dydt[1] = -l->alpha * y[0] * y[1];
    }
    return GSL_SUCCESS;
}

/* Integrates the law from (a0, b0) to time t with an 8th-order Runge-Kutta at 1e-13. */
static void integrate(lanchester_law *l, double a0, double b0, double t, double y[2])
{
    gsl_odeiv2_system sys = {lanchester_rhs, NULL, 2, l};
    gsl_odeiv2_driver *d = gsl_odeiv2_driver_alloc_y_new(&sys, gsl_odeiv2_step_rk8pd, 1e-3,
                                                         1e-13, 1e-13);
    double t0 = 0;
    y[0] = a0;
    y[1] = b0;
    assert_int_equal(gsl_odeiv2_driver_apply(d, &t0, t, y), GSL_SUCCESS);
    gsl_odeiv2_driver_free(d);
}

static void test_lanchester_vs_ode(void **state)
{
    (void)state;
    static const double cases[][4] = {
        {100, 80, 0.01, 0.01}, {100, 120, 0.02, 0.01}, {73.2, 91.5, 0.0137, 0.0061},
        {40, 55, 0.03, 0.05},  {12.5, 9.25, 0.4, 0.7}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double a0 = cases[i][0], b0 = cases[i][1];
        lanchester_law l = {cases[i][2], cases[i][3], 1};
        sc_lanchester out;
        assert_int_equal(sc_war_lanchester_square(a0, b0, l.alpha, l.beta, &out, NULL), SC_OK);
        assert_true(out.winner != 0 && isfinite(out.t_end));
        double y[2];
        integrate(&l, a0, b0, out.t_end, y);
        double win = out.winner > 0 ? y[0] : y[1], lose = out.winner > 0 ? y[1] : y[0];
        /* the loser reaches zero at t_end (its slope there is -rate * survivors, not zero, so a
         * 1e-7 residual pins t_end to well under 1e-6) and the winner holds `survivors` */
        SC_ASSERT_NEAR(lose, 0, 1e-7);
        SC_ASSERT_NEAR(win, out.survivors, 1e-6);
        double slope = (out.winner > 0 ? l.alpha : l.beta) * out.survivors;
        SC_ASSERT_NEAR(lose / slope, 0, 1e-6);
        /* linear law: the loser decays towards zero, the winner towards a0 - (beta/alpha) b0 */
        l.square = 0;
        l.alpha /= 10;
        l.beta /= 10;
        assert_int_equal(sc_war_lanchester_linear(a0, b0, l.alpha, l.beta, &out, NULL), SC_OK);
        assert_true(out.t_end == HUGE_VAL);
        double rate = (out.winner > 0 ? l.alpha : l.beta) * out.survivors;
        integrate(&l, a0, b0, 40 / rate, y); /* e^-40 of the loser is left */
        SC_ASSERT_NEAR(out.winner > 0 ? y[0] : y[1], out.survivors, 1e-6);
        assert_int_equal(out.winner, l.alpha * a0 > l.beta * b0 ? 1 : -1);
    }
    sc_lanchester out = {7, 7, 7};
    assert_int_equal(sc_war_lanchester_linear(10, 0, 1, 1, &out, NULL), SC_EINVAL);
    assert_int_equal(out.winner, 7); /* untouched on failure */
    assert_int_equal(sc_war_lanchester_linear(10, 20, 2, 1, &out, NULL), SC_OK);
    assert_int_equal(out.winner, 0);
}

typedef struct tioli {
    double p, cost_a, cbar;
} tioli;

/* Minus A's expected utility of demanding x: accepted with P(c_B >= x - p), else war. */
static double tioli_loss(double x, void *params)
{
    const tioli *t = params;
    double reject = (x - t->p) / t->cbar;
    reject = reject < 0 ? 0 : reject > 1 ? 1 : reject;
    return -(x * (1 - reject) + (t->p - t->cost_a) * reject);
}

static void test_tioli_vs_maximiser(void **state)
{
    (void)state;
    static const double cases[][3] = {
        {0.5, 0.1, 0.3}, {0.4137, 0.0713, 0.2385}, {0.62, 0.011, 0.09}, {0.2, 0.05, 0.41}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tioli t = {cases[i][0], cases[i][1], cases[i][2]};
        gsl_function F = {tioli_loss, &t};
        gsl_min_fminimizer *m = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
        double lo = t.p, hi = t.p + t.cbar;
        assert_int_equal(gsl_min_fminimizer_set(m, &F, (lo + hi) / 2, lo, hi), GSL_SUCCESS);
        /* Brent brackets to about sqrt(DBL_EPSILON) |x|, so the interval is tested at 1e-7;
         * the minimum itself is far more accurate (the loss is a parabola) */
        int status = GSL_CONTINUE;
        for (int it = 0; it < 200 && status == GSL_CONTINUE; it++) {
            gsl_min_fminimizer_iterate(m);
            status = gsl_min_test_interval(gsl_min_fminimizer_x_lower(m),
                                           gsl_min_fminimizer_x_upper(m), 1e-7, 0);
        }
        assert_int_equal(status, GSL_SUCCESS);
        double x_num = gsl_min_fminimizer_x_minimum(m);
        gsl_min_fminimizer_free(m);
        double x, pw;
        sc_war_tioli_uniform(t.p, t.cost_a, t.cbar, &x, &pw);
        SC_ASSERT_NEAR(x, x_num, 1e-6);
        SC_ASSERT_NEAR(pw, (x_num - t.p) / t.cbar, 1e-6); /* P(c_B < x* - p) */
    }
    /* A's own cost above every possible cost of B's: demand only p, never fight */
    double x, pw;
    sc_war_tioli_uniform(0.55, 0.4, 0.3, &x, &pw);
    SC_ASSERT_NEAR(x, 0.55, 0);
    SC_ASSERT_NEAR(pw, 0, 0);
}

/*
 * Discounted values against the linear systems they solve: S(k) = 1 + d (theta S(k+1) +
 * q S(k-1)) with S = 0 at both ends, and G(k) = (1 - d) k/N + d (theta G(k+1) + q G(k-1)) with
 * G(0) = 0, G(N) = 1; at discounts up to 0.9999 and theta within 1e-11 of 1/2, where the
 * closed form's differences are most exposed to cancellation.
 */
static void test_discounted_vs_linear_system(void **state)
{
    (void)state;
    static const double discounts[] = {0.3, 0.9, 0.99, 0.998, 0.9999};
    static const int dfronts[] = {3, 10, 57, 240};
    double u[241], g, s;
    for (size_t a = 0; a < sizeof thetas / sizeof thetas[0]; a++) {
        for (size_t b = 0; b < sizeof dfronts / sizeof dfronts[0]; b++) {
            for (size_t c = 0; c < sizeof discounts / sizeof discounts[0]; c++) {
                double th = thetas[a], d = discounts[c];
                int N = dfronts[b];
                discounted_solve(N, th, d, 1, 0, 0, 0, u);
                for (int k = 1; k < N; k++) {
                    sc_war_value_parts(k, N, th, d, &g, &s);
                    SC_ASSERT_NEAR(s, u[k], 1e-9 * (1 + u[k]));
                }
                discounted_solve(N, th, d, 0, (1 - d) / N, 0, 1, u);
                for (int k = 1; k < N; k++) {
                    sc_war_value_parts(k, N, th, d, &g, &s);
                    SC_ASSERT_NEAR(g, u[k], 1e-9);
                }
            }
        }
    }
    /* a sure march: theta 1 takes N - k battles, theta 0 takes k */
    sc_war_value_parts(3, 10, 1, 0.9, &g, &s);
    SC_ASSERT_NEAR(s, (1 - pow(0.9, 7)) / 0.1, 1e-12);
    SC_ASSERT_NEAR(g, 0.3 + 0.9 * s / 10, 1e-12);
    sc_war_value_parts(3, 10, 0, 0.9, &g, &s);
    SC_ASSERT_NEAR(s, (1 - pow(0.9, 3)) / 0.1, 1e-12);
    /* undiscounted parts are the gambler's ruin */
    sc_war_value_parts(7, 23, 0.57, 1, &g, &s);
    SC_ASSERT_NEAR(g, sc_war_ruin_win(7, 23, 0.57), 0);
    SC_ASSERT_NEAR(s, sc_war_ruin_duration(7, 23, 0.57), 0);
}

/* The direct numerical integral of a part against Beta(a, b) over theta, by GSL's QAGP with a
 * break at 1/2 (where the parts bend most) and QUADPACK's extrapolation for endpoint
 * singularities of weak beliefs: an integrator independent of the library's own. */
typedef struct direct_args {
    int k, N, which;
    double a, b, d, lbeta;
} direct_args;

static double direct_integrand(double th, void *params)
{
    const direct_args *x = params;
    double g, s;
    sc_war_value_parts(x->k, x->N, th, x->d, &g, &s);
    double dens = exp((x->a - 1) * log(th) + (x->b - 1) * log1p(-th) - x->lbeta);
    return dens * (x->which ? s : g);
}

static double direct(int k, int N, double a, double b, double d, int which)
{
    direct_args x = {k, N, which, a, b, d, gsl_sf_lnbeta(a, b)};
    gsl_function F = {direct_integrand, &x};
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(2000);
    double mean = a / (a + b), sd = sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
    double lo = mean - 30 * sd > 0 ? mean - 30 * sd : 0, hi = mean + 30 * sd < 1 ? mean + 30 * sd : 1;
    double pts[4] = {lo, 0.5, hi, 0};
    size_t np = 3;
    if (!(lo < 0.5 && 0.5 < hi)) {
        pts[1] = hi;
        np = 2;
    }
    double r, err;
    int st = gsl_integration_qagp(&F, pts, np, 1e-14, 1e-13, 2000, w, &r, &err);
    gsl_integration_workspace_free(w);
    assert_true(st == GSL_SUCCESS || st == GSL_EROUND);
    return r;
}

static void test_predictive_vs_integration(void **state)
{
    (void)state;
    static const struct {
        int k, N;
        double a, b, d;
    } cases[] = {{10, 20, 12, 8, 1},         {10, 20, 9, 11, 1},         {3, 10, 0.5, 0.7, 1},
                 {10, 20, 1024, 1016, 1},    {5, 40, 2.5, 30, 0.99},     {630, 840, 500, 80, 0.998},
                 {12, 25, 60, 40, 0.9999},   {1, 2, 3, 3, 0.5},          {1011, 1223, 40, 8, 0.998}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double g, s;
        assert_int_equal(sc_war_predictive_parts(cases[i].k, cases[i].N, cases[i].a, cases[i].b,
                                                 cases[i].d, &g, &s, NULL),
                         SC_OK);
        double gd = direct(cases[i].k, cases[i].N, cases[i].a, cases[i].b, cases[i].d, 0);
        double sd = direct(cases[i].k, cases[i].N, cases[i].a, cases[i].b, cases[i].d, 1);
        print_message("case %zu: E[G] %.15g vs %.15g, E[S] %.15g vs %.15g\n", i, g, gd, s, sd);
        SC_ASSERT_NEAR(g, gd, 1e-9);
        SC_ASSERT_NEAR(s, sd, 1e-9 * (1 + sd));
    }
    /* the example: A's chance of winning the whole front from k = 10 of 20 is 0.983 at
     * its mean belief 0.6 but only 0.803 averaged over Beta(12, 8) */
    double g, s;
    assert_int_equal(sc_war_predictive_parts(10, 20, 12, 8, 1, &g, &s, NULL), SC_OK);
    SC_ASSERT_NEAR(g, 0.8034, 5e-5);
    SC_ASSERT_NEAR(sc_war_ruin_win(10, 20, 0.6), 0.98295, 5e-6);
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_war_predictive_parts(10, 20, 0, 8, 1, &g, &s, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "Beta"));
}

/*
 * The belief tables (the Polya recursion from quadrature at the horizon) against quadrature at
 * every state: the recursion is an identity, so they agree to the quadrature's accuracy.
 */
static void test_tables_vs_quadrature(void **state)
{
    (void)state;
    static const struct {
        int N, k0, H;
        double a, b, d;
    } cases[] = {{20, 10, 60, 12, 8, 1}, {200, 150, 90, 40, 8, 0.998}, {9, 2, 40, 0.7, 1.3, 0.9}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        sc__war_table tb;
        assert_int_equal(sc__war_table_build(cases[c].N, cases[c].k0, cases[c].H, cases[c].d,
                                             cases[c].a, cases[c].b, 0, &tb),
                         SC_OK);
        int checked = 0;
        for (int t = 0; t <= cases[c].H; t += 3) {
            for (int k = tb.kmin[t]; k <= tb.kmax[t]; k += 2) {
                int w = (t + k - cases[c].k0) / 2;
                double g, s, gq, sq;
                sc__war_table_get(&tb, t, k, &g, &s);
                assert_int_equal(sc_war_predictive_parts(k, cases[c].N, cases[c].a + w,
                                                         cases[c].b + (t - w), cases[c].d, &gq,
                                                         &sq, NULL),
                                 SC_OK);
                SC_ASSERT_NEAR(g, gq, 1e-9);
                SC_ASSERT_NEAR(s, sq, 1e-9 * (1 + sq));
                checked++;
            }
        }
        assert_true(checked > 30);
        sc__war_table_destroy(&tb);
    }
}

/*
 * Every state before the last layer is the Polya recursion's value from the next layer, bit for
 * bit: the table's loop (two states at a time where both neighbours are inside the front, one at
 * a time at the ends) is recomputed here one state at a time, in plain C, and the two agree in
 * every bit, on fronts whose layers hit both ends, have odd and even lengths and start at 1.
 */
static void test_tables_recursion_exact(void **state)
{
    (void)state;
    static const struct {
        int N, k0, H;
        double a, b, d;
    } cases[] = {{1223, 1011, 520, 26, 1.4, 0.9985}, {20, 10, 60, 12, 8, 1},
                 {9, 2, 40, 0.7, 1.3, 0.9},         {200, 150, 90, 40, 8, 0.998},
                 {31, 1, 45, 300, 280, 0.99},       {6, 3, 12, 2, 2, 0.95}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        int N = cases[c].N, k0 = cases[c].k0, H = cases[c].H;
        double a = cases[c].a, b = cases[c].b, d = cases[c].d;
        sc__war_table tb;
        assert_int_equal(sc__war_table_build(N, k0, H, d, a, b, 1, &tb), SC_OK);
        size_t checked = 0;
        for (int t = 0; t < H; t++) {
            for (int k = tb.kmin[t]; k <= tb.kmax[t]; k += 2) {
                int w = (t + k - k0) / 2;
                volatile double inv = 1 / (a + b + t);
                volatile double mu = (a + w) * inv;
                double gu = 1, su = 0, gd = 0, sd = 0, g, s;
                if (k + 1 < N) {
                    sc__war_table_get(&tb, t + 1, k + 1, &gu, &su);
                }
                if (k - 1 > 0) {
                    sc__war_table_get(&tb, t + 1, k - 1, &gd, &sd);
                }
                volatile double flow = (1 - d) * k / N;
                volatile double up_g = mu * gu, down_g = (1 - mu) * gd;
                volatile double up_s = mu * su, down_s = (1 - mu) * sd;
                volatile double want_g = flow + d * (up_g + down_g);
                volatile double want_s = 1 + d * (up_s + down_s);
                sc__war_table_get(&tb, t, k, &g, &s);
                double wg = want_g, ws = want_s;
                if (memcmp(&g, &wg, sizeof g) != 0 || memcmp(&s, &ws, sizeof s) != 0) {
                    fail_msg("case %zu, t %d, k %d: table %.17g %.17g, recursion %.17g %.17g", c,
                             t, k, g, s, wg, ws);
                }
                checked++;
            }
        }
        assert_true(checked > 20);
        sc__war_table_destroy(&tb);
    }
}

/*
 * The fixed rule a Monte Carlo over the inputs uses for a table's last layer
 * (sc_war_params::fast_tables) against the adaptive quadrature: within 1e-12 relative wherever
 * it applies, over the built-in scenario's last layer (front 1223, start 1011, horizon 520) at the
 * ends of its prior and discount ranges, and on a grid of fronts, strong beliefs and discounts;
 * it does not apply without a discount (there G jumps at theta = 1/2) or to weak beliefs. A table
 * built with it (its last layer on nodes shared by the layer's positions) agrees with the adaptive
 * table to 5e-13 at every state, as close as the per-position rule comes on its own cases (a grid
 * of 4.5 sigma panels instead of 3 would be 8.6e-13 off), and with the per-position rule to 1e-12.
 */
static void test_fixed_rule(void **state)
{
    (void)state;
    int checked = 0;
    double worst = 0;
    static const double mean[2][2] = {{0.9, 0.97}, {0.45, 0.62}};
    static const double strength[2][2] = {{13, 52}, {104, 520}};
    static const double per_year[2] = {0.8, 0.97};
    for (int side = 0; side < 2; side++) {
        for (int i = 0; i < 8; i++) {
            double m = mean[side][i & 1], st = strength[side][(i >> 1) & 1];
            double d = pow(per_year[(i >> 2) & 1], 1.0 / 52);
            double a = m * st, b = (1 - m) * st;
            for (int k = 1011 - 520; k < 1223; k += 2) {
                int w = (520 + k - 1011) / 2;
                assert_true(sc__war_fixed_rule_applies(a + w, b + 520 - w, d));
                double g, s, gf, sf;
                assert_int_equal(sc_war_predictive_parts(k, 1223, a + w, b + 520 - w, d, &g, &s,
                                                         NULL),
                                 SC_OK);
                sc__war_predictive_fixed(k, 1223, a + w, b + 520 - w, d, &gf, &sf);
                double e = fmax(fabs(gf - g) / fabs(g), fabs(sf - s) / fabs(s));
                worst = e > worst ? e : worst;
                checked++;
            }
        }
    }
    for (int N = 4; N <= 2000; N = N * 3 + 1) {
        for (double st = 300; st < 20000; st *= 2.7) {
            for (double m = 0.03; m < 1; m += 0.19) {
                for (double d = 0.95; d < 0.9999; d = 1 - (1 - d) / 4) {
                    for (int k = 1; k < N; k += N / 9 + 1) {
                        assert_true(sc__war_fixed_rule_applies(m * st, (1 - m) * st, d));
                        double g, s, gf, sf;
                        assert_int_equal(sc_war_predictive_parts(k, N, m * st, (1 - m) * st, d,
                                                                 &g, &s, NULL),
                                         SC_OK);
                        sc__war_predictive_fixed(k, N, m * st, (1 - m) * st, d, &gf, &sf);
                        double e = fmax(fabs(gf - g) / fabs(g), fabs(sf - s) / fabs(s));
                        worst = e > worst ? e : worst;
                        checked++;
                    }
                }
            }
        }
    }
    print_message("fixed rule: %d cases, worst relative difference %.3g\n", checked, worst);
    assert_true(checked > 5000);
    assert_true(worst < 1e-12);
    assert_false(sc__war_fixed_rule_applies(400, 400, 1));
    assert_false(sc__war_fixed_rule_applies(20, 20, 0.99));
    /* a table with the fixed rule (its last layer on shared nodes), state by state against the
     * adaptive one: the built-in scenario's front with each side's prior at the ends of its
     * ranges and both ends of the discount, short fronts whose layer the ends clip, beliefs far
     * from even, and odds of 1e13 to 1 (nodes where theta rounds to 1 take the closed form) */
    static const struct {
        int front, start, horizon;
        double per_year, a, b;
    } tables[] = {
        {1223, 1011, 520, 0.9, 24.7, 1.3},   {1223, 1011, 520, 0.8, 11.7, 1.3},
        {1223, 1011, 520, 0.97, 50.4, 1.56}, {1223, 1011, 520, 0.8, 46.8, 57.2},
        {1223, 1011, 520, 0.97, 322.4, 197.6}, {1223, 1011, 40, 0.9, 150, 150},
        {40, 20, 60, 0.9, 200, 150},         {10, 3, 200, 0.8, 150, 160},
        {300, 150, 250, 0.95, 1e5, 20},      {300, 100, 100, 0.99, 40, 3e4},
        {4, 2, 2, 0.9, 1e13, 0.5},
    };
    double worst_table = 0;
    for (size_t j = 0; j < sizeof tables / sizeof *tables; j++) {
        sc__war_table ta, tf;
        int H = tables[j].horizon;
        double d = pow(tables[j].per_year, 1.0 / 52);
        assert_true(sc__war_fixed_rule_applies(tables[j].a, tables[j].b + H, d));
        assert_int_equal(sc__war_table_build(tables[j].front, tables[j].start, H, d, tables[j].a,
                                             tables[j].b, 0, &ta),
                         SC_OK);
        assert_int_equal(sc__war_table_build(tables[j].front, tables[j].start, H, d, tables[j].a,
                                             tables[j].b, 1, &tf),
                         SC_OK);
        size_t n = ta.offset[H] + (size_t)((ta.kmax[H] - ta.kmin[H]) / 2 + 1);
        assert_true(ta.kmin[H] <= ta.kmax[H]);
        for (size_t i = 0; i < n; i++) {
            double es = fabs(tf.gs[2 * i] - ta.gs[2 * i]) / fabs(ta.gs[2 * i]);
            double ed = fabs(tf.gs[2 * i + 1] - ta.gs[2 * i + 1]) / ta.gs[2 * i + 1];
            /* a NaN in either table fails here: fmax and a plain > would both pass it over */
            if (!isfinite(tf.gs[2 * i]) || !isfinite(tf.gs[2 * i + 1]) || !(es <= worst_table)) {
                worst_table = isfinite(es) ? es : INFINITY;
            }
            if (!(ed <= worst_table)) {
                worst_table = isfinite(ed) ? ed : INFINITY;
            }
        }
        /* and the shared nodes agree with the per-position fixed rule on the layer itself */
        for (int k = tf.kmin[H]; k <= tf.kmax[H]; k += 2) {
            int w = (H + k - tables[j].start) / 2;
            double g, sv, gf, sf;
            sc__war_predictive_fixed(k, tables[j].front, tables[j].a + w, tables[j].b + H - w, d,
                                     &g, &sv);
            sc__war_table_get(&tf, H, k, &gf, &sf);
            SC_ASSERT_NEAR(gf, g, 1e-12 * fabs(g));
            SC_ASSERT_NEAR(sf, sv, 1e-12 * sv);
        }
        sc__war_table_destroy(&ta);
        sc__war_table_destroy(&tf);
    }
    print_message("fixed-rule tables: worst relative difference %.3g\n", worst_table);
    assert_true(worst_table < 5e-13);
}

/*
 * The opening of the negotiation (sc_war_opening_values) reads a table of horizon 0: its one
 * state is the quadrature under the prior itself, which the Polya recursion makes the first state
 * of the whole run's table too. Both, on the built-in scenario's front with each side's prior at
 * the ends of its ranges, agree to 1e-13 relative; and the public opening does not depend on
 * the horizon (it did not with the whole table either, whose first state is exact whatever H).
 */
static void test_opening_table(void **state)
{
    (void)state;
    static const double prior[4][2] = {{24.7, 1.3}, {11.7, 1.3}, {150, 150}, {52, 300}};
    double d = pow(0.9, 1.0 / 52), worst = 0;
    for (size_t i = 0; i < 4; i++) {
        sc__war_table full, first;
        assert_int_equal(sc__war_table_build(1223, 1011, 520, d, prior[i][0], prior[i][1], 0,
                                             &full),
                         SC_OK);
        assert_int_equal(sc__war_table_build(1223, 1011, 0, d, prior[i][0], prior[i][1], 0,
                                             &first),
                         SC_OK);
        double g, s, g0, s0;
        sc__war_table_get(&full, 0, 1011, &g, &s);
        sc__war_table_get(&first, 0, 1011, &g0, &s0);
        worst = fmax(worst, fmax(fabs(g0 - g) / fabs(g), fabs(s0 - s) / s));
        sc__war_table_destroy(&full);
        sc__war_table_destroy(&first);
    }
    print_message("opening: the horizon-0 table against the whole table, %.3g relative\n", worst);
    assert_true(worst < 1e-13);
    sc_war_params p;
    sc_war_params_init(&p);
    p.front = 1223;
    p.start = 1011;
    p.discount = d;
    p.beliefs = SC_WAR_PREDICTIVE;
    p.prior_a[0] = 24.7;
    p.prior_a[1] = 1.3;
    p.prior_b[0] = 150;
    p.prior_b[1] = 150;
    p.mediator.threat_b = 0.3;
    p.commitment = 1;
    p.shift_per_year = 0.4;
    p.shift_years = 2;
    /* and not on the fixed rule of the draws' tables either: the adaptive rule, always */
    sc_war_opening o[3];
    for (int h = 0; h < 3; h++) {
        p.horizon = h ? 520 : 60;
        p.fast_tables = h == 2;
        assert_int_equal(sc_war_opening_values(&p, 0.5, -1, &o[h], NULL), SC_OK);
    }
    for (int h = 1; h < 3; h++) {
        SC_ASSERT_NEAR(o[0].lo, o[h].lo, 0);
        SC_ASSERT_NEAR(o[0].hi, o[h].hi, 0);
        SC_ASSERT_NEAR(o[0].value_a, o[h].value_a, 0);
        SC_ASSERT_NEAR(o[0].value_b, o[h].value_b, 0);
        SC_ASSERT_NEAR(o[0].mediator_share, o[h].mediator_share, 0);
        SC_ASSERT_NEAR(o[0].mediator_duration, o[h].mediator_duration, 0);
    }
}

/*
 * Powell (2006) in Fearon's terms: with p moving from p0 to p1 and the discount d_T over the
 * shift, the self-enforcing range is empty (war) iff d_T p1 - p0 > c_B + d_T c_A (A rising) or
 * d_T (1 - p1) - (1 - p0) > c_A + d_T c_B (B rising), on a grid.
 */
static void test_commitment_condition(void **state)
{
    (void)state;
    int wars = 0, deals = 0;
    for (double p0 = 0.2; p0 < 0.81; p0 += 0.15) {
        for (double p1 = 0.1; p1 < 0.96; p1 += 0.085) {
            for (double dT = 0.5; dT <= 1.0; dT += 0.25) {
                double ca = 0.03, cb = 0.05, lo, hi;
                sc_war_commitment_range(p0 - ca, p1 - ca, 1 - p0 - cb, 1 - p1 - cb, dT, &lo, &hi);
                double ma = (dT * p1 - p0) - (cb + dT * ca);
                double mb = (dT * (1 - p1) - (1 - p0)) - (ca + dT * cb);
                int war = ma > 0 || mb > 0;
                if (fabs(ma) < 1e-12 || fabs(mb) < 1e-12) {
                    continue; /* on the boundary the range is a single point */
                }
                assert_int_equal(lo > hi, war);
                wars += war;
                deals += !war;
            }
        }
    }
    assert_true(wars > 5 && deals > 5);
}

/* A's demand maximises (x - value_a) P(accept) when B's cost is uniform on [c_lo, c_hi]. */
typedef struct screen {
    double accept_lo, slope, c_lo, c_hi, value_a;
} screen;

static double screen_loss(double x, void *params)
{
    const screen *s = params;
    double y = s->c_lo + (x - s->accept_lo) / s->slope;
    double accept = (s->c_hi - y) / (s->c_hi - s->c_lo);
    accept = accept < 0 ? 0 : accept > 1 ? 1 : accept;
    return -((x - s->value_a) * accept);
}

static void test_screening_demand(void **state)
{
    (void)state;
    /* Fearon's take-it-or-leave-it demand is the special case accept_lo = p, slope 1, c_lo 0 */
    double x, y, xt, pw;
    sc_war_screening_demand(0.5, 1, 0, 0.3, 0.5 - 0.1, &x, &y);
    sc_war_tioli_uniform(0.5, 0.1, 0.3, &xt, &pw);
    SC_ASSERT_NEAR(x, xt, 1e-15);
    SC_ASSERT_NEAR(y / 0.3, pw, 1e-15); /* the types that reject: c_B < y */
    /* any slope and lower bound: against a numerical maximiser */
    static const double cases[][5] = {{0.41, 2.7, 0.001, 0.02, 0.39}, {0.7, 0.4, 0.05, 0.3, 0.68}};
    for (size_t i = 0; i < 2; i++) {
        screen sc = {cases[i][0], cases[i][1], cases[i][2], cases[i][3], cases[i][4]};
        gsl_function F = {screen_loss, &sc};
        gsl_min_fminimizer *m = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
        double lo = sc.accept_lo, hi = sc.accept_lo + sc.slope * (sc.c_hi - sc.c_lo);
        sc_war_screening_demand(sc.accept_lo, sc.slope, sc.c_lo, sc.c_hi, sc.value_a, &x, &y);
        assert_int_equal(gsl_min_fminimizer_set(m, &F, x, lo, hi), GSL_SUCCESS);
        int status = GSL_CONTINUE;
        for (int it = 0; it < 200 && status == GSL_CONTINUE; it++) {
            gsl_min_fminimizer_iterate(m);
            status = gsl_min_test_interval(gsl_min_fminimizer_x_lower(m),
                                           gsl_min_fminimizer_x_upper(m), 1e-8, 0);
        }
        SC_ASSERT_NEAR(x, gsl_min_fminimizer_x_minimum(m), 1e-6);
        gsl_min_fminimizer_free(m);
    }
    /* repeated screening with fixed values (Powell 2004's offers rising over time): after n
     * rejections A's upper bound is cbar_n = (cbar_0 + 2K) 2^-n - 2K, K = (p - v_A)/2 */
    double cbar = 0.4, p = 0.5, va = 0.47, K = (p - va) / 2;
    for (int n = 1; n <= 3; n++) {
        sc_war_screening_demand(p, 1, 0, cbar, va, &x, &y);
        cbar = y;
        SC_ASSERT_NEAR(cbar, (0.4 + 2 * K) * pow(2, -n) - 2 * K, 1e-15);
    }
    /* the fourth demand is one every type accepts: the formula's bound would be negative */
    sc_war_screening_demand(p, 1, 0, cbar, va, &x, &y);
    SC_ASSERT_NEAR(y, 0, 0);
    SC_ASSERT_NEAR(x, p, 0);
}

static void test_relapse_and_front(void **state)
{
    (void)state;
    SC_ASSERT_NEAR(sc_war_relapse_hazard(0.002, 1, 1, 0.5, 0.3), 0.0003, 1e-18);
    SC_ASSERT_NEAR(sc_war_relapse_hazard(0.002, 0.5, 0, 0.25, 0.3), 0.001, 1e-18);
    /* a walk that gains 3 of every 4 weeks by 100 km2 and loses the fourth: step 100, theta 3/4 */
    double wk[400];
    for (int i = 0; i < 400; i++) {
        wk[i] = i % 4 == 3 ? -100 : 100;
    }
    double step, theta;
    assert_int_equal(sc_war_front_calibrate(wk, 400, 1, &step, &theta, NULL), SC_OK);
    SC_ASSERT_NEAR(step, 100, 1e-9);
    SC_ASSERT_NEAR(theta, 0.75, 1e-12);
    /* two weeks per battle: the mean per battle doubles, the variance too */
    assert_int_equal(sc_war_front_calibrate(wk, 400, 2, &step, &theta, NULL), SC_OK);
    SC_ASSERT_NEAR(step, sqrt(2 * (10000 - 2500) + 100 * 100), 1e-9);
    SC_ASSERT_NEAR(theta, 0.5 + 100 / (2 * step), 1e-12);
    double zero[3] = {0, 0, 0};
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_war_front_calibrate(zero, 3, 1, &step, &theta, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "never moved"));
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ruin_vs_linear_system),
        cmocka_unit_test(test_values_vs_linear_system),
        cmocka_unit_test(test_lanchester_vs_ode),
        cmocka_unit_test(test_tioli_vs_maximiser),
        cmocka_unit_test(test_discounted_vs_linear_system),
        cmocka_unit_test(test_predictive_vs_integration),
        cmocka_unit_test(test_tables_vs_quadrature),
        cmocka_unit_test(test_tables_recursion_exact),
        cmocka_unit_test(test_fixed_rule),
        cmocka_unit_test(test_opening_table),
        cmocka_unit_test(test_commitment_condition),
        cmocka_unit_test(test_screening_demand),
        cmocka_unit_test(test_relapse_and_front),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
