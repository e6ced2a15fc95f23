/* SPDX-License-Identifier: MIT */
/* The game representation shared by the reader, the writer and the solvers. */
#ifndef SC_GAME_INTERNAL_H
#define SC_GAME_INTERNAL_H

#include <gmp.h>

#include "statecraft/game.h"

struct sc_game {
    size_t n;     /* players */
    size_t *ns;   /* strategies per player */
    size_t nprof; /* product of ns */
    char *title, *comment;
    char **player;    /* n labels */
    char ***label;    /* strategy labels per player */
    mpq_t *pay;       /* nprof * n exact payoffs, profile-major */
    size_t pay_ready; /* how many of pay are initialised (all, once built; fewer after a failure) */
    double *dpay;     /* the same as doubles */
    sc_nfg_version version; /* as read */
};

/* Exact numbers (parsing with caps, GMP allocation guard): game/exact.h. */
#include "game/exact.h"

/* A method's answer (statecraft/game.h). Solvers fill it with the sc__sol_* helpers below. */
struct sc_game_solution {
    sc_game_method method;
    size_t width;       /* sum of strategies */
    size_t count, cap;  /* profiles */
    int exact;          /* q holds the exact profiles */
    mpq_t *q;           /* count * width when exact */
    double *d;          /* count * width */
    size_t ncomp;       /* components (maximal convex sets), each a list of profile indices */
    size_t *comp_start; /* ncomp + 1 offsets into comp_member */
    size_t *comp_member;
    size_t comp_cap;
    int behaviour; /* profiles are behaviour profiles of a game tree (sc_efg_solve) */
    double *path;  /* npath * (1 + width): lambda then the profile */
    size_t npath, path_cap;
    sc_progress_fn progress; /* the options' progress: called with the count of each profile */
    void *progress_ctx;
    /* enumpoly: rows of an exact solution that are doubles only (an irrational root, checked
       within the tolerance); NULL when every row is exact */
    unsigned char *inexact;
    size_t singular;            /* enumpoly: supports found singular */
    struct sc__sol_note *notes; /* enumpoly -v: the supports examined, in order */
    size_t nnotes, notes_cap;
};

/* A line of enumpoly's verbose output ("candidate,..." or "singular,...") and where it goes. */
enum { SC__SOL_NOTE_CANDIDATE = 0, SC__SOL_NOTE_SINGULAR = 1 };
struct sc__sol_note {
    int kind;
    size_t before; /* profiles reported before it */
    char *text;
};

/* Offsets of each player's block in a flattened profile: off[p], p < g->n, and off[n] = width. */
size_t sc__game_width(const sc_game *g);

/* An empty solution for g; exact selects whether profiles are pushed as rationals. */
sc_status sc__sol_new(const sc_game *g, sc_game_method m, int exact, sc_game_solution **out,
                      sc_diag *diag);
/* The same for a given profile width (behaviour profiles of a tree). */
sc_status sc__sol_new_width(size_t width, sc_game_method m, int exact, sc_game_solution **out,
                            sc_diag *diag);
/* Appends a profile (width entries; copied). The double copy is derived from the exact one. */
sc_status sc__sol_push_q(sc_game_solution *s, mpq_t *p, sc_diag *diag);
sc_status sc__sol_push_d(sc_game_solution *s, const double *p, sc_diag *diag);
/* Appends a row of doubles to an exact solution, marked inexact (enumpoly's irrational roots). */
sc_status sc__sol_push_inexact(sc_game_solution *s, const double *p, sc_diag *diag);
/* Appends a verbose line (SC__SOL_NOTE_*) with its text (copied). */
sc_status sc__sol_note(sc_game_solution *s, int kind, const char *text, sc_diag *diag);
/*
 * Exact Nash test of a profile (sum-of-strategies rationals): 1 if it is made of probability
 * vectors and no player gains by a pure deviation, else 0; -1 out of memory. relative_regret as
 * for sc_game_solution_exact_check.
 */
int sc__game_exact_nash(const sc_game *g, mpq_t *prof, double *relative_regret);

/* Appends a component made of the given profile indices. */
sc_status sc__sol_add_component(sc_game_solution *s, const size_t *members, size_t k,
                                sc_diag *diag);
/* Appends a point of the logit path. */
sc_status sc__sol_push_path(sc_game_solution *s, double lambda, const double *p, sc_diag *diag);

/* CPU seconds of the calling thread (monotonic wall seconds where that clock is missing), for
   the time_limit option. */
double sc__game_now(void);

/*
 * The solvers behind sc_game_solve, one file each. They append to sol (already created with the
 * right exactness) and report errors through diag. Arguments are checked by sc_game_solve
 * (e.g. two players for the two-player methods).
 */
sc_status sc__game_enumpure(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                            sc_diag *diag);
sc_status sc__game_enummixed(const sc_game *g, const sc_game_solve_options *o,
                             sc_game_solution *sol, sc_diag *diag);
sc_status sc__game_lcp(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                       sc_diag *diag);
sc_status sc__game_logit(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                         sc_diag *diag);
/*
 * sc__game_logit with the bifurcation perturbation `pert` (sc__game_logit: +1e-7, Gambit's)
 * added to player 1's sum-to-one equation at each bifurcation: -1e-7 leaves a pitchfork on the
 * other prong (how tests follow both branches). *bifurcations (if not NULL): how many were met.
 */
sc_status sc__game_logit_branch(const sc_game *g, const sc_game_solve_options *o, double pert,
                                size_t *bifurcations, sc_game_solution *sol, sc_diag *diag);
sc_status sc__game_lp(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                      sc_diag *diag);
/*
 * The methods' common stopping test: 1 once the caller's cancel flag (o->cancel) is set or,
 * with a time limit, once sc__game_now() passes t0 + o->time_limit. sc__game_stopped then sets
 * the diag (SC_ELIMIT, "METHOD: interrupted" or "METHOD: time limit of S s reached").
 */
int sc__game_stop(const sc_game_solve_options *o, double t0);
sc_status sc__game_stopped(const sc_game_solve_options *o, const char *method, sc_diag *diag);
sc_status sc__game_gnm(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                       sc_diag *diag);
sc_status sc__game_ipa(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                       sc_diag *diag);
sc_status sc__game_simpdiv(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                           sc_diag *diag);
sc_status sc__game_enumpoly(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                            sc_diag *diag);
sc_status sc__game_liap(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                        sc_diag *diag);
/* liap's objective L(p) (payoffs rescaled to [0, 1]) and, if grad is not NULL, its gradient
   (sum-of-strategies entries): for tests. */
sc_status sc__liap_objective(const sc_game *g, const double *p, double *L, double *grad);

/* The behaviour-strategy solvers behind sc_efg_solve (src/game/seqform.c, efg_logit.c). */
sc_status sc__efg_lcp(const sc_efg *e, const sc_game_solve_options *o, sc_game_solution *sol,
                      sc_diag *diag);
/*
 * sc__efg_lcp's last resort (both of Lemke's orders ending on a ray): one equilibrium of the
 * reduced strategic form by Lemke-Howson, as a behaviour profile, honouring o's cancel and time
 * limit counted from t0 while the form is built and solved. Two players, perfect recall.
 */
sc_status sc__efg_lcp_strategic(const sc_efg *e, const sc_game_solve_options *o, double t0,
                                sc_game_solution *sol, sc_diag *diag);
sc_status sc__efg_lp(const sc_efg *e, const sc_game_solve_options *o, sc_game_solution *sol,
                     sc_diag *diag);
sc_status sc__efg_logit(const sc_efg *e, const sc_game_solve_options *o, sc_game_solution *sol,
                        sc_diag *diag);
/* Tree logit's system at y = (width log-probabilities, mu): H(y) into F (width entries) and, if J
   is not NULL, the analytic Jacobian the tracer uses (width x (width + 1), row-major): for
   tests, which check it against finite differences of H. */
sc_status sc__efg_logit_system(const sc_efg *e, const double *y, double *F, double *J,
                               sc_diag *diag);

#endif
