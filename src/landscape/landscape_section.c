/* SPDX-License-Identifier: MIT */
/*
 * The result-document section of landscape theory for one state of the scenario: sizes =
 * capabilities, propensities = amities (plus an optional trade term), the global two-bloc
 * minimum, the other local minima with their basins and energies, the best split into up to k
 * blocs, and a two-dimensional embedding of the propensities (classical multidimensional
 * scaling) on which the blocs can be drawn.
 */
#include "report/sections.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "statecraft/landscape.h"

/* The exhaustive two-bloc search in the report is kept to this many actors (2^39 configurations
 * is hours for the Gray-code search; the pruned one is usually fast, but not always). */
#define SECTION_MAX_ACTORS 40

typedef sc_landscape_settings section_opts;

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
 * optional (defaults 3, 2000, 0, all actors). On success o->actors is owned by o.
 */
sc_status sc_landscape_settings_from_scenario(const sc_scenario *s, section_opts *o,
                                              sc_diag *diag)
{
    static const char *const keys[] = {"blocs", "basin_samples", "trade_weight", "actors"};
    o->blocs = 3;
    o->basin_samples = 2000;
    o->trade_weight = 0;
    o->n = sc_scenario_actor_count(s);
    o->actors = NULL;
    o->given = 0;
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
        o->given |= SC_LANDSCAPE_GIVEN_BLOCS;
    }
    if (rc == SC_OK && sec && (node = sc__node_get(sec, "basin_samples")) != NULL) {
        rc = read_count(node, "basin_samples", 1e7, &o->basin_samples, diag);
        o->given |= SC_LANDSCAPE_GIVEN_BASIN_SAMPLES;
    }
    if (rc == SC_OK && sec && (node = sc__node_get(sec, "trade_weight")) != NULL) {
        rc = sc__node_number(node, &o->trade_weight, diag);
        if (rc == SC_OK && !(o->trade_weight >= 0 && o->trade_weight <= 10)) {
            rc = sc__node_error(node, diag, SC_ERANGE, "'trade_weight' must be in [0, 10]");
        }
        o->given |= SC_LANDSCAPE_GIVEN_TRADE_WEIGHT;
    }
    const sc_node *act = sec ? sc__node_get(sec, "actors") : NULL;
    if (rc == SC_OK && act) {
        size_t m = sc__node_count(act);
        if (sc__node_kind_of(act) != SC_NODE_SEQ || m < 2) {
            return sc__node_error(act, diag, SC_EPARSE, "'actors' must list at least two actor ids");
        }
        o->actors = malloc(m * sizeof *o->actors);
        if (!o->actors) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < m && rc == SC_OK; i++) {
            const char *id = sc__node_scalar(sc__node_at(act, i));
            long k = id ? sc_scenario_actor_index(s, id) : -1;
            if (k < 0) {
                rc = sc__node_unknown_actor(sc__node_at(act, i), s, id,
                                            " in the landscape section", diag);
            }
            for (size_t j = 0; j < i && rc == SC_OK; j++) {
                if (o->actors[j] == (size_t)k) {
                    rc = sc__node_error(sc__node_at(act, i), diag, SC_EINVAL,
                                       "actor '%s' is listed twice", id);
                }
            }
            if (rc == SC_OK) {
                o->actors[i] = (size_t)k;
            }
        }
        o->n = m;
        o->given |= SC_LANDSCAPE_GIVEN_ACTORS;
    }
    if (rc != SC_OK) {
        free(o->actors);
        o->actors = NULL;
    o->given = 0;
    }
    return rc;
}

void sc_landscape_settings_destroy(sc_landscape_settings *st)
{
    if (st) {
        free(st->actors);
        st->actors = NULL;
    }
}

static const char *actor_id(const sc_scenario *s, const section_opts *o, size_t a)
{
    return sc_scenario_actor(s, o->actors ? o->actors[a] : a)->id;
}

/* Appends the two blocs of a mask to arr as arrays of ids. */
static void bloc_json(const sc_scenario *s, const section_opts *o, uint64_t mask, json_t *arr)
{
    for (int side = 0; side < 2; side++) {
        json_t *bloc = json_array();
        for (size_t i = 0; i < o->n; i++) {
            if ((int)((mask >> i) & 1u) == side) {
                json_array_append_new(bloc, json_string(actor_id(s, o, i)));
            }
        }
        json_array_append_new(arr, bloc);
    }
}

/*
 * Classical (Torgerson) multidimensional scaling of the dissimilarities d_ij = 1 - p_ij / pmax
 * (pmax the largest |p_ij|, so friends sit close and enemies far apart): the two leading
 * eigenvectors of B = -1/2 J D^2 J scaled by the square roots of their eigenvalues. Returns 0
 * if GSL cannot allocate.
 */
static int embed(size_t n, const double *prop, double *xy)
{
    double pmax = 0;
    for (size_t k = 0; k < n * n; k++) {
        pmax = fabs(prop[k]) > pmax ? fabs(prop[k]) : pmax;
    }
    pmax = pmax > 0 ? pmax : 1;
    gsl_matrix *b = gsl_matrix_alloc(n, n), *vec = gsl_matrix_alloc(n, n);
    gsl_vector *val = gsl_vector_alloc(n);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(n);
    int ok = b && vec && val && w;
    if (ok) {
        double *row = calloc(n, sizeof *row);
        ok = row != NULL;
        double all = 0;
        for (size_t i = 0; ok && i < n; i++) {
            for (size_t j = 0; j < n; j++) {
                double d = i == j ? 0 : 1 - 0.5 * (prop[i * n + j] + prop[j * n + i]) / pmax;
                gsl_matrix_set(b, i, j, d * d);
                row[i] += d * d / (double)n;
                all += d * d / ((double)n * (double)n);
            }
        }
        for (size_t i = 0; ok && i < n; i++) {
            for (size_t j = 0; j < n; j++) {
                gsl_matrix_set(b, i, j, -0.5 * (gsl_matrix_get(b, i, j) - row[i] - row[j] + all));
            }
        }
        free(row);
    }
    if (ok) {
        gsl_eigen_symmv(b, val, vec, w);
        gsl_eigen_symmv_sort(val, vec, GSL_EIGEN_SORT_VAL_DESC);
        for (size_t c = 0; c < 2; c++) {
            double l = c < n ? gsl_vector_get(val, c) : 0;
            double f = l > 0 ? sqrt(l) : 0;
            /* fix each axis's sign (eigenvectors are defined up to it): the first actor's
             * coordinate is never negative, so the picture does not flip between states */
            double sign = c < n && gsl_matrix_get(vec, 0, c) < 0 ? -1 : 1;
            for (size_t i = 0; i < n; i++) {
                xy[2 * i + c] = c < n ? sign * f * gsl_matrix_get(vec, i, c) : 0;
            }
        }
    }
    gsl_eigen_symmv_free(w);
    gsl_vector_free(val);
    gsl_matrix_free(vec);
    gsl_matrix_free(b);
    return ok;
}

/* Runs the searches on one state of the scenario and fills its JSON. */
static sc_status one_state(const sc_scenario *s, const section_opts *o, uint64_t seed,
                           unsigned threads, json_t *out, sc_diag *diag)
{
    size_t n = o->n;
    double *size = malloc(n * sizeof *size);
    double *prop = malloc(n * n * sizeof *prop);
    double *xy = malloc(2 * n * sizeof *xy);
    int *labels = malloc(n * sizeof *labels);
    sc_landscape_result *r = NULL;
    sc_status rc = SC_OK;
    sc_diag local;
    sc_diag_init(&local);
    if (!size || !prop || !labels || !xy) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    rc = sc_landscape_from_scenario(s, o->actors, n, o->trade_weight, size, prop, diag);
    if (rc != SC_OK) {
        goto done;
    }
    sc_landscape_params p;
    sc_landscape_params_init(&p);
    p.basin_samples = o->basin_samples;
    p.threads = threads; /* the run's threads (sc_run_opts::threads): one in a Monte Carlo draw */
    p.seed = seed;
    p.max_minima = 20;
    /* Bad data (a zero capability) is the scenario's problem, not a failure of the report. */
    if (sc_landscape_search2(n, size, prop, &p, &r, &local) != SC_OK) {
        json_object_set_new(out, "note", json_string(local.message));
        goto done;
    }
    json_t *mins = json_array();
    for (size_t k = 0; k < r->n_kept && k < 5; k++) {
        json_t *m = json_object();
        json_t *blocs_json = json_array();
        bloc_json(s, o, r->minima[k].mask, blocs_json);
        json_object_set_new(m, "global", json_boolean(k == 0));
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
    json_t *kb = json_object();
    json_object_set_new(kb, "max_blocs", json_integer((json_int_t)o->blocs));
    if (sc_landscape_search_k(n, size, prop, o->blocs, 50000000, NULL, labels, &ek, &nodes, &local) ==
        SC_OK) {
        int used = 0;
        for (size_t i = 0; i < n; i++) {
            used = labels[i] + 1 > used ? labels[i] + 1 : used;
        }
        json_t *groups = json_array();
        for (int c = 0; c < used; c++) {
            json_t *g = json_array();
            for (size_t i = 0; i < n; i++) {
                if (labels[i] == c) {
                    json_array_append_new(g, json_string(actor_id(s, o, i)));
                }
            }
            json_array_append_new(groups, g);
        }
        sc__json_set_number(kb, "energy", ek);
        json_object_set_new(kb, "blocs", groups);
    } else {
        json_object_set_new(kb, "energy", json_null());
        json_object_set_new(kb, "blocs", json_null());
        json_object_set_new(kb, "note", json_string(local.message));
    }
    json_object_set_new(out, "k_blocs", kb);
    if (embed(n, prop, xy)) {
        json_t *em = json_object(), *pts = json_array();
        json_object_set_new(em, "method", json_string("classical MDS of 1 - propensity/max|propensity|"));
        for (size_t i = 0; i < n; i++) {
            json_t *pt = json_object();
            json_object_set_new(pt, "actor", json_string(actor_id(s, o, i)));
            sc__json_set_number(pt, "x", xy[2 * i]);
            sc__json_set_number(pt, "y", xy[2 * i + 1]);
            sc__json_set_number(pt, "size", size[i]);
            json_object_set_new(pt, "bloc", json_integer((json_int_t)((r->global.mask >> i) & 1u)));
            json_array_append_new(pts, pt);
        }
        json_object_set_new(em, "points", pts);
        json_object_set_new(out, "embedding", em);
    }
done:
    sc_landscape_result_free(r);
    free(size);
    free(prop);
    free(labels);
    free(xy);
    return rc;
}

sc_status sc__landscape_check(const sc_scenario *at, sc_diag *diag)
{
    section_opts o;
    sc_status rc = sc_landscape_settings_from_scenario(at, &o, diag);
    if (rc == SC_OK) {
        free(o.actors);
    }
    return rc;
}

sc_status sc__landscape_section(const sc__section_in *in, json_t *json, sc_diag *diag)
{
    const sc_scenario *s = in->at;
    section_opts o;
    sc_status rc = sc_landscape_settings_from_scenario(s, &o, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (o.n > SECTION_MAX_ACTORS) {
        char msg[200];
        snprintf(msg, sizeof msg, "%zu actors: the two-bloc search is limited to %d here "
                                  "(choose some with `landscape: {actors: [...]}`)",
                 o.n, SECTION_MAX_ACTORS);
        json_object_set_new(json, "note", json_string(msg));
        free(o.actors);
        return SC_OK;
    }
    if (in->opts->monte_carlo) {
        o.basin_samples = 0; /* basins are for the report's chart; a Monte Carlo draw skips them */
    }
    json_t *inputs = json_object();
    json_t *ids = json_array();
    for (size_t i = 0; i < o.n; i++) {
        json_array_append_new(ids, json_string(actor_id(s, &o, i)));
    }
    json_object_set_new(inputs, "actors", ids);
    json_object_set_new(inputs, "size", json_string("capability"));
    json_object_set_new(inputs, "propensity", json_string("amity + trade_weight * trade share"));
    sc__json_set_number(inputs, "trade_weight", o.trade_weight);
    json_object_set_new(inputs, "basin_samples", json_integer((json_int_t)o.basin_samples));
    json_object_set_new(inputs, "max_blocs", json_integer((json_int_t)o.blocs));
    json_object_set_new(json, "inputs", inputs);
    rc = one_state(s, &o, in->opts->seed, in->opts->threads, json, diag);
    free(o.actors);
    return rc;
}

/* The global minimum's two blocs, the one holding the first actor first: the same partition
 * reads the same in every state. */
void sc__landscape_answers(const json_t *content, json_t *out)
{
    json_t *g = json_array_get(json_object_get(content, "local_minima"), 0);
    json_t *blocs = json_object_get(g, "blocs");
    const char *first = json_string_value(
        json_array_get(json_object_get(json_object_get(content, "inputs"), "actors"), 0));
    if (json_array_size(blocs) != 2 || !first) {
        return;
    }
    json_t *b0 = json_array_get(blocs, 0);
    int has = 0;
    size_t k;
    json_t *id;
    json_array_foreach(b0, k, id) {
        has |= strcmp(json_string_value(id), first) == 0;
    }
    json_t *v = json_array();
    json_array_append(v, json_array_get(blocs, has ? 0 : 1));
    json_array_append(v, json_array_get(blocs, has ? 1 : 0));
    sc__answer_value(out, "global minimum", v);
}

/* The actors that changed sides between two canonical two-bloc partitions. */
void sc__landscape_change_note(const char *answer, const json_t *from, const json_t *to,
                               json_t *change)
{
    if (strcmp(answer, "global minimum") != 0) {
        return;
    }
    json_t *moved = json_array();
    for (size_t side = 0; side < 2; side++) {
        size_t k;
        json_t *id;
        json_array_foreach(json_array_get(from, side), k, id) {
            int same = 0;
            size_t q;
            json_t *x;
            json_array_foreach(json_array_get(to, side), q, x) {
                same |= json_equal(id, x);
            }
            if (!same) {
                json_array_append(moved, id);
            }
        }
    }
    json_object_set_new(change, "moved", moved);
}
