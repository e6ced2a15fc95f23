/* SPDX-License-Identifier: MIT */
/* Sparse relations of a scenario (relations.h). */
#include "scenario/relations.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void sc__relations_init(sc__relations *r)
{
    memset(r, 0, sizeof *r);
    r->sorted = 1;
}

void sc__relations_destroy(sc__relations *r)
{
    for (size_t c = 0; c < r->nchunk; c++) {
        free(r->chunk[c]);
    }
    free(r->chunk);
    free(r->key);
    free(r->order);
    free(r->slot);
    sc__relations_init(r);
}

static uint64_t dyad(size_t a, size_t b)
{
    size_t lo = a < b ? a : b, hi = a < b ? b : a;
    return (uint64_t)lo << 32 | (uint64_t)hi;
}

static size_t hash(uint64_t key, size_t nslot)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return (size_t)key & (nslot - 1);
}

static sc_relation *record(const sc__relations *r, size_t k)
{
    return &r->chunk[k / SC__REL_CHUNK][k % SC__REL_CHUNK];
}

sc_relation *sc__relations_find(const sc__relations *r, size_t a, size_t b)
{
    if (!r->nslot) {
        return NULL;
    }
    uint64_t key = dyad(a, b);
    for (size_t i = hash(key, r->nslot);; i = (i + 1) & (r->nslot - 1)) {
        uint32_t s = r->slot[i];
        if (s == 0) {
            return NULL;
        }
        if (r->key[s - 1] == key) {
            return record(r, s - 1);
        }
    }
}

/* Rebuilds the hash with nslot slots (a power of two > 2n). 0 when out of memory. */
static int rehash(sc__relations *r, size_t nslot)
{
    uint32_t *slot = calloc(nslot, sizeof *slot);
    if (!slot) {
        return 0;
    }
    for (size_t k = 0; k < r->n; k++) {
        size_t i = hash(r->key[k], nslot);
        while (slot[i]) {
            i = (i + 1) & (nslot - 1);
        }
        slot[i] = (uint32_t)(k + 1);
    }
    free(r->slot);
    r->slot = slot;
    r->nslot = nslot;
    return 1;
}

/* A merge sort of record indices by key (qsort_r is not portable; this is also stable). */
static void sort_order(uint32_t *v, uint32_t *tmp, size_t n, const uint64_t *key)
{
    if (n < 2) {
        return;
    }
    size_t h = n / 2;
    sort_order(v, tmp, h, key);
    sort_order(v + h, tmp, n - h, key);
    size_t i = 0, j = h, o = 0;
    while (i < h && j < n) {
        tmp[o++] = key[v[j]] < key[v[i]] ? v[j++] : v[i++];
    }
    while (i < h) {
        tmp[o++] = v[i++];
    }
    while (j < n) {
        tmp[o++] = v[j++];
    }
    memcpy(v, tmp, n * sizeof *v);
}

void sc__relations_sort(sc__relations *r)
{
    if (r->sorted) {
        return;
    }
    uint32_t *tmp = malloc((r->n ? r->n : 1) * sizeof *tmp);
    if (tmp) {
        sort_order(r->order, tmp, r->n, r->key);
        free(tmp);
    } else {
        /* no memory for the merge: insertion sort in place (slow, but it always finishes) */
        for (size_t i = 1; i < r->n; i++) {
            uint32_t v = r->order[i];
            size_t j = i;
            while (j > 0 && r->key[r->order[j - 1]] > r->key[v]) {
                r->order[j] = r->order[j - 1];
                j--;
            }
            r->order[j] = v;
        }
    }
    r->sorted = 1;
}

static void blank(sc_relation *rel)
{
    memset(rel, 0, sizeof *rel);
    rel->amity.value = (double)NAN;
    rel->amity.min = -1.0;
    rel->amity.max = 1.0;
    rel->trade.value = (double)NAN;
    rel->trade.min = 0.0;
    rel->trade.max = HUGE_VAL;
}

sc_relation *sc__relations_add(sc__relations *r, size_t a, size_t b, int keep_sorted)
{
    sc_relation *found = sc__relations_find(r, a, b);
    if (found) {
        return found;
    }
    if (r->n >= UINT32_MAX - 1) {
        return NULL;
    }
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        uint64_t *key = realloc(r->key, cap * sizeof *key);
        if (!key) {
            return NULL;
        }
        r->key = key;
        uint32_t *order = realloc(r->order, cap * sizeof *order);
        if (!order) {
            return NULL;
        }
        r->order = order;
        r->cap = cap;
    }
    if (r->n % SC__REL_CHUNK == 0) {
        sc_relation **chunk = realloc(r->chunk, (r->nchunk + 1) * sizeof *chunk);
        if (!chunk) {
            return NULL;
        }
        r->chunk = chunk;
        r->chunk[r->nchunk] = malloc(SC__REL_CHUNK * sizeof **r->chunk);
        if (!r->chunk[r->nchunk]) {
            return NULL;
        }
        r->nchunk++;
    }
    if (2 * (r->n + 1) > r->nslot && !rehash(r, r->nslot ? 2 * r->nslot : 128)) {
        return NULL;
    }
    size_t k = r->n++;
    r->key[k] = dyad(a, b);
    sc_relation *rel = record(r, k);
    blank(rel);
    size_t i = hash(r->key[k], r->nslot);
    while (r->slot[i]) {
        i = (i + 1) & (r->nslot - 1);
    }
    r->slot[i] = (uint32_t)(k + 1);
    if (keep_sorted && r->sorted) {
        /* binary search for the place in order, then shift the tail by one */
        size_t lo = 0, hi = k;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (r->key[r->order[mid]] < r->key[k]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        memmove(r->order + lo + 1, r->order + lo, (k - lo) * sizeof *r->order);
        r->order[lo] = (uint32_t)k;
    } else {
        r->order[k] = (uint32_t)k;
        r->sorted = r->sorted && (k == 0 || r->key[r->order[k - 1]] < r->key[k]);
        if (keep_sorted) {
            sc__relations_sort(r);
        }
    }
    return rel;
}

sc_relation *sc__relations_at(const sc__relations *r, size_t k, size_t *lo, size_t *hi)
{
    uint32_t idx = r->order[k];
    *lo = (size_t)(r->key[idx] >> 32);
    *hi = (size_t)(r->key[idx] & 0xffffffffu);
    return record(r, idx);
}

/* The records, keys, order and slots of src into dst, whose tables have src's shape (chunks,
 * capacity and slots already allocated): what a copy and a refill share. */
static void copy_contents(const sc__relations *src, sc__relations *dst)
{
    for (size_t c = 0; c < src->nchunk; c++) {
        size_t left = src->n - c * SC__REL_CHUNK; /* records from this chunk on */
        size_t len = left < SC__REL_CHUNK ? left : SC__REL_CHUNK;
        memcpy(dst->chunk[c], src->chunk[c], len * sizeof **src->chunk);
    }
    memcpy(dst->key, src->key, src->n * sizeof *dst->key);
    memcpy(dst->order, src->order, src->n * sizeof *dst->order);
    memcpy(dst->slot, src->slot, src->nslot * sizeof *dst->slot);
    dst->n = src->n;
    dst->sorted = src->sorted;
}

sc_status sc__relations_assign(const sc__relations *src, sc__relations *dst)
{
    if (src->n == 0 || dst->nchunk != src->nchunk || dst->cap != src->cap ||
        dst->nslot != src->nslot) {
        sc__relations_destroy(dst);
        return sc__relations_copy(src, dst);
    }
    copy_contents(src, dst);
    return SC_OK;
}

sc_status sc__relations_copy(const sc__relations *src, sc__relations *dst)
{
    sc__relations_init(dst);
    if (src->n == 0) {
        return SC_OK;
    }
    dst->chunk = calloc(src->nchunk, sizeof *dst->chunk);
    dst->key = malloc(src->cap * sizeof *dst->key);
    dst->order = malloc(src->cap * sizeof *dst->order);
    dst->slot = malloc(src->nslot * sizeof *dst->slot);
    if (!dst->chunk || !dst->key || !dst->order || !dst->slot) {
        sc__relations_destroy(dst);
        return SC_ENOMEM;
    }
    dst->nchunk = src->nchunk;
    for (size_t c = 0; c < src->nchunk; c++) {
        dst->chunk[c] = malloc(SC__REL_CHUNK * sizeof **dst->chunk);
        if (!dst->chunk[c]) {
            sc__relations_destroy(dst);
            return SC_ENOMEM;
        }
    }
    dst->cap = src->cap;
    dst->nslot = src->nslot;
    copy_contents(src, dst);
    return SC_OK;
}
