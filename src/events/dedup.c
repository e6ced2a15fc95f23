/* SPDX-License-Identifier: MIT */
/*
 * One-a-day de-duplication within a fixed memory budget.
 *
 * Records arrive in file order; the first of each (dyad, day, code) key is kept. Keys live in an
 * open-addressing table of 16-byte entries. When the table reaches its budget it is sorted and
 * written to a temporary file as a run, and emptied. At the end the runs (and what is left in
 * memory) are merged in key order; equal keys from several runs keep the one from the earliest
 * run, which is the earliest in file order. Memory therefore depends on the budget, never on
 * the size of the input.
 */
#include <stdlib.h>
#include <string.h>

#include "events/events_internal.h"

#define EMPTY UINT64_MAX

typedef struct run_reader {
    FILE *f;             /* NULL for the run kept in memory */
    sc__dd_entry *buf;   /* the file's buffer, or the in-memory run itself */
    size_t n, pos, cap;
} run_reader;

struct sc__dedup {
    sc__dd_entry *slots;
    size_t cap, n, limit, max_cap;
    uint64_t dups;
    size_t spilled;      /* runs written in all, merged or not */
    FILE **runs;
    size_t n_runs, runs_cap;
    /* reading */
    int finished;
    size_t it;           /* iteration index when nothing was spilled */
    run_reader *rr;
    size_t n_rr;
    size_t *heap, heap_n;
    uint64_t last_key;
    int have_last;
};

static size_t hash_slot(uint64_t key, size_t cap)
{
    key ^= key >> 31;
    key *= 0x9E3779B97F4A7C15ull;
    key ^= key >> 29;
    return (size_t)key & (cap - 1);
}

static sc__dd_entry *alloc_slots(size_t cap)
{
    sc__dd_entry *s = malloc(cap * sizeof *s);
    if (s) {
        for (size_t i = 0; i < cap; i++) {
            s[i].key = EMPTY;
        }
    }
    return s;
}

sc_status sc__dedup_new(size_t budget, sc__dedup **out)
{
    *out = NULL;
    if (budget < (64u << 10)) {
        budget = 64u << 10;
    }
    sc__dedup *d = calloc(1, sizeof *d);
    if (!d) {
        return SC_ENOMEM;
    }
    /* growing needs the old and the new table at once: 1.5 x the new one within the budget */
    d->max_cap = 4096;
    while (d->max_cap * 2 * sizeof(sc__dd_entry) * 3 / 2 <= budget) {
        d->max_cap *= 2;
    }
    d->cap = d->max_cap < 65536 ? d->max_cap : 65536;
    d->limit = d->cap / 10 * 7;
    d->slots = alloc_slots(d->cap);
    if (!d->slots) {
        free(d);
        return SC_ENOMEM;
    }
    *out = d;
    return SC_OK;
}

void sc__dedup_free(sc__dedup *d)
{
    if (!d) {
        return;
    }
    for (size_t i = 0; i < d->n_runs; i++) {
        fclose(d->runs[i]);
    }
    for (size_t i = 0; i < d->n_rr; i++) {
        if (d->rr[i].f) {
            free(d->rr[i].buf);
        }
    }
    free(d->rr);
    free(d->heap);
    free(d->runs);
    free(d->slots);
    free(d);
}

static int grow(sc__dedup *d)
{
    size_t ncap = d->cap * 2;
    sc__dd_entry *ns = alloc_slots(ncap);
    if (!ns) {
        return -1;
    }
    for (size_t i = 0; i < d->cap; i++) {
        if (d->slots[i].key != EMPTY) {
            size_t s = hash_slot(d->slots[i].key, ncap);
            while (ns[s].key != EMPTY) {
                s = (s + 1) & (ncap - 1);
            }
            ns[s] = d->slots[i];
        }
    }
    free(d->slots);
    d->slots = ns;
    d->cap = ncap;
    d->limit = ncap / 10 * 7;
    return 0;
}

static int cmp_entry(const void *a, const void *b)
{
    uint64_t x = ((const sc__dd_entry *)a)->key, y = ((const sc__dd_entry *)b)->key;
    return (x > y) - (x < y);
}

/*
 * LSD radix sort on the keys, 11 bits a pass; passes whose digit is the same for every key (the
 * high bits of a few dyads) are skipped. Falls back to qsort when the scratch array cannot be had.
 */
static void radix_sort(sc__dd_entry *a, size_t n)
{
    if (n < 256) {
        qsort(a, n, sizeof *a, cmp_entry);
        return;
    }
    sc__dd_entry *tmp = malloc(n * sizeof *tmp);
    if (!tmp) {
        qsort(a, n, sizeof *a, cmp_entry);
        return;
    }
    static const int bits = 11;
    size_t count[1 << 11];
    sc__dd_entry *src = a, *dst = tmp;
    for (int shift = 0; shift < 64; shift += bits) {
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++) {
            count[(src[i].key >> shift) & ((1u << bits) - 1)]++;
        }
        if (count[(src[0].key >> shift) & ((1u << bits) - 1)] == n) {
            continue; /* every key has this digit */
        }
        size_t sum = 0;
        for (size_t d = 0; d < (1u << bits); d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) {
            dst[count[(src[i].key >> shift) & ((1u << bits) - 1)]++] = src[i];
        }
        sc__dd_entry *t = src;
        src = dst;
        dst = t;
    }
    if (src != a) {
        memcpy(a, src, n * sizeof *a);
    }
    free(tmp);
}

/* Moves the entries to the front of the table and sorts them by key. */
static void compact_sort(sc__dd_entry *s, size_t cap, size_t n)
{
    size_t j = 0;
    for (size_t i = 0; i < cap && j < n; i++) {
        if (s[i].key != EMPTY) {
            s[j++] = s[i];
        }
    }
    radix_sort(s, n);
}

/* at most this many runs are kept on disk; a merge buffer holds this many entries */
#define MAX_RUNS 32
#define MERGE_BUF 4096

static int merge_runs(sc__dedup *d);

static int spill(sc__dedup *d)
{
    if (d->n_runs == d->runs_cap) {
        size_t nc = d->runs_cap ? 2 * d->runs_cap : 8;
        FILE **nr = realloc(d->runs, nc * sizeof *nr);
        if (!nr) {
            return -1;
        }
        d->runs = nr;
        d->runs_cap = nc;
    }
    FILE *f = tmpfile();
    if (!f) {
        return -2;
    }
    compact_sort(d->slots, d->cap, d->n);
    if (fwrite(d->slots, sizeof *d->slots, d->n, f) != d->n || fflush(f) != 0) {
        fclose(f);
        return -2;
    }
    rewind(f);
    d->runs[d->n_runs++] = f;
    d->spilled++;
    for (size_t i = 0; i < d->cap; i++) {
        d->slots[i].key = EMPTY;
    }
    d->n = 0;
    return d->n_runs >= MAX_RUNS ? merge_runs(d) : 0;
}

int sc__dedup_insert(sc__dedup *d, uint64_t key, double w)
{
    size_t mask = d->cap - 1;
    size_t s = hash_slot(key, d->cap);
    while (d->slots[s].key != EMPTY) {
        if (d->slots[s].key == key) {
            d->dups++;
            return 0;
        }
        s = (s + 1) & mask;
    }
    d->slots[s].key = key;
    d->slots[s].w = w;
    if (++d->n > d->limit) {
        if (d->cap < d->max_cap) {
            if (grow(d) != 0) {
                return -(int)SC_ENOMEM;
            }
        } else {
            int r = spill(d);
            if (r != 0) {
                return r == -1 ? -(int)SC_ENOMEM : -(int)SC_EIO;
            }
        }
    }
    return 1;
}

/* ---- reading in key order -------------------------------------------------------------------- */

static int refill(run_reader *r)
{
    if (!r->f) {
        return 0; /* the in-memory run has nothing more */
    }
    r->n = fread(r->buf, sizeof *r->buf, r->cap, r->f);
    r->pos = 0;
    if (r->n == 0 && ferror(r->f)) {
        return -1;
    }
    return r->n > 0;
}

/* heap of run indices ordered by (current key, run index): equal keys come out earliest run first */
static int before(const run_reader *rr, size_t a, size_t b)
{
    uint64_t ka = rr[a].buf[rr[a].pos].key, kb = rr[b].buf[rr[b].pos].key;
    return ka < kb || (ka == kb && a < b);
}

static void sift_down(const run_reader *rr, size_t *heap, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && before(rr, heap[l], heap[m])) {
            m = l;
        }
        if (r < n && before(rr, heap[r], heap[m])) {
            m = r;
        }
        if (m == i) {
            return;
        }
        size_t t = heap[i];
        heap[i] = heap[m];
        heap[m] = t;
        i = m;
    }
}

/* The next entry of a merge, its heap kept in order: 1, 0 at the end, -1 on a read error. */
static int merge_pop(run_reader *rr, size_t *heap, size_t *heap_n, sc__dd_entry *out)
{
    if (*heap_n == 0) {
        return 0;
    }
    size_t top = heap[0];
    run_reader *r = &rr[top];
    *out = r->buf[r->pos++];
    if (r->pos >= r->n) {
        int got = refill(r);
        if (got < 0) {
            return -1;
        }
        if (got == 0) {
            heap[0] = heap[--*heap_n];
        }
    }
    if (*heap_n > 0) {
        sift_down(rr, heap, *heap_n, 0);
    }
    return 1;
}

/*
 * Too many runs would cost a buffer each in the final merge: at MAX_RUNS they are merged into
 * one (earliest run first on equal keys, so the first record in file order still wins), and
 * memory stays bounded however long the input.
 */

static int merge_runs(sc__dedup *d)
{
    size_t k = d->n_runs;
    run_reader *rr = calloc(k, sizeof *rr);
    size_t *heap = calloc(k, sizeof *heap), heap_n = 0;
    sc__dd_entry *obuf = malloc(MERGE_BUF * sizeof *obuf);
    FILE *out = tmpfile();
    int rc = 0;
    if (!rr || !heap || !obuf || !out) {
        rc = out ? -1 : -2;
        goto done;
    }
    for (size_t i = 0; i < k; i++) {
        rr[i].f = d->runs[i];
        rr[i].cap = MERGE_BUF;
        if (!(rr[i].buf = malloc(MERGE_BUF * sizeof(sc__dd_entry)))) {
            rc = -1;
            goto done;
        }
        int got = refill(&rr[i]);
        if (got < 0) {
            rc = -2;
            goto done;
        }
        if (got > 0) {
            heap[heap_n++] = i;
        }
    }
    for (size_t i = heap_n / 2; i-- > 0;) {
        sift_down(rr, heap, heap_n, i);
    }
    size_t no = 0;
    uint64_t last = 0;
    int have = 0, r;
    sc__dd_entry e;
    while ((r = merge_pop(rr, heap, &heap_n, &e)) == 1) {
        if (have && e.key == last) {
            d->dups++;
            continue;
        }
        last = e.key;
        have = 1;
        obuf[no++] = e;
        if (no == MERGE_BUF) {
            if (fwrite(obuf, sizeof *obuf, no, out) != no) {
                rc = -2;
                goto done;
            }
            no = 0;
        }
    }
    if (r < 0 || fwrite(obuf, sizeof *obuf, no, out) != no || fflush(out) != 0) {
        rc = -2;
        goto done;
    }
    rewind(out);
    for (size_t i = 0; i < k; i++) {
        fclose(d->runs[i]);
    }
    d->runs[0] = out;
    d->n_runs = 1;
    out = NULL;
done:
    if (out) {
        fclose(out);
    }
    for (size_t i = 0; rr && i < k; i++) {
        free(rr[i].buf);
    }
    free(rr);
    free(heap);
    free(obuf);
    return rc;
}

sc_status sc__dedup_finish(sc__dedup *d)
{
    d->finished = 1;
    compact_sort(d->slots, d->cap, d->n);
    if (d->n_runs == 0) {
        return SC_OK;
    }
    size_t k = d->n_runs + 1;
    d->rr = calloc(k, sizeof *d->rr);
    d->heap = calloc(k, sizeof *d->heap);
    if (!d->rr || !d->heap) {
        return SC_ENOMEM;
    }
    /* file buffers share about half of the table's size, at least 64 KiB each */
    size_t per = d->max_cap * sizeof(sc__dd_entry) / 2 / d->n_runs / sizeof(sc__dd_entry);
    if (per < 4096) {
        per = 4096;
    }
    for (size_t i = 0; i < d->n_runs; i++) {
        d->rr[i].f = d->runs[i];
        d->rr[i].cap = per;
        d->rr[i].buf = malloc(per * sizeof(sc__dd_entry));
        d->n_rr = i + 1;
        if (!d->rr[i].buf) {
            return SC_ENOMEM;
        }
        int r = refill(&d->rr[i]);
        if (r < 0) {
            return SC_EIO;
        }
        if (r > 0) {
            d->heap[d->heap_n++] = i;
        }
    }
    run_reader *mem = &d->rr[d->n_runs];
    mem->f = NULL;
    mem->buf = d->slots;
    mem->n = d->n;
    mem->pos = 0;
    d->n_rr = k;
    if (mem->n > 0) {
        d->heap[d->heap_n++] = d->n_runs;
    }
    for (size_t i = d->heap_n / 2; i-- > 0;) {
        sift_down(d->rr, d->heap, d->heap_n, i);
    }
    return SC_OK;
}

int sc__dedup_next(sc__dedup *d, sc__dd_entry *out)
{
    if (d->n_runs == 0) {
        if (d->it >= d->n) {
            return 0;
        }
        *out = d->slots[d->it++];
        return 1;
    }
    sc__dd_entry e;
    int r;
    while ((r = merge_pop(d->rr, d->heap, &d->heap_n, &e)) == 1) {
        if (d->have_last && e.key == d->last_key) {
            d->dups++; /* a later run's copy of a key an earlier run already gave */
            continue;
        }
        d->last_key = e.key;
        d->have_last = 1;
        *out = e;
        return 1;
    }
    return r < 0 ? -1 : 0;
}

uint64_t sc__dedup_duplicates(const sc__dedup *d)
{
    return d->dups;
}

size_t sc__dedup_spills(const sc__dedup *d)
{
    return d->spilled;
}
