/* SPDX-License-Identifier: MIT */
/*
 * Measures the standard errors test_sobol's tolerances are built on: each index estimate of
 * test_sobol's three functions (Ishigami, the g-function, the linear model) at n = 20000 base
 * rows, over R independent designs (seeds 100000 ..; no bootstrap); prints the mean and SD of
 * each estimate and of the output variance. Not a test: run by hand when the estimator or the
 * design changes (`build/tests/uncertainty/measure_sobol_se 1000`, about 10 s of CPU).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "statecraft/uncertainty.h"

#define PI 3.14159265358979323846

static sc_status ishigami(const double *u, double *f, void *ctx)
{
    (void)ctx;
    double x1 = -PI + 2 * PI * u[0], x2 = -PI + 2 * PI * u[1], x3 = -PI + 2 * PI * u[2];
    double s2 = sin(x2);
    f[0] = sin(x1) + 7.0 * s2 * s2 + 0.1 * pow(x3, 4) * sin(x1);
    return SC_OK;
}

static const double g_a[8] = {0, 1, 4.5, 9, 99, 99, 99, 99};

static sc_status gfun(const double *u, double *f, void *ctx)
{
    (void)ctx;
    double p = 1;
    for (size_t i = 0; i < 8; i++) {
        p *= (fabs(4 * u[i] - 2) + g_a[i]) / (1 + g_a[i]);
    }
    f[0] = p;
    f[1] = 2 * p + 5;
    return SC_OK;
}

static sc_status linear(const double *u, double *f, void *ctx)
{
    (void)ctx;
    f[0] = u[0] + 2 * u[1] + 3 * u[2];
    f[1] = 42;
    return SC_OK;
}

typedef struct moments {
    double s1, s2;
} moments;

static void add(moments *m, double x)
{
    m->s1 += x;
    m->s2 += x * x;
}

static void show(const char *what, const moments *m, int r)
{
    double mean = m->s1 / r, var = (m->s2 - m->s1 * m->s1 / r) / (r - 1);
    printf("%-24s mean %.5f  SD %.3g\n", what, mean, sqrt(var > 0 ? var : 0));
}

static void measure(const char *name, size_t k, size_t n_out, sc_sobol_fn fn, const double *center,
                    size_t out, int r)
{
    moments first[8] = {{0, 0}}, total[8] = {{0, 0}}, var = {0, 0};
    sc_sobol_opts o;
    sc_sobol_opts_init(&o);
    o.bootstrap = 0;
    for (int j = 0; j < r; j++) {
        sc_sobol *acc = NULL;
        if (sc_sobol_saltelli(k, n_out, fn, NULL, 20000, 100000 + (uint64_t)j, center, &o, &acc,
                              NULL) != SC_OK) {
            fprintf(stderr, "measure_sobol_se: %s: the design failed\n", name);
            exit(1);
        }
        for (size_t i = 0; i < k; i++) {
            sc_sobol_index x;
            sc_sobol_index_get(acc, 0, i, &x, NULL);
            add(&first[i], x.first);
            add(&total[i], x.total);
        }
        add(&var, sc_sobol_variance(acc, out));
        sc_sobol_free(acc);
    }
    char what[64];
    for (size_t i = 0; i < k; i++) {
        snprintf(what, sizeof what, "%s S[%zu]", name, i + 1);
        show(what, &first[i], r);
        snprintf(what, sizeof what, "%s ST[%zu]", name, i + 1);
        show(what, &total[i], r);
    }
    snprintf(what, sizeof what, "%s variance (out %zu)", name, out);
    show(what, &var, r);
}

int main(int argc, char **argv)
{
    int r = argc > 1 ? atoi(argv[1]) : 1000;
    if (r < 2) {
        fprintf(stderr, "usage: measure_sobol_se [DESIGNS >= 2]\n");
        return 2;
    }
    double ishigami_center = 3.5, g_center[2] = {1, 7};
    measure("ishigami", 3, 1, ishigami, &ishigami_center, 0, r);
    measure("g", 8, 2, gfun, g_center, 1, r);
    measure("linear", 3, 2, linear, NULL, 0, r);
    return 0;
}
