/* SPDX-License-Identifier: MIT */
/*
 * The text renderer of the result document: render_text.c walks the document, and each model's
 * section is drawn by its own renderer, one file per model (text_<model>.c). A model without a
 * renderer is drawn by the generic one (tables from its JSON), so new content always appears.
 */
#ifndef SC_REPORT_TEXT_H
#define SC_REPORT_TEXT_H

#include <jansson.h>

#include "core/json_util.h"
#include "report/view.h"
#include "scx/scx.h"

/*
 * A model's text renderer. `section` is the model's object in the document (a comparative
 * report's {"before_events", ..., "changes"}, or a single state's content); `views` lists the
 * states to draw (n = 0 for scenario-level sections such as the summary).
 */
typedef void (*sc__text_fn)(const json_t *section, const sc__view *views, size_t n, scx_buf *out);

void sc__text_summary(const json_t *section, const sc__view *views, size_t n, scx_buf *out);
void sc__text_baseline(const json_t *section, const sc__view *views, size_t n, scx_buf *out);
void sc__text_eum(const json_t *section, const sc__view *views, size_t n, scx_buf *out);
void sc__text_smp(const json_t *section, const sc__view *views, size_t n, scx_buf *out);
void sc__text_bargaining(const json_t *section, const sc__view *views, size_t n, scx_buf *out);
void sc__text_war(const json_t *section, const sc__view *views, size_t n, scx_buf *out);
void sc__text_negotiation(const json_t *section, const sc__view *views, size_t n, scx_buf *out);
void sc__text_triangle(const json_t *section, const sc__view *views, size_t n, scx_buf *out);
void sc__text_landscape(const json_t *section, const sc__view *views, size_t n, scx_buf *out);
void sc__text_game(const json_t *section, const sc__view *views, size_t n, scx_buf *out);
void sc__text_claims(const json_t *section, const sc__view *views, size_t n, scx_buf *out);
void sc__text_relations(const json_t *section, const sc__view *views, size_t n, scx_buf *out);
/* Any section: its scalars, its arrays of objects as tables, its objects as nested blocks. */
void sc__text_generic(const json_t *section, const sc__view *views, size_t n, scx_buf *out);

/* ---- helpers for the renderers ---------------------------------------------------------------- */

/* A member as a double: NAN when missing or null. */
double sc__num(const json_t *obj, const char *key);
/* A member as a string, or `dflt` when missing or not a string. */
const char *sc__str(const json_t *obj, const char *key, const char *dflt);
/* Appends v with printf format `fmt` (one double conversion) in `width` columns, or "-" right-
 * aligned there when v is not finite. */
void sc__put_num(scx_buf *out, const char *fmt, int width, double v);
/* Appends any JSON value compactly: numbers %.4g, strings as they are, arrays of strings joined
 * by spaces, arrays of arrays as {A B | C D}, objects as key=value pairs. */
void sc__put_value(scx_buf *out, const json_t *v);
/* Appends s left-aligned in `width` columns (counting UTF-8 code points). */
void sc__put_padded(scx_buf *out, const char *s, int width);
/* A content without its result (no member `result_key`): appends "  <label>: not run: <note>"
 * and returns 1; else 0. */
int sc__put_not_run(scx_buf *out, const sc__view *v, const char *result_key);
/* 1 if v is neither an object nor an array (the generic renderers' leaves). */
int sc__json_scalar(const json_t *v);
/* 1 if arr is a non-empty array of objects only (a table for the generic renderers). */
int sc__json_all_objects(const json_t *arr);
/* The relations section's data set `id` in a state's content (`data[]`, member "id"), its index
 * in *index (index may be NULL), or NULL (text_relations.c; html_relations.c). */
const json_t *sc__relations_set(const json_t *content, const char *id, size_t *index);
/* The pair {a, b} of a data set's `pairs[]` (members "a" and "b", in that order), or NULL. */
const json_t *sc__relations_pair(const json_t *set, const char *a, const char *b);

#endif
