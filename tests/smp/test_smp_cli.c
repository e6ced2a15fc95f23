/* SPDX-License-Identifier: MIT */
/* statecraft forecast --model smp: JSON shape, CSV identical to KTAB's positions file. */
#include "sc_test.h"

#include <jansson.h>

static void test_json_and_csv(void **state)
{
    (void)state;
    char args[1024], *out = NULL, *err = NULL;
    snprintf(args, sizeof args,
             "forecast --model smp --format json '%s/reference/ktab/examples/dummyData_3Dim.csv'",
             SC_SHARED_DIR);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    json_error_t e;
    json_t *j = json_loads(out, 0, &e);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "model")), "smp");
    json_t *issues = json_object_get(j, "issues");
    assert_int_equal(json_array_size(issues), 3);
    json_t *rounds = json_object_get(json_array_get(issues, 0), "rounds");
    assert_int_equal(json_array_size(rounds), 11);
    json_t *last = json_array_get(rounds, 10);
    SC_ASSERT_NEAR(json_number_value(json_object_get(json_object_get(last, "positions"), "SActor-00")),
                   78.56, 1e-9);
    assert_non_null(json_object_get(json_object_get(last, "win_prob"), "SActor-00"));
    SC_ASSERT_NEAR(json_number_value(json_object_get(json_array_get(issues, 1), "forecast_mean")),
                   43.670, 5e-4);
    json_decref(j);
    free(out);
    free(err);
    /* the CSV output has KTAB's positions file shape: compare line by line */
    snprintf(args, sizeof args,
             "forecast --model smp --format csv '%s/reference/ktab/examples/SOE-Policy.csv'",
             SC_SHARED_DIR);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    char *ref = sc_test_slurp(sc_test_shared("reference/ktab/runs/SOE-Policy/SOE-Policy_positions.csv"), NULL);
    assert_non_null(ref);
    assert_string_equal(out, ref);
    free(ref);
    free(out);
    free(err);
}

static void test_scenario_and_errors(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    /* the built-in scenario: the state is said, the game converges, each dimension is explained */
    assert_int_equal(sc_test_run_cli("forecast --model smp", &out, &err), 0);
    assert_non_null(strstr(out, "State: after all the events (11), the scenario as given; it stands for "
                                "2025-02-24"));
    assert_non_null(strstr(out, "territory"));
    assert_non_null(strstr(out, "Outcome: converged after"));
    assert_non_null(strstr(out, "carried by"));
    assert_non_null(strstr(out, "drivers (without the actor minus with everyone)"));
    free(out);
    free(err);
    /* JSON: state, stop rule, outcome, per issue the forecast, coalition and sorted drivers */
    assert_int_equal(sc_test_run_cli("forecast --model smp --format json --before-events", &out,
                                     &err),
                     0);
    json_error_t e;
    json_t *j = json_loads(out, 0, &e);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "state"), "events")),
                        "before");
    assert_string_equal(json_string_value(json_object_get(j, "stop")), "converge");
    assert_string_equal(json_string_value(json_object_get(j, "outcome")), "converged");
    json_t *issues = json_object_get(j, "issues");
    assert_int_equal(json_array_size(issues), 5);
    for (size_t k = 0; k < 5; k++) {
        json_t *is = json_array_get(issues, k);
        json_t *drv = json_object_get(is, "drivers");
        assert_int_equal(json_array_size(drv), 10);
        for (size_t q = 1; q < 10; q++) {
            assert_true(fabs(json_number_value(json_object_get(json_array_get(drv, q - 1), "delta"))) >=
                        fabs(json_number_value(json_object_get(json_array_get(drv, q), "delta"))));
        }
        json_t *c = json_object_get(is, "coalition");
        assert_true(json_array_size(json_object_get(c, "members")) >= 1);
        double share = json_number_value(json_object_get(c, "share"));
        assert_true(share > 0 && share <= 1);
        /* converged: the forecast is the weighted mean of the last turn */
        json_t *rounds = json_object_get(is, "rounds");
        json_t *last = json_array_get(rounds, json_array_size(rounds) - 1);
        assert_true(fabs(json_number_value(json_object_get(is, "forecast_mean")) -
                         json_number_value(json_object_get(last, "mean"))) < 1e-9);
    }
    json_decref(j);
    free(out);
    free(err);
    /* a KTAB file keeps KTAB's rule unless told otherwise */
    char args[1024];
    snprintf(args, sizeof args, "forecast --model smp --format json --no-drivers --stop converge "
                                "'%s/reference/ktab/examples/SOE-Policy.csv'",
             SC_SHARED_DIR);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    j = json_loads(out, 0, &e);
    assert_string_equal(json_string_value(json_object_get(j, "stop")), "converge");
    assert_true(json_is_null(json_object_get(j, "state")));
    json_decref(j);
    free(out);
    free(err);
    const struct {
        const char *args, *expect;
    } bad[] = {
        {"forecast --model smp --option VotingRule=Nope", "VotingRule must be one of"},
        {"forecast --model smp --stop never", "--stop must be converge or ktab"},
        {"forecast --model smp --tol 2", "--tol must be in (0, 0.5]"},
        {"forecast --model smp --max-turns 0", "--max-turns expects an integer from 1 to 100000"},
        {"forecast --model smp --variant nope", "--variant: no variant 'nope'"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        int rc = sc_test_run_cli(bad[k].args, &out, &err);
        if (rc != 2 || !strstr(err, bad[k].expect) || out[0] != '\0') {
            fail_msg("'%s': exit %d, stderr '%s'", bad[k].args, rc, err);
        }
        free(out);
        free(err);
    }
    snprintf(args, sizeof args, "forecast --model smp --variant retrench "
                                "'%s/reference/ktab/examples/SOE-Policy.csv'",
             SC_SHARED_DIR);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 2);
    assert_non_null(strstr(err, "a KTAB CSV file has no variants"));
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("forecast --model smp --option PCEModel=MarkovUniform --max-turns 5",
                                     &out, &err),
                     0);
    free(out);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_json_and_csv),
                                       cmocka_unit_test(test_scenario_and_errors)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
