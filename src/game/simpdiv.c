/* SPDX-License-Identifier: MIT */
/*
 * One approximate Nash equilibrium of an N-player game by simplicial subdivision with restarts
 * (Gambit's gambit-simpdiv; van der Laan, Talman & van der Heyden, Math. Oper. Res. 1987).
 *
 * The profile space is the product of the players' simplices. For a grid step d = 1/D the
 * algorithm follows a path of adjacent simplices of a triangulation of the grid, starting at
 * the current point v and labelling every vertex y by (player j, strategy h): j is the first
 * player with the largest regret at y and h that player's first best reply. The path ends at a
 * completely labelled simplex; the visited vertex with the smallest maximum regret becomes the
 * next start, the step is halved and the search restarts, until that regret is at most
 * max_regret times the payoff range. The pivoting, labelling and tie-breaking rules follow
 * Gambit's (its step1..step5 scheme), so on the same game the same grid point comes out.
 *
 * Arithmetic is exact and integer. A grid point is stored as integers over the common
 * denominator D = 2^k (every point of a restart lies on the grid of step 1/D), payoffs are
 * scaled by the lcm L of their denominators to integers, so the payoff of strategy r for player
 * q is an integer over D^(N-1) L and the regret of every player an integer over D^N L: all
 * comparisons are integer comparisons. They are done in 128-bit integers while D^N times the
 * largest payoff fits, otherwise in GMP integers. Each strategy's payoff is obtained by
 * contracting the payoff tensor with the other players' mixed strategies one player at a time,
 * skipping strategies played with probability zero (most of them on a face of the grid).
 */
#include "game/game_internal.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "game/simpdiv_internal.h"
#include "scx/scx.h"

__extension__ typedef __int128 i128;

/* GMP's mpz_addmul_ui takes grid coordinates (below 2^62) only if unsigned long is 64 bits. */
_Static_assert(sizeof(unsigned long) >= sizeof(int64_t), "simpdiv needs a 64-bit unsigned long");

/* Finest grid: coordinates up to 2^MAX_GRID_BITS stay well inside int64_t. */
#define MAX_GRID_BITS 60
/* 128-bit arithmetic is used while a regret numerator needs fewer bits than this. */
#define I128_BITS 125
/* Gambit bounds the distance of the path from its start to this many grid steps per coordinate
   (its solver maps a leash of 0, what the command-line tool passes, to 32000). */
#define LEASH_STEPS 32000

/* One (player, strategy) pair, a row of Gambit's `labels` and `pi` tables. */
typedef struct {
    int p, s;
} sd_pair;

typedef struct {
    /* Game shape. */
    int n;            /* players */
    int *ns;          /* strategies per player */
    size_t *off;      /* offset of each player's block in a profile; off[n] = width */
    size_t nprof, width;

    /* Payoffs as integers: pay * L, player-major (nprof entries per player). */
    mpz_t *payz;
    int64_t *pay64;   /* the same when every one fits in 62 bits, else NULL */
    size_t paybits;   /* bits of the largest |payoff| */
    mpz_t range;      /* (max - min payoff) * L */

    /* Evaluation workspaces: two tensor buffers and the payoff of every strategy. */
    i128 *ta, *tb, *u128;
    mpz_t *za, *zb, *uz;
    size_t tlen;
    int wide;         /* this restart needs GMP integers */
    /* Two-player games update the payoffs by the change of y since the last evaluation. */
    int64_t *yeval;   /* the y that u128 / uz belong to */
    int have_eval;
    int64_t *payT64;  /* player 2's payoffs transposed: payT[s * n2 + r], player 1 playing s */
    mpz_t *payTz;
    int grid_bits;    /* D = 2^grid_bits */

    /* Path state of one restart, grid coordinates in units of 1/D. */
    int64_t *v, *y, *besty, *ab;
    unsigned char *U, *TT;
    sd_pair *labels, *pi; /* rows 1..width + 1, as Gambit's 1-based tables */
    int t, ibar;
    i128 best128;
    mpz_t bestz, regz, accz;
    int have_best;

    /* Cycle detection (Brent): a snapshot of the path state, compared at every step. */
    int64_t *snap_y, *snap_ab;
    unsigned char *snap_U, *snap_TT;
    sd_pair *snap_labels, *snap_pi;
    int snap_t, snap_ibar;
    uint64_t snap_at, snap_power;
    int64_t leash;     /* LEASH_STEPS, or INT64_MAX once the leash has stalled the refinement */
    int leash_hit;     /* the leash has stopped the path in this restart */

    double last_regret; /* relative regret after the last finished grid, -1 before the first */
    double deadline;
    uint64_t steps, clock_mask; /* the clock is read every clock_mask + 1 steps */
    const volatile sig_atomic_t *cancel; /* the options' cancel flag (SIGINT), or NULL */
} sd_ws;

/* ---- Exact integer payoffs -------------------------------------------------------------- */

/* Scales the payoffs to integers (pay * lcm of denominators) and records their range and size. */
static sc_status scale_payoffs(sd_ws *w, const sc_game *g, sc_diag *diag)
{
    size_t n = (size_t)w->n, total = n * w->nprof;
    mpz_t lcm, t;
    mpz_init_set_ui(lcm, 1);
    mpz_init(t);
    for (size_t i = 0; i < total; i++) {
        mpz_lcm(lcm, lcm, mpq_denref(g->pay[i]));
    }
    w->payz = malloc(total * sizeof *w->payz);
    if (!w->payz) {
        mpz_clear(lcm);
        mpz_clear(t);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    w->paybits = 0;
    mpz_t lo, hi;
    mpz_init(lo);
    mpz_init(hi);
    for (size_t c = 0; c < w->nprof; c++) {
        for (size_t p = 0; p < n; p++) {
            size_t at = c * n + p;
            mpz_t *z = &w->payz[p * w->nprof + c];
            mpz_init(*z);
            mpz_divexact(t, lcm, mpq_denref(g->pay[at]));
            mpz_mul(*z, t, mpq_numref(g->pay[at]));
            size_t bits = mpz_sizeinbase(*z, 2);
            if (bits > w->paybits) {
                w->paybits = bits;
            }
            if ((c == 0 && p == 0) || mpz_cmp(*z, lo) < 0) {
                mpz_set(lo, *z);
            }
            if ((c == 0 && p == 0) || mpz_cmp(*z, hi) > 0) {
                mpz_set(hi, *z);
            }
        }
    }
    mpz_sub(w->range, hi, lo);
    mpz_clear(lo);
    mpz_clear(hi);
    mpz_clear(lcm);
    mpz_clear(t);
    if (w->paybits <= 62) {
        w->pay64 = malloc(total * sizeof *w->pay64);
        if (!w->pay64) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < total; i++) {
            w->pay64[i] = (int64_t)mpz_get_si(w->payz[i]);
        }
    }
    if (w->n == 2) {
        size_t n0 = (size_t)w->ns[0], n1 = (size_t)w->ns[1];
        w->payTz = malloc(w->nprof * sizeof *w->payTz);
        w->payT64 = w->pay64 ? malloc(w->nprof * sizeof *w->payT64) : NULL;
        if (!w->payTz || (w->pay64 && !w->payT64)) {
            free(w->payTz);
            w->payTz = NULL;
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        for (size_t s = 0; s < n0; s++) {
            for (size_t r = 0; r < n1; r++) {
                mpz_init_set(w->payTz[s * n1 + r], w->payz[w->nprof + s + n0 * r]);
                if (w->payT64) {
                    w->payT64[s * n1 + r] = w->pay64[w->nprof + s + n0 * r];
                }
            }
        }
    }
    return SC_OK;
}

/* ---- Payoff of every strategy at the grid point y ---------------------------------------- */

/*
 * Contracts player q's payoff tensor with the mixed strategies of all other players, last
 * player first, leaving u[r] = sum over profiles with q playing r of payoff * prod y_p(s_p)
 * (an integer over D^(N-1) L). Players below the contracted one stay as the fast index `lo`;
 * q, when above it, is the only remaining slow index `hi`.
 */
static void payoffs_i128(sd_ws *w, int q, i128 *u)
{
    int first = 1;
    const i128 *in = NULL;
    i128 *out = w->ta;
    const int64_t *pay = w->pay64 + (size_t)q * w->nprof;
    size_t lo_all = w->nprof;
    for (int p = w->n; p-- > 0;) {
        if (p == q) {
            continue;
        }
        size_t m = (size_t)w->ns[p];
        lo_all /= m;
        size_t lo = p < q ? lo_all / (size_t)w->ns[q] : lo_all;
        size_t hi = p < q ? (size_t)w->ns[q] : 1;
        const int64_t *yp = w->y + w->off[p];
        memset(out, 0, lo * hi * sizeof *out);
        for (size_t b = 0; b < hi; b++) {
            i128 *dst = out + lo * b;
            for (size_t s = 0; s < m; s++) {
                int64_t ys = yp[s];
                if (ys == 0) {
                    continue;
                }
                size_t base = lo * (s + m * b);
                if (first) {
                    const int64_t *src = pay + base;
                    for (size_t a = 0; a < lo; a++) {
                        dst[a] += (i128)ys * src[a];
                    }
                } else {
                    const i128 *src = in + base;
                    for (size_t a = 0; a < lo; a++) {
                        dst[a] += ys * src[a];
                    }
                }
            }
        }
        first = 0;
        in = out;
        out = out == w->ta ? w->tb : w->ta;
    }
    size_t nq = (size_t)w->ns[q];
    for (size_t r = 0; r < nq; r++) {
        u[r] = first ? (i128)pay[r] : in[r];
    }
}

/* payoffs_i128 in GMP integers, for fine grids, many players or huge payoffs. */
static void payoffs_mpz(sd_ws *w, int q, mpz_t *u)
{
    int first = 1;
    mpz_t *in = NULL;
    mpz_t *out = w->za;
    mpz_t *pay = w->payz + (size_t)q * w->nprof;
    size_t lo_all = w->nprof;
    for (int p = w->n; p-- > 0;) {
        if (p == q) {
            continue;
        }
        size_t m = (size_t)w->ns[p];
        lo_all /= m;
        size_t lo = p < q ? lo_all / (size_t)w->ns[q] : lo_all;
        size_t hi = p < q ? (size_t)w->ns[q] : 1;
        const int64_t *yp = w->y + w->off[p];
        for (size_t i = 0; i < lo * hi; i++) {
            mpz_set_ui(out[i], 0);
        }
        for (size_t b = 0; b < hi; b++) {
            mpz_t *dst = out + lo * b;
            for (size_t s = 0; s < m; s++) {
                int64_t ys = yp[s];
                if (ys == 0) {
                    continue;
                }
                mpz_t *src = (first ? pay : in) + lo * (s + m * b);
                for (size_t a = 0; a < lo; a++) {
                    mpz_addmul_ui(dst[a], src[a], (unsigned long)ys);
                }
            }
        }
        first = 0;
        in = out;
        out = out == w->za ? w->zb : w->za;
    }
    size_t nq = (size_t)w->ns[q];
    for (size_t r = 0; r < nq; r++) {
        mpz_set(u[r], first ? pay[r] : in[r]);
    }
}

/* |delta| as the unsigned long GMP takes (grid steps stay below 2^61). */
static unsigned long magnitude(int64_t delta)
{
    return (unsigned long)(delta < 0 ? -delta : delta);
}

/*
 * Brings the payoffs of every strategy (u128 or uz) up to date with y. In a two-player game
 * only the coordinates of y that changed since the last evaluation count, each adding a
 * multiple of a row of the other player's payoff matrix; otherwise, or after a restart, they
 * are computed from scratch.
 */
static void refresh_payoffs(sd_ws *w)
{
    if (w->n != 2 || !w->have_eval) {
        for (int q = 0; q < w->n; q++) {
            if (w->wide) {
                payoffs_mpz(w, q, w->uz + w->off[q]);
            } else {
                payoffs_i128(w, q, w->u128 + w->off[q]);
            }
        }
        if (w->n == 2) {
            memcpy(w->yeval, w->y, w->width * sizeof *w->y);
            w->have_eval = 1;
        }
        return;
    }
    size_t n0 = (size_t)w->ns[0], n1 = (size_t)w->ns[1];
    for (size_t c = 0; c < w->width; c++) {
        int64_t delta = w->y[c] - w->yeval[c];
        if (delta == 0) {
            continue;
        }
        w->yeval[c] = w->y[c];
        /* Player 1's strategy s moves player 2's payoffs, and the other way round. */
        size_t s = c < n0 ? c : c - n0, len = c < n0 ? n1 : n0, target = c < n0 ? n0 : 0;
        if (!w->wide) {
            const int64_t *row = c < n0 ? w->payT64 + s * n1 : w->pay64 + s * n0;
            i128 *u = w->u128 + target;
            for (size_t r = 0; r < len; r++) {
                u[r] += (i128)delta * row[r];
            }
        } else {
            mpz_t *row = c < n0 ? w->payTz + s * n1 : w->payz + s * n0;
            mpz_t *u = w->uz + target;
            for (size_t r = 0; r < len; r++) {
                if (delta > 0) {
                    mpz_addmul_ui(u[r], row[r], magnitude(delta));
                } else {
                    mpz_submul_ui(u[r], row[r], magnitude(delta));
                }
            }
        }
    }
}

/*
 * Gambit's getlabel: the label of y is (j, h) with j the first player of largest regret and h
 * j's first best reply; the point with the smallest largest regret so far is kept in besty.
 * Regrets are compared as integers over the common denominator D^N L.
 */
static void label_point(sd_ws *w, int *lj, int *lh)
{
    int best_player = 0, best_reply = 0;
    refresh_payoffs(w);
    if (!w->wide) {
        i128 maxz = 0;
        for (int q = 0; q < w->n; q++) {
            i128 *u = w->u128 + w->off[q];
            const int64_t *yq = w->y + w->off[q];
            int reply = 0;
            i128 mean = 0;
            for (int r = 0; r < w->ns[q]; r++) {
                if (yq[r] != 0) {
                    mean += yq[r] * u[r];
                }
                if (u[r] > u[reply]) {
                    reply = r;
                }
            }
            i128 regret = u[reply] * ((i128)1 << w->grid_bits) - mean;
            if (q == 0 || regret > maxz) {
                maxz = regret;
                best_player = q;
                best_reply = reply;
            }
        }
        if (!w->have_best || maxz < w->best128) {
            w->best128 = maxz;
            w->have_best = 1;
            memcpy(w->besty, w->y, w->width * sizeof *w->y);
        }
    } else {
        for (int q = 0; q < w->n; q++) {
            mpz_t *u = w->uz + w->off[q];
            const int64_t *yq = w->y + w->off[q];
            int reply = 0;
            mpz_set_ui(w->accz, 0);
            for (int r = 0; r < w->ns[q]; r++) {
                if (yq[r] != 0) {
                    mpz_addmul_ui(w->accz, u[r], (unsigned long)yq[r]);
                }
                if (mpz_cmp(u[r], u[reply]) > 0) {
                    reply = r;
                }
            }
            /* The regret is now (u[reply] * D - mean): build it in accz. */
            mpz_neg(w->accz, w->accz);
            mpz_t shifted;
            mpz_init(shifted);
            mpz_mul_2exp(shifted, u[reply], (mp_bitcnt_t)w->grid_bits);
            mpz_add(w->accz, w->accz, shifted);
            mpz_clear(shifted);
            if (q == 0 || mpz_cmp(w->accz, w->regz) > 0) {
                mpz_set(w->regz, w->accz);
                best_player = q;
                best_reply = reply;
            }
        }
        if (!w->have_best || mpz_cmp(w->regz, w->bestz) < 0) {
            mpz_set(w->bestz, w->regz);
            w->have_best = 1;
            memcpy(w->besty, w->y, w->width * sizeof *w->y);
        }
    }
    *lj = best_player;
    *lh = best_reply;
}

/* ---- Gambit's path-following bookkeeping ------------------------------------------------- */

#define AT(arr, j, h) ((arr)[w->off[(j)] + (size_t)(h)])

/* The cyclic predecessor of strategy h of player j that is not fixed at zero (get_b). */
static int prev_free(const sd_ws *w, int j, int h)
{
    int n = w->ns[j];
    int hh = h > 0 ? h - 1 : n - 1;
    for (int guard = 0; AT(w->U, j, hh) && guard < n; guard++) {
        hh = hh > 0 ? hh - 1 : n - 1;
    }
    return hh;
}

/* The cyclic successor of prev_free (get_c). */
static int after_prev_free(const sd_ws *w, int j, int h)
{
    int hh = prev_free(w, j, h) + 1;
    return hh >= w->ns[j] ? 0 : hh;
}

/* Rows lo..hi move down one place and row hi comes to lo (RectArray::RotateDown). */
static void rotate_down(sd_pair *rows, int lo, int hi)
{
    sd_pair last = rows[hi];
    memmove(rows + lo + 1, rows + lo, (size_t)(hi - lo) * sizeof *rows);
    rows[lo] = last;
}

/* Rows lo..hi move up one place and row lo goes to hi (RectArray::RotateUp). */
static void rotate_up(sd_pair *rows, int lo, int hi)
{
    sd_pair firstrow = rows[lo];
    memmove(rows + lo, rows + lo + 1, (size_t)(hi - lo) * sizeof *rows);
    rows[hi] = firstrow;
}

/* Moves y to the i-th vertex along pi (getnexty). */
static void next_vertex(sd_ws *w, int i)
{
    int j = w->pi[i].p, h = w->pi[i].s;
    AT(w->y, j, h) += 1;
    AT(w->y, j, prev_free(w, j, h)) -= 1;
}

/* Recomputes y as the k-th vertex of the current simplex from the start v (getY). */
static void vertex(sd_ws *w, int k)
{
    memcpy(w->y, w->v, w->width * sizeof *w->y);
    for (int j = 0; j < w->n; j++) {
        int n = w->ns[j];
        for (int h = 0; h < n; h++) {
            if (AT(w->TT, j, h) || AT(w->U, j, h)) {
                int64_t a = AT(w->ab, j, h);
                AT(w->y, j, h) += a;
                AT(w->y, j, h > 0 ? h - 1 : n - 1) -= a;
            }
        }
    }
    for (int i = 2; i <= k; i++) {
        next_vertex(w, i - 1);
    }
}

/* Adds delta to ab(j, k) for k from after_prev_free(j, h) cyclically up to h. */
static void shift_ab(sd_ws *w, int j, int h, int64_t delta)
{
    int k = after_prev_free(w, j, h);
    for (int guard = 0; guard <= w->ns[j]; guard++) {
        AT(w->ab, j, k) += delta;
        if (k == h) {
            break;
        }
        k = k + 1 >= w->ns[j] ? 0 : k + 1;
    }
}

/* Gambit's update(): the replacement step of the simplex. */
static void update(sd_ws *w, int j, int i)
{
    if (i >= 2 && i <= w->t) {
        sd_pair tmp = w->pi[i];
        w->pi[i] = w->pi[i - 1];
        w->pi[i - 1] = tmp;
        w->ibar = i;
    } else if (i == 1) {
        rotate_up(w->labels, 1, w->t + 1);
        w->ibar = w->t + 1;
        if (w->pi[1].p == j) {
            shift_ab(w, j, w->pi[1].s, 1);
            rotate_up(w->pi, 1, w->t);
        }
    } else if (i == w->t + 1) {
        rotate_down(w->labels, 1, w->t + 1);
        w->ibar = 1;
        if (w->pi[w->t].p == j) {
            shift_ab(w, j, w->pi[w->t].s, -1);
            rotate_down(w->pi, 1, w->t);
        }
    }
}

/* Number of strategies of player j that are fixed at zero or already spanned (TT or U). */
static int fixed_count(const sd_ws *w, int j)
{
    int tot = 0;
    for (int h = 0; h < w->ns[j]; h++) {
        tot += AT(w->TT, j, h) || AT(w->U, j, h);
    }
    return tot;
}

/* y(j, h) is on the boundary of the simplex, or farther from the start than the leash allows. */
static int blocked(sd_ws *w, int j, int h)
{
    int64_t yv = AT(w->y, j, h);
    if (yv <= 0) {
        return 1;
    }
    if (AT(w->v, j, h) - yv >= w->leash) {
        w->leash_hit = 1;
        return 1;
    }
    return 0;
}

/* Saves the path state for cycle detection. */
static void take_snapshot(sd_ws *w, uint64_t step)
{
    size_t rows = (size_t)w->t + 2;
    memcpy(w->snap_y, w->y, w->width * sizeof *w->y);
    memcpy(w->snap_ab, w->ab, w->width * sizeof *w->ab);
    memcpy(w->snap_U, w->U, w->width);
    memcpy(w->snap_TT, w->TT, w->width);
    memcpy(w->snap_labels, w->labels, rows * sizeof *w->labels);
    memcpy(w->snap_pi, w->pi, rows * sizeof *w->pi);
    w->snap_t = w->t;
    w->snap_ibar = w->ibar;
    w->snap_at = step;
}

/* 1 if the path state equals the snapshot: the path is then periodic and never ends. */
static int same_as_snapshot(const sd_ws *w)
{
    size_t rows = (size_t)w->t + 2;
    return w->t == w->snap_t && w->ibar == w->snap_ibar &&
           memcmp(w->y, w->snap_y, w->width * sizeof *w->y) == 0 &&
           memcmp(w->ab, w->snap_ab, w->width * sizeof *w->ab) == 0 &&
           memcmp(w->U, w->snap_U, w->width) == 0 && memcmp(w->TT, w->snap_TT, w->width) == 0 &&
           memcmp(w->labels + 1, w->snap_labels + 1, (rows - 1) * sizeof *w->labels) == 0 &&
           memcmp(w->pi + 1, w->snap_pi + 1, (rows - 2) * sizeof *w->pi) == 0;
}

/*
 * One restart on the grid of step 1/D from the start v: follows the path to a completely
 * labelled simplex and leaves the best point seen in besty (its regret in best128 / bestz).
 */
static sc_status restart(sd_ws *w, sc_diag *diag)
{
    int i = 0, j = 0, h = 0, k = 0, kk = 0, ii = 0;
    int rows = (int)w->width;
    uint64_t step = 0;
    w->t = 0;
    w->ibar = 1;
    w->have_best = 0;
    w->have_eval = 0;
    w->leash_hit = 0;
    w->snap_power = 1;
    w->snap_t = -1;
    for (size_t c = 0; c < w->width; c++) {
        w->TT[c] = 0;
        w->U[c] = w->v[c] == 0;
        w->ab[c] = 0;
        w->y[c] = w->v[c];
    }

step1:
    if ((++w->steps & w->clock_mask) == 0 && w->cancel && *w->cancel) {
        return sc__diag_set(diag, SC_ELIMIT, "simpdiv: interrupted on the grid of step 2^-%d",
                            w->grid_bits);
    }
    if ((w->steps & w->clock_mask) == 0 && w->deadline > 0 && sc__game_now() > w->deadline) {
        if (w->last_regret < 0) {
            return sc__diag_set(diag, SC_ELIMIT,
                                "simpdiv: time limit reached on the grid of step 2^-%d",
                                w->grid_bits);
        }
        return sc__diag_set(diag, SC_ELIMIT,
                            "simpdiv: time limit reached on the grid of step 2^-%d (best "
                            "relative regret so far %.3g)",
                            w->grid_bits, w->last_regret);
    }
    /*
     * Nothing guarantees that Gambit's pivoting never returns to a state it has been in on a
     * degenerate game, and it would then loop for ever. Brent's method finds such a cycle with
     * one snapshot; the restart then ends at the best point seen, as at a completely labelled
     * simplex, and the refinement goes on. (No game of the reference corpus cycles: the long
     * runs there, e.g. t_2_player_chance_efg, are long paths.)
     */
    step++;
    if (w->snap_t >= 0 && same_as_snapshot(w)) {
        return SC_OK;
    }
    if (step - w->snap_at >= w->snap_power || w->snap_t < 0) {
        take_snapshot(w, step);
        w->snap_power *= 2;
    }
    label_point(w, &j, &h);
    w->labels[w->ibar] = (sd_pair){j, h};
    if (!AT(w->TT, j, h) && !AT(w->U, j, h)) {
        if (fixed_count(w, j) == w->ns[j] - 1) {
            return SC_OK;
        }
        i = w->t + 1;
        goto step2;
    } else if (AT(w->TT, j, h)) {
        i = 1;
        while (i <= w->t + 1 && (w->labels[i].p != j || w->labels[i].s != h || i == w->ibar)) {
            i++;
        }
        if (i > w->t + 1) {
            goto broken;
        }
        goto step3;
    } else {
        k = h;
        for (int guard = 0; AT(w->U, j, k); guard++) {
            if (guard > w->ns[j]) {
                goto broken;
            }
            k = k + 1 >= w->ns[j] ? 0 : k + 1;
        }
        if (!AT(w->TT, j, k)) {
            i = w->t + 1;
        } else {
            i = 1;
            while ((w->pi[i].p != j || w->pi[i].s != k) && i <= w->t) {
                i++;
            }
        }
        goto step2;
    }

step2:
    if (w->t + 2 > rows) {
        goto broken;
    }
    vertex(w, i);
    rotate_down(w->pi, i, w->t + 1);
    w->pi[i] = (sd_pair){j, h};
    rotate_down(w->labels, i + 1, w->t + 2);
    w->ibar = i + 1;
    w->t++;
    next_vertex(w, i);
    AT(w->TT, j, h) = 1;
    AT(w->U, j, h) = 0;
    goto step1;

step3:
    ii = i == w->t + 1 ? w->t : i;
    if (ii < 1) {
        goto broken;
    }
    j = w->pi[ii].p;
    h = w->pi[ii].s;
    k = i < w->t + 1 ? prev_free(w, j, h) : h;
    kk = after_prev_free(w, j, h);
    ii = i == 1 ? w->t + 1 : (i == w->t + 1 ? 1 : i - 1);
    vertex(w, ii);
    if (i == 1 && blocked(w, j, k)) {
        if (fixed_count(w, j) == w->ns[j] - 1) {
            AT(w->U, j, k) = 1;
            return SC_OK;
        }
        update(w, j, i);
        AT(w->U, j, k) = 1;
        next_vertex(w, w->t);
        goto step1;
    } else if (i >= 2 && i <= w->t && blocked(w, j, k)) {
        goto step4;
    } else if (i == w->t + 1 && AT(w->ab, j, kk) == 0) {
        if (blocked(w, j, h)) {
            goto step4;
        }
        int passed_h = 0;
        while (AT(w->ab, j, kk) == 0 && !passed_h) {
            passed_h = kk == h;
            kk = kk + 1 >= w->ns[j] ? 0 : kk + 1;
        }
        kk = kk > 0 ? kk - 1 : w->ns[j] - 1;
        if (kk == h) {
            goto step4;
        }
        goto step5;
    } else {
        if (i == 1) {
            next_vertex(w, 1);
        } else if (i <= w->t) {
            next_vertex(w, i);
        } else {
            j = w->pi[w->t].p;
            h = w->pi[w->t].s;
            AT(w->y, j, h) -= 1;
            AT(w->y, j, prev_free(w, j, h)) += 1;
        }
        update(w, j, i);
    }
    goto step1;

step4:
    if (i < 2) {
        goto broken;
    }
    vertex(w, 1);
    j = w->pi[i - 1].p;
    h = w->pi[i - 1].s;
    AT(w->TT, j, h) = 0;
    if (blocked(w, j, h)) {
        AT(w->U, j, h) = 1;
    }
    rotate_up(w->labels, i, w->t + 1);
    rotate_up(w->pi, i - 1, w->t);
    w->t--;
    ii = 1;
    while (ii <= w->t + 1 && (w->labels[ii].p != j || w->labels[ii].s != h)) {
        ii++;
    }
    if (ii > w->t + 1) {
        goto broken;
    }
    i = ii;
    goto step3;

step5:
    k = kk;
    rotate_down(w->labels, 1, w->t + 1);
    w->ibar = 1;
    rotate_down(w->pi, 1, w->t);
    AT(w->U, j, k) = 0;
    {
        int j1 = w->pi[1].p, h1 = w->pi[1].s;
        AT(w->y, j1, h1) -= 1;
        AT(w->y, j1, prev_free(w, j1, h1)) += 1;
    }
    shift_ab(w, j, h, -1);
    goto step1;

broken:
    return sc__diag_set(diag, SC_EINVAL, "simpdiv: the pivoting reached an inconsistent state");
}

/* ---- Options ----------------------------------------------------------------------------- */

/*
 * The exact rational of the shortest decimal that reads back as x, so that 1e-7 means 1/10^7
 * as in Gambit rather than the binary double nearest to it.
 */
static void decimal_rational(double x, mpq_t out)
{
    char buf[64];
    for (int digits = 1; digits <= 17; digits++) {
        scx_snprintf_c(buf, sizeof buf, "%.*e", digits - 1, x);
        if (scx_strtod_c(buf, NULL) == x) {
            break;
        }
    }
    /* buf is "d.ddde[+-]XX": mantissa digits without the point, then the exponent. */
    char mant[64];
    size_t m = 0;
    const char *c = buf;
    int neg = 0;
    if (*c == '-') {
        neg = 1;
        c++;
    }
    int frac = 0, seen_point = 0;
    for (; *c && *c != 'e'; c++) {
        if (*c == '.') {
            seen_point = 1;
        } else {
            mant[m++] = *c;
            frac += seen_point;
        }
    }
    mant[m] = '\0';
    long e = *c == 'e' ? strtol(c + 1, NULL, 10) : 0;
    e -= frac;
    mpz_t num, den;
    mpz_init_set_str(num, mant, 10);
    mpz_init_set_ui(den, 1);
    if (e >= 0) {
        mpz_ui_pow_ui(den, 10, (unsigned long)e);
        mpz_mul(num, num, den);
        mpz_set_ui(den, 1);
    } else {
        mpz_ui_pow_ui(den, 10, (unsigned long)-e);
    }
    if (neg) {
        mpz_neg(num, num);
    }
    mpq_set_num(out, num);
    mpq_set_den(out, den);
    mpq_canonicalize(out);
    mpz_clear(num);
    mpz_clear(den);
}

/* ---- Driver ------------------------------------------------------------------------------ */

/* Releases everything ws_init and ensure_wide allocated (also after a partial ws_init). */
static void ws_free(sd_ws *w)
{
    size_t total = (size_t)w->n * w->nprof;
    if (w->payz) {
        for (size_t i = 0; i < total; i++) {
            mpz_clear(w->payz[i]);
        }
        free(w->payz);
    }
    if (w->za) {
        for (size_t i = 0; i < w->tlen; i++) {
            mpz_clear(w->za[i]);
            mpz_clear(w->zb[i]);
        }
    }
    if (w->uz) {
        for (size_t i = 0; i < w->width; i++) {
            mpz_clear(w->uz[i]);
        }
    }
    free(w->za);
    free(w->zb);
    free(w->uz);
    free(w->pay64);
    free(w->ta);
    free(w->tb);
    free(w->u128);
    free(w->ns);
    free(w->off);
    free(w->v);
    free(w->y);
    free(w->besty);
    free(w->ab);
    free(w->U);
    free(w->TT);
    free(w->labels);
    free(w->pi);
    free(w->yeval);
    free(w->payT64);
    if (w->payTz) {
        for (size_t i = 0; i < w->nprof; i++) {
            mpz_clear(w->payTz[i]);
        }
        free(w->payTz);
    }
    free(w->snap_y);
    free(w->snap_ab);
    free(w->snap_U);
    free(w->snap_TT);
    free(w->snap_labels);
    free(w->snap_pi);
    mpz_clear(w->range);
    mpz_clear(w->bestz);
    mpz_clear(w->regz);
    mpz_clear(w->accz);
}

/* Allocates the workspaces; GMP buffers only when a restart will need them (lazily). */
static sc_status ws_init(sd_ws *w, const sc_game *g, sc_diag *diag)
{
    memset(w, 0, sizeof *w);
    mpz_init(w->range);
    mpz_init(w->bestz);
    mpz_init(w->regz);
    mpz_init(w->accz);
    if (g->n == 0 || g->nprof == 0) {
        return sc__diag_set(diag, SC_EINVAL, "simpdiv: the game has no players or strategies");
    }
    if (g->n > 64) {
        return sc__diag_set(diag, SC_ELIMIT, "simpdiv: at most 64 players");
    }
    w->n = (int)g->n;
    w->nprof = g->nprof;
    w->width = sc__game_width(g);
    w->ns = malloc(g->n * sizeof *w->ns);
    w->off = malloc((g->n + 1) * sizeof *w->off);
    if (!w->ns || !w->off) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    w->off[0] = 0;
    for (size_t p = 0; p < g->n; p++) {
        if (g->ns[p] > INT_MAX / 2) {
            return sc__diag_set(diag, SC_ELIMIT, "simpdiv: too many strategies");
        }
        w->ns[p] = (int)g->ns[p];
        w->off[p + 1] = w->off[p] + g->ns[p];
    }
    if (w->width > INT_MAX / 2) {
        return sc__diag_set(diag, SC_ELIMIT, "simpdiv: too many strategies");
    }
    /* The largest intermediate tensor is the payoff tensor with one player contracted. */
    w->tlen = w->nprof;
    size_t rows = w->width + 3;
    w->ta = malloc(w->tlen * sizeof *w->ta);
    w->tb = malloc(w->tlen * sizeof *w->tb);
    w->u128 = malloc(w->width * sizeof *w->u128);
    w->v = calloc(w->width, sizeof *w->v);
    w->y = calloc(w->width, sizeof *w->y);
    w->besty = calloc(w->width, sizeof *w->besty);
    w->ab = calloc(w->width, sizeof *w->ab);
    w->U = calloc(w->width, 1);
    w->TT = calloc(w->width, 1);
    w->labels = calloc(rows, sizeof *w->labels);
    w->pi = calloc(rows, sizeof *w->pi);
    w->yeval = calloc(w->width, sizeof *w->yeval);
    w->snap_y = calloc(w->width, sizeof *w->snap_y);
    w->snap_ab = calloc(w->width, sizeof *w->snap_ab);
    w->snap_U = calloc(w->width, 1);
    w->snap_TT = calloc(w->width, 1);
    w->snap_labels = calloc(rows, sizeof *w->snap_labels);
    w->snap_pi = calloc(rows, sizeof *w->snap_pi);
    if (!w->yeval || !w->snap_y || !w->snap_ab || !w->snap_U || !w->snap_TT || !w->snap_labels ||
        !w->snap_pi || !w->ta || !w->tb || !w->u128 || !w->v || !w->y || !w->besty || !w->ab || !w->U ||
        !w->TT || !w->labels || !w->pi) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    return scale_payoffs(w, g, diag);
}

/* Creates the GMP workspaces the first time a restart needs them. */
static sc_status ensure_wide(sd_ws *w, sc_diag *diag)
{
    if (w->za) {
        return SC_OK;
    }
    w->za = malloc(w->tlen * sizeof *w->za);
    w->zb = malloc(w->tlen * sizeof *w->zb);
    w->uz = malloc(w->width * sizeof *w->uz);
    if (!w->za || !w->zb || !w->uz) {
        free(w->za);
        free(w->zb);
        free(w->uz);
        w->za = w->zb = w->uz = NULL;
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < w->tlen; i++) {
        mpz_init(w->za[i]);
        mpz_init(w->zb[i]);
    }
    for (size_t i = 0; i < w->width; i++) {
        mpz_init(w->uz[i]);
    }
    return SC_OK;
}

sc_status sc__game_simpdiv(const sc_game *g, const sc_game_solve_options *o,
                           sc_game_solution *sol, sc_diag *diag)
{
    return sc__game_simpdiv_run(g, o, 0, sol, diag);
}

sc_status sc__game_simpdiv_run(const sc_game *g, const sc_game_solve_options *o, int force_gmp,
                               sc_game_solution *sol, sc_diag *diag)
{
    if (!(o->max_regret >= 0) || !isfinite(o->max_regret)) {
        return sc__diag_set(diag, SC_EINVAL, "simpdiv: max_regret must be a finite number >= 0");
    }
    sd_ws w;
    sc_status st = ws_init(&w, g, diag);
    mpq_t maxregret, bound, regret;
    mpq_init(maxregret);
    mpq_init(bound);
    mpq_init(regret);
    mpq_t *profile = NULL;
    if (st != SC_OK) {
        goto cleanup;
    }
    if (o->max_regret > 0) {
        decimal_rational(o->max_regret, maxregret);
    } else {
        mpq_set_ui(maxregret, 1, 10000000);
    }
    w.deadline = o->time_limit > 0 ? sc__game_now() + o->time_limit : 0;
    w.cancel = o->cancel;
    /* A step of a large game takes long enough to read the clock every time. */
    w.clock_mask = w.nprof * (size_t)w.n > 4096 ? 0 : 255;
    w.leash = LEASH_STEPS;
    w.last_regret = -1;

    /* Gambit's default start: every player's first strategy, a grid point of step 1. */
    for (int p = 0; p < w.n; p++) {
        w.besty[w.off[p]] = 1;
    }
    int again = 0; /* repeat the last grid without the leash */
    for (w.grid_bits = 1;; w.grid_bits += !again) {
        if (w.grid_bits > MAX_GRID_BITS) {
            st = sc__diag_set(diag, SC_ENOCONV,
                              "simpdiv: no profile within the regret bound on grids down to "
                              "2^-%d",
                              MAX_GRID_BITS);
            goto cleanup;
        }
        for (size_t c = 0; c < w.width && !again; c++) {
            w.v[c] = 2 * w.besty[c];
        }
        again = 0;
        w.wide = force_gmp || w.pay64 == NULL ||
                 w.paybits + (size_t)w.n * (size_t)w.grid_bits + 2 > I128_BITS;
        if (w.wide && (st = ensure_wide(&w, diag)) != SC_OK) {
            goto cleanup;
        }
        st = restart(&w, diag);
        if (st != SC_OK) {
            goto cleanup;
        }
        /* Stop when bestz / (D^N L) <= max_regret * range / L, i.e. bestz <= mr range D^N. */
        if (!w.wide) {
            i128 b = w.best128;
            mpz_set_si(w.regz, (long)(int64_t)(b >> 64));
            mpz_mul_2exp(w.regz, w.regz, 64);
            mpz_add_ui(w.regz, w.regz, (unsigned long)(uint64_t)b);
            mpz_set(w.bestz, w.regz);
        }
        mpq_set_z(regret, w.bestz);
        mpz_mul_2exp(mpq_numref(bound), w.range, (mp_bitcnt_t)w.n * (mp_bitcnt_t)w.grid_bits);
        mpz_set_ui(mpq_denref(bound), 1);
        mpq_mul(bound, bound, maxregret);
        if (mpq_cmp(regret, bound) <= 0) {
            break;
        }
        if (mpz_sgn(w.range) > 0) {
            mpz_mul_2exp(mpq_numref(bound), w.range, (mp_bitcnt_t)w.n * (mp_bitcnt_t)w.grid_bits);
            mpz_set_ui(mpq_denref(bound), 1);
            mpq_div(bound, regret, bound);
            w.last_regret = mpq_get_d(bound);
        }
        /*
         * Gambit's leash keeps the path within 32000 grid steps of its start. On fine grids it
         * can end the path before any point better than the start, and then every later
         * restart does the same and Gambit refines for ever (cent3_efg with max_regret 1e-8).
         * Where that happens the grid is searched again without the leash; Gambit has no
         * answer there to agree with.
         */
        if (w.leash_hit && w.leash != INT64_MAX &&
            memcmp(w.besty, w.v, w.width * sizeof *w.v) == 0) {
            w.leash = INT64_MAX;
            again = 1;
        }
    }

    profile = malloc(w.width * sizeof *profile);
    if (!profile) {
        st = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t c = 0; c < w.width; c++) {
        mpq_init(profile[c]);
        mpz_set_si(mpq_numref(profile[c]), (long)w.besty[c]);
        mpz_set_ui(mpq_denref(profile[c]), 1);
        mpz_mul_2exp(mpq_denref(profile[c]), mpq_denref(profile[c]),
                     (mp_bitcnt_t)w.grid_bits);
        mpq_canonicalize(profile[c]);
    }
    st = sc__sol_push_q(sol, profile, diag);
    for (size_t c = 0; c < w.width; c++) {
        mpq_clear(profile[c]);
    }

cleanup:
    free(profile);
    mpq_clear(maxregret);
    mpq_clear(bound);
    mpq_clear(regret);
    ws_free(&w);
    return st;
}
