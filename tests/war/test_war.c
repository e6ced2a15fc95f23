/* SPDX-License-Identifier: MIT */
/*
 * War termination, the simulation: closed forms against test_vectors_war.csv, the T1-T11
 * set-ups of war.md §7, and the Monte Carlo against an exact forward oracle (war_oracle.h).
 *
 * Statistical tolerances. A simulated proportion p over n runs has standard error
 * sqrt(p (1 - p)/n); a mean, sd/sqrt(n) with the exact sd from the oracle. Every comparison of a
 * simulated number with its exact value allows 4 standard errors (a false alarm in about 6e-5 of
 * runs, once the seed is fixed: never), stated at each use.
 */
#include "sc_test.h"

#include <jansson.h>

#include "report/sections.h"
#include "sc_scenario_test.h"
#include "statecraft/statecraft.h"
#include "statecraft/war.h"
#include "war/war_internal.h"
#include "war_oracle.h"

/* Reads "key=value;key=value" into value of `key`. */
static double arg(const char *inputs, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = inputs; p && *p;) {
        if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
            return atof(p + kl + 1);
        }
        p = strchr(p, ';');
        p = p ? p + 1 : NULL;
    }
    fail_msg("no %s in %s", key, inputs);
    return 0;
}

static void test_vectors(void **state)
{
    (void)state;
    FILE *fp = fopen(sc_test_shared("reference/models/data/test_vectors_war.csv"), "r");
    assert_non_null(fp);
    char line[512];
    int checked = 0;
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#' || strncmp(line, "test,", 5) == 0) {
            continue;
        }
        char *f[10] = {0};
        size_t n = 0;
        char *p = line;
        /* fields, with the quoted inputs of the TIOLI row */
        while (n < 10 && *p && *p != '\n') {
            if (*p == '"') {
                f[n++] = ++p;
                p = strchr(p, '"');
                *p++ = '\0';
                if (*p == ',') {
                    p++;
                }
                continue;
            }
            f[n++] = p;
            char *c = strpbrk(p, ",\n");
            if (!c) {
                break;
            }
            int end = *c == '\n';
            *c = '\0';
            p = c + 1;
            if (end) {
                break;
            }
        }
        const char *test = f[0], *in = f[1];
        if (strcmp(test, "gamblers_ruin") == 0) {
            int k = (int)arg(in, "k"), N = (int)arg(in, "N");
            double th = arg(in, "theta");
            SC_ASSERT_NEAR(sc_war_ruin_win(k, N, th), atof(f[3]), 1e-6);
            SC_ASSERT_NEAR(sc_war_ruin_duration(k, N, th), atof(f[5]), 1e-4);
        } else if (strcmp(test, "lanchester_square") == 0) {
            sc_lanchester l;
            assert_int_equal(sc_war_lanchester_square(arg(in, "A0"), arg(in, "B0"),
                                                      arg(in, "alpha"), arg(in, "beta"), &l, NULL),
                             SC_OK);
            assert_int_equal(l.winner, strcmp(f[3], "A") == 0 ? 1 : -1);
            SC_ASSERT_NEAR(l.survivors, atof(f[5]), 1e-4);
            SC_ASSERT_NEAR(l.t_end, atof(f[7]), 1e-4);
        } else if (strcmp(test, "fearon_range") == 0) {
            double lo, hi;
            sc_war_fearon_range(arg(in, "p"), arg(in, "cA"), arg(in, "cB"), &lo, &hi);
            SC_ASSERT_NEAR(lo, atof(f[3]), 1e-12);
            SC_ASSERT_NEAR(hi, atof(f[5]), 1e-12);
        } else if (strcmp(test, "fearon_tioli_uniform") == 0) {
            double x, pw;
            const char *u = strstr(in, "cB~U[0,");
            assert_non_null(u);
            double cbar = atof(u + strlen("cB~U[0,"));
            sc_war_tioli_uniform(arg(in, "p"), arg(in, "cA"), cbar, &x, &pw);
            SC_ASSERT_NEAR(x, atof(f[3]), 1e-4);
            SC_ASSERT_NEAR(pw, 1.0 / 3.0, 1e-12); /* war.md §1: exactly 1/3 */
            SC_ASSERT_NEAR(pw, atof(f[5]), 1e-4);
        } else if (strcmp(test, "reservation_values") == 0) {
            int k = (int)arg(in, "k"), N = (int)arg(in, "N");
            double va = sc_war_value_a(k, N, arg(in, "muA_A"), arg(in, "cA"));
            double vb = sc_war_value_b(k, N, arg(in, "muA_B"), arg(in, "cB"));
            SC_ASSERT_NEAR(va, atof(f[3]), 1e-6);
            SC_ASSERT_NEAR(vb, atof(f[5]), 1e-6);
            assert_int_equal(va <= 1 - vb + 1e-9, strncmp(f[7], "True", 4) == 0);
        } else {
            fail_msg("unknown test row %s", test);
        }
        checked++;
    }
    fclose(fp);
    assert_int_equal(checked, 15);
}

static void test_identities(void **state)
{
    (void)state;
    /* T2: symmetric optimism g: the range is non-empty iff g <= c N, at every interior k */
    int N = 20;
    double g = 0.1;
    for (int k = 1; k < N; k++) {
        for (int side = -1; side <= 1; side += 2) {
            double c = 0.005 + side * 1e-4;
            double va = sc_war_value_a(k, N, 0.5 + g / 2, c);
            double vb = sc_war_value_b(k, N, 0.5 - g / 2, c);
            assert_int_equal(va <= 1 - vb + 1e-12, g <= c * N);
        }
    }
    /* T3: delta_A = c_A N gives V_A = k/N exactly */
    for (int k = 1; k < N; k++) {
        SC_ASSERT_NEAR(sc_war_value_a(k, N, 0.55, 0.1 / N), (double)k / N, 1e-12);
    }
}

static sc_war_result *sim(const sc_war_params *p)
{
    sc_war_result *r = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_war_simulate(p, &r, &d) != SC_OK) {
        fail_msg("%s", d.message);
    }
    return r;
}

static double *constant_theta(const sc_war_params *p)
{
    double *th = malloc((size_t)p->horizon * sizeof *th);
    for (int t = 0; t < p->horizon; t++) {
        th[t] = p->theta;
    }
    return th;
}

/* How many oracle cases checked a standard error of the mean terms (a spread of the terms) */
static int oracle_terms_spread_checked;

/* Simulation against the exact oracle: the curve, the outcomes, the mean duration and terms. */
static void check_against_oracle(const sc_war_params *p, const double *theta, const int *ts,
                                 size_t nts)
{
    war_exact x;
    war_exact_run(p, theta, &x);
    sc_war_result *r = sim(p);
    double n = (double)p->runs;
    for (size_t i = 0; i < nts; i++) {
        /* P(first ceasefire <= t): a proportion, 4 standard errors */
        SC_ASSERT_PROPORTION(sc_war_result_by_battle(r, ts[i]), x.cf_by[ts[i]], n, 4);
    }
    /* the headline is the curve at 52 battles (a ceasefire AT battle 52 counts) */
    SC_ASSERT_NEAR(r->p_ceasefire_52, sc_war_result_by_battle(r, 52), 0);
    SC_ASSERT_PROPORTION(r->p_ceasefire_52, x.cf_by[p->horizon < 52 ? p->horizon : 52], n, 4);
    SC_ASSERT_PROPORTION(r->p_victory_a, x.win_a, n, 4);
    SC_ASSERT_PROPORTION(r->p_victory_b, x.win_b, n, 4);
    SC_ASSERT_PROPORTION(r->p_ongoing, x.ongoing, n, 4);
    SC_ASSERT_PROPORTION(r->p_held, x.ceasefire, n, 4);
    /* the mean of n durations: 4 standard errors, sd exact */
    SC_ASSERT_NEAR(r->mean_battles, x.mean_battles, 4 * sqrt(x.var_battles / n) + 1e-12);
    assert_true(r->mean_battles_se > 0.5 * sqrt(x.var_battles / n));
    assert_true(r->mean_battles_se < 2 * sqrt(x.var_battles / n) + 1e-12);
    /* the mean terms of the ceasefires that held, and their standard error against the exact
     * spread of the terms given a ceasefire (the oracle's atoms) */
    if (x.ceasefire > 0 && r->p_held > 0) {
        double var = 0;
        for (size_t i = 0; i < x.n_terms; i++) {
            double dev = x.terms_at[i] - x.mean_terms;
            var += x.terms_p[i] / x.ceasefire * dev * dev;
        }
        double se = sqrt(var / (r->p_held * n));
        print_message("mean terms %.5f (exact %.5f), se %.2e (exact sd/sqrt(held) %.2e)\n",
                      r->mean_share_a, x.mean_terms, r->mean_share_a_se, se);
        SC_ASSERT_NEAR(r->mean_share_a, x.mean_terms, 4 * se + 1e-9);
        if (var > 1e-6) {
            assert_true(r->mean_share_a_se > 0.5 * se && r->mean_share_a_se < 2 * se);
            oracle_terms_spread_checked++;
        }
    } else {
        assert_true(isnan(r->mean_share_a) && isnan(r->mean_share_a_se));
    }
    sc_war_result_free(r);
    war_exact_free(&x);
}

/* T5: no bargaining (costs 0, beliefs that never meet): victories and durations follow the
 * gambler's ruin, exactly by the oracle and within 4 standard errors by the simulation. */
static void test_t5_no_bargaining(void **state)
{
    (void)state;
    sc_war_params p;
    sc_war_params_init(&p);
    p.beliefs = SC_WAR_PLUG_IN;
    p.cost_a = p.cost_b = 0;
    p.prior_a[0] = 90;
    p.prior_a[1] = 10;
    p.prior_b[0] = 10;
    p.prior_b[1] = 90;
    p.front = 10;
    p.start = 3;
    p.theta = 0.6;
    p.runs = 50000;
    p.horizon = 400;
    double *th = constant_theta(&p);
    war_exact x;
    war_exact_run(&p, th, &x);
    SC_ASSERT_NEAR(x.win_a, 0.716122, 1e-6);            /* war.md §3 */
    SC_ASSERT_NEAR(x.mean_battles, 20.8061, 1e-3);       /* (the horizon cuts off < 1e-6) */
    war_exact_free(&x);
    static const int ts[] = {0, 10, 52, 400};
    check_against_oracle(&p, th, ts, 4);
    free(th);
}

/*
 * T6-T11 with plug-in beliefs (the reference war.md's own design, §7). docs/models/war.md's
 * table "T6-T9" gives, for each case, the exact mean duration and mean terms (the forward oracle
 * of war_oracle.h: no sampling error), which this test pins to the digits printed there; the
 * simulation (20,000 runs) meets them within 4 of its standard errors; and the reference's own
 * Monte Carlo figures lie within 4 standard errors of a 50,000-run Monte Carlo of the exact
 * values, as the page says.
 */
/* The numbers of docs/models/war.md's T6-T9 table row `| name | ...`: exact battles, reference
 * battles, exact terms, reference terms (the simulated columns are left out). */
static void doc_row(const char *md, const char *name, double v[4])
{
    char key[16];
    snprintf(key, sizeof key, "\n| %s | ", name);
    const char *row = strstr(md, key);
    if (!row) {
        fail_msg("docs/models/war.md has no table row for %s", name);
    }
    double col[6];
    const char *q = row + strlen(key) - 2; /* at the '|' before the first column */
    for (int c = 0; c < 6; c++) {
        assert_true(*q == '|');
        col[c] = strtod(q + 1, NULL);
        q = strchr(q + 1, '|');
        assert_non_null(q);
    }
    v[0] = col[0];
    v[1] = col[1];
    v[2] = col[3];
    v[3] = col[4];
}

static void test_t6_to_t11_plug_in(void **state)
{
    (void)state;
    size_t md_len = 0;
    char *md = sc_test_slurp(sc_test_source("docs/models/war.md"), &md_len);
    assert_non_null(md);
    int spread_before = oracle_terms_spread_checked;
    struct {
        const char *name;
        double sanctions, theta;
        double mean, share;         /* exact, as printed in docs/models/war.md (3 and 4 decimals) */
        double ref_mean, ref_share; /* the reference war.md's Monte Carlo figures */
    } cases[] = {{"T6", 0, 0.5, 67.054, 0.5000, 67.4, 0.50},
                 {"T7", 0.004, 0.5, 28.806, 0.3707, 28.9, 0.374},
                 {"T8", 0, 0.45, 57.818, 0.1744, 58.1, 0.172},
                 {"T9", 0.004, 0.45, 24.822, 0.1846, 24.9, 0.186}};
    for (size_t i = 0; i < 4; i++) {
        sc_war_params p;
        sc_war_params_init(&p);
        p.beliefs = SC_WAR_PLUG_IN;
        p.runs = 20000;
        p.horizon = 400;
        p.sanctions = cases[i].sanctions;
        p.theta = cases[i].theta;
        double *th = constant_theta(&p);
        war_exact x;
        war_exact_run(&p, th, &x);
        SC_ASSERT_NEAR(x.ceasefire, 1, 1e-9);
        /* the page prints the numbers this test checks */
        double doc[4];
        doc_row(md, cases[i].name, doc);
        SC_ASSERT_NEAR(doc[0], cases[i].mean, 0);
        SC_ASSERT_NEAR(doc[1], cases[i].ref_mean, 0);
        SC_ASSERT_NEAR(doc[2], cases[i].share, 0);
        SC_ASSERT_NEAR(doc[3], cases[i].ref_share, 0);
        /* the page's exact figures, to half a unit of their last digit */
        SC_ASSERT_NEAR(x.mean_battles, cases[i].mean, 5e-4);
        SC_ASSERT_NEAR(x.mean_terms, cases[i].share, 5e-5);
        /* the reference's Monte Carlo figures: within 4 standard errors of a 50,000-run
         * estimate (the size the reference states for its T5 Monte Carlo; T6-T9 do not say),
         * plus half a unit of the last digit it prints (0.05 battles, 0.0005 terms) */
        double var_terms = 0;
        for (size_t j = 0; j < x.n_terms; j++) {
            double dev = x.terms_at[j] - x.mean_terms;
            var_terms += x.terms_p[j] / x.ceasefire * dev * dev;
        }
        SC_ASSERT_NEAR(cases[i].ref_mean, x.mean_battles, 4 * sqrt(x.var_battles / 5e4) + 0.05);
        SC_ASSERT_NEAR(cases[i].ref_share, x.mean_terms, 4 * sqrt(var_terms / 5e4) + 5e-4);
        static const int ts[] = {0, 10, 26, 52, 104};
        check_against_oracle(&p, th, ts, 5);
        /* the mean terms of n ceasefires (every run settles): 4 SE, the SD of the terms exact
         * from the oracle's atoms */
        double se_terms = sqrt(var_terms / (double)p.runs);
        assert_true(se_terms > 0);
        sc_war_result *r = sim(&p);
        double se_battles = sqrt(x.var_battles / (double)p.runs);
        print_message("%s: exact battles %.3f (SD %.2f; reference %.1f), terms %.4f (reference "
                      "%.3f); simulated battles %.2f (SE %.2f), terms %.4f (SE %.4f)\n",
                      cases[i].name, x.mean_battles, sqrt(x.var_battles), cases[i].ref_mean,
                      x.mean_terms, cases[i].ref_share, r->mean_battles, se_battles,
                      r->mean_share_a, se_terms);
        SC_ASSERT_NEAR(r->mean_share_a, x.mean_terms, 4 * se_terms);
        sc_war_result_free(r);
        war_exact_free(&x);
        free(th);
    }
    free(md);
    /* every case's terms spread, so every one checked the standard error of the mean terms */
    assert_int_equal(oracle_terms_spread_checked - spread_before, 4);
    /* T10: common priors settle at once at the middle */
    sc_war_params p;
    sc_war_params_init(&p);
    p.beliefs = SC_WAR_PLUG_IN;
    p.runs = 500;
    p.prior_a[0] = p.prior_a[1] = p.prior_b[0] = p.prior_b[1] = 20;
    sc_war_result *r = sim(&p);
    SC_ASSERT_NEAR(r->mean_battles, 0, 0);
    SC_ASSERT_NEAR(r->mean_share_a, 0.5, 1e-9);
    /* every run at the same terms: no spread, so no error (to the histogram's half bin) */
    assert_true(r->mean_share_a_se >= 0 && r->mean_share_a_se < 1e-5);
    sc_war_result_free(r);
    /* a single ceasefire has no spread of its own: the largest a share can have, 0.5, so that no
     * change of terms against it is beyond noise */
    p.runs = 1;
    r = sim(&p);
    SC_ASSERT_NEAR(r->p_held, 1, 0);
    SC_ASSERT_NEAR(r->mean_share_a_se, 0.5, 0);
    sc_war_result_free(r);
    /* T11: strong opposed priors and cheap war: no settlement; with no settlement the mean
     * duration is the gambler's ruin k (N - k) = 100 (war.md says about 103) */
    sc_war_params_init(&p);
    p.beliefs = SC_WAR_PLUG_IN;
    p.prior_a[0] = 60;
    p.prior_a[1] = 40;
    p.prior_b[0] = 40;
    p.prior_b[1] = 60;
    p.cost_a = p.cost_b = 0.001;
    p.runs = 20000;
    double *th = constant_theta(&p);
    war_exact x;
    war_exact_run(&p, th, &x);
    assert_true(x.ceasefire < 1e-4); /* beliefs meet only in a few very long wars */
    SC_ASSERT_NEAR(x.mean_battles, 100, 0.05); /* the horizon 2000 cuts off < 1e-4 */
    static const int ts11[] = {0, 100, 1000};
    check_against_oracle(&p, th, ts11, 3);
    war_exact_free(&x);
    free(th);
}

/* Predictive beliefs: the simulation (tables) against the oracle (quadrature at each state). */
static void test_predictive_against_oracle(void **state)
{
    (void)state;
    sc_war_params p;
    sc_war_params_init(&p);
    p.front = 12;
    p.start = 6;
    p.theta = 0.55;
    p.prior_a[0] = 14;
    p.prior_a[1] = 6;
    p.prior_b[0] = 7;
    p.prior_b[1] = 13;
    p.cost_a = 0.004;
    p.cost_b = 0.006;
    p.discount = 0.995;
    p.horizon = 160;
    p.runs = 40000;
    double *th = constant_theta(&p);
    war_exact x;
    war_exact_run(&p, th, &x);
    print_message("predictive: P(cf) %.4f, A %.4f, B %.4f, battles %.2f\n", x.ceasefire, x.win_a,
                  x.win_b, x.mean_battles);
    /* the set-up must exercise every outcome for the comparison to mean something */
    assert_true(x.ceasefire > 0.05 && x.win_a > 0.05 && x.win_b > 0.02);
    static const int ts[] = {0, 1, 5, 10, 20, 40, 52, 100, 160};
    check_against_oracle(&p, th, ts, sizeof ts / sizeof ts[0]);
    /* terms: the median and 95% quantile of the ceasefires that held, which are atoms of the
     * exact distribution; the simulation's histogram holds them to a bin (1/16384) */
    sc_war_result *r = sim(&p);
    double q50 = war_exact_terms_quantile(&x, 0.5), q95 = war_exact_terms_quantile(&x, 0.95);
    SC_ASSERT_NEAR(r->share_q[2], q50, 2.0 / SC_WAR_TERMS_BINS);
    SC_ASSERT_NEAR(r->share_q[4], q95, 2.0 / SC_WAR_TERMS_BINS);
    sc_war_result_free(r);
    war_exact_free(&x);
    free(th);
}

/* The Lanchester sub-model with alpha != beta: theta per battle from the forces, computed here
 * independently, against the oracle; swapping alpha and beta must change the answer. */
static void test_lanchester_asymmetric(void **state)
{
    (void)state;
    sc_war_params p;
    sc_war_params_init(&p);
    p.beliefs = SC_WAR_PLUG_IN;
    p.lanchester = 1;
    p.force_a = 100;
    p.force_b = 120;
    p.alpha = 0.004;
    p.beta = 0.002;
    p.gamma = 1.5;
    p.dt = 1;
    p.cost_a = p.cost_b = 0;
    p.prior_a[0] = 90;
    p.prior_a[1] = 10;
    p.prior_b[0] = 10;
    p.prior_b[1] = 90;
    p.front = 16;
    p.start = 8;
    p.horizon = 300;
    p.runs = 30000;
    for (int swap = 0; swap < 2; swap++) {
        double *th = malloc((size_t)p.horizon * sizeof *th);
        double fa = p.force_a, fb = p.force_b;
        for (int t = 0; t < p.horizon; t++) {
            double sa = pow(p.alpha * fa, p.gamma), sb = pow(p.beta * fb, p.gamma);
            th[t] = sa / (sa + sb);
            /* square law over one battle: A loses beta B dt, B loses alpha A dt */
            double na = fa - p.beta * fb * p.dt, nb = fb - p.alpha * fa * p.dt;
            fa = na > 1e-9 ? na : 1e-9;
            fb = nb > 1e-9 ? nb : 1e-9;
        }
        static const int ts[] = {0};
        check_against_oracle(&p, th, ts, 1);
        war_exact x;
        war_exact_run(&p, th, &x);
        print_message("alpha %g beta %g: P(A wins) %.4f\n", p.alpha, p.beta, x.win_a);
        assert_true(swap ? x.win_a < 0.3 : x.win_a > 0.7);
        war_exact_free(&x);
        free(th);
        double t = p.alpha;
        p.alpha = p.beta;
        p.beta = t;
    }
}

/* T1: common beliefs settle before any battle: the curve at t = 0 is 1, at every rule. */
static void test_t1_t4_simulation(void **state)
{
    (void)state;
    sc_war_params p;
    sc_war_params_init(&p);
    p.beliefs = SC_WAR_PLUG_IN;
    p.front = 10;
    p.start = 5;
    p.prior_a[0] = p.prior_a[1] = p.prior_b[0] = p.prior_b[1] = 7.5;
    p.cost_a = p.cost_b = 0.01;
    p.runs = 500;
    static const struct {
        sc_war_rule rule;
        double power, terms;
    } rules[] = {{SC_WAR_MIDPOINT, 0, 0.5}, {SC_WAR_NASH, 0.3, 0.25 + 0.3 * 0.5}};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        p.rule = rules[i].rule;
        p.power = rules[i].power;
        sc_war_result *r = sim(&p);
        SC_ASSERT_NEAR(r->curve[0], 1, 0);
        SC_ASSERT_NEAR(r->p_ceasefire_52, 1, 0);
        SC_ASSERT_NEAR(r->mean_battles, 0, 0);
        SC_ASSERT_NEAR(r->battles_q[4], 0, 0);
        /* every run settles at one value: each quantile is that value's bin */
        SC_ASSERT_NEAR(r->share_q[0], rules[i].terms, 1.0 / SC_WAR_TERMS_BINS);
        SC_ASSERT_NEAR(r->share_q[4], rules[i].terms, 1.0 / SC_WAR_TERMS_BINS);
        SC_ASSERT_NEAR(r->mean_share_a, rules[i].terms, 1e-9);
        assert_int_equal(r->n_modes, 1);
        SC_ASSERT_NEAR(r->mode_share[0], 1, 0);
        sc_war_result_free(r);
    }
    /* T4: Beta(6,4) vs Beta(4,6): the range is empty at t = 0, every run fights */
    p.rule = SC_WAR_MIDPOINT;
    p.prior_a[0] = 6;
    p.prior_a[1] = 4;
    p.prior_b[0] = 4;
    p.prior_b[1] = 6;
    sc_war_result *r = sim(&p);
    SC_ASSERT_NEAR(r->curve[0], 0, 0);
    assert_true(r->battles_q[0] >= 1);
    sc_war_result_free(r);
}

/* The horizon counts battles: a war that can neither settle nor end stops after exactly T. */
static void test_horizon(void **state)
{
    (void)state;
    sc_war_params p;
    sc_war_params_init(&p);
    p.front = 1000;
    p.start = 500;
    p.cost_a = p.cost_b = 0;
    p.prior_a[0] = 90;
    p.prior_a[1] = 10;
    p.prior_b[0] = 10;
    p.prior_b[1] = 90;
    p.horizon = 5;
    p.runs = 300;
    sc_war_result *r = sim(&p);
    SC_ASSERT_NEAR(r->p_ongoing, 1, 0);
    SC_ASSERT_NEAR(r->mean_battles, 5, 0);
    for (int q = 0; q < 5; q++) {
        SC_ASSERT_NEAR(r->battles_q[q], 5, 0);
    }
    assert_int_equal(r->horizon, 5);
    SC_ASSERT_NEAR(r->curve[5], 0, 0);
    assert_true(isnan(r->share_q[2]) && isnan(r->mean_share_a));
    sc_war_result_free(r);
}

static void assert_results_identical(const sc_war_result *a, const sc_war_result *b)
{
    assert_int_equal(a->runs, b->runs);
    assert_int_equal(a->horizon, b->horizon);
    /* every number of the struct up to the curve pointer, then the curve */
    assert_memory_equal(&a->p_ceasefire, &b->p_ceasefire,
                        offsetof(sc_war_result, horizon) - offsetof(sc_war_result, p_ceasefire));
    assert_memory_equal(a->curve, b->curve, ((size_t)a->horizon + 1) * sizeof *a->curve);
    assert_memory_equal(a->ended, b->ended, ((size_t)a->horizon + 1) * sizeof *a->ended);
}

static sc_war_params mechanism_params(void)
{
    sc_war_params p;
    sc_war_params_init(&p);
    p.front = 60;
    p.start = 40;
    p.theta = 0.6;
    p.discount = 0.99;
    p.prior_a[0] = 16;
    p.prior_a[1] = 4;
    p.prior_b[0] = 3;
    p.prior_b[1] = 17;
    p.cost_a = 0.0008;
    p.cost_b = 0.0012;
    p.rule = SC_WAR_MEDIATOR;
    p.mediator.ideal = 0.6;
    p.mediator.cost = 0.001;
    p.mediator.relief = 0.02;
    p.mediator.guarantee = 0.3;
    p.mediator.threat_b = 0.5;
    p.commitment = 1;
    p.shift_per_year = 0.4;
    p.shift_years = 1;
    p.relapse_hazard = 0.004;
    p.post_periods = 52;
    p.levers.sanctions = 0.002;
    p.levers.aid_cut = 0.6;
    p.levers.relief = 0.05;
    p.levers.guarantee = 0.5;
    p.horizon = 260;
    p.runs = 4001;
    return p;
}

/* Results are bit-identical for any thread count; compare() rows equal simulate() alone. */
static void test_threads_and_compare(void **state)
{
    (void)state;
    sc_war_params p = mechanism_params();
    p.screening = 1;
    p.cost_b_low = 0.0005;
    p.cost_b_high = 0.003;
    p.mediator.pay_b = 0.02;
    p.inducement_periods = 10;
    sc_war_result *ref = NULL;
    for (unsigned t = 1; t <= 8; t *= 2) {
        p.threads = t;
        sc_war_result *r = sim(&p);
        if (!ref) {
            ref = r;
            continue;
        }
        assert_results_identical(r, ref);
        sc_war_result_free(r);
    }
    sc_war_params rows[3];
    sc_war_params_with_lever(&p, SC_WAR_LEVER_NONE, 1, &rows[0]);
    sc_war_params_with_lever(&p, SC_WAR_LEVER_SANCTIONS, 1, &rows[1]);
    sc_war_params_with_lever(&p, SC_WAR_LEVER_GUARANTEE, 1, &rows[2]);
    sc_war_result *res[3];
    double se[9];
    assert_int_equal(sc_war_compare(rows, 3, res, se, NULL), SC_OK);
    assert_results_identical(res[0], ref);
    for (int i = 1; i < 3; i++) {
        sc_war_result *alone = sim(&rows[i]);
        assert_results_identical(res[i], alone);
        sc_war_result_free(alone);
    }
    /* paired standard errors: zero on the diagonal, symmetric, and no larger than the sum of
     * the two rows' own standard errors (paired differences of positively correlated rows) */
    for (int i = 0; i < 3; i++) {
        SC_ASSERT_NEAR(se[i * 3 + i], 0, 1e-15);
        for (int j = 0; j < 3; j++) {
            SC_ASSERT_NEAR(se[i * 3 + j], se[j * 3 + i], 1e-15);
            assert_true(se[i * 3 + j] <=
                        res[i]->p_ceasefire_52_se + res[j]->p_ceasefire_52_se + 1e-12);
        }
    }
    for (int i = 0; i < 3; i++) {
        sc_war_result_free(res[i]);
    }
    /* a different seed gives a different sample */
    p.seed++;
    sc_war_result *other = sim(&p);
    assert_true(memcmp(other->curve, ref->curve, ((size_t)p.horizon + 1) * sizeof *ref->curve));
    sc_war_result_free(other);
    sc_war_result_free(ref);
}

/*
 * The commitment problem's closed-form special case in the simulation: with beliefs that do not
 * move (a prior of strength 1e7 on the true theta), a ceasefire comes at t = 0 exactly when
 * max(v_A(theta0), d^T v_A(theta1)) <= 1 - max(v_B(theta0), d^T v_B(theta1)) (Powell 2006 in
 * bargaining terms, sc_war_commitment_range), and switching the mechanism off restores the
 * plain range.
 */
static void test_commitment_special_case(void **state)
{
    (void)state;
    int wars = 0, deals = 0;
    for (double shift = -2.0; shift <= 2.01; shift += 0.25) {
        sc_war_params p;
        sc_war_params_init(&p);
        p.front = 30;
        p.start = 15;
        p.theta = 0.52;
        p.discount = 0.99;
        p.prior_a[0] = p.prior_b[0] = 0.52e7;
        p.prior_a[1] = p.prior_b[1] = 0.48e7;
        p.cost_a = 0.001;
        p.cost_b = 0.0015;
        p.commitment = 1;
        p.shift_per_year = shift;
        p.shift_years = 0.5;
        p.battles_per_year = 52;
        p.horizon = 3;
        p.runs = 200;
        if (shift == 0) {
            continue;
        }
        int T = 26;
        double th1 = 1 / (1 + exp(-(log(0.52 / 0.48) + shift * 0.5)));
        double g0, s0, g1, s1;
        sc_war_value_parts(15, 30, 0.52, 0.99, &g0, &s0);
        sc_war_value_parts(15, 30, th1, 0.99, &g1, &s1);
        double lo, hi, dT = pow(0.99, T);
        sc_war_commitment_range(g0 - p.cost_a * s0, g1 - p.cost_a * s1, 1 - g0 - p.cost_b * s0,
                                1 - g1 - p.cost_b * s1, dT, &lo, &hi);
        print_message("shift %+.2f: lo %.5f hi %.5f\n", shift, lo, hi);
        if (fabs(lo - hi) < 1e-4) {
            continue; /* too close to the edge for a 1e-7 belief error */
        }
        sc_war_result *r = sim(&p);
        SC_ASSERT_NEAR(r->curve[0], lo <= hi ? 1 : 0, 0);
        wars += lo > hi;
        deals += lo <= hi;
        sc_war_result_free(r);
        /* without the mechanism the plain range [v_A, 1 - v_B] is never empty here */
        p.commitment = 0;
        r = sim(&p);
        SC_ASSERT_NEAR(r->curve[0], 1, 0);
        sc_war_result_free(r);
    }
    assert_true(wars >= 3 && deals >= 3);
}

/*
 * Issue-linked stakes (Fearon 1995's indivisibility in its issue-linkage form): a deal also
 * settles linked issues worth L_A to A and L_B to B, so with beliefs that do not move the range
 * is [V_A - L_A, 1 - V_B + L_B] and war follows iff L_A + L_B < -(the surplus of the plain
 * range); on a grid of packages, exactly at t = 0.
 */
static void test_linked_special_case(void **state)
{
    (void)state;
    double g, s;
    sc_war_value_parts(20, 40, 0.55, 0.99, &g, &s);
    double va = g - 0.002 * s, vb = 1 - g - 0.003 * s;
    int wars = 0, deals = 0;
    for (double la = -0.4; la <= 0.41; la += 0.1) {
        for (double lb = -0.4; lb <= 0.41; lb += 0.1) {
            double surplus = 1 - va - vb + la + lb;
            if (fabs(surplus) < 1e-4) {
                continue;
            }
            sc_war_params p;
            sc_war_params_init(&p);
            p.front = 40;
            p.start = 20;
            p.theta = 0.55;
            p.discount = 0.99;
            p.prior_a[0] = p.prior_b[0] = 0.55e7;
            p.prior_a[1] = p.prior_b[1] = 0.45e7;
            p.cost_a = 0.002;
            p.cost_b = 0.003;
            p.linked_a = la;
            p.linked_b = lb;
            p.horizon = 2;
            p.runs = 100;
            sc_war_result *r = sim(&p);
            SC_ASSERT_NEAR(r->curve[0], surplus > 0 ? 1 : 0, 0);
            if (surplus > 0) {
                /* the midpoint of [V_A - L_A, 1 - V_B + L_B] */
                double x = (va - la + 1 - vb + lb) / 2;
                x = x < 0 ? 0 : x > 1 ? 1 : x;
                SC_ASSERT_NEAR(r->share_q[2], x, 1.0 / SC_WAR_TERMS_BINS);
            }
            wars += surplus < 0;
            deals += surplus > 0;
            sc_war_result_free(r);
        }
    }
    assert_true(wars >= 5 && deals >= 5);
}

/*
 * Screening: at t = 0 A demands x* of sc_war_screening_demand with B's acceptance line from the
 * predictive values, and the types of B with cost below the threshold reject: the share of runs
 * without a ceasefire at t = 0 is (y* - c_lo)/(c_hi - c_lo), within 4 standard errors.
 */
static void test_screening_first_round(void **state)
{
    (void)state;
    sc_war_params p;
    sc_war_params_init(&p);
    p.front = 40;
    p.start = 20;
    p.theta = 0.55;
    p.discount = 0.99;
    p.prior_a[0] = 13;
    p.prior_a[1] = 7;
    p.prior_b[0] = 13;
    p.prior_b[1] = 7;
    p.cost_a = 0.001;
    p.screening = 1;
    p.cost_b_low = 0.0002;
    p.cost_b_high = 0.004;
    p.horizon = 100;
    p.runs = 20000;
    double ga, sa, gb, sb;
    assert_int_equal(sc_war_predictive_parts(20, 40, 13, 7, 0.99, &ga, &sa, NULL), SC_OK);
    assert_int_equal(sc_war_predictive_parts(20, 40, 13, 7, 0.99, &gb, &sb, NULL), SC_OK);
    /* B accepts x iff 1 - x >= 1 - G_B - c S_B, i.e. x <= G_B + c S_B */
    double x, y;
    sc_war_screening_demand(gb + p.cost_b_low * sb, sb, p.cost_b_low, p.cost_b_high,
                            ga - p.cost_a * sa, &x, &y);
    double reject = (y - p.cost_b_low) / (p.cost_b_high - p.cost_b_low);
    print_message("screening: demand %.4f, P(reject at t = 0) %.4f\n", x, reject);
    print_message("G_A %.4f S_A %.2f G_B %.4f S_B %.2f\n", ga, sa, gb, sb);
    assert_true(reject > 0.1 && reject < 0.9);
    sc_war_result *r = sim(&p);
    SC_ASSERT_PROPORTION(1 - r->curve[0], reject, p.runs, 4);
    /* the runs that settle at t = 0 do so at the demand x* exactly: the top terms mode */
    assert_true(r->n_modes >= 1);
    sc_war_result_free(r);
    /* the mechanism off: A knows B's cost (here the highest), the range is open and every run
     * settles at once: the delay came from the private information */
    p.screening = 0;
    p.cost_b = 0.004;
    r = sim(&p);
    SC_ASSERT_NEAR(r->curve[0], 1, 0);
    sc_war_result_free(r);
}

/*
 * Conditional estimates (sc_war_params::conditional, for the draws of a Monte Carlo over the
 * inputs): with screening, P(ceasefire within 52 battles) is the mean over runs of the share of
 * B's types that accept an offer by battle 52 along the run's walk. It estimates the same
 * probability as the sampled runs (within 4 standard errors of the two estimates, 4,000 against
 * 40,000 runs) with a standard error at least 1.5 times smaller than 4,000 sampled runs give (1.8 here; 22
 * on the built-in scenario, whose walk is nearly certain).
 */
static void test_conditional_unbiased(void **state)
{
    (void)state;
    sc_war_params p = mechanism_params();
    p.screening = 1;
    p.cost_b_low = 0.0002;
    p.cost_b_high = 0.004;
    p.runs = 40000;
    sc_war_result *s = sim(&p);
    p.runs = 4000;
    p.conditional = 1;
    sc_war_result *c = sim(&p);
    double se_sampled_4000 = sqrt(s->p_ceasefire_52 * (1 - s->p_ceasefire_52) / 4000);
    print_message("P52 sampled %.4f (se %.4f), conditional %.4f (se %.5f; sampled at 4000: %.4f)\n",
                  s->p_ceasefire_52, s->p_ceasefire_52_se, c->p_ceasefire_52,
                  c->p_ceasefire_52_se, se_sampled_4000);
    assert_true(s->p_ceasefire_52 > 0.1 && s->p_ceasefire_52 < 0.9);
    assert_true(fabs(c->p_ceasefire_52 - s->p_ceasefire_52) <=
                4 * sqrt(s->p_ceasefire_52_se * s->p_ceasefire_52_se +
                         c->p_ceasefire_52_se * c->p_ceasefire_52_se));
    assert_true(c->p_ceasefire_52_se > 0 && c->p_ceasefire_52_se < se_sampled_4000 / 1.5);
    /* the other numbers come from the runs, with B's cost stratified: the mean duration too */
    assert_true(fabs(c->mean_battles - s->mean_battles) <=
                4 * sqrt(s->mean_battles_se * s->mean_battles_se +
                         c->mean_battles_se * c->mean_battles_se));
    sc_war_result_free(s);
    sc_war_result_free(c);
}

/*
 * B's sampled cost is stratified under conditional estimates: run r draws it from the r-th of
 * `runs` equal slices of the cost range. At t = 0 no battle has been fought, so whether a run
 * settles then depends on its cost alone (the screening set-up of test_screening_first_round):
 * the stratified runs hit the accepting share (1 - the rejecting share (y* - c_lo)/(c_hi - c_lo))
 * to within one run, where independent costs miss by about sqrt(p (1 - p)/runs) (0.011 here).
 * The conditional P(52) agrees with the sampled runs' share, within 4 standard errors.
 */
static void test_conditional_stratified(void **state)
{
    (void)state;
    sc_war_params p;
    sc_war_params_init(&p);
    p.front = 40;
    p.start = 20;
    p.theta = 0.55;
    p.discount = 0.99;
    p.prior_a[0] = 13;
    p.prior_a[1] = 7;
    p.prior_b[0] = 13;
    p.prior_b[1] = 7;
    p.cost_a = 0.001;
    p.screening = 1;
    p.cost_b_low = 0.0002;
    p.cost_b_high = 0.004;
    p.horizon = 100;
    p.runs = 2000;
    p.conditional = 1;
    double ga, sa, gb, sb, x, y;
    assert_int_equal(sc_war_predictive_parts(20, 40, 13, 7, 0.99, &ga, &sa, NULL), SC_OK);
    assert_int_equal(sc_war_predictive_parts(20, 40, 13, 7, 0.99, &gb, &sb, NULL), SC_OK);
    sc_war_screening_demand(gb + p.cost_b_low * sb, sb, p.cost_b_low, p.cost_b_high,
                            ga - p.cost_a * sa, &x, &y);
    double accept = 1 - (y - p.cost_b_low) / (p.cost_b_high - p.cost_b_low);
    sc_war_result *c = sim(&p);
    print_message("accept at t = 0: %.5f, stratified runs %.5f; P52 conditional %.4f (se %.4f), "
                  "runs %.4f\n",
                  accept, c->curve[0], c->p_ceasefire_52, c->p_ceasefire_52_se,
                  sc_war_result_by_battle(c, 52));
    assert_true(accept > 0.1 && accept < 0.9);
    SC_ASSERT_NEAR(c->curve[0], accept, 1.0 / 2000);
    SC_ASSERT_PROPORTION(sc_war_result_by_battle(c, 52), c->p_ceasefire_52, p.runs, 4);
    assert_true(c->p_ceasefire_52_se <= sqrt(c->p_ceasefire_52 * (1 - c->p_ceasefire_52) / 2000));
    sc_war_result_free(c);
}

/*
 * The types' walk to battle 52 on a walk that cannot vary (A wins every battle: theta 1 - 1e-12,
 * P(a lost battle in 52 x 2,000) about 1e-7): every run sees the same offers until its own type
 * accepts, so every run's conditional P(52) is the same number, the share of B's costs that
 * accept an offer within 52 battles along that one walk, and the stratified runs hit that share
 * to within one run per end of the accepting set (run r's cost is in the r-th of 2,000 slices).
 * A demands (no mediator), and B's types accept a little at a time: 0.49 at once, 0.73 within
 * 10 battles, 0.84 within 52. A run whose type accepts early follows the others on the types'
 * walk (cond_continue), where each rejection must lower A's belief about B's cost as it does on
 * the run's own walk: a walk that kept the belief of its first step (war-cond-cbar) made demands
 * too high for the types left, and the runs that settled early then counted fewer types (0.809
 * on average, se 3.7e-4) than the runs that settled late.
 */
static void test_conditional_fixed_walk(void **state)
{
    (void)state;
    sc_war_params p = mechanism_params();
    p.rule = SC_WAR_MIDPOINT;
    p.front = 200;
    p.start = 100;
    p.theta = 1 - 1e-12;
    p.prior_b[0] = 30;
    p.prior_b[1] = 170;
    p.screening = 1;
    p.cost_b_low = 0.0002;
    p.cost_b_high = 0.02;
    p.runs = 2000;
    p.conditional = 1;
    sc_war_result *c = sim(&p);
    double runs52 = sc_war_result_by_battle(c, 52);
    print_message("fixed walk: P52 conditional %.6f (se %.2e), runs within 52: %.6f, at t = 0: "
                  "%.4f\n",
                  c->p_ceasefire_52, c->p_ceasefire_52_se, runs52, c->curve[0]);
    /* some types accept at once, some later, some not within 52 battles */
    assert_true(c->curve[0] > 0.05 && runs52 > c->curve[0] + 0.05 && runs52 < 0.95);
    assert_true(c->p_ceasefire_52_se < 1e-6);
    SC_ASSERT_NEAR(c->p_ceasefire_52, runs52, 4.0 / 2000);
    sc_war_result_free(c);
}

/* Conditional estimates are bit-identical for any thread count too, and compare()'s rows equal
 * simulate() alone; the paired standard error of a lever's difference comes from the runs'
 * conditional probabilities, and is well below the sampled one. */
static void test_conditional_threads_and_compare(void **state)
{
    (void)state;
    sc_war_params p = mechanism_params();
    p.screening = 1;
    p.cost_b_low = 0.0002;
    p.cost_b_high = 0.004;
    p.runs = 1000;
    p.conditional = 1;
    sc_war_params rows[2];
    sc_war_params_with_lever(&p, SC_WAR_LEVER_NONE, 1, &rows[0]);
    sc_war_params_with_lever(&p, SC_WAR_LEVER_BOTH, 1, &rows[1]);
    sc_war_result *r1[2], *r2[2], *rs[2];
    double se1[4], se2[4], ses[4];
    rows[0].threads = 1;
    assert_int_equal(sc_war_compare(rows, 2, r1, se1, NULL), SC_OK);
    rows[0].threads = 2;
    assert_int_equal(sc_war_compare(rows, 2, r2, se2, NULL), SC_OK);
    for (int i = 0; i < 2; i++) {
        assert_results_identical(r1[i], r2[i]);
        sc_war_params one = rows[i];
        one.threads = 1;
        sc_war_result *alone = sim(&one);
        assert_results_identical(r1[i], alone);
        sc_war_result_free(alone);
    }
    assert_memory_equal(se1, se2, sizeof se1);
    rows[0].conditional = rows[1].conditional = 0;
    assert_int_equal(sc_war_compare(rows, 2, rs, ses, NULL), SC_OK);
    print_message("diff se: conditional %.5f, sampled %.5f\n", se1[2], ses[2]);
    assert_true(se1[2] > 0 && se1[2] < ses[2] / 1.5);
    for (int i = 0; i < 2; i++) {
        sc_war_result_free(r1[i]);
        sc_war_result_free(r2[i]);
        sc_war_result_free(rs[i]);
    }
}

/* sc_war_compare with the kept rows off: the reference a kept or reused row must equal. */
static void compare_fresh(const sc_war_params *rows, size_t n, sc_war_result **res, double *se)
{
    sc__war_rows_end();
    assert_int_equal(sc_war_compare(rows, n, res, se, NULL), SC_OK);
}

static void assert_rows_identical(sc_war_result **a, const double *sa, sc_war_result **b,
                                  const double *sb, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assert_results_identical(a[i], b[i]);
        assert_memory_equal(a[i]->curve, b[i]->curve, ((size_t)a[i]->horizon + 1) * sizeof(double));
        assert_memory_equal(a[i]->ended, b[i]->ended, ((size_t)a[i]->horizon + 1) * sizeof(double));
    }
    assert_memory_equal(sa, sb, n * n * sizeof *sa);
}

static void free_rows(sc_war_result **r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sc_war_result_free(r[i]);
        r[i] = NULL;
    }
}

static void lever_rows(const sc_war_params *p, sc_war_params *rows)
{
    for (int i = 0; i < SC_WAR_LEVER_COUNT; i++) {
        sc_war_params_with_lever(p, (sc_war_lever)i, 1, &rows[i]);
    }
}

static void assert_stats(size_t hits, size_t misses)
{
    size_t h, m;
    sc__war_rows_stats(&h, &m);
    assert_int_equal(h, hits);
    assert_int_equal(m, misses);
}

/*
 * Offers remembered within a row (war.c) are the numbers made afresh: with the memo off
 * (sc__war_offer_memo(0)) every row of a comparison, its curve, its ends and the paired standard
 * errors are the same bits, for the mediator's screening with the commitment problem and the
 * aid threat (conditional, on 1 and 2 threads), for A's demands (sampled), after failed
 * ceasefires (the payments gone, the shift done: other keys for the same states), and when one
 * row follows another on the same thread (a slot of an earlier row is not this row's).
 */
static void test_offer_memo_same_bits(void **state)
{
    (void)state;
    enum { NL = SC_WAR_LEVER_COUNT };
    for (int setup = 0; setup < 3; setup++) {
        sc_war_params p = mechanism_params();
        p.screening = 1;
        p.cost_b_low = 0.0002;
        p.cost_b_high = 0.004;
        p.runs = 600;
        p.horizon = 150;
        p.conditional = setup != 1;
        p.mediator.pay_a = 0.01;
        p.mediator.pay_b = 0.01;
        p.inducement_periods = 10;
        p.relapse_hazard = 0.03;
        p.threads = setup == 2 ? 2 : 1;
        if (setup == 1) {
            p.rule = SC_WAR_MIDPOINT;
            p.cost_b_high = 0.02;
        }
        sc_war_params rows[NL];
        lever_rows(&p, rows);
        sc_war_result *on[NL], *off[NL];
        double son[NL * NL], soff[NL * NL];
        sc__war_rows_end();
        sc__war_offer_memo(1);
        assert_int_equal(sc_war_compare(rows, NL, on, son, NULL), SC_OK);
        sc__war_offer_memo(0);
        assert_int_equal(sc_war_compare(rows, NL, off, soff, NULL), SC_OK);
        sc__war_offer_memo(1);
        print_message("memo setup %d: P52 %.4f, relapsed %.3f, mean battles %.1f\n", setup,
                      on[0]->p_ceasefire_52, on[0]->p_relapse, on[0]->mean_battles);
        assert_true(on[0]->p_relapse > 0.01);
        assert_rows_identical(on, son, off, soff, NL);
        free_rows(on, NL);
        free_rows(off, NL);
    }
}

/*
 * Lever rows kept across calls (a Monte Carlo's sensitivity rows, sc__war_rows_begin): a row
 * whose numbers did not move is the kept row's result and paired arrays, the same bits as
 * running it; a row whose numbers moved runs. Here the sanctions lever's size moves: only the
 * sanctions and both rows rerun; then A's cost moves by one ulp: every row reruns; and a number
 * only "what would it take" reads (the most sanctions it tries) moves nothing.
 */
static void test_kept_rows(void **state)
{
    (void)state;
    enum { NL = SC_WAR_LEVER_COUNT };
    sc_war_params p = mechanism_params();
    p.screening = 1;
    p.cost_b_low = 0.0002;
    p.cost_b_high = 0.004;
    p.conditional = 1;
    p.runs = 96;
    p.horizon = 120;
    sc_war_params rows[NL];
    sc_war_result *ref[NL], *got[NL];
    double sref[NL * NL], sgot[NL * NL];
    lever_rows(&p, rows);
    compare_fresh(rows, NL, ref, sref);
    sc__war_rows_clear();
    sc__war_rows_begin(1);
    assert_int_equal(sc_war_compare(rows, NL, got, sgot, NULL), SC_OK);
    assert_stats(0, NL);
    assert_rows_identical(got, sgot, ref, sref, NL);
    free_rows(got, NL);
    /* reuse only: the same rows again are all reused, the same bits */
    sc__war_rows_begin(0);
    assert_int_equal(sc_war_compare(rows, NL, got, sgot, NULL), SC_OK);
    assert_stats(NL, NL);
    assert_rows_identical(got, sgot, ref, sref, NL);
    free_rows(got, NL);
    free_rows(ref, NL);
    /* the sanctions lever's size: two rows move */
    sc_war_params q = p;
    q.levers.sanctions *= 2;
    lever_rows(&q, rows);
    compare_fresh(rows, NL, ref, sref);
    sc__war_rows_begin(0);
    assert_int_equal(sc_war_compare(rows, NL, got, sgot, NULL), SC_OK);
    assert_stats(NL + NL - 2, NL + 2);
    assert_rows_identical(got, sgot, ref, sref, NL);
    assert_true(ref[SC_WAR_LEVER_SANCTIONS]->p_ceasefire_52 !=
                got[SC_WAR_LEVER_NONE]->p_ceasefire_52); /* they did move */
    free_rows(got, NL);
    free_rows(ref, NL);
    /* A's cost by one ulp: every row moves, and reuse-only kept none of the reruns above */
    q = p;
    q.cost_a = nextafter(q.cost_a, 1);
    lever_rows(&q, rows);
    compare_fresh(rows, NL, ref, sref);
    sc__war_rows_begin(0);
    assert_int_equal(sc_war_compare(rows, NL, got, sgot, NULL), SC_OK);
    assert_stats(2 * NL - 2, 2 * NL + 2);
    assert_rows_identical(got, sgot, ref, sref, NL);
    free_rows(got, NL);
    /* the same moved rows again: run again, since reuse-only keeps nothing */
    assert_int_equal(sc_war_compare(rows, NL, got, sgot, NULL), SC_OK);
    assert_stats(2 * NL - 2, 3 * NL + 2);
    assert_rows_identical(got, sgot, ref, sref, NL);
    free_rows(got, NL);
    free_rows(ref, NL);
    /* a lever's bound moves no row */
    q = p;
    q.levers.max_sanctions /= 2;
    lever_rows(&q, rows);
    sc__war_rows_begin(0);
    assert_int_equal(sc_war_compare(rows, NL, got, sgot, NULL), SC_OK);
    assert_stats(3 * NL - 2, 3 * NL + 2);
    free_rows(got, NL);
    /* off: nothing is reused */
    sc__war_rows_end();
    assert_int_equal(sc_war_compare(rows, NL, got, sgot, NULL), SC_OK);
    assert_stats(3 * NL - 2, 3 * NL + 2);
    free_rows(got, NL);
    sc__war_rows_clear();
    assert_stats(0, 0);
}

/*
 * The belief tables and extras stores of a row A stay on the thread while its rows A_B^(i) run
 * (sc__war_cache_stats). Rows whose beliefs moved fill the caches (eight tables, four stores) and
 * make room: a row with row A's beliefs and another cost then builds no table and makes no store.
 * Before, the least recently used went, row A's among them, and the next input built them again.
 * Then a row with row A's beliefs is the most recently used, and a new row makes room with
 * another: row A's stay whether or not they were just used.
 */
static void cache_row(const sc_war_params *p, double prior_moved, double cost_moved)
{
    sc_war_params q = *p;
    q.prior_a[0] += prior_moved;
    q.prior_b[0] += prior_moved;
    for (double i = 0; i < cost_moved; i++) {
        q.cost_a = nextafter(q.cost_a, 1); /* the row runs, on the same tables and extras */
    }
    sc_war_result *r = NULL;
    double se;
    assert_int_equal(sc_war_compare(&q, 1, &r, &se, NULL), SC_OK);
    sc_war_result_free(r);
}

static void assert_cache_made(size_t t0, size_t s0, size_t tables, size_t stores)
{
    size_t t, s;
    sc__war_cache_stats(&t, &s);
    assert_int_equal(t - t0, tables);
    assert_int_equal(s - s0, stores);
}

/* The kept caches' tests: screening under the fixed rule, few short runs */
static sc_war_params kept_caches_params(void)
{
    sc_war_params p = mechanism_params();
    p.screening = 1;
    p.cost_b_low = 0.0002;
    p.cost_b_high = 0.004;
    p.conditional = 1;
    p.fast_tables = 1;
    p.runs = 8;
    p.horizon = 60;
    return p;
}

static void test_kept_caches_row_a(void **state)
{
    (void)state;
    sc_war_params p = kept_caches_params();
    size_t t0, s0;
    sc__war_rows_clear();
    sc__war_rows_begin(1);
    cache_row(&p, 0, 0);
    sc__war_cache_stats(&t0, &s0);
    sc__war_rows_begin(0);
    for (int j = 1; j <= 4; j++) {
        cache_row(&p, j, 0); /* two new tables and a new store each */
    }
    assert_cache_made(t0, s0, 8, 4);
    cache_row(&p, 0, 1); /* row A's tables (the least recently used) and store */
    assert_cache_made(t0, s0, 8, 4);
    cache_row(&p, 5, 0); /* a new store where row A's is the most recently used */
    assert_cache_made(t0, s0, 10, 5);
    cache_row(&p, 0, 2);
    assert_cache_made(t0, s0, 10, 5);
    sc__war_rows_clear();
}

/*
 * A row holds two tables while it runs (simulate_row takes a, then b, then a again). When row A's
 * pinned tables fill the cache, the row's own first table is the only unpinned one: a rule that
 * evicted unpinned tables first then freed it to make room for the second, rebuilt it, and freed
 * the second (a use-after-free, found in review). The row must build its two tables once, and
 * give what it gives on an empty cache (ASan also sees the freed reads).
 */
static void test_kept_caches_full_of_row_a(void **state)
{
    (void)state;
    sc_war_params p = kept_caches_params();
    sc__war_rows_clear();
    sc__war_rows_begin(1);
    for (int j = 0; j < 4; j++) {
        cache_row(&p, 10 + j, 0); /* row A: 8 tables, all pinned, the cache full */
    }
    sc__war_rows_begin(0);
    size_t t0, s0;
    sc__war_cache_stats(&t0, &s0);
    sc_war_params q = p;
    q.prior_a[0] += 50;
    q.prior_b[0] += 50;
    sc_war_result *r = NULL, *fresh = NULL;
    double se;
    assert_int_equal(sc_war_compare(&q, 1, &r, &se, NULL), SC_OK);
    size_t t1, s1;
    sc__war_cache_stats(&t1, &s1);
    assert_int_equal(t1 - t0, 2); /* its two tables, each built once */
    sc__war_rows_clear();
    assert_int_equal(sc_war_compare(&q, 1, &fresh, &se, NULL), SC_OK);
    assert_int_equal(r->runs, fresh->runs);
    assert_int_equal(r->horizon, fresh->horizon);
    assert_memory_equal(&r->p_ceasefire, &fresh->p_ceasefire, sizeof r->p_ceasefire);
    assert_memory_equal(&r->mean_battles, &fresh->mean_battles, sizeof r->mean_battles);
    assert_memory_equal(r->curve, fresh->curve, (size_t)(r->horizon + 1) * sizeof *r->curve);
    sc_war_result_free(r);
    sc_war_result_free(fresh);
    sc__war_rows_clear();
}

/*
 * Every number the runs read is in a kept row's key: moving any one of them (by one ulp, or by
 * one for a count or a switch) reruns the row. One row of few runs per number.
 */
static void test_kept_rows_key(void **state)
{
    (void)state;
    sc_war_params p = mechanism_params();
    p.screening = 1;
    p.cost_b_low = 0.0002;
    p.cost_b_high = 0.004;
    p.conditional = 1;
    p.runs = 8;
    p.horizon = 60;
    p.mediator.credibility_a = 0.5;
    p.mediator.credibility_b = 0.5;
    p.mediator.credibility_band = 0.2;
    p.mediator.prior[0] = 5;
    p.mediator.prior[1] = 5;
    p.mediator.pay_a = 0.01;
    p.mediator.pay_b = 0.01;
    p.mediator.threat_a = 0.0001;
    p.power = 0.4;
    p.linked_a = 0.01;
    p.linked_b = 0.01;
    p.linked_guarantee_a = 0.01;
    p.linked_guarantee_b = 0.01;
    p.force_a = 100;
    p.force_b = 100;
    p.alpha = 0.01;
    p.beta = 0.01;
    p.gamma = 1;
    p.dt = 0.1;
    p.agreement = 0.5;
    p.inducement_periods = 10;
    sc_war_params q = p;
    double *dbl[] = {&q.theta, &q.discount, &q.prior_a[0], &q.prior_a[1], &q.prior_b[0],
                     &q.prior_b[1], &q.cost_a, &q.cost_b, &q.sanctions, &q.aid, &q.aid_cost,
                     &q.power, &q.mediator.ideal, &q.mediator.cost, &q.mediator.prior[0],
                     &q.mediator.prior[1], &q.mediator.relief, &q.mediator.pay_a,
                     &q.mediator.pay_b, &q.mediator.guarantee, &q.mediator.threat_a,
                     &q.mediator.threat_b, &q.mediator.credibility_a, &q.mediator.credibility_b,
                     &q.mediator.credibility_band, &q.shift_per_year, &q.shift_years,
                     &q.cost_b_low, &q.cost_b_high, &q.linked_a, &q.linked_b,
                     &q.linked_guarantee_a, &q.linked_guarantee_b, &q.force_a, &q.force_b,
                     &q.alpha, &q.beta, &q.gamma, &q.dt, &q.relapse_hazard, &q.agreement,
                     &q.hr_agreement, &q.hr_peacekeepers};
    int *ints[] = {&q.front, &q.start, &q.battles_per_year, &q.commitment, &q.screening,
                   &q.lanchester, &q.inducement_periods, &q.post_periods, &q.horizon,
                   &q.conditional, &q.fast_tables};
    size_t nd = sizeof dbl / sizeof dbl[0], ni = sizeof ints / sizeof ints[0];
    /* 43 numbers, 11 counts and switches, and the beliefs, the rule, the runs and the seed */
    assert_int_equal(nd + ni + 4, 58);
    sc_war_result *r = NULL;
    double se[1];
    for (size_t f = 0; f < nd + ni + 4; f++) {
        sc__war_rows_clear();
        sc__war_rows_begin(1);
        q = p;
        assert_int_equal(sc_war_compare(&q, 1, &r, se, NULL), SC_OK);
        sc_war_result_free(r);
        if (f < nd) {
            *dbl[f] = nextafter(*dbl[f], 1e300);
        } else if (f < nd + ni) {
            *ints[f - nd] += *ints[f - nd] == 1 && f - nd >= 3 ? -1 : 1;
        } else if (f == nd + ni) {
            q.beliefs = q.beliefs == SC_WAR_PREDICTIVE ? SC_WAR_PLUG_IN : SC_WAR_PREDICTIVE;
        } else if (f == nd + ni + 1) {
            q.rule = SC_WAR_NASH;
        } else if (f == nd + ni + 2) {
            q.runs++;
        } else {
            q.seed++;
        }
        sc__war_rows_begin(0);
        sc_diag d;
        sc_diag_init(&d);
        sc_status rc = sc_war_compare(&q, 1, &r, se, &d);
        if (rc != SC_OK) {
            fail_msg("field %zu: %s", f, d.message);
        }
        sc_war_result_free(r);
        size_t h, m;
        sc__war_rows_stats(&h, &m);
        if (h != 0 || m != 2) {
            fail_msg("field %zu moved and the row was reused (hits %zu, misses %zu)", f, h, m);
        }
    }
    sc__war_rows_clear();
}

/*
 * A screening mediator with no proposal (here: its guarantee costs A more, through the linked
 * issues, than the whole stakes, so no proposal is one A accepts) does not stop the war from
 * ending: the sides bargain directly, A screening B, exactly as without a mediator. Before the
 * fallback such a mediator blocked every ceasefire (P = 0, terms undefined).
 */
static void test_screening_mediator_fallback(void **state)
{
    (void)state;
    sc_war_params p = mechanism_params();
    p.screening = 1;
    p.cost_b_low = 0.0002;
    p.cost_b_high = 0.004;
    p.mediator.relief = 0;
    p.mediator.threat_b = 0;
    p.mediator.guarantee = 0.9;
    p.linked_guarantee_a = -10; /* lo_A > 1 for every state: A refuses any guaranteed deal */
    p.runs = 3000;
    sc_war_params direct = p;
    direct.rule = SC_WAR_MIDPOINT;
    sc_war_result *m = sim(&p), *d = sim(&direct);
    print_message("refused mediator: P %.4f, P52 %.4f; direct: %.4f, %.4f\n", m->p_ceasefire,
                  m->p_ceasefire_52, d->p_ceasefire, d->p_ceasefire_52);
    assert_true(m->p_ceasefire > 0.1);
    assert_false(isnan(m->share_q[2]));
    /* the same bargains on the same random streams: the results are identical */
    assert_results_identical(m, d);
    sc_war_result_free(m);
    sc_war_result_free(d);
    /* and a mediator whose proposals A can accept does change the answer */
    p.linked_guarantee_a = 0;
    m = sim(&p);
    d = sim(&direct);
    assert_true(fabs(m->p_ceasefire_52 - d->p_ceasefire_52) > 1e-3 ||
                fabs(m->share_q[2] - d->share_q[2]) > 1e-3);
    sc_war_result_free(m);
    sc_war_result_free(d);
}

/*
 * The mediator acts. A mediator that brokers whatever it can (a high cost of the war going on)
 * settles at the edge of the acceptable interval nearest its proposal, so the proposal moves the
 * terms and not the timing; one that weighs its preferred terms against its own cost holds out
 * for them, so its proposal moves the timing too.
 */
static void test_mediator_proposal(void **state)
{
    (void)state;
    sc_war_params p = mechanism_params();
    p.commitment = 0;
    p.runs = 6000;
    p.mediator.cost = 0.5;
    /* threats believed whoever proposes (Kydd's rule would tie their weight to the proposal) */
    p.mediator.credibility_a = p.mediator.credibility_b = 1;
    sc_war_params rows[2];
    rows[0] = rows[1] = p;
    rows[0].mediator.ideal = 0;
    rows[1].mediator.ideal = 1;
    sc_war_result *res[2];
    double se[4];
    assert_int_equal(sc_war_compare(rows, 2, res, se, NULL), SC_OK);
    print_message("willing, proposal 0: P52 %.3f, terms %.3f; proposal 1: %.3f, %.3f\n",
                  res[0]->p_ceasefire_52, res[0]->share_q[2], res[1]->p_ceasefire_52,
                  res[1]->share_q[2]);
    assert_true(res[1]->share_q[2] > res[0]->share_q[2] + 0.02);
    assert_true(res[1]->share_q[0] > res[0]->share_q[0]);
    assert_true(res[1]->share_q[4] > res[0]->share_q[4]);
    /* the same ceasefires, at other terms: the interval is the same whatever is proposed */
    SC_ASSERT_NEAR(res[1]->p_ceasefire_52, res[0]->p_ceasefire_52, 1e-12);
    sc_war_result_free(res[0]);
    sc_war_result_free(res[1]);
    /* a mediator with its own cost low relative to its stake in the terms, and Kydd's rule:
     * threats against the side it leans toward are not believed */
    rows[0].mediator.cost = rows[1].mediator.cost = 0.001;
    rows[0].mediator.credibility_a = rows[0].mediator.credibility_b = -1;
    rows[1].mediator.credibility_a = rows[1].mediator.credibility_b = -1;
    assert_int_equal(sc_war_compare(rows, 2, res, se, NULL), SC_OK);
    print_message("patient, proposal 0: P52 %.3f, battles %.1f; proposal 1: %.3f, %.1f\n",
                  res[0]->p_ceasefire_52, res[0]->mean_battles, res[1]->p_ceasefire_52,
                  res[1]->mean_battles);
    /* P(ceasefire within 52) differs by more than 4 paired standard errors */
    assert_true(fabs(res[1]->p_ceasefire_52 - res[0]->p_ceasefire_52) > 4 * se[1]);
    sc_war_result_free(res[0]);
    sc_war_result_free(res[1]);
}

/* Levers move the answers they should, beyond their paired standard errors. */
static void test_levers_move(void **state)
{
    (void)state;
    sc_war_params p = mechanism_params();
    p.runs = 6000;
    sc_war_params rows[SC_WAR_LEVER_COUNT];
    for (int i = 0; i < SC_WAR_LEVER_COUNT; i++) {
        sc_war_params_with_lever(&p, (sc_war_lever)i, 1, &rows[i]);
    }
    /* the levers set what they name */
    SC_ASSERT_NEAR(rows[SC_WAR_LEVER_SANCTIONS].sanctions, 0.002, 0);
    SC_ASSERT_NEAR(rows[SC_WAR_LEVER_AID_CUT].aid, -0.6, 0);
    SC_ASSERT_NEAR(rows[SC_WAR_LEVER_BOTH].aid, -0.6, 0);
    SC_ASSERT_NEAR(rows[SC_WAR_LEVER_BOTH].sanctions, 0.002, 0);
    SC_ASSERT_NEAR(rows[SC_WAR_LEVER_INDUCEMENT].mediator.relief, 0.07, 1e-15);
    SC_ASSERT_NEAR(rows[SC_WAR_LEVER_GUARANTEE].mediator.guarantee, 0.8, 1e-15);
    sc_war_result *res[SC_WAR_LEVER_COUNT];
    double se[SC_WAR_LEVER_COUNT * SC_WAR_LEVER_COUNT];
    assert_int_equal(sc_war_compare(rows, SC_WAR_LEVER_COUNT, res, se, NULL), SC_OK);
    for (int i = 0; i < SC_WAR_LEVER_COUNT; i++) {
        print_message("%-10s P52 %.4f (diff %+.4f, se %.4f) relapse %.4f median terms %.3f\n",
                      sc_war_lever_name((sc_war_lever)i), res[i]->p_ceasefire_52,
                      res[i]->p_ceasefire_52 - res[0]->p_ceasefire_52, se[i * SC_WAR_LEVER_COUNT],
                      res[i]->p_relapse, res[i]->share_q[2]);
    }
    /* sanctions and the inducement make a ceasefire within a year likelier */
    for (int l = SC_WAR_LEVER_SANCTIONS; l <= SC_WAR_LEVER_INDUCEMENT; l++) {
        if (l == SC_WAR_LEVER_AID_CUT) {
            continue;
        }
        double d = res[l]->p_ceasefire_52 - res[0]->p_ceasefire_52;
        assert_true(d > 3 * se[l * SC_WAR_LEVER_COUNT]);
    }
    /* the guarantee lowers the relapse of the ceasefires it backs */
    assert_true(res[SC_WAR_LEVER_GUARANTEE]->p_relapse < res[0]->p_relapse);
    /* the aid cut moves the front toward A: A's terms rise */
    assert_true(res[SC_WAR_LEVER_AID_CUT]->share_q[2] > res[0]->share_q[2]);
    for (int i = 0; i < SC_WAR_LEVER_COUNT; i++) {
        sc_war_result_free(res[i]);
    }
}

/*
 * Relapse: with every run reaching a ceasefire at t = 0 and followed P periods at hazard h, the
 * share that breaks is 1 - (1 - h)^P; a full troop-backed guarantee multiplies h by the
 * peacekeeping hazard ratio; side-payments that end and leave the deal outside the range break
 * it (Beardsley 2008). 4 standard errors.
 */
static void test_relapse(void **state)
{
    (void)state;
    sc_war_params p;
    sc_war_params_init(&p);
    p.prior_a[0] = p.prior_a[1] = p.prior_b[0] = p.prior_b[1] = 20;
    p.relapse_hazard = 0.01;
    p.post_periods = 52;
    p.runs = 20000;
    p.horizon = 1;
    sc_war_result *r = sim(&p);
    double expect = 1 - pow(0.99, 52);
    SC_ASSERT_PROPORTION(r->p_relapse, expect, p.runs, 4);
    sc_war_result_free(r);
    p.rule = SC_WAR_MEDIATOR;
    p.mediator.guarantee = 1;
    p.mediator.cost = 1e-9;
    r = sim(&p);
    expect = 1 - pow(1 - 0.01 * SC_WAR_HR_PEACEKEEPERS, 52);
    SC_ASSERT_PROPORTION(r->p_relapse, expect, p.runs, 4);
    sc_war_result_free(r);
    /* the deal needs B's side-payment: once it ends, every ceasefire breaks */
    sc_war_params_init(&p);
    p.beliefs = SC_WAR_PLUG_IN;
    p.front = 10;
    p.start = 5;
    p.prior_a[0] = 6;
    p.prior_a[1] = 4;
    p.prior_b[0] = 4;
    p.prior_b[1] = 6;
    p.cost_a = p.cost_b = 0.01;
    p.rule = SC_WAR_MEDIATOR;
    p.mediator.pay_b = 0.5;
    p.mediator.cost = 0.5;
    p.post_periods = 20;
    p.inducement_periods = 10;
    p.horizon = 1;
    p.runs = 1000;
    r = sim(&p);
    SC_ASSERT_NEAR(r->curve[0], 1, 0);
    SC_ASSERT_NEAR(r->p_relapse, 1, 0);
    sc_war_result_free(r);
}

/* What would it take: the magnitude found makes P(ceasefire within 52) >= 1/2 and one bisection
 * step less does not. */
static void test_what_it_takes(void **state)
{
    (void)state;
    sc_war_params p = mechanism_params();
    p.commitment = 0;
    p.mediator.relief = 0;
    p.runs = 2000;
    p.levers.max_sanctions = 0.02;
    int found;
    double m, p52, se;
    assert_int_equal(sc_war_what_it_takes(&p, SC_WAR_LEVER_SANCTIONS, &found, &m, &p52, &se,
                                          NULL),
                     SC_OK);
    print_message("sanctions it takes: found %d, %.5f (P52 %.3f)\n", found, m, p52);
    assert_true(found);
    assert_true(p52 >= 0.5);
    sc_war_params q = p;
    q.sanctions = m;
    sc_war_result *r = sim(&q);
    SC_ASSERT_NEAR(r->p_ceasefire_52, p52, 0);
    sc_war_result_free(r);
    q.sanctions = m - 0.02 / 256;
    r = sim(&q);
    assert_true(r->p_ceasefire_52 < 0.5);
    sc_war_result_free(r);
    /* a lever that cannot reach it says so, at its maximum */
    p.levers.max_sanctions = 1e-6;
    assert_int_equal(sc_war_what_it_takes(&p, SC_WAR_LEVER_SANCTIONS, &found, &m, &p52, &se,
                                          NULL),
                     SC_OK);
    assert_false(found);
    SC_ASSERT_NEAR(m, 1e-6, 0);
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_war_what_it_takes(&p, SC_WAR_LEVER_BOTH, &found, &m, &p52, &se, &d),
                     SC_EINVAL);
}

static void test_params_check(void **state)
{
    (void)state;
    static const struct {
        const char *field, *message;
    } bad[] = {{"start", "start"},     {"front", "front"},          {"discount", "discount"},
               {"prior", "Beta prior"}, {"hazard", "relapse hazard"}, {"commit", "commitment"},
               {"screen", "screening"}, {"horizon", "horizon"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sc_war_params p;
        sc_war_params_init(&p);
        const char *f = bad[i].field;
        if (!strcmp(f, "start")) {
            p.start = 0;
        } else if (!strcmp(f, "front")) {
            p.front = 1;
        } else if (!strcmp(f, "discount")) {
            p.discount = 0.99999;
        } else if (!strcmp(f, "prior")) {
            p.prior_b[1] = 0;
        } else if (!strcmp(f, "hazard")) {
            p.relapse_hazard = 1;
        } else if (!strcmp(f, "commit")) {
            p.commitment = 1;
        } else if (!strcmp(f, "screen")) {
            p.screening = 1;
        } else {
            p.horizon = 0;
        }
        sc_diag d;
        sc_diag_init(&d);
        sc_war_result *r = NULL;
        assert_int_not_equal(sc_war_simulate(&p, &r, &d), SC_OK);
        assert_null(r);
        if (!strstr(d.message, bad[i].message)) {
            fail_msg("'%s' does not mention %s", d.message, bad[i].message);
        }
    }
}

/*
 * The documented war sections are valid: every yaml example of docs/scenario-format.md with a
 * `war:` section, and the key-by-key example of docs/models/war.md inside a scenario with the
 * actors, issues and stances it names.
 */
static void test_docs_examples(void **state)
{
    (void)state;
    int checked = 0;
    size_t len = 0;
    char *md = sc_test_slurp(sc_test_source("docs/scenario-format.md"), &len);
    assert_non_null(md);
    for (const char *p = md; (p = strstr(p, "```yaml\n")) != NULL;) {
        const char *body = p + 8, *end = strstr(body, "```");
        assert_non_null(end);
        /* the marker of an example that must fail is the line just above the fence */
        const char *prev = p > md ? p - 1 : md;
        while (prev > md && prev[-1] != '\n') {
            prev--;
        }
        int expect_error = strncmp(prev, "<!-- expect-error", 17) == 0;
        size_t n = (size_t)(end - body);
        char *text = malloc(n + 1);
        memcpy(text, body, n);
        text[n] = '\0';
        if (strstr(text, "\nwar:") && !expect_error) {
            sc_scenario *s = sc_test_scenario(text);
            sc_war_params wp;
            const char *a, *b, *m;
            sc_diag d;
            sc_diag_init(&d);
            if (sc_war_params_from_scenario(s, &wp, &a, &b, &m, &d) != SC_OK) {
                sc_diag_print(&d, stderr);
                fail_msg("a war section of docs/scenario-format.md does not read");
            }
            sc_scenario_free(s);
            checked++;
        }
        free(text);
        p = end + 3;
    }
    free(md);
    md = sc_test_slurp(sc_test_source("docs/models/war.md"), &len);
    assert_non_null(md);
    const char *p = strstr(md, "```yaml\nwar:\n");
    assert_non_null(p);
    const char *body = p + 8, *end = strstr(body, "```");
    const char *head = "statecraft: 1\n"
                       "metadata: {title: war.md's example}\n"
                       "actors:\n"
                       "  - {id: RUS, name: Russia, capability: 0.035, milex: 149, gdp: 2021}\n"
                       "  - {id: UKR, name: Ukraine, capability: 0.006, milex: 64.7, gdp: 178.8}\n"
                       "  - {id: USA, name: US, capability: 0.12, milex: 997, gdp: 27361}\n"
                       "issues:\n"
                       "  - {id: territory, title: t, scale: [0, 100]}\n"
                       "  - {id: guarantees, title: g, scale: [0, 100]}\n"
                       "stances:\n"
                       "  territory: {RUS: {position: 95, salience: 0.9}, UKR: {position: 20, "
                       "salience: 0.95}, USA: {position: 55, salience: 0.4}}\n"
                       "  guarantees: {RUS: {position: 95, salience: 0.7}, UKR: {position: 0, "
                       "salience: 0.95}, USA: {position: 60, salience: 0.4}}\n";
    size_t hn = strlen(head), n = (size_t)(end - body);
    char *text = malloc(hn + n + 1);
    memcpy(text, head, hn);
    memcpy(text + hn, body, n);
    text[hn + n] = '\0';
    sc_scenario *s = sc_test_scenario(text);
    sc_war_params wp;
    const char *a, *b, *m;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_war_params_from_scenario(s, &wp, &a, &b, &m, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("docs/models/war.md's example does not read");
    }
    assert_true(wp.commitment && wp.screening && wp.lanchester);
    sc_scenario_free(s);
    free(text);
    free(md);
    assert_true(checked >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_identities),
        cmocka_unit_test(test_t5_no_bargaining),
        cmocka_unit_test(test_t6_to_t11_plug_in),
        cmocka_unit_test(test_predictive_against_oracle),
        cmocka_unit_test(test_lanchester_asymmetric),
        cmocka_unit_test(test_t1_t4_simulation),
        cmocka_unit_test(test_horizon),
        cmocka_unit_test(test_threads_and_compare),
        cmocka_unit_test(test_commitment_special_case),
        cmocka_unit_test(test_screening_first_round),
        cmocka_unit_test(test_screening_mediator_fallback),
        cmocka_unit_test(test_conditional_unbiased),
        cmocka_unit_test(test_conditional_stratified),
        cmocka_unit_test(test_conditional_fixed_walk),
        cmocka_unit_test(test_offer_memo_same_bits),
        cmocka_unit_test(test_conditional_threads_and_compare),
        cmocka_unit_test(test_kept_rows),
        cmocka_unit_test(test_kept_rows_key),
        cmocka_unit_test(test_kept_caches_row_a),
        cmocka_unit_test(test_kept_caches_full_of_row_a),
        cmocka_unit_test(test_linked_special_case),
        cmocka_unit_test(test_mediator_proposal),
        cmocka_unit_test(test_levers_move),
        cmocka_unit_test(test_relapse),
        cmocka_unit_test(test_what_it_takes),
        cmocka_unit_test(test_params_check),
        cmocka_unit_test(test_docs_examples),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
