/* SPDX-License-Identifier: MIT */
/*
 * Counts per category (a triangle configuration, a bloc partition, a set of equilibria). Labels
 * are kept sorted for lookup by binary search; the by-count order is built when asked for.
 * Counts are integers, so merges are exact and their order does not matter.
 */
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "uncertainty/uncertainty_internal.h"

typedef struct entry {
    char *label;
    uint64_t count;
} entry;

struct sc_tally {
    entry *e;      /* sorted by label */
    size_t n, cap;
    uint64_t total;
    struct by_count_cache *cache; /* the by-count order, rebuilt on demand after changes */
};

struct by_count_cache {
    const entry **order;
    size_t cap;
    int dirty;
};

sc_status sc_tally_new(sc_tally **out, sc_diag *diag)
{
    *out = NULL;
    sc_tally *t = calloc(1, sizeof *t);
    if (!t || !(t->cache = calloc(1, sizeof *t->cache))) {
        free(t);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    t->cache->dirty = 1;
    *out = t;
    return SC_OK;
}

void sc__tally_clear(sc_tally *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->e[i].label);
    }
    t->n = 0;
    t->total = 0;
    t->cache->dirty = 1;
}

void sc_tally_free(sc_tally *t)
{
    if (t) {
        sc__tally_clear(t);
        free(t->e);
        free((void *)t->cache->order);
        free(t->cache);
        free(t);
    }
}

/* Index of label, or where it would go (with *found = 0). */
static size_t find(const sc_tally *t, const char *label, int *found)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t->e[mid].label, label);
        if (c == 0) {
            *found = 1;
            return mid;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    *found = 0;
    return lo;
}

static sc_status add(sc_tally *t, const char *label, uint64_t n)
{
    int found;
    size_t at = find(t, label, &found);
    if (!found) {
        if (t->n == t->cap) {
            size_t cap = t->cap ? 2 * t->cap : 8;
            entry *e = realloc(t->e, cap * sizeof *e);
            if (!e) {
                return SC_ENOMEM;
            }
            t->e = e;
            t->cap = cap;
        }
        char *copy = malloc(strlen(label) + 1);
        if (!copy) {
            return SC_ENOMEM;
        }
        strcpy(copy, label);
        memmove(t->e + at + 1, t->e + at, (t->n - at) * sizeof *t->e);
        t->e[at].label = copy;
        t->e[at].count = 0;
        t->n++;
    }
    t->e[at].count += n;
    t->total += n;
    t->cache->dirty = 1;
    return SC_OK;
}

sc_status sc_tally_add(sc_tally *t, const char *label, uint64_t n, sc_diag *diag)
{
    return add(t, label, n) == SC_OK ? SC_OK : sc__diag_set(diag, SC_ENOMEM, "out of memory");
}

sc_status sc_tally_merge(sc_tally *into, const sc_tally *from, sc_diag *diag)
{
    for (size_t i = 0; i < from->n; i++) {
        if (add(into, from->e[i].label, from->e[i].count) != SC_OK) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
    }
    return SC_OK;
}

uint64_t sc_tally_total(const sc_tally *t)
{
    return t->total;
}

size_t sc_tally_size(const sc_tally *t)
{
    return t->n;
}

static int by_count(const void *a, const void *b)
{
    const entry *x = *(const entry *const *)a, *y = *(const entry *const *)b;
    if (x->count != y->count) {
        return x->count > y->count ? -1 : 1;
    }
    return strcmp(x->label, y->label);
}

/* The by-count order, rebuilt after changes. Not thread-safe (nor is anything that mutates). */
static const entry *nth(const sc_tally *t, size_t i)
{
    if (i >= t->n) {
        return NULL;
    }
    struct by_count_cache *c = t->cache;
    if (c->dirty || c->cap < t->n) {
        if (c->cap < t->n) {
            const entry **o = realloc((void *)c->order, t->n * sizeof *o);
            if (!o) {
                return &t->e[i]; /* label order: still a valid answer */
            }
            c->order = o;
            c->cap = t->n;
        }
        for (size_t k = 0; k < t->n; k++) {
            c->order[k] = &t->e[k];
        }
        /* labels are distinct, so the order is total and qsort's instability does not matter */
        qsort((void *)c->order, t->n, sizeof *c->order, by_count);
        c->dirty = 0;
    }
    return c->order[i];
}

const char *sc_tally_label(const sc_tally *t, size_t i)
{
    const entry *e = nth(t, i);
    return e ? e->label : NULL;
}

uint64_t sc_tally_count(const sc_tally *t, size_t i)
{
    const entry *e = nth(t, i);
    return e ? e->count : 0;
}

void sc__tally_write(const sc_tally *t, scx_buf *b)
{
    sc__put_u64(b, t->n);
    for (size_t i = 0; i < t->n; i++) {
        sc__put_str(b, t->e[i].label);
        sc__put_u64(b, t->e[i].count);
    }
}

sc_status sc__tally_read(sc__reader *r, sc_tally **out)
{
    *out = NULL;
    sc_tally *t = NULL;
    if (sc_tally_new(&t, NULL) != SC_OK) {
        return SC_ENOMEM;
    }
    uint64_t n = sc__get_u64(r);
    for (uint64_t i = 0; i < n && !r->bad; i++) {
        char *label = sc__get_str(r);
        uint64_t c = sc__get_u64(r);
        if (!label || r->bad || add(t, label, c) != SC_OK) {
            r->bad = 1;
        }
        free(label);
    }
    if (r->bad) {
        sc_tally_free(t);
        return SC_EPARSE;
    }
    *out = t;
    return SC_OK;
}
