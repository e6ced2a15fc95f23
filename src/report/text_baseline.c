/* SPDX-License-Identifier: MIT */
/* Text renderer of the median-voter baseline: one table, a block of issue rows per state. */
#include "report/text.h"

void sc__text_baseline(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)section;
    scx_buf_puts(out, "Capability x salience weighted mean and weighted median position per issue\n"
                     "(the median voter: where a majority-weighted vote would settle).\n\n");
    scx_buf_printf(out, "  %-16s %-14s %9s %9s   %s\n", "state", "issue", "mean", "median", "scale");
    for (size_t i = 0; i < n; i++) {
        if (sc__put_not_run(out, &views[i], "issues")) {
            continue;
        }
        size_t k;
        json_t *o;
        json_array_foreach(json_object_get(views[i].content, "issues"), k, o) {
            const json_t *scale = json_object_get(o, "scale");
            scx_buf_printf(out, "  %-16s %-14s", k ? "" : views[i].brief, sc__str(o, "issue", ""));
            sc__put_num(out, "%.2f", 10, sc__num(o, "mean"));
            sc__put_num(out, "%.2f", 10, sc__num(o, "median"));
            if (sc__str(o, "note", NULL)) {
                scx_buf_printf(out, "   (%s)\n", sc__str(o, "note", ""));
            } else {
                scx_buf_printf(out, "   [%g, %g]\n", json_number_value(json_array_get(scale, 0)),
                              json_number_value(json_array_get(scale, 1)));
            }
        }
    }
}
