/* SPDX-License-Identifier: MIT */
/* Helpers shared by the Monte Carlo tests that call the engine's internals. */
#ifndef SC_MC_TEST_H
#define SC_MC_TEST_H

#include "sc_test.h"

#include <jansson.h>

#include "montecarlo/mc_internal.h"
#include "report/sections.h"

/* The claims section of a finished Monte Carlo run (the scenario before the events), as
 * `run --draws` writes it into the result document; fails the test on an error. */
static inline json_t *sc_test_mc_claims_section(const sc_mc *mc)
{
    sc_run_opts ro;
    sc_run_opts_init(&ro);
    ro.mc = mc;
    sc_state st = {NULL, SC_EVENTS_BEFORE, NULL};
    sc__section_in in = {mc->s, &st, mc->s, &ro, 0};
    json_t *out = json_object();
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc__claims_section(&in, out, &d), SC_OK);
    return out;
}

#endif
