/* SPDX-License-Identifier: MIT */
/* Helpers shared by tests that build scenarios from YAML text. */
#ifndef SC_SCENARIO_TEST_H
#define SC_SCENARIO_TEST_H

#include "sc_test.h"
#include "statecraft/scenario.h"

/* Parses scenario text that must be valid (prints the located error and fails otherwise). */
static inline sc_scenario *sc_test_scenario(const char *text)
{
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_scenario_parse(text, strlen(text), NULL, &s, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("the test scenario does not parse");
    }
    return s;
}

#endif
