/* SPDX-License-Identifier: MIT */
/*
 * Model sections of the result document (docs/report-formats.md). A section computes ONE state
 * of the scenario and fills a JSON object with that state's content (STATE_CONTENT): numbers as
 * numbers, unavailable values as null with a `note`. Sections never write text: the text, CSV
 * and HTML reports are renderings of the document (src/report/render_*.c).
 *
 * A model that cannot run on the scenario (missing section, too few actors) writes a `note` and
 * returns SC_OK; only real failures (out of memory, a located error in the model's own scenario
 * section) return an error.
 *
 * Model tests link their own module, core and scenario only, so everything a section needs from
 * this header is inline.
 */
#ifndef SC_REPORT_SECTIONS_H
#define SC_REPORT_SECTIONS_H

#include <jansson.h>

#include "core/json_util.h"
#include "scx/scx.h"
#include "statecraft/report.h"
#include "statecraft/scenario.h"

/* What a section computes on. */
typedef struct sc__section_in {
    const sc_scenario *given; /* the scenario as loaded: no events applied, no variant */
    const sc_state *state;    /* the state to compute */
    const sc_scenario *at;    /* `given` in that state (sc_scenario_at) */
    const sc_run_opts *opts;  /* never NULL */
    /* a Monte Carlo draw: the war's lever rows its claims and headlines read, one bit per
     * sc_war_lever (none always computed); 0: every lever (src/montecarlo/plan.c) */
    unsigned war_levers;
} sc__section_in;

typedef sc_status (*sc__section_fn)(const sc__section_in *in, json_t *out, sc_diag *diag);

/*
 * A model's headline answers for comparing states (the report's `changes`): fills `out` with one
 * entry per answer, key = what the answer is ("territory forecast"), value = an object
 * {"value": V} where V is a number, string or array, with for numbers either "tol" (changes
 * smaller than this are not a change) or "se" (the Monte Carlo standard error: a change must
 * exceed twice the combined error). A content with a `note` and no result adds nothing.
 */
typedef void (*sc__answers_fn)(const json_t *content, json_t *out);

/* Optional: adds model-specific detail to a change of answer `answer` from `from` to `to` (the
 * answers' values), e.g. the actors that changed bloc. */
typedef void (*sc__change_note_fn)(const char *answer, const json_t *from, const json_t *to,
                                   json_t *change);

sc_status sc__baseline_section(const sc__section_in *in, json_t *out, sc_diag *diag);
sc_status sc__eum_section(const sc__section_in *in, json_t *out, sc_diag *diag);
sc_status sc__smp_section(const sc__section_in *in, json_t *out, sc_diag *diag);
sc_status sc__bargaining_section(const sc__section_in *in, json_t *out, sc_diag *diag);
sc_status sc__war_section(const sc__section_in *in, json_t *out, sc_diag *diag);
sc_status sc__negotiation_section(const sc__section_in *in, json_t *out, sc_diag *diag);
sc_status sc__triangle_section(const sc__section_in *in, json_t *out, sc_diag *diag);
sc_status sc__landscape_section(const sc__section_in *in, json_t *out, sc_diag *diag);
sc_status sc__game_section(const sc__section_in *in, json_t *out, sc_diag *diag);
sc_status sc__relations_section(const sc__section_in *in, json_t *out, sc_diag *diag);
/*
 * Reads a model's own scenario section in state `at` as its section function would, without
 * computing anything: the located error the report would stop on, or SC_OK (sc_run_check, for
 * statecraft validate). Only called when the scenario has that section.
 */
typedef sc_status (*sc__check_fn)(const sc_scenario *at, sc_diag *diag);
sc_status sc__war_check(const sc_scenario *at, sc_diag *diag);
sc_status sc__triangle_check(const sc_scenario *at, sc_diag *diag);
sc_status sc__landscape_check(const sc_scenario *at, sc_diag *diag);
sc_status sc__game_check(const sc_scenario *at, sc_diag *diag);
sc_status sc__negotiation_check(const sc_scenario *at, sc_diag *diag);
/* Scenario-level sections: `at` is the scenario they describe. */
sc_status sc__summary_section(const sc__section_in *in, json_t *out, sc_diag *diag);
sc_status sc__claims_section(const sc__section_in *in, json_t *out, sc_diag *diag);

void sc__baseline_answers(const json_t *content, json_t *out);
void sc__eum_answers(const json_t *content, json_t *out);
void sc__smp_answers(const json_t *content, json_t *out);
void sc__bargaining_answers(const json_t *content, json_t *out);
void sc__war_answers(const json_t *content, json_t *out);
void sc__negotiation_answers(const json_t *content, json_t *out);
void sc__triangle_answers(const json_t *content, json_t *out);
void sc__landscape_answers(const json_t *content, json_t *out);
void sc__game_answers(const json_t *content, json_t *out);
void sc__relations_answers(const json_t *content, json_t *out);
double sc__eum_snap(double v, double span);
void sc__landscape_change_note(const char *answer, const json_t *from, const json_t *to,
                               json_t *change);

/* The normalised scenario as a JSON object (new reference); `statecraft show` prints it. */
json_t *sc__scenario_json(const sc_scenario *s);

/* Adds one answer {"value": v, "tol": tol} (tol < 0: exact comparison). */
static inline void sc__answer_number(json_t *out, const char *key, double v, double tol)
{
    json_t *a = json_object();
    json_object_set_new(a, "value", sc__json_number(v));
    if (tol >= 0) {
        json_object_set_new(a, "tol", json_real(tol));
    }
    json_object_set_new(out, key, a);
}

/* Adds one answer {"value": value} for a categorical answer (steals the reference). */
static inline void sc__answer_value(json_t *out, const char *key, json_t *value)
{
    json_t *a = json_object();
    json_object_set_new(a, "value", value);
    json_object_set_new(out, key, a);
}

/*
 * Runs one section on state `st` of `given` (NULL: the default state): computes the state with
 * sc_scenario_at and calls fn. For tests and for callers that have no state at hand.
 */
static inline sc_status sc__section_run(sc__section_fn fn, const sc_scenario *given,
                                        const sc_state *st, const sc_run_opts *opts, json_t *out,
                                        sc_diag *diag)
{
    sc_state def;
    if (!st) {
        sc_state_init(&def);
        st = &def;
    }
    sc_run_opts dopts;
    if (!opts) {
        /* sc_run_opts_init lives in the report module, which model tests do not link */
        dopts = (sc_run_opts){0};
        dopts.seed = 20250212u;
        dopts.runs = 2000;
        opts = &dopts;
    }
    sc_scenario *at = NULL;
    sc_status rc = sc_scenario_at(given, st, &at, diag);
    if (rc != SC_OK) {
        return rc;
    }
    sc__section_in in = {given, st, at, opts, 0};
    rc = fn(&in, out, diag);
    sc_scenario_free(at);
    return rc;
}

#endif
