/* SPDX-License-Identifier: MIT */
/** @file uncertainty.h
 * Uncertainty: the uncertain inputs of a scenario and how a draw sets them; the statistics a
 * Monte Carlo over them needs (Wilson intervals, mergeable quantile sketches and category
 * tallies); and global sensitivity analysis by Saltelli's design with the Saltelli (2010)
 * first-order and Jansen (1999) total-effect estimators. See docs/uncertainty.md. */
#ifndef STATECRAFT_UNCERTAINTY_H
#define STATECRAFT_UNCERTAINTY_H

#include "statecraft/common.h"
#include "statecraft/diag.h"
#include "statecraft/rng.h"
#include "statecraft/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the uncertain inputs of a scenario ------------------------------------------------------ */

/** What an input member sets. */
typedef enum sc_input_kind {
    SC_INPUT_NUMBER = 0, /**< a number with `sd`, `range` or `triangular` */
    SC_INPUT_CHOICE      /**< a `choice:` among texts in a model section */
} sc_input_kind;

/** One number or choice of the scenario that an input sets. */
typedef struct sc_input_member {
    const char *path;   /**< as sc_scenario_get_value names it, e.g. "relation.RUS.USA.amity" */
    sc_input_kind kind; /**< a number or a choice */
    sc_dist dist;       /**< numbers: the distribution */
    double value;       /**< numbers: the point value (the normal's mean) */
    double min;         /**< numbers: draws are clamped to [min, max] */
    double max;         /**< numbers: upper end of the clamp */
    int reverse;        /**< 1: the member takes 1 - u (moves against its group) */
    size_t n_options;   /**< choices: how many options */
    const char *const *options; /**< choices: the options' text */
    const double *weights;      /**< choices: their probabilities (sum 1) */
    size_t point;               /**< choices: index of the option the models read by default */
} sc_input_member;

/**
 * One uncertain input: a lone number or choice (named by its path) or a `group:` of them (named
 * by the group), all set from one uniform u in (0, 1) through each member's own inverse CDF.
 */
typedef struct sc_input {
    const char *name;                /**< the lone member's path, or the group's name */
    const char *group;               /**< the group's name, or NULL for a lone member */
    size_t n_members;                /**< entries of members (at least 1) */
    const sc_input_member *members;  /**< what the input sets, in document order */
} sc_input;

/** Number of uncertain inputs. Copies derived from a scenario share its inputs. */
SC_API size_t sc_scenario_input_count(const sc_scenario *s);
/** Input i in document order (a group sits where its first member is written), or NULL. Valid
 * while the scenario or any copy derived from it lives. */
SC_API const sc_input *sc_scenario_input(const sc_scenario *s, size_t i);
/** Index of the input with this name or with a member of this path, or -1. */
SC_API long sc_scenario_input_index(const sc_scenario *s, const char *name);

/** Inverse CDF of a distribution at u in [0, 1] (value is the normal's mean): GSL's
 * gsl_cdf_*_Pinv, closed form for the triangular; the point value for SC_DIST_NONE. */
SC_API double sc_dist_quantile(const sc_dist *d, double value, double u);
/** A number member's draw at u (1 - u if the member is reversed), clamped to [min, max]. */
SC_API double sc_input_member_number(const sc_input_member *m, double u);
/** A choice member's option index at u (1 - u if the member is reversed). */
SC_API size_t sc_input_member_option(const sc_input_member *m, double u);

/**
 * A copy of the scenario (as loaded: before events and variants) with input i set from u[i], for
 * i < sc_scenario_input_count(s). SC_EINVAL if some u[i] is outside [0, 1]. sc_scenario_sample is
 * this with u[i] the i-th uniform of its stream. *out is freed with sc_scenario_free.
 */
SC_API sc_status sc_scenario_draw(const sc_scenario *s, const double *u, sc_scenario **out,
                                  sc_diag *diag);

/* ---- statistics of a Monte Carlo -------------------------------------------------------------- */

/**
 * Wilson's (1927) score interval for a binomial proportion: k successes in n trials at the given
 * two-sided confidence (0.95 for 95%), into [*lo, *hi]. [0, 1] when n == 0.
 */
SC_API void sc_wilson_interval(uint64_t k, uint64_t n, double confidence, double *lo, double *hi);

/**
 * A quantile sketch with relative accuracy alpha (Masson, Rim & Lee 2019, "DDSketch"): values
 * fall in logarithmic buckets whose counts are integers, so a merge is exact and the result does
 * not depend on the order of additions or merges. A quantile is returned within a factor
 * (1 +- alpha) of the order statistic x_(ceil(q n)), and exactly when its bucket holds one
 * distinct value. NaN values are counted apart. Not thread-safe; free with sc_sketch_free.
 */
typedef struct sc_sketch sc_sketch;

/** A new empty sketch; SC_EINVAL unless 0 < alpha < 0.5. */
SC_API sc_status sc_sketch_new(double alpha, sc_sketch **out, sc_diag *diag);
/** Frees a sketch; NULL is a no-op. */
SC_API void sc_sketch_free(sc_sketch *s);
/** Adds a value; SC_ERANGE for an infinity (NaN is counted apart). */
SC_API sc_status sc_sketch_add(sc_sketch *s, double x, sc_diag *diag);
/** Adds every value of `from` to `into` (same alpha, else SC_EINVAL). */
SC_API sc_status sc_sketch_merge(sc_sketch *into, const sc_sketch *from, sc_diag *diag);
/** Values added, NaN excluded. */
SC_API uint64_t sc_sketch_count(const sc_sketch *s);
/** NaN values added. */
SC_API uint64_t sc_sketch_nan_count(const sc_sketch *s);
/** The q-quantile (0 <= q <= 1; 0 and 1 give the exact minimum and maximum); NaN if empty. */
SC_API double sc_sketch_quantile(const sc_sketch *s, double q);
/** The smallest value added; NaN if empty. */
SC_API double sc_sketch_min(const sc_sketch *s);
/** The largest value added; NaN if empty. */
SC_API double sc_sketch_max(const sc_sketch *s);

/** Counts per category label (a triangle configuration, a bloc partition); merges are exact.
 * Not thread-safe (reading sorts); free with sc_tally_free. */
typedef struct sc_tally sc_tally;

/** A new empty tally. */
SC_API sc_status sc_tally_new(sc_tally **out, sc_diag *diag);
/** Frees a tally; NULL is a no-op. */
SC_API void sc_tally_free(sc_tally *t);
/** Adds n to the count of label (copied). */
SC_API sc_status sc_tally_add(sc_tally *t, const char *label, uint64_t n, sc_diag *diag);
/** Adds every count of `from` to `into`. */
SC_API sc_status sc_tally_merge(sc_tally *into, const sc_tally *from, sc_diag *diag);
/** The sum of all counts. */
SC_API uint64_t sc_tally_total(const sc_tally *t);
/** Number of distinct labels. */
SC_API size_t sc_tally_size(const sc_tally *t);
/** Label i with categories sorted by count, largest first (ties by label); NULL if out of range.
 * Valid until the tally changes. */
SC_API const char *sc_tally_label(const sc_tally *t, size_t i);
/** Count i in the same order; 0 if out of range. */
SC_API uint64_t sc_tally_count(const sc_tally *t, size_t i);

/* ---- global sensitivity: Saltelli's design ---------------------------------------------------- */

/**
 * A streaming accumulator of Saltelli's design for k inputs on the unit cube: base rows
 * j = 0..N-1 of two independent matrices A and B, and for every input i the matrix A_B^(i) (A with
 * column i from B). For each output f, with V the variance of f over the rows of A and B:
 *   first order  S_i  = (1/N) sum_j f(B)_j (f(A_B^(i))_j - f(A)_j) / V    (Saltelli et al. 2010)
 *   total effect ST_i = (1/2N) sum_j (f(A)_j - f(A_B^(i))_j)^2 / V        (Jansen 1999)
 * Outputs are centred on a constant first (the first-order estimator's variance is smaller for
 * centred f). Intervals come from a Poisson bootstrap: replicate r weighs row j by a Poisson(1)
 * count drawn from random stream (seed, 4j + 3), so no row is kept, rows can be added in any
 * grouping, and partial accumulators merged in row order give bit-identical sums.
 * Free with sc_sobol_free.
 */
typedef struct sc_sobol sc_sobol;

/** Estimator settings; set the defaults with sc_sobol_opts_init. */
typedef struct sc_sobol_opts {
    size_t bootstrap;  /**< bootstrap replicates for the intervals (default 200; 0: none) */
    double confidence; /**< two-sided level of the intervals (default 0.95) */
    uint64_t seed;     /**< seed of the bootstrap weights (default 20250212) */
} sc_sobol_opts;

/** Sets the defaults: 200 replicates, 95% intervals, seed 20250212. */
SC_API void sc_sobol_opts_init(sc_sobol_opts *o);

/** An empty accumulator for k inputs and n_out outputs; center[o] (NULL: all 0) is subtracted
 * from output o. opts NULL: the defaults. SC_EINVAL for k or n_out 0, SC_ELIMIT if too large. */
SC_API sc_status sc_sobol_new(size_t k, size_t n_out, const double *center,
                              const sc_sobol_opts *opts, sc_sobol **out, sc_diag *diag);
/** Frees an accumulator; NULL is a no-op. */
SC_API void sc_sobol_free(sc_sobol *acc);
/**
 * Adds base row `row`: fA[o] = f(A_row), fB[o] = f(B_row), fAB[i * n_out + o] = f(A_B^(i)_row).
 * An output with a non-finite value in this row leaves the row out (for that output only). Rows
 * may come in any order, but sums are floating point: for bit-identical results add (or merge)
 * rows in increasing order.
 */
SC_API void sc_sobol_add(sc_sobol *acc, uint64_t row, const double *fA, const double *fB,
                         const double *fAB);
/** Adds the rows of `from` to `into`; SC_EINVAL unless both have the same k, n_out, options and
 * centre. */
SC_API sc_status sc_sobol_merge(sc_sobol *into, const sc_sobol *from, sc_diag *diag);
/** Rows added. */
SC_API uint64_t sc_sobol_rows(const sc_sobol *acc);

/** The sensitivity indices of one input for one output. */
typedef struct sc_sobol_index {
    double first;    /**< first-order index S_i */
    double first_lo; /**< its bootstrap percentile interval, lower end */
    double first_hi; /**< upper end */
    double total;    /**< total-effect index ST_i */
    double total_lo; /**< its bootstrap percentile interval, lower end */
    double total_hi; /**< upper end */
} sc_sobol_index;

/**
 * The indices of input i for output o into *out. They are NaN (and so are the intervals) when the
 * output did not vary (V = 0) or no row was added; the intervals are NaN without bootstrap
 * replicates. SC_EINVAL for an index out of range.
 */
SC_API sc_status sc_sobol_index_get(const sc_sobol *acc, size_t o, size_t i,
                                    sc_sobol_index *out, sc_diag *diag);
/** Var(f_o) over the rows of A and B (0 if constant, NaN if no row). */
SC_API double sc_sobol_variance(const sc_sobol *acc, size_t o);

/** A model for sc_sobol_saltelli: writes outputs f[0..n_out-1] at the point u[0..k-1] of
 * (0, 1)^k; a status other than SC_OK stops the run. */
typedef sc_status (*sc_sobol_fn)(const double *u, double *f, void *ctx);

/**
 * Runs Saltelli's design with n base rows on a function: n (k + 2) evaluations, row j of A from
 * stream (seed, 4j) and row j of B from (seed, 4j + 1) (sc_sobol_row). *out is freed with
 * sc_sobol_free.
 */
SC_API sc_status sc_sobol_saltelli(size_t k, size_t n_out, sc_sobol_fn f, void *ctx, size_t n,
                                   uint64_t seed, const double *center,
                                   const sc_sobol_opts *opts, sc_sobol **out, sc_diag *diag);

/** The k uniforms in (0, 1) of row j of A (which = 0) or B (which = 1): stream (seed, 4j + which). */
SC_API void sc_sobol_row(uint64_t seed, uint64_t row, int which, size_t k, double *u);

#ifdef __cplusplus
}
#endif
#endif
