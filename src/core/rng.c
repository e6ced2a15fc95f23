/* SPDX-License-Identifier: MIT */
/*
 * Random streams: xoshiro256** (Blackman & Vigna 2018) seeded by SplitMix64 from (seed, stream).
 * Non-uniform variates come from GSL's samplers, fed by our generator through a gsl_rng_type
 * adapter, so the algorithms are GSL's well-tested ones and the bits are ours and reproducible.
 */
#include "statecraft/rng.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

const char *sc_rng_name(void)
{
    return "xoshiro256**/splitmix64(seed,stream)";
}

void sc_rng_init(sc_rng *rng, uint64_t seed, uint64_t stream)
{
    /* Hash seed and stream together first so that nearby (seed, stream) pairs share no state. */
    uint64_t x = seed;
    uint64_t h = splitmix64(&x);
    x = h ^ (stream * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL);
    for (int i = 0; i < 4; i++) {
        rng->s[i] = splitmix64(&x);
    }
    if ((rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3]) == 0) {
        rng->s[0] = 1; /* the all-zero state is the generator's only fixed point */
    }
    rng->seed = seed;
    rng->stream = stream;
}

uint64_t sc_rng_next(sc_rng *rng)
{
    uint64_t *s = rng->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double sc_rng_uniform(sc_rng *rng)
{
    return (double)(sc_rng_next(rng) >> 11) * 0x1.0p-53;
}

double sc_rng_uniform_pos(sc_rng *rng)
{
    double u;
    do {
        u = sc_rng_uniform(rng);
    } while (u == 0.0);
    return u;
}

uint64_t sc_rng_below(sc_rng *rng, uint64_t n)
{
    if (n <= 1) {
        return 0;
    }
    /* Rejection from the top of the range removes modulo bias. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do {
        x = sc_rng_next(rng);
    } while (x >= limit);
    return x % n;
}

int sc_rng_bernoulli(sc_rng *rng, double p)
{
    return sc_rng_uniform(rng) < p;
}

/* ---- GSL adapter: a gsl_rng whose state pointer is our stream ------------------------------- */

static void adapter_set(void *state, unsigned long seed)
{
    (void)state;
    (void)seed; /* seeding happens through sc_rng_init only */
}

static unsigned long adapter_get(void *state)
{
    return (unsigned long)(sc_rng_next((sc_rng *)state) >> 32);
}

static double adapter_get_double(void *state)
{
    return sc_rng_uniform((sc_rng *)state);
}

static const gsl_rng_type adapter_type = {"statecraft-xoshiro256**", 0xFFFFFFFFUL, 0,
                                          sizeof(sc_rng), adapter_set, adapter_get,
                                          adapter_get_double};

static gsl_rng as_gsl(sc_rng *rng)
{
    gsl_rng g;
    g.type = &adapter_type;
    g.state = rng;
    return g;
}

double sc_rng_normal(sc_rng *rng, double mu, double sd)
{
    gsl_rng g = as_gsl(rng);
    return mu + gsl_ran_gaussian_ziggurat(&g, sd);
}

double sc_rng_beta(sc_rng *rng, double a, double b)
{
    gsl_rng g = as_gsl(rng);
    return gsl_ran_beta(&g, a, b);
}

double sc_rng_gamma(sc_rng *rng, double k, double theta)
{
    gsl_rng g = as_gsl(rng);
    return gsl_ran_gamma(&g, k, theta);
}
