/* SPDX-License-Identifier: MIT */
/*
 * Runs independent work items on threads. Results never depend on how many threads start:
 * callers split deterministic work into items, and an item whose thread cannot be created runs
 * on the calling thread instead.
 */
#ifndef SC_CORE_PARALLEL_H
#define SC_CORE_PARALLEL_H

#include <stddef.h>

/*
 * Calls fn(item) for the n items at `items`, item_size bytes apart: item 0 on the calling thread,
 * each other one on a thread of its own. Returns when every item is done.
 */
void sc__run_parallel(void *(*fn)(void *), void *items, size_t item_size, unsigned n);

#endif
