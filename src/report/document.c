/* SPDX-License-Identifier: MIT */
/*
 * The result document: the table of model sections, the single-state document and the
 * comparative report with its `changes` (document.h).
 */
#include "report/document.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "statecraft/version.h"

/* The models, in report order. A new model adds one row here. */
static const sc__model models[] = {
    {"summary", "Scenario", 0, sc__summary_section, NULL, NULL},
    {"baseline", "Median-voter baseline", 1, sc__baseline_section, sc__baseline_answers, NULL},
    {"eum", "Bargaining: expected-utility model", 1, sc__eum_section, sc__eum_answers, NULL},
    {"smp", "Bargaining: Spatial Model of Politics", 1, sc__smp_section, sc__smp_answers, NULL},
    {"bargaining", "Bargaining: one forecast, the models side by side, and the agreement", 1,
     sc__bargaining_section, sc__bargaining_answers, NULL},
    {"war", "War termination and mediation", 1, sc__war_section, sc__war_answers, NULL},
    {"negotiation", "Ceasefire negotiation as a game tree", 1, sc__negotiation_section,
     sc__negotiation_answers, NULL},
    {"triangle", "Strategic triangle", 1, sc__triangle_section, sc__triangle_answers, NULL},
    {"landscape", "Coalition landscape", 1, sc__landscape_section, sc__landscape_answers,
     sc__landscape_change_note},
    {"game", "Alignment game", 1, sc__game_section, sc__game_answers, NULL},
    {"relations", "Relations: judgement vs data", 1, sc__relations_section, sc__relations_answers,
     NULL},
    {"claims", "Claims to test", 0, sc__claims_section, NULL, NULL},
};

#define N_MODELS (sizeof models / sizeof models[0])
_Static_assert(N_MODELS <= 64, "sc__model_set has 64 bits");

size_t sc__model_count(void)
{
    return N_MODELS;
}

const sc__model *sc__model_at(size_t i)
{
    return i < N_MODELS ? &models[i] : NULL;
}

const sc__model *sc__model_find(const char *name)
{
    for (size_t i = 0; i < N_MODELS; i++) {
        if (strcmp(models[i].name, name) == 0) {
            return &models[i];
        }
    }
    return NULL;
}

sc_status sc__model_set_parse(const char *only, sc__model_set *out, sc_diag *diag)
{
    if (!only) {
        *out = SC__MODELS_ALL;
        return SC_OK;
    }
    const char *names[N_MODELS];
    for (size_t i = 0; i < N_MODELS; i++) {
        names[i] = models[i].name;
    }
    sc__model_set set = 0;
    char buf[256];
    for (const char *p = only; *p;) {
        const char *comma = strchr(p, ',');
        size_t l = comma ? (size_t)(comma - p) : strlen(p);
        if (l >= sizeof buf) {
            l = sizeof buf - 1;
        }
        memcpy(buf, p, l);
        buf[l] = '\0';
        size_t i = 0;
        while (i < N_MODELS && strcmp(names[i], buf) != 0) {
            i++;
        }
        if (i == N_MODELS) {
            const char *hint = sc__suggest(buf, names, N_MODELS);
            return hint ? sc__diag_set(diag, SC_ENOTFOUND, "unknown model '%s' (did you mean '%s'?)",
                                       buf, hint)
                        : sc__diag_set(diag, SC_ENOTFOUND, "unknown model '%s'", buf);
        }
        set |= (sc__model_set)1 << i;
        p += l + (comma ? 1 : 0);
    }
    *out = set;
    return SC_OK;
}

/* ---- the parts every document shares ---------------------------------------------------------- */

static json_t *scenario_head(const sc_scenario *s)
{
    json_t *meta = json_object();
    json_object_set_new(meta, "title", json_string(sc_scenario_title(s)));
    json_object_set_new(meta, "file", json_string(sc_scenario_filename(s)));
    json_object_set_new(meta, "date", sc_scenario_date(s) ? json_string(sc_scenario_date(s))
                                                          : json_null());
    json_object_set_new(meta, "actors", json_integer((json_int_t)sc_scenario_actor_count(s)));
    json_object_set_new(meta, "issues", json_integer((json_int_t)sc_scenario_issue_count(s)));
    json_object_set_new(meta, "events", json_integer((json_int_t)sc_scenario_event_count(s)));
    json_object_set_new(meta, "variants", json_integer((json_int_t)sc_scenario_variant_count(s)));
    json_object_set_new(meta, "claims", json_integer((json_int_t)sc_scenario_claim_count(s)));
    return meta;
}

static json_t *run_head(const sc_run_opts *opts)
{
    json_t *run = json_object();
    json_object_set_new(run, "seed", json_integer((json_int_t)opts->seed));
    json_object_set_new(run, "runs", json_integer((json_int_t)opts->runs));
    json_object_set_new(run, "rng", json_string(sc_rng_name()));
    return run;
}

/* "engaged/after-events=2025-02-14" */
static void state_id(const sc_state *st, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s%s%s%s", st->variant ? st->variant : "", st->variant ? "/" : "",
             st->events == SC_EVENTS_BEFORE ? "before-events" : "after-events",
             st->events == SC_EVENTS_AFTER && st->until ? "=" : "",
             st->events == SC_EVENTS_AFTER && st->until ? st->until : "");
}

json_t *sc__state_json(const sc_state *st, const sc_scenario *at)
{
    char id[300], label[400];
    state_id(st, id, sizeof id);
    const char *date = sc_scenario_state_date(at);
    if (st->events == SC_EVENTS_BEFORE) {
        snprintf(label, sizeof label, "%s%s, before the events", st->variant ? "variant " : "as given",
                 st->variant ? st->variant : "");
    } else {
        snprintf(label, sizeof label, "%s%s, after the events%s%s",
                 st->variant ? "variant " : "as given", st->variant ? st->variant : "",
                 st->until ? " to " : "", st->until ? st->until : "");
    }
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "label", json_string(label));
    json_object_set_new(o, "variant", st->variant ? json_string(st->variant) : json_null());
    json_object_set_new(o, "events",
                        json_string(st->events == SC_EVENTS_BEFORE ? "before" : "after"));
    json_object_set_new(o, "until", st->events == SC_EVENTS_AFTER && st->until
                                        ? json_string(st->until)
                                        : json_null());
    json_object_set_new(o, "date", date ? json_string(date) : json_null());
    return o;
}

static int in_set(sc__model_set set, size_t i)
{
    return (int)((set >> i) & 1u);
}

/* ---- the single-state document ---------------------------------------------------------------- */

sc_status sc__state_models(const sc__section_in *in, sc__model_set set, json_t *out,
                           sc_diag *diag)
{
    sc_status rc = SC_OK;
    for (size_t i = 0; i < N_MODELS && rc == SC_OK; i++) {
        if (!in_set(set, i)) {
            continue;
        }
        json_t *content = json_object();
        if (!content) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        rc = models[i].section(in, content, diag);
        json_object_set_new(out, models[i].name, content);
    }
    return rc;
}

sc_status sc__document_state(const sc_scenario *given, const sc_state *st,
                             const sc_run_opts *opts, sc__model_set set, json_t **out,
                             sc_diag *diag)
{
    *out = NULL;
    sc_state def;
    if (!st) {
        sc_state_init(&def);
        st = &def;
    }
    sc_scenario *at = NULL;
    sc_status rc = sc_scenario_at(given, st, &at, diag);
    if (rc != SC_OK) {
        return rc;
    }
    json_t *doc = json_object(), *mj = json_object();
    if (!doc || !mj) {
        json_decref(doc);
        json_decref(mj);
        sc_scenario_free(at);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    json_object_set_new(doc, "schema", json_integer(SC__SCHEMA_VERSION));
    json_object_set_new(doc, "statecraft", json_string(sc_version()));
    json_object_set_new(doc, "scenario", scenario_head(given));
    json_object_set_new(doc, "state", sc__state_json(st, at));
    json_object_set_new(doc, "run", run_head(opts));
    json_object_set_new(doc, "models", mj);
    sc__section_in in = {given, st, at, opts, 0};
    rc = sc__state_models(&in, set, mj, diag);
    sc_scenario_free(at);
    if (rc != SC_OK) {
        json_decref(doc);
        return rc;
    }
    *out = doc;
    return SC_OK;
}

/* ---- the comparative report ------------------------------------------------------------------- */

/* Where a state's content sits in a model's object: "before_events" / "after_events". */
static const char *events_key(sc_events_mode e)
{
    return e == SC_EVENTS_BEFORE ? "before_events" : "after_events";
}

/* A model's content in state (variant v, events e) of the comparative report, or NULL. */
static json_t *content_of(json_t *model, const char *v, sc_events_mode e)
{
    if (v) {
        model = json_object_get(json_object_get(model, "variants"), v);
    }
    return json_object_get(model, events_key(e));
}

/* 1 if two answers differ by more than their tolerance or their Monte Carlo noise. */
static int answers_differ(const json_t *a, const json_t *b, double *se_out)
{
    const json_t *va = json_object_get(a, "value"), *vb = json_object_get(b, "value");
    *se_out = (double)NAN;
    if (!va || !vb) {
        return va != vb;
    }
    if (json_is_number(va) && json_is_number(vb)) {
        double d = fabs(json_number_value(va) - json_number_value(vb));
        const json_t *sa = json_object_get(a, "se"), *sb = json_object_get(b, "se");
        if (json_is_number(sa) && json_is_number(sb)) {
            double se = sqrt(json_number_value(sa) * json_number_value(sa) +
                             json_number_value(sb) * json_number_value(sb));
            *se_out = se;
            return d > 2 * se;
        }
        double ta = json_number_value(json_object_get(a, "tol"));
        double tb = json_number_value(json_object_get(b, "tol"));
        return d > (ta > tb ? ta : tb);
    }
    return !json_equal(sc__json_mut(va), sc__json_mut(vb));
}

/* Appends to `changes` every answer that differs between two states' contents. */
static void compare(const sc__model *m, json_t *from, json_t *to, const char *cause,
                    const char *variant, const char *from_id, const char *to_id, json_t *changes)
{
    if (!from || !to) {
        return;
    }
    json_t *fa = json_object(), *ta = json_object();
    m->answers(from, fa);
    m->answers(to, ta);
    const char *key;
    json_t *a;
    json_object_foreach(fa, key, a) {
        json_t *b = json_object_get(ta, key);
        double se;
        if (!b || !answers_differ(a, b, &se)) {
            continue;
        }
        json_t *c = json_object();
        json_object_set_new(c, "answer", json_string(key));
        json_object_set_new(c, "cause", json_string(cause));
        json_object_set_new(c, "variant", variant ? json_string(variant) : json_null());
        json_object_set_new(c, "from_state", json_string(from_id));
        json_object_set_new(c, "to_state", json_string(to_id));
        json_t *fv = json_object_get(a, "value"), *tv = json_object_get(b, "value");
        json_object_set(c, "from", fv);
        json_object_set(c, "to", tv);
        if (isfinite(se)) {
            sc__json_set_number(c, "se", se);
        }
        if (m->change_note) {
            m->change_note(key, fv, tv, c);
        }
        json_array_append_new(changes, c);
    }
    json_decref(fa);
    json_decref(ta);
}

/* The changes of one model: the events within each row (as given, each variant), then each
 * variant against the scenario as given, before and after the events. */
static json_t *model_changes(const sc__model *m, json_t *model, const sc_scenario *s)
{
    json_t *changes = json_array();
    size_t nv = sc_scenario_variant_count(s);
    char from[300], to[300];
    for (size_t v = 0; v <= nv; v++) {
        const char *name = v ? sc_scenario_variant(s, v - 1)->name : NULL;
        sc_state a = {name, SC_EVENTS_BEFORE, NULL}, b = {name, SC_EVENTS_AFTER, NULL};
        state_id(&a, from, sizeof from);
        state_id(&b, to, sizeof to);
        compare(m, content_of(model, name, SC_EVENTS_BEFORE), content_of(model, name, SC_EVENTS_AFTER),
                "events", name, from, to, changes);
    }
    for (size_t v = 0; v < nv; v++) {
        const char *name = sc_scenario_variant(s, v)->name;
        for (int e = 0; e < 2; e++) {
            sc_events_mode mode = e ? SC_EVENTS_AFTER : SC_EVENTS_BEFORE;
            sc_state a = {NULL, mode, NULL}, b = {name, mode, NULL};
            state_id(&a, from, sizeof from);
            state_id(&b, to, sizeof to);
            compare(m, content_of(model, NULL, mode), content_of(model, name, mode), "variant",
                    name, from, to, changes);
        }
    }
    return changes;
}

sc_status sc__document_compare(const sc_scenario *given, const sc_run_opts *opts,
                               sc__model_set set, json_t **out, sc_diag *diag)
{
    *out = NULL;
    json_t *doc = json_object(), *states = json_array(), *mj = json_object();
    if (!doc || !states || !mj) {
        json_decref(doc);
        json_decref(states);
        json_decref(mj);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    json_object_set_new(doc, "schema", json_integer(SC__SCHEMA_VERSION));
    json_object_set_new(doc, "statecraft", json_string(sc_version()));
    json_object_set_new(doc, "scenario", scenario_head(given));
    json_object_set_new(doc, "run", run_head(opts));
    json_object_set_new(doc, "states", states);
    json_object_set_new(doc, "models", mj);
    sc_status rc = SC_OK;
    /* the model objects, in table order; scenario-level sections on the scenario as given */
    sc_state as_given = {NULL, SC_EVENTS_BEFORE, NULL};
    sc__section_in gin = {given, &as_given, given, opts, 0};
    for (size_t i = 0; i < N_MODELS && rc == SC_OK; i++) {
        if (!in_set(set, i)) {
            continue;
        }
        json_t *m = json_object();
        json_object_set_new(mj, models[i].name, m);
        if (!models[i].per_state) {
            rc = models[i].section(&gin, m, diag);
        }
    }
    /* every state: the scenario as given, then each variant; before, then after the events */
    size_t nv = sc_scenario_variant_count(given);
    int events = sc_scenario_event_count(given) > 0;
    for (size_t v = 0; v <= nv && rc == SC_OK; v++) {
        const char *name = v ? sc_scenario_variant(given, v - 1)->name : NULL;
        for (int e = 0; e < 2 && rc == SC_OK; e++) {
            sc_state st = {name, e ? SC_EVENTS_AFTER : SC_EVENTS_BEFORE, NULL};
            sc_scenario *at = NULL;
            if ((rc = sc_scenario_at(given, &st, &at, diag)) != SC_OK) {
                break;
            }
            json_array_append_new(states, sc__state_json(&st, at));
            sc__section_in in = {given, &st, at, opts, 0};
            for (size_t i = 0; i < N_MODELS && rc == SC_OK; i++) {
                if (!in_set(set, i) || !models[i].per_state) {
                    continue;
                }
                json_t *m = json_object_get(mj, models[i].name);
                json_t *holder = m;
                if (name) {
                    json_t *vars = json_object_get(m, "variants");
                    if (!vars) {
                        vars = json_object();
                        json_object_set_new(m, "variants", vars);
                    }
                    holder = json_object_get(vars, name);
                    if (!holder) {
                        holder = json_object();
                        json_object_set_new(vars, name, holder);
                    }
                }
                json_t *content;
                if (e && !events) {
                    /* no events: after is before; computed once */
                    content = json_deep_copy(json_object_get(holder, "before_events"));
                } else {
                    content = json_object();
                    rc = models[i].section(&in, content, diag);
                }
                json_object_set_new(holder, events_key(st.events), content);
            }
            sc_scenario_free(at);
        }
    }
    for (size_t i = 0; i < N_MODELS && rc == SC_OK; i++) {
        if (in_set(set, i) && models[i].per_state) {
            json_t *m = json_object_get(mj, models[i].name);
            json_object_set_new(m, "changes", models[i].answers
                                                  ? model_changes(&models[i], m, given)
                                                  : json_array());
        }
    }
    if (rc != SC_OK) {
        json_decref(doc);
        return rc;
    }
    *out = doc;
    return SC_OK;
}
