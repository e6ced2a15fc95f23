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

/*
 * The small war scenarios' territory issue (test_run_check, test_montecarlo_cli), a string
 * literal to concatenate: Ukraine as the last actor, the issue, and the stances of the United
 * States and Russia; the scenario writes the `actors:` lines before it and the other stances
 * after it. Every line keeps its place, so located errors further down keep their lines.
 */
#define SC_TEST_TERRITORY_ISSUE                                                                    \
    "  - {id: UKR, name: Ukraine, capability: 1}\n"                                                \
    "issues:\n"                                                                                    \
    "  - {id: territory, title: Territory, scale: [0, 100]}\n"                                     \
    "stances:\n"                                                                                   \
    "  territory:\n"                                                                               \
    "    USA: {position: 30, salience: 0.5}\n"                                                     \
    "    RUS: {position: 90, salience: 0.9}\n"

#endif
