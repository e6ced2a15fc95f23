/* SPDX-License-Identifier: MIT */
/*
 * Gambit's extensive-form (.efg) files: reader and writer. The format (Gambit's manual, "The
 * extensive game (.efg) file format"; docs/models/games.md) lists the nodes in preorder:
 *
 *   c "node" EVENT ["event" { "a" PROB "b" PROB ... }] OUTCOME ["outcome" { PAYOFFS }]
 *   p "node" PLAYER INFOSET ["infoset" { "a" "b" ... }] OUTCOME ["outcome" { PAYOFFS }]
 *   t "node" OUTCOME ["outcome" { PAYOFFS }]
 *
 * An information set's (event's, outcome's) description is given where it first appears and may
 * be repeated later only identically. Payoffs and probabilities are exact rationals. Unlike
 * Gambit, every error is located, chance probabilities must be non-negative and sum to exactly
 * 1, and sizes are capped so that no input exhausts memory or the stack.
 */
#include "game/efg_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "game/exact.h"
#include "game/lex.h"
#include "scx/scx.h"

#define MAX_PLAYERS 64
#define MAX_NODES ((size_t)1 << 24)
#define MAX_ACTIONS ((size_t)1 << 16)
#define MAX_DEPTH 5000 /* solvers recurse along paths; deeper trees are refused */
#define MAX_FILE ((size_t)64 << 20)

/* ---- small helpers ----------------------------------------------------------------------- */

static char *dup_text(const char *t)
{
    size_t n = strlen(t) + 1;
    char *c = malloc(n);
    return c ? memcpy(c, t, n) : NULL;
}

static char *dup_span(const char *t, size_t n)
{
    char *c = malloc(n + 1);
    if (c) {
        memcpy(c, t, n);
        c[n] = '\0';
    }
    return c;
}

/* Grows *p (elements of size sz, capacity *cap) to hold need elements; 0 when out of memory. */
static int reserve(void **p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap) {
        return 1;
    }
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        c *= 2;
    }
    void *q = realloc(*p, c * sz);
    if (!q) {
        return 0;
    }
    *p = q;
    *cap = c;
    return 1;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i]);
    }
    free(v);
}

static void infoset_clear(sc__efg_infoset *s)
{
    free(s->member);
    free(s->label);
    free_strings(s->action, s->nact);
    for (uint32_t a = 0; s->prob && a < s->nprob; a++) {
        mpq_clear(s->prob[a]);
    }
    free(s->prob);
    free(s->dprob);
    free_strings(s->prob_text, s->nact);
}

static void outcome_clear(sc__efg_outcome *o, size_t n)
{
    free(o->label);
    for (size_t p = 0; o->pay && p < o->npay; p++) {
        mpq_clear(o->pay[p]);
    }
    free(o->pay);
    free(o->dpay);
    free_strings(o->text, n);
}

void sc_efg_free(sc_efg *e)
{
    if (!e) {
        return;
    }
    for (size_t i = 0; i < e->nnode; i++) {
        free(e->node[i].label);
    }
    free(e->node);
    free(e->child);
    for (size_t i = 0; i < e->niset; i++) {
        infoset_clear(&e->iset[i]);
    }
    free(e->iset);
    for (size_t p = 0; e->piset && p <= e->n; p++) {
        free(e->piset[p]);
    }
    free(e->piset);
    free(e->npiset);
    for (size_t i = 0; i < e->nout; i++) {
        outcome_clear(&e->out[i], e->n);
    }
    free(e->out);
    free(e->poff);
    free(e->act_iset);
    free_strings(e->player, e->n);
    free(e->title);
    free(e->comment);
    free(e);
}

/* ---- a map from (player, number in the file) to an index, for information sets and outcomes -- */

typedef struct idmap {
    uint64_t *key;
    uint32_t *val;
    size_t cap, used; /* power of two; empty keys are UINT64_MAX */
} idmap;

static uint64_t mix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

static uint32_t idmap_get(const idmap *m, uint64_t key)
{
    if (!m->cap) {
        return SC__EFG_NONE;
    }
    for (size_t i = mix(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->key[i] == key) {
            return m->val[i];
        }
        if (m->key[i] == UINT64_MAX) {
            return SC__EFG_NONE;
        }
    }
}

static int idmap_put(idmap *m, uint64_t key, uint32_t val)
{
    if (2 * (m->used + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 64;
        uint64_t *k = malloc(cap * sizeof *k);
        uint32_t *v = malloc(cap * sizeof *v);
        if (!k || !v) {
            free(k);
            free(v);
            return 0;
        }
        for (size_t i = 0; i < cap; i++) {
            k[i] = UINT64_MAX;
        }
        for (size_t j = 0; j < m->cap; j++) {
            if (m->key[j] != UINT64_MAX) {
                size_t i = mix(m->key[j]) & (cap - 1);
                while (k[i] != UINT64_MAX) {
                    i = (i + 1) & (cap - 1);
                }
                k[i] = m->key[j];
                v[i] = m->val[j];
            }
        }
        free(m->key);
        free(m->val);
        m->key = k;
        m->val = v;
        m->cap = cap;
    }
    size_t i = mix(key) & (m->cap - 1);
    while (m->key[i] != UINT64_MAX) {
        i = (i + 1) & (m->cap - 1);
    }
    m->key[i] = key;
    m->val[i] = val;
    m->used++;
    return 1;
}

static void idmap_free(idmap *m)
{
    free(m->key);
    free(m->val);
}

/* ---- the reader -------------------------------------------------------------------------- */

typedef struct reader {
    sc__lexer L;
    sc_efg *e;
    idmap isets, outs;
    sc__exact_scratch t; /* the number parser's scratch */
    int t_ready;
    mpq_t q;
    /* one node's description being read */
    char **labels;
    char **ptext;
    mpq_t *probs;
    size_t nlabels, labels_cap, nprobs_init; /* nprobs_init: probs initialised so far */
    mpq_t *pay;
    size_t npay; /* how many of pay are initialised */
    char **paytext;
    int q_ready;
    mpq_t sum; /* scratch for the chance probabilities' sum */
    int sum_ready;
    char *pending; /* a label read but not yet owned by the tree (freed if GNU MP fails) */
    uint32_t *stack, *next; /* read_tree's nodes whose children are being read */
} reader;

static sc_status nomem(reader *R)
{
    return sc__diag_set(R->L.diag, SC_ENOMEM, "out of memory");
}

/* Parses the current token as a number into out, or reports why it is not one (exact.h caps). */
static sc_status read_number(reader *R, mpq_t out, const char *what)
{
    sc__lexer *L = &R->L;
    if (L->kind != SC__T_NUMBER) {
        return sc__lex_fail(L, "expected %s", what);
    }
    const char *why = NULL;
    int got = sc__exact_parse(&R->t, L->text + L->start, L->end - L->start, out, &why);
    if (got > 0) {
        return SC_OK;
    }
    size_t w = L->end - L->start;
    return sc__diag_set_at(L->diag, got < 0 ? SC_ELIMIT : SC_EPARSE, L->file, L->text, L->len,
                           L->start, (int)(w > 80 ? 80 : w < 1 ? 1 : w), "%s",
                           why ? why : "invalid number (integers, decimals, a/b; no leading '+')");
}

/* A non-negative integer token that fits in 32 bits (Gambit reads ids with std::stoi). */
static int read_index(reader *R, uint64_t *out)
{
    sc__lexer *L = &R->L;
    if (L->kind != SC__T_NUMBER || L->end - L->start > 10) {
        return 0;
    }
    uint64_t v = 0;
    for (size_t i = L->start; i < L->end; i++) {
        char c = L->text[i];
        if (c < '0' || c > '9') {
            return 0;
        }
        v = v * 10 + (uint64_t)(c - '0');
    }
    if (v > UINT32_MAX - 1) {
        return 0;
    }
    *out = v;
    return 1;
}

static void clear_description(reader *R)
{
    for (size_t i = 0; i < R->nlabels; i++) {
        free(R->labels[i]);
        R->labels[i] = NULL;
        if (R->ptext) {
            free(R->ptext[i]);
            R->ptext[i] = NULL;
        }
    }
    R->nlabels = 0;
}

/*
 * Reads { "a" "b" ... } (chance: { "a" PROB "b" PROB ... }) into R->labels (and R->probs,
 * R->ptext). Gambit requires at least one action.
 */
static sc_status read_actions(reader *R, int chance)
{
    sc__lexer *L = &R->L;
    if (L->kind != SC__T_LBRACE) {
        return sc__lex_fail(L, "expected '{' and the %s", chance ? "chance actions with their "
                                                                   "probabilities"
                                                                 : "actions");
    }
    sc__lex_next(L);
    clear_description(R);
    do {
        if (L->kind != SC__T_TEXT) {
            return sc__lex_fail(L, "expected a quoted action label%s", R->nlabels ? " or '}'" : "");
        }
        if (R->nlabels == MAX_ACTIONS) {
            return sc__lex_fail(L, "more than %zu actions at one node", MAX_ACTIONS);
        }
        size_t need = R->nlabels + 1;
        if (need > R->labels_cap) {
            size_t cap = R->labels_cap ? 2 * R->labels_cap : 16;
            char **nl = realloc(R->labels, cap * sizeof *nl);
            if (!nl) {
                return nomem(R);
            }
            R->labels = nl;
            char **np = realloc(R->ptext, cap * sizeof *np);
            if (!np) {
                return nomem(R);
            }
            R->ptext = np;
            mpq_t *nq = realloc(R->probs, cap * sizeof *nq);
            if (!nq) {
                return nomem(R);
            }
            R->probs = nq;
            for (size_t i = R->labels_cap; i < cap; i++) {
                R->labels[i] = NULL;
                R->ptext[i] = NULL;
            }
            for (size_t i = R->labels_cap; i < cap; i++) {
                mpq_init(R->probs[i]); /* counted: GNU MP may fail (exact.h) */
                R->nprobs_init++;
            }
            R->labels_cap = cap;
        }
        R->labels[R->nlabels] = sc__lex_text(L);
        if (!R->labels[R->nlabels]) {
            return nomem(R);
        }
        R->nlabels++;
        sc__lex_next(L);
        if (chance) {
            if (L->kind != SC__T_NUMBER) {
                return sc__lex_fail(L, "expected the probability of chance action \"%s\"",
                                    R->labels[R->nlabels - 1]);
            }
            sc_status nrc = read_number(R, R->probs[R->nlabels - 1], "a probability");
            if (nrc != SC_OK) {
                return nrc;
            }
            if (mpq_sgn(R->probs[R->nlabels - 1]) < 0) {
                return sc__lex_fail(L, "a probability cannot be negative");
            }
            R->ptext[R->nlabels - 1] = dup_span(L->text + L->start, L->end - L->start);
            if (!R->ptext[R->nlabels - 1]) {
                return nomem(R);
            }
            sc__lex_next(L);
        }
    } while (L->kind != SC__T_RBRACE);
    sc__lex_next(L);
    return SC_OK;
}

/* The information set (player, number) of a node; creates it from the description if new. */
static sc_status read_infoset(reader *R, uint32_t player, uint32_t *out)
{
    sc__lexer *L = &R->L;
    sc_efg *e = R->e;
    uint64_t number;
    size_t at = L->start, width = L->end - L->start;
    if (!read_index(R, &number) || number == 0) {
        return sc__lex_fail(L, "expected a positive %s number", player ? "information set"
                                                                        : "chance event");
    }
    sc__lex_next(L);
    uint64_t key = ((uint64_t)player << 32) | number;
    uint32_t k = idmap_get(&R->isets, key);
    char who[64];
    if (player) {
        snprintf(who, sizeof who, "information set %llu of player %u", (unsigned long long)number,
                 player);
    } else {
        snprintf(who, sizeof who, "chance event %llu", (unsigned long long)number);
    }
    if (L->kind != SC__T_TEXT) {
        if (k == SC__EFG_NONE) {
            return sc__lex_fail_at(L, at, width,
                                   "%s is used before it is described (give its label and "
                                   "actions where it first appears)",
                                   who);
        }
        *out = k;
        return SC_OK;
    }
    char *label = sc__lex_text(L);
    if (!label) {
        return nomem(R);
    }
    R->pending = label; /* until the tree owns it: GNU MP may fail below (exact.h) */
    sc__lex_next(L);
    size_t list_at = L->start;
    sc_status rc = read_actions(R, player == 0);
    if (rc != SC_OK) {
        R->pending = NULL;
        free(label);
        return rc;
    }
    size_t list_width = L->start > list_at ? L->start - list_at : 1;
    if (player == 0) {
        mpq_ptr sum = R->sum;
        mpq_set_ui(sum, 0, 1);
        for (size_t a = 0; a < R->nlabels; a++) {
            mpq_add(sum, sum, R->probs[a]);
        }
        int one = mpq_cmp_ui(sum, 1, 1) == 0;
        char *s = one ? NULL : mpq_get_str(NULL, 10, sum);
        if (!one) {
            rc = sc__lex_fail_at(L, list_at, list_width,
                                 "the probabilities of %s sum to %s, not 1", who, s ? s : "?");
            void (*gmp_free)(void *, size_t);
            mp_get_memory_functions(NULL, NULL, &gmp_free);
            if (s) {
                gmp_free(s, strlen(s) + 1);
            }
        }
        if (rc != SC_OK) {
            R->pending = NULL;
        free(label);
            return rc;
        }
    }
    if (k != SC__EFG_NONE) {
        /* a repeated description must match the first one exactly */
        sc__efg_infoset *s = &e->iset[k];
        const char *what = NULL;
        if (s->nact != R->nlabels) {
            rc = sc__lex_fail_at(L, list_at, list_width,
                                 "%s has %zu actions here but %u where it was first described "
                                 "(every node of an information set has the same actions)",
                                 who, R->nlabels, s->nact);
        } else if (strcmp(s->label, label) != 0) {
            what = "label";
        } else {
            for (uint32_t a = 0; a < s->nact && !what; a++) {
                if (strcmp(s->action[a], R->labels[a]) != 0) {
                    what = "action labels";
                } else if (player == 0 && mpq_cmp(s->prob[a], R->probs[a]) != 0) {
                    what = "probabilities";
                }
            }
        }
        if (what) {
            rc = sc__lex_fail_at(L, at, width,
                                 "the %s of %s differ from where it was first described", what,
                                 who);
        }
        R->pending = NULL;
        free(label);
        *out = k;
        return rc;
    }
    if (!reserve((void **)&e->iset, &e->iset_cap, e->niset + 1, sizeof *e->iset)) {
        R->pending = NULL;
        free(label);
        return nomem(R);
    }
    sc__efg_infoset *s = &e->iset[e->niset];
    memset(s, 0, sizeof *s);
    s->player = player;
    s->label = label;
    R->pending = NULL;
    s->nact = (uint32_t)R->nlabels;
    s->action = calloc(R->nlabels, sizeof *s->action);
    e->niset++; /* owned by e from here: sc_efg_free releases whatever is set */
    if (!s->action) {
        return nomem(R);
    }
    for (size_t a = 0; a < R->nlabels; a++) {
        s->action[a] = R->labels[a];
        R->labels[a] = NULL;
    }
    if (player == 0) {
        s->prob = malloc(R->nlabels * sizeof *s->prob);
        s->dprob = malloc(R->nlabels * sizeof *s->dprob);
        s->prob_text = calloc(R->nlabels, sizeof *s->prob_text);
        if (!s->prob || !s->dprob || !s->prob_text) {
            free(s->prob);
            s->prob = NULL;
            return nomem(R);
        }
        for (size_t a = 0; a < R->nlabels; a++) {
            mpq_init(s->prob[a]); /* counted: GNU MP may fail (exact.h) */
            s->nprob++;
        }
        for (size_t a = 0; a < R->nlabels; a++) {
            mpq_set(s->prob[a], R->probs[a]);
            s->dprob[a] = mpq_get_d(s->prob[a]);
            s->prob_text[a] = R->ptext[a];
            R->ptext[a] = NULL;
        }
    }
    R->nlabels = 0;
    if (!idmap_put(&R->isets, key, (uint32_t)(e->niset - 1))) {
        return nomem(R);
    }
    *out = (uint32_t)(e->niset - 1);
    return SC_OK;
}

/* The outcome of a node: 0 (none) or 1 + index; created from its description if new. */
static sc_status read_outcome(reader *R, uint32_t *out)
{
    sc__lexer *L = &R->L;
    sc_efg *e = R->e;
    uint64_t number;
    size_t at = L->start, width = L->end - L->start;
    if (!read_index(R, &number)) {
        return sc__lex_fail(L, "expected an outcome number (0 for none)");
    }
    sc__lex_next(L);
    uint32_t k = idmap_get(&R->outs, number);
    if (L->kind != SC__T_TEXT) {
        if (number == 0) {
            *out = 0;
            return SC_OK;
        }
        if (k == SC__EFG_NONE) {
            return sc__lex_fail_at(L, at, width,
                                   "outcome %llu is referenced but not defined (give its label "
                                   "and payoffs where it first appears)",
                                   (unsigned long long)number);
        }
        *out = k + 1;
        return SC_OK;
    }
    if (number == 0) {
        return sc__lex_fail(L, "outcome 0 means no outcome: it cannot have a label or payoffs");
    }
    char *label = sc__lex_text(L);
    if (!label) {
        return nomem(R);
    }
    R->pending = label; /* freed by the reader if GNU MP fails below */
    sc__lex_next(L);
    if (L->kind != SC__T_LBRACE) {
        R->pending = NULL;
        free(label);
        return sc__lex_fail(L, "expected '{' and the payoffs of outcome %llu",
                            (unsigned long long)number);
    }
    size_t brace = L->start;
    sc__lex_next(L);
    for (size_t p = 0; p < e->n; p++) {
        if (p > 0 && L->kind == SC__T_COMMA) {
            sc__lex_next(L);
        }
        if (L->kind != SC__T_NUMBER) {
            R->pending = NULL;
        free(label);
            return sc__lex_fail(L, "expected a payoff for each of the %zu players (%zu given)",
                                e->n, p);
        }
        sc_status nrc = read_number(R, R->pay[p], "a payoff");
        if (nrc != SC_OK) {
            R->pending = NULL;
        free(label);
            return nrc;
        }
        free(R->paytext[p]);
        R->paytext[p] = dup_span(L->text + L->start, L->end - L->start);
        if (!R->paytext[p]) {
            R->pending = NULL;
        free(label);
            return nomem(R);
        }
        sc__lex_next(L);
    }
    if (L->kind != SC__T_RBRACE) {
        R->pending = NULL;
        free(label);
        if (L->kind == SC__T_NUMBER || L->kind == SC__T_COMMA) {
            return sc__lex_fail_at(L, brace, L->end - brace,
                                   "more payoffs than players (%zu)", e->n);
        }
        return sc__lex_fail(L, "expected '}' after the payoffs of outcome %llu",
                            (unsigned long long)number);
    }
    sc__lex_next(L);
    if (k != SC__EFG_NONE) {
        sc__efg_outcome *o = &e->out[k];
        int same = strcmp(o->label, label) == 0;
        for (size_t p = 0; p < e->n && same; p++) {
            same = mpq_cmp(o->pay[p], R->pay[p]) == 0;
        }
        R->pending = NULL;
        free(label);
        if (!same) {
            return sc__lex_fail_at(L, at, width,
                                   "outcome %llu is described differently from where it first "
                                   "appears (label or payoffs)",
                                   (unsigned long long)number);
        }
        *out = k + 1;
        return SC_OK;
    }
    if (!reserve((void **)&e->out, &e->out_cap, e->nout + 1, sizeof *e->out)) {
        R->pending = NULL;
        free(label);
        return nomem(R);
    }
    sc__efg_outcome *o = &e->out[e->nout++];
    memset(o, 0, sizeof *o);
    o->label = label;
    R->pending = NULL;
    o->pay = malloc(e->n * sizeof *o->pay);
    o->dpay = malloc(e->n * sizeof *o->dpay);
    o->text = calloc(e->n, sizeof *o->text);
    if (!o->pay || !o->dpay || !o->text) {
        free(o->pay);
        o->pay = NULL;
        return nomem(R);
    }
    for (size_t p = 0; p < e->n; p++) {
        mpq_init(o->pay[p]); /* counted: GNU MP may fail (exact.h) */
        o->npay++;
    }
    for (size_t p = 0; p < e->n; p++) {
        mpq_set(o->pay[p], R->pay[p]);
        o->dpay[p] = mpq_get_d(o->pay[p]);
        o->text[p] = R->paytext[p];
        R->paytext[p] = NULL;
    }
    if (!idmap_put(&R->outs, number, (uint32_t)(e->nout - 1))) {
        return nomem(R);
    }
    *out = (uint32_t)e->nout;
    return SC_OK;
}

/* A located size-limit error at the current token (SC_ELIMIT). */
static sc_status too_big(sc__lexer *L, const char *fmt, ...) SC__PRINTF(2, 3);
static sc_status too_big(sc__lexer *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t w = L->end - L->start;
    sc_status rc = sc__diag_vset_at(L->diag, SC_ELIMIT, L->file, L->text, L->len, L->start,
                                    w < 1 ? 1 : w > 200 ? 200 : (int)w, fmt, ap);
    va_end(ap);
    return rc;
}

/* The nodes, in preorder, without recursion: a stack of nodes whose children are being read. */
static sc_status read_tree(reader *R)
{
    sc__lexer *L = &R->L;
    sc_efg *e = R->e;
    uint32_t *stack = NULL, *next = NULL; /* mirrored in R, freed by the reader */
    size_t depth = 0, cap = 0;
    sc_status rc = SC_OK;
    do {
        if (L->kind == SC__T_EOF && !depth) {
            rc = sc__lex_fail(L, "expected the game tree (its root node) after the header");
            break;
        }
        if (L->kind == SC__T_EOF) {
            const sc__efg_node *v = &e->node[stack[depth - 1]];
            rc = sc__lex_fail(L, "the file ends before the tree is complete (node %u, \"%s\", "
                                 "has %u children, %u read)",
                              stack[depth - 1] + 1, v->label, e->iset[v->infoset].nact,
                              next[depth - 1]);
            break;
        }
        int kind = sc__lex_is(L, "c") ? 1 : sc__lex_is(L, "p") ? 2 : sc__lex_is(L, "t") ? 0 : -1;
        if (kind < 0) {
            rc = sc__lex_fail(L, "expected a node: 'c' (chance), 'p' (player) or 't' "
                                 "(terminal)%s",
                              e->nnode ? "" : " after the header");
            break;
        }
        if (e->nnode == MAX_NODES) {
            rc = too_big(L, "more than %zu nodes", MAX_NODES);
            break;
        }
        sc__lex_next(L);
        if (L->kind != SC__T_TEXT) {
            rc = sc__lex_fail(L, "expected the node's quoted label (may be \"\")");
            break;
        }
        char *label = sc__lex_text(L);
        if (!label) {
            rc = nomem(R);
            break;
        }
        if (!reserve((void **)&e->node, &e->node_cap, e->nnode + 1, sizeof *e->node)) {
            free(label);
            rc = nomem(R);
            break;
        }
        uint32_t me = (uint32_t)e->nnode++;
        sc__efg_node *v = &e->node[me];
        v->label = label;
        v->parent = depth ? stack[depth - 1] : SC__EFG_NONE;
        v->action = depth ? next[depth - 1] : 0;
        v->infoset = SC__EFG_NONE;
        v->child = 0;
        v->outcome = 0;
        sc__lex_next(L);
        uint32_t iset = SC__EFG_NONE;
        if (kind == 2) {
            uint64_t player;
            if (!read_index(R, &player) || player < 1 || player > e->n) {
                rc = sc__lex_fail(L, "expected a player number from 1 to %zu (the game has %zu "
                                     "player%s)",
                                  e->n, e->n, e->n == 1 ? "" : "s");
                break;
            }
            sc__lex_next(L);
            rc = read_infoset(R, (uint32_t)player, &iset);
        } else if (kind == 1) {
            rc = read_infoset(R, 0, &iset);
        }
        if (rc != SC_OK) {
            break;
        }
        uint32_t outcome = 0;
        if ((rc = read_outcome(R, &outcome)) != SC_OK) {
            break;
        }
        v = &e->node[me];
        v->outcome = outcome;
        if (depth) {
            e->child[e->node[stack[depth - 1]].child + next[depth - 1]] = me;
            next[depth - 1]++;
        }
        if (iset != SC__EFG_NONE) {
            sc__efg_infoset *s = &e->iset[iset];
            if (!reserve((void **)&s->member, &s->member_cap, (size_t)s->nmember + 1,
                         sizeof *s->member)) {
                rc = nomem(R);
                break;
            }
            s->member[s->nmember++] = me;
            v->infoset = iset;
            if (e->nchild + s->nact > MAX_NODES) {
                rc = too_big(L, "more than %zu nodes", MAX_NODES);
                break;
            }
            if (!reserve((void **)&e->child, &e->child_cap, e->nchild + s->nact,
                         sizeof *e->child)) {
                rc = nomem(R);
                break;
            }
            v->child = (uint32_t)e->nchild;
            for (uint32_t a = 0; a < s->nact; a++) {
                e->child[e->nchild++] = SC__EFG_NONE;
            }
            if (depth == MAX_DEPTH) {
                rc = too_big(L, "the tree is deeper than %d moves", MAX_DEPTH);
                break;
            }
            if (depth == cap) {
                cap = cap ? 2 * cap : 64;
                uint32_t *ns = realloc(stack, cap * sizeof *ns);
                if (!ns) {
                    rc = nomem(R);
                    break;
                }
                stack = R->stack = ns;
                uint32_t *nn = realloc(next, cap * sizeof *nn);
                if (!nn) {
                    rc = nomem(R);
                    break;
                }
                next = R->next = nn;
            }
            stack[depth] = me;
            next[depth] = 0;
            depth++;
        }
        while (depth && next[depth - 1] == e->iset[e->node[stack[depth - 1]].infoset].nact) {
            depth--;
        }
    } while (depth);
    return rc; /* the reader frees stack and next */
}

/* Everything after the checks on the raw bytes; R->e and the lexer are set up. */
static sc_status read_all(reader *R)
{
    sc_status rc = SC_OK;
    sc__lexer *L = &R->L;
    sc_efg *e = R->e;
    const char *text = L->text;
    sc_diag *diag = L->diag;
    if (sc__lex_is(L, "NFG")) {
        rc = sc__lex_fail(L, "this is a strategic-form game (.nfg), not an extensive-form one "
                             "(.efg)");
        return rc;
    }
    if (!sc__lex_is(L, "EFG")) {
        rc = sc__lex_fail(L, "expected 'EFG' at the start of the file");
        return rc;
    }
    sc__lex_next(L);
    if (L->kind != SC__T_NUMBER || L->end - L->start != 1 || text[L->start] != '2') {
        rc = sc__lex_fail(L, "expected the format version 2");
        return rc;
    }
    sc__lex_next(L);
    if (!sc__lex_is(L, "R") && !sc__lex_is(L, "D")) {
        rc = sc__lex_fail(L, "expected 'R' or 'D'");
        return rc;
    }
    sc__lex_next(L);
    if (L->kind != SC__T_TEXT) {
        rc = sc__lex_fail(L, "expected the quoted title");
        return rc;
    }
    if (!(e->title = sc__lex_text(L))) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        return rc;
    }
    sc__lex_next(L);
    size_t players_at = L->start;
    if ((rc = sc__lex_labels(L, &e->player, &e->n, MAX_PLAYERS)) != SC_OK) {
        return rc;
    }
    if (e->n == 0) {
        rc = sc__lex_fail_at(L, players_at, 1, "the game needs at least one player");
        return rc;
    }
    if (L->kind == SC__T_TEXT) {
        e->comment = sc__lex_text(L);
        sc__lex_next(L);
    } else {
        e->comment = dup_text("");
    }
    R->pay = malloc(e->n * sizeof *R->pay);
    R->paytext = calloc(e->n, sizeof *R->paytext);
    if (!e->comment || !R->pay || !R->paytext) {
        free(R->pay);
        R->pay = NULL;
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        return rc;
    }
    for (size_t p = 0; p < e->n; p++) {
        mpq_init(R->pay[p]);
        R->npay++;
    }
    if ((rc = read_tree(R)) != SC_OK) {
        return rc;
    }
    if (L->kind != SC__T_EOF) {
        rc = sc__lex_fail(L, "expected the end of the file: the tree is already complete");
        return rc;
    }
    if (!sc__labels_normalize(e->player, e->n)) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        return rc;
    }
    for (size_t i = 0; i < e->niset; i++) {
        if (!sc__labels_normalize(e->iset[i].action, e->iset[i].nact)) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            return rc;
        }
    }
    return sc__efg_finish(e, diag);
}

sc_status sc_efg_read(const char *text, size_t len, const char *file, sc_efg **out,
                      sc_diag *diag)
{
    *out = NULL;
    const char *name = file ? file : "<input>";
    if (len > MAX_FILE) {
        sc__diag_set(diag, SC_ELIMIT, "file larger than 64 MiB");
        sc__diag_set_file(diag, name);
        return SC_ELIMIT;
    }
    if (memchr(text, '\0', len)) {
        size_t at = (size_t)((const char *)memchr(text, '\0', len) - text);
        return sc__diag_set_at(diag, SC_EPARSE, name, text, len, at, 1,
                               "NUL byte: this is not a text file");
    }
    /* on the heap: what the reader builds must survive a jump from GNU MP (exact.h) */
    reader *R = calloc(1, sizeof *R);
    sc_efg *e = calloc(1, sizeof *e);
    if (!R || !e) {
        free(R);
        free(e);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    R->e = e;
    sc__lex_init(&R->L, text, len, file, diag);
    sc_status rc;
    sc__gmp_region region;
    if (SC__GMP_TRY(&region)) {
        rc = sc__diag_set_at(diag, SC_ENOMEM, R->L.file, text, len, R->L.start, 1,
                             "out of memory reading the numbers (GNU MP)");
    } else {
        sc__exact_scratch_init(&R->t);
        R->t_ready = 1;
        mpq_init(R->q);
        R->q_ready = 1;
        mpq_init(R->sum);
        R->sum_ready = 1;
        rc = read_all(R);
        sc__gmp_end(&region);
    }
    /* clearing never allocates; only what was initialised is cleared */
    if (R->t_ready) {
        sc__exact_scratch_clear(&R->t);
    }
    clear_description(R);
    free(R->labels);
    free(R->ptext);
    for (size_t i = 0; i < R->nprobs_init; i++) {
        mpq_clear(R->probs[i]);
    }
    free(R->probs);
    for (size_t p = 0; R->pay && p < R->npay; p++) {
        mpq_clear(R->pay[p]);
    }
    free(R->pay);
    free_strings(R->paytext, R->paytext ? e->n : 0);
    idmap_free(&R->isets);
    idmap_free(&R->outs);
    if (R->q_ready) {
        mpq_clear(R->q);
    }
    if (R->sum_ready) {
        mpq_clear(R->sum);
    }
    free(R->pending);
    free(R->stack);
    free(R->next);
    free(R);
    if (rc != SC_OK) {
        sc_efg_free(e);
        return rc;
    }
    *out = e;
    return SC_OK;
}

/* ---- structure: profile layout, recall ------------------------------------------------------- */

sc_status sc__efg_finish(sc_efg *e, sc_diag *diag)
{
    free(e->poff);
    free(e->act_iset);
    free(e->npiset);
    for (size_t p = 0; e->piset && p <= e->n; p++) {
        free(e->piset[p]);
    }
    free(e->piset);
    e->poff = calloc(e->n + 1, sizeof *e->poff);
    e->npiset = calloc(e->n + 1, sizeof *e->npiset);
    e->piset = calloc(e->n + 1, sizeof *e->piset);
    e->act_iset = NULL;
    if (!e->poff || !e->npiset || !e->piset) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < e->niset; i++) {
        e->npiset[e->iset[i].player]++;
    }
    for (size_t p = 0; p <= e->n; p++) {
        e->piset[p] = malloc((e->npiset[p] ? e->npiset[p] : 1) * sizeof *e->piset[p]);
        if (!e->piset[p]) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        e->npiset[p] = 0;
    }
    /* information sets are created in order of first appearance in preorder: Gambit's order */
    for (size_t i = 0; i < e->niset; i++) {
        sc__efg_infoset *s = &e->iset[i];
        s->number = (uint32_t)(e->npiset[s->player] + 1);
        e->piset[s->player][e->npiset[s->player]++] = (uint32_t)i;
    }
    size_t w = 0;
    for (size_t p = 1; p <= e->n; p++) {
        e->poff[p - 1] = w;
        for (size_t k = 0; k < e->npiset[p]; k++) {
            sc__efg_infoset *s = &e->iset[e->piset[p][k]];
            s->offset = (uint32_t)w;
            w += s->nact;
        }
    }
    e->poff[e->n] = w;
    e->width = w;
    e->act_iset = malloc((w ? w : 1) * sizeof *e->act_iset);
    if (!e->act_iset) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < e->niset; i++) {
        const sc__efg_infoset *s = &e->iset[i];
        for (uint32_t a = 0; s->player && a < s->nact; a++) {
            e->act_iset[s->offset + a] = (uint32_t)i;
        }
    }
    /*
     * Perfect recall: all nodes of an information set share the player's own last (information
     * set, action) on the path from the root (by induction this is the whole own history), and
     * no information set occurs twice on one path (absent-mindedness). One preorder pass with,
     * per player, the last own sequence on the current path.
     */
    e->perfect_information = 1;
    e->perfect_recall = 1;
    e->absent_minded = 0;
    for (size_t i = 0; i < e->niset; i++) {
        e->iset[i].parent_seq = SC__EFG_NONE;
        if (e->iset[i].player && e->iset[i].nmember > 1) {
            e->perfect_information = 0;
        }
    }
    /*
     * Nodes are in preorder, so walking them in index order is a depth-first traversal: the
     * path is a stack; moving to node v pops back to v's parent, undoing what the popped edges
     * set. cur[p] is player p's last own action on the path (0 none, else 1 + profile entry);
     * onpath[i] counts the path's nodes in information set i.
     */
    uint32_t *cur = calloc(e->n + 1, sizeof *cur);
    uint32_t *onpath = calloc(e->niset ? e->niset : 1, sizeof *onpath);
    uint32_t *path = malloc((e->nnode ? e->nnode : 1) * sizeof *path);
    uint32_t *saved = malloc((e->nnode ? e->nnode : 1) * sizeof *saved);
    if (!cur || !onpath || !path || !saved) {
        free(cur);
        free(onpath);
        free(path);
        free(saved);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    size_t top = 0;
    for (size_t v = 0; v < e->nnode; v++) {
        const sc__efg_node *nd = &e->node[v];
        while (top && path[top - 1] != nd->parent) {
            const sc__efg_node *gone = &e->node[path[--top]];
            if (gone->infoset != SC__EFG_NONE) {
                onpath[gone->infoset]--;
            }
            if (gone->parent != SC__EFG_NONE) {
                uint32_t pp = e->iset[e->node[gone->parent].infoset].player;
                if (pp) {
                    cur[pp] = saved[top];
                }
            }
        }
        if (nd->parent != SC__EFG_NONE) {
            uint32_t pp = e->iset[e->node[nd->parent].infoset].player;
            if (pp) {
                saved[top] = cur[pp];
                cur[pp] = e->iset[e->node[nd->parent].infoset].offset + nd->action + 1;
            }
        }
        path[top++] = (uint32_t)v;
        if (nd->infoset != SC__EFG_NONE) {
            sc__efg_infoset *s = &e->iset[nd->infoset];
            if (onpath[nd->infoset]++) {
                e->absent_minded = 1;
                e->perfect_recall = 0;
            }
            if (s->player) {
                if (s->parent_seq == SC__EFG_NONE) {
                    s->parent_seq = cur[s->player];
                } else if (s->parent_seq != cur[s->player]) {
                    e->perfect_recall = 0;
                }
            }
        }
    }
    free(cur);
    free(onpath);
    free(path);
    free(saved);
    return SC_OK;
}

/* ---- accessors ----------------------------------------------------------------------------- */

const char *sc_efg_title(const sc_efg *e) { return e->title; }
size_t sc_efg_players(const sc_efg *e) { return e->n; }
size_t sc_efg_nodes(const sc_efg *e) { return e->nnode; }
size_t sc_efg_behaviour_width(const sc_efg *e) { return e->width; }
int sc_efg_perfect_recall(const sc_efg *e) { return e->perfect_recall; }
int sc_efg_perfect_information(const sc_efg *e) { return e->perfect_information; }

const char *sc_efg_player_label(const sc_efg *e, size_t player)
{
    return player < e->n ? e->player[player] : NULL;
}

size_t sc_efg_infosets(const sc_efg *e, size_t player)
{
    return player < e->n ? e->npiset[player + 1] : 0;
}

static const sc__efg_infoset *infoset_of(const sc_efg *e, size_t player, size_t infoset)
{
    if (player >= e->n || infoset >= e->npiset[player + 1]) {
        return NULL;
    }
    return &e->iset[e->piset[player + 1][infoset]];
}

size_t sc_efg_actions(const sc_efg *e, size_t player, size_t infoset)
{
    const sc__efg_infoset *s = infoset_of(e, player, infoset);
    return s ? s->nact : 0;
}

const char *sc_efg_infoset_label(const sc_efg *e, size_t player, size_t infoset)
{
    const sc__efg_infoset *s = infoset_of(e, player, infoset);
    return s ? s->label : NULL;
}

const char *sc_efg_action_label(const sc_efg *e, size_t player, size_t infoset, size_t action)
{
    const sc__efg_infoset *s = infoset_of(e, player, infoset);
    return s && action < s->nact ? s->action[action] : NULL;
}

/* ---- the writer ---------------------------------------------------------------------------- */

static void quoted(scx_buf *b, const char *s)
{
    scx_buf_puts(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            scx_buf_append(b, "\\", 1); /* std::quoted, as Gambit writes */
        }
        scx_buf_append(b, s, 1);
    }
    scx_buf_puts(b, "\"");
}

/*
 * Gambit's layout (GameTreeRep::WriteEfgFile): one node per line in preorder, every node with its
 * information set's full description, outcomes numbered in order of definition, numbers as they
 * were written in the file.
 */
sc_status sc_efg_write(const sc_efg *e, char **out, size_t *len, sc_diag *diag)
{
    scx_buf buf;
    scx_buf_init(&buf);
    scx_buf *b = &buf;
    scx_buf_puts(b, "EFG 2 R ");
    quoted(b, e->title);
    scx_buf_puts(b, " {");
    for (size_t p = 0; p < e->n; p++) {
        scx_buf_puts(b, " ");
        quoted(b, e->player[p]);
    }
    scx_buf_puts(b, " }\n");
    quoted(b, e->comment);
    scx_buf_puts(b, "\n\n");
    for (size_t v = 0; v < e->nnode; v++) {
        const sc__efg_node *nd = &e->node[v];
        const sc__efg_infoset *s = nd->infoset == SC__EFG_NONE ? NULL : &e->iset[nd->infoset];
        scx_buf_puts(b, !s ? "t " : s->player ? "p " : "c ");
        quoted(b, nd->label);
        scx_buf_puts(b, " ");
        if (s) {
            if (s->player) {
                scx_buf_printf(b, "%u ", s->player);
            }
            scx_buf_printf(b, "%u ", s->number);
            quoted(b, s->label);
            scx_buf_puts(b, " {");
            for (uint32_t a = 0; a < s->nact; a++) {
                scx_buf_puts(b, " ");
                quoted(b, s->action[a]);
                if (!s->player) {
                    scx_buf_puts(b, " ");
                    scx_buf_puts(b, s->prob_text[a]);
                }
            }
            scx_buf_puts(b, " } ");
        }
        if (nd->outcome) {
            const sc__efg_outcome *o = &e->out[nd->outcome - 1];
            scx_buf_printf(b, "%u ", nd->outcome);
            quoted(b, o->label);
            scx_buf_puts(b, " {");
            for (size_t p = 0; p < e->n; p++) {
                scx_buf_printf(b, "%s %s", p ? "," : "", o->text[p]);
            }
            scx_buf_puts(b, " }\n");
        } else {
            scx_buf_puts(b, "0\n");
        }
    }
    return scx_buf_take(b, out, len, diag);
}
