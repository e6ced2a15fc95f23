/* SPDX-License-Identifier: MIT */
/*
 * The `statecraft run` section for war termination: the scenario's belligerents and mediator,
 * the ceasefire probability and terms, and the comparison of the mediator's levers (none,
 * sanctions, aid cut, both), after the events.
 */
#include "report/sections.h"

#include <math.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "statecraft/war.h"

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

static json_t *result_json(const sc_war_result *r)
{
    json_t *o = json_object();
    sc__json_set_number(o, "p_ceasefire", r->p_ceasefire);
    sc__json_set_number(o, "p_victory_a", r->p_victory_a);
    sc__json_set_number(o, "p_victory_b", r->p_victory_b);
    sc__json_set_number(o, "p_ongoing", r->p_ongoing);
    sc__json_set_number(o, "p_relapse", r->p_relapse);
    sc__json_set_number(o, "mean_battles", r->mean_battles);
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
    return o;
}

/* One scenario state (events already applied): its parameters and the four lever cases. */
static sc_status lever_table(const sc_scenario *after, const char *label, const sc_run_opts *opts,
                             int header, scx_buf *text, json_t *json, sc_diag *diag)
{
    sc_status rc;
    sc_war_params p;
    const char *a = NULL, *b = NULL, *m = NULL;
    rc = sc_war_params_from_scenario(after, &p, &a, &b, &m, diag);
    if (rc != SC_OK) {
        return rc;
    }
    p.runs = opts->runs;
    p.seed = opts->seed;
    p.threads = opts->threads;
    if (header) {
        scx_buf_printf(text,
                       "%s (A) against %s (B)%s%s, after the events: a front of %d positions, %s "
                       "holds %d;\nper battle theta = P(%s wins) = %.4f; costs %.5f (A), %.5f (B) "
                       "of the stakes; beliefs Beta(%g,%g)\nand Beta(%g,%g); terms by the %s rule",
                       a, b, m ? ", mediator " : "", m ? m : "", p.front, a, p.start, a, p.theta,
                       p.cost_a, p.cost_b, p.prior_a[0], p.prior_a[1], p.prior_b[0], p.prior_b[1],
                       sc_war_rule_name(p.rule));
        if (p.rule == SC_WAR_MEDIATOR) {
            scx_buf_printf(text, " (the mediator proposes %.3f to A)", p.mediator_x);
        }
        scx_buf_printf(text, ".\n%zu runs per row, seed %llu, horizon %d battles.\n\n", p.runs,
                       (unsigned long long)p.seed, p.horizon);
        scx_buf_printf(text, "  %-9s %-10s %6s %6s %7s %6s %6s %7s %6s %6s  %s\n", "state",
                       "levers", "P(cf)", "by 50", "relapse", "win A", "win B", "battles", "median",
                       "terms", "terms 5-95%");
        json_object_set_new(json, "a", json_string(a));
        json_object_set_new(json, "b", json_string(b));
        json_object_set_new(json, "mediator", m ? json_string(m) : json_null());
    }
    json_t *in = json_object();
    json_object_set_new(in, "front", json_integer(p.front));
    json_object_set_new(in, "start", json_integer(p.start));
    sc__json_set_number(in, "theta", p.theta);
    sc__json_set_number(in, "cost_a", p.cost_a);
    sc__json_set_number(in, "cost_b", p.cost_b);
    sc__json_set_number(in, "sanctions", p.sanctions);
    sc__json_set_number(in, "aid_cut", p.aid_cut);
    sc__json_set_number(in, "mediator_x", p.mediator_x);
    json_object_set_new(in, "rule", json_string(sc_war_rule_name(p.rule)));
    json_object_set_new(in, "runs", json_integer((json_int_t)p.runs));
    json_object_set_new(in, "seed", json_integer((json_int_t)p.seed));
    json_object_set_new(json, "inputs", in);
    static const char *const names[4] = {"none", "sanctions", "aid_cut", "both"};
    json_t *levers = json_object();
    for (int v = 0; v < 4 && rc == SC_OK; v++) {
        sc_war_params q = p;
        q.sanctions = (v == 1 || v == 3) ? p.sanctions : 0;
        q.aid = p.aid - ((v == 2 || v == 3) ? p.aid_cut : 0);
        sc_war_result *r = NULL;
        rc = sc_war_simulate(&q, &r, diag);
        if (rc != SC_OK) {
            break;
        }
        scx_buf_printf(
            text, "  %-9s %-10s %6.3f %6.3f %7.3f %6.3f %6.3f %7.1f %6.0f %6.3f  [%.3f, %.3f]\n",
            v == 0 ? label : "", names[v], r->p_ceasefire, by_battle(r, 50), r->p_relapse,
            r->p_victory_a, r->p_victory_b, r->mean_battles, r->battles_q[2], r->mean_share_a,
            r->share_q[0], r->share_q[4]);
        json_t *o = result_json(r);
        sc__json_set_number(o, "theta", q.theta - q.aid);
        sc__json_set_number(o, "cost_a", q.cost_a + q.sanctions);
        json_object_set_new(levers, names[v], o);
        sc_war_result_free(r);
    }
    json_object_set_new(json, "levers", levers);
    return rc;
}

/*
 * The base after the events, then every variant applied on top of the events (a variant is a
 * posture as of the end of the period, so it overrides what the events did to the same numbers).
 * With a variant already applied (--variant), that variant only, re-applied after the events.
 */
sc_status sc__war_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                          json_t *json, sc_diag *diag)
{
    if (!sc__scenario_section(s, "war")) {
        scx_buf_puts(text, "Not run: the scenario has no war section.\n");
        json_object_set_new(json, "note", json_string("the scenario has no war section"));
        return SC_OK;
    }
    const char *own = sc_scenario_variant_name(s);
    sc_scenario *after = NULL, *state = NULL;
    sc_status rc = sc_scenario_after_events(s, NULL, &after, diag);
    if (rc == SC_OK && own) {
        rc = sc_scenario_with_variant(after, own, &state, diag);
    }
    if (rc != SC_OK) {
        sc_scenario_free(after);
        return rc;
    }
    json_t *states = json_object();
    rc = lever_table(state ? state : after, own ? own : "base", opts, 1, text, json, diag);
    sc_scenario_free(state);
    /* the first state's inputs and levers sit at the top level; all states also under "states" */
    json_t *first = json_object();
    json_object_set(first, "inputs", json_object_get(json, "inputs"));
    json_object_set(first, "levers", json_object_get(json, "levers"));
    json_object_set_new(states, own ? own : "base", first);
    for (size_t v = 0; rc == SC_OK && !own && v < sc_scenario_variant_count(s); v++) {
        const char *name = sc_scenario_variant(s, v)->name;
        sc_scenario *vs = NULL;
        rc = sc_scenario_with_variant(after, name, &vs, diag);
        if (rc != SC_OK) {
            break;
        }
        json_t *o = json_object();
        rc = lever_table(vs, name, opts, 0, text, o, diag);
        json_object_set_new(states, name, o);
        sc_scenario_free(vs);
    }
    sc_scenario_free(after);
    json_object_set_new(json, "states", states);
    if (rc == SC_OK) {
        scx_buf_puts(text,
                     "\nP(cf): a ceasefire is ever reached; by 50: within 50 battles (about a year "
                     "of weekly battles);\nrelapse: share of ceasefires that broke down while "
                     "followed; terms: mean share to A of the ceasefires\nthat held. Levers: "
                     "sanctions raise A's cost per battle; the aid cut moves theta toward A.\n"
                     "Variants are applied on top of the events.\n");
    }
    return rc;
}
