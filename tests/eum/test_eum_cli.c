/* SPDX-License-Identifier: MIT */
/*
 * statecraft forecast --model eum: JSON content (rounds, outcome, cycle, forecast and its range,
 * drivers, decisive moves, the state), the perspective chart, text, CSV quoting, the scenario
 * state options, the EUM variant option and the errors with their messages.
 */
#define _GNU_SOURCE
#include "sc_test.h"

#include <unistd.h>

#include <jansson.h>

static json_t *run_json(const char *args)
{
    char *out = NULL, *err = NULL;
    int rc = sc_test_run_cli(args, &out, &err);
    if (rc != 0) {
        fail_msg("'%s' exited %d: %s", args, rc, err ? err : "");
    }
    json_error_t e;
    json_t *j = json_loads(out, 0, &e);
    if (!j) {
        fail_msg("'%s' printed invalid JSON: %s", args, e.text);
    }
    free(out);
    free(err);
    return j;
}

static json_t *issue_of(json_t *j, const char *id, const char *variant)
{
    json_t *issues = json_object_get(j, "issues");
    for (size_t k = 0; k < json_array_size(issues); k++) {
        json_t *is = json_array_get(issues, k);
        if (strcmp(json_string_value(json_object_get(is, "issue")), id) == 0 &&
            (!variant || strcmp(json_string_value(json_object_get(is, "variant")), variant) == 0)) {
            return is;
        }
    }
    fail_msg("no issue %s", id);
    return NULL;
}

static double num(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_number(v)) {
        fail_msg("'%s' is not a number", key);
    }
    return json_number_value(v);
}

static void test_json(void **state)
{
    (void)state;
    char args[8192];
    /* the published replication: a fixed 10 rounds of Scholz's program */
    snprintf(args, sizeof args,
             "forecast --model eum --rounds 10 --perspective Belgium --format json "
             "'%s/reference/bdm/data/emissions_bdm1994.csv'",
             SC_SHARED_DIR);
    json_t *j = run_json(args);
    assert_string_equal(json_string_value(json_object_get(j, "model")), "eum");
    assert_string_equal(json_string_value(json_object_get(j, "variant")), "scholz");
    json_t *st = json_object_get(j, "state");
    assert_string_equal(json_string_value(json_object_get(st, "events")), "after");
    assert_true(json_is_null(json_object_get(st, "variant")));
    json_t *issue = issue_of(j, "emissions_bdm1994", NULL);
    json_t *rounds = json_object_get(issue, "rounds");
    assert_int_equal(json_array_size(rounds), 11);
    json_t *r1 = json_array_get(rounds, 1);
    SC_ASSERT_NEAR(json_number_value(json_object_get(json_object_get(r1, "positions"), "Belgium")),
                   8.4159, 1e-4);
    SC_ASSERT_NEAR(num(r1, "mean"), 7.4613, 1e-4);
    /* fixed rounds: the forecast is the median after round 10 (7.0); unsettled, spanning
     * rounds 5-10 whose medians run from 7.0 to 9.9620 */
    SC_ASSERT_NEAR(num(issue, "forecast"), 7.0, 1e-9);
    assert_string_equal(json_string_value(json_object_get(issue, "outcome")), "unsettled");
    json_t *range = json_object_get(issue, "forecast_range");
    SC_ASSERT_NEAR(json_number_value(json_array_get(range, 0)), 7.0, 1e-4);
    SC_ASSERT_NEAR(json_number_value(json_array_get(range, 1)), 9.9620, 1e-4);
    assert_true(json_is_null(json_object_get(issue, "cycle")));
    /* ten drivers, largest |delta| first; decisive moves led by a Belgian compromise */
    json_t *drv = json_object_get(issue, "drivers");
    assert_int_equal(json_array_size(drv), 10);
    for (size_t k = 1; k < 10; k++) {
        assert_true(fabs(num(json_array_get(drv, k - 1), "delta")) >=
                    fabs(num(json_array_get(drv, k), "delta")));
    }
    json_t *dm = json_array_get(json_object_get(issue, "decisive_moves"), 0);
    assert_non_null(dm);
    assert_true(fabs(num(dm, "median_effect")) > 0.5);
    json_t *persp = json_object_get(j, "perspective");
    assert_string_equal(json_string_value(json_object_get(persp, "actor")), "Belgium");
    json_t *pts = json_object_get(persp, "points");
    int found = 0;
    for (size_t k = 0; k < json_array_size(pts); k++) {
        json_t *pt = json_array_get(pts, k);
        if (strcmp(json_string_value(json_object_get(pt, "actor")), "Denmark") == 0) {
            SC_ASSERT_NEAR(num(pt, "x"), -0.84, 0.02);
            found = 1;
        }
    }
    assert_true(found);
    json_decref(j);
    /* the default: until convergence or a cycle; Iran 2015 relief is a period-2 cycle */
    snprintf(args, sizeof args, "forecast --format json --issue relief '%s'",
             sc_test_source("examples/iran-nuclear-2015.yaml"));
    j = run_json(args);
    issue = issue_of(j, "relief", "scholz");
    assert_string_equal(json_string_value(json_object_get(issue, "outcome")), "cycle");
    json_t *cyc = json_object_get(issue, "cycle");
    assert_int_equal(json_integer_value(json_object_get(cyc, "period")), 2);
    assert_int_equal(json_integer_value(json_object_get(cyc, "start")), 1);
    assert_int_equal(json_array_size(json_object_get(issue, "rounds")), 4);
    json_decref(j);
}

static void test_states_and_variants(void **state)
{
    (void)state;
    /* the built-in scenario: before the events the US NATO position is 70, after them 90 */
    json_t *before = run_json("forecast --format json --issue nato --no-drivers --before-events");
    json_t *after = run_json("forecast --format json --issue nato --no-drivers");
    json_t *until = run_json("forecast --format json --issue nato --no-drivers "
                             "--after-events=2025-02-11");
    json_t *retr = run_json("forecast --format json --issue nato --no-drivers --variant retrench "
                            "--before-events");
    double b = json_number_value(json_object_get(
        json_object_get(json_array_get(json_object_get(issue_of(before, "nato", NULL), "rounds"), 0),
                        "positions"),
        "USA"));
    double a = json_number_value(json_object_get(
        json_object_get(json_array_get(json_object_get(issue_of(after, "nato", NULL), "rounds"), 0),
                        "positions"),
        "USA"));
    double u = json_number_value(json_object_get(
        json_object_get(json_array_get(json_object_get(issue_of(until, "nato", NULL), "rounds"), 0),
                        "positions"),
        "USA"));
    SC_ASSERT_NEAR(b, 70, 0);
    SC_ASSERT_NEAR(a, 90, 0);
    SC_ASSERT_NEAR(u, 70, 0); /* no event on or before the baseline day */
    assert_string_equal(json_string_value(json_object_get(json_object_get(before, "state"), "events")),
                        "before");
    assert_string_equal(json_string_value(json_object_get(json_object_get(after, "state"), "date")),
                        "2025-02-24");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(retr, "state"), "variant")), "retrench");
    double rv = json_number_value(json_object_get(
        json_object_get(json_array_get(json_object_get(issue_of(retr, "nato", NULL), "rounds"), 0),
                        "positions"),
        "USA"));
    SC_ASSERT_NEAR(rv, 90, 0); /* the retrench variant sets it */
    json_decref(before);
    json_decref(after);
    json_decref(until);
    json_decref(retr);
    /* both EUM variants side by side, each named */
    json_t *both = run_json("forecast --format json --issue aid --no-drivers --eum-variant both");
    assert_string_equal(json_string_value(json_object_get(both, "variant")), "both");
    assert_int_equal(json_array_size(json_object_get(both, "issues")), 2);
    assert_non_null(issue_of(both, "aid", "scholz"));
    assert_non_null(issue_of(both, "aid", "printed"));
    json_decref(both);
    /* another capability index changes the weights, so the round-0 weighted mean moves */
    json_t *cinc = run_json("forecast --format json --issue sanctions --no-drivers --max-rounds 1 "
                            "--capability-index cinc");
    json_t *milex = run_json("forecast --format json --issue sanctions --no-drivers --max-rounds 1 "
                             "--capability-index milex");
    double m0 = num(json_array_get(json_object_get(issue_of(cinc, "sanctions", NULL), "rounds"), 0),
                    "mean");
    double m1 = num(json_array_get(json_object_get(issue_of(milex, "sanctions", NULL), "rounds"), 0),
                    "mean");
    assert_true(fabs(m0 - m1) > 1);
    json_decref(cinc);
    json_decref(milex);
}

static void test_text_csv_and_errors(void **state)
{
    (void)state;
    char args[1024], *out = NULL, *err = NULL;
    snprintf(args, sizeof args, "forecast '%s/reference/bdm/data/emissions_bdm1994.csv'",
             SC_SHARED_DIR);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    assert_non_null(strstr(out, "State: the scenario has no events"));
    assert_non_null(strstr(out, "Outcome: unsettled after 100 rounds"));
    assert_non_null(strstr(out, "Forecast: "));
    assert_non_null(strstr(out, "the mean of the median voter over the second half"));
    assert_non_null(strstr(out, "Drivers"));
    assert_non_null(strstr(out, "Decisive challenges"));
    free(out);
    free(err);
    /* CSV: an actor name with a comma and a quote is quoted (RFC 4180), values exact */
    char dir[200];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc_eum_cli_XXXXXX"));
    assert_non_null(mkdtemp(dir));
    char path[400];
    snprintf(path, sizeof path, "%s/t.csv", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("Actor,Capability,Position,Salience\n\"Smith, J\",1,0,50\n\"Say \"\"no\"\"\",2,60,80\n"
          "C,1,100,40\n",
          fp);
    fclose(fp);
    snprintf(args, sizeof args, "forecast --format csv --rounds 1 '%s'", path);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    assert_non_null(strstr(out, "issue,round,actor,position,move,partner,median_effect,variant\n"));
    assert_non_null(strstr(out, "t,0,\"Smith, J\",0,,,,scholz\n"));
    assert_non_null(strstr(out, "t,0,\"Say \"\"no\"\"\",60,,,,scholz\n"));
    /* round 1: C loses a confrontation with Smith and moves to 0 (test_eum.c, hand-computed) */
    assert_non_null(strstr(out, "t,1,C,0,confrontation,\"Smith, J\","));
    free(out);
    free(err);
    remove(path);
    rmdir(dir);
    /* errors name the option and print nothing on stdout */
    const struct {
        const char *args, *expect;
    } bad[] = {
        {"forecast --model eum --eum-variant nope", "--eum-variant must be scholz, printed or both"},
        {"forecast --model eum --rounds -3", "--rounds"},
        {"forecast --model eum --max-rounds 0", "--max-rounds expects an integer from 1 to 100000"},
        {"forecast --model eum --tol 0", "--tol must be in (0, 0.5]"},
        {"forecast --model eum --q 2", "--q must be in [0, 1], got '2'"},
        {"forecast --model eum --variant nope", "--variant: no variant 'nope'"},
        {"forecast --model eum --after-events=2025-13-01", "expects a calendar date yyyy-mm-dd"},
        {"forecast --model eum --capability-index sipri", "--capability-index must be"},
        {"forecast --model eum --issue nope", "no issue 'nope'"},
        {"forecast --model eum --perspective Narnia", "no actor 'Narnia'"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        int rc = sc_test_run_cli(bad[k].args, &out, &err);
        if (rc != 2 || !strstr(err, bad[k].expect) || out[0] != '\0') {
            fail_msg("'%s': exit %d, stderr '%s'", bad[k].args, rc, err);
        }
        free(out);
        free(err);
    }
}

/* The test's own scratch directory (sc_test_tmp_make: under $TMPDIR or the build tree, never a
 * fixed path in /tmp): two builds running ctest at once never share a file. */
static int scratch_setup(void **state)
{
    (void)state;
    return sc_test_tmp_make("sc_eum_cli_") ? 0 : -1;
}

static int scratch_teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_json),
                                       cmocka_unit_test(test_states_and_variants),
                                       cmocka_unit_test(test_text_csv_and_errors)};
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
