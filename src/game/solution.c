/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
/*
 * A solver's answer: the reported profiles (exact or double), components and logit path, the
 * method registry and dispatch, and Gambit's output format. Solvers only append here; every
 * printing and checking decision lives in this one file so all methods print alike.
 */
#include "game/game_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/diag_internal.h"
#include "scx/scx.h"

static const char *const method_names[] = {"enumpure", "enummixed", "lcp", "logit", "simpdiv", "lp",
                                           "spe",      "gnm",       "ipa", "liap",  "enumpoly"};
#define N_METHODS (sizeof method_names / sizeof method_names[0])

const char *sc_game_method_name(sc_game_method m)
{
    return (size_t)m < N_METHODS ? method_names[m] : NULL;
}

sc_status sc_game_method_parse(const char *name, sc_game_method *out, sc_diag *diag)
{
    for (size_t i = 0; i < N_METHODS; i++) {
        if (strcmp(name, method_names[i]) == 0) {
            *out = (sc_game_method)i;
            return SC_OK;
        }
    }
    const char *near = sc__suggest(name, method_names, N_METHODS);
    return sc__diag_set(diag, SC_ENOTFOUND,
                        "unknown method '%s'%s%s%s (methods: enumpure, enummixed, lcp, logit, "
                        "simpdiv, lp, spe, gnm, ipa, liap, enumpoly)",
                        name, near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
}

void sc_game_solve_options_init(sc_game_solve_options *o)
{
    memset(o, 0, sizeof *o);
    o->method = SC_GAME_ENUMPURE;
    o->max_depth = -1;
}

double sc__game_now(void)
{
    /* CPU time of the solving thread, not wall time: a limit then stops after the same work
       whether the machine is idle or shared, so results (and tests) do not depend on the load. */
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
    }
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int sc__game_stop(const sc_game_solve_options *o, double t0)
{
    if (o->cancel && *o->cancel) {
        return 1;
    }
    return o->time_limit > 0 && sc__game_now() - t0 > o->time_limit;
}

sc_status sc__game_stopped(const sc_game_solve_options *o, const char *method, sc_diag *diag)
{
    if (o->cancel && *o->cancel) {
        return sc__diag_set(diag, SC_ELIMIT, "%s: interrupted", method);
    }
    return sc__diag_set(diag, SC_ELIMIT, "%s: time limit of %g s reached", method, o->time_limit);
}

size_t sc__game_width(const sc_game *g)
{
    size_t w = 0;
    for (size_t p = 0; p < g->n; p++) {
        w += g->ns[p];
    }
    return w;
}

sc_status sc__sol_new_width(size_t width, sc_game_method m, int exact, sc_game_solution **out,
                            sc_diag *diag)
{
    sc_game_solution *s = calloc(1, sizeof *s);
    if (!s) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    s->method = m;
    s->width = width;
    s->exact = exact;
    *out = s;
    return SC_OK;
}

sc_status sc__sol_new(const sc_game *g, sc_game_method m, int exact, sc_game_solution **out,
                      sc_diag *diag)
{
    return sc__sol_new_width(sc__game_width(g), m, exact, out, diag);
}

int sc_game_solution_behaviour(const sc_game_solution *s)
{
    return s->behaviour;
}

/*
 * Bytes one entry of a stored profile may cost (an exact rational with its limbs and a double,
 * about 100) with room for the game itself: game and solutions each stay under half the budget.
 */
#define BYTES_PER_SOLUTION_ENTRY 256

/* Makes room for one more profile, within the memory budget. */
static sc_status grow(sc_game_solution *s, sc_diag *diag)
{
    if (s->count < s->cap) {
        return SC_OK;
    }
    size_t max = sc_memory_budget_get() / BYTES_PER_SOLUTION_ENTRY / (s->width ? s->width : 1);
    if (s->count >= max) {
        /* sc_game_solve keeps what was found, as when the time runs out */
        return sc__diag_set(diag, SC_ELIMIT,
                            "stopped after %zu profiles: more do not fit the memory budget of "
                            "%zu MiB (--max-memory)",
                            s->count, sc_memory_budget_get() >> 20);
    }
    size_t cap = s->cap ? 2 * s->cap : 16;
    cap = cap > max ? max : cap;
    double *d = realloc(s->d, cap * s->width * sizeof *d);
    if (!d) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    s->d = d;
    if (s->exact) {
        mpq_t *q = realloc(s->q, cap * s->width * sizeof *q);
        if (!q) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        s->q = q;
        if (s->inexact) {
            unsigned char *f = realloc(s->inexact, cap);
            if (!f) {
                return sc__diag_set(diag, SC_ENOMEM, "out of memory");
            }
            s->inexact = f;
        }
    }
    s->cap = cap;
    return SC_OK;
}

/* Appends one profile given exactly (q) or as doubles (d); the other form is derived. */
static sc_status push_row(sc_game_solution *s, mpq_t *q, const double *d, sc_diag *diag)
{
    sc_status rc = grow(s, diag);
    if (rc != SC_OK) {
        return rc;
    }
    size_t base = s->count * s->width;
    for (size_t j = 0; j < s->width; j++) {
        if (s->exact) {
            mpq_init(s->q[base + j]);
            if (q) {
                mpq_set(s->q[base + j], q[j]);
            } else {
                mpq_set_d(s->q[base + j], d[j]);
            }
        }
        s->d[base + j] = q ? mpq_get_d(q[j]) : d[j];
    }
    if (s->inexact) {
        s->inexact[s->count] = 0;
    }
    s->count++;
    if (s->progress) {
        s->progress(s->count, 0, s->progress_ctx);
    }
    return SC_OK;
}

sc_status sc__sol_push_inexact(sc_game_solution *s, const double *p, sc_diag *diag)
{
    if (s->exact && !s->inexact) {
        unsigned char *f = calloc(s->cap ? s->cap : 1, 1);
        if (!f) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        s->inexact = f;
    }
    sc_status rc = push_row(s, NULL, p, diag);
    if (rc == SC_OK && s->inexact) {
        s->inexact[s->count - 1] = 1;
    }
    return rc;
}

sc_status sc__sol_note(sc_game_solution *s, int kind, const char *text, sc_diag *diag)
{
    if (s->nnotes == s->notes_cap) {
        size_t cap = s->notes_cap ? 2 * s->notes_cap : 64;
        struct sc__sol_note *nn = realloc(s->notes, cap * sizeof *nn);
        if (!nn) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        s->notes = nn;
        s->notes_cap = cap;
    }
    char *t = strdup(text);
    if (!t) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    s->notes[s->nnotes].kind = kind;
    s->notes[s->nnotes].before = s->count;
    s->notes[s->nnotes].text = t;
    s->nnotes++;
    return SC_OK;
}

/* 1 if row i of s is held exactly. */
static int row_exact(const sc_game_solution *s, size_t i)
{
    return s->exact && i < s->count && !(s->inexact && s->inexact[i]);
}

int sc_game_solution_profile_exact(const sc_game_solution *s, size_t i)
{
    return row_exact(s, i);
}

size_t sc_game_solution_singular(const sc_game_solution *s)
{
    return s->singular;
}

sc_status sc__sol_push_q(sc_game_solution *s, mpq_t *p, sc_diag *diag)
{
    return push_row(s, p, NULL, diag);
}

sc_status sc__sol_push_d(sc_game_solution *s, const double *p, sc_diag *diag)
{
    return push_row(s, NULL, p, diag);
}

sc_status sc__sol_add_component(sc_game_solution *s, const size_t *members, size_t k, sc_diag *diag)
{
    size_t used = s->ncomp ? s->comp_start[s->ncomp] : 0;
    size_t *start = realloc(s->comp_start, (s->ncomp + 2) * sizeof *start);
    if (!start) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    s->comp_start = start;
    if (used + k > s->comp_cap) {
        size_t cap = 2 * (used + k) + 16;
        size_t *m = realloc(s->comp_member, cap * sizeof *m);
        if (!m) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        s->comp_member = m;
        s->comp_cap = cap;
    }
    memcpy(s->comp_member + used, members, k * sizeof *members);
    s->comp_start[s->ncomp] = used;
    s->comp_start[s->ncomp + 1] = used + k;
    s->ncomp++;
    return SC_OK;
}

sc_status sc__sol_push_path(sc_game_solution *s, double lambda, const double *p, sc_diag *diag)
{
    if (s->npath == s->path_cap) {
        size_t cap = s->path_cap ? 2 * s->path_cap : 64;
        double *np = realloc(s->path, cap * (1 + s->width) * sizeof *np);
        if (!np) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        s->path = np;
        s->path_cap = cap;
    }
    double *row = s->path + s->npath * (1 + s->width);
    row[0] = lambda;
    memcpy(row + 1, p, s->width * sizeof *p);
    s->npath++;
    return SC_OK;
}

void sc_game_solution_free(sc_game_solution *s)
{
    if (!s) {
        return;
    }
    if (s->exact && s->q) {
        for (size_t i = 0; i < s->count * s->width; i++) {
            mpq_clear(s->q[i]);
        }
    }
    free(s->q);
    free(s->inexact);
    for (size_t k = 0; k < s->nnotes; k++) {
        free(s->notes[k].text);
    }
    free(s->notes);
    free(s->d);
    free(s->comp_start);
    free(s->comp_member);
    free(s->path);
    free(s);
}

size_t sc_game_solution_count(const sc_game_solution *s)
{
    return s->count;
}
size_t sc_game_solution_width(const sc_game_solution *s)
{
    return s->width;
}
int sc_game_solution_exact(const sc_game_solution *s)
{
    return s->exact;
}

const double *sc_game_solution_profile(const sc_game_solution *s, size_t i)
{
    return i < s->count ? s->d + i * s->width : NULL;
}

void sc_game_solution_text(const sc_game_solution *s, size_t i, size_t j, char *buf, size_t n)
{
    if (n == 0) {
        return;
    }
    buf[0] = '\0';
    if (!row_exact(s, i) || j >= s->width) {
        return;
    }
    gmp_snprintf(buf, n, "%Qd", s->q[i * s->width + j]);
}

/* The spread of all payoffs; regrets are reported relative to it, as Gambit's maxregret is. */
static double payoff_range(const sc_game *g)
{
    double lo, hi;
    sc_game_payoff_bounds(g, &lo, &hi);
    return hi > lo ? hi - lo : 1.0;
}

double sc_game_solution_max_regret(const sc_game *g, const sc_game_solution *s)
{
    double worst = 0, range = payoff_range(g);
    double *regret = malloc((g->n ? g->n : 1) * sizeof *regret);
    if (!regret) {
        return HUGE_VAL;
    }
    for (size_t i = 0; i < s->count; i++) {
        if (sc_game_regret(g, s->d + i * s->width, regret, NULL) != SC_OK) {
            worst = HUGE_VAL;
            break;
        }
        for (size_t p = 0; p < g->n; p++) {
            worst = regret[p] / range > worst ? regret[p] / range : worst;
        }
    }
    free(regret);
    return worst;
}

int sc_game_solution_exact_check(const sc_game *g, const sc_game_solution *s, size_t i,
                                 double *relative_regret)
{
    if (relative_regret) {
        *relative_regret = -1;
    }
    if (!row_exact(s, i) || s->width != sc__game_width(g)) {
        return -1;
    }
    return sc__game_exact_nash(g, s->q + i * s->width, relative_regret);
}

int sc__game_exact_nash(const sc_game *g, mpq_t *prof, double *relative_regret)
{
    if (relative_regret) {
        *relative_regret = -1;
    }
    size_t width = sc__game_width(g);
    size_t n = g->n, *off = malloc((n + 1) * sizeof *off), *digit = calloc(n, sizeof *digit);
    mpq_t *value = malloc(width * sizeof *value); /* each pure strategy vs the others' mix */
    if (!off || !digit || !value) {
        free(off);
        free(digit);
        free(value);
        return -1;
    }
    mpq_t sum, term, lo, hi, worst, best, mine;
    mpq_inits(sum, term, lo, hi, worst, best, mine, NULL);
    off[0] = 0;
    int probabilities = 1;
    for (size_t p = 0; p < n; p++) {
        off[p + 1] = off[p] + g->ns[p];
        mpq_set_ui(sum, 0, 1);
        for (size_t k = off[p]; k < off[p + 1]; k++) {
            probabilities &= mpq_sgn(prof[k]) >= 0;
            mpq_add(sum, sum, prof[k]);
        }
        probabilities &= mpq_cmp_ui(sum, 1, 1) == 0;
    }
    for (size_t k = 0; k < width; k++) {
        mpq_init(value[k]);
    }
    /* one pass over the profiles: each player's pure-strategy values, and the payoff range */
    for (size_t c = 0; c < g->nprof; c++) {
        for (size_t p = 0; p < n; p++) {
            mpq_srcptr u = g->pay[c * n + p];
            if (c == 0 && p == 0) {
                mpq_set(lo, u);
                mpq_set(hi, u);
            } else if (mpq_cmp(u, lo) < 0) {
                mpq_set(lo, u);
            } else if (mpq_cmp(u, hi) > 0) {
                mpq_set(hi, u);
            }
            mpq_set_ui(term, 1, 1);
            for (size_t q = 0; q < n && mpq_sgn(term) != 0; q++) {
                if (q != p) {
                    mpq_mul(term, term, prof[off[q] + digit[q]]);
                }
            }
            if (mpq_sgn(term) != 0) {
                mpq_mul(term, term, u);
                mpq_add(value[off[p] + digit[p]], value[off[p] + digit[p]], term);
            }
        }
        for (size_t p = 0; p < n && ++digit[p] == g->ns[p]; p++) {
            digit[p] = 0;
        }
    }
    mpq_set_ui(worst, 0, 1);
    for (size_t p = 0; p < n; p++) {
        mpq_set_ui(mine, 0, 1);
        for (size_t k = off[p]; k < off[p + 1]; k++) {
            if (k == off[p] || mpq_cmp(value[k], best) > 0) {
                mpq_set(best, value[k]);
            }
            mpq_mul(term, value[k], prof[k]);
            mpq_add(mine, mine, term);
        }
        mpq_sub(best, best, mine);
        if (mpq_cmp(best, worst) > 0) {
            mpq_set(worst, best);
        }
    }
    int nash = probabilities && mpq_sgn(worst) == 0;
    if (relative_regret && probabilities) {
        mpq_sub(hi, hi, lo);
        if (mpq_sgn(hi) > 0) {
            mpq_div(worst, worst, hi);
        }
        *relative_regret = mpq_get_d(worst);
    }
    for (size_t k = 0; k < width; k++) {
        mpq_clear(value[k]);
    }
    mpq_clears(sum, term, lo, hi, worst, best, mine, NULL);
    free(off);
    free(digit);
    free(value);
    return nash;
}

/* One entry the way Gambit prints it. */
static void put_entry(const sc_game_solution *s, size_t row, size_t j, int decimals, scx_buf *out)
{
    double v = s->d[row * s->width + j];
    if (decimals >= 0) {
        scx_buf_printf(out, ",%.*f", decimals, v);
    } else if (row_exact(s, row) && s->method != SC_GAME_ENUMPOLY) {
        /* enumpoly prints fixed decimals as gambit-enumpoly does, exact or not */
        char *t = mpq_get_str(NULL, 10, s->q[row * s->width + j]);
        if (t) {
            scx_buf_printf(out, ",%s", t);
            void (*gmp_free)(void *, size_t);
            mp_get_memory_functions(NULL, NULL, &gmp_free);
            gmp_free(t, strlen(t) + 1);
        }
    } else if (s->method == SC_GAME_LOGIT) {
        scx_buf_printf(out, ",%.6g", v); /* std::setprecision(6), default float format */
    } else {
        scx_buf_printf(out, ",%.6f", v);
    }
}

sc_status sc_game_solution_format(const sc_game_solution *s, int decimals, char **text, size_t *len,
                                  sc_diag *diag)
{
    scx_buf b;
    scx_buf_init(&b);
    scx_buf *out = &b;
    for (size_t k = 0; k < s->npath; k++) {
        const double *row = s->path + k * (1 + s->width);
        scx_buf_printf(out, "%.6f", row[0]);
        for (size_t j = 0; j < s->width; j++) {
            if (decimals >= 0) {
                scx_buf_printf(out, ",%.*f", decimals, row[1 + j]);
            } else {
                scx_buf_printf(out, ",%.6g", row[1 + j]);
            }
        }
        scx_buf_puts(out, "\n");
    }
    size_t note = 0;
    for (size_t i = 0; i <= s->count; i++) {
        /* enumpoly -v: each support's lines before the equilibria found after it */
        for (; note < s->nnotes && s->notes[note].before <= i; note++) {
            scx_buf_printf(out, "%s,%s\n",
                           s->notes[note].kind == SC__SOL_NOTE_SINGULAR ? "singular" : "candidate",
                           s->notes[note].text);
        }
        if (i == s->count) {
            break;
        }
        scx_buf_puts(out, "NE");
        for (size_t j = 0; j < s->width; j++) {
            put_entry(s, i, j, decimals, out);
        }
        scx_buf_puts(out, "\n");
    }
    for (size_t c = 0; c < s->ncomp; c++) {
        for (size_t m = s->comp_start[c]; m < s->comp_start[c + 1]; m++) {
            scx_buf_printf(out, "convex-%zu", c + 1);
            for (size_t j = 0; j < s->width; j++) {
                put_entry(s, s->comp_member[m], j, decimals, out);
            }
            scx_buf_puts(out, "\n");
        }
    }
    return scx_buf_take(&b, text, len, diag);
}

/* Gambit's number text: exact rational, or fixed decimals (6 for a float method by default). */
static void put_number(scx_buf *out, int width, int exact, mpq_srcptr q, double d, int decimals)
{
    char text[128];
    if (exact && decimals < 0) {
        char *t = mpq_get_str(NULL, 10, q);
        if (!t) {
            return;
        }
        scx_buf_printf(out, "%*s", width, t);
        void (*gmp_free)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &gmp_free);
        gmp_free(t, strlen(t) + 1);
        return;
    }
    scx_snprintf_c(text, sizeof text, "%.*f", decimals < 0 ? 6 : decimals, d);
    scx_buf_printf(out, "%*s", width, text);
}

sc_status sc_game_solution_format_detail(const sc_game *g, const sc_game_solution *s, int decimals,
                                         char **text, size_t *len, sc_diag *diag)
{
    if (s->behaviour) {
        return sc__diag_set(diag, SC_EUNSUPPORTED,
                            "the detail table (-D) shows mixed strategy profiles: solve the "
                            "reduced strategic form (-S) for it");
    }
    if (s->width != sc__game_width(g)) {
        return sc__diag_set(diag, SC_EINVAL, "the solution is not one of this game");
    }
    size_t n = g->n, w = s->width;
    size_t *off = malloc((n + 1) * sizeof *off), *digit = malloc(n * sizeof *digit);
    mpq_t *value = malloc(w * sizeof *value);
    double *dvalue = malloc(w * sizeof *dvalue);
    if (!off || !digit || !value || !dvalue) {
        free(off);
        free(digit);
        free(value);
        free(dvalue);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    off[0] = 0;
    for (size_t p = 0; p < n; p++) {
        off[p + 1] = off[p] + g->ns[p];
    }
    for (size_t k = 0; k < w; k++) {
        mpq_init(value[k]);
    }
    mpq_t term;
    mpq_init(term);
    scx_buf b;
    scx_buf_init(&b);
    for (size_t i = 0; i < s->count; i++) {
        const mpq_t *qp = row_exact(s, i) ? (const mpq_t *)s->q + i * w : NULL;
        const double *dp = s->d + i * w;
        /* Value: each pure strategy's payoff against the others' mixed strategies, exactly for
           an exact solution (Gambit's GetPayoff(strategy)) */
        for (size_t k = 0; k < w; k++) {
            mpq_set_ui(value[k], 0, 1);
            dvalue[k] = 0;
        }
        memset(digit, 0, n * sizeof *digit);
        for (size_t c = 0; c < g->nprof; c++) {
            for (size_t p = 0; p < n; p++) {
                size_t k = off[p] + digit[p];
                if (qp) {
                    mpq_set(term, g->pay[c * n + p]);
                    for (size_t r = 0; r < n && mpq_sgn(term) != 0; r++) {
                        if (r != p) {
                            mpq_mul(term, term, qp[off[r] + digit[r]]);
                        }
                    }
                    mpq_add(value[k], value[k], term);
                } else {
                    double t = g->dpay[c * n + p];
                    for (size_t r = 0; r < n; r++) {
                        t *= r != p ? dp[off[r] + digit[r]] : 1.0;
                    }
                    dvalue[k] += t;
                }
            }
            for (size_t p = 0; p < n && ++digit[p] == g->ns[p]; p++) {
                digit[p] = 0;
            }
        }
        for (size_t p = 0; p < n; p++) {
            scx_buf_printf(&b,
                           "Strategy profile for player %zu:\n"
                           "Strategy   Prob          Value\n"
                           "--------   -----------   -----------\n",
                           p + 1);
            for (size_t j = 0; j < g->ns[p]; j++) {
                size_t k = off[p] + j;
                const char *label = g->label[p][j];
                if (label && *label) {
                    scx_buf_printf(&b, "%8s    ", label);
                } else {
                    scx_buf_printf(&b, "%8zu    ", j + 1);
                }
                put_number(&b, 10, qp != NULL, qp ? qp[k] : NULL, dp[k], decimals);
                scx_buf_puts(&b, "   ");
                put_number(&b, 11, qp != NULL, value[k], qp ? mpq_get_d(value[k]) : dvalue[k],
                           decimals);
                scx_buf_puts(&b, "\n");
            }
        }
    }
    mpq_clear(term);
    for (size_t k = 0; k < w; k++) {
        mpq_clear(value[k]);
    }
    free(off);
    free(digit);
    free(value);
    free(dvalue);
    return scx_buf_take(&b, text, len, diag);
}

/*
 * Runs the method on *solp under a GNU MP allocation guard. When GMP runs out of memory inside
 * the solver, the solution is freed, *solp set to NULL and SC_ENOMEM returned: its rows are
 * whole (a row is counted once complete), so it can be freed, but the solver's own workspace
 * cannot be reached from here and is lost (GMP offers no way to unwind).
 */
static sc_status run_method(const sc_game *g, const sc_game_solve_options *o,
                            sc_game_solution **solp, sc_diag *diag)
{
    sc_game_solution *sol = *solp;
    sc__gmp_region region;
    if (SC__GMP_TRY(&region)) {
        const char *name = sc_game_method_name(o->method);
        sc_game_solution_free(sol);
        *solp = NULL;
        return sc__diag_set(diag, SC_ENOMEM,
                            "out of memory in exact arithmetic (GNU MP) while solving with %s",
                            name);
    }
    sc_status rc = SC_OK;
    switch (o->method) {
    case SC_GAME_ENUMPURE:
        rc = sc__game_enumpure(g, o, sol, diag);
        break;
    case SC_GAME_ENUMMIXED:
        rc = sc__game_enummixed(g, o, sol, diag);
        break;
    case SC_GAME_LCP:
        rc = sc__game_lcp(g, o, sol, diag);
        break;
    case SC_GAME_LOGIT:
        rc = sc__game_logit(g, o, sol, diag);
        break;
    case SC_GAME_SIMPDIV:
        rc = sc__game_simpdiv(g, o, sol, diag);
        break;
    case SC_GAME_LP:
        rc = sc__game_lp(g, o, sol, diag);
        break;
    case SC_GAME_SPE:
        break; /* refused by sc_game_solve */
    case SC_GAME_GNM:
        rc = sc__game_gnm(g, o, sol, diag);
        break;
    case SC_GAME_IPA:
        rc = sc__game_ipa(g, o, sol, diag);
        break;
    case SC_GAME_LIAP:
        rc = sc__game_liap(g, o, sol, diag);
        break;
    case SC_GAME_ENUMPOLY:
        rc = sc__game_enumpoly(g, o, sol, diag);
        break;
    }
    sc__gmp_end(&region);
    return rc;
}

sc_status sc_game_solve(const sc_game *g, const sc_game_solve_options *o, sc_game_solution **out,
                        sc_diag *diag)
{
    sc_game_solve_options defaults;
    if (!o) {
        sc_game_solve_options_init(&defaults);
        o = &defaults;
    }
    *out = NULL;
    const char *name = sc_game_method_name(o->method);
    if (!name) {
        return sc__diag_set(diag, SC_EINVAL, "unknown solution method %d", (int)o->method);
    }
    if (o->method == SC_GAME_SPE) {
        return sc__diag_set(diag, SC_EUNSUPPORTED,
                            "method spe (backward induction) needs a game tree (.efg); a "
                            "strategic-form game has no moves in sequence");
    }
    int two_player =
        o->method == SC_GAME_ENUMMIXED || o->method == SC_GAME_LCP || o->method == SC_GAME_LP;
    if (two_player && g->n != 2) {
        return sc__diag_set(diag, SC_EUNSUPPORTED,
                            "method %s is only valid for two-player games (this one has %zu)", name,
                            g->n);
    }
    if (!(o->max_regret >= 0) || o->time_limit < 0) {
        return sc__diag_set(diag, SC_EINVAL, "max_regret and time_limit must be >= 0");
    }
    int exact = o->method == SC_GAME_ENUMPURE || o->method == SC_GAME_ENUMMIXED ||
                o->method == SC_GAME_LCP || o->method == SC_GAME_SIMPDIV ||
                o->method == SC_GAME_LP || o->method == SC_GAME_ENUMPOLY;
    sc_game_solution *sol = NULL;
    sc_status rc = sc__sol_new(g, o->method, exact, &sol, diag);
    if (rc != SC_OK) {
        return rc;
    }
    sol->progress = o->progress;
    sol->progress_ctx = o->progress_ctx;
    rc = run_method(g, o, &sol, diag);
    if (!sol) {
        return rc; /* GNU MP ran out of memory; run_method freed the solution */
    }
    if (rc != SC_OK && !(rc == SC_ELIMIT && sol->count > 0)) {
        sc_game_solution_free(sol);
        return rc;
    }
    *out = sol; /* on SC_ELIMIT: what was found before the time ran out */
    return rc;
}
