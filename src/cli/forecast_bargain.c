/* SPDX-License-Identifier: MIT */
/*
 * `statecraft forecast --model bargaining`: the one bargaining forecast of a scenario state, per
 * issue the weighted-median baseline, both EUM readings and the SMP side by side with their
 * spread (the model uncertainty), the veto players' win-set and what each forecast means for an
 * agreement (docs/models/bargaining.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_output.h"
#include "forecast.h"
#include "statecraft/bargain.h"

static const char *actor_id(const sc_scenario *s, long i)
{
    return i >= 0 ? sc_scenario_actor(s, (size_t)i)->id : NULL;
}

/* "settlement at 45.0", "no agreement at the forecast: RUS rejects it (...)", "no agreement" */
static void verdict_text(scx_buf *b, const sc_scenario *s, const sc_agreement *a)
{
    switch (a->verdict) {
    case SC_AGREEMENT_SETTLEMENT: scx_buf_printf(b, "settlement at %.1f", a->at); break;
    case SC_AGREEMENT_REJECTED:
        scx_buf_printf(b, "no agreement at the forecast: %s rejects it (every veto player "
                          "accepts %.1f)",
                       a->rejected_by >= 0 ? actor_id(s, a->rejected_by) : "?", a->at);
        break;
    case SC_AGREEMENT_NONE: scx_buf_puts(b, "no agreement"); break;
    case SC_AGREEMENT_NOT_COVERED: scx_buf_puts(b, "-"); break;
    }
}

static void put_text(scx_buf *b, const sc_scenario *s, const sc_state *st,
                     const sc_bargain_result *r, const char *only, int partial)
{
    if (partial) {
        scx_buf_printf(b, "PARTIAL RESULTS: interrupted after %zu of %zu model runs; the runs "
                          "stopped or not started show 'not done'\n",
                       r->runs_done, r->runs);
    }
    scx_buf_puts(b, "One bargaining forecast: the weighted-median baseline, the EUM (Scholz's "
                    "program, the published\nreplication, and the equations as printed) and the "
                    "SMP side by side; the spread between them\nis the model uncertainty.\n");
    cli_state_text_buf(b, s, st);
    size_t nv = sc_scenario_veto_player_count(s);
    if (nv) {
        scx_buf_puts(b, "Veto players:");
        for (size_t i = 0, k = 0; i < sc_scenario_actor_count(s); i++) {
            if (sc_scenario_is_veto_player(s, i)) {
                scx_buf_printf(b, "%s %s", k++ ? "," : "", sc_scenario_actor(s, i)->id);
            }
        }
        scx_buf_puts(b, " (each accepts what lies at least as close to its position as its "
                        "reservation point)\n");
    } else {
        scx_buf_puts(b, "No veto players (agreement:): whether a settlement would be accepted is "
                        "not judged.\n");
    }
    for (size_t j = 0; j < r->n; j++) {
        const sc_bargain_issue *bi = &r->issues[j];
        const sc_issue *is = sc_scenario_issue(s, bi->issue);
        if (only && strcmp(only, is->id) != 0) {
            continue;
        }
        scx_buf_printf(b, "\n%s: %s (scale %g to %g)\n", is->id, is->title, is->scale_min,
                       is->scale_max);
        scx_buf_printf(b, "  %-12s %9s  %-19s %-13s %s\n", "model", "forecast", "range", "outcome",
                       nv ? "agreement" : "");
        for (int m = 0; m < SC_BARGAIN_MODELS; m++) {
            scx_buf_printf(b, "  %-12s", sc_bargain_model_name((sc_bargain_model)m));
            if (isnan(bi->forecast[m])) {
                scx_buf_printf(b, " %9s  %-19s %-13s\n", "-", "",
                               bi->done[m] ? "not run" : "not done");
                continue;
            }
            char range[64] = "";
            if (bi->range_hi[m] > bi->range_lo[m]) {
                snprintf(range, sizeof range, "[%.2f, %.2f]", bi->range_lo[m], bi->range_hi[m]);
            }
            scx_buf_printf(b, " %9.2f  %-19s %-13s ", bi->forecast[m], range,
                           bi->outcome[m] ? bi->outcome[m] : "-");
            if (nv) {
                verdict_text(b, s, &bi->verdict[m]);
            }
            scx_buf_puts(b, "\n");
        }
        scx_buf_printf(b, "  spread [%.2f, %.2f], width %.2f (%.0f%% of the scale)\n", bi->lo,
                       bi->hi, bi->hi - bi->lo,
                       100 * (bi->hi - bi->lo) / (is->scale_max - is->scale_min));
        const sc_winset *w = &bi->winset;
        if (!nv) {
            continue;
        }
        const char *fb = w->lo_by >= 0 ? actor_id(s, w->lo_by) : "the scale's end";
        const char *cb = w->hi_by >= 0 ? actor_id(s, w->hi_by) : "the scale's end";
        if (!w->covered) {
            scx_buf_puts(b, "  win-set: not covered by the agreement\n");
        } else if (w->exists) {
            scx_buf_printf(b, "  win-set [%.1f, %.1f] (floor set by %s, ceiling by %s)\n", w->lo,
                           w->hi, fb, cb);
        } else {
            scx_buf_printf(b, "  no agreement possible: %s accepts nothing below %.1f, %s nothing "
                              "above %.1f\n",
                           fb, w->lo, cb, w->hi);
        }
    }
    if (r->note[0]) {
        scx_buf_printf(b, "\nNote: %s\n", r->note);
    }
}

static void put_json(scx_buf *b, const sc_scenario *s, const sc_state *st,
                     const sc_bargain_result *r, const char *only, int partial)
{
    scx_buf_puts(b, "{");
    if (partial) {
        scx_buf_printf(b, "\"partial\":true,\"runs_done\":%zu,\"runs_total\":%zu,", r->runs_done,
                       r->runs);
    }
    scx_buf_puts(b, "\"model\":\"bargaining\",");
    cli_state_json_buf(b, s, st);
    scx_buf_puts(b, ",\"models\":[");
    for (int m = 0; m < SC_BARGAIN_MODELS; m++) {
        scx_buf_puts(b, m ? "," : "");
        scx_json_string(b, sc_bargain_model_name((sc_bargain_model)m));
    }
    scx_buf_puts(b, "],\"veto_players\":[");
    for (size_t i = 0, k = 0; i < sc_scenario_actor_count(s); i++) {
        if (sc_scenario_is_veto_player(s, i)) {
            scx_buf_puts(b, k++ ? "," : "");
            scx_json_string(b, sc_scenario_actor(s, i)->id);
        }
    }
    scx_buf_puts(b, "],\"issues\":[");
    int first = 1;
    for (size_t j = 0; j < r->n; j++) {
        const sc_bargain_issue *bi = &r->issues[j];
        const sc_issue *is = sc_scenario_issue(s, bi->issue);
        if (only && strcmp(only, is->id) != 0) {
            continue;
        }
        scx_buf_puts(b, first ? "{\"issue\":" : ",{\"issue\":");
        first = 0;
        scx_json_string(b, is->id);
        scx_buf_puts(b, ",\"scale\":[");
        fc_json_num(b, is->scale_min);
        scx_buf_puts(b, ",");
        fc_json_num(b, is->scale_max);
        scx_buf_puts(b, "],\"forecasts\":{");
        for (int m = 0; m < SC_BARGAIN_MODELS; m++) {
            scx_buf_printf(b, "%s\"%s\":{\"forecast\":", m ? "," : "",
                           sc_bargain_model_name((sc_bargain_model)m));
            fc_json_num(b, bi->forecast[m]);
            scx_buf_puts(b, ",\"range\":[");
            fc_json_num(b, bi->range_lo[m]);
            scx_buf_puts(b, ",");
            fc_json_num(b, bi->range_hi[m]);
            scx_buf_puts(b, "],\"outcome\":");
            scx_json_string(b, bi->outcome[m]);
            if (partial) {
                /* which runs ended: a run the signal stopped is not done, never a forecast */
                scx_buf_printf(b, ",\"done\":%s", bi->done[m] ? "true" : "false");
            }
            scx_buf_puts(b, ",\"verdict\":");
            scx_json_string(b, sc_agreement_verdict_name(bi->verdict[m].verdict));
            scx_buf_puts(b, ",\"agreement\":");
            if (bi->verdict[m].verdict == SC_AGREEMENT_NOT_COVERED) {
                scx_buf_puts(b, "null");
            } else {
                scx_buf t;
                scx_buf_init(&t);
                verdict_text(&t, s, &bi->verdict[m]);
                scx_json_string(b, t.data ? t.data : "");
                scx_buf_destroy(&t);
            }
            scx_buf_puts(b, "}");
        }
        scx_buf_puts(b, "},\"spread\":[");
        fc_json_num(b, bi->lo);
        scx_buf_puts(b, ",");
        fc_json_num(b, bi->hi);
        scx_buf_puts(b, "],\"spread_width\":");
        fc_json_num(b, bi->hi - bi->lo);
        const sc_winset *w = &bi->winset;
        scx_buf_printf(b, ",\"winset\":{\"covered\":%s", w->covered ? "true" : "false");
        if (w->covered) {
            scx_buf_printf(b, ",\"exists\":%s,\"floor\":", w->exists ? "true" : "false");
            fc_json_num(b, w->lo);
            scx_buf_puts(b, ",\"floor_by\":");
            scx_json_string(b, actor_id(s, w->lo_by));
            scx_buf_puts(b, ",\"ceiling\":");
            fc_json_num(b, w->hi);
            scx_buf_puts(b, ",\"ceiling_by\":");
            scx_json_string(b, actor_id(s, w->hi_by));
        }
        scx_buf_puts(b, "}}");
    }
    scx_buf_puts(b, "],\"note\":");
    scx_json_string(b, r->note[0] ? r->note : NULL);
    scx_buf_puts(b, "}\n");
}

static void put_csv(scx_buf *b, const sc_scenario *s, const sc_bargain_result *r,
                    const char *only)
{
    scx_buf_puts(b, "issue,model,forecast,range_lo,range_hi,outcome,verdict,agreement,spread_lo,"
                    "spread_hi\n");
    for (size_t j = 0; j < r->n; j++) {
        const sc_bargain_issue *bi = &r->issues[j];
        const sc_issue *is = sc_scenario_issue(s, bi->issue);
        if (only && strcmp(only, is->id) != 0) {
            continue;
        }
        for (int m = 0; m < SC_BARGAIN_MODELS; m++) {
            fc_csv_field(b, is->id);
            scx_buf_printf(b, ",%s,", sc_bargain_model_name((sc_bargain_model)m));
            if (isnan(bi->forecast[m])) {
                scx_buf_puts(b, bi->done[m] ? ",,,not run,,," : ",,,not done,,,");
            } else {
                scx_buf_printf(b, "%.17g,%.17g,%.17g,", bi->forecast[m], bi->range_lo[m],
                               bi->range_hi[m]);
                fc_csv_field(b, bi->outcome[m]);
                scx_buf_printf(b, ",%s,", sc_agreement_verdict_name(bi->verdict[m].verdict));
                scx_buf t;
                scx_buf_init(&t);
                if (bi->verdict[m].verdict != SC_AGREEMENT_NOT_COVERED) {
                    verdict_text(&t, s, &bi->verdict[m]);
                }
                fc_csv_field(b, t.data ? t.data : "");
                scx_buf_destroy(&t);
            }
            scx_buf_printf(b, ",%.17g,%.17g\n", bi->lo, bi->hi);
        }
    }
}

int cli_forecast_bargain(const cli_parser *cp, const fc_opts *o)
{
    const char *only = o->issue, *output = cp->output;
    sc_format format = cp->format;
    sc_scenario *s = NULL;
    int rc = cli_load_state(cp->spec->name, o->input, NULL, 0, &cp->state, NULL, &s);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    sc_diag diag;
    sc_diag_init(&diag);
    sc_bargain_result *r = NULL;
    scx_buf out;
    scx_buf_init(&out);
    if (o->capidx && (rc = fc_capability_index(&s, o->capidx, &diag)) != 0) {
        goto done;
    }
    if (only && (rc = cli_check_issue("forecast", "--issue", s, only)) != SC_EXIT_OK) {
        goto done;
    }
    if (sc_scenario_issue_count(s) == 0) {
        rc = cli_usage_error("forecast", "the input has no issues to bargain over");
        goto done;
    }
    /* the model runs on --threads workers; Ctrl-C (SIGTERM) stops the runs under way (each
     * looks at the flag before each round or turn) and keeps the runs done, marked partial */
    sc_bargain_params bp;
    sc_bargain_params_init(&bp);
    bp.threads = cp->threads;
    cli_progress pr;
    cli_long_begin(&pr, "forecast", "model runs", &bp.progress, &bp.progress_ctx, &bp.cancel);
    sc_status st = sc_bargain_run(s, &bp, &r, &diag);
    cli_interrupt_end();
    cli_progress_done(&pr);
    /* a signal during the last run: every run is done, the command still stops as asked */
    int partial = cli_interrupted && r && (st == SC_OK || st == SC_ELIMIT);
    if (st != SC_OK && !partial) {
        rc = cli_fail(&diag);
        goto done;
    }
    if (partial) {
        char what[128];
        snprintf(what, sizeof what, "%zu of %zu model runs done; the forecast of those follows",
                 r->runs_done, r->runs);
        cli_interrupt_note("forecast", what);
    }
    if (format == SC_FORMAT_JSON || format == SC_FORMAT_HTML) {
        put_json(&out, s, &cp->state, r, only, partial);
    } else if (format == SC_FORMAT_CSV) {
        put_csv(&out, s, r, only);
    } else {
        put_text(&out, s, &cp->state, r, only, partial);
    }
    /* the page is a rendering of the JSON document, as for the EUM and the SMP */
    rc = format == SC_FORMAT_HTML ? cli_write_rendered(output, &out, SC_FORMAT_HTML)
                                  : cli_write_output(output, &out);
    if (partial && rc == SC_EXIT_OK) {
        rc = cli_interrupt_status();
    }
done:
    sc_bargain_result_free(r);
    sc_scenario_free(s);
    scx_buf_destroy(&out);
    return rc;
}
