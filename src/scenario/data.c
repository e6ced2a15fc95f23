/* SPDX-License-Identifier: MIT */
/*
 * The `data:` section: relation data from outside the analyst's judgement, carried in the
 * scenario so that a report can set them against its amities ("Relations: judgement vs data")
 * without reading any file at run time. A mapping from a data set's id to the data set:
 *
 *   data:
 *     unga-2023:
 *       kind: unga-ideal-points      # UN General Assembly ideal points of one session
 *       session: 78
 *       source: bsv-jun2024
 *       ideal_points: {USA: 2.500157, RUS: -0.5321, ...}
 *       agreement_map: {alpha: 1.0977, beta: -0.7896}     # optional (docs/events.md)
 *     gdelt-feb-2025:
 *       kind: event-scores           # DSMG scores computed elsewhere, per pair
 *       date: 2025-02-24
 *       source: "..."
 *       half_life: 30                # optional, as computed
 *       prior: 5
 *       scores:
 *         - {pair: [USA, RUS], score: 0.18, events: 4}
 *       amity_map: {intercept: 0, slope: 3.088}           # optional (docs/events.md)
 *
 * Everything is checked where it is written (located errors); the events module reads it.
 */
#include <math.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/scenario_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static sc_status number_in(const sc_node *n, const char *what, double lo, double hi, int lo_open,
                           double *out, sc_diag *diag)
{
    sc_status rc = sc__node_number(n, out, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (!(lo_open ? *out > lo : *out >= lo) || !(*out <= hi)) {
        return sc__node_fail(n, diag, SC_ERANGE, "%s %g is outside %s%g, %g]", what, *out,
                             lo_open ? "(" : "[", lo, hi);
    }
    return SC_OK;
}

static sc_status actor_of(const sc_scenario *s, const sc_node *n, sc_diag *diag, long *out)
{
    const char *id = sc__node_scalar(n);
    if (!id) {
        return sc__node_fail(n, diag, SC_EPARSE, "expected an actor id");
    }
    *out = sc_scenario_actor_index(s, id);
    if (*out < 0) {
        size_t na = sc_scenario_actor_count(s);
        const char *ids[256];
        size_t k = na < 256 ? na : 256;
        for (size_t i = 0; i < k; i++) {
            ids[i] = sc_scenario_actor(s, i)->id;
        }
        const char *hint = sc__suggest(id, ids, k);
        return hint ? sc__node_fail(n, diag, SC_ENOTFOUND, "unknown actor '%s' (did you mean '%s'?)",
                                    id, hint)
                    : sc__node_fail(n, diag, SC_ENOTFOUND, "unknown actor '%s'", id);
    }
    return SC_OK;
}

static sc_status text_of(const sc_node *set, const char *key, int required, const char *what,
                         sc_diag *diag)
{
    const sc_node *n = sc__node_get(set, key);
    if (!n) {
        return required ? sc__node_fail(set, diag, SC_EPARSE, "%s needs '%s'", what, key) : SC_OK;
    }
    if (!sc__node_scalar(n) || !sc__node_scalar(n)[0]) {
        return sc__node_fail(n, diag, SC_EPARSE, "'%s' of %s must be text", key, what);
    }
    return SC_OK;
}

static sc_status check_map(const sc_node *m, const char *what, const char *const *keys,
                           sc_diag *diag)
{
    if (sc__node_kind_of(m) != SC_NODE_MAP) {
        return sc__node_fail(m, diag, SC_EPARSE, "%s must be a mapping {%s: ..., %s: ...}", what,
                             keys[0], keys[1]);
    }
    sc_status rc = sc__node_check_keys(m, what, keys, 2, diag);
    for (int i = 0; rc == SC_OK && i < 2; i++) {
        const sc_node *v = sc__node_get(m, keys[i]);
        double x;
        if (!v) {
            return sc__node_fail(m, diag, SC_EPARSE, "%s needs '%s'", what, keys[i]);
        }
        rc = number_in(v, keys[i], -1e6, 1e6, 0, &x, diag);
    }
    return rc;
}

static sc_status check_unga(const sc_scenario *s, const sc_node *set, sc_diag *diag)
{
    static const char *const keys[] = {"kind",         "source",       "description",
                                       "session",      "ideal_points", "agreement_map"};
    static const char *const map_keys[] = {"alpha", "beta"};
    sc_status rc = sc__node_check_keys(set, "a UN ideal-point data set", keys, COUNT(keys), diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *sn = sc__node_get(set, "session");
    double session;
    if (!sn) {
        return sc__node_fail(set, diag, SC_EPARSE, "a UN ideal-point data set needs 'session'");
    }
    if ((rc = number_in(sn, "session", 1, 1000, 0, &session, diag)) != SC_OK) {
        return rc;
    }
    if (session != floor(session)) {
        return sc__node_fail(sn, diag, SC_EPARSE, "session must be a whole number");
    }
    const sc_node *ip = sc__node_get(set, "ideal_points");
    if (!ip) {
        return sc__node_fail(set, diag, SC_EPARSE,
                             "a UN ideal-point data set needs 'ideal_points' (actor: number)");
    }
    if (sc__node_kind_of(ip) != SC_NODE_MAP || sc__node_count(ip) < 2) {
        return sc__node_fail(ip, diag, SC_EPARSE,
                             "ideal_points must map at least two actors to their ideal points");
    }
    for (size_t i = 0; i < sc__node_count(ip); i++) {
        long a;
        double x;
        if ((rc = actor_of(s, ip->key_nodes[i], diag, &a)) != SC_OK ||
            (rc = number_in(sc__node_at(ip, i), "ideal point", -20, 20, 0, &x, diag)) != SC_OK) {
            return rc;
        }
    }
    const sc_node *am = sc__node_get(set, "agreement_map");
    return am ? check_map(am, "agreement_map", map_keys, diag) : SC_OK;
}

static sc_status check_scores(const sc_scenario *s, const sc_node *set, sc_diag *diag)
{
    static const char *const keys[] = {"kind",  "source",    "description", "date", "half_life",
                                       "prior", "scores",    "amity_map"};
    static const char *const score_keys[] = {"pair", "score", "events", "weight"};
    static const char *const map_keys[] = {"intercept", "slope"};
    sc_status rc = sc__node_check_keys(set, "an event-score data set", keys, COUNT(keys), diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *dn = sc__node_get(set, "date");
    if (!dn) {
        return sc__node_fail(set, diag, SC_EPARSE,
                             "an event-score data set needs 'date' (the day its scores stand for)");
    }
    if (!sc__node_scalar(dn) || !sc__valid_date(sc__node_scalar(dn))) {
        return sc__node_fail(dn, diag, SC_EPARSE, "'%s' is not a date of the form yyyy-mm-dd",
                             sc__node_scalar(dn) ? sc__node_scalar(dn) : "");
    }
    double x;
    const sc_node *h = sc__node_get(set, "half_life"), *k = sc__node_get(set, "prior");
    if (h && (rc = number_in(h, "half_life", 0, 1e6, 1, &x, diag)) != SC_OK) {
        return rc;
    }
    if (k && (rc = number_in(k, "prior", 0, 1e9, 0, &x, diag)) != SC_OK) {
        return rc;
    }
    const sc_node *sc = sc__node_get(set, "scores");
    if (!sc || sc__node_kind_of(sc) != SC_NODE_SEQ || sc__node_count(sc) == 0) {
        return sc__node_fail(sc ? sc : set, diag, SC_EPARSE,
                             "an event-score data set needs 'scores': a list of "
                             "{pair: [A, B], score: R}");
    }
    size_t n = sc__node_count(sc);
    for (size_t i = 0; i < n; i++) {
        const sc_node *e = sc__node_at(sc, i);
        if (sc__node_kind_of(e) != SC_NODE_MAP) {
            return sc__node_fail(e, diag, SC_EPARSE, "a score must be a mapping {pair, score}");
        }
        if ((rc = sc__node_check_keys(e, "a score", score_keys, COUNT(score_keys), diag)) != SC_OK) {
            return rc;
        }
        const sc_node *p = sc__node_get(e, "pair"), *r = sc__node_get(e, "score");
        if (!p || sc__node_kind_of(p) != SC_NODE_SEQ || sc__node_count(p) != 2) {
            return sc__node_fail(p ? p : e, diag, SC_EPARSE, "a score needs 'pair: [A, B]'");
        }
        long a, b;
        if ((rc = actor_of(s, sc__node_at(p, 0), diag, &a)) != SC_OK ||
            (rc = actor_of(s, sc__node_at(p, 1), diag, &b)) != SC_OK) {
            return rc;
        }
        if (a == b) {
            return sc__node_fail(p, diag, SC_EINVAL, "a pair needs two different actors");
        }
        for (size_t j = 0; j < i; j++) {
            const sc_node *q = sc__node_get(sc__node_at(sc, j), "pair");
            long c = sc_scenario_actor_index(s, sc__node_scalar(sc__node_at(q, 0)));
            long d = sc_scenario_actor_index(s, sc__node_scalar(sc__node_at(q, 1)));
            if ((c == a && d == b) || (c == b && d == a)) {
                return sc__node_fail(p, diag, SC_EINVAL, "the pair [%s, %s] is scored twice",
                                     sc_scenario_actor(s, (size_t)a)->id,
                                     sc_scenario_actor(s, (size_t)b)->id);
            }
        }
        if (!r) {
            return sc__node_fail(e, diag, SC_EPARSE, "a score needs 'score' (R in (-1, 1))");
        }
        if ((rc = number_in(r, "score", -1, 1, 0, &x, diag)) != SC_OK) {
            return rc;
        }
        const sc_node *ev = sc__node_get(e, "events"), *w = sc__node_get(e, "weight");
        if (ev && ((rc = number_in(ev, "events", 0, 1e15, 0, &x, diag)) != SC_OK ||
                   x != floor(x))) {
            return rc != SC_OK ? rc : sc__node_fail(ev, diag, SC_EPARSE,
                                                    "events must be a whole number");
        }
        if (w && (rc = number_in(w, "weight", 0, 1e15, 0, &x, diag)) != SC_OK) {
            return rc;
        }
    }
    const sc_node *am = sc__node_get(set, "amity_map");
    return am ? check_map(am, "amity_map", map_keys, diag) : SC_OK;
}

sc_status sc__parse_data(const sc_scenario *s, const sc_node *data, sc_diag *diag)
{
    static const char *const kinds[] = {"unga-ideal-points", "event-scores"};
    if (sc__node_kind_of(data) != SC_NODE_MAP) {
        /* a list of sets has no ids to read (fuzz_scenario's finding: strlen of no key) */
        return sc__node_fail(data, diag, SC_EPARSE,
                             "'data' must be a mapping from data-set ids to data sets");
    }
    for (size_t i = 0; i < sc__node_count(data); i++) {
        const sc_node *set = sc__node_at(data, i);
        const char *id = sc__node_key_at(data, i);
        size_t n = strlen(id);
        int ok = n >= 1 && n <= 64;
        for (size_t j = 0; ok && j < n; j++) {
            char ch = id[j];
            ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                 ch == '_' || ch == '-';
        }
        if (!ok) {
            return sc__node_fail(data->key_nodes[i], diag, SC_EPARSE,
                                 "'%s' is not a data-set id (1-64 characters of A-Za-z0-9_-)", id);
        }
        if (sc__node_kind_of(set) != SC_NODE_MAP) {
            return sc__node_fail(set, diag, SC_EPARSE, "data set '%s' must be a mapping", id);
        }
        sc_status rc = text_of(set, "kind", 1, "a data set", diag);
        if (rc == SC_OK) {
            rc = text_of(set, "source", 1, "a data set", diag);
        }
        if (rc == SC_OK) {
            rc = text_of(set, "description", 0, "a data set", diag);
        }
        if (rc != SC_OK) {
            return rc;
        }
        const sc_node *kn = sc__node_get(set, "kind");
        const char *kind = sc__node_scalar(kn);
        if (strcmp(kind, kinds[0]) == 0) {
            rc = check_unga(s, set, diag);
        } else if (strcmp(kind, kinds[1]) == 0) {
            rc = check_scores(s, set, diag);
        } else {
            const char *hint = sc__suggest(kind, kinds, COUNT(kinds));
            rc = hint ? sc__node_fail(kn, diag, SC_EPARSE,
                                      "unknown data kind '%s' (did you mean '%s'?)", kind, hint)
                      : sc__node_fail(kn, diag, SC_EPARSE,
                                      "unknown data kind '%s' (unga-ideal-points, event-scores)",
                                      kind);
        }
        if (rc != SC_OK) {
            return rc;
        }
    }
    return SC_OK;
}
