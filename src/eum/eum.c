/* SPDX-License-Identifier: MIT */
/*
 * Bueno de Mesquita's expected-utility model (BDM 1994/1997) as reconstructed by Scholz, Calbert
 * & Smith (2011); reference: shared/reference/bdm/spec.md. One round: risk exponents from a
 * first pass with r = 1, then expected utilities of every challenge, offers classified from each
 * actor's own point of view, and all moves applied together. The game runs until no position
 * moves (a stated tolerance), the positions repeat an earlier round (a cycle), or a cap.
 *
 * Speed. The probability that i prevails over j is a sum over every third party k of its vote,
 * which makes the naive round O(n^3). A voter's vote is positive exactly when it stands closer to
 * x_i than to x_j, i.e. on x_i's side of the midpoint, so with voters and candidates sorted by
 * position the positive votes form a prefix or suffix of the voters, and prefix sums over voters
 * of each voter's vote value at each candidate position give a pair in O(1) once the midpoint's
 * rank is known; for one i the midpoints grow with j, so two pointers find every rank in O(n).
 * Scholz's global normaliser sum_k sum_a sum_b |v_k(a) - v_k(b)| is, per voter, a sum of absolute
 * pairwise differences of values that grow with the distance from the voter: merging the sorted
 * positions left and right of the voter orders them in O(n). A round is O(n^2); the naive form
 * stays as the oracle (sc__eum_run_naive) and the tests compare the two on random inputs.
 */
#include "eum/eum_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_sort.h>

#include "core/diag_internal.h"
#include "core/parallel.h"

/* From this many actors a round's passes run on params.threads workers (at most MAX_SPANS). */
#define SC_EUM_THREAD_MIN 256
#define SC_EUM_MAX_SPANS 64

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

const char *sc_eum_outcome_name(sc_eum_outcome o)
{
    switch (o) {
    case SC_EUM_CYCLE: return "cycle";
    case SC_EUM_UNSETTLED: return "unsettled";
    case SC_EUM_CONVERGED: break;
    }
    return "converged";
}

void sc_eum_params_init(sc_eum_params *p)
{
    p->variant = SC_EUM_SCHOLZ;
    p->stop = SC_EUM_STOP_CONVERGE;
    p->rounds = 10;
    p->max_rounds = 100;
    p->tol = 1e-4;
    p->scale = 0;
    p->q = 1;
    p->t = 1;
    p->threads = 0;
    p->cancel = NULL;
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

/* ---- workspace: everything a game needs, allocated once -------------------------------------- */

typedef struct ws {
    size_t cap_n;   /* actors the buffers hold */
    size_t n;       /* actors of the current game */
    int naive;
    sc_eum_params par;
    const double *s;
    double delta;   /* x_max - x_min of the input, fixed for all rounds (Scholz's code) */
    double wsum;
    double *w;      /* n: c_k s_k */
    double *x;      /* n: positions of the current round */
    double *r;      /* n: risk exponents */
    double *P;      /* n*n: P_ij (naive path); the fast path keeps its vote sums here instead,
                       by rank: P[a*n + b] = the votes for rank a against rank b */
    double *PT;     /* n*n: the fast path's transpose, PT[a*n + b] = P[b*n + a], so that the
                       expected utilities read both directions of a pair row by row */
    double N;       /* Scholz's global normaliser (fast path) */
    double *Nu;     /* n: voter u's share of N, summed in rank order whatever the threads */
    unsigned nthreads; /* workers for one round (1 below SC_EUM_THREAD_MIN actors) */
    double *Eij;    /* n*n: E^i(U_ij) */
    double *Eji;    /* n*n: E^i(U_ji) */
    size_t *order;  /* positions sorted: order[u] is the actor at rank u */
    size_t *rank;   /* rank[k]: the rank of actor k */
    double *xs;     /* sorted positions */
    double *C;      /* (n+1)*n: C[u*n + v] = sum over voters of rank < u of w g(xs[v]) */
    double *tmp;    /* n */
    double *cw;     /* n+1: cumulative weights in sorted order (medians) */
    double *next;   /* n: positions after the round */
    double *sorted_x; /* n: the positions `order` was last sorted from (valid if sorted_ok) */
    int sorted_ok;
    int stopped;    /* the cancel flag was seen during a round: its remaining passes are skipped */
} ws;

static void ws_free(ws *W)
{
    free(W->w);
    free(W->x);
    free(W->r);
    free(W->P);
    free(W->PT);
    free(W->Nu);
    free(W->Eij);
    free(W->Eji);
    free(W->order);
    free(W->rank);
    free(W->xs);
    free(W->C);
    free(W->tmp);
    free(W->cw);
    free(W->next);
    free(W->sorted_x);
    memset(W, 0, sizeof *W);
}

/* Allocates every buffer a game of up to n actors needs; 0 when out of memory (ws_free then). */
static int ws_init(ws *W, size_t n, const sc_eum_params *par, int naive)
{
    memset(W, 0, sizeof *W);
    W->cap_n = n;
    W->naive = naive;
    W->par = *par;
    W->w = malloc(n * sizeof *W->w);
    W->x = malloc(n * sizeof *W->x);
    W->r = malloc(n * sizeof *W->r);
    W->P = malloc(n * n * sizeof *W->P);
    W->PT = naive ? malloc(sizeof *W->PT) : malloc(n * n * sizeof *W->PT);
    W->Nu = malloc(n * sizeof *W->Nu);
    W->nthreads = 1;
    if (!naive && n >= SC_EUM_THREAD_MIN) {
        unsigned nw = par->threads;
        if (nw == 0) {
            long cpus = sysconf(_SC_NPROCESSORS_ONLN);
            nw = cpus > 0 ? (unsigned)cpus : 1;
        }
        W->nthreads = nw < SC_EUM_MAX_SPANS ? nw : SC_EUM_MAX_SPANS;
    }
    W->Eij = malloc(n * n * sizeof *W->Eij);
    W->Eji = malloc(n * n * sizeof *W->Eji);
    W->order = malloc(n * sizeof *W->order);
    W->rank = malloc(n * sizeof *W->rank);
    W->xs = malloc(n * sizeof *W->xs);
    W->C = malloc((n + 1) * n * sizeof *W->C);
    W->tmp = malloc(n * sizeof *W->tmp);
    W->cw = malloc((n + 1) * sizeof *W->cw);
    W->next = malloc(n * sizeof *W->next);
    W->sorted_x = malloc(n * sizeof *W->sorted_x);
    return W->w && W->x && W->r && W->P && W->PT && W->Nu && W->Eij && W->Eji && W->order &&
           W->rank && W->xs && W->C && W->tmp && W->cw && W->next && W->sorted_x;
}

/* Loads a game: weights, positions, Delta. Returns 0 if no actor has any weight. */
static int ws_load(ws *W, size_t n, const double *c, const double *x0, const double *s)
{
    W->n = n;
    W->s = s;
    W->sorted_ok = 0;
    W->stopped = 0;
    double xmin = HUGE_VAL, xmax = -HUGE_VAL, wsum = 0;
    for (size_t i = 0; i < n; i++) {
        W->w[i] = c[i] * s[i];
        W->x[i] = x0[i];
        xmin = fmin(xmin, x0[i]);
        xmax = fmax(xmax, x0[i]);
        wsum += W->w[i];
    }
    W->delta = xmax - xmin;
    W->wsum = wsum;
    return wsum > 0;
}

/* pow for exponents that are exactly 1 in the risk pass: the same value, much faster. */
static inline double powr(double b, double r)
{
    return r == 1.0 ? b : pow(b, r);
}

/* Scholz's vote function: k's risk-transformed normalised distance to position y. */
static double gdist(const ws *W, size_t k, double y)
{
    return powr(fabs(W->x[k] - y) / W->delta, W->r[k]);
}

/* order = the indices of x in GSL's sorted order. A round sorts the same positions three times
 * (its median, the risk pass, the expected utilities): the same bits give the same order, so
 * the sort runs again only when they changed. GSL's heapsort does not allocate. */
static void sort_order(ws *W, const double *x)
{
    size_t n = W->n;
    if (W->sorted_ok && memcmp(W->sorted_x, x, n * sizeof *x) == 0) {
        return;
    }
    gsl_sort_index(W->order, x, 1, n);
    memcpy(W->sorted_x, x, n * sizeof *x);
    W->sorted_ok = 1;
}

/* Sorts the current positions: order, rank and xs. */
static void sort_positions(ws *W)
{
    size_t n = W->n;
    sort_order(W, W->x);
    for (size_t u = 0; u < n; u++) {
        W->xs[u] = W->x[W->order[u]];
        W->rank[W->order[u]] = u;
    }
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

/*
 * The votes for the actor of rank a against the actor of rank b: the voters on a's side of the
 * midpoint, t the number of voters below it (strictly when xs[a] < xs[b], inclusively when
 * above), each adding H(xs[b]) - H(xs[a]) (their value of b's position minus a's).
 */
static inline double votes_for(const ws *W, size_t a, size_t b, size_t t)
{
    size_t n = W->n;
    const double *C = W->C;
    if (W->xs[a] < W->xs[b]) {
        return C[t * n + b] - C[t * n + a];
    }
    return (C[n * n + b] - C[t * n + b]) - (C[n * n + a] - C[t * n + a]);
}

/*
 * The fast path's P, in three passes over ranks. Voters and candidates are the actors in sorted
 * order; row u + 1 of C first holds voter u's values w g(xs[v]) of every candidate (and Nu[u]
 * voter u's share of Scholz's normaliser), then the rows are accumulated so that row u holds the
 * values summed over the voters of rank below u, and a pair's vote sum is a difference of two
 * entries. P[a][b] and PT[a][b] (ranks) hold the raw vote sums of a against b and of b against a.
 * Each pass splits its rows (or columns) among the round's workers; every number is computed the
 * same way whatever their count.
 */
static void prob_values(ws *W, size_t u0, size_t u1)
{
    size_t n = W->n;
    const double *xs = W->xs;
    int scholz = W->par.variant == SC_EUM_SCHOLZ;
    for (size_t u = u0; u < u1; u++) {
        size_t k = W->order[u];
        double wk = W->w[k], rk = W->r[k], xk = xs[u];
        double *row = W->C + (u + 1) * n;
        for (size_t v = 0; v < n; v++) {
            /* actors often share positions (a confrontation copies one): reuse the value */
            if (v > 0 && xs[v] == xs[v - 1]) {
                row[v] = row[v - 1];
                continue;
            }
            double b = fabs(xk - xs[v]) / W->delta;
            /* the voter's own position: pow(+0, r) is +0 for every r > 0, no call needed */
            row[v] = b == 0 && !signbit(b) && rk > 0 ? wk * 0.0 : wk * powr(b, rk);
        }
        W->Nu[u] = 0;
        if (scholz) {
            /* the values grow with the distance from the voter: merge the ranks left and right
             * of u into increasing order; sum_{a<b} (v_b - v_a) = sum_t v_(t) (2t - n + 1) */
            size_t l = u, r = u + 1, t = 1;
            double acc = row[u] * (1.0 - (double)n); /* the voter itself: distance 0 */
            while (t < n) {
                int left = l > 0 && (r >= n || xk - xs[l - 1] <= xs[r] - xk);
                double val = left ? row[--l] : row[r++];
                acc += val * (2.0 * (double)t - (double)n + 1.0);
                t++;
            }
            W->Nu[u] = 2 * acc;
        }
    }
}

/* Accumulates the columns v0 .. v1 - 1 of C down the voters. */
static void prob_accumulate(ws *W, size_t v0, size_t v1)
{
    size_t n = W->n;
    double *C = W->C;
    for (size_t v = v0; v < v1; v++) {
        C[v] = 0;
    }
    for (size_t u = 0; u < n; u++) {
        const double *above = C + u * n;
        double *row = C + (u + 1) * n;
        for (size_t v = v0; v < v1; v++) {
            row[v] += above[v];
        }
    }
}

/* Raw vote sums for the ranks a0 .. a1 - 1 against every rank, both directions. For rank a the
 * midpoints with b grow with b, so the counts of voters below them only grow (two pointers). */
static void prob_pairs(ws *W, size_t a0, size_t a1)
{
    size_t n = W->n;
    const double *xs = W->xs;
    for (size_t a = a0; a < a1; a++) {
        size_t strict = 0, incl = 0;
        double *f = W->P + a * n, *g = W->PT + a * n;
        for (size_t b = 0; b < n; b++) {
            if (xs[a] == xs[b]) {
                f[b] = g[b] = 0;
                continue;
            }
            double m = 0.5 * (xs[a] + xs[b]);
            while (strict < n && xs[strict] < m) {
                strict++;
            }
            while (incl < n && xs[incl] <= m) {
                incl++;
            }
            f[b] = votes_for(W, a, b, xs[a] < xs[b] ? strict : incl);
            g[b] = votes_for(W, b, a, xs[b] < xs[a] ? strict : incl);
        }
    }
}

/* ---- expected utilities -------------------------------------------------------------------- */

/* Weighted median of x (the median voter): the first position in sorted order at which the
 * cumulative weight reaches half the total. Leaves order/xs sorted and cw cumulative. */
static double weighted_median(ws *W, const double *x)
{
    size_t n = W->n;
    sort_order(W, x);
    W->cw[0] = 0;
    for (size_t u = 0; u < n; u++) {
        W->xs[u] = x[W->order[u]];
        W->cw[u + 1] = W->cw[u] + W->w[W->order[u]];
    }
    double half = W->cw[n] / 2;
    for (size_t u = 0; u < n; u++) {
        if (W->cw[u + 1] >= half) {
            return W->xs[u];
        }
    }
    return W->xs[n - 1];
}

/* Number of sorted positions <= v. */
static size_t count_le(const double *xs, size_t n, double v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (xs[mid] <= v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Number of sorted positions < v. */
static size_t count_lt(const double *xs, size_t n, double v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (xs[mid] < v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/*
 * The median had one actor (weight wi) stayed at `from` instead of moving to `to`, given the
 * sorted positions xs and cumulative weights cw of the state after the moves: the smallest
 * position p of the changed multiset whose cumulative weight C'(p) reaches half. O(log n).
 */
static double median_unmoved(const ws *W, double to, double from, double wi)
{
    size_t n = W->n;
    const double *xs = W->xs, *cw = W->cw;
    double half = cw[n] / 2;
#define CPRIME(p) (cw[count_le(xs, n, (p))] - (to <= (p) ? wi : 0) + (from <= (p) ? wi : 0))
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (CPRIME(xs[mid]) >= half) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    double best = HUGE_VAL;
    /* the moved actor's own slot is no candidate when nobody else sits there */
    size_t k = lo;
    if (k < n && xs[k] == to && count_le(xs, n, to) - count_lt(xs, n, to) == 1) {
        k++;
    }
    if (k < n) {
        best = xs[k];
    }
    if (CPRIME(from) >= half && from < best) {
        best = from;
    }
#undef CPRIME
    return best;
}

/* E^i for the actors i0 .. i1 - 1 (see expected_utilities); mu is the weighted median. */
static void eu_rows(ws *W, size_t i0, size_t i1, int only_eji, double mu)
{
    size_t n = W->n;
    const double *x = W->x, *s = W->s;
    double q = W->par.q, t = W->par.t;
    for (size_t i = i0; i < i1; i++) {
        size_t a = W->rank[i];
        double r = W->r[i];
        double usq = 2 - 4 * powr(0.5, r);
        double us = 0, uf = 0, rest = q * usq, prev = (double)NAN;
        for (size_t b = 0; b < n; b++) {
            size_t j = W->order[b];
            if (i == j) {
                W->Eij[i * n + j] = W->Eji[i * n + j] = 0;
                continue;
            }
            /* the utilities depend on j only through x_j: recompute only for a new position */
            if (!(x[j] == prev)) {
                prev = x[j];
                double d = fabs(x[i] - x[j]) / W->delta;
                if (d == 0) {
                    /* j shares i's position: 0.5 -/+ 0.5 d is exactly 0.5, usq's power */
                    us = uf = usq;
                } else {
                    us = 2 - 4 * powr(0.5 - 0.5 * d, r);
                    uf = 2 - 4 * powr(0.5 + 0.5 * d, r);
                }
                rest = q * usq;
                if (q < 1) {
                    /* no challenge: j's position changes toward (T) or away from (1 - T) i */
                    double dmu = (fabs(x[i] - mu) + fabs(x[i] - x[j])) / W->delta;
                    double ub = 2 - 4 * powr(0.5 - 0.25 * dmu, r);
                    double uw = 2 - 4 * powr(0.5 + 0.25 * dmu, r);
                    rest += (1 - q) * (t * ub + (1 - t) * uw);
                }
            }
            double pij, pji;
            if (W->naive) {
                pij = W->P[i * n + j];
                pji = W->P[j * n + i];
            } else {
                double f = W->P[a * n + b], g = W->PT[a * n + b];
                if (W->par.variant == SC_EUM_SCHOLZ) {
                    pij = W->N > 0 ? f / W->N : 0;
                    pji = W->N > 0 ? g / W->N : 0;
                } else {
                    /* the printed normaliser: all votes on this pair, for and against */
                    pij = f + g > 0 ? f / (f + g) : 0;
                    pji = f + g > 0 ? g / (f + g) : 0;
                }
            }
            if (!only_eji) {
                W->Eij[i * n + j] = s[j] * (pij * us + (1 - pij) * uf) + (1 - s[j]) * us - rest;
            }
            W->Eji[i * n + j] = s[i] * (pji * us + (1 - pji) * uf) + (1 - s[i]) * us - rest;
        }
    }
}

static sc_eum_move choose(const ws *W, size_t i);

/* One pass of a round, over a span of rows (or of C's columns). */
enum { PASS_VALUES, PASS_ACCUMULATE, PASS_PAIRS, PASS_EU, PASS_MOVES };

typedef struct span {
    ws *W;
    size_t lo, hi;
    int pass, only_eji;
    double mu;
    sc_eum_move *moves; /* PASS_MOVES: where to record the moves, or NULL */
} span;

static void *span_run(void *arg)
{
    span *sp = arg;
    ws *W = sp->W;
    switch (sp->pass) {
    case PASS_VALUES: prob_values(W, sp->lo, sp->hi); break;
    case PASS_ACCUMULATE: prob_accumulate(W, sp->lo, sp->hi); break;
    case PASS_PAIRS: prob_pairs(W, sp->lo, sp->hi); break;
    case PASS_EU: eu_rows(W, sp->lo, sp->hi, sp->only_eji, sp->mu); break;
    default:
        for (size_t i = sp->lo; i < sp->hi; i++) {
            sc_eum_move mv = choose(W, i);
            W->next[i] = mv.to;
            if (sp->moves) {
                sp->moves[i] = mv;
            }
        }
        break;
    }
    return NULL;
}

/* The caller's cancel flag is set. Read with an atomic load: the drivers' replays look at it
 * from worker threads while a signal handler writes it. */
static int cancelled(const sc_eum_params *p)
{
    return p->cancel && __atomic_load_n(p->cancel, __ATOMIC_RELAXED) != 0;
}

/* Runs a pass over rows 0 .. n - 1 on the round's workers: equal spans whose boundaries are
 * multiples of 8 (a cache line of doubles, so that no two workers write one line). */
static void run_pass(ws *W, int pass, int only_eji, double mu, sc_eum_move *moves)
{
    if (W->stopped || cancelled(&W->par)) {
        /* A round of thousands of actors takes seconds (2,000: about 2 s of CPU under ASan,
         * and two workers finishing theirs made 5.7 s after a Ctrl-C in a CI run), so the flag
         * is looked at before each of a round's passes; play() drops the round stopped. */
        W->stopped = 1;
        return;
    }
    size_t n = W->n;
    span sp[SC_EUM_MAX_SPANS];
    unsigned k = W->nthreads;
    if (k > 1 && n < 8 * (size_t)k) {
        k = 1;
    }
    size_t step = (n + k - 1) / k;
    step = (step + 7) / 8 * 8;
    unsigned used = 0;
    for (size_t lo = 0; lo < n && used < k; lo += step) {
        sp[used++] = (span){W, lo, lo + step < n ? lo + step : n, pass, only_eji, mu, moves};
    }
    if (used == 1) {
        span_run(&sp[0]);
        return;
    }
    sc__run_parallel(span_run, sp, sizeof *sp, used);
}

/*
 * Fills Eij[i][j] = E^i(U_ij) and Eji[i][j] = E^i(U_ji) for the current positions and risk
 * exponents, every quantity i evaluates computed with i's own exponent (spec.md §5). With
 * only_eji (the risk pass) the first matrix is left alone.
 */
static void expected_utilities(ws *W, int only_eji)
{
    size_t n = W->n;
    if (W->naive) {
        prob_naive(W);
    } else {
        sort_positions(W);
        run_pass(W, PASS_VALUES, 0, 0, NULL);
        run_pass(W, PASS_ACCUMULATE, 0, 0, NULL);
        if (W->stopped) {
            return; /* a dropped round: Nu is not this round's (nor set at all in the first) */
        }
        double N = 0;
        for (size_t u = 0; u < n; u++) {
            N += W->Nu[u];
        }
        W->N = N;
        run_pass(W, PASS_PAIRS, 0, 0, NULL);
    }
    double mu = 0;
    if (W->par.q < 1) {
        mu = weighted_median(W, W->x);
    }
    if (W->naive) {
        sort_positions(W); /* the loop below walks the others in sorted order */
    }
    run_pass(W, PASS_EU, only_eji, mu, NULL);
}

/* Risk exponents from a pass with r = 1 (spec.md §6), reset every round as Scholz's code does. */
static void risk_exponents(ws *W)
{
    size_t n = W->n;
    for (size_t i = 0; i < n; i++) {
        W->r[i] = 1;
    }
    expected_utilities(W, 1);
    if (W->stopped) {
        return; /* a dropped round: Eji is not this round's (nor set at all in the first) */
    }
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
    sc_eum_move mv = {SC_EUM_NONE, -1, x[i], x[i], 0, 0, 0};
    int scholz = W->par.variant == SC_EUM_SCHOLZ;
    double best_conf = HUGE_VAL, best_key = HUGE_VAL, best_move = HUGE_VAL;
    sc_eum_move conf = mv, comp = mv, any = mv;
    for (size_t j = 0; j < n; j++) {
        if (j == i || same(W, x[j], x[i])) {
            continue;
        }
        double a = W->Eij[i * n + j], b = W->Eji[i * n + j];
        sc_eum_move cand = {SC_EUM_NONE, (int)j, x[i], x[i], a, b, 0};
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

/* ---- the game --------------------------------------------------------------------------------- */

/* Where a game writes its trajectory: full results, or the scratch of a leave-one-out replay
 * (risk and moves NULL). */
typedef struct trace {
    double *positions; /* (cap + 1) * n */
    double *mean, *median; /* cap + 1 */
    double *risk;      /* cap * n, or NULL */
    sc_eum_move *moves; /* cap * n, or NULL */
} trace;

/* What a game produced, besides its trace. */
typedef struct summary {
    int rounds;
    sc_eum_outcome outcome;
    int cycle, cycle_start, cycle_period;
    double forecast, forecast_lo, forecast_hi, mean_lo, mean_hi;
    int window_start, window_end;
    int interrupted; /* the cancel flag stopped the game: the rest is not a result */
} summary;

static sc_status check_params(const sc_eum_params *p, size_t n, sc_diag *diag)
{
    if (!(p->q >= 0 && p->q <= 1) || !(p->t >= 0 && p->t <= 1)) {
        return sc__diag_set(diag, SC_ERANGE, "Q and T must be in [0, 1]");
    }
    if (!(p->tol > 0 && p->tol <= 0.5) || !(p->scale >= 0) || !isfinite(p->scale)) {
        return sc__diag_set(diag, SC_ERANGE,
                            "the tolerance must be in (0, 0.5] (a share of the scale) and the "
                            "scale >= 0");
    }
    int cap = p->stop == SC_EUM_STOP_FIXED ? p->rounds : p->max_rounds;
    if (p->stop == SC_EUM_STOP_FIXED ? cap < 0 : cap < 1) {
        return sc__diag_set(diag, SC_ERANGE, "%s must be %s 100000 (got %d)",
                            p->stop == SC_EUM_STOP_FIXED ? "rounds" : "the round cap",
                            p->stop == SC_EUM_STOP_FIXED ? "0 to" : "1 to", cap);
    }
    if (cap > 100000) {
        return sc__diag_set(diag, SC_ERANGE, "at most 100000 rounds (got %d)", cap);
    }
    /* the trajectory is kept for cycle detection: bound it (2^25 positions, 256 MiB) */
    if (((size_t)cap + 1) * n > ((size_t)1 << 25)) {
        return sc__diag_set(diag, SC_ELIMIT,
                            "%zu actors x %d rounds exceed the trajectory limit of 2^25 positions",
                            n, cap);
    }
    return SC_OK;
}

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
        if (!isfinite(c[i]) || !(c[i] >= 0) || !isfinite(x[i]) || !(s[i] >= 0 && s[i] <= 1)) {
            return sc__diag_set(diag, SC_ERANGE,
                                "actor %zu: capability must be >= 0, position finite and "
                                "salience in [0, 1]",
                                i + 1);
        }
    }
    return check_params(p, n, diag);
}

/* Largest |a_i - b_i|. */
static double max_diff(const double *a, const double *b, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++) {
        m = fmax(m, fabs(a[i] - b[i]));
    }
    return m;
}

static double wmean(const ws *W)
{
    double m = 0;
    for (size_t i = 0; i < W->n; i++) {
        m += W->w[i] * W->x[i];
    }
    return m / W->wsum;
}

/* The forecast and its window from a finished game (docs/models/eum.md, "The forecast"). */
static void summarise(const trace *tr, int fixed, summary *sm)
{
    int R = sm->rounds;
    int a = R, b = R;
    if (sm->outcome == SC_EUM_CYCLE) {
        a = sm->cycle_start;
        b = sm->cycle_start + sm->cycle_period - 1;
    } else if (sm->outcome == SC_EUM_UNSETTLED) {
        a = R / 2 + (R % 2); /* the second half of the rounds played */
        b = R;
    }
    sm->window_start = a;
    sm->window_end = b;
    double sum = 0;
    sm->forecast_lo = sm->forecast_hi = tr->median[a];
    sm->mean_lo = sm->mean_hi = tr->mean[a];
    for (int t = a; t <= b; t++) {
        sum += tr->median[t];
        sm->forecast_lo = fmin(sm->forecast_lo, tr->median[t]);
        sm->forecast_hi = fmax(sm->forecast_hi, tr->median[t]);
        sm->mean_lo = fmin(sm->mean_lo, tr->mean[t]);
        sm->mean_hi = fmax(sm->mean_hi, tr->mean[t]);
    }
    sm->forecast = fixed || sm->outcome == SC_EUM_CONVERGED ? tr->median[R] : sum / (b - a + 1);
}

/*
 * Plays a loaded game (ws_load) into `tr`. CONVERGE: until the largest move is at most tol, the
 * positions repeat an earlier round (within tol), or the cap; FIXED: `rounds` rounds unless
 * nothing moves, a cycle being recorded but not stopping the game.
 */
static void play(ws *W, trace *tr, summary *sm)
{
    size_t n = W->n;
    const sc_eum_params *p = &W->par;
    int fixed = p->stop == SC_EUM_STOP_FIXED;
    int cap = fixed ? p->rounds : p->max_rounds;
    double scale = p->scale > 0 ? p->scale : W->delta;
    double tol = p->tol * scale;
    memset(sm, 0, sizeof *sm);
    sm->outcome = SC_EUM_UNSETTLED;
    memcpy(tr->positions, W->x, n * sizeof *W->x);
    int t = 0;
    for (;;) {
        tr->mean[t] = wmean(W);
        tr->median[t] = weighted_median(W, W->x);
        if (cancelled(p)) {
            /* between rounds (run_pass() also looks within one), and first: a flag set before
             * the run stops even a game with no round to play (all agree, or rounds 0) */
            sm->interrupted = 1;
            break;
        }
        if (W->delta == 0) {
            sm->outcome = SC_EUM_CONVERGED; /* everyone agrees already: nothing can move */
            break;
        }
        if (t == cap) {
            break;
        }
        /* one round */
        risk_exponents(W);
        expected_utilities(W, 0);
        if (tr->risk) {
            memcpy(tr->risk + (size_t)t * n, W->r, n * sizeof *W->r);
        }
        run_pass(W, PASS_MOVES, 0, 0, tr->moves ? tr->moves + (size_t)t * n : NULL);
        if (W->stopped) {
            sm->interrupted = 1; /* the round is incomplete: not a result */
            break;
        }
        double maxmove = 0;
        for (size_t i = 0; i < n; i++) {
            maxmove = fmax(maxmove, fabs(W->next[i] - W->x[i]));
        }
        memcpy(W->x, W->next, n * sizeof *W->x);
        t++;
        double *now = tr->positions + (size_t)t * n;
        memcpy(now, W->x, n * sizeof *W->x);
        if (tr->moves) {
            /* how much each move decided this round's median voter */
            double med = weighted_median(W, W->x);
            for (size_t i = 0; i < n; i++) {
                sc_eum_move *mv = &tr->moves[(size_t)(t - 1) * n + i];
                if (mv->kind != SC_EUM_NONE && W->w[i] > 0) {
                    mv->median_effect = med - median_unmoved(W, mv->to, mv->from, W->w[i]);
                }
            }
        }
        if (maxmove <= tol) {
            sm->outcome = SC_EUM_CONVERGED;
            tr->mean[t] = wmean(W);
            tr->median[t] = weighted_median(W, W->x);
            break;
        }
        if (!sm->cycle) {
            /* a cycle: the positions repeat those of an earlier round (the latest match gives
             * the shortest period); the weighted mean screens out most rounds cheaply */
            double m = wmean(W);
            for (int u = t - 2; u >= 0; u--) {
                if (fabs(tr->mean[u] - m) <= tol &&
                    max_diff(now, tr->positions + (size_t)u * n, n) <= tol) {
                    sm->cycle = 1;
                    sm->cycle_start = u;
                    sm->cycle_period = t - u;
                    sm->outcome = SC_EUM_CYCLE;
                    break;
                }
            }
            if (sm->cycle && !fixed) {
                tr->mean[t] = m;
                tr->median[t] = weighted_median(W, W->x);
                break;
            }
        }
    }
    sm->rounds = t;
    summarise(tr, fixed, sm);
}

/* The mean's oscillation: it turns back at least twice without settling. */
static void oscillation(sc_eum_result *res)
{
    int played = res->rounds;
    if (res->converged || played < 3) {
        return;
    }
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
    size_t R = (size_t)(params->stop == SC_EUM_STOP_FIXED ? params->rounds : params->max_rounds);
    ws W;
    int ok = ws_init(&W, n, params, naive);
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
    if (!ws_load(&W, n, c, x0, s)) {
        rc = sc__diag_set(diag, SC_EINVAL, "no actor has a positive capability x salience");
        goto cleanup;
    }
    trace tr = {res->positions, res->mean, res->median, res->risk, res->moves};
    summary sm;
    play(&W, &tr, &sm);
    if (sm.interrupted) {
        rc = sc__diag_set(diag, SC_ELIMIT, "eum: interrupted after %d rounds", sm.rounds);
        goto cleanup;
    }
    res->n = n;
    res->rounds = sm.rounds;
    res->outcome = sm.outcome;
    res->converged = sm.outcome == SC_EUM_CONVERGED;
    res->cycle = sm.cycle;
    res->cycle_start = sm.cycle_start;
    res->cycle_period = sm.cycle_period;
    res->forecast = sm.forecast;
    res->forecast_lo = sm.forecast_lo;
    res->forecast_hi = sm.forecast_hi;
    res->mean_lo = sm.mean_lo;
    res->mean_hi = sm.mean_hi;
    res->window_start = sm.window_start;
    res->window_end = sm.window_end;
    oscillation(res);
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

/* ---- leave-one-out drivers ------------------------------------------------------------------- */

typedef struct loo_job {
    size_t n, first, step; /* the actors first, first + step, ... */
    const double *c, *x, *s;
    const sc_eum_params *par;
    double forecast;
    sc_eum_driver *out;
    int failed;
    size_t done;     /* replays finished */
    int interrupted; /* the cancel flag stopped a replay */
} loo_job;

static void *loo_worker(void *arg)
{
    loo_job *J = arg;
    size_t n = J->n, m = n - 1;
    const sc_eum_params *p = J->par;
    size_t cap = (size_t)(p->stop == SC_EUM_STOP_FIXED ? p->rounds : p->max_rounds);
    ws W;
    sc_eum_params one = *p;
    one.threads = 1; /* the replays already share the workers */
    int ok = ws_init(&W, m, &one, 0);
    double *c = malloc(m * sizeof *c), *x = malloc(m * sizeof *x), *s = malloc(m * sizeof *s);
    double *pos = malloc((cap + 1) * m * sizeof *pos);
    double *mean = malloc((cap + 1) * sizeof *mean), *med = malloc((cap + 1) * sizeof *med);
    if (!ok || !c || !x || !s || !pos || !mean || !med) {
        J->failed = 1;
    }
    for (size_t k = J->first; !J->failed && k < n; k += J->step) {
        for (size_t i = 0, q = 0; i < n; i++) {
            if (i != k) {
                c[q] = J->c[i];
                x[q] = J->x[i];
                s[q] = J->s[i];
                q++;
            }
        }
        sc_eum_driver *d = &J->out[k];
        d->actor = k;
        if (!ws_load(&W, m, c, x, s)) {
            /* nobody left with any weight: the forecast is the remaining median of nothing;
             * report no change */
            d->forecast = J->forecast;
            d->delta = 0;
            d->outcome = SC_EUM_CONVERGED;
            J->done++;
            continue;
        }
        trace tr = {pos, mean, med, NULL, NULL};
        summary sm;
        play(&W, &tr, &sm);
        if (sm.interrupted) {
            J->interrupted = 1;
            break;
        }
        J->done++;
        d->forecast = sm.forecast;
        d->delta = sm.forecast - J->forecast;
        d->outcome = sm.outcome;
    }
    free(c);
    free(x);
    free(s);
    free(pos);
    free(mean);
    free(med);
    ws_free(&W);
    return NULL;
}

static int cmp_driver(const void *a, const void *b)
{
    const sc_eum_driver *x = a, *y = b;
    double dx = fabs(x->delta), dy = fabs(y->delta);
    if (dx != dy) {
        return dx < dy ? 1 : -1;
    }
    return (x->actor > y->actor) - (x->actor < y->actor);
}

sc_status sc_eum_drivers(size_t n, const double *c, const double *x, const double *s,
                         const sc_eum_params *params, double forecast, sc_eum_driver *out,
                         sc_diag *diag)
{
    sc_eum_params def;
    if (!params) {
        sc_eum_params_init(&def);
        params = &def;
    }
    if (n < 3) {
        return sc__diag_set(diag, SC_EINVAL,
                            "leaving one actor out needs at least 3 actors (got %zu)", n);
    }
    sc_status rc = check_inputs(n, c, x, s, params, diag);
    if (rc != SC_OK) {
        return rc;
    }
    /* the tolerance is a share of one scale for every replay: the full game's */
    sc_eum_params par = *params;
    if (!(par.scale > 0)) {
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        for (size_t i = 0; i < n; i++) {
            lo = fmin(lo, x[i]);
            hi = fmax(hi, x[i]);
        }
        par.scale = hi > lo ? hi - lo : 1;
    }
    params = &par;
    unsigned nw = params->threads;
    if (nw == 0) {
        nw = sc_threads_default(); /* the CPUs this process may use */
    }
    if (nw > n) {
        nw = (unsigned)n;
    }
    loo_job *jobs = calloc(nw, sizeof *jobs);
    if (!jobs) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (unsigned w = 0; w < nw; w++) {
        jobs[w] = (loo_job){n, w, nw, c, x, s, params, forecast, out, 0, 0, 0};
    }
    /* each replay depends only on its actor: the thread count never changes a number */
    sc__run_parallel(loo_worker, jobs, sizeof *jobs, nw);
    int failed = 0, interrupted = 0;
    size_t done = 0;
    for (unsigned w = 0; w < nw; w++) {
        failed |= jobs[w].failed;
        interrupted |= jobs[w].interrupted;
        done += jobs[w].done;
    }
    free(jobs);
    if (failed) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    if (interrupted) {
        return sc__diag_set(diag, SC_ELIMIT,
                            "eum: interrupted after %zu of %zu leave-one-out replays", done, n);
    }
    qsort(out, n, sizeof *out, cmp_driver);
    return SC_OK;
}

/* ---- what changed a forecast ----------------------------------------------------------------- */

static int cmp_shift(const void *a, const void *b)
{
    const sc_eum_shift *p = a, *q = b;
    double u = fabs(p->delta), v = fabs(q->delta);
    if (u != v) {
        return u > v ? -1 : 1;
    }
    return (p->actor > q->actor) - (p->actor < q->actor);
}

void sc_eum_comparison_destroy(sc_eum_comparison *c)
{
    if (c) {
        free(c->shifts);
        memset(c, 0, sizeof *c);
    }
}

sc_status sc_eum_compare(size_t n, const double *c0, const double *x0, const double *s0,
                         const double *c1, const double *x1, const double *s1,
                         const sc_eum_params *params, const sc_eum_result *r0,
                         const sc_eum_result *r1, sc_eum_comparison *out, sc_diag *diag)
{
    memset(out, 0, sizeof *out);
    out->merged_round = -1;
    sc_eum_params par;
    if (params) {
        par = *params;
    } else {
        sc_eum_params_init(&par);
    }
    if (!r0 || !r1 || r0->n != n || r1->n != n) {
        return sc__diag_set(diag, SC_EINVAL, "both games must have the %zu actors of the inputs", n);
    }
    sc_status rc = check_inputs(n, c0, x0, s0, &par, diag);
    if (rc == SC_OK) {
        rc = check_inputs(n, c1, x1, s1, &par, diag);
    }
    if (rc != SC_OK) {
        return rc;
    }
    if (!(par.scale > 0)) {
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        for (size_t i = 0; i < n; i++) {
            lo = fmin(lo, x1[i]);
            hi = fmax(hi, x1[i]);
        }
        par.scale = hi > lo ? hi - lo : 1;
    }
    double eps = par.tol * par.scale;
    out->delta = r1->forecast - r0->forecast;
    int same_weights = 1;
    for (size_t i = 0; i < n; i++) {
        if (c0[i] != c1[i] || s0[i] != s1[i]) {
            same_weights = 0;
        } else if (x0[i] == x1[i]) {
            continue;
        }
        out->n_shifts++;
    }
    /* where the two games meet: with the same weights, the same positions play on alike */
    int common = r0->rounds < r1->rounds ? r0->rounds : r1->rounds;
    if (same_weights) {
        for (int t = 1; t <= common && out->merged_round < 0; t++) {
            if (max_diff(r0->positions + (size_t)t * n, r1->positions + (size_t)t * n, n) <= eps) {
                out->merged_round = t;
            }
        }
    }
    if (out->n_shifts == 0) {
        return SC_OK;
    }
    out->shifts = calloc(out->n_shifts, sizeof *out->shifts);
    double *c = malloc(n * sizeof *c), *x = malloc(n * sizeof *x), *s = malloc(n * sizeof *s);
    if (!out->shifts || !c || !x || !s) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    memcpy(c, c1, n * sizeof *c);
    memcpy(x, x1, n * sizeof *x);
    memcpy(s, s1, n * sizeof *s);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (c0[i] == c1[i] && x0[i] == x1[i] && s0[i] == s1[i]) {
            continue;
        }
        sc_eum_shift *sh = &out->shifts[k++];
        sh->actor = i;
        sh->erased_round = -1;
        if (c0[i] == c1[i] && s0[i] == s1[i]) {
            for (int t = 1; t <= common; t++) {
                if (fabs(r0->positions[(size_t)t * n + i] - r1->positions[(size_t)t * n + i]) <=
                    eps) {
                    sh->erased_round = t;
                    break;
                }
            }
        }
        /* the `to` game with this row alone set back */
        c[i] = c0[i];
        x[i] = x0[i];
        s[i] = s0[i];
        sc_eum_result *r = NULL;
        sc_diag local;
        sc_diag_init(&local);
        rc = sc_eum_run(n, c, x, s, &par, &r, &local);
        if (rc != SC_OK) {
            rc = sc__diag_set(diag, rc, "%s", local.message);
            goto done;
        }
        sh->forecast = r->forecast;
        sh->delta = r1->forecast - r->forecast;
        sc_eum_result_free(r);
        c[i] = c1[i];
        x[i] = x1[i];
        s[i] = s1[i];
    }
    qsort(out->shifts, out->n_shifts, sizeof *out->shifts, cmp_shift);
done:
    free(c);
    free(x);
    free(s);
    if (rc != SC_OK) {
        sc_eum_comparison_destroy(out);
        out->merged_round = -1;
    }
    return rc;
}

/* ---- the quadrant chart ----------------------------------------------------------------------- */

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
    p.cancel = NULL; /* one round for a chart: nothing to stop, and no half-computed round */
    if (a >= n) {
        return sc__diag_set(diag, SC_EINVAL, "no actor %zu", a);
    }
    /* One round reproduces the state the chart shows; read E back from a one-round workspace. */
    sc_status rc = check_inputs(n, c, x, s, &p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    ws W;
    if (!ws_init(&W, n, &p, 0)) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto cleanup;
    }
    ws_load(&W, n, c, x, s);
    if (W.delta == 0) {
        for (size_t j = 0; j < n; j++) {
            xs[j] = ys[j] = 0;
        }
        goto cleanup;
    }
    risk_exponents(&W);
    expected_utilities(&W, 0);
    for (size_t j = 0; j < n; j++) {
        xs[j] = W.Eij[a * n + j];
        ys[j] = W.Eji[a * n + j];
    }
cleanup:
    ws_free(&W);
    return rc;
}

/* ---- scenarios -------------------------------------------------------------------------------- */

void sc_eum_issue_destroy(sc_eum_issue *is)
{
    if (is) {
        free(is->actor);
        free(is->c);
        free(is->x);
        free(is->s);
        memset(is, 0, sizeof *is);
    }
}

sc_status sc_eum_issue_from_scenario(const sc_scenario *s, size_t issue, sc_eum_issue *out,
                                     sc_diag *diag)
{
    memset(out, 0, sizeof *out);
    size_t na = sc_scenario_actor_count(s);
    if (issue >= sc_scenario_issue_count(s)) {
        return sc__diag_set(diag, SC_EINVAL, "no issue %zu", issue);
    }
    out->actor = malloc((na ? na : 1) * sizeof *out->actor);
    out->c = malloc((na ? na : 1) * sizeof *out->c);
    out->x = malloc((na ? na : 1) * sizeof *out->x);
    out->s = malloc((na ? na : 1) * sizeof *out->s);
    if (!out->actor || !out->c || !out->x || !out->s) {
        sc_eum_issue_destroy(out);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    const sc_issue *is = sc_scenario_issue(s, issue);
    out->scale = is->scale_max - is->scale_min;
    for (size_t i = 0; i < na; i++) {
        const sc_stance *st = sc_scenario_stance(s, i, issue);
        if (!st->present) {
            continue;
        }
        out->actor[out->n] = i;
        out->c[out->n] = sc_scenario_influence(s, i, issue);
        out->x[out->n] = st->position.value;
        out->s[out->n] = st->salience.value;
        out->n++;
    }
    if (out->n < 2) {
        sc_eum_issue_destroy(out);
        return sc__diag_set(diag, SC_EINVAL, "issue '%s' has fewer than 2 actors with a stance",
                            is->id);
    }
    return SC_OK;
}

sc_status sc_eum_params_from_scenario(const sc_scenario *s, sc_eum_params *p, sc_diag *diag)
{
    sc_bargaining_settings b;
    sc_status rc = sc_scenario_bargaining_settings(s, &b, diag);
    if (rc == SC_OK) {
        p->tol = b.eum_tolerance;
        p->max_rounds = b.eum_max_rounds;
        p->q = b.eum_q;
        p->t = b.eum_t;
    }
    return rc;
}

sc_status sc_eum_run_scenario(const sc_scenario *s, size_t issue, const sc_eum_params *params,
                              sc_eum_result **out, const char ***ids, sc_diag *diag)
{
    *out = NULL;
    *ids = NULL;
    sc_eum_issue is;
    sc_status rc = sc_eum_issue_from_scenario(s, issue, &is, diag);
    if (rc != SC_OK) {
        return rc;
    }
    sc_eum_params p;
    if (params) {
        p = *params;
    } else {
        sc_eum_params_init(&p);
    }
    p.scale = is.scale;
    const char **names = malloc(is.n * sizeof *names);
    if (!names) {
        sc_eum_issue_destroy(&is);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < is.n; k++) {
        names[k] = sc_scenario_actor(s, is.actor[k])->id;
    }
    rc = sc_eum_run(is.n, is.c, is.x, is.s, &p, out, diag);
    if (rc == SC_OK) {
        *ids = names;
        names = NULL;
    }
    free(names);
    sc_eum_issue_destroy(&is);
    return rc;
}
