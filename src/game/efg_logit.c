/* SPDX-License-Identifier: MIT */
/*
 * logit on game trees: the principal branch of the agent quantal response equilibrium
 * (McKelvey & Palfrey 1998, "Quantal response equilibria for extensive form games"), traced
 * from the centroid at lambda = 0 as gambit-logit does on .efg files (Turocy 2010). Every
 * information set is an agent who plays action a with probability proportional to
 * exp(lambda U(I, a)), U(I, a) the expected payoff of a conditional on reaching I, with
 * beliefs from Bayes' rule. Its limit points as lambda grows are sequential equilibria.
 *
 * Unknowns: v = log p for every action of every player's information set, and mu = lambda x
 * (payoff range) (payoffs are scaled to [0, 1]). Equations, per information set I:
 *     sum_a exp(v_a) = 1,     v_a - v_0 = mu (U(I, a) - U(I, 0))   (a > 0),
 * linear in mu U, so Newton's method works as well at large lambda as near the centroid.
 * Conditional values need beliefs over I's nodes, which are computed from log-probabilities
 * (log-sum-exp), so reach probabilities far below the smallest double do not matter.
 *
 * Tracing: Euler predictor along the unit tangent of the curve H(v, mu) = 0, Newton corrector
 * on the bordered system [J; t'], step doubled after an easy step and halved after a failed
 * one. The Jacobian is analytic (jacobian(): one pass over the tree's paths). It stops at the
 * first point whose largest conditional regret, relative to the payoff range, is below
 * max_regret (default 1e-8), and reports that profile; the checker then measures its regret
 * against every deviation (perfect recall).
 */
#include "game/efg_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"

/*
 * exp(x), with 0 for x below -746 without calling exp: there it rounds to 0 anyway (below
 * ln 2^-1075 = -745.13), but glibc takes its underflow path, which sets errno and cost a third
 * of the traces' time on the collection's trees (log-probabilities of actions far off the path).
 */
static inline double exp0(double x)
{
    return x < -746.0 ? 0.0 : exp(x);
}

#define FIRST_STEP 0.03
#define MAX_STEPS 200000
#define MAX_NEWTON 30
#define NEWTON_TOL 1e-10
#define MAX_DIST 0.4        /* first Newton correction beyond this rejects the step */
#define MAX_CONTRACTION 0.6 /* Newton contracting slower than this rejects the step */

typedef struct elws {
    const sc_efg *e;
    size_t N; /* actions of all players' information sets */
    double lo, range;
    double *logchance; /* per node: log of the chance probability of the edge into it */
    double *lr;        /* per node: log reach probability */
    double *val;       /* per node x player: expected payoff from the node on (scaled) */
    double *U;         /* per action: conditional value to its player */
    double *beta;      /* per node of a player: the belief in it at its information set */
    char *ibelief;     /* per information set: whether its beliefs depend on v (reached) */
    double *F, *J, *x, *t, *pred, *tn, *dx, *work, *p;
    size_t *piv, *nzj;
} elws;

static void elws_free(elws *w)
{
    free(w->logchance);
    free(w->lr);
    free(w->val);
    free(w->U);
    free(w->beta);
    free(w->ibelief);
    free(w->F);
    free(w->J);
    free(w->x);
    free(w->t);
    free(w->pred);
    free(w->tn);
    free(w->dx);
    free(w->work);
    free(w->p);
    free(w->piv);
    free(w->nzj);
}

/* Conditional action values U at log-probabilities v (N entries). */
static void values(elws *w, const double *v)
{
    const sc_efg *e = w->e;
    size_t n = e->n;
    for (size_t x = 0; x < e->nnode; x++) {
        const sc__efg_node *nd = &e->node[x];
        if (nd->parent == SC__EFG_NONE) {
            w->lr[x] = 0;
        } else {
            const sc__efg_infoset *I = &e->iset[e->node[nd->parent].infoset];
            w->lr[x] = w->lr[nd->parent] +
                       (I->player ? v[I->offset + nd->action] : w->logchance[x]);
        }
    }
    for (size_t x = e->nnode; x-- > 0;) {
        const sc__efg_node *nd = &e->node[x];
        double *vx = w->val + x * n;
        for (size_t q = 0; q < n; q++) {
            vx[q] = nd->outcome ? e->out[nd->outcome - 1].dpay[q] / w->range : 0;
        }
        if (nd->infoset == SC__EFG_NONE) {
            continue;
        }
        const sc__efg_infoset *I = &e->iset[nd->infoset];
        const uint32_t *kids = sc__efg_children(e, nd);
        for (uint32_t a = 0; a < I->nact; a++) {
            double pa = I->player ? exp0(v[I->offset + a]) : I->dprob[a];
            const double *vc = w->val + (size_t)kids[a] * n;
            for (size_t q = 0; q < n; q++) {
                vx[q] += pa * vc[q];
            }
        }
    }
    for (size_t i = 0; i < e->niset; i++) {
        const sc__efg_infoset *I = &e->iset[i];
        if (!I->player) {
            continue;
        }
        double top = -HUGE_VAL;
        for (uint32_t m = 0; m < I->nmember; m++) {
            top = w->lr[I->member[m]] > top ? w->lr[I->member[m]] : top;
        }
        double z = 0;
        for (uint32_t a = 0; a < I->nact; a++) {
            w->U[I->offset + a] = 0;
        }
        for (uint32_t m = 0; m < I->nmember; m++) {
            /* belief in node m; uniform if chance never reaches the set */
            double b = isfinite(top) ? exp0(w->lr[I->member[m]] - top) : 1.0;
            z += b;
            const uint32_t *kids = sc__efg_children(e, &e->node[I->member[m]]);
            for (uint32_t a = 0; a < I->nact; a++) {
                w->U[I->offset + a] += b * w->val[(size_t)kids[a] * n + I->player - 1];
            }
        }
        for (uint32_t a = 0; a < I->nact; a++) {
            w->U[I->offset + a] /= z;
        }
    }
}

/* H at y = (v, mu) into F (N entries). */
static void residual(elws *w, const double *y, double *F)
{
    const sc_efg *e = w->e;
    values(w, y);
    double mu = y[w->N];
    for (size_t i = 0; i < e->niset; i++) {
        const sc__efg_infoset *I = &e->iset[i];
        if (!I->player) {
            continue;
        }
        double s = 0;
        for (uint32_t a = 0; a < I->nact; a++) {
            s += exp0(y[I->offset + a]);
        }
        F[I->offset] = s - 1;
        for (uint32_t a = 1; a < I->nact; a++) {
            F[I->offset + a] =
                y[I->offset + a] - y[I->offset] - mu * (w->U[I->offset + a] - w->U[I->offset]);
        }
    }
}

/* The largest conditional regret (scaled payoffs) at y; the profile into w->p. */
static double agent_regret(elws *w, const double *y)
{
    const sc_efg *e = w->e;
    values(w, y);
    double worst = 0;
    for (size_t i = 0; i < e->niset; i++) {
        const sc__efg_infoset *I = &e->iset[i];
        if (!I->player) {
            continue;
        }
        double s = 0, best = -HUGE_VAL, mine = 0;
        for (uint32_t a = 0; a < I->nact; a++) {
            s += exp0(y[I->offset + a]);
        }
        for (uint32_t a = 0; a < I->nact; a++) {
            double pa = exp0(y[I->offset + a]) / s;
            w->p[I->offset + a] = pa;
            best = w->U[I->offset + a] > best ? w->U[I->offset + a] : best;
            mine += pa * w->U[I->offset + a];
        }
        worst = best - mine > worst ? best - mine : worst;
    }
    return worst;
}

/*
 * Jacobian of H at y (N x (N+1), row-major), analytic. H's rows are sum_a exp(v_a) - 1 and
 * v_a - v_0 - mu (U_a - U_0), so what is needed is dU(I, a)/dv_k for every action k. With
 * U(I, a) = sum_m beta_m W(m, a), beta_m = R_m / sum_m' R_m' the belief in member m (R its
 * reach probability) and W(m, a) the player's value of m's child by a, and p_k = exp(v_k),
 * an action k matters in two ways:
 *   (A) k on the path to m: dR_m/dv_k = R_m, so dU(I, a)/dv_k += beta_m (W(m, a) - U(I, a));
 *   (B) k taken at a node y below m's child c by a: dW(m, a)/dv_k += P(c -> y) p_k W(y, k),
 *       so dU(I, a)/dv_k += beta_m P(c -> y) p_k W(y, k) (the player of I's value).
 * Both are sums over the ancestors of each decision node: one tree pass of cost (nodes x depth
 * x actions), where the finite-difference Jacobian took two tree passes per column. Gambit's
 * efglogit also differentiates the action values analytically. Beliefs that are uniform because
 * chance never reaches the set (values()) do not depend on v: no (A) term there.
 */
static void jacobian(elws *w, const double *y)
{
    const sc_efg *e = w->e;
    size_t N = w->N, M = N + 1, n = e->n;
    double *J = w->J, mu = y[N];
    values(w, y);
    memset(J, 0, N * M * sizeof *J);
    /* beta per decision node of a player (w->beta), 0 where beliefs do not depend on v */
    for (size_t i = 0; i < e->niset; i++) {
        const sc__efg_infoset *I = &e->iset[i];
        if (!I->player) {
            continue;
        }
        double top = -HUGE_VAL, z = 0;
        for (uint32_t m = 0; m < I->nmember; m++) {
            top = w->lr[I->member[m]] > top ? w->lr[I->member[m]] : top;
        }
        for (uint32_t m = 0; m < I->nmember; m++) {
            double b = isfinite(top) ? exp0(w->lr[I->member[m]] - top) : 1.0;
            w->beta[I->member[m]] = b;
            z += b;
        }
        for (uint32_t m = 0; m < I->nmember; m++) {
            w->beta[I->member[m]] /= z;
        }
        w->ibelief[i] = (char)(isfinite(top) != 0);
    }
    for (size_t x = 0; x < e->nnode; x++) {
        const sc__efg_node *nd = &e->node[x];
        if (nd->infoset == SC__EFG_NONE || !e->iset[nd->infoset].player) {
            continue;
        }
        const sc__efg_infoset *I = &e->iset[nd->infoset];
        const uint32_t *kids = sc__efg_children(e, nd);
        double bx = w->beta[x];
        /* (A): x as member m, the actions on its path as k */
        if (w->ibelief[nd->infoset] && bx > 0) {
            for (uint32_t c = (uint32_t)x; e->node[c].parent != SC__EFG_NONE;
                 c = e->node[c].parent) {
                const sc__efg_infoset *P = &e->iset[e->node[e->node[c].parent].infoset];
                if (!P->player) {
                    continue;
                }
                size_t k = P->offset + e->node[c].action;
                for (uint32_t a = 0; a < I->nact; a++) {
                    J[(I->offset + a) * M + k] +=
                        bx * (w->val[(size_t)kids[a] * n + I->player - 1] - w->U[I->offset + a]);
                }
            }
        }
        /* (B): x as y, its actions as k, every ancestor decision node of a player as m */
        double reach = 1; /* P(c -> x), c the current ancestor's child on the path */
        for (uint32_t c = (uint32_t)x; e->node[c].parent != SC__EFG_NONE;
             c = e->node[c].parent) {
            uint32_t m = e->node[c].parent;
            const sc__efg_infoset *P = &e->iset[e->node[m].infoset];
            if (P->player && w->beta[m] > 0 && reach > 0) {
                double f = w->beta[m] * reach;
                double *row = J + (P->offset + e->node[c].action) * M + I->offset;
                for (uint32_t b = 0; b < I->nact; b++) {
                    row[b] += f * exp0(y[I->offset + b]) *
                              w->val[(size_t)kids[b] * n + P->player - 1];
                }
            }
            reach *= P->player ? exp0(y[P->offset + e->node[c].action])
                               : P->dprob[e->node[c].action];
        }
    }
    /* rows of H from dU: the sum row, then v_a - v_0 - mu (U_a - U_0) */
    for (size_t i = 0; i < e->niset; i++) {
        const sc__efg_infoset *I = &e->iset[i];
        if (!I->player) {
            continue;
        }
        double *r0 = J + (size_t)I->offset * M;
        for (uint32_t a = 1; a < I->nact; a++) {
            double *r = J + (size_t)(I->offset + a) * M;
            for (size_t k = 0; k < N; k++) {
                r[k] = -mu * (r[k] - r0[k]);
            }
            r[I->offset + a] += 1;
            r[I->offset] -= 1;
            r[N] = -(w->U[I->offset + a] - w->U[I->offset]);
        }
        memset(r0, 0, M * sizeof *r0);
        for (uint32_t a = 0; a < I->nact; a++) {
            r0[I->offset + a] = exp0(y[I->offset + a]);
        }
    }
}

/* LU-factors the bordered matrix [J; tan'] into w->work + 3M (partial pivoting). */
static int factor(elws *w, const double *tan)
{
    size_t N = w->N, M = N + 1;
    double *A = w->work + 3 * M;
    memcpy(A, w->J, N * M * sizeof *A);
    memcpy(A + N * M, tan, M * sizeof *A);
    for (size_t k = 0; k < M; k++) {
        size_t best = k;
        for (size_t r = k + 1; r < M; r++) {
            if (fabs(A[r * M + k]) > fabs(A[best * M + k])) {
                best = r;
            }
        }
        w->piv[k] = best;
        if (!(fabs(A[best * M + k]) > 1e-300)) {
            return 0;
        }
        if (best != k) {
            for (size_t j = 0; j < M; j++) {
                double tmp = A[k * M + j];
                A[k * M + j] = A[best * M + j];
                A[best * M + j] = tmp;
            }
        }
        /*
         * The pivot row's nonzero entries only: the Jacobian of a tree is sparse (an action's
         * row involves its own set and the actions above and below it), and elimination keeps
         * most of it so; subtracting f * 0 changes nothing, so the result is the dense one's.
         */
        size_t nz = 0;
        for (size_t j = k + 1; j < M; j++) {
            if (A[k * M + j] != 0) {
                w->nzj[nz++] = j;
            }
        }
        for (size_t r = k + 1; r < M; r++) {
            double f = A[r * M + k] /= A[k * M + k];
            if (f != 0) {
                for (size_t q = 0; q < nz; q++) {
                    A[r * M + w->nzj[q]] -= f * A[k * M + w->nzj[q]];
                }
            }
        }
    }
    return 1;
}

/* Solves the factored system for b (M entries, overwritten with the solution). */
static int lu_solve(elws *w, double *b)
{
    size_t M = w->N + 1;
    const double *A = w->work + 3 * M;
    /* every row interchange first: the multipliers moved with their rows during factoring */
    for (size_t k = 0; k < M; k++) {
        if (w->piv[k] != k) {
            double tmp = b[k];
            b[k] = b[w->piv[k]];
            b[w->piv[k]] = tmp;
        }
    }
    for (size_t k = 0; k < M; k++) {
        for (size_t r = k + 1; r < M; r++) {
            b[r] -= A[r * M + k] * b[k];
        }
    }
    for (size_t k = M; k-- > 0;) {
        double s = b[k];
        for (size_t j = k + 1; j < M; j++) {
            s -= A[k * M + j] * b[j];
        }
        b[k] = s / A[k * M + k];
        if (!isfinite(b[k])) {
            return 0;
        }
    }
    return 1;
}

/* Unit tangent at y (Jacobian recomputed there) oriented like ref. */
static int tangent(elws *w, const double *y, const double *ref, double *out)
{
    size_t M = w->N + 1;
    jacobian(w, y);
    if (!factor(w, ref)) {
        return 0;
    }
    memset(out, 0, M * sizeof *out);
    out[w->N] = 1.0;
    if (!lu_solve(w, out)) {
        return 0;
    }
    double nr = 0;
    for (size_t k = 0; k < M; k++) {
        nr += out[k] * out[k];
    }
    nr = sqrt(nr);
    if (!(nr > 0) || !isfinite(nr)) {
        return 0;
    }
    for (size_t k = 0; k < M; k++) {
        out[k] /= nr;
    }
    return 1;
}

/*
 * Newton from the predicted point y along tan: chord iterations with the Jacobian of the last
 * accepted point (w->J, one factorization per step), or with full set, a fresh Jacobian at every
 * iterate. 1 on convergence, with the first correction's length in *first and the worst
 * contraction ratio in *contr.
 */
/*
 * A sanity check on a converged point (so that a jump over a singular point cannot land on
 * garbage): every equation holds to 1e-5 relative to the terms it compares. Conditional values
 * rest on beliefs computed from log-reach probabilities of order mu, so mu (U_a - U_0) is known
 * only to about 1e-16 mu^2; that much is allowed too.
 */
static int on_branch(elws *w, const double *y)
{
    const sc_efg *e = w->e;
    double mu = fabs(y[w->N]);
    residual(w, y, w->dx);
    for (size_t i = 0; i < e->niset; i++) {
        const sc__efg_infoset *I = &e->iset[i];
        for (uint32_t a = 0; I->player && a < I->nact; a++) {
            double size = a ? 1.0 + fabs(y[I->offset + a]) + fabs(y[I->offset]) : 1.0;
            if (!(fabs(w->dx[I->offset + a]) <= 1e-5 * size + 1e-14 * mu * mu)) {
                return 0;
            }
        }
    }
    return 1;
}

static int correct(elws *w, double *y, const double *tan, int full, double *first, double *contr)
{
    size_t N = w->N, M = N + 1;
    *contr = 0;
    *first = 0;
    if (!full && !factor(w, tan)) {
        return 0;
    }
    double prev = HUGE_VAL;
    /* mu U carries rounding that grows with mu: corrections stall at that level */
    double stall = NEWTON_TOL + 1e-13 * fabs(y[N]);
    for (int it = 0; it < MAX_NEWTON; it++) {
        if (full) {
            jacobian(w, y);
            if (!factor(w, tan)) {
                return 0;
            }
        }
        residual(w, y, w->dx);
        for (size_t r = 0; r < N; r++) {
            w->dx[r] = -w->dx[r];
        }
        w->dx[N] = 0;
        if (!lu_solve(w, w->dx)) {
            return 0;
        }
        /*
         * Corrections relative to each coordinate: log-probabilities of losing actions grow like
         * -mu times their payoff gap and are known only to that relative accuracy, while those
         * of the actions in play stay of order 1 and are resolved absolutely.
         */
        double dist = 0, len = 0;
        for (size_t k = 0; k < M; k++) {
            double rel = fabs(w->dx[k]) / (1.0 + fabs(y[k]));
            dist = rel > dist ? rel : dist;
            len += w->dx[k] * w->dx[k];
            y[k] += w->dx[k];
        }
        if (!isfinite(dist)) {
            return 0;
        }
        if (it == 0) {
            *first = sqrt(len);
            if (*first > MAX_DIST && !full) {
                return 0;
            }
        }
        if (dist < NEWTON_TOL || (it > 0 && dist < stall)) {
            return on_branch(w, y);
        }
        if (it > 0) {
            double c = dist / prev;
            *contr = c > *contr ? c : *contr;
            if (c > (full ? 0.9 : MAX_CONTRACTION)) {
                return dist < 10 * stall && on_branch(w, y); /* stalled at the rounding level */
            }
        }
        prev = dist;
    }
    return 0;
}

/* The workspace for tree e, and each node's log chance probability. */
static sc_status elws_init(elws *w, const sc_efg *e, sc_diag *diag)
{
    memset(w, 0, sizeof *w);
    w->e = e;
    w->N = e->width;
    size_t N = w->N, M = N + 1, nn = e->nnode ? e->nnode : 1;
    double hi;
    sc__efg_payoff_bounds(e, &w->lo, &hi);
    w->range = hi > w->lo ? hi - w->lo : 1.0;
    w->logchance = malloc(nn * sizeof *w->logchance);
    w->lr = malloc(nn * sizeof *w->lr);
    w->val = malloc(nn * (e->n ? e->n : 1) * sizeof *w->val);
    w->U = malloc(M * sizeof *w->U);
    w->beta = malloc(nn * sizeof *w->beta);
    w->ibelief = malloc(e->niset ? e->niset : 1);
    w->F = malloc(M * sizeof *w->F);
    w->J = malloc(N * M * sizeof *w->J + 1);
    w->x = malloc(M * sizeof *w->x);
    w->t = malloc(M * sizeof *w->t);
    w->pred = malloc(M * sizeof *w->pred);
    w->tn = malloc(M * sizeof *w->tn);
    w->dx = malloc(M * sizeof *w->dx);
    w->work = malloc((3 * M + M * M) * sizeof *w->work);
    w->p = malloc(M * sizeof *w->p);
    w->piv = malloc(M * sizeof *w->piv);
    w->nzj = malloc(M * sizeof *w->nzj);
    if (!w->piv || !w->nzj || !w->logchance || !w->lr || !w->val || !w->U || !w->beta ||
        !w->ibelief || !w->F || !w->J || !w->x || !w->t || !w->pred || !w->tn || !w->dx ||
        !w->work || !w->p) {
        elws_free(w);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t x = 0; x < e->nnode; x++) {
        const sc__efg_node *nd = &e->node[x];
        w->logchance[x] = 0;
        if (nd->parent != SC__EFG_NONE) {
            const sc__efg_infoset *I = &e->iset[e->node[nd->parent].infoset];
            if (!I->player) {
                w->logchance[x] =
                    I->dprob[nd->action] > 0 ? log(I->dprob[nd->action]) : -HUGE_VAL;
            }
        }
    }
    return SC_OK;
}

sc_status sc__efg_logit_system(const sc_efg *e, const double *y, double *F, double *J,
                               sc_diag *diag)
{
    elws w;
    sc_status rc = elws_init(&w, e, diag);
    if (rc != SC_OK) {
        return rc;
    }
    residual(&w, y, F);
    if (J) {
        jacobian(&w, y);
        memcpy(J, w.J, w.N * (w.N + 1) * sizeof *J);
    }
    elws_free(&w);
    return SC_OK;
}

sc_status sc__efg_logit(const sc_efg *e, const sc_game_solve_options *o, sc_game_solution *sol,
                        sc_diag *diag)
{
    double t0 = sc__game_now();
    double tol = o->max_regret > 0 ? o->max_regret : 1e-8;
    elws w;
    sc_status rc = elws_init(&w, e, diag);
    if (rc != SC_OK) {
        return rc;
    }
    size_t N = w.N, M = N + 1;
    for (size_t i = 0; i < e->niset; i++) {
        const sc__efg_infoset *I = &e->iset[i];
        for (uint32_t a = 0; I->player && a < I->nact; a++) {
            w.x[I->offset + a] = -log((double)I->nact);
        }
    }
    w.x[N] = 0;
    double regret = agent_regret(&w, w.x);
    if (o->path) {
        rc = sc__sol_push_path(sol, 0.0, w.p, diag);
    }
    if (rc == SC_OK && regret >= tol) {
        memset(w.tn, 0, M * sizeof *w.tn);
        w.tn[N] = 1;
        if (!tangent(&w, w.x, w.tn, w.t)) {
            rc = sc__diag_set(diag, SC_ENOCONV, "logit: singular Jacobian at the centroid");
        } else if (w.t[N] < 0) {
            for (size_t k = 0; k < M; k++) {
                w.t[k] = -w.t[k];
            }
        }
    }
    double h = FIRST_STEP, h_jump = 1e-3;
    size_t steps = 0;
    while (rc == SC_OK && regret >= tol) {
        if (o->cancel && *o->cancel) {
            rc = sc__diag_set(diag, SC_ELIMIT, "logit: interrupted");
            break;
        }
        if (o->time_limit > 0 && sc__game_now() - t0 > o->time_limit) {
            rc = sc__diag_set(diag, SC_ELIMIT,
                              "logit: time limit of %g s reached at lambda %g (max regret %g)",
                              o->time_limit, w.x[N] / w.range, regret);
            break;
        }
        if (h <= 0 || ++steps > MAX_STEPS) {
            rc = sc__diag_set(diag, SC_ENOCONV,
                              "logit: the branch could not be followed past lambda %g (max "
                              "regret %g)",
                              w.x[N] / w.range, regret);
            break;
        }
        for (size_t k = 0; k < M; k++) {
            w.pred[k] = w.x[k] + h * w.t[k];
        }
        double first = 0, contr = 0;
        /*
         * Stuck (steps vanish): a singular point, typically a bifurcation of the branch, where
         * Newton cannot converge close by. Step over it with the last good step and full
         * Newton, keeping the orientation, as the strategic-form tracer does.
         */
        int jump = h < 1e-6 * (1.0 + w.x[N]);
        double hh = jump ? h_jump : h;
        for (size_t k = 0; k < M; k++) {
            w.pred[k] = w.x[k] + hh * w.t[k];
        }
        if (!correct(&w, w.pred, w.t, jump, &first, &contr) || w.pred[N] < 0 ||
            !tangent(&w, w.pred, w.t, w.tn)) {
            if (jump) {
                /* longer jumps next time: past the singular point's neighbourhood */
                h_jump *= 3;
                if (h_jump > 0.3 * (1.0 + w.x[N])) {
                    h = 0; /* give up: reported below */
                }
            } else {
                h /= 2;
            }
            jacobian(&w, w.x); /* the accepted point's, for the next chord steps */
            continue;
        }
        double cosang = 0;
        for (size_t k = 0; k < M; k++) {
            cosang += w.t[k] * w.tn[k];
        }
        if (cosang < (jump ? 0 : 0.5)) {
            if (jump) {
                h_jump *= 3;
                if (h_jump > 0.3 * (1.0 + w.x[N])) {
                    h = 0;
                }
            } else {
                h /= 2;
            }
            jacobian(&w, w.x);
            continue;
        }
        memcpy(w.x, w.pred, M * sizeof *w.x);
        memcpy(w.t, w.tn, M * sizeof *w.t);
        regret = agent_regret(&w, w.x);
        if (jump) {
            h = hh; /* resume normal steps from the jump's length */
            h_jump = 1e-3 * (1.0 + w.x[N]);
        } else {
            /* Gambit's rule: shrink by the worse of the distance and contraction ratios */
            double decel = 0.5, d1 = sqrt(first / MAX_DIST) * 2, d2 = contr / MAX_CONTRACTION * 2;
            decel = d1 > decel ? d1 : decel;
            decel = d2 > decel ? d2 : decel;
            h /= decel < 2 ? decel : 2;
        }
        /* at large lambda the branch is nearly straight, but a step past a quarter of the way
           to double lambda can land on another branch: keep mu's growth gradual */
        if (w.t[N] > 0 && h * w.t[N] > 0.25 * (1.0 + w.x[N])) {
            h = 0.25 * (1.0 + w.x[N]) / w.t[N];
        }
        if (o->path) {
            rc = sc__sol_push_path(sol, w.x[N] / w.range, w.p, diag);
        }
    }
    if (rc == SC_OK) {
        rc = sc__sol_push_d(sol, w.p, diag);
    }
    elws_free(&w);
    return rc;
}
