/* SPDX-License-Identifier: MIT */
/* statecraft forecast --model eum: JSON shape, perspective chart, text report, CSV. */
#include "sc_test.h"

#include <jansson.h>

static void test_json(void **state)
{
    (void)state;
    char args[1024], *out = NULL, *err = NULL;
    snprintf(args, sizeof args,
             "forecast --model eum --perspective Belgium --format json "
             "'%s/reference/bdm/data/emissions_bdm1994.csv'",
             SC_SHARED_DIR);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    json_error_t e;
    json_t *j = json_loads(out, 0, &e);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "model")), "eum");
    assert_string_equal(json_string_value(json_object_get(j, "variant")), "scholz");
    json_t *issue = json_array_get(json_object_get(j, "issues"), 0);
    assert_string_equal(json_string_value(json_object_get(issue, "issue")), "emissions_bdm1994");
    json_t *rounds = json_object_get(issue, "rounds");
    assert_int_equal(json_array_size(rounds), 11);
    json_t *r1 = json_array_get(rounds, 1);
    SC_ASSERT_NEAR(json_number_value(json_object_get(json_object_get(r1, "positions"), "Belgium")),
                   8.4159, 1e-4);
    SC_ASSERT_NEAR(json_number_value(json_object_get(r1, "mean")), 7.4613, 1e-4);
    json_t *persp = json_object_get(j, "perspective");
    assert_string_equal(json_string_value(json_object_get(persp, "actor")), "Belgium");
    json_t *pts = json_object_get(persp, "points");
    int found = 0;
    for (size_t k = 0; k < json_array_size(pts); k++) {
        json_t *pt = json_array_get(pts, k);
        if (strcmp(json_string_value(json_object_get(pt, "actor")), "Denmark") == 0) {
            SC_ASSERT_NEAR(json_number_value(json_object_get(pt, "x")), -0.84, 0.02);
            found = 1;
        }
    }
    assert_true(found);
    json_decref(j);
    free(out);
    free(err);
}

static void test_text_and_errors(void **state)
{
    (void)state;
    char args[1024], *out = NULL, *err = NULL;
    snprintf(args, sizeof args, "forecast '%s/reference/bdm/data/emissions_bdm1994.csv'",
             SC_SHARED_DIR);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    assert_non_null(strstr(out, "compromise"));
    assert_non_null(strstr(out, "Forecast"));
    assert_non_null(strstr(out, "oscillat"));
    free(out);
    free(err);
    snprintf(args, sizeof args,
             "forecast --format csv --rounds 3 '%s/reference/bdm/data/emissions_bdm1994.csv'",
             SC_SHARED_DIR);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    assert_non_null(strstr(out, "issue,round,"));
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("forecast --model eum --variant nope x.csv", &out, &err), 2);
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("forecast --model eum --rounds -3", &out, &err), 2);
    free(out);
    free(err);
    /* the built-in scenario: every issue */
    assert_int_equal(sc_test_run_cli("forecast --model eum", &out, &err), 0);
    assert_non_null(strstr(out, "territory"));
    assert_non_null(strstr(out, "aid"));
    free(out);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_json),
                                       cmocka_unit_test(test_text_and_errors)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
