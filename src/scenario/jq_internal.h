/* SPDX-License-Identifier: MIT */
/*
 * Claims judged by jq predicates (docs/scenario-format.md "Claims", docs/uncertainty.md): the
 * scanner that finds the result-document paths a predicate reads, and the compiled jq programs
 * that evaluate predicates (and the Monte Carlo's headline extractors) on documents converted
 * from jansson to jq's jv directly, without printing and reparsing.
 */
#ifndef SC_SCENARIO_JQ_INTERNAL_H
#define SC_SCENARIO_JQ_INTERNAL_H

#include <jansson.h>
#include <jv.h>

#include "statecraft/scenario.h"

/* ---- scanning a predicate ---- */

/* A `.models...` path written in a predicate: its text and the model it names. */
typedef struct sc__jq_path {
    char *text;   /* e.g. .models.triangle.timeline[-1].amity["RUS-CHN"] */
    char *model;  /* e.g. triangle */
    char **steps; /* the path's prefixes, step by step (steps[n_steps - 1] = text) */
    size_t n_steps;
} sc__jq_path;

/*
 * Finds every `.models.NAME...` path outside string literals and comments (a path stops at the
 * first step that is not `.key`, `."key"`, `["key"]` or `[integer]`). Also checks that
 * brackets balance, so that expressions can be combined into one program safely. Returns SC_OK,
 * SC_EPARSE with `why` filled for unbalanced text, or SC_ENOMEM.
 */
sc_status sc__jq_scan(const char *expr, sc__jq_path **paths, size_t *n, char *why, size_t why_len);
void sc__jq_paths_free(sc__jq_path *paths, size_t n);

/* The code inside one string interpolation `\( ... )`: expr[from, to), and how many string
 * literals enclose it (1 for an interpolation in a string written in code). */
typedef struct sc__jq_interp {
    size_t from, to;
    unsigned depth;
} sc__jq_interp;

/*
 * Every interpolation of expr, inner ones before the interpolation that holds them (free the
 * array). Fails as sc__jq_scan does (unbalanced text, an unterminated string).
 */
sc_status sc__jq_interpolations(const char *expr, sc__jq_interp **interps, size_t *n, char *why,
                                size_t why_len);

/* ---- compiled programs ---- */

typedef struct sc__jq sc__jq;

/*
 * Compiles n expressions as one jq program (one binding of jq's builtins, about 20 ms with
 * jq 1.6). On failure *bad is the index of an expression that does not compile and msg holds
 * jq's message. Not thread-safe: one program per thread.
 */
sc_status sc__jq_compile(const char *const *exprs, size_t n, sc__jq **out, size_t *bad, char *msg,
                         size_t msg_len);
void sc__jq_free(sc__jq *q);

/*
 * Runs expression k on `input` (consumed). *first receives the first result (owned by the
 * caller, jv_invalid() if none) and *count how many results there were (counting stops at 2).
 * SC_EINVAL with msg filled when jq raises an error.
 */
sc_status sc__jq_run(sc__jq *q, size_t k, jv input, jv *first, size_t *count, char *msg,
                     size_t msg_len);

/* A jansson value as a jv (a deep conversion; no text in between). */
jv sc__jv_from_json(json_t *j);

/*
 * Object keys interned for the conversions of one thread (libjq 1.6 counts references without
 * atomics): a key met before is its jv again, copied, instead of a new string allocated and
 * hashed. The first 512 distinct keys are kept. The values converted with them hold their own
 * references, so they may outlive the keys.
 */
typedef struct sc__jv_keys sc__jv_keys;
sc__jv_keys *sc__jv_keys_new(void);
void sc__jv_keys_free(sc__jv_keys *k);
/* sc__jv_from_json with keys (NULL: none interned): the same value. */
jv sc__jv_from_json_keys(json_t *j, sc__jv_keys *keys);

/* The kind of a jv as jq names it ("null", "boolean", "number", ...). */
const char *sc__jv_kind_name(jv v);

/* The document section names a claim may read (the sections of `statecraft run`). */
size_t sc__claim_model_count(void);
const char *sc__claim_model_name(size_t i);

/*
 * Puts the location of claim c of s on an error about it found at run time (a verdict that is
 * not one boolean, a jq error in a draw): its `test.holds` value, or else its `test`, or else the
 * claim, so that every claim error reads FILE:LINE:COL with a caret, as load errors do. The
 * message and code are kept; a diag that is located already, or a claim built in code (no
 * node), is left as it is. Returns diag's code (SC_EINVAL if diag is NULL).
 */
sc_status sc__claim_locate(const sc_scenario *s, size_t c, sc_diag *diag);

#endif
