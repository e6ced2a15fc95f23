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
    "usage: statecraft forecast --model smp [--option NAME=VALUE]... [--max-turns N]\n"
    "                           [--seed S] [--format text|json|csv] [-o OUT] [INPUT]\n"
    "\n"
    "KTAB's Spatial Model of Politics on INPUT: a KTAB CSV scenario, or a statecraft scenario\n"
    "(all issues at once, as dimensions); without INPUT, the built-in scenario after its events.\n"
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
    "  --max-turns N       at most N turns (default 100)\n"
    "  --variant NAME      apply a variant of a statecraft scenario\n"
    "  --format text|json|csv, -o OUT\n";

typedef struct view {
    sc_smp_input *in;
    double *lo, *hi; /* display scale of each dimension */
} view;

static double shown(const view *v, size_t k, double x)
{
    return v->lo[k] + x * (v->hi[k] - v->lo[k]);
}

static void json_str(scx_buf *b, const char *s)
{
    scx_buf_puts(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            scx_buf_printf(b, "\\%c", c);
        } else if (c < 0x20) {
            scx_buf_printf(b, "\\u%04x", c);
        } else {
            scx_buf_append(b, s, 1);
        }
    }
    scx_buf_puts(b, "\"");
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

static void report_text(scx_buf *b, const view *v, const sc_smp_result *r)
{
    const sc_smp_input *in = v->in;
    size_t n = in->n, m = in->m, T = (size_t)r->turns;
    scx_buf_printf(b,
                   "KTAB Spatial Model of Politics: %s\n%zu actors, %zu dimensions, %d turns "
                   "(turn 0 = input)\n",
                   in->name, n, m, r->turns);
    size_t step = T > 12 ? (T + 11) / 12 : 1;
    for (size_t k = 0; k < m; k++) {
        scx_buf_printf(b, "\nDimension %s [%g, %g]\n%-14s",
                       in->dim[k][0] ? in->dim[k] : "(unnamed)", v->lo[k], v->hi[k], "turn");
        for (size_t t = 0; t <= T; t += step) {
            scx_buf_printf(b, " %6zu", t);
        }
        if (T % step) {
            scx_buf_printf(b, " %6zu", T);
        }
        scx_buf_puts(b, "\n");
        for (size_t i = 0; i < n; i++) {
            scx_buf_printf(b, "%-14.14s", in->actor[i]);
            for (size_t t = 0; t <= T; t += step) {
                scx_buf_printf(b, " %6.2f", shown(v, k, r->pos[(t * n + i) * m + k]));
            }
            if (T % step) {
                scx_buf_printf(b, " %6.2f", shown(v, k, r->pos[(T * n + i) * m + k]));
            }
            scx_buf_puts(b, "\n");
        }
        scx_buf_printf(b, "%-14s", "weighted mean");
        for (size_t t = 0; t <= T; t += step) {
            scx_buf_printf(b, " %6.2f", wmean(v, r, t, k));
        }
        if (T % step) {
            scx_buf_printf(b, " %6.2f", wmean(v, r, T, k));
        }
        scx_buf_puts(b, "\n");
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
    scx_buf_puts(b, "\nForecast (final positions):\n");
    for (size_t i = 0; i < n; i++) {
        scx_buf_printf(b, "  %-16.16s", in->actor[i]);
        for (size_t k = 0; k < m; k++) {
            scx_buf_printf(b, " %8.2f", shown(v, k, r->pos[(T * n + i) * m + k]));
        }
        scx_buf_printf(b, "   P(win) %.4f\n", r->win[T * n + i]);
    }
    scx_buf_printf(b, "  %-16s", "weighted mean");
    for (size_t k = 0; k < m; k++) {
        scx_buf_printf(b, " %8.2f", wmean(v, r, T, k));
    }
    scx_buf_printf(b,
                   "\nConverged after %d turns (change ratio %.4f against KTAB's 0.02 threshold)"
                   "%s\n",
                   r->turns, r->last_ratio, r->consensus ? "; consensus" : "");
    if (r->note[0]) {
        scx_buf_printf(b, "Note: %s\n", r->note);
    }
}

static void report_json(scx_buf *b, const view *v, const sc_smp_result *r, const char *vpm)
{
    const sc_smp_input *in = v->in;
    size_t n = in->n, m = in->m, T = (size_t)r->turns;
    scx_buf_printf(b, "{\"model\":\"smp\",\"options\":\"%s\",\"turns\":%d,\"scenario\":", vpm,
                   r->turns);
    json_str(b, in->name);
    scx_buf_puts(b, ",\"issues\":[");
    for (size_t k = 0; k < m; k++) {
        scx_buf_puts(b, k ? ",{\"issue\":" : "{\"issue\":");
        json_str(b, in->dim[k]);
        scx_buf_printf(b, ",\"scale\":[%.17g,%.17g],\"rounds\":[", v->lo[k], v->hi[k]);
        for (size_t t = 0; t <= T; t++) {
            scx_buf_printf(b, "%s{\"round\":%zu,\"positions\":{", t ? "," : "", t);
            for (size_t i = 0; i < n; i++) {
                scx_buf_puts(b, i ? "," : "");
                json_str(b, in->actor[i]);
                scx_buf_printf(b, ":%.17g", shown(v, k, r->pos[(t * n + i) * m + k]));
            }
            scx_buf_printf(b, "},\"mean\":%.17g,\"win_prob\":{", wmean(v, r, t, k));
            for (size_t i = 0; i < n; i++) {
                scx_buf_puts(b, i ? "," : "");
                json_str(b, in->actor[i]);
                scx_buf_printf(b, ":%.17g", r->win[t * n + i]);
            }
            scx_buf_puts(b, "}}");
        }
        scx_buf_printf(b, "],\"forecast_mean\":%.17g}", wmean(v, r, T, k));
    }
    scx_buf_puts(b, "],\"bargains\":[");
    for (size_t t = 0; t < T; t++) {
        scx_buf_printf(b, "%s{\"turn\":%zu,\"adopted\":{", t ? "," : "", t + 1);
        int first = 1;
        for (size_t i = 0; i < n; i++) {
            int pnr = r->chosen_partner[t * n + i];
            if (pnr >= 0) {
                scx_buf_puts(b, first ? "" : ",");
                json_str(b, in->actor[i]);
                scx_buf_puts(b, ":");
                json_str(b, in->actor[pnr]);
                first = 0;
            }
        }
        scx_buf_puts(b, "}}");
    }
    scx_buf_printf(b, "],\"consensus\":%s,\"note\":", r->consensus ? "true" : "false");
    json_str(b, r->note);
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
                scx_buf_printf(b, "%zu,%zu,%s,%zu,%s,%.6f\n", t, i, in->actor[i], k, in->dim[k],
                               shown(v, k, r->pos[(t * n + i) * m + k]));
            }
        }
    }
}

int cli_forecast_smp(int argc, char **argv)
{
    static const struct option longopts[] = {{"model", required_argument, NULL, 'M'},
                                             {"option", required_argument, NULL, 'O'},
                                             {"max-turns", required_argument, NULL, 'T'},
                                             {"seed", required_argument, NULL, 's'},
                                             {"variant", required_argument, NULL, 'v'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    sc_smp_params p;
    sc_smp_params_init(&p);
    sc_format format = SC_FORMAT_TEXT;
    const char *output = NULL, *variant = NULL;
    char options_used[512] = "defaults";
    uint64_t u;
    int c, rc;
    sc_diag diag;
    sc_diag_init(&diag);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        rc = SC_EXIT_OK;
        switch (c) {
        case 'M': break;
        case 'O': {
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
            strncat(options_used, options_used[0] ? ";" : "", sizeof options_used - strlen(options_used) - 1);
            strncat(options_used, optarg, sizeof options_used - strlen(options_used) - 1);
            break;
        }
        case 'T':
            rc = cli_parse_u64("forecast", "--max-turns", optarg, &u);
            if (rc == SC_EXIT_OK && (u < 1 || u > 100000)) {
                return cli_usage_error("forecast", "--max-turns must be in [1, 100000]");
            }
            p.max_turns = (int)u;
            break;
        case 's': rc = cli_parse_u64("forecast", "--seed", optarg, &p.seed); break;
        case 'v': variant = optarg; break;
        case 'o': output = optarg; break;
        case 'f':
            if (sc_format_parse(optarg, &format, NULL) != SC_OK) {
                return cli_usage_error("forecast", "--format must be text, json or csv");
            }
            break;
        case 'h': fputs(usage, stdout); return SC_EXIT_OK;
        default:
            return cli_usage_error("forecast", "unknown or incomplete option '%s'",
                                   argv[optind - 1]);
        }
        if (rc != SC_EXIT_OK) {
            return rc;
        }
    }
    if (argc - optind > 1) {
        return cli_usage_error("forecast", "expected at most one INPUT");
    }
    const char *path = optind < argc ? argv[optind] : NULL;
    view v = {NULL, NULL, NULL};
    sc_scenario *s = NULL;
    char *text = NULL;
    size_t len = 0;
    if (path && strcmp(path, "-") != 0 &&
        scx_file_read(path, (size_t)16 << 20, &text, &len, &diag) == SC_OK &&
        sc_smp_is_ktab_csv(text, len)) {
        sc_status st = sc_smp_read_ktab_csv(text, len, path, &v.in, &diag);
        free(text);
        if (st != SC_OK) {
            return cli_fail(&diag);
        }
    } else {
        free(text);
        rc = cli_load_state(path, variant, path == NULL, NULL, &s);
        if (rc != SC_EXIT_OK) {
            return rc;
        }
        if (sc_smp_input_from_scenario(s, &v.in, &diag) != SC_OK) {
            sc_scenario_free(s);
            return cli_fail(&diag);
        }
    }
    v.lo = malloc(v.in->m * sizeof *v.lo);
    v.hi = malloc(v.in->m * sizeof *v.hi);
    if (!v.lo || !v.hi) {
        rc = SC_EXIT_FAILURE;
        goto done;
    }
    for (size_t k = 0; k < v.in->m; k++) {
        long j = s ? sc_scenario_issue_index(s, v.in->dim[k]) : -1;
        v.lo[k] = j >= 0 ? sc_scenario_issue(s, (size_t)j)->scale_min : 0;
        v.hi[k] = j >= 0 ? sc_scenario_issue(s, (size_t)j)->scale_max : 100;
    }
    sc_smp_result *r = NULL;
    if (sc_smp_run(v.in, &p, &r, &diag) != SC_OK) {
        rc = cli_fail(&diag);
        goto done;
    }
    scx_buf out;
    scx_buf_init(&out);
    if (format == SC_FORMAT_JSON) {
        report_json(&out, &v, r, options_used);
    } else if (format == SC_FORMAT_CSV) {
        report_csv(&out, &v, r);
    } else {
        report_text(&out, &v, r);
    }
    rc = cli_write_output(output, &out);
    scx_buf_destroy(&out);
    sc_smp_result_free(r);
done:
    free(v.lo);
    free(v.hi);
    sc_smp_input_free(v.in);
    sc_scenario_free(s);
    return rc;
}
