/* SPDX-License-Identifier: MIT */
/** @file war.h
 * War termination. A Smith & Stam (2004) war of battles on a front, fought by two
 * sides who learn about the balance from the battles they see and bargain while they fight, with
 * two further reasons for wars to last (a commitment problem from shifting power, Powell 2006;
 * private information about resolve screened by offers, Powell 2004 and Filson & Werner 2002), a
 * mediator with its own costs, preferred terms, inducements and threats (Beardsley 2011; Kydd
 * 2003), and ceasefires that fail at a hazard set by their mechanisms (Fortna 2003/2004).
 * docs/models/war.md gives every equation, source and departure.
 */
#ifndef STATECRAFT_WAR_H
#define STATECRAFT_WAR_H

#include <signal.h>

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

/**
 * The two parts of a side's value of fighting on at a known balance theta, with discount factor
 * `discount` per battle (1, or in (0, 0.9999]) and the share of the stakes a side holds counted
 * as a flow while it fights (holding x for ever is worth x):
 *   *share    = G(k) = E[sum_{t<tau} d^t (1 - d) k_t/N + d^tau k_tau/N], A's expected share,
 *   *duration = S(k) = E[sum_{t<tau} d^t], the expected discounted number of battles,
 * so that A's value is G - c_A S and B's is 1 - G - c_B S. With discount 1, G is the probability
 * that A wins (sc_war_ruin_win) and S the expected duration (sc_war_ruin_duration).
 */
SC_API void sc_war_value_parts(int k, int N, double theta, double discount, double *share,
                               double *duration);

/**
 * The same parts averaged over a Beta(a, b) belief about theta (the posterior predictive values
 * of a side that learns from every battle it sees): E[G] and E[S] under Beta(a, b), by adaptive
 * Gauss-Legendre quadrature on the logit scale to a relative accuracy of about 1e-12.
 * SC_EINVAL if a or b is not a positive finite number.
 */
SC_API sc_status sc_war_predictive_parts(int k, int N, double a, double b, double discount,
                                         double *share, double *duration, sc_diag *diag);

/** Fearon's bargaining range [p - c_a, p + c_b] for A's share x. */
SC_API void sc_war_fearon_range(double p, double cost_a, double cost_b, double *lo, double *hi);

/** Take-it-or-leave-it demand by A when B's cost is uniform on [0, cbar]:
 * x* = p + (cbar - c_a)/2 and P(war) = (cbar - c_a)/(2 cbar) if c_a < cbar, else x* = p, 0. */
SC_API void sc_war_tioli_uniform(double p, double cost_a, double cbar, double *x_star,
                                 double *p_war);

/**
 * Screening by offers (Powell 2004; Filson & Werner 2002): A does not know B's cost c, uniform on
 * [c_lo, c_hi] in A's belief, and B accepts a demand x iff x <= accept_lo + slope (c - c_lo)
 * (the highest share B concedes rises with its cost). A's reservation value is value_a. A's
 * optimal demand gives *demand; B's types with cost below *threshold reject it (so after a
 * rejection A's belief is uniform on [c_lo, *threshold]). With accept_lo = p, slope 1, c_lo = 0
 * and value_a = p - c_a this is sc_war_tioli_uniform. slope must be > 0.
 */
SC_API void sc_war_screening_demand(double accept_lo, double slope, double c_lo, double c_hi,
                                    double value_a, double *demand, double *threshold);

/**
 * The commitment problem (Powell 2006) in bargaining terms: a deal must survive the expected
 * shift of power. With each side's value of war now and after the shift (values in shares of the
 * stakes) and the discount factor over the time the shift takes, the self-enforcing deals are
 * [max(va_now, d_T va_later), 1 - max(vb_now, d_T vb_later)]. In Fearon's terms
 * (va = p - c_A, vb = 1 - p - c_B, p rising from p0 to p1) the range is empty, and war follows,
 * iff d_T p1 - p0 > c_B + d_T c_A.
 */
SC_API void sc_war_commitment_range(double va_now, double va_later, double vb_now,
                                    double vb_later, double discount_T, double *lo, double *hi);

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
 * Reservation values with a point belief (war.md §7, T1-T4): A's value of fighting on with
 * belief mu_a that A wins a battle, holding k of N, paying cost_a per battle:
 * V_A = P(k; mu_a) - cost_a D(k; mu_a); and B's value (in B's share) with B's belief mu_b:
 * V_B = 1 - P(k; mu_b) - cost_b D(k; mu_b). Undiscounted.
 */
SC_API double sc_war_value_a(int k, int N, double mu_a, double cost_a);
/** B's reservation value V_B (see sc_war_value_a). */
SC_API double sc_war_value_b(int k, int N, double mu_b, double cost_b);

/* ---- ceasefires that fail (Fortna 2003/2004) ------------------------------------------------- */

/**
 * Hazard ratios of a ceasefire's failure, estimated from the data in docs/models/war.md
 * ("Relapse") and checked against those data by tests/war/test_war_history.c:
 *   SC_WAR_HR_AGREEMENT   a peace agreement rather than a bare ceasefire (UCDP termination
 *                         data v3-2021, dyad episodes, recurrence in years 2-5),
 *   SC_WAR_HR_PEACEKEEPERS peacekeepers or foreign troops on the line (Fortna's cease-fire data,
 *                         Mantel-Haenszel rate ratio stratified by how the war ended, negotiated
 *                         endings only),
 *   SC_WAR_BASE_HAZARD    weekly recurrence hazard of a bare ceasefire (UCDP, years 2-5).
 */
#define SC_WAR_BASE_HAZARD 0.001854 /**< weekly hazard of a bare ceasefire (UCDP, years 2-5) */
#define SC_WAR_HR_AGREEMENT 0.3233 /**< hazard ratio of an agreement (UCDP) */
#define SC_WAR_HR_PEACEKEEPERS 0.5179 /**< hazard ratio of peacekeepers (Fortna) */

/**
 * Per-period hazard of a ceasefire with base hazard h0 (per period), a troop-backed guarantee of
 * strength `guarantee` in [0, 1] (1 = peacekeepers or foreign troops on the line) and an
 * agreement of detail `agreement` in [0, 1] (0 = a bare ceasefire, 1 = a full agreement):
 * h = h0 hr_peacekeepers^guarantee hr_agreement^agreement.
 */
SC_API double sc_war_relapse_hazard(double h0, double guarantee, double agreement,
                                    double hr_peacekeepers, double hr_agreement);

/* ---- the front, calibrated to observed movement ---------------------------------------------- */

/**
 * Calibrates the front to an area series: weekly changes of the area A holds (km2, one value per
 * week, n >= 2) give the step s of one battle and the balance theta of a walk with one battle per
 * battle_weeks weeks that matches their first two moments: s^2 = E[d^2] per battle and
 * s (2 theta - 1) = E[d] per battle. Fills *step_km2 and *theta; SC_EINVAL if the changes are all
 * zero or fewer than two.
 */
SC_API sc_status sc_war_front_calibrate(const double *weekly_change_km2, size_t n,
                                        double battle_weeks, double *step_km2, double *theta,
                                        sc_diag *diag);

/* ---- the simulation ------------------------------------------------------------------------ */

/** How a settlement is chosen. */
typedef enum sc_war_rule {
    SC_WAR_MIDPOINT = 0, /**< middle of the range (the Nash solution with linear utilities) */
    SC_WAR_NASH,         /**< asymmetric Nash solution: x = lo + power * (hi - lo) */
    SC_WAR_MEDIATOR      /**< the mediator proposes (its package, its preferred terms) */
} sc_war_rule;

/** The rule's name: "midpoint", "nash" or "mediator". */
SC_API const char *sc_war_rule_name(sc_war_rule r);
/** Parses "midpoint", "nash" or "mediator". */
SC_API sc_status sc_war_rule_parse(const char *name, sc_war_rule *out, sc_diag *diag);

/** How a side turns its Beta belief about theta into values. */
typedef enum sc_war_beliefs {
    SC_WAR_PREDICTIVE = 0, /**< values averaged over each side's Beta belief (the default) */
    SC_WAR_PLUG_IN         /**< values at each side's mean belief (war.md §7's approximation) */
} sc_war_beliefs;

/** "predictive" or "plug-in". */
SC_API const char *sc_war_beliefs_name(sc_war_beliefs b);
/** Parses "predictive" or "plug-in". */
SC_API sc_status sc_war_beliefs_parse(const char *name, sc_war_beliefs *out, sc_diag *diag);

/** The mediator (rule SC_WAR_MEDIATOR). Shares and costs are in shares of the stakes. */
typedef struct sc_war_mediator {
    double ideal;     /**< its preferred terms (A's share): what it proposes when it can */
    double cost;      /**< its own cost per battle of the war going on */
    double prior[2];  /**< its Beta belief about theta ({0, 0}: the mean of the sides') */
    double relief;    /**< inducement to A: value of sanctions relief if A accepts */
    double pay_a;     /**< side-payment to A for accepting (expires: inducement_periods) */
    double pay_b;     /**< side-payment to B for accepting */
    double guarantee; /**< troop-backed guarantee of the deal it brokers, in [0, 1] */
    double threat_a;  /**< extra cost per battle A expects if it rejects the proposal */
    double threat_b;  /**< shift of the balance toward A (logit) if B rejects: an aid cut */
    double credibility_a;    /**< weight A gives threats against it, [0, 1]; < 0: Kydd's rule */
    double credibility_b;    /**< weight B gives threats against it, [0, 1]; < 0: Kydd's rule */
    double credibility_band; /**< width of Kydd's rule around the line (docs) */
} sc_war_mediator;

/** The lever magnitudes the comparison tables and "what would it take" use. */
typedef struct sc_war_levers {
    double sanctions;     /**< extra cost per battle on A */
    double aid_cut;       /**< shift of the balance toward A (logit) when the mediator cuts aid */
    double relief;        /**< sanctions relief offered to A (share of the stakes) */
    double guarantee;     /**< troop-backed guarantee strength added, [0, 1] */
    double max_sanctions; /**< the most sanctions "what would it take" tries */
    double max_aid_cut;   /**< the largest aid cut it tries (logit) */
    double max_relief;    /**< the largest relief it tries */
} sc_war_levers;

/** The war-termination model's inputs; set the defaults with sc_war_params_init. */
typedef struct sc_war_params {
    int front;             /**< N positions; A holds k of them */
    int start;             /**< k at the start */
    double theta;          /**< probability that A wins a battle (before aid and shifts) */
    double discount;       /**< per battle: 1 (undiscounted) or in (0, 0.9999] */
    int battles_per_year;  /**< time unit of shifts (52: weekly battles) */
    sc_war_beliefs beliefs; /**< predictive (default) or plug-in */
    double prior_a[2];     /**< A's Beta(a, b) belief about theta */
    double prior_b[2];     /**< B's Beta(a, b) belief about theta */
    double cost_a;         /**< per-battle cost to A, in shares of the stakes */
    double cost_b;         /**< per-battle cost to B */
    double sanctions;      /**< in force: added to cost_a */
    double aid;            /**< in force: shift of the balance toward B (logit) */
    double aid_cost;       /**< in force: subtracted from cost_b */
    sc_war_rule rule;      /**< how a settlement is chosen */
    double power;          /**< A's bargaining weight for SC_WAR_NASH, in [0, 1] */
    sc_war_mediator mediator; /**< the mediator's preferences, package and threats */
    sc_war_levers levers;  /**< lever magnitudes for comparisons */
    int commitment;        /**< commitment problem (Powell 2006): deals must survive the shift */
    double shift_per_year; /**< expected shift of the balance toward A (logit a year); the battles
                              follow it whether or not `commitment` is on */
    double shift_years;    /**< over how many years the shift accrues */
    int screening;         /**< private information: B's cost uniform on [cost_b_low, _high] */
    double cost_b_low;     /**< B's lowest possible cost per battle (screening) */
    double cost_b_high;    /**< B's highest possible cost per battle (screening) */
    double linked_a;       /**< issue-linked stakes: what a deal's settlement of the linked
                              issues is worth to A, beyond the terms x (share of the stakes) */
    double linked_b;       /**< ... to B */
    double linked_guarantee_a; /**< change of linked_a per unit of the deal's guarantee */
    double linked_guarantee_b; /**< change of linked_b per unit of the deal's guarantee */
    int lanchester;        /**< 1: theta from the Lanchester forces each battle */
    double force_a;        /**< A's initial force (Lanchester sub-model) */
    double force_b;        /**< B's initial force */
    double alpha;          /**< A's fighting effectiveness (B's losses per A unit and time) */
    double beta;           /**< B's fighting effectiveness */
    double gamma;          /**< contest exponent g: theta = (alpha F_A)^g / (that + (beta F_B)^g) */
    double dt;             /**< time per battle (square-law depletion over dt) */
    double relapse_hazard; /**< base per-period hazard that a bare ceasefire fails */
    double agreement;      /**< detail of the agreement, [0, 1] (0 = bare ceasefire) */
    double hr_agreement;   /**< hazard ratio of a full agreement (default: the data) */
    double hr_peacekeepers; /**< hazard ratio of troops on the line (default: the data) */
    int inducement_periods; /**< side-payments end after this many periods (0: never) */
    int post_periods;      /**< periods a ceasefire is followed (0: not followed) */
    int horizon;           /**< battles before a run is cut off (still at war) */
    size_t runs;           /**< Monte Carlo runs */
    uint64_t seed;         /**< master seed: run k uses random stream (seed, k) */
    unsigned threads;      /**< 0: one per core; results do not depend on it */
    /** Called from the calling thread as the runs go (runs done, runs planned; for each row of
        sc_war_compare in turn), about every 64 runs; NULL for none. */
    sc_progress_fn progress;
    void *progress_ctx; /**< passed to progress */
    /** If not NULL, checked every 64 runs: once *cancel is nonzero the runs stop, and
        sc_war_simulate / sc_war_compare return SC_ELIMIT with the statistics of the runs done
        (result->runs of them: a partial result). Set it from a signal handler. */
    const volatile sig_atomic_t *cancel;
    int conditional;       /**< 1: estimates for a Monte Carlo over the inputs, where each draw
                              simulates few runs (docs/models/war.md, "Conditional estimates"):
                              with screening, P(ceasefire within 52 battles) integrates B's private
                              cost out exactly along each run's walk, and B's sampled cost is
                              stratified over the runs; 0 (default): every number from the
                              sampled runs */
    int fast_tables;       /**< 1: the belief tables' last layer by a fixed quadrature rule where
                              it agrees with the adaptive one to 1e-12 (strong beliefs, discount
                              below 1); 0 (default): adaptive quadrature throughout */
} sc_war_params;

/** Defaults: the T6 set-up of war.md (N 20, k 10, theta 0.5, Beta(24,16) vs Beta(16,24), cost
 * 0.002 each, midpoint, undiscounted), predictive beliefs, no mechanisms, no levers, horizon
 * 2000, 10000 runs, seed 20250212. */
SC_API void sc_war_params_init(sc_war_params *p);

/** Checks ranges; messages name the parameter. */
SC_API sc_status sc_war_params_check(const sc_war_params *p, sc_diag *diag);

/** Outcome of one run. */
typedef enum sc_war_outcome {
    SC_WAR_CEASEFIRE = 0, /**< settled and (if followed) held */
    SC_WAR_VICTORY_A,     /**< A took the whole front */
    SC_WAR_VICTORY_B,     /**< B took the whole front */
    SC_WAR_ONGOING        /**< horizon reached */
} sc_war_outcome;

/** The most terms modes a result reports. */
#define SC_WAR_MAX_MODES 4

/** Bins of the coarse histograms a result reports (terms, durations). */
#define SC_WAR_HIST_BINS 20

/** Bins of the terms histogram on [0, 1]: terms quantiles are exact to one bin. */
#define SC_WAR_TERMS_BINS 16384

/**
 * Statistics of a Monte Carlo, streamed: memory does not grow with the number of runs. Battle
 * counts are integers, so their quantiles are exact (from counts); terms are collected in a
 * fixed histogram of SC_WAR_TERMS_BINS bins on [0, 1]. Free with sc_war_result_free.
 */
typedef struct sc_war_result {
    size_t runs;              /**< runs simulated */
    double p_ceasefire;       /**< share of runs that reached a ceasefire (ever) */
    double p_ceasefire_52;    /**< ... within 52 battles (a year of weekly battles) */
    double p_ceasefire_52_se; /**< its Monte Carlo standard error */
    double p_victory_a;       /**< share of runs A won outright */
    double p_victory_b;       /**< share of runs B won outright */
    double p_ongoing;         /**< share of runs still at war at the horizon */
    double p_held;            /**< share of runs ending in a ceasefire that held */
    double p_relapse;         /**< share of runs with a ceasefire that broke down while followed */
    double mean_battles;      /**< battles until the war ended; cut-off runs count the horizon */
    double mean_battles_se;   /**< its Monte Carlo standard error */
    double battles_q[5];      /**< duration quantiles 5, 25, 50, 75, 95 % (exact) */
    double mean_share_a;      /**< mean terms (A's share) of the ceasefires that held (NAN: none) */
    /** its Monte Carlo standard error (NAN: none held; 0.5, the largest a share can have, when
     * one held; else the shares' spread read off the terms histogram, bins of
     * 1/SC_WAR_TERMS_BINS) */
    double mean_share_a_se;
    double share_q[5];        /**< terms quantiles of the ceasefires that held (NAN: none) */
    size_t n_modes;           /**< peaks of the terms distribution, largest share first */
    double mode_at[SC_WAR_MAX_MODES];    /**< where (centre of a 0.02-wide bin) */
    double mode_share[SC_WAR_MAX_MODES]; /**< share of held ceasefires within +-0.05 of it */
    double terms_hist[SC_WAR_HIST_BINS];    /**< share of held ceasefires per 0.05 of terms */
    double duration_hist[SC_WAR_HIST_BINS]; /**< share of runs per duration_bin battles */
    double duration_bin;      /**< width of a duration bin (a whole number of battles) */
    int horizon;              /**< the horizon of the run */
    double *curve;            /**< curve[t] = P(first ceasefire at battle <= t), t = 0..horizon */
    double *ended;            /**< ended[t] = P(the run ended, any way, after <= t battles) */
} sc_war_result;

/** Runs the Monte Carlo. *out is freed with sc_war_result_free. Thread-safe. On SC_ELIMIT (the
 * run was cancelled through p->cancel) *out holds the statistics of the runs done before. */
SC_API sc_status sc_war_simulate(const sc_war_params *p, sc_war_result **out, sc_diag *diag);
/** Frees a result (NULL is a no-op). */
SC_API void sc_war_result_free(sc_war_result *r);

/** P(first ceasefire within t battles) read off the curve (t beyond the horizon: the last value). */
SC_API double sc_war_result_by_battle(const sc_war_result *r, int t);

/* ---- levers, compared on common random numbers --------------------------------------------- */

/** The mediator's levers, compared in the lever table. */
typedef enum sc_war_lever {
    SC_WAR_LEVER_NONE = 0,
    SC_WAR_LEVER_SANCTIONS,  /**< levers.sanctions added to A's cost */
    SC_WAR_LEVER_AID_CUT,    /**< the balance shifts toward A by levers.aid_cut, and both know it */
    SC_WAR_LEVER_BOTH,       /**< sanctions and the aid cut: pressure on both sides */
    SC_WAR_LEVER_INDUCEMENT, /**< levers.relief offered to A for accepting the mediator's deal */
    SC_WAR_LEVER_GUARANTEE,  /**< levers.guarantee added to the mediator's guarantee */
    SC_WAR_LEVER_COUNT       /**< number of levers */
} sc_war_lever;

/** The lever's name: "none", "sanctions", "aid_cut", "both", "inducement", "guarantee". */
SC_API const char *sc_war_lever_name(sc_war_lever l);

/** params with lever l applied at `scale` times its magnitude (scale 1: the scenario's lever). */
SC_API void sc_war_params_with_lever(const sc_war_params *p, sc_war_lever l, double scale,
                                     sc_war_params *out);

/**
 * Several parameter sets simulated on the same random streams (run k uses stream (seed, k) in
 * every row), so that their differences are paired: *results gets one result per row, and
 * diff_se[i * n + j] the standard error of p_ceasefire_52[i] - p_ceasefire_52[j] (caller-owned
 * array of n * n doubles, may be NULL). Seeds, runs and threads come from rows[0]. Each result
 * is identical to sc_war_simulate on its row alone. Progress and cancel come from rows[0]: once
 * cancelled it returns SC_ELIMIT with the rows done, the row running then cut short (its runs <
 * planned) and NULL for the rows after it; diff_se is then NAN.
 */
SC_API sc_status sc_war_compare(const sc_war_params *rows, size_t n, sc_war_result **results,
                                double *diff_se, sc_diag *diag);

/**
 * "What would it take": the smallest magnitude of lever l (SANCTIONS, AID_CUT, INDUCEMENT or
 * GUARANTEE) that makes a ceasefire within 52 battles at least 50% likely, found by bisection on
 * common random numbers up to the lever's maximum (levers.max_*, 1 for the guarantee). *found is
 * 0 when even the maximum is not enough; *magnitude is then the maximum and *p52 its value.
 */
SC_API sc_status sc_war_what_it_takes(const sc_war_params *p, sc_war_lever l, int *found,
                                      double *magnitude, double *p52, double *p52_se,
                                      sc_diag *diag);

/**
 * Reads the scenario's `war:` section (docs/models/war.md) into params: belligerents, mediator,
 * and every number, with theta and costs derived from military spending and GDP when given as
 * `auto`. Every number accepts the scenario's quantity forms (value with sd, range or
 * triangular), whose whole declared range is checked. Located errors. *a_id, *b_id and
 * *mediator_id borrow from the scenario.
 */
SC_API sc_status sc_war_params_from_scenario(const sc_scenario *s, sc_war_params *p,
                                             const char **a_id, const char **b_id,
                                             const char **mediator_id, sc_diag *diag);

/* ---- the opening of the negotiation ------------------------------------------------------- */

/** What the mediator's proposal meets before the first battle (the ceasefire negotiation tree of
 * docs/models/games.md): the war model's own acceptance thresholds and continuation values. */
typedef struct sc_war_opening {
    double value_a;   /**< A's value of rejecting (the war going on, threats executed) */
    double value_b;   /**< B's value of rejecting, in B's share */
    double lo;        /**< the least terms A accepts under the mediator's package */
    double hi;        /**< the most terms B concedes (A's share) under the package */
    double fail;      /**< P(the ceasefire fails while followed) with this guarantee */
    double mediator_share;    /**< the war's expected terms (A's share) in the mediator's belief */
    double mediator_duration; /**< the war's expected discounted battles in its belief */
    double mediator_payments; /**< side-payments a deal costs the mediator */
    double mediator_war;      /**< the mediator's utility of the war going on */
} sc_war_opening;

/**
 * The opening of the negotiation: at the start of the war (battle 0, A holding `start`), the
 * mediator's package with troop-backed guarantee `guarantee` in [0, 1] (replacing
 * p->mediator.guarantee) and B's cost per battle `cost_b` (< 0: the cost in force). A's payoff of
 * a deal at terms x is value_a + (1 - fail)(x - lo), B's is value_b + (1 - fail)(hi - x): exactly
 * the comparisons the simulation makes at its first battle (docs/models/war.md, "Bargaining while
 * fighting"). Thread-safe.
 */
SC_API sc_status sc_war_opening_values(const sc_war_params *p, double guarantee, double cost_b,
                                       sc_war_opening *out, sc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
