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
 * A test program's own scratch directory: sc_test_tmp_make creates PREFIXxxxxxx (mkdtemp) in
 * $TMPDIR, else in the build directory, else in /tmp, and returns its path (valid until
 * sc_test_tmp_remove; NULL on failure), sc_test_tmp_path names a file in it (one of 64 rotating
 * buffers: enough for every path a test holds at once), and sc_test_tmp_remove deletes it with
 * everything in it (0 on success). One directory at a time. A test that ends without calling
 * sc_test_tmp_remove (exit, a failed setup, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGXCPU)
 * still leaves nothing behind; only SIGKILL does. sc_test_run_cli's capture files go to the
 * same place.
 */
const char *sc_test_tmp_make(const char *prefix);
const char *sc_test_tmp_path(const char *name);
int sc_test_tmp_remove(void);

/* 1 when the test is built with AddressSanitizer (its shadow memory makes address-space and
 * resident-memory bounds meaningless), else 0. */
#if defined(__SANITIZE_ADDRESS__)
#define SC_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SC_TEST_UNDER_ASAN 1
#endif
#endif
#ifndef SC_TEST_UNDER_ASAN
#define SC_TEST_UNDER_ASAN 0
#endif

/*
 * The expectation a bad-input corpus file (tests/data/bad*) states on its first lines:
 * "# expect: MESSAGE" (copied to expect, cap bytes) and, optionally, "# at: LINE:COLUMN" (*line
 * and *col; 0 when absent). Returns 1, or 0 (expect "") when the file does not start with
 * "# expect: ".
 */
int sc_test_corpus_expect(const char *text, char *expect, size_t cap, int *line, int *col);

/* One file of a bad-input corpus, as sc_test_corpus_each hands it to its check. */
typedef struct sc_test_corpus_file {
    const char *name; /* its name in the directory */
    const char *path;
    const char *text; /* its contents, NUL-terminated (valid during the check) */
    size_t len;
    int has_expect;   /* it starts with "# expect: " */
    char expect[600]; /* sc_test_corpus_expect: the message ("" without it), */
    int line, col;    /* and its location (0 when the file states none) */
} sc_test_corpus_file;

/*
 * Walks a corpus directory (tests/data/bad, tests/data/bad-sections): for every file (names
 * starting with '.' skipped), read and with its expectation (sc_test_corpus_expect; a "# at:"
 * line must give both a line and a column), calls check, which returns 1 when the file behaved as
 * stated and 0 after printing why, so that every bad file is reported, not only the first.
 * Returns how many were bad; *files counts the files, *located those stating "# at:".
 */
int sc_test_corpus_each(const char *dir, int (*check)(const sc_test_corpus_file *f, void *ctx),
                        void *ctx, int *files, int *located);

#endif
