/* SPDX-License-Identifier: MIT */
/* Text renderer of the alignment game: per state, the equilibria each method finds. */
#include "report/text.h"

/* "USA neutral, RUS toward CHN (62%), ...": each player's most likely strategy. */
static void profile_text(const json_t *profile, scx_buf *out)
{
    const char *player;
    json_t *probs;
    int first = 1;
    json_object_foreach(sc__json_mut(profile), player, probs) {
        const char *best = "?", *label;
        double bp = -1;
        json_t *v;
        json_object_foreach(probs, label, v) {
            if (json_number_value(v) > bp) {
                bp = json_number_value(v);
                best = label;
            }
        }
        scx_buf_printf(out, "%s%s %s", first ? "" : ", ", player, best);
        if (bp <= 0.995) { /* logit stops just short of 1 */
            scx_buf_printf(out, " (%.0f%%)", 100 * bp);
        }
        first = 0;
    }
}

void sc__text_game(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)section;
    const json_t *c0 = NULL;
    for (size_t i = 0; i < n && !c0; i++) {
        c0 = json_object_get(views[i].content, "actors") ? views[i].content : NULL;
    }
    const json_t *ids = json_object_get(c0, "actors");
    scx_buf_printf(out,
                  "Each of %s, %s and %s tilts toward one of the other two or stays neutral "
                  "(27 profiles).\nPayoff: alliance = amity + partner's capability share; "
                  "costs: unrequited tilt %g, trade put\nat risk x %g, the other two's bloc x %g "
                  "(docs/models/games.md). Solved by enumpure (every pure\nequilibrium, exact), "
                  "logit (the quantal-response branch selects one) and simpdiv.\n",
                  json_string_value(json_array_get(ids, 0)) ? json_string_value(json_array_get(ids, 0)) : "?",
                  json_string_value(json_array_get(ids, 1)) ? json_string_value(json_array_get(ids, 1)) : "?",
                  json_string_value(json_array_get(ids, 2)) ? json_string_value(json_array_get(ids, 2)) : "?",
                  sc__num(c0, "unrequited"), sc__num(c0, "trade"), sc__num(c0, "threat"));
    for (size_t i = 0; i < n; i++) {
        scx_buf_puts(out, "\n");
        if (sc__put_not_run(out, &views[i], "equilibria")) {
            continue;
        }
        scx_buf_printf(out, "%s:\n", views[i].label);
        const json_t *eq = json_object_get(views[i].content, "equilibria");
        size_t k;
        json_t *m;
        json_array_foreach(json_object_get(views[i].content, "methods"), k, m) {
            const char *name = sc__str(m, "method", "");
            if (sc__str(m, "error", NULL)) {
                scx_buf_printf(out, "    %-9s failed: %s\n", name, sc__str(m, "error", ""));
                continue;
            }
            size_t q, found = 0;
            json_t *e;
            json_array_foreach(eq, q, e) {
                if (json_equal(json_object_get(e, "method"), json_object_get(m, "method"))) {
                    const json_t *pay = json_object_get(e, "payoffs");
                    scx_buf_printf(out, "    %-9s ", name);
                    profile_text(json_object_get(e, "profile"), out);
                    scx_buf_printf(out, "  [payoffs %.3f %.3f %.3f]\n",
                                  json_number_value(json_array_get(pay, 0)),
                                  json_number_value(json_array_get(pay, 1)),
                                  json_number_value(json_array_get(pay, 2)));
                    found++;
                }
            }
            if (found == 0) {
                scx_buf_printf(out, "    %-9s no equilibrium of this kind\n", name);
            } else if (sc__num(m, "max_regret") > 1e-6) {
                scx_buf_printf(out, "    (largest regret %.2g of the payoff range)\n",
                              sc__num(m, "max_regret"));
            }
        }
    }
}
