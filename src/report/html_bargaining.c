/* SPDX-License-Identifier: MIT */
/*
 * HTML renderer of the one bargaining forecast (src/bargain): per issue the models' forecasts
 * side by side (a cycling EUM as its range) over the veto players' win-set, or the gap between
 * the floor and the ceiling when no settlement is acceptable to all; each model's verdict; and
 * the forecasts' spread in every state.
 */
#include <math.h>
#include <string.h>

#include "report/html.h"
#include "report/text.h"

/* Whether every issue of the content has the same scale (else positions are drawn as a share of
 * their issue's scale). */
static int same_scale(const json_t *issues, double *lo, double *hi)
{
    size_t k;
    json_t *o;
    *lo = HUGE_VAL;
    *hi = -HUGE_VAL;
    int same = 1;
    json_array_foreach(issues, k, o) {
        const json_t *sc = json_object_get(o, "scale");
        double a = json_number_value(json_array_get(sc, 0)), b = json_number_value(json_array_get(sc, 1));
        if (k > 0 && (a != *lo || b != *hi)) {
            same = 0;
        }
        *lo = k ? fmin(*lo, a) : a;
        *hi = k ? fmax(*hi, b) : b;
    }
    return same;
}

/* x as drawn: the position itself, or its share (0-100) of the issue's scale. */
static double drawn(double x, const json_t *issue, int same)
{
    if (same) {
        return x;
    }
    const json_t *sc = json_object_get(issue, "scale");
    double a = json_number_value(json_array_get(sc, 0)), b = json_number_value(json_array_get(sc, 1));
    return b > a ? 100.0 * (x - a) / (b - a) : x;
}

/* The pointer of one model's `part` (0 forecast, 1 range low, 2 range high, 3 outcome, 4
 * agreement) on issue k: the report's STATE_CONTENT keeps each part per model
 * (issues/k/forecasts/MODEL, issues/k/ranges/MODEL/0, ...); `forecast --model bargaining
 * --format json` keeps each model's parts together (issues/k/forecasts/MODEL/forecast, .../range/0,
 * ...). */
static void part_ptr(char *ptr, size_t size, const char *base, size_t k, const char *model,
                     int part, int command)
{
    static const char *const sect[] = {"forecasts", "ranges", "ranges", "outcomes", "agreement"};
    static const char *const cmd[] = {"forecast", "range", "range", "outcome", "agreement"};
    char mp[900];
    sc__fmt(mp, sizeof mp, "%s/issues/%zu/%s", base, k, command ? "forecasts" : sect[part]);
    sc__ptr_join(ptr, size, mp, model);
    size_t len = strlen(ptr);
    if (command) {
        sc__fmt(ptr + len, size - len, "/%s", cmd[part]);
        len = strlen(ptr);
    }
    if (part == 1 || part == 2) {
        sc__fmt(ptr + len, size - len, "/%d", part - 1);
    }
}

static double num_at(const sc__html *h, const char *ptr)
{
    const json_t *v = sc__html_at(h, ptr);
    return json_is_number(v) ? json_number_value(v) : (double)NAN;
}

void sc__html_bargaining_forecasts(const json_t *c, const char *base, const char *label,
                                   int command, sc__html *h)
{
    const json_t *issues = json_object_get(c, "issues"), *models = json_object_get(c, "models");
    double lo, hi;
    int same = same_scale(issues, &lo, &hi);
    if (!same) {
        lo = 0;
        hi = 100;
    }
    json_t *points = json_array(), *sets = json_array(), *rows = json_array();
    sc__table *t = sc__table_new();
    static const char *const cols[] = {"issue", "model", "forecast", "range low", "range high",
                                       "outcome", "agreement"};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        sc__table_col(t, cols[i]);
    }
    char ptr[900];
    size_t k, without = 0, settled = 0, verdicts = 0;
    json_t *o;
    json_array_foreach(issues, k, o) {
        const char *issue = sc__str(o, "issue", "?");
        json_array_append_new(rows, json_string(issue));
        size_t m;
        json_t *mn;
        json_array_foreach(models, m, mn) {
            const char *model = json_string_value(mn);
            if (!model) {
                continue;
            }
            part_ptr(ptr, sizeof ptr, base, k, model, 0, command);
            double f = num_at(h, ptr);
            part_ptr(ptr, sizeof ptr, base, k, model, 1, command);
            int ranged = sc__html_at(h, ptr) != NULL;
            double rlo = json_is_number(sc__html_at(h, ptr)) ? num_at(h, ptr) : f;
            part_ptr(ptr, sizeof ptr, base, k, model, 2, command);
            double rhi = json_is_number(sc__html_at(h, ptr)) ? num_at(h, ptr) : f;
            if (isfinite(f)) {
                json_array_append_new(points,
                                      json_pack("{s:s, s:s, s:f, s:f, s:f, s:f}", "issue", issue,
                                                "model", model, "x", drawn(f, o, same), "lo",
                                                drawn(rlo, o, same), "hi", drawn(rhi, o, same),
                                                "value", f));
            }
            part_ptr(ptr, sizeof ptr, base, k, model, 4, command);
            const char *verdict = json_string_value(sc__html_at(h, ptr));
            if (verdict) {
                verdicts++;
                settled += strncmp(verdict, "settlement", 10) == 0;
            }
            sc__table_row(t);
            sc__table_text(t, issue);
            sc__table_text(t, model);
            for (int q = 0; q < 5; q++) {
                part_ptr(ptr, sizeof ptr, base, k, model, q, command);
                if ((q == 1 || q == 2) && !ranged) {
                    sc__table_text(t, "-");
                    continue;
                }
                if (sc__html_at(h, ptr)) {
                    sc__table_value(t, h, ptr, 2);
                } else {
                    sc__table_text(t, "-");
                }
            }
        }
        const json_t *w = json_object_get(o, "winset");
        if (json_is_true(json_object_get(w, "covered")) && json_is_number(json_object_get(w, "floor")) &&
            json_is_number(json_object_get(w, "ceiling"))) {
            int exists = json_is_true(json_object_get(w, "exists"));
            without += !exists;
            double fl = sc__num(w, "floor"), ce = sc__num(w, "ceiling");
            char tip[300];
            if (exists) {
                sc__fmt(tip, sizeof tip, "win-set [%.1f, %.1f]: floor set by %s, ceiling by %s",
                        fl, ce, sc__str(w, "floor_by", "the scale's end"),
                        sc__str(w, "ceiling_by", "the scale's end"));
            } else {
                sc__fmt(tip, sizeof tip, "no agreement possible: %s accepts nothing below %.1f, "
                                             "%s nothing above %.1f",
                        sc__str(w, "floor_by", "?"), fl, sc__str(w, "ceiling_by", "?"), ce);
            }
            json_array_append_new(sets, json_pack("{s:s, s:f, s:f, s:s, s:s}", "issue", issue,
                                                  "a", drawn(fmin(fl, ce), o, same), "b",
                                                  drawn(fmax(fl, ce), o, same), "kind",
                                                  exists ? "win-set" : "no win-set", "label",
                                                  tip));
        }
    }
    json_t *spec = sc__vg_spec(520, (int)(44 * json_array_size(rows)));
    sc__vg_data(spec, "points", points);
    sc__vg_data(spec, "sets", sets);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:s, s:f}", "name", "y", "type", "band",
                                         "domain", rows, "range", "height", "padding", 0.15));
    /* one row per model inside each issue's band */
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:{s:s}, s:f}", "name", "m", "type",
                                         "band", "domain", json_deep_copy(models), "range",
                                         "signal", "[0, bandwidth('y')]", "padding", 0.1));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[f, f], s:s, s:b}", "name", "x", "type",
                                         "linear", "domain", lo, hi, "range", "width", "zero", 0));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:{s:s}}", "name", "color", "type",
                                         "ordinal", "domain", json_deep_copy(models), "range",
                                         "scheme", "category10"));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[s, s], s:[s, s]}", "name", "set", "type",
                                         "ordinal", "domain", "win-set", "no win-set", "range",
                                         "#74c476", "#fb6a4a"));
    sc__vg_add(spec, "axes",
               json_pack("{s:s, s:s, s:s, s:b}", "orient", "bottom", "scale", "x", "title",
                         same ? "position on the issue's scale" : "position, % of the issue's scale",
                         "grid", 1));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s}", "fill", "color", "title", "model"));
    if (json_array_size(sets)) {
        sc__vg_add(spec, "legends", json_pack("{s:s, s:s, s:s}", "fill", "set", "title",
                                              "veto players", "symbolType", "square"));
    }
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, "
                         "s:{s:s, s:i}, s:{s:s, s:s}, s:{s:f}, s:{s:s}}}}",
                         "type", "rect", "from", "data", "sets", "encode", "enter", "x", "scale",
                         "x", "field", "a", "x2", "scale", "x", "field", "b", "y", "scale", "y",
                         "field", "issue", "height", "scale", "y", "band", 1, "fill", "scale",
                         "set", "field", "kind", "fillOpacity", "value", 0.35, "tooltip", "field",
                         "label"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:s, "
                         "s:s}, s:{s:i}}}}",
                         "type", "rule", "from", "data", "points", "encode", "enter", "x", "scale",
                         "x", "field", "lo", "x2", "scale", "x", "field", "hi", "y", "signal",
                         "scale('y', datum.issue) + scale('m', datum.model) + bandwidth('m') / 2",
                         "stroke", "scale", "color", "field", "model", "strokeWidth", "value", 3));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s}, s:{s:s, s:s}, s:{s:i}, "
                         "s:{s:s}, s:{s:s}}}}",
                         "type", "symbol", "from", "data", "points", "encode", "enter", "x",
                         "scale", "x", "field", "x", "y", "signal",
                         "scale('y', datum.issue) + scale('m', datum.model) + bandwidth('m') / 2",
                         "fill", "scale", "color", "field", "model", "size", "value", 70, "stroke",
                         "value", "white", "tooltip", "signal",
                         "datum.model + ': ' + format(datum.value, '.2f') + (datum.lo < datum.hi "
                         "? ' (cycles between ' + format(datum.lo, '.1f') + ' and ' + "
                         "format(datum.hi, '.1f') + ')' : '')"));
    char reading[600];
    if (json_array_size(sets)) {
        sc__fmt(reading, sizeof reading,
                "The veto players leave no acceptable settlement on %zu of %zu issues (red: the gap "
                "between the floor and the ceiling); %zu of %zu model forecasts would be accepted "
                "(%s).",
                without, json_array_size(issues), settled, verdicts, label);
    } else {
        sc__fmt(reading, sizeof reading,
                "Each model's forecast per issue (%s); a bar is the range a cycling model moves "
                "in. The scenario names no veto players, so no win-set is drawn.",
                label);
    }
    sc__html_figure(h, "Forecasts per issue and the veto players' win-set", reading, spec, t);

    /* the win-set's bounds and who sets them */
    if (json_array_size(json_object_get(c, "veto_players")) == 0) {
        return;
    }
    sc__table *wt = sc__table_new();
    static const char *const wcols[] = {"issue", "covered", "exists", "floor", "floor set by",
                                        "ceiling", "ceiling set by"};
    static const char *const wkeys[] = {"covered", "exists", "floor", "floor_by", "ceiling",
                                        "ceiling_by"};
    for (size_t i = 0; i < sizeof wcols / sizeof wcols[0]; i++) {
        sc__table_col(wt, wcols[i]);
    }
    json_array_foreach(issues, k, o) {
        sc__table_row(wt);
        sc__table_text(wt, sc__str(o, "issue", "?"));
        for (size_t q = 0; q < sizeof wkeys / sizeof wkeys[0]; q++) {
            sc__fmt(ptr, sizeof ptr, "%s/issues/%zu/winset/%s", base, k, wkeys[q]);
            sc__table_value(wt, h, ptr, 1);
        }
    }
    char players[400];
    size_t len = 0, q;
    json_t *a;
    players[0] = '\0';
    json_array_foreach(json_object_get(c, "veto_players"), q, a) {
        if (len < sizeof players - 40) {
            len += (size_t)snprintf(players + len, sizeof players - len, "%s%s", q ? ", " : "",
                                    json_string_value(a) ? json_string_value(a) : "?");
        }
    }
    sc__fmt(reading, sizeof reading,
            "Veto players %s: each accepts what lies at least as close to its position as its "
            "reservation point; the win-set is what all of them accept (Tsebelis 2002).",
            players);
    sc__html_figure(h, "The veto players' win-set", reading, NULL, wt);
}

void sc__html_bargaining(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    (void)section;
    sc__html_p(h, "One bargaining forecast: the weighted-median baseline, the EUM (Scholz's "
                  "program, the published replication, and the equations as printed) and the SMP "
                  "side by side; the spread between them is the forecast's model uncertainty, no "
                  "one model's number is the answer.");
    const sc__view *v = sc__html_main_view(views, n);
    if (!v || !json_object_get(v->content, "issues")) {
        sc__html_p(h, "Not run: %s.", sc__str(v ? v->content : NULL, "note", "no result"));
        return;
    }
    if (sc__str(v->content, "agreement_rationale", NULL)) {
        sc__html_p(h, "Why these veto players: %s.", sc__str(v->content, "agreement_rationale", ""));
    }
    if (sc__str(v->content, "note", NULL)) {
        sc__html_p(h, "Note: %s", sc__str(v->content, "note", ""));
    }
    sc__html_bargaining_forecasts(v->content, v->ptr, v->label, 0, h);
    if (n < 2) {
        return;
    }
    /* every state side by side: the spread of the forecasts per issue */
    const json_t *issues = json_object_get(v->content, "issues");
    sc__table *t = sc__table_new();
    sc__table_col(t, "state");
    sc__table_col(t, "issue");
    sc__table_col(t, "lowest forecast");
    sc__table_col(t, "highest forecast");
    sc__table_col(t, "spread");
    char ptr[900];
    for (size_t i = 0; i < n; i++) {
        size_t k;
        json_t *o;
        json_array_foreach(json_object_get(views[i].content, "issues"), k, o) {
            sc__table_row(t);
            sc__table_text(t, views[i].label);
            sc__table_text(t, sc__str(o, "issue", "?"));
            for (int e = 0; e < 2; e++) {
                sc__fmt(ptr, sizeof ptr, "%s/issues/%zu/spread/%d", views[i].ptr, k, e);
                sc__table_value(t, h, ptr, 2);
            }
            sc__fmt(ptr, sizeof ptr, "%s/issues/%zu/spread_width", views[i].ptr, k);
            sc__table_value(t, h, ptr, 2);
        }
    }
    char reading[300];
    sc__fmt(reading, sizeof reading,
            "How far apart the models' forecasts lie on each of the %zu issues, for the scenario "
            "as given and each variant, before and after the events.",
            json_array_size(issues));
    sc__html_figure(h, "Spread of the forecasts per state", reading, NULL, t);
}
