/* SPDX-License-Identifier: MIT */
/*
 * Landscape theory of aggregation: energies, two exact two-bloc searches (a pruned depth-first
 * enumeration, the default, and the plain exhaustive Gray-code search of Axelrod & Bennett, run
 * on threads), basins of attraction, and an exact branch-and-bound search for k blocs.
 *
 * Both two-bloc searches use the same facts. With spins x_i = +1/-1 and J_ij = s_i s_j p_ij,
 * E = sum_{i<j} J_ij (1 - x_i x_j) and flipping actor j changes E by 2 x_j g_j with
 * g_j = sum_{i != j} J_ij x_i. A configuration is a local minimum when no x_j g_j is negative, and
 * the global minimum is the lowest local one, so the searches track the fields g_j, not E.
 * Candidates are re-checked and their energies computed from scratch in a fixed order
 * (`consider`), so every search returns the same bits whatever the thread count.
 */
#include "landscape/landscape_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag_internal.h"
#include "core/parallel.h"

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

#define MAX_N2 48

double sc_landscape_energy(size_t n, const double *size, const double *prop, const int *label)
{
    double e = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            if (i != j && label[i] != label[j]) {
                e += size[i] * size[j] * prop[i * n + j];
            }
        }
    }
    return e;
}

double sc_landscape_frustration(size_t n, const double *size, const double *prop,
                                const int *label, size_t i)
{
    double f = 0;
    for (size_t j = 0; j < n; j++) {
        if (j != i && label[i] != label[j]) {
            f += size[j] * prop[i * n + j];
        }
    }
    return f;
}

sc_status sc_landscape_check(size_t n, const double *size, const double *prop, sc_diag *diag)
{
    if (n < 2) {
        return sc__diag_set(diag, SC_EINVAL, "a landscape needs at least 2 actors");
    }
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(size[i]) || !(size[i] > 0)) {
            return sc__diag_set(diag, SC_ERANGE, "size of actor %zu must be > 0", i + 1);
        }
        if (prop[i * n + i] != 0) {
            return sc__diag_set(diag, SC_EINVAL, "propensity of actor %zu with itself must be 0",
                                i + 1);
        }
        for (size_t j = 0; j < n; j++) {
            double a = prop[i * n + j], b = prop[j * n + i];
            if (!isfinite(a)) {
                return sc__diag_set(diag, SC_EINVAL, "propensity %zu-%zu is not finite", i + 1,
                                    j + 1);
            }
            if (fabs(a - b) > 1e-12 * (1 + fabs(a))) {
                return sc__diag_set(diag, SC_EINVAL,
                                    "propensities must be symmetric: p(%zu,%zu) = %g but "
                                    "p(%zu,%zu) = %g",
                                    i + 1, j + 1, a, j + 1, i + 1, b);
            }
        }
    }
    /* Energies and fields are sums of s_i s_j p_ij: they must stay finite, or every
     * comparison the searches make is meaningless. */
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            total += size[i] * size[j] * fabs(prop[i * n + j]);
        }
    }
    if (!isfinite(total)) {
        return sc__diag_set(diag, SC_ERANGE,
                            "sizes times propensities overflow: rescale the sizes");
    }
    return SC_OK;
}

void sc_landscape_params_init(sc_landscape_params *p)
{
    p->threads = 0;
    p->max_minima = 100000;
    p->basin_samples = 0;
    p->seed = 1936;
    p->progress = NULL;
    p->progress_ctx = NULL;
    p->cancel = NULL;
    p->k_start = NULL;
}

void sc_landscape_result_free(sc_landscape_result *r)
{
    if (r) {
        free(r->minima);
        free(r);
    }
}

/* ---- exact helpers (fixed summation order, so every path computes the same bits) ---------- */

static int spin(uint64_t mask, size_t i)
{
    return (mask >> i) & 1u ? -1 : 1;
}

static double exact_energy(size_t n, const double *J, uint64_t mask)
{
    double e = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (spin(mask, i) != spin(mask, j)) {
                e += 2 * J[i * n + j];
            }
        }
    }
    return e;
}

/*
 * 1 if no single actor lowers the energy by more than `slack` by switching (computed from
 * scratch, in a fixed order). The slack keeps exact ties (a move that changes nothing) from
 * being decided by rounding.
 */
static int exact_local_min(size_t n, const double *J, uint64_t mask, double slack)
{
    for (size_t j = 0; j < n; j++) {
        double g = 0;
        for (size_t i = 0; i < n; i++) {
            if (i != j) {
                g += J[j * n + i] * spin(mask, i);
            }
        }
        if (2 * spin(mask, j) * g < -slack) {
            return 0;
        }
    }
    return 1;
}

static int min_less(const sc_landscape_min *a, const sc_landscape_min *b)
{
    return a->energy < b->energy || (a->energy == b->energy && a->mask < b->mask);
}

static int cmp_min(const void *pa, const void *pb)
{
    const sc_landscape_min *a = pa, *b = pb;
    return min_less(a, b) ? -1 : min_less(b, a) ? 1 : 0;
}

/*
 * A bounded max-heap keeping the `cap` smallest minima under (energy, mask). Its array grows by
 * doubling as minima are found (up to cap), so a worker holds memory for the minima it found,
 * not for the cap: with many threads, cap x threads slots were allocated up front (2.4 GB of
 * address space for --threads 1024). A failed growth sets `oom`, reported when the search ends.
 */
typedef struct heap {
    sc_landscape_min *v;
    size_t n, cap;
    size_t alloc; /* slots allocated */
    int oom;
} heap;

static void heap_push(heap *h, sc_landscape_min m)
{
    if (h->cap == 0 || h->oom) {
        return;
    }
    if (h->n == h->alloc && h->n < h->cap) {
        size_t grow = h->alloc ? 2 * h->alloc : 64;
        grow = grow < h->cap ? grow : h->cap;
        sc_landscape_min *v = realloc(h->v, grow * sizeof *v);
        if (!v) {
            h->oom = 1;
            return;
        }
        h->v = v;
        h->alloc = grow;
    }
    if (h->n == h->cap) {
        if (!min_less(&m, &h->v[0])) {
            return;
        }
        /* replace the largest and sift down */
        size_t i = 0;
        h->v[0] = m;
        for (;;) {
            size_t l = 2 * i + 1, r = l + 1, big = i;
            if (l < h->n && min_less(&h->v[big], &h->v[l])) {
                big = l;
            }
            if (r < h->n && min_less(&h->v[big], &h->v[r])) {
                big = r;
            }
            if (big == i) {
                break;
            }
            sc_landscape_min t = h->v[i];
            h->v[i] = h->v[big];
            h->v[big] = t;
            i = big;
        }
        return;
    }
    size_t i = h->n++;
    h->v[i] = m;
    while (i > 0 && min_less(&h->v[(i - 1) / 2], &h->v[i])) {
        sc_landscape_min t = h->v[i];
        h->v[i] = h->v[(i - 1) / 2];
        h->v[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

/* ---- the fast exhaustive search ----------------------------------------------------------- */

/*
 * Depth-first enumeration of the two-bloc configurations, assigning actors in order of
 * decreasing total coupling (the most constrained first). With spins x_i = +1/-1 and
 * J_ij = s_i s_j p_ij, flipping actor j changes E by 2 x_j g_j with g_j = sum_{i != j} J_ij x_i,
 * so a local minimum needs x_j g_j >= 0 for every j, and the global minimum is the lowest local
 * minimum. At a node where the first k actors are placed, an assigned actor j whose
 * x_j g_j(placed) + sum over unplaced i of |J_ij| is negative stays frustrated whatever the
 * others do: the whole subtree is skipped. Local minima are rare, so almost every subtree is.
 * Candidates are re-checked and their energies computed from scratch in a fixed order, so the
 * result is bit-identical whatever the thread count. The first actor in the search order is
 * fixed on side 0 (each split counted once) and masks are canonicalised at the end.
 */
/*
 * Cancellation and progress of a two-bloc search (sc_landscape_params.cancel, .progress): the
 * work is counted in units (a task of the pruned search, a block of the Gray-code one) of
 * per_unit configurations each; workers check the flag before each unit, and the first worker
 * reports the count. A cancelled search reports the configurations of the units completed.
 */
typedef struct search_watch {
    const volatile sig_atomic_t *cancel;
    sc_progress_fn progress;
    void *ctx;
    uint64_t done;     /* units completed (atomic) */
    uint64_t units;    /* units in all */
    uint64_t per_unit; /* configurations per unit */
} search_watch;

static int watch_stopped(const search_watch *wt)
{
    /* an atomic load: the workers read the flag while a signal handler writes it */
    return wt->cancel && __atomic_load_n(wt->cancel, __ATOMIC_RELAXED) != 0;
}

static void watch_tick(search_watch *wt, int reporter)
{
    uint64_t d = __atomic_add_fetch(&wt->done, 1, __ATOMIC_RELAXED);
    if (reporter && wt->progress) {
        wt->progress((size_t)(d * wt->per_unit), (size_t)(wt->units * wt->per_unit), wt->ctx);
    }
}

/* After the workers: 1 if the search stopped before its end (then *configs is what it searched). */
static int watch_cut(const search_watch *wt, uint64_t *configs)
{
    uint64_t d = __atomic_load_n(&wt->done, __ATOMIC_RELAXED);
    if (d >= wt->units) {
        return 0;
    }
    *configs = d * wt->per_unit;
    return 1;
}

typedef struct shared {
    size_t n;
    const double *J;      /* n*n couplings, original actor order */
    const size_t *order;  /* search order: order[k] is the k-th actor placed */
    const double *Jo;     /* couplings in search order: Jo[a*n + b] = J[order a][order b] */
    const double *rem;    /* rem[k*n + j]: sum of |Jo[j][i]| over i >= k (unplaced), i != j */
    size_t prefix;        /* levels split between tasks */
    double tol;           /* slack before an exact re-check */
    double slack;         /* energy change counted as a tie in the exact test */
    search_watch *watch;  /* cancellation and progress */
} shared;

typedef struct worker {
    const shared *sh;
    uint64_t from, to;    /* task range: task t fixes the spins of search levels 1..prefix */
    heap minima;
    size_t n_minima;
    sc_landscape_min best;
    double *g;            /* n partial fields, search order */
    int *x;               /* n spins, search order */
    int reporter;         /* the worker that reports progress */
} worker;

/* Maps a configuration in search order to the canonical original-order mask. */
static uint64_t to_mask(const shared *sh, const int *x)
{
    uint64_t mask = 0;
    for (size_t k = 0; k < sh->n; k++) {
        if (x[k] < 0) {
            mask |= (uint64_t)1 << sh->order[k];
        }
    }
    if ((mask >> (sh->n - 1)) & 1u) {
        mask ^= ((uint64_t)1 << sh->n) - 1; /* the last actor on side 0 */
    }
    return mask;
}

static void consider(worker *w, uint64_t mask)
{
    const shared *sh = w->sh;
    if (!exact_local_min(sh->n, sh->J, mask, sh->slack)) {
        return;
    }
    sc_landscape_min m = {mask, exact_energy(sh->n, sh->J, mask), 0};
    w->n_minima++;
    heap_push(&w->minima, m);
    if (w->best.mask == UINT64_MAX || min_less(&m, &w->best)) {
        w->best = m;
    }
}

/* Places actor k (search order) with spin s; returns 0 if the subtree can be skipped. */
static int place(worker *w, size_t k, int s)
{
    const shared *sh = w->sh;
    size_t n = sh->n;
    const double *col = sh->Jo + k * n;
    w->x[k] = s;
    for (size_t j = 0; j < n; j++) {
        w->g[j] += s * col[j];
    }
    const double *rem = sh->rem + (k + 1) * n;
    for (size_t j = 0; j <= k; j++) {
        if (w->x[j] * w->g[j] + rem[j] < -sh->tol) {
            return 0;
        }
    }
    return 1;
}

static void unplace(worker *w, size_t k)
{
    const shared *sh = w->sh;
    const double *col = sh->Jo + k * sh->n;
    int s = w->x[k];
    for (size_t j = 0; j < sh->n; j++) {
        w->g[j] -= s * col[j];
    }
    w->x[k] = 0;
}

static void descend(worker *w, size_t k)
{
    for (int s = 1; s >= -1; s -= 2) {
        if (place(w, k, s)) {
            if (k + 1 == w->sh->n) {
                consider(w, to_mask(w->sh, w->x));
            } else {
                descend(w, k + 1);
            }
        }
        unplace(w, k);
    }
}

static void *run_worker(void *arg)
{
    worker *w = arg;
    const shared *sh = w->sh;
    size_t n = sh->n;
    for (uint64_t t = w->from; t < w->to && !watch_stopped(sh->watch); t++) {
        memset(w->g, 0, n * sizeof *w->g);
        memset(w->x, 0, n * sizeof *w->x);
        /* level 0 is fixed to +1; levels 1..prefix take the bits of t */
        int alive = place(w, 0, 1);
        size_t k = 1;
        for (; alive && k <= sh->prefix; k++) {
            alive = place(w, k, (t >> (k - 1)) & 1u ? -1 : 1);
        }
        if (alive) {
            if (k == n) {
                consider(w, to_mask(sh, w->x));
            } else {
                descend(w, k);
            }
        }
        watch_tick(sh->watch, w->reporter);
    }
    return NULL;
}

static unsigned cores(void)
{
    return sc_threads_default(); /* the CPUs this process may use */
}

/*
 * The worker threads of a two-bloc search: those asked for (0: the CPUs), at most one per task,
 * and no more than a quarter of the memory budget can hold if every worker keeps its `cap`
 * minima (24 bytes each) and its n fields: threads beyond that are not started. The result
 * never depends on the number of workers, so this costs only speed, and only when the cap is
 * large (--threads 1024 with the default cap of 100,000 minima: 223 workers at 2 GiB).
 */
static unsigned workers(unsigned threads, uint64_t tasks, size_t cap, size_t n)
{
    uint64_t nw = threads ? threads : cores();
    nw = nw < tasks ? nw : tasks;
    size_t per = (cap ? cap : 1) * sizeof(sc_landscape_min) + n * (sizeof(double) + sizeof(int)) +
                 sizeof(worker) + 64;
    size_t most = sc_memory_budget_get() / 4 / per;
    most = most ? most : 1;
    return (unsigned)(nw < most ? nw : most);
}

static sc_status finish(size_t n, worker *ws, unsigned nw, size_t cap, uint64_t configs,
                        sc_landscape_result **out, sc_diag *diag)
{
    sc_landscape_result *r = calloc(1, sizeof *r);
    size_t total_kept = 0;
    for (unsigned k = 0; k < nw; k++) {
        if (ws[k].minima.oom) {
            free(r);
            return sc__diag_set(diag, SC_ENOMEM, "out of memory keeping the local minima");
        }
        total_kept += ws[k].minima.n;
    }
    sc_landscape_min *all = malloc((total_kept ? total_kept : 1) * sizeof *all);
    if (!r || !all) {
        free(r);
        free(all);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    size_t at = 0;
    r->global.mask = UINT64_MAX;
    for (unsigned k = 0; k < nw; k++) {
        if (ws[k].minima.n) { /* a worker that found none has no array */
            memcpy(all + at, ws[k].minima.v, ws[k].minima.n * sizeof *all);
        }
        at += ws[k].minima.n;
        r->n_minima += ws[k].n_minima;
        if (ws[k].best.mask != UINT64_MAX &&
            (r->global.mask == UINT64_MAX || min_less(&ws[k].best, &r->global))) {
            r->global = ws[k].best;
        }
    }
    qsort(all, at, sizeof *all, cmp_min);
    r->n = n;
    r->n_kept = at < cap ? at : cap;
    r->minima = all;
    r->configurations = configs;
    *out = r;
    return SC_OK;
}

/* Couplings J_ij = s_i s_j p_ij. */
static double *couplings(size_t n, const double *size, const double *prop)
{
    double *J = malloc(n * n * sizeof *J);
    if (J) {
        for (size_t i = 0; i < n; i++) {
            for (size_t j = 0; j < n; j++) {
                J[i * n + j] = i == j ? 0 : size[i] * size[j] * prop[i * n + j];
            }
        }
    }
    return J;
}

/*
 * Basins: from random starts, actors chosen in random order switch whenever that lowers their
 * frustration, until none wants to; the share of starts ending in each known minimum. Start r
 * uses stream r of the seed, so the estimate does not depend on anything else.
 */
static void estimate_basins(size_t n, const double *J, sc_landscape_result *r, size_t samples,
                            uint64_t seed)
{
    if (samples == 0 || r->n_kept == 0) {
        return;
    }
    size_t *hits = calloc(r->n_kept, sizeof *hits);
    size_t order[64];
    if (!hits) {
        return;
    }
    for (size_t s = 0; s < samples; s++) {
        sc_rng rng;
        sc_rng_init(&rng, seed, s);
        uint64_t mask = sc_rng_next(&rng) & (((uint64_t)1 << n) - 1);
        for (size_t i = 0; i < n; i++) {
            order[i] = i;
        }
        int moved = 1;
        while (moved) {
            moved = 0;
            for (size_t i = n; i-- > 1;) {
                size_t k = (size_t)sc_rng_below(&rng, i + 1);
                size_t tmp = order[i];
                order[i] = order[k];
                order[k] = tmp;
            }
            for (size_t q = 0; q < n; q++) {
                size_t j = order[q];
                double g = 0;
                for (size_t i = 0; i < n; i++) {
                    if (i != j) {
                        g += J[j * n + i] * spin(mask, i);
                    }
                }
                if (spin(mask, j) * g < 0) {
                    mask ^= (uint64_t)1 << j;
                    moved = 1;
                }
            }
        }
        if ((mask >> (n - 1)) & 1u) {
            mask ^= ((uint64_t)1 << n) - 1; /* canonical: last actor on side 0 */
        }
        for (size_t k = 0; k < r->n_kept; k++) {
            if (r->minima[k].mask == mask) {
                hits[k]++;
                break;
            }
        }
    }
    for (size_t k = 0; k < r->n_kept; k++) {
        r->minima[k].basin = (double)hits[k] / (double)samples;
        if (r->minima[k].mask == r->global.mask) {
            r->global.basin = r->minima[k].basin;
        }
    }
    free(hits);
}

sc_status sc_landscape_search2(size_t n, const double *size, const double *prop,
                               const sc_landscape_params *params, sc_landscape_result **out,
                               sc_diag *diag)
{
    *out = NULL;
    sc_landscape_params def;
    if (!params) {
        sc_landscape_params_init(&def);
        params = &def;
    }
    sc_status rc = sc_landscape_check(n, size, prop, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (n > MAX_N2) {
        return sc__diag_set(diag, SC_ELIMIT,
                            "exhaustive two-bloc search is limited to %d actors (got %zu); use "
                            "the k-bloc branch and bound",
                            MAX_N2, n);
    }
    double *J = couplings(n, size, prop);
    double *Jo = malloc(n * n * sizeof *Jo);
    double *rem = calloc((n + 1) * n, sizeof *rem);
    double *weight = calloc(n, sizeof *weight);
    size_t *order = malloc(n * sizeof *order);
    size_t prefix = n - 1 < 10 ? n - 1 : 10;
    uint64_t tasks = (uint64_t)1 << prefix;
    size_t cap = params->max_minima;
    unsigned nw = workers(params->threads, tasks, cap, n);
    worker *ws = calloc(nw, sizeof *ws);
    double *g = malloc((size_t)nw * n * sizeof *g);
    int *x = malloc((size_t)nw * n * sizeof *x);
    int ok = J && Jo && rem && weight && order && ws && g && x;
    if (!ok) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto cleanup;
    }
    double absJ = 0;
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
        for (size_t j = 0; j < n; j++) {
            weight[i] += fabs(J[i * n + j]);
        }
        absJ += weight[i];
    }
    for (size_t i = 1; i < n; i++) { /* stable insertion sort, strongest first */
        size_t v = order[i], q = i;
        while (q > 0 && weight[order[q - 1]] < weight[v]) {
            order[q] = order[q - 1];
            q--;
        }
        order[q] = v;
    }
    for (size_t a = 0; a < n; a++) {
        for (size_t b = 0; b < n; b++) {
            Jo[a * n + b] = J[order[a] * n + order[b]];
        }
    }
    for (size_t k = n; k-- > 0;) {
        for (size_t j = 0; j < n; j++) {
            rem[k * n + j] = rem[(k + 1) * n + j] + (k == j ? 0 : fabs(Jo[j * n + k]));
        }
    }
    search_watch watch = {params->cancel, params->progress, params->progress_ctx, 0, tasks,
                          (uint64_t)1 << (n - 1 - prefix)};
    shared sh = {n, J, order, Jo, rem, prefix, 1e-9 * (absJ + 1e-300), 1e-12 * absJ, &watch};
    for (unsigned k = 0; k < nw; k++) {
        ws[k].reporter = k == 0;
        ws[k].sh = &sh;
        ws[k].from = tasks / nw * k;
        ws[k].to = k + 1 == nw ? tasks : tasks / nw * (k + 1);
        ws[k].minima.cap = cap;
        ws[k].best.mask = UINT64_MAX;
        ws[k].g = g + (size_t)k * n;
        ws[k].x = x + (size_t)k * n;
    }
    sc__run_parallel(run_worker, ws, sizeof *ws, nw);
    uint64_t searched = (uint64_t)1 << (n - 1);
    int cut = watch_cut(&watch, &searched);
    rc = finish(n, ws, nw, cap, searched, out, diag);
    if (rc == SC_OK && cut) {
        rc = sc__diag_set(diag, SC_ELIMIT, "cancelled after %llu of %llu configurations",
                          (unsigned long long)searched, (unsigned long long)1 << (n - 1));
    } else if (rc == SC_OK) {
        estimate_basins(n, J, *out, params->basin_samples, params->seed);
    }
cleanup:
    for (unsigned k = 0; ws && k < nw; k++) {
        free(ws[k].minima.v);
    }
    free(ws);
    free(g);
    free(x);
    free(J);
    free(Jo);
    free(rem);
    free(weight);
    free(order);
    return rc;
}

/* ---- the plain exhaustive search, threaded ------------------------------------------------ */

/*
 * Axelrod & Bennett's exhaustive search: every one of the 2^(n-1) configurations is visited and
 * tested. The actors are split into a pinned actor (always side 0, so each split is counted
 * once), H "high" actors and L "low" actors (the L most weakly coupled; L <= GRAY_LOW). The high
 * actors are enumerated in reflected Gray-code order, so each step flips one of them and the
 * fields G_j (from the pinned and high actors) are updated in O(n). The fields from the low
 * actors, T_l[j], are a table built once, also in Gray-code order with O(n) per entry; then
 * g_j = G_j + T_l[j] for every configuration (h, l) without further arithmetic.
 *
 * Testing a configuration is the expensive part: a local minimum needs x_j g_j >= 0 for every j,
 * and a random configuration fails on each actor with probability about 1/2, so an early exit
 * mispredicts its branch half the time. Instead, GRAY_FILTER high actors (whose spins are fixed
 * within a block) are tested at once, branch-free, in single precision against thresholds set
 * per block; only the ~1/256 of configurations that pass go on to the double-precision test of
 * every actor and, if they pass it, to the exact re-check of `consider`. The single-precision
 * test is conservative: its thresholds are lowered by a margin far above float rounding, so it
 * never rejects a configuration the double test would accept. The work splits over threads by
 * ranges of the high actors' Gray index; what is found does not depend on the split.
 */
#define GRAY_LOW 12
#define GRAY_FILTER 8

typedef struct gray_shared {
    shared base;            /* n, J, slack and tol for `consider` and the double test */
    size_t L, H;
    size_t pinned;          /* original index of the actor fixed on side 0 */
    const size_t *high;     /* high[q]: original index of the actor on bit q of the high index */
    const double *Td;       /* Td[l*n + j]: field on actor j from the low actors in state l */
    const float *Tf;        /* Tf[l*GRAY_FILTER + q]: the same for filter actor high[q], scaled */
    const uint64_t *lowmask;/* lowmask[l]: original-order bits of the low actors on side 1 */
    size_t nf;              /* filter actors: high[0..nf-1] */
    const double *margin;   /* per filter actor, in scaled units */
    double scale;           /* 1 / (largest row sum of |J|): keeps floats in range */
} gray_shared;

typedef struct gray_worker {
    worker w;               /* minima, count, best; w.g holds the fields G_j */
    const gray_shared *gs;
} gray_worker;

/* Tests every low state l against block (G, hmask); survivors of the filter go to `consider`. */
static void gray_block(gray_worker *gw, uint64_t hmask)
{
    const gray_shared *gs = gw->gs;
    const size_t n = gs->base.n;
    const double *G = gw->w.g;
    const double tol = gs->base.tol;
    float sg[GRAY_FILTER], thr[GRAY_FILTER];
    for (size_t q = 0; q < GRAY_FILTER; q++) {
        if (q < gs->nf) {
            size_t j = gs->high[q];
            double x = spin(hmask, j);
            sg[q] = (float)x;
            /* x (G + T) >= -tol  <=>  x T >= -x G - tol, in scaled units, lowered by the margin */
            thr[q] = (float)((-x * G[j] - tol) * gs->scale - gs->margin[q]);
        } else {
            sg[q] = 0.0f; /* an unused lane always passes: 0 >= -huge */
            thr[q] = -HUGE_VALF;
        }
    }
    const size_t nl = (size_t)1 << gs->L;
#if defined(__SSE__)
    const __m128 s0 = _mm_loadu_ps(sg), s1 = _mm_loadu_ps(sg + 4);
    const __m128 t0 = _mm_loadu_ps(thr), t1 = _mm_loadu_ps(thr + 4);
#endif
    for (size_t l = 0; l < nl; l++) {
        const float *row = gs->Tf + l * GRAY_FILTER;
#if defined(__SSE__)
        __m128 a = _mm_cmpge_ps(_mm_mul_ps(_mm_loadu_ps(row), s0), t0);
        __m128 b = _mm_cmpge_ps(_mm_mul_ps(_mm_loadu_ps(row + 4), s1), t1);
        if (_mm_movemask_ps(_mm_and_ps(a, b)) != 0xF) {
            continue;
        }
#else
        int pass = 1;
        for (size_t q = 0; q < GRAY_FILTER; q++) {
            pass &= row[q] * sg[q] >= thr[q]; /* & not &&: no branch per actor */
        }
        if (!pass) {
            continue;
        }
#endif
        uint64_t mask = hmask | gs->lowmask[l];
        const double *T = gs->Td + l * n;
        size_t j = 0;
        while (j < n && spin(mask, j) * (G[j] + T[j]) >= -tol) {
            j++;
        }
        if (j == n) {
            if ((mask >> (n - 1)) & 1u) {
                mask ^= ((uint64_t)1 << n) - 1; /* canonical: the last actor on side 0 */
            }
            consider(&gw->w, mask);
        }
    }
}

/* Runs the blocks of high Gray indices [from, to). */
static void *gray_run(void *arg)
{
    gray_worker *gw = arg;
    const gray_shared *gs = gw->gs;
    const size_t n = gs->base.n;
    const double *J = gs->base.J;
    double *G = gw->w.g;
    if (gw->w.from >= gw->w.to) {
        return NULL;
    }
    /* the starting state from scratch: high bits = Gray code of `from` */
    uint64_t t = gw->w.from, code = t ^ (t >> 1), hmask = 0;
    for (size_t q = 0; q < gs->H; q++) {
        if ((code >> q) & 1u) {
            hmask |= (uint64_t)1 << gs->high[q];
        }
    }
    for (size_t j = 0; j < n; j++) {
        double g = J[j * n + gs->pinned];
        for (size_t q = 0; q < gs->H; q++) {
            size_t i = gs->high[q];
            g += J[j * n + i] * spin(hmask, i);
        }
        G[j] = g;
    }
    for (;;) {
        if (watch_stopped(gs->base.watch)) {
            break;
        }
        gray_block(gw, hmask);
        watch_tick(gs->base.watch, gw->w.reporter);
        if (++t >= gw->w.to) {
            break;
        }
        /* Gray code step t-1 -> t flips bit ctz(t) of the high index */
        size_t i = gs->high[(size_t)__builtin_ctzll(t)];
        double old = spin(hmask, i);
        hmask ^= (uint64_t)1 << i;
        const double *col = J + i; /* J[j*n + i] = column i */
        for (size_t j = 0; j < n; j++) {
            G[j] -= 2 * old * col[j * n];
        }
    }
    return NULL;
}

sc_status sc_landscape_search2_gray(size_t n, const double *size, const double *prop,
                                    const sc_landscape_params *params,
                                    sc_landscape_result **out, sc_diag *diag)
{
    *out = NULL;
    sc_landscape_params def;
    if (!params) {
        sc_landscape_params_init(&def);
        params = &def;
    }
    sc_status rc = sc_landscape_check(n, size, prop, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (n > 40) {
        return sc__diag_set(diag, SC_ELIMIT, "the Gray-code search is for n <= 40 (got %zu)", n);
    }
    const size_t L = n - 1 < GRAY_LOW ? n - 1 : GRAY_LOW;
    const size_t H = n - 1 - L;
    const size_t nl = (size_t)1 << L;
    const uint64_t blocks = (uint64_t)1 << H;
    size_t cap = params->max_minima;
    unsigned nw = workers(params->threads, blocks, cap, n);
    double *J = couplings(n, size, prop);
    double *rowsum = calloc(n, sizeof *rowsum);
    size_t *order = malloc(n * sizeof *order);
    double *Td = malloc(nl * n * sizeof *Td);
    float *Tf = malloc(nl * GRAY_FILTER * sizeof *Tf);
    uint64_t *lowmask = malloc(nl * sizeof *lowmask);
    double *field = calloc(n, sizeof *field);
    gray_worker *ws = calloc(nw, sizeof *ws);
    double *G = malloc((size_t)nw * n * sizeof *G);
    int ok = J && rowsum && order && Td && Tf && lowmask && field && ws && G;
    if (!ok) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto cleanup;
    }
    double absJ = 0, maxrow = 0;
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
        for (size_t j = 0; j < n; j++) {
            rowsum[i] += fabs(J[i * n + j]);
        }
        absJ += rowsum[i];
        maxrow = fmax(maxrow, rowsum[i]);
    }
    /* Strongest first: pinned, then the high actors (the filter's are the strongest), and the
     * weakest last as low actors. Stable, so the split is fixed by the data alone. */
    for (size_t i = 1; i < n; i++) {
        size_t v = order[i], q = i;
        while (q > 0 && rowsum[order[q - 1]] < rowsum[v]) {
            order[q] = order[q - 1];
            q--;
        }
        order[q] = v;
    }
    const size_t *high = order + 1, *low = order + 1 + H;
    const double scale = maxrow > 0 ? 1 / maxrow : 1;
    double margin[GRAY_FILTER];
    const size_t nf = H < GRAY_FILTER ? H : GRAY_FILTER;
    for (size_t q = 0; q < nf; q++) {
        /* float rounding of T and of the threshold is below 2^-24 (|T| + |G| + tol) scaled,
         * i.e. about 6e-8 row sums: a margin of 1e-6 row sums keeps the filter conservative */
        margin[q] = 1e-6 * rowsum[high[q]] * scale + 1e-30;
    }
    /* the low table in Gray-code order: field from the low actors, all starting on side 0 */
    uint64_t lm = 0;
    for (size_t j = 0; j < n; j++) {
        for (size_t q = 0; q < L; q++) {
            field[j] += J[j * n + low[q]];
        }
    }
    for (size_t s = 0;;) {
        size_t l = s ^ (s >> 1);
        memcpy(Td + l * n, field, n * sizeof *field);
        for (size_t q = 0; q < GRAY_FILTER; q++) {
            Tf[l * GRAY_FILTER + q] = q < nf ? (float)(field[high[q]] * scale) : 0.0f;
        }
        lowmask[l] = lm;
        if (++s >= nl) {
            break;
        }
        size_t q = (size_t)__builtin_ctzll(s), i = low[q];
        double old = spin(lm, i);
        lm ^= (uint64_t)1 << i;
        for (size_t j = 0; j < n; j++) {
            field[j] -= 2 * old * J[j * n + i];
        }
    }
    search_watch watch = {params->cancel, params->progress, params->progress_ctx, 0, blocks, nl};
    gray_shared gs = {{n, J, order, J, NULL, 0, 1e-9 * (absJ + 1e-300), 1e-12 * absJ, &watch},
                      L, H, order[0], high, Td, Tf, lowmask, nf, margin, scale};
    for (unsigned k = 0; k < nw; k++) {
        ws[k].w.reporter = k == 0;
        ws[k].gs = &gs;
        ws[k].w.sh = &gs.base;
        ws[k].w.from = blocks / nw * k;
        ws[k].w.to = k + 1 == nw ? blocks : blocks / nw * (k + 1);
        ws[k].w.minima.cap = cap;
        ws[k].w.best.mask = UINT64_MAX;
        ws[k].w.g = G + (size_t)k * n;
    }
    sc__run_parallel(gray_run, ws, sizeof *ws, nw);
    {
        worker *flat = calloc(nw, sizeof *flat);
        if (!flat) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            goto cleanup;
        }
        for (unsigned k = 0; k < nw; k++) {
            flat[k] = ws[k].w;
        }
        uint64_t searched = (uint64_t)1 << (n - 1);
        int cut = watch_cut(&watch, &searched);
        rc = finish(n, flat, nw, cap, searched, out, diag);
        free(flat);
        if (rc == SC_OK && cut) {
            rc = sc__diag_set(diag, SC_ELIMIT, "cancelled after %llu of %llu configurations",
                              (unsigned long long)searched, (unsigned long long)1 << (n - 1));
            goto cleanup;
        }
    }
    if (rc == SC_OK) {
        estimate_basins(n, J, *out, params->basin_samples, params->seed);
    }
cleanup:
    for (unsigned k = 0; ws && k < nw; k++) {
        free(ws[k].w.minima.v);
    }
    free(ws);
    free(G);
    free(J);
    free(rowsum);
    free(order);
    free(Td);
    free(Tf);
    free(lowmask);
    free(field);
    return rc;
}

sc_status sc__landscape_search2_naive(size_t n, const double *size, const double *prop,
                                      sc_landscape_result **out, sc_diag *diag)
{
    *out = NULL;
    sc_status rc = sc_landscape_check(n, size, prop, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (n > 30) {
        return sc__diag_set(diag, SC_ELIMIT, "the naive search is for n <= 30");
    }
    int *label = malloc(n * sizeof *label);
    double *J = couplings(n, size, prop);
    worker w;
    memset(&w, 0, sizeof w);
    uint64_t total = (uint64_t)1 << (n - 1);
    w.minima.cap = (size_t)total;
    w.minima.alloc = (size_t)total;
    w.minima.v = malloc((size_t)total * sizeof *w.minima.v);
    w.best.mask = UINT64_MAX;
    if (!label || !J || !w.minima.v) {
        free(label);
        free(J);
        free(w.minima.v);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (uint64_t mask = 0; mask < total; mask++) {
        for (size_t i = 0; i < n; i++) {
            label[i] = (int)((mask >> i) & 1u);
        }
        double e = sc_landscape_energy(n, size, prop, label);
        int is_min = 1;
        for (size_t j = 0; j < n && is_min; j++) {
            label[j] ^= 1;
            is_min = sc_landscape_energy(n, size, prop, label) >= e - 1e-9 * fabs(e);
            label[j] ^= 1;
        }
        if (is_min) {
            sc_landscape_min mm = {mask, e, 0};
            w.n_minima++;
            heap_push(&w.minima, mm);
            if (w.best.mask == UINT64_MAX || min_less(&mm, &w.best)) {
                w.best = mm;
            }
        }
    }
    rc = finish(n, &w, 1, (size_t)total, total, out, diag);
    free(w.minima.v);
    free(label);
    free(J);
    return rc;
}

/* ---- k blocs ---------------------------------------------------------------------------------- */

typedef struct bb {
    size_t n, k;
    const double *J;   /* in search order */
    const double *R;   /* R[i]: lower bound of pairs not fully assigned at depth i */
    int *cur, *best;
    double best_e;
    uint64_t nodes, limit;
    int stopped;       /* 1: the node limit, 2: cancelled */
    const volatile sig_atomic_t *cancel;
    sc_progress_fn progress;
    void *ctx;
} bb;

/* Nodes between two looks at the cancel flag and the progress callback: a few ms of work. */
#define BB_CHECK_EVERY ((uint64_t)1 << 16)

static void branch(bb *b, size_t i, int used, double partial)
{
    if (b->stopped) {
        return;
    }
    if (++b->nodes > b->limit && b->limit) {
        b->stopped = 1;
        return;
    }
    if ((b->nodes & (BB_CHECK_EVERY - 1)) == 0) {
        if (b->cancel && __atomic_load_n(b->cancel, __ATOMIC_RELAXED) != 0) {
            b->stopped = 2;
            return;
        }
        if (b->progress) {
            b->progress((size_t)b->nodes, 0, b->ctx); /* the node count is not known ahead */
        }
    }
    if (i == b->n) {
        if (partial < b->best_e) {
            b->best_e = partial;
            memcpy(b->best, b->cur, b->n * sizeof *b->cur);
        }
        return;
    }
    int top = used < (int)b->k ? used + 1 : used; /* a new bloc only if one is left */
    for (int c = 0; c < top; c++) {
        double add = 0;
        for (size_t j = 0; j < i; j++) {
            if (b->cur[j] != c) {
                add += 2 * b->J[i * b->n + j];
            }
        }
        double e = partial + add;
        if (e + b->R[i + 1] >= b->best_e) {
            continue;
        }
        b->cur[i] = c;
        branch(b, i + 1, c == used ? used + 1 : used, e);
    }
}

sc_status sc_landscape_search_k(size_t n, const double *size, const double *prop, size_t k,
                                uint64_t node_limit, const sc_landscape_params *params,
                                int *labels, double *energy, uint64_t *nodes, sc_diag *diag)
{
    sc_status rc = sc_landscape_check(n, size, prop, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (k < 2) {
        return sc__diag_set(diag, SC_EINVAL, "the number of blocs must be at least 2");
    }
    /* Search the actors with the strongest couplings first: bounds bite earlier. */
    size_t *order = malloc(n * sizeof *order);
    double *weight = calloc(n, sizeof *weight);
    double *J = malloc(n * n * sizeof *J);
    double *R = calloc(n + 1, sizeof *R);
    int *cur = calloc(n, sizeof *cur), *best = calloc(n, sizeof *best);
    if (!order || !weight || !J || !R || !cur || !best) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
        for (size_t j = 0; j < n; j++) {
            weight[i] += fabs(size[i] * size[j] * prop[i * n + j]);
        }
    }
    for (size_t i = 1; i < n; i++) { /* insertion sort: stable, n is small */
        size_t v = order[i], p = i;
        while (p > 0 && weight[order[p - 1]] < weight[v]) {
            order[p] = order[p - 1];
            p--;
        }
        order[p] = v;
    }
    for (size_t a = 0; a < n; a++) {
        for (size_t c = 0; c < n; c++) {
            size_t i = order[a], j = order[c];
            J[a * n + c] = a == c ? 0 : size[i] * size[j] * prop[i * n + j];
        }
    }
    /* R[i] = sum over pairs (a < b) with b >= i of min(0, 2 J_ab) */
    for (size_t i = n; i-- > 0;) {
        double add = 0;
        for (size_t a = 0; a < i; a++) {
            add += fmin(0, 2 * J[i * n + a]);
        }
        R[i] = R[i + 1] + add;
    }
    /*
     * The first incumbent is everyone in one bloc, whose energy is 0, or the caller's split if
     * it is lower (e.g. the two-bloc global minimum): only strictly better splits replace it, so
     * a search stopped early never answers worse than that split.
     */
    double start_e = 0.0;
    const int *start = params ? params->k_start : NULL;
    for (size_t a = 0; start && a < n; a++) {
        if (start[a] < 0 || (size_t)start[a] >= k) {
            rc = sc__diag_set(diag, SC_EINVAL,
                              "the starting split gives actor %zu bloc %d, outside 0..%zu", a,
                              start[a], k - 1);
            goto cleanup;
        }
    }
    if (start) {
        double e = 0.0; /* as branch() sums it: 2 J over the pairs split apart, search order */
        for (size_t a = 0; a < n; a++) {
            for (size_t c = 0; c < a; c++) {
                if (start[order[a]] != start[order[c]]) {
                    e += 2 * J[a * n + c];
                }
            }
        }
        if (e < start_e) {
            start_e = e;
            for (size_t a = 0; a < n; a++) {
                best[a] = start[order[a]];
            }
        }
    }
    bb b = {n, k, J, R, cur, best, start_e, 0, node_limit, 0,
            params ? params->cancel : NULL, params ? params->progress : NULL,
            params ? params->progress_ctx : NULL};
    branch(&b, 0, 0, 0.0);
    /* stopped or not, the incumbent: the best split found (proven the best only at the end) */
    for (size_t a = 0; a < n; a++) {
        labels[order[a]] = best[a];
    }
    *energy = sc_landscape_energy(n, size, prop, labels);
    if (nodes) {
        *nodes = b.nodes;
    }
    if (b.stopped == 1) {
        rc = sc__diag_set(diag, SC_ELIMIT, "branch and bound stopped after %llu nodes",
                          (unsigned long long)node_limit);
    } else if (b.stopped == 2) {
        rc = sc__diag_set(diag, SC_ELIMIT,
                          "branch and bound cancelled after %llu nodes: the best split found "
                          "so far, not proven the best",
                          (unsigned long long)b.nodes);
    }
cleanup:
    free(order);
    free(weight);
    free(J);
    free(R);
    free(cur);
    free(best);
    return rc;
}

static void rgs(size_t n, size_t k, size_t i, int used, int *lab, const double *size,
                const double *prop, int *best, double *best_e)
{
    if (i == n) {
        double e = sc_landscape_energy(n, size, prop, lab);
        if (e < *best_e) {
            *best_e = e;
            memcpy(best, lab, n * sizeof *lab);
        }
        return;
    }
    int top = used < (int)k ? used + 1 : used;
    for (int c = 0; c < top; c++) {
        lab[i] = c;
        rgs(n, k, i + 1, c == used ? used + 1 : used, lab, size, prop, best, best_e);
    }
}

sc_status sc__landscape_search_k_naive(size_t n, const double *size, const double *prop, size_t k,
                                       int *labels, double *energy, sc_diag *diag)
{
    sc_status rc = sc_landscape_check(n, size, prop, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (n > 14 || k < 2) {
        return sc__diag_set(diag, SC_EINVAL, "the naive k-bloc search is for n <= 14, k >= 2");
    }
    int *lab = calloc(n, sizeof *lab);
    if (!lab) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    *energy = HUGE_VAL;
    rgs(n, k, 0, 0, lab, size, prop, labels, energy);
    free(lab);
    return SC_OK;
}

sc_status sc_landscape_from_scenario(const sc_scenario *s, const size_t *idx, size_t n,
                                     double trade_weight, double *size, double *prop,
                                     sc_diag *diag)
{
    size_t na = sc_scenario_actor_count(s);
    if (!idx && n != na) {
        return sc__diag_set(diag, SC_EINVAL, "expected %zu actors, got %zu", na, n);
    }
    if (!isfinite(trade_weight) || trade_weight < 0) {
        return sc__diag_set(diag, SC_ERANGE, "the trade weight must be a finite number >= 0");
    }
    /* Trade enters as a share of the largest trade among the chosen dyads, so the weight means
     * "how much amity the heaviest trade relation is worth" whatever the currency or year. */
    double max_trade = 0;
    for (size_t a = 0; a < n; a++) {
        size_t i = idx ? idx[a] : a;
        if (i >= na) {
            return sc__diag_set(diag, SC_EINVAL, "actor index %zu out of range", i);
        }
        for (size_t b = 0; b < a; b++) {
            size_t j = idx ? idx[b] : b;
            const sc_relation *r = i == j ? NULL : sc_scenario_relation(s, i, j);
            if (r && r->present && isfinite(r->trade.value) && r->trade.value > max_trade) {
                max_trade = r->trade.value;
            }
        }
    }
    for (size_t a = 0; a < n; a++) {
        size_t i = idx ? idx[a] : a;
        size[a] = sc_scenario_actor(s, i)->capability.value;
        for (size_t b = 0; b < n; b++) {
            size_t j = idx ? idx[b] : b;
            const sc_relation *r = i == j ? NULL : sc_scenario_relation(s, i, j);
            double p = 0;
            if (r && r->present) {
                p = r->amity.value;
                if (trade_weight > 0 && max_trade > 0 && isfinite(r->trade.value) &&
                    r->trade.value > 0) {
                    p += trade_weight * r->trade.value / max_trade;
                }
            }
            prop[a * n + b] = p;
        }
    }
    return SC_OK;
}
