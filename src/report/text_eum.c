/* SPDX-License-Identifier: MIT */
/*
 * Text renderer of the expected-utility model: one table with a block of issue rows per state,
 * then the perspective (quadrant) chart of the first issue, from the last state shown.
 */
#include <string.h>

#include "report/text.h"

static void perspective(const sc__view *v, scx_buf *out)
{
    const json_t *p = json_object_get(v->content, "perspective");
    const char *actor = sc__str(p, "actor", NULL);
    const json_t *first = NULL;
    size_t k;
    json_t *io;
    json_array_foreach(json_object_get(p, "issues"), k, io) {
        if (json_object_get(io, "points")) {
            first = io;
            break;
        }
    }
    if (!actor || !first) {
        return;
    }
    scx_buf_printf(out,
                  "\nQuadrant chart of round 1 on %s from %s's view (%s; x = E_%s(U_%sj), "
                  "y = E_%s(U_j%s)):\n",
                  sc__str(first, "issue", ""), actor, v->label, actor, actor, actor, actor);
    json_t *pt;
    json_array_foreach(json_object_get(first, "points"), k, pt) {
        scx_buf_printf(out, "  %-16.16s x %+.4f  y %+.4f  %s\n", sc__str(pt, "actor", ""),
                      sc__num(pt, "x"), sc__num(pt, "y"), sc__str(pt, "region", ""));
    }
}

void sc__text_eum(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)section;
    const json_t *first = n ? views[0].content : NULL;
    scx_buf_printf(out,
                  "Bueno de Mesquita's expected-utility model, %s variant, %.0f rounds per issue; "
                  "forecast = median voter\nafter the last round. 'statecraft forecast --model "
                  "eum' shows every round and move.\n\n",
                  sc__str(first, "variant", "scholz"), sc__num(first, "rounds"));
    scx_buf_printf(out, "  %-16s %-12s %8s %8s %8s %8s  %-16s %6s  %s\n", "state", "issue",
                  "median0", "mean0", "forecast", "mean", "median range", "moves", "dynamics");
    const sc__view *last = NULL;
    for (size_t i = 0; i < n; i++) {
        if (sc__put_not_run(out, &views[i], "issues")) {
            continue;
        }
        last = &views[i];
        size_t k;
        json_t *o;
        json_array_foreach(json_object_get(views[i].content, "issues"), k, o) {
            scx_buf_printf(out, "  %-16s %-12s", k ? "" : views[i].brief, sc__str(o, "issue", ""));
            if (sc__str(o, "note", NULL) && !json_object_get(o, "median_start")) {
                scx_buf_printf(out, " not run: %s\n", sc__str(o, "note", ""));
                continue;
            }
            const json_t *r = json_object_get(o, "median_range");
            sc__put_num(out, "%.2f", 9, sc__num(o, "median_start"));
            sc__put_num(out, "%.2f", 9, sc__num(o, "mean_start"));
            sc__put_num(out, "%.2f", 9, sc__num(o, "forecast"));
            sc__put_num(out, "%.2f", 9, sc__num(o, "mean_end"));
            scx_buf_printf(out, "  [%6.2f, %6.2f] %6.0f  %s\n",
                          json_number_value(json_array_get(r, 0)),
                          json_number_value(json_array_get(r, 1)), sc__num(o, "moves"),
                          sc__str(o, "status", ""));
        }
    }
    /* the chart from the default state: after the events as given, else the last state */
    for (size_t i = 0; i < n; i++) {
        if (strcmp(views[i].id, "after-events") == 0 && json_object_get(views[i].content, "issues")) {
            last = &views[i];
        }
    }
    if (last) {
        perspective(last, out);
    }
}
