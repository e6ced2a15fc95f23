/* SPDX-License-Identifier: MIT */
/*
 * The pivot's leverage by hand (docs/models/triangle.md: min(a_pw1, a_pw2) x |a_w1w2|): bounded
 * by the pivot's weaker courtship, whichever of its two dyads that is. Dyads AB, BC, CA.
 */
#include "sc_test.h"

#include "statecraft/triangle.h"

static void test_leverage(void **state)
{
    (void)state;
    static const struct {
        double amity[3];
        int pivot;
        double leverage;
    } cases[] = {
        {{0.3, -0.8, 0.4}, 0, 0.3 * 0.8}, /* A courted by B (0.3) and C (0.4) */
        {{0.6, -0.5, 0.2}, 0, 0.2 * 0.5}, /* the weaker courtship on the other side */
        {{0.7, 0.25, -0.9}, 1, 0.25 * 0.9}, /* B the pivot: AB 0.7, BC 0.25, CA the enmity */
    };
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sc_triangle t;
        assert_int_equal(sc_triangle_classify(cases[i].amity, &p, &t, NULL), SC_OK);
        assert_int_equal(t.pivot, cases[i].pivot);
        SC_ASSERT_NEAR(t.leverage, cases[i].leverage, 1e-15);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_leverage)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
