/* SPDX-License-Identifier: MIT */
/* Fan-out of work items over threads (core/parallel.h). */
#include "core/parallel.h"

#include <pthread.h>
#include <stdlib.h>

void sc__run_parallel(void *(*fn)(void *), void *items, size_t item_size, unsigned n)
{
    char *base = items;
    /* without memory for the handles, everything runs here: slower, same results */
    pthread_t *th = n > 1 ? malloc((n - 1) * sizeof *th) : NULL;
    unsigned started = 0; /* items 1..started run on their own threads */
    for (unsigned k = 1; th && k < n; k++) {
        if (pthread_create(&th[k - 1], NULL, fn, base + k * item_size) != 0) {
            break;
        }
        started = k;
    }
    fn(base);
    for (unsigned k = started + 1; k < n; k++) {
        fn(base + k * item_size);
    }
    for (unsigned k = 1; k <= started; k++) {
        pthread_join(th[k - 1], NULL);
    }
    free(th);
}
