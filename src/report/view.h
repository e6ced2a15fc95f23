/* SPDX-License-Identifier: MIT */
/*
 * The states of a result document as the renderers see them: for one model, each state's
 * content with its labels and its place in the document (a JSON pointer), whatever the
 * document's shape (single state or comparative report).
 */
#ifndef SC_REPORT_VIEW_H
#define SC_REPORT_VIEW_H

#include <jansson.h>
#include <stddef.h>

/* One state's content of a model. */
typedef struct sc__view {
    const char *id;        /* "before-events", "engaged/after-events" */
    const char *label;     /* "as given, before the events" */
    const char *brief;     /* for table rows: "before", "engaged after", "retrench" */
    const char *ptr;       /* JSON pointer of the content: "/models/eum/variants/engaged/after_events" */
    const json_t *state;   /* the document's state object */
    const json_t *content; /* the model's STATE_CONTENT in that state (NULL if missing) */
} sc__view;

typedef struct sc__views {
    sc__view *v;
    size_t n;
    int per_state; /* 0: a scenario-level section (summary, claims): no views */
    char *mem;     /* the strings the views point into */
} sc__views;

/*
 * The views of model `name` (its object `section`) in `doc`: one per state of a comparative
 * report (after-events states left out when the scenario has no events: they repeat the
 * before-events ones), or the one state of a single-state document. Returns 0 when out of memory.
 */
int sc__views_build(const json_t *doc, const char *name, const json_t *section, sc__views *out);
void sc__views_free(sc__views *v);

/* Index of the view of state `id`, or -1. The default state is "after-events". */
long sc__views_find(const sc__views *v, const char *id);

/* snprintf into buf (truncating silently: pointers and labels are built far below the sizes). */
void sc__fmt(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Writes the JSON pointer `base`/`key` (key escaped: ~ as ~0, / as ~1) into buf. */
void sc__ptr_join(char *buf, size_t size, const char *base, const char *key);

#endif
