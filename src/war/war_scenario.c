/* SPDX-License-Identifier: MIT */
/*
 * The scenario's `war:` section: belligerents, mediator and every parameter of the simulation,
 * with theta and costs derived from military spending and GDP when written `auto`
 * (docs/models/war.md, "From a scenario").
 */
#include "statecraft/war.h"

#include <math.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/node.h"

static const char *const war_keys[] = {
    "a", "b", "mediator", "issue", "front", "start", "theta", "theta_shrink", "external_aid_b",
    "aid_cut_share", "aid_cut", "cost_a", "cost_b", "cost_scale", "prior_a", "prior_b",
    "sanctions_burden",
    "aid", "aid_cost", "pay_a", "pay_b", "rule", "power", "mediator_x", "relapse", "lanchester",
    "horizon", "runs"};
static const char *const relapse_keys[] = {"hazard", "periods", "inducement_periods"};
static const char *const lanchester_keys[] = {"force_a", "force_b", "alpha", "beta", "gamma",
                                              "dt"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int is_auto(const sc_node *n)
{
    const char *s = sc__node_scalar(n);
    return s && strcmp(s, "auto") == 0;
}

/* An optional number in [lo, hi]; leaves *out alone when the key is absent. */
static sc_status number(const sc_node *sec, const char *key, double lo, double hi, double *out,
                        sc_diag *diag)
{
    const sc_node *n = sc__node_get(sec, key);
    if (!n) {
        return SC_OK;
    }
    double v;
    sc_status rc = sc__node_number(n, &v, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (v < lo || v > hi) {
        return sc__node_error(n, diag, SC_ERANGE, "'%s' = %g is outside [%g, %g]", key, v, lo, hi);
    }
    *out = v;
    return SC_OK;
}

static sc_status integer(const sc_node *sec, const char *key, int lo, int hi, int *out,
                         sc_diag *diag)
{
    double v = *out;
    sc_status rc = number(sec, key, lo, hi, &v, diag);
    if (rc == SC_OK && v != floor(v)) {
        return sc__node_error(sc__node_get(sec, key), diag, SC_EPARSE, "'%s' must be an integer",
                              key);
    }
    *out = (int)v;
    return rc;
}

static sc_status prior(const sc_node *sec, const char *key, double out[2], sc_diag *diag)
{
    const sc_node *n = sc__node_get(sec, key);
    if (!n) {
        return SC_OK;
    }
    if (sc__node_kind_of(n) != SC_NODE_SEQ || sc__node_count(n) != 2) {
        return sc__node_error(n, diag, SC_EPARSE, "'%s' must be [a, b], a Beta prior", key);
    }
    for (size_t i = 0; i < 2; i++) {
        sc_status rc = sc__node_number(sc__node_at(n, i), &out[i], diag);
        if (rc != SC_OK) {
            return rc;
        }
        if (!(out[i] > 0)) {
            return sc__node_error(sc__node_at(n, i), diag, SC_ERANGE,
                                  "Beta parameters must be > 0");
        }
    }
    return SC_OK;
}

static sc_status actor(const sc_scenario *s, const sc_node *sec, const char *key, int required,
                       long *idx, const char **id, sc_diag *diag)
{
    const sc_node *n = sc__node_get(sec, key);
    *idx = -1;
    *id = NULL;
    if (!n) {
        return required ? sc__node_error(sec, diag, SC_EPARSE, "the war section needs '%s'", key)
                        : SC_OK;
    }
    const char *v = sc__node_scalar(n);
    *idx = v ? sc_scenario_actor_index(s, v) : -1;
    if (*idx < 0) {
        return sc__node_error(n, diag, SC_ENOTFOUND, "unknown actor '%s'", v ? v : "?");
    }
    *id = sc_scenario_actor(s, (size_t)*idx)->id;
    return SC_OK;
}

/* Military effort: spending if given, else capability (both only matter as ratios). */
static double effort(const sc_actor *a)
{
    return isnan(a->milex.value) ? a->capability.value : a->milex.value;
}

sc_status sc_war_params_from_scenario(const sc_scenario *s, sc_war_params *p, const char **a_id,
                                      const char **b_id, const char **mediator_id, sc_diag *diag)
{
    sc_war_params_init(p);
    const sc_node *sec = sc__scenario_section(s, "war");
    if (!sec) {
        return sc__diag_set(diag, SC_ENOTFOUND, "the scenario has no war section");
    }
    sc_status rc = sc__node_check_keys(sec, "the war section", war_keys, COUNT(war_keys), diag);
    long ia, ib, im;
    if (rc == SC_OK) {
        rc = actor(s, sec, "a", 1, &ia, a_id, diag);
    }
    if (rc == SC_OK) {
        rc = actor(s, sec, "b", 1, &ib, b_id, diag);
    }
    if (rc == SC_OK) {
        rc = actor(s, sec, "mediator", 0, &im, mediator_id, diag);
    }
    if (rc != SC_OK) {
        return rc;
    }
    if (ia == ib) {
        return sc__node_error(sc__node_get(sec, "b"), diag, SC_EINVAL,
                              "the belligerents must differ");
    }
    const sc_actor *A = sc_scenario_actor(s, (size_t)ia), *B = sc_scenario_actor(s, (size_t)ib);
    double shrink = 0.1, aid_b = 0, aid_cut_share = 0, cost_scale = 0.01, sanctions_burden = 0;
    if ((rc = integer(sec, "front", 2, 100000, &p->front, diag)) != SC_OK ||
        (rc = integer(sec, "start", 1, p->front - 1, &p->start, diag)) != SC_OK ||
        (rc = number(sec, "theta_shrink", 0, 1, &shrink, diag)) != SC_OK ||
        (rc = number(sec, "external_aid_b", 0, 1e6, &aid_b, diag)) != SC_OK ||
        (rc = number(sec, "aid_cut_share", 0, 1, &aid_cut_share, diag)) != SC_OK ||
        (rc = number(sec, "cost_scale", 0, 1, &cost_scale, diag)) != SC_OK ||
        (rc = number(sec, "sanctions_burden", 0, 1, &sanctions_burden, diag)) != SC_OK ||
        (rc = prior(sec, "prior_a", p->prior_a, diag)) != SC_OK ||
        (rc = prior(sec, "prior_b", p->prior_b, diag)) != SC_OK ||
        (rc = number(sec, "aid", -1, 1, &p->aid, diag)) != SC_OK ||
        (rc = number(sec, "aid_cut", -1, 1, &p->aid_cut, diag)) != SC_OK ||
        (rc = number(sec, "aid_cost", 0, 0.99, &p->aid_cost, diag)) != SC_OK ||
        (rc = number(sec, "pay_a", 0, 1, &p->pay_a, diag)) != SC_OK ||
        (rc = number(sec, "pay_b", 0, 1, &p->pay_b, diag)) != SC_OK ||
        (rc = number(sec, "power", 0, 1, &p->power, diag)) != SC_OK ||
        (rc = integer(sec, "horizon", 1, 10000000, &p->horizon, diag)) != SC_OK) {
        return rc;
    }
    double runs = (double)p->runs;
    if ((rc = number(sec, "runs", 1, 1e8, &runs, diag)) != SC_OK) {
        return rc;
    }
    p->runs = (size_t)runs;
    /* theta: a number, or auto from the contest of military efforts, shrunk toward 1/2 */
    const sc_node *th = sc__node_get(sec, "theta");
    if (th && !is_auto(th)) {
        if ((rc = number(sec, "theta", 0, 1, &p->theta, diag)) != SC_OK) {
            return rc;
        }
    } else {
        double ma = effort(A), mb = effort(B) + aid_b;
        p->theta = 0.5 + shrink * (ma / (ma + mb) - 0.5);
        /* the aid-cut lever: theta with the mediator's share of the aid withdrawn */
        double mb_cut = effort(B) + aid_b * (1 - aid_cut_share);
        p->aid_cut = 0.5 + shrink * (ma / (ma + mb_cut) - 0.5) - p->theta;
    }
    /* costs: numbers, or auto = military burden (spending / GDP) times cost_scale */
    const char *ck[2] = {"cost_a", "cost_b"};
    const sc_actor *who[2] = {A, B};
    double *cost[2] = {&p->cost_a, &p->cost_b};
    for (int i = 0; i < 2; i++) {
        const sc_node *c = sc__node_get(sec, ck[i]);
        if (c && !is_auto(c)) {
            if ((rc = number(sec, ck[i], 0, 0.99, cost[i], diag)) != SC_OK) {
                return rc;
            }
        } else if (c || !sc__node_get(sec, ck[i])) {
            const sc_actor *x = who[i];
            if (!isnan(x->milex.value) && !isnan(x->gdp.value) && x->gdp.value > 0) {
                *cost[i] = x->milex.value / x->gdp.value * cost_scale;
            } else if (c) {
                return sc__node_error(c, diag, SC_EINVAL,
                                      "'%s: auto' needs milex and gdp for actor '%s'", ck[i],
                                      x->id);
            }
        }
    }
    p->sanctions = sanctions_burden * cost_scale;
    const sc_node *rule = sc__node_get(sec, "rule");
    if (rule) {
        const char *r = sc__node_scalar(rule);
        if (!r || sc_war_rule_parse(r, &p->rule, NULL) != SC_OK) {
            return sc__node_error(rule, diag, SC_EPARSE,
                                  "'rule' must be midpoint, nash or mediator");
        }
    }
    /* the mediator's proposal: a number, or auto = its position on the scenario issue `issue` */
    const sc_node *mx = sc__node_get(sec, "mediator_x");
    if (mx && !is_auto(mx)) {
        if ((rc = number(sec, "mediator_x", 0, 1, &p->mediator_x, diag)) != SC_OK) {
            return rc;
        }
    } else if (mx) {
        const char *issue = sc__node_scalar(sc__node_get(sec, "issue"));
        long j = issue ? sc_scenario_issue_index(s, issue) : -1;
        if (j < 0 || im < 0) {
            return sc__node_error(mx, diag, SC_EINVAL,
                                  "'mediator_x: auto' needs 'mediator' and 'issue' naming a "
                                  "scenario issue");
        }
        const sc_stance *st = sc_scenario_stance(s, (size_t)im, (size_t)j);
        const sc_issue *is = sc_scenario_issue(s, (size_t)j);
        if (!st->present) {
            return sc__node_error(mx, diag, SC_EINVAL, "the mediator has no stance on '%s'", issue);
        }
        p->mediator_x = (st->position.value - is->scale_min) / (is->scale_max - is->scale_min);
    }
    const sc_node *rel = sc__node_get(sec, "relapse");
    if (rel) {
        if ((rc = sc__node_check_keys(rel, "relapse", relapse_keys, COUNT(relapse_keys), diag)) !=
                SC_OK ||
            (rc = number(rel, "hazard", 0, 1, &p->relapse_hazard, diag)) != SC_OK ||
            (rc = integer(rel, "periods", 0, 1000000, &p->post_periods, diag)) != SC_OK ||
            (rc = integer(rel, "inducement_periods", 0, 1000000, &p->inducement_periods, diag)) !=
                SC_OK) {
            return rc;
        }
    }
    const sc_node *la = sc__node_get(sec, "lanchester");
    if (la) {
        p->lanchester = 1;
        if ((rc = sc__node_check_keys(la, "lanchester", lanchester_keys, COUNT(lanchester_keys),
                                      diag)) != SC_OK ||
            (rc = number(la, "force_a", 1e-9, 1e12, &p->force_a, diag)) != SC_OK ||
            (rc = number(la, "force_b", 1e-9, 1e12, &p->force_b, diag)) != SC_OK ||
            (rc = number(la, "alpha", 1e-12, 1e6, &p->alpha, diag)) != SC_OK ||
            (rc = number(la, "beta", 1e-12, 1e6, &p->beta, diag)) != SC_OK ||
            (rc = number(la, "gamma", 1e-6, 100, &p->gamma, diag)) != SC_OK ||
            (rc = number(la, "dt", 1e-9, 1e6, &p->dt, diag)) != SC_OK) {
            return rc;
        }
        if (!(p->force_a > 0 && p->force_b > 0 && p->alpha > 0 && p->beta > 0)) {
            return sc__node_error(la, diag, SC_EINVAL,
                                  "lanchester needs force_a, force_b, alpha and beta");
        }
    }
    return sc_war_params_check(p, diag);
}
