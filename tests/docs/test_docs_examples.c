/* SPDX-License-Identifier: MIT */
/*
 * Every example of docs/scenario-format.md is a test: a ```yaml block must pass what statecraft
 * validate checks (the parse, then sc_run_check: the model sections), unless the line before it
 * is <!-- expect-error: TEXT -->, in which case it must fail with a located message containing
 * TEXT.
 */
#include "sc_test.h"

#include "statecraft/statecraft.h"

static void check_block(const char *yaml, size_t len, const char *expect, int index)
{
    sc_scenario *s = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    sc_parse_opts opts;
    sc_parse_opts_init(&opts);
    opts.filename = "scenario-format.md example";
    sc_status rc = sc_scenario_parse(yaml, len, &opts, &s, &diag);
    if (rc == SC_OK) {
        /* and its model sections, as statecraft validate reads them */
        rc = sc_run_check(s, &diag);
        if (rc != SC_OK) {
            sc_scenario_free(s);
            s = NULL;
        }
    }
    if (!expect) {
        if (rc != SC_OK) {
            sc_diag_print(&diag, stderr);
            fail_msg("example %d should be valid", index);
        }
        sc_scenario_free(s);
        return;
    }
    if (rc == SC_OK) {
        sc_scenario_free(s);
        fail_msg("example %d should fail with '%s'", index, expect);
    }
    if (!strstr(diag.message, expect)) {
        fail_msg("example %d: got '%s', expected it to contain '%s'", index, diag.message, expect);
    }
    assert_true(diag.line > 0);
    assert_true(diag.column > 0);
}

static void test_every_example(void **state)
{
    (void)state;
    size_t len = 0;
    char *md = sc_test_slurp(sc_test_source("docs/scenario-format.md"), &len);
    assert_non_null(md);
    int valid = 0, invalid = 0;
    const char *p = md;
    while ((p = strstr(p, "```yaml\n")) != NULL) {
        /* the marker, if any, is on the line just above the fence */
        char expect[256] = "";
        const char *line_start = p;
        if (line_start > md) {
            const char *prev_end = line_start - 1;
            const char *prev = prev_end;
            while (prev > md && prev[-1] != '\n') {
                prev--;
            }
            const char *m = "<!-- expect-error: ";
            if (strncmp(prev, m, strlen(m)) == 0) {
                const char *b = prev + strlen(m);
                const char *e = strstr(b, " -->");
                assert_non_null(e);
                size_t n = (size_t)(e - b);
                assert_true(n < sizeof expect);
                memcpy(expect, b, n);
                expect[n] = '\0';
            }
        }
        const char *body = p + strlen("```yaml\n");
        const char *end = strstr(body, "```");
        assert_non_null(end);
        check_block(body, (size_t)(end - body), expect[0] ? expect : NULL, valid + invalid);
        if (expect[0]) {
            invalid++;
        } else {
            valid++;
        }
        p = end + 3;
    }
    free(md);
    /* the page documents both kinds; a page with no examples would make this test vacuous */
    assert_true(valid >= 5);
    assert_true(invalid >= 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_every_example)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
