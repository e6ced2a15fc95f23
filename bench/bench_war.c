/* SPDX-License-Identifier: MIT */
/*
 * War-termination benchmark: Monte Carlo runs per second on war.md's T6 set-up and on longer
 * fronts, with 1 thread and with all cores (the output is identical; only the time differs).
 * --quick: T6 with 2,000 runs.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "statecraft/war.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double timed(sc_war_params *p, unsigned threads, double *mean_battles)
{
    p->threads = threads;
    sc_war_result *r = NULL;
    sc_diag d;
    sc_diag_init(&d);
    double t0 = now();
    if (sc_war_simulate(p, &r, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        return -1;
    }
    double t = now() - t0;
    *mean_battles = r->mean_battles;
    sc_war_result_free(r);
    return t;
}

int main(int argc, char **argv)
{
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    printf("war Monte Carlo: runs per second\n%-28s %8s %10s %12s %12s %10s\n", "set-up", "runs",
           "battles", "1 thread/s", "all cores/s", "speedup");
    struct {
        const char *name;
        int front, start;
        double cost, prior;
    } cases[] = {{"T6 (N=20, c=0.002)", 20, 10, 0.002, 40},
                 {"N=100, c=0.0004", 100, 50, 0.0004, 40},
                 {"N=1000, c=0.00004", 1000, 500, 0.00004, 40}};
    size_t n_cases = quick ? 1 : 3;
    for (size_t i = 0; i < n_cases; i++) {
        sc_war_params p;
        sc_war_params_init(&p);
        p.front = cases[i].front;
        p.start = cases[i].start;
        p.cost_a = p.cost_b = cases[i].cost;
        p.runs = quick ? 2000 : 100000;
        p.horizon = 1000000;
        double mb1, mbn;
        double t1 = timed(&p, 1, &mb1);
        double tn = timed(&p, 0, &mbn);
        if (t1 < 0 || tn < 0 || mb1 != mbn) {
            fprintf(stderr, "failed or thread-dependent\n");
            return 1;
        }
        printf("%-28s %8zu %10.1f %12.0f %12.0f %10.2f\n", cases[i].name, p.runs, mb1,
               (double)p.runs / t1, (double)p.runs / tn, t1 / tn);
    }
    return 0;
}
