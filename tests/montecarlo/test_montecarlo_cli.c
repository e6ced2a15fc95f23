/* SPDX-License-Identifier: MIT */
/*
 * `statecraft run --draws`: bad options exit 2 with a clear message and write nothing; the report
 * judges every built-in claim with a probability and its deciding inputs; a run killed with
 * SIGKILL resumes from its checkpoint to the same bytes; a foreign checkpoint is refused.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "sc_scenario_test.h" /* includes sc_test.h; SC_TEST_TERRITORY_ISSUE */

/* A scenario of three actors and the territory issue whose war section starts with its two
 * sides, A = RUS (line 15) and B = UKR (line 16); the caller adds the section's other keys. */
#define WAR_SCENARIO(title)                                                                        \
    "statecraft: 1\n"                                                                              \
    "metadata: {title: " title ", date: 2025-01-01}\n"                                             \
    "actors:\n"                                                                                    \
    "  - {id: USA, name: United States, capability: 3}\n"                                          \
    "  - {id: RUS, name: Russia, capability: 2, milex: 2000, gdp: 1000}\n" SC_TEST_TERRITORY_ISSUE \
    "    UKR: {position: 0, salience: 1}\n"                                                        \
    "war:\n"                                                                                       \
    "  a: RUS\n"                                                                                   \
    "  b: UKR\n"

static void expect_usage(const char *args, const char *msg)
{
    char *out = NULL, *err = NULL;
    int rc = sc_test_run_cli(args, &out, &err);
    assert_int_equal(rc, 2);
    if (!strstr(err, msg)) {
        fail_msg("'%s': expected '%s' in: %s", args, msg, err);
    }
    assert_string_equal(out, "");
    free(out);
    free(err);
}

static void test_bad_options(void **state)
{
    (void)state;
    expect_usage("run --draws 0", "--draws must be between 1 and 1e9");
    expect_usage("run --draws 1e12", "--draws");
    expect_usage("run --draws 2000000000", "--draws must be between 1 and 1e9");
    expect_usage("run --draws -5", "--draws");
    expect_usage("run --draws ten", "--draws");
    expect_usage("run --draws 10 --sensitivity-draws 20",
                 "sensitivity draws (20) cannot exceed the draws (10)");
    expect_usage("run --draws 10 --war-runs 0", "--war-runs must be between 1 and 1e6");
    expect_usage("run --draws 10 --bootstrap 1000000", "--bootstrap must be at most 100000");
    expect_usage("run --checkpoint x.bin", "need --draws");
    expect_usage("run --war-runs 5", "need --draws");
    /* nothing partial is written */
    char out[512];
    snprintf(out, sizeof out, "%s/mc_cli_never.json", SC_BINARY_DIR);
    remove(out);
    char args[700];
    snprintf(args, sizeof args, "run --draws 0 -o %s", out);
    expect_usage(args, "--draws");
    struct stat st;
    assert_int_not_equal(stat(out, &st), 0);
}

/*
 * A spread a model refuses is the located error validate gives, before the first draw: the cost
 * scale's range reaches a war cost per battle of 1.8, which only a draw would meet. Before, the
 * Monte Carlo ran ahead of the check and said "draw 0: 'cost_a' = 1.69798 ..." at another place.
 */
static void test_draw_spread_refused_before_draws(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/mc_cli_cost_scale.yaml", SC_BINARY_DIR);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(WAR_SCENARIO("Cost scale") "  mediator: USA\n"
          "  cost_a: auto\n"
          "  cost_scale: {value: 0.1, range: [0.05, 0.9]}\n",
          f);
    assert_int_equal(fclose(f), 0);
    char args[700];
    snprintf(args, sizeof args, "run %s --draws 20 --sensitivity-draws 2", path);
    expect_usage(args, "mc_cli_cost_scale.yaml:19:42: error: war.cost_scale: a draw reaches 0.9");
    char *out = NULL, *err = NULL;
    snprintf(args, sizeof args, "run %s --draws 20 --sensitivity-draws 2", path);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 2);
    assert_null(strstr(err, "draw 0"));
    free(out);
    free(err);
    remove(path);
}

/* Writes `text` to SC_BINARY_DIR/name and returns the path in path[512]. */
static void write_scenario(const char *name, const char *text, char path[512])
{
    snprintf(path, 512, "%s/%s", SC_BINARY_DIR, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/*
 * An error a model gives only in a draw keeps the FILE:LINE:COL its section's reader gave: each
 * of B's screening costs stays inside the domain over its whole range (so validate and the check
 * of the spreads before the first draw pass: each end is checked with the other number at its
 * point value), but a draw of both can put cost_b_high below cost_b_low, which the war refuses
 * at cost_b_high's node (line 18, column 79). The draw is named, and the location is the node's,
 * not the file's alone. Kills mutant mc-draw-error-keeps-location (the location dropped).
 */
static void test_draw_error_located(void **state)
{
    (void)state;
    char path[512], args[700];
    write_scenario("mc_cli_screening.yaml",
                   WAR_SCENARIO("Screening ranges") "  mediator: USA\n"
                   "  screening: {cost_b_low: {value: 0.001, range: [0.0001, 0.03]}, "
                   "cost_b_high: {value: 0.05, range: [0.01, 0.06]}}\n",
                   path);
    snprintf(args, sizeof args, "validate %s", path);
    char *out = NULL, *err = NULL;
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0); /* each end alone is fine */
    free(out);
    free(err);
    snprintf(args, sizeof args, "run %s --draws 40 --sensitivity-draws 0", path);
    expect_usage(args, "mc_cli_screening.yaml:18:79: error: draw ");
    expect_usage(args, ": cost_b_high must exceed cost_b_low\n"
                       "   18 |   screening: {cost_b_low:");
    remove(path);
}

/*
 * An error at the point values (the models computed once before the draws) says so and keeps
 * the model's location: a front of 200,000 positions is refused by the war at `front`, line 17
 * column 10. Kills mutant mc-point-values-unlocated (the message and its location replaced).
 */
static void test_point_value_error_located(void **state)
{
    (void)state;
    char path[512], args[700];
    write_scenario("mc_cli_front.yaml",
                   WAR_SCENARIO("A long front") "  front: 200000\n",
                   path);
    snprintf(args, sizeof args, "run %s --draws 20", path);
    expect_usage(args, "mc_cli_front.yaml:17:10: error: at the point values: 'front' 200000 "
                       "leaves its domain [1.5, 100000)\n"
                       "   17 |   front: 200000\n");
    remove(path);
}

static void test_report(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    int rc = sc_test_run_cli("run --draws 40 --sensitivity-draws 4 --bootstrap 40", &out, &err);
    assert_int_equal(rc, 0);
    /* no terminal: no progress line */
    assert_null(strstr(err, "draws ("));
    assert_non_null(strstr(out, "Each claim judged in each of its states over 40 draws"));
    const char *ids[] = {"no-reverse-kissinger", "russia-china-bloc", "retrenchment-not-containment",
                         "cost-benefit-ceasefire"};
    for (int i = 0; i < 4; i++) {
        assert_non_null(strstr(out, ids[i]));
    }
    assert_non_null(strstr(out, "P(holds)"));
    assert_non_null(strstr(out, "What decides it"));
    assert_non_null(strstr(out, "Headline numbers under uncertainty"));
    assert_non_null(strstr(out, "us-posture"));
    free(out);
    free(err);
    /* JSON: each claim carries its probability per state */
    rc = sc_test_run_cli("run --draws 20 --sensitivity-draws 2 --bootstrap 20 --format json", &out,
                         &err);
    assert_int_equal(rc, 0);
    json_error_t je;
    json_t *doc = json_loads(out, 0, &je);
    assert_non_null(doc);
    json_t *claims = json_object_get(json_object_get(json_object_get(doc, "models"), "claims"),
                                     "claims");
    assert_int_equal(json_array_size(claims), 4);
    json_t *c0 = json_array_get(claims, 0);
    json_t *st = json_object_get(json_object_get(c0, "states"), "retrench");
    assert_true(json_is_number(json_object_get(st, "p_holds")));
    assert_int_equal(json_array_size(json_object_get(st, "ci95")), 2);
    assert_true(json_is_number(json_object_get(st, "se")));
    assert_int_equal(json_integer_value(json_object_get(st, "draws")), 20);
    assert_true(json_is_array(json_object_get(st, "sensitivity")));
    json_t *c2 = json_array_get(claims, 2); /* one compared judgement: fields on the claim */
    assert_true(json_is_number(json_object_get(c2, "p_holds")));
    json_decref(doc);
    free(out);
    free(err);
}

/* Deletes every member whose key starts with "sensitivity", at any depth. */
static void strip_sensitivity(json_t *v)
{
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            strip_sensitivity(e);
        }
        return;
    }
    if (!json_is_object(v)) {
        return;
    }
    const char *key;
    json_t *e, *tmp;
    json_object_foreach_safe(v, tmp, key, e) {
        if (strncmp(key, "sensitivity", 11) == 0) {
            json_object_del(v, key);
        } else {
            strip_sensitivity(e);
        }
    }
}

static json_t *claims_of(const char *args)
{
    char *out = NULL, *err = NULL;
    int rc = sc_test_run_cli(args, &out, &err);
    if (rc != 0) {
        fprintf(stderr, "%s", err);
    }
    assert_int_equal(rc, 0);
    json_error_t je;
    json_t *doc = json_loads(out, 0, &je);
    assert_non_null(doc);
    json_t *c = json_incref(json_object_get(json_object_get(doc, "models"), "claims"));
    assert_non_null(c);
    json_decref(doc);
    free(out);
    free(err);
    strip_sensitivity(c);
    return c;
}

/* The sensitivity design is made of the draws (docs/uncertainty.md): with base rows (rows A
 * the draws 0, 10, 20, 30, rows B the draws after them) every claim and headline is the same,
 * bit for bit, as without; only the sensitivity lists are added. The built-in scenario's war
 * draws its runs from each draw's model stream, so a row B computed with another draw's
 * uniforms or model stream, counted twice or not at all, shows here. */
static void test_design_is_the_draws(void **state)
{
    (void)state;
    json_t *with = claims_of("run --draws 40 --sensitivity-draws 4 --bootstrap 10 --threads 2 "
                             "--format json");
    json_t *without = claims_of("run --draws 40 --sensitivity-draws 0 --bootstrap 10 --threads 1 "
                                "--format json");
    assert_int_equal(json_array_size(json_object_get(with, "claims")), 4);
    assert_true(json_equal(with, without));
    json_decref(with);
    json_decref(without);
}

/* Runs the CLI in the background with stdout to /dev/null; returns its pid. */
static pid_t spawn(const char *args)
{
    pid_t pid = fork();
    if (pid == 0) {
        char cmd[8400];
        snprintf(cmd, sizeof cmd, "exec %s %s > /dev/null 2>&1", SC_CLI_PATH, args);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static void test_kill_and_resume(void **state)
{
    (void)state;
    char ck[512], a[512], b[512], args[8192];
    snprintf(ck, sizeof ck, "%s/mc_cli_kill.ckpt", SC_BINARY_DIR);
    snprintf(a, sizeof a, "%s/mc_cli_whole.json", SC_BINARY_DIR);
    snprintf(b, sizeof b, "%s/mc_cli_resumed.json", SC_BINARY_DIR);
    remove(ck);
    remove(b);
    /* a small scenario with every kind of input and a war, drawn long enough to be killed */
    char common[4400];
    snprintf(common, sizeof common,
             "run %s --draws 4000 --sensitivity-draws 200 --bootstrap 40 --format json "
             "--threads 2",
             sc_test_source("tests/data/good/full.yaml"));
    snprintf(args, sizeof args, "%s -o %s", common, a);
    char *out = NULL, *err = NULL;
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    free(out);
    free(err);
    /* start, wait for the first checkpoint, kill -9 */
    snprintf(args, sizeof args, "%s --checkpoint %s -o %s", common, ck, b);
    pid_t pid = spawn(args);
    struct stat st;
    int seen = 0;
    /* up to ten minutes on a loaded machine */
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (now = start; !seen && now.tv_sec - start.tv_sec < 600; clock_gettime(CLOCK_MONOTONIC, &now)) {
        struct timespec t = {0, 10000000};
        nanosleep(&t, NULL);
        seen = stat(ck, &st) == 0;
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            fail_msg("the run ended before its first checkpoint");
        }
    }
    assert_true(seen);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    assert_true(WIFSIGNALED(status));
    assert_int_not_equal(stat(b, &st), 0); /* killed: no report was written */
    /* resume: the same bytes as the run that was never interrupted */
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    free(out);
    free(err);
    size_t la = 0, lb = 0;
    char *ta = sc_test_slurp(a, &la), *tb = sc_test_slurp(b, &lb);
    assert_non_null(ta);
    assert_non_null(tb);
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);
    free(ta);
    free(tb);
    /* the same checkpoint under another seed: refused, nothing written */
    remove(b);
    snprintf(args, sizeof args, "%s --seed 7 --checkpoint %s -o %s", common, ck, b);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 2);
    assert_non_null(strstr(err, "was written with --seed 20250212 (this run: 7)"));
    assert_int_not_equal(stat(b, &st), 0);
    free(out);
    free(err);
    /* a file that is not a checkpoint */
    FILE *f = fopen(ck, "w");
    fputs("hello\n", f);
    fclose(f);
    snprintf(args, sizeof args, "%s --checkpoint %s -o %s", common, ck, b);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 2);
    assert_non_null(strstr(err, "is not a statecraft checkpoint"));
    free(out);
    free(err);
    remove(ck);
    remove(a);
    remove(b);
}

/* The verdicts the Monte Carlo prints "at point values" are those of the plain report. With the
 * old default of 16 wars per lever, cost-benefit-ceasefire read "fails" at the point values while
 * the report (2,000 runs) read "holds": its two estimates were mostly simulation noise. */
static json_t *point_verdicts(const char *args)
{
    char *out = NULL, *err = NULL;
    int rc = sc_test_run_cli(args, &out, &err);
    if (rc != 0) {
        fail_msg("'%s' exited %d: %s", args, rc, err);
    }
    json_error_t je;
    json_t *doc = json_loads(out, 0, &je);
    assert_non_null(doc);
    json_t *claims = json_object_get(json_object_get(json_object_get(doc, "models"), "claims"),
                                     "claims");
    json_t *v = json_object();
    size_t i;
    json_t *c;
    json_array_foreach(claims, i, c) {
        json_object_set(v, json_string_value(json_object_get(c, "id")),
                        json_object_get(c, "at_point_values"));
    }
    json_decref(doc);
    free(out);
    free(err);
    return v;
}

static void test_point_verdicts_match_report(void **state)
{
    (void)state;
    json_t *plain = point_verdicts("run --format json");
    json_t *mc = point_verdicts("run --draws 2 --sensitivity-draws 1 --bootstrap 10 --format json");
    assert_int_equal(json_object_size(plain), 4);
    json_t *war = json_object_get(mc, "cost-benefit-ceasefire");
    assert_true(json_is_true(json_object_get(war, "after-events")));
    if (!json_equal(plain, mc)) {
        char *a = json_dumps(plain, JSON_SORT_KEYS), *b = json_dumps(mc, JSON_SORT_KEYS);
        fail_msg("report %s\nMonte Carlo %s", a, b);
    }
    json_decref(plain);
    json_decref(mc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_draw_spread_refused_before_draws),
        cmocka_unit_test(test_draw_error_located),
        cmocka_unit_test(test_point_value_error_located),
        cmocka_unit_test(test_report),
        cmocka_unit_test(test_design_is_the_draws),
        cmocka_unit_test(test_point_verdicts_match_report),
        cmocka_unit_test(test_kill_and_resume),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
