/* SPDX-License-Identifier: MIT */
/** @file rng.h
 * Reproducible random streams. */
#ifndef STATECRAFT_RNG_H
#define STATECRAFT_RNG_H

#include "statecraft/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * One random stream: xoshiro256** whose state is derived from (seed, stream) by SplitMix64
 * hashing. A Monte Carlo run k always uses stream k, whichever thread runs it, so results never
 * depend on how runs are split over threads or processes. Fields are private; the struct is
 * visible only so that streams can live on the stack or in per-worker arrays without allocation.
 * Not thread-safe: one stream per concurrent user.
 */
typedef struct sc_rng {
    uint64_t s[4];   /**< xoshiro256** state (private) */
    uint64_t seed;   /**< the master seed the stream was started from */
    uint64_t stream; /**< the stream's number */
} sc_rng;

/** Name of the generator, recorded in every report that used random numbers. */
SC_API const char *sc_rng_name(void);

/** Starts stream `stream` of master seed `seed`. Distinct (seed, stream) pairs give independent
 * streams. */
SC_API void sc_rng_init(sc_rng *rng, uint64_t seed, uint64_t stream);

/** Next 64 random bits. */
SC_API uint64_t sc_rng_next(sc_rng *rng);

/** Uniform on [0, 1) with 53 random bits. */
SC_API double sc_rng_uniform(sc_rng *rng);

/** Uniform on the open interval (0, 1): never returns 0 (safe for logarithms). */
SC_API double sc_rng_uniform_pos(sc_rng *rng);

/** Normal with mean mu and standard deviation sd (sd >= 0). */
SC_API double sc_rng_normal(sc_rng *rng, double mu, double sd);

/** Beta(a, b) with a, b > 0. */
SC_API double sc_rng_beta(sc_rng *rng, double a, double b);

/** Gamma(shape k, scale theta), k, theta > 0. */
SC_API double sc_rng_gamma(sc_rng *rng, double k, double theta);

/** Bernoulli(p): 1 with probability p. */
SC_API int sc_rng_bernoulli(sc_rng *rng, double p);

/** Uniform integer in [0, n), n >= 1, without modulo bias. */
SC_API uint64_t sc_rng_below(sc_rng *rng, uint64_t n);

#ifdef __cplusplus
}
#endif
#endif
