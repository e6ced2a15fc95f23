/* SPDX-License-Identifier: MIT */
/*
 * The result-document section of the expected-utility model, for one state of the scenario: on
 * every issue, the rounds of the Scholz variant (the median voter and mean each round, every
 * actor's trajectory), the forecast (the median voter after the last round), whether the dynamics
 * settle, and Bueno de Mesquita's perspective (quadrant) chart of round 1 for one actor.
 */
#include "report/sections.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "statecraft/eum.h"

static const char *status_name(const sc_eum_result *r)
{
    return r->converged ? "settled" : r->cycle ? "cycles" : r->oscillating ? "oscillates" : "moving";
}


static json_t *series(const double *v, size_t n, size_t stride)
{
    json_t *a = json_array();
    for (size_t t = 0; t < n; t++) {
        json_array_append_new(a, sc__json_number(v[t * stride]));
    }
    return a;
}

static sc_status issue_row(const sc_scenario *s, size_t j, const sc_eum_params *p, json_t *arr,
                           sc_diag *diag)
{
    sc_eum_result *r = NULL;
    const char **ids = NULL;
    sc_diag local;
    sc_diag_init(&local);
    const sc_issue *is = sc_scenario_issue(s, j);
    json_t *o = json_object();
    json_object_set_new(o, "issue", json_string(is->id));
    json_t *scale = json_array();
    json_array_append_new(scale, json_real(is->scale_min));
    json_array_append_new(scale, json_real(is->scale_max));
    json_object_set_new(o, "scale", scale);
    if (sc_eum_run_scenario(s, j, p, &r, &ids, &local) != SC_OK) {
        if (local.code == SC_ENOMEM) {
            json_decref(o);
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        json_object_set_new(o, "forecast", json_null());
        json_object_set_new(o, "note", json_string(local.message));
        json_array_append_new(arr, o);
        return SC_OK;
    }
    int T = r->rounds;
    double lo = r->forecast_lo, hi = r->forecast_hi;
    int moves = 0;
    for (size_t k = 0; k < (size_t)T * r->n; k++) {
        moves += r->moves[k].kind != SC_EUM_NONE;
    }
    sc__json_set_number(o, "median_start", r->median[0]);
    sc__json_set_number(o, "mean_start", r->mean[0]);
    sc__json_set_number(o, "forecast", r->forecast);
    sc__json_set_number(o, "mean_end", r->mean[T]);
    json_t *range = json_array();
    json_array_append_new(range, sc__json_number(lo));
    json_array_append_new(range, sc__json_number(hi));
    json_object_set_new(o, "median_range", range);
    json_object_set_new(o, "rounds", json_integer(T));
    json_object_set_new(o, "moves", json_integer(moves));
    json_object_set_new(o, "status", json_string(status_name(r)));
    json_object_set_new(o, "converged", json_boolean(r->converged));
    json_object_set_new(o, "oscillating", json_boolean(r->oscillating));
    json_object_set_new(o, "cycle", json_boolean(r->cycle));
    json_t *fin = json_object();
    for (size_t i = 0; i < r->n; i++) {
        sc__json_set_number(fin, ids[i], r->positions[(size_t)T * r->n + i]);
    }
    json_object_set_new(o, "final_positions", fin);
    /* round by round: what the trajectory charts draw */
    json_t *tr = json_object(), *pos = json_object();
    json_object_set_new(tr, "median", series(r->median, (size_t)T + 1, 1));
    json_object_set_new(tr, "mean", series(r->mean, (size_t)T + 1, 1));
    for (size_t i = 0; i < r->n; i++) {
        json_object_set_new(pos, ids[i], series(r->positions + i, (size_t)T + 1, r->n));
    }
    json_object_set_new(tr, "positions", pos);
    json_object_set_new(o, "trajectory", tr);
    json_array_append_new(arr, o);
    sc_free((void *)ids);
    sc_eum_result_free(r);
    return SC_OK;
}

/* BDM 1994's reading of a point of the quadrant chart from i's view. */
static const char *region(double x, double y)
{
    if (fabs(x) < 1e-12 && fabs(y) < 1e-12) {
        return "same position";
    }
    if (x > 0 && y > 0) {
        return y > x ? "conflict, j has the edge" : "conflict, i has the edge";
    }
    if (x < 0 && y > 0) {
        return y > -x ? "compromise" : "capitulation";
    }
    return x > 0 && y < 0 ? "i has the edge" : "status quo";
}

/* The actor whose view the perspective chart takes: as asked, else the first actor named by the
 * war or the triangle section, else the scenario's first actor. */
static const char *perspective_actor(const sc_scenario *s, const sc_run_opts *opts)
{
    if (opts->perspective) {
        return opts->perspective;
    }
    const char *id = sc__node_scalar(sc__node_get(sc__scenario_section(s, "war"), "a"));
    if (!id || sc_scenario_actor_index(s, id) < 0) {
        id = sc__node_scalar(
            sc__node_at(sc__node_get(sc__scenario_section(s, "triangle"), "actors"), 0));
    }
    if (!id || sc_scenario_actor_index(s, id) < 0) {
        id = sc_scenario_actor_count(s) ? sc_scenario_actor(s, 0)->id : NULL;
    }
    return id;
}

static sc_status perspective(const sc_scenario *s, const sc_eum_params *p, const char *actor,
                             json_t *out, sc_diag *diag)
{
    json_t *o = json_object();
    json_object_set_new(o, "actor", actor ? json_string(actor) : json_null());
    json_object_set_new(o, "round", json_integer(1));
    json_t *issues = json_array();
    json_object_set_new(o, "issues", issues);
    json_object_set_new(out, "perspective", o);
    long a = actor ? sc_scenario_actor_index(s, actor) : -1;
    if (a < 0) {
        json_object_set_new(o, "note", json_string("no such actor in the scenario"));
        return SC_OK;
    }
    size_t na = sc_scenario_actor_count(s);
    double *c = malloc(na * sizeof *c), *x = malloc(na * sizeof *x), *sal = malloc(na * sizeof *sal);
    double *xs = malloc(na * sizeof *xs), *ys = malloc(na * sizeof *ys);
    size_t *who = malloc(na * sizeof *who);
    sc_status rc = SC_OK;
    if (!c || !x || !sal || !xs || !ys || !who) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t j = 0; j < sc_scenario_issue_count(s); j++) {
        if (!sc_scenario_stance(s, (size_t)a, j)->present) {
            continue;
        }
        size_t n = 0, me = 0;
        for (size_t i = 0; i < na; i++) {
            const sc_stance *st = sc_scenario_stance(s, i, j);
            if (!st->present) {
                continue;
            }
            me = (long)i == a ? n : me;
            c[n] = sc_scenario_actor(s, i)->capability.value;
            x[n] = st->position.value;
            sal[n] = st->salience.value;
            who[n++] = i;
        }
        sc_diag local;
        sc_diag_init(&local);
        json_t *io = json_object();
        json_object_set_new(io, "issue", json_string(sc_scenario_issue(s, j)->id));
        if (n < 2 || sc_eum_quadrant(n, c, x, sal, p, me, xs, ys, &local) != SC_OK) {
            if (local.code == SC_ENOMEM) {
                json_decref(io);
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                goto done;
            }
            json_object_set_new(io, "note", json_string(n < 2 ? "fewer than 2 actors with a stance"
                                                               : local.message));
            json_array_append_new(issues, io);
            continue;
        }
        json_t *pts = json_array();
        for (size_t i = 0; i < n; i++) {
            if (i == me) {
                continue;
            }
            json_t *pt = json_object();
            json_object_set_new(pt, "actor", json_string(sc_scenario_actor(s, who[i])->id));
            sc__json_set_number(pt, "x", xs[i]);
            sc__json_set_number(pt, "y", ys[i]);
            json_object_set_new(pt, "region", json_string(region(xs[i], ys[i])));
            json_array_append_new(pts, pt);
        }
        json_object_set_new(io, "points", pts);
        json_array_append_new(issues, io);
    }
done:
    free(c);
    free(x);
    free(sal);
    free(xs);
    free(ys);
    free(who);
    return rc;
}

sc_status sc__eum_section(const sc__section_in *in, json_t *out, sc_diag *diag)
{
    const sc_scenario *s = in->at;
    if (sc_scenario_issue_count(s) == 0) {
        json_object_set_new(out, "note", json_string("the scenario has no issues"));
        return SC_OK;
    }
    sc_eum_params p;
    sc_eum_params_init(&p);
    sc_status prc = sc_eum_params_from_scenario(s, &p, diag);
    if (prc != SC_OK) {
        return prc;
    }
    json_object_set_new(out, "variant", json_string(sc_eum_variant_name(p.variant)));
    json_object_set_new(out, "rounds", json_integer(p.rounds));
    json_t *arr = json_array();
    json_object_set_new(out, "issues", arr);
    sc_status rc = SC_OK;
    for (size_t j = 0; j < sc_scenario_issue_count(s) && rc == SC_OK; j++) {
        rc = issue_row(s, j, &p, arr, diag);
    }
    if (rc == SC_OK) {
        rc = perspective(s, &p, perspective_actor(s, in->opts), out, diag);
    }
    return rc;
}

void sc__eum_answers(const json_t *content, json_t *out)
{
    size_t k;
    json_t *o;
    json_array_foreach(json_object_get(content, "issues"), k, o) {
        json_t *f = json_object_get(o, "forecast");
        if (!json_is_number(f)) {
            continue;
        }
        json_t *scale = json_object_get(o, "scale");
        double span = json_number_value(json_array_get(scale, 1)) -
                      json_number_value(json_array_get(scale, 0));
        char key[160];
        snprintf(key, sizeof key, "%s forecast",
                 json_string_value(json_object_get(o, "issue")));
        sc__answer_number(out, key, json_number_value(f), 0.01 * span);
    }
}
