/* SPDX-License-Identifier: MIT */
/*
 * The scenario's `war:` section (docs/models/war.md, "From a scenario"): belligerents, mediator
 * and every parameter of the simulation. Every number may be a quantity (value with sd, range or
 * triangular and a source), so that the claims Monte Carlo can draw it; the whole declared range
 * must lie in the number's domain, and a normal draw that falls outside it is clamped to it.
 */
#include "statecraft/war.h"

#include <math.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "war/war_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const war_keys[] = {
    "a", "b", "mediator", "issue", "issue_map", "front", "start", "theta", "theta_shrink",
    "contest_exponent", "external_aid_b", "discount_per_year", "battles_per_year", "beliefs",
    "prior_a", "prior_b", "cost_a", "cost_b", "cost_scale", "aid", "aid_cost", "sanctions_burden",
    "aid_cut_share", "aid_cut", "relief_burden", "relief_years", "relief_offer",
    "guarantee_step", "max_sanctions_burden", "max_aid_cut_share", "max_relief_years", "rule",
    "power", "mediator_x", "mediator_cost", "mediator_prior", "guarantee", "guarantees_issue",
    "threat_a_burden", "aid_threat_share", "credibility", "credibility_band", "pay_a", "pay_b",
    "commitment", "screening", "linked", "relapse", "lanchester", "horizon", "runs"};
static const char *const linked_keys[] = {"issues", "status_quo", "weight"};
static const char *const front_keys[] = {"stakes_km2", "held_km2", "step_km2"};
static const char *const prior_keys[] = {"mean", "strength"};
static const char *const commitment_keys[] = {"on",           "shift_per_year", "years",
                                              "effort_growth_a", "effort_growth_b", "aid_trend",
                                              "sanctions_erosion"};
static const char *const screening_keys[] = {"on", "cost_b_low", "cost_b_high"};
static const char *const relapse_keys[] = {"hazard",    "periods",      "inducement_periods",
                                           "agreement", "hr_agreement", "hr_peacekeepers"};
static const char *const lanchester_keys[] = {"force_a", "force_b", "alpha", "beta", "gamma",
                                              "dt"};
static const char *const map_keys[] = {"positions", "shares", "source"};

static int is_auto(const sc_node *n)
{
    const char *s = sc__node_scalar(n);
    return s && strcmp(s, "auto") == 0;
}

/* A number's domain: [lo, hi] with either end open. */
typedef struct domain {
    double lo, hi;
    int lo_open, hi_open;
} domain;

static int inside(double v, const domain *d)
{
    return (d->lo_open ? v > d->lo : v >= d->lo) && (d->hi_open ? v < d->hi : v <= d->hi);
}

static sc_status outside(const sc_node *at, const char *what, double v, const domain *d,
                         sc_diag *diag, const char *how)
{
    return sc__node_error(at, diag, SC_ERANGE, "'%s' %s%g leaves its domain %s%g, %g%s", what, how,
                         v, d->lo_open ? "(" : "[", d->lo, d->hi, d->hi_open ? ")" : "]");
}

/*
 * Reads a number or quantity at node n. Declared ranges and triangular ends must lie inside the
 * domain, as must the value +- 3 sd; a value drawn from an sd that falls outside is clamped.
 */
static sc_status quantity(const sc_node *n, const char *what, const domain *d, double *out,
                          sc_diag *diag)
{
    const sc_node *vnode = n;
    int has_sd = 0;
    double sd = 0;
    if (sc__node_kind_of(n) == SC_NODE_MAP) {
        /* `group` is read by the draws, not by the war */
        sc_status rc = sc__node_check_quantity_keys(n, what, diag);
        if (rc != SC_OK) {
            return rc;
        }
        vnode = sc__node_get(n, "value");
        if (!vnode) {
            return sc__node_error(n, diag, SC_EPARSE, "'%s': a quantity mapping needs 'value'",
                                 what);
        }
        const sc_node *s = sc__node_get(n, "sd");
        const sc_node *range = sc__node_get(n, "range");
        const sc_node *tri = sc__node_get(n, "triangular");
        if ((s != NULL) + (range != NULL) + (tri != NULL) > 1) {
            return sc__node_error(n, diag, SC_EPARSE,
                                 "'%s': give at most one of 'sd', 'range' and 'triangular'", what);
        }
        if (s) {
            if ((rc = sc__node_number(s, &sd, diag)) != SC_OK) {
                return rc;
            }
            if (!(sd >= 0)) {
                return sc__node_error(s, diag, SC_ERANGE, "'%s': 'sd' must be >= 0", what);
            }
            has_sd = 1;
        }
        const sc_node *lst = range ? range : tri;
        if (lst) {
            size_t want = range ? 2 : 3;
            if (sc__node_kind_of(lst) != SC_NODE_SEQ || sc__node_count(lst) != want) {
                return sc__node_error(lst, diag, SC_EPARSE, "'%s': '%s' must be a list of %zu "
                                     "numbers", what, range ? "range" : "triangular", want);
            }
            double prev = -HUGE_VAL;
            for (size_t i = 0; i < want; i++) {
                double v;
                if ((rc = sc__node_number(sc__node_at(lst, i), &v, diag)) != SC_OK) {
                    return rc;
                }
                if (!inside(v, d)) {
                    return outside(sc__node_at(lst, i), what, v, d, diag,
                                   range ? "range end " : "triangular point ");
                }
                if (v < prev) {
                    return sc__node_error(sc__node_at(lst, i), diag, SC_ERANGE,
                                         "'%s': the %s must be in increasing order", what,
                                         range ? "range" : "triangular points");
                }
                prev = v;
            }
        }
    }
    double v;
    sc_status rc = sc__node_number(vnode, &v, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (has_sd) {
        /* the declared spread: a normal whose mass leaves the domain is a modelling error */
        for (int side = -1; side <= 1; side += 2) {
            double edge = v + side * 3 * sd;
            if (sd > 0 && !inside(edge, d) && inside(v, d)) {
                return outside(n, what, edge, d, diag, "value +- 3 sd reaches ");
            }
        }
        if (!inside(v, d)) {
            /* a draw beyond 3 sd (or an sd of a value already outside): clamp to the domain */
            double span = d->hi - d->lo;
            double eps = 1e-9 * (isfinite(span) && span > 0 ? span : 1);
            if (v <= d->lo || (d->lo_open && v <= d->lo)) {
                v = d->lo_open ? d->lo + eps : d->lo;
            } else {
                v = d->hi_open ? d->hi - eps : d->hi;
            }
            if (!inside(v, d)) {
                return outside(vnode, what, v, d, diag, "");
            }
        }
    } else if (!inside(v, d)) {
        return outside(vnode, what, v, d, diag, "");
    }
    *out = v;
    return SC_OK;
}

/*
 * The least and greatest values the number at n (read by quantity(), value v) takes in the
 * claims Monte Carlo: the ends of its range or triangle, value +- 3 sd, and v itself. (In a
 * draw the section's sd reads 0: the drawn value is a point.)
 */
static void spread(const sc_node *n, double v, double *lo, double *hi)
{
    *lo = *hi = v;
    if (sc__node_kind_of(n) != SC_NODE_MAP) {
        return;
    }
    sc_diag ignored; /* quantity() has read every number already */
    sc_diag_init(&ignored);
    const sc_node *lst = sc__node_get(n, "range");
    lst = lst ? lst : sc__node_get(n, "triangular");
    const sc_node *sd = sc__node_get(n, "sd");
    double a = v, b = v, s = 0;
    if (lst) {
        sc__node_number(sc__node_at(lst, 0), &a, &ignored);
        sc__node_number(sc__node_at(lst, sc__node_count(lst) - 1), &b, &ignored);
    } else if (sd && sc__node_number(sd, &s, &ignored) == SC_OK && s > 0) {
        a = v - 3 * s;
        b = v + 3 * s;
    }
    *lo = a < v ? a : v;
    *hi = b > v ? b : v;
}

/*
 * The front in km2 gives round(stakes / step) positions with the line at round(held / step): at
 * least 2 and at most 100000 positions, the line strictly inside. Checked at the point values and
 * at every corner of the values the declared spreads allow, so that no draw of the claims Monte
 * Carlo meets a front the point values did not (stakes, held, step: the nodes and their values).
 */
static sc_status front_positions(const sc_node *fr, const sc_node *const nodes[3],
                                 const double v[3], int *n_out, int *k_out, sc_diag *diag)
{
    double n = round(v[0] / v[2]), k = round(v[1] / v[2]);
    if (!(n >= 2 && n <= 100000)) {
        return sc__node_error(fr, diag, SC_ERANGE,
                             "a front of %g positions (stakes / step) is not in [2, 100000]", n);
    }
    if (!(k >= 1 && k <= n - 1)) {
        return sc__node_error(nodes[1], diag, SC_ERANGE,
                             "the area held puts the line at %g of %g positions: it must lie "
                             "strictly inside the front", k, n);
    }
    *n_out = (int)n;
    *k_out = (int)k;
    double lo[3], hi[3];
    for (int i = 0; i < 3; i++) {
        spread(nodes[i], v[i], &lo[i], &hi[i]);
    }
    for (int c = 0; c < 8; c++) {
        double x[3];
        for (int i = 0; i < 3; i++) {
            x[i] = (c >> i) & 1 ? hi[i] : lo[i];
        }
        double cn = round(x[0] / x[2]), ck = round(x[1] / x[2]);
        if (cn >= 2 && cn <= 100000 && ck >= 1 && ck <= cn - 1) {
            continue;
        }
        /* blame the spread that reaches the corner, the step's first */
        const sc_node *at = fr;
        for (int i = 2; i >= 0; i--) {
            if (x[i] != v[i]) {
                const sc_node *r = sc__node_get(nodes[i], "range");
                r = r ? r : sc__node_get(nodes[i], "triangular");
                r = r ? r : sc__node_get(nodes[i], "sd");
                at = r ? r : nodes[i];
                break;
            }
        }
        return sc__node_error(at, diag, SC_ERANGE,
                             "the front's declared spreads reach stakes_km2 %g, held_km2 %g, "
                             "step_km2 %g: %g positions with the line at %g, where a front needs "
                             "2 to 100000 positions and the line strictly inside",
                             x[0], x[1], x[2], cn, ck);
    }
    return SC_OK;
}

/* An optional number; leaves *out alone when the key is absent. */
static sc_status number(const sc_node *sec, const char *key, domain d, double *out, sc_diag *diag)
{
    const sc_node *n = sc__node_get(sec, key);
    return n ? quantity(n, key, &d, out, diag) : SC_OK;
}

/* An optional integer; a quantity's draw is rounded, a plain non-integer is an error. */
static sc_status integer(const sc_node *sec, const char *key, int lo, int hi, int *out,
                         sc_diag *diag)
{
    const sc_node *n = sc__node_get(sec, key);
    if (!n) {
        return SC_OK;
    }
    double v;
    domain d = {lo - 0.5, hi + 0.5, 0, 1};
    sc_status rc = quantity(n, key, &d, &v, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (sc__node_kind_of(n) != SC_NODE_MAP && v != floor(v)) {
        return sc__node_error(n, diag, SC_EPARSE, "'%s' must be an integer", key);
    }
    long r = lround(v);
    *out = (int)(r < lo ? lo : r > hi ? hi : r);
    return SC_OK;
}

static sc_status flag(const sc_node *sec, const char *key, int *out, sc_diag *diag)
{
    const sc_node *n = sc__node_get(sec, key);
    if (!n) {
        return SC_OK;
    }
    const char *s = sc__node_scalar(n);
    if (s && strcmp(s, "true") == 0) {
        *out = 1;
    } else if (s && strcmp(s, "false") == 0) {
        *out = 0;
    } else {
        return sc__node_error(n, diag, SC_EPARSE, "'%s' must be true or false", key);
    }
    return SC_OK;
}

static const domain POSITIVE = {0, 1e9, 1, 0};
static const domain SHARE = {0, 1, 0, 0};
static const domain COST = {0, 1, 0, 1};
static const domain NONNEG = {0, 1e12, 0, 0};

/* A Beta belief: [a, b] (each a number or quantity) or {mean, strength}. */
static sc_status prior(const sc_node *sec, const char *key, double out[2], sc_diag *diag)
{
    const sc_node *n = sc__node_get(sec, key);
    if (!n) {
        return SC_OK;
    }
    sc_status rc;
    if (sc__node_kind_of(n) == SC_NODE_MAP) {
        if ((rc = sc__node_check_keys(n, key, prior_keys, COUNT(prior_keys), diag)) != SC_OK) {
            return rc;
        }
        const sc_node *m = sc__node_get(n, "mean"), *s = sc__node_get(n, "strength");
        if (!m || !s) {
            return sc__node_error(n, diag, SC_EPARSE, "'%s' needs 'mean' and 'strength'", key);
        }
        double mean, strength;
        domain open01 = {0, 1, 1, 1};
        if ((rc = quantity(m, "mean", &open01, &mean, diag)) != SC_OK ||
            (rc = quantity(s, "strength", &POSITIVE, &strength, diag)) != SC_OK) {
            return rc;
        }
        out[0] = mean * strength;
        out[1] = (1 - mean) * strength;
        return SC_OK;
    }
    if (sc__node_kind_of(n) != SC_NODE_SEQ || sc__node_count(n) != 2) {
        return sc__node_error(n, diag, SC_EPARSE,
                             "'%s' must be [a, b] or {mean, strength}, a Beta belief", key);
    }
    for (size_t i = 0; i < 2; i++) {
        const sc_node *x = sc__node_at(n, i);
        double v;
        rc = quantity(x, key, &(domain){-HUGE_VAL, HUGE_VAL, 0, 0}, &v, diag);
        if (rc != SC_OK) {
            return rc;
        }
        if (!(v > 0)) {
            return sc__node_error(x, diag, SC_ERANGE,
                                 "Beta parameters must be > 0 (got %g in '%s')", v, key);
        }
        if ((rc = quantity(x, key, &POSITIVE, &out[i], diag)) != SC_OK) {
            return rc;
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
        return sc__node_unknown_actor(n, s, v, " in the war section", diag);
    }
    *id = sc_scenario_actor(s, (size_t)*idx)->id;
    return SC_OK;
}

/* Military effort: spending if given, else capability (both only matter as ratios). */
static double effort(const sc_actor *a)
{
    return isnan(a->milex.value) ? a->capability.value : a->milex.value;
}

/* The mediator's stance on an issue as a share of the scale (through issue_map if given). */
static sc_status stance_share(const sc_scenario *s, const sc_node *sec, const sc_node *at,
                              long mediator, const char *issue_key, const char *what,
                              int mapped, double *out, sc_diag *diag)
{
    const char *issue = sc__node_scalar(sc__node_get(sec, issue_key));
    long j = issue ? sc_scenario_issue_index(s, issue) : -1;
    if (j < 0 || mediator < 0) {
        return sc__node_error(at, diag, SC_EINVAL,
                             "'%s: auto' needs 'mediator' and '%s' naming a scenario issue", what,
                             issue_key);
    }
    const sc_stance *st = sc_scenario_stance(s, (size_t)mediator, (size_t)j);
    const sc_issue *is = sc_scenario_issue(s, (size_t)j);
    if (!st->present) {
        return sc__node_error(at, diag, SC_EINVAL, "the mediator has no stance on '%s'", issue);
    }
    double pos = st->position.value;
    const sc_node *map = mapped ? sc__node_get(sec, "issue_map") : NULL;
    if (!map) {
        *out = (pos - is->scale_min) / (is->scale_max - is->scale_min);
        return SC_OK;
    }
    /* piecewise-linear map from issue positions to A's share of the stakes */
    sc_status rc = sc__node_check_keys(map, "issue_map", map_keys, COUNT(map_keys), diag);
    const sc_node *xs = sc__node_get(map, "positions"), *ys = sc__node_get(map, "shares");
    if (rc != SC_OK) {
        return rc;
    }
    size_t n = sc__node_count(xs);
    if (sc__node_kind_of(xs) != SC_NODE_SEQ || sc__node_kind_of(ys) != SC_NODE_SEQ || n < 2 ||
        sc__node_count(ys) != n || n > 64) {
        return sc__node_error(map, diag, SC_EPARSE,
                             "issue_map needs 'positions' and 'shares', two lists of 2-64 numbers "
                             "of the same length");
    }
    double x[64], y[64];
    for (size_t i = 0; i < n; i++) {
        domain dx = {is->scale_min, is->scale_max, 0, 0};
        if ((rc = quantity(sc__node_at(xs, i), "issue_map position", &dx, &x[i], diag)) !=
                SC_OK ||
            (rc = quantity(sc__node_at(ys, i), "issue_map share", &SHARE, &y[i], diag)) != SC_OK) {
            return rc;
        }
        if (i > 0 && !(x[i] > x[i - 1] && y[i] >= y[i - 1])) {
            return sc__node_error(sc__node_at(xs, i), diag, SC_ERANGE,
                                 "issue_map must increase (positions strictly, shares weakly)");
        }
    }
    if (pos <= x[0]) {
        *out = y[0];
    } else if (pos >= x[n - 1]) {
        *out = y[n - 1];
    } else {
        size_t i = 1;
        while (x[i] < pos) {
            i++;
        }
        *out = y[i - 1] + (y[i] - y[i - 1]) * (pos - x[i - 1]) / (x[i] - x[i - 1]);
    }
    return SC_OK;
}

/* What moving issue j from position `from` to `to` is worth to actor i, in shares of the stakes:
 * the change of its distance from its own position, over the scale, weighted by its salience on
 * j relative to its salience on the stakes issue (the numeraire). */
static double issue_gain(const sc_scenario *s, long i, long j, long stakes, double from, double to)
{
    const sc_stance *st = sc_scenario_stance(s, (size_t)i, (size_t)j);
    const sc_stance *num = sc_scenario_stance(s, (size_t)i, (size_t)stakes);
    const sc_issue *is = sc_scenario_issue(s, (size_t)j);
    if (!st->present || !num->present || !(num->salience.value > 0)) {
        return 0;
    }
    double ideal = st->position.value, range = is->scale_max - is->scale_min;
    return st->salience.value / num->salience.value * (fabs(from - ideal) - fabs(to - ideal)) /
           range;
}

static sc_status linked(const sc_scenario *s, const sc_node *sec, const sc_node *li, long ia,
                        long ib, long im, sc_war_params *p, sc_diag *diag)
{
    sc_status rc = sc__node_check_keys(li, "linked", linked_keys, COUNT(linked_keys), diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *issues = sc__node_get(li, "issues"), *sq = sc__node_get(li, "status_quo");
    if (sc__node_kind_of(issues) != SC_NODE_SEQ || sc__node_count(issues) == 0 || !sq) {
        return sc__node_error(li, diag, SC_EINVAL,
                              "linked stakes need 'issues' (a list) and 'status_quo' (each "
                              "issue's position while the war goes on)");
    }
    const char *stakes_id = sc__node_scalar(sc__node_get(sec, "issue"));
    long stakes = stakes_id ? sc_scenario_issue_index(s, stakes_id) : -1;
    if (stakes < 0 || im < 0) {
        return sc__node_error(li, diag, SC_EINVAL,
                              "linked stakes need 'mediator' and 'issue' (the stakes, the "
                              "numeraire of the linked issues)");
    }
    double w = 1;
    if ((rc = number(li, "weight", (domain){0, 10, 0, 0}, &w, diag)) != SC_OK) {
        return rc;
    }
    const char *gid = sc__node_scalar(sc__node_get(sec, "guarantees_issue"));
    for (size_t n = 0; n < sc__node_count(issues); n++) {
        const sc_node *in = sc__node_at(issues, n);
        const char *id = sc__node_scalar(in);
        long j = id ? sc_scenario_issue_index(s, id) : -1;
        if (j < 0 || j == stakes) {
            return sc__node_error(in, diag, SC_ENOTFOUND, "'%s' is not an issue of the scenario "
                                  "other than the stakes", id ? id : "?");
        }
        const sc_issue *is = sc_scenario_issue(s, (size_t)j);
        const sc_node *q = sc__node_get(sq, id);
        if (!q) {
            return sc__node_error(sq, diag, SC_EINVAL, "no status_quo position for '%s'", id);
        }
        double from;
        domain d = {is->scale_min, is->scale_max, 0, 0};
        if ((rc = quantity(q, id, &d, &from, diag)) != SC_OK) {
            return rc;
        }
        const sc_stance *ms = sc_scenario_stance(s, (size_t)im, (size_t)j);
        if (!ms->present) {
            return sc__node_error(in, diag, SC_EINVAL, "the mediator has no stance on '%s'", id);
        }
        if (gid && strcmp(gid, id) == 0) {
            /* the deal's position on the guarantees issue follows its guarantee G: the scale's
             * low end is troops on the line (G = 1), the high end none (G = 0) */
            double none = is->scale_max, full = is->scale_min;
            double a0 = issue_gain(s, ia, j, stakes, from, none);
            double a1 = issue_gain(s, ia, j, stakes, from, full);
            double b0 = issue_gain(s, ib, j, stakes, from, none);
            double b1 = issue_gain(s, ib, j, stakes, from, full);
            p->linked_a += w * a0;
            p->linked_b += w * b0;
            p->linked_guarantee_a += w * (a1 - a0);
            p->linked_guarantee_b += w * (b1 - b0);
        } else {
            double to = ms->position.value;
            p->linked_a += w * issue_gain(s, ia, j, stakes, from, to);
            p->linked_b += w * issue_gain(s, ib, j, stakes, from, to);
        }
    }
    return SC_OK;
}

/* PV of a per-battle flow c over `years` at the section's discount. */
static double flow_value(double c, double years, const sc_war_params *p)
{
    double n = years * p->battles_per_year;
    return p->discount < 1 ? c * -expm1(n * log(p->discount)) / (1 - p->discount) : c * n;
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
    /* the front: positions, or areas divided by the step one battle moves the line */
    const sc_node *fr = sc__node_get(sec, "front");
    if (sc__node_kind_of(fr) == SC_NODE_MAP && !sc__node_get(fr, "value")) {
        double stakes = 0, held = 0, step = 0;
        if ((rc = sc__node_check_keys(fr, "front", front_keys, COUNT(front_keys), diag)) != SC_OK) {
            return rc;
        }
        if (!sc__node_get(fr, "stakes_km2") || !sc__node_get(fr, "held_km2") ||
            !sc__node_get(fr, "step_km2")) {
            return sc__node_error(fr, diag, SC_EPARSE,
                                 "front needs stakes_km2, held_km2 and step_km2 (or a number)");
        }
        if ((rc = number(fr, "stakes_km2", POSITIVE, &stakes, diag)) != SC_OK ||
            (rc = number(fr, "held_km2", NONNEG, &held, diag)) != SC_OK ||
            (rc = number(fr, "step_km2", POSITIVE, &step, diag)) != SC_OK) {
            return rc;
        }
        const sc_node *const nodes[3] = {sc__node_get(fr, "stakes_km2"),
                                         sc__node_get(fr, "held_km2"),
                                         sc__node_get(fr, "step_km2")};
        const double v[3] = {stakes, held, step};
        if ((rc = front_positions(fr, nodes, v, &p->front, &p->start, diag)) != SC_OK) {
            return rc;
        }
    } else if ((rc = integer(sec, "front", 2, 100000, &p->front, diag)) != SC_OK ||
               (rc = integer(sec, "start", 1, p->front - 1, &p->start, diag)) != SC_OK) {
        return rc;
    }
    if (sc__node_get(sec, "start") && sc__node_kind_of(fr) == SC_NODE_MAP &&
        !sc__node_get(fr, "value")) {
        return sc__node_error(sc__node_get(sec, "start"), diag, SC_EPARSE,
                             "'start' comes from front.held_km2 when the front is given in km2");
    }
    if (!sc__node_get(sec, "start")) {
        p->start = p->start < p->front ? p->start : p->front / 2;
    }
    double shrink = 1, gamma_c = 0, aid_b = 0, cost_scale = 0.01, years_discount = 1;
    double sanctions_burden = 0, aid_cut_share = 0, relief_burden = 0, relief_years = 0;
    double relief_offer = 0, guarantee_step = 0, threat_a_burden = 0, aid_threat_share = 0;
    double max_sanctions = 0.1, max_aid_cut_share = 1, max_relief_years = 5;
    if ((rc = integer(sec, "battles_per_year", 1, 100000, &p->battles_per_year, diag)) != SC_OK ||
        (rc = number(sec, "discount_per_year", (domain){0, 1, 1, 0}, &years_discount, diag)) !=
            SC_OK ||
        (rc = number(sec, "theta_shrink", SHARE, &shrink, diag)) != SC_OK ||
        (rc = number(sec, "contest_exponent", (domain){0, 100, 0, 0}, &gamma_c, diag)) != SC_OK ||
        (rc = number(sec, "external_aid_b", NONNEG, &aid_b, diag)) != SC_OK ||
        (rc = number(sec, "cost_scale", SHARE, &cost_scale, diag)) != SC_OK ||
        (rc = number(sec, "sanctions_burden", SHARE, &sanctions_burden, diag)) != SC_OK ||
        (rc = number(sec, "aid_cut_share", SHARE, &aid_cut_share, diag)) != SC_OK ||
        (rc = number(sec, "relief_burden", SHARE, &relief_burden, diag)) != SC_OK ||
        (rc = number(sec, "relief_years", (domain){0, 100, 0, 0}, &relief_years, diag)) !=
            SC_OK ||
        (rc = number(sec, "relief_offer", SHARE, &relief_offer, diag)) != SC_OK ||
        (rc = number(sec, "guarantee_step", SHARE, &guarantee_step, diag)) != SC_OK ||
        (rc = number(sec, "threat_a_burden", SHARE, &threat_a_burden, diag)) != SC_OK ||
        (rc = number(sec, "aid_threat_share", SHARE, &aid_threat_share, diag)) != SC_OK ||
        (rc = number(sec, "max_sanctions_burden", SHARE, &max_sanctions, diag)) != SC_OK ||
        (rc = number(sec, "max_aid_cut_share", SHARE, &max_aid_cut_share, diag)) != SC_OK ||
        (rc = number(sec, "max_relief_years", (domain){0, 100, 0, 0}, &max_relief_years, diag)) !=
            SC_OK ||
        (rc = prior(sec, "prior_a", p->prior_a, diag)) != SC_OK ||
        (rc = prior(sec, "prior_b", p->prior_b, diag)) != SC_OK ||
        (rc = prior(sec, "mediator_prior", p->mediator.prior, diag)) != SC_OK ||
        (rc = number(sec, "aid", (domain){-20, 20, 0, 0}, &p->aid, diag)) != SC_OK ||
        (rc = number(sec, "aid_cut", (domain){-20, 20, 0, 0}, &p->levers.aid_cut, diag)) !=
            SC_OK ||
        (rc = number(sec, "aid_cost", COST, &p->aid_cost, diag)) != SC_OK ||
        (rc = number(sec, "pay_a", SHARE, &p->mediator.pay_a, diag)) != SC_OK ||
        (rc = number(sec, "pay_b", SHARE, &p->mediator.pay_b, diag)) != SC_OK ||
        (rc = number(sec, "power", SHARE, &p->power, diag)) != SC_OK ||
        (rc = number(sec, "mediator_cost", COST, &p->mediator.cost, diag)) != SC_OK ||
        (rc = number(sec, "credibility_band", SHARE, &p->mediator.credibility_band, diag)) !=
            SC_OK ||
        (rc = integer(sec, "horizon", 1, 100000, &p->horizon, diag)) != SC_OK) {
        return rc;
    }
    p->discount = years_discount >= 1 ? 1 : pow(years_discount, 1.0 / p->battles_per_year);
    if (p->discount > 0.9999 && p->discount < 1) {
        return sc__node_error(sc__node_get(sec, "discount_per_year"), diag, SC_ERANGE,
                             "'discount_per_year' = %g gives %.7f per battle: use 1 (no "
                             "discounting) or at most 0.9999 per battle", years_discount,
                             p->discount);
    }
    double runs = (double)p->runs;
    if ((rc = number(sec, "runs", (domain){1, 1e8, 0, 0}, &runs, diag)) != SC_OK) {
        return rc;
    }
    p->runs = (size_t)runs;
    const sc_node *bel = sc__node_get(sec, "beliefs");
    if (bel && (!sc__node_scalar(bel) ||
                sc_war_beliefs_parse(sc__node_scalar(bel), &p->beliefs, NULL) != SC_OK)) {
        return sc__node_error(bel, diag, SC_EPARSE, "'beliefs' must be predictive or plug-in");
    }
    /* the balance: a number, or the contest of military efforts (B's includes external aid) */
    double ma = effort(A), mb = effort(B);
    if (!(ma > 0 && mb + aid_b > 0)) {
        return sc__node_error(sec, diag, SC_EINVAL, "the belligerents need positive military "
                             "spending or capability for the war model");
    }
    const sc_node *th = sc__node_get(sec, "theta");
    int theta_auto = !th || is_auto(th);
    if (!theta_auto) {
        if ((rc = number(sec, "theta", (domain){0, 1, 1, 1}, &p->theta, diag)) != SC_OK) {
            return rc;
        }
    } else {
        if (!sc__node_get(sec, "contest_exponent")) {
            gamma_c = 1; /* Tullock's ratio form */
        }
        p->theta = sc__war_logistic(shrink * gamma_c * (log(ma) - log(mb + aid_b)));
    }
    /* how a share s of B's external aid moves the balance, on the logit scale */
    double scale_logit = shrink * (theta_auto ? gamma_c : 1);
    double cut_logit = 0, threat_logit = 0;
    if (aid_b > 0) {
        cut_logit = scale_logit * (log(mb + aid_b) - log(mb + aid_b * (1 - aid_cut_share)));
        threat_logit =
            scale_logit * (log(mb + aid_b) - log(mb + aid_b * (1 - aid_threat_share)));
    }
    if (!sc__node_get(sec, "aid_cut")) {
        p->levers.aid_cut = cut_logit;
    }
    if (aid_b > 0 && max_aid_cut_share < 1) {
        p->levers.max_aid_cut =
            scale_logit * (log(mb + aid_b) - log(mb + aid_b * (1 - max_aid_cut_share)));
    } else if (aid_b > 0) {
        p->levers.max_aid_cut = scale_logit * (log(mb + aid_b) - log(mb));
    }
    p->mediator.threat_b = threat_logit;
    /* costs: numbers, or auto = military burden (spending / GDP) times cost_scale */
    const char *ck[2] = {"cost_a", "cost_b"};
    const sc_actor *who[2] = {A, B};
    double *cost[2] = {&p->cost_a, &p->cost_b};
    for (int i = 0; i < 2; i++) {
        const sc_node *c = sc__node_get(sec, ck[i]);
        if (c && !is_auto(c)) {
            if ((rc = number(sec, ck[i], COST, cost[i], diag)) != SC_OK) {
                return rc;
            }
        } else {
            const sc_actor *x = who[i];
            if (!isnan(x->milex.value) && !isnan(x->gdp.value) && x->gdp.value > 0) {
                *cost[i] = x->milex.value / x->gdp.value * cost_scale;
            } else if (c) {
                return sc__node_error(c, diag, SC_EINVAL,
                                     "'%s: auto' needs milex and gdp for actor '%s'", ck[i], x->id);
            }
        }
        if (!(*cost[i] < 1)) {
            return sc__node_error(c ? c : sec, diag, SC_ERANGE,
                                 "'%s' = %g per battle: a cost must be below 1 (the stakes)",
                                 ck[i], *cost[i]);
        }
    }
    /* levers and the mediator's package */
    p->levers.sanctions = sanctions_burden * cost_scale;
    p->levers.max_sanctions = max_sanctions * cost_scale;
    double relief = flow_value(relief_burden * cost_scale, relief_years, p);
    p->levers.relief = relief > 1 ? 1 : relief;
    double max_relief = flow_value(relief_burden * cost_scale, max_relief_years, p);
    p->levers.max_relief = max_relief > 1 ? 1 : max_relief;
    p->mediator.relief = relief_offer * p->levers.relief;
    p->levers.guarantee = guarantee_step;
    p->mediator.threat_a = threat_a_burden * cost_scale;
    const sc_node *rule = sc__node_get(sec, "rule");
    if (rule) {
        const char *r = sc__node_scalar(rule);
        if (!r || sc_war_rule_parse(r, &p->rule, NULL) != SC_OK) {
            return sc__node_error(rule, diag, SC_EPARSE,
                                 "'rule' must be midpoint, nash or mediator");
        }
    }
    const sc_node *mx = sc__node_get(sec, "mediator_x");
    if (mx && !is_auto(mx)) {
        if ((rc = number(sec, "mediator_x", SHARE, &p->mediator.ideal, diag)) != SC_OK) {
            return rc;
        }
    } else if (mx && (rc = stance_share(s, sec, mx, im, "issue", "mediator_x", 1,
                                        &p->mediator.ideal, diag)) != SC_OK) {
        return rc;
    }
    const sc_node *gu = sc__node_get(sec, "guarantee");
    if (gu && !is_auto(gu)) {
        if ((rc = number(sec, "guarantee", SHARE, &p->mediator.guarantee, diag)) != SC_OK) {
            return rc;
        }
    } else if (gu) {
        /* the scale runs from troops on the line (low) to no guarantee at all (high) */
        double share;
        if ((rc = stance_share(s, sec, gu, im, "guarantees_issue", "guarantee", 0, &share,
                               diag)) != SC_OK) {
            return rc;
        }
        p->mediator.guarantee = 1 - share;
    }
    const sc_node *cr = sc__node_get(sec, "credibility");
    if (cr && !is_auto(cr)) {
        double c;
        if ((rc = number(sec, "credibility", SHARE, &c, diag)) != SC_OK) {
            return rc;
        }
        p->mediator.credibility_a = p->mediator.credibility_b = c;
    }
    if (p->rule == SC_WAR_MEDIATOR && im < 0) {
        return sc__node_error(rule, diag, SC_EINVAL, "'rule: mediator' needs a 'mediator'");
    }
    /* mechanisms: the commitment problem */
    const sc_node *cm = sc__node_get(sec, "commitment");
    if (cm) {
        if ((rc = sc__node_check_keys(cm, "commitment", commitment_keys, COUNT(commitment_keys),
                                     diag)) != SC_OK) {
            return rc;
        }
        p->commitment = 1;
        if ((rc = flag(cm, "on", &p->commitment, diag)) != SC_OK ||
            (rc = number(cm, "years", (domain){0, 100, 1, 0}, &p->shift_years, diag)) != SC_OK) {
            return rc;
        }
        int components = sc__node_get(cm, "effort_growth_a") || sc__node_get(cm, "effort_growth_b") ||
                         sc__node_get(cm, "aid_trend") || sc__node_get(cm, "sanctions_erosion");
        if (sc__node_get(cm, "shift_per_year")) {
            if (components) {
                return sc__node_error(cm, diag, SC_EPARSE,
                                     "give either shift_per_year or its components "
                                     "(effort_growth_a, effort_growth_b, aid_trend, "
                                     "sanctions_erosion), not both");
            }
            if ((rc = number(cm, "shift_per_year", (domain){-20, 20, 0, 0}, &p->shift_per_year,
                             diag)) != SC_OK) {
                return rc;
            }
        } else if (components) {
            double ga = 0, gb = 0, trend = 0, erosion = 0;
            domain rate = {-1, 10, 1, 0};
            if ((rc = number(cm, "effort_growth_a", rate, &ga, diag)) != SC_OK ||
                (rc = number(cm, "effort_growth_b", rate, &gb, diag)) != SC_OK ||
                (rc = number(cm, "aid_trend", rate, &trend, diag)) != SC_OK ||
                (rc = number(cm, "sanctions_erosion", (domain){0, 1, 0, 1}, &erosion, diag)) !=
                    SC_OK) {
                return rc;
            }
            /* d/dt of the contest's logit: growth of A's effort (net of sanctions) minus growth
             * of B's effort with its aid, all as log rates per year */
            double ra = log1p(ga) + log1p(-erosion);
            double rb = log((mb * (1 + gb) + aid_b * (1 + trend)) / (mb + aid_b));
            p->shift_per_year = scale_logit * (ra - rb);
        }
        if (p->commitment && (!sc__node_get(cm, "years") || p->shift_per_year == 0)) {
            return sc__node_error(cm, diag, SC_EINVAL,
                                 "the commitment mechanism is on but has no shift of power: give "
                                 "'years' and 'shift_per_year' (or its components), non-zero");
        }
    }
    /* mechanisms: private information about B's resolve, screened by A's offers */
    const sc_node *sc = sc__node_get(sec, "screening");
    if (sc) {
        if ((rc = sc__node_check_keys(sc, "screening", screening_keys, COUNT(screening_keys),
                                     diag)) != SC_OK) {
            return rc;
        }
        p->screening = 1;
        if ((rc = flag(sc, "on", &p->screening, diag)) != SC_OK) {
            return rc;
        }
        if (p->screening && (!sc__node_get(sc, "cost_b_low") || !sc__node_get(sc, "cost_b_high"))) {
            return sc__node_error(sc, diag, SC_EINVAL,
                                 "screening is on but B's private cost range is missing: give "
                                 "cost_b_low and cost_b_high (per battle)");
        }
        if ((rc = number(sc, "cost_b_low", COST, &p->cost_b_low, diag)) != SC_OK ||
            (rc = number(sc, "cost_b_high", COST, &p->cost_b_high, diag)) != SC_OK) {
            return rc;
        }
        if (p->screening && !(p->cost_b_high > p->cost_b_low)) {
            return sc__node_error(sc__node_get(sc, "cost_b_high"), diag, SC_ERANGE,
                                 "cost_b_high must exceed cost_b_low");
        }
    }
    /* issue-linked stakes: a deal also settles these issues, at the mediator's positions (the
     * guarantees issue at the deal's guarantee), against their status quo while the war goes on */
    const sc_node *li = sc__node_get(sec, "linked");
    if (li) {
        if ((rc = linked(s, sec, li, ia, ib, im, p, diag)) != SC_OK) {
            return rc;
        }
    }
    const sc_node *rel = sc__node_get(sec, "relapse");
    if (rel) {
        if ((rc = sc__node_check_keys(rel, "relapse", relapse_keys, COUNT(relapse_keys), diag)) !=
            SC_OK) {
            return rc;
        }
        const sc_node *h = sc__node_get(rel, "hazard");
        if (h && is_auto(h)) {
            p->relapse_hazard = SC_WAR_BASE_HAZARD;
        } else if ((rc = number(rel, "hazard", (domain){0, 1, 0, 1}, &p->relapse_hazard, diag)) !=
                   SC_OK) {
            return rc;
        }
        const sc_node *hra = sc__node_get(rel, "hr_agreement");
        const sc_node *hrp = sc__node_get(rel, "hr_peacekeepers");
        if ((rc = integer(rel, "periods", 0, 1000000, &p->post_periods, diag)) != SC_OK ||
            (rc = integer(rel, "inducement_periods", 0, 1000000, &p->inducement_periods, diag)) !=
                SC_OK ||
            (rc = number(rel, "agreement", SHARE, &p->agreement, diag)) != SC_OK ||
            (hra && !is_auto(hra) &&
             (rc = number(rel, "hr_agreement", (domain){0, 100, 1, 0}, &p->hr_agreement, diag)) !=
                 SC_OK) ||
            (hrp && !is_auto(hrp) && (rc = number(rel, "hr_peacekeepers", (domain){0, 100, 1, 0},
                                                  &p->hr_peacekeepers, diag)) != SC_OK)) {
            return rc;
        }
    }
    const sc_node *la = sc__node_get(sec, "lanchester");
    if (la) {
        p->lanchester = 1;
        domain pos = {0, 1e12, 1, 0};
        if ((rc = sc__node_check_keys(la, "lanchester", lanchester_keys, COUNT(lanchester_keys),
                                     diag)) != SC_OK) {
            return rc;
        }
        if (!sc__node_get(la, "force_a") || !sc__node_get(la, "force_b") ||
            !sc__node_get(la, "alpha") || !sc__node_get(la, "beta")) {
            return sc__node_error(la, diag, SC_EINVAL,
                                 "lanchester needs force_a, force_b, alpha and beta");
        }
        if ((rc = number(la, "force_a", pos, &p->force_a, diag)) != SC_OK ||
            (rc = number(la, "force_b", pos, &p->force_b, diag)) != SC_OK ||
            (rc = number(la, "alpha", pos, &p->alpha, diag)) != SC_OK ||
            (rc = number(la, "beta", pos, &p->beta, diag)) != SC_OK ||
            (rc = number(la, "gamma", (domain){0, 100, 1, 0}, &p->gamma, diag)) != SC_OK ||
            (rc = number(la, "dt", pos, &p->dt, diag)) != SC_OK) {
            return rc;
        }
    }
    return sc_war_params_check(p, diag);
}

sc_status sc__war_actor_terms(const sc_scenario *s, long actor, double *out, sc_diag *diag)
{
    const sc_node *sec = sc__scenario_section(s, "war");
    if (!sec) {
        return sc__diag_set(diag, SC_EINVAL, "the scenario has no war section");
    }
    const char *issue = sc__node_scalar(sc__node_get(sec, "issue"));
    long j = issue ? sc_scenario_issue_index(s, issue) : -1;
    if (actor < 0 || j < 0 || !sc_scenario_stance(s, (size_t)actor, (size_t)j)->present) {
        return sc__node_error(sec, diag, SC_EINVAL,
                             "the actor has no stance on the war's 'issue' (the stakes)");
    }
    return stance_share(s, sec, sec, actor, "issue", "terms", 1, out, diag);
}
