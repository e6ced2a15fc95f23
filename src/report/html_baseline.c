/* SPDX-License-Identifier: MIT */
/*
 * HTML renderer of the median-voter baseline: per issue, every actor's position sized by
 * capability x salience, with the weighted mean and median, before and after the events; and
 * the weighted median of every state side by side.
 */
#include <math.h>
#include <string.h>

#include "report/html.h"
#include "report/text.h"

/* The states the chart draws: the scenario as given before and after the events (or the one
 * state of a single-state document). */
static size_t chart_views(const sc__view *views, size_t n, const sc__view *out[2])
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < 2; i++) {
        if (!sc__str(views[i].state, "variant", NULL) && views[i].content) {
            out[k++] = &views[i];
        }
    }
    if (k == 0 && n > 0) {
        out[k++] = &views[n - 1];
    }
    return k;
}

void sc__html_baseline(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    (void)section;
    sc__html_p(h, "Capability x salience weighted mean and weighted median position per issue "
                  "(the median voter: where a majority-weighted vote would settle).");
    const sc__view *cv[2];
    size_t nc = chart_views(views, n, cv);
    if (nc == 0 || !json_object_get(cv[0]->content, "issues")) {
        sc__html_p(h, "Not run: %s.", sc__str(nc ? cv[0]->content : NULL, "note", "no result"));
        return;
    }
    json_t *points = json_array(), *marks = json_array(), *rows = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "issue");
    sc__table_col(t, "state");
    sc__table_col(t, "actor");
    sc__table_col(t, "position");
    sc__table_col(t, "weight");
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    char ptr[800], key[200];
    const json_t *issues0 = json_object_get(cv[0]->content, "issues");
    size_t j;
    json_t *is0;
    json_array_foreach(issues0, j, is0) {
        for (size_t s = 0; s < nc; s++) {
            const json_t *is = json_array_get(json_object_get(cv[s]->content, "issues"), j);
            const char *issue = sc__str(is, "issue", "?");
            sc__fmt(key, sizeof key, "%s \xc2\xb7 %s", issue, cv[s]->brief);
            json_array_append_new(rows, json_string(key));
            const json_t *scale = json_object_get(is, "scale");
            lo = fmin(lo, json_number_value(json_array_get(scale, 0)));
            hi = fmax(hi, json_number_value(json_array_get(scale, 1)));
            size_t k;
            json_t *p;
            json_array_foreach(json_object_get(is, "positions"), k, p) {
                json_array_append_new(points, json_pack("{s:s, s:s, s:f, s:f}", "row", key, "actor",
                                                        sc__str(p, "actor", "?"), "position",
                                                        sc__num(p, "position"), "weight",
                                                        sc__num(p, "weight")));
                sc__table_row(t);
                sc__table_text(t, issue);
                sc__table_text(t, cv[s]->brief);
                sc__table_text(t, sc__str(p, "actor", "?"));
                sc__fmt(ptr, sizeof ptr, "%s/issues/%zu/positions/%zu/position", cv[s]->ptr, j, k);
                sc__table_value(t, h, ptr, 1);
                sc__fmt(ptr, sizeof ptr, "%s/issues/%zu/positions/%zu/weight", cv[s]->ptr, j, k);
                sc__table_value(t, h, ptr, 4);
            }
            static const char *const what[2] = {"mean", "median"};
            for (int w = 0; w < 2; w++) {
                if (isfinite(sc__num(is, what[w]))) {
                    json_array_append_new(marks, json_pack("{s:s, s:s, s:f}", "row", key, "kind",
                                                           w ? "weighted median" : "weighted mean",
                                                           "value", sc__num(is, what[w])));
                }
                sc__table_row(t);
                sc__table_text(t, issue);
                sc__table_text(t, cv[s]->brief);
                sc__table_text(t, w ? "(weighted median)" : "(weighted mean)");
                sc__fmt(ptr, sizeof ptr, "%s/issues/%zu/%s", cv[s]->ptr, j, what[w]);
                sc__table_value(t, h, ptr, 2);
                sc__table_text(t, "");
            }
        }
    }
    int height = (int)(json_array_size(rows) * (nc > 1 ? 26 : 32));
    json_t *spec = sc__vg_spec(520, height);
    sc__vg_data(spec, "points", points);
    sc__vg_data(spec, "marks", marks);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:s, s:f}", "name", "y", "type", "band",
                                         "domain", rows, "range", "height", "padding", 0.1));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[f, f], s:s, s:b}", "name", "x", "type",
                                         "linear", "domain", lo, hi, "range", "width", "zero", 0));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:[i, i], s:b}", "name", "size",
                                         "type", "linear", "domain", "data", "points", "field",
                                         "weight", "range", 15, 500, "zero", 1));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s}}", "name", "color",
                                         "type", "ordinal", "domain", "data", "points", "field",
                                         "actor", "range", "scheme", "tableau20"));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[s, s], s:[s, s]}", "name", "kind", "type",
                                         "ordinal", "domain", "weighted mean", "weighted median",
                                         "range", "#1d2433", "#d62728"));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "bottom", "scale", "x",
                                       "title", "position on the issue's scale", "grid", 1));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s, s:i}", "fill", "color", "title", "actor",
                                          "columns", 1));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s, s:s}", "stroke", "kind", "title", "",
                                          "symbolType", "stroke"));
    sc__vg_add(
        spec, "marks",
        json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s, s:f}, s:{s:s, s:s}, s:{s:s, "
                  "s:s}, s:{s:f}, s:{s:s}, s:{s:s}}}}",
                  "type", "symbol", "from", "data", "points", "encode", "enter", "x", "scale", "x",
                  "field", "position", "y", "scale", "y", "field", "row", "band", 0.5, "size",
                  "scale", "size", "field", "weight", "fill", "scale", "color", "field", "actor",
                  "fillOpacity", "value", 0.7, "stroke", "value", "white", "tooltip", "signal",
                  "datum.actor + ': ' + format(datum.position, '.1f') + ' (weight ' + "
                  "format(datum.weight, '.4f') + ')'"));
    sc__vg_add(
        spec, "marks",
        json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s, s:f}, s:{s:s, "
                  "s:s}, s:{s:i}, s:{s:s}}}}",
                  "type", "rule", "from", "data", "marks", "encode", "enter", "x", "scale", "x",
                  "field", "value", "y", "scale", "y", "field", "row", "y2", "scale", "y", "field",
                  "row", "band", 1.0, "stroke", "scale", "kind", "field", "kind", "strokeWidth", "value", 2,
                  "tooltip", "signal", "datum.kind + ': ' + format(datum.value, '.2f')"));
    /* the reading: how the events move the median voter */
    char reading[1200];
    size_t len = 0, moved = 0;
    if (nc == 2) {
        json_array_foreach(issues0, j, is0) {
            const json_t *is1 = json_array_get(json_object_get(cv[1]->content, "issues"), j);
            double a = sc__num(is0, "median"), b = sc__num(is1, "median");
            if (isfinite(a) && isfinite(b) && fabs(a - b) > 1e-9 && len < sizeof reading - 100) {
                len += (size_t)scx_snprintf_c(reading + len, sizeof reading - len, "%s%s %g \xe2\x86\x92 %g",
                                        moved ? ", " : "", sc__str(is0, "issue", "?"), a, b);
                moved++;
            }
        }
        char head[200];
        sc__fmt(head, sizeof head, "The events move the weighted median on %zu of %zu issues%s",
                 moved, json_array_size(issues0), moved ? ": " : ".");
        memmove(reading + strlen(head), reading, len + 1);
        memcpy(reading, head, strlen(head));
        if (moved) {
            strncat(reading, ".", sizeof reading - strlen(reading) - 1);
        }
    } else {
        len = (size_t)snprintf(reading, sizeof reading, "Weighted median per issue (%s):",
                               cv[0]->label);
        json_array_foreach(issues0, j, is0) {
            if (len < sizeof reading - 60) {
                len += (size_t)scx_snprintf_c(reading + len, sizeof reading - len, " %s %g;",
                                        sc__str(is0, "issue", "?"), sc__num(is0, "median"));
            }
        }
    }
    sc__html_figure(h, "Positions per issue, with the weighted mean and median", reading, spec, t);

    /* every state side by side: the weighted median per issue */
    if (n > 1) {
        sc__table *st = sc__table_new();
        sc__table_col(st, "state");
        json_array_foreach(issues0, j, is0) {
            sc__table_col(st, sc__str(is0, "issue", "?"));
        }
        for (size_t i = 0; i < n; i++) {
            sc__table_row(st);
            sc__table_text(st, views[i].label);
            json_array_foreach(issues0, j, is0) {
                sc__fmt(ptr, sizeof ptr, "%s/issues/%zu/median", views[i].ptr, j);
                sc__table_value(st, h, ptr, 1);
            }
        }
        sc__html_figure(h, "Weighted median per state", "The median voter's position on every "
                                                        "issue, for the scenario as given and each "
                                                        "variant, before and after the events.",
                        NULL, st);
    }
}
