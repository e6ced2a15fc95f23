/* SPDX-License-Identifier: MIT */
/*
 * The war section's automatic values against the formulas docs/models/war.md documents,
 * computed here from the scenario's numbers (issue 20):
 *   theta: auto   theta = logistic(shrink x gamma x log(m_A / (m_B + aid)))  (m = military
 *                 spending, else capability; gamma 1 without contest_exponent: Tullock's ratio)
 *   cost: auto    cost = military burden (milex / GDP) x cost_scale
 * Each varied on its own (spending, aid, gamma, shrink, cost_scale) to show the answer moves as
 * the formula says.
 */
#include "sc_scenario_test.h"

#include "statecraft/war.h"

static void params(const char *war, double ma, double mb, double ga, double gb, sc_war_params *p)
{
    char text[2048];
    snprintf(text, sizeof text,
             "statecraft: 1\n"
             "metadata: {title: War auto}\n"
             "actors:\n"
             "  - {id: A, name: Alpha, capability: 0.6, milex: %g, gdp: %g}\n"
             "  - {id: B, name: Beta, capability: 0.4, milex: %g, gdp: %g}\n"
             "war:\n"
             "  a: A\n"
             "  b: B\n"
             "%s",
             ma, ga, mb, gb, war);
    sc_scenario *s = sc_test_scenario(text);
    const char *a = NULL, *b = NULL, *m = NULL;
    sc_diag d;
    sc_diag_init(&d);
    sc_war_params_init(p);
    if (sc_war_params_from_scenario(s, p, &a, &b, &m, &d) != SC_OK) {
        fail_msg("%s", d.message);
    }
    assert_string_equal(a, "A");
    assert_string_equal(b, "B");
    sc_scenario_free(s);
}

static double logistic(double z)
{
    return 1 / (1 + exp(-z));
}

static void test_theta_and_costs(void **state)
{
    (void)state;
    static const struct {
        double ma, mb, ga, gb, gamma, shrink, aid, scale;
    } cases[] = {
        {149, 64.7, 2173.8, 180, 6.2055, 1, 45, 0.0003}, /* the built-in's numbers */
        {149, 64.7, 2173.8, 180, 6.2055, 1, 0, 0.0003},  /* no aid */
        {100, 100, 1000, 500, 2, 1, 0, 0.001},           /* equal efforts: theta 1/2 */
        {300, 100, 1000, 500, 2, 0.5, 20, 0.002},        /* shrink */
        {50, 150, 400, 3000, 1.5, 1, 10, 0.01},          /* B stronger */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char war[512];
        snprintf(war, sizeof war,
                 "  theta: auto\n  contest_exponent: %g\n  theta_shrink: %g\n"
                 "  external_aid_b: %g\n  cost_a: auto\n  cost_b: auto\n  cost_scale: %g\n",
                 cases[i].gamma, cases[i].shrink, cases[i].aid, cases[i].scale);
        sc_war_params p;
        params(war, cases[i].ma, cases[i].mb, cases[i].ga, cases[i].gb, &p);
        double theta = logistic(cases[i].shrink * cases[i].gamma *
                                log(cases[i].ma / (cases[i].mb + cases[i].aid)));
        print_message("case %zu: theta %.6f (formula %.6f), costs %.3g %.3g (formula %.3g %.3g)\n",
                      i, p.theta, theta, p.cost_a, p.cost_b, cases[i].ma / cases[i].ga * cases[i].scale,
                      cases[i].mb / cases[i].gb * cases[i].scale);
        SC_ASSERT_NEAR(p.theta, theta, 1e-12);
        SC_ASSERT_NEAR(p.cost_a, cases[i].ma / cases[i].ga * cases[i].scale, 1e-15);
        SC_ASSERT_NEAR(p.cost_b, cases[i].mb / cases[i].gb * cases[i].scale, 1e-15);
    }
    /* without contest_exponent, gamma is 1: theta = m_A / (m_A + m_B + aid) */
    sc_war_params p;
    params("  theta: auto\n  external_aid_b: 20\n", 120, 60, 1000, 300, &p);
    SC_ASSERT_NEAR(p.theta, 120.0 / (120 + 60 + 20), 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_theta_and_costs)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
