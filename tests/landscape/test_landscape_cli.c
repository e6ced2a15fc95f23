/* SPDX-License-Identifier: MIT */
/* statecraft landscape on the shared Syria tables and on the built-in scenario. */
#include "sc_test.h"

static void test_syria_cli(void **state)
{
    (void)state;
    char args[2048], *out = NULL, *err = NULL;
    snprintf(args, sizeof args,
             "landscape '%s/reference/models/data/landscape_syria2016_actors.csv' "
             "'%s/reference/models/data/landscape_syria2016_propensity_raw.csv' --shift -3 "
             "--format json --threads 3",
             SC_SHARED_DIR, SC_SHARED_DIR);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    assert_non_null(strstr(out, "\"energy\":-83200"));
    free(out);
    free(err);
    /* the exhaustive Gray-code search gives the same answer */
    char ex[2200];
    snprintf(ex, sizeof ex, "%s --method exhaustive", args);
    assert_int_equal(sc_test_run_cli(ex, &out, &err), 0);
    assert_non_null(strstr(out, "\"method\":\"exhaustive\""));
    assert_non_null(strstr(out, "\"energy\":-83200"));
    free(out);
    free(err);
    snprintf(ex, sizeof ex, "%s --trade-weight 1", args);
    assert_int_equal(sc_test_run_cli(ex, &out, &err), 2); /* trade needs a scenario */
    free(out);
    free(err);
    strcat(args, " --set-size Syria=10");
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    assert_non_null(strstr(out, "\"energy\":-65600"));
    free(out);
    free(err);
}

static void test_builtin_and_errors(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    assert_int_equal(sc_test_run_cli("landscape --blocs 3", &out, &err), 0);
    assert_non_null(strstr(out, "local minima"));
    assert_non_null(strstr(out, "Best split into at most 3 blocs"));
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("landscape --trade-weight 0.5 --format json", &out, &err), 0);
    assert_non_null(strstr(out, "\"n_local_minima\""));
    free(out);
    free(err);
    /* errors: exit 2, nothing on standard output, the option or file at fault named */
    assert_int_equal(sc_test_run_cli("landscape --method fast", &out, &err), 2);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "--method must be pruned or exhaustive, got 'fast'"));
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("landscape --blocs 1", &out, &err), 2);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "--blocs expects an integer from 2 to 64, got '1'"));
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("landscape a.csv", &out, &err), 2);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "a.csv: error: cannot open"));
    free(out);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_syria_cli),
                                       cmocka_unit_test(test_builtin_and_errors)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
