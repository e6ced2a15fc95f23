/* SPDX-License-Identifier: MIT */
/*
 * The claims examples of docs/scenario-format.md are judged as the page says: a yaml block whose
 * fence is preceded by <!-- expect-verdicts: ID STATE=holds|fails ...; ID ... --> must give those
 * verdicts at the point values (the claims section of `statecraft run`).
 */
#include "montecarlo/mc_internal.h"
#include "sc_scenario_test.h"

static void check_block(const char *yaml, size_t len, const char *marker)
{
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_scenario_parse(yaml, len, NULL, &s, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("a claims example does not parse");
    }
    sc_run_opts ro;
    sc_run_opts_init(&ro);
    ro.runs = 200;
    sc_mc *mc = NULL;
    if (sc__mc_new_claims_only(s, &ro, &mc, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("the example's claims cannot be judged");
    }
    /* "ID STATE=verdict STATE=verdict; ID ..." */
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", marker);
    int checked = 0;
    for (char *claim = strtok(buf, ";"); claim; claim = strtok(NULL, ";")) {
        char id[128] = "";
        char *p = claim;
        while (*p == ' ') {
            p++;
        }
        size_t n = strcspn(p, " ");
        snprintf(id, sizeof id, "%.*s", (int)n, p);
        p += n;
        long c = -1;
        for (size_t k = 0; k < sc_scenario_claim_count(s); k++) {
            if (strcmp(sc_scenario_claim(s, k)->id, id) == 0) {
                c = (long)k;
            }
        }
        if (c < 0) {
            fail_msg("the marker names claim '%s', which the example lacks", id);
        }
        while (*p) {
            while (*p == ' ') {
                p++;
            }
            size_t m = strcspn(p, " ");
            if (!m) {
                break;
            }
            char item[128];
            snprintf(item, sizeof item, "%.*s", (int)m, p);
            p += m;
            char *eq = strchr(item, '=');
            assert_non_null(eq);
            *eq = '\0';
            int want = strcmp(eq + 1, "holds") == 0;
            int got = sc__mc_holds_at_point(mc, (size_t)c, item);
            if (got != want) {
                fail_msg("claim %s in state %s: the page says %s, statecraft says %s", id, item,
                         eq + 1, got < 0 ? "nothing" : got ? "holds" : "fails");
            }
            checked++;
        }
    }
    assert_true(checked > 0);
    sc_mc_free(mc);
    sc_scenario_free(s);
}

static void test_documented_verdicts(void **state)
{
    (void)state;
    size_t len = 0;
    char *md = sc_test_slurp(sc_test_source("docs/scenario-format.md"), &len);
    assert_non_null(md);
    int blocks = 0;
    const char *tag = "<!-- expect-verdicts: ";
    for (const char *p = strstr(md, tag); p; p = strstr(p + 1, tag)) {
        const char *b = p + strlen(tag);
        const char *e = strstr(b, " -->");
        assert_non_null(e);
        char marker[1024];
        snprintf(marker, sizeof marker, "%.*s", (int)(e - b), b);
        const char *fence = strstr(e, "```yaml\n");
        assert_non_null(fence);
        const char *body = fence + strlen("```yaml\n");
        const char *end = strstr(body, "```");
        assert_non_null(end);
        check_block(body, (size_t)(end - body), marker);
        blocks++;
    }
    free(md);
    assert_true(blocks >= 1); /* the page documents judged claims */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_documented_verdicts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
