/* SPDX-License-Identifier: MIT */
/* The landscape model's internal entry points: the brute-force test oracles. */
#ifndef SC_LANDSCAPE_INTERNAL_H
#define SC_LANDSCAPE_INTERNAL_H

#include "statecraft/landscape.h"

/* sc_landscape_search2 by brute force (every configuration, energy from scratch): the oracle. */
sc_status sc__landscape_search2_naive(size_t n, const double *size, const double *prop,
                                      sc_landscape_result **out, sc_diag *diag);

/* sc_landscape_search_k by enumeration of restricted growth strings (n <= 14): the oracle. */
sc_status sc__landscape_search_k_naive(size_t n, const double *size, const double *prop, size_t k,
                                       int *labels, double *energy, sc_diag *diag);

#endif
