/* SPDX-License-Identifier: MIT */
/*
 * The built-in scenario is the first thing a new user runs, so it must pass its own checks
 * without a word on standard error. `validate` applies every event and every variant on top of
 * the events and warns, with a location, about any shift that leaves the number's declared range
 * (docs/scenario-format.md): a warning there on every `statecraft run` teaches users to ignore
 * warnings. Until 2026-12-06 the variant `retrench` set `war.commitment.aid_trend` to -0.5,
 * outside its range [-0.4, 0], and every run printed that warning.
 */
#include "sc_test.h"

/* `validate FILE` on the shipped scenario: "ok" on stdout, no warning, nothing on stderr. */
static void test_shipped_scenario_validates_silently(void **state)
{
    (void)state;
    char args[8192];
    snprintf(args, sizeof args, "validate '%s'",
             sc_test_source("scenarios/ukraine-ceasefire-2025.yaml"));
    char *out = NULL;
    char *err = NULL;
    int rc = sc_test_run_cli(args, &out, &err);
    assert_int_equal(rc, 0);
    assert_non_null(out);
    assert_non_null(err);
    if (!strstr(out, ": ok (") || strstr(out, "warning")) {
        fail_msg("validate's report: %s", out);
    }
    if (err[0] != '\0') {
        fail_msg("validate wrote to stderr:\n%s", err);
    }
    free(out);
    free(err);
}

/* The compiled-in copy, under each variant after the events (what `run` computes). */
static void test_builtin_variants_silent(void **state)
{
    (void)state;
    static const char *const args[] = {
        "show --after-events",
        "show --after-events --variant retrench",
        "show --after-events --variant engaged",
    };
    for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
        char *out = NULL;
        char *err = NULL;
        int rc = sc_test_run_cli(args[i], &out, &err);
        if (rc != 0 || !err || err[0] != '\0') {
            fail_msg("statecraft %s: exit %d, stderr:\n%s", args[i], rc, err ? err : "(none)");
        }
        free(out);
        free(err);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_scenario_validates_silently),
        cmocka_unit_test(test_builtin_variants_silent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
