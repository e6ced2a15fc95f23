/* SPDX-License-Identifier: MIT */
/* Games built in code (the scenario's alignment game, tests): the same representation as read. */
#include "game/game_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "game/lex.h"

static char *dup_text(const char *t)
{
    size_t n = strlen(t) + 1;
    char *c = malloc(n);
    return c ? memcpy(c, t, n) : NULL;
}

sc_status sc_game_new(size_t n, const size_t *ns, const char *title, sc_game **out,
                      sc_diag *diag)
{
    *out = NULL;
    if (n == 0 || n > 64) {
        return sc__diag_set(diag, SC_EINVAL, "a game needs 1 to 64 players, not %zu", n);
    }
    size_t nprof = 1, max = sc__game_max_payoffs();
    for (size_t p = 0; p < n; p++) {
        if (ns[p] == 0 || ns[p] > ((size_t)1 << 24) / nprof) {
            return sc__diag_set(diag, SC_ELIMIT, "strategy counts must be positive and the game "
                                                 "at most 2^24 profiles");
        }
        nprof *= ns[p];
    }
    if (nprof > max / n) {
        return sc__diag_set(diag, SC_ELIMIT,
                            "%zu profiles x %zu players are more payoffs than the %zu that fit "
                            "the memory budget",
                            nprof, n, max);
    }
    sc_game *g = calloc(1, sizeof *g);
    if (!g) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    g->n = n;
    g->nprof = nprof;
    g->version = SC_NFG_OUTCOME;
    g->title = dup_text(title ? title : "");
    g->comment = dup_text("");
    g->ns = malloc(n * sizeof *g->ns);
    g->player = calloc(n, sizeof *g->player);
    g->label = calloc(n, sizeof *g->label);
    g->pay = malloc(nprof * n * sizeof *g->pay);
    g->dpay = calloc(nprof * n, sizeof *g->dpay);
    int ok = g->title && g->comment && g->ns && g->player && g->label && g->pay && g->dpay;
    sc__gmp_region region;
    if (SC__GMP_TRY(&region)) {
        sc_game_free(g); /* pay_ready says how many rationals to clear */
        return sc__diag_set(diag, SC_ENOMEM, "out of memory (GNU MP)");
    }
    for (; ok && g->pay_ready < nprof * n; g->pay_ready++) {
        mpq_init(g->pay[g->pay_ready]);
    }
    sc__gmp_end(&region);
    for (size_t p = 0; g->ns && p < n; p++) {
        g->ns[p] = ns[p];
    }
    for (size_t p = 0; ok && p < n; p++) {
        char buf[32];
        snprintf(buf, sizeof buf, "Player %zu", p + 1);
        g->player[p] = dup_text(buf);
        g->label[p] = calloc(ns[p], sizeof *g->label[p]);
        ok = g->player[p] && g->label[p];
        for (size_t s = 0; ok && s < ns[p]; s++) {
            snprintf(buf, sizeof buf, "%zu", s + 1);
            ok = (g->label[p][s] = dup_text(buf)) != NULL;
        }
    }
    if (!ok) {
        sc_game_free(g);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    *out = g;
    return SC_OK;
}

sc_status sc_game_set_player(sc_game *g, size_t player, const char *label,
                             const char *const *strategy_labels, sc_diag *diag)
{
    if (player >= g->n) {
        return sc__diag_set(diag, SC_EINVAL, "no player %zu", player + 1);
    }
    if (label) {
        char *t = dup_text(label);
        if (!t) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        free(g->player[player]);
        g->player[player] = t;
    }
    for (size_t s = 0; strategy_labels && s < g->ns[player]; s++) {
        char *t = dup_text(strategy_labels[s]);
        if (!t) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        free(g->label[player][s]);
        g->label[player][s] = t;
    }
    return SC_OK;
}

sc_status sc_game_set_payoff(sc_game *g, size_t profile, size_t player, const char *number,
                             sc_diag *diag)
{
    if (profile >= g->nprof || player >= g->n) {
        return sc__diag_set(diag, SC_EINVAL, "no payoff %zu of profile %zu", player + 1,
                            profile);
    }
    mpq_ptr q = g->pay[profile * g->n + player];
    sc__gmp_region region;
    if (SC__GMP_TRY(&region)) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory (GNU MP)"); /* q is still valid */
    }
    int ok = sc__game_parse_rational(number, strlen(number), q);
    sc__gmp_end(&region);
    if (!ok) {
        return sc__diag_set(diag, SC_EINVAL, "'%s' is not a number", number);
    }
    g->dpay[profile * g->n + player] = mpq_get_d(q);
    return SC_OK;
}

const char *sc_game_player_label(const sc_game *g, size_t player)
{
    return player < g->n ? g->player[player] : NULL;
}

const char *sc_game_strategy_label(const sc_game *g, size_t player, size_t strategy)
{
    return player < g->n && strategy < g->ns[player] ? g->label[player][strategy] : NULL;
}
