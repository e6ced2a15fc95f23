/* SPDX-License-Identifier: MIT */
/*
 * HTML renderer of war termination: P(ceasefire by battle t) per lever and variant (after the
 * events), the distribution of the terms and of the durations per lever, and the lever table of
 * every state.
 */
#include <math.h>
#include <string.h>

#include "report/html.h"
#include "report/text.h"

/* Dash patterns telling the states apart on the curve chart. */
static json_t *dashes(size_t n)
{
    static const int pat[4][2] = {{1, 0}, {6, 3}, {2, 2}, {8, 2}};
    json_t *r = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(r, json_pack("[i, i]", pat[i % 4][0], pat[i % 4][1]));
    }
    return r;
}

static json_t *lever_colors(const json_t *levers)
{
    json_t *r = json_array();
    for (size_t i = 0; i < json_object_size(levers); i++) {
        json_array_append_new(r, json_string(sc__vg_color(i)));
    }
    return r;
}

static json_t *lever_names(const json_t *levers)
{
    json_t *r = json_array();
    const char *lever;
    json_t *o;
    json_object_foreach(sc__json_mut(levers), lever, o) {
        json_array_append_new(r, json_string(lever));
    }
    return r;
}

/* P(ceasefire reached by battle t): one line per lever and state. */
static void curves(const sc__view *views, size_t n, sc__html *h)
{
    const sc__view *cv[16];
    size_t nc = 0;
    for (size_t i = 0; i < n && nc < 16; i++) {
        int after = strcmp(sc__str(views[i].state, "events", "after"), "after") == 0;
        if ((after || n == 1) && json_object_get(views[i].content, "levers")) {
            cv[nc++] = &views[i];
        }
    }
    if (nc == 0) {
        return;
    }
    const json_t *levers0 = json_object_get(cv[0]->content, "levers");
    json_t *rows = json_array(), *states = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "state");
    sc__table_col(t, "lever");
    const json_t *curve0 = json_object_get(json_object_iter_value(json_object_iter(sc__json_mut(levers0))),
                                           "ceasefire_by_battle");
    size_t k;
    json_t *pt;
    json_array_foreach(curve0, k, pt) {
        char col[40];
        sc__fmt(col, sizeof col, "t = %.0f", sc__num(pt, "t"));
        sc__table_col(t, col);
    }
    char ptr[900], lp[900];
    double lo50 = HUGE_VAL, hi50 = -HUGE_VAL;
    for (size_t s = 0; s < nc; s++) {
        json_array_append_new(states, json_string(cv[s]->brief));
        const char *lever;
        json_t *o;
        json_object_foreach(json_object_get(cv[s]->content, "levers"), lever, o) {
            sc__table_row(t);
            sc__table_text(t, cv[s]->brief);
            sc__table_text(t, lever);
            sc__fmt(ptr, sizeof ptr, "%s/levers", cv[s]->ptr);
            sc__ptr_join(lp, sizeof lp, ptr, lever);
            double p50 = sc__num(o, "p_ceasefire_52");
            lo50 = fmin(lo50, p50);
            hi50 = fmax(hi50, p50);
            json_array_foreach(json_object_get(o, "ceasefire_by_battle"), k, pt) {
                char key[300];
                sc__fmt(key, sizeof key, "%s \xc2\xb7 %s", cv[s]->brief, lever);
                json_array_append_new(rows, json_pack("{s:f, s:f, s:s, s:s, s:s}", "t",
                                                      sc__num(pt, "t"), "p", sc__num(pt, "p"),
                                                      "lever", lever, "state", cv[s]->brief,
                                                      "series", key));
                sc__fmt(ptr, sizeof ptr, "%s/ceasefire_by_battle/%zu/p", lp, k);
                sc__table_value(t, h, ptr, 3);
            }
        }
    }
    json_t *spec = sc__vg_spec(520, 280);
    sc__vg_data(spec, "t", rows);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:f, s:{s:s, s:s}, s:s, s:b}", "name", "x",
                                         "type", "symlog", "constant", 10.0, "domain", "data", "t",
                                         "field", "t", "range", "width", "nice", 0));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[i, i], s:s}", "name", "y", "type",
                                         "linear", "domain", 0, 1, "range", "height"));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:o}", "name", "color", "type",
                                         "ordinal", "domain", lever_names(levers0), "range",
                                         lever_colors(levers0)));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:O, s:o}", "name", "dash", "type",
                                         "ordinal", "domain", states, "range", dashes(nc)));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:[i, i, i, i, i, i, i, i], s:s}",
                                       "orient", "bottom", "scale", "x", "title",
                                       "battles (symmetric log scale)", "values", 0, 5, 10, 26, 52,
                                       104, 260, 520, "format", "d"));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "left", "scale", "y",
                                       "title", "P(ceasefire reached by then)", "grid", 1));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s, s:s}", "stroke", "color", "title", "lever",
                                          "symbolType", "stroke"));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s, s:s}", "strokeDash", "dash", "title",
                                          "state", "symbolType", "stroke"));
    json_t *line = json_pack(
        "{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, s:{s:i}, "
        "s:{s:s}}}}",
        "type", "line", "from", "data", "series", "encode", "enter", "x", "scale", "x", "field", "t",
        "y", "scale", "y", "field", "p", "stroke", "scale", "color", "field", "lever", "strokeDash",
        "scale", "dash", "field", "state", "strokeWidth", "value", 2, "tooltip", "signal",
        "datum.series + ': ' + format(datum.p, '.3f') + ' by battle ' + datum.t");
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:{s:s, s:s, s:s}}, s:[o]}", "type", "group", "from", "facet",
                         "name", "series", "data", "t", "groupby", "series", "marks", line));
    json_decref(states);
    char reading[600];
    sc__fmt(reading, sizeof reading,
            "Within 52 battles (a year of weekly battles) a ceasefire is reached with "
            "probability %.3f to %.3f across the levers and %s.",
            lo50, hi50, nc > 1 ? "the variants, after the events" : cv[0]->label);
    sc__html_figure(h, "Ceasefire by battle t, per lever and variant", reading, spec, t);
}

/* One of the two distributions of the main state, per lever: terms or durations. */
static void distribution(const sc__view *v, const char *key, const char *what, sc__html *h)
{
    const json_t *levers = json_object_get(v->content, "levers");
    json_t *rows = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "lever");
    sc__table_col(t, "from");
    sc__table_col(t, "to");
    sc__table_col(t, "share");
    char ptr[900], lp[900];
    const char *lever;
    json_t *o;
    int terms = strcmp(key, "terms_histogram") == 0;
    json_object_foreach(sc__json_mut(levers), lever, o) {
        const json_t *hist = json_object_get(o, key);
        const json_t *edges = json_object_get(hist, "edges");
        size_t b;
        json_t *sh;
        sc__fmt(ptr, sizeof ptr, "%s/levers", v->ptr);
        sc__ptr_join(lp, sizeof lp, ptr, lever);
        json_array_foreach(json_object_get(hist, "share"), b, sh) {
            double e0 = json_number_value(json_array_get(edges, b));
            double e1 = json_number_value(json_array_get(edges, b + 1));
            json_array_append_new(rows, json_pack("{s:s, s:f, s:f, s:f}", "lever", lever, "x0", e0,
                                                  "x1", e1, "share", json_number_value(sh)));
            sc__table_row(t);
            sc__table_text(t, lever);
            sc__fmt(ptr, sizeof ptr, "%s/%s/edges/%zu", lp, key, b);
            sc__table_value(t, h, ptr, terms ? 2 : 0);
            sc__fmt(ptr, sizeof ptr, "%s/%s/edges/%zu", lp, key, b + 1);
            sc__table_value(t, h, ptr, terms ? 2 : 0);
            sc__fmt(ptr, sizeof ptr, "%s/%s/share/%zu", lp, key, b);
            sc__table_value(t, h, ptr, 3);
        }
    }
    json_t *spec = sc__vg_spec(520, 240);
    sc__vg_data(spec, "bins", rows);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:[s, s]}, s:s, s:b, s:b}", "name",
                                         "x", "type", "linear", "domain", "data", "bins", "fields",
                                         "x0", "x1", "range", "width", "zero", 1, "nice", 0));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:b}", "name", "y", "type",
                                         "linear", "domain", "data", "bins", "field", "share",
                                         "range", "height", "nice", 1));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:o}", "name", "color", "type",
                                         "ordinal", "domain", lever_names(levers), "range",
                                         lever_colors(levers)));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s}", "orient", "bottom", "scale", "x",
                                       "title", what));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "left", "scale", "y",
                                       "title", terms ? "share of the ceasefires that held"
                                                      : "share of the runs",
                                       "grid", 1));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s, s:s}", "stroke", "color", "title", "lever",
                                          "symbolType", "stroke"));
    json_t *line = json_pack(
        "{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, s:{s:i}, s:{s:s}, "
        "s:{s:s}}}}",
        "type", "line", "from", "data", "series", "encode", "enter", "x", "scale", "x", "field",
        "x0", "y", "scale", "y", "field", "share", "stroke", "scale", "color", "field", "lever",
        "strokeWidth", "value", 2, "interpolate", "value", "step-after", "tooltip", "signal",
        "datum.lever + ': ' + format(datum.share, '.3f') + ' in [' + format(datum.x0, '.2f') + "
        "', ' + format(datum.x1, '.2f') + ')'");
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:{s:s, s:s, s:s}}, s:[o]}", "type", "group", "from", "facet",
                         "name", "series", "data", "bins", "groupby", "lever", "marks", line));
    /* the reading: the no-lever row's shape */
    const json_t *none = json_object_get(levers, "none");
    none = none ? none : json_object_iter_value(json_object_iter(sc__json_mut(levers)));
    char reading[600];
    if (terms) {
        const json_t *hist = json_object_get(none, key);
        double below = 0;
        size_t b;
        json_t *sh;
        json_array_foreach(json_object_get(hist, "share"), b, sh) {
            below += json_number_value(json_array_get(json_object_get(hist, "edges"), b + 1)) <= 0.5 + 1e-12
                         ? json_number_value(sh)
                         : 0;
        }
        const json_t *q = json_object_get(none, "share_quantiles");
        char modes[200] = "";
        size_t ml = 0, k;
        json_t *m;
        json_array_foreach(json_object_get(none, "share_modes"), k, m) {
            if (k < 3 && ml < sizeof modes - 40) {
                ml += (size_t)scx_snprintf_c(modes + ml, sizeof modes - ml, "%s%.2f (%.0f%%)",
                                       k ? ", " : "; modes at ", sc__num(m, "at"),
                                       100 * sc__num(m, "share"));
            }
        }
        sc__fmt(reading, sizeof reading,
                "Without a lever, %.0f%% of the ceasefires give A at most half of the stakes and "
                "%.0f%% more; the median is %.2f and the middle half lies in [%.2f, %.2f]%s (%s).",
                100 * below, 100 * (1 - below), sc__num(q, "q50"), sc__num(q, "q25"),
                sc__num(q, "q75"), modes, v->label);
    } else {
        const json_t *q = json_object_get(none, "battles_quantiles");
        sc__fmt(reading, sizeof reading,
                "Without a lever half of the wars end within %.0f battles and 95%% within %.0f "
                "(%s).",
                sc__num(q, "q50"), sc__num(q, "q95"), v->label);
    }
    char title[200];
    sc__fmt(title, sizeof title, "Distribution of the %s, per lever", terms ? "terms" : "durations");
    sc__html_figure(h, title, reading, spec, t);
}

/* The headline per lever and state: P(ceasefire within 52 battles) with its Monte Carlo 95%
 * interval (+- 1.96 standard errors), so that a lever's effect can be told from the noise. */
static void headline_52(const sc__view *views, size_t n, sc__html *h)
{
    json_t *pts = json_array(), *levers = json_array(), *states = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "state");
    sc__table_col(t, "lever");
    sc__table_col(t, "P(ceasefire by 52)");
    sc__table_col(t, "\xc2\xb1 se");
    char ptr[900], lp[900];
    size_t apart = 0, pairs = 0;
    for (size_t i = 0; i < n; i++) {
        const json_t *lv = json_object_get(views[i].content, "levers");
        if (!json_is_object(lv)) {
            continue;
        }
        json_array_append_new(states, json_string(views[i].brief));
        const json_t *none = json_object_get(lv, "none");
        const char *lever;
        json_t *o;
        json_object_foreach(sc__json_mut(lv), lever, o) {
            double p = sc__num(o, "p_ceasefire_52"), se = sc__num(o, "p_ceasefire_52_se");
            size_t q;
            json_t *known;
            int seen = 0;
            json_array_foreach(levers, q, known) {
                seen |= strcmp(json_string_value(known), lever) == 0;
            }
            if (!seen) {
                json_array_append_new(levers, json_string(lever));
            }
            if (isfinite(p)) {
                double e = isfinite(se) ? 1.96 * se : 0;
                json_t *pt = json_object();
                json_object_set_new(pt, "lever", json_string(lever));
                json_object_set_new(pt, "state", json_string(views[i].brief));
                json_object_set_new(pt, "p", json_real(p));
                json_object_set_new(pt, "lo", json_real(fmax(0, p - e)));
                json_object_set_new(pt, "hi", json_real(fmin(1, p + e)));
                json_array_append_new(pts, pt);
                /* a lever's effect told apart from no lever: the paired difference is not in
                 * the document, so two independent errors (conservative for common numbers) */
                double p0 = sc__num(none, "p_ceasefire_52"), se0 = sc__num(none, "p_ceasefire_52_se");
                if (o != none && isfinite(p0) && isfinite(se) && isfinite(se0)) {
                    pairs++;
                    apart += fabs(p - p0) > 1.96 * sqrt(se * se + se0 * se0);
                }
            }
            sc__table_row(t);
            sc__table_text(t, views[i].brief);
            sc__table_text(t, lever);
            sc__fmt(ptr, sizeof ptr, "%s/levers", views[i].ptr);
            sc__ptr_join(lp, sizeof lp, ptr, lever);
            sc__fmt(ptr, sizeof ptr, "%s/p_ceasefire_52", lp);
            sc__table_value(t, h, ptr, 3);
            sc__fmt(ptr, sizeof ptr, "%s/p_ceasefire_52_se", lp);
            sc__table_value(t, h, ptr, 4);
        }
    }
    if (json_array_size(pts) == 0) {
        json_decref(pts);
        json_decref(levers);
        json_decref(states);
        sc__table_free(t);
        return;
    }
    size_t ns = json_array_size(states);
    json_t *spec = sc__vg_spec(440, (int)(json_array_size(levers) * (8 + 9 * ns)));
    sc__vg_data(spec, "pts", pts);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:s, s:f}", "name", "y", "type", "band",
                                         "domain", levers, "range", "height", "padding", 0.2));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:O, s:{s:s}}", "name", "s", "type", "band",
                                         "domain", states, "range", "signal",
                                         "[0, bandwidth('y')]"));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[i, i], s:s}", "name", "x", "type",
                                         "linear", "domain", 0, 1, "range", "width"));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:{s:s}}", "name", "color", "type",
                                         "ordinal", "domain", states, "range", "scheme",
                                         "category10"));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "bottom", "scale", "x",
                                       "title", "P(ceasefire within 52 battles), 95% interval",
                                       "grid", 1));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s}", "fill", "color", "title", "state"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:s, "
                         "s:s}, s:{s:i}}}}",
                         "type", "rule", "from", "data", "pts", "encode", "enter", "x", "scale",
                         "x", "field", "lo", "x2", "scale", "x", "field", "hi", "y", "signal",
                         "scale('y', datum.lever) + scale('s', datum.state) + bandwidth('s') / 2",
                         "stroke", "scale", "color", "field", "state", "strokeWidth", "value", 2));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s}, s:{s:s, s:s}, s:{s:i}, "
                         "s:{s:s}}}}",
                         "type", "symbol", "from", "data", "pts", "encode", "enter", "x", "scale",
                         "x", "field", "p", "y", "signal",
                         "scale('y', datum.lever) + scale('s', datum.state) + bandwidth('s') / 2",
                         "fill", "scale", "color", "field", "state", "size", "value", 40,
                         "tooltip", "signal",
                         "datum.lever + ' (' + datum.state + '): ' + format(datum.p, '.3f') + "
                         "' [' + format(datum.lo, '.3f') + ', ' + format(datum.hi, '.3f') + ']'"));
    /* no json_decref(states): the "s" scale took a new reference (O) and the colour scale took
     * ours (o); one more decref freed it under the spec (a use after free valgrind found) */
    char reading[400];
    sc__fmt(reading, sizeof reading,
            "%zu of %zu lever effects (against no lever, in the same state) exceed their 95%% "
            "Monte Carlo error; the bars are +- 1.96 standard errors of each probability.",
            apart, pairs);
    sc__html_figure(h, "P(ceasefire within 52 battles) per lever and state, with its error",
                    reading, spec, t);
}

void sc__html_war(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    (void)section;
    const sc__view *v = sc__html_main_view(views, n);
    if (!v || !json_object_get(v->content, "levers")) {
        sc__html_p(h, "Not run: %s.", sc__str(v ? v->content : NULL, "note", "no result"));
        return;
    }
    const json_t *in = json_object_get(v->content, "inputs");
    sc__html_p(h, "%s (A) against %s (B)%s%s: a front of %.0f positions, A holds %.0f; terms by "
                  "the %s rule; %.0f runs per lever, seed %.0f. Levers: sanctions raise A's cost "
                  "per battle; the aid cut moves theta toward A. Variants are applied on top of "
                  "the events.",
               sc__str(v->content, "a", "A"), sc__str(v->content, "b", "B"),
               sc__str(v->content, "mediator", NULL) ? ", mediator " : "",
               sc__str(v->content, "mediator", ""), sc__num(in, "front"), sc__num(in, "start"),
               sc__str(in, "rule", ""), sc__num(in, "runs"), sc__num(in, "seed"));
    curves(views, n, h);
    headline_52(views, n, h);
    distribution(v, "terms_histogram", "A's share of the stakes at the ceasefire", h);
    distribution(v, "duration_histogram", "battles until the war ended", h);
    /* the lever table of every state */
    sc__table *t = sc__table_new();
    static const char *const cols[] = {"state", "lever", "P(cf)", "by 52", "\xc2\xb1 se",
                                       "relapse", "win A", "win B", "mean battles", "median",
                                       "terms", "theta", "cost A"};
    static const char *const keys[] = {"p_ceasefire", "p_ceasefire_52", "p_ceasefire_52_se",
                                       "p_relapse", "p_victory_a", "p_victory_b", "mean_battles",
                                       "battles_quantiles/q50", "mean_share_a", "theta", "cost_a"};
    static const int dec[] = {3, 3, 3, 3, 3, 3, 1, 0, 3, 4, 5};
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        sc__table_col(t, cols[c]);
    }
    char ptr[900], lp[900];
    for (size_t i = 0; i < n; i++) {
        const char *lever;
        json_t *o;
        json_object_foreach(json_object_get(views[i].content, "levers"), lever, o) {
            sc__table_row(t);
            sc__table_text(t, views[i].brief);
            sc__table_text(t, lever);
            sc__fmt(ptr, sizeof ptr, "%s/levers", views[i].ptr);
            sc__ptr_join(lp, sizeof lp, ptr, lever);
            for (size_t c = 0; c < sizeof keys / sizeof keys[0]; c++) {
                sc__fmt(ptr, sizeof ptr, "%s/%s", lp, keys[c]);
                sc__table_value(t, h, ptr, dec[c]);
            }
        }
    }
    sc__html_figure(h, "Levers in every state",
                    "P(cf): a ceasefire is ever reached; by 52: within 52 battles, with its "
                    "standard error; terms: mean share to A of the ceasefires that held.",
                    NULL, t);
}
