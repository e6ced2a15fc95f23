/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
/*
 * gambit-lcp's method (Lemke-Howson from every label, recursively): on every game Gambit's
 * reference has an lcp output for (found by reading expected/lcp at test time) the set of NE
 * lines equals Gambit's, and every reported profile is an exact equilibrium (regret computed in
 * rationals from the exact payoffs). Plus the options (-e, -r, time limit) and degenerate inputs.
 */
#include "sc_game_test.h"

#include <dirent.h>
#include <gmp.h>

#include "game/game_internal.h"
#include "game/lcp_internal.h"
#include "scx/scx.h"
#include "statecraft/game.h"

#define GAMBIT "reference/gambit/"


/*
 * Games whose lcp set differs from Gambit's, with the reason. Each is still checked: every
 * profile is an exact equilibrium and lies in enummixed's full set of extreme equilibria when
 * Gambit has one.
 */
static const sc_test_exception exceptions[] = {
    /* Gambit aborts ("Column label index out of range", exit -6) and prints nothing; enummixed
       also finds nothing there although a pure equilibrium exists (README). */
    {"t_large_payoff_game_efg", "Gambit crashes on payoffs near 1e19"},
};

static const char *exception_reason(const char *game)
{
    return sc_test_exception_reason(exceptions, sizeof exceptions / sizeof exceptions[0], game);
}



/* ---- sets of NE lines ---------------------------------------------------------------------- */

typedef struct line_set {
    char **line;
    size_t n;
} line_set;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct "NE," lines of text, sorted; *order gets them in text order (with repeats). */
static line_set ne_lines(const char *text, line_set *order)
{
    line_set s = {NULL, 0};
    size_t cap = 0;
    const char *p = text ? text : "";
    while (*p) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len >= 3 && strncmp(p, "NE,", 3) == 0) {
            if (s.n == cap) {
                cap = cap ? 2 * cap : 16;
                s.line = realloc(s.line, cap * sizeof *s.line);
                assert_non_null(s.line);
            }
            s.line[s.n] = malloc(len + 1);
            assert_non_null(s.line[s.n]);
            memcpy(s.line[s.n], p, len);
            s.line[s.n][len] = '\0';
            s.n++;
        }
        p += len + (end ? 1 : 0);
    }
    if (order) {
        order->n = s.n;
        order->line = malloc((s.n ? s.n : 1) * sizeof *order->line);
        assert_non_null(order->line);
        for (size_t i = 0; i < s.n; i++) {
            order->line[i] = strdup(s.line[i]);
        }
    }
    if (s.n) {
        qsort(s.line, s.n, sizeof *s.line, cmp_str);
    }
    size_t k = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (k > 0 && strcmp(s.line[k - 1], s.line[i]) == 0) {
            free(s.line[i]);
        } else {
            s.line[k++] = s.line[i];
        }
    }
    s.n = k;
    return s;
}

static void set_free(line_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->line[i]);
    }
    free(s->line);
    s->line = NULL;
    s->n = 0;
}

static int set_contains(const line_set *s, const char *line)
{
    return s->n && bsearch(&line, s->line, s->n, sizeof *s->line, cmp_str) != NULL;
}

static int sets_equal(const line_set *a, const line_set *b)
{
    if (a->n != b->n) {
        return 0;
    }
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->line[i], b->line[i]) != 0) {
            return 0;
        }
    }
    return 1;
}


static sc_status solve_lcp(const sc_game *g, size_t max_eq, int max_depth, double time_limit,
                           sc_game_solution **sol, sc_diag *d)
{
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = SC_GAME_LCP;
    o.max_equilibria = max_eq;
    o.max_depth = max_depth;
    o.time_limit = time_limit;
    sc_diag_init(d);
    return sc_game_solve(g, &o, sol, d);
}


/* ---- every reference game ------------------------------------------------------------------ */

/*
 * Under ASan a game above this many pure profiles is skipped (the plain build covers it). None of
 * the current collection is: the largest, montyhal_efg (12x512), takes about 20 s there and the
 * whole test about 40 s.
 */
#define SANITIZED_MAX_PROFILES 10000

static void test_every_reference_game(void **state)
{
    (void)state;
    DIR *dir = opendir(sc_test_shared(GAMBIT "expected/lcp"));
    assert_non_null(dir);
    size_t games = 0, same_set = 0, same_order = 0, excepted = 0, skipped = 0, profiles = 0;
    size_t failures = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".out") != 0) {
            continue;
        }
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(n - 4), e->d_name);
        sc_game *g = sc_test_game_file(name);
        assert_int_equal(sc_game_players(g), 2);
        if (SC_TEST_SANITIZED && sc_game_profiles(g) > SANITIZED_MAX_PROFILES) {
            skipped++;
            sc_game_free(g);
            continue;
        }
        games++;
        /* montyhal_efg ran past Gambit's 60 s cap but had printed all its lines: the 300 s
           rerun (expected_300s) printed the same, so either file is the reference */
        char *want_text = sc_test_gambit_output("expected_300s/lcp", name);
        if (!want_text) {
            want_text = sc_test_gambit_output("expected/lcp", name);
        }
        line_set want_order, want = ne_lines(want_text, &want_order);
        sc_game_solution *sol = NULL;
        sc_diag d;
        double t0 = sc__game_now();
        sc_status rc = solve_lcp(g, 0, -1, SC_TEST_TIME_LIMIT(60), &sol, &d);
        double secs = sc__game_now() - t0;
        if (rc != SC_OK) {
            fail_msg("%s: lcp fails: %s", name, d.message);
        }
        char *got_text = sc_test_format(sol);
        line_set got_order, got = ne_lines(got_text, &got_order);
        profiles += sc_game_solution_count(sol);
        for (size_t i = 0; i < sc_game_solution_count(sol); i++) {
            if (!(sc_game_solution_exact_check(g, sol, i, NULL) == 1)) {
                fail_msg("%s: profile %zu is not an exact equilibrium: %s", name, i,
                         got_order.line[i]);
            }
        }
        assert_true(sc_game_solution_max_regret(g, sol) <= 1e-12);
        const char *reason = exception_reason(name);
        if (sets_equal(&got, &want)) {
            same_set++;
            if (reason) {
                fail_msg("%s: listed as an exception but now matches Gambit", name);
            }
            /* the pivoting follows Gambit's, so even the order found is Gambit's */
            int ordered = got_order.n == want_order.n;
            for (size_t i = 0; ordered && i < got_order.n; i++) {
                ordered = strcmp(got_order.line[i], want_order.line[i]) == 0;
            }
            if (!ordered) {
                print_message("%s: same set in another order\nstatecraft:\n%sGambit:\n%s", name,
                              got_text, want_text);
                failures++;
            }
            same_order += (size_t)ordered;
        } else if (reason) {
            /* still every profile must be an extreme equilibrium Gambit's enummixed lists, when
               it lists any (checked exactly above in any case) */
            char *mixed_text = sc_test_gambit_output("expected/enummixed", name);
            line_set mixed = ne_lines(mixed_text, NULL);
            for (size_t i = 0; i < got.n && mixed.n; i++) {
                if (!set_contains(&mixed, got.line[i])) {
                    fail_msg("%s: %s is not among enummixed's extreme equilibria", name,
                             got.line[i]);
                }
            }
            /* enummixed failed too: then a pure profile must be one enumpure lists */
            char *pure_text = mixed.n ? NULL : sc_test_gambit_output("expected/enumpure", name);
            line_set pure = ne_lines(pure_text, NULL);
            for (size_t i = 0; i < got_order.n && !mixed.n; i++) {
                const mpq_t *prof = (const mpq_t *)sol->q + i * sol->width;
                int is_pure = 1;
                for (size_t j = 0; j < sol->width; j++) {
                    is_pure = is_pure && (mpq_sgn(prof[j]) == 0 || mpq_cmp_ui(prof[j], 1, 1) == 0);
                }
                if (is_pure && !set_contains(&pure, got_order.line[i])) {
                    fail_msg("%s: %s is not among enumpure's equilibria", name, got_order.line[i]);
                }
            }
            set_free(&pure);
            free(pure_text);
            print_message("%s: %zu profiles, Gambit %zu (%s)\n", name, got.n, want.n, reason);
            set_free(&mixed);
            free(mixed_text);
            excepted++;
        } else {
            print_message("%s: sets differ (%.2f s)\nstatecraft:\n%sGambit:\n%s", name, secs,
                          got_text, want_text ? want_text : "");
            failures++;
        }
        if (secs > 1) {
            print_message("%s: %.2f s, %zu profiles\n", name, secs, got.n);
        }
        set_free(&want);
        set_free(&want_order);
        set_free(&got);
        set_free(&got_order);
        free(want_text);
        free(got_text);
        sc_game_solution_free(sol);
        sc_game_free(g);
    }
    closedir(dir);
    print_message("%zu games: %zu identical sets (%zu also in Gambit's order), %zu listed "
                  "exceptions, %zu differ; %zu skipped under the sanitizer; %zu profiles\n",
                  games, same_set, same_order, excepted, failures, skipped, profiles);
    assert_int_equal(failures, 0);
    assert_true(games + skipped > 100);
}

/*
 * The 64-bit fast path against GMP from the start: the same profiles in the same order on every
 * reference game up to GMP_CHECK_MAX_PROFILES pure profiles (the larger ones take seconds in GMP
 * in a Debug build), and on the 1e19 game, which needs GMP from the start.
 */
#define GMP_CHECK_MAX_PROFILES 1200

static void test_fast_path_matches_gmp(void **state)
{
    (void)state;
    DIR *dir = opendir(sc_test_shared(GAMBIT "expected/lcp"));
    assert_non_null(dir);
    size_t checked = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".out") != 0) {
            continue;
        }
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(n - 4), e->d_name);
        sc_game *g = sc_test_game_file(name);
        if (sc_game_profiles(g) > GMP_CHECK_MAX_PROFILES) {
            sc_game_free(g);
            continue;
        }
        sc_game_solve_options o;
        sc_game_solve_options_init(&o);
        o.method = SC_GAME_LCP;
        sc_game_solution *run[2];
        sc_diag d;
        sc_diag_init(&d);
        for (int allow_small = 0; allow_small < 2; allow_small++) {
            assert_int_equal(sc__sol_new(g, SC_GAME_LCP, 1, &run[allow_small], &d), SC_OK);
            assert_int_equal(sc__game_lcp_run(g, &o, run[allow_small], allow_small, &d), SC_OK);
        }
        assert_int_equal(run[0]->count, run[1]->count);
        for (size_t i = 0; i < run[0]->count * run[0]->width; i++) {
            if (!mpq_equal(run[0]->q[i], run[1]->q[i])) {
                fail_msg("%s: the 64-bit path and GMP differ at entry %zu", name, i);
            }
        }
        sc_game_solution_free(run[0]);
        sc_game_solution_free(run[1]);
        sc_game_free(g);
        checked++;
    }
    closedir(dir);
    print_message("%zu games: 64-bit and GMP arithmetic agree\n", checked);
    assert_true(checked > 100);
}

/*
 * Payoffs up to 1e9 start the tableaus in 64 bits, but 3x3 minors already need about 90 bits:
 * the paths switch to GMP midway. Same answers as GMP throughout, and all exact equilibria.
 */
static void test_growth_past_64_bits(void **state)
{
    (void)state;
    uint64_t seed = 12345;
    for (int game = 0; game < 6; game++) {
        scx_buf text;
        scx_buf_init(&text);
        size_t n1 = 5 + (size_t)game % 3, n2 = 6;
        scx_buf_printf(&text, "NFG 1 R \"\" { \"1\" \"2\" } { %zu %zu }", n1, n2);
        for (size_t k = 0; k < 2 * n1 * n2; k++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            long v = (long)((seed >> 33) % 2000000001u) - 1000000000;
            scx_buf_printf(&text, " %ld", v);
        }
        sc_game *g = sc_test_game_text(text.data);
        scx_buf_destroy(&text);
        sc_game_solve_options o;
        sc_game_solve_options_init(&o);
        o.method = SC_GAME_LCP;
        sc_game_solution *run[2];
        sc_diag d;
        sc_diag_init(&d);
        for (int allow_small = 0; allow_small < 2; allow_small++) {
            assert_int_equal(sc__sol_new(g, SC_GAME_LCP, 1, &run[allow_small], &d), SC_OK);
            assert_int_equal(sc__game_lcp_run(g, &o, run[allow_small], allow_small, &d), SC_OK);
        }
        assert_true(run[1]->count >= 1);
        assert_int_equal(run[0]->count, run[1]->count);
        for (size_t i = 0; i < run[0]->count * run[0]->width; i++) {
            assert_true(mpq_equal(run[0]->q[i], run[1]->q[i]));
        }
        for (size_t i = 0; i < run[1]->count; i++) {
            assert_true((sc_game_solution_exact_check(g, run[1], i, NULL) == 1));
        }
        sc_game_solution_free(run[0]);
        sc_game_solution_free(run[1]);
        sc_game_free(g);
    }
}

/* ---- options and degenerate inputs --------------------------------------------------------- */

/* -e K: the first K of the full run, in the same order. */
static void test_max_equilibria(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_file("coord4");
    sc_game_solution *all = NULL, *some = NULL;
    sc_diag d;
    assert_int_equal(solve_lcp(g, 0, -1, 0, &all, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(all), 15);
    for (size_t k = 1; k <= 16; k++) {
        assert_int_equal(solve_lcp(g, k, -1, 0, &some, &d), SC_OK);
        size_t want = k < 15 ? k : 15;
        assert_int_equal(sc_game_solution_count(some), want);
        for (size_t i = 0; i < want; i++) {
            for (size_t j = 0; j < sc_game_solution_width(all); j++) {
                assert_true(mpq_equal(some->q[i * some->width + j], all->q[i * all->width + j]));
            }
        }
        sc_game_solution_free(some);
    }
    sc_game_solution_free(all);
    sc_game_free(g);
}

/*
 * -r D: depth 1 keeps only the equilibria reached from the artificial one, so fewer on a game
 * with 75 equilibria; every one of them is in the full set; 0 and -1 mean no limit.
 */
static void test_max_depth(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_file("vonstengel1999_6x6_game_with_75_eq");
    sc_game_solution *all = NULL, *one = NULL, *none = NULL;
    sc_diag d;
    assert_int_equal(solve_lcp(g, 0, -1, 0, &all, &d), SC_OK);
    assert_int_equal(solve_lcp(g, 0, 1, 0, &one, &d), SC_OK);
    assert_int_equal(solve_lcp(g, 0, 0, 0, &none, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(none), sc_game_solution_count(all));
    assert_true(sc_game_solution_count(one) >= 1);
    assert_true(sc_game_solution_count(one) <= 12); /* at most one per label */
    assert_true(sc_game_solution_count(one) < sc_game_solution_count(all));
    char *all_text = sc_test_format(all), *one_text = sc_test_format(one);
    line_set all_set = ne_lines(all_text, NULL), one_set = ne_lines(one_text, NULL);
    for (size_t i = 0; i < one_set.n; i++) {
        assert_true(set_contains(&all_set, one_set.line[i]));
    }
    size_t prev = sc_game_solution_count(one);
    for (int depth = 2; depth <= 4; depth++) {
        sc_game_solution *s = NULL;
        assert_int_equal(solve_lcp(g, 0, depth, 0, &s, &d), SC_OK);
        assert_true(sc_game_solution_count(s) >= prev);
        prev = sc_game_solution_count(s);
        sc_game_solution_free(s);
    }
    set_free(&all_set);
    set_free(&one_set);
    free(all_text);
    free(one_text);
    sc_game_solution_free(all);
    sc_game_solution_free(one);
    sc_game_solution_free(none);
    sc_game_free(g);
}

/* A time limit that cannot be met is reported as SC_ELIMIT, with no solution. */
static void test_time_limit(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_file("w_ex2_efg");
    sc_game_solution *s = NULL;
    sc_diag d;
    assert_int_equal(solve_lcp(g, 0, -1, 1e-9, &s, &d), SC_ELIMIT);
    assert_null(s);
    assert_non_null(strstr(d.message, "time limit"));
    sc_game_free(g);
}

/* Degenerate and extreme games: every answer exact, none missing. */
static void test_degenerate_inputs(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t count; /* expected number of profiles */
        const char *first;
    } cases[] = {
        /* one strategy each */
        {"NFG 1 R \"\" { \"1\" \"2\" } { 1 1 } 3 4", 1, "NE,1,1\n"},
        /* all payoffs zero: every strategy is a best response */
        {"NFG 1 R \"\" { \"1\" \"2\" } { 2 2 } 0 0 0 0 0 0 0 0", 0, NULL},
        /* one player has a single strategy */
        {"NFG 1 R \"\" { \"1\" \"2\" } { 1 3 } 1 0 1 5 1 2", 1, "NE,1,0,1,0\n"},
        /* huge payoffs */
        {"NFG 1 R \"\" { \"1\" \"2\" } { 2 2 } 100000000000000000000000 -1 0 0 0 0 "
         "-1 100000000000000000000000",
         0, NULL},
        /* fractions and negative numbers */
        {"NFG 1 R \"\" { \"1\" \"2\" } { 2 2 } 1/3 -1/3 -1/3 1/3 -1/3 1/3 1/3 -1/3", 1,
         "NE,1/2,1/2,1/2,1/2\n"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        sc_game *g = sc_test_game_text(cases[k].text);
        sc_game_solution *s = NULL;
        sc_diag d;
        assert_int_equal(solve_lcp(g, 0, -1, 10, &s, &d), SC_OK);
        assert_true(sc_game_solution_count(s) >= 1);
        if (cases[k].count) {
            assert_int_equal(sc_game_solution_count(s), cases[k].count);
        }
        for (size_t i = 0; i < sc_game_solution_count(s); i++) {
            assert_true((sc_game_solution_exact_check(g, s, i, NULL) == 1));
        }
        if (cases[k].first) {
            char *t = sc_test_format(s);
            assert_string_equal(t, cases[k].first);
            free(t);
        }
        sc_game_solution_free(s);
        sc_game_free(g);
    }
}

/* More than two players is refused before the method runs. */
static void test_two_players_only(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_file("2x2x2");
    sc_game_solution *s = NULL;
    sc_diag d;
    assert_int_equal(solve_lcp(g, 0, -1, 0, &s, &d), SC_EUNSUPPORTED);
    assert_null(s);
    sc_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_reference_game),
        cmocka_unit_test(test_fast_path_matches_gmp),
        cmocka_unit_test(test_growth_past_64_bits),
        cmocka_unit_test(test_max_equilibria),
        cmocka_unit_test(test_max_depth),
        cmocka_unit_test(test_time_limit),
        cmocka_unit_test(test_degenerate_inputs),
        cmocka_unit_test(test_two_players_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
