/* SPDX-License-Identifier: MIT */
/*
 * enummixed: every extreme Nash equilibrium of a two-player game, in exact arithmetic, and on
 * request the maximal convex sets of equilibria (Gambit's "cliques", `gambit-enummixed -c`).
 *
 * Method (von Stengel 2002, Handbook of Game Theory 3, ch. 45; Avis, Rosenberg, Savani and
 * von Stengel 2010, Economic Theory 42, the lrsnash scheme). Each player's payoffs are made
 * positive integers by a positive affine map, which leaves the equilibria unchanged. With A the
 * row player's and B the column player's payoffs, the best-response polytopes are
 *     P = {x >= 0 : B'x <= 1}    and    Q = {y >= 0 : Ay <= 1}.
 * (x, y), both non-zero, is an extreme equilibrium, after normalising x and y to probabilities,
 * exactly when x is a vertex of P, y a vertex of Q and the pair is complementary:
 * x_i = 0 or (Ay)_i = 1 for every i, and y_j = 0 or (B'x)_j = 1 for every j.
 *
 * We enumerate the vertices of the polytope of the player with fewer strategies ("outer"); for
 * each non-zero vertex x, the partners y are exactly the vertices of the face of the other polytope
 * where y_j = 0 for every j that is not a best response to x and (Ay)_i = 1 for every i in the
 * support of x. That face is reached by a small phase-1 simplex and its vertices are enumerated
 * the same way, so the larger polytope is never enumerated whole.
 *
 * Games from extensive forms are very degenerate (repeated and dominated strategies), and
 * degeneracy multiplies the bases of a vertex. So constraints that are componentwise below
 * another one (they never cut the polytope) are left out of the enumeration, and in each face
 * strategies with equal columns ("twins") are merged and expanded again afterwards: a vertex uses
 * at most one twin of each set, and any one will do.
 *
 * Vertex enumeration is a depth-first search over the lexicographically feasible bases: the bases
 * of the polytope perturbed by (eps, eps^2, ...) on the constraints of the starting basis. That
 * polytope is simple, its graph is connected and each of its vertices maps to a vertex of the
 * original, so degenerate polytopes are enumerated exactly. Pivoting is on GMP integers (Edmonds'
 * integer pivoting: every entry is an integer and the common denominator is the determinant of the
 * basis), visited bases are kept in a hash set and vertices are told apart by their label sets
 * (outer) or primitive integer vectors (inner), so each distinct equilibrium is reported once.
 * Memory is bounded: past MAX_BASES bases or MAX_ANSWER_ENTRIES probabilities the answer is
 * SC_ELIMIT, like a time limit.
 *
 * Components: the equilibria form a bipartite graph (x-vertices against y-vertices); the maximal
 * convex sets of equilibria are its maximal complete bipartite subgraphs (ARSvS 2010, section 5),
 * which we list as the closed sets of the neighbourhood Galois connection: every intersection of
 * the neighbourhoods of outer vertices, built incrementally and de-duplicated.
 */
#include "game/game_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"

#define NONE SIZE_MAX

/*
 * The most bases one enumeration may remember (about 50 bytes each); beyond it the answer is
 * SC_ELIMIT rather than exhausting the memory of the machine.
 */
#define MAX_BASES ((size_t)1 << 24)

/*
 * The most exact probabilities the answer may hold (count x width; about 60 bytes each with the
 * double copy). Games from extensive forms can have millions of extreme equilibria; past this
 * the answer is SC_ELIMIT instead of gigabytes of output.
 */
#define MAX_ANSWER_ENTRIES ((size_t)1 << 22)

/* How many pivots between two looks at the clock. */
#define CLOCK_EVERY 64u

/* ---- A hash set of byte strings; each key gets a dense id in insertion order --------------- */

typedef struct keyset {
    unsigned char *bytes; /* the keys back to back */
    size_t used, cap;
    size_t *offset; /* count + 1 offsets into bytes */
    size_t count, offset_cap;
    size_t *table;     /* open addressing, id + 1; 0 = empty */
    size_t table_size; /* a power of two, at least twice count */
} keyset;

static uint64_t hash_key(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 0x100000001b3ull;
    }
    return h ^ (h >> 31);
}

static void keyset_destroy(keyset *s)
{
    free(s->bytes);
    free(s->offset);
    free(s->table);
    memset(s, 0, sizeof *s);
}

static void keyset_clear(keyset *s)
{
    s->used = 0;
    s->count = 0;
    if (s->table) {
        memset(s->table, 0, s->table_size * sizeof *s->table);
    }
}

static int keyset_rehash(keyset *s, size_t size)
{
    size_t *table = calloc(size, sizeof *table);
    if (!table) {
        return 0;
    }
    for (size_t id = 0; id < s->count; id++) {
        size_t h = (size_t)hash_key(s->bytes + s->offset[id], s->offset[id + 1] - s->offset[id]);
        h &= size - 1;
        while (table[h]) {
            h = (h + 1) & (size - 1);
        }
        table[h] = id + 1;
    }
    free(s->table);
    s->table = table;
    s->table_size = size;
    return 1;
}

/* Finds or adds key; *id is its id. Returns 1 if added, 0 if present, -1 when out of memory. */
static int keyset_add(keyset *s, const unsigned char *key, size_t n, size_t *id)
{
    if (2 * (s->count + 1) > s->table_size &&
        !keyset_rehash(s, s->table_size ? 2 * s->table_size : 256)) {
        return -1;
    }
    size_t mask = s->table_size - 1, h = (size_t)hash_key(key, n) & mask;
    for (; s->table[h]; h = (h + 1) & mask) {
        size_t k = s->table[h] - 1;
        if (s->offset[k + 1] - s->offset[k] == n && memcmp(s->bytes + s->offset[k], key, n) == 0) {
            *id = k;
            return 0;
        }
    }
    if (s->count + 2 > s->offset_cap) {
        size_t cap = s->offset_cap ? 2 * s->offset_cap : 256;
        size_t *off = realloc(s->offset, cap * sizeof *off);
        if (!off) {
            return -1;
        }
        s->offset = off;
        s->offset_cap = cap;
    }
    if (s->used + n > s->cap) {
        size_t cap = 2 * (s->used + n) + 1024;
        unsigned char *b = realloc(s->bytes, cap);
        if (!b) {
            return -1;
        }
        s->bytes = b;
        s->cap = cap;
    }
    s->offset[0] = 0;
    if (n) {
        memcpy(s->bytes + s->used, key, n);
    }
    s->used += n;
    s->offset[s->count + 1] = s->used;
    s->table[h] = ++s->count;
    *id = s->count - 1;
    return 1;
}

/* ---- Integer tableau ---------------------------------------------------------------------- */

/*
 * Row r states  det * v_basis[r] + sum_c a[r][c] * v_nonbasic[c] = a[r][0]  for the live
 * non-basic columns c = 1..cols (lrs keeps only these columns too). The variables are the
 * structural ones 0..dim-1 and the slacks dim..dim+rows-1. Row `rows` is the objective row of
 * phase 1 when there is one. A dropped column is a variable fixed at zero for good.
 */
typedef struct tableau {
    size_t rows, cols, dim; /* constraint rows, live non-basic columns, structural variables */
    size_t stride;          /* allocated columns + 1 */
    size_t row_cap;         /* allocated constraint rows (+1 objective row) */
    int has_objective;
    mpz_t *a;
    mpz_t det, t;
    size_t *basic;           /* row -> variable */
    size_t *nonbasic;        /* column -> variable (index 0 unused) */
    size_t *row_of, *col_of; /* variable -> row / column, NONE when not there */
    size_t *ref;             /* the lexicographic reference: the starting basis, by row */
    uint64_t *basis_bits;    /* the set of basic variables */
    size_t words;            /* uint64 words of basis_bits */
} tableau;

static mpz_ptr at(const tableau *t, size_t r, size_t c)
{
    return t->a[r * t->stride + c];
}

static void tableau_destroy(tableau *t)
{
    if (t->a) {
        for (size_t i = 0; i < (t->row_cap + 1) * t->stride; i++) {
            mpz_clear(t->a[i]);
        }
        mpz_clear(t->det);
        mpz_clear(t->t);
    }
    free(t->a);
    free(t->basic);
    free(t->nonbasic);
    free(t->row_of);
    free(t->col_of);
    free(t->ref);
    free(t->basis_bits);
    memset(t, 0, sizeof *t);
}

static int tableau_alloc(tableau *t, size_t row_cap, size_t col_cap)
{
    memset(t, 0, sizeof *t);
    size_t nvars = row_cap + col_cap;
    t->row_cap = row_cap;
    t->stride = col_cap + 1;
    t->words = (nvars + 63) / 64 + 1;
    t->basic = malloc((row_cap + 1) * sizeof *t->basic);
    t->nonbasic = malloc((col_cap + 1) * sizeof *t->nonbasic);
    t->row_of = malloc((nvars + 1) * sizeof *t->row_of);
    t->col_of = malloc((nvars + 1) * sizeof *t->col_of);
    t->ref = malloc((row_cap + 1) * sizeof *t->ref);
    t->basis_bits = malloc(t->words * sizeof *t->basis_bits);
    mpz_t *a = malloc((row_cap + 1) * t->stride * sizeof *a);
    if (!t->basic || !t->nonbasic || !t->row_of || !t->col_of || !t->ref || !t->basis_bits || !a) {
        free(a);
        tableau_destroy(t);
        return 0;
    }
    for (size_t i = 0; i < (row_cap + 1) * t->stride; i++) {
        mpz_init(a[i]);
    }
    mpz_init(t->det);
    mpz_init(t->t);
    t->a = a;
    return 1;
}

/*
 * The slack basis of {z >= 0 : Mz <= 1} with `dim` structural variables of which the columns
 * listed in `keep` (all when keep is NULL) are live; M is read through coef(row, structural).
 */
static void tableau_start(tableau *t, size_t rows, size_t dim, const size_t *keep, size_t nkeep,
                          mpz_t *matrix, size_t matrix_cols, int has_objective)
{
    size_t cols = keep ? nkeep : dim;
    t->rows = rows;
    t->cols = cols;
    t->dim = dim;
    t->has_objective = has_objective;
    mpz_set_ui(t->det, 1);
    memset(t->basis_bits, 0, t->words * sizeof *t->basis_bits);
    for (size_t v = 0; v < dim + rows; v++) {
        t->row_of[v] = NONE;
        t->col_of[v] = NONE;
    }
    for (size_t c = 1; c <= cols; c++) {
        size_t v = keep ? keep[c - 1] : c - 1;
        t->nonbasic[c] = v;
        t->col_of[v] = c;
    }
    for (size_t r = 0; r < rows; r++) {
        size_t v = dim + r;
        t->basic[r] = v;
        t->row_of[v] = r;
        t->ref[r] = v;
        t->basis_bits[v / 64] |= (uint64_t)1 << (v % 64);
        mpz_set_ui(at(t, r, 0), 1);
        for (size_t c = 1; c <= cols; c++) {
            mpz_set(at(t, r, c), matrix[r * matrix_cols + t->nonbasic[c]]);
        }
    }
    if (has_objective) {
        for (size_t c = 0; c <= cols; c++) {
            mpz_set_ui(at(t, rows, c), 0);
        }
    }
}

/* Exchanges the basic variable of row r and the non-basic variable of column c. */
static void pivot(tableau *t, size_t r, size_t c)
{
    size_t last = t->rows + (t->has_objective ? 1 : 0), width = t->cols + 1;
    mpz_ptr p = at(t, r, c);
    int unit = mpz_cmp(p, t->det) == 0;
    for (size_t i = 0; i < last; i++) {
        if (i == r) {
            continue;
        }
        mpz_ptr ic = at(t, i, c);
        if (mpz_sgn(ic) == 0) {
            if (!unit) { /* only the change of common denominator */
                for (size_t j = 0; j < width; j++) {
                    mpz_ptr ij = at(t, i, j);
                    if (j != c && mpz_sgn(ij) != 0) {
                        mpz_mul(t->t, ij, p);
                        mpz_divexact(ij, t->t, t->det);
                    }
                }
            }
            continue;
        }
        for (size_t j = 0; j < width; j++) {
            if (j == c) {
                continue;
            }
            mpz_ptr ij = at(t, i, j);
            mpz_mul(t->t, ij, p);
            mpz_submul(t->t, ic, at(t, r, j));
            mpz_divexact(ij, t->t, t->det);
        }
        mpz_neg(ic, ic);
    }
    mpz_swap(t->t, p); /* t->t = pivot element */
    mpz_set(p, t->det);
    mpz_swap(t->det, t->t);
    if (mpz_sgn(t->det) < 0) { /* keep det > 0: negate every equation */
        for (size_t i = 0; i < last; i++) {
            for (size_t j = 0; j < width; j++) {
                mpz_neg(at(t, i, j), at(t, i, j));
            }
        }
        mpz_neg(t->det, t->det);
    }
    size_t in = t->nonbasic[c], out = t->basic[r];
    t->basic[r] = in;
    t->nonbasic[c] = out;
    t->row_of[in] = r;
    t->col_of[in] = NONE;
    t->row_of[out] = NONE;
    t->col_of[out] = c;
    t->basis_bits[in / 64] |= (uint64_t)1 << (in % 64);
    t->basis_bits[out / 64] &= ~((uint64_t)1 << (out % 64));
}

/* Fixes the non-basic variable of column c at zero for good: its column is removed. */
static void drop_column(tableau *t, size_t c)
{
    size_t last_row = t->rows + (t->has_objective ? 1 : 0), last = t->cols;
    t->col_of[t->nonbasic[c]] = NONE;
    if (c != last) {
        for (size_t i = 0; i < last_row; i++) {
            mpz_swap(at(t, i, c), at(t, i, last));
        }
        t->nonbasic[c] = t->nonbasic[last];
        t->col_of[t->nonbasic[c]] = c;
    }
    t->cols--;
}

/* Sign of u/du - w/dw for du, dw > 0. */
static int ratio_cmp(tableau *t, mpz_srcptr u, mpz_srcptr du, mpz_srcptr w, mpz_srcptr dw)
{
    mpz_mul(t->t, u, dw);
    mpz_submul(t->t, w, du);
    return mpz_sgn(t->t);
}

/*
 * The leaving row when column c enters: the lexicographic minimum of (rhs, reference columns)
 * divided by the column entry, over the rows with a positive entry. The reference columns are
 * independent, so there is never a tie and the new basis is lexicographically feasible again.
 * NONE when the column is unbounded (never for a polytope) or has no positive entry.
 */
static size_t leaving_row(tableau *t, size_t c)
{
    size_t best = NONE;
    for (size_t r = 0; r < t->rows; r++) {
        mpz_srcptr pr = at(t, r, c);
        if (mpz_sgn(pr) <= 0) {
            continue;
        }
        if (best == NONE) {
            best = r;
            continue;
        }
        mpz_srcptr pb = at(t, best, c);
        int s = ratio_cmp(t, at(t, r, 0), pr, at(t, best, 0), pb);
        for (size_t k = 0; s == 0 && k < t->rows; k++) {
            size_t v = t->ref[k], q = t->row_of[v];
            if (q != NONE) { /* a basic variable's full column is det * unit vector of its row */
                s = q == r ? 1 : q == best ? -1 : 0;
            } else if (t->col_of[v] != NONE) {
                s = ratio_cmp(t, at(t, r, t->col_of[v]), pr, at(t, best, t->col_of[v]), pb);
            }
        }
        if (s < 0) {
            best = r;
        }
    }
    return best;
}

/* ---- Depth-first search over the lexicographically feasible bases ------------------------- */

typedef sc_status (*on_basis_fn)(void *ctx, tableau *t, sc_diag *diag);

typedef struct dfs_stack {
    size_t *next_col, *via_row, *via_col; /* per depth */
    size_t cap;
    uint64_t *child; /* scratch basis set */
    keyset seen;
    double deadline;
    size_t ticks;
    const volatile sig_atomic_t *cancel; /* the options' cancel flag, or NULL */
} dfs_stack;

static void dfs_destroy(dfs_stack *s)
{
    free(s->next_col);
    free(s->via_row);
    free(s->via_col);
    free(s->child);
    keyset_destroy(&s->seen);
}

static int dfs_reserve(dfs_stack *s, size_t depth)
{
    if (depth < s->cap) {
        return 1;
    }
    size_t cap = s->cap ? 2 * s->cap : 64;
    size_t *a = realloc(s->next_col, cap * sizeof *a);
    if (!a) {
        return 0;
    }
    s->next_col = a;
    a = realloc(s->via_row, cap * sizeof *a);
    if (!a) {
        return 0;
    }
    s->via_row = a;
    a = realloc(s->via_col, cap * sizeof *a);
    if (!a) {
        return 0;
    }
    s->via_col = a;
    s->cap = cap;
    return 1;
}

static sc_status tick(dfs_stack *s, sc_diag *diag)
{
    if (s->cancel && *s->cancel) {
        return sc__diag_set(diag, SC_ELIMIT, "enummixed: interrupted");
    }
    if (s->deadline > 0 && ++s->ticks % CLOCK_EVERY == 0 && sc__game_now() > s->deadline) {
        return sc__diag_set(diag, SC_ELIMIT, "enummixed: time limit reached");
    }
    return SC_OK;
}

/*
 * Calls fn once for every lexicographically feasible basis reachable from the current one (the
 * starting basis must be lexicographically feasible for t->ref). The tableau ends where it began,
 * except after an error.
 */
static sc_status enumerate_bases(tableau *t, dfs_stack *s, on_basis_fn fn, void *ctx, sc_diag *diag)
{
    size_t bytes = t->words * sizeof *t->basis_bits, id, depth = 0;
    keyset_clear(&s->seen);
    if (keyset_add(&s->seen, (const unsigned char *)t->basis_bits, bytes, &id) < 0 ||
        !dfs_reserve(s, 1)) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    sc_status rc = fn(ctx, t, diag);
    s->next_col[0] = 1;
    while (rc == SC_OK) {
        int descended = 0;
        rc = tick(s, diag);
        for (size_t c = s->next_col[depth]; rc == SC_OK && c <= t->cols; c++) {
            size_t r = leaving_row(t, c);
            if (r == NONE) {
                continue;
            }
            size_t in = t->nonbasic[c], out = t->basic[r];
            memcpy(s->child, t->basis_bits, bytes);
            s->child[in / 64] |= (uint64_t)1 << (in % 64);
            s->child[out / 64] &= ~((uint64_t)1 << (out % 64));
            int fresh = keyset_add(&s->seen, (const unsigned char *)s->child, bytes, &id);
            if (fresh < 0 || !dfs_reserve(s, depth + 2)) {
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                break;
            }
            if (!fresh) {
                continue;
            }
            if (s->seen.count > MAX_BASES) {
                rc = sc__diag_set(diag, SC_ELIMIT,
                                  "enummixed: more than %zu bases of one polytope; the vertex "
                                  "enumeration is too large (try lcp)",
                                  MAX_BASES);
                break;
            }
            s->next_col[depth] = c + 1;
            pivot(t, r, c);
            depth++;
            s->via_row[depth] = r;
            s->via_col[depth] = c;
            s->next_col[depth] = 1;
            descended = 1;
            rc = fn(ctx, t, diag);
            break;
        }
        if (rc != SC_OK || descended) {
            continue;
        }
        if (depth == 0) {
            break;
        }
        pivot(t, s->via_row[depth], s->via_col[depth]); /* back to the parent basis */
        depth--;
    }
    /* on error the tableau is left where it is: every caller then abandons it */
    return rc;
}

/* ---- The solver --------------------------------------------------------------------------- */

typedef struct solver {
    const sc_game *g;
    size_t k, l;         /* strategies of the outer and of the inner player */
    int outer_is_row;    /* the outer player is player 1 */
    mpz_t *outer_matrix; /* l x k: the inner player's payoffs, by inner strategy */
    mpz_t *outer_rows;   /* the rows of outer_matrix that are not redundant, packed */
    size_t nouter_rows;
    mpz_t *inner_matrix; /* k x l: the outer player's payoffs, by outer strategy */
    tableau outer, face;
    dfs_stack outer_dfs, face_dfs;
    keyset outer_vertices; /* every distinct vertex of the outer polytope */
    keyset inner_vertices; /* the distinct partners found, with global ids */
    keyset face_vertices;  /* the partners found in the current face */
    unsigned char *key;    /* scratch for vertex keys */
    size_t key_cap;
    mpz_t *num;       /* scratch: a vertex's primitive integer vector */
    mpz_t *num2;      /* scratch: the same, expanded over twins */
    uint64_t *labels; /* scratch: the label set of an outer vertex */
    mpz_t gcd, dot;
    size_t *support, nsupport; /* outer strategies played at the current x */
    size_t *tight, ntight;     /* inner strategies that are best responses to x */
    /*
     * Inner strategies with identical columns of inner_matrix (the same payoffs for the outer
     * player) are twins: a vertex of the face puts weight on at most one of a set of twins, and
     * any one will do, so the face is enumerated with one representative per set (far fewer
     * degenerate bases) and each vertex found is expanded over the choices of twins.
     */
    size_t *face_row, nface_rows; /* the kept rows of the face: the support first */
    unsigned char *in_support;    /* k: scratch */
    mpz_t *face_matrix;           /* the kept rows of inner_matrix, shallow copies */
    uint64_t *column_hash, *rep_hash;
    size_t *slot_of;           /* by tight position: its representative's slot */
    size_t *rep, nrep;         /* representatives among the tight strategies */
    size_t *member_start;      /* nrep + 1 offsets into member */
    size_t *member;            /* the tight strategies grouped by representative */
    size_t *positive, *choice; /* scratch for the expansion */
    mpq_t *yprob;              /* l: the representative vertex as probabilities */
    mpq_t *profile;            /* width m + n: the equilibrium being pushed */
    size_t cur_outer;          /* component id of the current x, NONE until it has a partner */
    size_t nouter_used;
    size_t *edges; /* triples: outer id, inner id, solution index */
    size_t nedges, edge_cap;
    sc_game_solution *sol;
} solver;

/* Serialises the primitive integer vector num[0..n) (gcd removed) as a hash key. */
static int vertex_key(solver *s, mpz_t *num, size_t n, size_t *len)
{
    mpz_set_ui(s->gcd, 0);
    for (size_t i = 0; i < n; i++) {
        mpz_gcd(s->gcd, s->gcd, num[i]);
    }
    size_t need = 0;
    for (size_t i = 0; i < n; i++) {
        if (mpz_sgn(s->gcd) > 0) {
            mpz_divexact(num[i], num[i], s->gcd);
        }
        need += sizeof(size_t) + (mpz_sizeinbase(num[i], 2) + 7) / 8;
    }
    if (need > s->key_cap) {
        size_t cap = 2 * need;
        unsigned char *k = realloc(s->key, cap);
        if (!k) {
            return 0;
        }
        s->key = k;
        s->key_cap = cap;
    }
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        size_t count = 0;
        if (mpz_sgn(num[i]) != 0) {
            mpz_export(s->key + pos + sizeof count, &count, 1, 1, 0, 0, num[i]);
        }
        memcpy(s->key + pos, &count, sizeof count);
        pos += sizeof count + count;
    }
    *len = pos;
    return 1;
}

/* Writes num[0..n) / sum into out[0..n) in lowest terms. */
static void to_probabilities(solver *s, size_t n, mpq_t *out)
{
    mpz_set_ui(s->gcd, 0);
    for (size_t i = 0; i < n; i++) {
        mpz_add(s->gcd, s->gcd, s->num[i]);
    }
    for (size_t i = 0; i < n; i++) {
        mpz_set(mpq_numref(out[i]), s->num[i]);
        mpz_set(mpq_denref(out[i]), s->gcd);
        mpq_canonicalize(out[i]);
    }
}

/* The values of the first n structural variables of t's current basis, times det. */
static void basis_point(solver *s, const tableau *t, size_t n)
{
    for (size_t v = 0; v < n; v++) {
        size_t r = t->row_of[v];
        if (r == NONE) {
            mpz_set_ui(s->num[v], 0);
        } else {
            mpz_set(s->num[v], at(t, r, 0));
        }
    }
}

static sc_status add_edge(solver *s, size_t inner_id, sc_diag *diag)
{
    if (s->nedges == s->edge_cap) {
        size_t cap = s->edge_cap ? 2 * s->edge_cap : 64;
        size_t *e = realloc(s->edges, 3 * cap * sizeof *e);
        if (!e) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        s->edges = e;
        s->edge_cap = cap;
    }
    if (s->cur_outer == NONE) {
        s->cur_outer = s->nouter_used++;
    }
    size_t *e = s->edges + 3 * s->nedges++;
    e[0] = s->cur_outer;
    e[1] = inner_id;
    e[2] = s->sol->count;
    return SC_OK;
}

/* A basis of the face complementary to x: its point y is a partner of x when new. */
static sc_status on_face_basis(void *ctx, tableau *t, sc_diag *diag)
{
    solver *s = ctx;
    size_t len, id;
    basis_point(s, t, s->l);
    if (!vertex_key(s, s->num, s->l, &len)) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    int fresh = keyset_add(&s->face_vertices, s->key, len, &id);
    if (fresh <= 0) {
        return fresh < 0 ? sc__diag_set(diag, SC_ENOMEM, "out of memory") : SC_OK;
    }
    to_probabilities(s, s->l, s->yprob);
    /* the representatives with weight, as slots, and the odometer over their twins */
    size_t npos = 0;
    for (size_t q = 0; q < s->nrep; q++) {
        if (mpz_sgn(s->num[s->rep[q]]) != 0) {
            s->positive[npos] = q;
            s->choice[npos] = s->member_start[q];
            npos++;
        }
    }
    size_t m = s->g->ns[0];
    mpq_t *y = s->profile + (s->outer_is_row ? m : 0);
    sc_status rc = SC_OK;
    for (;;) {
        /* the expanded vertex: a permutation of the representative's entries plus zeros */
        for (size_t j = 0; j < s->l; j++) {
            mpz_set_ui(s->num2[j], 0);
            mpq_set_ui(y[j], 0, 1);
        }
        for (size_t p = 0; p < npos; p++) {
            size_t from = s->rep[s->positive[p]], to = s->member[s->choice[p]];
            mpq_set(y[to], s->yprob[from]);
            mpz_set(s->num2[to], s->num[from]);
        }
        if (!vertex_key(s, s->num2, s->l, &len)) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        if (keyset_add(&s->inner_vertices, s->key, len, &id) < 0) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        if ((s->sol->count + 1) * s->sol->width > MAX_ANSWER_ENTRIES) {
            return sc__diag_set(diag, SC_ELIMIT,
                                "enummixed: more than %zu extreme equilibria; the answer is too "
                                "large to hold",
                                s->sol->count);
        }
        rc = add_edge(s, id, diag);
        if (rc == SC_OK) {
            rc = sc__sol_push_q(s->sol, s->profile, diag);
        }
        if (rc != SC_OK) {
            return rc;
        }
        size_t p = 0; /* next combination of twins */
        while (p < npos && ++s->choice[p] == s->member_start[s->positive[p] + 1]) {
            s->choice[p] = s->member_start[s->positive[p]];
            p++;
        }
        if (p == npos) {
            break;
        }
    }
    return rc;
}

/*
 * The face complementary to x in a smaller form. Rows: the support S of x first (forced tight),
 * then each other row unless it is componentwise <= another row on the tight columns T (then it
 * holds wherever that row does; among equal rows the forced one, else the first, stays). Columns:
 * the tight strategies grouped into twins, equal on every kept row, one representative each.
 */
static void prepare_face(solver *s)
{
    size_t nf = 0;
    for (size_t q = 0; q < s->nsupport; q++) {
        s->face_row[nf++] = s->support[q];
        s->in_support[s->support[q]] = 1;
    }
    for (size_t i = 0; i < s->k; i++) {
        if (s->in_support[i]) {
            continue;
        }
        int redundant = 0;
        for (size_t o = 0; o < s->k && !redundant; o++) {
            if (o == i) {
                continue;
            }
            int below = 1, equal = 1;
            for (size_t q = 0; q < s->ntight && below; q++) {
                size_t j = s->tight[q];
                int c = mpz_cmp(s->inner_matrix[i * s->l + j], s->inner_matrix[o * s->l + j]);
                below = c <= 0;
                equal &= c == 0;
            }
            redundant = below && (!equal || s->in_support[o] || o < i);
        }
        if (!redundant) {
            s->face_row[nf++] = i;
        }
    }
    for (size_t q = 0; q < s->nsupport; q++) {
        s->in_support[s->support[q]] = 0;
    }
    s->nface_rows = nf;
    for (size_t r = 0; r < nf; r++) {
        memcpy(s->face_matrix + r * s->l, s->inner_matrix + s->face_row[r] * s->l,
               s->l * sizeof *s->face_matrix);
    }
    /* twins: a hash of each tight column on the kept rows, confirmed by comparison */
    s->nrep = 0;
    for (size_t q = 0; q < s->ntight; q++) {
        size_t j = s->tight[q];
        uint64_t h = 1469598103934665603ull;
        for (size_t r = 0; r < nf; r++) {
            h = (h ^ mpz_fdiv_ui(s->face_matrix[r * s->l + j], 4294967291ul)) * 1099511628211ull;
        }
        s->column_hash[q] = h;
        size_t slot = NONE;
        for (size_t p = 0; p < s->nrep && slot == NONE; p++) {
            if (s->rep_hash[p] != h) {
                continue;
            }
            size_t o = s->rep[p], r = 0;
            while (r < nf &&
                   mpz_cmp(s->face_matrix[r * s->l + j], s->face_matrix[r * s->l + o]) == 0) {
                r++;
            }
            if (r == nf) {
                slot = p;
            }
        }
        if (slot == NONE) {
            slot = s->nrep++;
            s->rep[slot] = j;
            s->rep_hash[slot] = h;
            s->member_start[slot + 1] = 0;
        }
        s->slot_of[q] = slot;
        s->member_start[slot + 1]++;
    }
    s->member_start[0] = 0;
    for (size_t p = 0; p < s->nrep; p++) {
        s->member_start[p + 1] += s->member_start[p];
        s->choice[p] = s->member_start[p]; /* fill positions */
    }
    for (size_t q = 0; q < s->ntight; q++) {
        s->member[s->choice[s->slot_of[q]]++] = s->tight[q];
    }
}

/*
 * Sets up the face of the inner polytope complementary to the current x and, if it is not empty,
 * moves to one of its vertices: maximise sum over the support S of (My)_i (M = inner_matrix) with
 * the simplex method; the face is non-empty exactly when the optimum is |S|. Returns 1 when the
 * tableau is at a vertex of the face, 0 when the face is empty.
 */
static int reach_face(solver *s)
{
    tableau *t = &s->face;
    tableau_start(t, s->nface_rows, s->l, s->rep, s->nrep, s->face_matrix, s->l, 1);
    for (size_t c = 1; c <= t->cols; c++) {
        size_t j = t->nonbasic[c];
        mpz_set_ui(at(t, t->rows, c), 0);
        for (size_t q = 0; q < s->nsupport; q++) { /* the forced rows come first */
            mpz_sub(at(t, t->rows, c), at(t, t->rows, c), s->face_matrix[q * s->l + j]);
        }
    }
    for (;;) {
        size_t enter = NONE;
        for (size_t c = 1; c <= t->cols; c++) { /* Dantzig: the most negative reduced cost */
            mpz_srcptr rc = at(t, t->rows, c);
            if (mpz_sgn(rc) < 0 && (enter == NONE || mpz_cmp(rc, at(t, t->rows, enter)) < 0)) {
                enter = c;
            }
        }
        if (enter == NONE) {
            break;
        }
        size_t r = leaving_row(t, enter);
        if (r == NONE) { /* cannot happen: the polytope is bounded */
            return 0;
        }
        pivot(t, r, enter);
    }
    mpz_mul_ui(t->t, t->det, s->nsupport);
    if (mpz_cmp(at(t, t->rows, 0), t->t) != 0) {
        return 0;
    }
    t->has_objective = 0;
    /* every slack of the support leaves the basis (degenerately) and is fixed at zero */
    for (size_t q = 0; q < s->nsupport; q++) {
        size_t v = t->dim + q;
        size_t r = t->row_of[v];
        if (r != NONE) {
            for (size_t c = 1; c <= t->cols; c++) {
                if (mpz_sgn(at(t, r, c)) != 0) {
                    pivot(t, r, c);
                    break;
                }
            }
            /* if the row is zero the slack is zero on the whole face: it stays, inert */
        }
        if (t->col_of[v] != NONE) {
            drop_column(t, t->col_of[v]);
        }
    }
    for (size_t r = 0; r < t->rows; r++) {
        t->ref[r] = t->basic[r];
    }
    return 1;
}

/* A basis of the outer polytope: when its vertex x is new and non-zero, enumerate its partners. */
static sc_status on_outer_basis(void *ctx, tableau *t, sc_diag *diag)
{
    solver *s = ctx;
    size_t len, id;
    basis_point(s, t, s->k);
    s->nsupport = 0;
    for (size_t i = 0; i < s->k; i++) {
        if (mpz_sgn(s->num[i]) != 0) {
            s->support[s->nsupport++] = i;
        }
    }
    if (s->nsupport == 0) {
        return SC_OK;
    }
    /*
     * A vertex is the only point of the polytope where all of its labels (zero variables,
     * structural or slack) are zero, so its label set identifies it: k + rows bits instead of
     * the integer vector, which matters when there are millions of vertices.
     */
    memset(s->labels, 0, t->words * sizeof *s->labels);
    for (size_t v = 0; v < t->dim + t->rows; v++) {
        size_t r = t->row_of[v];
        if (r == NONE || mpz_sgn(at(t, r, 0)) == 0) {
            s->labels[v / 64] |= (uint64_t)1 << (v % 64);
        }
    }
    int fresh = keyset_add(&s->outer_vertices, (const unsigned char *)s->labels,
                           t->words * sizeof *s->labels, &id);
    if (fresh <= 0) {
        return fresh < 0 ? sc__diag_set(diag, SC_ENOMEM, "out of memory") : SC_OK;
    }
    if (!vertex_key(s, s->num, s->k, &len)) { /* divides num by its gcd */
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    size_t m = s->g->ns[0];
    /*
     * The best responses to x: the constraints tight at x, evaluated on every row (the tableau
     * holds only the rows that are not redundant). num is x * det / gcd here.
     */
    s->ntight = 0;
    for (size_t j = 0; j < s->l; j++) {
        mpz_set_ui(s->dot, 0);
        for (size_t q = 0; q < s->nsupport; q++) {
            size_t i = s->support[q];
            mpz_addmul(s->dot, s->outer_matrix[j * s->k + i], s->num[i]);
        }
        mpz_mul(s->dot, s->dot, s->gcd);
        if (mpz_cmp(s->dot, t->det) == 0) {
            s->tight[s->ntight++] = j;
        }
    }
    to_probabilities(s, s->k, s->profile + (s->outer_is_row ? 0 : m));
    prepare_face(s);
    if (!reach_face(s)) {
        return SC_OK;
    }
    s->cur_outer = NONE;
    keyset_clear(&s->face_vertices);
    return enumerate_bases(&s->face, &s->face_dfs, on_face_basis, s, diag);
}

/*
 * Player p's payoffs as positive integers: (u - min + 1) * (lcm of the denominators). A positive
 * affine change of one player's payoffs changes no equilibrium.
 */
static void integer_payoffs(const sc_game *g, size_t p, mpz_t *out)
{
    mpq_t low, q;
    mpz_t scale;
    mpq_init(low);
    mpq_init(q);
    mpz_init_set_ui(scale, 1);
    for (size_t c = 0; c < g->nprof; c++) {
        mpq_srcptr u = g->pay[c * 2 + p];
        if (c == 0 || mpq_cmp(u, low) < 0) {
            mpq_set(low, u);
        }
        mpz_lcm(scale, scale, mpq_denref(u));
    }
    for (size_t c = 0; c < g->nprof; c++) {
        mpq_sub(q, g->pay[c * 2 + p], low);
        mpz_mul(out[c], mpq_numref(q), scale);
        mpz_divexact(out[c], out[c], mpq_denref(q));
        mpz_add(out[c], out[c], scale);
    }
    mpz_clear(scale);
    mpq_clear(low);
    mpq_clear(q);
}

/*
 * Packs into outer_rows the constraints of the outer polytope that are not obviously redundant:
 * a row that is componentwise <= another row (equal rows: all but the first) can be tight but
 * never cuts the polytope, so it changes no vertex; it only multiplies the degenerate bases
 * (games from extensive forms repeat strategies a lot). Tightness is evaluated on all rows.
 * The packed rows are shallow copies of outer_matrix's entries.
 */
static void reduce_outer_rows(solver *s)
{
    s->nouter_rows = 0;
    for (size_t j = 0; j < s->l; j++) {
        mpz_t *row = s->outer_matrix + j * s->k;
        int redundant = 0;
        for (size_t o = 0; o < s->l && !redundant; o++) {
            if (o == j) {
                continue;
            }
            mpz_t *other = s->outer_matrix + o * s->k;
            int below = 1, equal = 1;
            for (size_t i = 0; i < s->k && below; i++) {
                int c = mpz_cmp(row[i], other[i]);
                below = c <= 0;
                equal &= c == 0;
            }
            redundant = below && (!equal || o < j);
        }
        if (!redundant) {
            memcpy(s->outer_rows + s->nouter_rows * s->k, row, s->k * sizeof *row);
            s->nouter_rows++;
        }
    }
}

/* ---- Maximal convex sets: maximal complete bipartite subgraphs of the equilibrium graph ----- */

static sc_status find_components(solver *s, double deadline, sc_diag *diag)
{
    size_t nx = s->nouter_used, ny = s->inner_vertices.count, words = (ny + 63) / 64;
    size_t bytes = words * sizeof(uint64_t);
    sc_status rc = SC_OK;
    keyset closed;
    memset(&closed, 0, sizeof closed);
    uint64_t *nbr = calloc(nx * words + 1, sizeof *nbr);
    uint64_t *meet = malloc(bytes + sizeof *meet);
    size_t *first = calloc(nx + 1, sizeof *first); /* edges are grouped by outer id, in order */
    size_t *members = malloc((s->nedges + 1) * sizeof *members);
    if (!nbr || !meet || !first || !members) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t e = 0; e < s->nedges; e++) {
        size_t x = s->edges[3 * e], y = s->edges[3 * e + 1];
        nbr[x * words + y / 64] |= (uint64_t)1 << (y % 64);
        first[x + 1] = e + 1;
    }
    for (size_t x = 1; x <= nx; x++) {
        if (first[x] < first[x - 1]) {
            first[x] = first[x - 1];
        }
    }
    /* every intersection of neighbourhoods, added one outer vertex at a time */
    size_t id, ticks = 0;
    for (size_t x = 0; x < nx && rc == SC_OK; x++) {
        const uint64_t *nx_bits = nbr + x * words;
        size_t before = closed.count;
        if (keyset_add(&closed, (const unsigned char *)nx_bits, bytes, &id) < 0) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            break;
        }
        for (size_t f = 0; f < before; f++) {
            if (s->outer_dfs.cancel && *s->outer_dfs.cancel) {
                rc = sc__diag_set(diag, SC_ELIMIT, "enummixed: interrupted (components)");
                break;
            }
            if (deadline > 0 && ++ticks % 4096 == 0 && sc__game_now() > deadline) {
                rc = sc__diag_set(diag, SC_ELIMIT, "enummixed: time limit reached (components)");
                break;
            }
            const uint64_t *set = (const uint64_t *)(const void *)(closed.bytes + closed.offset[f]);
            int empty = 1;
            for (size_t w = 0; w < words; w++) {
                meet[w] = set[w] & nx_bits[w];
                empty &= meet[w] == 0;
            }
            if (!empty && keyset_add(&closed, (const unsigned char *)meet, bytes, &id) < 0) {
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                break;
            }
        }
    }
    /* each closed set Y with the outer vertices adjacent to all of Y is one maximal clique */
    for (size_t f = 0; f < closed.count && rc == SC_OK; f++) {
        uint64_t *set = meet;
        memcpy(set, closed.bytes + closed.offset[f], bytes);
        size_t k = 0;
        for (size_t x = 0; x < nx; x++) {
            const uint64_t *nx_bits = nbr + x * words;
            int contains = 1;
            for (size_t w = 0; w < words && contains; w++) {
                contains = (set[w] & ~nx_bits[w]) == 0;
            }
            if (!contains) {
                continue;
            }
            for (size_t e = first[x]; e < first[x + 1]; e++) {
                size_t y = s->edges[3 * e + 1];
                if ((set[y / 64] >> (y % 64)) & 1u) {
                    members[k++] = s->edges[3 * e + 2];
                }
            }
        }
        rc = sc__sol_add_component(s->sol, members, k, diag);
    }
done:
    keyset_destroy(&closed);
    free(nbr);
    free(meet);
    free(first);
    free(members);
    return rc;
}

/* ---- Entry point -------------------------------------------------------------------------- */

static void solver_destroy(solver *s, size_t m, size_t n)
{
    size_t big = s->k > s->l ? s->k : s->l;
    if (s->outer_matrix) {
        for (size_t i = 0; i < m * n; i++) {
            mpz_clear(s->outer_matrix[i]);
            mpz_clear(s->inner_matrix[i]);
        }
    }
    if (s->num) {
        for (size_t i = 0; i < big; i++) {
            mpz_clear(s->num[i]);
        }
    }
    if (s->profile) {
        for (size_t i = 0; i < m + n; i++) {
            mpq_clear(s->profile[i]);
        }
    }
    if (s->num2) {
        for (size_t i = 0; i < s->l; i++) {
            mpz_clear(s->num2[i]);
        }
    }
    if (s->yprob) {
        for (size_t i = 0; i < s->l; i++) {
            mpq_clear(s->yprob[i]);
        }
    }
    free(s->num2);
    free(s->yprob);
    free(s->face_row);
    free(s->in_support);
    free(s->face_matrix);
    free(s->column_hash);
    free(s->rep_hash);
    free(s->slot_of);
    free(s->rep);
    free(s->member_start);
    free(s->member);
    free(s->positive);
    free(s->choice);
    mpz_clear(s->gcd);
    mpz_clear(s->dot);
    free(s->outer_matrix);
    free(s->outer_rows);
    free(s->labels);
    free(s->inner_matrix);
    free(s->num);
    free(s->profile);
    free(s->support);
    free(s->tight);
    free(s->key);
    free(s->edges);
    tableau_destroy(&s->outer);
    tableau_destroy(&s->face);
    dfs_destroy(&s->outer_dfs);
    dfs_destroy(&s->face_dfs);
    keyset_destroy(&s->outer_vertices);
    keyset_destroy(&s->inner_vertices);
    keyset_destroy(&s->face_vertices);
}

static int solver_alloc(solver *s, size_t m, size_t n)
{
    size_t big = s->k > s->l ? s->k : s->l;
    mpz_t *om = malloc(m * n * sizeof *om), *im = malloc(m * n * sizeof *im);
    mpz_t *num = malloc(big * sizeof *num);
    mpq_t *profile = malloc((m + n) * sizeof *profile);
    if (om && im) {
        for (size_t i = 0; i < m * n; i++) {
            mpz_init(om[i]);
            mpz_init(im[i]);
        }
        s->outer_matrix = om;
        s->inner_matrix = im;
    } else {
        free(om);
        free(im);
    }
    if (num) {
        for (size_t i = 0; i < big; i++) {
            mpz_init(num[i]);
        }
        s->num = num;
    }
    if (profile) {
        for (size_t i = 0; i < m + n; i++) {
            mpq_init(profile[i]);
        }
        s->profile = profile;
    }
    s->outer_rows = malloc(m * n * sizeof *s->outer_rows);
    s->labels = malloc(((s->k + s->l + 63) / 64 + 1) * sizeof *s->labels);
    s->support = malloc(s->k * sizeof *s->support);
    s->tight = malloc(s->l * sizeof *s->tight);
    s->face_row = malloc(s->k * sizeof *s->face_row);
    s->in_support = calloc(s->k, 1);
    s->face_matrix = malloc(m * n * sizeof *s->face_matrix);
    s->column_hash = malloc(s->l * sizeof *s->column_hash);
    s->rep_hash = malloc(s->l * sizeof *s->rep_hash);
    s->slot_of = malloc(s->l * sizeof *s->slot_of);
    s->rep = malloc(s->l * sizeof *s->rep);
    s->member_start = malloc((s->l + 1) * sizeof *s->member_start);
    s->member = malloc(s->l * sizeof *s->member);
    s->positive = malloc(s->l * sizeof *s->positive);
    s->choice = malloc(s->l * sizeof *s->choice);
    mpz_t *num2 = malloc(s->l * sizeof *num2);
    mpq_t *yprob = malloc(s->l * sizeof *yprob);
    if (num2) {
        for (size_t i = 0; i < s->l; i++) {
            mpz_init(num2[i]);
        }
        s->num2 = num2;
    }
    if (yprob) {
        for (size_t i = 0; i < s->l; i++) {
            mpq_init(yprob[i]);
        }
        s->yprob = yprob;
    }
    size_t words_outer = (s->k + s->l + 63) / 64 + 1;
    s->outer_dfs.child = malloc(words_outer * sizeof(uint64_t));
    s->face_dfs.child = malloc(words_outer * sizeof(uint64_t));
    return s->outer_matrix && s->outer_rows && s->labels && s->num && s->num2 && s->yprob &&
           s->face_row && s->in_support && s->face_matrix && s->column_hash && s->rep_hash &&
           s->slot_of && s->rep && s->member_start && s->member && s->positive && s->choice &&
           s->profile && s->support && s->tight && s->outer_dfs.child && s->face_dfs.child &&
           tableau_alloc(&s->outer, s->l, s->k) && tableau_alloc(&s->face, s->k, s->l);
}

sc_status sc__game_enummixed(const sc_game *g, const sc_game_solve_options *o,
                             sc_game_solution *sol, sc_diag *diag)
{
    size_t m = g->ns[0], n = g->ns[1];
    solver s;
    memset(&s, 0, sizeof s);
    s.g = g;
    s.sol = sol;
    mpz_init(s.gcd);
    mpz_init(s.dot);
    /* the polytope of the player with fewer strategies is enumerated whole: lower dimension */
    s.outer_is_row = m <= n;
    s.k = s.outer_is_row ? m : n;
    s.l = s.outer_is_row ? n : m;
    sc_status rc = SC_OK;
    mpz_t *pay_a = malloc(g->nprof * sizeof *pay_a), *pay_b = malloc(g->nprof * sizeof *pay_b);
    if (!pay_a || !pay_b || !solver_alloc(&s, m, n)) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    double deadline = o && o->time_limit > 0 ? sc__game_now() + o->time_limit : 0;
    s.outer_dfs.deadline = deadline;
    s.face_dfs.deadline = deadline;
    s.outer_dfs.cancel = s.face_dfs.cancel = o ? o->cancel : NULL;
    for (size_t c = 0; c < g->nprof; c++) {
        mpz_init(pay_a[c]);
        mpz_init(pay_b[c]);
    }
    integer_payoffs(g, 0, pay_a);
    integer_payoffs(g, 1, pay_b);
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < n; j++) {
            size_t c = i + m * j;
            if (s.outer_is_row) { /* x in R^m with rows B'x <= 1; partners y with rows Ay <= 1 */
                mpz_set(s.outer_matrix[j * m + i], pay_b[c]);
                mpz_set(s.inner_matrix[i * n + j], pay_a[c]);
            } else { /* y in R^n with rows Ay <= 1; partners x with rows B'x <= 1 */
                mpz_set(s.outer_matrix[i * n + j], pay_a[c]);
                mpz_set(s.inner_matrix[j * m + i], pay_b[c]);
            }
        }
    }
    for (size_t c = 0; c < g->nprof; c++) {
        mpz_clear(pay_a[c]);
        mpz_clear(pay_b[c]);
    }
    reduce_outer_rows(&s);
    tableau_start(&s.outer, s.nouter_rows, s.k, NULL, 0, s.outer_rows, s.k, 0);
    rc = enumerate_bases(&s.outer, &s.outer_dfs, on_outer_basis, &s, diag);
    if (rc == SC_OK && o && o->components) {
        rc = find_components(&s, deadline, diag);
    }
done:
    free(pay_a);
    free(pay_b);
    solver_destroy(&s, m, n);
    return rc;
}
