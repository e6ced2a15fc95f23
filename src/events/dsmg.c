/* SPDX-License-Identifier: MIT */
/*
 * The decayed, shrunk, weighted mean Goldstein relation score (DSMG) of
 * shared/data/events/methods.md s.2, per directed dyad and per pair, over the sorted day
 * aggregates of the scan; daily series of chosen dyads; timelines with short and long memories.
 *
 *   A(d) = delta A(d-1) + S(d),  B(d) = delta B(d-1) + W(d),  Q_q(d) = delta Q_q(d-1) + W_q(d)
 *   R(d) = A(d) / (10 (B(d) + k)),  delta = 2^(-1/h)
 *
 * Over a gap of n days without records A and B both shrink by delta^n, so |R| falls monotonically
 * and R keeps its sign: the extremes of R between two days with records are at the gap's ends,
 * which is where r_min and r_max are looked for.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "events/events_internal.h"

void sc_dsmg_params_init(sc_dsmg_params *p)
{
    p->half_life = 30.0;
    p->prior = 5.0;
}

double sc__decay(double days, double half_life)
{
    return exp2(-days / half_life);
}

sc_status sc__dsmg_check(const sc_dsmg_params *p, sc_diag *diag)
{
    if (!(isfinite(p->half_life) && p->half_life > 0)) {
        return sc__diag_set(diag, SC_EINVAL, "the half-life must be a positive number of days");
    }
    if (!(isfinite(p->prior) && p->prior >= 0)) {
        return sc__diag_set(diag, SC_EINVAL, "the prior k must be a number >= 0");
    }
    return SC_OK;
}

static double score(double a, double b, double k)
{
    double den = 10.0 * (b + k);
    return den > 0 ? a / den : 0.0;
}

static int day_of(const char *s, int32_t *out)
{
    return s && sc__day_parse(s, strlen(s), out);
}

/* ---- relations: one pass over the stream ------------------------------------------------------ */

typedef struct dyad_acc {
    uint32_t src, tgt;
    uint64_t events;
    int32_t first, last, at;
    double a, b, q[4];
    double rmin, rmax;
    int32_t rmin_day, rmax_day;
} dyad_acc;

typedef struct rel_ctx {
    const sc__scan *sc;
    sc_dsmg_params p;
    int has_at;
    int32_t at;
    dyad_acc cur;
    int active;
    dyad_acc *out;
    size_t n, cap;
} rel_ctx;

static void extreme(dyad_acc *d, double r, int32_t day)
{
    if (r < d->rmin) {
        d->rmin = r;
        d->rmin_day = day;
    }
    if (r > d->rmax) {
        d->rmax = r;
        d->rmax_day = day;
    }
}

static sc_status finish_dyad(rel_ctx *c, sc_diag *diag)
{
    if (!c->active) {
        return SC_OK;
    }
    dyad_acc *d = &c->cur;
    d->at = c->has_at ? c->at : d->last;
    double f = sc__decay((double)(d->at - d->last), c->p.half_life);
    d->a *= f;
    d->b *= f;
    for (int q = 0; q < 4; q++) {
        d->q[q] *= f;
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? 2 * c->cap : 256;
        dyad_acc *no = realloc(c->out, nc * sizeof *no);
        if (!no) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        c->out = no;
        c->cap = nc;
    }
    c->out[c->n++] = *d;
    c->active = 0;
    return SC_OK;
}

static sc_status rel_day(void *ctx, const sc__dayagg *g, sc_diag *diag)
{
    rel_ctx *c = ctx;
    dyad_acc *d = &c->cur;
    double h = c->p.half_life, k = c->p.prior;
    if (c->active && g->dyad != d->src) {
        sc_status rc = finish_dyad(c, diag);
        if (rc != SC_OK) {
            return rc;
        }
    }
    if (!c->active) {
        memset(d, 0, sizeof *d);
        d->src = g->dyad; /* the dyad index until finish; resolved to actors below */
        d->first = d->last = g->day;
        d->rmin = HUGE_VAL;
        d->rmax = -HUGE_VAL;
        c->active = 1;
    } else {
        int32_t gap = g->day - d->last;
        if (gap > 1) {
            /* the day before these records: the far end of the gap */
            double fe = sc__decay((double)(gap - 1), h);
            extreme(d, score(fe * d->a, fe * d->b, k), g->day - 1);
        }
        double f = sc__decay((double)gap, h);
        d->a *= f;
        d->b *= f;
        for (int q = 0; q < 4; q++) {
            d->q[q] *= f;
        }
        d->last = g->day;
    }
    d->a += g->sum;
    d->b += g->weight;
    for (int q = 0; q < 4; q++) {
        d->q[q] += g->quad[q];
    }
    d->events += g->events;
    extreme(d, score(d->a, d->b, k), g->day);
    return SC_OK;
}

typedef struct relations_impl {
    sc_events_relations pub; /* first: the public pointer is the impl's */
    char **names;
    size_t n_names;
} relations_impl;

void sc_events_relations_free(sc_events_relations *r)
{
    if (!r) {
        return;
    }
    relations_impl *ri = (relations_impl *)r;
    for (size_t i = 0; i < ri->n_names; i++) {
        free(ri->names[i]);
    }
    free(ri->names);
    free(r->dyads);
    free(r->pairs);
    sc__stats_free(&r->stats);
    free(ri);
}

static int cmp_dyad(const void *x, const void *y)
{
    const sc_events_dyad *a = x, *b = y;
    int c = strcmp(a->source, b->source);
    return c ? c : strcmp(a->target, b->target);
}

static int cmp_pair(const void *x, const void *y)
{
    const sc_events_pair *a = x, *b = y;
    int c = strcmp(a->a, b->a);
    return c ? c : strcmp(a->b, b->b);
}

/* order dyad accumulators by unordered pair, so both directions sit next to each other */
static int cmp_acc_pair(const void *x, const void *y)
{
    const dyad_acc *a = x, *b = y;
    uint32_t a0 = a->src < a->tgt ? a->src : a->tgt, a1 = a->src ^ a->tgt ^ a0;
    uint32_t b0 = b->src < b->tgt ? b->src : b->tgt, b1 = b->src ^ b->tgt ^ b0;
    if (a0 != b0) {
        return a0 < b0 ? -1 : 1;
    }
    if (a1 != b1) {
        return a1 < b1 ? -1 : 1;
    }
    return (a->src > b->src) - (a->src < b->src);
}

sc_status sc_events_relations_compute(const char *const *paths, size_t n_paths,
                                      const sc_events_opts *opts, const sc_dsmg_params *p,
                                      const char *at, sc_events_relations **out, sc_diag *diag)
{
    *out = NULL;
    sc_dsmg_params def;
    if (!p) {
        sc_dsmg_params_init(&def);
        p = &def;
    }
    sc_status rc = sc__dsmg_check(p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    int32_t at_day = 0;
    if (at && !day_of(at, &at_day)) {
        return sc__diag_set(diag, SC_EINVAL, "--at '%s' is not a date (yyyy-mm-dd)", at);
    }
    sc__scan *sc = NULL;
    if ((rc = sc__scan_new(paths, n_paths, opts, at_day, at != NULL, &sc, diag)) != SC_OK) {
        return rc;
    }
    rel_ctx c;
    memset(&c, 0, sizeof c);
    c.sc = sc;
    c.p = *p;
    c.has_at = at != NULL;
    c.at = at_day;
    relations_impl *ri = calloc(1, sizeof *ri);
    if (!ri) {
        sc__scan_free(sc);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    sc_events_relations *r = &ri->pub;
    r->params = *p;
    if (at) {
        sc__day_format(at_day, r->at);
    }
    rc = sc__scan_stream(sc, rel_day, &c, diag);
    if (rc == SC_OK) {
        rc = finish_dyad(&c, diag);
    }
    /* resolve dyads to actors and name them */
    size_t n_actors = 0;
    for (size_t i = 0; rc == SC_OK && i < c.n; i++) {
        uint32_t s, t;
        sc__scan_dyad(sc, c.out[i].src, &s, &t);
        c.out[i].src = s;
        c.out[i].tgt = t;
        if (s + 1 > n_actors) {
            n_actors = s + 1;
        }
        if (t + 1 > n_actors) {
            n_actors = t + 1;
        }
    }
    if (rc == SC_OK) {
        ri->names = calloc(n_actors ? n_actors : 1, sizeof *ri->names);
        r->dyads = calloc(c.n ? c.n : 1, sizeof *r->dyads);
        r->pairs = calloc(c.n ? c.n : 1, sizeof *r->pairs);
        if (!ri->names || !r->dyads || !r->pairs) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
    }
    for (size_t i = 0; rc == SC_OK && i < n_actors; i++) {
        ri->n_names = i + 1;
        if (!(ri->names[i] = strdup(sc__scan_actor(sc, (uint32_t)i)))) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
    }
    if (rc == SC_OK) {
        double h = p->half_life, k = p->prior;
        for (size_t i = 0; i < c.n; i++) {
            const dyad_acc *d = &c.out[i];
            sc_events_dyad *o = &r->dyads[i];
            o->source = ri->names[d->src];
            o->target = ri->names[d->tgt];
            o->events = d->events;
            sc__day_format(d->first, o->first_day);
            sc__day_format(d->last, o->last_day);
            sc__day_format(d->at, o->at);
            o->r_last = score(d->a, d->b, k);
            o->a_last = d->a;
            o->weight_last = d->b;
            memcpy(o->quad_last, d->q, sizeof o->quad_last);
            o->r_min = d->rmin;
            o->r_max = d->rmax;
            sc__day_format(d->rmin_day, o->r_min_day);
            sc__day_format(d->rmax_day, o->r_max_day);
        }
        r->n_dyads = c.n;
        /* pairs: both directions decayed to the later of their days */
        if (c.n > 1) {
            qsort(c.out, c.n, sizeof *c.out, cmp_acc_pair);
        }
        for (size_t i = 0; i < c.n;) {
            const dyad_acc *x = &c.out[i], *y = NULL;
            if (i + 1 < c.n && c.out[i + 1].src == x->tgt && c.out[i + 1].tgt == x->src) {
                y = &c.out[i + 1];
            }
            sc_events_pair *o = &r->pairs[r->n_pairs++];
            uint32_t lo = x->src < x->tgt ? x->src : x->tgt, hi = x->src ^ x->tgt ^ lo;
            o->a = ri->names[lo];
            o->b = ri->names[hi];
            if (strcmp(o->a, o->b) > 0) {
                const char *t = o->a;
                o->a = o->b;
                o->b = t;
            }
            int32_t e = y && y->at > x->at ? y->at : x->at;
            double fx = sc__decay((double)(e - x->at), h);
            double A = fx * x->a, B = fx * x->b;
            for (int q = 0; q < 4; q++) {
                o->quad_last[q] = fx * x->q[q];
            }
            o->events = x->events;
            if (y) {
                double fy = sc__decay((double)(e - y->at), h);
                A += fy * y->a;
                B += fy * y->b;
                for (int q = 0; q < 4; q++) {
                    o->quad_last[q] += fy * y->q[q];
                }
                o->events += y->events;
            }
            sc__day_format(e, o->at);
            o->r_last = score(A, B, k);
            o->weight_last = B;
            i += y ? 2 : 1;
        }
        if (r->n_dyads > 1) { /* qsort's pointer must not be NULL even for 0 elements */
            qsort(r->dyads, r->n_dyads, sizeof *r->dyads, cmp_dyad);
            qsort(r->pairs, r->n_pairs, sizeof *r->pairs, cmp_pair);
        }
        sc__scan_take_stats(sc, &r->stats);
    }
    free(c.out);
    sc__scan_free(sc);
    if (rc != SC_OK) {
        sc_events_relations_free(r);
        return rc;
    }
    *out = r;
    return SC_OK;
}

/* ---- series: the days of chosen dyads ---------------------------------------------------------- */

typedef struct series_dyad {
    const char *source, *target;
    size_t first, n;    /* into days */
    uint32_t scan_dyad; /* while reading */
} series_dyad;

struct sc_events_series {
    char **names;
    size_t n_names;
    series_dyad *dyads;
    size_t n_dyads, cap_dyads;
    sc_events_day *days;
    int32_t *dayno;
    size_t n_days, cap_days;
    sc_events_stats stats;
};

static sc_status series_day(void *ctx, const sc__dayagg *g, sc_diag *diag)
{
    sc_events_series *s = ctx;
    if (s->n_days == s->cap_days) {
        size_t nc = s->cap_days ? 2 * s->cap_days : 1024;
        sc_events_day *nd = realloc(s->days, nc * sizeof *nd);
        if (nd) {
            s->days = nd;
        }
        int32_t *nn = nd ? realloc(s->dayno, nc * sizeof *nn) : NULL;
        if (!nd || !nn) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        s->dayno = nn;
        s->cap_days = nc;
    }
    if (s->n_dyads == 0 || s->dyads[s->n_dyads - 1].scan_dyad != g->dyad) {
        /* the stream is sorted by dyad: a new dyad starts here */
        series_dyad *nd = &s->dyads[s->n_dyads++];
        nd->first = s->n_days;
        nd->n = 0;
        nd->scan_dyad = g->dyad;
    }
    series_dyad *d = &s->dyads[s->n_dyads - 1];
    sc_events_day *o = &s->days[s->n_days];
    sc__day_format(g->day, o->date);
    s->dayno[s->n_days] = g->day;
    o->events = g->events;
    o->sum = g->sum;
    o->weight = g->weight;
    memcpy(o->quad, g->quad, sizeof o->quad);
    o->code = g->top_code >= 0 ? sc__cameo_table[g->top_code].code : NULL;
    s->n_days++;
    d->n++;
    return SC_OK;
}

void sc_events_series_free(sc_events_series *s)
{
    if (!s) {
        return;
    }
    for (size_t i = 0; i < s->n_names; i++) {
        free(s->names[i]);
    }
    free(s->names);
    free(s->dyads);
    free(s->days);
    free(s->dayno);
    sc__stats_free(&s->stats);
    free(s);
}

static int cmp_series_dyad(const void *x, const void *y)
{
    const series_dyad *a = x, *b = y;
    int c = strcmp(a->source, b->source);
    return c ? c : strcmp(a->target, b->target);
}

sc_status sc_events_series_read(const char *const *paths, size_t n_paths,
                                const sc_events_opts *opts, sc_events_series **out, sc_diag *diag)
{
    *out = NULL;
    if (!opts || !opts->actors || opts->n_actors < 2) {
        return sc__diag_set(diag, SC_EINVAL, "a daily series needs at least two actors chosen");
    }
    sc__scan *sc = NULL;
    sc_status rc = sc__scan_new(paths, n_paths, opts, 0, 0, &sc, diag);
    if (rc != SC_OK) {
        return rc;
    }
    sc_events_series *s = calloc(1, sizeof *s);
    size_t nd = sc__scan_dyad_count(sc);
    if (s) {
        s->dyads = calloc(nd ? nd : 1, sizeof *s->dyads);
    }
    if (!s || !s->dyads) {
        sc_events_series_free(s);
        sc__scan_free(sc);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    rc = sc__scan_stream(sc, series_day, s, diag);
    /* name the actors of the dyads met */
    size_t n_actors = 0;
    for (size_t i = 0; rc == SC_OK && i < s->n_dyads; i++) {
        uint32_t a, b;
        sc__scan_dyad(sc, s->dyads[i].scan_dyad, &a, &b);
        n_actors = a + 1 > n_actors ? a + 1 : n_actors;
        n_actors = b + 1 > n_actors ? b + 1 : n_actors;
    }
    if (rc == SC_OK && !(s->names = calloc(n_actors ? n_actors : 1, sizeof *s->names))) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; rc == SC_OK && i < n_actors; i++) {
        s->n_names = i + 1;
        if (!(s->names[i] = strdup(sc__scan_actor(sc, (uint32_t)i)))) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
    }
    for (size_t i = 0; rc == SC_OK && i < s->n_dyads; i++) {
        uint32_t a, b;
        sc__scan_dyad(sc, s->dyads[i].scan_dyad, &a, &b);
        s->dyads[i].source = s->names[a];
        s->dyads[i].target = s->names[b];
    }
    if (rc == SC_OK) {
        if (s->n_dyads > 1) {
            qsort(s->dyads, s->n_dyads, sizeof *s->dyads, cmp_series_dyad);
        }
        sc__scan_take_stats(sc, &s->stats);
    }
    sc__scan_free(sc);
    if (rc != SC_OK) {
        sc_events_series_free(s);
        return rc;
    }
    *out = s;
    return SC_OK;
}

const sc_events_stats *sc_events_series_stats(const sc_events_series *s)
{
    return &s->stats;
}

size_t sc_events_series_dyad_count(const sc_events_series *s)
{
    return s->n_dyads;
}

void sc_events_series_dyad(const sc_events_series *s, size_t i, const char **source,
                           const char **target, const sc_events_day **days, size_t *n_days)
{
    const series_dyad *d = &s->dyads[i];
    if (source) {
        *source = d->source;
    }
    if (target) {
        *target = d->target;
    }
    if (days) {
        *days = s->days + d->first;
    }
    if (n_days) {
        *n_days = d->n;
    }
}

static const series_dyad *find_dyad(const sc_events_series *s, const char *src, const char *tgt)
{
    series_dyad key = {src, tgt, 0, 0, 0};
    if (s->n_dyads == 0) {
        return NULL;
    }
    return bsearch(&key, s->dyads, s->n_dyads, sizeof *s->dyads, cmp_series_dyad);
}

/*
 * Walks the days of one or two dyads in date order, merged: calls back with each date and the
 * summed aggregates. Returns the number of days visited.
 */
typedef struct merged_day {
    int32_t day;
    uint32_t events;
    double sum, weight, quad[4];
    const char *code;
    double code_abs;
} merged_day;

typedef struct day_walk {
    const sc_events_series *s;
    const series_dyad *d[2];
    size_t pos[2];
} day_walk;

static int walk_next(day_walk *w, merged_day *m)
{
    int32_t best = INT32_MAX;
    for (int i = 0; i < 2; i++) {
        if (w->d[i] && w->pos[i] < w->d[i]->n) {
            int32_t day = w->s->dayno[w->d[i]->first + w->pos[i]];
            best = day < best ? day : best;
        }
    }
    if (best == INT32_MAX) {
        return 0;
    }
    memset(m, 0, sizeof *m);
    m->day = best;
    m->code_abs = -1;
    for (int i = 0; i < 2; i++) {
        if (w->d[i] && w->pos[i] < w->d[i]->n &&
            w->s->dayno[w->d[i]->first + w->pos[i]] == best) {
            const sc_events_day *x = &w->s->days[w->d[i]->first + w->pos[i]];
            m->events += x->events;
            m->sum += x->sum;
            m->weight += x->weight;
            for (int q = 0; q < 4; q++) {
                m->quad[q] += x->quad[q];
            }
            const sc_cameo_code *cc = x->code ? sc_cameo_find(x->code) : NULL;
            double strength = cc ? fabs(cc->goldstein) : 0;
            if (x->code && strength > m->code_abs) {
                m->code_abs = strength;
                m->code = x->code;
            }
            w->pos[i]++;
        }
    }
    return 1;
}

static sc_status open_walk(const sc_events_series *s, const char *source, const char *target,
                           int undirected, day_walk *w, sc_diag *diag)
{
    memset(w, 0, sizeof *w);
    w->s = s;
    if (!source || !target || strcmp(source, target) == 0) {
        return sc__diag_set(diag, SC_EINVAL, "a dyad needs two different actors");
    }
    w->d[0] = find_dyad(s, source, target);
    w->d[1] = undirected ? find_dyad(s, target, source) : NULL;
    return SC_OK;
}

sc_status sc_events_series_score(const sc_events_series *s, const char *source,
                                 const char *target, int undirected, const char *date,
                                 const sc_dsmg_params *p, sc_dsmg_state *out, sc_diag *diag)
{
    memset(out, 0, sizeof *out);
    sc_dsmg_params def;
    if (!p) {
        sc_dsmg_params_init(&def);
        p = &def;
    }
    sc_status rc = sc__dsmg_check(p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    int32_t until;
    if (!day_of(date, &until)) {
        return sc__diag_set(diag, SC_EINVAL, "'%s' is not a date (yyyy-mm-dd)",
                            date ? date : "(null)");
    }
    day_walk w;
    if ((rc = open_walk(s, source, target, undirected, &w, diag)) != SC_OK) {
        return rc;
    }
    merged_day m;
    int32_t last = 0;
    int any = 0;
    while (walk_next(&w, &m) && m.day <= until) {
        if (any) {
            double f = sc__decay((double)(m.day - last), p->half_life);
            out->a *= f;
            out->b *= f;
            for (int q = 0; q < 4; q++) {
                out->quad[q] *= f;
            }
        }
        out->a += m.sum;
        out->b += m.weight;
        for (int q = 0; q < 4; q++) {
            out->quad[q] += m.quad[q];
        }
        out->events += m.events;
        last = m.day;
        any = 1;
    }
    if (any) {
        double f = sc__decay((double)(until - last), p->half_life);
        out->a *= f;
        out->b *= f;
        for (int q = 0; q < 4; q++) {
            out->quad[q] *= f;
        }
        sc__day_format(last, out->last_day);
    }
    out->r = score(out->a, out->b, p->prior);
    return SC_OK;
}

#define MAX_TIMELINE_DAYS 200000

sc_status sc_events_series_timeline(const sc_events_series *s, const char *source,
                                    const char *target, int undirected, const sc_dsmg_params *p,
                                    const char *from, const char *to,
                                    sc_events_timeline_row **rows, size_t *n_rows, sc_diag *diag)
{
    *rows = NULL;
    *n_rows = 0;
    sc_dsmg_params def;
    if (!p) {
        sc_dsmg_params_init(&def);
        p = &def;
    }
    sc_status rc = sc__dsmg_check(p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    day_walk w;
    if ((rc = open_walk(s, source, target, undirected, &w, diag)) != SC_OK) {
        return rc;
    }
    int32_t first = INT32_MAX, last = INT32_MIN;
    for (int i = 0; i < 2; i++) {
        if (w.d[i] && w.d[i]->n) {
            int32_t a = s->dayno[w.d[i]->first], b = s->dayno[w.d[i]->first + w.d[i]->n - 1];
            first = a < first ? a : first;
            last = b > last ? b : last;
        }
    }
    int32_t d0 = first, d1 = last;
    if (from && !day_of(from, &d0)) {
        return sc__diag_set(diag, SC_EINVAL, "'%s' is not a date (yyyy-mm-dd)", from);
    }
    if (to && !day_of(to, &d1)) {
        return sc__diag_set(diag, SC_EINVAL, "'%s' is not a date (yyyy-mm-dd)", to);
    }
    if (first == INT32_MAX && (!from || !to)) {
        return SC_OK; /* no records and no range: an empty timeline */
    }
    if (d1 < d0) {
        return SC_OK;
    }
    if ((int64_t)d1 - d0 + 1 > MAX_TIMELINE_DAYS) {
        return sc__diag_set(diag, SC_ELIMIT, "a timeline of more than %d days", MAX_TIMELINE_DAYS);
    }
    size_t n = (size_t)(d1 - d0 + 1);
    sc_events_timeline_row *r = calloc(n, sizeof *r);
    if (!r) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    const double hl[3] = {p->half_life, 14.0, 180.0};
    double delta[3], A[3] = {0, 0, 0}, B[3] = {0, 0, 0};
    for (int j = 0; j < 3; j++) {
        delta[j] = sc__decay(1.0, hl[j]);
    }
    merged_day m;
    int have = walk_next(&w, &m);
    /* records before the range still shape the state on its first day */
    int32_t prev = INT32_MIN;
    while (have && m.day < d0) {
        for (int j = 0; j < 3; j++) {
            if (prev != INT32_MIN) {
                double f = sc__decay((double)(m.day - prev), hl[j]);
                A[j] *= f;
                B[j] *= f;
            }
            A[j] += m.sum;
            B[j] += m.weight;
        }
        prev = m.day;
        have = walk_next(&w, &m);
    }
    if (prev != INT32_MIN) {
        for (int j = 0; j < 3; j++) {
            double f = sc__decay((double)(d0 - 1 - prev), hl[j]);
            A[j] *= f;
            B[j] *= f;
        }
    }
    /* the divergence on the day before the range, for the first row's jump */
    double prev_shock = score(A[1], B[1], p->prior) - score(A[2], B[2], p->prior);
    for (size_t i = 0; i < n; i++) {
        int32_t day = d0 + (int32_t)i;
        sc_events_timeline_row *o = &r[i];
        sc__day_format(day, o->date);
        for (int j = 0; j < 3; j++) {
            A[j] *= delta[j];
            B[j] *= delta[j];
        }
        if (have && m.day == day) {
            for (int j = 0; j < 3; j++) {
                A[j] += m.sum;
                B[j] += m.weight;
            }
            o->events = m.events;
            o->weight_day = m.weight;
            o->code = m.code;
            have = walk_next(&w, &m);
        }
        o->r = score(A[0], B[0], p->prior);
        o->weight = B[0];
        o->r_short = score(A[1], B[1], p->prior);
        o->r_long = score(A[2], B[2], p->prior);
        o->shock = o->r_short - o->r_long;
        o->jump = o->shock - (i > 0 ? r[i - 1].shock : prev_shock);
    }
    *rows = r;
    *n_rows = n;
    return SC_OK;
}

size_t sc_events_timeline_shocks(const sc_events_timeline_row *rows, size_t n_rows,
                                 size_t max_shocks, size_t *out)
{
    /* greedy: the largest |shock| first, then the largest at least SHOCK_GAP days from every
     * one taken, so that one episode (a ceasefire, its talks and its aid) gives one shock */
    enum { SHOCK_GAP = 7 };
    size_t k = 0;
    while (k < max_shocks) {
        size_t best = SIZE_MAX;
        double bv = 0;
        for (size_t i = 0; i < n_rows; i++) {
            double v = fabs(rows[i].shock);
            if (rows[i].events == 0 || !(v > bv)) {
                continue;
            }
            int near = 0;
            for (size_t j = 0; j < k && !near; j++) {
                near = (i > out[j] ? i - out[j] : out[j] - i) < SHOCK_GAP;
            }
            if (!near) {
                best = i;
                bv = v;
            }
        }
        if (best == SIZE_MAX) {
            break;
        }
        out[k++] = best;
    }
    /* back to date order */
    for (size_t i = 1; i < k; i++) {
        size_t v = out[i], j = i;
        while (j > 0 && out[j - 1] > v) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = v;
    }
    return k;
}
