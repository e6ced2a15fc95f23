/* SPDX-License-Identifier: MIT */
/*
 * The inputs of shared/reference/reliability (found by fuzzing and by hand; each crashed, aborted,
 * exhausted memory or printed invalid output with exit 0) with the exact outcome each must have
 * now: a located error with the right position and message and exit 2, or the correct answer.
 */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <jansson.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REL "reference/reliability/"

typedef struct run_result {
    int status; /* exit status, or 128 + signal */
    char *out, *err;
    double seconds; /* CPU time of the command */
} run_result;

/* CPU seconds (user + system) of the children waited for so far: unlike wall time, this does
 * not grow when a loaded machine or the sanitizer build slows the command down around it. */
static double children_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           1e-6 * (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

/*
 * Runs "statecraft ARGS" through sh, optionally under `ulimit -v KB` (0: none; ignored under
 * ASan, whose shadow memory needs terabytes of address space).
 */
static run_result run(long ulimit_kb, const char *fmt, ...)
{
    char args[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    char outp[200], errp[200];
    snprintf(outp, sizeof outp, "%s", sc_test_tmp_path("sc_rel_outXXXXXX"));
    snprintf(errp, sizeof errp, "%s", sc_test_tmp_path("sc_rel_errXXXXXX"));
    int fo = mkstemp(outp), fe = mkstemp(errp);
    assert_true(fo >= 0 && fe >= 0);
    close(fo);
    close(fe);
    char limit[64] = "";
    if (ulimit_kb > 0 && !SC_TEST_UNDER_ASAN) {
        snprintf(limit, sizeof limit, "ulimit -v %ld; ", ulimit_kb);
    }
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "%sexec '%s' %s >%s 2>%s </dev/null", limit, SC_CLI_PATH, args,
             outp, errp);
    run_result r;
    double t0 = children_cpu();
    int st = system(cmd);
    r.seconds = children_cpu() - t0;
    r.out = sc_test_slurp(outp, NULL);
    r.err = sc_test_slurp(errp, NULL);
    unlink(outp);
    unlink(errp);
    assert_true(st != -1);
    /* sh reports a child killed by signal S as exit status 128 + S */
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return r;
}

static void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

/* The error report starts with exactly "PATH:LINE:COL: error: MESSAGE" (MESSAGE a prefix). */
static void expect_located(const run_result *r, const char *path, int line, int col,
                           const char *message)
{
    char want[4096];
    snprintf(want, sizeof want, "%s:%d:%d: error: %s", path, line, col, message);
    if (strncmp(r->err, want, strlen(want)) != 0) {
        fail_msg("expected the report to start with\n%s\ngot (exit %d)\n%s", want, r->status,
                 r->err);
    }
    /* then the source line and a caret line */
    const char *l2 = strchr(r->err, '\n');
    assert_non_null(l2);
    char num[32];
    snprintf(num, sizeof num, "\n%5d | ", line);
    assert_true(strncmp(l2, num, strlen(num)) == 0);
    assert_non_null(strstr(l2, "\n      | "));
}

static char *temp_dir(void)
{
    static char tmpl[200];
    snprintf(tmpl, sizeof tmpl, "%s", sc_test_tmp_path("sc_relXXXXXX"));
    assert_non_null(mkdtemp(tmpl));
    return tmpl;
}

static void remove_tree(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* ---- YAML: the libfyaml crash ---------------------------------------------------------------- */

static void yaml_case(const char *name, int line, int col)
{
    const char *path = sc_test_shared(REL);
    char file[4096];
    snprintf(file, sizeof file, "%s%s", path, name);
    /* every command that reads a scenario */
    static const char *const commands[] = {"validate", "show", "run", "war", "triangle",
                                           "landscape"};
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        run_result r = run(0, "%s '%s'", commands[i], file);
        if (r.status != 2) {
            fail_msg("%s %s: exit %d, expected 2\n%s", commands[i], name, r.status, r.err);
        }
        assert_string_equal(r.out, "");
        expect_located(&r, file, line, col, "invalid multiline plain key");
        run_free(&r);
    }
}

static void test_yaml_tab_indent_crash(void **state)
{
    (void)state;
    yaml_case("scenario_tab_indent_crash.yaml", 1, 42);
}

static void test_yaml_fuzz_inputs(void **state)
{
    (void)state;
    yaml_case("scenario_fuzz_04582455.yaml", 23, 143);
    yaml_case("scenario_fuzz_2ff36174.yaml", 23, 117);
    yaml_case("scenario_fuzz_a404921c.yaml", 23, 128);
}

/* ---- .nfg: round trip and exponent caps ----------------------------------------------------- */

static void test_nfg_roundtrip_1e600(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char src[4096];
    snprintf(src, sizeof src, "%s", sc_test_shared(REL "nfg_roundtrip_1e600.nfg"));
    run_result a = run(0, "game convert '%s' -o %s/c.nfg", src, dir);
    assert_int_equal(a.status, 0);
    run_free(&a);
    /* what statecraft wrote, statecraft reads, with the same equilibria as the original */
    run_result s1 = run(0, "solve '%s'", src), s2 = run(0, "solve %s/c.nfg", dir);
    assert_int_equal(s1.status, 0);
    assert_int_equal(s2.status, 0);
    assert_string_equal(s1.out, s2.out);
    assert_non_null(strstr(s1.out, "NE,"));
    run_free(&s1);
    run_free(&s2);
    /* and the 601-digit payoff survives: convert twice is the identity */
    run_result b = run(0, "game convert %s/c.nfg -o %s/c2.nfg", dir, dir);
    run_result c = run(0, "game convert %s/c2.nfg -o %s/c3.nfg", dir, dir);
    assert_int_equal(b.status, 0);
    assert_int_equal(c.status, 0);
    char p1[4200], p3[4200];
    snprintf(p1, sizeof p1, "%s/c.nfg", dir);
    snprintf(p3, sizeof p3, "%s/c3.nfg", dir);
    char *t1 = sc_test_slurp(p1, NULL), *t3 = sc_test_slurp(p3, NULL);
    assert_string_equal(t1, t3);
    char big[602];
    big[0] = '1';
    memset(big + 1, '0', 600);
    big[601] = '\0';
    assert_non_null(strstr(t1, big));
    free(t1);
    free(t3);
    run_free(&b);
    run_free(&c);
    remove_tree(dir);
}

static void test_nfg_huge_exponents(void **state)
{
    (void)state;
    const char *src = sc_test_shared(REL "nfg_exponents_100x100.nfg");
    /* was 47 s and 0.96 GB, then a GMP abort under 400 MB: now refused at the first payoff */
    run_result r = run(400000, "solve '%s'", src);
    assert_int_equal(r.status, 2);
    expect_located(&r, src, 3, 1, "exponent beyond -1000..+1000");
    assert_true(r.seconds < 5);
    run_free(&r);
}

/* ---- CSV readers: invalid UTF-8 ---------------------------------------------------------------- */

static void test_csv_invalid_utf8(void **state)
{
    (void)state;
    char file[4096];
    snprintf(file, sizeof file, "%s", sc_test_shared(REL "bdm_invalid_utf8.csv"));
    run_result r = run(0, "forecast --model eum '%s' --format json", file);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.out, "");
    expect_located(&r, file, 3, 2, "invalid UTF-8 byte 0xFF");
    run_free(&r);

    snprintf(file, sizeof file, "%s", sc_test_shared(REL "ktab_invalid_utf8.csv"));
    r = run(0, "forecast --model smp '%s' --format json", file);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.out, "");
    expect_located(&r, file, 3, 2, "invalid UTF-8 byte 0xFF");
    run_free(&r);

    char prop[4096];
    snprintf(file, sizeof file, "%s", sc_test_shared(REL "landscape_sizes_invalid_utf8.csv"));
    snprintf(prop, sizeof prop, "%s", sc_test_shared(REL "landscape_propensity_bom_crlf.csv"));
    r = run(0, "landscape '%s' '%s' --format json", file, prop);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.out, "");
    expect_located(&r, file, 2, 2, "invalid UTF-8 byte 0xFF");
    run_free(&r);
}

/* The propensity matrix with a byte order mark and CRLF line ends means what the plain one does. */
static void test_landscape_bom_crlf(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char sizes[256], plain[256];
    snprintf(sizes, sizeof sizes, "%s/sizes.csv", dir);
    snprintf(plain, sizeof plain, "%s/plain.csv", dir);
    FILE *fp = fopen(sizes, "w");
    assert_non_null(fp);
    fputs("actor,size\nA,1\nB,2\nC,3\n", fp); /* the reliability table with the bad byte gone */
    fclose(fp);
    size_t n = 0;
    char *bom = sc_test_slurp(sc_test_shared(REL "landscape_propensity_bom_crlf.csv"), &n);
    assert_non_null(bom);
    assert_true(n > 3 && (unsigned char)bom[0] == 0xEF);
    fp = fopen(plain, "w");
    assert_non_null(fp);
    for (size_t i = 3; i < n; i++) {
        if (bom[i] != '\r') {
            fputc(bom[i], fp);
        }
    }
    fclose(fp);
    free(bom);
    run_result a = run(0, "landscape %s '%s' --format json", sizes,
                       sc_test_shared(REL "landscape_propensity_bom_crlf.csv"));
    run_result b = run(0, "landscape %s %s --format json", sizes, plain);
    assert_int_equal(a.status, 0);
    assert_int_equal(b.status, 0);
    assert_string_equal(a.out, b.out);
    json_error_t je;
    json_t *doc = json_loads(a.out, JSON_REJECT_DUPLICATES, &je);
    assert_non_null(doc);
    assert_int_equal(json_integer_value(json_object_get(doc, "actors")), 3);
    json_decref(doc);
    run_free(&a);
    run_free(&b);
    remove_tree(dir);
}

/* --max-memory (anywhere on the line) and STATECRAFT_MAX_MEMORY set the budget the limits use. */
static void test_max_memory_option(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char game[256];
    snprintf(game, sizeof game, "%s/g.nfg", dir);
    FILE *fp = fopen(game, "w");
    assert_non_null(fp);
    /* 1000 x 1000 profiles x 2 players = 2e6 payoffs: over a 128M budget (524,288), within 2G */
    fputs("NFG 1 R \"g\" { \"A\" \"B\" } { 1000 1000 }\n{ { \"\" 1, 2 } }\n", fp);
    for (int c = 0; c < 1000 * 1000; c++) {
        fputs("1 ", fp);
    }
    fclose(fp);
    run_result r = run(0, "game convert %s -o %s/out.nfg", game, dir);
    assert_int_equal(r.status, 0);
    run_free(&r);
    r = run(0, "game convert --max-memory 128M %s -o %s/out.nfg", game, dir);
    assert_int_equal(r.status, 2);
    expect_located(&r, game, 1, 25, "the game has 1000000 profiles x 2 players");
    assert_non_null(strstr(r.err, "memory budget of 128 MiB"));
    run_free(&r);
    r = run(0, "--max-memory=128M game convert %s -o %s/out.nfg", game, dir);
    assert_int_equal(r.status, 2);
    run_free(&r);
    char args[600];
    snprintf(args, sizeof args, "game convert %s -o %s/out.nfg", game, dir);
    r = run(0, "%s --max-memory 1x", args);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--max-memory expects a memory size"));
    run_free(&r);
    r = run(0, "%s --max-memory 10M", args);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--max-memory must be at least 64M"));
    run_free(&r);
    setenv("STATECRAFT_MAX_MEMORY", "128M", 1);
    r = run(0, "%s", args);
    assert_int_equal(r.status, 2);
    run_free(&r);
    r = run(0, "%s --max-memory 1G", args); /* the option wins */
    assert_int_equal(r.status, 0);
    run_free(&r);
    setenv("STATECRAFT_MAX_MEMORY", "lots", 1);
    r = run(0, "%s", args);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "STATECRAFT_MAX_MEMORY expects"));
    run_free(&r);
    unsetenv("STATECRAFT_MAX_MEMORY");
    /* ~200 MB of payoffs under a 120 MB address-space limit and a budget above it: memory runs
       out inside GNU MP, which is an error (exit 1) with the location, not an abort */
    r = run(120000, "--max-memory 4G game convert %s -o %s/out.nfg", game, dir);
    if (!SC_TEST_UNDER_ASAN) {
        assert_int_equal(r.status, 1);
        assert_non_null(strstr(r.err, "error: out of memory"));
        assert_true(strncmp(r.err, game, strlen(game)) == 0);
    }
    run_free(&r);
    remove_tree(dir);
}

/* The test's own scratch directory (sc_test_tmp_make: under $TMPDIR or the build tree, never a
 * fixed path in /tmp): two builds running ctest at once never share a file. */
static int scratch_setup(void **state)
{
    (void)state;
    return sc_test_tmp_make("sc_rel_") ? 0 : -1;
}

static int scratch_teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yaml_tab_indent_crash), cmocka_unit_test(test_yaml_fuzz_inputs),
        cmocka_unit_test(test_nfg_roundtrip_1e600),   cmocka_unit_test(test_nfg_huge_exponents),
        cmocka_unit_test(test_csv_invalid_utf8),      cmocka_unit_test(test_landscape_bom_crlf),
        cmocka_unit_test(test_max_memory_option),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
