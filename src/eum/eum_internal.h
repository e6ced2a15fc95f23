/* SPDX-License-Identifier: MIT */
/* The EUM's internal entry points: the test oracle. */
#ifndef SC_EUM_INTERNAL_H
#define SC_EUM_INTERNAL_H

#include "statecraft/eum.h"

/*
 * sc_eum_run computed the naive O(n^3) way (the third-party votes summed pair by pair): the
 * oracle the tests compare sc_eum_run with on random inputs. Not part of the public API.
 */
sc_status sc__eum_run_naive(size_t n, const double *c, const double *x, const double *s,
                            const sc_eum_params *params, sc_eum_result **out, sc_diag *diag);

#endif
