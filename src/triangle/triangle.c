/* SPDX-License-Identifier: MIT */
/*
 * The strategic triangle: configuration and roles from the signs of three dyads (Dittmer), the
 * role ranking of Wu (1996) through the integer score S_i = s_ij + s_ik - s_jk (tie broken by the
 * number of the actor's own amities), graded payoffs and role-flip distances.
 */
#include "statecraft/triangle.h"

#include <math.h>

#include "core/diag_internal.h"

void sc_triangle_params_init(sc_triangle_params *p)
{
    p->tau = 0.1;
}

const char *sc_triangle_config_name(sc_triangle_config c)
{
    switch (c) {
    case SC_TRIANGLE_MENAGE: return "menage_a_trois";
    case SC_TRIANGLE_ROMANTIC: return "romantic_triangle";
    case SC_TRIANGLE_MARRIAGE: return "stable_marriage";
    case SC_TRIANGLE_UNIT_VETO: return "unit_veto";
    case SC_TRIANGLE_INDETERMINATE: return "indeterminate";
    }
    return "?";
}

const char *sc_triangle_role_name(sc_triangle_role r)
{
    switch (r) {
    case SC_ROLE_NONE: return "none";
    case SC_ROLE_PIVOT: return "pivot";
    case SC_ROLE_FRIEND: return "friend";
    case SC_ROLE_PARTNER: return "partner";
    case SC_ROLE_WING: return "wing";
    case SC_ROLE_FOE: return "foe";
    case SC_ROLE_OUTCAST: return "outcast";
    }
    return "?";
}

/* Dyads of actor i: its two dyads and the opposite one (AB=0, BC=1, CA=2). */
static void dyads_of(int i, int *own1, int *own2, int *opposite)
{
    *own1 = i;           /* i-(i+1) */
    *own2 = (i + 2) % 3; /* (i+2)-i */
    *opposite = (i + 1) % 3;
}

/* Every amity finite and in [-1, 1]. */
static sc_status check_amities(const double amity[3], sc_diag *diag)
{
    for (int d = 0; d < 3; d++) {
        if (!isfinite(amity[d]) || amity[d] < -1 || amity[d] > 1) {
            return sc__diag_set(diag, SC_EINVAL, "amity %d of the triangle is %g, not in [-1, 1]",
                                d, amity[d]);
        }
    }
    return SC_OK;
}

sc_status sc_triangle_classify(const double amity[3], const sc_triangle_params *params,
                               sc_triangle *out, sc_diag *diag)
{
    sc_triangle_params def;
    if (!params) {
        sc_triangle_params_init(&def);
        params = &def;
    }
    sc_status rc = check_amities(amity, diag);
    if (rc != SC_OK) {
        return rc;
    }
    int sign[3];
    int npos = 0, neutral = 0;
    for (int d = 0; d < 3; d++) {
        out->amity[d] = amity[d];
        /* strict comparison: |a| == tau is neutral */
        out->neutral[d] = fabs(amity[d]) <= params->tau;
        neutral |= out->neutral[d];
        sign[d] = amity[d] > 0 ? 1 : -1;
        npos += amity[d] > 0;
    }
    out->pivot = -1;
    out->leverage = 0;
    out->balanced = sign[0] * sign[1] * sign[2] > 0;
    for (int i = 0; i < 3; i++) {
        int a, b, o;
        dyads_of(i, &a, &b, &o);
        out->payoff[i] = amity[a] + amity[b] - amity[o];
    }
    if (neutral) {
        out->config = SC_TRIANGLE_INDETERMINATE;
        out->balanced = 0;
        for (int i = 0; i < 3; i++) {
            out->role[i] = SC_ROLE_NONE;
            out->score[i] = 0;
            out->rank[i] = 0;
        }
        return SC_OK;
    }
    out->config = npos == 3   ? SC_TRIANGLE_MENAGE
                  : npos == 2 ? SC_TRIANGLE_ROMANTIC
                  : npos == 1 ? SC_TRIANGLE_MARRIAGE
                              : SC_TRIANGLE_UNIT_VETO;
    for (int i = 0; i < 3; i++) {
        int a, b, o;
        dyads_of(i, &a, &b, &o);
        int own = (sign[a] > 0) + (sign[b] > 0);
        out->score[i] = sign[a] + sign[b] - sign[o];
        /* Wu's rank: score descending, then own amities descending (triangle.md §3). */
        switch (out->score[i]) {
        case 3: out->role[i] = SC_ROLE_PIVOT; break;
        case 1: out->role[i] = own == 2 ? SC_ROLE_FRIEND : SC_ROLE_PARTNER; break;
        case -1: out->role[i] = own == 1 ? SC_ROLE_WING : SC_ROLE_FOE; break;
        default: out->role[i] = SC_ROLE_OUTCAST; break;
        }
        out->rank[i] = (int)out->role[i];
        if (out->role[i] == SC_ROLE_PIVOT) {
            out->pivot = i;
            out->leverage = fmin(amity[a], amity[b]) * fabs(amity[o]);
        }
    }
    return SC_OK;
}

/* Amity needed to put dyad d on the other side of the dead-band, and the result. */
static sc_status flip_dyad(const double amity[3], int actor, int d,
                           const sc_triangle_params *params, double margin, sc_triangle_flip *f)
{
    double target = amity[d] > 0 ? -(params->tau + margin) : params->tau + margin;
    if (fabs(amity[d]) <= params->tau) {
        /* a neutral dyad can leave the band either way: take the nearer edge */
        double up = params->tau + margin - amity[d], down = amity[d] + params->tau + margin;
        target = up <= down ? params->tau + margin : -(params->tau + margin);
    }
    if (target > 1) {
        target = 1;
    }
    if (target < -1) {
        target = -1;
    }
    double a2[3] = {amity[0], amity[1], amity[2]};
    a2[d] = target;
    sc_triangle t;
    sc_status rc = sc_triangle_classify(a2, params, &t, NULL);
    if (rc != SC_OK) {
        return rc;
    }
    f->dyad = d;
    f->from = amity[d];
    f->to = target;
    f->delta = target - amity[d];
    f->new_role = t.role[actor];
    f->new_config = t.config;
    return SC_OK;
}

/* The checks every role question shares: an actor 0..2 and a margin that keeps tau + margin < 1. */
static sc_status check_question(const double amity[3], int actor, const sc_triangle_params *params,
                                double margin, sc_diag *diag)
{
    if (actor < 0 || actor > 2) {
        return sc__diag_set(diag, SC_EINVAL, "actor %d of a triangle must be 0, 1 or 2", actor);
    }
    if (!(margin >= 0) || params->tau + margin >= 1) {
        return sc__diag_set(diag, SC_EINVAL,
                            "margin %g must be >= 0 with tau + margin < 1 (tau %g)", margin,
                            params->tau);
    }
    return check_amities(amity, diag);
}

sc_status sc_triangle_role_flips(const double amity[3], int actor, const sc_triangle_params *params,
                                 double margin, sc_triangle_flip flips[3], sc_diag *diag)
{
    sc_triangle_params def;
    if (!params) {
        sc_triangle_params_init(&def);
        params = &def;
    }
    sc_status rc0 = check_question(amity, actor, params, margin, diag);
    if (rc0 != SC_OK) {
        return rc0;
    }
    for (int d = 0; d < 3; d++) {
        sc_status rc = flip_dyad(amity, actor, d, params, margin, &flips[d]);
        if (rc != SC_OK) {
            return rc;
        }
    }
    return SC_OK;
}

sc_status sc_triangle_distance_to_role(const double amity[3], int actor, sc_triangle_role target,
                                       const sc_triangle_params *params, double margin,
                                       sc_triangle_flip *out, sc_diag *diag)
{
    sc_triangle_flip flips[3];
    sc_status rc = sc_triangle_role_flips(amity, actor, params, margin, flips, diag);
    if (rc != SC_OK) {
        return rc;
    }
    out->dyad = -1;
    double best = HUGE_VAL;
    for (int d = 0; d < 3; d++) {
        if (flips[d].new_role == target && fabs(flips[d].delta) < best) {
            best = fabs(flips[d].delta);
            *out = flips[d];
        }
    }
    return SC_OK;
}

sc_status sc_triangle_min_change_to_role(const double amity[3], int actor, sc_triangle_role target,
                                         const sc_triangle_params *params, double margin,
                                         sc_triangle_change *out, sc_diag *diag)
{
    sc_triangle_params def;
    if (!params) {
        sc_triangle_params_init(&def);
        params = &def;
    }
    sc_status rc = check_question(amity, actor, params, margin, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (target == SC_ROLE_NONE || (int)target < 0 || (int)target > (int)SC_ROLE_OUTCAST) {
        return sc__diag_set(diag, SC_EINVAL, "the target role must be a determinate role");
    }
    sc_triangle now;
    rc = sc_triangle_classify(amity, params, &now, diag);
    if (rc != SC_OK) {
        return rc;
    }
    /* Roles depend only on the three signs: try all 8 patterns, move each dyad that is on the
     * wrong side (or in the band) to the near edge of the wanted side, keep the cheapest. */
    const double edge = params->tau + margin;
    int found = 0;
    for (int pattern = 0; pattern < 8; pattern++) {
        sc_triangle_change c;
        c.distance = 0;
        c.dyads_changed = 0;
        for (int d = 0; d < 3; d++) {
            int positive = (pattern >> d) & 1;
            int ok = positive ? amity[d] > params->tau : amity[d] < -params->tau;
            c.to[d] = ok ? amity[d] : positive ? edge : -edge;
            c.delta[d] = c.to[d] - amity[d];
            c.distance += fabs(c.delta[d]);
            c.dyads_changed += !ok;
        }
        sc_triangle t;
        rc = sc_triangle_classify(c.to, params, &t, diag);
        if (rc != SC_OK) {
            return rc;
        }
        if (t.role[actor] != target) {
            continue;
        }
        c.new_config = t.config;
        /* ties: fewer dyads changed, then the lower pattern, so the answer is deterministic */
        if (!found || c.distance < out->distance ||
            (c.distance == out->distance && c.dyads_changed < out->dyads_changed)) {
            *out = c;
            found = 1;
        }
    }
    return found ? SC_OK
                 : sc__diag_set(diag, SC_EINVAL,
                                "no change of the amities gives actor %d "
                                "the role %s",
                                actor, sc_triangle_role_name(target));
}

sc_status sc_triangle_from_scenario(const sc_scenario *s, const char *const ids[3],
                                    double amity[3], sc_diag *diag)
{
    long idx[3];
    for (int i = 0; i < 3; i++) {
        idx[i] = sc_scenario_actor_index(s, ids[i]);
        if (idx[i] < 0) {
            return sc__diag_set(diag, SC_ENOTFOUND, "unknown actor '%s' for the triangle",
                                ids[i]);
        }
    }
    if (idx[0] == idx[1] || idx[1] == idx[2] || idx[0] == idx[2]) {
        return sc__diag_set(diag, SC_EINVAL, "a triangle needs three different actors");
    }
    for (int d = 0; d < 3; d++) {
        const sc_relation *r = sc_scenario_relation(s, (size_t)idx[d], (size_t)idx[(d + 1) % 3]);
        if (!r || !r->present) {
            return sc__diag_set(diag, SC_EINVAL, "the scenario gives no relation %s-%s", ids[d],
                                ids[(d + 1) % 3]);
        }
        amity[d] = r->amity.value;
    }
    return SC_OK;
}
