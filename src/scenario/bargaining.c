/* SPDX-License-Identifier: MIT */
/*
 * The scenario's inputs to the bargaining models: the capability index (compiled data, see
 * scripts/gen_capability_data.py), issue-specific influence, the veto players of `agreement:`
 * and the convergence settings of the `eum:` and `smp:` sections (docs/scenario-format.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/capability_data.h"
#include "scenario/scenario_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the capability indices ------------------------------------------------------------------ */

static const char *const index_names[] = {"given", "cinc", "milex", "gdp", "composite"};

void sc_capability_spec_init(sc_capability_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->index = SC_CAPABILITY_GIVEN;
    spec->weights[0] = 0;
    spec->weights[1] = 1;
    spec->weights[2] = 1;
}

const char *sc_capability_index_name(sc_capability_index index)
{
    return (size_t)index < COUNT(index_names) ? index_names[index] : "given";
}

sc_status sc_capability_index_parse(const char *name, sc_capability_index *out, sc_diag *diag)
{
    for (size_t k = 0; k < COUNT(index_names); k++) {
        if (strcmp(name, index_names[k]) == 0) {
            *out = (sc_capability_index)k;
            return SC_OK;
        }
    }
    return sc__diag_set(diag, SC_EINVAL,
                        "unknown capability index '%s' (given, cinc, milex, gdp, composite)", name);
}

const char *sc_capability_index_source(sc_capability_index index)
{
    switch (index) {
    case SC_CAPABILITY_CINC:
        return "COW National Material Capabilities v7.0 (Singer, Bremer & Stuckey 1972), CINC";
    case SC_CAPABILITY_MILEX:
        return "SIPRI Military Expenditure Database (1949-2024 edition), share of the world's "
               "military spending in current US$";
    case SC_CAPABILITY_GDP:
        return "share of world GDP, GDP implied by SIPRI's military burden (spending / share of "
               "GDP; SIPRI uses IMF World Economic Outlook GDP), current US$";
    case SC_CAPABILITY_COMPOSITE:
        return "weighted mean of the CINC (COW NMC v7.0), military-spending (SIPRI) and GDP "
               "(implied by SIPRI's burden) shares";
    case SC_CAPABILITY_GIVEN: break;
    }
    return "the scenario's own capability values";
}

static int row_cmp(const char *iso, int year, const sc__capability_row *r)
{
    int c = strcmp(iso, r->iso3);
    return c ? c : (year > r->year) - (year < r->year);
}

/* Index of the first row of `iso`, or the row count if the data has none. */
static size_t first_row(const char *iso)
{
    size_t lo = 0, hi = sc__capability_row_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (row_cmp(iso, -1, &sc__capability_rows[mid]) > 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < sc__capability_row_count && strcmp(sc__capability_rows[lo].iso3, iso) == 0
               ? lo
               : sc__capability_row_count;
}

static double total_of(int year, int gdp)
{
    for (size_t k = 0; k < sc__capability_total_count; k++) {
        if (sc__capability_totals[k].year == year) {
            return gdp ? sc__capability_totals[k].gdp : sc__capability_totals[k].milex;
        }
    }
    return (double)NAN;
}

/*
 * One component's share for a country: the latest year on or before `year` with data.
 * component 0 = CINC, 1 = military spending, 2 = GDP. 0 if none.
 */
static int component(const char *iso, int component, int year, double *share, int *used)
{
    size_t k = first_row(iso);
    int found = 0;
    for (; k < sc__capability_row_count && strcmp(sc__capability_rows[k].iso3, iso) == 0; k++) {
        const sc__capability_row *r = &sc__capability_rows[k];
        if (r->year > year) {
            break;
        }
        double v = component == 0 ? r->cinc : component == 1 ? r->milex : r->gdp;
        if (!isnan(v)) {
            double total = component == 0 ? 1.0 : total_of(r->year, component == 2);
            if (total > 0) {
                *share = v / total;
                *used = r->year;
                found = 1;
            }
        }
    }
    return found;
}

static sc_status lookup(const char *iso3, const sc_capability_spec *spec, int year, double *out,
                        int *data_year)
{
    if (!iso3 || strlen(iso3) != 3 || spec->index == SC_CAPABILITY_GIVEN) {
        return SC_ENOTFOUND;
    }
    if (year <= 0) {
        year = 1 << 20;
    }
    double share = 0;
    int used = 0;
    if (spec->index != SC_CAPABILITY_COMPOSITE) {
        int comp = spec->index == SC_CAPABILITY_CINC ? 0 : spec->index == SC_CAPABILITY_MILEX ? 1 : 2;
        if (!component(iso3, comp, year, &share, &used)) {
            return SC_ENOTFOUND;
        }
        *out = share;
        if (data_year) {
            *data_year = used;
        }
        return SC_OK;
    }
    double acc = 0, wsum = 0;
    int first = 0;
    for (int c = 0; c < 3; c++) {
        double w = spec->weights[c];
        if (!(w > 0)) {
            continue;
        }
        if (!component(iso3, c, year, &share, &used)) {
            return SC_ENOTFOUND; /* every weighted component must be known */
        }
        if (!first) {
            first = used;
        }
        acc += w * share;
        wsum += w;
    }
    if (!(wsum > 0)) {
        return SC_ENOTFOUND;
    }
    *out = acc / wsum;
    if (data_year) {
        *data_year = first;
    }
    return SC_OK;
}

sc_status sc_capability_lookup(const char *iso3, const sc_capability_spec *spec, int year,
                               double *out, int *data_year, sc_diag *diag)
{
    sc_status rc = lookup(iso3, spec, year, out, data_year);
    if (rc != SC_OK) {
        char when[16] = "any year";
        if (year > 0) {
            snprintf(when, sizeof when, "%d", year);
        }
        return sc__diag_set(diag, rc, "no %s data for '%s' in %s",
                            sc_capability_index_name(spec->index), iso3 ? iso3 : "(null)", when);
    }
    return SC_OK;
}

const sc_capability_spec *sc_scenario_capability_spec(const sc_scenario *s)
{
    return &s->cap_spec;
}

/* The data year a spec asks for in this scenario: its own, else the scenario date's year. */
static int spec_year(const sc_scenario *s, const sc_capability_spec *spec)
{
    if (spec->year > 0) {
        return spec->year;
    }
    return s->date ? atoi(s->date) : 0;
}

static sc_status fail_at(const sc_node *at, sc_diag *diag, sc_status code, const char *msg)
{
    return at ? sc__node_error(at, diag, code, "%s", msg) : sc__diag_set(diag, code, "%s", msg);
}

sc_status sc__apply_capability_index(sc_scenario *s, const sc_capability_spec *spec,
                                     int only_missing, sc_diag *diag)
{
    if (spec->index == SC_CAPABILITY_GIVEN) {
        return SC_OK;
    }
    int year = spec_year(s, spec);
    for (size_t i = 0; i < s->n_actors; i++) {
        sc_quantity *q = &s->actors[i].capability;
        if (only_missing && !isnan(q->value)) {
            continue;
        }
        double v = 0;
        if (sc_capability_lookup(s->actors[i].id, spec, year, &v, NULL, NULL) != SC_OK ||
            !(v > 0)) {
            if (!isnan(q->value)) {
                continue; /* not covered: keeps its own capability */
            }
            char msg[320];
            snprintf(msg, sizeof msg,
                     "actor '%s' needs 'capability': the capability index '%s' has no value "
                     "for '%s'%s (only ISO 3166 alpha-3 country codes are covered)",
                     s->actors[i].id, sc_capability_index_name(spec->index), s->actors[i].id,
                     year > 0 ? " up to the scenario's year" : "");
            return fail_at(s->actor_nodes ? s->actor_nodes[i] : NULL, diag, SC_ENOTFOUND, msg);
        }
        q->value = v;
        q->min = 0;
        q->max = 1e12;
        q->source = sc_capability_index_source(spec->index);
        memset(&q->dist, 0, sizeof q->dist);
        if (spec->sd > 0) {
            q->dist.kind = SC_DIST_NORMAL;
            q->dist.a = spec->sd * v;
        }
    }
    return SC_OK;
}

sc_status sc_scenario_with_capability_index(const sc_scenario *s, const sc_capability_spec *spec,
                                            sc_scenario **out, sc_diag *diag)
{
    *out = NULL;
    sc_scenario *c = NULL;
    if (sc__scenario_clone(s, &c) != SC_OK) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    sc_status rc = sc__apply_capability_index(c, spec, 0, diag);
    if (rc != SC_OK) {
        sc_scenario_free(c);
        return rc;
    }
    c->cap_spec = *spec;
    *out = c;
    return SC_OK;
}

/* ---- influence and the agreement ------------------------------------------------------------- */

double sc_scenario_influence(const sc_scenario *s, size_t actor, size_t issue)
{
    const sc_stance *st = &s->stances[actor * s->n_issues + issue];
    return isnan(st->influence.value) ? s->actors[actor].capability.value : st->influence.value;
}

int sc_scenario_is_veto_player(const sc_scenario *s, size_t actor)
{
    return s->veto && actor < s->n_actors && s->veto[actor];
}

size_t sc_scenario_veto_player_count(const sc_scenario *s)
{
    return s->n_veto;
}

int sc_scenario_agreement_covers(const sc_scenario *s, size_t issue)
{
    return s->veto && issue < s->n_issues && (!s->agreement_issues || s->agreement_issues[issue]);
}

const char *sc_scenario_agreement_rationale(const sc_scenario *s)
{
    return s->agreement_rationale;
}

/* ---- parsing ---------------------------------------------------------------------------------- */

static sc_status parse_weights(const sc_node *n, double w[3], sc_diag *diag)
{
    static const char *const keys[] = {"cinc", "milex", "gdp"};
    if (sc__node_kind_of(n) != SC_NODE_MAP) {
        return sc__node_error(n, diag, SC_EPARSE,
                             "'weights' must map cinc, milex and gdp to numbers >= 0");
    }
    sc_status rc = sc__node_check_keys(n, "weights", keys, COUNT(keys), diag);
    if (rc != SC_OK) {
        return rc;
    }
    double sum = 0;
    for (size_t k = 0; k < 3; k++) {
        const sc_node *v = sc__node_get(n, keys[k]);
        w[k] = 0;
        if (!v) {
            continue;
        }
        rc = sc__node_number(v, &w[k], diag);
        if (rc != SC_OK) {
            return rc;
        }
        if (!(w[k] >= 0)) {
            return sc__node_error(v, diag, SC_ERANGE, "weight '%s' must be >= 0", keys[k]);
        }
        sum += w[k];
    }
    if (!(sum > 0)) {
        return sc__node_error(n, diag, SC_ERANGE, "the composite needs a positive weight");
    }
    return SC_OK;
}

static sc_status parse_index_name(const sc_node *n, sc_capability_index *out, sc_diag *diag)
{
    const char *name = sc__node_scalar(n);
    if (!name || sc_capability_index_parse(name, out, NULL) != SC_OK) {
        const char *hint = name ? sc__suggest(name, index_names, COUNT(index_names)) : NULL;
        if (hint) {
            return sc__node_error(n, diag, SC_EINVAL,
                                 "unknown capability index '%s' (did you mean '%s'?)", name, hint);
        }
        return sc__node_error(n, diag, SC_EINVAL,
                             "unknown capability index '%s' (known: given, cinc, milex, gdp, "
                             "composite)",
                             name ? name : "");
    }
    return SC_OK;
}

sc_status sc__parse_capability_index(sc_scenario *s, const sc_node *n, sc_diag *diag)
{
    static const char *const keys[] = {"index", "year", "weights", "sd"};
    sc_capability_spec *spec = &s->cap_spec;
    sc_capability_spec_init(spec);
    if (sc__node_kind_of(n) == SC_NODE_SCALAR) {
        return parse_index_name(n, &spec->index, diag);
    }
    if (sc__node_kind_of(n) != SC_NODE_MAP) {
        return sc__node_error(n, diag, SC_EPARSE,
                             "'capability_index' must be an index name or a mapping with 'index'");
    }
    sc_status rc = sc__node_check_keys(n, "capability_index", keys, COUNT(keys), diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *idx = sc__node_get(n, "index");
    if (!idx) {
        return sc__node_error(n, diag, SC_EPARSE, "'capability_index' needs 'index'");
    }
    rc = parse_index_name(idx, &spec->index, diag);
    const sc_node *year = sc__node_get(n, "year");
    if (rc == SC_OK && year) {
        double y = 0;
        rc = sc__node_number(year, &y, diag);
        if (rc == SC_OK && (y != floor(y) || y < 1946 || y > 2100)) {
            return sc__node_error(year, diag, SC_ERANGE, "'year' must be a year from 1946 on");
        }
        spec->year = (int)y;
    }
    const sc_node *w = sc__node_get(n, "weights");
    if (rc == SC_OK && w) {
        if (spec->index != SC_CAPABILITY_COMPOSITE) {
            return sc__node_error(w, diag, SC_EINVAL, "'weights' belong to the composite index");
        }
        rc = parse_weights(w, spec->weights, diag);
    }
    const sc_node *sd = sc__node_get(n, "sd");
    if (rc == SC_OK && sd) {
        rc = sc__node_number(sd, &spec->sd, diag);
        if (rc == SC_OK && !(spec->sd >= 0 && spec->sd <= 1)) {
            return sc__node_error(sd, diag, SC_ERANGE,
                                 "'sd' (relative to each capability) must be in [0, 1]");
        }
    }
    return rc;
}

/* Reads a list of ids into flags; unknown ids are located errors with a suggestion. */
static sc_status id_flags(const sc_node *list, const char *what, size_t n, const char *(*id_of)(const sc_scenario *, size_t),
                          const sc_scenario *s, unsigned char *flags, size_t *count, sc_diag *diag)
{
    if (sc__node_kind_of(list) != SC_NODE_SEQ) {
        return sc__node_error(list, diag, SC_EPARSE, "'%s' must be a list of ids", what);
    }
    *count = 0;
    for (size_t k = 0; k < sc__node_count(list); k++) {
        const sc_node *item = sc__node_at(list, k);
        const char *id = sc__node_scalar(item);
        size_t i = 0;
        while (id && i < n && strcmp(id_of(s, i), id) != 0) {
            i++;
        }
        if (!id || i == n) {
            const char *cands[64];
            size_t nc = n < 64 ? n : 64;
            for (size_t c = 0; c < nc; c++) {
                cands[c] = id_of(s, c);
            }
            const char *hint = id ? sc__suggest(id, cands, nc) : NULL;
            return hint ? sc__node_error(item, diag, SC_ENOTFOUND,
                                        "unknown %s '%s' (did you mean '%s'?)", what, id, hint)
                        : sc__node_error(item, diag, SC_ENOTFOUND, "unknown %s '%s'", what,
                                        id ? id : "");
        }
        if (flags[i]) {
            return sc__node_error(item, diag, SC_EINVAL, "%s '%s' is listed twice", what, id);
        }
        flags[i] = 1;
        (*count)++;
    }
    return SC_OK;
}

static const char *actor_id(const sc_scenario *s, size_t i)
{
    return s->actors[i].id;
}

static const char *issue_id(const sc_scenario *s, size_t i)
{
    return s->issues[i].id;
}

sc_status sc__parse_agreement(sc_scenario *s, sc__arena *a, const sc_node *n, sc_diag *diag)
{
    static const char *const keys[] = {"veto", "issues", "rationale"};
    if (sc__node_kind_of(n) != SC_NODE_MAP) {
        return sc__node_error(n, diag, SC_EPARSE,
                             "'agreement' must be a mapping with 'veto' (the veto players)");
    }
    sc_status rc = sc__node_check_keys(n, "agreement", keys, COUNT(keys), diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *veto = sc__node_get(n, "veto");
    if (!veto) {
        return sc__node_error(n, diag, SC_EPARSE,
                             "'agreement' needs 'veto': the actors whose consent a settlement "
                             "needs");
    }
    unsigned char *flags = sc__arena_calloc(a, s->n_actors ? s->n_actors : 1, 1);
    unsigned char *issues = sc__arena_calloc(a, s->n_issues ? s->n_issues : 1, 1);
    if (!flags || !issues) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    size_t nv = 0, ni = 0;
    rc = id_flags(veto, "actor", s->n_actors, actor_id, s, flags, &nv, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (nv == 0) {
        return sc__node_error(veto, diag, SC_EINVAL, "'veto' names no actor");
    }
    const sc_node *is = sc__node_get(n, "issues");
    if (is) {
        rc = id_flags(is, "issue", s->n_issues, issue_id, s, issues, &ni, diag);
        if (rc != SC_OK) {
            return rc;
        }
        if (ni == 0) {
            return sc__node_error(is, diag, SC_EINVAL, "'issues' names no issue");
        }
    }
    const sc_node *why = sc__node_get(n, "rationale");
    if (why && !sc__node_scalar(why)) {
        return sc__node_error(why, diag, SC_EPARSE, "'rationale' must be text");
    }
    s->veto = flags;
    s->n_veto = nv;
    s->agreement_issues = is ? issues : NULL;
    s->agreement_rationale = why ? sc__node_scalar(why) : NULL;
    /* every veto player needs a reservation point on each covered issue it takes a stance on */
    for (size_t j = 0; j < s->n_issues; j++) {
        if (!sc_scenario_agreement_covers(s, j)) {
            continue;
        }
        for (size_t i = 0; i < s->n_actors; i++) {
            const sc_stance *st = &s->stances[i * s->n_issues + j];
            if (flags[i] && st->present && isnan(st->reservation.value)) {
                const sc_node *at = s->stance_nodes ? s->stance_nodes[i * s->n_issues + j] : NULL;
                return sc__node_error(at ? at : veto, diag, SC_EINVAL,
                                     "veto player '%s' needs a 'reservation' on issue '%s' (the "
                                     "worst settlement it accepts rather than no deal)",
                                     s->actors[i].id, s->issues[j].id);
            }
        }
    }
    return SC_OK;
}

/* ---- the models' settings --------------------------------------------------------------------- */

void sc_bargaining_settings_init(sc_bargaining_settings *b)
{
    b->eum_tolerance = 1e-4;
    b->eum_max_rounds = 100;
    b->eum_q = 1;
    b->eum_t = 1;
    b->smp_tolerance = 1e-4;
    b->smp_max_turns = 100;
    b->smp_stop_ktab = 0;
}

/* An optional number in [lo, hi] (exclusive at lo with lo_open); leaves *out alone if absent. */
static sc_status number(const sc_node *sec, const char *key, double lo, double hi, int lo_open,
                        double *out, sc_diag *diag)
{
    const sc_node *n = sc__node_get(sec, key);
    if (!n) {
        return SC_OK;
    }
    double v;
    sc_status rc = sc__node_number(n, &v, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (v < lo || v > hi || (lo_open && v <= lo)) {
        return sc__node_error(n, diag, SC_ERANGE, "'%s' = %g is outside %s%g, %g]", key, v,
                             lo_open ? "(" : "[", lo, hi);
    }
    *out = v;
    return SC_OK;
}

static sc_status integer(const sc_node *sec, const char *key, int lo, int hi, int *out,
                         sc_diag *diag)
{
    double v = *out;
    sc_status rc = number(sec, key, lo, hi, 0, &v, diag);
    if (rc == SC_OK && v != floor(v)) {
        return sc__node_error(sc__node_get(sec, key), diag, SC_EPARSE, "'%s' must be a whole number",
                             key);
    }
    *out = (int)v;
    return rc;
}

sc_status sc_scenario_bargaining_settings(const sc_scenario *s, sc_bargaining_settings *out,
                                          sc_diag *diag)
{
    static const char *const eum_keys[] = {"tolerance", "max_rounds", "q", "t"};
    static const char *const smp_keys[] = {"tolerance", "max_turns", "stop"};
    sc_bargaining_settings_init(out);
    const sc_node *e = sc__scenario_section(s, "eum");
    sc_status rc = SC_OK;
    if (e) {
        rc = sc__node_check_keys(e, "the eum section", eum_keys, COUNT(eum_keys), diag);
        if (rc == SC_OK) {
            rc = number(e, "tolerance", 0, 0.5, 1, &out->eum_tolerance, diag);
        }
        if (rc == SC_OK) {
            rc = integer(e, "max_rounds", 1, 100000, &out->eum_max_rounds, diag);
        }
        if (rc == SC_OK) {
            rc = number(e, "q", 0, 1, 0, &out->eum_q, diag);
        }
        if (rc == SC_OK) {
            rc = number(e, "t", 0, 1, 0, &out->eum_t, diag);
        }
    }
    const sc_node *m = sc__scenario_section(s, "smp");
    if (rc == SC_OK && m) {
        rc = sc__node_check_keys(m, "the smp section", smp_keys, COUNT(smp_keys), diag);
        if (rc == SC_OK) {
            rc = number(m, "tolerance", 0, 0.5, 1, &out->smp_tolerance, diag);
        }
        if (rc == SC_OK) {
            rc = integer(m, "max_turns", 1, 100000, &out->smp_max_turns, diag);
        }
        const sc_node *stop = sc__node_get(m, "stop");
        if (rc == SC_OK && stop) {
            const char *v = sc__node_scalar(stop);
            if (v && strcmp(v, "converge") == 0) {
                out->smp_stop_ktab = 0;
            } else if (v && strcmp(v, "ktab") == 0) {
                out->smp_stop_ktab = 1;
            } else {
                return sc__node_error(stop, diag, SC_EINVAL,
                                     "'stop' must be converge (positions stop moving or cycle) "
                                     "or ktab (KTAB's change-ratio rule)");
            }
        }
    }
    return rc;
}
