/* SPDX-License-Identifier: MIT */
/*
 * The command-line tool's private helpers. The CLI uses only the public headers and the shared
 * scx helpers (src/scx/scx.h, compiled into the CLI too; see docs/architecture.md).
 */
#ifndef SC_CLI_H
#define SC_CLI_H

#include <stdio.h>

#include "cli_opt.h"
#include "scx/scx.h"
#include "statecraft/statecraft.h"

/* Exit statuses: 0 success, 1 a failure while running, 2 bad input or usage. */
enum { SC_EXIT_OK = 0, SC_EXIT_FAILURE = 1, SC_EXIT_USAGE = 2 };

/* One subcommand, defined by src/cli/cmd_NAME.c as `const sc_cli_command sc_cli_command_NAME`. */
typedef struct sc_cli_command {
    const char *name;
    const char *summary; /* one line for `statecraft --help` */
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand's name */
    /* its options, help, completion and man page (cli_opt.h) */
    const cli_spec *spec;
} sc_cli_command;

/* Prints diag to stderr and returns the exit status for its code. */
int cli_fail(const sc_diag *diag);

/* Prints "statecraft NAME: MESSAGE" and the usage hint to stderr; returns SC_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/*
 * Prints to stderr, as located warnings (FILE:LINE:COL: warning: ... with the line and a caret),
 * the shifts that take a number outside its declared range on the way to state st (NULL: every
 * event and variant, as validate checks them); returns how many. The exit status is unchanged.
 */
size_t cli_warn_shifts(const sc_scenario *s, const sc_state *st);

/* Writes len bytes of text to path atomically ("-" or NULL: stdout). Returns an exit status. */
int cli_write_text(const char *path, const char *text, size_t len);
/*
 * Checks an output path before any work: "-" or NULL (standard output) is fine; a directory, or a
 * file in a directory that does not exist, is a usage error naming the path (exit status 2), so
 * that nothing is computed for an output that cannot be written.
 */
int cli_check_output(const char *path);

/* Writes the command's JSON document rendered as `format` (HTML, CSV) by sc_report_render. */
int cli_write_rendered(const char *path, const scx_buf *json, sc_format format);

/*
 * Parses a --format value for a command offering the formats in `offered` (space-separated,
 * e.g. "text json csv"). Any other value is a usage error listing them; "html" on a command
 * without charts says so.
 */
int cli_parse_format(const char *cmd, const char *text, const char *offered, sc_format *out);
/* cli_write_text of a buffer; a buffer whose building failed is reported instead. */
int cli_write_output(const char *path, const scx_buf *buf);

/*
 * The message for what getopt_long did not accept (`word`, argv[optind - 1]): a long option that
 * needs a value, or an unknown one with the closest of `longopts` (a struct option array) as a
 * did-you-mean. Returns SC_EXIT_USAGE.
 */
int cli_getopt_unknown(const char *cmd, const char *word, const void *longopts);

/* Strict number parsing for option values: the whole string must be a finite number. */
int cli_parse_double(const char *cmd, const char *opt, const char *text, double *out);
int cli_parse_u64(const char *cmd, const char *opt, const char *text, uint64_t *out);
/* Parses "a,b" into two numbers. */
int cli_parse_pair(const char *cmd, const char *opt, const char *text, double *a, double *b);

/* Reads and parses a Gambit .nfg file; on failure prints the located error, returns the status. */
int cli_load_game(const char *path, sc_game **out);

/*
 * Reads a Gambit game, .nfg or .efg (told apart by the file's first word, not its name), from
 * path or standard input (NULL or "-"): exactly one of *nfg and *efg is set. On failure prints
 * the located error and returns the exit status.
 */
int cli_load_any_game(const char *path, sc_game **nfg, sc_efg **efg);

#endif
