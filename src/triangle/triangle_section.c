/*
 * The `statecraft run` section for the strategic triangle: the configuration and roles before
 * the events, after each event date and after all of them, and for each actor the smallest
 * change of one relation that would change its role.
 */
#include "report/sections.h"

#include <string.h>

#include "core/diag_internal.h"
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
    const sc_node *sec = sc_scenario_section(s, "triangle");
    if (!sec) {
        return SC_OK;
    }
    sc_status rc = sc_node_check_keys(sec, "the triangle section", keys, 2, diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *act = sc_node_get(sec, "actors");
    if (act) {
        if (sc_node_count(act) != 3 || sc_node_kind_of(act) != SC_NODE_SEQ) {
            return sc_node_error(act, diag, SC_EPARSE, "'actors' must list three actor ids");
        }
        for (size_t i = 0; i < 3; i++) {
            ids[i] = sc_node_scalar(sc_node_at(act, i));
            if (!ids[i] || sc_scenario_actor_index(s, ids[i]) < 0) {
                return sc_node_error(sc_node_at(act, i), diag, SC_ENOTFOUND,
                                     "unknown actor in the triangle section");
            }
        }
    }
    const sc_node *tau = sc_node_get(sec, "tau");
    if (tau) {
        rc = sc_node_number(tau, &p->tau, diag);
        if (rc == SC_OK && !(p->tau >= 0 && p->tau < 1)) {
            return sc_node_error(tau, diag, SC_ERANGE, "'tau' must be in [0, 1)");
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

static void triangle_line(sc_buf *text, const sc_triangle *t, const char *ids[3],
                          const char *label)
{
    sc_buf_printf(text, "  %-12s %5.2f %5.2f %5.2f  %-18s", label, t->amity[0], t->amity[1],
                  t->amity[2], sc_triangle_config_name(t->config));
    for (int i = 0; i < 3; i++) {
        sc_buf_printf(text, " %s=%s", ids[i], sc_triangle_role_name(t->role[i]));
    }
    sc_buf_puts(text, "\n");
}

sc_status sc__triangle_section(const sc_scenario *s, const sc_run_opts *opts, sc_buf *text,
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
        sc_buf_printf(text, "Not run: %s.\n", local.message);
        json_object_set_new(json, "note", json_string(local.message));
        return SC_OK;
    }
    sc_buf_printf(text, "Dittmer's strategic triangle %s-%s-%s (dead-band tau = %g; roles ranked "
                        "by Wu 1996:\npivot > friend > partner > wing > foe > outcast).\n\n",
                  ids[0], ids[1], ids[2], p.tau);
    sc_buf_printf(text, "  %-12s %5.5s %5.5s %5.5s  %-18s roles\n", "state", "AB", "BC", "CA",
                  "configuration");
    json_t *timeline = json_array();
    sc_triangle t;
    sc_triangle_classify(a, &p, &t);
    triangle_line(text, &t, ids, "baseline");
    json_array_append_new(timeline, triangle_json(&t, ids, "baseline"));
    double final_a[3] = {a[0], a[1], a[2]};
    /* One row per distinct event date: the triangle as it stands after that day. */
    const char *prev = NULL;
    for (size_t k = 0; k < sc_scenario_event_count(s); k++) {
        const char *date = sc_scenario_event(s, k)->date;
        if (prev && strcmp(prev, date) == 0) {
            continue;
        }
        prev = date;
        sc_scenario *after = NULL;
        rc = sc_scenario_after_events(s, date, &after, diag);
        if (rc != SC_OK) {
            json_decref(timeline);
            return rc;
        }
        if (sc_triangle_from_scenario(after, ids, final_a, &local) == SC_OK) {
            sc_triangle_classify(final_a, &p, &t);
            triangle_line(text, &t, ids, date);
            json_array_append_new(timeline, triangle_json(&t, ids, date));
        }
        sc_scenario_free(after);
    }
    json_object_set_new(json, "timeline", timeline);
    json_t *actors = json_array();
    for (int i = 0; i < 3; i++) {
        json_array_append_new(actors, json_string(ids[i]));
    }
    json_object_set_new(json, "actors", actors);
    sc__json_set_number(json, "tau", p.tau);

    /* Role flips from the final state: what single change would give each actor a new role. */
    sc_triangle_classify(final_a, &p, &t);
    sc_buf_puts(text, "\nRole-flip distances after the events (smallest change of one relation "
                      "that changes the role):\n");
    json_t *flips = json_object();
    for (int i = 0; i < 3; i++) {
        sc_triangle_flip f[3];
        if (sc_triangle_role_flips(final_a, i, &p, 0.01, f) != SC_OK) {
            continue;
        }
        json_t *arr = json_array();
        sc_buf_printf(text, "  %s (now %s):\n", ids[i], sc_triangle_role_name(t.role[i]));
        for (int d = 0; d < 3; d++) {
            sc_buf_printf(text, "    %s-%s %+.2f -> %5.2f: %s becomes %s (%s)\n", ids[d],
                          ids[(d + 1) % 3], f[d].delta, f[d].to, ids[i],
                          sc_triangle_role_name(f[d].new_role),
                          sc_triangle_config_name(f[d].new_config));
            json_t *o = json_object();
            char key[80];
            snprintf(key, sizeof key, "%s-%s", ids[d], ids[(d + 1) % 3]);
            json_object_set_new(o, "dyad", json_string(key));
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
    /* The question the commentary asks: what would make the second actor the pivot? */
    for (int i = 0; i < 3; i++) {
        sc_triangle_flip f;
        if (sc_triangle_distance_to_role(final_a, i, SC_ROLE_PIVOT, &p, 0.01, &f) == SC_OK &&
            f.dyad >= 0 && t.role[i] != SC_ROLE_PIVOT) {
            sc_buf_printf(text, "  %s becomes the pivot if %s-%s moves %+.2f (to %.2f).\n", ids[i],
                          ids[f.dyad], ids[(f.dyad + 1) % 3], f.delta, f.to);
        }
    }
    return SC_OK;
}
