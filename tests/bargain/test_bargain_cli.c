/* SPDX-License-Identifier: MIT */
/*
 * statecraft forecast --model bargaining (and --model all): the numbers equal the library's
 * sc_bargain_run on the same state, the baseline and the win-set by hand, the verdict sentences,
 * the state options, --issue, --capability-index, CSV rows, text and the errors.
 */
#define _GNU_SOURCE
#include "sc_test.h"

#include <math.h>
#include <unistd.h>

#include <jansson.h>

#include "statecraft/statecraft.h"

/* A at 10 and C at 80 are veto players; A accepts [0, 40] (reservation 40), C [50, 100] or, with
 * the variant, [30, 100]. Weights capability x salience: A 1, B 1, C 1: the median is B's 60. */
static const char *const yaml =
    "statecraft: 1\n"
    "metadata: {title: Two veto players, date: 2025-01-01}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: 1}\n"
    "  - {id: B, name: Beta, capability: 1}\n"
    "  - {id: C, name: Gamma, capability: 2}\n"
    "issues:\n"
    "  - {id: x, title: \"Line, and how far\", scale: [0, 100]}\n"
    "stances:\n"
    "  x:\n"
    "    A: {position: 10, salience: 1, reservation: 40}\n"
    "    B: {position: 60, salience: 1}\n"
    "    C: {position: 80, salience: 0.5, reservation: 50}\n"
    "agreement: {veto: [A, C]}\n"
    "events:\n"
    "  - id: move\n"
    "    date: 2025-02-01\n"
    "    actors: [B]\n"
    "    what: B moves\n"
    "    source: \"test\"\n"
    "    shifts:\n"
    "      - {target: stance.x.B.position, set: 35}\n"
    "variants:\n"
    "  - name: softer\n"
    "    description: C softer\n"
    "    shifts:\n"
    "      - {target: stance.x.C.reservation, set: 30}\n";

static char path[400];

/* the scenario in the test's own scratch directory (sc_test_tmp_make: under $TMPDIR or the
 * build tree, never a fixed path in /tmp) */
static int setup(void **state)
{
    (void)state;
    if (!sc_test_tmp_make("sc_bargain_cli_")) {
        return -1;
    }
    snprintf(path, sizeof path, "%s", sc_test_tmp_path("bargain.yaml"));
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(yaml, f);
    fclose(f);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

static char *run(const char *args, int expect_rc, char **err_out)
{
    char *out = NULL, *err = NULL;
    int rc = sc_test_run_cli(args, &out, &err);
    if (rc != expect_rc) {
        fail_msg("'%s' exited %d, not %d: %s", args, rc, expect_rc, err ? err : "");
    }
    if (err_out) {
        *err_out = err;
    } else {
        free(err);
    }
    return out;
}

static json_t *run_json(const char *args)
{
    char *out = run(args, 0, NULL);
    json_error_t e;
    json_t *j = json_loads(out, 0, &e);
    if (!j) {
        fail_msg("'%s' printed invalid JSON: %s", args, e.text);
    }
    free(out);
    return j;
}

static json_t *model_of(json_t *issue, const char *m)
{
    return json_object_get(json_object_get(issue, "forecasts"), m);
}

static void test_by_hand(void **state)
{
    (void)state;
    char args[512];
    snprintf(args, sizeof args, "forecast --model bargaining --before-events --format json %s",
             path);
    json_t *j = run_json(args);
    assert_string_equal(json_string_value(json_object_get(j, "model")), "bargaining");
    json_t *st = json_object_get(j, "state");
    assert_string_equal(json_string_value(json_object_get(st, "events")), "before");
    json_t *is = json_array_get(json_object_get(j, "issues"), 0);
    assert_string_equal(json_string_value(json_object_get(is, "issue")), "x");
    /* the baseline: the weighted median of 10, 60, 80 with equal weights */
    SC_ASSERT_NEAR(json_number_value(json_object_get(model_of(is, "baseline"), "forecast")), 60, 0);
    /* A accepts nothing above 40, C nothing below 50: no agreement, whatever the forecast */
    json_t *w = json_object_get(is, "winset");
    assert_true(json_is_true(json_object_get(w, "covered")));
    assert_true(json_is_false(json_object_get(w, "exists")));
    SC_ASSERT_NEAR(json_number_value(json_object_get(w, "floor")), 50, 0);
    assert_string_equal(json_string_value(json_object_get(w, "floor_by")), "C");
    SC_ASSERT_NEAR(json_number_value(json_object_get(w, "ceiling")), 40, 0);
    assert_string_equal(json_string_value(json_object_get(w, "ceiling_by")), "A");
    /* the spread is the smallest and the largest of the four forecasts */
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    const char *models[4] = {"baseline", "eum-scholz", "eum-printed", "smp"};
    for (int m = 0; m < 4; m++) {
        json_t *o = model_of(is, models[m]);
        double f = json_number_value(json_object_get(o, "forecast"));
        lo = fmin(lo, f);
        hi = fmax(hi, f);
        assert_string_equal(json_string_value(json_object_get(o, "verdict")), "no agreement");
        assert_string_equal(json_string_value(json_object_get(o, "agreement")), "no agreement");
    }
    json_t *sp = json_object_get(is, "spread");
    SC_ASSERT_NEAR(json_number_value(json_array_get(sp, 0)), lo, 0);
    SC_ASSERT_NEAR(json_number_value(json_array_get(sp, 1)), hi, 0);
    SC_ASSERT_NEAR(json_number_value(json_object_get(is, "spread_width")), hi - lo, 1e-12);
    json_decref(j);

    /* the variant: C accepts [30, 100]; the win-set [30, 40], floor by C, ceiling by A; after
     * the event B sits at 35: the median is 35, inside it: settlement at 35 */
    snprintf(args, sizeof args, "forecast --model all --variant softer --format json %s", path);
    j = run_json(args);
    st = json_object_get(j, "state");
    assert_string_equal(json_string_value(json_object_get(st, "variant")), "softer");
    assert_string_equal(json_string_value(json_object_get(st, "events")), "after");
    is = json_array_get(json_object_get(j, "issues"), 0);
    w = json_object_get(is, "winset");
    assert_true(json_is_true(json_object_get(w, "exists")));
    SC_ASSERT_NEAR(json_number_value(json_object_get(w, "floor")), 30, 0);
    SC_ASSERT_NEAR(json_number_value(json_object_get(w, "ceiling")), 40, 0);
    json_t *b = model_of(is, "baseline");
    SC_ASSERT_NEAR(json_number_value(json_object_get(b, "forecast")), 35, 0);
    assert_string_equal(json_string_value(json_object_get(b, "verdict")), "settlement");
    assert_string_equal(json_string_value(json_object_get(b, "agreement")), "settlement at 35.0");
    json_decref(j);

    /* the variant before the event: the median 60 lies 20 above A's bound: A rejects it and the
     * nearest settlement everyone accepts is 40 */
    snprintf(args, sizeof args,
             "forecast --model bargaining --variant softer --before-events --format json %s",
             path);
    j = run_json(args);
    is = json_array_get(json_object_get(j, "issues"), 0);
    b = model_of(is, "baseline");
    assert_string_equal(json_string_value(json_object_get(b, "verdict")), "rejected");
    assert_string_equal(json_string_value(json_object_get(b, "agreement")),
                        "no agreement at the forecast: A rejects it (every veto player accepts "
                        "40.0)");
    json_decref(j);
}

/* The CLI prints the library's numbers for the same state. */
static void test_equals_the_library(void **state)
{
    (void)state;
    json_t *j = run_json("forecast --model bargaining --format json");
    sc_diag d;
    sc_diag_init(&d);
    sc_scenario *bi = NULL, *after = NULL;
    assert_int_equal(sc_scenario_builtin(&bi, &d), SC_OK);
    assert_int_equal(sc_scenario_at(bi, NULL, &after, &d), SC_OK);
    sc_bargain_result *r = NULL;
    assert_int_equal(sc_bargain_run(after, NULL, &r, &d), SC_OK);
    json_t *issues = json_object_get(j, "issues");
    assert_int_equal(json_array_size(issues), r->n);
    for (size_t k = 0; k < r->n; k++) {
        json_t *is = json_array_get(issues, k);
        for (int m = 0; m < SC_BARGAIN_MODELS; m++) {
            json_t *o = model_of(is, sc_bargain_model_name((sc_bargain_model)m));
            SC_ASSERT_NEAR(json_number_value(json_object_get(o, "forecast")),
                           r->issues[k].forecast[m], 0);
            assert_string_equal(json_string_value(json_object_get(o, "verdict")),
                                sc_agreement_verdict_name(r->issues[k].verdict[m].verdict));
        }
    }
    sc_bargain_result_free(r);
    sc_scenario_free(after);
    sc_scenario_free(bi);
    /* the veto players of the built-in scenario */
    json_t *vp = json_object_get(j, "veto_players");
    assert_int_equal(json_array_size(vp), 3);
    json_decref(j);
    /* before the events the forecasts are another state's */
    json_t *b = run_json("forecast --model bargaining --before-events --format json");
    assert_string_equal(json_string_value(json_object_get(json_object_get(b, "state"), "events")),
                        "before");
    json_decref(b);
}

static void test_text_csv_and_options(void **state)
{
    (void)state;
    char *out = run("forecast --model bargaining --issue territory", 0, NULL);
    assert_non_null(strstr(out, "State: after all the events"));
    assert_non_null(strstr(out, "Veto players: USA, RUS, UKR"));
    assert_non_null(strstr(out, "territory: "));
    assert_null(strstr(out, "\nnato: "));
    assert_non_null(
        strstr(out, "no agreement possible: RUS accepts nothing below 75.0, UKR nothing above 50.0"));
    free(out);
    /* CSV: a header and four rows per issue */
    char args[512];
    snprintf(args, sizeof args, "forecast --model bargaining --format csv --variant softer %s",
             path);
    out = run(args, 0, NULL);
    size_t lines = 0;
    for (const char *p = out; *p; p++) {
        lines += *p == '\n';
    }
    assert_int_equal(lines, 1 + 4);
    assert_non_null(strstr(out, "\nx,baseline,35,35,35,no bargaining,settlement,settlement at 35.0,"));
    free(out);
    /* another capability index changes the weights: the forecast of some model moves */
    json_t *a = run_json("forecast --model bargaining --format json --issue nato");
    json_t *c = run_json("forecast --model bargaining --format json --issue nato "
                         "--capability-index cinc");
    json_t *ia = json_array_get(json_object_get(a, "issues"), 0);
    json_t *ic = json_array_get(json_object_get(c, "issues"), 0);
    assert_int_equal(json_array_size(json_object_get(a, "issues")), 1);
    int moved = 0;
    const char *models[4] = {"baseline", "eum-scholz", "eum-printed", "smp"};
    for (int m = 0; m < 4; m++) {
        moved |= json_number_value(json_object_get(model_of(ia, models[m]), "forecast")) !=
                 json_number_value(json_object_get(model_of(ic, models[m]), "forecast"));
    }
    assert_true(moved);
    json_decref(a);
    json_decref(c);
}

static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *args;
        int rc;
        const char *expect;
    } cases[] = {
        {"forecast --model bargain", 2,
         "--model: no model 'bargain' (did you mean 'bargaining'?); the models are eum, smp"},
        {"forecast --model bargaining --issue borders", 2, "--issue: no issue 'borders'"},
        {"forecast --model bargaining --capability-index cinq", 2,
         "--capability-index must be cinc, milex, gdp or composite, got 'cinq'"},
        {"forecast --model bargaining --variant nope", 0, NULL}, /* checked below: not 0 */
        {"forecast --model bargaining --rounds 10", 2, "unknown option '--rounds'"},
        {"forecast --model bargaining --format pdf", 2, "--format must be text, json, csv or html"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *out = NULL, *err = NULL;
        int rc = sc_test_run_cli(cases[k].args, &out, &err);
        if (!cases[k].expect) {
            if (rc == 0 || !strstr(err, "nope")) {
                fail_msg("'%s' exited %d: %s", cases[k].args, rc, err);
            }
        } else if (rc != cases[k].rc || !strstr(err, cases[k].expect)) {
            fail_msg("'%s' exited %d: '%s', expected %d '%s'", cases[k].args, rc, err,
                     cases[k].rc, cases[k].expect);
        }
        free(out);
        free(err);
    }
    char *out = run("forecast --model bargaining --help", 0, NULL);
    assert_non_null(strstr(out, "usage: statecraft forecast --model bargaining"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_hand),
        cmocka_unit_test(test_equals_the_library),
        cmocka_unit_test(test_text_csv_and_options),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
