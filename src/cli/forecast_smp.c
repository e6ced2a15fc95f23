/* SPDX-License-Identifier: MIT */
/* `statecraft forecast --model smp`: KTAB's Spatial Model of Politics. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_output.h"
#include "forecast.h"
#include "statecraft/smp.h"

typedef struct view {
    sc_smp_input *in;
    double *lo, *hi;   /* display scale of each dimension */
    double *delta;     /* n*m leave-one-out drivers on [0, 1], or NULL */
    sc_smp_coalition *coal; /* m carrying coalitions */
} view;

static double shown(const view *v, size_t k, double x)
{
    return v->lo[k] + x * (v->hi[k] - v->lo[k]);
}

static double span(const view *v, size_t k)
{
    return v->hi[k] - v->lo[k];
}

/* capability x salience (on dimension k) weighted mean of dimension k at turn t */
static double wmean(const view *v, const sc_smp_result *r, size_t t, size_t k)
{
    const sc_smp_input *in = v->in;
    double num = 0, den = 0;
    for (size_t i = 0; i < in->n; i++) {
        double w = in->cap[i] * in->sal[i * in->m + k];
        num += w * shown(v, k, r->pos[(t * in->n + i) * in->m + k]);
        den += w;
    }
    return num / den;
}

/* The drivers of dimension k, largest |delta| first (ties by actor): fills idx[0..n). */
static void driver_order(const view *v, size_t k, size_t *idx)
{
    size_t n = v->in->n, m = v->in->m;
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
    }
    for (size_t i = 1; i < n; i++) { /* insertion sort: n is small */
        for (size_t q = i; q > 0; q--) {
            double a = fabs(v->delta[idx[q - 1] * m + k]), b = fabs(v->delta[idx[q] * m + k]);
            if (a >= b) {
                break;
            }
            size_t t = idx[q];
            idx[q] = idx[q - 1];
            idx[q - 1] = t;
        }
    }
}

static void outcome_text(scx_buf *b, const sc_smp_result *r, const sc_smp_params *p)
{
    switch (r->outcome) {
    case SC_SMP_CONVERGED:
        scx_buf_printf(b, "Outcome: converged after %d turns (no position moved by more than %g of "
                          "the scale).\n",
                       r->turns, p->tol);
        break;
    case SC_SMP_CYCLE:
        scx_buf_printf(b, "Outcome: a cycle of period %d: turn %d repeats turn %d.\n",
                       r->cycle_period, r->cycle_start + r->cycle_period, r->cycle_start);
        break;
    case SC_SMP_UNSETTLED:
        scx_buf_printf(b, "Outcome: unsettled after %d turns (the turn cap).\n", r->turns);
        break;
    case SC_SMP_CONSENSUS:
        scx_buf_printf(b, "Outcome: consensus after %d turns: every actor at one position.\n",
                       r->turns);
        break;
    case SC_SMP_KTAB_STOP:
        scx_buf_printf(b, "Outcome: stopped by KTAB's rule after %d turns (change ratio %.4f "
                          "below %g).\n",
                       r->turns, r->last_ratio, p->min_delta_ratio);
        break;
    }
}

static void report_text(scx_buf *b, const view *v, const sc_smp_result *r,
                        const sc_smp_params *p)
{
    const sc_smp_input *in = v->in;
    size_t n = in->n, m = in->m, T = (size_t)r->turns;
    scx_buf_printf(b, "KTAB Spatial Model of Politics: %s\n%zu actors, %zu dimensions, %d turns "
                      "(turn 0 = input)\n",
                   in->name, n, m, r->turns);
    size_t step = T > 12 ? (T + 11) / 12 : 1;
    for (size_t k = 0; k < m; k++) {
        scx_buf_printf(b, "\nDimension %s [%g, %g]\n%-14s", in->dim[k][0] ? in->dim[k] : "(unnamed)",
                       v->lo[k], v->hi[k], "turn");
        for (size_t t = 0; t <= T; t += step) {
            scx_buf_printf(b, " %6zu", t);
        }
        if (T % step) {
            scx_buf_printf(b, " %6zu", T);
        }
        scx_buf_puts(b, "\n");
        for (size_t i = 0; i < n + 1; i++) {
            scx_buf_printf(b, "%-14.14s", i < n ? in->actor[i] : "weighted mean");
            for (size_t t = 0;; t += step) {
                if (t > T) {
                    if (T % step == 0) {
                        break;
                    }
                    t = T;
                }
                scx_buf_printf(b, " %6.2f", i < n ? shown(v, k, r->pos[(t * n + i) * m + k])
                                                  : wmean(v, r, t, k));
                if (t == T) {
                    break;
                }
            }
            scx_buf_puts(b, "\n");
        }
    }
    scx_buf_puts(b, "\nBargains adopted (actor <- partner), by turn:\n");
    for (size_t t = 0; t < T; t++) {
        scx_buf_printf(b, "  turn %2zu:", t + 1);
        int any = 0;
        for (size_t i = 0; i < n; i++) {
            int pnr = r->chosen_partner[t * n + i];
            if (pnr >= 0) {
                scx_buf_printf(b, " %s<-%s", in->actor[i], in->actor[pnr]);
                any = 1;
            }
        }
        scx_buf_puts(b, any ? "\n" : " nobody moves\n");
    }
    scx_buf_puts(b, "\nFinal positions:\n");
    for (size_t i = 0; i < n; i++) {
        scx_buf_printf(b, "  %-16.16s", in->actor[i]);
        for (size_t k = 0; k < m; k++) {
            scx_buf_printf(b, " %8.2f", shown(v, k, r->pos[(T * n + i) * m + k]));
        }
        scx_buf_printf(b, "   P(win) %.4f\n", r->win[T * n + i]);
    }
    fc_pwin_text(b, in, r);
    scx_buf_puts(b, "\n");
    outcome_text(b, r, p);
    scx_buf_printf(b, "Forecast per dimension (the capability x salience weighted mean of %s):\n",
                   r->window_start == r->window_end ? "the final positions"
                                                    : "the positions, averaged over the window");
    size_t *idx = malloc(n * sizeof *idx);
    for (size_t k = 0; k < m; k++) {
        scx_buf_printf(b, "  %-14.14s %8.2f", in->dim[k], shown(v, k, r->forecast[k]));
        if (r->forecast_lo[k] != r->forecast_hi[k]) {
            scx_buf_printf(b, "  (turns %d-%d span [%.2f, %.2f])", r->window_start, r->window_end,
                           shown(v, k, r->forecast_lo[k]), shown(v, k, r->forecast_hi[k]));
        }
        const sc_smp_coalition *c = &v->coal[k];
        scx_buf_printf(b, "\n    carried by");
        for (size_t q = 0; q < c->count; q++) {
            scx_buf_printf(b, "%s %s", q ? "," : "", in->actor[c->members[q]]);
        }
        scx_buf_printf(b, " at %.2f (%.0f%% of the weight)\n", shown(v, k, c->position),
                       100 * c->share);
        if (v->delta && idx) {
            driver_order(v, k, idx);
            scx_buf_puts(b, "    drivers (without the actor minus with everyone):");
            int shown_any = 0;
            for (size_t q = 0; q < n && q < 5; q++) {
                double d = v->delta[idx[q] * m + k] * span(v, k);
                if (d != 0) {
                    scx_buf_printf(b, "%s %s %+.2f", shown_any ? "," : "", in->actor[idx[q]], d);
                    shown_any = 1;
                }
            }
            scx_buf_puts(b, shown_any ? "\n" : " none\n");
        }
    }
    free(idx);
    if (r->note[0]) {
        scx_buf_printf(b, "Note: %s\n", r->note);
    }
}

static void report_json(scx_buf *b, const view *v, const sc_smp_result *r, const char *opts,
                        const sc_smp_params *p, const sc_scenario *s, const sc_state *st,
                        int partial)
{
    const sc_smp_input *in = v->in;
    size_t n = in->n, m = in->m, T = (size_t)r->turns;
    if (partial) {
        scx_buf_puts(b, "{\"partial\":true,\"drivers_done\":false,");
    } else {
        scx_buf_puts(b, "{");
    }
    scx_buf_printf(b, "\"model\":\"smp\",\"options\":\"%s\",\"stop\":\"%s\",\"turns\":%d,", opts,
                   p->stop == SC_SMP_STOP_KTAB ? "ktab" : "converge", r->turns);
    if (s) {
        cli_state_json_buf(b, s, st);
    } else {
        scx_buf_puts(b, "\"state\":null");
    }
    scx_buf_printf(b, ",\"outcome\":\"%s\",\"cycle\":", sc_smp_outcome_name(r->outcome));
    if (r->outcome == SC_SMP_CYCLE) {
        scx_buf_printf(b, "{\"start\":%d,\"period\":%d}", r->cycle_start, r->cycle_period);
    } else {
        scx_buf_puts(b, "null");
    }
    scx_buf_printf(b, ",\"window\":[%d,%d],\"scenario\":", r->window_start, r->window_end);
    scx_json_string(b, in->name);
    scx_buf_puts(b, ",\"issues\":[");
    size_t *idx = malloc(n * sizeof *idx);
    for (size_t k = 0; k < m; k++) {
        scx_buf_puts(b, k ? ",{\"issue\":" : "{\"issue\":");
        scx_json_string(b, in->dim[k]);
        scx_buf_printf(b, ",\"scale\":[%.17g,%.17g],\"rounds\":[", v->lo[k], v->hi[k]);
        for (size_t t = 0; t <= T; t++) {
            scx_buf_printf(b, "%s{\"round\":%zu,\"positions\":{", t ? "," : "", t);
            for (size_t i = 0; i < n; i++) {
                scx_buf_puts(b, i ? "," : "");
                scx_json_string(b, in->actor[i]);
                scx_buf_printf(b, ":%.17g", shown(v, k, r->pos[(t * n + i) * m + k]));
            }
            scx_buf_printf(b, "},\"mean\":%.17g,\"win_prob\":{", wmean(v, r, t, k));
            for (size_t i = 0; i < n; i++) {
                scx_buf_puts(b, i ? "," : "");
                scx_json_string(b, in->actor[i]);
                scx_buf_printf(b, ":%.17g", r->win[t * n + i]);
            }
            scx_buf_puts(b, "}}");
        }
        scx_buf_printf(b, "],\"forecast_mean\":%.17g,\"forecast_range\":[%.17g,%.17g]",
                       shown(v, k, r->forecast[k]), shown(v, k, r->forecast_lo[k]),
                       shown(v, k, r->forecast_hi[k]));
        const sc_smp_coalition *c = &v->coal[k];
        scx_buf_printf(b, ",\"coalition\":{\"position\":%.17g,\"share\":%.17g,\"members\":[",
                       shown(v, k, c->position), c->share);
        for (size_t q = 0; q < c->count; q++) {
            scx_buf_puts(b, q ? "," : "");
            scx_json_string(b, in->actor[c->members[q]]);
        }
        scx_buf_puts(b, "]},\"drivers\":");
        if (v->delta && idx) {
            driver_order(v, k, idx);
            scx_buf_puts(b, "[");
            for (size_t q = 0; q < n; q++) {
                scx_buf_puts(b, q ? ",{\"actor\":" : "{\"actor\":");
                scx_json_string(b, in->actor[idx[q]]);
                scx_buf_printf(b, ",\"delta\":%.17g}", v->delta[idx[q] * m + k] * span(v, k));
            }
            scx_buf_puts(b, "]");
        } else {
            scx_buf_puts(b, "null");
        }
        scx_buf_puts(b, "}");
    }
    free(idx);
    scx_buf_puts(b, "],\"bargains\":[");
    for (size_t t = 0; t < T; t++) {
        scx_buf_printf(b, "%s{\"turn\":%zu,\"adopted\":{", t ? "," : "", t + 1);
        int first = 1;
        for (size_t i = 0; i < n; i++) {
            int pnr = r->chosen_partner[t * n + i];
            if (pnr >= 0) {
                scx_buf_puts(b, first ? "" : ",");
                scx_json_string(b, in->actor[i]);
                scx_buf_puts(b, ":");
                scx_json_string(b, in->actor[pnr]);
                first = 0;
            }
        }
        scx_buf_puts(b, "}}");
    }
    scx_buf_puts(b, "],\"win_prob_shared\":");
    fc_pwin_json(b, in, r);
    scx_buf_printf(b, ",\"consensus\":%s,\"note\":", r->consensus ? "true" : "false");
    scx_json_string(b, r->note);
    scx_buf_puts(b, "}\n");
}

static void report_csv(scx_buf *b, const view *v, const sc_smp_result *r)
{
    const sc_smp_input *in = v->in;
    size_t n = in->n, m = in->m;
    scx_buf_puts(b, "turn,actor,actor_name,dim,dim_name,position\n");
    for (size_t t = 0; t <= (size_t)r->turns; t++) {
        for (size_t i = 0; i < n; i++) {
            for (size_t k = 0; k < m; k++) {
                scx_buf_printf(b, "%zu,%zu,", t, i);
                fc_csv_field(b, in->actor[i]);
                scx_buf_printf(b, ",%zu,", k);
                fc_csv_field(b, in->dim[k]);
                scx_buf_printf(b, ",%.6f\n", shown(v, k, r->pos[(t * n + i) * m + k]));
            }
        }
    }
}

int cli_forecast_smp(const cli_parser *cp, const fc_opts *o)
{
    sc_smp_params p;
    sc_smp_params_init(&p);
    sc_format format = cp->format;
    const char *output = cp->output, *stop = o->stop;
    char options_used[512] = "defaults";
    int drivers = o->drivers, rc;
    int sqlite = cp->format_name && strcmp(cp->format_name, "sqlite") == 0;
    sc_diag diag;
    sc_diag_init(&diag);
    for (size_t q = 0; q < o->n_options; q++) {
        const char *opt = o->options[q];
        char name[64];
        const char *eq = strchr(opt, '=');
        if (!eq || (size_t)(eq - opt) >= sizeof name) {
            return cli_parser_error(cp, "--option expects NAME=VALUE, got '%s'", opt);
        }
        memcpy(name, opt, (size_t)(eq - opt));
        name[eq - opt] = '\0';
        if (sc_smp_params_set(&p, name, eq + 1, &diag) != SC_OK) {
            return cli_parser_error(cp, "--option: %s", diag.message);
        }
        if (strcmp(options_used, "defaults") == 0) {
            options_used[0] = '\0';
        }
        strncat(options_used, options_used[0] ? ";" : "",
                sizeof options_used - strlen(options_used) - 1);
        strncat(options_used, opt, sizeof options_used - strlen(options_used) - 1);
    }
    if (cp->seed_given) {
        p.seed = cp->seed;
    }
    if (sqlite && !output) {
        return cli_parser_error(cp, "--format sqlite writes a database file: name it with -o FILE "
                                    "(a database never goes to standard output)");
    }
    /* the page is a rendering of the JSON document */
    int html = format == SC_FORMAT_HTML;
    format = html ? SC_FORMAT_JSON : format;
    const char *path = o->input;
    view v = {NULL, NULL, NULL, NULL, NULL};
    sc_scenario *s = NULL;
    sc_smp_result *r = NULL;
    scx_buf out;
    scx_buf_init(&out);
    fc_input input;
    rc = fc_input_read(path, &input);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    if (input.kind == SC_FILE_KTAB_XML) {
        /* statecraft reads KTAB's CSV: the scenario reader's located refusal names the
         * converter, scripts/ktab-xml-to-csv (docs/ktab.md) */
        sc_file_kind real = sc_file_kind_of(input.text, input.len);
        sc_scenario *none = NULL;
        if (real == SC_FILE_KTAB_XML) {
            sc_scenario_read(input.text, input.len, path, &none, &diag);
        }
        fc_input_destroy(&input);
        sc_scenario_free(none);
        if (real != SC_FILE_KTAB_XML) {
            return cli_usage_error("forecast", "--xml %s: the file is no XML (it reads as %s)",
                                   path, sc_file_kind_name(real));
        }
        return cli_fail(&diag);
    }
    if (input.kind == SC_FILE_KTAB_CSV) {
        sc_status st = sc_smp_read_ktab_csv(input.text, input.len,
                                            strcmp(path, "-") == 0 ? "<stdin>" : path, &v.in,
                                            &diag);
        fc_input_destroy(&input);
        if (st != SC_OK) {
            return cli_fail(&diag);
        }
        if (cp->state.variant) {
            sc_smp_input_free(v.in);
            return cli_usage_error("forecast", "--variant needs a statecraft scenario; a KTAB CSV "
                                               "file has no variants");
        }
        p.stop = SC_SMP_STOP_KTAB; /* KTAB's files, KTAB's rule, unless --stop says otherwise */
    } else {
        rc = fc_load_input(&input, &cp->state, &s);
        fc_input_destroy(&input);
        if (rc != SC_EXIT_OK) {
            return rc;
        }
        if (sc_smp_params_from_scenario(s, &p, &diag) != SC_OK ||
            sc_smp_input_from_scenario(s, &v.in, &diag) != SC_OK) {
            sc_scenario_free(s);
            return cli_fail(&diag);
        }
    }
    if (stop) {
        p.stop = strcmp(stop, "ktab") == 0 ? SC_SMP_STOP_KTAB : SC_SMP_STOP_CONVERGE;
    }
    if (o->set_turns) {
        p.max_turns = o->max_turns;
    }
    if (o->set_tol) {
        p.tol = o->tol;
    }
    p.threads = cp->threads;
    size_t n = v.in->n, m = v.in->m;
    v.lo = malloc(m * sizeof *v.lo);
    v.hi = malloc(m * sizeof *v.hi);
    v.coal = calloc(m, sizeof *v.coal);
    if (!v.lo || !v.hi || !v.coal) {
        rc = SC_EXIT_FAILURE;
        goto done;
    }
    for (size_t k = 0; k < m; k++) {
        long j = s ? sc_scenario_issue_index(s, v.in->dim[k]) : -1;
        v.lo[k] = j >= 0 ? sc_scenario_issue(s, (size_t)j)->scale_min : 0;
        v.hi[k] = j >= 0 ? sc_scenario_issue(s, (size_t)j)->scale_max : 100;
    }
    /* Ctrl-C (SIGTERM) stops the run within its turn (the SMP looks at the flag before each
     * actor's challenges and election): nothing to print then; during the drivers, the run is
     * printed without them, marked partial */
    p.cancel = &cli_interrupted;
    cli_interrupt_begin();
    sc_status st = sc_smp_run(v.in, &p, &r, &diag);
    if (st != SC_OK) {
        cli_interrupt_end();
        if (st == SC_ELIMIT && cli_interrupted) {
            char what[sizeof diag.message + 32];
            snprintf(what, sizeof what, "%s; no forecast to print", diag.message);
            cli_interrupt_note("forecast", what);
            rc = cli_interrupt_status();
        } else {
            rc = cli_fail(&diag);
        }
        goto done;
    }
    for (size_t k = 0; k < m; k++) {
        /* positions within half a point of a 0-100 scale of a neighbour count as one */
        if (sc_smp_coalition_of(v.in, r, k, 0.005, &v.coal[k], &diag) != SC_OK) {
            cli_interrupt_end(); /* the signals' default actions back, as on every other path */
            rc = cli_fail(&diag);
            goto done;
        }
    }
    if (sqlite) {
        cli_interrupt_end();
        if (cli_interrupted) {
            /* never a partial database: the file is not written */
            cli_interrupt_note("forecast", "the database was not written");
            rc = cli_interrupt_status();
        } else {
            rc = fc_write_sqlite(output, v.in, &p, r);
        }
        goto done;
    }
    int partial = cli_interrupted != 0;
    if (!partial && drivers && n >= 3 && format != SC_FORMAT_CSV) {
        v.delta = malloc(n * m * sizeof *v.delta);
        st = v.delta ? sc_smp_drivers(v.in, &p, r->forecast, v.delta, &diag) : SC_ENOMEM;
        if (st == SC_ELIMIT && cli_interrupted) {
            free(v.delta); /* stopped part way: the run is printed without them */
            v.delta = NULL;
        } else if (st != SC_OK) {
            cli_interrupt_end();
            rc = v.delta ? cli_fail(&diag) : SC_EXIT_FAILURE;
            goto done;
        }
    }
    cli_interrupt_end();
    partial = cli_interrupted != 0; /* a signal during the drivers: still interrupted */
    if (partial) {
        cli_interrupt_note("forecast", v.delta ? "the run and its drivers follow"
                                               : "the run follows, without its drivers");
    }
    if (format == SC_FORMAT_JSON) {
        report_json(&out, &v, r, options_used, &p, s, &cp->state, partial);
    } else if (format == SC_FORMAT_CSV) {
        report_csv(&out, &v, r);
    } else {
        if (partial) {
            scx_buf_puts(&out, "PARTIAL RESULTS: interrupted; the drivers were not computed\n");
        }
        if (s) {
            cli_state_text_buf(&out, s, &cp->state);
        }
        report_text(&out, &v, r, &p);
    }
    rc = html ? cli_write_rendered(output, &out, SC_FORMAT_HTML) : cli_write_output(output, &out);
    if (partial && rc == SC_EXIT_OK) {
        rc = cli_interrupt_status();
    }
done:
    scx_buf_destroy(&out);
    sc_smp_result_free(r);
    for (size_t k = 0; v.coal && k < m; k++) {
        sc_smp_coalition_destroy(&v.coal[k]);
    }
    free(v.coal);
    free(v.delta);
    free(v.lo);
    free(v.hi);
    sc_smp_input_free(v.in);
    sc_scenario_free(s);
    return rc;
}
