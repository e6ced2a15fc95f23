/* SPDX-License-Identifier: MIT */
/*
 * The `statecraft run` section for the expected-utility model: on every issue, the median voter
 * before bargaining and after 10 rounds (Scholz variant), before and after the events, with a
 * note where the dynamics do not settle.
 */
#include "report/sections.h"

#include "core/diag_internal.h"
#include "statecraft/eum.h"

static sc_status issue_row(const sc_scenario *s, size_t j, const sc_eum_params *p, scx_buf *text,
                           json_t *arr, sc_diag *diag)
{
    sc_eum_result *r = NULL;
    const char **ids = NULL;
    sc_diag local;
    sc_diag_init(&local);
    const char *issue = sc_scenario_issue(s, j)->id;
    json_t *o = json_object();
    json_object_set_new(o, "issue", json_string(issue));
    if (sc_eum_run_scenario(s, j, p, &r, &ids, &local) != SC_OK) {
        if (local.code == SC_ENOMEM) {
            json_decref(o);
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        scx_buf_printf(text, "  %-12s not run: %s\n", issue, local.message);
        json_object_set_new(o, "note", json_string(local.message));
        json_array_append_new(arr, o);
        return SC_OK;
    }
    int T = r->rounds;
    double lo = r->median[0], hi = r->median[0];
    for (int t = 0; t <= T; t++) {
        lo = r->median[t] < lo ? r->median[t] : lo;
        hi = r->median[t] > hi ? r->median[t] : hi;
    }
    int moves = 0;
    for (size_t k = 0; k < (size_t)T * r->n; k++) {
        moves += r->moves[k].kind != SC_EUM_NONE;
    }
    scx_buf_printf(text, "  %-12s %8.2f %8.2f %8.2f %8.2f  [%6.2f, %6.2f] %6d  %s\n", issue,
                   r->median[0], r->mean[0], r->median[T], r->mean[T], lo, hi, moves,
                   r->converged     ? "settled"
                   : r->cycle       ? "cycles"
                   : r->oscillating ? "oscillates"
                                    : "moving");
    sc__json_set_number(o, "median_start", r->median[0]);
    sc__json_set_number(o, "mean_start", r->mean[0]);
    sc__json_set_number(o, "forecast", r->median[T]);
    sc__json_set_number(o, "mean_end", r->mean[T]);
    json_object_set_new(o, "rounds", json_integer(T));
    json_object_set_new(o, "moves", json_integer(moves));
    json_object_set_new(o, "converged", json_boolean(r->converged));
    json_object_set_new(o, "oscillating", json_boolean(r->oscillating));
    json_t *pos = json_object();
    for (size_t i = 0; i < r->n; i++) {
        sc__json_set_number(pos, ids[i], r->positions[(size_t)T * r->n + i]);
    }
    json_object_set_new(o, "final_positions", pos);
    json_array_append_new(arr, o);
    sc_free((void *)ids);
    sc_eum_result_free(r);
    return SC_OK;
}

static sc_status table(const sc_scenario *s, const char *label, int after, void *ctx, scx_buf *text,
                       json_t *json, sc_diag *diag)
{
    (void)after;
    const sc_eum_params *p = ctx;
    scx_buf_printf(text, "%s:\n  %-12s %8s %8s %8s %8s  %-16s %6s\n", label, "issue", "median0",
                   "mean0", "forecast", "mean", "median range", "moves");
    json_t *arr = json_array();
    sc_status rc = SC_OK;
    for (size_t j = 0; j < sc_scenario_issue_count(s) && rc == SC_OK; j++) {
        rc = issue_row(s, j, p, text, arr, diag);
    }
    json_object_set_new(json, "issues", arr);
    return rc;
}

sc_status sc__eum_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                          json_t *json, sc_diag *diag)
{
    (void)opts;
    if (sc_scenario_issue_count(s) == 0) {
        scx_buf_puts(text, "Not run: the scenario has no issues.\n");
        json_object_set_new(json, "note", json_string("the scenario has no issues"));
        return SC_OK;
    }
    sc_eum_params p;
    sc_eum_params_init(&p);
    scx_buf_printf(text,
                   "Bueno de Mesquita's expected-utility model, %s variant, %d rounds per "
                   "issue; forecast = median voter\nafter the last round. "
                   "'statecraft forecast --model eum' shows every round and move.\n\n",
                   sc_eum_variant_name(p.variant), p.rounds);
    json_object_set_new(json, "variant", json_string(sc_eum_variant_name(p.variant)));
    json_object_set_new(json, "rounds", json_integer(p.rounds));
    sc_status rc = sc__before_and_after(s, "Forecast", table, &p, text, json, diag);
    return rc;
}
