/* SPDX-License-Identifier: MIT */
/*
 * Monte Carlo benchmark on the built-in scenario (issue 12, docs/uncertainty.md): draws per
 * second per core; the cost of one base row of the sensitivity design; scaling from 1 to 2
 * threads (in this process) and from 1 to 4 MPI processes (the CLI under mpirun); memory as N
 * grows (peak RSS of CLI runs of increasing N); and the target run, `statecraft run --draws
 * 10000` with every claim, headline and sensitivity. CPU time is reported beside wall time: the
 * machine is shared, and CPU time does not depend on what else runs. Results must be the same
 * bytes for 1 and 2 threads and 1 to 4 processes, or the benchmark fails.
 * --quick: small runs only (the suite checks that the benchmark still works).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* wait4: each child's own CPU time and peak memory */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "montecarlo/mc_internal.h"

static double wall(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static char *result(const sc_mc *mc)
{
    sc_run_opts ro;
    sc_run_opts_init(&ro);
    ro.mc = mc;
    sc_state st = {NULL, SC_EVENTS_BEFORE, NULL};
    sc__section_in in = {mc->s, &st, mc->s, &ro, 0};
    json_t *out = json_object();
    sc__claims_section(&in, out, NULL);
    char *t = json_dumps(out, JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
    json_decref(out);
    return t;
}

/* Runs a Monte Carlo in this process; *cpu_s and *wall_s its costs (planning excluded). */
static char *run(const sc_scenario *s, size_t n, size_t m, unsigned threads, double *cpu_s,
                 double *wall_s)
{
    sc_mc_opts o;
    sc_mc_opts_init(&o);
    o.draws = n;
    o.sensitivity_draws = m;
    o.threads = threads;
    sc_mc *mc = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_mc_new(s, &o, &mc, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        exit(1);
    }
    double c0 = cpu(), w0 = wall();
    if (sc_mc_run(mc, NULL, 0, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        exit(1);
    }
    *cpu_s = cpu() - c0;
    *wall_s = wall() - w0;
    char *t = result(mc);
    sc_mc_free(mc);
    return t;
}

/* Runs the CLI (under mpirun when ranks > 0); returns its wall time, *cpu_s its children's CPU
 * time and *rss_kb the peak resident memory of the largest process. */
static double cli(const char *args, int ranks, const char *out, double *cpu_s, long *rss_kb)
{
    char cmd[4096];
    if (ranks > 0) {
        snprintf(cmd, sizeof cmd,
                 "exec %s --oversubscribe --allow-run-as-root -n %d %s %s -o %s > /dev/null 2>&1",
                 SC_MPIEXEC, ranks, SC_CLI_PATH, args, out);
    } else {
        snprintf(cmd, sizeof cmd, "exec %s %s -o %s > /dev/null 2>&1", SC_CLI_PATH, args, out);
    }
    double w0 = wall();
    pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench_montecarlo: '%s' failed\n", cmd);
        exit(1);
    }
    /* the shell exec'd the program, so wait4 reports it (mpirun counts its ranks' time) */
    *cpu_s = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
             (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
    *rss_kb = ru.ru_maxrss;
    return wall() - w0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    if (b) {
        b[n] = '\0';
    }
    fclose(f);
    return b;
}

int main(int argc, char **argv)
{
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    sc_scenario *s = NULL;
    if (sc_scenario_builtin(&s, NULL) != SC_OK) {
        return 1;
    }
    printf("Monte Carlo on the built-in scenario: %zu uncertain inputs, %zu claims\n",
           sc_scenario_input_count(s), sc_scenario_claim_count(s));
    /* draws per second per core */
    size_t n = quick ? 10 : 1000;
    double c1, w1, c2, w2;
    char *r1 = run(s, n, 0, 1, &c1, &w1);
    printf("draws (no sensitivity), 1 thread:  %zu draws, %.2f s CPU, %.2f s wall: %.0f draws/s "
           "per core (%.2f ms CPU per draw)\n",
           n, c1, w1, (double)n / c1, 1e3 * c1 / (double)n);
    char *r2 = run(s, n, 0, 2, &c2, &w2);
    if (strcmp(r1, r2) != 0) {
        fprintf(stderr, "bench_montecarlo: 1 and 2 threads differ\n");
        return 1;
    }
    printf("draws (no sensitivity), 2 threads: %.2f s CPU, %.2f s wall; speed-up %.2f (wall), "
           "the same bytes\n",
           c2, w2, w1 / w2);
    free(r1);
    free(r2);
    /* the sensitivity design: cost of one base row beyond its two draws (k rows A_B^(i),
     * reusing what an input cannot reach; 2M draws so that rows A and B are draws, as in the
     * default design) */
    size_t m = quick ? 2 : 50;
    double c3, w3;
    char *r3 = run(s, 2 * m, m, 1, &c3, &w3);
    double row = (c3 - c1 * (double)(2 * m) / (double)n) / (double)m;
    printf("sensitivity: %zu base rows with %zu inputs over %zu draws, %.2f s CPU: %.1f ms CPU "
           "per base row beyond its draws (%.1f draws' worth)\n",
           m, sc_scenario_input_count(s), 2 * m, c3, 1e3 * row, row / (c1 / (double)n));
    free(r3);
    /* the CLI: 1 to 4 MPI processes give the same bytes; memory as N grows */
    char a[256], b[256], args[512];
    snprintf(a, sizeof a, "/tmp/bench_mc_%d_a.json", (int)getpid());
    snprintf(b, sizeof b, "/tmp/bench_mc_%d_b.json", (int)getpid());
    size_t nm = quick ? 10 : 1000;
    snprintf(args, sizeof args,
             "run --draws %zu --sensitivity-draws %zu --threads 1 --format json", nm, nm / 20);
    double cc, w0;
    long rss;
    w0 = cli(args, 0, a, &cc, &rss);
    printf("CLI, one process:   %zu draws, %.2f s wall, %.2f s CPU, peak RSS %ld KB\n", nm, w0, cc,
           rss);
#ifdef SC_MPIEXEC
    char *base = slurp(a);
    int ranks[] = {1, 2, 4};
    for (int i = quick ? 1 : 0; i < (quick ? 2 : 3); i++) {
        double wm = cli(args, ranks[i], b, &cc, &rss);
        char *other = slurp(b);
        if (!base || !other || strcmp(base, other) != 0) {
            fprintf(stderr, "bench_montecarlo: mpirun -n %d printed other bytes\n", ranks[i]);
            return 1;
        }
        free(other);
        printf("CLI, mpirun -n %d: %.2f s wall (%.2f of one process's), the same bytes\n",
               ranks[i], wm, wm / w0);
    }
    free(base);
#else
    printf("CLI under mpirun: not built with MPI\n");
#endif
    size_t sizes[] = {100, 1000, 10000};
    for (int i = 0; i < (quick ? 0 : 3); i++) {
        snprintf(args, sizeof args, "run --draws %zu --sensitivity-draws 0 --format json",
                 sizes[i]);
        double wt = cli(args, 0, a, &cc, &rss);
        printf("memory: %6zu draws, peak RSS %6ld KB (%.1f s wall)\n", sizes[i], rss, wt);
    }
    if (!quick) {
        double wt = cli("run --draws 10000", 0, a, &cc, &rss);
        /* the default design has min(ceil(N/20), 250) base rows (N/10 before 2026-12-06, N/20
         * uncapped before 2026-12-07): 250 here */
        printf("target: statecraft run --draws 10000 (every claim, every headline, sensitivity "
               "on the default design of 250 base rows): %.1f s wall, %.1f s CPU, peak RSS %ld "
               "KB (item 6: under 60 s wall)\n",
               wt, cc, rss);
    }
    remove(a);
    remove(b);
    sc_scenario_free(s);
    return 0;
}
