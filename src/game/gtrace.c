/* SPDX-License-Identifier: MIT */
/*
 * Govindan and Wilson's path-following methods as Gambit runs them (its copy of GameTracer, by
 * Blum, Shelton and Koller), in doubles.
 *
 * gnm, the global Newton method (Govindan & Wilson, "A global Newton method to compute Nash
 * equilibria", J. Econ. Theory 110, 2003). Add lambda g(s) to the payoff of every pure strategy
 * s; for lambda large the game has one equilibrium, a pure one. By the structure theorem
 * (Kohlberg & Mertens 1986) the equilibria of the games on that ray form a one-dimensional
 * path; in the coordinates z = sigma + v(sigma) + lambda g (sigma = r(z) the retraction of z
 * onto the profiles, v the payoff vector) it is piecewise smooth, with dz/dt = -adj(J) g and
 * dlambda/dt = -det(J), J = I - (I + DG) R, R the retraction's Jacobian (fixed within a support)
 * and DG the payoff Jacobian. Every crossing of lambda = 0 is an equilibrium of the game. The
 * path is followed support by support until it leaves for good; with three or more players the
 * segments are curved, so each takes several linear steps with local Newton (LNM) corrections.
 *
 * ipa, iterated polymatrix approximation (Govindan & Wilson, "Computing Nash equilibria by
 * iterated polymatrix approximation", J. Econ. Dyn. Control 28, 2004): linearize the game at
 * the current profile into a polymatrix game, solve that by Lemke-Howson (or one linear solve
 * when the support stays), move a fraction alpha = 0.2 towards it (with a false-position
 * correction from the second step on), until the approximation's solution and the profile
 * agree. For two players the first approximation is the game itself.
 *
 * Payoffs are shifted to be non-negative (gnm also scales them into [0, 1]). The perturbations
 * come from Gambit's own generator, reproduced (gambit_draw), seeded with 1 unless told, so a
 * run here follows gambit-gnm -R SEED's path: on 179 of the 191 games with a reference output the
 * set of equilibria is the same. Where the paths part (degenerate games, where the rounding of
 * one elimination decides a tie) the sets can differ; gambit-ipa 17.0.0-alpha.2 drew its
 * perturbation from system entropy (the same all-zero 2 x 2 game, zero.nfg and
 * jakobsen2016_fig1a, got different answers), so its single equilibrium per game is matched only
 * when the paths agree by chance.
 *
 * What GameTracer reports is not always an equilibrium (gambit-gnm on artist2, bayes2a, e16).
 * Here every point the path crosses lambda = 0 at, and ipa's end point, is polished (Newton on
 * its support; exact to rounding for two players) and reported only if its largest regret is at
 * most 1e-6 of the payoff range; one-player games, where GameTracer divides by zero, get the
 * best response.
 */
#include "game/game_internal.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "statecraft/rng.h"

#define BIG 3.0e+28

/* What gnm and ipa report must have regret at most this, relative to the payoff range. */
#define SC__GT_TOL 1e-6

typedef struct gtgame {
    size_t N, M;   /* players; actions of all players */
    size_t *first; /* N + 1: each player's first action, first[N] = M */
    const size_t *ns;
    size_t nprof;
    double *pay;    /* nprof * N, shifted (and scaled) */
    double range;   /* the range of pay (0 for a constant game) */
    size_t *digit;  /* N: scratch odometer */
    size_t *stride; /* N: profile index = sum digit[p] * stride[p] (player 1 fastest) */
    size_t *supp;   /* M: each player's supported strategies (scratch), listed from first[p] */
    size_t *nsupp;  /* N: how many */
} gtgame;

static void gt_free(gtgame *G)
{
    free(G->first);
    free(G->pay);
    free(G->digit);
    free(G->stride);
    free(G->supp);
    free(G->nsupp);
}

static sc_status gt_init(gtgame *G, const sc_game *g, int scaled, sc_diag *diag)
{
    memset(G, 0, sizeof *G);
    G->N = g->n;
    G->ns = g->ns;
    G->nprof = g->nprof;
    G->first = malloc((g->n + 1) * sizeof *G->first);
    G->digit = malloc(g->n * sizeof *G->digit);
    G->stride = malloc(g->n * sizeof *G->stride);
    G->nsupp = malloc(g->n * sizeof *G->nsupp);
    size_t m_all = 0;
    for (size_t p = 0; p < g->n; p++) {
        m_all += g->ns[p];
    }
    G->supp = malloc((m_all ? m_all : 1) * sizeof *G->supp);
    G->pay = malloc((g->nprof * g->n > 0 ? g->nprof * g->n : 1) * sizeof *G->pay);
    if (!G->first || !G->pay || !G->digit || !G->stride || !G->supp || !G->nsupp) {
        gt_free(G);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    size_t m = 0;
    for (size_t p = 0; p < g->n; p++) {
        G->first[p] = m;
        m += g->ns[p];
    }
    G->first[g->n] = m;
    G->M = m;
    size_t st = 1;
    for (size_t p = 0; p < g->n; p++) {
        G->stride[p] = st;
        st *= g->ns[p];
    }
    double lo, hi;
    sc_game_payoff_bounds(g, &lo, &hi);
    double scale = scaled && hi > lo ? 1.0 / (hi - lo) : 1.0;
    G->range = (hi - lo) * scale;
    for (size_t i = 0; i < g->nprof * g->n; i++) {
        G->pay[i] = (g->dpay[i] - lo) * scale;
    }
    return SC_OK;
}

/*
 * The payoff Jacobian at profile s (M x M, row-major): entry (i, j), i an action of player p and
 * j one of player q != p, is p's expected payoff when p plays i and q plays j and the others mix
 * by s; the diagonal blocks are fuzz, 2 fuzz, 3 fuzz, ... in row order (GameTracer's choice).
 * So DG s / (N - 1) is every pure strategy's payoff. For each pair of players only the profiles
 * in the others' supports are visited (the supports are small along most of the paths), and
 * both players' blocks come from one pass.
 */
static void payoff_matrix(gtgame *G, double *DG, const double *s, double fuzz)
{
    size_t N = G->N, M = G->M;
    for (size_t p = 0; p < N; p++) {
        double f = fuzz;
        for (size_t i = G->first[p]; i < G->first[p + 1]; i++) {
            for (size_t j = 0; j < M; j++) {
                DG[i * M + j] = 0;
            }
            for (size_t j = G->first[p]; j < G->first[p + 1]; j++) {
                DG[i * M + j] = f;
                f += fuzz;
            }
        }
    }
    for (size_t r = 0; r < N; r++) {
        size_t k = 0;
        for (size_t a = 0; a < G->ns[r]; a++) {
            if (s[G->first[r] + a] > 0.0) {
                G->supp[G->first[r] + k++] = a;
            }
        }
        G->nsupp[r] = k;
    }
    size_t *digit = G->digit;
    for (size_t p = 0; p < N; p++) {
        for (size_t q = p + 1; q < N; q++) {
            /* odometer over the other players' supports; digit[r] indexes supp */
            int empty = 0;
            for (size_t r = 0; r < N; r++) {
                digit[r] = 0;
                if (r != p && r != q && G->nsupp[r] == 0) {
                    empty = 1;
                }
            }
            if (empty) {
                continue;
            }
            for (;;) {
                double w = 1.0;
                size_t base = 0;
                for (size_t r = 0; r < N; r++) {
                    if (r != p && r != q) {
                        size_t a = G->supp[G->first[r] + digit[r]];
                        w *= s[G->first[r] + a];
                        base += a * G->stride[r];
                    }
                }
                for (size_t i = 0; i < G->ns[p]; i++) {
                    double *rowp = DG + (G->first[p] + i) * M + G->first[q];
                    size_t ci = base + i * G->stride[p];
                    for (size_t j = 0; j < G->ns[q]; j++) {
                        const double *u = G->pay + (ci + j * G->stride[q]) * N;
                        rowp[j] += w * u[p];
                        DG[(G->first[q] + j) * M + G->first[p] + i] += w * u[q];
                    }
                }
                size_t r = 0;
                for (; r < N; r++) {
                    if (r == p || r == q) {
                        continue;
                    }
                    if (++digit[r] < G->nsupp[r]) {
                        break;
                    }
                    digit[r] = 0;
                }
                if (r == N) {
                    break;
                }
            }
        }
    }
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x > y ? -1 : x < y ? 1 : 0;
}

/*
 * The retraction r(z): for each player the profile sigma_i = max(z_i - v, 0) with v chosen so
 * sigma sums to 1 (Euclidean projection onto the simplex). scratch has M entries.
 */
static void retract(const gtgame *G, double *dest, const double *z, double *scratch)
{
    memcpy(scratch, z, G->M * sizeof *scratch);
    for (size_t n = 0; n < G->N; n++) {
        size_t f = G->first[n], k = G->ns[n];
        double *y = scratch + f;
        qsort(y, k, sizeof *y, cmp_desc);
        double sum = y[0];
        size_t i = 1;
        for (; i < k; i++) {
            if (sum - (double)i * y[i] > 1) {
                break;
            }
            sum += y[i];
        }
        double v = (sum - 1) / (double)i;
        for (size_t j = f; j < f + k; j++) {
            dest[j] = z[j] - v > 0 ? z[j] - v : 0;
        }
    }
}

/* The retraction's Jacobian for support B: within a player's support, I - 1/|support|. */
static void retract_jac(const gtgame *G, double *R, const int *B)
{
    size_t M = G->M;
    memset(R, 0, M * M * sizeof *R);
    for (size_t n = 0; n < G->N; n++) {
        double k = 0;
        for (size_t i = G->first[n]; i < G->first[n + 1]; i++) {
            k += B[i];
        }
        for (size_t i = G->first[n]; i < G->first[n + 1]; i++) {
            for (size_t j = G->first[n]; j < G->first[n + 1]; j++) {
                if (B[i] && B[j]) {
                    R[i * M + j] = (i == j ? 1.0 : 0.0) - 1.0 / k;
                }
            }
        }
    }
}

static void normalize(const gtgame *G, double *s)
{
    for (size_t n = 0; n < G->N; n++) {
        double sum = 0;
        for (size_t i = G->first[n]; i < G->first[n + 1]; i++) {
            sum += s[i];
        }
        for (size_t i = G->first[n]; i < G->first[n + 1]; i++) {
            s[i] /= sum;
        }
    }
}

static void matvec(const double *A, size_t m, size_t n, const double *x, double *y)
{
    for (size_t i = 0; i < m; i++) {
        double s = 0;
        for (size_t j = 0; j < n; j++) {
            s += A[i * n + j] * x[j];
        }
        y[i] = s;
    }
}

static double norm2(const double *v, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++) {
        s += v[i] * v[i];
    }
    return sqrt(s);
}

static double maxabs(const double *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++) {
        m = fabs(v[i]) > m ? fabs(v[i]) : m;
    }
    return m;
}

/*
 * Solves A x = b (n x n) by Crout LU with implicit row scaling and partial pivoting (the
 * Numerical Recipes decomposition GameTracer uses); 0 if a row of A is zero. A is copied into
 * lu (n x n); ix n entries.
 */
static int lu_solve(const double *A, size_t n, const double *b, double *x, double *lu, size_t *ix,
                    double *vv)
{
    memcpy(lu, A, n * n * sizeof *lu);
    for (size_t i = 0; i < n; i++) {
        double big = 0;
        for (size_t j = 0; j < n; j++) {
            big = fabs(lu[i * n + j]) > big ? fabs(lu[i * n + j]) : big;
        }
        if (big == 0) {
            return 0;
        }
        vv[i] = 1 / big;
    }
    for (size_t j = 0; j < n; j++) {
        for (size_t i = 0; i < j; i++) {
            double sum = lu[i * n + j];
            for (size_t k = 0; k < i; k++) {
                sum -= lu[i * n + k] * lu[k * n + j];
            }
            lu[i * n + j] = sum;
        }
        double big = 0;
        size_t imax = j;
        for (size_t i = j; i < n; i++) {
            double sum = lu[i * n + j];
            for (size_t k = 0; k < j; k++) {
                sum -= lu[i * n + k] * lu[k * n + j];
            }
            lu[i * n + j] = sum;
            if (vv[i] * fabs(sum) >= big) {
                big = vv[i] * fabs(sum);
                imax = i;
            }
        }
        if (j != imax) {
            for (size_t k = 0; k < n; k++) {
                double t = lu[imax * n + k];
                lu[imax * n + k] = lu[j * n + k];
                lu[j * n + k] = t;
            }
            vv[imax] = vv[j];
        }
        ix[j] = imax;
        if (lu[j * n + j] == 0) {
            lu[j * n + j] = 1.0e-20;
        }
        if (j + 1 < n) {
            double r = 1 / lu[j * n + j];
            for (size_t i = j + 1; i < n; i++) {
                lu[i * n + j] *= r;
            }
        }
    }
    memcpy(x, b, n * sizeof *x);
    size_t first = n; /* the first nonzero entry of the permuted b: the sums start there */
    for (size_t i = 0; i < n; i++) {
        double sum = x[ix[i]];
        x[ix[i]] = x[i];
        if (first < n) {
            for (size_t j = first; j < i; j++) {
                sum -= lu[i * n + j] * x[j];
            }
        } else if (sum != 0) {
            first = i;
        }
        x[i] = sum;
    }
    for (size_t i = n; i-- > 0;) {
        double sum = x[i];
        for (size_t j = i + 1; j < n; j++) {
            sum -= lu[i * n + j] * x[j];
        }
        x[i] = sum / lu[i * n + i];
    }
    return 1;
}

/*
 * One row of the fraction-free elimination: row[j] = (row[j] pivot - row[jj] prow[j]) / D for
 * j != jj, in exactly that order of operations (the path methods are sensitive to rounding in
 * degenerate games, so this matches GameTracer's arithmetic). Written to vectorize.
 */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
__attribute__((optimize("tree-vectorize", "fp-contract=off"),
               target_clones("avx512f", "avx2", "default")))
#endif
static void
eliminate_row(double *restrict row, const double *restrict prow, size_t n, size_t jj, double pivot,
              double D)
{
    double aij = row[jj];
    for (size_t j0 = 0; j0 < jj; j0++) {
        row[j0] = (row[j0] * pivot - aij * prow[j0]) / D;
    }
    for (size_t j0 = jj + 1; j0 < n; j0++) {
        row[j0] = (row[j0] * pivot - aij * prow[j0]) / D;
    }
}

/*
 * Replaces J (n x n) by its adjugate and returns det J, by integer-style (Bareiss) elimination
 * in doubles with the largest available pivot per column; DBL_MAX if J is singular beyond one
 * zero column (GameTracer's cmatrix::adjoint). work: n*n doubles, 3n ints.
 */
static double adjugate(double *J, size_t n, double *a, int *r, int *c, int *r2)
{
    memcpy(a, J, n * n * sizeof *a);
    double D = 1.0;
    long lastj = -1;
    for (size_t i = 0; i < n; i++) {
        r[i] = -1;
    }
    for (long j = 0; j < (long)n; j++) {
        if (D == 0.0) {
            return DBL_MAX;
        }
        double max = -1.0;
        long maxi = -1;
        for (size_t i = 0; i < n; i++) {
            if (r[i] < 0 && fabs(a[i * n + (size_t)j]) > max) {
                max = fabs(a[i * n + (size_t)j]);
                maxi = (long)i;
            }
        }
        if (j != lastj && max == 0.0) {
            if (lastj >= 0) {
                return DBL_MAX;
            }
            lastj = j;
            if (j != (long)n - 1) {
                continue;
            }
        }
        if (maxi < 0) {
            return DBL_MAX;
        }
        size_t i = (size_t)maxi, jj = (size_t)j;
        double pivot = a[i * n + jj];
        const double *prow = a + i * n;
        for (size_t i0 = 0; i0 < n; i0++) {
            if (i0 != i) {
                eliminate_row(a + i0 * n, prow, n, jj, pivot, D);
            }
        }
        for (size_t i0 = 0; i0 < n; i0++) {
            a[i0 * n + jj] = -a[i0 * n + jj];
        }
        a[i * n + jj] = D;
        D = pivot;
        r[i] = (int)jj;
        c[jj] = (int)i;
        if (j == lastj) {
            break;
        }
        if (j == (long)n - 1 && lastj >= 0) {
            j = lastj - 1;
        }
    }
    /* parity of the row permutation */
    size_t s = 0, i = 0;
    memcpy(r2, r, n * sizeof *r2);
    while (i + 1 < n) {
        size_t j = (size_t)r2[i];
        if (i != j) {
            s++;
            r2[i] = r2[j];
            r2[j] = (int)j;
        } else {
            i++;
        }
    }
    for (size_t i0 = 0; i0 < n; i0++) {
        for (size_t j0 = 0; j0 < n; j0++) {
            J[i0 * n + j0] = a[(size_t)c[i0] * n + (size_t)r[j0]];
        }
    }
    if (s % 2 == 1) {
        for (size_t k = 0; k < n * n; k++) {
            J[k] = -J[k];
        }
        D = -D;
    }
    return D;
}

/* ---- checking and polishing what the path methods report ---------------------------------- */

/* Every pure strategy's payoff against s (v, M entries); DG is M x M scratch. */
static void pure_payoffs(gtgame *G, double *DG, const double *s, double *v)
{
    size_t M = G->M, N = G->N;
    if (N == 1) {
        for (size_t i = 0; i < M; i++) {
            v[i] = G->pay[i];
        }
        return;
    }
    payoff_matrix(G, DG, s, 0.0);
    matvec(DG, M, M, s, v);
    for (size_t i = 0; i < M; i++) {
        v[i] /= (double)(N - 1);
    }
}

/* The largest regret at s relative to the payoff range (0 for a constant game). */
static double rel_regret(gtgame *G, double *DG, const double *s, double *v)
{
    for (size_t n = 0; n < G->N; n++) { /* not a profile: no regret can make it one */
        double sum = 0;
        for (size_t i = G->first[n]; i < G->first[n + 1]; i++) {
            if (!(s[i] >= 0 && s[i] <= 1)) {
                return HUGE_VAL;
            }
            sum += s[i];
        }
        if (!(fabs(sum - 1) <= 1e-9)) {
            return HUGE_VAL;
        }
    }
    pure_payoffs(G, DG, s, v);
    double worst = 0;
    for (size_t n = 0; n < G->N; n++) {
        double best = -HUGE_VAL, got = 0;
        for (size_t i = G->first[n]; i < G->first[n + 1]; i++) {
            best = v[i] > best ? v[i] : best;
            got += s[i] * v[i];
        }
        worst = best - got > worst ? best - got : worst;
    }
    return G->range > 0 ? worst / G->range : 0.0;
}

/*
 * Solves A x = b (n x n, A and b destroyed, x into b) by Gaussian elimination with partial
 * pivoting that skips a column with no usable pivot (its unknown is set to 0), so duplicated
 * strategies do not make it fail; 0 if the equations left over are inconsistent. piv: n entries.
 */
static int dense_solve(double *A, size_t n, double *b, size_t *piv)
{
    double scale = 0;
    for (size_t k = 0; k < n * n; k++) {
        scale = fabs(A[k]) > scale ? fabs(A[k]) : scale;
    }
    double eps = 1e-11 * (scale > 0 ? scale : 1);
    size_t r = 0;
    for (size_t c = 0; c < n; c++) {
        piv[c] = n; /* free */
        if (r == n) {
            continue;
        }
        size_t best = r;
        for (size_t i = r + 1; i < n; i++) {
            if (fabs(A[i * n + c]) > fabs(A[best * n + c])) {
                best = i;
            }
        }
        if (!(fabs(A[best * n + c]) > eps)) {
            continue;
        }
        if (best != r) {
            for (size_t k = 0; k < n; k++) {
                double t = A[r * n + k];
                A[r * n + k] = A[best * n + k];
                A[best * n + k] = t;
            }
            double t = b[r];
            b[r] = b[best];
            b[best] = t;
        }
        for (size_t i = r + 1; i < n; i++) {
            double f = A[i * n + c] / A[r * n + c];
            if (f != 0) {
                for (size_t k = c; k < n; k++) {
                    A[i * n + k] -= f * A[r * n + k];
                }
                b[i] -= f * b[r];
            }
        }
        piv[c] = r++;
    }
    for (size_t i = r; i < n; i++) {
        if (fabs(b[i]) > 1e-9) {
            return 0;
        }
    }
    /* back substitution: b[piv[c]] becomes x_c */
    for (size_t c = n; c-- > 0;) {
        if (piv[c] == n) {
            continue;
        }
        size_t row = piv[c];
        double sum = b[row];
        for (size_t k = c + 1; k < n; k++) {
            if (piv[k] != n) {
                sum -= A[row * n + k] * b[piv[k]];
            }
        }
        b[row] = sum / A[row * n + c];
    }
    /* b[piv[c]] holds x_c; spread into place (rows of free columns are surplus) */
    for (size_t c = 0; c < n; c++) {
        A[c] = piv[c] == n ? 0.0 : b[piv[c]];
    }
    memcpy(b, A, n * sizeof *b);
    return 1;
}

/*
 * Polishes an approximate equilibrium s in place: on its support (entries above 1e-9), Newton's
 * method on "every supported strategy of a player earns the same, each player's probabilities
 * sum to 1" (the payoff of strategy i is multilinear, so d v_i / d s_j = DG(i, j) for j of
 * another player). Two players make the system linear, so one step solves it to rounding. The
 * result is kept only if it is a profile whose regret is smaller. Returns the final regret.
 */
static double polish(gtgame *G, double *s, double *DG, double *work)
{
    size_t M = G->M, N = G->N;
    double *v = work, *t = v + M, *vt = t + M, *rhs = vt + M, *A = rhs + M;
    size_t *idx = (size_t *)(void *)(A + M * M), *piv = idx + M;
    double before = rel_regret(G, DG, s, v);
    if (before <= 1e-13 || N < 2) {
        return before;
    }
    size_t k = 0;
    for (size_t i = 0; i < M; i++) {
        if (s[i] > 1e-9) {
            idx[k++] = i;
        }
    }
    memcpy(t, s, M * sizeof *t);
    for (size_t i = 0; i < M; i++) {
        if (t[i] <= 1e-9) {
            t[i] = 0;
        }
    }
    normalize(G, t);
    for (int iter = 0; iter < 8; iter++) {
        /* rows: for each player the sum, then v_i - v_first for the other supported i */
        pure_payoffs(G, DG, t, vt);
        payoff_matrix(G, DG, t, 0.0);
        memset(A, 0, k * k * sizeof *A);
        size_t row = 0;
        double resid = 0;
        for (size_t n = 0; n < N; n++) {
            size_t f = k;
            for (size_t a = 0; a < k; a++) {
                size_t i = idx[a];
                if (i < G->first[n] || i >= G->first[n + 1]) {
                    continue;
                }
                if (f == k) {
                    f = a;
                    double sum = 0;
                    for (size_t b = 0; b < k; b++) {
                        size_t j = idx[b];
                        if (j >= G->first[n] && j < G->first[n + 1]) {
                            A[row * k + b] = 1;
                            sum += t[j];
                        }
                    }
                    rhs[row++] = 1 - sum;
                    continue;
                }
                size_t i0 = idx[f];
                for (size_t b = 0; b < k; b++) {
                    size_t j = idx[b];
                    if (j < G->first[n] || j >= G->first[n + 1]) {
                        A[row * k + b] = DG[i * M + j] - DG[i0 * M + j];
                    }
                }
                rhs[row] = vt[i0] - vt[i];
                resid = fabs(rhs[row]) > resid ? fabs(rhs[row]) : resid;
                row++;
            }
        }
        if (row != k || !dense_solve(A, k, rhs, piv)) {
            return before;
        }
        double step = 0;
        for (size_t a = 0; a < k; a++) {
            t[idx[a]] += rhs[a];
            step = fabs(rhs[a]) > step ? fabs(rhs[a]) : step;
        }
        if (step < 1e-15 || (N == 2 && iter > 0)) {
            break;
        }
    }
    for (size_t i = 0; i < M; i++) {
        if (!(t[i] >= -1e-12)) {
            return before;
        }
        t[i] = t[i] < 0 ? 0 : t[i];
    }
    normalize(G, t);
    double after = rel_regret(G, DG, t, v);
    if (after < before) {
        memcpy(s, t, M * sizeof *s);
        return after;
    }
    return before;
}

/* What polish needs besides DG: doubles for 4 M + M * M, then M size_t. */
#define POLISH_WORK(M) (4 * (M) + (M) * (M) + 2 * (M))

/* One player: the pure best response with the largest perturbation among the ties. */
static void one_player(const gtgame *G, const double *g, double *s)
{
    size_t best = 0;
    for (size_t i = 1; i < G->M; i++) {
        if (G->pay[i] > G->pay[best] || (G->pay[i] == G->pay[best] && g[i] > g[best])) {
            best = i;
        }
    }
    for (size_t i = 0; i < G->M; i++) {
        s[i] = i == best ? 1.0 : 0.0;
    }
}

/* ---- ipa ------------------------------------------------------------------------------------- */

/* A float Lemke-Howson tableau for the polymatrix game (GameTracer's labelling). */
typedef struct lhtab {
    size_t rows, cols; /* M + N, M + N + 2 */
    double *T;
    int *row, *col; /* labels: rows start as -(i + 1) (slacks), columns as j + 1 */
    double D;
} lhtab;

static int label_col(const lhtab *L, int label)
{
    for (size_t j = 0; j < L->cols; j++) {
        if (L->col[j] == label) {
            return (int)j;
        }
    }
    return -1;
}

static int label_row(const lhtab *L, int label)
{
    for (size_t i = 0; i < L->rows; i++) {
        if (L->row[i] == label) {
            return (int)i;
        }
    }
    return -1;
}

/* Pivots on (pr, pc) in integer-style form with scale D; returns the label that left. */
static int lh_pivot(lhtab *L, size_t pr, size_t pc)
{
    size_t C = L->cols;
    double *T = L->T, pivot = T[pr * C + pc];
    double sgn = pivot < 0 ? -1.0 : 1.0;
    for (size_t i = 0; i < L->rows; i++) {
        if (i == pr) {
            continue;
        }
        for (size_t j = 0; j < C; j++) {
            if (j != pc) {
                T[i * C + j] =
                    (T[i * C + j] * pivot - T[i * C + pc] * T[pr * C + j]) / (L->D * sgn);
            }
        }
    }
    if (sgn > 0) {
        for (size_t i = 0; i < L->rows; i++) {
            T[i * C + pc] = -T[i * C + pc];
        }
    } else {
        for (size_t j = 0; j < C; j++) {
            T[pr * C + j] = -T[pr * C + j];
        }
    }
    T[pr * C + pc] = sgn * L->D;
    L->D = fabs(pivot);
    int p = L->row[pr];
    L->row[pr] = L->col[pc];
    L->col[pc] = p;
    if (L->D > 1e6) {
        for (size_t k = 0; k < L->rows * C; k++) {
            T[k] /= L->D;
        }
        L->D = 1;
    }
    return p;
}

/*
 * The tableau of the polymatrix game with payoff Jacobian DG (M x M, already divided by N - 1)
 * and perturbation g: rows of actions  DG x - v_n + g lambda, rows of players  sum x = 1.
 */
static void lh_init(lhtab *L, const gtgame *G, const double *DG, const double *g)
{
    size_t M = G->M, N = G->N, C = L->cols;
    memset(L->T, 0, L->rows * C * sizeof *L->T);
    for (size_t n = 0; n < N; n++) {
        for (size_t i = G->first[n]; i < G->first[n + 1]; i++) {
            L->T[(M + n) * C + i] = 1;
            L->T[i * C + M + n] = -1;
        }
        L->T[(M + n) * C + M + N + 1] = 1.0;
    }
    for (size_t i = 0; i < M; i++) {
        L->T[i * C + M + N] = g[i];
        for (size_t j = 0; j < M; j++) {
            L->T[i * C + j] = DG[i * M + j];
        }
    }
    for (size_t j = 0; j < C; j++) {
        L->col[j] = (int)j + 1;
    }
    for (size_t i = 0; i < L->rows; i++) {
        L->row[i] = -(int)i - 1;
    }
    L->D = 1;
}

/*
 * Lemke-Howson on the polymatrix tableau from the perturbed game's pure equilibrium Im (each
 * player's best action under g), following the path as lambda falls to 0. The solution's
 * actions into dest (M). 0 if the path breaks (no pivot row).
 */
static int lemke_howson(const gtgame *G, lhtab *L, const size_t *Im, double *dest)
{
    size_t M = G->M, N = G->N, C = L->cols, K = M + N + 1;
    int cg = (int)(M + N);
    for (size_t n = 0; n < N; n++) {
        int pc = label_col(L, (int)Im[n] + 1), pr = label_row(L, -(int)(M + n) - 1);
        if (pc < 0 || pr < 0) {
            return 0;
        }
        lh_pivot(L, (size_t)pr, (size_t)pc);
        pc = label_col(L, (int)(M + n) + 1);
        pr = label_row(L, -(int)Im[n] - 1);
        if (pc < 0 || pr < 0) {
            return 0;
        }
        lh_pivot(L, (size_t)pr, (size_t)pc);
    }
    int pc = label_col(L, cg + 1), pr = -1;
    double m = -BIG;
    for (size_t n = 0; n < M + N; n++) {
        double t = L->T[n * C + (size_t)pc];
        if (t < 0 && L->T[n * C + K] / t > m) {
            m = L->T[n * C + K] / t;
            pr = (int)n;
        }
    }
    if (m > 0 && pr >= 0) {
        int p = lh_pivot(L, (size_t)pr, (size_t)pc);
        for (size_t guard = 0; p != cg + 1; guard++) {
            pc = label_col(L, -p);
            if (pc < 0 || guard > 100000) {
                return 0;
            }
            m = BIG;
            pr = -1;
            for (size_t n = 0; n < M + N; n++) {
                double t = L->T[n * C + (size_t)pc];
                int lab = L->row[n];
                if (t > 0 && (lab <= (int)M || lab > (int)(M + N)) && L->T[n * C + K] / t < m) {
                    m = L->T[n * C + K] / t;
                    pr = (int)n;
                }
            }
            if (pr < 0) {
                return 0;
            }
            p = lh_pivot(L, (size_t)pr, (size_t)pc);
        }
    }
    for (size_t n = 0; n < M; n++) {
        int r = label_row(L, (int)n + 1);
        dest[n] = r < 0 ? 0.0 : L->T[(size_t)r * C + K] / L->D;
    }
    return 1;
}

/*
 * Gambit's random perturbations (its RandomStrategyPerturbations and NewRandomStrategyProfile),
 * reproduced: libstdc++'s std::default_random_engine, which is minstd_rand0 (x <- 16807 x mod
 * 2^31 - 1; seed 1 by default, seed s gives x = s mod 2^31 - 1, or 1 if that is 0); each uniform
 * u in [0, 1) from two draws as std::generate_canonical forms it; each strategy's entry
 * exponential(1) = -log(1 - u); normalized to sum 1 for each player. Successive perturbations
 * continue the same stream. The caller scales the whole vector to unit length.
 */
static uint64_t engine_seed(uint64_t seed)
{
    uint64_t x = seed % 2147483647u;
    return x ? x : 1;
}

static double engine_uniform(uint64_t *x)
{
    const double r = 2147483646.0;
    *x = *x * 16807u % 2147483647u;
    double sum = (double)(*x - 1);
    *x = *x * 16807u % 2147483647u;
    sum += (double)(*x - 1) * r;
    double u = sum / (r * r);
    return u >= 1.0 ? nextafter(1.0, 0.0) : u;
}

static void gambit_draw(const gtgame *G, uint64_t *engine, double *pert)
{
    for (size_t i = 0; i < G->M; i++) {
        pert[i] = -log(1.0 - engine_uniform(engine));
    }
    normalize(G, pert);
}

/* Each player's largest perturbation entry must be unique (the perturbed game's pure start). */
static int pert_generic(const gtgame *G, const double *pert, size_t *Im, size_t *player)
{
    for (size_t n = 0; n < G->N; n++) {
        size_t best = G->first[n];
        int tie = 0;
        for (size_t i = best + 1; i < G->first[n + 1]; i++) {
            if (pert[i] > pert[best]) {
                best = i;
                tie = 0;
            } else if (pert[i] == pert[best]) {
                tie = 1;
            }
        }
        if (tie) {
            *player = n;
            return 0;
        }
        if (Im) {
            Im[n] = best;
        }
    }
    return 1;
}

/* ipa's workspace: allocated once per solve. */
typedef struct ipaws {
    gtgame *G;
    size_t M, N, MN;
    double *buf, *DG, *T2, *lu, *rhs, *vv, *scr;
    double *g, *zh, *s, *so, *sh, *sho, *z, *zt, *y, *yh, *u, *ym1, *ym2, *sol;
    size_t *ix, *Im;
    lhtab L;
} ipaws;

static void ipa_free(ipaws *w)
{
    free(w->buf);
    free(w->ix);
    free(w->Im);
    free(w->L.row);
    free(w->L.col);
}

static int ipa_alloc(ipaws *w, gtgame *G)
{
    memset(w, 0, sizeof *w);
    size_t M = G->M, N = G->N, MN = M + N;
    w->G = G;
    w->M = M;
    w->N = N;
    w->MN = MN;
    w->buf = malloc((M * M + 2 * MN * MN + MN * (MN + 2) + 18 * MN) * sizeof *w->buf);
    w->ix = malloc(MN * sizeof *w->ix);
    w->Im = malloc(N * sizeof *w->Im);
    w->L = (lhtab){MN, MN + 2, NULL, malloc(MN * sizeof(int)), malloc((MN + 2) * sizeof(int)), 1};
    if (!w->buf || !w->ix || !w->Im || !w->L.row || !w->L.col) {
        ipa_free(w);
        return 0;
    }
    double *p = w->buf;
    w->DG = p, p += M * M;
    w->T2 = p, p += MN * MN;
    w->lu = p, p += MN * MN;
    w->L.T = p, p += MN * (MN + 2);
    double **vecs[] = {&w->rhs, &w->vv, &w->scr, &w->g,  &w->zh, &w->s,   &w->so,  &w->sh, &w->sho,
                       &w->z,   &w->zt, &w->y,   &w->yh, &w->u,  &w->ym1, &w->ym2, &w->sol};
    for (size_t k = 0; k < sizeof vecs / sizeof vecs[0]; k++) {
        *vecs[k] = p;
        p += MN;
    }
    return 1;
}

typedef enum { IPA_CONVERGED, IPA_MAXITER, IPA_NONFINITE, IPA_BROKEN, IPA_TIME } ipa_end;

/*
 * One IPA pass from the approximation point zh (updated in place, as restarts continue from
 * it), at most max_iter steps; the last profile in w->s.
 */
static ipa_end ipa_pass(ipaws *w, size_t max_iter, double alpha, double fuzz, double t0,
                        const sc_game_solve_options *o)
{
    gtgame *G = w->G;
    size_t M = w->M, N = w->N, MN = w->MN;
    double *DG = w->DG, *T2 = w->T2, *zh = w->zh, *s = w->s, *so = w->so, *sh = w->sh,
           *sho = w->sho, *z = w->z, *y = w->y, *yh = w->yh, *u = w->u, *ym1 = w->ym1,
           *ym2 = w->ym2;
    lhtab *L = &w->L;
    retract(G, sh, zh, w->scr);
    memcpy(so, sh, M * sizeof *so);
    for (size_t i = 0; i < M; i++) {
        sho[i] = 0;
        y[i] = yh[i] = 0;
    }
    for (size_t iter = 1; iter <= max_iter; iter++) {
        if (sc__game_stop(o, t0)) {
            return IPA_TIME;
        }
        /* the polymatrix approximation at sh */
        payoff_matrix(G, DG, sh, 0.0);
        for (size_t k = 0; k < M * M; k++) {
            DG[k] /= (double)(N > 1 ? N - 1 : 1);
        }
        lh_init(L, G, DG, w->g);
        for (size_t i = 0; i < MN; i++) {
            for (size_t j = 0; j < MN; j++) {
                T2[i * MN + j] = L->T[i * L->cols + j];
            }
        }
        /* its equilibrium if the support stays: one linear solve (the LU's zero pivots
           replaced by 1e-20 as GameTracer's are, so only a zero row counts as singular) */
        for (size_t i = 0; i < M; i++) {
            if (so[i] <= 0.0) {
                for (size_t j = 0; j < MN; j++) {
                    T2[j * MN + i] = i == j ? 1.0 : 0.0;
                }
            }
        }
        for (size_t i = 0; i < MN; i++) {
            w->rhs[i] = i < M ? 0.0 : 1.0;
        }
        int solved = lu_solve(T2, MN, w->rhs, w->sol, w->lu, w->ix, w->vv);
        double smin = HUGE_VAL;
        if (solved) {
            for (size_t i = 0; i < M; i++) {
                s[i] = w->sol[i];
                smin = s[i] < smin ? s[i] : smin;
            }
        }
        if (!solved || smin < 0.0) {
            if (!lemke_howson(G, L, w->Im, s)) {
                return IPA_BROKEN;
            }
        } else {
            for (size_t i = 0; i < M; i++) {
                if (so[i] <= 0.0) {
                    s[i] = 0.0;
                }
            }
        }
        matvec(DG, M, M, s, z);
        for (size_t i = 0; i < M; i++) {
            z[i] += s[i];
        }
        int same_support = 1;
        for (size_t i = 0; i < M; i++) {
            if ((s[i] > 0.0) != (so[i] > 0.0)) {
                same_support = 0;
                break;
            }
        }
        /* if z - sh and zh - sh form an acute angle, or the support stayed, rescale zh */
        double uu = 0;
        for (size_t i = 0; i < M; i++) {
            u[i] = zh[i] - sh[i];
            uu += u[i] * u[i];
        }
        if (uu != 0.0) {
            double dot = 0;
            for (size_t i = 0; i < M; i++) {
                dot += (z[i] - sh[i]) * u[i];
            }
            double ell = dot / uu;
            if (ell <= 0.0 || same_support) {
                for (size_t i = 0; i < M; i++) {
                    zh[i] = u[i] * ell + sh[i];
                    yh[i] = (yh[i] - sho[i]) * ell + sho[i];
                }
            }
        }
        for (size_t i = 0; i < M; i++) {
            ym1[i] = z[i] - zh[i];
            ym2[i] = s[i] - sh[i];
        }
        double n1 = norm2(ym1, M), n2 = norm2(ym2, M);
        if (!isfinite(n1) || !isfinite(n2)) {
            return IPA_NONFINITE;
        }
        if (N <= 2 || n1 < fuzz || n2 < fuzz) {
            return IPA_CONVERGED;
        }
        /* first order on the first step, then the rule of false position */
        for (size_t i = 0; i < M; i++) {
            ym1[i] = z[i];
            if (iter > 1) {
                double d = z[i] - zh[i] - y[i] + yh[i];
                if (same_support && d > fuzz) {
                    ym1[i] = (yh[i] * z[i] - zh[i] * y[i]) / d;
                }
            }
        }
        for (size_t i = 0; i < M; i++) {
            double zt = (ym1[i] * (alpha / (1 - alpha)) + zh[i]) * (1 - alpha);
            so[i] = s[i];
            y[i] = z[i];
            sho[i] = sh[i];
            yh[i] = zh[i];
            zh[i] = zt;
        }
        retract(G, sh, zh, w->scr);
        for (size_t i = 0; i < M; i++) {
            if (sh[i] < fuzz) {
                sh[i] = 0;
            }
        }
        normalize(G, sh);
    }
    return IPA_MAXITER;
}

sc_status sc__game_ipa(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                       sc_diag *diag)
{
    gtgame G;
    sc_status rc = gt_init(&G, g, 0, diag);
    if (rc != SC_OK) {
        return rc;
    }
    ipaws w;
    if (!ipa_alloc(&w, &G)) {
        gt_free(&G);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    size_t M = G.M;
    const double alpha = 0.2, fuzz = 1e-6;
    const size_t max_iter = 1000, max_restarts = 100;
    double t0 = sc__game_now();
    uint64_t engine = engine_seed(o->seed ? o->seed : 1);
    size_t runs = o->start ? o->start_count : o->starts ? o->starts : 1;
    double *work = malloc(POLISH_WORK(M) * sizeof *work);
    if (!work) {
        ipa_free(&w);
        gt_free(&G);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t run = 0; run < runs && rc == SC_OK; run++) {
        if (o->start) {
            memcpy(w.g, o->start + run * M, M * sizeof *w.g);
        } else {
            gambit_draw(&G, &engine, w.g);
        }
        if (G.N == 1) { /* no approximation to iterate: the best response */
            one_player(&G, w.g, w.s);
            rc = sc__sol_push_d(sol, w.s, diag);
            continue;
        }
        size_t bad = 0;
        if (!pert_generic(&G, w.g, w.Im, &bad)) {
            rc = sc__diag_set(diag, SC_EINVAL,
                              "ipa: the perturbation has no unique largest entry for player %zu",
                              bad + 1);
            break;
        }
        double nr = norm2(w.g, M);
        for (size_t i = 0; i < M; i++) {
            w.g[i] /= nr;
            w.zh[i] = 1.0;
        }
        ipa_end end = IPA_MAXITER;
        for (size_t restart = 0; restart < max_restarts && end == IPA_MAXITER; restart++) {
            end = ipa_pass(&w, max_iter, alpha, fuzz, t0, o);
        }
        double reg = 0;
        if (end == IPA_CONVERGED) {
            reg = polish(&G, w.s, w.DG, work);
        }
        if (end == IPA_CONVERGED && !(reg <= SC__GT_TOL)) {
            rc = sc__diag_set(diag, SC_ENOCONV,
                              "ipa stopped at a profile whose regret is %.3g of the payoff range "
                              "(more than %g)",
                              reg, SC__GT_TOL);
            break;
        }
        switch (end) {
        case IPA_CONVERGED:
            rc = sc__sol_push_d(sol, w.s, diag);
            break;
        case IPA_MAXITER:
            rc = sc__diag_set(diag, SC_ENOCONV, "ipa did not converge after %zu restarts",
                              max_restarts);
            break;
        case IPA_NONFINITE:
            rc = sc__diag_set(diag, SC_ENOCONV,
                              "ipa: the iteration left the finite numbers (the perturbation may "
                              "not suit this game)");
            break;
        case IPA_BROKEN:
            rc = sc__diag_set(diag, SC_ENOCONV,
                              "ipa: the Lemke-Howson path of the approximation broke off");
            break;
        case IPA_TIME:
            rc = sc__game_stopped(o, "ipa", diag);
            break;
        }
    }
    free(work);
    ipa_free(&w);
    gt_free(&G);
    return rc;
}

/* ---- gnm ------------------------------------------------------------------------------------- */

typedef struct gnmws {
    gtgame *G;
    size_t M, N;
    double *DG, *R, *J, *adjw; /* M x M each (adjw: the adjugate's work) */
    int *ri, *ci, *r2, *r3;
    double *scr, *del, *scratch, *backup;
    double *DG2, *work; /* polish's: M x M and POLISH_WORK(M) */

    size_t rejected; /* crossings that were not equilibria */
} gnmws;

/*
 * J = I - (I + DG) R for support B, replaced by its adjugate; returns det J. R's columns outside
 * the support are zero and within player p's support R(k, j) = [k = j] - 1/|S_p|, so
 * ((I + DG) R)(i, j) sums only over k in S_p, in ascending order as a full product would (the
 * skipped terms are zeros). The adjugate is GameTracer's fraction-free elimination on the whole
 * matrix: the path in degenerate games depends on its rounding, and this way it follows
 * gambit-gnm's path.
 */
static double jac_factor(gnmws *w, const int *B)
{
    gtgame *G = w->G;
    size_t M = w->M, N = w->N;
    double *J = w->J;
    for (size_t p = 0; p < N; p++) {
        size_t k0 = G->first[p], k1 = G->first[p + 1], cnt = 0;
        for (size_t k = k0; k < k1; k++) {
            cnt += B[k] != 0;
        }
        double inv = cnt ? 1.0 / (double)cnt : 0.0, diag = 1.0 - inv;
        for (size_t i = 0; i < M; i++) {
            const double *x = w->DG + i * M;
            double *out = J + i * M;
            for (size_t j = k0; j < k1; j++) {
                double sum = 0;
                if (B[j]) {
                    for (size_t k = k0; k < k1; k++) {
                        if (B[k]) {
                            double xik = x[k] + (i == k ? 1.0 : 0.0);
                            sum += xik * (k == j ? diag : -inv);
                        }
                    }
                }
                /* J = -((I + DG) R - I) */
                out[j] = -(sum - (i == j ? 1.0 : 0.0));
            }
        }
    }
    return adjugate(J, M, w->adjw, w->ci, w->r2, w->r3);
}

/* y = adj(J) x, with J as jac_factor left it. */
static void jac_apply(gnmws *w, const double *x, double *y)
{
    matvec(w->J, w->M, w->M, x, y);
}

/*
 * Local Newton: pulls z back towards the path where z = sigma + DG sigma / (N - 1) + g; returns
 * the remaining error (max norm).
 */
static double lnm(gnmws *w, double *z, const double *g, double det, double *s, int max_lnm,
                  double fuzz)
{
    size_t M = w->M, N = w->N;
    double e = BIG, ee = fuzz;
    int faulted = 0;
    if (max_lnm < 1 || det == 0.0) {
        return fuzz;
    }
    double b = 1.0 / det;
    for (int k = 0; k < max_lnm; k++) {
        matvec(w->DG, M, M, s, w->del);
        for (size_t i = 0; i < M; i++) {
            w->del[i] = -(w->del[i] / (double)(N - 1) + g[i] + s[i] - z[i]);
        }
        ee = maxabs(w->del, M);
        if (ee < fuzz) {
            break;
        }
        if (e < ee) { /* worse: back up, and take smaller steps once */
            memcpy(z, w->backup, M * sizeof *z);
            retract(w->G, s, z, w->scr);
            payoff_matrix(w->G, w->DG, s, fuzz);
            if (faulted) {
                return e;
            }
            b /= max_lnm;
            e = BIG;
            faulted++;
            continue;
        }
        e = ee;
        jac_apply(w, w->del, w->scratch);
        memcpy(w->backup, z, M * sizeof *z);
        for (size_t i = 0; i < M; i++) {
            z[i] -= w->scratch[i] * b;
        }
        retract(w->G, s, z, w->scr);
        payoff_matrix(w->G, w->DG, s, fuzz);
    }
    return ee;
}

/* Whether the solution already holds a profile within 1e-9 of p (gnm's path can cross the
   same equilibrium more than once). */
static int already_found(const sc_game_solution *sol, const double *p, size_t M)
{
    for (size_t k = 0; k < sol->count; k++) {
        const double *q = sol->d + k * sol->width;
        size_t i = 0;
        while (i < M && fabs(q[i] - p[i]) <= 1e-9) {
            i++;
        }
        if (i == M) {
            return 1;
        }
    }
    return 0;
}

/* One run of the global Newton method from perturbation g (unit length, modified in place). */
static sc_status gnm_run(gtgame *G, gnmws *w, double *g, const sc_game_solve_options *o, double t0,
                         sc_game_solution *sol, sc_diag *diag)
{
    size_t N = G->N, M = G->M;
    const double fuzz = 1e-12, threshold = 1e-2;
    int steps = o->gnm_steps > 0 ? o->gnm_steps : 100;
    int lnm_freq = o->gnm_lnm_freq > 0 ? o->gnm_lnm_freq : 3;
    const int lnm_max = o->gnm_lnm_max > 0 ? o->gnm_lnm_max : 10;
    int *B = calloc(M, sizeof *B), *sbest = malloc(N * sizeof *sbest);
    double *buf = malloc(16 * M * sizeof *buf);
    if (!B || !sbest || !buf) {
        free(B);
        free(sbest);
        free(buf);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    double *sigma = buf, *z = sigma + M, *v = z + M, *dz = v + M, *dv = dz + M, *ym1 = dv + M,
           *err = ym1 + M, *g0 = err + M, *Gn = g0 + M, *nothing = Gn + M, *x = nothing + M;
    sc_status rc = SC_OK;
    /* the perturbed game's pure equilibrium: each player's largest g */
    for (size_t n = 0; n < N; n++) {
        size_t best = G->first[n];
        int tie = 0;
        for (size_t j = best + 1; j < G->first[n + 1]; j++) {
            if (g[j] > g[best]) {
                best = j;
                tie = 0;
            } else if (g[j] == g[best]) {
                tie = 1;
            }
        }
        if (tie) {
            rc = sc__diag_set(diag, SC_EINVAL,
                              "gnm: the perturbation has no unique largest entry for player %zu",
                              n + 1);
            goto done;
        }
        sbest[n] = (int)best;
        B[best] = 1;
        Gn[n] = g[best];
    }
    for (size_t i = 0; i < M; i++) {
        sigma[i] = B[i];
        nothing[i] = 0;
    }
    payoff_matrix(G, w->DG, sigma, fuzz);
    matvec(w->DG, M, M, sigma, v);
    for (size_t i = 0; i < M; i++) {
        v[i] /= (double)(N - 1);
    }
    /* scale g until sigma is the one equilibrium of the perturbed game at lambda = 1 */
    double V = 0;
    for (size_t n = 0; n < N; n++) {
        double vs = v[sbest[n]];
        for (size_t i = G->first[n]; i < G->first[n + 1]; i++) {
            if (!B[i]) {
                if (Gn[n] - g[i] < threshold) {
                    g[i] -= threshold;
                }
                double nv = (v[i] - vs) / (Gn[n] - g[i]);
                V = nv > V ? nv : V;
            }
        }
    }
    double lambda = 1.0;
    V += 1;
    for (size_t i = 0; i < M; i++) {
        g[i] *= V;
    }
    if (N <= 2) { /* the path is piecewise linear: one step per support */
        lnm_freq = 0;
        steps = 1;
    }
    for (size_t i = 0; i < M; i++) {
        z[i] = g[i] + v[i] + sigma[i];
    }
    retract_jac(G, w->R, B);
    int index = 1, s_hat_old = -1, s_hat = -1, n_hat = -1;
    double det = 0;
    for (size_t boundaries = 0;; boundaries++) {
        if (sc__game_stop(o, t0)) {
            rc = sc__game_stopped(o, "gnm", diag);
            goto done;
        }
        if (boundaries > 100000) {
            break; /* a path crossing this many supports is not coming back */
        }
        int k = 0;
        for (int left = steps; left > 0; left--) {
            det = jac_factor(w, B);
            jac_apply(w, g, dz);
            for (size_t i = 0; i < M; i++) {
                dz[i] = -dz[i];
            }
            double dlambda = -det;
            matvec(w->R, M, M, dz, ym1);
            matvec(w->DG, M, M, ym1, dv);
            for (size_t i = 0; i < M; i++) {
                dv[i] += g[i] * dlambda;
            }
            matvec(w->DG, M, M, sigma, v);
            for (size_t i = 0; i < M; i++) {
                v[i] = v[i] / (double)(N - 1) + g[i] * lambda;
            }
            /* the next action to enter or leave a support, if z and v moved linearly */
            double min_bound = BIG;
            for (size_t n = 0; n < N; n++) {
                for (size_t i = G->first[n]; i < G->first[n + 1]; i++) {
                    if (dz[i] != dv[sbest[n]] && s_hat_old != (int)i) {
                        double bound = (z[i] - v[sbest[n]]) / (dv[sbest[n]] - dz[i]);
                        if (bound > 0.0 && bound < min_bound) {
                            min_bound = bound;
                            s_hat = (int)i;
                            n_hat = (int)n;
                        }
                    }
                }
            }
            double del = min_bound, delta;
            if (min_bound == BIG && index * (lambda + dlambda * del) > 0) {
                goto done; /* no more support boundaries and no equilibrium ahead */
            }
            delta = del / left;
            if (index * (lambda + dlambda * delta) <= 0.0) {
                /* lambda reaches 0 in this step: an equilibrium */
                if (min_bound == BIG && N > 2 && left > 1) {
                    del = -lambda / dlambda;
                    delta = del / left;
                } else {
                    for (size_t i = 0; i < M; i++) {
                        z[i] += dz[i] * (-lambda / dlambda);
                    }
                    lambda = 0;
                    retract(G, sigma, z, w->scr);
                    payoff_matrix(G, w->DG, sigma, fuzz);
                    double ee = 0.0;
                    if (N > 2) { /* curved path: refine */
                        double d2 = jac_factor(w, B);
                        ee = lnm(w, z, nothing, d2, sigma, lnm_max, fuzz);
                    }
                    for (size_t i = 0; i < M; i++) {
                        if (!isfinite(sigma[i])) {
                            goto done;
                        }
                    }
                    if (ee < fuzz) {
                        /* a crossing of lambda = 0: kept if it is an equilibrium once polished
                           (GameTracer keeps it regardless when there are two players) */
                        memcpy(x, sigma, M * sizeof *x);
                        if (polish(G, x, w->DG2, w->work) <= SC__GT_TOL) {
                            if (!already_found(sol, x, M) &&
                                (rc = sc__sol_push_d(sol, x, diag)) != SC_OK) {
                                goto done;
                            }
                        } else {
                            w->rejected++;
                        }
                    }
                    index = -index;
                    s_hat_old = -1;
                    left++;
                    continue;
                }
            }
            /* (no next support boundary after an equilibrium: GameTracer notes it and steps
               on regardless, as it does below when far out in reverse or off the path; the
               path ends when no boundary and no equilibrium lie ahead) */
            memcpy(w->backup, z, M * sizeof *z);
            for (size_t i = 0; i < M; i++) {
                z[i] += dz[i] * delta;
            }
            lambda += dlambda * delta;
            retract(G, sigma, z, w->scr);
            payoff_matrix(G, w->DG, sigma, fuzz);
            if (N <= 2) {
                break; /* at the support boundary already */
            }
            matvec(w->DG, M, M, sigma, err);
            for (size_t i = 0; i < M; i++) {
                g0[i] = g[i] * lambda;
                err[i] = -(err[i] / (double)(N - 1) + g0[i] + sigma[i] - z[i]);
            }
            double ee = maxabs(err, M);
            if (ee < fuzz && left > 2) { /* nearly straight: step to the boundary, then LNM */
                left = 2;
                k = lnm_freq - 1;
            }
            if (left > 1 && ++k == lnm_freq) {
                lnm(w, z, g0, det, sigma, lnm_max, fuzz);
                k = 0;
            }
        }
        if (n_hat < 0) {
            goto done;
        }
        /* at a support boundary: if the player's reference best response leaves, pick another */
        if (sbest[n_hat] == s_hat) {
            for (size_t i = G->first[n_hat]; i < G->first[n_hat + 1]; i++) {
                if (B[i] && (int)i != s_hat) {
                    sbest[n_hat] = (int)i;
                    break;
                }
            }
        }
        B[s_hat] = !B[s_hat];
        retract_jac(G, w->R, B);
        s_hat_old = s_hat;
        retract(G, x, z, w->scr);
        for (size_t i = 0; i < M; i++) {
            sigma[i] = B[i] ? x[i] : 0.0;
            if (sigma[i] < fuzz) {
                sigma[i] = 0;
            }
        }
        normalize(G, sigma);
        for (size_t i = 0; i < M; i++) {
            z[i] += sigma[i] - x[i];
        }
    }
done:
    free(B);
    free(sbest);
    free(buf);
    return rc;
}

sc_status sc__game_gnm(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                       sc_diag *diag)
{
    gtgame G;
    sc_status rc = gt_init(&G, g, 1, diag);
    if (rc != SC_OK) {
        return rc;
    }
    size_t M = G.M;
    gnmws w;
    memset(&w, 0, sizeof w);
    w.G = &G;
    w.M = M;
    w.N = G.N;
    double *buf = malloc((5 * M * M + 5 * M + POLISH_WORK(M)) * sizeof *buf);
    w.ri = malloc(4 * M * sizeof *w.ri);
    double *pert = malloc(M * sizeof *pert);
    if (!buf || !w.ri || !pert) {
        free(buf);
        free(w.ri);
        free(pert);
        gt_free(&G);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    w.ci = w.ri + M;
    w.r2 = w.ci + M;
    w.r3 = w.r2 + M;
    w.DG = buf;
    w.R = w.DG + M * M;
    w.J = w.R + M * M;
    w.adjw = w.J + M * M;
    w.scr = w.adjw + M * M;
    w.del = w.scr + M;
    w.scratch = w.del + M;
    w.backup = w.scratch + M;
    w.DG2 = w.backup + M;
    w.work = w.DG2 + M * M;
    double t0 = sc__game_now();
    size_t runs = o->start ? o->start_count : o->starts ? o->starts : 1;
    uint64_t engine = engine_seed(o->seed ? o->seed : 1);
    for (size_t k = 0; k < runs && rc == SC_OK; k++) {
        if (o->start) {
            memcpy(pert, o->start + k * M, M * sizeof *pert);
        } else {
            gambit_draw(&G, &engine, pert);
        }
        double nr = norm2(pert, M);
        if (!(nr > 0)) {
            rc = sc__diag_set(diag, SC_EINVAL, "gnm: the perturbation is zero");
            break;
        }
        for (size_t i = 0; i < M; i++) {
            pert[i] /= nr;
        }
        if (G.N == 1) { /* no path to follow: the best response */
            one_player(&G, pert, w.backup);
            if (!already_found(sol, w.backup, M)) {
                rc = sc__sol_push_d(sol, w.backup, diag);
            }
            continue;
        }
        rc = gnm_run(&G, &w, pert, o, t0, sol, diag);
    }
    free(buf);
    free(w.ri);
    free(pert);
    gt_free(&G);
    return rc;
}
