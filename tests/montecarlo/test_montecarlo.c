/* SPDX-License-Identifier: MIT */
/*
 * The Monte Carlo over a scenario: claims over quantities with known distributions give their
 * probabilities; a group moves its members together; sensitivity of a linear headline matches its
 * closed form; results are bit-identical for any threads, any split into processes (blocks merged
 * in order) and after a checkpoint; foreign and damaged checkpoints are refused; predicates that
 * yield no boolean or read a missing path are errors naming the claim; and each model reads only
 * the inputs its dependency declaration says.
 */
#include "core/diag_internal.h"
#include "eum/eum_section.h"
#include "montecarlo/mc_internal.h"
#include "report/text.h"
#include "sc_mc_test.h"
#include "sc_scenario_test.h"
#include "statecraft/war.h"

/* Claims over quantities whose distribution is known. */
static const char known[] =
    "statecraft: 1\n"
    "metadata: {title: Known distributions, date: 2025-01-01}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: {value: 0.5, range: [0, 1]}}\n"
    "  - {id: B, name: Beta, capability: 1}\n"
    "  - {id: C, name: Gamma, capability: 1}\n"
    "issues:\n"
    "  - {id: x, title: X, scale: [0, 100], low: a, high: b}\n"
    "stances:\n"
    "  x:\n"
    "    A: {position: {value: 50, sd: 10}, salience: 0.5}\n"
    "    B: {position: {value: 20, sd: 5}, salience: 0.5}\n"
    "    C: {position: 80, salience: 0.5}\n"
    "relations:\n"
    "  - {pair: [A, B], amity: {value: 0.2, range: [-0.5, 0.9], group: warm}}\n"
    "  - {pair: [B, C], amity: {value: 0.1, range: [-0.5, 0.7], group: warm}}\n"
    "  - {pair: [A, C], amity: -0.3}\n"
    "triangle: {actors: [A, B, C]}\n"
    "events:\n"
    "  - {id: nudge, date: 2025-01-05, what: \"A moves a point\", actors: [A],\n"
    "     shifts: [{target: stance.x.A.position, add: 1}]}\n"
    "variants:\n"
    "  - name: cold\n"
    "    shifts: [{target: relation.A.B.amity, set: -0.9}]\n"
    "  - name: warmer\n"
    "    shifts: [{target: relation.B.A.amity, add: 0.1}, {target: stance.x.A.position, add: 1}]\n"
    "claims:\n"
    "  - id: cap-low\n"
    "    text: \"A's capability is below 0.3 (uniform on [0, 1]: P = 0.3)\"\n"
    "    test: {holds: '.models.summary.actors[0].capability.value < 0.3'}\n"
    "  - id: pos-high\n"
    "    text: \"A's position is above 60 after a shift of +1 (normal 51, sd 10: P = 0.184060)\"\n"
    "    test: {holds: '.models.baseline.issues[0].positions[0].position > 60', when: [after-events, warmer]}\n"
    "  - id: warm-both\n"
    "    text: \"Both grouped amities above 0.2 (one uniform: u > 7/12, P = 5/12)\"\n"
    "    test:\n"
    "      when: [after-events, cold, warmer]\n"
    "      holds: '.models.triangle.timeline[-1].amity as $a | $a[\"A-B\"] > 0.2 and $a[\"B-C\"] > 0.2'\n"
    "  - id: prose\n"
    "    text: \"No predicate\"\n";

/* A finished Monte Carlo of s; war_runs 0: the default. */
static sc_mc *run_mc_runs(const sc_scenario *s, size_t draws, size_t sens, unsigned threads,
                          uint64_t seed, size_t war_runs)
{
    sc_mc_opts o;
    sc_mc_opts_init(&o);
    o.draws = draws;
    o.sensitivity_draws = sens;
    o.threads = threads;
    o.seed = seed;
    o.bootstrap = 50;
    if (war_runs) {
        o.war_runs = war_runs;
    }
    sc_mc *mc = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_mc_new(s, &o, &mc, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("sc_mc_new failed");
    }
    if (sc_mc_run(mc, NULL, 0, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("sc_mc_run failed");
    }
    return mc;
}

static sc_mc *run_mc(const sc_scenario *s, size_t draws, size_t sens, unsigned threads,
                     uint64_t seed)
{
    return run_mc_runs(s, draws, sens, threads, seed, 0);
}

/* The claims section JSON of a finished Monte Carlo. */
static json_t *section(const sc_mc *mc)
{
    return sc_test_mc_claims_section(mc);
}

static const json_t *claim(const json_t *sec, const char *id)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(sec, "claims"), i, c) {
        if (strcmp(json_string_value(json_object_get(c, "id")), id) == 0) {
            return c;
        }
    }
    fail_msg("no claim %s", id);
    return NULL;
}

static void check_p(const json_t *res, double p_true)
{
    double p = json_number_value(json_object_get(res, "p_holds"));
    double se = json_number_value(json_object_get(res, "se"));
    const json_t *ci = json_object_get(res, "ci95");
    double lo = json_number_value(json_array_get(ci, 0)), hi = json_number_value(json_array_get(ci, 1));
    if (!(fabs(p - p_true) < 3.5 * sqrt(p_true * (1 - p_true) / 4000))) {
        fail_msg("p_holds %.4f, true %.4f", p, p_true);
    }
    assert_true(lo < p && p < hi);
    assert_true(lo <= p_true + 0.01 && p_true - 0.01 <= hi);
    SC_ASSERT_NEAR(se, sqrt(p * (1 - p) / 4000), 1e-12);
    assert_int_equal(json_integer_value(json_object_get(res, "draws")), 4000);
}

/*
 * The verdict's thresholds: "fails" only when the whole 95% interval lies below 0.1, "uncertain"
 * when it straddles 0.1. A's capability is uniform on [0, 1], so P(capability < c) = c: with
 * 2,000 draws (SE <= 0.0075) the interval of c = 0.06 ends below 0.1 and that of c = 0.13
 * (3.5 SE: at least 0.104, at most 0.156) reaches above 0.1 but not above 0.2.
 */
static const char rare[] =
    "statecraft: 1\n"
    "metadata: {title: Rare claims, date: 2025-01-01}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: {value: 0.5, range: [0, 1]}}\n"
    "  - {id: B, name: Beta, capability: 1}\n"
    "issues:\n"
    "  - {id: x, title: X, scale: [0, 100], low: a, high: b}\n"
    "stances:\n"
    "  x:\n"
    "    A: {position: 50, salience: 0.5}\n"
    "    B: {position: 20, salience: 0.5}\n"
    "claims:\n"
    "  - id: below-6\n"
    "    text: \"A's capability is below 0.06 (P = 0.06)\"\n"
    "    test: {holds: '.models.summary.actors[0].capability.value < 0.06'}\n"
    "  - id: below-13\n"
    "    text: \"A's capability is below 0.13 (P = 0.13)\"\n"
    "    test: {holds: '.models.summary.actors[0].capability.value < 0.13'}\n";

static void test_verdict_thresholds(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(rare);
    sc_mc *mc = run_mc(s, 2000, 100, 2, 5);
    json_t *sec = section(mc);
    const char *ids[] = {"below-6", "below-13"}, *want[] = {"fails", "uncertain"};
    for (int i = 0; i < 2; i++) {
        const json_t *res = json_object_get(json_object_get(claim(sec, ids[i]), "states"),
                                            "before-events");
        if (!res) {
            res = claim(sec, ids[i]);
        }
        const json_t *ci = json_object_get(res, "ci95");
        double hi = json_number_value(json_array_get(ci, 1));
        print_message("%s: P %.4f, interval up to %.4f, verdict %s\n", ids[i],
                      json_number_value(json_object_get(res, "p_holds")), hi,
                      json_string_value(json_object_get(res, "verdict")));
        assert_true(i == 0 ? hi < 0.1 : (hi > 0.1 && hi <= 0.2));
        assert_string_equal(json_string_value(json_object_get(res, "verdict")), want[i]);
    }
    json_decref(sec);
    sc_mc_free(mc);
    sc_scenario_free(s);
}

/*
 * Item 6's criterion: with 10,000 draws every claim's standard error is at most 0.005
 * (sqrt(p (1 - p)/N) <= 0.5/sqrt(N)), here for a claim at p = 1/2, the worst case; and the stated
 * error is the real one: over 10 seeds of 1,000 draws, the spread of P(holds) matches its se (the
 * standard deviation of 10 estimates lies within 0.5 and 1.6 times the se), which fails if draws
 * share random numbers (the spread would be larger or smaller than independent draws give).
 */
static const char half[] =
    "statecraft: 1\n"
    "metadata: {title: A fair coin, date: 2025-01-01}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: {value: 0.5, range: [0, 1]}}\n"
    "  - {id: B, name: Beta, capability: 1}\n"
    "issues:\n"
    "  - {id: x, title: X, scale: [0, 100], low: a, high: b}\n"
    "stances:\n"
    "  x:\n"
    "    A: {position: 50, salience: 0.5}\n"
    "    B: {position: 20, salience: 0.5}\n"
    "claims:\n"
    "  - id: coin\n"
    "    text: \"A's capability is below 0.5 (uniform on [0, 1]: P = 1/2)\"\n"
    "    test: {holds: '.models.summary.actors[0].capability.value < 0.5'}\n";

static void test_se_criterion(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(half);
    sc_mc *mc = run_mc(s, 10000, 0, 2, 5);
    json_t *sec = section(mc);
    const json_t *c = claim(sec, "coin");
    double se = json_number_value(json_object_get(c, "se"));
    print_message("10,000 draws: P(holds) %.4f, se %.5f\n",
                  json_number_value(json_object_get(c, "p_holds")), se);
    assert_true(se <= 0.005 && se > 0.0049);
    json_decref(sec);
    sc_mc_free(mc);
    double p[10], mean = 0, var = 0, se_mean = 0;
    for (int i = 0; i < 10; i++) {
        mc = run_mc(s, 1000, 0, 1, 100 + (uint64_t)i);
        sec = section(mc);
        c = claim(sec, "coin");
        p[i] = json_number_value(json_object_get(c, "p_holds"));
        se_mean += json_number_value(json_object_get(c, "se")) / 10;
        mean += p[i] / 10;
        json_decref(sec);
        sc_mc_free(mc);
    }
    for (int i = 0; i < 10; i++) {
        var += (p[i] - mean) * (p[i] - mean) / 9;
    }
    print_message("10 seeds of 1,000 draws: sd of P(holds) %.5f, stated se %.5f\n", sqrt(var),
                  se_mean);
    assert_true(sqrt(var) > 0.5 * se_mean && sqrt(var) < 1.6 * se_mean);
    sc_scenario_free(s);
}

static void test_known_probabilities(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(known);
    sc_mc *mc = run_mc(s, 4000, 400, 2, 11);
    json_t *sec = section(mc);
    check_p(claim(sec, "cap-low"), 0.3);
    const json_t *pos = json_object_get(claim(sec, "pos-high"), "states");
    check_p(json_object_get(pos, "after-events"), 1 - 0.8159398746532405);
    check_p(json_object_get(pos, "warmer"), 1 - 0.7881446014166034);
    /* the event's and the variant's `add` keep the drawn position in play: it decides the claim */
    const char *pstates[] = {"after-events", "warmer"};
    for (int i = 0; i < 2; i++) {
        const json_t *ps = json_object_get(json_object_get(pos, pstates[i]), "sensitivity");
        assert_true(json_array_size(ps) >= 1);
        assert_string_equal(json_string_value(json_object_get(json_array_get(ps, 0), "input")),
                            "stance.x.A.position");
        assert_true(json_number_value(json_object_get(json_array_get(ps, 0), "total")) > 0.7);
        /* the other inputs the baseline reads never move the claim: exactly 0 */
        for (size_t j = 1; j < json_array_size(ps); j++) {
            assert_true(json_number_value(json_object_get(json_array_get(ps, j), "total")) == 0);
        }
    }
    /* the group: one uniform for both amities (independent draws would give 0.208) */
    const json_t *warm = json_object_get(claim(sec, "warm-both"), "states");
    check_p(json_object_get(warm, "after-events"), 5.0 / 12.0);
    /* the variant sets A-B to -0.9: the claim never holds there, whatever is drawn */
    const json_t *cold = json_object_get(warm, "cold");
    SC_ASSERT_NEAR(json_number_value(json_object_get(cold, "p_holds")), 0, 0);
    assert_string_equal(json_string_value(json_object_get(cold, "verdict")), "fails");
    assert_true(json_is_false(json_object_get(json_object_get(claim(sec, "warm-both"),
                                                             "at_point_values"), "after-events")));
    /* an `add` shift does not override the drawn number: the group still decides the claim
     * there; a `set` does: the claim cannot move under `cold` */
    const json_t *warmer = json_object_get(warm, "warmer");
    const json_t *sens = json_object_get(warmer, "sensitivity");
    assert_int_equal(json_array_size(sens), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(sens, 0), "input")), "warm");
    assert_int_equal(json_array_size(json_object_get(cold, "sensitivity")), 0);
    /* verdicts in words */
    assert_string_equal(json_string_value(json_object_get(json_object_get(pos, "after-events"), "verdict")),
                        "uncertain");
    /* a prose claim has no probability */
    assert_null(json_object_get(claim(sec, "prose"), "p_holds"));
    /* the headline numbers: the triangle's configuration as frequencies, the baseline mean */
    const json_t *m = json_object_get(sec, "monte_carlo");
    assert_int_equal(json_integer_value(json_object_get(m, "draws")), 4000);
    assert_int_equal(json_array_size(json_object_get(m, "inputs")), 4);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(m, "inputs"), 3), "name")),
                        "warm");
    json_decref(sec);
    sc_mc_free(mc);
    sc_scenario_free(s);
}

/* A draw's state after the events is the scenario with the events applied, in every draw
 * (each worker's copy of a state is filled again per row: sc__scenario_at_reuse), and the state
 * before them the scenario as given. */
static void test_draw_states(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(
        "statecraft: 1\n"
        "metadata: {title: States, date: 2025-01-01}\n"
        "actors:\n"
        "  - {id: A, name: Alpha, capability: {value: 0.5, range: [0.1, 1]}}\n"
        "  - {id: B, name: Beta, capability: 1}\n"
        "issues:\n"
        "  - {id: x, title: X, scale: [0, 100], low: a, high: b}\n"
        "stances:\n"
        "  x:\n"
        "    A: {position: 50, salience: 0.5}\n"
        "    B: {position: 10, salience: 0.5}\n"
        "events:\n"
        "  - {id: turn, date: 2025-01-05, what: \"B turns\", actors: [B],\n"
        "     shifts: [{target: stance.x.B.position, set: 90}]}\n"
        "claims:\n"
        "  - id: turned\n"
        "    text: \"B stands at 90 after the events, at 10 before\"\n"
        "    test: {holds: '.models.baseline.issues[0].positions[1].position == 90', when: "
        "[after-events, before-events]}\n");
    sc_mc *mc = run_mc(s, 60, 3, 2, 3);
    json_t *sec = section(mc);
    const json_t *st = json_object_get(claim(sec, "turned"), "states");
    SC_ASSERT_NEAR(json_number_value(json_object_get(json_object_get(st, "after-events"),
                                                     "p_holds")),
                   1, 0);
    SC_ASSERT_NEAR(json_number_value(json_object_get(json_object_get(st, "before-events"),
                                                     "p_holds")),
                   0, 0);
    json_decref(sec);
    sc_mc_free(mc);
    sc_scenario_free(s);
}

/* A headline that is linear in two normal inputs: S_A = ST_A = 100 / 125, S_B = 25 / 125. */
static const char linear[] =
    "statecraft: 1\n"
    "metadata: {title: Linear}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: 1}\n"
    "  - {id: B, name: Beta, capability: 1}\n"
    "  - {id: C, name: Gamma, capability: 1}\n"
    "issues:\n"
    "  - {id: x, title: X, scale: [-1000, 1000], low: a, high: b}\n"
    "stances:\n"
    "  x:\n"
    "    A: {position: {value: 0, sd: 10}, salience: 0.5}\n"
    "    B: {position: {value: 0, sd: 5}, salience: 0.5}\n"
    "    C: {position: 0, salience: 0.5}\n"
    "relations:\n"
    "  - {pair: [A, B], amity: {value: 0.2, sd: 0.1}}\n";

static void check_linear_sensitivity(const sc_scenario *s, size_t draws, size_t rows)
{
    sc_mc *mc = run_mc(s, draws, rows, 2, 5);
    assert_int_equal(mc->draw_pairs, 2 * rows <= draws);
    json_t *sec = section(mc);
    const json_t *heads = json_object_get(json_object_get(sec, "monte_carlo"), "headlines");
    int found = 0;
    size_t i;
    json_t *h;
    json_array_foreach(heads, i, h) {
        if (strcmp(json_string_value(json_object_get(h, "answer")), "x mean") != 0) {
            continue;
        }
        found = 1;
        /* the mean of three positions: sd sqrt(125)/3, median 0 */
        SC_ASSERT_NEAR(json_number_value(json_object_get(h, "q50")), 0, 0.3);
        SC_ASSERT_NEAR(json_number_value(json_object_get(h, "q95")), 1.6449 * sqrt(125) / 3, 0.4);
        const json_t *sens = json_object_get(h, "sensitivity");
        /* the amity cannot reach the baseline: only the two positions are listed */
        assert_int_equal(json_array_size(sens), 2);
        const json_t *a = json_array_get(sens, 0), *b = json_array_get(sens, 1);
        assert_string_equal(json_string_value(json_object_get(a, "input")), "stance.x.A.position");
        SC_ASSERT_NEAR(json_number_value(json_object_get(a, "total")), 0.8, 0.05);
        SC_ASSERT_NEAR(json_number_value(json_object_get(a, "first_order")), 0.8, 0.06);
        SC_ASSERT_NEAR(json_number_value(json_object_get(b, "total")), 0.2, 0.03);
        const json_t *ci = json_object_get(a, "total_ci95");
        assert_true(json_number_value(json_array_get(ci, 0)) < 0.8 &&
                    0.8 < json_number_value(json_array_get(ci, 1)));
    }
    assert_true(found);
    json_decref(sec);
    sc_mc_free(mc);
}

/*
 * The war's mean terms are a headline number per lever (issue 12 item 2: "the war's probability
 * of a ceasefire within 52 battles and mean terms"). Under the Nash rule with B's cost known (costs
 * of 0.01 a battle: lo = 0.335, hi = 0.665 at battle 0), every run settles at once on x = lo +
 * power (hi - lo), so a draw's mean terms are linear in the
 * bargaining power, drawn uniform on [0.2, 0.8] around its point value 0.5: the median of the
 * terms over the draws is their value at the point values, they spread, and the power, the one
 * uncertain input the war reads, explains all of their variance.
 */
static const char nash_terms[] =
    "statecraft: 1\n"
    "metadata: {title: Terms by bargaining power, date: 2025-01-01}\n"
    "actors:\n"
    "  - {id: USA, name: United States, capability: {value: 3, range: [2, 4]}}\n"
    "  - {id: RUS, name: Russia, capability: 2, milex: 2000, gdp: 1000}\n" SC_TEST_TERRITORY_ISSUE
    "    UKR: {position: 0, salience: 1}\n"
    "war:\n"
    "  a: RUS\n"
    "  b: UKR\n"
    "  rule: nash\n"
    "  cost_a: 0.01\n"
    "  cost_b: 0.01\n"
    "  power: {value: 0.5, range: [0.2, 0.8]}\n";

static void test_war_terms_headline(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(nash_terms);
    sc_mc *mc = run_mc_runs(s, 400, 100, 2, 7, 4);
    json_t *sec = section(mc);
    const json_t *heads = json_object_get(json_object_get(sec, "monte_carlo"), "headlines");
    int levers = 0;
    size_t i;
    json_t *h;
    json_array_foreach(heads, i, h) {
        const char *answer = json_string_value(json_object_get(h, "answer"));
        if (strcmp(json_string_value(json_object_get(h, "model")), "war") != 0 ||
            !strstr(answer, ": mean terms")) {
            continue;
        }
        levers++;
        double point = json_number_value(json_object_get(h, "point"));
        double q05 = json_number_value(json_object_get(h, "q05"));
        double q50 = json_number_value(json_object_get(h, "q50"));
        double q95 = json_number_value(json_object_get(h, "q95"));
        print_message("%s: point %.4f, q05 %.4f, q50 %.4f, q95 %.4f\n", answer, point, q05, q50,
                      q95);
        assert_true(point > 0 && point < 1);
        assert_int_equal(json_integer_value(json_object_get(h, "unavailable")), 0);
        /* linear in a symmetric draw around the point value: the median is the point, to the
         * sketch's 0.1% and the spread of 400 draws' median (sd about 0.33 * 0.6 / (2 sqrt(400))
         * = 0.005: four of them) */
        SC_ASSERT_NEAR(q50, point, 0.02);
        assert_true(q95 - q05 > 0.05);
        const json_t *sens = json_object_get(h, "sensitivity");
        assert_true(json_array_size(sens) >= 1);
        const json_t *top = json_array_get(sens, 0);
        assert_string_equal(json_string_value(json_object_get(top, "input")), "war.power");
        assert_true(json_number_value(json_object_get(top, "first_order")) > 0.9);
    }
    /* none, sanctions, aid_cut, both, inducement, guarantee */
    assert_int_equal(levers, 6);
    json_decref(sec);
    sc_mc_free(mc);
    sc_scenario_free(s);
}

/* The known indices through the whole run, on both designs: rows A and B the draws 2j' and
 * 2j' + 1 (6000 draws, 3000 base rows: the default's pairing), and rows A the first draws with
 * each row B apart (3000 and 3000). */
static void test_linear_sensitivity(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(linear);
    check_linear_sensitivity(s, 6000, 3000);
    check_linear_sensitivity(s, 3000, 3000);
    sc_scenario_free(s);
}

static char *result_text(const sc_mc *mc)
{
    json_t *sec = section(mc);
    char *t = json_dumps(sec, JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
    json_decref(sec);
    return t;
}

/* Collects serialised blocks as another process would send them. */
typedef struct sent {
    size_t n;
    size_t block[64];
    char *bytes[64];
    size_t len[64];
} sent;

static sc_status keep(size_t block, const void *bytes, size_t len, void *ctx, sc_diag *diag)
{
    (void)diag;
    sent *s = ctx;
    s->block[s->n] = block;
    s->bytes[s->n] = malloc(len);
    memcpy(s->bytes[s->n], bytes, len);
    s->len[s->n++] = len;
    return SC_OK;
}

/* The paired design's rows B are draws: the draws' counts and sums with 60 base rows over 420
 * draws are those of the 420 draws without any, bit for bit. */
static void test_paired_rows_are_draws(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(known);
    sc_mc *with = run_mc(s, 420, 60, 2, 3);
    sc_mc *without = run_mc(s, 420, 0, 1, 3);
    assert_true(with->draw_pairs);
    const mc_acc *a = with->total, *b = without->total;
    assert_int_equal(a->rows, 420);
    assert_int_equal(b->rows, 420);
    assert_int_equal(a->n_claims, b->n_claims);
    assert_true(a->n_claims > 0 && a->n_numbers > 0);
    for (size_t i = 0; i < a->n_claims; i++) {
        assert_int_equal(a->holds[i], b->holds[i]);
    }
    for (size_t i = 0; i < a->n_numbers; i++) {
        assert_memory_equal(&a->sum[i], &b->sum[i], sizeof a->sum[i]);
    }
    sc_mc_free(with);
    sc_mc_free(without);
    sc_scenario_free(s);
}

/*
 * The model-noise check on a war whose battles only its runs decide (docs/uncertainty.md, "Model
 * noise"): B's cost is private (screening), so the mean number of battles of W = 4 runs moves
 * from one model stream to the next; no uncertain input reaches the war (the US, its one
 * uncertain number, is not a side), so a claim over that mean holds in a draw with a probability
 * q of its own, independently on two streams, and changes between them with probability
 * 2q(1 - q). `short` and `long` sit at q near 0.69 and 0.94 (E[mean battles] = 0.53 with 2,000
 * runs: `short` fails and `long` holds with exact answers), `any` never changes, `cap` reads no
 * simulation.
 */
static const char noisy[] =
    "statecraft: 1\n"
    "metadata: {title: A noisy war, date: 2025-01-01}\n"
    "actors:\n"
    "  - {id: USA, name: United States, capability: {value: 3, range: [2, 4]}}\n"
    "  - {id: RUS, name: Russia, capability: 2, milex: 2000, gdp: 1000}\n" SC_TEST_TERRITORY_ISSUE
    "    UKR: {position: 0, salience: 1}\n"
    "war:\n"
    "  a: RUS\n"
    "  b: UKR\n"
    "  screening: {cost_b_low: 0.001, cost_b_high: 0.05}\n"
    "claims:\n"
    "  - id: short\n"
    "    text: \"At most half a battle on average\"\n"
    "    test: {model: war, holds: '.models.war.levers.none.mean_battles <= 0.5'}\n"
    "  - id: any\n"
    "    text: \"A probability\"\n"
    "    test: {model: war, holds: '.models.war.levers.none.p_ceasefire_52 >= 0'}\n"
    "  - id: cap\n"
    "    text: \"The US capability above 2.5\"\n"
    "    test: {holds: '.models.summary.actors[0].capability.value > 2.5'}\n"
    "  - id: long\n"
    "    text: \"Less than 0.9 battles on average\"\n"
    "    test: {model: war, holds: '.models.war.levers.both.mean_battles < 0.9', when: [after-events, before-events]}\n";

/* The noisy war with 4 runs a lever; free_noisy frees the scenario after it. */
static sc_mc *run_noisy(size_t draws, size_t sens, unsigned threads, uint64_t seed)
{
    return run_mc_runs(sc_test_scenario(noisy), draws, sens, threads, seed, 4);
}

static void free_noisy(sc_mc *mc)
{
    sc_scenario *s = (sc_scenario *)(uintptr_t)mc->s;
    sc_mc_free(mc);
    sc_scenario_free(s);
}

static void check_same_bytes_any_split(const char *text)
{
    sc_scenario *s = sc_test_scenario(text);
    sc_mc *one = run_mc(s, 420, 60, 1, 3);
    sc_mc *two = run_mc(s, 420, 60, 2, 3);
    sc_mc *three = run_mc(s, 420, 60, 3, 3);
    char *t1 = result_text(one), *t2 = result_text(two), *t3 = result_text(three);
    assert_string_equal(t1, t2);
    assert_string_equal(t1, t3);
    /* three "processes" each compute every third block; the blocks merged in order */
    sc_mc_opts o;
    sc_mc_opts_init(&o);
    o.draws = 420;
    o.sensitivity_draws = 60;
    o.seed = 3;
    o.bootstrap = 50;
    o.threads = 1;
    sent parts[3];
    memset(parts, 0, sizeof parts);
    for (size_t r = 0; r < 3; r++) {
        sc_mc *p = NULL;
        assert_int_equal(sc_mc_new(s, &o, &p, NULL), SC_OK);
        assert_int_equal(sc_mc_compute(p, r, 3, keep, &parts[r], NULL), SC_OK);
        sc_mc_free(p);
    }
    sc_mc *root = NULL;
    assert_int_equal(sc_mc_new(s, &o, &root, NULL), SC_OK);
    assert_int_equal(sc_mc_block_count(root), 9);
    sc_diag d;
    sc_diag_init(&d);
    /* out of order is refused */
    assert_int_equal(sc_mc_merge(root, parts[1].block[0], parts[1].bytes[0], parts[1].len[0], &d),
                     SC_EINVAL);
    assert_non_null(strstr(d.message, "arrived where block 0 was due"));
    /* damaged bytes are refused */
    assert_int_equal(sc_mc_merge(root, 0, parts[0].bytes[0], parts[0].len[0] - 3, &d), SC_EPARSE);
    for (size_t b = 0; b < 9; b++) {
        sent *p = &parts[b % 3];
        assert_int_equal(p->block[b / 3], b);
        assert_int_equal(sc_mc_merge(root, b, p->bytes[b / 3], p->len[b / 3], &d), SC_OK);
    }
    assert_true(sc_mc_done(root));
    char *tr = result_text(root);
    assert_string_equal(t1, tr);
    for (size_t r = 0; r < 3; r++) {
        for (size_t k = 0; k < parts[r].n; k++) {
            free(parts[r].bytes[k]);
        }
    }
    free(t1);
    free(t2);
    free(t3);
    free(tr);
    sc_mc_free(one);
    sc_mc_free(two);
    sc_mc_free(three);
    sc_mc_free(root);
    sc_scenario_free(s);
}

/* The same bytes for 1, 2 or 3 threads and for blocks computed apart and merged in order, also
 * with the model-noise check's counts (the noisy war). */
static void test_same_bytes_any_split(void **state)
{
    (void)state;
    check_same_bytes_any_split(known);
    check_same_bytes_any_split(noisy);
}

/* The result of claim `id` in `state` (NULL: the claim's one state). */
static const json_t *claim_in(const json_t *sec, const char *id, const char *state)
{
    const json_t *c = claim(sec, id);
    const json_t *r = json_object_get(json_object_get(c, "states"), state ? state : "");
    return r ? r : c;
}

/*
 * The check's counts are those of two independent streams: a claim that holds with probability
 * q in a draw changes with probability 2q(1 - q) (within 4 of its standard errors over the 200
 * draws checked, d = 0, 20, ..., 3980: every 20th of 4,000); `any` never changes; `cap`, over
 * no simulation, has no check. A check on the draw's own stream would count no change, and one
 * on a stream shared by the draws would make the changes depend on each other.
 */
static void test_model_noise_rate(void **state)
{
    (void)state;
    sc_mc *mc = run_noisy(4000, 0, 2, 11);
    assert_int_equal(mc->total->noise_rows, 200);
    json_t *sec = section(mc);
    const json_t *m = json_object_get(sec, "monte_carlo");
    assert_int_equal(json_integer_value(json_object_get(m, "noise_draws")), 200);
    static const struct {
        const char *id, *state;
        double q_lo, q_hi;
    } cases[] = {{"short", NULL, 0.55, 0.8}, {"long", "after-events", 0.88, 0.98},
                 {"long", "before-events", 0.88, 0.98}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const json_t *r = claim_in(sec, cases[i].id, cases[i].state);
        double q = json_number_value(json_object_get(r, "p_holds"));
        const json_t *nz = json_object_get(r, "model_noise");
        assert_non_null(nz);
        assert_string_equal(json_string_value(json_array_get(json_object_get(nz, "models"), 0)),
                            "war");
        assert_int_equal(json_array_size(json_object_get(nz, "models")), 1);
        assert_int_equal(json_integer_value(json_object_get(nz, "draws_checked")), 200);
        double rate = json_number_value(json_object_get(nz, "change_rate"));
        double want = 2 * q * (1 - q), se = sqrt(want * (1 - want) / 200);
        print_message("%s %s: q %.4f, changes %.4f against 2q(1-q) = %.4f (se %.4f)\n",
                      cases[i].id, cases[i].state ? cases[i].state : "", q, rate, want, se);
        assert_true(q > cases[i].q_lo && q < cases[i].q_hi);
        assert_true(fabs(rate - want) < 4 * se);
        SC_ASSERT_NEAR(rate, (double)json_integer_value(json_object_get(nz, "changed")) / 200,
                       1e-15);
        const json_t *ci = json_object_get(nz, "change_rate_ci95");
        double lo, hi;
        sc_wilson_interval((uint64_t)json_integer_value(json_object_get(nz, "changed")), 200,
                           0.95, &lo, &hi);
        SC_ASSERT_NEAR(json_number_value(json_array_get(ci, 0)), lo, 1e-15);
        SC_ASSERT_NEAR(json_number_value(json_array_get(ci, 1)), hi, 1e-15);
    }
    const json_t *any = json_object_get(claim_in(sec, "any", NULL), "model_noise");
    assert_non_null(any);
    assert_int_equal(json_integer_value(json_object_get(any, "changed")), 0);
    assert_null(json_object_get(claim_in(sec, "cap", NULL), "model_noise"));
    json_decref(sec);
    free_noisy(mc);
}

/*
 * The check answers to the war's runs: with 64 runs a lever instead of 4 (the same 4,000 draws
 * and seed) `short`, which fails with exact answers (mean battles 0.53 > 0.5), holds in under
 * 10% of draws instead of about 69% and changes in under 15% of checks instead of about 45%;
 * `long`, which holds with exact answers, never changes. More runs, less noise, a smaller rate.
 */
static void test_model_noise_falls_with_runs(void **state)
{
    (void)state;
    sc_mc *few = run_noisy(4000, 0, 2, 11);
    sc_mc *many = run_mc_runs(sc_test_scenario(noisy), 4000, 0, 2, 11, 64);
    json_t *a = section(few), *b = section(many);
    const json_t *sa = claim_in(a, "short", NULL), *sb = claim_in(b, "short", NULL);
    double pa = json_number_value(json_object_get(sa, "p_holds"));
    double pb = json_number_value(json_object_get(sb, "p_holds"));
    const json_t *na = json_object_get(sa, "model_noise"), *nb = json_object_get(sb, "model_noise");
    double ra = json_number_value(json_object_get(na, "change_rate"));
    double rb = json_number_value(json_object_get(nb, "change_rate"));
    print_message("short: P %.4f -> %.4f, changes %.4f -> %.4f\n", pa, pb, ra, rb);
    assert_true(pa > 0.55 && pb < 0.1);
    assert_true(ra > 0.3 && rb < 0.15);
    const json_t *lb = json_object_get(claim_in(b, "long", "after-events"), "model_noise");
    assert_int_equal(json_integer_value(json_object_get(lb, "changed")), 0);
    assert_int_equal(json_integer_value(json_object_get(lb, "draws_checked")), 200);
    json_decref(a);
    json_decref(b);
    free_noisy(few);
    free_noisy(many);
}

/*
 * The verdict's interval is widened by the share of verdicts the noise changed: `long` holds in
 * about 94% of draws with a 95% interval above 0.9 (over 4,000 draws: from about 0.925), which
 * alone would say "holds", but the noise changes about 12% of its verdicts, so it is uncertain;
 * `any` holds in every draw and its verdict never changes: it holds.
 */
static void test_model_noise_verdict(void **state)
{
    (void)state;
    sc_mc *mc = run_noisy(4000, 0, 2, 11);
    json_t *sec = section(mc);
    const json_t *r = claim_in(sec, "long", "after-events");
    double lo = json_number_value(json_array_get(json_object_get(r, "ci95"), 0));
    double rate = json_number_value(json_object_get(json_object_get(r, "model_noise"),
                                                    "change_rate"));
    assert_true(lo >= 0.9);
    assert_true(lo - rate < 0.9);
    assert_string_equal(json_string_value(json_object_get(r, "verdict")), "uncertain");
    assert_string_equal(json_string_value(json_object_get(claim_in(sec, "any", NULL), "verdict")),
                        "holds");
    json_decref(sec);
    free_noisy(mc);
}

/*
 * The plan of the check: on the built-in scenario only cost-benefit-ceasefire reads a
 * simulation (the war), after the events and under retrench; there the check reruns the war
 * alone with its two lever rows (none and both), although the state after the events runs all
 * six for its headline numbers; the other states check nothing. The check runs on every 20th
 * draw only.
 */
static void test_model_noise_plan(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_builtin(&s, NULL), SC_OK);
    sc_mc_opts o;
    sc_mc_opts_init(&o);
    o.draws = 41;
    o.sensitivity_draws = 0;
    o.war_runs = 8;
    o.threads = 1;
    sc_mc *mc = NULL;
    assert_int_equal(sc_mc_new(s, &o, &mc, NULL), SC_OK);
    const sc__model *war = sc__model_find("war");
    sc__model_set wbit = (sc__model_set)1 << (size_t)(war - sc__model_at(0));
    size_t noisy_states = 0;
    for (size_t x = 0; x < mc->n_states; x++) {
        const char *name = mc->states[x].name;
        int judged = strcmp(name, "after-events") == 0 || strcmp(name, "retrench") == 0;
        assert_int_equal(mc->states[x].noise_models, judged ? wbit : 0);
        if (judged) {
            assert_int_equal(mc->states[x].noise_levers, 1u | 1u << SC_WAR_LEVER_BOTH);
            noisy_states++;
        }
    }
    assert_int_equal(noisy_states, 2);
    size_t noisy_out = 0;
    for (size_t i = 0; i < mc->n_out; i++) {
        const mc_output *x = &mc->out[i];
        const char *id = x->kind == MC_CLAIM ? sc_scenario_claim(s, x->claim)->id : "";
        assert_int_equal(x->noise, strcmp(id, "cost-benefit-ceasefire") == 0 ? wbit : 0);
        noisy_out += x->noise != 0;
    }
    assert_int_equal(noisy_out, 2);
    assert_int_equal(mc->n_noisy, 2);
    assert_true(sc__mc_noise_row(mc, 0) && sc__mc_noise_row(mc, 20) && sc__mc_noise_row(mc, 40));
    assert_false(sc__mc_noise_row(mc, 1) || sc__mc_noise_row(mc, 19) || sc__mc_noise_row(mc, 21));
    sc_mc_free(mc);
    /* a scenario whose claims read no simulation checks nothing */
    sc_scenario *k = sc_test_scenario(known);
    assert_int_equal(sc_mc_new(k, &o, &mc, NULL), SC_OK);
    assert_int_equal(mc->n_noisy, 0);
    assert_false(sc__mc_noise_row(mc, 0));
    sc_mc_free(mc);
    sc_scenario_free(k);
    sc_scenario_free(s);
}

/*
 * The models declared to simulate (sc__mc_model_simulates) are the only ones whose content in a
 * draw moves with the model stream: on the built-in scenario, after the events and under
 * retrench, every other model gives the same bits for two seeds, and the war does not (the
 * declaration is not vacuous). A model that simulated undeclared would escape the check.
 */
static void test_simulating_models_declared(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_builtin(&s, NULL), SC_OK);
    const char *vars[] = {NULL, "retrench"};
    int moved = 0, same = 0;
    for (size_t m = 0; m < sc__model_count(); m++) {
        const sc__model *mo = sc__model_at(m);
        if (!mo->per_state || strcmp(mo->name, "bargaining") == 0) {
            continue; /* the bargaining section: its agreement odds are sampled by design */
        }
        for (size_t v = 0; v < 2; v++) {
            sc_state st;
            sc_state_init(&st);
            st.variant = vars[v];
            json_t *c[2];
            for (int seed = 0; seed < 2; seed++) {
                sc_run_opts ro;
                sc_run_opts_init(&ro);
                ro.runs = 8;
                ro.threads = 1;
                ro.monte_carlo = 1;
                ro.seed = 1000 + (uint64_t)seed;
                c[seed] = json_object();
                assert_int_equal(sc__section_run(mo->section, s, &st, &ro, c[seed], NULL), SC_OK);
            }
            int eq = json_equal(c[0], c[1]);
            if (sc__mc_model_simulates(mo->name)) {
                moved += !eq;
                if (eq) {
                    fail_msg("model %s is declared to simulate but gives the same content on two "
                             "streams", mo->name);
                }
            } else if (!eq) {
                fail_msg("model %s moves with the model stream but is not declared to simulate",
                         mo->name);
            } else {
                same++;
            }
            json_decref(c[0]);
            json_decref(c[1]);
        }
    }
    assert_int_equal(moved, 2);
    assert_true(same >= 12);
    assert_true(sc__mc_model_simulates("bargaining"));
    assert_false(sc__mc_model_simulates("landscape"));
    sc_scenario_free(s);
}

/*
 * The reports say it: the text report, per claim and state, how many of the draws judged again
 * changed their verdict (or that none did), and nothing for a claim over no simulation; the HTML
 * claims table a column of the share.
 */
static void test_model_noise_reported(void **state)
{
    (void)state;
    char path[512], args[1200];
    snprintf(path, sizeof path, "%s/test_montecarlo_noisy.yaml", SC_BINARY_DIR);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(noisy, f);
    assert_int_equal(fclose(f), 0);
    snprintf(args, sizeof args, "run %s --draws 400 --war-runs 4 --sensitivity-draws 0", path);
    char *out = NULL, *err = NULL;
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    const char *at = strstr(out, "1. short");
    assert_non_null(at);
    at = strstr(at, "   Model noise (war, 4 runs a lever): the verdict changed in ");
    assert_non_null(at);
    assert_non_null(strstr(at, " of the 20 draws judged again on another model stream ("));
    const char *any = strstr(out, "2. any"), *cap = strstr(out, "3. cap"),
               *lng = strstr(out, "4. long");
    assert_true(any && cap && lng && at < any);
    const char *never = strstr(any, "   Model noise (war, 4 runs a lever): the verdict never "
                                    "changed in the 20 draws judged again");
    assert_true(never && never < cap);
    const char *next = strstr(cap, "Model noise");
    assert_true(next && next > lng); /* none under `cap` */
    assert_non_null(strstr(lng, "   Model noise in after-events (war, 4 runs a lever): "));
    assert_non_null(strstr(lng, "   Model noise in before-events (war, 4 runs a lever): "));
    free(out);
    free(err);
    snprintf(args, sizeof args,
             "run %s --draws 400 --war-runs 4 --sensitivity-draws 0 --format html", path);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    assert_non_null(strstr(out, ">changed by noise<"));
    /* the share of `short` (claim 0) in its cell; `cap` (claim 2) has none */
    assert_non_null(strstr(out, "data-ptr=\"/0/model_noise/change_rate\""));
    assert_null(strstr(out, "/2/model_noise"));
    free(out);
    free(err);
    remove(path);
    /* a claim over a simulation other than the war: no war runs named, none to raise */
    json_t *sec = json_pack(
        "{s:[{s:s, s:s, s:s, s:f, s:[f, f], s:f, s:i, s:s, s:{s:b}, s:{s:[s], s:i, s:i, s:f, "
        "s:[f, f]}}], s:{s:i, s:i, s:i, s:i, s:i, s:[], s:[], s:b}}",
        "claims", "id", "odds", "text", "An agreement is likely", "holds", "true", "p_holds",
        0.5, "ci95", 0.4, 0.6, "se", 0.05, "draws", 100, "verdict", "uncertain",
        "at_point_values", "after-events", 1, "model_noise", "models", "bargaining",
        "draws_checked", 5, "changed", 1, "change_rate", 0.2, "change_rate_ci95", 0.036, 0.624,
        "monte_carlo", "draws", 100, "seed", 1, "sensitivity_draws", 0, "bootstrap", 0,
        "war_runs", 32, "inputs", "headlines", "complete", 1);
    assert_non_null(sec);
    scx_buf b;
    scx_buf_init(&b);
    sc__text_claims(sec, NULL, 0, &b);
    char *text = NULL;
    assert_int_equal(scx_buf_take(&b, &text, NULL, NULL), SC_OK);
    assert_non_null(strstr(text, "   Model noise (bargaining): the verdict changed in 1 of the 5 "
                                 "draws judged again"));
    assert_null(strstr(text, "runs a lever"));
    assert_null(strstr(text, "--war-runs"));
    free(text);
    scx_buf_destroy(&b);
    json_decref(sec);
}

/* The counts of the check travel with a block (checkpoints, processes): written and read back,
 * they are the run's. */
static void test_model_noise_serialised(void **state)
{
    (void)state;
    sc_mc *mc = run_noisy(400, 0, 1, 5);
    scx_buf b;
    scx_buf_init(&b);
    sc__mc_acc_write(mc->total, &b);
    sc__reader r = {(const unsigned char *)b.data, b.len, 0};
    mc_acc *back = NULL;
    assert_int_equal(sc__mc_acc_read(mc, &r, &back), SC_OK);
    assert_int_equal(back->noise_rows, 20);
    assert_int_equal(back->noise_rows, mc->total->noise_rows);
    uint64_t changed = 0;
    for (size_t i = 0; i < back->n_claims; i++) {
        assert_int_equal(back->flips[i], mc->total->flips[i]);
        assert_int_equal(back->holds[i], mc->total->holds[i]);
        changed += back->flips[i];
    }
    assert_true(changed > 0);
    sc__mc_acc_free(back);
    scx_buf_destroy(&b);
    free_noisy(mc);
}

/* Stops after a few merged blocks, as a killed process would. */
static sc_status merge_some(size_t block, const void *bytes, size_t len, void *ctx,
                            sc_diag *diag)
{
    sc_mc *mc = ctx;
    if (block >= 3) {
        return sc__diag_set(diag, SC_EIO, "interrupted");
    }
    return sc_mc_merge(mc, block, bytes, len, diag);
}

static void test_checkpoint(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(known);
    sc_mc *whole = run_mc(s, 420, 60, 2, 9);
    char *want = result_text(whole);
    char path[256];
    snprintf(path, sizeof path, "%s/test_montecarlo.ckpt", SC_BINARY_DIR);
    remove(path);
    sc_mc_opts o;
    sc_mc_opts_init(&o);
    o.draws = 420;
    o.sensitivity_draws = 60;
    o.seed = 9;
    o.bootstrap = 50;
    o.threads = 1;
    sc_mc *a = NULL, *b = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_mc_new(s, &o, &a, &d), SC_OK);
    assert_int_equal(sc_mc_checkpoint_load(a, path, &d), SC_ENOTFOUND);
    assert_int_equal(sc_mc_compute(a, 0, 1, merge_some, a, &d), SC_EIO);
    assert_int_equal(sc_mc_blocks_merged(a), 3);
    assert_int_equal(sc_mc_checkpoint_save(a, path, &d), SC_OK);
    /* a fresh process resumes from the file, with another thread count */
    o.threads = 2;
    assert_int_equal(sc_mc_new(s, &o, &b, &d), SC_OK);
    assert_int_equal(sc_mc_checkpoint_load(b, path, &d), SC_OK);
    assert_int_equal(sc_mc_blocks_merged(b), 3);
    assert_int_equal(sc_mc_run(b, path, 0, &d), SC_OK);
    char *got = result_text(b);
    assert_string_equal(want, got);
    /* the final checkpoint is complete: loading it leaves nothing to do */
    sc_mc *c = NULL;
    assert_int_equal(sc_mc_new(s, &o, &c, &d), SC_OK);
    assert_int_equal(sc_mc_checkpoint_load(c, path, &d), SC_OK);
    assert_true(sc_mc_done(c));
    sc_mc_free(c);
    /* another seed, other options, another scenario: refused, saying what differs */
    o.seed = 10;
    assert_int_equal(sc_mc_new(s, &o, &c, &d), SC_OK);
    assert_int_equal(sc_mc_checkpoint_load(c, path, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "with --seed 9 (this run: 10)"));
    assert_int_equal(sc_mc_blocks_merged(c), 0);
    sc_mc_free(c);
    o.seed = 9;
    o.draws = 400;
    assert_int_equal(sc_mc_new(s, &o, &c, &d), SC_OK);
    assert_int_equal(sc_mc_checkpoint_load(c, path, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "with other options (420 draws"));
    sc_mc_free(c);
    o.draws = 420;
    sc_scenario *other = sc_test_scenario(linear);
    assert_int_equal(sc_mc_new(other, &o, &c, &d), SC_OK);
    assert_int_equal(sc_mc_checkpoint_load(c, path, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "for another scenario"));
    sc_mc_free(c);
    sc_scenario_free(other);
    /* damaged and foreign files */
    size_t len = 0;
    char *bytes = sc_test_slurp(path, &len);
    assert_non_null(bytes);
    FILE *f = fopen(path, "wb");
    fwrite(bytes, 1, len / 2, f);
    fclose(f);
    assert_int_equal(sc_mc_new(s, &o, &c, &d), SC_OK);
    assert_int_equal(sc_mc_checkpoint_load(c, path, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "damaged"));
    /* a checkpoint of the earlier design (magic "SCMCCKP1", base rows on the first draws and
     * rows B apart from them): refused by name, before its checksum is looked at */
    uint64_t magic = 0x53434d43434b5031ULL; /* in the machine's byte order, as the file's */
    f = fopen(path, "wb");
    fwrite(&magic, 1, 8, f);
    fwrite(bytes + 8, 1, len - 8, f);
    fclose(f);
    assert_int_equal(sc_mc_checkpoint_load(c, path, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "earlier sensitivity design"));
    assert_int_equal(sc_mc_blocks_merged(c), 0);
    /* one of the format before the model-noise check (magic "SCMCCKP2": no counts of changed
     * verdicts in its partial sums): refused by name too */
    magic = 0x53434d43434b5032ULL;
    f = fopen(path, "wb");
    fwrite(&magic, 1, 8, f);
    fwrite(bytes + 8, 1, len - 8, f);
    fclose(f);
    assert_int_equal(sc_mc_checkpoint_load(c, path, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "without the model-noise check"));
    assert_int_equal(sc_mc_blocks_merged(c), 0);
    /* one written before the war's mean terms were headlines ("SCMCCKP3": six outputs fewer,
     * the same options): refused by name, not read as this layout */
    magic = 0x53434d43434b5033ULL;
    f = fopen(path, "wb");
    fwrite(&magic, 1, 8, f);
    fwrite(bytes + 8, 1, len - 8, f);
    fclose(f);
    assert_int_equal(sc_mc_checkpoint_load(c, path, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "without the war's mean terms"));
    assert_int_equal(sc_mc_blocks_merged(c), 0);
    f = fopen(path, "wb");
    fputs("statecraft: 1\nmetadata: {title: not a checkpoint}\n", f);
    fclose(f);
    assert_int_equal(sc_mc_checkpoint_load(c, path, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "is not a statecraft checkpoint"));
    sc_mc_free(c);
    free(bytes);
    remove(path);
    free(want);
    free(got);
    sc_mc_free(a);
    sc_mc_free(b);
    sc_mc_free(whole);
    sc_scenario_free(s);
}

static void expect_plan_error(const char *claims, const char *msg)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s", linear, claims);
    sc_scenario *s = sc_test_scenario(text);
    sc_mc_opts o;
    sc_mc_opts_init(&o);
    o.draws = 200;
    o.sensitivity_draws = 0;
    sc_mc *mc = NULL;
    sc_diag d;
    sc_diag_init(&d);
    sc_status rc = sc_mc_new(s, &o, &mc, &d);
    if (rc == SC_OK) {
        rc = sc_mc_run(mc, NULL, 0, &d);
    }
    if (rc == SC_OK) {
        fail_msg("no error for: %s", claims);
    }
    if (!strstr(d.message, msg)) {
        fail_msg("expected '%s', got '%s'", msg, d.message);
    }
    sc_mc_free(mc);
    sc_scenario_free(s);
}

static void test_bad_predicates(void **state)
{
    (void)state;
    /* located at the holds value (line 18 of the text) */
    expect_plan_error("claims:\n  - id: n\n    text: t\n    test: {holds: '.models.baseline.issues[0].mean'}\n",
                      "claim 'n' (state after-events, at the point values): the predicate yields "
                      "a number (");
    expect_plan_error("claims:\n  - id: n\n    text: t\n    test: {holds: '.models.baseline.issues[0].positions[].position > 0'}\n",
                      "yields several results");
    expect_plan_error("claims:\n  - id: n\n    text: t\n    test: {holds: 'empty'}\n",
                      "yields no result");
    expect_plan_error("claims:\n  - id: n\n    text: t\n    test: {holds: 'error(\"nope\")'}\n",
                      "jq error: nope");
    /* a path that names nothing: the claim, the path and the first step that is missing */
    expect_plan_error("claims:\n  - id: p\n    text: t\n"
                      "    test: {holds: '.models.baseline.issues[0].meen > 0'}\n",
                      "claim 'p' reads .models.baseline.issues[0].meen, which is null in state "
                      "after-events: .models.baseline.issues[0].meen names nothing (the path "
                      "exists up to .models.baseline.issues[0])");
    expect_plan_error("claims:\n  - id: p\n    text: t\n"
                      "    test: {compare: [before-events, after-events], holds: "
                      "'.models.baseline.variants.x.after_events.issues[0].mean > 0'}\n",
                      "which is null in state side by side");
    /* a predicate that is a boolean at the point values but not in some draw: names the draw */
    expect_plan_error("claims:\n  - id: d\n    text: t\n"
                      "    test: {holds: 'if .models.baseline.issues[0].mean > 3 then 1 else "
                      "true end'}\n",
                      "claim 'd' (state after-events, draw ");
    /* options */
    sc_scenario *s = sc_test_scenario(linear);
    sc_mc_opts o;
    sc_mc_opts_init(&o);
    sc_mc *mc = NULL;
    sc_diag d;
    o.draws = 0;
    assert_int_equal(sc_mc_new(s, &o, &mc, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "draws must be between 1 and 1e9"));
    o.draws = 10;
    o.sensitivity_draws = 11;
    assert_int_equal(sc_mc_new(s, &o, &mc, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "cannot exceed the draws"));
    o.sensitivity_draws = 0;
    o.war_runs = 0;
    assert_int_equal(sc_mc_new(s, &o, &mc, &d), SC_EINVAL);
    assert_null(mc);
    /* the default design: ceil(N/20) base rows, at most 250 (docs/uncertainty.md), an explicit
     * M kept (also above the cap) */
    static const size_t draws[] = {1, 20, 21, 40, 41, 4999, 5000, 5001, 10000, 1000000},
                        rows[] = {1, 1, 2, 2, 3, 250, 250, 250, 250, 250};
    sc_mc_opts_init(&o);
    o.bootstrap = 10;
    for (size_t i = 0; i < sizeof draws / sizeof *draws; i++) {
        o.draws = draws[i];
        assert_int_equal(sc_mc_new(s, &o, &mc, &d), SC_OK);
        assert_int_equal(mc->sensitivity_rows, rows[i]);
        sc_mc_free(mc);
        mc = NULL;
    }
    o.draws = 100;
    o.sensitivity_draws = 7;
    assert_int_equal(sc_mc_new(s, &o, &mc, &d), SC_OK);
    assert_int_equal(mc->sensitivity_rows, 7);
    sc_mc_free(mc);
    mc = NULL;
    o.draws = 10000;
    o.sensitivity_draws = 500;
    assert_int_equal(sc_mc_new(s, &o, &mc, &d), SC_OK);
    assert_int_equal(mc->sensitivity_rows, 500);
    sc_mc_free(mc);
    mc = NULL;
    /* where the base rows sit: with 2M <= N, row A of base row j is the even draw
     * 2 floor(j floor(N/2) / M) and row B the draw after it (in the same block), every base row
     * once, spread over the draws; with 2M > N, row A of base row j is draw j */
    static const size_t pn[] = {1, 2, 3, 20, 21, 40, 99, 100, 100, 100, 101, 1000, 10000, 777},
                        pm[] = {1, 1, 1, 1, 2, 2, 49, 50, 51, 100, 50, 50, 500, 333};
    for (size_t c = 0; c < sizeof pn / sizeof *pn; c++) {
        o.draws = pn[c];
        o.sensitivity_draws = pm[c];
        assert_int_equal(sc_mc_new(s, &o, &mc, &d), SC_OK);
        int pairs = 2 * pm[c] <= pn[c];
        assert_int_equal(mc->draw_pairs, pairs);
        uint64_t next = 0, j = 0, h = pn[c] / 2;
        for (uint64_t x = 0; x < pn[c]; x++) {
            if (!sc__mc_base_row(mc, x, &j)) {
                continue;
            }
            assert_int_equal(j, next); /* in order, none skipped or repeated */
            next++;
            if (pairs) {
                assert_int_equal(x, 2 * (j * h / pm[c]));
                assert_true(x + 1 < pn[c]);
                assert_int_equal(x / SC__MC_BLOCK_ROWS, (x + 1) / SC__MC_BLOCK_ROWS);
                assert_false(sc__mc_base_row(mc, x + 1, &j));
            } else {
                assert_int_equal(x, j);
            }
        }
        assert_int_equal(next, pm[c]);
        sc_mc_free(mc);
        mc = NULL;
    }
    /* the default design at N = 5,000: base row j at draw 20j, so every block of 50 draws
     * holds two or three of them; at N = 10,000 (250 rows, the cap) at draw 40j, one or two a
     * block */
    static const uint64_t sizes[] = {5000, 10000}, every[] = {20, 40};
    for (size_t c = 0; c < 2; c++) {
        o.draws = sizes[c];
        o.sensitivity_draws = SIZE_MAX;
        assert_int_equal(sc_mc_new(s, &o, &mc, &d), SC_OK);
        uint64_t j = 0;
        for (uint64_t x = 0; x < sizes[c]; x++) {
            assert_int_equal(sc__mc_base_row(mc, x, &j), x % every[c] == 0);
            if (x % every[c] == 0) {
                assert_int_equal(j, x / every[c]);
            }
        }
        sc_mc_free(mc);
        mc = NULL;
    }
    sc_scenario_free(s);
}

/* Each model reads only what sc__mc_model_reads declares: moving an input it does not read
 * leaves its content bit-identical, in every state of the built-in scenario. */
static void test_dependencies_declared(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_builtin(&s, NULL), SC_OK);
    size_t k = sc_scenario_input_count(s);
    double *lo = malloc(k * sizeof *lo), *hi = malloc(k * sizeof *hi);
    for (size_t i = 0; i < k; i++) {
        lo[i] = hi[i] = 0.3;
    }
    const char *vars[] = {NULL, "retrench"};
    sc_run_opts ro;
    sc_run_opts_init(&ro);
    ro.runs = 8;
    ro.threads = 1;
    ro.monte_carlo = 1;
    sc_scenario *base = NULL;
    assert_int_equal(sc_scenario_draw(s, lo, &base, NULL), SC_OK);
    int checked = 0;
    for (size_t m = 0; m < sc__model_count(); m++) {
        const sc__model *mo = sc__model_at(m);
        if (!mo->per_state) {
            continue;
        }
        for (size_t v = 0; v < 2; v++) {
            sc_state st;
            sc_state_init(&st);
            st.variant = vars[v];
            json_t *ref = json_object();
            assert_int_equal(sc__section_run(mo->section, base, &st, &ro, ref, NULL), SC_OK);
            for (size_t i = 0; i < k; i++) {
                const sc_input *in = sc_scenario_input(s, i);
                int reads = 0;
                for (size_t j = 0; j < in->n_members; j++) {
                    reads |= sc__mc_model_reads(s, mo->name, in->members[j].path);
                }
                if (reads) {
                    continue;
                }
                hi[i] = 0.9;
                sc_scenario *moved = NULL;
                assert_int_equal(sc_scenario_draw(s, hi, &moved, NULL), SC_OK);
                json_t *c = json_object();
                assert_int_equal(sc__section_run(mo->section, moved, &st, &ro, c, NULL), SC_OK);
                if (!json_equal(ref, c)) {
                    fail_msg("model %s changes with input %s, which it is declared not to read",
                             mo->name, in->name);
                }
                checked++;
                json_decref(c);
                sc_scenario_free(moved);
                hi[i] = 0.3;
            }
            json_decref(ref);
        }
    }
    assert_true(checked > 50);
    /* and the declaration is not vacuous: the triangle does read the US-Russia amity */
    assert_true(sc__mc_model_reads(s, "triangle", "relation.USA.RUS.amity"));
    assert_false(sc__mc_model_reads(s, "triangle", "relation.USA.GBR.amity"));
    assert_true(sc__mc_model_reads(s, "war", "war.cost_scale"));
    assert_false(sc__mc_model_reads(s, "eum", "war.cost_scale"));
    assert_true(sc__mc_model_reads(s, "relations", "relation.USA.RUS.amity"));
    assert_false(sc__mc_model_reads(s, "relations", "stance.territory.UKR.position"));
    assert_false(sc__mc_model_reads(s, "relations", "actor.RUS.capability"));
    /* a guarantor's stance is read on the stakes (the war's issue) only */
    assert_true(sc__mc_model_reads(s, "negotiation", "stance.territory.DEU.position"));
    assert_false(sc__mc_model_reads(s, "negotiation", "stance.nato.DEU.position"));
    /* a belligerent's capability is its military effort only without spending (RUS and UKR
     * have milex here); its spending is read */
    assert_false(sc__mc_model_reads(s, "war", "actor.RUS.capability"));
    assert_false(sc__mc_model_reads(s, "negotiation", "actor.UKR.capability"));
    assert_true(sc__mc_model_reads(s, "war", "actor.RUS.milex"));
    assert_true(sc__mc_model_reads(s, "negotiation", "actor.RUS.milex"));
    sc_scenario_free(base);
    free(lo);
    free(hi);
    sc_scenario_free(s);
}

/*
 * A row A_B^(i) plays the EUM again only on the issues input i can move (sc__mc_eum_issues): a
 * stance input its own issue, a group of stances their issues, a capability all of them, a
 * relation none. On the built-in scenario, in the state after the events and under retrench, the
 * EUM content so assembled from row A's is the bytes of the whole section's on the moved draw,
 * for every input, and shares row A's other issue rows; a mask that leaves out the moved issue
 * gives another content (the test can fail).
 */
static void test_eum_per_issue(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_builtin(&s, NULL), SC_OK);
    size_t k = sc_scenario_input_count(s), ni = sc_scenario_issue_count(s);
    unsigned char *redo = malloc(ni), *none = calloc(ni, 1);
    long terr = sc_scenario_issue_index(s, "territory");
    assert_true(terr >= 0);
    size_t n_stance = 0, n_all = 0, n_none = 0, shared = 0, differs = 0;
    double *lo = malloc(k * sizeof *lo), *hi = malloc(k * sizeof *hi);
    for (size_t i = 0; i < k; i++) {
        lo[i] = hi[i] = 0.3;
    }
    sc_run_opts ro;
    sc_run_opts_init(&ro);
    ro.threads = 1;
    ro.monte_carlo = 1;
    const sc__model *eum = sc__model_find("eum");
    sc_scenario *base = NULL;
    assert_int_equal(sc_scenario_draw(s, lo, &base, NULL), SC_OK);
    const char *vars[] = {NULL, "retrench"};
    for (size_t v = 0; v < 2; v++) {
        sc_state st;
        sc_state_init(&st);
        st.variant = vars[v];
        json_t *prev = json_object();
        assert_int_equal(sc__section_run(eum->section, base, &st, &ro, prev, NULL), SC_OK);
        for (size_t i = 0; i < k; i++) {
            const sc_input *in = sc_scenario_input(s, i);
            sc__mc_eum_issues(s, in, redo);
            size_t marked = 0;
            for (size_t j = 0; j < ni; j++) {
                marked += redo[j];
            }
            if (v == 0) {
                n_stance += marked > 0 && marked < ni;
                n_all += marked == ni;
                n_none += marked == 0;
            }
            if (strcmp(in->name, "stance.territory.UKR.position") == 0) {
                assert_int_equal(marked, 1);
                assert_int_equal(redo[terr], 1);
            }
            if (strcmp(in->name, "us-posture") == 0 ||
                strcmp(in->name, "actor.USA.capability") == 0) {
                assert_int_equal(marked, ni);
            }
            if (strcmp(in->name, "relation.USA.RUS.amity") == 0) {
                assert_int_equal(marked, 0);
            }
            hi[i] = 0.9;
            sc_scenario *moved = NULL, *at = NULL;
            assert_int_equal(sc_scenario_draw(s, hi, &moved, NULL), SC_OK);
            assert_int_equal(sc_scenario_at(moved, &st, &at, NULL), SC_OK);
            sc__section_in sin = {moved, &st, at, &ro, 0};
            json_t *full = json_object(), *part = json_object();
            assert_int_equal(eum->section(&sin, full, NULL), SC_OK);
            assert_int_equal(sc__eum_section_issues(&sin, prev, redo, part, NULL), SC_OK);
            char *a = json_dumps(full, JSON_REAL_PRECISION(17)),
                 *b = json_dumps(part, JSON_REAL_PRECISION(17));
            if (strcmp(a, b) != 0) {
                fail_msg("EUM per issue differs from the whole section for input %s", in->name);
            }
            json_t *rp = json_object_get(prev, "issues"), *rq = json_object_get(part, "issues");
            for (size_t j = 0; j < ni; j++) {
                shared += !redo[j] && json_array_get(rp, j) == json_array_get(rq, j);
            }
            if (marked > 0 && marked < ni) {
                /* without the moved issue, the stale row shows */
                json_t *stale = json_object();
                assert_int_equal(sc__eum_section_issues(&sin, prev, none, stale, NULL), SC_OK);
                char *c = json_dumps(stale, JSON_REAL_PRECISION(17));
                differs += strcmp(a, c) != 0;
                free(c);
                json_decref(stale);
            }
            free(a);
            free(b);
            json_decref(full);
            json_decref(part);
            sc_scenario_free(at);
            sc_scenario_free(moved);
            hi[i] = 0.3;
        }
        json_decref(prev);
    }
    /* the built-in scenario: twelve inputs of one issue's stances, the capabilities, us-posture
     * and the eum: settings on all issues, the relations and the war on none */
    assert_true(n_stance >= 12);
    assert_true(n_all >= 11);
    assert_true(n_none >= 20);
    assert_true(shared > 0);
    assert_true(differs >= 12); /* every stance input in the state after the events at least */
    /* outside a draw, the whole section */
    sc_run_opts full_opts = ro;
    full_opts.monte_carlo = 0;
    sc_state st;
    sc_state_init(&st);
    sc_scenario *at = NULL;
    assert_int_equal(sc_scenario_at(base, &st, &at, NULL), SC_OK);
    sc__section_in sin = {base, &st, at, &full_opts, 0};
    json_t *prev = json_object(), *full = json_object(), *part = json_object();
    assert_int_equal(sc__section_run(eum->section, base, &st, &ro, prev, NULL), SC_OK);
    assert_int_equal(eum->section(&sin, full, NULL), SC_OK);
    assert_int_equal(sc__eum_section_issues(&sin, prev, none, part, NULL), SC_OK);
    assert_true(json_equal(full, part));
    assert_non_null(json_object_get(part, "perspective"));
    json_decref(prev);
    json_decref(full);
    json_decref(part);
    sc_scenario_free(at);
    sc_scenario_free(base);
    free(lo);
    free(hi);
    free(redo);
    free(none);
    sc_scenario_free(s);
}

/* Two issues, each moved by its own stance input: a row A_B^(i) must play again the issue of its
 * own input (not another input's), or the other issue's forecast looks untouched by its input. */
static const char two_issues[] =
    "statecraft: 1\n"
    "metadata: {title: Two issues, date: 2025-01-01}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: 1}\n"
    "  - {id: B, name: Beta, capability: 1}\n"
    "  - {id: C, name: Gamma, capability: 1}\n"
    "issues:\n"
    "  - {id: x, title: X, scale: [0, 100], low: a, high: b}\n"
    "  - {id: y, title: Y, scale: [0, 100], low: a, high: b}\n"
    "stances:\n"
    "  x:\n"
    "    A: {position: {value: 50, sd: 10}, salience: 0.5}\n"
    "    B: {position: 20, salience: 0.5}\n"
    "    C: {position: 80, salience: 0.5}\n"
    "  y:\n"
    "    A: {position: 20, salience: 0.5}\n"
    "    B: {position: {value: 50, sd: 10}, salience: 0.5}\n"
    "    C: {position: 80, salience: 0.5}\n";

static void test_eum_issues_in_run(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(two_issues);
    sc_mc *mc = run_mc(s, 400, 100, 2, 11);
    json_t *sec = section(mc);
    const json_t *heads = json_object_get(json_object_get(sec, "monte_carlo"), "headlines");
    const char *want[2][2] = {{"x forecast", "stance.x.A.position"},
                              {"y forecast", "stance.y.B.position"}};
    int found = 0;
    size_t i;
    json_t *h;
    json_array_foreach(heads, i, h) {
        const char *ans = json_string_value(json_object_get(h, "answer"));
        const char *model = json_string_value(json_object_get(h, "model"));
        for (int q = 0; q < 2; q++) {
            if (strcmp(ans, want[q][0]) != 0 || (model && strcmp(model, "eum") != 0)) {
                continue;
            }
            const json_t *top = json_array_get(json_object_get(h, "sensitivity"), 0);
            assert_string_equal(json_string_value(json_object_get(top, "input")), want[q][1]);
            if (!(json_number_value(json_object_get(top, "total")) > 0.5)) {
                fail_msg("%s: total effect of %s %.3f", want[q][0], want[q][1],
                         json_number_value(json_object_get(top, "total")));
            }
            found++;
        }
    }
    assert_int_equal(found, 2);
    json_decref(sec);
    sc_mc_free(mc);
    sc_scenario_free(s);
}

/*
 * A draw computes only the war's lever rows that its claims and headlines read: the levers a
 * predicate names literally, with none; all six for any other way to the war's content. The
 * built-in retrench state (read by the cost-benefit claim only) runs none and both, the headline
 * state all six; and the rows kept are bit-identical to those of the whole comparison.
 */
static void test_war_lever_rows(void **state)
{
    (void)state;
    static const struct {
        const char *holds;
        int compare;
        unsigned mask;
    } cases[] = {
        {".models.war.levers.both.p_ceasefire_52 > .models.war.levers.none.p_ceasefire_52", 0, 9},
        {".models.war.levers.sanctions.mean_battles < 10", 0, 3},
        {".models.war.levers.guarantee.p_ceasefire_52 > 0.1 and .models.war.levers.aid_cut.p_ceasefire_52 < 0.9", 0, 1 | 4 | 32},
        {".models.war.levers.inducement as $x | $x.p_ceasefire_52 > 0", 0, 17},
        {".models.war.levers.both.p_ceasefire_52 > 0", 1, 0},
        {".models.war.levers | length == 6", 0, 0},
        {".models.war.levers[\"both\"].p_ceasefire_52 > 0", 0, 0},
        {".models.war.levers.both.p_ceasefire_52 > 0 and (.models.war | .levers.none.p_ceasefire_52 > 0)", 0, 0},
        {".models.war.levers.bogus.p_ceasefire_52 > 0", 0, 0},
        {".models.war.levers.both.p_ceasefire_52 > 0 and ([..] | length > 0)", 0, 0},
        {".models.war.levers.both.p_ceasefire_52 > 0 and (.models.war.levers | keys | length == 6)", 0, 0},
        {".models[\"war\"].levers.both.p_ceasefire_52 > 0", 0, 0},
        {".models.war.levers.both.p_ceasefire_52 > 0 and (.models[\"war\"] | length > 1)", 0, 0},
        {".models.war.levers.both.p_ceasefire_52 > ([tostream | .[1]? | numbers] | min)", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sc_claim cl;
        memset(&cl, 0, sizeof cl);
        cl.holds = cases[i].holds;
        cl.compare = cases[i].compare;
        unsigned m = sc__mc_claim_war_levers(&cl);
        if (m != cases[i].mask) {
            fail_msg("%s: levers %#x, expected %#x", cases[i].holds, m, cases[i].mask);
        }
    }
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_builtin(&s, NULL), SC_OK);
    sc_mc_opts o;
    sc_mc_opts_init(&o);
    o.draws = 1;
    o.sensitivity_draws = 0;
    o.war_runs = 8;
    o.threads = 1;
    sc_mc *mc = NULL;
    assert_int_equal(sc_mc_new(s, &o, &mc, NULL), SC_OK);
    int seen = 0;
    for (size_t x = 0; x < mc->n_states; x++) {
        if (strcmp(mc->states[x].name, "retrench") == 0) {
            assert_int_equal(mc->states[x].war_levers, 1u | 1u << SC_WAR_LEVER_BOTH);
            seen++;
        }
        if (x == mc->headline_state) {
            assert_int_equal(mc->states[x].war_levers, 0);
            seen++;
        }
    }
    assert_int_equal(seen, 2);
    /* the rows kept equal the whole comparison's */
    sc_run_opts ro;
    sc_run_opts_init(&ro);
    ro.runs = 8;
    ro.threads = 1;
    ro.monte_carlo = 1;
    sc_state st;
    sc_state_init(&st);
    st.variant = "retrench";
    sc_scenario *at = NULL;
    assert_int_equal(sc_scenario_at(s, &st, &at, NULL), SC_OK);
    json_t *all = json_object(), *some = json_object();
    sc__section_in in = {s, &st, at, &ro, 0};
    assert_int_equal(sc__war_section(&in, all, NULL), SC_OK);
    in.war_levers = 1u << SC_WAR_LEVER_BOTH;
    assert_int_equal(sc__war_section(&in, some, NULL), SC_OK);
    const json_t *la = json_object_get(all, "levers"), *ls = json_object_get(some, "levers");
    assert_int_equal(json_object_size(la), SC_WAR_LEVER_COUNT);
    assert_int_equal(json_object_size(ls), 2);
    assert_true(json_equal(json_object_get(la, "none"), json_object_get(ls, "none")));
    assert_true(json_equal(json_object_get(la, "both"), json_object_get(ls, "both")));
    assert_true(json_equal(json_object_get(all, "no_ceasefire_within"),
                           json_object_get(some, "no_ceasefire_within")));
    json_decref(all);
    json_decref(some);
    sc_scenario_free(at);
    sc_mc_free(mc);
    sc_scenario_free(s);
}

/* A draw's negotiation skips the check of the exported tree (docs/uncertainty.md, "What a draw
 * leaves out"): in every state of the built-in scenario its section is the plain report's, the
 * same bits, less each equilibrium's max_regret and tree size, which the plain report keeps
 * (the check at the point values: a regret of at most 1e-12 of the payoff range). */
static void test_negotiation_draw(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_builtin(&s, NULL), SC_OK);
    static const char *variants[] = {NULL, "retrench"};
    for (size_t v = 0; v < 2; v++) {
        for (int before = 0; before < 2; before++) {
            sc_state st;
            sc_state_init(&st);
            st.variant = variants[v];
            st.events = before ? SC_EVENTS_BEFORE : SC_EVENTS_AFTER;
            sc_scenario *at = NULL;
            assert_int_equal(sc_scenario_at(s, &st, &at, NULL), SC_OK);
            sc_run_opts ro;
            sc_run_opts_init(&ro);
            ro.threads = 1;
            json_t *plain = json_object(), *draw = json_object();
            sc__section_in in = {s, &st, at, &ro, 0};
            assert_int_equal(sc__negotiation_section(&in, plain, NULL), SC_OK);
            ro.monte_carlo = 1;
            assert_int_equal(sc__negotiation_section(&in, draw, NULL), SC_OK);
            static const char *eq[] = {"spe", "sequential"};
            for (size_t e = 0; e < 2; e++) {
                json_t *p = json_object_get(plain, eq[e]), *d = json_object_get(draw, eq[e]);
                assert_non_null(p);
                assert_non_null(d);
                const json_t *r = json_object_get(p, "max_regret");
                assert_true(json_is_number(r) && json_number_value(r) <= 1e-12);
                assert_true(json_integer_value(json_object_get(json_object_get(p, "tree"),
                                                               "nodes")) > 10);
                assert_null(json_object_get(d, "max_regret"));
                assert_null(json_object_get(d, "tree"));
                assert_int_equal(json_object_del(p, "max_regret"), 0);
                assert_int_equal(json_object_del(p, "tree"), 0);
            }
            assert_true(json_object_size(draw) > 10);
            assert_true(json_equal(plain, draw));
            json_decref(plain);
            json_decref(draw);
            sc_scenario_free(at);
        }
    }
    sc_scenario_free(s);
}

/* A section number with an sd (the war's cost_a: 0.02, sd 0.005, domain [0, 1)) is drawn as a
 * point: the section checks value +- 3 sd for the declared value only, never around a draw near
 * the domain's edge (draw 1 of this seed put cost_a at 0.0012, and the run stopped there). */
static void test_section_draws_are_points(void **state)
{
    (void)state;
    size_t len = 0;
    char *text = sc_test_slurp(sc_test_source("tests/data/good/full.yaml"), &len);
    assert_non_null(text);
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_parse(text, len, NULL, &s, &d), SC_OK);
    free(text);
    long i = sc_scenario_input_index(s, "war.cost_a");
    assert_true(i >= 0);
    sc_mc *mc = run_mc(s, 100, 10, 1, 20250212);
    json_t *sec = section(mc);
    const json_t *m = json_object_get(sec, "monte_carlo");
    assert_int_equal(json_integer_value(json_object_get(m, "draws")), 100);
    json_decref(sec);
    sc_mc_free(mc);
    sc_scenario_free(s);
}

/*
 * An option of a choice that a model refuses when it computes is an error before the first draw,
 * located at the option in the file (FILE:LINE:COL and the line with a caret). The scenario is
 * loaded without `validate`'s check of the sections read only when a model runs (the war's), so
 * the plan's own trial of every option (check_choices) is what finds it.
 */
static void test_choice_option_located(void **state)
{
    (void)state;
    const char *path = sc_test_source("tests/data/bad-sections/war_rule_choice_option.yaml");
    size_t len = 0;
    char *text = sc_test_slurp(path, &len);
    assert_non_null(text);
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    sc_parse_opts po;
    sc_parse_opts_init(&po);
    po.filename = "war_rule_choice_option.yaml";
    assert_int_equal(sc_scenario_parse(text, len, &po, &s, &d), SC_OK);
    free(text);
    sc_mc_opts o;
    sc_mc_opts_init(&o);
    o.draws = 10;
    o.bootstrap = 10;
    sc_mc *mc = NULL;
    assert_int_equal(sc_mc_new(s, &o, &mc, &d), SC_EINVAL);
    assert_null(mc);
    assert_string_equal(d.message, "war.rule: option 'nahs' of the choice: 'rule' must be "
                                   "midpoint, nash or mediator");
    assert_string_equal(d.file, "war_rule_choice_option.yaml");
    assert_int_equal(d.line, 24);
    assert_int_equal(d.column, 29);
    assert_non_null(strstr(d.source_line, "rule: {choice: [midpoint, nahs]}"));
    assert_int_equal(d.caret_width, 4);
    char shown[1024] = "";
    FILE *f = tmpfile();
    assert_non_null(f);
    sc_diag_print(&d, f);
    rewind(f);
    shown[fread(shown, 1, sizeof shown - 1, f)] = '\0';
    fclose(f);
    assert_non_null(strstr(shown, "war_rule_choice_option.yaml:24:29: error: war.rule: option"));
    assert_non_null(strstr(shown, "^~~~"));
    sc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_probabilities),
        cmocka_unit_test(test_draw_states),
        cmocka_unit_test(test_se_criterion),
        cmocka_unit_test(test_verdict_thresholds),
        cmocka_unit_test(test_linear_sensitivity),
        cmocka_unit_test(test_same_bytes_any_split),
        cmocka_unit_test(test_model_noise_rate),
        cmocka_unit_test(test_model_noise_verdict),
        cmocka_unit_test(test_model_noise_falls_with_runs),
        cmocka_unit_test(test_model_noise_plan),
        cmocka_unit_test(test_simulating_models_declared),
        cmocka_unit_test(test_model_noise_serialised),
        cmocka_unit_test(test_model_noise_reported),
        cmocka_unit_test(test_paired_rows_are_draws),
        cmocka_unit_test(test_checkpoint),
        cmocka_unit_test(test_bad_predicates),
        cmocka_unit_test(test_choice_option_located),
        cmocka_unit_test(test_dependencies_declared),
        cmocka_unit_test(test_eum_per_issue),
        cmocka_unit_test(test_eum_issues_in_run),
        cmocka_unit_test(test_section_draws_are_points),
        cmocka_unit_test(test_war_lever_rows),
        cmocka_unit_test(test_war_terms_headline),
        cmocka_unit_test(test_negotiation_draw),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
