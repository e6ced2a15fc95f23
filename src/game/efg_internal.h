/* SPDX-License-Identifier: MIT */
/*
 * The extensive-form game (game tree) shared by the .efg reader and writer, the reduced strategic
 * form, the behaviour-strategy solvers and the checker. Nodes are numbered in preorder (the
 * order of the file); information sets of each player in order of first appearance, which is
 * Gambit's numbering after it sorts them (GameTreeRep::SortInfosets).
 */
#ifndef SC_GAME_EFG_INTERNAL_H
#define SC_GAME_EFG_INTERNAL_H

#include <gmp.h>
#include <stdint.h>

#include "game/game_internal.h"

#define SC__EFG_NONE UINT32_MAX

typedef struct sc__efg_node {
    uint32_t parent;  /* SC__EFG_NONE at the root */
    uint32_t action;  /* which of the parent's actions leads here */
    uint32_t infoset; /* index into iset; SC__EFG_NONE at a terminal node */
    uint32_t child;   /* index into e->child of the first child (nact children follow) */
    uint32_t outcome; /* 0: none; k: outcome k - 1 */
    char *label;
} sc__efg_node;

typedef struct sc__efg_infoset {
    uint32_t player;  /* 0: chance; 1..n the players */
    uint32_t number;  /* 1-based within its player, in order of first appearance */
    uint32_t nact;
    uint32_t offset;  /* players: the first action's entry in a behaviour profile */
    uint32_t *member; /* nodes, in preorder */
    uint32_t nmember;
    size_t member_cap;
    uint32_t parent_seq; /* the player's own sequence leading here: 0 empty, else 1 + action
                            index (offset + a) of the last own action; perfect recall only */
    char *label;
    char **action;
    mpq_t *prob;      /* chance: exact probabilities, as in the file */
    uint32_t nprob;   /* how many of prob are initialised (a GMP failure can stop half way) */
    double *dprob;
    char **prob_text;
} sc__efg_infoset;

typedef struct sc__efg_outcome {
    char *label;
    mpq_t *pay; /* n exact payoffs */
    size_t npay; /* how many of pay are initialised */
    double *dpay;
    char **text; /* as written in the file (written back unchanged) */
} sc__efg_outcome;

struct sc_efg {
    size_t n; /* players, chance excluded */
    char *title, *comment;
    char **player;
    sc__efg_node *node;
    size_t nnode, node_cap;
    uint32_t *child;
    size_t nchild, child_cap;
    sc__efg_infoset *iset; /* every information set, chance's included */
    size_t niset, iset_cap;
    uint32_t **piset; /* n + 1 lists: piset[p] the infosets of player p (0 chance) */
    size_t *npiset;
    sc__efg_outcome *out;
    size_t nout, out_cap;
    size_t width;    /* actions of all players' information sets: a behaviour profile's length */
    size_t *poff;    /* n + 1: offset of each player's block in a behaviour profile */
    uint32_t *act_iset; /* width: the information set of each profile entry */
    int perfect_recall;
    int perfect_information; /* every player's information set has one node */
    int absent_minded;       /* some information set occurs twice on one path */
};

/* The children of a non-terminal node: e->child + node.child, count = its infoset's nact. */
static inline const uint32_t *sc__efg_children(const sc_efg *e, const sc__efg_node *v)
{
    return e->child + v->child;
}

/* Rebuilds poff, offsets, act_iset, the recall flags and parent sequences (after reading or
 * building a tree). SC_ENOMEM or SC_OK. */
sc_status sc__efg_finish(sc_efg *e, sc_diag *diag);

/*
 * sc_efg_reduced_form for a method that must honour cancel and the time limit of o (counted from
 * t0): a look at both before each player's strategies and every 1024 profiles; SC_ELIMIT with
 * "METHOD: interrupted" or "METHOD: time limit of S s reached" when they say stop. o NULL: no
 * looks (sc_efg_reduced_form).
 */
sc_status sc__efg_reduced_form_until(const sc_efg *e, const sc_game_solve_options *o, double t0,
                                     const char *method, sc_game **out, sc_diag *diag);

/*
 * The player's reduced pure strategies (Gambit's GameTreeRep::MakeReducedStrategies order): on
 * return *count strategies, each a row of npiset[p] action indices (-1 where the strategy's own
 * earlier choices never reach that information set), in *rows (count * npiset[p], malloc'd).
 */
sc_status sc__efg_reduced_strategies(const sc_efg *e, size_t player, int32_t **rows,
                                     size_t *count, sc_diag *diag);

/*
 * The behaviour profile (width entries) of a mixed profile of the reduced strategic form:
 * strat[p] and ns[p] as sc__efg_reduced_strategies gives them, mixed[p][s] the probabilities.
 * An information set the player's own strategies never reach gets the centroid.
 */
sc_status sc__efg_behav_from_mixed(const sc_efg *e, int32_t *const *strat, const size_t *ns,
                                   mpq_t *const *mixed, mpq_t *behav, sc_diag *diag);

/*
 * Each player's regret (best-response payoff minus payoff) at behaviour profile b, exactly:
 * 1 with regret[] filled; 0 if b is not made of probability vectors; -1 without perfect recall;
 * -2 out of memory.
 */
int sc__efg_regret_q(const sc_efg *e, mpq_t *const b, mpq_t *regret);
/* The same in doubles, also each player's payoff (payoff may be NULL). */
sc_status sc__efg_regret_d(const sc_efg *e, const double *b, double *regret, double *payoff,
                           sc_diag *diag);
/* Smallest and largest payoff on any path. */
void sc__efg_payoff_bounds(const sc_efg *e, double *lo, double *hi);

#endif
