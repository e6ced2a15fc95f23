/* SPDX-License-Identifier: MIT */
/*
 * The scenario schema: turns the located node tree into an sc_scenario, checking every key,
 * type, range and cross-reference where it was written, so errors point at the offending text.
 */
#include "scenario/scenario_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const top_keys[] = {"statecraft", "metadata", "sources",  "actors",
                                       "issues",     "stances",  "relations", "events",
                                       "variants",   "claims",   "eum",       "smp",
                                       "war",        "triangle", "landscape", "game",
                                       "mc",         "capability_index", "agreement",
                                       "data",       "negotiation"};
static const char *const section_keys[] = {"eum", "smp", "war", "triangle", "landscape", "game",
                                           "mc", "data", "negotiation"};

typedef struct ctx {
    sc_scenario *s;
    sc__arena *a;
    sc_diag *diag;
} ctx;

static sc_status oom(ctx *c)
{
    return sc__diag_set(c->diag, SC_ENOMEM, "out of memory");
}

static const sc_node *key_node(const sc_node *map, const char *key)
{
    for (size_t i = 0; i < map->n; i++) {
        if (strcmp(map->keys[i], key) == 0) {
            return map->key_nodes[i];
        }
    }
    return map;
}

/* A required or optional text value. Numbers and booleans are accepted as their text. */
static sc_status get_text(ctx *c, const sc_node *map, const char *key, int required,
                          const char *what, const char **out)
{
    const sc_node *n = sc__node_get(map, key);
    if (!n || n->kind == SC_NODE_NULL) {
        if (required) {
            return sc__node_fail(map, c->diag, SC_EPARSE, "%s needs '%s'", what, key);
        }
        *out = NULL;
        return SC_OK;
    }
    if (n->kind != SC_NODE_SCALAR) {
        return sc__node_fail(n, c->diag, SC_EPARSE, "'%s' of %s must be text", key, what);
    }
    *out = n->scalar;
    return SC_OK;
}

static int valid_id(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 32) {
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

static sc_status get_id(ctx *c, const sc_node *map, const char *key, const char *what,
                        const char **out)
{
    sc_status rc = get_text(c, map, key, 1, what, out);
    if (rc == SC_OK && !valid_id(*out)) {
        return sc__node_fail(sc__node_get(map, key), c->diag, SC_EPARSE,
                             "'%s' is not a valid id (1-32 characters of A-Z a-z 0-9 _ -)", *out);
    }
    return rc;
}

static int valid_date(const char *d)
{
    return sc__valid_date(d);
}

/* Reads a number or quantity mapping into q, checking it against [lo, hi]. */
static sc_status get_quantity(ctx *c, const sc_node *n, const char *what, double lo, double hi,
                              int lo_open, sc_quantity *q)
{
    q->dist.kind = SC_DIST_NONE;
    q->source = NULL;
    q->group = NULL;
    q->group_reverse = 0;
    q->min = lo;
    q->max = hi;
    const sc_node *vnode = n;
    if (n && n->kind == SC_NODE_MAP) {
        sc_status rc = sc__node_check_quantity_keys(n, "a quantity", c->diag);
        if (rc != SC_OK) {
            return rc;
        }
        vnode = sc__node_get(n, "value");
        if (!vnode) {
            return sc__node_fail(n, c->diag, SC_EPARSE, "%s: a quantity mapping needs 'value'",
                                 what);
        }
    }
    sc_status rc = sc__node_number(vnode, &q->value, c->diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (q->value < lo || q->value > hi || (lo_open && q->value <= lo)) {
        return sc__node_fail(vnode, c->diag, SC_ERANGE, "%s %g is outside %s%g, %g]", what,
                             q->value, lo_open ? "(" : "[", lo, hi);
    }
    if (n->kind != SC_NODE_MAP) {
        return SC_OK;
    }
    const sc_node *src = sc__node_get(n, "source");
    if (src) {
        if (src->kind != SC_NODE_SCALAR) {
            return sc__node_fail(src, c->diag, SC_EPARSE, "'source' must be text");
        }
        q->source = src->scalar;
    }
    const sc_node *sd = sc__node_get(n, "sd");
    const sc_node *range = sc__node_get(n, "range");
    const sc_node *tri = sc__node_get(n, "triangular");
    if ((sd != NULL) + (range != NULL) + (tri != NULL) > 1) {
        return sc__node_fail(n, c->diag, SC_EPARSE,
                             "give at most one of 'sd', 'range' and 'triangular'");
    }
    if (sd) {
        rc = sc__node_number(sd, &q->dist.a, c->diag);
        if (rc != SC_OK) {
            return rc;
        }
        if (!(q->dist.a >= 0)) {
            return sc__node_fail(sd, c->diag, SC_ERANGE, "'sd' must be >= 0");
        }
        q->dist.kind = SC_DIST_NORMAL;
    }
    const sc_node *lst = range ? range : tri;
    if (lst) {
        size_t want = range ? 2 : 3;
        if (lst->kind != SC_NODE_SEQ || lst->n != want) {
            return sc__node_fail(lst, c->diag, SC_EPARSE, "'%s' must be a list of %zu numbers",
                                 range ? "range" : "triangular", want);
        }
        double v[3] = {0, 0, 0};
        for (size_t i = 0; i < want; i++) {
            rc = sc__node_number(lst->items[i], &v[i], c->diag);
            if (rc != SC_OK) {
                return rc;
            }
        }
        double a = v[0], b = range ? v[1] : v[2], mode = range ? 0 : v[1];
        if (!(a <= b) || a < lo || b > hi) {
            return sc__node_fail(lst, c->diag, SC_ERANGE,
                                 "%s: the range [%g, %g] must be ordered and within [%g, %g]",
                                 what, a, b, lo, hi);
        }
        if (q->value < a || q->value > b || (!range && (mode < a || mode > b))) {
            return sc__node_fail(lst, c->diag, SC_ERANGE,
                                 "%s: the value %g (and mode) must lie within [%g, %g]", what,
                                 q->value, a, b);
        }
        q->dist.kind = range ? SC_DIST_UNIFORM : SC_DIST_TRIANGULAR;
        q->dist.a = a;
        q->dist.b = b;
        q->dist.c = mode;
    }
    /* `group:` (src/scenario/inputs.c): one uncertain input shared by several numbers */
    return sc__quantity_group(n, sc__dist_uncertain(&q->dist), &q->group, &q->group_reverse,
                              c->diag);
}

static sc_status expect_seq(ctx *c, const sc_node *n, const char *what)
{
    if (!n || n->kind != SC_NODE_SEQ) {
        return sc__node_fail(n, c->diag, SC_EPARSE, "'%s' must be a list", what);
    }
    return SC_OK;
}

/* Finds an actor by id or reports "unknown actor" with a suggestion at node `at`. */
static sc_status find_actor(ctx *c, const sc_node *at, const char *id, size_t *out)
{
    long i = sc_scenario_actor_index(c->s, id);
    if (i >= 0) {
        *out = (size_t)i;
        return SC_OK;
    }
    const char **ids = malloc((c->s->n_actors ? c->s->n_actors : 1) * sizeof *ids);
    if (!ids) {
        return oom(c);
    }
    for (size_t k = 0; k < c->s->n_actors; k++) {
        ids[k] = c->s->actors[k].id;
    }
    const char *hint = sc__suggest(id, ids, c->s->n_actors);
    free(ids);
    if (hint) {
        return sc__node_fail(at, c->diag, SC_ENOTFOUND, "unknown actor '%s' (did you mean '%s'?)",
                             id, hint);
    }
    return sc__node_fail(at, c->diag, SC_ENOTFOUND, "unknown actor '%s'", id);
}

static sc_status find_issue(ctx *c, const sc_node *at, const char *id, size_t *out)
{
    long i = sc_scenario_issue_index(c->s, id);
    if (i >= 0) {
        *out = (size_t)i;
        return SC_OK;
    }
    const char **ids = malloc((c->s->n_issues ? c->s->n_issues : 1) * sizeof *ids);
    if (!ids) {
        return oom(c);
    }
    for (size_t k = 0; k < c->s->n_issues; k++) {
        ids[k] = c->s->issues[k].id;
    }
    const char *hint = sc__suggest(id, ids, c->s->n_issues);
    free(ids);
    if (hint) {
        return sc__node_fail(at, c->diag, SC_ENOTFOUND, "unknown issue '%s' (did you mean '%s'?)",
                             id, hint);
    }
    return sc__node_fail(at, c->diag, SC_ENOTFOUND, "unknown issue '%s'", id);
}

/* ---- parts ----------------------------------------------------------------------------------- */

static sc_status parse_metadata(ctx *c, const sc_node *m)
{
    static const char *const keys[] = {"title", "date", "description", "authors"};
    sc_status rc = sc__node_check_keys(m, "metadata", keys, COUNT(keys), c->diag);
    if (rc == SC_OK) {
        rc = get_text(c, m, "title", 1, "metadata", &c->s->title);
    }
    if (rc == SC_OK) {
        rc = get_text(c, m, "description", 0, "metadata", &c->s->description);
    }
    if (rc == SC_OK) {
        rc = get_text(c, m, "date", 0, "metadata", &c->s->date);
    }
    if (rc == SC_OK && c->s->date && !valid_date(c->s->date)) {
        return sc__node_fail(sc__node_get(m, "date"), c->diag, SC_EPARSE,
                             "'%s' is not a date of the form yyyy-mm-dd", c->s->date);
    }
    const sc_node *au = sc__node_get(m, "authors");
    if (rc == SC_OK && au && au->kind != SC_NODE_SEQ && au->kind != SC_NODE_SCALAR) {
        return sc__node_fail(au, c->diag, SC_EPARSE, "'authors' must be a list of names");
    }
    return rc;
}

static sc_status parse_sources(ctx *c, const sc_node *list)
{
    static const char *const keys[] = {"id", "citation", "url"};
    sc_status rc = expect_seq(c, list, "sources");
    if (rc != SC_OK) {
        return rc;
    }
    sc_source *src = sc__arena_calloc(c->a, list->n ? list->n : 1, sizeof *src);
    if (!src) {
        return oom(c);
    }
    for (size_t i = 0; i < list->n; i++) {
        const sc_node *n = list->items[i];
        rc = sc__node_check_keys(n, "source", keys, COUNT(keys), c->diag);
        if (rc == SC_OK) {
            rc = get_id(c, n, "id", "source", &src[i].id);
        }
        if (rc == SC_OK) {
            rc = get_text(c, n, "citation", 1, "source", &src[i].citation);
        }
        if (rc == SC_OK) {
            rc = get_text(c, n, "url", 0, "source", &src[i].url);
        }
        for (size_t k = 0; rc == SC_OK && k < i; k++) {
            if (strcmp(src[k].id, src[i].id) == 0) {
                rc = sc__node_fail(sc__node_get(n, "id"), c->diag, SC_EINVAL,
                                   "duplicate source id '%s'", src[i].id);
            }
        }
        if (rc != SC_OK) {
            return rc;
        }
    }
    c->s->sources = src;
    c->s->n_sources = list->n;
    return SC_OK;
}

static sc_status parse_actor(ctx *c, const sc_node *n, size_t i)
{
    static const char *const keys[] = {"id", "name", "description", "capability", "milex", "gdp"};
    sc_actor *a = &c->s->actors[i];
    sc_status rc = sc__node_check_keys(n, "actor", keys, COUNT(keys), c->diag);
    if (rc == SC_OK) {
        rc = get_id(c, n, "id", "actor", &a->id);
    }
    if (rc == SC_OK) {
        /* the id hash finds a duplicate in O(1) and later lookups in O(1) */
        rc = sc__ids_add(&c->s->actor_ids, &c->s->actors[0].id, sizeof *c->s->actors, i, NULL);
        if (rc == SC_EINVAL) {
            return sc__node_fail(sc__node_get(n, "id"), c->diag, SC_EINVAL,
                                 "duplicate actor id '%s'", a->id);
        }
        if (rc != SC_OK) {
            return oom(c);
        }
    }
    if (rc == SC_OK) {
        rc = get_text(c, n, "name", 1, "actor", &a->name);
    }
    if (rc == SC_OK) {
        rc = get_text(c, n, "description", 0, "actor", &a->description);
    }
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *cap = sc__node_get(n, "capability");
    if (!cap && c->s->cap_spec.index == SC_CAPABILITY_GIVEN) {
        return sc__node_fail(n, c->diag, SC_EPARSE, "actor '%s' needs 'capability'", a->id);
    }
    if (cap) {
        rc = get_quantity(c, cap, "capability", 0, 1e12, 1, &a->capability);
    } else {
        a->capability.value = (double)NAN; /* taken from the capability index below */
    }
    const sc_node *mx = sc__node_get(n, "milex");
    if (rc == SC_OK && mx) {
        rc = get_quantity(c, mx, "milex", 0, 1e9, 0, &a->milex);
    }
    const sc_node *gdp = sc__node_get(n, "gdp");
    if (rc == SC_OK && gdp) {
        rc = get_quantity(c, gdp, "gdp", 0, 1e9, 1, &a->gdp);
    }
    return rc;
}

static sc_status parse_issue(ctx *c, const sc_node *n, size_t j)
{
    static const char *const keys[] = {"id", "title", "scale", "low", "high"};
    sc_issue *is = &c->s->issues[j];
    sc_status rc = sc__node_check_keys(n, "issue", keys, COUNT(keys), c->diag);
    if (rc == SC_OK) {
        rc = get_id(c, n, "id", "issue", &is->id);
    }
    if (rc == SC_OK) {
        rc = sc__ids_add(&c->s->issue_ids, &c->s->issues[0].id, sizeof *c->s->issues, j, NULL);
        if (rc == SC_EINVAL) {
            return sc__node_fail(sc__node_get(n, "id"), c->diag, SC_EINVAL,
                                 "duplicate issue id '%s'", is->id);
        }
        if (rc != SC_OK) {
            return oom(c);
        }
    }
    if (rc == SC_OK) {
        rc = get_text(c, n, "title", 1, "issue", &is->title);
    }
    if (rc == SC_OK) {
        rc = get_text(c, n, "low", 0, "issue", &is->low);
    }
    if (rc == SC_OK) {
        rc = get_text(c, n, "high", 0, "issue", &is->high);
    }
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *sc = sc__node_get(n, "scale");
    if (sc) {
        if (sc->kind != SC_NODE_SEQ || sc->n != 2) {
            return sc__node_fail(sc, c->diag, SC_EPARSE, "'scale' must be [low, high]");
        }
        rc = sc__node_number(sc->items[0], &is->scale_min, c->diag);
        if (rc == SC_OK) {
            rc = sc__node_number(sc->items[1], &is->scale_max, c->diag);
        }
        if (rc == SC_OK && !(is->scale_min < is->scale_max)) {
            return sc__node_fail(sc, c->diag, SC_ERANGE, "'scale' must have low < high");
        }
    }
    return rc;
}

static sc_status parse_stances(ctx *c, const sc_node *m)
{
    if (m->kind != SC_NODE_MAP) {
        return sc__node_fail(m, c->diag, SC_EPARSE,
                             "'stances' must map issue ids to actor stances");
    }
    static const char *const keys[] = {"position", "salience", "rationale", "influence",
                                       "reservation"};
    sc_scenario *s = c->s;
    for (size_t k = 0; k < m->n; k++) {
        size_t j = 0;
        sc_status rc = find_issue(c, m->key_nodes[k], m->keys[k], &j);
        if (rc != SC_OK) {
            return rc;
        }
        const sc_node *per = m->items[k];
        if (per->kind != SC_NODE_MAP) {
            return sc__node_fail(per, c->diag, SC_EPARSE,
                                 "stances of issue '%s' must map actor ids to stances",
                                 s->issues[j].id);
        }
        const sc_issue *is = &s->issues[j];
        for (size_t t = 0; t < per->n; t++) {
            size_t i = 0;
            rc = find_actor(c, per->key_nodes[t], per->keys[t], &i);
            if (rc != SC_OK) {
                return rc;
            }
            const sc_node *n = per->items[t];
            sc_stance *st = &s->stances[i * s->n_issues + j];
            s->stance_nodes[i * s->n_issues + j] = per->key_nodes[t];
            rc = sc__node_check_keys(n, "stance", keys, COUNT(keys), c->diag);
            if (rc != SC_OK) {
                return rc;
            }
            const sc_node *pos = sc__node_get(n, "position");
            const sc_node *sal = sc__node_get(n, "salience");
            if (!pos || !sal) {
                return sc__node_fail(n, c->diag, SC_EPARSE,
                                     "stance of '%s' on '%s' needs 'position' and 'salience'",
                                     s->actors[i].id, is->id);
            }
            rc = get_quantity(c, pos, "position", -HUGE_VAL, HUGE_VAL, 0, &st->position);
            if (rc != SC_OK) {
                return rc;
            }
            if (st->position.value < is->scale_min || st->position.value > is->scale_max) {
                const sc_node *vn = pos->kind == SC_NODE_MAP ? sc__node_get(pos, "value") : pos;
                return sc__node_fail(vn, c->diag, SC_ERANGE,
                                     "position %g is outside the scale [%g, %g] of issue '%s'",
                                     st->position.value, is->scale_min, is->scale_max, is->id);
            }
            st->position.min = is->scale_min;
            st->position.max = is->scale_max;
            if (st->position.dist.kind == SC_DIST_UNIFORM ||
                st->position.dist.kind == SC_DIST_TRIANGULAR) {
                if (st->position.dist.a < is->scale_min || st->position.dist.b > is->scale_max) {
                    return sc__node_fail(pos, c->diag, SC_ERANGE,
                                         "the position's range leaves the scale [%g, %g]",
                                         is->scale_min, is->scale_max);
                }
            }
            rc = get_quantity(c, sal, "salience", 0, 1, 0, &st->salience);
            if (rc != SC_OK) {
                return rc;
            }
            rc = get_text(c, n, "rationale", 0, "stance", &st->rationale);
            if (rc != SC_OK) {
                return rc;
            }
            /* bargaining inputs: an issue-specific capability and the walk-away point */
            const sc_node *infl = sc__node_get(n, "influence");
            if (infl) {
                rc = get_quantity(c, infl, "influence", 0, 1e12, 0, &st->influence);
                if (rc != SC_OK) {
                    return rc;
                }
            }
            const sc_node *res = sc__node_get(n, "reservation");
            if (res) {
                rc = get_quantity(c, res, "reservation", is->scale_min, is->scale_max, 0,
                                  &st->reservation);
                if (rc != SC_OK) {
                    return rc;
                }
            }
            st->present = 1;
        }
    }
    return SC_OK;
}

/* A relation's amity taken from a data set: `amity: {data: ID}`. */
static sc_status amity_from_data(ctx *c, const sc_node *data, const sc_node *am, size_t a, size_t b,
                                 sc_relation *r)
{
    static const char *const keys[] = {"data"};
    sc_status rc = sc__node_check_keys(am, "an amity from data", keys, COUNT(keys), c->diag);
    const sc_node *idn = sc__node_get(am, "data");
    const char *id = sc__node_scalar(idn);
    if (rc == SC_OK && !id) {
        rc = sc__node_fail(idn, c->diag, SC_EPARSE, "'data' must name a data set");
    }
    if (rc == SC_OK) {
        rc = sc__data_set_check(c->s, data, idn, id, c->diag);
    }
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *set = sc__data_set(data, id);
    if (!sc__data_amity(c->s, set, a, b, &r->amity.value)) {
        return sc__node_fail(idn, c->diag, SC_ENOTFOUND, "data set '%s' has nothing on %s-%s", id,
                             c->s->actors[a].id, c->s->actors[b].id);
    }
    r->amity.dist.kind = SC_DIST_NONE;
    r->amity.min = -1;
    r->amity.max = 1;
    r->amity.source = sc__node_scalar(sc__node_get(set, "source"));
    r->amity.group = NULL;
    r->amity.group_reverse = 0;
    return SC_OK;
}

/* A relations entry `{data: ID}`: every pair the set covers that no entry judges by hand. */
static sc_status fill_from_data(ctx *c, const sc_node *data, const sc_node *n)
{
    static const char *const keys[] = {"data", "rationale"};
    sc_status rc = sc__node_check_keys(n, "relations from data", keys, COUNT(keys), c->diag);
    const sc_node *idn = sc__node_get(n, "data");
    const char *id = sc__node_scalar(idn);
    if (rc == SC_OK && !id) {
        rc = sc__node_fail(idn, c->diag, SC_EPARSE, "'data' must name a data set");
    }
    if (rc == SC_OK) {
        rc = sc__data_set_check(c->s, data, idn, id, c->diag);
    }
    const char *why = NULL;
    if (rc == SC_OK) {
        rc = get_text(c, n, "rationale", 0, "relations from data", &why);
    }
    if (rc != SC_OK) {
        return rc;
    }
    sc_scenario *s = c->s;
    const sc_node *set = sc__data_set(data, id);
    size_t filled = 0;
    for (size_t a = 0; a < s->n_actors; a++) {
        for (size_t b = a + 1; b < s->n_actors; b++) {
            const sc_relation *given = sc__relations_find(&s->rel, a, b);
            double v;
            if ((given && given->present) || !sc__data_amity(s, set, a, b, &v)) {
                continue;
            }
            if (!given && s->rel.n >= sc__scenario_max_relations()) {
                /* a data set covering every pair of many actors: n^2 / 2 relations */
                return sc__node_fail(idn, c->diag, SC_ELIMIT,
                                     "data set '%s' gives more relations than the %zu that fit "
                                     "the memory budget of %zu MiB (--max-memory; docs/limits.md)",
                                     id, sc__scenario_max_relations(),
                                     sc_memory_budget_get() >> 20);
            }
            sc_relation *r = sc__relations_add(&s->rel, a, b, 0); /* sorted by the caller */
            if (!r) {
                return sc__diag_set(c->diag, SC_ENOMEM, "out of memory");
            }
            r->amity.value = v;
            r->amity.dist.kind = SC_DIST_NONE;
            r->amity.min = -1;
            r->amity.max = 1;
            r->amity.source = sc__node_scalar(sc__node_get(set, "source"));
            r->amity.group = NULL;
            r->amity.group_reverse = 0;
            r->rationale = why;
            r->present = 1;
            filled++;
        }
    }
    if (!filled) {
        return sc__node_fail(idn, c->diag, SC_EINVAL,
                             "data set '%s' gives no pair without a relation of its own", id);
    }
    return SC_OK;
}

static sc_status parse_relations(ctx *c, const sc_node *list, const sc_node *data)
{
    static const char *const keys[] = {"pair", "amity", "trade", "rationale", "data"};
    sc_status rc = expect_seq(c, list, "relations");
    sc_scenario *s = c->s;
    if (rc == SC_OK && list->n > sc__scenario_max_relations()) {
        return sc__node_fail(list, c->diag, SC_ELIMIT,
                             "%zu relations, more than the %zu that fit the memory budget of "
                             "%zu MiB (--max-memory; docs/limits.md)",
                             list->n, sc__scenario_max_relations(), sc_memory_budget_get() >> 20);
    }
    for (size_t k = 0; rc == SC_OK && k < list->n; k++) {
        const sc_node *n = list->items[k];
        rc = sc__node_check_keys(n, "relation", keys, COUNT(keys), c->diag);
        if (rc != SC_OK) {
            return rc;
        }
        if (!sc__node_get(n, "pair") && sc__node_get(n, "data")) {
            continue; /* a whole data set: after every relation judged by hand */
        }
        if (sc__node_get(n, "data")) {
            return sc__node_fail(key_node(n, "data"), c->diag, SC_EPARSE,
                                 "a relation with a pair takes its data as 'amity: {data: ID}'");
        }
        const sc_node *pair = sc__node_get(n, "pair");
        if (!pair || pair->kind != SC_NODE_SEQ || pair->n != 2 ||
            pair->items[0]->kind != SC_NODE_SCALAR || pair->items[1]->kind != SC_NODE_SCALAR) {
            return sc__node_fail(pair ? pair : n, c->diag, SC_EPARSE,
                                 "a relation needs 'pair: [ACTOR, ACTOR]'");
        }
        size_t a = 0, b = 0;
        rc = find_actor(c, pair->items[0], pair->items[0]->scalar, &a);
        if (rc == SC_OK) {
            rc = find_actor(c, pair->items[1], pair->items[1]->scalar, &b);
        }
        if (rc != SC_OK) {
            return rc;
        }
        if (a == b) {
            return sc__node_fail(pair, c->diag, SC_EINVAL, "a relation needs two different actors");
        }
        sc_relation *r = sc__relations_add(&s->rel, a, b, 0); /* sorted once all are read */
        if (!r) {
            return sc__diag_set(c->diag, SC_ENOMEM, "out of memory");
        }
        if (r->present) {
            return sc__node_fail(pair, c->diag, SC_EINVAL, "duplicate relation %s-%s",
                                 s->actors[a].id, s->actors[b].id);
        }
        const sc_node *am = sc__node_get(n, "amity");
        if (!am) {
            return sc__node_fail(n, c->diag, SC_EPARSE, "a relation needs 'amity'");
        }
        if (am->kind == SC_NODE_MAP && sc__node_get(am, "data")) {
            rc = amity_from_data(c, data, am, a < b ? a : b, a < b ? b : a, r);
        } else {
            rc = get_quantity(c, am, "amity", -1, 1, 0, &r->amity);
        }
        const sc_node *tr = sc__node_get(n, "trade");
        if (rc == SC_OK && tr) {
            rc = get_quantity(c, tr, "trade", 0, 1e9, 0, &r->trade);
        }
        if (rc == SC_OK) {
            rc = get_text(c, n, "rationale", 0, "relation", &r->rationale);
        }
        r->present = 1;
    }
    for (size_t k = 0; rc == SC_OK && k < list->n; k++) {
        const sc_node *n = list->items[k];
        if (!sc__node_get(n, "pair") && sc__node_get(n, "data")) {
            rc = fill_from_data(c, data, n);
        }
    }
    sc__relations_sort(&s->rel);
    return rc;
}

/* Checks that a shift's path names a number of this scenario, pointing at it if not. */
static sc_status check_path(ctx *c, const sc_node *at, const char *path)
{
    if (sc__scenario_path_valid(c->s, path)) {
        return SC_OK;
    }
    double v;
    if (sc_scenario_get_value(c->s, path, &v, NULL) == SC_OK) {
        return SC_OK;
    }
    /* Explain which part is wrong: an unknown actor or issue is the usual typo. */
    char buf[256];
    size_t len = strlen(path);
    if (len < sizeof buf) {
        memcpy(buf, path, len + 1);
        char *parts[5] = {0};
        size_t np = 0;
        for (char *p = buf; np < 5 && p;) {
            parts[np++] = p;
            char *d = strchr(p, '.');
            if (d) {
                *d = '\0';
                p = d + 1;
            } else {
                p = NULL;
            }
        }
        size_t idx;
        if (np >= 3 && strcmp(parts[0], "actor") == 0) {
            sc_status rc = find_actor(c, at, parts[1], &idx);
            if (rc != SC_OK) {
                return rc;
            }
        } else if (np >= 3 && strcmp(parts[0], "relation") == 0) {
            sc_status rc = find_actor(c, at, parts[1], &idx);
            if (rc == SC_OK) {
                rc = find_actor(c, at, parts[2], &idx);
            }
            if (rc != SC_OK) {
                return rc;
            }
        } else if (np >= 3 && strcmp(parts[0], "stance") == 0) {
            sc_status rc = find_issue(c, at, parts[1], &idx);
            if (rc == SC_OK) {
                rc = find_actor(c, at, parts[2], &idx);
            }
            if (rc != SC_OK) {
                return rc;
            }
        }
    }
    return sc__node_fail(at, c->diag, SC_ENOTFOUND,
                         "'%s' names no number of this scenario (paths: actor.ID.capability|milex|"
                         "gdp, stance.ISSUE.ACTOR.position|salience|influence|reservation, "
                         "relation.A.B.amity|trade, SECTION.KEY...)",
                         path);
}

static sc_status parse_shifts(ctx *c, const sc_node *list, sc_shift **out, size_t *n_out)
{
    static const char *const keys[] = {"target", "set", "add"};
    if (!list) {
        *out = NULL;
        *n_out = 0;
        return SC_OK;
    }
    sc_status rc = expect_seq(c, list, "shifts");
    if (rc != SC_OK) {
        return rc;
    }
    sc_shift *sh = sc__arena_calloc(c->a, list->n ? list->n : 1, sizeof *sh);
    if (!sh) {
        return oom(c);
    }
    for (size_t k = 0; k < list->n; k++) {
        const sc_node *n = list->items[k];
        rc = sc__node_check_keys(n, "shift", keys, COUNT(keys), c->diag);
        if (rc == SC_OK) {
            rc = get_text(c, n, "target", 1, "shift", &sh[k].target);
        }
        if (rc != SC_OK) {
            return rc;
        }
        rc = check_path(c, sc__node_get(n, "target"), sh[k].target);
        if (rc != SC_OK) {
            return rc;
        }
        const sc_node *set = sc__node_get(n, "set");
        const sc_node *add = sc__node_get(n, "add");
        if ((set != NULL) == (add != NULL)) {
            return sc__node_fail(n, c->diag, SC_EPARSE, "a shift needs exactly one of 'set' and 'add'");
        }
        sh[k].op = set ? SC_SHIFT_SET : SC_SHIFT_ADD;
        rc = sc__node_number(set ? set : add, &sh[k].value, c->diag);
        if (rc != SC_OK) {
            return rc;
        }
    }
    *out = sh;
    *n_out = list->n;
    return SC_OK;
}

static int cmp_event_date(const void *a, const void *b)
{
    return strcmp(((const sc_event *)a)->date, ((const sc_event *)b)->date);
}

static sc_status parse_events(ctx *c, const sc_node *list)
{
    static const char *const keys[] = {"id", "date", "actors", "what", "cameo", "source", "shifts"};
    sc_status rc = expect_seq(c, list, "events");
    if (rc != SC_OK) {
        return rc;
    }
    sc_event *ev = sc__arena_calloc(c->a, list->n ? list->n : 1, sizeof *ev);
    if (!ev) {
        return oom(c);
    }
    for (size_t k = 0; k < list->n; k++) {
        const sc_node *n = list->items[k];
        sc_event *e = &ev[k];
        rc = sc__node_check_keys(n, "event", keys, COUNT(keys), c->diag);
        if (rc == SC_OK) {
            rc = get_id(c, n, "id", "event", &e->id);
        }
        for (size_t p = 0; rc == SC_OK && p < k; p++) {
            if (strcmp(ev[p].id, e->id) == 0) {
                return sc__node_fail(sc__node_get(n, "id"), c->diag, SC_EINVAL,
                                     "duplicate event id '%s'", e->id);
            }
        }
        if (rc == SC_OK) {
            rc = get_text(c, n, "date", 1, "event", &e->date);
        }
        if (rc == SC_OK && !valid_date(e->date)) {
            return sc__node_fail(sc__node_get(n, "date"), c->diag, SC_EPARSE,
                                 "'%s' is not a date of the form yyyy-mm-dd", e->date);
        }
        /* events move the scenario from its baseline on: one dated earlier would be shown and
         * applied after a state it precedes */
        if (rc == SC_OK && c->s->date && strcmp(e->date, c->s->date) < 0) {
            return sc__node_fail(sc__node_get(n, "date"), c->diag, SC_EINVAL,
                                 "event '%s' is dated %s, before the scenario's baseline date %s "
                                 "(metadata.date): date it on or after %s, or move the baseline "
                                 "back",
                                 e->id, e->date, c->s->date, c->s->date);
        }
        if (rc == SC_OK) {
            rc = get_text(c, n, "what", 1, "event", &e->what);
        }
        if (rc == SC_OK) {
            rc = get_text(c, n, "cameo", 0, "event", &e->cameo);
        }
        if (rc == SC_OK && e->cameo) {
            size_t cl = strlen(e->cameo);
            int ok = cl >= 2 && cl <= 4;
            for (size_t q = 0; ok && q < cl; q++) {
                ok = e->cameo[q] >= '0' && e->cameo[q] <= '9';
            }
            if (!ok) {
                return sc__node_fail(sc__node_get(n, "cameo"), c->diag, SC_EPARSE,
                                     "'%s' is not a CAMEO code (2-4 digits, quoted, e.g. \"040\")",
                                     e->cameo);
            }
        }
        if (rc == SC_OK) {
            rc = get_text(c, n, "source", 0, "event", &e->source);
        }
        if (rc != SC_OK) {
            return rc;
        }
        const sc_node *act = sc__node_get(n, "actors");
        if (act) {
            if (act->kind != SC_NODE_SEQ) {
                return sc__node_fail(act, c->diag, SC_EPARSE, "'actors' must be a list of ids");
            }
            const char **ids = sc__arena_calloc(c->a, act->n ? act->n : 1, sizeof *ids);
            if (!ids) {
                return oom(c);
            }
            for (size_t q = 0; q < act->n; q++) {
                size_t idx = 0;
                const sc_node *an = act->items[q];
                if (an->kind != SC_NODE_SCALAR) {
                    return sc__node_fail(an, c->diag, SC_EPARSE, "expected an actor id");
                }
                rc = find_actor(c, an, an->scalar, &idx);
                if (rc != SC_OK) {
                    return rc;
                }
                ids[q] = c->s->actors[idx].id;
            }
            e->actors = ids;
            e->n_actors = act->n;
        }
        sc_shift *sh = NULL;
        rc = parse_shifts(c, sc__node_get(n, "shifts"), &sh, &e->n_shifts);
        if (rc != SC_OK) {
            return rc;
        }
        e->shifts = sh;
    }
    /* Stable order by date: insertion sort keeps same-day events in file order. */
    for (size_t i = 1; i < list->n; i++) {
        sc_event tmp = ev[i];
        size_t j = i;
        while (j > 0 && cmp_event_date(&ev[j - 1], &tmp) > 0) {
            ev[j] = ev[j - 1];
            j--;
        }
        ev[j] = tmp;
    }
    c->s->events = ev;
    c->s->n_events = list->n;
    return SC_OK;
}

static sc_status parse_variants(ctx *c, const sc_node *list)
{
    static const char *const keys[] = {"name", "description", "shifts"};
    sc_status rc = expect_seq(c, list, "variants");
    if (rc != SC_OK) {
        return rc;
    }
    sc_variant *v = sc__arena_calloc(c->a, list->n ? list->n : 1, sizeof *v);
    if (!v) {
        return oom(c);
    }
    for (size_t k = 0; k < list->n; k++) {
        const sc_node *n = list->items[k];
        rc = sc__node_check_keys(n, "variant", keys, COUNT(keys), c->diag);
        if (rc == SC_OK) {
            rc = get_id(c, n, "name", "variant", &v[k].name);
        }
        for (size_t p = 0; rc == SC_OK && p < k; p++) {
            if (strcmp(v[p].name, v[k].name) == 0) {
                return sc__node_fail(sc__node_get(n, "name"), c->diag, SC_EINVAL,
                                     "duplicate variant '%s'", v[k].name);
            }
        }
        if (rc == SC_OK) {
            rc = get_text(c, n, "description", 0, "variant", &v[k].description);
        }
        sc_shift *sh = NULL;
        if (rc == SC_OK) {
            rc = parse_shifts(c, sc__node_get(n, "shifts"), &sh, &v[k].n_shifts);
        }
        if (rc != SC_OK) {
            return rc;
        }
        v[k].shifts = sh;
    }
    c->s->variants = v;
    c->s->n_variants = list->n;
    return SC_OK;
}

static sc_status parse_claims(ctx *c, const sc_node *list)
{
    static const char *const keys[] = {"id", "text", "source", "test"};
    sc_status rc = expect_seq(c, list, "claims");
    if (rc != SC_OK) {
        return rc;
    }
    sc_claim *cl = sc__arena_calloc(c->a, list->n ? list->n : 1, sizeof *cl);
    const sc_node **nodes = sc__arena_calloc(c->a, list->n ? list->n : 1, sizeof *nodes);
    if (!cl || !nodes) {
        return oom(c);
    }
    for (size_t k = 0; k < list->n; k++) {
        const sc_node *n = list->items[k];
        rc = sc__node_check_keys(n, "claim", keys, COUNT(keys), c->diag);
        if (rc == SC_OK) {
            rc = get_id(c, n, "id", "claim", &cl[k].id);
        }
        for (size_t p = 0; rc == SC_OK && p < k; p++) {
            if (strcmp(cl[p].id, cl[k].id) == 0) {
                return sc__node_fail(sc__node_get(n, "id"), c->diag, SC_EINVAL,
                                     "duplicate claim id '%s'", cl[k].id);
            }
        }
        if (rc == SC_OK) {
            rc = get_text(c, n, "text", 1, "claim", &cl[k].text);
        }
        if (rc == SC_OK) {
            rc = get_text(c, n, "source", 0, "claim", &cl[k].source);
        }
        if (rc != SC_OK) {
            return rc;
        }
        const sc_node *t = sc__node_get(n, "test");
        if (t && t->kind != SC_NODE_MAP) {
            return sc__node_fail(t, c->diag, SC_EPARSE, "a claim's 'test' must be a mapping");
        }
        nodes[k] = n;
        if (t && (rc = sc__claim_parse_test(c->s, t, &cl[k], c->diag)) != SC_OK) {
            return rc;
        }
    }
    c->s->claims = cl;
    c->s->claim_nodes = nodes;
    c->s->n_claims = list->n;
    /* every predicate compiles (one jq compilation for all of them) */
    if ((rc = sc__claims_compile_check(c->s, c->diag)) != SC_OK) {
        return rc;
    }
    return SC_OK;
}

/* ---- the whole document ---------------------------------------------------------------------- */

/* A draw's check of the `eum:` and `smp:` settings (sc__scenario_probe_draws). */
static sc_status bargaining_check(sc_scenario *s, void *unused, sc_diag *diag)
{
    (void)unused;
    sc_bargaining_settings b;
    return sc_scenario_bargaining_settings(s, &b, diag);
}

static sc_status parse_root(ctx *c, const sc_node *root)
{
    sc_scenario *s = c->s;
    if (root->kind != SC_NODE_MAP) {
        return sc__node_fail(root, c->diag, SC_EPARSE,
                             "a scenario must be a mapping with 'statecraft', 'metadata' and "
                             "'actors'");
    }
    sc_status rc = sc__node_check_keys(root, "the scenario", top_keys, COUNT(top_keys), c->diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *ver = sc__node_get(root, "statecraft");
    if (!ver) {
        return sc__node_fail(root, c->diag, SC_EPARSE,
                             "missing 'statecraft: 1' (the format version) at the top");
    }
    double v;
    if (sc__node_number(ver, &v, c->diag) != SC_OK || v != 1.0) {
        return sc__node_fail(ver, c->diag, SC_EUNSUPPORTED,
                             "unsupported format version (this statecraft reads version 1)");
    }
    const sc_node *meta = sc__node_get(root, "metadata");
    if (!meta) {
        return sc__node_fail(root, c->diag, SC_EPARSE, "missing 'metadata' with a 'title'");
    }
    rc = parse_metadata(c, meta);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *srcs = sc__node_get(root, "sources");
    if (srcs && (rc = parse_sources(c, srcs)) != SC_OK) {
        return rc;
    }
    const sc_node *actors = sc__node_get(root, "actors");
    if (!actors) {
        return sc__node_fail(root, c->diag, SC_EPARSE, "missing 'actors'");
    }
    if ((rc = expect_seq(c, actors, "actors")) != SC_OK) {
        return rc;
    }
    const sc_node *issues = sc__node_get(root, "issues");
    if (issues && (rc = expect_seq(c, issues, "issues")) != SC_OK) {
        return rc;
    }
    size_t ni = issues ? issues->n : 0;
    if (actors->n > SC__MAX_ACTORS || ni > SC__MAX_ISSUES) {
        return sc__node_fail(actors->n > SC__MAX_ACTORS ? actors : issues, c->diag, SC_ELIMIT,
                             "too many actors or issues (limits %u and %u)", SC__MAX_ACTORS,
                             SC__MAX_ISSUES);
    }
    if (ni && actors->n > sc__scenario_max_cells() / ni) {
        /* the stance table is dense: actors x issues cells, whatever the file gives */
        return sc__node_fail(issues, c->diag, SC_ELIMIT,
                             "%zu actors x %zu issues = %zu stance cells, more than the %zu that "
                             "fit the memory budget of %zu MiB (--max-memory; docs/limits.md)",
                             actors->n, ni, actors->n * ni, sc__scenario_max_cells(),
                             sc_memory_budget_get() >> 20);
    }
    rc = sc__scenario_alloc_tables(s, actors->n, ni);
    if (rc != SC_OK) {
        return oom(c);
    }
    const sc_node *capidx = sc__node_get(root, "capability_index");
    if (capidx && (rc = sc__parse_capability_index(s, capidx, c->diag)) != SC_OK) {
        return rc;
    }
    s->actor_nodes = sc__arena_calloc(c->a, actors->n ? actors->n : 1, sizeof *s->actor_nodes);
    s->issue_nodes = sc__arena_calloc(c->a, ni ? ni : 1, sizeof *s->issue_nodes);
    s->stance_nodes = sc__arena_calloc(c->a, (actors->n * ni) > 0 ? actors->n * ni : 1,
                                       sizeof *s->stance_nodes);
    if (!s->actor_nodes || !s->issue_nodes || !s->stance_nodes) {
        return oom(c);
    }
    for (size_t i = 0; i < actors->n; i++) {
        s->actor_nodes[i] = actors->items[i];
        s->n_actors = i + 1; /* so duplicate checks and lookups see only parsed actors */
        if ((rc = parse_actor(c, actors->items[i], i)) != SC_OK) {
            return rc;
        }
    }
    if (actors->n < 2) {
        return sc__node_fail(actors, c->diag, SC_EINVAL,
                             "a scenario needs at least 2 actors, found %zu", actors->n);
    }
    if ((rc = sc__apply_capability_index(s, &s->cap_spec, 1, c->diag)) != SC_OK) {
        return rc;
    }
    for (size_t j = 0; j < ni; j++) {
        s->issue_nodes[j] = issues->items[j];
        s->n_issues = j + 1;
        if ((rc = parse_issue(c, issues->items[j], j)) != SC_OK) {
            return rc;
        }
    }
    for (size_t k = 0; k < s->n_actors * s->n_issues; k++) {
        s->stances[k].position.min = s->issues[k % s->n_issues].scale_min;
        s->stances[k].position.max = s->issues[k % s->n_issues].scale_max;
        s->stances[k].reservation.min = s->issues[k % s->n_issues].scale_min;
        s->stances[k].reservation.max = s->issues[k % s->n_issues].scale_max;
    }
    const sc_node *st = sc__node_get(root, "stances");
    if (st && (rc = parse_stances(c, st)) != SC_OK) {
        return rc;
    }
    /* the data sets before the relations, which may take their amities from them */
    const sc_node *data = sc__node_get(root, "data");
    if (data && (rc = sc__parse_data(s, data, c->diag)) != SC_OK) {
        return rc;
    }
    const sc_node *rel = sc__node_get(root, "relations");
    if (rel && (rc = parse_relations(c, rel, data)) != SC_OK) {
        return rc;
    }
    const sc_node *agr = sc__node_get(root, "agreement");
    if (agr && (rc = sc__parse_agreement(s, c->a, agr, c->diag)) != SC_OK) {
        return rc;
    }
    /* Sections first, so event and variant paths into them can be checked. */
    size_t nsec = 0;
    for (size_t k = 0; k < COUNT(section_keys); k++) {
        nsec += sc__node_get(root, section_keys[k]) != NULL;
    }
    s->section_names = calloc(nsec ? nsec : 1, sizeof *s->section_names);
    s->sections = calloc(nsec ? nsec : 1, sizeof *s->sections);
    if (!s->section_names || !s->sections) {
        return oom(c);
    }
    for (size_t k = 0; k < COUNT(section_keys); k++) {
        const sc_node *sec = sc__node_get(root, section_keys[k]);
        if (!sec) {
            continue;
        }
        if (sec->kind != SC_NODE_MAP) {
            return sc__node_fail(sec, c->diag, SC_EPARSE, "the '%s' section must be a mapping",
                                 section_keys[k]);
        }
        s->section_names[s->n_sections] = section_keys[k];
        s->sections[s->n_sections] = sc__node_dup(&s->sect_arena, sec);
        if (!s->sections[s->n_sections]) {
            return oom(c);
        }
        s->n_sections++;
    }
    /* Uncertain inputs (groups, choices in sections) before the sections are read and the
     * shifts checked: a choice becomes its point value for the models. */
    if ((rc = sc__scenario_build_inputs(s, c->diag)) != SC_OK) {
        return rc;
    }
    sc_bargaining_settings bargaining;
    if ((rc = sc_scenario_bargaining_settings(s, &bargaining, c->diag)) != SC_OK) {
        return rc;
    }
    /* and at every value a draw can give their uncertain numbers and choices */
    static const char *const bargaining_sections[] = {"eum", "smp"};
    rc = sc__scenario_probe_draws(s, bargaining_sections, COUNT(bargaining_sections),
                                  bargaining_check, NULL, c->diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *ev = sc__node_get(root, "events");
    if (ev && (rc = parse_events(c, ev)) != SC_OK) {
        return rc;
    }
    const sc_node *va = sc__node_get(root, "variants");
    if (va && (rc = parse_variants(c, va)) != SC_OK) {
        return rc;
    }
    const sc_node *cl = sc__node_get(root, "claims");
    if (cl && (rc = parse_claims(c, cl)) != SC_OK) {
        return rc;
    }
    (void)key_node;
    rc = sc_scenario_validate(s, c->diag);
    return rc == SC_OK ? sc__scenario_check_shifts(s, c->diag) : rc;
}

sc_status sc__check_input_size(size_t len, const sc_parse_opts *opts, const char *file,
                               sc_diag *diag)
{
    if (len > opts->max_bytes) {
        sc__diag_set_file(diag, file);
        return sc__diag_set(diag, SC_ELIMIT, "input is larger than the limit of %zu bytes",
                            opts->max_bytes);
    }
    return SC_OK;
}

void sc_parse_opts_init(sc_parse_opts *opts)
{
    opts->filename = NULL;
    opts->max_bytes = SC__DEFAULT_MAX_BYTES;
}

sc_status sc_scenario_parse(const char *text, size_t len, const sc_parse_opts *opts,
                            sc_scenario **out, sc_diag *diag)
{
    *out = NULL;
    sc_parse_opts def;
    if (!opts) {
        sc_parse_opts_init(&def);
        opts = &def;
    }
    const char *file = opts->filename ? opts->filename : "<input>";
    sc_status rc = sc__check_input_size(len, opts, file, diag);
    if (rc != SC_OK) {
        return rc;
    }
    sc_scenario *s = NULL;
    if (sc__scenario_alloc(&s) != SC_OK) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    const sc_node *root = NULL;
    rc = sc__yaml_parse(s->doc, text, len, file, &root, diag);
    if (rc == SC_OK) {
        s->doc->root = root;
        ctx c = {s, &s->doc->arena, diag};
        rc = parse_root(&c, root);
    }
    if (rc != SC_OK) {
        if (diag && !diag->file[0]) {
            sc__diag_set_file(diag, file);
        }
        sc_scenario_free(s);
        return rc;
    }
    *out = s;
    return SC_OK;
}
