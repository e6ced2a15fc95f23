/* SPDX-License-Identifier: MIT */
/* The events module's private interface: dates, tables, actors, the file scan and its stream. */
#ifndef SC_EVENTS_INTERNAL_H
#define SC_EVENTS_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "events/cameo_internal.h"
#include "statecraft/events.h"

/* ---- calendar days (proleptic Gregorian, day 0 = 1970-01-01) -------------------------------- */

int sc__ymd_valid(int y, int m, int d);
int32_t sc__days_from_civil(int y, int m, int d);
void sc__civil_from_days(int32_t z, int *y, int *m, int *d);
/* "yyyy-mm-dd" */
void sc__day_format(int32_t day, char out[11]);
/* Parses YYYYMMDD or YYYY-MM-DD (exactly n bytes): 1 on success, 0 if malformed or impossible. */
int sc__day_parse(const char *p, size_t n, int32_t *out);

/* ---- countries (generated src/events/countries.c) ------------------------------------------- */

typedef struct sc__country {
    const char *code; /* ISO 3166-1 alpha-3, or a CAMEO region code */
    const char *name;
    int region;
} sc__country;

typedef struct sc__country_alias {
    const char *name; /* lower case */
    const char *code;
} sc__country_alias;

extern const sc__country sc__countries[];
extern const size_t sc__country_count;
extern const sc__country_alias sc__country_aliases[];
extern const size_t sc__country_alias_count;

/* The entry of a 3-letter country or region code, or NULL. */
const sc__country *sc__country_find(const char *code, size_t n);
/* sc_country_code on a text that is not NUL-terminated. */
const char *sc__country_code_n(const char *name, size_t n);

/* ---- actors ---------------------------------------------------------------------------------- */

/* Which field of a row a mapping key must match. */
typedef enum sc__mapkind {
    SC__MAP_ANY = 0, SC__MAP_CODE, SC__MAP_GROUP, SC__MAP_COUNTRY, SC__MAP_NAME, SC__MAP_CNAME,
    SC__MAP_KINDS
} sc__mapkind;

/* Result of a mapping lookup: not in the map, mapped to "no actor", or mapped to an id. */
typedef enum { SC__MAP_MISS = 0, SC__MAP_NONE, SC__MAP_ID } sc__mapres;

sc__mapres sc__actor_map_lookup(const sc_actor_map *m, sc__mapkind kind, const char *key,
                                size_t n, const char **id);
size_t sc__actor_map_size(const sc_actor_map *m);
/* 1 if the text is a valid scenario actor id: 1-32 characters of A-Za-z0-9_- */
int sc__valid_actor_id(const char *p, size_t n);

/* ---- the scan: files -> records -> one-a-day de-duplication -> sorted day aggregates --------- */

/* One (dyad, day) of the sorted stream: every record of that day after de-duplication. */
typedef struct sc__dayagg {
    uint32_t dyad;
    int32_t day;
    uint32_t events;
    double sum, weight, quad[4];
    int top_code; /* CAMEO table index of the record with the largest |w g| */
} sc__dayagg;

/* Called for each aggregate in (dyad, day) order; a non-SC_OK return stops the scan. */
typedef sc_status (*sc__day_fn)(void *ctx, const sc__dayagg *d, sc_diag *diag);

typedef struct sc__scan sc__scan;

/* Reads every file and de-duplicates; the aggregates are then streamed by sc__scan_stream. */
sc_status sc__scan_new(const char *const *paths, size_t n_paths, const sc_events_opts *opts,
                       int32_t at_day, int has_at, sc__scan **out, sc_diag *diag);
sc_status sc__scan_stream(sc__scan *sc, sc__day_fn fn, void *ctx, sc_diag *diag);
void sc__scan_free(sc__scan *sc);
/* The actors and dyads the scan met (valid until sc__scan_free). */
const char *sc__scan_actor(const sc__scan *sc, uint32_t actor);
void sc__scan_dyad(const sc__scan *sc, uint32_t dyad, uint32_t *source, uint32_t *target);
size_t sc__scan_dyad_count(const sc__scan *sc);
/* Moves the statistics out (the caller owns stats->files afterwards). */
void sc__scan_take_stats(sc__scan *sc, sc_events_stats *stats);
void sc__stats_free(sc_events_stats *stats);

/* ---- the de-duplication table (dedup.c) ------------------------------------------------------ */

/* Key order is (dyad, day, code): dyad in bits 33-58, day + 2^23 in bits 9-32, code in 0-8. */
#define SC__DAY_BIAS (1 << 23)
#define SC__MAX_DYADS (1u << 26)

static inline uint64_t sc__key(uint32_t dyad, int32_t day, unsigned code)
{
    return ((uint64_t)dyad << 33) | ((uint64_t)(uint32_t)(day + SC__DAY_BIAS) << 9) | code;
}
static inline uint32_t sc__key_dyad(uint64_t k) { return (uint32_t)(k >> 33); }
static inline int32_t sc__key_day(uint64_t k)
{
    return (int32_t)((k >> 9) & 0xffffffu) - SC__DAY_BIAS;
}
static inline unsigned sc__key_code(uint64_t k) { return (unsigned)(k & 0x1ffu); }

typedef struct sc__dd_entry {
    uint64_t key;
    double w;
} sc__dd_entry;

typedef struct sc__dedup sc__dedup;

sc_status sc__dedup_new(size_t budget, sc__dedup **out);
void sc__dedup_free(sc__dedup *d);
/* 1 inserted, 0 duplicate (the first record of a key is kept); SC_ENOMEM/SC_EIO as negative. */
int sc__dedup_insert(sc__dedup *d, uint64_t key, double w);
/* Ends insertion: sorts, and opens the merge when runs were spilled. */
sc_status sc__dedup_finish(sc__dedup *d);
/* The next unique entry in key order: 1, 0 at the end, -1 on a read error. */
int sc__dedup_next(sc__dedup *d, sc__dd_entry *out);
uint64_t sc__dedup_duplicates(const sc__dedup *d);
size_t sc__dedup_spills(const sc__dedup *d);

/* ---- the score --------------------------------------------------------------------------------- */

/* 2^(-days / h) */
double sc__decay(double days, double half_life);
sc_status sc__dsmg_check(const sc_dsmg_params *p, sc_diag *diag);

#endif
