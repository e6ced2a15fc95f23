/* SPDX-License-Identifier: MIT */
/* BDM actor tables (sc_scenario_parse_bdm_csv, sc_scenario_load) and the file helpers. */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>

#include "scx/scx.h"
#include "statecraft/statecraft.h"

/* One reference table: actor count, the first row, and the issue's scale. */
typedef struct table {
    const char *file;
    size_t n;
    const char *first;
    double cap, pos, sal; /* sal already on 0-1 */
    double scale_max;
} table;

static const table tables[] = {
    {"argentina_eum.csv", 17, "Macri", 0.159058374, 100, 0.99, 100},
    {"china_dmasad.csv", 24, "Zeming", 80, 25, 0.50, 100},
    {"emissions_bdm1994.csv", 10, "Netherlands", 0.08, 4, 0.80, 10},
    {"honduras_dmasad.csv", 5, "Nicaragua", 0.0001958, 1, 1, 1},
    {"iran_2013_election_preana.csv", 8, "Jalili", 0.24, 1, 0.70, 10},
    {"saudi_sultan_jmckib.csv", 17, "HAWKS", 0.65, 14.25, 0.8, 14.25},
    {"uk_emu_conservative_gov.csv", 9, "Labour (pro-euro)", 0.1, 8, 0.40, 10},
    {"uk_emu_labour_gov.csv", 9, "Labour (pro-euro)", 1.0, 8, 0.40, 10},
};

static void test_reference_tables(void **state)
{
    (void)state;
    size_t seen = 0;
    DIR *d = opendir(sc_test_shared("reference/bdm/data"));
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0) {
            continue;
        }
        const table *t = NULL;
        for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
            if (strcmp(tables[i].file, e->d_name) == 0) {
                t = &tables[i];
            }
        }
        if (!t) {
            fail_msg("%s: a reference table this test does not know", e->d_name);
        }
        char rel[512];
        snprintf(rel, sizeof rel, "reference/bdm/data/%s", e->d_name);
        sc_scenario *s = NULL;
        sc_diag diag;
        sc_diag_init(&diag);
        if (sc_scenario_load(sc_test_shared(rel), &s, &diag) != SC_OK) {
            fail_msg("%s: %s", e->d_name, diag.message);
        }
        assert_int_equal(sc_scenario_actor_count(s), t->n);
        assert_int_equal(sc_scenario_issue_count(s), 1);
        char stem[256];
        snprintf(stem, sizeof stem, "%.*s", (int)(len - 4), e->d_name);
        assert_string_equal(sc_scenario_issue(s, 0)->id, stem);
        assert_string_equal(sc_scenario_actor(s, 0)->id, t->first);
        SC_ASSERT_NEAR(sc_scenario_actor(s, 0)->capability.value, t->cap, 0);
        const sc_stance *st = sc_scenario_stance(s, 0, 0);
        assert_true(st->present);
        SC_ASSERT_NEAR(st->position.value, t->pos, 0);
        SC_ASSERT_NEAR(st->salience.value, t->sal, 1e-15);
        SC_ASSERT_NEAR(sc_scenario_issue(s, 0)->scale_min, 0, 0);
        SC_ASSERT_NEAR(sc_scenario_issue(s, 0)->scale_max, t->scale_max, 0);
        for (size_t i = 0; i < t->n; i++) {
            double sal = sc_scenario_stance(s, i, 0)->salience.value;
            assert_true(sal >= 0 && sal <= 1);
        }
        assert_int_equal(sc_scenario_validate(s, &diag), SC_OK);
        double mean, median;
        assert_int_equal(sc_scenario_issue_baseline(s, 0, &mean, &median, NULL), SC_OK);
        assert_true(mean >= 0 && mean <= t->scale_max);
        sc_scenario_free(s);
        seen++;
    }
    closedir(d);
    assert_int_equal(seen, sizeof tables / sizeof tables[0]);
}

static void test_good_table(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_load(sc_test_source("tests/data/good/table.csv"), &s, &d), SC_OK);
    assert_int_equal(sc_scenario_actor_count(s), 3);
    assert_string_equal(sc_scenario_issue(s, 0)->id, "table");
    assert_string_equal(sc_scenario_actor(s, 1)->id, "South, Inc.");
    SC_ASSERT_NEAR(sc_scenario_stance(s, 1, 0)->salience.value, 0.35, 1e-15);
    SC_ASSERT_NEAR(sc_scenario_stance(s, 2, 0)->salience.value, 1.0, 0);
    double mean, median;
    assert_int_equal(sc_scenario_issue_baseline(s, 0, &mean, &median, NULL), SC_OK);
    /* weights 1.908, 0.525, 0.75: total 3.183, half 1.5915 -> median 10 */
    SC_ASSERT_NEAR(mean, (1.908 * 10 + 0.525 * 60 + 0.75 * 100) / 3.183, 1e-12);
    SC_ASSERT_NEAR(median, 10, 0);
    sc_scenario_free(s);
    /* columns in any order, extra columns, CRLF, comments, 0-1 saliences kept */
    const char *t = "# c\r\nSalience,Position,Extra,Capability,Actor\r\n0.25,-3,x,1.5,P\r\n"
                    "0.5,7,y,2.5,Q\r\n";
    assert_int_equal(sc_scenario_parse_bdm_csv(t, strlen(t), "i", NULL, &s, &d), SC_OK);
    assert_string_equal(sc_scenario_actor(s, 1)->id, "Q");
    SC_ASSERT_NEAR(sc_scenario_stance(s, 0, 0)->salience.value, 0.25, 0);
    SC_ASSERT_NEAR(sc_scenario_stance(s, 0, 0)->position.value, -3, 0);
    SC_ASSERT_NEAR(sc_scenario_issue(s, 0)->scale_min, -3, 0); /* a negative position: no 0 */
    SC_ASSERT_NEAR(sc_scenario_issue(s, 0)->scale_max, 7, 0);
    sc_scenario_free(s);
}

static void test_broken_tables(void **state)
{
    (void)state;
    static const struct {
        const char *text, *expect;
        sc_status code;
        int line;
    } cases[] = {
        {"Actor,Capability,Position\nA,1,2\nB,1,3\n", "missing 'Salience'", SC_EPARSE, 1},
        {"Actor,Capability,Position,Salience\nA,1,x,50\nB,1,3,50\n", "'x' is not a number",
         SC_EPARSE, 2},
        {"Actor,Capability,Position,Salience\nA,-2,1,50\nB,1,3,50\n", "capability must be > 0",
         SC_ERANGE, 2},
        {"Actor,Capability,Position,Salience\nA,1,1,50\nA,1,3,50\n", "duplicate actor 'A'",
         SC_EINVAL, 3},
        {"Actor,Capability,Position,Salience\nA,1,1,50\n", "at least 2 actors, found 1", SC_EINVAL,
         0},
        {"", "the file is empty", SC_EPARSE, 1},
        {"Actor,Capability,Position,Salience\nA,1,1,150\nB,1,3,50\n", "salience must be in",
         SC_ERANGE, 2},
        {"Actor,Capability,Position,Salience\nA,1,1\nB,1,3,50\n", "missing value", SC_EPARSE, 2},
        {"Actor,Capability,Position,Salience\nA,1,1,50\nB,1\0,3,50\n", "NUL byte", SC_EPARSE, 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sc_scenario *s = (sc_scenario *)1;
        sc_diag d;
        sc_diag_init(&d);
        size_t len = strlen(cases[i].text);
        if (strstr(cases[i].expect, "NUL")) {
            len = strlen(cases[i].text) + 1 + strlen(cases[i].text + strlen(cases[i].text) + 1);
        }
        sc_parse_opts o;
        sc_parse_opts_init(&o);
        o.filename = "t.csv";
        sc_status rc = sc_scenario_parse_bdm_csv(cases[i].text, len, "x", &o, &s, &d);
        assert_null(s);
        if (rc != cases[i].code || !strstr(d.message, cases[i].expect)) {
            fail_msg("case %zu: status %d '%s', expected %d '%s'", i, rc, d.message,
                     cases[i].code, cases[i].expect);
        }
        assert_string_equal(d.file, "t.csv");
        if (cases[i].line && d.line != cases[i].line) {
            fail_msg("case %zu: line %d, expected %d", i, d.line, cases[i].line);
        }
    }
    /* every committed broken table fails to load */
    const char *dir = sc_test_source("tests/data/bad-csv");
    char dirbuf[4096];
    snprintf(dirbuf, sizeof dirbuf, "%s", dir);
    DIR *dd = opendir(dirbuf);
    assert_non_null(dd);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(dd)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dirbuf, e->d_name);
        sc_scenario *s = NULL;
        sc_diag d;
        sc_diag_init(&d);
        if (sc_scenario_load(path, &s, &d) == SC_OK) {
            fail_msg("%s loaded", path);
        }
        assert_string_equal(d.file, path);
        n++;
    }
    closedir(dd);
    assert_true(n >= 6);
}

/* Files in dir whose names contain ".tmp." (temporaries of scx_file_write_atomic). */
static int temp_files(const char *dir)
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

static void test_write_atomic(void **state)
{
    (void)state;
    char dir[200];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc_filesXXXXXX"));
    assert_non_null(mkdtemp(dir));
    char path[700];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(scx_file_write_atomic(path, "one", 3, &d), SC_OK);
    assert_int_equal(scx_file_write_atomic(path, "second", 6, &d), SC_OK);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(scx_file_read(path, 100, &text, &len, &d), SC_OK);
    assert_string_equal(text, "second");
    assert_int_equal(len, 6);
    sc_free(text);
    assert_int_equal(temp_files(dir), 0);
    /* an unwritable directory: the old file stays and no temporary file is left */
    if (geteuid() != 0) { /* root ignores directory permissions */
        chmod(dir, 0500);
        assert_int_equal(scx_file_write_atomic(path, "third", 5, &d), SC_EIO);
        chmod(dir, 0700);
        assert_non_null(strstr(d.message, "temporary file"));
    }
    /* a write that fails half-way (file size limit, even for root): same promise */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {4096, 4096};
        setrlimit(RLIMIT_FSIZE, &rl);
        static char big[1 << 16];
        memset(big, 'x', sizeof big);
        sc_diag cd;
        sc_diag_init(&cd);
        _exit(scx_file_write_atomic(path, big, sizeof big, &cd) == SC_EIO ? 0 : 3);
    }
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    assert_int_equal(scx_file_read(path, 100, &text, &len, &d), SC_OK);
    assert_string_equal(text, "second");
    sc_free(text);
    assert_int_equal(temp_files(dir), 0);
    /* renaming over a directory fails: the directory stays, no temporary file */
    char sub[900];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    char inner[1000];
    snprintf(inner, sizeof inner, "%s/keep", sub);
    assert_int_equal(scx_file_write_atomic(inner, "k", 1, &d), SC_OK);
    /* a directory or a missing directory is bad input (exit status 2), not an I/O failure */
    assert_int_equal(scx_file_write_atomic(sub, "x", 1, &d), SC_EINVAL);
    assert_string_equal(d.file, sub);
    assert_non_null(strstr(d.message, "is a directory"));
    struct stat sb;
    assert_int_equal(stat(inner, &sb), 0);
    assert_int_equal(temp_files(dir), 0);
    unlink(inner);
    rmdir(sub);
    char bad[900];
    snprintf(bad, sizeof bad, "%s/no/such/dir/out.txt", dir);
    assert_int_equal(scx_file_write_atomic(bad, "x", 1, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "directory does not exist"));
    /* a new file gets the usual permissions (0666 less the umask), like fopen's */
    char fresh[900];
    snprintf(fresh, sizeof fresh, "%s/fresh.txt", dir);
    mode_t old = umask(022);
    assert_int_equal(scx_file_write_atomic(fresh, "", 0, &d), SC_OK);
    umask(old);
    assert_int_equal(stat(fresh, &sb), 0);
    assert_int_equal(sb.st_size, 0);
    unlink(fresh);
    unlink(path);
    assert_int_equal(rmdir(dir), 0);
    if ((sb.st_mode & 0777) != 0644) {
        fail_msg("scx_file_write_atomic created mode %03o, expected 0644 under umask 022",
                 (unsigned)(sb.st_mode & 0777));
    }
}

static void test_read_limits(void **state)
{
    (void)state;
    char dir[200];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc_readXXXXXX"));
    assert_non_null(mkdtemp(dir));
    char path[700];
    snprintf(path, sizeof path, "%s/in.txt", dir);
    /* sizes around the 4096-byte first block and a limit of exactly the size */
    static const size_t sizes[] = {0, 1, 4095, 4096, 4097, 10000, 70001};
    static char data[70001];
    for (size_t i = 0; i < sizeof data; i++) {
        data[i] = (char)('a' + i % 26);
    }
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        FILE *fp = fopen(path, "wb");
        assert_non_null(fp);
        assert_int_equal(fwrite(data, 1, n, fp), n);
        fclose(fp);
        sc_diag d;
        sc_diag_init(&d);
        char *text = NULL;
        size_t len = 99;
        assert_int_equal(scx_file_read(path, n, &text, &len, &d), SC_OK);
        assert_int_equal(len, n);
        assert_memory_equal(text, data, n);
        assert_int_equal(text[n], '\0');
        sc_free(text);
        if (n > 0) {
            assert_int_equal(scx_file_read(path, n - 1, &text, &len, &d), SC_ELIMIT);
            assert_null(text);
            assert_string_equal(d.file, path);
            char want[96]; /* the message names the limit that was exceeded */
            snprintf(want, sizeof want, "file is larger than the limit of %zu bytes", n - 1);
            assert_string_equal(d.message, want);
        }
        /* no limit at all must not truncate */
        assert_int_equal(scx_file_read(path, SIZE_MAX, &text, &len, &d), SC_OK);
        if (len != n) {
            fail_msg("scx_file_read(max_bytes = SIZE_MAX) read %zu of %zu bytes", len, n);
        }
        sc_free(text);
    }
    unlink(path);
    sc_diag d;
    sc_diag_init(&d);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(scx_file_read(path, 100, &text, &len, &d), SC_ENOTFOUND);
    assert_non_null(strstr(d.message, "cannot open"));
    assert_int_equal(scx_file_read(dir, 100, &text, &len, &d) != SC_OK, 1);
    rmdir(dir);
    /* sc_scenario_parse honours max_bytes */
    sc_parse_opts o;
    sc_parse_opts_init(&o);
    assert_int_equal(o.max_bytes, (size_t)16 << 20);
    o.max_bytes = 10;
    sc_scenario *s = NULL;
    const char *t = "statecraft: 1\n";
    assert_int_equal(sc_scenario_parse(t, strlen(t), &o, &s, &d), SC_ELIMIT);
    assert_null(s);
    assert_int_equal(sc_scenario_parse_bdm_csv(t, strlen(t), "x", &o, &s, &d), SC_ELIMIT);
    scx_buf b;
    scx_buf_init(&b);
    scx_buf_printf(&b, "%d-%s", 42, "x");
    scx_buf_puts(&b, "!");
    scx_buf_append(&b, "abc", 2);
    assert_string_equal(b.data, "42-x!ab");
    assert_int_equal(b.len, 7);
    assert_int_equal(b.error, SC_OK);
    scx_buf_destroy(&b);
}

/* scx_buf_take hands the text out and leaves the buffer empty; an empty buffer gives "", never
 * NULL (what sc_run_report and friends promise on success); a failed one gives NULL and the
 * error, and frees its memory. */
static void test_buf_take(void **state)
{
    (void)state;
    sc_diag d;
    sc_diag_init(&d);
    scx_buf b;
    scx_buf_init(&b);
    char *out = (char *)"sentinel";
    size_t len = 99;
    assert_int_equal(scx_buf_take(&b, &out, &len, &d), SC_OK);
    assert_non_null(out);
    assert_string_equal(out, "");
    assert_int_equal(len, 0);
    sc_free(out);
    scx_buf_printf(&b, "%s %d", "value", 7);
    assert_int_equal(scx_buf_take(&b, &out, NULL, &d), SC_OK);
    assert_string_equal(out, "value 7");
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    sc_free(out);
    scx_buf_puts(&b, "partial");
    b.error = SC_ENOMEM; /* as after a failed growth */
    assert_int_equal(scx_buf_take(&b, &out, &len, &d), SC_ENOMEM);
    assert_null(out);
    assert_int_equal(len, 0);
    assert_int_equal(d.code, SC_ENOMEM);
    assert_null(b.data);
}

/* The test's own scratch directory (sc_test_tmp_make: under $TMPDIR or the build tree, never a
 * fixed path in /tmp): two builds running ctest at once never share a file. */
static int scratch_setup(void **state)
{
    (void)state;
    return sc_test_tmp_make("sc_import_") ? 0 : -1;
}

static int scratch_teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_tables), cmocka_unit_test(test_good_table),
        cmocka_unit_test(test_broken_tables),    cmocka_unit_test(test_write_atomic),
        cmocka_unit_test(test_read_limits),      cmocka_unit_test(test_buf_take),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
