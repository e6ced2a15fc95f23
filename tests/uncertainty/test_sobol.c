/* SPDX-License-Identifier: MIT */
/*
 * Saltelli's design with the Saltelli (2010) first-order and Jansen (1999) total-effect
 * estimators against functions whose indices are known in closed form: Ishigami (a = 7,
 * b = 0.1), Sobol's g-function, and a linear model; plus the streaming properties the Monte Carlo
 * relies on (merging in row order is bit-identical, serialisation round-trips).
 */
#include "sc_test.h"
#include "statecraft/uncertainty.h"
#include "uncertainty/uncertainty_internal.h"

#define PI 3.14159265358979323846

/*
 * Tolerances (issue 20: each derived from the standard error it must cover). The standard
 * error of each index estimate at the design size a test uses was measured as the standard
 * deviation of the estimate over 1,000 independent designs (seeds 100000-100999, no bootstrap,
 * the same n, centre and estimator: tests/uncertainty/measure_sobol_se.c, `measure_sobol_se
 * 1000`), and the test allows 4 of them: a correct estimator fails for a given seed with
 * probability about 6e-5 per index (the estimates are close to normal at these n, and their
 * means over the 1,000 designs agree with the closed forms: no bias the tolerance would have
 * to absorb). The SEs differ by four orders of magnitude across indices (0.024 for the linear
 * model's first-order index of x3, whose Saltelli 2010 estimator carries the whole output
 * variance; 1.7e-6 for the g-function's total index of an unimportant input), so one tolerance
 * for all (0.01-0.03 before) was either about 2 SEs or thousands of them.
 */
#define SE_TOL 4.0

/* ---- Ishigami: f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x ~ U(-pi, pi)^3 -------------------- */

static sc_status ishigami(const double *u, double *f, void *ctx)
{
    (void)ctx;
    double x1 = -PI + 2 * PI * u[0], x2 = -PI + 2 * PI * u[1], x3 = -PI + 2 * PI * u[2];
    double s2 = sin(x2);
    f[0] = sin(x1) + 7.0 * s2 * s2 + 0.1 * pow(x3, 4) * sin(x1);
    return SC_OK;
}

static void ishigami_exact(double S[3], double ST[3])
{
    double a = 7, b = 0.1, p4 = pow(PI, 4), p8 = pow(PI, 8);
    double V = a * a / 8 + b * p4 / 5 + b * b * p8 / 18 + 0.5;
    double V1 = 0.5 * pow(1 + b * p4 / 5, 2), V2 = a * a / 8, V13 = 8 * b * b * p8 / 225;
    S[0] = V1 / V;
    S[1] = V2 / V;
    S[2] = 0;
    ST[0] = (V1 + V13) / V;
    ST[1] = V2 / V;
    ST[2] = V13 / V;
}

/* SD of each estimate over 1,000 designs of n = 20000 base rows */
static const double ishigami_se_first[3] = {0.0069, 0.0061, 0.0064};
static const double ishigami_se_total[3] = {0.010, 0.0048, 0.0031};

static void test_ishigami(void **state)
{
    (void)state;
    double S[3], ST[3];
    ishigami_exact(S, ST);
    /* the published values (Saltelli et al. 2008, Global Sensitivity Analysis, section 4.1) */
    SC_ASSERT_NEAR(S[0], 0.3139, 1e-4);
    SC_ASSERT_NEAR(S[1], 0.4424, 1e-4);
    SC_ASSERT_NEAR(ST[0], 0.5576, 1e-4);
    SC_ASSERT_NEAR(ST[2], 0.2437, 1e-4);
    sc_sobol_opts o;
    sc_sobol_opts_init(&o);
    sc_sobol *acc = NULL;
    sc_diag d;
    sc_diag_init(&d);
    double mean = 3.5; /* E f = a/2: outputs are centred, as the Monte Carlo centres on the point value */
    assert_int_equal(sc_sobol_saltelli(3, 1, ishigami, NULL, 20000, 1, &mean, &o, &acc, &d),
                     SC_OK);
    assert_int_equal(sc_sobol_rows(acc), 20000);
    for (size_t i = 0; i < 3; i++) {
        sc_sobol_index x;
        assert_int_equal(sc_sobol_index_get(acc, 0, i, &x, NULL), SC_OK);
        SC_ASSERT_NEAR(x.first, S[i], SE_TOL * ishigami_se_first[i]);
        SC_ASSERT_NEAR(x.total, ST[i], SE_TOL * ishigami_se_total[i]);
        assert_true(x.total_hi - x.total_lo > 1e-3 && x.total_hi - x.total_lo < 0.1);
        assert_true(x.first_lo < x.first && x.first < x.first_hi);
    }
    /* the output variance: SD 0.110 over the 1,000 designs */
    SC_ASSERT_NEAR(sc_sobol_variance(acc, 0), 13.8446, SE_TOL * 0.110);
    sc_sobol_free(acc);
}

/* The bootstrap intervals are 95% intervals: over 20 independent designs each index's interval
 * covers the exact value about 19 times. At least 16 of 20: a binomial(20, 0.95) count falls
 * below 16 with probability 0.0026 (and an interval whose true coverage were 80% would pass
 * with probability 0.63, so this checks the bootstrap is not grossly narrow, not its level). */
static void test_ishigami_coverage(void **state)
{
    (void)state;
    double S[3], ST[3], mean = 3.5;
    ishigami_exact(S, ST);
    int cover_s[3] = {0, 0, 0}, cover_t[3] = {0, 0, 0};
    for (uint64_t seed = 100; seed < 120; seed++) {
        sc_sobol_opts o;
        sc_sobol_opts_init(&o);
        o.seed = seed;
        sc_sobol *acc = NULL;
        assert_int_equal(sc_sobol_saltelli(3, 1, ishigami, NULL, 10000, seed, &mean, &o, &acc,
                                           NULL),
                         SC_OK);
        for (size_t i = 0; i < 3; i++) {
            sc_sobol_index x;
            sc_sobol_index_get(acc, 0, i, &x, NULL);
            cover_s[i] += x.first_lo <= S[i] && S[i] <= x.first_hi;
            cover_t[i] += x.total_lo <= ST[i] && ST[i] <= x.total_hi;
        }
        sc_sobol_free(acc);
    }
    for (size_t i = 0; i < 3; i++) {
        printf("input %zu: first-order covered %d/20, total %d/20\n", i, cover_s[i], cover_t[i]);
        assert_true(cover_s[i] >= 16);
        assert_true(cover_t[i] >= 16);
    }
}

/* More base rows, smaller error: the estimator converges (at about 1/sqrt(N)). */
static void test_ishigami_converges(void **state)
{
    (void)state;
    double S[3], ST[3];
    ishigami_exact(S, ST);
    sc_sobol_opts o;
    sc_sobol_opts_init(&o);
    o.bootstrap = 0;
    double err[2];
    size_t sizes[2] = {1000, 64000};
    for (int r = 0; r < 2; r++) {
        sc_sobol *acc = NULL;
        assert_int_equal(sc_sobol_saltelli(3, 1, ishigami, NULL, sizes[r], 11, NULL, &o, &acc,
                                           NULL),
                         SC_OK);
        err[r] = 0;
        for (size_t i = 0; i < 3; i++) {
            sc_sobol_index x;
            sc_sobol_index_get(acc, 0, i, &x, NULL);
            err[r] += fabs(x.first - S[i]) + fabs(x.total - ST[i]);
            assert_true(isnan(x.total_lo)); /* no bootstrap, no interval */
        }
        sc_sobol_free(acc);
    }
    /* The sum of the six absolute errors, over 300 designs: mean 0.156 (SD 0.056) at n = 1000,
     * 0.0191 (SD 0.0064) at n = 64000, a ratio of 8.2 against sqrt(64) = 8. At n = 64000 the
     * sum stays below its mean + 4 SD = 0.045; halving from n = 1000 is the weakest sign of
     * convergence (this seed: see the message). */
    print_message("sum of absolute errors: %.4f at n = 1000, %.4f at n = 64000\n", err[0], err[1]);
    assert_true(err[1] < err[0] / 2);
    assert_true(err[1] < 0.0191 + SE_TOL * 0.0064);
}

/* ---- Sobol's g-function: prod (|4 u_i - 2| + a_i) / (1 + a_i) -------------------------------- */

static const double g_a[8] = {0, 1, 4.5, 9, 99, 99, 99, 99};

static sc_status gfun(const double *u, double *f, void *ctx)
{
    (void)ctx;
    double p = 1;
    for (size_t i = 0; i < 8; i++) {
        p *= (fabs(4 * u[i] - 2) + g_a[i]) / (1 + g_a[i]);
    }
    f[0] = p;
    f[1] = 2 * p + 5; /* an affine transform leaves every index unchanged */
    return SC_OK;
}

/* SD of each estimate over 1,000 designs of n = 20000 base rows */
static const double g_se_first[8] = {0.0080, 0.0049, 0.0018, 0.0010,
                                     0.00010, 0.00011, 0.00011, 0.00011};
static const double g_se_total[8] = {0.0081, 0.0034, 0.00052, 0.00016,
                                     1.7e-6, 1.7e-6, 1.7e-6, 1.7e-6};

static void test_g_function(void **state)
{
    (void)state;
    double Vi[8], prod = 1;
    for (size_t i = 0; i < 8; i++) {
        Vi[i] = 1.0 / (3 * (1 + g_a[i]) * (1 + g_a[i]));
        prod *= 1 + Vi[i];
    }
    double V = prod - 1;
    sc_sobol_opts o;
    sc_sobol_opts_init(&o);
    sc_sobol *acc = NULL;
    double center[2] = {1, 7};
    assert_int_equal(sc_sobol_saltelli(8, 2, gfun, NULL, 20000, 3, center, &o, &acc, NULL),
                     SC_OK);
    for (size_t i = 0; i < 8; i++) {
        double S = Vi[i] / V, ST = Vi[i] * prod / (1 + Vi[i]) / V;
        for (size_t out = 0; out < 2; out++) {
            sc_sobol_index x;
            sc_sobol_index_get(acc, out, i, &x, NULL);
            SC_ASSERT_NEAR(x.first, S, SE_TOL * g_se_first[i]);
            SC_ASSERT_NEAR(x.total, ST, SE_TOL * g_se_total[i]);
            assert_true(x.total_lo <= ST + 1e-3 && ST - 1e-3 <= x.total_hi);
        }
    }
    /* the ranking is the one a_i implies: input 0 matters most, inputs 4-7 hardly at all */
    sc_sobol_index x0, x4;
    sc_sobol_index_get(acc, 0, 0, &x0, NULL);
    sc_sobol_index_get(acc, 0, 4, &x4, NULL);
    assert_true(x0.total > 0.7 && x4.total < 0.01);
    /* the variance of 2 f + 5 is 4 V: SD 0.0129 over the 1,000 designs */
    SC_ASSERT_NEAR(sc_sobol_variance(acc, 1), 4 * V, SE_TOL * 0.0129);
    sc_sobol_free(acc);
}

/* ---- a linear model: f = sum c_i u_i, S_i = ST_i = c_i^2 / sum c^2 --------------------------- */

static sc_status linear(const double *u, double *f, void *ctx)
{
    (void)ctx;
    f[0] = 1 * u[0] + 2 * u[1] + 3 * u[2];
    f[1] = 42; /* constant: no variance, no indices */
    return SC_OK;
}

/* SD of each estimate over 1,000 designs of n = 20000 base rows */
static const double linear_se_first[3] = {0.0081, 0.016, 0.024};
static const double linear_se_total[3] = {0.00074, 0.0028, 0.0060};

static void test_linear_and_constant(void **state)
{
    (void)state;
    sc_sobol_opts o;
    sc_sobol_opts_init(&o);
    o.bootstrap = 50;
    sc_sobol *acc = NULL;
    assert_int_equal(sc_sobol_saltelli(3, 2, linear, NULL, 20000, 5, NULL, &o, &acc, NULL),
                     SC_OK);
    for (size_t i = 0; i < 3; i++) {
        double c = (double)(i + 1), want = c * c / 14;
        sc_sobol_index x;
        sc_sobol_index_get(acc, 0, i, &x, NULL);
        SC_ASSERT_NEAR(x.first, want, SE_TOL * linear_se_first[i]);
        SC_ASSERT_NEAR(x.total, want, SE_TOL * linear_se_total[i]);
        sc_sobol_index_get(acc, 1, i, &x, NULL);
        assert_true(isnan(x.first) && isnan(x.total) && isnan(x.total_lo));
    }
    assert_true(sc_sobol_variance(acc, 1) == 0);
    sc_sobol_index x;
    assert_int_equal(sc_sobol_index_get(acc, 2, 0, &x, NULL), SC_EINVAL);
    assert_int_equal(sc_sobol_index_get(acc, 0, 3, &x, NULL), SC_EINVAL);
    sc_sobol_free(acc);
}

/* ---- streaming: partial accumulators merged in row order equal one pass, bit for bit ----------- */

static void add_rows(sc_sobol *acc, size_t from, size_t to)
{
    double uA[3], uB[3], uAB[3], fA[1], fB[1], fAB[3];
    for (size_t j = from; j < to; j++) {
        sc_sobol_row(9, j, 0, 3, uA);
        sc_sobol_row(9, j, 1, 3, uB);
        ishigami(uA, fA, NULL);
        ishigami(uB, fB, NULL);
        for (size_t i = 0; i < 3; i++) {
            memcpy(uAB, uA, sizeof uAB);
            uAB[i] = uB[i];
            ishigami(uAB, fAB + i, NULL);
        }
        sc_sobol_add(acc, j, fA, fB, fAB);
    }
}

static void test_merge_and_serialise(void **state)
{
    (void)state;
    sc_sobol_opts o;
    sc_sobol_opts_init(&o);
    o.bootstrap = 20;
    sc_sobol *whole = NULL, *total = NULL, *part = NULL;
    assert_int_equal(sc_sobol_new(3, 1, NULL, &o, &whole, NULL), SC_OK);
    assert_int_equal(sc_sobol_new(3, 1, NULL, &o, &total, NULL), SC_OK);
    add_rows(whole, 0, 3000);
    /* blocks of 250 rows, each in its own accumulator, merged in order into an empty one */
    for (size_t b = 0; b < 3000; b += 250) {
        assert_int_equal(sc_sobol_new(3, 1, NULL, &o, &part, NULL), SC_OK);
        add_rows(part, b, b + 250);
        assert_int_equal(sc_sobol_merge(total, part, NULL), SC_OK);
        sc_sobol_free(part);
    }
    scx_buf a, b;
    scx_buf_init(&a);
    scx_buf_init(&b);
    sc__sobol_write(whole, &a);
    sc__sobol_write(total, &b);
    assert_int_equal(a.len, b.len);
    /* merging adds whole blocks' sums: equal to one pass up to rounding; merging the same blocks
     * in the same order is bit-identical whatever worker computed them */
    sc_sobol_index x, y;
    sc_sobol_index_get(whole, 0, 0, &x, NULL);
    sc_sobol_index_get(total, 0, 0, &y, NULL);
    SC_ASSERT_NEAR(x.total, y.total, 1e-12);
    SC_ASSERT_NEAR(x.total_hi, y.total_hi, 1e-12);
    /* the blocks computed in reverse order (as workers might finish them), then merged in row
     * order: the same bytes */
    sc_sobol *again = NULL, *parts[12];
    assert_int_equal(sc_sobol_new(3, 1, NULL, &o, &again, NULL), SC_OK);
    for (size_t p = 12; p-- > 0;) {
        assert_int_equal(sc_sobol_new(3, 1, NULL, &o, &parts[p], NULL), SC_OK);
        add_rows(parts[p], p * 250, p * 250 + 250);
    }
    for (size_t p = 0; p < 12; p++) {
        assert_int_equal(sc_sobol_merge(again, parts[p], NULL), SC_OK);
        sc_sobol_free(parts[p]);
    }
    scx_buf c;
    scx_buf_init(&c);
    sc__sobol_write(again, &c);
    assert_int_equal(b.len, c.len);
    assert_memory_equal(b.data, c.data, b.len);
    /* a round trip through the serialised form changes nothing */
    sc__reader r = {(const unsigned char *)b.data, b.len, 0};
    sc_sobol *back = NULL;
    assert_int_equal(sc__sobol_read(&r, &back), SC_OK);
    assert_int_equal(r.left, 0);
    scx_buf d;
    scx_buf_init(&d);
    sc__sobol_write(back, &d);
    assert_memory_equal(b.data, d.data, b.len);
    /* truncated bytes are refused */
    sc__reader t = {(const unsigned char *)b.data, b.len - 9, 0};
    sc_sobol *bad = NULL;
    assert_int_not_equal(sc__sobol_read(&t, &bad), SC_OK);
    assert_null(bad);
    /* accumulators of another shape do not merge */
    sc_sobol *other = NULL;
    sc_sobol_new(2, 1, NULL, &o, &other, NULL);
    assert_int_equal(sc_sobol_merge(total, other, NULL), SC_EINVAL);
    sc_sobol_free(other);
    scx_buf_destroy(&a);
    scx_buf_destroy(&b);
    scx_buf_destroy(&c);
    scx_buf_destroy(&d);
    sc_sobol_free(whole);
    sc_sobol_free(total);
    sc_sobol_free(again);
    sc_sobol_free(back);
}

/* Rows with a non-finite output are left out of that output only. */
static void test_non_finite_rows(void **state)
{
    (void)state;
    sc_sobol *acc = NULL;
    assert_int_equal(sc_sobol_new(1, 2, NULL, NULL, &acc, NULL), SC_OK);
    double fA[2] = {1, NAN}, fB[2] = {2, 3}, fAB[2] = {2, 3};
    sc_sobol_add(acc, 0, fA, fB, fAB);
    fA[1] = 1;
    fA[0] = 3;
    sc_sobol_add(acc, 1, fA, fB, fAB);
    assert_int_equal(sc_sobol_rows(acc), 2);
    assert_true(sc_sobol_variance(acc, 0) > 0);
    sc_sobol_free(acc);
    assert_int_equal(sc_sobol_new(0, 1, NULL, NULL, &acc, NULL), SC_EINVAL);
    assert_null(acc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ishigami),
        cmocka_unit_test(test_ishigami_coverage),
        cmocka_unit_test(test_ishigami_converges),
        cmocka_unit_test(test_g_function),
        cmocka_unit_test(test_linear_and_constant),
        cmocka_unit_test(test_merge_and_serialise),
        cmocka_unit_test(test_non_finite_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
