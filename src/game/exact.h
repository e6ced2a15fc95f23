/* SPDX-License-Identifier: MIT */
/*
 * Exact numbers of the game formats (.nfg, and .efg as it lands): one parser with the size caps,
 * and the guard that turns GNU MP's allocation failures into SC_ENOMEM instead of an abort.
 */
#ifndef SC_GAME_EXACT_H
#define SC_GAME_EXACT_H

#include <gmp.h>
#include <setjmp.h>
#include <stddef.h>

/*
 * Size caps. A number token has at most SC__EXACT_MAX_TOKEN characters, at most
 * SC__EXACT_MAX_DIGITS significant digits, an exponent within +-SC__EXACT_MAX_EXPONENT, and its
 * value, as a reduced fraction, at most SC__EXACT_MAX_DIGITS digits above and below the line. The
 * writer prints a value as "num/den", at most 2 * SC__EXACT_MAX_DIGITS + 2 characters, so
 * everything the reader accepts is written back in a form it accepts again (round trip).
 */
#define SC__EXACT_MAX_DIGITS 1000
#define SC__EXACT_MAX_EXPONENT 1000
#define SC__EXACT_MAX_TOKEN 2048

/* Scratch integers for the parser: initialise once, clear once (also after an OOM jump). */
typedef struct sc__exact_scratch {
    mpz_t a, b;
} sc__exact_scratch;

void sc__exact_scratch_init(sc__exact_scratch *t);
void sc__exact_scratch_clear(sc__exact_scratch *t);

/*
 * Parses one number token (n bytes at s) into an exact rational: integers, decimals with an
 * optional exponent (no '+' in the exponent and no leading '+', as Gambit), and fractions a/b
 * with only the numerator signed. Returns 1; 0 when the token is not a number, -1 when it breaks
 * a size cap; *why (static text; why may be NULL) then says which rule the token breaks.
 */
int sc__exact_parse(sc__exact_scratch *t, const char *s, size_t n, mpq_t out, const char **why);

/* The same without a reason or scratch (small callers): 1 if valid, else 0. */
int sc__game_parse_rational(const char *s, size_t n, mpq_t out);

/*
 * Bytes of memory one payoff of a game costs, all told (the rational and its two limbs through
 * malloc, the double copy, the solvers' per-payoff work), for the budget check: a game may hold
 * sc_memory_budget_get() / SC__GAME_BYTES_PER_PAYOFF payoffs (profiles x players).
 */
#define SC__GAME_BYTES_PER_PAYOFF 256
size_t sc__game_max_payoffs(void);

/*
 * GNU MP allocation guard. GMP cannot report an allocation failure (its default handler aborts),
 * so statecraft installs allocation functions (mp_set_memory_functions, once, on first use) that,
 * inside a guarded region, jump back to the region's start:
 *
 *     sc__gmp_region reg;
 *     if (SC__GMP_TRY(&reg)) {
 *         ... GMP ran out of memory: clean up (mpq/mpz objects are intact), return SC_ENOMEM
 *     }
 *     ... GMP work ...
 *     sc__gmp_end(&reg);
 *
 * Locals of the function holding SC__GMP_TRY that change after it must not be used after the
 * jump (keep state in memory reached through a pointer set before it). Outside any region a
 * failure prints GMP's message and aborts, as GMP does. Temporaries GMP held at the failure are
 * not reclaimed. Regions are per thread and nest.
 */
typedef struct sc__gmp_region {
    jmp_buf env;
    struct sc__gmp_region *prev;
} sc__gmp_region;

void sc__gmp_begin(sc__gmp_region *r);
void sc__gmp_end(sc__gmp_region *r);
#define SC__GMP_TRY(r) (sc__gmp_begin(r), setjmp((r)->env))

/* Tests only: make the k-th next GMP allocation of this thread fail (k >= 1; 0 = never). */
void sc__gmp_fail_after(long k);
/* Tests only: how many regions of this thread are open (0 between library calls). */
int sc__gmp_depth(void);

#endif
