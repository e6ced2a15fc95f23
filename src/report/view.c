/* SPDX-License-Identifier: MIT */
/* The states of a result document for one model (view.h). */
#include "report/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/document.h"
#include "scx/scx.h"

void sc__fmt(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scx_vsnprintf_c(buf, size, fmt, ap);
    va_end(ap);
}

void sc__ptr_join(char *buf, size_t size, const char *base, const char *key)
{
    size_t n = (size_t)snprintf(buf, size, "%s/", base);
    for (const char *c = key; *c && n + 3 < size; c++) {
        if (*c == '~' || *c == '/') {
            buf[n++] = '~';
            buf[n++] = *c == '~' ? '0' : '1';
        } else {
            buf[n++] = *c;
        }
    }
    if (n < size) {
        buf[n] = '\0';
    }
}

static const char *str(const json_t *o, const char *key, const char *dflt)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : dflt;
}

/* "before", "engaged after", "to 2025-02-14"; without events only the variant. */
static void brief_of(const json_t *st, int has_events, char *buf, size_t size)
{
    const char *v = str(st, "variant", NULL);
    const char *until = str(st, "until", NULL);
    int before = strcmp(str(st, "events", "after"), "before") == 0;
    if (!has_events) {
        snprintf(buf, size, "%s", v ? v : "as given");
    } else if (until) {
        snprintf(buf, size, "%s%sto %s", v ? v : "", v ? " " : "", until);
    } else {
        snprintf(buf, size, "%s%s%s", v ? v : "", v ? " " : "", before ? "before" : "after");
    }
}

enum { BRIEF = 160, PTR = 600 };

int sc__views_build(const json_t *doc, const char *name, const json_t *section, sc__views *out)
{
    memset(out, 0, sizeof *out);
    const json_t *states = json_object_get(doc, "states");
    const json_t *single = json_object_get(doc, "state");
    int has_events = json_integer_value(json_object_get(json_object_get(doc, "scenario"), "events")) > 0;
    const sc__model *m = sc__model_find(name);
    out->per_state = m ? m->per_state
                       : (single ? 1 : json_object_get(section, "before_events") != NULL);
    if (!out->per_state) {
        return 1;
    }
    size_t ns = single ? 1 : json_array_size(states);
    out->v = calloc(ns ? ns : 1, sizeof *out->v);
    out->mem = calloc(ns ? ns : 1, BRIEF + PTR);
    if (!out->v || !out->mem) {
        sc__views_free(out);
        return 0;
    }
    char base[PTR];
    sc__ptr_join(base, sizeof base, "/models", name);
    if (single) {
        char *brief = out->mem, *ptr = out->mem + BRIEF;
        brief_of(single, 1, brief, BRIEF);
        snprintf(ptr, PTR, "%s", base);
        out->v[0] = (sc__view){str(single, "id", ""), str(single, "label", ""), brief, ptr, single,
                               section};
        out->n = 1;
        return 1;
    }
    size_t k;
    json_t *st;
    json_array_foreach(states, k, st) {
        const char *v = str(st, "variant", NULL);
        int before = strcmp(str(st, "events", ""), "before") == 0;
        if (!has_events && !before) {
            continue; /* without events, after is before */
        }
        char *brief = out->mem + out->n * (BRIEF + PTR), *ptr = brief + BRIEF;
        brief_of(st, has_events, brief, BRIEF);
        const json_t *holder = section;
        char hb[PTR];
        snprintf(hb, sizeof hb, "%s", base);
        if (v) {
            holder = json_object_get(json_object_get(section, "variants"), v);
            char vb[PTR];
            sc__ptr_join(vb, sizeof vb, base, "variants");
            sc__ptr_join(hb, sizeof hb, vb, v);
        }
        const char *key = before ? "before_events" : "after_events";
        sc__ptr_join(ptr, PTR, hb, key);
        out->v[out->n++] = (sc__view){str(st, "id", ""), str(st, "label", ""), brief, ptr, st,
                                      json_object_get(holder, key)};
    }
    return 1;
}

void sc__views_free(sc__views *v)
{
    free(v->v);
    free(v->mem);
    memset(v, 0, sizeof *v);
}

long sc__views_find(const sc__views *v, const char *id)
{
    for (size_t i = 0; i < v->n; i++) {
        if (strcmp(v->v[i].id, id) == 0) {
            return (long)i;
        }
    }
    return -1;
}
