/* SPDX-License-Identifier: MIT */
/*
 * The claims section of the result document: every claim of the scenario with its predicate,
 * judged at the point values in each of its states, and, after a Monte Carlo
 * (sc_run_opts::mc), with its probability, interval, verdict and deciding inputs per state; the
 * Monte Carlo's headline numbers and inputs follow under `monte_carlo`.
 */
#include "montecarlo/mc_internal.h"

#include <string.h>

#include "core/diag_internal.h"
#include "scenario/node.h"

/* Copies a claim's per-state Monte Carlo result onto obj (for a claim with one judged state). */
static void put_result(json_t *obj, json_t *res)
{
    const char *key;
    json_t *v;
    json_object_foreach(res, key, v) {
        json_object_set(obj, key, v);
    }
}

sc_status sc__claims_section(const sc__section_in *in, json_t *out, sc_diag *diag)
{
    const sc_scenario *s = in->given;
    const sc_mc *mc = in->opts->mc;
    sc_mc *own = NULL;
    int any = 0;
    for (size_t k = 0; k < sc_scenario_claim_count(s); k++) {
        any |= sc_scenario_claim(s, k)->holds != NULL;
    }
    if (any && (!mc || mc->s != s)) {
        /* no Monte Carlo on this scenario: judge at the point values with the report's options */
        sc_status rc = sc__mc_new_claims_only(s, in->opts, &own, diag);
        if (rc != SC_OK) {
            return rc;
        }
    }
    const sc_mc *judge = own ? own : mc;
    json_t *mcres = mc && mc->s == s ? sc__mc_result_json(mc) : NULL;
    json_t *by_claim = mcres ? json_object_get(mcres, "claims") : NULL;
    json_t *arr = json_array();
    for (size_t k = 0; k < sc_scenario_claim_count(s); k++) {
        const sc_claim *c = sc_scenario_claim(s, k);
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(c->id));
        json_object_set_new(o, "text", json_string(c->text));
        json_object_set_new(o, "source", c->source ? json_string(c->source) : json_null());
        json_object_set_new(o, "model", c->n_models ? json_string(c->models[0]) : json_null());
        json_t *models = json_array();
        for (size_t m = 0; m < c->n_models; m++) {
            json_array_append_new(models, json_string(c->models[m]));
        }
        json_object_set_new(o, "models", models);
        json_object_set_new(o, "expect", c->expect ? json_string(c->expect) : json_null());
        json_object_set_new(o, "holds", c->holds ? json_string(c->holds) : json_null());
        json_t *states = json_array();
        for (size_t i = 0; i < c->n_states; i++) {
            json_array_append_new(states, json_string(c->states[i]));
        }
        json_object_set_new(o, "judged_in", states);
        json_object_set_new(o, "compare", json_boolean(c->compare));
        if (c->holds && judge) {
            json_t *at = json_object();
            if (c->compare) {
                int h = sc__mc_holds_at_point(judge, k, "side-by-side");
                json_object_set_new(at, "side-by-side", h < 0 ? json_null() : json_boolean(h));
            } else {
                for (size_t i = 0; i < c->n_states; i++) {
                    int h = sc__mc_holds_at_point(judge, k, c->states[i]);
                    json_object_set_new(at, c->states[i], h < 0 ? json_null() : json_boolean(h));
                }
            }
            json_object_set_new(o, "at_point_values", at);
        }
        json_t *res = by_claim ? json_object_get(by_claim, c->id) : NULL;
        if (res) {
            if (json_object_size(res) == 1) {
                const char *key;
                json_t *v;
                json_object_foreach(res, key, v) {
                    put_result(o, v);
                }
            } else {
                json_object_set(o, "states", res);
            }
        }
        json_array_append_new(arr, o);
    }
    json_object_set_new(out, "claims", arr);
    if (mcres) {
        json_object_del(mcres, "claims");
        json_object_set_new(out, "monte_carlo", mcres);
    }
    sc_mc_free(own);
    return SC_OK;
}
