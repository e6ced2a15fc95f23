/* SPDX-License-Identifier: MIT */
/*
 * HTML renderer of the expected-utility model: each issue's positions round by round with the
 * median voter and the mean, Bueno de Mesquita's perspective (quadrant) chart of round 1 as in
 * BDM 1994, and the forecast of every state side by side.
 */
#include <math.h>
#include <string.h>

#include "report/html.h"
#include "report/text.h"

/* One issue's trajectories: lines per actor with the median and the mean, and the wide table. */
static void trajectory(const sc__view *v, size_t j, const json_t *is, sc__html *h)
{
    const json_t *scale = json_object_get(is, "scale");
    static const char *const sums[2] = {"median", "mean"};
    char base[900];
    sc__fmt(base, sizeof base, "%s/issues/%zu/trajectory", v->ptr, j);
    sc__table *t;
    json_t *spec = sc__html_trajectory(json_object_get(is, "trajectory"), base, "round", sums,
                                       sums, 2, json_number_value(json_array_get(scale, 0)),
                                       json_number_value(json_array_get(scale, 1)), h, &t, NULL);
    char title[300], reading[600];
    sc__fmt(title, sizeof title, "Issue %s: positions round by round", sc__str(is, "issue", "?"));
    sc__fmt(reading, sizeof reading,
            "The median voter moves from %.2f to %.2f in %.0f rounds (the mean from %.2f to "
            "%.2f); %.0f moves, the dynamics %s (%s).",
            sc__num(is, "median_start"), sc__num(is, "forecast"), sc__num(is, "rounds"),
            sc__num(is, "mean_start"), sc__num(is, "mean_end"), sc__num(is, "moves"),
            strcmp(sc__str(is, "status", ""), "settled") == 0   ? "settle"
            : strcmp(sc__str(is, "status", ""), "oscillates") == 0 ? "oscillate"
            : strcmp(sc__str(is, "status", ""), "cycles") == 0     ? "cycle"
                                                                  : "are still moving",
            v->label);
    sc__html_figure(h, title, reading, spec, t);
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

void sc__html_quadrant(sc__html *h, const char *me, const char *issue, const json_t *points,
                       const char *base, const char *state_label)
{
    json_t *pts = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "actor j");
    sc__table_col(t, "x = E_i(U_ij)");
    sc__table_col(t, "y = E_i(U_ji)");
    sc__table_col(t, "region");
    double m = 0;
    size_t q, conflict = 0;
    json_t *pt;
    char ptr[900];
    json_array_foreach(points, q, pt) {
        double x = sc__num(pt, "x"), y = sc__num(pt, "y");
        const char *reg = sc__str(pt, "region", region(x, y));
        m = fmax(m, fmax(fabs(x), fabs(y)));
        conflict += strncmp(reg, "conflict", 8) == 0;
        json_array_append_new(pts, json_pack("{s:s, s:f, s:f, s:s}", "actor", sc__str(pt, "actor", "?"),
                                             "x", x, "y", y, "region", reg));
        sc__table_row(t);
        static const char *const keys[3] = {"actor", "x", "y"};
        for (int c = 0; c < 3; c++) {
            sc__fmt(ptr, sizeof ptr, "%s/%zu/%s", base, q, keys[c]);
            sc__table_value(t, h, ptr, 4);
        }
        if (json_object_get(pt, "region")) {
            sc__fmt(ptr, sizeof ptr, "%s/%zu/region", base, q);
            sc__table_value(t, h, ptr, 0);
        } else {
            sc__table_text(t, reg);
        }
    }
    m = m > 0 ? m * 1.1 : 1;
    json_t *spec = sc__vg_spec(420, 420);
    sc__vg_data(spec, "points", pts);
    sc__vg_data(spec, "quadrants",
                json_pack("[{s:f, s:f, s:s}, {s:f, s:f, s:s}, {s:f, s:f, s:s}, {s:f, s:f, s:s}]",
                          "x", 0.5 * m, "y", 0.95 * m, "label", "conflict", "x", -0.5 * m, "y",
                          0.95 * m, "label", "compromise / capitulation", "x", -0.5 * m, "y",
                          -0.95 * m, "label", "status quo", "x", 0.5 * m, "y", -0.95 * m, "label",
                          "i has the edge"));
    for (int axis = 0; axis < 2; axis++) {
        sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[f, f], s:s, s:b}", "name",
                                             axis ? "y" : "x", "type", "linear", "domain", -m, m,
                                             "range", axis ? "height" : "width", "nice", 0));
    }
    char xt[120], yt[120];
    sc__fmt(xt, sizeof xt, "E_%s(U_%sj)", me, me);
    sc__fmt(yt, sizeof yt, "E_%s(U_j%s)", me, me);
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b, s:i}", "orient", "bottom", "scale",
                                       "x", "title", xt, "grid", 1, "tickCount", 5));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b, s:i}", "orient", "left", "scale", "y",
                                       "title", yt, "grid", 1, "tickCount", 5));
    for (int axis = 0; axis < 2; axis++) {
        sc__vg_add(spec, "marks",
                   axis ? json_pack("{s:s, s:{s:{s:{s:s, s:i}, s:{s:i}, s:{s:s}, s:{s:s}, "
                                    "s:{s:i}}}}",
                                    "type", "rule", "encode", "enter", "y", "scale", "y", "value",
                                    0, "x", "value", 0, "x2", "signal", "width", "stroke", "value",
                                    "#1d2433", "strokeWidth", "value", 1)
                        : json_pack("{s:s, s:{s:{s:{s:s, s:i}, s:{s:i}, s:{s:s}, s:{s:s}, "
                                    "s:{s:i}}}}",
                                    "type", "rule", "encode", "enter", "x", "scale", "x", "value",
                                    0, "y", "value", 0, "y2", "signal", "height", "stroke", "value",
                                    "#1d2433", "strokeWidth", "value", 1));
    }
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:s}, "
                         "s:{s:s}, s:{s:s}}}}",
                         "type", "text", "from", "data", "quadrants", "encode", "enter", "x",
                         "scale", "x", "field", "x", "y", "scale", "y", "field", "y", "text",
                         "field", "label", "align", "value", "center", "fill", "value", "#8a92a3",
                         "baseline", "value", "middle"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:i}, s:{s:s}, "
                         "s:{s:s}}}}",
                         "type", "symbol", "from", "data", "points", "encode", "enter", "x",
                         "scale", "x", "field", "x", "y", "scale", "y", "field", "y", "size", "value",
                         70, "fill", "value", "#2f5d9e", "tooltip", "signal",
                         "datum.actor + ': ' + datum.region"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:i}, s:{s:i}, "
                         "s:{s:s}}}}",
                         "type", "text", "from", "data", "points", "encode", "enter", "x", "scale",
                         "x", "field", "x", "y", "scale", "y", "field", "y", "dx", "value", 6,
                         "dy", "value", -5, "text", "field", "actor"));
    char title[300], reading[700];
    sc__fmt(title, sizeof title, "%s's perspective on %s (round 1, BDM 1994's quadrant chart)", me,
            issue);
    sc__fmt(reading, sizeof reading,
            "From %s's view%s%s%s, %zu of %zu actors sit in the conflict quadrant, where both "
            "sides expect to gain from a challenge (x: what %s expects from challenging j; y: "
            "what %s thinks j expects from challenging it).",
            me, *state_label ? " (" : "", state_label, *state_label ? ")" : "", conflict,
            json_array_size(points), me, me);
    sc__html_figure(h, title, reading, spec, t);
}

/* The chart of the first issue the perspective's actor has one for. */
static void perspective(const sc__view *v, sc__html *h)
{
    const json_t *p = json_object_get(v->content, "perspective");
    const char *me = sc__str(p, "actor", NULL);
    size_t k = 0;
    json_t *io = NULL, *cand;
    json_array_foreach(json_object_get(p, "issues"), k, cand) {
        if (json_object_get(cand, "points")) {
            io = cand;
            break;
        }
    }
    if (!me || !io) {
        if (me) {
            sc__html_p(h, "No perspective chart: %s has no issue with other actors to face.", me);
        }
        return;
    }
    char base[900];
    sc__fmt(base, sizeof base, "%s/perspective/issues/%zu/points", v->ptr, k);
    sc__html_quadrant(h, me, sc__str(io, "issue", "?"), json_object_get(io, "points"), base,
                      v->label);
}

void sc__html_eum(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    (void)section;
    const sc__view *v = sc__html_main_view(views, n);
    if (!v || !json_object_get(v->content, "issues")) {
        sc__html_p(h, "Not run: %s.", sc__str(v ? v->content : NULL, "note", "no result"));
        return;
    }
    sc__html_p(h, "Bueno de Mesquita's expected-utility model, %s variant, %.0f rounds per issue; "
                  "the forecast is the median voter after the last round. Charts: %s.",
               sc__str(v->content, "variant", "scholz"), sc__num(v->content, "rounds"), v->label);
    size_t j;
    json_t *is;
    json_array_foreach(json_object_get(v->content, "issues"), j, is) {
        if (json_object_get(is, "trajectory")) {
            trajectory(v, j, is, h);
        } else {
            sc__html_p(h, "Issue %s: not run: %s.", sc__str(is, "issue", "?"),
                       sc__str(is, "note", ""));
        }
    }
    perspective(v, h);
    if (n > 1) {
        sc__html_forecast_states(json_object_get(v->content, "issues"), views, n, "forecast",
                                 "The median voter after the last round, for the scenario as "
                                 "given and each variant, before and after the events.",
                                 h);
    }
}
