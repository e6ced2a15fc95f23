/* SPDX-License-Identifier: MIT */
/* Text renderer of the ceasefire negotiation tree: per state, the bargaining range the tree
 * meets and the equilibrium with every move observed and with private costs. */
#include "report/text.h"

#include <math.h>

static int flag(const json_t *o, const char *key)
{
    return json_is_true(json_object_get(o, key));
}

void sc__text_negotiation(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)section;
    const json_t *c0 = NULL;
    for (size_t i = 0; i < n && !c0; i++) {
        c0 = json_object_get(views[i].content, "spe") ? views[i].content : NULL;
    }
    if (!c0) {
        for (size_t i = 0; i < n; i++) {
            sc__put_not_run(out, &views[i], "spe");
        }
        return;
    }
    const char *a = sc__str(c0, "a", "A"), *b = sc__str(c0, "b", "B");
    scx_buf_printf(out,
                   "%s proposes terms (%s's share of the stakes), %s may attach troops, %s then %s\n"
                   "accept or reject; a rejection leaves the war going on at the war model's values\n"
                   "(docs/models/games.md). 'needs'/'gives': the least terms %s accepts and the most\n"
                   "%s concedes, without / with troops. Equilibrium with every move observed\n"
                   "(subgame-perfect) and with each side's cost of fighting private (sequential).\n\n",
                   sc__str(c0, "mediator", "?"), a, sc__str(c0, "guarantor", "?"), a, b, a, b);
    scx_buf_printf(out, "  %-22s %13s %13s  %-30s %s\n", "state",
                   "needs", "gives", "every move observed", "private costs");
    for (size_t i = 0; i < n; i++) {
        const json_t *c = views[i].content;
        if (!json_object_get(c, "spe")) {
            sc__put_not_run(out, &views[i], "spe");
            continue;
        }
        char need[32], give[32], spe[64], seq[64];
        const json_t *lo = json_object_get(c, "a_least"), *hi = json_object_get(c, "b_most");
        scx_snprintf_c(need, sizeof need, "%.3f/%.3f", sc__num(lo, "without"), sc__num(lo, "with"));
        scx_snprintf_c(give, sizeof give, "%.3f/%.3f", sc__num(hi, "without"), sc__num(hi, "with"));
        const json_t *s = json_object_get(c, "spe"), *q = json_object_get(c, "sequential");
        if (flag(s, "deal")) {
            scx_snprintf_c(spe, sizeof spe, "deal at %.3f%s", sc__num(s, "terms"),
                     flag(s, "guarantee") ? " with troops" : "");
        } else {
            scx_snprintf_c(spe, sizeof spe, "no deal: %s rejects %.3f", flag(s, "a_accepts") ? b : a,
                     sc__num(s, "terms"));
        }
        scx_snprintf_c(seq, sizeof seq, "P(deal) %.2f at %.3f%s", sc__num(q, "p_deal"),
                 sc__num(q, "terms"), flag(q, "guarantee") ? " with troops" : "");
        scx_buf_puts(out, "  ");
        sc__put_padded(out, views[i].brief ? views[i].brief : views[i].label, 22);
        scx_buf_printf(out, " %13s %13s  %-30s %s\n", need, give, spe, seq);
        double r = fmax(sc__num(s, "max_regret"), sc__num(q, "max_regret"));
        if (!(r <= 1e-9)) {
            scx_buf_printf(out, "    (largest regret %.2g of the payoff range)\n", r);
        }
    }
}
