/* SPDX-License-Identifier: MIT */
/*
 * Text renderer of war termination: the belligerents and the model's inputs per state, then one
 * lever table with four rows (none, sanctions, aid cut, both) per state.
 */
#include <math.h>
#include <string.h>

#include "report/text.h"

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
    const json_t *pa = json_object_get(in0, "prior_a"), *pb = json_object_get(in0, "prior_b");
    scx_buf_printf(out,
                  "%s (A) against %s (B)%s%s: a front of %.0f positions, %s holds %.0f; beliefs "
                  "Beta(%g,%g) and\nBeta(%g,%g); terms by the %s rule; %.0f runs per row, seed "
                  "%.0f, horizon %.0f battles.\n",
                  a, b, m ? ", mediator " : "", m ? m : "", sc__num(in0, "front"), a,
                  sc__num(in0, "start"), json_number_value(json_array_get(pa, 0)),
                  json_number_value(json_array_get(pa, 1)), json_number_value(json_array_get(pb, 0)),
                  json_number_value(json_array_get(pb, 1)), sc__str(in0, "rule", ""),
                  sc__num(in0, "runs"), sc__num(in0, "seed"), sc__num(in0, "horizon"));
    scx_buf_printf(out, "\n  %-16s %14s %9s %9s %9s %9s %10s\n", "state", "theta=P(A wins)",
                  "cost A", "cost B", "sanctions", "aid cut", "mediator x");
    for (size_t i = 0; i < n; i++) {
        const json_t *in = json_object_get(views[i].content, "inputs");
        if (!in) {
            continue;
        }
        scx_buf_printf(out, "  %-16s", views[i].brief);
        sc__put_num(out, "%.4f", 15, sc__num(in, "theta"));
        sc__put_num(out, "%.5f", 10, sc__num(in, "cost_a"));
        sc__put_num(out, "%.5f", 10, sc__num(in, "cost_b"));
        sc__put_num(out, "%.4f", 10, sc__num(in, "sanctions"));
        sc__put_num(out, "%.4f", 10, sc__num(in, "aid_cut"));
        sc__put_num(out, "%.3f", 11, sc__num(in, "mediator_x"));
        scx_buf_puts(out, "\n");
    }
    scx_buf_printf(out, "\n  %-16s %-10s %6s %6s %7s %6s %6s %7s %6s %6s  %s\n", "state", "levers",
                  "P(cf)", "by 50", "relapse", "win A", "win B", "battles", "median", "terms",
                  "terms 5-95%");
    for (size_t i = 0; i < n; i++) {
        if (sc__put_not_run(out, &views[i], "levers")) {
            continue;
        }
        const char *lever;
        json_t *o;
        int row = 0;
        json_object_foreach(json_object_get(views[i].content, "levers"), lever, o) {
            const json_t *bq = json_object_get(o, "battles_quantiles");
            const json_t *sq = json_object_get(o, "share_quantiles");
            scx_buf_printf(out, "  %-16s %-10s", row++ ? "" : views[i].brief, lever);
            sc__put_num(out, "%.3f", 7, sc__num(o, "p_ceasefire"));
            sc__put_num(out, "%.3f", 7, sc__num(o, "p_ceasefire_50"));
            sc__put_num(out, "%.3f", 8, sc__num(o, "p_relapse"));
            sc__put_num(out, "%.3f", 7, sc__num(o, "p_victory_a"));
            sc__put_num(out, "%.3f", 7, sc__num(o, "p_victory_b"));
            sc__put_num(out, "%.1f", 8, sc__num(o, "mean_battles"));
            sc__put_num(out, "%.0f", 7, sc__num(bq, "q50"));
            sc__put_num(out, "%.3f", 7, sc__num(o, "mean_share_a"));
            if (isfinite(sc__num(sq, "q05"))) {
                scx_buf_printf(out, "  [%.3f, %.3f]\n", sc__num(sq, "q05"), sc__num(sq, "q95"));
            } else {
                scx_buf_puts(out, "  -\n");
            }
        }
    }
    scx_buf_puts(out,
                "\nP(cf): a ceasefire is ever reached; by 50: within 50 battles (about a year "
                "of weekly battles);\nrelapse: share of ceasefires that broke down while "
                "followed; terms: mean share to A of the ceasefires\nthat held. Levers: "
                "sanctions raise A's cost per battle; the aid cut moves theta toward A.\n"
                "Variants are applied on top of the events.\n");
}
