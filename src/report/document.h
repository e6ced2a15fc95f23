/* SPDX-License-Identifier: MIT */
/*
 * The result document (schema 1, docs/report-formats.md and docs/result-schema.json): the one
 * JSON source every renderer (text, CSV, HTML) reads.
 *
 * Two shapes:
 * - the single-state document: the models of ONE state of the scenario,
 *     {"schema", "statecraft", "scenario", "state", "run", "models": {"<model>": STATE_CONTENT}}
 *   what `statecraft run --before-events|--after-events[=DATE]|--variant V` prints and what one
 *   Monte Carlo draw produces (sc__document_state: cheap, only the models asked for, no text);
 * - the comparative report: the scenario as given and each variant, before and after the events,
 *     {"schema", "statecraft", "scenario", "run", "states": [...],
 *      "models": {"<model>": {"before_events", "after_events", "variants": {"<v>": {...}},
 *                             "changes": [...]}}}
 *   (sc__document_compare); scenario-level sections (summary, claims) sit there as they are.
 *
 * Adding a model: write its section (src/<model>/<model>_section.c, sections.h) and add one row
 * to the table in document.c; its text renderer is one file src/report/text_<model>.c (until it
 * exists the generic renderer shows the section's tables).
 */
#ifndef SC_REPORT_DOCUMENT_H
#define SC_REPORT_DOCUMENT_H

#include <stdint.h>

#include "report/sections.h"

#define SC__SCHEMA_VERSION 1

/* A set of models, bit i for model i of the table. */
typedef uint64_t sc__model_set;
#define SC__MODELS_ALL UINT64_MAX

typedef struct sc__model {
    const char *name;              /* key under "models" */
    const char *title;             /* heading in the text and HTML reports */
    int per_state;                 /* 1: STATE_CONTENT per state; 0: one for the scenario */
    sc__section_fn section;
    sc__answers_fn answers;        /* headline answers compared across states, or NULL */
    sc__change_note_fn change_note; /* detail of a change, or NULL */
} sc__model;

size_t sc__model_count(void);
const sc__model *sc__model_at(size_t i);
/* The model of that name, or NULL. */
const sc__model *sc__model_find(const char *name);

/* Parses a comma-separated list of model names (NULL: all) into a set; an unknown name is
 * SC_ENOTFOUND with a did-you-mean. */
sc_status sc__model_set_parse(const char *only, sc__model_set *out, sc_diag *diag);

/*
 * The model sections of the models in `models` read as their models read them, without running
 * them (sc_run_check with every model, sc_run_report with its `--only`): first the point values
 * in every state, then every value a draw of `run --draws` can give an uncertain number or choice
 * of those sections (the ends of its range or triangle, a normal's farthest draws, a value
 * inside, each option). A located error at the section's own fault, or at the spread that reaches
 * a value the model refuses; else SC_OK. A section of a model not in `models` is not read.
 */
sc_status sc__run_check_models(const sc_scenario *s, sc__model_set models, sc_diag *diag);

/*
 * The single-state document of state `st` of `given` (the scenario as loaded: sc_scenario_at
 * applies the events, then the variant). Computes only the models in `models`; never renders
 * text. Thread-safe for concurrent calls with distinct `given` or the same read-only `given`.
 * *out is a new reference.
 */
sc_status sc__document_state(const sc_scenario *given, const sc_state *st,
                             const sc_run_opts *opts, sc__model_set models, json_t **out,
                             sc_diag *diag);

/* Only the "models" object of one state, for a caller that has computed the state itself
 * (in->at) and builds the rest of the document around it. */
sc_status sc__state_models(const sc__section_in *in, sc__model_set models, json_t *out,
                           sc_diag *diag);

/* The comparative report of every model in `models` (see above). *out is a new reference. */
sc_status sc__document_compare(const sc_scenario *given, const sc_run_opts *opts,
                               sc__model_set models, json_t **out, sc_diag *diag);

/* The "state" object of a single-state document: variant, events, until, date (new ref). */
json_t *sc__state_json(const sc_state *st, const sc_scenario *at);

/* Renders a document (either shape) as one self-contained HTML page (render_html.c). */
void sc__render_html(const json_t *doc, scx_buf *out);

/*
 * Renders a command's document ({"model": ...}, what `forecast`, `war`, `triangle`, `landscape`
 * print as JSON, or the logit branch of `solve`) or a scenario (`show --format json`): as CSV (its
 * tables; csv = 1) or as an HTML page (csv = 0; the commands with charts). Returns 0 when there is
 * nothing to render that way (an HTML page of a command without charts).
 */
int sc__render_command(const json_t *doc, int csv, scx_buf *out);

/* Renders a document (either shape) as CSV: its tables in one long table (render_csv.c). */
void sc__render_csv(const json_t *doc, scx_buf *out);

/* Renders a document (either shape) as the text report. */
void sc__render_text(const json_t *doc, scx_buf *out);

/* The scenario as text, from its JSON (sc__scenario_json): `statecraft show` and the report's
 * summary; brief leaves out the title line, claims and sources. */
void sc__text_scenario(const json_t *scenario, int brief, scx_buf *out);

#endif
