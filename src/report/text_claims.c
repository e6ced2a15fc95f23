/* SPDX-License-Identifier: MIT */
/*
 * Text renderer of the claims section: each claim's verdict in words per state (holds, fails,
 * uncertain) with the probability and its interval after a Monte Carlo, else at the point values;
 * how often the simulation noise changed the verdict; then the inputs that decide it as a
 * tornado table; then the headline numbers' quantiles or
 * outcome frequencies with what moves them most.
 */
#include <math.h>
#include <string.h>

#include "report/text.h"

/* Rows of the tornado table and of a headline's drivers. */
#define TORNADO_ROWS 8
#define BAR_WIDTH 24

/* Inputs whose total effect is above zero (the list is sorted, largest first). */
static size_t moving(const json_t *sens)
{
    size_t n = 0;
    while (n < json_array_size(sens) && sc__num(json_array_get(sens, n), "total") > 0) {
        n++;
    }
    return n;
}

static void tornado(scx_buf *out, const json_t *res, const char *state)
{
    const json_t *sens = json_object_get(res, "sensitivity");
    const char *note = sc__str(res, "sensitivity_note", NULL);
    size_t rows = moving(sens);
    if (json_array_size(sens) && rows == 0) {
        scx_buf_printf(out, "   What decides it%s%s: no input moved it in the sensitivity rows.\n",
                       state ? " in " : "", state ? state : "");
        return;
    }
    if (json_array_size(sens) == 0) {
        if (note && strstr(note, "no sensitivity design") == NULL) {
            scx_buf_printf(out, "   What decides it%s%s: nothing here (%s).\n", state ? " in " : "",
                           state ? state : "", note);
        }
        return;
    }
    scx_buf_printf(out, "   What decides it%s%s (Sobol indices, largest total effect first):\n",
                   state ? " in " : "", state ? state : "");
    scx_buf_printf(out, "     %-34s %-*s %6s  %-17s %6s\n", "input", BAR_WIDTH, "total effect",
                   "", "95% interval", "first");
    size_t k;
    json_t *e;
    json_array_foreach(sens, k, e) {
        if (k >= rows) {
            break;
        }
        if (k >= TORNADO_ROWS) {
            scx_buf_printf(out, "     ... and %zu more inputs (JSON: sensitivity)\n",
                           rows - TORNADO_ROWS);
            break;
        }
        double t = sc__num(e, "total");
        const json_t *ci = json_object_get(e, "total_ci95");
        scx_buf_puts(out, "     ");
        sc__put_padded(out, sc__str(e, "input", ""), 34);
        scx_buf_puts(out, " ");
        int bar = isfinite(t) ? (int)lround(fmax(0, fmin(1, t)) * BAR_WIDTH) : 0;
        for (int i = 0; i < BAR_WIDTH; i++) {
            scx_buf_puts(out, i < bar ? "#" : " ");
        }
        sc__put_num(out, "%.3f", 7, t);
        scx_buf_puts(out, "  [");
        sc__put_num(out, "%.3f", 6, json_number_value(json_array_get(ci, 0)));
        scx_buf_puts(out, ",");
        sc__put_num(out, "%.3f", 6, json_number_value(json_array_get(ci, 1)));
        scx_buf_puts(out, "]");
        sc__put_num(out, "%.3f", 8, sc__num(e, "first_order"));
        scx_buf_puts(out, "\n");
    }
}

static void verdict_row(scx_buf *out, const char *state, const json_t *res, const json_t *at)
{
    scx_buf_puts(out, "   ");
    sc__put_padded(out, state, 16);
    const json_t *ci = json_object_get(res, "ci95");
    if (res && json_is_number(json_object_get(res, "p_holds"))) {
        scx_buf_printf(out, " %-10s", sc__str(res, "verdict", ""));
        sc__put_num(out, "%.4f", 9, sc__num(res, "p_holds"));
        scx_buf_puts(out, "   [");
        sc__put_num(out, "%.4f", 6, json_number_value(json_array_get(ci, 0)));
        scx_buf_puts(out, ", ");
        sc__put_num(out, "%.4f", 6, json_number_value(json_array_get(ci, 1)));
        scx_buf_puts(out, "]");
        sc__put_num(out, "%.4f", 8, sc__num(res, "se"));
        sc__put_num(out, "%.0f", 8, sc__num(res, "draws"));
        scx_buf_puts(out, "   ");
    } else {
        scx_buf_puts(out, " ");
    }
    scx_buf_printf(out, "%s\n", json_is_true(at) ? "holds" : json_is_false(at) ? "fails" : "-");
}

/* The model-noise check of a claim in a state (result member `model_noise`), if it has one. */
static void noise_line(scx_buf *out, const json_t *res, const char *state, const json_t *m)
{
    const json_t *nz = json_object_get(res, "model_noise");
    if (!nz) {
        return;
    }
    scx_buf_puts(out, "   Model noise");
    if (state) {
        scx_buf_printf(out, " in %s", state);
    }
    const json_t *models = json_object_get(nz, "models");
    int war = 0;
    size_t i;
    json_t *name;
    json_array_foreach(models, i, name) {
        war |= json_is_string(name) && strcmp(json_string_value(name), "war") == 0;
    }
    scx_buf_puts(out, " (");
    sc__put_value(out, models);
    if (war) {
        scx_buf_printf(out, ", %.0f runs a lever", sc__num(m, "war_runs"));
    }
    scx_buf_puts(out, "): ");
    if (!(sc__num(nz, "draws_checked") > 0)) {
        scx_buf_puts(out, "no draw was judged again yet.\n");
        return;
    }
    const json_t *ci = json_object_get(nz, "change_rate_ci95");
    if (!(sc__num(nz, "changed") > 0)) {
        scx_buf_printf(out,
                       "the verdict never changed in the %.0f draws judged again on another "
                       "model stream (95%% interval of the rate 0-%.1f%%).\n",
                       sc__num(nz, "draws_checked"),
                       100 * json_number_value(json_array_get(ci, 1)));
        return;
    }
    scx_buf_printf(out,
                   "the verdict changed in %.0f of the %.0f draws judged again on another "
                   "model stream (%.1f%%, 95%% interval %.1f-%.1f%%): P(holds) is partly the "
                   "simulation's; with exact model answers it could differ by about that much, "
                   "more where few runs skew the estimates%s.\n",
                   sc__num(nz, "changed"), sc__num(nz, "draws_checked"),
                   100 * sc__num(nz, "change_rate"), 100 * json_number_value(json_array_get(ci, 0)),
                   100 * json_number_value(json_array_get(ci, 1)),
                   war ? " (raise --war-runs)" : "");
}

static void claim_text(scx_buf *out, size_t k, const json_t *c, const json_t *m)
{
    int mc = m != NULL;
    scx_buf_printf(out, "%zu. %s\n   \"%s\"\n", k + 1, sc__str(c, "id", ""), sc__str(c, "text", ""));
    if (sc__str(c, "source", NULL)) {
        scx_buf_printf(out, "   source: %s\n", sc__str(c, "source", ""));
    }
    const json_t *models = json_object_get(c, "models");
    if (!sc__str(c, "holds", NULL)) {
        scx_buf_puts(out, "   not machine-checkable: the claim has no predicate (test.holds)\n");
        return;
    }
    scx_buf_puts(out, "   tests");
    if (json_array_size(models)) {
        scx_buf_puts(out, " (");
        sc__put_value(out, models);
        scx_buf_puts(out, ")");
    }
    scx_buf_printf(out, ": %s\n", sc__str(c, "expect", "the predicate in test.holds"));
    const json_t *at = json_object_get(c, "at_point_values");
    const json_t *states = json_object_get(c, "states");
    if (mc) {
        scx_buf_printf(out, "   %-16s %-10s %9s   %-16s %8s %8s   %s\n", "state", "verdict",
                       "P(holds)", "95% interval", "se", "draws", "at point values");
    } else {
        scx_buf_printf(out, "   %-16s %s\n", "state", "at the point values");
    }
    if (states) {
        const char *st;
        json_t *res;
        json_object_foreach((json_t *)(uintptr_t)states, st, res) {
            verdict_row(out, st, res, json_object_get(at, st));
        }
        json_object_foreach((json_t *)(uintptr_t)states, st, res) {
            noise_line(out, res, st, m);
        }
        json_object_foreach((json_t *)(uintptr_t)states, st, res) {
            tornado(out, res, st);
        }
        return;
    }
    const char *st;
    json_t *v;
    json_object_foreach((json_t *)(uintptr_t)at, st, v) {
        verdict_row(out, st, mc ? c : NULL, v);
    }
    if (mc) {
        noise_line(out, c, NULL, m);
        tornado(out, c, NULL);
    }
}

static void headlines(scx_buf *out, const json_t *m)
{
    const json_t *hs = json_object_get(m, "headlines");
    scx_buf_printf(out,
                   "\nHeadline numbers under uncertainty (%s, %.0f draws; quantiles 5/50/95%%, or "
                   "the share of each outcome; then the inputs that move each most, by total "
                   "effect):\n",
                   sc__str(m, "headline_state", ""), sc__num(m, "draws"));
    size_t k;
    json_t *h;
    json_array_foreach(hs, k, h) {
        scx_buf_puts(out, "  ");
        sc__put_padded(out, sc__str(h, "model", ""), 10);
        sc__put_padded(out, sc__str(h, "answer", ""), 42);
        if (strcmp(sc__str(h, "kind", ""), "number") == 0) {
            sc__put_num(out, "%.4g", 10, sc__num(h, "q05"));
            sc__put_num(out, "%.4g", 10, sc__num(h, "q50"));
            sc__put_num(out, "%.4g", 10, sc__num(h, "q95"));
            scx_buf_printf(out, "   (point %.4g)", sc__num(h, "point"));
        } else {
            size_t i;
            json_t *f;
            json_array_foreach(json_object_get(h, "frequencies"), i, f) {
                if (i == 4) {
                    scx_buf_puts(out, ", ...");
                    break;
                }
                scx_buf_printf(out, "%s%s %.1f%%", i ? ", " : "", sc__str(f, "value", ""),
                               100 * sc__num(f, "share"));
            }
        }
        scx_buf_puts(out, "\n");
        const json_t *sens = json_object_get(h, "sensitivity");
        if (moving(sens)) {
            scx_buf_puts(out, "            moved by:");
            size_t i;
            json_t *e;
            json_array_foreach(sens, i, e) {
                if (i == 3 || i == moving(sens)) {
                    break;
                }
                scx_buf_printf(out, "%s %s %.2f", i ? "," : "", sc__str(e, "input", ""),
                               sc__num(e, "total"));
            }
            scx_buf_puts(out, "\n");
        }
    }
}

void sc__text_claims(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)views;
    (void)n;
    const json_t *claims = json_object_get(section, "claims");
    const json_t *m = json_object_get(section, "monte_carlo");
    if (json_array_size(claims) == 0) {
        scx_buf_puts(out, "The scenario records no claims.\n");
    } else if (m) {
        scx_buf_printf(out,
                       "Each claim judged in each of its states over %.0f draws of the %zu "
                       "uncertain inputs (seed %.0f):\nholds = the whole 95%% interval of "
                       "P(holds), widened by the share of verdicts the simulation noise changed "
                       "where the claim reads a simulation, lies above 0.9, fails = below 0.1, else uncertain.\n"
                       "Sensitivity: Saltelli's design with %.0f base rows, %.0f bootstrap "
                       "replicates; war estimates from %.0f runs per lever and draw.\n\n",
                       sc__num(m, "draws"), json_array_size(json_object_get(m, "inputs")),
                       sc__num(m, "seed"), sc__num(m, "sensitivity_draws"),
                       sc__num(m, "bootstrap"), sc__num(m, "war_runs"));
    } else {
        scx_buf_puts(out, "Each claim judged at the scenario's point values (run with --draws N "
                          "for probabilities under uncertainty).\n\n");
    }
    size_t k;
    json_t *c;
    json_array_foreach(claims, k, c) {
        if (k) {
            scx_buf_puts(out, "\n");
        }
        claim_text(out, k, c, m);
    }
    if (m) {
        headlines(out, m);
        if (!json_is_true(json_object_get(m, "complete"))) {
            scx_buf_printf(out, "\nIncomplete: %.0f of %.0f draws.\n", sc__num(m, "draws"),
                           sc__num(m, "draws_planned"));
        }
    }
}
