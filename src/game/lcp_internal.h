/* SPDX-License-Identifier: MIT */
/* The lcp solver's entry with its arithmetic choice exposed, for the tests. */
#ifndef SC_GAME_LCP_INTERNAL_H
#define SC_GAME_LCP_INTERNAL_H

#include "game/game_internal.h"

/*
 * sc__game_lcp with the 64-bit fast path switchable: allow_small = 0 keeps every tableau in GMP
 * from the start, so the tests can check that both give the same answers in the same order.
 */
sc_status sc__game_lcp_run(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                           int allow_small, sc_diag *diag);

#endif
