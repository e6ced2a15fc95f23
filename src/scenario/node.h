/* SPDX-License-Identifier: MIT */
/*
 * The located YAML node tree: how the library's parsers and models read a scenario's sections
 * (`war:`, `game:`, a claim's `test:`, any top-level key the core does not know) with errors that
 * point into the file. Internal: models include this header; library users never see nodes.
 */
#ifndef SC_SCENARIO_NODE_H
#define SC_SCENARIO_NODE_H

#include "statecraft/scenario.h"

typedef enum sc_node_kind { SC_NODE_NULL, SC_NODE_SCALAR, SC_NODE_SEQ, SC_NODE_MAP } sc_node_kind;

/* A node of a parsed YAML document. Owned by the scenario; valid until it is freed. */
typedef struct sc_node sc_node;

sc_node_kind sc__node_kind_of(const sc_node *node);
/* The scalar's text, or NULL if the node is not a scalar. */
const char *sc__node_scalar(const sc_node *node);
/* Number of items of a sequence or entries of a mapping; 0 otherwise. */
size_t sc__node_count(const sc_node *node);
/* Item i of a sequence, or the value of entry i of a mapping; NULL if out of range. */
const sc_node *sc__node_at(const sc_node *node, size_t i);
/* Key of mapping entry i; NULL if out of range or not a mapping. */
const char *sc__node_key_at(const sc_node *node, size_t i);
/* Value of a mapping's key, or NULL. */
const sc_node *sc__node_get(const sc_node *node, const char *key);

/*
 * Reads a number: a plain scalar, or a quantity mapping `{value: X, ...}` (its value).
 * On failure sets a located diag ("expected a number") and returns SC_EPARSE.
 */
sc_status sc__node_number(const sc_node *node, double *out, sc_diag *diag);

/* Fills diag with a located error at node, as every parser does. Returns `code`. */
sc_status sc__node_error(const sc_node *node, sc_diag *diag, sc_status code, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/*
 * Checks that a mapping has only keys from `allowed` (n_allowed entries); an unknown key gives
 * "unknown key 'capabilty' in actor (did you mean 'capability'?)". `what` names the mapping.
 */
sc_status sc__node_check_keys(const sc_node *map, const char *what, const char *const *allowed,
                              size_t n_allowed, sc_diag *diag);

/*
 * sc__node_check_keys for a quantity mapping ({value, source, sd | range | triangular, group},
 * docs/scenario-format.md): one list for the core's numbers and every section's, so that a key
 * the format adds is accepted everywhere at once (the war's own copy once lacked `group`).
 */
sc_status sc__node_check_quantity_keys(const sc_node *map, const char *what, sc_diag *diag);

/*
 * The located SC_ENOTFOUND for an actor id a model section names and the scenario lacks:
 * "unknown actor 'ID'" + `where` (e.g. " in the triangle section"), with a did-you-mean among
 * the scenario's actors when one is close. id may be NULL (not a scalar).
 */
sc_status sc__node_unknown_actor(const sc_node *at, const sc_scenario *s, const char *id,
                                 const char *where, sc_diag *diag);

/* A model section such as `war:` (any top-level key the core does not know), or NULL. */
const sc_node *sc__scenario_section(const sc_scenario *s, const char *name);

/* The mapping claim i was written as (its `test:` and any other key), or NULL if out of range
 * or the scenario was built in code. */
const sc_node *sc__scenario_claim_node(const sc_scenario *s, size_t i);

#endif
