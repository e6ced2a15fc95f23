/* SPDX-License-Identifier: MIT */
/** @file smp.h
 * KTAB's Spatial Model of Politics (SMP), compatible with KTAB's smpc. */
#ifndef STATECRAFT_SMP_H
#define STATECRAFT_SMP_H

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
    int max_turns;          /**< 100 */
    int min_turns;          /**< 2 */
    double min_delta_ratio; /**< 0.02 */
} sc_smp_params;

/** Sets KTAB's defaults (the first value of each option), 2..100 turns, ratio 0.02. */
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
} sc_smp_input;

/** Frees an input; NULL is a no-op. */
SC_API void sc_smp_input_free(sc_smp_input *in);

/**
 * Reads KTAB's CSV scenario format (docs/models/smp.md "Input"), quirks included; located
 * errors. *out is freed with sc_smp_input_free.
 */
SC_API sc_status sc_smp_read_ktab_csv(const char *text, size_t len, const char *file,
                                      sc_smp_input **out, sc_diag *diag);

/** 1 if the text looks like a KTAB CSV (a scenario line, then a header starting with "Actor"). */
SC_API int sc_smp_is_ktab_csv(const char *text, size_t len);

/**
 * Every issue of a scenario as one dimension: positions mapped from the scale to [0, 1];
 * an actor's saliences divided by their sum when it exceeds 1 (KTAB needs sum <= 1); actors with
 * no stance at all are left out; a missing stance is the midpoint with salience 0.
 */
SC_API sc_status sc_smp_input_from_scenario(const sc_scenario *s, sc_smp_input **out,
                                            sc_diag *diag);

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

#ifdef __cplusplus
}
#endif
#endif
