/* SPDX-License-Identifier: MIT */
/*
 * Claims as jq predicates: the `test` mapping, compile errors located at `holds`, the paths a
 * predicate reads, one program for many expressions, jansson documents converted to jq values,
 * and what a run reports for results that are not one boolean.
 */
#include "sc_scenario_test.h"
#include "scenario/jq_internal.h"
#include "statecraft/montecarlo.h"
#include "statecraft/report.h"

#define HEAD                                                                                       \
    "statecraft: 1\n"                                                                              \
    "metadata: {title: Claims}\n"                                                                  \
    "actors:\n"                                                                                    \
    "  - {id: USA, name: United States, capability: 0.14}\n"                                       \
    "  - {id: RUS, name: Russia, capability: 0.04}\n"                                              \
    "variants:\n"                                                                                  \
    "  - name: retrench\n"                                                                         \
    "    shifts: [{target: actor.USA.capability, set: 0.1}]\n"                                     \
    "claims:\n"                                                                                    \
    "  - id: c\n"                                                                                  \
    "    text: t\n"

static void expect_error(const char *test, const char *message, int line, int column)
{
    char text[4096];
    snprintf(text, sizeof text, HEAD "%s", test);
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_not_equal(sc_scenario_parse(text, strlen(text), NULL, &s, &d), SC_OK);
    assert_null(s);
    if (!strstr(d.message, message)) {
        fail_msg("expected '%s', got '%s'", message, d.message);
    }
    if (d.line != line || d.column != column) {
        fail_msg("'%s' located at %d:%d, expected %d:%d", d.message, d.line, d.column, line,
                 column);
    }
}

static void test_bad_tests(void **state)
{
    (void)state;
    /* jq syntax errors, located at the holds value, with jq's own message */
    expect_error("    test: {holds: '.a | | foo'}\n", "claim 'c': the predicate does not compile",
                 12, 20);
    expect_error("    test: {holds: '.a | | foo'}\n", "syntax error", 12, 20);
    /* an undefined function fails only when jq binds the builtins */
    expect_error("    test: {holds: '.models.baseline | no_such_function(1)'}\n",
                 "no_such_function/1 is not defined", 12, 20);
    /* unbalanced brackets are refused before jq sees them (they could escape the combined
     * program) */
    expect_error("    test: {holds: '(true) or (false'}\n", "unclosed '('", 12, 20);
    expect_error("    test: {holds: 'true) or (false'}\n", "unbalanced ')'", 12, 20);
    expect_error("    test: {holds: '\"abc'}\n", "unterminated string", 12, 20);
    expect_error("    test: {holds: ''}\n", "'holds' must be a jq expression", 12, 20);
    expect_error("    test: {holds: [true]}\n", "'holds' must be a jq expression", 12, 19);
    /* models: declared or read */
    expect_error("    test: {model: triangel, holds: 'true'}\n",
                 "unknown model 'triangel' (did you mean 'triangle'?)", 12, 19);
    expect_error("    test: {holds: '.models.wars.levers.none.p_ceasefire_52 > 0.5'}\n",
                 "unknown model 'wars' (did you mean 'war'?)", 12, 20);
    expect_error("    test: {model: [eum, claims], holds: 'true'}\n", "unknown model 'claims'", 12,
                 25);
    /* states */
    expect_error("    test: {holds: 'true', when: [after-events, retrenched]}\n",
                 "unknown state 'retrenched' (did you mean 'retrench'?)", 12, 48);
    expect_error("    test: {holds: 'true', when: [after-events, after-events]}\n",
                 "state 'after-events' is listed twice", 12, 48);
    expect_error("    test: {holds: 'true', when: {a: b}}\n", "'when' must list states", 12, 33);
    expect_error("    test: {holds: 'true', when: [after-events], compare: [retrench]}\n",
                 "not both", 12, 58);
    expect_error("    test: {when: [after-events]}\n", "'when' needs a predicate in 'holds'", 12,
                 18);
    expect_error("    test: {holds: 'true', wen: [after-events]}\n",
                 "unknown key 'wen' in a claim's test (did you mean 'when'?)", 12, 27);
    /* the second of two claims is the bad one: the error names it */
    expect_error("    test: {holds: 'true'}\n"
                 "  - id: d\n"
                 "    text: t\n"
                 "    test: {holds: '.models.baseline | bogus'}\n",
                 "claim 'd': the predicate does not compile: bogus/0 is not defined", 15, 20);
}

/* Two actors, one uncertain position (the draws move it, the point value is 0). */
#define DRAWN                                                                                      \
    "statecraft: 1\n"                                                                              \
    "metadata: {title: Drawn}\n"                                                                   \
    "actors:\n"                                                                                    \
    "  - {id: A, name: Alpha, capability: 1}\n"                                                    \
    "  - {id: B, name: Beta, capability: 1}\n"                                                     \
    "issues:\n"                                                                                    \
    "  - {id: x, title: X, scale: [-100, 100], low: a, high: b}\n"                                 \
    "stances:\n"                                                                                   \
    "  x:\n"                                                                                       \
    "    A: {position: {value: 0, sd: 10}, salience: 0.5}\n"                                       \
    "    B: {position: 0, salience: 0.5}\n"                                                        \
    "claims:\n"                                                                                    \
    "  - id: ok\n"                                                                                 \
    "    text: t\n"                                                                                \
    "    test: {holds: 'true'}\n"                                                                  \
    "  - id: d\n"                                                                                  \
    "    text: t\n"

/* The error of a Monte Carlo of the scenario `text` (it must fail). */
static void mc_error_of(const char *text, sc_diag *d)
{
    sc_scenario *s = sc_test_scenario(text);
    sc_mc_opts o;
    sc_mc_opts_init(&o);
    o.draws = 40;
    o.sensitivity_draws = 0;
    o.threads = 1;
    sc_mc *mc = NULL;
    sc_diag_init(d);
    sc_status rc = sc_mc_new(s, &o, &mc, d);
    if (rc == SC_OK) {
        rc = sc_mc_run(mc, NULL, 0, d);
    }
    assert_int_not_equal(rc, SC_OK);
    sc_mc_free(mc);
    sc_scenario_free(s);
}

/* The error of a Monte Carlo of `claims` appended to DRAWN. */
static void mc_error(const char *claims, sc_diag *d)
{
    char text[4096];
    snprintf(text, sizeof text, DRAWN "%s", claims);
    mc_error_of(text, d);
}

static void expect_located(const sc_diag *d, const char *message, int line, int column,
                           const char *source)
{
    if (!strstr(d->message, message)) {
        fail_msg("expected '%s', got '%s'", message, d->message);
    }
    if (d->line != line || d->column != column) {
        fail_msg("'%s' located at %d:%d, expected %d:%d", d->message, d->line, d->column, line,
                 column);
    }
    assert_non_null(strstr(d->source_line, source));
    assert_true(d->caret_width >= 1);
}

/* A verdict that is not one boolean is found at run time, at the point values or only in a draw;
 * either way the error names the claim, the state and the draw, and points at the claim's
 * `holds` with FILE:LINE:COL and a caret, as a load error does (issue 12, bad input). */
static void test_run_time_errors_located(void **state)
{
    (void)state;
    sc_diag d;
    /* at the point values (position 0): a number */
    mc_error("    test: {holds: '.models.baseline.issues[0].positions[0].position'}\n", &d);
    expect_located(&d, "claim 'd' (state after-events, at the point values): the predicate "
                       "yields a number",
                   18, 20, "holds: '.models.baseline");
    /* only in a draw: a boolean at the point value, a number once the position moves */
    mc_error("    test:\n"
             "      when: [after-events]\n"
             "      holds: 'if .models.baseline.issues[0].positions[0].position != 0 then 1 else "
             "true end'\n",
             &d);
    expect_located(&d, "claim 'd' (state after-events, draw ", 20, 15, "holds: 'if .models");
    assert_non_null(strstr(d.message, "the predicate yields a number (1), not true or false"));
    /* a jq error only in a draw, the predicate written as a block scalar: located at its first
     * character, not at the indentation */
    mc_error("    test:\n"
             "      holds: >-\n"
             "        if .models.baseline.issues[0].positions[0].position != 0\n"
             "        then error(\"moved\") else true end\n",
             &d);
    expect_located(&d, "claim 'd' (state after-events, draw ", 20, 9, "if .models.baseline");
    assert_non_null(strstr(d.message, "jq error: moved"));
    assert_int_equal(d.caret_width, (int)strlen("if .models.baseline.issues[0].positions[0]"
                                                ".position != 0"));
    /* several results in a draw */
    mc_error("    test: {holds: 'if .models.baseline.issues[0].positions[0].position != 0 then "
             "(true, false) else true end'}\n",
             &d);
    expect_located(&d, "yields several results", 18, 20, "holds: 'if");
    /* a section that refuses a drawn value (tau is read in [0, 1) by the triangle): the Monte
     * Carlo checks the draws' reach before the first draw, as validate does, and points at the
     * spread that reaches outside (the sd), naming the farthest draw */
    mc_error_of("statecraft: 1\n"
                "metadata: {title: Tau}\n"
                "actors:\n"
                "  - {id: A, name: Alpha, capability: 1}\n"
                "  - {id: B, name: Beta, capability: 1}\n"
                "  - {id: C, name: Gamma, capability: 1}\n"
                "relations:\n"
                "  - {pair: [A, B], amity: 0.5}\n"
                "  - {pair: [B, C], amity: 0.5}\n"
                "  - {pair: [A, C], amity: -0.5}\n"
                "triangle: {actors: [A, B, C], tau: {value: 0.5, sd: 0.3}}\n"
                "claims:\n"
                "  - {id: t, text: t, test: {holds: '.models.triangle.timeline | length > 0'}}\n",
                &d);
    expect_located(&d, "'tau' must be in [0, 1)", 11, 53, "tau: {value: 0.5, sd: 0.3}");
    assert_non_null(strstr(d.message, "triangle.tau: a normal draw reaches -1.96286"));
}

static void test_parsed_claims(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(
        HEAD "    test:\n"
             "      holds: >-\n"
             "        .models.triangle.timeline[-1].amity[\"RUS-CHN\"]\n"
             "        > .models.war.levers.none.p_ceasefire_52 # a comment with .models.smp\n"
             "      when: retrench\n"
             "      model: eum\n"
             "  - id: d\n"
             "    text: t\n"
             "    test: {compare: [before-events, retrench], holds: '\".models.game\" | length > 0'}\n"
             "  - id: prose\n"
             "    text: only words\n");
    const sc_claim *c = sc_scenario_claim(s, 0);
    assert_int_equal(c->n_models, 3);
    assert_string_equal(c->models[0], "eum");
    assert_string_equal(c->models[1], "triangle");
    assert_string_equal(c->models[2], "war");
    assert_int_equal(c->n_states, 1);
    assert_string_equal(c->states[0], "retrench");
    const sc_claim *d = sc_scenario_claim(s, 1);
    assert_int_equal(d->compare, 1);
    assert_int_equal(d->n_states, 2);
    assert_int_equal(d->n_models, 0); /* a path inside a string is not read */
    const sc_claim *p = sc_scenario_claim(s, 2);
    assert_null(p->holds);
    assert_int_equal(p->n_states, 0);
    sc_scenario_free(s);
}

/* The scenario module keeps its own list of the result document's sections (it cannot depend on
 * the report); it must be the report's list. */
static void test_model_names_match_the_report(void **state)
{
    (void)state;
    size_t k = 0;
    for (size_t i = 0; i < sc_run_model_count(); i++) {
        if (strcmp(sc_run_model_name(i), "claims") == 0) {
            continue;
        }
        assert_string_equal(sc__claim_model_name(k), sc_run_model_name(i));
        k++;
    }
    assert_int_equal(k, sc__claim_model_count());
}

static void test_scan(void **state)
{
    (void)state;
    sc__jq_path *p = NULL;
    size_t n = 0;
    char why[128];
    assert_int_equal(sc__jq_scan(".models.triangle.timeline[-1].amity[\"RUS-CHN\"] > 0 and "
                                 "[.models.\"war\".levers[] | .x] and $v.models.eum and "
                                 ".x.models.smp and .x[0].models.smp and (.y).models.smp and \"\\(.models.game.a)\"",
                                 &p, &n, why, sizeof why),
                     SC_OK);
    assert_int_equal(n, 3);
    assert_string_equal(p[0].text, ".models.triangle.timeline[-1].amity[\"RUS-CHN\"]");
    assert_string_equal(p[0].model, "triangle");
    assert_int_equal(p[0].n_steps, 6);
    assert_string_equal(p[0].steps[2], ".models.triangle.timeline");
    assert_string_equal(p[0].steps[3], ".models.triangle.timeline[-1]");
    assert_string_equal(p[1].text, ".models.\"war\".levers");
    assert_string_equal(p[1].model, "war");
    /* inside an interpolation, code is scanned */
    assert_string_equal(p[2].model, "game");
    sc__jq_paths_free(p, n);
    assert_int_equal(sc__jq_scan("[.models", &p, &n, why, sizeof why), SC_EPARSE);
    assert_string_equal(why, "unclosed '['");
    assert_int_equal(sc__jq_scan("\"\\(.a\"", &p, &n, why, sizeof why), SC_EPARSE);
    assert_int_equal(sc__jq_scan(".models | keys", &p, &n, why, sizeof why), SC_OK);
    assert_int_equal(n, 0);
    sc__jq_paths_free(p, n);
}

static void test_programs(void **state)
{
    (void)state;
    const char *exprs[] = {".a > 1", ".b[]", "error(\"boom\")", ".c # a comment", "[.a, .b]"};
    sc__jq *q = NULL;
    size_t bad = 99;
    char msg[256];
    assert_int_equal(sc__jq_compile(exprs, 5, &q, &bad, msg, sizeof msg), SC_OK);
    json_t *doc = json_pack("{s:f, s:[i,i,i], s:n}", "a", 2.5, "b", 1, 2, 3, "c");
    jv r;
    size_t count;
    assert_int_equal(sc__jq_run(q, 0, sc__jv_from_json(doc), &r, &count, msg, sizeof msg), SC_OK);
    assert_int_equal(count, 1);
    assert_int_equal(jv_get_kind(r), JV_KIND_TRUE);
    jv_free(r);
    assert_int_equal(sc__jq_run(q, 1, sc__jv_from_json(doc), &r, &count, msg, sizeof msg), SC_OK);
    assert_int_equal(count, 2); /* "more than one" */
    assert_int_equal(jv_get_kind(r), JV_KIND_NUMBER);
    jv_free(r);
    assert_int_equal(sc__jq_run(q, 2, sc__jv_from_json(doc), &r, &count, msg, sizeof msg),
                     SC_EINVAL);
    assert_string_equal(msg, "boom");
    /* the program runs again after an error */
    assert_int_equal(sc__jq_run(q, 3, sc__jv_from_json(doc), &r, &count, msg, sizeof msg), SC_OK);
    assert_int_equal(jv_get_kind(r), JV_KIND_NULL);
    assert_string_equal(sc__jv_kind_name(r), "null");
    jv_free(r);
    assert_int_equal(sc__jq_run(q, 4, sc__jv_from_json(doc), &r, &count, msg, sizeof msg), SC_OK);
    jv want = jv_parse("[2.5, [1, 2, 3]]");
    assert_true(jv_equal(r, want)); /* jv_equal consumes both */
    assert_int_equal(sc__jq_run(q, 5, sc__jv_from_json(doc), &r, &count, msg, sizeof msg),
                     SC_EINVAL);
    json_decref(doc);
    sc__jq_free(q);
    /* the expression that fails is found, whichever it is */
    const char *two[] = {".a", ".b | nope(1) | %", ".c"};
    assert_int_equal(sc__jq_compile(two, 3, &q, &bad, msg, sizeof msg), SC_EPARSE);
    assert_null(q);
    assert_int_equal(bad, 1);
    assert_non_null(strstr(msg, "syntax error"));
    assert_null(strstr(msg, "<top-level>"));
    /* text that does not balance is refused before jq sees it */
    const char *open_paren[] = {".a", ".b | nope("};
    assert_int_equal(sc__jq_compile(open_paren, 2, &q, &bad, msg, sizeof msg), SC_EPARSE);
    assert_int_equal(bad, 1);
    assert_string_equal(msg, "unclosed '('");
}

/*
 * A syntax error inside a string's interpolation, where libjq 1.6 leaks the open string: reported
 * from the interpolation compiled alone (ASan's leak checker fails this test if libjq ever sees
 * the whole expression), while names bound outside an interpolation stay valid inside it.
 */
static void test_interpolation_errors(void **state)
{
    (void)state;
    sc__jq *q = NULL;
    size_t bad = 99;
    char msg[256];
    const char *inside[] = {".a", ".b | \"x\\(%)\""};
    assert_int_equal(sc__jq_compile(inside, 2, &q, &bad, msg, sizeof msg), SC_EPARSE);
    assert_null(q);
    assert_int_equal(bad, 1);
    assert_string_equal(msg, "syntax error, unexpected '%' (Unix shell quoting issues?)");
    const char *nested[] = {"\"a\\(\"b\\(1 +)\")\" == \"a\""};
    assert_int_equal(sc__jq_compile(nested, 1, &q, &bad, msg, sizeof msg), SC_EPARSE);
    assert_int_equal(bad, 0);
    assert_non_null(strstr(msg, "syntax error"));
    const char *unterminated[] = {".a == \"abc"};
    assert_int_equal(sc__jq_compile(unterminated, 1, &q, &bad, msg, sizeof msg), SC_EPARSE);
    assert_string_equal(msg, "unterminated string");
    /* a variable and a function bound outside, a comment inside: all compile and run */
    const char *fine[] = {"1 as $v | def f: 2; \"a\\($v)\\(f)\\(\"b\\(.x)\")\\(3 # c\n)\""};
    assert_int_equal(sc__jq_compile(fine, 1, &q, &bad, msg, sizeof msg), SC_OK);
    json_t *doc = json_pack("{s:i}", "x", 7);
    jv r;
    size_t count;
    assert_int_equal(sc__jq_run(q, 0, sc__jv_from_json(doc), &r, &count, msg, sizeof msg), SC_OK);
    assert_int_equal(count, 1);
    assert_string_equal(jv_string_value(r), "a12b73");
    jv_free(r);
    json_decref(doc);
    sc__jq_free(q);
}

/* Every kind of JSON value converts, nested, keys and numbers intact. */
static void test_conversion(void **state)
{
    (void)state;
    json_t *doc = json_pack("{s:{s:[b,b,n,s#]}, s:I, s:f}", "x", "y", 1, 0, "q\0r", (size_t)3,
                            "big", (json_int_t)123456789012LL, "e", 1e-300);
    jv v = sc__jv_from_json(doc);
    jv want = jv_parse("{\"x\": {\"y\": [true, false, null, \"q\\u0000r\"]}, \"big\": 123456789012, "
                       "\"e\": 1e-300}");
    assert_true(jv_equal(v, want));
    json_decref(doc);
}

/*
 * Interned keys (a worker's conversions): the same values as without, a key met twice is one
 * jv, and a document of more distinct keys than the table keeps converts whole.
 */
static void test_conversion_keys(void **state)
{
    (void)state;
    sc__jv_keys *keys = sc__jv_keys_new();
    assert_non_null(keys);
    json_t *doc = json_pack("{s:{s:i}, s:{s:i}}", "p", "same", 1, "q", "same", 2);
    json_t *many = json_object();
    for (int i = 0; i < 700; i++) {
        char key[16];
        snprintf(key, sizeof key, "k%d", i);
        json_object_set_new(many, key, json_integer(i));
    }
    json_object_set(doc, "many", many);
    jv v = sc__jv_from_json_keys(doc, keys);
    assert_true(jv_equal(jv_copy(v), sc__jv_from_json(doc)));
    jv kp = jv_keys_unsorted(jv_object_get(jv_copy(v), jv_string("p")));
    jv kq = jv_keys_unsorted(jv_object_get(jv_copy(v), jv_string("q")));
    jv a = jv_array_get(jv_copy(kp), 0), b = jv_array_get(jv_copy(kq), 0);
    assert_ptr_equal(a.u.ptr, b.u.ptr);
    jv_free(a);
    jv_free(b);
    jv_free(kp);
    jv_free(kq);
    /* again, with every key known or the table full */
    jv again = sc__jv_from_json_keys(many, keys);
    assert_true(jv_equal(again, sc__jv_from_json(many)));
    jv_free(v);
    json_decref(many);
    json_decref(doc);
    sc__jv_keys_free(keys);
    sc__jv_keys_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_tests),
        cmocka_unit_test(test_parsed_claims),
        cmocka_unit_test(test_run_time_errors_located),
        cmocka_unit_test(test_model_names_match_the_report),
        cmocka_unit_test(test_scan),
        cmocka_unit_test(test_programs),
        cmocka_unit_test(test_interpolation_errors),
        cmocka_unit_test(test_conversion),
        cmocka_unit_test(test_conversion_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
