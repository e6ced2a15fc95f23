/* SPDX-License-Identifier: MIT */
/*
 * Two-player game trees with perfect recall in sequence form (Romanovskii 1962; Koller,
 * Megiddo and von Stengel 1996; von Stengel 1996): a player's pure choices are sequences of
 * own actions (the empty one, and one per action of each information set: the action with the
 * sequence that leads to its set); a mixed plan is a realization plan x >= 0 with E x = e,
 *   x(empty) = 1,   sum_a x(I, a) = x(parent sequence of I)   for each information set I,
 * and the payoffs are bilinear, x'A y, with A(s, t) the chance-weighted payoff of the leaves
 * whose paths carry sequences s and t. The size is linear in the tree, where the reduced
 * strategic form can be exponential.
 *
 * lcp: Lemke's algorithm on the LCP of Koller, Megiddo and von Stengel, in the cost form with
 * positive costs C = K - A, D = K - B at the leaves (K above every payoff, a shift that changes
 * no equilibrium since every pair of plans reaches the leaves with total probability 1):
 *     w_x = C y - E'p >= 0 _|_ x >= 0,     w_p = E x - e >= 0 _|_ p >= 0,
 *     w_y = D'x - F'q >= 0 _|_ y >= 0,     w_q = F y - f >= 0 _|_ q >= 0,
 * covering vector all ones (as Gambit), lexicographic ratio test, exact integers.
 *
 * lp: for constant-sum games, player 1's maxmin problem as one linear program (KMvS; von
 * Stengel 1996), maximize q(empty) subject to F'q <= A'x, E x = e, x >= 0, q free (split in
 * two non-negative parts); player 2's plan is the prices of the rows F'q <= A'x.
 *
 * A plan becomes a behaviour profile by x(I, a) / sum_b x(I, b), the centroid where the sum
 * is 0 (information sets the player's own plan never reaches), as Gambit prints them.
 */
#include "game/efg_internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "game/lintab.h"

typedef struct seqform {
    size_t ns[2];  /* sequences per player, the empty one included */
    size_t ni[2];  /* constraint rows: information sets + 1 */
    size_t base[2]; /* the player's first entry in a behaviour profile */
    mpq_t *pay[2]; /* ns[0] x ns[1]: each player's chance-weighted payoffs */
    mpq_t kmax;    /* the largest path payoff of either player */
    int constant_sum;
} seqform;

/* Sequence index of player p's (0/1) action entry k of a behaviour profile. */
static size_t seq_of(const seqform *S, size_t p, size_t entry)
{
    return 1 + entry - S->base[p];
}

/* Sequence of player p leading to information set I (its parent sequence). */
static size_t parent_seq(const seqform *S, size_t p, const sc__efg_infoset *I)
{
    return I->parent_seq == 0 ? 0 : seq_of(S, p, I->parent_seq - 1);
}

static void seqform_free(seqform *S)
{
    for (size_t p = 0; p < 2; p++) {
        for (size_t i = 0; S->pay[p] && i < S->ns[0] * S->ns[1]; i++) {
            mpq_clear(S->pay[p][i]);
        }
        free(S->pay[p]);
        S->pay[p] = NULL;
    }
    mpq_clear(S->kmax);
}

static sc_status seqform_build(const sc_efg *e, seqform *S, sc_diag *diag)
{
    memset(S, 0, sizeof *S);
    mpq_init(S->kmax);
    for (size_t p = 0; p < 2; p++) {
        S->base[p] = e->poff[p];
        S->ns[p] = 1 + e->poff[p + 1] - e->poff[p];
        S->ni[p] = 1 + e->npiset[p + 1];
    }
    size_t cells = S->ns[0] * S->ns[1];
    for (size_t p = 0; p < 2; p++) {
        S->pay[p] = malloc((cells ? cells : 1) * sizeof *S->pay[p]);
        if (!S->pay[p]) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < cells; i++) {
            mpq_init(S->pay[p][i]);
        }
    }
    /* per node: path payoff of each player and chance probability, and both last sequences */
    size_t nn = e->nnode;
    mpq_t *cum = malloc(2 * nn * sizeof *cum), *prob = malloc(nn * sizeof *prob), t, sum0, s;
    uint32_t *seq = malloc(2 * nn * sizeof *seq);
    if (!cum || !prob || !seq) {
        free(cum);
        free(prob);
        free(seq);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    mpq_inits(t, sum0, s, NULL);
    S->constant_sum = 1;
    int first_leaf = 1;
    for (size_t v = 0; v < nn; v++) {
        const sc__efg_node *nd = &e->node[v];
        mpq_init(cum[2 * v]);
        mpq_init(cum[2 * v + 1]);
        mpq_init(prob[v]);
        if (nd->parent == SC__EFG_NONE) {
            mpq_set_ui(prob[v], 1, 1);
            seq[2 * v] = seq[2 * v + 1] = 0;
        } else {
            size_t u = nd->parent;
            const sc__efg_infoset *I = &e->iset[e->node[u].infoset];
            mpq_set(cum[2 * v], cum[2 * u]);
            mpq_set(cum[2 * v + 1], cum[2 * u + 1]);
            seq[2 * v] = seq[2 * u];
            seq[2 * v + 1] = seq[2 * u + 1];
            if (I->player == 0) {
                mpq_mul(prob[v], prob[u], I->prob[nd->action]);
            } else {
                mpq_set(prob[v], prob[u]);
                size_t p = I->player - 1;
                seq[2 * v + p] = (uint32_t)seq_of(S, p, I->offset + nd->action);
            }
        }
        if (nd->outcome) {
            mpq_add(cum[2 * v], cum[2 * v], e->out[nd->outcome - 1].pay[0]);
            mpq_add(cum[2 * v + 1], cum[2 * v + 1], e->out[nd->outcome - 1].pay[1]);
        }
        if (nd->infoset != SC__EFG_NONE) {
            continue;
        }
        mpq_add(s, cum[2 * v], cum[2 * v + 1]);
        if (first_leaf) {
            mpq_set(sum0, s);
        } else if (!mpq_equal(s, sum0)) {
            S->constant_sum = 0;
        }
        for (size_t p = 0; p < 2; p++) {
            if (first_leaf || mpq_cmp(cum[2 * v + p], S->kmax) > 0) {
                mpq_set(S->kmax, cum[2 * v + p]);
            }
        }
        first_leaf = 0;
        size_t cell = (size_t)seq[2 * v] * S->ns[1] + seq[2 * v + 1];
        for (size_t p = 0; p < 2; p++) {
            mpq_mul(t, prob[v], cum[2 * v + p]);
            mpq_add(S->pay[p][cell], S->pay[p][cell], t);
        }
    }
    for (size_t v = 0; v < nn; v++) {
        mpq_clear(cum[2 * v]);
        mpq_clear(cum[2 * v + 1]);
        mpq_clear(prob[v]);
    }
    free(cum);
    free(prob);
    free(seq);
    mpq_clears(t, sum0, s, NULL);
    return SC_OK;
}

/* The chance probability of reaching the leaves of each sequence pair: needed for the shift. */
static sc_status leaf_mass(const sc_efg *e, const seqform *S, mpq_t *mass)
{
    size_t nn = e->nnode;
    mpq_t *prob = malloc((nn ? nn : 1) * sizeof *prob);
    uint32_t *seq = malloc(2 * (nn ? nn : 1) * sizeof *seq);
    if (!prob || !seq) {
        free(prob);
        free(seq);
        return SC_ENOMEM;
    }
    for (size_t v = 0; v < nn; v++) {
        const sc__efg_node *nd = &e->node[v];
        mpq_init(prob[v]);
        if (nd->parent == SC__EFG_NONE) {
            mpq_set_ui(prob[v], 1, 1);
            seq[2 * v] = seq[2 * v + 1] = 0;
        } else {
            size_t u = nd->parent;
            const sc__efg_infoset *I = &e->iset[e->node[u].infoset];
            seq[2 * v] = seq[2 * u];
            seq[2 * v + 1] = seq[2 * u + 1];
            if (I->player == 0) {
                mpq_mul(prob[v], prob[u], I->prob[nd->action]);
            } else {
                mpq_set(prob[v], prob[u]);
                size_t p = I->player - 1;
                seq[2 * v + p] = (uint32_t)seq_of(S, p, I->offset + nd->action);
            }
        }
        if (nd->infoset == SC__EFG_NONE) {
            size_t cell = (size_t)seq[2 * v] * S->ns[1] + seq[2 * v + 1];
            mpq_add(mass[cell], mass[cell], prob[v]);
        }
    }
    for (size_t v = 0; v < nn; v++) {
        mpq_clear(prob[v]);
    }
    free(prob);
    free(seq);
    return SC_OK;
}

/* Behaviour profile from the two realization plans x (ns[0]) and y (ns[1]). */
static sc_status plans_to_behaviour(const sc_efg *e, const seqform *S, mpq_t *const plan[2],
                                    mpq_t *behav, sc_diag *diag)
{
    (void)diag;
    mpq_t tot;
    mpq_init(tot);
    for (size_t p = 0; p < 2; p++) {
        for (size_t j = 0; j < e->npiset[p + 1]; j++) {
            const sc__efg_infoset *I = &e->iset[e->piset[p + 1][j]];
            mpq_set_ui(tot, 0, 1);
            for (uint32_t a = 0; a < I->nact; a++) {
                mpq_add(tot, tot, plan[p][seq_of(S, p, I->offset + a)]);
            }
            for (uint32_t a = 0; a < I->nact; a++) {
                if (mpq_sgn(tot) > 0) {
                    mpq_div(behav[I->offset + a], plan[p][seq_of(S, p, I->offset + a)], tot);
                } else {
                    mpq_set_ui(behav[I->offset + a], 1, I->nact);
                }
            }
        }
    }
    mpq_clear(tot);
    return SC_OK;
}

static sc_status push_plans(const sc_efg *e, const seqform *S, mpq_t *const plan[2],
                            sc_game_solution *sol, sc_diag *diag)
{
    mpq_t *behav = malloc((e->width ? e->width : 1) * sizeof *behav);
    if (!behav) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < e->width; k++) {
        mpq_init(behav[k]);
    }
    sc_status rc = plans_to_behaviour(e, S, plan, behav, diag);
    if (rc == SC_OK) {
        rc = sc__sol_push_q(sol, behav, diag);
    }
    for (size_t k = 0; k < e->width; k++) {
        mpq_clear(behav[k]);
    }
    free(behav);
    return rc;
}

sc_status sc__efg_lcp_strategic(const sc_efg *e, const sc_game_solve_options *o, double t0,
                                sc_game_solution *sol, sc_diag *diag)
{
    /*
     * The reduced form can be exponential in the tree (up to 2^24 profiles, seconds to build)
     * and Lemke-Howson on it long: both honour cancel and what is left of the time limit.
     */
    sc_game *g = NULL;
    sc_status rc = sc__efg_reduced_form_until(e, o, t0, "lcp", &g, diag);
    if (rc != SC_OK) {
        return rc;
    }
    sc_game_solve_options so = *o;
    so.method = SC_GAME_LCP;
    so.max_equilibria = 1;
    if (o->time_limit > 0) {
        so.time_limit = o->time_limit - (sc__game_now() - t0);
        if (!(so.time_limit > 0)) {
            sc_game_free(g);
            return sc__game_stopped(o, "lcp", diag);
        }
    }
    sc_game_solution *ms = NULL;
    rc = sc_game_solve(g, &so, &ms, diag);
    if (rc == SC_ELIMIT && sc__game_stop(o, t0)) {
        rc = sc__game_stopped(o, "lcp", diag); /* the caller's limit, not what was left of it */
    }
    int32_t *strat[2] = {NULL, NULL};
    size_t ns[2] = {0, 0};
    mpq_t *mixed[2] = {NULL, NULL}, *behav = NULL;
    if (rc == SC_OK && ms->count == 0) {
        rc = sc__diag_set(diag, SC_ENOCONV, "lcp found no equilibrium");
    }
    for (size_t p = 0; p < 2 && rc == SC_OK; p++) {
        rc = sc__efg_reduced_strategies(e, p, &strat[p], &ns[p], diag);
    }
    if (rc == SC_OK) {
        mixed[0] = ms->q;
        mixed[1] = ms->q + ns[0];
        behav = malloc((e->width ? e->width : 1) * sizeof *behav);
        if (!behav) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
    }
    if (rc == SC_OK) {
        for (size_t k = 0; k < e->width; k++) {
            mpq_init(behav[k]);
        }
        rc = sc__efg_behav_from_mixed(e, strat, ns, mixed, behav, diag);
        if (rc == SC_OK) {
            rc = sc__sol_push_q(sol, behav, diag);
        }
        for (size_t k = 0; k < e->width; k++) {
            mpq_clear(behav[k]);
        }
    }
    free(behav);
    free(strat[0]);
    free(strat[1]);
    sc_game_solution_free(ms);
    sc_game_free(g);
    return rc;
}

/* Adds v to the LCP matrix entry (i, j) scaled: M[i][j] += v * L (an integer). */
static void add_scaled(mpz_t *M, size_t n, size_t i, size_t j, mpq_srcptr v, mpz_srcptr L,
                       mpz_t tmp)
{
    mpz_divexact(tmp, L, mpq_denref(v));
    mpz_mul(tmp, tmp, mpq_numref(v));
    mpz_add(M[i * n + j], M[i * n + j], tmp);
}

sc_status sc__efg_lcp(const sc_efg *e, const sc_game_solve_options *o, sc_game_solution *sol,
                      sc_diag *diag)
{
    double t0 = sc__game_now(); /* --time-limit counts from here */
    seqform S;
    sc_status rc = seqform_build(e, &S, diag);
    size_t n1 = S.ns[0], n2 = S.ns[1], m1 = S.ni[0], m2 = S.ni[1];
    size_t n = n1 + n2 + m1 + m2, cells = n1 * n2;
    mpz_t *M = NULL, *q = NULL, *d = NULL, *z = NULL, den, L, tmp;
    mpq_t *mass = NULL, K, c;
    mpq_t *plan[2] = {NULL, NULL};
    mpz_inits(den, L, tmp, NULL);
    mpq_inits(K, c, NULL);
    if (rc != SC_OK) {
        goto done;
    }
    M = malloc(n * n * sizeof *M);
    q = malloc(n * sizeof *q);
    d = malloc(n * sizeof *d);
    z = malloc(n * sizeof *z);
    mass = malloc((cells ? cells : 1) * sizeof *mass);
    plan[0] = malloc(n1 * sizeof *plan[0]);
    plan[1] = malloc(n2 * sizeof *plan[1]);
    if (!M || !q || !d || !z || !mass || !plan[0] || !plan[1]) {
        free(M);
        free(q);
        free(d);
        free(z);
        free(mass);
        free(plan[0]);
        free(plan[1]);
        M = q = d = z = NULL;
        mass = plan[0] = plan[1] = NULL;
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n * n; i++) {
        mpz_init(M[i]);
    }
    for (size_t i = 0; i < n; i++) {
        mpz_init(q[i]);
        mpz_init_set_ui(d[i], 1);
        mpz_init(z[i]);
    }
    for (size_t i = 0; i < cells; i++) {
        mpq_init(mass[i]);
    }
    for (size_t i = 0; i < n1; i++) {
        mpq_init(plan[0][i]);
    }
    for (size_t i = 0; i < n2; i++) {
        mpq_init(plan[1][i]);
    }
    if (leaf_mass(e, &S, mass) != SC_OK) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    /* costs C = K mass - A, D = K mass - B with K = largest payoff + 1: positive at every
       leaf reached with positive probability */
    mpq_set_ui(c, 1, 1);
    mpq_add(K, S.kmax, c);
    mpz_set_ui(L, 1);
    for (size_t p = 0; p < 2; p++) {
        for (size_t i = 0; i < cells; i++) {
            mpq_mul(c, K, mass[i]);
            mpq_sub(S.pay[p][i], c, S.pay[p][i]); /* now a cost */
            mpz_lcm(L, L, mpq_denref(S.pay[p][i]));
        }
    }
    /* rows/columns: x (0..n1-1), y (n1..n1+n2-1), p (next m1), q (last m2) */
    size_t X = 0, Y = n1, P = n1 + n2, Q = n1 + n2 + m1;
    for (size_t s = 0; s < n1; s++) {
        for (size_t t = 0; t < n2; t++) {
            add_scaled(M, n, X + s, Y + t, S.pay[0][s * n2 + t], L, tmp);
            add_scaled(M, n, Y + t, X + s, S.pay[1][s * n2 + t], L, tmp);
        }
    }
    for (size_t p = 0; p < 2; p++) {
        size_t V = p ? Y : X, R = p ? Q : P;
        /* root row: x(empty) = 1 */
        mpz_add(M[(R + 0) * n + V + 0], M[(R + 0) * n + V + 0], L);
        mpz_sub(M[(V + 0) * n + R + 0], M[(V + 0) * n + R + 0], L);
        mpz_neg(q[R + 0], L);
        for (size_t j = 0; j < e->npiset[p + 1]; j++) {
            const sc__efg_infoset *I = &e->iset[e->piset[p + 1][j]];
            size_t row = R + 1 + j, par = V + parent_seq(&S, p, I);
            mpz_sub(M[row * n + par], M[row * n + par], L); /* E: -x(parent) */
            mpz_add(M[par * n + row], M[par * n + row], L); /* -E': +p */
            for (uint32_t a = 0; a < I->nact; a++) {
                size_t col = V + seq_of(&S, p, I->offset + a);
                mpz_add(M[row * n + col], M[row * n + col], L);
                mpz_sub(M[col * n + row], M[col * n + row], L);
            }
        }
    }
    char *free_var = calloc(n, 1);
    if (!free_var) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    memset(free_var + P, 1, m1 + m2); /* the prices p, q */
    /*
     * Lemke's method can end on a ray of this LCP (its matrix is copositive, not copositive
     * plus); then the opposite perturbation order takes another path. Every game of Gambit's
     * collection solves on the first; should both fail, the reduced strategic form's
     * Lemke-Howson search (which cannot fail) answers instead.
     */
    rc = sc__lemke(n, M, q, d, free_var, 0, o, t0, "lcp", z, den, diag);
    if (rc == SC_ENOCONV) {
        rc = sc__lemke(n, M, q, d, free_var, 1, o, t0, "lcp", z, den, diag);
    }
    free(free_var);
    if (rc == SC_ENOCONV) {
        rc = sc__efg_lcp_strategic(e, o, t0, sol, diag);
        goto done;
    }
    if (rc != SC_OK) {
        goto done;
    }
    for (size_t s = 0; s < n1; s++) {
        mpz_set(mpq_numref(plan[0][s]), z[X + s]);
        mpz_set(mpq_denref(plan[0][s]), den);
        mpq_canonicalize(plan[0][s]);
    }
    for (size_t t = 0; t < n2; t++) {
        mpz_set(mpq_numref(plan[1][t]), z[Y + t]);
        mpz_set(mpq_denref(plan[1][t]), den);
        mpq_canonicalize(plan[1][t]);
    }
    rc = push_plans(e, &S, plan, sol, diag);
done:
    if (M) {
        for (size_t i = 0; i < n * n; i++) {
            mpz_clear(M[i]);
        }
        for (size_t i = 0; i < n; i++) {
            mpz_clear(q[i]);
            mpz_clear(d[i]);
            mpz_clear(z[i]);
        }
        for (size_t i = 0; i < cells; i++) {
            mpq_clear(mass[i]);
        }
        for (size_t i = 0; i < n1; i++) {
            mpq_clear(plan[0][i]);
        }
        for (size_t i = 0; i < n2; i++) {
            mpq_clear(plan[1][i]);
        }
    }
    free(M);
    free(q);
    free(d);
    free(z);
    free(mass);
    free(plan[0]);
    free(plan[1]);
    mpz_clears(den, L, tmp, NULL);
    mpq_clears(K, c, NULL);
    seqform_free(&S);
    return rc;
}

sc_status sc__efg_lp(const sc_efg *e, const sc_game_solve_options *o, sc_game_solution *sol,
                     sc_diag *diag)
{
    double t0 = sc__game_now(); /* --time-limit counts from here */
    seqform S;
    sc_status rc = seqform_build(e, &S, diag);
    if (rc != SC_OK) {
        seqform_free(&S);
        return rc;
    }
    if (!S.constant_sum) {
        seqform_free(&S);
        return sc__diag_set(diag, SC_EUNSUPPORTED,
                            "method lp is only valid for constant-sum games (u1 + u2 the same "
                            "on every path); use lcp");
    }
    size_t n1 = S.ns[0], n2 = S.ns[1], m1 = S.ni[0], m2 = S.ni[1];
    /* variables: x (n1), q+ (m2), q- (m2); rows: n2 inequalities, then m1 equalities */
    size_t cols = n1 + 2 * m2, rows = n2 + m1;
    mpq_t *A = malloc(rows * cols * sizeof *A), *b = malloc(rows * sizeof *b),
          *c = malloc(cols * sizeof *c), *x = malloc(cols * sizeof *x),
          *y = malloc(rows * sizeof *y);
    mpq_t *plan[2] = {malloc(n1 * sizeof(mpq_t)), malloc(n2 * sizeof(mpq_t))};
    if (!A || !b || !c || !x || !y || !plan[0] || !plan[1]) {
        free(A);
        free(b);
        free(c);
        free(x);
        free(y);
        free(plan[0]);
        free(plan[1]);
        seqform_free(&S);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
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
    /* F'q - A'x <= 0, one row per sequence t of player 2 */
    for (size_t t = 0; t < n2; t++) {
        for (size_t s = 0; s < n1; s++) {
            mpq_neg(A[t * cols + s], S.pay[0][s * n2 + t]);
        }
    }
    size_t QP = n1, QM = n1 + m2;
    mpq_set_ui(A[0 * cols + QP + 0], 1, 1); /* F row 0: y(empty) */
    mpq_set_si(A[0 * cols + QM + 0], -1, 1);
    for (size_t j = 0; j < e->npiset[2]; j++) {
        const sc__efg_infoset *I = &e->iset[e->piset[2][j]];
        size_t par = parent_seq(&S, 1, I);
        mpq_set_si(c[0], -1, 1);
        mpq_add(A[par * cols + QP + 1 + j], A[par * cols + QP + 1 + j], c[0]);
        mpq_set_si(c[0], 1, 1);
        mpq_add(A[par * cols + QM + 1 + j], A[par * cols + QM + 1 + j], c[0]);
        for (uint32_t a = 0; a < I->nact; a++) {
            size_t t = seq_of(&S, 1, I->offset + a);
            mpq_set_ui(A[t * cols + QP + 1 + j], 1, 1);
            mpq_set_si(A[t * cols + QM + 1 + j], -1, 1);
        }
    }
    mpq_set_ui(c[0], 0, 1);
    /* E x = e */
    mpq_set_ui(A[(n2 + 0) * cols + 0], 1, 1);
    mpq_set_ui(b[n2 + 0], 1, 1);
    for (size_t j = 0; j < e->npiset[1]; j++) {
        const sc__efg_infoset *I = &e->iset[e->piset[1][j]];
        size_t row = n2 + 1 + j;
        mpq_set_si(A[row * cols + parent_seq(&S, 0, I)], -1, 1);
        for (uint32_t a = 0; a < I->nact; a++) {
            mpq_set_ui(A[row * cols + seq_of(&S, 0, I->offset + a)], 1, 1);
        }
    }
    mpq_set_ui(c[QP], 1, 1);
    mpq_set_si(c[QM], -1, 1);
    /* Ctrl-C and --time-limit stop the exact pivots (sc__lp_solve_stop looks before each) */
    rc = sc__lp_solve_stop(rows, cols, A, b, c, m1, o, t0, "lp", x, y, diag);
    if (rc == SC_OK) {
        for (size_t s = 0; s < n1; s++) {
            mpq_init(plan[0][s]);
            mpq_set(plan[0][s], x[s]);
        }
        for (size_t t = 0; t < n2; t++) {
            mpq_init(plan[1][t]);
            mpq_set(plan[1][t], y[t]);
        }
        rc = push_plans(e, &S, plan, sol, diag);
        for (size_t s = 0; s < n1; s++) {
            mpq_clear(plan[0][s]);
        }
        for (size_t t = 0; t < n2; t++) {
            mpq_clear(plan[1][t]);
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
    free(A);
    free(b);
    free(c);
    free(x);
    free(y);
    free(plan[0]);
    free(plan[1]);
    seqform_free(&S);
    return rc;
}
