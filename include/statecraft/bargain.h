/* SPDX-License-Identifier: MIT */
/** @file bargain.h
 * One bargaining forecast: the median-voter baseline, both EUM variants and the SMP side by side
 * with their spread as the model uncertainty, and whether the veto players can agree (the
 * win-set; Tsebelis 2002, Putnam 1988). docs/models/bargaining.md. */
#ifndef STATECRAFT_BARGAIN_H
#define STATECRAFT_BARGAIN_H

#include <signal.h>

#include "statecraft/common.h"
#include "statecraft/diag.h"
#include "statecraft/eum.h"
#include "statecraft/scenario.h"
#include "statecraft/smp.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The settlements every veto player accepts on one issue. A veto player at position x with
 * reservation point r accepts every settlement at least as close to x as r:
 * [x - |x - r|, x + |x - r|] within the scale; the win-set is the intersection.
 */
typedef struct sc_winset {
    int covered; /**< the agreement covers the issue and a veto player has a stance on it */
    int exists;  /**< the acceptable sets intersect (lo <= hi) */
    double lo;   /**< the lowest settlement every veto player accepts (when exists: else the
                      highest lower bound) */
    double hi;   /**< the highest such settlement (else the lowest upper bound) */
    long lo_by;  /**< the veto player whose lower bound is lo (-1: the scale's end) */
    long hi_by;  /**< the veto player whose upper bound is hi (-1: the scale's end) */
} sc_winset;

/** The win-set of the scenario's veto players on an issue. */
SC_API sc_status sc_agreement_winset(const sc_scenario *s, size_t issue, sc_winset *out,
                                     sc_diag *diag);

/** What a forecast means for an agreement. */
typedef enum sc_agreement_verdict {
    SC_AGREEMENT_NOT_COVERED = 0, /**< no veto players on this issue: nothing to judge */
    SC_AGREEMENT_SETTLEMENT,      /**< every veto player accepts the forecast: settlement at it */
    SC_AGREEMENT_REJECTED, /**< a veto player rejects the forecast, but a settlement exists */
    SC_AGREEMENT_NONE      /**< no settlement every veto player accepts: no agreement */
} sc_agreement_verdict;

/** The verdict's name: "not covered", "settlement", "rejected" or "no agreement". */
SC_API const char *sc_agreement_verdict_name(sc_agreement_verdict v);

/** A forecast judged against a win-set. */
typedef struct sc_agreement {
    sc_agreement_verdict verdict; /**< what the forecast means for an agreement */
    double at;        /**< SETTLEMENT: the forecast; REJECTED: the nearest point of the win-set */
    long rejected_by; /**< REJECTED: the veto player the forecast lies farthest outside of */
} sc_agreement;

/** Judges `forecast` on `issue` against its win-set (sc_agreement_winset). */
SC_API sc_agreement sc_agreement_judge(const sc_scenario *s, size_t issue, const sc_winset *w,
                                       double forecast);

/** The models of the one bargaining forecast, in this order. */
typedef enum sc_bargain_model {
    SC_BARGAIN_BASELINE = 0, /**< the influence x salience weighted median */
    SC_BARGAIN_EUM_SCHOLZ,   /**< the EUM, Scholz's program (the published replication) */
    SC_BARGAIN_EUM_PRINTED,  /**< the EUM, the equations as printed */
    SC_BARGAIN_SMP,          /**< KTAB's SMP, every issue a dimension */
    SC_BARGAIN_MODELS
} sc_bargain_model;

/** The model's name: "baseline", "eum-scholz", "eum-printed", "smp". */
SC_API const char *sc_bargain_model_name(sc_bargain_model m);

/** One issue: every model's forecast, their spread and what they mean for an agreement. */
typedef struct sc_bargain_issue {
    size_t issue;                          /**< the scenario's issue index */
    double forecast[SC_BARGAIN_MODELS];    /**< NAN when the model could not run */
    double range_lo[SC_BARGAIN_MODELS];    /**< the forecast's own range (cycles, windows) */
    double range_hi[SC_BARGAIN_MODELS];    /**< see range_lo */
    const char *outcome[SC_BARGAIN_MODELS]; /**< "converged", "cycle", ... (static strings) */
    /** 1 once the model's run has ended: its forecast, or NAN if the model cannot run on this
        state ("not run", the result's note says why); 0 if the cancel flag stopped the run or
        left it out ("not done": NAN, never a finished forecast). The baseline is always done. */
    int done[SC_BARGAIN_MODELS];
    double lo;       /**< the spread: the smallest forecast of the models that ran */
    double hi;       /**< the spread: the largest forecast of the models that ran */
    sc_winset winset; /**< the veto players' win-set on the issue */
    sc_agreement verdict[SC_BARGAIN_MODELS]; /**< each forecast judged against the win-set */
} sc_bargain_issue;

/** The one bargaining forecast of a scenario state (owned; free with sc_bargain_result_free). */
typedef struct sc_bargain_result {
    size_t n;                /**< issues */
    sc_bargain_issue *issues; /**< n issues, in the scenario's order */
    char note[256];          /**< why a model could not run, or "" */
    size_t runs;             /**< the model runs: the SMP and both EUM readings per issue */
    size_t runs_done;        /**< those done: fewer only when cancelled (the others not done) */
} sc_bargain_result;

/** How sc_bargain_run runs; set the defaults with sc_bargain_params_init. */
typedef struct sc_bargain_params {
    /** workers sharing the model runs (0: sc_threads_default()); the results are the same bits
        for any count */
    unsigned threads;
    /** called now and then with the model runs done of all (from one worker); NULL: none */
    sc_progress_fn progress;
    void *progress_ctx; /**< passed to progress */
    /** if not NULL, checked before each model run and passed to the runs themselves
        (sc_eum_params.cancel, sc_smp_params.cancel: the EUM looks before each round, the SMP
        before each actor's turn): once *cancel is nonzero the run under way stops and it and the
        runs not started are not done, and sc_bargain_run returns SC_ELIMIT with the forecast of
        those done */
    const volatile sig_atomic_t *cancel;
} sc_bargain_params;

/** Sets the defaults: threads 0 (one per CPU this process may use), no progress, no cancel. */
SC_API void sc_bargain_params_init(sc_bargain_params *p);

/**
 * Runs the baseline, both EUM variants (until convergence, the scenario's `eum:` settings) and
 * the SMP (the scenario's `smp:` settings) on every issue of `s` and judges each forecast
 * against the veto players' win-set. params may be NULL (the defaults). Cancelled
 * (params->cancel), it returns SC_ELIMIT with *out set: the runs not done (stopped part way or
 * not started) are NAN with done 0, and `runs_done` counts those done; free *out in both cases.
 */
SC_API sc_status sc_bargain_run(const sc_scenario *s, const sc_bargain_params *params,
                                sc_bargain_result **out, sc_diag *diag);

/** Frees a result; NULL is a no-op. */
SC_API void sc_bargain_result_free(sc_bargain_result *r);

/** One issue across draws of the scenario's own ranges (sc_bargain_odds). */
typedef struct sc_bargain_odds_issue {
    size_t issue;         /**< the scenario's issue index */
    int covered;          /**< the issue has veto players (else the shares below are NAN) */
    double p_winset;      /**< share of draws in which the veto players' win-set is not empty */
    double p_winset_lo;   /**< its 95% Wilson interval */
    double p_winset_hi;   /**< see p_winset_lo */
    /** per model: share of draws in which every veto player accepts the model's forecast
     * (settlement at the forecast) */
    double p_settlement[SC_BARGAIN_MODELS];
    /** the forecast's 10th percentile over the draws in which the model ran (NAN: in none) */
    double q10[SC_BARGAIN_MODELS];
    double q50[SC_BARGAIN_MODELS]; /**< its median */
    double q90[SC_BARGAIN_MODELS]; /**< its 90th percentile */
} sc_bargain_odds_issue;

/** The agreement across draws (owned; free with sc_bargain_odds_free). */
typedef struct sc_bargain_odds {
    size_t runs;                   /**< draws */
    uint64_t seed;                 /**< draw k is sc_scenario_sample with stream (seed, k) */
    size_t n;                      /**< issues */
    sc_bargain_odds_issue *issues; /**< n issues, in the scenario's order */
} sc_bargain_odds;

/**
 * The probability of agreement in state `state` (NULL: the default) of `given`, the scenario as
 * loaded: `runs` draws of its own ranges (positions, saliences, influences, reservation points;
 * draw k from random stream (seed, k)), each then put in the state (sc_scenario_at: the events'
 * and the variant's shifts apply to the drawn values), in each the
 * veto players' win-set and every model of sc_bargain_run (the baseline, both EUM readings with
 * the scenario's `eum:` settings, the SMP with its `smp:` settings, every issue a dimension) on
 * every issue, judged against it. Runs on `threads` workers (0: one per core); the numbers do not
 * depend on it.
 */
SC_API sc_status sc_bargain_odds_run(const sc_scenario *given, const sc_state *state, size_t runs,
                                     uint64_t seed, unsigned threads, sc_bargain_odds **out,
                                     sc_diag *diag);

/** Frees the result of sc_bargain_odds_run; NULL is a no-op. */
SC_API void sc_bargain_odds_free(sc_bargain_odds *o);

#ifdef __cplusplus
}
#endif
#endif
