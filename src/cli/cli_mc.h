/* SPDX-License-Identifier: MIT */
/*
 * `statecraft run --draws N`: the Monte Carlo options, the run in this process or, under
 * mpirun, split over the processes (cli_mpi.c), with the checkpoint and the progress line.
 */
#ifndef SC_CLI_MC_H
#define SC_CLI_MC_H

#include "cli.h"

typedef struct cli_mc_args {
    int draws_given, any_given;
    uint64_t draws, sensitivity, bootstrap, war_runs;
    int sensitivity_given, bootstrap_given, war_runs_given;
    const char *checkpoint;
} cli_mc_args;

void cli_mc_args_init(cli_mc_args *a);
/* One of the options (getopt codes 'D' draws, 'M' sensitivity, 'b' bootstrap, 'W' war runs,
 * 'C' checkpoint); returns an exit status. */
int cli_mc_option(cli_mc_args *a, int code, const char *arg);
/*
 * Plans and runs the Monte Carlo over s (here, or split over mpirun's processes); *out is the
 * finished Monte Carlo and *writer says whether this process writes the report (rank 0).
 * Returns an exit status (errors printed).
 */
int cli_mc_run(const sc_scenario *s, const sc_run_opts *ro, const cli_mc_args *a, sc_mc **out,
               int *writer);
/* 1 when the run was interrupted (SIGINT, SIGTERM) and *out holds the draws merged before. */
int cli_mc_interrupted(void);
/* Ends the MPI session if one was started. */
void cli_mc_finish(void);

/* ---- cli_mpi.c: the processes of mpirun (stubs without MPI) ---- */

/* 1 when started by mpirun (MPI is then initialised); rank and size set. */
int cli_mpi_start(int *rank, int *size);
/* Runs the not-yet-merged blocks of mc over the processes; rank 0 merges in order (and saves
 * the checkpoint). Returns an exit status; errors printed by the process that saw them. */
int cli_mpi_run(sc_mc *mc, const char *checkpoint, int rank, int size);
void cli_mpi_end(void);

#endif
