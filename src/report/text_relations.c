/* SPDX-License-Identifier: MIT */
/*
 * Text of the "Relations: judgement vs data" section: per data set, the pairs of the first state
 * shown, largest gap first; for the other states only the pairs whose judgement differs from it
 * (the data are the same; the events and variants move the judgements).
 */
#include <math.h>
#include <string.h>

#include "report/text.h"

const json_t *sc__relations_set(const json_t *content, const char *id, size_t *index)
{
    size_t i;
    const json_t *set;
    json_array_foreach(json_object_get(content, "data"), i, set) {
        if (strcmp(sc__str(set, "id", ""), id) == 0) {
            if (index) {
                *index = i;
            }
            return set;
        }
    }
    return NULL;
}

const json_t *sc__relations_pair(const json_t *set, const char *a, const char *b)
{
    size_t i;
    const json_t *p;
    json_array_foreach(json_object_get(set, "pairs"), i, p) {
        if (strcmp(sc__str(p, "a", ""), a) == 0 && strcmp(sc__str(p, "b", ""), b) == 0) {
            return p;
        }
    }
    return NULL;
}

static void head(const json_t *set, scx_buf *out)
{
    const char *kind = sc__str(set, "kind", "");
    scx_buf_printf(out, "%s: %s [%s]\n", sc__str(set, "id", ""), sc__str(set, "description", ""),
                   sc__str(set, "source", ""));
    if (strcmp(kind, "unga-ideal-points") == 0) {
        const json_t *m = json_object_get(set, "map");
        scx_buf_printf(out, "  votes of session %d (%d); data amity = 2 agreement - 1, agreement = "
                            "1 / (1 + exp(-(%.4f %+.4f d))), d = distance between ideal points\n",
                       (int)sc__num(set, "session"), (int)sc__num(set, "year"),
                       sc__num(m, "alpha"), sc__num(m, "beta"));
    } else {
        const json_t *m = json_object_get(set, "map");
        scx_buf_printf(out, "  score R: undirected DSMG (h %g, k %g) on %s; data amity = "
                            "clamp(%.4g %+.4g R)\n",
                       sc__num(set, "half_life"), sc__num(set, "prior"),
                       sc__str(set, "date", "-"), sc__num(m, "intercept"), sc__num(m, "slope"));
    }
}

static void table_head(const json_t *set, scx_buf *out)
{
    int unga = strcmp(sc__str(set, "kind", ""), "unga-ideal-points") == 0;
    scx_buf_printf(out, "  %-12s %9s %9s %10s %8s  %s\n", "pair", "judgement",
                   unga ? "agreement" : "score R", "data amity", "gap",
                   unga ? "(distance)" : "(records)");
}

static void row(const json_t *set, const json_t *p, scx_buf *out)
{
    int unga = strcmp(sc__str(set, "kind", ""), "unga-ideal-points") == 0;
    char pair[80];
    snprintf(pair, sizeof pair, "%s-%s", sc__str(p, "a", ""), sc__str(p, "b", ""));
    scx_buf_puts(out, "  ");
    sc__put_padded(out, pair, 12);
    sc__put_num(out, "%+.3f", 10, sc__num(p, "amity"));
    sc__put_num(out, unga ? "%.3f" : "%+.3f", 10, sc__num(p, "score"));
    sc__put_num(out, "%+.3f", 11, sc__num(p, "data_amity"));
    sc__put_num(out, "%+.3f", 9, sc__num(p, "gap"));
    if (unga) {
        scx_buf_printf(out, "  (%.2f)\n", sc__num(p, "distance"));
    } else {
        scx_buf_printf(out, "  (%.0f)\n", sc__num(p, "events"));
    }
}

void sc__text_relations(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)section;
    if (n == 0) {
        return;
    }
    const json_t *first = views[0].content;
    if (sc__put_not_run(out, &views[0], "data")) {
        return;
    }
    scx_buf_puts(out, "Each pair's amity in the scenario (judgement) against the amity its data "
                      "imply; gap = judgement - data, largest first.\n");
    size_t i;
    const json_t *set;
    json_array_foreach(json_object_get(first, "data"), i, set)
    {
        scx_buf_puts(out, "\n");
        head(set, out);
        const json_t *pairs = json_object_get(set, "pairs");
        scx_buf_printf(out, "  %s (%s):\n", views[0].label, sc__str(views[0].content, "date", "-"));
        if (json_array_size(pairs) == 0) {
            scx_buf_puts(out, "  no pair of the scenario has data here\n");
        } else {
            table_head(set, out);
        }
        size_t j;
        const json_t *p;
        json_array_foreach(pairs, j, p)
        {
            row(set, p, out);
        }
        double w = sc__num(set, "pairs_without_data");
        if (w > 0) {
            scx_buf_printf(out, "  (%.0f pairs with an amity have no data here)\n", w);
        }
        scx_buf_printf(out, "  mean |gap| %.3f\n", sc__num(set, "mean_abs_gap"));
        /* the other states: only what changed */
        for (size_t v = 1; v < n; v++) {
            const json_t *other = sc__relations_set(views[v].content, sc__str(set, "id", ""), NULL);
            if (!other) {
                continue;
            }
            int shown = 0;
            json_array_foreach(json_object_get(other, "pairs"), j, p)
            {
                const json_t *q = sc__relations_pair(set, sc__str(p, "a", ""), sc__str(p, "b", ""));
                if (q && fabs(sc__num(p, "amity") - sc__num(q, "amity")) < 1e-9 &&
                    fabs(sc__num(p, "data_amity") - sc__num(q, "data_amity")) < 1e-9) {
                    continue;
                }
                if (!shown) {
                    scx_buf_printf(out, "  %s (%s), the pairs that differ:\n", views[v].label,
                                   sc__str(views[v].content, "date", "-"));
                    table_head(set, out);
                    shown = 1;
                }
                row(set, p, out);
            }
            if (!shown) {
                scx_buf_printf(out, "  %s: the same\n", views[v].label);
            } else {
                scx_buf_printf(out, "  mean |gap| %.3f\n", sc__num(other, "mean_abs_gap"));
            }
        }
    }
}
