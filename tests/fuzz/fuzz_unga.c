/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the UN ideal-point reader. A rejection says why; an accepted file gives
 * finite ideal points and a fit that either converges to finite numbers or says it did not.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "statecraft/events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_unga *u = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_unga_parse((const char *)data, size, "fuzz.csv", &u, &d) != SC_OK) {
        if (u || d.message[0] == '\0') {
            abort();
        }
        return 0;
    }
    for (size_t i = 0; i < sc_unga_row_count(u); i++) {
        const char *iso;
        int session;
        double x, y;
        sc_unga_row(u, i, &iso, &session, &x);
        if (!isfinite(x) || sc_unga_ideal_point(u, iso, session, &y, NULL) != SC_OK) {
            abort();
        }
    }
    sc_unga_map m;
    if (sc_unga_map_fit(u, 1, sc_unga_last_session(u), &m, NULL, &d) == SC_OK &&
        (!isfinite(m.alpha) || !isfinite(m.beta))) {
        abort();
    }
    sc_unga_free(u);
    return 0;
}
