/* SPDX-License-Identifier: MIT */
/** @file report.h
 * The report of every model on a scenario (`statecraft run`). Every model fills one JSON result
 * document (docs/report-formats.md, schema in docs/result-schema.json); the text report is a
 * rendering of that document. */
#ifndef STATECRAFT_REPORT_H
#define STATECRAFT_REPORT_H

#include "statecraft/common.h"
#include "statecraft/diag.h"
#include "statecraft/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An output format. */
typedef enum sc_format {
    SC_FORMAT_TEXT = 0, /**< readable text */
    SC_FORMAT_JSON,     /**< one JSON document */
    SC_FORMAT_CSV,      /**< comma-separated tables (where a command offers them) */
    SC_FORMAT_HTML      /**< one self-contained HTML page with charts (where a command offers it) */
} sc_format;

/** Parses "text", "json", "csv" or "html"; SC_EINVAL otherwise. */
SC_API sc_status sc_format_parse(const char *name, sc_format *out, sc_diag *diag);

/** Options of sc_run_report (`statecraft run`); set the defaults with sc_run_opts_init. */
typedef struct sc_run_opts {
    sc_format format; /**< SC_FORMAT_TEXT or SC_FORMAT_JSON */
    uint64_t seed;    /**< master seed of every Monte Carlo model (default 20250212) */
    size_t runs;      /**< Monte Carlo runs per simulation (default 2000) */
    unsigned threads; /**< worker threads (0: one per core); results never depend on it */
    const char *only; /**< comma-separated model names to run, or NULL for all */
    /** NULL: the comparative report (the scenario as given and each variant, before and after
     * the events); else the single-state document of this state */
    const sc_state *state;
    /** actor of the EUM's perspective (quadrant) chart; NULL: the first actor named in the
     * scenario's war or triangle section, else the first actor */
    const char *perspective;
    /** event data set against the scenario's amities in the "Relations: judgement vs data"
     * section (`statecraft run --events FILE...`): a series read with sc_events_series_read for
     * the scenario's actors, scored on each state's date; NULL: only the scenario's `data:` */
    const struct sc_events_series *events;
    /** the score's h and k for `events` (NULL: h = 30 days, k = 5) */
    const struct sc_dsmg_params *events_params;
    /** 1 while computing one draw of a Monte Carlo (statecraft/montecarlo.h): sections leave out
     * what only charts use and cost much (the landscape's basin estimates) */
    int monte_carlo;
    /** a finished Monte Carlo whose probabilities, quantiles and sensitivity the claims section
     * shows (NULL: claims are judged at the point values only) */
    const struct sc_mc *mc;
} sc_run_opts;

/** Sets the defaults: text, seed 20250212, 2000 runs, one thread per core, every model. */
SC_API void sc_run_opts_init(sc_run_opts *opts);

/** Number of models `statecraft run` knows (the names sc_run_opts::only accepts). */
SC_API size_t sc_run_model_count(void);
/** The name of model i (e.g. "baseline", "eum"), or NULL if i is out of range. */
SC_API const char *sc_run_model_name(size_t i);

/**
 * Runs every model (or those in sc_run_opts::only) on the scenario and hands out one report
 * (text or the JSON result document). `s` is the scenario as loaded: the report computes its
 * states itself (sc_scenario_at): with sc_run_opts::state NULL, the scenario as given and each
 * variant, before and after the events, side by side; else that one state. On SC_OK *out is a
 * new NUL-terminated string freed with sc_free and *len its length (len may be NULL); on
 * failure *out is NULL. A model that cannot run on this scenario (e.g. no `war:` section) says
 * so in its section instead of failing the whole report.
 */
SC_API sc_status sc_run_report(const sc_scenario *s, const sc_run_opts *opts, char **out,
                               size_t *len, sc_diag *diag);

/**
 * Reads every model section the scenario has (`war:`, `negotiation:`, `triangle:`,
 * `landscape:`, `game:`) the way sc_run_report would, in every state the report computes (as
 * given and each variant, before and after the events), without running the models: SC_OK, or
 * the first error the
 * report would stop on, located in the file (FILE:LINE:COL; a misspelt key with a
 * did-you-mean), with the state named when it is not the scenario as given. The other sections
 * (`eum:`, `smp:`, `data:`, ...) are read when the scenario is loaded. `statecraft validate`
 * calls this after sc_scenario_load.
 */
SC_API sc_status sc_run_check(const sc_scenario *s, sc_diag *diag);

/**
 * Renders a result document given as JSON text (what `statecraft run --format json` prints,
 * schema 1) as text or as one self-contained HTML page (SC_FORMAT_TEXT, SC_FORMAT_HTML) or as
 * CSV (SC_FORMAT_CSV), or rewrites it as JSON (SC_FORMAT_JSON). Also a command's document (a
 * JSON object with "model", as `forecast`, `war`, `triangle`, `landscape` print it, or the logit
 * branch of `solve`) as HTML or CSV, and a scenario (`show --format json`) as CSV. `file` names the text in
 * diagnostics (may be NULL). Text that is not JSON is a located error (FILE:LINE:COL); a JSON
 * value that is not a result document is SC_EINVAL. On SC_OK *out is a new string freed with
 * sc_free and *len its length (len may be NULL).
 */
SC_API sc_status sc_report_render(const char *json, size_t json_len, const char *file,
                                  sc_format format, char **out, size_t *len, sc_diag *diag);

/** The normalised scenario (`statecraft show`) as text, JSON or CSV (its tables), handed out as
 * sc_run_report's. */
SC_API sc_status sc_scenario_describe(const sc_scenario *s, sc_format format, char **out,
                                      size_t *len, sc_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
