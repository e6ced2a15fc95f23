/* SPDX-License-Identifier: MIT */
/*
 * Text renderer of the expected-utility model: one table with a block of issue rows per state,
 * both readings side by side (Scholz's program, the published replication, and the equations as
 * printed) with how each game ended; then, for the default state, the drivers and the decisive
 * challenge of each forecast and a sentence on why the readings differ; then the perspective
 * (quadrant) chart of the first issue.
 */
#include <math.h>
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

/* How the game ended, in 12 columns: "cycle 2@4" (period 2 from round 4), "conv 6" (converged
 * after 6 rounds), "unsettled 100" (the cap). */
static void how(scx_buf *out, const json_t *g)
{
    const char *o = sc__str(g, "outcome", "?");
    char buf[64];
    if (strcmp(o, "cycle") == 0) {
        scx_snprintf_c(buf, sizeof buf, "cycle %.0f@%.0f", sc__num(g, "cycle_period"),
                 sc__num(g, "cycle_start"));
    } else {
        scx_snprintf_c(buf, sizeof buf, "%s %.0f", strcmp(o, "converged") == 0 ? "conv" : "unsettled",
                 sc__num(g, "rounds"));
    }
    scx_buf_printf(out, "%-13s", buf);
}

static void forecast_cell(scx_buf *out, const json_t *g)
{
    sc__put_num(out, "%.2f", 8, sc__num(g, "forecast"));
    const json_t *r = json_object_get(g, "forecast_range");
    double lo = json_number_value(json_array_get(r, 0)), hi = json_number_value(json_array_get(r, 1));
    if (lo != hi) {
        scx_buf_printf(out, " [%5.1f,%5.1f] ", lo, hi);
    } else {
        scx_buf_printf(out, "%15s", "");
    }
}

/* The drivers, the decisive challenge and the sentence, for one state's issues. */
static void explain(const sc__view *v, scx_buf *out)
{
    scx_buf_printf(out, "\nWhy (%s): drivers = the forecast without the actor minus with everyone; "
                        "the decisive\nchallenge moved the median voter most.\n",
                   v->label);
    size_t k;
    json_t *o;
    json_array_foreach(json_object_get(v->content, "issues"), k, o) {
        if (!json_object_get(o, "printed")) {
            continue;
        }
        scx_buf_printf(out, "  %s\n", sc__str(o, "issue", ""));
        for (int var = 0; var < 2; var++) {
            const json_t *g = var ? json_object_get(o, "printed") : o;
            scx_buf_printf(out, "    %-8s drivers:", var ? "printed" : "scholz");
            size_t q;
            json_t *d;
            int shown = 0;
            json_array_foreach(json_object_get(g, "drivers"), q, d) {
                if (shown < 3 && sc__num(d, "delta") != 0) {
                    scx_buf_printf(out, "%s %s %+.1f", shown ? "," : "", sc__str(d, "actor", ""),
                                   sc__num(d, "delta"));
                    shown++;
                }
            }
            scx_buf_puts(out, shown ? "" : " none");
            const json_t *m = json_array_get(json_object_get(g, "decisive_moves"), 0);
            if (m) {
                scx_buf_printf(out, "; decisive: round %.0f %s %s %s %.1f->%.1f (median %+.1f)",
                               sc__num(m, "round"), sc__str(m, "actor", ""),
                               sc__str(m, "kind", ""), sc__str(m, "partner", ""),
                               sc__num(m, "from"), sc__num(m, "to"), sc__num(m, "median_effect"));
            }
            scx_buf_puts(out, "\n");
        }
        const char *w = sc__str(o, "why_they_differ", NULL);
        if (w) {
            scx_buf_printf(out, "    %s\n", w);
        }
    }
}

/* What the events (as given) and each variant (after the events) did to each forecast, and why:
 * the sentences of the states' events_effect and variant_effect. */
static void effects(const sc__view *views, size_t n, scx_buf *out)
{
    int header = 0;
    for (size_t i = 0; i < n; i++) {
        const char *key = strcmp(views[i].id, "after-events") == 0 ? "events_effect"
                          : strstr(views[i].id, "/after-events") ? "variant_effect"
                                                                  : NULL;
        if (!key || !views[i].content) {
            continue;
        }
        int title = 0;
        size_t k;
        json_t *o;
        json_array_foreach(json_object_get(views[i].content, "issues"), k, o) {
            for (int var = 0; var < 2; var++) {
                const json_t *g = var ? json_object_get(o, "printed") : o;
                const char *w = sc__str(json_object_get(g, key), "why", NULL);
                if (!w) {
                    continue;
                }
                if (!header) {
                    scx_buf_puts(out, "\nWhat the events and the variants do to each forecast, "
                                      "and why (each change alone = the forecast\nminus the "
                                      "forecast with that actor's change undone):\n");
                    header = 1;
                }
                if (!title) {
                    scx_buf_printf(out, "  %s against the %s:\n", views[i].label,
                                   sc__str(json_object_get(g, key), "compared_to", ""));
                    title = 1;
                }
                scx_buf_printf(out, "    %-10s %-8s %s\n", var ? "" : sc__str(o, "issue", ""),
                               var ? "printed" : "scholz", w);
            }
        }
    }
}

void sc__text_eum(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)section;
    const json_t *first = n ? views[0].content : NULL;
    scx_buf_printf(out,
                   "Bueno de Mesquita's expected-utility model, both readings: scholz = Scholz et "
                   "al.'s program (the published\nreplication), printed = the equations as printed. "
                   "Each game runs until no position moves by more than\n%g of the scale or the "
                   "positions repeat (a cycle), at most %.0f rounds; the forecast is the median "
                   "voter\nwhen it converges, else its mean over the cycle (or the second half), "
                   "its range in brackets.\nHow each game ended: conv N = converged after N rounds, "
                   "cycle P@S = a cycle of P rounds from round S.\n'statecraft forecast --model eum' "
                   "shows every round and move.\n\n",
                   sc__num(first, "tolerance"), sc__num(first, "rounds"));
    scx_buf_printf(out, "  %-16s %-12s %8s %8s  %-36s %s\n", "state", "issue", "median0",
                   "mean0", "scholz: forecast [range] ended", "printed: forecast [range] ended");
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
            sc__put_num(out, "%.2f", 9, sc__num(o, "median_start"));
            sc__put_num(out, "%.2f", 9, sc__num(o, "mean_start"));
            scx_buf_puts(out, " ");
            forecast_cell(out, o);
            how(out, o);
            scx_buf_puts(out, "  ");
            const json_t *p = json_object_get(o, "printed");
            forecast_cell(out, p);
            how(out, p);
            scx_buf_puts(out, "\n");
        }
    }
    /* the explanations and the chart for the default state: after the events as given, else the
     * last state shown */
    for (size_t i = 0; i < n; i++) {
        if (strcmp(views[i].id, "after-events") == 0 && json_object_get(views[i].content, "issues")) {
            last = &views[i];
        }
    }
    if (last) {
        explain(last, out);
        effects(views, n, out);
        perspective(last, out);
    }
}
