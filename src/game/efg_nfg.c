/* SPDX-License-Identifier: MIT */
/*
 * The reduced strategic form of a game tree, as Gambit converts it (GameTreeRep::
 * MakeReducedStrategies, then the payoff version of the .nfg): a reduced pure strategy chooses
 * an action at every information set its own earlier choices do not rule out ("*" elsewhere).
 * Strategies come in Gambit's order, labelled "1", "2", ... as in the collection's *_efg.nfg
 * conversions; payoffs are exact expected payoffs over chance.
 */
#include "game/efg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "game/exact.h"

#define MAX_PROFILES ((size_t)1 << 24)
#define MAX_CELLS ((size_t)1 << 26) /* strategies x information sets held at once */

/*
 * Gambit's order, reproduced: walk the tree depth first (nodes are stored in preorder). When the
 * walk first enters a child of node u owned by player P, every partial strategy of P that has no
 * action yet at u's information set and agrees with the actions on the path to u (where it has
 * chosen) is split into one copy per action, in action order; the others stay as they are. The
 * first information set met is therefore the most significant "digit".
 */
sc_status sc__efg_reduced_strategies(const sc_efg *e, size_t player, int32_t **rows,
                                     size_t *count, sc_diag *diag)
{
    *rows = NULL;
    *count = 0;
    size_t P = player + 1, k = e->npiset[P]; /* player's information sets, numbered 0..k-1 */
    size_t width = k ? k : 1;
    int32_t *cur = malloc(width * sizeof *cur), *next = NULL;
    uint32_t *local = malloc((e->niset ? e->niset : 1) * sizeof *local); /* global -> own */
    uint32_t *path = malloc((e->nnode ? e->nnode : 1) * sizeof *path);
    /* P's edges on the path, as (information set, action): with absent-mindedness one set can
       occur twice with different actions, and a strategy must agree with every one of them
       (a pure strategy plays the same action at each visit) */
    uint32_t *own = malloc(2 * (e->nnode ? e->nnode : 1) * sizeof *own);
    size_t n = 1, cap = 1, nown = 0;
    sc_status rc = SC_OK;
    if (!cur || !local || !path || !own) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < e->niset; i++) {
        local[i] = SC__EFG_NONE;
    }
    for (size_t j = 0; j < k; j++) {
        local[e->piset[P][j]] = (uint32_t)j;
        cur[j] = -1;
    }
    size_t top = 0;
    for (size_t v = 0; v < e->nnode; v++) {
        const sc__efg_node *nd = &e->node[v];
        while (top && path[top - 1] != nd->parent) {
            const sc__efg_node *gone = &e->node[path[--top]];
            if (gone->parent != SC__EFG_NONE) {
                if (e->iset[e->node[gone->parent].infoset].player == P) {
                    nown--;
                }
            }
        }
        if (nd->parent != SC__EFG_NONE) {
            uint32_t is = e->node[nd->parent].infoset;
            const sc__efg_infoset *s = &e->iset[is];
            if (nd->action == 0 && s->player == P) {
                /* split the partial strategies that reach this information set unassigned */
                size_t j = local[is], grow = 0;
                for (size_t r = 0; r < n; r++) {
                    const int32_t *row = cur + r * width;
                    int match = row[j] < 0;
                    for (size_t t = 0; t < nown && match; t++) {
                        int32_t want = row[local[own[2 * t]]];
                        match = want < 0 || want == (int32_t)own[2 * t + 1];
                    }
                    grow += match ? s->nact : 1;
                }
                if (grow > MAX_PROFILES || grow * width > MAX_CELLS) {
                    rc = sc__diag_set(diag, SC_ELIMIT,
                                      "player %zu has more than %zu reduced strategies", player + 1,
                                      grow * width > MAX_CELLS ? MAX_CELLS / width : MAX_PROFILES);
                    goto done;
                }
                if (grow > n) {
                    next = malloc(grow * width * sizeof *next);
                    if (!next) {
                        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                        goto done;
                    }
                    size_t o = 0;
                    for (size_t r = 0; r < n; r++) {
                        const int32_t *row = cur + r * width;
                        int match = row[j] < 0;
                        for (size_t t = 0; t < nown && match; t++) {
                            int32_t want = row[local[own[2 * t]]];
                            match = want < 0 || want == (int32_t)own[2 * t + 1];
                        }
                        for (uint32_t a = 0; a < (match ? s->nact : 1); a++) {
                            memcpy(next + o * width, row, width * sizeof *row);
                            if (match) {
                                next[o * width + j] = (int32_t)a;
                            }
                            o++;
                        }
                    }
                    free(cur);
                    cur = next;
                    next = NULL;
                    n = grow;
                    cap = grow;
                } else {
                    /* one action: assign in place where the strategy reaches it */
                    for (size_t r = 0; r < n && s->nact == 1; r++) {
                        int32_t *row = cur + r * width;
                        int match = row[j] < 0;
                        for (size_t t = 0; t < nown && match; t++) {
                            int32_t want = row[local[own[2 * t]]];
                            match = want < 0 || want == (int32_t)own[2 * t + 1];
                        }
                        if (match) {
                            row[j] = 0;
                        }
                    }
                }
            }
            if (s->player == P) {
                own[2 * nown] = is;
                own[2 * nown + 1] = nd->action;
                nown++;
            }
        }
        path[top++] = (uint32_t)v;
    }
    (void)cap;
    *rows = cur;
    *count = n;
    cur = NULL;
done:
    free(cur);
    free(next);
    free(local);
    free(path);
    free(own);
    return rc;
}

static char *dup_text(const char *t)
{
    size_t n = strlen(t) + 1;
    char *c = malloc(n);
    return c ? memcpy(c, t, n) : NULL;
}

/* Profiles (or payoff entries) converted between two looks at the cancel flag and the clock. */
#define STOP_EVERY 1024

/*
 * Whether a caller with options o (NULL: none) asked to stop: cancel, or the time limit counted
 * from t0. Sets *rc (SC_ELIMIT, "METHOD: interrupted" or "...: time limit of S s reached").
 */
static int stopped(const sc_game_solve_options *o, double t0, const char *method, sc_status *rc,
                   sc_diag *diag)
{
    if (o && sc__game_stop(o, t0)) {
        *rc = sc__game_stopped(o, method, diag);
        return 1;
    }
    return 0;
}

static sc_status reduced_form(const sc_efg *e, const sc_game_solve_options *o, double t0,
                              const char *method, sc_game **out, sc_diag *diag)
{
    *out = NULL;
    size_t n = e->n;
    int32_t **strat = calloc(n, sizeof *strat);
    size_t *ns = calloc(n, sizeof *ns), *digit = calloc(n, sizeof *digit);
    uint32_t *local = malloc((e->niset ? e->niset : 1) * sizeof *local);
    uint32_t *stack = malloc((e->nnode ? e->nnode : 1) * sizeof *stack);
    mpq_t *leaf = NULL; /* per terminal node and player: chance probability x path payoff */
    uint32_t *leaf_of = malloc((e->nnode ? e->nnode : 1) * sizeof *leaf_of);
    sc_game *g = calloc(1, sizeof *g);
    sc_status rc = SC_OK;
    size_t nleaf = 0;
    if (!strat || !ns || !digit || !local || !stack || !leaf_of || !g) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    size_t nprof = 1;
    for (size_t p = 0; p < n; p++) {
        if (stopped(o, t0, method, &rc, diag) ||
            (rc = sc__efg_reduced_strategies(e, p, &strat[p], &ns[p], diag)) != SC_OK) {
            goto done;
        }
        if (nprof > MAX_PROFILES / ns[p]) {
            rc = sc__diag_set(diag, SC_ELIMIT,
                              "the reduced strategic form has more than %zu profiles",
                              MAX_PROFILES);
            goto done;
        }
        nprof *= ns[p];
        for (size_t j = 0; j < e->npiset[p + 1]; j++) {
            local[e->piset[p + 1][j]] = (uint32_t)j;
        }
    }
    /* exact value of each terminal node: chance probability of its path x payoffs on the path */
    for (size_t v = 0; v < e->nnode; v++) {
        leaf_of[v] = SC__EFG_NONE;
        if (e->node[v].infoset == SC__EFG_NONE) {
            leaf_of[v] = (uint32_t)nleaf++;
        }
    }
    leaf = malloc((nleaf * n > 0 ? nleaf * n : 1) * sizeof *leaf);
    if (!leaf) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nleaf * n; i++) {
        mpq_init(leaf[i]);
    }
    {
        mpq_t prob, t;
        mpq_inits(prob, t, NULL);
        for (size_t v = 0; v < e->nnode; v++) {
            if (leaf_of[v] == SC__EFG_NONE) {
                continue;
            }
            mpq_t *row = leaf + (size_t)leaf_of[v] * n;
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
        mpq_clears(prob, t, NULL);
    }
    g->n = n;
    g->ns = ns;
    ns = NULL;
    g->nprof = nprof;
    g->version = SC_NFG_PAYOFF;
    g->title = dup_text(e->title);
    g->comment = dup_text(e->comment);
    g->player = calloc(n, sizeof *g->player);
    g->label = calloc(n, sizeof *g->label);
    g->pay = malloc(nprof * n * sizeof *g->pay);
    g->dpay = malloc(nprof * n * sizeof *g->dpay);
    if (!g->title || !g->comment || !g->player || !g->label || !g->pay || !g->dpay) {
        free(g->pay);
        g->pay = NULL;
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    for (; g->pay_ready < nprof * n; g->pay_ready++) { /* sc_game_free clears pay_ready */
        if (g->pay_ready % (64 * STOP_EVERY) == 0 && stopped(o, t0, method, &rc, diag)) {
            goto done;
        }
        mpq_init(g->pay[g->pay_ready]);
    }
    for (size_t p = 0; p < n; p++) {
        g->player[p] = dup_text(e->player[p]);
        g->label[p] = calloc(g->ns[p], sizeof *g->label[p]);
        if (!g->player[p] || !g->label[p]) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t s = 0; s < g->ns[p]; s++) {
            char buf[24];
            snprintf(buf, sizeof buf, "%zu", s + 1);
            if (!(g->label[p][s] = dup_text(buf))) {
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                goto done;
            }
        }
    }
    /* each profile: follow the strategies from the root, branching at chance */
    for (size_t c = 0; c < nprof; c++) {
        if (c % STOP_EVERY == 0 && stopped(o, t0, method, &rc, diag)) {
            goto done;
        }
        mpq_t *pay = g->pay + c * n;
        size_t top = 0;
        if (e->nnode) {
            stack[top++] = 0;
        }
        while (top) {
            const sc__efg_node *nd = &e->node[stack[--top]];
            if (nd->infoset == SC__EFG_NONE) {
                const mpq_t *row = (const mpq_t *)(leaf + (size_t)leaf_of[nd - e->node] * n);
                for (size_t p = 0; p < n; p++) {
                    mpq_add(pay[p], pay[p], row[p]);
                }
                continue;
            }
            const sc__efg_infoset *s = &e->iset[nd->infoset];
            const uint32_t *kids = sc__efg_children(e, nd);
            if (s->player == 0) {
                for (uint32_t a = s->nact; a-- > 0;) {
                    stack[top++] = kids[a];
                }
            } else {
                size_t p = s->player - 1, width = e->npiset[s->player] ? e->npiset[s->player] : 1;
                int32_t a = strat[p][digit[p] * width + local[nd->infoset]];
                stack[top++] = kids[a < 0 ? 0 : a]; /* Gambit's default: the first action */
            }
        }
        for (size_t p = 0; p < n; p++) {
            g->dpay[c * n + p] = mpq_get_d(pay[p]);
        }
        for (size_t p = 0; p < n; p++) {
            if (++digit[p] < g->ns[p]) {
                break;
            }
            digit[p] = 0;
        }
    }
    *out = g;
    g = NULL;
done:
    for (size_t p = 0; strat && p < n; p++) {
        free(strat[p]);
    }
    free(strat);
    free(ns);
    free(digit);
    free(local);
    free(stack);
    free(leaf_of);
    for (size_t i = 0; leaf && i < nleaf * n; i++) {
        mpq_clear(leaf[i]);
    }
    free(leaf);
    sc_game_free(g);
    return rc;
}

sc_status sc__efg_reduced_form_until(const sc_efg *e, const sc_game_solve_options *o, double t0,
                                     const char *method, sc_game **out, sc_diag *diag)
{
    *out = NULL;
    sc__gmp_region region;
    if (SC__GMP_TRY(&region)) {
        /* what the conversion held is not reclaimed (exact.h) */
        return sc__diag_set(diag, SC_ENOMEM, "out of memory in exact arithmetic (GNU MP) while "
                                             "converting to the reduced strategic form");
    }
    sc_status rc = reduced_form(e, o, t0, method, out, diag);
    sc__gmp_end(&region);
    return rc;
}

sc_status sc_efg_reduced_form(const sc_efg *e, sc_game **out, sc_diag *diag)
{
    return sc__efg_reduced_form_until(e, NULL, 0, NULL, out, diag);
}
