/* SPDX-License-Identifier: MIT */
/*
 * The report section "Relations: judgement vs data": the built-in scenario's 2023 UN affinities
 * against its amities (hand-checked pairs), the response to the state, to the data and to event
 * files, and the scenario's `data:` section.
 */
#include "sc_test.h"

#include "report/sections.h"
#include "statecraft/statecraft.h"

static sc_scenario *builtin(void)
{
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_builtin(&s, &d), SC_OK);
    return s;
}

static sc_scenario *parse(const char *yaml)
{
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_scenario_parse(yaml, strlen(yaml), NULL, &s, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("scenario does not parse");
    }
    return s;
}

static json_t *section(const sc_scenario *s, sc_events_mode mode, const sc_run_opts *opts)
{
    sc_state st;
    sc_state_init(&st);
    st.events = mode;
    json_t *out = json_object();
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc__section_run(sc__relations_section, s, &st, opts, out, &d), SC_OK);
    return out;
}

static const json_t *pair(const json_t *set, const char *a, const char *b)
{
    size_t i;
    const json_t *p;
    json_array_foreach(json_object_get(set, "pairs"), i, p)
    {
        if (strcmp(json_string_value(json_object_get(p, "a")), a) == 0 &&
            strcmp(json_string_value(json_object_get(p, "b")), b) == 0) {
            return p;
        }
    }
    fail_msg("no pair %s-%s", a, b);
    return NULL;
}

static double num(const json_t *o, const char *k)
{
    return json_number_value(json_object_get(o, k));
}

static void test_builtin_un_2023(void **state)
{
    (void)state;
    sc_scenario *s = builtin();
    json_t *c = section(s, SC_EVENTS_BEFORE, NULL);
    assert_string_equal(json_string_value(json_object_get(c, "date")), "2025-02-11");
    const json_t *set = json_array_get(json_object_get(c, "data"), 0);
    assert_string_equal(json_string_value(json_object_get(set, "id")), "unga-2023");
    assert_int_equal(json_integer_value(json_object_get(set, "session")), 78);
    assert_int_equal(json_integer_value(json_object_get(set, "year")), 2023);
    /* all 45 pairs of the ten actors have an amity and two ideal points */
    assert_int_equal(json_array_size(json_object_get(set, "pairs")), 45);
    assert_int_equal(json_integer_value(json_object_get(set, "pairs_without_data")), 0);
    /* RUS-UKR: ideal points -0.5316102 and 1.46806 (session 78 of the Jun2024 release),
     * d = 1.9996702; z = 1.0977010 - 0.7895980 x 1.9996702 = -0.4812346;
     * agreement = 1 / (1 + e^0.4812346) = 1 / 2.6180708 = 0.3819606; data amity =
     * 2 x 0.3819606 - 1 = -0.2360787; judgement -0.95 (at war): gap = -0.95 + 0.2360787 =
     * -0.7139213: UN voting alone does not see the war */
    const json_t *p = pair(set, "RUS", "UKR");
    double d = 1.46806 + 0.5316102;
    double z = 1.0977010230287712 - 0.78959799647321283 * d;
    double agree = 1 / (1 + exp(-z));
    SC_ASSERT_NEAR(num(p, "distance"), d, 1e-12);
    SC_ASSERT_NEAR(num(p, "score"), agree, 1e-12);
    SC_ASSERT_NEAR(num(p, "data_amity"), 2 * agree - 1, 1e-12);
    SC_ASSERT_NEAR(num(p, "gap"), -0.95 - (2 * agree - 1), 1e-12);
    SC_ASSERT_NEAR(num(p, "gap"), -0.7139213, 5e-8);
    /* USA-SAU: d = 2.500157 + 0.7595979 = 3.2597549: UN votes far apart, a judgement of +0.5:
     * the largest gap of the scenario, first in the list */
    const json_t *first = json_array_get(json_object_get(set, "pairs"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "a")), "USA");
    assert_string_equal(json_string_value(json_object_get(first, "b")), "SAU");
    /* sorted by |gap|, largest first */
    double prev = INFINITY;
    size_t i;
    json_array_foreach(json_object_get(set, "pairs"), i, p)
    {
        double g = fabs(num(p, "gap"));
        assert_true(g <= prev);
        prev = g;
    }
    json_decref(c);

    /* after the events the judgements move, the 2023 data do not: USA-RUS -0.6 -> -0.365 */
    json_t *a = section(s, SC_EVENTS_AFTER, NULL);
    assert_string_equal(json_string_value(json_object_get(a, "date")), "2025-02-24");
    const json_t *sa = json_array_get(json_object_get(a, "data"), 0);
    const json_t *before_p = NULL;
    c = section(s, SC_EVENTS_BEFORE, NULL);
    before_p = pair(json_array_get(json_object_get(c, "data"), 0), "USA", "RUS");
    const json_t *after_p = pair(sa, "USA", "RUS");
    SC_ASSERT_NEAR(num(after_p, "data_amity"), num(before_p, "data_amity"), 0);
    assert_true(num(after_p, "amity") > num(before_p, "amity") + 0.2);
    SC_ASSERT_NEAR(num(after_p, "gap"), num(after_p, "amity") - num(after_p, "data_amity"), 1e-15);
    json_decref(a);
    json_decref(c);
    sc_scenario_free(s);
}

static const char *const base_yaml =
    "statecraft: 1\n"
    "metadata: {title: T, date: 2025-02-11}\n"
    "actors:\n"
    "  - {id: USA, name: United States, capability: 0.14}\n"
    "  - {id: RUS, name: Russia, capability: 0.04}\n"
    "  - {id: CHN, name: China, capability: 0.22}\n"
    "relations:\n"
    "  - {pair: [USA, RUS], amity: -0.6}\n"
    "  - {pair: [RUS, CHN], amity: 0.7}\n"
    "events:\n"
    "  - {id: e, date: 2025-02-18, actors: [USA, RUS], what: talks, shifts: "
    "[{target: relation.USA.RUS.amity, add: 0.2}]}\n";

/* The data move the answer: another ideal point, another map, event scores. */
static void test_responds_to_the_data(void **state)
{
    (void)state;
    char yaml[4096];
    snprintf(yaml, sizeof yaml,
             "%sdata:\n  un:\n    kind: unga-ideal-points\n    session: 78\n    source: x\n"
             "    ideal_points: {USA: 2.5, RUS: -0.5, CHN: %s}\n",
             base_yaml, "-0.8");
    sc_scenario *s = parse(yaml);
    json_t *c = section(s, SC_EVENTS_BEFORE, NULL);
    const json_t *set = json_array_get(json_object_get(c, "data"), 0);
    double g1 = num(pair(set, "RUS", "CHN"), "gap");
    /* USA-CHN has no amity in the scenario: not compared */
    assert_int_equal(json_array_size(json_object_get(set, "pairs")), 2);
    json_decref(c);
    sc_scenario_free(s);
    /* China's ideal point moved next to Russia's: more agreement, a smaller gap */
    snprintf(yaml, sizeof yaml,
             "%sdata:\n  un:\n    kind: unga-ideal-points\n    session: 78\n    source: x\n"
             "    ideal_points: {USA: 2.5, RUS: -0.5, CHN: %s}\n"
             "    agreement_map: {alpha: 1.0977010230287712, beta: -0.78959799647321283}\n",
             base_yaml, "-0.5");
    s = parse(yaml);
    c = section(s, SC_EVENTS_BEFORE, NULL);
    set = json_array_get(json_object_get(c, "data"), 0);
    double g2 = num(pair(set, "RUS", "CHN"), "gap");
    assert_true(g2 < g1);
    /* d = 0: agreement 1 / (1 + e^-1.0977) = 0.749850, amity 0.499700, gap 0.7 - 0.4997 */
    SC_ASSERT_NEAR(g2, 0.7 - (2 / (1 + exp(-1.0977010230287712)) - 1), 1e-12);
    json_decref(c);
    sc_scenario_free(s);
    /* event scores through the amity map: data amity = slope R */
    snprintf(yaml, sizeof yaml,
             "%sdata:\n  ev:\n    kind: event-scores\n    date: 2025-02-24\n    source: x\n"
             "    scores: [{pair: [RUS, USA], score: 0.1, events: 3}, {pair: [CHN, USA], score: "
             "-0.2}]\n    amity_map: {intercept: 0.05, slope: 2}\n",
             base_yaml);
    s = parse(yaml);
    c = section(s, SC_EVENTS_AFTER, NULL);
    set = json_array_get(json_object_get(c, "data"), 0);
    const json_t *p = pair(set, "USA", "RUS");
    SC_ASSERT_NEAR(num(p, "data_amity"), 0.05 + 2 * 0.1, 1e-15);
    SC_ASSERT_NEAR(num(p, "amity"), -0.4, 1e-12); /* after the talks */
    SC_ASSERT_NEAR(num(p, "gap"), -0.4 - 0.25, 1e-12);
    assert_int_equal(json_integer_value(json_object_get(p, "events")), 3);
    assert_int_equal(json_integer_value(json_object_get(set, "pairs_without_data")), 1);
    json_decref(c);
    sc_scenario_free(s);
    /* no data at all: said, not failed */
    s = parse(base_yaml);
    c = section(s, SC_EVENTS_AFTER, NULL);
    assert_non_null(strstr(json_string_value(json_object_get(c, "note")), "no relation data"));
    json_decref(c);
    sc_scenario_free(s);
}

/* Event files given to the run: scored on each state's date. */
static void test_event_files(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/data/events/timeline_2025_example.tsv", SC_SHARED_DIR);
    const char *files[] = {path};
    sc_events_opts o;
    sc_events_opts_init(&o);
    const char *const ids[] = {"USA", "RUS", "CHN"};
    o.actors = ids;
    o.n_actors = 3;
    sc_events_series *es = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_events_series_read(files, 1, &o, &es, &d), SC_OK);
    sc_run_opts opts = {0};
    opts.seed = 1;
    opts.runs = 10;
    opts.events = es;
    sc_scenario *s = parse(base_yaml);
    /* before the events (2025-02-11): no record yet */
    json_t *c = section(s, SC_EVENTS_BEFORE, &opts);
    const json_t *set = json_array_get(json_object_get(c, "data"), 0);
    assert_string_equal(json_string_value(json_object_get(set, "kind")), "event-files");
    assert_int_equal(json_array_size(json_object_get(set, "pairs")), 0);
    assert_int_equal(json_integer_value(json_object_get(set, "pairs_without_data")), 2);
    json_decref(c);
    /* after them (2025-02-18, the scenario's last event): the call and the talks, both ways:
     * A = 2 (2^-0.2 x 1 + 7), B = 2 (2^-0.2 + 1), R = A / (10 (B + 5)) = 0.180081;
     * data amity = 3.0881 R = 0.556 */
    c = section(s, SC_EVENTS_AFTER, &opts);
    assert_string_equal(json_string_value(json_object_get(c, "date")), "2025-02-18");
    set = json_array_get(json_object_get(c, "data"), 0);
    const json_t *p = pair(set, "USA", "RUS");
    double f = pow(2, -0.2), r = 2 * (f + 7) / (10 * (2 * (f + 1) + 5));
    SC_ASSERT_NEAR(num(p, "score"), r, 1e-12);
    sc_amity_map m;
    sc_amity_map_init(&m);
    SC_ASSERT_NEAR(num(p, "data_amity"), m.slope * r, 1e-12);
    SC_ASSERT_NEAR(num(p, "gap"), -0.4 - m.slope * r, 1e-12);
    assert_int_equal(json_integer_value(json_object_get(p, "events")), 4);
    json_decref(c);
    sc_scenario_free(s);
    sc_events_series_free(es);
}

/* The whole report carries the section, before and after the events. */
static void test_in_the_report(void **state)
{
    (void)state;
    sc_scenario *s = builtin();
    sc_run_opts opts;
    sc_run_opts_init(&opts);
    opts.format = SC_FORMAT_JSON;
    opts.only = "relations";
    char *out = NULL;
    size_t len = 0;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_run_report(s, &opts, &out, &len, &d), SC_OK);
    json_error_t je;
    json_t *doc = json_loads(out, 0, &je);
    assert_non_null(doc);
    json_t *rel = json_object_get(json_object_get(doc, "models"), "relations");
    assert_non_null(json_object_get(rel, "before_events"));
    assert_non_null(json_object_get(rel, "after_events"));
    assert_non_null(json_object_get(json_object_get(rel, "variants"), "retrench"));
    json_decref(doc);
    sc_free(out);
    opts.format = SC_FORMAT_TEXT;
    assert_int_equal(sc_run_report(s, &opts, &out, &len, &d), SC_OK);
    assert_non_null(strstr(out, "Relations: judgement vs data"));
    assert_non_null(strstr(out, "votes of session 78 (2023)"));
    assert_non_null(strstr(out, "as given, before the events (2025-02-11)"));
    assert_non_null(strstr(out, "USA-SAU"));
    sc_free(out);
    sc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_un_2023),
        cmocka_unit_test(test_responds_to_the_data),
        cmocka_unit_test(test_event_files),
        cmocka_unit_test(test_in_the_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
