/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
/*
 * liap (Lyapunov function minimisation, gambit-liap): the objective's gradient equals its finite
 * differences; the objective is 0 at an equilibrium and positive away from it; from the
 * centroid liap finds matching pennies' unique mixed equilibrium; runs are deterministic for a
 * seed; and over Gambit's collection every profile it reports is an equilibrium within its
 * tolerance, and it finds at least one in most games from ten random starts.
 */
#include "sc_game_test.h"

#include <dirent.h>
#include <math.h>

#include "game/game_internal.h"
#include "statecraft/game.h"

#define SANITIZED_MAX_PROFILES 300
#define MAX_PROFILES 20000

static sc_status solve(const sc_game *g, uint64_t seed, size_t starts, sc_game_solution **sol,
                       sc_diag *d)
{
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = SC_GAME_LIAP;
    o.seed = seed;
    o.starts = starts;
    o.time_limit = SC_TEST_TIME_LIMIT(60);
    sc_diag_init(d);
    return sc_game_solve(g, &o, sol, d);
}

static void test_gradient(void **state)
{
    (void)state;
    static const char *const games[] = {"2x2x2", "coord333", "8x8"};
    for (size_t gi = 0; gi < sizeof games / sizeof games[0]; gi++) {
        sc_game *g = sc_test_game_file(games[gi]);
        size_t w = 0;
        for (size_t p = 0; p < sc_game_players(g); p++) {
            w += sc_game_strategies(g, p);
        }
        double *x = malloc(w * sizeof *x), *grad = malloc(w * sizeof *grad);
        assert_non_null(x);
        assert_non_null(grad);
        /* a point off the simplices, with a negative entry: every term of L is active */
        for (size_t k = 0; k < w; k++) {
            x[k] = 0.1 + 0.37 * (double)((k * 7) % 5) / 5 - (k == 1 ? 0.3 : 0);
        }
        double L;
        assert_int_equal(sc__liap_objective(g, x, &L, grad), SC_OK);
        assert_true(L > 0);
        for (size_t k = 0; k < w; k++) {
            double h = 1e-6, lp, lm, xk = x[k];
            x[k] = xk + h;
            assert_int_equal(sc__liap_objective(g, x, &lp, NULL), SC_OK);
            x[k] = xk - h;
            assert_int_equal(sc__liap_objective(g, x, &lm, NULL), SC_OK);
            x[k] = xk;
            double fd = (lp - lm) / (2 * h);
            if (fabs(fd - grad[k]) > 1e-6 * (1 + fabs(fd))) {
                fail_msg("%s: d L / d p[%zu] = %.10g, finite differences %.10g", games[gi], k,
                         grad[k], fd);
            }
        }
        free(x);
        free(grad);
        sc_game_free(g);
    }
}

static void test_matching_pennies(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_text("NFG 1 R \"mp\" { \"1\" \"2\" } { 2 2 }\n"
                                   "1 -1 -1 1 -1 1 1 -1\n");
    double eq[4] = {0.5, 0.5, 0.5, 0.5}, off[4] = {0.8, 0.2, 0.5, 0.5}, L;
    assert_int_equal(sc__liap_objective(g, eq, &L, NULL), SC_OK);
    assert_true(L < 1e-30);
    assert_int_equal(sc__liap_objective(g, off, &L, NULL), SC_OK);
    assert_true(L > 1e-3);
    sc_game_solution *sol = NULL;
    sc_diag d;
    assert_int_equal(solve(g, 0, 0, &sol, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(sol), 1);
    const double *p = sc_game_solution_profile(sol, 0);
    for (size_t k = 0; k < 4; k++) {
        assert_true(fabs(p[k] - 0.5) < 1e-6);
    }
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(sc_game_solution_format(sol, -1, &text, &len, &d), SC_OK);
    assert_string_equal(text, "NE,0.500000,0.500000,0.500000,0.500000\n");
    sc_free(text);
    sc_game_solution_free(sol);
    sc_game_free(g);
}

static void test_deterministic(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_file("coord333");
    sc_game_solution *a = NULL, *b = NULL, *c = NULL;
    sc_diag d;
    assert_int_equal(solve(g, 7, 20, &a, &d), SC_OK);
    assert_int_equal(solve(g, 7, 20, &b, &d), SC_OK);
    assert_int_equal(solve(g, 8, 20, &c, &d), SC_OK);
    char *ta, *tb, *tc;
    size_t la, lb, lc;
    assert_int_equal(sc_game_solution_format(a, -1, &ta, &la, &d), SC_OK);
    assert_int_equal(sc_game_solution_format(b, -1, &tb, &lb, &d), SC_OK);
    assert_int_equal(sc_game_solution_format(c, -1, &tc, &lc, &d), SC_OK);
    assert_string_equal(ta, tb);
    /* coord333 has many equilibria: twenty starts find several */
    assert_true(sc_game_solution_count(a) >= 3);
    assert_true(sc_game_solution_max_regret(g, a) <= 1e-4);
    assert_true(sc_game_solution_max_regret(g, c) <= 1e-4);
    sc_free(ta);
    sc_free(tb);
    sc_free(tc);
    sc_game_solution_free(a);
    sc_game_solution_free(b);
    sc_game_solution_free(c);
    sc_game_free(g);
}

static void test_collection(void **state)
{
    (void)state;
    DIR *dir = opendir(sc_test_shared(SC_TEST_GAMBIT "games"));
    assert_non_null(dir);
    size_t games = 0, found = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".nfg") != 0) {
            continue;
        }
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(n - 4), e->d_name);
        sc_game *g = sc_test_game_file(name);
        size_t limit = SC_TEST_SANITIZED ? SANITIZED_MAX_PROFILES : MAX_PROFILES;
        if (sc_game_profiles(g) > limit) {
            sc_game_free(g);
            continue;
        }
        sc_game_solution *sol = NULL;
        sc_diag d;
        sc_status rc = solve(g, 1, 10, &sol, &d);
        if (rc != SC_OK) {
            fail_msg("%s: %s", name, d.message);
        }
        games++;
        found += sc_game_solution_count(sol) > 0;
        double r = sc_game_solution_max_regret(g, sol);
        if (sc_game_solution_count(sol) && !(r <= 1e-4)) {
            fail_msg("%s: regret %g of the payoff range", name, r);
        }
        sc_game_solution_free(sol);
        sc_game_free(g);
    }
    closedir(dir);
    printf("liap: %zu games, an equilibrium found in %zu\n", games, found);
    assert_true(games > 100);
    assert_true(found * 10 >= games * 8); /* not globally convergent, but mostly successful */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gradient),
        cmocka_unit_test(test_matching_pennies),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_collection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
