/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
/* `statecraft game convert` and `statecraft solve` on extensive-form games, as scripts use them. */
#include "sc_test.h"

#include <sys/wait.h>
#include <unistd.h>

#define GAMBIT SC_SHARED_DIR "/reference/gambit/"

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

/* Runs a shell pipeline in which "SC" stands for the CLI; returns stdout, checks the status. */
static char *pipeline(const char *script, int status, char **err)
{
    char cmd[8192], outp[200], errp[200];
    snprintf(outp, sizeof outp, "%s", sc_test_tmp_path("sc_efg_outXXXXXX"));
    snprintf(errp, sizeof errp, "%s", sc_test_tmp_path("sc_efg_errXXXXXX"));
    int fo = mkstemp(outp), fe = mkstemp(errp);
    assert_true(fo >= 0 && fe >= 0);
    close(fo);
    close(fe);
    snprintf(cmd, sizeof cmd, "SC='%s'; ( %s ) >%s 2>%s", SC_CLI_PATH, script, outp, errp);
    int st = system(cmd);
    char *out = sc_test_slurp(outp, NULL), *e = sc_test_slurp(errp, NULL);
    unlink(outp);
    unlink(errp);
    if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != status) {
        fail_msg("%s: exit %d, expected %d\n%s%s", script, WEXITSTATUS(st), status, out, e);
    }
    if (err) {
        *err = e;
    } else {
        free(e);
    }
    return out;
}

static void test_convert(void **state)
{
    (void)state;
    char *want = sc_test_slurp(GAMBIT "games/bayes2a_efg.nfg", NULL);
    assert_non_null(want);
    char *out = run("game convert " GAMBIT "efg/bayes2a.efg", 0, NULL);
    assert_string_equal(out, want);
    free(out);
    /* from standard input, told apart by content, not by name */
    out = pipeline("$SC game convert < " GAMBIT "efg/bayes2a.efg", 0, NULL);
    assert_string_equal(out, want);
    free(out);
    out = pipeline("cat " GAMBIT "efg/bayes2a.efg | $SC game convert -", 0, NULL);
    assert_string_equal(out, want);
    free(out);
    free(want);
    /* written back as a tree, and that tree converts to the same strategic form */
    out = run("game convert --to efg " GAMBIT "efg/cent3.efg", 0, NULL);
    assert_non_null(strstr(out, "EFG 2 R \"Centipede game."));
    assert_non_null(strstr(out, "c \"\" 1 \"(0,1)\" { \"1=rational\" 99/100 \"1=altruist\" 1/100 } 0\n"));
    free(out);
    out = pipeline("$SC game convert --to efg " GAMBIT "efg/cent3.efg | $SC game convert", 0, NULL);
    want = sc_test_slurp(GAMBIT "games/cent3_efg.nfg", NULL);
    assert_string_equal(out, want);
    free(want);
    free(out);
    /* the outcome version on request */
    out = run("game convert --to outcome " GAMBIT "efg/badgame1.efg", 0, NULL);
    assert_non_null(strstr(out, "{ \"\" 100, 100 }"));
    free(out);
}

static void test_convert_errors(void **state)
{
    (void)state;
    char *err = NULL;
    char *out = run("game convert --to efg " GAMBIT "games/2x2.nfg", 2, &err);
    assert_non_null(strstr(err, "needs an extensive-form game"));
    free(out);
    free(err);
    out = run("game convert --to tree " GAMBIT "efg/cent3.efg", 2, &err);
    assert_non_null(strstr(err, "--to must be outcome, payoff or efg"));
    free(out);
    free(err);
    out = run("game convert " SC_SOURCE_DIR "/tests/fuzz/corpus/efg/bad_chance.efg", 2, &err);
    assert_non_null(strstr(err, "bad_chance.efg:2:11: error: the probabilities of chance event "
                                "1 sum to 99/100, not 1"));
    assert_non_null(strstr(err, "^~~~"));
    assert_string_equal(out, "");
    free(out);
    free(err);
    out = pipeline("$SC game convert < " SC_SOURCE_DIR "/tests/fuzz/corpus/efg/bad_player.efg", 2,
                   &err);
    assert_non_null(strstr(err, "<stdin>:2:6: error: expected a player number from 1 to 2"));
    free(out);
    free(err);
}

/* The test's own scratch directory (sc_test_tmp_make: under $TMPDIR or the build tree, never a
 * fixed path in /tmp): two builds running ctest at once never share a file. */
static int scratch_setup(void **state)
{
    (void)state;
    return sc_test_tmp_make("sc_efg_cli_") ? 0 : -1;
}

static int scratch_teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_convert),
        cmocka_unit_test(test_convert_errors),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
