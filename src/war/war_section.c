/* SPDX-License-Identifier: MIT */
/*
 * The result-document section of war termination for one state of the scenario: the
 * belligerents and mediator, the model's inputs in that state, and the lever table (none,
 * sanctions, aid cut, both): the ceasefire probability and its curve by battle, durations and
 * terms with their quantiles and histograms.
 */
#include "report/sections.h"

#include <math.h>
#include <stdlib.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "statecraft/war.h"

#define HIST_BINS 20

/* P(ceasefire reached within t battles), read off the result's curve (nearest point <= t). */
static double by_battle(const sc_war_result *r, int t)
{
    double p = 0;
    for (size_t i = 0; i < r->n_curve; i++) {
        if (r->curve_t[i] <= t) {
            p = r->curve_p[i];
        }
    }
    return p;
}

/* A histogram of `n` values on [lo, hi) in HIST_BINS bins: {"edges": [...], "share": [...]},
 * each bin's share of the n values (the last bin includes hi). */
static json_t *histogram(const double *v, size_t n, double lo, double hi)
{
    size_t count[HIST_BINS] = {0};
    double w = (hi - lo) / HIST_BINS;
    for (size_t i = 0; i < n && w > 0; i++) {
        long b = (long)floor((v[i] - lo) / w);
        b = b < 0 ? 0 : b >= HIST_BINS ? HIST_BINS - 1 : b;
        count[b]++;
    }
    json_t *h = json_object(), *edges = json_array(), *share = json_array();
    for (int b = 0; b <= HIST_BINS; b++) {
        json_array_append_new(edges, json_real(lo + w * b));
    }
    for (int b = 0; b < HIST_BINS; b++) {
        json_array_append_new(share, json_real(n ? (double)count[b] / (double)n : 0));
    }
    json_object_set_new(h, "edges", edges);
    json_object_set_new(h, "share", share);
    json_object_set_new(h, "n", json_integer((json_int_t)n));
    return h;
}

static json_t *result_json(const sc_war_result *r, double *scratch)
{
    json_t *o = json_object();
    sc__json_set_number(o, "p_ceasefire", r->p_ceasefire);
    double p50 = by_battle(r, 50);
    sc__json_set_number(o, "p_ceasefire_50", p50);
    sc__json_set_number(o, "p_ceasefire_50_se", sqrt(p50 * (1 - p50) / (double)r->runs));
    sc__json_set_number(o, "p_victory_a", r->p_victory_a);
    sc__json_set_number(o, "p_victory_b", r->p_victory_b);
    sc__json_set_number(o, "p_ongoing", r->p_ongoing);
    sc__json_set_number(o, "p_relapse", r->p_relapse);
    sc__json_set_number(o, "mean_battles", r->mean_battles);
    double ss = 0;
    for (size_t i = 0; i < r->runs; i++) {
        double d = r->battles[i] - r->mean_battles;
        ss += d * d;
    }
    sc__json_set_number(o, "mean_battles_se",
                        r->runs > 1 ? sqrt(ss / (double)(r->runs - 1) / (double)r->runs) : (double)NAN);
    sc__json_set_number(o, "mean_share_a", r->mean_share_a);
    static const char *const qn[5] = {"q05", "q25", "q50", "q75", "q95"};
    json_t *bq = json_object(), *sq = json_object(), *curve = json_array();
    for (int q = 0; q < 5; q++) {
        sc__json_set_number(bq, qn[q], r->battles_q[q]);
        sc__json_set_number(sq, qn[q], r->share_q[q]);
    }
    for (size_t i = 0; i < r->n_curve; i++) {
        json_t *pt = json_object();
        json_object_set_new(pt, "t", json_integer(r->curve_t[i]));
        sc__json_set_number(pt, "p", r->curve_p[i]);
        json_array_append_new(curve, pt);
    }
    json_object_set_new(o, "battles_quantiles", bq);
    json_object_set_new(o, "share_quantiles", sq);
    json_object_set_new(o, "ceasefire_by_battle", curve);
    /* the distributions the quantiles summarise: terms of the ceasefires that held, and
     * durations of every run (runs cut off at the horizon count the horizon) */
    size_t m = 0;
    double most = 0;
    for (size_t i = 0; i < r->runs; i++) {
        if (r->outcome[i] == SC_WAR_CEASEFIRE && isfinite(r->share[i])) {
            scratch[m++] = r->share[i];
        }
        most = r->battles[i] > most ? r->battles[i] : most;
    }
    json_object_set_new(o, "terms_histogram", histogram(scratch, m, 0, 1));
    for (size_t i = 0; i < r->runs; i++) {
        scratch[i] = r->battles[i];
    }
    /* bins of a whole number of battles, wide enough to hold the longest run */
    double width = ceil((most + 1) / HIST_BINS);
    width = width < 1 ? 1 : width;
    json_object_set_new(o, "duration_histogram", histogram(scratch, r->runs, 0, width * HIST_BINS));
    return o;
}

sc_status sc__war_section(const sc__section_in *in, json_t *out, sc_diag *diag)
{
    const sc_scenario *s = in->at;
    const sc_run_opts *opts = in->opts;
    if (!sc__scenario_section(s, "war")) {
        json_object_set_new(out, "note", json_string("the scenario has no war section"));
        return SC_OK;
    }
    sc_war_params p;
    const char *a = NULL, *b = NULL, *m = NULL;
    sc_status rc = sc_war_params_from_scenario(s, &p, &a, &b, &m, diag);
    if (rc != SC_OK) {
        return rc;
    }
    p.runs = opts->runs;
    p.seed = opts->seed;
    p.threads = opts->threads;
    json_object_set_new(out, "a", json_string(a));
    json_object_set_new(out, "b", json_string(b));
    json_object_set_new(out, "mediator", m ? json_string(m) : json_null());
    json_t *inp = json_object();
    json_object_set_new(inp, "front", json_integer(p.front));
    json_object_set_new(inp, "start", json_integer(p.start));
    sc__json_set_number(inp, "theta", p.theta);
    sc__json_set_number(inp, "cost_a", p.cost_a);
    sc__json_set_number(inp, "cost_b", p.cost_b);
    json_t *pa = json_array(), *pb = json_array();
    for (int k = 0; k < 2; k++) {
        json_array_append_new(pa, sc__json_number(p.prior_a[k]));
        json_array_append_new(pb, sc__json_number(p.prior_b[k]));
    }
    json_object_set_new(inp, "prior_a", pa);
    json_object_set_new(inp, "prior_b", pb);
    sc__json_set_number(inp, "sanctions", p.sanctions);
    sc__json_set_number(inp, "aid_cut", p.aid_cut);
    sc__json_set_number(inp, "mediator_x", p.mediator_x);
    json_object_set_new(inp, "rule", json_string(sc_war_rule_name(p.rule)));
    json_object_set_new(inp, "horizon", json_integer(p.horizon));
    json_object_set_new(inp, "runs", json_integer((json_int_t)p.runs));
    json_object_set_new(inp, "seed", json_integer((json_int_t)p.seed));
    json_object_set_new(out, "inputs", inp);
    double *scratch = malloc((p.runs ? p.runs : 1) * sizeof *scratch);
    if (!scratch) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    static const char *const names[4] = {"none", "sanctions", "aid_cut", "both"};
    json_t *levers = json_object();
    json_object_set_new(out, "levers", levers);
    for (int v = 0; v < 4 && rc == SC_OK; v++) {
        sc_war_params q = p;
        q.sanctions = (v == 1 || v == 3) ? p.sanctions : 0;
        q.aid = p.aid - ((v == 2 || v == 3) ? p.aid_cut : 0);
        sc_war_result *r = NULL;
        rc = sc_war_simulate(&q, &r, diag);
        if (rc != SC_OK) {
            break;
        }
        json_t *o = result_json(r, scratch);
        sc__json_set_number(o, "theta", q.theta - q.aid);
        sc__json_set_number(o, "cost_a", q.cost_a + q.sanctions);
        json_object_set_new(levers, names[v], o);
        sc_war_result_free(r);
    }
    free(scratch);
    return rc;
}

void sc__war_answers(const json_t *content, json_t *out)
{
    const char *lever;
    json_t *o;
    json_object_foreach(json_object_get(content, "levers"), lever, o) {
        char key[160];
        json_t *a = json_object();
        snprintf(key, sizeof key, "%s: P(ceasefire within 50 battles)", lever);
        json_object_set(a, "value", json_object_get(o, "p_ceasefire_50"));
        json_object_set(a, "se", json_object_get(o, "p_ceasefire_50_se"));
        json_object_set_new(out, key, a);
        a = json_object();
        snprintf(key, sizeof key, "%s: mean battles", lever);
        json_object_set(a, "value", json_object_get(o, "mean_battles"));
        json_object_set(a, "se", json_object_get(o, "mean_battles_se"));
        json_object_set_new(out, key, a);
    }
}
