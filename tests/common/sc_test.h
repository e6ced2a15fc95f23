/* SPDX-License-Identifier: MIT */
/* Helpers shared by the cmocka tests. */
#ifndef SC_TEST_H
#define SC_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Asserts |a - b| <= tol (absolute), printing both values on failure. */
#define SC_ASSERT_NEAR(a, b, tol)                                                                  \
    do {                                                                                           \
        double sc_a_ = (a), sc_b_ = (b), sc_t_ = (tol);                                            \
        if (!(fabs(sc_a_ - sc_b_) <= sc_t_)) {                                                     \
            fail_msg("%s = %.12g, expected %s = %.12g (tolerance %g)", #a, sc_a_, #b, sc_b_,      \
                     sc_t_);                                                                       \
        }                                                                                          \
    } while (0)

/* Path of a file under ../shared (tests only). Returns a static buffer. */
static inline const char *sc_test_shared(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", SC_SHARED_DIR, rel);
    return buf;
}

/* Path of a file in the source tree. Returns a static buffer. */
static inline const char *sc_test_source(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", SC_SOURCE_DIR, rel);
    return buf;
}

/*
 * Runs the CLI with the given argument string (shell syntax), capturing stdout and stderr into
 * malloc'd strings (either pointer may be NULL). Returns the exit status, or -1.
 */
int sc_test_run_cli(const char *args, char **out, char **err);

/* Reads a whole file into a malloc'd NUL-terminated string, or NULL. */
char *sc_test_slurp(const char *path, size_t *len);

/*
 * The expectation a bad-input corpus file (tests/data/bad*) states on its first lines:
 * "# expect: MESSAGE" (copied to expect, cap bytes) and, optionally, "# at: LINE:COLUMN" (*line
 * and *col; 0 when absent). Returns 1, or 0 (expect "") when the file does not start with
 * "# expect: ".
 */
int sc_test_corpus_expect(const char *text, char *expect, size_t cap, int *line, int *col);

#endif
