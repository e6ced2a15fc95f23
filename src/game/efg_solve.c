/* SPDX-License-Identifier: MIT */
/*
 * Solving game trees (sc_efg_solve): the dispatch, and the methods that need no linear algebra:
 *
 * - enumpure: the pure equilibria of the reduced strategic form (Gambit: "by definition,
 *   pure-strategy equilibrium uses the strategic representation"), each printed as the behaviour
 *   profile it induces; with `agent` (Gambit's -A) the pure agent-form equilibria instead: pure
 *   behaviour profiles where no single information set's agent gains by changing its action.
 * - spe: every pure subgame-perfect equilibrium of a game of perfect information by backward
 *   induction (Zermelo; Kuhn 1953): at each decision node the mover picks an action with the
 *   highest continuation payoff, every tie giving its own equilibrium; chance nodes average.
 *
 * Methods that work on strategic forms only (enummixed, simpdiv, and lcp/lp/logit with
 * `strategic`) solve the reduced strategic form and report mixed strategy profiles of it, as
 * Gambit's tools do.
 */
#include "game/efg_internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "game/exact.h"

#define MAX_PURE_PROFILES ((size_t)1 << 22) /* agent form: pure behaviour profiles examined */
#define MAX_SPE ((size_t)1 << 20)           /* subgame-perfect equilibria held at once */

/* ---- enumpure --------------------------------------------------------------------------- */

/* Pure equilibria of the reduced strategic form, as behaviour profiles. */
static sc_status enumpure_strategic(const sc_efg *e, sc_game_solution *sol, sc_diag *diag)
{
    sc_game *g = NULL;
    sc_status rc = sc_efg_reduced_form(e, &g, diag);
    if (rc != SC_OK) {
        return rc;
    }
    size_t n = e->n, *eq = NULL, neq = 0;
    int32_t **strat = calloc(n, sizeof *strat);
    size_t *ns = calloc(n, sizeof *ns);
    mpq_t **mixed = calloc(n, sizeof *mixed);
    mpq_t *behav = malloc((e->width ? e->width : 1) * sizeof *behav);
    if (!strat || !ns || !mixed || !behav) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < e->width; k++) {
        mpq_init(behav[k]);
    }
    for (size_t p = 0; p < n && rc == SC_OK; p++) {
        rc = sc__efg_reduced_strategies(e, p, &strat[p], &ns[p], diag);
        if (rc == SC_OK && !(mixed[p] = malloc(ns[p] * sizeof *mixed[p]))) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        for (size_t s = 0; rc == SC_OK && s < ns[p]; s++) {
            mpq_init(mixed[p][s]);
        }
    }
    if (rc == SC_OK) {
        rc = sc_game_enumpure(g, &eq, &neq, diag);
    }
    for (size_t k = 0; rc == SC_OK && k < neq; k++) {
        size_t c = eq[k];
        for (size_t p = 0; p < n; p++) {
            for (size_t s = 0; s < ns[p]; s++) {
                mpq_set_ui(mixed[p][s], s == c % ns[p], 1);
            }
            c /= ns[p];
        }
        rc = sc__efg_behav_from_mixed(e, strat, ns, mixed, behav, diag);
        if (rc == SC_OK) {
            rc = sc__sol_push_q(sol, behav, diag);
        }
    }
done:
    for (size_t p = 0; p < n; p++) {
        if (strat) {
            free(strat[p]);
        }
        for (size_t s = 0; mixed && mixed[p] && s < ns[p]; s++) {
            mpq_clear(mixed[p][s]);
        }
        if (mixed) {
            free(mixed[p]);
        }
    }
    for (size_t k = 0; behav && k < e->width; k++) {
        mpq_clear(behav[k]);
    }
    free(behav);
    free(strat);
    free(ns);
    free(mixed);
    sc_free(eq);
    sc_game_free(g);
    return rc;
}

/* Each player's exact payoff when every information set plays act[set] (chance averages). */
static void pure_payoff(const sc_efg *e, const int32_t *act, mpq_t *leaf, const uint32_t *leaf_of,
                        uint32_t *stack, mpq_t *pay)
{
    for (size_t p = 0; p < e->n; p++) {
        mpq_set_ui(pay[p], 0, 1);
    }
    size_t top = 0;
    stack[top++] = 0;
    while (top) {
        const sc__efg_node *nd = &e->node[stack[--top]];
        if (nd->infoset == SC__EFG_NONE) {
            const mpq_t *row = (const mpq_t *)(leaf + (size_t)leaf_of[nd - e->node] * e->n);
            for (size_t p = 0; p < e->n; p++) {
                mpq_add(pay[p], pay[p], row[p]);
            }
            continue;
        }
        const sc__efg_infoset *I = &e->iset[nd->infoset];
        const uint32_t *kids = sc__efg_children(e, nd);
        if (I->player) {
            stack[top++] = kids[act[nd->infoset]];
        } else {
            for (uint32_t a = 0; a < I->nact; a++) {
                stack[top++] = kids[a];
            }
        }
    }
}

/*
 * The exact weight of each terminal node: chance probability of its path times the sum of the
 * outcomes on the path (leaf_of maps nodes to leaves).
 */
static sc_status leaf_values(const sc_efg *e, mpq_t **leaf, uint32_t **leaf_of, size_t *nleaf,
                             sc_diag *diag)
{
    size_t n = e->n, k = 0;
    uint32_t *of = malloc((e->nnode ? e->nnode : 1) * sizeof *of);
    if (!of) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t v = 0; v < e->nnode; v++) {
        of[v] = e->node[v].infoset == SC__EFG_NONE ? (uint32_t)k++ : SC__EFG_NONE;
    }
    mpq_t *L = malloc((k * n > 0 ? k * n : 1) * sizeof *L), prob;
    if (!L) {
        free(of);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    mpq_init(prob);
    for (size_t i = 0; i < k * n; i++) {
        mpq_init(L[i]);
    }
    for (size_t v = 0; v < e->nnode; v++) {
        if (of[v] == SC__EFG_NONE) {
            continue;
        }
        mpq_t *row = L + (size_t)of[v] * n;
        mpq_set_ui(prob, 1, 1);
        for (uint32_t u = (uint32_t)v, c = SC__EFG_NONE; u != SC__EFG_NONE;
             c = u, u = e->node[u].parent) {
            const sc__efg_node *nd = &e->node[u];
            if (c != SC__EFG_NONE && e->iset[nd->infoset].player == 0) {
                mpq_mul(prob, prob, e->iset[nd->infoset].prob[e->node[c].action]);
            }
            for (size_t p = 0; nd->outcome && p < n; p++) {
                mpq_add(row[p], row[p], e->out[nd->outcome - 1].pay[p]);
            }
        }
        for (size_t p = 0; p < n; p++) {
            mpq_mul(row[p], row[p], prob);
        }
    }
    mpq_clear(prob);
    *leaf = L;
    *leaf_of = of;
    *nleaf = k;
    return SC_OK;
}

/* Pure agent-form equilibria: every pure behaviour profile, each set's agent checked alone. */
static sc_status enumpure_agent(const sc_efg *e, const sc_game_solve_options *o,
                                sc_game_solution *sol, sc_diag *diag)
{
    size_t total = 1;
    for (size_t i = 0; i < e->niset; i++) {
        if (e->iset[i].player) {
            if (total > MAX_PURE_PROFILES / e->iset[i].nact) {
                return sc__diag_set(diag, SC_ELIMIT,
                                    "enumpure -A: more than %zu pure behaviour profiles",
                                    MAX_PURE_PROFILES);
            }
            total *= e->iset[i].nact;
        }
    }
    mpq_t *leaf = NULL;
    uint32_t *leaf_of = NULL;
    size_t nleaf = 0, n = e->n;
    sc_status rc = leaf_values(e, &leaf, &leaf_of, &nleaf, diag);
    if (rc != SC_OK) {
        return rc;
    }
    int32_t *act = calloc(e->niset ? e->niset : 1, sizeof *act);
    uint32_t *stack = malloc((e->nnode ? e->nnode : 1) * sizeof *stack);
    mpq_t *pay = malloc(n * sizeof *pay), *dev = malloc(n * sizeof *dev);
    mpq_t *behav = malloc((e->width ? e->width : 1) * sizeof *behav);
    if (!act || !stack || !pay || !dev || !behav) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        free(pay);
        free(dev);
        pay = dev = NULL;
        free(behav);
        behav = NULL;
        goto done;
    }
    for (size_t p = 0; p < n; p++) {
        mpq_init(pay[p]);
        mpq_init(dev[p]);
    }
    for (size_t k = 0; k < e->width; k++) {
        mpq_init(behav[k]);
    }
    double t0 = sc__game_now();
    for (size_t c = 0; c < total && rc == SC_OK; c++) {
        if (o->cancel && *o->cancel) {
            rc = sc__diag_set(diag, SC_ELIMIT, "enumpure: interrupted");
            break;
        }
        if (o->time_limit > 0 && (c & 1023) == 0 && sc__game_now() - t0 > o->time_limit) {
            rc = sc__diag_set(diag, SC_ELIMIT, "enumpure: time limit of %g s reached",
                              o->time_limit);
            break;
        }
        pure_payoff(e, act, leaf, leaf_of, stack, pay);
        int nash = 1;
        for (size_t i = 0; i < e->niset && nash; i++) {
            const sc__efg_infoset *I = &e->iset[i];
            if (!I->player) {
                continue;
            }
            int32_t keep = act[i];
            for (uint32_t a = 0; a < I->nact && nash; a++) {
                if ((int32_t)a == keep) {
                    continue;
                }
                act[i] = (int32_t)a;
                pure_payoff(e, act, leaf, leaf_of, stack, dev);
                nash = mpq_cmp(dev[I->player - 1], pay[I->player - 1]) <= 0;
            }
            act[i] = keep;
        }
        if (nash) {
            for (size_t i = 0; i < e->niset; i++) {
                const sc__efg_infoset *I = &e->iset[i];
                for (uint32_t a = 0; I->player && a < I->nact; a++) {
                    mpq_set_ui(behav[I->offset + a], (int32_t)a == act[i], 1);
                }
            }
            rc = sc__sol_push_q(sol, behav, diag);
        }
        /* odometer over the players' sets in profile order, the first fastest */
        for (size_t p = 1; p <= n; p++) {
            size_t j = 0;
            for (; j < e->npiset[p]; j++) {
                uint32_t i = e->piset[p][j];
                if (++act[i] < (int32_t)e->iset[i].nact) {
                    break;
                }
                act[i] = 0;
            }
            if (j < e->npiset[p]) {
                break;
            }
        }
    }
done:
    for (size_t p = 0; pay && p < n; p++) {
        mpq_clear(pay[p]);
        mpq_clear(dev[p]);
    }
    for (size_t k = 0; behav && k < e->width; k++) {
        mpq_clear(behav[k]);
    }
    for (size_t i = 0; i < nleaf * n; i++) {
        mpq_clear(leaf[i]);
    }
    free(leaf);
    free(leaf_of);
    free(act);
    free(stack);
    free(pay);
    free(dev);
    free(behav);
    return rc;
}

/* ---- backward induction ------------------------------------------------------------------ */

/*
 * The subgame-perfect equilibria of one subtree: `count` entries, each the players' payoffs
 * (exact) and the actions chosen at the subtree's decision nodes (act, indexed by information
 * set, which for perfect information is one node).
 */
typedef struct spe_list {
    size_t count;
    mpq_t *val;   /* count * n */
    int32_t *act; /* count * niset; -1 outside the subtree */
} spe_list;

static void spe_free(spe_list *l, size_t n)
{
    for (size_t i = 0; l->val && i < l->count * n; i++) {
        mpq_clear(l->val[i]);
    }
    free(l->val);
    free(l->act);
    l->val = NULL;
    l->act = NULL;
    l->count = 0;
}

/*
 * Whether backward induction must stop (a cancel or the time limit), setting *rc. Called once per
 * node and once per combination of the children's equilibria, so the work between two looks is
 * bounded whatever the tree's shape; the CPU clock is read every 1024th call only (a system call),
 * or at every call with ticks NULL (between chunks of a large allocation).
 */
static int spe_stopped(const sc_game_solve_options *o, double t0, size_t *ticks, sc_status *rc,
                       sc_diag *diag)
{
    if (o->cancel && *o->cancel) {
        *rc = sc__diag_set(diag, SC_ELIMIT, "spe: interrupted");
        return 1;
    }
    if (o->time_limit > 0 && (!ticks || ((*ticks)++ & 1023) == 0) &&
        sc__game_now() - t0 > o->time_limit) {
        *rc = sc__diag_set(diag, SC_ELIMIT, "spe: time limit of %g s reached", o->time_limit);
        return 1;
    }
    return 0;
}

/* Entries set up between two looks at the cancel flag and the clock while allocating a list: a
   node can hold 2^20 equilibria of n payoffs and niset actions each (a third of a CPU second) */
#define SPE_CHUNK ((size_t)1 << 14)

/*
 * Allocates l with count entries (payoffs 0, actions -1). A cancel or the time limit can stop
 * it part way (SC_ELIMIT in *rc via spe_stopped): l is then left empty.
 */
static sc_status spe_alloc(spe_list *l, size_t count, size_t n, size_t niset,
                           const sc_game_solve_options *o, double t0, sc_diag *diag)
{
    l->count = 0;
    l->val = malloc((count * n > 0 ? count * n : 1) * sizeof *l->val);
    l->act = malloc((count * niset > 0 ? count * niset : 1) * sizeof *l->act);
    if (!l->val || !l->act) {
        free(l->val);
        free(l->act);
        l->val = NULL;
        l->act = NULL;
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    sc_status rc = SC_OK;
    size_t done = 0;
    for (; done < count * n; done++) {
        if (done % SPE_CHUNK == SPE_CHUNK - 1 && spe_stopped(o, t0, NULL, &rc, diag)) {
            break;
        }
        mpq_init(l->val[done]);
    }
    for (size_t i = 0; rc == SC_OK && i < count * niset; i++) {
        if (i % (16 * SPE_CHUNK) == 16 * SPE_CHUNK - 1 && spe_stopped(o, t0, NULL, &rc, diag)) {
            break;
        }
        l->act[i] = -1;
    }
    if (rc != SC_OK) {
        for (size_t i = 0; i < done; i++) {
            mpq_clear(l->val[i]);
        }
        free(l->val);
        free(l->act);
        l->val = NULL;
        l->act = NULL;
        return rc;
    }
    l->count = count;
    return SC_OK;
}

/*
 * Every combination of the children's equilibria (the first child's index varies slowest); at
 * a decision node, every action with the highest payoff for the mover. Children are solved
 * first (nodes in reverse preorder), so the recursion is a loop.
 */
static sc_status spe_solve(const sc_efg *e, const sc_game_solve_options *o,
                           sc_game_solution *sol, sc_diag *diag)
{
    size_t n = e->n, ni = e->niset, nn = e->nnode;
    size_t cap = o->max_equilibria ? o->max_equilibria : MAX_SPE;
    spe_list *L = calloc(nn, sizeof *L);
    size_t *digit = NULL;
    mpq_t t, best, *sum = malloc(n * sizeof *sum);
    sc_status rc = SC_OK;
    if (!L || !sum) {
        free(L);
        free(sum);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    mpq_inits(t, best, NULL);
    for (size_t p = 0; p < n; p++) {
        mpq_init(sum[p]);
    }
    double t0 = sc__game_now();
    size_t ticks = 0;
    for (size_t x = nn; x-- > 0 && rc == SC_OK;) {
        if (spe_stopped(o, t0, &ticks, &rc, diag)) {
            break;
        }
        const sc__efg_node *nd = &e->node[x];
        const mpq_t *own = nd->outcome ? (const mpq_t *)e->out[nd->outcome - 1].pay : NULL;
        if (nd->infoset == SC__EFG_NONE) {
            if ((rc = spe_alloc(&L[x], 1, n, ni, o, t0, diag)) != SC_OK) {
                break;
            }
            for (size_t p = 0; own && p < n; p++) {
                mpq_set(L[x].val[p], own[p]);
            }
            continue;
        }
        const sc__efg_infoset *I = &e->iset[nd->infoset];
        const uint32_t *kids = sc__efg_children(e, nd);
        free(digit);
        digit = calloc(I->nact, sizeof *digit);
        if (!digit) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            break;
        }
        /*
         * Every combination of the children's equilibria (the last child's varies fastest),
         * and at a decision node one result per maximizing action. The first pass counts, the
         * second fills. With a cap (max_equilibria) the lists are cut at the cap: what remains
         * is still subgame perfect, each entry optimal given the continuations it keeps.
         */
        size_t out = 0;
        for (int pass = 0; pass < 2 && rc == SC_OK; pass++) {
            if (pass == 1 && (rc = spe_alloc(&L[x], out, n, ni, o, t0, diag)) != SC_OK) {
                break;
            }
            size_t k = 0, want = pass ? out : cap + 1;
            memset(digit, 0, I->nact * sizeof *digit);
            for (int more = 1; more && k < want;) {
                /* a node may combine millions of the children's equilibria: stop inside it too */
                if (spe_stopped(o, t0, &ticks, &rc, diag)) {
                    break;
                }
                if (I->player == 0) {
                    if (pass == 1) {
                        mpq_t *v = L[x].val + k * n;
                        int32_t *act = L[x].act + k * ni;
                        for (size_t p = 0; p < n; p++) {
                            mpq_set_ui(v[p], 0, 1);
                        }
                        for (uint32_t a = 0; a < I->nact; a++) {
                            const spe_list *C = &L[kids[a]];
                            for (size_t p = 0; p < n; p++) {
                                mpq_mul(t, I->prob[a], C->val[digit[a] * n + p]);
                                mpq_add(v[p], v[p], t);
                            }
                            for (size_t i = 0; i < ni; i++) {
                                if (C->act[digit[a] * ni + i] >= 0) {
                                    act[i] = C->act[digit[a] * ni + i];
                                }
                            }
                        }
                        for (size_t p = 0; own && p < n; p++) {
                            mpq_add(v[p], v[p], own[p]);
                        }
                    }
                    k++;
                } else {
                    size_t p = I->player - 1;
                    for (uint32_t a = 0; a < I->nact; a++) {
                        mpq_srcptr va = L[kids[a]].val[digit[a] * n + p];
                        if (a == 0 || mpq_cmp(va, best) > 0) {
                            mpq_set(best, va);
                        }
                    }
                    for (uint32_t a = 0; a < I->nact && k < want; a++) {
                        if (mpq_cmp(L[kids[a]].val[digit[a] * n + p], best) != 0) {
                            continue;
                        }
                        if (pass == 1) {
                            mpq_t *v = L[x].val + k * n;
                            int32_t *act = L[x].act + k * ni;
                            for (uint32_t b = 0; b < I->nact; b++) {
                                const spe_list *C = &L[kids[b]];
                                for (size_t i = 0; i < ni; i++) {
                                    if (C->act[digit[b] * ni + i] >= 0) {
                                        act[i] = C->act[digit[b] * ni + i];
                                    }
                                }
                            }
                            act[nd->infoset] = (int32_t)a;
                            for (size_t q = 0; q < n; q++) {
                                mpq_set(v[q], L[kids[a]].val[digit[a] * n + q]);
                                if (own) {
                                    mpq_add(v[q], v[q], own[q]);
                                }
                            }
                        }
                        k++;
                    }
                }
                more = 0;
                for (uint32_t a = I->nact; a-- > 0;) {
                    if (++digit[a] < L[kids[a]].count) {
                        more = 1;
                        break;
                    }
                    digit[a] = 0;
                }
            }
            out = k;
            if (pass == 0 && out > cap) {
                if (o->max_equilibria) {
                    out = cap; /* cut at the cap */
                } else {
                    rc = sc__diag_set(diag, SC_ELIMIT,
                                      "spe: more than %zu subgame-perfect equilibria (ties); "
                                      "ask for the first N with max_equilibria (-e N)",
                                      cap);
                }
            }
        }
        for (uint32_t a = 0; a < I->nact; a++) {
            spe_free(&L[kids[a]], n);
        }
    }
    if (rc == SC_OK) {
        mpq_t *behav = malloc((e->width ? e->width : 1) * sizeof *behav);
        if (!behav) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        for (size_t k = 0; behav && k < e->width; k++) {
            mpq_init(behav[k]);
        }
        size_t limit = o->max_equilibria ? o->max_equilibria : L[0].count;
        for (size_t k = 0; rc == SC_OK && k < L[0].count && k < limit; k++) {
            if (spe_stopped(o, t0, &ticks, &rc, diag)) {
                break; /* the profiles pushed so far are subgame perfect: a partial answer */
            }
            const int32_t *act = L[0].act + k * ni;
            for (size_t i = 0; i < ni; i++) {
                const sc__efg_infoset *I = &e->iset[i];
                for (uint32_t a = 0; I->player && a < I->nact; a++) {
                    mpq_set_ui(behav[I->offset + a], (int32_t)a == act[i], 1);
                }
            }
            rc = sc__sol_push_q(sol, behav, diag);
        }
        for (size_t k = 0; behav && k < e->width; k++) {
            mpq_clear(behav[k]);
        }
        free(behav);
    }
    for (size_t x = 0; x < nn; x++) {
        spe_free(&L[x], n);
    }
    free(L);
    free(digit);
    for (size_t p = 0; p < n; p++) {
        mpq_clear(sum[p]);
    }
    free(sum);
    mpq_clears(t, best, NULL);
    return rc;
}

/* ---- dispatch ------------------------------------------------------------------------------ */

/*
 * The behaviour method itself. GNU MP's allocation failures end it with SC_ENOMEM instead of an
 * abort (exact.h); the solution is freed (*solp = NULL) and what the method held at that moment
 * is not reclaimed.
 */
static sc_status run_method(const sc_efg *e, const sc_game_solve_options *o,
                            sc_game_solution **solp, sc_diag *diag)
{
    sc_game_solution *sol = *solp;
    sc__gmp_region region;
    if (SC__GMP_TRY(&region)) {
        sc_game_solution_free(sol);
        *solp = NULL;
        return sc__diag_set(diag, SC_ENOMEM, "out of memory in exact arithmetic (GNU MP) while "
                                             "solving with %s",
                            sc_game_method_name(o->method));
    }
    sc_status rc;
    switch (o->method) {
    case SC_GAME_ENUMPURE:
        rc = o->agent ? enumpure_agent(e, o, sol, diag) : enumpure_strategic(e, sol, diag);
        break;
    case SC_GAME_SPE: rc = spe_solve(e, o, sol, diag); break;
    case SC_GAME_LCP: rc = sc__efg_lcp(e, o, sol, diag); break;
    case SC_GAME_LP: rc = sc__efg_lp(e, o, sol, diag); break;
    case SC_GAME_LOGIT: rc = sc__efg_logit(e, o, sol, diag); break;
    default: rc = sc__diag_set(diag, SC_EINVAL, "unknown solution method %d", (int)o->method);
    }
    sc__gmp_end(&region);
    return rc;
}

sc_status sc_efg_solve(const sc_efg *e, const sc_game_solve_options *o, sc_game_solution **out,
                       sc_diag *diag)
{
    sc_game_solve_options defaults;
    if (!o) {
        sc_game_solve_options_init(&defaults);
        o = &defaults;
    }
    *out = NULL;
    const char *name = sc_game_method_name(o->method);
    if (!name) {
        return sc__diag_set(diag, SC_EINVAL, "unknown solution method %d", (int)o->method);
    }
    int behavioural = !o->strategic &&
                      (o->method == SC_GAME_ENUMPURE || o->method == SC_GAME_LCP ||
                       o->method == SC_GAME_LP || o->method == SC_GAME_LOGIT ||
                       o->method == SC_GAME_SPE);
    if (!behavioural) {
        if (o->method == SC_GAME_SPE) {
            return sc__diag_set(diag, SC_EUNSUPPORTED,
                                "method spe works on the game tree; it has no strategic-form "
                                "version");
        }
        /* a strategic-form method: Gambit's tools solve the reduced strategic form */
        sc_game *g = NULL;
        sc_status rc = sc_efg_reduced_form(e, &g, diag);
        if (rc != SC_OK) {
            return rc;
        }
        rc = sc_game_solve(g, o, out, diag);
        sc_game_free(g);
        return rc;
    }
    if (!e->perfect_recall && !(o->method == SC_GAME_ENUMPURE && o->agent)) {
        return sc__diag_set(diag, SC_EUNSUPPORTED,
                            "method %s in behaviour strategies needs perfect recall, which this "
                            "game lacks (a player forgets what they knew or did); solve its "
                            "reduced strategic form with -S",
                            name);
    }
    if (o->method == SC_GAME_SPE && !e->perfect_information) {
        return sc__diag_set(diag, SC_EUNSUPPORTED,
                            "method spe (backward induction) needs perfect information: every "
                            "player's information set must have one node; use lcp or logit "
                            "(Nash equilibria in behaviour strategies)");
    }
    if ((o->method == SC_GAME_LCP || o->method == SC_GAME_LP) && e->n != 2) {
        return sc__diag_set(diag, SC_EUNSUPPORTED,
                            "method %s is only valid for two-player games (this one has %zu)",
                            name, e->n);
    }
    if (!(o->max_regret >= 0) || o->time_limit < 0) {
        return sc__diag_set(diag, SC_EINVAL, "max_regret and time_limit must be >= 0");
    }
    int exact = o->method != SC_GAME_LOGIT;
    sc_game_solution *sol = NULL;
    sc_status rc = sc__sol_new_width(e->width, o->method, exact, &sol, diag);
    if (rc != SC_OK) {
        return rc;
    }
    sol->behaviour = 1;
    sol->progress = o->progress;
    sol->progress_ctx = o->progress_ctx;
    rc = run_method(e, o, &sol, diag);
    if (!sol) {
        return rc; /* GNU MP ran out of memory; run_method freed the solution */
    }
    if (rc != SC_OK && !(rc == SC_ELIMIT && sol->count > 0)) {
        sc_game_solution_free(sol);
        return rc;
    }
    *out = sol;
    return rc;
}
