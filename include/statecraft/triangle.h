/* SPDX-License-Identifier: MIT */
/** @file triangle.h
 * The strategic triangle (Dittmer 1981, 1987; Wu 1996). */
#ifndef STATECRAFT_TRIANGLE_H
#define STATECRAFT_TRIANGLE_H

#include "statecraft/common.h"
#include "statecraft/diag.h"
#include "statecraft/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The triangle's configuration (Dittmer). */
typedef enum sc_triangle_config {
    SC_TRIANGLE_MENAGE = 0,   /**< three positive dyads: ménage à trois */
    SC_TRIANGLE_ROMANTIC,     /**< two positive dyads meeting at a pivot */
    SC_TRIANGLE_MARRIAGE,     /**< one positive dyad; the third actor is the outcast */
    SC_TRIANGLE_UNIT_VETO,    /**< no positive dyad */
    SC_TRIANGLE_INDETERMINATE /**< a dyad lies in the neutral dead-band |a| <= tau */
} sc_triangle_config;

/** An actor's role in the triangle, by Wu's desirability rank. */
typedef enum sc_triangle_role {
    SC_ROLE_NONE = 0, /**< indeterminate configuration */
    SC_ROLE_PIVOT,    /**< Wu rank 1 */
    SC_ROLE_FRIEND,   /**< rank 2 */
    SC_ROLE_PARTNER,  /**< rank 3 */
    SC_ROLE_WING,     /**< rank 4 */
    SC_ROLE_FOE,      /**< rank 5 */
    SC_ROLE_OUTCAST   /**< rank 6 */
} sc_triangle_role;

/** Classification settings; set the defaults with sc_triangle_params_init. */
typedef struct sc_triangle_params {
    double tau; /**< neutral dead-band: |amity| <= tau is neither amity nor enmity (default 0.1) */
} sc_triangle_params;

/** Sets the default dead-band tau = 0.1. */
SC_API void sc_triangle_params_init(sc_triangle_params *p);

/**
 * The analysis of one triangle A, B, C from its dyads' amities, given in the order
 * amity[0] = AB, amity[1] = BC, amity[2] = CA. Actor i's dyads are i-(i+1) and (i+2)-i.
 */
typedef struct sc_triangle {
    double amity[3];           /**< the amities classified (AB, BC, CA) */
    sc_triangle_config config; /**< the configuration */
    int neutral[3];            /**< 1 for each dyad inside the dead-band */
    sc_triangle_role role[3];  /**< per actor; SC_ROLE_NONE if indeterminate */
    int score[3];              /**< S_i = s_ij + s_ik - s_jk (signs), Wu's tier order */
    int rank[3];               /**< Wu's desirability rank 1..6 of the actor's role (0 if none) */
    double payoff[3];          /**< graded payoff U_i = a_ij + a_ik - a_jk in [-3, 3] */
    int balanced;              /**< Heider balance: product of the three signs > 0 */
    int pivot;                 /**< index of the pivot in a romantic triangle, else -1 */
    double leverage;           /**< pivot leverage min(a_pw1, a_pw2) * |a_w1w2|, 0 if no pivot */
} sc_triangle;

/** Classifies a triangle. SC_EINVAL if an amity is not finite or outside [-1, 1]. */
SC_API sc_status sc_triangle_classify(const double amity[3], const sc_triangle_params *params,
                                      sc_triangle *out, sc_diag *diag);

/** The configuration's name ("menage_a_trois", "romantic_triangle", "stable_marriage",
 * "unit_veto", "indeterminate"). */
SC_API const char *sc_triangle_config_name(sc_triangle_config c);
/** The role's name ("pivot", "friend", ..., "none"). */
SC_API const char *sc_triangle_role_name(sc_triangle_role r);

/**
 * The smallest change of one dyad's amity that changes actor `actor`'s role to a determinate
 * different role: the dyad's amity must cross to the far side of the dead-band. For each of the
 * three dyads d, flips[d] gives the required new amity (just beyond +-tau, by `margin`), the
 * change, and the role and configuration that result.
 */
typedef struct sc_triangle_flip {
    int dyad;                      /**< 0 = AB, 1 = BC, 2 = CA */
    double from;                   /**< the dyad's current amity */
    double to;                     /**< the amity needed */
    double delta;                  /**< to - from */
    sc_triangle_role new_role;     /**< the actor's role after the change */
    sc_triangle_config new_config; /**< the configuration after the change */
} sc_triangle_flip;

/** Fills flips[d] for each dyad d of the triangle (see sc_triangle_flip); params may be NULL. */
SC_API sc_status sc_triangle_role_flips(const double amity[3], int actor,
                                        const sc_triangle_params *params, double margin,
                                        sc_triangle_flip flips[3], sc_diag *diag);

/**
 * The smallest single-dyad change that gives `actor` the role `target`; *dyad = -1 if no single
 * dyad change can. Useful for "how far must US-Russia relations warm before Russia is the pivot".
 */
SC_API sc_status sc_triangle_distance_to_role(const double amity[3], int actor,
                                              sc_triangle_role target,
                                              const sc_triangle_params *params, double margin,
                                              sc_triangle_flip *out, sc_diag *diag);

/**
 * The smallest total change of the amities (sum of |delta| over the three dyads) that gives
 * `actor` the role `target`, changing as many dyads as needed: each dyad that must change sign
 * or leave the dead-band moves to just beyond +-tau (by `margin`), the others stay. This answers
 * "what would it take to make the US the pivot" when no single change can (an outcast needs two
 * of its dyads warmed and the partners' dyad cooled). SC_EINVAL for a bad amity, actor, margin
 * or for target SC_ROLE_NONE. Every role is reachable, so out is always filled.
 */
typedef struct sc_triangle_change {
    double to[3];                  /**< the amities after the change (dyad order AB, BC, CA) */
    double delta[3];               /**< to - from, 0 for the dyads left alone */
    double distance;               /**< sum of |delta| */
    int dyads_changed;             /**< 0 if the actor already holds the role, else 1..3 */
    sc_triangle_config new_config; /**< the configuration after the change */
} sc_triangle_change;

/** Fills *out with the least total change giving `actor` the role `target` (see
 * sc_triangle_change); params may be NULL. */
SC_API sc_status sc_triangle_min_change_to_role(const double amity[3], int actor,
                                                sc_triangle_role target,
                                                const sc_triangle_params *params, double margin,
                                                sc_triangle_change *out, sc_diag *diag);

/**
 * Reads the triangle of three scenario actors (their relations must be given). SC_ENOTFOUND
 * if an actor is unknown, SC_EINVAL if a relation is missing; the diag says which.
 */
SC_API sc_status sc_triangle_from_scenario(const sc_scenario *s, const char *const ids[3],
                                           double amity[3], sc_diag *diag);

/** Which settings came from the scenario's `triangle:` section (sc_triangle_params_from_scenario). */
enum {
    SC_TRIANGLE_GIVEN_ACTORS = 1u << 0, /**< `actors:` */
    SC_TRIANGLE_GIVEN_TAU = 1u << 1     /**< `tau:` */
};

/**
 * The settings of the scenario's `triangle: {actors: [A, B, C], tau: T}` section, what
 * `statecraft run` and `statecraft triangle` use: the three actors (default USA, RUS, CHN; the
 * ids are the scenario's, valid while it lives) and the dead-band (default 0.1). *given (may be
 * NULL) receives the SC_TRIANGLE_GIVEN_* bits of the keys the section sets. Located errors for a
 * bad section.
 */
SC_API sc_status sc_triangle_params_from_scenario(const sc_scenario *s, const char *ids[3],
                                      sc_triangle_params *params, unsigned *given, sc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
