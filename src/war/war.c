/* SPDX-License-Identifier: MIT */
/*
 * War termination: gambler's-ruin battles, Beta beliefs, Fearon's range with continuation
 * values, mediator levers and relapse (reference: war.md §7). Closed forms are small pure
 * functions; the simulation is built from them. Run k draws only from stream (seed, k), and the
 * statistics are computed after all runs in run order, so results are bit-identical for any
 * number of threads.
 */
#include "statecraft/war.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag_internal.h"
#include "core/parallel.h"
#include "statecraft/rng.h"

/* ---- closed forms -------------------------------------------------------------------------- */

/*
 * L = log(q/theta), the log-odds of losing a battle. Written with log1p of (q - theta)/theta so
 * that it keeps full relative precision when theta is close to 1/2 (q/theta close to 1).
 */
static double log_odds_loss(double theta)
{
    return log1p((1 - 2 * theta) / theta);
}

/*
 * g(x) = (expm1(x) - x) / x^2 = sum over n >= 0 of x^n/(n + 2)!, the second-order part of e^x.
 * The direct formula cancels for small |x| (relative error about 2e-16/|x|), so below 0.1 the
 * series is summed to x^8 (the first term left out is under 3e-17 there).
 */
static double expm1_second(double x)
{
    if (fabs(x) < 0.1) {
        double sum = 0, term = 1.0 / 3628800; /* 1/10! for n = 8 */
        for (int n = 8; n >= 0; n--) {
            sum = sum * x + term;
            term *= n + 2; /* 1/(n+2)! -> 1/(n+1)! */
        }
        return sum;
    }
    return (expm1(x) - x) / (x * x);
}

/*
 * P(k) = (1 - r^k)/(1 - r^N) with r = e^L, for 0 < k < N and 0 < theta < 1. Computed as
 * expm1(kL)/expm1(NL), exact to rounding however close theta is to 1/2 (the textbook form loses
 * about log10(1/|1 - r|) digits); for L > 0 both powers are divided by r^N first so nothing
 * overflows on long fronts.
 */
static double ruin_win_interior(int k, int N, double L)
{
    if (L == 0) {
        return (double)k / N;
    }
    if (L < 0) {
        return expm1(k * L) / expm1(N * L);
    }
    /* r > 1: (r^k - 1)/(r^N - 1) = e^{(k-N)L} (1 - e^{-kL})/(1 - e^{-NL}) */
    return exp((k - N) * L) * expm1(-k * L) / expm1(-N * L);
}

/*
 * P(k) and the expected number of battles D(k) = (k - N P(k)) / (q - theta) together, sharing L
 * (the simulation needs both for every reservation value). When |N L| is small, k - N P(k)
 * cancels, so it is rewritten with f(x) = expm1(x)/x = 1 + x g(x), g = expm1_second:
 *   k - N P = k (f(NL) - f(kL)) / f(NL) = k L (N g(NL) - k g(kL)) / f(NL),
 * in which nothing cancels (N g(NL) - k g(kL) is about (N - k)/2), and L/(q - theta) tends to 2.
 */
static void ruin(int k, int N, double theta, double *P, double *D)
{
    if (k <= 0 || k >= N) {
        *P = k >= N ? 1 : 0;
        *D = 0;
        return;
    }
    if (!(theta > 0)) {
        *P = 0;
        *D = k;
        return;
    }
    if (theta >= 1) {
        *P = 1;
        *D = N - k;
        return;
    }
    double delta = 1 - 2 * theta; /* q - theta, exact for theta >= 1/4 */
    double L = log_odds_loss(theta);
    *P = ruin_win_interior(k, N, L);
    if (L == 0 || delta == 0) {
        *D = (double)k * (N - k);
        return;
    }
    double NL = N * L;
    if (fabs(NL) < 1) {
        double fN = 1 + NL * expm1_second(NL);
        double inner = N * expm1_second(NL) - k * expm1_second(k * L);
        *D = k * (L / delta) * inner / fN;
    } else {
        *D = k / delta - N / delta * *P;
    }
}

double sc_war_ruin_win(int k, int N, double theta)
{
    double P, D;
    ruin(k, N, theta, &P, &D);
    return P;
}

double sc_war_ruin_duration(int k, int N, double theta)
{
    double P, D;
    ruin(k, N, theta, &P, &D);
    return D;
}

void sc_war_fearon_range(double p, double cost_a, double cost_b, double *lo, double *hi)
{
    *lo = p - cost_a;
    *hi = p + cost_b;
}

void sc_war_tioli_uniform(double p, double cost_a, double cbar, double *x_star, double *p_war)
{
    if (cost_a < cbar) {
        *x_star = p + (cbar - cost_a) / 2;
        *p_war = (cbar - cost_a) / (2 * cbar);
    } else {
        *x_star = p;
        *p_war = 0;
    }
}

/* The Lanchester laws' shared argument check. */
static sc_status lanchester_check(double a0, double b0, double alpha, double beta, sc_diag *diag)
{
    if (!(a0 > 0 && b0 > 0 && alpha > 0 && beta > 0) || !isfinite(a0 + b0 + alpha + beta)) {
        return sc__diag_set(diag, SC_EINVAL,
                            "Lanchester forces and effectiveness must be finite and > 0 "
                            "(A0 %g, B0 %g, alpha %g, beta %g)",
                            a0, b0, alpha, beta);
    }
    return SC_OK;
}

sc_status sc_war_lanchester_square(double a0, double b0, double alpha, double beta,
                                   sc_lanchester *out, sc_diag *diag)
{
    sc_status rc = lanchester_check(a0, b0, alpha, beta, diag);
    if (rc != SC_OK) {
        return rc;
    }
    double strength_a = alpha * a0 * a0, strength_b = beta * b0 * b0;
    double root = sqrt(alpha * beta);
    if (strength_a > strength_b) {
        out->winner = 1;
        out->survivors = sqrt(a0 * a0 - beta / alpha * b0 * b0);
        out->t_end = atanh(sqrt(beta / alpha) * b0 / a0) / root;
    } else if (strength_b > strength_a) {
        out->winner = -1;
        out->survivors = sqrt(b0 * b0 - alpha / beta * a0 * a0);
        out->t_end = atanh(sqrt(alpha / beta) * a0 / b0) / root;
    } else {
        out->winner = 0;
        out->survivors = 0;
        out->t_end = HUGE_VAL;
    }
    return SC_OK;
}

sc_status sc_war_lanchester_linear(double a0, double b0, double alpha, double beta,
                                   sc_lanchester *out, sc_diag *diag)
{
    sc_status rc = lanchester_check(a0, b0, alpha, beta, diag);
    if (rc != SC_OK) {
        return rc;
    }
    double strength_a = alpha * a0, strength_b = beta * b0;
    out->t_end = HUGE_VAL;
    if (strength_a > strength_b) {
        out->winner = 1;
        out->survivors = a0 - beta / alpha * b0;
    } else if (strength_b > strength_a) {
        out->winner = -1;
        out->survivors = b0 - alpha / beta * a0;
    } else {
        out->winner = 0;
        out->survivors = 0;
    }
    return SC_OK;
}

double sc_war_value_a(int k, int N, double mu_a, double cost_a)
{
    double P, D;
    ruin(k, N, mu_a, &P, &D);
    return P - cost_a * D;
}

double sc_war_value_b(int k, int N, double mu_b, double cost_b)
{
    double P, D;
    ruin(k, N, mu_b, &P, &D);
    return 1 - P - cost_b * D;
}

/* ---- parameters ----------------------------------------------------------------------------- */

const char *sc_war_rule_name(sc_war_rule r)
{
    switch (r) {
    case SC_WAR_MIDPOINT: return "midpoint";
    case SC_WAR_NASH: return "nash";
    case SC_WAR_MEDIATOR: return "mediator";
    }
    return "?";
}

sc_status sc_war_rule_parse(const char *name, sc_war_rule *out, sc_diag *diag)
{
    for (int r = SC_WAR_MIDPOINT; r <= SC_WAR_MEDIATOR; r++) {
        if (strcmp(name, sc_war_rule_name((sc_war_rule)r)) == 0) {
            *out = (sc_war_rule)r;
            return SC_OK;
        }
    }
    return sc__diag_set(diag, SC_EINVAL, "unknown rule '%s' (rules: midpoint, nash, mediator)",
                        name);
}

void sc_war_params_init(sc_war_params *p)
{
    memset(p, 0, sizeof *p);
    p->front = 20;
    p->start = 10;
    p->theta = 0.5;
    p->prior_a[0] = 24;
    p->prior_a[1] = 16;
    p->prior_b[0] = 16;
    p->prior_b[1] = 24;
    p->cost_a = 0.002;
    p->cost_b = 0.002;
    p->rule = SC_WAR_MIDPOINT;
    p->power = 0.5;
    p->mediator_x = 0.5;
    p->gamma = 1;
    p->dt = 1;
    p->horizon = 2000;
    p->runs = 10000;
    p->seed = 20250212u;
}

sc_status sc_war_params_check(const sc_war_params *p, sc_diag *diag)
{
#define REQUIRE(cond, ...)                                                                         \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            return sc__diag_set(diag, SC_ERANGE, __VA_ARGS__);                                     \
        }                                                                                          \
    } while (0)
    REQUIRE(p->front >= 2 && p->front <= 100000, "front must be between 2 and 100000 positions");
    REQUIRE(p->start > 0 && p->start < p->front, "start must lie strictly inside the front (1..%d)",
            p->front - 1);
    REQUIRE(p->theta >= 0 && p->theta <= 1, "theta must be in [0, 1]");
    REQUIRE(p->prior_a[0] > 0 && p->prior_a[1] > 0 && p->prior_b[0] > 0 && p->prior_b[1] > 0 &&
                isfinite(p->prior_a[0] + p->prior_a[1] + p->prior_b[0] + p->prior_b[1]),
            "Beta prior parameters must be finite and > 0");
    REQUIRE(p->cost_a >= 0 && p->cost_b >= 0 && p->cost_a < 1 && p->cost_b < 1,
            "per-battle costs must be in [0, 1)");
    REQUIRE(p->sanctions >= 0 && p->sanctions < 1, "sanctions must be in [0, 1)");
    REQUIRE(p->aid >= -1 && p->aid <= 1, "aid (theta shift) must be in [-1, 1]");
    REQUIRE(p->aid_cost >= 0 && p->aid_cost < 1, "aid-cost must be in [0, 1)");
    REQUIRE(p->aid_cut >= -1 && p->aid_cut <= 1, "aid-cut (theta shift) must be in [-1, 1]");
    REQUIRE(p->pay_a >= 0 && p->pay_b >= 0 && p->pay_a <= 1 && p->pay_b <= 1,
            "side-payments must be in [0, 1]");
    REQUIRE(p->power >= 0 && p->power <= 1, "power must be in [0, 1]");
    REQUIRE(p->mediator_x >= 0 && p->mediator_x <= 1, "the mediator's proposal must be in [0, 1]");
    REQUIRE(p->relapse_hazard >= 0 && p->relapse_hazard <= 1, "relapse hazard must be in [0, 1]");
    REQUIRE(p->post_periods >= 0 && p->inducement_periods >= 0, "periods must be >= 0");
    REQUIRE(p->horizon >= 1 && p->horizon <= 10000000, "horizon must be between 1 and 1e7");
    REQUIRE(p->runs >= 1 && p->runs <= 100000000, "runs must be between 1 and 1e8");
    if (p->lanchester) {
        REQUIRE(p->force_a > 0 && p->force_b > 0 && p->alpha > 0 && p->beta > 0 &&
                    p->gamma > 0 && p->dt > 0,
                "Lanchester forces, coefficients, gamma and dt must be > 0");
    }
#undef REQUIRE
    return SC_OK;
}

/* ---- one run --------------------------------------------------------------------------------- */

typedef struct run_out {
    unsigned char outcome;
    int battles;
    int first_ceasefire; /* battle count at the first ceasefire, -1 if none */
    int relapsed;
    double share;
} run_out;

static double clamp01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* The terms inside a non-empty range [lo, hi] by the chosen rule. */
static double terms(const sc_war_params *p, double lo, double hi)
{
    switch (p->rule) {
    case SC_WAR_NASH: return lo + p->power * (hi - lo);
    case SC_WAR_MEDIATOR: return p->mediator_x < lo ? lo : p->mediator_x > hi ? hi : p->mediator_x;
    case SC_WAR_MIDPOINT: break;
    }
    return (lo + hi) / 2;
}

static void run_one(const sc_war_params *p, sc_rng *rng, run_out *o)
{
    int N = p->front, k = p->start, t = 0;
    double aA = p->prior_a[0], bA = p->prior_a[1], aB = p->prior_b[0], bB = p->prior_b[1];
    double theta = clamp01(p->theta - p->aid);
    double cA = p->cost_a + p->sanctions;
    double cB = p->cost_b - p->aid_cost > 0 ? p->cost_b - p->aid_cost : 0;
    double payA = p->pay_a, payB = p->pay_b;
    double fa = p->force_a, fb = p->force_b;
    o->first_ceasefire = -1;
    o->relapsed = 0;
    o->share = (double)NAN;
    for (;;) {
        if (k <= 0 || k >= N) {
            o->outcome = k >= N ? SC_WAR_VICTORY_A : SC_WAR_VICTORY_B;
            break;
        }
        double muA = aA / (aA + bA), muB = aB / (aB + bB);
        double lo = sc_war_value_a(k, N, muA, cA) - payA;
        double hi = 1 - (sc_war_value_b(k, N, muB, cB) - payB);
        if (lo <= hi) {
            double x = clamp01(terms(p, lo, hi));
            if (o->first_ceasefire < 0) {
                o->first_ceasefire = t;
            }
            int broke = 0;
            for (int period = 1; period <= p->post_periods && !broke; period++) {
                if (sc_rng_uniform(rng) < p->relapse_hazard) {
                    broke = 1;
                }
                /* Beardsley: when the inducements end, does the deal still beat fighting? */
                if (!broke && p->inducement_periods == period && (payA > 0 || payB > 0)) {
                    double lo0 = sc_war_value_a(k, N, muA, cA);
                    double hi0 = 1 - sc_war_value_b(k, N, muB, cB);
                    broke = x < lo0 || x > hi0;
                    payA = payB = 0;
                }
            }
            if (!broke) {
                o->outcome = SC_WAR_CEASEFIRE;
                o->share = x;
                break;
            }
            o->relapsed = 1;
            payA = payB = 0; /* fighting resumes without the expired inducements */
        }
        if (t >= p->horizon) {
            o->outcome = SC_WAR_ONGOING;
            break;
        }
        double th = theta;
        if (p->lanchester) {
            double sa = pow(p->alpha * fa, p->gamma), sb = pow(p->beta * fb, p->gamma);
            th = clamp01(sa / (sa + sb) - p->aid);
        }
        int win = sc_rng_uniform(rng) < th;
        k += win ? 1 : -1;
        aA += win;
        bA += !win;
        aB += win;
        bB += !win;
        t++;
        if (p->lanchester) {
            /* square-law attrition over one battle's time step */
            double na = fa - p->beta * fb * p->dt, nb = fb - p->alpha * fa * p->dt;
            fa = na > 1e-9 ? na : 1e-9;
            fb = nb > 1e-9 ? nb : 1e-9;
        }
    }
    o->battles = t;
}

/* ---- Monte Carlo ----------------------------------------------------------------------------- */

typedef struct job {
    const sc_war_params *p;
    run_out *out;
    size_t from, to;
} job;

static void *work(void *arg)
{
    job *j = arg;
    for (size_t r = j->from; r < j->to; r++) {
        sc_rng rng;
        sc_rng_init(&rng, j->p->seed, r);
        run_one(j->p, &rng, &j->out[r]);
    }
    return NULL;
}

void sc_war_result_free(sc_war_result *r)
{
    if (r) {
        free(r->curve_t);
        free(r->curve_p);
        free(r->outcome);
        free(r->battles);
        free(r->share);
        free(r);
    }
}

static const double quantile_levels[5] = {0.05, 0.25, 0.5, 0.75, 0.95};

sc_status sc_war_simulate(const sc_war_params *p, sc_war_result **out, sc_diag *diag)
{
    *out = NULL;
    sc_status rc = sc_war_params_check(p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    size_t n = p->runs;
    unsigned nw = p->threads;
    if (nw == 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        nw = c > 0 ? (unsigned)c : 1;
    }
    if (nw > n) {
        nw = (unsigned)n;
    }
    static const int grid[] = {0, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};
    size_t ng = 0;
    while (ng < sizeof grid / sizeof grid[0] && grid[ng] < p->horizon) {
        ng++;
    }
    run_out *ro = malloc(n * sizeof *ro);
    job *jobs = calloc(nw, sizeof *jobs);
    sc_war_result *r = calloc(1, sizeof *r);
    double *tmp = malloc(n * sizeof *tmp);
    if (r) {
        r->outcome = malloc(n);
        r->battles = malloc(n * sizeof *r->battles);
        r->share = malloc(n * sizeof *r->share);
        r->curve_t = malloc((ng + 1) * sizeof *r->curve_t);
        r->curve_p = malloc((ng + 1) * sizeof *r->curve_p);
    }
    if (!ro || !jobs || !r || !tmp || !r->outcome || !r->battles || !r->share ||
        !r->curve_t || !r->curve_p) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (unsigned w = 0; w < nw; w++) {
        jobs[w].p = p;
        jobs[w].out = ro;
        jobs[w].from = n / nw * w;
        jobs[w].to = w + 1 == nw ? n : n / nw * (w + 1);
    }
    sc__run_parallel(work, jobs, sizeof *jobs, nw);

    /* statistics, in run order */
    size_t ever = 0, held = 0, va = 0, vb = 0, ongoing = 0, relapsed = 0;
    double sum_battles = 0, sum_share = 0;
    for (size_t i = 0; i < n; i++) {
        r->outcome[i] = ro[i].outcome;
        r->battles[i] = ro[i].battles;
        r->share[i] = ro[i].share;
        ever += ro[i].first_ceasefire >= 0 ? 1u : 0u;
        relapsed += ro[i].relapsed ? 1u : 0u;
        sum_battles += ro[i].battles;
        switch (ro[i].outcome) {
        case SC_WAR_CEASEFIRE: held++; sum_share += ro[i].share; break;
        case SC_WAR_VICTORY_A: va++; break;
        case SC_WAR_VICTORY_B: vb++; break;
        default: ongoing++; break;
        }
    }
    r->runs = n;
    r->p_ceasefire = (double)ever / (double)n;
    r->p_victory_a = (double)va / (double)n;
    r->p_victory_b = (double)vb / (double)n;
    r->p_ongoing = (double)ongoing / (double)n;
    r->p_relapse = ever ? (double)relapsed / (double)ever : 0;
    r->mean_battles = sum_battles / (double)n;
    r->mean_share_a = held ? sum_share / (double)held : (double)NAN;
    for (size_t i = 0; i < n; i++) {
        tmp[i] = ro[i].battles;
    }
    gsl_sort(tmp, 1, n);
    for (int q = 0; q < 5; q++) {
        r->battles_q[q] = gsl_stats_quantile_from_sorted_data(tmp, 1, n, quantile_levels[q]);
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (ro[i].outcome == SC_WAR_CEASEFIRE) {
            tmp[m++] = ro[i].share;
        }
    }
    gsl_sort(tmp, 1, m);
    for (int q = 0; q < 5; q++) {
        r->share_q[q] = m ? gsl_stats_quantile_from_sorted_data(tmp, 1, m, quantile_levels[q])
                          : (double)NAN;
    }
    for (size_t g = 0; g <= ng; g++) {
        int t = g < ng ? grid[g] : p->horizon;
        size_t c = 0;
        for (size_t i = 0; i < n; i++) {
            c += ro[i].first_ceasefire >= 0 && ro[i].first_ceasefire <= t ? 1u : 0u;
        }
        r->curve_t[g] = t;
        r->curve_p[g] = (double)c / (double)n;
    }
    r->n_curve = ng + 1;
    *out = r;
    r = NULL;
cleanup:
    sc_war_result_free(r);
    free(ro);
    free(jobs);
    free(tmp);
    return rc;
}
