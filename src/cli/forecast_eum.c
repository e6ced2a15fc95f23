/* SPDX-License-Identifier: MIT */
/* `statecraft forecast --model eum`: Bueno de Mesquita's expected-utility model. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_output.h"
#include "forecast.h"
#include "statecraft/eum.h"

/* One issue played under one variant, with its explanations. */
typedef struct played {
    const char *issue;
    sc_eum_variant variant;
    sc_eum_issue in;
    sc_eum_result *r;
    const char **ids;
    sc_eum_driver *drivers; /* r->n entries, or NULL */
} played;

static void played_free(played *p)
{
    sc_eum_issue_destroy(&p->in);
    sc_eum_result_free(p->r);
    free((void *)p->ids);
    free(p->drivers);
}

static const char *variant_label(sc_eum_variant v)
{
    return v == SC_EUM_SCHOLZ ? "scholz (Scholz et al. 2011's program: the published replication)"
                              : "printed (the equations as printed)";
}

/* The move index of the k-th most decisive move (largest |median effect|), or -1. */
static size_t decisive(const sc_eum_result *r, size_t *idx, size_t cap)
{
    size_t n = r->n, m = 0;
    for (size_t k = 0; k < (size_t)r->rounds * n; k++) {
        if (r->moves[k].kind != SC_EUM_NONE && r->moves[k].median_effect != 0) {
            /* insertion into the top `cap`, largest effect first, earliest first on ties */
            size_t at = m < cap ? m : cap;
            while (at > 0 && fabs(r->moves[idx[at - 1]].median_effect) <
                                 fabs(r->moves[k].median_effect)) {
                if (at < cap) {
                    idx[at] = idx[at - 1];
                }
                at--;
            }
            if (at < cap) {
                idx[at] = k;
                if (m < cap) {
                    m++;
                }
            }
        }
    }
    return m;
}

static void outcome_text(scx_buf *b, const sc_eum_result *r, const sc_eum_params *p)
{
    switch (r->outcome) {
    case SC_EUM_CONVERGED:
        scx_buf_printf(b, "Outcome: converged after %d rounds (no position moved by more than %g of "
                          "the scale).\n",
                       r->rounds, p->tol);
        break;
    case SC_EUM_CYCLE:
        scx_buf_printf(b, "Outcome: a cycle of period %d: round %d repeats round %d (rounds %d-%d "
                          "recur).\n",
                       r->cycle_period, r->cycle_start + r->cycle_period, r->cycle_start,
                       r->window_start, r->window_end);
        break;
    case SC_EUM_UNSETTLED:
        scx_buf_printf(b, "Outcome: unsettled after %d rounds (%s), no cycle found%s.\n", r->rounds,
                       p->stop == SC_EUM_STOP_FIXED ? "the fixed number of rounds" : "the round cap",
                       r->oscillating ? "; the weighted mean oscillates" : "");
        break;
    }
    if (p->stop == SC_EUM_STOP_FIXED) {
        scx_buf_printf(b, "Forecast: %.4f, the median voter after round %d (fixed rounds)", r->forecast,
                       r->rounds);
    } else if (r->outcome == SC_EUM_CONVERGED) {
        scx_buf_printf(b, "Forecast: %.4f, the median voter of the settled positions", r->forecast);
    } else {
        scx_buf_printf(b, "Forecast: %.4f, the mean of the median voter over %s", r->forecast,
                       r->outcome == SC_EUM_CYCLE ? "the cycle" : "the second half of the rounds");
    }
    if (r->forecast_lo != r->forecast_hi) {
        scx_buf_printf(b, ";\n  the median voter spans [%.4f, %.4f] over rounds %d-%d", r->forecast_lo,
                       r->forecast_hi, r->window_start, r->window_end);
    }
    scx_buf_printf(b, "; weighted mean %.4f", r->mean[r->rounds]);
    if (r->mean_lo != r->mean_hi) {
        scx_buf_printf(b, " (range [%.4f, %.4f])", r->mean_lo, r->mean_hi);
    }
    scx_buf_puts(b, ".\n");
}

static void text_issue(scx_buf *b, const played *pl, const sc_eum_params *p)
{
    const sc_eum_result *r = pl->r;
    size_t n = r->n;
    int R = r->rounds;
    scx_buf_printf(b, "Issue %s: %zu actors, variant %s\n\n", pl->issue, n,
                   variant_label(pl->variant));
    /* at most about 12 columns: every step-th round, and always the last */
    int step = R > 12 ? (R + 11) / 12 : 1;
    scx_buf_printf(b, "%-22s", "round");
    for (int t = 0; t <= R; t += step) {
        scx_buf_printf(b, " %8d", t);
    }
    if (R % step) {
        scx_buf_printf(b, " %8d", R);
    }
    scx_buf_puts(b, "\n");
    for (size_t i = 0; i < n + 2; i++) {
        scx_buf_printf(b, "%-22.22s", i < n ? pl->ids[i] : i == n ? "mean" : "median");
        for (int t = 0;; t += step) {
            if (t > R) {
                if (R % step == 0) {
                    break;
                }
                t = R;
            }
            double v = i < n ? r->positions[(size_t)t * n + i] : i == n ? r->mean[t] : r->median[t];
            scx_buf_printf(b, " %8.3f", v);
            if (t == R) {
                break;
            }
        }
        scx_buf_puts(b, "\n");
    }
    /* the moves: all of them for a short game, else those that moved the median voter */
    int all = R <= 12, listed = 0;
    scx_buf_printf(b, "\n%s\n", all ? "Moves:" : "Moves that changed the median voter:");
    for (int t = 0; t < R; t++) {
        int any = 0;
        for (size_t i = 0; i < n; i++) {
            const sc_eum_move *m = &r->moves[(size_t)t * n + i];
            if (m->kind == SC_EUM_NONE || (!all && m->median_effect == 0)) {
                continue;
            }
            scx_buf_printf(b, "  round %2d  %-16.16s %-13s %-16.16s %8.3f -> %8.3f  (E_ij %.4f, "
                              "E_ji %.4f)",
                           t + 1, pl->ids[i], sc_eum_move_name(m->kind),
                           pl->ids[(size_t)m->partner], m->from, m->to, m->e_ij, m->e_ji);
            if (m->median_effect != 0) {
                scx_buf_printf(b, "  median %+.3f", m->median_effect);
            }
            scx_buf_puts(b, "\n");
            any = 1;
            listed++;
        }
        if (!any && all) {
            scx_buf_printf(b, "  round %2d  nobody moves\n", t + 1);
        }
    }
    if (!all && !listed) {
        scx_buf_puts(b, "  none: the median voter never moved\n");
    }
    scx_buf_puts(b, "\n");
    outcome_text(b, r, p);
    if (pl->drivers) {
        scx_buf_puts(b, "Drivers (forecast without the actor minus with everyone):");
        int shown = 0;
        for (size_t k = 0; k < n && shown < 8; k++) {
            if (pl->drivers[k].delta != 0) {
                scx_buf_printf(b, "%s %s %+.3f", shown ? "," : "", pl->ids[pl->drivers[k].actor],
                               pl->drivers[k].delta);
                shown++;
            }
        }
        scx_buf_puts(b, shown ? "\n" : " none: leaving out any one actor changes nothing\n");
    }
    size_t idx[5];
    size_t nd = decisive(r, idx, 5);
    if (nd) {
        scx_buf_puts(b, "Decisive challenges (largest effect on the median voter):\n");
        for (size_t k = 0; k < nd; k++) {
            const sc_eum_move *m = &r->moves[idx[k]];
            size_t t = idx[k] / n, i = idx[k] % n;
            scx_buf_printf(b, "  round %zu: %s %s %s, %.3f -> %.3f, median %+.3f\n", t + 1,
                           pl->ids[i],
                           m->kind == SC_EUM_COMPROMISE     ? "compromises with"
                           : m->kind == SC_EUM_CONFRONTATION ? "gives in to the threat of"
                                                             : "capitulates to",
                           pl->ids[(size_t)m->partner], m->from, m->to, m->median_effect);
        }
    }
}

static void json_issue(scx_buf *b, const played *pl, const sc_eum_params *p)
{
    const sc_eum_result *r = pl->r;
    size_t n = r->n;
    scx_buf_puts(b, "{\"issue\":");
    scx_json_string(b, pl->issue);
    scx_buf_printf(b, ",\"variant\":\"%s\",\"rounds\":[", sc_eum_variant_name(pl->variant));
    for (int t = 0; t <= r->rounds; t++) {
        scx_buf_printf(b, "%s{\"round\":%d,\"positions\":{", t ? "," : "", t);
        for (size_t i = 0; i < n; i++) {
            scx_buf_puts(b, i ? "," : "");
            scx_json_string(b, pl->ids[i]);
            scx_buf_puts(b, ":");
            fc_json_num(b, r->positions[(size_t)t * n + i]);
        }
        scx_buf_puts(b, "},\"mean\":");
        fc_json_num(b, r->mean[t]);
        scx_buf_puts(b, ",\"median\":");
        fc_json_num(b, r->median[t]);
        if (t > 0) {
            scx_buf_puts(b, ",\"moves\":[");
            int first = 1;
            for (size_t i = 0; i < n; i++) {
                const sc_eum_move *m = &r->moves[(size_t)(t - 1) * n + i];
                if (m->kind == SC_EUM_NONE) {
                    continue;
                }
                scx_buf_puts(b, first ? "{\"actor\":" : ",{\"actor\":");
                scx_json_string(b, pl->ids[i]);
                scx_buf_printf(b, ",\"kind\":\"%s\",\"partner\":", sc_eum_move_name(m->kind));
                scx_json_string(b, pl->ids[m->partner]);
                scx_buf_printf(b, ",\"from\":%.17g,\"to\":%.17g,\"e_ij\":%.17g,\"e_ji\":%.17g,"
                                  "\"median_effect\":%.17g}",
                               m->from, m->to, m->e_ij, m->e_ji, m->median_effect);
                first = 0;
            }
            scx_buf_puts(b, "]");
        }
        scx_buf_puts(b, "}");
    }
    scx_buf_printf(b, "],\"outcome\":\"%s\",\"converged\":%s,\"rounds_played\":%d,\"cycle\":",
                   sc_eum_outcome_name(r->outcome), r->converged ? "true" : "false", r->rounds);
    if (r->cycle) {
        scx_buf_printf(b, "{\"start\":%d,\"period\":%d}", r->cycle_start, r->cycle_period);
    } else {
        scx_buf_puts(b, "null");
    }
    scx_buf_printf(b, ",\"oscillating\":%s,\"forecast\":%.17g,\"forecast_range\":[%.17g,%.17g],"
                      "\"mean_range\":[%.17g,%.17g],\"window\":[%d,%d],\"point_rule\":\"%s\"",
                   r->oscillating ? "true" : "false", r->forecast, r->forecast_lo, r->forecast_hi,
                   r->mean_lo, r->mean_hi, r->window_start, r->window_end,
                   p->stop == SC_EUM_STOP_FIXED || r->outcome == SC_EUM_CONVERGED
                       ? "median voter of the last round"
                       : "mean of the median voter over the window");
    scx_buf_puts(b, ",\"drivers\":");
    if (pl->drivers) {
        scx_buf_puts(b, "[");
        for (size_t k = 0; k < n; k++) {
            scx_buf_puts(b, k ? ",{\"actor\":" : "{\"actor\":");
            scx_json_string(b, pl->ids[pl->drivers[k].actor]);
            scx_buf_printf(b, ",\"delta\":%.17g,\"forecast\":%.17g,\"outcome\":\"%s\"}",
                           pl->drivers[k].delta, pl->drivers[k].forecast,
                           sc_eum_outcome_name(pl->drivers[k].outcome));
        }
        scx_buf_puts(b, "]");
    } else {
        scx_buf_puts(b, "null");
    }
    size_t idx[64];
    size_t nd = decisive(r, idx, 64);
    scx_buf_puts(b, ",\"decisive_moves\":[");
    for (size_t k = 0; k < nd; k++) {
        const sc_eum_move *m = &r->moves[idx[k]];
        scx_buf_printf(b, "%s{\"round\":%zu,\"actor\":", k ? "," : "", idx[k] / n + 1);
        scx_json_string(b, pl->ids[idx[k] % n]);
        scx_buf_printf(b, ",\"kind\":\"%s\",\"partner\":", sc_eum_move_name(m->kind));
        scx_json_string(b, pl->ids[m->partner]);
        scx_buf_printf(b, ",\"from\":%.17g,\"to\":%.17g,\"median_effect\":%.17g}", m->from, m->to,
                       m->median_effect);
    }
    scx_buf_puts(b, "]}");
}

static void csv_issue(scx_buf *b, const played *pl)
{
    const sc_eum_result *r = pl->r;
    size_t n = r->n;
    for (int t = 0; t <= r->rounds; t++) {
        for (size_t i = 0; i < n; i++) {
            fc_csv_field(b, pl->issue);
            scx_buf_printf(b, ",%d,", t);
            fc_csv_field(b, pl->ids[i]);
            scx_buf_printf(b, ",%.17g,", r->positions[(size_t)t * n + i]);
            const sc_eum_move *m = t ? &r->moves[(size_t)(t - 1) * n + i] : NULL;
            if (m && m->kind != SC_EUM_NONE) {
                scx_buf_printf(b, "%s,", sc_eum_move_name(m->kind));
                fc_csv_field(b, pl->ids[m->partner]);
                scx_buf_printf(b, ",%.17g", m->median_effect);
            } else {
                scx_buf_puts(b, ",,");
            }
            scx_buf_printf(b, ",%s\n", sc_eum_variant_name(pl->variant));
        }
    }
}

static void quadrant(scx_buf *b, sc_format format, const played *pl, const sc_eum_params *p,
                     size_t a)
{
    size_t n = pl->in.n;
    double *xs = malloc(n * sizeof *xs), *ys = malloc(n * sizeof *ys);
    sc_diag d;
    sc_diag_init(&d);
    if (!xs || !ys || sc_eum_quadrant(n, pl->in.c, pl->in.x, pl->in.s, p, a, xs, ys, &d) != SC_OK) {
        free(xs);
        free(ys);
        return;
    }
    const char *who = pl->ids[a];
    if (format == SC_FORMAT_JSON) {
        scx_buf_puts(b, ",\"perspective\":{\"actor\":");
        scx_json_string(b, who);
        scx_buf_puts(b, ",\"issue\":");
        scx_json_string(b, pl->issue);
        scx_buf_puts(b, ",\"round\":1,\"points\":[");
        int first = 1;
        for (size_t j = 0; j < n; j++) {
            if (j == a) {
                continue;
            }
            scx_buf_puts(b, first ? "{\"actor\":" : ",{\"actor\":");
            scx_json_string(b, pl->ids[j]);
            scx_buf_printf(b, ",\"x\":%.17g,\"y\":%.17g}", xs[j], ys[j]);
            first = 0;
        }
        scx_buf_puts(b, "]}");
    } else if (format == SC_FORMAT_TEXT) {
        scx_buf_printf(b, "\nQuadrant chart, round 1, from %s's view (x = E_%s(U_%sj), y = "
                          "E_%s(U_j%s)):\n",
                       who, who, who, who, who);
        for (size_t j = 0; j < n; j++) {
            if (j == a) {
                continue;
            }
            const char *region =
                fabs(xs[j]) < 1e-12 && fabs(ys[j]) < 1e-12 ? "same position"
                : xs[j] > 0 && ys[j] > 0 ? (ys[j] > xs[j] ? "conflict, j has the edge"
                                                          : "conflict, i has the edge")
                : xs[j] < 0 && ys[j] > 0 ? (ys[j] > -xs[j] ? "compromise" : "capitulation")
                : xs[j] > 0 && ys[j] < 0 ? "i has the edge"
                                         : "status quo";
            scx_buf_printf(b, "  %-16.16s x %+.4f  y %+.4f  %s\n", pl->ids[j], xs[j], ys[j], region);
        }
    }
    free(xs);
    free(ys);
}

/* Plays issue j under variant v: the game and, unless disabled, its leave-one-out drivers. */
/* play_issue's status when the cancel flag (Ctrl-C) stopped the run or its drivers: the issue is
 * not kept. */
#define PLAY_INTERRUPTED (-1)

static int play_issue(const sc_scenario *s, size_t j, sc_eum_params p, int drivers, played *pl)
{
    memset(pl, 0, sizeof *pl);
    sc_diag diag;
    sc_diag_init(&diag);
    pl->issue = sc_scenario_issue(s, j)->id;
    pl->variant = p.variant;
    if (sc_eum_issue_from_scenario(s, j, &pl->in, &diag) != SC_OK) {
        return cli_fail(&diag);
    }
    p.scale = pl->in.scale;
    size_t n = pl->in.n;
    pl->ids = malloc(n * sizeof *pl->ids);
    if (!pl->ids) {
        return SC_EXIT_FAILURE;
    }
    for (size_t k = 0; k < n; k++) {
        pl->ids[k] = sc_scenario_actor(s, pl->in.actor[k])->id;
    }
    sc_status st = sc_eum_run(n, pl->in.c, pl->in.x, pl->in.s, &p, &pl->r, &diag);
    if (st == SC_OK && drivers && n >= 3) {
        pl->drivers = malloc(n * sizeof *pl->drivers);
        if (!pl->drivers) {
            return SC_EXIT_FAILURE;
        }
        st = sc_eum_drivers(n, pl->in.c, pl->in.x, pl->in.s, &p, pl->r->forecast, pl->drivers,
                            &diag);
    }
    if (st == SC_ELIMIT && cli_interrupted) {
        return PLAY_INTERRUPTED;
    }
    return st == SC_OK ? SC_EXIT_OK : cli_fail(&diag);
}

int cli_forecast_eum(const cli_parser *cp, const fc_opts *o)
{
    sc_eum_params p;
    sc_eum_params_init(&p);
    sc_format format = cp->format;
    const char *output = cp->output, *perspective = o->perspective, *only = o->issue;
    int both = o->eum_both, rc;
    /* the page is a rendering of the JSON document */
    int html = format == SC_FORMAT_HTML;
    format = html ? SC_FORMAT_JSON : format;
    sc_scenario *s = NULL;
    rc = fc_load(o->input, &cp->state, &s);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    sc_diag diag;
    sc_diag_init(&diag);
    scx_buf out;
    scx_buf_init(&out);
    played *pls = NULL;
    size_t npl = 0, total = 0;
    int interrupted = 0;
    cli_progress pr;
    cli_progress_init(&pr, "forecast", "issue runs");
    if (o->capidx && (rc = fc_capability_index(&s, o->capidx, &diag)) != 0) {
        goto done;
    }
    /* the scenario's eum: section, then the command line on top */
    if (sc_eum_params_from_scenario(s, &p, &diag) != SC_OK) {
        rc = cli_fail(&diag);
        goto done;
    }
    p.variant = o->eum_variant;
    if (o->fixed) {
        p.stop = SC_EUM_STOP_FIXED;
        p.rounds = o->rounds;
    }
    if (o->set_max) {
        p.max_rounds = o->max_rounds;
    }
    if (o->set_tol) {
        p.tol = o->tol;
    }
    if (o->set_q) {
        p.q = o->q;
    }
    if (o->set_t) {
        p.t = o->t;
    }
    p.threads = cp->threads;
    if (!(p.q >= 0 && p.q <= 1) || !(p.t >= 0 && p.t <= 1)) {
        rc = cli_parser_error(cp, "--q and --t must be in [0, 1] (the scenario's eum: section "
                                  "gives q %g, t %g)",
                              p.q, p.t);
        goto done;
    }
    size_t ni = sc_scenario_issue_count(s);
    if (only && (rc = cli_check_issue("forecast", "--issue", s, only)) != SC_EXIT_OK) {
        goto done;
    }
    /* an actor the input does not have: did-you-mean before any game is played */
    if (perspective && (rc = cli_check_actor("forecast", "--perspective", s, perspective)) !=
                           SC_EXIT_OK) {
        goto done;
    }
    pls = calloc((ni ? ni : 1) * 2, sizeof *pls);
    if (!pls) {
        rc = SC_EXIT_FAILURE;
        goto done;
    }
    for (size_t j = 0; j < ni; j++) {
        total += !only || strcmp(only, sc_scenario_issue(s, j)->id) == 0 ? (both ? 2 : 1) : 0;
    }
    /* Ctrl-C (SIGTERM): the issues played so far, marked partial; the run or the drivers under
     * way stop at their next round, and that issue is left out */
    p.cancel = &cli_interrupted;
    cli_interrupt_begin();
    for (size_t j = 0; j < ni && !interrupted; j++) {
        if (only && strcmp(only, sc_scenario_issue(s, j)->id) != 0) {
            continue;
        }
        for (int k = 0; k < (both ? 2 : 1); k++) {
            if (cli_interrupted) {
                interrupted = 1;
                break;
            }
            sc_eum_params pv = p;
            if (both) {
                pv.variant = (sc_eum_variant)k;
            }
            rc = play_issue(s, j, pv, o->drivers, &pls[npl]);
            if (rc == PLAY_INTERRUPTED) {
                played_free(&pls[npl]);
                rc = SC_EXIT_OK;
                interrupted = 1;
                break;
            }
            npl++;
            if (rc != SC_EXIT_OK) {
                cli_interrupt_end();
                cli_progress_done(&pr);
                goto done;
            }
            cli_progress_cb(npl, total, &pr);
        }
    }
    cli_progress_done(&pr);
    cli_interrupt_end();
    interrupted |= cli_interrupted != 0; /* a signal during the last run: still interrupted */
    if (interrupted) {
        char what[128];
        snprintf(what, sizeof what, "%zu of %zu issue runs done; they follow", npl, total);
        cli_interrupt_note("forecast", what);
    }
    /* the quadrant chart of the first issue where the perspective actor takes part */
    const played *persp = NULL;
    size_t pa = 0;
    for (size_t k = 0; perspective && !persp && k < npl; k++) {
        for (size_t i = 0; i < pls[k].in.n; i++) {
            if (strcmp(pls[k].ids[i], perspective) == 0) {
                persp = &pls[k];
                pa = i;
                break;
            }
        }
    }
    if (perspective && !persp && !interrupted) {
        rc = cli_usage_error("forecast", "--perspective: no actor '%s' with a stance in the input",
                             perspective);
        goto done;
    }
    if (format == SC_FORMAT_JSON) {
        scx_buf_puts(&out, "{");
        if (interrupted) {
            scx_buf_printf(&out, "\"partial\":true,\"runs_done\":%zu,\"runs_total\":%zu,", npl,
                           total);
        }
        scx_buf_printf(&out, "\"model\":\"eum\",\"variant\":\"%s\",",
                       both ? "both" : sc_eum_variant_name(p.variant));
        cli_state_json_buf(&out, s, &cp->state);
        scx_buf_printf(&out, ",\"settings\":{\"stop\":\"%s\",\"max_rounds\":%d,\"rounds\":%d,"
                             "\"tol\":%.17g,\"q\":%.17g,\"t\":%.17g},\"issues\":[",
                       p.stop == SC_EUM_STOP_FIXED ? "fixed" : "converge", p.max_rounds,
                       p.stop == SC_EUM_STOP_FIXED ? p.rounds : -1, p.tol, p.q, p.t);
        for (size_t k = 0; k < npl; k++) {
            scx_buf_puts(&out, k ? "," : "");
            json_issue(&out, &pls[k], &p);
        }
        scx_buf_puts(&out, "]");
        if (persp) {
            quadrant(&out, format, persp, &p, pa);
        }
        scx_buf_puts(&out, "}\n");
    } else if (format == SC_FORMAT_CSV) {
        scx_buf_puts(&out, "issue,round,actor,position,move,partner,median_effect,variant\n");
        for (size_t k = 0; k < npl; k++) {
            csv_issue(&out, &pls[k]);
        }
    } else {
        if (interrupted) {
            scx_buf_printf(&out, "PARTIAL RESULTS: interrupted after %zu of %zu issue runs; the "
                                 "issues below are those played\n",
                           npl, total);
        }
        cli_state_text_buf(&out, s, &cp->state);
        scx_buf_puts(&out, "\n");
        for (size_t k = 0; k < npl; k++) {
            scx_buf_puts(&out, k ? "\n" : "");
            text_issue(&out, &pls[k], &p);
            if (persp == &pls[k]) {
                quadrant(&out, format, persp, &p, pa);
            }
        }
    }
    rc = html ? cli_write_rendered(output, &out, SC_FORMAT_HTML) : cli_write_output(output, &out);
    if (interrupted && rc == SC_EXIT_OK) {
        rc = cli_interrupt_status();
    }
done:
    for (size_t k = 0; k < npl; k++) {
        played_free(&pls[k]);
    }
    free(pls);
    scx_buf_destroy(&out);
    sc_scenario_free(s);
    return rc;
}
