/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the actor mapping file. A rejection is located; what is accepted frees. */
#include <stdint.h>
#include <stdlib.h>

#include "statecraft/events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_actor_map *m = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_actor_map_parse((const char *)data, size, "fuzz.map", &m, &d) != SC_OK) {
        if (m || d.message[0] == '\0' || d.line < 1) {
            abort();
        }
        return 0;
    }
    sc_actor_map_free(m);
    return 0;
}
