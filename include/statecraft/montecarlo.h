/* SPDX-License-Identifier: MIT */
/** @file montecarlo.h
 * The Monte Carlo over a scenario's uncertain inputs (docs/uncertainty.md): every claim judged
 * with a probability per state, every headline number of the models with its quantiles or
 * outcome frequencies, and what drives each (Sobol indices by Saltelli's design).
 *
 * The draws are cut into blocks of fixed size. A block's partial result is computed alone
 * (sc_mc_compute, by any thread or process) and merged strictly in block order
 * (sc_mc_merge), so the result is bit-identical whatever the number of threads or processes and
 * after a resume from a checkpoint. Draw j takes its uniforms from random stream (seed, 4j) and the
 * models' own randomness from stream (seed, 4j + 2); row j of the sensitivity design's matrix B
 * from (seed, 4j + 1); its bootstrap weights from (seed, 4j + 3). */
#ifndef STATECRAFT_MONTECARLO_H
#define STATECRAFT_MONTECARLO_H

#include <signal.h>

#include "statecraft/common.h"
#include "statecraft/diag.h"
#include "statecraft/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Settings of a Monte Carlo; set the defaults with sc_mc_opts_init. */
typedef struct sc_mc_opts {
    /** Independent draws behind every claim's probability and every headline's quantiles. */
    size_t draws;
    /** Base rows of Saltelli's design for the sensitivity indices (made of the draws: with
     * 2M <= N base row j's rows A and B are draws 2 floor(j floor(N/2) / M) and the next one,
     * else A is draw j; docs/uncertainty.md); SIZE_MAX: the default, draws / 20 rounded up and
     * at most 250; 0: no sensitivity. */
    size_t sensitivity_draws;
    size_t bootstrap;   /**< bootstrap replicates of the sensitivity intervals (default 200) */
    uint64_t seed;      /**< master seed (default 20250212) */
    unsigned threads;   /**< worker threads (0: one per core); results never depend on it */
    /** War simulations per lever in each draw (the war model is itself a Monte Carlo; default
     * 32, with conditional estimates): the war's numbers in one draw are estimates from this
     * many runs. */
    size_t war_runs;
    /** The state whose headline numbers are summarised (NULL: after all events, no variant). */
    const sc_state *state;
    /** Called on the merging thread after each merged block with the draws merged so far and
     * the total; NULL for none. */
    void (*progress)(size_t done, size_t total, void *ctx);
    void *progress_ctx; /**< passed to progress */
    /** If not NULL, checked before every draw: once *cancel is nonzero the computation stops,
     * the block being computed is dropped, and sc_mc_run / sc_mc_compute return SC_ELIMIT; the
     * blocks merged before stay (sc_mc_blocks_merged), so the result reads as incomplete and a
     * checkpoint of them resumes. Set it from a signal handler. */
    const volatile sig_atomic_t *cancel;
} sc_mc_opts;

/** Sets the defaults given above (draws 10000). */
SC_API void sc_mc_opts_init(sc_mc_opts *o);

/** A planned or running Monte Carlo. Free with sc_mc_free. */
typedef struct sc_mc sc_mc;

/**
 * Plans a Monte Carlo over scenario `s` (as loaded): which states and models the claims and the
 * headline numbers need, which inputs each model reads, and checks everything at the point
 * values first: a predicate that yields no boolean, a `.models...` path it reads that is null, a
 * choice option a model refuses, are errors here (located at the claim where they can be).
 * SC_EINVAL for bad options (no draws, more sensitivity rows than draws). Keeps `s` borrowed: it
 * must outlive the Monte Carlo.
 */
SC_API sc_status sc_mc_new(const sc_scenario *s, const sc_mc_opts *opts, sc_mc **out,
                           sc_diag *diag);
/** Frees a Monte Carlo; NULL is a no-op. */
SC_API void sc_mc_free(sc_mc *mc);

/** Number of blocks the draws are cut into. */
SC_API size_t sc_mc_block_count(const sc_mc *mc);
/** Blocks merged so far (a prefix: blocks 0 .. done - 1). */
SC_API size_t sc_mc_blocks_merged(const sc_mc *mc);

/** Receives a computed block's partial result (bytes valid during the call). */
typedef sc_status (*sc_mc_deliver_fn)(size_t block, const void *bytes, size_t len, void *ctx,
                                      sc_diag *diag);

/**
 * Computes the blocks first, first + step, first + 2 step, ... below sc_mc_block_count on
 * opts.threads workers and hands each block's partial result to `deliver` on the calling thread,
 * in increasing block order. A process computes a share of the blocks this way (first = its rank,
 * step = the number of processes) and another merges them (sc_mc_merge). Stops at the first
 * error of a draw or of `deliver`.
 */
SC_API sc_status sc_mc_compute(sc_mc *mc, size_t first, size_t step, sc_mc_deliver_fn deliver,
                               void *ctx, sc_diag *diag);

/** Merges block `block`'s partial result, which must be block sc_mc_blocks_merged(mc). SC_EINVAL
 * for a block out of order, SC_EPARSE for bytes that are not such a result. */
SC_API sc_status sc_mc_merge(sc_mc *mc, size_t block, const void *bytes, size_t len,
                             sc_diag *diag);

/**
 * Runs every block not merged yet in this process (on opts.threads workers), merging in order;
 * with `checkpoint` (a path, or NULL) it saves the merged prefix there atomically as it goes
 * (at most every `checkpoint_seconds`, and at the end).
 */
SC_API sc_status sc_mc_run(sc_mc *mc, const char *checkpoint, double checkpoint_seconds,
                           sc_diag *diag);

/** Saves the merged prefix to `path` atomically (a temporary file renamed over it). */
SC_API sc_status sc_mc_checkpoint_save(const sc_mc *mc, const char *path, sc_diag *diag);
/**
 * Loads a checkpoint saved by the same Monte Carlo: same scenario text, seed, draws, design and
 * options, and the same statecraft build. Anything else is refused with SC_EINVAL and a message
 * saying what differs (a file that is not a checkpoint or is damaged: SC_EPARSE); nothing is
 * merged then. A missing file is SC_ENOTFOUND.
 */
SC_API sc_status sc_mc_checkpoint_load(sc_mc *mc, const char *path, sc_diag *diag);

/** 1 when every block is merged. */
SC_API int sc_mc_done(const sc_mc *mc);

#ifdef __cplusplus
}
#endif
#endif
