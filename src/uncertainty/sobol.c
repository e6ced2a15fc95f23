/* SPDX-License-Identifier: MIT */
/*
 * Global sensitivity by Saltelli's design (Saltelli et al. 2010, "Variance based sensitivity
 * analysis of model output. Design and estimator for the total sensitivity index", Computer
 * Physics Communications 181:259-270): first-order indices by their estimator (b) of Table 2,
 * total-effect indices by Jansen's (1999, "Analysis of variance designs for model output",
 * Computer Physics Communications 117:35-43) estimator (f). The sums stream; intervals come from
 * a Poisson bootstrap (each replicate weighs row j by an independent Poisson(1) count, which for
 * large N is the multinomial resampling of the ordinary bootstrap; Hanley & MacGibbon 2006), so
 * no row is kept in memory and partial accumulators merge.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "uncertainty/uncertainty_internal.h"

/* Per output and replicate: W, SA, SAA, SB, SBB, then F_i (k of them), then T_i (k). */
#define FIXED 5

struct sc_sobol {
    size_t k, n_out, reps; /* reps = bootstrap + 1: replicate 0 is the plain estimate */
    sc_sobol_opts opts;
    double *center;        /* n_out */
    double *sum;           /* n_out * reps * (FIXED + 2k) */
    uint64_t rows;         /* rows added (including those an output skipped) */
    uint64_t *skipped;     /* n_out: rows left out of an output for a non-finite value */
    unsigned *w;           /* scratch: this row's weights */
};

void sc_sobol_opts_init(sc_sobol_opts *o)
{
    o->bootstrap = 200;
    o->confidence = 0.95;
    o->seed = 20250212u;
}

static size_t stride(const sc_sobol *a)
{
    return FIXED + 2 * a->k;
}

static sc_status sobol_new(size_t k, size_t n_out, const double *center,
                           const sc_sobol_opts *opts, sc_sobol **out)
{
    *out = NULL;
    sc_sobol_opts def;
    if (!opts) {
        sc_sobol_opts_init(&def);
        opts = &def;
    }
    if (k == 0 || n_out == 0 || opts->bootstrap > 100000 ||
        !(opts->confidence > 0 && opts->confidence < 1)) {
        return SC_EINVAL;
    }
    size_t reps = opts->bootstrap + 1;
    size_t per = FIXED + 2 * k;
    if (per > SIZE_MAX / reps || n_out > SIZE_MAX / (reps * per) / sizeof(double)) {
        return SC_ELIMIT;
    }
    sc_sobol *a = calloc(1, sizeof *a);
    if (!a) {
        return SC_ENOMEM;
    }
    a->k = k;
    a->n_out = n_out;
    a->reps = reps;
    a->opts = *opts;
    a->center = calloc(n_out, sizeof *a->center);
    a->sum = calloc(n_out * reps * per, sizeof *a->sum);
    a->skipped = calloc(n_out, sizeof *a->skipped);
    a->w = calloc(reps, sizeof *a->w);
    if (!a->center || !a->sum || !a->skipped || !a->w) {
        sc_sobol_free(a);
        return SC_ENOMEM;
    }
    if (center) {
        memcpy(a->center, center, n_out * sizeof *center);
    }
    *out = a;
    return SC_OK;
}

sc_status sc_sobol_new(size_t k, size_t n_out, const double *center, const sc_sobol_opts *opts,
                       sc_sobol **out, sc_diag *diag)
{
    sc_status rc = sobol_new(k, n_out, center, opts, out);
    switch (rc) {
    case SC_OK: return SC_OK;
    case SC_EINVAL:
        return sc__diag_set(diag, rc, "Saltelli's design needs at least one input and one "
                                      "output, at most 100000 bootstrap replicates and a "
                                      "confidence in (0, 1)");
    case SC_ELIMIT:
        return sc__diag_set(diag, rc, "%zu inputs x %zu outputs is too large an accumulator", k,
                            n_out);
    default: return sc__diag_set(diag, rc, "out of memory");
    }
}

void sc_sobol_free(sc_sobol *a)
{
    if (a) {
        free(a->center);
        free(a->sum);
        free(a->skipped);
        free(a->w);
        free(a);
    }
}

void sc__sobol_clear(sc_sobol *a)
{
    memset(a->sum, 0, a->n_out * a->reps * stride(a) * sizeof *a->sum);
    memset(a->skipped, 0, a->n_out * sizeof *a->skipped);
    a->rows = 0;
}

uint64_t sc_sobol_rows(const sc_sobol *a)
{
    return a->rows;
}

/* Poisson(1) by inversion of its CDF: P(X = n) = e^-1 / n!. */
static unsigned poisson1(sc_rng *r)
{
    double u = sc_rng_uniform(r), p = 0.36787944117144233, cdf = p;
    unsigned n = 0;
    while (u >= cdf && n < 40) {
        n++;
        p /= n;
        cdf += p;
    }
    return n;
}

void sc_sobol_add(sc_sobol *a, uint64_t row, const double *fA, const double *fB,
                  const double *fAB)
{
    a->w[0] = 1;
    if (a->reps > 1) {
        sc_rng r;
        sc_rng_init(&r, a->opts.seed, 4 * row + 3);
        for (size_t b = 1; b < a->reps; b++) {
            a->w[b] = poisson1(&r);
        }
    }
    size_t per = stride(a), k = a->k;
    for (size_t o = 0; o < a->n_out; o++) {
        int finite = isfinite(fA[o]) && isfinite(fB[o]);
        for (size_t i = 0; finite && i < k; i++) {
            finite = isfinite(fAB[i * a->n_out + o]);
        }
        if (!finite) {
            a->skipped[o]++;
            continue;
        }
        double ya = fA[o] - a->center[o], yb = fB[o] - a->center[o];
        for (size_t b = 0; b < a->reps; b++) {
            if (!a->w[b]) {
                continue;
            }
            double w = a->w[b];
            double *s = a->sum + (o * a->reps + b) * per;
            s[0] += w;
            s[1] += w * ya;
            s[2] += w * ya * ya;
            s[3] += w * yb;
            s[4] += w * yb * yb;
            double *F = s + FIXED, *T = s + FIXED + k;
            for (size_t i = 0; i < k; i++) {
                double d = fAB[i * a->n_out + o] - fA[o];
                F[i] += w * yb * d;
                T[i] += w * d * d;
            }
        }
    }
    a->rows++;
}

int sc__sobol_compatible(const sc_sobol *a, const sc_sobol *b)
{
    return a->k == b->k && a->n_out == b->n_out && a->reps == b->reps &&
           a->opts.seed == b->opts.seed && a->opts.confidence == b->opts.confidence &&
           memcmp(a->center, b->center, a->n_out * sizeof *a->center) == 0;
}

sc_status sc_sobol_merge(sc_sobol *into, const sc_sobol *from, sc_diag *diag)
{
    if (!sc__sobol_compatible(into, from)) {
        return sc__diag_set(diag, SC_EINVAL,
                            "accumulators of different designs (inputs, outputs, bootstrap, "
                            "seed or centre) do not merge");
    }
    size_t n = into->n_out * into->reps * stride(into);
    for (size_t i = 0; i < n; i++) {
        into->sum[i] += from->sum[i];
    }
    for (size_t o = 0; o < into->n_out; o++) {
        into->skipped[o] += from->skipped[o];
    }
    into->rows += from->rows;
    return SC_OK;
}

/* Variance, first-order and total indices of replicate b of output o. */
static void indices(const sc_sobol *a, size_t o, size_t b, size_t i, double *v, double *first,
                    double *total)
{
    const double *s = a->sum + (o * a->reps + b) * stride(a);
    double W = s[0];
    *v = *first = *total = (double)NAN;
    if (!(W > 0)) {
        return;
    }
    double mean = (s[1] + s[3]) / (2 * W);
    double var = (s[2] + s[4]) / (2 * W) - mean * mean;
    *v = var;
    /* a variance at rounding level of the centred sums means the output did not vary */
    double scale = (s[2] + s[4]) / (2 * W);
    if (!(var > 1e-12 * scale) || !(var > 0)) {
        *v = 0;
        return;
    }
    *first = s[FIXED + i] / W / var;
    *total = s[FIXED + a->k + i] / (2 * W) / var;
}

double sc_sobol_variance(const sc_sobol *a, size_t o)
{
    double v, f, t;
    if (o >= a->n_out) {
        return (double)NAN;
    }
    indices(a, o, 0, 0, &v, &f, &t);
    return v;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* Linear-interpolation quantile (Hyndman & Fan type 7) of sorted x[0..n-1]. */
static double sorted_quantile(const double *x, size_t n, double q)
{
    if (n == 0) {
        return (double)NAN;
    }
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);
    size_t hi = lo + 1 < n ? lo + 1 : lo;
    return x[lo] + (h - (double)lo) * (x[hi] - x[lo]);
}

sc_status sc_sobol_index_get(const sc_sobol *a, size_t o, size_t i, sc_sobol_index *out,
                             sc_diag *diag)
{
    if (o >= a->n_out || i >= a->k) {
        return sc__diag_set(diag, SC_EINVAL, "no output %zu or input %zu (the design has %zu and %zu)",
                            o, i, a->n_out, a->k);
    }
    double v;
    indices(a, o, 0, i, &v, &out->first, &out->total);
    out->first_lo = out->first_hi = out->total_lo = out->total_hi = (double)NAN;
    if (a->reps < 2 || isnan(out->first)) {
        return SC_OK;
    }
    size_t nb = a->reps - 1;
    double *f = malloc(2 * nb * sizeof *f);
    if (!f) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    double *t = f + nb;
    size_t nf = 0, nt = 0;
    for (size_t b = 1; b < a->reps; b++) {
        double fb, tb;
        indices(a, o, b, i, &v, &fb, &tb);
        if (isfinite(fb)) {
            f[nf++] = fb;
        }
        if (isfinite(tb)) {
            t[nt++] = tb;
        }
    }
    qsort(f, nf, sizeof *f, cmp_double);
    qsort(t, nt, sizeof *t, cmp_double);
    double lo = (1 - a->opts.confidence) / 2, hi = 1 - lo;
    out->first_lo = sorted_quantile(f, nf, lo);
    out->first_hi = sorted_quantile(f, nf, hi);
    out->total_lo = sorted_quantile(t, nt, lo);
    out->total_hi = sorted_quantile(t, nt, hi);
    free(f);
    return SC_OK;
}

void sc_sobol_row(uint64_t seed, uint64_t row, int which, size_t k, double *u)
{
    sc_rng r;
    sc_rng_init(&r, seed, 4 * row + (uint64_t)(which != 0));
    for (size_t i = 0; i < k; i++) {
        u[i] = sc_rng_uniform_pos(&r);
    }
}

sc_status sc_sobol_saltelli(size_t k, size_t n_out, sc_sobol_fn f, void *ctx, size_t n,
                            uint64_t seed, const double *center, const sc_sobol_opts *opts,
                            sc_sobol **out, sc_diag *diag)
{
    *out = NULL;
    if (n == 0) {
        return sc__diag_set(diag, SC_EINVAL, "Saltelli's design needs at least one base row");
    }
    sc_sobol *acc = NULL;
    sc_status rc = sc_sobol_new(k, n_out, center, opts, &acc, diag);
    if (rc != SC_OK) {
        return rc;
    }
    double *uA = malloc(3 * k * sizeof *uA);
    double *fv = malloc((k + 2) * n_out * sizeof *fv);
    if (!uA || !fv) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    double *uB = uA + k, *uAB = uA + 2 * k;
    double *fA = fv, *fB = fv + n_out, *fAB = fv + 2 * n_out;
    for (size_t j = 0; rc == SC_OK && j < n; j++) {
        sc_sobol_row(seed, j, 0, k, uA);
        sc_sobol_row(seed, j, 1, k, uB);
        rc = f(uA, fA, ctx);
        if (rc == SC_OK) {
            rc = f(uB, fB, ctx);
        }
        for (size_t i = 0; rc == SC_OK && i < k; i++) {
            memcpy(uAB, uA, k * sizeof *uAB);
            uAB[i] = uB[i];
            rc = f(uAB, fAB + i * n_out, ctx);
        }
        if (rc != SC_OK) {
            rc = sc__diag_set(diag, rc, "the model failed at base row %zu", j);
        } else {
            sc_sobol_add(acc, j, fA, fB, fAB);
        }
    }
    free(uA);
    free(fv);
    if (rc != SC_OK) {
        sc_sobol_free(acc);
        return rc;
    }
    *out = acc;
    return SC_OK;
}

/* ---- serialisation ------------------------------------------------------------------------- */

void sc__sobol_write(const sc_sobol *a, scx_buf *b)
{
    sc__put_u64(b, a->k);
    sc__put_u64(b, a->n_out);
    sc__put_u64(b, a->reps);
    sc__put_u64(b, a->opts.seed);
    sc__put_f64(b, a->opts.confidence);
    sc__put_u64(b, a->rows);
    for (size_t o = 0; o < a->n_out; o++) {
        sc__put_f64(b, a->center[o]);
        sc__put_u64(b, a->skipped[o]);
    }
    scx_buf_append(b, (const char *)a->sum, a->n_out * a->reps * stride(a) * sizeof *a->sum);
}

sc_status sc__sobol_read(sc__reader *r, sc_sobol **out)
{
    *out = NULL;
    sc_sobol_opts o;
    size_t k = (size_t)sc__get_u64(r), n_out = (size_t)sc__get_u64(r);
    size_t reps = (size_t)sc__get_u64(r);
    o.seed = sc__get_u64(r);
    o.confidence = sc__get_f64(r);
    o.bootstrap = reps - 1;
    uint64_t rows = sc__get_u64(r);
    if (r->bad || reps == 0 || k == 0 || n_out == 0 || k > r->left || n_out > r->left) {
        r->bad = 1;
        return SC_EPARSE;
    }
    sc_sobol *a = NULL;
    if (sobol_new(k, n_out, NULL, &o, &a) != SC_OK) {
        r->bad = 1;
        return SC_EPARSE;
    }
    a->rows = rows;
    for (size_t i = 0; i < n_out; i++) {
        a->center[i] = sc__get_f64(r);
        a->skipped[i] = sc__get_u64(r);
    }
    size_t bytes = n_out * reps * stride(a) * sizeof *a->sum;
    if (r->bad || r->left < bytes) {
        r->bad = 1;
        sc_sobol_free(a);
        return SC_EPARSE;
    }
    memcpy(a->sum, r->p, bytes);
    r->p += bytes;
    r->left -= bytes;
    *out = a;
    return SC_OK;
}
