/* SPDX-License-Identifier: MIT */
/*
 * statecraft war: flags, the JSON rows, the same answer as the report's no-lever row, thread
 * invariance through the CLI, memory that does not grow with --runs, and bad input (exit 2,
 * nothing on stdout, a message naming what is wrong).
 */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <jansson.h>

static json_t *run_json(const char *args)
{
    char *out = NULL, *err = NULL;
    int rc = sc_test_run_cli(args, &out, &err);
    if (rc != 0) {
        fail_msg("exit %d: %s", rc, err ? err : "");
    }
    json_error_t e;
    json_t *j = json_loads(out, 0, &e);
    if (!j) {
        fail_msg("not JSON (%s): %s", e.text, out);
    }
    free(out);
    free(err);
    return j;
}

static double num(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    if (!json_is_number(v)) {
        fail_msg("no number '%s'", key);
    }
    return json_number_value(v);
}

static void test_flags_json(void **state)
{
    (void)state;
    /* T7 of war.md through the CLI, with war.md's plug-in beliefs: the exact mean duration is
     * 28.806 battles (the oracle of test_war); the CLI's mean within 4 of its standard errors */
    json_t *j = run_json("war --no-scenario --beliefs plug-in --runs 20000 --seed 7 "
                         "--sanctions 0.004 --horizon 400 --format json");
    const char *keys[] = {"p_ceasefire",       "p_ceasefire_52",    "p_ceasefire_52_se",
                          "p_victory_a",       "p_victory_b",       "p_ongoing",
                          "p_held",            "p_relapse",         "mean_battles",
                          "mean_battles_se",   "battles_quantiles", "share_quantiles",
                          "share_modes",       "ceasefire_by_battle"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (!json_object_get(j, keys[i])) {
            fail_msg("no key %s", keys[i]);
        }
    }
    SC_ASSERT_NEAR(num(j, "p_ceasefire"), 1.0, 0);
    SC_ASSERT_NEAR(num(j, "mean_battles"), 28.806, 4 * num(j, "mean_battles_se"));
    double p52 = num(j, "p_ceasefire_52");
    SC_ASSERT_NEAR(num(j, "p_ceasefire_52_se"), sqrt(p52 * (1 - p52) / 20000), 1e-15);
    json_decref(j);
}

static void test_threads_same_output(void **state)
{
    (void)state;
    char *a = NULL, *b = NULL;
    assert_int_equal(sc_test_run_cli("war --runs 3000 --threads 1 --format json", &a, NULL), 0);
    assert_int_equal(sc_test_run_cli("war --runs 3000 --threads 5 --format json", &b, NULL), 0);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* `statecraft war` with no model flags is the report's no-lever row for the same state. */
static void test_same_as_report(void **state)
{
    (void)state;
    static const char *const states[][2] = {
        {"--after-events", ".models.war"}, {"--variant retrench", ".models.war"},
        {"--before-events", ".models.war"}};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "run %s --only war --runs 700 --seed 11 --format json",
                 states[i][0]);
        json_t *report = run_json(cmd);
        snprintf(cmd, sizeof cmd, "war %s --runs 700 --seed 11 --format json", states[i][0]);
        json_t *war = run_json(cmd);
        const json_t *row = json_object_get(
            json_object_get(json_object_get(json_object_get(report, "models"), "war"), "levers"),
            "none");
        assert_non_null(row);
        static const char *const same[] = {
            "p_ceasefire", "p_ceasefire_52", "p_ceasefire_52_se", "p_victory_a",  "p_victory_b",
            "p_ongoing",   "p_relapse",      "mean_battles",      "mean_battles_se",
            "mean_share_a", "mean_share_a_se"};
        for (size_t k = 0; k < sizeof same / sizeof same[0]; k++) {
            const json_t *x = json_object_get(row, same[k]), *y = json_object_get(war, same[k]);
            int both_null = json_is_null(x) && json_is_null(y);
            if (!both_null && (!json_is_number(x) || !json_is_number(y) ||
                               json_number_value(x) != json_number_value(y))) {
                fail_msg("%s %s: report %.17g, war %.17g", states[i][0], same[k],
                         json_number_value(x), json_number_value(y));
            }
        }
        const json_t *qa = json_object_get(row, "battles_quantiles");
        const json_t *qb = json_object_get(war, "battles_quantiles");
        SC_ASSERT_NEAR(num(qa, "q50"), num(qb, "q50"), 0);
        SC_ASSERT_NEAR(num(qa, "q95"), num(qb, "q95"), 0);
        json_decref(report);
        json_decref(war);
    }
}

/* The mediator's proposal changes the answer of the built-in scenario. */
static void test_proposal_moves(void **state)
{
    (void)state;
    char *a = NULL, *b = NULL;
    assert_int_equal(sc_test_run_cli("war --proposal 0 --runs 1500 --format json", &a, NULL), 0);
    assert_int_equal(sc_test_run_cli("war --proposal 1 --runs 1500 --format json", &b, NULL), 0);
    json_error_t e;
    json_t *ja = json_loads(a, 0, &e), *jb = json_loads(b, 0, &e);
    assert_non_null(ja);
    assert_non_null(jb);
    const json_t *sa = json_object_get(ja, "share_quantiles");
    const json_t *sb = json_object_get(jb, "share_quantiles");
    double da = fabs(json_number_value(json_object_get(sa, "q50")) -
                     json_number_value(json_object_get(sb, "q50")));
    double db = fabs(num(ja, "mean_battles") - num(jb, "mean_battles"));
    double pa = num(ja, "p_ceasefire"), pb = num(jb, "p_ceasefire");
    double se = sqrt((pa * (1 - pa) + pb * (1 - pb)) / 1500);
    print_message("proposal 0 vs 1: median terms differ by %.4f, mean battles by %.2f, "
                  "P(ceasefire ever) %.4f vs %.4f\n",
                  da, db, pa, pb);
    /* the terms move by more than a histogram bin, or the timing by more than 4 standard
     * errors (unpaired: the two runs share their seeds, which only lowers the true error) */
    assert_true(da > 2.0 / 16384 || db > 4 * (num(ja, "mean_battles_se") + num(jb, "mean_battles_se")) ||
                fabs(pa - pb) > 4 * se);
    json_decref(ja);
    json_decref(jb);
    free(a);
    free(b);
}

static void test_levers_json(void **state)
{
    (void)state;
    json_t *j = run_json("war --levers --runs 1000 --format json");
    json_t *lv = json_object_get(j, "levers");
    static const char *const names[] = {"none",      "sanctions",  "aid_cut",
                                        "both",      "inducement", "guarantee"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const json_t *row = json_object_get(lv, names[i]);
        if (!row) {
            fail_msg("no lever row %s", names[i]);
        }
        assert_true(json_is_number(json_object_get(row, "p_ceasefire_52")));
        assert_true(json_is_number(json_object_get(row, "p_ceasefire_52_se")));
        assert_true(json_is_number(json_object_get(row, "diff_vs_none_se")));
    }
    SC_ASSERT_NEAR(num(json_object_get(lv, "none"), "diff_vs_none_se"), 0, 0);
    json_decref(j);
}

static void test_lanchester_flags(void **state)
{
    (void)state;
    /* forces 200 vs 100 at equal kill rates: A wins nearly every battle, and the war */
    json_t *j = run_json("war --no-scenario --runs 2000 --forces 200,100 --kill-rates 0.001,0.001 "
                         "--cost-a 0 --cost-b 0 --prior-a 90,10 --prior-b 10,90 --format json");
    assert_true(json_is_true(json_object_get(j, "lanchester")));
    assert_true(num(j, "p_victory_a") > 0.9);
    json_decref(j);
}

/* Memory does not grow with the number of runs: 3 million runs fit in 100 MB of address space
 * (per-run arrays of 43 bytes, as before statistics were streamed, would need 129 MB). */
#if defined(__SANITIZE_ADDRESS__)
#define SC_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SC_TEST_ASAN 1
#endif
#endif

static void test_memory_bounded(void **state)
{
    (void)state;
#ifdef SC_TEST_ASAN
    skip(); /* AddressSanitizer reserves terabytes of shadow address space: no ulimit -v */
#endif
    char *out = NULL, *err = NULL;
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "sh -c 'ulimit -v 100000 && exec \"%s\" war --no-scenario --horizon 1 --runs 3000000 "
             "--threads 2 --format json'",
             SC_CLI_PATH);
    FILE *fp = popen(cmd, "r");
    assert_non_null(fp);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    int status = pclose(fp);
    assert_int_equal(status, 0);
    assert_non_null(strstr(buf, "\"p_ceasefire_52\""));
    free(out);
    free(err);
}

/* Bad input: exit 2, nothing on stdout, and a message that names what is wrong. */
static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *args, *message;
    } bad[] = {
        {"war --no-scenario --theta 1.5", "theta"},
        {"war --rule coinflip", "midpoint, nash or mediator"},
        {"war --prior-a 3", "--prior-a"},
        {"war --no-scenario --prior-b 2,0", "Beta prior"},
        {"war --runs 0", "--runs"},
        {"war --no-scenario --discount 0.99999", "discount"},
        {"war --no-scenario --relapse 1", "relapse hazard"},
        {"war --no-scenario --front 1", "--front"},
        {"war --commitment 0.3", "--commitment"},
        {"war --no-scenario --commitment 0,2", "commitment"},
        {"war --no-scenario --screening 0.004,0.001", "screening"},
        {"war --no-scenario --gamma 2", "Lanchester"},
        {"war --beliefs median", "predictive or plug-in"},
        {"war --format pdf", "text, json, csv or html"},
        {"war --frobnicate", "--frobnicate"},
        {"war a.yaml b.yaml", "at most one SCENARIO"},
        {"war --no-scenario x.yaml", "--no-scenario"},
        {"war --variant nosuch", "nosuch"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *out = NULL, *err = NULL;
        int rc = sc_test_run_cli(bad[i].args, &out, &err);
        if (rc != 2) {
            fail_msg("'%s': exit %d, expected 2", bad[i].args, rc);
        }
        if (out && *out) {
            fail_msg("'%s' wrote to stdout: %s", bad[i].args, out);
        }
        if (!err || !strstr(err, bad[i].message)) {
            fail_msg("'%s': stderr '%s' does not mention '%s'", bad[i].args, err ? err : "",
                     bad[i].message);
        }
        free(out);
        free(err);
    }
}

/* A bad war section: a located error (FILE:LINE:COL and a caret), exit 2, empty stdout. */
static void test_located_errors(void **state)
{
    (void)state;
    static const struct {
        const char *section, *message;
        int line;
    } bad[] = {
        {"  prior_a: [0, 8]\n", "Beta parameters must be > 0", 9},
        {"  prior_b: {mean: {value: 0.5, range: [0, 0.7]}, strength: 20}\n", "leaves its domain",
         9},
        {"  theta: {value: 0.6, range: [0.4, 1.2]}\n", "leaves its domain", 9},
        {"  relapse: {hazard: 1}\n", "hazard", 9},
        {"  front: 1\n", "front", 9},
        {"  commitment: {on: true}\n", "no shift of power", 9},
        {"  screening: {on: true, cost_b_low: 0.001}\n", "cost range is missing", 9},
        {"  theta: {value: 0.9, sd: 0.04}\n", "3 sd", 9}, /* 2 sd stay inside */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/war_bad_%zu.yaml", SC_BINARY_DIR, i);
        FILE *fp = fopen(path, "w");
        assert_non_null(fp);
        fprintf(fp, "statecraft: 1\n"
                    "metadata: {title: bad war}\n"
                    "actors:\n"
                    "  - {id: RUS, name: Russia, capability: 0.036, milex: 149, gdp: 2021}\n"
                    "  - {id: UKR, name: Ukraine, capability: 0.007, milex: 64.7, gdp: 178.8}\n"
                    "war:\n"
                    "  a: RUS\n"
                    "  b: UKR\n"
                    "%s",
                bad[i].section);
        fclose(fp);
        char cmd[512];
        snprintf(cmd, sizeof cmd, "war %s --runs 10", path);
        char *out = NULL, *err = NULL;
        int rc = sc_test_run_cli(cmd, &out, &err);
        if (rc != 2 || (out && *out)) {
            fail_msg("case %zu: exit %d, stdout '%s'", i, rc, out ? out : "");
        }
        char where[300];
        snprintf(where, sizeof where, "war_bad_%zu.yaml:%d:", i, bad[i].line);
        if (!err || !strstr(err, bad[i].message) || !strstr(err, where) || !strchr(err, '^')) {
            fail_msg("case %zu: stderr '%s' lacks '%s', '%s' or a caret", i, err ? err : "",
                     bad[i].message, where);
        }
        free(out);
        free(err);
        remove(path);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flags_json),      cmocka_unit_test(test_threads_same_output),
        cmocka_unit_test(test_same_as_report),  cmocka_unit_test(test_proposal_moves),
        cmocka_unit_test(test_levers_json),     cmocka_unit_test(test_lanchester_flags),
        cmocka_unit_test(test_memory_bounded),  cmocka_unit_test(test_errors),
        cmocka_unit_test(test_located_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
