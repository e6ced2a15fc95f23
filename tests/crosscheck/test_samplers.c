/* SPDX-License-Identifier: MIT */
/*
 * Every sampler of a scenario's uncertain numbers against its closed form (issue 20): normal,
 * uniform, triangular with the mode on either side, and a `group:` mixing kinds. For each, the
 * sample mean, variance and a quantile of n draws (stream k of a fixed seed for draw k, as the
 * Monte Carlo does) lie within 4 standard errors of the closed form; each tolerance is derived
 * where it is used:
 *   mean      SE = sigma / sqrt(n)
 *   variance  SE = sqrt((mu4 - sigma^4) / n)  (normal: sigma^2 sqrt(2/n); uniform of width w:
 *             w^2 sqrt(1/80 - 1/144) / sqrt(n); triangular: mu4 estimated from the sample)
 *   quantile  SE = sqrt(q (1 - q) / n) / f(x_q), f the density at the quantile
 * Four standard errors fail a correct sampler with probability 6e-5 per check; the seeds are
 * fixed, so the test is deterministic. Then the inverse CDFs themselves at hand-computed points.
 */
#include "sc_scenario_test.h"
#include "statecraft/rng.h"
#include "statecraft/uncertainty.h"

#include <gsl/gsl_cdf.h>

static const char doc[] =
    "statecraft: 1\n"
    "metadata: {title: Samplers}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: 1}\n"
    "  - {id: B, name: Beta, capability: {value: 1, range: [0.5, 2]}}\n"
    "  - {id: C, name: Gamma, capability: {value: 1, triangular: [0.5, 1, 2]}}\n"
    "  - {id: D, name: Delta, capability: {value: 0.9, triangular: [0.1, 0.9, 1.1]}}\n"
    "issues:\n"
    "  - {id: x, title: X, scale: [0, 100], low: a, high: b}\n"
    "stances:\n"
    "  x:\n"
    "    A: {position: {value: 50, sd: 10}, salience: 0.5}\n"
    "    B: {position: {value: 30, range: [10, 50], group: g}, salience: 0.5}\n"
    "relations:\n"
    "  - {pair: [A, B], amity: {value: 0.2, sd: 0.1, group: g}}\n";

enum { N = 10000 };

typedef struct {
    double mean, var, m4; /* sample mean, variance (1/n) and fourth central moment */
    double v[N];          /* sorted draws */
} sample;

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void finish(sample *s)
{
    double sum = 0;
    for (int k = 0; k < N; k++) {
        sum += s->v[k];
    }
    s->mean = sum / N;
    double m2 = 0, m4 = 0;
    for (int k = 0; k < N; k++) {
        double d = s->v[k] - s->mean;
        m2 += d * d;
        m4 += d * d * d * d;
    }
    s->var = m2 / N;
    s->m4 = m4 / N;
    qsort(s->v, N, sizeof s->v[0], cmp);
}

/* The sample q-quantile (the ceil(qN)-th order statistic). */
static double quantile(const sample *s, double q)
{
    return s->v[(int)ceil(q * N) - 1];
}

static void check(const char *what, const sample *s, double mean, double var, double var_se,
                  double q, double xq, double fq)
{
    double se_mean = sqrt(var / N);
    double se_var = var_se > 0 ? var_se : sqrt((s->m4 - s->var * s->var) / N);
    double se_q = sqrt(q * (1 - q) / N) / fq;
    print_message("%-22s mean %.5f (%.5f, %.1f SE)  var %.6f (%.6f, %.1f SE)  q%.2f %.5f "
                  "(%.5f, %.1f SE)\n",
                  what, s->mean, mean, fabs(s->mean - mean) / se_mean, s->var, var,
                  fabs(s->var - var) / se_var, q, quantile(s, q), xq,
                  fabs(quantile(s, q) - xq) / se_q);
    SC_ASSERT_NEAR(s->mean, mean, 4 * se_mean);
    SC_ASSERT_NEAR(s->var, var, 4 * se_var);
    SC_ASSERT_NEAR(quantile(s, q), xq, 4 * se_q);
}

static double get(const sc_scenario *x, const char *path)
{
    double v = NAN;
    assert_int_equal(sc_scenario_get_value(x, path, &v, NULL), SC_OK);
    return v;
}

static void test_distributions(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(doc);
    static sample normal, uniform, tri_c, tri_d, grp_uniform, grp_normal;
    for (int k = 0; k < N; k++) {
        sc_rng r;
        sc_rng_init(&r, 2026, (uint64_t)k);
        sc_scenario *x = NULL;
        assert_int_equal(sc_scenario_sample(s, &r, &x, NULL), SC_OK);
        normal.v[k] = get(x, "stance.x.A.position");
        uniform.v[k] = get(x, "actor.B.capability");
        tri_c.v[k] = get(x, "actor.C.capability");
        tri_d.v[k] = get(x, "actor.D.capability");
        grp_uniform.v[k] = get(x, "stance.x.B.position");
        grp_normal.v[k] = get(x, "relation.A.B.amity");
        sc_scenario_free(x);
    }
    /* a group's members are set from one u: each member's draw is an increasing function of
     * the other's (the normal's quantile and the uniform's both rise with u) */
    double gu[N], gn[N];
    memcpy(gu, grp_uniform.v, sizeof gu);
    memcpy(gn, grp_normal.v, sizeof gn);
    for (int k = 1; k < N; k++) {
        /* rank agreement against draw 0 (a full pairwise check is N^2) */
        if ((gu[k] - gu[0]) * (gn[k] - gn[0]) < 0) {
            fail_msg("draw %d: the group's uniform and normal members move apart (%g, %g vs "
                     "%g, %g)",
                     k, gu[k], gn[k], gu[0], gn[0]);
        }
        SC_ASSERT_NEAR(gn[k], 0.2 + 0.1 * gsl_cdf_ugaussian_Pinv((gu[k] - 10) / 40), 1e-9);
    }
    finish(&normal);
    finish(&uniform);
    finish(&tri_c);
    finish(&tri_d);
    finish(&grp_uniform);
    finish(&grp_normal);
    /* normal (50, sd 10): var SE 100 sqrt(2/n); the 0.9 quantile 50 + 10 z_0.9, density there
     * phi(z_0.9)/10 */
    double z9 = 1.2815515655446004, phi9 = exp(-z9 * z9 / 2) / sqrt(2 * 3.14159265358979323846);
    check("normal", &normal, 50, 100, 100 * sqrt(2.0 / N), 0.9, 50 + 10 * z9, phi9 / 10);
    /* uniform [0.5, 2] (w = 1.5): var w^2/12, its SE w^2 sqrt(1/80 - 1/144)/sqrt(n); the 0.1
     * quantile 0.65, density 1/w */
    double w = 1.5;
    check("uniform", &uniform, 1.25, w * w / 12, w * w * sqrt(1.0 / 80 - 1.0 / 144) / sqrt(N), 0.1,
          0.65, 1 / w);
    /* triangular (a, c, b): mean (a+b+c)/3, var (a^2+b^2+c^2-ab-ac-bc)/18; the median is on the
     * falling side when F(c) = (c-a)/(b-a) < 1/2: b - sqrt((b-a)(b-c)/2), density
     * 2(b-x)/((b-a)(b-c)); on the rising side otherwise: a + sqrt((b-a)(c-a)/2), density
     * 2(x-a)/((b-a)(c-a)) */
    double a = 0.5, c = 1, b = 2;
    double med = b - sqrt((b - a) * (b - c) / 2);
    check("triangular (0.5,1,2)", &tri_c, (a + b + c) / 3,
          (a * a + b * b + c * c - a * b - a * c - b * c) / 18, 0, 0.5, med,
          2 * (b - med) / ((b - a) * (b - c)));
    a = 0.1, c = 0.9, b = 1.1;
    med = a + sqrt((b - a) * (c - a) / 2);
    check("triangular (0.1,0.9,1.1)", &tri_d, (a + b + c) / 3,
          (a * a + b * b + c * c - a * b - a * c - b * c) / 18, 0, 0.5, med,
          2 * (med - a) / ((b - a) * (c - a)));
    /* the group's members keep their own marginals */
    w = 40;
    check("group: uniform", &grp_uniform, 30, w * w / 12, w * w * sqrt(1.0 / 80 - 1.0 / 144) / sqrt(N),
          0.25, 20, 1 / w);
    check("group: normal", &grp_normal, 0.2, 0.01, 0.01 * sqrt(2.0 / N), 0.9, 0.2 + 0.1 * z9,
          phi9 / 0.1);
    sc_scenario_free(s);
}

/* The inverse CDFs at points computed by hand. */
static void test_inverse_cdfs(void **state)
{
    (void)state;
    sc_dist nd = {SC_DIST_NORMAL, 2, 0, 0};
    SC_ASSERT_NEAR(sc_dist_quantile(&nd, 10, 0.5), 10, 1e-12);
    SC_ASSERT_NEAR(sc_dist_quantile(&nd, 10, 0.975), 10 + 2 * 1.959963984540054, 1e-9);
    SC_ASSERT_NEAR(sc_dist_quantile(&nd, 10, 0.025), 10 - 2 * 1.959963984540054, 1e-9);
    sc_dist ud = {SC_DIST_UNIFORM, 3, 7, 0};
    SC_ASSERT_NEAR(sc_dist_quantile(&ud, 5, 0), 3, 1e-12);
    SC_ASSERT_NEAR(sc_dist_quantile(&ud, 5, 0.25), 4, 1e-12);
    SC_ASSERT_NEAR(sc_dist_quantile(&ud, 5, 1), 7, 1e-12);
    /* triangular a = 0, c = 1, b = 4: F(c) = 1/4; F(x) = x^2/4 below c, 1 - (4-x)^2/12 above */
    sc_dist td = {SC_DIST_TRIANGULAR, 0, 4, 1};
    SC_ASSERT_NEAR(sc_dist_quantile(&td, 1, 0.25), 1, 1e-12);
    SC_ASSERT_NEAR(sc_dist_quantile(&td, 1, 0.04), 0.4, 1e-12);     /* 0.4^2/4 = 0.04 */
    SC_ASSERT_NEAR(sc_dist_quantile(&td, 1, 0.25 + 0.5), 4 - sqrt(3), 1e-12); /* (4-x)^2 = 3 */
    SC_ASSERT_NEAR(sc_dist_quantile(&td, 1, 1 - 1.0 / 12), 3, 1e-12);
    SC_ASSERT_NEAR(sc_dist_quantile(&td, 1, 0), 0, 1e-12);
    SC_ASSERT_NEAR(sc_dist_quantile(&td, 1, 1), 4, 1e-12);
    /* every quantile function rises with u */
    const sc_dist *ds[3] = {&nd, &ud, &td};
    for (int i = 0; i < 3; i++) {
        double prev = -INFINITY;
        for (int k = 1; k < 100; k++) {
            double q = sc_dist_quantile(ds[i], 5, k / 100.0);
            assert_true(q > prev);
            prev = q;
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_distributions),
                                       cmocka_unit_test(test_inverse_cdfs)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
