/* SPDX-License-Identifier: MIT */
/*
 * The YAML writer (statecraft events scenario) round-tripped (issue 20): a title holding every
 * character YAML's double-quoted scalars must escape (quotes, backslash, a colon and a hash that
 * would start a mapping or a comment unquoted, a tab, a line break, non-ASCII text) is written,
 * the file read back by the scenario parser, and the title compared byte for byte; the written
 * amities are read back as numbers in [-1, 1] for every pair of the actors.
 */
#include "sc_test.h"

#include "statecraft/statecraft.h"

#define PHOENIX SC_SHARED_DIR "/data/events/samples/phoenix_oeda_2014-2016_sample5000_R_export.csv"

static void test_title_and_amities_read_back(void **state)
{
    (void)state;
    static const char title[] = "A \"quoted\" title: with \\ back\\slash, # hash,\ttab,\nline, "
                                "caf\xc3\xa9 'single'";
    /* the shell argument: single quotes, each ' written as '\'' */
    char arg[512], args[2048];
    size_t k = 0;
    arg[k++] = '\'';
    for (const char *p = title; *p && k + 5 < sizeof arg; p++) {
        if (*p == '\'') {
            memcpy(arg + k, "'\\''", 4);
            k += 4;
        } else {
            arg[k++] = *p;
        }
    }
    arg[k++] = '\'';
    arg[k] = '\0';
    snprintf(args, sizeof args,
             "events scenario '%s' --actors USA,RUS,CHN,UKR --at 2016-05-26 --since 2015-06-01 "
             "--title %s",
             PHOENIX, arg);
    char *out = NULL, *err = NULL;
    int rc = sc_test_run_cli(args, &out, &err);
    if (rc != 0) {
        fail_msg("exit %d: %s", rc, err ? err : "");
    }
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_scenario_parse(out, strlen(out), NULL, &s, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("the written scenario does not parse");
    }
    assert_string_equal(sc_scenario_title(s), title);
    /* every pair of the four actors has an amity, read back as a number in [-1, 1] */
    const char *ids[4] = {"USA", "RUS", "CHN", "UKR"};
    for (size_t i = 0; i < 4; i++) {
        for (size_t j = i + 1; j < 4; j++) {
            long a = sc_scenario_actor_index(s, ids[i]), b = sc_scenario_actor_index(s, ids[j]);
            assert_true(a >= 0 && b >= 0);
            const sc_relation *r = sc_scenario_relation(s, (size_t)a, (size_t)b);
            assert_non_null(r);
            assert_true(r->present);
            assert_true(r->amity.value >= -1 && r->amity.value <= 1);
        }
    }
    /* the USA-RUS amity is the one the file states (test_events_cli: 0.252) */
    assert_non_null(strstr(out, "pair: [USA, RUS]\n    amity: {value: 0.252, source: dsmg}"));
    SC_ASSERT_NEAR(sc_scenario_relation(s, (size_t)sc_scenario_actor_index(s, "USA"),
                                        (size_t)sc_scenario_actor_index(s, "RUS"))
                       ->amity.value,
                   0.252, 0);
    sc_scenario_free(s);
    free(out);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_title_and_amities_read_back)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
