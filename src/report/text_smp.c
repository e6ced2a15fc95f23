/* SPDX-License-Identifier: MIT */
/* Text renderer of KTAB's Spatial Model of Politics: per state, the issues' start and forecast,
 * how the game ended, and the coalition that carried each dimension; for the default state the
 * leave-one-out drivers. */
#include <math.h>
#include <string.h>

#include "report/text.h"

void sc__text_smp(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)section;
    const json_t *first = n ? views[0].content : NULL;
    const char *stop = sc__str(first, "stop", "converge");
    scx_buf_printf(out, "KTAB's Spatial Model of Politics, all issues at once as dimensions (KTAB's "
                        "default options), %s;\nforecast = capability x salience weighted mean of "
                        "the final positions (over the cycle when it cycles);\ncarried by = the "
                        "largest group of actors at one final position, with its share of the "
                        "weight.\n\n",
                   strcmp(stop, "ktab") == 0
                       ? "stopped by KTAB's change-ratio rule"
                       : "played until no position moves or the positions repeat");
    scx_buf_printf(out, "  %-16s %-12s %9s %9s   %s\n", "state", "issue", "start", "forecast",
                   "carried by");
    const sc__view *dflt = NULL;
    for (size_t i = 0; i < n; i++) {
        const json_t *c = views[i].content;
        if (sc__put_not_run(out, &views[i], "issues")) {
            continue;
        }
        if (strcmp(views[i].id, "after-events") == 0) {
            dflt = &views[i];
        }
        size_t k;
        json_t *o;
        json_array_foreach(json_object_get(c, "issues"), k, o) {
            scx_buf_printf(out, "  %-16s %-12s", k ? "" : views[i].brief, sc__str(o, "issue", ""));
            sc__put_num(out, "%.2f", 10, sc__num(o, "mean_start"));
            sc__put_num(out, "%.2f", 10, sc__num(o, "forecast_mean"));
            scx_buf_puts(out, "   ");
            const json_t *co = json_object_get(o, "coalition");
            size_t q;
            json_t *a;
            json_array_foreach(json_object_get(co, "members"), q, a) {
                scx_buf_printf(out, "%s%s", q ? " " : "", json_string_value(a));
            }
            if (co) {
                scx_buf_printf(out, " at %.0f (%.0f%%)", sc__num(co, "position"),
                               100 * sc__num(co, "share"));
            }
            scx_buf_puts(out, "\n");
        }
        const char *o2 = sc__str(c, "outcome", "converged");
        if (strcmp(o2, "cycle") == 0) {
            scx_buf_printf(out, "  %-16s a cycle of %.0f turns from turn %.0f\n", "",
                           sc__num(c, "cycle_period"), sc__num(c, "cycle_start"));
        } else {
            scx_buf_printf(out, "  %-16s %s after %.0f turns%s\n", "", o2, sc__num(c, "turns"),
                           json_is_true(json_object_get(c, "consensus")) ? " (consensus)" : "");
        }
        if (sc__str(c, "note", NULL)) {
            scx_buf_printf(out, "  %-16s note: %s\n", "", sc__str(c, "note", ""));
        }
    }
    if (!dflt) {
        return;
    }
    scx_buf_printf(out, "\nDrivers (%s; the forecast without the actor minus with everyone):\n",
                   dflt->label);
    size_t k;
    json_t *o;
    json_array_foreach(json_object_get(dflt->content, "issues"), k, o) {
        scx_buf_printf(out, "  %-12s", sc__str(o, "issue", ""));
        size_t q;
        json_t *d;
        int shown = 0;
        json_array_foreach(json_object_get(o, "drivers"), q, d) {
            if (shown < 4 && sc__num(d, "delta") != 0) {
                scx_buf_printf(out, "%s %s %+.1f", shown ? "," : "", sc__str(d, "actor", ""),
                               sc__num(d, "delta"));
                shown++;
            }
        }
        scx_buf_puts(out, shown ? "\n" : " none\n");
    }
}
