/* SPDX-License-Identifier: MIT */
/** @file common.h
 * Shared definitions for every public header (export macro, status codes). */
#ifndef STATECRAFT_COMMON_H
#define STATECRAFT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks a symbol as part of the library's ABI; everything else is hidden. */
#if defined(__GNUC__) || defined(__clang__)
#define SC_API __attribute__((visibility("default")))
#else
#define SC_API
#endif

/** The one failure channel of the library. Details go into an sc_diag owned by the caller. */
typedef enum sc_status {
    SC_OK = 0,
    SC_ENOMEM,      /**< an allocation failed */
    SC_EINVAL,      /**< an argument or input value is invalid */
    SC_EIO,         /**< reading or writing a file failed (errno is kept in the diag) */
    SC_EPARSE,      /**< an input file is malformed */
    SC_ERANGE,      /**< a number lies outside its allowed range */
    SC_ENOCONV,     /**< an iterative method did not converge */
    SC_ENOTFOUND,   /**< a named thing (actor, issue, variant, model) does not exist */
    SC_ELIMIT,      /**< an input exceeds a documented size limit */
    SC_EUNSUPPORTED /**< a valid request this build or model cannot serve */
} sc_status;

/** A static English description of a status code; never NULL. Thread-safe. */
SC_API const char *sc_status_str(sc_status status);

/** Frees memory the library handed to the caller (strings, buffers). NULL is a no-op. */
SC_API void sc_free(void *p);

/** The default memory budget: 2 GiB (see sc_memory_budget_set()). */
#define SC_MEMORY_BUDGET_DEFAULT ((size_t)2 << 30)
/** The smallest memory budget: 64 MiB; smaller values are raised to it. */
#define SC_MEMORY_BUDGET_MIN ((size_t)64 << 20)

/**
 * Sets the memory budget, in bytes. Input limits that scale with memory (the payoffs of a game,
 * the actors x issues of a scenario, ...) are derived from it, so that whatever passes them fits
 * in this many bytes; an input over a limit is refused with #SC_ELIMIT before anything large is
 * allocated (docs/limits.md lists every limit). Process-wide; set it before loading inputs.
 * Values below #SC_MEMORY_BUDGET_MIN are raised to it. Thread-safe.
 */
SC_API void sc_memory_budget_set(size_t bytes);

/** The memory budget in bytes (#SC_MEMORY_BUDGET_DEFAULT unless sc_memory_budget_set() changed it). */
SC_API size_t sc_memory_budget_get(void);

/**
 * The number of CPUs this process may use: the CPUs of its affinity mask (sched_getaffinity:
 * taskset, cpusets), capped by the CPU quota of its control group and of the groups above it
 * (cgroup v2 `cpu.max`, v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us`, as set by
 * `docker --cpus`, Kubernetes limits or systemd's CPUQuota), rounded up; at least 1.
 * Thread-safe.
 */
SC_API unsigned sc_cpu_count(void);

/**
 * The worker threads a computation starts when its `threads` setting is 0: the value of the
 * environment variable STATECRAFT_THREADS when it is an integer from 1 to 1024, else
 * sc_cpu_count(). Results never depend on the number of threads.
 */
SC_API unsigned sc_threads_default(void);

/**
 * A progress callback of a long computation: `done` units of work of `total` (0: unknown).
 * Called from the calling thread, never from a worker; it must return quickly.
 *
 * Long computations take, in their options, `sc_progress_fn progress` with `void *progress_ctx`
 * and `const volatile sig_atomic_t *cancel`: when `cancel` is not NULL their loops check it, and
 * once `*cancel` is nonzero (set it from a SIGINT handler) they stop at the next check and return
 * #SC_ELIMIT with what they found so far, marked as partial where their result says so.
 */
typedef void (*sc_progress_fn)(size_t done, size_t total, void *ctx);

#ifdef __cplusplus
}
#endif
#endif
