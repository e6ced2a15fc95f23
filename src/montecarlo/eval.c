/* SPDX-License-Identifier: MIT */
/*
 * One row of the design in a worker: set the inputs from the row's uniforms (a scratch copy of
 * the scenario, no allocation), compute the models each needed state asks for, judge the claims
 * with jq on the state's document (converted from jansson to jq's jv directly) and read the
 * headline answers. A row A_B^(i) of the sensitivity design recomputes only the (state, model)
 * pairs input i can change; everything else is row A's, so a claim input i cannot move costs
 * nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include "montecarlo/mc_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "eum/eum_section.h"
#include "statecraft/version.h"
#include "war/war_internal.h"

struct mc_worker {
    const sc_mc *mc;
    sc__scratch *scratch;
    sc__jq *jq;
    mc_fixed fixed;           /* the documents' fixed parts, this worker's own jq values */
    size_t n_models;
    double *uA, *uB, *u;      /* k each */
    /* per (state, model): row A's content and jq value, and the current row's */
    json_t **contA, **cont;
    jv *jvA, *jvc;
    unsigned char *jvA_ok, *jvc_ok, *fresh; /* fresh: recomputed in the current row */
    json_t **ansA, **ans;     /* per model: the headline answers (headline state) */
    double *fA, *fB, *fAB;    /* outputs of rows A, B and every A_B^(i) */
    char **labels;            /* row A's categorical labels */
    sc_scenario **at;         /* per state: its copy of the scenario, refilled for every row */
    sc__jv_keys *keys;        /* the contents' object keys as jq values, this worker's */
};

static size_t at(const sc_mc *mc, size_t s, size_t m)
{
    (void)mc;
    return s * sc__model_count() + m;
}

static sc_status oom(sc_diag *diag)
{
    return sc__diag_set(diag, SC_ENOMEM, "out of memory");
}

/* The cancel flag as the workers read it: an atomic (relaxed) load, since another thread (or a
 * signal handler) writes it while they run. */
static int cancelled(const sc_mc *mc)
{
    return mc->opts.cancel && __atomic_load_n(mc->opts.cancel, __ATOMIC_RELAXED) != 0;
}

sc_status sc__mc_worker_new(const sc_mc *mc, mc_worker **out, sc_diag *diag)
{
    *out = NULL;
    mc_worker *w = calloc(1, sizeof *w);
    if (!w) {
        return oom(diag);
    }
    w->mc = mc;
    w->n_models = sc__model_count();
    size_t sm = mc->n_states * w->n_models, k = mc->k ? mc->k : 1;
    w->uA = calloc(3 * k, sizeof *w->uA);
    w->contA = calloc(sm, sizeof *w->contA);
    w->cont = calloc(sm, sizeof *w->cont);
    w->jvA = calloc(sm, sizeof *w->jvA);
    w->jvc = calloc(sm, sizeof *w->jvc);
    w->jvA_ok = calloc(sm, 1);
    w->jvc_ok = calloc(sm, 1);
    w->fresh = calloc(sm, 1);
    w->ansA = calloc(w->n_models, sizeof *w->ansA);
    w->ans = calloc(w->n_models, sizeof *w->ans);
    w->fA = calloc(mc->n_out ? mc->n_out : 1, sizeof *w->fA);
    w->fB = calloc(mc->n_out ? mc->n_out : 1, sizeof *w->fB);
    w->fAB = calloc(k * (mc->n_out ? mc->n_out : 1), sizeof *w->fAB);
    w->labels = calloc(mc->n_out ? mc->n_out : 1, sizeof *w->labels);
    w->at = calloc(mc->n_states ? mc->n_states : 1, sizeof *w->at);
    w->keys = sc__jv_keys_new();
    if (!w->at || !w->keys || !w->uA || !w->contA || !w->cont || !w->jvA || !w->jvc ||
        !w->jvA_ok || !w->jvc_ok || !w->fresh || !w->ansA || !w->ans || !w->fA || !w->fB ||
        !w->fAB || !w->labels) {
        sc__mc_worker_free(w);
        return oom(diag);
    }
    w->uB = w->uA + k;
    w->u = w->uA + 2 * k;
    sc_status rc = sc__scratch_new(mc->s, &w->scratch);
    if (rc != SC_OK) {
        sc__mc_worker_free(w);
        return sc__diag_set(diag, rc, "cannot copy the scenario for the draws");
    }
    if (sc__mc_fixed_init(mc, &w->fixed) != SC_OK) {
        sc__mc_worker_free(w);
        return oom(diag);
    }
    if (mc->n_exprs) {
        size_t bad;
        char msg[512];
        rc = sc__jq_compile(mc->exprs, mc->n_exprs, &w->jq, &bad, msg, sizeof msg);
        if (rc != SC_OK) {
            sc__mc_worker_free(w);
            return sc__diag_set(diag, rc, "cannot compile the claims' predicates: %s", msg);
        }
    }
    *out = w;
    return SC_OK;
}

/* Drops the row A cache. */
static void clear_row_a(mc_worker *w)
{
    size_t sm = w->mc->n_states * w->n_models;
    for (size_t i = 0; i < sm; i++) {
        json_decref(w->contA[i]);
        w->contA[i] = NULL;
        if (w->jvA_ok[i]) {
            jv_free(w->jvA[i]);
            w->jvA_ok[i] = 0;
        }
    }
    for (size_t m = 0; m < w->n_models; m++) {
        json_decref(w->ansA[m]);
        w->ansA[m] = NULL;
    }
    for (size_t o = 0; o < w->mc->n_out; o++) {
        free(w->labels[o]);
        w->labels[o] = NULL;
    }
}

/* Drops the current row's own contents (those it recomputed). */
static void clear_row(mc_worker *w)
{
    size_t sm = w->mc->n_states * w->n_models;
    for (size_t i = 0; i < sm; i++) {
        json_decref(w->cont[i]);
        w->cont[i] = NULL;
        if (w->jvc_ok[i]) {
            jv_free(w->jvc[i]);
            w->jvc_ok[i] = 0;
        }
        w->fresh[i] = 0;
    }
    for (size_t m = 0; m < w->n_models; m++) {
        json_decref(w->ans[m]);
        w->ans[m] = NULL;
    }
}

void sc__mc_worker_free(mc_worker *w)
{
    if (!w) {
        return;
    }
    if (w->contA) {
        clear_row(w);
        clear_row_a(w);
    }
    sc__scratch_free(w->scratch);
    sc__jq_free(w->jq);
    sc__mc_fixed_destroy(&w->fixed);
    free(w->uA);
    free(w->contA);
    free(w->cont);
    free(w->jvA);
    free(w->jvc);
    free(w->jvA_ok);
    free(w->jvc_ok);
    free(w->fresh);
    free(w->ansA);
    free(w->ans);
    free(w->fA);
    free(w->fB);
    free(w->fAB);
    free(w->labels);
    for (size_t s = 0; w->at && s < w->mc->n_states; s++) {
        sc_scenario_free(w->at[s]);
    }
    free(w->at);
    sc__jv_keys_free(w->keys);
    free(w);
}

/* ---- documents ------------------------------------------------------------------------------- */

/* "before_events" / "after_events" and the variant (NULL: as given) of a claim's state name. */
static void state_place(const mc_state *st, const char **variant, const char **key)
{
    *variant = st->st.variant;
    *key = st->st.events == SC_EVENTS_BEFORE ? "before_events" : "after_events";
}

static jv doc_head(const mc_fixed *fx)
{
    jv d = jv_object();
    d = jv_object_set(d, jv_string("schema"), jv_number(SC__SCHEMA_VERSION));
    d = jv_object_set(d, jv_string("statecraft"), jv_string(sc_version()));
    d = jv_object_set(d, jv_string("scenario"), jv_copy(fx->scenario));
    return d;
}

/* A single-state document from `models` (a jv object, consumed). */
static jv single_doc(const mc_fixed *fx, size_t s, jv models)
{
    jv d = doc_head(fx);
    d = jv_object_set(d, jv_string("state"), jv_copy(fx->state[s]));
    d = jv_object_set(d, jv_string("run"), jv_copy(fx->run));
    return jv_object_set(d, jv_string("models"), models);
}

/* Puts content c (consumed) of model `name` in state s into a comparative `models` object. */
static jv compare_put(const sc_mc *mc, jv models, const char *name, size_t s, jv c)
{
    const char *variant, *key;
    state_place(&mc->states[s], &variant, &key);
    jv m = jv_object_get(jv_copy(models), jv_string(name));
    if (jv_get_kind(m) != JV_KIND_OBJECT) {
        jv_free(m);
        m = jv_object();
    }
    if (variant) {
        jv vars = jv_object_get(jv_copy(m), jv_string("variants"));
        if (jv_get_kind(vars) != JV_KIND_OBJECT) {
            jv_free(vars);
            vars = jv_object();
        }
        jv holder = jv_object_get(jv_copy(vars), jv_string(variant));
        if (jv_get_kind(holder) != JV_KIND_OBJECT) {
            jv_free(holder);
            holder = jv_object();
        }
        holder = jv_object_set(holder, jv_string(key), c);
        vars = jv_object_set(vars, jv_string(variant), holder);
        m = jv_object_set(m, jv_string("variants"), vars);
    } else {
        m = jv_object_set(m, jv_string(key), c);
    }
    return jv_object_set(models, jv_string(name), m);
}

jv sc__mc_state_doc(const sc_mc *mc, size_t s, const json_t *contents, sc__model_set set)
{
    jv models = jv_object();
    for (size_t m = 0; m < sc__model_count(); m++) {
        json_t *c = json_object_get(contents, sc__model_at(m)->name);
        if (((set >> m) & 1u) && c) {
            models = jv_object_set(models, jv_string(sc__model_at(m)->name),
                                   sc__jv_from_json(c));
        }
    }
    return single_doc(&mc->fixed, s, models);
}

/* The index of a claim's state name among the plan's states. */
static size_t state_index(const sc_mc *mc, const char *name)
{
    for (size_t s = 0; s < mc->n_states; s++) {
        if (strcmp(mc->states[s].name, name) == 0) {
            return s;
        }
    }
    return SIZE_MAX;
}

static sc__model_set claim_models(const sc_claim *cl)
{
    sc__model_set set = 0;
    for (size_t i = 0; i < cl->n_models; i++) {
        const sc__model *m = sc__model_find(cl->models[i]);
        if (m) {
            set |= (sc__model_set)1 << (size_t)(m - sc__model_at(0));
        }
    }
    return set;
}

/* A compare claim's document: its states side by side. get(s, m) gives a jv (a new reference). */
typedef jv (*content_jv_fn)(void *ctx, size_t s, size_t m);

static jv compare_doc(const sc_mc *mc, const mc_fixed *fx, const sc_claim *cl, content_jv_fn get,
                      void *ctx)
{
    sc__model_set set = claim_models(cl);
    jv d = doc_head(fx);
    d = jv_object_set(d, jv_string("run"), jv_copy(fx->run));
    jv states = jv_array();
    jv models = jv_object();
    for (size_t k = 0; k < cl->n_states; k++) {
        size_t s = state_index(mc, cl->states[k]);
        states = jv_array_append(states, jv_copy(fx->state[s]));
        for (size_t m = 0; m < sc__model_count(); m++) {
            if ((set >> m) & 1u) {
                models = compare_put(mc, models, sc__model_at(m)->name, s, get(ctx, s, m));
            }
        }
    }
    d = jv_object_set(d, jv_string("states"), states);
    return jv_object_set(d, jv_string("models"), models);
}

/* ---- judging ----------------------------------------------------------------------------------- */

/* Runs predicate `expr` on doc (consumed); the verdict must be exactly one boolean. */
static sc_status judge(sc__jq *q, size_t expr, jv doc, const sc_claim *cl, const char *state,
                       const char *where, int *holds, sc_diag *diag)
{
    jv r;
    size_t count;
    char msg[512];
    sc_status rc = sc__jq_run(q, expr, doc, &r, &count, msg, sizeof msg);
    if (rc != SC_OK) {
        return sc__diag_set(diag, SC_EINVAL, "claim '%s' (state %s, %s): jq error: %s", cl->id,
                            state, where, msg);
    }
    jv_kind kind = jv_get_kind(r);
    if (count == 1 && (kind == JV_KIND_TRUE || kind == JV_KIND_FALSE)) {
        *holds = kind == JV_KIND_TRUE;
        jv_free(r);
        return SC_OK;
    }
    char shown[96] = "";
    if (count >= 1) {
        jv d = jv_dump_string(jv_copy(r), 0);
        snprintf(shown, sizeof shown, " (%s%s)", jv_string_value(d),
                 jv_string_length_bytes(jv_copy(d)) > 80 ? "..." : "");
        jv_free(d);
    }
    jv_free(r);
    if (count == 0) {
        return sc__diag_set(diag, SC_EINVAL,
                            "claim '%s' (state %s, %s): the predicate yields no result; it must "
                            "yield true or false",
                            cl->id, state, where);
    }
    if (count > 1) {
        return sc__diag_set(diag, SC_EINVAL,
                            "claim '%s' (state %s, %s): the predicate yields several results; "
                            "combine them (all, any) into one true or false",
                            cl->id, state, where);
    }
    return sc__diag_set(diag, SC_EINVAL,
                        "claim '%s' (state %s, %s): the predicate yields a %s%s, not true or "
                        "false",
                        cl->id, state, where, jv_kind_name(kind), shown);
}

char *sc__mc_label(const json_t *v)
{
    if (json_is_string(v)) {
        return strdup(json_string_value(v));
    }
    scx_buf b;
    scx_buf_init(&b);
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            if (json_is_array(e)) {
                /* blocs: {A B} {C D} */
                scx_buf_puts(&b, i ? " " : "");
                scx_buf_puts(&b, "{");
                size_t k;
                json_t *x;
                json_array_foreach(e, k, x) {
                    scx_buf_printf(&b, "%s%s", k ? " " : "", json_string_value(x) ? json_string_value(x) : "?");
                }
                scx_buf_puts(&b, "}");
            } else {
                scx_buf_printf(&b, "%s%s", i ? "; " : "", json_is_string(e) ? json_string_value(e) : "?");
            }
        }
        if (json_array_size(v) == 0) {
            scx_buf_puts(&b, "(none)");
        }
    } else if (json_is_true(v) || json_is_false(v)) {
        scx_buf_puts(&b, json_is_true(v) ? "true" : "false");
    } else {
        scx_buf_puts(&b, "(none)");
    }
    char *s = NULL;
    if (scx_buf_take(&b, &s, NULL, NULL) != SC_OK) {
        s = NULL;
    }
    scx_buf_destroy(&b);
    return s;
}

/* ---- the point values -------------------------------------------------------------------------- */

void sc__mc_run_opts(const sc_mc *mc, uint64_t seed, sc_run_opts *o)
{
    sc_run_opts_init(o);
    o->seed = seed;
    o->runs = mc->opts.war_runs;
    o->threads = 1;
    o->monte_carlo = 1;
}

/* Computes models `set` of state s on `given` (the scenario as loaded, inputs set), the war's
 * lever rows `levers` (0: all). With eum_redo (a row A_B^(i)), the EUM plays again only the
 * issues eum_redo marks and takes the others from prev (row A's contents of the state, per
 * model). keep: the worker's copy of the scenario in state s, refilled (sc__scenario_at_reuse),
 * or NULL for a copy of its own. */
static sc_status compute_state(const sc_mc *mc, const sc_scenario *given, size_t s,
                               sc__model_set set, unsigned levers, const sc_run_opts *o,
                               json_t *const *prev,
                               const unsigned char *eum_redo, sc_scenario **keep, json_t **out,
                               sc_diag *diag)
{
    const sc__model *eum = sc__model_find("eum");
    const sc_state *st = &mc->states[s].st;
    sc_scenario *atst = NULL;
    sc_status rc = SC_OK;
    /* before the events with no variant the state is the scenario as given: its copy would be
     * the same numbers (the models only read it) */
    const sc_scenario *there = given;
    if (st->events != SC_EVENTS_BEFORE || st->variant) {
        rc = keep ? sc__scenario_at_reuse(given, st, keep, diag)
                  : sc_scenario_at(given, st, &atst, diag);
        if (rc != SC_OK) {
            return rc;
        }
        there = keep ? *keep : atst;
    }
    sc__section_in in = {given, st, there, o, levers};
    for (size_t m = 0; m < sc__model_count() && rc == SC_OK; m++) {
        if (!((set >> m) & 1u)) {
            continue;
        }
        json_t *c = json_object();
        if (!c) {
            rc = oom(diag);
            break;
        }
        if (eum_redo && prev && prev[m] && sc__model_at(m) == eum) {
            rc = sc__eum_section_issues(&in, prev[m], eum_redo, c, diag);
        } else {
            rc = sc__model_at(m)->section(&in, c, diag);
        }
        out[m] = c;
    }
    sc_scenario_free(atst);
    return rc;
}

sc_status sc__mc_nominal_contents(const sc_mc *mc, json_t **out, sc_diag *diag)
{
    *out = NULL;
    json_t *all = json_object();
    size_t nm = sc__model_count();
    json_t **c = calloc(nm, sizeof *c);
    if (!all || !c) {
        json_decref(all);
        free(c);
        return oom(diag);
    }
    sc_status rc = SC_OK;
    for (size_t s = 0; s < mc->n_states && rc == SC_OK; s++) {
        memset(c, 0, nm * sizeof *c);
        rc = compute_state(mc, mc->s, s, mc->states[s].models, mc->states[s].war_levers,
                           &mc->nominal_opts, NULL, NULL, NULL, c, diag);
        json_t *st = json_object();
        for (size_t m = 0; m < nm; m++) {
            if (c[m]) {
                json_object_set_new(st, sc__model_at(m)->name, c[m]);
            }
        }
        json_object_set_new(all, mc->states[s].name, st);
    }
    free(c);
    if (rc != SC_OK) {
        json_decref(all);
        return rc;
    }
    *out = all;
    return SC_OK;
}

typedef struct nominal_ctx {
    const sc_mc *mc;
    const json_t *contents;
} nominal_ctx;

static jv nominal_jv(void *ctx, size_t s, size_t m)
{
    nominal_ctx *n = ctx;
    json_t *c = json_object_get(json_object_get(n->contents, n->mc->states[s].name),
                                sc__model_at(m)->name);
    return c ? sc__jv_from_json(c) : jv_null();
}

jv sc__mc_compare_doc_nominal(const sc_mc *mc, const sc_claim *cl, const json_t *contents)
{
    nominal_ctx ctx = {mc, contents};
    return compare_doc(mc, &mc->fixed, cl, nominal_jv, &ctx);
}

sc_status sc__mc_judge_nominal(const sc_mc *mc, sc__jq *q, const json_t *contents, size_t o,
                               int *holds, sc_diag *diag)
{
    const mc_output *out = &mc->out[o];
    const sc_claim *cl = sc_scenario_claim(mc->s, out->claim);
    jv doc;
    const char *state;
    if (out->state == SIZE_MAX) {
        nominal_ctx ctx = {mc, contents};
        doc = compare_doc(mc, &mc->fixed, cl, nominal_jv, &ctx);
        state = "side by side";
    } else {
        doc = sc__mc_state_doc(mc, out->state,
                               json_object_get(contents, mc->states[out->state].name),
                               claim_models(cl));
        state = mc->states[out->state].name;
    }
    return judge(q, out->expr, doc, cl, state, "at the point values", holds, diag);
}

/* ---- one row ------------------------------------------------------------------------------------ */

typedef struct row_ctx {
    mc_worker *w;
} row_ctx;

/* The jq value of (s, m) in the current row: its own if recomputed, else row A's. */
static jv row_jv(void *ctx, size_t s, size_t m)
{
    mc_worker *w = ((row_ctx *)ctx)->w;
    size_t i = at(w->mc, s, m);
    if (w->fresh[i]) {
        if (!w->jvc_ok[i]) {
            w->jvc[i] = w->cont[i] ? sc__jv_from_json_keys(w->cont[i], w->keys) : jv_null();
            w->jvc_ok[i] = 1;
        }
        return jv_copy(w->jvc[i]);
    }
    if (!w->jvA_ok[i]) {
        w->jvA[i] = w->contA[i] ? sc__jv_from_json_keys(w->contA[i], w->keys) : jv_null();
        w->jvA_ok[i] = 1;
    }
    return jv_copy(w->jvA[i]);
}

static json_t *row_content(mc_worker *w, size_t s, size_t m)
{
    size_t i = at(w->mc, s, m);
    return w->fresh[i] ? w->cont[i] : w->contA[i];
}

/* A headline answer of model m in the current row (answers computed once per row). */
static json_t *answer(mc_worker *w, size_t m, const char *key)
{
    const sc_mc *mc = w->mc;
    size_t i = at(mc, mc->headline_state, m);
    json_t **cache = w->fresh[i] ? &w->ans[m] : &w->ansA[m];
    if (!*cache) {
        *cache = json_object();
        json_t *c = row_content(w, mc->headline_state, m);
        if (c && sc__model_at(m)->answers) {
            sc__model_at(m)->answers(c, *cache);
        }
    }
    return json_object_get(json_object_get(*cache, key), "value");
}

/* The rows eval_row computes: a draw (row A), a row B, a row A_B^(i) of the sensitivity design,
 * and a draw again on an independent model stream (the model-noise check). */
enum { ROW_A = 0, ROW_B = 1, ROW_AB = 2, ROW_NOISE = 3 };

static sc_status eval_row(mc_worker *w, uint64_t row, int which, size_t input, double *f,
                          int keep_labels, sc_diag *diag)
{
    const sc_mc *mc = w->mc;
    size_t k = mc->k, nm = w->n_models;
    const double *u = which == ROW_B ? w->uB : which == ROW_AB ? w->u : w->uA;
    if (which == ROW_AB) {
        memcpy(w->u, w->uA, k * sizeof *w->u);
        w->u[input] = w->uB[input];
    }
    const sc_scenario *given = sc__scratch_set(w->scratch, u);
    /* the draw's model stream is (seed, 4j + 2); the noise check's (seed, 4j + 3) is used by
     * nothing else, so its simulations are independent of the draw's */
    sc_rng noise;
    sc_rng_init(&noise, mc->opts.seed, 4 * row + (which == ROW_NOISE ? 3 : 2));
    sc_run_opts o;
    sc__mc_run_opts(mc, sc_rng_next(&noise), &o);
    json_t **dst = which == ROW_A ? w->contA : w->cont;
    char where[160];
    if (which == ROW_AB) {
        snprintf(where, sizeof where, "draw %llu, sensitivity row with input %s from B",
                 (unsigned long long)row, sc_scenario_input(mc->s, input)->name);
    } else if (which == ROW_NOISE) {
        snprintf(where, sizeof where, "draw %llu, model-noise check", (unsigned long long)row);
    } else {
        /* a row B is a draw of its own when the design pairs the draws */
        snprintf(where, sizeof where, "draw %llu%s", (unsigned long long)row,
                 which == ROW_B && !mc->draw_pairs ? ", sensitivity row B" : "");
    }
    sc_status rc = SC_OK;
    /* the war's lever rows of row A are kept; the rows B and A_B^(i) of its base row reuse
     * those whose numbers input i did not move (the same bits: sc__war_rows_begin) */
    sc__war_rows_begin(which == ROW_A);
    for (size_t s = 0; s < mc->n_states && rc == SC_OK; s++) {
        sc__model_set set = mc->states[s].models;
        unsigned levers = mc->states[s].war_levers;
        if (which == ROW_NOISE) {
            set = mc->states[s].noise_models;
            levers = mc->states[s].noise_levers;
        } else if (which == ROW_AB) {
            sc__model_set need = 0;
            for (size_t m = 0; m < nm; m++) {
                if (((set >> m) & 1u) && mc->dep[(input * mc->n_states + s) * nm + m]) {
                    need |= (sc__model_set)1 << m;
                }
            }
            set = need;
        }
        if (!set) {
            continue;
        }
        rc = compute_state(mc, given, s, set, levers, &o,
                           which == ROW_AB ? w->contA + s * nm : NULL,
                           which == ROW_AB ? mc->eum_issues + input * mc->n_issues : NULL,
                           &w->at[s], dst + s * nm, diag);
        for (size_t m = 0; m < nm; m++) {
            if ((set >> m) & 1u) {
                w->fresh[at(mc, s, m)] = which != ROW_A;
            }
        }
    }
    sc__war_rows_end();
    if (rc != SC_OK) {
        /* name the draw, and keep the location a section's reader gave the error */
        sc_diag at;
        sc_diag_init(&at);
        if (diag) {
            at = *diag;
        }
        char msg[SC_DIAG_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "%s", diag ? diag->message : "");
        sc__diag_set(diag, rc, "%s: %s", where, msg);
        if (diag && at.line > 0) {
            memcpy(diag->file, at.file, sizeof at.file);
            diag->offset = at.offset;
            diag->line = at.line;
            diag->column = at.column;
            memcpy(diag->source_line, at.source_line, sizeof at.source_line);
            diag->caret_width = at.caret_width;
        }
        return rc;
    }
    row_ctx ctx = {w};
    for (size_t oi = 0; oi < mc->n_out && rc == SC_OK; oi++) {
        const mc_output *out = &mc->out[oi];
        if ((which == ROW_AB && !out->deps[input]) || (which == ROW_NOISE && !out->noise)) {
            f[oi] = w->fA[oi];
            continue;
        }
        if (out->kind == MC_CLAIM) {
            const sc_claim *cl = sc_scenario_claim(mc->s, out->claim);
            jv doc;
            if (out->state == SIZE_MAX) {
                doc = compare_doc(mc, &w->fixed, cl, row_jv, &ctx);
            } else {
                jv models = jv_object();
                sc__model_set set = claim_models(cl);
                for (size_t m = 0; m < nm; m++) {
                    if ((set >> m) & 1u) {
                        models = jv_object_set(models, jv_string(sc__model_at(m)->name),
                                               row_jv(&ctx, out->state, m));
                    }
                }
                doc = single_doc(&w->fixed, out->state, models);
            }
            int holds = 0;
            rc = judge(w->jq, out->expr, doc, cl,
                       out->state == SIZE_MAX ? "side by side" : mc->states[out->state].name,
                       where, &holds, diag);
            if (rc != SC_OK) {
                rc = sc__claim_locate(mc->s, out->claim, diag); /* FILE:LINE:COL of the claim */
            }
            f[oi] = holds;
            continue;
        }
        json_t *v = answer(w, out->model, out->key);
        if (out->kind == MC_NUMBER) {
            f[oi] = json_is_number(v) ? json_number_value(v) : (double)NAN;
            continue;
        }
        char *label = sc__mc_label(v);
        if (!label) {
            rc = oom(diag);
            break;
        }
        f[oi] = strcmp(label, out->nominal_label) == 0;
        if (keep_labels) {
            w->labels[oi] = label;
        } else {
            free(label);
        }
    }
    return rc;
}

int sc__mc_base_row(const sc_mc *mc, uint64_t d, uint64_t *j)
{
    uint64_t m = mc->sensitivity_rows;
    if (m == 0) {
        return 0;
    }
    if (!mc->draw_pairs) {
        *j = d;
        return d < m;
    }
    /* a_j = 2 floor(j h / M) with h = floor(N / 2) >= M: strictly increasing in j, so the
     * draw 2q is a_j for j = ceil(q M / h) if for any (q M <= 5e17: no overflow) */
    uint64_t h = mc->opts.draws / 2, q = d / 2;
    if (d % 2 != 0) {
        return 0;
    }
    uint64_t c = (q * m + h - 1) / h;
    if (c < m && c * h / m == q) {
        *j = c;
        return 1;
    }
    return 0;
}

int sc__mc_noise_row(const sc_mc *mc, uint64_t d)
{
    return mc->n_noisy > 0 && d % SC__MC_NOISE_PER == 0;
}

/* Counts a model-noise check into acc: f is the draw's outputs on its own model stream, g on
 * the check's. */
static void count_flips(const sc_mc *mc, mc_acc *acc, const double *f, const double *g)
{
    acc->noise_rows++;
    for (size_t o = 0; o < mc->n_out; o++) {
        const mc_output *x = &mc->out[o];
        if (x->kind == MC_CLAIM && x->noise) {
            acc->flips[x->stat_index] += (f[o] > 0.5) != (g[o] > 0.5);
        }
    }
}

/* Counts the outputs f of one draw (labels: its categorical answers) into acc. */
static sc_status add_draw(const sc_mc *mc, mc_acc *acc, const double *f, char *const *labels)
{
    sc_status rc = SC_OK;
    acc->rows++;
    for (size_t o = 0; o < mc->n_out && rc == SC_OK; o++) {
        const mc_output *x = &mc->out[o];
        switch (x->kind) {
        case MC_CLAIM: acc->holds[x->stat_index] += f[o] > 0.5; break;
        case MC_NUMBER:
            rc = sc_sketch_add(acc->sketch[x->stat_index], f[o], NULL);
            if (isfinite(f[o])) {
                acc->sum[x->stat_index] += f[o];
            }
            break;
        case MC_CATEGORY: rc = sc_tally_add(acc->tally[x->stat_index], labels[o], 1, NULL); break;
        }
    }
    return rc;
}

static void free_labels(mc_worker *w)
{
    for (size_t o = 0; o < w->mc->n_out; o++) {
        free(w->labels[o]);
        w->labels[o] = NULL;
    }
}

sc_status sc__mc_block_compute(const sc_mc *mc, mc_worker *w, size_t b, mc_acc **out,
                               sc_diag *diag)
{
    *out = NULL;
    uint64_t first = (uint64_t)b * SC__MC_BLOCK_ROWS;
    uint64_t last = first + SC__MC_BLOCK_ROWS;
    if (last > mc->opts.draws) {
        last = mc->opts.draws;
    }
    uint64_t j;
    int with_sobol = 0;
    for (uint64_t d = first; d < last && !with_sobol; d++) {
        with_sobol = sc__mc_base_row(mc, d, &j);
    }
    mc_acc *acc = NULL;
    sc_status rc = sc__mc_acc_new(mc, with_sobol, &acc);
    if (rc != SC_OK) {
        return oom(diag);
    }
    size_t k = mc->k, no = mc->n_out;
    for (uint64_t d = first; d < last && rc == SC_OK; d++) {
        /* a paired design's row B (an odd draw after a row A, in the same block since blocks
         * start at even draws) was computed and counted with its row A */
        if (mc->draw_pairs && d % 2 != 0 && sc__mc_base_row(mc, d - 1, &j)) {
            continue;
        }
        if (cancelled(mc)) {
            rc = sc__diag_set(diag, SC_ELIMIT, "interrupted"); /* the block is dropped */
            break;
        }
        sc_sobol_row(mc->opts.seed, d, 0, k, w->uA);
        rc = eval_row(w, d, ROW_A, 0, w->fA, 1, diag);
        if (rc != SC_OK) {
            break;
        }
        if (add_draw(mc, acc, w->fA, w->labels) != SC_OK) {
            rc = oom(diag);
            break;
        }
        if (sc__mc_base_row(mc, d, &j)) {
            if (mc->draw_pairs) {
                /* row B is draw d + 1 (its own model seed), counted after draw d as the plain
                 * order of the draws would */
                free_labels(w);
                sc_sobol_row(mc->opts.seed, d + 1, 0, k, w->uB);
                rc = eval_row(w, d + 1, ROW_B, 0, w->fB, 1, diag);
                if (rc == SC_OK && add_draw(mc, acc, w->fB, w->labels) != SC_OK) {
                    rc = oom(diag);
                }
            } else {
                sc_sobol_row(mc->opts.seed, j, 1, k, w->uB);
                rc = eval_row(w, d, ROW_B, 0, w->fB, 0, diag);
            }
            clear_row(w);
            for (size_t i = 0; i < k && rc == SC_OK; i++) {
                if (cancelled(mc)) {
                    rc = sc__diag_set(diag, SC_ELIMIT, "interrupted");
                    break;
                }
                rc = eval_row(w, d, ROW_AB, i, w->fAB + i * no, 0, diag);
                clear_row(w);
            }
            if (rc == SC_OK) {
                sc_sobol_add(acc->sobol, j, w->fA, w->fB, w->fAB);
            }
        }
        if (rc == SC_OK && sc__mc_noise_row(mc, d)) {
            /* the draw's claims that read a simulating model, judged again on the stream
             * (seed, 4d + 3): their verdicts' changes measure what the simulation noise decides */
            clear_row(w);
            rc = eval_row(w, d, ROW_NOISE, 0, w->fAB, 0, diag);
            if (rc == SC_OK) {
                count_flips(mc, acc, w->fA, w->fAB);
            }
        }
        clear_row(w);
        clear_row_a(w);
    }
    sc__war_rows_clear(); /* the last row A's lever rows */
    if (rc != SC_OK) {
        clear_row(w);
        clear_row_a(w);
        sc__mc_acc_free(acc);
        return rc;
    }
    *out = acc;
    return SC_OK;
}
