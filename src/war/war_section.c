/* SPDX-License-Identifier: MIT */
/*
 * The result-document section of war termination for one state of the scenario
 * (docs/models/war.md, "In the report"): the belligerents and mediator, the model's inputs in
 * that state, the lever table (none, sanctions, aid cut, both, inducement, guarantee) simulated
 * on common random numbers so that each lever's difference from no lever carries a paired
 * standard error, and "what would it take": the smallest of each lever that makes a ceasefire
 * within 52 battles at least 50% likely.
 */
#include "report/sections.h"

#include <math.h>
#include <stdlib.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "statecraft/war.h"

/* A coarse histogram as the document's {"edges", "share", "n"}. */
static json_t *histogram(const double *share, double lo, double width, size_t n)
{
    json_t *h = json_object(), *edges = json_array(), *sh = json_array();
    for (int b = 0; b <= SC_WAR_HIST_BINS; b++) {
        json_array_append_new(edges, json_real(lo + width * b));
    }
    for (int b = 0; b < SC_WAR_HIST_BINS; b++) {
        json_array_append_new(sh, json_real(share[b]));
    }
    json_object_set_new(h, "edges", edges);
    json_object_set_new(h, "share", sh);
    json_object_set_new(h, "n", json_integer((json_int_t)n));
    return h;
}

static json_t *row_json(const sc_war_result *r, const sc_war_params *q)
{
    json_t *o = json_object();
    sc__json_set_number(o, "p_ceasefire", r->p_ceasefire);
    sc__json_set_number(o, "p_ceasefire_52", r->p_ceasefire_52);
    sc__json_set_number(o, "p_ceasefire_52_se", r->p_ceasefire_52_se);
    sc__json_set_number(o, "p_victory_a", r->p_victory_a);
    sc__json_set_number(o, "p_victory_b", r->p_victory_b);
    sc__json_set_number(o, "p_ongoing", r->p_ongoing);
    sc__json_set_number(o, "p_held", r->p_held);
    sc__json_set_number(o, "p_relapse", r->p_relapse);
    sc__json_set_number(o, "mean_battles", r->mean_battles);
    sc__json_set_number(o, "mean_battles_se", r->mean_battles_se);
    sc__json_set_number(o, "mean_share_a", r->mean_share_a);
    sc__json_set_number(o, "mean_share_a_se", r->mean_share_a_se);
    static const char *const qn[5] = {"q05", "q25", "q50", "q75", "q95"};
    json_t *bq = json_object(), *sq = json_object(), *modes = json_array(), *curve = json_array();
    for (int i = 0; i < 5; i++) {
        sc__json_set_number(bq, qn[i], r->battles_q[i]);
        sc__json_set_number(sq, qn[i], r->share_q[i]);
    }
    for (size_t i = 0; i < r->n_modes; i++) {
        json_t *m = json_object();
        sc__json_set_number(m, "at", r->mode_at[i]);
        sc__json_set_number(m, "share", r->mode_share[i]);
        json_array_append_new(modes, m);
    }
    static const int grid[] = {0, 5, 10, 20, 26, 52, 104, 156, 208, 260, 520, 1040};
    for (size_t i = 0; i < sizeof grid / sizeof grid[0] && grid[i] <= r->horizon; i++) {
        json_t *pt = json_object();
        json_object_set_new(pt, "t", json_integer(grid[i]));
        sc__json_set_number(pt, "p", sc_war_result_by_battle(r, grid[i]));
        json_array_append_new(curve, pt);
    }
    json_object_set_new(o, "battles_quantiles", bq);
    json_object_set_new(o, "share_quantiles", sq);
    json_object_set_new(o, "share_modes", modes);
    json_object_set_new(o, "ceasefire_by_battle", curve);
    size_t held = (size_t)llround(r->p_held * (double)r->runs);
    json_object_set_new(o, "terms_histogram",
                        histogram(r->terms_hist, 0, 1.0 / SC_WAR_HIST_BINS, held));
    json_object_set_new(o, "duration_histogram",
                        histogram(r->duration_hist, 0, r->duration_bin, r->runs));
    sc__json_set_number(o, "theta", q->theta);
    sc__json_set_number(o, "aid_shift", q->aid);
    sc__json_set_number(o, "cost_a", q->cost_a + q->sanctions);
    sc__json_set_number(o, "relief", q->mediator.relief);
    sc__json_set_number(o, "guarantee", q->mediator.guarantee);
    return o;
}

static json_t *inputs_json(const sc_war_params *p)
{
    json_t *in = json_object();
    json_object_set_new(in, "front", json_integer(p->front));
    json_object_set_new(in, "start", json_integer(p->start));
    sc__json_set_number(in, "theta", p->theta);
    sc__json_set_number(in, "discount", p->discount);
    json_object_set_new(in, "beliefs", json_string(sc_war_beliefs_name(p->beliefs)));
    sc__json_set_number(in, "cost_a", p->cost_a);
    sc__json_set_number(in, "cost_b", p->cost_b);
    json_t *pa = json_array(), *pb = json_array();
    for (int k = 0; k < 2; k++) {
        json_array_append_new(pa, sc__json_number(p->prior_a[k]));
        json_array_append_new(pb, sc__json_number(p->prior_b[k]));
    }
    json_object_set_new(in, "prior_a", pa);
    json_object_set_new(in, "prior_b", pb);
    json_object_set_new(in, "rule", json_string(sc_war_rule_name(p->rule)));
    sc__json_set_number(in, "mediator_x", p->mediator.ideal);
    sc__json_set_number(in, "mediator_cost", p->mediator.cost);
    sc__json_set_number(in, "guarantee", p->mediator.guarantee);
    sc__json_set_number(in, "relief_offered", p->mediator.relief);
    sc__json_set_number(in, "aid_threat", p->mediator.threat_b);
    json_t *cm = json_object();
    json_object_set_new(cm, "on", json_boolean(p->commitment));
    sc__json_set_number(cm, "shift_per_year", p->shift_per_year);
    sc__json_set_number(cm, "years", p->shift_years);
    json_object_set_new(in, "commitment", cm);
    json_t *sc = json_object();
    json_object_set_new(sc, "on", json_boolean(p->screening));
    sc__json_set_number(sc, "cost_b_low", p->screening ? p->cost_b_low : (double)NAN);
    sc__json_set_number(sc, "cost_b_high", p->screening ? p->cost_b_high : (double)NAN);
    json_object_set_new(in, "screening", sc);
    json_t *rel = json_object();
    sc__json_set_number(rel, "hazard", p->relapse_hazard);
    sc__json_set_number(rel, "agreement", p->agreement);
    json_object_set_new(rel, "periods", json_integer(p->post_periods));
    json_object_set_new(in, "relapse", rel);
    json_t *lv = json_object();
    sc__json_set_number(lv, "sanctions", p->levers.sanctions);
    sc__json_set_number(lv, "aid_cut", p->levers.aid_cut);
    sc__json_set_number(lv, "relief", p->levers.relief);
    sc__json_set_number(lv, "guarantee", p->levers.guarantee);
    json_object_set_new(in, "lever_sizes", lv);
    sc__json_set_number(in, "sanctions", p->levers.sanctions);
    sc__json_set_number(in, "aid_cut", p->levers.aid_cut);
    json_object_set_new(in, "horizon", json_integer(p->horizon));
    json_object_set_new(in, "runs", json_integer((json_int_t)p->runs));
    json_object_set_new(in, "seed", json_integer((json_int_t)p->seed));
    return in;
}

sc_status sc__war_check(const sc_scenario *at, sc_diag *diag)
{
    sc_war_params p;
    const char *a = NULL, *b = NULL, *m = NULL;
    return sc_war_params_from_scenario(at, &p, &a, &b, &m, diag);
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
    /* a draw of a Monte Carlo over the inputs runs few wars: the estimates built for that, and
     * the tables' fixed rule (docs/models/war.md, "Conditional estimates") */
    p.conditional = opts->monte_carlo;
    p.fast_tables = opts->monte_carlo;
    json_object_set_new(out, "a", json_string(a));
    json_object_set_new(out, "b", json_string(b));
    json_object_set_new(out, "mediator", m ? json_string(m) : json_null());
    json_object_set_new(out, "inputs", inputs_json(&p));
    enum { NL = SC_WAR_LEVER_COUNT };
    sc_war_params rows[NL];
    sc_war_result *res[NL];
    double se[NL * NL];
    /* a draw computes only the lever rows its claims and headlines read (in->war_levers), none
     * always: the rows run on common random numbers and each equals its own simulation, so a
     * subset gives the same bits for the rows it keeps */
    int lever[NL], nl = 0;
    for (int v = 0; v < NL; v++) {
        if (v == 0 || !in->war_levers || ((in->war_levers >> v) & 1u)) {
            lever[nl] = v;
            sc_war_params_with_lever(&p, (sc_war_lever)v, 1, &rows[nl++]);
        }
    }
    rc = sc_war_compare(rows, (size_t)nl, res, se, diag);
    if (rc != SC_OK) {
        return rc;
    }
    json_t *levers = json_object();
    json_object_set_new(out, "levers", levers);
    for (int i = 0; i < nl; i++) {
        json_t *o = row_json(res[i], &rows[i]);
        double d = res[i]->p_ceasefire_52 - res[0]->p_ceasefire_52;
        sc__json_set_number(o, "diff_52", d);
        sc__json_set_number(o, "diff_52_se", se[i * nl]);
        /* a difference counts as real when it exceeds twice its (paired) standard error */
        json_object_set_new(o, "diff_beyond_noise", json_boolean(i > 0 && fabs(d) > 2 * se[i * nl]));
        json_object_set_new(levers, sc_war_lever_name((sc_war_lever)lever[i]), o);
    }
    /* the odds of no ceasefire for one, two and three years of weekly battles (no lever) */
    json_t *none = json_array();
    for (int y = 1; y <= 3; y++) {
        int t = y * p.battles_per_year;
        double q = 1 - sc_war_result_by_battle(res[0], t);
        json_t *o = json_object();
        json_object_set_new(o, "years", json_integer(y));
        json_object_set_new(o, "battles", json_integer(t));
        sc__json_set_number(o, "p", t <= p.horizon ? q : (double)NAN);
        sc__json_set_number(o, "se", t <= p.horizon ? sqrt(q * (1 - q) / (double)p.runs)
                                                    : (double)NAN);
        json_array_append_new(none, o);
    }
    json_object_set_new(out, "no_ceasefire_within", none);
    for (int i = 0; i < nl; i++) {
        sc_war_result_free(res[i]);
    }
    if (opts->monte_carlo) {
        return SC_OK; /* the search replays the war many times: the report's, not a draw's */
    }
    /* what would it take: the smallest of each lever for P(ceasefire within 52) >= 1/2 */
    static const sc_war_lever searched[4] = {SC_WAR_LEVER_SANCTIONS, SC_WAR_LEVER_AID_CUT,
                                             SC_WAR_LEVER_INDUCEMENT, SC_WAR_LEVER_GUARANTEE};
    json_t *takes = json_object();
    json_object_set_new(out, "what_it_takes", takes);
    for (int i = 0; i < 4 && rc == SC_OK; i++) {
        int found;
        double mag, p52, p52_se;
        rc = sc_war_what_it_takes(&p, searched[i], &found, &mag, &p52, &p52_se, diag);
        if (rc != SC_OK) {
            break;
        }
        json_t *t = json_object();
        json_object_set_new(t, "found", json_boolean(found));
        sc__json_set_number(t, "magnitude", mag);
        double scale = searched[i] == SC_WAR_LEVER_SANCTIONS   ? p.levers.sanctions
                       : searched[i] == SC_WAR_LEVER_AID_CUT    ? p.levers.aid_cut
                       : searched[i] == SC_WAR_LEVER_INDUCEMENT ? p.levers.relief
                                                                : p.levers.guarantee;
        /* the same magnitude as a multiple of the scenario's own lever */
        sc__json_set_number(t, "times_lever", scale > 0 ? mag / scale : (double)NAN);
        sc__json_set_number(t, "p_ceasefire_52", p52);
        sc__json_set_number(t, "p_ceasefire_52_se", p52_se);
        json_object_set_new(takes, sc_war_lever_name(searched[i]), t);
    }
    return rc;
}

void sc__war_answers(const json_t *content, json_t *out)
{
    const char *lever;
    json_t *o;
    json_object_foreach(sc__json_mut(json_object_get(content, "levers")), lever, o) {
        char key[160];
        json_t *a = json_object();
        snprintf(key, sizeof key, "%s: P(ceasefire within 52 battles)", lever);
        json_object_set(a, "value", json_object_get(o, "p_ceasefire_52"));
        json_object_set(a, "se", json_object_get(o, "p_ceasefire_52_se"));
        json_object_set_new(out, key, a);
        a = json_object();
        snprintf(key, sizeof key, "%s: mean battles", lever);
        json_object_set(a, "value", json_object_get(o, "mean_battles"));
        json_object_set(a, "se", json_object_get(o, "mean_battles_se"));
        json_object_set_new(out, key, a);
        /* the terms (A's share) of the ceasefires that held: null where none held */
        a = json_object();
        snprintf(key, sizeof key, "%s: mean terms", lever);
        json_object_set(a, "value", json_object_get(o, "mean_share_a"));
        json_object_set(a, "se", json_object_get(o, "mean_share_a_se"));
        json_object_set_new(out, key, a);
    }
}
