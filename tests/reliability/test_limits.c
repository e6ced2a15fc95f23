/* SPDX-License-Identifier: MIT */
/*
 * Limits stated and enforced consistently (docs/limits.md): one --threads cap for every command,
 * --runs and --basins bounded with errors that name the option at fault first, the landscape searches'
 * actor caps checked before anything n x n is built, and `solve --time-limit` counting the whole
 * run (reading the game included), not only the solver.
 */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <sys/wait.h>
#include <unistd.h>

/* Runs "statecraft ARGS"; returns the exit status, stderr in *err (freed by the caller). */
static int run(char **err, const char *fmt, ...)
{
    char args[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "exec '%s' %s > '%s' 2> '%s' < /dev/null", SC_CLI_PATH, args,
             sc_test_tmp_path("out"), sc_test_tmp_path("err"));
    int st = system(cmd);
    *err = sc_test_slurp(sc_test_tmp_path("err"), NULL);
    return st == -1 || !WIFEXITED(st) ? 128 : WEXITSTATUS(st);
}

/*
 * Expects exit 2 and stderr starting with "statecraft CMD: OPTION" (the option at fault named
 * first) and holding `also` (the limit or the value); the wording is the CLI's (issue 19).
 */
static void expect_usage(const char *want_cmd, const char *option, const char *also,
                         const char *args)
{
    char *err = NULL;
    int rc = run(&err, "%s", args);
    char prefix[512];
    snprintf(prefix, sizeof prefix, "statecraft %s: %s", want_cmd, option);
    if (rc != 2 || strncmp(err, prefix, strlen(prefix)) != 0 || !strstr(err, also)) {
        fail_msg("statecraft %s: exit %d, expected 2 and\n%s ... %s\ngot\n%s", args, rc, prefix,
                 also, err);
    }
    free(err);
}

static void write_actors(const char *path, size_t n)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "statecraft: 1\nmetadata: {title: Many actors, date: 2025-01-01}\nactors:\n");
    for (size_t i = 0; i < n; i++) {
        fprintf(fp, "  - {id: A%zu, name: Actor %zu, capability: %zu}\n", i, i, 1 + i % 7);
    }
    fprintf(fp, "relations:\n");
    for (size_t i = 0; i + 1 < n; i++) {
        fprintf(fp, "  - {pair: [A%zu, A%zu], amity: %.2f}\n", i, i + 1, i % 2 ? 0.5 : -0.5);
    }
    fclose(fp);
}

static int setup(void **state)
{
    (void)state;
    assert_non_null(sc_test_tmp_make("sc_lim"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

static void test_thread_cap(void **state)
{
    (void)state;
    /* one cap, 1024 (as STATECRAFT_THREADS), on every command; 1024 itself is accepted */
    expect_usage("run", "--threads", "1024", "run --threads 1025");
    expect_usage("war", "--threads", "1024", "war --threads 1025");
    expect_usage("landscape", "--threads", "1024", "landscape --threads 1025");
    expect_usage("forecast", "--threads", "1024", "forecast --threads 1025");
    expect_usage("forecast", "--threads", "1024", "forecast --model smp --threads 1025");
    char *err = NULL;
    assert_int_equal(run(&err, "war --runs 200 --threads 1024"), 0);
    free(err);
}

static void test_errors_name_the_option(void **state)
{
    (void)state;
    expect_usage("run", "--runs", "'-1'", "run --runs -1");
    expect_usage("war", "--runs", "'-1'", "war --runs -1");
    expect_usage("run", "--runs", "100000000", "run --runs 0");
    expect_usage("run", "--runs", "100000000", "run --runs 100000001");
    expect_usage("war", "--runs", "100000000", "war --runs 100000001");
    expect_usage("landscape", "--basins", "'x'", "landscape --basins x");
    expect_usage("landscape", "--basins", "10000000", "landscape --basins 10000001");
    expect_usage("run", "--seed", "'-5'", "run --seed -5");
    expect_usage("solve", "--time-limit", "(0, 1000000000]", "solve --time-limit -1");
}

static void test_landscape_actor_caps(void **state)
{
    (void)state;
    char f49[512], f41[512];
    snprintf(f49, sizeof f49, "%s", sc_test_tmp_path("a49.yaml"));
    snprintf(f41, sizeof f41, "%s", sc_test_tmp_path("a41.yaml"));
    write_actors(f49, 49);
    write_actors(f41, 41);
    char *err = NULL;
    char want[1024];
    /* the default (pruned) search takes 48 actors, the exhaustive Gray-code one 40 */
    assert_int_equal(run(&err, "landscape %s", f49), 2);
    snprintf(want, sizeof want,
             "statecraft landscape: %s: error: 49 actors, more than the 48 the two-bloc search "
             "takes (--method pruned",
             f49);
    if (strncmp(err, want, strlen(want)) != 0) {
        fail_msg("expected\n%s\ngot\n%s", want, err);
    }
    free(err);
    assert_int_equal(run(&err, "landscape --method exhaustive %s", f41), 2);
    snprintf(want, sizeof want,
             "statecraft landscape: %s: error: 41 actors, more than the 40 the two-bloc search "
             "takes (--method exhaustive",
             f41);
    if (strncmp(err, want, strlen(want)) != 0) {
        fail_msg("expected\n%s\ngot\n%s", want, err);
    }
    free(err);
    /* 41 actors are within the pruned search's cap (a chain of alternating amities: quick) */
    assert_int_equal(run(&err, "landscape --basins 10 %s", f41), 0);
    free(err);
}

/*
 * --threads 1024 on the landscape searches: each worker used to allocate room for the whole cap
 * of 100,000 minima up front (2.4 MB), 2.4 GB of address space for 1,024 workers, "out of
 * memory" under a 1 GB limit. Now a worker's list grows with the minima it finds, and no more
 * workers start than a quarter of the memory budget could hold full; results are those of one
 * thread. In the gcc build under `ulimit -v` 1 GB; under ASan (whose shadow memory rules
 * ulimit -v out) the same commands without the limit, for the results.
 */
static void test_landscape_threads_memory(void **state)
{
    (void)state;
    char sizes[512], prop[512];
    snprintf(sizes, sizeof sizes, "%s", sc_test_tmp_path("sizes.csv"));
    snprintf(prop, sizeof prop, "%s", sc_test_tmp_path("prop.csv"));
    enum { N = 24 };
    FILE *fs = fopen(sizes, "w"), *fp = fopen(prop, "w");
    assert_non_null(fs);
    assert_non_null(fp);
    fprintf(fs, "actor,size\n");
    unsigned long long x = 20251205;
    double p[N][N] = {{0}};
    for (int i = 0; i < N; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        fprintf(fs, "A%d,%.2f\n", i, 1 + (double)(x >> 40) / (double)(1ULL << 24) * 9);
        for (int j = i + 1; j < N; j++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            p[i][j] = p[j][i] = -2 + (double)((x >> 33) % 401) / 100;
        }
    }
    for (int i = 0; i < N; i++) {
        fprintf(fp, ",A%d", i);
    }
    fputc('\n', fp);
    for (int i = 0; i < N; i++) {
        fprintf(fp, "A%d", i);
        for (int j = 0; j < N; j++) {
            fprintf(fp, i == j ? "," : ",%.2f", p[i][j]);
        }
        fputc('\n', fp);
    }
    fclose(fs);
    fclose(fp);
    const char *methods[] = {"pruned", "exhaustive"};
    for (int m = 0; m < 2; m++) {
        char *err = NULL;
        assert_int_equal(run(&err, "landscape %s %s --method %s --blocs 2 --threads 1 --format json",
                             sizes, prop, methods[m]),
                         0);
        free(err);
        char *one = sc_test_slurp(sc_test_tmp_path("out"), NULL);
        /* ulimit is a shell builtin: through sh, as run() does */
        char cmd[2048];
        snprintf(cmd, sizeof cmd,
                 "%s exec '%s' landscape '%s' '%s' --method %s --blocs 2 --threads 1024 "
                 "--format json > '%s' 2> '%s'",
                 SC_TEST_UNDER_ASAN ? "" : "ulimit -v 1000000;", SC_CLI_PATH, sizes, prop,
                 methods[m], sc_test_tmp_path("out"), sc_test_tmp_path("err"));
        int st = system(cmd);
        err = sc_test_slurp(sc_test_tmp_path("err"), NULL);
        if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            fail_msg("landscape --method %s --threads 1024 under 1 GB: status %d\n%s", methods[m],
                     st, err);
        }
        free(err);
        char *many = sc_test_slurp(sc_test_tmp_path("out"), NULL);
        assert_string_equal(one, many);
        free(one);
        free(many);
    }
}

static void test_time_limit_counts_reading(void **state)
{
    (void)state;
    /*
     * A 600 x 600 game (720,000 payoffs, about 4 MB): reading it takes far more than a
     * millisecond on any machine, so a limit of 1 ms is spent before the solver starts. The
     * limit used to start with the solver: reading was free and the message named the solver.
     */
    char g[512];
    snprintf(g, sizeof g, "%s", sc_test_tmp_path("big.nfg")); /* the path buffers rotate */
    FILE *fp = fopen(g, "w");
    assert_non_null(fp);
    fprintf(fp, "NFG 1 R \"big\" { \"A\" \"B\" } { 600 600 }\n");
    unsigned long long x = 12345;
    for (int k = 0; k < 600 * 600 * 2; k++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        fprintf(fp, "%d ", (int)(x >> 58));
    }
    fputc('\n', fp);
    fclose(fp);
    char *err = NULL;
    assert_int_equal(run(&err, "solve --time-limit 0.001 %s", g), 1);
    char want[1024];
    snprintf(want, sizeof want,
             "statecraft solve: %s: error: --time-limit of 0.001 s reached while reading the "
             "game",
             g);
    if (strncmp(err, want, strlen(want)) != 0) {
        fail_msg("expected\n%s\ngot\n%s", want, err);
    }
    free(err);
    /* nothing on standard output, and with -o no file */
    char *out = sc_test_slurp(sc_test_tmp_path("out"), NULL);
    assert_string_equal(out, "");
    free(out);
    assert_int_equal(run(&err, "solve --time-limit 0.001 -o %s %s", sc_test_tmp_path("eq.txt"), g), 1);
    free(err);
    assert_int_not_equal(access(sc_test_tmp_path("eq.txt"), F_OK), 0);
    /* a generous limit still solves it */
    int rc = run(&err, "solve --time-limit 600 %s", g);
    if (rc != 0) {
        fail_msg("solve --time-limit 600: exit %d\n%s", rc, err);
    }
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thread_cap),
        cmocka_unit_test(test_errors_name_the_option),
        cmocka_unit_test(test_landscape_actor_caps),
        cmocka_unit_test(test_landscape_threads_memory),
        cmocka_unit_test(test_time_limit_counts_reading),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
