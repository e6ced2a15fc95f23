/* SPDX-License-Identifier: MIT */
/*
 * KTAB's users (issue 19): smpc's command line on `statecraft forecast`, the SMP's input read by
 * content, the note that explains KTAB's shared P(win) column, and the SQLite database KTAB's
 * SMP writes. smpc's flags are rewritten into statecraft's before the front end parses its
 * options, so the front end keeps one vocabulary; a flag whose behaviour statecraft does not
 * have is refused with the option or converter that does the job.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "forecast.h"

static sc_file_kind forced = SC_FILE_SCENARIO; /* after --csv FILE or --xml FILE */

sc_file_kind fc_ktab_forced_kind(void)
{
    return forced;
}

/* The flag's name if argv[i] is one of smpc's flags ("--csv" or "--csv=F"), else NULL. */
static const char *ktab_flag(const char *w)
{
    static const char *const flags[] = {"--csv", "--xml", "--connstr", "--logmin", "--savehist",
                                        "--euSMP", "--ra", NULL};
    for (size_t k = 0; flags[k]; k++) {
        size_t n = strlen(flags[k]);
        if (strncmp(w, flags[k], n) == 0 && (w[n] == '\0' || w[n] == '=')) {
            return flags[k];
        }
    }
    return NULL;
}

int fc_ktab_flags_present(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            break;
        }
        if (ktab_flag(argv[i])) {
            return 1;
        }
    }
    return 0;
}

/* Database=NAME of "Driver=QSQLITE;Database=NAME" as NAME.db (smpc appends ".db"). */
static int connstr_path(const char *cs, char **out)
{
    const char *driver = NULL, *db = NULL;
    size_t driver_len = 0, db_len = 0;
    for (const char *p = cs; *p;) {
        size_t n = strcspn(p, ";");
        const char *eq = memchr(p, '=', n);
        if (eq) {
            size_t kl = (size_t)(eq - p);
            while (kl > 0 && p[kl - 1] == ' ') {
                kl--;
            }
            const char *k = p;
            while (kl > 0 && *k == ' ') {
                k++;
                kl--;
            }
            const char *v = eq + 1;
            size_t vl = n - (size_t)(v - p);
            if (kl == 6 && strncasecmp(k, "Driver", 6) == 0) {
                driver = v;
                driver_len = vl;
            } else if (kl == 8 && strncasecmp(k, "Database", 8) == 0) {
                db = v;
                db_len = vl;
            }
        }
        p += n + (p[n] == ';');
    }
    if (!driver || driver_len != 7 || strncmp(driver, "QSQLITE", 7) != 0) {
        return cli_usage_error("forecast",
                               "--connstr '%s': statecraft writes SQLite databases only "
                               "(Driver=QSQLITE;Database=NAME, or --format sqlite -o NAME.db); "
                               "load that file into PostgreSQL with a converter such as "
                               "pgloader",
                               cs);
    }
    if (!db || db_len == 0) {
        return cli_usage_error("forecast", "--connstr '%s' names no database: "
                                           "Driver=QSQLITE;Database=NAME writes NAME.db",
                               cs);
    }
    *out = malloc(db_len + 4);
    if (!*out) {
        return SC_EXIT_FAILURE;
    }
    memcpy(*out, db, db_len);
    memcpy(*out + db_len, ".db", 4);
    return SC_EXIT_OK;
}

void fc_ktab_init(fc_ktab *k)
{
    memset(k, 0, sizeof *k);
}

void fc_ktab_destroy(fc_ktab *k)
{
    free(k->argv);
    free(k->db);
    memset(k, 0, sizeof *k);
}

int fc_ktab_translate(int argc, char **argv, fc_ktab *k)
{
    forced = SC_FILE_SCENARIO;
    k->argv = calloc((size_t)argc + 5, sizeof *k->argv);
    if (!k->argv) {
        return SC_EXIT_FAILURE;
    }
    static char o_format[] = "--format", v_sqlite[] = "sqlite", o_output[] = "-o";
    char *input = NULL;
    const char *input_flag = NULL;
    int out_given = 0, format_given = 0;
    k->argc = 0;
    for (int i = 0; i < argc; i++) {
        char *w = argv[i];
        const char *flag = i > 0 ? ktab_flag(w) : NULL;
        if (i > 0 && strcmp(w, "--") == 0) {
            for (; i < argc; i++) {
                k->argv[k->argc++] = argv[i];
            }
            break;
        }
        if (!flag) {
            if (i > 0 && (strcmp(w, "-o") == 0 || strncmp(w, "--output", 8) == 0 ||
                          (w[0] == '-' && w[1] == 'o'))) {
                out_given = 1;
            }
            if (i > 0 && strncmp(w, "--format", 8) == 0) {
                format_given = 1;
            }
            k->argv[k->argc++] = argv[i];
            continue;
        }
        char *value = NULL;
        size_t n = strlen(flag);
        int takes = strcmp(flag, "--csv") == 0 || strcmp(flag, "--xml") == 0 ||
                    strcmp(flag, "--connstr") == 0;
        if (takes) {
            if (w[n] == '=') {
                value = w + n + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            }
            if (!value || !*value) {
                return cli_usage_error("forecast", "%s (KTAB's smpc) expects a value", flag);
            }
        } else if (w[n] == '=') {
            return cli_usage_error("forecast", "%s (KTAB's smpc) takes no value", flag);
        }
        if (strcmp(flag, "--csv") == 0 || strcmp(flag, "--xml") == 0) {
            if (input) {
                return cli_usage_error("forecast", "%s %s: KTAB's smpc reads one scenario, and "
                                                   "%s already named '%s'",
                                       flag, value, input_flag, input);
            }
            input = value;
            input_flag = flag;
            forced = flag[2] == 'c' ? SC_FILE_KTAB_CSV : SC_FILE_KTAB_XML;
        } else if (strcmp(flag, "--connstr") == 0) {
            free(k->db);
            k->db = NULL;
            int rc = connstr_path(value, &k->db);
            if (rc != SC_EXIT_OK) {
                return rc;
            }
        } else if (strcmp(flag, "--logmin") == 0) {
            /* smpc: only the information and position tables; statecraft writes no others */
            k->logmin = 1;
        } else if (strcmp(flag, "--savehist") == 0) {
            return cli_usage_error("forecast",
                                   "--savehist (KTAB's _posLog.csv and _effPow.csv) is not "
                                   "statecraft's: every actor's position at every turn is "
                                   "'--format csv -o FILE' (KTAB's positions file), and "
                                   "'--format json' adds the win probabilities");
        } else {
            return cli_usage_error("forecast",
                                   "%s (KTAB's random SMP scenario%s) is not statecraft's: write "
                                   "the scenario as KTAB's CSV or as a statecraft scenario and "
                                   "give it to 'statecraft forecast --model smp FILE' "
                                   "(docs/ktab.md)",
                                   flag, strcmp(flag, "--ra") == 0 ? " with random accommodation"
                                                                    : "");
        }
    }
    if (k->db) {
        if (out_given || format_given) {
            return cli_usage_error("forecast", "--connstr names the output database: give it "
                                               "or --format/-o, not both");
        }
        k->argv[k->argc++] = o_format;
        k->argv[k->argc++] = v_sqlite;
        k->argv[k->argc++] = o_output;
        k->argv[k->argc++] = k->db;
    }
    if (input) {
        k->argv[k->argc++] = input;
    }
    k->argv[k->argc] = NULL;
    return SC_EXIT_OK;
}

int fc_input_read(const char *path, fc_input *in)
{
    memset(in, 0, sizeof *in);
    in->file = path;
    if (!path) {
        return SC_EXIT_OK; /* the built-in scenario */
    }
    sc_diag diag;
    sc_diag_init(&diag);
    if (scx_file_read(path, (size_t)16 << 20, &in->text, &in->len, &diag) != SC_OK) {
        return cli_fail(&diag);
    }
    in->kind = sc_file_kind_of(in->text, in->len);
    if (forced != SC_FILE_SCENARIO) {
        in->kind = forced; /* --csv/--xml: KTAB's reader, and its errors */
    }
    return SC_EXIT_OK;
}

void fc_input_destroy(fc_input *in)
{
    free(in->text);
    memset(in, 0, sizeof *in);
}

/* The distinct positions of turn t as KTAB's pDist groups them (within 1e-3 on [0, 1]^m, the
 * first actor of a group its representative): group[i] for each actor; returns their count. */
static size_t win_groups(const sc_smp_result *r, size_t t, size_t *group, size_t *rep)
{
    size_t n = r->n, m = r->m, nu = 0;
    const double *x = r->pos + t * n * m;
    for (size_t i = 0; i < n; i++) {
        size_t g = nu;
        for (size_t q = 0; q < nu && g == nu; q++) {
            double s2 = 0;
            for (size_t k = 0; k < m; k++) {
                double d = x[i * m + k] - x[rep[q] * m + k];
                s2 += d * d;
            }
            if (sqrt(s2) < 1e-3) {
                g = q;
            }
        }
        if (g == nu) {
            rep[nu++] = i;
        }
        group[i] = g;
    }
    return nu;
}

void fc_pwin_text(scx_buf *b, const sc_smp_input *in, const sc_smp_result *r)
{
    size_t n = r->n, T = (size_t)r->turns;
    size_t *group = malloc(2 * n * sizeof *group);
    if (!group) {
        return;
    }
    size_t *rep = group + n;
    size_t nu = win_groups(r, T, group, rep);
    double column = 0, distinct = 0;
    for (size_t i = 0; i < n; i++) {
        column += r->win[T * n + i];
    }
    for (size_t q = 0; q < nu; q++) {
        distinct += r->win[T * n + rep[q]];
    }
    scx_buf_printf(b, "P(win): the probability that the actor's position wins among the %zu "
                      "distinct positions (KTAB's\n'prob' column). Actors within 0.001 of each "
                      "other on the [0, 1] scales hold one position and each\nshows its "
                      "probability, so the column sums to %.2f; over the distinct positions it "
                      "sums to %.2f:\n",
                   nu, column, distinct);
    for (size_t q = 0; q < nu; q++) {
        scx_buf_printf(b, "  %.4f", r->win[T * n + rep[q]]);
        int first = 1;
        for (size_t i = 0; i < n; i++) {
            if (group[i] == q) {
                scx_buf_printf(b, "%s%s", first ? "  " : ", ", in->actor[i]);
                first = 0;
            }
        }
        scx_buf_puts(b, "\n");
    }
    free(group);
}

void fc_pwin_json(scx_buf *b, const sc_smp_input *in, const sc_smp_result *r)
{
    size_t n = r->n, T = (size_t)r->turns;
    size_t *group = malloc(2 * n * sizeof *group);
    if (!group) {
        scx_buf_puts(b, "null");
        return;
    }
    size_t *rep = group + n;
    size_t nu = win_groups(r, T, group, rep);
    scx_buf_puts(b, "{\"note\":\"win_prob is per position: actors within 0.001 of each other on "
                    "the [0, 1] scales share one position and each shows its probability, so "
                    "win_prob summed over actors exceeds 1; over the distinct positions it is "
                    "1\",\"positions\":[");
    for (size_t q = 0; q < nu; q++) {
        scx_buf_printf(b, "%s{\"win_prob\":", q ? "," : "");
        fc_json_num(b, r->win[T * n + rep[q]]);
        scx_buf_puts(b, ",\"actors\":[");
        int first = 1;
        for (size_t i = 0; i < n; i++) {
            if (group[i] == q) {
                scx_buf_puts(b, first ? "" : ",");
                scx_json_string(b, in->actor[i]);
                first = 0;
            }
        }
        scx_buf_puts(b, "]}");
    }
    scx_buf_puts(b, "]}");
    free(group);
}

int fc_write_sqlite(const char *output, const sc_smp_input *in, const sc_smp_params *p,
                    const sc_smp_result *r)
{
    sc_diag diag;
    sc_diag_init(&diag);
    void *db = NULL;
    size_t len = 0;
    if (sc_smp_ktab_sqlite(in, p, r, &db, &len, &diag) != SC_OK) {
        return cli_fail(&diag);
    }
    /* the whole database is built in memory first: the file appears whole or not at all */
    sc_status st = scx_file_write_atomic(output, db, len, &diag);
    sc_free(db);
    return st == SC_OK ? SC_EXIT_OK : cli_fail(&diag);
}
