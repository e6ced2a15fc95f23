/* SPDX-License-Identifier: MIT */
/* Exact numbers with size caps, and GNU MP allocation failures as errors (see exact.h). */
#include "game/exact.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the allocation guard ----------------------------------------------------------------- */

static _Thread_local sc__gmp_region *current;
static _Thread_local long fail_countdown;

static void out_of_memory(void)
{
    if (current) {
        sc__gmp_region *r = current;
        current = r->prev;
        longjmp(r->env, 1);
    }
    fputs("GNU MP: Cannot allocate memory\n", stderr);
    abort();
}

static int injected_failure(void)
{
    return fail_countdown > 0 && --fail_countdown == 0;
}

static void *gmp_alloc(size_t n)
{
    void *p = injected_failure() ? NULL : malloc(n);
    if (!p) {
        out_of_memory();
    }
    return p;
}

static void *gmp_realloc(void *old, size_t old_size, size_t n)
{
    /*
     * A failed realloc leaves the old block in place, so the object stays valid to clear.
     * Injected failures spare shrinking (malloc never fails those; GMP shrinks its string
     * results and would lose the block).
     */
    void *p = n > old_size && injected_failure() ? NULL : realloc(old, n);
    if (!p) {
        out_of_memory();
    }
    return p;
}

static void gmp_free(void *p, size_t size)
{
    (void)size;
    free(p);
}

static pthread_once_t installed = PTHREAD_ONCE_INIT;

static void install(void)
{
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
}

void sc__gmp_begin(sc__gmp_region *r)
{
    pthread_once(&installed, install);
    r->prev = current;
    current = r;
}

void sc__gmp_end(sc__gmp_region *r)
{
    /* after a jump the region is already off the stack */
    if (current == r) {
        current = r->prev;
    }
}

int sc__gmp_depth(void)
{
    int d = 0;
    for (const sc__gmp_region *r = current; r; r = r->prev) {
        d++;
    }
    return d;
}

void sc__gmp_fail_after(long k)
{
    pthread_once(&installed, install);
    fail_countdown = k > 0 ? k : 0;
}

/* ---- the parser --------------------------------------------------------------------------- */

void sc__exact_scratch_init(sc__exact_scratch *t)
{
    mpz_init(t->a);
    mpz_init(t->b);
}

void sc__exact_scratch_clear(sc__exact_scratch *t)
{
    mpz_clear(t->a);
    mpz_clear(t->b);
}

static int all_digits(const char *s, size_t n)
{
    if (n == 0) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    return 1;
}

/* Digits of s[0..n) once leading zeros are dropped (0 for zero). */
static size_t significant(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == '0') {
        i++;
    }
    return n - i;
}

/* Exact number of decimal digits of |z| (mpz_sizeinbase may say one too many). */
static size_t digits_of(const mpz_t z, mpz_t tmp)
{
    size_t k = mpz_sizeinbase(z, 10);
    if (k > 1) {
        mpz_ui_pow_ui(tmp, 10, (unsigned long)(k - 1));
        if (mpz_cmpabs(z, tmp) < 0) {
            k--;
        }
    }
    return k;
}

static int reject(const char **why, const char *text)
{
    if (why) {
        *why = text;
    }
    return 0;
}

static int over_limit(const char **why, const char *text)
{
    reject(why, text);
    return -1;
}

#define STR_(x) #x
#define STR(x) STR_(x)
#define TOO_MANY_DIGITS "more than " STR(SC__EXACT_MAX_DIGITS) " significant digits"
#define TOO_BIG                                                                                    \
    "the number has more than " STR(SC__EXACT_MAX_DIGITS) " digits above or below the fraction "  \
                                                          "line"

int sc__exact_parse(sc__exact_scratch *t, const char *s, size_t n, mpq_t out, const char **why)
{
    static const char syntax[] = "invalid number (integers, decimals, a/b; no leading '+')";
    if (why) {
        *why = NULL;
    }
    if (n == 0) {
        return reject(why, syntax);
    }
    if (n > SC__EXACT_MAX_TOKEN) {
        return over_limit(why, "number longer than " STR(SC__EXACT_MAX_TOKEN) " characters");
    }
    if (s[0] == '+') {
        return reject(why, syntax);
    }
    int neg = s[0] == '-';
    const char *p = s + neg, *end = s + n;
    const char *slash = memchr(p, '/', (size_t)(end - p));
    if (slash) {
        size_t nn = (size_t)(slash - p), dn = (size_t)(end - slash - 1);
        if (!all_digits(p, nn) || !all_digits(slash + 1, dn)) {
            return reject(why, syntax);
        }
        if (significant(p, nn) > SC__EXACT_MAX_DIGITS ||
            significant(slash + 1, dn) > SC__EXACT_MAX_DIGITS) {
            return over_limit(why, TOO_MANY_DIGITS);
        }
        if (significant(slash + 1, dn) == 0) {
            return reject(why, "a fraction with denominator 0");
        }
        /* copies: mpz_set_str needs NUL-terminated text */
        char buf[SC__EXACT_MAX_TOKEN + 1];
        memcpy(buf, p, nn);
        buf[nn] = '\0';
        mpz_set_str(t->a, buf, 10);
        memcpy(buf, slash + 1, dn);
        buf[dn] = '\0';
        mpz_set_str(t->b, buf, 10);
        mpq_set_num(out, t->a);
        mpq_set_den(out, t->b);
        mpq_canonicalize(out);
        if (neg) {
            mpq_neg(out, out);
        }
        return 1;
    }
    /* decimal: digits[.digits][e[-]digits] */
    char digits[SC__EXACT_MAX_TOKEN + 1];
    size_t nd = 0, frac = 0;
    int seen_dot = 0;
    for (; p < end && *p != 'e' && *p != 'E'; p++) {
        if (*p == '.') {
            if (seen_dot) {
                return reject(why, syntax);
            }
            seen_dot = 1;
        } else if (*p >= '0' && *p <= '9') {
            digits[nd++] = *p;
            frac += (size_t)seen_dot;
        } else {
            return reject(why, syntax);
        }
    }
    if (nd == 0) {
        return reject(why, syntax);
    }
    long ex = 0;
    if (p < end) {
        p++; /* the 'e' */
        int eneg = p < end && *p == '-';
        p += eneg;
        if (!all_digits(p, (size_t)(end - p))) {
            return reject(why, syntax);
        }
        for (; p < end; p++) {
            ex = ex * 10 + (*p - '0');
            if (ex > SC__EXACT_MAX_EXPONENT) {
                return over_limit(why, "exponent beyond -" STR(SC__EXACT_MAX_EXPONENT) "..+" STR(
                                       SC__EXACT_MAX_EXPONENT));
            }
        }
        ex = eneg ? -ex : ex;
    }
    size_t sig = significant(digits, nd);
    if (sig > SC__EXACT_MAX_DIGITS) {
        return over_limit(why, TOO_MANY_DIGITS);
    }
    digits[nd] = '\0';
    long scale = ex - (long)frac; /* |scale| <= MAX_EXPONENT + MAX_TOKEN */
    if (sig == 0) {
        mpq_set_ui(out, 0, 1);
        return 1;
    }
    if (scale > 0 && sig + (size_t)scale > SC__EXACT_MAX_DIGITS) {
        return over_limit(why, TOO_BIG); /* decided before computing 10^scale */
    }
    mpz_set_str(t->a, digits, 10);
    mpz_ui_pow_ui(t->b, 10, (unsigned long)(scale < 0 ? -scale : scale));
    if (scale >= 0) {
        mpz_mul(t->a, t->a, t->b);
        mpq_set_z(out, t->a);
    } else {
        mpq_set_num(out, t->a);
        mpq_set_den(out, t->b);
        mpq_canonicalize(out);
        if (digits_of(mpq_denref(out), t->a) > SC__EXACT_MAX_DIGITS) {
            return over_limit(why, TOO_BIG);
        }
    }
    if (neg) {
        mpq_neg(out, out);
    }
    return 1;
}

int sc__game_parse_rational(const char *s, size_t n, mpq_t out)
{
    sc__exact_scratch t;
    sc__exact_scratch_init(&t);
    int ok = sc__exact_parse(&t, s, n, out, NULL) > 0;
    sc__exact_scratch_clear(&t);
    return ok;
}
