/* SPDX-License-Identifier: MIT */
/*
 * -o FILE for every command, and what happens to the output when a command is interrupted.
 *
 * Once a command's arguments are read (cli_next), its standard output is captured in memory when
 * -o names a file; main() ends the capture when the command returns: a command that succeeded
 * has its output written to the file atomically (scx_file_write_atomic: the old file stays
 * whole until the new one replaces it); a command that failed leaves the file untouched; a
 * command that was interrupted (exit status 130 or 143) prints what it found so far, marked
 * partial, to the real standard output, and the file is not touched either. So every command
 * writes to standard output with one meaning of -o, and never leaves a partial file behind.
 *
 * Long computations (cli_interrupt_begin ... cli_interrupt_end): SIGINT and SIGTERM set a flag
 * the library's loops check (the `cancel` field of their options), so that they stop cleanly and
 * return what they found; a second signal ends the program at once. A progress line goes to
 * standard error while the computation runs, only when standard error is a terminal.
 */
#ifndef SC_CLI_OUTPUT_H
#define SC_CLI_OUTPUT_H

#include <signal.h>
#include <stddef.h>

#include "statecraft/common.h"

/* Starts capturing standard output for `path` (NULL: nothing to do) after checking the path (a
 * usage error naming it, exit 2). Calling it again for the same path does nothing. */
int cli_output_redirect(const char *path);
/* 1 while standard output is being captured for -o. */
int cli_output_active(void);
/* Ends the capture after the command returned `status`; returns the final exit status. */
int cli_output_finish(int status);

/* The signal that interrupted the computation (SIGINT, SIGTERM), or 0. */
extern volatile sig_atomic_t cli_interrupted;
/* Installs the handlers of SIGINT and SIGTERM for a long computation. */
void cli_interrupt_begin(void);
/* Restores the default handlers. */
void cli_interrupt_end(void);
/* The exit status of an interrupted command: 128 + the signal (130 for SIGINT, 143 for SIGTERM). */
int cli_interrupt_status(void);
/* Says on stderr that the command was interrupted and that what follows is partial. */
void cli_interrupt_note(const char *cmd, const char *what);

/* A progress line on standard error (only when it is a terminal), for sc_progress_fn callbacks. */
typedef struct cli_progress {
    const char *cmd;  /* "war" */
    const char *unit; /* "runs" */
    double start;     /* when it began (monotonic seconds) */
    double last;      /* when the line was last drawn */
    int enabled;      /* standard error is a terminal */
    int shown;        /* a line is on the screen */
} cli_progress;

void cli_progress_init(cli_progress *pr, const char *cmd, const char *unit);
/* `done` of `total` units (total 0: unknown); ctx is the cli_progress. Redraws at most 5 times a
 * second, from the first second on (short computations show nothing). */
void cli_progress_cb(size_t done, size_t total, void *ctx);
/* Clears the line. */
void cli_progress_done(cli_progress *pr);

/*
 * Starts a long computation: *pr (cli_progress_init with cmd and unit) becomes the progress
 * callback of the computation's options (their progress and progress_ctx fields), the interrupt
 * flag its cancel flag, and the handlers of SIGINT and SIGTERM are installed
 * (cli_interrupt_begin). The caller ends it with cli_progress_done and cli_interrupt_end.
 */
void cli_long_begin(cli_progress *pr, const char *cmd, const char *unit, sc_progress_fn *progress,
                    void **progress_ctx, const volatile sig_atomic_t **cancel);

#endif
