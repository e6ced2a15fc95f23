/* SPDX-License-Identifier: MIT */
/*
 * War termination: the Monte Carlo (docs/models/war.md, "Simulation"). Each run is a Smith &
 * Stam (2004) war: battles on a front, both sides learning about the balance, a bargain struck as
 * soon as both prefer it to fighting on, then a ceasefire that holds or fails. The sides' values
 * come from belief tables (war_belief.c) built once per call, so a battle costs two table reads
 * per side and one random number. Run k draws only from stream (seed, k); statistics are integer
 * counts merged by addition, so results are bit-identical for any number of threads and memory
 * does not grow with the number of runs.
 */
#include "statecraft/war.h"

#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag_internal.h"
#include "core/parallel.h"
#include "statecraft/rng.h"
#include "war/war_internal.h"

/* ---- names --------------------------------------------------------------------------------- */

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

const char *sc_war_beliefs_name(sc_war_beliefs b)
{
    return b == SC_WAR_PLUG_IN ? "plug-in" : "predictive";
}

sc_status sc_war_beliefs_parse(const char *name, sc_war_beliefs *out, sc_diag *diag)
{
    if (strcmp(name, "predictive") == 0) {
        *out = SC_WAR_PREDICTIVE;
    } else if (strcmp(name, "plug-in") == 0) {
        *out = SC_WAR_PLUG_IN;
    } else {
        return sc__diag_set(diag, SC_EINVAL, "unknown beliefs '%s' (predictive or plug-in)",
                            name);
    }
    return SC_OK;
}

const char *sc_war_lever_name(sc_war_lever l)
{
    static const char *const names[SC_WAR_LEVER_COUNT] = {"none",      "sanctions",  "aid_cut",
                                                          "both",      "inducement", "guarantee"};
    return l >= 0 && l < SC_WAR_LEVER_COUNT ? names[l] : "?";
}

/* ---- parameters ----------------------------------------------------------------------------- */

void sc_war_params_init(sc_war_params *p)
{
    memset(p, 0, sizeof *p);
    p->front = 20;
    p->start = 10;
    p->theta = 0.5;
    p->discount = 1;
    p->battles_per_year = 52;
    p->beliefs = SC_WAR_PREDICTIVE;
    p->prior_a[0] = 24;
    p->prior_a[1] = 16;
    p->prior_b[0] = 16;
    p->prior_b[1] = 24;
    p->cost_a = 0.002;
    p->cost_b = 0.002;
    p->rule = SC_WAR_MIDPOINT;
    p->power = 0.5;
    p->mediator.ideal = 0.5;
    p->mediator.credibility_a = -1;
    p->mediator.credibility_b = -1;
    p->mediator.credibility_band = 0.1;
    p->levers.max_sanctions = 0.01;
    p->levers.max_aid_cut = 3;
    p->levers.max_relief = 0.5;
    p->hr_agreement = SC_WAR_HR_AGREEMENT;
    p->hr_peacekeepers = SC_WAR_HR_PEACEKEEPERS;
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
    const sc_war_mediator *m = &p->mediator;
    REQUIRE(p->front >= 2 && p->front <= 100000, "front must be between 2 and 100000 positions");
    REQUIRE(p->start > 0 && p->start < p->front, "start must lie strictly inside the front (1..%d)",
            p->front - 1);
    REQUIRE(p->theta >= 0 && p->theta <= 1, "theta must be in [0, 1]");
    REQUIRE(p->discount == 1 || (p->discount > 0 && p->discount <= 0.9999),
            "discount must be 1 or in (0, 0.9999] per battle");
    REQUIRE(p->battles_per_year >= 1 && p->battles_per_year <= 100000,
            "battles_per_year must be between 1 and 100000");
    REQUIRE(p->prior_a[0] > 0 && p->prior_a[1] > 0 && p->prior_b[0] > 0 && p->prior_b[1] > 0 &&
                isfinite(p->prior_a[0] + p->prior_a[1] + p->prior_b[0] + p->prior_b[1]),
            "Beta prior parameters must be finite and > 0");
    REQUIRE(p->cost_a >= 0 && p->cost_b >= 0 && p->cost_a < 1 && p->cost_b < 1,
            "per-battle costs must be in [0, 1)");
    REQUIRE(p->sanctions >= 0 && p->sanctions < 1, "sanctions must be in [0, 1)");
    REQUIRE(fabs(p->aid) <= 20, "aid (a shift of the balance on the logit scale) must be in [-20, 20]");
    REQUIRE(p->aid_cost >= 0 && p->aid_cost < 1, "aid-cost must be in [0, 1)");
    REQUIRE(p->power >= 0 && p->power <= 1, "power must be in [0, 1]");
    REQUIRE(m->ideal >= 0 && m->ideal <= 1, "the mediator's proposal must be in [0, 1]");
    REQUIRE(m->cost >= 0 && m->cost < 1, "the mediator's cost must be in [0, 1)");
    REQUIRE((m->prior[0] == 0 && m->prior[1] == 0) ||
                (m->prior[0] > 0 && m->prior[1] > 0 && isfinite(m->prior[0] + m->prior[1])),
            "the mediator's Beta prior parameters must be finite and > 0");
    REQUIRE(m->relief >= 0 && m->relief <= 1 && m->pay_a >= 0 && m->pay_b >= 0 && m->pay_a <= 1 &&
                m->pay_b <= 1,
            "inducements (relief, side-payments) must be in [0, 1]");
    REQUIRE(m->guarantee >= 0 && m->guarantee <= 1, "the guarantee must be in [0, 1]");
    REQUIRE(m->threat_a >= 0 && m->threat_a < 1, "the threat against A must be in [0, 1)");
    REQUIRE(fabs(m->threat_b) <= 20, "the threat against B (logit shift) must be in [-20, 20]");
    REQUIRE(m->credibility_a <= 1 && m->credibility_b <= 1,
            "credibilities must be in [0, 1] (or negative for Kydd's rule)");
    REQUIRE(m->credibility_band >= 0 && m->credibility_band <= 1,
            "the credibility band must be in [0, 1]");
    REQUIRE(p->levers.sanctions >= 0 && p->levers.sanctions < 1 && p->levers.relief >= 0 &&
                p->levers.relief <= 1 && p->levers.guarantee >= 0 && p->levers.guarantee <= 1 &&
                fabs(p->levers.aid_cut) <= 20,
            "lever magnitudes out of range (sanctions [0, 1), aid cut [-20, 20], relief and "
            "guarantee [0, 1])");
    REQUIRE(p->levers.max_sanctions >= 0 && p->levers.max_sanctions < 1 &&
                p->levers.max_aid_cut >= 0 && p->levers.max_aid_cut <= 20 &&
                p->levers.max_relief >= 0 && p->levers.max_relief <= 1,
            "lever maxima out of range");
    REQUIRE(fabs(p->shift_per_year) <= 20 && p->shift_years >= 0 && p->shift_years <= 100,
            "the power shift must be within 20 (logit per year) over at most 100 years");
    REQUIRE(!p->commitment || (p->shift_years > 0 && p->shift_per_year != 0),
            "the commitment mechanism needs shift_per_year (non-zero) and shift_years (> 0)");
    REQUIRE(fabs(p->linked_a) <= 10 && fabs(p->linked_b) <= 10 && fabs(p->linked_guarantee_a) <= 10 &&
                fabs(p->linked_guarantee_b) <= 10,
            "issue-linked stakes must be within 10 (shares of the stakes)");
    REQUIRE(!p->screening || (p->cost_b_low >= 0 && p->cost_b_high > p->cost_b_low &&
                              p->cost_b_high < 1),
            "screening needs B's private cost range: 0 <= cost_b_low < cost_b_high < 1");
    REQUIRE(p->relapse_hazard >= 0 && p->relapse_hazard < 1,
            "the relapse hazard must be in [0, 1) per period");
    REQUIRE(p->agreement >= 0 && p->agreement <= 1, "agreement (detail) must be in [0, 1]");
    REQUIRE(p->hr_agreement > 0 && p->hr_agreement <= 100 && p->hr_peacekeepers > 0 &&
                p->hr_peacekeepers <= 100,
            "hazard ratios must be in (0, 100]");
    REQUIRE(p->post_periods >= 0 && p->post_periods <= 1000000 && p->inducement_periods >= 0 &&
                p->inducement_periods <= 1000000,
            "periods must be between 0 and 1e6");
    REQUIRE(p->horizon >= 1 && p->horizon <= 100000, "horizon must be between 1 and 100000");
    REQUIRE(p->runs >= 1 && p->runs <= 100000000, "runs must be between 1 and 1e8");
    if (p->lanchester) {
        REQUIRE(p->force_a > 0 && p->force_b > 0 && p->alpha > 0 && p->beta > 0 &&
                    p->gamma > 0 && p->dt > 0 &&
                    isfinite(p->force_a + p->force_b + p->alpha + p->beta + p->gamma + p->dt),
                "Lanchester forces, coefficients, gamma and dt must be > 0");
    }
    if (p->beliefs == SC_WAR_PREDICTIVE &&
        sc__war_table_states(p->front, p->start, p->horizon, SC_WAR_TABLE_LIMIT) == SIZE_MAX) {
        return sc__diag_set(diag, SC_ELIMIT,
                            "the belief tables for a front of %d and a horizon of %d would exceed "
                            "%zu states: shorten the horizon or use plug-in beliefs",
                            p->front, p->horizon, SC_WAR_TABLE_LIMIT);
    }
#undef REQUIRE
    return SC_OK;
}

void sc_war_params_with_lever(const sc_war_params *p, sc_war_lever l, double scale,
                              sc_war_params *out)
{
    *out = *p;
    const sc_war_levers *lv = &p->levers;
    if (l == SC_WAR_LEVER_SANCTIONS || l == SC_WAR_LEVER_BOTH) {
        out->sanctions = p->sanctions + scale * lv->sanctions;
    }
    if (l == SC_WAR_LEVER_AID_CUT || l == SC_WAR_LEVER_BOTH) {
        out->aid = p->aid - scale * lv->aid_cut;
    }
    if (l == SC_WAR_LEVER_INDUCEMENT) {
        double r = p->mediator.relief + scale * lv->relief;
        out->mediator.relief = r > 1 ? 1 : r;
    }
    if (l == SC_WAR_LEVER_GUARANTEE) {
        double g = p->mediator.guarantee + scale * lv->guarantee;
        out->mediator.guarantee = g > 1 ? 1 : g;
    }
}

/* ---- one parameter row, ready to run -------------------------------------------------------- */

/* What a state needs beyond the tables, computed at its first visit and shared by the threads:
 * the parts of each side's value after the remaining expected shift of power, B's after the
 * threatened aid cut, and the mediator's own view of the war. */
enum { X_GA, X_SA, X_GB, X_SB, X_TGB, X_TSB, X_GM, X_SM, X_COUNT };

/* A package of what comes with a deal: inducements, linked issues, threats, failure risk. */
typedef struct package {
    double ind_a, ind_b;     /* value of inducements and linked issues to each side */
    double threat_a;         /* extra cost per battle A expects if it rejects (credibility applied) */
    double threat_b_weight;  /* weight on B's value after the threatened aid cut */
    double F;                /* P(the ceasefire fails while followed) */
    double inv;              /* 1/(1 - F): the bounds multiply by it (no division per bound) */
} package;

typedef struct engine {
    const sc_war_params *p;
    const sc__war_table *ta, *tb; /* NULL with plug-in beliefs */
    double *logit_t;              /* logit of the balance before any shift, per battle */
    double *theta_t;              /* P(A wins battle t + 1) on the expected path */
    double *discount_T;           /* d^(battles the shift still takes) at battle t */
    double cA, cB;                /* costs in force */
    double delta_T;               /* the whole expected shift (logit) */
    double shift_step;            /* per battle */
    int shift_battles;            /* battles over which it accrues */
    double kappa_a, kappa_b;      /* credibility of the threats */
    double prior_m[2];            /* the mediator's belief */
    double F_bare, F_med;         /* P(a ceasefire fails while followed), bare and guaranteed */
    double inv_bare, inv_med;     /* 1/(1 - F) of each */
    double h_bare, h_med;         /* per-period hazards */
    int need_extra;               /* whether states need the extras below */
    int own_extra;                /* the arrays below are the engine's (else a pool's) */
    _Atomic unsigned char *ready; /* per table state: extras computed */
    _Atomic double *extra;        /* X_COUNT per table state */
    /* the packages a bargain can use, made once per row (they read the row's numbers only):
     * the mediator's without (0) and with (1) the side-payments still on offer, and the bare one */
    package med[2], bare;
} engine;

/*
 * The extras of a row's states, kept for the other rows of a comparison that have the same
 * extras: they read the beliefs, the expected shift, the mediator's belief and its threat against
 * B, none of which the levers (costs, aid, relief, guarantee) change. Computed once instead of
 * once per row (the same numbers: compute_extra is a function of these).
 */
typedef struct extras_store {
    int front, start, horizon, rule, commitment, shift_battles;
    double discount, prior_a[2], prior_b[2], prior_m[2], delta_T, threat_b;
    size_t states;      /* the arrays' length */
    unsigned long used; /* when a row last took it (a kept pool's least recently used goes) */
    unsigned long pin;  /* the row A that last took it (pin_state): kept for its later rows */
    _Atomic unsigned char *ready;
    _Atomic double *extra;
} extras_store;

/* limit: 0 for a call's own pool (it grows), else the most stores a thread's kept pool holds */
typedef struct extras_pool {
    size_t n, cap, limit;
    unsigned long clock;
    extras_store *s;
} extras_pool;

static void pool_destroy(extras_pool *pool)
{
    for (size_t i = 0; i < pool->n; i++) {
        free((void *)(uintptr_t)pool->s[i].ready);
        free((void *)(uintptr_t)pool->s[i].extra);
    }
    free(pool->s);
    memset(pool, 0, sizeof *pool);
}

static double clamp01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

static double shift_at(const engine *e, int t)
{
    return t >= e->shift_battles ? e->delta_T : e->shift_step * t;
}

static double failure_probability(double h, int periods)
{
    return periods > 0 && h > 0 ? -expm1(periods * log1p(-h)) : 0;
}

static void engine_destroy(engine *e)
{
    free(e->logit_t);
    free(e->theta_t);
    free(e->discount_T);
    if (e->own_extra) {
        free((void *)(uintptr_t)e->ready);
        free((void *)(uintptr_t)e->extra);
    }
    memset(e, 0, sizeof *e);
}

static void pin_state(unsigned long *now, unsigned long *pin);

/* what this thread's kept caches made (sc__war_cache_stats) */
static _Thread_local size_t tables_built, stores_made;

/* Whether a kept store or table belongs to the row A now running or last run (pin_state). */
static int pinned(unsigned long pin, unsigned long now)
{
    return pin != 0 && pin == now;
}

/* The pool's store for this engine's extras (a new one if none matches); NULL if out of memory. */
static extras_store *pool_get(extras_pool *pool, const engine *e, size_t states)
{
    const sc_war_params *p = e->p;
    unsigned long now = 0, pin = 0;
    if (pool->limit) {
        pin_state(&now, &pin);
    }
    for (size_t i = 0; i < pool->n; i++) {
        extras_store *x = &pool->s[i];
        if (x->front == p->front && x->start == p->start && x->horizon == p->horizon &&
            x->rule == (int)p->rule && x->commitment == p->commitment &&
            x->shift_battles == e->shift_battles && x->discount == p->discount &&
            x->prior_a[0] == p->prior_a[0] && x->prior_a[1] == p->prior_a[1] &&
            x->prior_b[0] == p->prior_b[0] && x->prior_b[1] == p->prior_b[1] &&
            x->prior_m[0] == e->prior_m[0] && x->prior_m[1] == e->prior_m[1] &&
            x->delta_T == e->delta_T && x->threat_b == p->mediator.threat_b &&
            x->states == states) {
            x->used = ++pool->clock;
            x->pin = pin ? pin : x->pin;
            return x;
        }
    }
    extras_store *x;
    if (pool->limit && pool->n == pool->limit) {
        /* a kept pool at its limit: a store takes the new key, its arrays kept and its states
         * marked not computed (no row holds it: rows run one at a time). Not one of the current
         * row A's while another can go: its rows B and A_B^(i) come back to them after each
         * input that moved the extras' numbers (before, two such inputs in a row pushed row A's
         * out, and the next input computed them again). Of the others the most recently used:
         * no later row asks for their keys (a row A_B^(i)'s are its input's own), and a draw
         * then writes the arrays the draw before it wrote (its states are much the same), as
         * with two stores, not those of two draws before */
        x = NULL;
        for (int any = 0; any < 2 && !x; any++) {
            for (size_t i = 0; i < pool->n; i++) {
                extras_store *y = &pool->s[i];
                if ((any || !pinned(y->pin, now)) && (!x || y->used > x->used)) {
                    x = y;
                }
            }
        }
        if (x->states != states) {
            free((void *)(uintptr_t)x->ready);
            free((void *)(uintptr_t)x->extra);
            x->ready = NULL;
            x->extra = NULL;
        } else {
            memset((void *)(uintptr_t)x->ready, 0, states * sizeof *x->ready);
        }
    } else {
        if (pool->n == pool->cap) {
            size_t cap = pool->cap ? 2 * pool->cap : 4;
            extras_store *s = realloc(pool->s, cap * sizeof *s);
            if (!s) {
                return NULL;
            }
            pool->s = s;
            pool->cap = cap;
        }
        x = &pool->s[pool->n];
        memset(x, 0, sizeof *x);
        pool->n++;
    }
    if (!x->ready) {
        x->ready = calloc(states, sizeof *x->ready);
        x->extra = malloc(states * X_COUNT * sizeof *x->extra);
        if (!x->ready || !x->extra) {
            free((void *)(uintptr_t)x->ready);
            free((void *)(uintptr_t)x->extra);
            /* the slot stays, unmatchable (no store has zero states) and empty */
            x->ready = NULL;
            x->extra = NULL;
            x->states = 0;
            x->used = 0;
            return NULL;
        }
    }
    x->states = states;
    x->used = ++pool->clock;
    x->pin = pin;
    stores_made += pool->limit != 0;
    x->front = p->front;
    x->start = p->start;
    x->horizon = p->horizon;
    x->rule = (int)p->rule;
    x->commitment = p->commitment;
    x->shift_battles = e->shift_battles;
    x->discount = p->discount;
    memcpy(x->prior_a, p->prior_a, sizeof x->prior_a);
    memcpy(x->prior_b, p->prior_b, sizeof x->prior_b);
    memcpy(x->prior_m, e->prior_m, sizeof x->prior_m);
    x->delta_T = e->delta_T;
    x->threat_b = p->mediator.threat_b;
    return x;
}

/*
 * The extras of a Monte Carlo's rows, kept per thread across calls: a draw runs the war in each
 * of its states, and states whose beliefs, expected shift, mediator belief and aid threat are
 * the same (on the built-in scenario three of a draw's four: before the events, after them and
 * engaged) share one store instead of each computing its states' closed forms again (the same
 * numbers: compute_extra is a function of the key). A thread keeps EXTRAS_KEPT stores, the least
 * recently used making room but the current row A's kept while another can go (pin_state: row A
 * has one store per state, its rows A_B^(i) one more each where their input moves the key); they
 * are freed when the thread ends.
 */
#define EXTRAS_KEPT 4
static pthread_key_t kept_extras_key;
static pthread_once_t kept_extras_once = PTHREAD_ONCE_INIT;
static int kept_extras_ok;

static void kept_extras_free(void *v)
{
    if (v) {
        pool_destroy(v);
        free(v);
    }
}

static void kept_extras_init(void)
{
    kept_extras_ok = pthread_key_create(&kept_extras_key, kept_extras_free) == 0;
}

/* The thread's kept pool (NULL if it cannot be had: the caller uses a pool of its own) */
static extras_pool *kept_extras_get(void)
{
    pthread_once(&kept_extras_once, kept_extras_init);
    if (!kept_extras_ok) {
        return NULL;
    }
    extras_pool *pool = pthread_getspecific(kept_extras_key);
    if (!pool) {
        pool = calloc(1, sizeof *pool);
        if (!pool || pthread_setspecific(kept_extras_key, pool) != 0) {
            free(pool);
            return NULL;
        }
        pool->limit = EXTRAS_KEPT;
    }
    return pool;
}

static package make_bare_package(const engine *e);
static package make_mediator_package(const engine *e, int payments);

/* battles: how many battles' balances and discounts the caller reads (p->horizon for a run;
 * 1 for the opening alone, sc_war_opening_values, which reads battle 0 only) */
static sc_status engine_init(engine *e, const sc_war_params *p, const sc__war_table *ta,
                             const sc__war_table *tb, extras_pool *pool, int battles)
{
    memset(e, 0, sizeof *e);
    e->p = p;
    e->ta = ta;
    e->tb = tb;
    int H = p->horizon;
    e->logit_t = malloc((size_t)H * sizeof *e->logit_t);
    e->theta_t = malloc((size_t)H * sizeof *e->theta_t);
    e->discount_T = malloc(((size_t)H + 1) * sizeof *e->discount_T);
    if (!e->logit_t || !e->theta_t || !e->discount_T) {
        engine_destroy(e);
        return SC_ENOMEM;
    }
    e->cA = p->cost_a + p->sanctions;
    e->cB = p->cost_b - p->aid_cost > 0 ? p->cost_b - p->aid_cost : 0;
    e->delta_T = p->shift_per_year * p->shift_years;
    e->shift_battles = (int)ceil(p->shift_years * p->battles_per_year);
    e->shift_step = e->shift_battles > 0 ? e->delta_T / e->shift_battles : 0;
    int T = battles < H ? battles : H;
    for (int t = 0; t <= T; t++) {
        int left = e->shift_battles - t;
        e->discount_T[t] = left > 0 ? pow(p->discount, left) : 1;
    }
    /* the balance per battle: the fixed theta (or Lanchester's force contest), then aid */
    double fa = p->force_a, fb = p->force_b;
    double logit_theta = p->lanchester ? 0 : sc__war_logit(p->theta);
    for (int t = 0; t < T; t++) {
        double base;
        if (p->lanchester) {
            /* (alpha F_A)^gamma / ((alpha F_A)^gamma + (beta F_B)^gamma) on the logit scale */
            base = p->gamma * (log(p->alpha * fa) - log(p->beta * fb));
            /* square-law attrition over one battle's time step: B's fire depletes A */
            double na = fa - p->beta * fb * p->dt, nb = fb - p->alpha * fa * p->dt;
            fa = na > 1e-9 ? na : 1e-9;
            fb = nb > 1e-9 ? nb : 1e-9;
        } else {
            base = logit_theta;
        }
        e->logit_t[t] = base - p->aid;
        e->theta_t[t] = sc__war_logistic(e->logit_t[t] + shift_at(e, t));
    }
    /* Kydd (2003): a threat against a side is believed as far as the mediator leans away from it */
    const sc_war_mediator *m = &p->mediator;
    double lean = m->ideal - (double)p->start / p->front;
    double kb = m->credibility_band > 0 ? clamp01(0.5 + lean / (2 * m->credibility_band))
                                        : (lean > 0 ? 1 : lean < 0 ? 0 : 0.5);
    e->kappa_b = m->credibility_b >= 0 ? m->credibility_b : kb;
    e->kappa_a = m->credibility_a >= 0 ? m->credibility_a : 1 - kb;
    if (m->prior[0] > 0) {
        e->prior_m[0] = m->prior[0];
        e->prior_m[1] = m->prior[1];
    } else {
        e->prior_m[0] = (p->prior_a[0] + p->prior_b[0]) / 2;
        e->prior_m[1] = (p->prior_a[1] + p->prior_b[1]) / 2;
    }
    e->h_bare = sc_war_relapse_hazard(p->relapse_hazard, 0, p->agreement, p->hr_peacekeepers,
                                      p->hr_agreement);
    e->h_med = sc_war_relapse_hazard(p->relapse_hazard, m->guarantee, p->agreement,
                                     p->hr_peacekeepers, p->hr_agreement);
    e->F_bare = failure_probability(e->h_bare, p->post_periods);
    e->F_med = failure_probability(e->h_med, p->post_periods);
    e->inv_bare = 1 / (1 - e->F_bare);
    e->inv_med = 1 / (1 - e->F_med);
    e->med[0] = make_mediator_package(e, 0);
    e->med[1] = make_mediator_package(e, 1);
    e->bare = make_bare_package(e);
    e->need_extra = p->commitment || p->rule == SC_WAR_MEDIATOR;
    /* tables of the opening alone (horizon 0, sc_war_opening_values) keep no extras: one state
     * computes its own */
    if (e->need_extra && p->beliefs == SC_WAR_PREDICTIVE && ta->horizon == H) {
        size_t n = ta->offset[H] + (size_t)(ta->kmax[H] >= ta->kmin[H]
                                                ? (ta->kmax[H] - ta->kmin[H]) / 2 + 1
                                                : 0);
        extras_store *x = pool ? pool_get(pool, e, n ? n : 1) : NULL;
        if (x) {
            e->ready = x->ready;
            e->extra = x->extra;
        } else {
            e->own_extra = 1;
            e->ready = calloc(n ? n : 1, sizeof *e->ready);
            e->extra = malloc((n ? n : 1) * X_COUNT * sizeof *e->extra);
        }
        if (!e->ready || !e->extra) {
            engine_destroy(e);
            return SC_ENOMEM;
        }
    }
    return SC_OK;
}

/* ---- values at a state ----------------------------------------------------------------------- */

typedef struct state_values {
    double ga, sa, gb, sb;     /* each side's expected share and discounted duration */
    const double *x;           /* extras (X_COUNT), NULL until needed */
    double xbuf[X_COUNT];
} state_values;

static void point_parts(const engine *e, int k, double theta, double *g, double *s)
{
    sc_war_value_parts(k, e->p->front, theta, e->p->discount, g, s);
}

/* The extras at (t, k) for beliefs with means mu_a, mu_b, mu_m (docs: first-order shifts
 * evaluated at each side's mean belief). */
static void compute_extra(const engine *e, int t, int k, double mu_a, double mu_b, double mu_m,
                          double out[X_COUNT])
{
    const sc_war_params *p = e->p;
    double rem = e->delta_T - shift_at(e, t);
    memset(out, 0, X_COUNT * sizeof *out);
    double g0, s0, g1, s1, gb0 = 0, sb0 = 0;
    int threat = p->rule == SC_WAR_MEDIATOR && p->mediator.threat_b != 0;
    if (rem != 0 || threat) {
        point_parts(e, k, mu_b, &gb0, &sb0); /* B's value at its mean: both corrections' base */
    }
    if (rem != 0) {
        point_parts(e, k, mu_a, &g0, &s0);
        point_parts(e, k, sc__war_logistic(sc__war_logit(mu_a) + rem), &g1, &s1);
        out[X_GA] = g1 - g0;
        out[X_SA] = s1 - s0;
        point_parts(e, k, sc__war_logistic(sc__war_logit(mu_b) + rem), &g1, &s1);
        out[X_GB] = g1 - gb0;
        out[X_SB] = s1 - sb0;
    }
    if (p->rule == SC_WAR_MEDIATOR) {
        if (threat) {
            g0 = gb0;
            s0 = sb0;
            point_parts(e, k, sc__war_logistic(sc__war_logit(mu_b) + p->mediator.threat_b), &g1,
                        &s1);
            out[X_TGB] = g1 - g0;
            out[X_TSB] = s1 - s0;
        }
        point_parts(e, k, mu_m, &out[X_GM], &out[X_SM]);
    }
}

static double mean_belief(const double prior[2], int t, int w)
{
    return (prior[0] + w) / (prior[0] + prior[1] + t);
}

static void state_lookup(const engine *e, int t, int k, state_values *v)
{
    const sc_war_params *p = e->p;
    v->x = NULL;
    if (p->beliefs == SC_WAR_PREDICTIVE) {
        sc__war_table_get(e->ta, t, k, &v->ga, &v->sa);
        sc__war_table_get(e->tb, t, k, &v->gb, &v->sb);
    } else {
        int w = (t + k - p->start) / 2;
        point_parts(e, k, mean_belief(p->prior_a, t, w), &v->ga, &v->sa);
        point_parts(e, k, mean_belief(p->prior_b, t, w), &v->gb, &v->sb);
    }
}

static const double *state_extra(const engine *e, int t, int k, state_values *v)
{
    if (v->x) {
        return v->x;
    }
    size_t i = e->ready ? e->ta->offset[t] + (size_t)((k - e->ta->kmin[t]) / 2) : 0;
    if (e->ready && atomic_load_explicit(&e->ready[i], memory_order_acquire)) {
        for (int j = 0; j < X_COUNT; j++) {
            v->xbuf[j] = atomic_load_explicit(&e->extra[i * X_COUNT + (size_t)j], memory_order_relaxed);
        }
        v->x = v->xbuf;
        return v->x;
    }
    /* the means only where the extras are computed (a state's first visit) */
    const sc_war_params *p = e->p;
    int w = (t + k - p->start) / 2;
    double mu_a = mean_belief(p->prior_a, t, w), mu_b = mean_belief(p->prior_b, t, w);
    double mu_m = mean_belief(e->prior_m, t, w);
    if (!e->ready) {
        compute_extra(e, t, k, mu_a, mu_b, mu_m, v->xbuf);
        v->x = v->xbuf;
        return v->x;
    }
    {
        /* two threads may both compute a state: they store the same numbers */
        compute_extra(e, t, k, mu_a, mu_b, mu_m, v->xbuf);
        for (int j = 0; j < X_COUNT; j++) {
            atomic_store_explicit(&e->extra[i * X_COUNT + (size_t)j], v->xbuf[j], memory_order_relaxed);
        }
        atomic_store_explicit(&e->ready[i], 1, memory_order_release);
    }
    v->x = v->xbuf;
    return v->x;
}

/* ---- bargaining -------------------------------------------------------------------------------- */


/*
 * The deals both sides accept under a package, for B's cost cb: A accepts x iff
 * (1 - F)(x + ind_a) + F V_A^rel >= V_A^c and B iff (1 - F)(1 - x + ind_b) + F V_B^rel >= V_B^c,
 * where V^c is the value of rejecting (threat executed; with the commitment problem, at least the
 * discounted value after the remaining expected shift) and V^rel the value of a war that resumes
 * after the ceasefire fails (at the fully shifted balance).
 */
static void deal_bounds_values(const engine *e, int t, int k, state_values *v,
                               const package *pk, double cb, int shifted, double *lo, double *hi,
                               double *value_a, double *value_b);

static void deal_bounds(const engine *e, int t, int k, state_values *v, const package *pk,
                        double cb, int shifted, double *lo, double *hi)
{
    deal_bounds_values(e, t, k, v, pk, cb, shifted, lo, hi, NULL, NULL);
}

/* deal_bounds, also giving each side's value of rejecting (its payoff of the war going on); its
 * payoff of a deal at x is then value + (1 - F)(x - lo) for A and value + (1 - F)(hi - x) for B (the
 * negotiation tree's payoffs, sc_war_opening_values). */
/* The upper end of deal_bounds alone (B's side), and B's value of rejecting in *value_b (if not
 * NULL): deal_bounds_values' own, and what the calls that read only B's side call (a screening
 * proposal's top type and B's answer, four of a bargain's six). */
static double deal_hi(const engine *e, int t, int k, state_values *v, const package *pk,
                      double cb, int shifted, double *value_b)
{
    const sc_war_params *p = e->p;
    double vb = 1 - v->gb - cb * v->sb;
    double vb_rel = 1 - v->gb - cb * v->sb;
    int commit = p->commitment && !shifted && t < e->shift_battles;
    const double *x = NULL;
    if (commit || pk->threat_b_weight != 0) {
        x = state_extra(e, t, k, v);
    }
    if (pk->threat_b_weight != 0) {
        double threat = -x[X_TGB] - cb * x[X_TSB];
        vb += pk->threat_b_weight * threat;
    }
    if (commit) {
        double db = -x[X_GB] - cb * x[X_SB];
        double dT = e->discount_T[t];
        vb = vb > dT * (vb + db) ? vb : dT * (vb + db);
        vb_rel += db;
    }
    double F = pk->F;
    if (value_b) {
        *value_b = vb;
    }
    return 1 + pk->ind_b - (vb - F * vb_rel) * pk->inv;
}

static void deal_bounds_values(const engine *e, int t, int k, state_values *v,
                               const package *pk, double cb, int shifted, double *lo, double *hi,
                               double *value_a, double *value_b)
{
    const sc_war_params *p = e->p;
    double ca = e->cA + pk->threat_a;
    double va = v->ga - ca * v->sa;
    double va_rel = v->ga - e->cA * v->sa;
    int commit = p->commitment && !shifted && t < e->shift_battles;
    if (commit) {
        const double *x = state_extra(e, t, k, v);
        double da = x[X_GA] - ca * x[X_SA];
        double dT = e->discount_T[t];
        va = va > dT * (va + da) ? va : dT * (va + da);
        /* a failed ceasefire resumes at the shifted balance */
        va_rel += x[X_GA] - e->cA * x[X_SA];
    }
    double F = pk->F;
    *lo = (va - F * va_rel) * pk->inv - pk->ind_a;
    *hi = deal_hi(e, t, k, v, pk, cb, shifted, value_b);
    if (value_a) {
        *value_a = va;
    }
}

typedef struct deal {
    double x;
    int mediated; /* 1: the mediator's package (guarantee, inducements) */
} deal;

/* With screening, what was offered at a state, whatever B's true cost: the terms, the package,
 * and the top of the belief about B's cost after a rejection. The offer does not depend on B's
 * cost (neither A nor the mediator knows it), only the answer does. */
typedef struct offer {
    int made;
    int mediated;        /* the mediator's proposal (its package), else A's demand (the bare one) */
    double x;
    const package *pk;   /* the engine's package the offer comes with */
    double cbar_reject;
    double ga, sa, gb, sb; /* the state's values, for B's answer and accept_interval */
} offer;

static void offer_keep_values(offer *of, const state_values *v)
{
    of->ga = v->ga;
    of->sa = v->sa;
    of->gb = v->gb;
    of->sb = v->sb;
}

/* The state's values an offer kept (its extras are read again from the store when needed) */
static state_values offer_values(const offer *of)
{
    state_values v;
    v.ga = of->ga;
    v.sa = of->sa;
    v.gb = of->gb;
    v.sb = of->sb;
    v.x = NULL;
    return v;
}

/* Per-run state the bargaining changes. */
typedef struct run_state {
    double cb;        /* B's true cost per battle */
    double cbar;      /* top of A's belief about B's cost (screening) */
    int payments;     /* side-payments still on offer */
    int shifted;      /* the expected shift has happened (after a failed ceasefire) */
} run_state;

static package make_bare_package(const engine *e)
{
    const sc_war_params *p = e->p;
    package pk = {p->linked_a, p->linked_b, 0, 0, e->F_bare, e->inv_bare};
    return pk;
}

static package make_mediator_package(const engine *e, int payments)
{
    const sc_war_mediator *m = &e->p->mediator;
    package pk;
    const sc_war_params *p = e->p;
    /* issue-linked stakes: the linked issues settled with the mediator's guarantee */
    pk.ind_a = m->relief + (payments ? m->pay_a : 0) + p->linked_a +
               m->guarantee * p->linked_guarantee_a;
    pk.ind_b = (payments ? m->pay_b : 0) + p->linked_b + m->guarantee * p->linked_guarantee_b;
    pk.threat_a = e->kappa_a * m->threat_a;
    pk.threat_b_weight = m->threat_b != 0 ? e->kappa_b : 0;
    pk.F = e->F_med;
    pk.inv = e->inv_med;
    return pk;
}

/* The mediator's package for a run in this state (made by engine_init) */
static const package *mediator_package(const engine *e, const run_state *rs)
{
    return &e->med[rs->payments ? 1 : 0];
}

/*
 * The mediator screens B's resolve (rule mediator with screening): like A it does not know B's
 * cost, uniform on [cost_b_low, cbar]; a proposal x is accepted by the types whose cost is at
 * least y(x) = c_lo + (x - h_lo)/slope (B concedes more the costlier the war is for it) and by A
 * iff x >= lo_A. It picks the threshold y that maximises its own expected utility
 *   U(y) = a(y) (-|x(y) - x_M| - payments) + (1 - a(y)) u_M(war),  a(y) = (c_hi - y)/(c_hi - c_lo),
 * and makes no proposal (-1) when the war going on is better for it. On each side of the kink
 * x(y) = x_M, U is a quadratic in y, so its maximum is at an end of the feasible interval, the
 * kink, or a vertex: those few candidates are compared exactly. A rejection tells it (and A)
 * that B's cost is below y.
 */
static double screen_utility(double y, double c_lo, double c_hi, double inv_w, double h_lo,
                             double slope, double ideal, double cost, double u_war)
{
    double a = (c_hi - y) * inv_w, x = h_lo + slope * (y - c_lo);
    return a * (-fabs(x - ideal) - cost) + (1 - a) * u_war;
}

static int mediator_screen(const engine *e, int t, int k, state_values *v, const run_state *rs,
                           offer *of)
{
    const sc_war_params *p = e->p;
    const sc_war_mediator *m = &p->mediator;
    const package *pkp = mediator_package(e, rs), pk = *pkp;
    double c_lo = p->cost_b_low, c_hi = rs->cbar;
    double lo_a, h_lo;
    deal_bounds(e, t, k, v, &pk, c_lo, rs->shifted, &lo_a, &h_lo);
    double h_hi = deal_hi(e, t, k, v, &pk, c_hi, rs->shifted, NULL);
    if (!(c_hi > c_lo) || !(h_hi > h_lo) || h_hi < lo_a || lo_a > 1) {
        return -1; /* no type of B accepts anything A accepts */
    }
    /* the belief's width and the slope by their reciprocals: two divisions a proposal, not ten */
    double inv_w = 1 / (c_hi - c_lo);
    double slope = (h_hi - h_lo) * inv_w, inv_slope = (c_hi - c_lo) / (h_hi - h_lo);
    /* the feasible thresholds: A accepts (x >= lo_A) and x is a division (x <= 1) */
    double y_lo = c_lo + (lo_a - h_lo) * inv_slope, y_hi = c_lo + (1 - h_lo) * inv_slope;
    y_lo = y_lo > c_lo ? y_lo : c_lo;
    y_hi = y_hi < c_hi ? y_hi : c_hi;
    if (y_lo > y_hi) {
        return -1;
    }
    const double *xm = state_extra(e, t, k, v);
    double cost = rs->payments ? m->pay_a + m->pay_b : 0;
    double u_war = -fabs(xm[X_GM] - m->ideal) - m->cost * xm[X_SM];
    /* candidates: the ends, the kink, and the vertex of each quadratic piece */
    double cand[5];
    int nc = 0;
    cand[nc++] = y_lo;
    cand[nc++] = y_hi;
    double y_kink = c_lo + (m->ideal - h_lo) * inv_slope;
    cand[nc++] = y_kink;
    for (int side = -1; side <= 1; side += 2) {
        /* on the side x < x_M (side -1) the gain is x - x_M, else x_M - x; U = a(y) (side-signed
         * linear in y) + const: setting dU/dy = 0 for a = (c_hi - y)/w, g = -side (x(y) - x_M) -
         * cost - u_war gives y* = (c_hi + y0)/2 with g(y0) = 0 */
        double y0 = c_lo + (m->ideal - h_lo - side * (cost + u_war)) * inv_slope;
        cand[nc++] = (c_hi + y0) / 2;
    }
    double best_u = u_war, best_y = -1;
    for (int i = 0; i < nc; i++) {
        double y = cand[i];
        if (!(y >= y_lo && y <= y_hi)) {
            continue;
        }
        double u = screen_utility(y, c_lo, c_hi, inv_w, h_lo, slope, m->ideal, cost, u_war);
        if (u > best_u) {
            best_u = u;
            best_y = y;
        }
    }
    if (best_y < 0) {
        return -1; /* the war going on is better for the mediator than any proposal */
    }
    of->made = 1;
    of->mediated = 1;
    of->x = h_lo + slope * (best_y - c_lo);
    of->pk = pkp;
    of->cbar_reject = best_y < rs->cbar ? best_y : rs->cbar;
    offer_keep_values(of, v);
    return 1;
}

/*
 * With screening, the offer made at (t, k) (of->made = 0 if none): A's demand, or the mediator's
 * proposal when it makes one. Neither knows B's cost, so the offer is a function of the state and
 * of what earlier rejections revealed (rs->cbar), the payments on offer and whether the shift
 * happened, never of B's cost: screen_answer gives B's answer.
 */
static void screen_offer(const engine *e, int t, int k, const run_state *rs, offer *of)
{
    const sc_war_params *p = e->p;
    of->made = 0;
    state_values v;
    state_lookup(e, t, k, &v);
    if (p->rule == SC_WAR_MEDIATOR && mediator_screen(e, t, k, &v, rs, of) > 0) {
        return;
    }
    /* no proposal from the mediator (or none there): the sides bargain directly, A demanding; it
     * knows B's beliefs but not B's cost, uniform on [cost_b_low, cbar] */
    const package *pk = &e->bare;
    double c_lo = p->cost_b_low, c_hi = rs->cbar;
    double lo_a, h_lo;
    deal_bounds(e, t, k, &v, pk, c_lo, rs->shifted, &lo_a, &h_lo);
    double h_hi = deal_hi(e, t, k, &v, pk, c_hi, rs->shifted, NULL);
    double slope = c_hi > c_lo ? (h_hi - h_lo) / (c_hi - c_lo) : 0;
    double x, y;
    if (slope > 0) {
        sc_war_screening_demand(h_lo, slope, c_lo, c_hi, lo_a, &x, &y);
    } else {
        x = h_lo; /* B's cost does not matter to its answer */
        y = c_lo;
    }
    x = x > 1 ? 1 : x; /* a demand is a division of the stakes */
    if (x < lo_a) {
        return; /* no demand B might accept is worth more to A than fighting */
    }
    of->made = 1;
    of->mediated = 0;
    of->x = x;
    of->pk = pk;
    of->cbar_reject = y < rs->cbar ? y : rs->cbar;
    offer_keep_values(of, &v);
}

/* B's answer to an offer, at its own cost: a deal, or a rejection that tells the offerer that
 * B's cost is below the offer's threshold. */
static int screen_answer(const engine *e, int t, int k, run_state *rs, const offer *of, deal *d)
{
    if (!of->made) {
        return 0;
    }
    state_values v = offer_values(of);
    if (of->x <= deal_hi(e, t, k, &v, of->pk, rs->cb, rs->shifted, NULL)) {
        d->x = clamp01(of->x);
        d->mediated = of->mediated;
        return 1;
    }
    rs->cbar = of->cbar_reject; /* B turned it down: its cost is below the threshold */
    return 0;
}

/* Whether a deal is struck at (t, k), and on what terms, without screening (B's cost known). */
static int bargain(const engine *e, int t, int k, run_state *rs, deal *d)
{
    const sc_war_params *p = e->p;
    state_values v;
    state_lookup(e, t, k, &v);
    int mediator = p->rule == SC_WAR_MEDIATOR;
    const package *med = mediator_package(e, rs), *bare = &e->bare;
    double lo, hi;
    if (mediator) {
        deal_bounds(e, t, k, &v, med, rs->cb, rs->shifted, &lo, &hi);
        if (lo <= hi) {
            const sc_war_mediator *m = &p->mediator;
            double x = m->ideal < lo ? lo : m->ideal > hi ? hi : m->ideal;
            /* the mediator brokers it if the deal beats, for itself, the war going on */
            const double *xm = state_extra(e, t, k, &v);
            double cost = rs->payments ? m->pay_a + m->pay_b : 0;
            double u_deal = -fabs(x - m->ideal) - cost;
            double u_war = -fabs(xm[X_GM] - m->ideal) - m->cost * xm[X_SM];
            if (u_deal >= u_war) {
                d->x = clamp01(x);
                d->mediated = 1;
                return 1;
            }
        }
    }
    deal_bounds(e, t, k, &v, bare, rs->cb, rs->shifted, &lo, &hi);
    if (lo <= hi) {
        double x = p->rule == SC_WAR_NASH ? lo + p->power * (hi - lo) : (lo + hi) / 2;
        d->x = clamp01(x);
        d->mediated = 0;
        return 1;
    }
    return 0;
}

/* ---- B's cost integrated out (sc_war_params::conditional) ------------------------------------ */

/*
 * The costs cb of B that accept terms x under package pk at (t, k): x <= hi(cb), with hi the
 * upper end of deal_bounds written as the minimum of affine functions of cb (B's value of
 * rejecting is affine in cb, or with the commitment problem the larger of two affine values).
 * The result is an interval [*from, *to] (empty when *from > *to) intersected with [lo, hi].
 */
static void accept_interval(const engine *e, int t, int k, const state_values *vs,
                            const package *pk, int shifted, double x, double lo, double hi,
                            double *from, double *to)
{
    const sc_war_params *p = e->p;
    state_values v = *vs;
    v.x = vs->x ? v.xbuf : NULL;
    /* B's value of rejecting, vb = a0 + b0 cb, and of a resumed war, vr = ar + br cb */
    double a0 = 1 - v.gb, b0 = -v.sb, ar = 1 - v.gb, br = -v.sb;
    int commit = p->commitment && !shifted && t < e->shift_battles;
    const double *xe = NULL;
    if (commit || pk->threat_b_weight != 0) {
        xe = state_extra(e, t, k, &v);
    }
    if (pk->threat_b_weight != 0) {
        a0 += pk->threat_b_weight * -xe[X_TGB];
        b0 += pk->threat_b_weight * -xe[X_TSB];
    }
    double pa[2] = {a0, 0}, pb[2] = {b0, 0};
    int np = 1;
    if (commit) {
        double dT = e->discount_T[t];
        pa[1] = dT * (a0 - xe[X_GB]);
        pb[1] = dT * (b0 - xe[X_SB]);
        np = 2;
        ar += -xe[X_GB];
        br += -xe[X_SB];
    }
    double F = pk->F;
    *from = lo;
    *to = hi;
    for (int i = 0; i < np; i++) {
        /* hi_i(cb) = alpha + beta cb >= x */
        double alpha = 1 + pk->ind_b - (pa[i] - F * ar) * pk->inv;
        double beta = -(pb[i] - F * br) * pk->inv;
        if (beta > 0) {
            double c = (x - alpha) / beta;
            *from = c > *from ? c : *from;
        } else if (beta < 0) {
            double c = (x - alpha) / beta;
            *to = c < *to ? c : *to;
        } else if (alpha < x) {
            *from = hi;
            *to = lo; /* no cost accepts */
        }
    }
}

/* The costs of B not yet accepting: a few disjoint intervals (uniform density on [lo, hi]). */
#define COND_PIECES 8
typedef struct cost_set {
    int n, overflow;
    double from[COND_PIECES], to[COND_PIECES];
} cost_set;

static double cost_set_measure(const cost_set *c)
{
    double m = 0;
    for (int i = 0; i < c->n; i++) {
        m += c->to[i] - c->from[i];
    }
    return m;
}

/* Removes [a, b] from the set (the types that accept an offer). */
static void cost_set_remove(cost_set *c, double a, double b)
{
    if (!(a < b)) {
        return;
    }
    cost_set out = {0, c->overflow, {0}, {0}};
    for (int i = 0; i < c->n; i++) {
        double f = c->from[i], t = c->to[i];
        double left_to = t < a ? t : a, right_from = f > b ? f : b;
        if (left_to > f) {
            if (out.n == COND_PIECES) {
                out.overflow = 1;
                break;
            }
            out.from[out.n] = f;
            out.to[out.n++] = left_to;
        }
        if (t > right_from) {
            if (out.n == COND_PIECES) {
                out.overflow = 1;
                break;
            }
            out.from[out.n] = right_from;
            out.to[out.n++] = t;
        }
    }
    *c = out;
}

/*
 * Offers remembered within a row (screening). An offer is a function of (t, k), of what earlier
 * rejections revealed (cbar), of the payments on offer and of whether the shift happened, given
 * the row's numbers; a row's runs and their types' walks meet the same keys often early on (on
 * the built-in scenario four in five bargains of the first ten battles, half of the next ten: the
 * walks start together and the belief falls the same way along them), rarely later. So the
 * offers of the first OFFER_BATTLES battles only, in a direct-mapped table per thread small
 * enough to stay in the cache between a draw's rows (a table of every battle, 460 kB, did not),
 * emptied for each row by a generation count; a slot keeps its offer and, once asked for, the
 * interval of B's costs that accept it. A slot holds what screen_offer and
 * accept_interval compute for its key, so a run reads the same numbers whether it hits or not:
 * the same bits for any thread count and any order of the runs.
 */
#define OFFER_SLOTS 512
#define OFFER_BATTLES 24
typedef struct offer_slot {
    unsigned gen;
    int t, k, payments, shifted, have_interval;
    double cbar;
    offer of;
    double from, to; /* the costs that accept it (have_interval) */
} offer_slot;

typedef struct offer_memo {
    unsigned gen;
    offer_slot *slot;
} offer_memo;

static pthread_key_t memo_key;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;
static int memo_ok;

static void memo_free(void *v)
{
    offer_memo *m = v;
    if (m) {
        free(m->slot);
        free(m);
    }
}

static void memo_init(void)
{
    memo_ok = pthread_key_create(&memo_key, memo_free) == 0;
}

static _Atomic int memo_on = 1;

void sc__war_offer_memo(int on)
{
    atomic_store(&memo_on, on != 0);
}

/* The thread's table, emptied for a new row; NULL if it cannot be had or is off (offers are then
 * made afresh every time: the same numbers) */
static offer_memo *memo_for_row(void)
{
    pthread_once(&memo_once, memo_init);
    if (!memo_ok || !atomic_load(&memo_on)) {
        return NULL;
    }
    offer_memo *m = pthread_getspecific(memo_key);
    if (!m) {
        m = calloc(1, sizeof *m);
        if (m) {
            m->slot = calloc(OFFER_SLOTS, sizeof *m->slot);
        }
        if (!m || !m->slot || pthread_setspecific(memo_key, m) != 0) {
            memo_free(m);
            return NULL;
        }
    }
    if (++m->gen == 0) {
        /* the count wrapped: slots of generation 1 could be taken for this row's */
        memset(m->slot, 0, OFFER_SLOTS * sizeof *m->slot);
        m->gen = 1;
    }
    return m;
}

/* The offer at (t, k) for a run in state rs: the memo's slot, or *local made afresh. */
static offer_slot *offer_at(const engine *e, offer_memo *m, int t, int k, const run_state *rs,
                            offer_slot *local)
{
    offer_slot *os = local;
    if (m && t < OFFER_BATTLES) {
        uint64_t cb;
        memcpy(&cb, &rs->cbar, sizeof cb);
        uint64_t h = cb ^ ((uint64_t)(unsigned)t << 32 | (uint32_t)k) * 0x9E3779B97F4A7C15u;
        h ^= (uint64_t)(rs->payments * 2 + rs->shifted);
        h *= 0xBF58476D1CE4E5B9u;
        h ^= h >> 31;
        h *= 0x94D049BB133111EBu;
        h ^= h >> 29;
        os = &m->slot[h & (OFFER_SLOTS - 1)];
        if (os->gen == m->gen && os->t == t && os->k == k && os->payments == rs->payments &&
            os->shifted == rs->shifted && memcmp(&os->cbar, &rs->cbar, sizeof cb) == 0) {
            return os;
        }
    }
    screen_offer(e, t, k, rs, &os->of);
    os->gen = m ? m->gen : 0;
    os->t = t;
    os->k = k;
    os->payments = rs->payments;
    os->shifted = rs->shifted;
    os->cbar = rs->cbar;
    os->have_interval = 0;
    return os;
}

/* The types an offer leaves: those that accept it leave the set. */
static void cost_set_offer(const engine *e, int t, int k, offer_slot *os, int shifted,
                           cost_set *c)
{
    if (!os->of.made) {
        return;
    }
    if (!os->have_interval) {
        state_values v = offer_values(&os->of);
        accept_interval(e, t, k, &v, os->of.pk, shifted, os->of.x, e->p->cost_b_low,
                        e->p->cost_b_high, &os->from, &os->to);
        os->have_interval = 1;
    }
    cost_set_remove(c, os->from, os->to);
}

/*
 * The walk with no deal, from the bargaining at (t, k) to the bargaining at battle 52: every type
 * of B still in the set sees the same offers until it accepts one (the offers and the battles do
 * not depend on B's cost), so the share of types that accept by battle 52 is P(first ceasefire
 * within 52 battles | this walk), exactly. The run's own walk is this walk until its own type
 * accepts; from there, this continues it on a copy of the run's stream.
 */
static void cond_continue(const engine *e, offer_memo *m, int t, int k, run_state rs, sc_rng rng,
                          cost_set *c)
{
    const sc_war_params *p = e->p;
    for (;;) {
        if (t >= p->horizon || t >= 52 || c->n == 0 || c->overflow) {
            return;
        }
        int win = sc_rng_uniform(&rng) < e->theta_t[t];
        k += win ? 1 : -1;
        t++;
        if (k <= 0 || k >= p->front) {
            return;
        }
        /* the offer alone: the types that accept it leave, the others reject it */
        offer_slot local, *os = offer_at(e, m, t, k, &rs, &local);
        cost_set_offer(e, t, k, os, rs.shifted, c);
        if (os->of.made) {
            rs.cbar = os->of.cbar_reject; /* the walk of the types that rejected */
        }
    }
}

/* ---- one run --------------------------------------------------------------------------------- */

typedef struct run_out {
    unsigned char outcome;
    int battles;
    int first_ceasefire; /* battle count at the first ceasefire, -1 if none */
    int relapsed;
    double share;
    double p52; /* P(first ceasefire within 52 battles | the run's walk), conditional; else 0/1 */
} run_out;

/* Whether a deal at (t, k) survives the periods it is followed. */
static int deal_holds(const engine *e, int t, int k, const deal *d, run_state *rs, sc_rng *rng)
{
    const sc_war_params *p = e->p;
    if (p->post_periods <= 0) {
        return 1;
    }
    double h = d->mediated ? e->h_med : e->h_bare;
    long fail_at = LONG_MAX; /* period in which the ceasefire fails by the hazard */
    if (h > 0) {
        double g = floor(log(sc_rng_uniform_pos(rng)) / log1p(-h));
        fail_at = g < 1e9 ? (long)g + 1 : LONG_MAX;
    }
    const sc_war_mediator *m = &p->mediator;
    long ind = p->inducement_periods;
    if (d->mediated && rs->payments && (m->pay_a > 0 || m->pay_b > 0) && ind > 0 &&
        ind <= p->post_periods && ind < fail_at) {
        /* Beardsley (2008): when the payments end, does the deal still beat fighting? */
        run_state plain = *rs;
        plain.payments = 0;
        package pk = *mediator_package(e, &plain);
        state_values v;
        state_lookup(e, t, k, &v);
        double lo, hi;
        deal_bounds(e, t, k, &v, &pk, rs->cb, rs->shifted, &lo, &hi);
        if (d->x < lo || d->x > hi) {
            return 0;
        }
    }
    return fail_at > p->post_periods;
}

static void run_one(const engine *e, offer_memo *m, sc_rng *rng, size_t r, run_out *o)
{
    const sc_war_params *p = e->p;
    int N = p->front, k = p->start, t = 0;
    run_state rs = {e->cB, p->cost_b_high, 1, 0};
    int cond = p->conditional && p->screening;
    cost_set types = {1, 0, {p->cost_b_low}, {p->cost_b_high}};
    if (p->screening) {
        double u = sc_rng_uniform(rng);
        if (cond) {
            u = ((double)r + u) / (double)p->runs; /* run r draws from the r-th of runs strata */
        }
        rs.cb = p->cost_b_low + (p->cost_b_high - p->cost_b_low) * u;
    }
    o->first_ceasefire = -1;
    o->relapsed = 0;
    o->share = (double)NAN;
    for (;;) {
        if (k <= 0 || k >= N) {
            o->outcome = k >= N ? SC_WAR_VICTORY_A : SC_WAR_VICTORY_B;
            break;
        }
        deal d;
        int watch = cond && o->first_ceasefire < 0 && t <= 52;
        run_state before = rs;
        int settled;
        if (p->screening) {
            offer_slot local, *os = offer_at(e, m, t, k, &rs, &local);
            settled = screen_answer(e, t, k, &rs, &os->of, &d);
            if (watch) {
                cost_set_offer(e, t, k, os, rs.shifted, &types);
            }
            /* B accepted an offer (os->of.made): the types that did not walk on from here with
             * what their rejection revealed */
            before.cbar = os->of.made ? os->of.cbar_reject : before.cbar;
        } else {
            settled = bargain(e, t, k, &rs, &d);
        }
        if (settled) {
            if (o->first_ceasefire < 0) {
                o->first_ceasefire = t;
                if (cond && t < 52) {
                    /* the types that did not accept yet walk on without this run's deal */
                    cond_continue(e, m, t, k, before, *rng, &types);
                }
            }
            if (deal_holds(e, t, k, &d, &rs, rng)) {
                o->outcome = SC_WAR_CEASEFIRE;
                o->share = d.x;
                break;
            }
            o->relapsed = 1;
            rs.payments = 0;            /* fighting resumes without the expired payments */
            rs.shifted = p->commitment; /* and at the shifted balance */
        }
        if (t >= p->horizon) {
            o->outcome = SC_WAR_ONGOING;
            break;
        }
        double th = rs.shifted ? sc__war_logistic(e->logit_t[t] + e->delta_T) : e->theta_t[t];
        int win = sc_rng_uniform(rng) < th;
        k += win ? 1 : -1;
        t++;
    }
    o->battles = t;
    int by52 = o->first_ceasefire >= 0 && o->first_ceasefire <= 52;
    if (cond && !types.overflow) {
        double w = p->cost_b_high - p->cost_b_low;
        o->p52 = (w - cost_set_measure(&types)) / w;
        o->p52 = o->p52 < 0 ? 0 : o->p52 > 1 ? 1 : o->p52;
    } else {
        o->p52 = by52; /* unbiased too: the walk's conditional probability is its mean */
    }
}

/* ---- streamed statistics --------------------------------------------------------------------- */

typedef struct acc {
    uint64_t n, ever, by52, held, va, vb, ongoing, relapsed, sum_battles, sum_battles2, sum_share;
    uint64_t sum_p52, sum_p52_2; /* conditional P(52) and its square per run, fixed point 2^-32 */
    uint64_t *battles;  /* horizon + 1 */
    uint64_t *first_cf; /* horizon + 1 */
    uint64_t *terms;    /* SC_WAR_TERMS_BINS */
    size_t terms_lo, terms_hi; /* the bins any run reached: [lo, hi), empty if lo >= hi */
} acc;

/*
 * Zeroed terms histograms kept per thread: a Monte Carlo over the inputs finishes thousands of
 * small rows, each with a histogram of 16,384 bins, where a few dozen runs touch a few bins.
 * A histogram given back is zeroed over the bins its runs reached (the rest never left zero)
 * and kept for the thread's next row, so a row neither allocates nor clears 128 kB.
 */
#define SPARE_TERMS 4
typedef struct spare_terms {
    int n;
    uint64_t *t[SPARE_TERMS];
} spare_terms;
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;
static int spare_ok;

static void spare_free(void *v)
{
    spare_terms *s = v;
    for (int i = 0; s && i < s->n; i++) {
        free(s->t[i]);
    }
    free(s);
}

static void spare_init(void)
{
    spare_ok = pthread_key_create(&spare_key, spare_free) == 0;
}

static spare_terms *spare_get(void)
{
    pthread_once(&spare_once, spare_init);
    if (!spare_ok) {
        return NULL;
    }
    spare_terms *s = pthread_getspecific(spare_key);
    if (!s) {
        s = calloc(1, sizeof *s);
        if (s && pthread_setspecific(spare_key, s) != 0) {
            free(s);
            s = NULL;
        }
    }
    return s;
}

static uint64_t *terms_get(void)
{
    spare_terms *s = spare_get();
    if (s && s->n > 0) {
        return s->t[--s->n];
    }
    return calloc(SC_WAR_TERMS_BINS, sizeof(uint64_t));
}

static void terms_put(uint64_t *t, size_t lo, size_t hi)
{
    if (!t) {
        return;
    }
    spare_terms *s = spare_get();
    if (s && s->n < SPARE_TERMS) {
        if (lo < hi) {
            memset(t + lo, 0, (hi - lo) * sizeof *t);
        }
        s->t[s->n++] = t;
    } else {
        free(t);
    }
}

static void acc_destroy(acc *a)
{
    free(a->battles);
    free(a->first_cf);
    terms_put(a->terms, a->terms_lo, a->terms_hi);
    memset(a, 0, sizeof *a);
}

static sc_status acc_init(acc *a, int horizon)
{
    memset(a, 0, sizeof *a);
    a->battles = calloc((size_t)horizon + 1, sizeof *a->battles);
    a->first_cf = calloc((size_t)horizon + 1, sizeof *a->first_cf);
    a->terms = terms_get();
    a->terms_lo = SC_WAR_TERMS_BINS;
    a->terms_hi = 0;
    if (!a->battles || !a->first_cf || !a->terms) {
        acc_destroy(a);
        return SC_ENOMEM;
    }
    return SC_OK;
}

static size_t terms_bin(double x)
{
    size_t b = (size_t)(x * SC_WAR_TERMS_BINS);
    return b >= SC_WAR_TERMS_BINS ? SC_WAR_TERMS_BINS - 1 : b;
}

/* A probability in fixed point (2^-32): integer sums do not depend on the order of the runs. */
static uint64_t fixed32(double x)
{
    return (uint64_t)llround(x * 4294967296.0);
}

static void acc_add(acc *a, const run_out *o)
{
    a->n++;
    a->sum_p52 += fixed32(o->p52);
    a->sum_p52_2 += fixed32(o->p52 * o->p52);
    a->battles[o->battles]++;
    a->sum_battles += (uint64_t)o->battles;
    a->sum_battles2 += (uint64_t)o->battles * (uint64_t)o->battles;
    if (o->first_ceasefire >= 0) {
        a->ever++;
        a->first_cf[o->first_ceasefire]++;
        a->by52 += o->first_ceasefire <= 52;
        a->relapsed += o->relapsed != 0;
    }
    switch (o->outcome) {
    case SC_WAR_CEASEFIRE:
        a->held++;
        size_t bin = terms_bin(o->share);
        a->terms[bin]++;
        a->terms_lo = bin < a->terms_lo ? bin : a->terms_lo;
        a->terms_hi = bin + 1 > a->terms_hi ? bin + 1 : a->terms_hi;
        /* fixed point (2^-32): integer sums do not depend on the order runs are added in */
        a->sum_share += (uint64_t)llround(o->share * 4294967296.0);
        break;
    case SC_WAR_VICTORY_A: a->va++; break;
    case SC_WAR_VICTORY_B: a->vb++; break;
    default: a->ongoing++; break;
    }
}

static void acc_merge(acc *into, const acc *a, int horizon)
{
    into->n += a->n;
    into->ever += a->ever;
    into->by52 += a->by52;
    into->held += a->held;
    into->va += a->va;
    into->vb += a->vb;
    into->ongoing += a->ongoing;
    into->relapsed += a->relapsed;
    into->sum_battles += a->sum_battles;
    into->sum_battles2 += a->sum_battles2;
    into->sum_share += a->sum_share;
    into->sum_p52 += a->sum_p52;
    into->sum_p52_2 += a->sum_p52_2;
    for (int t = 0; t <= horizon; t++) {
        into->battles[t] += a->battles[t];
        into->first_cf[t] += a->first_cf[t];
    }
    for (size_t b = a->terms_lo; b < a->terms_hi; b++) {
        into->terms[b] += a->terms[b];
    }
    into->terms_lo = a->terms_lo < into->terms_lo ? a->terms_lo : into->terms_lo;
    into->terms_hi = a->terms_hi > into->terms_hi ? a->terms_hi : into->terms_hi;
}

/* GSL's quantile (linear interpolation between order statistics, h = (n - 1) p), exact on
 * counts, at the five quantile_levels (ascending) in one pass over the counts (value(v) maps a
 * value index to its number). A Monte Carlo over the
 * inputs finishes thousands of small rows, and the terms have 16,384 bins. */
static void count_quantiles5(const uint64_t *count, size_t first, size_t nv, uint64_t n,
                             const double p[5], double (*value)(size_t), double out[5])
{
    uint64_t want[10];
    double frac[5];
    for (int q = 0; q < 5; q++) {
        double h = (double)(n - 1) * p[q];
        want[2 * q] = (uint64_t)floor(h);
        frac[q] = h - (double)want[2 * q];
        want[2 * q + 1] = want[2 * q] + 1 < n ? want[2 * q] + 1 : want[2 * q];
    }
    size_t at[10];
    uint64_t cum = 0;
    size_t v = first; /* the counts below `first` are 0 */
    for (int i = 0; i < 10; i++) {
        /* the indices ascend: continue the scan where the previous one stopped */
        while (v < nv && cum + count[v] <= want[i]) {
            cum += count[v];
            v++;
        }
        at[i] = v < nv ? v : nv - 1;
    }
    for (int q = 0; q < 5; q++) {
        double lo = value(at[2 * q]);
        if (frac[q] == 0 || want[2 * q] + 1 >= n) {
            out[q] = lo;
        } else {
            out[q] = lo + frac[q] * (value(at[2 * q + 1]) - lo);
        }
    }
}

static double battle_value(size_t v)
{
    return (double)v;
}

static double terms_value(size_t v)
{
    return ((double)v + 0.5) / SC_WAR_TERMS_BINS;
}

static const double quantile_levels[5] = {0.05, 0.25, 0.5, 0.75, 0.95};

/* Peaks of the terms distribution on 0.02-wide bins, each with its mass within +-0.05. */
static void find_modes(const acc *a, sc_war_result *r)
{
    enum { COARSE = 50 };
    uint64_t c[COARSE] = {0};
    for (size_t b = a->terms_lo; b < a->terms_hi; b++) {
        c[b * COARSE / SC_WAR_TERMS_BINS] += a->terms[b];
    }
    double at[COARSE], share[COARSE];
    size_t n = 0;
    for (int i = 0; i < COARSE; i++) {
        uint64_t left = i > 0 ? c[i - 1] : 0, right = i + 1 < COARSE ? c[i + 1] : 0;
        if (c[i] == 0 || c[i] < left || c[i] <= right) {
            continue; /* not a peak (a plateau counts once, at its right end) */
        }
        double centre = (i + 0.5) / COARSE;
        uint64_t mass = 0;
        for (size_t b = terms_bin(centre - 0.05 > 0 ? centre - 0.05 : 0);
             b <= terms_bin(centre + 0.05 < 1 ? centre + 0.05 : 1); b++) {
            mass += a->terms[b];
        }
        at[n] = centre;
        share[n] = (double)mass / (double)a->held;
        n++;
    }
    /* keep the largest peaks holding at least 5 %, none within 0.1 of a larger one */
    r->n_modes = 0;
    while (r->n_modes < SC_WAR_MAX_MODES) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            if (share[i] >= 0.05 && (best == n || share[i] > share[best])) {
                best = i;
            }
        }
        if (best == n) {
            break;
        }
        r->mode_at[r->n_modes] = at[best];
        r->mode_share[r->n_modes] = share[best];
        r->n_modes++;
        for (size_t i = 0; i < n; i++) {
            if (fabs(at[i] - at[best]) < 0.1) {
                share[i] = -1;
            }
        }
    }
}

static sc_status acc_finish(const acc *a, int horizon, int conditional, sc_war_result **out)
{
    sc_war_result *r = calloc(1, sizeof *r);
    double *curve = malloc(((size_t)horizon + 1) * sizeof *curve);
    double *ended = malloc(((size_t)horizon + 1) * sizeof *ended);
    if (!r || !curve || !ended) {
        free(r);
        free(curve);
        free(ended);
        return SC_ENOMEM;
    }
    r->ended = ended;
    double n = (double)a->n;
    r->runs = a->n;
    r->horizon = horizon;
    r->curve = curve;
    r->p_ceasefire = (double)a->ever / n;
    r->p_ceasefire_52 = (double)a->by52 / n;
    r->p_ceasefire_52_se = sqrt(r->p_ceasefire_52 * (1 - r->p_ceasefire_52) / n);
    if (conditional) {
        /* the mean of the runs' conditional probabilities, and its standard error */
        double m = (double)a->sum_p52 / 4294967296.0 / n;
        double m2 = (double)a->sum_p52_2 / 4294967296.0 / n;
        double v = a->n > 1 ? (m2 - m * m) * n / (n - 1) : 0;
        r->p_ceasefire_52 = m;
        r->p_ceasefire_52_se = v > 0 ? sqrt(v / n) : 0;
    }
    r->p_victory_a = (double)a->va / n;
    r->p_victory_b = (double)a->vb / n;
    r->p_ongoing = (double)a->ongoing / n;
    r->p_held = (double)a->held / n;
    r->p_relapse = a->ever ? (double)a->relapsed / (double)a->ever : 0;
    r->mean_battles = (double)a->sum_battles / n;
    double var = ((double)a->sum_battles2 - n * r->mean_battles * r->mean_battles) / (n - 1);
    r->mean_battles_se = a->n > 1 && var > 0 ? sqrt(var / n) : 0;
    /* coarse histograms: durations in bins of a whole number of battles holding the longest run */
    int longest = 0;
    for (int t = 0; t <= horizon; t++) {
        longest = a->battles[t] ? t : longest;
    }
    double width = ceil((longest + 1.0) / SC_WAR_HIST_BINS);
    r->duration_bin = width < 1 ? 1 : width;
    count_quantiles5(a->battles, 0, (size_t)horizon + 1, a->n, quantile_levels, battle_value,
                     r->battles_q);
    /* counts first, one division per bin: the shares of a histogram sum to 1 to rounding */
    uint64_t dcount[SC_WAR_HIST_BINS] = {0}, tcount[SC_WAR_HIST_BINS] = {0};
    for (int t = 0; t <= horizon; t++) {
        size_t b = (size_t)(t / r->duration_bin);
        dcount[b < SC_WAR_HIST_BINS ? b : SC_WAR_HIST_BINS - 1] += a->battles[t];
    }
    for (size_t b = a->terms_lo; b < a->terms_hi; b++) {
        tcount[b * SC_WAR_HIST_BINS / SC_WAR_TERMS_BINS] += a->terms[b];
    }
    for (int b = 0; b < SC_WAR_HIST_BINS; b++) {
        r->duration_hist[b] = (double)dcount[b] / n;
        r->terms_hist[b] = a->held ? (double)tcount[b] / (double)a->held : 0;
    }
    if (a->held) {
        r->mean_share_a = (double)a->sum_share / 4294967296.0 / (double)a->held;
        /* the terms' spread from their histogram: each share taken at its bin's centre (bins
         * 1/16,384 wide) moves the spread by at most half a bin, 3.05e-5, far below the spread of
         * the terms of any war that ends in different places; one ceasefire has no spread of its
         * own, so it gets the largest a share can have (0.5): a change against it is never
         * beyond noise */
        double ss = 0, held = (double)a->held;
        for (size_t b = a->terms_lo; b < a->terms_hi; b++) {
            double dev = terms_value(b) - r->mean_share_a;
            ss += (double)a->terms[b] * dev * dev;
        }
        r->mean_share_a_se = a->held > 1 ? sqrt(ss / (held - 1) / held) : 0.5;
        count_quantiles5(a->terms, a->terms_lo, SC_WAR_TERMS_BINS, a->held, quantile_levels,
                         terms_value, r->share_q);
        find_modes(a, r);
    } else {
        r->mean_share_a = r->mean_share_a_se = (double)NAN;
        for (int q = 0; q < 5; q++) {
            r->share_q[q] = (double)NAN;
        }
    }
    uint64_t cum = 0, done = 0;
    for (int t = 0; t <= horizon; t++) {
        cum += a->first_cf[t];
        curve[t] = (double)cum / n;
        done += a->battles[t];
        ended[t] = (double)done / n;
    }
    *out = r;
    return SC_OK;
}

void sc_war_result_free(sc_war_result *r)
{
    if (r) {
        free(r->curve);
        free(r->ended);
        free(r);
    }
}

double sc_war_result_by_battle(const sc_war_result *r, int t)
{
    if (t < 0) {
        return 0;
    }
    return r->curve[t > r->horizon ? r->horizon : t];
}

/* ---- running rows on threads ------------------------------------------------------------------ */

typedef struct job {
    const engine *e;
    acc a;
    uint64_t *bits; /* per run: ceasefire within 52 battles (NULL if not wanted) */
    uint64_t *p52;  /* per run: its conditional P(52) in fixed point 2^-32 (NULL if not wanted) */
    size_t from, to;
} job;

static void *work(void *arg)
{
    job *j = arg;
    const sc_war_params *p = j->e->p;
    offer_memo *m = p->screening ? memo_for_row() : NULL;
    for (size_t r = j->from; r < j->to; r++) {
        if (r > j->from && (r - j->from) % 64 == 0 && (p->cancel || p->progress)) {
            /* an atomic (relaxed) load: the flag is set by a signal handler or another thread
             * while the workers run; every 64 runs, so it costs nothing measurable */
            if (p->cancel && __atomic_load_n(p->cancel, __ATOMIC_RELAXED)) {
                break; /* the statistics keep the runs done: a partial result */
            }
            if (p->progress && j->from == 0) {
                /* job 0 runs on the calling thread (sc__run_parallel); the others keep pace */
                p->progress((size_t)((double)(r - j->from) / (double)(j->to - j->from) *
                                     (double)p->runs),
                            p->runs, p->progress_ctx);
            }
        }
        sc_rng rng;
        sc_rng_init(&rng, j->e->p->seed, r);
        run_out o;
        run_one(j->e, m, &rng, r, &o);
        acc_add(&j->a, &o);
        if (j->bits && o.first_ceasefire >= 0 && o.first_ceasefire <= 52) {
            j->bits[r / 64] |= (uint64_t)1 << (r % 64);
        }
        if (j->p52) {
            j->p52[r] = fixed32(o.p52);
        }
    }
    return NULL;
}

static unsigned worker_count(const sc_war_params *p)
{
    unsigned nw = p->threads;
    if (nw == 0) {
        nw = sc_threads_default(); /* the CPUs this process may use */
    }
    size_t words = (p->runs + 63) / 64;
    if (nw > words) {
        nw = (unsigned)words; /* each worker owns whole 64-run words of the bit array */
    }
    return nw ? nw : 1;
}

/* Runs one engine over p->runs runs; *out gets its statistics, bits (if not NULL) its 52-battle
 * indicators. */
static sc_status run_engine(const engine *e, uint64_t *bits, uint64_t *p52, sc_war_result **out)
{
    const sc_war_params *p = e->p;
    unsigned nw = worker_count(p);
    job *jobs = calloc(nw, sizeof *jobs);
    acc total;
    memset(&total, 0, sizeof total);
    /* one worker: its counts are the total (a Monte Carlo over the inputs finishes thousands of
     * small rows; the terms histogram alone has 16,384 bins) */
    sc_status rc = !jobs ? SC_ENOMEM : nw > 1 ? acc_init(&total, p->horizon) : SC_OK;
    size_t words = (p->runs + 63) / 64;
    for (unsigned w = 0; rc == SC_OK && w < nw; w++) {
        jobs[w].e = e;
        jobs[w].bits = bits;
        jobs[w].p52 = p52;
        jobs[w].from = words / nw * w * 64;
        jobs[w].to = w + 1 == nw ? p->runs : words / nw * (w + 1) * 64;
        rc = acc_init(&jobs[w].a, p->horizon);
    }
    if (rc == SC_OK) {
        sc__run_parallel(work, jobs, sizeof *jobs, nw);
        for (unsigned w = 0; nw > 1 && w < nw; w++) {
            acc_merge(&total, &jobs[w].a, p->horizon);
        }
        rc = acc_finish(nw > 1 ? &total : &jobs[0].a, p->horizon, p->conditional && p->screening,
                        out);
    }
    for (unsigned w = 0; jobs && w < nw; w++) {
        acc_destroy(&jobs[w].a);
    }
    free(jobs);
    acc_destroy(&total);
    return rc;
}

/* Belief tables for a row, reusing those of earlier rows with the same front and beliefs. */
typedef struct table_cache {
    size_t n, cap;
    struct cached {
        int front, start, horizon, fixed_rule;
        double discount, a, b;
        unsigned long pin; /* the row A that last took it (pin_state) */
        sc__war_table t;
    } *items;
} table_cache;

static void cache_destroy(table_cache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        sc__war_table_destroy(&c->items[i].t);
    }
    free(c->items);
    memset(c, 0, sizeof *c);
}

/*
 * Tables also live in a small cache per thread, kept across calls, because a Monte Carlo over a
 * scenario (docs/uncertainty.md) simulates the war thousands of times: with the same front and
 * beliefs (every state and lever of a draw, and every row of the sensitivity design whose input
 * is not a belief or the discount), rebuilding the tables cost more than the runs. The least
 * recently used table makes room; a table is never evicted while the thread's simulation holds
 * it (a row holds two, the cache keeps more). The thread's tables are freed when it ends.
 */
#define LOCAL_TABLES 8
typedef struct local_tables {
    struct cached *it[LOCAL_TABLES];
    unsigned long used[LOCAL_TABLES];
    unsigned long clock;
} local_tables;
static pthread_key_t local_key;
static pthread_once_t local_once = PTHREAD_ONCE_INIT;
static int local_ok;

static void local_free(void *v)
{
    local_tables *l = v;
    for (size_t i = 0; l && i < LOCAL_TABLES; i++) {
        if (l->it[i]) {
            sc__war_table_destroy(&l->it[i]->t);
            free(l->it[i]);
        }
    }
    free(l);
}

static void local_init(void)
{
    local_ok = pthread_key_create(&local_key, local_free) == 0;
}

static const sc__war_table *shared_get(const sc_war_params *p, const double prior[2])
{
    pthread_once(&local_once, local_init);
    if (!local_ok) {
        return NULL;
    }
    local_tables *l = pthread_getspecific(local_key);
    if (!l) {
        l = calloc(1, sizeof *l);
        if (!l || pthread_setspecific(local_key, l) != 0) {
            free(l);
            return NULL;
        }
    }
    unsigned long now, pin;
    pin_state(&now, &pin);
    for (size_t i = 0; i < LOCAL_TABLES; i++) {
        struct cached *it = l->it[i];
        if (it && it->front == p->front && it->start == p->start && it->horizon == p->horizon &&
            it->fixed_rule == p->fast_tables && it->discount == p->discount &&
            it->a == prior[0] && it->b == prior[1]) {
            l->used[i] = ++l->clock;
            it->pin = pin ? pin : it->pin;
            return &it->t;
        }
    }
    /* an empty slot, else the least recently used table that is not the current row A's, else
     * the least recently used (row A's are what its rows B and A_B^(i) come back to); never one
     * of the two most recently used, which the running row holds (simulate_row takes a, b, then
     * a again: when row A's pinned tables fill the cache, preferring unpinned ones would free
     * a for b, then b for a) */
    size_t victim = LOCAL_TABLES;
    for (int pass = 0; pass < 3 && victim == LOCAL_TABLES; pass++) {
        for (size_t i = 0; i < LOCAL_TABLES; i++) {
            struct cached *it = l->it[i];
            int held = it && l->used[i] + 2 > l->clock;
            int ok = pass == 0 ? !it : pass == 1 ? !held && !pinned(it->pin, now) : !held;
            if (ok && (victim == LOCAL_TABLES || l->used[i] < l->used[victim])) {
                victim = i;
            }
        }
    }
    tables_built++;
    struct cached *it = calloc(1, sizeof *it);
    if (!it || sc__war_table_build(p->front, p->start, p->horizon, p->discount, prior[0],
                                   prior[1], p->fast_tables, &it->t) != SC_OK) {
        free(it);
        return NULL; /* the caller builds its own */
    }
    it->front = p->front;
    it->start = p->start;
    it->horizon = p->horizon;
    it->fixed_rule = p->fast_tables;
    it->discount = p->discount;
    it->a = prior[0];
    it->b = prior[1];
    it->pin = pin;
    if (l->it[victim]) {
        sc__war_table_destroy(&l->it[victim]->t);
        free(l->it[victim]);
    }
    l->it[victim] = it;
    l->used[victim] = ++l->clock;
    return &it->t;
}

static sc_status cache_get(table_cache *c, const sc_war_params *p, const double prior[2],
                           const sc__war_table **out)
{
    if ((*out = shared_get(p, prior)) != NULL) {
        return SC_OK;
    }
    for (size_t i = 0; i < c->n; i++) {
        struct cached *it = &c->items[i];
        if (it->front == p->front && it->start == p->start && it->horizon == p->horizon &&
            it->fixed_rule == p->fast_tables && it->discount == p->discount &&
            it->a == prior[0] && it->b == prior[1]) {
            *out = &it->t;
            return SC_OK;
        }
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 4;
        struct cached *items = realloc(c->items, cap * sizeof *items);
        if (!items) {
            return SC_ENOMEM;
        }
        c->items = items;
        c->cap = cap;
    }
    struct cached *it = &c->items[c->n];
    sc_status rc = sc__war_table_build(p->front, p->start, p->horizon, p->discount, prior[0],
                                       prior[1], p->fast_tables, &it->t);
    if (rc != SC_OK) {
        return rc;
    }
    it->front = p->front;
    it->start = p->start;
    it->horizon = p->horizon;
    it->fixed_rule = p->fast_tables;
    it->discount = p->discount;
    it->a = prior[0];
    it->b = prior[1];
    c->n++;
    *out = &it->t;
    return SC_OK;
}

/*
 * Lever rows kept across calls (sc__war_rows_begin, war_internal.h). A row's result is a function
 * of the numbers the simulation reads, so a row of a later call whose numbers are the same bits
 * as a kept row's is that row's result, paired arrays included: a Monte Carlo's sensitivity row
 * whose input moves only the sanctions lever reruns the sanctions and both rows and takes the
 * other four from its base row. The key is every field of sc_war_params the runs read: not the
 * lever sizes (sc_war_params_with_lever has applied them; only the check and "what would it
 * take" read them), the threads, the progress callback or the cancel flag.
 */
#define ROW_KEY_WORDS 58
typedef struct row_key {
    uint64_t w[ROW_KEY_WORDS];
} row_key;

#if UINTPTR_MAX == UINT64_MAX
/* a field added to sc_war_params or its mediator must join row_key_of (and these sizes) */
_Static_assert(sizeof(sc_war_params) == 520, "sc_war_params changed: update row_key_of");
_Static_assert(sizeof(sc_war_mediator) == 13 * sizeof(double),
               "sc_war_mediator changed: update row_key_of");
#endif

static void key_d(row_key *k, size_t *n, double x)
{
    memcpy(&k->w[(*n)++], &x, sizeof x); /* the bits: -0 is not 0 */
}

static void key_i(row_key *k, size_t *n, uint64_t x)
{
    k->w[(*n)++] = x;
}

static void row_key_of(const sc_war_params *p, row_key *k)
{
    size_t n = 0;
    const sc_war_mediator *m = &p->mediator;
    memset(k, 0, sizeof *k);
    key_i(k, &n, (uint64_t)(int64_t)p->front);
    key_i(k, &n, (uint64_t)(int64_t)p->start);
    key_d(k, &n, p->theta);
    key_d(k, &n, p->discount);
    key_i(k, &n, (uint64_t)(int64_t)p->battles_per_year);
    key_i(k, &n, (uint64_t)p->beliefs);
    key_d(k, &n, p->prior_a[0]);
    key_d(k, &n, p->prior_a[1]);
    key_d(k, &n, p->prior_b[0]);
    key_d(k, &n, p->prior_b[1]);
    key_d(k, &n, p->cost_a);
    key_d(k, &n, p->cost_b);
    key_d(k, &n, p->sanctions);
    key_d(k, &n, p->aid);
    key_d(k, &n, p->aid_cost);
    key_i(k, &n, (uint64_t)p->rule);
    key_d(k, &n, p->power);
    key_d(k, &n, m->ideal);
    key_d(k, &n, m->cost);
    key_d(k, &n, m->prior[0]);
    key_d(k, &n, m->prior[1]);
    key_d(k, &n, m->relief);
    key_d(k, &n, m->pay_a);
    key_d(k, &n, m->pay_b);
    key_d(k, &n, m->guarantee);
    key_d(k, &n, m->threat_a);
    key_d(k, &n, m->threat_b);
    key_d(k, &n, m->credibility_a);
    key_d(k, &n, m->credibility_b);
    key_d(k, &n, m->credibility_band);
    key_i(k, &n, (uint64_t)(int64_t)p->commitment);
    key_d(k, &n, p->shift_per_year);
    key_d(k, &n, p->shift_years);
    key_i(k, &n, (uint64_t)(int64_t)p->screening);
    key_d(k, &n, p->cost_b_low);
    key_d(k, &n, p->cost_b_high);
    key_d(k, &n, p->linked_a);
    key_d(k, &n, p->linked_b);
    key_d(k, &n, p->linked_guarantee_a);
    key_d(k, &n, p->linked_guarantee_b);
    key_i(k, &n, (uint64_t)(int64_t)p->lanchester);
    key_d(k, &n, p->force_a);
    key_d(k, &n, p->force_b);
    key_d(k, &n, p->alpha);
    key_d(k, &n, p->beta);
    key_d(k, &n, p->gamma);
    key_d(k, &n, p->dt);
    key_d(k, &n, p->relapse_hazard);
    key_d(k, &n, p->agreement);
    key_d(k, &n, p->hr_agreement);
    key_d(k, &n, p->hr_peacekeepers);
    key_i(k, &n, (uint64_t)(int64_t)p->inducement_periods);
    key_i(k, &n, (uint64_t)(int64_t)p->post_periods);
    key_i(k, &n, (uint64_t)(int64_t)p->horizon);
    key_i(k, &n, (uint64_t)p->runs);
    key_i(k, &n, p->seed);
    key_i(k, &n, (uint64_t)(int64_t)p->conditional);
    key_i(k, &n, (uint64_t)(int64_t)p->fast_tables);
}

typedef struct kept_row {
    row_key key;
    sc_war_result *r;
    uint64_t *bits; /* words */
    uint64_t *p52;  /* runs, NULL without conditional estimates */
} kept_row;

typedef struct kept_rows {
    int mode;          /* 0: off, 1: reuse and keep, 2: reuse only */
    unsigned long gen; /* counts the calls sc__war_rows_begin(1): the rows A (pin_state) */
    size_t n, cap;
    kept_row *rows;
    size_t hits, misses;
} kept_rows;

static pthread_key_t kept_key;
static pthread_once_t kept_once = PTHREAD_ONCE_INIT;
static int kept_ok;

static void kept_forget(kept_rows *k)
{
    for (size_t i = 0; i < k->n; i++) {
        sc_war_result_free(k->rows[i].r);
        free(k->rows[i].bits);
        free(k->rows[i].p52);
    }
    k->n = 0;
}

static void kept_free(void *v)
{
    kept_rows *k = v;
    if (k) {
        kept_forget(k);
        free(k->rows);
        free(k);
    }
}

static void kept_init(void)
{
    kept_ok = pthread_key_create(&kept_key, kept_free) == 0;
}

/* This thread's kept rows (created on first use); NULL if out of memory. */
static kept_rows *kept_get(void)
{
    pthread_once(&kept_once, kept_init);
    if (!kept_ok) {
        return NULL;
    }
    kept_rows *k = pthread_getspecific(kept_key);
    if (!k) {
        k = calloc(1, sizeof *k);
        if (!k || pthread_setspecific(kept_key, k) != 0) {
            free(k);
            return NULL;
        }
    }
    return k;
}

/*
 * *now: the current row A (0 before any); *pin: the same while row A itself runs, else 0. The
 * belief tables and extras stores a row A takes carry its number, and the thread's caches make
 * room with others first: its rows B and A_B^(i) use them again wherever their input did not
 * move their numbers (a table or store is a function of its key, so this decides the time only).
 */
static void pin_state(unsigned long *now, unsigned long *pin)
{
    kept_rows *k = kept_get();
    *now = k ? k->gen : 0;
    *pin = k && k->mode == 1 ? k->gen : 0;
}

void sc__war_rows_begin(int keep)
{
    kept_rows *k = kept_get();
    if (k) {
        if (keep) {
            kept_forget(k);
            k->gen++;
        }
        k->mode = keep ? 1 : 2;
    }
}

void sc__war_rows_end(void)
{
    kept_rows *k = kept_get();
    if (k) {
        k->mode = 0;
    }
}

void sc__war_rows_clear(void)
{
    kept_rows *k = kept_get();
    if (k) {
        kept_forget(k);
        k->mode = 0;
        k->hits = k->misses = 0;
    }
}

void sc__war_cache_stats(size_t *tables, size_t *stores)
{
    *tables = tables_built;
    *stores = stores_made;
}

void sc__war_rows_stats(size_t *hits, size_t *misses)
{
    kept_rows *k = kept_get();
    *hits = k ? k->hits : 0;
    *misses = k ? k->misses : 0;
}

static kept_row *kept_find(kept_rows *k, const row_key *key)
{
    for (size_t i = 0; i < k->n; i++) {
        if (memcmp(k->rows[i].key.w, key->w, sizeof key->w) == 0) {
            return &k->rows[i];
        }
    }
    return NULL;
}

static sc_war_result *result_clone(const sc_war_result *r)
{
    sc_war_result *c = malloc(sizeof *c);
    size_t n = (size_t)r->horizon + 1;
    double *curve = malloc(n * sizeof *curve), *ended = malloc(n * sizeof *ended);
    if (!c || !curve || !ended) {
        free(c);
        free(curve);
        free(ended);
        return NULL;
    }
    *c = *r;
    memcpy(curve, r->curve, n * sizeof *curve);
    memcpy(ended, r->ended, n * sizeof *ended);
    c->curve = curve;
    c->ended = ended;
    return c;
}

/* Keeps a finished row (a failure to keep it only costs a rerun later). */
static void kept_add(kept_rows *k, const row_key *key, const sc_war_result *r,
                     const uint64_t *bits, size_t words, const uint64_t *p52, size_t runs)
{
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 8;
        kept_row *rows = realloc(k->rows, cap * sizeof *rows);
        if (!rows) {
            return;
        }
        k->rows = rows;
        k->cap = cap;
    }
    kept_row *x = &k->rows[k->n];
    x->key = *key;
    x->r = result_clone(r);
    x->bits = malloc(words * sizeof *x->bits);
    x->p52 = p52 ? malloc(runs * sizeof *x->p52) : NULL;
    if (!x->r || !x->bits || (p52 && !x->p52)) {
        sc_war_result_free(x->r);
        free(x->bits);
        free(x->p52);
        return;
    }
    memcpy(x->bits, bits, words * sizeof *bits);
    if (p52) {
        memcpy(x->p52, p52, runs * sizeof *p52);
    }
    k->n++;
}

static sc_status fail(sc_status rc, sc_diag *diag)
{
    if (rc == SC_ENOMEM) {
        return sc__diag_set(diag, rc, "out of memory");
    }
    if (rc == SC_ELIMIT) {
        return sc__diag_set(diag, rc, "the belief tables exceed %zu states", SC_WAR_TABLE_LIMIT);
    }
    return sc__diag_set(diag, rc, "the war simulation failed (%s)", sc_status_str(rc));
}

static sc_status simulate_row(const sc_war_params *p, table_cache *cache, extras_pool *pool,
                              uint64_t *bits, uint64_t *p52, sc_war_result **out, sc_diag *diag)
{
    const sc__war_table *ta = NULL, *tb = NULL;
    sc_status rc = SC_OK;
    if (p->beliefs == SC_WAR_PREDICTIVE) {
        rc = cache_get(cache, p, p->prior_a, &ta);
        if (rc == SC_OK) {
            rc = cache_get(cache, p, p->prior_b, &tb);
        }
        if (rc == SC_OK) {
            rc = cache_get(cache, p, p->prior_a, &ta); /* the array may have moved */
        }
    }
    engine e;
    if (rc == SC_OK) {
        rc = engine_init(&e, p, ta, tb, pool, p->horizon);
    }
    if (rc != SC_OK) {
        return fail(rc, diag);
    }
    rc = run_engine(&e, bits, p52, out);
    engine_destroy(&e);
    return rc == SC_OK ? SC_OK : fail(rc, diag);
}

sc_status sc_war_simulate(const sc_war_params *p, sc_war_result **out, sc_diag *diag)
{
    *out = NULL;
    sc_status rc = sc_war_params_check(p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    table_cache cache = {0};
    rc = simulate_row(p, &cache, NULL, NULL, NULL, out, diag);
    cache_destroy(&cache);

    if (rc == SC_OK && (*out)->runs < p->runs) { /* cut short by p->cancel */
        return sc__diag_set(diag, SC_ELIMIT, "interrupted after %zu of %zu runs", (*out)->runs,
                            p->runs);
    }
    return rc;
}

/* After sc_war_compare's rows: once a row was cut short by cancel, it stays (a partial result)
 * and the rows after it go; the differences are not paired any more. SC_OK if none was. */
static sc_status cut_short(sc_war_result **results, size_t n, size_t runs, double *diff_se,
                           sc_diag *diag)
{
    size_t i = 0, done = 0;
    while (i < n && results[i]->runs == runs) {
        done += runs;
        i++;
    }
    if (i == n) {
        return SC_OK;
    }
    done += results[i]->runs;
    for (size_t k = i + 1; k < n; k++) {
        sc_war_result_free(results[k]);
        results[k] = NULL;
    }
    for (size_t k = 0; diff_se && k < n * n; k++) {
        diff_se[k] = (double)NAN;
    }
    return sc__diag_set(diag, SC_ELIMIT, "interrupted after %zu of %zu runs", done, runs * n);
}

sc_status sc_war_compare(const sc_war_params *rows, size_t n, sc_war_result **results,
                         double *diff_se, sc_diag *diag)
{
    for (size_t i = 0; i < n; i++) {
        results[i] = NULL;
    }
    if (n == 0) {
        return SC_OK;
    }
    size_t runs = rows[0].runs, words = (runs + 63) / 64;
    sc_status rc = SC_OK;
    for (size_t i = 0; i < n && rc == SC_OK; i++) {
        rc = sc_war_params_check(&rows[i], diag);
    }
    if (rc != SC_OK) {
        return rc;
    }
    uint64_t *bits = diff_se ? calloc(words * n, sizeof *bits) : NULL;
    /* conditional estimates pair the runs' conditional probabilities instead of their bits */
    int cond = rows[0].conditional && rows[0].screening;
    uint64_t *p52 = diff_se && cond ? calloc(runs * n, sizeof *p52) : NULL;
    if (diff_se && (!bits || (cond && !p52))) {
        free(bits);
        free(p52);
        return fail(SC_ENOMEM, diag);
    }
    table_cache cache = {0};
    extras_pool own = {0};
    /* a Monte Carlo's draws (conditional estimates) keep their extras on the thread */
    extras_pool *pool = rows[0].conditional ? kept_extras_get() : NULL;
    pool = pool ? pool : &own;
    /* rows kept by an earlier call on this thread (sc__war_rows_begin); a run with progress
     * reports runs, so it runs them */
    kept_rows *kept = diff_se && !rows[0].progress ? kept_get() : NULL;
    if (kept && kept->mode == 0) {
        kept = NULL;
    }
    for (size_t i = 0; i < n && rc == SC_OK; i++) {
        sc_war_params row = rows[i];
        row.progress = rows[0].progress; /* a row cut short by cancel leaves the next ones so */
        row.progress_ctx = rows[0].progress_ctx;
        row.cancel = rows[0].cancel;
        row.runs = runs;
        row.seed = rows[0].seed;
        row.threads = rows[0].threads;
        row_key key;
        kept_row *hit = NULL;
        if (kept) {
            row_key_of(&row, &key);
            hit = kept_find(kept, &key);
        }
        if (hit && (results[i] = result_clone(hit->r)) != NULL) {
            kept->hits++;
            memcpy(bits + i * words, hit->bits, words * sizeof *bits);
            if (p52) {
                memcpy(p52 + i * runs, hit->p52, runs * sizeof *p52);
            }
            continue;
        }
        rc = simulate_row(&row, &cache, pool, bits ? bits + i * words : NULL,
                          p52 ? p52 + i * runs : NULL, &results[i], diag);
        if (kept && rc == SC_OK) {
            kept->misses++;
            if (kept->mode == 1 && results[i]->runs == runs) {
                kept_add(kept, &key, results[i], bits + i * words, words,
                         p52 ? p52 + i * runs : NULL, runs);
            }
        }
    }
    cache_destroy(&cache);
    pool_destroy(&own);
    if (rc == SC_OK && diff_se && p52) {
        /* paired differences of the runs' conditional probabilities: sample variance */
        for (size_t i = 0; i < n; i++) {
            for (size_t j = 0; j < n; j++) {
                double sum = 0, sum2 = 0;
                for (size_t r = 0; r < runs; r++) {
                    double d = ((double)p52[i * runs + r] - (double)p52[j * runs + r]) /
                               4294967296.0;
                    sum += d;
                    sum2 += d * d;
                }
                double m = sum / (double)runs;
                double var = runs > 1 ? (sum2 - (double)runs * m * m) / (double)(runs - 1) : 0;
                diff_se[i * n + j] = var > 0 ? sqrt(var / (double)runs) : 0;
            }
        }
    } else if (rc == SC_OK && diff_se) {
        /* paired differences: Var(X - Y) = p_x + p_y - 2 p_xy - (p_x - p_y)^2 per run */
        for (size_t i = 0; i < n; i++) {
            for (size_t j = 0; j < n; j++) {
                uint64_t both = 0;
                for (size_t w = 0; w < words; w++) {
                    both += (uint64_t)__builtin_popcountll(bits[i * words + w] &
                                                           bits[j * words + w]);
                }
                double px = results[i]->p_ceasefire_52, py = results[j]->p_ceasefire_52;
                double pxy = (double)both / (double)runs;
                double var = px + py - 2 * pxy - (px - py) * (px - py);
                diff_se[i * n + j] = var > 0 ? sqrt(var / (double)runs) : 0;
            }
        }
    }
    free(bits);
    free(p52);
    if (rc != SC_OK) {
        for (size_t i = 0; i < n; i++) {
            sc_war_result_free(results[i]);
            results[i] = NULL;
        }
    }
    return rc == SC_OK ? cut_short(results, n, runs, diff_se, diag) : rc;
}

/* ---- what would it take ------------------------------------------------------------------------ */

static void set_lever(const sc_war_params *p, sc_war_lever l, double m, sc_war_params *out)
{
    sc_war_params q = *p;
    switch (l) {
    case SC_WAR_LEVER_SANCTIONS: q.levers.sanctions = m; break;
    case SC_WAR_LEVER_AID_CUT: q.levers.aid_cut = m; break;
    case SC_WAR_LEVER_INDUCEMENT: q.levers.relief = m; break;
    case SC_WAR_LEVER_GUARANTEE: q.levers.guarantee = m; break;
    default: break;
    }
    sc_war_params_with_lever(&q, l, 1, out);
}

sc_status sc_war_what_it_takes(const sc_war_params *p, sc_war_lever l, int *found,
                               double *magnitude, double *p52, double *p52_se, sc_diag *diag)
{
    double max;
    switch (l) {
    case SC_WAR_LEVER_SANCTIONS: max = p->levers.max_sanctions; break;
    case SC_WAR_LEVER_AID_CUT: max = p->levers.max_aid_cut; break;
    case SC_WAR_LEVER_INDUCEMENT: max = p->levers.max_relief; break;
    case SC_WAR_LEVER_GUARANTEE: max = 1 - p->mediator.guarantee; break;
    default: return sc__diag_set(diag, SC_EINVAL, "no magnitude to search for lever '%s'",
                                 sc_war_lever_name(l));
    }
    sc_status rc = sc_war_params_check(p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    table_cache cache = {0};
    extras_pool pool = {0};
    sc_war_result *r = NULL;
    sc_war_params q;
    /* f(m) = P(ceasefire within 52 battles) at magnitude m, on the same streams for every m */
    double lo = 0, hi = max, f_hi = 0, se_hi = 0;
    set_lever(p, l, hi, &q);
    rc = simulate_row(&q, &cache, &pool, NULL, NULL, &r, diag);
    if (rc == SC_OK) {
        f_hi = r->p_ceasefire_52;
        se_hi = r->p_ceasefire_52_se;
        sc_war_result_free(r);
        r = NULL;
    }
    *found = rc == SC_OK && f_hi >= 0.5;
    if (rc == SC_OK && *found) {
        set_lever(p, l, 0, &q);
        rc = simulate_row(&q, &cache, &pool, NULL, NULL, &r, diag);
        if (rc == SC_OK && r->p_ceasefire_52 >= 0.5) {
            hi = 0;
            f_hi = r->p_ceasefire_52;
            se_hi = r->p_ceasefire_52_se;
        }
        sc_war_result_free(r);
        r = NULL;
        /* bisection to 1/256 of the range: the smallest m found with f(m) >= 1/2 */
        for (int it = 0; rc == SC_OK && hi > 0 && it < 8; it++) {
            double mid = (lo + hi) / 2;
            set_lever(p, l, mid, &q);
            rc = simulate_row(&q, &cache, &pool, NULL, NULL, &r, diag);
            if (rc != SC_OK) {
                break;
            }
            if (r->p_ceasefire_52 >= 0.5) {
                hi = mid;
                f_hi = r->p_ceasefire_52;
                se_hi = r->p_ceasefire_52_se;
            } else {
                lo = mid;
            }
            sc_war_result_free(r);
            r = NULL;
        }
    }
    cache_destroy(&cache);
    pool_destroy(&pool);
    *magnitude = hi;
    *p52 = f_hi;
    *p52_se = se_hi;
    return rc;
}

/* ---- the opening of the negotiation (sc_war_opening_values) --------------------------------- */

sc_status sc_war_opening_values(const sc_war_params *p, double guarantee, double cost_b,
                                sc_war_opening *out, sc_diag *diag)
{
    memset(out, 0, sizeof *out);
    sc_status rc = sc_war_params_check(p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (!(guarantee >= 0 && guarantee <= 1)) {
        return sc__diag_set(diag, SC_EINVAL, "the guarantee must be in [0, 1], not %g", guarantee);
    }
    /* the mediator's package with this guarantee: the same engine as the simulation's first
     * battle, so the tree's thresholds are the war model's own */
    sc_war_params q = *p;
    q.rule = SC_WAR_MEDIATOR;
    q.mediator.guarantee = guarantee;
    /* Only battle 0 at `start` is read, and a table's value there is the posterior-predictive
     * average under the prior itself (the Polya recursion is exact): so the tables are of
     * horizon 0, one quadrature each by the adaptive rule (as the plain simulation's last layer),
     * instead of the whole run's 366 (built-in scenario). The values agree with the full table's
     * first state to rounding (test_war_closed). They are pure functions of (front, start,
     * discount, prior), cached per thread like the simulation's tables: the negotiation asks
     * for the same two twelve times. */
    sc_war_params tq = q;
    tq.horizon = 0;
    tq.fast_tables = 0;
    table_cache cache = {0};
    const sc__war_table *ta = NULL, *tb = NULL;
    if (q.beliefs == SC_WAR_PREDICTIVE) {
        rc = cache_get(&cache, &tq, q.prior_a, &ta);
        if (rc == SC_OK) {
            rc = cache_get(&cache, &tq, q.prior_b, &tb);
        }
        if (rc == SC_OK) {
            rc = cache_get(&cache, &tq, q.prior_a, &ta); /* the array may have moved */
        }
    }
    engine e;
    if (rc == SC_OK) {
        rc = engine_init(&e, &q, ta, tb, NULL, 1); /* battle 0 only */
    }
    if (rc != SC_OK) {
        cache_destroy(&cache);
        return fail(rc, diag);
    }
    run_state rs = {cost_b >= 0 ? cost_b : e.cB, q.cost_b_high, 1, 0};
    state_values v;
    state_lookup(&e, 0, q.start, &v);
    package pk = *mediator_package(&e, &rs);
    deal_bounds_values(&e, 0, q.start, &v, &pk, rs.cb, 0, &out->lo, &out->hi, &out->value_a,
                       &out->value_b);
    out->fail = pk.F;
    const double *xm = state_extra(&e, 0, q.start, &v);
    out->mediator_share = xm[X_GM];
    out->mediator_duration = xm[X_SM];
    out->mediator_payments = q.mediator.pay_a + q.mediator.pay_b;
    out->mediator_war = -fabs(xm[X_GM] - q.mediator.ideal) - q.mediator.cost * xm[X_SM];
    engine_destroy(&e);
    cache_destroy(&cache);
    return SC_OK;
}
