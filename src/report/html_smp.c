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
    char base[900];
    json_array_foreach(json_object_get(v->content, "issues"), j, is) {
        const json_t *scale = json_object_get(is, "scale");
        static const char *const sums[1] = {"mean"}, *const names[1] = {"weighted mean"};
        sc__fmt(base, sizeof base, "%s/issues/%zu/trajectory", v->ptr, j);
        sc__table *t;
        size_t T;
        json_t *spec = sc__html_trajectory(json_object_get(is, "trajectory"), base, "turn", sums,
                                           names, 1, json_number_value(json_array_get(scale, 0)),
                                           json_number_value(json_array_get(scale, 1)), h, &t,
                                           &T);
        /* the actors furthest apart at the end */
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        const char *lo_a = "?", *hi_a = "?", *actor;
        json_t *a;
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
        sc__html_forecast_states(json_object_get(v->content, "issues"), views, n,
                                 "forecast_mean",
                                 "The weighted mean of the final positions, for the scenario as "
                                 "given and each variant, before and after the events.",
                                 h);
    }
}
