/* SPDX-License-Identifier: MIT */
/*
 * Relations derived from the scenario's `data:` sets: `amity: {data: ID}` on one pair and a
 * relations entry `{data: ID}` for every pair the set covers. Amities computed by hand from the
 * published formulas; the hand-judged relations win; the default maps equal the events module's;
 * located errors.
 */
#include <math.h>

#include "sc_scenario_test.h"

#include "statecraft/events.h"

static const char *const base = "statecraft: 1\n"
                                "metadata: {title: Relations from data, date: 2025-02-11}\n"
                                "sources:\n"
                                "  - {id: bsv, citation: \"BSV ideal points, Jun2024\"}\n"
                                "actors:\n"
                                "  - {id: USA, name: United States, capability: 0.14}\n"
                                "  - {id: RUS, name: Russia, capability: 0.04}\n"
                                "  - {id: CHN, name: China, capability: 0.22}\n"
                                "  - {id: FRA, name: France, capability: 0.03}\n"
                                "relations:\n"
                                "%s"
                                "data:\n"
                                "  unga-2023:\n"
                                "    kind: unga-ideal-points\n"
                                "    session: 78\n"
                                "    source: bsv\n"
                                "    ideal_points: {USA: 2.5, RUS: -0.5, CHN: {value: -0.8, "
                                "source: bsv}, FRA: 1.1}\n"
                                "%s"
                                "  tone:\n"
                                "    kind: event-scores\n"
                                "    date: 2025-02-24\n"
                                "    source: \"GDELT, 12-24 Feb 2025\"\n"
                                "    amity_map: {intercept: 0.1, slope: 4}\n"
                                "    scores:\n"
                                "      - {pair: [USA, RUS], score: 0.05}\n"
                                "      - {pair: [CHN, USA], score: -0.4}\n";

static sc_scenario *load(const char *relations, const char *map)
{
    char text[4096];
    snprintf(text, sizeof text, base, relations, map);
    return sc_test_scenario(text);
}

/* 2 / (1 + exp(-(alpha + beta d))) - 1, written out */
static double unga(double alpha, double beta, double d)
{
    return 2.0 / (1.0 + exp(-(alpha + beta * d))) - 1.0;
}

static double amity(const sc_scenario *s, const char *a, const char *b)
{
    const sc_relation *r =
        sc_scenario_relation(s, (size_t)sc_scenario_actor_index(s, a), (size_t)sc_scenario_actor_index(s, b));
    assert_non_null(r);
    assert_true(r->present);
    return r->amity.value;
}

static void test_one_pair_and_the_rest(void **state)
{
    (void)state;
    sc_scenario *s = load("  - {pair: [USA, RUS], amity: -0.6, rationale: by hand}\n"
                          "  - {pair: [FRA, USA], amity: {data: unga-2023}}\n"
                          "  - {pair: [CHN, USA], amity: {data: tone}}\n"
                          "  - {data: unga-2023, rationale: \"UN voting, 2023\"}\n",
                          "");
    sc_unga_map m;
    sc_unga_map_init(&m);
    /* one pair: d = |1.1 - 2.5| = 1.4 */
    SC_ASSERT_NEAR(amity(s, "USA", "FRA"), unga(m.alpha, m.beta, 1.4), 1e-12);
    /* event scores with the set's own map: 0.1 + 4 (-0.4) = -1.5, clamped to -1 */
    SC_ASSERT_NEAR(amity(s, "USA", "CHN"), -1.0, 0);
    /* the hand-judged pair keeps its amity though the data set covers it */
    SC_ASSERT_NEAR(amity(s, "USA", "RUS"), -0.6, 0);
    /* the rest from the set: RUS-CHN d = 0.3, RUS-FRA 1.6, CHN-FRA 1.9 (a quantity mapping) */
    SC_ASSERT_NEAR(amity(s, "RUS", "CHN"), unga(m.alpha, m.beta, 0.3), 1e-12);
    SC_ASSERT_NEAR(amity(s, "FRA", "RUS"), unga(m.alpha, m.beta, 1.6), 1e-12);
    SC_ASSERT_NEAR(amity(s, "CHN", "FRA"), unga(m.alpha, m.beta, 1.9), 1e-12);
    const sc_relation *r = sc_scenario_relation(s, 1, 2);
    assert_string_equal(r->amity.source, "bsv");
    assert_string_equal(r->rationale, "UN voting, 2023");
    assert_int_equal(r->amity.dist.kind, SC_DIST_NONE);
    sc_scenario_free(s);

    /* the set's own agreement map */
    s = load("  - {data: unga-2023}\n", "    agreement_map: {alpha: 2, beta: -1}\n");
    SC_ASSERT_NEAR(amity(s, "USA", "RUS"), unga(2, -1, 3.0), 1e-12);
    SC_ASSERT_NEAR(amity(s, "RUS", "CHN"), unga(2, -1, 0.3), 1e-12);
    sc_scenario_free(s);

    /* event scores fill only the pairs they score */
    s = load("  - {data: tone}\n", "");
    SC_ASSERT_NEAR(amity(s, "USA", "RUS"), 0.1 + 4 * 0.05, 1e-12);
    assert_false(sc_scenario_relation(s, 1, 2)->present);
    sc_scenario_free(s);
}

/* The scenario module repeats the events module's default maps: they must agree. */
static void test_default_maps_are_the_events_modules(void **state)
{
    (void)state;
    sc_scenario *s = load("  - {data: unga-2023}\n", "");
    sc_unga_map m;
    sc_unga_map_init(&m);
    SC_ASSERT_NEAR(amity(s, "USA", "RUS"), sc_unga_amity(&m, 3.0), 0);
    SC_ASSERT_NEAR(amity(s, "CHN", "FRA"), sc_unga_amity(&m, 1.9), 0);
    sc_scenario_free(s);
    const char *ev = "statecraft: 1\n"
                     "metadata: {title: Scores}\n"
                     "actors:\n"
                     "  - {id: USA, name: United States, capability: 0.14}\n"
                     "  - {id: RUS, name: Russia, capability: 0.04}\n"
                     "relations:\n"
                     "  - {data: tone}\n"
                     "data:\n"
                     "  tone:\n"
                     "    kind: event-scores\n"
                     "    date: 2025-02-24\n"
                     "    source: GDELT\n"
                     "    scores: [{pair: [RUS, USA], score: 0.1}]\n";
    s = sc_test_scenario(ev);
    sc_amity_map em;
    sc_amity_map_init(&em);
    SC_ASSERT_NEAR(amity(s, "USA", "RUS"), sc_amity_map_apply(&em, 0.1), 0);
    sc_scenario_free(s);
}

static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *relations;
        const char *expect;
        int line;
    } cases[] = {
        {"  - {pair: [USA, FRA], amity: {data: unga-2024}}\n",
         "unknown data set 'unga-2024' (did you mean 'unga-2023'?)", 11},
        {"  - {data: tones}\n", "unknown data set 'tones' (did you mean 'tone'?)", 11},
        {"  - {pair: [USA, FRA], amity: {data: tone}}\n", "data set 'tone' has nothing on USA-FRA",
         11},
        {"  - {pair: [USA, FRA], data: unga-2023}\n",
         "a relation with a pair takes its data as 'amity: {data: ID}'", 11},
        {"  - {pair: [USA, FRA], amity: {data: tone, sd: 0.1}}\n", "unknown key 'sd'", 11},
        {"  - {pair: [USA, RUS], amity: 0}\n  - {pair: [CHN, USA], amity: 0}\n  - {data: tone}\n",
         "data set 'tone' gives no pair without a relation of its own", 13},
        {"  - {data: [unga-2023]}\n", "'data' must name a data set", 11},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char text[4096];
        snprintf(text, sizeof text, base, cases[k].relations, "");
        sc_scenario *s = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_not_equal(sc_scenario_parse(text, strlen(text), NULL, &s, &d), SC_OK);
        if (!strstr(d.message, cases[k].expect) || d.line != cases[k].line || d.column <= 0) {
            fail_msg("case %zu: %d:%d '%s', expected line %d '%s'", k, d.line, d.column,
                     d.message, cases[k].line, cases[k].expect);
        }
        assert_null(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_pair_and_the_rest),
        cmocka_unit_test(test_default_maps_are_the_events_modules),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
