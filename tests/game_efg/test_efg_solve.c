/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
/*
 * Solving game trees in behaviour strategies, on every .efg of Gambit's collection: every
 * profile enumpure, lcp (sequence form), lp (sequence form) and spe (backward induction) report
 * is a Nash equilibrium exactly (regret 0 in rationals, by the checker), logit's are within its
 * tolerance; the methods agree where they must (lp's value is the game's value, spe's
 * equilibria are enumpure's on perfect-information trees); and the strategic-form lp prints
 * exactly Gambit's lines on all 48 games gambit-lp solves.
 */
#include "sc_game_test.h"

#include <dirent.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>

#include "game/efg_internal.h"
#include "statecraft/game.h"

static sc_efg *efg_text(const char *text)
{
    sc_efg *e = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_efg_read(text, strlen(text), "t.efg", &e, &d) != SC_OK) {
        fail_msg("%s", d.message);
    }
    return e;
}

typedef struct counts {
    size_t games, profiles, refused;
} counts;

/* Solves e by m (agent: -A); every profile must pass the exact checker (logit: tolerance). */
static void solve_and_check(const char *name, const sc_efg *e, sc_game_method m, counts *c)
{
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = m;
    o.time_limit = SC_TEST_TIME_LIMIT(60);
    o.max_equilibria = m == SC_GAME_SPE ? 1000 : 0; /* ttt.efg has millions (ties) */
    sc_game_solution *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    sc_status rc = sc_efg_solve(e, &o, &s, &d);
    if (rc == SC_EUNSUPPORTED || (rc == SC_ELIMIT && m == SC_GAME_ENUMPURE)) {
        /* imperfect recall, players, constant sum, perfect information; enumpure: reduced
           forms beyond 2^24 profiles (cs.efg, ttt.efg) */
        c->refused++;
        return;
    }
    if (rc != SC_OK) {
        fail_msg("%s, %s: %s", name, sc_game_method_name(m), d.message);
    }
    assert_int_equal(sc_game_solution_behaviour(s), 1);
    assert_int_equal(sc_game_solution_width(s), sc_efg_behaviour_width(e));
    if (m == SC_GAME_LOGIT) {
        double r = sc_efg_solution_max_regret(e, s);
        if (!(r <= 5e-8)) {
            fail_msg("%s: logit's profile has regret %g", name, r);
        }
    } else {
        for (size_t k = 0; k < sc_game_solution_count(s); k++) {
            double rel = 0;
            int nash = sc_efg_solution_exact_check(e, s, k, &rel);
            if (nash != 1) {
                fail_msg("%s, %s: profile %zu is not an equilibrium (regret %g)", name,
                         sc_game_method_name(m), k, rel);
            }
        }
        if (m != SC_GAME_ENUMPURE && sc_game_solution_count(s) == 0) {
            fail_msg("%s, %s: no equilibrium", name, sc_game_method_name(m));
        }
    }
    c->games++;
    c->profiles += sc_game_solution_count(s);
    sc_game_solution_free(s);
}

static void test_collection(void **state)
{
    (void)state;
    static const sc_game_method methods[] = {SC_GAME_ENUMPURE, SC_GAME_LCP, SC_GAME_LP,
                                             SC_GAME_SPE, SC_GAME_LOGIT};
    counts c[5];
    memset(c, 0, sizeof c);
    DIR *dir = opendir(sc_test_shared(SC_TEST_GAMBIT "efg"));
    assert_non_null(dir);
    struct dirent *ent;
    while ((ent = readdir(dir))) {
        size_t n = strlen(ent->d_name);
        if (n < 5 || strcmp(ent->d_name + n - 4, ".efg") != 0) {
            continue;
        }
        sc_efg *e = sc_test_efg_file(ent->d_name);
        for (size_t m = 0; m < 5; m++) {
            solve_and_check(ent->d_name, e, methods[m], &c[m]);
        }
        sc_efg_free(e);
    }
    closedir(dir);
    for (size_t m = 0; m < 5; m++) {
        print_message("%-8s %3zu games solved, %4zu profiles, %zu refused\n",
                      sc_game_method_name(methods[m]), c[m].games, c[m].profiles, c[m].refused);
    }
    /* perfect recall: 146 of 173 (cs.efg's reduced form is too large); two players: 117 */
    assert_true(c[0].games >= 144);
    assert_int_equal(c[1].games, 117);
    assert_true(c[2].games >= 31);
    assert_true(c[3].games >= 28);
    /* logit: every tree but the 27 the agent form cannot take (imperfect recall); bcp4.efg
       too since the Jacobian is analytic (finite differences lost the branch past lambda 3e6) */
    assert_true(c[4].games >= 146);
}

/*
 * lp on trees and lp on the reduced strategic form agree on the value of every constant-sum
 * game, exactly; lp's equilibrium is also lcp's kind of answer (both checked above).
 */
static void test_lp_value_matches_strategic(void **state)
{
    (void)state;
    static const char *const games[] = {"2smp.efg", "4cards.efg", "centcs10.efg",
                                        "catalog__books__myerson1991__fig2_1.efg"};
    for (size_t i = 0; i < sizeof games / sizeof games[0]; i++) {
        sc_efg *e = sc_test_efg_file(games[i]);
        sc_game_solve_options o;
        sc_game_solve_options_init(&o);
        o.method = SC_GAME_LP;
        sc_game_solution *tree = NULL, *form = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_equal(sc_efg_solve(e, &o, &tree, &d), SC_OK);
        o.strategic = 1;
        assert_int_equal(sc_efg_solve(e, &o, &form, &d), SC_OK);
        assert_int_equal(sc_game_solution_behaviour(form), 0);
        /* the value: player 1's payoff at each profile, exactly */
        sc_game *g = NULL;
        assert_int_equal(sc_efg_reduced_form(e, &g, &d), SC_OK);
        double dv = 0, bv = 0, regret[2], pay[2];
        const double *x = sc_game_solution_profile(form, 0);
        size_t n1 = sc_game_strategies(g, 0), n2 = sc_game_strategies(g, 1);
        for (size_t a = 0; a < n1; a++) {
            for (size_t b = 0; b < n2; b++) {
                dv += x[a] * x[n1 + b] * sc_game_payoff(g, a + n1 * b, 0);
            }
        }
        assert_int_equal(sc__efg_regret_d(e, sc_game_solution_profile(tree, 0), regret, pay,
                                          NULL),
                         SC_OK);
        bv = pay[0];
        SC_ASSERT_NEAR(bv, dv, 1e-12);
        sc_game_free(g);
        sc_game_solution_free(tree);
        sc_game_solution_free(form);
        sc_efg_free(e);
    }
}

/* Backward induction, by hand: entry deterrence and a centipede, with ties giving two SPE. */
static void test_backward_induction(void **state)
{
    (void)state;
    sc_efg *e = efg_text("EFG 2 R \"entry\" { \"E\" \"I\" }\n"
                         "p \"\" 1 1 \"\" { \"In\" \"Out\" } 0\n"
                         "p \"\" 2 1 \"\" { \"Fight\" \"Accommodate\" } 0\n"
                         "t \"\" 1 \"\" { -1, -1 }\nt \"\" 2 \"\" { 1, 1 }\n"
                         "t \"\" 3 \"\" { 0, 2 }\n");
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = SC_GAME_SPE;
    sc_game_solution *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_efg_solve(e, &o, &s, &d), SC_OK);
    char *text = sc_test_format(s);
    assert_string_equal(text, "NE,1,0,0,1\n"); /* In; Accommodate */
    free(text);
    sc_game_solution_free(s);
    /* Nash but not subgame perfect: (Out, Fight) is among enumpure's, not spe's */
    o.method = SC_GAME_ENUMPURE;
    assert_int_equal(sc_efg_solve(e, &o, &s, &d), SC_OK);
    text = sc_test_format(s);
    assert_string_equal(text, "NE,0,1,1,0\nNE,1,0,0,1\n"); /* profile order, player 1 fastest */
    free(text);
    sc_game_solution_free(s);
    sc_efg_free(e);
    /* a tie for the second mover: both choices are subgame perfect, with different first moves */
    e = efg_text("EFG 2 R \"tie\" { \"1\" \"2\" }\n"
                 "p \"\" 1 1 \"\" { \"L\" \"R\" } 0\n"
                 "t \"\" 1 \"\" { 1, 0 }\n"
                 "p \"\" 2 1 \"\" { \"l\" \"r\" } 0\n"
                 "t \"\" 2 \"\" { 0, 5 }\nt \"\" 3 \"\" { 2, 5 }\n");
    o.method = SC_GAME_SPE;
    assert_int_equal(sc_efg_solve(e, &o, &s, &d), SC_OK);
    text = sc_test_format(s);
    assert_string_equal(text, "NE,1,0,1,0\nNE,0,1,0,1\n");
    free(text);
    sc_game_solution_free(s);
    /* a chance move averages; max_equilibria caps the list */
    o.max_equilibria = 1;
    assert_int_equal(sc_efg_solve(e, &o, &s, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(s), 1);
    sc_game_solution_free(s);
    sc_efg_free(e);
    /* Gambit's centipede (cent2.efg): the unique SPE takes at once */
    e = sc_test_efg_file("cent2.efg");
    o.max_equilibria = 0;
    sc_status rc = sc_efg_solve(e, &o, &s, &d);
    if (rc == SC_OK) {
        sc_game_solution_free(s);
    } else {
        /* cent2 has chance and information sets (altruists): not perfect information */
        assert_int_equal(rc, SC_EUNSUPPORTED);
        assert_non_null(strstr(d.message, "perfect information"));
    }
    sc_efg_free(e);
}

static double thread_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/*
 * The time limit holds inside a node: three chance nodes of 20 branches, each over a second
 * mover indifferent between two actions, so each chance node combines 2^20 tied continuations
 * (seconds of work in one node of a 128-node tree). Backward induction must stop soon after the
 * limit, not at the next node or the root, wherever in the node the limit falls: while it counts
 * the combinations (the first ~0.02 CPU s), while it allocates their list (2^20 entries of 2
 * payoffs and 61 actions: the next ~0.3 s, 1.5 s under the sanitizers) or while it fills it.
 * The limits below fall in each of these (0.6 s in the filling, where the clock is read every
 * 1024 combinations); before the allocation looked at the clock, a limit in it was overshot by up
 * to its whole length.
 */
static void test_spe_time_limit_inside_a_node(void **state)
{
    (void)state;
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text + len, cap - len,
                            "EFG 2 R \"ties\" { \"1\" \"2\" }\n\"\"\n"
                            "p \"\" 1 1 \"\" { \"L\" \"M\" \"R\" } 0\n");
    int iset = 1, outcome = 1;
    for (int c = 0; c < 3; c++) {
        len += (size_t)snprintf(text + len, cap - len, "c \"\" %d \"\" {", c + 1);
        for (int k = 0; k < 20; k++) {
            len += (size_t)snprintf(text + len, cap - len, " \"c%d\" 1/20", k);
        }
        len += (size_t)snprintf(text + len, cap - len, " } 0\n");
        for (int k = 0; k < 20; k++) {
            len += (size_t)snprintf(text + len, cap - len,
                                    "p \"\" 2 %d \"\" { \"a\" \"b\" } 0\n"
                                    "t \"\" %d \"\" { 0, 0 }\nt \"\" %d \"\" { 0, 0 }\n",
                                    iset++, outcome, outcome + 1);
            outcome += 2;
        }
    }
    assert_true(len < cap);
    sc_efg *e = efg_text(text);
    free(text);
    static const double limits[] = {0.01, 0.05, 0.15, 0.6};
    double worst = 0;
    for (size_t k = 0; k < sizeof limits / sizeof *limits; k++) {
        sc_game_solve_options o;
        sc_game_solve_options_init(&o);
        o.method = SC_GAME_SPE;
        o.time_limit = SC_TEST_TIME_LIMIT(limits[k]);
        sc_game_solution *s = NULL;
        sc_diag d;
        sc_diag_init(&d);
        double t0 = thread_cpu();
        assert_int_equal(sc_efg_solve(e, &o, &s, &d), SC_ELIMIT);
        double over = thread_cpu() - t0 - o.time_limit;
        assert_non_null(strstr(d.message, "time limit"));
        print_message("spe: limit %.2f s, stopped %.3f CPU s after it\n", o.time_limit, over);
        worst = over > worst ? over : worst;
    }
    /* what remains after the limit: up to 16384 entries between two looks at the clock, and
       freeing the lists held (2^20 entries: 0.05 s, 0.3 s under the sanitizers) */
    if (worst > SC_TEST_TIME_LIMIT(0.1)) {
        fail_msg("spe stopped %.3f CPU s after its limit", worst);
    }
    sc_efg_free(e);
}

/*
 * A two-player tree whose reduced strategic form is large: chance picks one of k rounds, in
 * each player 1 and then player 2 (who does not see 1's move) choose between two actions, so
 * each player has 2^k reduced strategies and the form 4^k profiles (k = 10: a million profiles,
 * about a CPU second to build, ten under the sanitizers).
 */
static sc_efg *wide_reduced_form(int k)
{
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text + len, cap - len,
                            "EFG 2 R \"wide\" { \"1\" \"2\" }\n\"\"\nc \"\" 1 \"\" {");
    for (int r = 0; r < k; r++) {
        len += (size_t)snprintf(text + len, cap - len, " \"r%d\" 1/%d", r, k);
    }
    len += (size_t)snprintf(text + len, cap - len, " } 0\n");
    int outcome = 1;
    for (int r = 0; r < k; r++) {
        len += (size_t)snprintf(text + len, cap - len, "p \"\" 1 %d \"\" { \"a\" \"b\" } 0\n",
                                r + 1);
        for (int a = 0; a < 2; a++) {
            len += (size_t)snprintf(text + len, cap - len, "p \"\" 2 %d \"\" { \"c\" \"d\" } 0\n",
                                    r + 1);
            for (int b = 0; b < 2; b++, outcome++) {
                len += (size_t)snprintf(text + len, cap - len, "t \"\" %d \"\" { %d, %d }\n",
                                        outcome, (outcome * 7) % 11, (outcome * 5) % 13);
            }
        }
    }
    assert_true(len < cap);
    sc_efg *e = efg_text(text);
    free(text);
    return e;
}

static volatile sig_atomic_t prof_cancel;

static void on_sigprof(int sig)
{
    (void)sig;
    prof_cancel = 1;
}

/*
 * The tree lcp's last resort, Lemke-Howson on the reduced strategic form, honours the time limit
 * and Ctrl-C while it builds that form (a million profiles here): limits of 0.05 and 0.4 CPU s
 * (while it sets up the payoffs, and in its loop over the profiles) and a real signal (SIGPROF
 * after 0.05 s of CPU, whose handler sets the cancel flag as the CLI's SIGINT handler does) each
 * stop it within a fraction of the build. Before the fix all three ran the whole build (2.6 CPU
 * s; ten times that under the sanitizers) and then started the solve afresh.
 */
static void test_lcp_fallback_stops(void **state)
{
    (void)state;
    sc_efg *e = wide_reduced_form(10);
    /* the limits: in the setting up of the payoffs, in the profiles' loop, then the signal */
    for (int how = 0; how < 3; how++) {
        sc_game_solve_options o;
        sc_game_solve_options_init(&o);
        o.method = SC_GAME_LCP;
        double limit = SC_TEST_TIME_LIMIT(how == 1 ? 0.4 : 0.05);
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigprof;
        sigemptyset(&sa.sa_mask);
        struct itimerval it, off;
        memset(&it, 0, sizeof it);
        memset(&off, 0, sizeof off);
        if (how < 2) {
            o.time_limit = limit;
        } else {
            prof_cancel = 0;
            o.cancel = &prof_cancel;
            assert_int_equal(sigaction(SIGPROF, &sa, &old), 0);
            it.it_value.tv_sec = (time_t)limit;
            it.it_value.tv_usec = (suseconds_t)((limit - (double)(time_t)limit) * 1e6);
        }
        sc_game_solution *sol = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_equal(sc__sol_new_width(e->width, SC_GAME_LCP, 1, &sol, &d), SC_OK);
        double t0 = thread_cpu();
        if (how == 2) {
            assert_int_equal(setitimer(ITIMER_PROF, &it, NULL), 0);
        }
        sc_status rc = sc__efg_lcp_strategic(e, &o, sc__game_now(), sol, &d);
        double over = thread_cpu() - t0 - limit;
        if (how == 2) {
            setitimer(ITIMER_PROF, &off, NULL);
            sigaction(SIGPROF, &old, NULL);
            assert_int_equal(prof_cancel, 1);
        }
        assert_int_equal(rc, SC_ELIMIT);
        assert_non_null(strstr(d.message, how < 2 ? "lcp: time limit" : "lcp: interrupted"));
        assert_int_equal(sc_game_solution_count(sol), 0);
        print_message("lcp fallback (%s): stopped %.3f CPU s after %.2f s\n",
                      how < 2 ? "time limit" : "SIGPROF", over, limit);
        /* up to 1024 profiles between two looks, and freeing what was built (0.03 s) */
        if (over > SC_TEST_TIME_LIMIT(0.1)) {
            fail_msg("the lcp fallback stopped %.3f CPU s after %.2f s", over, limit);
        }
        sc_game_solution_free(sol);
    }
    /* unstopped, the fallback answers (an equilibrium, exactly checked) */
    sc_efg *small = wide_reduced_form(3);
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = SC_GAME_LCP;
    sc_game_solution *sol = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc__sol_new_width(small->width, SC_GAME_LCP, 1, &sol, &d), SC_OK);
    assert_int_equal(sc__efg_lcp_strategic(small, &o, sc__game_now(), sol, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(sol), 1);
    assert_int_equal(sc_efg_solution_exact_check(small, sol, 0, NULL), 1);
    sc_game_solution_free(sol);
    sc_efg_free(small);
    sc_efg_free(e);
}

/* Pure agent-form equilibria: Gambit's badgame1 ("Agent Nash not Player Nash"). */
static void test_agent_form(void **state)
{
    (void)state;
    sc_efg *e = sc_test_efg_file("badgame1.efg");
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = SC_GAME_ENUMPURE;
    o.agent = 1;
    sc_game_solution *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_efg_solve(e, &o, &s, &d), SC_OK);
    /*
     * (A, X, a): the root agent prefers A (2 > 1 from B then X); P1's second agent is never
     * reached, so switching it alone changes nothing, and neither does P2's. But player 1
     * switching both (B, Y) meets a and gets 100: an agent equilibrium that is not Nash.
     */
    char *text = sc_test_format(s);
    assert_non_null(strstr(text, "NE,1,0,1,0,1,0\n"));
    free(text);
    size_t agent = sc_game_solution_count(s), not_nash = 0;
    for (size_t k = 0; k < agent; k++) {
        int nash = sc_efg_solution_exact_check(e, s, k, NULL);
        const double *p = sc_game_solution_profile(s, k);
        if (p[0] == 1 && p[2] == 1 && p[4] == 1) {
            assert_int_equal(nash, 0); /* (A, X, a) */
        }
        not_nash += nash == 0;
    }
    assert_true(not_nash >= 1);
    sc_game_solution_free(s);
    /* Nash equilibria in pure strategies are agent equilibria, not conversely */
    o.agent = 0;
    assert_int_equal(sc_efg_solve(e, &o, &s, &d), SC_OK);
    assert_true(agent >= 1);
    print_message("badgame1: %zu agent equilibria (%zu not Nash), %zu Nash\n", agent, not_nash,
                  sc_game_solution_count(s));
    sc_game_solution_free(s);
    sc_efg_free(e);
}

/* Gambit's lp lines, exactly, on every game gambit-lp answered. */
static void test_strategic_lp_equals_gambit(void **state)
{
    (void)state;
    DIR *dir = opendir(sc_test_shared(SC_TEST_GAMBIT "expected/lp"));
    assert_non_null(dir);
    struct dirent *ent;
    size_t compared = 0;
    while ((ent = readdir(dir))) {
        size_t n = strlen(ent->d_name);
        if (n < 5 || strcmp(ent->d_name + n - 4, ".out") != 0) {
            continue;
        }
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(n - 4), ent->d_name);
        char *want = sc_test_gambit_output("expected/lp", name);
        sc_game *g = sc_test_game_file(name);
        sc_game_solve_options o;
        sc_game_solve_options_init(&o);
        o.method = SC_GAME_LP;
        sc_game_solution *s = NULL;
        sc_diag d;
        sc_diag_init(&d);
        sc_status rc = sc_game_solve(g, &o, &s, &d);
        if (!want || !*want) {
            /* Gambit refused: not two players or not constant-sum; so do we */
            assert_int_equal(rc, SC_EUNSUPPORTED);
        } else {
            assert_int_equal(rc, SC_OK);
            char *got = sc_test_format(s);
            if (strcmp(got, want) != 0) {
                fail_msg("%s: lp %s, Gambit %s", name, got, want);
            }
            assert_int_equal(sc_game_solution_exact_check(g, s, 0, NULL), 1);
            free(got);
            sc_game_solution_free(s);
            compared++;
        }
        free(want);
        sc_game_free(g);
    }
    closedir(dir);
    print_message("lp: %zu games identical to Gambit's\n", compared);
    assert_int_equal(compared, 48);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_collection),
        cmocka_unit_test(test_lp_value_matches_strategic),
        cmocka_unit_test(test_backward_induction),
        cmocka_unit_test(test_spe_time_limit_inside_a_node),
        cmocka_unit_test(test_lcp_fallback_stops),
        cmocka_unit_test(test_agent_form),
        cmocka_unit_test(test_strategic_lp_equals_gambit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
