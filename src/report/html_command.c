/* SPDX-License-Identifier: MIT */
/*
 * The documents of single commands (`forecast --format json`, `war --format json`, the logit
 * branch of `solve`, `triangle` and `landscape`): JSON objects named by "model". Rendered as an
 * HTML page (forecast: trajectories and the perspective chart, or the bargaining forecasts over
 * the veto players' win-set; war: the ceasefire curve and the
 * distributions' quantiles; solve: lambda against the probabilities) or as CSV (their tables;
 * the generic renderer for the commands without charts).
 */
#include <math.h>
#include <string.h>

#include "report/document.h"
#include "report/html.h"
#include "report/text.h"

/* forecast --model eum: per issue the rounds; the perspective chart when asked for. */
static void eum_page(const json_t *doc, sc__html *h)
{
    char ptr[900], base[900], ap[900];
    size_t j;
    json_t *is;
    json_array_foreach(json_object_get(doc, "issues"), j, is) {
        const json_t *rounds = json_object_get(is, "rounds");
        const json_t *r0 = json_object_get(json_array_get(rounds, 0), "positions");
        json_t *rows = json_array(), *series = json_array();
        json_array_append_new(series, json_string("median"));
        json_array_append_new(series, json_string("mean"));
        sc__table *t = sc__table_new();
        sc__table_col(t, "round");
        sc__table_col(t, "median");
        sc__table_col(t, "mean");
        const char *actor;
        json_t *x;
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        json_object_foreach(sc__json_mut(r0), actor, x) {
            json_array_append_new(series, json_string(actor));
            sc__table_col(t, actor);
        }
        size_t r;
        json_t *rd;
        json_array_foreach(rounds, r, rd) {
            sc__fmt(base, sizeof base, "/issues/%zu/rounds/%zu", j, r);
            sc__table_row(t);
            char label[32];
            sc__fmt(label, sizeof label, "%.0f", sc__num(rd, "round"));
            sc__table_text(t, label);
            static const char *const sum[2] = {"median", "mean"};
            for (int s = 0; s < 2; s++) {
                json_array_append_new(rows, json_pack("{s:f, s:s, s:f}", "x", sc__num(rd, "round"),
                                                      "series", sum[s], "y", sc__num(rd, sum[s])));
                sc__fmt(ptr, sizeof ptr, "%s/%s", base, sum[s]);
                sc__table_value(t, h, ptr, 2);
            }
            json_object_foreach(sc__json_mut(r0), actor, x) {
                double y = sc__num(json_object_get(rd, "positions"), actor);
                lo = fmin(lo, y);
                hi = fmax(hi, y);
                json_array_append_new(rows, json_pack("{s:f, s:s, s:f}", "x", sc__num(rd, "round"),
                                                      "series", actor, "y", y));
                sc__fmt(ap, sizeof ap, "%s/positions", base);
                sc__ptr_join(ptr, sizeof ptr, ap, actor);
                sc__table_value(t, h, ptr, 2);
            }
        }
        json_t *spec = sc__vg_lines(rows, series, "median", "mean", "round", "position", lo, hi);
        char title[300], reading[600];
        const json_t *first = json_array_get(rounds, 0);
        const json_t *last = json_array_get(rounds, json_array_size(rounds) - 1);
        sc__fmt(title, sizeof title, "Issue %s: positions round by round", sc__str(is, "issue", "?"));
        sc__fmt(reading, sizeof reading,
                "The median voter moves from %g to %g in %zu rounds; the forecast is %.2f (%s%s).",
                sc__num(first, "median"), sc__num(last, "median"),
                json_array_size(rounds) ? json_array_size(rounds) - 1 : 0,
                sc__num(is, "forecast"), sc__str(is, "outcome", ""),
                json_is_true(json_object_get(is, "converged")) ? ", converged" : "");
        sc__html_figure(h, title, reading, spec, t);
    }
    const json_t *p = json_object_get(doc, "perspective");
    if (p) {
        sc__html_quadrant(h, sc__str(p, "actor", "?"), sc__str(p, "issue", "?"),
                          json_object_get(p, "points"), "/perspective/points", "");
    }
}

/* forecast --model smp: per dimension the turns. */
static void smp_page(const json_t *doc, sc__html *h)
{
    char ptr[900], base[900], ap[900];
    size_t j;
    json_t *is;
    json_array_foreach(json_object_get(doc, "issues"), j, is) {
        const json_t *rounds = json_object_get(is, "rounds");
        const json_t *r0 = json_object_get(json_array_get(rounds, 0), "positions");
        const json_t *scale = json_object_get(is, "scale");
        json_t *rows = json_array(), *series = json_array();
        json_array_append_new(series, json_string("weighted mean"));
        sc__table *t = sc__table_new();
        sc__table_col(t, "turn");
        sc__table_col(t, "weighted mean");
        const char *actor;
        json_t *x;
        json_object_foreach(sc__json_mut(r0), actor, x) {
            json_array_append_new(series, json_string(actor));
            sc__table_col(t, actor);
        }
        size_t r;
        json_t *rd;
        json_array_foreach(rounds, r, rd) {
            sc__fmt(base, sizeof base, "/issues/%zu/rounds/%zu", j, r);
            sc__table_row(t);
            char label[32];
            sc__fmt(label, sizeof label, "%.0f", sc__num(rd, "round"));
            sc__table_text(t, label);
            json_array_append_new(rows, json_pack("{s:f, s:s, s:f}", "x", sc__num(rd, "round"),
                                                  "series", "weighted mean", "y",
                                                  sc__num(rd, "mean")));
            sc__fmt(ptr, sizeof ptr, "%s/mean", base);
            sc__table_value(t, h, ptr, 2);
            json_object_foreach(sc__json_mut(r0), actor, x) {
                json_array_append_new(rows, json_pack("{s:f, s:s, s:f}", "x", sc__num(rd, "round"),
                                                      "series", actor, "y",
                                                      sc__num(json_object_get(rd, "positions"),
                                                              actor)));
                sc__fmt(ap, sizeof ap, "%s/positions", base);
                sc__ptr_join(ptr, sizeof ptr, ap, actor);
                sc__table_value(t, h, ptr, 2);
            }
        }
        json_t *spec = sc__vg_lines(rows, series, "weighted mean", NULL, "turn", "position",
                                    json_number_value(json_array_get(scale, 0)),
                                    json_number_value(json_array_get(scale, 1)));
        char title[300], reading[400];
        sc__fmt(title, sizeof title, "Dimension %s: positions turn by turn", sc__str(is, "issue", "?"));
        sc__fmt(reading, sizeof reading, "The weighted mean ends at %.2f after %zu turns (%s).",
                sc__num(is, "forecast_mean"), json_array_size(rounds) ? json_array_size(rounds) - 1 : 0,
                sc__str(doc, "outcome", ""));
        sc__html_figure(h, title, reading, spec, t);
    }
}

/* An interval chart of quantiles (q05 to q95 with the quartiles and the median). */
static json_t *quantile_spec(const json_t *q, const char *title)
{
    json_t *spec = sc__vg_spec(460, 60);
    sc__vg_data(spec, "q", json_pack("[{s:f, s:f, s:f, s:f, s:f}]", "q05", sc__num(q, "q05"), "q25",
                                     sc__num(q, "q25"), "q50", sc__num(q, "q50"), "q75",
                                     sc__num(q, "q75"), "q95", sc__num(q, "q95")));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:[s, s]}, s:s, s:b, s:b}", "name",
                                         "x", "type", "linear", "domain", "data", "q", "fields",
                                         "q05", "q95", "range", "width", "nice", 1, "zero", 0));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s}", "orient", "bottom", "scale", "x",
                                       "title", title));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:i}, s:{s:s}}}}",
                         "type", "rule", "from", "data", "q", "encode", "enter", "x", "scale", "x",
                         "field", "q05", "x2", "scale", "x", "field", "q95", "y", "value", 30,
                         "stroke", "value", "#5b6475"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:i}, s:{s:i}, "
                         "s:{s:s}}}}",
                         "type", "rect", "from", "data", "q", "encode", "enter", "x", "scale", "x",
                         "field", "q25", "x2", "scale", "x", "field", "q75", "y", "value", 18,
                         "y2", "value", 42, "fill", "value", "#9ecae9"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:i}, s:{s:i}, s:{s:s}, s:{s:i}}}}",
                         "type", "rule", "from", "data", "q", "encode", "enter", "x", "scale", "x",
                         "field", "q50", "y", "value", 14, "y2", "value", 46, "stroke", "value",
                         "#1d2433", "strokeWidth", "value", 3));
    return spec;
}

/* war: the ceasefire curve, the quantiles of the durations and of the terms. */
static void war_page(const json_t *doc, sc__html *h)
{
    char ptr[900], lp[900];
    json_t *rows = json_array(), *series = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "lever");
    sc__table_col(t, "battle t");
    sc__table_col(t, "P(ceasefire by t)");
    /* one result at the top level, or one per lever (--levers) */
    const json_t *levers = json_object_get(doc, "levers");
    const json_t *top = levers ? json_object_get(levers, "none") : doc;
    top = top ? top : doc;
    const char *lever;
    json_t *res;
    json_t *one = json_pack("{s:O}", "result", sc__json_mut(doc));
    json_object_foreach(levers ? sc__json_mut(levers) : one, lever, res) {
        const char *name = levers ? lever : "result";
        json_array_append_new(series, json_string(name));
        if (levers) {
            sc__ptr_join(lp, sizeof lp, "/levers", lever);
        } else {
            lp[0] = '\0';
        }
        size_t k;
        json_t *pt;
        json_array_foreach(json_object_get(res, "ceasefire_by_battle"), k, pt) {
            json_array_append_new(rows, json_pack("{s:f, s:s, s:f}", "x", sc__num(pt, "t"),
                                                  "series", name, "y", sc__num(pt, "p")));
            sc__table_row(t);
            sc__table_text(t, name);
            sc__fmt(ptr, sizeof ptr, "%s/ceasefire_by_battle/%zu/t", lp, k);
            sc__table_value(t, h, ptr, 0);
            sc__fmt(ptr, sizeof ptr, "%s/ceasefire_by_battle/%zu/p", lp, k);
            sc__table_value(t, h, ptr, 3);
        }
    }
    json_decref(one);
    json_t *spec = sc__vg_lines(rows, series, NULL, NULL, "battle t", "P(ceasefire reached by t)",
                                0, 1);
    char reading[400];
    sc__fmt(reading, sizeof reading,
            "%s against %s%s: a ceasefire within 52 battles with probability %.3f (standard error "
            "%.3f), ever %.3f; mean duration %.1f battles.",
            sc__str(doc, "a", "A"), sc__str(doc, "b", "B"), levers ? " without a lever" : "",
            sc__num(top, "p_ceasefire_52"), sc__num(top, "p_ceasefire_52_se"),
            sc__num(top, "p_ceasefire"), sc__num(top, "mean_battles"));
    sc__html_figure(h, "Ceasefire by battle t", reading, spec, t);
    /* the headline numbers of each result */
    static const char *const keys[] = {"p_ceasefire", "p_ceasefire_52", "p_ceasefire_52_se",
                                       "p_held", "p_victory_a", "p_victory_b", "p_ongoing",
                                       "p_relapse", "mean_battles", "mean_battles_se",
                                       "mean_share_a", "mean_share_a_se"};
    sc__table *st = sc__table_new();
    sc__table_col(st, "lever");
    for (size_t c = 0; c < sizeof keys / sizeof keys[0]; c++) {
        sc__table_col(st, keys[c]);
    }
    one = json_pack("{s:O}", "result", sc__json_mut(doc));
    json_object_foreach(levers ? sc__json_mut(levers) : one, lever, res) {
        sc__table_row(st);
        sc__table_text(st, levers ? lever : "result");
        if (levers) {
            sc__ptr_join(lp, sizeof lp, "/levers", lever);
        } else {
            lp[0] = '\0';
        }
        for (size_t c = 0; c < sizeof keys / sizeof keys[0]; c++) {
            if (json_object_get(res, keys[c])) {
                sc__fmt(ptr, sizeof ptr, "%s/%s", lp, keys[c]);
                sc__table_value(st, h, ptr, 4);
            } else {
                sc__table_text(st, "");
            }
        }
    }
    json_decref(one);
    sc__html_figure(h, "Results", "Probabilities of each outcome, with the Monte Carlo standard "
                               "errors, the mean duration and the mean terms (A's share).",
                    NULL, st);
    doc = top;
    static const struct {
        const char *key, *title, *axis;
        int dec;
    } q[2] = {{"battles_quantiles", "Durations", "battles until the war ended", 0},
              {"share_quantiles", "Terms", "A's share of the stakes at the ceasefire", 3}};
    for (int i = 0; i < 2; i++) {
        const json_t *qq = json_object_get(doc, q[i].key);
        if (!qq) {
            continue;
        }
        sc__table *qt = sc__table_new();
        sc__table_col(qt, "quantile");
        sc__table_col(qt, "value");
        static const char *const names[5] = {"q05", "q25", "q50", "q75", "q95"};
        for (int n = 0; n < 5; n++) {
            sc__table_row(qt);
            sc__table_text(qt, names[n]);
            sc__fmt(ptr, sizeof ptr, "%s/%s/%s", levers ? "/levers/none" : "", q[i].key, names[n]);
            sc__table_value(qt, h, ptr, q[i].dec);
        }
        char r2[300];
        sc__fmt(r2, sizeof r2, "Median %.*f; half of the runs between %.*f and %.*f, 90%% between "
                               "%.*f and %.*f.",
                q[i].dec, sc__num(qq, "q50"), q[i].dec, sc__num(qq, "q25"), q[i].dec,
                sc__num(qq, "q75"), q[i].dec, sc__num(qq, "q05"), q[i].dec, sc__num(qq, "q95"));
        sc__html_figure(h, q[i].title, r2, quantile_spec(qq, q[i].axis), qt);
    }
}

/* forecast --model bargaining: the models' forecasts per issue over the veto players' win-set. */
static void bargaining_page(const json_t *doc, sc__html *h)
{
    sc__html_p(h, "One bargaining forecast: the weighted-median baseline, the EUM (Scholz's "
                  "program, the published replication, and the equations as printed) and the SMP "
                  "side by side; the spread between them is the forecast's model uncertainty, no "
                  "one model's number is the answer.");
    if (sc__str(doc, "note", NULL)) {
        sc__html_p(h, "Note: %s", sc__str(doc, "note", ""));
    }
    const json_t *st = json_object_get(doc, "state");
    char label[300];
    sc__fmt(label, sizeof label, "%s the events%s%s", 
            strcmp(sc__str(st, "events", "after"), "before") == 0 ? "before" : "after",
            sc__str(st, "variant", NULL) ? ", variant " : "", sc__str(st, "variant", ""));
    sc__html_bargaining_forecasts(doc, "", label, 1, h);
}

/* solve --method logit: the traced branch, lambda against each strategy's probability. */
static void logit_page(const json_t *doc, sc__html *h)
{
    const json_t *players = json_object_get(doc, "players");
    const json_t *branch = json_object_get(doc, "branch");
    json_t *rows = json_array(), *series = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, "lambda");
    size_t p, s, k;
    json_t *pl, *st, *pt;
    json_array_foreach(players, p, pl) {
        json_array_foreach(json_object_get(pl, "strategies"), s, st) {
            char name[300];
            sc__fmt(name, sizeof name, "%s: %s", sc__str(pl, "label", "?"), json_string_value(st));
            json_array_append_new(series, json_string(name));
            sc__table_col(t, name);
        }
    }
    char ptr[900];
    double lmax = 0;
    json_array_foreach(branch, k, pt) {
        sc__table_row(t);
        sc__fmt(ptr, sizeof ptr, "/branch/%zu/lambda", k);
        sc__table_value(t, h, ptr, 4);
        double lambda = sc__num(pt, "lambda");
        lmax = fmax(lmax, lambda);
        size_t i;
        json_t *v;
        json_array_foreach(json_object_get(pt, "profile"), i, v) {
            json_array_append_new(rows, json_pack("{s:f, s:s, s:f}", "x", lambda, "series",
                                                  json_string_value(json_array_get(series, i)),
                                                  "y", json_number_value(v)));
            sc__fmt(ptr, sizeof ptr, "/branch/%zu/profile/%zu", k, i);
            sc__table_value(t, h, ptr, 4);
        }
    }
    json_t *spec = sc__vg_lines(rows, series, NULL, NULL, "lambda (symmetric log scale)",
                                "probability", 0, 1);
    /* lambda spans orders of magnitude: a symmetric log scale */
    json_t *x = json_array_get(json_object_get(spec, "scales"), 0);
    json_object_set_new(x, "type", json_string("symlog"));
    json_object_set_new(x, "constant", json_real(0.1));
    json_t *axis = json_array_get(json_object_get(spec, "axes"), 0);
    json_object_set_new(axis, "format", json_string("~g"));
    json_t *ticks = json_array();
    json_array_append_new(ticks, json_real(0));
    for (double tk = 0.1; tk <= lmax * 1.0001; tk *= 10) {
        json_array_append_new(ticks, json_real(tk));
    }
    json_object_set_new(axis, "values", ticks);
    const json_t *ne = json_object_get(doc, "equilibrium");
    scx_buf eq;
    scx_buf_init(&eq);
    sc__put_value(&eq, ne);
    char reading[900];
    sc__fmt(reading, sizeof reading,
            "The logit quantal-response branch from uniform play (lambda = 0) to lambda = %.4g, "
            "%zu points; it ends at the equilibrium (%s).",
            lmax, json_array_size(branch), eq.data ? eq.data : "?");
    scx_buf_destroy(&eq);
    sc__html_figure(h, "The logit branch: lambda against the probabilities", reading, spec, t);
}

int sc__command_render(const json_t *doc, sc__html *h)
{
    const char *model = sc__str(doc, "model", "");
    if (strcmp(model, "eum") == 0) {
        eum_page(doc, h);
    } else if (strcmp(model, "smp") == 0) {
        smp_page(doc, h);
    } else if (strcmp(model, "war") == 0) {
        war_page(doc, h);
    } else if (strcmp(model, "logit") == 0) {
        logit_page(doc, h);
    } else if (strcmp(model, "bargaining") == 0) {
        bargaining_page(doc, h);
    } else {
        return 0;
    }
    return 1;
}
