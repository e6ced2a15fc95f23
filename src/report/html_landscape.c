/* SPDX-License-Identifier: MIT */
/*
 * HTML renderer of the coalition landscape: the blocs on a two-dimensional embedding of the
 * propensities (classical MDS) and the energy of each local minimum in every state.
 */
#include <math.h>
#include <string.h>

#include "report/html.h"
#include "report/text.h"

static void embedding(const sc__view *v, sc__html *h)
{
    const json_t *em = json_object_get(v->content, "embedding");
    if (!em) {
        return;
    }
    json_t *pts = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "actor");
    sc__table_col(t, "x");
    sc__table_col(t, "y");
    sc__table_col(t, "size");
    sc__table_col(t, "bloc");
    const json_t *g = json_array_get(json_object_get(v->content, "local_minima"), 0);
    const json_t *blocs = json_object_get(g, "blocs");
    char ptr[900];
    size_t k;
    json_t *p;
    json_array_foreach(json_object_get(em, "points"), k, p) {
        char bloc[40];
        sc__fmt(bloc, sizeof bloc, "bloc %.0f", sc__num(p, "bloc"));
        json_array_append_new(pts, json_pack("{s:s, s:f, s:f, s:f, s:s}", "actor",
                                             sc__str(p, "actor", "?"), "x", sc__num(p, "x"), "y",
                                             sc__num(p, "y"), "size", sc__num(p, "size"), "bloc",
                                             bloc));
        sc__table_row(t);
        static const char *const keys[5] = {"actor", "x", "y", "size", "bloc"};
        for (int c = 0; c < 5; c++) {
            sc__fmt(ptr, sizeof ptr, "%s/embedding/points/%zu/%s", v->ptr, k, keys[c]);
            sc__table_value(t, h, ptr, c == 3 ? 5 : 3);
        }
    }
    json_t *spec = sc__vg_spec(440, 360);
    sc__vg_data(spec, "points", pts);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:b, s:b}", "name", "x",
                                         "type", "linear", "domain", "data", "points", "field", "x",
                                         "range", "width", "zero", 0, "nice", 1));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:b, s:b}", "name", "y",
                                         "type", "linear", "domain", "data", "points", "field", "y",
                                         "range", "height", "zero", 0, "nice", 1));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:[i, i]}", "name", "size",
                                         "type", "sqrt", "domain", "data", "points", "field",
                                         "size", "range", 40, 900));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[s, s], s:[s, s]}", "name", "color", "type",
                                         "ordinal", "domain", "bloc 0", "bloc 1", "range",
                                         "#2f5d9e", "#d62728"));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:i}", "orient", "bottom", "scale", "x",
                                       "title", "first MDS axis", "tickCount", 5));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:i}", "orient", "left", "scale", "y",
                                       "title", "second MDS axis", "tickCount", 5));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s}", "fill", "color", "title",
                                          "global minimum"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, "
                         "s:s}, s:{s:f}, s:{s:s}, s:{s:s}}}}",
                         "type", "symbol", "from", "data", "points", "encode", "enter", "x",
                         "scale", "x", "field", "x", "y", "scale", "y", "field", "y", "size",
                         "scale", "size", "field", "size", "fill", "scale", "color", "field",
                         "bloc", "fillOpacity", "value", 0.65, "stroke", "value", "white", "tooltip",
                         "signal", "datum.actor + ' (' + datum.bloc + ')'"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:i}, s:{s:s}, "
                         "s:{s:s}}}}",
                         "type", "text", "from", "data", "points", "encode", "enter", "x", "scale",
                         "x", "field", "x", "y", "scale", "y", "field", "y", "dy", "value", -9,
                         "text", "field", "actor", "align", "value", "center"));
    char reading[900];
    scx_buf b;
    scx_buf_init(&b);
    sc__put_value(&b, blocs);
    sc__fmt(reading, sizeof reading,
            "The global minimum (E = %.5f, %.0f local minima) splits %s; friends sit close and "
            "enemies far apart, dot size = capability (%s).",
            sc__num(g, "energy"), sc__num(v->content, "n_local_minima"), b.data ? b.data : "?",
            v->label);
    scx_buf_destroy(&b);
    sc__html_figure(h, "Blocs on a map of the propensities", reading, spec, t);
}

void sc__html_landscape(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    (void)section;
    const sc__view *v = sc__html_main_view(views, n);
    if (!v || !json_object_get(v->content, "local_minima")) {
        sc__html_p(h, "Not run: %s.", sc__str(v ? v->content : NULL, "note", "no result"));
        return;
    }
    sc__html_p(h, "Axelrod & Bennett's landscape: size = capability, propensity = amity%s; energy "
                  "E = sum s_i s_j p_ij over actors in different blocs (lower is more stable). "
                  "Basins from random starts with myopic moves.",
               sc__num(json_object_get(v->content, "inputs"), "trade_weight") > 0
                   ? " plus a trade term"
                   : "");
    embedding(v, h);
    /* the local minima of every state with their energies */
    json_t *bars = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "state");
    sc__table_col(t, "minimum");
    sc__table_col(t, "energy");
    sc__table_col(t, "basin");
    sc__table_col(t, "blocs");
    char ptr[900];
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k;
        json_t *m;
        json_array_foreach(json_object_get(views[i].content, "local_minima"), k, m) {
            char label[200];
            sc__fmt(label, sizeof label, "%s \xc2\xb7 %s%zu", views[i].brief,
                    k == 0 ? "global" : "local ", k == 0 ? (size_t)0 : k);
            if (k == 0) {
                sc__fmt(label, sizeof label, "%s \xc2\xb7 global", views[i].brief);
            }
            scx_buf b;
            scx_buf_init(&b);
            sc__put_value(&b, json_object_get(m, "blocs"));
            json_array_append_new(bars, json_pack("{s:s, s:f, s:f, s:s, s:b}", "row", label,
                                                  "energy", sc__num(m, "energy"), "basin",
                                                  sc__num(m, "basin"), "blocs",
                                                  b.data ? b.data : "", "global", k == 0));
            sc__table_row(t);
            sc__table_text(t, views[i].brief);
            sc__table_text(t, k == 0 ? "global" : "local");
            sc__fmt(ptr, sizeof ptr, "%s/local_minima/%zu/energy", views[i].ptr, k);
            sc__table_value(t, h, ptr, 5);
            sc__fmt(ptr, sizeof ptr, "%s/local_minima/%zu/basin", views[i].ptr, k);
            sc__table_value(t, h, ptr, 3);
            sc__table_text(t, b.data ? b.data : "");
            scx_buf_destroy(&b);
            count++;
        }
    }
    json_t *spec = sc__vg_spec(440, (int)(24 * (count ? count : 1)));
    sc__vg_data(spec, "minima", bars);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:f}", "name", "y", "type",
                                         "band", "domain", "data", "minima", "field", "row",
                                         "range", "height", "padding", 0.2));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:b, s:b}", "name", "x",
                                         "type", "linear", "domain", "data", "minima", "field",
                                         "energy", "range", "width", "zero", 1, "nice", 1));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "bottom", "scale", "x",
                                       "title", "energy (lower is more stable)", "grid", 1));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:i}, s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, "
                         "s:i}, s:{s:s}, s:{s:s}}}}",
                         "type", "rect", "from", "data", "minima", "encode", "enter", "x", "scale",
                         "x", "value", 0, "x2", "scale", "x", "field", "energy", "y", "scale", "y",
                         "field", "row", "height", "scale", "y", "band", 1, "fill", "signal",
                         "datum.global ? '#2f5d9e' : '#9ecae9'", "tooltip", "signal",
                         "datum.row + ': E = ' + format(datum.energy, '.5f') + ', basin ' + "
                         "format(datum.basin, '.1%') + ' ' + datum.blocs"));
    char reading[300];
    sc__fmt(reading, sizeof reading,
            "%zu local minim%s across %zu state%s; the darker bars are each state's global "
            "minimum.",
            count, count == 1 ? "um" : "a", n, n == 1 ? "" : "s");
    sc__html_figure(h, "Energy of each local minimum", reading, spec, t);
}
