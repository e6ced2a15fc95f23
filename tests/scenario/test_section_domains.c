/* SPDX-License-Identifier: MIT */
/*
 * The domains of the model sections' numbers, as `statecraft validate` checks them (sc_run_check):
 * the war front in km2 (docs/scenario-format.md, "The war section"). A step that is not a
 * positive finite number is a located error; so is a front whose position count or line leaves
 * its bounds at the point values or anywhere the declared spreads reach, so that no draw of the
 * claims Monte Carlo meets a front the point values did not.
 */
#include "sc_scenario_test.h"

#include <dirent.h>

#include "statecraft/report.h"
#include "statecraft/uncertainty.h"

#define WAR_HEAD                                                                                   \
    "statecraft: 1\n"                                                                              \
    "metadata: {title: A war front}\n"                                                             \
    "actors:\n"                                                                                    \
    "  - {id: RUS, name: Russia, capability: 0.035, milex: 149, gdp: 2021}\n"                      \
    "  - {id: UKR, name: Ukraine, capability: 0.006, milex: 64.7, gdp: 178.8}\n"                   \
    "issues:\n"                                                                                    \
    "  - {id: territory, title: Where the line is drawn, scale: [0, 100]}\n"                       \
    "stances:\n"                                                                                   \
    "  territory:\n"                                                                               \
    "    RUS: {position: 95, salience: 0.9}\n"                                                     \
    "    UKR: {position: 20, salience: 0.95}\n"                                                    \
    "war:\n"                                                                                       \
    "  a: RUS\n"                                                                                   \
    "  b: UKR\n"                                                                                   \
    "  issue: territory\n"                                                                         \
    "  theta: 0.6\n"                                                                               \
    "  prior_a: [6, 4]\n"                                                                          \
    "  prior_b: [4, 6]\n"

/* line 17 of the text: "  front: {stakes_km2: S, held_km2: H, step_km2: STEP}" */
static sc_status check_front(const char *front, sc_diag *d)
{
    char text[4096];
    snprintf(text, sizeof text, WAR_HEAD "  front: %s\n", front);
    sc_scenario *s = sc_test_scenario(text);
    sc_diag_init(d);
    sc_status rc = sc_run_check(s, d);
    sc_scenario_free(s);
    return rc;
}

/* The error must point at the first occurrence of `at` in front (at NULL: the front mapping). */
static void expect_front_error(const char *front, const char *message, const char *at)
{
    sc_diag d;
    sc_status rc = check_front(front, &d);
    if (rc == SC_OK) {
        fail_msg("no error for front %s", front);
    }
    if (!strstr(d.message, message)) {
        fail_msg("front %s: expected '%s', got '%s'", front, message, d.message);
    }
    const char *where = at ? strstr(front, at) : front;
    assert_non_null(where);
    int column = (int)strlen("  front: ") + (int)(where - front) + 1;
    if (d.line != 19 || d.column != column) {
        fail_msg("front %s: '%s' at %d:%d, expected 19:%d", front, d.message, d.line, d.column,
                 column);
    }
}

static void expect_front_ok(const char *front)
{
    sc_diag d;
    if (check_front(front, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("front %s refused", front);
    }
}

static void test_step_domain(void **state)
{
    (void)state;
    /* "  front: {stakes_km2: 1000, held_km2: 600, step_km2: " is 51 characters */
    expect_front_ok("{stakes_km2: 1000, held_km2: 600, step_km2: 10}");
    expect_front_error("{stakes_km2: 1000, held_km2: 600, step_km2: 0}", "'step_km2' 0 leaves its "
                       "domain (0, 1e+09]", "0}");
    expect_front_error("{stakes_km2: 1000, held_km2: 600, step_km2: -10}", "'step_km2' -10 leaves "
                       "its domain", "-10");
    expect_front_error("{stakes_km2: 1000, held_km2: 600, step_km2: .nan}",
                       "expected a finite number, got '.nan'", ".nan");
    expect_front_error("{stakes_km2: 1000, held_km2: 600, step_km2: {value: .inf}}",
                       "expected a finite number", ".inf");
    expect_front_error("{stakes_km2: 1000, held_km2: 600, step_km2: ten}",
                       "expected a finite number, got 'ten'", "ten");
    expect_front_error("{stakes_km2: 1000, held_km2: 600, step_km2: {value: 10, range: [-1, 20]}}",
                       "'step_km2' range end -1 leaves its domain", "-1");
    /* the point values: 2 to 100000 positions, the line strictly inside */
    expect_front_ok("{stakes_km2: 1000, held_km2: 250, step_km2: 500}"); /* 2 positions, line 1 */
    expect_front_error("{stakes_km2: 1000, held_km2: 600, step_km2: 700}",
                       "a front of 1 positions (stakes / step) is not in [2, 100000]", NULL);
    expect_front_error("{stakes_km2: 1000, held_km2: 600, step_km2: 0.001}",
                       "a front of 1e+06 positions", NULL);
    expect_front_error("{stakes_km2: 1000, held_km2: 999, step_km2: 10}",
                       "the area held puts the line at 100 of 100 positions", "999");
}

/* A spread that reaches a front the point values do not would fail in a draw: refused at load,
 * at the spread that reaches it. */
static void test_front_spreads(void **state)
{
    (void)state;
    expect_front_ok("{stakes_km2: 1000, held_km2: 600, step_km2: {value: 10, range: [5, 50]}}");
    expect_front_ok("{stakes_km2: 1000, held_km2: 600, step_km2: {value: 10, sd: 3}}");
    expect_front_ok("{stakes_km2: {value: 1000, range: [800, 1200]}, held_km2: 600, step_km2: 10}");
    /* the small end gives 100000 positions: the largest front */
    expect_front_ok("{stakes_km2: 1000, held_km2: 600, step_km2: {value: 10, range: [0.01, 20]}}");
    /* one step less: 100001 positions */
    expect_front_error("{stakes_km2: 1000.01, held_km2: 600, step_km2: {value: 10, range: [0.01, "
                       "20]}}",
                       "the front's declared spreads reach stakes_km2 1000.01, held_km2 600, "
                       "step_km2 0.01: 100001 positions",
                       "[0.01");
    /* the large end of a triangle leaves one position */
    expect_front_error("{stakes_km2: 1000, held_km2: 600, step_km2: {value: 10, triangular: [5, "
                       "10, 900]}}",
                       "step_km2 900: 1 positions", "[5,");
    /* value + 3 sd: 400 + 3 * 100 = 700 leaves one position (the point value gives 3, the line
     * at 2) */
    expect_front_error("{stakes_km2: 1000, held_km2: 600, step_km2: {value: 400, sd: 100}}",
                       "step_km2 700: 1 positions with the line at 1", "100}");
    /* the stakes' range alone: blamed on it */
    expect_front_error("{stakes_km2: {value: 1000, range: [800, 2000000]}, held_km2: 600, "
                       "step_km2: 10}",
                       "stakes_km2 2e+06, held_km2 600, step_km2 10: 200000 positions",
                       "[800");
    /* the held area's range puts the line on the edge: blamed on held_km2's range */
    expect_front_error("{stakes_km2: 1000, held_km2: {value: 600, range: [0, 900]}, step_km2: 10}",
                       "held_km2 0, step_km2 10: 100 positions with the line at 0", "[0, 900]");
}

/* What the load accepts, every draw accepts: the ends of the spreads drawn together. */
static void test_draws_of_an_accepted_front(void **state)
{
    (void)state;
    char text[4096];
    snprintf(text, sizeof text, WAR_HEAD "  front: {stakes_km2: {value: 1000, range: [900, 1100]}, "
             "held_km2: {value: 600, triangular: [500, 600, 700]}, step_km2: {value: 10, "
             "range: [0.011, 20]}}\n");
    sc_scenario *s = sc_test_scenario(text);
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_run_check(s, &d), SC_OK);
    size_t k = sc_scenario_input_count(s);
    assert_int_equal(k, 3);
    const double ends[] = {0, 1e-12, 0.5, 1 - 1e-12, 1};
    for (int c = 0; c < 125; c++) {
        double u[3] = {ends[c % 5], ends[(c / 5) % 5], ends[c / 25]};
        sc_scenario *x = NULL;
        assert_int_equal(sc_scenario_draw(s, u, &x, &d), SC_OK);
        if (sc_run_check(x, &d) != SC_OK) {
            sc_diag_print(&d, stderr);
            fail_msg("the draw (%g, %g, %g) is refused", u[0], u[1], u[2]);
        }
        sc_scenario_free(x);
    }
    sc_scenario_free(s);
}

/*
 * tests/data/bad-sections: every file loads, and then validate's check (sc_run_check) and run
 * (sc_run_report, before it computes or writes anything) stop on the file's expected message, at
 * its "# at:" location when it states one. The spreads of the model sections' numbers among them
 * (a triangle, range or sd reaching a value the model refuses, a choice's option) used to pass
 * validate and stop `run --draws` at draw 55.
 */
static int section_file_stops(const sc_test_corpus_file *f, void *ctx)
{
    (void)ctx;
    if (!f->has_expect) {
        fail_msg("%s: the first line must be '# expect: SUBSTRING'", f->name);
    }
    sc_parse_opts o;
    sc_parse_opts_init(&o);
    o.filename = f->name;
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_scenario_parse(f->text, f->len, &o, &s, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("%s: refused at load; the corpus is for the sections' checks", f->name);
    }
    int ok = 1;
    for (int pass = 0; pass < 2; pass++) {
        sc_diag_init(&d);
        char *out = NULL;
        size_t out_len = 0;
        sc_run_opts ro;
        sc_run_opts_init(&ro);
        ro.runs = 20;
        sc_status rc = pass == 0 ? sc_run_check(s, &d) : sc_run_report(s, &ro, &out, &out_len, &d);
        /* run does not name the state it stopped in; validate does */
        char want[600];
        snprintf(want, sizeof want, "%s", f->expect);
        char *note = pass ? strstr(want, " (in variant ") : NULL;
        note = note ? note : pass ? strstr(want, " (after the events)") : NULL;
        if (note) {
            *note = '\0';
        }
        if (rc == SC_OK || out || !strstr(d.message, want) ||
            (f->line > 0 && (d.line != f->line || d.column != f->col)) ||
            strcmp(d.file, f->name) != 0) {
            print_error("%s: %s: '%s' at %s:%d:%d (status %d%s), expected '%s' at %d:%d\n", f->name,
                        pass ? "run" : "validate", d.message, d.file, d.line, d.column, (int)rc,
                        out ? ", with output" : "", want, f->line, f->col);
            ok = 0;
        }
        free(out);
    }
    sc_scenario_free(s);
    return ok;
}

static void test_section_corpus_located(void **state)
{
    (void)state;
    int files, located;
    int bad = sc_test_corpus_each(sc_test_source("tests/data/bad-sections"), section_file_stops,
                                  NULL, &files, &located);
    assert_true(files >= 21);
    assert_true(located >= 7);
    assert_int_equal(bad, 0);
}

/*
 * What validate accepts, no draw refuses: spreads inside the domains of the triangle, landscape,
 * alignment game and smp settings, drawn at their extremes (the farthest normal draws, the ends of
 * ranges and triangles) and inside, every option of a choice, pass the same checks.
 */
static void test_draws_of_accepted_spreads(void **state)
{
    (void)state;
    const char *text =
        "statecraft: 1\n"
        "metadata: {title: Spreads inside}\n"
        "actors:\n"
        "  - {id: USA, name: United States, capability: 3}\n"
        "  - {id: RUS, name: Russia, capability: 2}\n"
        "  - {id: CHN, name: China, capability: 3}\n"
        "relations:\n"
        "  - {pair: [USA, RUS], amity: -0.6}\n"
        "  - {pair: [RUS, CHN], amity: 0.5}\n"
        "  - {pair: [USA, CHN], amity: -0.2}\n"
        "triangle: {tau: {value: 0.5, sd: 0.05}}\n"
        "landscape: {trade_weight: {value: 0.5, triangular: [0, 0.5, 10]}}\n"
        "game: {actors: [USA, RUS, CHN], threat: {value: 20, range: [0, 100]}}\n"
        "smp: {stop: {choice: [converge, ktab]}, tolerance: {value: 0.01, range: [0.001, 0.5]}}\n";
    sc_scenario *s = sc_test_scenario(text);
    sc_diag d;
    sc_diag_init(&d);
    /* the load tried the smp settings at every draw's value and left the point values */
    sc_bargaining_settings b;
    assert_int_equal(sc_scenario_bargaining_settings(s, &b, &d), SC_OK);
    assert_int_equal(b.smp_stop_ktab, 0);
    SC_ASSERT_NEAR(b.smp_tolerance, 0.01, 0);
    if (sc_run_check(s, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("spreads inside the domains refused");
    }
    /* and so did validate: the scenario's own section still reads its point value */
    char *json = NULL;
    size_t json_len = 0;
    sc_run_opts ro;
    sc_run_opts_init(&ro);
    ro.only = "triangle";
    ro.format = SC_FORMAT_JSON;
    assert_int_equal(sc_run_report(s, &ro, &json, &json_len, &d), SC_OK);
    assert_non_null(strstr(json, "\"tau\": 0.5"));
    sc_free(json);
    size_t k = sc_scenario_input_count(s);
    assert_int_equal(k, 5);
    const double ends[] = {0x1p-53, 0.5, 1 - 0x1p-53};
    for (int c = 0; c < 3; c++) {
        double u[5];
        for (size_t i = 0; i < k; i++) {
            u[i] = ends[((size_t)c + i) % 3];
        }
        sc_scenario *x = NULL;
        assert_int_equal(sc_scenario_draw(s, u, &x, &d), SC_OK);
        if (sc_run_check(x, &d) != SC_OK) {
            sc_diag_print(&d, stderr);
            fail_msg("draw %d is refused", c);
        }
        sc_scenario_free(x);
    }
    sc_scenario_free(s);
}

/*
 * A number of the core that a section reads is tried at its draws as well: the war's `cost_a:
 * auto` is RUS's milex over its GDP times cost_scale, and a milex spread whose high end puts the
 * cost at 1 or more (or a normal spread that draws it down to 0) used to pass validate and stop
 * `run --draws` at its first such draw. Now the check refuses it at the end of the range (or the
 * sd) that reaches it, names the number and the war's reason, and leaves the scenario's milex at
 * its point value; a spread the war accepts passes, as does a spread of a core number the
 * sections read but never refuse (RUS's position on the war's issue, over the whole scale).
 */
#define CORE_WAR_SCALED(rus_milex, cost_scale)                                                     \
    "statecraft: 1\n"                                                                              \
    "metadata: {title: A war's costs}\n"                                                           \
    "actors:\n"                                                                                    \
    "  - {id: RUS, name: Russia, capability: 0.035, milex: " rus_milex ", gdp: 2021}\n"            \
    "  - {id: UKR, name: Ukraine, capability: 0.006, milex: 64.7, gdp: 178.8}\n"                   \
    "issues:\n"                                                                                    \
    "  - {id: territory, title: Where the line is drawn, scale: [0, 100]}\n"                       \
    "stances:\n"                                                                                   \
    "  territory:\n"                                                                               \
    "    RUS: {position: {value: 95, range: [0, 100]}, salience: 0.9}\n"                           \
    "    UKR: {position: 20, salience: 0.95}\n"                                                    \
    "war:\n"                                                                                       \
    "  a: RUS\n"                                                                                   \
    "  b: UKR\n"                                                                                   \
    "  issue: territory\n"                                                                         \
    "  prior_a: [6, 4]\n"                                                                          \
    "  prior_b: [4, 6]\n"                                                                          \
    "  cost_a: auto\n"                                                                             \
    "  cost_scale: " cost_scale "\n"
#define CORE_WAR(rus_milex) CORE_WAR_SCALED(rus_milex, "1")

static void expect_milex(const char *text, const char *message, const char *at)
{
    sc_scenario *s = sc_test_scenario(text);
    sc_diag d;
    sc_diag_init(&d);
    sc_status rc = sc_run_check(s, &d);
    double milex = 0;
    sc_diag e;
    assert_int_equal(sc_scenario_get_value(s, "actor.RUS.milex", &milex, &e), SC_OK);
    SC_ASSERT_NEAR(milex, 149, 0); /* the point value, put back after every try */
    sc_scenario_free(s);
    if (!message) {
        if (rc != SC_OK) {
            sc_diag_print(&d, stderr);
            fail_msg("a milex spread the war accepts is refused");
        }
        return;
    }
    if (rc == SC_OK || !strstr(d.message, message)) {
        fail_msg("expected '%s', got '%s' (status %d)", message, d.message, (int)rc);
    }
    const char *line = strstr(text, "  - {id: RUS");
    assert_non_null(line);
    assert_int_equal(d.line, 4);
    assert_int_equal(d.column, (int)(strstr(line, at) - line) + 1);
}

static void test_core_numbers_reach_the_sections(void **state)
{
    (void)state;
    expect_milex(CORE_WAR("{value: 149, range: [100, 2500]}"),
                 "actor.RUS.milex: a draw reaches 2500, the high end of its range [100, 2500]: "
                 "'cost_a' = 1.23701 per battle: a cost must be below 1 (the stakes)",
                 "2500]");
    /* a normal's draws are clamped to the number's range: a milex of 0 leaves the war no
     * spending to weigh */
    expect_milex(CORE_WAR("{value: 149, sd: 300}"),
                 "actor.RUS.milex: a normal draw reaches 0, value - 0.5 sd (the farthest draw of "
                 "run --draws; give a range or triangular to bound it): the belligerents need "
                 "positive military spending",
                 "300}");
    expect_milex(CORE_WAR("{value: 149, triangular: [100, 149, 1900]}"), NULL, NULL);
    expect_milex(CORE_WAR("149"), NULL, NULL);
}

/*
 * The members of a group move together, so each alone can pass at its ends while together they
 * cannot: RUS's milex up to 4,000 (a cost per battle of 0.20 at the point cost scale of 0.1)
 * and the war's cost scale up to 1 (0.07 at the point milex) are accepted one at a time, but
 * one group puts both at their highest draws together, 1.98 per battle. The check refuses the
 * group at its first member's group name, after the single tries; the same group with the scale
 * reversed (one high when the other is low: at most 0.54 per battle) passes, and both numbers
 * read their point values after. (Until 2026-12-07 the war refused `group` on its numbers as an
 * unknown key, although every other section took it.)
 */
#define GROUPED_WAR(scale_group)                                                                   \
    CORE_WAR_SCALED("{value: 149, range: [100, 4000], group: costs}",                              \
                    "{value: 0.1, range: [0.05, 1], group: " scale_group "}")

static void test_group_tried_whole(void **state)
{
    (void)state;
    static const char *const texts[] = {GROUPED_WAR("costs"),
                                        GROUPED_WAR("{name: costs, reverse: true}")};
    for (int i = 0; i < 2; i++) {
        sc_scenario *s = sc_test_scenario(texts[i]);
        sc_diag d;
        sc_diag_init(&d);
        sc_status rc = sc_run_check(s, &d);
        double milex = 0, scale = 0;
        sc_diag e;
        assert_int_equal(sc_scenario_get_value(s, "actor.RUS.milex", &milex, &e), SC_OK);
        assert_int_equal(sc_scenario_get_value(s, "war.cost_scale", &scale, &e), SC_OK);
        SC_ASSERT_NEAR(milex, 149, 0);
        SC_ASSERT_NEAR(scale, 0.1, 0);
        sc_scenario_free(s);
        if (i == 1) {
            if (rc != SC_OK) {
                sc_diag_print(&d, stderr);
                fail_msg("a reversed group the war accepts is refused");
            }
            continue;
        }
        assert_int_not_equal(rc, SC_OK);
        if (!strstr(d.message, "group costs: a draw puts its 2 members at their highest draws "
                               "together: 'cost_a' = 1.97922 per battle") ||
            !strstr(d.message, "per battle: a cost must be below 1")) {
            fail_msg("unexpected message: %s", d.message);
        }
        const char *line = strstr(texts[0], "  - {id: RUS");
        assert_int_equal(d.line, 4);
        assert_int_equal(d.column, (int)(strstr(line, "costs}") - line) + 1); /* its name */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_step_domain),
        cmocka_unit_test(test_front_spreads),
        cmocka_unit_test(test_draws_of_an_accepted_front),
        cmocka_unit_test(test_section_corpus_located),
        cmocka_unit_test(test_draws_of_accepted_spreads),
        cmocka_unit_test(test_core_numbers_reach_the_sections),
        cmocka_unit_test(test_group_tried_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
