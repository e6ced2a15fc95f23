/* SPDX-License-Identifier: MIT */
/* `statecraft forecast --model eum`: Bueno de Mesquita's expected-utility model. */
#define _GNU_SOURCE
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "forecast.h"
#include "statecraft/eum.h"

static const char usage[] =
    "usage: statecraft forecast --model eum [--variant scholz|printed] [--rounds N] [--tol T]\n"
    "                           [--q Q] [--perspective ACTOR] [--issue ID]\n"
    "                           [--format text|json|csv] [-o OUT] [INPUT]\n"
    "\n"
    "Bueno de Mesquita's expected-utility model (Scholz, Calbert & Smith 2011) on every issue of\n"
    "INPUT, a scenario or a BDM actor table (.csv; the issue id is the file's stem); without\n"
    "INPUT, the built-in scenario.\n"
    "  --variant scholz     Scholz's program, which reproduces BDM's published chart (default)\n"
    "  --variant printed    the equations as printed\n"
    "  --rounds N           rounds to play (default 10)\n"
    "  --tol T              stop early once no position moves more than T\n"
    "  --q Q                probability that the status quo holds without a challenge (default 1)\n"
    "  --perspective ACTOR  also print BDM's quadrant chart of round 1 from ACTOR's view\n"
    "  --issue ID           only this issue\n"
    "  --format text|json|csv\n"
    "  -o, --output OUT     write atomically to OUT\n";

static const char *ids_of(const char *const *ids, size_t i)
{
    return ids[i];
}

static void json_escape(scx_buf *b, const char *s)
{
    scx_buf_puts(b, "\"");
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') {
            scx_buf_printf(b, "\\%c", ch);
        } else if (ch < 0x20) {
            scx_buf_printf(b, "\\u%04x", ch);
        } else {
            scx_buf_append(b, s, 1);
        }
    }
    scx_buf_puts(b, "\"");
}

static void csv_field(scx_buf *b, const char *s)
{
    if (strpbrk(s, ",\"\n")) {
        scx_buf_puts(b, "\"");
        for (; *s; s++) {
            scx_buf_append(b, s, 1);
            if (*s == '"') {
                scx_buf_append(b, s, 1);
            }
        }
        scx_buf_puts(b, "\"");
    } else {
        scx_buf_puts(b, s);
    }
}

static void text_issue(scx_buf *b, const char *issue, const sc_eum_result *r,
                       const char *const *ids, const sc_eum_params *p)
{
    size_t n = r->n;
    scx_buf_printf(b, "Issue %s: %zu actors, variant %s, %d rounds\n\n", issue, n,
                   sc_eum_variant_name(p->variant), r->rounds);
    scx_buf_printf(b, "%-22s", "round");
    for (int t = 0; t <= r->rounds; t++) {
        scx_buf_printf(b, " %7d", t);
    }
    scx_buf_puts(b, "\n");
    for (size_t i = 0; i < n; i++) {
        scx_buf_printf(b, "%-22.22s", ids_of(ids, i));
        for (int t = 0; t <= r->rounds; t++) {
            scx_buf_printf(b, " %7.3f", r->positions[(size_t)t * n + i]);
        }
        scx_buf_puts(b, "\n");
    }
    scx_buf_printf(b, "%-22s", "mean");
    for (int t = 0; t <= r->rounds; t++) {
        scx_buf_printf(b, " %7.3f", r->mean[t]);
    }
    scx_buf_printf(b, "\n%-22s", "median");
    for (int t = 0; t <= r->rounds; t++) {
        scx_buf_printf(b, " %7.3f", r->median[t]);
    }
    scx_buf_puts(b, "\n\nMoves:\n");
    for (int t = 0; t < r->rounds; t++) {
        int any = 0;
        for (size_t i = 0; i < n; i++) {
            const sc_eum_move *m = &r->moves[(size_t)t * n + i];
            if (m->kind == SC_EUM_NONE) {
                continue;
            }
            scx_buf_printf(b,
                           "  round %2d  %-16.16s %-13s %-16.16s %7.3f -> %7.3f  (E_ij %.4f, "
                           "E_ji %.4f)\n",
                           t + 1, ids_of(ids, i), sc_eum_move_name(m->kind),
                           ids_of(ids, (size_t)m->partner), m->from, m->to, m->e_ij, m->e_ji);
            any = 1;
        }
        if (!any) {
            scx_buf_printf(b, "  round %2d  nobody moves\n", t + 1);
        }
    }
    scx_buf_printf(b, "\nForecast (median voter after round %d): %.4f   weighted mean %.4f\n",
                   r->rounds, r->median[r->rounds], r->mean[r->rounds]);
    if (r->converged) {
        scx_buf_puts(b, "The positions stopped moving.\n");
    } else if (r->cycle) {
        scx_buf_printf(b,
                       "Note: the positions cycle with period %d from round %d; the forecast "
                       "depends on when the game is stopped.\n",
                       r->cycle_period, r->cycle_start);
    } else if (r->oscillating) {
        scx_buf_printf(b, "Note: the dynamics do not converge: the mean oscillates");
        if (r->osc_period > 0) {
            scx_buf_printf(b, " with a period of about %.1f rounds", r->osc_period);
        }
        scx_buf_puts(b, ", so the forecast depends on when the game is stopped.\n");
    }
}

static void quadrant_text(scx_buf *b, const char *actor, size_t n, const char *const *ids,
                          const double *xs, const double *ys)
{
    scx_buf_printf(b,
                   "\nQuadrant chart, round 1, from %s's view (x = E_%s(U_%sj), y = "
                   "E_%s(U_j%s)):\n",
                   actor, actor, actor, actor, actor);
    for (size_t j = 0; j < n; j++) {
        if (strcmp(ids[j], actor) == 0) {
            continue;
        }
        const char *region = fabs(xs[j]) < 1e-12 && fabs(ys[j]) < 1e-12 ? "same position"
                             : xs[j] > 0 && ys[j] > 0 ? (ys[j] > xs[j] ? "conflict, j has the edge"
                                                                     : "conflict, i has the edge")
                             : xs[j] < 0 && ys[j] > 0 ? (ys[j] > -xs[j] ? "compromise" : "capitulation")
                             : xs[j] > 0 && ys[j] < 0 ? "i has the edge"
                                                      : "status quo";
        scx_buf_printf(b, "  %-16.16s x %+.4f  y %+.4f  %s\n", ids[j], xs[j], ys[j], region);
    }
}

int cli_forecast_eum(int argc, char **argv)
{
    static const struct option longopts[] = {{"model", required_argument, NULL, 'm'},
                                             {"variant", required_argument, NULL, 'v'},
                                             {"rounds", required_argument, NULL, 'r'},
                                             {"tol", required_argument, NULL, 't'},
                                             {"q", required_argument, NULL, 'q'},
                                             {"perspective", required_argument, NULL, 'p'},
                                             {"issue", required_argument, NULL, 'i'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    sc_eum_params p;
    sc_eum_params_init(&p);
    const char *perspective = NULL, *only = NULL, *output = NULL;
    sc_format format = SC_FORMAT_TEXT;
    uint64_t v;
    int c, rc;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        rc = SC_EXIT_OK;
        switch (c) {
        case 'm': break;
        case 'v':
            if (sc_eum_variant_parse(optarg, &p.variant, NULL) != SC_OK) {
                return cli_usage_error("forecast", "--variant must be scholz or printed");
            }
            break;
        case 'r':
            rc = cli_parse_u64("forecast", "--rounds", optarg, &v);
            if (rc == SC_EXIT_OK && v > 100000) {
                return cli_usage_error("forecast", "--rounds must be at most 100000");
            }
            p.rounds = (int)v;
            break;
        case 't': rc = cli_parse_double("forecast", "--tol", optarg, &p.tol); break;
        case 'q': rc = cli_parse_double("forecast", "--q", optarg, &p.q); break;
        case 'p': perspective = optarg; break;
        case 'i': only = optarg; break;
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
    sc_scenario *s = NULL;
    rc = cli_load_scenario(optind < argc ? argv[optind] : NULL, NULL, &s);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    sc_diag diag;
    sc_diag_init(&diag);
    scx_buf out;
    scx_buf_init(&out);
    size_t ni = sc_scenario_issue_count(s);
    int printed_issues = 0;
    if (only && sc_scenario_issue_index(s, only) < 0) {
        rc = cli_usage_error("forecast", "no issue '%s' in the input", only);
        goto done;
    }
    if (format == SC_FORMAT_JSON) {
        scx_buf_printf(&out, "{\"model\":\"eum\",\"variant\":\"%s\",\"issues\":[",
                       sc_eum_variant_name(p.variant));
    } else if (format == SC_FORMAT_CSV) {
        scx_buf_puts(&out, "issue,round,actor,position,move,partner\n");
    }
    int perspective_found = 0;
    for (size_t j = 0; j < ni; j++) {
        const char *issue = sc_scenario_issue(s, j)->id;
        if (only && strcmp(only, issue) != 0) {
            continue;
        }
        sc_eum_result *r = NULL;
        const char **ids = NULL;
        if (sc_eum_run_scenario(s, j, &p, &r, &ids, &diag) != SC_OK) {
            rc = cli_fail(&diag);
            goto done;
        }
        size_t n = r->n;
        if (format == SC_FORMAT_JSON) {
            scx_buf_puts(&out, printed_issues ? "," : "");
            scx_buf_puts(&out, "{\"issue\":");
            json_escape(&out, issue);
            scx_buf_puts(&out, ",\"rounds\":[");
            for (int t = 0; t <= r->rounds; t++) {
                scx_buf_printf(&out, "%s{\"round\":%d,\"positions\":{", t ? "," : "", t);
                for (size_t i = 0; i < n; i++) {
                    scx_buf_puts(&out, i ? "," : "");
                    json_escape(&out, ids[i]);
                    scx_buf_printf(&out, ":%.17g", r->positions[(size_t)t * n + i]);
                }
                scx_buf_printf(&out, "},\"mean\":%.17g,\"median\":%.17g", r->mean[t], r->median[t]);
                if (t > 0) {
                    scx_buf_puts(&out, ",\"moves\":[");
                    int first = 1;
                    for (size_t i = 0; i < n; i++) {
                        const sc_eum_move *m = &r->moves[(size_t)(t - 1) * n + i];
                        if (m->kind == SC_EUM_NONE) {
                            continue;
                        }
                        scx_buf_puts(&out, first ? "{\"actor\":" : ",{\"actor\":");
                        json_escape(&out, ids[i]);
                        scx_buf_printf(&out,
                                       ",\"kind\":\"%s\",\"partner\":", sc_eum_move_name(m->kind));
                        json_escape(&out, ids[m->partner]);
                        scx_buf_printf(&out,
                                       ",\"from\":%.17g,\"to\":%.17g,\"e_ij\":%.17g,"
                                       "\"e_ji\":%.17g}",
                                       m->from, m->to, m->e_ij, m->e_ji);
                        first = 0;
                    }
                    scx_buf_puts(&out, "]");
                }
                scx_buf_puts(&out, "}");
            }
            scx_buf_printf(&out,
                           "],\"forecast\":%.17g,\"converged\":%s,\"oscillating\":%s,"
                           "\"cycle\":%s}",
                           r->median[r->rounds], r->converged ? "true" : "false",
                           r->oscillating ? "true" : "false", r->cycle ? "true" : "false");
        } else if (format == SC_FORMAT_CSV) {
            for (int t = 0; t <= r->rounds; t++) {
                for (size_t i = 0; i < n; i++) {
                    csv_field(&out, issue);
                    scx_buf_printf(&out, ",%d,", t);
                    csv_field(&out, ids[i]);
                    scx_buf_printf(&out, ",%.17g,", r->positions[(size_t)t * n + i]);
                    const sc_eum_move *m = t ? &r->moves[(size_t)(t - 1) * n + i] : NULL;
                    if (m && m->kind != SC_EUM_NONE) {
                        scx_buf_printf(&out, "%s,", sc_eum_move_name(m->kind));
                        csv_field(&out, ids[m->partner]);
                    } else {
                        scx_buf_puts(&out, ",");
                    }
                    scx_buf_puts(&out, "\n");
                }
            }
        } else {
            scx_buf_puts(&out, printed_issues ? "\n" : "");
            text_issue(&out, issue, r, ids, &p);
        }
        /* the perspective chart for the first issue where the actor takes part */
        if (perspective && !perspective_found) {
            size_t a = 0;
            while (a < n && strcmp(ids[a], perspective) != 0) {
                a++;
            }
            if (a < n) {
                double *xs = malloc(n * sizeof *xs), *ys = malloc(n * sizeof *ys);
                double *cc = malloc(n * sizeof *cc), *xx = malloc(n * sizeof *xx);
                double *ss = malloc(n * sizeof *ss);
                if (xs && ys && cc && xx && ss) {
                    for (size_t i = 0; i < n; i++) {
                        long k = sc_scenario_actor_index(s, ids[i]);
                        const sc_stance *st = sc_scenario_stance(s, (size_t)k, j);
                        cc[i] = sc_scenario_actor(s, (size_t)k)->capability.value;
                        xx[i] = st->position.value;
                        ss[i] = st->salience.value;
                    }
                    if (sc_eum_quadrant(n, cc, xx, ss, &p, a, xs, ys, &diag) == SC_OK) {
                        perspective_found = 1;
                        if (format == SC_FORMAT_TEXT) {
                            quadrant_text(&out, perspective, n, ids, xs, ys);
                        } else if (format == SC_FORMAT_JSON) {
                            /* placed after the issues array: remember by re-running at the end */
                        }
                    }
                }
                free(xs);
                free(ys);
                free(cc);
                free(xx);
                free(ss);
            }
        }
        printed_issues++;
        sc_free((void *)ids);
        sc_eum_result_free(r);
    }
    if (perspective && !perspective_found) {
        rc = cli_usage_error("forecast", "no actor '%s' with a stance in the input", perspective);
        goto done;
    }
    if (format == SC_FORMAT_JSON) {
        scx_buf_puts(&out, "]");
        if (perspective) {
            /* the chart of the first issue with the actor (as BDM drew it for round 1) */
            for (size_t j = 0; j < ni; j++) {
                if (only && strcmp(only, sc_scenario_issue(s, j)->id) != 0) {
                    continue;
                }
                long a = sc_scenario_actor_index(s, perspective);
                if (a < 0 || !sc_scenario_stance(s, (size_t)a, j)->present) {
                    continue;
                }
                size_t n = 0, na = sc_scenario_actor_count(s), me = 0;
                double *cc = malloc(na * sizeof *cc), *xx = malloc(na * sizeof *xx);
                double *ss = malloc(na * sizeof *ss), *xs = malloc(na * sizeof *xs);
                double *ys = malloc(na * sizeof *ys);
                size_t *who = malloc(na * sizeof *who);
                if (cc && xx && ss && xs && ys && who) {
                    for (size_t i = 0; i < na; i++) {
                        const sc_stance *st = sc_scenario_stance(s, i, j);
                        if (!st->present) {
                            continue;
                        }
                        if ((long)i == a) {
                            me = n;
                        }
                        cc[n] = sc_scenario_actor(s, i)->capability.value;
                        xx[n] = st->position.value;
                        ss[n] = st->salience.value;
                        who[n++] = i;
                    }
                    if (sc_eum_quadrant(n, cc, xx, ss, &p, me, xs, ys, &diag) == SC_OK) {
                        scx_buf_puts(&out, ",\"perspective\":{\"actor\":");
                        json_escape(&out, perspective);
                        scx_buf_puts(&out, ",\"issue\":");
                        json_escape(&out, sc_scenario_issue(s, j)->id);
                        scx_buf_puts(&out, ",\"round\":1,\"points\":[");
                        int first = 1;
                        for (size_t i = 0; i < n; i++) {
                            if (i == me) {
                                continue;
                            }
                            scx_buf_puts(&out, first ? "{\"actor\":" : ",{\"actor\":");
                            json_escape(&out, sc_scenario_actor(s, who[i])->id);
                            scx_buf_printf(&out, ",\"x\":%.17g,\"y\":%.17g}", xs[i], ys[i]);
                            first = 0;
                        }
                        scx_buf_puts(&out, "]}");
                    }
                }
                free(cc);
                free(xx);
                free(ss);
                free(xs);
                free(ys);
                free(who);
                break;
            }
        }
        scx_buf_puts(&out, "}\n");
    }
    rc = cli_write_output(output, &out);
done:
    scx_buf_destroy(&out);
    sc_scenario_free(s);
    return rc;
}
