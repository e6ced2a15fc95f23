/* SPDX-License-Identifier: MIT */
/* `statecraft show`: the normalised scenario as a readable summary or as JSON. */
#include "report/sections.h"

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

/* Short form of a quantity for tables: "0.1379" or "0.1379±0.01" or "60[50,70]". */
static void put_quantity(scx_buf *b, const sc_quantity *q, int width)
{
    char tmp[64];
    switch (q->dist.kind) {
    case SC_DIST_NORMAL:
        snprintf(tmp, sizeof tmp, "%g±%g", q->value, q->dist.a);
        break;
    case SC_DIST_UNIFORM:
    case SC_DIST_TRIANGULAR:
        snprintf(tmp, sizeof tmp, "%g[%g,%g]", q->value, q->dist.a, q->dist.b);
        break;
    case SC_DIST_NONE:
        if (isnan(q->value)) {
            snprintf(tmp, sizeof tmp, "-");
        } else {
            snprintf(tmp, sizeof tmp, "%g", q->value);
        }
        break;
    }
    /* pad by code points, not bytes: '±' is two bytes but one column */
    int cols = 0;
    for (const unsigned char *c = (const unsigned char *)tmp; *c; c++) {
        cols += (*c & 0xC0) != 0x80;
    }
    for (; cols < width; cols++) {
        scx_buf_puts(b, " ");
    }
    scx_buf_puts(b, tmp);
}

void sc__describe_text(const sc_scenario *s, scx_buf *b, int brief)
{
    if (!brief) {
        scx_buf_printf(b, "%s\n", sc_scenario_title(s));
        scx_buf_printf(b, "file: %s", sc_scenario_filename(s));
        if (sc_scenario_date(s)) {
            scx_buf_printf(b, "   baseline date: %s", sc_scenario_date(s));
        }
        if (sc_scenario_variant_name(s)) {
            scx_buf_printf(b, "   variant: %s", sc_scenario_variant_name(s));
        }
        scx_buf_puts(b, "\n");
    }
    if (sc_scenario_description(s)) {
        scx_buf_printf(b, "\n%s\n", sc_scenario_description(s));
    }
    size_t na = sc_scenario_actor_count(s), ni = sc_scenario_issue_count(s);
    scx_buf_printf(b, "\nActors (%zu)\n  %-8s %-26s %26s %14s %14s\n", na, "id", "name",
                   "capability", "milex $bn", "gdp $bn");
    for (size_t i = 0; i < na; i++) {
        const sc_actor *a = sc_scenario_actor(s, i);
        scx_buf_printf(b, "  %-8s %-26.26s ", a->id, a->name);
        put_quantity(b, &a->capability, 26);
        scx_buf_puts(b, " ");
        put_quantity(b, &a->milex, 14);
        scx_buf_puts(b, " ");
        put_quantity(b, &a->gdp, 14);
        scx_buf_puts(b, "\n");
    }
    for (size_t j = 0; j < ni; j++) {
        const sc_issue *is = sc_scenario_issue(s, j);
        scx_buf_printf(b, "\nIssue %s: %s  [%g = %s ... %g = %s]\n", is->id, is->title,
                       is->scale_min, is->low ? is->low : "low", is->scale_max,
                       is->high ? is->high : "high");
        scx_buf_printf(b, "  %-8s %14s %12s\n", "actor", "position", "salience");
        for (size_t i = 0; i < na; i++) {
            const sc_stance *st = sc_scenario_stance(s, i, j);
            if (!st->present) {
                continue;
            }
            scx_buf_printf(b, "  %-8s ", sc_scenario_actor(s, i)->id);
            put_quantity(b, &st->position, 14);
            scx_buf_puts(b, " ");
            put_quantity(b, &st->salience, 12);
            scx_buf_puts(b, "\n");
        }
        double mean, median;
        if (sc_scenario_issue_baseline(s, j, &mean, &median, NULL) == SC_OK) {
            scx_buf_printf(b, "  weighted mean %.2f, weighted median %.2f\n", mean, median);
        }
    }
    int any = 0;
    for (size_t a = 0; a < na; a++) {
        for (size_t c = a + 1; c < na; c++) {
            any |= sc_scenario_relation(s, a, c)->present;
        }
    }
    if (any) {
        scx_buf_puts(b, "\nRelations (amity in [-1, 1]; blank: not given)\n        ");
        for (size_t c = 0; c < na; c++) {
            scx_buf_printf(b, "%6.6s", sc_scenario_actor(s, c)->id);
        }
        scx_buf_puts(b, "\n");
        for (size_t a = 0; a < na; a++) {
            scx_buf_printf(b, "  %-6.6s", sc_scenario_actor(s, a)->id);
            for (size_t c = 0; c < na; c++) {
                const sc_relation *r = a == c ? NULL : sc_scenario_relation(s, a, c);
                if (r && r->present) {
                    scx_buf_printf(b, "%6.2f", r->amity.value);
                } else {
                    scx_buf_puts(b, a == c ? "     ." : "      ");
                }
            }
            scx_buf_puts(b, "\n");
        }
    }
    if (sc_scenario_event_count(s)) {
        scx_buf_printf(b, "\nEvents (%zu)\n", sc_scenario_event_count(s));
        for (size_t k = 0; k < sc_scenario_event_count(s); k++) {
            const sc_event *e = sc_scenario_event(s, k);
            scx_buf_printf(b, "  %s  %-5s %s (%zu shifts)\n", e->date, e->cameo ? e->cameo : "",
                           e->what, e->n_shifts);
        }
    }
    if (sc_scenario_variant_count(s)) {
        scx_buf_printf(b, "\nVariants (%zu)\n", sc_scenario_variant_count(s));
        for (size_t k = 0; k < sc_scenario_variant_count(s); k++) {
            const sc_variant *v = sc_scenario_variant(s, k);
            scx_buf_printf(b, "  %-10s %s (%zu shifts)\n", v->name,
                           v->description ? v->description : "", v->n_shifts);
        }
    }
    if (brief) {
        return;
    }
    if (sc_scenario_claim_count(s)) {
        scx_buf_printf(b, "\nClaims (%zu)\n", sc_scenario_claim_count(s));
        for (size_t k = 0; k < sc_scenario_claim_count(s); k++) {
            const sc_claim *c = sc_scenario_claim(s, k);
            scx_buf_printf(b, "  %s: %s\n", c->id, c->text);
        }
    }
    if (sc_scenario_source_count(s)) {
        scx_buf_printf(b, "\nSources (%zu)\n", sc_scenario_source_count(s));
        for (size_t k = 0; k < sc_scenario_source_count(s); k++) {
            const sc_source *src = sc_scenario_source(s, k);
            scx_buf_printf(b, "  [%s] %s\n", src->id, src->citation);
        }
    }
}

sc_status sc_scenario_describe(const sc_scenario *s, sc_format format, char **text, size_t *len,
                               sc_diag *diag)
{
    *text = NULL;
    if (len) {
        *len = 0;
    }
    scx_buf b;
    scx_buf_init(&b);
    scx_buf *out = &b;
    if (format == SC_FORMAT_JSON) {
        json_t *doc = sc__scenario_json(s);
        char *js = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                             JSON_REAL_PRECISION(17))
                       : NULL;
        json_decref(doc);
        if (!js) {
            scx_buf_destroy(&b);
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        scx_buf_puts(out, js);
        scx_buf_puts(out, "\n");
        free(js);
    } else if (format == SC_FORMAT_TEXT) {
        sc__describe_text(s, out, 0);
    } else {
        return sc__diag_set(diag, SC_EUNSUPPORTED, "show supports text and json");
    }
    return scx_buf_take(&b, text, len, diag);
}
