/* SPDX-License-Identifier: MIT */
/*
 * The result-document section of the ceasefire negotiation for one state of the scenario
 * (docs/models/games.md, "The ceasefire negotiation"): the tree's thresholds, who accepts which
 * proposal, and the equilibrium, once with every move observed (subgame-perfect) and once with
 * each side's cost of fighting on private (sequential equilibrium).
 */
#include "report/sections.h"

#include <math.h>
#include <string.h>

#include "core/diag_internal.h"
#include "core/json_util.h"
#include "negotiation/negotiation_internal.h"
#include "scenario/node.h"
#include "statecraft/game.h"

static json_t *pair(double without, double with)
{
    json_t *o = json_object();
    sc__json_set_number(o, "without", without);
    sc__json_set_number(o, "with", with);
    return o;
}

static json_t *types_json(const sc_ceasefire *c, const double v[2])
{
    if (c->n_types == 1) {
        return sc__json_number(v[0]);
    }
    json_t *o = json_object();
    sc__json_set_number(o, "low_cost", v[0]);
    sc__json_set_number(o, "high_cost", v[1]);
    return o;
}

static json_t *answer_json(const sc_ceasefire *c)
{
    json_t *o = json_object();
    size_t i = c->proposal;
    int g = c->guaranteed[i];
    sc__json_set_number(o, "terms", c->terms[i]);
    json_object_set_new(o, "guarantee", json_boolean(g));
    sc__json_set_number(o, "p_deal", c->p_deal);
    json_object_set_new(o, "deal", json_boolean(c->p_deal > 0));
    double acc_a[2], acc_b[2];
    for (size_t t = 0; t < 2; t++) {
        acc_a[t] = c->accept_a[i][g][t];
        acc_b[t] = c->accept_b[i][g][t];
    }
    if (c->n_types == 1) {
        json_object_set_new(o, "a_accepts", json_boolean(acc_a[0] != 0));
        json_object_set_new(o, "b_accepts", json_boolean(acc_b[0] != 0));
    } else {
        json_t *a = json_object(), *b = json_object();
        json_object_set_new(a, "low_cost", json_boolean(acc_a[0] != 0));
        json_object_set_new(a, "high_cost", json_boolean(acc_a[1] != 0));
        json_object_set_new(b, "low_cost", json_boolean(acc_b[0] != 0));
        json_object_set_new(b, "high_cost", json_boolean(acc_b[1] != 0));
        json_object_set_new(o, "a_accepts", a);
        json_object_set_new(o, "b_accepts", b);
    }
    json_t *pay = json_object();
    sc__json_set_number(pay, c->mediator, c->payoff[0]);
    sc__json_set_number(pay, c->a, c->payoff[1]);
    sc__json_set_number(pay, c->b, c->payoff[2]);
    sc__json_set_number(pay, "guarantor", c->payoff[3]);
    json_object_set_new(o, "payoffs", pay);
    if (!isnan(c->max_regret)) {
        sc__json_set_number(o, "max_regret", c->max_regret);
    }
    /* the response to every proposal: who accepts what */
    json_t *props = json_array();
    for (size_t k = 0; k < c->n_terms; k++) {
        json_t *r = json_object();
        int gk = c->guaranteed[k];
        sc__json_set_number(r, "terms", c->terms[k]);
        json_object_set_new(r, "guarantee", json_boolean(gk));
        double ya = 0, yb = 0;
        for (size_t t = 0; t < c->n_types; t++) {
            ya += c->accept_a[k][gk][t] / (double)c->n_types;
            yb += c->accept_b[k][gk][t] / (double)c->n_types;
        }
        sc__json_set_number(r, "p_a_accepts", ya);
        sc__json_set_number(r, "p_b_accepts", yb);
        sc__json_set_number(r, "p_deal", c->p_deal_at[k]);
        json_array_append_new(props, r);
    }
    json_object_set_new(o, "proposals", props);
    if (c->efg) {
        json_t *size = json_object();
        json_object_set_new(size, "nodes", json_integer((json_int_t)c->nodes));
        json_object_set_new(size, "infosets", json_integer((json_int_t)c->infosets));
        json_object_set_new(o, "tree", size);
    }
    return o;
}

sc_status sc__negotiation_section(const sc__section_in *in, json_t *json, sc_diag *diag)
{
    if (!sc__scenario_section(in->at, "war")) {
        json_object_set_new(json, "note", json_string("the scenario has no war section"));
        return SC_OK;
    }
    sc_ceasefire *c = NULL, *u = NULL;
    /* a Monte Carlo draw skips the check of the exported tree (two thirds of the section's
     * time): the plain report checks it at the point values, and no answer reads it */
    int check = !in->opts->monte_carlo;
    sc_status rc = sc__ceasefire_solve(in->at, 0, check, &c, diag);
    if (rc == SC_OK) {
        rc = sc__ceasefire_solve(in->at, 1, check, &u, diag);
    }
    if (rc != SC_OK) {
        sc_ceasefire_free(c);
        return rc;
    }
    json_object_set_new(json, "a", json_string(c->a));
    json_object_set_new(json, "b", json_string(c->b));
    json_object_set_new(json, "mediator", json_string(c->mediator));
    json_object_set_new(json, "guarantor", json_string(c->guarantor));
    sc__json_set_number(json, "mediator_terms", c->mediator_ideal);
    sc__json_set_number(json, "guarantor_terms", c->guarantor_ideal);
    json_object_set_new(json, "guarantee", pair(c->guarantee[0], c->guarantee[1]));
    sc__json_set_number(json, "guarantee_cost", c->guarantee_cost);
    json_object_set_new(json, "fail", pair(c->fail[0], c->fail[1]));
    /* the bargaining range at the opening, at the mean costs */
    json_object_set_new(json, "a_least", pair(c->lo[0][0], c->lo[1][0]));
    json_object_set_new(json, "b_most", pair(c->hi[0][0], c->hi[1][0]));
    sc__json_set_number(json, "a_value", c->value_a[0]);
    sc__json_set_number(json, "b_value", c->value_b[0]);
    json_t *types = json_object();
    json_object_set_new(types, "cost_a", types_json(u, u->cost_a));
    json_object_set_new(types, "cost_b", types_json(u, u->cost_b));
    json_t *lo = json_object(), *hi = json_object();
    json_object_set_new(lo, "without", types_json(u, u->lo[0]));
    json_object_set_new(lo, "with", types_json(u, u->lo[1]));
    json_object_set_new(hi, "without", types_json(u, u->hi[0]));
    json_object_set_new(hi, "with", types_json(u, u->hi[1]));
    json_object_set_new(types, "a_least", lo);
    json_object_set_new(types, "b_most", hi);
    json_object_set_new(json, "types", types);
    json_object_set_new(json, "spe", answer_json(c));
    json_object_set_new(json, "sequential", answer_json(u));
    sc_ceasefire_free(c);
    sc_ceasefire_free(u);
    return SC_OK;
}

void sc__negotiation_answers(const json_t *content, json_t *out)
{
    const json_t *spe = json_object_get(content, "spe");
    const json_t *seq = json_object_get(content, "sequential");
    if (!spe || !seq) {
        return;
    }
    sc__answer_value(out, "deal (every move observed)",
                     json_incref(json_object_get(spe, "deal")));
    /* the terms matter only when they are taken: with no deal the mediator is indifferent */
    if (json_is_true(json_object_get(spe, "deal"))) {
        sc__answer_number(out, "terms of the deal (every move observed)",
                          json_number_value(json_object_get(spe, "terms")), 1e-6);
    } else {
        sc__answer_value(out, "terms of the deal (every move observed)", json_null());
    }
    sc__answer_value(out, "guarantee attached (every move observed)",
                     json_incref(json_object_get(spe, "guarantee")));
    sc__answer_number(out, "P(deal) with private costs",
                      json_number_value(json_object_get(seq, "p_deal")), 1e-9);
}
