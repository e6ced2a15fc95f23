/* SPDX-License-Identifier: MIT */
/*
 * The scenario's alignment game: payoffs computed by hand from the documented formula on a small
 * scenario, the equilibria of the built-in US-Russia-China game before and after the events,
 * argument errors, and the run section's JSON.
 */
#include "sc_scenario_test.h"

#include <jansson.h>

#include "report/sections.h"
#include "statecraft/game.h"
#include "statecraft/scenario.h"

static const char *const small_doc =
    "statecraft: 1\nmetadata: {title: t}\n"
    "actors:\n"
    "  - {id: A, name: a, capability: 1}\n"
    "  - {id: B, name: b, capability: 1}\n"
    "  - {id: C, name: c, capability: 2}\n"
    "issues:\n  - {id: x, title: X}\n"
    "stances:\n  x:\n    A: {position: 1, salience: 1}\n    B: {position: 2, salience: 1}\n"
    "    C: {position: 3, salience: 1}\n"
    "relations:\n"
    "  - {pair: [A, B], amity: 0.5, trade: 10}\n"
    "  - {pair: [B, C], amity: -0.2}\n"
    "  - {pair: [C, A], amity: 0.1, trade: 20}\n";


/* Profile index: A's strategy fastest; strategy 0/1 = toward the first/second other, 2 neutral. */
static size_t profile(size_t a, size_t b, size_t c) { return a + 3 * b + 9 * c; }

static void test_payoffs_by_hand(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(small_doc);
    const char *ids[3] = {"A", "B", "C"};
    sc_game *g = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_alignment_game(s, ids, NULL, &g, &d), SC_OK);
    assert_int_equal(sc_game_players(g), 3);
    assert_int_equal(sc_game_profiles(g), 27);
    assert_string_equal(sc_game_strategy_label(g, 0, 0), "toward B");
    assert_string_equal(sc_game_strategy_label(g, 2, 1), "toward B");
    assert_string_equal(sc_game_strategy_label(g, 1, 2), "neutral");
    /* w = 1/4, 1/4, 1/2; trade shares AB 0.5, CA 1, BC 0 */
    size_t ab = profile(0, 0, 2); /* A and B align, C neutral */
    SC_ASSERT_NEAR(sc_game_payoff(g, ab, 0), 0.5 + 0.25 - 0.5 * 1.0, 1e-12);
    SC_ASSERT_NEAR(sc_game_payoff(g, ab, 1), 0.5 + 0.25 - 0.5 * 0.0, 1e-12);
    SC_ASSERT_NEAR(sc_game_payoff(g, ab, 2), -1.0 * 0.5 * (1 - (0.1 - 0.2) / 2) / 2, 1e-12);
    size_t lone = profile(1, 2, 2); /* A tilts toward C, nobody else moves */
    SC_ASSERT_NEAR(sc_game_payoff(g, lone, 0), -0.25 - 0.5 * 0.5, 1e-12);
    SC_ASSERT_NEAR(sc_game_payoff(g, lone, 1), 0, 1e-12);
    SC_ASSERT_NEAR(sc_game_payoff(g, lone, 2), 0, 1e-12);
    size_t ca = profile(1, 2, 0); /* C and A align; B faces their bloc */
    SC_ASSERT_NEAR(sc_game_payoff(g, ca, 2), 0.1 + 0.25 - 0.5 * 0.0, 1e-12);
    SC_ASSERT_NEAR(sc_game_payoff(g, ca, 0), 0.1 + 0.5 - 0.5 * 0.5, 1e-12);
    SC_ASSERT_NEAR(sc_game_payoff(g, ca, 1), -0.75 * (1 - (0.5 - 0.2) / 2) / 2, 1e-12);
    /* the exact payoffs are the 6-decimal values */
    char buf[64];
    sc_game_payoff_text(g, ab, 2, buf, sizeof buf);
    assert_string_equal(buf, "-21/80");
    /* weights change the game as documented */
    sc_alignment_params p;
    sc_alignment_params_init(&p);
    p.trade = 0;
    p.unrequited = 1;
    sc_game *h = NULL;
    assert_int_equal(sc_alignment_game(s, ids, &p, &h, &d), SC_OK);
    SC_ASSERT_NEAR(sc_game_payoff(h, lone, 0), -1, 1e-12);
    SC_ASSERT_NEAR(sc_game_payoff(h, ab, 0), 0.75, 1e-12);
    sc_game_free(h);
    sc_game_free(g);
    sc_scenario_free(s);
}

static void test_errors(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(small_doc);
    sc_game *g = NULL;
    sc_diag d;
    sc_diag_init(&d);
    const char *unknown[3] = {"A", "B", "Z"};
    assert_int_equal(sc_alignment_game(s, unknown, NULL, &g, &d), SC_ENOTFOUND);
    assert_non_null(strstr(d.message, "'Z'"));
    const char *twice[3] = {"A", "B", "A"};
    assert_int_equal(sc_alignment_game(s, twice, NULL, &g, &d), SC_EINVAL);
    sc_alignment_params p;
    sc_alignment_params_init(&p);
    p.threat = -1;
    const char *ids[3] = {"A", "B", "C"};
    assert_int_equal(sc_alignment_game(s, ids, &p, &g, &d), SC_EINVAL);
    assert_null(g);
    sc_scenario_free(s);
}

/* Which pure equilibria pair Russia with China, and is there one pairing Russia with the US? */
static void pure_equilibria_with(const sc_scenario *s, const sc_alignment_params *prm,
                                 int *rus_chn, int *rus_usa, size_t *count)
{
    const char *ids[3] = {"USA", "RUS", "CHN"};
    sc_game *g = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_alignment_game(s, ids, prm, &g, &d), SC_OK);
    sc_game_solution *sol = NULL;
    assert_int_equal(sc_game_solve(g, NULL, &sol, &d), SC_OK);
    assert_true(sc_game_solution_max_regret(g, sol) == 0);
    *rus_chn = *rus_usa = 0;
    *count = sc_game_solution_count(sol);
    for (size_t i = 0; i < *count; i++) {
        const double *p = sc_game_solution_profile(sol, i);
        /* USA: toward RUS, toward CHN, neutral; RUS: toward USA, toward CHN, neutral; CHN:
         * toward USA, toward RUS, neutral */
        *rus_chn |= p[3 + 1] == 1 && p[6 + 1] == 1;
        *rus_usa |= p[3 + 0] == 1; /* Russia tilts toward the US, returned or not */
    }
    sc_game_solution_free(sol);
    sc_game_free(g);
}

static void pure_equilibria(const sc_scenario *s, int *rus_chn, int *rus_usa, size_t *count)
{
    pure_equilibria_with(s, NULL, rus_chn, rus_usa, count);
}

static void test_builtin_triangle_game(void **state)
{
    (void)state;
    sc_scenario *s = NULL, *after = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_builtin(&s, &d), SC_OK);
    int rc_, ru_;
    size_t n;
    pure_equilibria(s, &rc_, &ru_, &n);
    assert_true(rc_);  /* Russia and China align in an equilibrium */
    assert_false(ru_); /* no equilibrium aligns Russia with the US */
    assert_int_equal(sc_scenario_after_events(s, NULL, &after, &d), SC_OK);
    pure_equilibria(after, &rc_, &ru_, &n);
    assert_true(rc_);
    assert_false(ru_);
    /* docs/scenarios: no US-Russia equilibrium for any weights with r > 0 or tau > 0 */
    static const double grid[] = {0, 0.01, 0.25, 1, 5};
    for (size_t a = 0; a < 5; a++) {
        for (size_t b = 0; b < 5; b++) {
            for (size_t c = 0; c < 5; c++) {
                sc_alignment_params prm = {grid[a], grid[b], grid[c]};
                if (prm.unrequited == 0 && prm.trade == 0) {
                    continue;
                }
                pure_equilibria_with(after, &prm, &rc_, &ru_, &n);
                assert_false(ru_);
            }
        }
    }
    sc_scenario_free(after);
    sc_scenario_free(s);
}

/* Finds the equilibrium of `method` whose profile has each player's most likely strategy as
 * given ("neutral", "toward CHN", ...); returns 1 if present. */
static int has_equilibrium(const json_t *content, const char *method, const char *usa,
                           const char *rus, const char *chn)
{
    size_t k;
    json_t *e;
    json_array_foreach(json_object_get(content, "equilibria"), k, e) {
        if (strcmp(json_string_value(json_object_get(e, "method")), method) != 0) {
            continue;
        }
        const json_t *prof = json_object_get(e, "profile");
        const char *want[3] = {usa, rus, chn}, *who[3] = {"USA", "RUS", "CHN"};
        int ok = 1;
        for (int p = 0; p < 3; p++) {
            const json_t *v = json_object_get(json_object_get(prof, who[p]), want[p]);
            ok &= json_number_value(v) > 0.99;
        }
        if (ok) {
            return 1;
        }
    }
    return 0;
}

/* The section fills one state's content: before the events and after them, enumpure finds the
 * Russia-China equilibrium and no US-Russia one, logit selects the Russia-China one; a bad key in
 * the section is a located error. */
static void test_section(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_builtin(&s, &d), SC_OK);
    sc_state st;
    sc_state_init(&st);
    for (int e = 0; e < 2; e++) {
        st.events = e ? SC_EVENTS_AFTER : SC_EVENTS_BEFORE;
        json_t *j = json_object();
        assert_int_equal(sc__section_run(sc__game_section, s, &st, NULL, j, &d), SC_OK);
        assert_true(json_integer_value(json_object_get(j, "pure_equilibria")) >= 1);
        assert_true(has_equilibrium(j, "enumpure", "neutral", "toward CHN", "toward RUS"));
        assert_false(has_equilibrium(j, "enumpure", "neutral", "toward USA", "neutral"));
        assert_true(has_equilibrium(j, "logit", "neutral", "toward CHN", "toward RUS"));
        assert_int_equal(json_array_size(json_object_get(j, "methods")), 3);
        /* the answers compared across states: the set of pure equilibria, logit's selection */
        json_t *ans = json_object();
        sc__game_answers(j, ans);
        assert_string_equal(json_string_value(json_object_get(json_object_get(ans, "logit selection"),
                                                              "value")),
                            "USA neutral, RUS toward CHN, CHN toward RUS");
        assert_int_equal(json_array_size(json_object_get(json_object_get(ans, "pure equilibria"),
                                                         "value")),
                         (size_t)json_integer_value(json_object_get(j, "pure_equilibria")));
        json_decref(ans);
        json_decref(j);
    }
    sc_scenario_free(s);
    /* a section with a bad key is a located error */
    const char *bad = "statecraft: 1\nmetadata: {title: t}\n"
                      "actors:\n  - {id: A, name: a, capability: 1}\n"
                      "  - {id: B, name: b, capability: 1}\n"
                      "issues:\n  - {id: x, title: X}\n"
                      "stances:\n  x:\n    A: {position: 1, salience: 1}\n"
                      "    B: {position: 2, salience: 1}\n"
                      "game: {actors: [A, B, Q]}\n";
    sc_scenario *t = NULL;
    sc_diag_init(&d);
    if (sc_scenario_parse(bad, strlen(bad), NULL, &t, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail();
    }
    json_t *j = json_object();
    assert_int_equal(sc__section_run(sc__game_section, t, NULL, NULL, j, &d), SC_ENOTFOUND);
    assert_int_equal(d.line, 12);
    json_decref(j);
    sc_scenario_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_payoffs_by_hand),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_builtin_triangle_game),
        cmocka_unit_test(test_section),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
