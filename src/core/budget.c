/* SPDX-License-Identifier: MIT */
/* The process-wide memory budget the size limits are derived from (statecraft/common.h). */
#include <stdatomic.h>

#include "statecraft/common.h"

static _Atomic size_t budget = SC_MEMORY_BUDGET_DEFAULT;

void sc_memory_budget_set(size_t bytes)
{
    atomic_store(&budget, bytes < SC_MEMORY_BUDGET_MIN ? SC_MEMORY_BUDGET_MIN : bytes);
}

size_t sc_memory_budget_get(void)
{
    return atomic_load(&budget);
}
