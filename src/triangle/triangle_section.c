/* SPDX-License-Identifier: MIT */
/*
 * The result-document section of the strategic triangle for one state of the scenario: the
 * configuration and roles along the timeline (the baseline, then each event date up to the
 * state's cut-off, with the state's variant on top), each actor's distance to the pivot role,
 * and from the state itself the smallest change of one relation that would change each role.
 */
#include "report/sections.h"

#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "statecraft/triangle.h"

/* Reads `triangle: {actors: [A, B, C], tau: T}`; defaults USA, RUS, CHN and tau 0.1. */
sc_status sc_triangle_params_from_scenario(const sc_scenario *s, const char *ids[3], sc_triangle_params *p,
                               unsigned *given, sc_diag *diag)
{
    static const char *const keys[] = {"actors", "tau"};
    sc_triangle_params_init(p);
    ids[0] = "USA";
    ids[1] = "RUS";
    ids[2] = "CHN";
    if (given) {
        *given = 0;
    }
    const sc_node *sec = sc__scenario_section(s, "triangle");
    if (!sec) {
        return SC_OK;
    }
    sc_status rc = sc__node_check_keys(sec, "the triangle section", keys, 2, diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *act = sc__node_get(sec, "actors");
    if (act) {
        if (sc__node_count(act) != 3 || sc__node_kind_of(act) != SC_NODE_SEQ) {
            return sc__node_error(act, diag, SC_EPARSE, "'actors' must list three actor ids");
        }
        for (size_t i = 0; i < 3; i++) {
            ids[i] = sc__node_scalar(sc__node_at(act, i));
            if (!ids[i] || sc_scenario_actor_index(s, ids[i]) < 0) {
                return sc__node_unknown_actor(sc__node_at(act, i), s, ids[i],
                                              " in the triangle section", diag);
            }
            /* the scenario's own copy of the id: the node may belong to the state's section */
            ids[i] = sc_scenario_actor(s, (size_t)sc_scenario_actor_index(s, ids[i]))->id;
        }
        if (given) {
            *given |= SC_TRIANGLE_GIVEN_ACTORS;
        }
    }
    const sc_node *tau = sc__node_get(sec, "tau");
    if (tau) {
        rc = sc__node_number(tau, &p->tau, diag);
        if (rc == SC_OK && !(p->tau >= 0 && p->tau < 1)) {
            return sc__node_error(tau, diag, SC_ERANGE, "'tau' must be in [0, 1)");
        }
        if (given) {
            *given |= SC_TRIANGLE_GIVEN_TAU;
        }
    }
    return rc;
}

static json_t *triangle_json(const sc_triangle *t, const char *ids[3], const char *label)
{
    json_t *o = json_object();
    json_object_set_new(o, "at", json_string(label));
    json_object_set_new(o, "configuration", json_string(sc_triangle_config_name(t->config)));
    json_object_set_new(o, "balanced", json_boolean(t->balanced));
    json_t *dy = json_object();
    for (int d = 0; d < 3; d++) {
        char key[80];
        snprintf(key, sizeof key, "%s-%s", ids[d], ids[(d + 1) % 3]);
        sc__json_set_number(dy, key, t->amity[d]);
    }
    json_object_set_new(o, "amity", dy);
    json_t *roles = json_object();
    for (int i = 0; i < 3; i++) {
        json_t *r = json_object();
        json_object_set_new(r, "role", json_string(sc_triangle_role_name(t->role[i])));
        json_object_set_new(r, "rank", json_integer(t->rank[i]));
        json_object_set_new(r, "score", json_integer(t->score[i]));
        sc__json_set_number(r, "payoff", t->payoff[i]);
        json_object_set_new(roles, ids[i], r);
    }
    json_object_set_new(o, "roles", roles);
    return o;
}

static json_t *change_json(const sc_triangle_change *c, const char *ids[3])
{
    json_t *o = json_object();
    json_t *dy = json_object();
    for (int d = 0; d < 3; d++) {
        if (c->delta[d] != 0) {
            char key[80];
            snprintf(key, sizeof key, "%s-%s", ids[d], ids[(d + 1) % 3]);
            sc__json_set_number(dy, key, c->delta[d]);
        }
    }
    json_object_set_new(o, "changes", dy);
    sc__json_set_number(o, "distance", c->distance);
    json_object_set_new(o, "dyads_changed", json_integer(c->dyads_changed));
    json_object_set_new(o, "new_configuration", json_string(sc_triangle_config_name(c->new_config)));
    return o;
}

/* One point of the timeline: the triangle of scenario `s` (a state of the scenario). */
static sc_status timeline_point(const sc_scenario *s, const char *ids[3], const sc_triangle_params *p,
                                const char *label, const char *date, json_t *timeline, int *ok,
                                double a_out[3])
{
    sc_diag local;
    sc_diag_init(&local);
    *ok = 0;
    if (sc_triangle_from_scenario(s, ids, a_out, &local) != SC_OK) {
        return local.code == SC_ENOMEM ? SC_ENOMEM : SC_OK;
    }
    sc_triangle t;
    sc_triangle_classify(a_out, p, &t, NULL);
    json_t *row = triangle_json(&t, ids, label);
    json_object_set_new(row, "date", date ? json_string(date) : json_null());
    json_t *dist = json_object();
    for (int i = 0; i < 3; i++) {
        sc_triangle_change c;
        if (sc_triangle_min_change_to_role(a_out, i, SC_ROLE_PIVOT, p, 0.01, &c, NULL) == SC_OK) {
            sc__json_set_number(dist, ids[i], c.distance);
        }
    }
    json_object_set_new(row, "distance_to_pivot", dist);
    json_array_append_new(timeline, row);
    *ok = 1;
    return SC_OK;
}

sc_status sc__triangle_check(const sc_scenario *at, sc_diag *diag)
{
    const char *ids[3];
    sc_triangle_params p;
    return sc_triangle_params_from_scenario(at, ids, &p, NULL, diag);
}

sc_status sc__triangle_section(const sc__section_in *in, json_t *json, sc_diag *diag)
{
    const sc_scenario *s = in->at;
    const char *ids[3];
    sc_triangle_params p;
    sc_status rc = sc_triangle_params_from_scenario(s, ids, &p, NULL, diag);
    if (rc != SC_OK) {
        return rc;
    }
    double a[3];
    sc_diag local;
    sc_diag_init(&local);
    if (sc_triangle_from_scenario(s, ids, a, &local) != SC_OK) {
        json_object_set_new(json, "note", json_string(local.message));
        return SC_OK;
    }
    json_t *actors = json_array();
    for (int i = 0; i < 3; i++) {
        json_array_append_new(actors, json_string(ids[i]));
    }
    json_object_set_new(json, "actors", actors);
    sc__json_set_number(json, "tau", p.tau);
    /* The timeline: the baseline, then the triangle as it stands after each event date up to
     * the state's cut-off, each with the state's variant on top (sc_scenario_at). */
    json_t *timeline = json_array();
    json_object_set_new(json, "timeline", timeline);
    double last[3] = {a[0], a[1], a[2]};
    int ok = 0;
    const sc_state *st = in->state;
    sc_state point = {st->variant, SC_EVENTS_BEFORE, NULL};
    sc_scenario *ps = NULL;
    if (st->events == SC_EVENTS_BEFORE) {
        rc = timeline_point(s, ids, &p, "baseline", sc_scenario_date(s), timeline, &ok, last);
    } else if ((rc = sc_scenario_at(in->given, &point, &ps, diag)) == SC_OK) {
        rc = timeline_point(ps, ids, &p, "baseline", sc_scenario_date(ps), timeline, &ok, last);
        sc_scenario_free(ps);
        size_t ne = sc_scenario_event_count(in->given);
        for (size_t k = 0; k < ne && rc == SC_OK; k++) {
            const char *date = sc_scenario_event(in->given, k)->date;
            if (st->until && strcmp(date, st->until) > 0) {
                break; /* events are sorted by date */
            }
            if (k + 1 < ne && strcmp(sc_scenario_event(in->given, k + 1)->date, date) == 0) {
                continue; /* one point per distinct date: its last event */
            }
            int final = k + 1 == ne || (st->until && strcmp(sc_scenario_event(in->given, k + 1)->date,
                                                            st->until) > 0);
            if (final) {
                rc = timeline_point(s, ids, &p, date, date, timeline, &ok, last);
                break;
            }
            point.events = SC_EVENTS_AFTER;
            point.until = date;
            if ((rc = sc_scenario_at(in->given, &point, &ps, diag)) != SC_OK) {
                break;
            }
            rc = timeline_point(ps, ids, &p, date, date, timeline, &ok, last);
            sc_scenario_free(ps);
        }
    }
    if (rc != SC_OK) {
        return rc == SC_ENOMEM ? sc__diag_set(diag, SC_ENOMEM, "out of memory") : rc;
    }
    /* Role flips from the state itself: what single change would give each actor a new role,
     * and what it would take each to become the pivot. */
    sc_triangle t;
    sc_triangle_classify(a, &p, &t, NULL);
    char h[3][80];
    for (int d = 0; d < 3; d++) {
        snprintf(h[d], sizeof h[d], "%s-%s", ids[d], ids[(d + 1) % 3]);
    }
    json_t *flips = json_object();
    for (int i = 0; i < 3; i++) {
        sc_triangle_flip f[3];
        if (sc_triangle_role_flips(a, i, &p, 0.01, f, NULL) != SC_OK) {
            continue;
        }
        json_t *arr = json_array();
        for (int d = 0; d < 3; d++) {
            json_t *o = json_object();
            json_object_set_new(o, "dyad", json_string(h[d]));
            sc__json_set_number(o, "delta", f[d].delta);
            sc__json_set_number(o, "to", f[d].to);
            json_object_set_new(o, "new_role", json_string(sc_triangle_role_name(f[d].new_role)));
            json_object_set_new(o, "new_configuration",
                                json_string(sc_triangle_config_name(f[d].new_config)));
            json_array_append_new(arr, o);
        }
        json_object_set_new(flips, ids[i], arr);
    }
    json_object_set_new(json, "role_flips", flips);
    json_t *to_pivot = json_object();
    for (int i = 0; i < 3; i++) {
        sc_triangle_change c;
        if (sc_triangle_min_change_to_role(a, i, SC_ROLE_PIVOT, &p, 0.01, &c, NULL) == SC_OK) {
            json_object_set_new(to_pivot, ids[i], change_json(&c, ids));
        }
    }
    json_object_set_new(json, "to_pivot", to_pivot);
    return SC_OK;
}

void sc__triangle_answers(const json_t *content, json_t *out)
{
    json_t *tl = json_object_get(content, "timeline");
    json_t *last = json_array_get(tl, json_array_size(tl) - 1);
    if (!last) {
        return;
    }
    json_t *c = json_object_get(last, "configuration");
    if (c) {
        sc__answer_value(out, "configuration", json_copy(c));
    }
    const char *id;
    json_t *r;
    json_object_foreach(json_object_get(last, "roles"), id, r) {
        char key[160];
        snprintf(key, sizeof key, "%s role", id);
        sc__answer_value(out, key, json_copy(json_object_get(r, "role")));
    }
}
