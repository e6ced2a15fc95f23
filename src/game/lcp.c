/* SPDX-License-Identifier: MIT */
/*
 * Lemke-Howson for two-player games in exact arithmetic, as gambit-lcp does it: start from the
 * artificial equilibrium with every one of the n1 + n2 labels dropped, and recursively from every
 * new complementary basis with every other label, reporting each new complementary basis (the
 * "accessible" equilibria) in the order found.
 *
 * The set that comes out depends on the details, so they follow Gambit's (src/solvers/lcp,
 * src/solvers/linalg: lhtab, lemketab, tableau):
 * - Payoffs are shifted by m = min(smallest payoff of any player, 0) - 1 so every entry is
 *   positive. Gambit also divides by max - m; a positive factor changes no pivoting decision
 *   (every ratio compared in one test scales alike), so we scale by the payoffs' common
 *   denominator instead and keep integers.
 * - Two tableaus, A1 y + s1 = -1 (player 1's rows, player 2's strategy columns) and
 *   A2 x + s2 = -1, all variables nonpositive. Label k (1..n1+n2) is the pair (strategy
 *   variable k, slack of row k); strategy variables of player 1 are labels 1..n1, player 2's
 *   n1+1..n1+n2.
 * - A path dropping label k enters the strategy variable k, or its slack if the variable is
 *   basic, and then always the complement of the variable that left, until label k leaves.
 * - The leaving row: among rows whose entering-column entry is positive, the largest ratio
 *   rhs/entry (the smallest step, as values are nonpositive); ties broken lexicographically with
 *   the columns of the slacks in row order, keeping the largest ratio each time, first row wins.
 * - A complementary basis is identified by the set of basic strategy variables; one seen before
 *   ends the branch, as does the artificial one (player 1's variables all zero).
 *
 * Representation: each tableau is kept in integer (fraction-free, Edmonds/Bareiss) form, the
 * columns of the nonbasic variables and the right-hand side only. Entry (i, j) stands for
 * t[i][j] / det with det > 0 the common denominator, so every division in a pivot is exact and
 * ratio comparisons are cross-multiplications of integers. While all entries of a tableau fit
 * in 64 bits it is kept in int64_t and pivoted with 128-bit intermediates (exact division by
 * det as a multiplication by its inverse modulo 2^64); the first pivot whose result would not
 * fit moves that tableau to GMP for good. The depth-first search keeps one tableau pair per
 * depth, allocated once and reused.
 */
#include "game/lcp_internal.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"

#if defined(__SIZEOF_INT128__)
#define LCP_SMALL 1
__extension__ typedef __int128 lcp_i128;
__extension__ typedef unsigned __int128 lcp_u128;
#else
#define LCP_SMALL 0
#endif

/* One tableau: `rows` constraints in `nvar` nonbasic columns plus the right-hand side. */
typedef struct lcp_tableau {
    size_t rows, nvar;
    size_t stride;  /* nvar + 1: the right-hand side is the last entry of each row */
    mpz_t *t;       /* rows * stride */
    mpz_t det;      /* common denominator, > 0 */
    int *row_label; /* signed label of the variable basic in each row */
    int *col_label; /* signed label of the variable nonbasic in each column */
#if LCP_SMALL
    /*
     * While every entry fits in 64 bits the tableau lives here instead (small = 1) and pivots in
     * 128-bit intermediates, many times faster than GMP on one-limb numbers; the first pivot
     * that would overflow moves it to t for good.
     */
    int small;
    int64_t *st;
    int64_t sdet;
#endif
} lcp_tableau;

/* Both tableaus and where every signed label sits (index label + N). */
typedef struct lcp_state {
    lcp_tableau tab[2]; /* [0]: player 1's rows, A1 y + s1 = -1; [1]: player 2's, A2 x + s2 = -1 */
    long *where;        /* >= 0: basic in that row; < 0: nonbasic in column -where - 1 */
} lcp_state;

/* What the search returns at each node; PRUNE ends only the current branch. */
enum { SEARCH_PRUNE = -1, SEARCH_CONTINUE = 0, SEARCH_LIMIT = 1, SEARCH_ERROR = 2 };

typedef struct lcp_ctx {
    const sc_game *g;
    size_t n1, n2;
    int nlab;          /* n1 + n2 */
    lcp_state **level; /* one state per search depth */
    size_t nlevel, level_cap;
    /* scratch for the pivots and ratio tests, allocated once */
    mpz_t tmp, tmp2, factor, zero;
    size_t *cand; /* candidate rows of a ratio test */
#if LCP_SMALL
    int64_t *sref;     /* the reference column's entries, 64-bit tableaus */
    int64_t *sscratch; /* the new entries of a 64-bit pivot, until it is known to fit */
#endif
    mpz_srcptr *ref; /* the reference column's entry in each row of a ratio test */
    /* complementary bases seen, each a bit set of the basic strategy variables */
    uint64_t *seen;
    size_t nseen, seen_cap, key_words;
    uint64_t *key;
    mpq_t *profile; /* n1 + n2 entries */
    mpz_t sum;
    /* options */
    size_t max_equilibria, found;
    int max_depth;
    double deadline; /* 0 = none */
    double time_limit;
    const volatile sig_atomic_t *cancel; /* the options' cancel flag, or NULL */
    sc_game_solution *sol;
    sc_diag *diag;
    sc_status status;
} lcp_ctx;

/* ---- labels ------------------------------------------------------------------------------ */

/* The tableau a signed label's variable lives in. */
static int tab_of(const lcp_ctx *c, int label)
{
    int k = label > 0 ? label : -label;
    int player2 = k > (int)c->n1;
    /* strategy variables of player 1 and slacks of player 2's rows are in tableau 1 */
    return label > 0 ? (player2 ? 0 : 1) : (player2 ? 1 : 0);
}

static long *where_of(const lcp_ctx *c, lcp_state *s, int label)
{
    return &s->where[label + c->nlab];
}

#if LCP_SMALL
/* 64-bit entries stay within +-INT64_MAX so products of two fit in 126 bits. */
static int fits_small(lcp_i128 v)
{
    return v <= INT64_MAX && v >= -INT64_MAX;
}

static void mpz_set_i64(mpz_t z, int64_t v)
{
    if (v >= LONG_MIN && v <= LONG_MAX) {
        mpz_set_si(z, (long)v);
        return;
    }
    /* long narrower than 64 bits: build from the magnitude's two halves */
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    mpz_set_ui(z, (unsigned long)(m >> 32));
    mpz_mul_2exp(z, z, 32);
    mpz_add_ui(z, z, (unsigned long)(m & 0xffffffffu));
    if (v < 0) {
        mpz_neg(z, z);
    }
}

/* Moves a 64-bit tableau to GMP for good. */
static void tableau_to_big(lcp_tableau *t)
{
    for (size_t i = 0; i < t->rows * t->stride; i++) {
        mpz_set_i64(t->t[i], t->st[i]);
    }
    mpz_set_i64(t->det, t->sdet);
    t->small = 0;
}
#endif

/* ---- states ------------------------------------------------------------------------------ */

static void tableau_clear(lcp_tableau *t)
{
    if (t->t) {
        for (size_t i = 0; i < t->rows * t->stride; i++) {
            mpz_clear(t->t[i]);
        }
        mpz_clear(t->det);
    }
    free(t->t);
    free(t->row_label);
    free(t->col_label);
#if LCP_SMALL
    free(t->st);
#endif
}

static void state_free(lcp_state *s)
{
    if (!s) {
        return;
    }
    tableau_clear(&s->tab[0]);
    tableau_clear(&s->tab[1]);
    free(s->where);
    free(s);
}

static int tableau_init(lcp_tableau *t, size_t rows, size_t nvar)
{
    t->rows = rows;
    t->nvar = nvar;
    t->stride = nvar + 1;
    t->t = malloc(rows * t->stride * sizeof *t->t);
    t->row_label = malloc(rows * sizeof *t->row_label);
    t->col_label = malloc(nvar * sizeof *t->col_label);
#if LCP_SMALL
    t->st = malloc(rows * t->stride * sizeof *t->st);
    if (!t->st) {
        free(t->t);
        t->t = NULL;
        return 0;
    }
#endif
    if (!t->t || !t->row_label || !t->col_label) {
        free(t->t);
        t->t = NULL;
        return 0;
    }
    for (size_t i = 0; i < rows * t->stride; i++) {
        mpz_init(t->t[i]);
    }
    mpz_init_set_ui(t->det, 1);
    return 1;
}

static lcp_state *state_new(const lcp_ctx *c)
{
    lcp_state *s = calloc(1, sizeof *s);
    if (!s) {
        return NULL;
    }
    s->where = malloc((2 * (size_t)c->nlab + 1) * sizeof *s->where);
    if (!s->where || !tableau_init(&s->tab[0], c->n1, c->n2) ||
        !tableau_init(&s->tab[1], c->n2, c->n1)) {
        state_free(s);
        return NULL;
    }
    return s;
}

static void state_copy(const lcp_ctx *c, lcp_state *dst, const lcp_state *src)
{
    for (int k = 0; k < 2; k++) {
        const lcp_tableau *a = &src->tab[k];
        lcp_tableau *b = &dst->tab[k];
#if LCP_SMALL
        b->small = a->small;
        if (a->small) {
            memcpy(b->st, a->st, a->rows * a->stride * sizeof *a->st);
            b->sdet = a->sdet;
        } else
#endif
        {
            for (size_t i = 0; i < a->rows * a->stride; i++) {
                mpz_set(b->t[i], a->t[i]);
            }
            mpz_set(b->det, a->det);
        }
        memcpy(b->row_label, a->row_label, a->rows * sizeof *a->row_label);
        memcpy(b->col_label, a->col_label, a->nvar * sizeof *a->col_label);
    }
    memcpy(dst->where, src->where, (2 * (size_t)c->nlab + 1) * sizeof *dst->where);
}

/* The state at search depth d, created the first time that depth is reached. */
static lcp_state *level_at(lcp_ctx *c, size_t d)
{
    if (d >= c->level_cap) {
        size_t cap = c->level_cap ? 2 * c->level_cap : 8;
        while (cap <= d) {
            cap *= 2;
        }
        lcp_state **nl = realloc(c->level, cap * sizeof *nl);
        if (!nl) {
            return NULL;
        }
        c->level = nl;
        c->level_cap = cap;
    }
    while (c->nlevel <= d) {
        c->level[c->nlevel] = state_new(c);
        if (!c->level[c->nlevel]) {
            return NULL;
        }
        c->nlevel++;
    }
    return c->level[d];
}

/*
 * The starting tableaus: A1[i][j] = (payoff of player 1 at (i, j) - m) * L and
 * A2[j][i] = (payoff of player 2 at (i, j) - m) * L with L the common denominator, all slacks
 * basic, right-hand sides -1.
 */
static void state_start(lcp_ctx *c, lcp_state *s, int allow_small)
{
    const sc_game *g = c->g;
    size_t n1 = c->n1, n2 = c->n2;
    mpq_t shift, v;
    mpz_t lcm;
    mpq_init(shift);
    mpq_init(v);
    mpz_init_set_ui(lcm, 1);
    int have = 0;
    for (size_t i = 0; i < g->nprof * 2; i++) {
        if (!have || mpq_cmp(g->pay[i], shift) < 0) {
            mpq_set(shift, g->pay[i]);
            have = 1;
        }
        mpz_lcm(lcm, lcm, mpq_denref(g->pay[i]));
    }
    if (mpq_sgn(shift) > 0) {
        mpq_set_ui(shift, 0, 1);
    }
    mpq_set_si(v, 1, 1);
    mpq_sub(shift, shift, v);
    for (size_t i = 0; i < n1; i++) {
        for (size_t j = 0; j < n2; j++) {
            size_t prof = i + n1 * j;
            for (int p = 0; p < 2; p++) {
                mpq_sub(v, g->pay[prof * 2 + (size_t)p], shift);
                /* v * lcm is an integer: lcm is a multiple of every denominator */
                mpz_t *dst = p == 0 ? &s->tab[0].t[i * s->tab[0].stride + j]
                                    : &s->tab[1].t[j * s->tab[1].stride + i];
                mpz_divexact(*dst, lcm, mpq_denref(v));
                mpz_mul(*dst, *dst, mpq_numref(v));
            }
        }
    }
    mpq_clear(shift);
    mpq_clear(v);
    mpz_clear(lcm);

    for (int k = 0; k < 2; k++) {
        lcp_tableau *t = &s->tab[k];
        int row_base = k == 0 ? 0 : (int)n1; /* row r holds the slack of label row_base+r+1 */
        int col_base = k == 0 ? (int)n1 : 0; /* column j holds variable col_base+j+1 */
        for (size_t r = 0; r < t->rows; r++) {
            mpz_set_si(t->t[r * t->stride + t->nvar], -1);
            t->row_label[r] = -(row_base + (int)r + 1);
            *where_of(c, s, t->row_label[r]) = (long)r;
        }
        for (size_t j = 0; j < t->nvar; j++) {
            t->col_label[j] = col_base + (int)j + 1;
            *where_of(c, s, t->col_label[j]) = -(long)j - 1;
        }
        mpz_set_ui(t->det, 1);
#if LCP_SMALL
        t->small = allow_small;
        for (size_t i = 0; i < t->rows * t->stride && t->small; i++) {
            t->small = mpz_fits_slong_p(t->t[i]) && fits_small(mpz_get_si(t->t[i]));
        }
        for (size_t i = 0; i < t->rows * t->stride && t->small; i++) {
            t->st[i] = (int64_t)mpz_get_si(t->t[i]);
        }
        t->sdet = 1;
#else
        (void)allow_small;
#endif
    }
}

/* ---- pivoting ---------------------------------------------------------------------------- */

/*
 * The row that leaves when the variable in column q enters, or SIZE_MAX if none can (no positive
 * entry, which the positive shift rules out).
 */
#if LCP_SMALL
/* exit_row on a 64-bit tableau: the same choices, products in 128 bits. */
static size_t exit_row_small(lcp_ctx *c, lcp_state *s, int k, size_t q)
{
    const lcp_tableau *t = &s->tab[k];
    const int64_t *st = t->st;
    size_t ncand = 0;
    for (size_t i = 0; i < t->rows; i++) {
        if (st[i * t->stride + q] > 0) {
            c->cand[ncand++] = i;
        }
    }
    if (ncand == 0) {
        return SIZE_MAX;
    }
    int row_base = k == 0 ? 0 : (int)c->n1;
    for (size_t round = 0; ncand > 1; round++) {
        if (round > t->rows) {
            return SIZE_MAX;
        }
        if (round == 0) {
            for (size_t a = 0; a < ncand; a++) {
                c->sref[a] = st[c->cand[a] * t->stride + t->nvar];
            }
        } else {
            long w = *where_of(c, s, -(row_base + (int)round));
            for (size_t a = 0; a < ncand; a++) {
                if (w >= 0) {
                    c->sref[a] = (size_t)w == c->cand[a] ? t->sdet : 0;
                } else {
                    c->sref[a] = st[c->cand[a] * t->stride + (size_t)(-w - 1)];
                }
            }
        }
        size_t best = 0;
        for (size_t a = 1; a < ncand; a++) {
            lcp_i128 lhs = (lcp_i128)c->sref[a] * st[c->cand[best] * t->stride + q];
            lcp_i128 rhs = (lcp_i128)c->sref[best] * st[c->cand[a] * t->stride + q];
            if (lhs > rhs) {
                best = a;
            }
        }
        int64_t best_ref = c->sref[best], best_entry = st[c->cand[best] * t->stride + q];
        size_t keep = 0;
        for (size_t a = 0; a < ncand; a++) {
            if ((lcp_i128)c->sref[a] * best_entry ==
                (lcp_i128)best_ref * st[c->cand[a] * t->stride + q]) {
                c->cand[keep++] = c->cand[a];
            }
        }
        ncand = keep;
    }
    return c->cand[0];
}

/*
 * pivot's arithmetic on a 64-bit tableau, the new entries first into scratch so that the
 * tableau is untouched if one does not fit; 0 then.
 */
static int pivot_small(lcp_ctx *c, lcp_tableau *t, size_t p, size_t q)
{
    const int64_t *prow = t->st + p * t->stride;
    int64_t piv = prow[q], det = t->sdet;
    /*
     * Bareiss divisions are exact, so dividing by det is shifting out its factors of two and
     * multiplying by the inverse of its odd part modulo 2^64 (a 128-bit division is the
     * slowest step otherwise); multiplying back tells whether the quotient fits.
     */
    unsigned shift = 0;
    uint64_t odd = (uint64_t)det;
    while ((odd & 1u) == 0) {
        odd >>= 1;
        shift++;
    }
    uint64_t inverse = odd; /* Newton: each step doubles the correct low bits (3 -> 96) */
    for (int step = 0; step < 5; step++) {
        inverse *= 2u - odd * inverse;
    }
    for (size_t i = 0; i < t->rows; i++) {
        const int64_t *row = t->st + i * t->stride;
        int64_t *out = c->sscratch + i * t->stride;
        int64_t f = row[q];
        if (i == p || (f == 0 && piv == det)) {
            memcpy(out, row, t->stride * sizeof *row);
            continue;
        }
        for (size_t j = 0; j < t->stride; j++) {
            lcp_i128 v = (lcp_i128)row[j] * piv - (lcp_i128)f * prow[j];
            if (det == 1) {
                if (!fits_small(v)) {
                    return 0;
                }
                out[j] = (int64_t)v;
                continue;
            }
            /* the low 64 bits of a logical and an arithmetic shift agree (shift < 64) */
            uint64_t low = (uint64_t)((lcp_u128)v >> shift);
            int64_t r = (int64_t)(low * inverse);
            if (r == INT64_MIN || (lcp_i128)r * det != v) {
                return 0;
            }
            out[j] = r;
        }
        out[q] = -f;
    }
    c->sscratch[p * t->stride + q] = det;
    memcpy(t->st, c->sscratch, t->rows * t->stride * sizeof *t->st);
    t->sdet = piv;
    return 1;
}
#endif

static size_t exit_row(lcp_ctx *c, lcp_state *s, int k, size_t q)
{
    lcp_tableau *t = &s->tab[k];
#if LCP_SMALL
    if (t->small) {
        return exit_row_small(c, s, k, q);
    }
#endif
    size_t ncand = 0;
    for (size_t i = 0; i < t->rows; i++) {
        if (mpz_sgn(t->t[i * t->stride + q]) > 0) {
            c->cand[ncand++] = i;
        }
    }
    if (ncand == 0) {
        return SIZE_MAX;
    }
    int row_base = k == 0 ? 0 : (int)c->n1;
    /* round 0 compares the right-hand side, round r the column of the slack of row r */
    for (size_t round = 0; ncand > 1; round++) {
        if (round > t->rows) {
            return SIZE_MAX; /* the slack columns are independent, so this cannot happen */
        }
        if (round == 0) {
            for (size_t a = 0; a < ncand; a++) {
                c->ref[a] = t->t[c->cand[a] * t->stride + t->nvar];
            }
        } else {
            long w = *where_of(c, s, -(row_base + (int)round));
            for (size_t a = 0; a < ncand; a++) {
                if (w >= 0) {
                    c->ref[a] = (size_t)w == c->cand[a] ? t->det : c->zero;
                } else {
                    c->ref[a] = t->t[c->cand[a] * t->stride + (size_t)(-w - 1)];
                }
            }
        }
        /* the largest ratio ref / entry (entries are positive: compare cross products) */
        size_t best = 0;
        for (size_t a = 1; a < ncand; a++) {
            mpz_mul(c->tmp, c->ref[a], t->t[c->cand[best] * t->stride + q]);
            mpz_mul(c->tmp2, c->ref[best], t->t[c->cand[a] * t->stride + q]);
            if (mpz_cmp(c->tmp, c->tmp2) > 0) {
                best = a;
            }
        }
        size_t keep = 0;
        mpz_srcptr best_ref = c->ref[best];
        size_t best_row = c->cand[best];
        for (size_t a = 0; a < ncand; a++) {
            mpz_mul(c->tmp, c->ref[a], t->t[best_row * t->stride + q]);
            mpz_mul(c->tmp2, best_ref, t->t[c->cand[a] * t->stride + q]);
            if (mpz_cmp(c->tmp, c->tmp2) == 0) {
                c->cand[keep++] = c->cand[a];
            }
        }
        ncand = keep;
    }
    return c->cand[0];
}

/* pivot's arithmetic in GMP. */
static void pivot_big(lcp_ctx *c, lcp_tableau *t, size_t p, size_t q)
{
    mpz_t *prow = t->t + p * t->stride;
    mpz_srcptr piv = prow[q];
    int same_det = mpz_cmp(piv, t->det) == 0;
    for (size_t i = 0; i < t->rows; i++) {
        if (i == p) {
            continue;
        }
        mpz_t *row = t->t + i * t->stride;
        if (mpz_sgn(row[q]) == 0) {
            if (!same_det) {
                for (size_t j = 0; j < t->stride; j++) {
                    if (j != q && mpz_sgn(row[j]) != 0) {
                        mpz_mul(c->tmp, row[j], piv);
                        mpz_divexact(row[j], c->tmp, t->det);
                    }
                }
            }
            continue;
        }
        mpz_set(c->factor, row[q]);
        for (size_t j = 0; j < t->stride; j++) {
            if (j == q) {
                continue;
            }
            mpz_mul(c->tmp, row[j], piv);
            mpz_submul(c->tmp, c->factor, prow[j]);
            mpz_divexact(row[j], c->tmp, t->det);
        }
        /* the leaving variable's column */
        mpz_neg(row[q], c->factor);
    }
    /* the pivot entry becomes the old denominator, the pivot the new one */
    mpz_swap(t->det, prow[q]);
}

/* Exchanges the basic variable of row p with the nonbasic one of column q (fraction-free). */
static void pivot(lcp_ctx *c, lcp_state *s, int k, size_t p, size_t q)
{
    lcp_tableau *t = &s->tab[k];
#if LCP_SMALL
    if (t->small && !pivot_small(c, t, p, q)) {
        tableau_to_big(t);
    }
    if (!t->small)
#endif
    {
        pivot_big(c, t, p, q);
    }
    int in = t->col_label[q], out = t->row_label[p];
    t->col_label[q] = out;
    t->row_label[p] = in;
    *where_of(c, s, in) = (long)p;
    *where_of(c, s, out) = -(long)q - 1;
}

/* Follows the path that drops label `dup` from the complementary basis in s to the next one. */
static int lemke_path(lcp_ctx *c, lcp_state *s, int dup)
{
    int enter = *where_of(c, s, dup) >= 0 ? -dup : dup;
    for (;;) {
        int k = tab_of(c, enter);
        long w = *where_of(c, s, enter);
        if (w >= 0) {
            c->status = sc__diag_set(c->diag, SC_ENOCONV, "lcp: entering variable already basic");
            return SEARCH_ERROR;
        }
        size_t q = (size_t)(-w - 1);
        size_t p = exit_row(c, s, k, q);
        if (p == SIZE_MAX) {
            c->status = sc__diag_set(c->diag, SC_ENOCONV,
                                     "lcp: Lemke-Howson path ended in a ray (label %d)", dup);
            return SEARCH_ERROR;
        }
        int out = s->tab[k].row_label[p];
        pivot(c, s, k, p, q);
        if (c->cancel && *c->cancel) {
            c->status = sc__diag_set(c->diag, SC_ELIMIT, "lcp: interrupted after %zu equilibria",
                                     c->found);
            return SEARCH_ERROR;
        }
        if (c->deadline > 0 && sc__game_now() > c->deadline) {
            c->status = sc__diag_set(c->diag, SC_ELIMIT,
                                     "lcp: time limit of %g s exceeded after %zu equilibria",
                                     c->time_limit, c->found);
            return SEARCH_ERROR;
        }
        if (out == dup || out == -dup) {
            return SEARCH_CONTINUE;
        }
        enter = -out;
    }
}

/* ---- the search -------------------------------------------------------------------------- */

/* Records the complementary basis in s; *is_new tells whether it was unseen. 0: out of memory. */
static int remember(lcp_ctx *c, lcp_state *s, int *is_new)
{
    memset(c->key, 0, c->key_words * sizeof *c->key);
    for (int l = 1; l <= c->nlab; l++) {
        if (*where_of(c, s, l) >= 0) {
            c->key[(size_t)(l - 1) / 64] |= (uint64_t)1 << ((size_t)(l - 1) % 64);
        }
    }
    for (size_t e = 0; e < c->nseen; e++) {
        if (memcmp(c->seen + e * c->key_words, c->key, c->key_words * sizeof *c->key) == 0) {
            *is_new = 0;
            return 1;
        }
    }
    if (c->nseen == c->seen_cap) {
        size_t cap = c->seen_cap ? 2 * c->seen_cap : 32;
        uint64_t *ns = realloc(c->seen, cap * c->key_words * sizeof *ns);
        if (!ns) {
            return 0;
        }
        c->seen = ns;
        c->seen_cap = cap;
    }
    memcpy(c->seen + c->nseen * c->key_words, c->key, c->key_words * sizeof *c->key);
    c->nseen++;
    *is_new = 1;
    return 1;
}

/* The right-hand side of row r (times the tableau's denominator) into v. */
static void rhs_value(const lcp_tableau *t, size_t r, mpz_t v)
{
#if LCP_SMALL
    if (t->small) {
        mpz_set_i64(v, t->st[r * t->stride + t->nvar]);
        return;
    }
#endif
    mpz_set(v, t->t[r * t->stride + t->nvar]);
}

/* Normalizes one player's basic strategy variables into probabilities; 0 if they are all 0. */
static int player_profile(lcp_ctx *c, lcp_state *s, int first_label, size_t count, mpq_t *out)
{
    int k = tab_of(c, first_label);
    const lcp_tableau *t = &s->tab[k];
    mpz_set_ui(c->sum, 0);
    for (size_t j = 0; j < count; j++) {
        long w = *where_of(c, s, first_label + (int)j);
        if (w >= 0) {
            rhs_value(t, (size_t)w, c->tmp);
            mpz_add(c->sum, c->sum, c->tmp);
        }
    }
    if (mpz_sgn(c->sum) == 0) {
        return 0;
    }
    for (size_t j = 0; j < count; j++) {
        long w = *where_of(c, s, first_label + (int)j);
        if (w >= 0) {
            /* values are num/det with one det per tableau: it cancels */
            rhs_value(t, (size_t)w, mpq_numref(out[j]));
            mpz_set(mpq_denref(out[j]), c->sum);
            mpq_canonicalize(out[j]);
        } else {
            mpq_set_ui(out[j], 0, 1);
        }
    }
    return 1;
}

/* A complementary basis reached: prune, report or stop (Gambit's OnBFS). */
static int on_basis(lcp_ctx *c, lcp_state *s)
{
    int is_new;
    if (!remember(c, s, &is_new)) {
        c->status = sc__diag_set(c->diag, SC_ENOMEM, "out of memory");
        return SEARCH_ERROR;
    }
    if (!is_new) {
        return SEARCH_PRUNE;
    }
    if (!player_profile(c, s, 1, c->n1, c->profile) ||
        !player_profile(c, s, (int)c->n1 + 1, c->n2, c->profile + c->n1)) {
        return SEARCH_PRUNE; /* the artificial equilibrium */
    }
    sc_status rc = sc__sol_push_q(c->sol, c->profile, c->diag);
    if (rc != SC_OK) {
        c->status = rc;
        return SEARCH_ERROR;
    }
    c->found++;
    if (c->max_equilibria > 0 && c->found >= c->max_equilibria) {
        return SEARCH_LIMIT;
    }
    return SEARCH_CONTINUE;
}

/* Gambit's AllLemke: from the basis at this depth, drop every label but the one that led here. */
static int all_lemke(lcp_ctx *c, size_t depth, int came_by)
{
    if (c->max_depth > 0 && depth > (size_t)c->max_depth) {
        return SEARCH_CONTINUE;
    }
    lcp_state *here = c->level[depth];
    if (depth > 0) {
        int r = on_basis(c, here);
        if (r == SEARCH_PRUNE) {
            return SEARCH_CONTINUE;
        }
        if (r != SEARCH_CONTINUE) {
            return r;
        }
    }
    lcp_state *next = level_at(c, depth + 1);
    if (!next) {
        c->status = sc__diag_set(c->diag, SC_ENOMEM, "out of memory");
        return SEARCH_ERROR;
    }
    here = c->level[depth]; /* level_at may have moved the array, not the states */
    for (int label = 1; label <= c->nlab; label++) {
        if (label == came_by) {
            continue;
        }
        state_copy(c, next, here);
        int r = lemke_path(c, next, label);
        if (r == SEARCH_CONTINUE) {
            r = all_lemke(c, depth + 1, label);
        }
        if (r != SEARCH_CONTINUE) {
            return r;
        }
        next = c->level[depth + 1];
    }
    return SEARCH_CONTINUE;
}

static void ctx_clear(lcp_ctx *c)
{
    for (size_t d = 0; d < c->nlevel; d++) {
        state_free(c->level[d]);
    }
    free(c->level);
    mpz_clear(c->tmp);
    mpz_clear(c->tmp2);
    mpz_clear(c->factor);
    mpz_clear(c->zero);
    mpz_clear(c->sum);
    free(c->cand);
    free(c->ref);
#if LCP_SMALL
    free(c->sref);
    free(c->sscratch);
#endif
    free(c->seen);
    free(c->key);
    if (c->profile) {
        for (size_t j = 0; j < c->n1 + c->n2; j++) {
            mpq_clear(c->profile[j]);
        }
        free(c->profile);
    }
}

sc_status sc__game_lcp(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                       sc_diag *diag)
{
    return sc__game_lcp_run(g, o, sol, 1, diag);
}

sc_status sc__game_lcp_run(const sc_game *g, const sc_game_solve_options *o, sc_game_solution *sol,
                           int allow_small, sc_diag *diag)
{
    if (g->n != 2) {
        return sc__diag_set(diag, SC_EUNSUPPORTED, "lcp is only valid for two-player games");
    }
    if (g->ns[0] + g->ns[1] > (size_t)INT_MAX / 4) {
        return sc__diag_set(diag, SC_ELIMIT, "lcp: too many strategies (%zu)", g->ns[0] + g->ns[1]);
    }
    lcp_ctx c;
    memset(&c, 0, sizeof c);
    c.g = g;
    c.n1 = g->ns[0];
    c.n2 = g->ns[1];
    c.nlab = (int)(c.n1 + c.n2);
    c.sol = sol;
    c.diag = diag;
    c.status = SC_OK;
    c.max_equilibria = o->max_equilibria;
    c.max_depth = o->max_depth; /* <= 0: no limit (Gambit's -r 0) */
    c.time_limit = o->time_limit;
    c.deadline = o->time_limit > 0 ? sc__game_now() + o->time_limit : 0;
    c.cancel = o->cancel;
    mpz_init(c.tmp);
    mpz_init(c.tmp2);
    mpz_init(c.factor);
    mpz_init(c.zero);
    mpz_init(c.sum);
    size_t rows = c.n1 > c.n2 ? c.n1 : c.n2;
    c.key_words = ((size_t)c.nlab + 63) / 64;
    c.cand = malloc(rows * sizeof *c.cand);
    c.ref = malloc(rows * sizeof *c.ref);
    int scratch_ok = 1;
#if LCP_SMALL
    c.sref = malloc(rows * sizeof *c.sref);
    /* the larger of the two tableaus */
    size_t cells = c.n1 * (c.n2 + 1) > c.n2 * (c.n1 + 1) ? c.n1 * (c.n2 + 1) : c.n2 * (c.n1 + 1);
    c.sscratch = malloc(cells * sizeof *c.sscratch);
    scratch_ok = c.sref && c.sscratch;
#endif
    c.key = malloc(c.key_words * sizeof *c.key);
    c.profile = malloc((c.n1 + c.n2) * sizeof *c.profile);
    if (c.profile) {
        for (size_t j = 0; j < c.n1 + c.n2; j++) {
            mpq_init(c.profile[j]);
        }
    }
    lcp_state *start = NULL;
    if (c.cand && c.ref && c.key && c.profile && scratch_ok) {
        start = level_at(&c, 0);
    }
    if (!start) {
        ctx_clear(&c);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    state_start(&c, start, allow_small);
    int r = all_lemke(&c, 0, 0);
    sc_status rc = r == SEARCH_ERROR ? c.status : SC_OK;
    ctx_clear(&c);
    return rc;
}
