/* SPDX-License-Identifier: MIT */
/*
 * The report section "Relations: judgement vs data": for one state of the scenario, every pair
 * with an amity in the scenario set against what data say about it, the largest gaps first.
 * The data are the scenario's own `data:` section (UN ideal points, event scores computed
 * elsewhere) and the event files given to `statecraft run --events`, scored on the state's date.
 *
 * STATE_CONTENT:
 *   {"date": the state's date,
 *    "data": [{"id", "kind", "source", "description", "date" or "session"/"year", "map": {...},
 *              "pairs": [{"a", "b", "amity", "score", "data_amity", "gap", ...}],
 *              "pairs_without_data", "mean_abs_gap"}]}
 * gap = amity (the scenario's judgement) - data_amity. No data at all: {"note": why}.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "events/events_internal.h"
#include "report/sections.h"
#include "scenario/node.h"

typedef struct gap_row {
    size_t a, b;
    double amity, score, data_amity, gap;
    double extra[2]; /* UN: distance, ideal points unused; events: records, weight */
    uint64_t events;
} gap_row;

static int cmp_gap(const void *x, const void *y)
{
    const gap_row *p = x, *q = y;
    double u = fabs(p->gap), v = fabs(q->gap);
    if (u != v) {
        return u < v ? 1 : -1;
    }
    if (p->a != q->a) {
        return p->a < q->a ? -1 : 1;
    }
    return (p->b > q->b) - (p->b < q->b);
}

static double num_or(const sc_node *n, const char *key, double dflt)
{
    double v;
    const sc_node *x = n ? sc__node_get(n, key) : NULL;
    return x && sc__node_number(x, &v, NULL) == SC_OK ? v : dflt;
}

static const char *text_or(const sc_node *n, const char *key, const char *dflt)
{
    const char *s = n ? sc__node_scalar(sc__node_get(n, key)) : NULL;
    return s ? s : dflt;
}

/* the pairs, sorted by |gap|, into a "pairs" array; also the summary numbers */
static void put_rows(const sc_scenario *s, gap_row *rows, size_t n, size_t without, int kind,
                     json_t *set)
{
    if (n > 1) {
        qsort(rows, n, sizeof *rows, cmp_gap);
    }
    json_t *arr = json_array();
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        const gap_row *r = &rows[i];
        json_t *o = json_object();
        json_object_set_new(o, "a", json_string(sc_scenario_actor(s, r->a)->id));
        json_object_set_new(o, "b", json_string(sc_scenario_actor(s, r->b)->id));
        json_object_set_new(o, "amity", sc__json_number(r->amity));
        json_object_set_new(o, "score", sc__json_number(r->score));
        if (kind == 0) {
            json_object_set_new(o, "distance", sc__json_number(r->extra[0]));
        } else {
            json_object_set_new(o, "events", json_integer((json_int_t)r->events));
            json_object_set_new(o, "weight", sc__json_number(r->extra[1]));
        }
        json_object_set_new(o, "data_amity", sc__json_number(r->data_amity));
        json_object_set_new(o, "gap", sc__json_number(r->gap));
        json_array_append_new(arr, o);
        sum += fabs(r->gap);
    }
    json_object_set_new(set, "pairs", arr);
    json_object_set_new(set, "pairs_without_data", json_integer((json_int_t)without));
    json_object_set_new(set, "mean_abs_gap", n ? sc__json_number(sum / (double)n) : json_null());
}

/* The pairs of the scenario with a relation: the judgement side of every comparison. */
static size_t judged_pairs(const sc_scenario *s, gap_row *rows)
{
    size_t k = 0, na = sc_scenario_actor_count(s);
    for (size_t a = 0; a < na; a++) {
        for (size_t b = a + 1; b < na; b++) {
            const sc_relation *r = sc_scenario_relation(s, a, b);
            if (r && r->present) {
                memset(&rows[k], 0, sizeof rows[k]);
                rows[k].a = a;
                rows[k].b = b;
                rows[k].amity = r->amity.value;
                k++;
            }
        }
    }
    return k;
}

static sc_status unga_set(const sc_scenario *s, const char *id, const sc_node *set, gap_row *rows,
                          json_t *out)
{
    sc_unga_map m;
    sc_unga_map_init(&m);
    const sc_node *am = sc__node_get(set, "agreement_map");
    m.alpha = num_or(am, "alpha", m.alpha);
    m.beta = num_or(am, "beta", m.beta);
    int session = (int)num_or(set, "session", 0);
    const sc_node *ip = sc__node_get(set, "ideal_points");
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "kind", json_string("unga-ideal-points"));
    json_object_set_new(o, "source", json_string(text_or(set, "source", "")));
    json_object_set_new(o, "description",
                        json_string(text_or(set, "description", "UN General Assembly ideal points")));
    json_object_set_new(o, "session", json_integer(session));
    json_object_set_new(o, "year", json_integer(sc_unga_session_year(session)));
    json_t *map = json_object();
    json_object_set_new(map, "alpha", sc__json_number(m.alpha));
    json_object_set_new(map, "beta", sc__json_number(m.beta));
    json_object_set_new(map, "formula", json_string("amity = 2 agreement - 1, agreement = 1 / (1 + "
                                                    "exp(-(alpha + beta d))), d = |x_a - x_b|"));
    json_object_set_new(o, "map", map);
    size_t n = judged_pairs(s, rows), k = 0, without = 0;
    for (size_t i = 0; i < n; i++) {
        double xa, xb;
        const sc_node *na = sc__node_get(ip, sc_scenario_actor(s, rows[i].a)->id);
        const sc_node *nb = sc__node_get(ip, sc_scenario_actor(s, rows[i].b)->id);
        if (!na || !nb || sc__node_number(na, &xa, NULL) != SC_OK ||
            sc__node_number(nb, &xb, NULL) != SC_OK) {
            without++;
            continue;
        }
        gap_row r = rows[i];
        r.extra[0] = fabs(xa - xb);
        r.score = sc_unga_agreement(&m, r.extra[0]);
        r.data_amity = sc_unga_amity(&m, r.extra[0]);
        r.gap = r.amity - r.data_amity;
        rows[k++] = r;
    }
    put_rows(s, rows, k, without, 0, o);
    json_array_append_new(out, o);
    return SC_OK;
}

static sc_status scores_set(const sc_scenario *s, const char *id, const sc_node *set,
                            gap_row *rows, json_t *out)
{
    sc_amity_map m;
    sc_amity_map_init(&m);
    const sc_node *am = sc__node_get(set, "amity_map");
    m.intercept = num_or(am, "intercept", m.intercept);
    m.slope = num_or(am, "slope", m.slope);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "kind", json_string("event-scores"));
    json_object_set_new(o, "source", json_string(text_or(set, "source", "")));
    json_object_set_new(o, "description",
                        json_string(text_or(set, "description", "event-data relation scores")));
    json_object_set_new(o, "date", json_string(text_or(set, "date", "")));
    json_object_set_new(o, "half_life", sc__json_number(num_or(set, "half_life", 30)));
    json_object_set_new(o, "prior", sc__json_number(num_or(set, "prior", 5)));
    json_t *map = json_object();
    json_object_set_new(map, "intercept", sc__json_number(m.intercept));
    json_object_set_new(map, "slope", sc__json_number(m.slope));
    json_object_set_new(map, "formula", json_string("amity = clamp(intercept + slope R, -1, 1)"));
    json_object_set_new(o, "map", map);
    const sc_node *sc = sc__node_get(set, "scores");
    size_t n = judged_pairs(s, rows), k = 0, without = 0;
    for (size_t i = 0; i < n; i++) {
        const char *ia = sc_scenario_actor(s, rows[i].a)->id, *ib = sc_scenario_actor(s, rows[i].b)->id;
        const sc_node *hit = NULL;
        for (size_t j = 0; j < sc__node_count(sc) && !hit; j++) {
            const sc_node *p = sc__node_get(sc__node_at(sc, j), "pair");
            const char *x = sc__node_scalar(sc__node_at(p, 0)), *y = sc__node_scalar(sc__node_at(p, 1));
            if (x && y && ((strcmp(x, ia) == 0 && strcmp(y, ib) == 0) ||
                           (strcmp(x, ib) == 0 && strcmp(y, ia) == 0))) {
                hit = sc__node_at(sc, j);
            }
        }
        if (!hit) {
            without++;
            continue;
        }
        gap_row r = rows[i];
        r.score = num_or(hit, "score", 0);
        r.events = (uint64_t)num_or(hit, "events", 0);
        r.extra[1] = num_or(hit, "weight", (double)NAN);
        r.data_amity = sc_amity_map_apply(&m, r.score);
        r.gap = r.amity - r.data_amity;
        rows[k++] = r;
    }
    put_rows(s, rows, k, without, 1, o);
    json_array_append_new(out, o);
    return SC_OK;
}

static sc_status files_set(const sc__section_in *in, const char *date, gap_row *rows, json_t *out,
                           sc_diag *diag)
{
    const sc_scenario *s = in->at;
    const sc_events_series *es = in->opts->events;
    sc_dsmg_params p;
    if (in->opts->events_params) {
        p = *in->opts->events_params;
    } else {
        sc_dsmg_params_init(&p);
    }
    sc_amity_map m;
    sc_amity_map_init(&m);
    /* without a state date: the day of the series' last record */
    char last[11] = "";
    for (size_t i = 0; i < sc_events_series_dyad_count(es); i++) {
        const sc_events_day *days;
        size_t nd;
        sc_events_series_dyad(es, i, NULL, NULL, &days, &nd);
        if (nd && strcmp(days[nd - 1].date, last) > 0) {
            memcpy(last, days[nd - 1].date, 11);
        }
    }
    const char *on = date ? date : last;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string("events"));
    json_object_set_new(o, "kind", json_string("event-files"));
    const sc_events_stats *st = sc_events_series_stats(es);
    json_t *files = json_array();
    for (size_t i = 0; i < st->n_files; i++) {
        json_t *f = json_object();
        json_object_set_new(f, "path", json_string(st->files[i].path));
        json_object_set_new(f, "format", json_string(sc_events_format_name(st->files[i].format)));
        json_array_append_new(files, f);
    }
    json_object_set_new(o, "files", files);
    json_object_set_new(o, "source", json_string("statecraft run --events"));
    json_object_set_new(o, "description",
                        json_string("undirected DSMG relation score of the event files"));
    json_object_set_new(o, "date", on[0] ? json_string(on) : json_null());
    json_object_set_new(o, "half_life", sc__json_number(p.half_life));
    json_object_set_new(o, "prior", sc__json_number(p.prior));
    json_t *map = json_object();
    json_object_set_new(map, "intercept", sc__json_number(m.intercept));
    json_object_set_new(map, "slope", sc__json_number(m.slope));
    json_object_set_new(map, "formula", json_string("amity = clamp(intercept + slope R, -1, 1)"));
    json_object_set_new(o, "map", map);
    size_t n = judged_pairs(s, rows), k = 0, without = 0;
    for (size_t i = 0; on[0] && i < n; i++) {
        sc_dsmg_state ds;
        sc_status rc = sc_events_series_score(es, sc_scenario_actor(s, rows[i].a)->id,
                                              sc_scenario_actor(s, rows[i].b)->id, 1, on, &p, &ds,
                                              diag);
        if (rc != SC_OK) {
            json_decref(o);
            return rc;
        }
        if (ds.events == 0) {
            without++;
            continue;
        }
        gap_row r = rows[i];
        r.score = ds.r;
        r.events = ds.events;
        r.extra[1] = ds.b;
        r.data_amity = sc_amity_map_apply(&m, ds.r);
        r.gap = r.amity - r.data_amity;
        rows[k++] = r;
    }
    if (!on[0]) {
        without = n;
    }
    put_rows(s, rows, k, without, 1, o);
    json_array_append_new(out, o);
    return SC_OK;
}

sc_status sc__relations_section(const sc__section_in *in, json_t *out, sc_diag *diag)
{
    const sc_scenario *s = in->at;
    const sc_node *data = sc__scenario_section(s, "data");
    const char *date = sc_scenario_state_date(s);
    json_object_set_new(out, "date", date ? json_string(date) : json_null());
    if (!data && !in->opts->events) {
        json_object_set_new(out, "note",
                            json_string("no relation data: the scenario has no data: section and "
                                        "no event file was given (statecraft run --events FILE)"));
        return SC_OK;
    }
    size_t na = sc_scenario_actor_count(s);
    gap_row *rows = calloc(na * (na - 1) / 2 + 1, sizeof *rows);
    if (!rows) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    json_t *sets = json_array();
    json_object_set_new(out, "data", sets);
    sc_status rc = SC_OK;
    for (size_t i = 0; data && rc == SC_OK && i < sc__node_count(data); i++) {
        const sc_node *set = sc__node_at(data, i);
        const char *kind = text_or(set, "kind", "");
        if (strcmp(kind, "unga-ideal-points") == 0) {
            rc = unga_set(s, sc__node_key_at(data, i), set, rows, sets);
        } else if (strcmp(kind, "event-scores") == 0) {
            rc = scores_set(s, sc__node_key_at(data, i), set, rows, sets);
        }
    }
    if (rc == SC_OK && in->opts->events) {
        rc = files_set(in, date, rows, sets, diag);
    }
    free(rows);
    return rc;
}

void sc__relations_answers(const json_t *content, json_t *out)
{
    size_t i;
    const json_t *set;
    json_array_foreach(json_object_get(content, "data"), i, set)
    {
        const json_t *m = json_object_get(set, "mean_abs_gap");
        if (json_is_number(m)) {
            char key[160];
            snprintf(key, sizeof key, "mean |judgement - data| (%s)",
                     json_string_value(json_object_get(set, "id")));
            sc__answer_number(out, key, json_number_value(m), 0.005);
        }
    }
}
