/* SPDX-License-Identifier: MIT */
/*
 * Exact linear programming and linear complementarity on fraction-free integer tableaus (GMP),
 * shared by the strategic-form lp method and the sequence-form lp and lcp methods.
 */
#ifndef SC_GAME_LINTAB_H
#define SC_GAME_LINTAB_H

#include <gmp.h>
#include <stddef.h>

#include "statecraft/diag.h"
#include "statecraft/game.h"

/*
 * A dense tableau: rows x (cols + 1) integers, the last column the right-hand side; entry (i, j)
 * stands for t[i][j] / det (det > 0), so every pivot divides exactly (Edmonds; Bareiss).
 * basis[i] is the column basic in row i.
 */
typedef struct sc__itab {
    size_t rows, cols, stride;
    mpz_t *t;
    mpz_t det;
    size_t *basis;
    mpz_t tmp, tmp2;
} sc__itab;

sc_status sc__itab_init(sc__itab *T, size_t rows, size_t cols, sc_diag *diag);
void sc__itab_destroy(sc__itab *T);
static inline mpz_ptr sc__itab_at(sc__itab *T, size_t i, size_t j)
{
    return T->t[i * T->stride + j];
}
/* Pivots column col into row row (its entry must be non-zero). */
void sc__itab_pivot(sc__itab *T, size_t row, size_t col);

/*
 * Maximizes c.x subject to A x <= b in the first m - neq rows, A x = b in the last neq rows,
 * x >= 0, exactly, with the pivoting rules of Gambit's LPSolve (src/solvers/linalg/lpsolve.imp):
 * slacks start basic (an equality row's slack is driven to zero in phase 1, then fixed); the
 * entering column has the largest positive reduced cost (first in column order: the variables,
 * then the slacks); the leaving row has the smallest ratio (first row on ties). Rows with b < 0
 * are negated and given an artificial variable. After 50 consecutive degenerate pivots Bland's
 * rule takes over, so the method cannot cycle.
 * A is m x n (row-major), b has m entries, c n entries. On SC_OK primal[n] holds x and dual[m]
 * the row prices y (y >= 0 on the <= rows). SC_EINVAL if infeasible or unbounded.
 * The methods' stopping test (sc__game_stop(stop, t0), stop may be NULL) is made before each
 * pivot: once the caller's cancel flag is set or its time limit, counted from t0,
 * has passed, SC_ELIMIT with sc__game_stopped's message for `method` ("lp: interrupted",
 * "lp: time limit of S s reached"), and nothing in primal or dual.
 */
sc_status sc__lp_solve_stop(size_t m, size_t n, mpq_t *A, mpq_t *b, mpq_t *c, size_t neq,
                            const sc_game_solve_options *stop, double t0, const char *method,
                            mpq_t *primal, mpq_t *dual, sc_diag *diag);

/*
 * Lemke's algorithm for the LCP  w = q + M z,  w, z >= 0,  w'z = 0  (n x n, integers), with
 * covering vector d (positive integers) and the lexicographic ratio test (no cycling): the
 * perturbation is (eps, eps^2, ...) on the rows, or with reverse the opposite order, which
 * changes which row leaves on ties and so the path taken. Variables with free_var[j] (may be NULL) are free, as the dual
 * variables of the sequence form in Gambit's Lemke tableau: once basic they never leave (their
 * sign is unrestricted), so the row w_j they replaced holds with equality. On SC_OK z[n] holds
 * a solution, scaled: the true z is z / den (den > 0). SC_ENOCONV on ray termination. The
 * methods' stopping test (sc__game_stop(o, t0), o may be NULL) is made before each pivot:
 * once the caller's cancel flag is set or its time limit, counted from t0, has passed, SC_ELIMIT
 * with sc__game_stopped's message for `method` ("lcp: interrupted", "lcp: time limit of S s
 * reached"), z left at 0.
 */
sc_status sc__lemke(size_t n, mpz_t *M, mpz_t *q, mpz_t *d, const char *free_var, int reverse,
                    const sc_game_solve_options *o, double t0, const char *method, mpz_t *z,
                    mpz_t den, sc_diag *diag);

#endif
