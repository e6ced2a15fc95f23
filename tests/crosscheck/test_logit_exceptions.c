/* SPDX-License-Identifier: MIT */
/*
 * The games test_logit excuses from matching gambit-logit (its exception table), each with
 * statecraft's own answer pinned and the excuse checked here independently (issue 20):
 *  - where the branch reaches a different equilibrium than Gambit's (bifurcations), our final
 *    profile is the exact equilibrium named in the table's comment, an equilibrium by its regret,
 *    and Gambit's printed profile is another (or, for 2x2x2, not one at all);
 *  - where the difference is slow convergence ("drift"), our profile lies near Gambit's (pinned
 *    within about twice today's gap) and the gap is the slow approach: asking for a 100 times
 *    smaller regret either moves our point by a sizeable part of the gap, or leaves it where it
 *    is while Gambit's regret is ten times ours (Gambit stopped earlier on the same approach).
 */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include "scx/scx.h"
#include "statecraft/game.h"

#define REF "reference/gambit/"

static sc_game *load(const char *name)
{
    char rel[512];
    snprintf(rel, sizeof rel, REF "games/%s.nfg", name);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(scx_file_read(sc_test_shared(rel), (size_t)1 << 30, &text, &len, NULL), SC_OK);
    sc_game *g = NULL;
    assert_int_equal(sc_game_read_nfg(text, len, name, &g, NULL), SC_OK);
    sc_free(text);
    return g;
}

/* Gambit's final profile: the last "NE," line of expected/logit/<name>.out. */
static size_t gambit(const char *name, double *v, size_t cap)
{
    char rel[512];
    snprintf(rel, sizeof rel, REF "expected/logit/%s.out", name);
    char *text = sc_test_slurp(sc_test_shared(rel), NULL);
    assert_non_null(text);
    const char *line = NULL;
    for (const char *p = strstr(text, "NE,"); p; p = strstr(p + 1, "NE,")) {
        if (p == text || p[-1] == '\n') {
            line = p;
        }
    }
    assert_non_null(line);
    size_t k = 0;
    for (const char *p = line + 2; *p == ',' && k < cap;) {
        char *end;
        v[k++] = strtod(p + 1, &end);
        p = end;
    }
    free(text);
    return k;
}

static double rel_regret(const sc_game *g, const double *prof)
{
    double r[16], lo, hi, worst = 0;
    assert_true(sc_game_players(g) <= 16);
    assert_int_equal(sc_game_regret(g, prof, r, NULL), SC_OK);
    sc_game_payoff_bounds(g, &lo, &hi);
    for (size_t p = 0; p < sc_game_players(g); p++) {
        worst = r[p] > worst ? r[p] : worst;
    }
    return worst / (hi > lo ? hi - lo : 1);
}

/* Our logit profile at the given stopping rule (0: the default, 1e-8), copied into out; 0 if the
 * branch could not be followed that far. */
static size_t ours(const sc_game *g, double max_regret, double *out, size_t cap)
{
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = SC_GAME_LOGIT;
    o.max_regret = max_regret;
    sc_game_solution *sol = NULL;
    if (sc_game_solve(g, &o, &sol, NULL) != SC_OK) {
        return 0;
    }
    assert_int_equal(sc_game_solution_count(sol), 1);
    size_t w = sc_game_solution_width(sol);
    assert_true(w <= cap);
    memcpy(out, sc_game_solution_profile(sol, 0), w * sizeof *out);
    sc_game_solution_free(sol);
    return w;
}

static double distance(const double *a, const double *b, size_t w)
{
    double d = 0;
    for (size_t j = 0; j < w; j++) {
        d = fmax(d, fabs(a[j] - b[j]));
    }
    return d;
}

static const struct {
    const char *game;
    int gambit_is_nash;    /* 0: Gambit printed the bifurcation point */
    double pinned[20];     /* our final profile, exact rationals from the table's comments */
} other[] = {
    {"2x2x2", 0, {0.5, 0.5, 0.5, 0.5, 1, 0}},
    {"sh3", 1, {0, 0, 1, 0, 0, 1}},
    {"pvw_efg", 1, {0.25, 0, 0, 0, 0, 0, 0.75, 0, 0, 9.0 / 16, 0, 3.0 / 16, 0, 3.0 / 16, 0, 1.0 / 16, 0}},
    {"pvw2_efg", 1, {3.0 / 16, 3.0 / 16, 0, 3.0 / 16, 3.0 / 16, 0, 1.0 / 8, 1.0 / 8, 0, 9.0 / 16, 0,
                     3.0 / 16, 0, 3.0 / 16, 0, 1.0 / 16, 0}},
    {"vonstengel1999_6x6_game_with_75_eq_small_payoffs", 1,
     {0, 0, 0.5, 0.5, 0, 0, 0, 0, 0.5, 0.5, 0, 0}},
};

static void test_other_equilibrium(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
        sc_game *g = load(other[i].game);
        double p[64], th[64];
        size_t w = ours(g, 0, p, 64), k = gambit(other[i].game, th, 64);
        assert_int_equal(k, w);
        double d_pin = distance(p, other[i].pinned, w), d_gambit = distance(p, th, w);
        print_message("%-50s ours %.2g from the pinned profile, %.2g from Gambit's; regrets "
                      "%.2g (pinned), %.2g (Gambit)\n",
                      other[i].game, d_pin, d_gambit, rel_regret(g, other[i].pinned),
                      rel_regret(g, th));
        /* the stopping rule (relative regret 1e-8) leaves probabilities ~1e-8 from the limit;
         * 1e-6 covers that with room, and is far below the gaps between equilibria */
        assert_true(d_pin < 1e-6);
        assert_true(rel_regret(g, other[i].pinned) < 1e-12); /* the pin is an equilibrium */
        assert_true(d_gambit > 0.05);                        /* a different point */
        if (other[i].gambit_is_nash) {
            assert_true(rel_regret(g, th) < 1e-5); /* 6 printed digits */
        } else {
            assert_true(rel_regret(g, th) > 1e-2);
        }
        sc_game_free(g);
    }
}

static const struct {
    const char *game;
    double diff; /* bound on our distance from Gambit's profile (about twice the measured one) */
} drift[] = {
    {"artist1_efg", 5e-6},  {"bcp2_efg", 2e-5},  {"bcp3_efg", 1e-5},
    {"bhg1_efg", 1e-4},     {"bhg3_efg", 1e-4},  {"cent6_efg", 1e-5},
    {"shohamleytonbrown2008_fig5_15_efg", 2e-5}, {"t_mixed_strategy", 1e-4},
    {"work2_efg", 2e-4},
};

/*
 * The drift excuse, checked: both profiles are equilibria to the printed precision and close
 * (ours pinned within `diff` of Gambit's), and the gap is the slow approach to one equilibrium,
 * seen one of two ways: either our point still moves under a 100 times smaller regret by at
 * least a tenth of the gap (the branch is still travelling), or ours has settled (moves < 1e-6)
 * and Gambit stopped earlier on the way, its regret at least 10 times ours.
 */
static void test_drift(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof drift / sizeof drift[0]; i++) {
        sc_game *g = load(drift[i].game);
        static double p[512], q[512], th[512];
        size_t w = ours(g, 0, p, 512), k = gambit(drift[i].game, th, 512);
        assert_true(w > 0);
        assert_int_equal(k, w);
        if (ours(g, 1e-10, q, 512) == 0) {
            memcpy(q, p, sizeof q); /* the branch cannot be followed that far: as settled */
        }
        double d_gambit = distance(p, th, w), d_tighter = distance(p, q, w);
        double r_ours = rel_regret(g, p), r_gambit = rel_regret(g, th);
        print_message("%-36s ours %.2g from Gambit's; a 100x tighter stop moves ours by %.2g; "
                      "regrets: ours %.2g, Gambit's %.2g\n",
                      drift[i].game, d_gambit, d_tighter, r_ours, r_gambit);
        assert_true(r_ours < 1e-8);
        assert_true(r_gambit < 1e-6);
        assert_true(d_gambit < drift[i].diff);
        assert_true(d_gambit > 1e-6); /* else it is no exception: test_logit would match it */
        int travelling = d_tighter > 0.1 * d_gambit;
        int gambit_earlier = d_tighter < 1e-6 && r_gambit > 10 * r_ours;
        if (!travelling && !gambit_earlier) {
            fail_msg("%s: neither still moving nor settled with Gambit behind", drift[i].game);
        }
        sc_game_free(g);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_other_equilibrium),
                                       cmocka_unit_test(test_drift)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
