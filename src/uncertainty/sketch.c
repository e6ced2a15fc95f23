/* SPDX-License-Identifier: MIT */
/*
 * Quantile sketch after Masson, Rim & Lee (2019), "DDSketch: a fast and fully-mergeable quantile
 * sketch with relative-error guarantees", PVLDB 12(12). A value x > 0 goes to bucket
 * k = ceil(log_gamma x) with gamma = (1 + alpha)/(1 - alpha); buckets hold integer counts (and
 * the exact smallest and largest value seen), so a merge is exact and commutative: the sketch of
 * a Monte Carlo does not depend on how its draws were split over threads or processes. Buckets
 * are kept in dense arrays over the keys seen so far (values of one model output rarely span
 * more than a few thousand buckets).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "uncertainty/uncertainty_internal.h"

/* |x| below this counts as zero (a bucket of its own). */
#define SKETCH_ZERO 1e-100
/* A sketch refuses to span more keys than this (about 40 decades at alpha = 1e-3). */
#define SKETCH_MAX_KEYS (1u << 24)

typedef struct bucket {
    uint64_t count;
    double min, max;
} bucket;

typedef struct store {
    long lo;      /* key of b[0] */
    size_t n;     /* buckets allocated */
    bucket *b;
} store;

struct sc_sketch {
    double alpha, gamma, log_gamma;
    store pos, neg;  /* neg holds |x| of negative values */
    bucket zero;
    uint64_t nan;
    double min, max;
    uint64_t count;
};

sc_status sc_sketch_new(double alpha, sc_sketch **out, sc_diag *diag)
{
    *out = NULL;
    if (!(alpha > 0 && alpha < 0.5)) {
        return sc__diag_set(diag, SC_EINVAL, "a sketch's relative accuracy must lie in (0, 0.5)");
    }
    sc_sketch *s = calloc(1, sizeof *s);
    if (!s) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    s->alpha = alpha;
    s->gamma = (1 + alpha) / (1 - alpha);
    s->log_gamma = log(s->gamma);
    s->min = HUGE_VAL;
    s->max = -HUGE_VAL;
    s->zero.min = HUGE_VAL;
    s->zero.max = -HUGE_VAL;
    *out = s;
    return SC_OK;
}

void sc_sketch_free(sc_sketch *s)
{
    if (s) {
        free(s->pos.b);
        free(s->neg.b);
        free(s);
    }
}

void sc__sketch_clear(sc_sketch *s)
{
    free(s->pos.b);
    free(s->neg.b);
    memset(&s->pos, 0, sizeof s->pos);
    memset(&s->neg, 0, sizeof s->neg);
    memset(&s->zero, 0, sizeof s->zero);
    s->zero.min = HUGE_VAL;
    s->zero.max = -HUGE_VAL;
    s->nan = 0;
    s->count = 0;
    s->min = HUGE_VAL;
    s->max = -HUGE_VAL;
}

/* Makes room for key k in st; SC_ELIMIT if the span would grow absurdly. */
static sc_status reserve(store *st, long k)
{
    if (st->n == 0) {
        st->b = calloc(16, sizeof *st->b);
        if (!st->b) {
            return SC_ENOMEM;
        }
        st->n = 16;
        st->lo = k - 8;
        for (size_t i = 0; i < st->n; i++) {
            st->b[i].min = HUGE_VAL;
            st->b[i].max = -HUGE_VAL;
        }
        return SC_OK;
    }
    long hi = st->lo + (long)st->n - 1;
    if (k >= st->lo && k <= hi) {
        return SC_OK;
    }
    long new_lo = k < st->lo ? k : st->lo;
    long new_hi = k > hi ? k : hi;
    size_t span = (size_t)(new_hi - new_lo + 1);
    if (span > SKETCH_MAX_KEYS) {
        return SC_ELIMIT;
    }
    /* grow by half again on the side that needs it, so appends stay amortised O(1) */
    size_t extra = span / 2 + 8;
    if (k < st->lo) {
        new_lo -= (long)extra;
    } else {
        new_hi += (long)extra;
    }
    size_t n = (size_t)(new_hi - new_lo + 1);
    bucket *b = malloc(n * sizeof *b);
    if (!b) {
        return SC_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        b[i].count = 0;
        b[i].min = HUGE_VAL;
        b[i].max = -HUGE_VAL;
    }
    memcpy(b + (st->lo - new_lo), st->b, st->n * sizeof *b);
    free(st->b);
    st->b = b;
    st->n = n;
    st->lo = new_lo;
    return SC_OK;
}

static void bucket_add(bucket *b, double x, uint64_t n)
{
    b->count += n;
    b->min = x < b->min ? x : b->min;
    b->max = x > b->max ? x : b->max;
}

static long key_of(const sc_sketch *s, double ax)
{
    return (long)ceil(log(ax) / s->log_gamma);
}

static sc_status add(sc_sketch *s, double x)
{
    if (isnan(x)) {
        s->nan++;
        return SC_OK;
    }
    if (isinf(x)) {
        return SC_ERANGE;
    }
    double ax = fabs(x);
    if (ax < SKETCH_ZERO) {
        bucket_add(&s->zero, x, 1);
    } else {
        store *st = x > 0 ? &s->pos : &s->neg;
        long k = key_of(s, ax);
        sc_status rc = reserve(st, k);
        if (rc != SC_OK) {
            return rc;
        }
        bucket_add(&st->b[k - st->lo], x, 1);
    }
    s->count++;
    s->min = x < s->min ? x : s->min;
    s->max = x > s->max ? x : s->max;
    return SC_OK;
}

sc_status sc_sketch_add(sc_sketch *s, double x, sc_diag *diag)
{
    sc_status rc = add(s, x);
    return rc == SC_OK ? SC_OK
           : rc == SC_ERANGE ? sc__diag_set(diag, rc, "a sketch takes finite values, not %g", x)
                             : sc__diag_set(diag, rc, "the sketch cannot grow: %s",
                                            sc_status_str(rc));
}

static sc_status store_merge(store *into, const store *from)
{
    for (size_t i = 0; i < from->n; i++) {
        const bucket *b = &from->b[i];
        if (!b->count) {
            continue;
        }
        long k = from->lo + (long)i;
        sc_status rc = reserve(into, k);
        if (rc != SC_OK) {
            return rc;
        }
        bucket *t = &into->b[k - into->lo];
        t->count += b->count;
        t->min = b->min < t->min ? b->min : t->min;
        t->max = b->max > t->max ? b->max : t->max;
    }
    return SC_OK;
}

sc_status sc_sketch_merge(sc_sketch *into, const sc_sketch *from, sc_diag *diag)
{
    if (into->alpha != from->alpha) {
        return sc__diag_set(diag, SC_EINVAL, "sketches of different accuracy do not merge");
    }
    sc_status rc = store_merge(&into->pos, &from->pos);
    if (rc == SC_OK) {
        rc = store_merge(&into->neg, &from->neg);
    }
    if (rc != SC_OK) {
        return sc__diag_set(diag, rc, "the sketch cannot grow: %s", sc_status_str(rc));
    }
    if (from->zero.count) {
        into->zero.count += from->zero.count;
        into->zero.min = from->zero.min < into->zero.min ? from->zero.min : into->zero.min;
        into->zero.max = from->zero.max > into->zero.max ? from->zero.max : into->zero.max;
    }
    into->nan += from->nan;
    into->count += from->count;
    into->min = from->min < into->min ? from->min : into->min;
    into->max = from->max > into->max ? from->max : into->max;
    return SC_OK;
}

uint64_t sc_sketch_count(const sc_sketch *s)
{
    return s->count;
}

uint64_t sc_sketch_nan_count(const sc_sketch *s)
{
    return s->nan;
}

double sc_sketch_min(const sc_sketch *s)
{
    return s->count ? s->min : (double)NAN;
}

double sc_sketch_max(const sc_sketch *s)
{
    return s->count ? s->max : (double)NAN;
}

/* The value reported for a bucket: the middle of its key's interval in relative terms, kept
 * within the values the bucket actually saw (so a bucket of one distinct value is exact). */
static double represent(const sc_sketch *s, const bucket *b, long k, int negative)
{
    double v = 2 * pow(s->gamma, (double)k) / (s->gamma + 1);
    if (negative) {
        v = -v;
    }
    return v < b->min ? b->min : v > b->max ? b->max : v;
}

double sc_sketch_quantile(const sc_sketch *s, double q)
{
    if (!s->count || !(q >= 0 && q <= 1)) {
        return (double)NAN;
    }
    if (q == 0) {
        return s->min;
    }
    if (q == 1) {
        return s->max;
    }
    /* the order statistic x_(r), r = ceil(q n), 1-based */
    uint64_t r = (uint64_t)ceil(q * (double)s->count);
    if (r < 1) {
        r = 1;
    }
    uint64_t seen = 0;
    for (size_t i = s->neg.n; i-- > 0;) {
        const bucket *b = &s->neg.b[i];
        if (b->count && (seen += b->count) >= r) {
            return represent(s, b, s->neg.lo + (long)i, 1);
        }
    }
    if (s->zero.count && (seen += s->zero.count) >= r) {
        return s->zero.min > 0 ? s->zero.min : s->zero.max < 0 ? s->zero.max : 0.0;
    }
    for (size_t i = 0; i < s->pos.n; i++) {
        const bucket *b = &s->pos.b[i];
        if (b->count && (seen += b->count) >= r) {
            return represent(s, b, s->pos.lo + (long)i, 0);
        }
    }
    return s->max;
}

/* ---- serialisation ------------------------------------------------------------------------- */

static void store_write(const store *st, scx_buf *b)
{
    size_t used = 0;
    for (size_t i = 0; i < st->n; i++) {
        used += st->b[i].count != 0;
    }
    sc__put_u64(b, used);
    for (size_t i = 0; i < st->n; i++) {
        if (st->b[i].count) {
            sc__put_u64(b, (uint64_t)(st->lo + (long)i));
            sc__put_u64(b, st->b[i].count);
            sc__put_f64(b, st->b[i].min);
            sc__put_f64(b, st->b[i].max);
        }
    }
}

static sc_status store_read(sc__reader *r, store *st)
{
    uint64_t used = sc__get_u64(r);
    if (used > SKETCH_MAX_KEYS) {
        r->bad = 1;
    }
    for (uint64_t i = 0; i < used && !r->bad; i++) {
        long k = (long)(int64_t)sc__get_u64(r);
        bucket b;
        b.count = sc__get_u64(r);
        b.min = sc__get_f64(r);
        b.max = sc__get_f64(r);
        if (r->bad || !b.count || !(b.min <= b.max)) {
            r->bad = 1;
            break;
        }
        sc_status rc = reserve(st, k);
        if (rc != SC_OK) {
            return rc;
        }
        st->b[k - st->lo] = b;
    }
    return r->bad ? SC_EPARSE : SC_OK;
}

void sc__sketch_write(const sc_sketch *s, scx_buf *b)
{
    sc__put_f64(b, s->alpha);
    sc__put_u64(b, s->count);
    sc__put_u64(b, s->nan);
    sc__put_f64(b, s->min);
    sc__put_f64(b, s->max);
    sc__put_u64(b, s->zero.count);
    sc__put_f64(b, s->zero.min);
    sc__put_f64(b, s->zero.max);
    store_write(&s->pos, b);
    store_write(&s->neg, b);
}

sc_status sc__sketch_read(sc__reader *r, sc_sketch **out)
{
    *out = NULL;
    double alpha = sc__get_f64(r);
    sc_sketch *s = NULL;
    if (r->bad || sc_sketch_new(alpha, &s, NULL) != SC_OK) {
        r->bad = 1;
        return SC_EPARSE;
    }
    s->count = sc__get_u64(r);
    s->nan = sc__get_u64(r);
    s->min = sc__get_f64(r);
    s->max = sc__get_f64(r);
    s->zero.count = sc__get_u64(r);
    s->zero.min = sc__get_f64(r);
    s->zero.max = sc__get_f64(r);
    sc_status rc = store_read(r, &s->pos);
    if (rc == SC_OK) {
        rc = store_read(r, &s->neg);
    }
    if (rc == SC_OK && r->bad) {
        rc = SC_EPARSE;
    }
    if (rc != SC_OK) {
        sc_sketch_free(s);
        return rc;
    }
    *out = s;
    return SC_OK;
}
