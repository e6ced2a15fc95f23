/* SPDX-License-Identifier: MIT */
/* -o for every command (standard output captured, then written atomically), interrupts, progress. */
#define _GNU_SOURCE
#include "cli_output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static struct {
    const char *path; /* the -o file while capturing, else NULL */
    int saved_fd;     /* the real standard output */
    int mem_fd;       /* where standard output goes meanwhile */
} capture = {NULL, -1, -1};

int cli_output_active(void)
{
    return capture.path != NULL;
}

int cli_output_redirect(const char *path)
{
    if (!path || (capture.path && strcmp(capture.path, path) == 0)) {
        return SC_EXIT_OK;
    }
    int rc = cli_check_output(path);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    if (capture.path) {
        fprintf(stderr, "statecraft: error: two output files ('%s' and '%s')\n", capture.path,
                path);
        return SC_EXIT_USAGE;
    }
    fflush(stdout);
    int mfd = memfd_create("statecraft-output", MFD_CLOEXEC);
    if (mfd < 0) {
        FILE *t = tmpfile(); /* kernels without memfd: an unnamed file in the temporary directory */
        mfd = t ? fcntl(fileno(t), F_DUPFD_CLOEXEC, 3) : -1;
        if (t) {
            fclose(t);
        }
    }
    int saved = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (mfd < 0 || saved < 0 || dup2(mfd, STDOUT_FILENO) < 0) {
        int e = errno;
        if (mfd >= 0) {
            close(mfd);
        }
        if (saved >= 0) {
            close(saved);
        }
        fprintf(stderr, "statecraft: error: cannot prepare the output for %s: %s\n", path,
                strerror(e));
        return SC_EXIT_FAILURE;
    }
    capture.path = path;
    capture.saved_fd = saved;
    capture.mem_fd = mfd;
    return SC_EXIT_OK;
}

/* Reads the whole captured output; NULL with *len 0 when empty or on failure (*ok 0). */
static char *captured(size_t *len, int *ok)
{
    *len = 0;
    *ok = 1;
    struct stat st;
    if (fstat(capture.mem_fd, &st) != 0 || st.st_size < 0) {
        *ok = 0;
        return NULL;
    }
    size_t n = (size_t)st.st_size;
    if (n == 0) {
        return NULL;
    }
    char *data = malloc(n);
    size_t got = 0;
    while (data && got < n) {
        ssize_t r = pread(capture.mem_fd, data + got, n - got, (off_t)got);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            break;
        }
        got += (size_t)r;
    }
    if (!data || got != n) {
        free(data);
        *ok = 0;
        return NULL;
    }
    *len = n;
    return data;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int cli_output_finish(int status)
{
    if (!capture.path) {
        return status;
    }
    fflush(stdout);
    int err = ferror(stdout);
    clearerr(stdout);
    dup2(capture.saved_fd, STDOUT_FILENO);
    close(capture.saved_fd);
    size_t len = 0;
    int ok = 1;
    char *data = captured(&len, &ok);
    close(capture.mem_fd);
    const char *path = capture.path;
    capture.path = NULL;
    capture.saved_fd = capture.mem_fd = -1;
    if (status == SC_EXIT_OK) {
        if (!ok || err) {
            fprintf(stderr, "%s: error: the output could not be kept in memory; nothing written\n",
                    path);
            status = SC_EXIT_FAILURE;
        } else {
            status = cli_write_text(path, data ? data : "", len);
        }
    } else if (status == 128 + SIGINT || status == 128 + SIGTERM) {
        /* what was found before the interrupt, on the terminal; never a partial file at -o */
        if (len) {
            fprintf(stderr, "statecraft: %s not written: the run was interrupted; the partial "
                            "results follow on standard output\n",
                    path);
            if (write_all(STDOUT_FILENO, data, len) != 0) {
                fprintf(stderr, "statecraft: error: cannot write to standard output: %s\n",
                        strerror(errno));
            }
        } else {
            fprintf(stderr, "statecraft: %s not written: the run was interrupted\n", path);
        }
    }
    free(data);
    return status;
}

/* ---- interrupts ---------------------------------------------------------------------------- */

volatile sig_atomic_t cli_interrupted = 0;

static void on_signal(int sig)
{
    if (cli_interrupted) {
        /* a second signal: the user does not want to wait for the partial results */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    cli_interrupted = sig;
}

void cli_interrupt_begin(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    struct sigaction old;
    /* a SIGINT the shell ignores (a background job of a script, nohup) stays ignored */
    if (sigaction(SIGINT, NULL, &old) != 0 || old.sa_handler != SIG_IGN) {
        sigaction(SIGINT, &sa, NULL);
    }
    sigaction(SIGTERM, &sa, NULL);
}

void cli_interrupt_end(void)
{
    struct sigaction old;
    if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler == on_signal) {
        signal(SIGINT, SIG_DFL);
    }
    signal(SIGTERM, SIG_DFL);
}

int cli_interrupt_status(void)
{
    return 128 + (cli_interrupted ? (int)cli_interrupted : SIGINT);
}

void cli_interrupt_note(const char *cmd, const char *what)
{
    fprintf(stderr, "statecraft %s: interrupted by %s: %s (partial results)\n", cmd,
            cli_interrupted == SIGTERM ? "SIGTERM" : "SIGINT", what);
}

/* ---- progress ------------------------------------------------------------------------------ */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void cli_progress_init(cli_progress *pr, const char *cmd, const char *unit)
{
    memset(pr, 0, sizeof *pr);
    pr->cmd = cmd;
    pr->unit = unit;
    pr->start = now();
    pr->enabled = isatty(STDERR_FILENO);
}

void cli_progress_cb(size_t done, size_t total, void *ctx)
{
    cli_progress *pr = ctx;
    if (!pr || !pr->enabled) {
        return;
    }
    double t = now(), el = t - pr->start;
    if (el < 1.0 || (pr->shown && t - pr->last < 0.2 && done != total)) {
        return;
    }
    pr->last = t;
    if (total) {
        double left = done ? el * (double)(total - done) / (double)done : 0;
        fprintf(stderr, "\rstatecraft %s: %zu of %zu %s (%3.0f%%), %.0f s, about %.0f s left  \x1b[K",
                pr->cmd, done, total, pr->unit, 100.0 * (double)done / (double)total, el, left);
    } else {
        fprintf(stderr, "\rstatecraft %s: %zu %s, %.0f s \x1b[K", pr->cmd, done, pr->unit, el);
    }
    fflush(stderr);
    pr->shown = 1;
}

void cli_progress_done(cli_progress *pr)
{
    if (pr->shown) {
        fputs("\r\x1b[K", stderr);
        fflush(stderr);
        pr->shown = 0;
    }
}

void cli_long_begin(cli_progress *pr, const char *cmd, const char *unit, sc_progress_fn *progress,
                    void **progress_ctx, const volatile sig_atomic_t **cancel)
{
    cli_progress_init(pr, cmd, unit);
    *progress = cli_progress_cb;
    *progress_ctx = pr;
    *cancel = &cli_interrupted;
    cli_interrupt_begin();
}
