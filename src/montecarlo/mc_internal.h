/* SPDX-License-Identifier: MIT */
/*
 * The Monte Carlo engine (statecraft/montecarlo.h, docs/uncertainty.md): the plan (states,
 * models, which inputs each model reads, the outputs), the evaluation of one row of the design in
 * a worker, the block accumulators, and the result document.
 */
#ifndef SC_MONTECARLO_INTERNAL_H
#define SC_MONTECARLO_INTERNAL_H

#include <jansson.h>
#include <jv.h>

#include "report/document.h"
#include "scenario/jq_internal.h"
#include "scenario/scenario_internal.h"
#include "statecraft/montecarlo.h"
#include "statecraft/uncertainty.h"
#include "uncertainty/uncertainty_internal.h"

/* Rows per block: part of the result's definition (sums are merged block by block), so it
 * depends on nothing but the design. */
#define SC__MC_BLOCK_ROWS 50
/* The default sensitivity design: one base row per this many draws, at most
 * SC__MC_SENSITIVITY_MAX (M = min(ceil(N/20), 250); docs/uncertainty.md, "Why at most 250"). */
#define SC__MC_SENSITIVITY_PER 20
#define SC__MC_SENSITIVITY_MAX 250
/* The model-noise check: every draw d with d % SC__MC_NOISE_PER == 0 judges its claims that read
 * a simulating model again on an independent model stream (docs/uncertainty.md, "Model noise"). */
#define SC__MC_NOISE_PER 20

/* One state the claims or the headline numbers need. */
typedef struct mc_state {
    sc_state st;             /* variant (borrowed from the scenario), events; no cut-off */
    char *name;              /* "before-events", "after-events" or the variant's name */
    sc__model_set models;    /* models computed in this state */
    sc__model_set jq_models; /* models the predicates read (converted to jq values) */
    json_t *state_json;      /* the document's "state" object */
    unsigned war_levers;     /* the war's lever rows read here (sc__section_in); 0: all */
    /* the model-noise check: the simulating models (sc__mc_model_simulates) the claims judged
     * here read, and the war's lever rows those claims read (0: all) */
    sc__model_set noise_models;
    unsigned noise_levers;
} mc_state;

typedef enum mc_out_kind { MC_CLAIM = 0, MC_NUMBER, MC_CATEGORY } mc_out_kind;

/* One output of a draw: a claim judged in a state (or on its states side by side), or a headline
 * number of a model in the headline state. */
typedef struct mc_output {
    mc_out_kind kind;
    size_t claim;        /* MC_CLAIM: the claim's index; its predicate is expression `expr` */
    size_t expr;
    size_t state;        /* MC_CLAIM: the state judged (SIZE_MAX: compare); else the headline state */
    size_t model;        /* headlines: the model's index in the document table */
    char *key;           /* headlines: the answer's key, e.g. "territory forecast" */
    double nominal;      /* the value at the point values (MC_CATEGORY: 1) */
    char *nominal_label; /* MC_CATEGORY: the label at the point values */
    unsigned char *deps; /* per input: 1 if this output can depend on it */
    size_t sobol_index;  /* its column among the sensitivity outputs */
    size_t stat_index;   /* its sketch (MC_NUMBER) or tally (MC_CATEGORY) */
    sc__model_set noise; /* MC_CLAIM: the simulating models it reads (0: none; not checked) */
} mc_output;

/* The partial result of one block of draws (or the merged prefix). */
typedef struct mc_acc {
    size_t n_claims, n_numbers, n_categories;
    uint64_t rows;       /* draws counted */
    uint64_t *holds;     /* per claim output: draws in which it held */
    uint64_t noise_rows; /* draws judged again on another model stream (the model-noise check) */
    uint64_t *flips;     /* per claim output: of those, the draws whose verdict changed */
    double *sum;         /* per number: sum over draws, for the mean (merged in block order) */
    sc_sketch **sketch;  /* per number */
    sc_tally **tally;    /* per category */
    sc_sobol *sobol;     /* sensitivity rows in this block, NULL if none */
} mc_acc;

/* A worker's private state: its copy of the scenario, its jq program and its caches. */
typedef struct mc_worker mc_worker;

/* The documents' fixed parts as jq values. libjq 1.6 counts references without atomics, so a jv
 * is never shared between threads: each worker converts its own from the jansson originals. */
typedef struct mc_fixed {
    jv scenario, run;
    jv *state; /* per plan state */
    size_t n_states;
} mc_fixed;

struct sc_mc {
    const sc_scenario *s;
    sc_mc_opts opts;
    size_t k;                  /* uncertain inputs */
    size_t n_states, headline_state;
    mc_state *states;
    unsigned char *dep;        /* [input][state][model]: the input can change the model's content */
    /* [input][issue]: the input can move the EUM's row of that issue (a stance of the issue, or
     * anything else the EUM reads: every issue); a row A_B^(i) plays only those issues again */
    unsigned char *eum_issues;
    size_t n_issues;
    size_t n_out;
    mc_output *out;
    size_t n_claim_out, n_number_out, n_category_out;
    size_t n_noisy;            /* claim outputs that read a simulating model */
    const char **exprs;        /* the predicates, one jq program */
    size_t n_exprs;
    size_t sensitivity_rows, blocks;
    /* the design (docs/uncertainty.md, "The sensitivity design"): with 2M <= N, base row j's A
     * and B are the draws 2 floor(j floor(N/2) / M) and the one after it (spread over every
     * block, and B costs nothing beyond its draw); otherwise A is draw j and B its own stream */
    int draw_pairs;
    json_t *scenario_json, *run_json; /* the documents' fixed parts */
    mc_fixed fixed;            /* ... as jq values, for the planning thread only */
    json_t *nominal_contents;  /* state name -> model -> content at the point values */
    mc_acc *total;             /* the merged prefix */
    size_t merged;             /* blocks merged */
    uint64_t fingerprint[4];   /* what a checkpoint must match */
    int claims_only;           /* plan the claims alone (the report's point-value verdicts) */
    sc_run_opts nominal_opts;  /* how the point values are computed */
    char *text_hash_note;      /* how the scenario was identified, for messages */
};

/* Converts the fixed parts of the documents into f (its own jq values); frees them. */
sc_status sc__mc_fixed_init(const sc_mc *mc, mc_fixed *f);
void sc__mc_fixed_destroy(mc_fixed *f);

/* ---- plan.c ---- */

/* 1 if model `name` reads the number at member path `path` of scenario s (declared per model;
 * tests/montecarlo checks the declarations by perturbing every input a model does not read). */
int sc__mc_model_reads(const sc_scenario *s, const char *model, const char *path);
/* The war's lever rows claim cl reads (bit per sc_war_lever, none included), or 0: all of them
 * (a predicate that reaches the war otherwise than by `.models.war.levers.NAME`). */
unsigned sc__mc_claim_war_levers(const sc_claim *cl);
/* Which of the EUM's issues input `in` can move: redo[j] = 1 for every issue j one of its
 * members is a stance of, and for all of them if a member is any other number the EUM reads. */
void sc__mc_eum_issues(const sc_scenario *s, const sc_input *in, unsigned char *redo);
/* Builds the plan into mc (states, dependencies, outputs) and checks it at the point values. */
sc_status sc__mc_plan(sc_mc *mc, sc_diag *diag);

/* 1 if model `name`'s section in a draw draws from the model stream (the war's runs, the
 * bargaining section's agreement odds): its content then depends on the stream, not only on the
 * inputs (tests/montecarlo checks every other model gives the same bits on any stream). */
int sc__mc_model_simulates(const char *name);

/* ---- eval.c ---- */

/* 1 if draw d gets the model-noise check (some claim reads a simulating model). */
int sc__mc_noise_row(const sc_mc *mc, uint64_t d);

/* 1 if draw d is the row A of a base row of the design, with *j its index. */
int sc__mc_base_row(const sc_mc *mc, uint64_t d, uint64_t *j);

/* The run options of a draw with model seed `seed`: one thread, war_runs runs, lean sections. */
void sc__mc_run_opts(const sc_mc *mc, uint64_t seed, sc_run_opts *o);
sc_status sc__mc_worker_new(const sc_mc *mc, mc_worker **out, sc_diag *diag);
void sc__mc_worker_free(mc_worker *w);
/* Computes block b into a new accumulator. */
sc_status sc__mc_block_compute(const sc_mc *mc, mc_worker *w, size_t b, mc_acc **out,
                               sc_diag *diag);
/* The contents of every needed (state, model) at the point values (a new object keyed by state
 * name, then model), for the plan's checks and the headline outputs. */
sc_status sc__mc_nominal_contents(const sc_mc *mc, json_t **out, sc_diag *diag);
/* Evaluates claim output o's predicate on the point-value contents; *holds is 0 or 1. */
sc_status sc__mc_judge_nominal(const sc_mc *mc, sc__jq *q, const json_t *contents, size_t o,
                               int *holds, sc_diag *diag);
/* The single-state document jq sees (models limited to `set`), from contents (model -> json). */
jv sc__mc_state_doc(const sc_mc *mc, size_t state, const json_t *contents, sc__model_set set);
/* The side-by-side document of a `compare:` claim at the point values. */
jv sc__mc_compare_doc_nominal(const sc_mc *mc, const sc_claim *cl, const json_t *contents);
/* The label of a categorical answer value (strings as they are, arrays joined). */
char *sc__mc_label(const json_t *v);

/* ---- accum.c ---- */

sc_status sc__mc_acc_new(const sc_mc *mc, int with_sobol, mc_acc **out);
void sc__mc_acc_free(mc_acc *a);
sc_status sc__mc_acc_merge(mc_acc *into, const mc_acc *from);
void sc__mc_acc_write(const mc_acc *a, scx_buf *b);
sc_status sc__mc_acc_read(const sc_mc *mc, sc__reader *r, mc_acc **out);

/* A plan of the claims alone, judged at the point values with the report's own options (no
 * draws): the claims section's verdicts when no Monte Carlo ran. */
sc_status sc__mc_new_claims_only(const sc_scenario *s, const sc_run_opts *opts, sc_mc **out,
                                 sc_diag *diag);
/* The verdict of output o at the point values (1 holds, 0 fails). */
int sc__mc_holds_at_point(const sc_mc *mc, size_t claim, const char *state);

/* ---- result.c ---- */

/* The Monte Carlo part of the claims section (a new object). */
json_t *sc__mc_result_json(const sc_mc *mc);

#endif
