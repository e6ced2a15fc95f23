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
#include "cli_output.h"

#include <signal.h>
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

/*
 * The messages: each block another rank computed goes to rank 0 as its length (TAG_LEN) and its
 * bytes (TAG_DATA), in the rank's block order; a rank whose computation ended (all its blocks,
 * or stopped by a signal) sends END as a length. Rank 0 sends each rank one STOP when it needs
 * no more (at the end, or at once when it is interrupted), and every rank receives it before it
 * finishes, so no message is left unmatched.
 *
 * Interrupts (SIGINT, SIGTERM, or SIGUSR1, which mpirun forwards to every rank; docs/cli.md):
 * an interrupted rank stops at its next block and sends END; rank 0, interrupted or told by an
 * END that a block will not come, stops too, sends STOP to every rank, takes the blocks that
 * continue its merged prefix and drops the rest, and the report covers that prefix, marked
 * incomplete (cli_mc.c), exit 130 (143), never a file at -o.
 */
enum { TAG_LEN = 1, TAG_DATA = 2, TAG_STOP = 3 };
/* END is a length no block has: ~0 - the signal that stopped the rank (0: it finished) */
static const unsigned long long END = ~0ULL;
static int end_signal; /* the signal of the first END that stopped a rank early */

/* An error on any rank ends every rank (after printing it). */
static void fail_all(const sc_diag *d)
{
    int code = cli_fail(d);
    MPI_Abort(MPI_COMM_WORLD, code);
}

/* mpirun forwards SIGUSR1 to every rank (SIGINT and SIGTERM on mpirun end the job after a
 * second): the interrupt that keeps the partial report. */
static void on_usr1(int sig)
{
    (void)sig;
    if (!cli_interrupted) {
        cli_interrupted = SIGINT;
    }
}

typedef struct merger {
    sc_mc *mc;
    int size;
    size_t start; /* the first block of this run (after the checkpoint) */
    const char *checkpoint;
    double last_save;
    char *ended;  /* rank r sent END */
    int gap;      /* a block of the prefix will not come: nothing more can be merged */
} merger;

static void oom_all(size_t b)
{
    sc_diag d;
    sc_diag_init(&d);
    d.code = SC_ENOMEM;
    snprintf(d.message, sizeof d.message, "out of memory receiving block %zu", b);
    fail_all(&d);
}

/* Receives the next message of rank `from`: its block (merged when `merge`, else dropped), or
 * its END. Returns 1 for a block, 0 for END. */
static int receive(merger *m, int from, size_t b, int merge)
{
    unsigned long long len = 0;
    MPI_Recv(&len, 1, MPI_UNSIGNED_LONG_LONG, from, TAG_LEN, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (len >= END - 64) {
        m->ended[from] = 1;
        if (!end_signal && len != END) {
            end_signal = (int)(END - len);
        }
        return 0;
    }
    char *buf = malloc(len ? len : 1);
    if (!buf) {
        oom_all(b);
    }
    MPI_Recv(buf, (int)len, MPI_BYTE, from, TAG_DATA, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    sc_diag d;
    sc_diag_init(&d);
    if (merge && sc_mc_merge(m->mc, b, buf, len, &d) != SC_OK) {
        free(buf);
        fail_all(&d);
    }
    free(buf);
    return 1;
}

/* Rank 0: receives and merges every block before `upto` that another rank computed; stops at a
 * rank's END (it was interrupted: that block will not come), which interrupts rank 0 too. */
static void catch_up(merger *m, size_t upto)
{
    while (!m->gap && sc_mc_blocks_merged(m->mc) < upto) {
        size_t b = sc_mc_blocks_merged(m->mc);
        int from = (int)((b - m->start) % (size_t)m->size);
        if (from == 0 || m->ended[from] || !receive(m, from, b, 1)) {
            m->gap = 1; /* rank 0's own block is merged as it comes: only a stop leaves it out */
            if (!cli_interrupted) {
                /* another rank was interrupted: so is the run, by that rank's signal */
                cli_interrupted = end_signal ? end_signal : SIGINT;
            }
        }
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
    if (m->gap) {
        return SC_ELIMIT; /* a block before this one will not come */
    }
    sc_status rc = sc_mc_merge(m->mc, block, bytes, len, diag);
    if (rc == SC_OK) {
        maybe_save(m);
    }
    if (rc == SC_OK && cli_interrupted) {
        rc = SC_ELIMIT; /* compute stops here; the merged draws make the partial report */
    }
    return rc;
}

static int stop_received;

/* Another rank: rank 0's STOP, if it came, stops the computation at its next block. */
static void poll_stop(void)
{
    int flag = 0;
    if (!stop_received) {
        MPI_Iprobe(0, TAG_STOP, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
    }
    if (flag) {
        int sig = 0;
        MPI_Recv(&sig, 1, MPI_INT, 0, TAG_STOP, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        stop_received = 1;
        if (sig && !cli_interrupted) {
            cli_interrupted = sig;
        }
    }
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
    poll_stop();
    return cli_interrupted ? SC_ELIMIT : SC_OK;
}

int cli_mpi_run(sc_mc *mc, const char *checkpoint, int rank, int size)
{
    sc_diag d;
    sc_diag_init(&d);
    /* every rank stops on a signal at its next block (cli_interrupted is the library's cancel
     * flag); SIGUSR1 is the one mpirun forwards */
    cli_interrupt_begin();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
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
    sc_status rc;
    int status = SC_EXIT_OK;
    if (rank == 0) {
        merger m = {mc, size, (size_t)start, checkpoint, 0, calloc((size_t)size, 1), 0};
        if (!m.ended) {
            oom_all(0);
        }
        rc = sc_mc_compute(mc, (size_t)start, (size_t)size, merge_own, &m, &d);
        if (rc == SC_OK) {
            catch_up(&m, sc_mc_block_count(mc));
        } else if (!cli_interrupted) {
            fail_all(&d);
        }
        /* STOP to every rank: now (interrupted: they stop at their next block) or at the end */
        int sig = cli_interrupted ? (int)cli_interrupted : 0;
        MPI_Request *req = calloc((size_t)size, sizeof *req);
        if (!req) {
            oom_all(0);
        }
        for (int r = 1; r < size; r++) {
            MPI_Isend(&sig, 1, MPI_INT, r, TAG_STOP, MPI_COMM_WORLD, &req[r - 1]);
        }
        /* the blocks that continue the merged prefix are merged, the others dropped, until every
         * rank's END */
        if (cli_interrupted) {
            catch_up(&m, sc_mc_block_count(mc));
        }
        for (int r = 1; r < size; r++) {
            while (!m.ended[r]) {
                receive(&m, r, 0, 0);
            }
        }
        MPI_Waitall(size - 1, req, MPI_STATUSES_IGNORE);
        free(req);
        free(m.ended);
        if (checkpoint) {
            if (sc_mc_checkpoint_save(mc, checkpoint, &d) != SC_OK) {
                fail_all(&d);
            }
        }
        if (cli_interrupted) {
            status = cli_interrupt_status();
        }
    } else {
        rc = sc_mc_compute(mc, (size_t)start + (size_t)rank, (size_t)size, send_to_root, NULL,
                           &d);
        if (rc != SC_OK && !cli_interrupted) {
            fail_all(&d);
        }
        unsigned long long end = END - (unsigned long long)(cli_interrupted > 0 && cli_interrupted < 64
                                                                ? cli_interrupted
                                                                : 0);
        MPI_Send(&end, 1, MPI_UNSIGNED_LONG_LONG, 0, TAG_LEN, MPI_COMM_WORLD);
        if (!stop_received) {
            int sig = 0;
            MPI_Recv(&sig, 1, MPI_INT, 0, TAG_STOP, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            stop_received = 1;
        }
    }
    cli_interrupt_end();
    signal(SIGUSR1, SIG_DFL);
    return status;
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
