/* SPDX-License-Identifier: MIT */
/*
 * A claim's `test` mapping (docs/scenario-format.md, "Claims"):
 *   model:   the result-document section(s) the predicate reads (also found in the predicate)
 *   holds:   a jq predicate that yields true or false
 *   when:    the states it is judged in, one result each (default: after-events)
 *   compare: instead, states put side by side in one document, judged once
 *   expect:  what the predicate tests, in words
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/jq_internal.h"
#include "core/diag_internal.h"
#include "scenario/scenario_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The sections of the result document (`statecraft run`'s models). The report's table is the
 * authority; tests/claims checks that this copy matches it (the scenario module cannot depend on
 * the report module, which depends on every model).
 */
static const char *const model_names[] = {"summary",  "baseline", "eum",       "smp",
                                          "bargaining", "war",  "negotiation", "triangle",
                                          "landscape", "game",     "relations"};

size_t sc__claim_model_count(void)
{
    return COUNT(model_names);
}

const char *sc__claim_model_name(size_t i)
{
    return i < COUNT(model_names) ? model_names[i] : NULL;
}

static sc_status unknown_model(const sc_node *at, const char *name, sc_diag *diag)
{
    size_t n = sc__claim_model_count();
    const char *names[64];
    for (size_t i = 0; i < n && i < 64; i++) {
        names[i] = sc__claim_model_name(i);
    }
    const char *hint = sc__suggest(name, names, n < 64 ? n : 64);
    if (hint) {
        return sc__node_error(at, diag, SC_ENOTFOUND, "unknown model '%s' (did you mean '%s'?)",
                             name, hint);
    }
    return sc__node_error(at, diag, SC_ENOTFOUND,
                         "unknown model '%s' (a claim reads a section of the result document: "
                         "summary, baseline, eum, smp, war, triangle, landscape, game)",
                         name);
}

static int known_model(const char *name)
{
    for (size_t i = 0; i < sc__claim_model_count(); i++) {
        if (strcmp(sc__claim_model_name(i), name) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Adds name to the list unless it is there. */
static int add_name(const char **list, size_t *n, size_t cap, const char *name)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcmp(list[i], name) == 0) {
            return 1;
        }
    }
    if (*n == cap) {
        return 0;
    }
    list[(*n)++] = name;
    return 1;
}

/* A state name: before-events, after-events or a variant. */
static sc_status check_state(const sc_scenario *s, const sc_node *at, const char *name,
                             sc_diag *diag)
{
    if (strcmp(name, "before-events") == 0 || strcmp(name, "after-events") == 0) {
        return SC_OK;
    }
    size_t nv = sc_scenario_variant_count(s);
    const char **cands = malloc((nv + 2) * sizeof *cands);
    if (!cands) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    cands[0] = "before-events";
    cands[1] = "after-events";
    for (size_t i = 0; i < nv; i++) {
        cands[i + 2] = sc_scenario_variant(s, i)->name;
        if (strcmp(cands[i + 2], name) == 0) {
            free(cands);
            return SC_OK;
        }
    }
    const char *hint = sc__suggest(name, cands, nv + 2);
    sc_status rc = hint ? sc__node_error(at, diag, SC_ENOTFOUND,
                                        "unknown state '%s' (did you mean '%s'?)", name, hint)
                        : sc__node_error(at, diag, SC_ENOTFOUND,
                                        "unknown state '%s': a state is before-events, "
                                        "after-events or the name of a variant",
                                        name);
    free(cands);
    return rc;
}

static sc_status read_states(const sc_scenario *s, const sc_node *n, const char *key,
                             const char ***out, size_t *count, sc__arena *a, sc_diag *diag)
{
    size_t m = n->kind == SC_NODE_SEQ ? n->n : 1;
    if (n->kind == SC_NODE_MAP || n->kind == SC_NODE_NULL || m == 0) {
        return sc__node_error(n, diag, SC_EPARSE, "'%s' must list states", key);
    }
    const char **list = sc__arena_calloc(a, m, sizeof *list);
    if (!list) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < m; i++) {
        const sc_node *item = n->kind == SC_NODE_SEQ ? n->items[i] : n;
        const char *name = sc__node_scalar(item);
        if (!name) {
            return sc__node_error(item, diag, SC_EPARSE, "a state is a name");
        }
        sc_status rc = check_state(s, item, name, diag);
        if (rc != SC_OK) {
            return rc;
        }
        for (size_t k = 0; k < i; k++) {
            if (strcmp(list[k], name) == 0) {
                return sc__node_error(item, diag, SC_EINVAL, "state '%s' is listed twice", name);
            }
        }
        list[i] = name;
    }
    *out = list;
    *count = m;
    return SC_OK;
}

sc_status sc__claim_parse_test(const sc_scenario *s, const sc_node *t, sc_claim *cl,
                               sc_diag *diag)
{
    static const char *const keys[] = {"model", "holds", "when", "compare", "expect"};
    sc_status rc = sc__node_check_keys(t, "a claim's test", keys, COUNT(keys), diag);
    if (rc != SC_OK) {
        return rc;
    }
    sc__arena *a = &s->doc->arena;
    const sc_node *expect = sc__node_get(t, "expect");
    if (expect) {
        if (!(cl->expect = sc__node_scalar(expect))) {
            return sc__node_error(expect, diag, SC_EPARSE, "'expect' must be text");
        }
    }
    /* the models: declared, then any the predicate reads */
    const char *models[64];
    size_t nm = 0;
    const sc_node *model = sc__node_get(t, "model");
    if (model) {
        size_t m = model->kind == SC_NODE_SEQ ? model->n : 1;
        if (model->kind == SC_NODE_MAP || model->kind == SC_NODE_NULL || m == 0) {
            return sc__node_error(model, diag, SC_EPARSE, "'model' must name a model or list some");
        }
        for (size_t i = 0; i < m; i++) {
            const sc_node *item = model->kind == SC_NODE_SEQ ? model->items[i] : model;
            const char *name = sc__node_scalar(item);
            if (!name) {
                return sc__node_error(item, diag, SC_EPARSE, "a model is a name");
            }
            if (!known_model(name)) {
                return unknown_model(item, name, diag);
            }
            if (!add_name(models, &nm, COUNT(models), name)) {
                return sc__node_error(item, diag, SC_ELIMIT, "too many models");
            }
        }
    }
    const sc_node *holds = sc__node_get(t, "holds");
    if (holds) {
        const char *expr = sc__node_scalar(holds);
        if (!expr || !*expr) {
            return sc__node_error(holds, diag, SC_EPARSE,
                                 "'holds' must be a jq expression (text) that yields true or "
                                 "false");
        }
        sc__jq_path *paths = NULL;
        size_t np = 0;
        char why[128];
        rc = sc__jq_scan(expr, &paths, &np, why, sizeof why);
        if (rc == SC_ENOMEM) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        if (rc != SC_OK) {
            return sc__node_error(holds, diag, SC_EPARSE, "claim '%s': the predicate does not "
                                 "compile: %s", cl->id, why);
        }
        for (size_t i = 0; rc == SC_OK && i < np; i++) {
            if (!known_model(paths[i].model)) {
                rc = unknown_model(holds, paths[i].model, diag);
                break;
            }
            const char *name = NULL;
            for (size_t k = 0; k < sc__claim_model_count(); k++) {
                if (strcmp(sc__claim_model_name(k), paths[i].model) == 0) {
                    name = sc__claim_model_name(k); /* a static string, unlike the scan's */
                }
            }
            if (!add_name(models, &nm, COUNT(models), name)) {
                rc = sc__node_error(holds, diag, SC_ELIMIT, "too many models");
            }
        }
        sc__jq_paths_free(paths, np);
        if (rc != SC_OK) {
            return rc;
        }
        cl->holds = expr;
    }
    if (nm) {
        const char **list = sc__arena_calloc(a, nm, sizeof *list);
        if (!list) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        memcpy(list, models, nm * sizeof *list);
        cl->models = list;
        cl->n_models = nm;
    }
    const sc_node *when = sc__node_get(t, "when");
    const sc_node *compare = sc__node_get(t, "compare");
    if (when && compare) {
        return sc__node_error(compare, diag, SC_EINVAL,
                             "give 'when' (a result per state) or 'compare' (the states side by "
                             "side), not both");
    }
    if ((when || compare) && !holds) {
        return sc__node_error(when ? when : compare, diag, SC_EINVAL,
                             "'%s' needs a predicate in 'holds'", when ? "when" : "compare");
    }
    const char **states = NULL;
    size_t ns = 0;
    if (when || compare) {
        rc = read_states(s, when ? when : compare, when ? "when" : "compare", &states, &ns, a,
                         diag);
        if (rc != SC_OK) {
            return rc;
        }
    } else if (holds) {
        static const char *const def[] = {"after-events"};
        states = (const char **)(uintptr_t)def;
        ns = 1;
    }
    cl->states = states;
    cl->n_states = ns;
    cl->compare = compare != NULL;
    return SC_OK;
}

sc_status sc__claims_compile_check(const sc_scenario *s, sc_diag *diag)
{
    size_t n = 0;
    for (size_t i = 0; i < sc_scenario_claim_count(s); i++) {
        n += sc_scenario_claim(s, i)->holds != NULL;
    }
    if (n == 0) {
        return SC_OK;
    }
    const char **exprs = malloc(n * sizeof *exprs);
    size_t *which = malloc(n * sizeof *which);
    if (!exprs || !which) {
        free(exprs);
        free(which);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    n = 0;
    for (size_t i = 0; i < sc_scenario_claim_count(s); i++) {
        if (sc_scenario_claim(s, i)->holds) {
            which[n] = i;
            exprs[n++] = sc_scenario_claim(s, i)->holds;
        }
    }
    sc__jq *q = NULL;
    size_t bad = 0;
    char msg[512];
    sc_status rc = sc__jq_compile(exprs, n, &q, &bad, msg, sizeof msg);
    sc__jq_free(q);
    if (rc == SC_ENOMEM) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
    } else if (rc != SC_OK) {
        const sc_claim *cl = sc_scenario_claim(s, which[bad]);
        const sc_node *test = sc__node_get(sc__scenario_claim_node(s, which[bad]), "test");
        rc = sc__node_error(sc__node_get(test, "holds"), diag, SC_EPARSE,
                           "claim '%s': the predicate does not compile: %s", cl->id, msg);
    }
    free(exprs);
    free(which);
    return rc;
}

sc_status sc__claim_locate(const sc_scenario *s, size_t c, sc_diag *diag)
{
    if (!diag) {
        return SC_EINVAL;
    }
    const sc_node *claim = sc__scenario_claim_node(s, c);
    if (!claim || diag->line > 0) {
        return diag->code;
    }
    const sc_node *at = claim;
    const sc_node *test = sc__node_get(claim, "test");
    if (test) {
        const sc_node *holds = sc__node_get(test, "holds");
        at = holds ? holds : test;
    }
    char msg[SC_DIAG_MESSAGE_MAX];
    snprintf(msg, sizeof msg, "%s", diag->message);
    return sc__node_error(at, diag, diag->code, "%s", msg);
}
