/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: Gambit's .efg reader. Every rejection must say why; what is accepted must
 * write and re-read to the same text (a fixpoint) and the same tree, and small trees must give a
 * reduced strategic form whose profile count matches the strategies.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statecraft/game.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_efg *e = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_efg_read((const char *)data, size, "fuzz.efg", &e, &d) != SC_OK) {
        if (d.code == SC_OK || d.message[0] == '\0') {
            abort();
        }
        return 0;
    }
    char *a = NULL, *b = NULL;
    size_t alen = 0, blen = 0;
    sc_efg *f = NULL;
    if (sc_efg_write(e, &a, &alen, &d) != SC_OK || sc_efg_read(a, alen, "w.efg", &f, &d) != SC_OK ||
        sc_efg_write(f, &b, &blen, &d) != SC_OK || alen != blen || memcmp(a, b, alen) != 0 ||
        sc_efg_nodes(f) != sc_efg_nodes(e) ||
        sc_efg_behaviour_width(f) != sc_efg_behaviour_width(e)) {
        abort();
    }
    if (sc_efg_nodes(e) <= 300) {
        sc_game *g = NULL;
        sc_status rc = sc_efg_reduced_form(e, &g, &d);
        if (rc == SC_OK) {
            size_t prof = 1;
            for (size_t p = 0; p < sc_game_players(g); p++) {
                prof *= sc_game_strategies(g, p);
            }
            if (prof != sc_game_profiles(g) || sc_game_players(g) != sc_efg_players(e)) {
                abort();
            }
            sc_game_free(g);
        } else if (rc != SC_ELIMIT) {
            abort();
        }
    }
    sc_efg_free(f);
    sc_efg_free(e);
    sc_free(a);
    sc_free(b);
    return 0;
}
