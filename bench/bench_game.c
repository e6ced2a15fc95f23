/* SPDX-License-Identifier: MIT */
/*
 * Game solving against Gambit's own timings (shared/reference/gambit/expected/summary.csv and
 * perf.csv): for each method, the games Gambit took longest on, timed here from reading the
 * .nfg file to the formatted NE lines, in CPU seconds on both sides (Gambit's figure is a whole
 * process run, so startup is included there and not here: on games Gambit solves in ~0.03 s the
 * ratio is mostly that). Each row also says whether statecraft's set of NE lines equals
 * Gambit's; after each method a summary line: games timed, those where statecraft is slower,
 * the smallest ratio.
 *
 * usage: bench_game [--quick] [--method M] [--top N | --all] [--limit S] [--finished]
 *   --all    every game of the collection (default: the 12 Gambit took longest on)
 *   --quick  two small games per method (the suite checks that the benchmark runs)
 *   --limit  seconds allowed per game (default 30; statecraft's time_limit option)
 *   --finished  only the games Gambit finished (no lower-bound ratios)
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scx/scx.h"
#include "statecraft/game.h"

#define GAMBIT SC_SHARED_DIR "/reference/gambit/"

typedef struct row {
    char game[160];
    double gambit_s;
    char status[32];
} row;

/* CPU seconds of this process: compared with Gambit's CPU seconds (summary.csv cpu_seconds,
   perf.csv cpu_s), so a loaded machine does not bias the ratio. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Gambit's clean timing from perf.csv when it has one (median of repeats, 300 s cap). */
static int perf_time(const char *game, const char *tool, double *s, char *status, size_t n)
{
    FILE *fp = fopen(GAMBIT "expected/perf.csv", "r");
    if (!fp) {
        return 0;
    }
    char line[1024];
    int found = 0;
    while (!found && fgets(line, sizeof line, fp)) {
        char *f[10], *save = NULL;
        size_t k = 0;
        for (char *t = strtok_r(line, ",\n", &save); t && k < 10;
             t = strtok_r(NULL, ",\n", &save)) {
            f[k++] = t;
        }
        if (k >= 8 && strcmp(f[0], game) == 0 && strcmp(f[3], tool) == 0) {
            *s = atof(f[6]); /* cpu_s */
            snprintf(status, n, "%s", f[7]);
            found = 1;
        }
    }
    fclose(fp);
    return found;
}

/* The games of summary.csv for a tool, slowest first. */
static size_t gambit_rows(const char *tool, row **out)
{
    FILE *fp = fopen(GAMBIT "expected/summary.csv", "r");
    if (!fp) {
        return 0;
    }
    size_t n = 0, cap = 256;
    row *r = malloc(cap * sizeof *r);
    char line[2048];
    while (r && fgets(line, sizeof line, fp)) {
        char *f[20], *save = NULL;
        size_t k = 0;
        /* fields are simple except 'command', which has no commas */
        for (char *t = strtok_r(line, ",\n", &save); t && k < 20;
             t = strtok_r(NULL, ",\n", &save)) {
            f[k++] = t;
        }
        if (k < 10 || strcmp(f[3], tool) != 0) {
            continue;
        }
        if (n == cap) {
            row *nr = realloc(r, 2 * cap * sizeof *r);
            if (!nr) {
                break;
            }
            r = nr;
            cap *= 2;
        }
        snprintf(r[n].game, sizeof r[n].game, "%s", f[0]);
        /* cpu_seconds; a time-out's CPU column holds only the wrapper's, so its wall cap
           (60 s) stands in as the lower bound */
        r[n].gambit_s = strcmp(f[9], "timeout") == 0 ? atof(f[7]) : atof(f[8]);
        snprintf(r[n].status, sizeof r[n].status, "%s", f[9]);
        perf_time(f[0], tool, &r[n].gambit_s, r[n].status, sizeof r[n].status);
        n++;
    }
    fclose(fp);
    for (size_t i = 1; i < n; i++) { /* insertion sort, slowest first */
        row t = r[i];
        size_t j = i;
        for (; j > 0 && r[j - 1].gambit_s < t.gambit_s; j--) {
            r[j] = r[j - 1];
        }
        r[j] = t;
    }
    *out = r;
    return n;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, de-duplicated NE lines of a text; returns the count. */
static size_t ne_lines(char *text, char ***out)
{
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof *v);
    char *save = NULL;
    for (char *t = strtok_r(text, "\n", &save); v && t; t = strtok_r(NULL, "\n", &save)) {
        if (strncmp(t, "NE,", 3) != 0) {
            continue;
        }
        if (n == cap) {
            char **nv = realloc(v, 2 * cap * sizeof *v);
            if (!nv) {
                break;
            }
            v = nv;
            cap *= 2;
        }
        v[n++] = t;
    }
    qsort(v, n, sizeof *v, cmp_str);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m == 0 || strcmp(v[m - 1], v[i]) != 0) {
            v[m++] = v[i];
        }
    }
    *out = v;
    return m;
}

/* "same", "differs" or "no reference", comparing exact lines (or to 1e-6 for the float methods
 * logit, gnm and ipa). */
static const char *compare(const char *tool, const char *game, int timed_out, const scx_buf *ours)
{
    char path[1024];
    snprintf(path, sizeof path, GAMBIT "expected/%s/%s.out", tool, game);
    char *want = NULL;
    size_t len = 0;
    sc_diag d;
    sc_diag_init(&d);
    int have = scx_file_read(path, (size_t)1 << 30, &want, &len, &d) == SC_OK;
    if (!have || len == 0) {
        /* an empty file is Gambit's empty answer unless it ran out of time (expected_300s) */
        char path2[1024];
        snprintf(path2, sizeof path2, GAMBIT "expected_300s/%s/%s.out", tool, game);
        char *w2 = NULL;
        size_t l2 = 0;
        if (scx_file_read(path2, (size_t)1 << 30, &w2, &l2, &d) == SC_OK && l2 > 0) {
            sc_free(want);
            want = w2;
            len = l2;
        } else {
            sc_free(w2);
            if (!have || timed_out) {
                sc_free(want);
                return timed_out ? "no reference (Gambit timed out)" : "no reference";
            }
        }
    }
    char *mine = malloc(ours->len + 1);
    if (!mine) {
        sc_free(want);
        return "?";
    }
    memcpy(mine, ours->data ? ours->data : "", ours->len);
    mine[ours->len] = '\0';
    char **a, **b;
    size_t na = ne_lines(mine, &a), nb = ne_lines(want, &b);
    int same = na == nb;
    for (size_t i = 0; same && i < na; i++) {
        if (strcmp(tool, "logit") == 0 || strcmp(tool, "gnm") == 0 || strcmp(tool, "ipa") == 0) {
            /* 6 significant digits (logit) or 6 decimals (gnm, ipa) printed: compare
             * numerically, to the last printed digit */
            const char *x = a[i] + 3, *y = b[i] + 3;
            while (same && *x && *y) {
                char *ex, *ey;
                double u = strtod(x, &ex), v = strtod(y, &ey);
                same = fabs(u - v) <= 1e-6 + 5e-6 * fabs(v);
                x = *ex ? ex + 1 : ex;
                y = *ey ? ey + 1 : ey;
            }
            same = same && !*x && !*y;
        } else {
            same = strcmp(a[i], b[i]) == 0;
        }
    }
    free(a);
    free(b);
    free(mine);
    sc_free(want);
    return same ? "same" : "differs";
}

/* Reads, solves and formats once; returns seconds, or a negative value on failure. */
static double run_once(const char *game, sc_game_method m, double limit, scx_buf *out, char *err,
                       size_t errn)
{
    char path[1024];
    snprintf(path, sizeof path, GAMBIT "games/%s.nfg", game);
    double t0 = now();
    char *text = NULL;
    size_t len = 0;
    sc_diag d;
    sc_diag_init(&d);
    sc_game *g = NULL;
    sc_game_solution *sol = NULL;
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = m;
    o.time_limit = limit;
    if (scx_file_read(path, (size_t)1 << 30, &text, &len, &d) != SC_OK ||
        sc_game_read_nfg(text, len, path, &g, &d) != SC_OK ||
        sc_game_solve(g, &o, &sol, &d) != SC_OK) {
        snprintf(err, errn, "%s", d.message);
        sc_game_solution_free(sol); /* a time-out may return what it found */
        sc_free(text);
        sc_game_free(g);
        return -1;
    }
    char *formatted = NULL;
    size_t flen = 0;
    if (sc_game_solution_format(sol, -1, &formatted, &flen, &d) != SC_OK) {
        snprintf(err, errn, "%s", d.message);
        flen = 0;
    }
    scx_buf_append(out, formatted ? formatted : "", flen);
    sc_free(formatted);
    double t = now() - t0;
    sc_game_solution_free(sol);
    sc_game_free(g);
    sc_free(text);
    return t;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0); /* rows appear as they are timed */
    int quick = 0;
    size_t top = 12;
    double cap = 30; /* seconds per game: Gambit's timeouts (60-300 s) are not re-run in full */
    int finished_only = 0; /* only games Gambit finished: the ratios are then not lower bounds */
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) {
            quick = 1;
        } else if (strcmp(argv[i], "--method") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else if (strcmp(argv[i], "--finished") == 0) {
            finished_only = 1;
        } else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            cap = atof(argv[++i]);
        } else if (strcmp(argv[i], "--top") == 0 && i + 1 < argc) {
            top = strtoul(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--all") == 0) {
            top = (size_t)-1; /* every game of the collection */
        } else {
            fprintf(stderr,
                    "usage: bench_game [--quick] [--method M] [--top N | --all] [--limit S] "
                    "[--finished]\n");
            return 2;
        }
    }
    static const char *const quick_games[] = {"2x2", "8x8"}; /* two-player: every method */
    static const sc_game_method methods[] = {SC_GAME_ENUMPURE, SC_GAME_ENUMMIXED, SC_GAME_LCP,
                                             SC_GAME_LOGIT,    SC_GAME_SIMPDIV,   SC_GAME_LP,
                                             SC_GAME_GNM,      SC_GAME_IPA,       SC_GAME_ENUMPOLY};
    int failures = 0;
    printf("%-10s %-46s %13s %12s %9s  %s\n", "method", "game", "gambit_s", "statecraft_s",
           "speedup", "same set as Gambit");
    for (size_t mi = 0; mi < sizeof methods / sizeof methods[0]; mi++) {
        const char *tool = sc_game_method_name(methods[mi]);
        if (only && strcmp(only, tool) != 0) {
            continue;
        }
        row *rows = NULL;
        size_t n = gambit_rows(tool, &rows);
        size_t shown = 0;
        /* the method's summary: games timed, slower than Gambit (listed), the smallest ratio */
        size_t timed = 0, slower = 0, lower_bounds = 0;
        double worst = HUGE_VAL;
        char worst_game[128] = "", slow_list[2048] = "";
        for (size_t k = 0; k < (quick ? 2 : n) && shown < (quick ? 2 : top); k++) {
            /* lp needs constant-sum games; gnm and ipa games where Gambit's random
             * perturbation gave the same path (docs/models/games.md, ipa) */
            static const char *const quick_cs[] = {"2x2const", "csg1"};
            static const char *const quick_gt[] = {"2x2", "coord333"};
            const char *game = !quick                      ? rows[k].game
                               : methods[mi] == SC_GAME_LP ? quick_cs[k]
                               : methods[mi] == SC_GAME_GNM || methods[mi] == SC_GAME_IPA ||
                                       methods[mi] == SC_GAME_ENUMPOLY
                                   ? quick_gt[k]
                                   : quick_games[k];
            double gs = NAN;
            const char *gstatus = "0";
            for (size_t j = 0; j < n; j++) {
                if (strcmp(rows[j].game, game) == 0) {
                    gs = rows[j].gambit_s;
                    gstatus = rows[j].status;
                }
            }
            if (!quick && strcmp(gstatus, "0") != 0 && strcmp(gstatus, "timeout") != 0) {
                continue; /* Gambit refused (e.g. enummixed on 3 players) */
            }
            if (finished_only && strcmp(gstatus, "0") != 0) {
                continue;
            }
            shown++;
            scx_buf out;
            scx_buf_init(&out);
            char err[512] = "";
            double limit = quick ? 5 : cap;
            double t = run_once(game, methods[mi], limit, &out, err, sizeof err);
            /* repeat fast runs for a stable figure: the median of 5 */
            if (t >= 0 && t < 0.2) {
                double ts[5] = {t};
                for (int r = 1; r < 5; r++) {
                    scx_buf tmp;
                    scx_buf_init(&tmp);
                    ts[r] = run_once(game, methods[mi], limit, &tmp, err, sizeof err);
                    scx_buf_destroy(&tmp);
                }
                for (int a = 1; a < 5; a++) {
                    for (int b = a; b > 0 && ts[b - 1] > ts[b]; b--) {
                        double x = ts[b];
                        ts[b] = ts[b - 1];
                        ts[b - 1] = x;
                    }
                }
                t = ts[2];
            }
            if (t < 0) {
                printf("%-10s %-46.46s %12.4f%s %12s %9s  %s\n", tool, game, gs,
                       strcmp(gstatus, "timeout") == 0 ? "+" : " ", "failed", "", err);
                failures += quick;
            } else {
                const char *same = compare(tool, game, strcmp(gstatus, "timeout") == 0, &out);
                failures += quick && strcmp(same, "same") != 0;
                /* against a Gambit time-out the ratio is only a lower bound */
                int to = strcmp(gstatus, "timeout") == 0;
                char ratio[32];
                snprintf(ratio, sizeof ratio, "%s%.1fx", to ? ">" : "", isnan(gs) ? NAN : gs / t);
                printf("%-10s %-46.46s %12.4f%s %12.4f %9s  %s\n", tool, game, gs, to ? "+" : " ",
                       t, ratio, same);
                if (!isnan(gs)) {
                    timed++;
                    lower_bounds += to;
                    if (!to && gs / t < worst) {
                        worst = gs / t;
                        snprintf(worst_game, sizeof worst_game, "%s", game);
                    }
                    if (gs / t < 1) {
                        slower++;
                        size_t used = strlen(slow_list);
                        snprintf(slow_list + used, sizeof slow_list - used,
                                 "%s%s (%.3g s vs %.3g s)", used ? ", " : "", game, t, gs);
                    }
                }
            }
            scx_buf_destroy(&out);
        }
        free(rows);
        if (!quick && timed > 0) {
            printf("summary %-10s %zu games timed (%zu against a Gambit time-out); slower than "
                   "Gambit on %zu%s%s; smallest ratio where Gambit finished: %.2fx (%s)\n",
                   tool, timed, lower_bounds, slower, slower ? ": " : "", slow_list, worst,
                   worst_game);
        }
    }
    printf("('+' after Gambit's time: it timed out there.)\n");
    return failures ? 1 : 0;
}
