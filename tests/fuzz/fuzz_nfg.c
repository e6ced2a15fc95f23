/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: Gambit's .nfg reader. What is accepted must survive a write and re-read with
 * identical payoffs, converting twice (one version, the other, back) must give back the same
 * text, and small games are solved for pure equilibria, whose regret must be 0.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statecraft/game.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_game *g = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_game_read_nfg((const char *)data, size, "fuzz.nfg", &g, &d) != SC_OK) {
        if (d.code == SC_OK || d.message[0] == '\0') {
            abort(); /* every rejection must say why */
        }
        return 0;
    }
    for (int v = 0; v < 2; v++) {
        char *text = NULL;
        size_t len = 0;
        sc_game *h = NULL;
        if (sc_game_write_nfg(g, v ? SC_NFG_PAYOFF : SC_NFG_OUTCOME, &text, &len, &d) != SC_OK ||
            sc_game_read_nfg(text, len, "rewritten.nfg", &h, &d) != SC_OK) {
            abort(); /* what we write we must read */
        }
        if (sc_game_profiles(h) != sc_game_profiles(g) ||
            sc_game_players(h) != sc_game_players(g)) {
            abort();
        }
        for (size_t c = 0; c < sc_game_profiles(g); c++) {
            for (size_t p = 0; p < sc_game_players(g); p++) {
                char x[4200], y[4200]; /* a payoff prints in at most 2002 characters */
                sc_game_payoff_text(g, c, p, x, sizeof x);
                sc_game_payoff_text(h, c, p, y, sizeof y);
                if (strcmp(x, y) != 0) {
                    abort();
                }
            }
        }
        /* convert twice is the identity: h in the other version, read back, in this one */
        char *t2 = NULL, *t3 = NULL;
        size_t l2 = 0, l3 = 0;
        sc_game *k = NULL;
        if (sc_game_write_nfg(h, v ? SC_NFG_OUTCOME : SC_NFG_PAYOFF, &t2, &l2, &d) != SC_OK ||
            sc_game_read_nfg(t2, l2, "twice.nfg", &k, &d) != SC_OK ||
            sc_game_write_nfg(k, v ? SC_NFG_PAYOFF : SC_NFG_OUTCOME, &t3, &l3, &d) != SC_OK) {
            abort();
        }
        if (l3 != len || memcmp(t3, text, len) != 0) {
            abort();
        }
        sc_game_free(k);
        sc_free(t2);
        sc_free(t3);
        sc_game_free(h);
        sc_free(text);
    }
    if (sc_game_profiles(g) <= 4096) {
        sc_game_solution *s = NULL;
        if (sc_game_solve(g, NULL, &s, &d) == SC_OK) {
            if (!(sc_game_solution_max_regret(g, s) <= 1e-9)) {
                abort();
            }
            sc_game_solution_free(s);
        }
    }
    sc_game_free(g);
    return 0;
}
