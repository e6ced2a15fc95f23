/* SPDX-License-Identifier: MIT */
/* statecraft triangle: the built-in scenario before and after the events, and bad input. */
#include "sc_test.h"

static void test_builtin(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    assert_int_equal(sc_test_run_cli("triangle", &out, &err), 0);
    assert_non_null(strstr(out, "stable_marriage"));
    assert_non_null(strstr(out, "USA      outcast"));
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("triangle --after-events --format json", &out, &err), 0);
    assert_non_null(strstr(out, "\"model\":\"triangle\""));
    assert_non_null(strstr(out, "\"role\":\"partner\""));
    free(out);
    free(err);
}

static void test_numbers_and_errors(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    assert_int_equal(sc_test_run_cli("triangle --amity 0.3,-0.8,0.4", &out, &err), 0);
    assert_non_null(strstr(out, "romantic_triangle"));
    assert_non_null(strstr(out, "A        pivot"));
    /* C (a wing) becomes pivot by warming B-C and cooling A-B: 0.8 + 0.11 and 0.3 + 0.11 */
    assert_non_null(strstr(out, "To become the pivot"));
    assert_non_null(strstr(out, "(total 1.320)"));
    free(out);
    free(err);
    /* errors: exit 2, nothing on standard output, the option and the value at fault named */
    assert_int_equal(sc_test_run_cli("triangle --amity 0.3,2,0.4", &out, &err), 2);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "--amity: '2' is not an amity in [-1, 1]"));
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("triangle --actors USA,RUS", &out, &err), 2);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "--actors expects three actor ids A,B,C, got 'USA,RUS'"));
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("triangle --actors USA,RUS,XYZ", &out, &err), 2);
    assert_non_null(strstr(err, "--actors: no actor 'XYZ'"));
    free(out);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_builtin),
                                       cmocka_unit_test(test_numbers_and_errors)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
