/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the Bueno de Mesquita actor-table importer. */
#include <stdint.h>
#include <stdlib.h>

#include "statecraft/statecraft.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_scenario *s = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    if (sc_scenario_parse_bdm_csv((const char *)data, size, "issue", NULL, &s, &diag) != SC_OK) {
        if (diag.code == SC_OK || diag.message[0] == '\0') {
            abort();
        }
        return 0;
    }
    double mean, median;
    if (sc_scenario_issue_baseline(s, 0, &mean, &median, NULL) != SC_OK) {
        abort(); /* an accepted table always has a weighted stance */
    }
    sc_scenario_free(s);
    return 0;
}
