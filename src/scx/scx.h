/* SPDX-License-Identifier: MIT */
/*
 * scx: the small set of helpers compiled into both the library (with hidden visibility, never
 * exported) and the command-line tool, which cannot reach the library's hidden symbols when it
 * links the shared library -- the way curl shares its 'curlx' files between libcurl and the curl
 * tool. The set is closed: numbers in the "C" locale, a growable text buffer, whole-file reading
 * and atomic writing, CSV fields quoted by libcsv, JSON string literals, and the did-you-mean of
 * a mistyped name.
 * Anything else the CLI needs goes through the public API. Files
 * here include only the public headers, the C library and libcsv (never src/core or another
 * module), so they compile on their own.
 */
#ifndef SC_SCX_H
#define SC_SCX_H

#include <stdarg.h>
#include <stddef.h>

#include "statecraft/common.h"
#include "statecraft/diag.h"

#if defined(__GNUC__) || defined(__clang__)
#define SCX_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SCX_PRINTF(f, a)
#endif

/*
 * Numbers read and written whatever locale the program set. strtod and printf use the decimal
 * point of LC_NUMERIC, and a program that loads the library (Python through cffi, R, any C
 * program) may have set one with a decimal comma (de_DE, fr_FR): "0.5" would then read as 0
 * followed by junk, and 0.5 would be written "0,5", which makes a JSON document invalid. So
 * every number the library reads from text goes through scx_strtod_c, and every number it
 * writes through scx_snprintf_c, scx_vsnprintf_c or scx_buf_printf (which formats with
 * scx_vsnprintf_c), whatever setlocale or uselocale the calling thread is under; the "C" locale
 * object is made once, thread-safely (test_locale_numbers). Here, in scx, because the text
 * buffer formats with it and scx files reach nothing outside scx.
 */
/* strtod in the "C" locale. */
double scx_strtod_c(const char *s, char **end);
/* vsnprintf and snprintf in the "C" locale; they return what vsnprintf returns. */
int scx_vsnprintf_c(char *buf, size_t cap, const char *fmt, va_list ap) SCX_PRINTF(3, 0);
int scx_snprintf_c(char *buf, size_t cap, const char *fmt, ...) SCX_PRINTF(3, 4);

/*
 * A growable, always NUL-terminated text buffer for building reports. Growth beyond 1 GiB fails
 * with SC_ELIMIT. scx_buf_printf formats in the "C" locale (above). Errors are sticky: after the first failure later appends are ignored and
 * `error` says what went wrong, so a caller checks once at the end.
 */
typedef struct scx_buf {
    char *data; /* NULL until something is appended */
    size_t len;
    size_t cap;
    sc_status error; /* the first failure, or SC_OK */
} scx_buf;

void scx_buf_init(scx_buf *b);
/* Frees the buffer's memory and leaves it empty (initialised). */
void scx_buf_destroy(scx_buf *b);
void scx_buf_append(scx_buf *b, const char *s, size_t n);
void scx_buf_puts(scx_buf *b, const char *s);
void scx_buf_printf(scx_buf *b, const char *fmt, ...) SCX_PRINTF(2, 3);

/*
 * Hands the buffer's text to the caller: on SC_OK *out (freed with free() or sc_free) holds the
 * text, never NULL (an empty buffer gives ""), and *len its length (len may be NULL); on the
 * buffer's sticky error *out is NULL, diag says why, and the memory is freed. Either way the
 * buffer is left empty.
 */
sc_status scx_buf_take(scx_buf *b, char **out, size_t *len, sc_diag *diag);

/*
 * Reads a whole file (or standard input for "-") into a new NUL-terminated buffer the caller
 * frees with free() or sc_free. Refuses files over max_bytes with SC_ELIMIT. A file that does
 * not exist or cannot be opened is SC_ENOTFOUND (bad input), a read error SC_EIO.
 */
sc_status scx_file_read(const char *path, size_t max_bytes, char **out, size_t *len, sc_diag *diag);

/*
 * Writes len bytes to path, never destroying what path names and reporting every write error:
 * - "-" (and /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N): written to that descriptor;
 * - a symbolic link (also a dangling one): followed, the file written is its target, the link
 *   stays;
 * - a device, FIFO or other non-regular file: written into (opened, never replaced), e.g.
 *   /dev/null; ENOSPC from /dev/full, EPIPE from a FIFO whose reader left are errors;
 * - a regular file, or nothing: replaced or created atomically (readers see the old content or
 *   the new, never part; a failure leaves it untouched), keeping the old file's mode and owner.
 *   The data goes into an unnamed temporary file (Linux O_TMPFILE) in the same directory, so a
 *   kill at any moment of the write leaves no file behind; SIGTERM, SIGINT and the like are held
 *   back for the two system calls that name it. Without O_TMPFILE a named temporary file is used
 *   with those signals held back for the whole write, and removed on failure. Any name up to
 *   NAME_MAX works (the temporary name does not derive from it).
 * Errors: SC_EIO (exit 1) for failed writes; SC_EINVAL (bad input, exit 2) for a directory, a
 * socket or a missing directory.
 */
sc_status scx_file_write_atomic(const char *path, const void *data, size_t len, sc_diag *diag);

/*
 * Appends one CSV field: as it is when it needs no quotes, else quoted by libcsv's writer
 * (csv_write: the field in double quotes, inner quotes doubled). A field needs quotes when it
 * holds a comma, a quote or a line break, or starts or ends with a space. The CSV every command
 * writes goes through here, so that an actor named "Smith, J" stays one field.
 */
void scx_csv_field(scx_buf *b, const char *s);

/*
 * Appends s as a JSON string literal: '"' and '\\' escaped with a backslash, the control
 * characters U+0000..U+001F as \u00xx, every other byte copied as it is (DEL and bytes of 0x80
 * and over included: the text rule, src/core/text.h, makes what statecraft reads strict UTF-8,
 * so the bytes are not decoded here, and invalid UTF-8 given to it comes out unchanged).
 * NULL is written as null. Every JSON string the CLI writes as text goes through it.
 */
void scx_json_string(scx_buf *b, const char *s);

/*
 * Did-you-mean: the candidate closest to `word` (Damerau-Levenshtein distance, a swap of two
 * neighbours counting once) when it is a plausible typo (distance at most 2 and less than half
 * the word), else the one candidate `word` is a prefix of (at least 2 characters), else NULL.
 * NULL candidates are skipped.
 */
const char *scx_suggest(const char *word, const char *const *candidates, size_t n);
/* The distance scx_suggest uses; 64 for words over 63 bytes. */
size_t scx_edit_distance(const char *a, const char *b);

#endif
