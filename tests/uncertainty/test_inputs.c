/* SPDX-License-Identifier: MIT */
/*
 * The uncertain inputs of a scenario: which numbers and choices they are, their names, groups
 * moving together (and against each other with `reverse`), choices drawn by weight, draws by
 * inverse CDF, and the bad inputs (a group without uncertainty, malformed choices).
 */
#include "sc_scenario_test.h"
#include "statecraft/rng.h"
#include "scenario/node.h"
#include "statecraft/uncertainty.h"

static const char doc[] =
    "statecraft: 1\n"
    "metadata: {title: Inputs}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: {value: 0.5, range: [0.2, 0.8], group: power}}\n"
    "  - {id: B, name: Beta, capability: {value: 0.5, range: [0.4, 0.6], group: {name: power, "
    "reverse: true}}}\n"
    "  - {id: C, name: Gamma, capability: {value: 1, triangular: [0.5, 1, 2]}, milex: {value: 3, "
    "sd: 0}}\n"
    "issues:\n"
    "  - {id: x, title: X, scale: [0, 100], low: a, high: b}\n"
    "stances:\n"
    "  x:\n"
    "    A: {position: {value: 50, sd: 10}, salience: 0.5}\n"
    "    B: {position: 20, salience: {value: 0.5, range: [0.25, 0.75], group: power}}\n"
    "relations:\n"
    "  - {pair: [B, A], amity: {value: 0.2, sd: 0.1}}\n"
    "war:\n"
    "  a: A\n"
    "  b: B\n"
    "  rule: {choice: [midpoint, nash, mediator], weights: [1, 1, 2], value: nash}\n"
    "  cost_a: {value: 0.02, sd: 0.005}\n"
    "  prior_a: [{value: 12, range: [8, 16]}, 8]\n";

static void test_enumeration(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(doc);
    /* power (3 members), C's capability, A's position, the A-B amity, then the section */
    assert_int_equal(sc_scenario_input_count(s), 7);
    const char *names[] = {"power",           "actor.C.capability", "stance.x.A.position",
                           "relation.A.B.amity", "war.rule",         "war.cost_a",
                           "war.prior_a.0"};
    for (size_t i = 0; i < 7; i++) {
        assert_string_equal(sc_scenario_input(s, i)->name, names[i]);
    }
    const sc_input *g = sc_scenario_input(s, 0);
    assert_string_equal(g->group, "power");
    assert_int_equal(g->n_members, 3);
    assert_string_equal(g->members[0].path, "actor.A.capability");
    assert_string_equal(g->members[1].path, "actor.B.capability");
    assert_int_equal(g->members[1].reverse, 1);
    assert_string_equal(g->members[2].path, "stance.x.B.salience");
    assert_null(sc_scenario_input(s, 1)->group);
    assert_int_equal(sc_scenario_input_index(s, "actor.B.capability"), 0);
    assert_int_equal(sc_scenario_input_index(s, "war.cost_a"), 5);
    assert_int_equal(sc_scenario_input_index(s, "actor.C.milex"), -1); /* sd 0: fixed */
    assert_null(sc_scenario_input(s, 7));
    const sc_input_member *rule = &sc_scenario_input(s, 4)->members[0];
    assert_int_equal(rule->kind, SC_INPUT_CHOICE);
    assert_int_equal(rule->n_options, 3);
    assert_int_equal(rule->point, 1);
    SC_ASSERT_NEAR(rule->weights[2], 0.5, 1e-15);
    /* the models read a choice's point value */
    assert_string_equal(sc__node_scalar(sc__node_get(sc__scenario_section(s, "war"), "rule")),
                        "nash");
    /* copies share the inputs */
    sc_scenario *after = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_after_events(s, NULL, &after, &d), SC_OK);
    assert_int_equal(sc_scenario_input_count(after), 7);
    sc_scenario_free(after);
    sc_scenario_free(s);
}

static double value(const sc_scenario *s, const char *path)
{
    double v = NAN;
    assert_int_equal(sc_scenario_get_value(s, path, &v, NULL), SC_OK);
    return v;
}

static void test_draw(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(doc);
    sc_diag d;
    sc_diag_init(&d);
    double u[7] = {0.25, 0.5, 0.975, 0.1, 0.6, 0.5, 0.75};
    sc_scenario *x = NULL;
    assert_int_equal(sc_scenario_draw(s, u, &x, &d), SC_OK);
    /* one uniform through each member's inverse CDF; B's capability moves the other way */
    SC_ASSERT_NEAR(value(x, "actor.A.capability"), 0.2 + 0.25 * 0.6, 1e-15);
    SC_ASSERT_NEAR(value(x, "actor.B.capability"), 0.4 + 0.75 * 0.2, 1e-15);
    SC_ASSERT_NEAR(value(x, "stance.x.B.salience"), 0.25 + 0.25 * 0.5, 1e-15);
    /* triangular [0.5, 1, 2] at its median-ish point: F(1) = 1/3, so u = 0.5 lies above the mode */
    SC_ASSERT_NEAR(value(x, "actor.C.capability"), 2 - sqrt(0.5 * 1.5 * 1.0), 1e-12);
    /* normal at u = 0.975: mean + 1.959964 sd */
    SC_ASSERT_NEAR(value(x, "stance.x.A.position"), 50 + 1.959963984540054 * 10, 1e-9);
    SC_ASSERT_NEAR(value(x, "relation.B.A.amity"), 0.2 - 1.2815515655446004 * 0.1, 1e-12);
    SC_ASSERT_NEAR(sc_scenario_relation(x, 0, 1)->amity.value,
                   sc_scenario_relation(x, 1, 0)->amity.value, 0);
    /* u = 0.6 with weights 1/4, 1/4, 1/2: the third option */
    assert_string_equal(sc__node_scalar(sc__node_get(sc__scenario_section(x, "war"), "rule")),
                        "mediator");
    SC_ASSERT_NEAR(value(x, "war.cost_a"), 0.02, 1e-15);
    SC_ASSERT_NEAR(value(x, "war.prior_a.0"), 14, 1e-12);
    SC_ASSERT_NEAR(value(x, "war.prior_a.1"), 8, 0);
    /* fixed numbers stay */
    SC_ASSERT_NEAR(value(x, "stance.x.B.position"), 20, 0);
    SC_ASSERT_NEAR(value(x, "actor.C.milex"), 3, 0);
    /* the base is untouched */
    SC_ASSERT_NEAR(value(s, "actor.A.capability"), 0.5, 0);
    assert_string_equal(sc__node_scalar(sc__node_get(sc__scenario_section(s, "war"), "rule")),
                        "nash");
    sc_scenario_free(x);
    /* a normal draw is clamped to the scale */
    double far[7] = {0.5, 0.5, 1e-300, 0.5, 0.1, 0.5, 0.5};
    assert_int_equal(sc_scenario_draw(s, far, &x, &d), SC_OK);
    SC_ASSERT_NEAR(value(x, "stance.x.A.position"), 0, 0);
    assert_string_equal(sc__node_scalar(sc__node_get(sc__scenario_section(x, "war"), "rule")),
                        "midpoint");
    sc_scenario_free(x);
    /* a reversed choice takes 1 - u, like a reversed number */
    const char *rev_doc = "statecraft: 1\n"
                          "metadata: {title: Reversed choice}\n"
                          "actors:\n"
                          "  - {id: A, name: Alpha, capability: {value: 0.5, range: [0, 1], group: g}}\n"
                          "  - {id: B, name: Beta, capability: 1}\n"
                          "war: {rule: {choice: [midpoint, nash], group: {name: g, reverse: true}}}\n";
    sc_scenario *rv = sc_test_scenario(rev_doc);
    assert_int_equal(sc_scenario_input_count(rv), 1);
    double one[1] = {0.2};
    assert_int_equal(sc_scenario_draw(rv, one, &x, &d), SC_OK);
    SC_ASSERT_NEAR(value(x, "actor.A.capability"), 0.2, 1e-15);
    assert_string_equal(sc__node_scalar(sc__node_get(sc__scenario_section(x, "war"), "rule")),
                        "nash");
    sc_scenario_free(x);
    sc_scenario_free(rv);
    /* a capability never reaches 0, however far down its normal draw goes */
    const char *cap_doc = "statecraft: 1\n"
                          "metadata: {title: Floor}\n"
                          "actors:\n"
                          "  - {id: A, name: Alpha, capability: {value: 1, sd: 5}}\n"
                          "  - {id: B, name: Beta, capability: 1}\n";
    sc_scenario *fl = sc_test_scenario(cap_doc);
    double low[1] = {0.001};
    assert_int_equal(sc_scenario_draw(fl, low, &x, &d), SC_OK);
    SC_ASSERT_NEAR(value(x, "actor.A.capability"), 1e-12, 0);
    sc_scenario_free(x);
    sc_scenario_free(fl);
    double bad[7] = {0.5, 0.5, 1.5, 0.5, 0.5, 0.5, 0.5};
    assert_int_equal(sc_scenario_draw(s, bad, &x, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "stance.x.A.position"));
    assert_null(x);
    sc_scenario_free(s);
}

/* Group members move together: over many samples, A's capability and B's salience are in
 * perfect rank agreement and B's capability in perfect disagreement. */
static void test_group_moves_together(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(doc);
    double prev_a = -1, prev_b = 2;
    double lo = 1, hi = 0;
    int rules[3] = {0, 0, 0};
    /* sort-free check: sample, then compare every pair's order */
    enum { N = 400 };
    static double ca[N], cb[N], sb[N];
    for (int k = 0; k < N; k++) {
        sc_rng r;
        sc_rng_init(&r, 8, (uint64_t)k);
        sc_scenario *x = NULL;
        sc_diag d;
        assert_int_equal(sc_scenario_sample(s, &r, &x, &d), SC_OK);
        ca[k] = value(x, "actor.A.capability");
        cb[k] = value(x, "actor.B.capability");
        sb[k] = value(x, "stance.x.B.salience");
        lo = fmin(lo, ca[k]);
        hi = fmax(hi, ca[k]);
        const char *rule = sc__node_scalar(sc__node_get(sc__scenario_section(x, "war"), "rule"));
        rules[strcmp(rule, "midpoint") == 0 ? 0 : strcmp(rule, "nash") == 0 ? 1 : 2]++;
        sc_scenario_free(x);
    }
    (void)prev_a;
    (void)prev_b;
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j += 7) {
            if (ca[i] < ca[j]) {
                assert_true(sb[i] < sb[j]);
                assert_true(cb[i] > cb[j]);
            }
        }
        /* the linear maps of one uniform: exact relation between the members */
        SC_ASSERT_NEAR((ca[i] - 0.2) / 0.6, (sb[i] - 0.25) / 0.5, 1e-12);
        SC_ASSERT_NEAR((ca[i] - 0.2) / 0.6, 1 - (cb[i] - 0.4) / 0.2, 1e-12);
    }
    assert_true(lo < 0.23 && hi > 0.77);
    /* weights 1:1:2 over 400 draws: binomial counts 100 (SE sqrt(400 x 1/4 x 3/4) = 8.7) and
     * 200 (SE 10); +-30 is 3.5 and 3 SE */
    assert_true(rules[0] > 70 && rules[0] < 130);
    assert_true(rules[2] > 170 && rules[2] < 230);
    sc_scenario_free(s);
}

/* The uniform input's distribution is the declared one (its mean and spread). */
static void test_sample_distribution(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(doc);
    double sum = 0, sum2 = 0;
    int n = 4000;
    for (int k = 0; k < n; k++) {
        sc_rng r;
        sc_rng_init(&r, 21, (uint64_t)k);
        sc_scenario *x = NULL;
        assert_int_equal(sc_scenario_sample(s, &r, &x, NULL), SC_OK);
        double v = value(x, "war.cost_a");
        sum += v;
        sum2 += v * v;
        sc_scenario_free(x);
    }
    double mean = sum / n, sd = sqrt(sum2 / n - mean * mean);
    /* 4 standard errors: the mean's sigma/sqrt(n); the sample sd's sigma/sqrt(2n) (normal) */
    SC_ASSERT_NEAR(mean, 0.02, 4 * 0.005 / sqrt(n));
    SC_ASSERT_NEAR(sd, 0.005, 4 * 0.005 / sqrt(2.0 * n));
    sc_scenario_free(s);
}

static void expect_error(const char *text, const char *message, int line)
{
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_not_equal(sc_scenario_parse(text, strlen(text), NULL, &s, &d), SC_OK);
    assert_null(s);
    if (!strstr(d.message, message)) {
        fail_msg("expected '%s', got '%s'", message, d.message);
    }
    assert_int_equal(d.line, line);
}

#define HEAD                                                                                       \
    "statecraft: 1\n"                                                                              \
    "metadata: {title: Bad}\n"                                                                     \
    "actors:\n"                                                                                    \
    "  - {id: A, name: Alpha, capability: 1}\n"

static void test_bad_inputs(void **state)
{
    (void)state;
    expect_error(HEAD "  - {id: B, name: Beta, capability: {value: 1, group: g}}\n",
                 "group 'g': this number has no uncertainty", 5);
    expect_error(HEAD "  - {id: B, name: Beta, capability: {value: 1, sd: 0, group: g}}\n",
                 "no uncertainty", 5);
    expect_error(HEAD "  - {id: B, name: Beta, capability: {value: 1, sd: 1, group: 'a b'}}\n",
                 "a group name is", 5);
    expect_error(HEAD "  - {id: B, name: Beta, capability: {value: 1, sd: 1, group: {nam: g}}}\n",
                 "did you mean 'name'", 5);
    expect_error(HEAD "  - {id: B, name: Beta, capability: 1}\n"
                      "war: {cost_a: {value: 0.1, group: g}}\n",
                 "group 'g': this number has no uncertainty", 6);
    expect_error(HEAD "  - {id: B, name: Beta, capability: 1}\n"
                      "war: {rule: {choice: [nash]}}\n",
                 "at least two options", 6);
    expect_error(HEAD "  - {id: B, name: Beta, capability: 1}\n"
                      "war: {rule: {choice: [nash, midpoint], value: mediator}}\n",
                 "must be one of its options", 6);
    expect_error(HEAD "  - {id: B, name: Beta, capability: 1}\n"
                      "war: {rule: {choice: [nash, midpoint], weights: [1]}}\n",
                 "one number per option", 6);
    expect_error(HEAD "  - {id: B, name: Beta, capability: 1}\n"
                      "war: {rule: {choice: [nash, nash]}}\n",
                 "listed twice", 6);
    expect_error(HEAD "  - {id: B, name: Beta, capability: 1}\n"
                      "war: {rule: {choice: [nash, midpoint], weights: [0, 0]}}\n",
                 "positive sum", 6);
    expect_error(HEAD "  - {id: B, name: Beta, capability: 1}\n"
                      "war: {rule: {choice: [nash, midpoint], wieghts: [1, 1]}}\n",
                 "did you mean 'weights'", 6);
    expect_error(HEAD "  - {id: B, name: Beta, capability: 1}\n"
                      "war: {cost_a: {value: 0.1, range: [0.2, 0.3]}}\n",
                 "must be ordered and contain the value", 6);
    expect_error(HEAD "  - {id: B, name: Beta, capability: 1}\n"
                      "war: {cost_a: {value: 0.1, sd: -1}}\n",
                 "'sd' must be >= 0", 6);
    expect_error(HEAD "  - {id: B, name: Beta, capability: 1}\n"
                      "war: {cost_a: {value: auto, sd: 1}}\n",
                 "needs a number as its 'value'", 6);
    expect_error(HEAD "  - {id: B, name: Beta, capability: 1}\n"
                      "war: {cost_a: {value: 0.1, sd: 1, range: [0, 1]}}\n",
                 "at most one of", 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enumeration),
        cmocka_unit_test(test_draw),
        cmocka_unit_test(test_group_moves_together),
        cmocka_unit_test(test_sample_distribution),
        cmocka_unit_test(test_bad_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
