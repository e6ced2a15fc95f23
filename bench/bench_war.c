/* SPDX-License-Identifier: MIT */
/*
 * War-termination benchmark: simulated wars per second on the built-in scenario (its war
 * section after the events, the report's no-lever row) and on war.md's T6 set-up, with 1 thread
 * and with all cores. The output is identical for any thread count (checked here); only the time
 * differs. The time includes building the belief tables, which is reported on its own too.
 * --quick: the built-in scenario with 2,000 runs.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "statecraft/statecraft.h"
#include "statecraft/war.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Wall time of a simulation; *cpu gets the process CPU time it took (on a shared machine the
 * CPU time of a one-thread run is the honest per-core figure). */
static double timed(sc_war_params *p, unsigned threads, sc_war_result **out, double *cpu)
{
    p->threads = threads;
    sc_diag d;
    sc_diag_init(&d);
    double t0 = now(), c0 = cpu_now();
    if (sc_war_simulate(p, out, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        return -1;
    }
    if (cpu) {
        *cpu = cpu_now() - c0;
    }
    return now() - t0;
}

static int builtin(sc_war_params *p)
{
    sc_scenario *s = NULL, *at = NULL;
    sc_diag d;
    sc_diag_init(&d);
    const char *a, *b, *m;
    int ok = sc_scenario_builtin(&s, &d) == SC_OK && sc_scenario_at(s, NULL, &at, &d) == SC_OK &&
             sc_war_params_from_scenario(at, p, &a, &b, &m, &d) == SC_OK;
    if (!ok) {
        sc_diag_print(&d, stderr);
    }
    sc_scenario_free(at);
    sc_scenario_free(s);
    return ok;
}

int main(int argc, char **argv)
{
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    printf("war Monte Carlo: simulated wars per second (tables included)\n%-34s %8s %9s %12s "
           "%12s %12s %10s\n",
           "set-up", "runs", "battles", "per core/s", "1 thread/s", "all cores/s", "tables ms");
    sc_war_params cases[3];
    const char *names[3] = {"built-in scenario, no lever", "T6, predictive beliefs",
                            "T6, plug-in beliefs (war.md)"};
    if (!builtin(&cases[0])) {
        return 1;
    }
    sc_war_params_init(&cases[1]);
    cases[2] = cases[1];
    cases[2].beliefs = SC_WAR_PLUG_IN;
    size_t n_cases = quick ? 1 : 3;
    for (size_t i = 0; i < n_cases; i++) {
        sc_war_params p = cases[i];
        /* the tables' share of the time: the same set-up with a single run */
        p.runs = 1;
        sc_war_result *r1 = NULL, *rn = NULL;
        double t_tab = timed(&p, 1, &r1, NULL);
        sc_war_result_free(r1);
        r1 = NULL;
        p.runs = quick ? 2000 : 200000;
        double cpu1;
        double t1 = timed(&p, 1, &r1, &cpu1);
        double tn = timed(&p, 0, &rn, NULL);
        if (t1 < 0 || tn < 0 || t_tab < 0 || r1->mean_battles != rn->mean_battles ||
            memcmp(r1->curve, rn->curve, ((size_t)p.horizon + 1) * sizeof *r1->curve) != 0) {
            fprintf(stderr, "failed or thread-dependent\n");
            return 1;
        }
        printf("%-34s %8zu %9.1f %12.0f %12.0f %12.0f %10.1f\n", names[i], p.runs,
               r1->mean_battles, (double)p.runs / cpu1, (double)p.runs / t1, (double)p.runs / tn,
               1000 * t_tab);
        sc_war_result_free(r1);
        sc_war_result_free(rn);
    }
    /* the tables of one Monte Carlo draw (sc_war_params::fast_tables, docs/uncertainty.md): both
     * sides' tables of the built-in front, CPU per draw. Each repetition moves both priors in
     * their tenth digit so that no table is reused from the thread's cache; the same number of
     * one-run simulations on cached tables is subtracted. */
    sc_war_params p = cases[0];
    p.fast_tables = 1;
    p.runs = 1;
    p.threads = 1;
    int reps = quick ? 10 : 200;
    double cpu_tab = 0, cpu_run = 0;
    for (int pass = 0; pass < 2; pass++) {
        double c0 = cpu_now();
        for (int i = 0; i < reps; i++) {
            double f = pass == 0 ? 1 + 1e-10 * (i + 1) : 1;
            p.prior_a[0] = cases[0].prior_a[0] * f;
            p.prior_b[0] = cases[0].prior_b[0] * f;
            sc_war_result *r = NULL;
            if (timed(&p, 1, &r, NULL) < 0) {
                return 1;
            }
            sc_war_result_free(r);
        }
        *(pass == 0 ? &cpu_tab : &cpu_run) = cpu_now() - c0;
    }
    printf("a draw's belief tables (fixed rule, both sides, built-in front): %.2f ms CPU "
           "(%d builds)\n",
           1000 * (cpu_tab - cpu_run) / reps, reps);
    return 0;
}
