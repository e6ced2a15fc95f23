/* SPDX-License-Identifier: MIT */
/*
 * The scenario's bargaining inputs: capability indices against the published data files read
 * independently here, `capability_index:` in a scenario, issue-specific influence (defaults,
 * baseline, shifts, sampling), veto players and reservation points, and the `eum:`/`smp:`
 * convergence settings, with their located errors.
 */
#include "sc_scenario_test.h"

#include "statecraft/rng.h"

/* Splits one CSV line into at most max fields (quotes respected, no escaped quotes inside). */
static size_t split_csv(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        if (*p == '"') {
            f[n++] = ++p;
            p = strchr(p, '"');
            if (!p) {
                break;
            }
            *p++ = '\0';
        } else {
            f[n++] = p;
        }
        p = strpbrk(p, ",\n");
        if (!p || *p == '\n') {
            if (p) {
                *p = '\0';
            }
            break;
        }
        *p++ = '\0';
    }
    return n;
}

/* SIPRI's current-US$ spending and implied GDP of `country` in `year`, and the world sums
 * (countries only: the European Union's own line is not a country). */
static void sipri(const char *country, int year, double *milex, double *gdp, double *world_milex,
                  double *world_gdp)
{
    FILE *fp = fopen(sc_test_shared("data/history/sipri_milex_2014-2024.csv"), "r");
    assert_non_null(fp);
    char line[1024];
    *milex = *gdp = NAN;
    *world_milex = *world_gdp = 0;
    int header = 0;
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#') {
            continue;
        }
        if (!header++) {
            continue;
        }
        char *f[12];
        size_t n = split_csv(line, f, 12);
        if (n < 8 || atoi(f[4]) != year || !f[6][0] || strcmp(f[2], "European Union") == 0) {
            continue;
        }
        double m = atof(f[6]), share = f[7][0] ? atof(f[7]) : 0;
        *world_milex += m;
        if (share > 0) {
            *world_gdp += m / (share / 100);
        }
        if (strcmp(f[2], country) == 0) {
            *milex = m;
            *gdp = share > 0 ? m / (share / 100) : NAN;
        }
    }
    fclose(fp);
}

static double lookup(const char *iso, sc_capability_index index, int year, int *used)
{
    sc_capability_spec spec;
    sc_capability_spec_init(&spec);
    spec.index = index;
    double v = NAN;
    assert_int_equal(sc_capability_lookup(iso, &spec, year, &v, used, NULL), SC_OK);
    return v;
}

static void test_indices_against_the_data(void **state)
{
    (void)state;
    int used = 0;
    /* COW NMC v7.0 abridged, published cinc column: USA 2022 .12356574, GBR (UKG) 2022 */
    SC_ASSERT_NEAR(lookup("USA", SC_CAPABILITY_CINC, 2022, &used), 0.12356574, 1e-12);
    assert_int_equal(used, 2022);
    SC_ASSERT_NEAR(lookup("GBR", SC_CAPABILITY_CINC, 2025, &used), 0.012467598, 1e-12);
    assert_int_equal(used, 2022); /* v7 ends in 2022: the latest year on or before 2025 */
    SC_ASSERT_NEAR(lookup("DEU", SC_CAPABILITY_CINC, 2022, NULL), 0.015029249, 1e-12);
    /* SIPRI shares, recomputed here from the file */
    double m, g, wm, wg;
    sipri("United States of America", 2024, &m, &g, &wm, &wg);
    SC_ASSERT_NEAR(lookup("USA", SC_CAPABILITY_MILEX, 0, &used), m / wm, 1e-9);
    assert_int_equal(used, 2024);
    SC_ASSERT_NEAR(lookup("USA", SC_CAPABILITY_GDP, 2024, NULL), g / wg, 1e-9);
    sipri("Türkiye", 2016, &m, &g, &wm, &wg);
    SC_ASSERT_NEAR(lookup("TUR", SC_CAPABILITY_MILEX, 2016, NULL), m / wm, 1e-9);
    SC_ASSERT_NEAR(lookup("TUR", SC_CAPABILITY_GDP, 2016, NULL), g / wg, 1e-9);
    /* the composite is the weighted mean of the shares */
    sc_capability_spec spec;
    sc_capability_spec_init(&spec);
    spec.index = SC_CAPABILITY_COMPOSITE;
    spec.weights[0] = 2;
    spec.weights[1] = 1;
    spec.weights[2] = 0;
    double v = 0;
    assert_int_equal(sc_capability_lookup("CHN", &spec, 2022, &v, NULL, NULL), SC_OK);
    SC_ASSERT_NEAR(v,
                   (2 * lookup("CHN", SC_CAPABILITY_CINC, 2022, NULL) +
                    lookup("CHN", SC_CAPABILITY_MILEX, 2022, NULL)) / 3,
                   1e-15);
    /* no data: not a country, a year before the data, the `given` index */
    assert_int_equal(sc_capability_lookup("EU", &spec, 0, &v, NULL, NULL), SC_ENOTFOUND);
    assert_int_equal(sc_capability_lookup("XYZ", &spec, 0, &v, NULL, NULL), SC_ENOTFOUND);
    spec.index = SC_CAPABILITY_MILEX;
    assert_int_equal(sc_capability_lookup("USA", &spec, 2010, &v, NULL, NULL), SC_ENOTFOUND);
    spec.index = SC_CAPABILITY_GIVEN;
    assert_int_equal(sc_capability_lookup("USA", &spec, 0, &v, NULL, NULL), SC_ENOTFOUND);
    /* names */
    sc_capability_index k;
    assert_int_equal(sc_capability_index_parse("gdp", &k, NULL), SC_OK);
    assert_int_equal(k, SC_CAPABILITY_GDP);
    assert_string_equal(sc_capability_index_name(SC_CAPABILITY_COMPOSITE), "composite");
    assert_int_equal(sc_capability_index_parse("GDP", &k, NULL), SC_EINVAL);
    assert_non_null(strstr(sc_capability_index_source(SC_CAPABILITY_CINC), "v7.0"));
}

static const char *const base_yaml =
    "statecraft: 1\n"
    "metadata: {title: t, date: 2016-06-01}\n"
    "%s\n"
    "actors:\n"
    "  - {id: USA, name: United States}\n"
    "  - {id: RUS, name: Russia}\n"
    "  - {id: UKR, name: Ukraine, capability: 0.5}\n"
    "  - {id: EU, name: European Union, capability: 0.1}\n"
    "issues:\n"
    "  - {id: t, title: T, scale: [-10, 10]}\n"
    "  - {id: u, title: U}\n"
    "stances:\n"
    "  t:\n"
    "    USA: {position: 0, salience: 0.4, influence: 0.3}\n"
    "    RUS: {position: 9, salience: 0.9, reservation: 2}\n"
    "    UKR: {position: -8, salience: 0.9, reservation: {value: 1, sd: 2}}\n"
    "    EU: {position: -6, salience: 0.5, influence: {value: 0.2, range: [0.1, 0.4]}}\n"
    "  u:\n"
    "    USA: {position: 50, salience: 0.4}\n"
    "    RUS: {position: 90, salience: 0.2}\n"
    "%s\n";

/* USA and RUS give no capability: an empty head means the CINC index. */
static const char *head_or_cinc(const char *head)
{
    return head[0] ? head : "capability_index: cinc";
}

static sc_scenario *scenario_with(const char *head, const char *tail)
{
    char text[4096];
    snprintf(text, sizeof text, base_yaml, head_or_cinc(head), tail);
    return sc_test_scenario(text);
}

static void test_capability_index_in_a_scenario(void **state)
{
    (void)state;
    sc_scenario *s = scenario_with("capability_index: cinc", "");
    assert_int_equal(sc_scenario_capability_spec(s)->index, SC_CAPABILITY_CINC);
    /* the scenario's date (2016) picks the data year; UKR keeps its own capability */
    SC_ASSERT_NEAR(sc_scenario_actor(s, 0)->capability.value,
                   lookup("USA", SC_CAPABILITY_CINC, 2016, NULL), 0);
    SC_ASSERT_NEAR(sc_scenario_actor(s, 2)->capability.value, 0.5, 0);
    SC_ASSERT_NEAR(sc_scenario_actor(s, 3)->capability.value, 0.1, 0);
    assert_non_null(strstr(sc_scenario_actor(s, 0)->capability.source, "CINC"));
    /* another index for comparison: every covered actor follows it, the others keep theirs */
    sc_capability_spec spec;
    sc_capability_spec_init(&spec);
    spec.index = SC_CAPABILITY_MILEX;
    spec.year = 2024;
    sc_scenario *m = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_with_capability_index(s, &spec, &m, &d), SC_OK);
    SC_ASSERT_NEAR(sc_scenario_actor(m, 2)->capability.value,
                   lookup("UKR", SC_CAPABILITY_MILEX, 2024, NULL), 0);
    SC_ASSERT_NEAR(sc_scenario_actor(m, 3)->capability.value, 0.1, 0);
    assert_int_equal(sc_scenario_capability_spec(m)->index, SC_CAPABILITY_MILEX);
    sc_scenario_free(m);
    sc_scenario_free(s);
    /* a composite with its own year, weights and a relative sd that Monte Carlo draws use */
    s = scenario_with("capability_index: {index: composite, year: 2022, weights: {cinc: 1, gdp: "
                      "1}, sd: 0.1}",
                      "");
    spec.index = SC_CAPABILITY_COMPOSITE;
    spec.weights[0] = 1;
    spec.weights[1] = 0;
    spec.weights[2] = 1;
    double v = 0;
    assert_int_equal(sc_capability_lookup("RUS", &spec, 2022, &v, NULL, NULL), SC_OK);
    const sc_actor *rus = sc_scenario_actor(s, 1);
    SC_ASSERT_NEAR(rus->capability.value, v, 0);
    assert_int_equal(rus->capability.dist.kind, SC_DIST_NORMAL);
    SC_ASSERT_NEAR(rus->capability.dist.a, 0.1 * v, 1e-18);
    sc_scenario_free(s);
}

static void test_influence(void **state)
{
    (void)state;
    /* given on the stance, else the capability */
    sc_scenario *s = sc_test_scenario("statecraft: 1\nmetadata: {title: t}\nactors:\n"
                         "  - {id: A, name: A, capability: 2}\n  - {id: B, name: B, capability: 1}\n"
                         "  - {id: C, name: C, capability: 1}\n"
                         "issues:\n  - {id: x, title: X}\n"
                         "stances:\n  x:\n    A: {position: 10, salience: 0.5}\n"
                         "    B: {position: 60, salience: 0.5, influence: 4}\n"
                         "    C: {position: 90, salience: 0.5, influence: 0}\n"
                         "events:\n  - {id: e, date: 2020-01-01, what: w, shifts: "
                         "[{target: stance.x.A.influence, set: 9}, {target: stance.x.B.influence, "
                         "add: -1}]}\n");
    SC_ASSERT_NEAR(sc_scenario_influence(s, 0, 0), 2, 0);
    SC_ASSERT_NEAR(sc_scenario_influence(s, 1, 0), 4, 0);
    SC_ASSERT_NEAR(sc_scenario_influence(s, 2, 0), 0, 0);
    /* the baseline weighs by influence x salience: A 1, B 2, C 0 -> median 60, mean 130/3 */
    double mean = 0, median = 0;
    assert_int_equal(sc_scenario_issue_baseline(s, 0, &mean, &median, NULL), SC_OK);
    SC_ASSERT_NEAR(median, 60, 0);
    SC_ASSERT_NEAR(mean, (10 * 1.0 + 60 * 2.0) / 3.0, 1e-12);
    double got = 0;
    assert_int_equal(sc_scenario_get_value(s, "stance.x.B.influence", &got, NULL), SC_OK);
    SC_ASSERT_NEAR(got, 4, 0);
    /* events move it like any number */
    sc_scenario *a = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_after_events(s, NULL, &a, &d), SC_OK);
    SC_ASSERT_NEAR(sc_scenario_influence(a, 0, 0), 9, 0);
    SC_ASSERT_NEAR(sc_scenario_influence(a, 1, 0), 3, 0);
    assert_int_equal(sc_scenario_issue_baseline(a, 0, &mean, &median, NULL), SC_OK);
    SC_ASSERT_NEAR(median, 10, 0); /* A 4.5 against B 1.5 */
    sc_scenario_free(a);
    /* setters for scenarios built in code */
    assert_int_equal(sc_scenario_set_influence(s, 2, 0, 1.5, NULL), SC_OK);
    SC_ASSERT_NEAR(sc_scenario_influence(s, 2, 0), 1.5, 0);
    assert_int_equal(sc_scenario_set_influence(s, 2, 0, -1, NULL), SC_ERANGE);
    assert_int_equal(sc_scenario_set_influence(s, 2, 0, NAN, NULL), SC_ERANGE);
    sc_scenario_free(s);
}

static void test_sampling_draws_influence_and_reservation(void **state)
{
    (void)state;
    sc_scenario *s = scenario_with("", "");
    sc_rng rng;
    sc_rng_init(&rng, 7, 0);
    int moved_inf = 0, moved_res = 0;
    for (int k = 0; k < 50; k++) {
        sc_scenario *d = NULL;
        sc_diag diag;
        sc_diag_init(&diag);
        assert_int_equal(sc_scenario_sample(s, &rng, &d, &diag), SC_OK);
        double inf = sc_scenario_stance(d, 3, 0)->influence.value;
        double res = sc_scenario_stance(d, 2, 0)->reservation.value;
        assert_true(inf >= 0.1 && inf <= 0.4);
        assert_true(res >= -10 && res <= 10); /* clamped to the issue's scale */
        moved_inf += inf != 0.2;
        moved_res += res != 1;
        /* fixed numbers stay fixed */
        SC_ASSERT_NEAR(sc_scenario_stance(d, 0, 0)->influence.value, 0.3, 0);
        SC_ASSERT_NEAR(sc_scenario_stance(d, 1, 0)->reservation.value, 2, 0);
        assert_true(isnan(sc_scenario_stance(d, 3, 1)->influence.value));
        sc_scenario_free(d);
    }
    assert_true(moved_inf == 50 && moved_res == 50);
    sc_scenario_free(s);
}

static void test_agreement(void **state)
{
    (void)state;
    sc_scenario *s = scenario_with("", "agreement: {veto: [RUS, UKR], issues: [t], rationale: "
                                       "\"both sign\"}");
    assert_int_equal(sc_scenario_veto_player_count(s), 2);
    assert_false(sc_scenario_is_veto_player(s, 0));
    assert_true(sc_scenario_is_veto_player(s, 1));
    assert_true(sc_scenario_is_veto_player(s, 2));
    assert_true(sc_scenario_agreement_covers(s, 0));
    assert_false(sc_scenario_agreement_covers(s, 1));
    assert_string_equal(sc_scenario_agreement_rationale(s), "both sign");
    SC_ASSERT_NEAR(sc_scenario_stance(s, 1, 0)->reservation.value, 2, 0);
    sc_scenario_free(s);
    /* no agreement section: nothing is covered */
    s = scenario_with("", "");
    assert_int_equal(sc_scenario_veto_player_count(s), 0);
    assert_false(sc_scenario_agreement_covers(s, 0));
    assert_null(sc_scenario_agreement_rationale(s));
    /* built in code; copies keep their own flags */
    assert_int_equal(sc_scenario_set_veto_player(s, 1, 1, NULL), SC_OK);
    assert_int_equal(sc_scenario_veto_player_count(s), 1);
    assert_true(sc_scenario_agreement_covers(s, 1));
    assert_int_equal(sc_scenario_set_reservation(s, 1, 0, 3, NULL), SC_OK);
    assert_int_equal(sc_scenario_set_reservation(s, 1, 0, 11, NULL), SC_ERANGE); /* off the scale */
    SC_ASSERT_NEAR(sc_scenario_stance(s, 1, 0)->reservation.value, 3, 0);
    sc_scenario_free(s);
}

static void test_settings(void **state)
{
    (void)state;
    sc_bargaining_settings b;
    sc_diag d;
    sc_diag_init(&d);
    sc_scenario *s = scenario_with("", "");
    assert_int_equal(sc_scenario_bargaining_settings(s, &b, &d), SC_OK);
    SC_ASSERT_NEAR(b.eum_tolerance, 1e-4, 0);
    assert_int_equal(b.eum_max_rounds, 100);
    assert_int_equal(b.smp_max_turns, 100);
    assert_int_equal(b.smp_stop_ktab, 0);
    sc_scenario_free(s);
    s = scenario_with("", "eum: {tolerance: 0.001, max_rounds: 30, q: 0.5, t: 0.25}\n"
                          "smp: {tolerance: 0.01, max_turns: 7, stop: ktab}\n"
                          "variants:\n  - {name: v, shifts: [{target: eum.max_rounds, set: 12}]}");
    assert_int_equal(sc_scenario_bargaining_settings(s, &b, &d), SC_OK);
    SC_ASSERT_NEAR(b.eum_tolerance, 0.001, 0);
    assert_int_equal(b.eum_max_rounds, 30);
    SC_ASSERT_NEAR(b.eum_q, 0.5, 0);
    SC_ASSERT_NEAR(b.eum_t, 0.25, 0);
    SC_ASSERT_NEAR(b.smp_tolerance, 0.01, 0);
    assert_int_equal(b.smp_max_turns, 7);
    assert_int_equal(b.smp_stop_ktab, 1);
    sc_scenario *v = NULL;
    assert_int_equal(sc_scenario_with_variant(s, "v", &v, &d), SC_OK);
    assert_int_equal(sc_scenario_bargaining_settings(v, &b, &d), SC_OK);
    assert_int_equal(b.eum_max_rounds, 12);
    sc_scenario_free(v);
    sc_scenario_free(s);
}

/* Bad inputs: each a located error with the expected text. */
static void test_errors(void **state)
{
    (void)state;
    struct {
        const char *head, *tail, *expect;
    } cases[] = {
        {"capability_index: cinq", "", "unknown capability index 'cinq' (did you mean 'cinc'?)"},
        {"capability_index: {index: gdp, weights: {gdp: 1}}", "", "belong to the composite"},
        {"capability_index: {index: composite, weights: {cinc: 0}}", "", "positive weight"},
        {"capability_index: {index: milex, year: 1900}", "", "from 1946 on"},
        {"capability_index: {year: 2020}", "", "needs 'index'"},
        {"capability_index: {index: cinc, sd: 2}", "", "'sd'"},
        {"capability_index: milex", "", NULL}, /* EU without a capability: see below */
        {"", "agreement: {veto: [RUZ]}", "unknown actor 'RUZ' (did you mean 'RUS'?)"},
        {"", "agreement: {veto: [USA, RUS]}", "veto player 'USA' needs a 'reservation'"},
        {"", "agreement: {veto: []}", "names no actor"},
        {"", "agreement: {veto: [RUS, RUS]}", "listed twice"},
        {"", "agreement: {rationale: x}", "needs 'veto'"},
        {"", "agreement: {veto: [RUS], issues: [q]}", "unknown issue 'q'"},
        {"", "eum: {max_rounds: 0}", "'max_rounds' = 0 is outside [1, 100000]"},
        {"", "eum: {max_rounds: 2.5}", "whole number"},
        {"", "eum: {tolerance: 0}", "'tolerance' = 0 is outside (0, 0.5]"},
        {"", "eum: {rounds: 10}", "unknown key 'rounds'"},
        {"", "smp: {max_turns: 0}", "'max_turns' = 0 is outside"},
        {"", "smp: {stop: never}", "'stop' must be converge"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char text[4096];
        snprintf(text, sizeof text, base_yaml, head_or_cinc(cases[k].head), cases[k].tail);
        if (!cases[k].expect) {
            /* an actor the index does not cover must give its own capability */
            const char *cap = ", capability: 0.1}";
            char *eu = strstr(text, cap);
            memmove(eu, eu + strlen(cap) - 1, strlen(eu + strlen(cap) - 1) + 1);
            cases[k].expect = "actor 'EU' needs 'capability': the capability index 'milex' has "
                              "no value for 'EU'";
        }
        sc_scenario *s = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_not_equal(sc_scenario_parse(text, strlen(text), NULL, &s, &d), SC_OK);
        if (!strstr(d.message, cases[k].expect) || d.line <= 0 || d.column <= 0) {
            fail_msg("case %zu: %d:%d '%s', expected '%s'", k, d.line, d.column, d.message,
                     cases[k].expect);
        }
        assert_null(s);
    }
    /* influence: negative, NaN; reservation off the scale */
    const char *stance_cases[][2] = {
        {"influence: -1", "influence -1 is outside [0, 1e+12]"},
        {"influence: .nan", "expected a finite number"},
        {"reservation: 11", "reservation 11 is outside [-10, 10]"},
    };
    for (size_t k = 0; k < 3; k++) {
        char text[4096];
        snprintf(text, sizeof text, base_yaml, head_or_cinc(""), "");
        char *at = strstr(text, "influence: 0.3");
        char buf[4096];
        snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - text), text, stance_cases[k][0],
                 at + strlen("influence: 0.3"));
        sc_scenario *s = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_not_equal(sc_scenario_parse(buf, strlen(buf), NULL, &s, &d), SC_OK);
        if (!strstr(d.message, stance_cases[k][1]) || d.line != 14) {
            fail_msg("stance case %zu: line %d '%s'", k, d.line, d.message);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_indices_against_the_data),
        cmocka_unit_test(test_capability_index_in_a_scenario),
        cmocka_unit_test(test_influence),
        cmocka_unit_test(test_sampling_draws_influence_and_reservation),
        cmocka_unit_test(test_agreement),
        cmocka_unit_test(test_settings),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
