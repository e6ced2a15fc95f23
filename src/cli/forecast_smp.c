/* SPDX-License-Identifier: MIT */
/* `statecraft forecast --model smp`: KTAB's Spatial Model of Politics. */
#define _GNU_SOURCE
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "forecast.h"
#include "statecraft/smp.h"

static const char usage[] =
    "usage: statecraft forecast --model smp [--option NAME=VALUE]... [--stop converge|ktab]\n"
    "                           [--tol T] [--max-turns N] [--seed S] [--no-drivers]\n"
    "                           [--threads N] [STATE] [--format text|json|csv|html|sqlite]\n"
    "                           [-o OUT] [INPUT]\n"
    "\n"
    "KTAB's Spatial Model of Politics on INPUT: a KTAB CSV scenario, or a statecraft scenario\n"
    "(all issues at once, as dimensions); without INPUT, the built-in scenario; '-' reads\n"
    "standard input. INPUT is judged by its content, never by its name.\n"
    "KTAB's smpc flags work too (docs/ktab.md): --csv FILE, --connstr \"Driver=QSQLITE;\n"
    "Database=NAME\" (writes NAME.db, as --format sqlite -o NAME.db), --logmin, --seed N.\n"
    "KTAB's defaults unless changed with --option (repeatable), e.g.\n"
    "  --option VictoryProbModel=Square   Linear|Square|Quartic|Octic|Binary\n"
    "  --option PCEModel=MarkovUniform    Conditional|MarkovIncentive|MarkovUniform\n"
    "  --option StateTransitions=Stochastic   Deterministic|Stochastic (reproducible by --seed)\n"
    "  --option VotingRule=Cubic          Prop|Binary|PropBin|PropCbc|Cubic|ASymProsp\n"
    "  --option BigRAdjust=Half           OneThird|None|Half|TwoThirds|Full\n"
    "  --option BigRRange=Max             Mid|Min|Max\n"
    "  --option ThirdPartyCommit=NoCommit SemiCommit|NoCommit|FullCommit\n"
    "  --option InterVecBrgn=S1P1         S2P2|S1P1|S2PMax\n"
    "  --option BargnModel=PWCompInterp   InitOnlyInterp|InitRcvrInterp|PWCompInterp\n"
    "  --stop converge    until no position moves by more than --tol or the positions repeat (a\n"
    "                     cycle), at most --max-turns: the default for scenarios\n"
    "  --stop ktab        KTAB's change-ratio rule: the default for KTAB CSV files, whose\n"
    "                     --format csv then equals KTAB's positions file\n"
    "  --tol T            a move of at most T of the scale is no move (default 1e-4)\n"
    "  --max-turns N      at most N turns (default 100)\n"
    "  --no-drivers       skip the leave-one-out drivers\n"
    "  --threads N        workers for the drivers (default: one per core; same results)\n" FC_STATE_USAGE
    "  --format text|json|csv|html, -o OUT  (html: one page with the trajectories)\n"
    "  --format sqlite -o FILE.db  the tables KTAB's smpc writes with --logmin\n";

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
                        const sc_smp_params *p, const sc_scenario *s, const fc_state *st)
{
    const sc_smp_input *in = v->in;
    size_t n = in->n, m = in->m, T = (size_t)r->turns;
    scx_buf_printf(b, "{\"model\":\"smp\",\"options\":\"%s\",\"stop\":\"%s\",\"turns\":%d,", opts,
                   p->stop == SC_SMP_STOP_KTAB ? "ktab" : "converge", r->turns);
    if (s) {
        fc_state_json(b, s, st);
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
    fc_json_str(b, in->name);
    scx_buf_puts(b, ",\"issues\":[");
    size_t *idx = malloc(n * sizeof *idx);
    for (size_t k = 0; k < m; k++) {
        scx_buf_puts(b, k ? ",{\"issue\":" : "{\"issue\":");
        fc_json_str(b, in->dim[k]);
        scx_buf_printf(b, ",\"scale\":[%.17g,%.17g],\"rounds\":[", v->lo[k], v->hi[k]);
        for (size_t t = 0; t <= T; t++) {
            scx_buf_printf(b, "%s{\"round\":%zu,\"positions\":{", t ? "," : "", t);
            for (size_t i = 0; i < n; i++) {
                scx_buf_puts(b, i ? "," : "");
                fc_json_str(b, in->actor[i]);
                scx_buf_printf(b, ":%.17g", shown(v, k, r->pos[(t * n + i) * m + k]));
            }
            scx_buf_printf(b, "},\"mean\":%.17g,\"win_prob\":{", wmean(v, r, t, k));
            for (size_t i = 0; i < n; i++) {
                scx_buf_puts(b, i ? "," : "");
                fc_json_str(b, in->actor[i]);
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
            fc_json_str(b, in->actor[c->members[q]]);
        }
        scx_buf_puts(b, "]},\"drivers\":");
        if (v->delta && idx) {
            driver_order(v, k, idx);
            scx_buf_puts(b, "[");
            for (size_t q = 0; q < n; q++) {
                scx_buf_puts(b, q ? ",{\"actor\":" : "{\"actor\":");
                fc_json_str(b, in->actor[idx[q]]);
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
                fc_json_str(b, in->actor[i]);
                scx_buf_puts(b, ":");
                fc_json_str(b, in->actor[pnr]);
                first = 0;
            }
        }
        scx_buf_puts(b, "}}");
    }
    scx_buf_puts(b, "],\"win_prob_shared\":");
    fc_pwin_json(b, in, r);
    scx_buf_printf(b, ",\"consensus\":%s,\"note\":", r->consensus ? "true" : "false");
    fc_json_str(b, r->note);
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

int cli_forecast_smp(int argc, char **argv)
{
    enum { O_MODEL = 1, O_OPTION, O_TURNS, O_SEED, O_STOP, O_TOL, O_NODRV, O_THREADS, O_FORMAT };
    static const struct option longopts[] = {{"model", required_argument, NULL, O_MODEL},
                                             {"option", required_argument, NULL, O_OPTION},
                                             {"max-turns", required_argument, NULL, O_TURNS},
                                             {"seed", required_argument, NULL, O_SEED},
                                             {"stop", required_argument, NULL, O_STOP},
                                             {"tol", required_argument, NULL, O_TOL},
                                             {"no-drivers", no_argument, NULL, O_NODRV},
                                             {"threads", required_argument, NULL, O_THREADS},
                                             {"format", required_argument, NULL, O_FORMAT},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             FC_STATE_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    sc_smp_params p;
    sc_smp_params_init(&p);
    sc_format format = SC_FORMAT_TEXT;
    const char *output = NULL, *stop = NULL;
    char options_used[512] = "defaults";
    fc_state state;
    fc_state_init(&state);
    uint64_t turns = 0, threads = 0;
    double tol = 0;
    int set_turns = 0, set_tol = 0, drivers = 1, sqlite = 0, c, rc;
    sc_diag diag;
    sc_diag_init(&diag);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        rc = SC_EXIT_OK;
        if (fc_state_option(&state, c, optarg)) {
            continue;
        }
        switch (c) {
        case O_MODEL: break;
        case O_OPTION: {
            char name[64];
            const char *eq = strchr(optarg, '=');
            if (!eq || (size_t)(eq - optarg) >= sizeof name) {
                return cli_usage_error("forecast", "--option expects NAME=VALUE");
            }
            memcpy(name, optarg, (size_t)(eq - optarg));
            name[eq - optarg] = '\0';
            if (sc_smp_params_set(&p, name, eq + 1, &diag) != SC_OK) {
                return cli_usage_error("forecast", "%s", diag.message);
            }
            if (strcmp(options_used, "defaults") == 0) {
                options_used[0] = '\0';
            }
            strncat(options_used, options_used[0] ? ";" : "",
                    sizeof options_used - strlen(options_used) - 1);
            strncat(options_used, optarg, sizeof options_used - strlen(options_used) - 1);
            break;
        }
        case O_TURNS:
            rc = cli_parse_u64("forecast", "--max-turns", optarg, &turns);
            if (rc == SC_EXIT_OK && (turns < 1 || turns > 100000)) {
                return cli_usage_error("forecast", "--max-turns must be in [1, 100000]");
            }
            set_turns = 1;
            break;
        case O_SEED: rc = cli_parse_u64("forecast", "--seed", optarg, &p.seed); break;
        case O_STOP:
            if (strcmp(optarg, "converge") != 0 && strcmp(optarg, "ktab") != 0) {
                return cli_usage_error("forecast", "--stop must be converge or ktab, got '%s'",
                                       optarg);
            }
            stop = optarg;
            break;
        case O_TOL:
            rc = cli_parse_double("forecast", "--tol", optarg, &tol);
            if (rc == SC_EXIT_OK && !(tol > 0 && tol <= 0.5)) {
                return cli_usage_error("forecast", "--tol must be in (0, 0.5], a share of the "
                                                   "scale");
            }
            set_tol = 1;
            break;
        case O_NODRV: drivers = 0; break;
        case O_THREADS:
            rc = cli_parse_u64("forecast", "--threads", optarg, &threads);
            if (rc == SC_EXIT_OK && threads > 1024) {
                return cli_usage_error("forecast", "--threads must be at most 1024");
            }
            break;
        case 'o': output = optarg; break;
        case O_FORMAT:
            if (strcmp(optarg, "sqlite") == 0) {
                sqlite = 1; /* KTAB's database (forecast_ktab.c) */
                break;
            }
            sqlite = 0;
            if (cli_parse_format("forecast", optarg, "text json csv html sqlite", &format) !=
                SC_EXIT_OK) {
                return SC_EXIT_USAGE;
            }
            break;
        case 'h': fputs(usage, stdout); return SC_EXIT_OK;
        default:
            return cli_getopt_unknown("forecast", argv[optind - 1], longopts);
        }
        if (rc != SC_EXIT_OK) {
            return rc;
        }
    }
    if (argc - optind > 1) {
        return cli_usage_error("forecast", "expected at most one INPUT");
    }
    if (sqlite && (!output || strcmp(output, "-") == 0)) {
        return cli_usage_error("forecast", "--format sqlite writes a database file: name it with "
                                           "-o FILE (a database never goes to standard output)");
    }
    if (cli_check_output(output) != SC_EXIT_OK) {
        return SC_EXIT_USAGE;
    }
    /* the page is a rendering of the JSON document */
    int html = format == SC_FORMAT_HTML;
    format = html ? SC_FORMAT_JSON : format;
    const char *path = optind < argc ? argv[optind] : NULL;
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
        if (state.st.variant) {
            sc_smp_input_free(v.in);
            return cli_usage_error("forecast", "--variant needs a statecraft scenario; a KTAB CSV "
                                               "file has no variants");
        }
        p.stop = SC_SMP_STOP_KTAB; /* KTAB's files, KTAB's rule, unless --stop says otherwise */
    } else {
        rc = fc_load_input(&input, &state, &s);
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
    if (set_turns) {
        p.max_turns = (int)turns;
    }
    if (set_tol) {
        p.tol = tol;
    }
    p.threads = (unsigned)threads;
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
    if (sc_smp_run(v.in, &p, &r, &diag) != SC_OK) {
        rc = cli_fail(&diag);
        goto done;
    }
    for (size_t k = 0; k < m; k++) {
        /* positions within half a point of a 0-100 scale of a neighbour count as one */
        if (sc_smp_coalition_of(v.in, r, k, 0.005, &v.coal[k], &diag) != SC_OK) {
            rc = cli_fail(&diag);
            goto done;
        }
    }
    if (sqlite) {
        rc = fc_write_sqlite(output, v.in, &p, r);
        goto done;
    }
    if (drivers && n >= 3 && format != SC_FORMAT_CSV) {
        v.delta = malloc(n * m * sizeof *v.delta);
        if (!v.delta || sc_smp_drivers(v.in, &p, r->forecast, v.delta, &diag) != SC_OK) {
            rc = v.delta ? cli_fail(&diag) : SC_EXIT_FAILURE;
            goto done;
        }
    }
    if (format == SC_FORMAT_JSON) {
        report_json(&out, &v, r, options_used, &p, s, &state);
    } else if (format == SC_FORMAT_CSV) {
        report_csv(&out, &v, r);
    } else {
        if (s) {
            fc_state_text(&out, s, &state);
        }
        report_text(&out, &v, r, &p);
    }
    rc = html ? cli_write_rendered(output, &out, SC_FORMAT_HTML) : cli_write_output(output, &out);
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
