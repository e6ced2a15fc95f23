/* SPDX-License-Identifier: MIT */
/*
 * The `statecraft run` section for the strategic triangle: the configuration and roles before
 * the events, after each event date and after all of them, and for each actor the smallest
 * change of one relation that would change its role.
 */
#include "report/sections.h"

#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "statecraft/triangle.h"

/* Reads `triangle: {actors: [A, B, C], tau: T}`; defaults USA, RUS, CHN and tau 0.1. */
static sc_status read_section(const sc_scenario *s, const char *ids[3],
                              sc_triangle_params *p, sc_diag *diag)
{
    static const char *const keys[] = {"actors", "tau"};
    sc_triangle_params_init(p);
    ids[0] = "USA";
    ids[1] = "RUS";
    ids[2] = "CHN";
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
                return sc__node_error(sc__node_at(act, i), diag, SC_ENOTFOUND,
                                      "unknown actor in the triangle section");
            }
        }
    }
    const sc_node *tau = sc__node_get(sec, "tau");
    if (tau) {
        rc = sc__node_number(tau, &p->tau, diag);
        if (rc == SC_OK && !(p->tau >= 0 && p->tau < 1)) {
            return sc__node_error(tau, diag, SC_ERANGE, "'tau' must be in [0, 1)");
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

/* Appends "USA-RUS +0.42, CHN-USA +0.61" for the dyads a change moves. */
static void change_text(scx_buf *text, const sc_triangle_change *c, const char *ids[3])
{
    int first = 1;
    for (int d = 0; d < 3; d++) {
        if (c->delta[d] != 0) {
            scx_buf_printf(text, "%s%s-%s %+.2f", first ? "" : ", ", ids[d], ids[(d + 1) % 3],
                           c->delta[d]);
            first = 0;
        }
    }
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

sc_status sc__triangle_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                               json_t *json, sc_diag *diag)
{
    (void)opts;
    const char *ids[3];
    sc_triangle_params p;
    sc_status rc = read_section(s, ids, &p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    double a[3];
    sc_diag local;
    sc_diag_init(&local);
    if (sc_triangle_from_scenario(s, ids, a, &local) != SC_OK) {
        scx_buf_printf(text, "Not run: %s.\n", local.message);
        json_object_set_new(json, "note", json_string(local.message));
        return SC_OK;
    }
    /* The states to show: the baseline, then the triangle as it stands after each event date. */
    size_t ne = sc_scenario_event_count(s), ns = 0;
    double(*state)[3] = malloc((ne + 1) * sizeof *state);
    const char **label = malloc((ne + 1) * sizeof *label);
    if (!state || !label) {
        free(state);
        free(label);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    memcpy(state[ns], a, sizeof a);
    label[ns++] = "baseline";
    for (size_t k = 0; k < ne; k++) {
        const char *date = sc_scenario_event(s, k)->date;
        if (ns > 1 && strcmp(label[ns - 1], date) == 0) {
            continue; /* events are sorted by date: one row per distinct date */
        }
        sc_scenario *after = NULL;
        rc = sc_scenario_after_events(s, date, &after, diag);
        if (rc != SC_OK) {
            free(state);
            free(label);
            return rc;
        }
        if (sc_triangle_from_scenario(after, ids, state[ns], &local) == SC_OK) {
            label[ns++] = date; /* owned by s, which outlives this function's use */
        }
        sc_scenario_free(after);
    }

    scx_buf_printf(text,
                   "Dittmer's strategic triangle %s-%s-%s (dead-band tau = %g; roles ranked "
                   "by Wu 1996:\npivot > friend > partner > wing > foe > outcast).\n\n",
                   ids[0], ids[1], ids[2], p.tau);
    char h[3][80];
    for (int d = 0; d < 3; d++) {
        snprintf(h[d], sizeof h[d], "%s-%s", ids[d], ids[(d + 1) % 3]);
    }
    scx_buf_printf(text, "  %-12s %7.7s %7.7s %7.7s  %-18s roles\n", "state", h[0], h[1], h[2],
                   "configuration");
    json_t *timeline = json_array();
    sc_triangle t;
    for (size_t k = 0; k < ns; k++) {
        sc_triangle_classify(state[k], &p, &t, NULL);
        scx_buf_printf(text, "  %-12s %7.2f %7.2f %7.2f  %-18s", label[k], t.amity[0], t.amity[1],
                       t.amity[2], sc_triangle_config_name(t.config));
        for (int i = 0; i < 3; i++) {
            scx_buf_printf(text, " %s=%s", ids[i], sc_triangle_role_name(t.role[i]));
        }
        scx_buf_puts(text, "\n");
        json_t *row = triangle_json(&t, ids, label[k]);
        json_t *dist = json_object();
        for (int i = 0; i < 3; i++) {
            sc_triangle_change c;
            if (sc_triangle_min_change_to_role(state[k], i, SC_ROLE_PIVOT, &p, 0.01, &c, NULL) ==
                SC_OK) {
                sc__json_set_number(dist, ids[i], c.distance);
            }
        }
        json_object_set_new(row, "distance_to_pivot", dist);
        json_array_append_new(timeline, row);
    }
    json_object_set_new(json, "timeline", timeline);
    json_t *actors = json_array();
    for (int i = 0; i < 3; i++) {
        json_array_append_new(actors, json_string(ids[i]));
    }
    json_object_set_new(json, "actors", actors);
    sc__json_set_number(json, "tau", p.tau);

    /* How far each actor is from the best role, and how the events moved that distance. */
    scx_buf_printf(text,
                   "\nDistance to the pivot role (least total change of amity, to just "
                   "beyond the dead-band):\n  %-12s %7s %7s %7s\n",
                   "state", ids[0], ids[1], ids[2]);
    for (size_t k = 0; k < ns; k++) {
        scx_buf_printf(text, "  %-12s", label[k]);
        for (int i = 0; i < 3; i++) {
            sc_triangle_change c;
            if (sc_triangle_min_change_to_role(state[k], i, SC_ROLE_PIVOT, &p, 0.01, &c, NULL) ==
                SC_OK) {
                scx_buf_printf(text, " %7.2f", c.distance);
            } else {
                scx_buf_printf(text, " %7s", "-");
            }
        }
        scx_buf_puts(text, "\n");
    }

    /* Role flips from the final state: what single change would give each actor a new role. */
    const double *final_a = state[ns - 1];
    sc_triangle_classify(final_a, &p, &t, NULL);
    scx_buf_puts(text, "\nRole-flip distances after the events (smallest change of one relation "
                       "that changes the role):\n");
    json_t *flips = json_object();
    for (int i = 0; i < 3; i++) {
        sc_triangle_flip f[3];
        if (sc_triangle_role_flips(final_a, i, &p, 0.01, f, NULL) != SC_OK) {
            continue;
        }
        json_t *arr = json_array();
        scx_buf_printf(text, "  %s (now %s):\n", ids[i], sc_triangle_role_name(t.role[i]));
        for (int d = 0; d < 3; d++) {
            scx_buf_printf(text, "    %s-%s %+.2f -> %5.2f: %s becomes %s (%s)\n", ids[d],
                           ids[(d + 1) % 3], f[d].delta, f[d].to, ids[i],
                           sc_triangle_role_name(f[d].new_role),
                           sc_triangle_config_name(f[d].new_config));
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
    /* The question the commentary asks: what would make each actor the pivot? */
    json_t *to_pivot = json_object();
    scx_buf_puts(text, "\nWhat it would take to become the pivot (after the events):\n");
    for (int i = 0; i < 3; i++) {
        sc_triangle_change c;
        if (sc_triangle_min_change_to_role(final_a, i, SC_ROLE_PIVOT, &p, 0.01, &c, NULL) !=
            SC_OK) {
            continue;
        }
        json_object_set_new(to_pivot, ids[i], change_json(&c, ids));
        if (c.dyads_changed == 0) {
            scx_buf_printf(text, "  %s is the pivot.\n", ids[i]);
            continue;
        }
        scx_buf_printf(text, "  %s: ", ids[i]);
        change_text(text, &c, ids);
        scx_buf_printf(text, " (total %.2f, %s %s)\n", c.distance,
                       c.dyads_changed == 1   ? "one relation"
                       : c.dyads_changed == 2 ? "two relations"
                                              : "all three relations",
                       c.dyads_changed == 1 ? "changes" : "change");
    }
    json_object_set_new(json, "to_pivot", to_pivot);
    free(state);
    free(label);
    return SC_OK;
}
