/* SPDX-License-Identifier: MIT */
/*
 * Interrupts and progress (issue 19 item 7), with real signals: SIGINT or SIGTERM during a long
 * computation stops it, prints what was found so far marked partial, exits 130 (143), and leaves
 * the file at -o as it was; the progress line goes to standard error only when it is a terminal
 * (checked on a pseudo-terminal).
 */
#define _GNU_SOURCE
#include "sc_test.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* argv[0] is replaced by the program; stdout and stderr go to the files. */
static pid_t spawn(const char **argv, const char *out, const char *err)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fi = open("/dev/null", O_RDONLY);
        if (fo < 0 || fe < 0 || fi < 0) {
            _exit(99);
        }
        dup2(fi, 0);
        dup2(fo, 1);
        dup2(fe, 2);
        /* the test may run in a shell's background job, where SIGINT is ignored */
        signal(SIGINT, SIG_DFL);
        char *args[32];
        size_t n = 0;
        args[n++] = strdup(SC_CLI_PATH);
        for (size_t i = 1; argv[i] && n < 31; i++) {
            args[n++] = strdup(argv[i]);
        }
        args[n] = NULL;
        execv(SC_CLI_PATH, args);
        _exit(98);
    }
    return pid;
}
/* 1 once pid catches sig (its handler is installed: /proc/PID/status SigCgt), within 120 s. */
static int catches(pid_t pid, int sig)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    double t0 = now();
    while (now() - t0 < 120) {
        FILE *f = fopen(path, "r");
        unsigned long long mask = 0;
        while (f && fgets(line, sizeof line, f)) {
            if (strncmp(line, "SigCgt:", 7) == 0) {
                mask = strtoull(line + 7, NULL, 16);
            }
        }
        if (f) {
            fclose(f);
        }
        if (mask & (1ULL << (sig - 1))) {
            return 1;
        }
        usleep(20000);
    }
    return 0;
}


static char *tmp_path(const char *name)
{
    static char buf[4][512];
    static int k;
    char *b = buf[k++ % 4];
    snprintf(b, 512, "%s/interrupt_%s", SC_BINARY_DIR, name);
    return b;
}
/* CPU seconds pid has used so far (/proc/PID/stat utime + stime), or -1. */
static double cpu_of(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) {
        return -1;
    }
    char buf[1024];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')'); /* the command name may hold spaces */
    unsigned long long ut = 0, st = 0;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2) {
        return -1;
    }
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* When to send the signal: once the command has installed its handler, and then after `after`
 * seconds (wall), or once it has used `at_cpu` seconds of CPU (its computation is under way:
 * CPU time, not wall time, since the machine may be loaded), or once the file `exists` exists
 * (a checkpoint: what it has to report is merged). */
typedef struct when {
    double after, at_cpu;
    const char *exists;
} when;

/* What an interrupted command did. */
typedef struct outcome {
    int status;           /* its wait status */
    char *out, *err;      /* its standard output and standard error */
    double cpu_at_signal; /* its CPU seconds when it was signalled (-1: unknown) */
    double cpu;           /* its CPU seconds (user + system) at its end */
} outcome;

/* Sends sig to pid as `w` says; fails (killing it) if it never installs its handler, ends
 * first or takes more than 600 s to get there. */
static void send_when(pid_t pid, int sig, when w)
{
    /* a loaded machine or the sanitizers may take seconds to load the input: a signal before
     * the handler would end it the default way */
    if (!catches(pid, sig)) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        fail_msg("the command never installed its handler of signal %d", sig);
    }
    double t0 = now();
    for (;;) {
        struct stat sb;
        double c = cpu_of(pid);
        if (c < 0 || waitpid(pid, NULL, WNOHANG) == pid) {
            fail_msg("the command ended before the signal (%.1f s of CPU)", c);
        }
        if (w.exists ? stat(w.exists, &sb) == 0
                     : w.at_cpu > 0 ? c >= w.at_cpu : now() - t0 >= w.after) {
            break;
        }
        if (now() - t0 > 600) {
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            fail_msg("not ready for the signal within 600 s (%.1f s of CPU)", c);
        }
        usleep(20000);
    }
    assert_int_equal(kill(pid, sig), 0);
}

/* Waits for pid (up to `limit` seconds; then kills it and fails); returns its wait status and,
 * if cpu is not NULL, its CPU seconds (user + system, from wait4). */
static int reap(pid_t pid, double limit, double *cpu)
{
    double t0 = now();
    int st = 0;
    struct rusage ru;
    for (;;) {
        pid_t r = wait4(pid, &st, WNOHANG, &ru);
        if (r == pid) {
            if (cpu) {
                *cpu = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
                       (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
            }
            return st;
        }
        if (now() - t0 > limit) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            fail_msg("the command did not stop within %.0f s of the signal", limit);
        }
        usleep(20000);
    }
}

/* Runs `statecraft argv[1..]` (stdout and stderr to files named after tag), sends it sig as `w`
 * says (sig 0: none) and waits up to `limit` s for its end. */
static void run_interrupted(const char **argv, const char *tag, int sig, when w, double limit,
                            outcome *r)
{
    char po[512], pe[512]; /* not tmp_path's buffers, which the caller's paths may hold */
    snprintf(po, sizeof po, "%s/interrupt_%s.out", SC_BINARY_DIR, tag);
    snprintf(pe, sizeof pe, "%s/interrupt_%s.err", SC_BINARY_DIR, tag);
    pid_t pid = spawn(argv, po, pe);
    r->cpu_at_signal = -1;
    if (sig) {
        send_when(pid, sig, w);
        r->cpu_at_signal = cpu_of(pid);
    }
    r->status = reap(pid, limit, &r->cpu);
    r->out = sc_test_slurp(po, NULL);
    r->err = sc_test_slurp(pe, NULL);
    assert_true(r->out && r->err);
    unlink(po);
    unlink(pe);
}

static void outcome_free(outcome *r)
{
    free(r->out);
    free(r->err);
}

/* 1 if the command exited with `code`. */
static int exited(const outcome *r, int code)
{
    return WIFEXITED(r->status) && WEXITSTATUS(r->status) == code;
}

/* It stopped within a CPU second of the signal (the promise of the product's build). Under the
 * sanitizers the same work takes 20-45x the CPU (an EUM round of 2,000 actors, the unwinding and
 * freeing after the stop), so they get 5 s: the fresh-clone CI's ASan run measured 1.06 s after
 * the signal in test_forecast_eum_run_sigint, against 1 s. The project's CI once measured 5.73 s
 * in test_forecast_bargaining_inner_sigint, when the EUM looked at the flag only between rounds
 * (2,000 actors: about 2 s of CPU a round under ASan, on each of two workers); it now looks
 * before each pass of a round, and the same stop takes 0.2-0.75 s there (measured). */
static void assert_prompt(const outcome *r)
{
    const double allowed = SC_TEST_UNDER_ASAN ? 5.0 : 1.0;
    if (r->cpu_at_signal >= 0 && r->cpu - r->cpu_at_signal > allowed) {
        fail_msg("%.2f s of CPU after the signal (%.2f s before it)", r->cpu - r->cpu_at_signal,
                 r->cpu_at_signal);
    }
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Gives the -o file `path` old contents, which an interrupted run must leave as they are. */
static void old_contents(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("old contents\n", f);
    fclose(f);
}

/* A landscape of 40 actors (sizes 1..7, symmetric propensities -4..4: 2^39 two-bloc
 * configurations), written to tmp_path(TAG "sizes.csv") and tmp_path(TAG "prop.csv"), whose
 * paths go to sizes and prop (600 bytes each). */
static void landscape_40(const char *tag, char *sizes, char *prop)
{
    char name[64];
    snprintf(name, sizeof name, "%ssizes.csv", tag);
    snprintf(sizes, 600, "%s", tmp_path(name));
    snprintf(name, sizeof name, "%sprop.csv", tag);
    snprintf(prop, 600, "%s", tmp_path(name));
    FILE *f = fopen(sizes, "w");
    assert_non_null(f);
    fputs("actor,size\n", f);
    for (int i = 0; i < 40; i++) {
        fprintf(f, "A%02d,%d\n", i, 1 + i % 7);
    }
    fclose(f);
    f = fopen(prop, "w");
    assert_non_null(f);
    for (int j = 0; j < 40; j++) {
        fprintf(f, ",A%02d", j);
    }
    fputc('\n', f);
    for (int i = 0; i < 40; i++) {
        fprintf(f, "A%02d", i);
        for (int j = 0; j < 40; j++) {
            if (i == j) {
                fputs(",", f);
            } else {
                fprintf(f, ",%d", ((i + j) * 7 + i * j) % 9 - 4); /* symmetric, -4..4 */
            }
        }
        fputc('\n', f);
    }
    fclose(f);
}

/* war --runs 1e8 (minutes of CPU): SIGINT after a second; the -o file keeps its old bytes. */
static void test_war_sigint(void **state)
{
    (void)state;
    const char *o = tmp_path("war.txt");
    old_contents(o);
    const char *argv[] = {NULL, "war", "--runs", "100000000", "--threads", "2", "-o", o, NULL};
    outcome r;
    run_interrupted(argv, "war", SIGINT, (when){.after = 2.5}, 120, &r); /* progress drawn */
    char *kept = sc_test_slurp(o, NULL);
    if (!exited(&r, 130) || !strstr(r.out, "PARTIAL RESULTS") ||
        !strstr(r.out, "P(ceasefire within 52 battles)") ||
        !strstr(r.err, "interrupted by SIGINT") || strcmp(kept, "old contents\n") != 0 ||
        strchr(r.err, '\r')) {
        fail_msg("status %d, stdout:\n%s\nstderr:\n%s\n-o file: %s", r.status, r.out, r.err,
                 kept);
    }
    free(kept);
    outcome_free(&r);
    unlink(o);
}

/* SIGTERM: exit 143; the JSON says partial and how many runs were done. */
static void test_war_sigterm_json(void **state)
{
    (void)state;
    const char *o = tmp_path("war.json");
    unlink(o);
    const char *argv[] = {NULL, "war", "--levers", "--runs", "100000000", "--format", "json",
                          "-o", o, NULL};
    outcome r;
    run_interrupted(argv, "warj", SIGTERM, (when){.after = 1.0}, 120, &r);
    json_error_t je;
    json_t *doc = json_loads(r.out, 0, &je);
    if (!exited(&r, 143) || !doc || !json_is_true(json_object_get(doc, "partial")) ||
        exists(o)) {
        fail_msg("status %d, stdout:\n%s\nstderr:\n%s", r.status, r.out, r.err);
    }
    json_int_t done = json_integer_value(json_object_get(doc, "runs_done"));
    assert_true(done > 0 && done < 600000000);
    /* the rows not started are left out; the first is there with its runs */
    json_t *none = json_object_get(json_object_get(doc, "levers"), "none");
    assert_non_null(none);
    assert_true(json_is_number(json_object_get(none, "p_ceasefire_52")));
    json_decref(doc);
    outcome_free(&r);
}

/* enummixed on a game with thousands of equilibria: the ones found are printed (Gambit's lines). */
static void test_solve_sigint(void **state)
{
    (void)state;
    const char *game = sc_test_shared("reference/gambit/games/artist2_efg.nfg");
    if (access(game, R_OK) != 0) {
        skip();
    }
    const char *o = tmp_path("eq.txt");
    unlink(o);
    const char *argv[] = {NULL, "gambit-enummixed", "-o", o, game, NULL};
    outcome r;
    run_interrupted(argv, "eq", SIGINT, (when){.after = 3.0}, 60, &r);
    if (!exited(&r, 130) || strncmp(r.out, "NE,", 3) != 0 || !strstr(r.err, "equilibri") ||
        !strstr(r.err, "not written") || exists(o) ||
        strstr(r.err, "equilibria found,")) { /* no progress line in a file */
        fail_msg("status %d, stdout:\n%.300s\nstderr:\n%s", r.status, r.out, r.err);
    }
    /* every line is a whole NE line */
    for (const char *l = r.out; *l; l = strchr(l, '\n') + 1) {
        assert_true(strncmp(l, "NE,", 3) == 0 && strchr(l, '\n'));
    }
    outcome_free(&r);
}

/* The Monte Carlo section (models.claims.monte_carlo; NULL if absent) of the JSON report run
 * printed on standard output; *doc is the whole report, for the caller to json_decref. Fails the
 * test when standard output is not JSON. */
static json_t *report_monte_carlo(const outcome *r, json_t **doc)
{
    json_error_t je;
    *doc = json_loads(r->out, 0, &je);
    if (!*doc) {
        fail_msg("stdout is not the JSON report (%s):\n%.300s", je.text, r->out);
    }
    return json_object_get(json_object_get(json_object_get(*doc, "models"), "claims"),
                           "monte_carlo");
}

/* run --draws: the draws merged before the signal make the report, marked incomplete. The
 * signal is sent once a block is known to be merged: the checkpoint is saved from the merge (the
 * first time a second after the start), so its file existing means the report has draws to
 * show, and "nothing to report" is then a failure (mutant interrupt-mc-no-partial-report), not
 * a slow machine. */
static void test_run_draws_sigint(void **state)
{
    (void)state;
    const char *o = tmp_path("mc.json");
    unlink(o);
    const char *ck = tmp_path("mc.checkpoint");
    unlink(ck);
    char scen[4096];
    snprintf(scen, sizeof scen, "%s", sc_test_source("tests/data/good/full.yaml"));
    const char *argv[] = {NULL, "run", scen, "--draws", "100000000", "--sensitivity-draws", "0",
                          "--threads", "2", "--format", "json", "--checkpoint", ck, "-o", o, NULL};
    outcome r;
    run_interrupted(argv, "mc", SIGINT, (when){.exists = ck}, 120, &r);
    if (!exited(&r, 130) || !strstr(r.err, "interrupted by SIGINT") || exists(o) ||
        !strstr(r.err, "draws done; the report below covers them") ||
        strstr(r.err, "nothing to report")) {
        fail_msg("status %d, stdout:\n%.300s\nstderr:\n%s", r.status, r.out, r.err);
    }
    json_t *doc;
    json_t *mc = report_monte_carlo(&r, &doc);
    if (!mc || !json_is_false(json_object_get(mc, "complete")) ||
        json_integer_value(json_object_get(mc, "draws")) <= 0) {
        fail_msg("the Monte Carlo is not marked incomplete:\n%.2000s", r.out);
    }
    json_decref(doc);
    unlink(ck);
    outcome_free(&r);
}

/*
 * run --draws: SIGINT after the last draw, while the report is computed (seconds: the war's runs
 * and the bargaining of every state). The checkpoint is written when the draws are done, so the
 * signal is sent once it exists. Until 2026-12-06 the handler was removed with the last draw and
 * such a signal killed the process the default way (no note, no report; 2 s of a 16 s run of
 * docs/uncertainty.md's example). Now it is an interrupted run: exit 130, the note, the report
 * on standard output, the -o file untouched. The report is not stopped part way (it has no
 * cancel flag), so no promptness is asserted; a second signal ends it at once.
 */
static void test_run_sigint_after_the_draws(void **state)
{
    (void)state;
    const char *o = tmp_path("after.json");
    old_contents(o);
    const char *ck = tmp_path("after.checkpoint");
    unlink(ck);
    /* the report's cost: about 2.5 s of CPU at 2000 war runs in the product's build, 13 s at
     * 20 under the sanitizers */
    const char *runs = SC_TEST_UNDER_ASAN ? "20" : "2000";
    const char *argv[] = {NULL, "run", "--draws", "1", "--sensitivity-draws", "0", "--runs", runs,
                          "--threads", "2", "--format", "json", "--checkpoint", ck, "-o", o, NULL};
    outcome r;
    run_interrupted(argv, "after", SIGINT, (when){.exists = ck}, 600, &r);
    if (!exited(&r, 130) || !strstr(r.err, "interrupted by SIGINT") ||
        !strstr(r.err, "every draw was done; the report below covers them")) {
        fail_msg("status %d, stdout:\n%.300s\nstderr:\n%s", r.status, r.out, r.err);
    }
    char *kept = sc_test_slurp(o, NULL);
    assert_non_null(kept);
    assert_string_equal(kept, "old contents\n");
    free(kept);
    json_t *doc;
    json_t *mc = report_monte_carlo(&r, &doc);
    assert_int_equal(json_integer_value(json_object_get(mc, "draws")), 1);
    json_decref(doc);
    unlink(ck);
    unlink(o);
    outcome_free(&r);
}

/*
 * landscape --method exhaustive on 40 actors (2^39 configurations: minutes of CPU): SIGINT stops
 * the search within a CPU second of the signal; the JSON says partial and how many
 * configurations were searched, fewer than all; the -o file is not written.
 */
static void test_landscape_sigint(void **state)
{
    (void)state;
    char sz[600], pr[600];
    landscape_40("", sz, pr);
    const char *o = tmp_path("landscape.json");
    unlink(o);
    const char *argv[] = {NULL,     "landscape", "--method", "exhaustive", "--threads", "2",
                          "--format", "json",     "-o",       o,            sz,          pr,
                          NULL};
    outcome r;
    run_interrupted(argv, "ls", SIGINT, (when){.after = 1.5}, 120, &r);
    json_error_t je;
    json_t *doc = json_loads(r.out, 0, &je);
    if (!exited(&r, 130) || !doc || !json_is_true(json_object_get(doc, "partial")) ||
        !strstr(r.err, "interrupted by SIGINT") || !strstr(r.err, "configurations searched") ||
        exists(o)) {
        fail_msg("status %d, stdout:\n%.500s\nstderr:\n%s", r.status, r.out, r.err);
    }
    json_int_t done = json_integer_value(json_object_get(doc, "configurations"));
    json_int_t all = json_integer_value(json_object_get(doc, "configurations_total"));
    assert_true(all == (json_int_t)1 << 39);
    assert_true(done > 0 && done < all);
    /* the minima of the part searched (possibly none yet), listed as many as counted */
    json_int_t found = json_integer_value(json_object_get(doc, "n_local_minima"));
    assert_true(found >= 0);
    assert_true((json_int_t)json_array_size(json_object_get(doc, "local_minima")) <=
                (found < 10 ? found : 10));
    /* stopped within a CPU second of the signal (each worker finishes one block of 4096) */
    assert_prompt(&r);
    json_decref(doc);
    outcome_free(&r);
    unlink(sz);
    unlink(pr);
}

/* simpdiv on a game it needs minutes of CPU for: SIGTERM stops it within a CPU second, 143. */
static void test_simpdiv_sigterm(void **state)
{
    (void)state;
    char game[600];
    snprintf(game, sizeof game, "%.590s", sc_test_shared("reference/gambit/games/GenRPS5_agg.nfg"));
    if (access(game, R_OK) != 0) {
        skip();
    }
    const char *o = tmp_path("sd.txt");
    unlink(o);
    const char *argv[] = {NULL, "solve", "--method", "simpdiv", "-o", o, game, NULL};
    outcome r;
    run_interrupted(argv, "sd", SIGTERM, (when){.after = 1.0}, 120, &r);
    if (!exited(&r, 143) || !strstr(r.err, "interrupted by SIGTERM") || exists(o)) {
        fail_msg("status %d, stdout:\n%.300s\nstderr:\n%s", r.status, r.out, r.err);
    }
    assert_prompt(&r);
    outcome_free(&r);
}

/*
 * A two-player zero-sum game of k x k strategies (payoffs -999..999 spread by a hash), written
 * to `path`: lp's exact simplex needs about 10 s of CPU on 300 x 300 (its integers grow with
 * each pivot), a fraction of a second on 100 x 100.
 */
static void zero_sum_game(const char *path, int k)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "NFG 1 R \"zero-sum %d\" { \"P1\" \"P2\" } { %d %d }\n\n", k, k, k);
    for (int j = 0; j < k; j++) {
        for (int i = 0; i < k; i++) {
            int x = (i * 7919 + j * 104729 + i * j * 31) % 1999 - 999;
            fprintf(f, "%d %d ", x, -x);
        }
    }
    fputc('\n', f);
    fclose(f);
}

/* lp on a 300 x 300 zero-sum game (seconds of exact pivots): SIGINT after a CPU second stops it
 * within a CPU second, with nothing found (lp finds its one equilibrium at the end), 130, no
 * -o file. */
static void test_lp_sigint(void **state)
{
    (void)state;
    char game[600];
    snprintf(game, sizeof game, "%s", tmp_path("zs300.nfg"));
    zero_sum_game(game, 300);
    const char *o = tmp_path("lp.txt");
    unlink(o);
    const char *argv[] = {NULL, "solve", "--method", "lp", "-o", o, game, NULL};
    outcome r;
    /* reading the game and setting the tableau up take a fraction of it (more under ASan) */
    run_interrupted(argv, "lp", SIGINT, (when){.at_cpu = SC_TEST_UNDER_ASAN ? 3.0 : 1.0}, 120,
                    &r);
    if (!exited(&r, 130) || !strstr(r.err, "interrupted by SIGINT") ||
        !strstr(r.err, "no equilibrium found before it") || r.out[0] || exists(o)) {
        fail_msg("status %d, stdout:\n%.300s\nstderr:\n%s", r.status, r.out, r.err);
    }
    assert_prompt(&r);
    outcome_free(&r);
    unlink(game);
}

/* lp --time-limit: the same game stops near the limit (CPU), exit 1, the located message of the
 * other methods' limits; -o is not written. A small game under the same limit is solved. */
static void test_lp_time_limit(void **state)
{
    (void)state;
    char game[600], small[600];
    snprintf(game, sizeof game, "%s", tmp_path("zs300t.nfg"));
    snprintf(small, sizeof small, "%s", tmp_path("zs20.nfg"));
    zero_sum_game(game, 300);
    zero_sum_game(small, 20);
    const char *o = tmp_path("lpt.txt");
    unlink(o);
    char want[700];
    snprintf(want, sizeof want, "statecraft solve: %s: error: lp: time limit of ", game);
    outcome r;
    run_interrupted((const char *[]){NULL, "solve", "--method", "lp", "--time-limit", "1", "-o",
                                     o, game, NULL},
                    "lpt", 0, (when){0}, 120, &r);
    if (!exited(&r, 1) || !strstr(r.err, want) || !strstr(r.err, " s reached") || r.out[0] ||
        exists(o)) {
        fail_msg("status %d, stdout:\n%.300s\nstderr:\n%s", r.status, r.out, r.err);
    }
    /* the limit counts the solving thread's CPU; reading the game is the rest */
    if (r.cpu > (SC_TEST_UNDER_ASAN ? 8.0 : 3.0)) {
        fail_msg("--time-limit 1 stopped after %.2f s of CPU", r.cpu);
    }
    outcome_free(&r);
    run_interrupted((const char *[]){NULL, "solve", "--method", "lp", "--time-limit", "1", "-o",
                                     o, small, NULL},
                    "lpt", 0, (when){0}, 120, &r);
    char *sol = sc_test_slurp(o, NULL);
    if (!exited(&r, 0) || !sol || strncmp(sol, "NE,", 3) != 0) {
        fail_msg("status %d, -o file:\n%s\nstderr:\n%s", r.status, sol ? sol : "(none)", r.err);
    }
    free(sol);
    outcome_free(&r);
    unlink(o);
    unlink(game);
    unlink(small);
}


/*
 * A game tree of two stages written to `path`: player 1 picks one of k actions, player 2 one of
 * k without seeing it (one information set), payoffs -999..999 spread by a hash, zero-sum or not.
 * In sequence form (seqform.c) it is a k x k game: the tree lp's exact simplex takes about 8 s of
 * CPU on k = 100 (its integers grow with each pivot), the tree lcp's Lemke path more than 20 s on
 * a general-sum k = 300; k = 20 takes milliseconds.
 */
static void two_stage_tree(const char *path, int k, int zero_sum)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "EFG 2 R \"two stages %d\" { \"P1\" \"P2\" }\n\"\"\n\np \"\" 1 1 \"\" {", k);
    for (int i = 0; i < k; i++) {
        fprintf(f, " \"a%d\"", i);
    }
    fputs(" } 0\n", f);
    for (int i = 0, leaf = 1; i < k; i++) {
        if (i == 0) {
            fputs("p \"\" 2 1 \"\" {", f);
            for (int j = 0; j < k; j++) {
                fprintf(f, " \"b%d\"", j);
            }
            fputs(" } 0\n", f);
        } else {
            fputs("p \"\" 2 1 0\n", f);
        }
        for (int j = 0; j < k; j++, leaf++) {
            int x = (i * 7919 + j * 104729 + i * j * 31) % 1999 - 999;
            int y = zero_sum ? -x : (i * 104723 + j * 7907 + i * j * 17) % 1999 - 999;
            fprintf(f, "t \"\" %d \"\" { %d, %d }\n", leaf, x, y);
        }
    }
    fclose(f);
}

/*
 * lp and lcp on game trees (the sequence form's exact simplex and Lemke path, seconds of
 * pivots): SIGINT after a CPU second stops each within a CPU second, with nothing found (each
 * finds its one equilibrium at the end), 130, no -o file.
 */
static void test_tree_lp_lcp_sigint(void **state)
{
    (void)state;
    char zs[600], gs[600];
    snprintf(zs, sizeof zs, "%s", tmp_path("tree_zs100.efg"));
    snprintf(gs, sizeof gs, "%s", tmp_path("tree_gs300.efg"));
    two_stage_tree(zs, 100, 1);
    two_stage_tree(gs, 300, 0);
    const char *o = tmp_path("tree.txt");
    unlink(o);
    const char *methods[2] = {"lp", "lcp"}, *games[2] = {zs, gs};
    for (int m = 0; m < 2; m++) {
        const char *argv[] = {NULL, "solve", "--method", methods[m], "-o", o, games[m], NULL};
        outcome r;
        /* reading the tree and building its sequence form take a fraction of it */
        run_interrupted(argv, "tree", SIGINT,
                        (when){.at_cpu = SC_TEST_UNDER_ASAN ? 3.0 : 1.0}, 120, &r);
        if (!exited(&r, 130) || !strstr(r.err, "interrupted by SIGINT") ||
            !strstr(r.err, "no equilibrium found before it") || r.out[0] || exists(o)) {
            fail_msg("%s: status %d, stdout:\n%.300s\nstderr:\n%s", methods[m], r.status, r.out,
                     r.err);
        }
        assert_prompt(&r);
        outcome_free(&r);
    }
    unlink(zs);
    unlink(gs);
}

/* lp and lcp --time-limit on the same trees: each stops near the limit (CPU), exit 1, the
 * located message of the other methods' limits naming the method; -o is not written. Small
 * trees under the same limit are solved. */
static void test_tree_time_limit(void **state)
{
    (void)state;
    char big[2][600], small[2][600];
    snprintf(big[0], 600, "%s", tmp_path("tree_zs100t.efg"));
    snprintf(big[1], 600, "%s", tmp_path("tree_gs300t.efg"));
    snprintf(small[0], 600, "%s", tmp_path("tree_zs20.efg"));
    snprintf(small[1], 600, "%s", tmp_path("tree_gs20.efg"));
    two_stage_tree(big[0], 100, 1);
    two_stage_tree(big[1], 300, 0);
    two_stage_tree(small[0], 20, 1);
    two_stage_tree(small[1], 20, 0);
    const char *o = tmp_path("treet.txt");
    const char *methods[2] = {"lp", "lcp"};
    for (int m = 0; m < 2; m++) {
        unlink(o);
        char want[800];
        snprintf(want, sizeof want, "statecraft solve: %s: error: %s: time limit of ", big[m],
                 methods[m]);
        outcome r;
        run_interrupted((const char *[]){NULL, "solve", "--method", methods[m], "--time-limit",
                                         "1", "-o", o, big[m], NULL},
                        "treet", 0, (when){0}, 120, &r);
        if (!exited(&r, 1) || !strstr(r.err, want) || !strstr(r.err, " s reached") ||
            r.out[0] || exists(o)) {
            fail_msg("%s: status %d, stdout:\n%.300s\nstderr:\n%s", methods[m], r.status, r.out,
                     r.err);
        }
        /* the limit counts the solving thread's CPU; reading the tree is the rest */
        if (r.cpu > (SC_TEST_UNDER_ASAN ? 8.0 : 3.0)) {
            fail_msg("%s --time-limit 1 stopped after %.2f s of CPU", methods[m], r.cpu);
        }
        outcome_free(&r);
        run_interrupted((const char *[]){NULL, "solve", "--method", methods[m], "--time-limit",
                                         "1", "-o", o, small[m], NULL},
                        "treet", 0, (when){0}, 120, &r);
        char *sol = sc_test_slurp(o, NULL);
        if (!exited(&r, 0) || !sol || strncmp(sol, "NE,", 3) != 0) {
            fail_msg("%s: status %d, -o file:\n%s\nstderr:\n%s", methods[m], r.status,
                     sol ? sol : "(none)", r.err);
        }
        free(sol);
        outcome_free(&r);
        unlink(small[m]);
        unlink(big[m]);
    }
    unlink(o);
}


/* Reads the pty until `want` appears or `limit` s pass; returns 1 if seen. */
static int read_until(int fd, const char *want, double limit, char *buf, size_t cap)
{
    size_t n = 0;
    double t0 = now();
    buf[0] = '\0';
    while (now() - t0 < limit) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 200) > 0) {
            ssize_t r = read(fd, buf + n, cap - 1 - n);
            if (r <= 0) {
                break;
            }
            n += (size_t)r;
            buf[n] = '\0';
            if (strstr(buf, want)) {
                return 1;
            }
            if (n > cap / 2) {
                memmove(buf, buf + n - cap / 4, cap / 4);
                n = cap / 4;
                buf[n] = '\0';
            }
        }
    }
    return 0;
}

/* stderr on a terminal: the progress line appears (after a second) and Ctrl-C still works. */
static void test_progress_on_a_terminal(void **state)
{
    (void)state;
    const char *out = tmp_path("pty.out");
    int master = -1;
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    if (pid < 0) {
        skip(); /* no pseudo-terminals here (a container without /dev/pts) */
    }
    if (pid == 0) {
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fo < 0) {
            _exit(99);
        }
        dup2(fo, 1); /* results to a file, stderr stays on the terminal */
        signal(SIGINT, SIG_DFL);
        execl(SC_CLI_PATH, SC_CLI_PATH, "war", "--runs", "100000000", "--threads", "2",
              (char *)NULL);
        _exit(98);
    }
    char buf[8192];
    int seen = read_until(master, "runs (", 120, buf, sizeof buf);
    kill(pid, SIGINT);
    /* keep reading so the child never blocks on a full terminal */
    read_until(master, "partial results", 30, buf + 4096, 4096);
    int st = reap(pid, 120, NULL);
    close(master);
    if (!seen) {
        fail_msg("no progress line on the terminal:\n%s", buf);
    }
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 130);
    char *so = sc_test_slurp(out, NULL);
    assert_non_null(strstr(so, "PARTIAL RESULTS"));
    assert_null(strstr(so, "runs ("));
    free(so);
}

/* solve's progress line: the count of equilibria found, on a terminal only; Ctrl-C still works. */
static void test_solve_progress_on_a_terminal(void **state)
{
    (void)state;
    char game[600];
    snprintf(game, sizeof game, "%.590s", sc_test_shared("reference/gambit/games/artist2_efg.nfg"));
    if (access(game, R_OK) != 0) {
        skip();
    }
    const char *out = tmp_path("spty.out");
    int master = -1;
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    if (pid < 0) {
        skip(); /* no pseudo-terminals here */
    }
    if (pid == 0) {
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fo < 0) {
            _exit(99);
        }
        dup2(fo, 1); /* the NE lines to a file, stderr stays on the terminal */
        signal(SIGINT, SIG_DFL);
        execl(SC_CLI_PATH, SC_CLI_PATH, "gambit-enummixed", game, (char *)NULL);
        _exit(98);
    }
    char buf[8192];
    int seen = read_until(master, "equilibria found, ", 120, buf, sizeof buf);
    kill(pid, SIGINT);
    read_until(master, "partial results", 30, buf + 4096, 4096);
    int st = reap(pid, 120, NULL);
    close(master);
    if (!seen) {
        fail_msg("no progress line on the terminal:\n%s", buf);
    }
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 130);
    char *so = sc_test_slurp(out, NULL);
    assert_true(strncmp(so, "NE,", 3) == 0);
    assert_null(strstr(so, "equilibria found"));
    free(so);
}

/* A scenario of n actors and m issues whose forecasts take seconds (positions spread over the
 * scale so that the games move), written to `path`. */
static void long_scenario(const char *path, int n, int m)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("statecraft: 1\nmetadata: {title: A long forecast}\nactors:\n", f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "  - {id: A%03d, name: Actor %d, capability: %d}\n", i, i, 1 + (i * 37) % 11);
    }
    fputs("issues:\n", f);
    for (int j = 0; j < m; j++) {
        fprintf(f, "  - {id: i%02d, title: Issue %d, scale: [0, 100], low: a, high: b}\n", j, j);
    }
    fputs("stances:\n", f);
    for (int j = 0; j < m; j++) {
        fprintf(f, "  i%02d:\n", j);
        for (int i = 0; i < n; i++) {
            fprintf(f, "    A%03d: {position: %d, salience: %g}\n", i,
                    (i * 53 + j * 29 + i * j * 7) % 101, 0.1 + ((i * 13 + j * 17) % 9) / 10.0);
        }
    }
    fclose(f);
}

static int count_of(const char *hay, const char *needle)
{
    int k = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
        k++;
    }
    return k;
}

/* forecast --model eum, 16 issues with their drivers (80 actors: 0.66 s of CPU each, 15 s under
 * ASan; the ASan build plays 40 actors, 1.3 s each: measured): SIGINT after two or three issues
 * keeps the issues played, marked partial, exit 130; the issue under way is stopped and left
 * out; the -o file keeps its old bytes. */
static void test_forecast_eum_sigint(void **state)
{
    (void)state;
    char scen[600];
    snprintf(scen, sizeof scen, "%s", tmp_path("fc_eum.yaml"));
    long_scenario(scen, SC_TEST_UNDER_ASAN ? 40 : 80, 16);
    const char *o = tmp_path("fc_eum.txt");
    old_contents(o);
    const char *argv[] = {NULL, "forecast", "--threads", "1", "-o", o, scen, NULL};
    outcome r;
    run_interrupted(argv, "fce", SIGINT, (when){.at_cpu = SC_TEST_UNDER_ASAN ? 4.0 : 2.0}, 300,
                    &r);
    char *kept = sc_test_slurp(o, NULL);
    int issues = count_of(r.out, "\nIssue i");
    if (!exited(&r, 130) || !strstr(r.out, "PARTIAL RESULTS: interrupted after") ||
        !strstr(r.out, "State: the scenario has no events") ||
        !strstr(r.err, "interrupted by SIGINT") || !strstr(r.err, "issue runs done") ||
        !strstr(r.err, "not written") || strcmp(kept, "old contents\n") != 0 || issues < 1 ||
        issues >= 16) {
        fail_msg("status %d, %d issues, stdout:\n%.600s\nstderr:\n%s\n-o file: %s", r.status,
                 issues, r.out, r.err, kept);
    }
    assert_prompt(&r); /* the drivers under way stop at their next round */
    free(kept);
    outcome_free(&r);
    unlink(o);
    unlink(scen);
}

/* forecast --model bargaining on two workers: SIGTERM stops the model runs, exit 143; the JSON says
 * partial and how many runs were done, the -o file is not written. The signal waits for CPU time
 * past at least one run: the whole forecast takes about 3.7 s of CPU in the gcc build and 87 s
 * under ASan (121 runs, 0.7 s each on average there), so 0.5 s under ASan could come before the
 * first run ended ("0 of 121 runs done", a fresh-clone CI on 2026-12-06); 6 s is several runs in
 * and far from the end. */
static void test_forecast_bargaining_sigterm(void **state)
{
    (void)state;
    char scen[600];
    snprintf(scen, sizeof scen, "%s", tmp_path("fc_barg.yaml"));
    long_scenario(scen, 80, 60);
    const char *o = tmp_path("fc_barg.json");
    unlink(o);
    const char *argv[] = {NULL, "forecast", "--model", "bargaining", "--threads", "2", "--format",
                          "json", "-o", o, scen, NULL};
    outcome r;
    run_interrupted(argv, "fcb", SIGTERM, (when){.at_cpu = SC_TEST_UNDER_ASAN ? 6.0 : 0.5}, 300,
                    &r);
    json_error_t je;
    json_t *doc = json_loads(r.out, 0, &je);
    if (!exited(&r, 143) || !doc || !json_is_true(json_object_get(doc, "partial")) ||
        !strstr(r.err, "interrupted by SIGTERM") || !strstr(r.err, "model runs done") ||
        exists(o)) {
        fail_msg("status %d, stdout:\n%.500s\nstderr:\n%s", r.status, r.out, r.err);
    }
    json_int_t done = json_integer_value(json_object_get(doc, "runs_done"));
    json_int_t all = json_integer_value(json_object_get(doc, "runs_total"));
    assert_int_equal(all, 1 + 2 * 60);
    if (!(done >= 1 && done < all)) {
        fail_msg("%lld of %lld runs done", (long long)done, (long long)all);
    }
    assert_int_equal(json_array_size(json_object_get(doc, "issues")), 60);
    json_decref(doc);
    outcome_free(&r);
    unlink(scen);
}

/*
 * forecast --model bargaining, 200 actors on 4 issues on two workers: worker 0 starts the SMP
 * (about 14 s of CPU over 100 turns), worker 1 the EUM's Scholz runs (a tenth of a second each).
 * SIGINT two CPU seconds in stops the SMP part way within a CPU second (the SMP looks at the
 * flag before each actor's turn): exit 130, the SMP is not done on any issue (JSON "done":
 * false, forecast null; never "not run"), the runs that ended are there with their forecasts and
 * counted, the -o file keeps its old bytes.
 */
static void test_forecast_bargaining_inner_sigint(void **state)
{
    (void)state;
    char scen[600];
    snprintf(scen, sizeof scen, "%s", tmp_path("fc_barg_in.yaml"));
    long_scenario(scen, 200, 4);
    const char *o = tmp_path("fc_barg_in.json");
    old_contents(o);
    const char *argv[] = {NULL, "forecast", "--model", "bargaining", "--threads", "2", "--format",
                          "json", "-o", o, scen, NULL};
    outcome r;
    run_interrupted(argv, "fcbi", SIGINT, (when){.at_cpu = SC_TEST_UNDER_ASAN ? 8.0 : 2.0}, 300,
                    &r);
    char *kept = sc_test_slurp(o, NULL);
    json_error_t je;
    json_t *doc = json_loads(r.out, 0, &je);
    if (!exited(&r, 130) || !doc || !json_is_true(json_object_get(doc, "partial")) ||
        !strstr(r.err, "interrupted by SIGINT") || !strstr(r.err, "model runs done") ||
        strcmp(kept, "old contents\n") != 0) {
        fail_msg("status %d, stdout:\n%.800s\nstderr:\n%s", r.status, r.out, r.err);
    }
    assert_prompt(&r); /* the SMP under way stopped at its next actor, not at its end */
    json_t *issues = json_object_get(doc, "issues");
    assert_int_equal(json_array_size(issues), 4);
    json_int_t done = json_integer_value(json_object_get(doc, "runs_done")), counted = 0;
    assert_int_equal(json_integer_value(json_object_get(doc, "runs_total")), 1 + 2 * 4);
    for (size_t j = 0; j < 4; j++) {
        json_t *fc = json_object_get(json_array_get(issues, j), "forecasts");
        json_t *smp = json_object_get(fc, "smp"), *base = json_object_get(fc, "baseline");
        /* stopped part way: not done, no forecast, not "cannot run" */
        if (!json_is_false(json_object_get(smp, "done")) ||
            !json_is_null(json_object_get(smp, "forecast"))) {
            fail_msg("issue %zu: the SMP is not marked not done:\n%.1500s", j, r.out);
        }
        assert_true(json_is_true(json_object_get(base, "done")));
        assert_true(json_is_number(json_object_get(base, "forecast")));
        /* every run that ended has its forecast and is counted */
        const char *eum[2] = {"eum-scholz", "eum-printed"};
        for (int v = 0; v < 2; v++) {
            json_t *x = json_object_get(fc, eum[v]);
            if (json_is_true(json_object_get(x, "done"))) {
                assert_true(json_is_number(json_object_get(x, "forecast")));
                counted++;
            } else {
                assert_true(json_is_null(json_object_get(x, "forecast")));
            }
        }
    }
    /* worker 1's first Scholz run (a tenth of a CPU second) ended long before the signal */
    json_t *fc0 = json_object_get(json_array_get(issues, 0), "forecasts");
    assert_true(json_is_true(json_object_get(json_object_get(fc0, "eum-scholz"), "done")));
    assert_int_equal(done, counted);
    assert_null(strstr(r.out, "the SMP did not run"));
    json_decref(doc);
    free(kept);
    outcome_free(&r);
    /* 2,000 actors on one issue: the SMP cannot run (at most 1,000 actors: "not run", a run
     * done), so both EUM runs (about 7 s of CPU each) are under way at the signal, one on each
     * worker; both stop within a CPU second (the EUM looks at the flag before each pass of a
     * round) and are not done, never "not run" */
    long_scenario(scen, 2000, 1);
    const char *argv2[] = {NULL, "forecast", "--model", "bargaining", "--threads", "2", scen, NULL};
    run_interrupted(argv2, "fcbi2", SIGTERM, (when){.at_cpu = SC_TEST_UNDER_ASAN ? 8.0 : 2.0}, 300,
                    &r);
    if (!exited(&r, 143) ||
        !strstr(r.out, "PARTIAL RESULTS: interrupted after 1 of 3 model runs") ||
        count_of(r.out, "not done") != 3 || count_of(r.out, "  not run") != 1 ||
        !strstr(r.out, "the SMP did not run") ||
        !strstr(r.err, "interrupted by SIGTERM")) { /* the header's "not done" and 2 models */
        fail_msg("status %d, stdout:\n%.1500s\nstderr:\n%s", r.status, r.out, r.err);
    }
    assert_prompt(&r);
    outcome_free(&r);
    unlink(o);
    unlink(scen);
}

/* forecast --model smp: SIGINT during the drivers (the run takes 0.8 s of CPU, 25 s under ASan,
 * measured; its 80 replays a minute) stops them within a CPU second and prints the run without
 * them, marked partial, exit 130. */
static void test_forecast_smp_sigint(void **state)
{
    (void)state;
    char scen[600];
    snprintf(scen, sizeof scen, "%s", tmp_path("fc_smp.yaml"));
    long_scenario(scen, 80, 16);
    const char *argv[] = {NULL, "forecast", "--model", "smp", "--threads", "1", "--format", "json",
                          scen, NULL};
    outcome r;
    run_interrupted(argv, "fcs", SIGINT, (when){.at_cpu = SC_TEST_UNDER_ASAN ? 40.0 : 3.0}, 300,
                    &r);
    json_error_t je;
    json_t *doc = json_loads(r.out, 0, &je);
    if (!exited(&r, 130) || !doc || !json_is_true(json_object_get(doc, "partial")) ||
        !strstr(r.err, "without its drivers")) {
        fail_msg("status %d, stdout:\n%.500s\nstderr:\n%s", r.status, r.out, r.err);
    }
    json_t *is0 = json_array_get(json_object_get(doc, "issues"), 0);
    assert_true(json_is_null(json_object_get(is0, "drivers")));
    assert_prompt(&r);
    json_decref(doc);
    outcome_free(&r);
    unlink(scen);
}

/*
 * One long EUM run (2,000 actors on one issue, no drivers: about 7 s of CPU over some 60 rounds
 * of O(n^2)): SIGINT during it stops it within a CPU second (the run looks at the flag before
 * each round), not at its end; no issue is printed, exit 130, the -o file keeps its bytes.
 * Then the drivers of 300 actors (300 replays, tens of seconds): stopped the same way.
 */
static void test_forecast_eum_run_sigint(void **state)
{
    (void)state;
    char scen[600];
    snprintf(scen, sizeof scen, "%s", tmp_path("fc_eum_run.yaml"));
    long_scenario(scen, 2000, 1);
    const char *o = tmp_path("fc_eum_run.txt");
    old_contents(o);
    const char *argv[] = {NULL, "forecast", "--no-drivers", "--threads", "1", "-o", o, scen, NULL};
    outcome r;
    /* loading 2,000 actors takes a fraction of it (a few seconds under ASan) */
    run_interrupted(argv, "fcer", SIGINT, (when){.at_cpu = SC_TEST_UNDER_ASAN ? 8.0 : 2.0}, 300,
                    &r);
    char *kept = sc_test_slurp(o, NULL);
    if (!exited(&r, 130) || !strstr(r.out, "PARTIAL RESULTS: interrupted after 0 of 1 issue") ||
        strstr(r.out, "\nIssue i") || !strstr(r.err, "interrupted by SIGINT") ||
        !strstr(r.err, "0 of 1 issue runs done") || strcmp(kept, "old contents\n") != 0) {
        fail_msg("status %d, stdout:\n%.600s\nstderr:\n%s\n-o file: %s", r.status, r.out, r.err,
                 kept);
    }
    assert_prompt(&r);
    free(kept);
    outcome_free(&r);
    /* the drivers, on two workers */
    long_scenario(scen, 300, 1);
    const char *argv2[] = {NULL, "forecast", "--threads", "2", "--format", "json", scen, NULL};
    run_interrupted(argv2, "fced", SIGTERM, (when){.at_cpu = SC_TEST_UNDER_ASAN ? 8.0 : 2.0}, 300,
                    &r);
    json_error_t je;
    json_t *doc = json_loads(r.out, 0, &je);
    if (!exited(&r, 143) || !doc || !json_is_true(json_object_get(doc, "partial")) ||
        json_integer_value(json_object_get(doc, "runs_done")) != 0 ||
        json_array_size(json_object_get(doc, "issues")) != 0) {
        fail_msg("status %d, stdout:\n%.600s\nstderr:\n%s", r.status, r.out, r.err);
    }
    assert_prompt(&r);
    json_decref(doc);
    outcome_free(&r);
    unlink(o);
    unlink(scen);
}

/*
 * One long SMP run (200 actors on 4 issues: about 14 s of CPU over 100 turns): SIGTERM during
 * it stops it within a CPU second (the SMP looks at the flag before each actor's challenges and
 * election in a turn), exit 143, nothing printed, no -o file. Then 1,000 actors, stopped inside
 * the first state's elections.
 */
static void test_forecast_smp_run_sigterm(void **state)
{
    (void)state;
    char scen[600];
    snprintf(scen, sizeof scen, "%s", tmp_path("fc_smp_run.yaml"));
    long_scenario(scen, 200, 4);
    const char *o = tmp_path("fc_smp_run.json");
    unlink(o);
    const char *argv[] = {NULL,     "forecast", "--model", "smp", "--no-drivers", "--threads",
                          "1",      "--format", "json",    "-o",  o,              scen,
                          NULL};
    outcome r;
    run_interrupted(argv, "fcsr", SIGTERM, (when){.at_cpu = SC_TEST_UNDER_ASAN ? 8.0 : 2.0}, 300,
                    &r);
    if (!exited(&r, 143) || r.out[0] || !strstr(r.err, "interrupted by SIGTERM") ||
        !strstr(r.err, "smp: interrupted in turn ") || !strstr(r.err, "no forecast to print") ||
        exists(o)) {
        fail_msg("status %d, stdout:\n%.600s\nstderr:\n%s", r.status, r.out, r.err);
    }
    assert_prompt(&r);
    outcome_free(&r);
    /* 1,000 actors (the SMP's most) on 2 issues: the state's utilities and win probabilities,
     * before any actor's turn, are elections over every position, O(n^3) and Markov sweeps:
     * 2.3 s of CPU from about 0.2 s on in the gcc build (measured), which the per-actor checks
     * never saw (1.48 s after a signal at 1 s); the elections look at the flag per option and
     * per sweep. Under ASan 300 actors keep the test short (the path, not the figure). */
    long_scenario(scen, SC_TEST_UNDER_ASAN ? 300 : 1000, 2);
    const char *argv2[] = {NULL, "forecast", "--model", "smp", "--no-drivers", "--threads", "1",
                           scen, NULL};
    run_interrupted(argv2, "fcsk", SIGTERM, (when){.at_cpu = SC_TEST_UNDER_ASAN ? 4.0 : 0.7},
                    300, &r);
    /* under ASan the first state is over before 4 s: any turn there */
    const char *where =
        SC_TEST_UNDER_ASAN ? "smp: interrupted in turn " : "smp: interrupted in turn 1;";
    if (!exited(&r, 143) || r.out[0] || !strstr(r.err, where)) {
        fail_msg("status %d, stdout:\n%.600s\nstderr:\n%s", r.status, r.out, r.err);
    }
    assert_prompt(&r);
    outcome_free(&r);
    unlink(scen);
}

/*
 * landscape --blocs 4 on 40 actors: the two-bloc search ends in a fraction of a second, the
 * k-bloc branch and bound would run for hours. SIGTERM during it: exit 143 within a CPU second,
 * the two-bloc answer whole, the best split found so far marked incomplete, no -o file.
 */
static void test_landscape_k_sigterm(void **state)
{
    (void)state;
    char sz[600], pr[600];
    landscape_40("k", sz, pr);
    const char *o = tmp_path("landscape_k.json");
    unlink(o);
    const char *argv[] = {NULL, "landscape", "--blocs", "4", "--basins", "0", "--format", "json",
                          "-o", o, sz, pr, NULL};
    outcome r;
    /* the two-bloc search takes about 0.25 s of CPU, and 16 s under ASan (its gray-code loop
     * instrumented, measured in the fresh-clone CI, where 4 s caught it a fifth of the way):
     * the signal must fall in the k-bloc search that follows */
    run_interrupted(argv, "lsk", SIGTERM, (when){.at_cpu = SC_TEST_UNDER_ASAN ? 40.0 : 4.0}, 120,
                    &r);
    json_error_t je;
    json_t *doc = json_loads(r.out, 0, &je);
    if (!exited(&r, 143) || !doc || !json_is_true(json_object_get(doc, "partial")) ||
        !strstr(r.err, "interrupted by SIGTERM") ||
        !strstr(r.err, "the k-bloc search stopped after") || exists(o)) {
        fail_msg("status %d, stdout:\n%.500s\nstderr:\n%s", r.status, r.out, r.err);
    }
    /* the two-bloc search is whole: no configurations_total, the global minimum found */
    assert_null(json_object_get(doc, "configurations_total"));
    assert_true(json_integer_value(json_object_get(doc, "configurations")) == (json_int_t)1 << 39);
    assert_true(json_is_object(json_object_get(doc, "global")));
    json_t *kb = json_object_get(doc, "k_blocs");
    if (!json_is_false(json_object_get(kb, "complete")) ||
        json_integer_value(json_object_get(kb, "nodes")) <= 0 ||
        json_object_size(json_object_get(kb, "labels")) != 40) {
        fail_msg("k_blocs: %.500s", r.out);
    }
    /* started from the two-bloc answer, the stopped search is never worse than it */
    double ek = json_number_value(json_object_get(kb, "energy"));
    double e2 = json_number_value(json_object_get(json_object_get(doc, "global"), "energy"));
    if (!(ek <= e2)) {
        fail_msg("the stopped k-bloc split (energy %.17g) is worse than the two-bloc one (%.17g)",
                 ek, e2);
    }
    assert_prompt(&r);
    json_decref(doc);
    outcome_free(&r);
    unlink(sz);
    unlink(pr);
}

#ifdef SC_TEST_MPIEXEC
/* mpirun -n K statecraft ARGS...: stdout and stderr to the files. */
static pid_t spawn_mpi(int k, const char **argv, const char *out, const char *err)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fi = open("/dev/null", O_RDONLY);
        if (fo < 0 || fe < 0 || fi < 0) {
            _exit(99);
        }
        dup2(fi, 0);
        dup2(fo, 1);
        dup2(fe, 2);
        signal(SIGINT, SIG_DFL);
        char *args[40], kbuf[16];
        size_t n = 0;
        snprintf(kbuf, sizeof kbuf, "%d", k);
        args[n++] = strdup(SC_TEST_MPIEXEC);
        args[n++] = strdup("--oversubscribe");
        args[n++] = strdup("--allow-run-as-root");
        args[n++] = strdup("-n");
        args[n++] = strdup(kbuf);
        args[n++] = strdup(SC_CLI_PATH);
        for (size_t i = 1; argv[i] && n < 39; i++) {
            args[n++] = strdup(argv[i]);
        }
        args[n] = NULL;
        execv(SC_TEST_MPIEXEC, args);
        _exit(98);
    }
    return pid;
}

/* The process of rank `rank` among mpirun's children (its OMPI_COMM_WORLD_RANK), or -1. */
static pid_t rank_pid(pid_t mpirun, int rank)
{
    char want[64];
    snprintf(want, sizeof want, "OMPI_COMM_WORLD_RANK=%d", rank);
    double t0 = now();
    while (now() - t0 < 120) {
        DIR *d = opendir("/proc");
        struct dirent *e;
        while (d && (e = readdir(d))) {
            int pid = atoi(e->d_name);
            if (pid <= 0) {
                continue;
            }
            char path[64], buf[512];
            snprintf(path, sizeof path, "/proc/%d/stat", pid);
            FILE *f = fopen(path, "r");
            size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
            if (f) {
                fclose(f);
            }
            buf[n] = '\0';
            const char *p = strrchr(buf, ')');
            int ppid = 0;
            if (!p || sscanf(p + 2, "%*c %d", &ppid) != 1 || ppid != (int)mpirun) {
                continue;
            }
            snprintf(path, sizeof path, "/proc/%d/environ", pid);
            size_t len = 0;
            char *env = sc_test_slurp(path, &len);
            int found = 0;
            for (size_t i = 0; env && i < len; i += strlen(env + i) + 1) {
                found |= strcmp(env + i, want) == 0;
            }
            free(env);
            if (found) {
                closedir(d);
                return (pid_t)pid;
            }
        }
        if (d) {
            closedir(d);
        }
        usleep(50000);
    }
    return -1;
}

/* run --draws under mpirun until the first checkpoint; `stop` sends the signal; then every rank
 * stops, rank 0 prints the report of the draws merged (incomplete), mpirun exits `want`, and
 * the -o file is not written. */
static void mpi_case(int k, int want, void (*stop)(pid_t mpirun, int k), const char *said)
{
    const char *o = tmp_path("mpi.json");
    unlink(o);
    const char *out = tmp_path("mpi.out"), *err = tmp_path("mpi.err");
    const char *ck = tmp_path("mpi.checkpoint");
    unlink(ck);
    char scen[4096];
    snprintf(scen, sizeof scen, "%s", sc_test_source("tests/data/good/full.yaml"));
    const char *argv[] = {NULL,      "run",        scen, "--draws", "100000000",
                          "--sensitivity-draws", "0",  "--threads", "1", "--format", "json",
                          "--checkpoint", ck, "-o", o, NULL};
    pid_t pid = spawn_mpi(k, argv, out, err);
    struct stat sb;
    double t0 = now();
    while (stat(ck, &sb) != 0) {
        if (now() - t0 > 600 || waitpid(pid, NULL, WNOHANG) == pid) {
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            fail_msg("no checkpoint was saved within 600 s (or the run ended)");
        }
        usleep(20000);
    }
    /* every rank has its handlers (the last one to start too) */
    for (int r = 0; r < k; r++) {
        pid_t rp = rank_pid(pid, r);
        if (rp < 0 || !catches(rp, SIGTERM)) {
            kill(pid, SIGKILL);
            waitpid(pid, NULL, 0);
            fail_msg("rank %d never installed its handlers", r);
        }
    }
    stop(pid, k);
    int st = reap(pid, 300, NULL);
    char *so = sc_test_slurp(out, NULL), *se = sc_test_slurp(err, NULL);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != want || !strstr(se, said) ||
        !strstr(se, "draws done on") || stat(o, &sb) == 0 || strstr(se, "nothing to report")) {
        fail_msg("status %d, stdout:\n%.300s\nstderr:\n%s", st, so, se);
    }
    json_error_t je;
    json_t *doc = json_loads(so, 0, &je);
    if (!doc) {
        fail_msg("stdout is not the JSON report (%s):\n%.300s", je.text, so);
    }
    json_t *mc = json_object_get(json_object_get(json_object_get(doc, "models"), "claims"),
                                 "monte_carlo");
    if (!mc || !json_is_false(json_object_get(mc, "complete")) ||
        json_integer_value(json_object_get(mc, "draws")) <= 0) {
        fail_msg("the Monte Carlo is not marked incomplete:\n%.2000s", so);
    }
    json_decref(doc);
    unlink(ck);
    free(so);
    free(se);
}

/* SIGUSR1 to mpirun, which forwards it to every rank (SIGINT on mpirun kills the job). */
static void usr1_to_mpirun(pid_t mpirun, int k)
{
    (void)k;
    assert_int_equal(kill(mpirun, SIGUSR1), 0);
}

/* SIGTERM to the last rank only: it stops, rank 0 learns it from its END and stops the rest. */
static void term_to_last_rank(pid_t mpirun, int k)
{
    pid_t rp = rank_pid(mpirun, k - 1);
    assert_true(rp > 0);
    assert_int_equal(kill(rp, SIGTERM), 0);
}

static void test_mpi_usr1(void **state)
{
    (void)state;
    mpi_case(2, 130, usr1_to_mpirun, "interrupted by SIGINT");
}

static void test_mpi_one_rank_sigterm(void **state)
{
    (void)state;
    mpi_case(3, 143, term_to_last_rank, "interrupted by SIGTERM");
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_war_sigint),
        cmocka_unit_test(test_war_sigterm_json),
        cmocka_unit_test(test_solve_sigint),
        cmocka_unit_test(test_run_draws_sigint),
        cmocka_unit_test(test_run_sigint_after_the_draws),
        cmocka_unit_test(test_landscape_sigint),
        cmocka_unit_test(test_simpdiv_sigterm),
        cmocka_unit_test(test_lp_sigint),
        cmocka_unit_test(test_lp_time_limit),
        cmocka_unit_test(test_tree_lp_lcp_sigint),
        cmocka_unit_test(test_tree_time_limit),
        cmocka_unit_test(test_progress_on_a_terminal),
        cmocka_unit_test(test_solve_progress_on_a_terminal),
        cmocka_unit_test(test_forecast_eum_sigint),
        cmocka_unit_test(test_forecast_bargaining_sigterm),
        cmocka_unit_test(test_forecast_bargaining_inner_sigint),
        cmocka_unit_test(test_forecast_smp_sigint),
        cmocka_unit_test(test_forecast_eum_run_sigint),
        cmocka_unit_test(test_forecast_smp_run_sigterm),
        cmocka_unit_test(test_landscape_k_sigterm),
#ifdef SC_TEST_MPIEXEC
        cmocka_unit_test(test_mpi_usr1),
        cmocka_unit_test(test_mpi_one_rank_sigterm),
#endif
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
