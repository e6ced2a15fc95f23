/* SPDX-License-Identifier: MIT */
/*
 * The lp method on strategic forms: one equilibrium of a two-player constant-sum game by linear
 * programming (von Neumann's minimax theorem; Dantzig 1951), exactly, set up and pivoted as
 * gambit-lp does (src/solvers/lp/nfglp.cc, src/solvers/linalg/lpsolve.imp), so it returns the
 * same vertex when the game has several equilibria:
 *
 *   maximize v  subject to  v <= sum_j (u_1(j, i) - m) x_j   for each strategy i of player 2,
 *                           sum_j x_j = 1,  x >= 0, v >= 0,
 *
 * with m one less than the smallest payoff (so v > 0). Player 1's strategy is x; player 2's is
 * the prices of the first constraints (the dual solution).
 */
#include "game/game_internal.h"

#include <stdlib.h>

#include "core/diag_internal.h"
#include "game/lintab.h"

/* 1 if u_1 + u_2 is the same at every profile. */
static int constant_sum(const sc_game *g)
{
    mpq_t s, t;
    mpq_inits(s, t, NULL);
    int ok = 1;
    for (size_t c = 0; c < g->nprof && ok; c++) {
        mpq_add(t, g->pay[c * 2], g->pay[c * 2 + 1]);
        if (c == 0) {
            mpq_set(s, t);
        } else {
            ok = mpq_equal(s, t);
        }
    }
    mpq_clears(s, t, NULL);
    return ok;
}

sc_status sc__game_lp(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                      sc_diag *diag)
{
    double t0 = sc__game_now(); /* --time-limit counts from here */
    if (!constant_sum(g)) {
        return sc__diag_set(diag, SC_EUNSUPPORTED,
                            "method lp is only valid for constant-sum games (u1 + u2 the same "
                            "at every profile); use lcp or enummixed");
    }
    size_t m1 = g->ns[0], k = g->ns[1], rows = k + 1, cols = m1 + 1;
    mpq_t *A = malloc(rows * cols * sizeof *A), *b = malloc(rows * sizeof *b),
          *c = malloc(cols * sizeof *c), *x = malloc(cols * sizeof *x),
          *y = malloc(rows * sizeof *y), minpay;
    if (!A || !b || !c || !x || !y) {
        free(A);
        free(b);
        free(c);
        free(x);
        free(y);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    mpq_init(minpay);
    for (size_t i = 0; i < rows * cols; i++) {
        mpq_init(A[i]);
    }
    for (size_t i = 0; i < rows; i++) {
        mpq_init(b[i]);
        mpq_init(y[i]);
    }
    for (size_t j = 0; j < cols; j++) {
        mpq_init(c[j]);
        mpq_init(x[j]);
    }
    for (size_t i = 0; i < g->nprof * 2; i++) {
        if (i == 0 || mpq_cmp(g->pay[i], minpay) < 0) {
            mpq_set(minpay, g->pay[i]);
        }
    }
    mpq_set_si(b[0], 1, 1);
    mpq_sub(minpay, minpay, b[0]);
    mpq_set_ui(b[0], 0, 1);
    for (size_t i = 0; i < k; i++) {
        for (size_t j = 0; j < m1; j++) {
            mpq_sub(A[i * cols + j], minpay, g->pay[(j + m1 * i) * 2]);
        }
        mpq_set_ui(A[i * cols + m1], 1, 1);
    }
    for (size_t j = 0; j < m1; j++) {
        mpq_set_ui(A[k * cols + j], 1, 1);
    }
    mpq_set_ui(b[k], 1, 1);
    mpq_set_ui(c[m1], 1, 1);
    sc_status rc = sc__lp_solve_stop(rows, cols, A, b, c, 1, o, t0, "lp", x, y, diag);
    if (rc == SC_OK) {
        mpq_t *prof = malloc((m1 + k) * sizeof *prof);
        if (!prof) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        } else {
            for (size_t j = 0; j < m1; j++) {
                mpq_init(prof[j]);
                mpq_set(prof[j], x[j]);
            }
            for (size_t i = 0; i < k; i++) {
                mpq_init(prof[m1 + i]);
                mpq_set(prof[m1 + i], y[i]);
            }
            rc = sc__sol_push_q(sol, prof, diag);
            for (size_t j = 0; j < m1 + k; j++) {
                mpq_clear(prof[j]);
            }
            free(prof);
        }
    }
    for (size_t i = 0; i < rows * cols; i++) {
        mpq_clear(A[i]);
    }
    for (size_t i = 0; i < rows; i++) {
        mpq_clear(b[i]);
        mpq_clear(y[i]);
    }
    for (size_t j = 0; j < cols; j++) {
        mpq_clear(c[j]);
        mpq_clear(x[j]);
    }
    mpq_clear(minpay);
    free(A);
    free(b);
    free(c);
    free(x);
    free(y);
    return rc;
}
