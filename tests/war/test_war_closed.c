/* SPDX-License-Identifier: MIT */
/*
 * War closed forms against independent numerical solutions, to 1e-6 or better, on inputs the
 * test-vector file does not cover (4 decimals there): gambler's ruin and reservation values
 * against the first-step linear systems they solve, Lanchester's laws against an ODE integrator,
 * the take-it-or-leave-it demand against a numerical maximiser.
 */
#include "sc_test.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_vector.h>

#include "statecraft/war.h"

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

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ruin_vs_linear_system),
        cmocka_unit_test(test_values_vs_linear_system),
        cmocka_unit_test(test_lanchester_vs_ode),
        cmocka_unit_test(test_tioli_vs_maximiser),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
