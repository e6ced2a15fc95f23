/* SPDX-License-Identifier: MIT */
/** @file smp.h
 * KTAB's Spatial Model of Politics (SMP), compatible with KTAB's smpc. */
#ifndef STATECRAFT_SMP_H
#define STATECRAFT_SMP_H

#include <signal.h>

#include "statecraft/common.h"
#include "statecraft/diag.h"
#include "statecraft/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** KTAB's model options (docs/models/smp.md); the first of each is KTAB's default. */
typedef enum { SC_SMP_VPM_LINEAR = 0, SC_SMP_VPM_SQUARE, SC_SMP_VPM_QUARTIC, SC_SMP_VPM_OCTIC,
               SC_SMP_VPM_BINARY } sc_smp_vpm;
/** KTAB's PCEModel: how challenge probabilities become outcome probabilities. */
typedef enum { SC_SMP_PCE_CONDITIONAL = 0, SC_SMP_PCE_MARKOV_INCENTIVE,
               SC_SMP_PCE_MARKOV_UNIFORM } sc_smp_pce;
/** KTAB's VotingRule: how an actor's utility difference becomes its vote. */
typedef enum { SC_SMP_VOTE_PROP = 0, SC_SMP_VOTE_BINARY, SC_SMP_VOTE_PROPBIN, SC_SMP_VOTE_PROPCBC,
               SC_SMP_VOTE_CUBIC, SC_SMP_VOTE_ASYMPROSP } sc_smp_vote;
/** KTAB's BigRAdjust: how far an actor's risk attitude is adjusted toward its estimate. */
typedef enum { SC_SMP_RADJ_ONE_THIRD = 0, SC_SMP_RADJ_NONE, SC_SMP_RADJ_HALF,
               SC_SMP_RADJ_TWO_THIRDS, SC_SMP_RADJ_FULL } sc_smp_radj;
/** KTAB's BigRRange: the range of risk attitudes. */
typedef enum { SC_SMP_RRANGE_MID = 0, SC_SMP_RRANGE_MIN, SC_SMP_RRANGE_MAX } sc_smp_rrange;
/** KTAB's ThirdPartyCommit: how much third parties commit to a side. */
typedef enum { SC_SMP_TP_SEMI = 0, SC_SMP_TP_NONE, SC_SMP_TP_FULL } sc_smp_third_party;
/** KTAB's InterVecBrgn: how bargains interpolate between positions. */
typedef enum { SC_SMP_INTERP_S2P2 = 0, SC_SMP_INTERP_S1P1, SC_SMP_INTERP_S2PMAX } sc_smp_interp;
/** KTAB's BargnModel: which bargains are offered. */
typedef enum { SC_SMP_BARGAIN_INIT_ONLY = 0, SC_SMP_BARGAIN_INIT_RCVR,
               SC_SMP_BARGAIN_PW_COMP } sc_smp_bargain;

/** When the game stops. */
typedef enum sc_smp_stop {
    /** until no position moves by more than tol or the positions repeat an earlier turn (a
     * cycle; deterministic transitions only), at most max_turns turns */
    SC_SMP_STOP_CONVERGE = 0,
    /** KTAB's smpStopFn: at max_turns, or from min_turns on once the change ratio
     * D(t-1, t) / (D(0, 1) + 1e-4) falls below min_delta_ratio (docs/models/smp.md) */
    SC_SMP_STOP_KTAB
} sc_smp_stop;

/** The model's options by KTAB's names; set the defaults with sc_smp_params_init. */
typedef struct sc_smp_params {
    sc_smp_vpm vpm;                 /**< VictoryProbModel */
    sc_smp_pce pce;                 /**< PCEModel */
    int stochastic;                 /**< 0: deterministic transitions (KTAB's default) */
    sc_smp_vote vote;               /**< VotingRule */
    sc_smp_radj radj;               /**< BigRAdjust */
    sc_smp_rrange rrange;           /**< BigRRange */
    sc_smp_third_party third_party; /**< ThirdPartyCommit */
    sc_smp_interp interp;           /**< InterVecBrgn */
    sc_smp_bargain bargain;         /**< BargnModel */
    uint64_t seed;          /**< stochastic mode: turn t, actor k draw from stream (seed, t*N+k) */
    int max_turns;          /**< the turn cap (100) */
    int min_turns;          /**< KTAB's rule: no stop before this turn (2) */
    double min_delta_ratio; /**< KTAB's rule: the change ratio that stops the game (0.02) */
    sc_smp_stop stop;       /**< when to stop (SC_SMP_STOP_CONVERGE) */
    double tol; /**< a move of at most tol (positions on [0, 1]) is no move, and positions within
                     tol are the same (cycles); in (0, 0.5] (1e-4) */
    unsigned threads; /**< workers for sc_smp_drivers (0: one per core); results never depend on
                           it */
    /** If not NULL, looked at before each turn and each actor's challenges and election in a
        turn, by sc_smp_run and by sc_smp_drivers' replays on every worker: once *cancel is
        nonzero they stop and return SC_ELIMIT ("smp: interrupted ..."), with no result (set it
        from a signal handler). NULL (the default): never. */
    const volatile sig_atomic_t *cancel;
} sc_smp_params;

/** Sets KTAB's defaults (the first value of each option), convergence within 1e-4 and at most
 * 100 turns; KTAB's own rule (2..100 turns, ratio 0.02) with stop = SC_SMP_STOP_KTAB. */
SC_API void sc_smp_params_init(sc_smp_params *p);

/**
 * Sets one option by KTAB's names ("VictoryProbModel"/"vpm", "PCEModel"/"pce",
 * "StateTransitions", "VotingRule", "BigRAdjust", "BigRRange", "ThirdPartyCommit",
 * "InterVecBrgn", "BargnModel") and values ("Linear", "Conditional", "Stochastic", "Prop", ...).
 * SC_EINVAL with a message naming the accepted values otherwise.
 */
SC_API sc_status sc_smp_params_set(sc_smp_params *p, const char *name, const char *value,
                                   sc_diag *diag);

/** An SMP problem: n actors, m dimensions, positions and saliences on [0, 1]. */
typedef struct sc_smp_input {
    size_t n;     /**< actors */
    size_t m;     /**< dimensions */
    char *name;   /**< the scenario's name */
    char *desc;   /**< its description */
    char **actor; /**< n names */
    char **dim;   /**< m names */
    double *cap;  /**< n capabilities (> 0; only ratios matter) */
    double *pos;  /**< n*m, row-major: actor i, dimension k */
    double *sal;  /**< n*m; an actor's saliences sum to at most 1 */
    char **actor_desc; /**< n descriptions (KTAB's second column), or NULL */
} sc_smp_input;

/** Frees an input; NULL is a no-op. */
SC_API void sc_smp_input_free(sc_smp_input *in);

/**
 * Reads KTAB's CSV scenario format (docs/models/smp.md "Input"), quirks included; located
 * errors. *out is freed with sc_smp_input_free.
 */
SC_API sc_status sc_smp_read_ktab_csv(const char *text, size_t len, const char *file,
                                      sc_smp_input **out, sc_diag *diag);

/**
 * 1 if the text is KTAB's CSV by its content, as sc_file_kind_of judges it (SC_FILE_KTAB_CSV):
 * every text sc_smp_read_ktab_csv accepts, and the texts whose errors are that reader's.
 */
SC_API int sc_smp_is_ktab_csv(const char *text, size_t len);

/**
 * Every issue of a scenario as one dimension: positions mapped from the scale to [0, 1];
 * an actor's saliences divided by their sum when it exceeds 1 (KTAB needs sum <= 1); actors with
 * no stance at all are left out; a missing stance is the midpoint with salience 0. An
 * actor's capability is its influence averaged over its issues, weighted by salience (KTAB has
 * one capability per actor; it is the actor's capability when no stance gives `influence`).
 */
SC_API sc_status sc_smp_input_from_scenario(const sc_scenario *s, sc_smp_input **out,
                                            sc_diag *diag);

/** Sets stop, tol and max_turns from the scenario's `smp:` section, on top of *p. */
SC_API sc_status sc_smp_params_from_scenario(const sc_scenario *s, sc_smp_params *p,
                                             sc_diag *diag);

/** How a game ended. */
typedef enum sc_smp_outcome {
    SC_SMP_CONVERGED = 0, /**< the last turn moved no position by more than tol */
    SC_SMP_CYCLE,         /**< the positions repeat an earlier turn's */
    SC_SMP_UNSETTLED,     /**< the turn cap came first */
    SC_SMP_CONSENSUS,     /**< every actor at one position */
    SC_SMP_KTAB_STOP      /**< KTAB's change-ratio rule stopped it (SC_SMP_STOP_KTAB) */
} sc_smp_outcome;

/** The outcome's name: "converged", "cycle", "unsettled", "consensus" or "ktab-rule". */
SC_API const char *sc_smp_outcome_name(sc_smp_outcome o);

/** A run of the model, turn by turn (owned; free with sc_smp_result_free). */
typedef struct sc_smp_result {
    size_t n;            /**< actors */
    size_t m;            /**< dimensions */
    int turns;           /**< steps played; states 0..turns */
    double *pos;         /**< (turns+1)*n*m on [0, 1] */
    double *win;         /**< (turns+1)*n: probability that each actor's position wins (KTAB's
                            per-turn "prob" column: shared by actors at one position) */
    int *target;         /**< turns*n: whom actor i challenged in turn t+1, -1 for nobody */
    int *chosen_partner; /**< turns*n: the other party of the bargain actor i adopted, -1 = SQ */
    int consensus;       /**< stopped because every actor sits at one position */
    double last_ratio;   /**< the stopping ratio D(t-1,t)/(D(0,1)+1e-4) at the end */
    char note[256];      /**< what statecraft did where KTAB would have failed, or "" */
    sc_smp_outcome outcome; /**< how the game ended */
    int cycle_start;     /**< a cycle: turn cycle_start + cycle_period repeats turn cycle_start */
    int cycle_period;    /**< the cycle's length (0 when there is none) */
    int window_start;    /**< the forecast summarises turns window_start..window_end: the last
                              turn, one period of the cycle, or the second half when unsettled */
    int window_end;      /**< see window_start */
    /** m: per dimension, the capability x salience weighted mean of the positions (KTAB's summary
     * number), on [0, 1]: of the last turn, or its mean over the window for a cycle or an
     * unsettled game */
    double *forecast;
    double *forecast_lo; /**< m: the smallest weighted mean over the window */
    double *forecast_hi; /**< m: the largest weighted mean over the window */
} sc_smp_result;

/**
 * Runs the model. Per turn O(n^3 + n^2 m) for the challenges and O(n q^2) for the bargain
 * elections (q bargains per actor), with every buffer allocated before the first turn; KTAB's
 * O(n^4) logging-only computations are not done. *out is freed with sc_smp_result_free.
 */
SC_API sc_status sc_smp_run(const sc_smp_input *in, const sc_smp_params *p, sc_smp_result **out,
                            sc_diag *diag);

/** Frees a result; NULL is a no-op. */
SC_API void sc_smp_result_free(sc_smp_result *r);

/** The coalition that carried a dimension: the largest cluster of actors at one final position. */
typedef struct sc_smp_coalition {
    double position; /**< its position on [0, 1] (capability x salience weighted) */
    double share;    /**< its share of the dimension's capability x salience weight */
    size_t count;    /**< its members */
    size_t *members; /**< count actor indices, sorted (malloc'd: free with sc_smp_coalition_destroy) */
} sc_smp_coalition;

/**
 * On dimension k, groups the actors of the last turn whose positions lie within `gap` (on
 * [0, 1]) of a neighbour, and returns the group with the largest capability x salience weight
 * (ties: the lower position).
 */
SC_API sc_status sc_smp_coalition_of(const sc_smp_input *in, const sc_smp_result *r, size_t k,
                                     double gap, sc_smp_coalition *out, sc_diag *diag);
/** Frees a coalition's members. */
SC_API void sc_smp_coalition_destroy(sc_smp_coalition *c);

/**
 * Leave-one-out drivers: the game replayed without each actor in turn (same params);
 * delta[i * m + k] is the forecast on dimension k without actor i minus `forecast[k]` (the
 * forecast with everyone, sc_smp_result.forecast). Runs on params->threads workers; the results
 * do not depend on their number. Needs n >= 3.
 */
SC_API sc_status sc_smp_drivers(const sc_smp_input *in, const sc_smp_params *params,
                                const double *forecast, double *delta, sc_diag *diag);

/**
 * A run as the SQLite database KTAB's smpc writes with --logmin (docs/ktab.md): the tables
 * ScenarioDesc, ActorDescription, DimensionDescription, SpatialCapability, SpatialSalience,
 * Accommodation and VectorPosition with KTAB's names, columns and scales (positions on 0-100),
 * built in memory with libsqlite3. *out receives the bytes of the database file (*len of them;
 * free with sc_free), for the caller to write atomically. The ScenarioId is a hash of the inputs
 * and options, so the same run gives the same bytes.
 */
SC_API sc_status sc_smp_ktab_sqlite(const sc_smp_input *in, const sc_smp_params *p,
                                    const sc_smp_result *r, void **out, size_t *len,
                                    sc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
