/* SPDX-License-Identifier: MIT */
/** @file game.h
 * Strategic-form games in Gambit's .nfg format, exact payoffs, pure equilibria. */
#ifndef STATECRAFT_GAME_H
#define STATECRAFT_GAME_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "statecraft/common.h"
#include "statecraft/diag.h"
#include "statecraft/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A finite game in strategic form. Payoffs are kept exactly (GMP rationals, from the file's
 * integers, decimals and fractions) and as doubles. Opaque; read with the accessors below.
 */
typedef struct sc_game sc_game;

/**
 * Reads Gambit's .nfg format, both the payoff and the outcome version (docs/models/games.md),
 * with located errors. *out is freed with sc_game_free.
 */
SC_API sc_status sc_game_read_nfg(const char *text, size_t len, const char *file, sc_game **out,
                                  sc_diag *diag);
/** Frees a game; NULL is a no-op. */
SC_API void sc_game_free(sc_game *g);

/**
 * Builds a game in code: n players with ns[p] strategies, every payoff 0, labels "1", "2", ...
 * Then set labels and payoffs. Payoff text is an .nfg number ("3", "-1/3", "0.125"), kept exact.
 */
SC_API sc_status sc_game_new(size_t n, const size_t *ns, const char *title, sc_game **out,
                             sc_diag *diag);
/**
 * Labels player `player` (0-based) and, when strategy_labels is not NULL, each of its strategies
 * (one label per strategy; copied). label NULL keeps the current label. SC_EINVAL for a bad index.
 */
SC_API sc_status sc_game_set_player(sc_game *g, size_t player, const char *label,
                                    const char *const *strategy_labels, sc_diag *diag);
/**
 * Sets `player`'s payoff at profile index `profile` (player 1's strategy changes fastest) from
 * .nfg number text, kept exact. SC_EINVAL for a bad index or a malformed number.
 */
SC_API sc_status sc_game_set_payoff(sc_game *g, size_t profile, size_t player, const char *number,
                                    sc_diag *diag);
/** The label of a player (0-based), or NULL if there is no such player. */
SC_API const char *sc_game_player_label(const sc_game *g, size_t player);
/** The label of one of a player's strategies, or NULL if there is no such strategy. */
SC_API const char *sc_game_strategy_label(const sc_game *g, size_t player, size_t strategy);

/** Number of players. */
SC_API size_t sc_game_players(const sc_game *g);
/** Number of strategies of a player (0-based). */
SC_API size_t sc_game_strategies(const sc_game *g, size_t player);
/** Number of pure-strategy profiles (product of the strategy counts). */
SC_API size_t sc_game_profiles(const sc_game *g);
/** The game's title (the .nfg file's title string). */
SC_API const char *sc_game_title(const sc_game *g);
/** Payoff of `player` at the profile with index c (player 1's strategy changes fastest). */
SC_API double sc_game_payoff(const sc_game *g, size_t c, size_t player);
/** Smallest and largest payoff of any player at any profile (both 0 for an empty game). */
SC_API void sc_game_payoff_bounds(const sc_game *g, double *min, double *max);
/** The exact payoff as text "num/den" (or "num"); into buf of size n. */
SC_API void sc_game_payoff_text(const sc_game *g, size_t c, size_t player, char *buf, size_t n);

/** The two versions of Gambit's .nfg format. */
typedef enum sc_nfg_version {
    SC_NFG_OUTCOME = 0, /**< outcomes listed once, then a table of outcome numbers */
    SC_NFG_PAYOFF       /**< every profile's payoffs in one list */
} sc_nfg_version;

/** The version the file was written in. */
SC_API sc_nfg_version sc_game_version(const sc_game *g);

/**
 * The game as .nfg text (labelled strategies; exact payoffs): on SC_OK *out is a new string freed
 * with sc_free and *len its length (len may be NULL).
 */
SC_API sc_status sc_game_write_nfg(const sc_game *g, sc_nfg_version version, char **out,
                                   size_t *len, sc_diag *diag);

/**
 * Every pure-strategy Nash equilibrium, in profile order (player 1 fastest), as profile indices.
 * *profiles is freed with sc_free. Exact comparisons. O(profiles x sum of strategies).
 */
SC_API sc_status sc_game_enumpure(const sc_game *g, size_t **profiles, size_t *count,
                                  sc_diag *diag);

/**
 * The regret of each player (best pure deviation payoff minus the profile's payoff) at a mixed
 * profile given as probabilities, player by player in strategy order (sum of strategies
 * entries), in double precision; regret[player]. Used to check any reported equilibrium.
 */
SC_API sc_status sc_game_regret(const sc_game *g, const double *profile, double *regret,
                                sc_diag *diag);

/* ---- Solvers ---------------------------------------------------------------------------- */

/** The equilibrium-finding methods (Gambit's tools of the same names). */
typedef enum sc_game_method {
    SC_GAME_ENUMPURE = 0, /**< all pure equilibria, any number of players, exact */
    SC_GAME_ENUMMIXED,    /**< all extreme equilibria of a two-player game, exact */
    SC_GAME_LCP,          /**< Lemke-Howson from every label and recursively, two players, exact */
    SC_GAME_LOGIT,        /**< the principal branch of the logit QRE, any number of players */
    SC_GAME_SIMPDIV,      /**< simplicial subdivision from the centroid, any number of players */
    SC_GAME_LP,           /**< linear programming, two-player constant-sum games, exact */
    SC_GAME_SPE,          /**< trees of perfect information: every pure subgame-perfect
                               equilibrium by backward induction, exact */
    SC_GAME_GNM,          /**< Govindan-Wilson global Newton method, any number of players */
    SC_GAME_IPA,          /**< Govindan-Wilson iterated polymatrix approximation, any players */
    SC_GAME_LIAP,         /**< Lyapunov function minimisation (McKelvey), any number of players */
    SC_GAME_ENUMPOLY      /**< support enumeration with polynomial solving: every isolated
                               equilibrium, any number of players */
} sc_game_method;

/** The method's name as on the command line ("enumpure", ...); NULL for an unknown method. */
SC_API const char *sc_game_method_name(sc_game_method m);
/** Looks a method up by name; SC_ENOTFOUND if there is none (the diag lists the methods). */
SC_API sc_status sc_game_method_parse(const char *name, sc_game_method *out, sc_diag *diag);

/** How sc_game_solve works; set the defaults with sc_game_solve_options_init. */
typedef struct sc_game_solve_options {
    sc_game_method method; /**< the method (default SC_GAME_ENUMPURE) */
    int components;        /**< enummixed: also the maximal convex sets ("convex-K" lines, -c) */
    int path;              /**< logit: keep the traced branch (lambda, profile) points */
    double max_regret;     /**< logit / simpdiv stopping rule, liap's and enumpoly's acceptance
                              rule, relative to the payoff range; 0 = the method's default
                              (logit 1e-8, simpdiv 1e-7, liap 1e-4, enumpoly 1e-9) */
    size_t max_equilibria; /**< lcp, enumpoly: stop after this many; 0 = no limit */
    int max_depth;         /**< lcp: recursion depth from found equilibria; -1 = no limit */
    double time_limit;     /**< CPU seconds of the solving thread before giving up
                              with SC_ELIMIT (load-independent); 0 = none */
    /* game trees (sc_efg_solve) */
    int strategic; /**< solve the reduced strategic form instead (Gambit's -S) */
    int agent;     /**< enumpure: pure agent-form equilibria (Gambit's -A) */
    /* gnm and ipa: perturbations (Gambit's -n, -s) and gnm's path following (-c, -f, -i) */
    size_t starts;       /**< gnm / ipa: how many random perturbations to follow (0: one);
                              liap: how many random starting points (0: the centroid) */
    uint64_t seed;       /**< gnm / ipa: seed of Gambit's generator for the random perturbations
                              (std::default_random_engine, i.e. minstd_rand0); 0 = its default 1 */
    const double *start; /**< gnm / ipa: given perturbations instead of random ones (liap:
                              starting profiles), start_count of them, one entry per strategy
                              each */
    size_t start_count;  /**< how many perturbations start holds */
    int gnm_steps;       /**< gnm: linear steps per support (0: 100; two players always 1) */
    int gnm_lnm_freq;    /**< gnm: local Newton correction every this many steps (0: 3) */
    int gnm_lnm_max;     /**< gnm: iterations of each local Newton correction (0: 10) */
    int liap_iterations; /**< liap: minimisation steps per start (Gambit's -i; 0: 1000) */
    int verbose;         /**< enumpoly: keep each support examined and each singular one for
                              the output ("candidate,..." and "singular,..." lines, Gambit's -v) */
    /** If not NULL, checked in the methods' loops: once *cancel is nonzero the method stops and
        sc_game_solve returns SC_ELIMIT with what it found so far (set it from a signal
        handler). */
    const volatile sig_atomic_t *cancel;
    /** If not NULL, called each time a profile is found with the number found so far (total
        0: unknown), from the solving thread; progress_ctx is passed to it. */
    sc_progress_fn progress;
    void *progress_ctx; /**< passed to progress */
} sc_game_solve_options;

/** Defaults: enumpure, no components, no path, method defaults, no limits. */
SC_API void sc_game_solve_options_init(sc_game_solve_options *o);

/**
 * A method's answer: mixed profiles (each sum-of-strategies entries, player by player in file
 * order), exact for the exact methods, plus the components and the logit path when asked for.
 */
typedef struct sc_game_solution sc_game_solution;

/**
 * Solves g by o->method (NULL: enumpure). On SC_OK *out holds the answer. On SC_ELIMIT (the
 * time limit ran out) *out holds the profiles found until then, or NULL if none; on any other
 * error *out is NULL. Free with sc_game_solution_free.
 */
SC_API sc_status sc_game_solve(const sc_game *g, const sc_game_solve_options *o,
                               sc_game_solution **out, sc_diag *diag);
/** Frees a solution; NULL is a no-op. */
SC_API void sc_game_solution_free(sc_game_solution *s);
/** Number of reported profiles (Gambit's NE lines; duplicates kept as the method found them). */
SC_API size_t sc_game_solution_count(const sc_game_solution *s);
/** 1 if the profiles are behaviour profiles of a game tree (from sc_efg_solve). */
SC_API int sc_game_solution_behaviour(const sc_game_solution *s);
/** Entries per profile: the total number of strategies (behaviour profiles: of actions). */
SC_API size_t sc_game_solution_width(const sc_game_solution *s);
/** Profile i as doubles (width entries). */
SC_API const double *sc_game_solution_profile(const sc_game_solution *s, size_t i);
/** 1 if the profiles are exact rationals (enumpoly: those sc_game_solution_profile_exact says). */
SC_API int sc_game_solution_exact(const sc_game_solution *s);
/** 1 if profile i is held exactly (rationals), 0 if only as doubles or i is out of range.
 * enumpoly's solution is exact but a root that is irrational is held as doubles. */
SC_API int sc_game_solution_profile_exact(const sc_game_solution *s, size_t i);
/** enumpoly: how many supports were singular (a continuum or a multiple root: their solutions
 * are not reported); 0 for the other methods. */
SC_API size_t sc_game_solution_singular(const sc_game_solution *s);
/** Profile i's entry j as exact text ("1/3"); "" when the profile is not exact. */
SC_API void sc_game_solution_text(const sc_game_solution *s, size_t i, size_t j, char *buf,
                                  size_t n);
/**
 * Exact check of profile i of an exact solution, in rationals from the exact payoffs: 1 if every
 * player's probabilities are non-negative and sum to 1 and no player gains by any pure deviation
 * (a Nash equilibrium, exactly), else 0; -1 if the solution is not exact or i is out of range.
 * relative_regret (may be NULL) gets the largest regret over the payoff range (-1 when the
 * profile is not made of probability vectors). -1 too for a profile held as doubles only.
 */
SC_API int sc_game_solution_exact_check(const sc_game *g, const sc_game_solution *s, size_t i,
                                        double *relative_regret);
/** The largest regret of any player at any reported profile, relative to the payoff range. */
SC_API double sc_game_solution_max_regret(const sc_game *g, const sc_game_solution *s);

/**
 * Gambit's output: one "NE,..." line per profile, then "convex-K,..." lines when components were
 * asked for, and for logit with path the "lambda,..." lines before the final NE line; enumpoly
 * with o->verbose: "candidate,..." before each support's equilibria and "singular,..." after a
 * singular support, as gambit-enumpoly -v. enumpoly prints fixed 6 decimals as Gambit's does.
 * decimals < 0: exact fractions for exact methods, the method's default format otherwise
 * (logit: 6 significant digits as Gambit prints). decimals >= 0: fixed with that many decimals.
 * On SC_OK *out is a new string freed with sc_free and *len its length (len may be NULL).
 */
SC_API sc_status sc_game_solution_format(const sc_game_solution *s, int decimals, char **out,
                                         size_t *len, sc_diag *diag);
/**
 * Gambit's detail table (the -D option of gambit-enumpure, gambit-lcp, gambit-lp) for each
 * profile of a strategic-form solution of g: per player, each strategy's label, probability and
 * value (its payoff against the others' mixed strategies), exact for exact solutions unless
 * decimals >= 0. SC_EUNSUPPORTED for behaviour profiles of a tree. *out is freed with sc_free.
 */
SC_API sc_status sc_game_solution_format_detail(const sc_game *g, const sc_game_solution *s,
                                                int decimals, char **out, size_t *len,
                                                sc_diag *diag);

/* ---- Extensive-form games (.efg) ---------------------------------------------------------- */

/**
 * A finite game tree in Gambit's .efg format: players' and chance's moves, information sets,
 * outcomes (also at non-terminal nodes, where payoffs add up along the path), exact payoffs and
 * chance probabilities (GMP rationals). Opaque; players are numbered from 0 in this API.
 */
typedef struct sc_efg sc_efg;

/**
 * Reads Gambit's .efg format (docs/models/games.md) with located errors: malformed structure, an
 * information set whose nodes have different actions, chance probabilities that are negative or
 * do not sum to 1, a player number out of range, an outcome referenced but never defined.
 * *out is freed with sc_efg_free.
 */
SC_API sc_status sc_efg_read(const char *text, size_t len, const char *file, sc_efg **out,
                             sc_diag *diag);
/** Frees a game tree; NULL is a no-op. */
SC_API void sc_efg_free(sc_efg *e);
/** Writes the game back in Gambit's layout (numbers as they were read): *out (freed with
 * sc_free) and *len (may be NULL). */
SC_API sc_status sc_efg_write(const sc_efg *e, char **out, size_t *len, sc_diag *diag);

/** The game's title. */
SC_API const char *sc_efg_title(const sc_efg *e);
/** Number of players (chance not counted). */
SC_API size_t sc_efg_players(const sc_efg *e);
/** The label of a player (0-based). */
SC_API const char *sc_efg_player_label(const sc_efg *e, size_t player);
/** Number of nodes of the tree. */
SC_API size_t sc_efg_nodes(const sc_efg *e);
/** Number of a player's information sets, numbered in order of first appearance (Gambit's). */
SC_API size_t sc_efg_infosets(const sc_efg *e, size_t player);
/** Number of actions at a player's information set. */
SC_API size_t sc_efg_actions(const sc_efg *e, size_t player, size_t infoset);
/** The label of a player's information set. */
SC_API const char *sc_efg_infoset_label(const sc_efg *e, size_t player, size_t infoset);
/** The label of an action at a player's information set. */
SC_API const char *sc_efg_action_label(const sc_efg *e, size_t player, size_t infoset,
                                       size_t action);
/** Entries of a behaviour profile: every action of every player's information sets, player by
 * player, information set by information set (Gambit's NE line for extensive games). */
SC_API size_t sc_efg_behaviour_width(const sc_efg *e);
/** 1 if no player ever forgets what they knew or did (perfect recall), else 0. */
SC_API int sc_efg_perfect_recall(const sc_efg *e);
/** 1 if every player's information set has one node (perfect information), else 0. */
SC_API int sc_efg_perfect_information(const sc_efg *e);

/**
 * The reduced strategic form, as Gambit converts it: each player's reduced pure strategies (a
 * choice at every information set the player's own earlier choices do not rule out), labelled
 * "1", "2", ... in Gambit's order, and exact expected payoffs over chance. SC_ELIMIT beyond 2^24
 * profiles. *out is freed with sc_game_free.
 */
SC_API sc_status sc_efg_reduced_form(const sc_efg *e, sc_game **out, sc_diag *diag);

/**
 * Solves a game tree. In behaviour strategies (one NE line per profile, entries as in
 * sc_efg_behaviour_width; perfect recall needed): enumpure (pure equilibria of the reduced
 * strategic form, or with o->agent the pure agent-form equilibria), lcp (sequence form, Lemke;
 * two players), lp (sequence form; two-player constant-sum), logit (agent QRE branch), spe
 * (backward induction; perfect information). Every other method, and any method with
 * o->strategic, solves the reduced strategic form and reports mixed profiles of it, as Gambit's
 * tools do. Errors and partial answers as sc_game_solve.
 */
SC_API sc_status sc_efg_solve(const sc_efg *e, const sc_game_solve_options *o,
                              sc_game_solution **out, sc_diag *diag);
/**
 * Exact check of behaviour profile i of an exact solution of e: 1 if every information set
 * carries a probability vector and no player gains by any deviation (Nash, exactly), 0 if not,
 * -1 if it cannot tell (inexact solution, no perfect recall). relative_regret as for
 * sc_game_solution_exact_check (relative to the range of path payoffs).
 */
SC_API int sc_efg_solution_exact_check(const sc_efg *e, const sc_game_solution *s, size_t i,
                                       double *relative_regret);
/** The largest regret of any player at any reported behaviour profile, relative to the range of
 * path payoffs (doubles); HUGE_VAL if it cannot be computed. */
SC_API double sc_efg_solution_max_regret(const sc_efg *e, const sc_game_solution *s);
/** Each player's regret at a behaviour profile (doubles); needs perfect recall. */
SC_API sc_status sc_efg_regret(const sc_efg *e, const double *behaviour, double *regret,
                               sc_diag *diag);

/* ---- Games from scenarios ----------------------------------------------------------------- */

/**
 * The three-actor alignment game (docs/models/games.md): each actor tilts toward one of the other
 * two or stays neutral (27 profiles). Payoffs from the scenario's amity, capability and trade:
 *   u_i = sum_j M_ij (a_ij + w_j) - r sum_j T_ij (1 - M_ij) - tau sum_j T_ij d_ik
 *         - theta M_jk (w_j + w_k) (1 - (a_ij + a_ik) / 2) / 2
 * with T_ij = 1 if i tilts toward j, M_ij = T_ij T_ji (a mutual alignment), w capability shares
 * of the three, d_ik trade of the dyad over the triangle's largest trade (0 when not given),
 * k the third actor. Payoffs are rounded to 1e-6 and kept exact.
 */
typedef struct sc_alignment_params {
    double unrequited; /**< r: cost of a tilt the other does not return (default 0.25) */
    double threat;     /**< theta: weight of the bloc the other two form (default 1) */
    double trade;      /**< tau: weight of the trade put at risk by tilting away (default 0.5) */
} sc_alignment_params;

/** Sets the defaults: r 0.25, theta 1, tau 0.5. */
SC_API void sc_alignment_params_init(sc_alignment_params *p);

/**
 * Builds the alignment game of the scenario actors ids[0..2] (p NULL: the defaults): SC_ENOTFOUND
 * for an unknown actor, SC_EINVAL if a relation among them is missing. *out is freed with
 * sc_game_free.
 */
SC_API sc_status sc_alignment_game(const sc_scenario *s, const char *const ids[3],
                                   const sc_alignment_params *p, sc_game **out, sc_diag *diag);

/**
 * The ceasefire negotiation as a game tree (docs/models/games.md, "The ceasefire negotiation"),
 * built from the scenario's `war:` section and its optional `negotiation:` section. The mediator
 * proposes terms x (A's share of the stakes) from a grid over the bargaining range, the guarantor
 * (Europe) attaches a troop-backed guarantee at a cost or not, A accepts or rejects, then B; a
 * rejection leaves the war going on, with each side's continuation value from the war model
 * (sc_war_opening_values). Players: 1 the mediator, 2 A, 3 B, 4 the guarantor.
 *
 * Without uncertainty every move is observed (perfect information) and the answer is the
 * subgame-perfect equilibrium by backward induction. With uncertainty each belligerent's cost of
 * fighting on is private, low or high with probability 1/2 each (a chance move at the root); each
 * side knows its own and the others do not (information sets), and the answer is a sequential
 * equilibrium. Ties: a belligerent accepts when indifferent, the guarantor does not guarantee,
 * the mediator proposes the terms nearest its ideal. Every answer is checked on the exported tree
 * by sc_efg_regret (max_regret).
 */
#define SC_CEASEFIRE_MAX_TERMS 64 /**< the most proposals a negotiation tree has */

/** A solved ceasefire negotiation (see sc_ceasefire_solve). */
typedef struct sc_ceasefire {
    int uncertain;          /**< 1: private costs (chance moves and information sets) */
    char a[32];             /**< actor id of belligerent A (war.a) */
    char b[32];             /**< actor id of belligerent B (war.b) */
    char mediator[32];      /**< actor id of the mediator (war.mediator) */
    char guarantor[96];     /**< the guarantor's label, e.g. "Europe (GBR FRA DEU POL)" */
    size_t n_types;         /**< 1 (no uncertainty) or 2 (low and high cost, 1/2 each) */
    double cost_a[2];       /**< each type of A's cost per battle (sanctions included) */
    double cost_b[2];       /**< each type of B's cost per battle */
    double guarantee[2];    /**< the deal's guarantee without / with the guarantor's force */
    double guarantee_cost;  /**< what the force costs the guarantor, in shares of the stakes */
    double fail[2];         /**< P(a deal fails while followed) without / with the force */
    double lo[2][2];        /**< [guarantee][A's type]: the least terms A accepts */
    double hi[2][2];        /**< [guarantee][B's type]: the most terms B concedes */
    double value_a[2];      /**< each type of A's value of rejecting (continuation value) */
    double value_b[2];      /**< each type of B's value of rejecting, in B's share */
    double mediator_ideal;  /**< the terms the mediator prefers */
    double guarantor_ideal; /**< the terms the guarantor prefers */
    double mediator_war;    /**< the mediator's utility of the war going on */
    double guarantor_war;   /**< the guarantor's utility of the war going on */
    size_t n_terms;         /**< proposals on the grid */
    double terms[SC_CEASEFIRE_MAX_TERMS];   /**< the proposals, increasing */
    int guaranteed[SC_CEASEFIRE_MAX_TERMS]; /**< the guarantor's choice after each proposal */
    int accept_a[SC_CEASEFIRE_MAX_TERMS][2][2]; /**< A's answer: [proposal][guarantee][type] */
    int accept_b[SC_CEASEFIRE_MAX_TERMS][2][2]; /**< B's answer: [proposal][guarantee][type] */
    double p_deal_at[SC_CEASEFIRE_MAX_TERMS];   /**< P(deal) after each proposal */
    size_t proposal;        /**< the mediator's proposal (index into terms) */
    double p_deal;          /**< probability of a deal on the equilibrium path (0 or 1 if certain) */
    double payoff[4];       /**< expected equilibrium payoffs: mediator, A, B, guarantor */
    size_t nodes;           /**< nodes of the tree */
    size_t infosets;        /**< information sets of the players (chance's not counted) */
    double max_regret;      /**< the largest regret at the equilibrium, relative to the payoff
                                 range, on the tree as exported (0 up to rounding) */
    char *efg;              /**< the tree as Gambit .efg text (freed by sc_ceasefire_free) */
} sc_ceasefire;

/**
 * Builds and solves the ceasefire negotiation of scenario s (already in the state to compute):
 * `uncertain` 0 for the perfect-information tree, 1 for private costs. SC_EINVAL (located where
 * possible) when the scenario has no usable war section or a bad `negotiation:` key. *out is
 * freed with sc_ceasefire_free.
 */
SC_API sc_status sc_ceasefire_solve(const sc_scenario *s, int uncertain, sc_ceasefire **out,
                                    sc_diag *diag);
/** Frees a ceasefire answer (NULL is a no-op). */
SC_API void sc_ceasefire_free(sc_ceasefire *c);

#ifdef __cplusplus
}
#endif
#endif
