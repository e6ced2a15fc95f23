/* SPDX-License-Identifier: MIT */
/*
 * The paired sensitivity design counts the plain draws (docs/uncertainty.md): with 2M <= N, base
 * row j's rows A and B are draws 2 floor(j floor(N/2) / M) and the next, and row B is that next
 * draw as a run without sensitivity draws it (its own uniforms, its own model stream). So every
 * number of the section but the sensitivity indices is the same, to the bit, with and without
 * the sensitivity rows: the same seed, the same N, M = N / 4 against M = 0. A row B drawn from
 * the base row's uniforms (mutant mc-pair-b-stream) changes the draws counted and so the
 * quantiles and probabilities. (A row B run on row A's model stream, mc-pair-b-noise, passes
 * both cases: no headline of these scenarios reads a model's own random numbers.)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sc_test.h"

#include "core/diag_internal.h"
#include "montecarlo/mc_internal.h"
#include "report/sections.h"
#include "sc_mc_test.h"
#include "sc_scenario_test.h"

/* Three normal inputs, one of them a relation: every draw moves the headline. */
static const char scenario[] =
    "statecraft: 1\n"
    "metadata: {title: Pairs}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: {value: 1, sd: 0.2}}\n"
    "  - {id: B, name: Beta, capability: 1}\n"
    "  - {id: C, name: Gamma, capability: 1}\n"
    "issues:\n"
    "  - {id: x, title: X, scale: [-1000, 1000], low: a, high: b}\n"
    "stances:\n"
    "  x:\n"
    "    A: {position: {value: 0, sd: 10}, salience: 0.5}\n"
    "    B: {position: {value: 0, sd: 5}, salience: 0.5}\n"
    "    C: {position: 30, salience: 0.5}\n"
    "relations:\n"
    "  - {pair: [A, B], amity: {value: 0.2, sd: 0.1}}\n";

static sc_mc *run_mc(const sc_scenario *s, size_t draws, size_t sens, size_t war_runs)
{
    sc_mc_opts o;
    sc_mc_opts_init(&o);
    o.draws = draws;
    o.sensitivity_draws = sens;
    o.threads = 2;
    o.seed = 11;
    o.bootstrap = 20;
    if (war_runs) {
        o.war_runs = war_runs;
    }
    sc_mc *mc = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_mc_new(s, &o, &mc, &d) != SC_OK || sc_mc_run(mc, NULL, 0, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("the Monte Carlo failed");
    }
    return mc;
}

/* The claims section's JSON (its monte_carlo object) without what only the sensitivity rows
 * make: every key whose name starts with "sensitivity" (the indices, their note, their row
 * count and what they are of). */
static void strip_sensitivity(json_t *v)
{
    if (json_is_object(v)) {
        const char *key;
        json_t *val;
        void *tmp;
        json_object_foreach_safe(v, tmp, key, val)
        {
            if (strncmp(key, "sensitivity", 11) == 0) {
                json_object_del(v, key);
            } else {
                strip_sensitivity(val);
            }
        }
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) {
            strip_sensitivity(json_array_get(v, i));
        }
    }
}

static json_t *section(const sc_mc *mc)
{
    json_t *out = sc_test_mc_claims_section(mc);
    strip_sensitivity(out);
    return out;
}

/* The section of N draws with M base rows equals, but for the sensitivity, the section of the
 * same N draws without them. */
static void check_pairs(const sc_scenario *s, size_t n, size_t m, size_t war_runs)
{
    sc_mc *paired = run_mc(s, n, m, war_runs);
    sc_mc *plain = run_mc(s, n, 0, war_runs);
    assert_int_equal(paired->draw_pairs, 1);
    assert_int_equal(paired->sensitivity_rows, m);
    json_t *a = section(paired), *b = section(plain);
    const json_t *heads = json_object_get(json_object_get(a, "monte_carlo"), "headlines");
    assert_true(json_array_size(heads) > 0); /* there is something to compare */
    if (!json_equal(a, b)) {
        char *ta = json_dumps(a, JSON_SORT_KEYS | JSON_INDENT(1));
        char *tb = json_dumps(b, JSON_SORT_KEYS | JSON_INDENT(1));
        print_message("with the sensitivity rows:\n%s\nwithout:\n%s\n", ta, tb);
        free(ta);
        free(tb);
        fail_msg("the paired design's draws are not the plain draws");
    }
    json_decref(a);
    json_decref(b);
    sc_mc_free(paired);
    sc_mc_free(plain);
}

/* Inputs only (no model draws random numbers of its own): N = 400 draws (8 blocks of 50),
 * M = 100 base rows, base row j at draw 4j, so half of the odd draws are rows B. */
static void test_pairs_count_the_plain_draws(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(scenario);
    check_pairs(s, 400, 100, 0);
    sc_scenario_free(s);
}

/* The same on a scenario with every kind of input, an event, claims and a war
 * (tests/data/good/full.yaml): N = 40, M = 10, 8 war runs per lever. */
static void test_pairs_with_a_war(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_scenario_load(SC_SOURCE_DIR "/tests/data/good/full.yaml", &s, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("tests/data/good/full.yaml does not load");
    }
    check_pairs(s, 40, 10, 8);
    sc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs_count_the_plain_draws),
        cmocka_unit_test(test_pairs_with_a_war),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
