/* SPDX-License-Identifier: MIT */
/*
 * Bounded memory, said in advance: relations are stored sparsely, so a 10,000-actor scenario
 * validates and gives its baseline in under 1 GB and 10 s of CPU; the dense stance table
 * (actors x issues) and the relations are capped from the memory budget, with located errors,
 * and a scenario at the caps fits the budget; the 9,999-row BDM table that ran out of memory
 * loads in a few megabytes; war statistics are streamed, so memory does not grow with --runs.
 *
 * Two measures, because `ulimit -v` cannot work under AddressSanitizer (its shadow memory
 * reserves terabytes of address space, so any limit fails at start-up):
 * - the peak resident memory of the command (ru_maxrss from wait4), in every build. Under ASan it
 *   counts the shadow and the allocator's redzones too (about 1.5x the program's own memory with
 *   the quarantine off, which the child gets: quarantine_size_mb=0), so a bound that holds under
 *   ASan holds with room to spare without it;
 * - in the gcc build also `ulimit -v` (address space: what an allocation of the old dense table
 *   would have hit at once, even untouched).
 */
#define _DEFAULT_SOURCE /* wait4 */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

/* 1 GB and 100 MB (10^9 and 10^8 bytes) in the KiB that ru_maxrss counts */
#define GB_KIB 976562L
#define HUNDRED_MB_KIB 97656L

/* What a command used: its CPU seconds (user + system) and its peak resident memory. */
static double last_cpu;
static long last_rss_kib;

/*
 * The commands run from a small helper process forked when the test starts: a child's peak
 * resident memory (ru_maxrss) starts from its parent's resident memory at fork(), and this
 * test's own grows to 160 MB (the scenarios and reports it writes and reads), which would hide
 * any figure below that. The helper reads a command line from a pipe, runs it with sh, and
 * writes back its wait status and rusage.
 */
static int spawn_req[2] = {-1, -1}, spawn_resp[2] = {-1, -1};
static pid_t spawner = -1;

typedef struct spawn_result {
    int status;
    struct rusage ru;
} spawn_result;

static int read_full(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return -1;
        }
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

static int write_full(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t r = write(fd, p, n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return -1;
        }
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

static void start_spawner(void)
{
    if (pipe(spawn_req) != 0 || pipe(spawn_resp) != 0) {
        abort();
    }
    fflush(NULL);
    spawner = fork();
    if (spawner < 0) {
        abort();
    }
    if (spawner > 0) {
        close(spawn_req[0]);
        close(spawn_resp[1]);
        return;
    }
    close(spawn_req[1]);
    close(spawn_resp[0]);
    char cmd[4096];
    size_t len;
    while (read_full(spawn_req[0], &len, sizeof len) == 0 && len < sizeof cmd &&
           read_full(spawn_req[0], cmd, len) == 0) {
        cmd[len] = '\0';
        spawn_result r;
        memset(&r, 0, sizeof r);
        pid_t pid = fork();
        if (pid == 0) {
            execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
            _exit(127);
        }
        while (pid > 0 && wait4(pid, &r.status, 0, &r.ru) < 0 && errno == EINTR) {
        }
        if (pid < 0) {
            r.status = 127 << 8;
        }
        if (write_full(spawn_resp[1], &r, sizeof r) != 0) {
            break;
        }
    }
    _exit(0);
}

static void stop_spawner(void)
{
    if (spawner > 0) {
        close(spawn_req[1]);
        close(spawn_resp[0]);
        waitpid(spawner, NULL, 0);
        spawner = -1;
    }
}

/* 1 GB and 100 MB (10^9 and 10^8 bytes) in the KiB that ru_maxrss counts */
#define GB_KIB 976562L
#define HUNDRED_MB_KIB 97656L

/* What the last command used: CPU seconds (user + system) and peak resident memory. */
static double last_cpu;
static long last_rss_kib;

/*
 * Runs "statecraft ARGS" (stdout to /dev/null, stderr into *err), in the gcc build under
 * `ulimit -v KB` (0: none; under ASan never, see the top), and records its CPU time and peak
 * resident memory in last_cpu and last_rss_kib. Returns the exit status.
 */
static int run_limited(long kb, double *cpu, char **err, const char *fmt, ...)
{
    char args[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    char limit[64] = "";
    if (kb > 0 && !SC_TEST_UNDER_ASAN) {
        snprintf(limit, sizeof limit, "ulimit -v %ld; ", kb);
    }
    /* under ASan, freed memory is not held back in the quarantine: resident memory is the
     * program's plus the shadow (the last setting of a flag wins) */
    const char *asan = SC_TEST_UNDER_ASAN
                           ? "export ASAN_OPTIONS=\"${ASAN_OPTIONS:-}:quarantine_size_mb=0\"; "
                           : "";
    char cmd[4096];
    size_t len = (size_t)snprintf(cmd, sizeof cmd, "%s%sexec '%s' %s > /dev/null 2> '%s'", limit,
                                  asan, SC_CLI_PATH, args, sc_test_tmp_path("err"));
    assert_true(len < sizeof cmd);
    spawn_result r;
    assert_int_equal(write_full(spawn_req[1], &len, sizeof len), 0);
    assert_int_equal(write_full(spawn_req[1], cmd, len), 0);
    assert_int_equal(read_full(spawn_resp[0], &r, sizeof r), 0);
    int st = r.status;
    last_cpu = (double)r.ru.ru_utime.tv_sec + 1e-6 * (double)r.ru.ru_utime.tv_usec +
               (double)r.ru.ru_stime.tv_sec + 1e-6 * (double)r.ru.ru_stime.tv_usec;
    last_rss_kib = r.ru.ru_maxrss;
    if (cpu) {
        *cpu = last_cpu;
    }
    if (err) {
        *err = sc_test_slurp(sc_test_tmp_path("err"), NULL);
    }
    print_message("  statecraft %.80s: exit %d, %.2f s CPU, peak RSS %.1f MB\n", args,
                  WIFEXITED(st) ? WEXITSTATUS(st) : -1, last_cpu,
                  (double)last_rss_kib * 1024 / 1e6);
    return !WIFEXITED(st) ? 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0) : WEXITSTATUS(st);
}

/* The CPU bound of the 10,000-actor target: 10 s, or 30 s under the sanitizers, whose checks
 * make every access several times slower (measured: 1.2 s gcc -> 5.7 s ASan for the baseline). */
static double cpu_bound(void)
{
    return SC_TEST_UNDER_ASAN ? 30 : 10;
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
    assert_non_null(sc_test_tmp_make("sc_mem"));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

static void test_ten_thousand_actors(void **state)
{
    (void)state;
    const char *f = sc_test_tmp_path("ten_thousand.yaml");
    write_scenario(f, 10000, 5, 1, 20000);
    double cpu = 0;
    char *err = NULL;
    /* a dense table took 23.6 GB here: now under 1 GB of address space and 10 s of CPU */
    int rc = run_limited(1000000, &cpu, &err, "validate %s", f);
    if (rc != 0) {
        fail_msg("validate: exit %d\n%s", rc, err);
    }
    free(err);
    assert_true(cpu < cpu_bound());
    assert_true(last_rss_kib < GB_KIB);
    rc = run_limited(1000000, &cpu, &err, "run %s --only baseline --format json -o %s", f,
                     sc_test_tmp_path("report.json"));
    if (rc != 0) {
        fail_msg("run: exit %d\n%s", rc, err);
    }
    free(err);
    assert_true(cpu < cpu_bound());
    assert_true(last_rss_kib < GB_KIB);
    json_error_t je;
    json_t *doc = json_load_file(sc_test_tmp_path("report.json"), 0, &je);
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
    const char *over = sc_test_tmp_path("over.yaml");
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
    const char *at = sc_test_tmp_path("at.yaml");
    write_scenario(at, 10000, 78, 500, 20000);
    int rc = run_limited(2200000, NULL, &err, "run %s --only baseline --format json -o %s", at,
                         sc_test_tmp_path("at.json"));
    if (rc != 0) {
        fail_msg("run at the cap: exit %d\n%s", rc, err);
    }
    free(err);
}

static void test_relations_cap(void **state)
{
    (void)state;
    /* 64 MiB / 8 copies / per-relation bytes: fewer relations than this file gives */
    const char *f = sc_test_tmp_path("relations.yaml");
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
    const char *f = sc_test_tmp_path("rows.csv");
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

/*
 * `war --runs N` keeps its statistics streamed: 3 million runs stay under 100 MB resident (and,
 * in the gcc build, of address space), and take no more memory than 30,000 runs. Per-run arrays
 * of 43 bytes, as before, added 129 MB. (`war --runs 100000000` itself is the slow test
 * war_runs_1e8_memory of the gcc build.)
 */
static void test_war_runs_memory(void **state)
{
    (void)state;
    char *err = NULL;
    int rc = run_limited(100000, NULL, &err,
                         "war --no-scenario --horizon 1 --runs 30000 --threads 2 --format json");
    if (rc != 0) {
        fail_msg("war --runs 30000: exit %d\n%s", rc, err);
    }
    free(err);
    long few = last_rss_kib;
    rc = run_limited(100000, NULL, &err,
                     "war --no-scenario --horizon 1 --runs 3000000 --threads 2 --format json");
    if (rc != 0) {
        fail_msg("war --runs 3000000: exit %d\n%s", rc, err);
    }
    free(err);
    assert_true(last_rss_kib < HUNDRED_MB_KIB);
    if (last_rss_kib - few > 8192) {
        fail_msg("3,000,000 runs took %ld KiB more than 30,000", last_rss_kib - few);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ten_thousand_actors),
        cmocka_unit_test(test_stance_cells_cap),
        cmocka_unit_test(test_relations_cap),
        cmocka_unit_test(test_large_bdm_table),
        cmocka_unit_test(test_war_runs_memory),
    };
    start_spawner(); /* first, while this process is small */
    int failed = cmocka_run_group_tests(tests, setup, teardown);
    stop_spawner();
    return failed;
}
