/* SPDX-License-Identifier: MIT */
/*
 * The three-actor alignment game built from a scenario (statecraft/game.h, docs/models/games.md).
 * Each actor chooses to tilt toward one of the other two or to stay neutral; what an alignment is
 * worth comes from amity and the partner's weight, what it costs from unrequited tilts, trade put
 * at risk, and the threat of a bloc formed by the other two.
 */
#include "game/game_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scx/scx.h"

void sc_alignment_params_init(sc_alignment_params *p)
{
    p->unrequited = 0.25;
    p->threat = 1.0;
    p->trade = 0.5;
}

/* Strategy s of actor i (0, 1, 2 = tilt toward the first other, the second other, neutral). */
static size_t target_of(size_t i, size_t s)
{
    static const size_t others[3][2] = {{1, 2}, {0, 2}, {0, 1}};
    return s < 2 ? others[i][s] : 3;
}

sc_status sc_alignment_game(const sc_scenario *s, const char *const ids[3],
                            const sc_alignment_params *p, sc_game **out, sc_diag *diag)
{
    *out = NULL;
    sc_alignment_params defaults;
    if (!p) {
        sc_alignment_params_init(&defaults);
        p = &defaults;
    }
    if (!(p->unrequited >= 0) || !(p->threat >= 0) || !(p->trade >= 0) ||
        !isfinite(p->unrequited + p->threat + p->trade)) {
        return sc__diag_set(diag, SC_EINVAL, "alignment game weights must be finite and >= 0");
    }
    size_t idx[3];
    double cap[3], capsum = 0;
    for (size_t i = 0; i < 3; i++) {
        long k = sc_scenario_actor_index(s, ids[i]);
        if (k < 0) {
            return sc__diag_set(diag, SC_ENOTFOUND, "unknown actor '%s'", ids[i]);
        }
        idx[i] = (size_t)k;
        for (size_t j = 0; j < i; j++) {
            if (idx[j] == idx[i]) {
                return sc__diag_set(diag, SC_EINVAL, "the three actors must differ ('%s' twice)",
                                    ids[i]);
            }
        }
        cap[i] = sc_scenario_actor(s, idx[i])->capability.value;
        capsum += cap[i];
    }
    double w[3], a[3][3] = {{0}}, d[3][3] = {{0}}, maxtrade = 0;
    for (size_t i = 0; i < 3; i++) {
        w[i] = cap[i] / capsum;
        for (size_t j = 0; j < 3; j++) {
            if (i == j) {
                continue;
            }
            const sc_relation *r = sc_scenario_relation(s, idx[i], idx[j]);
            if (!r || !r->present) {
                return sc__diag_set(diag, SC_EINVAL, "the scenario has no relation %s-%s",
                                    ids[i], ids[j]);
            }
            a[i][j] = r->amity.value;
            d[i][j] = isnan(r->trade.value) ? 0 : r->trade.value;
            maxtrade = fmax(maxtrade, d[i][j]);
        }
    }
    for (size_t i = 0; i < 3; i++) {
        for (size_t j = 0; j < 3; j++) {
            d[i][j] = maxtrade > 0 ? d[i][j] / maxtrade : 0;
        }
    }
    const size_t ns[3] = {3, 3, 3};
    char title[256];
    snprintf(title, sizeof title, "Alignment game %s-%s-%s (statecraft)", ids[0], ids[1], ids[2]);
    sc_game *g = NULL;
    sc_status rc = sc_game_new(3, ns, title, &g, diag);
    for (size_t i = 0; rc == SC_OK && i < 3; i++) {
        char l0[80], l1[80];
        snprintf(l0, sizeof l0, "toward %s", ids[target_of(i, 0)]);
        snprintf(l1, sizeof l1, "toward %s", ids[target_of(i, 1)]);
        const char *labels[3] = {l0, l1, "neutral"};
        rc = sc_game_set_player(g, i, ids[i], labels, diag);
    }
    for (size_t c = 0; rc == SC_OK && c < 27; c++) {
        size_t t[3] = {target_of(0, c % 3), target_of(1, (c / 3) % 3), target_of(2, c / 9)};
        for (size_t i = 0; rc == SC_OK && i < 3; i++) {
            double u = 0;
            for (size_t j = 0; j < 3; j++) {
                if (j == i) {
                    continue;
                }
                size_t k = 3 - i - j; /* the third actor */
                int tilt = t[i] == j, mutual = tilt && t[j] == i;
                u += mutual ? a[i][j] + w[j] : 0;
                u -= tilt && !mutual ? p->unrequited : 0;
                u -= tilt ? p->trade * d[i][k] : 0;
            }
            size_t j = i == 0 ? 1 : 0, k = 3 - i - j;
            if (t[j] == k && t[k] == j) {
                u -= p->threat * (w[j] + w[k]) * (1 - (a[i][j] + a[i][k]) / 2) / 2;
            }
            char num[64];
            scx_snprintf_c(num, sizeof num, "%.6f", u); /* exact from here on */
            rc = sc_game_set_payoff(g, c, i, num, diag);
        }
    }
    if (rc != SC_OK) {
        sc_game_free(g);
        return rc;
    }
    *out = g;
    return SC_OK;
}
