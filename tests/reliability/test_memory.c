/* SPDX-License-Identifier: MIT */
/*
 * Bounded memory, said in advance: relations are stored sparsely, so a 10,000-actor scenario
 * validates and gives its baseline in under 1 GB (ulimit -v) and 10 s of CPU; the dense stance
 * table (actors x issues) and the relations are capped from the memory budget, with located
 * errors, and a scenario at the caps fits the budget; the 9,999-row BDM table that ran out of
 * memory loads in a few megabytes.
 */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <jansson.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define SC_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SC_UNDER_ASAN 1
#endif
#endif
#ifndef SC_UNDER_ASAN
#define SC_UNDER_ASAN 0
#endif

static char dir[64];

static char *in_dir(const char *name)
{
    static char buf[16][512];
    static int k;
    k = (k + 1) % 16;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static double child_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
           (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
}

/*
 * Runs "statecraft ARGS" under `ulimit -v KB` (not under ASan, whose shadow needs terabytes of
 * address space), stderr into *err; returns the exit status and the CPU seconds it used.
 */
static int run_limited(long kb, double *cpu, char **err, const char *fmt, ...)
{
    char args[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    char limit[64] = "";
    if (kb > 0 && !SC_UNDER_ASAN) {
        snprintf(limit, sizeof limit, "ulimit -v %ld; ", kb);
    }
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%sexec '%s' %s > /dev/null 2> '%s'", limit, SC_CLI_PATH, args,
             in_dir("err"));
    double t0 = child_cpu();
    int st = system(cmd);
    if (cpu) {
        *cpu = child_cpu() - t0;
    }
    if (err) {
        *err = sc_test_slurp(in_dir("err"), NULL);
    }
    return st == -1 || !WIFEXITED(st) ? 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0)
                                      : WEXITSTATUS(st);
}

/* A deterministic pseudo-random sequence (the test must not depend on the library's). */
static unsigned long long lcg = 88172645463325252ULL;
static unsigned long long next_rand(void)
{
    lcg ^= lcg << 13;
    lcg ^= lcg >> 7;
    lcg ^= lcg << 17;
    return lcg;
}

/*
 * Writes a scenario of n actors and m issues, stances for every `step`-th actor on each issue,
 * `rel` distinct random relations, three events and a variant (so validation and the report
 * make copies).
 */
static void write_scenario(const char *path, size_t n, size_t m, size_t step, size_t rel)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp, "statecraft: 1\nmetadata: {title: Many actors, date: 2025-01-01}\nactors:\n");
    for (size_t i = 0; i < n; i++) {
        fprintf(fp, "  - {id: A%zu, name: Actor %zu, capability: %.3f}\n", i, i,
                0.1 + (double)(next_rand() % 10000) / 1000.0);
    }
    fprintf(fp, "issues:\n");
    for (size_t j = 0; j < m; j++) {
        fprintf(fp, "  - {id: i%zu, title: Issue %zu, scale: [0, 100]}\n", j, j);
    }
    fprintf(fp, "stances:\n");
    for (size_t j = 0; j < m; j++) {
        fprintf(fp, "  i%zu:\n", j);
        for (size_t i = 0; i < n; i += step) {
            fprintf(fp, "    A%zu: {position: %.1f, salience: %.2f}\n", i,
                    (double)(next_rand() % 1000) / 10.0, 0.1 + (double)(next_rand() % 90) / 100);
        }
    }
    fprintf(fp, "relations:\n");
    /* distinct dyads: a walk over (a, a + d) with d growing, no repeats */
    size_t written = 0;
    for (size_t d = 1; written < rel && d < n; d++) {
        for (size_t a = 0; written < rel && a + d < n; a += 1 + next_rand() % 3) {
            fprintf(fp, "  - {pair: [A%zu, A%zu], amity: %.2f}\n", a, a + d,
                    -1.0 + (double)(next_rand() % 200) / 100.0);
            written++;
        }
    }
    fprintf(fp, "events:\n");
    for (int e = 0; e < 3; e++) {
        fprintf(fp,
                "  - {id: e%d, date: 2025-0%d-01, what: event %d, shifts: "
                "[{target: relation.A%d.A%d.amity, set: 0.5}, {target: stance.i0.A0.position, "
                "add: 1}]}\n",
                e, e + 2, e, e, e + 7);
    }
    fprintf(fp, "variants:\n  - {name: v, description: a variant, shifts: "
                "[{target: actor.A0.capability, set: 2}]}\n");
    fclose(fp);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/sc_memXXXXXX");
    assert_non_null(mkdtemp(dir));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_ten_thousand_actors(void **state)
{
    (void)state;
    const char *f = in_dir("ten_thousand.yaml");
    write_scenario(f, 10000, 5, 1, 20000);
    double cpu = 0;
    char *err = NULL;
    /* a dense table took 23.6 GB here: now under 1 GB of address space and 10 s of CPU */
    int rc = run_limited(1000000, &cpu, &err, "validate %s", f);
    if (rc != 0) {
        fail_msg("validate: exit %d\n%s", rc, err);
    }
    free(err);
    if (!SC_UNDER_ASAN) {
        assert_true(cpu < 10);
    }
    rc = run_limited(1000000, &cpu, &err, "run %s --only baseline --format json -o %s", f,
                     in_dir("report.json"));
    if (rc != 0) {
        fail_msg("run: exit %d\n%s", rc, err);
    }
    free(err);
    if (!SC_UNDER_ASAN) {
        assert_true(cpu < 10);
    }
    json_error_t je;
    json_t *doc = json_load_file(in_dir("report.json"), 0, &je);
    assert_non_null(doc);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "scenario"),
                                                        "actors")),
                     10000);
    /* the baseline of every issue, before and after the events and under the variant */
    json_t *base = json_object_get(json_object_get(doc, "models"), "baseline");
    assert_non_null(json_object_get(base, "before_events"));
    assert_non_null(json_object_get(base, "after_events"));
    assert_non_null(json_object_get(json_object_get(base, "variants"), "v"));
    json_decref(doc);
}

static void test_stance_cells_cap(void **state)
{
    (void)state;
    /* 2 GiB / 8 copies / 344 bytes = 780,335 cells: 10,000 actors x 78 issues pass, x 79 not */
    const char *over = in_dir("over.yaml");
    write_scenario(over, 10000, 79, 500, 100);
    char *err = NULL;
    assert_int_equal(run_limited(0, NULL, &err, "validate %s", over), 2);
    char want[600];
    snprintf(want, sizeof want,
             "%s:10005:3: error: 10000 actors x 79 issues = 790000 stance cells, more than the "
             "780335 that fit the memory budget of 2048 MiB",
             over);
    if (strncmp(err, want, strlen(want)) != 0) {
        fail_msg("expected\n%s\ngot\n%s", want, err);
    }
    free(err);
    assert_int_equal(run_limited(0, NULL, NULL, "validate %s --max-memory 4G", over), 0);
    /* at the cap, the scenario and its report fit the 2 GiB budget (address space 2.2 GB) */
    const char *at = in_dir("at.yaml");
    write_scenario(at, 10000, 78, 500, 20000);
    int rc = run_limited(2200000, NULL, &err, "run %s --only baseline --format json -o %s", at,
                         in_dir("at.json"));
    if (rc != 0) {
        fail_msg("run at the cap: exit %d\n%s", rc, err);
    }
    free(err);
}

static void test_relations_cap(void **state)
{
    (void)state;
    /* 64 MiB / 8 copies / per-relation bytes: fewer relations than this file gives */
    const char *f = in_dir("relations.yaml");
    write_scenario(f, 500, 1, 1, 50000);
    char *err = NULL;
    assert_int_equal(run_limited(0, NULL, &err, "validate --max-memory 64M %s", f), 2);
    assert_non_null(strstr(err, "50000 relations, more than the"));
    assert_non_null(strstr(err, "memory budget of 64 MiB"));
    free(err);
    assert_int_equal(run_limited(0, NULL, NULL, "validate %s", f), 0);
}

static void test_large_bdm_table(void **state)
{
    (void)state;
    /* 9,999 rows ended in "out of memory" without a location (a dense 9,999^2 table) */
    const char *f = in_dir("rows.csv");
    FILE *fp = fopen(f, "w");
    assert_non_null(fp);
    fputs("Actor,Capability,Position,Salience\n", fp);
    for (int i = 0; i < 9999; i++) {
        fprintf(fp, "A%d,%.2f,%.1f,%d\n", i, 1 + (double)(next_rand() % 900) / 100.0,
                (double)(next_rand() % 1000) / 10.0, 10 + (int)(next_rand() % 90));
    }
    fclose(fp);
    char *err = NULL;
    int rc = run_limited(300000, NULL, &err, "validate %s", f);
    if (rc != 0) {
        fail_msg("exit %d\n%s", rc, err);
    }
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ten_thousand_actors),
        cmocka_unit_test(test_stance_cells_cap),
        cmocka_unit_test(test_relations_cap),
        cmocka_unit_test(test_large_bdm_table),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
