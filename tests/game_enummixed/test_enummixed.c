/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
/*
 * enummixed against Gambit's reference (shared/reference/gambit): for every game of the
 * collection that has a gambit-enummixed output, the set of NE lines must equal Gambit's, and the
 * set of cliques (each a set of profile lines) must equal gambit-enummixed -c's; every reported
 * profile must be an exact equilibrium (each player's regret computed with GMP is 0). Games where
 * Gambit ran out of time are solved under a time limit and checked the same way. Plus small games
 * for the degenerate corners: all-zero payoffs, one strategy, payoffs near 1e19, time limit.
 */
#include "sc_game_test.h"

#include <dirent.h>

#include "game/game_internal.h"
#include "scx/scx.h"
#include "statecraft/diag.h"
#include "statecraft/game.h"

#define GAMBIT "reference/gambit/"

/* Seconds granted to each game on which Gambit timed out (60 s in summary.csv). */
#define TIMEOUT_GAME_LIMIT 2.0

/* Under ASan the games Gambit timed out on are run only up to this many pure profiles. */
#define ASAN_MAX_PROFILES 4000

/*
 * Where our set of NE lines differs from Gambit's, and why. The test then requires our answer to
 * be non-empty and every profile an exact equilibrium (and the pure equilibria that exist to be
 * among them), instead of equality.
 */
static const sc_test_exception EXCEPTIONS[] = {
    /* Payoffs near 1e19: Gambit's output is empty with exit status 0, although the game has a
     * pure equilibrium (gambit-enumpure prints it). We report it and one more extreme
     * equilibrium; the test checks both exactly and that every pure equilibrium is ours. */
    {"t_large_payoff_game_efg", "Gambit reports no equilibrium (payoffs near 1e19)"},
};

static const char *exception_reason(const char *game)
{
    return sc_test_exception_reason(EXCEPTIONS, sizeof EXCEPTIONS / sizeof EXCEPTIONS[0], game);
}

/* ---- Helpers ------------------------------------------------------------------------------ */



static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A sorted set of strings. */
typedef struct strset {
    char **s;
    size_t n, cap;
} strset;

static void strset_add(strset *set, const char *s, size_t len)
{
    if (set->n == set->cap) {
        set->cap = set->cap ? 2 * set->cap : 64;
        set->s = realloc(set->s, set->cap * sizeof *set->s);
        assert_non_null(set->s);
    }
    char *c = malloc(len + 1);
    assert_non_null(c);
    memcpy(c, s, len);
    c[len] = '\0';
    set->s[set->n++] = c;
}

static void strset_finish(strset *set)
{
    if (set->n) {
        qsort(set->s, set->n, sizeof *set->s, cmp_str);
    }
    size_t w = 0;
    for (size_t i = 0; i < set->n; i++) {
        if (w > 0 && strcmp(set->s[w - 1], set->s[i]) == 0) {
            free(set->s[i]);
        } else {
            set->s[w++] = set->s[i];
        }
    }
    set->n = w;
}

static void strset_free(strset *set)
{
    for (size_t i = 0; i < set->n; i++) {
        free(set->s[i]);
    }
    free(set->s);
    memset(set, 0, sizeof *set);
}

static int strset_equal(const strset *a, const strset *b)
{
    if (a->n != b->n) {
        return 0;
    }
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->s[i], b->s[i]) != 0) {
            return 0;
        }
    }
    return 1;
}

/* The distinct "NE,..." lines of an output. */
static void ne_lines(const char *text, strset *out)
{
    for (const char *p = text; p && *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len > 3 && strncmp(p, "NE,", 3) == 0) {
            strset_add(out, p, len);
        }
        p = e ? e + 1 : NULL;
    }
    strset_finish(out);
}

/*
 * The cliques of an output: the "convex-K,..." lines grouped by K, each group turned into the
 * sorted, de-duplicated list of its profiles (the part after the first comma) joined by '\n'.
 */
static void clique_set(const char *text, strset *out)
{
    /* collect "K<tab>profile" lines, then group them by K */
    strset tagged;
    memset(&tagged, 0, sizeof tagged);
    for (const char *p = text; p && *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len > 7 && strncmp(p, "convex-", 7) == 0) {
            const char *comma = memchr(p, ',', len);
            assert_non_null(comma);
            char buf[64];
            size_t kl = (size_t)(comma - p) - 7;
            assert_true(kl < 20);
            /* zero-padded clique number so that the sort groups lines by clique */
            snprintf(buf, sizeof buf, "%020llu\t", strtoull(p + 7, NULL, 10));
            size_t bl = strlen(buf), rest = len - (size_t)(comma + 1 - p);
            char *line = malloc(bl + rest + 1);
            assert_non_null(line);
            memcpy(line, buf, bl);
            memcpy(line + bl, comma + 1, rest);
            line[bl + rest] = '\0';
            strset_add(&tagged, line, bl + rest);
            free(line);
        }
        p = e ? e + 1 : NULL;
    }
    strset_finish(&tagged);
    for (size_t i = 0; i < tagged.n;) {
        size_t j = i;
        scx_buf b;
        scx_buf_init(&b);
        while (j < tagged.n && strncmp(tagged.s[j], tagged.s[i], 21) == 0) {
            scx_buf_puts(&b, tagged.s[j] + 21); /* members sorted already, duplicates gone */
            scx_buf_puts(&b, "\n");
            j++;
        }
        strset_add(out, b.data, b.len);
        scx_buf_destroy(&b);
        i = j;
    }
    strset_finish(out);
    strset_free(&tagged);
}


static void check_all_exact(const char *name, const sc_game *g, const sc_game_solution *sol)
{
    for (size_t i = 0; i < sol->count; i++) {
        if (!(sc_game_solution_exact_check(g, sol, i, NULL) == 1)) {
            fail_msg("%s: profile %zu is not an exact equilibrium", name, i);
        }
    }
    double r = sc_game_solution_max_regret(g, sol);
    if (!(r <= 1e-12)) {
        fail_msg("%s: relative regret %g", name, r);
    }
}

static sc_status solve(const sc_game *g, int components, double limit, sc_game_solution **sol,
                       sc_diag *d)
{
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = SC_GAME_ENUMMIXED;
    o.components = components;
    o.time_limit = limit;
    sc_diag_init(d);
    *sol = NULL;
    return sc_game_solve(g, &o, sol, d);
}

/* exit_status of gambit-enummixed (tool "enummixed" or "enummixed_c") for a game, or "" */
static void summary_status(const char *tool, const char *game, char *out, size_t cap)
{
    out[0] = '\0';
    FILE *fp = fopen(sc_test_shared(GAMBIT "expected/summary.csv"), "r");
    assert_non_null(fp);
    char line[2048];
    while (fgets(line, sizeof line, fp)) {
        char *f[12] = {0};
        size_t n = 0;
        char *save = NULL;
        for (char *t = strtok_r(line, ",", &save); t && n < 12; t = strtok_r(NULL, ",", &save)) {
            f[n++] = t;
        }
        if (n >= 10 && strcmp(f[0], game) == 0 && strcmp(f[3], tool) == 0) {
            snprintf(out, cap, "%s", f[9]);
            break;
        }
    }
    fclose(fp);
}

/* The names of the games with an output file for tool, sorted. */
static void games_of(const char *tool, strset *out)
{
    char rel[256], dir[4096];
    snprintf(rel, sizeof rel, GAMBIT "expected/%s", tool);
    snprintf(dir, sizeof dir, "%s", sc_test_shared(rel));
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".out") == 0) {
            strset_add(out, e->d_name, len - 4);
        }
    }
    closedir(d);
    strset_finish(out);
}

/* ---- The reference collection ------------------------------------------------------------- */

typedef struct tally {
    size_t matched, excepted, timed_out_solved, timed_out_limited, skipped_asan;
} tally;

static void run_tool(const char *tool, int components, tally *t)
{
    strset games;
    memset(&games, 0, sizeof games);
    games_of(tool, &games);
    assert_true(games.n > 100);
    for (size_t gi = 0; gi < games.n; gi++) {
        const char *name = games.s[gi];
        char rel[512], path[4096], status[64];
        snprintf(rel, sizeof rel, GAMBIT "games/%s.nfg", name);
        snprintf(path, sizeof path, "%s", sc_test_shared(rel));
        sc_game *g = sc_test_game_path(path);
        snprintf(rel, sizeof rel, GAMBIT "expected/%s/%s.out", tool, name);
        snprintf(path, sizeof path, "%s", sc_test_shared(rel));
        size_t len = 0;
        char *expected = sc_test_slurp(path, &len);
        assert_non_null(expected);
        summary_status(components ? "enummixed_c" : "enummixed", name, status, sizeof status);
        int gambit_timed_out = strcmp(status, "timeout") == 0;
        if (SC_TEST_SANITIZED && gambit_timed_out && g->nprof > ASAN_MAX_PROFILES) {
            /* the 64 x 64 and 12 x 512 games: minutes of instrumented GMP for nothing new */
            t->skipped_asan++;
            free(expected);
            sc_game_free(g);
            continue;
        }
        sc_game_solution *sol = NULL;
        sc_diag d;
        sc_status rc = solve(g, components, gambit_timed_out ? TIMEOUT_GAME_LIMIT : 0, &sol, &d);
        if (gambit_timed_out) {
            assert_true(len == 0);
            if (rc == SC_ELIMIT) {
                t->timed_out_limited++;
                print_message("%s %s: Gambit timed out; ours stopped too, under a %.0f s limit: "
                              "%s\n",
                              tool, name, TIMEOUT_GAME_LIMIT, d.message);
            } else {
                if (rc != SC_OK) {
                    sc_diag_print(&d, stderr);
                    fail_msg("%s: status %d", name, (int)rc);
                }
                check_all_exact(name, g, sol);
                t->timed_out_solved++;
                print_message("%s %s: Gambit timed out; ours: %zu extreme equilibria, %zu "
                              "cliques, all exact\n",
                              tool, name, sol->count, sol->ncomp);
            }
            sc_game_solution_free(sol);
            free(expected);
            sc_game_free(g);
            continue;
        }
        if (rc != SC_OK) {
            sc_diag_print(&d, stderr);
            fail_msg("%s: status %d", name, (int)rc);
        }
        check_all_exact(name, g, sol);
        char *out = NULL;
        assert_int_equal(sc_game_solution_format(sol, -1, &out, NULL, NULL), SC_OK);
        strset ours, theirs;
        memset(&ours, 0, sizeof ours);
        memset(&theirs, 0, sizeof theirs);
        ne_lines(out, &ours);
        ne_lines(expected, &theirs);
        const char *reason = exception_reason(name);
        if (reason) {
            /* our answer differs: it must still be a non-empty set of exact equilibria */
            assert_true(ours.n > 0);
            assert_false(strset_equal(&ours, &theirs));
            /* the pure equilibria (gambit-enumpure's lines) are extreme: all must be ours */
            snprintf(rel, sizeof rel, GAMBIT "expected/enumpure/%s.out", name);
            snprintf(path, sizeof path, "%s", sc_test_shared(rel));
            char *pure_text = sc_test_slurp(path, &len);
            assert_non_null(pure_text);
            strset pure;
            memset(&pure, 0, sizeof pure);
            ne_lines(pure_text, &pure);
            assert_true(pure.n > 0);
            for (size_t i = 0; i < pure.n; i++) {
                assert_non_null(bsearch(&pure.s[i], ours.s, ours.n, sizeof *ours.s, cmp_str));
            }
            strset_free(&pure);
            free(pure_text);
            print_message("%s %s: differs from Gambit (%s); ours: %zu exact equilibria\n", tool,
                          name, reason, ours.n);
            t->excepted++;
        } else {
            if (!strset_equal(&ours, &theirs)) {
                fail_msg("%s: %zu NE lines, Gambit %zu", name, ours.n, theirs.n);
            }
            assert_int_equal(ours.n, sol->count); /* each equilibrium reported once */
            if (components) {
                strset cq, cg;
                memset(&cq, 0, sizeof cq);
                memset(&cg, 0, sizeof cg);
                clique_set(out, &cq);
                clique_set(expected, &cg);
                if (!strset_equal(&cq, &cg)) {
                    fail_msg("%s: %zu cliques, Gambit %zu", name, cq.n, cg.n);
                }
                strset_free(&cq);
                strset_free(&cg);
            }
            t->matched++;
        }
        strset_free(&ours);
        strset_free(&theirs);
        sc_free(out);
        sc_game_solution_free(sol);
        free(expected);
        sc_game_free(g);
    }
    strset_free(&games);
}

static void test_reference_equilibria(void **state)
{
    (void)state;
    tally t = {0};
    run_tool("enummixed", 0, &t);
    print_message("enummixed: %zu games equal to Gambit, %zu documented exceptions, Gambit timed "
                  "out on %zu (ours solved %zu, hit our limit on %zu), %zu skipped under ASan\n",
                  t.matched, t.excepted, t.timed_out_solved + t.timed_out_limited,
                  t.timed_out_solved, t.timed_out_limited, t.skipped_asan);
    assert_true(t.matched > 100);
}

static void test_reference_cliques(void **state)
{
    (void)state;
    tally t = {0};
    run_tool("enummixed_c", 1, &t);
    print_message("enummixed -c: %zu games with equal equilibria and cliques, %zu exceptions\n",
                  t.matched, t.excepted);
    assert_true(t.matched > 100);
}

/* ---- Small games -------------------------------------------------------------------------- */


/* The solution's NE lines, as a set, are exactly the given ones. */
static void expect_lines(const sc_game_solution *sol, const char *lines)
{
    char *s = sc_test_format(sol);
    strset a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    ne_lines(s, &a);
    ne_lines(lines, &b);
    if (!strset_equal(&a, &b)) {
        fail_msg("got\n%s", s);
    }
    strset_free(&a);
    strset_free(&b);
    free(s);
}

static void test_all_zero_payoffs(void **state)
{
    (void)state;
    /* every profile is an equilibrium: the extreme ones are the 4 pure profiles, one clique */
    sc_game *g = sc_test_game_text("NFG 1 R \"\" { \"1\" \"2\" } { 2 2 }\n0 0 0 0 0 0 0 0\n");
    sc_game_solution *sol = NULL;
    sc_diag d;
    assert_int_equal(solve(g, 1, 0, &sol, &d), SC_OK);
    assert_int_equal(sol->count, 4);
    assert_int_equal(sol->ncomp, 1);
    check_all_exact("zero", g, sol);
    expect_lines(sol, "NE,1,0,1,0\nNE,0,1,1,0\nNE,1,0,0,1\nNE,0,1,0,1\n");
    sc_game_solution_free(sol);
    sc_game_free(g);
}

static void test_one_strategy(void **state)
{
    (void)state;
    /* player 1 has one strategy: player 2's best responses 2 and 3 and every mix of them */
    sc_game *g = sc_test_game_text("NFG 1 R \"\" { \"1\" \"2\" } { 1 3 }\n5 1 5 7 5 7\n");
    sc_game_solution *sol = NULL;
    sc_diag d;
    assert_int_equal(solve(g, 1, 0, &sol, &d), SC_OK);
    expect_lines(sol, "NE,1,0,1,0\nNE,1,0,0,1\n");
    assert_int_equal(sol->ncomp, 1);
    assert_int_equal(sol->comp_start[1], 2);
    sc_game_solution_free(sol);
    sc_game_free(g);
    /* and the transposed shape, where the enumeration runs over the other player */
    g = sc_test_game_text("NFG 1 R \"\" { \"1\" \"2\" } { 3 1 }\n1 5 7 5 7 5\n");
    assert_int_equal(solve(g, 0, 0, &sol, &d), SC_OK);
    expect_lines(sol, "NE,0,1,0,1\nNE,0,0,1,1\n");
    sc_game_solution_free(sol);
    sc_game_free(g);
}

static void test_huge_and_fractional_payoffs(void **state)
{
    (void)state;
    /* matching pennies scaled by about 1e19 with fractions: the mixed equilibrium is still 1/2 */
    sc_game *g = sc_test_game_text("NFG 1 R \"\" { \"1\" \"2\" } { 2 2 }\n"
                           "12345678901234567890 -12345678901234567890 "
                           "-12345678901234567890 12345678901234567890 "
                           "-12345678901234567890 12345678901234567890 "
                           "12345678901234567890 -12345678901234567890\n");
    sc_game_solution *sol = NULL;
    sc_diag d;
    assert_int_equal(solve(g, 0, 0, &sol, &d), SC_OK);
    char *s = sc_test_format(sol);
    assert_string_equal(s, "NE,1/2,1/2,1/2,1/2\n");
    free(s);
    sc_game_solution_free(sol);
    sc_game_free(g);
    g = sc_test_game_text("NFG 1 R \"\" { \"1\" \"2\" } { 2 2 }\n1/3 1/2 0 0 0 0 2/9 1/7\n");
    assert_int_equal(solve(g, 0, 0, &sol, &d), SC_OK);
    check_all_exact("fractions", g, sol);
    assert_int_equal(sol->count, 3);
    sc_game_solution_free(sol);
    sc_game_free(g);
}

static void test_time_limit(void **state)
{
    (void)state;
    /* one of the 64 x 64 games Gambit cannot finish in 300 s, with a tiny limit */
    char path[4096];
    snprintf(path, sizeof path, "%s", sc_test_shared(GAMBIT "games/artist2_efg.nfg"));
    sc_game *g = sc_test_game_path(path);
    sc_game_solution *sol = NULL;
    sc_diag d;
    sc_status rc = solve(g, 0, 1e-4, &sol, &d);
    assert_int_equal(rc, SC_ELIMIT);
    assert_non_null(strstr(d.message, "time limit"));
    sc_game_solution_free(sol);
    sc_game_free(g);
}

/*
 * Profile i of sol as text, player 1's block first. With transposed, sol belongs to the
 * transposed game, whose profiles are (the n-block, the m-block).
 */
static void profile_text(const sc_game_solution *sol, size_t i, size_t m, size_t n, int transposed,
                         scx_buf *out)
{
    const mpq_t *q = sol->q + i * sol->width;
    size_t start[2] = {transposed ? n : 0, transposed ? 0 : m}, len[2] = {m, n};
    for (size_t b = 0; b < 2; b++) {
        for (size_t j = 0; j < len[b]; j++) {
            char *t = mpq_get_str(NULL, 10, q[start[b] + j]);
            scx_buf_puts(out, t);
            scx_buf_puts(out, ",");
            free(t);
        }
    }
}

static void solution_set(const sc_game_solution *sol, size_t m, size_t n, int swap, strset *out)
{
    for (size_t i = 0; i < sol->count; i++) {
        scx_buf b;
        scx_buf_init(&b);
        profile_text(sol, i, m, n, swap, &b);
        strset_add(out, b.data, b.len);
        scx_buf_destroy(&b);
    }
    strset_finish(out);
}

/*
 * Random small degenerate games (payoffs in {0, 1, 2}, many ties): the game and its transpose
 * must give the same extreme equilibria and the same number of cliques. The two runs enumerate
 * different polytopes whole (the outer one is the row player's), so this checks the face
 * enumeration against the full one on degenerate input, and every profile is checked exactly.
 */
static void test_transpose_random(void **state)
{
    (void)state;
    uint64_t seed = 12345;
    for (int trial = 0; trial < 400; trial++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        size_t m = 1 + (size_t)((seed >> 33) % 6), n = 1 + (size_t)((seed >> 40) % 6);
        size_t ns[2] = {m, n}, nt[2] = {n, m};
        sc_game *g = NULL, *h = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_equal(sc_game_new(2, ns, "r", &g, &d), SC_OK);
        assert_int_equal(sc_game_new(2, nt, "t", &h, &d), SC_OK);
        for (size_t i = 0; i < m; i++) {
            for (size_t j = 0; j < n; j++) {
                char a[8], b[8];
                seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                snprintf(a, sizeof a, "%u", (unsigned)((seed >> 35) % 3));
                snprintf(b, sizeof b, "%u", (unsigned)((seed >> 45) % 3));
                assert_int_equal(sc_game_set_payoff(g, i + m * j, 0, a, &d), SC_OK);
                assert_int_equal(sc_game_set_payoff(g, i + m * j, 1, b, &d), SC_OK);
                assert_int_equal(sc_game_set_payoff(h, j + n * i, 0, b, &d), SC_OK);
                assert_int_equal(sc_game_set_payoff(h, j + n * i, 1, a, &d), SC_OK);
            }
        }
        sc_game_solution *sg = NULL, *sh = NULL;
        assert_int_equal(solve(g, 1, 0, &sg, &d), SC_OK);
        assert_int_equal(solve(h, 1, 0, &sh, &d), SC_OK);
        check_all_exact("random", g, sg);
        check_all_exact("random transposed", h, sh);
        strset a, b;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        solution_set(sg, m, n, 0, &a);
        solution_set(sh, m, n, 1, &b);
        if (!strset_equal(&a, &b) || a.n != sg->count || sg->ncomp != sh->ncomp) {
            fail_msg("trial %d (%zu x %zu): %zu vs %zu equilibria, %zu vs %zu cliques", trial, m, n,
                     a.n, b.n, sg->ncomp, sh->ncomp);
        }
        assert_true(sg->count > 0); /* every finite game has an equilibrium */
        strset_free(&a);
        strset_free(&b);
        sc_game_solution_free(sg);
        sc_game_solution_free(sh);
        sc_game_free(g);
        sc_game_free(h);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_zero_payoffs),
        cmocka_unit_test(test_one_strategy),
        cmocka_unit_test(test_huge_and_fractional_payoffs),
        cmocka_unit_test(test_time_limit),
        cmocka_unit_test(test_transpose_random),
        cmocka_unit_test(test_reference_equilibria),
        cmocka_unit_test(test_reference_cliques),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
