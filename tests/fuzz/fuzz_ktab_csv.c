/* SPDX-License-Identifier: MIT */
/* libFuzzer target: KTAB's CSV format; what is accepted must run a few turns. */
#include <stdint.h>
#include <stdlib.h>

#include "statecraft/smp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_smp_input *in = NULL;
    sc_diag d;
    sc_diag_init(&d);
    (void)sc_smp_is_ktab_csv((const char *)data, size);
    if (sc_smp_read_ktab_csv((const char *)data, size, "fuzz.csv", &in, &d) != SC_OK) {
        if (d.code == SC_OK || d.message[0] == '\0') {
            abort();
        }
        return 0;
    }
    if (in->n <= 12 && in->m <= 8) {
        sc_smp_params p;
        sc_smp_params_init(&p);
        p.max_turns = 3;
        sc_smp_result *r = NULL;
        if (sc_smp_run(in, &p, &r, &d) == SC_OK) {
            sc_smp_result_free(r);
        }
    }
    sc_smp_input_free(in);
    return 0;
}
