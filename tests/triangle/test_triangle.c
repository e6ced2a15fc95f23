/* SPDX-License-Identifier: MIT */
/* Strategic triangle: the 14 reference vectors, the score identities of triangle.md §3,
 * the dead-band boundary, role flips and the scenario adapter. */
#include "sc_test.h"

#include "statecraft/statecraft.h"
#include "statecraft/triangle.h"
#include "report/sections.h"

static sc_triangle_role role_of(const char *s)
{
    static const char *const names[] = {"none", "pivot", "friend", "partner",
                                        "wing", "foe",   "outcast"};
    for (int i = 0; i < 7; i++) {
        if (strcmp(s, names[i]) == 0) {
            return (sc_triangle_role)i;
        }
    }
    fail_msg("unknown role '%s'", s);
    return SC_ROLE_NONE;
}

/* Splits a CSV line in place (no quotes in this file). */
static size_t split(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++) {
        if (*p == ',' || *p == '\n' || *p == '\r') {
            int end = *p != ',';
            *p = '\0';
            if (end) {
                break;
            }
            f[n++] = p + 1;
        }
    }
    return n;
}

static void test_reference_vectors(void **state)
{
    (void)state;
    FILE *fp = fopen(sc_test_shared("reference/models/data/test_vectors_triangle.csv"), "r");
    assert_non_null(fp);
    char line[512];
    int rows = 0;
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#' || strncmp(line, "a_AB", 4) == 0) {
            continue;
        }
        char *f[16];
        size_t n = split(line, f, 16);
        assert_true(n >= 4);
        double a[3] = {atof(f[0]), atof(f[1]), atof(f[2])};
        sc_triangle t;
        assert_int_equal(sc_triangle_classify(a, &p, &t, NULL), SC_OK);
        assert_string_equal(sc_triangle_config_name(t.config), f[3]);
        if (strcmp(f[3], "indeterminate") != 0) {
            for (int i = 0; i < 3; i++) {
                assert_int_equal(t.role[i], role_of(f[4 + i]));
                assert_int_equal(t.score[i], atoi(f[7 + i]));
                SC_ASSERT_NEAR(t.payoff[i], atof(f[10 + i]), 1e-6);
            }
        }
        rows++;
    }
    fclose(fp);
    assert_int_equal(rows, 14);
}

static void test_score_identities(void **state)
{
    (void)state;
    /* sum of scores = sum of signs; flipping dyad ij moves S_i, S_j by +-2 and S_k the other way */
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    for (int mask = 0; mask < 8; mask++) {
        double a[3];
        for (int d = 0; d < 3; d++) {
            a[d] = (mask >> d) & 1 ? 0.615 : -0.385;
        }
        sc_triangle t, u;
        sc_triangle_classify(a, &p, &t, NULL);
        int signs = 0;
        for (int d = 0; d < 3; d++) {
            signs += a[d] > 0 ? 1 : -1;
        }
        assert_int_equal(t.score[0] + t.score[1] + t.score[2], signs);
        for (int d = 0; d < 3; d++) {
            double b[3] = {a[0], a[1], a[2]};
            b[d] = -b[d];
            sc_triangle_classify(b, &p, &u, NULL);
            int delta = b[d] > 0 ? 2 : -2;
            int i = d, j = (d + 1) % 3, k = (d + 2) % 3;
            assert_int_equal(u.score[i] - t.score[i], delta);
            assert_int_equal(u.score[j] - t.score[j], delta);
            assert_int_equal(u.score[k] - t.score[k], -delta);
        }
        /* Wu's rank is the role's order and balance is the sign product */
        assert_int_equal(t.balanced, (a[0] > 0) == ((a[1] > 0) == (a[2] > 0)) ? 1 : 0);
    }
}

static void test_dead_band_boundary(void **state)
{
    (void)state;
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    sc_triangle t;
    double at_tau[3] = {0.1, 0.5, 0.5};
    assert_int_equal(sc_triangle_classify(at_tau, &p, &t, NULL), SC_OK);
    assert_int_equal(t.config, SC_TRIANGLE_INDETERMINATE); /* |a| == tau is neutral */
    assert_int_equal(t.neutral[0], 1);
    double below[3] = {-0.1, 0.5, 0.5};
    sc_triangle_classify(below, &p, &t, NULL);
    assert_int_equal(t.config, SC_TRIANGLE_INDETERMINATE);
    double bad[3] = {1.5, 0, 0};
    assert_int_equal(sc_triangle_classify(bad, &p, &t, NULL), SC_EINVAL);
    double nan3[3] = {NAN, 0.5, 0.5};
    assert_int_equal(sc_triangle_classify(nan3, &p, &t, NULL), SC_EINVAL);
}

static void test_role_flips(void **state)
{
    (void)state;
    /* 2024 "no limits": US-RU -0.7, RU-CN 0.8, CN-US -0.6: marriage RU-CN, US outcast */
    double a[3] = {-0.7, 0.8, -0.6};
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    sc_triangle_flip f[3];
    assert_int_equal(sc_triangle_role_flips(a, 1, &p, 0.01, f, NULL), SC_OK);
    /* warming US-RU to just above tau makes Russia the pivot of a romantic triangle */
    SC_ASSERT_NEAR(f[0].to, 0.11, 1e-12);
    SC_ASSERT_NEAR(f[0].delta, 0.81, 1e-12);
    assert_int_equal(f[0].new_role, SC_ROLE_PIVOT);
    assert_int_equal(f[0].new_config, SC_TRIANGLE_ROMANTIC);
    /* cooling RU-CN below -tau leaves three hostile dyads */
    SC_ASSERT_NEAR(f[1].to, -0.11, 1e-12);
    assert_int_equal(f[1].new_role, SC_ROLE_FOE);
    sc_triangle_flip best;
    assert_int_equal(sc_triangle_distance_to_role(a, 1, SC_ROLE_PIVOT, &p, 0.01, &best, NULL),
                     SC_OK);
    assert_int_equal(best.dyad, 0);
    /* the US cannot become pivot by one change: it would need both its dyads positive */
    assert_int_equal(sc_triangle_distance_to_role(a, 0, SC_ROLE_PIVOT, &p, 0.01, &best, NULL),
                     SC_OK);
    assert_int_equal(best.dyad, -1);
    /* a neutral dyad leaves the band by the nearer edge */
    double b[3] = {0.03, 0.5, 0.5};
    assert_int_equal(sc_triangle_role_flips(b, 0, &p, 0.01, f, NULL), SC_OK);
    SC_ASSERT_NEAR(f[0].to, 0.11, 1e-12);
    assert_int_equal(f[0].new_config, SC_TRIANGLE_MENAGE);
}

/* The transition oracles of triangle.md §5, read through the minimal-change search. */
static void test_min_change_oracles(void **state)
{
    (void)state;
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    sc_triangle before, after;
    sc_triangle_change c;
    /* from marriage A-B, C reconciling with A makes A pivot: dS = +2, -2, +2 */
    double marriage[3] = {0.8, -0.6, -0.7};
    assert_int_equal(sc_triangle_min_change_to_role(marriage, 0, SC_ROLE_PIVOT, &p, 0.01, &c, NULL),
                     SC_OK);
    assert_int_equal(c.dyads_changed, 1);
    SC_ASSERT_NEAR(c.delta[2], 0.81, 1e-12);
    sc_triangle_classify(marriage, &p, &before, NULL);
    sc_triangle_classify(c.to, &p, &after, NULL);
    assert_int_equal(after.score[0] - before.score[0], 2);
    assert_int_equal(after.score[1] - before.score[1], -2);
    assert_int_equal(after.score[2] - before.score[2], 2);
    /* from romantic with A pivot, the wings reconciling gives menage: B becomes friend */
    double romantic[3] = {0.8, -0.6, 0.7};
    assert_int_equal(
        sc_triangle_min_change_to_role(romantic, 1, SC_ROLE_FRIEND, &p, 0.01, &c, NULL), SC_OK);
    assert_int_equal(c.new_config, SC_TRIANGLE_MENAGE);
    assert_int_equal(c.dyads_changed, 1);
    SC_ASSERT_NEAR(c.to[1], 0.11, 1e-12);
    /* from unit veto any reconciliation creates a marriage */
    double veto[3] = {-0.5, -0.4, -0.9};
    assert_int_equal(sc_triangle_min_change_to_role(veto, 2, SC_ROLE_PARTNER, &p, 0.01, &c, NULL),
                     SC_OK);
    assert_int_equal(c.new_config, SC_TRIANGLE_MARRIAGE);
    SC_ASSERT_NEAR(c.distance, 0.4 + 0.11, 1e-12); /* B-C is the least hostile of C's dyads */
    /* 2024 "no limits": the outcast US needs all three dyads changed to become pivot */
    double nolimits[3] = {-0.7, 0.8, -0.6};
    assert_int_equal(sc_triangle_min_change_to_role(nolimits, 0, SC_ROLE_PIVOT, &p, 0.01, &c, NULL),
                     SC_OK);
    assert_int_equal(c.dyads_changed, 3);
    assert_int_equal(c.new_config, SC_TRIANGLE_ROMANTIC);
    SC_ASSERT_NEAR(c.distance, 0.81 + 0.91 + 0.71, 1e-12);
    /* a role already held costs nothing */
    assert_int_equal(
        sc_triangle_min_change_to_role(nolimits, 0, SC_ROLE_OUTCAST, &p, 0.01, &c, NULL), SC_OK);
    assert_int_equal(c.dyads_changed, 0);
    SC_ASSERT_NEAR(c.distance, 0, 0);
    assert_int_equal(sc_triangle_min_change_to_role(nolimits, 0, SC_ROLE_NONE, &p, 0.01, &c, NULL),
                     SC_EINVAL);
    assert_int_equal(sc_triangle_min_change_to_role(nolimits, 3, SC_ROLE_PIVOT, &p, 0.01, &c, NULL),
                     SC_EINVAL);
    /* a margin that takes tau + margin to 1 or beyond would ask for amities outside [-1, 1] */
    sc_diag d;
    sc_diag_init(&d);
    sc_triangle_flip f[3];
    assert_int_equal(sc_triangle_role_flips(nolimits, 0, &p, 1 - p.tau, f, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "tau + margin < 1"));
    assert_int_equal(sc_triangle_min_change_to_role(nolimits, 0, SC_ROLE_PIVOT, &p, 2, &c, &d),
                     SC_EINVAL);
    assert_int_equal(sc_triangle_role_flips(nolimits, 0, &p, 0.5, f, &d), SC_OK);
}

/* On random triangles the multi-dyad answer never costs more than the best single-dyad flip,
 * equals it when one dyad suffices, and always delivers the role it promises. */
static void test_min_change_vs_single(void **state)
{
    (void)state;
    sc_rng rng;
    sc_rng_init(&rng, 1981, 3);
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    for (int trial = 0; trial < 2000; trial++) {
        double a[3];
        for (int d = 0; d < 3; d++) {
            a[d] = 2 * sc_rng_uniform(&rng) - 1;
        }
        int actor = trial % 3;
        for (int r = SC_ROLE_PIVOT; r <= SC_ROLE_OUTCAST; r++) {
            sc_triangle_change c;
            sc_triangle_flip f;
            assert_int_equal(
                sc_triangle_min_change_to_role(a, actor, (sc_triangle_role)r, &p, 0.01, &c, NULL),
                SC_OK);
            sc_triangle t;
            sc_triangle_classify(c.to, &p, &t, NULL);
            assert_int_equal(t.role[actor], r);
            assert_int_equal(
                sc_triangle_distance_to_role(a, actor, (sc_triangle_role)r, &p, 0.01, &f, NULL),
                SC_OK);
            sc_triangle now;
            sc_triangle_classify(a, &p, &now, NULL);
            if (f.dyad >= 0 && (int)now.role[actor] != r) {
                assert_true(c.distance <= fabs(f.delta) + 1e-12);
                if (c.dyads_changed == 1) {
                    SC_ASSERT_NEAR(c.distance, fabs(f.delta), 1e-12);
                }
            }
        }
    }
}

static void test_from_scenario(void **state)
{
    (void)state;
    const char *ids[] = {"USA", "RUS", "CHN", "UKR"};
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_new(4, ids, 0, NULL, &s, NULL), SC_OK);
    sc_scenario_set_amity(s, 0, 1, 0.2, NULL);
    sc_scenario_set_amity(s, 1, 2, 0.8, NULL);
    sc_scenario_set_amity(s, 2, 0, -0.6, NULL);
    double a[3];
    sc_diag d;
    sc_diag_init(&d);
    const char *tri[3] = {"USA", "RUS", "CHN"};
    assert_int_equal(sc_triangle_from_scenario(s, tri, a, &d), SC_OK);
    SC_ASSERT_NEAR(a[0], 0.2, 0);
    SC_ASSERT_NEAR(a[1], 0.8, 0);
    SC_ASSERT_NEAR(a[2], -0.6, 0);
    sc_triangle t;
    sc_triangle_classify(a, NULL, &t, NULL);
    assert_int_equal(t.role[1], SC_ROLE_PIVOT); /* the "reverse Kissinger" case of triangle.md */
    const char *missing[3] = {"USA", "RUS", "UKR"};
    assert_int_equal(sc_triangle_from_scenario(s, missing, a, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "RUS-UKR"));
    const char *unknown[3] = {"USA", "RUS", "XXX"};
    assert_int_equal(sc_triangle_from_scenario(s, unknown, a, &d), SC_ENOTFOUND);
    sc_scenario_free(s);
}

static const char *yaml_doc =
    "statecraft: 1\n"
    "metadata: {title: Triangle test, date: 2025-01-01}\n"
    "actors:\n"
    "  - {id: USA, name: US, capability: 3}\n"
    "  - {id: RUS, name: Russia, capability: 2}\n"
    "  - {id: CHN, name: China, capability: 2.5}\n"
    "issues:\n"
    "  - {id: x, title: X}\n"
    "stances:\n"
    "  x:\n"
    "    USA: {position: 10, salience: 0.5}\n"
    "relations:\n"
    "  - {pair: [USA, RUS], amity: -0.7}\n"
    "  - {pair: [RUS, CHN], amity: 0.8}\n"
    "  - {pair: [CHN, USA], amity: -0.6}\n"
    "events:\n"
    "  - {id: call, date: 2025-02-12, what: thaw, shifts: [{target: relation.USA.RUS.amity, add: 0.4}]}\n"
    "  - {id: summit, date: 2025-03-01, what: more thaw,\n"
    "     shifts: [{target: relation.USA.RUS.amity, add: 0.5}]}\n"
    "triangle: {actors: [RUS, USA, CHN], tau: 0.15}\n"
    "variants:\n"
    "  - name: freeze\n"
    "    description: US-Russia relations stay frozen whatever happens\n"
    "    shifts:\n"
    "      - {target: relation.USA.RUS.amity, set: -0.7}\n";

static double amity_at(const json_t *tl, size_t k, const char *dyad)
{
    return json_real_value(json_object_get(json_object_get(json_array_get(tl, k), "amity"), dyad));
}

/* The report section: the section's actor order and tau, one row per event date, the distance
 * to the pivot role over time, and a located did-you-mean error for a misspelt key. */
static void test_section(void **state)
{
    (void)state;
    sc_diag d;
    sc_diag_init(&d);
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_parse(yaml_doc, strlen(yaml_doc), NULL, &s, &d), SC_OK);
    json_t *j = json_object();
    assert_int_equal(sc__section_run(sc__triangle_section, s, NULL, NULL, j, &d), SC_OK);
    json_t *tl = json_object_get(j, "timeline");
    assert_int_equal(json_array_size(tl), 3);
    SC_ASSERT_NEAR(json_real_value(json_object_get(j, "tau")), 0.15, 0);
    /* dyads in the section's order: RUS-USA, USA-CHN, CHN-RUS */
    json_t *last = json_array_get(tl, 2);
    SC_ASSERT_NEAR(amity_at(tl, 2, "RUS-USA"), 0.2, 1e-12);
    assert_string_equal(json_string_value(json_object_get(last, "configuration")),
                        "romantic_triangle");
    assert_string_equal(json_string_value(json_object_get(last, "date")), "2025-03-01");
    /* Russia's distance to the pivot role: 0.7 + 0.16 at the start, 0.3 + 0.16 after the call,
     * 0 once US-Russia amity is 0.2 > tau */
    double want[3] = {0.86, 0.46, 0};
    for (size_t k = 0; k < 3; k++) {
        json_t *dist = json_object_get(json_array_get(tl, k), "distance_to_pivot");
        SC_ASSERT_NEAR(json_real_value(json_object_get(dist, "RUS")), want[k], 1e-12);
    }
    /* from the state itself: Russia is the pivot (no change needed) */
    json_t *rus = json_object_get(json_object_get(j, "to_pivot"), "RUS");
    assert_int_equal(json_integer_value(json_object_get(rus, "dyads_changed")), 0);
    assert_int_equal(json_array_size(json_object_get(json_object_get(j, "role_flips"), "USA")), 3);
    json_t *ans = json_object();
    sc__triangle_answers(j, ans);
    assert_string_equal(json_string_value(json_object_get(json_object_get(ans, "RUS role"), "value")),
                        "pivot");
    json_decref(ans);
    json_decref(j);
    /* a cut-off between the two event dates: the timeline stops at the first */
    sc_state st;
    sc_state_init(&st);
    st.until = "2025-02-20";
    j = json_object();
    assert_int_equal(sc__section_run(sc__triangle_section, s, &st, NULL, j, &d), SC_OK);
    tl = json_object_get(j, "timeline");
    assert_int_equal(json_array_size(tl), 2);
    SC_ASSERT_NEAR(amity_at(tl, 1, "RUS-USA"), -0.3, 1e-12);
    json_decref(j);
    /* before the events: the baseline only */
    st.until = NULL;
    st.events = SC_EVENTS_BEFORE;
    j = json_object();
    assert_int_equal(sc__section_run(sc__triangle_section, s, &st, NULL, j, &d), SC_OK);
    tl = json_object_get(j, "timeline");
    assert_int_equal(json_array_size(tl), 1);
    SC_ASSERT_NEAR(amity_at(tl, 0, "RUS-USA"), -0.7, 1e-12);
    json_decref(j);
    /* a variant holds on top of the events at every point of the timeline (sc_scenario_at) */
    st.events = SC_EVENTS_AFTER;
    st.variant = "freeze";
    j = json_object();
    assert_int_equal(sc__section_run(sc__triangle_section, s, &st, NULL, j, &d), SC_OK);
    tl = json_object_get(j, "timeline");
    assert_int_equal(json_array_size(tl), 3);
    for (size_t k = 0; k < 3; k++) {
        SC_ASSERT_NEAR(amity_at(tl, k, "RUS-USA"), -0.7, 1e-12);
    }
    json_decref(j);
    sc_scenario_free(s);

    char bad[2048];
    snprintf(bad, sizeof bad, "%.*s%s", (int)(strstr(yaml_doc, "triangle:") - yaml_doc), yaml_doc,
             "triangle:\n  taux: 0.2\n");
    assert_int_equal(sc_scenario_parse(bad, strlen(bad), NULL, &s, &d), SC_OK);
    j = json_object();
    assert_int_equal(sc__section_run(sc__triangle_section, s, NULL, NULL, j, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "did you mean 'tau'"));
    assert_int_equal(d.line, 21);
    json_decref(j);
    sc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_vectors), cmocka_unit_test(test_score_identities),
        cmocka_unit_test(test_dead_band_boundary), cmocka_unit_test(test_role_flips),
        cmocka_unit_test(test_from_scenario),     cmocka_unit_test(test_min_change_oracles),
        cmocka_unit_test(test_min_change_vs_single), cmocka_unit_test(test_section),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
