/* SPDX-License-Identifier: MIT */
/*
 * The Monte Carlo's result as JSON (the claims section of the result document): per claim and
 * state the probability that it holds with its Wilson interval and standard error, a verdict in
 * words and the inputs that decide it (Sobol indices, largest total effect first); per headline
 * number its quantiles or outcome frequencies and what drives it; the inputs themselves.
 */
#include "montecarlo/mc_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static json_t *pair(double a, double b)
{
    json_t *p = json_array();
    json_array_append_new(p, sc__json_number(a));
    json_array_append_new(p, sc__json_number(b));
    return p;
}

/* A verdict in words: the whole 95% interval above 0.9 holds, below 0.1 fails; the interval
 * widened by `noise` on both sides (the model-noise check's rate of changed verdicts, 0 without
 * one). */
static const char *verdict(double lo, double hi, double noise)
{
    return lo - noise >= 0.9 ? "holds" : hi + noise <= 0.1 ? "fails" : "uncertain";
}

/*
 * The model-noise check of claim output o (docs/uncertainty.md, "Model noise"): of the draws
 * judged again on an independent model stream, how many changed their verdict. A draw whose
 * verdict the simulation gets wrong with probability q changes it between two streams with
 * probability 2q(1 - q), which is at least q while q <= 1/2 (the noise mostly right, as with
 * estimates spread evenly about their expectations): the rate of changes then bounds how far
 * the noise moves P(holds) from its value with exact model answers. Returns the rate (0 if no
 * draw was checked).
 */
static double noise_check(const sc_mc *mc, size_t o, json_t *r)
{
    const mc_output *out = &mc->out[o];
    if (!out->noise) {
        return 0;
    }
    uint64_t n = mc->total->noise_rows, k = mc->total->flips[out->stat_index];
    double lo = (double)NAN, hi = (double)NAN;
    sc_wilson_interval(k, n, 0.95, &lo, &hi);
    json_t *nz = json_object();
    json_t *models = json_array();
    for (size_t m = 0; m < sc__model_count(); m++) {
        if ((out->noise >> m) & 1u) {
            json_array_append_new(models, json_string(sc__model_at(m)->name));
        }
    }
    json_object_set_new(nz, "models", models);
    json_object_set_new(nz, "draws_checked", json_integer((json_int_t)n));
    json_object_set_new(nz, "changed", json_integer((json_int_t)k));
    sc__json_set_number(nz, "change_rate", n ? (double)k / (double)n : (double)NAN);
    json_object_set_new(nz, "change_rate_ci95", pair(lo, hi));
    json_object_set_new(r, "model_noise", nz);
    return n ? (double)k / (double)n : 0;
}

typedef struct ranked {
    size_t input;
    sc_sobol_index x;
} ranked;

static int by_total(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    double tx = isnan(x->x.total) ? -1 : x->x.total, ty = isnan(y->x.total) ? -1 : y->x.total;
    if (tx != ty) {
        return tx > ty ? -1 : 1;
    }
    return x->input < y->input ? -1 : x->input > y->input;
}

/* The sensitivity list of output o: every input that can move it, largest total effect first. */
static json_t *sensitivity(const sc_mc *mc, size_t o, json_t *holder)
{
    json_t *arr = json_array();
    const sc_sobol *so = mc->total->sobol;
    if (!so || mc->sensitivity_rows == 0) {
        json_object_set_new(holder, "sensitivity_note",
                            json_string(mc->k ? "no sensitivity design was run (0 sensitivity "
                                                "draws)"
                                              : "the scenario has no uncertain input"));
        return arr;
    }
    double v = sc_sobol_variance(so, mc->out[o].sobol_index);
    if (!(v > 0)) {
        json_object_set_new(holder, "sensitivity_note",
                            json_string("the answer was the same in every row of the "
                                        "sensitivity design: no input moves it there"));
        return arr;
    }
    ranked *r = malloc((mc->k ? mc->k : 1) * sizeof *r);
    size_t n = 0;
    for (size_t i = 0; r && i < mc->k; i++) {
        if (!mc->out[o].deps[i]) {
            continue; /* the input cannot reach this answer: its indices are exactly 0 */
        }
        r[n].input = i;
        if (sc_sobol_index_get(so, mc->out[o].sobol_index, i, &r[n].x, NULL) == SC_OK) {
            n++;
        }
    }
    if (r) {
        qsort(r, n, sizeof *r, by_total);
    }
    for (size_t k = 0; k < n; k++) {
        json_t *e = json_object();
        json_object_set_new(e, "input", json_string(sc_scenario_input(mc->s, r[k].input)->name));
        sc__json_set_number(e, "first_order", r[k].x.first);
        json_object_set_new(e, "first_order_ci95", pair(r[k].x.first_lo, r[k].x.first_hi));
        sc__json_set_number(e, "total", r[k].x.total);
        json_object_set_new(e, "total_ci95", pair(r[k].x.total_lo, r[k].x.total_hi));
        json_array_append_new(arr, e);
    }
    free(r);
    return arr;
}

static json_t *claim_result(const sc_mc *mc, size_t o)
{
    const mc_acc *t = mc->total;
    uint64_t n = t->rows, k = t->holds[mc->out[o].stat_index];
    double p = n ? (double)k / (double)n : (double)NAN, lo, hi;
    sc_wilson_interval(k, n, 0.95, &lo, &hi);
    json_t *r = json_object();
    sc__json_set_number(r, "p_holds", p);
    json_object_set_new(r, "ci95", pair(lo, hi));
    sc__json_set_number(r, "se", n ? sqrt(p * (1 - p) / (double)n) : (double)NAN);
    json_object_set_new(r, "draws", json_integer((json_int_t)n));
    json_object_set_new(r, "holds_at_point_values", json_boolean(mc->out[o].nominal > 0.5));
    double noise = noise_check(mc, o, r);
    json_object_set_new(r, "verdict", json_string(n ? verdict(lo, hi, noise) : "uncertain"));
    json_object_set_new(r, "sensitivity", sensitivity(mc, o, r));
    return r;
}

static json_t *dist_json(const sc_input_member *m)
{
    json_t *d = json_object();
    if (m->kind == SC_INPUT_CHOICE) {
        json_t *opts = json_array();
        for (size_t i = 0; i < m->n_options; i++) {
            json_t *o = json_object();
            json_object_set_new(o, "option", json_string(m->options[i]));
            sc__json_set_number(o, "weight", m->weights[i]);
            json_array_append_new(opts, o);
        }
        json_object_set_new(d, "kind", json_string("choice"));
        json_object_set_new(d, "options", opts);
        json_object_set_new(d, "point", json_string(m->options[m->point]));
        return d;
    }
    switch (m->dist.kind) {
    case SC_DIST_NORMAL:
        json_object_set_new(d, "kind", json_string("normal"));
        sc__json_set_number(d, "mean", m->value);
        sc__json_set_number(d, "sd", m->dist.a);
        break;
    case SC_DIST_UNIFORM:
        json_object_set_new(d, "kind", json_string("uniform"));
        json_object_set_new(d, "range", pair(m->dist.a, m->dist.b));
        break;
    case SC_DIST_TRIANGULAR:
        json_object_set_new(d, "kind", json_string("triangular"));
        json_object_set_new(d, "range", pair(m->dist.a, m->dist.b));
        sc__json_set_number(d, "mode", m->dist.c);
        break;
    case SC_DIST_NONE: break;
    }
    if (m->reverse) {
        json_object_set_new(d, "reverse", json_true());
    }
    return d;
}

json_t *sc__mc_result_json(const sc_mc *mc)
{
    json_t *r = json_object();
    json_object_set_new(r, "draws", json_integer((json_int_t)mc->total->rows));
    json_object_set_new(r, "draws_planned", json_integer((json_int_t)mc->opts.draws));
    json_object_set_new(r, "complete", json_boolean(mc->merged == mc->blocks));
    json_object_set_new(r, "sensitivity_draws", json_integer((json_int_t)mc->sensitivity_rows));
    json_object_set_new(r, "bootstrap", json_integer((json_int_t)mc->opts.bootstrap));
    json_object_set_new(r, "seed", json_integer((json_int_t)mc->opts.seed));
    json_object_set_new(r, "war_runs", json_integer((json_int_t)mc->opts.war_runs));
    json_object_set_new(r, "noise_draws", json_integer((json_int_t)mc->total->noise_rows));
    json_object_set_new(r, "block_rows", json_integer(SC__MC_BLOCK_ROWS));
    json_object_set_new(r, "headline_state", json_string(mc->states[mc->headline_state].name));
    json_t *inputs = json_array();
    for (size_t i = 0; i < mc->k; i++) {
        const sc_input *in = sc_scenario_input(mc->s, i);
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(in->name));
        json_object_set_new(o, "group", in->group ? json_string(in->group) : json_null());
        json_t *members = json_array();
        for (size_t m = 0; m < in->n_members; m++) {
            json_t *e = json_object();
            json_object_set_new(e, "path", json_string(in->members[m].path));
            json_object_set_new(e, "distribution", dist_json(&in->members[m]));
            json_array_append_new(members, e);
        }
        json_object_set_new(o, "members", members);
        json_array_append_new(inputs, o);
    }
    json_object_set_new(r, "inputs", inputs);
    /* claims: by claim id, then state */
    json_t *claims = json_object();
    for (size_t o = 0; o < mc->n_out; o++) {
        if (mc->out[o].kind != MC_CLAIM) {
            continue;
        }
        const char *id = sc_scenario_claim(mc->s, mc->out[o].claim)->id;
        json_t *c = json_object_get(claims, id);
        if (!c) {
            c = json_object();
            json_object_set_new(claims, id, c);
        }
        const char *state = mc->out[o].state == SIZE_MAX ? "side-by-side"
                                                         : mc->states[mc->out[o].state].name;
        json_object_set_new(c, state, claim_result(mc, o));
    }
    json_object_set_new(r, "claims", claims);
    /* headline numbers */
    json_t *heads = json_array();
    const mc_acc *t = mc->total;
    for (size_t o = 0; o < mc->n_out; o++) {
        const mc_output *x = &mc->out[o];
        if (x->kind == MC_CLAIM) {
            continue;
        }
        json_t *h = json_object();
        json_object_set_new(h, "model", json_string(sc__model_at(x->model)->name));
        json_object_set_new(h, "answer", json_string(x->key));
        json_object_set_new(h, "state", json_string(mc->states[x->state].name));
        if (x->kind == MC_NUMBER) {
            const sc_sketch *sk = t->sketch[x->stat_index];
            uint64_t n = sc_sketch_count(sk);
            json_object_set_new(h, "kind", json_string("number"));
            sc__json_set_number(h, "point", x->nominal);
            sc__json_set_number(h, "q05", sc_sketch_quantile(sk, 0.05));
            sc__json_set_number(h, "q50", sc_sketch_quantile(sk, 0.5));
            sc__json_set_number(h, "q95", sc_sketch_quantile(sk, 0.95));
            sc__json_set_number(h, "mean", n ? t->sum[x->stat_index] / (double)n : (double)NAN);
            sc__json_set_number(h, "min", sc_sketch_min(sk));
            sc__json_set_number(h, "max", sc_sketch_max(sk));
            json_object_set_new(h, "draws", json_integer((json_int_t)n));
            json_object_set_new(h, "unavailable",
                                json_integer((json_int_t)sc_sketch_nan_count(sk)));
        } else {
            const sc_tally *tl = t->tally[x->stat_index];
            uint64_t n = sc_tally_total(tl);
            json_object_set_new(h, "kind", json_string("category"));
            json_object_set_new(h, "point", json_string(x->nominal_label));
            json_t *fr = json_array();
            for (size_t i = 0; i < sc_tally_size(tl); i++) {
                json_t *e = json_object();
                json_object_set_new(e, "value", json_string(sc_tally_label(tl, i)));
                sc__json_set_number(e, "share", n ? (double)sc_tally_count(tl, i) / (double)n
                                                  : (double)NAN);
                json_object_set_new(e, "count", json_integer((json_int_t)sc_tally_count(tl, i)));
                json_array_append_new(fr, e);
            }
            json_object_set_new(h, "frequencies", fr);
            json_object_set_new(h, "draws", json_integer((json_int_t)n));
            json_object_set_new(h, "sensitivity_of",
                                json_string("the indicator that the answer is the one at the "
                                            "point values"));
        }
        json_object_set_new(h, "sensitivity", sensitivity(mc, o, h));
        json_array_append_new(heads, h);
    }
    json_object_set_new(r, "headlines", heads);
    return r;
}
