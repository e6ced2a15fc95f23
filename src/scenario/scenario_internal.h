/* SPDX-License-Identifier: MIT */
/* The scenario's internal representation, shared by the parser, the importers and the operations. */
#ifndef SC_SCENARIO_INTERNAL_H
#define SC_SCENARIO_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>

#include "core/arena.h"
#include "scenario/relations.h"
#include "scenario/node.h"
#include "statecraft/scenario.h"

/* Limits that keep hostile inputs from exhausting memory or the stack. */
#define SC__MAX_DEPTH 64
#define SC__MAX_NODES 1000000u
#define SC__MAX_ACTORS 10000u
#define SC__MAX_ISSUES 1000u
#define SC__DEFAULT_MAX_BYTES ((size_t)16 << 20)
/*
 * Limits from the memory budget (sc_memory_budget_get): a run holds several copies of a scenario
 * at once (the scenario as given, the states before and after the events, a variant, Monte Carlo
 * workers' copies), so the per-copy tables are capped at budget / SC__SCENARIO_COPIES: the dense
 * stance table (actors x issues cells, 344 bytes each) and the sparse relations (196 bytes each).
 * At 2 GiB: 780,335 cells (10,000 actors and 78 issues, or 1,000 and 780) and 1,369,568
 * relations (docs/limits.md).
 */
#define SC__SCENARIO_COPIES 8
size_t sc__scenario_max_cells(void);
size_t sc__scenario_max_relations(void);

/* The text a document was parsed from, for located errors long after parsing. */
typedef struct sc__text {
    const char *file;
    const char *text;
    size_t len;
} sc__text;

struct sc_node {
    sc_node_kind kind;
    const char *scalar;     /* scalars: the text (NUL-terminated) */
    int quoted;             /* scalars: written with quotes (never a number) */
    size_t n;               /* sequences and mappings */
    const char **keys;      /* mappings: n keys */
    const sc_node **key_nodes; /* mappings: the key nodes, for locating key errors */
    sc_node **items;        /* n items or values */
    size_t offset;          /* byte offset of the node in the text */
    int width;              /* code points to underline */
    const sc__text *src;    /* may be NULL for synthetic nodes */
};

typedef struct sc__inputs sc__inputs; /* the uncertain inputs (inputs.c) */

/*
 * Immutable data shared by a scenario and the copies derived from it (reference counted, so
 * copies in Monte Carlo workers cost no string copying).
 */
typedef struct sc__doc {
    atomic_int refs;
    sc__arena arena;
    sc__text text;        /* the source text, for located errors */
    char *text_owned;     /* text.text when the document owns it (malloc) */
    const sc_node *root;  /* NULL for scenarios built in code */
    sc__inputs *inputs;   /* the uncertain inputs (inputs.c), NULL when there are none */
} sc__doc;

/*
 * An id -> index hash over the ids of an array of structs (actors, issues): the id of element i is
 * the `const char *` at (char *)first + i * stride. Lookups in O(1) instead of a scan, so that
 * parsing 10,000 actors and their stances and relations is linear.
 */
typedef struct sc__ids {
    uint32_t *slot; /* element index + 1, 0 = empty; nslot a power of two */
    size_t nslot, n;
} sc__ids;

/* Adds element i (ids 0..i-1 already added). SC_OK; SC_EINVAL with *dup when the id is taken. */
sc_status sc__ids_add(sc__ids *x, const void *first, size_t stride, size_t i, size_t *dup);
/* The element with this id, or -1; a scan when the hash is empty (n elements). */
long sc__ids_find(const sc__ids *x, const void *first, size_t stride, size_t n, const char *id);
void sc__ids_destroy(sc__ids *x);
sc_status sc__ids_copy(const sc__ids *src, sc__ids *dst);
/* Builds the actor and issue hashes of s from scratch. SC_OK, SC_ENOMEM, or SC_EINVAL (dup). */
sc_status sc__scenario_index_ids(sc_scenario *s);

/* Every member a copy owns (actors, issues, stances, rel, actor_ids, issue_ids, sect_arena,
 * section_names, sections) is listed twice in scenario.c: sc__scenario_clone allocates it and
 * recopy (a draw's refill of a kept copy) puts the kept copy's back after taking s's shared ones.
 * A new owned member goes into both, or a refilled copy would share s's memory. */
struct sc_scenario {
    sc__doc *doc;
    const char *title, *description, *date, *variant_name, *events_until;
    size_t n_actors, n_issues;
    sc_actor *actors;
    sc_issue *issues;
    sc_stance *stances;     /* n_actors * n_issues, actor-major */
    sc__relations rel;      /* the relations given, sparse (relations.h) */
    sc__ids actor_ids, issue_ids; /* id -> index hashes (empty: lookups scan) */
    size_t n_sources, n_events, n_variants, n_claims;
    const sc_source *sources;
    const sc_event *events;
    const sc_variant *variants;
    const sc_claim *claims;
    const sc_node **claim_nodes; /* the mapping each claim was written as (NULL if built in code) */
    /* Where each part was written, for located validation errors (NULL when built in code). */
    const sc_node **actor_nodes;
    const sc_node **issue_nodes;
    const sc_node **stance_nodes;
    /* Model sections: copied per scenario, because variants may change their numbers. */
    sc__arena sect_arena;
    size_t n_sections;
    const char **section_names;
    sc_node **sections;
    /* Bargaining inputs (src/scenario/bargaining.c): the capability index, and the veto players
     * and covered issues of `agreement:` (flags in the document's arena; NULL when absent). */
    sc_capability_spec cap_spec;
    const unsigned char *veto;
    const unsigned char *agreement_issues;
    size_t n_veto;
    const char *agreement_rationale;
};

/* Allocates an empty scenario with a fresh document (refs = 1). */
sc_status sc__scenario_alloc(sc_scenario **out);
/* Allocates the per-actor/issue arrays for n actors and m issues (capabilities 1). */
sc_status sc__scenario_alloc_tables(sc_scenario *s, size_t n, size_t m);
/* An independent copy sharing the immutable document. */
sc_status sc__scenario_clone(const sc_scenario *s, sc_scenario **out);
/*
 * sc_scenario_at into *keep, a copy this function made earlier for s or for a scenario of the
 * same shape (the Monte Carlo's scratch copy, whose numbers change from draw to draw), reusing
 * its memory: the same numbers as sc_scenario_at without allocating the tables again. *keep
 * NULL or of another shape: a new copy. *keep stays the caller's to free (sc_scenario_free),
 * also after an error, which leaves its numbers unspecified until the next call.
 */
sc_status sc__scenario_at_reuse(const sc_scenario *s, const sc_state *st, sc_scenario **keep,
                                sc_diag *diag);
/* Deep-copies a node tree into an arena. */
sc_node *sc__node_dup(sc__arena *a, const sc_node *n);
/* Applies shifts in order; clamps values to their ranges. `what` names the origin for errors. */
sc_status sc__scenario_apply_shifts(sc_scenario *s, const sc_shift *shifts, size_t n,
                                    const char *what, sc_diag *diag);
/*
 * Resolves a path to a writable number (and its range), or NULL (no such number, or out of
 * memory). A relation the scenario does not give is created (blank, present 0) so it can be
 * written; pointers returned stay valid while other relations are added.
 */
double *sc__scenario_resolve(sc_scenario *s, const char *path, double *lo, double *hi);
/* 1 if path names a number of s (a relation not given counts: a shift may create it). */
int sc__scenario_path_valid(const sc_scenario *s, const char *path);
/* Builds a node tree from YAML text; located errors. */
sc_status sc__yaml_parse(sc__doc *doc, const char *text, size_t len, const char *file,
                         const sc_node **root, sc_diag *diag);
/* Refuses inputs over opts->max_bytes with a diag naming the file. */
sc_status sc__check_input_size(size_t len, const sc_parse_opts *opts, const char *file,
                               sc_diag *diag);
/* Parses a plain scalar as a finite number (no quotes, no trailing junk). 1 on success. */
int sc__parse_number(const char *s, double *out);

/* Applies the events, then each variant, to copies of a freshly parsed s: errors are located. */
sc_status sc__scenario_check_shifts(const sc_scenario *s, sc_diag *diag);

/* ---- bargaining inputs (src/scenario/bargaining.c) ---- */
/* Reads `capability_index:` (a name or a mapping) into s->cap_spec; located errors. */
sc_status sc__parse_capability_index(sc_scenario *s, const sc_node *n, sc_diag *diag);
/*
 * Gives every actor the index covers its capability from s->cap_spec; with only_missing, only
 * actors whose capability is NAN (not written). An actor left without one is a located error.
 */
sc_status sc__apply_capability_index(sc_scenario *s, const sc_capability_spec *spec,
                                     int only_missing, sc_diag *diag);
/* Reads `agreement:` (veto players, covered issues, rationale); checks reservation points. */
sc_status sc__parse_agreement(sc_scenario *s, sc__arena *a, const sc_node *n, sc_diag *diag);

/* Checks the `data:` section (data.c): relation data sets, located errors. */
sc_status sc__parse_data(const sc_scenario *s, const sc_node *data, sc_diag *diag);

/* ---- relations from data (relation_data.c) ---- */
/* The data set `id` of a `data:` section, or NULL. */
const sc_node *sc__data_set(const sc_node *data, const char *id);
/* SC_OK if `data` has a set `id`; else a located SC_ENOTFOUND at `at` (with a suggestion). */
sc_status sc__data_set_check(const sc_scenario *s, const sc_node *data, const sc_node *at,
                             const char *id, sc_diag *diag);
/* The amity a checked data set gives the actors a and b: 1 and *amity, or 0 if it does not
 * cover the pair (UN ideal points: 2 agreement(d) - 1; event scores: the amity map). */
int sc__data_amity(const sc_scenario *s, const sc_node *set, size_t a, size_t b, double *amity);

/* 1 if d is a calendar date written yyyy-mm-dd (month lengths and leap years checked). */
int sc__valid_date(const char *d);
/* ---- uncertain inputs (inputs.c) ---- */

/* 1 if a distribution makes its number uncertain (sd > 0, or a range of positive width). */
int sc__dist_uncertain(const sc_dist *d);
/* Reads the `group:` key of a quantity mapping `map` (absent: *name NULL); a group on a number
 * without uncertainty is a located error. */
sc_status sc__quantity_group(const sc_node *map, int uncertain, const char **name, int *reverse,
                             sc_diag *diag);
/* After parsing: checks the quantity and `choice:` mappings of the model sections, replaces each
 * choice in the scenario's section copies by its point value, and lists the uncertain inputs in
 * the shared document. Located errors. */
sc_status sc__scenario_build_inputs(sc_scenario *s, sc_diag *diag);
/* The leaf scalar a section path names (quantity mappings resolve to `value`), or NULL. */
sc_node *sc__scenario_section_leaf(sc_scenario *s, const char *path);
/* The quantity mapping ({value, sd, ...}) of a section number at `path`, or NULL when the number
 * is a plain scalar. */
sc_node *sc__scenario_section_quantity(sc_scenario *s, const char *path);
/* The node the file wrote at a section path (a quantity or `choice:` mapping as written, before
 * the choice became its point value), for locating errors; NULL when absent or built in code. */
const sc_node *sc__scenario_source_node(const sc_scenario *s, const char *path);
/* A check a draw's value must pass: SC_OK, or a diag saying why the scenario is refused. */
typedef sc_status (*sc__draw_check_fn)(sc_scenario *s, void *ctx, sc_diag *diag);
/*
 * Tries every value a draw of `run --draws` can give an uncertain member of the model sections
 * named in `sections` (n of them), one member at a time, the others at their point values: the
 * lowest and highest draws (the ends of a range or triangle, u = 0 and 1; for a normal u = 2^-53
 * and 1 - 2^-53, the extremes sc_rng_uniform_pos gives, value -+ 8.2 sd), one value inside
 * (u = 1/pi, not a round number, so that a whole-number domain sees a fraction), and each option
 * of a choice.
 * `check` runs on s with the member set (its `sd` reading 0, as in a draw); s is restored
 * before returning. The first value refused is a located error at the spread (the end of the
 * range or triangle reached, the `sd`, the option) that names the value and the check's message.
 */
sc_status sc__scenario_probe_draws(sc_scenario *s, const char *const *sections, size_t n,
                                   sc__draw_check_fn check, void *ctx, sc_diag *diag);
/* A private copy of a scenario that draws are written into again and again without
 * allocating: each section number or choice an input sets gets its own text buffer once. */
typedef struct sc__scratch sc__scratch;
sc_status sc__scratch_new(const sc_scenario *base, sc__scratch **out);
/* Sets every input from u (one uniform per input, in (0, 1)); returns the copy. */
const sc_scenario *sc__scratch_set(sc__scratch *x, const double *u);
void sc__scratch_free(sc__scratch *x);

/* ---- claims (claim_test.c) ---- */

/* Reads a claim's `test` mapping (model, holds, when, compare, expect) into cl; located errors. */
sc_status sc__claim_parse_test(const sc_scenario *s, const sc_node *test, sc_claim *cl,
                               sc_diag *diag);
/* Compiles every claim's jq predicate; a located error at the `holds` value of the first that
 * does not compile. */
sc_status sc__claims_compile_check(const sc_scenario *s, sc_diag *diag);

/* Located error at a node (the public sc__node_error under the name the parsers use). */
#define sc__node_fail sc__node_error

#endif
