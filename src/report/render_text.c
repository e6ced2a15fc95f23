/* SPDX-License-Identifier: MIT */
/*
 * The text report: a rendering of the result document (document.h), either shape. The header
 * says which state (or which states are compared); each model's section is drawn by its renderer
 * (text_<model>.c) or the generic one, then, in the comparative report, where the events or a
 * variant change the model's answer.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/document.h"
#include "report/text.h"

typedef struct text_row {
    const char *name;
    sc__text_fn fn;
} text_row;

/* A model's renderer joins here; models not listed are drawn by sc__text_generic. */
static const text_row renderers[] = {
    {"summary", sc__text_summary},   {"baseline", sc__text_baseline},
    {"eum", sc__text_eum},           {"smp", sc__text_smp},
    {"bargaining", sc__text_bargaining},
    {"war", sc__text_war},           {"negotiation", sc__text_negotiation},
    {"triangle", sc__text_triangle},
    {"landscape", sc__text_landscape}, {"game", sc__text_game},
    {"relations", sc__text_relations}, {"claims", sc__text_claims},
};

/* ---- helpers ---------------------------------------------------------------------------------- */

double sc__num(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_number(v) ? json_number_value(v) : (double)NAN;
}

const char *sc__str(const json_t *obj, const char *key, const char *dflt)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? s : dflt;
}

void sc__put_num(scx_buf *out, const char *fmt, int width, double v)
{
    if (isfinite(v)) {
        char tmp[64];
        /* fmt is one of the renderers' literal formats */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
        scx_snprintf_c(tmp, sizeof tmp, fmt, v);
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif
        scx_buf_printf(out, "%*s", width, tmp);
    } else {
        scx_buf_printf(out, "%*s", width, "-");
    }
}

void sc__put_padded(scx_buf *out, const char *s, int width)
{
    int cols = 0;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        cols += (*c & 0xC0) != 0x80;
    }
    scx_buf_puts(out, s);
    for (; cols < width; cols++) {
        scx_buf_puts(out, " ");
    }
}

void sc__put_value(scx_buf *out, const json_t *v)
{
    size_t k;
    json_t *x;
    switch (json_typeof(v)) {
    case JSON_INTEGER: scx_buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v)); break;
    case JSON_REAL: sc__put_num(out, "%.4g", 0, json_real_value(v)); break;
    case JSON_STRING: scx_buf_puts(out, json_string_value(v)); break;
    case JSON_TRUE: scx_buf_puts(out, "yes"); break;
    case JSON_FALSE: scx_buf_puts(out, "no"); break;
    case JSON_NULL: scx_buf_puts(out, "-"); break;
    case JSON_ARRAY: {
        int nested = json_array_size(v) > 0 && json_is_array(json_array_get(v, 0));
        scx_buf_puts(out, nested ? "{" : "");
        json_array_foreach(v, k, x) {
            scx_buf_puts(out, k ? (nested ? " | " : json_is_string(x) ? " " : ", ") : "");
            sc__put_value(out, x);
        }
        scx_buf_puts(out, nested ? "}" : "");
        break;
    }
    case JSON_OBJECT: {
        const char *key;
        int first = 1;
        json_object_foreach(sc__json_mut(v), key, x) {
            scx_buf_printf(out, "%s%s=", first ? "" : " ", key);
            sc__put_value(out, x);
            first = 0;
        }
        break;
    }
    }
}

int sc__put_not_run(scx_buf *out, const sc__view *v, const char *result_key)
{
    if (!v->content) {
        scx_buf_printf(out, "  %s: not computed\n", v->label);
        return 1;
    }
    if (json_object_get(v->content, result_key)) {
        return 0;
    }
    scx_buf_printf(out, "  %s: not run: %s\n", v->label, sc__str(v->content, "note", "no result"));
    return 1;
}

static void rule(scx_buf *b, const char *title)
{
    scx_buf_printf(b, "\n== %s ", title);
    for (size_t i = strlen(title) + 4; i < 78; i++) {
        scx_buf_puts(b, "=");
    }
    scx_buf_puts(b, "\n");
}

/* ---- the generic renderer --------------------------------------------------------------------- */

int sc__json_scalar(const json_t *v)
{
    return !json_is_object(v) && !json_is_array(v);
}

int sc__json_all_objects(const json_t *arr)
{
    size_t k;
    json_t *x;
    json_array_foreach(arr, k, x) {
        if (!json_is_object(x)) {
            return 0;
        }
    }
    return json_array_size(arr) > 0;
}

static void indent(scx_buf *out, int depth)
{
    for (int i = 0; i < depth; i++) {
        scx_buf_puts(out, "  ");
    }
}

/* An array of objects as a table: one column per key holding a scalar in any row. */
static void generic_table(const json_t *arr, int depth, scx_buf *out)
{
    json_t *cols = json_array();
    size_t k;
    json_t *row;
    json_array_foreach(arr, k, row) {
        const char *key;
        json_t *v;
        json_object_foreach(row, key, v) {
            int seen = 0;
            size_t q;
            json_t *c;
            json_array_foreach(cols, q, c) {
                seen |= strcmp(json_string_value(c), key) == 0;
            }
            if (!seen && sc__json_scalar(v)) {
                json_array_append_new(cols, json_string(key));
            }
        }
    }
    size_t q;
    json_t *c;
    indent(out, depth);
    json_array_foreach(cols, q, c) {
        scx_buf_printf(out, "%s%14.14s", q ? " " : "", json_string_value(c));
    }
    scx_buf_puts(out, "\n");
    json_array_foreach(arr, k, row) {
        indent(out, depth);
        json_array_foreach(cols, q, c) {
            scx_buf t;
            scx_buf_init(&t);
            json_t *v = json_object_get(row, json_string_value(c));
            if (v) {
                sc__put_value(&t, v);
            }
            scx_buf_printf(out, "%s%14.14s", q ? " " : "", t.data ? t.data : "");
            scx_buf_destroy(&t);
        }
        scx_buf_puts(out, "\n");
        /* what does not fit a cell follows the row */
        const char *key;
        json_t *v;
        json_object_foreach(row, key, v) {
            if (!sc__json_scalar(v)) {
                indent(out, depth + 1);
                scx_buf_printf(out, "%s: ", key);
                sc__put_value(out, v);
                scx_buf_puts(out, "\n");
            }
        }
    }
    json_decref(cols);
}

static void generic_object(const json_t *obj, int depth, scx_buf *out)
{
    const char *key;
    json_t *v;
    json_object_foreach(sc__json_mut(obj), key, v) {
        if (sc__json_scalar(v) || (json_is_array(v) && !sc__json_all_objects(v) &&
                          (json_array_size(v) == 0 || sc__json_scalar(json_array_get(v, 0))))) {
            indent(out, depth);
            scx_buf_printf(out, "%s: ", key);
            sc__put_value(out, v);
            scx_buf_puts(out, "\n");
        }
    }
    json_object_foreach(sc__json_mut(obj), key, v) {
        if (json_is_object(v)) {
            indent(out, depth);
            scx_buf_printf(out, "%s:\n", key);
            generic_object(v, depth + 1, out);
        } else if (json_is_array(v) && sc__json_all_objects(v)) {
            indent(out, depth);
            scx_buf_printf(out, "%s:\n", key);
            generic_table(v, depth + 1, out);
        } else if (json_is_array(v) && json_array_size(v) > 0 && !sc__json_scalar(json_array_get(v, 0))) {
            indent(out, depth);
            scx_buf_printf(out, "%s: ", key);
            sc__put_value(out, v);
            scx_buf_puts(out, "\n");
        }
    }
}

void sc__text_generic(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    if (n == 0) {
        generic_object(section, 1, out);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        scx_buf_printf(out, "%s%s:\n", i ? "\n" : "", views[i].label);
        if (views[i].content) {
            generic_object(views[i].content, 1, out);
        }
    }
}

/* ---- the document ----------------------------------------------------------------------------- */

/* The state object of id `id`, or NULL. */
static const json_t *state_of(const json_t *states, const char *id)
{
    size_t k;
    json_t *st;
    json_array_foreach(states, k, st) {
        if (strcmp(sc__str(st, "id", ""), id) == 0) {
            return st;
        }
    }
    return NULL;
}

static void changes_text(const json_t *changes, const json_t *states, scx_buf *out)
{
    if (!json_is_array(changes)) {
        return;
    }
    if (json_array_size(changes) == 0) {
        scx_buf_puts(out, "\nNeither the events nor any variant changes this model's answers.\n");
        return;
    }
    scx_buf_puts(out, "\nWhat changes the answers:\n");
    const char *prev_from = "", *prev_to = "";
    size_t k;
    json_t *c;
    json_array_foreach(changes, k, c) {
        const char *from = sc__str(c, "from_state", "?"), *to = sc__str(c, "to_state", "?");
        if (strcmp(from, prev_from) != 0 || strcmp(to, prev_to) != 0) {
            const char *v = sc__str(c, "variant", NULL);
            if (strcmp(sc__str(c, "cause", ""), "events") == 0) {
                scx_buf_printf(out, "  the events, %s%s:\n", v ? "variant " : "scenario as given",
                              v ? v : "");
            } else {
                const json_t *st = state_of(states, from);
                scx_buf_printf(out, "  variant %s against the scenario as given, %s the events:\n",
                              v ? v : "?",
                              strcmp(sc__str(st, "events", "after"), "before") == 0 ? "before"
                                                                                    : "after");
            }
            prev_from = from;
            prev_to = to;
        }
        scx_buf_printf(out, "    %s: ", sc__str(c, "answer", "?"));
        sc__put_value(out, json_object_get(c, "from"));
        scx_buf_puts(out, " -> ");
        sc__put_value(out, json_object_get(c, "to"));
        double se = sc__num(c, "se");
        if (isfinite(se)) {
            scx_buf_printf(out, " (standard error of the difference %.2g)", se);
        }
        json_t *moved = json_object_get(c, "moved");
        if (json_array_size(moved) > 0) {
            scx_buf_puts(out, "; moved: ");
            sc__put_value(out, moved);
        }
        scx_buf_puts(out, "\n");
    }
}

static void header(const json_t *doc, scx_buf *out)
{
    const json_t *sc = json_object_get(doc, "scenario");
    const json_t *run = json_object_get(doc, "run");
    scx_buf_printf(out, "statecraft %s report: %s\n", sc__str(doc, "statecraft", "?"),
                  sc__str(sc, "title", ""));
    scx_buf_printf(out, "file: %s", sc__str(sc, "file", ""));
    if (sc__str(sc, "date", NULL)) {
        scx_buf_printf(out, "   baseline date: %s", sc__str(sc, "date", ""));
    }
    scx_buf_printf(out,
                  "\n%.0f actors, %.0f issues, %.0f events, %.0f variants, %.0f claims; seed %" JSON_INTEGER_FORMAT
                  ", %" JSON_INTEGER_FORMAT " Monte Carlo runs\n",
                  sc__num(sc, "actors"), sc__num(sc, "issues"), sc__num(sc, "events"),
                  sc__num(sc, "variants"), sc__num(sc, "claims"),
                  json_integer_value(json_object_get(run, "seed")),
                  json_integer_value(json_object_get(run, "runs")));
    const json_t *st = json_object_get(doc, "state");
    if (st) {
        const char *until = sc__str(st, "until", NULL);
        scx_buf_printf(out, "state: %s the events%s%s", 
                      strcmp(sc__str(st, "events", ""), "before") == 0 ? "before" : "after",
                      until ? " to " : "", until ? until : "");
        if (sc__str(st, "variant", NULL)) {
            scx_buf_printf(out, ", variant: %s", sc__str(st, "variant", ""));
        } else {
            scx_buf_puts(out, ", no variant");
        }
        scx_buf_printf(out, "; the state stands for %s\n", sc__str(st, "date", "no date"));
        return;
    }
    const json_t *states = json_object_get(doc, "states");
    size_t k;
    json_t *s;
    scx_buf_printf(out, "Compared: the scenario as given");
    int nv = 0;
    json_array_foreach(states, k, s) {
        const char *v = sc__str(s, "variant", NULL);
        if (v && strcmp(sc__str(s, "events", ""), "before") == 0) {
            scx_buf_printf(out, "%s%s", nv++ ? ", " : " and the variants ", v);
        }
    }
    if (sc__num(sc, "events") > 0) {
        const char *d0 = NULL, *d1 = NULL;
        json_array_foreach(states, k, s) {
            if (strcmp(sc__str(s, "events", ""), "before") == 0) {
                d0 = d0 ? d0 : sc__str(s, "date", NULL);
            } else {
                d1 = d1 ? d1 : sc__str(s, "date", NULL);
            }
        }
        scx_buf_printf(out, ", each before the events (%s) and after them (%s)",
                      d0 ? d0 : "no date", d1 ? d1 : "no date");
    }
    scx_buf_puts(out, ".\n");
}

void sc__render_text(const json_t *doc, scx_buf *out)
{
    header(doc, out);
    const json_t *models = json_object_get(doc, "models");
    const json_t *states = json_object_get(doc, "states");
    const json_t *single = json_object_get(doc, "state");
    const char *name;
    json_t *section;
    json_object_foreach(sc__json_mut(models), name, section) {
        const sc__model *m = sc__model_find(name);
        rule(out, m ? m->title : name);
        sc__text_fn fn = sc__text_generic;
        for (size_t i = 0; i < sizeof renderers / sizeof renderers[0]; i++) {
            if (strcmp(renderers[i].name, name) == 0) {
                fn = renderers[i].fn;
            }
        }
        sc__views views;
        if (!sc__views_build(doc, name, section, &views)) {
            out->error = out->error ? out->error : SC_ENOMEM;
            return;
        }
        fn(section, views.v, views.n, out);
        if (views.per_state && !single) {
            changes_text(json_object_get(section, "changes"), states, out);
        }
        sc__views_free(&views);
    }
}
