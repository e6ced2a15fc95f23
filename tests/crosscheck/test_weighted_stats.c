/* SPDX-License-Identifier: MIT */
/*
 * The EUM's forecast statistics at their edges (issue 20), computed here by hand: the weighted
 * mean sum w x / sum w and the median voter, the first position in sorted order at which the
 * cumulative weight reaches half the total (weights w = capability x salience), with ties at
 * exactly half the weight, a single actor, equal positions and a weightless actor.
 */
#include "sc_test.h"

#include "statecraft/eum.h"

/* The round-0 statistics of the input (one fixed round played). */
static void stats(size_t n, const double *c, const double *x, const double *s, double *mean,
                  double *median)
{
    sc_eum_params p;
    sc_eum_params_init(&p);
    p.stop = SC_EUM_STOP_FIXED;
    p.rounds = 1;
    p.scale = 100;
    sc_eum_result *r = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_eum_run(n, c, x, s, &p, &r, &d) != SC_OK) {
        fail_msg("sc_eum_run: %s", d.message);
    }
    *mean = r->mean[0];
    *median = r->median[0];
    sc_eum_result_free(r);
}

static void test_median_and_mean(void **state)
{
    (void)state;
    static const struct {
        const char *what;
        size_t n;
        double c[4], x[4], s[4];
        double mean, median;
    } cases[] = {
        /* two equal weights: the cumulative weight reaches exactly half at the lower one */
        {"tie at half", 2, {1, 1}, {10, 20}, {1, 1}, 15, 10},
        /* the same weights as capability x salience (3 x 1/3 = 1) */
        {"tie, weights as c x s", 2, {1, 3}, {10, 20}, {1, 1.0 / 3}, 15, 10},
        /* the tie in the other order of input: sorted order decides, not input order */
        {"tie, input reversed", 2, {1, 1}, {20, 10}, {1, 1}, 15, 10},
        /* weights 2, 1, 1: half (2) is reached exactly at the first */
        {"half at the first", 3, {2, 1, 1}, {10, 20, 30}, {1, 1, 1}, 17.5, 10},
        /* weights 1, 2, 1: cumulative 1, 3, 4 passes half (2) at the second */
        {"heavy middle", 3, {1, 2, 1}, {10, 20, 30}, {1, 1, 1}, 20, 20},
        /* weights 1, 1, 3 (salience 1, 1, 0.75 x capability 4): the heavy one is the median */
        {"heavy last", 3, {1, 1, 4}, {10, 20, 30}, {1, 1, 0.75}, 24, 30},
        /* a weightless actor at the bottom neither moves the mean nor is the median */
        {"weightless", 3, {0, 1, 1}, {0, 40, 60}, {1, 1, 1}, 50, 40},
        /* one actor holds all the weight */
        {"one weighted actor", 2, {0.7, 0}, {42, 10}, {0.4, 1}, 42, 42},
        /* everyone at the same place */
        {"equal positions", 4, {1, 2, 3, 4}, {55, 55, 55, 55}, {0.5, 0.5, 0.5, 0.5}, 55, 55},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double mean, median;
        stats(cases[i].n, cases[i].c, cases[i].x, cases[i].s, &mean, &median);
        print_message("%-22s mean %g (expected %g), median %g (expected %g)\n", cases[i].what,
                      mean, cases[i].mean, median, cases[i].median);
        SC_ASSERT_NEAR(mean, cases[i].mean, 1e-12 * (1 + fabs(cases[i].mean)));
        SC_ASSERT_NEAR(median, cases[i].median, 0);
    }
}

/* A single actor is no game: refused with a message, not a median of one. */
static void test_single_actor(void **state)
{
    (void)state;
    double c = 1, x = 42, s = 1;
    sc_eum_params p;
    sc_eum_params_init(&p);
    sc_eum_result *r = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_eum_run(1, &c, &x, &s, &p, &r, &d), SC_EINVAL);
    assert_null(r);
    assert_non_null(strstr(d.message, "at least 2 actors"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_median_and_mean),
                                       cmocka_unit_test(test_single_actor)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
