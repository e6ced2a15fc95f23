/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
/*
 * enumpoly (support enumeration with polynomial solving, gambit-enumpoly): on every game of
 * Gambit's collection every reported profile is an equilibrium (exactly where it is held in
 * rationals, otherwise within 1e-9 of the payoff range after Newton polishing), and every
 * profile of Gambit's expected/enumpoly output is among statecraft's, where Gambit finished;
 * the equilibria Gambit misses are counted and checked. Known games: all seven equilibria of
 * coord3 (Gambit reports five), an irrational equilibrium of a three-player game, a continuum
 * (singular support), a support called singular after a root was certified on it, -e and the
 * verbose support lines, the time limit, the search order, two threads solving at once.
 */
#include "sc_game_test.h"

#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <time.h>

#include "game/game_internal.h"
#include "statecraft/game.h"

/* Under ASan games above this many pure profiles are skipped (the plain build covers them). */
#define SANITIZED_MAX_PROFILES 2000

/* The tolerance promised for a profile held as doubles: regret relative to the payoff range. */
#define TOL 1e-9

static sc_status solve(const sc_game *g, double limit, size_t max_eq, int verbose,
                       sc_game_solution **sol, sc_diag *d)
{
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = SC_GAME_ENUMPOLY;
    o.time_limit = limit;
    o.max_equilibria = max_eq;
    o.verbose = verbose;
    sc_diag_init(d);
    return sc_game_solve(g, &o, sol, d);
}

/* Profiles of Gambit's "NE," lines (doubles), *n of them, width w each; malloc'd. */
static double *parse_lines(const char *text, size_t w, size_t *n)
{
    size_t cap = 8, k = 0;
    double *v = malloc(cap * w * sizeof *v);
    assert_non_null(v);
    for (const char *p = text; p && *p;) {
        if (strncmp(p, "NE,", 3) == 0) {
            if (k == cap) {
                cap *= 2;
                v = realloc(v, cap * w * sizeof *v);
                assert_non_null(v);
            }
            const char *q = p + 3;
            for (size_t j = 0; j < w; j++) {
                char *end;
                v[k * w + j] = strtod(q, &end);
                q = *end == ',' ? end + 1 : end;
            }
            k++;
        }
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    *n = k;
    return v;
}

/* Whether profile a (w entries) is within tol of one of the rows of the solution. */
static int found(const double *a, const sc_game_solution *sol, size_t w, double tol)
{
    for (size_t k = 0; k < sc_game_solution_count(sol); k++) {
        const double *b = sc_game_solution_profile(sol, k);
        size_t j = 0;
        while (j < w && fabs(a[j] - b[j]) <= tol) {
            j++;
        }
        if (j == w) {
            return 1;
        }
    }
    return 0;
}

/*
 * Every profile: probability vectors; exact rows pass the exact checker, the others have regret
 * at most TOL of the payoff range; no profile twice. Returns how many rows are exact.
 */
static size_t check_profiles(const char *name, const sc_game *g, const sc_game_solution *sol)
{
    size_t n = sc_game_players(g), w = sc_game_solution_width(sol), exact = 0;
    double *regret = malloc(n * sizeof *regret);
    assert_non_null(regret);
    double lo, hi;
    sc_game_payoff_bounds(g, &lo, &hi);
    double range = hi > lo ? hi - lo : 1;
    for (size_t i = 0; i < sc_game_solution_count(sol); i++) {
        const double *p = sc_game_solution_profile(sol, i);
        size_t off = 0;
        for (size_t pl = 0; pl < n; pl++) {
            double sum = 0;
            for (size_t k = 0; k < sc_game_strategies(g, pl); k++) {
                assert_true(p[off + k] >= 0);
                sum += p[off + k];
            }
            if (fabs(sum - 1) > 1e-9) {
                fail_msg("%s: profile %zu: player %zu's probabilities sum to %.17g", name, i,
                         pl + 1, sum);
            }
            off += sc_game_strategies(g, pl);
        }
        if (sc_game_solution_profile_exact(sol, i)) {
            exact++;
            double rr;
            if (sc_game_solution_exact_check(g, sol, i, &rr) != 1) {
                fail_msg("%s: exact profile %zu is not an equilibrium (regret %g)", name, i, rr);
            }
        } else {
            assert_int_equal(sc_game_solution_exact_check(g, sol, i, NULL), -1);
            assert_int_equal(sc_game_regret(g, p, regret, NULL), SC_OK);
            for (size_t pl = 0; pl < n; pl++) {
                if (!(regret[pl] / range <= TOL)) {
                    fail_msg("%s: profile %zu: player %zu's regret %g of the range", name, i,
                             pl + 1, regret[pl] / range);
                }
            }
        }
        for (size_t k = 0; k < i; k++) {
            const double *q = sc_game_solution_profile(sol, k);
            int both =
                sc_game_solution_profile_exact(sol, i) && sc_game_solution_profile_exact(sol, k);
            size_t j = 0;
            while (j < w && fabs(p[j] - q[j]) <= 1e-9) {
                if (both) { /* exact rows may differ below double precision (huge payoffs) */
                    char x[256], y[256];
                    sc_game_solution_text(sol, i, j, x, sizeof x);
                    sc_game_solution_text(sol, k, j, y, sizeof y);
                    if (strcmp(x, y) != 0) {
                        break;
                    }
                }
                j++;
            }
            if (j == w) {
                fail_msg("%s: profiles %zu and %zu are the same", name, k, i);
            }
        }
    }
    free(regret);
    return exact;
}

/*
 * Gambit's CPU seconds on the game when its enumpoly finished (exit status 0 within its 60 s),
 * else -1 (summary.csv).
 */
static double gambit_finished(const char *name)
{
    char *csv = sc_test_slurp(sc_test_shared(SC_TEST_GAMBIT "expected/summary.csv"), NULL);
    assert_non_null(csv);
    char key[300];
    snprintf(key, sizeof key, "\n%s,", name);
    double done = -1;
    for (const char *p = strstr(csv, key); p; p = strstr(p + 1, key)) {
        const char *line = p + 1, *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char buf[1024];
        snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), line);
        if (strstr(buf, ",enumpoly,")) {
            /* game,players,strategies,tool,command,n,distinct,seconds,cpu,exit_status,... */
            char *f = buf;
            double cpu = -1;
            for (int k = 0; k < 9 && f; k++) {
                f = strchr(f, ',');
                f = f ? f + 1 : NULL;
                if (k == 7 && f) {
                    cpu = strtod(f, NULL);
                }
            }
            done = f && strncmp(f, "0,", 2) == 0 ? cpu : -1;
        }
    }
    free(csv);
    return done;
}

/*
 * The games test_continua_fast solves and checks as test_every_game would (every profile
 * checked, Gambit's profiles among statecraft's): under the sanitizers, where they are the two
 * most expensive games this test solves, they are not solved a second time.
 */
static const char *const continua_games[] = {"e09_efg", "jury_un_efg"};

static int solved_by_continua_fast(const char *name)
{
    for (size_t k = 0; k < sizeof continua_games / sizeof *continua_games; k++) {
        if (strcmp(name, continua_games[k]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Every game of the collection against expected/enumpoly. */
static void test_every_game(void **state)
{
    (void)state;
    DIR *dir = opendir(sc_test_shared(SC_TEST_GAMBIT "games"));
    assert_non_null(dir);
    size_t games = 0, compared = 0, equal = 0, superset = 0, partial = 0, skipped = 0;
    size_t extra_total = 0, exact_rows = 0, float_rows = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".nfg") != 0) {
            continue;
        }
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(n - 4), e->d_name);
        sc_game *g = sc_test_game_file(name);
        if (SC_TEST_SANITIZED &&
            (sc_game_profiles(g) > SANITIZED_MAX_PROFILES || solved_by_continua_fast(name))) {
            skipped++;
            sc_game_free(g);
            continue;
        }
        games++;
        /* where Gambit finished within 5 s of CPU, statecraft must finish too (within 30 s:
           the speed table in docs/models/games.md compares the times); elsewhere a short run
           whose partial answer is checked. Gambit took longer on six games: five two-player
           ones statecraft finishes in the short run anyway, and my_2-8_efg (Gambit 6.9 s of CPU,
           statecraft 0.16 s) */
        double gambit_cpu = gambit_finished(name);
        int finished = gambit_cpu >= 0 && gambit_cpu < 5;
        sc_game_solution *sol = NULL;
        sc_diag d;
        /* the short run is 1 CPU s in both builds, not scaled for the sanitizers: under them
           eleven games ran out of ten seconds, 110 of the test's 145 CPU s (twelve run out of
           one: my_2-8_efg needs 1.2 s). They search fewer supports there than in the plain
           build, through the same code: with 1 s the sanitized run covers every line and
           branch of src/game/ it covered with 10 s, BSS_S_085_Weighted_agg's stop inside a
           subdivision included (docs/testing.md, The suite's time) */
        sc_status rc = solve(g, finished ? SC_TEST_TIME_LIMIT(30) : 1.0, 0, 0, &sol, &d);
        if (finished && rc != SC_OK) {
            fail_msg("%s: enumpoly fails where Gambit finished: %s", name, d.message);
        }
        if (!finished && rc != SC_OK && rc != SC_ELIMIT) {
            fail_msg("%s: enumpoly fails: %s", name, d.message);
        }
        if (!sol) {
            partial++;
            sc_game_free(g);
            continue;
        }
        size_t ex = check_profiles(name, g, sol);
        exact_rows += ex;
        float_rows += sc_game_solution_count(sol) - ex;
        if (rc != SC_OK) {
            partial++;
        } else {
            char *want = sc_test_gambit_output("expected/enumpoly", name);
            size_t w = sc_game_solution_width(sol), nw = 0;
            double *theirs = want && *want ? parse_lines(want, w, &nw) : NULL;
            compared++;
            for (size_t i = 0; i < nw; i++) {
                if (!found(theirs + i * w, sol, w, 2e-6)) {
                    fail_msg("%s: Gambit's profile %zu is not among statecraft's %zu", name, i + 1,
                             sc_game_solution_count(sol));
                }
            }
            /* statecraft's profiles Gambit does not report (checked above) */
            size_t extra = 0;
            for (size_t k = 0; k < sc_game_solution_count(sol); k++) {
                const double *p = sc_game_solution_profile(sol, k);
                size_t i = 0;
                for (; i < nw; i++) {
                    size_t j = 0;
                    while (j < w && fabs(p[j] - theirs[i * w + j]) <= 2e-6) {
                        j++;
                    }
                    if (j == w) {
                        break;
                    }
                }
                extra += i == nw;
            }
            extra_total += extra;
            if (extra == 0) {
                equal++;
            } else {
                superset++;
            }
            free(theirs);
            free(want);
        }
        sc_game_solution_free(sol);
        sc_game_free(g);
    }
    closedir(dir);
    print_message(
        "enumpoly: %zu games; %zu solved and compared with Gambit: %zu equal sets, %zu "
        "where statecraft finds more (%zu equilibria Gambit misses, each checked); "
        "%zu stopped by the short time limit (Gambit timed out or took over 5 s); %zu exact and "
        "%zu float "
        "profiles; %zu skipped under the sanitizer\n",
        games, compared, equal, superset, extra_total, partial, exact_rows, float_rows, skipped);
    assert_true(games + skipped >= 199);
    if (!SC_TEST_SANITIZED) {
        assert_true(compared >= 178); /* 181 on 2026-12-05 */
        assert_true(equal >= 100);    /* 105: Gambit misses equilibria on the other 76 */
    }
}

/* coord3: the seven equilibria (enummixed's set, exactly); Gambit's enumpoly prints five. */
static void test_coord3_all_seven(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_file("coord3");
    sc_game_solution *sol = NULL, *mixed = NULL;
    sc_diag d;
    assert_int_equal(solve(g, 0, 0, 0, &sol, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(sol), 7);
    assert_int_equal(check_profiles("coord3", g, sol), 7);
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = SC_GAME_ENUMMIXED;
    assert_int_equal(sc_game_solve(g, &o, &mixed, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(mixed), 7);
    for (size_t i = 0; i < 7; i++) {
        assert_true(found(sc_game_solution_profile(mixed, i), sol, 6, 0));
    }
    /* the fully mixed one, exactly */
    char buf[32];
    int seen = 0;
    for (size_t i = 0; i < 7; i++) {
        sc_game_solution_text(sol, i, 3, buf, sizeof buf);
        seen += strcmp(buf, "2/11") == 0;
    }
    assert_int_equal(seen, 1);
    /* printed as gambit-enumpoly prints: fixed 6 decimals */
    char *text = sc_test_format(sol);
    assert_non_null(strstr(text, "NE,0.400000,0.400000,0.200000,0.181818,0.272727,0.545455\n"));
    free(text);
    sc_game_solution_free(sol);
    sc_game_solution_free(mixed);
    sc_game_free(g);
}

/*
 * A three-player game whose totally mixed equilibrium is irrational: each player matches the
 * next one's coin (payoff 1 when equal) except that player 3 gets 2 for (H, H): found as
 * doubles, checked within the tolerance, and it solves the indifference equations to 1e-12.
 */
static void test_irrational_equilibrium(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_file("3x3x3");
    sc_game_solution *sol = NULL;
    sc_diag d;
    assert_int_equal(solve(g, 0, 0, 0, &sol, &d), SC_OK);
    size_t exact = check_profiles("3x3x3", g, sol);
    assert_true(exact < sc_game_solution_count(sol)); /* at least one irrational root */
    /* the root Gambit misses: 0.349663,0.650337,0,0,0.847063,0.152937,0,0.042958,0.957042 */
    const double want[9] = {0.349663, 0.650337, 0, 0, 0.847063, 0.152937, 0, 0.042958, 0.957042};
    assert_true(found(want, sol, 9, 1e-6));
    for (size_t i = 0; i < sc_game_solution_count(sol); i++) {
        if (!sc_game_solution_profile_exact(sol, i)) {
            char buf[8];
            sc_game_solution_text(sol, i, 0, buf, sizeof buf);
            assert_string_equal(buf, ""); /* no exact text for a float row */
        }
    }
    sc_game_solution_free(sol);
    sc_game_free(g);
}

/*
 * A continuum: player 1 is indifferent between its two strategies whatever player 2 does, and
 * player 2 prefers L strictly: every (p, 1 - p) against L is an equilibrium. The support
 * {T, B} x {L} is singular (not reported), the ends (T, L) and (B, L) are.
 */
static void test_continuum_singular(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_text("NFG 1 R \"continuum\" { \"1\" \"2\" } { 2 2 }\n"
                                   "1 1 1 1 1 0 1 0\n");
    sc_game_solution *sol = NULL;
    sc_diag d;
    assert_int_equal(solve(g, 0, 0, 1, &sol, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(sol), 2);
    assert_int_equal(check_profiles("continuum", g, sol), 2);
    const double tl[4] = {1, 0, 1, 0}, bl[4] = {0, 1, 1, 0};
    assert_true(found(tl, sol, 4, 0));
    assert_true(found(bl, sol, 4, 0));
    /* -v: every support as a candidate; two players' unequal supports are listed, not solved */
    char *text = sc_test_format(sol);
    assert_non_null(strstr(text, "candidate,10,10\nNE,1.000000,0.000000,1.000000,0.000000\n"));
    assert_non_null(strstr(text, "candidate,11,10\n"));
    size_t lines = 0;
    for (const char *p = text; (p = strstr(p, "candidate,")); p++) {
        lines++;
    }
    assert_int_equal(lines, 9); /* (2^2 - 1)^2 supports */
    free(text);
    sc_game_solution_free(sol);
    sc_game_free(g);

    /* three players: player 3 has one strategy and payoffs that never vary: player 1's
       indifference holds everywhere on its support */
    g = sc_test_game_text("NFG 1 R \"flat\" { \"1\" \"2\" \"3\" } { 2 2 1 }\n"
                          "0 1 0 0 1 0 0 0 0 0 0 0\n");
    assert_int_equal(solve(g, 0, 0, 1, &sol, &d), SC_OK);
    check_profiles("flat", g, sol);
    assert_true(sc_game_solution_singular(sol) >= 1);
    text = sc_test_format(sol);
    assert_non_null(strstr(text, "singular,11,"));
    free(text);
    sc_game_solution_free(sol);
    sc_game_free(g);
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/*
 * Degenerate three-player trees whose supports carry continua of solutions (the jury games,
 * binary voting): each within 0.2 s of CPU time (10 s under the sanitizers), with Gambit's
 * profiles among statecraft's and as many singular supports as the subdivision alone finds.
 * Before the singular supports were recognised by Newton's iteration from the centroid and the
 * sign conditions pruned boxes, the subdivision ran each such support into its smallest width or
 * its box cap: 2.7 s on e09_efg and 3.5 s on jury_un_efg (Gambit: 0.28 s and 0.30 s), 0.75 s and
 * 1.26 s after, about 0.3 s each once the contraction's stages were shared; 0.03 s and 0.01 s
 * since a support through an equilibrium already found, with a singular Jacobian there, is
 * singular without a box (on_continuum in enumpoly.c). The singular counts are those of the
 * subdivision without that rule (2026-12-06, the 176 games' -v output compared line by line):
 * a rule that called a support singular where the subdivision does not (a regular root on
 * the boundary: 237 of e09_efg's supports through a found equilibrium) changes them.
 */
static void test_continua_fast(void **state)
{
    (void)state;
    const char *const *games = continua_games;
    const size_t singular[2] = {1327, 1417}, equilibria[2] = {18, 32};
    for (size_t k = 0; k < 2; k++) {
        sc_game *g = sc_test_game_file(games[k]);
        sc_game_solution *sol = NULL;
        sc_diag d;
        double t0 = cpu_now();
        assert_int_equal(solve(g, SC_TEST_TIME_LIMIT(30), 0, 0, &sol, &d), SC_OK);
        double cpu = cpu_now() - t0;
        print_message("enumpoly %s: %.2f s of CPU, %zu equilibria, %zu singular supports\n",
                      games[k], cpu, sc_game_solution_count(sol), sc_game_solution_singular(sol));
        /* the speed bound is the plain build's; the sanitizers slow this code many times
           (GMP's rationals less than the doubles), so under them the bound only catches a
           runaway subdivision */
        assert_true(cpu < (SC_TEST_SANITIZED ? 10.0 : 0.2));
        assert_int_equal(sc_game_solution_singular(sol), singular[k]);
        assert_int_equal(sc_game_solution_count(sol), equilibria[k]);
        check_profiles(games[k], g, sol);
        char *want = sc_test_gambit_output("expected/enumpoly", games[k]);
        size_t w = sc_game_solution_width(sol), nw = 0;
        double *theirs = parse_lines(want, w, &nw);
        assert_true(nw > 0);
        for (size_t i = 0; i < nw; i++) {
            assert_true(found(theirs + i * w, sol, w, 2e-6));
        }
        free(theirs);
        free(want);
        sc_game_solution_free(sol);
        sc_game_free(g);
    }
}

/*
 * Three players, two of them mixing and the third playing one strategy: the equations are
 * linear, solved exactly as a two-player game's. Player 3 (one strategy) is irrelevant, so the
 * game is matching pennies with unequal stakes (u1(H,H) = 2, u1(T,T) = 1, else 0; u2 = -u1):
 * the one equilibrium (1/3, 2/3), (1/3, 2/3), (1) exactly, from the support {H, T} x {H, T} x {X}.
 */
static void test_pair_support(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_text("NFG 1 R \"pennies3\" { \"1\" \"2\" \"3\" } { 2 2 1 }\n"
                                   "2 -2 0 0 0 0 0 0 0 1 -1 0\n");
    sc_game_solution *sol = NULL;
    sc_diag d;
    assert_int_equal(solve(g, 0, 0, 0, &sol, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(sol), 1);
    assert_true(sc_game_solution_profile_exact(sol, 0));
    static const char *const want[5] = {"1/3", "2/3", "1/3", "2/3", "1"};
    for (size_t j = 0; j < 5; j++) {
        char buf[32];
        sc_game_solution_text(sol, 0, j, buf, sizeof buf);
        assert_string_equal(buf, want[j]);
    }
    sc_game_solution_free(sol);
    sc_game_free(g);
}

/*
 * A singular support's roots are not reported even when the subdivision certified some before
 * it found the support singular: on 2s2x2x2_efg one support of all three mixing carries a
 * continuum of equilibria, and reporting what was found on it adds an arbitrary point of it,
 * (0, 0.388695, 0.611305), (0.103153, 0.309459, 0.587388), (0.181560, 0.363120, 0.455320), a
 * 53rd profile. The 52 reported are the ones that are the unique solution of their support's
 * system, Gambit's among them. Since the singular supports are recognised earlier (on_continuum,
 * the Newton run from the centroid), no support of this game is called singular after a root
 * was certified on it (mutant enumpoly-singular-reported survived this test): that case is
 * test_singular_after_a_root's.
 */
static void test_singular_not_reported(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_file("2s2x2x2_efg");
    sc_game_solution *sol = NULL;
    sc_diag d;
    assert_int_equal(solve(g, SC_TEST_TIME_LIMIT(30), 0, 0, &sol, &d), SC_OK);
    assert_true(sc_game_solution_singular(sol) > 0);
    assert_int_equal(sc_game_solution_count(sol), 52);
    const double on_continuum[3] = {0, 0.388695, 0.611305};
    for (size_t i = 0; i < sc_game_solution_count(sol); i++) {
        const double *p = sc_game_solution_profile(sol, i);
        assert_false(fabs(p[0] - on_continuum[0]) < 1e-5 && fabs(p[1] - on_continuum[1]) < 1e-5 &&
                     fabs(p[2] - on_continuum[2]) < 1e-5);
    }
    check_profiles("2s2x2x2_efg", g, sol);
    sc_game_solution_free(sol);
    sc_game_free(g);
}

/*
 * A support the subdivision calls singular after it has certified a root on it: the root is
 * not reported either (Gambit's behaviour: a singular support's solutions are not reported).
 * Players 1 and 2 have two strategies (x, y: their first's probability), player 3 three
 * (z1, z2, z3). Player 3's two indifference conditions, x - y = 0 and
 * xy - 3 (x + y) / 10 + 1/20 = 0, hold at x = y = 1/2 and x = y = 1/10; players 1 and 2's,
 * linear in z, meet at one point, (1/2, 1/4, 1/4), where x = y = 1/2 (an isolated regular
 * root, certified first in the search order of the boxes), and coincide where x = y = 1/10 on
 * the line z3 = -1/2048, just outside player 3's simplex (within EP_NEAR), where no equilibrium
 * lies to witness it (on_continuum): an undecided box's Newton run ends on that line and makes
 * the support singular. Reported: the four equilibria of smaller supports.
 */
static void test_singular_after_a_root(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_text(
        "NFG 1 R \"singular after a root\" { \"1\" \"2\" \"3\" } { 2 2 3 }\n"
        "4 -5 0 0 5 -20 4 0 20 0 0 0 -23 4 9 0 4 -5 7 0 -5 0 0 1 "
        "-10245 -10254 0 0 10246 0 10245 0 0 0 0 0\n");
    sc_game_solution *sol = NULL;
    sc_diag d;
    assert_int_equal(solve(g, SC_TEST_TIME_LIMIT(30), 0, 1, &sol, &d), SC_OK);
    assert_int_equal(sc_game_solution_singular(sol), 1);
    char *text = sc_test_format(sol);
    assert_non_null(strstr(text, "singular,11,11,111\n"));
    free(text);
    assert_int_equal(sc_game_solution_count(sol), 4);
    assert_int_equal(check_profiles("singular after a root", g, sol), 4); /* all exact */
    /* the certified root is an equilibrium, and not among the reported */
    const double root[7] = {0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25};
    double regret[3];
    assert_int_equal(sc_game_regret(g, root, regret, NULL), SC_OK);
    for (size_t p = 0; p < 3; p++) {
        assert_true(regret[p] < 1e-12);
    }
    assert_false(found(root, sol, 7, 1e-6));
    sc_game_solution_free(sol);
    sc_game_free(g);
}

/* -e: stops after that many, in the support order (pure profiles first). */
static void test_stop_after(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_file("coord3");
    sc_game_solution *sol = NULL;
    sc_diag d;
    assert_int_equal(solve(g, 0, 2, 0, &sol, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(sol), 2);
    for (size_t i = 0; i < 2; i++) {
        const double *p = sc_game_solution_profile(sol, i);
        for (size_t j = 0; j < 6; j++) {
            assert_true(p[j] == 0 || p[j] == 1);
        }
    }
    sc_game_solution_free(sol);
    sc_game_free(g);
}

/* A time limit stops a long run with what was found; the run is deterministic. */
static void test_time_limit(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_file("bcp2_efg");
    sc_game_solution *sol = NULL;
    sc_diag d;
    double t0 = sc__game_now();
    sc_status rc = solve(g, 0.3, 0, 0, &sol, &d);
    double used = sc__game_now() - t0;
    assert_int_equal(rc, SC_ELIMIT);
    assert_non_null(strstr(d.message, "enumpoly: time limit"));
    assert_true(used < 3);
    if (sol) {
        check_profiles("bcp2_efg", g, sol);
    }
    sc_game_solution_free(sol);
    sc_game_free(g);
    g = sc_test_game_file("2x2x2");
    sc_game_solution *a = NULL, *b = NULL;
    assert_int_equal(solve(g, 0, 0, 0, &a, &d), SC_OK);
    assert_int_equal(solve(g, 0, 0, 0, &b, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(a), 9);
    assert_int_equal(check_profiles("2x2x2", g, a), 9); /* all rational: held exactly */
    assert_int_equal(sc_game_solution_count(a), sc_game_solution_count(b));
    assert_memory_equal(sc_game_solution_profile(a, 0), sc_game_solution_profile(b, 0),
                        sc_game_solution_count(a) * 6 * sizeof(double));
    sc_game_solution_free(a);
    sc_game_solution_free(b);
    sc_game_free(g);
}

/*
 * The search order (Porter, Nudelman and Shoham), read from -v's candidate lines: every support
 * profile once, two players' by |k1 - k2| then k1 + k2, more players' by the total size then
 * the spread (max - min).
 */
static void check_order(const char *name, size_t players, size_t strategies)
{
    sc_game *g = sc_test_game_file(name);
    assert_int_equal(sc_game_players(g), players);
    sc_game_solution *sol = NULL;
    sc_diag d;
    assert_int_equal(solve(g, SC_TEST_TIME_LIMIT(30), 0, 1, &sol, &d), SC_OK);
    char *text = sc_test_format(sol);
    size_t lines = 0, last[2] = {0, 0}, want = 1;
    for (size_t p = 0; p < players; p++) {
        want *= ((size_t)1 << strategies) - 1;
    }
    for (const char *at = text; (at = strstr(at, "candidate,")); lines++) {
        at += strlen("candidate,");
        size_t k[8] = {0}, p = 0;
        for (; *at && *at != '\n'; at++) {
            if (*at == ',') {
                p++;
            } else {
                k[p] += *at == '1';
            }
        }
        assert_int_equal(p + 1, players);
        size_t sum = 0, hi = 0, lo = (size_t)-1;
        for (p = 0; p < players; p++) {
            sum += k[p];
            hi = k[p] > hi ? k[p] : hi;
            lo = k[p] < lo ? k[p] : lo;
        }
        size_t key[2] = {players == 2 ? hi - lo : sum, players == 2 ? sum : hi - lo};
        if (lines > 0 && (key[0] < last[0] || (key[0] == last[0] && key[1] < last[1]))) {
            fail_msg("%s: support %zu (%zu, %zu) after (%zu, %zu)", name, lines + 1, key[0],
                     key[1], last[0], last[1]);
        }
        last[0] = key[0];
        last[1] = key[1];
    }
    assert_int_equal(lines, want);
    free(text);
    sc_game_solution_free(sol);
    sc_game_free(g);
}

static void test_support_order(void **state)
{
    (void)state;
    check_order("coord4", 2, 4);
    check_order("2x2x2", 3, 2);
    check_order("coord333", 3, 3);
}

/*
 * Two threads solving at once (sc_game_solve is safe on distinct solutions): a two-player and a
 * three-player game, each many times, against the answer of a serial run, line by line with -v
 * (every support visited, in the search order). The order of support sizes once came from qsort
 * with a comparator that read the count of players from a static variable set before the sort:
 * a thread sorting while the other set it used the other's count, and a two-player game sorted
 * as a three-player one reads past each entry (past the array at its end) and visits its
 * supports in another order. The games make the sort most of a run: many strategies (900 and
 * 1,000 vectors of support sizes to sort) and -e 1 with a pure equilibrium on the first
 * support, so that the run stops there.
 */
#define THREAD_RUNS 300

typedef struct thread_job {
    const sc_game *g;
    const char *want; /* the serial run's output */
    size_t runs, differ;
} thread_job;

static char *solve_text(const sc_game *g)
{
    sc_game_solution *sol = NULL;
    sc_diag d;
    /* a run takes milliseconds; the limit stops one that does not stop on the first support */
    if (solve(g, SC_TEST_TIME_LIMIT(5), 1, 1, &sol, &d) != SC_OK) {
        return NULL;
    }
    char *text = sc_test_format(sol);
    sc_game_solution_free(sol);
    return text;
}

static void *solve_many(void *arg)
{
    thread_job *job = arg;
    for (size_t r = 0; r < job->runs; r++) {
        char *text = solve_text(job->g);
        job->differ += !text || strcmp(text, job->want) != 0;
        free(text);
    }
    return job;
}

/* A game of n players with m strategies each: payoff 1 to everyone at the first strategies'
   profile, 0 elsewhere (a pure equilibrium there). */
static sc_game *first_profile_game(size_t n, size_t m)
{
    size_t profiles = 1;
    for (size_t p = 0; p < n; p++) {
        profiles *= m;
    }
    size_t cap = 64 + 16 * n + 2 * n * profiles;
    char *text = malloc(cap), *at = text;
    assert_non_null(text);
    at += sprintf(at, "NFG 1 R \"first\" {");
    for (size_t p = 0; p < n; p++) {
        at += sprintf(at, " \"%zu\"", p + 1);
    }
    at += sprintf(at, " } {");
    for (size_t p = 0; p < n; p++) {
        at += sprintf(at, " %zu", m);
    }
    at += sprintf(at, " }\n");
    for (size_t c = 0; c < profiles; c++) {
        for (size_t p = 0; p < n; p++) {
            *at++ = c == 0 ? '1' : '0';
            *at++ = ' ';
        }
    }
    *at = '\0';
    sc_game *g = sc_test_game_text(text);
    free(text);
    return g;
}

static void test_two_threads(void **state)
{
    (void)state;
    sc_game *g2 = first_profile_game(2, 30), *g3 = first_profile_game(3, 10);
    char *want2 = solve_text(g2), *want3 = solve_text(g3);
    assert_non_null(want2);
    assert_non_null(want3);
    /* the serial answers: the first support, the pure equilibrium on it, nothing else */
    assert_non_null(strstr(want2, "candidate,1000"));
    assert_non_null(strstr(want3, "candidate,1000"));
    thread_job jobs[2] = {{g2, want2, THREAD_RUNS, 0}, {g3, want3, THREAD_RUNS, 0}};
    pthread_t t[2];
    for (int k = 0; k < 2; k++) {
        assert_int_equal(pthread_create(&t[k], NULL, solve_many, &jobs[k]), 0);
    }
    for (int k = 0; k < 2; k++) {
        assert_int_equal(pthread_join(t[k], NULL), 0);
    }
    print_message("enumpoly in two threads: %zu of %zu runs of the two-player game and %zu of "
                  "%zu of the three-player one differ from the serial answer\n",
                  jobs[0].differ, jobs[0].runs, jobs[1].differ, jobs[1].runs);
    assert_int_equal(jobs[0].differ, 0);
    assert_int_equal(jobs[1].differ, 0);
    free(want2);
    free(want3);
    sc_game_free(g2);
    sc_game_free(g3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coord3_all_seven),   cmocka_unit_test(test_irrational_equilibrium),
        cmocka_unit_test(test_continuum_singular), cmocka_unit_test(test_stop_after),
        cmocka_unit_test(test_time_limit),         cmocka_unit_test(test_continua_fast),
        cmocka_unit_test(test_pair_support),       cmocka_unit_test(test_singular_not_reported),
        cmocka_unit_test(test_singular_after_a_root),
        cmocka_unit_test(test_support_order),      cmocka_unit_test(test_two_threads),
        cmocka_unit_test(test_every_game),
    };
    /* ENUMPOLY_TEST=test_two_threads runs that test alone */
    const char *only = getenv("ENUMPOLY_TEST");
    if (only) {
        cmocka_set_test_filter(only);
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
