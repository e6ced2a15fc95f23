/* SPDX-License-Identifier: MIT */
/*
 * `statecraft events`: the outputs carry the library's numbers in every format, bad input is a
 * located error with exit 2 and nothing written, and the scenario the data produce validates and
 * runs.
 */
#define _GNU_SOURCE
#include "sc_test.h"

#include <jansson.h>
#include <sys/stat.h>
#include <unistd.h>

static int setup(void **state)
{
    (void)state;
    return sc_test_tmp_make("sc_events_cli_") ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

#define SAMPLES SC_SHARED_DIR "/data/events/samples/"
#define GDELT2 SAMPLES "gdelt2_export_layout61_20201113_derived.tsv"
#define ICEWS SAMPLES "icews_events_2018-06-01_02_sample.tab"
#define PHOENIX SAMPLES "phoenix_oeda_2014-2016_sample5000_R_export.csv"
#define UNGA SC_SHARED_DIR "/data/history/unga_idealpoints_bsv_jun2024.csv"

static int run(char **out, char **err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int run(char **out, char **err, const char *fmt, ...)
{
    char args[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    return sc_test_run_cli(args, out, err);
}

static json_t *find_dyad(json_t *dyads, const char *s, const char *t)
{
    size_t i;
    json_t *d;
    json_array_foreach(dyads, i, d)
    {
        if (strcmp(json_string_value(json_object_get(d, "source")), s) == 0 &&
            strcmp(json_string_value(json_object_get(d, "target")), t) == 0) {
            return d;
        }
    }
    fail_msg("no dyad %s->%s", s, t);
    return NULL;
}

static void test_relations_json_csv_text(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    assert_int_equal(run(&out, &err, "events relations '%s' --actors USA,RUS,CHN,UKR --format json",
                         GDELT2),
                     0);
    json_error_t je;
    json_t *doc = json_loads(out, 0, &je);
    assert_non_null(doc);
    json_t *dyads = json_object_get(doc, "dyads");
    assert_int_equal(json_array_size(dyads), 7);
    json_t *d = find_dyad(dyads, "RUS", "UKR");
    /* 163 (-8) and 110 (-2), one source each: -10 / 70 */
    SC_ASSERT_NEAR(json_real_value(json_object_get(d, "r_last")), -1.0 / 7, 1e-15);
    assert_int_equal(json_integer_value(json_object_get(d, "events")), 2);
    assert_string_equal(json_string_value(json_object_get(d, "first_day")), "2020-11-13");
    json_t *sk = json_object_get(doc, "skipped");
    assert_int_equal(json_object_size(sk), 13); /* every reason, zero or not */
    assert_int_equal(json_integer_value(json_object_get(sk, "not_selected")), 2688);
    assert_int_equal(json_integer_value(json_object_get(sk, "duplicate")), 75);
    assert_int_equal(json_array_size(json_object_get(doc, "pairs")), 4);
    json_decref(doc);
    free(out);
    free(err);

    assert_int_equal(run(&out, &err, "events relations '%s' --actors USA,RUS --format csv", ICEWS),
                     0);
    /* header + USA->RUS and RUS->USA */
    assert_non_null(strstr(out, "source,target,events,first_day,last_day,r_last,r_min,r_max,"
                                "weight_last,"));
    assert_non_null(strstr(out, "\nRUS,USA,8,2018-06-01,2018-06-02,"));
    assert_non_null(strstr(out, "\nUSA,RUS,6,2018-06-01,2018-06-01,0.0090"));
    size_t lines = 0;
    for (char *p = out; *p; p++) {
        lines += *p == '\n';
    }
    assert_int_equal(lines, 3);
    free(out);
    free(err);

    assert_int_equal(run(&out, &err, "events relations '%s' --actors USA,RUS,CHN --at 2016-06-30",
                         PHOENIX),
                     0);
    assert_non_null(strstr(out, "on 2016-06-30"));
    assert_non_null(strstr(out, "Undirected"));
    free(out);
    free(err);
}

/* a small GDELT 2.0 file: a good row, a row dated 30 February, a good row */
static const char *bad_gdelt(void)
{
    const char *p = sc_test_tmp_path("bad.tsv");
    FILE *f = fopen(p, "w");
    for (int r = 0; r < 3; r++) {
        const char *date = r == 1 ? "20250230" : "20250101";
        fprintf(f, "%d\t%s", r, date);
        for (int i = 2; i < 61; i++) {
            const char *v = i == 5 || i == 7 ? "USA" : i == 15 || i == 17 ? "RUS"
                          : i == 26 || i == 27 ? (r ? "046" : "040")
                          : i == 28            ? "04"
                          : i == 32            ? "2"
                                               : "";
            fprintf(f, "\t%s", v);
        }
        fputc('\n', f);
    }
    fclose(f);
    return p;
}

static void test_bad_input(void **state)
{
    (void)state;
    const char *bad = bad_gdelt();
    char *out = NULL, *err = NULL;
    /* default: skipped and counted */
    assert_int_equal(run(&out, &err, "events relations '%s' --format json", bad), 0);
    assert_non_null(strstr(out, "\"date\": 1"));
    free(out);
    free(err);
    /* --strict: FILE:LINE:COL, the line and a caret; nothing on stdout */
    assert_int_equal(run(&out, &err, "events relations '%s' --strict", bad), 2);
    assert_string_equal(out, "");
    char want[600];
    snprintf(want, sizeof want, "%s:2:3: error: '20250230' is not a date", bad);
    assert_non_null(strstr(err, want));
    assert_non_null(strstr(err, "^~~~~~~~"));
    free(out);
    free(err);
    /* nothing readable: an error in every mode, and -o leaves nothing behind */
    const char *csv = sc_test_tmp_path("comma.csv");
    FILE *f = fopen(csv, "w");
    fputs("20250101,USA,RUS,040\n20250102,USA,RUS,046\n", f);
    fclose(f);
    const char *o = sc_test_tmp_path("never.json");
    assert_int_equal(run(&out, &err, "events relations '%s' --source simple -o '%s'", csv, o), 2);
    assert_non_null(strstr(err, "no readable row"));
    assert_non_null(strstr(err, "is the delimiter a comma"));
    struct stat st;
    assert_int_not_equal(stat(o, &st), 0);
    free(out);
    free(err);
    /* an existing output is untouched by a failing run */
    f = fopen(o, "w");
    fputs("keep", f);
    fclose(f);
    assert_int_equal(run(&out, &err, "events relations '%s' --strict -o '%s'", bad, o), 2);
    char *kept = sc_test_slurp(o, NULL);
    assert_string_equal(kept, "keep");
    free(kept);
    free(out);
    free(err);
    assert_int_equal(run(&out, &err, "events relations '%s' -o '%s'", bad, o), 0);
    kept = sc_test_slurp(o, NULL);
    assert_non_null(strstr(kept, "Relation scores"));
    free(kept);
    free(out);
    free(err);
    /* a binary file */
    const char *bin = sc_test_tmp_path("x.bin");
    f = fopen(bin, "wb");
    fwrite("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 1, 16, f);
    fclose(f);
    assert_int_equal(run(&out, &err, "events relations '%s'", bin), 2);
    assert_non_null(strstr(err, ":1:1: error: this is a binary file"));
    free(out);
    free(err);
}

static void test_usage_errors(void **state)
{
    (void)state;
    static const struct {
        const char *args, *msg;
    } cases[] = {
        {"events", "usage: statecraft events relations|timeline|scenario|fit"},
        {"events relate x", "no action 'relate'; the actions are relations, timeline"},
        {"events relations", "no event file given"},
        {"events relations x --source gdelt3", "--source must be"},
        {"events relations x --at 2025-02-30", "--at expects a calendar date yyyy-mm-dd, got '2025-02-30'"},
        {"events relations x --from 2025-2-3", "--from expects a calendar date yyyy-mm-dd, got '2025-2-3'"},
        {"events relations x --half-life 0", "--half-life must be"},
        {"events relations x --prior -1", "--prior must be"},
        {"events relations x --actors 'USA,U S'", "'U S' is not an actor id"},
        {"events relations x --format xml", "--format must be"},
        {"events timeline x --dyads USA-RUS", "--dyads expects SOURCE:TARGET"},
        {"events timeline x --dyads USA:USA", "not a pair of two actor ids"},
        {"events timeline '" GDELT2 "'", "choose the dyads"},
        {"events scenario '" GDELT2 "' --actors USA,RUS", "needs --at"},
        {"events fit '" GDELT2 "'", "fit needs --against"},
        {"events relations /nonexistent.tsv", "/nonexistent.tsv: error: cannot open"},
        {"events relations x --bogus", "unknown option '--bogus'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = NULL, *err = NULL;
        int rc = run(&out, &err, "%s", cases[i].args);
        if (rc != 2 || !strstr(err, cases[i].msg) || out[0] != '\0') {
            fail_msg("'%s': exit %d, stderr '%s' (expected '%s')", cases[i].args, rc, err,
                     cases[i].msg);
        }
        free(out);
        free(err);
    }
}

static void test_timeline(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    assert_int_equal(run(&out, &err, "events timeline '%s' --dyads RUS:UKR,UKR:RUS", PHOENIX), 0);
    /* CSV: header, then every day from the first to the last record of each dyad */
    assert_non_null(strstr(out, "date,source,target,events,weight_day,r,weight,r_short,r_long,"
                                "shock,jump,code\n2014-06-22,RUS,UKR,1,"));
    size_t ru = 0, ur = 0;
    for (char *p = strstr(out, "\n"); p && p[1]; p = strchr(p + 1, '\n')) {
        ru += strncmp(p + 12, "RUS,UKR", 7) == 0;
        ur += strncmp(p + 12, "UKR,RUS", 7) == 0;
    }
    assert_int_equal(ru, 670); /* 2014-06-22 .. 2016-04-21 */
    assert_int_equal(ur, 636); /* 2014-06-25 .. 2016-03-21 */
    free(out);
    free(err);
    assert_int_equal(run(&out, &err, "events timeline '%s' --actors RUS,UKR --undirected "
                                     "--format json --shocks 3",
                         PHOENIX),
                     0);
    json_error_t je;
    json_t *doc = json_loads(out, 0, &je);
    assert_non_null(doc);
    json_t *d = json_array_get(json_object_get(doc, "dyads"), 0);
    assert_int_equal(json_array_size(json_object_get(d, "shocks")), 3);
    json_decref(doc);
    free(out);
    free(err);
}

static void test_scenario_validates_and_runs(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    const char *y = sc_test_tmp_path("phoenix.yaml");
    assert_int_equal(run(&out, &err, "events scenario '%s' --actors USA,RUS,CHN,UKR --at "
                                     "2016-05-26 --since 2015-06-01 -o '%s'",
                         PHOENIX, y),
                     0);
    free(out);
    free(err);
    assert_int_equal(run(&out, &err, "validate '%s'", y), 0);
    assert_non_null(strstr(out, "ok (4 actors, 0 issues,"));
    free(out);
    free(err);
    assert_int_equal(run(&out, &err, "run '%s' --only triangle", y), 0);
    assert_non_null(strstr(out, "Strategic triangle"));
    free(out);
    free(err);
    char *text = sc_test_slurp(y, NULL);
    /* the amities are the mapped scores: USA-RUS on 2015-06-01 R = +0.0815 -> 3.088 R = 0.252 */
    assert_non_null(strstr(text, "pair: [USA, RUS]\n    amity: {value: 0.252, source: dsmg}"));
    assert_non_null(strstr(text, "target: relation.RUS.CHN.amity, set:"));
    free(text);
    /* a map of one's own: amity = R */
    assert_int_equal(run(&out, &err, "events scenario '%s' --actors USA,RUS,CHN,UKR --at "
                                     "2016-05-26 --since 2015-06-01 --amity-map 0,1",
                         PHOENIX),
                     0);
    assert_non_null(strstr(out, "pair: [USA, RUS]\n    amity: {value: 0.082, source: dsmg}"));
    assert_non_null(strstr(out, "amity = clamp(0 +1 R, -1, 1) (--amity-map)"));
    free(out);
    free(err);
    /* UN ideal points: relations only */
    const char *u = sc_test_tmp_path("unga.yaml");
    assert_int_equal(run(&out, &err, "events scenario '%s' --actors USA,RUS,CHN -o '%s'", UNGA, u),
                     0);
    free(out);
    free(err);
    assert_int_equal(run(&out, &err, "validate '%s'", u), 0);
    free(out);
    free(err);
    assert_int_equal(run(&out, &err, "events relations '%s' --actors USA,RUS --format json", UNGA),
                     0);
    assert_non_null(strstr(out, "\"session\": 78"));
    assert_non_null(strstr(out, "\"ideal_b\": 2.500157"));
    free(out);
    free(err);
}

/* `statecraft run SCENARIO --events FILE...`: the section with the built-in UN data and the files */
static void test_run_with_events(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    assert_int_equal(run(&out, &err, "run --only relations --after-events --format json --events "
                                     "'%s/data/events/timeline_2025_example.tsv'",
                         SC_SHARED_DIR),
                     0);
    json_error_t je;
    json_t *doc = json_loads(out, 0, &je);
    assert_non_null(doc);
    json_t *data = json_object_get(json_object_get(json_object_get(doc, "models"), "relations"),
                                   "data");
    assert_int_equal(json_array_size(data), 2);
    json_t *ev = json_array_get(data, 1);
    assert_string_equal(json_string_value(json_object_get(ev, "kind")), "event-files");
    assert_string_equal(json_string_value(json_object_get(ev, "date")), "2025-02-24");
    json_t *p = json_array_get(json_object_get(ev, "pairs"), 0);
    assert_string_equal(json_string_value(json_object_get(p, "a")), "USA");
    assert_string_equal(json_string_value(json_object_get(p, "b")), "RUS");
    /* on 24 Feb, six days after the talks: f6 = 2^(-6/30), A = 2 (f6 + 7) f6', ... the score the
     * library gives for the pair on that day */
    double f = pow(2, -0.2), g = pow(2, -0.2); /* 12 -> 18 Feb, then 18 -> 24 Feb */
    double r = 2 * (f + 7) * g / (10 * (2 * (f + 1) * g + 5));
    SC_ASSERT_NEAR(json_real_value(json_object_get(p, "score")), r, 1e-12);
    json_decref(doc);
    free(out);
    free(err);
    /* an unreadable event file: a located error, exit 2, nothing on stdout */
    const char *bad = sc_test_tmp_path("run_bad.csv");
    FILE *fp = fopen(bad, "w");
    fputs("20250101,USA,RUS,040\n", fp);
    fclose(fp);
    assert_int_equal(run(&out, &err, "run --events '%s' --events-source simple --only relations",
                         bad),
                     2);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, ":1:1: error: no readable row"));
    free(out);
    free(err);
    assert_int_equal(run(&out, &err, "run --only relations --events"), 2);
    assert_non_null(strstr(err, "--events needs at least one FILE"));
    free(out);
    free(err);
    assert_int_equal(run(&out, &err, "run --only relations --events x --events-source gdelt3"), 2);
    assert_non_null(strstr(err, "unknown event format 'gdelt3'"));
    free(out);
    free(err);
}

/* the fits behind the compiled maps, through the command line */
static void test_fit(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    assert_int_equal(run(&out, &err, "events fit --unga '%s' --sessions 69-78 --format json", UNGA),
                     0);
    json_error_t je;
    json_t *doc = json_loads(out, 0, &je);
    assert_non_null(doc);
    SC_ASSERT_NEAR(json_real_value(json_object_get(doc, "alpha")), 1.0977010230287712, 1e-9);
    SC_ASSERT_NEAR(json_real_value(json_object_get(doc, "beta")), -0.78959799647321283, 1e-9);
    json_decref(doc);
    free(out);
    free(err);
    assert_int_equal(run(&out, &err,
                         "events fit '%sgdelt1_events_reed9999_mixed_20160728_1982.tsv' "
                         "'%sgdelt1_reduced_dyadic_19790101-03_moxious.tsv' '%s' "
                         "'%sgdelt2_export_20250322180000_first38rows.tsv' '%s' '%s' "
                         "--against '%s' --format json",
                         SAMPLES, SAMPLES, GDELT2, SAMPLES, ICEWS, PHOENIX, UNGA),
                     0);
    doc = json_loads(out, 0, &je);
    assert_non_null(doc);
    SC_ASSERT_NEAR(json_real_value(json_object_get(doc, "slope")), 3.0881255768130318, 1e-9);
    assert_int_equal(json_integer_value(json_object_get(doc, "n")), 1694);
    json_decref(doc);
    free(out);
    free(err);
    /* against a scenario's judgements: the Phoenix pairs of a scenario written from Phoenix */
    const char *y = sc_test_tmp_path("fit.yaml");
    assert_int_equal(run(&out, &err, "events scenario '%s' --actors USA,RUS,CHN,UKR --at "
                                     "2016-05-26 --since 2015-06-01 -o '%s'",
                         PHOENIX, y),
                     0);
    free(out);
    free(err);
    /* the scenario's amities are 3.088 R on 2015-06-01 (rounded to 3 decimals): the least-squares
     * fit on that day recovers the slope and an intercept of about 0 */
    assert_int_equal(run(&out, &err, "events fit '%s' --against '%s' --at 2015-06-01 --method "
                                     "least-squares --format json",
                         PHOENIX, y),
                     0);
    doc = json_loads(out, 0, &je);
    assert_non_null(doc);
    SC_ASSERT_NEAR(json_real_value(json_object_get(doc, "slope")), 3.0881, 0.01);
    SC_ASSERT_NEAR(json_real_value(json_object_get(doc, "intercept")), 0, 0.001);
    SC_ASSERT_NEAR(json_real_value(json_object_get(doc, "r2")), 1, 1e-4);
    json_decref(doc);
    free(out);
    free(err);
}

/* --memory: a tiny de-duplication budget spills to disk and changes nothing */
static void test_memory_option(void **state)
{
    (void)state;
    const char *big = sc_test_tmp_path("many.tsv");
    FILE *f = fopen(big, "w");
    static const char *const ids[] = {"USA", "RUS", "CHN", "UKR", "GBR", "FRA"};
    static const char *const codes[] = {"036", "040", "046", "111", "173", "190", "057"};
    unsigned x = 12345;
    for (int i = 0; i < 200000; i++) {
        x = x * 1103515245u + 12345u;
        int a = (int)((x >> 8) % 6), b = (int)((x >> 12) % 6);
        if (a == b) {
            b = (b + 1) % 6;
        }
        fprintf(f, "2024%02d%02d\t%s\t%s\t%s\n", 1 + (int)((x >> 16) % 12),
                1 + (int)((x >> 20) % 28), ids[a], ids[b], codes[(x >> 24) % 7]);
    }
    fclose(f);
    char *a = NULL, *b = NULL, *err = NULL;
    assert_int_equal(run(&a, &err, "events relations '%s' --format csv", big), 0);
    free(err);
    assert_int_equal(run(&b, &err, "events relations '%s' --format csv --memory 1", big), 0);
    free(err);
    assert_string_equal(a, b);
    assert_true(strlen(a) > 1000);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relations_json_csv_text),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_timeline),
        cmocka_unit_test(test_scenario_validates_and_runs),
        cmocka_unit_test(test_run_with_events),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_memory_option),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
