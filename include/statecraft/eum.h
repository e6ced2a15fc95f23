/* SPDX-License-Identifier: MIT */
/** @file eum.h
 * Bueno de Mesquita's expected-utility model of group decisions (Scholz et al. 2011). */
#ifndef STATECRAFT_EUM_H
#define STATECRAFT_EUM_H

#include "statecraft/common.h"
#include "statecraft/diag.h"
#include "statecraft/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Which reading of the model to play (docs/models/eum.md). */
typedef enum sc_eum_variant {
    /** Scholz's program as reconstructed by Velev: votes risk-transformed, one global normaliser
     * for P, confrontation first, then the compromise with the lowest weighted key; reproduces
     * BDM's published Belgium chart and Scholz's mean-position figure. */
    SC_EUM_SCHOLZ = 0,
    /** The equations as printed: P with the pairwise normaliser of eq. 30 (votes in the voters'
     * risk-adjusted distances), every offer kind including capitulation, and the offer that
     * needs the smallest move accepted. */
    SC_EUM_PRINTED
} sc_eum_variant;

/** The variant's name: "scholz" or "printed". */
SC_API const char *sc_eum_variant_name(sc_eum_variant v);
/** Parses "scholz" or "printed"; SC_EINVAL otherwise. */
SC_API sc_status sc_eum_variant_parse(const char *name, sc_eum_variant *out, sc_diag *diag);

/** How to play the model; set the defaults with sc_eum_params_init. */
typedef struct sc_eum_params {
    sc_eum_variant variant; /**< the reading of the model (default SC_EUM_SCHOLZ) */
    int rounds;             /**< rounds to play (default 10) */
    double tol; /**< stop early once no actor moves more than tol (0: play all rounds) */
    double q;   /**< probability that the status quo holds when i does not challenge (1) */
    double t;   /**< probability that j then moves toward i (1) */
} sc_eum_params;

/** Sets the defaults: Scholz's variant, 10 rounds, no early stop, q = t = 1. */
SC_API void sc_eum_params_init(sc_eum_params *p);

/** Why an actor moved in a round. */
typedef enum sc_eum_move_kind {
    SC_EUM_NONE = 0,      /**< no offer was accepted: the actor stays */
    SC_EUM_CONFRONTATION, /**< i lost a conflict it expects j to press: i moves to x_j */
    SC_EUM_COMPROMISE,    /**< i concedes part of the way: x_i + (x_j - x_i)|a|/b */
    SC_EUM_CAPITULATION   /**< i gives in entirely: x_j */
} sc_eum_move_kind;

/** The move's name: "none", "confrontation", "compromise" or "capitulation". */
SC_API const char *sc_eum_move_name(sc_eum_move_kind k);

/** The move actor `actor` made in a round, with the quadrant coordinates that caused it. */
typedef struct sc_eum_move {
    sc_eum_move_kind kind; /**< why the actor moved */
    int partner;           /**< the actor whose offer was accepted, -1 for none */
    double from;           /**< position before the round */
    double to;             /**< position after the round */
    double e_ij;           /**< E^i(U_ij) for the accepted partner */
    double e_ji;           /**< E^i(U_ji) for the accepted partner */
} sc_eum_move;

/** The rounds of one run of the model (owned; free with sc_eum_result_free). */
typedef struct sc_eum_result {
    size_t n;           /**< actors */
    int rounds;         /**< rounds played */
    double *positions;  /**< (rounds + 1) * n, round-major; round 0 is the input */
    double *mean;       /**< rounds + 1: capability x salience weighted mean */
    double *median;     /**< rounds + 1: weighted median (the median voter) */
    double *risk;       /**< rounds * n: the risk exponents r_i used in round t + 1 */
    sc_eum_move *moves; /**< rounds * n */
    int converged;      /**< positions stopped moving (by tol) */
    int cycle;          /**< 1 if positions revisit an earlier round (exact cycle) */
    int cycle_start;    /**< the round the cycle starts at (when cycle) */
    int cycle_period;   /**< the cycle's length in rounds (when cycle) */
    int oscillating;    /**< the mean turned back at least twice and never settled */
    double osc_period;  /**< mean distance in rounds between its successive peaks (0 if none) */
} sc_eum_result;

/**
 * Plays the model on one issue: n actors with capabilities c (> 0), positions x and saliences s
 * in [0, 1]. O(n^2 log n) time per round (sorting and prefix sums replace the third-party vote
 * loop) and O(n^2) memory, allocated once before the first round. *out is freed with
 * sc_eum_result_free.
 */
SC_API sc_status sc_eum_run(size_t n, const double *c, const double *x, const double *s,
                            const sc_eum_params *params, sc_eum_result **out, sc_diag *diag);

/** Frees a result; NULL is a no-op. */
SC_API void sc_eum_result_free(sc_eum_result *r);

/**
 * BDM's quadrant chart for round 1 from actor a's perspective: for every j, xs[j] = E^a(U_aj)
 * and ys[j] = E^a(U_ja), with a's risk exponent of round 1 (xs[a] = ys[a] = 0).
 */
SC_API sc_status sc_eum_quadrant(size_t n, const double *c, const double *x, const double *s,
                                 const sc_eum_params *params, size_t a, double *xs, double *ys,
                                 sc_diag *diag);

/**
 * Runs the model on one issue of a scenario, over the actors with a stance on it. *ids (borrowed
 * from the scenario, n entries) names result row i; free *ids with sc_free.
 */
SC_API sc_status sc_eum_run_scenario(const sc_scenario *s, size_t issue,
                                     const sc_eum_params *params, sc_eum_result **out,
                                     const char ***ids, sc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
