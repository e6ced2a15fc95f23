/* SPDX-License-Identifier: MIT */
/* `statecraft run --draws N`: options, progress line, checkpoint, local or MPI run. */
#define _POSIX_C_SOURCE 200809L
#include "cli_mc.h"

#include "cli_output.h"

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

/* Merges each computed block in this process, saves the checkpoint as sc_mc_run does, and stops
 * at the next block once SIGINT or SIGTERM arrived (cli_output.h). */
typedef struct local_run {
    const char *checkpoint;
    double last;
} local_run;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static sc_status merge_here(size_t block, const void *bytes, size_t len, void *ctx, sc_diag *diag)
{
    struct {
        sc_mc *mc;
        local_run r;
    } *c = ctx;
    sc_status rc = sc_mc_merge(c->mc, block, bytes, len, diag);
    if (rc == SC_OK && c->r.checkpoint && now() - c->r.last >= 1.0) {
        rc = sc_mc_checkpoint_save(c->mc, c->r.checkpoint, diag);
        c->r.last = now();
    }
    if (rc == SC_OK && cli_interrupted && sc_mc_blocks_merged(c->mc) < sc_mc_block_count(c->mc)) {
        /* compute stops here; the merged draws make the partial report. After the last block
         * there is nothing left to stop: a signal then (e.g. right after the checkpoint above
         * was written) is one after the draws, whose report is whole */
        rc = SC_ELIMIT;
    }
    return rc;
}

static int interrupted_run;

/* Draws in the merged blocks (every block but the last holds the same number). */
static size_t draws_done(const sc_mc *mc, size_t draws)
{
    size_t blocks = sc_mc_block_count(mc), per = blocks ? (draws + blocks - 1) / blocks : 0;
    size_t done = sc_mc_blocks_merged(mc) * per;
    return done < draws ? done : draws;
}

int cli_mc_interrupted(void)
{
    return interrupted_run;
}

static int mpi_started;

int cli_mc_run(const sc_scenario *s, const sc_run_opts *ro, const cli_mc_args *a, sc_mc **out,
               int *writer)
{
    *out = NULL;
    *writer = 1;
    int rank = 0, size = 1;
    mpi_started = cli_mpi_start(&rank, &size);
    static cli_progress prog;
    cli_progress_init(&prog, "run", "draws");
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
    mo.cancel = &cli_interrupted;
    if (rank == 0 && prog.enabled) {
        mo.progress = cli_progress_cb;
        mo.progress_ctx = &prog;
    }
    sc_diag diag;
    sc_diag_init(&diag);
    sc_mc *mc = NULL;
    if (!mpi_started) {
        cli_interrupt_begin(); /* a signal while planning stops the draws before the first */
    }
    if (sc_mc_new(s, &mo, &mc, &diag) != SC_OK) {
        return rank == 0 ? cli_fail(&diag) : SC_EXIT_USAGE;
    }
    int rc = SC_EXIT_OK;
    if (mpi_started) {
        rc = cli_mpi_run(mc, a->checkpoint, rank, size);
        *writer = rank == 0;
        if (rc != SC_EXIT_OK && rank != 0) {
            rc = SC_EXIT_OK; /* an interrupted rank stopped; rank 0 reports */
        } else if (rc != SC_EXIT_OK && sc_mc_blocks_merged(mc) > 0) {
            char what[160];
            snprintf(what, sizeof what, "%zu of %zu draws done on %d processes; the report below "
                                        "covers them%s",
                     draws_done(mc, (size_t)a->draws), (size_t)a->draws, size,
                     a->checkpoint ? " (the same command resumes from the checkpoint)" : "");
            cli_interrupt_note("run", what);
            interrupted_run = 1;
            rc = SC_EXIT_OK;
        } else if (rc != SC_EXIT_OK) {
            cli_interrupt_note("run", "no block of draws was finished: nothing to report");
            sc_mc_free(mc);
            return rc;
        }
    } else {
        struct stat st;
        if (a->checkpoint && stat(a->checkpoint, &st) == 0 &&
            sc_mc_checkpoint_load(mc, a->checkpoint, &diag) != SC_OK) {
            rc = cli_fail(&diag);
        } else {
            struct {
                sc_mc *mc;
                local_run r;
            } ctx = {mc, {a->checkpoint, now()}};
            sc_status cst = sc_mc_compute(mc, sc_mc_blocks_merged(mc), 1, merge_here, &ctx, &diag);
            cli_progress_done(&prog);
            if (cst == SC_OK && a->checkpoint) {
                cst = sc_mc_checkpoint_save(mc, a->checkpoint, &diag);
            }
            if (cst != SC_OK && cli_interrupted && sc_mc_blocks_merged(mc) > 0) {
                /* what was merged is reported, marked incomplete; the checkpoint resumes it */
                char what[160];
                snprintf(what, sizeof what, "%zu of %zu draws done; the report below covers them%s",
                         draws_done(mc, (size_t)a->draws), (size_t)a->draws,
                         a->checkpoint ? " (the same command resumes from the checkpoint)" : "");
                if (a->checkpoint) {
                    sc_diag cd;
                    sc_diag_init(&cd);
                    if (sc_mc_checkpoint_save(mc, a->checkpoint, &cd) != SC_OK) {
                        cli_fail(&cd);
                    }
                }
                cli_interrupt_note("run", what);
                interrupted_run = 1;
            } else if (cst != SC_OK && cli_interrupted) {
                cli_interrupt_end();
                sc_mc_free(mc);
                cli_interrupt_note("run", "no block of draws was finished: nothing to report");
                return cli_interrupt_status();
            } else if (cst != SC_OK) {
                rc = cli_fail(&diag);
            }
            /* the handler stays until cli_mc_finish: a signal while the report is computed
             * (seconds after the last draw) is an interrupted run, not the default death */
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
    cli_interrupt_end();
    if (mpi_started) {
        cli_mpi_end();
        mpi_started = 0;
    }
}
