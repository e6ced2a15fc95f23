/* SPDX-License-Identifier: MIT */
/*
 * Exact simplex and Lemke's algorithm on fraction-free integer tableaus.
 *
 * The tableau keeps the integer matrix B^{-1}[A | b] * det with det the determinant of the basis
 * (Edmonds 1967; Bareiss 1968): after a pivot on entry pi = t[r][s], row r is kept and every
 * other row i becomes (t[i] * pi - t[i][s] * t[r]) / det_old, an exact division; det becomes pi
 * (signs flipped to keep det > 0). Ratios are compared by cross-multiplication, so every
 * decision is exact.
 */
#include "game/lintab.h"

#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "game/game_internal.h"

sc_status sc__itab_init(sc__itab *T, size_t rows, size_t cols, sc_diag *diag)
{
    memset(T, 0, sizeof *T);
    T->rows = rows;
    T->cols = cols;
    T->stride = cols + 1;
    T->t = malloc((rows * T->stride > 0 ? rows * T->stride : 1) * sizeof *T->t);
    T->basis = malloc((rows ? rows : 1) * sizeof *T->basis);
    if (!T->t || !T->basis) {
        free(T->t);
        free(T->basis);
        T->t = NULL;
        T->basis = NULL;
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < rows * T->stride; i++) {
        mpz_init(T->t[i]);
    }
    mpz_init_set_ui(T->det, 1);
    mpz_inits(T->tmp, T->tmp2, NULL);
    return SC_OK;
}

void sc__itab_destroy(sc__itab *T)
{
    if (T->t) {
        for (size_t i = 0; i < T->rows * T->stride; i++) {
            mpz_clear(T->t[i]);
        }
        mpz_clears(T->det, T->tmp, T->tmp2, NULL);
    }
    free(T->t);
    free(T->basis);
    memset(T, 0, sizeof *T);
}

void sc__itab_pivot(sc__itab *T, size_t r, size_t s)
{
    mpz_ptr pi = sc__itab_at(T, r, s);
    for (size_t i = 0; i < T->rows; i++) {
        if (i == r) {
            continue;
        }
        mpz_ptr f = sc__itab_at(T, i, s);
        if (mpz_sgn(f) == 0) {
            /* (t * pi - 0) / det: only a rescaling */
            for (size_t j = 0; j < T->stride; j++) {
                mpz_ptr x = sc__itab_at(T, i, j);
                if (mpz_sgn(x)) {
                    mpz_mul(x, x, pi);
                    mpz_divexact(x, x, T->det);
                }
            }
            continue;
        }
        mpz_set(T->tmp2, f); /* t[i][s] changes during the loop */
        for (size_t j = 0; j < T->stride; j++) {
            mpz_ptr x = sc__itab_at(T, i, j);
            mpz_mul(x, x, pi);
            mpz_submul(x, T->tmp2, sc__itab_at(T, r, j));
            mpz_divexact(x, x, T->det);
        }
    }
    mpz_set(T->det, pi);
    if (mpz_sgn(T->det) < 0) {
        mpz_neg(T->det, T->det);
        for (size_t k = 0; k < T->rows * T->stride; k++) {
            mpz_neg(T->t[k], T->t[k]);
        }
    }
    T->basis[r] = s;
}

/* ---- the simplex method ---------------------------------------------------------------------- */

/* lcm of the denominators of v[0..k) (into out). */
static void lcm_den(mpz_t out, mpq_t *v, size_t k, size_t step)
{
    mpz_set_ui(out, 1);
    for (size_t i = 0; i < k; i++) {
        mpz_lcm(out, out, mpq_denref(v[i * step]));
    }
}

/* v * scale as an integer (scale a multiple of v's denominator). */
static void scaled(mpz_t out, mpq_srcptr v, mpz_srcptr scale)
{
    mpz_divexact(out, scale, mpq_denref(v));
    mpz_mul(out, out, mpq_numref(v));
}

sc_status sc__lp_solve_stop(size_t m, size_t n, mpq_t *A, mpq_t *b, mpq_t *c, size_t neq,
                            const sc_game_solve_options *stop, double t0, const char *method,
                            mpq_t *primal, mpq_t *dual, sc_diag *diag)
{
    size_t nin = m - neq, nart = 0;
    for (size_t i = 0; i < nin; i++) {
        nart += mpq_sgn(b[i]) < 0;
    }
    /* columns: x (n), slacks (m), artificials (nart); rows: m constraints, phase-2 and phase-1
       objective rows (index m, m + 1) */
    size_t cols = n + m + nart, art = 0;
    sc__itab T;
    sc_status rc = sc__itab_init(&T, m + 2, cols, diag);
    if (rc != SC_OK) {
        return rc;
    }
    mpz_t *lambda = malloc((m ? m : 1) * sizeof *lambda);
    int *negated = calloc(m ? m : 1, sizeof *negated);
    mpz_t L, Lc, L1, x, y;
    mpz_inits(L, Lc, L1, x, y, NULL);
    if (!lambda || !negated) {
        free(lambda);
        free(negated);
        mpz_clears(L, Lc, L1, x, y, NULL);
        sc__itab_destroy(&T);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    /* rows i < m: lambda_i (A_i x) + s'_i (+/- a_i) = lambda_i b_i, integers */
    mpz_set_ui(L1, 1);
    for (size_t i = 0; i < m; i++) {
        mpz_init(lambda[i]);
        lcm_den(lambda[i], A + i * n, n, 1);
        mpz_lcm(lambda[i], lambda[i], mpq_denref(b[i]));
        negated[i] = mpq_sgn(b[i]) < 0;
        for (size_t j = 0; j < n; j++) {
            scaled(sc__itab_at(&T, i, j), A[i * n + j], lambda[i]);
            if (negated[i]) {
                mpz_neg(sc__itab_at(&T, i, j), sc__itab_at(&T, i, j));
            }
        }
        scaled(sc__itab_at(&T, i, cols), b[i], lambda[i]);
        if (negated[i]) {
            mpz_neg(sc__itab_at(&T, i, cols), sc__itab_at(&T, i, cols));
        }
        if (i < nin && negated[i]) {
            mpz_set_si(sc__itab_at(&T, i, n + i), -1); /* surplus */
            mpz_set_ui(sc__itab_at(&T, i, n + m + art), 1);
            T.basis[i] = n + m + art++;
        } else {
            mpz_set_ui(sc__itab_at(&T, i, n + i), 1);
            T.basis[i] = n + i;
        }
        if (i >= nin || negated[i]) {
            mpz_lcm(L1, L1, lambda[i]);
        }
    }
    /* phase-2 row: -c, scaled by Lc (the basis starts with cost-0 columns) */
    lcm_den(Lc, c, n, 1);
    for (size_t j = 0; j < n; j++) {
        scaled(sc__itab_at(&T, m, j), c[j], Lc);
        mpz_neg(sc__itab_at(&T, m, j), sc__itab_at(&T, m, j));
    }
    /*
     * Phase-1 row: maximize -(sum of the equality rows' slacks and the artificials, each in the
     * original row's units: s = s' / lambda). Its z-row is c_B B^-1 A - c_1 with the basic
     * phase-1 variables priced -1 / lambda_i; scaled by L1.
     */
    int phase1 = 0;
    for (size_t i = 0; i < m; i++) {
        if (!(i >= nin || negated[i])) {
            continue;
        }
        mpz_divexact(x, L1, lambda[i]); /* L1 / lambda_i */
        size_t bc = T.basis[i];
        /* the basic column's own cost: c_1 = -1/lambda_i -> z-row entry 0 once priced */
        for (size_t j = 0; j <= cols; j++) {
            if (j == bc) {
                continue;
            }
            mpz_submul(sc__itab_at(&T, m + 1, j), x, sc__itab_at(&T, i, j));
        }
        if (mpz_sgn(sc__itab_at(&T, i, cols)) != 0) {
            phase1 = 1;
        }
    }
    /* which columns may enter: none of the phase-1 variables once phase 1 is over */
    char *fixed = calloc(cols ? cols : 1, 1);
    if (!fixed) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    for (int phase = phase1 ? 1 : 2; phase <= 2 && rc == SC_OK; phase++) {
        size_t zr = phase == 1 ? m + 1 : m;
        if (phase == 2) {
            for (size_t i = 0; i < m; i++) {
                if (i >= nin) {
                    fixed[n + i] = 1; /* an equality row's slack stays at zero */
                }
            }
            for (size_t k = 0; k < nart; k++) {
                fixed[n + m + k] = 1;
            }
        }
        size_t degenerate = 0;
        for (size_t iter = 0;; iter++) {
            if (phase == 1) {
                /* Gambit stops phase 1 as soon as its cost reaches zero */
                int zero = 1;
                for (size_t i = 0; i < m && zero; i++) {
                    size_t bc = T.basis[i];
                    int p1 = bc >= n + m || (bc >= n && (bc - n >= nin));
                    zero = !p1 || mpz_sgn(sc__itab_at(&T, i, cols)) == 0;
                }
                if (zero) {
                    break;
                }
            }
            int bland = degenerate > 50;
            /* entering: the largest reduced cost rc_j = -z_j / det (column units: slacks in
               their original rows' units, so slack j's is lambda_j times the scaled one) */
            size_t in = cols;
            for (size_t j = 0; j < cols; j++) {
                if (fixed[j]) {
                    continue;
                }
                int basic = 0;
                for (size_t i = 0; i < m && !basic; i++) {
                    basic = T.basis[i] == j;
                }
                if (basic) {
                    continue;
                }
                mpz_neg(x, sc__itab_at(&T, zr, j));
                if (j >= n && j < n + m) {
                    mpz_mul(x, x, lambda[j - n]);
                    if (negated[j - n] && j - n < nin) {
                        mpz_neg(x, x); /* the surplus column is -s */
                    }
                }
                if (mpz_sgn(x) <= 0) {
                    continue;
                }
                if (bland) {
                    in = j;
                    mpz_set(y, x);
                    break;
                }
                if (in == cols || mpz_cmp(x, y) > 0) {
                    in = j;
                    mpz_set(y, x);
                }
            }
            if (in == cols) {
                break; /* optimal */
            }
            /*
             * leaving: the smallest ratio rhs_i / t_is over rows with t_is > 0, the first row
             * on ties (Bland: the smallest basic column); a phase-1 variable left basic at zero
             * in phase 2 is pinned there, so any non-zero t_is makes its ratio 0.
             */
            size_t out = m;
            int out_zero = 0; /* the chosen row's ratio is 0 */
            for (size_t i = 0; i < m; i++) {
                mpz_ptr ti = sc__itab_at(&T, i, in);
                int pinned = phase == 2 && fixed[T.basis[i]];
                if (pinned ? mpz_sgn(ti) == 0 : mpz_sgn(ti) <= 0) {
                    continue;
                }
                int zero = pinned || mpz_sgn(sc__itab_at(&T, i, cols)) == 0;
                int better;
                if (out == m) {
                    better = 1;
                } else if (zero || out_zero) {
                    better = zero && (!out_zero || (bland && T.basis[i] < T.basis[out]));
                } else {
                    /* rhs_i / t_is < rhs_out / t_out,s ? */
                    mpz_mul(x, sc__itab_at(&T, i, cols), sc__itab_at(&T, out, in));
                    mpz_mul(y, sc__itab_at(&T, out, cols), ti);
                    int cmp = mpz_cmp(x, y);
                    better = cmp < 0 || (cmp == 0 && bland && T.basis[i] < T.basis[out]);
                }
                if (better) {
                    out = i;
                    out_zero = zero;
                }
            }
            if (out == m) {
                rc = sc__diag_set(diag, SC_EINVAL, "the linear program is unbounded");
                break;
            }
            /* a pivot on a large tableau of big integers can take a while: Ctrl-C and the time
               limit are looked at before each one */
            if (stop && sc__game_stop(stop, t0)) {
                rc = sc__game_stopped(stop, method, diag);
                break;
            }
            degenerate = out_zero ? degenerate + 1 : 0;
            sc__itab_pivot(&T, out, in);
            (void)iter;
        }
        if (rc == SC_OK && phase == 1) {
            for (size_t i = 0; i < m; i++) {
                size_t bc = T.basis[i];
                int p1 = bc >= n + m || (bc >= n && bc - n >= nin);
                if (p1 && mpz_sgn(sc__itab_at(&T, i, cols)) != 0) {
                    rc = sc__diag_set(diag, SC_EINVAL, "the linear program is infeasible");
                }
            }
        }
    }
    if (rc == SC_OK) {
        for (size_t j = 0; j < n; j++) {
            mpq_set_ui(primal[j], 0, 1);
        }
        for (size_t i = 0; i < m; i++) {
            if (T.basis[i] < n) {
                mpz_set(mpq_numref(primal[T.basis[i]]), sc__itab_at(&T, i, cols));
                mpz_set(mpq_denref(primal[T.basis[i]]), T.det);
                mpq_canonicalize(primal[T.basis[i]]);
            }
        }
        /* y_i = c_B B^-1 e_i in the original row i: the z-row entry of slack s'_i, times
           lambda_i, over det and Lc; a negated row's price changes sign */
        for (size_t i = 0; i < m; i++) {
            mpz_mul(x, sc__itab_at(&T, m, n + i), lambda[i]);
            if (negated[i]) {
                mpz_neg(x, x);
            }
            if (negated[i] && i < nin) {
                mpz_neg(x, x); /* that column is -s */
            }
            mpz_mul(y, T.det, Lc);
            mpz_set(mpq_numref(dual[i]), x);
            mpz_set(mpq_denref(dual[i]), y);
            mpq_canonicalize(dual[i]);
        }
    }
done:
    free(fixed);
    for (size_t i = 0; i < m; i++) {
        mpz_clear(lambda[i]);
    }
    free(lambda);
    free(negated);
    mpz_clears(L, Lc, L1, x, y, NULL);
    sc__itab_destroy(&T);
    return rc;
}

/* ---- Lemke's algorithm ---------------------------------------------------------------------- */

/*
 * Row a is lexicographically smaller than row b in the ratio test on column s: compare
 * (rhs, B^-1 columns) / t_s. The initial basis is the w columns 0..n-1, so B^-1 is there.
 */
static int lex_less(sc__itab *T, size_t n, int reverse, size_t a, size_t b, size_t s, mpz_t x,
                    mpz_t y)
{
    size_t rhs = T->cols;
    for (size_t k = 0; k <= n; k++) {
        size_t j = k == 0 ? rhs : reverse ? n - k : k - 1;
        mpz_mul(x, sc__itab_at(T, a, j), sc__itab_at(T, b, s));
        mpz_mul(y, sc__itab_at(T, b, j), sc__itab_at(T, a, s));
        int cmp = mpz_cmp(x, y);
        if (cmp) {
            return cmp < 0;
        }
    }
    return 0;
}

sc_status sc__lemke(size_t n, mpz_t *M, mpz_t *q, mpz_t *d, const char *free_var, int reverse,
                    const sc_game_solve_options *o, double t0, const char *method, mpz_t *z,
                    mpz_t den, sc_diag *diag)
{
    /* columns: w (0..n-1), z (n..2n-1), z0 (2n); tableau [I | -M | -d | q] */
    sc__itab T;
    size_t cols = 2 * n + 1, z0 = 2 * n;
    sc_status rc = sc__itab_init(&T, n, cols, diag);
    if (rc != SC_OK) {
        return rc;
    }
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    int feasible = 1;
    for (size_t i = 0; i < n; i++) {
        mpz_set_ui(sc__itab_at(&T, i, i), 1);
        for (size_t j = 0; j < n; j++) {
            mpz_neg(sc__itab_at(&T, i, n + j), M[i * n + j]);
        }
        mpz_neg(sc__itab_at(&T, i, z0), d[i]);
        mpz_set(sc__itab_at(&T, i, cols), q[i]);
        T.basis[i] = i;
        feasible &= mpz_sgn(q[i]) >= 0;
    }
    for (size_t j = 0; j < n; j++) {
        mpz_set_ui(z[j], 0);
    }
    mpz_set_ui(den, 1);
    if (feasible) {
        goto done;
    }
    /* z0 enters: the row with the lexicographically smallest (q_i, e_i) / d_i leaves */
    size_t r = n;
    for (size_t i = 0; i < n; i++) {
        if (r == n) {
            r = i;
            continue;
        }
        /* compare (q_i, e_i)/d_i with (q_r, e_r)/d_r (d > 0) */
        int less = 0, decided = 0;
        for (size_t k = 0; k <= n && !decided; k++) {
            size_t j = k == 0 ? cols : reverse ? n - k : k - 1;
            mpz_mul(x, sc__itab_at(&T, i, j), d[r]);
            mpz_mul(y, sc__itab_at(&T, r, j), d[i]);
            int cmp = mpz_cmp(x, y);
            if (cmp) {
                less = cmp < 0;
                decided = 1;
            }
        }
        if (less) {
            r = i;
        }
    }
    size_t leaving = T.basis[r];
    sc__itab_pivot(&T, r, z0);
    for (;;) {
        if (leaving == z0) {
            break;
        }
        /* a pivot on a large tableau of big integers can take a while: Ctrl-C and the time
           limit are looked at before each one (the test is cheap next to a pivot) */
        if (o && sc__game_stop(o, t0)) {
            rc = sc__game_stopped(o, method, diag);
            break;
        }
        size_t in = leaving < n ? leaving + n : leaving - n; /* the complement */
        size_t out = n;
        for (size_t i = 0; i < n; i++) {
            if (mpz_sgn(sc__itab_at(&T, i, in)) <= 0) {
                continue;
            }
            size_t bv = T.basis[i];
            if (free_var && bv >= n && bv < 2 * n && free_var[bv - n]) {
                continue; /* a free variable may take any sign: it never leaves */
            }
            if (out == n || lex_less(&T, n, reverse, i, out, in, x, y)) {
                out = i;
            }
        }
        if (out == n) {
            rc = sc__diag_set(diag, SC_ENOCONV, "Lemke's algorithm ended on a ray");
            break;
        }
        leaving = T.basis[out];
        sc__itab_pivot(&T, out, in);
    }
    if (rc == SC_OK) {
        for (size_t i = 0; i < n; i++) {
            if (T.basis[i] >= n && T.basis[i] < 2 * n) {
                mpz_set(z[T.basis[i] - n], sc__itab_at(&T, i, cols));
            }
        }
        mpz_set(den, T.det);
    }
done:
    mpz_clears(x, y, NULL);
    sc__itab_destroy(&T);
    return rc;
}
