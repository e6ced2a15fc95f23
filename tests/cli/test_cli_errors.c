/* SPDX-License-Identifier: MIT */
/*
 * Every broken input gives a located error and exit status 2, never a crash or a partial
 * output: the committed corpus (tests/data/bad, tests/data/bad-csv; first line "# expect: TEXT")
 * and inputs generated here (empty, deep nesting, a file over the size limit).
 */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <dirent.h>
#include <jansson.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <unistd.h>

#include "statecraft/statecraft.h"

/* True if the n bytes at s are well-formed UTF-8 (what a terminal can show). */
static int is_utf8(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t need = u[i] < 0x80 ? 0 : (u[i] & 0xE0) == 0xC0 && u[i] >= 0xC2 ? 1
                                     : (u[i] & 0xF0) == 0xE0                   ? 2
                                     : (u[i] & 0xF8) == 0xF0 && u[i] <= 0xF4   ? 3
                                                                               : 9;
        if (need == 9 || i + need >= n) {
            return 0;
        }
        for (size_t k = 1; k <= need; k++) {
            if ((u[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        i += need + 1;
    }
    return 1;
}

/*
 * Checks the compiler-style report: "PATH:L:C: error: ...", then "%5d | SOURCE LINE" with the same
 * line number, then "      | " and a caret under column C. The whole report must be UTF-8.
 * Returns 1 if it is, else prints why and returns 0.
 */
/* Prints a failure of one corpus file and makes check_report return 0 (the loop goes on). */
#define CHECK_FAIL(...)                                                                            \
    do {                                                                                           \
        print_error(__VA_ARGS__);                                                                  \
        print_error("\n");                                                                         \
        return 0;                                                                                  \
    } while (0)

static int check_report(const char *path, const char *err, const char *expect)
{
    size_t pl = strlen(path);
    if (strncmp(err, path, pl) != 0 || err[pl] != ':') {
        CHECK_FAIL("%s: report does not start with the path:\n%s", path, err);
    }
    const char *p = err + pl + 1;
    char *end;
    long line = strtol(p, &end, 10);
    if (!(end != p && *end == ':' && line > 0)) {
        CHECK_FAIL("%s: no positive line number in:\n%s", path, err);
    }
    p = end + 1;
    long col = strtol(p, &end, 10);
    if (!(end != p && col > 0)) {
        CHECK_FAIL("%s: no positive column in:\n%s", path, err);
    }
    if (strncmp(end, ": error: ", 9) != 0) {
        CHECK_FAIL("%s: no ': error: ' in %s", path, err);
    }
    const char *l2 = strchr(err, '\n');
    assert_non_null(l2);
    if (expect && !(strstr(end, expect) && strstr(end, expect) < l2)) {
        CHECK_FAIL("%s: expected '%s' in the first line of:\n%s", path, expect, err);
    }
    l2++;
    char want[32];
    snprintf(want, sizeof want, "%5ld | ", line);
    if (strncmp(l2, want, strlen(want)) != 0) {
        CHECK_FAIL("%s: second line does not show source line %ld:\n%s", path, line, err);
    }
    const char *l3 = strchr(l2, '\n');
    assert_non_null(l3);
    l3++;
    if (strncmp(l3, "      | ", 8) != 0) {
        CHECK_FAIL("%s: third line is not a caret line:\n%s", path, err);
    }
    size_t pad = strspn(l3 + 8, " \t");
    if (l3[8 + pad] != '^') {
        CHECK_FAIL("%s: no caret on the third line:\n%s", path, err);
    }
    size_t src_len = (size_t)(l3 - l2) - strlen(want) - 1;
    if (src_len < 200 && (long)pad != col - 1) {
        CHECK_FAIL("%s: caret at %zu, expected column %ld:\n%s", path, pad + 1, col, err);
    }
    if (!is_utf8(err, strlen(err))) {
        CHECK_FAIL("%s: the report is not valid UTF-8 (raw input bytes echoed to the terminal)",
                 path);
    }
    return 1;
}

/* Fails unless rc is an ordinary exit status (a signal or ASan abort is a crash). */
static void check_not_crashed(const char *what, int rc, const char *err)
{
    if (rc < 0 || rc >= 128 || rc == 1) {
        fail_msg("%s: crashed or failed internally (status %d)\n%s", what, rc, err ? err : "");
    }
}

static void validate_dir(const char *rel, int min_files)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", SC_SOURCE_DIR, rel);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int files = 0, bad = 0;
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
        check_not_crashed(path, rc, err);
        if (rc != 2) {
            print_error("%s: exit %d, expected 2\n%s\n", path, rc, err ? err : "");
            bad++;
        } else if (strcmp(out, "") != 0) {
            print_error("%s: stdout is not empty: %s\n", path, out);
            bad++;
        } else if (!expect[0]) {
            print_error("%s: the first line must be '# expect: SUBSTRING'\n", path);
            bad++;
        } else if (!check_report(path, err, expect)) {
            bad++;
        }
        free(out);
        free(err);
        files++;
    }
    closedir(d);
    if (files < min_files) {
        fail_msg("%s: %d files, expected at least %d", rel, files, min_files);
    }
    if (bad) {
        fail_msg("%s: %d of %d files failed (listed above)", rel, bad, files);
    }
}

static void test_yaml_corpus(void **state)
{
    (void)state;
    validate_dir("tests/data/bad", 40);
}

static void test_csv_corpus(void **state)
{
    (void)state;
    validate_dir("tests/data/bad-csv", 6);
}

/*
 * A model section (war:, triangle:, landscape:, game:) is read by validate as run reads it:
 * validate used to pass a misspelt war: key that run then stopped on. Each file of
 * tests/data/bad-sections fails validate with a located error, and run with the same one.
 */
static void test_section_corpus(void **state)
{
    (void)state;
    validate_dir("tests/data/bad-sections", 14);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/data/bad-sections", SC_SOURCE_DIR);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int bad = 0;
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
        }
        fclose(fp);
        /* run does not name the state it stopped in; validate does */
        expect[strcspn(expect, "\n")] = '\0';
        char *state_note = strstr(expect, " (in variant ");
        if (!state_note) {
            state_note = strstr(expect, " (after the events)");
        }
        if (state_note) {
            *state_note = '\0';
        }
        /* only the model the file is about (war_..., game_...), to keep the ASan run short;
         * a file with claims goes through the Monte Carlo's point values, every model */
        char model[32] = "";
        if (!strstr(e->d_name, "claims")) {
            snprintf(model, sizeof model, "--only %.*s", (int)strcspn(e->d_name, "_"),
                     e->d_name);
        }
        char args[8300], *out = NULL, *err = NULL;
        snprintf(args, sizeof args, "run '%s' --runs 20 %s", path, model);
        int rc = sc_test_run_cli(args, &out, &err);
        check_not_crashed(path, rc, err);
        if (rc != 2 || strcmp(out, "") != 0 || !check_report(path, err, expect)) {
            print_error("%s: run: exit %d, expected 2 and '%s'\n%s\n", path, rc, expect,
                        err ? err : "");
            bad++;
        }
        free(out);
        free(err);
    }
    closedir(d);
    assert_int_equal(bad, 0);
    /* and good sections pass: the built-in scenario has war:, game: and data: */
    char *out = NULL, *err = NULL;
    assert_int_equal(sc_test_run_cli("validate " SC_SOURCE_DIR "/scenarios/ukraine-ceasefire-2025.yaml",
                                     &out, &err),
                     0);
    free(out);
    free(err);
}

static char *temp_dir(void)
{
    static char tmpl[200];
    snprintf(tmpl, sizeof tmpl, "%s", sc_test_tmp_path("sc_cli_errXXXXXX"));
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
        assert_true(check_report(path, err, expect));
    } else if (!strstr(err, expect)) {
        fail_msg("expected '%s' in %s", expect, err);
    }
    free(out);
    free(err);
}

/* Number of files in dir that look like scx_file_write_atomic's temporaries. */
static int count_temp_files(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        n += strstr(e->d_name, ".tmp.") != NULL;
    }
    closedir(d);
    return n;
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
    /* binary bytes (a fixed pseudo-random stream with NULs), made here rather than committed */
    unsigned char bin[512];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof bin; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bin[i] = (unsigned char)(i % 61 == 7 ? 0 : x >> 24);
    }
    snprintf(path, sizeof path, "%s/binary.yaml", dir);
    write_file(path, (const char *)bin, sizeof bin);
    /* unlocated check: the raw bytes echoed in the report are the corpus's concern */
    expect_error(path, "this is not a text file", 0);
    unlink(path);
    snprintf(path, sizeof path, "%s/missing.yaml", dir);
    expect_error(path, "cannot open", 0);
    /* a failing run writes nothing: no output file, no temporary file left behind */
    char bad[256], outp[256], args[4800], *out = NULL, *err = NULL;
    snprintf(bad, sizeof bad, "%s/bad.yaml", dir);
    write_file(bad, "statecraft: 1\nmetadata: {title: t}\nactors: [\n", 38);
    snprintf(outp, sizeof outp, "%s/report.json", dir);
    snprintf(args, sizeof args, "run '%s' --format json -o '%s'", bad, outp);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 2);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "bad.yaml:3:1: error: "));
    free(out);
    free(err);
    struct stat st;
    assert_int_not_equal(stat(outp, &st), 0);
    assert_int_equal(count_temp_files(dir), 0);
    /* the same with a good input and a bad variant: nothing is written either */
    snprintf(args, sizeof args, "run '%s' --variant nosuch -o '%s'",
             sc_test_source("tests/data/good/full.yaml"), outp);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 2);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "--variant: no variant 'nosuch'; the variants are engaged"));
    free(out);
    free(err);
    assert_int_not_equal(stat(outp, &st), 0);
    assert_int_equal(count_temp_files(dir), 0);
    /* a good run writes the file atomically and leaves no temporary file */
    snprintf(args, sizeof args, "run '%s' --only summary,baseline --format json -o '%s'",
             sc_test_source("tests/data/good/full.yaml"), outp);
    assert_int_equal(sc_test_run_cli(args, &out, &err), 0);
    free(out);
    free(err);
    assert_int_equal(stat(outp, &st), 0);
    json_error_t je;
    json_t *j = json_load_file(outp, 0, &je);
    assert_non_null(j);
    assert_non_null(json_object_get(json_object_get(j, "models"), "baseline"));
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "scenario"), "title")),
                        "Every feature");
    json_decref(j);
    assert_int_equal(count_temp_files(dir), 0);
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
    /* each usage error: exit 2, nothing on standard output, the command, option or operand at
     * fault named */
    static const struct {
        const char *args, *says;
    } bad[] = {
        {"", "usage: statecraft"},
        {"frobnicate", "unknown command 'frobnicate'"},
        {"run --bogus", "statecraft run: unknown option '--bogus'"},
        {"run --format xml", "statecraft run: --format must be text, json, csv or html, got 'xml'"},
        {"run --seed -1", "statecraft run: --seed expects a non-negative integer, got '-1'"},
        {"run --runs 0", "statecraft run: --runs expects an integer from 1 to"},
        {"validate", "statecraft validate: no FILE given"},
        {"show a b", "statecraft show: expected at most one FILE, got 2"},
        {"run --only warr", "did you mean 'war'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(sc_test_run_cli(bad[i].args, &out, &err), 2);
        assert_string_equal(out, "");
        if (!strstr(err, bad[i].says)) {
            fail_msg("statecraft %s: the error does not say \"%s\":\n%s", bad[i].args, bad[i].says,
                     err);
        }
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
    assert_int_equal(json_array_size(json_object_get(j, "events")), 11);
    json_decref(j);
    free(out);
    free(err);
    assert_int_equal(sc_test_run_cli("run --format json --runs 200", &out, &err), 0);
    j = json_loads(out, 0, &je);
    assert_non_null(j);
    const char *keys[] = {"schema", "statecraft", "scenario", "run", "states", "models"};
    for (size_t i = 0; i < 6; i++) {
        assert_non_null(json_object_get(j, keys[i]));
    }
    /* every model of the comparative report: the scenario as given and both variants, before
     * and after the events, and what changes */
    json_t *models = json_object_get(j, "models");
    const char *sections[] = {"baseline", "eum", "smp", "bargaining", "war", "triangle",
                              "landscape", "game"};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        json_t *m = json_object_get(models, sections[i]);
        if (!m) {
            fail_msg("no section %s", sections[i]);
        }
        assert_true(json_is_object(json_object_get(m, "before_events")));
        assert_true(json_is_object(json_object_get(m, "after_events")));
        assert_true(json_is_array(json_object_get(m, "changes")));
        for (int v = 0; v < 2; v++) {
            json_t *var = json_object_get(json_object_get(m, "variants"), v ? "retrench" : "engaged");
            if (!json_is_object(json_object_get(var, "before_events")) ||
                !json_is_object(json_object_get(var, "after_events"))) {
                fail_msg("section %s lacks variant %d", sections[i], v);
            }
        }
    }
    assert_non_null(json_object_get(json_object_get(models, "summary"), "actors"));
    assert_int_equal(json_array_size(json_object_get(json_object_get(models, "claims"), "claims")), 4);
    assert_int_equal(json_array_size(json_object_get(j, "states")), 6);
    json_decref(j);
    free(out);
    free(err);
    /* the text report names every model; the header says which state and variant */
    assert_int_equal(sc_test_run_cli("run --variant retrench --runs 200", &out, &err), 0);
    assert_non_null(strstr(out, "state: after the events, variant: retrench; the state stands for 2025-02-24"));
    assert_non_null(strstr(out, "Strategic triangle"));
    assert_non_null(strstr(out, "War termination"));
    assert_null(strstr(out, "What changes the answers")); /* one state: nothing to compare */
    free(out);
    free(err);
    /* the comparative text report: one table per model with rows per state, and the changes */
    assert_int_equal(sc_test_run_cli("run --runs 200 --only baseline,eum", &out, &err), 0);
    assert_non_null(strstr(out, "Compared: the scenario as given and the variants engaged, retrench, "
                                "each before the events (2025-02-11) and after them (2025-02-24)."));
    assert_non_null(strstr(out, "  retrench after   territory"));
    assert_non_null(strstr(out, "  the events, scenario as given:\n    territory median: 50 -> 60"));
    assert_non_null(strstr(out, "  variant retrench against the scenario as given, after the events:\n"
                                "    sanctions "));
    free(out);
    free(err);
}

/* Runs the CLI, requiring exit status `want`; returns stdout (caller frees), stderr in *err. */
static char *cli_expect(const char *args, int want, char **err)
{
    char *out = NULL, *e = NULL;
    int rc = sc_test_run_cli(args, &out, &e);
    check_not_crashed(args, rc, e);
    if (rc != want) {
        fail_msg("statecraft %s: exit %d, expected %d\nstdout: %s\nstderr: %s", args, rc, want,
                 out ? out : "", e ? e : "");
    }
    if (err) {
        *err = e;
    } else {
        free(e);
    }
    return out;
}

static void test_good_inputs(void **state)
{
    (void)state;
    char args[8400], full[4096];
    /* sc_test_source returns one static buffer: copy before the next call */
    snprintf(full, sizeof full, "%s", sc_test_source("tests/data/good/full.yaml"));
    snprintf(args, sizeof args, "validate '%s' '%s'", full,
             sc_test_source("tests/data/good/table.csv"));
    char *err = NULL;
    char *out = cli_expect(args, 0, &err);
    assert_non_null(strstr(out, "full.yaml: ok (3 actors, 2 issues, 2 events, 1 variants)"));
    assert_non_null(strstr(out, "table.csv: ok (3 actors, 1 issues, 0 events, 0 variants)"));
    assert_string_equal(err, "");
    free(out);
    free(err);
    /* a good and a bad file: both reported, status 2 */
    snprintf(args, sizeof args, "validate '%s' '%s'", full,
             sc_test_source("tests/data/bad/one_actor.yaml"));
    out = cli_expect(args, 2, &err);
    assert_non_null(strstr(out, "full.yaml: ok"));
    assert_non_null(strstr(err, "at least 2 actors, found 1"));
    free(out);
    free(err);
    snprintf(args, sizeof args, "validate -q '%s'", sc_test_source("tests/data/good/full.yaml"));
    out = cli_expect(args, 0, NULL);
    assert_string_equal(out, "");
    free(out);
}

static void test_options(void **state)
{
    (void)state;
    const char *help[] = {"validate --help", "show --help", "run --help"};
    const char *usage[] = {"usage: statecraft validate", "usage: statecraft show",
                           "usage: statecraft run"};
    for (size_t i = 0; i < 3; i++) {
        char *out = cli_expect(help[i], 0, NULL);
        assert_non_null(strstr(out, usage[i]));
        free(out);
    }
    const char *unknown[] = {"validate --bogus x.yaml", "show --bogus", "run --bogus", "run -Z",
                             "show --format xml", "run --seed", "run --runs abc"};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        char *err = NULL;
        char *out = cli_expect(unknown[i], 2, &err);
        assert_string_equal(out, "");
        assert_non_null(strstr(err, "Try 'statecraft "));
        free(out);
        free(err);
    }
    char *out = cli_expect("--version", 0, NULL);
    char want[64];
    snprintf(want, sizeof want, "statecraft %s\n", sc_version());
    assert_string_equal(out, want);
    assert_string_equal(sc_version(), SC_VERSION_STRING);
    assert_true(strspn(sc_version(), "0123456789.") == strlen(sc_version()));
    free(out);
}

static void test_file_json(void **state)
{
    (void)state;
    char full[4096], args[8400];
    snprintf(full, sizeof full, "%s", sc_test_source("tests/data/good/full.yaml"));
    /* show --format normalized prints what the library read */
    snprintf(args, sizeof args, "show '%s' --format normalized", full);
    char *out = cli_expect(args, 0, NULL);
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    if (!j) {
        fail_msg("show --format json is not JSON (line %d: %s)", je.line, je.text);
    }
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_load(full, &s, &d), SC_OK);
    json_t *actors = json_object_get(j, "actors");
    assert_int_equal(json_array_size(actors), sc_scenario_actor_count(s));
    assert_int_equal(json_array_size(json_object_get(j, "issues")), sc_scenario_issue_count(s));
    assert_int_equal(json_array_size(json_object_get(j, "events")), sc_scenario_event_count(s));
    assert_int_equal(json_array_size(json_object_get(j, "variants")), sc_scenario_variant_count(s));
    assert_int_equal(json_array_size(json_object_get(j, "sources")), 2);
    for (size_t i = 0; i < sc_scenario_actor_count(s); i++) {
        json_t *a = json_array_get(actors, i);
        assert_string_equal(json_string_value(json_object_get(a, "id")), sc_scenario_actor(s, i)->id);
        double cap = json_real_value(json_object_get(json_object_get(a, "capability"), "value"));
        SC_ASSERT_NEAR(cap, sc_scenario_actor(s, i)->capability.value, 0);
    }
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "events"), 0), "id")),
                        "first");
    json_decref(j);
    free(out);
    sc_scenario_free(s);
    /* a BDM table: saliences rescaled from 0-100 */
    snprintf(args, sizeof args, "show '%s' --format normalized",
             sc_test_source("tests/data/good/table.csv"));
    out = cli_expect(args, 0, NULL);
    j = json_loads(out, 0, &je);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "actors")), 3);
    json_t *st = json_object_get(json_array_get(json_object_get(j, "issues"), 0), "stances");
    SC_ASSERT_NEAR(json_real_value(json_object_get(json_object_get(json_object_get(st, "North"),
                                                                   "salience"), "value")),
                   0.8, 1e-15);
    json_decref(j);
    free(out);
    /* run --format json: the comparative report's six top-level keys, the seed as given, and
     * four states (the scenario as given and its one variant, before and after its events) */
    snprintf(args, sizeof args, "run '%s' --format json --runs 50 --seed 7", full);
    out = cli_expect(args, 0, NULL);
    j = json_loads(out, 0, &je);
    if (!j) {
        fail_msg("run --format json is not JSON (line %d: %s)", je.line, je.text);
    }
    const char *keys[] = {"schema", "statecraft", "scenario", "run", "states", "models"};
    for (size_t i = 0; i < 6; i++) {
        if (!json_object_get(j, keys[i])) {
            fail_msg("run --format json has no '%s'", keys[i]);
        }
    }
    assert_int_equal(json_object_size(j), 6);
    assert_int_equal(json_integer_value(json_object_get(j, "schema")), 1);
    json_t *states = json_object_get(j, "states");
    assert_int_equal(json_array_size(states), 4);
    assert_string_equal(json_string_value(json_object_get(json_array_get(states, 3), "id")),
                        "engaged/after-events");
    assert_string_equal(json_string_value(json_object_get(j, "statecraft")), sc_version());
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "run"), "seed")), 7);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "run"), "runs")), 50);
    json_decref(j);
    free(out);
    /* --variant: a near miss gets a suggestion, a far one the count */
    char *err = NULL;
    snprintf(args, sizeof args, "run '%s' --variant engagd --runs 10", full);
    out = cli_expect(args, 2, &err);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "--variant: no variant 'engagd' (did you mean 'engaged'?)"));
    free(out);
    free(err);
    snprintf(args, sizeof args, "run '%s' --variant nosuch --runs 10", full);
    out = cli_expect(args, 2, &err);
    assert_string_equal(out, "");
    assert_non_null(strstr(err, "--variant: no variant 'nosuch'; the variants are engaged"));
    assert_null(strstr(err, "did you mean"));
    free(out);
    free(err);
    snprintf(args, sizeof args, "show '%s' --variant engaged --format normalized", full);
    out = cli_expect(args, 0, NULL);
    j = json_loads(out, 0, &je);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "variant")), "engaged");
    json_decref(j);
    free(out);
}

/* -o creates the report like any other file: permissions from the umask, not 0600. */
static void test_output_mode(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char outp[256], args[4800];
    snprintf(outp, sizeof outp, "%s/report.txt", dir);
    mode_t old = umask(022);
    snprintf(args, sizeof args, "show '%s' -o '%s'", sc_test_source("tests/data/good/full.yaml"),
             outp);
    char *out = cli_expect(args, 0, NULL);
    free(out);
    umask(old);
    struct stat st;
    assert_int_equal(stat(outp, &st), 0);
    unlink(outp);
    rmdir(dir);
    if ((st.st_mode & 0777) != 0644) {
        fail_msg("-o created the file with mode %03o, expected 0644 under umask 022",
                 (unsigned)(st.st_mode & 0777));
    }
}

/* The test's own scratch directory (sc_test_tmp_make: under $TMPDIR or the build tree, never a
 * fixed path in /tmp): two builds running ctest at once never share a file. */
static int scratch_setup(void **state)
{
    (void)state;
    return sc_test_tmp_make("sc_cli_err_") ? 0 : -1;
}

static int scratch_teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yaml_corpus),       cmocka_unit_test(test_csv_corpus),
        cmocka_unit_test(test_section_corpus),
        cmocka_unit_test(test_generated_inputs),  cmocka_unit_test(test_usage),
        cmocka_unit_test(test_show_and_run_json), cmocka_unit_test(test_good_inputs),
        cmocka_unit_test(test_options),           cmocka_unit_test(test_file_json),
        cmocka_unit_test(test_output_mode),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
