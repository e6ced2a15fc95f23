/* SPDX-License-Identifier: MIT */
/*
 * EUM benchmark.
 *  1. The fast O(n^2) round against the naive O(n^3) oracle: the same trajectory (checked, exit 1
 *     otherwise) and the time per round for n = 10, 100 (and 1000 for the fast path).
 *  2. The cost of honest answers against the published 10-round run: the game played until it
 *     converges or cycles (cap 100) plus the leave-one-out drivers, on the emissions table and
 *     on the built-in scenario after its events (every issue), for both variants; CPU time, so
 *     that other work on the machine does not change the ratio.
 *  3. 1,000 random actors played to convergence, drivers excluded (the target is under 10 s);
 *     the cap is 100 rounds (400 with --long).
 * --quick: the checks and small sizes only.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eum/eum_internal.h"
#include "statecraft/rng.h"
#include "statecraft/statecraft.h"

static double wall(void)
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

typedef sc_status (*runner)(size_t, const double *, const double *, const double *,
                            const sc_eum_params *, sc_eum_result **, sc_diag *);

static sc_eum_result *play(runner f, size_t n, const double *c, const double *x, const double *s,
                           const sc_eum_params *p)
{
    sc_diag d;
    sc_diag_init(&d);
    sc_eum_result *r = NULL;
    if (f(n, c, x, s, p, &r, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        exit(1);
    }
    return r;
}

/* CPU seconds per round on one thread (fixed rounds), averaged over enough repetitions to last
 * about `budget` (CPU time: the machine is shared). */
static double per_round(runner f, size_t n, const double *c, const double *x, const double *s,
                        int rounds, double budget)
{
    sc_eum_params p;
    sc_eum_params_init(&p);
    p.stop = SC_EUM_STOP_FIXED;
    p.rounds = rounds;
    p.threads = 1;
    int reps = 0;
    double t0 = cpu(), t;
    do {
        sc_eum_result_free(play(f, n, c, x, s, &p));
        reps++;
        t = cpu() - t0;
    } while (t < budget);
    return t / reps / rounds;
}

/* The fast path must play the oracle's game: positions within 1e-9 of the scale, same moves. */
static int same_game(size_t n, const double *c, const double *x, const double *s, int rounds)
{
    int ok = 1;
    for (int v = 0; v < 2; v++) {
        sc_eum_params p;
        sc_eum_params_init(&p);
        p.variant = (sc_eum_variant)v;
        p.stop = SC_EUM_STOP_FIXED;
        p.rounds = rounds;
        sc_eum_result *a = play(sc_eum_run, n, c, x, s, &p);
        sc_eum_result *b = play(sc__eum_run_naive, n, c, x, s, &p);
        ok &= a->rounds == b->rounds;
        for (size_t k = 0; ok && k < (size_t)(a->rounds + 1) * n; k++) {
            ok &= fabs(a->positions[k] - b->positions[k]) <= 1e-7;
        }
        for (size_t k = 0; ok && k < (size_t)a->rounds * n; k++) {
            ok &= a->moves[k].kind == b->moves[k].kind;
        }
        sc_eum_result_free(a);
        sc_eum_result_free(b);
    }
    return ok;
}

/* What an honest forecast costs on one scenario state: every issue played (fixed 10 rounds, or
 * to convergence), with or without the leave-one-out drivers. */
enum { COST_TEN, COST_CONVERGE, COST_HONEST };

/* CPU seconds of one repetition of `mode` under variant v, averaged over as many repetitions as
 * last `budget` seconds of CPU time (a 10-round run takes tens of microseconds). */
static double honest_cost(const sc_scenario *s, int mode, sc_eum_variant v, double budget)
{
    sc_diag d;
    sc_diag_init(&d);
    double t0 = cpu();
    int reps = 0;
    for (; reps == 0 || cpu() - t0 < budget; reps++) {
        for (size_t j = 0; j < sc_scenario_issue_count(s); j++) {
            sc_eum_issue is;
            if (sc_eum_issue_from_scenario(s, j, &is, &d) != SC_OK) {
                continue;
            }
            sc_eum_params p;
            sc_eum_params_init(&p);
            p.variant = v;
            p.scale = is.scale;
            p.threads = 1;
            if (mode == COST_TEN) {
                p.stop = SC_EUM_STOP_FIXED;
                p.rounds = 10;
            }
            sc_eum_result *r = play(sc_eum_run, is.n, is.c, is.x, is.s, &p);
            if (mode == COST_HONEST && is.n >= 3) {
                sc_eum_driver *dr = malloc(is.n * sizeof *dr);
                if (!dr || sc_eum_drivers(is.n, is.c, is.x, is.s, &p, r->forecast, dr, &d) != SC_OK) {
                    exit(1);
                }
                free(dr);
            }
            sc_eum_result_free(r);
            sc_eum_issue_destroy(&is);
        }
    }
    return (cpu() - t0) / reps;
}

/* Rounds played by the honest forecast (outside the timing): the full games' and the replays'
 * (each replay without one actor, played here by hand as the reference). Checks that the
 * drivers are those replays, bit for bit, with one thread and with two; returns 0 if not. */
static int honest_rounds(const sc_scenario *s, sc_eum_variant v, int *full, int *replays,
                         int *games)
{
    int ok = 1;
    sc_diag d;
    sc_diag_init(&d);
    *full = *replays = *games = 0;
    for (size_t j = 0; j < sc_scenario_issue_count(s); j++) {
        sc_eum_issue is;
        if (sc_eum_issue_from_scenario(s, j, &is, &d) != SC_OK) {
            continue;
        }
        sc_eum_params p;
        sc_eum_params_init(&p);
        p.variant = v;
        p.scale = is.scale;
        p.threads = 1;
        sc_eum_result *r = play(sc_eum_run, is.n, is.c, is.x, is.s, &p);
        *full += r->rounds;
        (*games)++;
        double forecast = r->forecast;
        sc_eum_result_free(r);
        size_t m = is.n - 1;
        sc_eum_driver *d1 = malloc(is.n * sizeof *d1), *d2 = malloc(is.n * sizeof *d2);
        if (!d1 || !d2) {
            exit(1);
        }
        if (is.n >= 3) {
            sc_eum_params p2 = p;
            p2.threads = 2;
            if (sc_eum_drivers(is.n, is.c, is.x, is.s, &p, forecast, d1, &d) != SC_OK ||
                sc_eum_drivers(is.n, is.c, is.x, is.s, &p2, forecast, d2, &d) != SC_OK) {
                sc_diag_print(&d, stderr);
                exit(1);
            }
            for (size_t k = 0; k < is.n; k++) {
                ok &= d1[k].actor == d2[k].actor &&
                      memcmp(&d1[k].delta, &d2[k].delta, sizeof(double)) == 0;
            }
        }
        double *c = malloc(m * sizeof *c), *x = malloc(m * sizeof *x), *sa = malloc(m * sizeof *sa);
        for (size_t k = 0; is.n >= 3 && k < is.n; k++) {
            for (size_t i = 0, q = 0; i < is.n; i++) {
                if (i != k) {
                    c[q] = is.c[i];
                    x[q] = is.x[i];
                    sa[q] = is.s[i];
                    q++;
                }
            }
            sc_eum_result *rk = NULL;
            if (sc_eum_run(m, c, x, sa, &p, &rk, &d) == SC_OK) {
                *replays += rk->rounds;
                (*games)++;
                /* the driver of actor k is this replay's forecast minus the full game's */
                for (size_t q = 0; q < is.n; q++) {
                    if (d1[q].actor == k) {
                        ok &= d1[q].delta == rk->forecast - forecast;
                    }
                }
            } else {
                ok = 0;
            }
            sc_eum_result_free(rk);
        }
        free(d1);
        free(d2);
        free(c);
        free(x);
        free(sa);
        sc_eum_issue_destroy(&is);
    }
    return ok;
}

/* Returns 0 when the drivers differ from the reference replays or between thread counts. */
static int cost_table(const char *name, const sc_scenario *s, double budget)
{
    int ok = 1;
    for (int v = 0; v < 2; v++) {
        sc_eum_variant var = (sc_eum_variant)v;
        double ten = honest_cost(s, COST_TEN, var, budget);
        double conv = honest_cost(s, COST_CONVERGE, var, budget);
        double all = honest_cost(s, COST_HONEST, var, budget);
        int full, replays, games;
        int same = honest_rounds(s, var, &full, &replays, &games);
        ok &= same;
        printf("%-20s %-8s %7.0f us %7.0f us %5.1fx %8.0f us %6.1fx %5d + %5d in %3d games%s\n",
               name, sc_eum_variant_name(var), 1e6 * ten, 1e6 * conv, conv / ten, 1e6 * all,
               all / ten, full, replays, games, same ? "" : "  DRIVERS != REPLAYS");
    }
    return ok;
}

int main(int argc, char **argv)
{
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    /* --long: the 1,000 actors get a cap of 400 rounds, to see whether they ever settle */
    int cap1000 = argc > 1 && strcmp(argv[1], "--long") == 0 ? 400 : 100;
    static const double ec[10] = {.08, .08, .03, .16, .16, .16, .16, .05, .05, .08};
    static const double ex[10] = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
    static const double es[10] = {.8, .4, .2, .8, .6, .6, .9, .1, 1, .7};
    int ok = same_game(10, ec, ex, es, 10);
    double fast = per_round(sc_eum_run, 10, ec, ex, es, 10, quick ? 0.2 : 1.0);
    double naive = per_round(sc__eum_run_naive, 10, ec, ex, es, 10, quick ? 0.2 : 1.0);
    printf("EUM (scholz), emissions table, 10 rounds: %.0f forecasts/s (naive %.0f/s, %.2fx)%s\n\n",
           1 / (10 * fast), 1 / (10 * naive), naive / fast, ok ? "" : "  FAST != NAIVE");
    printf("CPU time per round, one thread:\n%6s %14s %14s %10s\n", "n", "fast s/round",
           "naive s/round", "ratio");
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
        int rounds = n >= 1000 ? 2 : 5;
        double tf = per_round(sc_eum_run, n, c, x, s, rounds, quick ? 0.2 : 1.0);
        double tn = -1;
        if (n <= 100) {
            int same = same_game(n, c, x, s, 3);
            ok &= same;
            tn = per_round(sc__eum_run_naive, n, c, x, s, rounds, quick ? 0.2 : 1.0);
            if (!same) {
                printf("n = %zu: FAST != NAIVE\n", n);
            }
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
    /* the cost of honest answers */
    sc_diag d;
    sc_diag_init(&d);
    sc_scenario *em = NULL, *bi = NULL, *after = NULL;
    char path[1024];
    snprintf(path, sizeof path, "%s/reference/bdm/data/emissions_bdm1994.csv", SC_SHARED_DIR);
    if (sc_scenario_load(path, &em, &d) != SC_OK || sc_scenario_builtin(&bi, &d) != SC_OK ||
        sc_scenario_at(bi, NULL, &after, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        return 1;
    }
    printf("\nCPU time per forecast (one core, measured side by side): the published 10 fixed rounds, "
           "the game\nto convergence or a cycle (cap 100), and that plus the leave-one-out drivers; "
           "the rounds the\nhonest forecast plays (full games + replays without one actor)\n"
           "%-20s %-8s %10s %10s %6s %11s %7s %s\n",
           "input", "variant", "10 rounds", "converge", "ratio", "+ drivers", "ratio",
           "rounds played");
    ok &= cost_table("emissions (1 issue)", em, quick ? 0.05 : 1.0);
    ok &= cost_table("built-in (5 issues)", after, quick ? 0.05 : 1.0);
    sc_scenario_free(em);
    sc_scenario_free(bi);
    sc_scenario_free(after);
    if (!quick) {
        /* 1,000 actors to convergence */
        size_t n = 1000;
        double *c = malloc(n * sizeof *c), *x = malloc(n * sizeof *x), *s = malloc(n * sizeof *s);
        sc_rng rng;
        sc_rng_init(&rng, 2025, 1000);
        for (size_t i = 0; i < n; i++) {
            c[i] = 0.01 + sc_rng_uniform(&rng);
            x[i] = 100 * sc_rng_uniform(&rng);
            s[i] = sc_rng_uniform(&rng);
        }
        for (int v = 0; v < 2; v++) {
            sc_eum_params p;
            sc_eum_params_init(&p);
            p.variant = (sc_eum_variant)v;
            p.max_rounds = cap1000;
            double t0 = wall(), c0 = cpu();
            sc_eum_result *r = play(sc_eum_run, n, c, x, s, &p);
            double c1 = cpu() - c0, w1 = wall() - t0;
            /* still moving? the largest move of the last round, in points of the 0-100 scale */
            double last = 0;
            for (size_t i = 0; r->rounds > 0 && i < n; i++) {
                last = fmax(last, fabs(r->positions[(size_t)r->rounds * n + i] -
                                       r->positions[(size_t)(r->rounds - 1) * n + i]));
            }
            printf("\n1000 actors, %s: %s after %d rounds in %.2f s CPU (all threads), %.2f s "
                   "wall on one thread per core (target: under 10 s); the last round still moves "
                   "an actor by %.2f points of 100",
                   sc_eum_variant_name(p.variant), sc_eum_outcome_name(r->outcome), r->rounds, c1,
                   w1, last);
            /* and the forecast's own quantity: the median voter over the second half */
            double mlo = HUGE_VAL, mhi = -HUGE_VAL;
            for (int t = r->rounds / 2; t <= r->rounds; t++) {
                mlo = fmin(mlo, r->median[t]);
                mhi = fmax(mhi, r->median[t]);
            }
            printf("; the median voter spans %.2f to %.2f over rounds %d-%d", mlo, mhi,
                   r->rounds / 2, r->rounds);
            /* why it does not settle: how many actors still move, by how much, and whether the
             * forecast's own quantity (the median voter) has stopped moving while they do */
            double tol = p.tol * 100;
            int movers = 0, big = 0;
            for (size_t i = 0; r->rounds > 0 && i < n; i++) {
                double mv = fabs(r->positions[(size_t)r->rounds * n + i] -
                                 r->positions[(size_t)(r->rounds - 1) * n + i]);
                movers += mv > tol;
                big += mv > 1;
            }
            int since = r->rounds;
            while (since > 0 && fabs(r->median[since - 1] - r->median[r->rounds]) <= tol) {
                since--;
            }
            printf("; in the last round %d actors move by more than the tolerance (%.2f points), "
                   "%d by more than 1 point; the median voter has stood at %.2f since round %d",
                   movers, tol, big, r->median[r->rounds], since);
            sc_eum_result_free(r);
        }
        printf("\n");
        free(c);
        free(x);
        free(s);
    }
    return ok ? 0 : 1;
}
