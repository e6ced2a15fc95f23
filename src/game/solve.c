/* SPDX-License-Identifier: MIT */
/* Pure-strategy equilibria (exact) and the regret check used on every reported profile. */
#include "game/game_internal.h"

#include <math.h>
#include <stdlib.h>

#include "core/diag_internal.h"

/*
 * A profile c is an equilibrium when no player gains by a unilateral pure deviation; player p's
 * deviations are the profiles c + (s' - s_p) * stride_p. Exact rational comparisons, so ties are
 * never decided by rounding. Profiles are visited in order (player 1 fastest), which is Gambit's.
 */
sc_status sc_game_enumpure(const sc_game *g, size_t **profiles, size_t *count, sc_diag *diag)
{
    *profiles = NULL;
    *count = 0;
    size_t *stride = malloc(g->n * sizeof *stride), *digit = calloc(g->n, sizeof *digit);
    size_t cap = 16, n = 0;
    size_t *out = malloc(cap * sizeof *out);
    if (!stride || !digit || !out) {
        free(stride);
        free(digit);
        free(out);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    size_t st = 1;
    for (size_t p = 0; p < g->n; p++) {
        stride[p] = st;
        st *= g->ns[p];
    }
    for (size_t c = 0; c < g->nprof; c++) {
        int nash = 1;
        for (size_t p = 0; p < g->n && nash; p++) {
            mpq_srcptr here = g->pay[c * g->n + p];
            size_t base = c - digit[p] * stride[p];
            for (size_t s = 0; s < g->ns[p] && nash; s++) {
                if (s != digit[p] && mpq_cmp(g->pay[(base + s * stride[p]) * g->n + p], here) > 0) {
                    nash = 0;
                }
            }
        }
        if (nash) {
            if (n == cap) {
                cap *= 2;
                size_t *no = realloc(out, cap * sizeof *no);
                if (!no) {
                    free(out);
                    free(stride);
                    free(digit);
                    return sc__diag_set(diag, SC_ENOMEM, "out of memory");
                }
                out = no;
            }
            out[n++] = c;
        }
        /* odometer: player 1's strategy changes fastest */
        for (size_t p = 0; p < g->n; p++) {
            if (++digit[p] < g->ns[p]) {
                break;
            }
            digit[p] = 0;
        }
    }
    free(stride);
    free(digit);
    *profiles = out;
    *count = n;
    return SC_OK;
}

sc_status sc_game_regret(const sc_game *g, const double *profile, double *regret, sc_diag *diag)
{
    size_t n = g->n, tot = 0;
    for (size_t p = 0; p < n; p++) {
        tot += g->ns[p];
    }
    double *value = calloc(tot, sizeof *value); /* payoff of each pure strategy vs the others */
    size_t *off = malloc(n * sizeof *off), *digit = calloc(n, sizeof *digit);
    double *eu = calloc(n, sizeof *eu);
    if (!value || !off || !digit || !eu) {
        free(value);
        free(off);
        free(digit);
        free(eu);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    size_t o = 0;
    for (size_t p = 0; p < n; p++) {
        off[p] = o;
        o += g->ns[p];
    }
    for (size_t c = 0; c < g->nprof; c++) {
        double all = 1;
        for (size_t p = 0; p < n; p++) {
            all *= profile[off[p] + digit[p]];
        }
        for (size_t p = 0; p < n; p++) {
            /* probability of the others' part of this profile */
            double others = 1;
            for (size_t q = 0; q < n; q++) {
                if (q != p) {
                    others *= profile[off[q] + digit[q]];
                }
            }
            double u = g->dpay[c * n + p];
            value[off[p] + digit[p]] += others * u;
            eu[p] += all * u;
        }
        for (size_t p = 0; p < n; p++) {
            if (++digit[p] < g->ns[p]) {
                break;
            }
            digit[p] = 0;
        }
    }
    for (size_t p = 0; p < n; p++) {
        double best = -HUGE_VAL;
        for (size_t s = 0; s < g->ns[p]; s++) {
            best = value[off[p] + s] > best ? value[off[p] + s] : best;
        }
        regret[p] = best - eu[p];
    }
    free(value);
    free(off);
    free(digit);
    free(eu);
    return SC_OK;
}

/* The enumpure method: every pure equilibrium as a 0/1 profile, exact. */
sc_status sc__game_enumpure(const sc_game *g, const sc_game_solve_options *o,
                            sc_game_solution *sol, sc_diag *diag)
{
    (void)o;
    size_t *prof, count;
    sc_status rc = sc_game_enumpure(g, &prof, &count, diag);
    if (rc != SC_OK) {
        return rc;
    }
    size_t w = sol->width;
    mpq_t *row = malloc(w * sizeof *row);
    if (!row) {
        free(prof);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (size_t j = 0; j < w; j++) {
        mpq_init(row[j]);
    }
    for (size_t k = 0; k < count && rc == SC_OK; k++) {
        size_t c = prof[k], off = 0;
        for (size_t p = 0; p < g->n; p++) {
            size_t s = c % g->ns[p];
            c /= g->ns[p];
            for (size_t j = 0; j < g->ns[p]; j++) {
                mpq_set_ui(row[off + j], j == s, 1);
            }
            off += g->ns[p];
        }
        rc = sc__sol_push_q(sol, row, diag);
    }
    for (size_t j = 0; j < w; j++) {
        mpq_clear(row[j]);
    }
    free(row);
    free(prof);
    return rc;
}
