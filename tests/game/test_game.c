/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
/*
 * The .nfg reader and writer and the pure-strategy solver against Gambit's own collection
 * (shared/reference/gambit): every game reads with the shape MANIFEST.csv gives, survives a
 * write and re-read in both versions, and enumpure prints exactly Gambit's lines in Gambit's
 * order; plus every edge case of format.md section 7 and located errors.
 */
#include "sc_game_test.h"

#include <dirent.h>

#include "game/game_internal.h"
#include "scx/scx.h"
#include "statecraft/game.h"

#define GAMBIT "reference/gambit/"

static sc_game *read_text(const char *text, sc_diag *d)
{
    sc_game *g = NULL;
    sc_diag_init(d);
    if (sc_game_read_nfg(text, strlen(text), "t.nfg", &g, d) != SC_OK) {
        return NULL;
    }
    return g;
}


/* Splits a CSV line of MANIFEST.csv (no quoted commas before the title). */
static size_t split(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, ",\n", &save); t && n < max; t = strtok_r(NULL, ",\n", &save)) {
        f[n++] = t;
    }
    return n;
}

static void test_manifest_shapes(void **state)
{
    (void)state;
    FILE *fp = fopen(sc_test_shared(GAMBIT "games/MANIFEST.csv"), "r");
    assert_non_null(fp);
    char line[4096];
    size_t games = 0;
    assert_non_null(fgets(line, sizeof line, fp)); /* header */
    while (fgets(line, sizeof line, fp)) {
        char *f[16];
        if (split(line, f, 16) < 8) {
            continue;
        }
        sc_game *g = sc_test_game_file(f[0]);
        size_t players = strtoul(f[5], NULL, 10), contingencies = strtoul(f[7], NULL, 10);
        assert_int_equal(sc_game_players(g), players);
        assert_int_equal(sc_game_profiles(g), contingencies);
        char shape[256] = "", part[32];
        for (size_t p = 0; p < players; p++) {
            snprintf(part, sizeof part, "%s%zu", p ? "x" : "", sc_game_strategies(g, p));
            strcat(shape, part);
        }
        if (strcmp(shape, f[6]) != 0) {
            fail_msg("%s: shape %s, MANIFEST says %s", f[0], shape, f[6]);
        }
        assert_int_equal(sc_game_version(g),
                         strcmp(f[3], "payoff") == 0 ? SC_NFG_PAYOFF : SC_NFG_OUTCOME);
        sc_game_free(g);
        games++;
    }
    fclose(fp);
    assert_true(games >= 190);
}

/* Both versions written by statecraft read back to the same exact payoffs and labels. */
static void roundtrip(const sc_game *g, const char *name)
{
    for (int v = 0; v < 2; v++) {
        char *text = NULL;
        size_t len = 0;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_equal(sc_game_write_nfg(g, v ? SC_NFG_PAYOFF : SC_NFG_OUTCOME, &text, &len, &d),
                         SC_OK);
        assert_int_equal(strlen(text), len);
        sc_game *h = NULL;
        if (sc_game_read_nfg(text, len, name, &h, &d) != SC_OK) {
            sc_diag_print(&d, stderr);
            fail_msg("%s: the %s version statecraft wrote does not read", name,
                     v ? "payoff" : "outcome");
        }
        assert_int_equal(sc_game_version(h), v ? SC_NFG_PAYOFF : SC_NFG_OUTCOME);
        assert_int_equal(sc_game_profiles(h), sc_game_profiles(g));
        for (size_t c = 0; c < sc_game_profiles(g); c++) {
            for (size_t p = 0; p < sc_game_players(g); p++) {
                assert_int_equal(mpq_cmp(g->pay[c * g->n + p], h->pay[c * h->n + p]), 0);
            }
        }
        for (size_t p = 0; p < g->n; p++) {
            assert_string_equal(g->player[p], h->player[p]);
            for (size_t s = 0; s < g->ns[p]; s++) {
                assert_string_equal(g->label[p][s], h->label[p][s]);
            }
        }
        assert_string_equal(sc_game_title(g), sc_game_title(h));
        /* `game convert` twice is the identity: h in the other version, read, in this one */
        char *t2 = NULL, *t3 = NULL;
        size_t l2 = 0, l3 = 0;
        sc_game *k = NULL;
        assert_int_equal(sc_game_write_nfg(h, v ? SC_NFG_OUTCOME : SC_NFG_PAYOFF, &t2, &l2, &d),
                         SC_OK);
        assert_int_equal(sc_game_read_nfg(t2, l2, name, &k, &d), SC_OK);
        assert_int_equal(sc_game_write_nfg(k, v ? SC_NFG_PAYOFF : SC_NFG_OUTCOME, &t3, &l3, &d),
                         SC_OK);
        if (l3 != len || memcmp(t3, text, len) != 0) {
            fail_msg("%s: converting the %s version twice changed the text", name,
                     v ? "payoff" : "outcome");
        }
        sc_game_free(k);
        sc_free(t2);
        sc_free(t3);
        sc_game_free(h);
        sc_free(text);
    }
}

/* Gambit's lines of a tool's output file, or NULL if Gambit printed nothing (or no file). */
static char *expected_output(const char *dir, const char *name)
{
    char *t = sc_test_gambit_output(dir, name);
    if (t && !*t) {
        free(t);
        return NULL;
    }
    return t;
}

/*
 * Every game: roundtrip, and enumpure's output equal to Gambit's byte for byte (same lines, same
 * order: profile order with player 1 fastest). Bayesian-Coffee (7^6 profiles, six players)
 * finished only under the 300 s cap (expected_300s/).
 */
static void test_every_game_enumpure_and_roundtrip(void **state)
{
    (void)state;
    DIR *dir = opendir(sc_test_shared(GAMBIT "games"));
    assert_non_null(dir);
    size_t games = 0, compared = 0, equilibria = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".nfg") != 0) {
            continue;
        }
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(n - 4), e->d_name);
        sc_game *g = sc_test_game_file(name);
        if (sc_game_profiles(g) <= 20000) {
            roundtrip(g, name);
        }
        char *want = expected_output("expected/enumpure", name);
        if (!want) {
            want = expected_output("expected_300s/enumpure", name);
        }
        sc_game_solution *sol = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_equal(sc_game_solve(g, NULL, &sol, &d), SC_OK);
        char *got = NULL;
        assert_int_equal(sc_game_solution_format(sol, -1, &got, NULL, &d), SC_OK);
        if (want) {
            if (strcmp(got, want) != 0) {
                fail_msg("%s: enumpure differs from Gambit's:\n%s\nGambit:\n%s", name, got, want);
            }
            compared++;
        } else {
            /* Gambit printed nothing: then there is no pure equilibrium */
            if (sc_game_solution_count(sol) != 0) {
                fail_msg("%s: statecraft finds %zu pure equilibria, Gambit none", name,
                         sc_game_solution_count(sol));
            }
        }
        /* the checkers agree: every reported profile has zero regret, exactly */
        assert_true(sc_game_solution_max_regret(g, sol) <= 1e-12);
        for (size_t k = 0; k < sc_game_solution_count(sol); k++) {
            assert_int_equal(sc_game_solution_exact_check(g, sol, k, NULL), 1);
        }
        equilibria += sc_game_solution_count(sol);
        sc_free(got);
        sc_game_solution_free(sol);
        free(want);
        sc_game_free(g);
        games++;
    }
    closedir(dir);
    print_message("%zu games, %zu with Gambit output compared, %zu pure equilibria\n", games,
                  compared, equilibria);
    assert_true(games >= 190);
    assert_true(compared >= 100);
}

/* format.md section 7, case by case. */
static void test_format_edge_cases(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int ok;
        const char *what; /* message part, or payoff text of player 1 at profile 0 */
    } cases[] = {
        {"NFG 1 R \"\" { \"a\" } { 1 } +1", 0, "invalid number"},
        {"NFG 1 R \"\" { \"a\" } { 1 } 1e+1", 0, "invalid number"},
        {"NFG 1 R \"\" { \"a\" } { 1 } 1e1", 1, "10"},
        {"NFG 1 R \"\" { \"a\" } { 1 } 1.5e-1", 1, "3/20"},
        {"NFG 1 R \"\" { \"a\" } { 1 } .5", 1, "1/2"},
        {"NFG 1 R \"\" { \"a\" } { 1 } 1.", 1, "1"},
        {"NFG 1 R \"\" { \"a\" } { 1 } -1/3", 1, "-1/3"},
        {"NFG 1 R \"\" { \"a\" } { 1 } 123456789012345678901234567890", 1,
         "123456789012345678901234567890"},
        {"NFG 1 R \"\" { \"a\" } { 1 } 0.333333", 1, "333333/1000000"},
        {"NFG 1 R \"\" { \"a\" \"b\" } { 1 1 } 1", 0, "numerical payoff"},
        {"NFG 1 R \"\" { \"a\" } { 1 } 1 2", 0, "end of the file"},
        {"NFG 1 R \"\" { \"a\" } { 1 }\n# comment\n1", 0, "outcome list or payoffs"},
        {"NFG 1 R \"\" { \"a\" } { { a b } } 1 2", 0, "quoted label"},
        {"NFG 1 R \"\" { \"a\" \"b\" } { 1 1 } 1, 2", 0, "no commas between payoffs"},
        {"NFG 1 R \"\" { \"a\" \"b\" } { 1 1 } { { \"\" 1 2 } } 1", 1, "1"},
        {"NFG 1 R \"\" { \"a\" \"b\" } { 1 1 } { { \"\" 1, 2 } } 1", 1, "1"},
        {"NFG 1 R \"\" { \"a\" \"b\" } { { \"x\" } { \"y\" } } 3 4", 1, "3"},
        {"NFG 1 D \"\" { \"a\" } { 1 } 7", 1, "7"},
        {"NFG 1 R \"\" { \"a\" } { 1 } \"one\" \"two\" 7", 0, "outcome list or payoffs"},
        {"NFG 1 R \"\" { \"a\" } { 1 } { { \"\" 1 } } 2", 0, "outcome index beyond"},
        {"NFG 1 R \"two\nlines\" { \"a\" } { 1 } 5", 1, "5"},
        {"NFG 1 R \"\" { \"a\" } { 0 } ", 0, "positive strategy count"},
        {"NFG 2 R \"\" { \"a\" } { 1 } 1", 0, "format version 1"},
        {"", 0, "'NFG' at the start"},
        {"NFG 1 R \"open", 0, ""},
        {"NFG 1 R \"\" { \"a\" } { 1 } { { \"\" 1 } } 0", 1, "0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sc_diag d;
        sc_game *g = read_text(cases[i].text, &d);
        if (cases[i].ok) {
            if (!g) {
                fail_msg("case %zu should read: %s", i, d.message);
            }
            char buf[128];
            sc_game_payoff_text(g, 0, 0, buf, sizeof buf);
            if (strcmp(buf, cases[i].what) != 0) {
                fail_msg("case %zu: payoff %s, expected %s", i, buf, cases[i].what);
            }
            sc_game_free(g);
        } else {
            if (g) {
                fail_msg("case %zu should fail: %s", i, cases[i].text);
            }
            if (!strstr(d.message, cases[i].what) || d.line < 1 || d.column < 1) {
                fail_msg("case %zu: message '%s' (line %d col %d), expected '%s'", i, d.message,
                         d.line, d.column, cases[i].what);
            }
        }
    }
}

/* Errors point at the offending token: line, column and the source line. */
static void test_located_errors(void **state)
{
    (void)state;
    sc_diag d;
    sc_game *g = read_text("NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n\n1 2 3 4\n5 x 7 8\n", &d);
    assert_null(g);
    assert_int_equal(d.line, 4);
    assert_int_equal(d.column, 3);
    assert_string_equal(d.source_line, "5 x 7 8");
    g = read_text("NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n{ { \"o\" 1 2 } }\n1 1 1 9\n", &d);
    assert_null(g);
    assert_int_equal(d.line, 3);
    assert_int_equal(d.column, 7);
    assert_non_null(strstr(d.message, "outcome index beyond the outcome list"));
    /* binary garbage and a lone NUL never crash */
    const char junk[] = "NFG\0\xff\xfe 1 R";
    sc_game *h = NULL;
    sc_diag_init(&d);
    assert_int_not_equal(sc_game_read_nfg(junk, sizeof junk - 1, "j.nfg", &h, &d), SC_OK);
    assert_null(h);
}

/* Empty and repeated labels are normalised as Gambit does (_1, x_1, x_2). */
static void test_label_normalisation(void **state)
{
    (void)state;
    sc_diag d;
    sc_game *g = read_text("NFG 1 R \"\" { \"\" \"p\" } { { \"x\" \"x\" \"\" } { \"y\" } }\n"
                           "1 2 3 4 5 6",
                           &d);
    assert_non_null(g);
    assert_string_equal(g->player[0], "_1");
    assert_string_equal(g->label[0][0], "x_1");
    assert_string_equal(g->label[0][1], "x_2");
    assert_string_equal(g->label[0][2], "_3");
    sc_game_free(g);
}

/* Regret by hand on matching pennies and on a pure profile of the prisoner's dilemma. */
static void test_regret(void **state)
{
    (void)state;
    sc_diag d;
    /* matching pennies: A = [[1,-1],[-1,1]], B = -A; payoff list player 1 fastest */
    sc_game *g = read_text("NFG 1 R \"mp\" { \"1\" \"2\" } { 2 2 }\n"
                           "1 -1 -1 1 -1 1 1 -1",
                           &d);
    assert_non_null(g);
    double half[4] = {0.5, 0.5, 0.5, 0.5}, r[2];
    assert_int_equal(sc_game_regret(g, half, r, &d), SC_OK);
    SC_ASSERT_NEAR(r[0], 0, 1e-15);
    SC_ASSERT_NEAR(r[1], 0, 1e-15);
    double pure[4] = {1, 0, 1, 0}; /* (T, L): player 2 gains 2 by switching */
    assert_int_equal(sc_game_regret(g, pure, r, &d), SC_OK);
    SC_ASSERT_NEAR(r[0], 0, 1e-15);
    SC_ASSERT_NEAR(r[1], 2, 1e-15);
    double skew[4] = {0.75, 0.25, 0.5, 0.5}; /* player 2: L pays -0.5, R pays 0.5, mix 0 */
    assert_int_equal(sc_game_regret(g, skew, r, &d), SC_OK);
    SC_ASSERT_NEAR(r[1], 0.5, 1e-15);
    SC_ASSERT_NEAR(r[0], 0, 1e-15);
    sc_game_free(g);
}

/* The exact checker says no, with the right regret, to a profile that is not an equilibrium. */
static void test_exact_check(void **state)
{
    (void)state;
    sc_game *g = sc_test_game_text("NFG 1 R \"pd\" { \"1\" \"2\" } { 2 2 }\n"
                                   "3 3 5 0 0 5 1 1");
    sc_game_solution *sol = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_game_solve(g, NULL, &sol, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(sol), 1);
    double r = -2;
    assert_int_equal(sc_game_solution_exact_check(g, sol, 0, &r), 1);
    SC_ASSERT_NEAR(r, 0, 0);
    /* turn the answer into (C, C): each player gains 2 by defecting, range 5 */
    mpq_set_ui(sol->q[0], 1, 1);
    mpq_set_ui(sol->q[1], 0, 1);
    mpq_set_ui(sol->q[2], 1, 1);
    mpq_set_ui(sol->q[3], 0, 1);
    assert_int_equal(sc_game_solution_exact_check(g, sol, 0, &r), 0);
    SC_ASSERT_NEAR(r, 2.0 / 5.0, 1e-15);
    mpq_set_ui(sol->q[1], 1, 2); /* player 1's probabilities now sum to 3/2 */
    assert_int_equal(sc_game_solution_exact_check(g, sol, 0, &r), 0);
    SC_ASSERT_NEAR(r, -1, 0);
    assert_int_equal(sc_game_solution_exact_check(g, sol, 1, &r), -1);
    sc_game_solution_free(sol);
    sc_game_free(g);
}

static void test_methods_and_arguments(void **state)
{
    (void)state;
    sc_game_method m;
    assert_int_equal(sc_game_method_parse("enummixed", &m, NULL), SC_OK);
    assert_int_equal(m, SC_GAME_ENUMMIXED);
    assert_string_equal(sc_game_method_name(SC_GAME_SIMPDIV), "simpdiv");
    assert_int_equal(sc_game_method_parse("gnm", &m, NULL), SC_OK);
    assert_int_equal(m, SC_GAME_GNM);
    assert_int_equal(sc_game_method_parse("liapp", &m, NULL), SC_ENOTFOUND);
    sc_game *g = sc_test_game_file("2x2x2");
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = SC_GAME_LCP;
    sc_game_solution *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_game_solve(g, &o, &s, &d), SC_EUNSUPPORTED);
    assert_null(s);
    assert_non_null(strstr(d.message, "two-player"));
    sc_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_manifest_shapes),
        cmocka_unit_test(test_every_game_enumpure_and_roundtrip),
        cmocka_unit_test(test_format_edge_cases),
        cmocka_unit_test(test_located_errors),
        cmocka_unit_test(test_label_normalisation),
        cmocka_unit_test(test_regret),
        cmocka_unit_test(test_exact_check),
        cmocka_unit_test(test_methods_and_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
