/* SPDX-License-Identifier: MIT */
/*
 * The `statecraft run` section for landscape theory: sizes = capabilities, propensities =
 * amities (plus an optional trade term), the global two-bloc minimum, the other local minima with
 * their basins, and the best split into up to k blocs, before and after the events, and which
 * actors the events move from one bloc to the other.
 */
#include "report/sections.h"

#include <math.h>
#include <stdlib.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "statecraft/landscape.h"

/* The exhaustive two-bloc search in the report is kept to this many actors (2^39 configurations
 * is hours for the Gray-code search; the pruned one is usually fast, but not always). */
#define SECTION_MAX_ACTORS 40

typedef struct section_opts {
    size_t blocs;        /* k of the k-bloc branch and bound */
    size_t samples;      /* random starts for the basins */
    double trade_weight; /* weight of the trade term in the propensities */
    size_t n;            /* actors used */
    size_t *idx;         /* their scenario indices (owned) */
} section_opts;

/* Reads a non-negative integer no larger than `max` from a node. */
static sc_status read_count(const sc_node *node, const char *what, double max, size_t *out,
                            sc_diag *diag)
{
    double v;
    sc_status rc = sc__node_number(node, &v, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (!(v >= 0 && v <= max && v == floor(v))) {
        return sc__node_error(node, diag, SC_ERANGE, "'%s' must be an integer in [0, %.0f]", what,
                              max);
    }
    *out = (size_t)v;
    return SC_OK;
}

/*
 * Reads `landscape: {blocs: K, basin_samples: N, trade_weight: W, actors: [ids]}`; every key is
 * optional (defaults 3, 2000, 0, all actors). On success o->idx is owned by the caller.
 */
static sc_status read_section(const sc_scenario *s, section_opts *o, sc_diag *diag)
{
    static const char *const keys[] = {"blocs", "basin_samples", "trade_weight", "actors"};
    o->blocs = 3;
    o->samples = 2000;
    o->trade_weight = 0;
    o->n = sc_scenario_actor_count(s);
    o->idx = NULL;
    const sc_node *sec = sc__scenario_section(s, "landscape");
    const sc_node *node;
    sc_status rc = SC_OK;
    if (sec) {
        rc = sc__node_check_keys(sec, "the landscape section", keys, 4, diag);
    }
    if (rc == SC_OK && sec && (node = sc__node_get(sec, "blocs")) != NULL) {
        rc = read_count(node, "blocs", 16, &o->blocs, diag);
        if (rc == SC_OK && o->blocs < 2) {
            rc = sc__node_error(node, diag, SC_ERANGE, "'blocs' must be an integer in [2, 16]");
        }
    }
    if (rc == SC_OK && sec && (node = sc__node_get(sec, "basin_samples")) != NULL) {
        rc = read_count(node, "basin_samples", 1e7, &o->samples, diag);
    }
    if (rc == SC_OK && sec && (node = sc__node_get(sec, "trade_weight")) != NULL) {
        rc = sc__node_number(node, &o->trade_weight, diag);
        if (rc == SC_OK && !(o->trade_weight >= 0 && o->trade_weight <= 10)) {
            rc = sc__node_error(node, diag, SC_ERANGE, "'trade_weight' must be in [0, 10]");
        }
    }
    const sc_node *act = sec ? sc__node_get(sec, "actors") : NULL;
    if (rc == SC_OK && act) {
        size_t m = sc__node_count(act);
        if (sc__node_kind_of(act) != SC_NODE_SEQ || m < 2) {
            return sc__node_error(act, diag, SC_EPARSE,
                                  "'actors' must list at least two actor ids");
        }
        o->idx = malloc(m * sizeof *o->idx);
        if (!o->idx) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < m && rc == SC_OK; i++) {
            const char *id = sc__node_scalar(sc__node_at(act, i));
            long k = id ? sc_scenario_actor_index(s, id) : -1;
            if (k < 0) {
                rc = sc__node_error(sc__node_at(act, i), diag, SC_ENOTFOUND,
                                    "unknown actor '%s' in the landscape section", id ? id : "");
            }
            for (size_t j = 0; j < i && rc == SC_OK; j++) {
                if (o->idx[j] == (size_t)k) {
                    rc = sc__node_error(sc__node_at(act, i), diag, SC_EINVAL,
                                        "actor '%s' is listed twice", id);
                }
            }
            if (rc == SC_OK) {
                o->idx[i] = (size_t)k;
            }
        }
        o->n = m;
    }
    if (rc != SC_OK) {
        free(o->idx);
        o->idx = NULL;
    }
    return rc;
}

static const char *actor_id(const sc_scenario *s, const section_opts *o, size_t a)
{
    return sc_scenario_actor(s, o->idx ? o->idx[a] : a)->id;
}

/* Appends "{A B | C D}" to text and the two blocs as arrays of ids to arr. */
static void bloc_text(scx_buf *text, const sc_scenario *s, const section_opts *o, uint64_t mask,
                      json_t *arr)
{
    for (int side = 0; side < 2; side++) {
        json_t *bloc = json_array();
        scx_buf_puts(text, side ? " | " : "{");
        int first = 1;
        for (size_t i = 0; i < o->n; i++) {
            if ((int)((mask >> i) & 1u) == side) {
                scx_buf_printf(text, "%s%s", first ? "" : " ", actor_id(s, o, i));
                json_array_append_new(bloc, json_string(actor_id(s, o, i)));
                first = 0;
            }
        }
        json_array_append_new(arr, bloc);
    }
    scx_buf_puts(text, "}");
}

/*
 * Runs the searches on one state of the scenario and writes its text and JSON; *global receives
 * the global minimum's mask (UINT64_MAX if the search could not run).
 */
static sc_status one_state(const sc_scenario *s, const section_opts *o, const char *label,
                           uint64_t seed, scx_buf *text, json_t *out, uint64_t *global,
                           sc_diag *diag)
{
    size_t n = o->n;
    double *size = malloc(n * sizeof *size);
    double *prop = malloc(n * n * sizeof *prop);
    int *labels = malloc(n * sizeof *labels);
    sc_landscape_result *r = NULL;
    sc_status rc = SC_OK;
    sc_diag local;
    sc_diag_init(&local);
    *global = UINT64_MAX;
    if (!size || !prop || !labels) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    rc = sc_landscape_from_scenario(s, o->idx, n, o->trade_weight, size, prop, diag);
    if (rc != SC_OK) {
        goto done;
    }
    sc_landscape_params p;
    sc_landscape_params_init(&p);
    p.basin_samples = o->samples;
    p.seed = seed;
    p.max_minima = 20;
    /* Bad data (a zero capability) is the scenario's problem, not a failure of the report. */
    if (sc_landscape_search2(n, size, prop, &p, &r, &local) != SC_OK) {
        scx_buf_printf(text, "%s: not run: %s.\n", label, local.message);
        json_object_set_new(out, "note", json_string(local.message));
        goto done;
    }
    *global = r->global.mask;
    scx_buf_printf(text, "%s: %zu local minima of %llu two-bloc configurations\n", label,
                   r->n_minima, (unsigned long long)r->configurations);
    json_t *mins = json_array();
    for (size_t k = 0; k < r->n_kept && k < 5; k++) {
        json_t *m = json_object();
        json_t *blocs_json = json_array();
        scx_buf_printf(text, "  %s E = %10.5f  basin %5.1f%%  ", k == 0 ? "global" : "local ",
                       r->minima[k].energy, 100 * r->minima[k].basin);
        bloc_text(text, s, o, r->minima[k].mask, blocs_json);
        scx_buf_puts(text, "\n");
        sc__json_set_number(m, "energy", r->minima[k].energy);
        sc__json_set_number(m, "basin", r->minima[k].basin);
        json_object_set_new(m, "blocs", blocs_json);
        json_array_append_new(mins, m);
    }
    json_object_set_new(out, "local_minima", mins);
    json_object_set_new(out, "n_local_minima", json_integer((json_int_t)r->n_minima));
    json_object_set_new(out, "configurations", json_integer((json_int_t)r->configurations));
    double ek = 0;
    uint64_t nodes = 0;
    if (sc_landscape_search_k(n, size, prop, o->blocs, 50000000, labels, &ek, &nodes, &local) ==
        SC_OK) {
        int used = 0;
        for (size_t i = 0; i < n; i++) {
            used = labels[i] + 1 > used ? labels[i] + 1 : used;
        }
        scx_buf_printf(text, "  best split into at most %zu blocs: E = %.5f, %d blocs:", o->blocs,
                       ek, used);
        json_t *groups = json_array();
        for (int c = 0; c < used; c++) {
            json_t *g = json_array();
            scx_buf_puts(text, c ? " |" : " {");
            for (size_t i = 0; i < n; i++) {
                if (labels[i] == c) {
                    scx_buf_printf(text, " %s", actor_id(s, o, i));
                    json_array_append_new(g, json_string(actor_id(s, o, i)));
                }
            }
            json_array_append_new(groups, g);
        }
        scx_buf_puts(text, " }\n");
        json_t *kb = json_object();
        json_object_set_new(kb, "max_blocs", json_integer((json_int_t)o->blocs));
        sc__json_set_number(kb, "energy", ek);
        json_object_set_new(kb, "blocs", groups);
        json_object_set_new(out, "k_blocs", kb);
    } else {
        scx_buf_printf(text, "  best split into at most %zu blocs: not found (%s)\n", o->blocs,
                       local.message);
    }
done:
    sc_landscape_result_free(r);
    free(size);
    free(prop);
    free(labels);
    return rc;
}

/* one_state in the shape sc__before_and_after calls, keeping each state's global minimum. */
typedef struct state_ctx {
    const section_opts *o;
    uint64_t seed;
    uint64_t global[2]; /* before and after the events */
} state_ctx;

static sc_status state(const sc_scenario *s, const char *label, int after, void *ctx, scx_buf *text,
                       json_t *json, sc_diag *diag)
{
    state_ctx *c = ctx;
    return one_state(s, c->o, label, c->seed, text, json, &c->global[after], diag);
}

sc_status sc__landscape_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                                json_t *json, sc_diag *diag)
{
    section_opts o;
    sc_status rc = read_section(s, &o, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (o.n > SECTION_MAX_ACTORS) {
        scx_buf_printf(text,
                       "Not run: %zu actors; the two-bloc search is limited to %d here "
                       "(choose some with `landscape: {actors: [...]}`).\n",
                       o.n, SECTION_MAX_ACTORS);
        json_object_set_new(json, "note", json_string("too many actors"));
        free(o.idx);
        return SC_OK;
    }
    scx_buf_puts(text, "Axelrod & Bennett's landscape: size = capability, propensity = amity");
    if (o.trade_weight > 0) {
        scx_buf_printf(text, " + %g x trade share", o.trade_weight);
    }
    scx_buf_puts(text, ";\nenergy E = sum s_i s_j p_ij over actors in different blocs (lower is "
                       "more stable).\nBasins from random starts with myopic moves.\n\n");
    json_t *inputs = json_object();
    json_t *ids = json_array();
    for (size_t i = 0; i < o.n; i++) {
        json_array_append_new(ids, json_string(actor_id(s, &o, i)));
    }
    json_object_set_new(inputs, "actors", ids);
    json_object_set_new(inputs, "size", json_string("capability"));
    json_object_set_new(inputs, "propensity", json_string("amity + trade_weight * trade share"));
    sc__json_set_number(inputs, "trade_weight", o.trade_weight);
    json_object_set_new(inputs, "basin_samples", json_integer((json_int_t)o.samples));
    json_object_set_new(json, "inputs", inputs);

    state_ctx sc = {&o, opts->seed, {UINT64_MAX, UINT64_MAX}};
    rc = sc__before_and_after(s, "Before the events", state, &sc, text, json, diag);
    uint64_t g0 = sc.global[0], g1 = sc.global[1];
    if (rc == SC_OK && g0 != UINT64_MAX && g1 != UINT64_MAX) {
        /* Masks are canonical up to swapping the two blocs: take the reading that moves fewer. */
        uint64_t all = o.n >= 64 ? UINT64_MAX : ((uint64_t)1 << o.n) - 1;
        uint64_t d = (g0 ^ g1) & all;
        if (2 * (size_t)__builtin_popcountll(d) > o.n) {
            d ^= all;
        }
        json_t *moved = json_array();
        scx_buf_puts(text, "  actors the events move to the other bloc:");
        for (size_t i = 0; i < o.n; i++) {
            if ((d >> i) & 1u) {
                scx_buf_printf(text, " %s", actor_id(s, &o, i));
                json_array_append_new(moved, json_string(actor_id(s, &o, i)));
            }
        }
        scx_buf_puts(text, d ? "\n" : " none\n");
        json_object_set_new(json, "moved_by_events", moved);
    }
    free(o.idx);
    return rc;
}
