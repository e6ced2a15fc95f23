/* SPDX-License-Identifier: MIT */
/*
 * KTAB's Spatial Model of Politics (reference: shared/reference/ktab/model.md), computed the way
 * KTAB's code computes it, in the same order, so that positions agree with KTAB's to its 4-decimal
 * rounding; only the values KTAB computes for its logs are left out.
 *
 * One turn, from state t:
 *  (a) distances d_ij (i's saliences), risk-neutral utilities 1 - d, a probabilistic Condorcet
 *      election over all positions with capability weights, risk attitudes R_i from the
 *      resulting probabilities, and h's estimate of i's attitude r_hi (OneThird: (2R_h + R_i)/3);
 *  (b) every actor i values challenging every j from its own view (third parties join the side
 *      their little three-actor contest favours) and targets the best one, if worth > 1e-5; the
 *      bargain is interpolated dimension by dimension and rounded to 4 decimals;
 *  (c) each actor holds an election among the bargains in its queue (its status quo, the offer
 *      it made and those it received), each valued by every actor as the average utility of the
 *      resulting positions, and moves to its side of the winner.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "smp/smp_internal.h"

#include "core/diag_internal.h"
#include "core/parallel.h"
#include "statecraft/rng.h"

#include <unistd.h>

void sc_smp_params_init(sc_smp_params *p)
{
    memset(p, 0, sizeof *p);
    p->seed = 0xD67CC16FE69C185CULL; /* KTAB's dSeed; irrelevant in deterministic mode */
    p->max_turns = 100;
    p->min_turns = 2;
    p->min_delta_ratio = 0.02;
    p->stop = SC_SMP_STOP_CONVERGE;
    p->tol = 1e-4;
    p->threads = 0;
    p->cancel = NULL;
}

/* The caller's cancel flag is set. Read with an atomic load: the drivers' replays look at it
 * from worker threads while a signal handler writes it. */
static int cancelled(const sc_smp_params *p)
{
    return p->cancel && __atomic_load_n(p->cancel, __ATOMIC_RELAXED) != 0;
}

const char *sc_smp_outcome_name(sc_smp_outcome o)
{
    switch (o) {
    case SC_SMP_CYCLE: return "cycle";
    case SC_SMP_UNSETTLED: return "unsettled";
    case SC_SMP_CONSENSUS: return "consensus";
    case SC_SMP_KTAB_STOP: return "ktab-rule";
    case SC_SMP_CONVERGED: break;
    }
    return "converged";
}

void sc_smp_result_free(sc_smp_result *r)
{
    if (r) {
        free(r->pos);
        free(r->win);
        free(r->target);
        free(r->chosen_partner);
        free(r->forecast);
        free(r->forecast_lo);
        free(r->forecast_hi);
        free(r);
    }
}

/* ---- KTAB's building blocks ------------------------------------------------------------------- */

/* KTAB's binary vote: the utility difference scaled by 1e8 and clamped to [-1, 1]. */
static inline double vote_bin(double du)
{
    double bin = du / 1e-8;
    return bin > 1 ? 1 : bin < -1 ? -1 : bin;
}

/* The vote rules. The binary part is computed only by the rules that use it: computed for
 * every vote, its division was a third of the SMP's CPU time (the votes are O(n^3) a turn). */
static inline double vote(sc_smp_vote vr, double w, double ua, double ub)
{
    const double du = ua - ub;
    switch (vr) {
    case SC_SMP_VOTE_BINARY: return w * vote_bin(du);
    case SC_SMP_VOTE_PROPBIN: return w * ((1 - 0.2) * du + 0.2 * vote_bin(du));
    case SC_SMP_VOTE_PROPCBC: return w * ((1 - 0.5) * du + 0.5 * du * du * du);
    case SC_SMP_VOTE_CUBIC: return w * du * du * du;
    case SC_SMP_VOTE_ASYMPROSP: return du < 0 ? w * du : du > 0 ? (2.0 * w * du) / 3.0 : 0.0;
    case SC_SMP_VOTE_PROP: break;
    }
    return w * du;
}

double sc__smp_vote(sc_smp_vote vr, double w, double ua, double ub)
{
    return vote(vr, w, ua, ub);
}

/* Pairwise victory probability of strengths s1 against s2; p2 = the complement. */
void sc__smp_vprob(sc_smp_vpm vpm, double s1, double s2, double *p1, double *p2)
{
    double x1 = s1, x2 = s2;
    switch (vpm) {
    case SC_SMP_VPM_SQUARE: x1 = s1 * s1; x2 = s2 * s2; break;
    case SC_SMP_VPM_QUARTIC: x1 = s1 * s1 * s1 * s1; x2 = s2 * s2 * s2 * s2; break;
    case SC_SMP_VPM_OCTIC: {
        double q1 = s1 * s1 * s1 * s1, q2 = s2 * s2 * s2 * s2;
        x1 = q1 * q1;
        x2 = q2 * q2;
        break;
    }
    case SC_SMP_VPM_BINARY: {
        const double thresh = 1.10, minx = 1e-6;
        if (s1 >= thresh * s2) {
            x1 = 1.0;
            x2 = minx;
        } else if (s2 >= thresh * s1) {
            x1 = minx;
            x2 = 1.0;
        } else {
            double r12 = s1 / (s1 + s2);
            double p12 = (r12 * (thresh + 1.0) - 1.0) / (thresh - 1.0);
            x1 = p12;
            x2 = 1 - p12;
        }
        break;
    }
    case SC_SMP_VPM_LINEAR: break;
    }
    *p1 = x1 / (x1 + x2);
    *p2 = x2 / (x1 + x2);
}

static inline double bs_util(double d, double R)
{
    return d <= 1 ? (1 - d) * (1 + d * R) : (1 - d) * (1 + R);
}

/* Salience-weighted normalised distance between vectors a and b with saliences s (m dims). */
static double bv_diff(const double *a, const double *b, const double *s, size_t m)
{
    double ds2 = 0, ss2 = 0;
    for (size_t k = 0; k < m; k++) {
        const double ds = (a[k] - b[k]) * s[k];
        ds2 = ds2 + ds * ds;
        ss2 = ss2 + s[k] * s[k];
    }
    return sqrt(ds2 / ss2);
}

double sc__smp_est_nra(double rh, double ri, sc_smp_radj ra)
{
    switch (ra) {
    case SC_SMP_RADJ_FULL: return ri;
    case SC_SMP_RADJ_TWO_THIRDS: return (rh + (2.0 * ri)) / 3.0;
    case SC_SMP_RADJ_HALF: return (rh + ri) / 2;
    case SC_SMP_RADJ_NONE: return rh;
    case SC_SMP_RADJ_ONE_THIRD: break;
    }
    return ((2.0 * rh) + ri) / 3.0;
}

/* ---- workspace --------------------------------------------------------------------------------- */

typedef struct bargain {
    int init, rcvr;       /* init == rcvr: status quo of that actor */
    double *pi, *pr;      /* m coordinates each (into the bargain pool) */
} bargain;

typedef struct ws {
    const sc_smp_input *in;
    const sc_smp_params *p;
    size_t n, m;
    double *x;       /* n*m current positions */
    double *S;       /* n: total salience */
    double *d;       /* n*n distances */
    double *R;       /* n risk attitudes */
    double *nra;     /* n*n: nra[h*n + i] = h's estimate of i's risk attitude (est_nra), set
                        with R each turn, so that a utility estimate is one table read */
    double *c;       /* nopt*nopt coalition matrix (nopt <= max(n, qmax)) */
    double *pv;      /* nopt*nopt victory probabilities */
    double *pp;      /* nopt option probabilities (and Markov scratch) */
    double *q2;      /* nopt Markov scratch */
    double *ct;      /* nopt*nopt Markov scratch */
    double *ch;      /* nopt*nopt challenge probabilities (MarkovIncentive) */
    double *u;       /* n*qmax utilities of the options in an election */
    double *w;       /* n weights of an election */
    bargain *pool;   /* 2n + n bargains (status quo, offers, and InitRcvr's second offers) */
    double *coords;  /* their coordinates */
    size_t npool;
    int **queue;     /* n queues of pool indices */
    int *qlen;
    int *qbuf;       /* backing store of the queues: n * (2n + 2) */
    double *next;    /* n*m positions of the next state */
    double *bu;      /* n*(3n): bu[a * 3n + b] = actor a's utility of pool bargain b this turn */
    double *uh;      /* n*n: uh[t * n + x] = U(h, t, x) for the challenger h of the moment */
    double *spow;    /* n*m: the saliences to the interpolation's power (S2P2: 2, S1P1: 1) */
    size_t qmax;
    int stopped; /* the cancel flag was seen inside an election: the turn is dropped */
} ws;

/* Inside an election (O(n^3) coalitions, up to 1,000 Markov sweeps): whether the cancel flag has
 * been seen, now or earlier in this election; once seen the caller drops the turn. */
static int election_stopped(ws *W)
{
    W->stopped = W->stopped || cancelled(W->p);
    return W->stopped;
}

/* Coalition strengths c(i, j) among `no` options voted on by `nv` voters (KTAB's order). */
static void coalitions(ws *W, sc_smp_vote vr, size_t nv, size_t no, const double *weights,
                       const double *util, size_t ustride)
{
    const double minC = 1e-8;
    for (size_t i = 0; i < no; i++) {
        if (election_stopped(W)) { /* per option: 1,000 actors' election takes seconds */
            return;
        }
        for (size_t j = 0; j < i; j++) {
            double cij = minC, cji = minC;
            for (size_t k = 0; k < nv; k++) {
                double v = vote(vr, weights[k], util[k * ustride + i], util[k * ustride + j]);
                if (v > 0) {
                    cij = cij + v;
                }
                if (v < 0) {
                    cji = cji - v;
                }
            }
            W->c[i * no + j] = cij;
            W->c[j * no + i] = cji;
        }
        W->c[i * no + i] = minC;
    }
}

/* Option probabilities from the coalition matrix (KTAB's probCE2). */
static void pce(ws *W, size_t no)
{
    if (W->stopped) {
        return; /* coalitions() was stopped: nothing to read */
    }
    double *c = W->c, *pv = W->pv, *p = W->pp;
    for (size_t i = 0; i < no; i++) {
        for (size_t j = 0; j < i; j++) {
            sc__smp_vprob(W->p->vpm, c[i * no + j], c[j * no + i], &pv[i * no + j], &pv[j * no + i]);
        }
        pv[i * no + i] = 0.5;
    }
    if (W->p->pce == SC_SMP_PCE_CONDITIONAL) {
        double sum = 0;
        for (size_t i = 0; i < no; i++) {
            double pi = 1.0;
            for (size_t j = 0; j < no; j++) {
                pi = pi * pv[i * no + j];
            }
            p[i] = pi;
            sum += pi;
        }
        for (size_t i = 0; i < no; i++) {
            p[i] = p[i] / sum;
        }
        return;
    }
    /* Markov chains: damped fixed-point iteration from the uniform distribution */
    double *q = W->q2, *ct = W->ct;
    for (size_t i = 0; i < no; i++) {
        p[i] = 1.0 / (double)no;
    }
    if (W->p->pce == SC_SMP_PCE_MARKOV_UNIFORM) {
        double change = 1.0;
        for (int iter = 0; 1e-6 < change && iter < 1000; iter++) {
            if (election_stopped(W)) { /* per sweep */
                return;
            }
            change = 0;
            for (size_t i = 0; i < no; i++) {
                double pi = 0.0;
                for (size_t j = 0; j < no; j++) {
                    pi = pi + pv[i * no + j] * (p[i] + p[j]);
                }
                q[i] = pi / (double)no;
                double dlt = fabs(q[i] - p[i]);
                change = dlt > change ? dlt : change;
            }
            for (size_t i = 0; i < no; i++) {
                p[i] = (p[i] + q[i]) / 2.0;
            }
        }
        return;
    }
    /* MarkovIncentive: challenge rates proportional to c_ij p_ij (incentive), columns normalised */
    for (size_t j = 0; j < no; j++) {
        double sum = 0;
        for (size_t k = 0; k < no; k++) {
            sum += c[k * no + j] * pv[k * no + j] + (k == j ? 1e-10 : 0);
        }
        for (size_t i = 0; i < no; i++) {
            W->ch[i * no + j] = (c[i * no + j] * pv[i * no + j] + (i == j ? 1e-10 : 0)) / sum;
        }
    }
    double change = 1.0;
    for (int iter = 0; 1e-8 < change && iter < 1000; iter++) {
        if (election_stopped(W)) { /* per sweep */
            return;
        }
        for (size_t i = 0; i < no; i++) {
            for (size_t j = 0; j < no; j++) {
                ct[i * no + j] = p[i] * W->ch[j * no + i];
            }
        }
        change = 0.0;
        for (size_t i = 0; i < no; i++) {
            double qi = 0.0;
            for (size_t j = 0; j < no; j++) {
                qi = qi + pv[i * no + j] * (ct[i * no + j] + ct[j * no + i]);
            }
            q[i] = qi;
            double dlt = fabs(q[i] - p[i]);
            change = dlt > change ? dlt : change;
        }
        for (size_t i = 0; i < no; i++) {
            p[i] = (p[i] + q[i]) / 2.0;
        }
    }
}

/* h's estimate of i's utility for j's position. */
static inline double U(const ws *W, size_t h, size_t i, size_t j)
{
    return bs_util(W->d[i * W->n + j], W->nra[h * W->n + i]);
}

double sc__smp_big_r(sc_smp_rrange rr, double p, double pmin, double pmax)
{
    switch (rr) {
    case SC_SMP_RRANGE_MIN: return (p - pmin) / (pmax - pmin);
    case SC_SMP_RRANGE_MAX: return (2 * p - (pmax + pmin)) / (pmax - pmin);
    case SC_SMP_RRANGE_MID: break;
    }
    return (3 * p - (pmax + 2 * pmin)) / (2 * (pmax - pmin));
}

/* The four outcomes of the third party's little contest (inlined in prob_edu's inner loop). */
static inline void third_party(sc_smp_third_party tp, double uni, double unj, double unn,
                               double a[4])
{
    switch (tp) {
    case SC_SMP_TP_FULL:
        a[0] = uni + uni + uni;
        a[1] = unj + unj + unj;
        a[2] = uni + uni + uni;
        a[3] = unj + unj + unj;
        return;
    case SC_SMP_TP_NONE:
        a[0] = uni + uni + unn;
        a[1] = unj + unj + unn;
        a[2] = uni + uni + unn;
        a[3] = unj + unj + unn;
        return;
    case SC_SMP_TP_SEMI: break;
    }
    a[0] = uni + uni + unn;
    a[1] = unj + unj + unj; /* SemiCommit: j beats i and n, both move to j */
    a[2] = uni + uni + uni;
    a[3] = unj + unj + unn;
}

void sc__smp_third_party(sc_smp_third_party tp, double uni, double unj, double unn, double a[4])
{
    third_party(tp, uni, unj, unn, a);
}

/* Step (a). Returns 0 when all probabilities tie (KTAB would divide 0 by 0). */
static int set_utilities(ws *W)
{
    size_t n = W->n, m = W->m;
    const double *sal = W->in->sal;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            W->d[i * n + j] = bv_diff(W->x + i * m, W->x + j * m, sal + i * m, m);
        }
    }
    /* risk-neutral utilities in u (n x n), capability-weighted election over all positions */
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            W->u[i * n + j] = bs_util(W->d[i * n + j], 0.0);
        }
    }
    coalitions(W, W->p->vote, n, n, W->in->cap, W->u, n);
    pce(W, n);
    if (W->stopped) {
        return 0; /* the caller sees W->stopped first */
    }
    double pmin = 1.0, pmax = 0.0;
    for (size_t i = 0; i < n; i++) {
        pmin = W->pp[i] < pmin ? W->pp[i] : pmin;
        pmax = W->pp[i] > pmax ? W->pp[i] : pmax;
    }
    int spread = pmax > pmin;
    for (size_t i = 0; i < n; i++) {
        W->R[i] = spread ? sc__smp_big_r(W->p->rrange, W->pp[i], pmin, pmax) : 0;
    }
    for (size_t h = 0; h < n; h++) {
        for (size_t i = 0; i < n; i++) {
            W->nra[h * n + i] = sc__smp_est_nra(W->R[h], W->R[i], W->p->radj);
        }
    }
    return spread;
}

/* Fills uh with h's utility estimates U(h, t, x) of every actor t for every position x. */
static void fill_uh(ws *W, size_t h)
{
    size_t n = W->n;
    for (size_t t = 0; t < n; t++) {
        for (size_t x = 0; x < n; x++) {
            W->uh[t * n + x] = U(W, h, t, x);
        }
    }
}

/* h's estimate of the probability that i beats j and of the gain to k of i challenging j. uh:
 * h's estimates filled by fill_uh (the same numbers read from a table: a challenger weighs
 * every target with them), or NULL to compute them here. */
static void prob_edu(const ws *W, const double *uh, size_t h, size_t k, size_t i, size_t j,
                     double *phij, double *edu)
{
    size_t n = W->n;
#define UH(t, x) (uh ? uh[(t) * n + (x)] : U(W, h, (t), (x)))
    const double *cap = W->in->cap, *S = W->S;
    sc_smp_vote vr = W->p->vote;
    double uii = UH(i, i), uij = UH(i, j), uji = UH(j, i), ujj = UH(j, j);
    const double euSQ = UH(k, i) + UH(k, j);
    const double uhkij = UH(k, i) + UH(k, i);
    const double uhkji = UH(k, j) + UH(k, j);
    double si = S[i], ci = cap[i], sj = S[j], cj = cap[j];
    const double minCltn = 1e-10;
    double contrib_i = vote(vr, si * ci, uii, uij);
    double contrib_j = vote(vr, sj * cj, uji, ujj);
    double chij = minCltn, chji = minCltn;
    if (contrib_i > 0.0) {
        chij = chij + contrib_i;
    }
    if (contrib_i < 0.0) {
        chji = chji - contrib_i;
    }
    if (contrib_j > 0.0) {
        chij = chij + contrib_j;
    }
    if (contrib_j < 0.0) {
        chji = chji - contrib_j;
    }
    const double cij = chij, cji = chji;
    for (size_t t = 0; t < n; t++) {
        if (t == i || t == j) {
            continue;
        }
        double wn = S[t] * cap[t];
        double uni = UH(t, i), unj = UH(t, j), unn = UH(t, t);
        /* the little contest: the principals plus this third party on its preferred side */
        double cn = vote(vr, wn, uni, unj);
        double cni = cn > 0 ? cij + cn : cij;
        double cnj = cn < 0 ? cji - cn : cji;
        double pin = cni / (cni + cnj);
        double pjn = 1.0 - pin;
        double a[4]; /* utilities of (ik > j), (j > ik), (i > jk), (jk > i) */
        third_party(W->p->third_party, uni, unj, unn, a);
        double a_ikj = a[0], a_jik = a[1], a_ijk = a[2], a_jki = a[3];
        double u_ik_j = (pin * a_ikj) + (pjn * a_jik);
        double u_i_jk = (pin * a_ijk) + (pjn * a_jki);
        double vn = vote(vr, wn, u_ik_j, u_i_jk);
        chij = vn > 0 ? chij + vn : chij;
        chji = vn < 0 ? chji - vn : chji;
    }
    const double p_ij = chij / (chij + chji);
    const double p_ji = chji / (chij + chji);
    const double euCntst = p_ij * uhkij + p_ji * uhkji;
    const double euChlg = (1 - sj) * uhkij + sj * euCntst;
    *phij = p_ij;
    *edu = euChlg - euSQ;
#undef UH
}

static double round4(double x)
{
    const int y = (int)(0.5 + (x * 10000.0));
    return (double)y / 10000.0;
}

/* The bargain of weights wik and wjk (S2P2, S1P1) between tik and tjk. */
static inline void weighted_bargain(double wik, double wjk, double tik, double tjk, double *bi,
                                    double *bj)
{
    const double minW = 1e-6;
    *bi = round4(((wik + minW) * tik + wjk * tjk) / (wik + minW + wjk));
    *bj = round4((wik * tik + (minW + wjk) * tjk) / (wik + minW + wjk));
}

/* Interpolates the bargain between i at xi and j at xj, with victory probabilities pi, pj. The
 * weights are powers of saliences (fixed for the game: W->spow) times powers of pi and pj (the
 * same on every dimension), each power computed once: the same products, per dimension, as
 * sc__smp_interpolate1's. */
static void interpolate(const ws *W, size_t i, size_t j, const double *xi, const double *xj,
                        double pi, double pj, double *bi, double *bj)
{
    size_t m = W->m;
    if (W->p->interp == SC_SMP_INTERP_S2PMAX) {
        const double *si = W->in->sal + i * m, *sj = W->in->sal + j * m;
        for (size_t k = 0; k < m; k++) {
            sc__smp_interpolate1(W->p->interp, si[k], sj[k], pi, pj, xi[k], xj[k], &bi[k],
                                 &bj[k]);
        }
        return;
    }
    double e = W->p->interp == SC_SMP_INTERP_S1P1 ? 1.0 : 2.0;
    double ppi = pow(pi, e), ppj = pow(pj, e);
    const double *qi = W->spow + i * m, *qj = W->spow + j * m;
    for (size_t k = 0; k < m; k++) {
        weighted_bargain(qi[k] * ppi, qj[k] * ppj, xi[k], xj[k], &bi[k], &bj[k]);
    }
}

void sc__smp_interpolate1(sc_smp_interp interp, double sik, double sjk, double pi, double pj,
                          double tik, double tjk, double *bi, double *bj)
{
    const double minW = 1e-6;
    if (interp == SC_SMP_INTERP_S2PMAX) {
        double di = pj > pi ? pj - pi : 0, dj = pi > pj ? pi - pj : 0;
        double sik2 = sik * sik, sjk2 = sjk * sjk;
        double dik = (di * sjk2) / ((di * sjk2) + minW + ((1 - di) * sik2));
        double djk = (dj * sik2) / ((dj * sik2) + minW + ((1 - dj) * sjk2));
        *bi = tik + dik * (tjk - tik);
        *bj = tjk + djk * (tik - tjk);
        return;
    }
    double e = interp == SC_SMP_INTERP_S1P1 ? 1.0 : 2.0;
    weighted_bargain(pow(sik, e) * pow(pi, e), pow(sjk, e) * pow(pj, e), tik, tjk, bi, bj);
}

static size_t new_bargain(ws *W, int init, int rcvr)
{
    size_t b = W->npool++;
    W->pool[b].init = init;
    W->pool[b].rcvr = rcvr;
    W->pool[b].pi = W->coords + 2 * b * W->m;
    W->pool[b].pr = W->pool[b].pi + W->m;
    return b;
}

static void enqueue(ws *W, size_t k, size_t b)
{
    W->queue[k][W->qlen[k]++] = (int)b;
}

/* Actor a's utility of the state after bargain b, averaged over all positions (KTAB's order). */
static double bargain_util(const ws *W, size_t a, const bargain *b)
{
    size_t n = W->n, m = W->m;
    double u = 0.0;
    if (b->init == b->rcvr) {
        for (size_t t = 0; t < n; t++) {
            u = u + U(W, a, a, t);
        }
        return u / (double)n;
    }
    const double *sa = W->in->sal + a * m, *xa = W->x + a * m;
    u = u + bs_util(bv_diff(xa, b->pi, sa, m), W->R[a]);
    u = u + bs_util(bv_diff(xa, b->pr, sa, m), W->R[a]);
    for (size_t t = 0; t < n; t++) {
        if ((int)t != b->init && (int)t != b->rcvr) {
            u = u + U(W, a, a, t);
        }
    }
    return u / (double)n;
}

/* Sum over actors of the Euclidean distance between their positions in two states. */
static double state_dist(const double *a, const double *b, size_t n, size_t m)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        double s2 = 0;
        for (size_t k = 0; k < m; k++) {
            double dd = a[i * m + k] - b[i * m + k];
            s2 += dd * dd;
        }
        sum = sum + sqrt(s2);
    }
    return sum;
}

/* KTAB's per-turn winning probability of each actor's position (pDist(-1), posTol 1e-3). */
static void win_probs(ws *W, double *out)
{
    size_t n = W->n, m = W->m, nu = 0;
    int *rep = W->qbuf; /* scratch: representative of each actor, then the unique list */
    int *uniq = W->qbuf + n;
    for (size_t i = 0; i < n; i++) {
        rep[i] = -1;
        for (size_t k = 0; k < nu && rep[i] < 0; k++) {
            double s2 = 0;
            for (size_t q = 0; q < m; q++) {
                double dd = W->x[i * m + q] - W->x[(size_t)uniq[k] * m + q];
                s2 += dd * dd;
            }
            if (sqrt(s2) < 1e-3) {
                rep[i] = (int)k;
            }
        }
        if (rep[i] < 0) {
            rep[i] = (int)nu;
            uniq[nu++] = (int)i;
        }
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < nu; k++) {
            W->u[i * nu + k] = U(W, i, i, (size_t)uniq[k]);
        }
    }
    coalitions(W, SC_SMP_VOTE_PROP, n, nu, W->in->cap, W->u, nu); /* pDist always votes Prop */
    pce(W, nu);
    if (W->stopped) {
        return; /* the caller drops the turn */
    }
    for (size_t i = 0; i < n; i++) {
        out[i] = W->pp[rep[i]];
    }
}

/* 1 if no |a_k - b_k| over len coordinates exceeds tol (> 0). The first coordinate beyond it
 * decides: most earlier turns differ from the latest at once, and the cycle check looks at every
 * one of them each turn. A NaN difference counts as within, as fmax's largest move ignored it. */
static int moved_within(const double *a, const double *b, size_t len, double tol)
{
    for (size_t k = 0; k < len; k++) {
        if (fabs(a[k] - b[k]) > tol) {
            return 0;
        }
    }
    return 1;
}

/* Capability x salience weighted mean of dimension k at turn t (KTAB's summary number). */
static double weighted_mean(const sc_smp_input *in, const double *pos, size_t k)
{
    double num = 0, den = 0, plain = 0;
    for (size_t i = 0; i < in->n; i++) {
        double w = in->cap[i] * in->sal[i * in->m + k];
        num += w * pos[i * in->m + k];
        den += w;
        plain += pos[i * in->m + k];
    }
    return den > 0 ? num / den : plain / (double)in->n;
}

/* The window the forecast summarises and the forecast per dimension (docs/models/smp.md). */
static void summarise(const sc_smp_input *in, sc_smp_result *r)
{
    size_t n = in->n, m = in->m;
    int T = r->turns, a = T, b = T;
    if (r->outcome == SC_SMP_CYCLE) {
        a = r->cycle_start;
        b = r->cycle_start + r->cycle_period - 1;
    } else if (r->outcome == SC_SMP_UNSETTLED) {
        a = T / 2 + T % 2;
    }
    r->window_start = a;
    r->window_end = b;
    for (size_t k = 0; k < m; k++) {
        double sum = 0, lo = HUGE_VAL, hi = -HUGE_VAL;
        for (int t = a; t <= b; t++) {
            double v = weighted_mean(in, r->pos + (size_t)t * n * m, k);
            sum += v;
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
        r->forecast[k] = a == b ? lo : sum / (b - a + 1);
        r->forecast_lo[k] = lo;
        r->forecast_hi[k] = hi;
    }
}

/* ---- the driver -------------------------------------------------------------------------------- */

static void ws_free(ws *W)
{
    free(W->x);
    free(W->S);
    free(W->d);
    free(W->R);
    free(W->nra);
    free(W->c);
    free(W->pv);
    free(W->pp);
    free(W->q2);
    free(W->ct);
    free(W->ch);
    free(W->u);
    free(W->pool);
    free(W->coords);
    free(W->queue);
    free(W->qlen);
    free(W->qbuf);
    free(W->next);
    free(W->bu);
    free(W->uh);
    free(W->spow);
}

static int ws_init(ws *W, const sc_smp_input *in, const sc_smp_params *p)
{
    memset(W, 0, sizeof *W);
    size_t n = in->n, m = in->m;
    W->in = in;
    W->p = p;
    W->n = n;
    W->m = m;
    W->qmax = 2 * n + 2;
    size_t no = W->qmax > n ? W->qmax : n;
    size_t nb = 3 * n; /* status quo + offer + InitRcvr's second offer, per actor */
    W->x = malloc(n * m * sizeof *W->x);
    W->S = malloc(n * sizeof *W->S);
    W->d = malloc(n * n * sizeof *W->d);
    W->R = malloc(n * sizeof *W->R);
    W->nra = malloc(n * n * sizeof *W->nra);
    W->c = malloc(no * no * sizeof *W->c);
    W->pv = malloc(no * no * sizeof *W->pv);
    W->pp = malloc(no * sizeof *W->pp);
    W->q2 = malloc(no * sizeof *W->q2);
    W->ct = malloc(no * no * sizeof *W->ct);
    W->ch = malloc(no * no * sizeof *W->ch);
    W->u = malloc(n * no * sizeof *W->u);
    W->pool = malloc(nb * sizeof *W->pool);
    W->coords = malloc(nb * 2 * m * sizeof *W->coords);
    W->queue = malloc(n * sizeof *W->queue);
    W->qlen = malloc(n * sizeof *W->qlen);
    W->qbuf = malloc(n * W->qmax * sizeof *W->qbuf);
    W->next = malloc(n * m * sizeof *W->next);
    W->bu = malloc(n * nb * sizeof *W->bu);
    W->uh = malloc(n * n * sizeof *W->uh);
    W->spow = malloc(n * m * sizeof *W->spow);
    if (!W->x || !W->S || !W->d || !W->R || !W->nra || !W->c || !W->pv || !W->pp || !W->q2 || !W->ct ||
        !W->ch || !W->u || !W->pool || !W->coords || !W->queue || !W->qlen || !W->qbuf ||
        !W->next || !W->bu || !W->uh || !W->spow) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        W->queue[i] = W->qbuf + i * W->qmax;
        double s = 0;
        for (size_t k = 0; k < m; k++) {
            s = s + in->sal[i * m + k];
        }
        W->S[i] = s;
    }
    double e = p->interp == SC_SMP_INTERP_S1P1 ? 1.0 : 2.0;
    for (size_t q = 0; p->interp != SC_SMP_INTERP_S2PMAX && q < n * m; q++) {
        W->spow[q] = pow(in->sal[q], e);
    }
    memcpy(W->x, in->pos, n * m * sizeof *W->x);
    return 1;
}

static sc_status check_input(const sc_smp_input *in, const sc_smp_params *p, sc_diag *diag)
{
    if (in->n < 2 || in->m < 1) {
        return sc__diag_set(diag, SC_EINVAL, "the model needs at least 2 actors and 1 dimension");
    }
    if (in->n > 1000 || in->m > 1000) {
        return sc__diag_set(diag, SC_ELIMIT, "at most 1000 actors and 1000 dimensions");
    }
    for (size_t i = 0; i < in->n; i++) {
        double s = 0;
        if (!(in->cap[i] > 0) || !isfinite(in->cap[i])) {
            return sc__diag_set(diag, SC_ERANGE, "actor '%s' needs a capability > 0",
                                in->actor[i]);
        }
        for (size_t k = 0; k < in->m; k++) {
            double x = in->pos[i * in->m + k], sk = in->sal[i * in->m + k];
            if (!(x >= 0 && x <= 1) || !(sk >= 0 && sk <= 1)) {
                return sc__diag_set(diag, SC_ERANGE,
                                    "actor '%s': positions and saliences must be in [0, 100]",
                                    in->actor[i]);
            }
            s += sk;
        }
        if (!(s > 0) || s > 1 + 1e-9) {
            return sc__diag_set(diag, SC_ERANGE,
                                "actor '%s': saliences must not all be 0 and must sum to at most "
                                "100 (got %g)",
                                in->actor[i], 100 * s);
        }
    }
    if (p->max_turns < 1 || p->max_turns > 100000 || p->min_turns < 1 ||
        !(p->min_delta_ratio >= 0)) {
        return sc__diag_set(diag, SC_ERANGE,
                            "the turn cap must be 1 to 100000, the least turns >= 1 and the "
                            "change ratio >= 0");
    }
    if (!(p->tol > 0 && p->tol <= 0.5)) {
        return sc__diag_set(diag, SC_ERANGE, "the tolerance must be in (0, 0.5]");
    }
    if (((size_t)p->max_turns + 1) * in->n * in->m > ((size_t)1 << 25)) {
        return sc__diag_set(diag, SC_ELIMIT,
                            "%zu actors x %zu dimensions x %d turns exceed the trajectory limit of "
                            "2^25 positions",
                            in->n, in->m, p->max_turns);
    }
    return SC_OK;
}

sc_status sc_smp_run(const sc_smp_input *in, const sc_smp_params *params, sc_smp_result **out,
                     sc_diag *diag)
{
    *out = NULL;
    sc_smp_params def;
    if (!params) {
        sc_smp_params_init(&def);
        params = &def;
    }
    sc_status rc = check_input(in, params, diag);
    if (rc != SC_OK) {
        return rc;
    }
    size_t n = in->n, m = in->m, T = (size_t)params->max_turns;
    ws W;
    sc_smp_result *r = calloc(1, sizeof *r);
    int ok = ws_init(&W, in, params) && r;
    if (r) {
        r->outcome = SC_SMP_UNSETTLED;
    }
    if (r) {
        r->pos = malloc((T + 1) * n * m * sizeof *r->pos);
        r->win = malloc((T + 1) * n * sizeof *r->win);
        r->target = malloc(T * n * sizeof *r->target);
        r->chosen_partner = malloc(T * n * sizeof *r->chosen_partner);
        r->forecast = malloc(m * sizeof *r->forecast);
        r->forecast_lo = malloc(m * sizeof *r->forecast_lo);
        r->forecast_hi = malloc(m * sizeof *r->forecast_hi);
        ok = ok && r->pos && r->win && r->target && r->chosen_partner && r->forecast &&
             r->forecast_lo && r->forecast_hi;
    }
    if (!ok) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    r->n = n;
    r->m = m;
    memcpy(r->pos, in->pos, n * m * sizeof *r->pos);
    double d01 = 0;
    size_t t = 0;
    for (;;) {
        /* (a) utilities and risk attitudes of state t */
        int spread = set_utilities(&W);
        if (W.stopped) {
            goto interrupted;
        }
        if (!spread) {
            /* every option ties: KTAB divides 0 by 0 here and aborts */
            int same = 1;
            for (size_t i = 1; i < n && same; i++) {
                same = state_dist(W.x, W.x + i * m, 1, m) == 0;
            }
            if (same) {
                r->consensus = 1;
                snprintf(r->note, sizeof r->note,
                         "all actors reached one position at turn %zu: consensus, the game "
                         "stops (KTAB aborts with NaN risk attitudes here)",
                         t);
            } else {
                snprintf(r->note, sizeof r->note,
                         "turn %zu: every position equally likely to win; risk attitudes set to "
                         "neutral (KTAB would produce NaN)",
                         t);
            }
        }
        win_probs(&W, r->win + t * n);
        if (W.stopped) {
            goto interrupted;
        }
        if (r->consensus || t == T) {
            break;
        }
        /* (b) challenges and bargains */
        W.npool = 0;
        for (size_t i = 0; i < n; i++) {
            W.qlen[i] = 0;
        }
        for (size_t i = 0; i < n; i++) {
            /* a turn of many actors takes a while (O(n^3 m)): the flag is looked at per actor */
            if (cancelled(params)) {
                goto interrupted;
            }
            size_t sq = new_bargain(&W, (int)i, (int)i);
            memcpy(W.pool[sq].pi, W.x + i * m, m * sizeof *W.x);
            memcpy(W.pool[sq].pr, W.x + i * m, m * sizeof *W.x);
            enqueue(&W, i, sq);
            fill_uh(&W, i);
            int best = -1;
            double best_p = 0, best_eu = -1.0;
            for (size_t j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double pij, edu;
                prob_edu(&W, W.uh, i, i, i, j, &pij, &edu);
                if (1e-5 < edu && best_eu < edu) {
                    best = (int)j;
                    best_p = pij;
                    best_eu = edu;
                }
            }
            r->target[t * n + i] = best;
            if (best < 0) {
                continue;
            }
            size_t j = (size_t)best;
            size_t b1 = new_bargain(&W, (int)i, (int)j);
            interpolate(&W, i, j, W.x + i * m, W.x + j * m, best_p, 1 - best_p, W.pool[b1].pi,
                        W.pool[b1].pr);
            if (params->bargain == SC_SMP_BARGAIN_INIT_ONLY) {
                enqueue(&W, i, b1);
                enqueue(&W, j, b1);
                continue;
            }
            /* j's view; KTAB passes j's estimated gain where a probability belongs (kept) */
            double pj_unused, pjiJ;
            prob_edu(&W, NULL, j, i, i, j, &pj_unused, &pjiJ);
            size_t b2 = new_bargain(&W, (int)i, (int)j);
            interpolate(&W, i, j, W.x + i * m, W.x + j * m, pjiJ, 1 - pjiJ, W.pool[b2].pi,
                        W.pool[b2].pr);
            if (params->bargain == SC_SMP_BARGAIN_INIT_RCVR) {
                enqueue(&W, i, b1);
                enqueue(&W, i, b2);
                enqueue(&W, j, b1);
                enqueue(&W, j, b2);
                continue;
            }
            /* PWCompInterp: weights from i's capability on both sides (KTAB's own choice) */
            double wi = in->cap[i] * W.S[i], wj = in->cap[i] * W.S[j];
            for (size_t k = 0; k < m; k++) {
                W.pool[b1].pi[k] = (wi * W.pool[b1].pi[k] + wj * W.pool[b2].pi[k]) / (wi + wj);
                W.pool[b1].pr[k] = (wi * W.pool[b1].pr[k] + wj * W.pool[b2].pr[k]) / (wi + wj);
            }
            W.npool--; /* b2 was only an ingredient */
            enqueue(&W, i, b1);
            enqueue(&W, j, b1);
        }
        /* (c) each actor's election among the bargains in its queue. Every actor's utility of
         * every bargain first, once: an offer sits in two queues (or four), and a status quo's
         * utility does not depend on whose it is (the same numbers as per queue) */
        size_t stride = 3 * n;
        for (size_t a = 0; a < n; a++) {
            /* n bargain utilities of O(n) each per actor: O(n^3) in all, seconds for a few
             * hundred actors under the sanitizers, so the flag is looked at per actor here too */
            if (cancelled(params)) {
                goto interrupted;
            }
            double sq = 0;
            int have_sq = 0;
            for (size_t b = 0; b < W.npool; b++) {
                const bargain *bg = &W.pool[b];
                if (bg->init != bg->rcvr) {
                    W.bu[a * stride + b] = bargain_util(&W, a, bg);
                    continue;
                }
                if (!have_sq) {
                    sq = bargain_util(&W, a, bg);
                    have_sq = 1;
                }
                W.bu[a * stride + b] = sq;
            }
        }
        for (size_t k = 0; k < n; k++) {
            if (cancelled(params)) { /* before k's election */
                goto interrupted;
            }
            size_t nb = (size_t)W.qlen[k];
            for (size_t a = 0; a < n; a++) {
                for (size_t q = 0; q < nb; q++) {
                    W.u[a * nb + q] = W.bu[a * stride + (size_t)W.queue[k][q]];
                }
            }
            coalitions(&W, params->vote, n, nb, in->cap, W.u, nb);
            pce(&W, nb);
            if (W.stopped) {
                goto interrupted;
            }
            size_t pick = 0;
            if (params->stochastic) {
                sc_rng rng;
                sc_rng_init(&rng, params->seed, (uint64_t)(t * n + k));
                double u = sc_rng_uniform(&rng), acc = 0;
                pick = nb - 1;
                for (size_t q = 0; q < nb; q++) {
                    acc += W.pp[q];
                    if (u < acc) {
                        pick = q;
                        break;
                    }
                }
            } else {
                double best = -1;
                for (size_t q = 0; q < nb; q++) {
                    if (fabs(W.pp[q]) > best) {
                        best = fabs(W.pp[q]);
                        pick = q;
                    }
                }
            }
            const bargain *b = &W.pool[W.queue[k][pick]];
            const double *np = b->init == b->rcvr ? W.x + k * m
                               : (size_t)b->init == k ? b->pi
                                                      : b->pr;
            memcpy(W.next + k * m, np, m * sizeof *np);
            r->chosen_partner[t * n + k] = b->init == b->rcvr ? -1
                                           : (size_t)b->init == k ? b->rcvr
                                                                  : b->init;
        }
        memcpy(W.x, W.next, n * m * sizeof *W.x);
        t++;
        memcpy(r->pos + t * n * m, W.x, n * m * sizeof *W.x);
        /* KTAB's change ratio (smpStopFn), reported under either rule */
        if (t == 1) {
            d01 = state_dist(r->pos, r->pos + n * m, n, m) + 1e-4;
        }
        double dxy = state_dist(r->pos + (t - 1) * n * m, r->pos + t * n * m, n, m);
        r->last_ratio = dxy / d01;
        int stop = 0;
        if (params->stop == SC_SMP_STOP_KTAB) {
            if (t >= (size_t)params->min_turns && r->last_ratio < params->min_delta_ratio) {
                r->outcome = SC_SMP_KTAB_STOP;
                stop = 1;
            }
        } else if (moved_within(r->pos + (t - 1) * n * m, r->pos + t * n * m, n * m, params->tol)) {
            r->outcome = SC_SMP_CONVERGED;
            stop = 1;
        } else if (!params->stochastic) {
            /* deterministic turns: a repeated state repeats forever; the latest match gives the
             * shortest period (a random draw could leave it, so stochastic runs are not cut) */
            for (size_t u = t - 1; u-- > 0;) {
                if (moved_within(r->pos + u * n * m, r->pos + t * n * m, n * m, params->tol)) {
                    r->outcome = SC_SMP_CYCLE;
                    r->cycle_start = (int)u;
                    r->cycle_period = (int)(t - u);
                    stop = 1;
                    break;
                }
            }
        }
        if (stop || t >= T) {
            int final_spread = set_utilities(&W);
            if (W.stopped) {
                goto interrupted; /* the last state's numbers are incomplete */
            }
            if (!final_spread) {
                int same = 1;
                for (size_t i = 1; i < n && same; i++) {
                    same = state_dist(W.x, W.x + i * m, 1, m) == 0;
                }
                r->consensus = same;
            }
            win_probs(&W, r->win + t * n);
            if (W.stopped) {
                goto interrupted; /* the last state's numbers are incomplete */
            }
            break;
        }
    }
    r->turns = (int)t;
    if (r->consensus) {
        r->outcome = SC_SMP_CONSENSUS;
    }
    summarise(in, r);
    *out = r;
    r = NULL;
    goto done;
interrupted:
    rc = sc__diag_set(diag, SC_ELIMIT, "smp: interrupted in turn %zu", t + 1);
done:
    sc_smp_result_free(r);
    ws_free(&W);
    return rc;
}

/* ---- options by KTAB's names ------------------------------------------------------------------ */

typedef struct option_names {
    const char *name, *alias;
    const char *const *values; /* in enum order */
    size_t count;
} option_names;

static const char *const vpm_names[] = {"Linear", "Square", "Quartic", "Octic", "Binary"};
static const char *const pce_names[] = {"Conditional", "MarkovIncentive", "MarkovUniform"};
static const char *const stm_names[] = {"Deterministic", "Stochastic"};
static const char *const vote_names[] = {"Prop", "Binary", "PropBin", "PropCbc", "Cubic",
                                         "ASymProsp"};
static const char *const radj_names[] = {"OneThird", "None", "Half", "TwoThirds", "Full"};
static const char *const rrange_names[] = {"Mid", "Min", "Max"};
static const char *const tp_names[] = {"SemiCommit", "NoCommit", "FullCommit"};
static const char *const interp_names[] = {"S2P2", "S1P1", "S2PMax"};
static const char *const bargain_names[] = {"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"};

#define NAMES(a) a, sizeof(a) / sizeof((a)[0])
static const option_names options[] = {
    {"VictoryProbModel", "vpm", NAMES(vpm_names)},
    {"PCEModel", "pce", NAMES(pce_names)},
    {"StateTransitions", "transitions", NAMES(stm_names)},
    {"VotingRule", "voting", NAMES(vote_names)},
    {"BigRAdjust", "radjust", NAMES(radj_names)},
    {"BigRRange", "rrange", NAMES(rrange_names)},
    {"ThirdPartyCommit", "commit", NAMES(tp_names)},
    {"InterVecBrgn", "interp", NAMES(interp_names)},
    {"BargnModel", "bargain", NAMES(bargain_names)},
};

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y) {
            return 0;
        }
    }
    return *a == *b;
}

sc_status sc_smp_params_set(sc_smp_params *p, const char *name, const char *value, sc_diag *diag)
{
    size_t o = 0;
    while (o < sizeof options / sizeof options[0] && !ieq(options[o].name, name) &&
           !ieq(options[o].alias, name)) {
        o++;
    }
    if (o == sizeof options / sizeof options[0]) {
        return sc__diag_set(diag, SC_EINVAL,
                            "unknown SMP option '%s' (VictoryProbModel, PCEModel, "
                            "StateTransitions, VotingRule, BigRAdjust, BigRRange, "
                            "ThirdPartyCommit, InterVecBrgn, BargnModel)",
                            name);
    }
    const option_names *on = &options[o];
    size_t v = 0;
    while (v < on->count && !ieq(on->values[v], value)) {
        v++;
    }
    if (v == on->count) {
        char list[256] = "";
        for (size_t k = 0; k < on->count; k++) {
            strncat(list, k ? ", " : "", sizeof list - strlen(list) - 1);
            strncat(list, on->values[k], sizeof list - strlen(list) - 1);
        }
        return sc__diag_set(diag, SC_EINVAL, "%s must be one of %s, got '%s'", on->name, list,
                            value);
    }
    switch (o) {
    case 0: p->vpm = (sc_smp_vpm)v; break;
    case 1: p->pce = (sc_smp_pce)v; break;
    case 2: p->stochastic = (int)v; break;
    case 3: p->vote = (sc_smp_vote)v; break;
    case 4: p->radj = (sc_smp_radj)v; break;
    case 5: p->rrange = (sc_smp_rrange)v; break;
    case 6: p->third_party = (sc_smp_third_party)v; break;
    case 7: p->interp = (sc_smp_interp)v; break;
    default: p->bargain = (sc_smp_bargain)v; break;
    }
    return SC_OK;
}

/* ---- explanations: the carrying coalition, leave-one-out drivers ------------------------------ */

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

void sc_smp_coalition_destroy(sc_smp_coalition *c)
{
    if (c) {
        free(c->members);
        memset(c, 0, sizeof *c);
    }
}

typedef struct pos_idx {
    double x;
    size_t i;
} pos_idx;

static int cmp_pos_idx(const void *a, const void *b)
{
    const pos_idx *p = a, *q = b;
    if (p->x != q->x) {
        return p->x < q->x ? -1 : 1;
    }
    return (p->i > q->i) - (p->i < q->i);
}

sc_status sc_smp_coalition_of(const sc_smp_input *in, const sc_smp_result *r, size_t k,
                              double gap, sc_smp_coalition *out, sc_diag *diag)
{
    memset(out, 0, sizeof *out);
    size_t n = in->n, m = in->m;
    if (k >= m || r->n != n || r->m != m) {
        return sc__diag_set(diag, SC_EINVAL, "no dimension %zu in this result", k);
    }
    pos_idx *order = malloc(n * sizeof *order);
    if (!order) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    const double *last = r->pos + (size_t)r->turns * n * m;
    for (size_t i = 0; i < n; i++) {
        order[i] = (pos_idx){last[i * m + k], i};
    }
    qsort(order, n, sizeof *order, cmp_pos_idx);
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        total += in->cap[i] * in->sal[i * m + k];
    }
    size_t best_a = 0, best_b = 0;
    double best_w = -1;
    for (size_t a = 0; a < n;) {
        size_t b = a;
        double w = 0;
        for (;;) {
            w += in->cap[order[b].i] * in->sal[order[b].i * m + k];
            if (b + 1 < n && order[b + 1].x - order[b].x <= gap) {
                b++;
            } else {
                break;
            }
        }
        if (w > best_w) {
            best_w = w;
            best_a = a;
            best_b = b;
        }
        a = b + 1;
    }
    out->count = best_b - best_a + 1;
    out->members = malloc(out->count * sizeof *out->members);
    if (!out->members) {
        free(order);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    double num = 0, plain = 0;
    for (size_t q = 0; q < out->count; q++) {
        size_t i = order[best_a + q].i;
        out->members[q] = i;
        num += in->cap[i] * in->sal[i * m + k] * last[i * m + k];
        plain += last[i * m + k];
    }
    qsort(out->members, out->count, sizeof *out->members, cmp_size);
    out->position = best_w > 0 ? num / best_w : plain / (double)out->count;
    out->share = total > 0 ? fmin(1.0, best_w / total) : (double)out->count / (double)n;
    free(order);
    return SC_OK;
}

typedef struct smp_loo_job {
    const sc_smp_input *in;
    const sc_smp_params *par;
    const double *forecast;
    double *delta;
    size_t first, step;
    int failed;
    size_t done;     /* replays finished */
    int interrupted; /* the cancel flag stopped a replay */
} smp_loo_job;

static void *smp_loo_worker(void *arg)
{
    smp_loo_job *J = arg;
    const sc_smp_input *in = J->in;
    size_t n = in->n, m = in->m;
    sc_smp_input sub = *in;
    sub.n = n - 1;
    sub.actor = malloc((n - 1) * sizeof *sub.actor);
    sub.cap = malloc((n - 1) * sizeof *sub.cap);
    sub.pos = malloc((n - 1) * m * sizeof *sub.pos);
    sub.sal = malloc((n - 1) * m * sizeof *sub.sal);
    if (!sub.actor || !sub.cap || !sub.pos || !sub.sal) {
        J->failed = 1;
    }
    for (size_t k = J->first; !J->failed && k < n; k += J->step) {
        for (size_t i = 0, q = 0; i < n; i++) {
            if (i == k) {
                continue;
            }
            sub.actor[q] = in->actor[i];
            sub.cap[q] = in->cap[i];
            memcpy(sub.pos + q * m, in->pos + i * m, m * sizeof *sub.pos);
            memcpy(sub.sal + q * m, in->sal + i * m, m * sizeof *sub.sal);
            q++;
        }
        sc_smp_result *r = NULL;
        sc_diag d;
        sc_diag_init(&d);
        sc_status st = sc_smp_run(&sub, J->par, &r, &d);
        if (st != SC_OK) {
            J->interrupted = st == SC_ELIMIT && cancelled(J->par);
            J->failed = !J->interrupted;
            break;
        }
        J->done++;
        for (size_t j = 0; j < m; j++) {
            J->delta[k * m + j] = r->forecast[j] - J->forecast[j];
        }
        sc_smp_result_free(r);
    }
    /* the names are borrowed: free only the arrays */
    free(sub.actor);
    free(sub.cap);
    free(sub.pos);
    free(sub.sal);
    return NULL;
}

sc_status sc_smp_drivers(const sc_smp_input *in, const sc_smp_params *params,
                         const double *forecast, double *delta, sc_diag *diag)
{
    sc_smp_params def;
    if (!params) {
        sc_smp_params_init(&def);
        params = &def;
    }
    if (in->n < 3) {
        return sc__diag_set(diag, SC_EINVAL,
                            "leaving one actor out needs at least 3 actors (got %zu)", in->n);
    }
    sc_status rc = check_input(in, params, diag);
    if (rc != SC_OK) {
        return rc;
    }
    unsigned nw = params->threads;
    if (nw == 0) {
        nw = sc_threads_default(); /* the CPUs this process may use */
    }
    if (nw > in->n) {
        nw = (unsigned)in->n;
    }
    smp_loo_job *jobs = calloc(nw, sizeof *jobs);
    if (!jobs) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (unsigned w = 0; w < nw; w++) {
        jobs[w] = (smp_loo_job){in, params, forecast, delta, w, nw, 0, 0, 0};
    }
    sc__run_parallel(smp_loo_worker, jobs, sizeof *jobs, nw);
    int failed = 0, interrupted = 0;
    size_t done = 0;
    for (unsigned w = 0; w < nw; w++) {
        failed |= jobs[w].failed;
        interrupted |= jobs[w].interrupted;
        done += jobs[w].done;
    }
    free(jobs);
    if (failed) {
        return sc__diag_set(diag, SC_ENOMEM,
                            "a leave-one-out replay failed (out of memory or a bad input)");
    }
    return interrupted ? sc__diag_set(diag, SC_ELIMIT,
                                      "smp: interrupted after %zu of %zu leave-one-out replays",
                                      done, in->n)
                       : SC_OK;
}
