/* SPDX-License-Identifier: MIT */
/* `statecraft show`: the normalised scenario as JSON, and as text rendered from that JSON. */
#include "report/document.h"

#include <math.h>
#include <stdlib.h>

#include "core/diag_internal.h"

static const char *dist_name(sc_dist_kind k)
{
    switch (k) {
    case SC_DIST_NORMAL: return "normal";
    case SC_DIST_UNIFORM: return "uniform";
    case SC_DIST_TRIANGULAR: return "triangular";
    case SC_DIST_NONE: break;
    }
    return "none";
}

static json_t *quantity_json(const sc_quantity *q)
{
    json_t *o = json_object();
    json_object_set_new(o, "value", isfinite(q->value) ? json_real(q->value) : json_null());
    if (q->dist.kind != SC_DIST_NONE) {
        json_t *d = json_object();
        json_object_set_new(d, "kind", json_string(dist_name(q->dist.kind)));
        if (q->dist.kind == SC_DIST_NORMAL) {
            json_object_set_new(d, "sd", json_real(q->dist.a));
        } else {
            json_object_set_new(d, "lo", json_real(q->dist.a));
            json_object_set_new(d, "hi", json_real(q->dist.b));
            if (q->dist.kind == SC_DIST_TRIANGULAR) {
                json_object_set_new(d, "mode", json_real(q->dist.c));
            }
        }
        json_object_set_new(o, "uncertainty", d);
    }
    if (q->source) {
        json_object_set_new(o, "source", json_string(q->source));
    }
    return o;
}

static json_t *opt_string(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *shifts_json(const sc_shift *sh, size_t n)
{
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++) {
        json_t *o = json_object();
        json_object_set_new(o, "target", json_string(sh[k].target));
        json_object_set_new(o, sh[k].op == SC_SHIFT_SET ? "set" : "add", json_real(sh[k].value));
        json_array_append_new(a, o);
    }
    return a;
}

json_t *sc__scenario_json(const sc_scenario *s)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "title", json_string(sc_scenario_title(s)));
    json_object_set_new(doc, "file", json_string(sc_scenario_filename(s)));
    json_object_set_new(doc, "date", opt_string(sc_scenario_date(s)));
    json_object_set_new(doc, "description", opt_string(sc_scenario_description(s)));
    json_object_set_new(doc, "variant", opt_string(sc_scenario_variant_name(s)));
    json_object_set_new(doc, "events_until", opt_string(sc_scenario_events_until(s)));
    json_t *srcs = json_array();
    for (size_t i = 0; i < sc_scenario_source_count(s); i++) {
        const sc_source *src = sc_scenario_source(s, i);
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(src->id));
        json_object_set_new(o, "citation", json_string(src->citation));
        json_object_set_new(o, "url", opt_string(src->url));
        json_array_append_new(srcs, o);
    }
    json_object_set_new(doc, "sources", srcs);
    json_t *actors = json_array();
    for (size_t i = 0; i < sc_scenario_actor_count(s); i++) {
        const sc_actor *a = sc_scenario_actor(s, i);
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(a->id));
        json_object_set_new(o, "name", json_string(a->name));
        json_object_set_new(o, "capability", quantity_json(&a->capability));
        if (!isnan(a->milex.value)) {
            json_object_set_new(o, "milex", quantity_json(&a->milex));
        }
        if (!isnan(a->gdp.value)) {
            json_object_set_new(o, "gdp", quantity_json(&a->gdp));
        }
        json_array_append_new(actors, o);
    }
    json_object_set_new(doc, "actors", actors);
    json_t *issues = json_array();
    for (size_t j = 0; j < sc_scenario_issue_count(s); j++) {
        const sc_issue *is = sc_scenario_issue(s, j);
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(is->id));
        json_object_set_new(o, "title", json_string(is->title));
        json_t *scale = json_array();
        json_array_append_new(scale, json_real(is->scale_min));
        json_array_append_new(scale, json_real(is->scale_max));
        json_object_set_new(o, "scale", scale);
        json_object_set_new(o, "low", opt_string(is->low));
        json_object_set_new(o, "high", opt_string(is->high));
        json_t *st = json_object();
        for (size_t i = 0; i < sc_scenario_actor_count(s); i++) {
            const sc_stance *x = sc_scenario_stance(s, i, j);
            if (!x->present) {
                continue;
            }
            json_t *so = json_object();
            json_object_set_new(so, "position", quantity_json(&x->position));
            json_object_set_new(so, "salience", quantity_json(&x->salience));
            json_object_set_new(so, "rationale", opt_string(x->rationale));
            json_object_set_new(st, sc_scenario_actor(s, i)->id, so);
        }
        json_object_set_new(o, "stances", st);
        double mean, median;
        if (sc_scenario_issue_baseline(s, j, &mean, &median, NULL) == SC_OK) {
            sc__json_set_number(o, "weighted_mean", mean);
            sc__json_set_number(o, "weighted_median", median);
        }
        json_array_append_new(issues, o);
    }
    json_object_set_new(doc, "issues", issues);
    json_t *rels = json_array();
    for (size_t a = 0; a < sc_scenario_actor_count(s); a++) {
        for (size_t b = a + 1; b < sc_scenario_actor_count(s); b++) {
            const sc_relation *r = sc_scenario_relation(s, a, b);
            if (!r->present) {
                continue;
            }
            json_t *o = json_object();
            json_t *pair = json_array();
            json_array_append_new(pair, json_string(sc_scenario_actor(s, a)->id));
            json_array_append_new(pair, json_string(sc_scenario_actor(s, b)->id));
            json_object_set_new(o, "pair", pair);
            json_object_set_new(o, "amity", quantity_json(&r->amity));
            if (!isnan(r->trade.value)) {
                json_object_set_new(o, "trade", quantity_json(&r->trade));
            }
            json_object_set_new(o, "rationale", opt_string(r->rationale));
            json_array_append_new(rels, o);
        }
    }
    json_object_set_new(doc, "relations", rels);
    json_t *evs = json_array();
    for (size_t k = 0; k < sc_scenario_event_count(s); k++) {
        const sc_event *e = sc_scenario_event(s, k);
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(e->id));
        json_object_set_new(o, "date", json_string(e->date));
        json_object_set_new(o, "what", json_string(e->what));
        json_object_set_new(o, "cameo", opt_string(e->cameo));
        json_object_set_new(o, "source", opt_string(e->source));
        json_t *act = json_array();
        for (size_t q = 0; q < e->n_actors; q++) {
            json_array_append_new(act, json_string(e->actors[q]));
        }
        json_object_set_new(o, "actors", act);
        json_object_set_new(o, "shifts", shifts_json(e->shifts, e->n_shifts));
        json_array_append_new(evs, o);
    }
    json_object_set_new(doc, "events", evs);
    json_t *vars = json_array();
    for (size_t k = 0; k < sc_scenario_variant_count(s); k++) {
        const sc_variant *v = sc_scenario_variant(s, k);
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(v->name));
        json_object_set_new(o, "description", opt_string(v->description));
        json_object_set_new(o, "shifts", shifts_json(v->shifts, v->n_shifts));
        json_array_append_new(vars, o);
    }
    json_object_set_new(doc, "variants", vars);
    json_t *claims = json_array();
    for (size_t k = 0; k < sc_scenario_claim_count(s); k++) {
        const sc_claim *c = sc_scenario_claim(s, k);
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(c->id));
        json_object_set_new(o, "text", json_string(c->text));
        json_object_set_new(o, "source", opt_string(c->source));
        json_array_append_new(claims, o);
    }
    json_object_set_new(doc, "claims", claims);
    return doc;
}

sc_status sc_scenario_describe(const sc_scenario *s, sc_format format, char **out, size_t *len,
                               sc_diag *diag)
{
    *out = NULL;
    if (len) {
        *len = 0;
    }
    if (format == SC_FORMAT_HTML) {
        return sc__diag_set(diag, SC_EUNSUPPORTED, "show supports text, json and csv");
    }
    json_t *doc = sc__scenario_json(s);
    if (!doc) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    scx_buf b;
    scx_buf_init(&b);
    if (format == SC_FORMAT_JSON) {
        sc__json_write(doc, 2, &b);
        scx_buf_puts(&b, "\n");
    } else if (format == SC_FORMAT_CSV) {
        sc__render_command(doc, 1, &b); /* its tables, as the report's summary shows them */
    } else {
        sc__text_scenario(doc, 0, &b);
    }
    json_decref(doc);
    sc_status rc = scx_buf_take(&b, out, len, diag);
    scx_buf_destroy(&b);
    return rc;
}
