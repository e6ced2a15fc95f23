/* SPDX-License-Identifier: MIT */
/*
 * `statecraft show --format yaml|json` writes the scenario as given as a scenario file that
 * validate and run read back to the same results (issue 19, item 4): checked on the built-in
 * scenario, every model's result document compared value by value (numbers bit for bit) with
 * the original's. The fast run leaves the war's Monte Carlo to a short `war` run; with the
 * argument "all" (the slow label) the whole report is compared.
 */
#define _GNU_SOURCE
#include "sc_test.h"

#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>

static int full;
static const char *dir; /* the test's scratch directory (sc_test_tmp_make) */
static char *orig_run, *orig_war; /* the built-in scenario's run and war documents */

static char *cli_out(const char *fmt, const char *file)
{
    char args[1024], *out = NULL, *err = NULL;
    snprintf(args, sizeof args, fmt, file ? file : "");
    int rc = sc_test_run_cli(args, &out, &err);
    if (rc != 0) {
        fail_msg("statecraft %s: exit %d\n%s", args, rc, err ? err : "");
    }
    free(err);
    return out;
}

/* The document without the names of the file it was read from. */
static json_t *doc_of(const char *text)
{
    json_error_t e;
    json_t *d = json_loads(text, 0, &e);
    if (!d) {
        fail_msg("not JSON: %s", e.text);
    }
    json_object_del(json_object_get(d, "scenario"), "file");
    json_object_del(json_object_get(json_object_get(d, "models"), "summary"), "file");
    return d;
}

static void same_documents(const char *a, const char *b, const char *what)
{
    json_t *da = doc_of(a), *db = doc_of(b);
    if (!json_equal(da, db)) {
        fail_msg("%s: the written scenario gives other results", what);
    }
    json_decref(da);
    json_decref(db);
}

static void round_trip(const char *format)
{
    char path[600], args[800];
    snprintf(path, sizeof path, "%s/s.%s", dir, format);
    snprintf(args, sizeof args, "show --format %s -o %s", format, path);
    free(cli_out(args, NULL));
    /* validate reads it, with every event and variant */
    char *v = cli_out("validate %s", path);
    /* no warning: every shift of the built-in scenario stays in its declared range */
    assert_non_null(strstr(v, "ok (10 actors, 5 issues, 11 events, 2 variants)\n"));
    free(v);
    /* what statecraft reads from it is what it read from the original, in every state */
    static const char *const states[] = {"", "--before-events", "--variant retrench",
                                         "--after-events=2025-02-14 --variant engaged"};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        char fa[256], fb[256];
        snprintf(fa, sizeof fa, "show %s", states[i]);
        snprintf(fb, sizeof fb, "show %%s %s", states[i]);
        char *a = cli_out(fa, NULL), *b = cli_out(fb, path);
        /* only the file's name differs */
        const char *la = strstr(a, "baseline date:"), *lb = strstr(b, "baseline date:");
        assert_non_null(la);
        assert_non_null(lb);
        assert_string_equal(la, lb);
        free(a);
        free(b);
    }
    /* and the models give the same results */
    /* fast: 20 runs (they set the bargaining section's draws, most of the report's time; the
     * draws read every range the file must keep) */
    const char *run = full ? "run --format json %s"
                           : "run --format json --runs 20 --only baseline,eum,smp,bargaining,"
                             "triangle,landscape,game,relations,claims %s";
    /* the built-in scenario's documents are the same for both formats: computed once */
    if (!orig_run) {
        orig_run = cli_out(run, "");
    }
    char *b = cli_out(run, path);
    same_documents(orig_run, b, run);
    free(b);
    if (!full) {
        if (!orig_war) {
            orig_war = cli_out("war --runs 300 --levers --format json %s", "");
        }
        b = cli_out("war --runs 300 --levers --format json %s", path);
        json_t *da = doc_of(orig_war), *db = doc_of(b);
        assert_true(json_equal(da, db));
        json_decref(da);
        json_decref(db);
        free(b);
    }
}

static void test_yaml(void **state)
{
    (void)state;
    round_trip("yaml");
}

static void test_json(void **state)
{
    (void)state;
    round_trip("json");
}

/* Written and read back, in both formats, a scenario is the same text: numbers keep every
 * digit, strings with commas stay one string. */
static void test_text_kept(void **state)
{
    (void)state;
    char src[600], y[600], j[600], args[2000];
    snprintf(src, sizeof src, "%s/small.yaml", dir);
    snprintf(y, sizeof y, "%s/small-out.yaml", dir);
    snprintf(j, sizeof j, "%s/small-out.json", dir);
    FILE *f = fopen(src, "w");
    assert_non_null(f);
    fputs("statecraft: 1\n"
          "metadata:\n  title: \"Kept: 1,2\"\n  date: 2025-01-01\n"
          "  authors:\n    - Smith, J.\n    - Doe\n"
          "actors:\n"
          "  - {id: A, name: A, capability: 3.1415926535897931}\n"
          "  - {id: B, name: \"B, the second\", capability: 2e-3}\n"
          "  - {id: C, name: C, capability: 1}\n"
          "relations:\n"
          "  - {pair: [A, B], amity: 0.123456789012345}\n"
          "  - {pair: [B, C], amity: -0.5}\n",
          f);
    fclose(f);
    snprintf(args, sizeof args, "show %s --format yaml -o %s", src, y);
    free(cli_out(args, NULL));
    snprintf(args, sizeof args, "show %s --format json -o %s", src, j);
    free(cli_out(args, NULL));
    char *yaml_orig = cli_out("show %s --format yaml", src);
    char *json_orig = cli_out("show %s --format json", src);
    char *json_of_yaml = cli_out("show %s --format json", y);
    char *yaml_of_json = cli_out("show %s --format yaml", j);
    assert_non_null(strstr(json_orig, "\"amity\": 0.123456789012345}"));
    assert_non_null(strstr(json_orig, "\"capability\": 3.1415926535897931}"));
    assert_non_null(strstr(json_orig, "[\"Smith, J.\", \"Doe\"]"));
    assert_string_equal(json_of_yaml, json_orig);
    /* read back from JSON, every number is still written as it was */
    assert_non_null(strstr(yaml_of_json, "capability: 3.1415926535897931}"));
    assert_non_null(strstr(yaml_of_json, "capability: 2e-3}"));
    assert_non_null(strstr(yaml_of_json, "amity: 0.123456789012345\n"));
    assert_non_null(strstr(yaml_orig, "authors: [\"Smith, J.\", Doe]\n"));
    free(yaml_orig);
    free(json_orig);
    free(json_of_yaml);
    free(yaml_of_json);
}

static void test_bad_input(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    /* the file is the scenario as given: a state option would be silently ignored */
    assert_int_equal(sc_test_run_cli("show --format yaml --variant engaged", &out, &err), 2);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "--format yaml writes the scenario as given"));
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("show --format yml", &out, &err), 2);
    assert_non_null(strstr(err, "did you mean 'yaml'?"));
    free(out);
    free(err);
}

int main(int argc, char **argv)
{
    full = argc > 1 && strcmp(argv[1], "all") == 0;
    dir = sc_test_tmp_make("sc_roundtrip");
    if (!dir) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yaml),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_text_kept),
        cmocka_unit_test(test_bad_input),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    free(orig_run);
    free(orig_war);
    if (sc_test_tmp_remove() != 0) {
        rc = 1;
    }
    return rc;
}
