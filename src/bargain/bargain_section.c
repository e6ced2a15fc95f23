/* SPDX-License-Identifier: MIT */
/*
 * The result-document section of the one bargaining forecast, for one state of the scenario:
 * per issue the weighted-median baseline, both EUM readings and the SMP side by side, their
 * spread (the forecast's model uncertainty), the veto players' win-set and what each model's
 * forecast means for an agreement: "settlement at x" or "no agreement".
 */
#include "report/sections.h"

#include <math.h>
#include <string.h>

#include "core/diag_internal.h"
#include "statecraft/bargain.h"

static json_t *num_or_null(double v)
{
    return isnan(v) ? json_null() : sc__json_number(v);
}

static json_t *actor_or_null(const sc_scenario *s, long i)
{
    return i >= 0 ? json_string(sc_scenario_actor(s, (size_t)i)->id) : json_null();
}

/* "settlement at 45.0", "no agreement: rejected by RUS (the nearest settlement all accept is
 * 60.0)", "no agreement: the win-set is empty", or NULL (not covered). */
static json_t *sentence(const sc_scenario *s, const sc_agreement *a)
{
    char buf[256];
    switch (a->verdict) {
    case SC_AGREEMENT_SETTLEMENT: scx_snprintf_c(buf, sizeof buf, "settlement at %.1f", a->at); break;
    case SC_AGREEMENT_REJECTED:
        scx_snprintf_c(buf, sizeof buf,
                 "no agreement at the forecast: %s rejects it (every veto player accepts %.1f)",
                 a->rejected_by >= 0 ? sc_scenario_actor(s, (size_t)a->rejected_by)->id : "?",
                 a->at);
        break;
    case SC_AGREEMENT_NONE: snprintf(buf, sizeof buf, "no agreement"); break;
    case SC_AGREEMENT_NOT_COVERED: return json_null();
    }
    return json_string(buf);
}

/* At most this many draws for the probability of agreement in the report (each draw plays both
 * EUM readings on every issue and the SMP); `statecraft run --runs N` asks for fewer. */
#define SC_ODDS_REPORT_DRAWS 100

/* The probability of agreement across draws of the scenario's own ranges (sc_bargain_odds_run):
 * `agreement_odds` {runs, seed, issues: [{issue, covered, p_winset, p_winset_ci95,
 * p_settlement: {model: p}, forecast_quantiles: {model: [q10, q50, q90]}}], note}. */
static sc_status odds_json(const sc__section_in *in, json_t *out, sc_diag *diag)
{
    const sc_scenario *s = in->at;
    const sc_run_opts *opts = in->opts;
    size_t runs = opts && opts->runs ? opts->runs : SC_ODDS_REPORT_DRAWS;
    if (runs > SC_ODDS_REPORT_DRAWS) {
        runs = SC_ODDS_REPORT_DRAWS;
    }
    uint64_t seed = opts ? opts->seed : 20250212;
    sc_bargain_odds *o = NULL;
    sc_status rc = sc_bargain_odds_run(in->given ? in->given : s, in->given ? in->state : NULL,
                                       runs, seed, opts ? opts->threads : 0, &o, diag);
    if (rc != SC_OK) {
        return rc;
    }
    json_t *oj = json_object();
    json_object_set_new(oj, "runs", json_integer((json_int_t)o->runs));
    json_object_set_new(oj, "seed", json_integer((json_int_t)o->seed));
    json_object_set_new(oj, "note",
                        json_string("draws of the scenario's own ranges (positions, saliences, "
                                    "influences, reservation points), draw k from random stream "
                                    "(seed, k); every model played on every draw"));
    json_t *arr = json_array();
    for (size_t j = 0; j < o->n; j++) {
        const sc_bargain_odds_issue *oi = &o->issues[j];
        json_t *e = json_object();
        json_object_set_new(e, "issue", json_string(sc_scenario_issue(s, oi->issue)->id));
        json_object_set_new(e, "covered", json_boolean(oi->covered));
        json_object_set_new(e, "p_winset", num_or_null(oi->p_winset));
        json_t *ci = json_array();
        json_array_append_new(ci, num_or_null(oi->p_winset_lo));
        json_array_append_new(ci, num_or_null(oi->p_winset_hi));
        json_object_set_new(e, "p_winset_ci95", oi->covered ? ci : (json_decref(ci), json_null()));
        json_t *ps = json_object(), *qs = json_object();
        for (int k = 0; k < SC_BARGAIN_MODELS; k++) {
            if (isnan(oi->q50[k])) {
                continue; /* the model ran in no draw (e.g. the SMP on too few actors) */
            }
            const char *name = sc_bargain_model_name((sc_bargain_model)k);
            json_object_set_new(ps, name, num_or_null(oi->p_settlement[k]));
            json_t *q = json_array();
            json_array_append_new(q, sc__json_number(oi->q10[k]));
            json_array_append_new(q, sc__json_number(oi->q50[k]));
            json_array_append_new(q, sc__json_number(oi->q90[k]));
            json_object_set_new(qs, name, q);
        }
        json_object_set_new(e, "p_settlement", ps);
        json_object_set_new(e, "forecast_quantiles", qs);
        json_array_append_new(arr, e);
    }
    json_object_set_new(oj, "issues", arr);
    json_object_set_new(out, "agreement_odds", oj);
    sc_bargain_odds_free(o);
    return SC_OK;
}

sc_status sc__bargaining_section(const sc__section_in *in, json_t *out, sc_diag *diag)
{
    const sc_scenario *s = in->at;
    if (sc_scenario_issue_count(s) == 0) {
        json_object_set_new(out, "note", json_string("the scenario has no issues"));
        return SC_OK;
    }
    sc_bargain_result *r = NULL;
    sc_bargain_params bp;
    sc_bargain_params_init(&bp);
    bp.threads = 1; /* a section runs inside the report's own workers (a Monte Carlo's draws) */
    sc_status rc = sc_bargain_run(s, &bp, &r, diag);
    if (rc != SC_OK) {
        return rc;
    }
    json_t *models = json_array();
    for (int k = 0; k < SC_BARGAIN_MODELS; k++) {
        json_array_append_new(models, json_string(sc_bargain_model_name((sc_bargain_model)k)));
    }
    json_object_set_new(out, "models", models);
    json_t *veto = json_array();
    for (size_t i = 0; i < sc_scenario_actor_count(s); i++) {
        if (sc_scenario_is_veto_player(s, i)) {
            json_array_append_new(veto, json_string(sc_scenario_actor(s, i)->id));
        }
    }
    json_object_set_new(out, "veto_players", veto);
    const char *why = sc_scenario_agreement_rationale(s);
    json_object_set_new(out, "agreement_rationale", why ? json_string(why) : json_null());
    json_t *issues = json_array();
    for (size_t j = 0; j < r->n; j++) {
        const sc_bargain_issue *bi = &r->issues[j];
        const sc_issue *is = sc_scenario_issue(s, bi->issue);
        json_t *o = json_object();
        json_object_set_new(o, "issue", json_string(is->id));
        json_t *scale = json_array();
        json_array_append_new(scale, json_real(is->scale_min));
        json_array_append_new(scale, json_real(is->scale_max));
        json_object_set_new(o, "scale", scale);
        json_t *f = json_object(), *rg = json_object(), *oc = json_object(), *ag = json_object();
        for (int k = 0; k < SC_BARGAIN_MODELS; k++) {
            const char *name = sc_bargain_model_name((sc_bargain_model)k);
            json_object_set_new(f, name, num_or_null(bi->forecast[k]));
            json_t *pr = json_array();
            json_array_append_new(pr, num_or_null(bi->range_lo[k]));
            json_array_append_new(pr, num_or_null(bi->range_hi[k]));
            json_object_set_new(rg, name, pr);
            json_object_set_new(oc, name, bi->outcome[k] ? json_string(bi->outcome[k]) : json_null());
            json_object_set_new(ag, name, sentence(s, &bi->verdict[k]));
        }
        json_object_set_new(o, "forecasts", f);
        json_object_set_new(o, "ranges", rg);
        json_object_set_new(o, "outcomes", oc);
        json_t *sp = json_array();
        json_array_append_new(sp, num_or_null(bi->lo));
        json_array_append_new(sp, num_or_null(bi->hi));
        json_object_set_new(o, "spread", sp);
        json_object_set_new(o, "spread_width", num_or_null(bi->hi - bi->lo));
        json_t *w = json_object();
        const sc_winset *ws = &bi->winset;
        json_object_set_new(w, "covered", json_boolean(ws->covered));
        json_object_set_new(w, "exists", ws->covered ? json_boolean(ws->exists) : json_null());
        json_t *wr = json_array();
        if (ws->covered && ws->exists) {
            json_array_append_new(wr, sc__json_number(ws->lo));
            json_array_append_new(wr, sc__json_number(ws->hi));
        }
        json_object_set_new(w, "range", ws->covered && ws->exists ? wr : (json_decref(wr), json_null()));
        /* who closes it: the veto player with the highest floor and the one with the lowest
         * ceiling (when it is empty, these two cannot both be satisfied) */
        json_object_set_new(w, "floor_by", ws->covered ? actor_or_null(s, ws->lo_by) : json_null());
        json_object_set_new(w, "floor", ws->covered ? sc__json_number(ws->lo) : json_null());
        json_object_set_new(w, "ceiling_by", ws->covered ? actor_or_null(s, ws->hi_by) : json_null());
        json_object_set_new(w, "ceiling", ws->covered ? sc__json_number(ws->hi) : json_null());
        json_object_set_new(o, "winset", w);
        json_object_set_new(o, "agreement", ag);
        json_array_append_new(issues, o);
    }
    json_object_set_new(out, "issues", issues);
    rc = odds_json(in, out, diag);
    if (rc != SC_OK) {
        sc_bargain_result_free(r);
        return rc;
    }
    if (r->note[0]) {
        json_object_set_new(out, "note", json_string(r->note));
    }
    sc_bargain_result_free(r);
    return SC_OK;
}

void sc__bargaining_answers(const json_t *content, json_t *out)
{
    size_t k;
    json_t *o;
    json_array_foreach(json_object_get(content, "issues"), k, o) {
        const char *issue = json_string_value(json_object_get(o, "issue"));
        json_t *scale = json_object_get(o, "scale");
        double span = json_number_value(json_array_get(scale, 1)) -
                      json_number_value(json_array_get(scale, 0));
        char key[200];
        json_t *sp = json_object_get(o, "spread");
        if (json_is_number(json_array_get(sp, 0))) {
            snprintf(key, sizeof key, "%s spread low", issue);
            sc__answer_number(out, key, sc__eum_snap(json_number_value(json_array_get(sp, 0)), span),
                              0.01 * span);
            snprintf(key, sizeof key, "%s spread high", issue);
            sc__answer_number(out, key, sc__eum_snap(json_number_value(json_array_get(sp, 1)), span),
                              0.01 * span);
        }
        json_t *w = json_object_get(o, "winset");
        if (json_is_true(json_object_get(w, "covered"))) {
            snprintf(key, sizeof key, "%s agreement possible", issue);
            sc__answer_value(out, key, json_boolean(json_is_true(json_object_get(w, "exists"))));
        }
    }
}
