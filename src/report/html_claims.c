/* SPDX-License-Identifier: MIT */
/*
 * HTML renderer of the claims section (src/montecarlo/claims_section.c, issue 12):
 * - each claim's verdict at the point values (`at_point_values`, per state), and, after a Monte
 *   Carlo (`statecraft run --draws N`), its probability of holding with the 95% Wilson interval,
 *   standard error and verdict, per state (`states.<state>` when the claim is judged in several);
 * - per claim and state, the tornado of what decides it (first-order and total Sobol indices,
 *   with the total's bootstrap interval);
 * - the Monte Carlo's headline numbers: quantiles (5/50/95%) of each number, outcome frequencies
 *   of each categorical answer, and the inputs that move them most;
 * - the uncertain inputs themselves, and the claims as the scenario records them.
 */
#include <math.h>
#include <string.h>

#include "report/html.h"
#include "report/text.h"

/* The pointer of the section: its key under /models (or the root of a bare claims object). */
static void section_ptr(const sc__html *h, const json_t *section, char *buf, size_t size)
{
    const char *name;
    json_t *s;
    buf[0] = '\0';
    json_object_foreach(json_object_get(h->doc, "models"), name, s) {
        if (s == section) {
            sc__ptr_join(buf, size, "/models", name);
        }
    }
}

/* One judged result of a claim: the claim object itself, or one of its states. */
typedef struct judged {
    const json_t *claim;
    const char *id;
    const char *state;  /* NULL: the claim's one state */
    const json_t *res;  /* {p_holds, ci95, se, draws, verdict, sensitivity, ...} */
    char ptr[900];      /* the pointer of res */
} judged;

/* Calls fn on every result of every claim that has a probability; returns how many. */
static size_t each_result(const json_t *claims, const char *base,
                          void (*fn)(const judged *, void *), void *ctx)
{
    size_t k, count = 0;
    json_t *c;
    json_array_foreach(claims, k, c) {
        judged j = {.claim = c, .id = sc__str(c, "id", "?")};
        char cp[900];
        sc__fmt(cp, sizeof cp, "%s/claims/%zu", base, k);
        if (json_is_number(json_object_get(c, "p_holds"))) {
            j.res = c;
            sc__fmt(j.ptr, sizeof j.ptr, "%s", cp);
            fn(&j, ctx);
            count++;
        }
        const char *state;
        json_t *r;
        json_object_foreach(json_object_get(c, "states"), state, r) {
            if (!json_is_number(json_object_get(r, "p_holds"))) {
                continue;
            }
            char sp[900];
            sc__fmt(sp, sizeof sp, "%s/states", cp);
            j.state = state;
            j.res = r;
            sc__ptr_join(j.ptr, sizeof j.ptr, sp, state);
            fn(&j, ctx);
            count++;
        }
    }
    return count;
}

static json_t *pair_value(const json_t *arr, size_t i)
{
    return sc__json_number(json_is_number(json_array_get(arr, i))
                               ? json_number_value(json_array_get(arr, i))
                               : (double)NAN);
}

/* ---- the probabilities ------------------------------------------------------------------------ */

typedef struct prob_ctx {
    json_t *pts;
    sc__table *t;
    const sc__html *h;
    size_t holds, fails, uncertain;
} prob_ctx;

static void prob_row(const judged *j, void *vctx)
{
    prob_ctx *x = vctx;
    char label[400], ptr[1000];
    sc__fmt(label, sizeof label, "%s%s%s", j->id, j->state ? " \xc2\xb7 " : "",
            j->state ? j->state : "");
    const char *verdict = sc__str(j->res, "verdict", "");
    x->holds += strcmp(verdict, "holds") == 0;
    x->fails += strcmp(verdict, "fails") == 0;
    x->uncertain += strcmp(verdict, "uncertain") == 0;
    const json_t *ci = json_object_get(j->res, "ci95");
    json_t *pt = json_object();
    json_object_set_new(pt, "claim", json_string(label));
    json_object_set_new(pt, "p", sc__json_number(sc__num(j->res, "p_holds")));
    json_object_set_new(pt, "lo", pair_value(ci, 0));
    json_object_set_new(pt, "hi", pair_value(ci, 1));
    json_object_set_new(pt, "verdict", json_string(verdict[0] ? verdict : "not judged"));
    json_array_append_new(x->pts, pt);
    sc__table_row(x->t);
    sc__table_text(x->t, j->id);
    const char *only = json_string_value(json_array_get(json_object_get(j->claim, "judged_in"), 0));
    sc__table_text(x->t, j->state ? j->state : only ? only : "");
    static const char *const keys[] = {"verdict", "p_holds", "ci95/0", "ci95/1", "se", "draws",
                                       "model_noise/change_rate", "holds_at_point_values"};
    static const int dec[] = {0, 3, 3, 3, 4, 0, 3, 0};
    for (size_t q = 0; q < sizeof keys / sizeof keys[0]; q++) {
        sc__fmt(ptr, sizeof ptr, "%s/%s", j->ptr, keys[q]);
        if (sc__html_at(x->h, ptr)) {
            sc__table_value(x->t, x->h, ptr, dec[q]);
        } else {
            sc__table_text(x->t, "-");
        }
    }
}

static void probabilities(const json_t *claims, const char *base, sc__html *h)
{
    prob_ctx x = {.pts = json_array(), .t = sc__table_new(), .h = h};
    static const char *const cols[] = {"claim", "state", "verdict", "P(holds)", "95% low",
                                       "95% high", "se", "draws", "changed by noise",
                                       "at point values"};
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        sc__table_col(x.t, cols[c]);
    }
    size_t judged_n = each_result(claims, base, prob_row, &x);
    if (judged_n == 0) {
        json_decref(x.pts);
        sc__table_free(x.t);
        return;
    }
    json_t *spec = sc__vg_spec(480, (int)(26 * judged_n));
    sc__vg_data(spec, "claims", x.pts);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:f}", "name", "y",
                                         "type", "band", "domain", "data", "claims", "field",
                                         "claim", "range", "height", "padding", 0.3));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[i, i], s:s}", "name", "x", "type",
                                         "linear", "domain", 0, 1, "range", "width"));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[s, s, s, s], s:[s, s, s, s]}", "name",
                                         "verdict", "type", "ordinal", "domain", "holds",
                                         "uncertain", "fails", "not judged", "range", "#2ca02c",
                                         "#ff7f0e", "#d62728", "#7f7f7f"));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "bottom", "scale",
                                       "x", "title", "probability that the claim holds",
                                       "grid", 1));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s, s:s, s:s}", "fill", "verdict", "title",
                                          "verdict", "orient", "bottom", "direction",
                                          "horizontal"));
    /* the band of the verdicts: below 0.1 fails, above 0.9 holds (the whole interval) */
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:{s:{s:s, s:f}, s:{s:s, s:i}, s:{s:i}, s:{s:s}, s:{s:s}, "
                         "s:{s:f}}}}",
                         "type", "rect", "encode", "enter", "x", "scale", "x", "value", 0.9, "x2",
                         "scale", "x", "value", 1, "y", "value", 0, "y2", "signal", "height",
                         "fill", "value", "#2ca02c", "fillOpacity", "value", 0.08));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:{s:{s:s, s:i}, s:{s:s, s:f}, s:{s:i}, s:{s:s}, s:{s:s}, "
                         "s:{s:f}}}}",
                         "type", "rect", "encode", "enter", "x", "scale", "x", "value", 0, "x2",
                         "scale", "x", "value", 0.1, "y", "value", 0, "y2", "signal", "height",
                         "fill", "value", "#d62728", "fillOpacity", "value", 0.08));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s, "
                         "s:f}, s:{s:s}, s:{s:i}}}}",
                         "type", "rule", "from", "data", "claims", "encode", "enter", "x",
                         "scale", "x", "field", "lo", "x2", "scale", "x", "field", "hi", "y",
                         "scale", "y", "field", "claim", "band", 0.5, "stroke", "value",
                         "#5b6475", "strokeWidth", "value", 2));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s, s:f}, s:{s:i}, "
                         "s:{s:s, s:s}, s:{s:s}}}}",
                         "type", "symbol", "from", "data", "claims", "encode", "enter", "x",
                         "scale", "x", "field", "p", "y", "scale", "y", "field", "claim",
                         "band", 0.5, "size", "value", 90, "fill", "scale", "verdict", "field",
                         "verdict", "tooltip", "signal",
                         "datum.claim + ': ' + datum.verdict + ', P = ' + format(datum.p, '.3f') "
                         "+ ' [' + format(datum.lo, '.3f') + ', ' + format(datum.hi, '.3f') + "
                         "']'"));
    char reading[400];
    sc__fmt(reading, sizeof reading,
            "Of %zu judgements (claim and state), %zu hold, %zu fail and %zu are uncertain (a "
            "claim holds when its whole 95%% Wilson interval, widened by the share of "
            "verdicts the simulation noise changed where it reads a simulation, lies above 0.9, fails when below 0.1; shaded).",
            judged_n, x.holds, x.fails, x.uncertain);
    sc__html_figure(h, "Claims: probability that each holds", reading, spec, x.t);
}

/* ---- the tornadoes ---------------------------------------------------------------------------- */

/* Bars of a tornado chart at most (its table lists every input). */
#define TORNADO_BARS 12

/* A tornado of `sens` ([{input, first_order, total, total_ci95}], largest total first) at
 * pointer `ptr`; n_max bars at most (the table keeps them all). */
static void tornado(const json_t *sens, const char *ptr, const char *title, const char *what,
                    sc__html *h)
{
    json_t *bars = json_array(), *cis = json_array();
    sc__table *st = sc__table_new();
    static const char *const cols[] = {"input", "first order", "total", "total 95% low",
                                       "total 95% high"};
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        sc__table_col(st, cols[c]);
    }
    size_t q;
    json_t *s;
    char cp[1000];
    size_t charted = 0;
    json_array_foreach(sens, q, s) {
        const char *input = sc__str(s, "input", "?");
        static const char *const idx[2] = {"total", "first_order"};
        /* the chart: the inputs that carry some of the variance, at most TORNADO_BARS */
        int chart = charted < TORNADO_BARS && (q == 0 || sc__num(s, "total") > 0.005);
        charted += chart ? 1u : 0u;
        for (int i = 0; chart && i < 2; i++) {
            json_t *b = json_object();
            json_object_set_new(b, "input", json_string(input));
            json_object_set_new(b, "index", json_string(i ? "first order" : "total"));
            json_object_set_new(b, "value", sc__json_number(sc__num(s, idx[i])));
            json_object_set_new(b, "order", json_integer((json_int_t)q));
            json_array_append_new(bars, b);
        }
        const json_t *ci = json_object_get(s, "total_ci95");
        if (chart && json_is_number(json_array_get(ci, 0)) && json_is_number(json_array_get(ci, 1))) {
            json_t *e = json_object();
            json_object_set_new(e, "input", json_string(input));
            json_object_set_new(e, "lo", pair_value(ci, 0));
            json_object_set_new(e, "hi", pair_value(ci, 1));
            json_array_append_new(cis, e);
        }
        sc__table_row(st);
        sc__table_text(st, input);
        static const char *const keys[] = {"first_order", "total", "total_ci95/0", "total_ci95/1"};
        for (size_t k = 0; k < 4; k++) {
            sc__fmt(cp, sizeof cp, "%s/%zu/%s", ptr, q, keys[k]);
            if (sc__html_at(h, cp)) {
                sc__table_value(st, h, cp, 3);
            } else {
                sc__table_text(st, "-");
            }
        }
    }
    json_t *spec = sc__vg_spec(460, (int)(30 * charted) + 10);
    sc__vg_data(spec, "bars", bars);
    sc__vg_data(spec, "cis", cis);
    sc__vg_add(spec, "scales",
               json_pack("{s:s, s:s, s:{s:s, s:s, s:{s:s, s:s}}, s:s, s:f}", "name", "y",
                         "type", "band", "domain", "data", "bars", "field", "input", "sort",
                         "field", "order", "op", "min", "range", "height", "padding", 0.2));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[s, s], s:[i, {s:s}]}", "name", "yi",
                                         "type", "band", "domain", "total", "first order",
                                         "range", 0, "signal", "bandwidth('y')"));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[i, i], s:s, s:b, s:b}", "name", "x",
                                         "type", "linear", "domain", 0, 1, "range", "width",
                                         "zero", 1, "clamp", 1));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[s, s], s:[s, s]}", "name", "color",
                                         "type", "ordinal", "domain", "total", "first order",
                                         "range", "#2f5d9e", "#9ecae9"));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "bottom", "scale",
                                       "x", "title", "Sobol index (share of the variance)", "grid",
                                       1));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s, s:s}", "fill", "color", "orient", "bottom",
                                          "direction", "horizontal"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:i}, s:{s:s, s:s}, s:{s:s}, "
                         "s:{s:s, s:i}, s:{s:s, s:s}, s:{s:s}}}}",
                         "type", "rect", "from", "data", "bars", "encode", "enter", "x",
                         "scale", "x", "value", 0, "x2", "scale", "x", "field", "value", "y",
                         "signal", "scale('y', datum.input) + scale('yi', datum.index)",
                         "height", "scale", "yi", "band", 1, "fill", "scale", "color",
                         "field", "index", "tooltip", "signal",
                         "datum.input + ' (' + datum.index + '): ' + format(datum.value, '.3f')"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s}, "
                         "s:{s:s}, s:{s:i}}}}",
                         "type", "rule", "from", "data", "cis", "encode", "enter", "x", "scale",
                         "x", "field", "lo", "x2", "scale", "x", "field", "hi", "y", "signal",
                         "scale('y', datum.input) + bandwidth('y') / 4", "stroke", "value",
                         "#1d2433", "strokeWidth", "value", 1));
    const json_t *top = json_array_get(sens, 0);
    char reading[600];
    sc__fmt(reading, sizeof reading,
            "%s decides most of %s (total-effect index %.2f, first-order %.2f); bars: first-order "
            "and total Sobol indices with the total's 95%% bootstrap interval, largest total "
            "first (%zu of %zu inputs carry more than 0.5%% of the variance; the table lists "
            "all).",
            sc__str(top, "input", "?"), what, sc__num(top, "total"), sc__num(top, "first_order"),
            charted, json_array_size(sens));
    sc__html_figure(h, title, reading, spec, st);
}

typedef struct torn_ctx {
    sc__html *h;
    size_t drawn;
    sc__table *notes; /* results without a sensitivity list, and why */
} torn_ctx;

static void claim_tornado(const judged *j, void *vctx)
{
    torn_ctx *x = vctx;
    const json_t *sens = json_object_get(j->res, "sensitivity");
    if (json_array_size(sens) == 0) {
        char ptr[1000];
        sc__table_row(x->notes);
        sc__table_text(x->notes, j->id);
        sc__table_text(x->notes, j->state ? j->state : "");
        sc__fmt(ptr, sizeof ptr, "%s/sensitivity_note", j->ptr);
        if (sc__html_at(x->h, ptr)) {
            sc__table_value(x->notes, x->h, ptr, 0);
        } else {
            sc__table_text(x->notes, "no sensitivity design was run");
        }
        return;
    }
    char title[500], what[500], ptr[1000];
    sc__fmt(title, sizeof title, "What drives claim %s%s%s", j->id, j->state ? " \xc2\xb7 " : "",
            j->state ? j->state : "");
    sc__fmt(what, sizeof what, "whether the claim holds%s%s", j->state ? " in " : "",
            j->state ? j->state : "");
    sc__fmt(ptr, sizeof ptr, "%s/sensitivity", j->ptr);
    tornado(sens, ptr, title, what, x->h);
    x->drawn++;
}

/* ---- the headline numbers --------------------------------------------------------------------- */

static void headline_label(const json_t *hl, char *buf, size_t size)
{
    sc__fmt(buf, size, "%s \xc2\xb7 %s \xc2\xb7 %s", sc__str(hl, "model", "?"),
            sc__str(hl, "answer", "?"), sc__str(hl, "state", "?"));
}

/* The numbers of one model: each one's 5-95% interval, median and point value, on one axis. */
static void headline_numbers(const json_t *heads, const char *ptr, const char *model,
                             sc__html *h)
{
    json_t *rows = json_array();
    sc__table *t = sc__table_new();
    static const char *const cols[] = {"answer", "state", "point", "5%", "median", "95%", "mean",
                                       "draws", "unavailable"};
    static const char *const keys[] = {"point", "q05", "q50", "q95", "mean", "draws",
                                       "unavailable"};
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        sc__table_col(t, cols[c]);
    }
    size_t k, wide = 0;
    json_t *hl;
    char cp[1000], label[600], widest[600] = "";
    double widest_w = -1;
    json_array_foreach(heads, k, hl) {
        if (strcmp(sc__str(hl, "kind", ""), "number") != 0 ||
            strcmp(sc__str(hl, "model", ""), model) != 0) {
            continue;
        }
        sc__fmt(label, sizeof label, "%s \xc2\xb7 %s", sc__str(hl, "answer", "?"),
                sc__str(hl, "state", "?"));
        json_t *r = json_object();
        json_object_set_new(r, "row", json_string(label));
        static const char *const vals[] = {"point", "q05", "q50", "q95"};
        for (size_t q = 0; q < 4; q++) {
            json_object_set_new(r, vals[q], sc__json_number(sc__num(hl, vals[q])));
        }
        json_array_append_new(rows, r);
        double w = sc__num(hl, "q95") - sc__num(hl, "q05");
        if (isfinite(w) && w > widest_w) {
            widest_w = w;
            sc__fmt(widest, sizeof widest, "%s", label);
        }
        wide += isfinite(w) && w > 0;
        sc__table_row(t);
        sc__table_text(t, sc__str(hl, "answer", "?"));
        sc__table_text(t, sc__str(hl, "state", "?"));
        for (size_t q = 0; q < sizeof keys / sizeof keys[0]; q++) {
            sc__fmt(cp, sizeof cp, "%s/%zu/%s", ptr, k, keys[q]);
            if (sc__html_at(h, cp)) {
                sc__table_value(t, h, cp, 3);
            } else {
                sc__table_text(t, "-");
            }
        }
    }
    size_t n = json_array_size(rows);
    json_t *spec = sc__vg_spec(460, (int)(22 * n) + 10);
    sc__vg_data(spec, "rows", rows);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:f}", "name", "y",
                                         "type", "band", "domain", "data", "rows", "field", "row",
                                         "range", "height", "padding", 0.3));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:[s, s, s, s]}, s:s, s:b, s:b}",
                                         "name", "x", "type", "linear", "domain", "data", "rows",
                                         "fields", "q05", "q95", "point", "q50", "range", "width",
                                         "zero", 0, "nice", 1));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:b}", "orient", "bottom", "scale", "x", "grid",
                                       1));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s, s:f}, "
                         "s:{s:s}, s:{s:i}}}}",
                         "type", "rule", "from", "data", "rows", "encode", "enter", "x", "scale",
                         "x", "field", "q05", "x2", "scale", "x", "field", "q95", "y", "scale",
                         "y", "field", "row", "band", 0.5, "stroke", "value", "#2f5d9e",
                         "strokeWidth", "value", 3));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s, s:f}, s:{s:s}, "
                         "s:{s:i}, s:{s:s}}}}",
                         "type", "symbol", "from", "data", "rows", "encode", "enter", "x",
                         "scale", "x", "field", "q50", "y", "scale", "y", "field", "row", "band",
                         0.5, "shape", "value", "M0,-1L0,1", "size", "value", 120, "stroke",
                         "value", "#1d2433"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s, s:f}, s:{s:s}, "
                         "s:{s:i}, s:{s:s}, s:{s:s}}}}",
                         "type", "symbol", "from", "data", "rows", "encode", "enter", "x",
                         "scale", "x", "field", "point", "y", "scale", "y", "field", "row",
                         "band", 0.5, "shape", "value", "diamond", "size", "value", 60, "fill",
                         "value", "#d62728", "tooltip", "signal",
                         "datum.row + ': point ' + format(datum.point, '.3f') + ', 5-95% [' + "
                         "format(datum.q05, '.3f') + ', ' + format(datum.q95, '.3f') + '], "
                         "median ' + format(datum.q50, '.3f')"));
    char title[300], reading[900];
    sc__fmt(title, sizeof title, "Headline numbers under uncertainty: %s", model);
    sc__fmt(reading, sizeof reading,
            "Blue: 5-95%% of the draws; black tick: median; red diamond: the answer at the point "
            "values. %zu of %zu numbers move with the uncertain inputs%s%s.",
            wide, n, widest_w > 0 ? "; widest: " : "", widest_w > 0 ? widest : "");
    sc__html_figure(h, title, reading, spec, t);
}

/* Every categorical answer as a stacked bar of its outcomes' shares. */
static void headline_categories(const json_t *heads, const char *ptr, sc__html *h)
{
    json_t *segs = json_array(), *rows = json_array();
    sc__table *t = sc__table_new();
    static const char *const cols[] = {"answer", "outcome", "share", "draws", "at point values"};
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        sc__table_col(t, cols[c]);
    }
    size_t k, split = 0;
    json_t *hl;
    char cp[1000], label[600];
    json_array_foreach(heads, k, hl) {
        if (strcmp(sc__str(hl, "kind", ""), "category") != 0) {
            continue;
        }
        headline_label(hl, label, sizeof label);
        json_array_append_new(rows, json_string(label));
        const char *point = sc__str(hl, "point", "");
        double at = 0, top = 0;
        size_t q;
        json_t *f;
        json_array_foreach(json_object_get(hl, "frequencies"), q, f) {
            double share = sc__num(f, "share");
            if (!isfinite(share)) {
                continue;
            }
            top = fmax(top, share);
            json_t *sg = json_object();
            json_object_set_new(sg, "row", json_string(label));
            json_object_set_new(sg, "outcome", json_string(sc__str(f, "value", "?")));
            json_object_set_new(sg, "rank", json_integer((json_int_t)q));
            json_object_set_new(sg, "a", json_real(at));
            json_object_set_new(sg, "b", json_real(at + share));
            json_object_set_new(sg, "share", json_real(share));
            json_object_set_new(sg, "point",
                                json_boolean(strcmp(sc__str(f, "value", ""), point) == 0));
            json_array_append_new(segs, sg);
            at += share;
            sc__table_row(t);
            sc__table_text(t, label);
            sc__fmt(cp, sizeof cp, "%s/%zu/frequencies/%zu/value", ptr, k, q);
            sc__table_value(t, h, cp, 0);
            sc__fmt(cp, sizeof cp, "%s/%zu/frequencies/%zu/share", ptr, k, q);
            sc__table_value(t, h, cp, 3);
            sc__fmt(cp, sizeof cp, "%s/%zu/frequencies/%zu/count", ptr, k, q);
            sc__table_value(t, h, cp, 0);
            sc__table_text(t, strcmp(sc__str(f, "value", ""), point) == 0 ? "yes" : "");
        }
        split += top < 0.95;
    }
    size_t n = json_array_size(rows);
    if (n == 0) {
        json_decref(segs);
        json_decref(rows);
        sc__table_free(t);
        return;
    }
    json_t *spec = sc__vg_spec(460, (int)(22 * n) + 10);
    sc__vg_data(spec, "segs", segs);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:s, s:f}", "name", "y", "type", "band",
                                         "domain", rows, "range", "height", "padding", 0.2));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[i, i], s:s}", "name", "x", "type",
                                         "linear", "domain", 0, 1, "range", "width"));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s}}", "name", "color",
                                         "type", "ordinal", "domain", "data", "segs", "field",
                                         "rank", "range", "scheme", "tableau10"));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "bottom", "scale", "x",
                                       "title", "share of the draws", "grid", 1));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s}", "orient", "left", "scale", "y"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, "
                         "s:{s:s, s:i}, s:{s:s, s:s}, s:{s:s}, s:{s:s}, s:{s:s}}}}",
                         "type", "rect", "from", "data", "segs", "encode", "enter", "x", "scale",
                         "x", "field", "a", "x2", "scale", "x", "field", "b", "y", "scale", "y",
                         "field", "row", "height", "scale", "y", "band", 1, "fill", "scale",
                         "color", "field", "rank", "stroke", "value", "white", "strokeWidth",
                         "signal", "datum.point ? 0 : 1", "tooltip", "signal",
                         "datum.outcome + ': ' + format(datum.share * 100, '.1f') + '%' + "
                         "(datum.point ? ' (the answer at the point values)' : '')"));
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s, s:f}, s:{s:s}, "
                         "s:{s:i}, s:{s:i}, s:{s:s}, s:{s:s}}}}",
                         "type", "text", "from", "data", "segs", "encode", "enter", "x", "scale",
                         "x", "field", "a", "y", "scale", "y", "field", "row", "band", 0.5,
                         "baseline", "value", "middle", "dx", "value", 3, "fontSize", "value", 10,
                         "fill", "value", "white", "text", "signal",
                         "datum.share > 0.2 ? slice(datum.outcome, 0, floor(datum.share * 60)) "
                         ": ''"));
    char reading[400];
    sc__fmt(reading, sizeof reading,
            "Each bar splits the draws by outcome, most frequent first; %zu of %zu categorical "
            "answers change outcome in more than 5%% of the draws.",
            split, n);
    sc__html_figure(h, "Headline outcomes under uncertainty", reading, spec, t);
}

/* What moves each headline most: its three largest total effects. */
static void headline_drivers(const json_t *heads, const char *ptr, sc__html *h)
{
    sc__table *t = sc__table_new();
    static const char *const cols[] = {"model", "answer", "state", "driver", "total", "first order",
                                       "second", "total", "third", "total"};
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        sc__table_col(t, cols[c]);
    }
    size_t k, rows = 0;
    json_t *hl;
    char cp[1000];
    json_array_foreach(heads, k, hl) {
        const json_t *sens = json_object_get(hl, "sensitivity");
        if (!json_array_size(sens)) {
            continue;
        }
        rows++;
        sc__table_row(t);
        static const char *const lab[] = {"model", "answer", "state"};
        for (size_t q = 0; q < 3; q++) {
            sc__fmt(cp, sizeof cp, "%s/%zu/%s", ptr, k, lab[q]);
            sc__table_value(t, h, cp, 0);
        }
        for (size_t q = 0; q < 3; q++) {
            if (q >= json_array_size(sens)) {
                sc__table_text(t, "");
                sc__table_text(t, "");
                if (q == 0) {
                    sc__table_text(t, "");
                }
                continue;
            }
            sc__fmt(cp, sizeof cp, "%s/%zu/sensitivity/%zu/input", ptr, k, q);
            sc__table_value(t, h, cp, 0);
            sc__fmt(cp, sizeof cp, "%s/%zu/sensitivity/%zu/total", ptr, k, q);
            sc__table_value(t, h, cp, 3);
            if (q == 0) {
                sc__fmt(cp, sizeof cp, "%s/%zu/sensitivity/%zu/first_order", ptr, k, q);
                sc__table_value(t, h, cp, 3);
            }
        }
    }
    if (rows == 0) {
        sc__table_free(t);
        return;
    }
    sc__html_figure(h, "What drives each headline answer",
                    "The inputs with the largest total-effect Sobol indices for each number (for a "
                    "categorical answer: for whether it stays the answer at the point values).",
                    NULL, t);
}

static void monte_carlo(const json_t *mc, const char *base, sc__html *h)
{
    char ptr[900];
    sc__fmt(ptr, sizeof ptr, "%s/monte_carlo/headlines", base);
    const json_t *heads = json_object_get(mc, "headlines");
    sc__html_p(h, "Monte Carlo: %.0f draws%s (seed %.0f), %.0f rows of Saltelli's sensitivity "
                  "design, %.0f bootstrap resamples; headline numbers in state %s.",
               sc__num(mc, "draws"),
               json_is_false(json_object_get(mc, "complete")) ? " (incomplete)" : "",
               sc__num(mc, "seed"), sc__num(mc, "sensitivity_draws"), sc__num(mc, "bootstrap"),
               sc__str(mc, "headline_state", "?"));
    /* one figure of numbers per model, in the order the models first appear */
    json_t *seen = json_object();
    size_t k;
    json_t *hl;
    json_array_foreach(heads, k, hl) {
        const char *model = sc__str(hl, "model", "?");
        if (strcmp(sc__str(hl, "kind", ""), "number") == 0 && !json_object_get(seen, model)) {
            json_object_set_new(seen, model, json_true());
            headline_numbers(heads, ptr, model, h);
        }
    }
    json_decref(seen);
    headline_categories(heads, ptr, h);
    headline_drivers(heads, ptr, h);
    /* the inputs */
    sc__table *t = sc__table_new();
    static const char *const cols[] = {"input", "group", "scenario path", "distribution"};
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        sc__table_col(t, cols[c]);
    }
    json_t *in;
    char cp[1000];
    json_array_foreach(json_object_get(mc, "inputs"), k, in) {
        size_t m;
        json_t *mem;
        json_array_foreach(json_object_get(in, "members"), m, mem) {
            sc__table_row(t);
            if (m == 0) {
                sc__fmt(cp, sizeof cp, "%s/monte_carlo/inputs/%zu/name", base, k);
                sc__table_value(t, h, cp, 0);
                sc__fmt(cp, sizeof cp, "%s/monte_carlo/inputs/%zu/group", base, k);
                sc__table_value(t, h, cp, 0);
            } else {
                sc__table_text(t, "");
                sc__table_text(t, "");
            }
            sc__fmt(cp, sizeof cp, "%s/monte_carlo/inputs/%zu/members/%zu/path", base, k, m);
            sc__table_value(t, h, cp, 0);
            const json_t *d = json_object_get(mem, "distribution");
            const char *kind = sc__str(d, "kind", "?");
            char dist[400];
            const json_t *r = json_object_get(d, "range");
            if (strcmp(kind, "normal") == 0) {
                sc__fmt(dist, sizeof dist, "normal, mean %g, sd %g", sc__num(d, "mean"),
                        sc__num(d, "sd"));
            } else if (strcmp(kind, "uniform") == 0) {
                sc__fmt(dist, sizeof dist, "uniform on [%g, %g]",
                        json_number_value(json_array_get(r, 0)),
                        json_number_value(json_array_get(r, 1)));
            } else if (strcmp(kind, "triangular") == 0) {
                sc__fmt(dist, sizeof dist, "triangular on [%g, %g], mode %g",
                        json_number_value(json_array_get(r, 0)),
                        json_number_value(json_array_get(r, 1)), sc__num(d, "mode"));
            } else if (strcmp(kind, "choice") == 0) {
                size_t len = (size_t)snprintf(dist, sizeof dist, "choice of");
                size_t o;
                json_t *op;
                json_array_foreach(json_object_get(d, "options"), o, op) {
                    if (len < sizeof dist - 60) {
                        len += (size_t)scx_snprintf_c(dist + len, sizeof dist - len, "%s %s (%g)",
                                                o ? "," : "", sc__str(op, "option", "?"),
                                                sc__num(op, "weight"));
                    }
                }
            } else {
                sc__fmt(dist, sizeof dist, "%s", kind);
            }
            if (json_is_true(json_object_get(d, "reverse"))) {
                strncat(dist, ", reversed in its group", sizeof dist - strlen(dist) - 1);
            }
            sc__table_text(t, dist);
        }
    }
    char reading[300];
    sc__fmt(reading, sizeof reading,
            "%zu uncertain inputs; the members of a group move together (one uniform draw through "
            "each member's own distribution).",
            json_array_size(json_object_get(mc, "inputs")));
    sc__html_figure(h, "The uncertain inputs", reading, NULL, t);
}

/* ---- the section ------------------------------------------------------------------------------ */

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
    probabilities(claims, base, h);

    /* at the point values (what a run without --draws judges) */
    sc__table *t = sc__table_new();
    sc__table_col(t, "claim");
    sc__table_col(t, "state");
    sc__table_col(t, "holds at the point values");
    size_t k, rows = 0, hold = 0;
    json_t *c;
    json_array_foreach(claims, k, c) {
        const char *state;
        json_t *v;
        json_object_foreach(json_object_get(c, "at_point_values"), state, v) {
            char sp[900];
            sc__table_row(t);
            sc__table_text(t, sc__str(c, "id", "?"));
            sc__table_text(t, state);
            sc__fmt(sp, sizeof sp, "%s/claims/%zu/at_point_values", base, k);
            sc__ptr_join(ptr, sizeof ptr, sp, state);
            sc__table_value(t, h, ptr, 0);
            rows++;
            hold += json_is_true(v);
        }
    }
    if (rows) {
        char reading[400];
        sc__fmt(reading, sizeof reading,
                "Each claim's jq predicate on the document of each state it names, with every "
                "uncertain input at its point value: %zu of %zu hold.%s",
                hold, rows,
                json_object_get(section, "monte_carlo")
                    ? ""
                    : " Run with --draws N for probabilities and what drives them.");
        sc__html_figure(h, "Claims at the point values", reading, NULL, t);
    } else {
        sc__table_free(t);
    }

    /* what decides each claim, per state */
    torn_ctx x = {.h = h, .notes = sc__table_new()};
    sc__table_col(x.notes, "claim");
    sc__table_col(x.notes, "state");
    sc__table_col(x.notes, "why no tornado");
    size_t judged_n = each_result(claims, base, claim_tornado, &x);
    if (judged_n > x.drawn) {
        sc__html_figure(h, "Claims without a sensitivity chart",
                        "A result whose answer no input moves, or a run without a sensitivity "
                        "design, has no tornado.",
                        NULL, x.notes);
    } else {
        sc__table_free(x.notes);
    }

    const json_t *mc = json_object_get(section, "monte_carlo");
    if (json_is_object(mc)) {
        monte_carlo(mc, base, h);
    }

    /* the claims as recorded */
    t = sc__table_new();
    static const char *const cols[] = {"claim", "text", "source", "tested by", "expecting",
                                       "predicate (jq)"};
    static const char *const keys[] = {"id", "text", "source", "model", "expect", "holds"};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        sc__table_col(t, cols[i]);
    }
    json_array_foreach(claims, k, c) {
        sc__table_row(t);
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            sc__fmt(ptr, sizeof ptr, "%s/claims/%zu/%s", base, k, keys[i]);
            if (sc__html_at(h, ptr)) {
                sc__table_value(t, h, ptr, 0);
            } else {
                sc__table_text(t, "-");
            }
        }
    }
    sc__html_figure(h, "Claims as the scenario records them",
                    "Each claim, where it comes from, the model the scenario names to test it, "
                    "and the jq predicate that judges it on the result document.",
                    NULL, t);
}
