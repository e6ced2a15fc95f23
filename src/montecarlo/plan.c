/* SPDX-License-Identifier: MIT */
/*
 * The plan of a Monte Carlo: the states the claims and the headline numbers need and the models
 * in each; which input can change which model in which state (a model reads some numbers; a
 * state's `set` shifts override a drawn number); the outputs; and the checks at the point values
 * that turn a bad predicate into an error before any draw.
 */
#define _POSIX_C_SOURCE 200809L
#include "montecarlo/mc_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "statecraft/war.h"

static sc_status oom(sc_diag *diag)
{
    return sc__diag_set(diag, SC_ENOMEM, "out of memory");
}

/* ---- what each model reads ---------------------------------------------------------------------- */

/* The parts of a path: kind ("actor", "stance", "relation" or a section), then the rest. */
typedef struct path_parts {
    char buf[512];
    char *p[8];
    size_t n;
} path_parts;

static void split(const char *path, path_parts *pp)
{
    snprintf(pp->buf, sizeof pp->buf, "%s", path);
    pp->n = 0;
    char *s = pp->buf;
    while (pp->n < 8) {
        pp->p[pp->n++] = s;
        char *dot = strchr(s, '.');
        if (!dot) {
            break;
        }
        *dot = '\0';
        s = dot + 1;
    }
}

/* The ids a model section names under `key` (a list, or a scalar for war's a/b/mediator). */
static int section_names(const sc_scenario *s, const char *section, const char *key,
                         const char *id)
{
    const sc_node *n = sc__node_get(sc__scenario_section(s, section), key);
    if (sc__node_kind_of(n) == SC_NODE_SEQ) {
        for (size_t i = 0; i < sc__node_count(n); i++) {
            const char *v = sc__node_scalar(sc__node_at(n, i));
            if (v && strcmp(v, id) == 0) {
                return 1;
            }
        }
        return 0;
    }
    const char *v = sc__node_scalar(n);
    return v && strcmp(v, id) == 0;
}

/* The triangle's and the game's three actors: as their section names them, else USA, RUS, CHN
 * (their sections' defaults). */
static int of_three(const sc_scenario *s, const char *section, const char *id)
{
    if (sc__node_get(sc__scenario_section(s, section), "actors")) {
        return section_names(s, section, "actors", id);
    }
    return strcmp(id, "USA") == 0 || strcmp(id, "RUS") == 0 || strcmp(id, "CHN") == 0;
}

/* The war's actors: the belligerents and the mediator its section names. */
static int of_war(const sc_scenario *s, const char *id)
{
    return section_names(s, "war", "a", id) || section_names(s, "war", "b", id) ||
           section_names(s, "war", "mediator", id);
}

/* Whether the war (and the negotiation built on it) reads number `field` of actor `id`: a
 * capability only as a belligerent's military effort when it has no spending (milex), which
 * no shift can take away; every other number of its actors. */
static int war_reads_actor(const sc_scenario *s, const char *id, const char *field)
{
    if (strcmp(field, "capability") != 0) {
        return of_war(s, id);
    }
    long i = sc_scenario_actor_index(s, id);
    return i >= 0 && isnan(sc_scenario_actor(s, (size_t)i)->milex.value) &&
           (section_names(s, "war", "a", id) || section_names(s, "war", "b", id));
}

/* Whether `issue` can be the war's stakes (its `issue:`; any issue when it names none): the only
 * issue on which the negotiation reads its guarantors' stances (their preferred terms). */
static int stakes(const sc_scenario *s, const char *issue)
{
    const char *w = sc__node_scalar(sc__node_get(sc__scenario_section(s, "war"), "issue"));
    return !w || strcmp(w, issue) == 0;
}

int sc__mc_model_reads(const sc_scenario *s, const char *model, const char *path)
{
    path_parts pp;
    split(path, &pp);
    const char *kind = pp.p[0];
    int actor = strcmp(kind, "actor") == 0, stance = strcmp(kind, "stance") == 0;
    int relation = strcmp(kind, "relation") == 0;
    int core = actor || stance || relation;
    if (strcmp(model, "summary") == 0) {
        return 1; /* the scenario itself */
    }
    if (!core) {
        /* a model section: read by the model of that name (eum: and smp: settings, war:, ...);
         * the negotiation tree is built on the war section too */
        return strcmp(kind, model) == 0 ||
               (strcmp(model, "negotiation") == 0 && strcmp(kind, "war") == 0) ||
               (strcmp(model, "relations") == 0 && strcmp(kind, "data") == 0);
    }
    const char *field = pp.p[pp.n - 1];
    if (strcmp(model, "baseline") == 0 || strcmp(model, "eum") == 0 ||
        strcmp(model, "smp") == 0) {
        /* the bargaining models: capabilities and every stance number */
        return (actor && strcmp(field, "capability") == 0) || stance;
    }
    if (strcmp(model, "relations") == 0) {
        /* the scenario's relations set against the data: no capability or stance */
        return relation;
    }
    if (strcmp(model, "triangle") == 0) {
        return relation && strcmp(field, "amity") == 0 && of_three(s, "triangle", pp.p[1]) &&
               of_three(s, "triangle", pp.p[2]);
    }
    if (strcmp(model, "game") == 0) {
        /* capability shares among the three, their amities and trade */
        return (actor && strcmp(field, "capability") == 0 && of_three(s, "game", pp.p[1])) ||
               (relation && of_three(s, "game", pp.p[1]) && of_three(s, "game", pp.p[2]));
    }
    if (strcmp(model, "landscape") == 0) {
        return (actor && strcmp(field, "capability") == 0) || relation;
    }
    if (strcmp(model, "war") == 0) {
        /* every number of the belligerents and the mediator, their stances and relations */
        if (actor) {
            return war_reads_actor(s, pp.p[1], field);
        }
        if (stance) {
            return pp.n >= 3 && of_war(s, pp.p[2]);
        }
        return of_war(s, pp.p[1]) && of_war(s, pp.p[2]);
    }
    if (strcmp(model, "negotiation") == 0) {
        /* the war model's inputs, and the guarantors' positions on the stakes */
        if (actor) {
            return war_reads_actor(s, pp.p[1], field);
        }
        if (stance) {
            return pp.n >= 3 && (of_war(s, pp.p[2]) ||
                                 (section_names(s, "negotiation", "guarantors", pp.p[2]) &&
                                  stakes(s, pp.p[1])));
        }
        return of_war(s, pp.p[1]) && of_war(s, pp.p[2]);
    }
    return 1; /* a model this table does not know reads everything */
}

void sc__mc_eum_issues(const sc_scenario *s, const sc_input *in, unsigned char *redo)
{
    size_t ni = sc_scenario_issue_count(s);
    memset(redo, 0, ni);
    for (size_t k = 0; k < in->n_members; k++) {
        const char *path = in->members[k].path;
        if (!sc__mc_model_reads(s, "eum", path)) {
            continue;
        }
        path_parts pp;
        split(path, &pp);
        long j = strcmp(pp.p[0], "stance") == 0 && pp.n >= 3
                     ? sc_scenario_issue_index(s, pp.p[1])
                     : -1;
        if (j < 0) {
            memset(redo, 1, ni); /* a capability or an `eum:` setting: every issue */
            return;
        }
        redo[j] = 1;
    }
}

/* ---- states --------------------------------------------------------------------------------- */

static size_t add_state(sc_mc *mc, const char *name, const sc_state *st, sc_diag *diag,
                        sc_status *rc)
{
    for (size_t s = 0; s < mc->n_states; s++) {
        if (strcmp(mc->states[s].name, name) == 0) {
            return s;
        }
    }
    mc_state *ns = realloc(mc->states, (mc->n_states + 1) * sizeof *ns);
    char *copy = strdup(name);
    if (!ns || !copy) {
        free(copy);
        if (ns) {
            mc->states = ns;
        }
        *rc = oom(diag);
        return SIZE_MAX;
    }
    mc->states = ns;
    mc_state *x = &mc->states[mc->n_states];
    memset(x, 0, sizeof *x);
    x->name = copy;
    x->st = *st;
    return mc->n_states++;
}

/* The state a claim names: before-events, after-events, or a variant after the events. */
static sc_state claim_state(const sc_scenario *s, const char *name)
{
    sc_state st;
    sc_state_init(&st);
    if (strcmp(name, "before-events") == 0) {
        st.events = SC_EVENTS_BEFORE;
    } else if (strcmp(name, "after-events") != 0) {
        for (size_t v = 0; v < sc_scenario_variant_count(s); v++) {
            if (strcmp(sc_scenario_variant(s, v)->name, name) == 0) {
                st.variant = sc_scenario_variant(s, v)->name;
            }
        }
    }
    return st;
}

/* ---- dependencies --------------------------------------------------------------------------- */

/* Where a path's number lives in scenario c (a pointer, or the section leaf), to compare paths
 * written differently (relation.USA.RUS vs relation.RUS.USA). */
static const void *where_of(sc_scenario *c, const char *path)
{
    double lo, hi;
    const void *p = sc__scenario_resolve(c, path, &lo, &hi);
    return p ? p : (const void *)sc__scenario_section_leaf(c, path);
}

/* 1 if a `set` shift of state st overrides the number at path (the drawn value then never
 * reaches the models). */
static int overridden(const sc_scenario *s, sc_scenario *c, const sc_state *st, const char *path)
{
    const void *target = where_of(c, path);
    if (!target) {
        return 0;
    }
    if (st->events == SC_EVENTS_AFTER) {
        for (size_t e = 0; e < sc_scenario_event_count(s); e++) {
            const sc_event *ev = sc_scenario_event(s, e);
            if (st->until && strcmp(ev->date, st->until) > 0) {
                break;
            }
            for (size_t k = 0; k < ev->n_shifts; k++) {
                if (ev->shifts[k].op == SC_SHIFT_SET && where_of(c, ev->shifts[k].target) == target) {
                    return 1;
                }
            }
        }
    }
    for (size_t v = 0; st->variant && v < sc_scenario_variant_count(s); v++) {
        const sc_variant *var = sc_scenario_variant(s, v);
        if (strcmp(var->name, st->variant) != 0) {
            continue;
        }
        for (size_t k = 0; k < var->n_shifts; k++) {
            if (var->shifts[k].op == SC_SHIFT_SET && where_of(c, var->shifts[k].target) == target) {
                return 1;
            }
        }
    }
    return 0;
}

static sc_status dependencies(sc_mc *mc, sc_diag *diag)
{
    size_t nm = sc__model_count();
    mc->dep = calloc((mc->k ? mc->k : 1) * mc->n_states * nm, 1);
    sc__scratch *x = NULL;
    if (!mc->dep || sc__scratch_new(mc->s, &x) != SC_OK) {
        return oom(diag);
    }
    /* the scratch copy's own sections: pointers into it compare */
    double *u = calloc(mc->k ? mc->k : 1, sizeof *u);
    if (!u) {
        sc__scratch_free(x);
        return oom(diag);
    }
    for (size_t i = 0; i < mc->k; i++) {
        u[i] = 0.5;
    }
    sc_scenario *c = (sc_scenario *)(uintptr_t)sc__scratch_set(x, u);
    for (size_t i = 0; i < mc->k; i++) {
        const sc_input *in = sc_scenario_input(mc->s, i);
        for (size_t s = 0; s < mc->n_states; s++) {
            for (size_t m = 0; m < nm; m++) {
                if (!((mc->states[s].models >> m) & 1u)) {
                    continue;
                }
                int d = 0;
                for (size_t k = 0; k < in->n_members && !d; k++) {
                    const char *path = in->members[k].path;
                    d = sc__mc_model_reads(mc->s, sc__model_at(m)->name, path) &&
                        !overridden(mc->s, c, &mc->states[s].st, path);
                }
                mc->dep[(i * mc->n_states + s) * nm + m] = (unsigned char)d;
            }
        }
    }
    free(u);
    sc__scratch_free(x);
    mc->n_issues = sc_scenario_issue_count(mc->s);
    mc->eum_issues = calloc((mc->k ? mc->k : 1) * (mc->n_issues ? mc->n_issues : 1), 1);
    if (!mc->eum_issues) {
        return oom(diag);
    }
    for (size_t i = 0; i < mc->k; i++) {
        sc__mc_eum_issues(mc->s, sc_scenario_input(mc->s, i), mc->eum_issues + i * mc->n_issues);
    }
    return SC_OK;
}

/* ---- outputs ---------------------------------------------------------------------------------- */

static sc_status add_output(sc_mc *mc, const mc_output *o, sc_diag *diag)
{
    mc_output *n = realloc(mc->out, (mc->n_out + 1) * sizeof *n);
    if (!n) {
        return oom(diag);
    }
    mc->out = n;
    mc->out[mc->n_out] = *o;
    mc->out[mc->n_out].deps = calloc(mc->k ? mc->k : 1, 1);
    if (!mc->out[mc->n_out].deps) {
        return oom(diag);
    }
    mc->out[mc->n_out].sobol_index = mc->n_out;
    mc->n_out++;
    return SC_OK;
}

static void set_deps(sc_mc *mc, mc_output *o, size_t state, sc__model_set models)
{
    size_t nm = sc__model_count();
    for (size_t i = 0; i < mc->k; i++) {
        for (size_t m = 0; m < nm; m++) {
            if ((models >> m) & 1u) {
                o->deps[i] |= mc->dep[(i * mc->n_states + state) * nm + m];
            }
        }
    }
}

static sc__model_set models_of(const sc_claim *cl)
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

/* The located error of claim c: at its `holds` value. */
static sc_status claim_error(const sc_scenario *s, size_t c, sc_diag *diag, const char *msg)
{
    sc__diag_set(diag, SC_EINVAL, "%s", msg);
    return sc__claim_locate(s, c, diag);
}

/* Checks every `.models...` path of claim c on the point-value documents: a path that yields null
 * names nothing. */
static sc_status lint_claim(sc_mc *mc, size_t c, const json_t *contents, sc_diag *diag)
{
    const sc_claim *cl = sc_scenario_claim(mc->s, c);
    sc__jq_path *paths = NULL;
    size_t np = 0;
    char why[128];
    if (sc__jq_scan(cl->holds, &paths, &np, why, sizeof why) != SC_OK) {
        return SC_OK; /* validated at load */
    }
    sc_status rc = SC_OK;
    /* each path's steps as one program: steps of path p are expressions off[p] .. off[p+1]-1 */
    size_t total = 0;
    for (size_t p = 0; p < np; p++) {
        total += paths[p].n_steps;
    }
    const char **exprs = malloc((total ? total : 1) * sizeof *exprs);
    if (!exprs) {
        sc__jq_paths_free(paths, np);
        return oom(diag);
    }
    size_t e = 0;
    for (size_t p = 0; p < np; p++) {
        for (size_t k = 0; k < paths[p].n_steps; k++) {
            exprs[e++] = paths[p].steps[k];
        }
    }
    sc__jq *q = NULL;
    size_t bad;
    char msg[512];
    if (total && sc__jq_compile(exprs, total, &q, &bad, msg, sizeof msg) != SC_OK) {
        q = NULL; /* a step jq cannot compile alone is not a plain path: nothing to check */
    }
    size_t n_docs = cl->compare ? 1 : cl->n_states;
    for (size_t d = 0; q && d < n_docs && rc == SC_OK; d++) {
        e = 0;
        for (size_t p = 0; p < np && rc == SC_OK; p++) {
            for (size_t k = 0; k < paths[p].n_steps && rc == SC_OK; k++, e++) {
                jv doc;
                const char *state;
                if (cl->compare) {
                    doc = sc__mc_compare_doc_nominal(mc, cl, contents);
                    state = "side by side";
                } else {
                    size_t s = 0;
                    while (s < mc->n_states && strcmp(mc->states[s].name, cl->states[d]) != 0) {
                        s++;
                    }
                    doc = sc__mc_state_doc(mc, s, json_object_get(contents, cl->states[d]),
                                           models_of(cl));
                    state = cl->states[d];
                }
                jv r;
                size_t count;
                char m2[256];
                if (sc__jq_run(q, e, doc, &r, &count, m2, sizeof m2) != SC_OK || count != 1 ||
                    jv_get_kind(r) != JV_KIND_NULL) {
                    if (count >= 1) {
                        jv_free(r);
                    }
                    continue;
                }
                jv_free(r);
                char text[SC_DIAG_MESSAGE_MAX];
                if (k == 0) {
                    snprintf(text, sizeof text, "claim '%s' reads %s, which is null in state %s",
                             cl->id, paths[p].text, state);
                } else {
                    snprintf(text, sizeof text,
                             "claim '%s' reads %s, which is null in state %s: %s names nothing "
                             "(the path exists up to %s)",
                             cl->id, paths[p].text, state, paths[p].steps[k],
                             paths[p].steps[k - 1]);
                }
                rc = claim_error(mc->s, c, diag, text);
            }
        }
    }
    sc__jq_free(q);
    free(exprs);
    sc__jq_paths_free(paths, np);
    return rc;
}

/* Every option of every choice is tried on the point values by the models that read it, so an
 * option a model refuses is an error before the first draw (located at the option). */
static sc_status check_choices(sc_mc *mc, sc_diag *diag)
{
    sc_status rc = SC_OK;
    for (size_t i = 0; i < mc->k && rc == SC_OK; i++) {
        const sc_input *in = sc_scenario_input(mc->s, i);
        for (size_t k = 0; k < in->n_members && rc == SC_OK; k++) {
            const sc_input_member *mb = &in->members[k];
            if (mb->kind != SC_INPUT_CHOICE) {
                continue;
            }
            for (size_t o = 0; o < mb->n_options && rc == SC_OK; o++) {
                /* only this member moves: point its leaf at the option */
                sc_scenario *copy = NULL;
                if (sc__scenario_clone(mc->s, &copy) != SC_OK) {
                    return oom(diag);
                }
                sc_node *leaf = sc__scenario_section_leaf(copy, mb->path);
                if (leaf) {
                    leaf->scalar = mb->options[o];
                }
                sc_run_opts ro;
                sc_run_opts_init(&ro);
                ro.runs = 2;
                ro.threads = 1;
                ro.monte_carlo = 1;
                for (size_t s = 0; s < mc->n_states && rc == SC_OK; s++) {
                    for (size_t m = 0; m < sc__model_count() && rc == SC_OK; m++) {
                        if (!((mc->states[s].models >> m) & 1u) ||
                            !sc__mc_model_reads(mc->s, sc__model_at(m)->name, mb->path)) {
                            continue;
                        }
                        json_t *content = json_object();
                        sc_diag local;
                        sc_diag_init(&local);
                        sc_status r = sc__section_run(sc__model_at(m)->section, copy,
                                                      &mc->states[s].st, &ro, content, &local);
                        json_decref(content);
                        if (r != SC_OK) {
                            /* located at the option in the file (FILE:LINE:COL), as the
                             * load-time probe of a choice is (src/scenario/inputs.c) */
                            const sc_node *src = sc__scenario_source_node(mc->s, mb->path);
                            const sc_node *opt = sc__node_at(sc__node_get(src, "choice"), o);
                            rc = sc__node_error(opt ? opt : src, diag, SC_EINVAL,
                                                "%s: option '%s' of the choice: %s", mb->path,
                                                mb->options[o], local.message);
                        }
                    }
                }
                sc_scenario_free(copy);
            }
        }
    }
    return rc;
}

/*
 * The war's lever rows claim cl reads in a state, one bit per sc_war_lever, or 0 for all of
 * them: a lever is read when the predicate names it literally, `.models.war.levers.NAME...`.
 * Any other way to the war's content (a bare `.models.war` or `.models.war.levers`, a variable
 * holding them, recursion, keys, streams, paths, entries, a side-by-side comparison) reads all
 * six, and so does any text left naming `war` or `levers` once those paths are taken out.
 */
unsigned sc__mc_claim_war_levers(const sc_claim *cl)
{
    static const char *const opaque[] = {"..",   "tostream", "paths", "getpath", "walk",
                                         "entries", "keys", "map_values", "del(", "env",
                                         "input", "splits", "$__"};
    if (cl->compare) { /* side by side: the war under .models.war.variants... */
        return 0;
    }
    for (size_t i = 0; i < sizeof opaque / sizeof opaque[0]; i++) {
        if (strstr(cl->holds, opaque[i])) {
            return 0;
        }
    }
    sc__jq_path *paths = NULL;
    size_t np = 0;
    char why[128];
    if (sc__jq_scan(cl->holds, &paths, &np, why, sizeof why) != SC_OK) {
        return 0;
    }
    char *rest = strdup(cl->holds);
    unsigned mask = 1u; /* none: the rows' differences are from it */
    static const char prefix[] = ".models.war.levers.";
    for (size_t p = 0; p < np && rest && mask; p++) {
        const char *t = paths[p].text;
        if (strncmp(t, ".models.war", 11) != 0 || (t[11] && t[11] != '.' && t[11] != '[')) {
            continue; /* another model's path */
        }
        int lever = -1;
        if (strncmp(t, prefix, sizeof prefix - 1) == 0) {
            const char *name = t + sizeof prefix - 1;
            size_t len = strcspn(name, ".[");
            for (int v = 0; v < SC_WAR_LEVER_COUNT; v++) {
                const char *ln = sc_war_lever_name((sc_war_lever)v);
                if (strlen(ln) == len && strncmp(name, ln, len) == 0) {
                    lever = v;
                }
            }
        }
        if (lever < 0) {
            mask = 0;
            break;
        }
        mask |= 1u << lever;
        /* blank every occurrence of the path's text */
        size_t n = strlen(t);
        for (char *at = strstr(rest, t); at; at = strstr(at + n, t)) {
            memset(at, ' ', n);
        }
    }
    if (!rest || strstr(rest, "war") || strstr(rest, "levers")) {
        mask = 0;
    }
    free(rest);
    sc__jq_paths_free(paths, np);
    return mask;
}

/* Each state's war lever rows (mc_state::war_levers): every lever where the war has headline
 * numbers, else those its claims read. */
static void plan_war_levers(sc_mc *mc)
{
    const sc__model *war = sc__model_find("war");
    if (!war) {
        return;
    }
    sc__model_set wbit = (sc__model_set)1 << (size_t)(war - sc__model_at(0));
    for (size_t x = 0; x < mc->n_states; x++) {
        int all = !mc->claims_only && x == mc->headline_state;
        unsigned mask = 1u;
        for (size_t c = 0; c < sc_scenario_claim_count(mc->s) && !all; c++) {
            const sc_claim *cl = sc_scenario_claim(mc->s, c);
            if (!cl->holds || !(models_of(cl) & wbit)) {
                continue;
            }
            for (size_t k = 0; k < cl->n_states && !all; k++) {
                if (strcmp(cl->states[k], mc->states[x].name) == 0) {
                    unsigned m = sc__mc_claim_war_levers(cl);
                    all = m == 0;
                    mask |= m;
                }
            }
        }
        mc->states[x].war_levers = all || !(mc->states[x].models & wbit) ? 0 : mask;
    }
}

int sc__mc_model_simulates(const char *name)
{
    /* the war simulates its runs; the bargaining section estimates its agreement odds from
     * sampled games. The landscape samples only for its basins, which a draw leaves out. */
    return strcmp(name, "war") == 0 || strcmp(name, "bargaining") == 0;
}

static sc__model_set simulating_models(void)
{
    sc__model_set set = 0;
    for (size_t m = 0; m < sc__model_count(); m++) {
        if (sc__mc_model_simulates(sc__model_at(m)->name)) {
            set |= (sc__model_set)1 << m;
        }
    }
    return set;
}

/* The model-noise check's plan: each claim output's simulating models, and in each state the
 * simulating models those claims read with the war's lever rows they read (0: all). */
static void plan_noise(sc_mc *mc)
{
    const sc__model *war = sc__model_find("war");
    sc__model_set wbit = war ? (sc__model_set)1 << (size_t)(war - sc__model_at(0)) : 0;
    sc__model_set sim = simulating_models();
    for (size_t x = 0; x < mc->n_states; x++) {
        mc->states[x].noise_models = 0;
        mc->states[x].noise_levers = 1u; /* none: the rows' differences are from it */
    }
    mc->n_noisy = 0;
    for (size_t o = 0; o < mc->n_out; o++) {
        mc_output *out = &mc->out[o];
        if (out->kind != MC_CLAIM) {
            continue;
        }
        const sc_claim *cl = sc_scenario_claim(mc->s, out->claim);
        out->noise = models_of(cl) & sim;
        if (!out->noise) {
            continue;
        }
        mc->n_noisy++;
        unsigned levers = (out->noise & wbit) ? sc__mc_claim_war_levers(cl) : 1u;
        for (size_t x = 0; x < mc->n_states; x++) {
            mc_state *st = &mc->states[x];
            int judged = x == out->state;
            for (size_t k = 0; k < cl->n_states && out->state == SIZE_MAX; k++) {
                judged |= strcmp(cl->states[k], st->name) == 0;
            }
            if (judged) {
                st->noise_models |= out->noise;
                /* 0 (all six rows) once any claim here reads them all */
                st->noise_levers = st->noise_levers && levers ? st->noise_levers | levers : 0;
            }
        }
    }
}

sc_status sc__mc_plan(sc_mc *mc, sc_diag *diag)
{
    const sc_scenario *s = mc->s;
    sc_status rc = SC_OK;
    /* the claims' states and models */
    for (size_t c = 0; c < sc_scenario_claim_count(s) && rc == SC_OK; c++) {
        const sc_claim *cl = sc_scenario_claim(s, c);
        if (!cl->holds) {
            continue;
        }
        for (size_t k = 0; k < cl->n_states && rc == SC_OK; k++) {
            sc_state st = claim_state(s, cl->states[k]);
            size_t x = add_state(mc, cl->states[k], &st, diag, &rc);
            if (rc == SC_OK) {
                mc->states[x].models |= models_of(cl);
                mc->states[x].jq_models |= models_of(cl);
            }
        }
    }
    /* the headline state: every model with headline answers */
    sc_state hs;
    sc_state_init(&hs);
    if (mc->opts.state) {
        hs = *mc->opts.state;
    }
    char hname[300];
    if (!hs.variant && hs.events == SC_EVENTS_AFTER && !hs.until) {
        snprintf(hname, sizeof hname, "after-events");
    } else if (!hs.variant && hs.events == SC_EVENTS_BEFORE) {
        snprintf(hname, sizeof hname, "before-events");
    } else if (hs.variant && hs.events == SC_EVENTS_AFTER && !hs.until) {
        snprintf(hname, sizeof hname, "%s", hs.variant);
    } else {
        snprintf(hname, sizeof hname, "%s%s%s%s%s", hs.variant ? hs.variant : "",
                 hs.variant ? "/" : "", hs.events == SC_EVENTS_BEFORE ? "before-events"
                                                                     : "after-events",
                 hs.until ? "=" : "", hs.until ? hs.until : "");
    }
    if (rc == SC_OK && !mc->claims_only) {
        mc->headline_state = add_state(mc, hname, &hs, diag, &rc);
        for (size_t m = 0; m < sc__model_count() && rc == SC_OK; m++) {
            /* the bargaining section replays both EUM readings and the SMP, whose forecasts are
             * headlines already: it is computed only where a claim reads it */
            if (sc__model_at(m)->per_state && sc__model_at(m)->answers &&
                strcmp(sc__model_at(m)->name, "bargaining") != 0) {
                mc->states[mc->headline_state].models |= (sc__model_set)1 << m;
            }
        }
    }
    if (rc == SC_OK) {
        plan_war_levers(mc);
        rc = dependencies(mc, diag);
    }
    /* the documents' fixed parts */
    for (size_t x = 0; x < mc->n_states && rc == SC_OK; x++) {
        sc_scenario *at = NULL;
        if ((rc = sc_scenario_at(s, &mc->states[x].st, &at, diag)) != SC_OK) {
            break;
        }
        mc->states[x].state_json = sc__state_json(&mc->states[x].st, at);
        sc_scenario_free(at);
    }
    if (rc != SC_OK) {
        return rc;
    }
    if (sc__mc_fixed_init(mc, &mc->fixed) != SC_OK) {
        return oom(diag);
    }
    /* the point values: every model of every state once */
    rc = sc__mc_nominal_contents(mc, &mc->nominal_contents, diag);
    if (rc != SC_OK) {
        /* prefixed in place: the model's error keeps its location (FILE:LINE:COL) */
        if (diag) {
            static const char prefix[] = "at the point values: ";
            size_t p = sizeof prefix - 1, n = strlen(diag->message);
            n = n + p < sizeof diag->message ? n : sizeof diag->message - p - 1;
            memmove(diag->message + p, diag->message, n);
            memcpy(diag->message, prefix, p);
            diag->message[p + n] = '\0';
        }
        return rc;
    }
    /* claim outputs */
    for (size_t c = 0; c < sc_scenario_claim_count(s) && rc == SC_OK; c++) {
        const sc_claim *cl = sc_scenario_claim(s, c);
        if (!cl->holds) {
            continue;
        }
        size_t expr = mc->n_exprs;
        const char **ne = realloc((void *)mc->exprs, (mc->n_exprs + 1) * sizeof *ne);
        if (!ne) {
            return oom(diag);
        }
        mc->exprs = ne;
        mc->exprs[mc->n_exprs++] = cl->holds;
        size_t n = cl->compare ? 1 : cl->n_states;
        for (size_t k = 0; k < n && rc == SC_OK; k++) {
            mc_output o;
            memset(&o, 0, sizeof o);
            o.kind = MC_CLAIM;
            o.claim = c;
            o.expr = expr;
            o.state = SIZE_MAX;
            o.stat_index = mc->n_claim_out++;
            if (!cl->compare) {
                for (size_t x = 0; x < mc->n_states; x++) {
                    if (strcmp(mc->states[x].name, cl->states[k]) == 0) {
                        o.state = x;
                    }
                }
            }
            rc = add_output(mc, &o, diag);
            if (rc == SC_OK) {
                mc_output *last = &mc->out[mc->n_out - 1];
                for (size_t x = 0; x < cl->n_states; x++) {
                    size_t st = SIZE_MAX;
                    for (size_t y = 0; y < mc->n_states; y++) {
                        if (strcmp(mc->states[y].name, cl->states[x]) == 0) {
                            st = y;
                        }
                    }
                    if (cl->compare || st == last->state) {
                        set_deps(mc, last, st, models_of(cl));
                    }
                }
            }
        }
    }
    if (rc == SC_OK) {
        plan_noise(mc);
    }
    /* every path a predicate reads exists, and every predicate yields a boolean at the point
     * values */
    for (size_t c = 0; c < sc_scenario_claim_count(s) && rc == SC_OK; c++) {
        if (sc_scenario_claim(s, c)->holds) {
            rc = lint_claim(mc, c, mc->nominal_contents, diag);
        }
    }
    if (rc == SC_OK && mc->n_exprs) {
        sc__jq *q = NULL;
        size_t bad;
        char msg[512];
        if (sc__jq_compile(mc->exprs, mc->n_exprs, &q, &bad, msg, sizeof msg) != SC_OK) {
            return sc__diag_set(diag, SC_EINVAL, "cannot compile the claims' predicates: %s",
                                msg);
        }
        for (size_t o = 0; o < mc->n_out && rc == SC_OK; o++) {
            int holds = 0;
            rc = sc__mc_judge_nominal(mc, q, mc->nominal_contents, o, &holds, diag);
            if (rc != SC_OK) {
                char msg2[SC_DIAG_MESSAGE_MAX];
                snprintf(msg2, sizeof msg2, "%s", diag ? diag->message : "");
                rc = claim_error(s, mc->out[o].claim, diag, msg2);
            }
            mc->out[o].nominal = holds;
        }
        sc__jq_free(q);
    }
    if (rc != SC_OK || mc->claims_only) {
        return rc;
    }
    /* headline outputs: the answers of each model at the point values */
    const json_t *hc = json_object_get(mc->nominal_contents, mc->states[mc->headline_state].name);
    for (size_t m = 0; m < sc__model_count() && rc == SC_OK; m++) {
        if (!((mc->states[mc->headline_state].models >> m) & 1u) || !sc__model_at(m)->answers) {
            continue;
        }
        json_t *content = json_object_get(hc, sc__model_at(m)->name);
        json_t *ans = json_object();
        if (content) {
            sc__model_at(m)->answers(content, ans);
        }
        const char *key;
        json_t *a;
        json_object_foreach(ans, key, a) {
            json_t *v = json_object_get(a, "value");
            mc_output o;
            memset(&o, 0, sizeof o);
            o.model = m;
            o.state = mc->headline_state;
            o.key = strdup(key);
            if (!o.key) {
                rc = oom(diag);
                break;
            }
            if (json_is_number(v)) {
                o.kind = MC_NUMBER;
                o.nominal = json_number_value(v);
                o.stat_index = mc->n_number_out++;
            } else if (v && !json_is_null(v)) {
                o.kind = MC_CATEGORY;
                o.nominal = 1;
                o.nominal_label = sc__mc_label(v);
                o.stat_index = mc->n_category_out++;
                if (!o.nominal_label) {
                    free(o.key);
                    rc = oom(diag);
                    break;
                }
            } else {
                free(o.key);
                continue; /* not available at the point values (a note says why) */
            }
            rc = add_output(mc, &o, diag);
            if (rc == SC_OK) {
                set_deps(mc, &mc->out[mc->n_out - 1], mc->headline_state,
                         (sc__model_set)1 << m);
            }
        }
        json_decref(ans);
    }
    if (rc == SC_OK) {
        rc = check_choices(mc, diag);
    }
    return rc;
}
