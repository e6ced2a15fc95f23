/* SPDX-License-Identifier: MIT */
/* Text renderer of KTAB's Spatial Model of Politics: per state, the issues' start and forecast
 * and every actor's final position. */
#include "report/text.h"

void sc__text_smp(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)section;
    scx_buf_puts(out, "KTAB's Spatial Model of Politics, all issues at once as dimensions (KTAB's "
                     "default options);\nforecast = capability x salience weighted mean of the "
                     "final positions.\n\n");
    scx_buf_printf(out, "  %-16s %-12s %9s %9s   %s\n", "state", "issue", "start", "forecast",
                  "final positions (actor: position)");
    for (size_t i = 0; i < n; i++) {
        const json_t *c = views[i].content;
        if (sc__put_not_run(out, &views[i], "issues")) {
            continue;
        }
        size_t k;
        json_t *o;
        json_array_foreach(json_object_get(c, "issues"), k, o) {
            scx_buf_printf(out, "  %-16s %-12s", k ? "" : views[i].brief, sc__str(o, "issue", ""));
            sc__put_num(out, "%.2f", 10, sc__num(o, "mean_start"));
            sc__put_num(out, "%.2f", 10, sc__num(o, "forecast_mean"));
            scx_buf_puts(out, "  ");
            const char *actor;
            json_t *x;
            json_object_foreach(json_object_get(o, "final_positions"), actor, x) {
                scx_buf_printf(out, " %s:%.0f", actor, json_number_value(x));
            }
            scx_buf_puts(out, "\n");
        }
        scx_buf_printf(out, "  %-16s converged after %.0f turns%s\n", "", sc__num(c, "turns"),
                      json_is_true(json_object_get(c, "consensus")) ? " (consensus)" : "");
        if (sc__str(c, "note", NULL)) {
            scx_buf_printf(out, "  %-16s note: %s\n", "", sc__str(c, "note", ""));
        }
    }
}
