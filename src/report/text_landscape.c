/* SPDX-License-Identifier: MIT */
/* Text renderer of the coalition landscape: per state, the local minima with their energies and
 * basins, and the best split into at most k blocs. */
#include "report/text.h"

void sc__text_landscape(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)section;
    const json_t *in0 = NULL;
    for (size_t i = 0; i < n && !in0; i++) {
        in0 = json_object_get(views[i].content, "inputs");
    }
    scx_buf_puts(out, "Axelrod & Bennett's landscape: size = capability, propensity = amity");
    if (sc__num(in0, "trade_weight") > 0) {
        scx_buf_printf(out, " + %g x trade share", sc__num(in0, "trade_weight"));
    }
    scx_buf_puts(out, ";\nenergy E = sum s_i s_j p_ij over actors in different blocs (lower is "
                     "more stable).\nBasins from random starts with myopic moves.\n\n");
    for (size_t i = 0; i < n; i++) {
        const json_t *c = views[i].content;
        if (sc__put_not_run(out, &views[i], "local_minima")) {
            continue;
        }
        scx_buf_printf(out, "%s%s: %.0f local minima of %.0f two-bloc configurations\n", i ? "\n" : "",
                      views[i].label, sc__num(c, "n_local_minima"), sc__num(c, "configurations"));
        size_t k;
        json_t *m;
        json_array_foreach(json_object_get(c, "local_minima"), k, m) {
            scx_buf_printf(out, "  %s E = %10.5f  basin %5.1f%%  ", k == 0 ? "global" : "local ",
                          sc__num(m, "energy"), 100 * sc__num(m, "basin"));
            sc__put_value(out, json_object_get(m, "blocs"));
            scx_buf_puts(out, "\n");
        }
        const json_t *kb = json_object_get(c, "k_blocs");
        if (kb && json_is_array(json_object_get(kb, "blocs"))) {
            scx_buf_printf(out, "  best split into at most %.0f blocs: E = %.5f, %zu blocs: ",
                          sc__num(kb, "max_blocs"), sc__num(kb, "energy"),
                          json_array_size(json_object_get(kb, "blocs")));
            sc__put_value(out, json_object_get(kb, "blocs"));
            scx_buf_puts(out, "\n");
        } else if (kb) {
            scx_buf_printf(out, "  best split into at most %.0f blocs: not found (%s)\n",
                          sc__num(kb, "max_blocs"), sc__str(kb, "note", ""));
        }
    }
}
