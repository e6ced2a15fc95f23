/* SPDX-License-Identifier: MIT */
/* HTML renderer of the scenario (the report's summary) and of the claims it records. */
#include <math.h>
#include <string.h>

#include "report/html.h"
#include "report/text.h"

/* The pointer of a scenario-level section: its key under /models. */
static void section_ptr(const sc__html *h, const json_t *section, char *buf, size_t size)
{
    const char *name;
    json_t *s;
    buf[0] = '\0';
    if (section == h->doc) {
        return; /* a scenario document itself (`show --format json`): pointers from its root */
    }
    json_object_foreach(json_object_get(h->doc, "models"), name, s) {
        if (s == section) {
            sc__ptr_join(buf, size, "/models", name);
        }
    }
}

void sc__html_summary(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    (void)views;
    (void)n;
    char base[600], ptr[900];
    section_ptr(h, section, base, sizeof base);
    if (sc__str(section, "description", NULL)) {
        sc__html_p(h, "%s", sc__str(section, "description", ""));
    }
    sc__table *t = sc__table_new();
    static const char *const cols[] = {"id", "name", "capability", "milex $bn", "gdp $bn"};
    for (size_t c = 0; c < 5; c++) {
        sc__table_col(t, cols[c]);
    }
    size_t k;
    json_t *a;
    json_array_foreach(json_object_get(section, "actors"), k, a) {
        sc__table_row(t);
        sc__fmt(ptr, sizeof ptr, "%s/actors/%zu/id", base, k);
        sc__table_value(t, h, ptr, 0);
        sc__fmt(ptr, sizeof ptr, "%s/actors/%zu/name", base, k);
        sc__table_value(t, h, ptr, 0);
        sc__fmt(ptr, sizeof ptr, "%s/actors/%zu/capability/value", base, k);
        sc__table_value(t, h, ptr, 5);
        static const char *const q[2] = {"milex", "gdp"};
        for (int i = 0; i < 2; i++) {
            if (json_object_get(a, q[i])) {
                sc__fmt(ptr, sizeof ptr, "%s/actors/%zu/%s/value", base, k, q[i]);
                sc__table_value(t, h, ptr, 1);
            } else {
                sc__table_text(t, "-");
            }
        }
    }
    sc__html_figure(h, "Actors", "Capability is a share of relevant power (only ratios matter to "
                                 "the models); military spending and GDP where the scenario gives "
                                 "them.",
                    NULL, t);
    json_t *is;
    json_array_foreach(json_object_get(section, "issues"), k, is) {
        t = sc__table_new();
        sc__table_col(t, "actor");
        sc__table_col(t, "position");
        sc__table_col(t, "salience");
        const char *actor;
        json_t *st;
        json_object_foreach(json_object_get(is, "stances"), actor, st) {
            char sp[900];
            sc__table_row(t);
            sc__table_text(t, actor);
            sc__fmt(ptr, sizeof ptr, "%s/issues/%zu/stances", base, k);
            sc__ptr_join(sp, sizeof sp, ptr, actor);
            sc__fmt(ptr, sizeof ptr, "%s/position/value", sp);
            sc__table_value(t, h, ptr, 1);
            sc__fmt(ptr, sizeof ptr, "%s/salience/value", sp);
            sc__table_value(t, h, ptr, 2);
        }
        char title[400], reading[900];
        const json_t *scale = json_object_get(is, "scale");
        sc__fmt(title, sizeof title, "Issue %s: %s", sc__str(is, "id", "?"), sc__str(is, "title", ""));
        sc__fmt(reading, sizeof reading, "%g = %s; %g = %s.",
                json_number_value(json_array_get(scale, 0)), sc__str(is, "low", "low"),
                json_number_value(json_array_get(scale, 1)), sc__str(is, "high", "high"));
        sc__html_figure(h, title, reading, NULL, t);
    }
    t = sc__table_new();
    sc__table_col(t, "pair");
    sc__table_col(t, "amity");
    sc__table_col(t, "trade $bn");
    json_t *r;
    json_array_foreach(json_object_get(section, "relations"), k, r) {
        const json_t *pair = json_object_get(r, "pair");
        char label[200];
        sc__fmt(label, sizeof label, "%s-%s", json_string_value(json_array_get(pair, 0)),
                json_string_value(json_array_get(pair, 1)));
        sc__table_row(t);
        sc__table_text(t, label);
        sc__fmt(ptr, sizeof ptr, "%s/relations/%zu/amity/value", base, k);
        sc__table_value(t, h, ptr, 2);
        if (json_object_get(r, "trade")) {
            sc__fmt(ptr, sizeof ptr, "%s/relations/%zu/trade/value", base, k);
            sc__table_value(t, h, ptr, 1);
        } else {
            sc__table_text(t, "-");
        }
    }
    sc__html_figure(h, "Relations", "Amity in [-1, 1]: -1 enmity, 0 indifference, 1 alliance.",
                    NULL, t);
    t = sc__table_new();
    sc__table_col(t, "date");
    sc__table_col(t, "CAMEO");
    sc__table_col(t, "what happened");
    sc__table_col(t, "shifts");
    json_t *e;
    json_array_foreach(json_object_get(section, "events"), k, e) {
        sc__table_row(t);
        sc__fmt(ptr, sizeof ptr, "%s/events/%zu/date", base, k);
        sc__table_value(t, h, ptr, 0);
        sc__table_text(t, sc__str(e, "cameo", ""));
        sc__fmt(ptr, sizeof ptr, "%s/events/%zu/what", base, k);
        sc__table_value(t, h, ptr, 0);
        char cnt[32];
        sc__fmt(cnt, sizeof cnt, "%zu", json_array_size(json_object_get(e, "shifts")));
        sc__table_text(t, cnt);
    }
    if (json_array_size(json_object_get(section, "events"))) {
        sc__html_figure(h, "Events", "What moved the scenario after its baseline date, in date "
                                     "order.",
                        NULL, t);
    } else {
        sc__table_free(t);
    }
    t = sc__table_new();
    sc__table_col(t, "variant");
    sc__table_col(t, "description");
    sc__table_col(t, "shifts");
    json_t *v;
    json_array_foreach(json_object_get(section, "variants"), k, v) {
        sc__table_row(t);
        sc__fmt(ptr, sizeof ptr, "%s/variants/%zu/name", base, k);
        sc__table_value(t, h, ptr, 0);
        sc__table_text(t, sc__str(v, "description", ""));
        char cnt[32];
        sc__fmt(cnt, sizeof cnt, "%zu", json_array_size(json_object_get(v, "shifts")));
        sc__table_text(t, cnt);
    }
    if (json_array_size(json_object_get(section, "variants"))) {
        sc__html_figure(h, "Variants", "Each is applied on top of the events (a posture from the "
                                       "state's date on).",
                        NULL, t);
    } else {
        sc__table_free(t);
    }
}

/*
 * The claims: as recorded, and, when the Monte Carlo layer has judged them (p_holds, ci95,
 * sensitivity), each claim's probability with its interval and the tornado of what drives it.
 */
void sc__html_claims(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    (void)views;
    (void)n;
    char base[600], ptr[900];
    section_ptr(h, section, base, sizeof base);
    const json_t *claims = json_object_get(section, "claims");
    if (json_array_size(claims) == 0) {
        sc__html_p(h, "The scenario records no claims.");
        return;
    }
    /* the probabilities: per claim, or per claim and state when the claim names states */
    json_t *pts = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "claim");
    sc__table_col(t, "state");
    sc__table_col(t, "P(holds)");
    sc__table_col(t, "95% low");
    sc__table_col(t, "95% high");
    size_t k;
    json_t *c;
    size_t judged = 0, holds = 0;
    json_array_foreach(claims, k, c) {
        const char *id = sc__str(c, "id", "?");
        /* {p_holds, ci95} at the claim, or under states.<state> */
        const json_t *states = json_object_get(c, "states");
        size_t ns = json_is_object(states) ? json_object_size(states) : 0;
        const char *sname = NULL;
        json_t *sv = NULL;
        void *it = ns ? json_object_iter(sc__json_mut(states)) : NULL;
        for (size_t s = 0; s < (ns ? ns : 1); s++) {
            const json_t *src = c;
            char sp[900];
            sc__fmt(sp, sizeof sp, "%s/claims/%zu", base, k);
            if (ns) {
                sname = json_object_iter_key(it);
                sv = json_object_iter_value(it);
                it = json_object_iter_next(sc__json_mut(states), it);
                src = sv;
                char tmp[900];
                sc__fmt(tmp, sizeof tmp, "%s/states", sp);
                sc__ptr_join(sp, sizeof sp, tmp, sname);
            }
            if (!json_is_number(json_object_get(src, "p_holds"))) {
                continue;
            }
            judged++;
            double p = sc__num(src, "p_holds");
            holds += p > 0.5;
            const json_t *ci = json_object_get(src, "ci95");
            char label[300];
            sc__fmt(label, sizeof label, "%s%s%s", id, ns ? " \xc2\xb7 " : "", ns ? sname : "");
            json_array_append_new(pts, json_pack("{s:s, s:f, s:f, s:f}", "claim", label, "p", p,
                                                 "lo", json_number_value(json_array_get(ci, 0)),
                                                 "hi", json_number_value(json_array_get(ci, 1))));
            sc__table_row(t);
            sc__table_text(t, id);
            sc__table_text(t, ns ? sname : "");
            sc__fmt(ptr, sizeof ptr, "%s/p_holds", sp);
            sc__table_value(t, h, ptr, 3);
            sc__fmt(ptr, sizeof ptr, "%s/ci95/0", sp);
            sc__table_value(t, h, ptr, 3);
            sc__fmt(ptr, sizeof ptr, "%s/ci95/1", sp);
            sc__table_value(t, h, ptr, 3);
        }
    }
    if (judged) {
        json_t *spec = sc__vg_spec(480, (int)(28 * judged));
        sc__vg_data(spec, "claims", pts);
        sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:f}", "name", "y",
                                             "type", "band", "domain", "data", "claims", "field",
                                             "claim", "range", "height", "padding", 0.3));
        sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[i, i], s:s}", "name", "x", "type",
                                             "linear", "domain", 0, 1, "range", "width"));
        sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "bottom", "scale",
                                           "x", "title", "probability that the claim holds",
                                           "grid", 1));
        sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
        sc__vg_add(spec, "marks",
                   json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s, "
                             "s:f}, s:{s:s}, s:{s:i}}}}",
                             "type", "rule", "from", "data", "claims", "encode", "enter", "x",
                             "scale", "x", "field", "lo", "x2", "scale", "x", "field", "hi", "y",
                             "scale", "y", "field", "claim", "band", 0.5, "stroke", "value",
                             "#5b6475", "strokeWidth", "value", 2));
        sc__vg_add(spec, "marks",
                   json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s, s:f}, s:{s:i}, "
                             "s:{s:s}, s:{s:s}}}}",
                             "type", "symbol", "from", "data", "claims", "encode", "enter", "x",
                             "scale", "x", "field", "p", "y", "scale", "y", "field", "claim",
                             "band", 0.5, "size", "value", 90, "fill", "value", "#2f5d9e", "tooltip",
                             "signal",
                             "datum.claim + ': ' + format(datum.p, '.3f') + ' [' + "
                             "format(datum.lo, '.3f') + ', ' + format(datum.hi, '.3f') + ']'"));
        char reading[300];
        sc__fmt(reading, sizeof reading,
                "%zu of %zu judged claims hold with probability above one half; the bars are "
                "95%% (Wilson) intervals.",
                holds, judged);
        sc__html_figure(h, "Claims: probability that each holds", reading, spec, t);
    } else {
        json_decref(pts);
        sc__table_free(t);
    }
    /* the sensitivity (tornado) of each claim that has one */
    json_array_foreach(claims, k, c) {
        const json_t *sens = json_object_get(c, "sensitivity");
        if (json_array_size(sens) == 0) {
            continue;
        }
        json_t *bars = json_array();
        sc__table *st = sc__table_new();
        sc__table_col(st, "input");
        sc__table_col(st, "first order");
        sc__table_col(st, "total");
        size_t q;
        json_t *s;
        json_array_foreach(sens, q, s) {
            const char *input = sc__str(s, "input", "?");
            json_array_append_new(bars, json_pack("{s:s, s:s, s:f, s:i}", "input", input, "index",
                                                  "total", "value", sc__num(s, "total"), "order", (int)q));
            json_array_append_new(bars, json_pack("{s:s, s:s, s:f, s:i}", "input", input, "index",
                                                  "first order", "value",
                                                  sc__num(s, "first_order"), "order", (int)q));
            sc__table_row(st);
            sc__table_text(st, input);
            sc__fmt(ptr, sizeof ptr, "%s/claims/%zu/sensitivity/%zu/first_order", base, k, q);
            sc__table_value(st, h, ptr, 3);
            sc__fmt(ptr, sizeof ptr, "%s/claims/%zu/sensitivity/%zu/total", base, k, q);
            sc__table_value(st, h, ptr, 3);
        }
        json_t *spec = sc__vg_spec(460, (int)(26 * json_array_size(sens)));
        sc__vg_data(spec, "bars", bars);
        sc__vg_add(spec, "scales",
                   json_pack("{s:s, s:s, s:{s:s, s:s, s:{s:s, s:s}}, s:s, s:f}", "name", "y",
                             "type", "band", "domain", "data", "bars", "field", "input", "sort",
                             "field", "order", "op", "min", "range", "height", "padding", 0.2));
        sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[s, s], s:[i, {s:s}]}", "name", "yi",
                                             "type", "band", "domain", "total", "first order",
                                             "range", 0, "signal", "bandwidth('y')"));
        sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:b, s:b}", "name",
                                             "x", "type", "linear", "domain", "data", "bars",
                                             "field", "value", "range", "width", "zero", 1, "nice",
                                             1));
        sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[s, s], s:[s, s]}", "name", "color",
                                             "type", "ordinal", "domain", "total", "first order",
                                             "range", "#2f5d9e", "#9ecae9"));
        sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "bottom", "scale",
                                           "x", "title", "Sobol index", "grid", 1));
        sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
        sc__vg_add(spec, "legends", json_pack("{s:s}", "fill", "color"));
        sc__vg_add(spec, "marks",
                   json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:i}, s:{s:s, s:s}, s:{s:s}, "
                             "s:{s:s, s:i}, s:{s:s, s:s}, s:{s:s}}}}",
                             "type", "rect", "from", "data", "bars", "encode", "enter", "x",
                             "scale", "x", "value", 0, "x2", "scale", "x", "field", "value", "y",
                             "signal", "scale('y', datum.input) + scale('yi', datum.index)",
                             "height", "scale", "yi", "band", 1, "fill", "scale", "color",
                             "field", "index", "tooltip", "signal",
                             "datum.input + ' (' + datum.index + '): ' + format(datum.value, '.3f')"));
        const json_t *top = json_array_get(sens, 0);
        char title[300], reading[400];
        sc__fmt(title, sizeof title, "What drives claim %s", sc__str(c, "id", "?"));
        sc__fmt(reading, sizeof reading,
                "%s decides most (total-effect index %.2f); bars: first-order and total Sobol "
                "indices, largest total first.",
                sc__str(top, "input", "?"), sc__num(top, "total"));
        sc__html_figure(h, title, reading, spec, st);
    }
    /* the claims as recorded */
    t = sc__table_new();
    sc__table_col(t, "claim");
    sc__table_col(t, "text");
    sc__table_col(t, "source");
    sc__table_col(t, "tested by");
    sc__table_col(t, "expecting");
    json_array_foreach(claims, k, c) {
        sc__table_row(t);
        static const char *const keys[] = {"id", "text", "source", "model", "expect"};
        for (size_t i = 0; i < 5; i++) {
            sc__fmt(ptr, sizeof ptr, "%s/claims/%zu/%s", base, k, keys[i]);
            sc__table_value(t, h, ptr, 0);
        }
    }
    sc__html_figure(h, "Claims as the scenario records them",
                    "Each claim, where it comes from, and the model the scenario names to test it.",
                    NULL, t);
}
