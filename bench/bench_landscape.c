/* SPDX-License-Identifier: MIT */
/*
 * Landscape benchmark: the exhaustive two-bloc search (every configuration, Gray-code order) and
 * the pruned exact search at n = 20, 24, 28, 32 (issue target: n = 32 under 2 s on 2 cores), with
 * one thread and with all cores, checking that all four runs agree bit for bit; then the k-bloc
 * branch and bound. --quick runs n = 16, 20 and k-blocs at n = 12.
 * Every run checks its answers (exit 1 otherwise): the four two-bloc runs agree bit for bit and,
 * up to n = 16, with the enumeration oracle; a k-bloc search that stops early (node budget) is a
 * failure in --quick, and up to n = 14 its energy is the enumeration oracle's.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "landscape/landscape_internal.h"
#include "statecraft/landscape.h"
#include "statecraft/rng.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void instance(size_t n, double *size, double *prop)
{
    sc_rng rng;
    sc_rng_init(&rng, 1993, n);
    for (size_t i = 0; i < n; i++) {
        size[i] = 0.01 + sc_rng_uniform(&rng);
        prop[i * n + i] = 0;
        for (size_t j = 0; j < i; j++) {
            prop[i * n + j] = prop[j * n + i] = 2 * sc_rng_uniform(&rng) - 1;
        }
    }
}

typedef sc_status (*search_fn)(size_t, const double *, const double *,
                                const sc_landscape_params *, sc_landscape_result **, sc_diag *);

/* Times one search; *out receives the result (caller frees). */
static double time_search(search_fn fn, size_t n, const double *size, const double *prop,
                          unsigned threads, sc_landscape_result **out)
{
    sc_landscape_params p;
    sc_landscape_params_init(&p);
    p.threads = threads;
    sc_diag d;
    sc_diag_init(&d);
    double t0 = now();
    if (fn(n, size, prop, &p, out, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        exit(1);
    }
    return now() - t0;
}

/* Bit-identical results are part of the contract: the benchmark refuses to report otherwise. */
static int same(const sc_landscape_result *a, const sc_landscape_result *b)
{
    if (a->n_minima != b->n_minima || a->n_kept != b->n_kept) {
        return 0;
    }
    for (size_t k = 0; k < a->n_kept; k++) {
        if (a->minima[k].mask != b->minima[k].mask ||
            memcmp(&a->minima[k].energy, &b->minima[k].energy, sizeof(double)) != 0) {
            return 0;
        }
    }
    return 1;
}

/* Against the oracle: the same minima (masks, in order) and energies within rounding (it sums
 * the same terms in another order). */
static int same_minima(const sc_landscape_result *a, const sc_landscape_result *oracle)
{
    if (a->n_minima != oracle->n_minima || a->n_kept != oracle->n_kept) {
        return 0;
    }
    for (size_t k = 0; k < a->n_kept; k++) {
        double e = oracle->minima[k].energy;
        if (a->minima[k].mask != oracle->minima[k].mask ||
            !(fabs(a->minima[k].energy - e) <= 1e-12 * (1 + fabs(e)))) {
            return 0;
        }
    }
    return 1;
}

int main(int argc, char **argv)
{
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    static const size_t full[] = {20, 24, 28, 32};
    static const size_t small[] = {16, 20};
    const size_t *ns = quick ? small : full;
    size_t count = quick ? 2 : 4;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    printf("landscape two-bloc search, random instances (seed 1993), %ld cores\n", cores);
    printf("exhaustive = every configuration in Gray-code order (sc_landscape_search2_gray);\n"
           "pruned = exact depth-first search with frustration bounds (sc_landscape_search2)\n");
    printf("%4s %14s %12s %12s %10s %12s %12s %8s\n", "n", "configurations", "exh 1 thr s",
           "exh all s", "ns/config", "pruned 1 s", "pruned all s", "minima");
    for (size_t k = 0; k < count; k++) {
        size_t n = ns[k];
        double *size = malloc(n * sizeof *size), *prop = malloc(n * n * sizeof *prop);
        sc_landscape_result *r[4] = {NULL, NULL, NULL, NULL};
        instance(n, size, prop);
        double te1 = time_search(sc_landscape_search2_gray, n, size, prop, 1, &r[0]);
        double ten = time_search(sc_landscape_search2_gray, n, size, prop, 0, &r[1]);
        double tp1 = time_search(sc_landscape_search2, n, size, prop, 1, &r[2]);
        double tpn = time_search(sc_landscape_search2, n, size, prop, 0, &r[3]);
        if (!same(r[0], r[1]) || !same(r[0], r[2]) || !same(r[0], r[3])) {
            fprintf(stderr, "n = %zu: the searches or thread counts disagree\n", n);
            return 1;
        }
        if (n <= 16) {
            sc_landscape_result *oracle = NULL;
            sc_diag d;
            sc_diag_init(&d);
            if (sc__landscape_search2_naive(n, size, prop, &oracle, &d) != SC_OK) {
                sc_diag_print(&d, stderr);
                return 1;
            }
            int agree = same_minima(r[0], oracle);
            sc_landscape_result_free(oracle);
            if (!agree) {
                fprintf(stderr, "n = %zu: the searches disagree with the enumeration oracle\n", n);
                return 1;
            }
        }
        double configs = (double)(1ULL << (n - 1));
        printf("%4zu %14.0f %12.4f %12.4f %10.3f %12.4f %12.4f %8zu\n", n, configs, te1, ten,
               1e9 * te1 / configs, tp1, tpn, r[0]->n_minima);
        for (size_t q = 0; q < 4; q++) {
            sc_landscape_result_free(r[q]);
        }
        free(size);
        free(prop);
    }
    /* k blocs: exact branch and bound */
    static const size_t kn_full[] = {12, 16, 20, 24};
    static const size_t kn_quick[] = {12};
    const size_t *kn = quick ? kn_quick : kn_full;
    size_t kc = quick ? 1 : 4;
    printf("\nk-bloc branch and bound (k = 3, same instances)\n%4s %12s %14s %14s\n", "n",
           "seconds", "nodes", "energy");
    for (size_t k = 0; k < kc; k++) {
        size_t n = kn[k];
        double *size = malloc(n * sizeof *size), *prop = malloc(n * n * sizeof *prop);
        int *lab = malloc(n * sizeof *lab);
        instance(n, size, prop);
        sc_diag d;
        sc_diag_init(&d);
        double e = 0;
        uint64_t nodes = 0;
        double t0 = now();
        sc_status rc = sc_landscape_search_k(n, size, prop, 3, 2000000000ULL, NULL, lab, &e, &nodes, &d);
        double t = now() - t0;
        if (rc == SC_OK) {
            printf("%4zu %12.4f %14llu %14.6f\n", n, t, (unsigned long long)nodes, e);
        } else {
            printf("%4zu %12.4f %14s (%s)\n", n, t, "stopped", d.message);
        }
        int ok = rc == SC_OK || !quick; /* the full run may report where the budget ends */
        if (rc == SC_OK && n <= 14) {
            /* the oracle enumerates every labelling; the optimum energy must be the same (the
             * labels may differ between equal-energy optima; both sum the same terms in a
             * different order, hence the relative 1e-12) */
            int *olab = malloc(n * sizeof *olab);
            double oe = 0;
            sc_diag_init(&d);
            ok = olab && sc__landscape_search_k_naive(n, size, prop, 3, olab, &oe, &d) == SC_OK &&
                 fabs(e - oe) <= 1e-12 * (1 + fabs(oe)) &&
                 fabs(sc_landscape_energy(n, size, prop, lab) - e) <= 1e-12 * (1 + fabs(e));
            if (!ok) {
                fprintf(stderr, "n = %zu: k-bloc energy %.17g, the enumeration oracle's %.17g\n",
                        n, e, oe);
            }
            free(olab);
        }
        if (!ok) {
            fprintf(stderr, "n = %zu: the k-bloc search %s\n", n,
                    rc == SC_OK ? "disagrees with the oracle" : "stopped before it was exact");
        }
        free(size);
        free(prop);
        free(lab);
        if (!ok) {
            return 1;
        }
    }
    return 0;
}
