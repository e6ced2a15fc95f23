/* SPDX-License-Identifier: MIT */
/*
 * Relations derived from the scenario's `data:` sets (docs/scenario-format.md, "Relations from
 * data"): a relation written `amity: {data: unga-2023}` takes the amity that data set gives the
 * pair, and a relations entry `{data: unga-2023}` without a pair gives every pair the set covers
 * and the scenario does not judge by hand that amity. The maps are the events module's, the same
 * ones the report's "Relations: judgement vs data" section uses:
 *
 *   unga-ideal-points: amity = 2 agreement(d) - 1, agreement(d) = 1 / (1 + exp(-(alpha + beta d))),
 *                      d = |ideal point of a - ideal point of b| (the set's agreement_map, or the
 *                      default fit of docs/events.md);
 *   event-scores:      amity = clamp(intercept + slope R, -1, 1) with R the pair's score.
 */
#include <math.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/scenario_internal.h"

/*
 * The events module's default maps (sc_unga_map_init, sc_amity_map_init in src/events/unga.c,
 * where their fits are described). The scenario module does not link the events module (tests
 * link modules one by one), so the two pairs of numbers are repeated here;
 * tests/bargain/test_relations_from_data.c checks them against the events module's.
 */
#define UNGA_ALPHA 1.0977010230287712
#define UNGA_BETA (-0.78959799647321283)
#define EVENTS_INTERCEPT 0.0
#define EVENTS_SLOPE 3.0881255768130318

static double num_or(const sc_node *n, const char *key, double dflt)
{
    double v;
    const sc_node *x = n ? sc__node_get(n, key) : NULL;
    return x && sc__node_number(x, &v, NULL) == SC_OK ? v : dflt;
}

const sc_node *sc__data_set(const sc_node *data, const char *id)
{
    return data && data->kind == SC_NODE_MAP ? sc__node_get(data, id) : NULL;
}

sc_status sc__data_set_check(const sc_scenario *s, const sc_node *data, const sc_node *at,
                             const char *id, sc_diag *diag)
{
    (void)s;
    if (sc__data_set(data, id)) {
        return SC_OK;
    }
    size_t n = data && data->kind == SC_NODE_MAP ? data->n : 0;
    const char *ids[64];
    size_t k = n < 64 ? n : 64;
    for (size_t i = 0; i < k; i++) {
        ids[i] = data->keys[i];
    }
    const char *hint = k ? sc__suggest(id, ids, k) : NULL;
    if (hint) {
        return sc__node_fail(at, diag, SC_ENOTFOUND, "unknown data set '%s' (did you mean '%s'?)",
                             id, hint);
    }
    return sc__node_fail(at, diag, SC_ENOTFOUND,
                         "unknown data set '%s' (the scenario's data: section has %s)", id,
                         n ? "no such id" : "none");
}

int sc__data_amity(const sc_scenario *s, const sc_node *set, size_t a, size_t b, double *amity)
{
    const char *ia = sc_scenario_actor(s, a)->id, *ib = sc_scenario_actor(s, b)->id;
    const char *kind = sc__node_scalar(sc__node_get(set, "kind"));
    if (kind && strcmp(kind, "unga-ideal-points") == 0) {
        const sc_node *ip = sc__node_get(set, "ideal_points");
        const sc_node *na = sc__node_get(ip, ia), *nb = sc__node_get(ip, ib);
        double xa, xb;
        if (!na || !nb || sc__node_number(na, &xa, NULL) != SC_OK ||
            sc__node_number(nb, &xb, NULL) != SC_OK) {
            return 0;
        }
        const sc_node *am = sc__node_get(set, "agreement_map");
        double alpha = num_or(am, "alpha", UNGA_ALPHA), beta = num_or(am, "beta", UNGA_BETA);
        double agreement = 1.0 / (1.0 + exp(-(alpha + beta * fabs(xa - xb))));
        *amity = 2.0 * agreement - 1.0;
        return 1;
    }
    if (kind && strcmp(kind, "event-scores") == 0) {
        const sc_node *sc = sc__node_get(set, "scores");
        for (size_t j = 0; j < sc__node_count(sc); j++) {
            const sc_node *row = sc__node_at(sc, j);
            const sc_node *p = sc__node_get(row, "pair");
            const char *x = sc__node_scalar(sc__node_at(p, 0)), *y = sc__node_scalar(sc__node_at(p, 1));
            if (x && y &&
                ((strcmp(x, ia) == 0 && strcmp(y, ib) == 0) ||
                 (strcmp(x, ib) == 0 && strcmp(y, ia) == 0))) {
                const sc_node *am = sc__node_get(set, "amity_map");
                double v = num_or(am, "intercept", EVENTS_INTERCEPT) +
                           num_or(am, "slope", EVENTS_SLOPE) * num_or(row, "score", 0);
                *amity = v < -1 ? -1 : v > 1 ? 1 : v;
                return 1;
            }
        }
    }
    return 0;
}
