/* SPDX-License-Identifier: MIT */
/** @file eum.h
 * Bueno de Mesquita's expected-utility model of group decisions (Scholz et al. 2011). */
#ifndef STATECRAFT_EUM_H
#define STATECRAFT_EUM_H

#include <signal.h>

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
     * BDM's published Belgium chart and Scholz's mean-position figure (the published
     * replication). */
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

/** When the game stops. */
typedef enum sc_eum_stop {
    /** Until no position moves by more than tol or the positions repeat an earlier round (a
     * cycle), at most max_rounds rounds: the honest default (docs/models/eum.md). */
    SC_EUM_STOP_CONVERGE = 0,
    /** Exactly `rounds` rounds (fewer only if no position moves by more than tol), as Scholz et
     * al. ran it; a cycle is recorded but does not stop the game. */
    SC_EUM_STOP_FIXED
} sc_eum_stop;

/** How to play the model; set the defaults with sc_eum_params_init. */
typedef struct sc_eum_params {
    sc_eum_variant variant; /**< the reading of the model (default SC_EUM_SCHOLZ) */
    sc_eum_stop stop;       /**< when to stop (default SC_EUM_STOP_CONVERGE) */
    int rounds;             /**< SC_EUM_STOP_FIXED: rounds to play (10) */
    int max_rounds;         /**< SC_EUM_STOP_CONVERGE: the round cap (100) */
    double tol;   /**< a move of at most tol x scale is no move, and positions that differ by at
                       most that much are the same (cycles); in (0, 0.5] (1e-4) */
    double scale; /**< the issue scale's length; 0: the spread of the input positions */
    double q;     /**< probability that the status quo holds when i does not challenge (1) */
    double t;     /**< probability that j then moves toward i (1) */
    unsigned threads; /**< workers (0: one per core) for sc_eum_drivers' replays and, from 256
                           actors, for the passes of each round of sc_eum_run; results never
                           depend on it, bit for bit */
    /** If not NULL, looked at before each round of every game sc_eum_run, sc_eum_drivers and
        sc_eum_compare play (the drivers' replays on every worker): once *cancel is nonzero
        they stop and return SC_ELIMIT ("eum: interrupted ..."), with no result (set it from a
        signal handler). NULL (the default): never. */
    const volatile sig_atomic_t *cancel;
} sc_eum_params;

/** Sets the defaults: Scholz's variant, until convergence (tol 1e-4, cap 100), q = t = 1, no
 * cancel flag. */
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
    /** the median voter after the round minus the median had this actor alone not moved: how
     * much this challenge decided the round's forecast (0 for no move) */
    double median_effect;
} sc_eum_move;

/** How a game ended. */
typedef enum sc_eum_outcome {
    SC_EUM_CONVERGED = 0, /**< the last round moved no position by more than tol */
    SC_EUM_CYCLE,         /**< the positions repeat an earlier round's: a cycle */
    SC_EUM_UNSETTLED      /**< the cap (or the fixed number of rounds) came first */
} sc_eum_outcome;

/** The outcome's name: "converged", "cycle" or "unsettled". */
SC_API const char *sc_eum_outcome_name(sc_eum_outcome o);

/** The rounds of one run of the model (owned; free with sc_eum_result_free). */
typedef struct sc_eum_result {
    size_t n;               /**< actors */
    int rounds;             /**< rounds played */
    double *positions;      /**< (rounds + 1) * n, round-major; round 0 is the input */
    double *mean;           /**< rounds + 1: influence x salience weighted mean */
    double *median;         /**< rounds + 1: weighted median (the median voter) */
    double *risk;           /**< rounds * n: the risk exponents r_i used in round t + 1 */
    sc_eum_move *moves;     /**< rounds * n */
    sc_eum_outcome outcome; /**< how the game ended */
    int converged;          /**< outcome == SC_EUM_CONVERGED */
    int cycle;          /**< a cycle was found: round cycle_start + cycle_period repeats round
                             cycle_start (the first repetition, so the period is the shortest) */
    int cycle_start;    /**< the first round of the cycle (when cycle) */
    int cycle_period;   /**< the cycle's length in rounds (when cycle) */
    /** The forecast (docs/models/eum.md, "The forecast"): the median voter of the last round
     * when the game converged or under SC_EUM_STOP_FIXED, else the mean of the median voter
     * over the window (one period of the cycle, or the second half of an unsettled game). */
    double forecast;
    double forecast_lo; /**< the smallest median voter over the window */
    double forecast_hi; /**< the largest median voter over the window */
    double mean_lo;     /**< the smallest weighted mean over the window */
    double mean_hi;     /**< the largest weighted mean over the window */
    int window_start;   /**< the first round the forecast summarises */
    int window_end;     /**< the last round the forecast summarises */
    int oscillating;    /**< the mean turned back at least twice and never settled */
    double osc_period;  /**< mean distance in rounds between its successive peaks (0 if none) */
} sc_eum_result;

/**
 * Plays the model on one issue: n actors with capabilities (or issue influences) c >= 0,
 * positions x and saliences s in [0, 1]. O(n^2) time per round (sorting, prefix sums and two
 * pointers replace the third-party vote loop) and O(n^2 + rounds n) memory, allocated once
 * before the first round. *out is freed with sc_eum_result_free.
 */
SC_API sc_status sc_eum_run(size_t n, const double *c, const double *x, const double *s,
                            const sc_eum_params *params, sc_eum_result **out, sc_diag *diag);

/** Frees a result; NULL is a no-op. */
SC_API void sc_eum_result_free(sc_eum_result *r);

/** What leaving one actor out changes. */
typedef struct sc_eum_driver {
    size_t actor;           /**< index into the inputs */
    double delta;           /**< forecast without the actor minus the forecast with everyone */
    double forecast;        /**< forecast without the actor */
    sc_eum_outcome outcome; /**< how the game without the actor ended */
} sc_eum_driver;

/**
 * Leave-one-out drivers: the game replayed without each actor in turn (same params; the
 * tolerance's scale fixed to the full game's), out[k] for every actor, sorted by |delta|
 * (largest first, ties by actor). `forecast` is the forecast with everyone
 * (sc_eum_result.forecast). Runs on params->threads workers; the results do not depend on their
 * number. n >= 3 (without one actor at least two must remain).
 */
SC_API sc_status sc_eum_drivers(size_t n, const double *c, const double *x, const double *s,
                                const sc_eum_params *params, double forecast,
                                sc_eum_driver *out, sc_diag *diag);

/** One actor's part in a change of forecast between two games (sc_eum_compare). */
typedef struct sc_eum_shift {
    size_t actor;     /**< row of the inputs whose capability, position or salience differ */
    double delta;     /**< forecast of the `to` game minus its forecast with this row's inputs
                           set back to the `from` game's: what this row's change alone did */
    double forecast;  /**< the `to` game's forecast with this row set back */
    /** when only the row's position changed: the first round (>= 1) in which the row stands
     * where it stands in the `from` game (to the tolerance), i.e. the round that erased the
     * change; -1 when it never does or when its capability or salience changed too */
    int erased_round;
} sc_eum_shift;

/** What made one game's forecast another's (caller-provided; sc_eum_comparison_destroy). */
typedef struct sc_eum_comparison {
    double delta;          /**< to->forecast - from->forecast */
    size_t n_shifts;       /**< rows whose inputs differ */
    sc_eum_shift *shifts;  /**< n_shifts entries, largest |delta| first (ties by row) */
    /** the first round (>= 1) from which both games hold every actor at the same position (to
     * the tolerance) with the same capabilities and saliences, so that they play on alike;
     * -1 when they never meet or differ in capability or salience */
    int merged_round;
} sc_eum_comparison;

/**
 * Explains the change from game `from` (inputs c0, x0, s0, result r0) to game `to` (c1, x1, s1,
 * r1): the same n actors in the same rows, e.g. an issue before and after a scenario's events.
 * For every row whose inputs differ, the `to` game is replayed with that row set back
 * (attribution one change at a time: the deltas need not add up when changes interact), and the
 * rounds are compared to find where a change was erased. The tolerance's scale is
 * params->scale, or the spread of x1 when it is 0. Free with sc_eum_comparison_destroy.
 */
SC_API sc_status sc_eum_compare(size_t n, const double *c0, const double *x0, const double *s0,
                                const double *c1, const double *x1, const double *s1,
                                const sc_eum_params *params, const sc_eum_result *r0,
                                const sc_eum_result *r1, sc_eum_comparison *out, sc_diag *diag);
/** Frees what sc_eum_compare allocated and empties *c; NULL is a no-op. */
SC_API void sc_eum_comparison_destroy(sc_eum_comparison *c);

/**
 * BDM's quadrant chart for round 1 from actor a's perspective: for every j, xs[j] = E^a(U_aj)
 * and ys[j] = E^a(U_ja), with a's risk exponent of round 1 (xs[a] = ys[a] = 0).
 */
SC_API sc_status sc_eum_quadrant(size_t n, const double *c, const double *x, const double *s,
                                 const sc_eum_params *params, size_t a, double *xs, double *ys,
                                 sc_diag *diag);

/**
 * The actors of a scenario's issue as the model sees them: the n actors with a stance on it,
 * with influence (sc_scenario_influence), position and salience. Arrays are malloc'd (free
 * with sc_eum_issue_destroy).
 */
typedef struct sc_eum_issue {
    size_t n;      /**< actors with a stance */
    size_t *actor; /**< actor[k]: the scenario index of row k */
    double *c;     /**< influence on the issue */
    double *x;     /**< position */
    double *s;     /**< salience */
    double scale;  /**< the issue scale's length */
} sc_eum_issue;

/** Fills *out with the actors of `issue` (at least 2 with a stance, else SC_EINVAL). */
SC_API sc_status sc_eum_issue_from_scenario(const sc_scenario *s, size_t issue,
                                            sc_eum_issue *out, sc_diag *diag);
/** Frees the arrays of an sc_eum_issue and empties it. */
SC_API void sc_eum_issue_destroy(sc_eum_issue *is);

/** Sets tol, max_rounds, q and t from the scenario's `eum:` section, on top of *p. */
SC_API sc_status sc_eum_params_from_scenario(const sc_scenario *s, sc_eum_params *p,
                                             sc_diag *diag);

/**
 * Runs the model on one issue of a scenario, over the actors with a stance on it, with their
 * influence on the issue and the issue's scale for the tolerance. *ids (borrowed from the
 * scenario, n entries) names result row i; free *ids with sc_free.
 */
SC_API sc_status sc_eum_run_scenario(const sc_scenario *s, size_t issue,
                                     const sc_eum_params *params, sc_eum_result **out,
                                     const char ***ids, sc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
