/* SPDX-License-Identifier: MIT */
/*
 * Bueno de Mesquita's expected-utility model (BDM 1994/1997) as reconstructed by Scholz, Calbert
 * & Smith (2011); reference: shared/reference/bdm/spec.md. One round: risk exponents from a
 * first pass with r = 1, then expected utilities of every challenge, offers classified from each
 * actor's own point of view, and all moves applied together.
 *
 * Speed. The probability that i prevails over j is a sum over every third party k of its vote,
 * which makes the naive round O(n^3). A voter's vote is positive exactly when it stands closer to
 * x_i than to x_j, i.e. on x_i's side of the midpoint, so with the voters sorted by position the
 * positive votes form a prefix or suffix, and prefix sums of every voter's vote value at each
 * candidate position give each pair in O(log n).
 * Scholz's global normaliser sum_k sum_a sum_b |v_k(a) - v_k(b)| is, per voter, a sum of absolute
 * pairwise differences: O(n log n) after sorting. A round is O(n^2 log n); the naive form stays
 * as the oracle (sc__eum_run_naive) and the tests compare the two on random inputs.
 */
#include "eum/eum_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>

#include "core/diag_internal.h"

const char *sc_eum_variant_name(sc_eum_variant v)
{
    return v == SC_EUM_PRINTED ? "printed" : "scholz";
}

sc_status sc_eum_variant_parse(const char *name, sc_eum_variant *out, sc_diag *diag)
{
    if (strcmp(name, "scholz") == 0) {
        *out = SC_EUM_SCHOLZ;
    } else if (strcmp(name, "printed") == 0) {
        *out = SC_EUM_PRINTED;
    } else {
        return sc__diag_set(diag, SC_EINVAL, "unknown EUM variant '%s' (variants: scholz, printed)",
                            name);
    }
    return SC_OK;
}

const char *sc_eum_move_name(sc_eum_move_kind k)
{
    switch (k) {
    case SC_EUM_CONFRONTATION: return "confrontation";
    case SC_EUM_COMPROMISE: return "compromise";
    case SC_EUM_CAPITULATION: return "capitulation";
    case SC_EUM_NONE: break;
    }
    return "none";
}

void sc_eum_params_init(sc_eum_params *p)
{
    p->variant = SC_EUM_SCHOLZ;
    p->rounds = 10;
    p->tol = 0;
    p->q = 1;
    p->t = 1;
}

void sc_eum_result_free(sc_eum_result *r)
{
    if (r) {
        free(r->positions);
        free(r->mean);
        free(r->median);
        free(r->risk);
        free(r->moves);
        free(r);
    }
}

/* ---- workspace: everything a round needs, allocated once ----------------------------------- */

typedef struct ws {
    size_t n;
    int naive;
    sc_eum_params par;
    const double *c, *s;
    double delta;   /* x_max - x_min of the input, fixed for all rounds (Scholz's code) */
    double *w;      /* n: c_k s_k */
    double *x;      /* n: positions of the current round */
    double *r;      /* n: risk exponents */
    double *P;      /* n*n: P_ij */
    double *Eij;    /* n*n: E^i(U_ij) */
    double *Eji;    /* n*n: E^i(U_ji) */
    /* fast path */
    size_t *order;  /* voters sorted by position */
    double *xs;     /* sorted positions */
    double *H;      /* n*n: H[j*n + u] = w_k g_k(x_j) for the u-th sorted voter k */
    double *C;      /* n*(n+1): prefix sums of H along u */
    double *tmp;    /* n */
    double *next;   /* n: positions after the round */
} ws;

/*
 * Allocates every buffer a round needs for n actors (and, with `initial`, the input positions
 * and weights); returns 0 when out of memory, leaving whatever was allocated for ws_free.
 */
static int ws_init(ws *W, size_t n, const sc_eum_params *par, const double *c, const double *s,
                   int naive)
{
    memset(W, 0, sizeof *W);
    W->n = n;
    W->naive = naive;
    W->par = *par;
    W->c = c;
    W->s = s;
    W->w = malloc(n * sizeof *W->w);
    W->x = malloc(n * sizeof *W->x);
    W->r = malloc(n * sizeof *W->r);
    W->P = malloc(n * n * sizeof *W->P);
    W->Eij = malloc(n * n * sizeof *W->Eij);
    W->Eji = malloc(n * n * sizeof *W->Eji);
    W->order = malloc(n * sizeof *W->order);
    W->xs = malloc(n * sizeof *W->xs);
    W->H = malloc(n * n * sizeof *W->H);
    W->C = malloc(n * (n + 1) * sizeof *W->C);
    W->tmp = malloc(n * sizeof *W->tmp);
    W->next = malloc(n * sizeof *W->next);
    return W->w && W->x && W->r && W->P && W->Eij && W->Eji && W->order && W->xs && W->H &&
           W->C && W->tmp && W->next;
}

static void ws_free(ws *W)
{
    free(W->w);
    free(W->x);
    free(W->r);
    free(W->P);
    free(W->Eij);
    free(W->Eji);
    free(W->order);
    free(W->xs);
    free(W->H);
    free(W->C);
    free(W->tmp);
    free(W->next);
}

/* GSL's heapsorts sort in place without allocating (qsort may call malloc), keeping the round
 * loop free of allocation; ties between equal positions need no particular order here. */

/* Number of sorted values < v (strict) or <= v. */
static size_t count_below(const double *xs, size_t n, double v, int inclusive)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (xs[mid] < v || (inclusive && xs[mid] == v)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Scholz's vote function: k's risk-transformed normalised distance to position y. */
static double gdist(const ws *W, size_t k, double y)
{
    return pow(fabs(W->x[k] - y) / W->delta, W->r[k]);
}

/* ---- P ------------------------------------------------------------------------------------ */

static void prob_naive(ws *W)
{
    size_t n = W->n;
    const double *x = W->x, *w = W->w;
    if (W->par.variant == SC_EUM_SCHOLZ) {
        double N = 0;
        for (size_t k = 0; k < n; k++) {
            for (size_t a = 0; a < n; a++) {
                for (size_t b = 0; b < n; b++) {
                    N += fabs(w[k] * (gdist(W, k, x[b]) - gdist(W, k, x[a])));
                }
            }
        }
        for (size_t i = 0; i < n; i++) {
            for (size_t j = 0; j < n; j++) {
                double num = 0;
                for (size_t k = 0; k < n; k++) {
                    double v = w[k] * (gdist(W, k, x[j]) - gdist(W, k, x[i]));
                    num += v > 0 ? v : 0;
                }
                W->P[i * n + j] = N > 0 ? num / N : 0;
            }
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            double num = 0, den = 0;
            for (size_t k = 0; k < n; k++) {
                double v = w[k] * (gdist(W, k, x[j]) - gdist(W, k, x[i]));
                num += v > 0 ? v : 0;
                den += fabs(v);
            }
            W->P[i * n + j] = den > 0 ? num / den : 0;
        }
    }
}

/* Sum over voters closer to x_i than x_j of (H_j - H_i): the votes for i against j. */
static double scholz_num(const ws *W, size_t i, size_t j)
{
    size_t n = W->n;
    double xi = W->x[i], xj = W->x[j];
    if (xi == xj) {
        return 0;
    }
    double m = 0.5 * (xi + xj);
    const double *Ci = W->C + i * (n + 1), *Cj = W->C + j * (n + 1);
    if (xi < xj) {
        size_t t = count_below(W->xs, n, m, 0);
        return (Cj[t] - Ci[t]);
    }
    size_t t = count_below(W->xs, n, m, 1);
    return (Cj[n] - Cj[t]) - (Ci[n] - Ci[t]);
}

static void prob_fast(ws *W)
{
    size_t n = W->n;
    const double *x = W->x, *w = W->w;
    gsl_sort_index(W->order, x, 1, n);
    for (size_t u = 0; u < n; u++) {
        W->xs[u] = x[W->order[u]];
    }
    /* H[j][u] = w_k g_k(x_j) for sorted voter k = order[u], and its prefix sums */
    for (size_t j = 0; j < n; j++) {
        double *Cj = W->C + j * (n + 1);
        Cj[0] = 0;
        for (size_t u = 0; u < n; u++) {
            size_t k = W->order[u];
            double h = w[k] * gdist(W, k, x[j]);
            W->H[j * n + u] = h;
            Cj[u + 1] = Cj[u] + h;
        }
    }
    if (W->par.variant == SC_EUM_PRINTED) {
        /* the printed normaliser: all votes on this pair, for and against */
        for (size_t i = 0; i < n; i++) {
            W->P[i * n + i] = 0;
            for (size_t j = i + 1; j < n; j++) {
                double a = scholz_num(W, i, j), b = scholz_num(W, j, i);
                double den = a + b;
                W->P[i * n + j] = den > 0 ? a / den : 0;
                W->P[j * n + i] = den > 0 ? b / den : 0;
            }
        }
        return;
    }
    /* Scholz's global normaliser N = sum_k sum_{a,b} |H_k(a) - H_k(b)|: per voter, sort its n
     * values and use sum_{a<b} (v_b - v_a) = sum_t v_(t) (2t - n + 1) */
    double N = 0;
    for (size_t u = 0; u < n; u++) {
        for (size_t j = 0; j < n; j++) {
            W->tmp[j] = W->H[j * n + u];
        }
        gsl_sort(W->tmp, 1, n);
        double acc = 0;
        for (size_t t = 0; t < n; t++) {
            acc += W->tmp[t] * (2.0 * (double)t - (double)n + 1.0);
        }
        N += 2 * acc;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            W->P[i * n + j] = N > 0 ? scholz_num(W, i, j) / N : 0;
        }
    }
}

/* ---- expected utilities -------------------------------------------------------------------- */

/* Weighted median of the positions (the median voter): first position where the cumulative
 * weight reaches half the total. */
static double weighted_median(const ws *W, const double *x)
{
    size_t n = W->n;
    gsl_sort_index(W->order, x, 1, n);
    double total = 0;
    for (size_t k = 0; k < n; k++) {
        total += W->w[k];
    }
    double acc = 0;
    for (size_t u = 0; u < n; u++) {
        acc += W->w[W->order[u]];
        if (acc >= total / 2) {
            return x[W->order[u]];
        }
    }
    return x[W->order[n - 1]];
}

/*
 * Fills Eij[i][j] = E^i(U_ij) and Eji[i][j] = E^i(U_ji) for the current positions and risk
 * exponents, every quantity i evaluates computed with i's own exponent (spec.md §5).
 */
static void expected_utilities(ws *W)
{
    size_t n = W->n;
    if (W->naive) {
        prob_naive(W);
    } else {
        prob_fast(W);
    }
    const double *x = W->x, *s = W->s;
    double q = W->par.q, t = W->par.t;
    double mu = 0;
    if (q < 1) {
        mu = weighted_median(W, x);
    }
    for (size_t i = 0; i < n; i++) {
        double r = W->r[i];
        double usq = 2 - 4 * pow(0.5, r);
        for (size_t j = 0; j < n; j++) {
            if (i == j) {
                W->Eij[i * n + j] = W->Eji[i * n + j] = 0;
                continue;
            }
            double d = fabs(x[i] - x[j]) / W->delta;
            double us = 2 - 4 * pow(0.5 - 0.5 * d, r);
            double uf = 2 - 4 * pow(0.5 + 0.5 * d, r);
            double rest = q * usq;
            if (q < 1) {
                /* no challenge: j's position changes toward (T) or away from (1 - T) i */
                double dmu = (fabs(x[i] - mu) + fabs(x[i] - x[j])) / W->delta;
                double ub = 2 - 4 * pow(0.5 - 0.25 * dmu, r);
                double uw = 2 - 4 * pow(0.5 + 0.25 * dmu, r);
                rest += (1 - q) * (t * ub + (1 - t) * uw);
            }
            double pij = W->P[i * n + j], pji = W->P[j * n + i];
            W->Eij[i * n + j] = s[j] * (pij * us + (1 - pij) * uf) + (1 - s[j]) * us - rest;
            W->Eji[i * n + j] = s[i] * (pji * us + (1 - pji) * uf) + (1 - s[i]) * us - rest;
        }
    }
}

/* Risk exponents from a pass with r = 1 (spec.md §6), reset every round as Scholz's code does. */
static void risk_exponents(ws *W)
{
    size_t n = W->n;
    for (size_t i = 0; i < n; i++) {
        W->r[i] = 1;
    }
    expected_utilities(W);
    double smax = -HUGE_VAL, smin = HUGE_VAL;
    for (size_t i = 0; i < n; i++) {
        double S = 0;
        for (size_t j = 0; j < n; j++) {
            S += j == i ? 0 : W->Eji[i * n + j];
        }
        W->tmp[i] = S;
        smax = fmax(smax, S);
        smin = fmin(smin, S);
    }
    for (size_t i = 0; i < n; i++) {
        /* all exposures equal: everyone risk-neutral (spec.md's guard) */
        double R = smax > smin ? (2 * W->tmp[i] - smax - smin) / (smax - smin) : 0;
        W->r[i] = (1 - R / 3) / (1 + R / 3);
    }
}

/* ---- offers and moves ----------------------------------------------------------------------- */

static int same(const ws *W, double a, double b)
{
    return fabs(a - b) <= 1e-12 * W->delta;
}

/* Chooses actor i's move from its own view of every other actor (spec.md §7). */
static sc_eum_move choose(const ws *W, size_t i)
{
    size_t n = W->n;
    const double *x = W->x;
    sc_eum_move mv = {SC_EUM_NONE, -1, x[i], x[i], 0, 0};
    int scholz = W->par.variant == SC_EUM_SCHOLZ;
    double best_conf = HUGE_VAL, best_key = HUGE_VAL, best_move = HUGE_VAL;
    sc_eum_move conf = mv, comp = mv, any = mv;
    for (size_t j = 0; j < n; j++) {
        if (j == i || same(W, x[j], x[i])) {
            continue;
        }
        double a = W->Eij[i * n + j], b = W->Eji[i * n + j];
        sc_eum_move cand = {SC_EUM_NONE, (int)j, x[i], x[i], a, b};
        double key = 0;
        if (b > a && a > 0) {
            cand.kind = SC_EUM_CONFRONTATION;
            cand.to = x[j];
        } else if (a < 0 && b > 0 && b > fabs(a)) {
            cand.kind = SC_EUM_COMPROMISE;
            cand.to = x[i] + (x[j] - x[i]) * fabs(a) / b;
            key = (fabs(a) * x[i] + b * x[j]) / (fabs(a) + b);
        } else if (a < 0 && b > 0 && fabs(a) > b) {
            cand.kind = SC_EUM_CAPITULATION;
            cand.to = x[j];
        } else {
            continue;
        }
        double dist = fabs(cand.to - x[i]);
        if (scholz) {
            /* Scholz's code: the nearest lost conflict; else the compromise with the lowest
             * weighted key (a position, so it favours low positions); capitulation never fires
             * (a mistyped condition in the reconstruction, kept for fidelity) */
            if (cand.kind == SC_EUM_CONFRONTATION && fabs(x[j] - x[i]) < best_conf) {
                best_conf = fabs(x[j] - x[i]);
                conf = cand;
            } else if (cand.kind == SC_EUM_COMPROMISE && key < best_key) {
                best_key = key;
                comp = cand;
            }
        } else if (dist < best_move) {
            /* the text rule: accept the offer that needs the smallest change */
            best_move = dist;
            any = cand;
        }
    }
    if (scholz) {
        return conf.kind != SC_EUM_NONE ? conf : comp;
    }
    return any;
}

/* ---- driver ----------------------------------------------------------------------------------- */

static sc_status check_inputs(size_t n, const double *c, const double *x, const double *s,
                              const sc_eum_params *p, sc_diag *diag)
{
    if (n < 2) {
        return sc__diag_set(diag, SC_EINVAL, "the model needs at least 2 actors");
    }
    if (n > 4000) {
        return sc__diag_set(diag, SC_ELIMIT, "at most 4000 actors per issue (got %zu)", n);
    }
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(c[i]) || !(c[i] > 0) || !isfinite(x[i]) || !(s[i] >= 0 && s[i] <= 1)) {
            return sc__diag_set(diag, SC_ERANGE,
                                "actor %zu: capability must be > 0, position finite and salience "
                                "in [0, 1]",
                                i + 1);
        }
    }
    if (p->rounds < 0 || p->rounds > 100000 || !(p->tol >= 0) || !(p->q >= 0 && p->q <= 1) ||
        !(p->t >= 0 && p->t <= 1)) {
        return sc__diag_set(diag, SC_ERANGE, "rounds must be 0..100000, tol >= 0, Q and T in [0, 1]");
    }
    return SC_OK;
}

static sc_status run(size_t n, const double *c, const double *x0, const double *s,
                     const sc_eum_params *params, int naive, sc_eum_result **out, sc_diag *diag)
{
    *out = NULL;
    sc_eum_params def;
    if (!params) {
        sc_eum_params_init(&def);
        params = &def;
    }
    sc_status rc = check_inputs(n, c, x0, s, params, diag);
    if (rc != SC_OK) {
        return rc;
    }
    size_t R = (size_t)params->rounds;
    ws W;
    int ok = ws_init(&W, n, params, c, s, naive);
    sc_eum_result *res = calloc(1, sizeof *res);
    if (res) {
        res->positions = malloc((R + 1) * n * sizeof *res->positions);
        res->mean = malloc((R + 1) * sizeof *res->mean);
        res->median = malloc((R + 1) * sizeof *res->median);
        res->risk = malloc((R ? R : 1) * n * sizeof *res->risk);
        res->moves = calloc((R ? R : 1) * n, sizeof *res->moves);
    }
    if (!ok || !res || !res->positions || !res->mean || !res->median || !res->risk ||
        !res->moves) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto cleanup;
    }
    double xmin = HUGE_VAL, xmax = -HUGE_VAL, wsum = 0;
    for (size_t i = 0; i < n; i++) {
        W.w[i] = c[i] * s[i];
        W.x[i] = x0[i];
        xmin = fmin(xmin, x0[i]);
        xmax = fmax(xmax, x0[i]);
        wsum += W.w[i];
    }
    if (!(wsum > 0)) {
        rc = sc__diag_set(diag, SC_EINVAL, "no actor has a positive capability x salience");
        goto cleanup;
    }
    W.delta = xmax - xmin;
    res->n = n;
    memcpy(res->positions, x0, n * sizeof *x0);
    int played = 0;
    for (size_t t = 0;; t++) {
        double m = 0;
        for (size_t i = 0; i < n; i++) {
            m += W.w[i] * W.x[i];
        }
        res->mean[t] = m / wsum;
        res->median[t] = weighted_median(&W, W.x);
        if (t == R) {
            break;
        }
        if (W.delta == 0) {
            /* everyone agrees already: nothing can move; report a converged game */
            res->converged = 1;
            break;
        }
        /* one round */
        risk_exponents(&W);
        expected_utilities(&W);
        memcpy(res->risk + t * n, W.r, n * sizeof *W.r);
        double maxmove = 0;
        for (size_t i = 0; i < n; i++) {
            sc_eum_move mv = choose(&W, i);
            res->moves[t * n + i] = mv;
            W.next[i] = mv.to;
            maxmove = fmax(maxmove, fabs(mv.to - W.x[i]));
        }
        memcpy(W.x, W.next, n * sizeof *W.x);
        memcpy(res->positions + (t + 1) * n, W.x, n * sizeof *W.x);
        played = (int)t + 1;
        if (maxmove == 0 || (params->tol > 0 && maxmove <= params->tol)) {
            res->converged = 1;
            double mm = 0;
            for (size_t i = 0; i < n; i++) {
                mm += W.w[i] * W.x[i];
            }
            res->mean[t + 1] = mm / wsum;
            res->median[t + 1] = weighted_median(&W, W.x);
            break;
        }
    }
    res->rounds = played;
    /* cycles: the positions of a round repeat those of an earlier one */
    for (int t = played; t > 0 && !res->cycle; t--) {
        for (int u = 0; u < t; u++) {
            int eq = 1;
            for (size_t i = 0; i < n && eq; i++) {
                eq = fabs(res->positions[(size_t)t * n + i] - res->positions[(size_t)u * n + i]) <=
                     1e-9 * (W.delta + 1e-300);
            }
            if (eq && t - u > 1) {
                res->cycle = 1;
                res->cycle_start = u;
                res->cycle_period = t - u;
                break;
            }
        }
    }
    /* oscillation: the mean turns back at least twice and the game has not settled */
    if (!res->converged && played >= 3) {
        int turns = 0, last_peak = -1, peaks = 0;
        double period_sum = 0;
        for (int t = 1; t < played; t++) {
            double d0 = res->mean[t] - res->mean[t - 1], d1 = res->mean[t + 1] - res->mean[t];
            if (d0 * d1 < 0) {
                turns++;
                if (d0 > 0) {
                    if (last_peak >= 0) {
                        period_sum += t - last_peak;
                        peaks++;
                    }
                    last_peak = t;
                }
            }
        }
        res->oscillating = turns >= 2;
        res->osc_period = peaks ? period_sum / peaks : 0;
    }
    *out = res;
    res = NULL;
cleanup:
    sc_eum_result_free(res);
    ws_free(&W);
    return rc;
}

sc_status sc_eum_run(size_t n, const double *c, const double *x, const double *s,
                     const sc_eum_params *params, sc_eum_result **out, sc_diag *diag)
{
    return run(n, c, x, s, params, 0, out, diag);
}

sc_status sc__eum_run_naive(size_t n, const double *c, const double *x, const double *s,
                            const sc_eum_params *params, sc_eum_result **out, sc_diag *diag)
{
    return run(n, c, x, s, params, 1, out, diag);
}

sc_status sc_eum_quadrant(size_t n, const double *c, const double *x, const double *s,
                          const sc_eum_params *params, size_t a, double *xs, double *ys,
                          sc_diag *diag)
{
    sc_eum_params p;
    if (params) {
        p = *params;
    } else {
        sc_eum_params_init(&p);
    }
    if (a >= n) {
        return sc__diag_set(diag, SC_EINVAL, "no actor %zu", a);
    }
    /* One round reproduces the state the chart shows; read E back from a one-round workspace. */
    sc_status rc = check_inputs(n, c, x, s, &p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    ws W;
    if (!ws_init(&W, n, &p, c, s, 0)) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto cleanup;
    }
    double xmin = HUGE_VAL, xmax = -HUGE_VAL;
    for (size_t i = 0; i < n; i++) {
        W.w[i] = c[i] * s[i];
        W.x[i] = x[i];
        xmin = fmin(xmin, x[i]);
        xmax = fmax(xmax, x[i]);
    }
    W.delta = xmax - xmin;
    if (W.delta == 0) {
        for (size_t j = 0; j < n; j++) {
            xs[j] = ys[j] = 0;
        }
        goto cleanup;
    }
    risk_exponents(&W);
    expected_utilities(&W);
    for (size_t j = 0; j < n; j++) {
        xs[j] = W.Eij[a * n + j];
        ys[j] = W.Eji[a * n + j];
    }
cleanup:
    ws_free(&W);
    return rc;
}

sc_status sc_eum_run_scenario(const sc_scenario *s, size_t issue, const sc_eum_params *params,
                              sc_eum_result **out, const char ***ids, sc_diag *diag)
{
    *out = NULL;
    *ids = NULL;
    size_t na = sc_scenario_actor_count(s), n = 0;
    if (issue >= sc_scenario_issue_count(s)) {
        return sc__diag_set(diag, SC_EINVAL, "no issue %zu", issue);
    }
    double *c = malloc(na * sizeof *c), *x = malloc(na * sizeof *x), *sal = malloc(na * sizeof *sal);
    const char **names = malloc(na * sizeof *names);
    sc_status rc = SC_OK;
    if (!c || !x || !sal || !names) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < na; i++) {
        const sc_stance *st = sc_scenario_stance(s, i, issue);
        if (!st->present) {
            continue;
        }
        c[n] = sc_scenario_actor(s, i)->capability.value;
        x[n] = st->position.value;
        sal[n] = st->salience.value;
        names[n] = sc_scenario_actor(s, i)->id;
        n++;
    }
    if (n < 2) {
        rc = sc__diag_set(diag, SC_EINVAL, "issue '%s' has fewer than 2 actors with a stance",
                          sc_scenario_issue(s, issue)->id);
        goto done;
    }
    rc = sc_eum_run(n, c, x, sal, params, out, diag);
    if (rc == SC_OK) {
        *ids = names;
        names = NULL;
    }
done:
    free(c);
    free(x);
    free(sal);
    free(names);
    return rc;
}
