/* SPDX-License-Identifier: MIT */
/* `statecraft war`: war termination with mediator levers, from a scenario or from flags. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "statecraft/war.h"

static const char usage[] =
    "usage: statecraft war [SCENARIO] [--variant NAME] [--runs N] [--seed S] [--threads T]\n"
    "                      [--format text|json] [model flags]\n"
    "\n"
    "Simulates costly, uncertain fighting between A and B until a ceasefire, a military victory\n"
    "or the horizon. Starts from the scenario's war section (the built-in scenario without\n"
    "SCENARIO, after its events; --no-scenario for the defaults of docs/models/war.md), then\n"
    "applies the flags:\n"
    "  --front N            positions on the front (A holds k of N)\n"
    "  --start K            positions A holds at the start\n"
    "  --theta P            probability that A wins a battle\n"
    "  --prior-a a,b        A's Beta belief about theta\n"
    "  --prior-b a,b        B's Beta belief about theta\n"
    "  --cost-a C           A's cost per battle, as a share of the stakes\n"
    "  --cost-b C           B's cost per battle\n"
    "  --sanctions C        mediator lever: added to A's cost per battle\n"
    "  --aid D              mediator lever: aid to B lowers theta by D\n"
    "  --aid-cost C         mediator lever: aid lowers B's cost per battle by C\n"
    "  --aid-cut D          the aid-cut lever of --levers: theta moves toward A by D\n"
    "  --pay-a G, --pay-b G side-payments that lower what a side demands\n"
    "  --rule midpoint|nash|mediator   how terms are chosen inside the bargaining range\n"
    "  --power W            A's weight in the Nash rule\n"
    "  --proposal X         the mediator's proposal (A's share) for the mediator rule\n"
    "  --relapse H          per-period hazard that a ceasefire breaks\n"
    "  --follow P           periods a ceasefire is followed for relapse\n"
    "  --inducements P      side-payments end after P periods; the deal is re-checked then\n"
    "  --horizon T          battles before a run is cut off\n"
    "  --forces FA,FB       Lanchester sub-model: theta from the forces each battle, with\n"
    "  --kill-rates a,b     square-law attrition (alpha: A's effectiveness against B),\n"
    "  --gamma G, --dt T    contest exponent and time per battle (any of these turns it on)\n"
    "  --levers             also compare none / sanctions / aid cut / both (scenario levers)\n"
    "  --no-scenario        start from the defaults, not a scenario\n";

enum {
    O_FRONT = 256, O_START, O_THETA, O_PRIOR_A, O_PRIOR_B, O_COST_A, O_COST_B, O_SANCTIONS, O_AID,
    O_AID_COST, O_PAY_A, O_PAY_B, O_RULE, O_POWER, O_PROPOSAL, O_RELAPSE, O_FOLLOW, O_INDUCE,
    O_HORIZON, O_AID_CUT, O_FORCES, O_KILL, O_GAMMA, O_DT, O_RUNS, O_SEED, O_THREADS, O_FORMAT,
    O_VARIANT, O_LEVERS, O_NOSCEN
};

/* The statistics as JSON members (no braces), shared by the flat and the lever output. */
static void print_fields(const sc_war_result *r)
{
    {
        printf("\"p_ceasefire\":%.17g,\"p_victory_a\":%.17g,\"p_victory_b\":%.17g,"
               "\"p_ongoing\":%.17g,\"p_relapse\":%.17g,\"mean_battles\":%.17g,",
               r->p_ceasefire, r->p_victory_a, r->p_victory_b, r->p_ongoing, r->p_relapse,
               r->mean_battles);
        if (r->mean_share_a == r->mean_share_a) {
            printf("\"mean_share_a\":%.17g,", r->mean_share_a);
        } else {
            printf("\"mean_share_a\":null,");
        }
        static const char *const qn[5] = {"q05", "q25", "q50", "q75", "q95"};
        printf("\"battles_quantiles\":{");
        for (int q = 0; q < 5; q++) {
            printf("%s\"%s\":%.17g", q ? "," : "", qn[q], r->battles_q[q]);
        }
        printf("},\"share_quantiles\":{");
        for (int q = 0; q < 5; q++) {
            if (r->share_q[q] == r->share_q[q]) {
                printf("%s\"%s\":%.17g", q ? "," : "", qn[q], r->share_q[q]);
            } else {
                printf("%s\"%s\":null", q ? "," : "", qn[q]);
            }
        }
        printf("},\"ceasefire_by_battle\":[");
        for (size_t i = 0; i < r->n_curve; i++) {
            printf("%s{\"t\":%d,\"p\":%.17g}", i ? "," : "", r->curve_t[i], r->curve_p[i]);
        }
        printf("]");
    }
}

static void print_result(const char *label, const sc_war_result *r, sc_format format, int first)
{
    if (format == SC_FORMAT_JSON) {
        printf("%s\"%s\":{", first ? "" : ",", label);
        print_fields(r);
        printf("}");
        return;
    }
    printf("%-10s P(ceasefire) %.4f  P(A wins) %.4f  P(B wins) %.4f  ongoing %.4f  relapse %.4f\n",
           label, r->p_ceasefire, r->p_victory_a, r->p_victory_b, r->p_ongoing, r->p_relapse);
    printf("%-10s battles: mean %.2f, quantiles 5/25/50/75/95%% = %.0f/%.0f/%.0f/%.0f/%.0f\n", "",
           r->mean_battles, r->battles_q[0], r->battles_q[1], r->battles_q[2], r->battles_q[3],
           r->battles_q[4]);
    if (r->mean_share_a == r->mean_share_a) {
        printf("%-10s terms (A's share): mean %.4f, quantiles 5/25/50/75/95%% = "
               "%.3f/%.3f/%.3f/%.3f/%.3f\n",
               "", r->mean_share_a, r->share_q[0], r->share_q[1], r->share_q[2], r->share_q[3],
               r->share_q[4]);
    }
    printf("%-10s P(ceasefire by battle t):", "");
    for (size_t i = 0; i < r->n_curve; i++) {
        printf(" %d:%.3f", r->curve_t[i], r->curve_p[i]);
    }
    printf("\n");
}

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"front", required_argument, NULL, O_FRONT}, {"start", required_argument, NULL, O_START},
        {"theta", required_argument, NULL, O_THETA},
        {"prior-a", required_argument, NULL, O_PRIOR_A},
        {"prior-b", required_argument, NULL, O_PRIOR_B},
        {"cost-a", required_argument, NULL, O_COST_A},
        {"cost-b", required_argument, NULL, O_COST_B},
        {"sanctions", required_argument, NULL, O_SANCTIONS},
        {"aid", required_argument, NULL, O_AID}, {"aid-cost", required_argument, NULL, O_AID_COST},
        {"pay-a", required_argument, NULL, O_PAY_A}, {"pay-b", required_argument, NULL, O_PAY_B},
        {"rule", required_argument, NULL, O_RULE}, {"power", required_argument, NULL, O_POWER},
        {"proposal", required_argument, NULL, O_PROPOSAL},
        {"relapse", required_argument, NULL, O_RELAPSE},
        {"follow", required_argument, NULL, O_FOLLOW},
        {"inducements", required_argument, NULL, O_INDUCE},
        {"horizon", required_argument, NULL, O_HORIZON}, {"runs", required_argument, NULL, O_RUNS},
        {"aid-cut", required_argument, NULL, O_AID_CUT},
        {"forces", required_argument, NULL, O_FORCES},
        {"kill-rates", required_argument, NULL, O_KILL},
        {"gamma", required_argument, NULL, O_GAMMA}, {"dt", required_argument, NULL, O_DT},
        {"seed", required_argument, NULL, O_SEED}, {"threads", required_argument, NULL, O_THREADS},
        {"format", required_argument, NULL, O_FORMAT},
        {"variant", required_argument, NULL, O_VARIANT}, {"levers", no_argument, NULL, O_LEVERS},
        {"no-scenario", no_argument, NULL, O_NOSCEN}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    /* First pass: where do the parameters start from? */
    const char *variant = NULL;
    int use_scenario = 1, levers = 0, c, rc;
    sc_format format = SC_FORMAT_TEXT;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            return SC_EXIT_OK;
        }
        if (c == '?' || c == ':') {
            return cli_usage_error("war", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
        if (c == O_NOSCEN) {
            use_scenario = 0;
        } else if (c == O_VARIANT) {
            variant = optarg;
        } else if (c == O_LEVERS) {
            levers = 1;
        } else if (c == O_FORMAT) {
            if (sc_format_parse(optarg, &format, NULL) != SC_OK || format == SC_FORMAT_CSV) {
                return cli_usage_error("war", "--format must be text or json");
            }
        }
    }
    if (argc - optind > 1) {
        return cli_usage_error("war", "expected at most one SCENARIO");
    }
    sc_war_params p;
    sc_war_params_init(&p);
    const char *a = "A", *b = "B", *m = NULL;
    sc_scenario *s = NULL;
    if (use_scenario) {
        rc = cli_load_scenario(optind < argc ? argv[optind] : NULL, variant, &s);
        if (rc != SC_EXIT_OK) {
            return rc;
        }
        sc_diag diag;
        sc_diag_init(&diag);
        sc_scenario *after = NULL;
        if (sc_scenario_after_events(s, NULL, &after, &diag) != SC_OK ||
            sc_war_params_from_scenario(after, &p, &a, &b, &m, &diag) != SC_OK) {
            sc_scenario_free(after);
            sc_scenario_free(s);
            return cli_fail(&diag);
        }
        sc_scenario_free(s);
        s = after;
    } else if (optind < argc) {
        return cli_usage_error("war", "--no-scenario takes no SCENARIO");
    }
    /* Second pass: the model flags override. */
    optind = 1;
    uint64_t v;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        const char *o = argv[optind - 1];
        rc = SC_EXIT_OK;
        switch (c) {
        case O_FRONT:
            rc = cli_parse_u64("war", o, optarg, &v);
            p.front = v > 100000 ? -1 : (int)v;
            break;
        case O_START:
            rc = cli_parse_u64("war", o, optarg, &v);
            p.start = v > 100000 ? -1 : (int)v;
            break;
        case O_THETA: rc = cli_parse_double("war", o, optarg, &p.theta); break;
        case O_PRIOR_A: rc = cli_parse_pair("war", o, optarg, &p.prior_a[0], &p.prior_a[1]); break;
        case O_PRIOR_B: rc = cli_parse_pair("war", o, optarg, &p.prior_b[0], &p.prior_b[1]); break;
        case O_COST_A: rc = cli_parse_double("war", o, optarg, &p.cost_a); break;
        case O_COST_B: rc = cli_parse_double("war", o, optarg, &p.cost_b); break;
        case O_SANCTIONS: rc = cli_parse_double("war", o, optarg, &p.sanctions); break;
        case O_AID: rc = cli_parse_double("war", o, optarg, &p.aid); break;
        case O_AID_COST: rc = cli_parse_double("war", o, optarg, &p.aid_cost); break;
        case O_PAY_A: rc = cli_parse_double("war", o, optarg, &p.pay_a); break;
        case O_PAY_B: rc = cli_parse_double("war", o, optarg, &p.pay_b); break;
        case O_RULE:
            if (sc_war_rule_parse(optarg, &p.rule, NULL) != SC_OK) {
                rc = cli_usage_error("war", "--rule must be midpoint, nash or mediator");
            }
            break;
        case O_POWER: rc = cli_parse_double("war", o, optarg, &p.power); break;
        case O_PROPOSAL: rc = cli_parse_double("war", o, optarg, &p.mediator_x); break;
        case O_RELAPSE: rc = cli_parse_double("war", o, optarg, &p.relapse_hazard); break;
        case O_FOLLOW:
            rc = cli_parse_u64("war", o, optarg, &v);
            p.post_periods = v > 1000000 ? -1 : (int)v;
            break;
        case O_INDUCE:
            rc = cli_parse_u64("war", o, optarg, &v);
            p.inducement_periods = v > 1000000 ? -1 : (int)v;
            break;
        case O_HORIZON:
            rc = cli_parse_u64("war", o, optarg, &v);
            p.horizon = v > 10000000 ? -1 : (int)v;
            break;
        case O_AID_CUT: rc = cli_parse_double("war", o, optarg, &p.aid_cut); break;
        case O_FORCES:
            rc = cli_parse_pair("war", o, optarg, &p.force_a, &p.force_b);
            p.lanchester = 1;
            break;
        case O_KILL:
            rc = cli_parse_pair("war", o, optarg, &p.alpha, &p.beta);
            p.lanchester = 1;
            break;
        case O_GAMMA:
            rc = cli_parse_double("war", o, optarg, &p.gamma);
            p.lanchester = 1;
            break;
        case O_DT:
            rc = cli_parse_double("war", o, optarg, &p.dt);
            p.lanchester = 1;
            break;
        case O_RUNS: rc = cli_parse_u64("war", o, optarg, &v); p.runs = (size_t)v; break;
        case O_SEED: rc = cli_parse_u64("war", o, optarg, &p.seed); break;
        case O_THREADS:
            rc = cli_parse_u64("war", o, optarg, &v);
            p.threads = v > 1024 ? 1024 : (unsigned)v;
            break;
        default: break;
        }
        if (rc != SC_EXIT_OK) {
            sc_scenario_free(s);
            return rc;
        }
    }
    /* the scenario stays alive until the end: a, b and m borrow its ids */
    sc_diag diag;
    sc_diag_init(&diag);
    if (sc_war_params_check(&p, &diag) != SC_OK) {
        sc_scenario_free(s);
        return cli_usage_error("war", "%s", diag.message);
    }
    static const char *const names[4] = {"none", "sanctions", "aid_cut", "both"};
    int n_cases = levers ? 4 : 1;
    if (format == SC_FORMAT_JSON) {
        printf("{\"model\":\"war\",\"a\":\"%s\",\"b\":\"%s\",\"mediator\":%s%s%s,\"runs\":%zu,"
               "\"seed\":%llu,\"theta\":%.17g,\"cost_a\":%.17g,\"cost_b\":%.17g,\"rule\":\"%s\","
               "\"lanchester\":%s,",
               a, b, m ? "\"" : "", m ? m : "null", m ? "\"" : "", p.runs,
               (unsigned long long)p.seed, p.theta, p.cost_a, p.cost_b, sc_war_rule_name(p.rule),
               p.lanchester ? "true" : "false");
    } else {
        printf("war %s (A) vs %s (B)%s%s: front %d, start %d, theta %.4f, costs %.5f/%.5f, "
               "rule %s; %zu runs, seed %llu\n",
               a, b, m ? ", mediator " : "", m ? m : "", p.front, p.start, p.theta, p.cost_a,
               p.cost_b, sc_war_rule_name(p.rule), p.runs, (unsigned long long)p.seed);
        if (p.lanchester) {
            printf("theta from Lanchester forces %g vs %g, kill rates %g/%g, gamma %g, dt %g "
                   "(the fixed theta above is not used)\n",
                   p.force_a, p.force_b, p.alpha, p.beta, p.gamma, p.dt);
        }
    }
    for (int k = 0; k < n_cases; k++) {
        sc_war_params q = p;
        if (levers) {
            double sanctions = p.sanctions > 0 ? p.sanctions : 0;
            q.sanctions = (k == 1 || k == 3) ? sanctions : 0;
            q.aid = p.aid - ((k == 2 || k == 3) ? p.aid_cut : 0);
        }
        sc_war_result *r = NULL;
        if (sc_war_simulate(&q, &r, &diag) != SC_OK) {
            sc_scenario_free(s);
            return cli_fail(&diag);
        }
        if (format == SC_FORMAT_JSON && !levers) {
            print_fields(r); /* the flat shape: every statistic at the top level */
        } else {
            if (format == SC_FORMAT_JSON && k == 0) {
                printf("\"levers\":{");
            }
            print_result(levers ? names[k] : "result", r, format, k == 0);
        }
        sc_war_result_free(r);
    }
    if (format == SC_FORMAT_JSON) {
        printf(levers ? "}}\n" : "}\n");
    }
    sc_scenario_free(s);
    return fflush(stdout) == 0 ? SC_EXIT_OK : SC_EXIT_FAILURE;
}

const sc_cli_command sc_cli_command_war = {
    "war", "war termination: ceasefire odds, terms, mediator levers", run};
