/* SPDX-License-Identifier: MIT */
/*
 * enumpoly: every isolated Nash equilibrium by support enumeration (Gambit's gambit-enumpoly;
 * McKelvey and McLennan 1996, section 6; the order of Porter, Nudelman and Shoham 2008).
 *
 * For a support profile S = (S_1, ..., S_n) an equilibrium with exactly that support makes every
 * player indifferent between the strategies of its support: with the last strategy's probability
 * written 1 - (the others), player i's k_i - 1 indifference equations u_i(s_a) = u_i(s_{a+1}) are
 * multilinear in the other players' free probabilities, d = sum (k_i - 1) equations in d
 * unknowns. The solutions in the product of simplices that no strategy outside the support
 * improves on are the equilibria with support (within) S.
 *
 * - Two players: the equations are linear and split into one system per player; an isolated
 *   solution needs |S_1| = |S_2|. They are solved in doubles with partial pivoting as a filter
 *   and, when the filter does not rule the support out (or the matrix is ill-conditioned),
 *   exactly (fraction-free elimination in GMP integers); every reported profile is an exact
 *   equilibrium.
 * - Three or more, two of them mixing and the others pure: linear, solved as two players'.
 * - Three or more mixing: the system is solved by subdivision of the box of free probabilities
 *   (slightly enlarged so that roots on a face are interior): a box is dropped when the interval
 *   value of an equation excludes 0, a strategy outside the support is better throughout it
 *   (the sign conditions) or the Krawczyk operator maps it outside itself, and a root
 *   is certified (unique in its box) when the Krawczyk operator maps the box into its interior;
 *   then Newton's method polishes it. A box is split across the variable that moves the
 *   equations most (largest interval derivative times width). Where the Jacobian's determinant
 *   vanishes identically (decided modulo two primes) no root can be certified: the Krawczyk
 *   step is not tried and the subdivision only decides whether the support is singular. A
 *   root whose Jacobian is singular (a continuum of solutions, or a multiple root; found by
 *   Newton's iteration with the least-norm step, from the centroid first), a box that shrinks
 *   below 1e-7 undecided or a support that needs more than EP_MAX_BOXES boxes makes the support
 *   "singular": its solutions are not reported (Gambit's behaviour); the equilibria at the ends
 *   of a continuum have smaller supports and are found there. A support through an equilibrium
 *   already reported exactly, where its Jacobian is singular, is singular without a box (the
 *   subdivision could end no other way: on_continuum). Each root is then rounded to the
 *   nearest fractions with denominators up to 10^6 and checked exactly: when that profile is an
 *   exact equilibrium it is reported exactly, otherwise as doubles whose regret is at most the
 *   acceptance tolerance (o->max_regret, default 1e-9 of the payoff range; Gambit's -m is 1e-4,
 *   which accepts near-equilibria that are not equilibria; after polishing it is about 1e-15).
 *
 * Interval arithmetic here rounds to nearest, not outward; every exclusion test therefore keeps
 * a margin of 1e-12 of the equation's scale, and every reported profile is checked afterwards.
 */
#include "game/game_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"

#define EP_MAX_BOXES 10000    /* boxes per support before it is called singular */
#define EP_MIN_WIDTH 1e-7     /* an undecided box narrower than this: singular */
#define EP_DOMAIN_SLACK 1e-6  /* the box of free probabilities is [-slack, 1 + slack] */
#define EP_NEAR 1e-3          /* a singular root this near the product of simplices: singular */
#define EP_SPLIT 0.4857142857 /* bisect off-centre: rational roots never sit on a cut */
#define EP_MAX_DENOMINATOR 1000000

typedef struct iv {
    double lo, hi;
} iv;

static inline iv iv_make(double a, double b)
{
    iv r = {a, b};
    return r;
}
static inline iv iv_add(iv a, iv b)
{
    return iv_make(a.lo + b.lo, a.hi + b.hi);
}
/* min and max without branches (minsd/maxsd): the bounds are never NaN */
static inline double dmin(double a, double b)
{
    return a < b ? a : b;
}
static inline double dmax(double a, double b)
{
    return a > b ? a : b;
}
static inline iv iv_mul(iv a, iv b)
{
    double p0 = a.lo * b.lo, p1 = a.lo * b.hi, p2 = a.hi * b.lo, p3 = a.hi * b.hi;
    return iv_make(dmin(dmin(p0, p1), dmin(p2, p3)), dmax(dmax(p0, p1), dmax(p2, p3)));
}
/* c [lo, hi]: c lo and c hi in order (rounding to nearest is monotone) */
static inline iv iv_scale(double c, iv a)
{
    double p = c * a.lo, q = c * a.hi;
    return iv_make(dmin(p, q), dmax(p, q));
}

/* The work of one run: the game, the current support and its equations. */
typedef struct ep_work {
    const sc_game *g;
    const sc_game_solve_options *o;
    sc_game_solution *sol;
    size_t n, width, *off; /* players; profile width; each player's offset in a profile */
    size_t *k;             /* support sizes */
    size_t **sup;          /* support strategies per player (indices) */
    size_t *voff;          /* first free variable of each player */
    size_t d;              /* free variables = equations */
    size_t nineq;          /* sign conditions after the equations (strategies outside S) */
    size_t *eq_player;     /* owner of each equation */
    size_t *vowner;        /* owner of each free variable */
    size_t *eq_off;        /* offset of each equation's tensor in coef */
    double *coef;          /* the equations' coefficient tensors */
    double *eq_scale;      /* sum of |coefficients| per equation */
    size_t coef_cap;
    size_t *tsize;      /* tensor size of each player's equations */
    size_t *zo;         /* each player's basis vector's start in z */
    double *buf, *buf2; /* contraction scratch (tensor size) */
    iv *ibuf, *ibuf2;
    double *sbuf; /* the stages of a contraction (n tensor sizes) */
    iv *isbuf;
    iv *ikeep; /* each equation's stages (icontract's keep), ikeep_stride apart */
    size_t ikeep_stride, ikeep_cap;
    const double **stage; /* each stage's start, per other player */
    size_t *stage_len;
    size_t tensor_cap;
    double *z; /* basis vectors, per player (1, y...) */
    iv *iz;
    double *J, *Y, *lu, *fc, *c, *step; /* d x d and d scratch */
    double *U, *V, *sigma;              /* the SVD's d x d, d x d and d */
    size_t *piv;                        /* invert's pivot rows */
    iv *JX, *X, *K;
    double *stack; /* boxes: 2d doubles each */
    size_t stack_cap;
    double *roots;            /* roots of the current support */
    size_t nroots, roots_cap; /* roots; capacity in doubles */
    double *prof, *regret;    /* a full profile, regrets */
    mpq_t *q;                 /* an exact profile */
    /* the two-player (linear) supports, allocated once for the largest (m = strategies + 1) */
    double *pm, *pm_lu, *pm_sol[2]; /* m x m matrix, its elimination, each side's solution */
    size_t *pm_s;                   /* a pure profile */
    mpz_t *zA, *zb, zt, zl, zprev;  /* m x m integers, m integers, scratch */
    mpq_t *pm_q[2], qt;             /* each side's exact solution, scratch */
    size_t pm_cap;                  /* m; 0 until the GMP values are initialised */
    /* the Jacobian's rank modulo two primes (jacobian_vanishes) */
    uint32_t *pmod;         /* payoffs modulo each prime (2 * nprof * n), computed once */
    int pmod_state;         /* 0 not yet, 1 ready, -1 unusable (a denominator a multiple) */
    uint32_t *mT, *mJ, *mz; /* a tensor, the d x d Jacobian, the basis vectors */
    uint64_t *mb1, *mb2;    /* contraction scratch */
    size_t *ms, *mdigit;    /* a pure profile, an odometer */
    /* the reported equilibria as witnesses of singular supports (on_continuum) */
    unsigned char *wit; /* per row of sol: its state, then width strategy flags */
    size_t wit_cap;     /* rows */
    unsigned char *win; /* width: the current support's strategies */
    mpq_t *wval, wterm, wprod; /* each pure strategy's value (width); scratch */
    mpq_t *wD, *wJ;     /* n x n payoff blocks of wkmax x wkmax; the d x d Jacobian */
    size_t wkmax;
    double range;
    int singular;
    size_t equilibria;
} ep_work;

/* ---- the equations of a support ------------------------------------------------------------ */

/* Index of pure profile (player p plays strategy s[p]). */
static size_t profile_index(const sc_game *g, const size_t *s)
{
    size_t c = 0;
    for (size_t p = g->n; p-- > 0;) {
        c = c * g->ns[p] + s[p];
    }
    return c;
}

/* Product of the other players' support sizes (the tensor of one of player i's equations). */
static size_t tensor_size(const ep_work *w, size_t i)
{
    size_t t = 1;
    for (size_t j = 0; j < w->n; j++) {
        t *= j == i ? 1 : w->k[j];
    }
    return t;
}

/*
 * The tensor of u_i(x) - u_i(y) (x, y strategies of player i) over the other players' basis
 * (1, y_1, ..., y_{k_j - 1}). In doubles into T, returning the sum of its |coefficients| (its
 * scale); or, when T is NULL, modulo the prime p into w->mT from pay, the payoffs modulo p
 * (jacobian_vanishes; returns 0). One loop for both: the same entries in the same order, one
 * line for each kind of number.
 */
static double diff_tensor(ep_work *w, size_t i, size_t x, size_t y, double *T,
                          const uint32_t *pay, uint32_t p)
{
    size_t n = w->n, t = w->tsize[i], *s = w->ms, *digit = w->mdigit;
    const double *dpay = w->g->dpay;
    uint32_t *M = w->mT;
    /* the payoff differences over the other players' support profiles */
    memset(digit, 0, n * sizeof *digit);
    for (size_t r = 0; r < t; r++) {
        for (size_t j = 0; j < n; j++) {
            s[j] = j == i ? 0 : w->sup[j][digit[j]];
        }
        s[i] = x;
        size_t hi = profile_index(w->g, s) * n + i;
        s[i] = y;
        size_t lo = profile_index(w->g, s) * n + i;
        if (T) {
            T[r] = dpay[hi] - dpay[lo];
        } else {
            M[r] = pay[hi] >= pay[lo] ? pay[hi] - pay[lo] : pay[hi] + (p - pay[lo]);
        }
        for (size_t j = 0; j < n; j++) {
            if (j == i) {
                continue;
            }
            if (++digit[j] < w->k[j]) {
                break;
            }
            digit[j] = 0;
        }
    }
    /* to the basis (1, y_1..y_{k-1}) along every other player's axis:
       sum_s P_s x_s = P_last + sum_b (P_{b-1} - P_last) y_b */
    size_t stride = 1;
    for (size_t j = 0; j < n; j++) {
        if (j == i) {
            continue;
        }
        size_t kj = w->k[j];
        for (size_t base = 0; base < t; base++) {
            if ((base / stride) % kj != 0) {
                continue;
            }
            size_t at = base + (kj - 1) * stride;
            double last = T ? T[at] : 0;
            uint32_t mlast = T ? 0 : M[at];
            for (size_t b = kj - 1; b >= 1; b--) {
                size_t to = base + b * stride, from = to - stride;
                if (T) {
                    T[to] = T[from] - last;
                } else {
                    M[to] = M[from] >= mlast ? M[from] - mlast : M[from] + (p - mlast);
                }
            }
            if (T) {
                T[base] = last;
            } else {
                M[base] = mlast;
            }
        }
        stride *= kj;
    }
    double sc = 0;
    for (size_t r = 0; T && r < t; r++) {
        sc += fabs(T[r]);
    }
    return sc;
}

/*
 * Builds the d equations of the current support: for player i and a < k_i - 1 the tensor of
 * u_i(S_i[a]) - u_i(S_i[a + 1]); then the w->nineq sign conditions, one per strategy t outside
 * S_i: the tensor of u_i(t) - u_i(S_i[0]), which is <= 0 at an equilibrium on S.
 */
static sc_status build_equations(ep_work *w, sc_diag *diag)
{
    size_t n = w->n, d = 0, nineq = 0, total = 0, tmax = 1;
    for (size_t j = 0; j < n; j++) {
        w->voff[j] = d;
        for (size_t b = 0; b + 1 < w->k[j]; b++) {
            w->vowner[d + b] = j;
        }
        d += w->k[j] - 1;
        nineq += w->g->ns[j] - w->k[j];
    }
    w->d = d;
    w->nineq = nineq;
    for (size_t i = 0, at = 0; i < n; i++) {
        size_t t = tensor_size(w, i);
        w->tsize[i] = t;
        w->zo[i] = at;
        at += w->k[i];
        total += (w->g->ns[i] - 1) * t;
        tmax = t > tmax ? t : tmax;
    }
    if (total > w->coef_cap) {
        double *c = realloc(w->coef, total * sizeof *c);
        if (!c) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        w->coef = c;
        w->coef_cap = total;
    }
    /* room for each equation's stages: at most n - 1 of at most tmax entries */
    w->ikeep_stride = n * tmax;
    if (d * w->ikeep_stride > w->ikeep_cap) {
        iv *k1 = realloc(w->ikeep, d * w->ikeep_stride * sizeof *k1);
        if (!k1) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        w->ikeep = k1;
        w->ikeep_cap = d * w->ikeep_stride;
    }
    if (tmax > w->tensor_cap) {
        double *b1 = realloc(w->buf, tmax * sizeof *b1);
        if (b1) {
            w->buf = b1;
        }
        double *b2 = realloc(w->buf2, tmax * sizeof *b2);
        if (b2) {
            w->buf2 = b2;
        }
        iv *i1 = realloc(w->ibuf, tmax * sizeof *i1);
        if (i1) {
            w->ibuf = i1;
        }
        iv *i2 = realloc(w->ibuf2, tmax * sizeof *i2);
        if (i2) {
            w->ibuf2 = i2;
        }
        double *s1 = realloc(w->sbuf, n * tmax * sizeof *s1);
        if (s1) {
            w->sbuf = s1;
        }
        iv *s2 = realloc(w->isbuf, n * tmax * sizeof *s2);
        if (s2) {
            w->isbuf = s2;
        }
        uint32_t *t1 = realloc(w->mT, tmax * sizeof *t1);
        if (t1) {
            w->mT = t1;
        }
        uint64_t *m1 = realloc(w->mb1, tmax * sizeof *m1);
        if (m1) {
            w->mb1 = m1;
        }
        uint64_t *m2 = realloc(w->mb2, tmax * sizeof *m2);
        if (m2) {
            w->mb2 = m2;
        }
        if (!b1 || !b2 || !i1 || !i2 || !s1 || !s2 || !t1 || !m1 || !m2) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        w->tensor_cap = tmax;
    }
    size_t e = 0, at = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t a = 0; a + 1 < w->k[i]; a++, e++) {
            w->eq_player[e] = i;
            w->eq_off[e] = at;
            w->eq_scale[e] =
                diff_tensor(w, i, w->sup[i][a], w->sup[i][a + 1], w->coef + at, NULL, 0);
            at += tensor_size(w, i);
        }
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t t = 0, b = 0; t < w->g->ns[i]; t++) {
            if (b < w->k[i] && w->sup[i][b] == t) {
                b++; /* supports are increasing */
                continue;
            }
            w->eq_player[e] = i;
            w->eq_off[e] = at;
            w->eq_scale[e] = diff_tensor(w, i, t, w->sup[i][0], w->coef + at, NULL, 0);
            at += tensor_size(w, i);
            e++;
        }
    }
    return SC_OK;
}

/* Sets the basis vectors z_j = (1, y_j...) from the free variables y. */
static void set_basis(ep_work *w, const double *y)
{
    for (size_t j = 0, at = 0; j < w->n; j++) {
        w->z[at++] = 1;
        for (size_t b = 1; b < w->k[j]; b++) {
            w->z[at++] = y[w->voff[j] + b - 1];
        }
    }
}

static void set_ibasis(ep_work *w, const iv *X)
{
    for (size_t j = 0, at = 0; j < w->n; j++) {
        w->iz[at++] = iv_make(1, 1);
        for (size_t b = 1; b < w->k[j]; b++) {
            w->iz[at++] = X[w->voff[j] + b - 1];
        }
    }
}

/*
 * Equation e's value: its tensor contracted with the other players' basis vectors in player
 * order (each player's axis the fastest of what remains). If row is not NULL, also its partial
 * derivatives into row (indexed by free variable; the owner's own entries are left alone). The
 * derivative in y_{j,b} contracts the axes before j as the value does (those stages are kept and
 * shared), takes index b along j's axis and contracts the rest: the same operations in the same
 * order as a separate contraction per derivative, for about twice the value's cost instead of
 * one value's cost per free variable.
 */
static double contract(ep_work *w, size_t e, double *row)
{
    size_t i = w->eq_player[e], n = w->n, len = w->tsize[i], ns = 0;
    const double *a = w->coef + w->eq_off[e];
    double *next = w->sbuf;
    for (size_t j = 0; j < n; j++) {
        if (j == i) {
            continue;
        }
        size_t kj = w->k[j], m = len / kj;
        const double *zj = w->z + w->zo[j];
        w->stage[ns] = a;
        w->stage_len[ns++] = len;
        for (size_t r = 0; r < m; r++) {
            double acc = 0;
            for (size_t q = 0; q < kj; q++) {
                acc += a[r * kj + q] * zj[q];
            }
            next[r] = acc;
        }
        a = next;
        next += m;
        len = m;
    }
    if (!row) {
        return a[0];
    }
    ns = 0;
    for (size_t j = 0; j < n; j++) {
        if (j == i) {
            continue;
        }
        const double *st = w->stage[ns];
        size_t kj = w->k[j], m = w->stage_len[ns++] / kj;
        for (size_t db = 1; db < kj; db++) {
            double *x = w->buf, *y = w->buf2;
            for (size_t r = 0; r < m; r++) {
                x[r] = st[r * kj + db];
            }
            size_t l = m;
            for (size_t j2 = j + 1; j2 < n; j2++) {
                if (j2 == i) {
                    continue;
                }
                size_t k2 = w->k[j2], m2 = l / k2;
                const double *z2 = w->z + w->zo[j2];
                for (size_t r = 0; r < m2; r++) {
                    double acc = 0;
                    for (size_t q = 0; q < k2; q++) {
                        acc += x[r * k2 + q] * z2[q];
                    }
                    y[r] = acc;
                }
                double *tmp = x;
                x = y;
                y = tmp;
                l = m2;
            }
            row[w->voff[j] + db - 1] = x[0];
        }
    }
    return a[0];
}

/*
 * contract() in interval arithmetic over the box the basis vectors iz hold, in two parts: the
 * value (icontract), whose stages go to keep (or scratch when keep is NULL), and the partial
 * derivatives from those stages (igrad), so that a box the value alone excludes never pays
 * for its Jacobian and a box kept does not compute its values twice. The tensor's entries are
 * points, so its first stage scales intervals (iv_scale: the same bounds as iv_mul of a point,
 * up to the sign of a zero); the basis vectors' first entry is exactly 1 and not multiplied.
 */
static iv icontract(ep_work *w, size_t e, iv *keep)
{
    size_t i = w->eq_player[e], n = w->n, len = w->tsize[i], first = 1;
    const double *src = w->coef + w->eq_off[e];
    const iv *a = NULL;
    iv *next = keep ? keep : w->isbuf;
    for (size_t j = 0; j < n; j++) {
        if (j == i) {
            continue;
        }
        size_t kj = w->k[j], m = len / kj;
        const iv *zj = w->iz + w->zo[j];
        for (size_t r = 0; r < m; r++) {
            iv acc;
            if (first) {
                acc = iv_make(src[r * kj], src[r * kj]);
                for (size_t q = 1; q < kj; q++) {
                    acc = iv_add(acc, iv_scale(src[r * kj + q], zj[q]));
                }
            } else {
                acc = a[r * kj];
                for (size_t q = 1; q < kj; q++) {
                    acc = iv_add(acc, iv_mul(a[r * kj + q], zj[q]));
                }
            }
            next[r] = acc;
        }
        first = 0;
        a = next;
        next += m;
        len = m;
    }
    if (!a) {
        return iv_make(src[0], src[0]); /* no other player (one-player game) */
    }
    return a[0];
}

/* Equation e's interval partial derivatives into row, from the stages icontract kept. */
static void igrad(ep_work *w, size_t e, const iv *keep, iv *row)
{
    size_t i = w->eq_player[e], n = w->n, len = w->tsize[i], at_first = 1;
    const double *src = w->coef + w->eq_off[e];
    const iv *st = NULL; /* the stage before player j's axis (NULL: the tensor itself) */
    for (size_t j = 0; j < n; j++) {
        if (j == i) {
            continue;
        }
        size_t kj = w->k[j], m = len / kj;
        for (size_t db = 1; db < kj; db++) {
            iv *x = w->ibuf, *y = w->ibuf2;
            for (size_t r = 0; r < m; r++) {
                x[r] = at_first ? iv_make(src[r * kj + db], src[r * kj + db]) : st[r * kj + db];
            }
            size_t l = m, pts = at_first; /* whether x still holds points */
            for (size_t j2 = j + 1; j2 < n; j2++) {
                if (j2 == i) {
                    continue;
                }
                size_t k2 = w->k[j2], m2 = l / k2;
                const iv *z2 = w->iz + w->zo[j2];
                for (size_t r = 0; r < m2; r++) {
                    iv acc = x[r * k2];
                    for (size_t q = 1; q < k2; q++) {
                        acc = iv_add(acc, pts ? iv_scale(x[r * k2 + q].lo, z2[q])
                                              : iv_mul(x[r * k2 + q], z2[q]));
                    }
                    y[r] = acc;
                }
                iv *tmp = x;
                x = y;
                y = tmp;
                l = m2;
                pts &= k2 == 1;
            }
            row[w->voff[j] + db - 1] = x[0];
        }
        st = at_first ? keep : st + len; /* the next stage follows this one */
        at_first = 0;
        len = m;
    }
}

/* f(y) into f and, if J is not NULL, the Jacobian (row e, column = free variable). */
static void eval(ep_work *w, const double *y, double *f, double *J)
{
    set_basis(w, y);
    size_t d = w->d;
    for (size_t e = 0; e < d; e++) {
        double *row = J ? J + e * d : NULL;
        if (row) {
            /* the owner's own variables do not appear in its equations */
            size_t i = w->eq_player[e];
            for (size_t v = 0; v < w->k[i] - 1; v++) {
                row[w->voff[i] + v] = 0;
            }
        }
        f[e] = contract(w, e, row);
    }
}

/*
 * Solves M x = rhs (M d x d, overwritten) by partial pivoting. Returns 0 when a pivot is below
 * 1e-12 of the largest entry (singular for this purpose).
 */
static int lu_solve(double *M, size_t d, double *rhs)
{
    double big = 0;
    for (size_t k = 0; k < d * d; k++) {
        big = fabs(M[k]) > big ? fabs(M[k]) : big;
    }
    if (big == 0) {
        return d == 0;
    }
    for (size_t col = 0; col < d; col++) {
        size_t piv = col;
        for (size_t r = col + 1; r < d; r++) {
            if (fabs(M[r * d + col]) > fabs(M[piv * d + col])) {
                piv = r;
            }
        }
        if (fabs(M[piv * d + col]) < 1e-12 * big) {
            return 0;
        }
        if (piv != col) {
            for (size_t c = 0; c < d; c++) {
                double t = M[col * d + c];
                M[col * d + c] = M[piv * d + c];
                M[piv * d + c] = t;
            }
            double t = rhs[col];
            rhs[col] = rhs[piv];
            rhs[piv] = t;
        }
        for (size_t r = col + 1; r < d; r++) {
            double m = M[r * d + col] / M[col * d + col];
            if (m == 0) {
                continue;
            }
            for (size_t c = col; c < d; c++) {
                M[r * d + c] -= m * M[col * d + c];
            }
            rhs[r] -= m * rhs[col];
        }
    }
    for (size_t r = d; r-- > 0;) {
        double acc = rhs[r];
        for (size_t c = r + 1; c < d; c++) {
            acc -= M[r * d + c] * rhs[c];
        }
        rhs[r] = acc / M[r * d + r];
    }
    return 1;
}

/*
 * Y = inverse of J (d x d); 0 if J is singular. One elimination with partial pivoting (lu_solve's,
 * the pivots and multipliers kept), then replayed on each unit vector: the same operations as
 * lu_solve on each column, without repeating the elimination d times.
 */
static int invert(ep_work *w, const double *J, double *Y)
{
    size_t d = w->d;
    double *M = w->lu, *L = w->U; /* L: the multipliers of each step, as computed */
    size_t *piv = w->piv;
    memcpy(M, J, d * d * sizeof *M);
    double big = 0;
    for (size_t k = 0; k < d * d; k++) {
        big = fabs(M[k]) > big ? fabs(M[k]) : big;
    }
    if (big == 0) {
        return d == 0;
    }
    for (size_t col = 0; col < d; col++) {
        size_t p = col;
        for (size_t r = col + 1; r < d; r++) {
            if (fabs(M[r * d + col]) > fabs(M[p * d + col])) {
                p = r;
            }
        }
        if (fabs(M[p * d + col]) < 1e-12 * big) {
            return 0;
        }
        piv[col] = p;
        if (p != col) {
            for (size_t c = 0; c < d; c++) {
                double t = M[col * d + c];
                M[col * d + c] = M[p * d + c];
                M[p * d + c] = t;
            }
        }
        for (size_t r = col + 1; r < d; r++) {
            double m = M[r * d + col] / M[col * d + col];
            L[r * d + col] = m;
            if (m == 0) {
                continue;
            }
            for (size_t c = col; c < d; c++) {
                M[r * d + c] -= m * M[col * d + c];
            }
        }
    }
    double *rhs = w->step;
    for (size_t unit = 0; unit < d; unit++) {
        for (size_t r = 0; r < d; r++) {
            rhs[r] = r == unit ? 1 : 0;
        }
        for (size_t col = 0; col < d; col++) {
            if (piv[col] != col) {
                double t = rhs[col];
                rhs[col] = rhs[piv[col]];
                rhs[piv[col]] = t;
            }
            for (size_t r = col + 1; r < d; r++) {
                double m = L[r * d + col];
                if (m != 0) {
                    rhs[r] -= m * rhs[col];
                }
            }
        }
        for (size_t r = d; r-- > 0;) {
            double acc = rhs[r];
            for (size_t c = r + 1; c < d; c++) {
                acc -= M[r * d + c] * rhs[c];
            }
            rhs[r] = acc / M[r * d + r];
        }
        for (size_t r = 0; r < d; r++) {
            Y[r * d + unit] = rhs[r];
        }
    }
    return 1;
}

/*
 * Whether columns with squared norms al, be and product ga count as orthogonal: |ga| <= 1e-15
 * sqrt(al be). Decided without the square root by ga^2 against 1e-30 al be when the two differ
 * by more than 1e-6 (far beyond the rounding of either side, so the answer is the same), with it
 * otherwise or where the products could underflow.
 */
static inline int orthogonal(double al, double be, double ga)
{
    double g2 = ga * ga, lim = 1e-30 * (al * be);
    if (lim > 1e-280 && lim < 1e280) {
        if (g2 < (1 - 1e-6) * lim) {
            return 1;
        }
        if (g2 > (1 + 1e-6) * lim) {
            return 0;
        }
    }
    return fabs(ga) <= 1e-15 * sqrt(al * be);
}

/*
 * The least-squares step of least norm: step = J^+ f, by the one-sided Jacobi SVD (Hestenes
 * 1958) of J (d x d; U and V scratch d x d). Singular values below 1e-12 of the largest are
 * dropped, so the step is defined where J is singular: on a continuum of roots, where the
 * Jacobian's rank falls, Newton's iteration with this step still converges onto it (Gauss-Newton
 * with constant rank), where a pivoting solve gives up. Returns the smallest singular value over
 * the largest (0 when J is 0).
 *
 * A column whose norm is below 1e-13 of J's Frobenius norm is not rotated: its singular value is
 * below 1e-12 of the largest whatever the rotations do (dropped from the step, and the ratio
 * returned is far below newton()'s 1e-9), and a rotation with it moves the other column by at
 * most its squared norm over that column's. Without this, a rank-deficient J (a continuum of
 * roots) swept all 60 times: its near-zero columns are rounding noise, never orthogonal to
 * 1e-15 of their own norms (condjury_efg: 52 sweeps a decomposition on average).
 */
static double svd_step(ep_work *w, const double *J, const double *f, double *step)
{
    size_t d = w->d;
    double *U = w->U, *V = w->V;
    memcpy(U, J, d * d * sizeof *U);
    double fro2 = 0;
    for (size_t a = 0; a < d * d; a++) {
        V[a] = a % (d + 1) == 0 ? 1 : 0;
        fro2 += J[a] * J[a];
    }
    double negligible = 1e-26 * fro2; /* (1e-13 of the Frobenius norm) squared */
    for (int sweep = 0; sweep < 60; sweep++) {
        int rotated = 0;
        for (size_t p = 0; p + 1 < d; p++) {
            for (size_t q = p + 1; q < d; q++) {
                double al = 0, be = 0, ga = 0;
                for (size_t i = 0; i < d; i++) {
                    al += U[i * d + p] * U[i * d + p];
                    be += U[i * d + q] * U[i * d + q];
                    ga += U[i * d + p] * U[i * d + q];
                }
                if (al <= negligible || be <= negligible || ga == 0 || orthogonal(al, be, ga)) {
                    continue;
                }
                rotated = 1;
                double zeta = (be - al) / (2 * ga);
                double t = (zeta >= 0 ? 1 : -1) / (fabs(zeta) + sqrt(1 + zeta * zeta));
                double cs = 1 / sqrt(1 + t * t), sn = cs * t;
                for (size_t i = 0; i < d; i++) {
                    double a = U[i * d + p], b = U[i * d + q];
                    U[i * d + p] = cs * a - sn * b;
                    U[i * d + q] = sn * a + cs * b;
                    a = V[i * d + p];
                    b = V[i * d + q];
                    V[i * d + p] = cs * a - sn * b;
                    V[i * d + q] = sn * a + cs * b;
                }
            }
        }
        if (!rotated) {
            break;
        }
    }
    /* column j of U is sigma_j u_j: step = sum_j (u_j . f / sigma_j) v_j */
    double big = 0, small = HUGE_VAL;
    for (size_t j = 0; j < d; j++) {
        double sg = 0;
        for (size_t i = 0; i < d; i++) {
            sg += U[i * d + j] * U[i * d + j];
        }
        w->sigma[j] = sqrt(sg);
        big = w->sigma[j] > big ? w->sigma[j] : big;
        small = w->sigma[j] < small ? w->sigma[j] : small;
    }
    for (size_t v = 0; v < d; v++) {
        step[v] = 0;
    }
    for (size_t j = 0; j < d && big > 0; j++) {
        double sg = w->sigma[j];
        if (sg <= 1e-12 * big) {
            continue;
        }
        double uf = 0;
        for (size_t i = 0; i < d; i++) {
            uf += U[i * d + j] * f[i];
        }
        uf /= sg * sg;
        for (size_t v = 0; v < d; v++) {
            step[v] += uf * V[v * d + j];
        }
    }
    return big > 0 ? small / big : 0;
}

/*
 * Newton's method from y (updated in place), with the least-norm step. Returns 1 when it
 * converged (residual below 1e-13 of the equations' scale) onto a regular root, 0 if it did
 * not converge, -1 when it converged onto a point whose Jacobian is singular (a continuum of
 * roots through it, or a multiple root).
 */
static int newton(ep_work *w, double *y, int clamp)
{
    size_t d = w->d;
    double *f = w->fc, *J = w->J, best = HUGE_VAL;
    for (int it = 0, since = 0; it < 60; it++) {
        eval(w, y, f, J);
        double res = 0;
        for (size_t e = 0; e < d; e++) {
            double r = fabs(f[e]) / (w->eq_scale[e] > 0 ? w->eq_scale[e] : 1);
            res = r > res ? r : res;
        }
        /* no progress: the residual not halved in ten steps (it halves at least once a step
           on the way to a root, a multiple one included) */
        if (res < 0.5 * best) {
            best = res;
            since = 0;
        } else if (++since >= 10) {
            return 0;
        }
        double cond = svd_step(w, J, f, w->step);
        if (res < 1e-13) {
            /* at a root: singular when the smallest singular value is small against the
               largest */
            if (cond < 1e-9) {
                return -1;
            }
            /* one more step for the last digits */
            double size = 0;
            for (size_t v = 0; v < d; v++) {
                y[v] -= w->step[v];
                size = fabs(w->step[v]) > size ? fabs(w->step[v]) : size;
            }
            if (size < 1e-9) {
                return 1;
            }
            continue;
        }
        double size = 0;
        for (size_t v = 0; v < d; v++) {
            y[v] -= w->step[v];
            size = fabs(w->step[v]) > size ? fabs(w->step[v]) : size;
            if (!isfinite(y[v]) || fabs(y[v]) > 1e6) {
                return 0;
            }
            if (clamp) {
                y[v] = dmin(dmax(y[v], -EP_DOMAIN_SLACK), 1 + EP_DOMAIN_SLACK);
            }
        }
        if (size == 0) {
            return 0; /* J = 0 away from a root */
        }
    }
    return 0;
}

/* ---- profiles ------------------------------------------------------------------------------ */

/* The full profile (w->prof) of free variables y on the current support. */
static void full_profile(ep_work *w, const double *y)
{
    memset(w->prof, 0, w->width * sizeof *w->prof);
    for (size_t j = 0; j < w->n; j++) {
        double rest = 1;
        for (size_t b = 0; b + 1 < w->k[j]; b++) {
            double p = y[w->voff[j] + b];
            w->prof[w->off[j] + w->sup[j][b]] = p;
            rest -= p;
        }
        w->prof[w->off[j] + w->sup[j][w->k[j] - 1]] = rest;
    }
}

/* The best fraction with denominator at most EP_MAX_DENOMINATOR within 1e-9 of x (continued
   fractions); 0 if there is none. */
static int rationalize(double x, mpq_t out)
{
    if (!(x >= -1e-9 && x <= 1 + 1e-9)) {
        return 0;
    }
    long long h0 = 0, h1 = 1, k0 = 1, k1 = 0;
    double r = x;
    for (int it = 0; it < 40; it++) {
        double a = floor(r);
        long long ai = (long long)a;
        long long h2 = ai * h1 + h0, k2 = ai * k1 + k0;
        if (k2 > EP_MAX_DENOMINATOR) {
            break;
        }
        h0 = h1;
        h1 = h2;
        k0 = k1;
        k1 = k2;
        if (fabs((double)h1 / (double)k1 - x) < 1e-12 || r - a < 1e-12) {
            break;
        }
        r = 1 / (r - a);
    }
    if (k1 == 0 || fabs((double)h1 / (double)k1 - x) > 1e-9) {
        return 0;
    }
    mpq_set_si(out, (long)h1, (unsigned long)k1);
    mpq_canonicalize(out);
    return 1;
}

/* Whether the profile p (width doubles) is already reported (within 1e-8). */
static int known(const ep_work *w, const double *p)
{
    for (size_t r = 0; r < w->sol->count; r++) {
        const double *q = w->sol->d + r * w->width;
        size_t j = 0;
        while (j < w->width && fabs(p[j] - q[j]) <= 1e-8) {
            j++;
        }
        if (j == w->width) {
            return 1;
        }
    }
    return 0;
}

/*
 * Reports w->prof if it is an equilibrium: exactly when its rounding to small fractions is an
 * exact equilibrium, otherwise as doubles when its regret is within the tolerance.
 */
static sc_status report(ep_work *w, sc_diag *diag)
{
    double tol = (w->o->max_regret > 0 ? w->o->max_regret : 1e-9);
    for (size_t j = 0; j < w->width; j++) {
        if (w->prof[j] < -1e-9) {
            return SC_OK; /* outside the simplex: not a profile */
        }
        w->prof[j] = w->prof[j] < 0 ? 0 : w->prof[j];
    }
    if (known(w, w->prof)) {
        return SC_OK;
    }
    int exact = 1;
    for (size_t p = 0; p < w->n && exact; p++) {
        for (size_t s = 0; s < w->g->ns[p] && exact; s++) {
            exact = rationalize(w->prof[w->off[p] + s], w->q[w->off[p] + s]);
        }
        if (exact) {
            /* the probabilities sum to 1 exactly: the largest takes the rest */
            size_t big = 0;
            for (size_t s = 1; s < w->g->ns[p]; s++) {
                big = w->prof[w->off[p] + s] > w->prof[w->off[p] + big] ? s : big;
            }
            mpq_t sum;
            mpq_init(sum);
            for (size_t s = 0; s < w->g->ns[p]; s++) {
                if (s != big) {
                    mpq_add(sum, sum, w->q[w->off[p] + s]);
                }
            }
            mpq_set_ui(w->q[w->off[p] + big], 1, 1);
            mpq_sub(w->q[w->off[p] + big], w->q[w->off[p] + big], sum);
            mpq_clear(sum);
        }
    }
    if (exact && sc__game_exact_nash(w->g, w->q, NULL) == 1) {
        w->equilibria++;
        return sc__sol_push_q(w->sol, w->q, diag);
    }
    if (sc_game_regret(w->g, w->prof, w->regret, diag) != SC_OK) {
        return SC_ENOMEM;
    }
    for (size_t p = 0; p < w->n; p++) {
        if (w->regret[p] > tol * w->range) {
            return SC_OK;
        }
    }
    w->equilibria++;
    return sc__sol_push_inexact(w->sol, w->prof, diag);
}

/* ---- subdivision (three or more players) --------------------------------------------------- */

/* Records root y of the current support unless known; *dup set when it is. */
static sc_status add_root(ep_work *w, const double *y)
{
    for (size_t r = 0; r < w->nroots; r++) {
        size_t v = 0;
        while (v < w->d && fabs(w->roots[r * w->d + v] - y[v]) <= 1e-9) {
            v++;
        }
        if (v == w->d) {
            return SC_OK;
        }
    }
    if ((w->nroots + 1) * w->d > w->roots_cap) { /* capacity in doubles: d varies */
        size_t cap = 2 * (w->nroots + 1) * w->d + 16;
        double *r = realloc(w->roots, cap * sizeof *r);
        if (!r) {
            return SC_ENOMEM;
        }
        w->roots = r;
        w->roots_cap = cap;
    }
    memcpy(w->roots + w->nroots * w->d, y, w->d * sizeof *y);
    w->nroots++;
    return SC_OK;
}

/*
 * 1 if the point y of free probabilities lies within EP_NEAR of the product of simplices. A
 * singular root there makes the support singular whatever the sign conditions say, as the
 * subdivision would (it cannot exclude the boxes around a continuum that touches the domain,
 * and runs into the smallest width or the cap): the sign conditions prune boxes, they do not
 * change which supports are singular.
 */
static int near_domain(const ep_work *w, const double *y)
{
    for (size_t v = 0; v < w->d; v++) {
        if (!(y[v] >= -EP_NEAR && y[v] <= 1 + EP_NEAR)) {
            return 0;
        }
    }
    for (size_t j = 0; j < w->n; j++) {
        double sum = 0;
        for (size_t b = 0; b + 1 < w->k[j]; b++) {
            sum += y[w->voff[j] + b];
        }
        if (sum > 1 + EP_NEAR) {
            return 0;
        }
    }
    return 1;
}

/* Pushes box X onto the stack. */
static int push_box(ep_work *w, size_t *top, const iv *X)
{
    size_t d = w->d;
    if ((*top + 1) * 2 * d > w->stack_cap) {
        size_t cap = w->stack_cap ? 2 * w->stack_cap : 64 * 2 * d;
        double *s = realloc(w->stack, cap * sizeof *s);
        if (!s) {
            return 0;
        }
        w->stack = s;
        w->stack_cap = cap;
    }
    for (size_t v = 0; v < d; v++) {
        w->stack[*top * 2 * d + 2 * v] = X[v].lo;
        w->stack[*top * 2 * d + 2 * v + 1] = X[v].hi;
    }
    (*top)++;
    return 1;
}

/* 1 if the box is outside the product of simplices (some player's free sum above 1). */
static int outside(const ep_work *w, const iv *X)
{
    for (size_t j = 0; j < w->n; j++) {
        double lo = 0;
        for (size_t b = 0; b + 1 < w->k[j]; b++) {
            lo += X[w->voff[j] + b].lo;
        }
        if (lo > 1 + EP_DOMAIN_SLACK) {
            return 1;
        }
    }
    return 0;
}

/* ---- supports without isolated solutions ---------------------------------------------------- */

/*
 * Whether the determinant of the support's Jacobian vanishes identically. It is a polynomial in
 * the free probabilities with rational coefficients; if it is the zero polynomial, J is singular
 * everywhere: the system has no isolated solution (every solution lies on a continuum, or the
 * system has none), no box's Krawczyk operator can be formed from an inverse, and no root of
 * the support can ever be certified or reported; the subdivision can only tell whether the
 * support is singular. Decided by the rank of J modulo two primes at a pseudo-random point each:
 * full rank modulo a prime proves the determinant is not the zero polynomial (returns 0);
 * rank deficiency at both means it is zero, unless the determinant happened to vanish at both
 * points modulo both primes (about degree/2^31 each) or p divides all its coefficients.
 * Returns 0 (not known to vanish) when a payoff's denominator is a multiple of a prime or
 * memory runs out: the support is then solved as any other.
 */
static const uint32_t ep_prime[2] = {2147483647u, 2147483629u};

static uint32_t powmod(uint64_t a, uint32_t e, uint32_t p)
{
    uint64_t r = 1;
    for (; e; e >>= 1) {
        if (e & 1) {
            r = r * a % p;
        }
        a = a * a % p;
    }
    return (uint32_t)r;
}

/* The payoffs modulo both primes, once per run; 0 if unusable. */
static int payoffs_mod(ep_work *w)
{
    if (w->pmod_state) {
        return w->pmod_state > 0;
    }
    const sc_game *g = w->g;
    size_t cnt = g->nprof * g->n;
    w->pmod_state = -1;
    w->pmod = malloc(2 * cnt * sizeof *w->pmod);
    if (!w->pmod) {
        return 0;
    }
    for (size_t k = 0; k < 2; k++) {
        uint32_t p = ep_prime[k];
        for (size_t a = 0; a < cnt; a++) {
            uint64_t nu = mpz_fdiv_ui(mpq_numref(g->pay[a]), p);
            uint64_t de = mpz_fdiv_ui(mpq_denref(g->pay[a]), p);
            if (de == 0) {
                return 0;
            }
            w->pmod[k * cnt + a] =
                de == 1 ? (uint32_t)nu : (uint32_t)(nu * powmod(de, p - 2, p) % p);
        }
    }
    w->pmod_state = 1;
    return 1;
}

/* w->mT contracted with the basis vectors w->mz, along player dj's axis index db instead. */
static uint32_t contract_mod(ep_work *w, size_t i, size_t dj, size_t db, uint32_t p)
{
    size_t t = w->tsize[i];
    uint64_t *a = w->mb1, *b = w->mb2;
    for (size_t r = 0; r < t; r++) {
        a[r] = w->mT[r];
    }
    for (size_t j = 0; j < w->n; j++) {
        if (j == i) {
            continue;
        }
        size_t kj = w->k[j], m = t / kj;
        const uint32_t *zj = w->mz + w->zo[j];
        for (size_t r = 0; r < m; r++) {
            uint64_t acc = 0;
            if (j == dj) {
                acc = a[r * kj + db];
            } else {
                for (size_t q = 0; q < kj; q++) {
                    acc = (acc + a[r * kj + q] * zj[q]) % p;
                }
            }
            b[r] = acc;
        }
        uint64_t *tmp = a;
        a = b;
        b = tmp;
        t = m;
    }
    return (uint32_t)a[0];
}

static int jacobian_vanishes(ep_work *w)
{
    if (!payoffs_mod(w)) {
        return 0;
    }
    size_t d = w->d, n = w->n, cnt = w->g->nprof * n;
    uint64_t state = 0x9E3779B97F4A7C15u; /* a fixed sequence: the run is deterministic */
    uint32_t *J = w->mJ;
    for (size_t k = 0; k < 2; k++) {
        uint32_t p = ep_prime[k];
        for (size_t j = 0; j < n; j++) {
            w->mz[w->zo[j]] = 1;
            for (size_t b = 1; b < w->k[j]; b++) {
                state = state * 6364136223846793005u + 1442695040888963407u;
                w->mz[w->zo[j] + b] = (uint32_t)((state >> 33) % p);
            }
        }
        for (size_t i = 0; i < n; i++) {
            for (size_t a = 0; a + 1 < w->k[i]; a++) {
                size_t e = w->voff[i] + a;
                diff_tensor(w, i, w->sup[i][a], w->sup[i][a + 1], NULL, w->pmod + k * cnt, p);
                for (size_t v = 0; v < d; v++) {
                    J[e * d + v] = 0;
                }
                for (size_t j = 0; j < n; j++) {
                    for (size_t b = 1; j != i && b < w->k[j]; b++) {
                        J[e * d + w->voff[j] + b - 1] = contract_mod(w, i, j, b, p);
                    }
                }
            }
        }
        /* the rank, by elimination modulo p */
        size_t rank = 0;
        for (size_t col = 0; col < d; col++) {
            size_t piv = rank;
            while (piv < d && J[piv * d + col] == 0) {
                piv++;
            }
            if (piv == d) {
                continue;
            }
            for (size_t c = 0; c < d; c++) {
                uint32_t tmp = J[rank * d + c];
                J[rank * d + c] = J[piv * d + c];
                J[piv * d + c] = tmp;
            }
            uint64_t inv = powmod(J[rank * d + col], p - 2, p);
            for (size_t r = rank + 1; r < d; r++) {
                uint64_t f = J[r * d + col] * inv % p;
                for (size_t c = col; f && c < d; c++) {
                    uint64_t sub = f * J[rank * d + c] % p;
                    J[r * d + c] = (uint32_t)((J[r * d + c] + p - sub) % p);
                }
            }
            rank++;
        }
        if (rank == d) {
            return 0;
        }
    }
    return 1;
}

/* ---- supports through an equilibrium already reported --------------------------------------- */

/*
 * Whether the current support S is singular because of an equilibrium p already reported
 * exactly (on a smaller support, found earlier in the order): p's support within S and every
 * strategy of S a best reply to p make p a solution of S's equations in the domain (every player
 * indifferent on S_i) that no strategy outside S improves on; if moreover S's Jacobian at p is
 * singular (its rank over the rationals, exactly), no box containing p can ever be excluded
 * (its interval values and mean-value form contain 0, the sign conditions hold at p) or
 * certified (the Krawczyk operator cannot map a box containing a singular root into itself), so
 * the subdivision could only end by calling S singular: at the smallest width, the box cap, a
 * Newton run onto a singular root, or a box no equation moves on. This says so at once. On the
 * common-interest voting trees nearly every support where all three players mix is of this kind
 * (jury_un_efg: 1,167 of 1,274, among them the 24 that used the whole box cap).
 *
 * Returns 1 when such an equilibrium exists, 0 when none does, -1 out of memory. A reported
 * row's support is read once; its values (each pure strategy's payoff against it, exactly) are
 * computed the first time its support fits in a support being solved.
 */
enum { EP_W_SUPPORT = 1, EP_W_BEST = 2 };             /* a strategy's flags in a row */
enum { EP_W_NEW = 0, EP_W_READ, EP_W_VALUED, EP_W_NO }; /* a row's state (its first byte) */

/* Each strategy's value against exact row q (width), over the others' supports, into w->wval. */
static void witness_values(ep_work *w, const mpq_t *q, const unsigned char *f)
{
    const sc_game *g = w->g;
    size_t n = w->n, *s = w->ms, *digit = w->mdigit;
    for (size_t a = 0; a < w->width; a++) {
        mpq_set_ui(w->wval[a], 0, 1);
    }
    for (size_t i = 0; i < n; i++) {
        /* an odometer over every player's strategies, the others' held in their supports */
        memset(digit, 0, n * sizeof *digit);
        for (;;) {
            int in = 1;
            for (size_t o = 0; o < n && in; o++) {
                in = o == i || (f[1 + w->off[o] + digit[o]] & EP_W_SUPPORT);
            }
            if (in) {
                mpq_set_ui(w->wterm, 1, 1);
                for (size_t o = 0; o < n; o++) {
                    s[o] = digit[o];
                    if (o != i) {
                        mpq_mul(w->wterm, w->wterm, q[w->off[o] + digit[o]]);
                    }
                }
                mpq_mul(w->wterm, w->wterm, g->pay[profile_index(g, s) * n + i]);
                mpq_add(w->wval[w->off[i] + digit[i]], w->wval[w->off[i] + digit[i]], w->wterm);
            }
            size_t o = 0;
            while (o < n && ++digit[o] == g->ns[o]) {
                digit[o++] = 0;
            }
            if (o == n) {
                break;
            }
        }
    }
}

/* The flags of row r of the solution (EP_W_VALUED or EP_W_NO after). */
static void witness_read(ep_work *w, size_t r, int values)
{
    const sc_game_solution *sol = w->sol;
    unsigned char *f = w->wit + r * (w->width + 1);
    const mpq_t *q = (const mpq_t *)(sol->q + r * w->width);
    if (f[0] == EP_W_NEW) {
        if (!sol->exact || (sol->inexact && sol->inexact[r])) {
            f[0] = EP_W_NO; /* doubles: not known to solve anything exactly */
            return;
        }
        for (size_t a = 0; a < w->width; a++) {
            f[1 + a] = mpq_sgn(q[a]) > 0 ? EP_W_SUPPORT : 0;
        }
        f[0] = EP_W_READ;
    }
    if (f[0] != EP_W_READ || !values) {
        return;
    }
    witness_values(w, q, f);
    for (size_t p = 0; p < w->n; p++) {
        size_t best = w->off[p];
        for (size_t a = w->off[p] + 1; a < w->off[p + 1]; a++) {
            best = mpq_cmp(w->wval[a], w->wval[best]) > 0 ? a : best;
        }
        for (size_t a = w->off[p]; a < w->off[p + 1]; a++) {
            f[1 + a] |= mpq_equal(w->wval[a], w->wval[best]) ? EP_W_BEST : 0;
        }
    }
    f[0] = EP_W_VALUED;
}

/*
 * 1 if the current support's Jacobian at exact profile q is singular. Entry (i, a; j, b) is
 * D(a, b) - D(a, last) - D(a + 1, b) + D(a + 1, last) with D(x, t) player i's payoff when it
 * plays S_i[x] and j plays S_j[t] against q's other strategies (the derivative of
 * u_i(S_i[a]) - u_i(S_i[a + 1]) in j's b-th free probability); its rank by elimination in
 * rationals.
 */
static int witness_singular(ep_work *w, const mpq_t *q)
{
    const sc_game *g = w->g;
    size_t n = w->n, d = w->d, kk = w->wkmax * w->wkmax, *s = w->ms, *digit = w->mdigit;
    for (size_t a = 0; a < n * n * kk; a++) {
        mpq_set_ui(w->wD[a], 0, 1);
    }
    /* D for every pair (i, j) in one pass over the support's profiles */
    memset(digit, 0, n * sizeof *digit);
    for (;;) {
        for (size_t o = 0; o < n; o++) {
            s[o] = w->sup[o][digit[o]];
        }
        size_t at = profile_index(g, s) * n;
        for (size_t i = 0; i < n; i++) {
            for (size_t j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                mpq_set_ui(w->wterm, 1, 1);
                for (size_t o = 0; o < n && mpq_sgn(w->wterm) != 0; o++) {
                    if (o != i && o != j) {
                        mpq_mul(w->wterm, w->wterm, q[w->off[o] + s[o]]);
                    }
                }
                if (mpq_sgn(w->wterm) != 0) {
                    mpq_t *e = &w->wD[(i * n + j) * kk + digit[i] * w->wkmax + digit[j]];
                    mpq_mul(w->wterm, w->wterm, g->pay[at + i]);
                    mpq_add(*e, *e, w->wterm);
                }
            }
        }
        size_t o = 0;
        while (o < n && ++digit[o] == w->k[o]) {
            digit[o++] = 0;
        }
        if (o == n) {
            break;
        }
    }
    mpq_t *J = w->wJ;
    for (size_t i = 0; i < n; i++) {
        for (size_t a = 0; a + 1 < w->k[i]; a++) {
            mpq_t *row = J + (w->voff[i] + a) * d;
            for (size_t v = 0; v < d; v++) {
                mpq_set_ui(row[v], 0, 1);
            }
            for (size_t j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                const mpq_t *D = (const mpq_t *)(w->wD + (i * n + j) * kk);
                size_t m = w->wkmax, last = w->k[j] - 1;
                for (size_t b = 0; b < last; b++) {
                    mpq_t *e = &row[w->voff[j] + b];
                    mpq_sub(*e, D[a * m + b], D[a * m + last]);
                    mpq_sub(*e, *e, D[(a + 1) * m + b]);
                    mpq_add(*e, *e, D[(a + 1) * m + last]);
                }
            }
        }
    }
    size_t rank = 0;
    for (size_t col = 0; col < d; col++) {
        size_t piv = rank;
        while (piv < d && mpq_sgn(J[piv * d + col]) == 0) {
            piv++;
        }
        if (piv == d) {
            continue;
        }
        for (size_t c = col; c < d; c++) {
            mpq_swap(J[rank * d + c], J[piv * d + c]);
        }
        for (size_t r = rank + 1; r < d; r++) {
            if (mpq_sgn(J[r * d + col]) == 0) {
                continue;
            }
            mpq_div(w->wterm, J[r * d + col], J[rank * d + col]);
            for (size_t c = col; c < d; c++) {
                mpq_mul(w->wprod, w->wterm, J[rank * d + c]);
                mpq_sub(J[r * d + c], J[r * d + c], w->wprod);
            }
        }
        rank++;
    }
    return rank < d;
}

/* The scratch of the tests above, allocated the first time a row is looked at; 0 out of memory. */
static int witness_scratch(ep_work *w)
{
    size_t rows = w->sol->count, n = w->n;
    if (rows > w->wit_cap) {
        size_t cap = 2 * rows + 8;
        unsigned char *f = realloc(w->wit, cap * (w->width + 1));
        if (!f) {
            return 0;
        }
        memset(f + w->wit_cap * (w->width + 1), EP_W_NEW, (cap - w->wit_cap) * (w->width + 1));
        w->wit = f;
        w->wit_cap = cap;
    }
    if (w->wval) {
        return 1;
    }
    size_t m = 0, maxd = w->width;
    for (size_t p = 0; p < n; p++) {
        m = w->g->ns[p] > m ? w->g->ns[p] : m;
    }
    w->wval = malloc(w->width * sizeof *w->wval);
    w->wD = malloc(n * n * m * m * sizeof *w->wD);
    w->wJ = malloc(maxd * maxd * sizeof *w->wJ);
    if (!w->wval || !w->wD || !w->wJ) {
        free(w->wval);
        free(w->wD);
        free(w->wJ);
        w->wval = NULL;
        w->wD = w->wJ = NULL;
        return 0;
    }
    w->wkmax = m;
    for (size_t a = 0; a < w->width; a++) {
        mpq_init(w->wval[a]);
    }
    for (size_t a = 0; a < n * n * m * m; a++) {
        mpq_init(w->wD[a]);
    }
    for (size_t a = 0; a < maxd * maxd; a++) {
        mpq_init(w->wJ[a]);
    }
    mpq_inits(w->wterm, w->wprod, NULL);
    return 1;
}

static int on_continuum(ep_work *w)
{
    const sc_game_solution *sol = w->sol;
    size_t n = w->n, stride = w->width + 1;
    if (sol->count == 0) {
        return 0;
    }
    if (!witness_scratch(w)) {
        return -1;
    }
    unsigned char *in = w->win; /* the current support's strategies */
    memset(in, 0, w->width);
    for (size_t p = 0; p < n; p++) {
        for (size_t b = 0; b < w->k[p]; b++) {
            in[w->off[p] + w->sup[p][b]] = 1;
        }
    }
    for (size_t r = 0; r < sol->count; r++) {
        const unsigned char *f = w->wit + r * stride;
        witness_read(w, r, 0);
        int fits = f[0] != EP_W_NO;
        for (size_t a = 0; a < w->width && fits; a++) {
            fits = in[a] || !(f[1 + a] & EP_W_SUPPORT);
        }
        if (!fits) {
            continue;
        }
        witness_read(w, r, 1);
        for (size_t a = 0; a < w->width && fits; a++) {
            fits = !in[a] || (f[1 + a] & EP_W_BEST);
        }
        if (fits && witness_singular(w, (const mpq_t *)(sol->q + r * w->width))) {
            return 1;
        }
    }
    return 0;
}

/*
 * Every isolated root of the current support's system in the product of simplices, into
 * w->roots; w->singular set when the support is singular. vanishes: the Jacobian's determinant
 * is identically 0 (jacobian_vanishes), so the Krawczyk step is not tried.
 */
static sc_status subdivide(ep_work *w, double t0, int vanishes)
{
    size_t d = w->d, top = 0, boxes = 0;
    iv *X = w->X, *K = w->K, *JX = w->JX;
    double accept = (w->o->max_regret > 0 ? w->o->max_regret : 1e-9) * w->range;
    iv *fx = malloc(d * sizeof *fx);
    double *y = malloc(d * sizeof *y);
    if (!fx || !y) {
        free(fx);
        free(y);
        return SC_ENOMEM;
    }
    for (size_t v = 0; v < d; v++) {
        X[v] = iv_make(-EP_DOMAIN_SLACK, 1 + EP_DOMAIN_SLACK);
    }
    sc_status rc = SC_OK;
    if (!push_box(w, &top, X)) {
        rc = SC_ENOMEM;
    }
    /* a continuum of roots through the domain makes the whole support singular: Newton's
       iteration from the centroid, held in the domain, often finds a point of it at once, where
       the subdivision would cover it with boxes down to the smallest width or the cap */
    for (size_t j = 0; j < w->n; j++) {
        for (size_t b = 0; b + 1 < w->k[j]; b++) {
            y[w->voff[j] + b] = 1 / (double)w->k[j];
        }
    }
    if (rc == SC_OK && newton(w, y, 1) == -1 && near_domain(w, y)) {
        w->singular = 1;
    }
    while (rc == SC_OK && top > 0 && !w->singular) {
        top--;
        for (size_t v = 0; v < d; v++) {
            X[v] = iv_make(w->stack[top * 2 * d + 2 * v], w->stack[top * 2 * d + 2 * v + 1]);
        }
        if (++boxes > EP_MAX_BOXES) {
            w->singular = 1;
            break;
        }
        if ((boxes & 1023) == 0 && sc__game_stop(w->o, t0)) {
            rc = SC_ELIMIT;
            break;
        }
        if (outside(w, X)) {
            continue;
        }
        /* 0 must be in each equation's natural interval value and in its mean-value form
           f(c) + J(X) (X - c); the cheap tests first (values only: the natural one and the
           sign conditions), the interval Jacobian and the centre only for a box they keep */
        set_ibasis(w, X);
        int excluded = 0;
        for (size_t e = 0; e < d && !excluded; e++) {
            double m = 1e-12 * w->eq_scale[e];
            fx[e] = icontract(w, e, w->ikeep + e * w->ikeep_stride);
            excluded = fx[e].lo > m || fx[e].hi < -m;
        }
        /* the sign conditions: a strategy outside the support better than the support's
           throughout the box leaves no equilibrium there (whatever the roots), with the
           acceptance tolerance and a margin for the rounding of a root to fractions */
        for (size_t e = d; e < d + w->nineq && !excluded; e++) {
            excluded = icontract(w, e, NULL).lo > accept + 1e-8 * w->eq_scale[e];
        }
        if (excluded) {
            continue;
        }
        for (size_t e = 0; e < d; e++) {
            size_t i = w->eq_player[e];
            for (size_t v = 0; v < w->k[i] - 1; v++) {
                JX[e * d + w->voff[i] + v] = iv_make(0, 0);
            }
            igrad(w, e, w->ikeep + e * w->ikeep_stride, JX + e * d);
        }
        double width = 0;
        for (size_t v = 0; v < d; v++) {
            w->c[v] = X[v].lo + 0.5 * (X[v].hi - X[v].lo);
            width = X[v].hi - X[v].lo > width ? X[v].hi - X[v].lo : width;
        }
        eval(w, w->c, w->fc, vanishes ? NULL : w->J);
        for (size_t e = 0; e < d && !excluded; e++) {
            double m = 1e-12 * w->eq_scale[e];
            iv mv = iv_make(w->fc[e], w->fc[e]);
            for (size_t v = 0; v < d; v++) {
                if (w->vowner[v] != w->eq_player[e]) { /* else J's entry is 0 */
                    mv = iv_add(
                        mv, iv_mul(JX[e * d + v], iv_make(X[v].lo - w->c[v], X[v].hi - w->c[v])));
                }
            }
            excluded = mv.lo > m || mv.hi < -m;
        }
        if (excluded) {
            continue;
        }
        /* Krawczyk: K = c - Y f(c) + (I - Y J(X)) (X - c); never where the Jacobian's
           determinant vanishes identically (no inverse, up to rounding) */
        int decided = 0;
        if (!vanishes && invert(w, w->J, w->Y)) {
            int inside = 1, empty = 0;
            for (size_t r = 0; r < d && !empty; r++) {
                double yf = 0;
                for (size_t m = 0; m < d; m++) {
                    yf += w->Y[r * d + m] * w->fc[m];
                }
                iv acc = iv_make(w->c[r] - yf, w->c[r] - yf);
                for (size_t l = 0; l < d; l++) {
                    iv mkl = iv_make(r == l ? 1 : 0, r == l ? 1 : 0);
                    for (size_t m = 0; m < d; m++) {
                        if (w->eq_player[m] != w->vowner[l]) { /* else J's entry is 0 */
                            mkl = iv_add(mkl, iv_scale(-w->Y[r * d + m], JX[m * d + l]));
                        }
                    }
                    acc = iv_add(acc, iv_mul(mkl, iv_make(X[l].lo - w->c[l], X[l].hi - w->c[l])));
                }
                double pad = 1e-13 * (1 + fabs(acc.lo) + fabs(acc.hi));
                K[r] = iv_make(acc.lo - pad, acc.hi + pad);
                empty = K[r].lo > X[r].hi || K[r].hi < X[r].lo;
                inside &= K[r].lo > X[r].lo && K[r].hi < X[r].hi;
            }
            if (empty) {
                continue;
            }
            if (inside) {
                /* one root in X: the simplified Newton iteration stays in K, then polish */
                memcpy(y, w->c, d * sizeof *y);
                for (int it = 0; it < 200; it++) {
                    eval(w, y, w->fc, NULL);
                    double size = 0;
                    for (size_t r = 0; r < d; r++) {
                        double s = 0;
                        for (size_t m = 0; m < d; m++) {
                            s += w->Y[r * d + m] * w->fc[m];
                        }
                        w->step[r] = s;
                        size = fabs(s) > size ? fabs(s) : size;
                    }
                    for (size_t r = 0; r < d; r++) {
                        y[r] -= w->step[r];
                    }
                    if (size < 1e-15) {
                        break;
                    }
                }
                int nw = newton(w, y, 0);
                if (nw == -1) {
                    w->singular = 1;
                    break;
                }
                int in = nw == 1;
                for (size_t v = 0; v < d && in; v++) {
                    in = y[v] >= X[v].lo - 1e-9 && y[v] <= X[v].hi + 1e-9;
                }
                if (in) {
                    if ((rc = add_root(w, y)) != SC_OK) {
                        break;
                    }
                    decided = 1;
                }
            } else {
                for (size_t r = 0; r < d; r++) { /* X := X and K */
                    X[r].lo = K[r].lo > X[r].lo ? K[r].lo : X[r].lo;
                    X[r].hi = K[r].hi < X[r].hi ? K[r].hi : X[r].hi;
                }
            }
        }
        if (!decided && width < 1e-2) {
            /* undecided: a continuum or a multiple root is likely; Newton tells (converging
               onto a point where the Jacobian is singular), wherever near the domain that
               point is */
            memcpy(y, w->c, d * sizeof *y);
            if (newton(w, y, 0) == -1 && near_domain(w, y)) {
                w->singular = 1;
                break;
            }
        }
        if (decided) {
            continue;
        }
        if (width < EP_MIN_WIDTH) {
            w->singular = 1;
            break;
        }
        /* split across the variable that moves the equations most */
        size_t best = 0;
        double score = -1;
        for (size_t v = 0; v < d; v++) {
            double wv = X[v].hi - X[v].lo, s = 0;
            for (size_t e = 0; e < d; e++) {
                double a = dmax(fabs(JX[e * d + v].lo), fabs(JX[e * d + v].hi));
                s = a * wv > s ? a * wv : s;
            }
            if (s > score || (s == score && wv > X[best].hi - X[best].lo)) {
                score = s;
                best = v;
            }
        }
        if (score <= 0) {
            /* no equation moves with any variable on this box: a continuum */
            w->singular = 1;
            break;
        }
        if (X[best].hi - X[best].lo < EP_MIN_WIDTH) {
            /* the Krawczyk step shrank that variable to nothing: split the widest instead */
            for (size_t v = 0; v < d; v++) {
                best = X[v].hi - X[v].lo > X[best].hi - X[best].lo ? v : best;
            }
            if (X[best].hi - X[best].lo < EP_MIN_WIDTH) {
                w->singular = 1;
                break;
            }
        }
        double cut = X[best].lo + EP_SPLIT * (X[best].hi - X[best].lo);
        iv keep = X[best];
        X[best].hi = cut;
        if (!push_box(w, &top, X)) {
            rc = SC_ENOMEM;
            break;
        }
        X[best] = iv_make(cut, keep.hi);
        if (!push_box(w, &top, X)) {
            rc = SC_ENOMEM;
            break;
        }
    }
    free(fx);
    free(y);
    return rc;
}

/* ---- two players: exact linear algebra --------------------------------------------------------
 */

/*
 * The mixed strategy of the column side: y on cols with sum 1 that makes every row of `rows`
 * equally good, v its value; pay(r, c) the row player's payoff. Doubles, with partial pivoting.
 * Returns 1 solved, 0 singular or ill-conditioned (decide exactly).
 */
static int two_player_d(ep_work *w, const double *M, size_t k, double *sol)
{
    size_t m = k + 1;
    double *A = w->pm_lu, *rhs = sol;
    memcpy(A, M, m * m * sizeof *A);
    for (size_t r = 0; r < m; r++) {
        rhs[r] = r == k ? 1 : 0;
    }
    int ok = lu_solve(A, m, rhs);
    if (ok) {
        double big = 0, small = HUGE_VAL;
        for (size_t r = 0; r < m; r++) {
            big = fabs(A[r * m + r]) > big ? fabs(A[r * m + r]) : big;
            small = fabs(A[r * m + r]) < small ? fabs(A[r * m + r]) : small;
        }
        ok = small > 1e-8 * big;
    }
    return ok;
}

/*
 * The exact version: A x = e_m (A m x m integers, overwritten; b scratch) by fraction-free
 * elimination (Bareiss 1968: every entry stays an integer, a minor of A, and each division is
 * exact, so no fraction is reduced on the way), then back substitution into x (rationals).
 * Returns 0 when A is singular (a column without a nonzero pivot, as in any exact elimination).
 */
static int two_player_q(ep_work *w, mpz_t *A, size_t m, mpq_t *x)
{
    mpz_t *b = w->zb;
    for (size_t r = 0; r < m; r++) {
        mpz_set_ui(b[r], r + 1 == m ? 1 : 0);
    }
    mpz_set_ui(w->zprev, 1);
    for (size_t c = 0; c < m; c++) {
        size_t p = c;
        while (p < m && mpz_sgn(A[p * m + c]) == 0) {
            p++;
        }
        if (p == m) {
            return 0;
        }
        if (p != c) {
            for (size_t j = c; j < m; j++) {
                mpz_swap(A[c * m + j], A[p * m + j]);
            }
            mpz_swap(b[c], b[p]);
        }
        for (size_t i = c + 1; i < m; i++) {
            for (size_t j = c + 1; j < m; j++) {
                mpz_mul(A[i * m + j], A[i * m + j], A[c * m + c]);
                mpz_submul(A[i * m + j], A[i * m + c], A[c * m + j]);
                mpz_divexact(A[i * m + j], A[i * m + j], w->zprev);
            }
            mpz_mul(b[i], b[i], A[c * m + c]);
            mpz_submul(b[i], A[i * m + c], b[c]);
            mpz_divexact(b[i], b[i], w->zprev);
        }
        mpz_set(w->zprev, A[c * m + c]);
    }
    for (size_t r = m; r-- > 0;) {
        mpz_set(w->zt, b[r]);
        mpq_set_ui(x[r], 0, 1);
        for (size_t c = r + 1; c < m; c++) {
            mpq_set_z(w->qt, A[r * m + c]);
            mpq_mul(w->qt, w->qt, x[c]);
            mpq_add(x[r], x[r], w->qt);
        }
        mpq_set_z(w->qt, w->zt);
        mpq_sub(x[r], w->qt, x[r]);
        mpq_set_z(w->qt, A[r * m + r]);
        mpq_div(x[r], x[r], w->qt);
    }
    return 1;
}

/*
 * A square support of two players pa and pb (k x k) whose other players play one pure strategy
 * each (their sup[p][0]): then the equations are linear, each side's mix follows from the
 * other's indifference. Filtered in doubles and decided exactly. Reports the equilibrium or
 * marks the support singular. With two players it is the whole game.
 */
static sc_status pair_support(ep_work *w, size_t pa, size_t pb, sc_diag *diag)
{
    const sc_game *g = w->g;
    size_t n = w->n, k = w->k[pa], m = k + 1;
    size_t pl[2] = {pa, pb};
    double *M = w->pm, *sy = w->pm_sol[0], *sx = w->pm_sol[1];
    size_t *s = w->pm_s;
    for (size_t p = 0; p < n; p++) {
        s[p] = w->sup[p][0]; /* the pure players' strategies; pa's and pb's set below */
    }
    sc_status rc = SC_OK;
    int well[2], plausible = 1;
    double *sols[2] = {sy, sx};
    /* side 0: y (pb's mix) from pa's indifference; side 1: x (pa's mix) from pb's */
    for (int side = 0; side < 2; side++) {
        size_t me = pl[side], other = pl[1 - side];
        for (size_t r = 0; r < k; r++) {
            for (size_t c = 0; c < k; c++) {
                s[me] = w->sup[me][r];
                s[other] = w->sup[other][c];
                M[r * m + c] = g->dpay[profile_index(g, s) * n + me];
            }
            M[r * m + k] = -1;
        }
        for (size_t c = 0; c < k; c++) {
            M[k * m + c] = 1;
        }
        M[k * m + k] = 0;
        well[side] = two_player_d(w, M, k, sols[side]);
    }
    double tol = 1e-9 * w->range;
    if (well[0] && well[1]) {
        /* the filter: probabilities >= 0 and no better reply outside the support */
        for (size_t c = 0; c < k && plausible; c++) {
            plausible = sy[c] >= -1e-9 && sx[c] >= -1e-9;
        }
        for (int side = 0; side < 2 && plausible; side++) {
            size_t me = pl[side], other = pl[1 - side], nm = g->ns[me];
            const double *mix = sols[side];
            for (size_t r = 0; r < nm && plausible; r++) {
                double u = 0;
                for (size_t c = 0; c < k; c++) {
                    s[me] = r;
                    s[other] = w->sup[other][c];
                    u += mix[c] * g->dpay[profile_index(g, s) * n + me];
                }
                plausible = u <= mix[k] + tol;
            }
        }
        /* the pure players: no better reply against the two mixes */
        for (size_t p = 0; p < n && plausible; p++) {
            if (p == pa || p == pb) {
                continue;
            }
            double best = -HUGE_VAL, own = 0;
            for (size_t t = 0; t < g->ns[p]; t++) {
                double u = 0;
                s[p] = t;
                for (size_t r = 0; r < k; r++) {
                    for (size_t c = 0; c < k; c++) {
                        s[pa] = w->sup[pa][r];
                        s[pb] = w->sup[pb][c];
                        u += sx[r] * sy[c] * g->dpay[profile_index(g, s) * n + p];
                    }
                }
                best = u > best ? u : best;
                own = t == w->sup[p][0] ? u : own;
            }
            s[p] = w->sup[p][0];
            plausible = best <= own + tol;
        }
        if (!plausible) {
            return SC_OK;
        }
    }
    /* exactly: each payoff row scaled to integers by its denominators' least common multiple
       (the solution is the same), the sum-to-one row last */
    mpq_t *ry = w->pm_q[0], *rx = w->pm_q[1];
    int ok = 1;
    for (int side = 0; side < 2 && ok; side++) {
        size_t me = pl[side], other = pl[1 - side];
        mpz_t *A = w->zA;
        for (size_t r = 0; r < k; r++) {
            s[me] = w->sup[me][r];
            mpz_set_ui(w->zl, 1);
            for (size_t c = 0; c < k; c++) {
                s[other] = w->sup[other][c];
                mpz_lcm(w->zl, w->zl, mpq_denref(g->pay[profile_index(g, s) * n + me]));
            }
            for (size_t c = 0; c < k; c++) {
                s[other] = w->sup[other][c];
                size_t at = profile_index(g, s) * n + me;
                mpz_divexact(w->zt, w->zl, mpq_denref(g->pay[at]));
                mpz_mul(A[r * m + c], w->zt, mpq_numref(g->pay[at]));
            }
            mpz_neg(A[r * m + k], w->zl);
        }
        for (size_t c = 0; c < k; c++) {
            mpz_set_ui(A[k * m + c], 1);
        }
        mpz_set_ui(A[k * m + k], 0);
        if (!two_player_q(w, A, m, w->pm_q[side])) {
            w->singular = 1;
            ok = 0;
        }
    }
    for (size_t c = 0; c < k && ok; c++) {
        ok = mpq_sgn(ry[c]) >= 0 && mpq_sgn(rx[c]) >= 0;
    }
    if (ok) {
        for (size_t j = 0; j < w->width; j++) {
            mpq_set_ui(w->q[j], 0, 1);
        }
        for (size_t p = 0; p < n; p++) {
            if (p != pa && p != pb) {
                mpq_set_ui(w->q[w->off[p] + w->sup[p][0]], 1, 1);
            }
        }
        for (size_t c = 0; c < k; c++) {
            mpq_set(w->q[w->off[pa] + w->sup[pa][c]], rx[c]);
            mpq_set(w->q[w->off[pb] + w->sup[pb][c]], ry[c]);
        }
        if (sc__game_exact_nash(g, w->q, NULL) == 1) {
            for (size_t j = 0; j < w->width; j++) {
                w->prof[j] = mpq_get_d(w->q[j]);
            }
            int dup = 0;
            for (size_t r = 0; r < w->sol->count && !dup; r++) {
                size_t j = 0;
                while (j < w->width && mpq_equal(w->sol->q[r * w->width + j], w->q[j])) {
                    j++;
                }
                dup = j == w->width;
            }
            if (!dup) {
                w->equilibria++;
                rc = sc__sol_push_q(w->sol, w->q, diag);
            }
        }
    }
    return rc;
}

/* ---- the supports ---------------------------------------------------------------------------- */

/*
 * 1 if some strategy of the support is strictly worse than another strategy of the same player
 * against every profile of the others' supports (it can be no best reply: Porter, Nudelman and
 * Shoham's conditional dominance).
 */
static int dominated(const ep_work *w)
{
    const sc_game *g = w->g;
    size_t n = w->n;
    size_t s[64], digit[64];
    if (n > 64) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        size_t t = tensor_size(w, i);
        for (size_t a = 0; a < w->k[i]; a++) {
            for (size_t b = 0; b < g->ns[i]; b++) {
                if (b == w->sup[i][a]) {
                    continue;
                }
                int worse = 1;
                memset(digit, 0, n * sizeof *digit);
                for (size_t r = 0; r < t && worse; r++) {
                    for (size_t j = 0; j < n; j++) {
                        s[j] = j == i ? 0 : w->sup[j][digit[j]];
                    }
                    s[i] = w->sup[i][a];
                    double ua = g->dpay[profile_index(g, s) * n + i];
                    s[i] = b;
                    worse = ua < g->dpay[profile_index(g, s) * n + i];
                    for (size_t j = 0; j < n; j++) {
                        if (j != i) {
                            if (++digit[j] < w->k[j]) {
                                break;
                            }
                            digit[j] = 0;
                        }
                    }
                }
                if (worse) {
                    return 1;
                }
            }
        }
    }
    return 0;
}

/* The support as Gambit's -v prints it: one 0/1 string per player, comma-separated. */
static sc_status note_support(ep_work *w, int kind, sc_diag *diag)
{
    size_t len = w->width + w->n + 1;
    char *text = malloc(len);
    if (!text) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    size_t at = 0;
    for (size_t p = 0; p < w->n; p++) {
        if (p) {
            text[at++] = ',';
        }
        for (size_t s = 0; s < w->g->ns[p]; s++) {
            int in = 0;
            for (size_t b = 0; b < w->k[p]; b++) {
                in |= w->sup[p][b] == s;
            }
            text[at++] = in ? '1' : '0';
        }
    }
    text[at] = '\0';
    sc_status rc = sc__sol_note(w->sol, kind, text, diag);
    free(text);
    return rc;
}

/* Solves the current support. */
static sc_status solve_support(ep_work *w, double t0, sc_diag *diag)
{
    sc_status rc;
    w->singular = 0;
    if (w->o->verbose && (rc = note_support(w, SC__SOL_NOTE_CANDIDATE, diag)) != SC_OK) {
        return rc;
    }
    /* the players whose support has more than one strategy: with two (the others' pure),
       the equations are linear (as in a two-player game) */
    size_t mixed = 0, pm[2] = {0, 1};
    for (size_t p = 0; p < w->n; p++) {
        if (w->k[p] > 1) {
            pm[mixed < 2 ? mixed : 1] = p;
            mixed++;
        }
    }
    if (w->n == 2) {
        rc = pair_support(w, 0, 1, diag);
    } else if (dominated(w)) {
        rc = SC_OK;
    } else if (mixed == 2 && w->k[pm[0]] != w->k[pm[1]]) {
        rc = SC_OK; /* no isolated solution: one side's linear system is underdetermined */
    } else if (mixed == 2) {
        rc = pair_support(w, pm[0], pm[1], diag);
    } else if ((rc = build_equations(w, diag)) == SC_OK) {
        w->nroots = 0;
        if (w->d == 0) {
            full_profile(w, NULL);
            rc = report(w, diag);
        } else {
            /* a support through an equilibrium already found, where the Jacobian is singular,
               is singular without a box; otherwise it is subdivided */
            int wit = on_continuum(w);
            if (wit < 0) {
                rc = SC_ENOMEM;
            } else if (wit) {
                w->singular = 1;
            } else {
                rc = subdivide(w, t0, jacobian_vanishes(w));
            }
            if (rc == SC_ENOMEM) {
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            }
            if (rc == SC_OK && !w->singular) {
                for (size_t r = 0; r < w->nroots && rc == SC_OK; r++) {
                    full_profile(w, w->roots + r * w->d);
                    rc = report(w, diag);
                }
            }
        }
    }
    if (rc == SC_OK && w->singular) {
        w->sol->singular++;
        if (w->o->verbose) {
            rc = note_support(w, SC__SOL_NOTE_SINGULAR, diag);
        }
    }
    return rc;
}

/* Next k-subset of {0..n-1} in lexicographic order; 0 after the last. */
static int next_combination(size_t *c, size_t k, size_t n)
{
    for (size_t i = k; i-- > 0;) {
        if (c[i] < n - k + i) {
            c[i]++;
            for (size_t j = i + 1; j < k; j++) {
                c[j] = c[j - 1] + 1;
            }
            return 1;
        }
    }
    return 0;
}

/*
 * The order of support sizes (Porter, Nudelman and Shoham): two players by |k1 - k2| then
 * k1 + k2; more by the total then the spread. An entry is the count of players n followed by
 * the n sizes, so that the comparison needs no state outside its arguments (qsort has no context
 * argument in C17, and a static one would be shared by two threads solving at once).
 */
static int size_order(const void *a, const void *b)
{
    const size_t *x = (const size_t *)a + 1, *y = (const size_t *)b + 1;
    size_t n = x[-1], sx = 0, sy = 0, mxa = 0, mna = (size_t)-1, mxb = 0, mnb = (size_t)-1;
    for (size_t p = 0; p < n; p++) {
        sx += x[p];
        sy += y[p];
        mxa = x[p] > mxa ? x[p] : mxa;
        mna = x[p] < mna ? x[p] : mna;
        mxb = y[p] > mxb ? y[p] : mxb;
        mnb = y[p] < mnb ? y[p] : mnb;
    }
    size_t ka = n == 2 ? mxa - mna : sx, kb = n == 2 ? mxb - mnb : sy;
    size_t la = n == 2 ? sx : mxa - mna, lb = n == 2 ? sy : mxb - mnb;
    if (ka != kb) {
        return ka < kb ? -1 : 1;
    }
    if (la != lb) {
        return la < lb ? -1 : 1;
    }
    for (size_t p = n; p-- > 0;) {
        if (x[p] != y[p]) {
            return x[p] < y[p] ? -1 : 1;
        }
    }
    return 0;
}

sc_status sc__game_enumpoly(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                            sc_diag *diag)
{
    double t0 = sc__game_now();
    size_t n = g->n, width = sc__game_width(g), maxd = width;
    ep_work w;
    memset(&w, 0, sizeof w);
    w.g = g;
    w.o = o;
    w.sol = sol;
    w.n = n;
    w.width = width;
    double lo, hi;
    sc_game_payoff_bounds(g, &lo, &hi);
    w.range = hi > lo ? hi - lo : 1;
    sc_status rc = SC_OK;
    size_t nsizes = 1;
    for (size_t p = 0; p < n; p++) {
        nsizes *= g->ns[p];
    }
    w.off = calloc(n + 1, sizeof *w.off);
    w.k = calloc(n, sizeof *w.k);
    w.sup = calloc(n, sizeof *w.sup);
    w.voff = calloc(n, sizeof *w.voff);
    w.tsize = calloc(n, sizeof *w.tsize);
    w.zo = calloc(n, sizeof *w.zo);
    w.stage = calloc(n, sizeof *w.stage);
    w.stage_len = calloc(n, sizeof *w.stage_len);
    w.eq_player = calloc(maxd, sizeof *w.eq_player);
    w.vowner = calloc(maxd, sizeof *w.vowner);
    w.eq_off = calloc(maxd, sizeof *w.eq_off);
    w.eq_scale = calloc(maxd, sizeof *w.eq_scale);
    w.z = calloc(width, sizeof *w.z);
    w.iz = calloc(width, sizeof *w.iz);
    w.J = calloc(maxd * maxd + 1, sizeof *w.J);
    w.Y = calloc(maxd * maxd + 1, sizeof *w.Y);
    w.lu = calloc(maxd * maxd + 1, sizeof *w.lu);
    w.U = calloc(maxd * maxd + 1, sizeof *w.U);
    w.V = calloc(maxd * maxd + 1, sizeof *w.V);
    w.sigma = calloc(maxd + 1, sizeof *w.sigma);
    w.piv = calloc(maxd + 1, sizeof *w.piv);
    w.fc = calloc(maxd + 1, sizeof *w.fc);
    w.c = calloc(maxd + 1, sizeof *w.c);
    w.step = calloc(maxd + 1, sizeof *w.step);
    w.JX = calloc(maxd * maxd + 1, sizeof *w.JX);
    w.X = calloc(maxd + 1, sizeof *w.X);
    w.K = calloc(maxd + 1, sizeof *w.K);
    w.prof = calloc(width, sizeof *w.prof);
    w.regret = calloc(n, sizeof *w.regret);
    w.q = malloc(width * sizeof *w.q);
    w.mJ = malloc((maxd * maxd + 1) * sizeof *w.mJ);
    w.mz = malloc((width + 1) * sizeof *w.mz);
    w.ms = malloc(n * sizeof *w.ms);
    w.mdigit = malloc(n * sizeof *w.mdigit);
    w.win = malloc(width + 1);
    size_t *sizes = malloc(nsizes * (n + 1) * sizeof *sizes); /* n, then n sizes: size_order */
    size_t maxm = 0;
    for (size_t p = 0; p < n; p++) {
        maxm = g->ns[p] + 1 > maxm ? g->ns[p] + 1 : maxm;
    }
    w.pm = malloc(maxm * maxm * sizeof *w.pm);
    w.pm_lu = malloc(maxm * maxm * sizeof *w.pm_lu);
    w.pm_sol[0] = malloc(maxm * sizeof *w.pm_sol[0]);
    w.pm_sol[1] = malloc(maxm * sizeof *w.pm_sol[1]);
    w.pm_s = malloc(n * sizeof *w.pm_s);
    w.zA = malloc(maxm * maxm * sizeof *w.zA);
    w.zb = malloc(maxm * sizeof *w.zb);
    w.pm_q[0] = malloc(maxm * sizeof *w.pm_q[0]);
    w.pm_q[1] = malloc(maxm * sizeof *w.pm_q[1]);
    int ok = w.off && w.k && w.sup && w.voff && w.tsize && w.zo && w.stage && w.stage_len &&
             w.eq_player && w.vowner && w.eq_off && w.eq_scale && w.z && w.iz && w.J && w.Y &&
             w.lu && w.U && w.V && w.sigma && w.piv && w.fc && w.c && w.step && w.JX && w.X &&
             w.K && w.prof && w.regret && w.q && sizes && w.pm && w.pm_lu && w.pm_sol[0] &&
             w.pm_sol[1] && w.pm_s && w.zA && w.zb && w.pm_q[0] && w.pm_q[1] && w.mJ && w.mz &&
             w.ms && w.mdigit && w.win;
    for (size_t p = 0; p < n && ok; p++) {
        w.off[p + 1] = w.off[p] + g->ns[p];
        ok = (w.sup[p] = calloc(g->ns[p], sizeof *w.sup[p])) != NULL;
    }
    if (!ok) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t j = 0; j < width; j++) {
        mpq_init(w.q[j]);
    }
    for (size_t a = 0; a < maxm * maxm; a++) {
        mpz_init(w.zA[a]);
    }
    for (size_t a = 0; a < maxm; a++) {
        mpz_init(w.zb[a]);
        mpq_init(w.pm_q[0][a]);
        mpq_init(w.pm_q[1][a]);
    }
    mpz_inits(w.zt, w.zl, w.zprev, NULL);
    mpq_init(w.qt);
    w.pm_cap = maxm;
    /* every vector of support sizes, in the search order */
    for (size_t c = 0; c < nsizes; c++) {
        size_t r = c;
        sizes[c * (n + 1)] = n;
        for (size_t p = 0; p < n; p++) {
            sizes[c * (n + 1) + 1 + p] = r % g->ns[p] + 1;
            r /= g->ns[p];
        }
    }
    size_t polls = 0;
    qsort(sizes, nsizes, (n + 1) * sizeof *sizes, size_order);
    for (size_t c = 0; c < nsizes && rc == SC_OK; c++) {
        const size_t *ks = sizes + c * (n + 1) + 1;
        if (n == 2 && ks[0] != ks[1] && !o->verbose) {
            continue; /* no isolated solution: one side's system is underdetermined */
        }
        for (size_t p = 0; p < n; p++) {
            w.k[p] = ks[p];
            for (size_t b = 0; b < ks[p]; b++) {
                w.sup[p][b] = b;
            }
        }
        for (;;) {
            /* the clock every 64 supports (reading a thread's CPU time is a system call, and
               two players' supports take microseconds); an interrupt at once */
            if (((++polls & 63) == 0 || (o->cancel && *o->cancel)) && sc__game_stop(o, t0)) {
                rc = sc__game_stopped(o, "enumpoly", diag);
                break;
            }
            if (n == 2 && w.k[0] != w.k[1]) {
                /* -v: listed as Gambit lists it, never solved (see above) */
                rc = note_support(&w, SC__SOL_NOTE_CANDIDATE, diag);
            } else {
                rc = solve_support(&w, t0, diag);
                if (rc == SC_ELIMIT) {
                    rc = sc__game_stopped(o, "enumpoly", diag);
                }
            }
            if (rc != SC_OK) {
                break;
            }
            if (o->max_equilibria > 0 && sol->count >= o->max_equilibria) {
                goto cleanup;
            }
            /* the next support of these sizes: player 1's subset changes fastest */
            size_t p = 0;
            while (p < n && !next_combination(w.sup[p], w.k[p], g->ns[p])) {
                for (size_t b = 0; b < w.k[p]; b++) {
                    w.sup[p][b] = b;
                }
                p++;
            }
            if (p == n) {
                break;
            }
        }
    }
cleanup:
    if (w.pm_cap) {
        for (size_t a = 0; a < maxm * maxm; a++) {
            mpz_clear(w.zA[a]);
        }
        for (size_t a = 0; a < maxm; a++) {
            mpz_clear(w.zb[a]);
            mpq_clear(w.pm_q[0][a]);
            mpq_clear(w.pm_q[1][a]);
        }
        mpz_clears(w.zt, w.zl, w.zprev, NULL);
        mpq_clear(w.qt);
    }
    free(w.pm);
    free(w.pm_lu);
    free(w.pm_sol[0]);
    free(w.pm_sol[1]);
    free(w.pm_s);
    free(w.zA);
    free(w.zb);
    free(w.pm_q[0]);
    free(w.pm_q[1]);
    if (w.wval) {
        for (size_t a = 0; a < width; a++) {
            mpq_clear(w.wval[a]);
        }
        for (size_t a = 0; a < n * n * w.wkmax * w.wkmax; a++) {
            mpq_clear(w.wD[a]);
        }
        for (size_t a = 0; a < maxd * maxd; a++) {
            mpq_clear(w.wJ[a]);
        }
        mpq_clears(w.wterm, w.wprod, NULL);
        free(w.wval);
        free(w.wD);
        free(w.wJ);
    }
    free(w.wit);
    free(w.win);
    free(w.pmod);
    free(w.mT);
    free(w.mJ);
    free(w.mz);
    free(w.mb1);
    free(w.mb2);
    free(w.ms);
    free(w.mdigit);
    if (w.q) {
        for (size_t j = 0; j < width && ok; j++) {
            mpq_clear(w.q[j]);
        }
    }
    for (size_t p = 0; w.sup && p < n; p++) {
        free(w.sup[p]);
    }
    free(w.off);
    free(w.k);
    free(w.sup);
    free(w.voff);
    free(w.tsize);
    free(w.zo);
    free(w.stage);
    free(w.stage_len);
    free(w.sbuf);
    free(w.isbuf);
    free(w.ikeep);
    free(w.eq_player);
    free(w.vowner);
    free(w.eq_off);
    free(w.eq_scale);
    free(w.coef);
    free(w.buf);
    free(w.buf2);
    free(w.ibuf);
    free(w.ibuf2);
    free(w.z);
    free(w.iz);
    free(w.J);
    free(w.Y);
    free(w.lu);
    free(w.U);
    free(w.V);
    free(w.sigma);
    free(w.piv);
    free(w.fc);
    free(w.c);
    free(w.step);
    free(w.JX);
    free(w.X);
    free(w.K);
    free(w.stack);
    free(w.roots);
    free(w.prof);
    free(w.regret);
    free(w.q);
    free(sizes);
    return rc;
}
