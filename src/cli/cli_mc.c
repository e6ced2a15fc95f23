/* SPDX-License-Identifier: MIT */
/* `statecraft run --draws N`: options, progress line, checkpoint, local or MPI run. */
#define _POSIX_C_SOURCE 200809L
#include "cli_mc.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void cli_mc_args_init(cli_mc_args *a)
{
    memset(a, 0, sizeof *a);
}

int cli_mc_option(cli_mc_args *a, int code, const char *arg)
{
    uint64_t v = 0;
    int rc;
    a->any_given = 1;
    switch (code) {
    case 'D':
        if ((rc = cli_parse_u64("run", "--draws", arg, &v)) != SC_EXIT_OK) {
            return rc;
        }
        if (v < 1 || v > 1000000000u) {
            return cli_usage_error("run", "--draws must be between 1 and 1e9 (got %s)", arg);
        }
        a->draws = v;
        a->draws_given = 1;
        return SC_EXIT_OK;
    case 'M':
        if ((rc = cli_parse_u64("run", "--sensitivity-draws", arg, &v)) != SC_EXIT_OK) {
            return rc;
        }
        if (v > 1000000000u) {
            return cli_usage_error("run", "--sensitivity-draws must be at most 1e9");
        }
        a->sensitivity = v;
        a->sensitivity_given = 1;
        return SC_EXIT_OK;
    case 'b':
        if ((rc = cli_parse_u64("run", "--bootstrap", arg, &v)) != SC_EXIT_OK) {
            return rc;
        }
        if (v > 100000) {
            return cli_usage_error("run", "--bootstrap must be at most 100000");
        }
        a->bootstrap = v;
        a->bootstrap_given = 1;
        return SC_EXIT_OK;
    case 'W':
        if ((rc = cli_parse_u64("run", "--war-runs", arg, &v)) != SC_EXIT_OK) {
            return rc;
        }
        if (v < 1 || v > 1000000) {
            return cli_usage_error("run", "--war-runs must be between 1 and 1e6");
        }
        a->war_runs = v;
        a->war_runs_given = 1;
        return SC_EXIT_OK;
    case 'C':
        if (!*arg) {
            return cli_usage_error("run", "--checkpoint needs a file name");
        }
        a->checkpoint = arg;
        return SC_EXIT_OK;
    default: break;
    }
    return cli_usage_error("run", "unknown option");
}

typedef struct progress {
    double start;
    int shown;
} progress;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void show_progress(size_t done, size_t total, void *ctx)
{
    progress *p = ctx;
    double el = now() - p->start;
    double left = done ? el * (double)(total - done) / (double)done : 0;
    fprintf(stderr, "\rstatecraft: %zu of %zu draws (%3.0f%%), %.0f s, about %.0f s left   ",
            done, total, total ? 100.0 * (double)done / (double)total : 100.0, el, left);
    p->shown = 1;
    if (done == total) {
        fputc('\n', stderr);
        p->shown = 0;
    }
    fflush(stderr);
}

static int mpi_started;

int cli_mc_run(const sc_scenario *s, const sc_run_opts *ro, const cli_mc_args *a, sc_mc **out,
               int *writer)
{
    *out = NULL;
    *writer = 1;
    int rank = 0, size = 1;
    mpi_started = cli_mpi_start(&rank, &size);
    static progress prog;
    prog.start = now();
    sc_mc_opts mo;
    sc_mc_opts_init(&mo);
    mo.draws = (size_t)a->draws;
    if (a->sensitivity_given) {
        mo.sensitivity_draws = (size_t)a->sensitivity;
    }
    if (a->bootstrap_given) {
        mo.bootstrap = (size_t)a->bootstrap;
    }
    if (a->war_runs_given) {
        mo.war_runs = (size_t)a->war_runs;
    }
    mo.seed = ro->seed;
    mo.threads = ro->threads;
    mo.state = ro->state;
    if (rank == 0 && isatty(STDERR_FILENO)) {
        mo.progress = show_progress;
        mo.progress_ctx = &prog;
    }
    sc_diag diag;
    sc_diag_init(&diag);
    sc_mc *mc = NULL;
    if (sc_mc_new(s, &mo, &mc, &diag) != SC_OK) {
        return rank == 0 ? cli_fail(&diag) : SC_EXIT_USAGE;
    }
    int rc = SC_EXIT_OK;
    if (mpi_started) {
        rc = cli_mpi_run(mc, a->checkpoint, rank, size);
        *writer = rank == 0;
    } else {
        struct stat st;
        if (a->checkpoint && stat(a->checkpoint, &st) == 0 &&
            sc_mc_checkpoint_load(mc, a->checkpoint, &diag) != SC_OK) {
            rc = cli_fail(&diag);
        } else if (sc_mc_run(mc, a->checkpoint, 1.0, &diag) != SC_OK) {
            if (prog.shown) {
                fputc('\n', stderr);
            }
            rc = cli_fail(&diag);
        }
    }
    if (rc != SC_EXIT_OK) {
        sc_mc_free(mc);
        return rc;
    }
    *out = mc;
    return SC_EXIT_OK;
}

void cli_mc_finish(void)
{
    if (mpi_started) {
        cli_mpi_end();
        mpi_started = 0;
    }
}
