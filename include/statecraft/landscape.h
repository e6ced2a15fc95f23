/* SPDX-License-Identifier: MIT */
/** @file landscape.h
 * Landscape theory of aggregation (Axelrod & Bennett 1993). */
#ifndef STATECRAFT_LANDSCAPE_H
#define STATECRAFT_LANDSCAPE_H

#include <signal.h>

#include "statecraft/common.h"
#include "statecraft/diag.h"
#include "statecraft/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Actors i = 0..n-1 with sizes s_i > 0 and symmetric propensities p_ij (p_ii = 0), stored
 * row-major in an n*n array. A configuration assigns each actor a bloc label; the energy is
 * E = sum over ordered pairs i != j of s_i s_j p_ij d_ij, with d_ij = 1 when i and j are apart.
 */

/** Energy of a configuration given by labels (any non-negative ints). */
SC_API double sc_landscape_energy(size_t n, const double *size, const double *prop,
                                  const int *label);

/** Frustration of actor i: F_i = sum_j s_j p_ij d_ij. */
SC_API double sc_landscape_frustration(size_t n, const double *size, const double *prop,
                                       const int *label, size_t i);

/** Checks sizes (> 0, finite) and propensities (finite, symmetric to 1e-12, zero diagonal). */
SC_API sc_status sc_landscape_check(size_t n, const double *size, const double *prop,
                                    sc_diag *diag);

/** Search settings; set the defaults with sc_landscape_params_init. */
typedef struct sc_landscape_params {
    unsigned threads;     /**< workers for the exhaustive search (0: one per core) */
    size_t max_minima;    /**< local minima kept (default 100000); the count is always exact */
    size_t basin_samples; /**< random starts for basin sizes (default 0: none) */
    uint64_t seed;        /**< for the basin estimate */
    /** Called now and then by the two-bloc searches with the configurations searched so far
        of 2^(n-1) (from one worker thread at a time), and by sc_landscape_search_k with the
        nodes visited so far (total 0: unknown); NULL: none. */
    sc_progress_fn progress;
    void *progress_ctx; /**< passed to progress */
    /** If not NULL, checked by the two-bloc searches between blocks of configurations and by
        sc_landscape_search_k every 65536 nodes: once *cancel is nonzero they stop and return
        SC_ELIMIT, the two-bloc searches with *out holding what the configurations searched
        until then hold (`configurations` counts them; no basins), the k-bloc search with the
        best split found so far. */
    const volatile sig_atomic_t *cancel;
    /** sc_landscape_search_k: if not NULL, n labels in 0..k-1, a split to start from (e.g. the
        two-bloc global minimum, its mask as labels 0 and 1): the search keeps it unless it
        finds a strictly better one, so its answer, stopped or not, is never worse than this
        split. NULL (the default): it starts from everyone in one bloc (energy 0). */
    const int *k_start;
} sc_landscape_params;

/** Sets the defaults: one thread per core, 100000 minima kept, no basins, seed 1936, no
 * progress callback, no cancel flag, no starting split. */
SC_API void sc_landscape_params_init(sc_landscape_params *p);

/** A two-bloc configuration: bit i of `mask` is actor i's side; the last actor is on side 0. */
typedef struct sc_landscape_min {
    uint64_t mask; /**< bit i set: actor i is on side 1 */
    double energy; /**< the configuration's energy E */
    double basin;  /**< share of random starts ending here (0 if not estimated) */
} sc_landscape_min;

/** What a two-bloc search found (owned; free with sc_landscape_result_free). */
typedef struct sc_landscape_result {
    size_t n;                 /**< actors */
    sc_landscape_min global;  /**< the global minimum (ties: smallest mask) */
    size_t n_minima;          /**< number of local minima (no single actor gains by switching) */
    size_t n_kept;            /**< how many of them are in `minima`, sorted by energy then mask */
    sc_landscape_min *minima; /**< n_kept local minima, lowest energy first */
    uint64_t configurations;  /**< configurations evaluated: 2^(n-1) */
} sc_landscape_result;

/**
 * Exact search of all 2^(n-1) two-bloc configurations for every local minimum and the global
 * one: a depth-first enumeration that skips a subtree as soon as a placed actor is frustrated
 * whatever the unplaced ones do (see docs/models/landscape.md), split over threads by the first
 * ten levels; results are bit-identical whatever the thread count. n must be 2..48. Worst case
 * (all couplings near zero: everything is a minimum) is still 2^(n-1). *out is freed with
 * sc_landscape_result_free.
 */
SC_API sc_status sc_landscape_search2(size_t n, const double *size, const double *prop,
                                      const sc_landscape_params *params,
                                      sc_landscape_result **out, sc_diag *diag);

/**
 * Axelrod & Bennett's exhaustive search: every one of the 2^(n-1) configurations is visited and
 * tested, in Gray-code order (one actor flips per step, O(n) field update), the weakest 12
 * actors' fields read from a table built once, and the local-minimum test branch-free on eight
 * actors at a time; split over params->threads workers (0: one per core). Finds exactly what
 * sc_landscape_search2 finds, bit for bit and whatever the thread count, but its time does not
 * depend on the data: about 2^(n-1) x 0.5 ns per core (n = 32 in about 1 s on 2 cores; see
 * docs/models/landscape.md). n must be 2..40. params may be NULL (defaults). *out is freed with
 * sc_landscape_result_free.
 */
SC_API sc_status sc_landscape_search2_gray(size_t n, const double *size, const double *prop,
                                           const sc_landscape_params *params,
                                           sc_landscape_result **out, sc_diag *diag);

/** Frees a result; NULL is a no-op. */
SC_API void sc_landscape_result_free(sc_landscape_result *r);

/**
 * Exact minimum over configurations with at most k blocs (k >= 2), by branch and bound over
 * canonical labelings (actor 0 in bloc 0, each next actor in a used bloc or the next new one),
 * with the bound "pairs not yet fixed contribute at least min(0, 2 s_i s_j p_ij)". labels
 * receives n labels; *energy the minimum; *nodes (may be NULL) the nodes visited. Exponential
 * in the worst case: see docs/models/landscape.md for the sizes it handles; `node_limit` (0:
 * none) stops it with SC_ELIMIT, and so does params->cancel (params may be NULL: no cancel
 * flag, no progress callback, no starting split; its other fields are not used); stopped,
 * labels and *energy hold the best split found so far, not proven the best, and never worse
 * than params->k_start; the diag says it was stopped ("branch and bound cancelled after N
 * nodes ..."). SC_EINVAL if a label of params->k_start is outside 0..k-1.
 */
SC_API sc_status sc_landscape_search_k(size_t n, const double *size, const double *prop,
                                       size_t k, uint64_t node_limit,
                                       const sc_landscape_params *params, int *labels,
                                       double *energy, uint64_t *nodes, sc_diag *diag);

/**
 * Sizes and propensities from a scenario, for the actors idx[0..n-1] (idx NULL: all actors, and
 * n must be sc_scenario_actor_count(s)): size_i = capability; p_ij = amity_ij + trade_weight *
 * trade_ij / (largest trade among these dyads), with 0 for a dyad the scenario gives no relation
 * and no trade term where trade is not given. trade_weight 0 uses amity alone (the default of
 * the CLI and the report). `size` has n entries and `prop` n*n, both allocated by the caller.
 * SC_EINVAL for a bad index, SC_ERANGE for a negative or non-finite weight.
 */
SC_API sc_status sc_landscape_from_scenario(const sc_scenario *s, const size_t *idx, size_t n,
                                            double trade_weight, double *size, double *prop,
                                            sc_diag *diag);

/** Which settings came from the scenario's `landscape:` section (sc_landscape_settings). */
enum {
    SC_LANDSCAPE_GIVEN_BLOCS = 1u << 0,         /**< `blocs:` */
    SC_LANDSCAPE_GIVEN_BASIN_SAMPLES = 1u << 1, /**< `basin_samples:` */
    SC_LANDSCAPE_GIVEN_TRADE_WEIGHT = 1u << 2,  /**< `trade_weight:` */
    SC_LANDSCAPE_GIVEN_ACTORS = 1u << 3         /**< `actors:` */
};

/** The settings of a scenario's `landscape:` section (sc_landscape_settings_from_scenario). */
typedef struct sc_landscape_settings {
    size_t blocs;         /**< the best split into at most this many blocs (default 3) */
    size_t basin_samples; /**< random starts for the basins (default 2000) */
    double trade_weight;  /**< weight of the trade term in the propensities (default 0) */
    size_t n;             /**< actors used */
    size_t *actors;       /**< their indices in the scenario, or NULL for all in order (owned) */
    unsigned given;       /**< the SC_LANDSCAPE_GIVEN_* bits of the keys the section sets */
} sc_landscape_settings;

/**
 * Reads the scenario's `landscape: {blocs, basin_samples, trade_weight, actors}` section, with
 * the defaults where a key is absent: the settings `statecraft run` and `statecraft landscape`
 * use. Located errors for a bad section. Release with sc_landscape_settings_destroy.
 */
SC_API sc_status sc_landscape_settings_from_scenario(const sc_scenario *s,
                                                     sc_landscape_settings *out, sc_diag *diag);
/** Frees what the settings own (the actor list); the struct itself is the caller's. */
SC_API void sc_landscape_settings_destroy(sc_landscape_settings *st);

/** Named actors with sizes and propensities, read from tables (owned; free with
 * sc_landscape_data_free). */
typedef struct sc_landscape_data {
    size_t n;     /**< actors */
    char **names; /**< n actor names */
    double *size; /**< n sizes */
    double *prop; /**< n*n propensities, row-major */
} sc_landscape_data;

/**
 * Reads a sizes table (CSV with a header; the actor names are in the first column whose header
 * is "actor", "country" or "name", the sizes in the column named `size_column`, default
 * "strength", "size" or "cinc", in that order of preference) and a propensity matrix (CSV whose
 * first row lists the actors and each next row starts with an actor; an empty cell is 0, the
 * diagonal must be empty or 0). Matrix entries are p = raw + shift (e.g. shift -3 turns a 1..5
 * scale into -2..+2). Rows and columns of the matrix are matched to the sizes table by position.
 * Errors are located in the file at fault.
 */
SC_API sc_status sc_landscape_read_csv(const char *sizes_text, size_t sizes_len,
                                       const char *sizes_file, const char *prop_text,
                                       size_t prop_len, const char *prop_file,
                                       const char *size_column, double shift,
                                       sc_landscape_data **out, sc_diag *diag);

/** Frees the data; NULL is a no-op. */
SC_API void sc_landscape_data_free(sc_landscape_data *d);

#ifdef __cplusplus
}
#endif
#endif
