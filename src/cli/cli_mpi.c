/* SPDX-License-Identifier: MIT */
/*
 * `statecraft run --draws N` under mpirun (Open MPI): the same binary splits the blocks of draws
 * over the processes (block b to rank b mod K) and rank 0 merges them in block order, so the
 * report is the same bytes as a single process's. MPI lives here, in the command-line tool
 * only: the library never needs it. Without MPI at build time, or when not started by mpirun,
 * these are stubs and everything runs in one process.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli_mc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#ifdef SC_WITH_MPI
#include <mpi.h>

/* Started by a launcher: Open MPI's mpirun sets OMPI_COMM_WORLD_SIZE, PMIx launchers PMIX_RANK. */
static int launched(void)
{
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_RANK");
}

int cli_mpi_start(int *rank, int *size)
{
    if (!launched()) {
        return 0;
    }
    int provided = 0;
    if (MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        return 0;
    }
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
    return 1;
}

void cli_mpi_end(void)
{
    MPI_Finalize();
}

enum { TAG_LEN = 1, TAG_DATA = 2 };

/* An error on any rank ends every rank (after printing it). */
static void fail_all(const sc_diag *d)
{
    int code = cli_fail(d);
    MPI_Abort(MPI_COMM_WORLD, code);
}

typedef struct merger {
    sc_mc *mc;
    int size;
    size_t start; /* the first block of this run (after the checkpoint) */
    const char *checkpoint;
    double last_save;
} merger;

/* Rank 0: receives and merges every block before `upto` that another rank computed. */
static void catch_up(merger *m, size_t upto)
{
    while (sc_mc_blocks_merged(m->mc) < upto) {
        size_t b = sc_mc_blocks_merged(m->mc);
        int from = (int)((b - m->start) % (size_t)m->size);
        unsigned long long len = 0;
        MPI_Recv(&len, 1, MPI_UNSIGNED_LONG_LONG, from, TAG_LEN, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        char *buf = malloc(len ? len : 1);
        if (!buf) {
            sc_diag d;
            sc_diag_init(&d);
            d.code = SC_ENOMEM;
            snprintf(d.message, sizeof d.message, "out of memory receiving block %zu", b);
            fail_all(&d);
        }
        MPI_Recv(buf, (int)len, MPI_BYTE, from, TAG_DATA, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        sc_diag d;
        sc_diag_init(&d);
        if (sc_mc_merge(m->mc, b, buf, len, &d) != SC_OK) {
            free(buf);
            fail_all(&d);
        }
        free(buf);
    }
}

static void maybe_save(merger *m)
{
    if (!m->checkpoint) {
        return;
    }
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    double now = (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
    if (now - m->last_save >= 1.0) {
        sc_diag d;
        sc_diag_init(&d);
        if (sc_mc_checkpoint_save(m->mc, m->checkpoint, &d) != SC_OK) {
            fail_all(&d);
        }
        m->last_save = now;
    }
}

static sc_status merge_own(size_t block, const void *bytes, size_t len, void *ctx, sc_diag *diag)
{
    merger *m = ctx;
    catch_up(m, block);
    sc_status rc = sc_mc_merge(m->mc, block, bytes, len, diag);
    if (rc == SC_OK) {
        maybe_save(m);
    }
    return rc;
}

static sc_status send_to_root(size_t block, const void *bytes, size_t len, void *ctx,
                              sc_diag *diag)
{
    (void)ctx;
    unsigned long long n = len;
    if (len > 2147483647u) {
        diag->code = SC_ELIMIT;
        snprintf(diag->message, sizeof diag->message,
                 "block %zu's partial result (%zu bytes) is too large to send", block, len);
        return SC_ELIMIT;
    }
    MPI_Send(&n, 1, MPI_UNSIGNED_LONG_LONG, 0, TAG_LEN, MPI_COMM_WORLD);
    MPI_Send(bytes, (int)len, MPI_BYTE, 0, TAG_DATA, MPI_COMM_WORLD);
    return SC_OK;
}

int cli_mpi_run(sc_mc *mc, const char *checkpoint, int rank, int size)
{
    sc_diag d;
    sc_diag_init(&d);
    /* rank 0 resumes from the checkpoint; everyone starts after its merged prefix */
    unsigned long long start = 0;
    if (rank == 0) {
        struct stat st;
        if (checkpoint && stat(checkpoint, &st) == 0 &&
            sc_mc_checkpoint_load(mc, checkpoint, &d) != SC_OK) {
            fail_all(&d);
        }
        start = sc_mc_blocks_merged(mc);
    }
    MPI_Bcast(&start, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
    merger m = {mc, size, (size_t)start, checkpoint, 0};
    sc_status rc;
    if (rank == 0) {
        rc = sc_mc_compute(mc, (size_t)start, (size_t)size, merge_own, &m, &d);
        if (rc == SC_OK) {
            catch_up(&m, sc_mc_block_count(mc));
            if (checkpoint) {
                rc = sc_mc_checkpoint_save(mc, checkpoint, &d);
            }
        }
    } else {
        rc = sc_mc_compute(mc, (size_t)start + (size_t)rank, (size_t)size, send_to_root, NULL,
                           &d);
    }
    if (rc != SC_OK) {
        fail_all(&d);
    }
    return SC_EXIT_OK;
}

#else

int cli_mpi_start(int *rank, int *size)
{
    *rank = 0;
    *size = 1;
    return 0;
}

int cli_mpi_run(sc_mc *mc, const char *checkpoint, int rank, int size)
{
    (void)mc;
    (void)checkpoint;
    (void)rank;
    (void)size;
    return SC_EXIT_FAILURE;
}

void cli_mpi_end(void)
{
}

#endif
