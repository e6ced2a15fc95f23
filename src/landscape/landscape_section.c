/*
 * The `statecraft run` section for landscape theory: sizes = capabilities, propensities =
 * amities, the global two-bloc minimum, the other local minima with their basins, and the best
 * split into up to k blocs, before and after the events.
 */
#include "report/sections.h"

#include <stdlib.h>

#include "core/diag_internal.h"
#include "statecraft/landscape.h"

/* Reads `landscape: {blocs: K, basin_samples: N}`. */
static sc_status read_section(const sc_scenario *s, size_t *blocs, size_t *samples,
                              sc_diag *diag)
{
    static const char *const keys[] = {"blocs", "basin_samples"};
    *blocs = 3;
    *samples = 2000;
    const sc_node *sec = sc_scenario_section(s, "landscape");
    if (!sec) {
        return SC_OK;
    }
    sc_status rc = sc_node_check_keys(sec, "the landscape section", keys, 2, diag);
    double v;
    const sc_node *b = sc_node_get(sec, "blocs");
    if (rc == SC_OK && b) {
        rc = sc_node_number(b, &v, diag);
        if (rc == SC_OK && !(v >= 2 && v <= 16 && v == (double)(size_t)v)) {
            return sc_node_error(b, diag, SC_ERANGE, "'blocs' must be an integer in [2, 16]");
        }
        *blocs = (size_t)v;
    }
    const sc_node *n = sc_node_get(sec, "basin_samples");
    if (rc == SC_OK && n) {
        rc = sc_node_number(n, &v, diag);
        if (rc == SC_OK && !(v >= 0 && v <= 1e7 && v == (double)(size_t)v)) {
            return sc_node_error(n, diag, SC_ERANGE, "'basin_samples' must be an integer >= 0");
        }
        *samples = (size_t)v;
    }
    return rc;
}

static void bloc_text(sc_buf *text, const sc_scenario *s, uint64_t mask, json_t *arr)
{
    size_t n = sc_scenario_actor_count(s);
    for (int side = 0; side < 2; side++) {
        json_t *bloc = json_array();
        sc_buf_puts(text, side ? " | " : "{");
        int first = 1;
        for (size_t i = 0; i < n; i++) {
            if ((int)((mask >> i) & 1u) == side) {
                sc_buf_printf(text, "%s%s", first ? "" : " ", sc_scenario_actor(s, i)->id);
                json_array_append_new(bloc, json_string(sc_scenario_actor(s, i)->id));
                first = 0;
            }
        }
        json_array_append_new(arr, bloc);
    }
    sc_buf_puts(text, "}");
}

static sc_status one_state(const sc_scenario *s, const char *label, size_t blocs,
                           size_t samples, uint64_t seed, sc_buf *text, json_t *out,
                           sc_diag *diag)
{
    size_t n = sc_scenario_actor_count(s);
    double *size = malloc(n * sizeof *size);
    double *prop = malloc(n * n * sizeof *prop);
    int *labels = malloc(n * sizeof *labels);
    sc_landscape_result *r = NULL;
    sc_status rc = SC_OK;
    if (!size || !prop || !labels) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    sc_landscape_from_scenario(s, size, prop);
    sc_landscape_params p;
    sc_landscape_params_init(&p);
    p.basin_samples = samples;
    p.seed = seed;
    p.max_minima = 20;
    rc = sc_landscape_search2(n, size, prop, &p, &r, diag);
    if (rc != SC_OK) {
        goto done;
    }
    sc_buf_printf(text, "%s: %zu local minima of %llu two-bloc configurations\n", label,
                  r->n_minima, (unsigned long long)r->configurations);
    json_t *mins = json_array();
    for (size_t k = 0; k < r->n_kept && k < 5; k++) {
        json_t *o = json_object();
        json_t *blocs_json = json_array();
        sc_buf_printf(text, "  %s E = %10.5f  basin %4.1f%%  ", k == 0 ? "global" : "local ",
                      r->minima[k].energy, 100 * r->minima[k].basin);
        bloc_text(text, s, r->minima[k].mask, blocs_json);
        sc_buf_puts(text, "\n");
        sc__json_set_number(o, "energy", r->minima[k].energy);
        sc__json_set_number(o, "basin", r->minima[k].basin);
        json_object_set_new(o, "blocs", blocs_json);
        json_array_append_new(mins, o);
    }
    json_object_set_new(out, "local_minima", mins);
    json_object_set_new(out, "n_local_minima", json_integer((json_int_t)r->n_minima));
    double ek = 0;
    uint64_t nodes = 0;
    if (sc_landscape_search_k(n, size, prop, blocs, 50000000, labels, &ek, &nodes, diag) ==
        SC_OK) {
        int used = 0;
        for (size_t i = 0; i < n; i++) {
            used = labels[i] + 1 > used ? labels[i] + 1 : used;
        }
        sc_buf_printf(text, "  best split into at most %zu blocs: E = %.5f, %d blocs:", blocs, ek,
                      used);
        json_t *groups = json_array();
        for (int c = 0; c < used; c++) {
            json_t *g = json_array();
            sc_buf_puts(text, c ? " |" : " {");
            for (size_t i = 0; i < n; i++) {
                if (labels[i] == c) {
                    sc_buf_printf(text, " %s", sc_scenario_actor(s, i)->id);
                    json_array_append_new(g, json_string(sc_scenario_actor(s, i)->id));
                }
            }
            json_array_append_new(groups, g);
        }
        sc_buf_puts(text, " }\n");
        json_t *kb = json_object();
        json_object_set_new(kb, "max_blocs", json_integer((json_int_t)blocs));
        sc__json_set_number(kb, "energy", ek);
        json_object_set_new(kb, "blocs", groups);
        json_object_set_new(out, "k_blocs", kb);
    }
done:
    sc_landscape_result_free(r);
    free(size);
    free(prop);
    free(labels);
    return rc;
}

sc_status sc__landscape_section(const sc_scenario *s, const sc_run_opts *opts, sc_buf *text,
                                json_t *json, sc_diag *diag)
{
    size_t blocs, samples;
    sc_status rc = read_section(s, &blocs, &samples, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (sc_scenario_actor_count(s) > 40) {
        sc_buf_puts(text, "Not run: more than 40 actors for the exhaustive search.\n");
        json_object_set_new(json, "note", json_string("more than 40 actors"));
        return SC_OK;
    }
    sc_buf_puts(text, "Axelrod & Bennett's landscape: size = capability, propensity = amity; "
                      "energy E = sum s_i s_j p_ij\nover actors in different blocs (lower is "
                      "more stable). Basins from random starts with myopic moves.\n\n");
    json_t *before = json_object();
    rc = one_state(s, "Before the events", blocs, samples, opts->seed, text, before, diag);
    json_object_set_new(json, "before_events", before);
    if (rc == SC_OK && sc_scenario_event_count(s) > 0) {
        sc_scenario *after = NULL;
        rc = sc_scenario_after_events(s, NULL, &after, diag);
        if (rc == SC_OK) {
            json_t *aj = json_object();
            sc_buf_puts(text, "\n");
            rc = one_state(after, "After the events", blocs, samples, opts->seed, text, aj, diag);
            json_object_set_new(json, "after_events", aj);
        }
        sc_scenario_free(after);
    }
    return rc;
}
