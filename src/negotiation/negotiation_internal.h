/* SPDX-License-Identifier: MIT */
/* The ceasefire negotiation: what src/negotiation shares between its files (not part of the API). */
#ifndef SC_NEGOTIATION_INTERNAL_H
#define SC_NEGOTIATION_INTERNAL_H

#include "statecraft/game.h"

/*
 * sc_ceasefire_solve with the check on the exported tree optional. check = 1: the tree is
 * written as .efg text, read back by the library's reader and the equilibrium's regret computed
 * on it (efg, nodes, infosets, max_regret filled), as sc_ceasefire_solve does. check = 0 (the
 * draws of a Monte Carlo, docs/uncertainty.md "What a draw leaves out"): none of that; efg is
 * NULL, nodes and infosets 0 and max_regret NaN, every other field the same bits.
 */
sc_status sc__ceasefire_solve(const sc_scenario *s, int uncertain, int check, sc_ceasefire **out,
                              sc_diag *diag);

/* A payoff rounded to 1e-9 as the tree prints it ("%.9f" read back, never a negative zero): the
 * same bits as printing and reading, mostly without printing (negotiation.c). */
double sc__negotiation_r9(double v);

#endif
