/* SPDX-License-Identifier: MIT */
/*
 * Text renderer of war termination: the belligerents and the model's inputs per state, then per
 * state the lever table (P(ceasefire within 52 battles) with its standard error and its paired
 * difference from no lever, outcomes, durations, terms by their modes and quantiles) and "what
 * would it take". A mean of terms is never shown: the distribution is often bimodal.
 */
#include <math.h>
#include <string.h>

#include "report/text.h"

static void put_modes(scx_buf *out, const json_t *modes)
{
    size_t i;
    json_t *m;
    if (json_array_size(modes) == 0) {
        scx_buf_puts(out, "-");
        return;
    }
    json_array_foreach(modes, i, m) {
        scx_buf_printf(out, "%s%.2f (%.0f%%)", i ? ", " : "", sc__num(m, "at"),
                       100 * sc__num(m, "share"));
    }
}

void sc__text_war(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)section;
    const json_t *c0 = NULL;
    for (size_t i = 0; i < n && !c0; i++) {
        c0 = json_object_get(views[i].content, "levers") ? views[i].content : NULL;
    }
    if (!c0) {
        for (size_t i = 0; i < n; i++) {
            sc__put_not_run(out, &views[i], "levers");
        }
        return;
    }
    const json_t *in0 = json_object_get(c0, "inputs");
    const char *a = sc__str(c0, "a", "A"), *b = sc__str(c0, "b", "B");
    const char *m = sc__str(c0, "mediator", NULL);
    scx_buf_printf(out,
                   "%s (A) against %s (B)%s%s: a front of %.0f positions, %s holds %.0f; %s "
                   "beliefs; terms by the %s rule;\n%.0f runs per row on common random numbers, "
                   "seed %.0f, horizon %.0f battles (52 battles = a year of weekly battles).\n",
                   a, b, m ? ", mediator " : "", m ? m : "", sc__num(in0, "front"), a,
                   sc__num(in0, "start"), sc__str(in0, "beliefs", ""), sc__str(in0, "rule", ""),
                   sc__num(in0, "runs"), sc__num(in0, "seed"), sc__num(in0, "horizon"));
    scx_buf_printf(out, "\n  %-16s %8s %9s %9s %9s %8s %8s %8s %9s\n", "state", "theta",
                   "cost A", "cost B", "mediator", "guarant.", "relief", "aid cut", "shift/yr");
    for (size_t i = 0; i < n; i++) {
        const json_t *in = json_object_get(views[i].content, "inputs");
        if (!in) {
            continue;
        }
        const json_t *cm = json_object_get(in, "commitment");
        scx_buf_printf(out, "  %-16s", views[i].brief);
        sc__put_num(out, "%.4f", 9, sc__num(in, "theta"));
        sc__put_num(out, "%.6f", 10, sc__num(in, "cost_a"));
        sc__put_num(out, "%.6f", 10, sc__num(in, "cost_b"));
        sc__put_num(out, "%.3f", 10, sc__num(in, "mediator_x"));
        sc__put_num(out, "%.2f", 9, sc__num(in, "guarantee"));
        sc__put_num(out, "%.4f", 9, sc__num(in, "relief_offered"));
        sc__put_num(out, "%.3f", 9, sc__num(in, "aid_cut"));
        sc__put_num(out, "%.3f", 10,
                    json_is_true(json_object_get(cm, "on")) ? sc__num(cm, "shift_per_year")
                                                            : (double)NAN);
        scx_buf_puts(out, "\n");
    }
    scx_buf_printf(out, "\n  %-16s %-10s %6s %6s %8s %6s %6s %6s %7s %7s  %s\n", "state",
                   "lever", "by 52", "(se)", "vs none", "win A", "win B", "open", "relapse",
                   "median", "terms: modes; 5/50/95%");
    for (size_t i = 0; i < n; i++) {
        if (sc__put_not_run(out, &views[i], "levers")) {
            continue;
        }
        const char *lever;
        json_t *o;
        int row = 0;
        json_object_foreach(sc__json_mut(json_object_get(views[i].content, "levers")), lever, o) {
            const json_t *bq = json_object_get(o, "battles_quantiles");
            const json_t *sq = json_object_get(o, "share_quantiles");
            scx_buf_printf(out, "  %-16s %-10s", row ? "" : views[i].brief, lever);
            sc__put_num(out, "%.3f", 7, sc__num(o, "p_ceasefire_52"));
            sc__put_num(out, "%.3f", 7, sc__num(o, "p_ceasefire_52_se"));
            if (row) {
                scx_buf_printf(out, " %+6.3f%s", sc__num(o, "diff_52"),
                               json_is_true(json_object_get(o, "diff_beyond_noise")) ? "*" : " ");
            } else {
                scx_buf_printf(out, " %8s", "");
            }
            sc__put_num(out, "%.3f", 7, sc__num(o, "p_victory_a"));
            sc__put_num(out, "%.3f", 7, sc__num(o, "p_victory_b"));
            sc__put_num(out, "%.3f", 7, sc__num(o, "p_ongoing"));
            sc__put_num(out, "%.3f", 8, sc__num(o, "p_relapse"));
            sc__put_num(out, "%.0f", 8, sc__num(bq, "q50"));
            scx_buf_puts(out, "  ");
            put_modes(out, json_object_get(o, "share_modes"));
            if (isfinite(sc__num(sq, "q50"))) {
                scx_buf_printf(out, "; %.2f/%.2f/%.2f\n", sc__num(sq, "q05"), sc__num(sq, "q50"),
                               sc__num(sq, "q95"));
            } else {
                scx_buf_puts(out, "\n");
            }
            row++;
        }
        const json_t *nc = json_object_get(views[i].content, "no_ceasefire_within");
        if (json_array_size(nc) > 0) {
            scx_buf_printf(out, "  %-16s no ceasefire (no lever) within", "");
            size_t k;
            json_t *y;
            json_array_foreach(nc, k, y) {
                scx_buf_printf(out, "%s %.0f year%s: %.3f (se %.3f)", k ? ";" : "",
                               sc__num(y, "years"), sc__num(y, "years") > 1 ? "s" : "",
                               sc__num(y, "p"), sc__num(y, "se"));
            }
            scx_buf_puts(out, "\n");
        }
        const json_t *takes = json_object_get(views[i].content, "what_it_takes");
        if (takes) {
            scx_buf_printf(out, "  %-16s what it takes for P(ceasefire within 52) >= 0.5:", "");
            const char *name;
            json_t *t;
            int k = 0;
            json_object_foreach(sc__json_mut(takes), name, t) {
                double times = sc__num(t, "times_lever");
                if (json_is_true(json_object_get(t, "found"))) {
                    scx_buf_printf(out, "%s %s %.3g", k ? ";" : "", name, sc__num(t, "magnitude"));
                    if (isfinite(times)) {
                        scx_buf_printf(out, " (x%.2g)", times);
                    }
                } else {
                    scx_buf_printf(out, "%s %s: none up to %.3g", k ? ";" : "", name,
                                   sc__num(t, "magnitude"));
                }
                k++;
            }
            scx_buf_puts(out, "\n");
        }
    }
    scx_buf_puts(out,
                 "\nby 52: P(a ceasefire within 52 battles) with its Monte Carlo standard error; "
                 "vs none: the paired\ndifference from no lever, * where it exceeds twice its "
                 "standard error (larger than noise);\nopen: still at war at the horizon; "
                 "relapse: share of runs whose ceasefire broke down while followed;\nmedian: "
                 "battles until the war ended; terms: A's share of the ceasefires that held, by "
                 "their modes\n(share within +-0.05) and quantiles. Levers: sanctions raise A's "
                 "cost per battle; the aid cut moves the\nbalance toward A; the inducement "
                 "offers A sanctions relief; the guarantee backs the deal with troops.\n"
                 "What it takes: the lever's size (x: as a multiple of the scenario's own "
                 "lever).\n");
}
