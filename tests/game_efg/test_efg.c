/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
/*
 * The .efg reader and writer and the reduced strategic form against Gambit's collection
 * (shared/reference/gambit/efg): every file reads; every one of Gambit's 135 conversions
 * (games/NAME_efg.nfg) is reproduced byte for byte (strategies, labels, order, exact payoffs);
 * every game survives write and re-read; and every malformed input of the issue gets a located
 * error.
 */
#include "sc_game_test.h"

#include <dirent.h>

#include "game/efg_internal.h"
#include "game/exact.h"
#include "statecraft/game.h"
#include "scx/scx.h"

static sc_efg *efg_text(const char *text, sc_diag *d)
{
    sc_efg *e = NULL;
    sc_diag_init(d);
    if (sc_efg_read(text, strlen(text), "t.efg", &e, d) != SC_OK) {
        return NULL;
    }
    return e;
}

static sc_efg *efg_path(const char *path)
{
    size_t len = 0;
    char *text = sc_test_slurp(path, &len);
    if (!text) {
        fail_msg("cannot read %s", path);
    }
    sc_efg *e = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_efg_read(text, len, path, &e, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("%s does not read", path);
    }
    free(text);
    return e;
}

/* The .efg file a conversion came from: MANIFEST's source path with '/' as "__". */
static void efg_name(const char *source, char *out, size_t n)
{
    const char *s = strncmp(source, "contrib/games/", 14) == 0 ? source + 14 : source;
    size_t o = 0;
    for (; *s && o + 3 < n; s++) {
        if (*s == '/') {
            out[o++] = '_';
            out[o++] = '_';
        } else {
            out[o++] = *s;
        }
    }
    out[o] = '\0';
}

/* Every conversion in MANIFEST.csv is reproduced byte for byte by reduced form + nfg writer. */
static void test_reduced_forms_equal_gambits(void **state)
{
    (void)state;
    FILE *fp = fopen(sc_test_shared(SC_TEST_GAMBIT "games/MANIFEST.csv"), "r");
    assert_non_null(fp);
    char line[4096];
    size_t compared = 0;
    while (fgets(line, sizeof line, fp)) {
        char *save = NULL, *game = strtok_r(line, ",", &save), *src = strtok_r(NULL, ",", &save);
        char *origin = strtok_r(NULL, ",", &save);
        if (!origin || strcmp(origin, "efg->nfg") != 0) {
            continue;
        }
        char file[512], rel[1024], path[4096];
        efg_name(src, file, sizeof file);
        snprintf(rel, sizeof rel, SC_TEST_GAMBIT "efg/%s", file);
        snprintf(path, sizeof path, "%s", sc_test_shared(rel));
        sc_efg *e = efg_path(path);
        sc_game *g = NULL;
        sc_diag d;
        sc_diag_init(&d);
        if (sc_efg_reduced_form(e, &g, &d) != SC_OK) {
            fail_msg("%s: %s", file, d.message);
        }
        char *text = NULL;
        assert_int_equal(sc_game_write_nfg(g, SC_NFG_PAYOFF, &text, NULL, &d), SC_OK);
        snprintf(rel, sizeof rel, SC_TEST_GAMBIT "games/%s.nfg", game);
        snprintf(path, sizeof path, "%s", sc_test_shared(rel));
        char *want = sc_test_slurp(path, NULL);
        assert_non_null(want);
        if (strcmp(want, text) != 0) {
            fail_msg("%s: the reduced strategic form differs from Gambit's %s.nfg:\n%s", file,
                     game, text);
        }
        /* and the same game as the reader sees Gambit's file: exact payoffs, labels */
        sc_game *h = sc_test_game_path(path);
        assert_int_equal(sc_game_profiles(h), sc_game_profiles(g));
        for (size_t c = 0; c < g->nprof * g->n; c++) {
            assert_int_equal(mpq_cmp(g->pay[c], h->pay[c]), 0);
        }
        sc_game_free(h);
        free(want);
        sc_free(text);
        sc_game_free(g);
        sc_efg_free(e);
        compared++;
    }
    fclose(fp);
    print_message("%zu conversions identical to Gambit's\n", compared);
    assert_int_equal(compared, 135);
}

/* Every .efg reads, and what statecraft writes reads back to the same game and is a fixpoint. */
static void test_every_efg_reads_and_roundtrips(void **state)
{
    (void)state;
    DIR *dir = opendir(sc_test_shared(SC_TEST_GAMBIT "efg"));
    assert_non_null(dir);
    size_t files = 0, recall = 0;
    struct dirent *ent;
    while ((ent = readdir(dir))) {
        size_t n = strlen(ent->d_name);
        if (n < 5 || strcmp(ent->d_name + n - 4, ".efg") != 0) {
            continue;
        }
        char rel[1024], path[4096];
        snprintf(rel, sizeof rel, SC_TEST_GAMBIT "efg/%s", ent->d_name);
        snprintf(path, sizeof path, "%s", sc_test_shared(rel));
        sc_efg *e = efg_path(path);
        sc_diag d;
        sc_diag_init(&d);
        char *a = NULL, *b = NULL;
        size_t alen = 0;
        assert_int_equal(sc_efg_write(e, &a, &alen, &d), SC_OK);
        sc_efg *f = NULL;
        if (sc_efg_read(a, alen, "rewritten.efg", &f, &d) != SC_OK) {
            sc_diag_print(&d, stderr);
            fail_msg("%s: what statecraft wrote does not read:\n%s", ent->d_name, a);
        }
        assert_int_equal(sc_efg_write(f, &b, NULL, &d), SC_OK);
        assert_string_equal(a, b);
        assert_int_equal(f->nnode, e->nnode);
        assert_int_equal(f->niset, e->niset);
        assert_int_equal(f->width, e->width);
        assert_int_equal(f->perfect_recall, e->perfect_recall);
        for (size_t i = 0; i < e->nout; i++) {
            for (size_t p = 0; p < e->n; p++) {
                assert_int_equal(mpq_cmp(e->out[i].pay[p], f->out[i].pay[p]), 0);
            }
        }
        recall += (size_t)e->perfect_recall;
        sc_efg_free(f);
        sc_efg_free(e);
        sc_free(a);
        sc_free(b);
        files++;
    }
    closedir(dir);
    print_message("%zu .efg files, %zu with perfect recall\n", files, recall);
    assert_int_equal(files, 173);
    assert_true(recall >= 140);
}

/* Structure: information sets in order, offsets, recall and perfect information. */
static void test_structure(void **state)
{
    (void)state;
    sc_diag d;
    /* Selten's horse-like tree with an outcome at a non-terminal node and a shared outcome */
    const char *text = "EFG 2 R \"t\" { \"A\" \"B\" } \"c\"\n"
                       "c \"root\" 1 \"nature\" { \"h\" 1/3 \"l\" 2/3 } 0\n"
                       "p \"\" 1 7 \"x\" { \"a\" \"b\" } 1 \"early\" { 1, 0 }\n"
                       "p \"\" 2 3 \"y\" { \"c\" \"d\" \"e\" } 0\n"
                       "t \"\" 2 \"w\" { 2 3 }\n"
                       "t \"\" 2\n"
                       "t \"\" 0\n"
                       "t \"\" 3 \"z\" { -1/2, 5 }\n"
                       "p \"\" 1 9 \"x2\" { \"f\" \"g\" } 0\n"
                       "t \"\" 2\n"
                       "p \"\" 2 3 0\n"
                       "t \"\" 0\n"
                       "t \"\" 0\n"
                       "t \"\" 1\n";
    sc_efg *e = efg_text(text, &d);
    if (!e) {
        sc_diag_print(&d, stderr);
        fail();
    }
    assert_int_equal(sc_efg_players(e), 2);
    assert_int_equal(sc_efg_nodes(e), 13);
    assert_int_equal(sc_efg_infosets(e, 0), 2);
    assert_int_equal(sc_efg_infosets(e, 1), 1);
    assert_string_equal(sc_efg_infoset_label(e, 0, 1), "x2");
    assert_string_equal(sc_efg_action_label(e, 1, 0, 2), "e");
    assert_int_equal(sc_efg_behaviour_width(e), 2 + 2 + 3);
    assert_int_equal(sc_efg_perfect_recall(e), 1);
    assert_int_equal(sc_efg_perfect_information(e), 0);
    /* reduced form: player 1 has (a|f,g) at x... x and x2 are both reachable: 2 x 2 = 4 */
    sc_game *g = NULL;
    assert_int_equal(sc_efg_reduced_form(e, &g, &d), SC_OK);
    assert_int_equal(sc_game_strategies(g, 0), 4);
    assert_int_equal(sc_game_strategies(g, 1), 3);
    /* profile (x:a, x2:f ; y:c): h (1/3): early {1,0} + w {2,3}; l (2/3): w {2,3} */
    char buf[64];
    sc_game_payoff_text(g, 0, 0, buf, sizeof buf);
    assert_string_equal(buf, "7/3"); /* 1/3 (1 + 2) + 2/3 * 2 */
    sc_game_payoff_text(g, 0, 1, buf, sizeof buf);
    assert_string_equal(buf, "3");
    sc_game_free(g);
    sc_efg_free(e);

    /* one player's information set reached after two different own actions: no recall */
    e = efg_text("EFG 2 R \"\" { \"1\" \"2\" } p \"\" 1 1 \"\" { \"L\" \"R\" } 0 "
                 "p \"\" 1 2 \"\" { \"a\" \"b\" } 0 t \"\" 0 t \"\" 0 "
                 "p \"\" 1 2 \"\" { \"a\" \"b\" } 0 t \"\" 0 t \"\" 0",
                 &d);
    assert_non_null(e);
    assert_int_equal(sc_efg_perfect_recall(e), 0);
    sc_efg_free(e);

    /* perfect information, labels normalized like Gambit's (empty -> _k, repeats -> x_1, x_2) */
    e = efg_text("EFG 2 R \"\" { \"\" \"x\" } p \"\" 1 1 \"\" { \"m\" \"m\" \"\" } 0 t \"\" 0 "
                 "t \"\" 0 p \"\" 2 1 \"\" { \"u\" } 0 t \"\" 0",
                 &d);
    assert_non_null(e);
    assert_int_equal(sc_efg_perfect_information(e), 1);
    assert_string_equal(sc_efg_player_label(e, 0), "_1");
    assert_string_equal(sc_efg_action_label(e, 0, 0, 0), "m_1");
    assert_string_equal(sc_efg_action_label(e, 0, 0, 1), "m_2");
    assert_string_equal(sc_efg_action_label(e, 0, 0, 2), "_3");
    sc_efg_free(e);
}

/* Malformed input: a located error naming the problem, never a crash (issue 17's list). */
static void test_bad_input(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int line, column;
        const char *what;
    } cases[] = {
        /* unbalanced braces */
        {"EFG 2 R \"\" { \"1\" }\np \"\" 1 1 \"\" { \"a\" \"b\" 0\nt \"\" 0\nt \"\" 0", 2, 23,
         "expected a quoted action label or '}'"},
        {"EFG 2 R \"\" { \"1\" }\nt \"\" 1 \"o\" { 1 \n", 3, 1, "expected '}'"},
        {"EFG 2 R \"\" { \"1\" \n", 2, 1, "expected a quoted label or '}'"},
        /* an information set whose nodes have different numbers of actions */
        {"EFG 2 R \"\" { \"1\" \"2\" }\np \"\" 1 1 \"\" { \"L\" \"R\" } 0\n"
         "p \"\" 2 1 \"s\" { \"a\" \"b\" } 0\nt \"\" 0\nt \"\" 0\n"
         "p \"\" 2 1 \"s\" { \"a\" \"b\" \"c\" } 0\nt \"\" 0\nt \"\" 0\nt \"\" 0",
         6, 14, "information set 1 of player 2 has 3 actions here but 2"},
        /* chance probabilities that do not sum to 1 */
        {"EFG 2 R \"\" { \"1\" }\nc \"\" 1 \"\" { \"h\" 1/2 \"t\" 0.49 } 0\nt \"\" 0\nt \"\" 0", 2,
         11, "sum to 99/100, not 1"},
        {"EFG 2 R \"\" { \"1\" }\nc \"\" 1 \"\" { \"h\" -1/2 \"t\" 3/2 } 0\nt \"\" 0\nt \"\" 0", 2,
         17, "cannot be negative"},
        /* a player number out of range */
        {"EFG 2 R \"\" { \"1\" \"2\" }\np \"\" 3 1 \"\" { \"a\" } 0\nt \"\" 0", 2, 6,
         "player number from 1 to 2"},
        {"EFG 2 R \"\" { \"1\" \"2\" }\np \"\" 0 1 \"\" { \"a\" } 0\nt \"\" 0", 2, 6,
         "player number from 1 to 2"},
        /* an outcome referenced but not defined */
        {"EFG 2 R \"\" { \"1\" }\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 4\nt \"\" 0", 3, 6,
         "outcome 4 is referenced but not defined"},
        /* an information set used before it is described */
        {"EFG 2 R \"\" { \"1\" }\np \"\" 1 2 0\nt \"\" 0", 2, 8,
         "information set 2 of player 1 is used before"},
        /* a repeated description that differs */
        {"EFG 2 R \"\" { \"1\" }\np \"\" 1 1 \"\" { \"a\" \"b\" } 1 \"o\" { 1 }\nt \"\" 1 \"o\" { 2 }"
         "\nt \"\" 0",
         3, 6, "outcome 1 is described differently"},
        {"EFG 2 R \"\" { \"1\" }\nc \"\" 1 \"\" { \"a\" 1/2 \"b\" 1/2 } 0\n"
         "c \"\" 1 \"\" { \"a\" 1/3 \"b\" 2/3 } 0\nt \"\" 0\nt \"\" 0\nt \"\" 0",
         3, 6, "probabilities of chance event 1 differ"},
        /* payoffs: too few, too many, invalid */
        {"EFG 2 R \"\" { \"1\" \"2\" }\nt \"\" 1 \"o\" { 1 }", 2, 16,
         "a payoff for each of the 2 players (1 given)"},
        {"EFG 2 R \"\" { \"1\" }\nt \"\" 1 \"o\" { 1 2 }", 2, 12, "more payoffs than players (1)"},
        {"EFG 2 R \"\" { \"1\" }\nt \"\" 1 \"o\" { +1 }", 2, 14, "invalid number"},
        {"EFG 2 R \"\" { \"1\" }\nt \"\" 0 \"o\" { 1 }", 2, 8, "outcome 0 means no outcome"},
        /* the tree: incomplete, too long, wrong node type */
        {"EFG 2 R \"\" { \"1\" }\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 0\n", 4, 1,
         "the file ends before the tree is complete"},
        {"EFG 2 R \"\" { \"1\" }\nt \"\" 0\nt \"\" 0", 3, 1, "the tree is already complete"},
        {"EFG 2 R \"\" { \"1\" }\nx \"\" 0", 2, 1, "expected a node"},
        {"EFG 2 R \"\" { \"1\" }\np \"\" 1 1 \"\" { } 0", 2, 15, "expected a quoted action label"},
        /* the header */
        {"EFG 3 R \"\" { \"1\" }\nt \"\" 0", 1, 5, "format version 2"},
        {"NFG 1 R \"\" { \"1\" } { 1 } 0", 1, 1, "strategic-form game (.nfg)"},
        {"EFG 2 R \"\" { }\nt \"\" 0", 1, 12, "at least one player"},
        {"", 1, 1, "expected 'EFG'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sc_diag d;
        sc_efg *e = efg_text(cases[i].text, &d);
        if (e) {
            fail_msg("case %zu was accepted", i);
        }
        if (!strstr(d.message, cases[i].what) || d.line != cases[i].line ||
            d.column != cases[i].column) {
            fail_msg("case %zu: %d:%d %s (expected %d:%d ...%s...)", i, d.line, d.column,
                     d.message, cases[i].line, cases[i].column, cases[i].what);
        }
        assert_int_equal(d.code, SC_EPARSE);
    }
}

/* Sizes are capped: deep chains are refused with SC_ELIMIT, not a stack overflow later. */
static void test_limits(void **state)
{
    (void)state;
    scx_buf b;
    scx_buf_init(&b);
    scx_buf_puts(&b, "EFG 2 R \"\" { \"1\" }\n");
    for (int i = 0; i < 6000; i++) {
        scx_buf_printf(&b, "p \"\" 1 %d \"\" { \"a\" \"b\" } 0\nt \"\" 0\n", i + 1);
    }
    scx_buf_puts(&b, "t \"\" 0\n");
    sc_efg *e = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_efg_read(b.data, b.len, "deep.efg", &e, &d), SC_ELIMIT);
    assert_non_null(strstr(d.message, "deeper than"));
    assert_true(d.line > 1);
    scx_buf_destroy(&b);
}

void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

/*
 * GNU MP's allocation failures (exact.h): reading a tree with many large exact numbers fails
 * cleanly with a located SC_ENOMEM at every point, leaving nothing behind; converting and solving
 * fail with SC_ENOMEM (what they held is not reclaimed, by design) and leave no region open.
 */
static void test_gmp_oom(void **state)
{
    (void)state;
    scx_buf b;
    scx_buf_init(&b);
    scx_buf_puts(&b, "EFG 2 R \"oom\" { \"1\" \"2\" }\n"
                     "c \"\" 1 \"\" { \"a\" 1/3 \"b\" 2/3 } 0\n");
    for (int k = 0; k < 2; k++) {
        scx_buf_printf(&b, "p \"\" 1 1 \"\" { \"x\" \"y\" } 0\n"
                           "t \"\" %d \"\" { 12345678901234567890123/7%d, -98765432109876543210/3 }\n"
                           "p \"\" 2 1 \"\" { \"l\" \"r\" } 0\n"
                           "t \"\" %d \"\" { 1.5e-30, 31415926535897932384626/1%d }\n"
                           "t \"\" %d \"\" { 2, 3 }\n",
                       3 * k + 1, k + 1, 3 * k + 2, k + 3, 3 * k + 3);
    }
    size_t fired = 0;
    for (long k = 1; k < 100000; k++) {
        sc__gmp_fail_after(k);
        sc_efg *e = NULL;
        sc_diag d;
        sc_diag_init(&d);
        sc_status rc = sc_efg_read(b.data, b.len, "oom.efg", &e, &d);
        sc__gmp_fail_after(0);
        assert_int_equal(sc__gmp_depth(), 0);
        if (rc == SC_OK) {
            sc_efg_free(e);
            break;
        }
        assert_int_equal(rc, SC_ENOMEM);
        assert_null(e);
        assert_true(d.line >= 1);
        assert_non_null(strstr(d.message, "GNU MP"));
        fired++;
    }
    assert_true(fired >= 5);
    sc_efg *e = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_efg_read(b.data, b.len, "oom.efg", &e, &d), SC_OK);
    static const sc_game_method methods[] = {SC_GAME_ENUMPURE, SC_GAME_LCP, SC_GAME_SPE};
    for (size_t m = 0; m < 3; m++) {
        sc_game_solve_options o;
        sc_game_solve_options_init(&o);
        o.method = methods[m];
        fired = 0;
        for (long k = 1; k < 1000000; k += 1 + k / 16) {
            sc_game_solution *s = NULL;
            if (__lsan_disable) {
                __lsan_disable();
            }
            sc__gmp_fail_after(k);
            sc_status rc = sc_efg_solve(e, &o, &s, &d);
            sc__gmp_fail_after(0);
            assert_int_equal(sc__gmp_depth(), 0);
            if (__lsan_enable) {
                __lsan_enable();
            }
            if (rc != SC_ENOMEM) {
                assert_int_equal(rc, m == 2 ? SC_EUNSUPPORTED : SC_OK);
                sc_game_solution_free(s);
                break;
            }
            assert_null(s);
            assert_non_null(strstr(d.message, "GNU MP"));
            fired++;
        }
        if (m < 2 && fired == 0) {
            fail_msg("method %s: no allocation failure was injected",
                     sc_game_method_name(methods[m]));
        }
    }
    sc_efg_free(e);
    scx_buf_destroy(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reduced_forms_equal_gambits),
        cmocka_unit_test(test_every_efg_reads_and_roundtrips),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_gmp_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
