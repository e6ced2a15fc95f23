/* SPDX-License-Identifier: MIT */
/*
 * sc_run_check: the model sections of a scenario read as `statecraft run` reads them, without
 * running the models, so that `statecraft validate` fails where `run` would (a misspelt `war:`
 * key used to pass validate and stop run).
 */
#include <stdio.h>
#include <string.h>

#include "core/diag_internal.h"
#include "report/document.h"
#include "report/sections.h"
#include "scenario/node.h"
#include "scenario/scenario_internal.h"
#include "statecraft/uncertainty.h"

/* The sections whose model reads them only when it runs (the others are read at load time). */
static const struct {
    const char *section;
    sc__check_fn check;
} checks[] = {
    {"war", sc__war_check},
    {"triangle", sc__triangle_check},
    {"landscape", sc__landscape_check},
    {"game", sc__game_check},
    {"negotiation", sc__negotiation_check},
};

#define N_CHECKS (sizeof checks / sizeof checks[0])

/* Says in which state the error arose, when it is not the scenario as given. */
static void name_state(sc_diag *diag, const sc_state *st)
{
    if (!diag || (!st->variant && st->events == SC_EVENTS_BEFORE)) {
        return;
    }
    size_t len = strlen(diag->message);
    snprintf(diag->message + len, sizeof diag->message - len, " (%s%s%s)",
             st->variant ? "in variant " : "", st->variant ? st->variant : "",
             st->events == SC_EVENTS_BEFORE ? ", before the events"
             : st->variant                  ? ", after the events"
                                            : "after the events");
}

/* Reads the sections of the checks in `which` (bit k: checks[k]) in every state of the comparative
 * report, in its order: as given, then each variant; before, then after the events (values set to
 * `auto` depend on the state). */
static sc_status check_states(const sc_scenario *s, unsigned which, sc_diag *diag)
{
    size_t nv = sc_scenario_variant_count(s);
    for (size_t v = 0; v <= nv; v++) {
        for (int e = 0; e < 2; e++) {
            sc_state st;
            sc_state_init(&st);
            st.variant = v ? sc_scenario_variant(s, v - 1)->name : NULL;
            st.events = e ? SC_EVENTS_AFTER : SC_EVENTS_BEFORE;
            sc_scenario *at = NULL;
            sc_status rc = sc_scenario_at(s, &st, &at, diag);
            for (size_t k = 0; rc == SC_OK && k < N_CHECKS; k++) {
                if ((which >> k & 1u) && sc__scenario_section(at, checks[k].section)) {
                    rc = checks[k].check(at, diag);
                }
            }
            sc_scenario_free(at);
            if (rc != SC_OK) {
                name_state(diag, &st);
                return rc;
            }
        }
    }
    return SC_OK;
}

static sc_status probe_states(sc_scenario *s, void *ctx, sc_diag *diag)
{
    return check_states(s, *(const unsigned *)ctx, diag);
}

/* The checks of the models in `models` whose section the scenario has (bit k: checks[k]). */
static unsigned checks_of(const sc_scenario *s, sc__model_set models)
{
    unsigned which = 0;
    for (size_t k = 0; k < N_CHECKS; k++) {
        /* the model's place in the table sc__model_at reads is its bit in `models` */
        const sc__model *m = sc__model_find(checks[k].section);
        size_t i = m ? (size_t)(m - sc__model_at(0)) : 64;
        if (i < 64 && (models >> i & 1u) && sc__scenario_section(s, checks[k].section)) {
            which |= 1u << k;
        }
    }
    return which;
}

sc_status sc__run_check_models(const sc_scenario *s, sc__model_set models, sc_diag *diag)
{
    unsigned which = checks_of(s, models);
    if (which == 0) {
        return SC_OK; /* nothing to read, and no state to compute */
    }
    /* the point values first: an error of a section's own (a misspelt key) is said where it is,
     * not blamed on whichever uncertain number the draws' probe was trying when it met it */
    sc_status rc = check_states(s, which, diag);
    if (rc != SC_OK || sc_scenario_input_count(s) == 0) {
        return rc;
    }
    /* then every value a draw of `run --draws` can give a section's uncertain number or choice,
     * so that a spread the model refuses fails here, not at draw 55 */
    const char *names[N_CHECKS];
    size_t n = 0;
    for (size_t k = 0; k < N_CHECKS; k++) {
        if (which >> k & 1u) {
            names[n++] = checks[k].section;
        }
    }
    /* the probe writes into the sections: a private copy */
    sc_scenario *copy = NULL;
    if (sc__scenario_clone(s, &copy) != SC_OK) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    rc = sc__scenario_probe_draws(copy, names, n, probe_states, &which, diag);
    sc_scenario_free(copy);
    return rc;
}

sc_status sc_run_check(const sc_scenario *s, sc_diag *diag)
{
    return sc__run_check_models(s, SC__MODELS_ALL, diag);
}
