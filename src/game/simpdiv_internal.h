/* SPDX-License-Identifier: MIT */
/* Test hook of the simpdiv solver (src/game/simpdiv.c). */
#ifndef SC_GAME_SIMPDIV_INTERNAL_H
#define SC_GAME_SIMPDIV_INTERNAL_H

#include "game/game_internal.h"

/*
 * sc__game_simpdiv with a choice of arithmetic: force_gmp = 1 does every restart in GMP
 * integers, 0 uses 128-bit integers wherever they cannot overflow (what sc__game_simpdiv does).
 * The two must give the same profile; the tests compare them.
 */
sc_status sc__game_simpdiv_run(const sc_game *g, const sc_game_solve_options *o, int force_gmp,
                               sc_game_solution *sol, sc_diag *diag);

#endif
