/* SPDX-License-Identifier: MIT */
/*
 * An uncertain `eum:` setting as a sensitivity input. In a Saltelli row A_B^(i) the Monte Carlo
 * plays the EUM again only on the issues input i can move (sc__mc_eum_issues, then
 * sc__eum_section_issues); a capability or an `eum:` setting moves every issue. Until 2026-12-06
 * the rows were played again but the section's other keys (tolerance, rounds, variant, stop) were
 * copied from row A, so a claim over the moved setting read row A's value and its inputs' indices
 * came out 0 ("no input moved it"). Here the claim depends on the setting alone: its total-effect
 * index must be near 1 and the stance's 0.
 */
#include "sc_test.h"

#include <jansson.h>
#include <stdlib.h>

static const char scenario[] =
    "statecraft: 1\n"
    "metadata: {title: EUM tolerance uncertain}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: 2}\n"
    "  - {id: B, name: Beta, capability: 1}\n"
    "  - {id: C, name: Gamma, capability: 1.5}\n"
    "issues:\n"
    "  - {id: aid, title: Aid, scale: [0, 100], low: more, high: none}\n"
    "stances:\n"
    "  aid:\n"
    "    A: {position: {value: 20, sd: 5}, salience: 0.6}\n"
    "    B: {position: 80, salience: 0.7}\n"
    "    C: {position: 50, salience: 0.5}\n"
    "eum: {tolerance: {value: 5e-4, range: [1e-4, 1e-3]}, max_rounds: 50}\n"
    "claims:\n"
    "  - id: loose-tolerance\n"
    "    text: \"The EUM's tolerance is loose\"\n"
    "    source: test\n"
    "    test:\n"
    "      model: eum\n"
    "      when: [after-events]\n"
    "      holds: '.models.eum.tolerance > 5e-4'\n"
    "      expect: \"about half the draws\"\n";

static void test_eum_setting_drives_its_claim(void **state)
{
    (void)state;
    assert_non_null(sc_test_tmp_make("sc_eumset"));
    const char *path = sc_test_tmp_path("eumtol.yaml");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(scenario, f);
    assert_int_equal(fclose(f), 0);
    char args[1024];
    snprintf(args, sizeof args,
             "run '%s' --draws 200 --sensitivity-draws 200 --threads 2 --format json", path);
    char *out = NULL;
    char *err = NULL;
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    json_error_t je;
    json_t *doc = json_loads(out, 0, &je);
    if (!doc) {
        fail_msg("not JSON: %s\n%s", je.text, err);
    }
    json_t *claim = json_array_get(
        json_object_get(json_object_get(json_object_get(doc, "models"), "claims"), "claims"), 0);
    assert_string_equal(json_string_value(json_object_get(claim, "id")), "loose-tolerance");
    /* the tolerance is uniform on [1e-4, 1e-3]: P(> 5e-4) = 5/9; 200 draws, se 0.035 */
    double p = json_real_value(json_object_get(claim, "p_holds"));
    assert_true(p > 5.0 / 9 - 4 * 0.0351 && p < 5.0 / 9 + 4 * 0.0351);
    json_t *sens = json_object_get(claim, "sensitivity");
    assert_int_equal(json_array_size(sens), 2);
    /* largest total first: the setting, with an index near 1 (the claim is a function of it
     * alone; 200 base rows give intervals of about +-0.15), then the stance at exactly 0 */
    json_t *top = json_array_get(sens, 0), *other = json_array_get(sens, 1);
    assert_string_equal(json_string_value(json_object_get(top, "input")), "eum.tolerance");
    double total = json_real_value(json_object_get(top, "total"));
    if (!(total > 0.7 && total < 1.3)) {
        fail_msg("eum.tolerance's total-effect index %g, expected about 1", total);
    }
    assert_string_equal(json_string_value(json_object_get(other, "input")),
                        "stance.aid.A.position");
    assert_true(json_real_value(json_object_get(other, "total")) == 0.0);
    json_decref(doc);
    free(out);
    free(err);
    assert_int_equal(sc_test_tmp_remove(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eum_setting_drives_its_claim),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
