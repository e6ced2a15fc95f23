/* SPDX-License-Identifier: MIT */
/*
 * The alignment game against docs/models/games.md computed here from the scenario's numbers
 * (every payoff of the 27 profiles, several weight sets), and its equilibria against a brute-force
 * enumeration of the pure profiles. The built-in claim "no equilibrium aligns Russia with the US"
 * is checked over the weight grid on equilibria that exist: an empty equilibrium list must fail,
 * not pass (issue 20: tests/alignment/test_alignment_game.c passed with none at all).
 */
#include "sc_test.h"

#include "statecraft/statecraft.h"

static const char *const IDS[3] = {"USA", "RUS", "CHN"};

/* Strategy s of actor i: 0/1 tilt toward the first/second other actor, 2 neutral (3 = nobody). */
static size_t target(size_t i, size_t s)
{
    static const size_t others[3][2] = {{1, 2}, {0, 2}, {0, 1}};
    return s < 2 ? others[i][s] : 3;
}

/* u_i of docs/models/games.md for the profile c, from the scenario's own numbers. */
static double doc_payoff(const sc_scenario *s, const sc_alignment_params *p, size_t c, size_t i)
{
    size_t idx[3];
    double cap[3], a[3][3] = {{0}}, d[3][3] = {{0}}, capsum = 0, maxtrade = 0;
    for (size_t k = 0; k < 3; k++) {
        idx[k] = (size_t)sc_scenario_actor_index(s, IDS[k]);
        cap[k] = sc_scenario_actor(s, idx[k])->capability.value;
        capsum += cap[k];
    }
    for (size_t x = 0; x < 3; x++) {
        for (size_t y = 0; y < 3; y++) {
            if (x != y) {
                const sc_relation *r = sc_scenario_relation(s, idx[x], idx[y]);
                a[x][y] = r->amity.value;
                d[x][y] = isnan(r->trade.value) ? 0 : r->trade.value;
                maxtrade = fmax(maxtrade, d[x][y]);
            }
        }
    }
    size_t t[3] = {target(0, c % 3), target(1, c / 3 % 3), target(2, c / 9)};
    double u = 0;
    for (size_t j = 0; j < 3; j++) {
        if (j == i) {
            continue;
        }
        size_t k = 3 - i - j;
        int T = t[i] == j, M = T && t[j] == i;
        double w_j = cap[j] / capsum;
        u += M * (a[i][j] + w_j);
        u -= p->unrequited * T * (1 - M);
        u -= p->trade * T * (maxtrade > 0 ? d[i][k] / maxtrade : 0);
    }
    size_t j = i == 0 ? 1 : 0, k = 3 - i - j;
    if (t[j] == k && t[k] == j) {
        u -= p->threat * (cap[j] + cap[k]) / capsum * (1 - (a[i][j] + a[i][k]) / 2) / 2;
    }
    return u;
}

static sc_scenario *after_events(void)
{
    sc_scenario *s = NULL, *after = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_builtin(&s, &d), SC_OK);
    assert_int_equal(sc_scenario_at(s, NULL, &after, &d), SC_OK);
    sc_scenario_free(s);
    return after;
}

static void test_payoffs_as_documented(void **state)
{
    (void)state;
    sc_scenario *s = after_events();
    /* the defaults and weights far from them, each term alone too */
    static const sc_alignment_params ps[] = {
        {0.25, 1, 0.5}, {0, 0, 0}, {1.5, 0, 0}, {0, 2, 0}, {0, 0, 3}, {0.1, 0.7, 1.3}};
    for (size_t q = 0; q < sizeof ps / sizeof ps[0]; q++) {
        sc_game *g = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_equal(sc_alignment_game(s, IDS, &ps[q], &g, &d), SC_OK);
        assert_int_equal(sc_game_profiles(g), 27);
        for (size_t c = 0; c < 27; c++) {
            for (size_t i = 0; i < 3; i++) {
                /* payoffs are rounded to 1e-6 (half a unit of the last place) */
                SC_ASSERT_NEAR(sc_game_payoff(g, c, i), doc_payoff(s, &ps[q], c, i), 5e-7 + 1e-12);
            }
        }
        sc_game_free(g);
    }
    sc_scenario_free(s);
}

/* The pure equilibria by brute force: no player gains by a unilateral deviation (exact payoffs
 * compared as the game holds them, doubles of 6-decimal numbers: ties compare equal). */
static size_t brute_pure(const sc_game *g, size_t *prof)
{
    size_t n = 0;
    for (size_t c = 0; c < 27; c++) {
        int ne = 1;
        for (size_t i = 0; ne && i < 3; i++) {
            size_t unit = i == 0 ? 1 : i == 1 ? 3 : 9, own = c / unit % 3;
            for (size_t s = 0; s < 3; s++) {
                size_t dev = c - own * unit + s * unit;
                ne &= !(sc_game_payoff(g, dev, i) > sc_game_payoff(g, c, i) + 1e-9);
            }
        }
        if (ne) {
            prof[n++] = c;
        }
    }
    return n;
}

static void test_equilibria_exist_and_match(void **state)
{
    (void)state;
    sc_scenario *s = after_events();
    static const double grid[] = {0, 0.01, 0.25, 1, 5};
    size_t with_pure = 0;
    for (size_t x = 0; x < 5; x++) {
        for (size_t y = 0; y < 5; y++) {
            for (size_t z = 0; z < 5; z++) {
                sc_alignment_params prm = {grid[x], grid[y], grid[z]};
                sc_game *g = NULL;
                sc_diag d;
                sc_diag_init(&d);
                assert_int_equal(sc_alignment_game(s, IDS, &prm, &g, &d), SC_OK);
                size_t want[27];
                size_t nwant = brute_pure(g, want);
                size_t *got = NULL, ngot = 0;
                assert_int_equal(sc_game_enumpure(g, &got, &ngot, &d), SC_OK);
                assert_int_equal(ngot, nwant);
                for (size_t k = 0; k < ngot; k++) {
                    assert_int_equal(got[k], want[k]);
                }
                sc_free(got);
                with_pure += nwant > 0;
                /* every finite game has an equilibrium: the solver must return at least one,
                 * and each must be one (zero regret) */
                sc_game_solution *sol = NULL;
                assert_int_equal(sc_game_solve(g, NULL, &sol, &d), SC_OK);
                size_t neq = sc_game_solution_count(sol);
                if (neq == 0) {
                    fail_msg("weights r %g theta %g tau %g: no equilibrium", prm.unrequited,
                             prm.threat, prm.trade);
                }
                assert_true(sc_game_solution_max_regret(g, sol) <= 1e-9);
                /* the built-in claim, where it is made (r > 0 or tau > 0): no equilibrium puts
                 * any weight on Russia tilting toward the US */
                if (prm.unrequited > 0 || prm.trade > 0) {
                    for (size_t k = 0; k < neq; k++) {
                        assert_true(sc_game_solution_profile(sol, k)[3 + 0] == 0);
                    }
                }
                sc_game_solution_free(sol);
                sc_game_free(g);
            }
        }
    }
    print_message("%zu of 125 weight sets have a pure equilibrium\n", with_pure);
    assert_true(with_pure > 0);
    sc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_payoffs_as_documented),
                                       cmocka_unit_test(test_equilibria_exist_and_match)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
