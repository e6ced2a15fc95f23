/* SPDX-License-Identifier: MIT */
/*
 * The uncertain inputs of a scenario: every number that carries `sd`, `range` or `triangular`,
 * and every `choice:` of a model section, each named by its scenario path; numbers sharing a
 * `group:` form one input. A draw maps one uniform u per input through each member's own inverse
 * CDF (docs/uncertainty.md), so group members move together and a draw is a point of the unit
 * cube, which is what Saltelli's design (src/uncertainty/sobol.c) needs.
 */
#include "scenario/scenario_internal.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "core/diag_internal.h"
#include "scx/scx.h"
#include "statecraft/uncertainty.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Capability and GDP must stay > 0: a draw at or below 0 becomes this. */
#define SC__POSITIVE_FLOOR 1e-12

struct sc__inputs {
    size_t n;
    sc_input *items;
};

/* ---- distributions ------------------------------------------------------------------------ */

int sc__dist_uncertain(const sc_dist *d)
{
    switch (d->kind) {
    case SC_DIST_NORMAL: return d->a > 0;
    case SC_DIST_UNIFORM:
    case SC_DIST_TRIANGULAR: return d->b > d->a;
    case SC_DIST_NONE: break;
    }
    return 0;
}

double sc_dist_quantile(const sc_dist *d, double value, double u)
{
    switch (d->kind) {
    case SC_DIST_NORMAL:
        return value + gsl_cdf_gaussian_Pinv(u, d->a);
    case SC_DIST_UNIFORM:
        return gsl_cdf_flat_Pinv(u, d->a, d->b);
    case SC_DIST_TRIANGULAR: {
        /* GSL has no triangular distribution; its inverse CDF is closed-form */
        double a = d->a, b = d->b, c = d->c;
        if (!(b > a)) {
            return a;
        }
        double f = (c - a) / (b - a);
        return u < f ? a + sqrt(u * (b - a) * (c - a)) : b - sqrt((1 - u) * (b - a) * (b - c));
    }
    case SC_DIST_NONE: break;
    }
    return value;
}

/* ---- `group:` ----------------------------------------------------------------------------- */

static int valid_group_name(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 64) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char ch = id[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-')) {
            return 0;
        }
    }
    return 1;
}

sc_status sc__quantity_group(const sc_node *map, int uncertain, const char **name, int *reverse,
                             sc_diag *diag)
{
    *name = NULL;
    *reverse = 0;
    const sc_node *g = map && map->kind == SC_NODE_MAP ? sc__node_get(map, "group") : NULL;
    if (!g) {
        return SC_OK;
    }
    const sc_node *id = g;
    if (g->kind == SC_NODE_MAP) {
        static const char *const keys[] = {"name", "reverse"};
        sc_status rc = sc__node_check_keys(g, "a group", keys, COUNT(keys), diag);
        if (rc != SC_OK) {
            return rc;
        }
        id = sc__node_get(g, "name");
        if (!id) {
            return sc__node_error(g, diag, SC_EPARSE, "a group mapping needs 'name'");
        }
        const sc_node *rev = sc__node_get(g, "reverse");
        if (rev) {
            const char *t = sc__node_scalar(rev);
            if (t && strcmp(t, "true") == 0) {
                *reverse = 1;
            } else if (!t || strcmp(t, "false") != 0) {
                return sc__node_error(rev, diag, SC_EPARSE, "'reverse' must be true or false");
            }
        }
    }
    const char *t = sc__node_scalar(id);
    if (!t || !valid_group_name(t)) {
        return sc__node_error(id, diag, SC_EPARSE,
                             "a group name is 1-64 characters of A-Z a-z 0-9 _ -");
    }
    if (!uncertain) {
        return sc__node_error(g, diag, SC_EINVAL,
                             "group '%s': this number has no uncertainty to share (give it 'sd', "
                             "'range' or 'triangular')",
                             t);
    }
    *name = t;
    return SC_OK;
}

/* ---- collecting the members ----------------------------------------------------------------- */

typedef struct member_list {
    sc__arena *a;
    sc_input_member *m;
    const char **group; /* per member */
    size_t n, cap;
} member_list;

static sc_status push_member(member_list *l, const sc_input_member *m, const char *group)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 32;
        sc_input_member *nm = realloc(l->m, cap * sizeof *nm);
        if (!nm) {
            return SC_ENOMEM;
        }
        l->m = nm;
        const char **ng = realloc(l->group, cap * sizeof *ng);
        if (!ng) {
            return SC_ENOMEM;
        }
        l->group = ng;
        l->cap = cap;
    }
    l->m[l->n] = *m;
    l->group[l->n] = group;
    l->n++;
    return SC_OK;
}

/* The path of a core number: "actor.USA.capability", "stance.nato.USA.position", ... */
static const char *core_path(char *buf, size_t cap, const char *kind, const char *x,
                             const char *y, const char *field)
{
    if (y) {
        snprintf(buf, cap, "%s.%s.%s.%s", kind, x, y, field);
    } else {
        snprintf(buf, cap, "%s.%s.%s", kind, x, field);
    }
    return buf;
}

static sc_status push_quantity(member_list *l, const sc_quantity *q, const char *path)
{
    if (!sc__dist_uncertain(&q->dist)) {
        return SC_OK;
    }
    sc_input_member m;
    memset(&m, 0, sizeof m);
    m.kind = SC_INPUT_NUMBER;
    m.path = sc__arena_strdup(l->a, path);
    if (!m.path) {
        return SC_ENOMEM;
    }
    m.dist = q->dist;
    m.value = q->value;
    m.min = q->min;
    m.max = q->max;
    m.reverse = q->group_reverse;
    return push_member(l, &m, q->group);
}

static sc_status core_members(const sc_scenario *s, member_list *l)
{
    sc_status rc = SC_OK;
    char p[512];
    for (size_t i = 0; rc == SC_OK && i < s->n_actors; i++) {
        const sc_actor *a = &s->actors[i];
        rc = push_quantity(l, &a->capability, core_path(p, sizeof p, "actor", a->id, NULL, "capability"));
        if (rc == SC_OK && !isnan(a->milex.value)) {
            rc = push_quantity(l, &a->milex, core_path(p, sizeof p, "actor", a->id, NULL, "milex"));
        }
        if (rc == SC_OK && !isnan(a->gdp.value)) {
            rc = push_quantity(l, &a->gdp, core_path(p, sizeof p, "actor", a->id, NULL, "gdp"));
        }
    }
    /* capability and GDP are ratios' denominators: never drawn to 0 or below */
    for (size_t k = 0; rc == SC_OK && k < l->n; k++) {
        const char *field = strrchr(l->m[k].path, '.') + 1;
        if ((strcmp(field, "capability") == 0 || strcmp(field, "gdp") == 0) &&
            l->m[k].min < SC__POSITIVE_FLOOR) {
            l->m[k].min = SC__POSITIVE_FLOOR;
        }
    }
    /* stances issue by issue, as a scenario file lists them */
    for (size_t j = 0; rc == SC_OK && j < s->n_issues; j++) {
        for (size_t a = 0; rc == SC_OK && a < s->n_actors; a++) {
            const sc_stance *st = &s->stances[a * s->n_issues + j];
            if (!st->present) {
                continue;
            }
            rc = push_quantity(l, &st->position, core_path(p, sizeof p, "stance", s->issues[j].id,
                                                         s->actors[a].id, "position"));
            if (rc == SC_OK) {
                rc = push_quantity(l, &st->salience, core_path(p, sizeof p, "stance", s->issues[j].id,
                                                             s->actors[a].id, "salience"));
            }
            if (rc == SC_OK && !isnan(st->influence.value)) {
                rc = push_quantity(l, &st->influence, core_path(p, sizeof p, "stance",
                                                              s->issues[j].id, s->actors[a].id,
                                                              "influence"));
            }
            if (rc == SC_OK && !isnan(st->reservation.value)) {
                rc = push_quantity(l, &st->reservation, core_path(p, sizeof p, "stance",
                                                                s->issues[j].id, s->actors[a].id,
                                                                "reservation"));
            }
        }
    }
    /* relations by dyad (lower actor index first), the order of the old dense table */
    for (size_t k = 0; rc == SC_OK && k < s->rel.n; k++) {
        size_t a, b;
        const sc_relation *r = sc__relations_at(&s->rel, k, &a, &b);
        if (!r->present) {
            continue;
        }
        rc = push_quantity(l, &r->amity, core_path(p, sizeof p, "relation", s->actors[a].id,
                                                  s->actors[b].id, "amity"));
        if (rc == SC_OK && !isnan(r->trade.value)) {
            rc = push_quantity(l, &r->trade, core_path(p, sizeof p, "relation", s->actors[a].id,
                                                      s->actors[b].id, "trade"));
        }
    }
    return rc;
}

/* ---- model sections ------------------------------------------------------------------------- */

typedef struct walk {
    sc_scenario *s;
    member_list *l;
    sc_diag *diag;
} walk;

static sc_status oom(sc_diag *diag)
{
    return sc__diag_set(diag, SC_ENOMEM, "out of memory");
}

/* A quantity mapping of a model section: checked like the core's, without a schema range. */
static sc_status section_quantity(walk *w, const sc_node *n, const char *path)
{
    sc_status rc = sc__node_check_quantity_keys(n, "a quantity", w->diag);
    if (rc != SC_OK) {
        return rc;
    }
    sc_quantity q;
    memset(&q, 0, sizeof q);
    q.min = -HUGE_VAL;
    q.max = HUGE_VAL;
    const sc_node *v = sc__node_get(n, "value");
    const char *vt = sc__node_scalar(v);
    double num = 0;
    /* a text value (e.g. `theta: {value: auto}`) is left to the model; only numbers vary */
    int numeric = vt && !v->quoted && sc__parse_number(vt, &num);
    if (numeric) {
        q.value = num;
    }
    const sc_node *sd = sc__node_get(n, "sd");
    const sc_node *range = sc__node_get(n, "range");
    const sc_node *tri = sc__node_get(n, "triangular");
    if ((sd != NULL) + (range != NULL) + (tri != NULL) > 1) {
        return sc__node_error(n, w->diag, SC_EPARSE,
                             "give at most one of 'sd', 'range' and 'triangular'");
    }
    if ((sd || range || tri) && !numeric) {
        return sc__node_error(v ? v : n, w->diag, SC_EPARSE,
                             "an uncertain quantity needs a number as its 'value'");
    }
    if (sd) {
        if ((rc = sc__node_number(sd, &q.dist.a, w->diag)) != SC_OK) {
            return rc;
        }
        if (!(q.dist.a >= 0)) {
            return sc__node_error(sd, w->diag, SC_ERANGE, "'sd' must be >= 0");
        }
        q.dist.kind = SC_DIST_NORMAL;
    }
    const sc_node *lst = range ? range : tri;
    if (lst) {
        size_t want = range ? 2 : 3;
        if (lst->kind != SC_NODE_SEQ || lst->n != want) {
            return sc__node_error(lst, w->diag, SC_EPARSE, "'%s' must be a list of %zu numbers",
                                 range ? "range" : "triangular", want);
        }
        double x[3] = {0, 0, 0};
        for (size_t i = 0; i < want; i++) {
            if ((rc = sc__node_number(lst->items[i], &x[i], w->diag)) != SC_OK) {
                return rc;
            }
        }
        double a = x[0], b = range ? x[1] : x[2], mode = range ? 0 : x[1];
        if (!(a <= b) || q.value < a || q.value > b || (!range && (mode < a || mode > b))) {
            return sc__node_error(lst, w->diag, SC_ERANGE,
                                 "%s: the range [%g, %g] must be ordered and contain the value "
                                 "%g%s",
                                 path, a, b, q.value, range ? "" : " and the mode");
        }
        q.dist.kind = range ? SC_DIST_UNIFORM : SC_DIST_TRIANGULAR;
        q.dist.a = a;
        q.dist.b = b;
        q.dist.c = mode;
        q.min = a;
        q.max = b;
    }
    rc = sc__quantity_group(n, sc__dist_uncertain(&q.dist), &q.group, &q.group_reverse, w->diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (!sc__dist_uncertain(&q.dist)) {
        return SC_OK;
    }
    rc = push_quantity(w->l, &q, path);
    return rc == SC_OK ? SC_OK : oom(w->diag);
}

/* A `choice:` of a model section: one of several texts, drawn like any other input. Returns the
 * scalar node of its point value in *point. */
static sc_status section_choice(walk *w, const sc_node *n, const char *path,
                                const sc_node **point)
{
    static const char *const keys[] = {"choice", "value", "weights", "source", "group"};
    sc_status rc = sc__node_check_keys(n, "a choice", keys, COUNT(keys), w->diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *opts = sc__node_get(n, "choice");
    if (opts->kind != SC_NODE_SEQ || opts->n < 2) {
        return sc__node_error(opts, w->diag, SC_EPARSE,
                             "'choice' must list at least two options");
    }
    sc__arena *a = &w->s->doc->arena;
    const char **texts = sc__arena_calloc(a, opts->n, sizeof *texts);
    double *weights = sc__arena_calloc(a, opts->n, sizeof *weights);
    if (!texts || !weights) {
        return oom(w->diag);
    }
    for (size_t i = 0; i < opts->n; i++) {
        const sc_node *o = opts->items[i];
        if (o->kind != SC_NODE_SCALAR) {
            return sc__node_error(o, w->diag, SC_EPARSE, "a choice's options must be plain values");
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(texts[j], o->scalar) == 0) {
                return sc__node_error(o, w->diag, SC_EINVAL, "option '%s' is listed twice",
                                     o->scalar);
            }
        }
        texts[i] = o->scalar;
        weights[i] = 1.0 / (double)opts->n;
    }
    size_t pt = 0;
    const sc_node *v = sc__node_get(n, "value");
    if (v) {
        const char *vt = sc__node_scalar(v);
        size_t i = 0;
        while (vt && i < opts->n && strcmp(texts[i], vt) != 0) {
            i++;
        }
        if (!vt || i == opts->n) {
            return sc__node_error(v, w->diag, SC_EINVAL,
                                 "the point value of a choice must be one of its options");
        }
        pt = i;
    }
    const sc_node *wn = sc__node_get(n, "weights");
    if (wn) {
        if (wn->kind != SC_NODE_SEQ || wn->n != opts->n) {
            return sc__node_error(wn, w->diag, SC_EPARSE,
                                 "'weights' must list one number per option (%zu)", opts->n);
        }
        double sum = 0;
        for (size_t i = 0; i < wn->n; i++) {
            if ((rc = sc__node_number(wn->items[i], &weights[i], w->diag)) != SC_OK) {
                return rc;
            }
            if (!(weights[i] >= 0)) {
                return sc__node_error(wn->items[i], w->diag, SC_ERANGE,
                                     "a weight must be >= 0");
            }
            sum += weights[i];
        }
        if (!(sum > 0) || !isfinite(sum)) {
            return sc__node_error(wn, w->diag, SC_ERANGE, "the weights must have a positive sum");
        }
        for (size_t i = 0; i < wn->n; i++) {
            weights[i] /= sum;
        }
    }
    const char *group = NULL;
    int reverse = 0;
    if ((rc = sc__quantity_group(n, 1, &group, &reverse, w->diag)) != SC_OK) {
        return rc;
    }
    sc_input_member m;
    memset(&m, 0, sizeof m);
    m.kind = SC_INPUT_CHOICE;
    m.path = sc__arena_strdup(a, path);
    if (!m.path) {
        return oom(w->diag);
    }
    m.reverse = reverse;
    m.n_options = opts->n;
    m.options = texts;
    m.weights = weights;
    m.point = pt;
    m.value = (double)pt;
    *point = opts->items[pt];
    return push_member(w->l, &m, group) == SC_OK ? SC_OK : oom(w->diag);
}

static sc_status walk_section(walk *w, sc_node *n, char *path, size_t len, size_t cap)
{
    if (n->kind != SC_NODE_MAP && n->kind != SC_NODE_SEQ) {
        return SC_OK;
    }
    for (size_t i = 0; i < n->n; i++) {
        sc_node *item = n->items[i];
        char idx[24];
        const char *key = n->kind == SC_NODE_MAP ? n->keys[i] : idx;
        snprintf(idx, sizeof idx, "%zu", i);
        size_t kl = strlen(key);
        if (len + 1 + kl + 1 > cap) {
            return sc__node_error(item, w->diag, SC_ELIMIT, "path too long");
        }
        path[len] = '.';
        memcpy(path + len + 1, key, kl + 1);
        sc_status rc = SC_OK;
        if (item->kind == SC_NODE_MAP && sc__node_get(item, "choice")) {
            const sc_node *point = NULL;
            rc = section_choice(w, item, path, &point);
            if (rc == SC_OK) {
                /* models read the point value; a draw writes the chosen option there */
                sc_node *leaf = sc__arena_alloc(&w->s->sect_arena, sizeof *leaf);
                if (!leaf) {
                    return oom(w->diag);
                }
                *leaf = *point;
                n->items[i] = leaf;
            }
        } else if (item->kind == SC_NODE_MAP && sc__node_get(item, "value")) {
            rc = section_quantity(w, item, path);
        } else {
            rc = walk_section(w, item, path, len + 1 + kl, cap);
        }
        path[len] = '\0';
        if (rc != SC_OK) {
            return rc;
        }
    }
    return SC_OK;
}

sc_status sc__scenario_build_inputs(sc_scenario *s, sc_diag *diag)
{
    member_list l = {&s->doc->arena, NULL, NULL, 0, 0};
    sc_status rc = core_members(s, &l);
    if (rc != SC_OK) {
        rc = oom(diag);
    }
    walk w = {s, &l, diag};
    for (size_t i = 0; rc == SC_OK && i < s->n_sections; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s", s->section_names[i]);
        rc = walk_section(&w, s->sections[i], path, strlen(path), sizeof path);
    }
    /* Members become inputs in document order; a group is one input, placed at its first
     * member. */
    sc__inputs *in = NULL;
    if (rc == SC_OK && l.n > 0) {
        in = sc__arena_calloc(&s->doc->arena, 1, sizeof *in);
        in = in ? in : NULL;
        sc_input *items = in ? sc__arena_calloc(&s->doc->arena, l.n, sizeof *items) : NULL;
        size_t *owner = calloc(l.n, sizeof *owner);
        sc_input_member *sorted = items ? sc__arena_calloc(&s->doc->arena, l.n, sizeof *sorted)
                                        : NULL;
        if (!in || !items || !owner || !sorted) {
            rc = oom(diag);
        } else {
            size_t n = 0;
            for (size_t k = 0; k < l.n; k++) {
                size_t j = n;
                for (size_t p = 0; l.group[k] && p < n; p++) {
                    if (items[p].group && strcmp(items[p].group, l.group[k]) == 0) {
                        j = p;
                    }
                }
                if (j == n) {
                    items[n].group = l.group[k];
                    items[n].name = l.group[k] ? l.group[k] : l.m[k].path;
                    n++;
                }
                owner[k] = j;
                items[j].n_members++;
            }
            /* lay the members out input by input */
            size_t off = 0;
            for (size_t j = 0; j < n; j++) {
                items[j].members = sorted + off;
                size_t filled = 0;
                for (size_t k = 0; k < l.n; k++) {
                    if (owner[k] == j) {
                        sorted[off + filled++] = l.m[k];
                    }
                }
                off += filled;
            }
            in->n = n;
            in->items = items;
        }
        free(owner);
    }
    free(l.m);
    free(l.group);
    if (rc == SC_OK) {
        s->doc->inputs = in;
    }
    return rc;
}

/* ---- reading ---------------------------------------------------------------------------------- */

size_t sc_scenario_input_count(const sc_scenario *s)
{
    return s->doc->inputs ? s->doc->inputs->n : 0;
}

const sc_input *sc_scenario_input(const sc_scenario *s, size_t i)
{
    return i < sc_scenario_input_count(s) ? &s->doc->inputs->items[i] : NULL;
}

long sc_scenario_input_index(const sc_scenario *s, const char *name)
{
    size_t n = sc_scenario_input_count(s);
    for (size_t i = 0; i < n; i++) {
        const sc_input *in = &s->doc->inputs->items[i];
        if (strcmp(in->name, name) == 0) {
            return (long)i;
        }
        for (size_t m = 0; m < in->n_members; m++) {
            if (strcmp(in->members[m].path, name) == 0) {
                return (long)i;
            }
        }
    }
    return -1;
}

/* ---- drawing ---------------------------------------------------------------------------------- */

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Number m at uniform u as a draw gives it: its quantile, clamped to its allowed range. */
static double member_at(const sc_input_member *m, double u)
{
    return clamp(sc_dist_quantile(&m->dist, m->value, u), m->min, m->max);
}

double sc_input_member_number(const sc_input_member *m, double u)
{
    if (m->reverse) {
        u = 1 - u;
    }
    return member_at(m, u);
}

size_t sc_input_member_option(const sc_input_member *m, double u)
{
    double v = m->reverse ? 1 - u : u;
    double cum = 0;
    for (size_t i = 0; i + 1 < m->n_options; i++) {
        cum += m->weights[i];
        if (v < cum) {
            return i;
        }
    }
    return m->n_options - 1;
}

/* Where a draw writes one member in a particular copy of the scenario. */
typedef struct target {
    double *num;  /* a number of the scenario's tables, or NULL */
    sc_node *leaf; /* a section scalar, or NULL */
    char *slot;   /* the leaf's own text buffer */
    size_t cap;
} target;

struct sc__scratch {
    sc_scenario *s;
    target *t;    /* one per member, inputs in order */
    size_t n;
};

static size_t member_count(const sc_scenario *s)
{
    size_t n = 0;
    for (size_t i = 0; i < sc_scenario_input_count(s); i++) {
        n += sc_scenario_input(s, i)->n_members;
    }
    return n;
}

/* Finds every member's target in s, giving each section leaf a buffer it keeps for good. */
static sc_status bind_targets(sc_scenario *s, target *t)
{
    size_t k = 0;
    for (size_t i = 0; i < sc_scenario_input_count(s); i++) {
        const sc_input *in = sc_scenario_input(s, i);
        for (size_t m = 0; m < in->n_members; m++, k++) {
            const sc_input_member *mb = &in->members[m];
            double lo, hi;
            memset(&t[k], 0, sizeof t[k]);
            t[k].num = sc__scenario_resolve(s, mb->path, &lo, &hi);
            if (t[k].num) {
                continue;
            }
            t[k].leaf = sc__scenario_section_leaf(s, mb->path);
            if (!t[k].leaf) {
                return SC_ENOTFOUND;
            }
            size_t cap = 32;
            for (size_t o = 0; o < mb->n_options; o++) {
                size_t len = strlen(mb->options[o]) + 1;
                cap = len > cap ? len : cap;
            }
            t[k].slot = sc__arena_alloc(&s->sect_arena, cap);
            if (!t[k].slot) {
                return SC_ENOMEM;
            }
            t[k].cap = cap;
            memcpy(t[k].slot, t[k].leaf->scalar, strlen(t[k].leaf->scalar) < cap
                                                     ? strlen(t[k].leaf->scalar) + 1
                                                     : 1);
            t[k].slot[cap - 1] = '\0';
            t[k].leaf->scalar = t[k].slot;
            /* a drawn number is a point: its section must not check the declared spread around
             * the draw (value +- 3 sd inside the domain holds for the declared value only) */
            sc_node *q = sc__scenario_section_quantity(s, mb->path);
            for (size_t j = 0; q && j < q->n; j++) {
                if (strcmp(q->keys[j], "sd") == 0 && q->items[j]->kind == SC_NODE_SCALAR) {
                    char *zero = sc__arena_alloc(&s->sect_arena, 2);
                    if (!zero) {
                        return SC_ENOMEM;
                    }
                    memcpy(zero, "0", 2);
                    q->items[j]->scalar = zero;
                    q->items[j]->quoted = 0;
                }
            }
        }
    }
    return SC_OK;
}

static void write_targets(sc_scenario *s, const target *t, const double *u)
{
    size_t k = 0;
    for (size_t i = 0; i < sc_scenario_input_count(s); i++) {
        const sc_input *in = sc_scenario_input(s, i);
        for (size_t m = 0; m < in->n_members; m++, k++) {
            const sc_input_member *mb = &in->members[m];
            if (mb->kind == SC_INPUT_CHOICE) {
                const char *opt = mb->options[sc_input_member_option(mb, u[i])];
                memcpy(t[k].slot, opt, strlen(opt) + 1);
                t[k].leaf->quoted = 0;
                continue;
            }
            double x = sc_input_member_number(mb, u[i]);
            if (t[k].num) {
                *t[k].num = x;
            } else {
                scx_snprintf_c(t[k].slot, t[k].cap, "%.17g", x); /* read back by scx_strtod_c */
                t[k].leaf->quoted = 0;
            }
        }
    }
}

sc_status sc__scratch_new(const sc_scenario *base, sc__scratch **out)
{
    *out = NULL;
    sc__scratch *x = calloc(1, sizeof *x);
    if (!x) {
        return SC_ENOMEM;
    }
    x->n = member_count(base);
    x->t = calloc(x->n ? x->n : 1, sizeof *x->t);
    sc_status rc = x->t ? sc__scenario_clone(base, &x->s) : SC_ENOMEM;
    if (rc == SC_OK) {
        rc = bind_targets(x->s, x->t);
    }
    if (rc != SC_OK) {
        sc__scratch_free(x);
        return rc;
    }
    *out = x;
    return SC_OK;
}

const sc_scenario *sc__scratch_set(sc__scratch *x, const double *u)
{
    write_targets(x->s, x->t, u);
    return x->s;
}

void sc__scratch_free(sc__scratch *x)
{
    if (x) {
        sc_scenario_free(x->s);
        free(x->t);
        free(x);
    }
}

sc_status sc_scenario_draw(const sc_scenario *s, const double *u, sc_scenario **out,
                           sc_diag *diag)
{
    *out = NULL;
    size_t k = sc_scenario_input_count(s);
    for (size_t i = 0; i < k; i++) {
        if (!(u[i] >= 0 && u[i] <= 1)) {
            return sc__diag_set(diag, SC_EINVAL,
                                "uniform %zu (input '%s') is %g, outside [0, 1]", i,
                                sc_scenario_input(s, i)->name, u[i]);
        }
    }
    sc__scratch *x = NULL;
    sc_status rc = sc__scratch_new(s, &x);
    if (rc != SC_OK) {
        return sc__diag_set(diag, rc, "cannot copy the scenario for a draw: %s",
                            sc_status_str(rc));
    }
    sc__scratch_set(x, u);
    *out = x->s;
    x->s = NULL;
    sc__scratch_free(x);
    return SC_OK;
}

sc_status sc_scenario_sample(const sc_scenario *s, sc_rng *rng, sc_scenario **out, sc_diag *diag)
{
    *out = NULL;
    size_t k = sc_scenario_input_count(s);
    double stack[64];
    double *u = k <= 64 ? stack : malloc(k * sizeof *u);
    if (!u) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < k; i++) {
        u[i] = sc_rng_uniform_pos(rng);
    }
    sc_status rc = sc_scenario_draw(s, u, out, diag);
    if (u != stack) {
        free(u);
    }
    return rc;
}

/* ---- what a draw can give a model section's number ------------------------------------------ */

/* Whether the path's first part is one of the n section names. */
static int in_sections(const char *path, const char *const *sections, size_t n)
{
    size_t len = strcspn(path, ".");
    for (size_t i = 0; i < n; i++) {
        if (strlen(sections[i]) == len && strncmp(path, sections[i], len) == 0) {
            return 1;
        }
    }
    return 0;
}

/*
 * The located error for a value of member m that `why` refuses: at the option of a choice, at
 * the end of a range or triangle the value is (which: 0 the low end, 2 the high end, 1 inside),
 * or at the `sd` of a normal. The source nodes are the file's, found by the member's path.
 */
static sc_status refuse(const sc_scenario *s, const sc_input_member *m, int which, size_t option,
                        double x, const char *why, sc_diag *diag)
{
    const sc_node *src = sc__scenario_source_node(s, m->path);
    if (m->kind == SC_INPUT_CHOICE) {
        const sc_node *at = sc__node_at(sc__node_get(src, "choice"), option);
        return sc__node_error(at ? at : src, diag, SC_ERANGE, "%s: option '%s' of the choice: %s",
                              m->path, m->options[option], why);
    }
    if (m->dist.kind == SC_DIST_NORMAL) {
        const sc_node *sd = sc__node_get(src, "sd");
        return sc__node_error(sd ? sd : src, diag, SC_ERANGE,
                              "%s: a normal draw reaches %g, value %s %.2g sd (the farthest draw "
                              "of run --draws; give a range or triangular to bound it): %s",
                              m->path, x, x < m->value ? "-" : "+",
                              fabs(x - m->value) / m->dist.a, why);
    }
    const sc_node *lst = sc__node_get(src, "range");
    lst = lst ? lst : sc__node_get(src, "triangular");
    const sc_node *at =
        which == 1 ? lst : sc__node_at(lst, which == 0 ? 0 : sc__node_count(lst) - 1);
    char spread[96];
    if (m->dist.kind == SC_DIST_TRIANGULAR) {
        scx_snprintf_c(spread, sizeof spread, "triangle [%g, %g, %g]", m->dist.a, m->dist.c, m->dist.b);
    } else {
        scx_snprintf_c(spread, sizeof spread, "range [%g, %g]", m->dist.a, m->dist.b);
    }
    return sc__node_error(at ? at : src, diag, SC_ERANGE, "%s: a draw %s %g, %s its %s: %s",
                          m->path, which == 1 ? "takes" : "reaches", x,
                          which == 0   ? "the low end of"
                          : which == 2 ? "the high end of"
                                       : "inside",
                          spread, why);
}

/* The value try t of number m gives (0: its lowest draw, 1: one inside, 2: its highest): the
 * ends of a range or triangle; a normal's farthest draws (sc_rng_uniform_pos never gives 0 or 1);
 * 1/pi inside. The member's own quantile, unclamped by `reverse` (both ends are tried). */
static double tried_u(const sc_input_member *m, size_t t)
{
    static const double bounded[3] = {0.0, 0.31830988618379067, 1.0};
    static const double normal[3] = {0x1p-53, 0.31830988618379067, 1.0 - 0x1p-53};
    return m->kind == SC_INPUT_NUMBER && m->dist.kind == SC_DIST_NORMAL ? normal[t] : bounded[t];
}

static double tried_value(const sc_input_member *m, size_t t)
{
    return member_at(m, tried_u(m, t));
}

/* One member of an input set to a value (or option) a draw gives it, and put back after: a
 * number of the core in the scenario's tables, or a section's scalar (read as a point: its `sd`
 * is set to 0, as a draw leaves it). */
typedef struct member_try {
    double *num, kept;            /* a core number, or NULL */
    sc_node *leaf, *sd;           /* a section scalar and its sd, or NULL */
    const char *text, *sd_text;
    int quoted;
    char buf[40];
} member_try;

/* Sets member m to x (a number) or to its option `option` (a choice); 0 if the scenario holds
 * no such number (a core path it does not resolve): nothing was set. */
static int member_set(sc_scenario *s, const sc_input_member *m, const char *const *sections,
                      size_t n, double x, size_t option, member_try *t)
{
    memset(t, 0, sizeof *t);
    t->leaf = in_sections(m->path, sections, n) ? sc__scenario_section_leaf(s, m->path) : NULL;
    if (!t->leaf) {
        double lo, hi;
        t->num = m->kind == SC_INPUT_NUMBER ? sc__scenario_resolve(s, m->path, &lo, &hi) : NULL;
        if (!t->num) {
            return 0;
        }
        t->kept = *t->num;
        *t->num = x;
        return 1;
    }
    t->text = t->leaf->scalar;
    t->quoted = t->leaf->quoted;
    if (m->kind == SC_INPUT_CHOICE) {
        t->leaf->scalar = m->options[option];
    } else {
        scx_snprintf_c(t->buf, sizeof t->buf, "%.17g", x);
        t->leaf->scalar = t->buf;
        sc_node *q = sc__scenario_section_quantity(s, m->path);
        for (size_t j = 0; q && j < q->n; j++) {
            if (strcmp(q->keys[j], "sd") == 0 && q->items[j]->kind == SC_NODE_SCALAR) {
                t->sd = q->items[j];
            }
        }
        if (t->sd) {
            t->sd_text = t->sd->scalar;
            t->sd->scalar = "0";
        }
    }
    t->leaf->quoted = 0;
    return 1;
}

static void member_restore(member_try *t)
{
    if (t->num) {
        *t->num = t->kept;
    }
    if (t->leaf) {
        t->leaf->scalar = t->text;
        t->leaf->quoted = t->quoted;
    }
    if (t->sd) {
        t->sd->scalar = t->sd_text;
    }
}

/* Runs the check on the scenario as it is set; ENOMEM, or 1 with the reason in *local. */
static sc_status tried(sc_scenario *s, sc__draw_check_fn check, void *ctx, sc_diag *local,
                       sc_diag *diag)
{
    sc_diag_init(local);
    sc_status r = check(s, ctx, local);
    if (r == SC_ENOMEM) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    return r == SC_OK ? SC_OK : SC_EINVAL;
}

/*
 * The members of a group move together in a draw (one uniform u, 1 - u for a `reverse` member):
 * each alone at its ends can pass while together they do not (a milex and the war's cost scale
 * both high put the cost per battle at 1). So a group is also tried whole, at its lowest draws,
 * one inside and its highest; a refusal is located at the first member's group name.
 */
static sc_status probe_group(sc_scenario *s, const sc_input *in, const char *const *sections,
                             size_t n, sc__draw_check_fn check, void *ctx, sc_diag *diag)
{
    member_try stack[8];
    member_try *tr = in->n_members <= 8 ? stack : malloc(in->n_members * sizeof *tr);
    if (!tr) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    sc_status rc = SC_OK;
    for (size_t t = 0; rc == SC_OK && t < 3; t++) {
        for (size_t k = 0; k < in->n_members; k++) {
            const sc_input_member *m = &in->members[k];
            /* the uniform of try t as a member alone takes it (a normal's farthest draws; a
             * choice's first and last options), the other end for a `reverse` member */
            double u = tried_u(m, t);
            double x = m->kind == SC_INPUT_NUMBER ? sc_input_member_number(m, u) : 0;
            size_t option = m->kind == SC_INPUT_CHOICE ? sc_input_member_option(m, u) : 0;
            member_set(s, m, sections, n, x, option, &tr[k]); /* 0: nothing set, none to undo */
        }
        sc_diag local;
        rc = tried(s, check, ctx, &local, diag);
        for (size_t k = in->n_members; k-- > 0;) {
            member_restore(&tr[k]);
        }
        if (rc == SC_EINVAL) {
            const sc_node *src = sc__scenario_source_node(s, in->members[0].path);
            const sc_node *g = sc__node_get(src, "group");
            rc = sc__node_error(g ? g : src, diag, SC_ERANGE,
                                "group %s: a draw puts its %zu members %s together: %s",
                                in->name, in->n_members,
                                t == 0   ? "at their lowest draws"
                                : t == 1 ? "at one draw inside their spreads"
                                         : "at their highest draws",
                                local.message);
        }
    }
    if (tr != stack) {
        free(tr);
    }
    return rc;
}

sc_status sc__scenario_probe_draws(sc_scenario *s, const char *const *sections, size_t n,
                                   sc__draw_check_fn check, void *ctx, sc_diag *diag)
{
    sc_status rc = SC_OK;
    for (size_t i = 0; rc == SC_OK && i < sc_scenario_input_count(s); i++) {
        const sc_input *in = sc_scenario_input(s, i);
        /* each member alone first: a refusal is then located at the end of its own spread */
        for (size_t k = 0; rc == SC_OK && k < in->n_members; k++) {
            const sc_input_member *m = &in->members[k];
            size_t tries = m->kind == SC_INPUT_CHOICE ? m->n_options : 3;
            for (size_t t = 0; rc == SC_OK && t < tries; t++) {
                double x = m->kind == SC_INPUT_CHOICE ? 0 : tried_value(m, t);
                member_try tr;
                if (!member_set(s, m, sections, n, x, t, &tr)) {
                    break; /* a core path the scenario does not hold */
                }
                sc_diag local;
                rc = tried(s, check, ctx, &local, diag);
                member_restore(&tr);
                if (rc == SC_EINVAL) {
                    rc = refuse(s, m, (int)t, t, x, local.message, diag);
                }
            }
        }
        if (rc == SC_OK && in->n_members > 1) {
            rc = probe_group(s, in, sections, n, check, ctx, diag);
        }
    }
    return rc;
}
