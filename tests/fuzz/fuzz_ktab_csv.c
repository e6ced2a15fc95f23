/* SPDX-License-Identifier: MIT */
/* libFuzzer target: KTAB's CSV format; what is accepted must run a few turns, and must be what
 * the file sniffing calls KTAB's CSV (but for a first line XML's '<' or a BDM table's '#'
 * comment claim first: docs/ktab.md). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statecraft/scenario.h"
#include "statecraft/smp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_smp_input *in = NULL;
    sc_diag d;
    sc_diag_init(&d);
    const char *text = (const char *)data;
    int sniffed = sc_smp_is_ktab_csv(text, size);
    sc_file_kind kind = sc_file_kind_of(text, size);
    if (sniffed != (kind == SC_FILE_KTAB_CSV)) {
        abort();
    }
    if (sc_smp_read_ktab_csv(text, size, "fuzz.csv", &in, &d) != SC_OK) {
        if (d.code == SC_OK || d.message[0] == '\0') {
            abort();
        }
        return 0;
    }
    if (!sniffed) {
        size_t i = size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        int comment = i < size && text[i] == '#';
        while (i < size && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
                            text[i] == '\n')) {
            i++;
        }
        if (!(kind == SC_FILE_KTAB_XML && i < size && text[i] == '<') &&
            !(kind == SC_FILE_BDM_CSV && comment)) {
            abort(); /* read as KTAB's, but a scenario command would call it YAML */
        }
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
