/* SPDX-License-Identifier: MIT */
/*
 * Text renderer of the one bargaining forecast: per state and issue the four models side by side
 * with their spread; then, for the default state, the veto players' win-set and each model's
 * verdict (settlement at x, or no agreement); then, per model, how much the events moved each
 * forecast (the scenario as given, before against after the events).
 */
#include <math.h>
#include <string.h>

#include "report/text.h"

static const char *const models[4] = {"baseline", "eum-scholz", "eum-printed", "smp"};

static double forecast(const json_t *issue, const char *model)
{
    return sc__num(json_object_get(issue, "forecasts"), model);
}

static const sc__view *find(const sc__view *views, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(views[i].id, id) == 0 && json_object_get(views[i].content, "issues")) {
            return &views[i];
        }
    }
    return NULL;
}

static void agreement(const sc__view *v, scx_buf *out)
{
    const json_t *c = v->content;
    if (json_array_size(json_object_get(c, "veto_players")) == 0) {
        scx_buf_puts(out, "\nNo veto players in the scenario (agreement:): whether a settlement "
                          "would be accepted is not judged.\n");
        return;
    }
    scx_buf_printf(out, "\nAgreement (%s) among the veto players", v->label);
    size_t q;
    json_t *a;
    json_array_foreach(json_object_get(c, "veto_players"), q, a) {
        scx_buf_printf(out, "%s%s", q ? ", " : " ", json_string_value(a));
    }
    scx_buf_puts(out, ": each accepts what lies at least as close to its position as its "
                      "reservation point;\nthe win-set is what all of them accept.\n");
    size_t k;
    json_t *o;
    json_array_foreach(json_object_get(c, "issues"), k, o) {
        const json_t *w = json_object_get(o, "winset");
        scx_buf_printf(out, "  %-12s", sc__str(o, "issue", ""));
        if (!json_is_true(json_object_get(w, "covered"))) {
            scx_buf_puts(out, " not covered by the agreement\n");
            continue;
        }
        const char *fb = sc__str(w, "floor_by", "the scale's end");
        const char *cb = sc__str(w, "ceiling_by", "the scale's end");
        if (json_is_true(json_object_get(w, "exists"))) {
            scx_buf_printf(out, " win-set [%.1f, %.1f] (floor set by %s, ceiling by %s)\n",
                           sc__num(w, "floor"), sc__num(w, "ceiling"), fb, cb);
        } else {
            scx_buf_printf(out, " no agreement possible: %s accepts nothing below %.1f, %s "
                                "nothing above %.1f\n",
                           fb, sc__num(w, "floor"), cb, sc__num(w, "ceiling"));
        }
        const json_t *ag = json_object_get(o, "agreement");
        for (int m = 0; m < 4; m++) {
            const char *t = sc__str(ag, models[m], NULL);
            if (t) {
                scx_buf_printf(out, "    %-12s %s\n", models[m], t);
            }
        }
    }
}

/* The probability of agreement across draws: per state and issue P(win-set not empty), then
 * for the default state each drawn model's P(settlement at its forecast) and 10-90% range. */
static void odds(const sc__view *views, size_t n, const sc__view *dflt, scx_buf *out)
{
    const json_t *od = json_object_get(dflt->content, "agreement_odds");
    if (!od) {
        return;
    }
    scx_buf_printf(out, "\nAgreement across %.0f draws of the scenario's ranges (positions, saliences, "
                        "influences, reservation points;\nseed %.0f): the share of draws in which "
                        "the veto players' win-set is not empty.\n",
                   sc__num(od, "runs"), sc__num(od, "seed"));
    scx_buf_printf(out, "  %-16s", "state");
    size_t k;
    json_t *o;
    json_array_foreach(json_object_get(od, "issues"), k, o) {
        scx_buf_printf(out, " %11s", sc__str(o, "issue", ""));
    }
    scx_buf_puts(out, "\n");
    for (size_t i = 0; i < n; i++) {
        const json_t *vo = json_object_get(views[i].content, "agreement_odds");
        if (!vo) {
            continue;
        }
        scx_buf_printf(out, "  %-16s", views[i].brief);
        json_array_foreach(json_object_get(vo, "issues"), k, o) {
            if (json_is_true(json_object_get(o, "covered"))) {
                scx_buf_printf(out, " %10.1f%%", 100 * sc__num(o, "p_winset"));
            } else {
                scx_buf_printf(out, " %11s", "-");
            }
        }
        scx_buf_puts(out, "\n");
    }
    scx_buf_printf(out, "  %s: P(settlement at the model's forecast) and the forecast's 10-90%% "
                        "range over the draws\n",
                   dflt->label);
    json_array_foreach(json_object_get(od, "issues"), k, o) {
        scx_buf_printf(out, "    %-12s", sc__str(o, "issue", ""));
        const json_t *ps = json_object_get(o, "p_settlement");
        const json_t *qs = json_object_get(o, "forecast_quantiles");
        for (int m = 0; m < 4; m++) {
            const json_t *q = json_object_get(qs, models[m]);
            if (!q) {
                continue;
            }
            const json_t *p = json_object_get(ps, models[m]);
            char pc[16];
            if (json_is_number(p)) {
                scx_snprintf_c(pc, sizeof pc, "%.0f%%", 100 * json_number_value(p));
            } else {
                snprintf(pc, sizeof pc, "-");
            }
            scx_buf_printf(out, "  %s %4s [%.1f, %.1f]", models[m], pc,
                           json_number_value(json_array_get(q, 0)),
                           json_number_value(json_array_get(q, 2)));
        }
        scx_buf_puts(out, "\n");
    }
}

/* How much the events moved each model's forecast, issue by issue. */
static void events_moved(const sc__view *before, const sc__view *after, scx_buf *out)
{
    scx_buf_puts(out, "\nWhat the events changed (the scenario as given, forecast after minus "
                      "before the events):\n");
    scx_buf_printf(out, "  %-12s %12s %12s %12s %12s\n", "issue", models[0], models[1], models[2],
                   models[3]);
    size_t k;
    json_t *a;
    json_array_foreach(json_object_get(after->content, "issues"), k, a) {
        const json_t *b = json_array_get(json_object_get(before->content, "issues"), k);
        scx_buf_printf(out, "  %-12s", sc__str(a, "issue", ""));
        for (int m = 0; m < 4; m++) {
            double d = forecast(a, models[m]) - forecast(b, models[m]);
            if (!isfinite(d)) {
                scx_buf_printf(out, " %12s", "-");
            } else if (fabs(d) < 0.005) {
                scx_buf_printf(out, " %12s", "none");
            } else {
                scx_buf_printf(out, " %+12.2f", d);
            }
        }
        scx_buf_puts(out, "\n");
    }
}

void sc__text_bargaining(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)section;
    scx_buf_puts(out, "One bargaining forecast: the weighted-median baseline, the EUM (Scholz's "
                      "program, the published\nreplication, and the equations as printed) and "
                      "the SMP side by side; the spread between them is\nthe forecast's model "
                      "uncertainty: no one model's number is the answer.\n\n");
    scx_buf_printf(out, "  %-16s %-12s %9s %9s %9s %9s   %s\n", "state", "issue", "baseline",
                   "eum-sch", "eum-prt", "smp", "spread");
    for (size_t i = 0; i < n; i++) {
        if (sc__put_not_run(out, &views[i], "issues")) {
            continue;
        }
        size_t k;
        json_t *o;
        json_array_foreach(json_object_get(views[i].content, "issues"), k, o) {
            scx_buf_printf(out, "  %-16s %-12s", k ? "" : views[i].brief, sc__str(o, "issue", ""));
            for (int m = 0; m < 4; m++) {
                sc__put_num(out, "%.2f", 10, forecast(o, models[m]));
            }
            const json_t *sp = json_object_get(o, "spread");
            scx_buf_printf(out, "   [%.1f, %.1f] width %.1f\n",
                           json_number_value(json_array_get(sp, 0)),
                           json_number_value(json_array_get(sp, 1)), sc__num(o, "spread_width"));
        }
        if (sc__str(views[i].content, "note", NULL)) {
            scx_buf_printf(out, "  %-16s note: %s\n", "", sc__str(views[i].content, "note", ""));
        }
    }
    const sc__view *after = find(views, n, "after-events");
    const sc__view *before = find(views, n, "before-events");
    const sc__view *dflt = after ? after : (n ? &views[n - 1] : NULL);
    if (dflt && json_object_get(dflt->content, "issues")) {
        agreement(dflt, out);
        odds(views, n, dflt, out);
    }
    if (before && after) {
        events_moved(before, after, out);
    }
}
