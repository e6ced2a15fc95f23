/* SPDX-License-Identifier: MIT */
/*
 * HTML renderer of the strategic triangle: the three amities along the event timeline with the
 * dead-band shaded and the configuration named at every point, for the scenario as given and
 * each variant after the events; the roles and distances of every state in a table.
 */
#include <math.h>
#include <string.h>

#include "report/html.h"
#include "report/text.h"

static void timeline_chart(const sc__view *v, sc__html *h)
{
    const json_t *c = v->content;
    const json_t *ids = json_object_get(c, "actors");
    const json_t *tl = json_object_get(c, "timeline");
    double tau = sc__num(c, "tau");
    char dy[3][100];
    for (size_t d = 0; d < 3; d++) {
        sc__fmt(dy[d], sizeof dy[d], "%s-%s", json_string_value(json_array_get(ids, d)),
                json_string_value(json_array_get(ids, (d + 1) % 3)));
    }
    json_t *rows = json_array(), *points = json_array(), *configs = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "point");
    for (size_t d = 0; d < 3; d++) {
        sc__table_col(t, dy[d]);
    }
    sc__table_col(t, "configuration");
    sc__table_col(t, "roles");
    char ptr[900], base[900];
    size_t k, changes = 0;
    json_t *p;
    const char *prev = NULL;
    json_array_foreach(tl, k, p) {
        char label[100];
        sc__fmt(label, sizeof label, "%zu. %s", k, sc__str(p, "at", "?"));
        json_array_append_new(points, json_string(label));
        const char *conf = sc__str(p, "configuration", "?");
        changes += prev && strcmp(prev, conf) != 0;
        prev = conf;
        json_array_append_new(configs, json_pack("{s:s, s:s}", "point", label, "configuration", conf));
        sc__table_row(t);
        sc__table_text(t, sc__str(p, "at", "?"));
        sc__fmt(base, sizeof base, "%s/timeline/%zu", v->ptr, k);
        for (size_t d = 0; d < 3; d++) {
            json_array_append_new(rows, json_pack("{s:s, s:s, s:f}", "point", label, "dyad", dy[d],
                                                  "amity",
                                                  sc__num(json_object_get(p, "amity"), dy[d])));
            char ap[900];
            sc__fmt(ap, sizeof ap, "%s/amity", base);
            sc__ptr_join(ptr, sizeof ptr, ap, dy[d]);
            sc__table_value(t, h, ptr, 2);
        }
        sc__fmt(ptr, sizeof ptr, "%s/configuration", base);
        sc__table_value(t, h, ptr, 0);
        scx_buf roles;
        scx_buf_init(&roles);
        for (size_t i = 0; i < 3; i++) {
            const char *id = json_string_value(json_array_get(ids, i));
            scx_buf_printf(&roles, "%s%s=%s", i ? " " : "", id ? id : "?",
                           sc__str(json_object_get(json_object_get(p, "roles"), id ? id : ""),
                                   "role", "-"));
        }
        sc__table_text(t, roles.data ? roles.data : "");
        scx_buf_destroy(&roles);
    }
    json_t *spec = sc__vg_spec(520, 260);
    sc__vg_data(spec, "amity", rows);
    sc__vg_data(spec, "configs", configs);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:s, s:f}", "name", "x", "type", "point",
                                         "domain", points, "range", "width", "padding", 0.4));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[i, i], s:s}", "name", "y", "type",
                                         "linear", "domain", -1, 1, "range", "height"));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[s, s, s], s:[s, s, s]}", "name", "color",
                                         "type", "ordinal", "domain", dy[0], dy[1], dy[2], "range",
                                         sc__vg_color(0), sc__vg_color(1), sc__vg_color(2)));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:i}", "orient", "bottom", "scale", "x",
                                       "title", "timeline (baseline, then each event date)",
                                       "labelAngle", -30));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "left", "scale", "y",
                                       "title", "amity", "grid", 1));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s, s:s}", "stroke", "color", "title", "dyad",
                                          "symbolType", "stroke"));
    /* the dead-band: amities within tau of zero count as indifference */
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:{s:{s:i}, s:{s:s}, s:{s:s, s:f}, s:{s:s, s:f}, s:{s:s}, "
                         "s:{s:f}}}}",
                         "type", "rect", "encode", "enter", "x", "value", 0, "x2", "signal",
                         "width", "y", "scale", "y", "value", tau, "y2", "scale", "y", "value",
                         -tau, "fill", "value", "#c9d2e3", "fillOpacity", "value", 0.55));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:i}, s:{s:s}, s:{s:s}, s:{s:i}, "
                         "s:{s:s}, s:{s:s}}}}",
                         "type", "text", "from", "data", "configs", "encode", "enter", "x", "scale",
                         "x", "field", "point", "y", "value", -4, "text", "field", "configuration",
                         "align", "value", "center", "fontSize", "value", 9, "fill", "value",
                         "#5b6475", "angle", "signal", "0"));
    json_t *line = json_pack(
        "{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, s:{s:i}, s:{s:s}}}}",
        "type", "line", "from", "data", "series", "encode", "enter", "x", "scale", "x", "field",
        "point", "y", "scale", "y", "field", "amity", "stroke", "scale", "color", "field", "dyad",
        "strokeWidth", "value", 2, "tooltip", "signal",
        "datum.dyad + ': ' + format(datum.amity, '.2f') + ' at ' + datum.point");
    json_t *dots = json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, "
                             "s:{s:i}}}}",
                             "type", "symbol", "from", "data", "series", "encode", "enter", "x",
                             "scale", "x", "field", "point", "y", "scale", "y", "field", "amity",
                             "fill", "scale", "color", "field", "dyad", "size", "value", 30);
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:{s:s, s:s, s:s}}, s:[o, o]}", "type", "group", "from",
                         "facet", "name", "series", "data", "amity", "groupby", "dyad", "marks",
                         line, dots));
    const json_t *first = json_array_get(tl, 0), *last = json_array_get(tl, json_array_size(tl) - 1);
    char title[300], reading[700];
    sc__fmt(title, sizeof title, "Strategic triangle along the timeline: %s", v->label);
    /* the dyad that moves most */
    size_t most = 0;
    double delta = -1;
    for (size_t d = 0; d < 3; d++) {
        double dd = fabs(sc__num(json_object_get(last, "amity"), dy[d]) -
                         sc__num(json_object_get(first, "amity"), dy[d]));
        if (dd > delta) {
            delta = dd;
            most = d;
        }
    }
    if (changes == 0) {
        sc__fmt(reading, sizeof reading,
                "The triangle stays a %s at every point; %s amity moves most, from %.2f to %.2f "
                "(dead-band \xc2\xb1%g shaded).",
                sc__str(last, "configuration", "?"), dy[most],
                sc__num(json_object_get(first, "amity"), dy[most]),
                sc__num(json_object_get(last, "amity"), dy[most]), tau);
    } else {
        sc__fmt(reading, sizeof reading,
                "The configuration changes %zu time%s, from %s to %s; %s amity moves from %.2f to "
                "%.2f (dead-band \xc2\xb1%g shaded).",
                changes, changes > 1 ? "s" : "", sc__str(first, "configuration", "?"),
                sc__str(last, "configuration", "?"), dy[most],
                sc__num(json_object_get(first, "amity"), dy[most]),
                sc__num(json_object_get(last, "amity"), dy[most]), tau);
    }
    sc__html_figure(h, title, reading, spec, t);
}

void sc__html_triangle(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    (void)section;
    const sc__view *v = sc__html_main_view(views, n);
    if (!v || !json_object_get(v->content, "timeline")) {
        sc__html_p(h, "Not run: %s.", sc__str(v ? v->content : NULL, "note", "no result"));
        return;
    }
    sc__html_p(h, "Dittmer's strategic triangle (dead-band tau = %g; roles ranked by Wu 1996: "
                  "pivot > friend > partner > wing > foe > outcast). Each state's timeline is the "
                  "baseline, then every event date, with the state's variant on top.",
               sc__num(v->content, "tau"));
    size_t drawn = 0;
    for (size_t i = 0; i < n; i++) {
        int after = strcmp(sc__str(views[i].state, "events", "after"), "after") == 0;
        if ((after || n == 1) && json_object_get(views[i].content, "timeline")) {
            timeline_chart(&views[i], h);
            drawn++;
        }
    }
    if (drawn == 0) {
        timeline_chart(v, h);
    }
    /* every state: the last point's roles and each actor's distance to the pivot role */
    const json_t *ids = json_object_get(v->content, "actors");
    sc__table *t = sc__table_new();
    sc__table_col(t, "state");
    sc__table_col(t, "configuration");
    for (size_t i = 0; i < 3; i++) {
        char col[100];
        sc__fmt(col, sizeof col, "%s role", json_string_value(json_array_get(ids, i)));
        sc__table_col(t, col);
    }
    for (size_t i = 0; i < 3; i++) {
        char col[100];
        sc__fmt(col, sizeof col, "%s to pivot", json_string_value(json_array_get(ids, i)));
        sc__table_col(t, col);
    }
    char ptr[900], base[900], sub[900];
    for (size_t i = 0; i < n; i++) {
        const json_t *tl = json_object_get(views[i].content, "timeline");
        if (!tl) {
            continue;
        }
        size_t last = json_array_size(tl) - 1;
        sc__table_row(t);
        sc__table_text(t, views[i].label);
        sc__fmt(base, sizeof base, "%s/timeline/%zu", views[i].ptr, last);
        sc__fmt(ptr, sizeof ptr, "%s/configuration", base);
        sc__table_value(t, h, ptr, 0);
        for (size_t a = 0; a < 3; a++) {
            sc__fmt(sub, sizeof sub, "%s/roles", base);
            sc__ptr_join(ptr, sizeof ptr, sub, json_string_value(json_array_get(ids, a)));
            sc__fmt(sub, sizeof sub, "%s/role", ptr);
            sc__table_value(t, h, sub, 0);
        }
        for (size_t a = 0; a < 3; a++) {
            sc__fmt(sub, sizeof sub, "%s/distance_to_pivot", base);
            sc__ptr_join(ptr, sizeof ptr, sub, json_string_value(json_array_get(ids, a)));
            sc__table_value(t, h, ptr, 2);
        }
    }
    sc__html_figure(h, "Roles in every state",
                    "At each state's last point: the configuration, each actor's role, and the "
                    "least total change of amity that would make it the pivot.",
                    NULL, t);
}
