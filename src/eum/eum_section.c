/* SPDX-License-Identifier: MIT */
/*
 * The result-document section of the expected-utility model, for one state of the scenario: on
 * every issue, both readings of the model side by side -- Scholz's program (the published
 * replication, the issue's top-level keys as before) and the equations as printed (`printed`) --
 * each played until it converges or cycles, with the forecast by the documented rule and its
 * range, the leave-one-out drivers, the challenges that decided it, and a sentence on why the
 * two differ; then Bueno de Mesquita's perspective (quadrant) chart of round 1 for one actor.
 */
#include "eum/eum_section.h"
#include "report/sections.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "statecraft/eum.h"

static const char *status_name(const sc_eum_result *r)
{
    return r->converged ? "settled" : r->cycle ? "cycles" : r->oscillating ? "oscillates" : "moving";
}

static json_t *series(const double *v, size_t n, size_t stride)
{
    json_t *a = json_array();
    for (size_t t = 0; t < n; t++) {
        json_array_append_new(a, sc__json_number(v[t * stride]));
    }
    return a;
}

static json_t *pair(double a, double b)
{
    json_t *p = json_array();
    json_array_append_new(p, sc__json_number(a));
    json_array_append_new(p, sc__json_number(b));
    return p;
}

/* One variant's game on an issue: the game, its drivers, and who played. */
typedef struct game {
    sc_eum_issue in;
    sc_eum_result *r;
    sc_eum_driver *drivers; /* NULL for fewer than 3 actors */
} game;

static void game_free(game *g)
{
    sc_eum_issue_destroy(&g->in);
    sc_eum_result_free(g->r);
    free(g->drivers);
}

/* Plays the issue under params p. SC_OK with g->r NULL (and *note) when the model cannot run. */
static sc_status play(const sc_scenario *s, size_t j, sc_eum_params p, int with_drivers, game *g,
                      char *note, size_t note_size, sc_diag *diag)
{
    memset(g, 0, sizeof *g);
    sc_diag local;
    sc_diag_init(&local);
    sc_status rc = sc_eum_issue_from_scenario(s, j, &g->in, &local);
    if (rc == SC_OK) {
        p.scale = g->in.scale;
        rc = sc_eum_run(g->in.n, g->in.c, g->in.x, g->in.s, &p, &g->r, &local);
    }
    if (rc == SC_OK && with_drivers && g->in.n >= 3) {
        g->drivers = malloc(g->in.n * sizeof *g->drivers);
        rc = g->drivers ? sc_eum_drivers(g->in.n, g->in.c, g->in.x, g->in.s, &p, g->r->forecast,
                                         g->drivers, &local)
                        : SC_ENOMEM;
    }
    if (rc == SC_ENOMEM) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    if (rc != SC_OK) {
        snprintf(note, note_size, "%s", local.message);
        game_free(g);
        memset(g, 0, sizeof *g);
    }
    return SC_OK;
}

static const char *id_of(const sc_scenario *s, const game *g, size_t k)
{
    return sc_scenario_actor(s, g->in.actor[k])->id;
}

/* The challenges that moved the median voter, largest effect first (all of them). */
static json_t *decisive(const sc_scenario *s, const game *g)
{
    const sc_eum_result *r = g->r;
    size_t n = r->n, total = (size_t)r->rounds * n, m = 0;
    size_t *idx = malloc((total ? total : 1) * sizeof *idx);
    json_t *a = json_array();
    if (!idx) {
        return a;
    }
    for (size_t k = 0; k < total; k++) {
        if (r->moves[k].kind != SC_EUM_NONE && r->moves[k].median_effect != 0) {
            idx[m++] = k;
        }
    }
    for (size_t i = 1; i < m; i++) { /* stable insertion sort by |effect|, largest first */
        for (size_t q = i; q > 0 && fabs(r->moves[idx[q - 1]].median_effect) <
                                        fabs(r->moves[idx[q]].median_effect);
             q--) {
            size_t t = idx[q];
            idx[q] = idx[q - 1];
            idx[q - 1] = t;
        }
    }
    for (size_t q = 0; q < m; q++) {
        const sc_eum_move *mv = &r->moves[idx[q]];
        json_t *o = json_object();
        json_object_set_new(o, "round", json_integer((json_int_t)(idx[q] / n + 1)));
        json_object_set_new(o, "actor", json_string(id_of(s, g, idx[q] % n)));
        json_object_set_new(o, "kind", json_string(sc_eum_move_name(mv->kind)));
        json_object_set_new(o, "partner", json_string(id_of(s, g, (size_t)mv->partner)));
        sc__json_set_number(o, "from", mv->from);
        sc__json_set_number(o, "to", mv->to);
        sc__json_set_number(o, "median_effect", mv->median_effect);
        json_array_append_new(a, o);
    }
    free(idx);
    return a;
}

/* The outcome of one variant's game, the keys both variants share. */
static void game_json(const sc_scenario *s, const game *g, int fixed, json_t *o)
{
    const sc_eum_result *r = g->r;
    int T = r->rounds;
    sc__json_set_number(o, "forecast", r->forecast);
    json_object_set_new(o, "forecast_range", pair(r->forecast_lo, r->forecast_hi));
    json_object_set_new(o, "mean_range", pair(r->mean_lo, r->mean_hi));
    json_object_set_new(o, "outcome", json_string(sc_eum_outcome_name(r->outcome)));
    json_object_set_new(o, "rounds", json_integer(T));
    json_object_set_new(o, "cycle_start", r->cycle ? json_integer(r->cycle_start) : json_null());
    json_object_set_new(o, "cycle_period", r->cycle ? json_integer(r->cycle_period) : json_null());
    json_t *w = json_array();
    json_array_append_new(w, json_integer(r->window_start));
    json_array_append_new(w, json_integer(r->window_end));
    json_object_set_new(o, "window", w);
    json_object_set_new(o, "point_rule",
                        json_string(fixed || r->outcome == SC_EUM_CONVERGED
                                        ? "the median voter of the last round"
                                        : r->outcome == SC_EUM_CYCLE
                                              ? "the mean of the median voter over one cycle"
                                              : "the mean of the median voter over the second "
                                                "half of the rounds"));
    sc__json_set_number(o, "mean_end", r->mean[T]);
    json_t *fin = json_object();
    for (size_t i = 0; i < r->n; i++) {
        sc__json_set_number(fin, id_of(s, g, i), r->positions[(size_t)T * r->n + i]);
    }
    json_object_set_new(o, "final_positions", fin);
    json_t *drv = json_array();
    for (size_t k = 0; g->drivers && k < r->n; k++) {
        json_t *d = json_object();
        json_object_set_new(d, "actor", json_string(id_of(s, g, g->drivers[k].actor)));
        sc__json_set_number(d, "delta", g->drivers[k].delta);
        json_array_append_new(drv, d);
    }
    json_object_set_new(o, "drivers", g->drivers ? drv : (json_decref(drv), json_null()));
    json_object_set_new(o, "decisive_moves", decisive(s, g));
}

/* The actors who moved in round 1 of a game, as "A, B and C" (at most 6 named). */
static void round_one(const sc_scenario *s, const game *g, char *buf, size_t size, int *count)
{
    const sc_eum_result *r = g->r;
    buf[0] = '\0';
    *count = 0;
    for (size_t i = 0; r->rounds > 0 && i < r->n; i++) {
        if (r->moves[i].kind == SC_EUM_NONE) {
            continue;
        }
        if (*count < 6) {
            size_t l = strlen(buf);
            snprintf(buf + l, size - l, "%s%s", *count ? ", " : "", id_of(s, g, i));
        }
        (*count)++;
    }
    if (*count > 6) {
        size_t l = strlen(buf);
        snprintf(buf + l, size - l, " and %d more", *count - 6);
    }
}

/* A sentence on why the two readings differ on this issue, from what each game did. */
static json_t *why(const sc_scenario *s, const game *sch, const game *pri, double span)
{
    double d = pri->r->forecast - sch->r->forecast;
    char a[256], b[256], text[1024];
    int na = 0, nb = 0;
    round_one(s, sch, a, sizeof a, &na);
    round_one(s, pri, b, sizeof b, &nb);
    if (fabs(d) <= 0.01 * span) {
        scx_snprintf_c(text, sizeof text,
                 "Both readings give %.1f (within 1%% of the scale): the outcome does not hang on "
                 "how P is normalised or which offer is taken.",
                 sch->r->forecast);
    } else {
        scx_snprintf_c(text, sizeof text,
                 "The readings differ by %.1f (the printed one %s): in Scholz's program (the published replication) P is "
                 "one global share, about 1/n^2, so a challenge is decided by salience alone and "
                 "in round 1 %d actor%s (%s) gave in to more salient ones; with the printed "
                 "pairwise P the larger coalition wins each contest and %d actor%s (%s) moved "
                 "in round 1, each taking the offer that needs the smallest move.",
                 fabs(d), d > 0 ? "higher" : "lower", na, na == 1 ? "" : "s", na ? a : "none", nb, nb == 1 ? "" : "s",
                 nb ? b : "none");
    }
    return json_string(text);
}

/* ---- what the events or a variant changed, and why ------------------------------------------ */

/* "USA (position 50 -> 60, salience 0.4 -> 0.5)" into buf */
static void describe_shift(const sc_scenario *s, const game *from, const game *to, size_t k,
                           char *buf, size_t size)
{
    const sc_eum_issue *a = &from->in, *b = &to->in;
    int l = snprintf(buf, size, "%s (", id_of(s, to, k));
    const char *sep = "";
    if (a->x[k] != b->x[k] && l >= 0 && (size_t)l < size) {
        l += scx_snprintf_c(buf + l, size - (size_t)l, "position %g -> %g", a->x[k], b->x[k]);
        sep = ", ";
    }
    if (a->s[k] != b->s[k] && l >= 0 && (size_t)l < size) {
        l += scx_snprintf_c(buf + l, size - (size_t)l, "%ssalience %g -> %g", sep, a->s[k], b->s[k]);
        sep = ", ";
    }
    if (a->c[k] != b->c[k] && l >= 0 && (size_t)l < size) {
        l += scx_snprintf_c(buf + l, size - (size_t)l, "%sinfluence %.3g -> %.3g", sep, a->c[k], b->c[k]);
    }
    if (l >= 0 && (size_t)l < size) {
        snprintf(buf + l, size - (size_t)l, ")");
    }
}

/* "gives in to FRA's threat" / "compromises with GBR" / "stays" for row k's move in round t. */
static void describe_move(const sc_scenario *s, const game *g, size_t k, int t, char *buf,
                          size_t size)
{
    const sc_eum_move *m = &g->r->moves[(size_t)(t - 1) * g->r->n + k];
    const char *partner = m->partner >= 0 ? id_of(s, g, (size_t)m->partner) : "";
    switch (m->kind) {
    case SC_EUM_CONFRONTATION: snprintf(buf, size, "gives in to %s's threat", partner); break;
    case SC_EUM_COMPROMISE: snprintf(buf, size, "compromises with %s", partner); break;
    case SC_EUM_CAPITULATION: snprintf(buf, size, "capitulates to %s", partner); break;
    default: snprintf(buf, size, "stays"); break;
    }
}

/* Appends printf-style text to buf (of size), truncating. */
static void cat(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void cat(char *buf, size_t size, const char *fmt, ...)
{
    size_t l = strlen(buf);
    if (l + 1 >= size) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    scx_vsnprintf_c(buf + l, size - l, fmt, ap);
    va_end(ap);
}

/*
 * The change of one reading's forecast from game `from` (the reference state) to game `to` (this
 * state): the forecasts, each changed actor's share (the `to` game with that actor set back), the
 * round that erased a change, and a sentence saying why. `what` names the change ("the events",
 * "the variant").
 */
static sc_status effect_json(const sc_scenario *s, const game *from, const game *to,
                             const sc_eum_params *p, const char *what, const char *verb,
                             const char *compared_to, double span, json_t **out, sc_diag *diag)
{
    *out = NULL;
    int singular = strcmp(verb, "moves") == 0; /* "the variant moves", "the events move" */
    json_t *o = json_object();
    json_object_set_new(o, "compared_to", json_string(compared_to));
    sc__json_set_number(o, "forecast_from", from->r->forecast);
    sc__json_set_number(o, "forecast", to->r->forecast);
    double d = to->r->forecast - from->r->forecast;
    sc__json_set_number(o, "delta", d);
    int same_rows = from->in.n == to->in.n &&
                    memcmp(from->in.actor, to->in.actor, to->in.n * sizeof *to->in.actor) == 0;
    char text[2048];
    int moved = fabs(d) > 0.01 * span;
    if (!same_rows) {
        json_object_set_new(o, "shifts", json_null());
        json_object_set_new(o, "merged_round", json_null());
        scx_snprintf_c(text, sizeof text,
                 "%s %s which actors take part on this issue: %.2f -> %.2f (%+.2f); no "
                 "attribution to single actors.",
                 what, singular ? "changes" : "change", from->r->forecast, to->r->forecast, d);
        json_object_set_new(o, "why", json_string(text));
        *out = o;
        return SC_OK;
    }
    sc_eum_params pp = *p;
    pp.scale = to->in.scale;
    sc_eum_comparison cmp;
    sc_status rc = sc_eum_compare(to->in.n, from->in.c, from->in.x, from->in.s, to->in.c, to->in.x,
                                  to->in.s, &pp, from->r, to->r, &cmp, diag);
    if (rc != SC_OK) {
        json_decref(o);
        return rc;
    }
    json_object_set_new(o, "merged_round",
                        cmp.merged_round >= 0 ? json_integer(cmp.merged_round) : json_null());
    json_t *arr = json_array();
    for (size_t q = 0; q < cmp.n_shifts; q++) {
        const sc_eum_shift *sh = &cmp.shifts[q];
        size_t k = sh->actor;
        json_t *e = json_object();
        json_object_set_new(e, "actor", json_string(id_of(s, to, k)));
        json_object_set_new(e, "position", from->in.x[k] != to->in.x[k]
                                               ? pair(from->in.x[k], to->in.x[k])
                                               : json_null());
        json_object_set_new(e, "salience", from->in.s[k] != to->in.s[k]
                                               ? pair(from->in.s[k], to->in.s[k])
                                               : json_null());
        json_object_set_new(e, "influence", from->in.c[k] != to->in.c[k]
                                                ? pair(from->in.c[k], to->in.c[k])
                                                : json_null());
        sc__json_set_number(e, "delta", sh->delta);
        json_object_set_new(e, "erased_round",
                            sh->erased_round >= 0 ? json_integer(sh->erased_round) : json_null());
        json_array_append_new(arr, e);
    }
    json_object_set_new(o, "shifts", arr);
    /* the sentence */
    text[0] = '\0';
    char sh_buf[256], mv0[128], mv1[128];
    if (cmp.n_shifts == 0) {
        cat(text, sizeof text,
            "%s %s no position, salience or influence on this issue (amities do not enter "
            "the EUM)",
            what, singular ? "changes" : "change");
        if (moved) {
            cat(text, sizeof text, ", yet the forecast moves %.2f -> %.2f", from->r->forecast,
                to->r->forecast);
        } else {
            cat(text, sizeof text, ": the forecast stays at %.2f", to->r->forecast);
        }
        cat(text, sizeof text, ".");
    } else if (!moved) {
        cat(text, sizeof text, "%s %s ", what, verb);
        for (size_t q = 0; q < cmp.n_shifts && q < 4; q++) {
            describe_shift(s, from, to, cmp.shifts[q].actor, sh_buf, sizeof sh_buf);
            cat(text, sizeof text, "%s%s", q ? (q + 1 == cmp.n_shifts ? " and " : ", ") : "",
                sh_buf);
        }
        if (cmp.n_shifts > 4) {
            cat(text, sizeof text, " and %zu more", cmp.n_shifts - 4);
        }
        cat(text, sizeof text, ", yet the forecast stays at %.2f", to->r->forecast);
        if (fabs(d) >= 0.005) {
            cat(text, sizeof text, " (%+.2f, within 1%% of the scale)", d);
        }
        int told = 0;
        for (size_t q = 0; q < cmp.n_shifts && told < 3; q++) {
            const sc_eum_shift *sh = &cmp.shifts[q];
            if (sh->erased_round < 0) {
                continue;
            }
            size_t k = sh->actor;
            int t = sh->erased_round;
            describe_move(s, from, k, t, mv0, sizeof mv0);
            describe_move(s, to, k, t, mv1, sizeof mv1);
            double at = to->r->positions[(size_t)t * to->r->n + k];
            if (strcmp(mv0, mv1) == 0) {
                cat(text, sizeof text, "%s round %d erases %s's change: in both states %s %s (to %.1f)",
                    told ? ";" : ":", t, id_of(s, to, k), id_of(s, to, k), mv1, at);
            } else {
                cat(text, sizeof text,
                    "%s round %d erases %s's change: it ends the round at %.1f in both states (%s "
                    "here, %s in the %s)",
                    told ? ";" : ":", t, id_of(s, to, k), at, mv1, mv0, compared_to);
            }
            told++;
        }
        if (cmp.merged_round >= 0) {
            cat(text, sizeof text, "; from round %d on both games are the same", cmp.merged_round);
        }
        if (!told) {
            double big = cmp.n_shifts ? fabs(cmp.shifts[0].delta) : 0;
            cat(text, sizeof text, ": each change alone moves it by at most %.2f", big);
        }
        cat(text, sizeof text, ".");
    } else {
        cat(text, sizeof text, "%s %s the forecast %.2f -> %.2f (%+.2f); each change alone (the "
                               "forecast minus the forecast with it undone): ",
            what, verb, from->r->forecast, to->r->forecast, d);
        for (size_t q = 0; q < cmp.n_shifts && q < 4; q++) {
            describe_shift(s, from, to, cmp.shifts[q].actor, sh_buf, sizeof sh_buf);
            cat(text, sizeof text, "%s%s %+.2f", q ? "; " : "", sh_buf, cmp.shifts[q].delta);
        }
        if (cmp.n_shifts > 4) {
            cat(text, sizeof text, "; %zu more", cmp.n_shifts - 4);
        }
        cat(text, sizeof text, ".");
    }
    json_object_set_new(o, "why", json_string(text));
    sc_eum_comparison_destroy(&cmp);
    *out = o;
    return SC_OK;
}

/* The reference states of this one: before the events (same variant) and, under a variant, the
 * scenario as given (same events). NULL where there is none. */
typedef struct refs {
    const sc_scenario *events; /* this variant before the events */
    const sc_scenario *variant; /* the scenario as given in this state's events */
} refs;

/* Adds {events_effect, variant_effect} of one reading (variant v) to o. */
static sc_status effects(const sc_scenario *s, size_t j, const sc_eum_params *p, int v,
                         const refs *rf, const game *g, json_t *o, sc_diag *diag)
{
    double span = g->in.scale;
    const sc_scenario *ref[2] = {rf->events, rf->variant};
    const char *key[2] = {"events_effect", "variant_effect"};
    const char *what[2] = {"The events", "The variant"};
    const char *verb[2] = {"move", "moves"};
    const char *cmp_to[2] = {"state before the events", "scenario as given"};
    for (int e = 0; e < 2; e++) {
        if (!ref[e]) {
            continue;
        }
        long jr = sc_scenario_issue_index(ref[e], sc_scenario_issue(s, j)->id);
        if (jr < 0) {
            continue;
        }
        sc_eum_params pv = *p;
        pv.variant = (sc_eum_variant)v;
        game f;
        char note[SC_DIAG_MESSAGE_MAX] = "";
        sc_status rc = play(ref[e], (size_t)jr, pv, 0, &f, note, sizeof note, diag);
        if (rc != SC_OK) {
            return rc;
        }
        if (!f.r) {
            continue;
        }
        json_t *eo = NULL;
        rc = effect_json(s, &f, g, &pv, what[e], verb[e], cmp_to[e], span, &eo, diag);
        game_free(&f);
        if (rc != SC_OK) {
            return rc;
        }
        json_object_set_new(o, key[e], eo);
    }
    return SC_OK;
}

/* lean: a Monte Carlo draw (sc_run_opts::monte_carlo), which needs the forecasts only */
static sc_status issue_row(const sc_scenario *s, size_t j, const sc_eum_params *p, const refs *rf,
                           int lean, json_t *arr, sc_diag *diag)
{
    const sc_issue *is = sc_scenario_issue(s, j);
    json_t *o = json_object();
    json_object_set_new(o, "issue", json_string(is->id));
    json_t *scale = json_array();
    json_array_append_new(scale, json_real(is->scale_min));
    json_array_append_new(scale, json_real(is->scale_max));
    json_object_set_new(o, "scale", scale);
    game g[2];
    char note[SC_DIAG_MESSAGE_MAX] = "";
    sc_status rc = SC_OK;
    memset(g, 0, sizeof g);
    /* a Monte Carlo draw (lean) plays the published reading only, without the leave-one-out
     * drivers: the printed reading takes five times as long and is the report's comparison */
    for (int v = 0; v < (lean ? 1 : 2) && rc == SC_OK; v++) {
        sc_eum_params pv = *p;
        pv.variant = (sc_eum_variant)v;
        rc = play(s, j, pv, !lean, &g[v], note, sizeof note, diag);
        if (rc != SC_OK && v == 1) {
            game_free(&g[0]);
        }
    }
    if (rc != SC_OK) {
        json_decref(o);
        return rc;
    }
    if (!g[0].r || (!lean && !g[1].r)) {
        game_free(&g[0]);
        game_free(&g[1]);
        json_object_set_new(o, "forecast", json_null());
        json_object_set_new(o, "note", json_string(note));
        json_array_append_new(arr, o);
        return SC_OK;
    }
    const sc_eum_result *r = g[0].r;
    int T = r->rounds;
    int moves = 0;
    for (size_t k = 0; k < (size_t)T * r->n; k++) {
        moves += r->moves[k].kind != SC_EUM_NONE;
    }
    /* Scholz's program at the issue's top level (the published replication), as before */
    sc__json_set_number(o, "median_start", r->median[0]);
    sc__json_set_number(o, "mean_start", r->mean[0]);
    json_object_set_new(o, "median_range", pair(r->forecast_lo, r->forecast_hi));
    json_object_set_new(o, "moves", json_integer(moves));
    json_object_set_new(o, "status", json_string(status_name(r)));
    json_object_set_new(o, "converged", json_boolean(r->converged));
    json_object_set_new(o, "oscillating", json_boolean(r->oscillating));
    json_object_set_new(o, "cycle", json_boolean(r->cycle));
    game_json(s, &g[0], p->stop == SC_EUM_STOP_FIXED, o);
    if (lean) {
        /* no trajectories, printed reading or effects (replays of the game) in a draw */
        json_array_append_new(arr, o);
        game_free(&g[0]);
        return SC_OK;
    }
    /* round by round: what the trajectory charts draw */
    json_t *tr = json_object(), *pos = json_object();
    json_object_set_new(tr, "median", series(r->median, (size_t)T + 1, 1));
    json_object_set_new(tr, "mean", series(r->mean, (size_t)T + 1, 1));
    for (size_t i = 0; i < r->n; i++) {
        json_object_set_new(pos, id_of(s, &g[0], i), series(r->positions + i, (size_t)T + 1, r->n));
    }
    json_object_set_new(tr, "positions", pos);
    json_object_set_new(o, "trajectory", tr);
    /* the equations as printed, side by side */
    json_t *pr = json_object();
    game_json(s, &g[1], p->stop == SC_EUM_STOP_FIXED, pr);
    json_object_set_new(o, "printed", pr);
    json_object_set_new(o, "why_they_differ",
                        why(s, &g[0], &g[1], is->scale_max - is->scale_min));
    json_array_append_new(arr, o);
    rc = effects(s, j, p, 0, rf, &g[0], o, diag);
    if (rc == SC_OK) {
        rc = effects(s, j, p, 1, rf, &g[1], pr, diag);
    }
    game_free(&g[0]);
    game_free(&g[1]);
    return rc;
}

/* BDM 1994's reading of a point of the quadrant chart from i's view. */
static const char *region(double x, double y)
{
    if (fabs(x) < 1e-12 && fabs(y) < 1e-12) {
        return "same position";
    }
    if (x > 0 && y > 0) {
        return y > x ? "conflict, j has the edge" : "conflict, i has the edge";
    }
    if (x < 0 && y > 0) {
        return y > -x ? "compromise" : "capitulation";
    }
    return x > 0 && y < 0 ? "i has the edge" : "status quo";
}

/* The actor whose view the perspective chart takes: as asked, else the first actor named by the
 * war or the triangle section, else the scenario's first actor. */
static const char *perspective_actor(const sc_scenario *s, const sc_run_opts *opts)
{
    if (opts->perspective) {
        return opts->perspective;
    }
    const char *id = sc__node_scalar(sc__node_get(sc__scenario_section(s, "war"), "a"));
    if (!id || sc_scenario_actor_index(s, id) < 0) {
        id = sc__node_scalar(
            sc__node_at(sc__node_get(sc__scenario_section(s, "triangle"), "actors"), 0));
    }
    if (!id || sc_scenario_actor_index(s, id) < 0) {
        id = sc_scenario_actor_count(s) ? sc_scenario_actor(s, 0)->id : NULL;
    }
    return id;
}

static sc_status perspective(const sc_scenario *s, const sc_eum_params *p, const char *actor,
                             json_t *out, sc_diag *diag)
{
    json_t *o = json_object();
    json_object_set_new(o, "actor", actor ? json_string(actor) : json_null());
    json_object_set_new(o, "round", json_integer(1));
    json_t *issues = json_array();
    json_object_set_new(o, "issues", issues);
    json_object_set_new(out, "perspective", o);
    long a = actor ? sc_scenario_actor_index(s, actor) : -1;
    if (a < 0) {
        json_object_set_new(o, "note", json_string("no such actor in the scenario"));
        return SC_OK;
    }
    for (size_t j = 0; j < sc_scenario_issue_count(s); j++) {
        if (!sc_scenario_stance(s, (size_t)a, j)->present) {
            continue;
        }
        json_t *io = json_object();
        json_object_set_new(io, "issue", json_string(sc_scenario_issue(s, j)->id));
        sc_eum_issue in;
        sc_diag local;
        sc_diag_init(&local);
        if (sc_eum_issue_from_scenario(s, j, &in, &local) != SC_OK) {
            if (local.code == SC_ENOMEM) {
                json_decref(io);
                return sc__diag_set(diag, SC_ENOMEM, "out of memory");
            }
            json_object_set_new(io, "note", json_string(local.message));
            json_array_append_new(issues, io);
            continue;
        }
        size_t n = in.n, me = 0;
        while (me < n && (long)in.actor[me] != a) {
            me++;
        }
        double *xs = malloc(n * sizeof *xs), *ys = malloc(n * sizeof *ys);
        sc_status rc = xs && ys ? sc_eum_quadrant(n, in.c, in.x, in.s, p, me, xs, ys, &local)
                                : SC_ENOMEM;
        if (rc == SC_ENOMEM) {
            free(xs);
            free(ys);
            sc_eum_issue_destroy(&in);
            json_decref(io);
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        if (rc != SC_OK) {
            json_object_set_new(io, "note", json_string(local.message));
        } else {
            json_t *pts = json_array();
            for (size_t i = 0; i < n; i++) {
                if (i == me) {
                    continue;
                }
                json_t *pt = json_object();
                json_object_set_new(pt, "actor", json_string(sc_scenario_actor(s, in.actor[i])->id));
                sc__json_set_number(pt, "x", xs[i]);
                sc__json_set_number(pt, "y", ys[i]);
                json_object_set_new(pt, "region", json_string(region(xs[i], ys[i])));
                json_array_append_new(pts, pt);
            }
            json_object_set_new(io, "points", pts);
        }
        json_array_append_new(issues, io);
        free(xs);
        free(ys);
        sc_eum_issue_destroy(&in);
    }
    return SC_OK;
}

sc_status sc__eum_section(const sc__section_in *in, json_t *out, sc_diag *diag)
{
    const sc_scenario *s = in->at;
    if (sc_scenario_issue_count(s) == 0) {
        json_object_set_new(out, "note", json_string("the scenario has no issues"));
        return SC_OK;
    }
    sc_eum_params p;
    sc_eum_params_init(&p);
    sc_status rc = sc_eum_params_from_scenario(s, &p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    json_object_set_new(out, "variant", json_string(sc_eum_variant_name(p.variant)));
    json_t *vs = json_array();
    json_array_append_new(vs, json_string("scholz"));
    json_array_append_new(vs, json_string("printed"));
    json_object_set_new(out, "readings", vs);
    json_object_set_new(out, "published_replication", json_string("scholz"));
    json_object_set_new(out, "rounds", json_integer(p.max_rounds));
    json_object_set_new(out, "stop", json_string("converge"));
    sc__json_set_number(out, "tolerance", p.tol);
    /* the states this one is explained against: before the events, and the scenario as given */
    refs rf = {NULL, NULL};
    sc_scenario *ref_events = NULL, *ref_variant = NULL;
    int lean = in->opts->monte_carlo; /* a draw: forecasts only, nothing explained */
    if (!lean && in->given && in->state && sc_scenario_event_count(in->given) > 0 &&
        in->state->events != SC_EVENTS_BEFORE) {
        sc_state st = *in->state;
        st.events = SC_EVENTS_BEFORE;
        st.until = NULL;
        rc = sc_scenario_at(in->given, &st, &ref_events, diag);
        rf.events = ref_events;
    }
    if (rc == SC_OK && !lean && in->given && in->state && in->state->variant) {
        sc_state st = *in->state;
        st.variant = NULL;
        rc = sc_scenario_at(in->given, &st, &ref_variant, diag);
        rf.variant = ref_variant;
    }
    json_t *arr = json_array();
    json_object_set_new(out, "issues", arr);
    for (size_t j = 0; j < sc_scenario_issue_count(s) && rc == SC_OK; j++) {
        rc = issue_row(s, j, &p, &rf, lean, arr, diag);
    }
    sc_scenario_free(ref_events);
    sc_scenario_free(ref_variant);
    /* the perspective chart is for the report, not for a Monte Carlo draw */
    if (rc == SC_OK && !lean) {
        rc = perspective(s, &p, perspective_actor(s, in->opts), out, diag);
    }
    return rc;
}

/* 1 if prev's issue rows are one per issue of s, in its order (what sc__eum_section writes). */
static int rows_match(const sc_scenario *s, const json_t *rows)
{
    size_t ni = sc_scenario_issue_count(s);
    if (!json_is_array(rows) || json_array_size(rows) != ni) {
        return 0;
    }
    for (size_t j = 0; j < ni; j++) {
        const char *id = json_string_value(json_object_get(json_array_get(rows, j), "issue"));
        if (!id || strcmp(id, sc_scenario_issue(s, j)->id) != 0) {
            return 0;
        }
    }
    return 1;
}

sc_status sc__eum_section_issues(const sc__section_in *in, const json_t *prev,
                                 const unsigned char *redo, json_t *out, sc_diag *diag)
{
    const sc_scenario *s = in->at;
    const json_t *rows = json_object_get(prev, "issues");
    /* An input that moves every issue is a capability or an `eum:` setting (sc__mc_eum_issues):
     * the settings prev carries may be the ones that moved, so the whole section is computed. */
    size_t ni = sc_scenario_issue_count(s), n_redo = 0;
    if (!in->opts->monte_carlo || ni == 0 || !rows_match(s, rows)) {
        return sc__eum_section(in, out, diag);
    }
    for (size_t j = 0; j < ni; j++) {
        n_redo += redo[j] != 0;
    }
    if (n_redo == ni) {
        return sc__eum_section(in, out, diag);
    }
    sc_eum_params p;
    sc_eum_params_init(&p);
    sc_status rc = sc_eum_params_from_scenario(s, &p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    /* prev's keys in their order (the settings: the same, as only stances moved), its issue rows
     * replaced where they are played again */
    refs rf = {NULL, NULL};
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)(uintptr_t)prev, key, v) {
        if (strcmp(key, "issues") != 0) {
            json_object_set(out, key, v);
            continue;
        }
        json_t *arr = json_array();
        json_object_set_new(out, "issues", arr);
        for (size_t j = 0; j < json_array_size(rows) && rc == SC_OK; j++) {
            if (redo[j]) {
                rc = issue_row(s, j, &p, &rf, 1, arr, diag);
            } else {
                json_array_append(arr, json_array_get(rows, j));
            }
        }
    }
    return rc;
}

/* A forecast as a headline answer: rounding noise (a cycle's mean of 0 and 1e-16 steps) below
 * 1e-9 of the scale is 0, so that the changes read "1.222 -> 0", not "-> 4.689e-11". */
double sc__eum_snap(double v, double span)
{
    return fabs(v) < 1e-9 * span ? 0 : v;
}

void sc__eum_answers(const json_t *content, json_t *out)
{
    size_t k;
    json_t *o;
    json_array_foreach(json_object_get(content, "issues"), k, o) {
        json_t *f = json_object_get(o, "forecast");
        if (!json_is_number(f)) {
            continue;
        }
        json_t *scale = json_object_get(o, "scale");
        double span = json_number_value(json_array_get(scale, 1)) -
                      json_number_value(json_array_get(scale, 0));
        const char *issue = json_string_value(json_object_get(o, "issue"));
        char key[160];
        snprintf(key, sizeof key, "%s forecast", issue);
        sc__answer_number(out, key, sc__eum_snap(json_number_value(f), span), 0.01 * span);
        json_t *pf = json_object_get(json_object_get(o, "printed"), "forecast");
        if (json_is_number(pf)) {
            snprintf(key, sizeof key, "%s forecast (printed)", issue);
            sc__answer_number(out, key, sc__eum_snap(json_number_value(pf), span), 0.01 * span);
        }
    }
}
