/* SPDX-License-Identifier: MIT */
/* `statecraft war`: war termination with a mediator, from a scenario or from flags. */
#define _GNU_SOURCE
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "statecraft/war.h"

static const char usage[] =
    "usage: statecraft war [SCENARIO] [--variant NAME] [--before-events | --after-events[=DATE]]\n"
    "                      [--runs N] [--seed S] [--threads T] [--format text|json]\n"
    "                      [--levers] [--what-it-takes] [model flags]\n"
    "\n"
    "Simulates a war of battles on a front between A and B, who learn about the balance and\n"
    "bargain while they fight, until a ceasefire that holds, a military victory or the horizon\n"
    "(docs/models/war.md). Starts from the scenario's war section in the chosen state (the\n"
    "built-in scenario without SCENARIO; after all its events unless --before-events), or with\n"
    "--no-scenario from the defaults, then applies the flags. With no flags it prints exactly the\n"
    "report's no-lever row for the same state, seed and runs.\n"
    "  --levers             compare the mediator's levers (none, sanctions, aid cut, both,\n"
    "                       inducement, guarantee) on common random numbers, with the standard\n"
    "                       error of each difference from no lever\n"
    "  --what-it-takes      the smallest sanctions, aid cut, inducement or guarantee that makes\n"
    "                       a ceasefire within 52 battles at least 50% likely\n"
    "model flags:\n"
    "  --front N, --start K      positions on the front, A's positions at the start\n"
    "  --theta P                 probability that A wins a battle\n"
    "  --discount D              discount factor per battle (1, or at most 0.9999)\n"
    "  --beliefs predictive|plug-in   average values over the beliefs, or use their means\n"
    "  --prior-a a,b, --prior-b a,b   each side's Beta belief about theta\n"
    "  --cost-a C, --cost-b C    cost per battle, as a share of the stakes\n"
    "  --sanctions C             in force: added to A's cost per battle\n"
    "  --aid D                   in force: aid to B shifts the balance toward B by D (logit)\n"
    "  --aid-cost C              in force: aid lowers B's cost per battle by C\n"
    "  --rule midpoint|nash|mediator, --power W   how terms are chosen\n"
    "  --proposal X              the mediator's preferred terms (A's share), which it proposes\n"
    "  --mediator-cost C         the mediator's own cost per battle of the war going on\n"
    "  --relief R, --pay-a G, --pay-b G   the mediator's inducements for accepting\n"
    "  --guarantee G             troop-backed guarantee of the mediator's deal, in [0, 1]\n"
    "  --threat-a C, --threat-b D   threats if a side rejects: extra cost on A, aid cut to B\n"
    "  --credibility K           weight both sides give the threats (default: Kydd's rule)\n"
    "  --commitment SHIFT,YEARS  commitment problem: the balance shifts toward A by SHIFT\n"
    "                            (logit) a year for YEARS years, and deals must survive it\n"
    "  --shift SHIFT,YEARS       the same shift of the balance without the mechanism\n"
    "  --no-commitment           switch the scenario's commitment mechanism off\n"
    "  --screening LOW,HIGH      private information: B's cost uniform on [LOW, HIGH], screened\n"
    "  --no-screening            switch the scenario's screening off\n"
    "  --linked LA,LB            issue-linked stakes: what a deal's other terms are worth to A, B\n"
    "  --relapse H, --follow P   base hazard per period that a ceasefire fails, periods followed\n"
    "  --agreement X             detail of the agreement, 0 (bare ceasefire) to 1\n"
    "  --inducements P           side-payments end after P periods; the deal is re-checked then\n"
    "  --horizon T               battles before a run is cut off\n"
    "  --forces FA,FB, --kill-rates a,b, --gamma G, --dt T   Lanchester sub-model (any turns\n"
    "                            it on; forces and kill rates are then required)\n"
    "  --no-scenario             start from the defaults of docs/models/war.md, not a scenario\n";

enum {
    O_FRONT = 256, O_START, O_THETA, O_DISCOUNT, O_BELIEFS, O_PRIOR_A, O_PRIOR_B, O_COST_A,
    O_COST_B, O_SANCTIONS, O_AID, O_AID_COST, O_RULE, O_POWER, O_PROPOSAL, O_MCOST, O_RELIEF,
    O_PAY_A, O_PAY_B, O_GUARANTEE, O_THREAT_A, O_THREAT_B, O_CRED, O_COMMIT, O_SHIFT, O_NOCOMMIT,
    O_SCREEN, O_NOSCREEN, O_LINKED, O_RELAPSE, O_FOLLOW, O_AGREEMENT, O_INDUCE, O_HORIZON, O_FORCES, O_KILL,
    O_GAMMA, O_DT, O_RUNS, O_SEED, O_THREADS, O_FORMAT, O_VARIANT, O_BEFORE, O_AFTER, O_LEVERS,
    O_TAKES, O_NOSCEN
};

static json_t *number_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* One result as JSON: the statistics every row carries. */
static json_t *result_json(const sc_war_result *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "p_ceasefire", json_real(r->p_ceasefire));
    json_object_set_new(o, "p_ceasefire_52", json_real(r->p_ceasefire_52));
    json_object_set_new(o, "p_ceasefire_52_se", json_real(r->p_ceasefire_52_se));
    json_object_set_new(o, "p_victory_a", json_real(r->p_victory_a));
    json_object_set_new(o, "p_victory_b", json_real(r->p_victory_b));
    json_object_set_new(o, "p_ongoing", json_real(r->p_ongoing));
    json_object_set_new(o, "p_held", json_real(r->p_held));
    json_object_set_new(o, "p_relapse", json_real(r->p_relapse));
    json_object_set_new(o, "mean_battles", json_real(r->mean_battles));
    json_object_set_new(o, "mean_battles_se", json_real(r->mean_battles_se));
    json_object_set_new(o, "mean_share_a", number_or_null(r->mean_share_a));
    static const char *const qn[5] = {"q05", "q25", "q50", "q75", "q95"};
    json_t *bq = json_object(), *sq = json_object(), *modes = json_array();
    for (int q = 0; q < 5; q++) {
        json_object_set_new(bq, qn[q], json_real(r->battles_q[q]));
        json_object_set_new(sq, qn[q], number_or_null(r->share_q[q]));
    }
    for (size_t i = 0; i < r->n_modes; i++) {
        json_t *m = json_object();
        json_object_set_new(m, "at", json_real(r->mode_at[i]));
        json_object_set_new(m, "share", json_real(r->mode_share[i]));
        json_array_append_new(modes, m);
    }
    json_object_set_new(o, "battles_quantiles", bq);
    json_object_set_new(o, "share_quantiles", sq);
    json_object_set_new(o, "share_modes", modes);
    json_t *curve = json_array();
    static const int grid[] = {0, 5, 10, 20, 26, 52, 104, 156, 208, 260, 520, 1040, 2000};
    for (size_t i = 0; i < sizeof grid / sizeof grid[0] && grid[i] <= r->horizon; i++) {
        json_t *pt = json_object();
        json_object_set_new(pt, "t", json_integer(grid[i]));
        json_object_set_new(pt, "p", json_real(sc_war_result_by_battle(r, grid[i])));
        json_array_append_new(curve, pt);
    }
    json_object_set_new(o, "ceasefire_by_battle", curve);
    return o;
}

static void print_result(const char *label, const sc_war_result *r)
{
    printf("%-10s P(ceasefire within 52 battles) %.4f (se %.4f); ever %.4f; held %.4f\n", label,
           r->p_ceasefire_52, r->p_ceasefire_52_se, r->p_ceasefire, r->p_held);
    printf("%-10s P(A wins) %.4f  P(B wins) %.4f  ongoing at the horizon %.4f  relapse %.4f\n", "",
           r->p_victory_a, r->p_victory_b, r->p_ongoing, r->p_relapse);
    printf("%-10s battles: mean %.2f, quantiles 5/25/50/75/95%% = %.0f/%.0f/%.0f/%.0f/%.0f\n", "",
           r->mean_battles, r->battles_q[0], r->battles_q[1], r->battles_q[2], r->battles_q[3],
           r->battles_q[4]);
    if (isfinite(r->share_q[2])) {
        printf("%-10s terms (A's share) quantiles 5/25/50/75/95%% = %.3f/%.3f/%.3f/%.3f/%.3f",
               "", r->share_q[0], r->share_q[1], r->share_q[2], r->share_q[3], r->share_q[4]);
        for (size_t i = 0; i < r->n_modes; i++) {
            printf("%s%.2f (%.0f%%)", i ? ", " : "; modes ", r->mode_at[i],
                   100 * r->mode_share[i]);
        }
        printf("\n");
    }
    printf("%-10s P(ceasefire by battle t):", "");
    static const int grid[] = {0, 10, 26, 52, 104, 156, 260, 520};
    for (size_t i = 0; i < sizeof grid / sizeof grid[0] && grid[i] <= r->horizon; i++) {
        printf(" %d:%.3f", grid[i], sc_war_result_by_battle(r, grid[i]));
    }
    printf("\n");
}

static int parse_int(const char *o, const char *arg, int lo, int hi, int *out)
{
    uint64_t v;
    int rc = cli_parse_u64("war", o, arg, &v);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    if (v < (uint64_t)lo || v > (uint64_t)hi) {
        return cli_usage_error("war", "%s must be between %d and %d", o, lo, hi);
    }
    *out = (int)v;
    return SC_EXIT_OK;
}

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"front", required_argument, NULL, O_FRONT},
        {"start", required_argument, NULL, O_START},
        {"theta", required_argument, NULL, O_THETA},
        {"discount", required_argument, NULL, O_DISCOUNT},
        {"beliefs", required_argument, NULL, O_BELIEFS},
        {"prior-a", required_argument, NULL, O_PRIOR_A},
        {"prior-b", required_argument, NULL, O_PRIOR_B},
        {"cost-a", required_argument, NULL, O_COST_A},
        {"cost-b", required_argument, NULL, O_COST_B},
        {"sanctions", required_argument, NULL, O_SANCTIONS},
        {"aid", required_argument, NULL, O_AID},
        {"aid-cost", required_argument, NULL, O_AID_COST},
        {"rule", required_argument, NULL, O_RULE},
        {"power", required_argument, NULL, O_POWER},
        {"proposal", required_argument, NULL, O_PROPOSAL},
        {"mediator-cost", required_argument, NULL, O_MCOST},
        {"relief", required_argument, NULL, O_RELIEF},
        {"pay-a", required_argument, NULL, O_PAY_A},
        {"pay-b", required_argument, NULL, O_PAY_B},
        {"guarantee", required_argument, NULL, O_GUARANTEE},
        {"threat-a", required_argument, NULL, O_THREAT_A},
        {"threat-b", required_argument, NULL, O_THREAT_B},
        {"credibility", required_argument, NULL, O_CRED},
        {"commitment", required_argument, NULL, O_COMMIT},
        {"shift", required_argument, NULL, O_SHIFT},
        {"no-commitment", no_argument, NULL, O_NOCOMMIT},
        {"screening", required_argument, NULL, O_SCREEN},
        {"no-screening", no_argument, NULL, O_NOSCREEN},
        {"linked", required_argument, NULL, O_LINKED},
        {"relapse", required_argument, NULL, O_RELAPSE},
        {"follow", required_argument, NULL, O_FOLLOW},
        {"agreement", required_argument, NULL, O_AGREEMENT},
        {"inducements", required_argument, NULL, O_INDUCE},
        {"horizon", required_argument, NULL, O_HORIZON},
        {"forces", required_argument, NULL, O_FORCES},
        {"kill-rates", required_argument, NULL, O_KILL},
        {"gamma", required_argument, NULL, O_GAMMA},
        {"dt", required_argument, NULL, O_DT},
        {"runs", required_argument, NULL, O_RUNS},
        {"seed", required_argument, NULL, O_SEED},
        {"threads", required_argument, NULL, O_THREADS},
        {"format", required_argument, NULL, O_FORMAT},
        {"variant", required_argument, NULL, O_VARIANT},
        {"before-events", no_argument, NULL, O_BEFORE},
        {"after-events", optional_argument, NULL, O_AFTER},
        {"levers", no_argument, NULL, O_LEVERS},
        {"what-it-takes", no_argument, NULL, O_TAKES},
        {"no-scenario", no_argument, NULL, O_NOSCEN},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    /* First pass: where do the parameters start from? */
    sc_state state;
    sc_state_init(&state);
    int use_scenario = 1, levers = 0, takes = 0, c, rc;
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
            state.variant = optarg;
        } else if (c == O_BEFORE) {
            state.events = SC_EVENTS_BEFORE;
        } else if (c == O_AFTER) {
            state.events = SC_EVENTS_AFTER;
            state.until = optarg;
        } else if (c == O_LEVERS) {
            levers = 1;
        } else if (c == O_TAKES) {
            takes = 1;
        } else if (c == O_FORMAT) {
            if (cli_parse_format("war", optarg, "text json", &format) != SC_EXIT_OK) {
                return SC_EXIT_USAGE;
            }
        }
    }
    if (argc - optind > 1) {
        return cli_usage_error("war", "expected at most one SCENARIO, got '%s' and '%s'",
                               argv[optind], argv[optind + 1]);
    }
    sc_war_params p;
    sc_war_params_init(&p);
    const char *a = "A", *b = "B", *m = NULL;
    sc_scenario *s = NULL;
    if (use_scenario) {
        sc_scenario *raw = NULL;
        rc = cli_load_scenario(optind < argc ? argv[optind] : NULL, NULL, &raw);
        if (rc != SC_EXIT_OK) {
            return rc;
        }
        sc_diag diag;
        sc_diag_init(&diag);
        if (sc_scenario_at(raw, &state, &s, &diag) != SC_OK ||
            sc_war_params_from_scenario(s, &p, &a, &b, &m, &diag) != SC_OK) {
            sc_scenario_free(s);
            sc_scenario_free(raw);
            return cli_fail(&diag);
        }
        sc_scenario_free(raw);
    } else if (optind < argc) {
        return cli_usage_error("war", "--no-scenario takes no SCENARIO (got '%s')", argv[optind]);
    } else if (state.variant || state.events == SC_EVENTS_BEFORE || state.until) {
        return cli_usage_error("war", "--no-scenario has no variants or events");
    }
    /* Second pass: the model flags override. */
    optind = 1;
    uint64_t v;
    double x, y;
    int li = 0;
    while ((c = getopt_long(argc, argv, "h", longopts, &li)) != -1) {
        char name[64];
        /* the option's own name for messages (argv holds its value when it is separate) */
        snprintf(name, sizeof name, "--%s", c >= O_FRONT ? longopts[li].name : "help");
        const char *o = name;
        rc = SC_EXIT_OK;
        switch (c) {
        case O_FRONT: rc = parse_int(o, optarg, 2, 100000, &p.front); break;
        case O_START: rc = parse_int(o, optarg, 1, 99999, &p.start); break;
        case O_THETA: rc = cli_parse_double("war", o, optarg, &p.theta); break;
        case O_DISCOUNT: rc = cli_parse_double("war", o, optarg, &p.discount); break;
        case O_BELIEFS:
            if (sc_war_beliefs_parse(optarg, &p.beliefs, NULL) != SC_OK) {
                rc = cli_usage_error("war", "--beliefs must be predictive or plug-in, not '%s'",
                                     optarg);
            }
            break;
        case O_PRIOR_A: rc = cli_parse_pair("war", o, optarg, &p.prior_a[0], &p.prior_a[1]); break;
        case O_PRIOR_B: rc = cli_parse_pair("war", o, optarg, &p.prior_b[0], &p.prior_b[1]); break;
        case O_COST_A: rc = cli_parse_double("war", o, optarg, &p.cost_a); break;
        case O_COST_B: rc = cli_parse_double("war", o, optarg, &p.cost_b); break;
        case O_SANCTIONS: rc = cli_parse_double("war", o, optarg, &p.sanctions); break;
        case O_AID: rc = cli_parse_double("war", o, optarg, &p.aid); break;
        case O_AID_COST: rc = cli_parse_double("war", o, optarg, &p.aid_cost); break;
        case O_RULE:
            if (sc_war_rule_parse(optarg, &p.rule, NULL) != SC_OK) {
                rc = cli_usage_error("war", "--rule must be midpoint, nash or mediator, not '%s'",
                                     optarg);
            }
            break;
        case O_POWER: rc = cli_parse_double("war", o, optarg, &p.power); break;
        case O_PROPOSAL: rc = cli_parse_double("war", o, optarg, &p.mediator.ideal); break;
        case O_MCOST: rc = cli_parse_double("war", o, optarg, &p.mediator.cost); break;
        case O_RELIEF: rc = cli_parse_double("war", o, optarg, &p.mediator.relief); break;
        case O_PAY_A: rc = cli_parse_double("war", o, optarg, &p.mediator.pay_a); break;
        case O_PAY_B: rc = cli_parse_double("war", o, optarg, &p.mediator.pay_b); break;
        case O_GUARANTEE: rc = cli_parse_double("war", o, optarg, &p.mediator.guarantee); break;
        case O_THREAT_A: rc = cli_parse_double("war", o, optarg, &p.mediator.threat_a); break;
        case O_THREAT_B: rc = cli_parse_double("war", o, optarg, &p.mediator.threat_b); break;
        case O_CRED:
            rc = cli_parse_double("war", o, optarg, &x);
            p.mediator.credibility_a = p.mediator.credibility_b = x;
            break;
        case O_COMMIT:
        case O_SHIFT:
            rc = cli_parse_pair("war", o, optarg, &x, &y);
            p.shift_per_year = x;
            p.shift_years = y;
            if (c == O_COMMIT) {
                p.commitment = 1;
            }
            break;
        case O_NOCOMMIT: p.commitment = 0; break;
        case O_SCREEN:
            rc = cli_parse_pair("war", o, optarg, &p.cost_b_low, &p.cost_b_high);
            p.screening = 1;
            break;
        case O_NOSCREEN: p.screening = 0; break;
        case O_LINKED: rc = cli_parse_pair("war", o, optarg, &p.linked_a, &p.linked_b); break;
        case O_RELAPSE: rc = cli_parse_double("war", o, optarg, &p.relapse_hazard); break;
        case O_FOLLOW: rc = parse_int(o, optarg, 0, 1000000, &p.post_periods); break;
        case O_AGREEMENT: rc = cli_parse_double("war", o, optarg, &p.agreement); break;
        case O_INDUCE: rc = parse_int(o, optarg, 0, 1000000, &p.inducement_periods); break;
        case O_HORIZON: rc = parse_int(o, optarg, 1, 100000, &p.horizon); break;
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
        case O_RUNS:
            rc = cli_parse_u64("war", o, optarg, &v);
            if (rc == SC_EXIT_OK && (v < 1 || v > 100000000)) {
                rc = cli_usage_error("war", "--runs must be between 1 and 100000000");
            }
            p.runs = (size_t)v;
            break;
        case O_SEED: rc = cli_parse_u64("war", o, optarg, &p.seed); break;
        case O_THREADS:
            rc = cli_parse_u64("war", o, optarg, &v);
            if (rc == SC_EXIT_OK && v > 1024) {
                rc = cli_usage_error("war", "--threads must be at most 1024");
            }
            p.threads = (unsigned)v;
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
    int n = levers ? SC_WAR_LEVER_COUNT : 1;
    sc_war_params rows[SC_WAR_LEVER_COUNT];
    sc_war_result *res[SC_WAR_LEVER_COUNT] = {0};
    double se[SC_WAR_LEVER_COUNT * SC_WAR_LEVER_COUNT];
    for (int i = 0; i < n; i++) {
        sc_war_params_with_lever(&p, (sc_war_lever)i, 1, &rows[i]);
    }
    if (sc_war_compare(rows, (size_t)n, res, levers ? se : NULL, &diag) != SC_OK) {
        sc_scenario_free(s);
        return cli_fail(&diag);
    }
    struct {
        int found;
        double magnitude, p52, se;
    } take[SC_WAR_LEVER_COUNT];
    static const sc_war_lever searched[4] = {SC_WAR_LEVER_SANCTIONS, SC_WAR_LEVER_AID_CUT,
                                             SC_WAR_LEVER_INDUCEMENT, SC_WAR_LEVER_GUARANTEE};
    int failed = 0;
    for (int i = 0; takes && i < 4 && !failed; i++) {
        failed = sc_war_what_it_takes(&p, searched[i], &take[i].found, &take[i].magnitude,
                                      &take[i].p52, &take[i].se, &diag) != SC_OK;
    }
    if (failed) {
        for (int i = 0; i < n; i++) {
            sc_war_result_free(res[i]);
        }
        sc_scenario_free(s);
        return cli_fail(&diag);
    }
    rc = SC_EXIT_OK;
    if (format == SC_FORMAT_JSON) {
        json_t *doc = json_object();
        json_object_set_new(doc, "model", json_string("war"));
        json_object_set_new(doc, "a", json_string(a));
        json_object_set_new(doc, "b", json_string(b));
        json_object_set_new(doc, "mediator", m ? json_string(m) : json_null());
        json_object_set_new(doc, "runs", json_integer((json_int_t)p.runs));
        json_object_set_new(doc, "seed", json_integer((json_int_t)p.seed));
        json_object_set_new(doc, "front", json_integer(p.front));
        json_object_set_new(doc, "start", json_integer(p.start));
        json_object_set_new(doc, "theta", json_real(p.theta));
        json_object_set_new(doc, "discount", json_real(p.discount));
        json_object_set_new(doc, "beliefs", json_string(sc_war_beliefs_name(p.beliefs)));
        json_object_set_new(doc, "cost_a", json_real(p.cost_a));
        json_object_set_new(doc, "cost_b", json_real(p.cost_b));
        json_object_set_new(doc, "rule", json_string(sc_war_rule_name(p.rule)));
        json_object_set_new(doc, "proposal", json_real(p.mediator.ideal));
        json_object_set_new(doc, "commitment", json_boolean(p.commitment));
        json_object_set_new(doc, "screening", json_boolean(p.screening));
        json_object_set_new(doc, "lanchester", json_boolean(p.lanchester));
        if (levers) {
            json_t *lv = json_object();
            for (int i = 0; i < n; i++) {
                json_t *row = result_json(res[i]);
                json_object_set_new(row, "diff_vs_none",
                                    json_real(res[i]->p_ceasefire_52 - res[0]->p_ceasefire_52));
                json_object_set_new(row, "diff_vs_none_se", json_real(se[i * n]));
                json_object_set_new(lv, sc_war_lever_name((sc_war_lever)i), row);
            }
            json_object_set_new(doc, "levers", lv);
        } else {
            json_t *row = result_json(res[0]);
            json_object_update(doc, row);
            json_decref(row);
        }
        if (takes) {
            json_t *t = json_object();
            for (int i = 0; i < 4; i++) {
                json_t *o = json_object();
                json_object_set_new(o, "found", json_boolean(take[i].found));
                json_object_set_new(o, "magnitude", json_real(take[i].magnitude));
                json_object_set_new(o, "p_ceasefire_52", json_real(take[i].p52));
                json_object_set_new(o, "p_ceasefire_52_se", json_real(take[i].se));
                json_object_set_new(t, sc_war_lever_name(searched[i]), o);
            }
            json_object_set_new(doc, "what_it_takes", t);
        }
        char *out = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(17));
        json_decref(doc);
        if (!out) {
            fprintf(stderr, "statecraft war: out of memory\n");
            rc = SC_EXIT_FAILURE;
        } else {
            puts(out);
            free(out);
        }
    } else {
        printf("war %s (A) vs %s (B)%s%s: front %d, start %d, theta %.4f, discount %.6f, costs "
               "%.6f/%.6f,\n  %s beliefs, rule %s",
               a, b, m ? ", mediator " : "", m ? m : "", p.front, p.start, p.theta, p.discount,
               p.cost_a, p.cost_b, sc_war_beliefs_name(p.beliefs), sc_war_rule_name(p.rule));
        if (p.rule == SC_WAR_MEDIATOR) {
            printf(" (proposes %.3f, guarantee %.2f)", p.mediator.ideal, p.mediator.guarantee);
        }
        printf("%s%s; %zu runs, seed %llu\n", p.commitment ? ", commitment problem" : "",
               p.screening ? ", screening" : "", p.runs, (unsigned long long)p.seed);
        if (p.lanchester) {
            printf("theta from Lanchester forces %g vs %g, kill rates %g/%g, gamma %g, dt %g "
                   "(the fixed theta above is not used)\n",
                   p.force_a, p.force_b, p.alpha, p.beta, p.gamma, p.dt);
        }
        for (int i = 0; i < n; i++) {
            print_result(levers ? sc_war_lever_name((sc_war_lever)i) : "result", res[i]);
            if (levers && i > 0) {
                double d = res[i]->p_ceasefire_52 - res[0]->p_ceasefire_52;
                printf("%-10s difference from none %+.4f (se %.4f)%s\n", "", d, se[i * n],
                       fabs(d) > 2 * se[i * n] ? ", larger than noise" : ", within noise");
            }
        }
        for (int i = 0; takes && i < 4; i++) {
            if (take[i].found) {
                printf("what it takes: %-10s %.4g (P(ceasefire within 52) %.3f, se %.3f)\n",
                       sc_war_lever_name(searched[i]), take[i].magnitude, take[i].p52,
                       take[i].se);
            } else {
                printf("what it takes: %-10s not reached up to %.4g (P %.3f)\n",
                       sc_war_lever_name(searched[i]), take[i].magnitude, take[i].p52);
            }
        }
    }
    for (int i = 0; i < n; i++) {
        sc_war_result_free(res[i]);
    }
    sc_scenario_free(s);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    return fflush(stdout) == 0 ? SC_EXIT_OK : SC_EXIT_FAILURE;
}

const sc_cli_command sc_cli_command_war = {
    "war", "war termination: ceasefire odds, terms, mediator levers", run};
