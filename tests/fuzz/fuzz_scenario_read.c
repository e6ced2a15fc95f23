/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: a scenario file read by its content (sc_file_kind_of, sc_scenario_read):
 * YAML/JSON scenarios, BDM tables, and KTAB's CSV and XML, which must be refused with a located
 * error naming the command that reads them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statecraft/statecraft.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    sc_file_kind kind = sc_file_kind_of(text, size);
    if (kind != sc_file_kind_of(text, size) || !sc_file_kind_name(kind)) {
        abort(); /* the sniff is a pure function of the bytes */
    }
    sc_scenario *s = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    sc_status rc = sc_scenario_read(text, size, "fuzz.txt", &s, &diag);
    if (rc != SC_OK) {
        if (s || diag.code == SC_OK || diag.message[0] == '\0') {
            abort();
        }
        if ((kind == SC_FILE_KTAB_CSV || kind == SC_FILE_KTAB_XML) &&
            (diag.line < 1 || !strstr(diag.message, "forecast --model smp"))) {
            abort(); /* KTAB's files: located, and the right command named */
        }
        return 0;
    }
    if (!s || kind == SC_FILE_KTAB_CSV || kind == SC_FILE_KTAB_XML) {
        abort();
    }
    if (kind == SC_FILE_BDM_CSV &&
        (sc_scenario_issue_count(s) != 1 || strcmp(sc_scenario_issue(s, 0)->id, "fuzz") != 0)) {
        abort(); /* a BDM table is one issue named after the file */
    }
    sc_scenario_free(s);
    return 0;
}
