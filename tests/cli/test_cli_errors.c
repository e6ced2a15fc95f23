/*
 * Every broken input gives a located error and exit status 2, never a crash or a partial
 * output: the committed corpus (tests/data/bad, tests/data/bad-csv; first line "# expect: TEXT")
 * and inputs generated here (empty, deep nesting, a file over the size limit).
 */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <dirent.h>
#include <jansson.h>
#include <sys/stat.h>
#include <unistd.h>

/* Checks the compiler-style report: "PATH:L:C: error: ...", the line, and a caret line. */
static void check_report(const char *path, const char *err, const char *expect)
{
    size_t pl = strlen(path);
    if (strncmp(err, path, pl) != 0 || err[pl] != ':') {
        fail_msg("%s: report does not start with the path:\n%s", path, err);
    }
    const char *p = err + pl + 1;
    char *end;
    long line = strtol(p, &end, 10);
    assert_true(end != p && *end == ':' && line > 0);
    p = end + 1;
    long col = strtol(p, &end, 10);
    assert_true(end != p && col > 0);
    if (strncmp(end, ": error: ", 9) != 0) {
        fail_msg("%s: no ': error: ' in %s", path, err);
    }
    if (expect && !strstr(err, expect)) {
        fail_msg("%s: expected '%s' in:\n%s", path, expect, err);
    }
    const char *l2 = strchr(err, '\n');
    assert_non_null(l2);
    assert_non_null(strstr(l2, " | "));
    const char *l3 = strchr(l2 + 1, '\n');
    assert_non_null(l3);
    assert_non_null(strchr(l3, '^'));
}

static void validate_dir(const char *rel)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", SC_SOURCE_DIR, rel);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        char path[8192], expect[640] = "";
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *fp = fopen(path, "rb");
        assert_non_null(fp);
        char first[600] = "";
        if (fgets(first, sizeof first, fp) && strncmp(first, "# expect: ", 10) == 0) {
            snprintf(expect, sizeof expect, "%s", first + 10);
            expect[strcspn(expect, "\n")] = '\0';
        }
        fclose(fp);
        if (strcmp(e->d_name, "empty.csv") == 0) {
            snprintf(expect, sizeof expect, "the file is empty");
        }
        char args[8300], *out = NULL, *err = NULL;
        snprintf(args, sizeof args, "validate '%s'", path);
        int rc = sc_test_run_cli(args, &out, &err);
        if (rc != 2) {
            fail_msg("%s: exit %d, expected 2\n%s", path, rc, err ? err : "");
        }
        assert_string_equal(out, "");
        check_report(path, err, expect[0] ? expect : NULL);
        free(out);
        free(err);
        files++;
    }
    closedir(d);
    assert_true(files >= 8);
}

static void test_yaml_corpus(void **state)
{
    (void)state;
    validate_dir("tests/data/bad");
}

static void test_csv_corpus(void **state)
{
    (void)state;
    validate_dir("tests/data/bad-csv");
}

static char *temp_dir(void)
{
    static char tmpl[64];
    snprintf(tmpl, sizeof tmpl, "/tmp/sc_cli_errXXXXXX");
    assert_non_null(mkdtemp(tmpl));
    return tmpl;
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, n, fp), n);
    fclose(fp);
}

static void expect_error(const char *path, const char *expect, int located)
{
    char args[4200], *out = NULL, *err = NULL;
    snprintf(args, sizeof args, "validate '%s'", path);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 2);
    if (located) {
        check_report(path, err, expect);
    } else if (!strstr(err, expect)) {
        fail_msg("expected '%s' in %s", expect, err);
    }
    free(out);
    free(err);
}

static void test_generated_inputs(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[256];
    snprintf(path, sizeof path, "%s/empty.yaml", dir);
    write_file(path, "", 0);
    expect_error(path, "the file is empty", 1);
    snprintf(path, sizeof path, "%s/blank.yaml", dir);
    write_file(path, "  \n\n\t\n", 5);
    expect_error(path, "the file is empty", 1);
    /* 200 levels of nesting: refused before it can exhaust the stack */
    size_t depth = 200, n = 0;
    char *deep = malloc(depth * 2 + 64);
    n += (size_t)sprintf(deep, "statecraft: 1\nmetadata: {title: t}\nwar: ");
    for (size_t i = 0; i < depth; i++) {
        deep[n++] = '[';
    }
    for (size_t i = 0; i < depth; i++) {
        deep[n++] = ']';
    }
    deep[n++] = '\n';
    snprintf(path, sizeof path, "%s/deep.yaml", dir);
    write_file(path, deep, n);
    free(deep);
    expect_error(path, "nesting deeper than", 1);
    /* over 16 MiB: refused by size, unlocated */
    snprintf(path, sizeof path, "%s/huge.yaml", dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    static char block[1 << 16];
    memset(block, '#', sizeof block);
    for (int i = 0; i < 260; i++) {
        fwrite(block, 1, sizeof block, fp);
    }
    fclose(fp);
    expect_error(path, "larger than the limit", 0);
    unlink(path);
    snprintf(path, sizeof path, "%s/missing.yaml", dir);
    expect_error(path, "cannot open", 0);
    /* a failing run writes nothing: no output file, no temporary file left behind */
    char bad[256], outp[256], args[700], *out = NULL, *err = NULL;
    snprintf(bad, sizeof bad, "%s/bad.yaml", dir);
    write_file(bad, "statecraft: 1\nmetadata: {title: t}\nactors: [\n", 38);
    snprintf(outp, sizeof outp, "%s/report.json", dir);
    snprintf(args, sizeof args, "run '%s' --format json -o '%s'", bad, outp);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 2);
    free(out);
    free(err);
    struct stat st;
    assert_int_not_equal(stat(outp, &st), 0);
    /* a good run replaces the file atomically and leaves no temporary file */
    snprintf(args, sizeof args, "run --only summary,baseline --format json -o '%s'", outp);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    free(out);
    free(err);
    assert_int_equal(stat(outp, &st), 0);
    json_error_t je;
    json_t *j = json_load_file(outp, 0, &je);
    assert_non_null(j);
    assert_non_null(json_object_get(j, "models"));
    json_decref(j);
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        assert_null(strstr(e->d_name, ".tmp."));
        if (e->d_name[0] != '.') {
            char p[512];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
    }
    closedir(d);
    rmdir(dir);
}

static void test_usage(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    const char *ok[] = {"--help", "--version", "validate --help", "show --help", "run --help",
                        "war --help", "triangle --help", "landscape --help", "forecast --help",
                        "forecast --model eum --help", "run --list"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(sc_test_run_cli(ok[i], &out, &err), 0);
        assert_true(strlen(out) > 0);
        free(out);
        free(err);
    }
    const char *bad[] = {"", "frobnicate", "run --bogus", "run --format xml", "run --seed -1",
                         "run --runs 0", "validate", "show a b", "run --only warr"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(sc_test_run_cli(bad[i], &out, &err), 2);
        assert_true(strlen(err) > 0);
        free(out);
        free(err);
    }
    assert_int_equal(sc_test_run_cli("run --only warr", &out, &err), 2);
    assert_non_null(strstr(err, "did you mean 'war'"));
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("run --variant retrenchh", &out, &err), 2);
    assert_non_null(strstr(err, "did you mean 'retrench'"));
    free(out);
    free(err);
}

static void test_show_and_run_json(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    assert_int_equal(sc_test_run_cli("show --format json", &out, &err), 0);
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "actors")), 10);
    assert_int_equal(json_array_size(json_object_get(j, "issues")), 5);
    assert_int_equal(json_array_size(json_object_get(j, "events")), 7);
    json_decref(j);
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("run --format json --runs 200", &out, &err), 0);
    j = json_loads(out, 0, &je);
    assert_non_null(j);
    const char *keys[] = {"statecraft", "scenario", "run", "models"};
    for (size_t i = 0; i < 4; i++) {
        assert_non_null(json_object_get(j, keys[i]));
    }
    json_t *models = json_object_get(j, "models");
    const char *sections[] = {"summary", "baseline", "eum", "war", "triangle", "landscape",
                              "claims"};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        if (!json_object_get(models, sections[i])) {
            fail_msg("no section %s", sections[i]);
        }
    }
    json_decref(j);
    free(out);
    free(err);
    /* the text report names every model and the variant */
    assert_int_equal(sc_test_run_cli("run --variant retrench --runs 200", &out, &err), 0);
    assert_non_null(strstr(out, "variant: retrench"));
    assert_non_null(strstr(out, "Strategic triangle"));
    assert_non_null(strstr(out, "War termination"));
    free(out);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yaml_corpus),       cmocka_unit_test(test_csv_corpus),
        cmocka_unit_test(test_generated_inputs),  cmocka_unit_test(test_usage),
        cmocka_unit_test(test_show_and_run_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
