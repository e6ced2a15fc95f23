/* SPDX-License-Identifier: MIT */
/*
 * Text renderer of the strategic triangle: one table of the timeline per state (amities,
 * configuration, roles), the distance of each actor to the pivot role along it, and from each
 * state the role flips and what it would take each actor to become the pivot.
 */
#include <string.h>

#include "report/text.h"

void sc__text_triangle(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)section;
    const json_t *c0 = NULL;
    for (size_t i = 0; i < n && !c0; i++) {
        c0 = json_object_get(views[i].content, "timeline") ? views[i].content : NULL;
    }
    if (!c0) {
        for (size_t i = 0; i < n; i++) {
            sc__put_not_run(out, &views[i], "timeline");
        }
        return;
    }
    const json_t *ids = json_object_get(c0, "actors");
    const char *id[3];
    char dy[3][80];
    for (int d = 0; d < 3; d++) {
        id[d] = json_string_value(json_array_get(ids, (size_t)d));
        id[d] = id[d] ? id[d] : "?";
    }
    for (int d = 0; d < 3; d++) {
        snprintf(dy[d], sizeof dy[d], "%s-%s", id[d], id[(d + 1) % 3]);
    }
    scx_buf_printf(out, "Dittmer's strategic triangle %s-%s-%s (dead-band tau = %g; roles ranked "
                       "by Wu 1996:\npivot > friend > partner > wing > foe > outcast). Each state's "
                       "timeline: the baseline, then\nevery event date, with the state's variant "
                       "on top.\n\n",
                  id[0], id[1], id[2], sc__num(c0, "tau"));
    scx_buf_printf(out, "  %-16s %-11s %7.7s %7.7s %7.7s  %-18s roles\n", "state", "point", dy[0],
                  dy[1], dy[2], "configuration");
    for (size_t i = 0; i < n; i++) {
        if (sc__put_not_run(out, &views[i], "timeline")) {
            continue;
        }
        size_t k;
        json_t *t;
        json_array_foreach(json_object_get(views[i].content, "timeline"), k, t) {
            const json_t *am = json_object_get(t, "amity");
            scx_buf_printf(out, "  %-16s %-11s", k ? "" : views[i].brief, sc__str(t, "at", ""));
            for (int d = 0; d < 3; d++) {
                sc__put_num(out, "%.2f", 8, sc__num(am, dy[d]));
            }
            scx_buf_printf(out, "  %-18s", sc__str(t, "configuration", ""));
            for (int r = 0; r < 3; r++) {
                scx_buf_printf(out, " %s=%s", id[r],
                              sc__str(json_object_get(json_object_get(t, "roles"), id[r]), "role", "-"));
            }
            scx_buf_puts(out, "\n");
        }
    }
    scx_buf_printf(out, "\nDistance to the pivot role (least total change of amity, to just "
                       "beyond the dead-band):\n  %-16s %-11s %7s %7s %7s\n",
                  "state", "point", id[0], id[1], id[2]);
    for (size_t i = 0; i < n; i++) {
        size_t k;
        json_t *t;
        json_array_foreach(json_object_get(views[i].content, "timeline"), k, t) {
            const json_t *dist = json_object_get(t, "distance_to_pivot");
            scx_buf_printf(out, "  %-16s %-11s", k ? "" : views[i].brief, sc__str(t, "at", ""));
            for (int r = 0; r < 3; r++) {
                sc__put_num(out, "%.2f", 8, sc__num(dist, id[r]));
            }
            scx_buf_puts(out, "\n");
        }
    }
    scx_buf_puts(out, "\nRole flips from each state (the smallest change of one relation that "
                     "changes a role):\n");
    for (size_t i = 0; i < n; i++) {
        const json_t *c = views[i].content;
        const json_t *flips = json_object_get(c, "role_flips");
        if (!flips) {
            continue;
        }
        const json_t *tl = json_object_get(c, "timeline");
        const json_t *roles = json_object_get(json_array_get(tl, json_array_size(tl) - 1), "roles");
        for (int r = 0; r < 3; r++) {
            scx_buf_printf(out, "  %-16s %s (now %s):", r ? "" : views[i].brief, id[r],
                          sc__str(json_object_get(roles, id[r]), "role", "-"));
            size_t k;
            json_t *f;
            json_array_foreach(json_object_get(flips, id[r]), k, f) {
                scx_buf_printf(out, "%s %s %+.2f -> %s (%s)", k ? ";" : "", sc__str(f, "dyad", ""),
                              sc__num(f, "delta"), sc__str(f, "new_role", ""),
                              sc__str(f, "new_configuration", ""));
            }
            scx_buf_puts(out, "\n");
        }
    }
    scx_buf_puts(out, "\nWhat it would take each actor to become the pivot:\n");
    for (size_t i = 0; i < n; i++) {
        const json_t *tp = json_object_get(views[i].content, "to_pivot");
        if (!tp) {
            continue;
        }
        for (int r = 0; r < 3; r++) {
            const json_t *ch = json_object_get(tp, id[r]);
            if (!ch) {
                continue;
            }
            scx_buf_printf(out, "  %-16s ", r ? "" : views[i].brief);
            double dyads = sc__num(ch, "dyads_changed");
            if (dyads == 0) {
                scx_buf_printf(out, "%s is the pivot.\n", id[r]);
                continue;
            }
            scx_buf_printf(out, "%s: ", id[r]);
            const char *key;
            json_t *v;
            int first = 1;
            json_object_foreach(json_object_get(ch, "changes"), key, v) {
                scx_buf_printf(out, "%s%s %+.2f", first ? "" : ", ", key, json_number_value(v));
                first = 0;
            }
            scx_buf_printf(out, " (total %.2f, %s)\n", sc__num(ch, "distance"),
                          dyads == 1 ? "one relation changes" : dyads == 2 ? "two relations change"
                                                                        : "all three relations change");
        }
    }
}
