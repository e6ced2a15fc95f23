/* SPDX-License-Identifier: MIT */
/* HTML renderer of the alignment game: the equilibria each method finds, in every state, as a
 * grid of each player's (most likely) strategy. */
#include <math.h>
#include <string.h>

#include "report/html.h"
#include "report/sections.h"
#include "report/text.h"

void sc__html_game(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    (void)section;
    const sc__view *v = sc__html_main_view(views, n);
    if (!v || !json_object_get(v->content, "equilibria")) {
        sc__html_p(h, "Not run: %s.", sc__str(v ? v->content : NULL, "note", "no result"));
        return;
    }
    const json_t *ids = json_object_get(v->content, "actors");
    sc__html_p(h, "Each of %s, %s and %s tilts toward one of the other two or stays neutral (27 "
                  "profiles). Payoff: alliance = amity + partner's capability share; costs: "
                  "unrequited tilt %g, trade put at risk x %g, the other two's bloc x %g. Solved "
                  "by enumpure (every pure equilibrium, exact), logit (the quantal-response branch "
                  "selects one) and simpdiv.",
               json_string_value(json_array_get(ids, 0)), json_string_value(json_array_get(ids, 1)),
               json_string_value(json_array_get(ids, 2)), sc__num(v->content, "unrequited"),
               sc__num(v->content, "trade"), sc__num(v->content, "threat"));
    json_t *cells = json_array(), *rows = json_array(), *strategies = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "state");
    sc__table_col(t, "method");
    sc__table_col(t, "player");
    sc__table_col(t, "strategy");
    sc__table_col(t, "probability");
    sc__table_col(t, "payoff");
    char ptr[900], pp[900], sp[900];
    size_t same = 0, total = 0;
    const json_t *first_pure = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t k;
        json_t *e;
        size_t per_method = 0;
        const char *prev_method = "";
        json_array_foreach(json_object_get(views[i].content, "equilibria"), k, e) {
            const char *method = sc__str(e, "method", "?");
            per_method = strcmp(method, prev_method) == 0 ? per_method + 1 : 1;
            prev_method = method;
            char row[200];
            sc__fmt(row, sizeof row, "%s \xc2\xb7 %s %zu", views[i].brief, method, per_method);
            json_array_append_new(rows, json_string(row));
            if (strcmp(method, "enumpure") == 0) {
                total++;
                if (!first_pure) {
                    first_pure = json_object_get(e, "profile");
                }
                same += json_equal(json_object_get(e, "profile"), sc__json_mut(first_pure)) ? 1u : 0u;
            }
            const char *player;
            json_t *probs;
            size_t pi = 0;
            json_object_foreach(json_object_get(e, "profile"), player, probs) {
                const char *best = "?", *label;
                double bp = -1;
                json_t *pv;
                json_object_foreach(probs, label, pv) {
                    if (json_number_value(pv) > bp) {
                        bp = json_number_value(pv);
                        best = label;
                    }
                }
                int known = 0;
                size_t q;
                json_t *s;
                json_array_foreach(strategies, q, s) {
                    known |= strcmp(json_string_value(s), best) == 0;
                }
                if (!known) {
                    json_array_append_new(strategies, json_string(best));
                }
                json_array_append_new(cells, json_pack("{s:s, s:s, s:s, s:f}", "row", row,
                                                       "player", player, "strategy", best, "p",
                                                       bp));
                sc__table_row(t);
                sc__table_text(t, views[i].brief);
                sc__table_text(t, method);
                sc__table_text(t, player);
                sc__table_text(t, best);
                sc__fmt(ptr, sizeof ptr, "%s/equilibria/%zu/profile", views[i].ptr, k);
                sc__ptr_join(pp, sizeof pp, ptr, player);
                sc__ptr_join(sp, sizeof sp, pp, best);
                sc__table_value(t, h, sp, 3);
                sc__fmt(ptr, sizeof ptr, "%s/equilibria/%zu/payoffs/%zu", views[i].ptr, k, pi);
                sc__table_value(t, h, ptr, 3);
                pi++;
            }
        }
    }
    size_t nrows = json_array_size(rows);
    json_t *spec = sc__vg_spec(420, (int)(20 * (nrows ? nrows : 1)));
    sc__vg_data(spec, "cells", cells);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:s, s:f}", "name", "y", "type", "band",
                                         "domain", rows, "range", "height", "padding", 0.08));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:O, s:s, s:f}", "name", "x", "type", "band",
                                         "domain", ids, "range", "width", "padding", 0.05));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:{s:s}}", "name", "color", "type",
                                         "ordinal", "domain", strategies, "range", "scheme",
                                         "set2"));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "top", "scale", "x"));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s}", "fill", "color", "title", "strategy"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:i}, s:{s:s, s:s}, s:{s:s, "
                         "s:i}, s:{s:s, s:s}, s:{s:s}, s:{s:s}}}}",
                         "type", "rect", "from", "data", "cells", "encode", "enter", "x", "scale",
                         "x", "field", "player", "width", "scale", "x", "band", 1, "y", "scale",
                         "y", "field", "row", "height", "scale", "y", "band", 1, "fill", "scale",
                         "color", "field", "strategy", "fillOpacity", "signal",
                         "0.35 + 0.65 * datum.p", "tooltip", "signal",
                         "datum.player + ': ' + datum.strategy + ' (' + format(datum.p, '.0%') + ')'"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s, s:f}, s:{s:s, s:s, s:f}, s:{s:s}, "
                         "s:{s:s}, s:{s:s}, s:{s:i}}}}",
                         "type", "text", "from", "data", "cells", "encode", "enter", "x", "scale",
                         "x", "field", "player", "band", 0.5, "y", "scale", "y", "field", "row",
                         "band", 0.5, "text", "signal",
                         "datum.p > 0.995 ? datum.strategy : datum.strategy + ' ' + "
                         "format(datum.p, '.0%')",
                         "align", "value", "center", "baseline", "value", "middle", "fontSize",
                         "value", 10));
    /* the answers the states share: the set of pure equilibria and logit's selection */
    json_t *first = NULL;
    size_t agree = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *a = json_object();
        sc__game_answers(views[i].content, a);
        if (!first) {
            first = a;
            agree++;
            continue;
        }
        agree += json_equal(a, first) ? 1u : 0u;
        json_decref(a);
    }
    const json_t *sel = json_object_get(json_object_get(first, "logit selection"), "value");
    size_t npure = json_array_size(json_object_get(json_object_get(first, "pure equilibria"), "value"));
    char reading[600];
    if (agree == n) {
        sc__fmt(reading, sizeof reading,
                "In all %zu state%s enumpure finds the same %zu pure equilibri%s and logit selects "
                "%s (colour: each player's most likely strategy; paler when mixed).",
                n, n == 1 ? "" : "s", npure, npure == 1 ? "um" : "a",
                sel ? json_string_value(sel) : "none");
    } else {
        sc__fmt(reading, sizeof reading,
                "The equilibria differ between the states: %zu of %zu share the first state's "
                "pure equilibria and logit selection (%s); %zu of the %zu pure equilibria found "
                "are its first profile.",
                agree, n, sel ? json_string_value(sel) : "none", same, total);
    }
    json_decref(first);
    sc__html_figure(h, "Equilibria per state", reading, spec, t);
}
