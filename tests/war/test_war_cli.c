/* SPDX-License-Identifier: MIT */
/* statecraft war: flags, JSON shape, thread invariance through the CLI, bad input. */
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

static void test_flags_json(void **state)
{
    (void)state;
    /* T7 of war.md through the CLI */
    json_t *j = run_json("war --no-scenario --runs 20000 --seed 7 --sanctions 0.004 --format json");
    const char *keys[] = {"p_ceasefire", "p_victory_a", "p_victory_b", "mean_battles",
                          "mean_share_a", "battles_quantiles", "share_quantiles"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        assert_non_null(json_object_get(j, keys[i]));
    }
    SC_ASSERT_NEAR(json_number_value(json_object_get(j, "p_ceasefire")), 1.0, 0);
    SC_ASSERT_NEAR(json_number_value(json_object_get(j, "mean_battles")), 28.9, 0.02 * 28.9);
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

static void test_levers_and_errors(void **state)
{
    (void)state;
    json_t *j = run_json("war --levers --runs 2000 --format json");
    json_t *lv = json_object_get(j, "levers");
    assert_non_null(json_object_get(lv, "none"));
    assert_non_null(json_object_get(lv, "both"));
    json_decref(j);
    char *out = NULL, *err = NULL;
    assert_int_equal(sc_test_run_cli("war --theta 1.5 --no-scenario", &out, &err), 2);
    assert_non_null(strstr(err, "theta"));
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("war --rule coinflip", &out, &err), 2);
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("war --prior-a 3", &out, &err), 2);
    free(out);
    free(err);
}

static void test_lanchester_and_aid_cut_flags(void **state)
{
    (void)state;
    /* forces 200 vs 100 at equal kill rates: A wins nearly every battle, and the war */
    json_t *j = run_json("war --no-scenario --runs 2000 --forces 200,100 --kill-rates 0.001,0.001 "
                         "--cost-a 0 --cost-b 0 --prior-a 90,10 --prior-b 10,90 --format json");
    assert_true(json_is_true(json_object_get(j, "lanchester")));
    assert_true(json_number_value(json_object_get(j, "p_victory_a")) > 0.9);
    json_decref(j);
    /* the aid-cut lever moves theta toward A: A's terms rise against the no-lever row */
    j = run_json("war --no-scenario --levers --aid-cut 0.05 --runs 4000 --format json");
    json_t *lv = json_object_get(j, "levers");
    double none = json_number_value(json_object_get(json_object_get(lv, "none"), "mean_share_a"));
    double cut = json_number_value(json_object_get(json_object_get(lv, "aid_cut"), "mean_share_a"));
    assert_true(cut > none + 0.05);
    json_decref(j);
    /* Lanchester without forces is an error that names the sub-model */
    char *out = NULL, *err = NULL;
    assert_int_equal(sc_test_run_cli("war --no-scenario --gamma 2", &out, &err), 2);
    assert_non_null(strstr(err, "Lanchester"));
    free(out);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_flags_json),
                                       cmocka_unit_test(test_threads_same_output),
                                       cmocka_unit_test(test_levers_and_errors),
                                       cmocka_unit_test(test_lanchester_and_aid_cut_flags)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
