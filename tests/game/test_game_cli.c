/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
/* `statecraft solve` and `statecraft game` as a script would use them. */
#include "sc_test.h"

#include <jansson.h>
#include <sys/wait.h>
#include <unistd.h>

#define GAMES SC_SHARED_DIR "/reference/gambit/games/"
#define EXPECTED SC_SHARED_DIR "/reference/gambit/expected/"

static char *run(const char *args, int status, char **err)
{
    char *out = NULL, *e = NULL;
    int rc = sc_test_run_cli(args, &out, &e);
    if (rc != status) {
        fail_msg("statecraft %s: exit %d, expected %d\n%s%s", args, rc, status, out, e);
    }
    if (err) {
        *err = e;
    } else {
        free(e);
    }
    return out;
}

static void test_solve_prints_gambit_lines(void **state)
{
    (void)state;
    char *out = run("solve -q " GAMES "coord333.nfg", 0, NULL);
    char *want = sc_test_slurp(EXPECTED "enumpure/coord333.out", NULL);
    assert_non_null(want);
    assert_string_equal(out, want);
    free(out);
    free(want);
    out = run("solve --method enumpure -d 2 " GAMES "pd.nfg", 0, NULL);
    assert_string_equal(out, "NE,0.00,1.00,0.00,1.00\n");
    free(out);
}

static void test_solve_errors(void **state)
{
    (void)state;
    char *err = NULL;
    char *out = run("solve --method nosuch " GAMES "pd.nfg", 2, &err);
    assert_non_null(strstr(err, "--method: no method 'nosuch'; the methods are enumpure"));
    free(out);
    free(err);
    out = run("solve --method lcp " GAMES "2x2x2.nfg", 2, &err);
    assert_non_null(strstr(err, "two-player"));
    free(out);
    free(err);
    out = run("solve " SC_SOURCE_DIR "/tests/data/bad/syntax_bad_indent.yaml", 2, &err);
    assert_non_null(strstr(err, "error: expected 'NFG' at the start of the file"));
    assert_non_null(strstr(err, "^"));
    assert_string_equal(out, "");
    free(out);
    free(err);
    out = run("solve", 2, &err);
    free(out);
    free(err);
}

static void test_convert_and_check(void **state)
{
    (void)state;
    char dir[200];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc_game_cli_XXXXXX"));
    assert_non_null(mkdtemp(dir));
    char args[8192], p1[512], p2[512];
    snprintf(p1, sizeof p1, "%s/pay.nfg", dir);
    snprintf(p2, sizeof p2, "%s/out.nfg", dir);
    /* outcome -> payoff -> outcome gives the same equilibria */
    snprintf(args, sizeof args, "game convert --to payoff -o %s " GAMES "coord333.nfg", p1);
    free(run(args, 0, NULL));
    snprintf(args, sizeof args, "game convert -o %s %s", p2, p1);
    free(run(args, 0, NULL));
    snprintf(args, sizeof args, "solve %s", p2);
    char *out = run(args, 0, NULL);
    char *want = sc_test_slurp(EXPECTED "enumpure/coord333.out", NULL);
    assert_string_equal(out, want);
    free(out);
    free(want);
    char *text = sc_test_slurp(p2, NULL);
    assert_non_null(strstr(text, "NFG 1 R"));
    assert_non_null(strstr(text, "{ \""));
    free(text);
    remove(p1);
    remove(p2);
    rmdir(dir);
    /* Gambit's own logit answer on 2x2x2 is not an equilibrium (README): check says so */
    char *err = NULL;
    out = run("game check " GAMES "2x2x2.nfg --from " EXPECTED "logit/2x2x2.out", 1, &err);
    assert_non_null(strstr(out, "NOT an equilibrium"));
    free(out);
    free(err);
    out = run("game check " GAMES "2x2.nfg 1/2,1/2,1/3,2/3", 0, NULL);
    assert_non_null(strstr(out, ": equilibrium"));
    free(out);
    out = run("game check " GAMES "2x2.nfg 1/2,1/2,1/3", 2, &err);
    assert_non_null(strstr(err, "the game needs 4"));
    free(out);
    free(err);
}

/* game check --format csv|json: one record per profile, libcsv's quoting for a player named
 * "Smith, J", exact numbers; bad input writes nothing, --format html is refused with the formats
 * the command has. */
static void test_check_formats(void **state)
{
    (void)state;
    char dir[200];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc-check-XXXXXX"));
    assert_non_null(mkdtemp(dir));
    char game[300], outp[300], args[1200];
    snprintf(game, sizeof game, "%s/bos.nfg", dir);
    snprintf(outp, sizeof outp, "%s/out.csv", dir);
    FILE *fp = fopen(game, "w");
    assert_non_null(fp);
    /* the battle of the sexes: (1,1) pays 2,1, (2,2) pays 1,2, the rest 0 */
    fputs("NFG 1 R \"Battle\" { \"Smith, J\" \"Li\" } { 2 2 }\n\n2 1 0 0 0 0 1 2\n", fp);
    fclose(fp);
    snprintf(args, sizeof args, "game check %s 1,0,1,0 --format csv", game);
    char *out = run(args, 0, NULL);
    assert_string_equal(out, "profile,\"regret Smith, J\",regret Li,max_relative,equilibrium\r\n"
                             "\"1,0,1,0\",0,0,0,true\r\n");
    free(out);
    /* (1,2): each gains 1 by deviating, half the payoff range */
    snprintf(args, sizeof args, "game check %s 1,0,0,1 --format csv -o %s", game, outp);
    out = run(args, 1, NULL);
    assert_string_equal(out, "");
    free(out);
    char *csv = sc_test_slurp(outp, NULL);
    assert_non_null(csv);
    assert_non_null(strstr(csv, "\r\n\"1,0,0,1\",1,1,0.5,false\r\n"));
    free(csv);
    snprintf(args, sizeof args, "game check %s 2/3,1/3,1/3,2/3 --format json", game);
    out = run(args, 0, NULL);
    json_t *doc = json_loads(out, 0, NULL);
    assert_non_null(doc);
    json_t *rec = json_array_get(json_object_get(doc, "profiles"), 0);
    assert_true(json_is_true(json_object_get(rec, "equilibrium")));
    assert_string_equal(json_string_value(json_object_get(rec, "profile")), "2/3,1/3,1/3,2/3");
    assert_int_equal(json_array_size(json_object_get(rec, "regrets")), 2);
    assert_true(json_real_value(json_object_get(rec, "max_relative")) < 1e-12);
    json_decref(doc);
    free(out);
    /* bad input: nothing written, the earlier file left as it was */
    remove(outp);
    char *err = NULL;
    snprintf(args, sizeof args, "game check %s 1,0,1 --format csv -o %s", game, outp);
    free(run(args, 2, &err));
    assert_non_null(strstr(err, "the game needs 4"));
    free(err);
    assert_int_not_equal(access(outp, F_OK), 0);
    snprintf(args, sizeof args, "game check %s 1,0,1,0 --format html", game);
    free(run(args, 2, &err));
    assert_non_null(strstr(err, "'game check' draws no charts; its formats are text, json or csv"));
    free(err);
    snprintf(args, sizeof args, "game convert %s --format csv", game);
    free(run(args, 2, &err));
    assert_non_null(strstr(err, "--to outcome, payoff or efg"));
    free(err);
    remove(game);
    rmdir(dir);
}

/* solve --format csv: Gambit's lines under a header naming each column (strategies of a
 * strategic-form game, actions of a tree's information sets), labels quoted by libcsv. */
static void test_solve_csv(void **state)
{
    (void)state;
    char *out = run("solve --method enummixed --format csv " GAMES "2x2.nfg", 0, NULL);
    assert_string_equal(out, "line,Player 1: 1,Player 1: 2,Player 2: 1,Player 2: 2\n"
                             "NE,1/2,1/2,1/3,2/3\n");
    free(out);
    char dir[200];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc-solve-csv-XXXXXX"));
    assert_non_null(mkdtemp(dir));
    char nfg[300], efg[300], args[700];
    snprintf(nfg, sizeof nfg, "%s/bos.nfg", dir);
    snprintf(efg, sizeof efg, "%s/entry.efg", dir);
    FILE *fp = fopen(nfg, "w");
    assert_non_null(fp);
    fputs("NFG 1 R \"Battle\" { \"Smith, J\" \"Li\" } { 2 2 }\n\n2 1 0 0 0 0 1 2\n", fp);
    fclose(fp);
    fp = fopen(efg, "w");
    assert_non_null(fp);
    fputs("EFG 2 R \"Entry\" { \"Entrant\" \"Incumbent\" }\n\"\"\n\n"
          "p \"\" 1 1 \"enter?\" { \"In\" \"Out\" } 0\n"
          "p \"\" 2 1 \"fight?\" { \"Fight\" \"Accommodate\" } 0\n"
          "t \"\" 1 \"FF\" { -1, -1 }\n"
          "t \"\" 2 \"FA\" { 1, 1 }\n"
          "t \"\" 3 \"O\" { 0, 2 }\n",
          fp);
    fclose(fp);
    snprintf(args, sizeof args, "solve --format csv %s", nfg);
    out = run(args, 0, NULL);
    assert_string_equal(out, "line,\"Smith, J: 1\",\"Smith, J: 2\",Li: 1,Li: 2\n"
                             "NE,1,0,1,0\nNE,0,1,0,1\n");
    free(out);
    /* a tree: one column per action of each information set; the rows are Gambit's lines */
    snprintf(args, sizeof args, "solve --format csv %s", efg);
    out = run(args, 0, NULL);
    snprintf(args, sizeof args, "solve %s", efg);
    char *text = run(args, 0, NULL);
    static const char head[] = "line,Entrant: enter?: In,Entrant: enter?: Out,"
                               "Incumbent: fight?: Fight,Incumbent: fight?: Accommodate\n";
    assert_int_equal(strncmp(out, head, sizeof head - 1), 0);
    assert_string_equal(out + sizeof head - 1, text);
    assert_non_null(strstr(text, "NE,"));
    free(out);
    free(text);
    char *err = NULL;
    snprintf(args, sizeof args, "solve -D --format csv %s", nfg);
    free(run(args, 2, &err));
    assert_non_null(strstr(err, "-D prints Gambit's detail table"));
    free(err);
    remove(nfg);
    remove(efg);
    rmdir(dir);
}

/* Sorted NE lines of a text, one string, so two outputs compare as sets. */
static char *ne_set(const char *text, const char *prefix)
{
    char *copy = strdup(text), *save = NULL, *lines[4096];
    size_t n = 0, total = 1;
    for (char *t = strtok_r(copy, "\n", &save); t && n < 4096; t = strtok_r(NULL, "\n", &save)) {
        if (strncmp(t, prefix, strlen(prefix)) == 0) {
            lines[n++] = t;
            total += strlen(t) + 1;
        }
    }
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0 && strcmp(lines[j - 1], lines[j]) > 0; j--) {
            char *x = lines[j];
            lines[j] = lines[j - 1];
            lines[j - 1] = x;
        }
    }
    char *out = calloc(total, 1);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(lines[i], lines[i - 1]) != 0) {
            strcat(out, lines[i]);
            strcat(out, "\n");
        }
    }
    free(copy);
    return out;
}

/* Every method through the command line, against Gambit's own output files. */
static void test_every_method(void **state)
{
    (void)state;
    static const struct {
        const char *args, *expected, *prefix;
    } cases[] = {
        {"solve --method enummixed " GAMES "deg1.nfg", EXPECTED "enummixed/deg1.out", "NE,"},
        {"solve --method enummixed -c " GAMES "deg1.nfg", EXPECTED "enummixed_c/deg1.out", "NE,"},
        {"solve --method lcp " GAMES "8x8.nfg", EXPECTED "lcp/8x8.out", "NE,"},
        {"solve --method simpdiv " GAMES "2x2x2.nfg", EXPECTED "simpdiv/2x2x2.out", "NE,"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = run(cases[i].args, 0, NULL);
        char *want = sc_test_slurp(cases[i].expected, NULL);
        assert_non_null(want);
        char *a = ne_set(out, cases[i].prefix), *b = ne_set(want, cases[i].prefix);
        if (strcmp(a, b) != 0) {
            fail_msg("statecraft %s:\n%s\nGambit:\n%s", cases[i].args, a, b);
        }
        free(a);
        free(b);
        free(out);
        free(want);
    }
    /* -c prints as many convex-K lines as Gambit's -c */
    char *out = run("solve --method enummixed -c " GAMES "deg1.nfg", 0, NULL);
    char *want = sc_test_slurp(EXPECTED "enummixed_c/deg1.out", NULL);
    char *a = ne_set(out, "convex-"), *b = ne_set(want, "convex-");
    assert_int_equal(strlen(a), strlen(b));
    free(a);
    free(b);
    free(out);
    free(want);
    /* logit prints 6 significant digits: compare numerically, as tests/game_logit does */
    out = run("solve --method logit -e " GAMES "8x8.nfg", 0, NULL);
    want = sc_test_slurp(EXPECTED "logit/8x8.out", NULL);
    assert_true(strncmp(out, "NE,", 3) == 0 && strncmp(want, "NE,", 3) == 0);
    const char *x = out + 3, *y = want + 3;
    size_t k = 0;
    for (; *x && *y && *x != '\n'; k++) {
        char *ex, *ey;
        double u = strtod(x, &ex), v = strtod(y, &ey);
        SC_ASSERT_NEAR(u, v, 1e-6 + 5e-6 * fabs(v));
        x = *ex == ',' ? ex + 1 : ex;
        y = *ey == ',' ? ey + 1 : ey;
    }
    assert_int_equal(k, 16);
    free(out);
    free(want);
    /* logit --path: lambda lines from the centroid, then the NE line */
    out = run("solve --method logit --path " GAMES "2x2.nfg", 0, NULL);
    assert_true(strncmp(out, "0.000000,0.5,0.5,0.5,0.5\n", 25) == 0);
    assert_non_null(strstr(out, "\nNE,0.5,0.5,0.333333,0.666667\n"));
    free(out);
}

/* A time-out prints what was found and fails; with -o it writes nothing at all. */
static void test_time_limit(void **state)
{
    (void)state;
    char *err = NULL;
    /* artist2 (64x64) has too many vertices to enumerate in half a second */
    char *out = run("solve --method enummixed --time-limit 0.5 " GAMES "artist2_efg.nfg", 1, &err);
    assert_non_null(strstr(err, "time"));
    free(out);
    free(err);
    char dir[200], args[1024], path[600];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc_game_tl_XXXXXX"));
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/out.txt", dir);
    snprintf(args, sizeof args,
             "solve --method lcp --time-limit 1e-9 -o %s " GAMES "montyhal_efg.nfg", path);
    free(run(args, 1, NULL));
    assert_int_not_equal(access(path, F_OK), 0);
    rmdir(dir);
}

#define EFG SC_SHARED_DIR "/reference/gambit/efg/"

/* Lines of text starting with prefix. */
static size_t count_lines(const char *text, const char *prefix)
{
    size_t n = 0, k = strlen(prefix);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        n += strncmp(p, prefix, k) == 0;
    }
    return n;
}

/* Runs the CLI with args and the file on standard input; its standard output (exit 0 checked). */
static char *run_stdin(const char *args, const char *input)
{
    char outp[200], cmd[4096];
    snprintf(outp, sizeof outp, "%s", sc_test_tmp_path("sc_game_stdin_XXXXXX"));
    int fd = mkstemp(outp);
    assert_true(fd >= 0);
    close(fd);
    snprintf(cmd, sizeof cmd, "'%s' %s < '%s' > '%s'", SC_CLI_PATH, args, input, outp);
    int st = system(cmd);
    assert_true(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0);
    char *out = sc_test_slurp(outp, NULL);
    unlink(outp);
    return out;
}

/*
 * The gambit-* drop-ins (issue 19): each tool's options with Gambit's meanings, standard input,
 * logit's branch by default, -e, -D, -P, given perturbations, and every option the chosen method
 * does not take refused (exit 2, naming the option and the tool's options).
 */
static void test_gambit_drop_in(void **state)
{
    (void)state;
    char *err = NULL, *want = NULL;
    /* standard input, and the alias equals solve --method */
    char *out = run_stdin("gambit-lcp -q", GAMES "e07.nfg");
    want = sc_test_slurp(EXPECTED "lcp/e07.out", NULL);
    assert_string_equal(out, want);
    free(out);
    out = run_stdin("solve --method lcp -q -", GAMES "e07.nfg");
    assert_string_equal(out, want);
    free(out);
    free(want);
    /* gambit-logit prints the branch, then NE; -e only the NE line (Gambit's meaning of -e) */
    out = run("gambit-logit " GAMES "2x2.nfg", 0, NULL);
    assert_true(strncmp(out, "0.000000,0.5,0.5,0.5,0.5\n", 25) == 0);
    assert_true(count_lines(out, "") > 10); /* the branch: lambda,p... lines */
    assert_int_equal(count_lines(out, "NE,"), 1);
    assert_non_null(strstr(out, "\nNE,0.5,0.5,0.333333,0.666667\n"));
    free(out);
    out = run("solve --method logit -e " GAMES "2x2.nfg", 0, NULL);
    assert_string_equal(out, "NE,0.5,0.5,0.333333,0.666667\n");
    free(out);
    /* lcp's -e N stops after N equilibria (Gambit's meaning for gambit-lcp) */
    out = run("gambit-lcp -e 1 " GAMES "e07.nfg", 0, NULL);
    assert_int_equal(count_lines(out, "NE,"), 1);
    free(out);
    /* an option another method has is refused, naming the tool's own options */
    out = run("solve --method lcp -c " GAMES "2x2.nfg", 2, &err);
    assert_non_null(strstr(err, "-c is not an option of gambit-lcp (it takes"));
    free(out);
    free(err);
    out = run("gambit-logit -r 3 " GAMES "2x2.nfg", 2, &err);
    assert_non_null(strstr(err, "-r is not an option of gambit-logit"));
    assert_string_equal(out, "");
    free(out);
    free(err);
    out = run("gambit-enummixed -e 2 " GAMES "2x2.nfg", 2, &err);
    assert_non_null(strstr(err, "-e is not an option of gambit-enummixed"));
    free(out);
    free(err);
    /* Gambit options statecraft does not implement say so */
    out = run("gambit-logit -l 2 " GAMES "2x2.nfg", 2, &err);
    assert_non_null(strstr(err, "-l of gambit-logit is not supported"));
    free(out);
    free(err);
    out = run("gambit-simpdiv -r 8 " GAMES "2x2.nfg", 2, &err);
    assert_non_null(strstr(err, "-r of gambit-simpdiv is not supported"));
    free(out);
    free(err);
    out = run("gambit-lcp -e", 2, &err);
    assert_non_null(strstr(err, "needs a value"));
    free(out);
    free(err);
    /* -D: Gambit's detail table; on pd.nfg (D, D) with values 0 and 1 for each player */
    out = run("gambit-enumpure -q -D " GAMES "pd.nfg", 0, NULL);
    assert_string_equal(out, "Strategy profile for player 1:\n"
                             "Strategy   Prob          Value\n"
                             "--------   -----------   -----------\n"
                             "       1             0             0\n"
                             "       2             1             1\n"
                             "Strategy profile for player 2:\n"
                             "Strategy   Prob          Value\n"
                             "--------   -----------   -----------\n"
                             "       1             0             0\n"
                             "       2             1             1\n");
    free(out);
    /* exact values against a mixed profile: 2x2's mixed equilibrium makes each player
       indifferent (value 2/3 for player 1's strategies, 1/2 for player 2's) */
    out = run("gambit-lcp -D " GAMES "2x2.nfg", 0, NULL);
    assert_non_null(strstr(out, "       1           1/2           2/3\n"
                                "       2           1/2           2/3\n"));
    assert_non_null(strstr(out, "       1           1/3           1/2\n"
                                "       2           2/3           1/2\n"));
    free(out);
    /* enummixed's -D is Gambit's "no dominance elimination": the same NE lines */
    out = run("gambit-enummixed -D " GAMES "pd.nfg", 0, NULL);
    assert_string_equal(out, "NE,0,1,0,1\n");
    free(out);
    out = run("gambit-lcp -D " EFG "e10.efg", 2, &err);
    assert_non_null(strstr(err, "add -S"));
    free(out);
    free(err);
    /* -P on a tree of perfect information: the subgame-perfect equilibria, a subset of the
       pure equilibria (lcp and lp report one) */
    char *all = run("gambit-enumpure -q " EFG "e10.efg", 0, NULL);
    char *spe = run("gambit-enumpure -q -P " EFG "e10.efg", 0, NULL);
    /* 6 pure Nash equilibria (the centroid at sets their play never reaches), 4 of them
       subgame perfect, each printed with the action chosen at every information set */
    assert_int_equal(count_lines(all, "NE,"), 6);
    assert_int_equal(count_lines(spe, "NE,"), 4);
    assert_null(strstr(spe, "1/2"));
    out = run("gambit-lcp -q -P " EFG "e10.efg", 0, NULL);
    assert_int_equal(count_lines(out, "NE,"), 1);
    assert_non_null(strstr(spe, out));
    free(out);
    free(all);
    free(spe);
    out = run("gambit-lcp -P " EFG "bayes1a.efg", 2, &err);
    assert_non_null(strstr(err, "perfect information"));
    free(out);
    free(err);
    /* gnm -s FILE: given perturbations; -n and -R the seeded ones */
    char dir[200], args[1024], path[600];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc_gambit_XXXXXX"));
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/pert.csv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("1,0,0,1\n", f);
    fclose(f);
    snprintf(args, sizeof args, "gambit-gnm -q -s %s " GAMES "2x2.nfg", path);
    out = run(args, 0, NULL);
    assert_true(strncmp(out, "NE,", 3) == 0);
    free(out);
    f = fopen(path, "w");
    fputs("1,0,0\n", f);
    fclose(f);
    out = run(args, 2, &err);
    assert_non_null(strstr(err, "needs 4 comma-separated numbers"));
    free(out);
    free(err);
    unlink(path);
    rmdir(dir);
    out = run("gambit-gnm -q -n 1 -R 1 " GAMES "coord333.nfg", 0, NULL);
    want = sc_test_slurp(EXPECTED "gnm/coord333.out", NULL);
    assert_string_equal(out, want);
    free(out);
    free(want);
    /* help per tool, and the version */
    out = run("gambit-gnm --help", 0, NULL);
    assert_non_null(strstr(out, "-n COUNT"));
    free(out);
    out = run("solve --method logit --help", 0, NULL);
    assert_non_null(strstr(out, "print only the terminal equilibrium"));
    free(out);
    out = run("gambit-lp -v", 0, NULL);
    assert_non_null(strstr(out, "statecraft "));
    free(out);
}

/* gambit-liap: from the centroid by default, reproducible random starts, its own options. */
static void test_liap(void **state)
{
    (void)state;
    char *err = NULL;
    char *out = run("gambit-liap -q " GAMES "2x2.nfg", 0, NULL);
    assert_string_equal(out, "NE,0.500000,0.500000,0.333333,0.666667\n");
    free(out);
    out = run("solve --method liap -d 2 " GAMES "2x2.nfg", 0, NULL);
    assert_string_equal(out, "NE,0.50,0.50,0.33,0.67\n");
    free(out);
    char *a = run("gambit-liap -n 8 -R 5 " GAMES "coord333.nfg", 0, NULL);
    char *b = run("gambit-liap -n 8 -R 5 " GAMES "coord333.nfg", 0, NULL);
    assert_string_equal(a, b);
    assert_true(count_lines(a, "NE,") >= 2);
    free(a);
    free(b);
    out = run("gambit-liap -c 3 " GAMES "2x2.nfg", 2, &err);
    assert_non_null(strstr(err, "-c is not an option of gambit-liap"));
    free(out);
    free(err);
}

/* gambit-enumpoly: Gambit's lines and options (-e, -d, -v, -m), a tree on its reduced form. */
static void test_enumpoly(void **state)
{
    (void)state;
    char *err = NULL;
    char *out = run("gambit-enumpoly -q " GAMES "2x2x2.nfg", 0, NULL);
    char *want = sc_test_slurp(EXPECTED "enumpoly/2x2x2.out", NULL);
    assert_non_null(want);
    char *a = ne_set(out, "NE,"), *b = ne_set(want, "NE,");
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(want);
    free(out);
    out = run("solve --method enumpoly -e 1 -d 2 " GAMES "2x2x2.nfg", 0, NULL);
    assert_string_equal(out, "NE,1.00,0.00,1.00,0.00,1.00,0.00\n");
    free(out);
    out = run("gambit-enumpoly -v -m 1e-6 " GAMES "2x2.nfg", 0, NULL);
    assert_true(count_lines(out, "candidate,") == 9);
    assert_non_null(strstr(out, "candidate,11,11\nNE,0.500000,0.500000,0.333333,0.666667\n"));
    free(out);
    out = run("gambit-enumpoly -S -q " SC_SHARED_DIR "/reference/gambit/efg/2x2x2.efg", 0, NULL);
    assert_true(count_lines(out, "NE,") >= 1);
    free(out);
    out = run("gambit-enumpoly -c 3 " GAMES "2x2.nfg", 2, &err);
    assert_non_null(strstr(err, "-c is not an option of gambit-enumpoly"));
    free(out);
    free(err);
    out = run("gambit-enumpoly -m 2 " GAMES "2x2.nfg", 2, &err);
    assert_non_null(strstr(err, "-m must be in (0, 1)"));
    free(out);
    free(err);
}

/* game export --efg: the scenario's negotiation tree, which the library reads back. */
static void test_export(void **state)
{
    (void)state;
    char *err = NULL;
    char *given = run("game export --efg", 0, NULL);
    assert_true(strncmp(given, "EFG 2 R \"Ceasefire negotiation: USA proposes", 44) == 0);
    assert_null(strstr(given, "\nc \"\" 1 \"private costs\""));
    char *retrench = run("game export --efg --variant retrench", 0, NULL);
    assert_string_not_equal(given, retrench); /* the variant moves the values */
    char *uncertain = run("game export --efg --uncertain", 0, NULL);
    assert_non_null(strstr(uncertain, "\nc \"\" 1 \"private costs\""));
    char path[200];
    snprintf(path, sizeof path, "%s", sc_test_tmp_path("sc_export_XXXXXX"));
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char args[256];
    snprintf(args, sizeof args, "game export --efg --before-events -o %s", path);
    free(run(args, 0, NULL));
    snprintf(args, sizeof args, "game convert --to efg %s", path);
    char *back = run(args, 0, NULL); /* reads back */
    assert_true(strncmp(back, "EFG 2 R", 7) == 0);
    unlink(path);
    char *out = run("game export --efg --variant nosuch", 2, &err);
    assert_non_null(strstr(err, "nosuch"));
    free(out);
    free(err);
    free(back);
    free(given);
    free(retrench);
    free(uncertain);
}

/* The test's own scratch directory (sc_test_tmp_make: under $TMPDIR or the build tree, never a
 * fixed path in /tmp): two builds running ctest at once never share a file. */
static int scratch_setup(void **state)
{
    (void)state;
    return sc_test_tmp_make("sc_game_cli_") ? 0 : -1;
}

static int scratch_teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_solve_prints_gambit_lines),
        cmocka_unit_test(test_solve_errors),
        cmocka_unit_test(test_convert_and_check),
        cmocka_unit_test(test_check_formats),
        cmocka_unit_test(test_solve_csv),
        cmocka_unit_test(test_every_method),
        cmocka_unit_test(test_time_limit),
        cmocka_unit_test(test_gambit_drop_in),
        cmocka_unit_test(test_liap),
        cmocka_unit_test(test_enumpoly),
        cmocka_unit_test(test_export),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
