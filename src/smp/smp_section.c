/* SPDX-License-Identifier: MIT */
/*
 * The result-document section of KTAB's Spatial Model of Politics for one state of the scenario:
 * every issue at once as a dimension, KTAB's default options, played until the positions stop
 * moving or repeat (the scenario's smp: section may ask for KTAB's own rule); per issue the
 * capability x salience weighted mean at the start and the forecast (with its range over a cycle),
 * the coalition that carried the dimension, the leave-one-out drivers, every actor's final
 * position and the trajectories turn by turn.
 */
#include "report/sections.h"

#include <math.h>
#include <stdlib.h>

#include "core/diag_internal.h"
#include "statecraft/smp.h"

sc_status sc__smp_section(const sc__section_in *in, json_t *out, sc_diag *diag)
{
    const sc_scenario *s = in->at;
    sc_smp_input *input = NULL;
    sc_diag local;
    sc_diag_init(&local);
    if (sc_smp_input_from_scenario(s, &input, &local) != SC_OK) {
        if (local.code == SC_ENOMEM) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        json_object_set_new(out, "note", json_string(local.message));
        return SC_OK;
    }
    sc_smp_result *r = NULL;
    sc_smp_params p;
    sc_smp_params_init(&p);
    sc_status rc = sc_smp_params_from_scenario(s, &p, diag);
    if (rc != SC_OK) {
        sc_smp_input_free(input);
        return rc;
    }
    rc = sc_smp_run(input, &p, &r, &local);
    if (rc != SC_OK) {
        sc_smp_input_free(input);
        if (rc == SC_ENOMEM) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        json_object_set_new(out, "note", json_string(local.message));
        return SC_OK;
    }
    size_t n = input->n, m = input->m, T = (size_t)r->turns;
    /* leave-one-out drivers, on [0, 1] (they replay the game n times: not in a Monte Carlo draw) */
    double *delta = NULL;
    if (n >= 3 && !in->opts->monte_carlo) {
        delta = malloc(n * m * sizeof *delta);
        rc = delta ? sc_smp_drivers(input, &p, r->forecast, delta, &local) : SC_ENOMEM;
        if (rc != SC_OK) {
            free(delta);
            delta = NULL;
            if (rc == SC_ENOMEM) {
                sc_smp_result_free(r);
                sc_smp_input_free(input);
                return sc__diag_set(diag, SC_ENOMEM, "out of memory");
            }
        }
    }
    json_object_set_new(out, "turns", json_integer(r->turns));
    json_object_set_new(out, "consensus", json_boolean(r->consensus));
    json_object_set_new(out, "stop", json_string(p.stop == SC_SMP_STOP_KTAB ? "ktab" : "converge"));
    sc__json_set_number(out, "tolerance", p.tol);
    json_object_set_new(out, "outcome", json_string(sc_smp_outcome_name(r->outcome)));
    json_object_set_new(out, "cycle_start",
                        r->outcome == SC_SMP_CYCLE ? json_integer(r->cycle_start) : json_null());
    json_object_set_new(out, "cycle_period",
                        r->outcome == SC_SMP_CYCLE ? json_integer(r->cycle_period) : json_null());
    json_t *win = json_array();
    json_array_append_new(win, json_integer(r->window_start));
    json_array_append_new(win, json_integer(r->window_end));
    json_object_set_new(out, "window", win);
    json_t *issues = json_array();
    size_t *order = malloc(n * sizeof *order);
    for (size_t k = 0; k < m; k++) {
        long j = sc_scenario_issue_index(s, input->dim[k]);
        const sc_issue *is = sc_scenario_issue(s, (size_t)j);
        double lo = is->scale_min, span = is->scale_max - is->scale_min;
        double w = 0;
        for (size_t i = 0; i < n; i++) {
            w += input->cap[i] * input->sal[i * m + k];
        }
        json_t *o = json_object(), *fin = json_object(), *tr = json_object();
        json_t *mean = json_array(), *pos = json_object();
        json_object_set_new(o, "issue", json_string(input->dim[k]));
        json_t *scale = json_array();
        json_array_append_new(scale, json_real(is->scale_min));
        json_array_append_new(scale, json_real(is->scale_max));
        json_object_set_new(o, "scale", scale);
        double m0 = 0;
        for (size_t t = 0; t <= T; t++) {
            double mt = 0;
            for (size_t i = 0; i < n; i++) {
                mt += input->cap[i] * input->sal[i * m + k] * (lo + span * r->pos[(t * n + i) * m + k]);
            }
            mt /= w;
            m0 = t == 0 ? mt : m0;
            json_array_append_new(mean, sc__json_number(mt));
        }
        sc__json_set_number(o, "mean_start", m0);
        sc__json_set_number(o, "forecast_mean", lo + span * r->forecast[k]);
        json_t *fr = json_array();
        json_array_append_new(fr, sc__json_number(lo + span * r->forecast_lo[k]));
        json_array_append_new(fr, sc__json_number(lo + span * r->forecast_hi[k]));
        json_object_set_new(o, "forecast_range", fr);
        /* the coalition that carried the dimension: within half a point of a 0-100 scale */
        sc_smp_coalition c;
        if (sc_smp_coalition_of(input, r, k, 0.005, &c, &local) == SC_OK) {
            json_t *co = json_object(), *mem = json_array();
            for (size_t q = 0; q < c.count; q++) {
                json_array_append_new(mem, json_string(input->actor[c.members[q]]));
            }
            json_object_set_new(co, "members", mem);
            sc__json_set_number(co, "position", lo + span * c.position);
            sc__json_set_number(co, "share", c.share);
            json_object_set_new(o, "coalition", co);
            sc_smp_coalition_destroy(&c);
        }
        json_t *drv = json_array();
        if (delta && order) {
            for (size_t i = 0; i < n; i++) {
                order[i] = i;
            }
            for (size_t i = 1; i < n; i++) { /* by |delta|, largest first; ties by actor */
                for (size_t q = i; q > 0 && fabs(delta[order[q - 1] * m + k]) <
                                                fabs(delta[order[q] * m + k]);
                     q--) {
                    size_t t = order[q];
                    order[q] = order[q - 1];
                    order[q - 1] = t;
                }
            }
            for (size_t i = 0; i < n; i++) {
                json_t *d = json_object();
                json_object_set_new(d, "actor", json_string(input->actor[order[i]]));
                sc__json_set_number(d, "delta", span * delta[order[i] * m + k]);
                json_array_append_new(drv, d);
            }
        }
        json_object_set_new(o, "drivers", delta ? drv : (json_decref(drv), json_null()));
        for (size_t i = 0; i < n; i++) {
            sc__json_set_number(fin, input->actor[i], lo + span * r->pos[(T * n + i) * m + k]);
            if (in->opts->monte_carlo) {
                continue; /* trajectories are for the report's charts, not for a draw */
            }
            json_t *a = json_array();
            for (size_t t = 0; t <= T; t++) {
                json_array_append_new(a, sc__json_number(lo + span * r->pos[(t * n + i) * m + k]));
            }
            json_object_set_new(pos, input->actor[i], a);
        }
        json_object_set_new(o, "final_positions", fin);
        json_object_set_new(tr, "mean", mean);
        json_object_set_new(tr, "positions", pos);
        if (in->opts->monte_carlo) {
            json_decref(tr);
        } else {
            json_object_set_new(o, "trajectory", tr);
        }
        json_array_append_new(issues, o);
    }
    free(order);
    free(delta);
    json_object_set_new(out, "issues", issues);
    if (r->note[0]) {
        json_object_set_new(out, "note", json_string(r->note));
    }
    sc_smp_result_free(r);
    sc_smp_input_free(input);
    return SC_OK;
}

void sc__smp_answers(const json_t *content, json_t *out)
{
    size_t k;
    json_t *o;
    json_array_foreach(json_object_get(content, "issues"), k, o) {
        json_t *f = json_object_get(o, "forecast_mean");
        if (!json_is_number(f)) {
            continue;
        }
        json_t *scale = json_object_get(o, "scale");
        double span = json_number_value(json_array_get(scale, 1)) -
                      json_number_value(json_array_get(scale, 0));
        char key[160];
        snprintf(key, sizeof key, "%s forecast", json_string_value(json_object_get(o, "issue")));
        sc__answer_number(out, key, json_number_value(f), 0.01 * span);
    }
}
