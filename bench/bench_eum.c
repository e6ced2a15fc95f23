/* SPDX-License-Identifier: MIT */
/*
 * EUM benchmark: forecasts per second on the emissions table (10 rounds, Scholz variant), and
 * time per round for n = 10, 100, 1000 actors, fast path against the naive O(n^3) oracle where
 * the oracle is affordable. --quick: the emissions table and n = 10, 100 only.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eum/eum_internal.h"
#include "statecraft/rng.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef sc_status (*runner)(size_t, const double *, const double *, const double *,
                            const sc_eum_params *, sc_eum_result **, sc_diag *);

/* Seconds per round, averaged over enough repetitions to last about `budget` seconds. */
static double per_round(runner f, size_t n, const double *c, const double *x, const double *s,
                        sc_eum_variant v, int rounds, double budget)
{
    sc_eum_params p;
    sc_eum_params_init(&p);
    p.variant = v;
    p.rounds = rounds;
    sc_diag d;
    sc_diag_init(&d);
    int reps = 0;
    double t0 = now(), t;
    do {
        sc_eum_result *r = NULL;
        if (f(n, c, x, s, &p, &r, &d) != SC_OK) {
            sc_diag_print(&d, stderr);
            exit(1);
        }
        sc_eum_result_free(r);
        reps++;
        t = now() - t0;
    } while (t < budget);
    return t / reps / rounds;
}

int main(int argc, char **argv)
{
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    static const double ec[10] = {.08, .08, .03, .16, .16, .16, .16, .05, .05, .08};
    static const double ex[10] = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
    static const double es[10] = {.8, .4, .2, .8, .6, .6, .9, .1, 1, .7};
    double fast = per_round(sc_eum_run, 10, ec, ex, es, SC_EUM_SCHOLZ, 10, quick ? 0.2 : 1.0);
    double naive =
        per_round(sc__eum_run_naive, 10, ec, ex, es, SC_EUM_SCHOLZ, 10, quick ? 0.2 : 1.0);
    printf("EUM (scholz), emissions table, 10 rounds: %.0f forecasts/s (naive %.0f/s, %.2fx)\n\n",
           1 / (10 * fast), 1 / (10 * naive), naive / fast);
    printf("%6s %14s %14s %10s\n", "n", "fast s/round", "naive s/round", "ratio");
    static const size_t ns[3] = {10, 100, 1000};
    size_t count = quick ? 2 : 3;
    double prev = 0;
    for (size_t k = 0; k < count; k++) {
        size_t n = ns[k];
        double *c = malloc(n * sizeof *c), *x = malloc(n * sizeof *x), *s = malloc(n * sizeof *s);
        sc_rng rng;
        sc_rng_init(&rng, 1994, n);
        for (size_t i = 0; i < n; i++) {
            c[i] = 0.01 + sc_rng_uniform(&rng);
            x[i] = 100 * sc_rng_uniform(&rng);
            s[i] = sc_rng_uniform(&rng);
        }
        int rounds = n >= 1000 ? 1 : 5;
        double tf = per_round(sc_eum_run, n, c, x, s, SC_EUM_SCHOLZ, rounds, quick ? 0.2 : 1.0);
        double tn = -1;
        if (n <= 100) {
            tn = per_round(sc__eum_run_naive, n, c, x, s, SC_EUM_SCHOLZ, rounds, quick ? 0.2 : 1.0);
        }
        printf("%6zu %14.6f ", n, tf);
        if (tn > 0) {
            printf("%14.6f %10.1f", tn, tn / tf);
        } else {
            printf("%14s %10s", "-", "-");
        }
        if (prev > 0) {
            printf("   growth x%.0f for 10x actors (n^%.2f)", tf / prev, log10(tf / prev));
        }
        printf("\n");
        prev = tf;
        free(c);
        free(x);
        free(s);
    }
    return 0;
}
