/* SPDX-License-Identifier: MIT */
/* The scenario object: construction, accessors, copies, shifts, sampling and validation. */
#include "scx/scx.h"
#include "scenario/scenario_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"

/* ---- id hashes -------------------------------------------------------------------------------- */

static const char *id_of(const void *first, size_t stride, size_t i)
{
    const char *const *p = (const char *const *)(const void *)((const char *)first + i * stride);
    return *p;
}

static size_t id_hash(const char *id)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h = (h ^ *p) * 1099511628211u;
    }
    return (size_t)(h ^ (h >> 29));
}

static int ids_grow(sc__ids *x, const void *first, size_t stride)
{
    size_t nslot = x->nslot ? 2 * x->nslot : 64;
    uint32_t *slot = calloc(nslot, sizeof *slot);
    if (!slot) {
        return 0;
    }
    for (size_t k = 0; k < x->nslot; k++) {
        if (x->slot[k]) {
            size_t i = id_hash(id_of(first, stride, x->slot[k] - 1)) & (nslot - 1);
            while (slot[i]) {
                i = (i + 1) & (nslot - 1);
            }
            slot[i] = x->slot[k];
        }
    }
    free(x->slot);
    x->slot = slot;
    x->nslot = nslot;
    return 1;
}

sc_status sc__ids_add(sc__ids *x, const void *first, size_t stride, size_t i, size_t *dup)
{
    if (2 * (x->n + 1) > x->nslot && !ids_grow(x, first, stride)) {
        return SC_ENOMEM;
    }
    const char *id = id_of(first, stride, i);
    size_t k = id_hash(id) & (x->nslot - 1);
    for (; x->slot[k]; k = (k + 1) & (x->nslot - 1)) {
        if (strcmp(id_of(first, stride, x->slot[k] - 1), id) == 0) {
            if (dup) {
                *dup = x->slot[k] - 1;
            }
            return SC_EINVAL;
        }
    }
    x->slot[k] = (uint32_t)(i + 1);
    x->n++;
    return SC_OK;
}

long sc__ids_find(const sc__ids *x, const void *first, size_t stride, size_t n, const char *id)
{
    if (!x->nslot || x->n != n) {
        for (size_t i = 0; i < n; i++) {
            if (strcmp(id_of(first, stride, i), id) == 0) {
                return (long)i;
            }
        }
        return -1;
    }
    for (size_t k = id_hash(id) & (x->nslot - 1); x->slot[k]; k = (k + 1) & (x->nslot - 1)) {
        if (strcmp(id_of(first, stride, x->slot[k] - 1), id) == 0) {
            return (long)(x->slot[k] - 1);
        }
    }
    return -1;
}

void sc__ids_destroy(sc__ids *x)
{
    free(x->slot);
    memset(x, 0, sizeof *x);
}

sc_status sc__ids_copy(const sc__ids *src, sc__ids *dst)
{
    memset(dst, 0, sizeof *dst);
    if (!src->nslot) {
        return SC_OK;
    }
    dst->slot = malloc(src->nslot * sizeof *dst->slot);
    if (!dst->slot) {
        return SC_ENOMEM;
    }
    memcpy(dst->slot, src->slot, src->nslot * sizeof *dst->slot);
    dst->nslot = src->nslot;
    dst->n = src->n;
    return SC_OK;
}

sc_status sc__scenario_index_ids(sc_scenario *s)
{
    sc__ids_destroy(&s->actor_ids);
    sc__ids_destroy(&s->issue_ids);
    for (size_t i = 0; i < s->n_actors; i++) {
        sc_status rc = sc__ids_add(&s->actor_ids, &s->actors[0].id, sizeof *s->actors, i, NULL);
        if (rc != SC_OK) {
            return rc;
        }
    }
    for (size_t j = 0; j < s->n_issues; j++) {
        sc_status rc = sc__ids_add(&s->issue_ids, &s->issues[0].id, sizeof *s->issues, j, NULL);
        if (rc != SC_OK) {
            return rc;
        }
    }
    return SC_OK;
}

/* ---- lifecycle -------------------------------------------------------------------------------- */

static void doc_release(sc__doc *doc)
{
    if (doc && atomic_fetch_sub(&doc->refs, 1) == 1) {
        free(doc->text_owned);
        sc__arena_destroy(&doc->arena);
        free(doc);
    }
}

sc_status sc__scenario_alloc(sc_scenario **out)
{
    *out = NULL;
    sc_scenario *s = calloc(1, sizeof *s);
    sc__doc *doc = calloc(1, sizeof *doc);
    if (!s || !doc) {
        free(s);
        free(doc);
        return SC_ENOMEM;
    }
    atomic_init(&doc->refs, 1);
    sc__arena_init(&doc->arena);
    sc__arena_init(&s->sect_arena);
    sc_capability_spec_init(&s->cap_spec);
    sc__relations_init(&s->rel);
    s->doc = doc;
    s->title = "untitled";
    *out = s;
    return SC_OK;
}

static void fill_quantity(sc_quantity *q, double v, double lo, double hi)
{
    memset(q, 0, sizeof *q);
    q->value = v;
    q->min = lo;
    q->max = hi;
}

size_t sc__scenario_max_cells(void)
{
    return sc_memory_budget_get() / SC__SCENARIO_COPIES /
           (sizeof(sc_stance) + sizeof(const sc_node *));
}

size_t sc__scenario_max_relations(void)
{
    return sc_memory_budget_get() / SC__SCENARIO_COPIES / SC__REL_BYTES;
}

sc_status sc__scenario_alloc_tables(sc_scenario *s, size_t n, size_t m)
{
    if (n > SC__MAX_ACTORS || m > SC__MAX_ISSUES || (m && n > sc__scenario_max_cells() / m)) {
        return SC_ELIMIT;
    }
    s->n_actors = n;
    s->n_issues = m;
    s->actors = calloc(n ? n : 1, sizeof *s->actors);
    s->issues = calloc(m ? m : 1, sizeof *s->issues);
    s->stances = calloc((n * m) > 0 ? n * m : 1, sizeof *s->stances);
    /* relations are sparse (relations.h): nothing per pair until one is given */
    if (!s->actors || !s->issues || !s->stances) {
        return SC_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        fill_quantity(&s->actors[i].capability, 1.0, 0.0, HUGE_VAL);
        fill_quantity(&s->actors[i].milex, (double)NAN, 0.0, HUGE_VAL);
        fill_quantity(&s->actors[i].gdp, (double)NAN, 0.0, HUGE_VAL);
    }
    for (size_t j = 0; j < m; j++) {
        s->issues[j].scale_min = 0.0;
        s->issues[j].scale_max = 100.0;
    }
    for (size_t k = 0; k < n * m; k++) {
        fill_quantity(&s->stances[k].position, (double)NAN, 0.0, 100.0);
        fill_quantity(&s->stances[k].salience, (double)NAN, 0.0, 1.0);
        fill_quantity(&s->stances[k].influence, (double)NAN, 0.0, 1e12);
        fill_quantity(&s->stances[k].reservation, (double)NAN, 0.0, 100.0);
    }
    return SC_OK;
}

void sc_scenario_free(sc_scenario *s)
{
    if (!s) {
        return;
    }
    free(s->actors);
    free(s->issues);
    free(s->stances);
    sc__relations_destroy(&s->rel);
    sc__ids_destroy(&s->actor_ids);
    sc__ids_destroy(&s->issue_ids);
    sc__arena_destroy(&s->sect_arena);
    free(s->section_names);
    free(s->sections);
    doc_release(s->doc);
    free(s);
}

/* Copies n elements of size bytes, or returns a 1-byte block for n == 0. NULL on failure. */
static void *dup_array(const void *src, size_t n, size_t size)
{
    void *p = malloc(n ? n * size : 1);
    if (p && n) {
        memcpy(p, src, n * size);
    }
    return p;
}

sc_status sc__scenario_clone(const sc_scenario *s, sc_scenario **out)
{
    *out = NULL;
    sc_scenario *c = calloc(1, sizeof *c);
    if (!c) {
        return SC_ENOMEM;
    }
    *c = *s;
    atomic_fetch_add(&s->doc->refs, 1);
    sc__arena_init(&c->sect_arena);
    c->actors = dup_array(s->actors, s->n_actors, sizeof *s->actors);
    c->issues = dup_array(s->issues, s->n_issues, sizeof *s->issues);
    c->stances = dup_array(s->stances, s->n_actors * s->n_issues, sizeof *s->stances);
    sc_status relrc = sc__relations_copy(&s->rel, &c->rel);
    if (relrc == SC_OK) {
        relrc = sc__ids_copy(&s->actor_ids, &c->actor_ids);
    }
    if (relrc == SC_OK) {
        relrc = sc__ids_copy(&s->issue_ids, &c->issue_ids);
    }
    c->section_names = dup_array(s->section_names, s->n_sections, sizeof *s->section_names);
    c->sections = calloc(s->n_sections ? s->n_sections : 1, sizeof *c->sections);
    int ok = c->actors && c->issues && c->stances && relrc == SC_OK && c->section_names &&
             c->sections;
    for (size_t i = 0; ok && i < s->n_sections; i++) {
        c->sections[i] = sc__node_dup(&c->sect_arena, s->sections[i]);
        ok = c->sections[i] != NULL;
    }
    if (!ok) {
        sc_scenario_free(c);
        return SC_ENOMEM;
    }
    *out = c;
    return SC_OK;
}

/* ---- building in code ------------------------------------------------------------------------ */

sc_status sc_scenario_new(size_t n_actors, const char *const *actor_ids, size_t n_issues,
                          const char *const *issue_ids, sc_scenario **out, sc_diag *diag)
{
    *out = NULL;
    for (size_t i = 0; i < n_actors; i++) {
        if (!actor_ids || !actor_ids[i] || !actor_ids[i][0]) {
            return sc__diag_set(diag, SC_EINVAL, "actor %zu has no id", i);
        }
    }
    for (size_t j = 0; j < n_issues; j++) {
        if (!issue_ids || !issue_ids[j] || !issue_ids[j][0]) {
            return sc__diag_set(diag, SC_EINVAL, "issue %zu has no id", j);
        }
    }
    sc_scenario *s = NULL;
    sc_status rc = sc__scenario_alloc(&s);
    if (rc != SC_OK) {
        return sc__diag_set(diag, rc, "out of memory");
    }
    rc = sc__scenario_alloc_tables(s, n_actors, n_issues);
    if (rc == SC_ELIMIT) {
        sc_scenario_free(s);
        return sc__diag_set(diag, SC_ELIMIT,
                            "%zu actors x %zu issues: more than %u actors, %u issues or %zu "
                            "stance cells (the memory budget; docs/limits.md)",
                            n_actors, n_issues, SC__MAX_ACTORS, SC__MAX_ISSUES,
                            sc__scenario_max_cells());
    }
    for (size_t i = 0; rc == SC_OK && i < n_actors; i++) {
        char *id = sc__arena_strdup(&s->doc->arena, actor_ids[i]);
        if (!id) {
            rc = SC_ENOMEM;
        }
        s->actors[i].id = id;
        s->actors[i].name = id;
    }
    for (size_t j = 0; rc == SC_OK && j < n_issues; j++) {
        char *id = sc__arena_strdup(&s->doc->arena, issue_ids[j]);
        if (!id) {
            rc = SC_ENOMEM;
        }
        s->issues[j].id = id;
        s->issues[j].title = id;
    }
    if (rc == SC_OK) {
        rc = sc__scenario_index_ids(s);
        if (rc == SC_EINVAL) {
            /* duplicate ids are sc_scenario_validate's to report; lookups scan meanwhile */
            sc__ids_destroy(&s->actor_ids);
            sc__ids_destroy(&s->issue_ids);
            rc = SC_OK;
        }
    }
    if (rc != SC_OK) {
        sc_scenario_free(s);
        return sc__diag_set(diag, rc, "out of memory");
    }
    *out = s;
    return SC_OK;
}

sc_status sc_scenario_set_capability(sc_scenario *s, size_t actor, double capability, sc_diag *diag)
{
    if (actor >= s->n_actors) {
        return sc__diag_set(diag, SC_EINVAL, "no actor %zu (the scenario has %zu)", actor,
                            s->n_actors);
    }
    if (!isfinite(capability) || capability < 0) {
        return sc__diag_set(diag, SC_EINVAL, "capability of %s must be a finite number >= 0",
                            s->actors[actor].id);
    }
    s->actors[actor].capability.value = capability;
    return SC_OK;
}

sc_status sc_scenario_set_issue_scale(sc_scenario *s, size_t issue, double lo, double hi,
                                      sc_diag *diag)
{
    if (issue >= s->n_issues) {
        return sc__diag_set(diag, SC_EINVAL, "no issue %zu (the scenario has %zu)", issue,
                            s->n_issues);
    }
    if (!isfinite(lo) || !isfinite(hi) || !(lo < hi)) {
        return sc__diag_set(diag, SC_EINVAL, "scale of %s must be finite with lo < hi",
                            s->issues[issue].id);
    }
    s->issues[issue].scale_min = lo;
    s->issues[issue].scale_max = hi;
    for (size_t i = 0; i < s->n_actors; i++) {
        s->stances[i * s->n_issues + issue].position.min = lo;
        s->stances[i * s->n_issues + issue].position.max = hi;
        s->stances[i * s->n_issues + issue].reservation.min = lo;
        s->stances[i * s->n_issues + issue].reservation.max = hi;
    }
    return SC_OK;
}

/* Checks a (stance) index pair for the setters below. */
static sc_status stance_index(const sc_scenario *s, size_t actor, size_t issue, sc_diag *diag)
{
    if (actor >= s->n_actors || issue >= s->n_issues) {
        return sc__diag_set(diag, SC_EINVAL,
                            "no stance (%zu, %zu): the scenario has %zu actors and %zu issues",
                            actor, issue, s->n_actors, s->n_issues);
    }
    return SC_OK;
}

sc_status sc_scenario_set_influence(sc_scenario *s, size_t actor, size_t issue, double influence,
                                    sc_diag *diag)
{
    sc_status rc = stance_index(s, actor, issue, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (!isfinite(influence) || influence < 0) {
        return sc__diag_set(diag, SC_ERANGE, "influence of %s on %s must be a number >= 0",
                            s->actors[actor].id, s->issues[issue].id);
    }
    s->stances[actor * s->n_issues + issue].influence.value = influence;
    return SC_OK;
}

sc_status sc_scenario_set_reservation(sc_scenario *s, size_t actor, size_t issue,
                                      double reservation, sc_diag *diag)
{
    sc_status rc = stance_index(s, actor, issue, diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_issue *is = &s->issues[issue];
    if (!isfinite(reservation) || reservation < is->scale_min || reservation > is->scale_max) {
        return sc__diag_set(diag, SC_ERANGE,
                            "reservation point of %s on %s must lie on the scale [%g, %g]",
                            s->actors[actor].id, is->id, is->scale_min, is->scale_max);
    }
    s->stances[actor * s->n_issues + issue].reservation.value = reservation;
    return SC_OK;
}

sc_status sc_scenario_set_veto_player(sc_scenario *s, size_t actor, int veto, sc_diag *diag)
{
    if (actor >= s->n_actors) {
        return sc__diag_set(diag, SC_EINVAL, "no actor %zu: the scenario has %zu", actor,
                            s->n_actors);
    }
    /* copies share the flags: write a new array (construction time only, like every setter) */
    unsigned char *flags = sc__arena_calloc(&s->doc->arena, s->n_actors ? s->n_actors : 1, 1);
    if (!flags) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    if (s->veto) {
        memcpy(flags, s->veto, s->n_actors);
    }
    flags[actor] = veto != 0;
    s->n_veto = 0;
    for (size_t i = 0; i < s->n_actors; i++) {
        s->n_veto += flags[i];
    }
    s->veto = flags;
    return SC_OK;
}

sc_status sc_scenario_set_stance(sc_scenario *s, size_t actor, size_t issue, double position,
                                 double salience, sc_diag *diag)
{
    if (actor >= s->n_actors || issue >= s->n_issues) {
        return sc__diag_set(diag, SC_EINVAL,
                            "no stance (%zu, %zu): the scenario has %zu actors "
                            "and %zu issues",
                            actor, issue, s->n_actors, s->n_issues);
    }
    if (!isfinite(position) || !isfinite(salience)) {
        return sc__diag_set(diag, SC_EINVAL, "stance of %s on %s must be finite numbers",
                            s->actors[actor].id, s->issues[issue].id);
    }
    sc_stance *st = &s->stances[actor * s->n_issues + issue];
    st->present = 1;
    st->position.value = position;
    st->salience.value = salience;
    return SC_OK;
}

sc_status sc_scenario_set_amity(sc_scenario *s, size_t a, size_t b, double amity, sc_diag *diag)
{
    if (a >= s->n_actors || b >= s->n_actors || a == b) {
        return sc__diag_set(diag, SC_EINVAL, "no dyad (%zu, %zu): the scenario has %zu actors", a,
                            b, s->n_actors);
    }
    if (!isfinite(amity)) {
        return sc__diag_set(diag, SC_EINVAL, "amity of %s-%s must be a finite number",
                            s->actors[a].id, s->actors[b].id);
    }
    if (!sc__relations_find(&s->rel, a, b) && s->rel.n >= sc__scenario_max_relations()) {
        return sc__diag_set(diag, SC_ELIMIT, "more than %zu relations (the memory budget)",
                            sc__scenario_max_relations());
    }
    sc_relation *r = sc__relations_add(&s->rel, a, b, 1);
    if (!r) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    r->present = 1;
    r->amity.value = amity;
    return SC_OK;
}

/* ---- accessors ------------------------------------------------------------------------------- */

const char *sc_scenario_title(const sc_scenario *s) { return s->title; }
const char *sc_scenario_description(const sc_scenario *s) { return s->description; }
const char *sc_scenario_date(const sc_scenario *s) { return s->date; }
const char *sc_scenario_filename(const sc_scenario *s) { return s->doc->text.file; }
const char *sc_scenario_variant_name(const sc_scenario *s) { return s->variant_name; }
const char *sc_scenario_events_until(const sc_scenario *s) { return s->events_until; }
size_t sc_scenario_actor_count(const sc_scenario *s) { return s->n_actors; }
size_t sc_scenario_issue_count(const sc_scenario *s) { return s->n_issues; }
size_t sc_scenario_source_count(const sc_scenario *s) { return s->n_sources; }
size_t sc_scenario_event_count(const sc_scenario *s) { return s->n_events; }
size_t sc_scenario_variant_count(const sc_scenario *s) { return s->n_variants; }
size_t sc_scenario_claim_count(const sc_scenario *s) { return s->n_claims; }

const sc_actor *sc_scenario_actor(const sc_scenario *s, size_t i)
{
    return i < s->n_actors ? &s->actors[i] : NULL;
}

const sc_issue *sc_scenario_issue(const sc_scenario *s, size_t i)
{
    return i < s->n_issues ? &s->issues[i] : NULL;
}

long sc_scenario_actor_index(const sc_scenario *s, const char *id)
{
    return s->n_actors ? sc__ids_find(&s->actor_ids, &s->actors[0].id, sizeof *s->actors,
                                      s->n_actors, id)
                       : -1;
}

long sc_scenario_issue_index(const sc_scenario *s, const char *id)
{
    return s->n_issues ? sc__ids_find(&s->issue_ids, &s->issues[0].id, sizeof *s->issues,
                                      s->n_issues, id)
                       : -1;
}

const sc_stance *sc_scenario_stance(const sc_scenario *s, size_t actor, size_t issue)
{
    if (actor >= s->n_actors || issue >= s->n_issues) {
        return NULL;
    }
    return &s->stances[actor * s->n_issues + issue];
}

/* What sc_scenario_relation returns for a dyad the scenario gives no relation for. */
static const sc_relation absent_relation = {
    .present = 0,
    .amity = {.value = (double)NAN, .min = -1.0, .max = 1.0},
    .trade = {.value = (double)NAN, .min = 0.0, .max = HUGE_VAL},
};

const sc_relation *sc_scenario_relation(const sc_scenario *s, size_t a, size_t b)
{
    if (a >= s->n_actors || b >= s->n_actors || a == b) {
        return NULL;
    }
    const sc_relation *r = sc__relations_find(&s->rel, a, b);
    return r ? r : &absent_relation;
}

const sc_source *sc_scenario_source(const sc_scenario *s, size_t i)
{
    return i < s->n_sources ? &s->sources[i] : NULL;
}

const sc_event *sc_scenario_event(const sc_scenario *s, size_t i)
{
    return i < s->n_events ? &s->events[i] : NULL;
}

const sc_variant *sc_scenario_variant(const sc_scenario *s, size_t i)
{
    return i < s->n_variants ? &s->variants[i] : NULL;
}

const sc_claim *sc_scenario_claim(const sc_scenario *s, size_t i)
{
    return i < s->n_claims ? &s->claims[i] : NULL;
}

const sc_node *sc__scenario_claim_node(const sc_scenario *s, size_t i)
{
    return s->claim_nodes && i < s->n_claims ? s->claim_nodes[i] : NULL;
}

const sc_node *sc__scenario_section(const sc_scenario *s, const char *name)
{
    for (size_t i = 0; i < s->n_sections; i++) {
        if (strcmp(s->section_names[i], name) == 0) {
            return s->sections[i];
        }
    }
    return NULL;
}

/* ---- paths ----------------------------------------------------------------------------------- */

/* Splits path at dots into at most `max` parts in buf; returns the part count or 0. */
static size_t split_path(const char *path, char *buf, size_t cap, char **parts, size_t max)
{
    size_t len = strlen(path);
    if (len == 0 || len >= cap) {
        return 0;
    }
    memcpy(buf, path, len + 1);
    size_t n = 0;
    char *p = buf;
    while (n < max) {
        parts[n++] = p;
        char *dot = strchr(p, '.');
        if (!dot) {
            break;
        }
        *dot = '\0';
        p = dot + 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (!parts[i][0]) {
            return 0;
        }
    }
    return strchr(p, '.') ? 0 : n;
}

/* Index of a path part naming a sequence item ("0", "1", ...), or -1. */
static long seq_index(const char *part)
{
    if (!*part || strlen(part) > 6) {
        return -1;
    }
    for (const char *p = part; *p; p++) {
        if (*p < '0' || *p > '9') {
            return -1;
        }
    }
    return strtol(part, NULL, 10);
}

/* Finds a scalar under a section node by keys (a number names a sequence item); quantity
 * mappings resolve to `value`. */
static sc_node *section_node(sc_node *n, char **keys, size_t nk)
{
    for (size_t k = 0; k < nk; k++) {
        if (n && n->kind == SC_NODE_SEQ) {
            long at = seq_index(keys[k]);
            n = at >= 0 && (size_t)at < n->n ? n->items[at] : NULL;
            continue;
        }
        if (!n || n->kind != SC_NODE_MAP) {
            return NULL;
        }
        sc_node *next = NULL;
        for (size_t i = 0; i < n->n; i++) {
            if (strcmp(n->keys[i], keys[k]) == 0) {
                next = n->items[i];
            }
        }
        n = next;
    }
    if (n && n->kind == SC_NODE_MAP) {
        for (size_t i = 0; i < n->n; i++) {
            if (strcmp(n->keys[i], "value") == 0) {
                return n->items[i];
            }
        }
        return NULL;
    }
    return n && n->kind == SC_NODE_SCALAR ? n : NULL;
}

sc_node *sc__scenario_section_leaf(sc_scenario *s, const char *path)
{
    char buf[512];
    char *p[16];
    size_t n = split_path(path, buf, sizeof buf, p, 16);
    for (size_t i = 0; n >= 2 && i < s->n_sections; i++) {
        if (strcmp(s->section_names[i], p[0]) == 0) {
            return section_node(s->sections[i], p + 1, n - 1);
        }
    }
    return NULL;
}

/* The node the file wrote for a core number, whose path names ids where the file has lists
 * (actor.ID.field, stance.ISSUE.ACTOR.field, relation.A.B.field): the number's own node, else the
 * entry that holds it (a capability the capability index gave), or NULL. */
static const sc_node *core_source_node(const sc_node *root, char **p, size_t n)
{
    if (n == 3 && strcmp(p[0], "actor") == 0) {
        const sc_node *list = sc__node_get(root, "actors");
        for (size_t i = 0; list && list->kind == SC_NODE_SEQ && i < list->n; i++) {
            const char *id = sc__node_scalar(sc__node_get(list->items[i], "id"));
            if (id && strcmp(id, p[1]) == 0) {
                const sc_node *f = sc__node_get(list->items[i], p[2]);
                return f ? f : list->items[i];
            }
        }
        return NULL;
    }
    if (n == 4 && strcmp(p[0], "stance") == 0) {
        const sc_node *st = sc__node_get(sc__node_get(sc__node_get(root, "stances"), p[1]), p[2]);
        const sc_node *f = sc__node_get(st, p[3]);
        return f ? f : st;
    }
    if (n == 4 && strcmp(p[0], "relation") == 0) {
        const sc_node *list = sc__node_get(root, "relations");
        for (size_t i = 0; list && list->kind == SC_NODE_SEQ && i < list->n; i++) {
            const sc_node *pair = sc__node_get(list->items[i], "pair");
            const char *a = sc__node_scalar(sc__node_at(pair, 0));
            const char *b = sc__node_scalar(sc__node_at(pair, 1));
            if (a && b && ((strcmp(a, p[1]) == 0 && strcmp(b, p[2]) == 0) ||
                           (strcmp(a, p[2]) == 0 && strcmp(b, p[1]) == 0))) {
                const sc_node *f = sc__node_get(list->items[i], p[3]);
                return f ? f : list->items[i];
            }
        }
    }
    return NULL;
}

const sc_node *sc__scenario_source_node(const sc_scenario *s, const char *path)
{
    char buf[512];
    char *p[17];
    size_t n = split_path(path, buf, sizeof buf, p, 16);
    const sc_node *m = s->doc ? s->doc->root : NULL;
    if (n >= 1 && (strcmp(p[0], "actor") == 0 || strcmp(p[0], "stance") == 0 ||
                   strcmp(p[0], "relation") == 0)) {
        return core_source_node(m, p, n);
    }
    for (size_t k = 0; k < n && m; k++) {
        const sc_node *next = NULL;
        if (m->kind == SC_NODE_SEQ) {
            long at = seq_index(p[k]);
            next = at >= 0 && (size_t)at < m->n ? m->items[at] : NULL;
        } else if (m->kind == SC_NODE_MAP) {
            next = sc__node_get(m, p[k]);
        }
        m = next;
    }
    return n ? m : NULL;
}

sc_node *sc__scenario_section_quantity(sc_scenario *s, const char *path)
{
    sc_node *leaf = sc__scenario_section_leaf(s, path);
    char buf[512];
    char *p[17];
    size_t n = split_path(path, buf, sizeof buf, p, 16);
    if (!leaf || n < 2 || n > 15) {
        return NULL;
    }
    for (size_t i = 0; i < s->n_sections; i++) {
        if (strcmp(s->section_names[i], p[0]) == 0) {
            /* the mapping is the node one level above its `value` */
            sc_node *m = s->sections[i];
            for (size_t k = 1; k < n && m; k++) {
                sc_node *next = NULL;
                if (m->kind == SC_NODE_SEQ) {
                    long at = seq_index(p[k]);
                    next = at >= 0 && (size_t)at < m->n ? m->items[at] : NULL;
                } else if (m->kind == SC_NODE_MAP) {
                    for (size_t j = 0; j < m->n; j++) {
                        if (strcmp(m->keys[j], p[k]) == 0) {
                            next = m->items[j];
                        }
                    }
                }
                m = next;
            }
            return m && m->kind == SC_NODE_MAP ? m : NULL;
        }
    }
    return NULL;
}

/* Finds a numeric scalar under a section node by keys; quantity mappings resolve to `value`. */
static sc_node *section_scalar(sc_node *n, char **keys, size_t nk)
{
    for (size_t k = 0; k < nk; k++) {
        if (n && n->kind == SC_NODE_SEQ) {
            long at = seq_index(keys[k]);
            n = at >= 0 && (size_t)at < n->n ? n->items[at] : NULL;
            continue;
        }
        if (!n || n->kind != SC_NODE_MAP) {
            return NULL;
        }
        sc_node *next = NULL;
        for (size_t i = 0; i < n->n; i++) {
            if (strcmp(n->keys[i], keys[k]) == 0) {
                next = n->items[i];
            }
        }
        n = next;
    }
    if (n && n->kind == SC_NODE_MAP) {
        for (size_t i = 0; i < n->n; i++) {
            if (strcmp(n->keys[i], "value") == 0) {
                return n->items[i];
            }
        }
        return NULL;
    }
    double v;
    return n && n->kind == SC_NODE_SCALAR && !n->quoted && sc__parse_number(n->scalar, &v) ? n
                                                                                            : NULL;
}

/*
 * The quantity a split path names, or NULL. With `create` (s's own relations, writable), a
 * relation not given is created: a shift or a draw is about to write it (*oom set if that fails).
 * Without, it reads as the blank values of an absent relation, which callers only read.
 */
static sc_quantity *resolve_quantity(const sc_scenario *s, char **p, size_t n,
                                     sc__relations *create, int *oom)
{
    if (n == 3 && strcmp(p[0], "actor") == 0) {
        long a = sc_scenario_actor_index(s, p[1]);
        if (a < 0) {
            return NULL;
        }
        sc_actor *ac = &s->actors[a];
        return strcmp(p[2], "capability") == 0 ? &ac->capability
               : strcmp(p[2], "milex") == 0    ? &ac->milex
               : strcmp(p[2], "gdp") == 0      ? &ac->gdp
                                               : NULL;
    }
    if (n == 4 && strcmp(p[0], "stance") == 0) {
        long j = sc_scenario_issue_index(s, p[1]);
        long a = sc_scenario_actor_index(s, p[2]);
        if (a < 0 || j < 0) {
            return NULL;
        }
        sc_stance *st = &s->stances[(size_t)a * s->n_issues + (size_t)j];
        return strcmp(p[3], "position") == 0      ? &st->position
               : strcmp(p[3], "salience") == 0    ? &st->salience
               : strcmp(p[3], "influence") == 0   ? &st->influence
               : strcmp(p[3], "reservation") == 0 ? &st->reservation
                                                  : NULL;
    }
    if (n == 4 && strcmp(p[0], "relation") == 0) {
        long a = sc_scenario_actor_index(s, p[1]);
        long b = sc_scenario_actor_index(s, p[2]);
        if (a < 0 || b < 0 || a == b) {
            return NULL;
        }
        int amity = strcmp(p[3], "amity") == 0, trade = strcmp(p[3], "trade") == 0;
        if (!amity && !trade) {
            return NULL;
        }
        /*
         * A relation the scenario does not give: reading it finds the blank values of an absent
         * relation; a shift or a draw writing it creates its record (stable in memory, so
         * pointers to other records stay valid).
         */
        sc_relation *r = sc__relations_find(&s->rel, (size_t)a, (size_t)b);
        if (!r && create) {
            r = sc__relations_add(create, (size_t)a, (size_t)b, 1);
            if (!r) {
                *oom = 1;
                return NULL;
            }
        }
        if (!r) {
            /* read only (create is NULL): callers never write through these */
            static sc_quantity blank_amity = {.value = (double)NAN, .min = -1.0, .max = 1.0};
            static sc_quantity blank_trade = {.value = (double)NAN, .min = 0.0, .max = HUGE_VAL};
            return amity ? &blank_amity : &blank_trade;
        }
        return amity ? &r->amity : &r->trade;
    }
    return NULL;
}

double *sc__scenario_resolve(sc_scenario *s, const char *path, double *lo, double *hi)
{
    char buf[512];
    char *p[16];
    size_t n = split_path(path, buf, sizeof buf, p, 16);
    if (n < 2) {
        return NULL;
    }
    int oom = 0;
    sc_quantity *q = resolve_quantity(s, p, n, &s->rel, &oom);
    if (q) {
        *lo = q->min;
        *hi = q->max;
        return &q->value;
    }
    return NULL;
}

int sc__scenario_path_valid(const sc_scenario *s, const char *path)
{
    char buf[512];
    char *p[16];
    size_t n = split_path(path, buf, sizeof buf, p, 16);
    int oom = 0;
    return n >= 2 && resolve_quantity(s, p, n, NULL, &oom) != NULL;
}

/* Writes a number into a section scalar (sections are per-scenario copies); *out: the number
 * written. */
static int set_section_number(sc_scenario *s, char **p, size_t n, double v, int add, double *out)
{
    for (size_t i = 0; i < s->n_sections; i++) {
        if (strcmp(s->section_names[i], p[0]) != 0) {
            continue;
        }
        sc_node *leaf = section_scalar(s->sections[i], p + 1, n - 1);
        if (!leaf) {
            return 0;
        }
        double old = 0;
        sc__parse_number(leaf->scalar, &old);
        char text[64];
        *out = add ? old + v : v;
        scx_snprintf_c(text, sizeof text, "%.17g", *out); /* read back by scx_strtod_c: '.' always */
        char *copy = sc__arena_strdup(&s->sect_arena, text);
        if (!copy) {
            return -1;
        }
        leaf->scalar = copy;
        return 1;
    }
    return 0;
}

sc_status sc_scenario_get_value(const sc_scenario *s, const char *path, double *out, sc_diag *diag)
{
    char buf[512];
    char *p[16];
    size_t n = split_path(path, buf, sizeof buf, p, 16);
    if (n < 2) {
        return sc__diag_set(diag, SC_ENOTFOUND, "'%s' names no number of the scenario", path);
    }
    int oom = 0;
    const sc_quantity *q = resolve_quantity(s, p, n, NULL, &oom);
    if (q) {
        if (isnan(q->value)) {
            /* an absent stance or relation, or trade not given */
            return sc__diag_set(diag, SC_ENOTFOUND, "the scenario gives no value for '%s'", path);
        }
        *out = q->value;
        return SC_OK;
    }
    for (size_t i = 0; i < s->n_sections; i++) {
        if (strcmp(s->section_names[i], p[0]) == 0) {
            sc_node *leaf = section_scalar(s->sections[i], p + 1, n - 1);
            if (leaf && sc__parse_number(leaf->scalar, out)) {
                return SC_OK;
            }
        }
    }
    return sc__diag_set(diag, SC_ENOTFOUND, "'%s' names no number of the scenario", path);
}

int sc__valid_date(const char *d)
{
    if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-') {
        return 0;
    }
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9')) {
            return 0;
        }
    }
    int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
    int m = (d[5] - '0') * 10 + (d[6] - '0');
    int day = (d[8] - '0') * 10 + (d[9] - '0');
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || day < 1) {
        return 0;
    }
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return day <= days[m - 1] + (m == 2 && leap);
}

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/*
 * Where the shifts being applied come from, to locate the warnings of those that leave a
 * number's declared range: list "events" (key "id") or "variants" (key "name"), and the name.
 */
typedef struct shift_warnings {
    const char *list, *key, *name;
    sc_diag *w; /* the warnings so far */
    size_t n, cap;
    int oom;
} shift_warnings;

/* The `add:`/`set:` value node of shift k of the event or variant, else the nearest node. */
static const sc_node *shift_node(const sc_scenario *s, const shift_warnings *sw, size_t k)
{
    const sc_node *root = s->doc ? s->doc->root : NULL;
    const sc_node *seq = root ? sc__node_get(root, sw->list) : NULL;
    size_t n = seq && sc__node_kind_of(seq) == SC_NODE_SEQ ? sc__node_count(seq) : 0;
    for (size_t i = 0; i < n; i++) {
        const sc_node *e = sc__node_at(seq, i);
        const sc_node *id = sc__node_kind_of(e) == SC_NODE_MAP ? sc__node_get(e, sw->key) : NULL;
        const char *t = id ? sc__node_scalar(id) : NULL;
        if (!t || strcmp(t, sw->name) != 0) {
            continue;
        }
        const sc_node *shifts = sc__node_get(e, "shifts");
        const sc_node *one = shifts && sc__node_kind_of(shifts) == SC_NODE_SEQ &&
                                     k < sc__node_count(shifts)
                                 ? sc__node_at(shifts, k)
                                 : NULL;
        if (!one || sc__node_kind_of(one) != SC_NODE_MAP) {
            return e;
        }
        const sc_node *v = sc__node_get(one, "add");
        return v ? v : sc__node_get(one, "set") ? sc__node_get(one, "set") : one;
    }
    return root;
}

/* A located warning: shift k took `target` from `from` to `to`, outside [lo, hi]. */
static void warn_range(const sc_scenario *s, shift_warnings *sw, size_t k, const char *what,
                       const sc_shift *sh, double to, double lo, double hi, int section)
{
    if (sw->n == sw->cap) {
        size_t cap = sw->cap ? 2 * sw->cap : 8;
        sc_diag *grown = realloc(sw->w, cap * sizeof *grown);
        if (!grown) {
            sw->oom = 1;
            return;
        }
        sw->w = grown;
        sw->cap = cap;
    }
    sc_diag *d = &sw->w[sw->n++];
    sc_diag_init(d);
    const sc_node *at = shift_node(s, sw, k);
    const char *moves = section ? "a model section's range stays as written "
                                  "(docs/scenario-format.md)"
                        : sh->op == SC_SHIFT_ADD
                            ? "the range moves with it (docs/scenario-format.md)"
                            : "the number is a point from here on: a set replaces what a Monte "
                              "Carlo draws (docs/scenario-format.md)";
    if (at) {
        sc__node_fail(at, d, SC_ERANGE,
                      "%s takes '%s' to %g, outside its declared range [%g, %g]; %s", what,
                      sh->target, to, lo, hi, moves);
    } else {
        sc__diag_set(d, SC_ERANGE, "%s takes '%s' to %g, outside its declared range [%g, %g]; %s",
                     what, sh->target, to, lo, hi, moves);
    }
}

/*
 * The declared range of a model section's number (its quantity mapping's `range: [lo, hi]` or
 * `triangular: [lo, mode, hi]`): 1 with *lo, *hi, else 0 (a plain number, `sd`, a choice).
 */
static int section_range(sc_scenario *s, const char *path, double *lo, double *hi)
{
    const sc_node *m = sc__scenario_section_quantity(s, path);
    const sc_node *r = m ? sc__node_get(m, "range") : NULL;
    size_t want = 2;
    if (!r && m) {
        r = sc__node_get(m, "triangular");
        want = 3;
    }
    if (!r || sc__node_kind_of(r) != SC_NODE_SEQ || sc__node_count(r) != want) {
        return 0;
    }
    const char *a = sc__node_scalar(sc__node_at(r, 0)), *b = sc__node_scalar(sc__node_at(r, want - 1));
    return a && b && sc__parse_number(a, lo) && sc__parse_number(b, hi);
}

static sc_status apply_shifts(sc_scenario *s, const sc_shift *shifts, size_t n, const char *what,
                              shift_warnings *sw, sc_diag *diag);

sc_status sc__scenario_apply_shifts(sc_scenario *s, const sc_shift *shifts, size_t n,
                                    const char *what, sc_diag *diag)
{
    return apply_shifts(s, shifts, n, what, NULL, diag);
}

static sc_status apply_shifts(sc_scenario *s, const sc_shift *shifts, size_t n, const char *what,
                              shift_warnings *sw, sc_diag *diag)
{
    for (size_t i = 0; i < n; i++) {
        const sc_shift *sh = &shifts[i];
        char buf[512];
        char *p[16];
        size_t np = split_path(sh->target, buf, sizeof buf, p, 16);
        int oom = 0;
        sc_quantity *q = np >= 2 ? resolve_quantity(s, p, np, &s->rel, &oom) : NULL;
        if (oom) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        if (q) {
            double v = sh->op == SC_SHIFT_ADD ? q->value + sh->value : sh->value;
            if (sh->op == SC_SHIFT_ADD && isnan(q->value)) {
                return sc__diag_set(diag, SC_EINVAL, "%s: cannot add to '%s', which has no value",
                                    what, sh->target);
            }
            double before = q->value;
            q->value = clamp(v, q->min, q->max);
            /*
             * A declared range [lo, hi] (uniform or triangular) is the doubt about the number as
             * given. A Monte Carlo draws it there and then applies the shifts (docs/uncertainty.md),
             * so in a state the range is where the draws land: an `add` moves it by the change,
             * a `set` replaces every draw (a point). A shift that leaves the range as it stood
             * is worth a located warning: often news, sometimes a typo (7000 for 17000).
             */
            if (q->dist.kind == SC_DIST_UNIFORM || q->dist.kind == SC_DIST_TRIANGULAR) {
                double lo = q->dist.a, hi = q->dist.b;
                if (sw && (q->value < lo || q->value > hi)) {
                    warn_range(s, sw, i, what, sh, q->value, lo, hi, 0);
                }
                if (sh->op == SC_SHIFT_ADD) {
                    double moved = q->value - before;
                    q->dist.a += moved;
                    q->dist.b += moved;
                    q->dist.c += moved;
                } else {
                    memset(&q->dist, 0, sizeof q->dist);
                }
            }
            /* capability and GDP are ratios' denominators: a shift may lower them, never to 0 */
            if (strcmp(p[0], "actor") == 0 && np == 3 &&
                (strcmp(p[2], "capability") == 0 || strcmp(p[2], "gdp") == 0) &&
                !(q->value > 0)) {
                return sc__diag_set(diag, SC_ERANGE,
                                    "%s: '%s' would become %g, but it must stay > 0", what,
                                    sh->target, v);
            }
            /* a shift that sets a stance or relation creates it */
            if (strcmp(p[0], "stance") == 0) {
                long a = sc_scenario_actor_index(s, p[2]);
                long j = sc_scenario_issue_index(s, p[1]);
                s->stances[(size_t)a * s->n_issues + (size_t)j].present = 1;
            } else if (strcmp(p[0], "relation") == 0) {
                long a = sc_scenario_actor_index(s, p[1]);
                long b = sc_scenario_actor_index(s, p[2]);
                sc__relations_find(&s->rel, (size_t)a, (size_t)b)->present = 1;
            }
            continue;
        }
        double to = 0;
        int r = np >= 2 ? set_section_number(s, p, np, sh->value, sh->op == SC_SHIFT_ADD, &to)
                        : 0;
        if (r < 0) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        if (r == 0) {
            return sc__diag_set(diag, SC_ENOTFOUND, "%s: path '%s' names no number", what,
                                sh->target);
        }
        /* a model section's number leaving its declared range: the core numbers' warning */
        double lo, hi;
        if (sw && section_range(s, sh->target, &lo, &hi) && (to < lo || to > hi)) {
            warn_range(s, sw, i, what, sh, to, lo, hi, 1);
        }
    }
    /* a stance created by a shift needs both numbers, or the models would read a NaN */
    for (size_t a = 0; a < s->n_actors; a++) {
        for (size_t j = 0; j < s->n_issues; j++) {
            const sc_stance *st = &s->stances[a * s->n_issues + j];
            if (st->present && (isnan(st->position.value) || isnan(st->salience.value))) {
                return sc__diag_set(diag, SC_EINVAL,
                                    "%s: creates the stance of '%s' on '%s' without its %s; set "
                                    "both stance.%s.%s.position and .salience",
                                    what, s->actors[a].id, s->issues[j].id,
                                    isnan(st->position.value) ? "position" : "salience",
                                    s->issues[j].id, s->actors[a].id);
            }
        }
    }
    return SC_OK;
}

static sc_status with_variant(const sc_scenario *s, const char *variant, shift_warnings *sw,
                              sc_scenario **out, sc_diag *diag);

sc_status sc_scenario_with_variant(const sc_scenario *s, const char *variant, sc_scenario **out,
                                   sc_diag *diag)
{
    return with_variant(s, variant, NULL, out, diag);
}

/* Applies variant `variant` of c to c itself (a copy the caller owns): sc_scenario_at's state
 * takes the variant on its after-events copy instead of copying the scenario a second time. */
static sc_status apply_variant(sc_scenario *c, const char *variant, shift_warnings *sw,
                               sc_diag *diag)
{
    const sc_variant *v = NULL;
    for (size_t i = 0; i < c->n_variants; i++) {
        if (strcmp(c->variants[i].name, variant) == 0) {
            v = &c->variants[i];
        }
    }
    if (!v) {
        const char **names = malloc((c->n_variants ? c->n_variants : 1) * sizeof *names);
        if (!names) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < c->n_variants; i++) {
            names[i] = c->variants[i].name;
        }
        const char *hint = sc__suggest(variant, names, c->n_variants);
        free(names);
        sc__diag_set_file(diag, c->doc->text.file);
        if (hint) {
            return sc__diag_set(diag, SC_ENOTFOUND, "unknown variant '%s' (did you mean '%s'?)",
                                variant, hint);
        }
        return sc__diag_set(diag, SC_ENOTFOUND, "unknown variant '%s' (the scenario has %zu)",
                            variant, c->n_variants);
    }
    char what[128];
    snprintf(what, sizeof what, "variant '%s'", v->name);
    if (sw) {
        sw->list = "variants";
        sw->key = "name";
        sw->name = v->name;
    }
    sc_status rc = apply_shifts(c, v->shifts, v->n_shifts, what, sw, diag);
    if (rc == SC_OK) {
        c->variant_name = v->name;
    }
    return rc;
}

static sc_status with_variant(const sc_scenario *s, const char *variant, shift_warnings *sw,
                              sc_scenario **out, sc_diag *diag)
{
    *out = NULL;
    sc_scenario *c = NULL;
    if (sc__scenario_clone(s, &c) != SC_OK) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    sc_status rc = apply_variant(c, variant, sw, diag);
    if (rc != SC_OK) {
        sc_scenario_free(c);
        return rc;
    }
    *out = c;
    return SC_OK;
}

static sc_status after_events(const sc_scenario *s, const char *date, shift_warnings *sw,
                              sc_scenario **out, sc_diag *diag);

sc_status sc_scenario_after_events(const sc_scenario *s, const char *date, sc_scenario **out,
                                   sc_diag *diag)
{
    return after_events(s, date, NULL, out, diag);
}

/* Applies the events of s up to date (NULL: all) to c, a copy of s. */
static sc_status apply_events(sc_scenario *c, const sc_scenario *s, const char *date,
                              shift_warnings *sw, sc_diag *diag)
{
    const char *last = NULL;
    for (size_t i = 0; i < s->n_events; i++) {
        const sc_event *e = &s->events[i];
        if (date && strcmp(e->date, date) > 0) {
            break; /* events are sorted by date and ISO dates sort as text */
        }
        char what[128];
        snprintf(what, sizeof what, "event '%s'", e->id);
        if (sw) {
            sw->list = "events";
            sw->key = "id";
            sw->name = e->id;
        }
        sc_status rc = apply_shifts(c, e->shifts, e->n_shifts, what, sw, diag);
        if (rc != SC_OK) {
            return rc;
        }
        last = e->date;
    }
    c->events_until = date && last ? date : last;
    return SC_OK;
}

static sc_status after_events(const sc_scenario *s, const char *date, shift_warnings *sw,
                              sc_scenario **out, sc_diag *diag)
{
    *out = NULL;
    if (date && !sc__valid_date(date)) {
        return sc__diag_set(diag, SC_EINVAL, "'%s' is not a date (yyyy-mm-dd)", date);
    }
    sc_scenario *c = NULL;
    if (sc__scenario_clone(s, &c) != SC_OK) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    sc_status rc = apply_events(c, s, date, sw, diag);
    if (rc != SC_OK) {
        sc_scenario_free(c);
        return rc;
    }
    *out = c;
    return SC_OK;
}

/*
 * Makes c, a copy of s made earlier by sc__scenario_clone (and changed since by shifts), a copy
 * of s again in c's own memory: the tables copied over (no allocation), the sections copied anew
 * into a fresh arena. SC_EINVAL when c was not copied from a scenario of s's shape.
 */
static sc_status recopy(sc_scenario *c, const sc_scenario *s)
{
    if (c->doc != s->doc || c->n_actors != s->n_actors || c->n_issues != s->n_issues ||
        c->n_sections != s->n_sections) {
        return SC_EINVAL;
    }
    sc_scenario own = *c;
    *c = *s;
    c->actors = own.actors;
    c->issues = own.issues;
    c->stances = own.stances;
    c->rel = own.rel;
    c->actor_ids = own.actor_ids;
    c->issue_ids = own.issue_ids;
    c->section_names = own.section_names;
    c->sections = own.sections;
    memcpy(c->actors, s->actors, s->n_actors * sizeof *s->actors);
    memcpy(c->issues, s->issues, s->n_issues * sizeof *s->issues);
    memcpy(c->stances, s->stances, s->n_actors * s->n_issues * sizeof *s->stances);
    /* the ids and section names never change in a copy: the same as s's */
    sc__arena_destroy(&own.sect_arena);
    sc__arena_init(&c->sect_arena);
    sc_status rc = sc__relations_assign(&s->rel, &c->rel);
    for (size_t i = 0; rc == SC_OK && i < s->n_sections; i++) {
        c->sections[i] = sc__node_dup(&c->sect_arena, s->sections[i]);
        rc = c->sections[i] ? SC_OK : SC_ENOMEM;
    }
    return rc;
}

sc_status sc__scenario_at_reuse(const sc_scenario *s, const sc_state *st, sc_scenario **keep,
                                sc_diag *diag)
{
    if (st->events != SC_EVENTS_BEFORE && st->until && !sc__valid_date(st->until)) {
        return sc__diag_set(diag, SC_EINVAL, "'%s' is not a date (yyyy-mm-dd)", st->until);
    }
    sc_status rc = *keep ? recopy(*keep, s) : SC_EINVAL;
    if (rc != SC_OK) {
        sc_scenario_free(*keep);
        *keep = NULL;
        if (sc__scenario_clone(s, keep) != SC_OK) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
    }
    rc = st->events == SC_EVENTS_BEFORE ? SC_OK : apply_events(*keep, s, st->until, NULL, diag);
    if (rc == SC_OK && st->variant) {
        rc = apply_variant(*keep, st->variant, NULL, diag);
    }
    return rc;
}

void sc_state_init(sc_state *st)
{
    st->variant = NULL;
    st->events = SC_EVENTS_AFTER;
    st->until = NULL;
}

sc_status sc_scenario_at(const sc_scenario *s, const sc_state *st, sc_scenario **out,
                         sc_diag *diag)
{
    sc_state def;
    if (!st) {
        sc_state_init(&def);
        st = &def;
    }
    *out = NULL;
    sc_scenario *c = NULL;
    sc_status rc;
    if (st->events == SC_EVENTS_BEFORE) {
        rc = sc__scenario_clone(s, &c) == SC_OK ? SC_OK
                                               : sc__diag_set(diag, SC_ENOMEM, "out of memory");
    } else {
        rc = sc_scenario_after_events(s, st->until, &c, diag);
    }
    if (rc == SC_OK && st->variant) {
        rc = apply_variant(c, st->variant, NULL, diag); /* on this copy: one copy a state */
    }
    if (rc != SC_OK) {
        sc_scenario_free(c);
        return rc;
    }
    *out = c;
    return SC_OK;
}

sc_status sc_scenario_shift_warnings(const sc_scenario *s, const sc_state *st, sc_diag **out,
                                     size_t *n, sc_diag *diag)
{
    *out = NULL;
    *n = 0;
    shift_warnings sw;
    memset(&sw, 0, sizeof sw);
    sc_scenario *c = NULL;
    sc_status rc = SC_OK;
    if (st && st->events == SC_EVENTS_BEFORE) {
        rc = sc__scenario_clone(s, &c) == SC_OK ? SC_OK
                                               : sc__diag_set(diag, SC_ENOMEM, "out of memory");
    } else {
        rc = after_events(s, st ? st->until : NULL, &sw, &c, diag);
    }
    /* st NULL: every variant on top of all the events; else the state's variant */
    for (size_t v = 0; rc == SC_OK && v < s->n_variants; v++) {
        const char *name = s->variants[v].name;
        if (st && (!st->variant || strcmp(st->variant, name) != 0)) {
            continue;
        }
        sc_scenario *w = NULL;
        rc = with_variant(c, name, &sw, &w, diag);
        sc_scenario_free(w);
    }
    sc_scenario_free(c);
    if (rc == SC_OK && sw.oom) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    if (rc != SC_OK) {
        free(sw.w);
        return rc;
    }
    *out = sw.w;
    *n = sw.n;
    return SC_OK;
}

const char *sc_scenario_state_date(const sc_scenario *s)
{
    return s->events_until ? s->events_until : s->date;
}

/* ---- validation ------------------------------------------------------------------------------ */

static sc_status fail_at(const sc_node *where, sc_diag *diag, sc_status code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static sc_status fail_at(const sc_node *where, sc_diag *diag, sc_status code, const char *fmt, ...)
{
    char msg[SC_DIAG_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    scx_vsnprintf_c(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return sc__node_fail(where, diag, code, "%s", msg);
}

/*
 * Events and variants must leave a valid scenario (no capability driven to 0, no stance with
 * only one of its numbers): try each one now so the error names its place in the file rather
 * than surfacing later from `run --variant`.
 */
sc_status sc__scenario_check_shifts(const sc_scenario *s, sc_diag *diag)
{
    const sc_node *root = s->doc ? s->doc->root : NULL;
    sc_diag tmp;
    sc_diag_init(&tmp);
    sc_scenario *c = NULL;
    sc_status rc = sc_scenario_after_events(s, NULL, &c, &tmp);
    sc_scenario_free(c);
    if (rc != SC_OK && rc != SC_ENOMEM) {
        const sc_node *at = root ? sc__node_get(root, "events") : NULL;
        return at ? fail_at(at, diag, rc, "%s", tmp.message)
                  : sc__diag_set(diag, rc, "%s", tmp.message);
    }
    for (size_t v = 0; v < s->n_variants && rc == SC_OK; v++) {
        c = NULL;
        rc = sc_scenario_with_variant(s, s->variants[v].name, &c, &tmp);
        sc_scenario_free(c);
        if (rc != SC_OK && rc != SC_ENOMEM) {
            const sc_node *vs = root ? sc__node_get(root, "variants") : NULL;
            const sc_node *at = vs && sc__node_count(vs) > v ? sc__node_at(vs, v) : vs;
            return at ? fail_at(at, diag, rc, "%s", tmp.message)
                      : sc__diag_set(diag, rc, "%s", tmp.message);
        }
    }
    return rc == SC_ENOMEM ? sc__diag_set(diag, rc, "out of memory") : SC_OK;
}

sc_status sc_scenario_validate(const sc_scenario *s, sc_diag *diag)
{
    if (s->n_actors < 2) {
        return fail_at(s->doc->root, diag, SC_EINVAL, "a scenario needs at least 2 actors, found %zu",
                       s->n_actors);
    }
    for (size_t i = 0; i < s->n_actors; i++) {
        const sc_actor *a = &s->actors[i];
        const sc_node *at = s->actor_nodes ? s->actor_nodes[i] : NULL;
        if (!(a->capability.value > 0) || !isfinite(a->capability.value)) {
            return fail_at(at, diag, SC_ERANGE, "actor '%s' needs a capability > 0", a->id);
        }
    }
    /* duplicate ids, in linear time (a temporary hash: s is const) */
    sc__ids seen = {0};
    for (size_t i = 0; i < s->n_actors; i++) {
        sc_status rc = sc__ids_add(&seen, &s->actors[0].id, sizeof *s->actors, i, NULL);
        if (rc != SC_OK) {
            sc__ids_destroy(&seen);
            return rc == SC_ENOMEM ? sc__diag_set(diag, SC_ENOMEM, "out of memory")
                                   : fail_at(s->actor_nodes ? s->actor_nodes[i] : NULL, diag,
                                             SC_EINVAL, "duplicate actor id '%s'",
                                             s->actors[i].id);
        }
    }
    sc__ids_destroy(&seen);
    for (size_t j = 0; j < s->n_issues; j++) {
        const sc_issue *is = &s->issues[j];
        const sc_node *at = s->issue_nodes ? s->issue_nodes[j] : NULL;
        for (size_t k = 0; k < j; k++) {
            if (strcmp(s->issues[k].id, is->id) == 0) {
                return fail_at(at, diag, SC_EINVAL, "duplicate issue id '%s'", is->id);
            }
        }
        double weight = 0;
        for (size_t i = 0; i < s->n_actors; i++) {
            const sc_stance *st = &s->stances[i * s->n_issues + j];
            const sc_node *sat = s->stance_nodes ? s->stance_nodes[i * s->n_issues + j] : NULL;
            if (!st->present) {
                continue;
            }
            if (!(st->position.value >= is->scale_min && st->position.value <= is->scale_max)) {
                return fail_at(sat, diag, SC_ERANGE,
                               "position %g of '%s' is outside the scale [%g, %g] of issue '%s'",
                               st->position.value, s->actors[i].id, is->scale_min, is->scale_max,
                               is->id);
            }
            if (!(st->salience.value >= 0 && st->salience.value <= 1)) {
                return fail_at(sat, diag, SC_ERANGE,
                               "salience %g of '%s' on issue '%s' is outside [0, 1]",
                               st->salience.value, s->actors[i].id, is->id);
            }
            if (!isnan(st->influence.value) &&
                !(st->influence.value >= 0 && isfinite(st->influence.value))) {
                return fail_at(sat, diag, SC_ERANGE, "influence %g of '%s' on issue '%s' must be >= 0",
                               st->influence.value, s->actors[i].id, is->id);
            }
            weight += st->salience.value * sc_scenario_influence(s, i, j);
        }
        if (!(weight > 0)) {
            return fail_at(at, diag, SC_EINVAL,
                           "issue '%s' has no actor with a positive salience: no one would "
                           "bargain over it",
                           is->id);
        }
    }
    for (size_t i = 0; i < s->n_actors; i++) {
        size_t present = 0;
        double total = 0;
        for (size_t j = 0; j < s->n_issues; j++) {
            const sc_stance *st = &s->stances[i * s->n_issues + j];
            if (st->present) {
                present++;
                total += st->salience.value;
            }
        }
        if (present > 0 && !(total > 0)) {
            return fail_at(s->actor_nodes ? s->actor_nodes[i] : NULL, diag, SC_EINVAL,
                           "every salience of actor '%s' is 0: it would never act on any issue",
                           s->actors[i].id);
        }
    }
    for (size_t k = 0; k < s->rel.n; k++) {
        size_t a, b;
        const sc_relation *r = sc__relations_at(&s->rel, k, &a, &b);
        if (r->present && !(r->amity.value >= -1 && r->amity.value <= 1)) {
            return fail_at(NULL, diag, SC_ERANGE, "amity of %s-%s is %g, outside [-1, 1]",
                           s->actors[a].id, s->actors[b].id, r->amity.value);
        }
    }
    return SC_OK;
}

/* ---- the median-voter baseline --------------------------------------------------------------- */

typedef struct pw {
    double pos, w;
} pw;

static int cmp_pw(const void *a, const void *b)
{
    double x = ((const pw *)a)->pos, y = ((const pw *)b)->pos;
    return (x > y) - (x < y);
}

sc_status sc_scenario_issue_baseline(const sc_scenario *s, size_t issue, double *mean,
                                     double *median, sc_diag *diag)
{
    if (issue >= s->n_issues) {
        return sc__diag_set(diag, SC_EINVAL, "no issue %zu (the scenario has %zu)", issue,
                            s->n_issues);
    }
    pw *v = malloc((s->n_actors ? s->n_actors : 1) * sizeof *v);
    if (!v) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    size_t n = 0;
    double wsum = 0, psum = 0;
    for (size_t i = 0; i < s->n_actors; i++) {
        const sc_stance *st = &s->stances[i * s->n_issues + issue];
        double w = st->present ? sc_scenario_influence(s, i, issue) * st->salience.value : 0;
        if (w > 0) {
            v[n].pos = st->position.value;
            v[n].w = w;
            wsum += w;
            psum += w * st->position.value;
            n++;
        }
    }
    if (n == 0) {
        free(v);
        return sc__diag_set(diag, SC_EINVAL, "no actor gives issue %s any weight",
                            s->issues[issue].id);
    }
    qsort(v, n, sizeof *v, cmp_pw);
    /* The weighted median: the first position at which the cumulative weight reaches half. */
    double acc = 0, med = v[n - 1].pos;
    for (size_t k = 0; k < n; k++) {
        acc += v[k].w;
        if (acc >= wsum / 2) {
            med = v[k].pos;
            break;
        }
    }
    free(v);
    *mean = psum / wsum;
    *median = med;
    return SC_OK;
}
