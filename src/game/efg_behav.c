/* SPDX-License-Identifier: MIT */
/*
 * Behaviour profiles of a game tree: from mixed strategies of the reduced strategic form, and
 * the equilibrium checker (each player's regret: best response value minus payoff), exact in
 * rationals and in doubles.
 *
 * A behaviour profile lists, player by player and information set by information set (in order
 * of first appearance), the probability of each action (sc_efg_behaviour_width entries).
 *
 * Best response with perfect recall, one pass per player p. Let r(v) be the probability that
 * chance and the other players lead to node v, and T(v) the payoff p collects at v and below v
 * until p moves again, weighted by r: T(v) = r(v) u_p(outcome at v) + (v is p's ? 0 : sum over
 * v's children of T). Perfect recall makes p's information sets a forest under the relation
 * "J follows (I, a)" (every node of J lies below action a at a node of I), and a set comes after
 * its predecessors in the order of first appearance. So, in reverse order,
 *     val(I, a) = sum_{h in I} T(child(h, a)) + sum_{J after (I, a)} best(J),
 *     best(I)   = max_a val(I, a),
 * and p's best-response payoff is T(root) + sum of best(J) over the sets p meets first.
 */
#include "game/efg_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"

sc_status sc__efg_behav_from_mixed(const sc_efg *e, int32_t *const *strat, const size_t *ns,
                                   mpq_t *const *mixed, mpq_t *behav, sc_diag *diag)
{
    mpq_t *reach = malloc((e->niset ? e->niset : 1) * sizeof *reach);
    if (!reach) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < e->niset; i++) {
        mpq_init(reach[i]);
    }
    for (size_t k = 0; k < e->width; k++) {
        mpq_set_ui(behav[k], 0, 1);
    }
    for (size_t p = 0; p < e->n; p++) {
        size_t k = e->npiset[p + 1], width = k ? k : 1;
        for (size_t s = 0; s < ns[p]; s++) {
            if (mpq_sgn(mixed[p][s]) == 0) {
                continue;
            }
            const int32_t *row = strat[p] + s * width;
            for (size_t j = 0; j < k; j++) {
                /* a reduced strategy chooses exactly at the sets its own moves reach */
                if (row[j] >= 0) {
                    const sc__efg_infoset *I = &e->iset[e->piset[p + 1][j]];
                    mpq_add(reach[e->piset[p + 1][j]], reach[e->piset[p + 1][j]], mixed[p][s]);
                    size_t at = I->offset + (uint32_t)row[j];
                    mpq_add(behav[at], behav[at], mixed[p][s]);
                }
            }
        }
    }
    for (size_t i = 0; i < e->niset; i++) {
        const sc__efg_infoset *I = &e->iset[i];
        for (uint32_t a = 0; I->player && a < I->nact; a++) {
            if (mpq_sgn(reach[i]) > 0) {
                mpq_div(behav[I->offset + a], behav[I->offset + a], reach[i]);
            } else {
                mpq_set_ui(behav[I->offset + a], 1, I->nact); /* never reached: the centroid */
            }
        }
        mpq_clear(reach[i]);
    }
    free(reach);
    return SC_OK;
}

/* 1 if every player's information set carries a probability vector. */
static int probability_vectors_q(const sc_efg *e, mpq_t *const b)
{
    mpq_t sum;
    mpq_init(sum);
    int ok = 1;
    for (size_t i = 0; i < e->niset && ok; i++) {
        const sc__efg_infoset *I = &e->iset[i];
        if (!I->player) {
            continue;
        }
        mpq_set_ui(sum, 0, 1);
        for (uint32_t a = 0; a < I->nact; a++) {
            ok &= mpq_sgn(b[I->offset + a]) >= 0;
            mpq_add(sum, sum, b[I->offset + a]);
        }
        ok &= mpq_cmp_ui(sum, 1, 1) == 0;
    }
    mpq_clear(sum);
    return ok;
}

/* The probability of action `a` at v's information set: the profile's, or chance's. */
static mpq_srcptr prob_q(const sc_efg *e, mpq_t *const b, const sc__efg_infoset *I, uint32_t a)
{
    (void)e;
    return I->player ? b[I->offset + a] : I->prob[a];
}

int sc__efg_regret_q(const sc_efg *e, mpq_t *const b, mpq_t *regret)
{
    if (!e->perfect_recall || !probability_vectors_q(e, b)) {
        return !e->perfect_recall ? -1 : 0;
    }
    size_t nn = e->nnode;
    mpq_t *all = malloc(nn * sizeof *all), *oth = malloc(nn * sizeof *oth),
          *T = malloc(nn * sizeof *T), *acc = malloc((e->width + 1) * sizeof *acc);
    mpq_t pay, t, best, v;
    if (!all || !oth || !T || !acc) {
        free(all);
        free(oth);
        free(T);
        free(acc);
        return -2;
    }
    mpq_inits(pay, t, best, v, NULL);
    for (size_t i = 0; i < nn; i++) {
        mpq_init(all[i]);
        mpq_init(oth[i]);
        mpq_init(T[i]);
    }
    for (size_t k = 0; k <= e->width; k++) {
        mpq_init(acc[k]);
    }
    for (size_t p = 1; p <= e->n; p++) {
        /* reach probabilities, top down (parents come first in preorder) */
        mpq_set_ui(pay, 0, 1);
        for (size_t x = 0; x < nn; x++) {
            const sc__efg_node *nd = &e->node[x];
            if (nd->parent == SC__EFG_NONE) {
                mpq_set_ui(all[x], 1, 1);
                mpq_set_ui(oth[x], 1, 1);
            } else {
                const sc__efg_infoset *I = &e->iset[e->node[nd->parent].infoset];
                mpq_srcptr q = prob_q(e, b, I, nd->action);
                mpq_mul(all[x], all[nd->parent], q);
                if (I->player == p) {
                    mpq_set(oth[x], oth[nd->parent]);
                } else {
                    mpq_mul(oth[x], oth[nd->parent], q);
                }
            }
            if (nd->outcome) {
                mpq_mul(t, all[x], e->out[nd->outcome - 1].pay[p - 1]);
                mpq_add(pay, pay, t);
            }
        }
        /* T, bottom up */
        for (size_t x = nn; x-- > 0;) {
            const sc__efg_node *nd = &e->node[x];
            mpq_set_ui(T[x], 0, 1);
            if (nd->outcome) {
                mpq_mul(T[x], oth[x], e->out[nd->outcome - 1].pay[p - 1]);
            }
            if (nd->infoset != SC__EFG_NONE && e->iset[nd->infoset].player != p) {
                const uint32_t *kids = sc__efg_children(e, nd);
                for (uint32_t a = 0; a < e->iset[nd->infoset].nact; a++) {
                    mpq_add(T[x], T[x], T[kids[a]]);
                }
            }
        }
        for (size_t k = 0; k <= e->width; k++) {
            mpq_set_ui(acc[k], 0, 1);
        }
        for (size_t j = e->npiset[p]; j-- > 0;) {
            const sc__efg_infoset *I = &e->iset[e->piset[p][j]];
            for (uint32_t a = 0; a < I->nact; a++) {
                mpq_set(v, acc[I->offset + a + 1]);
                for (uint32_t m = 0; m < I->nmember; m++) {
                    mpq_add(v, v, T[sc__efg_children(e, &e->node[I->member[m]])[a]]);
                }
                if (a == 0 || mpq_cmp(v, best) > 0) {
                    mpq_set(best, v);
                }
            }
            mpq_add(acc[I->parent_seq], acc[I->parent_seq], best);
        }
        mpq_add(t, T[0], acc[0]);
        mpq_sub(regret[p - 1], t, pay);
    }
    for (size_t i = 0; i < nn; i++) {
        mpq_clear(all[i]);
        mpq_clear(oth[i]);
        mpq_clear(T[i]);
    }
    for (size_t k = 0; k <= e->width; k++) {
        mpq_clear(acc[k]);
    }
    mpq_clears(pay, t, best, v, NULL);
    free(all);
    free(oth);
    free(T);
    free(acc);
    return 1;
}

sc_status sc__efg_regret_d(const sc_efg *e, const double *b, double *regret, double *payoff,
                           sc_diag *diag)
{
    if (!e->perfect_recall) {
        return sc__diag_set(diag, SC_EUNSUPPORTED,
                            "the game does not have perfect recall: behaviour strategies cannot "
                            "be checked against every deviation");
    }
    size_t nn = e->nnode;
    double *all = malloc(nn * sizeof *all), *oth = malloc(nn * sizeof *oth),
           *T = malloc(nn * sizeof *T), *acc = malloc((e->width + 1) * sizeof *acc);
    if (!all || !oth || !T || !acc) {
        free(all);
        free(oth);
        free(T);
        free(acc);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t p = 1; p <= e->n; p++) {
        double pay = 0;
        for (size_t x = 0; x < nn; x++) {
            const sc__efg_node *nd = &e->node[x];
            if (nd->parent == SC__EFG_NONE) {
                all[x] = oth[x] = 1;
            } else {
                const sc__efg_infoset *I = &e->iset[e->node[nd->parent].infoset];
                double q = I->player ? b[I->offset + nd->action] : I->dprob[nd->action];
                all[x] = all[nd->parent] * q;
                oth[x] = I->player == p ? oth[nd->parent] : oth[nd->parent] * q;
            }
            if (nd->outcome) {
                pay += all[x] * e->out[nd->outcome - 1].dpay[p - 1];
            }
        }
        for (size_t x = nn; x-- > 0;) {
            const sc__efg_node *nd = &e->node[x];
            T[x] = nd->outcome ? oth[x] * e->out[nd->outcome - 1].dpay[p - 1] : 0;
            if (nd->infoset != SC__EFG_NONE && e->iset[nd->infoset].player != p) {
                const uint32_t *kids = sc__efg_children(e, nd);
                for (uint32_t a = 0; a < e->iset[nd->infoset].nact; a++) {
                    T[x] += T[kids[a]];
                }
            }
        }
        memset(acc, 0, (e->width + 1) * sizeof *acc);
        for (size_t j = e->npiset[p]; j-- > 0;) {
            const sc__efg_infoset *I = &e->iset[e->piset[p][j]];
            double best = -HUGE_VAL;
            for (uint32_t a = 0; a < I->nact; a++) {
                double v = acc[I->offset + a + 1];
                for (uint32_t m = 0; m < I->nmember; m++) {
                    v += T[sc__efg_children(e, &e->node[I->member[m]])[a]];
                }
                best = v > best ? v : best;
            }
            acc[I->parent_seq] += best;
        }
        regret[p - 1] = T[0] + acc[0] - pay;
        if (payoff) {
            payoff[p - 1] = pay;
        }
    }
    free(all);
    free(oth);
    free(T);
    free(acc);
    return SC_OK;
}

/*
 * Smallest and largest payoff any player gets on any path (the sum of the outcomes along it):
 * the range regrets are measured against, as Gambit measures them against the payoff range.
 */
void sc__efg_payoff_bounds(const sc_efg *e, double *lo, double *hi)
{
    double a = HUGE_VAL, b = -HUGE_VAL;
    double *cum = malloc((e->nnode ? e->nnode : 1) * sizeof *cum);
    for (size_t p = 0; cum && p < e->n; p++) {
        for (size_t x = 0; x < e->nnode; x++) {
            const sc__efg_node *nd = &e->node[x];
            cum[x] = (nd->parent == SC__EFG_NONE ? 0 : cum[nd->parent]) +
                     (nd->outcome ? e->out[nd->outcome - 1].dpay[p] : 0);
            if (nd->infoset == SC__EFG_NONE) {
                a = cum[x] < a ? cum[x] : a;
                b = cum[x] > b ? cum[x] : b;
            }
        }
    }
    free(cum);
    *lo = a <= b ? a : 0;
    *hi = a <= b ? b : 0;
}

sc_status sc_efg_regret(const sc_efg *e, const double *behaviour, double *regret, sc_diag *diag)
{
    return sc__efg_regret_d(e, behaviour, regret, NULL, diag);
}

/* The spread of path payoffs; 1 when every path pays the same. */
static double payoff_range(const sc_efg *e)
{
    double lo, hi;
    sc__efg_payoff_bounds(e, &lo, &hi);
    return hi > lo ? hi - lo : 1.0;
}

int sc_efg_solution_exact_check(const sc_efg *e, const sc_game_solution *s, size_t i,
                                double *relative_regret)
{
    if (relative_regret) {
        *relative_regret = -1;
    }
    if (!s->exact || i >= s->count || s->width != e->width) {
        return -1;
    }
    mpq_t *regret = malloc((e->n ? e->n : 1) * sizeof *regret), worst;
    if (!regret) {
        return -1;
    }
    for (size_t p = 0; p < e->n; p++) {
        mpq_init(regret[p]);
    }
    mpq_init(worst);
    int r = sc__efg_regret_q(e, s->q + i * s->width, regret);
    int nash = -1;
    if (r == 0) {
        nash = 0; /* not probability vectors */
    } else if (r == 1) {
        for (size_t p = 0; p < e->n; p++) {
            if (mpq_cmp(regret[p], worst) > 0) {
                mpq_set(worst, regret[p]);
            }
        }
        nash = mpq_sgn(worst) == 0;
        if (relative_regret) {
            *relative_regret = mpq_get_d(worst) / payoff_range(e);
        }
    }
    for (size_t p = 0; p < e->n; p++) {
        mpq_clear(regret[p]);
    }
    mpq_clear(worst);
    free(regret);
    return nash;
}

double sc_efg_solution_max_regret(const sc_efg *e, const sc_game_solution *s)
{
    double worst = 0, range = payoff_range(e);
    double *regret = malloc((e->n ? e->n : 1) * sizeof *regret);
    if (!regret || s->width != e->width) {
        free(regret);
        return HUGE_VAL;
    }
    for (size_t i = 0; i < s->count; i++) {
        if (sc__efg_regret_d(e, s->d + i * s->width, regret, NULL, NULL) != SC_OK) {
            worst = HUGE_VAL;
            break;
        }
        for (size_t p = 0; p < e->n; p++) {
            worst = regret[p] / range > worst ? regret[p] / range : worst;
        }
    }
    free(regret);
    return worst;
}
