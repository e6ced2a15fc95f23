/* SPDX-License-Identifier: MIT */
/* HTML renderer of KTAB's Spatial Model of Politics: each dimension's positions turn by turn with
 * the weighted mean, and the forecast of every state side by side. */
#include <math.h>
#include <string.h>

#include "report/html.h"
#include "report/text.h"

void sc__html_smp(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    (void)section;
    const sc__view *v = sc__html_main_view(views, n);
    if (!v || !json_object_get(v->content, "issues")) {
        sc__html_p(h, "Not run: %s.", sc__str(v ? v->content : NULL, "note", "no result"));
        return;
    }
    sc__html_p(h, "KTAB's Spatial Model of Politics, every issue at once as a dimension (KTAB's "
                  "default options); the forecast is the capability x salience weighted mean of "
                  "the final positions. Converged after %.0f turns%s. Charts: %s.",
               sc__num(v->content, "turns"),
               json_is_true(json_object_get(v->content, "consensus")) ? " (consensus)" : "",
               v->label);
    if (sc__str(v->content, "note", NULL)) {
        sc__html_p(h, "Note: %s", sc__str(v->content, "note", ""));
    }
    size_t j;
    json_t *is;
    char ptr[900], base[900], apath[900];
    json_array_foreach(json_object_get(v->content, "issues"), j, is) {
        const json_t *tr = json_object_get(is, "trajectory");
        const json_t *pos = json_object_get(tr, "positions");
        const json_t *scale = json_object_get(is, "scale");
        json_t *rows = json_array(), *series = json_array();
        json_array_append_new(series, json_string("weighted mean"));
        sc__table *t = sc__table_new();
        sc__table_col(t, "turn");
        sc__table_col(t, "weighted mean");
        const char *actor;
        json_t *a;
        json_object_foreach(sc__json_mut(pos), actor, a) {
            json_array_append_new(series, json_string(actor));
            sc__table_col(t, actor);
        }
        sc__fmt(base, sizeof base, "%s/issues/%zu/trajectory", v->ptr, j);
        size_t T = json_array_size(json_object_get(tr, "mean"));
        for (size_t r = 0; r < T; r++) {
            char turn[32];
            sc__fmt(turn, sizeof turn, "%zu", r);
            sc__table_row(t);
            sc__table_text(t, turn);
            json_array_append_new(
                rows, json_pack("{s:i, s:s, s:f}", "x", (int)r, "series", "weighted mean", "y",
                                json_number_value(json_array_get(json_object_get(tr, "mean"), r))));
            sc__fmt(ptr, sizeof ptr, "%s/mean/%zu", base, r);
            sc__table_value(t, h, ptr, 2);
            json_object_foreach(sc__json_mut(pos), actor, a) {
                json_array_append_new(rows, json_pack("{s:i, s:s, s:f}", "x", (int)r, "series",
                                                      actor, "y",
                                                      json_number_value(json_array_get(a, r))));
                sc__fmt(ptr, sizeof ptr, "%s/positions", base);
                sc__ptr_join(apath, sizeof apath, ptr, actor);
                sc__fmt(ptr, sizeof ptr, "%s/%zu", apath, r);
                sc__table_value(t, h, ptr, 2);
            }
        }
        json_t *spec = sc__vg_lines(rows, series, "weighted mean", NULL, "turn", "position",
                                    json_number_value(json_array_get(scale, 0)),
                                    json_number_value(json_array_get(scale, 1)));
        /* the actors furthest apart at the end */
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        const char *lo_a = "?", *hi_a = "?";
        json_object_foreach(json_object_get(is, "final_positions"), actor, a) {
            double x = json_number_value(a);
            if (x < lo) {
                lo = x;
                lo_a = actor;
            }
            if (x > hi) {
                hi = x;
                hi_a = actor;
            }
        }
        char title[300], reading[600];
        sc__fmt(title, sizeof title, "Dimension %s: positions turn by turn", sc__str(is, "issue", "?"));
        sc__fmt(reading, sizeof reading,
                "The weighted mean moves from %.2f to %.2f in %zu turns; at the end %s (%.0f) and "
                "%s (%.0f) are furthest apart (%s).",
                sc__num(is, "mean_start"), sc__num(is, "forecast_mean"), T ? T - 1 : 0, lo_a, lo,
                hi_a, hi, v->label);
        sc__html_figure(h, title, reading, spec, t);
    }
    if (n > 1) {
        sc__table *t = sc__table_new();
        sc__table_col(t, "state");
        json_array_foreach(json_object_get(v->content, "issues"), j, is) {
            sc__table_col(t, sc__str(is, "issue", "?"));
        }
        for (size_t i = 0; i < n; i++) {
            sc__table_row(t);
            sc__table_text(t, views[i].label);
            json_array_foreach(json_object_get(v->content, "issues"), j, is) {
                sc__fmt(ptr, sizeof ptr, "%s/issues/%zu/forecast_mean", views[i].ptr, j);
                sc__table_value(t, h, ptr, 2);
            }
        }
        sc__html_figure(h, "Forecast per state", "The weighted mean of the final positions, for "
                                                 "the scenario as given and each variant, before "
                                                 "and after the events.",
                        NULL, t);
    }
}
