/* SPDX-License-Identifier: MIT */
/*
 * The baseline every scenario gets before any model: per issue, the capability x salience
 * weighted mean and median of the positions (the median voter), with each actor's position and
 * weight so that renderers can draw them. Also the two scenario-level sections: the scenario
 * itself (summary) and the claims it records.
 */
#include "report/sections.h"

#include <math.h>

#include "core/diag_internal.h"
#include "scenario/node.h"

sc_status sc__baseline_section(const sc__section_in *in, json_t *out, sc_diag *diag)
{
    const sc_scenario *s = in->at;
    if (sc_scenario_issue_count(s) == 0) {
        json_object_set_new(out, "note", json_string("the scenario has no issues"));
        return SC_OK;
    }
    json_t *issues = json_array();
    if (!issues) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t j = 0; j < sc_scenario_issue_count(s); j++) {
        const sc_issue *is = sc_scenario_issue(s, j);
        double mean = (double)NAN, median = (double)NAN;
        sc_status rc = sc_scenario_issue_baseline(s, j, &mean, &median, NULL);
        if (rc == SC_ENOMEM) {
            json_decref(issues);
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        json_t *o = json_object();
        json_object_set_new(o, "issue", json_string(is->id));
        json_t *scale = json_array();
        json_array_append_new(scale, json_real(is->scale_min));
        json_array_append_new(scale, json_real(is->scale_max));
        json_object_set_new(o, "scale", scale);
        sc__json_set_number(o, "mean", mean);
        sc__json_set_number(o, "median", median);
        if (rc != SC_OK) {
            json_object_set_new(o, "note", json_string("no actor has a weighted stance"));
        }
        json_t *pos = json_array();
        for (size_t i = 0; i < sc_scenario_actor_count(s); i++) {
            const sc_stance *st = sc_scenario_stance(s, i, j);
            if (!st->present) {
                continue;
            }
            const sc_actor *a = sc_scenario_actor(s, i);
            json_t *p = json_object();
            json_object_set_new(p, "actor", json_string(a->id));
            sc__json_set_number(p, "position", st->position.value);
            sc__json_set_number(p, "salience", st->salience.value);
            sc__json_set_number(p, "capability", a->capability.value);
            sc__json_set_number(p, "weight", a->capability.value * st->salience.value);
            json_array_append_new(pos, p);
        }
        json_object_set_new(o, "positions", pos);
        json_array_append_new(issues, o);
    }
    json_object_set_new(out, "issues", issues);
    return SC_OK;
}

void sc__baseline_answers(const json_t *content, json_t *out)
{
    size_t k;
    json_t *o;
    json_array_foreach(json_object_get(content, "issues"), k, o) {
        const char *id = json_string_value(json_object_get(o, "issue"));
        json_t *scale = json_object_get(o, "scale");
        double span = json_number_value(json_array_get(scale, 1)) -
                      json_number_value(json_array_get(scale, 0));
        char key[160];
        /* a move of 1% of the scale is the smallest the text report shows as a change */
        snprintf(key, sizeof key, "%s median", id ? id : "?");
        if (json_is_number(json_object_get(o, "median"))) {
            sc__answer_number(out, key, json_number_value(json_object_get(o, "median")),
                              0.01 * span);
        }
        snprintf(key, sizeof key, "%s mean", id ? id : "?");
        if (json_is_number(json_object_get(o, "mean"))) {
            sc__answer_number(out, key, json_number_value(json_object_get(o, "mean")),
                              0.01 * span);
        }
    }
}

sc_status sc__summary_section(const sc__section_in *in, json_t *out, sc_diag *diag)
{
    json_t *sj = sc__scenario_json(in->at);
    if (!sj) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    json_object_update(out, sj);
    json_decref(sj);
    return SC_OK;
}

