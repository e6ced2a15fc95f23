/* SPDX-License-Identifier: MIT */
/*
 * HTML renderer of "Relations: judgement vs data": per data set (UN ideal points, event scores)
 * each pair's amity as the scenario judges it against the amity its data imply, on the diagonal
 * where they agree; the pairs whose judgement the events or a variant move, against the data; and
 * how far each state of the scenario stands from the data (mean |gap|).
 */
#include <math.h>
#include <string.h>

#include "report/html.h"
#include "report/text.h"

static int is_unga(const json_t *set)
{
    return strcmp(sc__str(set, "kind", ""), "unga-ideal-points") == 0;
}

/* How many of the largest gaps are named on the chart (the table has them all). */
#define SC_LABELLED_GAPS 8

/* Each pair's judgement (y) against its data amity (x): on the diagonal they agree; the rule from
 * a dot to the diagonal is the gap. */
static void scatter(const sc__view *v, size_t k, const json_t *set, sc__html *h)
{
    const json_t *pairs = json_object_get(set, "pairs");
    int unga = is_unga(set);
    json_t *pts = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "pair");
    sc__table_col(t, "judgement");
    sc__table_col(t, unga ? "expected agreement" : "score R");
    sc__table_col(t, "data amity");
    sc__table_col(t, "gap");
    sc__table_col(t, unga ? "ideal-point distance" : "events");
    char ptr[900], pair[200];
    size_t j, warmer = 0, colder = 0;
    const json_t *p, *largest = NULL;
    /* pairs come sorted by |gap|, largest first (the section's order) */
    json_array_foreach(pairs, j, p) {
        double gap = sc__num(p, "gap");
        sc__fmt(pair, sizeof pair, "%s-%s", sc__str(p, "a", "?"), sc__str(p, "b", "?"));
        warmer += gap > 0;
        colder += gap < 0;
        if (!largest || fabs(gap) > fabs(sc__num(largest, "gap"))) {
            largest = p;
        }
        json_array_append_new(pts, json_pack("{s:s, s:f, s:f, s:f, s:s, s:s}", "pair", pair, "x",
                                             sc__num(p, "data_amity"), "y", sc__num(p, "amity"),
                                             "gap", gap, "side",
                                             gap >= 0 ? "judged warmer than the data"
                                                      : "judged colder than the data",
                                             "label", j < SC_LABELLED_GAPS ? pair : ""));
        sc__table_row(t);
        sc__table_text(t, pair);
        static const char *const keys[5] = {"amity", "score", "data_amity", "gap", NULL};
        for (int c = 0; c < 5; c++) {
            const char *key = keys[c] ? keys[c] : unga ? "distance" : "events";
            sc__fmt(ptr, sizeof ptr, "%s/data/%zu/pairs/%zu/%s", v->ptr, k, j, key);
            sc__table_value(t, h, ptr, c == 4 && !unga ? 0 : 3);
        }
    }
    json_t *spec = sc__vg_spec(420, 420);
    sc__vg_data(spec, "points", pts);
    sc__vg_data(spec, "diagonal", json_pack("[{s:i, s:i}, {s:i, s:i}]", "x", -1, "y", -1, "x", 1,
                                            "y", 1));
    for (int axis = 0; axis < 2; axis++) {
        sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[i, i], s:s}", "name", axis ? "y" : "x",
                                             "type", "linear", "domain", -1, 1, "range",
                                             axis ? "height" : "width"));
    }
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[s, s], s:[s, s]}", "name", "color", "type",
                                         "ordinal", "domain", "judged warmer than the data",
                                         "judged colder than the data", "range", "#2f5d9e",
                                         "#d62728"));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b, s:i}", "orient", "bottom", "scale",
                                       "x", "title",
                                       unga ? "amity the UN votes imply" : "amity the events imply",
                                       "grid", 1, "tickCount", 5));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b, s:i}", "orient", "left", "scale", "y",
                                       "title", "amity in the scenario (judgement)", "grid", 1,
                                       "tickCount", 5));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s, s:s, s:i}", "fill", "color", "title", "gap",
                                          "orient", "bottom", "labelLimit", 300));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:i}, "
                         "s:{s:[i, i]}}}}",
                         "type", "line", "from", "data", "diagonal", "encode", "enter", "x",
                         "scale", "x", "field", "x", "y", "scale", "y", "field", "y", "stroke",
                         "value", "#8a8f98", "strokeWidth", "value", 1, "strokeDash", "value", 4,
                         4));
    /* the gap: from the dot down (or up) to the diagonal, where judgement = data */
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, "
                         "s:{s:s, s:s}, s:{s:f}}}}",
                         "type", "rule", "from", "data", "points", "encode", "enter", "x", "scale",
                         "x", "field", "x", "y", "scale", "y", "field", "y", "y2", "scale", "y",
                         "field", "x", "stroke", "scale", "color", "field", "side",
                         "strokeOpacity", "value", 0.45));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, "
                         "s:{s:i}, s:{s:s}, s:{s:s}}}}",
                         "type", "symbol", "from", "data", "points", "encode", "enter", "x",
                         "scale", "x", "field", "x", "y", "scale", "y", "field", "y", "fill",
                         "scale", "color", "field", "side", "size", "value", 60, "stroke", "value",
                         "white", "tooltip", "signal",
                         "datum.pair + ': judged ' + format(datum.y, '+.2f') + ', data ' + "
                         "format(datum.x, '+.2f') + ', gap ' + format(datum.gap, '+.2f')"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:i}, s:{s:i}, "
                         "s:{s:s}, s:{s:s}, s:{s:i}}}}",
                         "type", "text", "from", "data", "points", "encode", "enter", "x", "scale",
                         "x", "field", "x", "y", "scale", "y", "field", "y", "dx", "value", 6, "dy", "value", -5,
                         "text", "field", "label", "fill", "value", "#1d2433", "fontSize", "value",
                         10));
    char title[300], reading[900], tail[300] = "";
    sc__fmt(title, sizeof title, "Judgement against data: %s", sc__str(set, "id", "?"));
    double without = sc__num(set, "pairs_without_data");
    if (without > 0) {
        sc__fmt(tail, sizeof tail, " %.0f judged pair%s no data here.", without,
                without == 1 ? " has" : "s have");
    }
    if (largest) {
        sc__fmt(reading, sizeof reading,
                "Mean |gap| %.3f over %zu pairs (%s): the scenario judges %zu pairs warmer than "
                "the data imply and %zu colder; the largest gap is %s-%s, judged %+.2f against "
                "%+.2f in the data.%s",
                sc__num(set, "mean_abs_gap"), json_array_size(pairs), v->label, warmer, colder,
                sc__str(largest, "a", "?"), sc__str(largest, "b", "?"), sc__num(largest, "amity"),
                sc__num(largest, "data_amity"), tail);
    } else {
        sc__fmt(reading, sizeof reading, "No pair of the scenario has data here (%s).%s",
                v->label, tail);
    }
    if (largest) {
        sc__html_figure(h, title, reading, spec, t);
    } else {
        json_decref(spec);
        sc__table_free(t);
        sc__html_p(h, "%s", reading);
    }
}

/* The pairs whose judgement differs from the main view's in another state (events, variants),
 * each state's judgement against the data amity, which the states share. */
static void moved(const sc__view *views, size_t n, const json_t *set, sc__html *h)
{
    json_t *pts = json_array(), *rows = json_array(), *states = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "state");
    sc__table_col(t, "pair");
    sc__table_col(t, "judgement");
    sc__table_col(t, "data amity");
    sc__table_col(t, "gap");
    char ptr[900], pair[200];
    const char *id = sc__str(set, "id", "");
    /* every state's value of the pairs some state moves, the main view first */
    json_t *keys = json_object();
    for (size_t i = 0; i < n; i++) {
        size_t k;
        const json_t *other = sc__relations_set(views[i].content, id, &k);
        size_t j;
        const json_t *p;
        json_array_foreach(json_object_get(other, "pairs"), j, p) {
            const json_t *q = sc__relations_pair(set, sc__str(p, "a", ""), sc__str(p, "b", ""));
            if (q && fabs(sc__num(p, "amity") - sc__num(q, "amity")) < 1e-9) {
                continue;
            }
            sc__fmt(pair, sizeof pair, "%s-%s", sc__str(p, "a", "?"), sc__str(p, "b", "?"));
            json_object_set_new(keys, pair, json_true());
        }
    }
    /* rows in the main view's order (largest gap first), then states in their order */
    size_t j;
    const json_t *q;
    json_array_foreach(json_object_get(set, "pairs"), j, q) {
        sc__fmt(pair, sizeof pair, "%s-%s", sc__str(q, "a", "?"), sc__str(q, "b", "?"));
        if (!json_object_get(keys, pair)) {
            continue;
        }
        json_array_append_new(rows, json_string(pair));
        json_array_append_new(pts, json_pack("{s:s, s:s, s:f}", "pair", pair, "state",
                                             "data (every state)", "x",
                                             sc__num(q, "data_amity")));
        for (size_t i = 0; i < n; i++) {
            size_t k;
            const json_t *other = sc__relations_set(views[i].content, id, &k);
            const json_t *p = other ? sc__relations_pair(other, sc__str(q, "a", ""), sc__str(q, "b", ""))
                                    : NULL;
            if (!p) {
                continue;
            }
            json_array_append_new(pts, json_pack("{s:s, s:s, s:f}", "pair", pair, "state",
                                                 views[i].brief, "x", sc__num(p, "amity")));
            size_t pj;
            const json_t *pp;
            json_array_foreach(json_object_get(other, "pairs"), pj, pp) {
                if (pp == p) {
                    break;
                }
            }
            sc__table_row(t);
            sc__table_text(t, views[i].label);
            sc__table_text(t, pair);
            static const char *const cols[3] = {"amity", "data_amity", "gap"};
            for (int c = 0; c < 3; c++) {
                sc__fmt(ptr, sizeof ptr, "%s/data/%zu/pairs/%zu/%s", views[i].ptr, k, pj,
                        cols[c]);
                sc__table_value(t, h, ptr, 3);
            }
        }
    }
    json_decref(keys);
    if (json_array_size(rows) == 0) {
        json_decref(pts);
        json_decref(rows);
        json_decref(states);
        sc__table_free(t);
        sc__html_p(h, "No event or variant changes the judgement of a pair with data in %s.", id);
        return;
    }
    json_array_append_new(states, json_string("data (every state)"));
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(states, json_string(views[i].brief));
    }
    size_t npairs = json_array_size(rows);
    json_t *spec = sc__vg_spec(460, (int)(26 * npairs + 10));
    sc__vg_data(spec, "points", pts);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:s, s:f}", "name", "y", "type", "point",
                                         "domain", rows, "range", "height", "padding", 0.6));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[i, i], s:s}", "name", "x", "type",
                                         "linear", "domain", -1, 1, "range", "width"));
    json_t *range = json_array();
    json_array_append_new(range, json_string("#1d2433"));
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(range, json_string(sc__vg_color(i)));
    }
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:o}", "name", "color", "type",
                                         "ordinal", "domain", states, "range", range));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b, s:i}", "orient", "bottom", "scale",
                                       "x", "title", "amity", "grid", 1, "tickCount", 9));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s}", "fill", "color", "title", "state"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, "
                         "s:{s:s}, s:{s:s}, s:{s:f}, s:{s:s}}}}",
                         "type", "symbol", "from", "data", "points", "encode", "enter", "x",
                         "scale", "x", "field", "x", "y", "scale", "y", "field", "pair", "fill",
                         "scale", "color", "field", "state", "shape", "signal",
                         "datum.state == 'data (every state)' ? 'diamond' : 'circle'", "stroke",
                         "value", "white", "size", "value", 80.0, "tooltip", "signal",
                         "datum.pair + ', ' + datum.state + ': ' + format(datum.x, '+.3f')"));
    char title[300], reading[600];
    sc__fmt(title, sizeof title, "Judgements the events and variants move: %s", id);
    sc__fmt(reading, sizeof reading,
            "%zu pair%s judged differently in some state; the data amity (black diamond) is the "
            "same in every state, so a judgement that moves toward it closes the gap.",
            npairs, npairs == 1 ? " is" : "s are");
    sc__html_figure(h, title, reading, spec, t);
}

/* How far each state stands from each data set: its mean |gap|. */
static void gap_by_state(const sc__view *views, size_t n, sc__html *h)
{
    json_t *bars = json_array(), *rows = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "state");
    sc__table_col(t, "data set");
    sc__table_col(t, "mean |gap|");
    sc__table_col(t, "pairs without data");
    char ptr[900], row[300];
    const char *best = NULL, *worst = NULL;
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    size_t sets = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k;
        const json_t *set;
        json_array_foreach(json_object_get(views[i].content, "data"), k, set) {
            if (json_array_size(json_object_get(set, "pairs")) == 0) {
                continue;
            }
            double g = sc__num(set, "mean_abs_gap");
            sc__fmt(row, sizeof row, "%s \xc2\xb7 %s", views[i].brief, sc__str(set, "id", "?"));
            json_array_append_new(rows, json_string(row));
            json_array_append_new(bars, json_pack("{s:s, s:s, s:f}", "row", row, "set",
                                                  sc__str(set, "id", "?"), "gap", g));
            sets = k + 1 > sets ? k + 1 : sets;
            if (g < lo) {
                lo = g;
                best = views[i].label;
            }
            if (g > hi) {
                hi = g;
                worst = views[i].label;
            }
            sc__table_row(t);
            sc__table_text(t, views[i].label);
            sc__table_text(t, sc__str(set, "id", "?"));
            sc__fmt(ptr, sizeof ptr, "%s/data/%zu/mean_abs_gap", views[i].ptr, k);
            sc__table_value(t, h, ptr, 3);
            sc__fmt(ptr, sizeof ptr, "%s/data/%zu/pairs_without_data", views[i].ptr, k);
            sc__table_value(t, h, ptr, 0);
        }
    }
    size_t count = json_array_size(rows);
    if (count == 0) {
        json_decref(bars);
        json_decref(rows);
        sc__table_free(t);
        return;
    }
    json_t *spec = sc__vg_spec(440, (int)(24 * count));
    sc__vg_data(spec, "states", bars);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:s, s:f}", "name", "y", "type", "band",
                                         "domain", rows, "range", "height", "padding", 0.2));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:b, s:b}", "name", "x",
                                         "type", "linear", "domain", "data", "states", "field",
                                         "gap", "range", "width", "zero", 1, "nice", 1));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s}}", "name", "color",
                                         "type", "ordinal", "domain", "data", "states", "field",
                                         "set", "range", "scheme", "tableau10"));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "bottom", "scale", "x",
                                       "title", "mean |judgement - data| (lower: closer to the data)",
                                       "grid", 1));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:i}, s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, "
                         "s:i}, s:{s:s, s:s}, s:{s:s}}}}",
                         "type", "rect", "from", "data", "states", "encode", "enter", "x", "scale",
                         "x", "value", 0, "x2", "scale", "x", "field", "gap", "y", "scale", "y",
                         "field", "row", "height", "scale", "y", "band", 1, "fill", "scale",
                         "color", "field", "set", "tooltip", "signal",
                         "datum.row + ': mean |gap| ' + format(datum.gap, '.3f')"));
    char reading[600];
    if (sets > 1 || count < 2) {
        sc__fmt(reading, sizeof reading,
                "The mean |judgement - data| of every state and data set: from %.3f to %.3f.", lo,
                hi);
    } else {
        sc__fmt(reading, sizeof reading,
                "Closest to the data: %s (mean |gap| %.3f); farthest: %s (%.3f).", best, lo,
                worst, hi);
    }
    sc__html_figure(h, "How far each state stands from the data", reading, spec, t);
}

void sc__html_relations(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    (void)section;
    const sc__view *v = sc__html_main_view(views, n);
    if (!v || !json_is_array(json_object_get(v->content, "data"))) {
        sc__html_p(h, "Not run: %s.", sc__str(v ? v->content : NULL, "note", "no result"));
        return;
    }
    sc__html_p(h, "Each pair's amity as the scenario judges it against the amity its data imply "
                  "(UN General Assembly ideal points or event scores, mapped to amity as "
                  "docs/events.md says); gap = judgement - data. A pair far from the diagonal is "
                  "a judgement to defend or revise.");
    size_t k;
    const json_t *set;
    json_array_foreach(json_object_get(v->content, "data"), k, set) {
        const json_t *m = json_object_get(set, "map");
        if (is_unga(set)) {
            sc__html_p(h, "%s: %s [%s]; data amity = 2 agreement - 1, agreement = 1 / (1 + "
                          "exp(-(%.4f %+.4f d))), d = the distance between the ideal points.",
                       sc__str(set, "id", "?"), sc__str(set, "description", ""),
                       sc__str(set, "source", ""), sc__num(m, "alpha"), sc__num(m, "beta"));
        } else {
            sc__html_p(h, "%s: %s [%s]; score R: undirected DSMG (half-life %g days, prior %g) on "
                          "%s; data amity = clamp(%.4g %+.4g R, -1, 1).",
                       sc__str(set, "id", "?"), sc__str(set, "description", ""),
                       sc__str(set, "source", ""), sc__num(set, "half_life"),
                       sc__num(set, "prior"), sc__str(set, "date", "-"),
                       sc__num(m, "intercept"), sc__num(m, "slope"));
        }
        scatter(v, k, set, h);
        if (n > 1) {
            moved(views, n, set, h);
        }
    }
    if (n > 1) {
        gap_by_state(views, n, h);
    }
}
