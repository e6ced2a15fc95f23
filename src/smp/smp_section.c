/* SPDX-License-Identifier: MIT */
/*
 * The `statecraft run` section for KTAB's Spatial Model of Politics: every issue of the scenario
 * at once, before and after the events, with KTAB's default options.
 */
#include "report/sections.h"

#include <stdlib.h>

#include "core/diag_internal.h"
#include "statecraft/smp.h"

static sc_status one_state(const sc_scenario *s, const char *label, int after, void *ctx,
                           scx_buf *text, json_t *out, sc_diag *diag)
{
    (void)after;
    (void)ctx;
    sc_smp_input *in = NULL;
    sc_diag local;
    sc_diag_init(&local);
    if (sc_smp_input_from_scenario(s, &in, &local) != SC_OK) {
        if (local.code == SC_ENOMEM) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        scx_buf_printf(text, "%s: not run: %s\n", label, local.message);
        json_object_set_new(out, "note", json_string(local.message));
        return SC_OK;
    }
    sc_smp_result *r = NULL;
    sc_status rc = sc_smp_run(in, NULL, &r, &local);
    if (rc != SC_OK) {
        sc_smp_input_free(in);
        if (rc == SC_ENOMEM) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        scx_buf_printf(text, "%s: not run: %s\n", label, local.message);
        json_object_set_new(out, "note", json_string(local.message));
        return SC_OK;
    }
    size_t n = in->n, m = in->m, T = (size_t)r->turns;
    scx_buf_printf(text, "%s: converged after %d turns%s\n  %-12s %9s %9s   %s\n", label, r->turns,
                   r->consensus ? " (consensus)" : "", "issue", "start", "forecast",
                   "final positions (actor: position)");
    json_t *issues = json_array();
    for (size_t k = 0; k < m; k++) {
        long j = sc_scenario_issue_index(s, in->dim[k]);
        const sc_issue *is = sc_scenario_issue(s, (size_t)j);
        double lo = is->scale_min, span = is->scale_max - is->scale_min;
        double m0 = 0, m1 = 0, w = 0;
        for (size_t i = 0; i < n; i++) {
            double wi = in->cap[i] * in->sal[i * m + k];
            m0 += wi * (lo + span * r->pos[i * m + k]);
            m1 += wi * (lo + span * r->pos[(T * n + i) * m + k]);
            w += wi;
        }
        m0 /= w;
        m1 /= w;
        scx_buf_printf(text, "  %-12s %9.2f %9.2f  ", in->dim[k], m0, m1);
        json_t *o = json_object(), *fin = json_object();
        json_object_set_new(o, "issue", json_string(in->dim[k]));
        sc__json_set_number(o, "mean_start", m0);
        sc__json_set_number(o, "forecast_mean", m1);
        for (size_t i = 0; i < n; i++) {
            double x = lo + span * r->pos[(T * n + i) * m + k];
            scx_buf_printf(text, " %s:%.0f", in->actor[i], x);
            sc__json_set_number(fin, in->actor[i], x);
        }
        scx_buf_puts(text, "\n");
        json_object_set_new(o, "final_positions", fin);
        json_array_append_new(issues, o);
    }
    json_object_set_new(out, "issues", issues);
    json_object_set_new(out, "turns", json_integer(r->turns));
    json_object_set_new(out, "consensus", json_boolean(r->consensus));
    if (r->note[0]) {
        scx_buf_printf(text, "  note: %s\n", r->note);
        json_object_set_new(out, "note", json_string(r->note));
    }
    sc_smp_result_free(r);
    sc_smp_input_free(in);
    return SC_OK;
}

sc_status sc__smp_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                          json_t *json, sc_diag *diag)
{
    (void)opts;
    scx_buf_puts(text, "KTAB's Spatial Model of Politics, all issues at once as dimensions (KTAB's "
                       "default options);\nforecast = capability x salience weighted mean of the "
                       "final positions.\n\n");
    sc_status rc = sc__before_and_after(s, "Forecast", one_state, NULL, text, json, diag);
    return rc;
}
