/*
 * Landscape benchmark: the exhaustive two-bloc search at n = 20, 24, 28, 32 (issue target:
 * n = 32 under 2 s on 2 cores), with 1 thread and with all cores, against the plain Gray-code
 * exhaustive search (O(n) per configuration) where it is affordable. --quick runs n = 16, 20.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

static double time_search(size_t n, const double *size, const double *prop, unsigned threads,
                          size_t *minima)
{
    sc_landscape_params p;
    sc_landscape_params_init(&p);
    p.threads = threads;
    sc_landscape_result *r = NULL;
    sc_diag d;
    sc_diag_init(&d);
    double t0 = now();
    if (sc_landscape_search2(n, size, prop, &p, &r, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        exit(1);
    }
    double t = now() - t0;
    *minima = r->n_minima;
    sc_landscape_result_free(r);
    return t;
}

int main(int argc, char **argv)
{
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    static const size_t full[] = {20, 24, 28, 32};
    static const size_t small[] = {16, 20};
    const size_t *ns = quick ? small : full;
    size_t count = quick ? 2 : 4;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    printf("landscape two-bloc exhaustive search (random instance, seed 1993)\n");
    printf("%4s %14s %12s %12s %10s %14s %12s\n", "n", "configurations", "1 thread s",
           "all cores s", "speedup", "ns/config", "Gray s");
    for (size_t k = 0; k < count; k++) {
        size_t n = ns[k];
        double *size = malloc(n * sizeof *size), *prop = malloc(n * n * sizeof *prop);
        instance(n, size, prop);
        size_t m1, m2;
        double t1 = time_search(n, size, prop, 1, &m1);
        double tn = time_search(n, size, prop, 0, &m2);
        if (m1 != m2) {
            fprintf(stderr, "thread counts disagree\n");
            return 1;
        }
        double brute = -1;
        if (n <= (quick ? 20u : 28u)) {
            sc_landscape_result *r = NULL;
            sc_diag d;
            sc_diag_init(&d);
            double t0 = now();
            sc_landscape_search2_gray(n, size, prop, &r, &d);
            brute = now() - t0;
            if (r->n_minima != m1) {
                fprintf(stderr, "Gray-code search disagrees\n");
                return 1;
            }
            sc_landscape_result_free(r);
        }
        double configs = (double)(1ULL << (n - 1));
        printf("%4zu %14.0f %12.4f %12.4f %10.2f %14.2f", n, configs, t1, tn, t1 / tn,
               1e9 * t1 / configs);
        if (brute >= 0) {
            printf(" %12.4f", brute);
        } else {
            printf(" %12s", "-");
        }
        printf("   (%zu local minima, %ld cores)\n", m1, cores);
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
        sc_status rc = sc_landscape_search_k(n, size, prop, 3, 2000000000ULL, lab, &e, &nodes, &d);
        double t = now() - t0;
        if (rc == SC_OK) {
            printf("%4zu %12.4f %14llu %14.6f\n", n, t, (unsigned long long)nodes, e);
        } else {
            printf("%4zu %12.4f %14s (%s)\n", n, t, "stopped", d.message);
        }
        free(size);
        free(prop);
        free(lab);
    }
    return 0;
}
