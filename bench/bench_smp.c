/* SPDX-License-Identifier: MIT */
/*
 * SMP benchmark: statecraft against KTAB's own timings (shared/reference/ktab/perf/
 * ktab_times.csv, the -O2 "compute only" mode, same 2-core machine class) on the same inputs:
 * the bundled examples and the random 5-80 actor x 1-9 dimension scenarios. Each row also checks
 * that statecraft plays the same number of states as KTAB. Full mode: every input; --quick: the
 * three smallest. Times are the best of several runs of the model (the input already parsed).
 * Then the cost of honest answers (issue 18): KTAB's stopping rule against the game to
 * convergence or a cycle, and that plus the leave-one-out drivers, in CPU time on one thread, on
 * the built-in scenario after its events and on KTAB's SOE-Policy example.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scx/scx.h"
#include "statecraft/statecraft.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU seconds per repetition: the game under `stop`, and with `drivers` the leave-one-out
 * replays too; *turns: the turns of the full game. */
static double smp_cost(const sc_smp_input *in, sc_smp_stop stop, int drivers, int reps,
                       int *turns)
{
    sc_diag d;
    sc_diag_init(&d);
    sc_smp_params p;
    sc_smp_params_init(&p);
    p.stop = stop;
    p.threads = 1;
    double *delta = malloc(in->n * in->m * sizeof *delta);
    double t0 = cpu();
    for (int k = 0; k < reps; k++) {
        sc_smp_result *r = NULL;
        if (!delta || sc_smp_run(in, &p, &r, &d) != SC_OK ||
            (drivers && sc_smp_drivers(in, &p, r->forecast, delta, &d) != SC_OK)) {
            sc_diag_print(&d, stderr);
            exit(1);
        }
        *turns = r->turns;
        sc_smp_result_free(r);
    }
    free(delta);
    return (cpu() - t0) / reps;
}

/* The drivers against the reference: each one replayed by hand without its actor, and the
 * drivers computed with one thread and with two; 0 when any number differs in any bit. */
static int drivers_agree(const sc_smp_input *in)
{
    sc_diag d;
    sc_diag_init(&d);
    sc_smp_params p;
    sc_smp_params_init(&p);
    size_t n = in->n, m = in->m;
    sc_smp_result *all = NULL;
    double *one = malloc(n * m * sizeof *one), *two = malloc(n * m * sizeof *two);
    sc_smp_input sub = *in;
    sub.n = n - 1;
    sub.actor = malloc(n * sizeof *sub.actor);
    sub.cap = malloc(n * sizeof *sub.cap);
    sub.pos = malloc(n * m * sizeof *sub.pos);
    sub.sal = malloc(n * m * sizeof *sub.sal);
    sub.actor_desc = NULL;
    int ok = one && two && sub.actor && sub.cap && sub.pos && sub.sal &&
             sc_smp_run(in, &p, &all, &d) == SC_OK;
    p.threads = 1;
    ok = ok && sc_smp_drivers(in, &p, all->forecast, one, &d) == SC_OK;
    p.threads = 2;
    ok = ok && sc_smp_drivers(in, &p, all->forecast, two, &d) == SC_OK;
    ok = ok && memcmp(one, two, n * m * sizeof *one) == 0;
    for (size_t k = 0; ok && k < n; k++) {
        for (size_t i = 0, q = 0; i < n; i++) {
            if (i != k) {
                sub.actor[q] = in->actor[i];
                sub.cap[q] = in->cap[i];
                memcpy(sub.pos + q * m, in->pos + i * m, m * sizeof *sub.pos);
                memcpy(sub.sal + q * m, in->sal + i * m, m * sizeof *sub.sal);
                q++;
            }
        }
        sc_smp_result *r = NULL;
        ok = sc_smp_run(&sub, &p, &r, &d) == SC_OK;
        for (size_t j = 0; ok && j < m; j++) {
            ok = one[k * m + j] == r->forecast[j] - all->forecast[j];
        }
        sc_smp_result_free(r);
    }
    if (d.message[0]) {
        sc_diag_print(&d, stderr);
    }
    sc_smp_result_free(all);
    free(one);
    free(two);
    free(sub.actor);
    free(sub.cap);
    free(sub.pos);
    free(sub.sal);
    return ok;
}

static void honest_row(const char *name, const sc_smp_input *in, int reps)
{
    int tk = 0, tc = 0, th = 0;
    double ktab = smp_cost(in, SC_SMP_STOP_KTAB, 0, reps, &tk);
    double conv = smp_cost(in, SC_SMP_STOP_CONVERGE, 0, reps, &tc);
    double all = smp_cost(in, SC_SMP_STOP_CONVERGE, 1, reps, &th);
    printf("%-28s %8.0f us (%3d) %8.0f us (%3d) %5.1fx %9.0f us %6.1fx\n", name, 1e6 * ktab, tk,
           1e6 * conv, tc, conv / ktab, 1e6 * all, all / ktab);
}

static int honest_table(int quick)
{
    sc_diag d;
    sc_diag_init(&d);
    sc_scenario *bi = NULL, *after = NULL;
    sc_smp_input *in = NULL, *soe = NULL;
    char path[1024];
    snprintf(path, sizeof path, "%s/reference/ktab/examples/SOE-Policy.csv", SC_SHARED_DIR);
    char *text = NULL;
    size_t len = 0;
    if (sc_scenario_builtin(&bi, &d) != SC_OK || sc_scenario_at(bi, NULL, &after, &d) != SC_OK ||
        sc_smp_input_from_scenario(after, &in, &d) != SC_OK ||
        scx_file_read(path, (size_t)16 << 20, &text, &len, &d) != SC_OK ||
        sc_smp_read_ktab_csv(text, len, path, &soe, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        return 1;
    }
    sc_free(text);
    printf("\nCPU time per forecast (one thread, side by side): KTAB's stopping rule, the game to "
           "convergence\nor a cycle (cap 100), and that plus the leave-one-out drivers (turns "
           "played)\n%-28s %16s %16s %6s %12s %7s\n",
           "input", "KTAB rule", "converge", "ratio", "+ drivers", "ratio");
    honest_row("built-in, after the events", in, quick ? 2 : 20);
    if (!quick) {
        honest_row("SOE-Policy (26 x 1)", soe, 5);
    }
    int agree = drivers_agree(in);
    printf("drivers of the built-in scenario: %s\n",
           agree ? "the replays by hand, bit for bit, with 1 and 2 threads"
                 : "DIFFER FROM THE REPLAYS BY HAND OR BETWEEN THREAD COUNTS");
    sc_smp_input_free(in);
    sc_smp_input_free(soe);
    sc_scenario_free(after);
    sc_scenario_free(bi);
    return agree ? 0 : 1;
}

int main(int argc, char **argv)
{
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    char path[1024];
    snprintf(path, sizeof path, "%s/reference/ktab/perf/ktab_times.csv", SC_SHARED_DIR);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }
    char line[1024];
    int rows = 0, worst_ok = 1;
    double min_speedup = 1e300;
    printf("%-18s %4s %3s %7s %7s %12s %12s %10s\n", "scenario", "N", "M", "states", "KTAB st",
           "KTAB s", "statecraft s", "speedup");
    while (fgets(line, sizeof line, fp)) {
        if (strncmp(line, "O2compute,", 10) != 0) {
            continue;
        }
        char name[128];
        int n, m, states;
        double ktab;
        if (sscanf(line, "O2compute,%127[^,],%d,%d,%d,%lf", name, &n, &m, &states, &ktab) != 5) {
            continue;
        }
        if (quick && n > 7) {
            continue;
        }
        snprintf(path, sizeof path, "%s/reference/ktab/%s/%s.csv", SC_SHARED_DIR,
                 strncmp(name, "rand-", 5) == 0 ? "perf" : "examples", name);
        char *text = NULL;
        size_t len = 0;
        sc_diag d;
        sc_diag_init(&d);
        sc_smp_input *in = NULL;
        if (scx_file_read(path, (size_t)16 << 20, &text, &len, &d) != SC_OK ||
            sc_smp_read_ktab_csv(text, len, path, &in, &d) != SC_OK) {
            sc_diag_print(&d, stderr);
            return 1;
        }
        sc_free(text);
        double best = 1e300;
        int mine_states = 0;
        sc_smp_params kp; /* KTAB's stopping rule: the states KTAB played */
        sc_smp_params_init(&kp);
        kp.stop = SC_SMP_STOP_KTAB;
        for (int rep = 0; rep < (quick ? 2 : 5); rep++) {
            sc_smp_result *r = NULL;
            double t0 = now();
            if (sc_smp_run(in, &kp, &r, &d) != SC_OK) {
                sc_diag_print(&d, stderr);
                return 1;
            }
            double t = now() - t0;
            best = t < best ? t : best;
            mine_states = r->turns + 1;
            sc_smp_result_free(r);
        }
        sc_smp_input_free(in);
        double speed = ktab / best;
        min_speedup = speed < min_speedup ? speed : min_speedup;
        worst_ok &= mine_states == states;
        printf("%-18s %4d %3d %7d %7d %12.3f %12.5f %9.0fx%s\n", name, n, m, mine_states, states,
               ktab, best, speed, mine_states == states ? "" : "  (state count differs)");
        rows++;
    }
    fclose(fp);
    printf("\n%d inputs; smallest speedup %.0fx; state counts %s KTAB's\n", rows, min_speedup,
           worst_ok ? "all equal" : "NOT all equal to");
    if (honest_table(quick) != 0) {
        return 1;
    }
    return worst_ok ? 0 : 1;
}
