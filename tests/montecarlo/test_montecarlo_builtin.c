/* SPDX-License-Identifier: MIT */
/*
 * The built-in scenario's answers respond to the inputs that should move them (issue 12): the
 * US-Russia-China triangle under the `retrench` variant, drawn over the scenario's own ranges.
 *
 * The scenario's text without its claims and its war section (their cost is not the point here;
 * the war's own responses are tested in tests/war) is drawn with the headline numbers in the
 * retrench state. After the events, US-Russia amity is -0.6 + 0.114 + 0.126 - 0.005 = -0.365
 * (sd 0.1); Russia-China 0.797 and US-China -0.5 (sd 0.1 each) stay far from the triangle's
 * +-0.1 dead band, so the configuration rests on US-Russia alone:
 *   - as written, retrench *sets* US-Russia to -0.3 after the events: no draw reaches it, the
 *     triangle is a stable Russia-China marriage in every draw and no input moves it;
 *   - when retrench instead *adds* 0.3 to the drawn amity (its point value -0.065, what the
 *     issue saw when the variant was applied before the events), US-Russia is N(-0.065, 0.1):
 *     a stable marriage when it is below -0.1 (Phi(-0.35) = 0.3632), Russia the pivot of a
 *     romantic triangle above +0.1 (1 - Phi(1.65) = 0.0495), indeterminate in between (0.5874),
 *     and US-Russia amity is the one input that decides it.
 */
#include <math.h>

#include "core/diag_internal.h"
#include "montecarlo/mc_internal.h"
#include "sc_scenario_test.h"

/* The built-in scenario's text without claims, war section and war shifts; `from` replaced by
 * `to` once when given. */
static char *builtin_without_war(const char *from, const char *to)
{
    size_t len = 0;
    char *text = sc_test_slurp(sc_test_source("scenarios/ukraine-ceasefire-2025.yaml"), &len);
    assert_non_null(text);
    char *a = strstr(text, "\nclaims:\n"), *b = strstr(text, "\ngame:\n");
    assert_non_null(a);
    assert_non_null(b);
    assert_true(a < b);
    size_t cap = len + (to ? strlen(to) : 0) + 1;
    char *out = malloc(cap);
    assert_non_null(out);
    size_t n = 0;
    /* line by line: drop the cut and every shift of the war section */
    for (char *line = text; line && *line;) {
        char *eol = strchr(line, '\n');
        size_t ll = eol ? (size_t)(eol - line) + 1 : strlen(line);
        int cut = line > a && line <= b;
        char save = line[ll - 1];
        line[ll - 1] = '\0';
        int war_shift = strstr(line, "target: war.") != NULL;
        line[ll - 1] = save;
        if (!cut && !war_shift) {
            memcpy(out + n, line, ll);
            n += ll;
        }
        line = eol ? eol + 1 : NULL;
    }
    out[n] = '\0';
    free(text);
    if (from) {
        char *at = strstr(out, from);
        assert_non_null(at);
        assert_null(strstr(at + 1, from));
        char *res = malloc(n + strlen(to) + 1);
        assert_non_null(res);
        size_t head = (size_t)(at - out);
        memcpy(res, out, head);
        strcpy(res + head, to);
        strcat(res, at + strlen(from));
        free(out);
        out = res;
    }
    return out;
}

static json_t *mc_section(const char *yaml, size_t draws, size_t sens)
{
    sc_scenario *s = sc_test_scenario(yaml);
    sc_state st = {"retrench", SC_EVENTS_AFTER, NULL};
    sc_mc_opts o;
    sc_mc_opts_init(&o);
    o.draws = draws;
    o.sensitivity_draws = sens;
    o.bootstrap = 50;
    o.threads = 2;
    o.state = &st;
    sc_mc *mc = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_mc_new(s, &o, &mc, &d) != SC_OK || sc_mc_run(mc, NULL, 0, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("the Monte Carlo failed");
    }
    sc_run_opts ro;
    sc_run_opts_init(&ro);
    ro.mc = mc;
    sc_state bs = {NULL, SC_EVENTS_BEFORE, NULL};
    sc__section_in in = {mc->s, &bs, mc->s, &ro, 0};
    json_t *out = json_object();
    assert_int_equal(sc__claims_section(&in, out, &d), SC_OK);
    sc_mc_free(mc);
    sc_scenario_free(s);
    return out;
}

static const json_t *headline(const json_t *sec, const char *model, const char *answer)
{
    const json_t *m = json_object_get(sec, "monte_carlo");
    assert_string_equal(json_string_value(json_object_get(m, "headline_state")), "retrench");
    size_t i;
    json_t *h;
    json_array_foreach(json_object_get(m, "headlines"), i, h) {
        if (strcmp(json_string_value(json_object_get(h, "model")), model) == 0 &&
            strcmp(json_string_value(json_object_get(h, "answer")), answer) == 0) {
            return h;
        }
    }
    fail_msg("no headline %s %s", model, answer);
    return NULL;
}

static double share(const json_t *h, const char *value)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(h, "frequencies"), i, f) {
        if (strcmp(json_string_value(json_object_get(f, "value")), value) == 0) {
            return json_number_value(json_object_get(f, "share"));
        }
    }
    return 0;
}

/* |p - exact| within 4 standard errors of a share over n draws */
static void check_share(double p, double exact, size_t n)
{
    double se = sqrt(exact * (1 - exact) / (double)n);
    if (fabs(p - exact) > 4 * se) {
        fail_msg("share %.4f, closed form %.4f (4 se = %.4f)", p, exact, 4 * se);
    }
}

static void test_retrench_as_written_is_certain(void **state)
{
    (void)state;
    char *yaml = builtin_without_war(NULL, NULL);
    assert_non_null(strstr(yaml, "{target: relation.USA.RUS.amity, set: -0.3}"));
    json_t *sec = mc_section(yaml, 100, 10);
    const json_t *h = headline(sec, "triangle", "configuration");
    SC_ASSERT_NEAR(share(h, "stable_marriage"), 1, 0);
    /* the set overrides the drawn amity: nothing moves the configuration */
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(h, "sensitivity"), i, x) {
        assert_true(json_number_value(json_object_get(x, "total")) == 0);
    }
    json_decref(sec);
    free(yaml);
}

static void test_retrench_on_the_draw_is_uncertain(void **state)
{
    (void)state;
    char *yaml = builtin_without_war("{target: relation.USA.RUS.amity, set: -0.3}",
                                     "{target: relation.USA.RUS.amity, add: 0.3}");
    size_t n = 1000;
    json_t *sec = mc_section(yaml, n, 100);
    const json_t *h = headline(sec, "triangle", "configuration");
    check_share(share(h, "stable_marriage"), 0.3632, n);
    check_share(share(h, "indeterminate"), 0.5874, n);
    check_share(share(h, "romantic_triangle"), 0.0495, n);
    const json_t *r = headline(sec, "triangle", "RUS role");
    check_share(share(r, "pivot"), 0.0495, n);
    check_share(share(r, "partner"), 0.3632, n);
    /* what decides it: US-Russia amity, far ahead of everything else */
    const json_t *sens = json_object_get(h, "sensitivity");
    assert_true(json_array_size(sens) >= 1);
    const json_t *top = json_array_get(sens, 0);
    assert_string_equal(json_string_value(json_object_get(top, "input")), "relation.USA.RUS.amity");
    assert_true(json_number_value(json_object_get(top, "total")) > 0.7);
    assert_true(json_number_value(json_array_get(json_object_get(top, "total_ci95"), 0)) > 0.5);
    for (size_t i = 1; i < json_array_size(sens); i++) {
        assert_true(json_number_value(json_object_get(json_array_get(sens, i), "total")) < 0.05);
    }
    /* the point value -0.065 is in the dead band: the configuration at the point values is
     * indeterminate, and the draws say how often it is not */
    assert_string_equal(json_string_value(json_object_get(h, "point")), "indeterminate");
    json_decref(sec);
    free(yaml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_retrench_as_written_is_certain),
        cmocka_unit_test(test_retrench_on_the_draw_is_uncertain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
