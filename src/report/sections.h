/* SPDX-License-Identifier: MIT */
/*
 * The sections of `statecraft run`, one per model. Each appends a readable text section to
 * `text` and fills the JSON object `json` (already created, owned by the caller) with the
 * model's inputs echoed and its results. A model that cannot run on the scenario (missing
 * section, too few actors) writes why in both and returns SC_OK; only real failures (out of
 * memory) return an error. `s` is the scenario after the variant, before events; sections that
 * compare before and after the events call sc_scenario_after_events themselves.
 */
#ifndef SC_REPORT_SECTIONS_H
#define SC_REPORT_SECTIONS_H

#include <jansson.h>

#include "scx/scx.h"
#include "statecraft/report.h"
#include "statecraft/scenario.h"

typedef sc_status (*sc__section_fn)(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                                    json_t *json, sc_diag *diag);

sc_status sc__baseline_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                               json_t *json, sc_diag *diag);
sc_status sc__eum_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                          json_t *json, sc_diag *diag);
sc_status sc__smp_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                          json_t *json, sc_diag *diag);
sc_status sc__war_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                          json_t *json, sc_diag *diag);
sc_status sc__triangle_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                               json_t *json, sc_diag *diag);
sc_status sc__landscape_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                                json_t *json, sc_diag *diag);
sc_status sc__game_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                           json_t *json, sc_diag *diag);

sc_status sc__summary_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                              json_t *json, sc_diag *diag);
sc_status sc__claims_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                             json_t *json, sc_diag *diag);

/* The scenario as text (`statecraft show`); brief leaves out claims and sources. */
void sc__describe_text(const sc_scenario *s, scx_buf *b, int brief);
/* The normalised scenario as a JSON object (new reference). */
json_t *sc__scenario_json(const sc_scenario *s);

#include "core/json_util.h"


/*
 * A model's state function for sc__before_and_after: appends the model's output for scenario s
 * under the heading `label` to text and json. `after` is 0 for the scenario as given, 1 for it
 * after all of its events; ctx is the section's own data.
 */
typedef sc_status (*sc__state_fn)(const sc_scenario *s, const char *label, int after, void *ctx,
                                  scx_buf *text, json_t *json, sc_diag *diag);

/*
 * The shape most sections share: fn on s ("Before the events", or `alone` when the scenario has
 * no events) into json "before_events", then fn on s after all its events into "after_events".
 */
static inline sc_status sc__before_and_after(const sc_scenario *s, const char *alone,
                                             sc__state_fn fn, void *ctx, scx_buf *text,
                                             json_t *json, sc_diag *diag)
{
    int events = sc_scenario_event_count(s) > 0;
    json_t *before = json_object();
    sc_status rc = fn(s, events ? "Before the events" : alone, 0, ctx, text, before, diag);
    json_object_set_new(json, "before_events", before);
    if (rc != SC_OK || !events) {
        return rc;
    }
    sc_scenario *after = NULL;
    rc = sc_scenario_after_events(s, NULL, &after, diag);
    if (rc == SC_OK) {
        json_t *aj = json_object();
        scx_buf_puts(text, "\n");
        rc = fn(after, "After the events", 1, ctx, text, aj, diag);
        json_object_set_new(json, "after_events", aj);
    }
    sc_scenario_free(after);
    return rc;
}

#endif
