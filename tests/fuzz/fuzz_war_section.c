/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the war section reader (src/war/war_scenario.c) on any scenario the YAML
 * parser accepts, in its state after the events and in a Monte Carlo draw; whatever it accepts
 * must pass the model's own checks, and a refusal must be explained.
 */
#include <stdint.h>
#include <stdlib.h>

#include "statecraft/statecraft.h"
#include "statecraft/war.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_war(const sc_scenario *s)
{
    sc_war_params p;
    const char *a, *b, *m;
    sc_diag diag;
    sc_diag_init(&diag);
    if (sc_war_params_from_scenario(s, &p, &a, &b, &m, &diag) != SC_OK) {
        if (diag.code == SC_OK || diag.message[0] == '\0') {
            abort();
        }
        return;
    }
    if (sc_war_params_check(&p, &diag) != SC_OK || !a || !b) {
        abort(); /* the reader returned parameters the model refuses */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_scenario *s = NULL, *at = NULL, *draw = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    if (sc_scenario_parse((const char *)data, size, NULL, &s, &diag) != SC_OK) {
        return 0;
    }
    read_war(s);
    if (sc_scenario_at(s, NULL, &at, &diag) == SC_OK) {
        read_war(at);
        sc_rng rng;
        sc_rng_init(&rng, 7, 0);
        if (sc_scenario_sample(at, &rng, &draw, &diag) == SC_OK) {
            read_war(draw);
        }
    }
    sc_scenario_free(draw);
    sc_scenario_free(at);
    sc_scenario_free(s);
    return 0;
}
