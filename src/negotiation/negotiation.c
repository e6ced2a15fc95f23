/* SPDX-License-Identifier: MIT */
/*
 * The ceasefire negotiation as a game tree (docs/models/games.md, "The ceasefire negotiation"):
 * the mediator proposes terms, the guarantor may attach a guarantee at a cost, A and then B
 * accept or reject, and a rejection leaves the war going on. Every payoff comes from the war
 * model's own first-battle comparison (sc_war_opening_values), so the tree and the war
 * simulation agree on who accepts what. The tree is written as Gambit .efg text, read back by the
 * library's reader, and the equilibrium found by backward induction is checked on it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "negotiation/negotiation_internal.h"
#include "report/sections.h"
#include "scenario/node.h"
#include "scx/scx.h"
#include "statecraft/game.h"
#include "statecraft/war.h"
#include "war/war_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define TIE 1e-12 /* payoffs are printed to 1e-9: closer than this is equal */
#define MAX_GUARANTORS 8

/* What the `negotiation:` section sets (docs/scenario-format.md). */
typedef struct knobs {
    long guarantors[MAX_GUARANTORS];
    size_t n_guarantors;
    double guarantee_cost;
    double war_cost; /* < 0: the mediator's */
    int terms;
    double cost_spread;
} knobs;

static sc_status read_knobs(const sc_scenario *s, knobs *k, sc_diag *diag)
{
    static const char *const keys[] = {"guarantors", "guarantee_cost", "war_cost", "terms",
                                       "cost_spread"};
    memset(k, 0, sizeof *k);
    k->guarantee_cost = 0.01;
    k->war_cost = -1;
    k->terms = 11;
    k->cost_spread = 0.5;
    const sc_node *sec = sc__scenario_section(s, "negotiation");
    if (!sec) {
        return SC_OK;
    }
    sc_status rc = sc__node_check_keys(sec, "the negotiation section", keys, COUNT(keys), diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *g = sc__node_get(sec, "guarantors");
    if (g) {
        if (sc__node_kind_of(g) != SC_NODE_SEQ || sc__node_count(g) > MAX_GUARANTORS) {
            return sc__node_error(g, diag, SC_EPARSE, "'guarantors' must list up to %d actor ids",
                                  MAX_GUARANTORS);
        }
        for (size_t i = 0; i < sc__node_count(g); i++) {
            const char *id = sc__node_scalar(sc__node_at(g, i));
            long a = id ? sc_scenario_actor_index(s, id) : -1;
            if (a < 0) {
                return sc__node_unknown_actor(sc__node_at(g, i), s, id, " in 'guarantors'",
                                              diag);
            }
            k->guarantors[k->n_guarantors++] = a;
        }
    }
    struct {
        const char *key;
        double *v, lo, hi;
    } nums[] = {{"guarantee_cost", &k->guarantee_cost, 0, 1},
                {"war_cost", &k->war_cost, 0, 1},
                {"cost_spread", &k->cost_spread, 0, 0.95}};
    for (size_t i = 0; i < COUNT(nums); i++) {
        const sc_node *n = sc__node_get(sec, nums[i].key);
        if (!n) {
            continue;
        }
        if ((rc = sc__node_number(n, nums[i].v, diag)) != SC_OK) {
            return rc;
        }
        if (!(*nums[i].v >= nums[i].lo && *nums[i].v <= nums[i].hi)) {
            return sc__node_error(n, diag, SC_ERANGE, "'%s' must be in [%g, %g]", nums[i].key,
                                  nums[i].lo, nums[i].hi);
        }
    }
    const sc_node *t = sc__node_get(sec, "terms");
    if (t) {
        double v;
        if ((rc = sc__node_number(t, &v, diag)) != SC_OK) {
            return rc;
        }
        if (!(v >= 2 && v <= 40 && v == floor(v))) {
            return sc__node_error(t, diag, SC_ERANGE, "'terms' must be a whole number in [2, 40]");
        }
        k->terms = (int)v;
    }
    return SC_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The proposals: `n` evenly spaced terms over the span of every threshold and the mediator's
 * ideal, plus the thresholds themselves (rounded inward to the printed grid of 1e-6, so a
 * proposal at a threshold is accepted) and the ideal. */
static void make_grid(sc_ceasefire *c, int n)
{
    double v[SC_CEASEFIRE_MAX_TERMS];
    size_t m = 0;
    double lo = c->mediator_ideal, hi = c->mediator_ideal;
    for (size_t g = 0; g < 2; g++) {
        for (size_t t = 0; t < c->n_types; t++) {
            double a = ceil(c->lo[g][t] * 1e6) / 1e6, b = floor(c->hi[g][t] * 1e6) / 1e6;
            lo = fmin(lo, fmin(a, b));
            hi = fmax(hi, fmax(a, b));
            if (a >= 0 && a <= 1) {
                v[m++] = a;
            }
            if (b >= 0 && b <= 1) {
                v[m++] = b;
            }
        }
    }
    lo = fmax(0, lo);
    hi = fmin(1, hi);
    if (hi - lo < 0.01) {
        lo = fmax(0, lo - 0.05);
        hi = fmin(1, hi + 0.05);
    }
    v[m++] = round(c->mediator_ideal * 1e6) / 1e6;
    for (int i = 0; i < n; i++) {
        v[m++] = round((lo + (hi - lo) * i / (n - 1)) * 1e6) / 1e6;
    }
    qsort(v, m, sizeof *v, cmp_double);
    c->n_terms = 0;
    for (size_t i = 0; i < m; i++) {
        if (c->n_terms == 0 || v[i] - c->terms[c->n_terms - 1] > 5e-7) {
            c->terms[c->n_terms++] = v[i];
        }
    }
}

/* ---- payoffs ------------------------------------------------------------------------------- */

enum { P_MED, P_A, P_B, P_GUAR };

/* A payoff as the tree carries it: rounded to 1e-9 (the printed value), by printing it. */
static double r9_printed(double v)
{
    char buf[64];
    scx_snprintf_c(buf, sizeof buf, "%.9f", v);
    return scx_strtod_c(buf, NULL) + 0.0; /* + 0.0: never a negative zero ("-0.000000000") */
}

/*
 * The same number without printing it, where that is sure to give the same bits. "%.9f" prints
 * n = the integer nearest to the exact v 1e9, and reading it back gives the double nearest to
 * n / 1e9. For |y| < 2^52, y = v * 1e9 rounded, every half-integer near y is a double and rounding
 * is monotonic, so y lies on the same side of each half-integer as the exact product, or on one:
 * unless y is a half-integer (an exact tie such as v = 1/1024, or a product rounded onto one:
 * left to the printed rule, since which way printf breaks a tie is its own), round(y) is that
 * nearest integer n. n and 1e9 are exact doubles, so n / 1e9 is the double nearest to n / 1e9,
 * which is what strtod gives. The printed rule took about 2.5% of a Monte Carlo draw
 * (docs/models/war.md, "Speed").
 */
double sc__negotiation_r9(double v)
{
    double y = v * 1e9;
    if (fabs(y) < 0x1p52) {
        double n = round(y);
        if (fabs(y - n) != 0.5) {
            return n / 1e9 + 0.0;
        }
    }
    return r9_printed(v);
}

static double r9(double v)
{
    return sc__negotiation_r9(v);
}

static void war_payoffs(const sc_ceasefire *c, size_t ta, size_t tb, double u[4])
{
    u[P_MED] = r9(c->mediator_war);
    u[P_A] = r9(c->value_a[ta]);
    u[P_B] = r9(c->value_b[tb]);
    u[P_GUAR] = r9(c->guarantor_war);
}

/* A deal's payoffs at terms i and guarantee g, each player's from the types it depends on */
static double deal_med(const sc_ceasefire *c, size_t i, double payments)
{
    return r9(-fabs(c->terms[i] - c->mediator_ideal) - payments);
}

static double deal_a(const sc_ceasefire *c, size_t i, size_t g, size_t ta)
{
    return r9(c->value_a[ta] + (1 - c->fail[g]) * (c->terms[i] - c->lo[g][ta]));
}

static double deal_b(const sc_ceasefire *c, size_t i, size_t g, size_t tb)
{
    return r9(c->value_b[tb] + (1 - c->fail[g]) * (c->hi[g][tb] - c->terms[i]));
}

static double deal_guar(const sc_ceasefire *c, size_t i, size_t g)
{
    double F = c->fail[g];
    return r9((1 - F) * -fabs(c->terms[i] - c->guarantor_ideal) + F * c->guarantor_war -
              (g ? c->guarantee_cost : 0));
}

static void deal_payoffs(const sc_ceasefire *c, size_t i, size_t g, size_t ta, size_t tb,
                         double payments, double u[4])
{
    u[P_MED] = deal_med(c, i, payments);
    u[P_A] = deal_a(c, i, g, ta);
    u[P_B] = deal_b(c, i, g, tb);
    u[P_GUAR] = deal_guar(c, i, g);
}

/* ---- backward induction ---------------------------------------------------------------------- */

static void solve(sc_ceasefire *c, double payments)
{
    double pt = 1.0 / (double)c->n_types; /* each type's probability */
    double best = -HUGE_VAL;
    /* the payoffs rounded once each: a war's per pair of types, a deal's per terms and
     * guarantee, each player's part per the types it depends on (deal_payoffs' numbers) */
    double war[2][2][4];
    for (size_t ta = 0; ta < c->n_types; ta++) {
        for (size_t tb = 0; tb < c->n_types; tb++) {
            war_payoffs(c, ta, tb, war[ta][tb]);
        }
    }
    for (size_t i = 0; i < c->n_terms; i++) {
        double eu[2][4] = {{0}};
        double pd[2] = {0};
        double u_med = deal_med(c, i, payments);
        for (size_t g = 0; g < 2; g++) {
            double u_a[2], u_b[2], u_guar = deal_guar(c, i, g);
            for (size_t t = 0; t < c->n_types; t++) {
                u_a[t] = deal_a(c, i, g, t);
                u_b[t] = deal_b(c, i, g, t);
            }
            for (size_t ta = 0; ta < c->n_types; ta++) {
                for (size_t tb = 0; tb < c->n_types; tb++) {
                    const double *w = war[ta][tb];
                    double d[4];
                    d[P_MED] = u_med;
                    d[P_A] = u_a[ta];
                    d[P_B] = u_b[tb];
                    d[P_GUAR] = u_guar;
                    /* B moves last; A's deal payoff does not depend on B's type, so accepting
                     * is a best reply for A exactly when the deal is worth the war to it */
                    c->accept_b[i][g][tb] = d[P_B] >= w[P_B];
                    c->accept_a[i][g][ta] = d[P_A] >= w[P_A];
                    int deal = c->accept_a[i][g][ta] && c->accept_b[i][g][tb];
                    for (size_t p = 0; p < 4; p++) {
                        eu[g][p] += pt * pt * (deal ? d[p] : w[p]);
                    }
                    pd[g] += deal ? pt * pt : 0;
                }
            }
        }
        int g = eu[1][P_GUAR] > eu[0][P_GUAR] + TIE;
        c->guaranteed[i] = g;
        c->p_deal_at[i] = pd[g];
        double um = eu[g][P_MED];
        /* ties: the terms nearest the mediator's ideal (then the lower) */
        if (um > best + TIE ||
            (um > best - TIE && fabs(c->terms[i] - c->mediator_ideal) <
                                    fabs(c->terms[c->proposal] - c->mediator_ideal) - 1e-12)) {
            best = um > best ? um : best;
            c->proposal = i;
            c->p_deal = pd[g];
            memcpy(c->payoff, eu[g], sizeof c->payoff);
        }
    }
}

/* ---- the tree as .efg text ------------------------------------------------------------------- */

typedef struct writer {
    scx_buf *b;
    const sc_ceasefire *c;
    double payments;
    /* information set numbers per player, assigned at first appearance (Gambit's order) */
    int iset_e[SC_CEASEFIRE_MAX_TERMS];
    int iset_a[SC_CEASEFIRE_MAX_TERMS][2][2];
    int iset_b[SC_CEASEFIRE_MAX_TERMS][2][2];
    int n_iset[4];
    int war_outcome[2][2]; /* shared by every rejection with these types */
    int n_outcomes;
    size_t nodes;
} writer;

static int iset(writer *w, int *slot, int player)
{
    if (*slot == 0) {
        *slot = ++w->n_iset[player];
    }
    return *slot;
}

static void write_payoffs(writer *w, const double u[4])
{
    scx_buf_printf(w->b, "{ %.9f, %.9f, %.9f, %.9f }\n", u[0], u[1], u[2], u[3]);
}

static void write_war(writer *w, size_t ta, size_t tb)
{
    w->nodes++;
    int *o = &w->war_outcome[ta][tb];
    if (*o) {
        scx_buf_printf(w->b, "t \"\" %d\n", *o);
        return;
    }
    *o = ++w->n_outcomes;
    double u[4];
    war_payoffs(w->c, ta, tb, u);
    scx_buf_printf(w->b, "t \"\" %d \"war goes on\" ", *o);
    write_payoffs(w, u);
}

static const char *type_name(const sc_ceasefire *c, size_t t)
{
    return c->n_types == 1 ? "" : t ? " (high cost)" : " (low cost)";
}

static void write_subtree(writer *w, size_t ta, size_t tb)
{
    const sc_ceasefire *c = w->c;
    w->nodes++;
    scx_buf_printf(w->b, "p \"\" 1 1 \"%s proposes terms (%s's share)\" {", c->mediator, c->a);
    for (size_t i = 0; i < c->n_terms; i++) {
        scx_buf_printf(w->b, " \"%.6f\"", c->terms[i]);
    }
    scx_buf_puts(w->b, " } 0\n");
    for (size_t i = 0; i < c->n_terms; i++) {
        w->nodes++;
        int ie = iset(w, &w->iset_e[i], P_GUAR);
        scx_buf_printf(w->b, "p \"\" 4 %d \"guarantee for terms %.6f?\" { \"none\" \"troops\" } 0\n",
                       ie, c->terms[i]);
        for (size_t g = 0; g < 2; g++) {
            w->nodes++;
            int ia = iset(w, &w->iset_a[i][g][ta], P_A);
            scx_buf_printf(w->b, "p \"\" 2 %d \"%s%s: terms %.6f, %s\" { \"accept\" \"reject\" } 0\n",
                           ia, c->a, type_name(c, ta), c->terms[i], g ? "troops" : "no troops");
            w->nodes++;
            int ib = iset(w, &w->iset_b[i][g][tb], P_B);
            scx_buf_printf(w->b, "p \"\" 3 %d \"%s%s: terms %.6f, %s\" { \"accept\" \"reject\" } 0\n",
                           ib, c->b, type_name(c, tb), c->terms[i], g ? "troops" : "no troops");
            double u[4];
            deal_payoffs(c, i, g, ta, tb, w->payments, u);
            w->nodes++;
            scx_buf_printf(w->b, "t \"\" %d \"deal at %.6f%s\" ", ++w->n_outcomes, c->terms[i],
                           g ? " with troops" : "");
            write_payoffs(w, u);
            write_war(w, ta, tb); /* B rejects */
            write_war(w, ta, tb); /* A rejects */
        }
    }
}

static void write_tree(writer *w)
{
    const sc_ceasefire *c = w->c;
    scx_buf_printf(w->b,
                   "EFG 2 R \"Ceasefire negotiation: %s proposes, %s and %s accept or reject%s\" "
                   "{ \"%s\" \"%s\" \"%s\" \"%s\" }\n",
                   c->mediator, c->a, c->b, c->uncertain ? ", costs private" : "", c->mediator,
                   c->a, c->b, c->guarantor);
    scx_buf_puts(w->b, "\"Built by statecraft from the scenario (docs/models/games.md). Payoffs in "
                       "shares of the stakes; terms are A's share.\"\n\n");
    if (c->n_types == 1) {
        write_subtree(w, 0, 0);
        return;
    }
    w->nodes++;
    scx_buf_puts(w->b, "c \"\" 1 \"private costs\" {");
    for (size_t ta = 0; ta < 2; ta++) {
        for (size_t tb = 0; tb < 2; tb++) {
            scx_buf_printf(w->b, " \"%s %s, %s %s\" 1/4", c->a, ta ? "high" : "low", c->b,
                           tb ? "high" : "low");
        }
    }
    scx_buf_puts(w->b, " } 0\n");
    for (size_t ta = 0; ta < 2; ta++) {
        for (size_t tb = 0; tb < 2; tb++) {
            write_subtree(w, ta, tb);
        }
    }
}

/* The equilibrium as a behaviour profile of the tree (players' blocks in order, each player's
 * information sets in order of first appearance). */
static double *behaviour(const writer *w, size_t width)
{
    const sc_ceasefire *c = w->c;
    double *b = calloc(width ? width : 1, sizeof *b);
    if (!b) {
        return NULL;
    }
    size_t off_med = 0, off_a = c->n_terms, off_b = off_a + 2 * (size_t)w->n_iset[P_A];
    size_t off_g = off_b + 2 * (size_t)w->n_iset[P_B];
    b[off_med + c->proposal] = 1;
    for (size_t i = 0; i < c->n_terms; i++) {
        b[off_g + 2 * (size_t)(w->iset_e[i] - 1) + (size_t)c->guaranteed[i]] = 1;
        for (size_t g = 0; g < 2; g++) {
            for (size_t t = 0; t < c->n_types; t++) {
                b[off_a + 2 * (size_t)(w->iset_a[i][g][t] - 1) + !c->accept_a[i][g][t]] = 1;
                b[off_b + 2 * (size_t)(w->iset_b[i][g][t] - 1) + !c->accept_b[i][g][t]] = 1;
            }
        }
    }
    return b;
}

/*
 * A side's cost per battle as its low (high = 0) or high (high = 1) type: the mean cost c moved by
 * s times its distance to the nearer end of [0, 1), so both types stay costs the war model accepts
 * whatever c is. Below 1/2 that is (1 -/+ s) c, the rule as first written (same bits); above it,
 * 1 - (1 +/- s)(1 - c), its mirror image. The two meet at c = 1/2 and keep c as the types' mean.
 */
static double cost_type(double c, double s, int high)
{
    if (c <= 0.5) {
        return c * (high ? 1 + s : 1 - s);
    }
    return 1 - (1 - c) * (high ? 1 - s : 1 + s);
}

/* ---- from the scenario ----------------------------------------------------------------------- */

sc_status sc__negotiation_check(const sc_scenario *at, sc_diag *diag)
{
    knobs k;
    /* read where the section runs: with a war section (without one the report notes it) */
    return sc__scenario_section(at, "war") ? read_knobs(at, &k, diag) : SC_OK;
}

static void copy_id(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "?");
}

void sc_ceasefire_free(sc_ceasefire *c)
{
    if (c) {
        free(c->efg);
        free(c);
    }
}

sc_status sc_ceasefire_solve(const sc_scenario *s, int uncertain, sc_ceasefire **out,
                             sc_diag *diag)
{
    return sc__ceasefire_solve(s, uncertain, 1, out, diag);
}

sc_status sc__ceasefire_solve(const sc_scenario *s, int uncertain, int check, sc_ceasefire **out,
                              sc_diag *diag)
{
    *out = NULL;
    knobs k;
    sc_status rc = read_knobs(s, &k, diag);
    if (rc != SC_OK) {
        return rc;
    }
    sc_war_params p;
    const char *a_id = NULL, *b_id = NULL, *m_id = NULL;
    if (!sc__scenario_section(s, "war")) {
        return sc__diag_set(diag, SC_EINVAL, "the ceasefire negotiation needs a war section");
    }
    if ((rc = sc_war_params_from_scenario(s, &p, &a_id, &b_id, &m_id, diag)) != SC_OK) {
        return rc;
    }
    sc_ceasefire *c = calloc(1, sizeof *c);
    if (!c) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    c->uncertain = uncertain != 0;
    c->n_types = uncertain ? 2 : 1;
    copy_id(c->a, sizeof c->a, a_id);
    copy_id(c->b, sizeof c->b, b_id);
    copy_id(c->mediator, sizeof c->mediator, m_id);
    c->mediator_ideal = p.mediator.ideal;
    c->guarantee_cost = k.guarantee_cost;
    /* the guarantor: its preferred terms are its members' mean position on the stakes */
    if (k.n_guarantors == 0) {
        snprintf(c->guarantor, sizeof c->guarantor, "guarantor");
        c->guarantor_ideal = c->mediator_ideal;
    } else {
        size_t used = (size_t)snprintf(c->guarantor, sizeof c->guarantor, "Europe (");
        double sum = 0;
        for (size_t i = 0; i < k.n_guarantors; i++) {
            double x;
            if ((rc = sc__war_actor_terms(s, k.guarantors[i], &x, diag)) != SC_OK) {
                sc_ceasefire_free(c);
                return rc;
            }
            sum += x;
            const sc_actor *ac = sc_scenario_actor(s, (size_t)k.guarantors[i]);
            if (used < sizeof c->guarantor) {
                used += (size_t)snprintf(c->guarantor + used, sizeof c->guarantor - used, "%s%s",
                                         i ? " " : "", ac->id);
            }
        }
        if (used < sizeof c->guarantor) {
            snprintf(c->guarantor + used, sizeof c->guarantor - used, ")");
        }
        c->guarantor_ideal = sum / (double)k.n_guarantors;
    }
    /* the guarantee with and without the guarantor's force (the war section's guarantee lever) */
    c->guarantee[0] = p.mediator.guarantee;
    c->guarantee[1] = fmin(1, p.mediator.guarantee + p.levers.guarantee);
    /* the types: each side's cost per battle, low or high (without uncertainty: the mean) */
    double ca = p.cost_a, cb0 = fmax(0, p.cost_b - p.aid_cost);
    double cb_lo = p.screening ? p.cost_b_low + (p.cost_b_high - p.cost_b_low) / 4
                               : cost_type(cb0, k.cost_spread, 0);
    double cb_hi = p.screening ? p.cost_b_low + 3 * (p.cost_b_high - p.cost_b_low) / 4
                               : cost_type(cb0, k.cost_spread, 1);
    for (size_t t = 0; t < c->n_types; t++) {
        c->cost_a[t] = (uncertain ? cost_type(ca, k.cost_spread, (int)t) : ca) + p.sanctions;
        c->cost_b[t] = uncertain ? (t ? cb_hi : cb_lo) : (cb_lo + cb_hi) / 2;
    }
    for (size_t g = 0; g < 2; g++) {
        for (size_t t = 0; t < c->n_types; t++) {
            sc_war_params q = p;
            q.cost_a = c->cost_a[t] - p.sanctions;
            sc_war_opening oa, ob;
            if ((rc = sc_war_opening_values(&q, c->guarantee[g], c->cost_b[t], &oa, diag)) !=
                    SC_OK ||
                (rc = sc_war_opening_values(&p, c->guarantee[g], c->cost_b[t], &ob, diag)) !=
                    SC_OK) {
                sc_ceasefire_free(c);
                return rc;
            }
            c->lo[g][t] = oa.lo;
            c->value_a[t] = oa.value_a;
            c->hi[g][t] = ob.hi;
            c->value_b[t] = ob.value_b;
            c->fail[g] = ob.fail;
            c->mediator_war = ob.mediator_war;
            double war_cost = k.war_cost >= 0 ? k.war_cost : p.mediator.cost;
            c->guarantor_war = -fabs(ob.mediator_share - c->guarantor_ideal) -
                               war_cost * ob.mediator_duration;
        }
    }
    double payments = p.mediator.pay_a + p.mediator.pay_b;
    make_grid(c, k.terms);
    solve(c, payments);

    if (!check) {
        /* a Monte Carlo draw: the tree was checked at the point values (the plain report) */
        c->max_regret = (double)NAN;
        *out = c;
        return SC_OK;
    }
    /* the tree, read back by the library's reader, and the equilibrium checked on it */
    scx_buf b;
    scx_buf_init(&b);
    writer w;
    memset(&w, 0, sizeof w);
    w.b = &b;
    w.c = c;
    w.payments = payments;
    write_tree(&w);
    size_t len = 0;
    if ((rc = scx_buf_take(&b, &c->efg, &len, diag)) != SC_OK) {
        sc_ceasefire_free(c);
        return rc;
    }
    c->nodes = w.nodes;
    c->infosets = (size_t)(w.n_iset[P_A] + w.n_iset[P_B] + w.n_iset[P_GUAR]) + 1;
    sc_efg *e = NULL;
    if ((rc = sc_efg_read(c->efg, len, "ceasefire.efg", &e, diag)) != SC_OK) {
        sc_ceasefire_free(c);
        return rc;
    }
    size_t width = sc_efg_behaviour_width(e);
    double *beh = behaviour(&w, width);
    double regret[4] = {0};
    if (!beh) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
    } else {
        rc = sc_efg_regret(e, beh, regret, diag);
    }
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (size_t ta = 0; ta < c->n_types; ta++) {
        for (size_t tb = 0; tb < c->n_types; tb++) {
            double u[4];
            war_payoffs(c, ta, tb, u);
            for (size_t pl = 0; pl < 4; pl++) {
                lo = fmin(lo, u[pl]);
                hi = fmax(hi, u[pl]);
            }
            for (size_t i = 0; i < c->n_terms; i++) {
                for (size_t g = 0; g < 2; g++) {
                    deal_payoffs(c, i, g, ta, tb, payments, u);
                    for (size_t pl = 0; pl < 4; pl++) {
                        lo = fmin(lo, u[pl]);
                        hi = fmax(hi, u[pl]);
                    }
                }
            }
        }
    }
    double worst = 0;
    for (size_t pl = 0; pl < 4; pl++) {
        worst = fmax(worst, regret[pl]);
    }
    c->max_regret = hi > lo ? worst / (hi - lo) : worst;
    free(beh);
    sc_efg_free(e);
    if (rc != SC_OK) {
        sc_ceasefire_free(c);
        return rc;
    }
    *out = c;
    return SC_OK;
}
