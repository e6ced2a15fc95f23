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
    assert_int_equal(sc_test_run_cli("forecast --model smp", &out, &err), 0);
    assert_non_null(strstr(out, "territory"));
    assert_non_null(strstr(out, "Converged after"));
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("forecast --model smp --option VotingRule=Nope", &out, &err), 2);
    assert_non_null(strstr(err, "VotingRule must be one of"));
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
