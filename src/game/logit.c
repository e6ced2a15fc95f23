/* SPDX-License-Identifier: MIT */
/*
 * The principal branch of the logit quantal response equilibrium correspondence (McKelvey and
 * Palfrey 1995), traced from the centroid at lambda = 0 until the profile is an approximate Nash
 * equilibrium, as gambit-logit does (Turocy 2005, 2010): predictor-corrector continuation in
 * (log-probabilities, lambda) with arclength step control.
 *
 * Unknowns x = (v, mu): v[k] = log p[k] for every strategy k (player by player) and mu = lambda
 * times the payoff range. Payoffs are scaled to [0, 1] once, a = (pay - min) / range, so the
 * step control does not depend on the payoff units (games with payoffs near 1e19 trace like any
 * other); lambda is reported as mu / range. The equations are Gambit's, per player i:
 *     G_i(0) = sum_s p_i(s) - 1,   G_i(s) = v_i(s) - v_i(0) - mu (u_i(s) - u_i(0))   (s > 0),
 * u_i(s) player i's expected scaled payoff of s against p_-i = exp(v_-i). They are linear in
 * mu u, so Newton's region of convergence does not shrink as lambda grows (the fixed-point form
 * v = mu u - log sum exp(mu u) loses that at lambda ~1e3). We solve F = D^-1 G, D the block
 * diagonal of the own-player derivatives (rows p_i' and e_s - e_0, invertible in closed form);
 * its Jacobian is [I - K, -phi] with identity own-player blocks and
 *     K_ij(s, m) = mu (U_ij(s, m) - sum_t q_i(t) U_ij(t, m)) p_j(m)     (j != i),
 *     phi_i(s)   = u_i(s) - sum_t q_i(t) u_i(t),      q_i = p_i / sum p_i,
 * U_ij(s, m) the payoff of i playing s when j plays m and the others mix. For two players U is
 * the payoff matrix itself; for more, all U_ij come from one pass over the profiles.
 *
 * Each step: Euler predictor x + h t along the unit tangent t, then Newton iterations on
 * [J; t'] dx = [-F; 0] (the correction stays orthogonal to the tangent). Because the own-player
 * blocks are the identity, the block of the player with most strategies is eliminated exactly
 * and only a dense system of size (width - that player's strategies + 1) is factored (13 x 13 for
 * a 12 x 512 game). The new tangent solves the same bordered system with right-hand side (0, 1),
 * so it keeps the orientation of the old one. Steps are rejected and shortened when the first
 * Newton correction is longer than 0.4, Newton contracts by less than 0.6 per iteration, or the
 * tangent turns by more than 60 degrees; otherwise the step grows by up to 2x (Gambit's rules
 * with maximal acceleration 2 instead of 1.1).
 *
 * Bifurcations: when det [J; t'] changes sign between two points the step crossed a simple
 * bifurcation. As Gambit does, the step is retried with player 1's sum-to-one equation
 * perturbed by 1e-7, shrinking the step until the perturbed (generic) curve is resolved; it then
 * leaves on the prong that branches of nearby generic games take. If the perturbation respects
 * the symmetry behind the bifurcation (2x2x2.nfg, where Gambit stalls and reports a
 * non-equilibrium) we step over it on the continuing branch.
 *
 * Stopping rule: the normalized profile's largest regret, relative to the payoff range, below
 * opts->max_regret (default 1e-8), checked at every accepted point as Gambit does.
 */
#include "game/game_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"

#define FIRST_STEP 0.03     /* Gambit's initial arclength step */
#define MAX_GROWTH 2.0      /* largest factor a step may grow (or shrink on rejection) by */
#define MAX_DIST 0.4        /* largest first Newton correction accepted */
#define MAX_CONTRACTION 0.6 /* largest ratio of successive Newton corrections accepted */
#define MIN_TANGENT_COS 0.5 /* tangents of successive points at most 60 degrees apart */
#define MIN_STEP 1e-12      /* below this the branch cannot be followed */
#define MAX_NEWTON 16
#define NEWTON_TOL 1e-13 /* relative correction at which Newton has converged */
#define STALL_TOL 1e-7   /* below this a correction that stops shrinking is rounding */
#define MAX_STEPS 1000000
#define PERT 1e-7         /* Gambit's perturbation to resolve bifurcations */
#define BIF_MIN_STEP 1e-6 /* shortest perturbed step tried before stepping over a bifurcation */

typedef struct logit_ws {
    const sc_game *g;
    size_t n, N;  /* players; strategies in all (the width of a profile) */
    size_t *off;  /* n + 1 block offsets */
    size_t big;   /* the player whose block is eliminated */
    size_t M;     /* size of the reduced system: N - ns[big] + 1 */
    size_t *ridx; /* reduced index of each strategy (unused for big's) */
    size_t *blk;  /* n * n offsets of the U_ij / K_ij blocks (i != j) */
    size_t gsize;
    double *a;                   /* scaled payoffs, nprof * n */
    double *G;                   /* U_ij blocks: constant for two players, else evaluated at p */
    double *K;                   /* K_ij blocks */
    double *p, *u, *q, *phi, *F; /* N each */
    double *ubar;                /* n * N: sum_t q_i(t) U_ij(t, m) at [i * N + off_j + m] */
    double *R, *rhs;             /* reduced system (M * M) and its right-hand side */
    size_t *piv;
    double *pre, *suf;                    /* n + 1 running products */
    double *acc;                          /* n: payoffs summed over player 1's strategy */
    size_t *strat;                        /* n: odometer over profiles */
    double *x, *t, *y, *tn, *dx, *w, *pn; /* N + 1 (pn: N) */
    double pert; /* added to player 1's sum-to-one equation while passing a bifurcation */
    int orient;  /* sign of det [J; t'] of the last factorization */
} logit_ws;

static void ws_free(logit_ws *w)
{
    free(w->off);
    free(w->ridx);
    free(w->blk);
    free(w->a);
    free(w->G);
    free(w->K);
    free(w->p);
    free(w->u);
    free(w->q);
    free(w->phi);
    free(w->F);
    free(w->ubar);
    free(w->R);
    free(w->rhs);
    free(w->piv);
    free(w->pre);
    free(w->suf);
    free(w->acc);
    free(w->strat);
    free(w->x);
    free(w->t);
    free(w->y);
    free(w->tn);
    free(w->dx);
    free(w->w);
    free(w->pn);
}

/* Payoff spread; 0 when every payoff is the same. */
static void payoff_bounds(const sc_game *g, double *lo, double *range)
{
    double mx;
    sc_game_payoff_bounds(g, lo, &mx);
    *range = mx > *lo ? mx - *lo : 0;
}

static sc_status ws_init(logit_ws *w, const sc_game *g, sc_diag *diag)
{
    memset(w, 0, sizeof *w);
    w->g = g;
    w->n = g->n;
    size_t n = g->n;
    w->off = calloc(n + 1, sizeof *w->off);
    w->blk = calloc(n * n + 1, sizeof *w->blk);
    if (!w->off || !w->blk) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        w->off[i + 1] = w->off[i] + g->ns[i];
        if (g->ns[i] > g->ns[w->big]) {
            w->big = i;
        }
    }
    size_t N = w->N = w->off[n];
    w->M = N - (n ? g->ns[w->big] : 0) + 1;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            w->blk[i * n + j] = w->gsize;
            if (i != j) {
                w->gsize += g->ns[i] * g->ns[j];
            }
        }
    }
    size_t M = w->M, V = N + 1;
    w->ridx = calloc(N + 1, sizeof *w->ridx);
    w->a = malloc((g->nprof * n + 1) * sizeof *w->a);
    w->G = calloc(w->gsize + 1, sizeof *w->G);
    w->K = calloc(w->gsize + 1, sizeof *w->K);
    w->p = calloc(V, sizeof(double));
    w->u = calloc(V, sizeof(double));
    w->q = calloc(V, sizeof(double));
    w->phi = calloc(V, sizeof(double));
    w->F = calloc(V, sizeof(double));
    w->ubar = calloc(n * N + 1, sizeof(double));
    w->R = calloc(M * M, sizeof(double));
    w->rhs = calloc(M, sizeof(double));
    w->piv = calloc(M, sizeof(size_t));
    w->pre = calloc(n + 1, sizeof(double));
    w->suf = calloc(n + 1, sizeof(double));
    w->acc = calloc(n + 1, sizeof(double));
    w->strat = calloc(n + 1, sizeof(size_t));
    w->x = calloc(V, sizeof(double));
    w->t = calloc(V, sizeof(double));
    w->y = calloc(V, sizeof(double));
    w->tn = calloc(V, sizeof(double));
    w->dx = calloc(V, sizeof(double));
    w->w = calloc(V, sizeof(double));
    w->pn = calloc(V, sizeof(double));
    if (!w->ridx || !w->a || !w->G || !w->K || !w->p || !w->u || !w->q || !w->phi || !w->F ||
        !w->ubar || !w->R || !w->rhs || !w->piv || !w->pre || !w->suf || !w->acc || !w->strat ||
        !w->x || !w->t || !w->y || !w->tn || !w->dx || !w->w || !w->pn) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t i = 0, r = 0; i < n; i++) {
        for (size_t s = 0; s < g->ns[i]; s++) {
            w->ridx[w->off[i] + s] = i == w->big ? 0 : r++;
        }
    }
    double lo, range;
    payoff_bounds(g, &lo, &range);
    if (!isfinite(range) || !isfinite(lo)) {
        return sc__diag_set(diag, SC_ERANGE,
                            "logit: payoffs beyond the range of doubles cannot be traced");
    }
    double scale = range > 0 ? 1.0 / range : 0.0;
    for (size_t k = 0; k < g->nprof * n; k++) {
        w->a[k] = (g->dpay[k] - lo) * scale;
    }
    if (n == 2) {
        /* U_12(s, m) and U_21(m, s) are the payoff matrices themselves. */
        size_t n1 = g->ns[0], n2 = g->ns[1];
        double *U12 = w->G + w->blk[1], *U21 = w->G + w->blk[2];
        for (size_t m = 0; m < n2; m++) {
            for (size_t s = 0; s < n1; s++) {
                size_t c = s + n1 * m;
                U12[s * n2 + m] = w->a[c * 2];
                U21[m * n1 + s] = w->a[c * 2 + 1];
            }
        }
    }
    return SC_OK;
}

/*
 * Expected payoffs u at the (not necessarily normalized) profile p, and for three or more players
 * with pairs set also the U_ij blocks. Two players: products with the constant payoff matrices.
 * More: one pass over the profiles with prefix and suffix products of the other players' weights.
 */
static void eval_payoffs(logit_ws *w, const double *p, int pairs)
{
    const sc_game *g = w->g;
    size_t n = w->n, N = w->N;
    memset(w->u, 0, N * sizeof *w->u);
    if (n == 1) {
        for (size_t s = 0; s < g->ns[0]; s++) {
            w->u[s] = w->a[s];
        }
        return;
    }
    if (n == 2) {
        size_t n1 = g->ns[0], n2 = g->ns[1];
        const double *U12 = w->G + w->blk[1], *U21 = w->G + w->blk[2];
        for (size_t s = 0; s < n1; s++) {
            double acc = 0;
            for (size_t m = 0; m < n2; m++) {
                acc += U12[s * n2 + m] * p[n1 + m];
            }
            w->u[s] = acc;
        }
        for (size_t m = 0; m < n2; m++) {
            double acc = 0;
            for (size_t s = 0; s < n1; s++) {
                acc += U21[m * n1 + s] * p[s];
            }
            w->u[n1 + m] = acc;
        }
        return;
    }
    if (pairs) {
        memset(w->G, 0, w->gsize * sizeof *w->G);
    }
    /*
     * Profiles are visited as blocks: the other players' strategies fixed (odometer st[1..]),
     * player 1's strategy s0 running inside. The weight of a pair (i, j) excludes p_i and p_j; for
     * i, j > 0 it is p_0(s0) times W_ij (the product over the players > 0 other than i and j),
     * so player 1's strategy is summed out first (A_i = sum_s0 a_i p_0(s0)) and each block costs
     * O(n n_0 + n^2) instead of O(n_0 n^2).
     */
    size_t n0 = g->ns[0], blocks = g->nprof / n0;
    size_t *st = w->strat;
    memset(st, 0, n * sizeof *st);
    double *pre = w->pre, *suf = w->suf, *A = w->acc;
    const size_t *off = w->off;
    const double *p0 = p;
    for (size_t blk = 0; blk < blocks; blk++) {
        const double *ab = w->a + blk * n0 * n; /* payoffs of this block, s0 fastest */
        /* pre[k] / suf[k]: products of p over players 1..k-1 / k..n-1 (pre[1] = suf[n] = 1). */
        pre[1] = 1;
        for (size_t k = 1; k < n; k++) {
            pre[k + 1] = pre[k] * p[off[k] + st[k]];
        }
        suf[n] = 1;
        for (size_t k = n - 1; k >= 1; k--) {
            suf[k] = suf[k + 1] * p[off[k] + st[k]];
        }
        double all = suf[1]; /* product over all players > 0 */
        for (size_t i = 1; i < n; i++) {
            double acc = 0;
            for (size_t s0 = 0; s0 < n0; s0++) {
                acc += ab[s0 * n + i] * p0[s0];
            }
            A[i] = acc;
            w->u[off[i] + st[i]] += acc * pre[i] * suf[i + 1];
        }
        for (size_t s0 = 0; s0 < n0; s0++) {
            w->u[s0] += ab[s0 * n] * all;
        }
        if (pairs) {
            for (size_t j = 1; j < n; j++) {
                double wj = pre[j] * suf[j + 1];                 /* players > 0 except j */
                double *U0j = w->G + w->blk[j] + st[j];          /* column st[j] of U_0j */
                double *Uj0 = w->G + w->blk[j * n] + st[j] * n0; /* row st[j] of U_j0 */
                size_t nj = g->ns[j];
                for (size_t s0 = 0; s0 < n0; s0++) {
                    U0j[s0 * nj] += ab[s0 * n] * wj;
                    Uj0[s0] += ab[s0 * n + j] * wj;
                }
            }
            for (size_t i = 1; i + 1 < n; i++) {
                double mid = pre[i];
                for (size_t j = i + 1; j < n; j++) {
                    double wij = mid * suf[j + 1];
                    w->G[w->blk[i * n + j] + st[i] * g->ns[j] + st[j]] += A[i] * wij;
                    w->G[w->blk[j * n + i] + st[j] * g->ns[i] + st[i]] += A[j] * wij;
                    mid *= p[off[j] + st[j]];
                }
            }
        }
        for (size_t k = 1; k < n; k++) {
            if (++st[k] < g->ns[k]) {
                break;
            }
            st[k] = 0;
        }
    }
}

/*
 * p = exp(v), the payoffs there, q = p normalized, and the residual F. The equations are Gambit's
 * (per player: v(s) - v(0) - mu (u(s) - u(0)) = 0 for s > 0 and sum_s p(s) = 1), premultiplied by
 * the inverse of their own-player block D (rows p' and e_s - e_0) so that block becomes the
 * identity: D^-1 c has entry 0 equal to (c_0 - sum_{s>0} p_s c_s) / P and entry s equal to that
 * plus c_s. Unlike the fixed-point form v = mu u - log sum exp(mu u), these equations are linear in
 * mu u, so Newton's convergence region does not shrink as lambda grows.
 */
static int eval_residual(logit_ws *w, const double *x, int pairs)
{
    size_t N = w->N;
    double mu = x[N];
    for (size_t k = 0; k < N; k++) {
        w->p[k] = exp(x[k]);
    }
    eval_payoffs(w, w->p, pairs);
    for (size_t i = 0; i < w->n; i++) {
        size_t b = w->off[i], e = w->off[i + 1];
        double P = 0, mean = 0, weighted = 0;
        for (size_t k = b; k < e; k++) {
            P += w->p[k];
        }
        if (!(P > 0) || !isfinite(P)) {
            return 0;
        }
        for (size_t k = b; k < e; k++) {
            w->q[k] = w->p[k] / P;
            mean += w->q[k] * w->u[k];
            double ratio = x[k] - x[b] - mu * (w->u[k] - w->u[b]);
            w->F[k] = ratio;
            weighted += w->p[k] * ratio;
        }
        double first = (P - 1.0 + (i == 0 ? w->pert : 0.0) - weighted) / P;
        for (size_t k = b; k < e; k++) {
            w->F[k] += first;
            w->phi[k] = w->u[k] - mean;
            if (!isfinite(w->F[k])) {
                return 0;
            }
        }
    }
    return 1;
}

/* LU with partial pivoting of the M x M matrix R in place; 0 if it is (numerically) singular. */
static int lu_factor(double *R, size_t M, size_t *piv, int *sign)
{
    *sign = 1;
    for (size_t c = 0; c < M; c++) {
        size_t best = c;
        double bv = fabs(R[c * M + c]);
        for (size_t r = c + 1; r < M; r++) {
            if (fabs(R[r * M + c]) > bv) {
                bv = fabs(R[r * M + c]);
                best = r;
            }
        }
        if (!(bv > 0) || !isfinite(bv)) {
            return 0;
        }
        piv[c] = best;
        if (R[best * M + c] < 0) {
            *sign = -*sign;
        }
        if (best != c) {
            *sign = -*sign;
            /* Only the active part moves: lu_solve replays the swaps in elimination order, so
               each stored multiplier stays with the row it was computed for. */
            for (size_t k = c; k < M; k++) {
                double tmp = R[c * M + k];
                R[c * M + k] = R[best * M + k];
                R[best * M + k] = tmp;
            }
        }
        double inv = 1.0 / R[c * M + c];
        for (size_t r = c + 1; r < M; r++) {
            double f = R[r * M + c] * inv;
            if (f == 0) {
                continue;
            }
            R[r * M + c] = f;
            for (size_t k = c + 1; k < M; k++) {
                R[r * M + k] -= f * R[c * M + k];
            }
        }
    }
    return 1;
}

static void lu_solve(const double *R, size_t M, const size_t *piv, double *b)
{
    for (size_t c = 0; c < M; c++) {
        if (piv[c] != c) {
            double tmp = b[c];
            b[c] = b[piv[c]];
            b[piv[c]] = tmp;
        }
        for (size_t r = c + 1; r < M; r++) {
            b[r] -= R[r * M + c] * b[c];
        }
    }
    for (size_t c = M; c-- > 0;) {
        double s = b[c];
        for (size_t k = c + 1; k < M; k++) {
            s -= R[c * M + k] * b[k];
        }
        b[c] = s / R[c * M + c];
    }
}

/*
 * After eval_residual(x, pairs = 1): the blocks K at x, and the factored reduced matrix of
 * [J; tan'] with the eliminated player's block substituted out. 0 if singular.
 */
static int factor_jacobian(logit_ws *w, const double *x, const double *tan)
{
    const sc_game *g = w->g;
    size_t n = w->n, N = w->N, M = w->M, L = w->big;
    double mu = x[N];
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            if (i == j) {
                continue;
            }
            size_t ni = g->ns[i], nj = g->ns[j];
            const double *U = w->G + w->blk[i * n + j];
            double *Kb = w->K + w->blk[i * n + j], *ub = w->ubar + i * N + w->off[j];
            const double *qi = w->q + w->off[i], *pj = w->p + w->off[j];
            for (size_t m = 0; m < nj; m++) {
                ub[m] = 0;
            }
            for (size_t s = 0; s < ni; s++) {
                for (size_t m = 0; m < nj; m++) {
                    ub[m] += qi[s] * U[s * nj + m];
                }
            }
            for (size_t s = 0; s < ni; s++) {
                for (size_t m = 0; m < nj; m++) {
                    Kb[s * nj + m] = mu * (U[s * nj + m] - ub[m]) * pj[m];
                }
            }
        }
    }
    double *R = w->R;
    memset(R, 0, M * M * sizeof *R);
    size_t nL = g->ns[L];
    const double *phiL = w->phi + w->off[L], *tL = tan + w->off[L];
    for (size_t i = 0; i < n; i++) {
        if (i == L) {
            continue;
        }
        size_t ni = g->ns[i];
        const double *KiL = w->K + w->blk[i * n + L];
        for (size_t s = 0; s < ni; s++) {
            double *row = R + w->ridx[w->off[i] + s] * M;
            row[w->ridx[w->off[i] + s]] = 1.0;
            const double *kil = KiL + s * nL;
            double corr = 0;
            for (size_t l = 0; l < nL; l++) {
                corr += kil[l] * phiL[l];
            }
            row[M - 1] = -w->phi[w->off[i] + s] - corr;
            for (size_t j = 0; j < n; j++) {
                if (j == L) {
                    continue;
                }
                size_t nj = g->ns[j];
                double *rj = row + w->ridx[w->off[j]];
                if (j != i) {
                    const double *Kij = w->K + w->blk[i * n + j] + s * nj;
                    for (size_t m = 0; m < nj; m++) {
                        rj[m] -= Kij[m];
                    }
                }
                const double *KLj = w->K + w->blk[L * n + j];
                for (size_t l = 0; l < nL; l++) {
                    double f = kil[l];
                    if (f == 0) {
                        continue;
                    }
                    const double *klj = KLj + l * nj;
                    for (size_t m = 0; m < nj; m++) {
                        rj[m] -= f * klj[m];
                    }
                }
            }
        }
    }
    double *last = R + (M - 1) * M;
    for (size_t j = 0; j < n; j++) {
        if (j == L) {
            continue;
        }
        size_t nj = g->ns[j];
        double *rj = last + w->ridx[w->off[j]];
        for (size_t m = 0; m < nj; m++) {
            rj[m] = tan[w->off[j] + m];
        }
        const double *KLj = w->K + w->blk[L * n + j];
        for (size_t l = 0; l < nL; l++) {
            for (size_t m = 0; m < nj; m++) {
                rj[m] += tL[l] * KLj[l * nj + m];
            }
        }
    }
    double corner = tan[N];
    for (size_t l = 0; l < nL; l++) {
        corner += tL[l] * phiL[l];
    }
    last[M - 1] = corner;
    return lu_factor(R, M, w->piv, &w->orient);
}

/* Solves [J; tan'] out = (r, c) with the factored reduced system (r has N entries). */
static void solve_bordered(logit_ws *w, const double *r, double c, const double *tan, double *out)
{
    const sc_game *g = w->g;
    size_t n = w->n, N = w->N, M = w->M, L = w->big, nL = g->ns[L];
    const double *rL = r + w->off[L], *tL = tan + w->off[L];
    for (size_t i = 0; i < n; i++) {
        if (i == L) {
            continue;
        }
        const double *KiL = w->K + w->blk[i * n + L];
        for (size_t s = 0; s < g->ns[i]; s++) {
            double acc = r[w->off[i] + s];
            for (size_t l = 0; l < nL; l++) {
                acc += KiL[s * nL + l] * rL[l];
            }
            w->rhs[w->ridx[w->off[i] + s]] = acc;
        }
    }
    double lastr = c;
    for (size_t l = 0; l < nL; l++) {
        lastr -= tL[l] * rL[l];
    }
    w->rhs[M - 1] = lastr;
    lu_solve(w->R, M, w->piv, w->rhs);
    for (size_t i = 0; i < n; i++) {
        if (i == L) {
            continue;
        }
        for (size_t s = 0; s < g->ns[i]; s++) {
            out[w->off[i] + s] = w->rhs[w->ridx[w->off[i] + s]];
        }
    }
    double dmu = w->rhs[M - 1];
    out[N] = dmu;
    /* x_L = r_L + sum_j K_Lj x_j + phi_L dmu */
    for (size_t l = 0; l < nL; l++) {
        out[w->off[L] + l] = rL[l] + w->phi[w->off[L] + l] * dmu;
    }
    for (size_t j = 0; j < n; j++) {
        if (j == L) {
            continue;
        }
        size_t nj = g->ns[j];
        const double *KLj = w->K + w->blk[L * n + j];
        const double *xj = out + w->off[j];
        for (size_t l = 0; l < nL; l++) {
            double acc = 0;
            for (size_t m = 0; m < nj; m++) {
                acc += KLj[l * nj + m] * xj[m];
            }
            out[w->off[L] + l] += acc;
        }
    }
}

static double norm2(const double *v, size_t k)
{
    double s = 0;
    for (size_t i = 0; i < k; i++) {
        s += v[i] * v[i];
    }
    return sqrt(s);
}

/* The normalized profile of x into w->pn, and its largest regret (scaled payoffs). */
static double profile_regret(logit_ws *w, const double *x)
{
    const sc_game *g = w->g;
    for (size_t i = 0; i < w->n; i++) {
        double sum = 0;
        for (size_t s = 0; s < g->ns[i]; s++) {
            w->pn[w->off[i] + s] = exp(x[w->off[i] + s]);
            sum += w->pn[w->off[i] + s];
        }
        for (size_t s = 0; s < g->ns[i]; s++) {
            w->pn[w->off[i] + s] /= sum;
        }
    }
    eval_payoffs(w, w->pn, 0);
    double worst = 0;
    for (size_t i = 0; i < w->n; i++) {
        double best = -HUGE_VAL, mean = 0;
        for (size_t s = 0; s < g->ns[i]; s++) {
            size_t k = w->off[i] + s;
            best = w->u[k] > best ? w->u[k] : best;
            mean += w->pn[k] * w->u[k];
        }
        worst = best - mean > worst ? best - mean : worst;
    }
    return worst;
}

/* Unit tangent at the last factored point, oriented like ref (ref'tangent > 0). */
static int tangent(logit_ws *w, const double *ref, double *out)
{
    memset(w->y, 0, w->N * sizeof *w->y);
    solve_bordered(w, w->y, 1.0, ref, out);
    double nr = norm2(out, w->N + 1);
    if (!(nr > 0) || !isfinite(nr)) {
        return 0;
    }
    for (size_t k = 0; k <= w->N; k++) {
        out[k] /= nr;
    }
    return 1;
}

/*
 * Newton corrector from the predicted point y along tangent tan. On success y is on the branch,
 * *first the first correction's length, *worst_contr the largest contraction ratio, and tn the new
 * tangent. Returns 0 when the step is to be rejected.
 */
static int correct(logit_ws *w, double *y, const double *tan, double *first, double *worst_contr,
                   double *tn)
{
    size_t N = w->N;
    double prev = 0;
    /* Rounding in mu u grows with mu; at lambda ~1e6 degenerate games reach it near 1e-6. */
    double stall = STALL_TOL + 1e-13 * fabs(y[N]);
    *worst_contr = 0;
    for (int it = 0; it < MAX_NEWTON; it++) {
        if (!eval_residual(w, y, 1) || !factor_jacobian(w, y, tan)) {
            return 0;
        }
        for (size_t k = 0; k < N; k++) {
            w->F[k] = -w->F[k];
        }
        solve_bordered(w, w->F, 0.0, tan, w->dx);
        /*
         * Corrections relative to each coordinate: the log-probabilities of losing strategies
         * grow like -lambda times their payoff gap and are known only to that relative accuracy,
         * while those of the strategies in play stay of order 1 and are resolved absolutely.
         */
        double dist = 0;
        for (size_t k = 0; k <= N; k++) {
            double rel = fabs(w->dx[k]) / (1.0 + fabs(y[k]));
            dist = rel > dist ? rel : dist;
        }
        if (!isfinite(dist)) {
            return 0;
        }
        if (it == 0) {
            *first = norm2(w->dx, N + 1); /* the step-size rule's distance to the branch */
            if (*first >= MAX_DIST) {
                return 0;
            }
        } else if (dist > stall) {
            /* Contraction matters only above the level where rounding dominates. */
            double contr = dist / prev;
            *worst_contr = contr > *worst_contr ? contr : *worst_contr;
            if (contr > MAX_CONTRACTION) {
                return 0;
            }
        }
        for (size_t k = 0; k <= N; k++) {
            y[k] += w->dx[k];
        }
        /* Converged, or stalled at the rounding level. */
        if (dist <= NEWTON_TOL || (it == 0 && dist <= 1e3 * NEWTON_TOL) ||
            (it > 0 && dist <= stall && dist > 0.25 * prev)) {
            return tangent(w, tan, tn);
        }
        prev = dist;
    }
    return 0;
}

sc_status sc__game_logit(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                         sc_diag *diag)
{
    return sc__game_logit_branch(g, o, PERT, NULL, sol, diag);
}

sc_status sc__game_logit_branch(const sc_game *g, const sc_game_solve_options *o, double pert,
                                size_t *bifurcations, sc_game_solution *sol, sc_diag *diag)
{
    double t0 = sc__game_now();
    if (bifurcations) {
        *bifurcations = 0;
    }
    double tol = o->max_regret > 0 ? o->max_regret : 1e-8;
    logit_ws w;
    sc_status rc = ws_init(&w, g, diag);
    if (rc != SC_OK) {
        ws_free(&w);
        return rc;
    }
    double lo, range;
    payoff_bounds(g, &lo, &range);
    double to_lambda = range > 0 ? 1.0 / range : 1.0;
    size_t N = w.N;
    double *x = w.x, *t = w.t;
    for (size_t i = 0; i < g->n; i++) {
        for (size_t s = 0; s < g->ns[i]; s++) {
            x[w.off[i] + s] = -log((double)g->ns[i]);
        }
    }
    x[N] = 0;
    double regret = profile_regret(&w, x);
    if (o->path) {
        rc = sc__sol_push_path(sol, 0.0, w.pn, diag);
    }
    if (rc == SC_OK && regret >= tol) {
        /* Initial tangent: the direction of increasing lambda at the centroid. */
        memset(w.tn, 0, (N + 1) * sizeof *w.tn);
        w.tn[N] = 1;
        if (!eval_residual(&w, x, 1) || !factor_jacobian(&w, x, w.tn) || !tangent(&w, w.tn, t)) {
            rc = sc__diag_set(diag, SC_ENOCONV, "logit: singular Jacobian at the centroid");
        }
    }
    double h = FIRST_STEP;
    size_t steps = 0;
    double *pred = w.w;
    int orient = w.orient; /* orientation at the last accepted point */
    double pert_left = 0;  /* arclength the bifurcation perturbation stays on */
    enum { BIF_NONE, BIF_PERTURBED, BIF_STEP_OVER } bif = BIF_NONE;
    double h_bif = 0; /* the step that crossed the bifurcation */
    while (rc == SC_OK && regret >= tol) {
        if (o->cancel && *o->cancel) {
            rc = sc__diag_set(diag, SC_ELIMIT, "logit: interrupted");
            break;
        }
        if (o->time_limit > 0 && sc__game_now() - t0 > o->time_limit) {
            rc = sc__diag_set(diag, SC_ELIMIT,
                              "logit: time limit of %g s reached at lambda %g (max regret %g)",
                              o->time_limit, x[N] * to_lambda, regret);
            break;
        }
        if (h < MIN_STEP || ++steps > MAX_STEPS) {
            rc = sc__diag_set(diag, SC_ENOCONV,
                              "logit: the branch could not be followed past lambda %g "
                              "(max regret %g)",
                              x[N] * to_lambda, regret);
            break;
        }
        for (size_t k = 0; k <= N; k++) {
            pred[k] = x[k] + h * t[k];
        }
        double first = 0, contr = 0;
        if (!correct(&w, pred, t, &first, &contr, w.tn)) {
            h /= MAX_GROWTH;
            if (bif == BIF_PERTURBED && h < BIF_MIN_STEP) {
                bif = BIF_STEP_OVER; /* Newton fails this close to the singular point */
                h = h_bif;
                w.pert = 0;
                pert_left = 0;
            }
            continue;
        }
        double cosang = 0;
        for (size_t k = 0; k <= N; k++) {
            cosang += t[k] * w.tn[k];
        }
        if (cosang < MIN_TANGENT_COS || pred[N] < 0) {
            h /= MAX_GROWTH;
            continue;
        }
        if (w.orient != orient) {
            /*
             * det [J; t'] changed sign: the step crossed a simple bifurcation. Like Gambit,
             * retry with player 1's sum-to-one equation perturbed by PERT, which turns a
             * symmetry-breaking pitchfork into a smooth curve that leaves on one prong, the one
             * the branches of nearby generic games take; the steps shrink until they resolve
             * the perturbed curve. If even steps of BIF_MIN_STEP cross it, the perturbation
             * does not separate the prongs (a symmetry it respects, as in 2x2x2.nfg): step
             * over the bifurcation with the step that found it, where Gambit stalls.
             */
            if (bif == BIF_NONE) {
                bif = BIF_PERTURBED;
                h_bif = h;
                w.pert = pert;
                if (bifurcations) {
                    ++*bifurcations;
                }
                pert_left = 2 * h;
                h /= MAX_GROWTH;
                continue;
            }
            if (bif == BIF_PERTURBED) {
                h /= MAX_GROWTH;
                if (h < BIF_MIN_STEP) {
                    bif = BIF_STEP_OVER;
                    h = h_bif;
                    w.pert = 0;
                    pert_left = 0;
                }
                continue;
            }
            orient = w.orient;
        }
        if (bif == BIF_STEP_OVER) {
            bif = BIF_NONE;
        }
        int perturbed = w.pert != 0;
        if (pert_left > 0) {
            pert_left -= h;
            if (pert_left <= 0) {
                pert_left = 0;
                w.pert = 0;
                bif = BIF_NONE;
            }
        }
        /* Gambit's step rule: shrink by the worse of the distance and contraction ratios. */
        double decel = 1.0 / MAX_GROWTH;
        double d1 = sqrt(first / MAX_DIST) * MAX_GROWTH;
        double d2 = contr / MAX_CONTRACTION * MAX_GROWTH;
        decel = d1 > decel ? d1 : decel;
        decel = d2 > decel ? d2 : decel;
        decel = decel < MAX_GROWTH ? decel : MAX_GROWTH;
        h /= decel;
        memcpy(x, pred, (N + 1) * sizeof *x);
        memcpy(t, w.tn, (N + 1) * sizeof *t);
        regret = profile_regret(&w, x);
        /* Points of the perturbed system are QREs of a slightly different game: not reported,
           unless it is the final one. */
        if (o->path && (!perturbed || regret < tol)) {
            rc = sc__sol_push_path(sol, x[N] * to_lambda, w.pn, diag);
        }
    }
    if (rc == SC_OK) {
        rc = sc__sol_push_d(sol, w.pn, diag);
    }
    ws_free(&w);
    return rc;
}
