/* SPDX-License-Identifier: MIT */
/*
 * The HTML renderer of the result document (render_html.c): one self-contained page with Vega
 * (Debian's libjs-vega, joined in at build time) and the document itself embedded. Each model's
 * section is drawn by its own renderer, one file per model (html_<model>.c); a model without one
 * is drawn by the generic renderer (tables from its JSON).
 *
 * Every chart is a figure: a title, a one-line reading of what it shows, the Vega chart, and
 * beside it its data table. Every number in a table is a value of the document and says where
 * it comes from: its cell carries the JSON pointer (data-ptr) and the exact value (data-value),
 * which the browser test checks against the embedded document.
 */
#ifndef SC_REPORT_HTML_H
#define SC_REPORT_HTML_H

#include <jansson.h>

#include "core/json_util.h"
#include "report/view.h"
#include "scx/scx.h"

typedef struct sc__html {
    scx_buf *out;
    const json_t *doc;
    int figures;         /* figures written so far (their ids: fig-1, fig-2, ...) */
    int csv;             /* 1: write only the tables, as CSV rows (render_csv) */
    const char *section; /* the model being drawn (the CSV's first column) */
} sc__html;

/* A model's HTML renderer: `section` and the views as for the text renderers (text.h). */
typedef void (*sc__html_fn)(const json_t *section, const sc__view *views, size_t n,
                            sc__html *h);

void sc__html_baseline(const json_t *section, const sc__view *views, size_t n, sc__html *h);
void sc__html_eum(const json_t *section, const sc__view *views, size_t n, sc__html *h);
void sc__html_bargaining(const json_t *section, const sc__view *views, size_t n, sc__html *h);
void sc__html_smp(const json_t *section, const sc__view *views, size_t n, sc__html *h);
void sc__html_war(const json_t *section, const sc__view *views, size_t n, sc__html *h);
void sc__html_triangle(const json_t *section, const sc__view *views, size_t n, sc__html *h);
void sc__html_landscape(const json_t *section, const sc__view *views, size_t n, sc__html *h);
void sc__html_game(const json_t *section, const sc__view *views, size_t n, sc__html *h);
void sc__html_relations(const json_t *section, const sc__view *views, size_t n, sc__html *h);
void sc__html_claims(const json_t *section, const sc__view *views, size_t n, sc__html *h);
void sc__html_summary(const json_t *section, const sc__view *views, size_t n, sc__html *h);
/*
 * The bargaining forecasts per issue over the veto players' win-set, and the win-set's table, of
 * one state's content at JSON pointer `ptr`: the report's STATE_CONTENT (command 0) or the
 * document of `statecraft forecast --model bargaining` (command 1), whose issues keep each model's
 * forecast, range, outcome and agreement together.
 */
void sc__html_bargaining_forecasts(const json_t *content, const char *ptr, const char *label,
                                   int command, sc__html *h);
/* Any section: its scalars as a list, arrays of objects as tables, nested objects as blocks. */
void sc__html_generic(const json_t *section, const sc__view *views, size_t n, sc__html *h);

/* ---- writing ---------------------------------------------------------------------------------- */

/* Appends s with &, <, >, " and ' escaped. */
void sc__html_esc(scx_buf *out, const char *s);
/* A paragraph of escaped text (printf-formatted). */
void sc__html_p(sc__html *h, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- data tables ------------------------------------------------------------------------------ */

typedef struct sc__table sc__table;

sc__table *sc__table_new(void);
void sc__table_free(sc__table *t);
void sc__table_col(sc__table *t, const char *header);
/* Starts a new row; the cells below fill it left to right. */
void sc__table_row(sc__table *t);
/* A cell of plain text (a label, not a value of the document). */
void sc__table_text(sc__table *t, const char *text);
/* A cell holding the document's value at JSON pointer `ptr` (looked up in h->doc): numbers
 * shown with `decimals` places, strings as they are, null as "-". */
void sc__table_value(sc__table *t, const sc__html *h, const char *ptr, int decimals);
/* The document's value at a JSON pointer, or NULL. */
const json_t *sc__html_at(const sc__html *h, const char *ptr);

/* ---- figures ---------------------------------------------------------------------------------- */

/*
 * Writes one figure: its title, the one-line reading, the chart drawn by the Vega `spec`
 * (stolen; NULL for a table alone) and the table `t` (consumed) beside it.
 */
void sc__html_figure(sc__html *h, const char *title, const char *reading, json_t *spec,
                     sc__table *t);

/* A Vega specification skeleton: size, padding, fonts; add data, scales, axes, marks. */
json_t *sc__vg_spec(int width, int height);
/* Appends {"name": name, "values": values} (values stolen) to spec.data. */
void sc__vg_data(json_t *spec, const char *name, json_t *values);
/* Appends an item (stolen) to spec[key] (an array, created if needed). */
void sc__vg_add(json_t *spec, const char *key, json_t *item);

/*
 * Lines over time, one per series: `rows` (stolen) holds {x, series, y}; `series` (stolen) lists
 * the series in legend order, and the ones named in `bold` / `dashed` (may be NULL) are drawn
 * black and thick / dark and dashed (a median, a mean); the others get categorical colours.
 */
json_t *sc__vg_lines(json_t *rows, json_t *series, const char *bold, const char *dashed,
                     const char *x_title, const char *y_title, double lo, double hi);
/*
 * One issue's trajectory as the report holds it (`tr`, at JSON pointer `base`: summary series as
 * arrays `sums[k]`, and `positions` {actor: [...]}, one value per round or turn): the lines
 * chart (returned; names[0] bold, names[1] dashed if given, the y scale [lo, hi]) and its wide
 * table (*table): a column `step` ("round", "turn"), the summaries shown as names[k], then the
 * actors. *turns (turns may be NULL) is the length of the first summary.
 */
json_t *sc__html_trajectory(const json_t *tr, const char *base, const char *step,
                            const char *const *sums, const char *const *names, size_t n_sums,
                            double lo, double hi, const sc__html *h, sc__table **table,
                            size_t *turns);
/*
 * The figure "Forecast per state": a row per view, a column per issue of `issues` (the main
 * view's), each cell the view's value at issues/J/`key`; `reading` under the title.
 */
void sc__html_forecast_states(const json_t *issues, const sc__view *views, size_t n,
                              const char *key, const char *reading, sc__html *h);
/* The categorical palette (Vega's tableau20) colour i. */
const char *sc__vg_color(size_t i);

/*
 * BDM 1994's quadrant chart of round 1 from actor `me`'s view: `points` are {actor, x, y[,
 * region]} at JSON pointer `base`; state_label says which state ("" for none).
 */
void sc__html_quadrant(sc__html *h, const char *me, const char *issue, const json_t *points,
                       const char *base, const char *state_label);

/* A command's document ({"model": "eum" | "smp" | "war" | "logit", ...}) drawn as figures; 0 if
 * the command has no charts (html_command.c). */
int sc__command_render(const json_t *doc, sc__html *h);

/* The view charts are drawn for: the scenario as given after the events, else the last view. */
const sc__view *sc__html_main_view(const sc__view *views, size_t n);

#endif
