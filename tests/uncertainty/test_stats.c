/* SPDX-License-Identifier: MIT */
/* Wilson intervals, the quantile sketch and the category tally. */
#include "sc_test.h"
#include "statecraft/rng.h"
#include "statecraft/uncertainty.h"
#include "uncertainty/uncertainty_internal.h"

static void test_wilson(void **state)
{
    (void)state;
    double lo, hi;
    /* values from Wilson's formula (z = 1.959964), e.g. Newcombe 1998 Table I, case 1/10... */
    sc_wilson_interval(0, 10, 0.95, &lo, &hi);
    SC_ASSERT_NEAR(lo, 0, 0);
    SC_ASSERT_NEAR(hi, 0.277533, 1e-6);
    sc_wilson_interval(1, 10, 0.95, &lo, &hi);
    SC_ASSERT_NEAR(lo, 0.017876, 1e-6);
    SC_ASSERT_NEAR(hi, 0.404150, 1e-6);
    sc_wilson_interval(5, 10, 0.95, &lo, &hi);
    SC_ASSERT_NEAR(lo, 0.236593, 1e-6);
    SC_ASSERT_NEAR(hi, 0.763407, 1e-6);
    sc_wilson_interval(10, 10, 0.95, &lo, &hi);
    SC_ASSERT_NEAR(lo, 0.722467, 1e-6);
    SC_ASSERT_NEAR(hi, 1, 0);
    sc_wilson_interval(81, 263, 0.95, &lo, &hi);
    SC_ASSERT_NEAR(lo, 0.255289, 1e-6);
    SC_ASSERT_NEAR(hi, 0.366210, 1e-6);
    sc_wilson_interval(0, 0, 0.95, &lo, &hi);
    assert_true(lo == 0 && hi == 1);
    /* coverage: for p = 0.3 and n = 200, about 95% of intervals contain p */
    int covered = 0;
    for (uint64_t t = 0; t < 2000; t++) {
        sc_rng r;
        sc_rng_init(&r, 5, t);
        uint64_t k = 0;
        for (int i = 0; i < 200; i++) {
            k += sc_rng_uniform(&r) < 0.3;
        }
        sc_wilson_interval(k, 200, 0.95, &lo, &hi);
        covered += lo <= 0.3 && 0.3 <= hi;
    }
    assert_true(covered > 1860 && covered < 1940);
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void test_sketch_accuracy(void **state)
{
    (void)state;
    enum { N = 20001 };
    static double x[N];
    sc_sketch *s = NULL;
    assert_int_equal(sc_sketch_new(1e-3, &s, NULL), SC_OK);
    sc_rng r;
    sc_rng_init(&r, 1, 2);
    for (int i = 0; i < N; i++) {
        /* a mixture with negatives, zeros and a wide range of magnitudes */
        double u = sc_rng_uniform(&r);
        x[i] = i % 7 == 0 ? 0 : i % 3 == 0 ? -exp(10 * u) : exp(20 * u - 10);
        assert_int_equal(sc_sketch_add(s, x[i], NULL), SC_OK);
    }
    qsort(x, N, sizeof x[0], cmp);
    const double qs[] = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
    for (size_t k = 0; k < sizeof qs / sizeof qs[0]; k++) {
        double exact = x[(size_t)ceil(qs[k] * N) - 1];
        double got = sc_sketch_quantile(s, qs[k]);
        assert_true(fabs(got - exact) <= 1e-3 * fabs(exact) + 1e-300);
    }
    SC_ASSERT_NEAR(sc_sketch_quantile(s, 0), x[0], 0);
    SC_ASSERT_NEAR(sc_sketch_quantile(s, 1), x[N - 1], 0);
    assert_int_equal(sc_sketch_count(s), N);
    sc_sketch_add(s, NAN, NULL);
    assert_int_equal(sc_sketch_nan_count(s), 1);
    assert_int_equal(sc_sketch_count(s), N);
    assert_int_equal(sc_sketch_add(s, INFINITY, NULL), SC_ERANGE);
    assert_true(isnan(sc_sketch_quantile(s, 1.5)));
    sc_sketch_free(s);
}

/* A distribution of a few distinct values (an EUM forecast often is one of the positions):
 * quantiles are exactly those values. */
static void test_sketch_exact_values(void **state)
{
    (void)state;
    sc_sketch *s = NULL;
    sc_sketch_new(1e-3, &s, NULL);
    for (int i = 0; i < 100; i++) {
        sc_sketch_add(s, i < 30 ? 20.0 : i < 90 ? 45.0 : 4.375, NULL);
    }
    SC_ASSERT_NEAR(sc_sketch_quantile(s, 0.05), 4.375, 0);
    SC_ASSERT_NEAR(sc_sketch_quantile(s, 0.25), 20.0, 0);
    SC_ASSERT_NEAR(sc_sketch_quantile(s, 0.5), 45.0, 0);
    SC_ASSERT_NEAR(sc_sketch_quantile(s, 0.95), 45.0, 0);
    sc_sketch_free(s);
    sc_sketch *e = NULL;
    sc_sketch_new(1e-3, &e, NULL);
    assert_true(isnan(sc_sketch_quantile(e, 0.5)));
    assert_true(isnan(sc_sketch_min(e)));
    sc_sketch_free(e);
    assert_int_equal(sc_sketch_new(0, &e, NULL), SC_EINVAL);
}

/* Merging is exact: any split and any merge order give the same bytes. */
static void test_sketch_merge(void **state)
{
    (void)state;
    sc_sketch *all = NULL, *a = NULL, *b = NULL, *c = NULL;
    sc_sketch_new(1e-3, &all, NULL);
    sc_sketch_new(1e-3, &a, NULL);
    sc_sketch_new(1e-3, &b, NULL);
    sc_rng r;
    sc_rng_init(&r, 3, 0);
    for (int i = 0; i < 5000; i++) {
        double v = sc_rng_normal(&r, 50, i < 2500 ? 5 : 500);
        sc_sketch_add(all, v, NULL);
        sc_sketch_add(i % 2 ? a : b, v, NULL);
    }
    sc_sketch *ab = NULL, *ba = NULL;
    sc_sketch_new(1e-3, &ab, NULL);
    sc_sketch_new(1e-3, &ba, NULL);
    sc_sketch_merge(ab, a, NULL);
    sc_sketch_merge(ab, b, NULL);
    sc_sketch_merge(ba, b, NULL);
    sc_sketch_merge(ba, a, NULL);
    scx_buf x, y, z;
    scx_buf_init(&x);
    scx_buf_init(&y);
    scx_buf_init(&z);
    sc__sketch_write(ab, &x);
    sc__sketch_write(ba, &y);
    sc__sketch_write(all, &z);
    for (int i = 1; i < 20; i++) {
        double q = i / 20.0;
        SC_ASSERT_NEAR(sc_sketch_quantile(ab, q), sc_sketch_quantile(all, q), 0);
        SC_ASSERT_NEAR(sc_sketch_quantile(ba, q), sc_sketch_quantile(all, q), 0);
    }
    /* the stores may be laid out differently, but they read back to the same sketch */
    sc__reader rd = {(const unsigned char *)x.data, x.len, 0};
    assert_int_equal(sc__sketch_read(&rd, &c), SC_OK);
    SC_ASSERT_NEAR(sc_sketch_quantile(c, 0.3), sc_sketch_quantile(all, 0.3), 0);
    assert_int_equal(sc_sketch_count(c), 5000);
    sc__reader bad = {(const unsigned char *)x.data, x.len / 2, 0};
    sc_sketch *d = NULL;
    assert_int_not_equal(sc__sketch_read(&bad, &d), SC_OK);
    assert_null(d);
    scx_buf_destroy(&x);
    scx_buf_destroy(&y);
    scx_buf_destroy(&z);
    sc_sketch_free(all);
    sc_sketch_free(a);
    sc_sketch_free(b);
    sc_sketch_free(c);
    sc_sketch_free(ab);
    sc_sketch_free(ba);
}

static void test_tally(void **state)
{
    (void)state;
    sc_tally *t = NULL, *u = NULL;
    assert_int_equal(sc_tally_new(&t, NULL), SC_OK);
    sc_tally_new(&u, NULL);
    sc_tally_add(t, "stable_marriage", 39, NULL);
    sc_tally_add(t, "indeterminate", 55, NULL);
    sc_tally_add(u, "romantic_triangle", 6, NULL);
    sc_tally_add(u, "indeterminate", 0, NULL);
    sc_tally_merge(t, u, NULL);
    assert_int_equal(sc_tally_total(t), 100);
    assert_int_equal(sc_tally_size(t), 3);
    assert_string_equal(sc_tally_label(t, 0), "indeterminate");
    assert_int_equal(sc_tally_count(t, 0), 55);
    assert_string_equal(sc_tally_label(t, 1), "stable_marriage");
    assert_string_equal(sc_tally_label(t, 2), "romantic_triangle");
    assert_null(sc_tally_label(t, 3));
    /* equal counts: by label */
    sc_tally_add(t, "a", 6, NULL);
    assert_string_equal(sc_tally_label(t, 2), "a");
    assert_string_equal(sc_tally_label(t, 3), "romantic_triangle");
    scx_buf b;
    scx_buf_init(&b);
    sc__tally_write(t, &b);
    sc__reader r = {(const unsigned char *)b.data, b.len, 0};
    sc_tally *back = NULL;
    assert_int_equal(sc__tally_read(&r, &back), SC_OK);
    assert_int_equal(sc_tally_total(back), 106);
    assert_string_equal(sc_tally_label(back, 0), "indeterminate");
    scx_buf_destroy(&b);
    sc_tally_free(t);
    sc_tally_free(u);
    sc_tally_free(back);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wilson),
        cmocka_unit_test(test_sketch_accuracy),
        cmocka_unit_test(test_sketch_exact_values),
        cmocka_unit_test(test_sketch_merge),
        cmocka_unit_test(test_tally),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
