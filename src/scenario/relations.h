/* SPDX-License-Identifier: MIT */
/*
 * A scenario's relations, stored sparsely: one record per dyad the scenario gives (or a shift
 * creates), so memory grows with the relations given, not with the square of the actors (a dense
 * table of 10,000 actors took 23.6 GB). Records live in fixed chunks, so a pointer to one stays
 * valid while others are added; a hash on the dyad finds them in O(1); `order` lists them by dyad
 * (lower actor index first), the canonical order in which relations are visited (sampling draws,
 * validation, inputs).
 */
#ifndef SC_SCENARIO_RELATIONS_H
#define SC_SCENARIO_RELATIONS_H

#include <stddef.h>
#include <stdint.h>

#include "statecraft/scenario.h"

typedef struct sc__relations {
    sc_relation **chunk; /* records, SC__REL_CHUNK per chunk */
    size_t nchunk;
    uint64_t *key;       /* the dyad of record k: lo << 32 | hi, lo < hi */
    uint32_t *order;     /* record indices sorted by key (when `sorted`) */
    size_t n, cap;       /* records; capacity of key and order */
    uint32_t *slot;      /* open-addressing hash: record index + 1, 0 = empty */
    size_t nslot;        /* a power of two, at least twice n */
    int sorted;          /* order is sorted by key */
} sc__relations;

#define SC__REL_CHUNK 256

void sc__relations_init(sc__relations *r);
void sc__relations_destroy(sc__relations *r);
/* dst (initialised, empty) becomes a copy of src. SC_OK or SC_ENOMEM. */
sc_status sc__relations_copy(const sc__relations *src, sc__relations *dst);
/* dst (a copy of src made earlier, perhaps changed since) becomes a copy of src again, in its own
 * memory when src has the same capacity (no allocation), else copied anew. SC_OK or SC_ENOMEM. */
sc_status sc__relations_assign(const sc__relations *src, sc__relations *dst);

/* The record of dyad (a, b) in either order, or NULL if the scenario has none. */
sc_relation *sc__relations_find(const sc__relations *r, size_t a, size_t b);

/*
 * The record of dyad (a, b), created blank (present 0, amity and trade NAN with their ranges) if
 * missing; NULL when out of memory. `keep_sorted`: insert into `order` at once (one relation, as
 * sc_scenario_set_amity does); otherwise append and leave sorting to sc__relations_sort (a file's
 * relations, many at once).
 */
sc_relation *sc__relations_add(sc__relations *r, size_t a, size_t b, int keep_sorted);

/* Sorts `order` by dyad after unsorted additions. */
void sc__relations_sort(sc__relations *r);

/* The k-th record by dyad (k < r->n; r sorted), with its actors lo < hi. */
sc_relation *sc__relations_at(const sc__relations *r, size_t k, size_t *lo, size_t *hi);

/* Bytes one record costs (record, key, order entry, two hash slots), for the memory budget. */
#define SC__REL_BYTES (sizeof(sc_relation) + sizeof(uint64_t) + 3 * sizeof(uint32_t))

#endif
