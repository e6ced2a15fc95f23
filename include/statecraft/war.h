/* SPDX-License-Identifier: MIT */
/** @file war.h
 * War termination: closed forms and a Monte Carlo model with mediator levers. */
#ifndef STATECRAFT_WAR_H
#define STATECRAFT_WAR_H

#include "statecraft/common.h"
#include "statecraft/diag.h"
#include "statecraft/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- closed forms (docs/models/war.md) ------------------------------------------------------ */
/* Pure functions of their arguments: thread-safe, no allocation. Out-of-range k is clamped to
 * the absorbing ends (k <= 0: A has lost; k >= N: A has won). */

/** Gambler's ruin: probability that A, holding k of N positions and winning each battle with
 * probability theta, takes all N before losing all (Feller vol. I, ch. XIV). */
SC_API double sc_war_ruin_win(int k, int N, double theta);

/** Expected number of battles until one side holds everything. Both ruin functions keep full
 * precision as theta approaches 1/2 (docs/models/war.md, "Numerics"). */
SC_API double sc_war_ruin_duration(int k, int N, double theta);

/** Fearon's bargaining range [p - c_a, p + c_b] for A's share x. */
SC_API void sc_war_fearon_range(double p, double cost_a, double cost_b, double *lo, double *hi);

/** Take-it-or-leave-it demand by A when B's cost is uniform on [0, cbar]:
 * x* = p + (cbar - c_a)/2 and P(war) = (cbar - c_a)/(2 cbar) if c_a < cbar, else x* = p, 0. */
SC_API void sc_war_tioli_uniform(double p, double cost_a, double cbar, double *x_star,
                                 double *p_war);

/** The outcome of a Lanchester battle. */
typedef struct sc_lanchester {
    int winner;       /**< 1 = A, -1 = B, 0 = mutual annihilation */
    double survivors; /**< the winner's force at the end */
    double t_end;     /**< time at which the loser is annihilated (HUGE_VAL if never) */
} sc_lanchester;

/** Lanchester square law (aimed fire) dA/dt = -beta B, dB/dt = -alpha A: A wins iff
 * alpha A0^2 > beta B0^2, survivors sqrt(A0^2 - (beta/alpha) B0^2), annihilation at
 * t* = artanh(sqrt(beta/alpha) B0/A0)/sqrt(alpha beta). Fills *out; SC_EINVAL (and *out untouched)
 * for non-positive or non-finite inputs. Thread-safe. */
SC_API sc_status sc_war_lanchester_square(double a0, double b0, double alpha, double beta,
                                          sc_lanchester *out, sc_diag *diag);

/** Lanchester linear law (area fire) dA/dt = -beta A B, dB/dt = -alpha A B: alpha A - beta B is
 * invariant, so A wins iff alpha A0 > beta B0 with survivors A0 - (beta/alpha) B0. The loser
 * decays exponentially and is never annihilated in finite time: t_end is HUGE_VAL. Same
 * contract as sc_war_lanchester_square. */
SC_API sc_status sc_war_lanchester_linear(double a0, double b0, double alpha, double beta,
                                          sc_lanchester *out, sc_diag *diag);

/**
 * Reservation values (war.md §7, T1-T4): A's value of fighting on with belief mu_a that A wins
 * a battle, holding k of N, paying cost_a per battle: V_A = P(k; mu_a) - cost_a D(k; mu_a); and
 * B's value (in B's share) with B's belief mu_b: V_B = 1 - P(k; mu_b) - cost_b D(k; mu_b). The
 * bargaining range for A's share is [V_A, 1 - V_B], non-empty iff V_A <= 1 - V_B.
 */
SC_API double sc_war_value_a(int k, int N, double mu_a, double cost_a);
/** B's reservation value V_B (see sc_war_value_a). */
SC_API double sc_war_value_b(int k, int N, double mu_b, double cost_b);

/* ---- the simulation ------------------------------------------------------------------------ */

/** How the two sides split the bargaining range when they settle. */
typedef enum sc_war_rule {
    SC_WAR_MIDPOINT = 0, /**< middle of the range (the Nash solution with linear utilities) */
    SC_WAR_NASH,         /**< asymmetric Nash solution: x = lo + power * (hi - lo) */
    SC_WAR_MEDIATOR      /**< the mediator's proposal projected onto the range */
} sc_war_rule;

/** The rule's name: "midpoint", "nash" or "mediator". */
SC_API const char *sc_war_rule_name(sc_war_rule r);
/** Parses "midpoint", "nash" or "mediator". */
SC_API sc_status sc_war_rule_parse(const char *name, sc_war_rule *out, sc_diag *diag);

/** The war-termination model's inputs; set the defaults with sc_war_params_init. */
typedef struct sc_war_params {
    int front;         /**< N positions; A holds k of them */
    int start;         /**< k at the start */
    double theta;      /**< probability that A wins a battle */
    double prior_a[2]; /**< A's Beta(a, b) belief about theta */
    double prior_b[2]; /**< B's Beta(a, b) belief about theta */
    double cost_a;     /**< per-battle cost to A, in issue units (share of the stakes) */
    double cost_b;     /**< per-battle cost to B */
    /* mediator levers */
    double sanctions;  /**< added to cost_a */
    double aid;        /**< subtracted from theta (aid to B makes B win more often) */
    double aid_cost;   /**< subtracted from cost_b (aid lowers B's cost of fighting) */
    double aid_cut;    /**< theta shift toward A if the mediator cuts its aid to B (lever
                          comparisons only: sc_war_simulate ignores it) */
    double pay_a;      /**< side-payment to A for agreeing: lowers A's reservation value */
    double pay_b;      /**< side-payment to B for agreeing */
    sc_war_rule rule;  /**< how a settlement splits the range */
    double power;      /**< A's bargaining weight for SC_WAR_NASH, in [0, 1] */
    double mediator_x; /**< the mediator's proposal (A's share) for SC_WAR_MEDIATOR */
    /* optional Lanchester force sub-model: theta from forces each battle */
    int lanchester; /**< 0: fixed theta */
    double force_a; /**< A's initial force (Lanchester sub-model) */
    double force_b; /**< B's initial force */
    double alpha;   /**< A's fighting effectiveness (B's losses per A unit and time) */
    double beta;    /**< B's fighting effectiveness */
    double gamma;   /**< contest exponent g: theta = (alpha F_A)^g / (that + (beta F_B)^g) */
    double dt;      /**< time per battle (square-law depletion over dt) */
    /* after a ceasefire */
    double relapse_hazard;  /**< per-period probability that fighting resumes */
    int inducement_periods; /**< side-payments end after this many periods (0: never) */
    int post_periods;       /**< periods the ceasefire is followed (0: not followed) */
    int horizon;            /**< battles before a run is cut off (still at war) */
    /* Monte Carlo */
    size_t runs;      /**< Monte Carlo runs */
    uint64_t seed;    /**< master seed: run k uses random stream (seed, k) */
    unsigned threads; /**< 0: one per core; results do not depend on it */
} sc_war_params;

/** Defaults: the T6 set-up of war.md (N 20, k 10, theta 0.5, Beta(24,16) vs Beta(16,24), cost
 * 0.002 each, midpoint), no levers, horizon 2000, 10000 runs, seed 20250212. */
SC_API void sc_war_params_init(sc_war_params *p);

/** Checks ranges; a located diag is not possible here, so messages name the parameter. */
SC_API sc_status sc_war_params_check(const sc_war_params *p, sc_diag *diag);

/** Outcome of one run. */
typedef enum sc_war_outcome {
    SC_WAR_CEASEFIRE = 0, /**< settled and (if followed) held */
    SC_WAR_VICTORY_A,
    SC_WAR_VICTORY_B,
    SC_WAR_ONGOING /**< horizon reached */
} sc_war_outcome;

/** The Monte Carlo's summary and per-run data (owned; free with sc_war_result_free). */
typedef struct sc_war_result {
    size_t runs;         /**< runs simulated */
    double p_ceasefire;  /**< share of runs that reached a ceasefire (ever) */
    double p_victory_a;  /**< share of runs A won outright */
    double p_victory_b;  /**< share of runs B won outright */
    double p_ongoing;    /**< share of runs still at war at the horizon */
    double p_relapse;    /**< share of ceasefires that broke down within post_periods */
    double mean_battles; /**< battles until the war ended (any way), runs cut off count horizon */
    double mean_share_a; /**< mean terms (A's share) over runs that reached a ceasefire */
    double battles_q[5]; /**< duration quantiles 5, 25, 50, 75, 95 % */
    double share_q[5];   /**< terms quantiles over ceasefires (NAN if none) */
    size_t n_curve;      /**< points of the ceasefire-by-t curve */
    int *curve_t;        /**< battle counts t */
    double *curve_p;     /**< P(ceasefire reached by battle t) */
    /* per-run data (run k's stream is (seed, k)) */
    unsigned char *outcome; /**< sc_war_outcome of each run */
    int *battles;           /**< battles fought in each run */
    double *share;          /**< A's share at the ceasefire, NAN otherwise */
} sc_war_result;

/** Runs the Monte Carlo. *out is freed with sc_war_result_free. Thread-safe. */
SC_API sc_status sc_war_simulate(const sc_war_params *p, sc_war_result **out, sc_diag *diag);
/** Frees a result; NULL is a no-op. */
SC_API void sc_war_result_free(sc_war_result *r);

/**
 * Reads the scenario's `war:` section (docs/models/war.md) into params: belligerents, mediator,
 * and every number, with theta and costs derived from capabilities, military spending and GDP
 * when given as `auto`. Located errors. *a_id, *b_id, *mediator_id borrow from the scenario.
 */
SC_API sc_status sc_war_params_from_scenario(const sc_scenario *s, sc_war_params *p,
                                             const char **a_id, const char **b_id,
                                             const char **mediator_id, sc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
