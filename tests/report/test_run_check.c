/* SPDX-License-Identifier: MIT */
/*
 * sc_run_check (src/report/check.c), what `statecraft validate` runs after loading: each model
 * section (war:, triangle:, landscape:, game:, negotiation:) read by its own model's reader, in
 * every state the comparative report computes (as given, then each variant; before, then after
 * the events), and the first error the report would stop on, located in the file, with the state
 * it arose in named when that is not the scenario as given: "(after the events)",
 * "(in variant V, before the events)", "(in variant V, after the events)". Through the public API
 * only: the scenario text, sc_scenario_read, sc_run_check and the diag a user sees printed.
 * (test_cli_errors' test_section_corpus checks the same files through the CLI against `run`.)
 */
#include "sc_scenario_test.h" /* includes sc_test.h; SC_TEST_TERRITORY_ISSUE */

#include "statecraft/report.h"
#include "statecraft/scenario.h"

/* Four actors, one issue: every section below can name its actors. */
static const char base[] = "statecraft: 1\n"
                           "metadata: {title: Three powers, date: 2025-01-01}\n"
                           "actors:\n"
                           "  - {id: USA, name: United States, capability: 3}\n"
                           "  - {id: RUS, name: Russia, capability: 2}\n"
                           "  - {id: CHN, name: China, capability: 3}\n"
                           SC_TEST_TERRITORY_ISSUE
                           "    CHN: {position: 60, salience: 0.3}\n"
                           "    UKR: {position: 0, salience: 1}\n"
                           "relations:\n"
                           "  - {pair: [USA, RUS], amity: -0.6}\n"
                           "  - {pair: [RUS, CHN], amity: 0.5}\n"
                           "  - {pair: [USA, CHN], amity: -0.2}\n";

/* The 1-based line of the first occurrence of `what` in `text` (0 if absent). */
static int line_of(const char *text, const char *what)
{
    const char *p = strstr(text, what);
    if (!p) {
        return 0;
    }
    int line = 1;
    for (const char *q = text; q < p; q++) {
        line += *q == '\n';
    }
    return line;
}

/* base + tail, loaded as three.yaml (it must load: these sections are read only when a model
 * runs); the text in *text_out, freed by the caller; *d cleared for the check that follows. */
static sc_scenario *load(const char *tail, sc_diag *d, char **text_out)
{
    size_t n = strlen(base) + strlen(tail) + 1;
    char *text = malloc(n);
    assert_non_null(text);
    snprintf(text, n, "%s%s", base, tail);
    sc_scenario *s = NULL;
    sc_diag_init(d);
    if (sc_scenario_read(text, strlen(text), "three.yaml", &s, d) != SC_OK) {
        fail_msg("the scenario does not load: %d:%d: %s\n%s", d->line, d->column, d->message, text);
    }
    sc_diag_init(d);
    *text_out = text;
    return s;
}

/* base + tail, loaded (it must load: these sections are read only when a model runs), then
 * checked; the diag of the check in *d. */
static sc_status check(const char *tail, sc_diag *d, char **text_out)
{
    char *unkept = NULL;
    sc_scenario *s = load(tail, d, text_out ? text_out : &unkept);
    sc_status rc = sc_run_check(s, d);
    sc_scenario_free(s);
    free(unkept);
    return rc;
}

/* The check fails with exactly `message`, located in three.yaml at the line holding `at`. */
static void fails_with(const char *tail, const char *message, const char *at)
{
    sc_diag d;
    char *text = NULL;
    sc_status rc = check(tail, &d, &text);
    if (rc == SC_OK) {
        fail_msg("sc_run_check passed; expected '%s'", message);
    }
    if (strcmp(d.message, message) != 0) {
        fail_msg("message '%s'\nexpected '%s'", d.message, message);
    }
    assert_string_equal(d.file, "three.yaml");
    int want = line_of(text, at);
    assert_true(want > 0);
    if (d.line != want || d.column < 1) {
        fail_msg("'%s' located at %d:%d, expected line %d ('%s')", message, d.line, d.column, want,
                 at);
    }
    free(text);
}

static void passes(const char *tail)
{
    sc_diag d;
    sc_status rc = check(tail, &d, NULL);
    if (rc != SC_OK) {
        fail_msg("sc_run_check failed: %d:%d: %s", d.line, d.column, d.message);
    }
    assert_int_equal(d.code, SC_OK);
    assert_string_equal(d.message, "");
}

/* Good sections pass, in every state; no section at all passes. */
static void test_good_sections_pass(void **state)
{
    (void)state;
    passes("");
    passes("war:\n  a: RUS\n  b: UKR\n  horizon: 100\n"
           "triangle:\n  actors: [USA, RUS, CHN]\n  tau: 0.1\n"
           "landscape:\n  blocs: 2\n"
           "game:\n  actors: [USA, RUS, CHN]\n"
           "events:\n  - {id: e1, date: 2025-03-01, what: longer,"
           " shifts: [{target: war.horizon, add: 50}]}\n"
           "variants:\n  - {name: short, description: shorter,"
           " shifts: [{target: war.horizon, set: 10}]}\n");
}

/* Each section is read by its own model's reader: a misspelt key in any of them fails, located
 * at the key, with that reader's did-you-mean. */
static void test_each_section_read(void **state)
{
    (void)state;
    fails_with("war:\n  a: RUS\n  b: UKR\n  battles_per_yaer: 52\n",
               "unknown key 'battles_per_yaer' in the war section (did you mean "
               "'battles_per_year'?)",
               "battles_per_yaer");
    fails_with("triangle:\n  actors: [USA, RUS, CHN]\n  tua: 0.1\n",
               "unknown key 'tua' in the triangle section (did you mean 'tau'?)", "tua");
    fails_with("landscape:\n  bloks: 3\n",
               "unknown key 'bloks' in the landscape section (did you mean 'blocs'?)", "bloks");
    fails_with("game:\n  actors: [USA, RUS, CHN]\n  thraet: 1\n",
               "unknown key 'thraet' in the game section (did you mean 'threat'?)", "thraet");
    fails_with("war:\n  a: RUS\n  b: UKR\n  mediator: USA\nnegotiation:\n  terns: 11\n",
               "unknown key 'terns' in the negotiation section (did you mean 'terms'?)", "terns");
    /* a war section with only the sections of other models beside it is still the war's */
    fails_with("game:\n  actors: [USA, RUS, CHN]\nwar:\n  a: RUS\n  b: UKR\n  horizon: -2\n",
               "'horizon' -2 leaves its domain [0.5, 100000)", "horizon: -2");
}

/* An unknown actor in any section is named with the section and a did-you-mean among the
 * scenario's actors, located at the name. */
static void test_unknown_actor_named(void **state)
{
    (void)state;
    fails_with("war:\n  a: RUS\n  b: UKX\n",
               "unknown actor 'UKX' in the war section (did you mean 'UKR'?)", "UKX");
    fails_with("triangle:\n  actors: [USA, RUS, CHM]\n",
               "unknown actor 'CHM' in the triangle section (did you mean 'CHN'?)", "CHM");
    fails_with("landscape:\n  actors: [USA, RUZ, CHN]\n",
               "unknown actor 'RUZ' in the landscape section (did you mean 'RUS'?)", "RUZ");
    fails_with("game:\n  actors: [USA, RUS, CNH]\n",
               "unknown actor 'CNH' in the game section (did you mean 'CHN'?)", "CNH");
}

/* The state an error arose in is named unless it is the scenario as given, before the events. */
static void test_state_named(void **state)
{
    (void)state;
    /* as given: no state named, even when a variant and the events have the same value */
    fails_with("war:\n  a: RUS\n  b: UKR\n  horizon: -2\n"
               "events:\n  - {id: e1, date: 2025-03-01, what: same,"
               " shifts: [{target: war.horizon, set: -2}]}\n"
               "variants:\n  - {name: endless, description: same,"
               " shifts: [{target: war.horizon, set: -2}]}\n",
               "'horizon' -2 leaves its domain [0.5, 100000)", "horizon: -2");
    /* only after the events */
    fails_with("war:\n  a: RUS\n  b: UKR\n  horizon: 100\n"
               "events:\n  - {id: e1, date: 2025-03-01, what: a horizon no war has,"
               " shifts: [{target: war.horizon, set: -2}]}\n",
               "'horizon' -2 leaves its domain [0.5, 100000) (after the events)", "horizon: 100");
    /* only in a variant, from before the events */
    fails_with("war:\n  a: RUS\n  b: UKR\n  horizon: 100\n"
               "variants:\n  - {name: endless, description: a horizon no war has,"
               " shifts: [{target: war.horizon, set: -3}]}\n",
               "'horizon' -3 leaves its domain [0.5, 100000) (in variant endless, before the "
               "events)",
               "horizon: 100");
    /* only in a variant after the events: 100 - 60 and 100 - 40 are horizons, 100 - 60 - 40
     * is not */
    fails_with("war:\n  a: RUS\n  b: UKR\n  horizon: 100\n"
               "events:\n  - {id: e1, date: 2025-03-01, what: shorter,"
               " shifts: [{target: war.horizon, add: -60}]}\n"
               "variants:\n  - {name: shorter, description: shorter still,"
               " shifts: [{target: war.horizon, add: -40}]}\n",
               "'horizon' 0 leaves its domain [0.5, 100000) (in variant shorter, after the "
               "events)",
               "horizon: 100");
}

/* Every variant is read, the last one included, in the report's order of states: the scenario
 * as given (before, after the events), then each variant in the file's order. */
static void test_every_variant_in_order(void **state)
{
    (void)state;
    /* only the last variant is bad */
    fails_with("war:\n  a: RUS\n  b: UKR\n  horizon: 100\n"
               "variants:\n"
               "  - {name: short, description: fine, shifts: [{target: war.horizon, set: 10}]}\n"
               "  - {name: long, description: fine, shifts: [{target: war.horizon, set: 200}]}\n"
               "  - {name: never, description: bad, shifts: [{target: war.horizon, set: -4}]}\n",
               "'horizon' -4 leaves its domain [0.5, 100000) (in variant never, before the "
               "events)",
               "horizon: 100");
    /* two bad states: the scenario as given after the events comes before any variant */
    fails_with("war:\n  a: RUS\n  b: UKR\n  horizon: 100\n"
               "events:\n  - {id: e1, date: 2025-03-01, what: bad,"
               " shifts: [{target: war.horizon, add: -150}]}\n"
               "variants:\n  - {name: never, description: bad,"
               " shifts: [{target: war.horizon, set: -4}]}\n",
               "'horizon' -50 leaves its domain [0.5, 100000) (after the events)", "horizon: 100");
    /* two bad variants: the first in the file is named */
    fails_with("war:\n  a: RUS\n  b: UKR\n  horizon: 100\n"
               "variants:\n"
               "  - {name: first, description: bad, shifts: [{target: war.horizon, set: -5}]}\n"
               "  - {name: second, description: bad, shifts: [{target: war.horizon, set: -6}]}\n",
               "'horizon' -5 leaves its domain [0.5, 100000) (in variant first, before the "
               "events)",
               "horizon: 100");
}

/* sc_run_report (`statecraft run`) on base + tail with `--only` = `only` (NULL: every model), as
 * JSON; the diag in *d and the document, or NULL, in *json. */
static sc_status report(const char *tail, const char *only, sc_diag *d, char **json)
{
    char *text = NULL;
    sc_scenario *s = load(tail, d, &text);
    free(text);
    sc_run_opts ro;
    sc_run_opts_init(&ro);
    ro.only = only;
    ro.format = SC_FORMAT_JSON;
    *json = NULL;
    size_t len = 0;
    sc_status rc = sc_run_report(s, &ro, json, &len, d);
    sc_scenario_free(s);
    return rc;
}

/*
 * `run` says a section's own error where it is, as validate does, even when another section has
 * an uncertain number: the draws' probe used to meet the war's misspelt key while it tried the
 * triangle's range and blamed the range ("triangle.tau: a draw reaches 0.05, ...: unknown key
 * 'belligrents' in the war section", located at the range). And `--only` reads only the sections
 * of the models it names: `run --only eum` used to refuse a war section it never computes.
 */
static void test_run_blames_the_right_section(void **state)
{
    (void)state;
    const char *two = "triangle:\n  tau: {value: 0.1, range: [0.05, 0.2]}\n"
                      "war:\n  belligrents: [RUS, UKR]\n";
    const int war_line = 23; /* base has 19 lines; "  belligrents" is the tail's fourth */
    const char *expect = "unknown key 'belligrents' in the war section";
    const char *only[] = {NULL, "war", "triangle,war"};
    for (size_t k = 0; k < sizeof only / sizeof only[0]; k++) {
        sc_diag d;
        char *json = NULL;
        assert_int_not_equal(report(two, only[k], &d, &json), SC_OK);
        if (json || strncmp(d.message, expect, strlen(expect)) != 0 || d.line != war_line ||
            d.column != 3) {
            fail_msg("run --only %s: '%s' at %d:%d%s; expected '%s' at %d:3",
                     only[k] ? only[k] : "(all)", d.message, d.line, d.column,
                     json ? ", with a document" : "", expect, war_line);
        }
    }
    /* the war section unread: the triangle and the bargaining models run */
    const char *without_war[] = {"eum", "triangle", "eum,smp,triangle"};
    for (size_t k = 0; k < sizeof without_war / sizeof without_war[0]; k++) {
        sc_diag d;
        char *json = NULL;
        if (report(two, without_war[k], &d, &json) != SC_OK) {
            fail_msg("run --only %s refused a section it does not read: %d:%d: %s", without_war[k],
                     d.line, d.column, d.message);
        }
        assert_non_null(strstr(json, "\"models\""));
        assert_null(strstr(json, "\"war\""));
        sc_free(json);
    }
    /* a spread the triangle refuses stops only the runs that compute the triangle */
    const char *spread = "triangle:\n  tau: {value: 0.1, sd: 0.02}\n";
    sc_diag d;
    char *json = NULL;
    assert_int_not_equal(report(spread, "triangle", &d, &json), SC_OK);
    assert_null(json);
    assert_non_null(strstr(d.message, "triangle.tau: a normal draw reaches"));
    assert_int_equal(d.line, 21);
    assert_int_equal(report(spread, "eum", &d, &json), SC_OK);
    sc_free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_sections_pass),     cmocka_unit_test(test_each_section_read),
        cmocka_unit_test(test_unknown_actor_named),    cmocka_unit_test(test_state_named),
        cmocka_unit_test(test_every_variant_in_order),
        cmocka_unit_test(test_run_blames_the_right_section),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
