/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the YAML scenario parser, then every operation on what it accepts. */
#include <stdint.h>
#include <stdlib.h>

#include "statecraft/statecraft.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_scenario *s = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    if (sc_scenario_parse((const char *)data, size, NULL, &s, &diag) != SC_OK) {
        /* a failure must always be explained */
        if (diag.code == SC_OK || diag.message[0] == '\0') {
            abort();
        }
        return 0;
    }
    /* Whatever parses must survive every derivation and the report. */
    sc_scenario *after = NULL;
    if (sc_scenario_after_events(s, NULL, &after, &diag) == SC_OK) {
        sc_scenario_free(after);
    }
    for (size_t i = 0; i < sc_scenario_variant_count(s); i++) {
        sc_scenario *v = NULL;
        if (sc_scenario_with_variant(s, sc_scenario_variant(s, i)->name, &v, &diag) == SC_OK) {
            sc_scenario_free(v);
        }
    }
    sc_rng rng;
    sc_rng_init(&rng, 1, 0);
    sc_scenario *sample = NULL;
    if (sc_scenario_sample(s, &rng, &sample, &diag) == SC_OK) {
        sc_scenario_free(sample);
    }
    char *out = NULL;
    if (sc_scenario_describe(s, SC_FORMAT_JSON, &out, NULL, &diag) == SC_OK && !out) {
        abort(); /* success always hands out a string */
    }
    sc_free(out);
    sc_scenario_free(s);
    return 0;
}
