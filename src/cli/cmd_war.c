/* SPDX-License-Identifier: MIT */
/* `statecraft war`: war termination with a mediator, from a scenario or from flags. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_output.h"
#include "statecraft/war.h"

enum {
    O_FRONT = 1, O_START, O_THETA, O_DISCOUNT, O_BELIEFS, O_PRIOR_A, O_PRIOR_B, O_COST_A,
    O_COST_B, O_SANCTIONS, O_AID, O_AID_COST, O_RULE, O_POWER, O_PROPOSAL, O_MCOST, O_RELIEF,
    O_PAY_A, O_PAY_B, O_GUARANTEE, O_THREAT_A, O_THREAT_B, O_CRED, O_COMMIT, O_SHIFT, O_NOCOMMIT,
    O_SCREEN, O_NOSCREEN, O_LINKED, O_RELAPSE, O_FOLLOW, O_AGREEMENT, O_INDUCE, O_HORIZON,
    O_FORCES, O_KILL, O_GAMMA, O_DT, O_RUNS, O_LEVERS, O_TAKES, O_NOSCEN
};

static const char *const beliefs_names[] = {"predictive", "plug-in", NULL};
static const char *const rule_names[] = {"midpoint", "nash", "mediator", NULL};

#define NUM(id, name, mv, help) {id, 0, name, CLI_NUMBER, CLI_NEGATIVE, mv, help, NULL, 0, 0, CLI_NAMES_NONE}
#define PAIR(id, name, mv, help) {id, 0, name, CLI_PAIR, CLI_NEGATIVE, mv, help, NULL, 0, 0, CLI_NAMES_NONE}
#define INT(id, name, mv, lo, hi, help) {id, 0, name, CLI_UINT, 0, mv, help, NULL, lo, hi, CLI_NAMES_NONE}
#define FLAG(id, name, help) {id, 0, name, CLI_FLAG, 0, NULL, help, NULL, 0, 0, CLI_NAMES_NONE}

static const cli_opt options[] = {
    FLAG(O_LEVERS, "levers",
         "compare the mediator's levers (none, sanctions, aid cut, both, inducement,\n"
         "guarantee) on common random numbers, with the standard error of each difference\n"
         "from no lever"),
    FLAG(O_TAKES, "what-it-takes",
         "the smallest sanctions, aid cut, inducement or guarantee that makes a ceasefire\n"
         "within 52 battles at least 50% likely"),
    INT(O_RUNS, "runs", "N", 1, 100000000, "simulated wars (default: the scenario's, else 2000)"),
    CLI_OPT_SEED("master seed (default: the scenario's war section, else 20250212): run k uses\n"
                 "stream (seed, k)"),
    CLI_OPT_THREADS,
    FLAG(O_NOSCEN, "no-scenario", "start from the defaults of docs/models/war.md, not a scenario"),
    CLI_OPT_HEADING("Model flags (override the scenario's war section):"),
    INT(O_FRONT, "front", "N", 2, 100000, "positions on the front"),
    INT(O_START, "start", "K", 1, 99999, "A's positions at the start"),
    NUM(O_THETA, "theta", "P", "probability that A wins a battle"),
    NUM(O_DISCOUNT, "discount", "D", "discount factor per battle (1, or at most 0.9999)"),
    {O_BELIEFS, 0, "beliefs", CLI_CHOICE, 0, "B",
     "average values over the beliefs (predictive), or use their means (plug-in)", beliefs_names,
     0, 0, CLI_NAMES_NONE},
    PAIR(O_PRIOR_A, "prior-a", "a,b", "A's Beta belief about theta"),
    PAIR(O_PRIOR_B, "prior-b", "a,b", "B's Beta belief about theta"),
    NUM(O_COST_A, "cost-a", "C", "A's cost per battle, as a share of the stakes"),
    NUM(O_COST_B, "cost-b", "C", "B's cost per battle, as a share of the stakes"),
    NUM(O_SANCTIONS, "sanctions", "C", "in force: added to A's cost per battle"),
    NUM(O_AID, "aid", "D", "in force: aid to B shifts the balance toward B by D (logit)"),
    NUM(O_AID_COST, "aid-cost", "C", "in force: aid lowers B's cost per battle by C"),
    {O_RULE, 0, "rule", CLI_CHOICE, 0, "R", "how terms are chosen", rule_names, 0, 0,
     CLI_NAMES_NONE},
    NUM(O_POWER, "power", "W", "A's bargaining power under the Nash rule"),
    NUM(O_PROPOSAL, "proposal", "X", "the mediator's preferred terms (A's share), which it proposes"),
    NUM(O_MCOST, "mediator-cost", "C", "the mediator's own cost per battle of the war going on"),
    NUM(O_RELIEF, "relief", "R", "the mediator's inducement: sanctions relief for accepting"),
    NUM(O_PAY_A, "pay-a", "G", "the mediator's payment to A for accepting"),
    NUM(O_PAY_B, "pay-b", "G", "the mediator's payment to B for accepting"),
    NUM(O_GUARANTEE, "guarantee", "G", "troop-backed guarantee of the mediator's deal, in [0, 1]"),
    NUM(O_THREAT_A, "threat-a", "C", "threat if A rejects: extra cost on A"),
    NUM(O_THREAT_B, "threat-b", "D", "threat if B rejects: aid cut to B"),
    NUM(O_CRED, "credibility", "K", "weight both sides give the threats (default: Kydd's rule)"),
    PAIR(O_COMMIT, "commitment", "SHIFT,YEARS",
         "commitment problem: the balance shifts toward A by SHIFT (logit) a year for YEARS\n"
         "years, and deals must survive it"),
    PAIR(O_SHIFT, "shift", "SHIFT,YEARS", "the same shift of the balance without the mechanism"),
    FLAG(O_NOCOMMIT, "no-commitment", "switch the scenario's commitment mechanism off"),
    PAIR(O_SCREEN, "screening", "LOW,HIGH",
         "private information: B's cost uniform on [LOW, HIGH], screened"),
    FLAG(O_NOSCREEN, "no-screening", "switch the scenario's screening off"),
    PAIR(O_LINKED, "linked", "LA,LB", "issue-linked stakes: what a deal's other terms are worth to A, B"),
    NUM(O_RELAPSE, "relapse", "H", "base hazard per period that a ceasefire fails"),
    INT(O_FOLLOW, "follow", "P", 0, 1000000, "periods a ceasefire is followed"),
    NUM(O_AGREEMENT, "agreement", "X", "detail of the agreement, 0 (bare ceasefire) to 1"),
    INT(O_INDUCE, "inducements", "P", 0, 1000000,
        "side-payments end after P periods; the deal is re-checked then"),
    INT(O_HORIZON, "horizon", "T", 1, 100000, "battles before a run is cut off"),
    PAIR(O_FORCES, "forces", "FA,FB",
         "Lanchester sub-model (any of these four turns it on; forces and kill rates are\n"
         "then required): the forces"),
    PAIR(O_KILL, "kill-rates", "a,b", "Lanchester: the kill rates"),
    NUM(O_GAMMA, "gamma", "G", "Lanchester: the exponent of the law"),
    NUM(O_DT, "dt", "T", "Lanchester: the time step"),
    CLI_OPTS_STATE,
    CLI_OPT_HEADING("Output:"),
    CLI_OPT_FORMAT,
    CLI_OPT_OUTPUT,
    CLI_OPT_TABLE_END};

static const cli_spec spec = {
    .name = "war",
    .summary = "war termination: ceasefire odds, terms, mediator levers",
    .synopsis = "[SCENARIO] [STATE] [--runs N] [--seed S] [--threads T] [--format F]\n"
                "[--levers] [--what-it-takes] [model flags] [-o FILE]\n"
                "--no-scenario [model flags] [options]",
    .description =
        "Simulates a war of battles on a front between A and B, who learn about the balance and\n"
        "bargain while they fight, until a ceasefire that holds, a military victory or the\n"
        "horizon (docs/models/war.md). Starts from the scenario's war section in the chosen\n"
        "state (the built-in scenario without SCENARIO; after all its events by default), or\n"
        "with --no-scenario from the defaults, then applies the flags. With no flags it prints\n"
        "exactly the report's no-lever row for the same state, seed and runs.\n",
    .options = options,
    .formats = "text json csv html",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft war --runs 10000 --seed 7\n"
                "the built-in scenario's war after the events\n"
                "\n"
                "statecraft war --levers --what-it-takes\n"
                "the mediator's levers compared, and what it takes for a ceasefire\n",
    .see_also = "statecraft-run(1), docs/models/war.md"};

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
    json_object_set_new(o, "mean_share_a_se", number_or_null(r->mean_share_a_se));
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

/* The progress of the lever rows, one after the other: sc_war_compare reports each row's runs. */
typedef struct war_progress {
    size_t base, last, total;
    cli_progress line;
} war_progress;

static void war_progress_cb(size_t done, size_t total, void *ctx)
{
    war_progress *w = ctx;
    if (done < w->last) {
        w->base += total; /* the next row began */
    }
    w->last = done;
    cli_progress_cb(w->base + done, w->total, &w->line);
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

static int run(int argc, char **argv)
{
    /* First pass: where do the parameters start from? */
    cli_parser cp;
    cli_parse_begin(&cp, &spec, argc, argv);
    int use_scenario = 1, levers = 0, takes = 0, c, rc;
    while ((c = cli_next(&cp)) > 0) {
        if (c == O_NOSCEN) {
            use_scenario = 0;
        } else if (c == O_LEVERS) {
            levers = 1;
        } else if (c == O_TAKES) {
            takes = 1;
        }
    }
    if (c == CLI_STOP) {
        cli_parse_end(&cp);
        return cp.status;
    }
    if (cp.n_operands > 1) {
        rc = cli_parser_error(&cp, "expected at most one SCENARIO, got '%s' and '%s'",
                              cp.operands[0], cp.operands[1]);
        cli_parse_end(&cp);
        return rc;
    }
    /* from here a SIGINT/SIGTERM is kept for the runs: they stop at once and print the runs done
       (a signal during the loading stops them after their first runs) */
    cli_interrupt_begin();
    sc_format format = cp.format;
    sc_war_params p;
    sc_war_params_init(&p);
    const char *a = "A", *b = "B", *m = NULL;
    sc_scenario *s = NULL;
    if (use_scenario) {
        rc = cli_load_state(cp.spec->name, cp.n_operands ? cp.operands[0] : NULL, NULL, 0,
                            &cp.state, NULL, &s);
        if (rc != SC_EXIT_OK) {
            cli_parse_end(&cp);
            return rc;
        }
        sc_diag diag;
        sc_diag_init(&diag);
        if (sc_war_params_from_scenario(s, &p, &a, &b, &m, &diag) != SC_OK) {
            sc_scenario_free(s);
            cli_parse_end(&cp);
            return cli_fail(&diag);
        }
    } else if (cp.n_operands) {
        rc = cli_parser_error(&cp, "--no-scenario takes no SCENARIO (got '%s')", cp.operands[0]);
        cli_parse_end(&cp);
        return rc;
    } else if (cp.state_given) {
        rc = cli_parser_error(&cp, "--no-scenario has no variants or events: drop "
                                   "--before-events, --after-events and --variant");
        cli_parse_end(&cp);
        return rc;
    }
    /* Second pass: the model flags override. */
    sc_state state = cp.state;
    cli_parse_end(&cp);
    cli_parse_begin(&cp, &spec, argc, argv);
    while ((c = cli_next(&cp)) > 0) {
        switch (c) {
        case O_FRONT: p.front = (int)cp.u; break;
        case O_START: p.start = (int)cp.u; break;
        case O_THETA: p.theta = cp.d; break;
        case O_DISCOUNT: p.discount = cp.d; break;
        case O_BELIEFS: sc_war_beliefs_parse(cp.arg, &p.beliefs, NULL); break;
        case O_PRIOR_A: p.prior_a[0] = cp.pair[0]; p.prior_a[1] = cp.pair[1]; break;
        case O_PRIOR_B: p.prior_b[0] = cp.pair[0]; p.prior_b[1] = cp.pair[1]; break;
        case O_COST_A: p.cost_a = cp.d; break;
        case O_COST_B: p.cost_b = cp.d; break;
        case O_SANCTIONS: p.sanctions = cp.d; break;
        case O_AID: p.aid = cp.d; break;
        case O_AID_COST: p.aid_cost = cp.d; break;
        case O_RULE: sc_war_rule_parse(cp.arg, &p.rule, NULL); break;
        case O_POWER: p.power = cp.d; break;
        case O_PROPOSAL: p.mediator.ideal = cp.d; break;
        case O_MCOST: p.mediator.cost = cp.d; break;
        case O_RELIEF: p.mediator.relief = cp.d; break;
        case O_PAY_A: p.mediator.pay_a = cp.d; break;
        case O_PAY_B: p.mediator.pay_b = cp.d; break;
        case O_GUARANTEE: p.mediator.guarantee = cp.d; break;
        case O_THREAT_A: p.mediator.threat_a = cp.d; break;
        case O_THREAT_B: p.mediator.threat_b = cp.d; break;
        case O_CRED: p.mediator.credibility_a = p.mediator.credibility_b = cp.d; break;
        case O_COMMIT:
        case O_SHIFT:
            p.shift_per_year = cp.pair[0];
            p.shift_years = cp.pair[1];
            if (c == O_COMMIT) {
                p.commitment = 1;
            }
            break;
        case O_NOCOMMIT: p.commitment = 0; break;
        case O_SCREEN:
            p.cost_b_low = cp.pair[0];
            p.cost_b_high = cp.pair[1];
            p.screening = 1;
            break;
        case O_NOSCREEN: p.screening = 0; break;
        case O_LINKED: p.linked_a = cp.pair[0]; p.linked_b = cp.pair[1]; break;
        case O_RELAPSE: p.relapse_hazard = cp.d; break;
        case O_FOLLOW: p.post_periods = (int)cp.u; break;
        case O_AGREEMENT: p.agreement = cp.d; break;
        case O_INDUCE: p.inducement_periods = (int)cp.u; break;
        case O_HORIZON: p.horizon = (int)cp.u; break;
        case O_FORCES: p.force_a = cp.pair[0]; p.force_b = cp.pair[1]; p.lanchester = 1; break;
        case O_KILL: p.alpha = cp.pair[0]; p.beta = cp.pair[1]; p.lanchester = 1; break;
        case O_GAMMA: p.gamma = cp.d; p.lanchester = 1; break;
        case O_DT: p.dt = cp.d; p.lanchester = 1; break;
        case O_RUNS: p.runs = (size_t)cp.u; break;
        case CLI_O_SEED: p.seed = cp.seed; break;
        case CLI_O_THREADS: p.threads = cp.threads; break;
        default: break;
        }
    }
    if (!cp.threads_given) {
        p.threads = cp.threads; /* STATECRAFT_THREADS, or 0: the library's default */
    }
    cli_parse_end(&cp);
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
    /* Ctrl-C (or SIGTERM) stops the runs: the statistics of the runs done are printed, marked
       partial, and the command exits 130 (143) without writing -o (cli_output.c) */
    war_progress prog = {0, 0, (size_t)n * p.runs, {0}};
    cli_progress_init(&prog.line, "war", "runs");
    for (int i = 0; i < n; i++) {
        rows[i].progress = war_progress_cb;
        rows[i].progress_ctx = &prog;
        rows[i].cancel = &cli_interrupted;
    }
    sc_status wst = sc_war_compare(rows, (size_t)n, res, levers ? se : NULL, &diag);
    cli_progress_done(&prog.line);
    int partial = wst == SC_ELIMIT && cli_interrupted;
    if (wst != SC_OK && !partial) {
        cli_interrupt_end();
        sc_scenario_free(s);
        return cli_fail(&diag);
    }
    size_t runs_done = 0;
    for (int i = 0; i < n; i++) {
        runs_done += res[i] ? res[i]->runs : 0;
    }
    if (partial) {
        cli_interrupt_note("war", diag.message);
        takes = 0; /* the search would run on partial estimates */
        while (n > 1 && !res[n - 1]) {
            n--; /* the levers not started */
        }
    }
    struct {
        int found;
        double magnitude, p52, se;
    } take[SC_WAR_LEVER_COUNT];
    static const sc_war_lever searched[4] = {SC_WAR_LEVER_SANCTIONS, SC_WAR_LEVER_AID_CUT,
                                             SC_WAR_LEVER_INDUCEMENT, SC_WAR_LEVER_GUARANTEE};
    int failed = 0;
    p.cancel = &cli_interrupted; /* an interrupted search is dropped below */
    for (int i = 0; takes && i < 4 && !failed && !cli_interrupted; i++) {
        failed = sc_war_what_it_takes(&p, searched[i], &take[i].found, &take[i].magnitude,
                                      &take[i].p52, &take[i].se, &diag) != SC_OK;
    }
    if (takes && cli_interrupted) {
        cli_interrupt_note("war", "the search for what it takes did not finish; the levers' rows "
                                  "are complete");
        takes = 0;
        partial = 1;
        failed = 0;
    }
    cli_interrupt_end();
    if (failed) {
        for (int i = 0; i < n; i++) {
            sc_war_result_free(res[i]);
        }
        sc_scenario_free(s);
        return cli_fail(&diag);
    }
    rc = SC_EXIT_OK;
    if (format != SC_FORMAT_TEXT) {
        json_t *doc = json_object();
        json_object_set_new(doc, "model", json_string("war"));
        if (s) {
            json_t *st = json_object();
            const char *variant = sc_scenario_variant_name(s), *date = sc_scenario_state_date(s);
            json_object_set_new(st, "variant", variant ? json_string(variant) : json_null());
            json_object_set_new(st, "events", json_string(state.events == SC_EVENTS_BEFORE
                                                              ? "before"
                                                              : "after"));
            json_object_set_new(st, "until", state.events == SC_EVENTS_AFTER && state.until
                                                 ? json_string(state.until)
                                                 : json_null());
            json_object_set_new(st, "date", date ? json_string(date) : json_null());
            json_object_set_new(doc, "state", st);
        } else {
            json_object_set_new(doc, "state", json_null());
        }
        json_object_set_new(doc, "a", json_string(a));
        json_object_set_new(doc, "b", json_string(b));
        json_object_set_new(doc, "mediator", m ? json_string(m) : json_null());
        json_object_set_new(doc, "runs", json_integer((json_int_t)p.runs));
        if (partial) {
            /* interrupted: the statistics below are those of the runs done */
            json_object_set_new(doc, "partial", json_true());
            json_object_set_new(doc, "runs_done", json_integer((json_int_t)runs_done));
        }
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
                json_object_set_new(row, "diff_vs_none_se", number_or_null(partial ? (double)NAN : se[i * n]));
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
        } else if (format == SC_FORMAT_JSON) {
            puts(out);
            free(out);
        } else {
            /* CSV and HTML are renderings of the JSON document */
            char *page = NULL;
            size_t len = 0;
            if (sc_report_render(out, strlen(out), NULL, format, &page, &len, &diag) != SC_OK) {
                rc = cli_fail(&diag);
            } else {
                rc = cli_write_text(NULL, page, len);
            }
            sc_free(page);
            free(out);
        }
    } else {
        if (s) {
            cli_state_text(stdout, s, &state);
        } else {
            printf("State: none (--no-scenario: the defaults of docs/models/war.md)\n");
        }
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
        if (partial) {
            printf("PARTIAL RESULTS: interrupted after %zu of %zu runs%s; the statistics below "
                   "are those of the runs done\n",
                   runs_done, p.runs * (size_t)(levers ? SC_WAR_LEVER_COUNT : 1),
                   levers ? " (all levers)" : "");
        }
        for (int i = 0; i < n; i++) {
            print_result(levers ? sc_war_lever_name((sc_war_lever)i) : "result", res[i]);
            if (levers && i > 0) {
                double d = res[i]->p_ceasefire_52 - res[0]->p_ceasefire_52;
                if (partial) {
                    printf("%-10s difference from none %+.4f (not paired: interrupted)\n", "",
                           d);
                    continue;
                }
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
    if (fflush(stdout) != 0) {
        return SC_EXIT_FAILURE;
    }
    return partial ? cli_interrupt_status() : SC_EXIT_OK;
}

const sc_cli_command sc_cli_command_war = {
    "war", "war termination: ceasefire odds, terms, mediator levers", run, &spec};
