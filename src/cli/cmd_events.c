/* SPDX-License-Identifier: MIT */
/*
 * `statecraft events relations|timeline|scenario|fit`: event files (GDELT, ICEWS, Phoenix) and UN
 * ideal points turned into relation scores, daily timelines, a scenario's relations and events,
 * and the fits of the maps to amity.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "statecraft/events.h"

enum { O_SOURCE = 1, O_HALF, O_PRIOR, O_ACTORS, O_FROM, O_TO, O_AT, O_STRICT, O_MAP, O_MEMORY,
       O_DYADS, O_UNDIRECTED, O_SHOCKS, O_SINCE, O_TITLE, O_SESSION, O_AGAINST, O_UNGA,
       O_SESSIONS, O_METHOD, O_AMITY_MAP, O_AGREEMENT_MAP };

static const char *const sources[] = {"gdelt1", "gdelt2", "gdelt-reduced", "icews", "phoenix",
                                      "simple", "unga", NULL};
static const char *const fit_methods[] = {"equate", "least-squares", NULL};

/* One table for the four actions: they share the reading and scoring options. */
static const cli_opt options[] = {
    CLI_OPT_HEADING("Reading:"),
    {O_SOURCE, 0, "source", CLI_CHOICE, 0, "S", "the files' format (default: detected)", sources,
     0, 0, CLI_NAMES_NONE},
    {O_ACTORS, 0, "actors", CLI_LIST, 0, "A,B,...",
     "keep only events between these actors (scenario ids: ISO alpha-3 codes, NATO, EU,\n"
     "UN, or what --map assigns)",
     NULL, 0, 0, CLI_NAMES_NONE},
    {O_MAP, 0, "map", CLI_FILE, 0, "FILE", "the user's actor mapping (KEY<TAB>ID lines; "
                                         "docs/events.md)", NULL, 0, 0, CLI_NAMES_FILE},
    {O_FROM, 0, "from", CLI_DATE, 0, "DATE", "only events dated on or after DATE (yyyy-mm-dd)",
     NULL, 0, 0, CLI_NAMES_NONE},
    {O_TO, 0, "to", CLI_DATE, 0, "DATE", "only events dated on or before DATE", NULL, 0, 0,
     CLI_NAMES_NONE},
    {O_STRICT, 0, "strict", CLI_FLAG, 0, NULL,
     "the first bad row is an error (FILE:LINE:COL, exit 2) instead of a skip", NULL, 0, 0,
     CLI_NAMES_NONE},
    {O_MEMORY, 0, "memory", CLI_UINT, 0, "MB",
     "memory for de-duplication before spilling to disk (default 48)", NULL, 1, 65536,
     CLI_NAMES_NONE},
    CLI_OPT_HEADING("Scoring:"),
    {O_HALF, 0, "half-life", CLI_NUMBER, CLI_LO_OPEN, "H", "days of memory h (default 30)", NULL,
     0, 1e6, CLI_NAMES_NONE},
    {O_PRIOR, 0, "prior", CLI_NUMBER, 0, "K", "neutral pseudo-events k (default 5)", NULL, 0, 1e9,
     CLI_NAMES_NONE},
    {O_AT, 0, "at", CLI_DATE, 0, "DATE", "evaluate every score on DATE (leaves out later events)",
     NULL, 0, 0, CLI_NAMES_NONE},
    {O_AMITY_MAP, 0, "amity-map", CLI_PAIR, CLI_NEGATIVE, "I,S",
     "map of scores to amity: clamp(I + S R) (default 0,3.088: the fit of docs/events.md;\n"
     "`events fit` gives yours)",
     NULL, 0, 0, CLI_NAMES_NONE},
    {O_AGREEMENT_MAP, 0, "agreement-map", CLI_PAIR, CLI_NEGATIVE, "A,B",
     "UN map: agreement = 1 / (1 + exp(-(A + B d))) (default: the fit)", NULL, 0, 0,
     CLI_NAMES_NONE},
    {O_SESSION, 0, "session", CLI_UINT, 0, "N",
     "UN session for ideal-point files (default: the last; or from --at)", NULL, 1, 1000,
     CLI_NAMES_NONE},
    CLI_OPT_HEADING("timeline:"),
    {O_DYADS, 0, "dyads", CLI_LIST, 0, "A:B,...", "the directed dyads to follow", NULL, 0, 0,
     CLI_NAMES_NONE},
    {O_UNDIRECTED, 0, "undirected", CLI_FLAG, 0, NULL, "score each pair both ways together", NULL,
     0, 0, CLI_NAMES_NONE},
    {O_SHOCKS, 0, "shocks", CLI_UINT, 0, "N", "list the N largest shocks", NULL, 0, 1000,
     CLI_NAMES_NONE},
    CLI_OPT_HEADING("scenario:"),
    {O_SINCE, 0, "since", CLI_DATE, 0, "DATE",
     "the relations' date (default 90 days before --at); the shocks after it become events",
     NULL, 0, 0, CLI_NAMES_NONE},
    {O_TITLE, 0, "title", CLI_STRING, 0, "TEXT", "the scenario's title", NULL, 0, 0,
     CLI_NAMES_NONE},
    CLI_OPT_HEADING("fit:"),
    {O_AGAINST, 0, "against", CLI_FILE, 0, "FILE",
     "the reference: UN ideal points (IDEALPOINTS.csv) or a scenario's amities", NULL, 0, 0,
     CLI_NAMES_FILE},
    {O_UNGA, 0, "unga", CLI_FILE, 0, "FILE",
     "fit the map from ideal-point distance to vote agreement instead", NULL, 0, 0,
     CLI_NAMES_FILE},
    {O_SESSIONS, 0, "sessions", CLI_STRING, 0, "FIRST-LAST", "UN sessions of --unga (e.g. 69-78)",
     NULL, 0, 0, CLI_NAMES_NONE},
    {O_METHOD, 0, "method", CLI_CHOICE, 0, "M", "equate (default) or least-squares", fit_methods,
     0, 0, CLI_NAMES_NONE},
    CLI_OPT_HEADING("Output:"),
    CLI_OPT_FORMAT,
    CLI_OPT_OUTPUT,
    CLI_OPT_TABLE_END};

#define EVENTS_DESCRIPTION                                                                         \
    "Reads event data as published (GDELT 1.0 with 57 or 58 columns, GDELT 2.0 exports with\n"    \
    "61, the GDELT reduced dyadic file, ICEWS Dataverse files, Phoenix files and their CSV\n"      \
    "re-exports) and UN General Assembly ideal points (Bailey, Strezhnev & Voeten), and scores\n" \
    "every directed dyad with the decayed, shrunk, weighted mean Goldstein score\n"                \
    "(docs/events.md):\n"                                                                          \
    "  R(d) = A(d) / (10 (B(d) + k)),  A = decayed sum of w g,  B = decayed sum of w,  half-life h\n"

static const cli_spec spec_relations = {
    .name = "events relations",
    .summary = "relation scores per directed dyad",
    .synopsis = "FILE... [--source S] [--half-life H] [--prior K] [--actors A,B,...] [--from DATE]\n"
                "[--to DATE] [--at DATE] [--format text|json|csv] [--strict] [--map FILE] [-o FILE]",
    .description = "Per directed dyad: events, first and last day, R on the last day (or --at),\n"
                   "its minimum and maximum, the decayed weight; and the undirected pairs.\n",
    .options = options,
    .formats = "text json csv",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft events relations examples/events.tsv --actors USA,RUS,CHN,UKR\n"
                "the scores of every pair of four states\n"};

static const cli_spec spec_timeline = {
    .name = "events timeline",
    .summary = "daily series of chosen dyads and their shocks",
    .synopsis = "FILE... (--actors A,B,... | --dyads A:B,...) [--undirected] [--shocks N]\n"
                "[--format csv|json|text] [reading and scoring options] [-o FILE]",
    .description = "The daily series of chosen dyads (CSV for plotting) with short (h 14) and long\n"
                   "(h 180) memories, and the days where they diverge most (shocks).\n",
    .options = options,
    .formats = "csv json text",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft events timeline examples/events.tsv --dyads USA:RUS --format csv\n"
                "daily scores of the US toward Russia\n"};

static const cli_spec spec_scenario = {
    .name = "events scenario",
    .summary = "a scenario whose relations and events come from the data",
    .synopsis = "FILE... --actors A,B,... --at DATE [--since DATE] [--shocks N] [--title TEXT]\n"
                "[reading and scoring options] [-o FILE]",
    .description = "A scenario (YAML) whose relations come from the data at --since and whose\n"
                   "events are the shocks up to --at, ready for statecraft validate and run.\n",
    .options = options,
    .formats = "yaml",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft events scenario examples/events.tsv --actors USA,RUS,CHN --at "
                "2025-02-24 -o data.yaml\n"
                "a scenario from the event data\n"};

static const cli_spec spec_fit = {
    .name = "events fit",
    .summary = "the map from scores to amity, fitted",
    .synopsis = "FILE... --against IDEALPOINTS.csv|SCENARIO [--at DATE] [--method M]\n"
                "--unga IDEALPOINTS.csv [--sessions FIRST-LAST]",
    .description = "The map from scores to amity against UN voting or a scenario's judgements;\n"
                   "with --unga, the map from ideal-point distance to vote agreement.\n",
    .options = options,
    .formats = "text json",
    .operands = CLI_NAMES_FILE};

static const char *const actions[] = {"relations", "timeline", "scenario", "fit", NULL};
static const cli_spec *const subs[] = {&spec_relations, &spec_timeline, &spec_scenario, &spec_fit,
                                       NULL};
static const cli_opt no_options[] = {CLI_OPT_TABLE_END};

static const cli_spec spec = {
    .name = "events",
    .summary = "event data (GDELT, ICEWS, Phoenix) and UN votes as relation scores",
    .synopsis = "relations|timeline|scenario|fit FILE... [options]",
    .description = EVENTS_DESCRIPTION "\n"
                   "  relations   relation scores per directed dyad\n"
                   "  timeline    daily series of chosen dyads, and their shocks\n"
                   "  scenario    a scenario whose relations and events come from the data\n"
                   "  fit         the map from scores to amity, fitted against UN voting or a\n"
                   "              scenario\n",
    .options = no_options,
    .actions = actions,
    .subs = subs,
    .see_also = "statecraft-run(1), docs/events.md"};

/* ---- small output helpers ---------------------------------------------------------------------- */

/* The shortest %g text that reads back as the same double; "null" for NaN and infinities. */
static void put_num(scx_buf *b, double v)
{
    if (!isfinite(v)) {
        scx_buf_puts(b, "null");
        return;
    }
    char t[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(t, sizeof t, "%.*g", prec, v);
        if (strtod(t, NULL) == v) {
            break;
        }
    }
    if (strcmp(t, "-0") == 0) {
        strcpy(t, "0");
    }
    scx_buf_puts(b, t);
}

/* a CSV field, quoted by libcsv's writer as every CSV statecraft writes (actor ids are
 * A-Za-z0-9_-, so the ids of the rows below never need it) */
static void put_csv(scx_buf *b, const char *s)
{
    scx_csv_field(b, s);
}

/* YAML double-quoted scalar */
static void put_yaml(scx_buf *b, const char *s)
{
    scx_json_string(b, s);
}

/* ---- arguments --------------------------------------------------------------------------------- */

typedef struct pair_id {
    char a[33], b[33];
} pair_id;

typedef struct args {
    const char *cmd;
    const char **files;
    size_t n_files;
    sc_events_opts opts;
    sc_dsmg_params p;
    sc_format format;
    int format_given;
    int unga;
    const char *at, *since, *title, *output, *map_path, *against, *unga_path;
    long session;
    int first_session, last_session;
    char **actors;
    size_t n_actors;
    pair_id *dyads;
    size_t n_dyads;
    int undirected;
    int fit_ls;
    sc_amity_map amity_map;  /* --amity-map INTERCEPT,SLOPE (default: the compiled fit) */
    sc_unga_map unga_map;    /* --agreement-map ALPHA,BETA (default: the compiled fit) */
    size_t shocks;
    sc_actor_map *map;
} args;

static void args_free(args *a)
{
    for (size_t i = 0; i < a->n_actors; i++) {
        free(a->actors[i]);
    }
    free(a->actors);
    free(a->dyads);
    free(a->files);
    sc_actor_map_free(a->map);
}

static int valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 32) {
        return 0;
    }
    for (const char *p = s; *p; p++) {
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-')) {
            return 0;
        }
    }
    return 1;
}

static int add_actor(args *a, const char *s, size_t n)
{
    char id[64];
    if (n >= sizeof id) {
        return cli_usage_error(a->cmd, "--actors: '%.*s' is too long for an actor id", (int)n, s);
    }
    memcpy(id, s, n);
    id[n] = '\0';
    if (!valid_id(id)) {
        return cli_usage_error(a->cmd, "--actors: '%s' is not an actor id (1-32 characters of "
                                       "A-Za-z0-9_-)",
                               id);
    }
    for (size_t i = 0; i < a->n_actors; i++) {
        if (strcmp(a->actors[i], id) == 0) {
            return SC_EXIT_OK;
        }
    }
    char **na = realloc(a->actors, (a->n_actors + 1) * sizeof *na);
    if (!na || !(na[a->n_actors] = strdup(id))) {
        if (na) {
            a->actors = na;
        }
        fprintf(stderr, "statecraft: error: out of memory\n");
        return SC_EXIT_FAILURE;
    }
    a->actors = na;
    a->n_actors++;
    return SC_EXIT_OK;
}

static int parse_actors(args *a, const char *text)
{
    const char *p = text;
    for (;;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        int rc = add_actor(a, p, n);
        if (rc != SC_EXIT_OK) {
            return rc;
        }
        if (!c) {
            return SC_EXIT_OK;
        }
        p = c + 1;
    }
}

static int parse_dyads(args *a, const char *text)
{
    const char *p = text;
    for (;;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        const char *colon = memchr(p, ':', n);
        if (!colon || colon == p || colon == p + n - 1) {
            return cli_usage_error(a->cmd, "--dyads expects SOURCE:TARGET pairs, got '%.*s'",
                                   (int)n, p);
        }
        pair_id d;
        size_t la = (size_t)(colon - p), lb = n - la - 1;
        if (la > 32 || lb > 32) {
            return cli_usage_error(a->cmd, "--dyads: an actor id is too long");
        }
        memcpy(d.a, p, la);
        d.a[la] = '\0';
        memcpy(d.b, colon + 1, lb);
        d.b[lb] = '\0';
        if (!valid_id(d.a) || !valid_id(d.b) || strcmp(d.a, d.b) == 0) {
            return cli_usage_error(a->cmd, "--dyads: '%.*s' is not a pair of two actor ids",
                                   (int)n, p);
        }
        pair_id *nd = realloc(a->dyads, (a->n_dyads + 1) * sizeof *nd);
        if (!nd) {
            return SC_EXIT_FAILURE;
        }
        a->dyads = nd;
        a->dyads[a->n_dyads++] = d;
        int rc = add_actor(a, d.a, strlen(d.a));
        if (rc == SC_EXIT_OK) {
            rc = add_actor(a, d.b, strlen(d.b));
        }
        if (rc != SC_EXIT_OK) {
            return rc;
        }
        if (!c) {
            return SC_EXIT_OK;
        }
        p = c + 1;
    }
}

/* Is this file a UN ideal-point table? (its header names IdealPointAll) */
static int looks_unga(const char *path)
{
    if (strcmp(path, "-") == 0) {
        return 0;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        return 0;
    }
    char line[4096];
    int yes = fgets(line, sizeof line, f) && strstr(line, "IdealPointAll") != NULL;
    fclose(f);
    return yes;
}

static int parse_args(args *a, const cli_spec *sp, int argc, char **argv)
{
    cli_parser cp;
    cli_parse_begin(&cp, sp, argc, argv);
    int c, rc = SC_EXIT_OK;
    while (rc == SC_EXIT_OK && (c = cli_next(&cp)) > 0) {
        switch (c) {
        case O_SOURCE:
            if (strcmp(cp.arg, "unga") == 0) {
                a->unga = 1;
            } else if (sc_events_format_parse(cp.arg, &a->opts.format, NULL) != SC_OK) {
                rc = cli_parser_error(&cp, "--source: '%s' is not an event format", cp.arg);
            }
            break;
        case O_HALF: a->p.half_life = cp.d; break;
        case O_PRIOR: a->p.prior = cp.d; break;
        case O_ACTORS: rc = parse_actors(a, cp.arg); break;
        case O_DYADS: rc = parse_dyads(a, cp.arg); break;
        case O_FROM: a->opts.from = cp.arg; break;
        case O_TO: a->opts.to = cp.arg; break;
        case O_AT: a->at = cp.arg; break;
        case O_SINCE: a->since = cp.arg; break;
        case O_STRICT: a->opts.strict = 1; break;
        case O_MAP: a->map_path = cp.arg; break;
        case O_MEMORY: a->opts.memory_budget = (size_t)cp.u << 20; break;
        case O_UNDIRECTED: a->undirected = 1; break;
        case O_SHOCKS: a->shocks = (size_t)cp.u; break;
        case O_TITLE: a->title = cp.arg; break;
        case O_SESSION: a->session = (long)cp.u; break;
        case O_AGAINST: a->against = cp.arg; break;
        case O_UNGA: a->unga_path = cp.arg; break;
        case O_SESSIONS: {
            int f, l;
            char extra;
            if (sscanf(cp.arg, "%d-%d%c", &f, &l, &extra) != 2 || f < 1 || l < f || l > 1000) {
                rc = cli_parser_error(&cp, "--sessions expects FIRST-LAST, e.g. 69-78, got '%s'",
                                      cp.arg);
            }
            a->first_session = f;
            a->last_session = l;
            break;
        }
        case O_METHOD: a->fit_ls = cp.choice == 1; break;
        case O_AMITY_MAP:
            a->amity_map.intercept = cp.pair[0];
            a->amity_map.slope = cp.pair[1];
            break;
        case O_AGREEMENT_MAP:
            a->unga_map.alpha = cp.pair[0];
            a->unga_map.beta = cp.pair[1];
            break;
        default: break;
        }
    }
    if (rc != SC_EXIT_OK || c == CLI_STOP) {
        rc = rc != SC_EXIT_OK ? rc : cp.status == SC_EXIT_OK ? -1 : cp.status;
        cli_parse_end(&cp);
        return rc;
    }
    a->format = cp.format;
    a->format_given = cp.format_given;
    a->output = NULL; /* -o is written from standard output when the action succeeds */
    a->n_files = cp.n_operands;
    a->files = calloc(a->n_files ? a->n_files : 1, sizeof *a->files);
    if (!a->files) {
        cli_parse_end(&cp);
        return SC_EXIT_FAILURE;
    }
    for (size_t i = 0; i < a->n_files; i++) {
        a->files[i] = cp.operands[i];
    }
    cli_parse_end(&cp);
    if (a->n_actors) {
        a->opts.actors = (const char *const *)a->actors;
        a->opts.n_actors = a->n_actors;
    }
    if (a->map_path) {
        sc_diag diag;
        sc_diag_init(&diag);
        if (sc_actor_map_read(a->map_path, &a->map, &diag) != SC_OK) {
            return cli_fail(&diag);
        }
        a->opts.map = a->map;
    }
    if (!a->unga && a->n_files > 0 && looks_unga(a->files[0])) {
        a->unga = 1;
    }
    return SC_EXIT_OK;
}

/* ---- shared printing ------------------------------------------------------------------------------- */

static void json_stats(scx_buf *b, const sc_events_stats *st)
{
    scx_buf_puts(b, "\"files\": [");
    for (size_t i = 0; i < st->n_files; i++) {
        const sc_events_file_stats *f = &st->files[i];
        scx_buf_puts(b, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
        scx_json_string(b, f->path);
        scx_buf_printf(b, ", \"format\": \"%s\", \"rows\": %llu, \"used\": %llu, \"skipped\": {",
                      sc_events_format_name(f->format), (unsigned long long)f->rows,
                      (unsigned long long)f->used);
        int first = 1;
        for (int r = 0; r < SC_SKIP_COUNT; r++) {
            if (r == SC_SKIP_DUPLICATE) {
                continue; /* counted over all files together */
            }
            scx_buf_printf(b, "%s\"%s\": %llu", first ? "" : ", ", sc_events_skip_name((sc_events_skip)r),
                          (unsigned long long)f->skipped[r]);
            first = 0;
        }
        scx_buf_puts(b, "}}");
    }
    scx_buf_printf(b, "\n  ],\n  \"rows\": %llu,\n  \"records\": %llu,\n  \"skipped\": {",
                  (unsigned long long)st->rows, (unsigned long long)st->records);
    for (int r = 0; r < SC_SKIP_COUNT; r++) {
        scx_buf_printf(b, "%s\"%s\": %llu", r ? ", " : "", sc_events_skip_name((sc_events_skip)r),
                      (unsigned long long)st->skipped[r]);
    }
    scx_buf_puts(b, "}");
}

static void text_stats(scx_buf *b, const sc_events_stats *st)
{
    for (size_t i = 0; i < st->n_files; i++) {
        const sc_events_file_stats *f = &st->files[i];
        scx_buf_printf(b, "  %s: %s, %llu rows, %llu records before de-duplication\n", f->path,
                      sc_events_format_name(f->format), (unsigned long long)f->rows,
                      (unsigned long long)f->used);
    }
    scx_buf_printf(b, "%llu rows; %llu records scored after one-a-day de-duplication\n",
                  (unsigned long long)st->rows, (unsigned long long)st->records);
    int any = 0;
    for (int r = 0; r < SC_SKIP_COUNT; r++) {
        if (st->skipped[r]) {
            scx_buf_printf(b, "%s%s %llu", any ? ", " : "skipped: ", sc_events_skip_name((sc_events_skip)r),
                          (unsigned long long)st->skipped[r]);
            any = 1;
        }
    }
    scx_buf_puts(b, any ? "\n" : "skipped: none\n");
}

static int fail_usage(const args *a, const char *msg)
{
    return cli_usage_error(a->cmd, "%s", msg);
}

/* ---- UN ideal points ------------------------------------------------------------------------------- */

typedef struct unga_pair {
    const char *a, *b;
    double xa, xb, d, agree, amity;
} unga_pair;

/* Loads the (single) ideal-point file and the pairs among the chosen actors (all states if none). */
static int unga_pairs(args *a, sc_unga **uo, int *session, unga_pair **out, size_t *n_out,
                      char ***ids_out, size_t *n_ids)
{
    sc_diag diag;
    sc_diag_init(&diag);
    *out = NULL;
    *n_out = 0;
    *ids_out = NULL;
    *n_ids = 0;
    if (a->n_files != 1) {
        return fail_usage(a, "UN ideal points: give exactly one ideal-point file");
    }
    if (sc_unga_read(a->files[0], uo, &diag) != SC_OK) {
        return cli_fail(&diag);
    }
    sc_unga *u = *uo;
    int s = a->session ? (int)a->session : sc_unga_last_session(u);
    if (!a->session && a->at) {
        s = atoi(a->at) - 1945;
        if (s > sc_unga_last_session(u)) {
            s = sc_unga_last_session(u);
        }
    }
    *session = s;
    char **ids = NULL;
    size_t n = 0;
    if (a->n_actors) {
        ids = calloc(a->n_actors, sizeof *ids);
        for (size_t i = 0; ids && i < a->n_actors; i++) {
            double x;
            if (sc_unga_ideal_point(u, a->actors[i], s, &x, NULL) != SC_OK) {
                fprintf(stderr, "statecraft %s: note: %s has no ideal point in session %d; "
                                "left out\n",
                        a->cmd, a->actors[i], s);
                continue;
            }
            ids[n++] = a->actors[i];
        }
    } else {
        /* every state with an estimate in the session */
        size_t rows = sc_unga_row_count(u);
        ids = calloc(rows ? rows : 1, sizeof *ids);
        for (size_t i = 0; ids && i < rows; i++) {
            const char *iso;
            int rs;
            double v;
            sc_unga_row(u, i, &iso, &rs, &v);
            if (rs == s) {
                ids[n++] = strdup(iso);
            }
        }
    }
    if (!ids) {
        return SC_EXIT_FAILURE;
    }
    *ids_out = ids;
    *n_ids = n;
    if (n < 2) {
        fprintf(stderr, "statecraft %s: error: fewer than two states with an ideal point in "
                        "session %d\n",
                a->cmd, s);
        return SC_EXIT_USAGE;
    }
    unga_pair *pp = calloc(n * (n - 1) / 2, sizeof *pp);
    if (!pp) {
        return SC_EXIT_FAILURE;
    }
    sc_unga_map m = a->unga_map;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            unga_pair *q = &pp[k++];
            int sw = strcmp(ids[i], ids[j]) > 0;
            q->a = sw ? ids[j] : ids[i];
            q->b = sw ? ids[i] : ids[j];
            sc_unga_ideal_point(u, q->a, s, &q->xa, NULL);
            sc_unga_ideal_point(u, q->b, s, &q->xb, NULL);
            q->d = fabs(q->xa - q->xb);
            q->agree = sc_unga_agreement(&m, q->d);
            q->amity = sc_unga_amity(&m, q->d);
        }
    }
    *out = pp;
    *n_out = k;
    return SC_EXIT_OK;
}

static void free_ids(args *a, char **ids, size_t n)
{
    if (!a->n_actors) {
        for (size_t i = 0; i < n; i++) {
            free(ids[i]);
        }
    }
    free(ids);
}

static int relations_unga(args *a)
{
    sc_unga *u = NULL;
    unga_pair *pp = NULL;
    char **ids = NULL;
    size_t n = 0, n_ids = 0;
    int session = 0;
    int rc = unga_pairs(a, &u, &session, &pp, &n, &ids, &n_ids);
    if (rc != SC_EXIT_OK) {
        free(pp);
        free_ids(a, ids, n_ids);
        sc_unga_free(u);
        return rc;
    }
    scx_buf b;
    scx_buf_init(&b);
    sc_unga_map m = a->unga_map;
    if (a->format == SC_FORMAT_JSON) {
        scx_buf_printf(&b, "{\n  \"source\": \"unga\",\n  \"file\": ");
        scx_json_string(&b, a->files[0]);
        scx_buf_printf(&b, ",\n  \"session\": %d,\n  \"year\": %d,\n  \"map\": {\"alpha\": ",
                      session, sc_unga_session_year(session));
        put_num(&b, m.alpha);
        scx_buf_puts(&b, ", \"beta\": ");
        put_num(&b, m.beta);
        scx_buf_puts(&b, ", \"source\": ");
        scx_json_string(&b, sc_unga_map_source());
        scx_buf_puts(&b, "},\n  \"pairs\": [");
        for (size_t i = 0; i < n; i++) {
            scx_buf_puts(&b, i ? ",\n    {\"a\": " : "\n    {\"a\": ");
            scx_json_string(&b, pp[i].a);
            scx_buf_puts(&b, ", \"b\": ");
            scx_json_string(&b, pp[i].b);
            scx_buf_puts(&b, ", \"ideal_a\": ");
            put_num(&b, pp[i].xa);
            scx_buf_puts(&b, ", \"ideal_b\": ");
            put_num(&b, pp[i].xb);
            scx_buf_puts(&b, ", \"distance\": ");
            put_num(&b, pp[i].d);
            scx_buf_puts(&b, ", \"agreement\": ");
            put_num(&b, pp[i].agree);
            scx_buf_puts(&b, ", \"amity\": ");
            put_num(&b, pp[i].amity);
            scx_buf_puts(&b, "}");
        }
        scx_buf_puts(&b, "\n  ]\n}\n");
    } else if (a->format == SC_FORMAT_CSV) {
        scx_buf_puts(&b, "a,b,session,ideal_a,ideal_b,distance,agreement,amity\n");
        for (size_t i = 0; i < n; i++) {
            scx_buf_printf(&b, "%s,%s,%d,%.17g,%.17g,%.17g,%.17g,%.17g\n", pp[i].a, pp[i].b,
                          session, pp[i].xa, pp[i].xb, pp[i].d, pp[i].agree, pp[i].amity);
        }
    } else {
        scx_buf_printf(&b, "UN General Assembly session %d (%d): ideal points (Bailey, Strezhnev "
                          "& Voeten)\nagreement(d) = 1 / (1 + exp(-(%.4f %+.4f d))), amity = 2 "
                          "agreement - 1\n\n%-5s %-5s %9s %9s %9s %9s %7s\n",
                      session, sc_unga_session_year(session), m.alpha, m.beta, "a", "b",
                      "ideal_a", "ideal_b", "distance", "agreement", "amity");
        for (size_t i = 0; i < n; i++) {
            scx_buf_printf(&b, "%-5s %-5s %9.3f %9.3f %9.3f %9.3f %+7.3f\n", pp[i].a, pp[i].b,
                          pp[i].xa, pp[i].xb, pp[i].d, pp[i].agree, pp[i].amity);
        }
    }
    rc = cli_write_output(a->output, &b);
    scx_buf_destroy(&b);
    free(pp);
    free_ids(a, ids, n_ids);
    sc_unga_free(u);
    return rc;
}

/* ---- relations ---------------------------------------------------------------------------------- */

static int cmd_relations(args *a)
{
    if (a->unga) {
        return relations_unga(a);
    }
    if (a->n_files == 0) {
        return fail_usage(a, "no event file given");
    }
    sc_diag diag;
    sc_diag_init(&diag);
    sc_events_relations *r = NULL;
    if (sc_events_relations_compute(a->files, a->n_files, &a->opts, &a->p, a->at, &r, &diag) !=
        SC_OK) {
        return cli_fail(&diag);
    }
    scx_buf b;
    scx_buf_init(&b);
    if (a->format == SC_FORMAT_JSON) {
        scx_buf_printf(&b, "{\n  \"statecraft\": \"%s\",\n  \"params\": {\"half_life\": ",
                      sc_version());
        put_num(&b, r->params.half_life);
        scx_buf_puts(&b, ", \"prior\": ");
        put_num(&b, r->params.prior);
        scx_buf_puts(&b, ", \"at\": ");
        if (r->at[0]) {
            scx_json_string(&b, r->at);
        } else {
            scx_buf_puts(&b, "null");
        }
        scx_buf_puts(&b, "},\n  ");
        json_stats(&b, &r->stats);
        scx_buf_puts(&b, ",\n  \"dyads\": [");
        for (size_t i = 0; i < r->n_dyads; i++) {
            const sc_events_dyad *d = &r->dyads[i];
            scx_buf_puts(&b, i ? ",\n    {\"source\": " : "\n    {\"source\": ");
            scx_json_string(&b, d->source);
            scx_buf_puts(&b, ", \"target\": ");
            scx_json_string(&b, d->target);
            scx_buf_printf(&b, ", \"events\": %llu, \"first_day\": \"%s\", \"last_day\": \"%s\", "
                              "\"at\": \"%s\", \"r_last\": ",
                          (unsigned long long)d->events, d->first_day, d->last_day, d->at);
            put_num(&b, d->r_last);
            scx_buf_puts(&b, ", \"r_min\": ");
            put_num(&b, d->r_min);
            scx_buf_puts(&b, ", \"r_max\": ");
            put_num(&b, d->r_max);
            scx_buf_puts(&b, ", \"weight_last\": ");
            put_num(&b, d->weight_last);
            scx_buf_puts(&b, ", \"quad_last\": [");
            for (int q = 0; q < 4; q++) {
                if (q) {
                    scx_buf_puts(&b, ", ");
                }
                put_num(&b, d->quad_last[q]);
            }
            scx_buf_puts(&b, "]}");
        }
        scx_buf_puts(&b, "\n  ],\n  \"pairs\": [");
        for (size_t i = 0; i < r->n_pairs; i++) {
            const sc_events_pair *p = &r->pairs[i];
            scx_buf_puts(&b, i ? ",\n    {\"a\": " : "\n    {\"a\": ");
            scx_json_string(&b, p->a);
            scx_buf_puts(&b, ", \"b\": ");
            scx_json_string(&b, p->b);
            scx_buf_printf(&b, ", \"events\": %llu, \"at\": \"%s\", \"r_last\": ",
                          (unsigned long long)p->events, p->at);
            put_num(&b, p->r_last);
            scx_buf_puts(&b, ", \"weight_last\": ");
            put_num(&b, p->weight_last);
            scx_buf_puts(&b, ", \"quad_last\": [");
            for (int q = 0; q < 4; q++) {
                if (q) {
                    scx_buf_puts(&b, ", ");
                }
                put_num(&b, p->quad_last[q]);
            }
            scx_buf_puts(&b, "]}");
        }
        scx_buf_puts(&b, "\n  ]\n}\n");
    } else if (a->format == SC_FORMAT_CSV) {
        scx_buf_puts(&b, "source,target,events,first_day,last_day,r_last,r_min,r_max,weight_last,"
                        "verbal_cooperation,material_cooperation,verbal_conflict,"
                        "material_conflict\n");
        for (size_t i = 0; i < r->n_dyads; i++) {
            const sc_events_dyad *d = &r->dyads[i];
            put_csv(&b, d->source);
            scx_buf_puts(&b, ",");
            put_csv(&b, d->target);
            scx_buf_printf(&b, ",%llu,%s,%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n",
                          (unsigned long long)d->events, d->first_day, d->last_day, d->r_last,
                          d->r_min, d->r_max, d->weight_last, d->quad_last[0], d->quad_last[1],
                          d->quad_last[2], d->quad_last[3]);
        }
    } else {
        scx_buf_printf(&b, "Relation scores (DSMG: h %g days, k %g%s%s)\n", r->params.half_life,
                      r->params.prior, r->at[0] ? ", on " : "", r->at);
        text_stats(&b, &r->stats);
        scx_buf_printf(&b, "\n%-8s %-8s %7s %-10s %-10s %8s %8s %8s %9s\n", "source", "target",
                      "events", "first_day", "last_day", "r_last", "r_min", "r_max",
                      "weight");
        for (size_t i = 0; i < r->n_dyads; i++) {
            const sc_events_dyad *d = &r->dyads[i];
            scx_buf_printf(&b, "%-8s %-8s %7llu %-10s %-10s %+8.3f %+8.3f %+8.3f %9.3f\n",
                          d->source, d->target, (unsigned long long)d->events, d->first_day,
                          d->last_day, d->r_last, d->r_min, d->r_max, d->weight_last);
        }
        scx_buf_printf(&b, "\nUndirected (A_ab + A_ba) / (10 (B_ab + B_ba + k)):\n%-8s %-8s %7s "
                          "%-10s %8s %9s\n",
                      "a", "b", "events", "at", "r", "weight");
        for (size_t i = 0; i < r->n_pairs; i++) {
            const sc_events_pair *p = &r->pairs[i];
            scx_buf_printf(&b, "%-8s %-8s %7llu %-10s %+8.3f %9.3f\n", p->a, p->b,
                          (unsigned long long)p->events, p->at, p->r_last, p->weight_last);
        }
    }
    sc_events_relations_free(r);
    int rc = cli_write_output(a->output, &b);
    scx_buf_destroy(&b);
    return rc;
}

/* ---- timeline ------------------------------------------------------------------------------------ */

/* The dyads a timeline or scenario covers: --dyads, or every dyad (pair) among --actors. */
static int chosen_dyads(args *a, const sc_events_series *s, pair_id **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (a->n_dyads) {
        *out = malloc(a->n_dyads * sizeof **out);
        if (!*out) {
            return SC_EXIT_FAILURE;
        }
        memcpy(*out, a->dyads, a->n_dyads * sizeof **out);
        *n = a->n_dyads;
        return SC_EXIT_OK;
    }
    size_t cap = a->n_actors * a->n_actors;
    pair_id *d = calloc(cap ? cap : 1, sizeof *d);
    if (!d) {
        return SC_EXIT_FAILURE;
    }
    for (size_t i = 0; i < sc_events_series_dyad_count(s); i++) {
        const char *src, *tgt;
        sc_events_series_dyad(s, i, &src, &tgt, NULL, NULL);
        if (a->undirected && strcmp(src, tgt) > 0) {
            const char *t = src;
            src = tgt;
            tgt = t;
        }
        int dup = 0;
        for (size_t j = 0; j < *n; j++) {
            dup |= strcmp(d[j].a, src) == 0 && strcmp(d[j].b, tgt) == 0;
        }
        if (!dup) {
            snprintf(d[*n].a, sizeof d[*n].a, "%s", src);
            snprintf(d[*n].b, sizeof d[*n].b, "%s", tgt);
            (*n)++;
        }
    }
    *out = d;
    return SC_EXIT_OK;
}

static int read_series(args *a, sc_events_series **s)
{
    sc_diag diag;
    sc_diag_init(&diag);
    if (a->n_files == 0) {
        return fail_usage(a, "no event file given");
    }
    if (a->n_actors < 2) {
        return fail_usage(a, "choose the dyads: --actors A,B,... or --dyads A:B,...");
    }
    if (sc_events_series_read(a->files, a->n_files, &a->opts, s, &diag) != SC_OK) {
        return cli_fail(&diag);
    }
    return SC_EXIT_OK;
}

static int cmd_timeline(args *a)
{
    if (a->unga) {
        return fail_usage(a, "a timeline needs event files, not UN ideal points");
    }
    if (!a->format_given) {
        a->format = SC_FORMAT_CSV;
    }
    sc_events_series *s = NULL;
    int rc = read_series(a, &s);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    pair_id *dy = NULL;
    size_t nd = 0;
    if ((rc = chosen_dyads(a, s, &dy, &nd)) != SC_EXIT_OK) {
        sc_events_series_free(s);
        return rc;
    }
    size_t max_shocks = a->shocks ? a->shocks : 5;
    scx_buf b;
    scx_buf_init(&b);
    sc_diag diag;
    sc_diag_init(&diag);
    if (a->format == SC_FORMAT_CSV) {
        scx_buf_puts(&b, "date,source,target,events,weight_day,r,weight,r_short,r_long,shock,"
                         "jump,code\n");
    } else if (a->format == SC_FORMAT_JSON) {
        scx_buf_printf(&b, "{\n  \"statecraft\": \"%s\",\n  \"params\": {\"half_life\": ",
                      sc_version());
        put_num(&b, a->p.half_life);
        scx_buf_puts(&b, ", \"prior\": ");
        put_num(&b, a->p.prior);
        scx_buf_printf(&b, ", \"short\": 14, \"long\": 180, \"undirected\": %s},\n  ",
                      a->undirected ? "true" : "false");
        json_stats(&b, sc_events_series_stats(s));
        scx_buf_puts(&b, ",\n  \"dyads\": [");
    } else {
        scx_buf_printf(&b, "Timelines (DSMG h %g, k %g; short memory h 14, long h 180)\n",
                      a->p.half_life, a->p.prior);
        text_stats(&b, sc_events_series_stats(s));
    }
    for (size_t i = 0; i < nd && rc == SC_EXIT_OK; i++) {
        sc_events_timeline_row *rows = NULL;
        size_t n = 0;
        if (sc_events_series_timeline(s, dy[i].a, dy[i].b, a->undirected, &a->p, a->opts.from,
                                      a->at ? a->at : a->opts.to, &rows, &n, &diag) != SC_OK) {
            rc = cli_fail(&diag);
            break;
        }
        size_t *sh = calloc(max_shocks, sizeof *sh);
        size_t ns = sh ? sc_events_timeline_shocks(rows, n, max_shocks, sh) : 0;
        if (a->format == SC_FORMAT_CSV) {
            for (size_t k = 0; k < n; k++) {
                const sc_events_timeline_row *r = &rows[k];
                scx_buf_printf(&b, "%s,%s,%s,%u,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%s\n",
                               r->date, dy[i].a, dy[i].b, r->events, r->weight_day, r->r,
                               r->weight, r->r_short, r->r_long, r->shock, r->jump,
                               r->code ? r->code : "");
            }
        } else if (a->format == SC_FORMAT_JSON) {
            scx_buf_puts(&b, i ? ",\n    {\"source\": " : "\n    {\"source\": ");
            scx_json_string(&b, dy[i].a);
            scx_buf_puts(&b, ", \"target\": ");
            scx_json_string(&b, dy[i].b);
            scx_buf_puts(&b, ",\n     \"days\": [");
            for (size_t k = 0; k < n; k++) {
                const sc_events_timeline_row *r = &rows[k];
                scx_buf_printf(&b, "%s{\"date\": \"%s\", \"events\": %u, \"r\": ", k ? ", " : "",
                              r->date, r->events);
                put_num(&b, r->r);
                scx_buf_puts(&b, ", \"weight\": ");
                put_num(&b, r->weight);
                scx_buf_puts(&b, ", \"r_short\": ");
                put_num(&b, r->r_short);
                scx_buf_puts(&b, ", \"r_long\": ");
                put_num(&b, r->r_long);
                scx_buf_puts(&b, ", \"shock\": ");
                put_num(&b, r->shock);
                scx_buf_puts(&b, ", \"jump\": ");
                put_num(&b, r->jump);
                scx_buf_puts(&b, "}");
            }
            scx_buf_puts(&b, "],\n     \"shocks\": [");
            for (size_t k = 0; k < ns; k++) {
                const sc_events_timeline_row *r = &rows[sh[k]];
                scx_buf_printf(&b, "%s{\"date\": \"%s\", \"shock\": ", k ? ", " : "", r->date);
                put_num(&b, r->shock);
                scx_buf_puts(&b, ", \"jump\": ");
                put_num(&b, r->jump);
                scx_buf_puts(&b, ", \"r_short\": ");
                put_num(&b, r->r_short);
                scx_buf_puts(&b, ", \"r_long\": ");
                put_num(&b, r->r_long);
                scx_buf_puts(&b, ", \"code\": ");
                if (r->code) {
                    scx_json_string(&b, r->code);
                } else {
                    scx_buf_puts(&b, "null");
                }
                scx_buf_puts(&b, "}");
            }
            scx_buf_puts(&b, "]}");
        } else {
            scx_buf_printf(&b, "\n%s %s %s: %zu days", dy[i].a, a->undirected ? "-" : "->",
                          dy[i].b, n);
            if (n) {
                scx_buf_printf(&b, " (%s to %s), R on the last day %+.3f", rows[0].date,
                              rows[n - 1].date, rows[n - 1].r);
            }
            scx_buf_puts(&b, "\n");
            if (ns) {
                scx_buf_printf(&b, "  %-10s %8s %8s %8s %8s  %s\n", "shock day", "r_short",
                               "r_long", "shock", "jump", "strongest record");
            }
            for (size_t k = 0; k < ns; k++) {
                const sc_events_timeline_row *r = &rows[sh[k]];
                const sc_cameo_code *cc = r->code ? sc_cameo_find(r->code) : NULL;
                scx_buf_printf(&b, "  %-10s %+8.3f %+8.3f %+8.3f %+8.3f  %s %s\n", r->date,
                               r->r_short, r->r_long, r->shock, r->jump, r->code ? r->code : "",
                               cc ? cc->label : "");
            }
        }
        free(sh);
        sc_free(rows);
    }
    if (a->format == SC_FORMAT_JSON) {
        scx_buf_puts(&b, "\n  ]\n}\n");
    }
    free(dy);
    sc_events_series_free(s);
    if (rc == SC_EXIT_OK) {
        rc = cli_write_output(a->output, &b);
    }
    scx_buf_destroy(&b);
    return rc;
}

/* ---- scenario -------------------------------------------------------------------------------------- */

static const char *actor_name(const char *id)
{
    if (strcmp(id, "NATO") == 0) {
        return "North Atlantic Treaty Organization";
    }
    if (strcmp(id, "EU") == 0) {
        return "European Union";
    }
    if (strcmp(id, "UN") == 0) {
        return "United Nations";
    }
    const char *n = sc_country_name(id);
    return n ? n : id;
}

static void scenario_head(scx_buf *b, args *a, const char *title, const char *date,
                          const char *description)
{
    scx_buf_puts(b, "# Written by statecraft events scenario from:\n");
    for (size_t i = 0; i < a->n_files; i++) {
        scx_buf_printf(b, "#   %s\n", a->files[i]);
    }
    scx_buf_puts(b, "statecraft: 1\n\nmetadata:\n  title: ");
    put_yaml(b, title);
    scx_buf_printf(b, "\n  date: %s\n  description: ", date);
    put_yaml(b, description);
    scx_buf_puts(b, "\n  authors: [statecraft events scenario]\n\nactors:\n");
    for (size_t i = 0; i < a->n_actors; i++) {
        scx_buf_printf(b, "  - id: %s\n    name: ", a->actors[i]);
        put_yaml(b, actor_name(a->actors[i]));
        scx_buf_puts(b, "\n    capability: {value: 1, source: \"placeholder: equal capabilities; "
                       "event data say nothing about power (replace with CINC or spending)\"}\n");
    }
}

static int scenario_unga(args *a)
{
    if (a->n_actors < 2) {
        return fail_usage(a, "choose the actors: --actors A,B,...");
    }
    sc_unga *u = NULL;
    unga_pair *pp = NULL;
    char **ids = NULL;
    size_t n = 0, n_ids = 0;
    int session = 0;
    int rc = unga_pairs(a, &u, &session, &pp, &n, &ids, &n_ids);
    if (rc == SC_EXIT_OK && n_ids != a->n_actors) {
        fprintf(stderr, "statecraft %s: error: every actor needs an ideal point in session %d\n",
                a->cmd, session);
        rc = SC_EXIT_USAGE;
    }
    if (rc != SC_EXIT_OK) {
        free(pp);
        free_ids(a, ids, n_ids);
        sc_unga_free(u);
        return rc;
    }
    char title[128], date[16], desc[512];
    int year = sc_unga_session_year(session);
    snprintf(title, sizeof title, "Relations from UN General Assembly voting, session %d (%d)",
             session, year);
    snprintf(date, sizeof date, "%d-12-31", year);
    snprintf(desc, sizeof desc,
             "Amity between every pair of actors from the distance between their UN General "
             "Assembly ideal points in session %d (%d), through the fitted map to vote agreement "
             "(amity = 2 agreement - 1).",
             session, year);
    scx_buf b;
    scx_buf_init(&b);
    scenario_head(&b, a, a->title ? a->title : title, date, desc);
    scx_buf_puts(&b, "\nsources:\n  - id: unga\n    citation: ");
    char cit[1024];
    snprintf(cit, sizeof cit,
             "UN General Assembly ideal points, session %d, Bailey, Strezhnev & Voeten (2017), "
             "JCR 61(2): 430-456; file %s",
             session, a->files[0]);
    put_yaml(&b, cit);
    scx_buf_puts(&b, "\n  - id: unga-map\n    citation: ");
    sc_unga_map udef;
    sc_unga_map_init(&udef);
    char ugiven[160];
    snprintf(ugiven, sizeof ugiven,
             "agreement = 1 / (1 + exp(-(%.6g %+.6g d))), amity = 2 agreement - 1 "
             "(--agreement-map)",
             a->unga_map.alpha, a->unga_map.beta);
    put_yaml(&b, a->unga_map.alpha == udef.alpha && a->unga_map.beta == udef.beta
                     ? sc_unga_map_source()
                     : ugiven);
    scx_buf_puts(&b, "\n\nrelations:\n");
    for (size_t i = 0; i < n; i++) {
        scx_buf_printf(&b, "  - pair: [%s, %s]\n    amity: {value: %.3f, source: unga}\n"
                          "    rationale: \"ideal points %.3f and %.3f, distance %.3f, expected "
                          "agreement %.3f (unga-map)\"\n",
                      pp[i].a, pp[i].b, pp[i].amity, pp[i].xa, pp[i].xb, pp[i].d, pp[i].agree);
    }
    rc = cli_write_output(a->output, &b);
    scx_buf_destroy(&b);
    free(pp);
    free_ids(a, ids, n_ids);
    sc_unga_free(u);
    return rc;
}

static int days_between(const char *a, const char *b)
{
    /* b - a in days, for two valid yyyy-mm-dd dates */
    int y1, m1, d1, y2, m2, d2;
    sscanf(a, "%d-%d-%d", &y1, &m1, &d1);
    sscanf(b, "%d-%d-%d", &y2, &m2, &d2);
    struct tm ta = {0}, tb = {0};
    ta.tm_year = y1 - 1900;
    ta.tm_mon = m1 - 1;
    ta.tm_mday = d1;
    ta.tm_hour = 12;
    tb.tm_year = y2 - 1900;
    tb.tm_mon = m2 - 1;
    tb.tm_mday = d2;
    tb.tm_hour = 12;
    return (int)lround(difftime(timegm(&tb), timegm(&ta)) / 86400.0);
}

static void add_days(const char *date, int n, char out[11])
{
    int y, m, d;
    sscanf(date, "%d-%d-%d", &y, &m, &d);
    struct tm t = {0};
    t.tm_year = y - 1900;
    t.tm_mon = m - 1;
    t.tm_mday = d + n;
    t.tm_hour = 12;
    time_t tt = timegm(&t);
    struct tm r;
    gmtime_r(&tt, &r);
    char txt[32];
    snprintf(txt, sizeof txt, "%04d-%02d-%02d", (r.tm_year + 1900) % 10000, (r.tm_mon + 1) % 100,
             r.tm_mday % 100);
    memcpy(out, txt, 10);
    out[10] = '\0';
}

typedef struct shock_event {
    char date[11];
    const char *a, *b;
    double amity, r, r_short, r_long;
    const char *code;
} shock_event;

static int cmp_shock(const void *x, const void *y)
{
    const shock_event *p = x, *q = y;
    int c = strcmp(p->date, q->date);
    if (c) {
        return c;
    }
    c = strcmp(p->a, q->a);
    return c ? c : strcmp(p->b, q->b);
}

static int cmd_scenario(args *a)
{
    if (a->unga) {
        return scenario_unga(a);
    }
    if (!a->at) {
        return fail_usage(a, "the scenario needs --at DATE (the day its events run up to)");
    }
    char since[11];
    if (a->since) {
        snprintf(since, sizeof since, "%s", a->since);
    } else {
        add_days(a->at, -90, since);
    }
    if (days_between(since, a->at) < 1) {
        return fail_usage(a, "--since must come before --at");
    }
    a->undirected = 1;
    a->opts.to = a->at;
    sc_events_series *s = NULL;
    int rc = read_series(a, &s);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    sc_amity_map map = a->amity_map;
    size_t max_shocks = a->shocks ? a->shocks : 3;
    sc_diag diag;
    sc_diag_init(&diag);
    size_t np = a->n_actors * (a->n_actors - 1) / 2;
    shock_event *ev = calloc(np * (max_shocks + 1) + 1, sizeof *ev);
    double *base = calloc(np, sizeof *base), *base_r = calloc(np, sizeof *base_r);
    uint64_t *base_events = calloc(np, sizeof *base_events);
    if (!ev || !base || !base_r || !base_events) {
        sc_events_series_free(s);
        free(ev);
        free(base);
        free(base_r);
        free(base_events);
        return SC_EXIT_FAILURE;
    }
    size_t nev = 0, k = 0;
    char from1[11];
    add_days(since, 1, from1);
    for (size_t i = 0; i < a->n_actors && rc == SC_EXIT_OK; i++) {
        for (size_t j = i + 1; j < a->n_actors && rc == SC_EXIT_OK; j++, k++) {
            const char *x = a->actors[i], *y = a->actors[j];
            sc_dsmg_state st;
            if (sc_events_series_score(s, x, y, 1, since, &a->p, &st, &diag) != SC_OK) {
                rc = cli_fail(&diag);
                break;
            }
            base[k] = sc_amity_map_apply(&map, st.r);
            base_r[k] = st.r;
            base_events[k] = st.events;
            sc_events_timeline_row *rows = NULL;
            size_t n = 0;
            if (sc_events_series_timeline(s, x, y, 1, &a->p, from1, a->at, &rows, &n, &diag) !=
                SC_OK) {
                rc = cli_fail(&diag);
                break;
            }
            size_t sh[1000];
            size_t ns = sc_events_timeline_shocks(rows, n, max_shocks, sh);
            for (size_t q = 0; q < ns; q++) {
                const sc_events_timeline_row *r = &rows[sh[q]];
                shock_event *e = &ev[nev++];
                memcpy(e->date, r->date, 11);
                e->a = x;
                e->b = y;
                e->r = r->r;
                e->amity = sc_amity_map_apply(&map, r->r);
                e->r_short = r->r_short;
                e->r_long = r->r_long;
                e->code = r->code;
            }
            /* the closing state on --at, when the pair's score moved since its last shock */
            if (n > 0) {
                const sc_events_timeline_row *r = &rows[n - 1];
                double last = ns ? ev[nev - 1].amity : base[k];
                double now = sc_amity_map_apply(&map, r->r);
                if (fabs(now - last) >= 0.0005) {
                    shock_event *e = &ev[nev++];
                    memcpy(e->date, r->date, 11);
                    e->a = x;
                    e->b = y;
                    e->r = r->r;
                    e->amity = now;
                    e->r_short = r->r_short;
                    e->r_long = r->r_long;
                    e->code = NULL;
                }
            }
            sc_free(rows);
        }
    }
    if (rc != SC_EXIT_OK) {
        sc_events_series_free(s);
        free(ev);
        free(base);
        free(base_r);
        free(base_events);
        return rc;
    }
    qsort(ev, nev, sizeof *ev, cmp_shock);
    sc_amity_map m = a->amity_map;
    char title[160], desc[640];
    snprintf(title, sizeof title, "Relations from event data, %s to %s", since, a->at);
    snprintf(desc, sizeof desc,
             "Amity of every pair from the undirected DSMG relation score (h %g days, k %g) on "
             "%s, mapped by amity = clamp(%.4f %+.4f R); dated events set the amity of a pair on "
             "the days its short (h 14) and long (h 180) memories diverge most, and on %s.",
             a->p.half_life, a->p.prior, since, m.intercept, m.slope, a->at);
    scx_buf b;
    scx_buf_init(&b);
    scenario_head(&b, a, a->title ? a->title : title, since, desc);
    scx_buf_puts(&b, "\nsources:\n");
    for (size_t i = 0; i < a->n_files; i++) {
        char cit[1200];
        snprintf(cit, sizeof cit, "event file %s (%s)", a->files[i],
                 sc_events_format_name(sc_events_series_stats(s)->files[i].format));
        scx_buf_printf(&b, "  - id: data-%zu\n    citation: ", i + 1);
        put_yaml(&b, cit);
        scx_buf_puts(&b, "\n");
    }
    char method[600];
    sc_amity_map def;
    sc_amity_map_init(&def);
    char given[120];
    snprintf(given, sizeof given, "amity = clamp(%.6g %+.6g R, -1, 1) (--amity-map)",
             m.intercept, m.slope);
    snprintf(method, sizeof method,
             "decayed, shrunk, weighted mean Goldstein score (docs/events.md; h %g days, k %g, "
             "GDELT Goldstein values of the CAMEO codes) mapped to amity by %s",
             a->p.half_life, a->p.prior,
             m.intercept == def.intercept && m.slope == def.slope ? sc_amity_map_source() : given);
    scx_buf_puts(&b, "  - id: dsmg\n    citation: ");
    put_yaml(&b, method);
    scx_buf_puts(&b, "\n\nrelations:\n");
    char srcs[64] = "data-1";
    if (a->n_files > 1) {
        snprintf(srcs, sizeof srcs, "data-1..data-%zu", a->n_files);
    }
    k = 0;
    for (size_t i = 0; i < a->n_actors; i++) {
        for (size_t j = i + 1; j < a->n_actors; j++, k++) {
            scx_buf_printf(&b, "  - pair: [%s, %s]\n    amity: {value: %.3f, source: dsmg}\n",
                          a->actors[i], a->actors[j], base[k]);
            scx_buf_printf(&b, "    rationale: \"R = %+.4f on %s from %llu record%s (%s)%s\"\n",
                           base_r[k], since, (unsigned long long)base_events[k],
                           base_events[k] == 1 ? "" : "s", srcs,
                           base_events[k] ? "" : "; no records: the neutral prior");
        }
    }
    if (nev) {
        scx_buf_puts(&b, "\nevents:\n");
    }
    for (size_t i = 0; i < nev; i++) {
        const shock_event *e = &ev[i];
        const sc_cameo_code *cc = e->code ? sc_cameo_find(e->code) : NULL;
        scx_buf_printf(&b, "  - id: %s-%s-%s%s\n    date: %s\n    actors: [%s, %s]\n", e->a, e->b,
                      e->date, cc ? "" : "-state", e->date, e->a, e->b);
        if (cc) {
            scx_buf_printf(&b, "    cameo: \"%s\"\n", cc->code);
        }
        char what[400];
        if (cc) {
            snprintf(what, sizeof what,
                     "shock in %s-%s relations: short-memory score %+.3f against long-memory "
                     "%+.3f; strongest record %s (%s)",
                     e->a, e->b, e->r_short, e->r_long, cc->code, cc->label);
        } else {
            snprintf(what, sizeof what, "%s-%s relations as the data stand on %s (score %+.3f)",
                     e->a, e->b, e->date, e->r);
        }
        scx_buf_puts(&b, "    what: ");
        put_yaml(&b, what);
        scx_buf_printf(&b, "\n    source: dsmg\n    shifts:\n      - {target: relation.%s.%s.amity, "
                          "set: %.3f}  # R = %+.4f\n",
                      e->a, e->b, e->amity, e->r);
    }
    sc_events_series_free(s);
    free(ev);
    free(base);
    free(base_r);
    free(base_events);
    rc = cli_write_output(a->output, &b);
    scx_buf_destroy(&b);
    return rc;
}

/* ---- fit ------------------------------------------------------------------------------------------- */

static int cmd_fit_unga(args *a)
{
    sc_diag diag;
    sc_diag_init(&diag);
    sc_unga *u = NULL;
    if (sc_unga_read(a->unga_path, &u, &diag) != SC_OK) {
        return cli_fail(&diag);
    }
    int first = a->first_session ? a->first_session : 1;
    int last = a->last_session ? a->last_session : sc_unga_last_session(u);
    sc_unga_map m;
    sc_unga_fit_info info;
    if (sc_unga_map_fit(u, first, last, &m, &info, &diag) != SC_OK) {
        sc_unga_free(u);
        return cli_fail(&diag);
    }
    sc_unga_free(u);
    scx_buf b;
    scx_buf_init(&b);
    if (a->format == SC_FORMAT_JSON) {
        scx_buf_printf(&b, "{\"sessions\": [%d, %d], \"alpha\": ", first, last);
        put_num(&b, m.alpha);
        scx_buf_puts(&b, ", \"beta\": ");
        put_num(&b, m.beta);
        scx_buf_printf(&b, ", \"n\": %zu, \"deviance\": ", info.n);
        put_num(&b, info.deviance);
        scx_buf_puts(&b, ", \"rmse\": ");
        put_num(&b, info.rmse);
        scx_buf_puts(&b, "}\n");
    } else {
        scx_buf_printf(&b, "agreement(d) = 1 / (1 + exp(-(alpha + beta d))), sessions %d-%d\n"
                          "alpha %.17g\nbeta  %.17g\nn %zu country-sessions x references, "
                          "deviance %.6g, rmse %.4f\n",
                      first, last, m.alpha, m.beta, info.n, info.deviance, info.rmse);
    }
    int rc = cli_write_output(a->output, &b);
    scx_buf_destroy(&b);
    return rc;
}

/*
 * Fits amity = intercept + slope R: each event file is scored on its own (at --at, or on each
 * pair's last day), and every pair of it with a reference amity (UN voting amity in the session
 * of the pair's year, or the scenario's relation) is one observation, weighted by its evidence B.
 */
static int cmd_fit(args *a)
{
    if (a->unga_path) {
        return cmd_fit_unga(a);
    }
    if (!a->against) {
        return fail_usage(a, "fit needs --against IDEALPOINTS.csv|SCENARIO (or --unga FILE)");
    }
    if (a->n_files == 0) {
        return fail_usage(a, "no event file given");
    }
    sc_diag diag;
    sc_diag_init(&diag);
    sc_unga *u = NULL;
    sc_scenario *sc = NULL;
    int ref_unga = looks_unga(a->against);
    if (ref_unga ? sc_unga_read(a->against, &u, &diag) != SC_OK
                 : sc_scenario_load(a->against, &sc, &diag) != SC_OK) {
        return cli_fail(&diag);
    }
    if (!ref_unga && !a->at && sc_scenario_date(sc)) {
        a->at = sc_scenario_date(sc);
    }
    if (!ref_unga && !a->n_actors) {
        for (size_t i = 0; i < sc_scenario_actor_count(sc); i++) {
            const char *id = sc_scenario_actor(sc, i)->id;
            if (add_actor(a, id, strlen(id)) != SC_EXIT_OK) {
                break;
            }
        }
        a->opts.actors = (const char *const *)a->actors;
        a->opts.n_actors = a->n_actors;
    }
    int rc = SC_EXIT_OK;
    size_t n = 0, cap = 0;
    double *x = NULL, *y = NULL, *w = NULL;
    sc_unga_map um = a->unga_map;
    for (size_t f = 0; f < a->n_files && rc == SC_EXIT_OK; f++) {
        sc_events_relations *r = NULL;
        if (sc_events_relations_compute(&a->files[f], 1, &a->opts, &a->p, a->at, &r, &diag) !=
            SC_OK) {
            rc = cli_fail(&diag);
            break;
        }
        if (n + r->n_pairs > cap) {
            cap = 2 * (n + r->n_pairs);
            double *nx = realloc(x, cap * sizeof *nx), *ny = nx ? realloc(y, cap * sizeof *ny) : NULL,
                   *nw = ny ? realloc(w, cap * sizeof *nw) : NULL;
            x = nx ? nx : x;
            y = ny ? ny : y;
            w = nw ? nw : w;
            if (!nx || !ny || !nw) {
                rc = SC_EXIT_FAILURE;
            }
        }
        for (size_t i = 0; rc == SC_EXIT_OK && i < r->n_pairs; i++) {
            const sc_events_pair *p = &r->pairs[i];
            double ref;
            if (ref_unga) {
                int session = atoi(p->at) - 1945;
                if (session > sc_unga_last_session(u)) {
                    session = sc_unga_last_session(u);
                }
                double xa, xb;
                if (sc_unga_ideal_point(u, p->a, session, &xa, NULL) != SC_OK ||
                    sc_unga_ideal_point(u, p->b, session, &xb, NULL) != SC_OK) {
                    continue;
                }
                ref = sc_unga_amity(&um, fabs(xa - xb));
            } else {
                long ia = sc_scenario_actor_index(sc, p->a), ib = sc_scenario_actor_index(sc, p->b);
                const sc_relation *rel =
                    ia >= 0 && ib >= 0 ? sc_scenario_relation(sc, (size_t)ia, (size_t)ib) : NULL;
                if (!rel || !rel->present) {
                    continue;
                }
                ref = rel->amity.value;
            }
            x[n] = p->r_last;
            y[n] = ref;
            w[n] = p->weight_last;
            n++;
        }
        sc_events_relations_free(r);
    }
    sc_amity_map m;
    double r2 = 0;
    sc_amity_fit method = a->fit_ls ? SC_AMITY_FIT_LEAST_SQUARES : SC_AMITY_FIT_EQUATE;
    if (rc == SC_EXIT_OK && sc_amity_map_fit(x, y, w, n, method, &m, &r2, &diag) != SC_OK) {
        rc = cli_fail(&diag);
    }
    if (rc == SC_EXIT_OK) {
        scx_buf b;
        scx_buf_init(&b);
        if (a->format == SC_FORMAT_JSON) {
            scx_buf_printf(&b, "{\"method\": \"%s\", \"intercept\": ",
                           a->fit_ls ? "least-squares" : "equate");
            put_num(&b, m.intercept);
            scx_buf_puts(&b, ", \"slope\": ");
            put_num(&b, m.slope);
            scx_buf_printf(&b, ", \"n\": %zu, \"r2\": ", n);
            put_num(&b, r2);
            scx_buf_puts(&b, "}\n");
        } else {
            scx_buf_printf(&b, "amity = intercept + slope R (%s) against %s (%s)\n"
                               "intercept %.17g\nslope     %.17g\n"
                               "n %zu pairs weighted by their evidence B; squared correlation "
                               "%.4f (h %g, k %g)\n",
                           a->fit_ls ? "least squares" : "0 kept, spread matched",
                           a->against, ref_unga ? "UN voting amity" : "the scenario's amities",
                           m.intercept, m.slope, n, r2, a->p.half_life, a->p.prior);
        }
        rc = cli_write_output(a->output, &b);
        scx_buf_destroy(&b);
    }
    free(x);
    free(y);
    free(w);
    sc_unga_free(u);
    sc_scenario_free(sc);
    return rc;
}

/* ---- dispatch ----------------------------------------------------------------------------------- */

static int run(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cli_print_help(argc < 2 ? stderr : stdout, &spec);
        return argc < 2 ? SC_EXIT_USAGE : SC_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        cli_print_version(stdout);
        return SC_EXIT_OK;
    }
    static int (*const fns[])(args *) = {cmd_relations, cmd_timeline, cmd_scenario, cmd_fit};
    for (size_t i = 0; actions[i]; i++) {
        if (strcmp(argv[1], actions[i]) != 0) {
            continue;
        }
        args a;
        memset(&a, 0, sizeof a);
        a.cmd = subs[i]->name;
        sc_events_opts_init(&a.opts);
        sc_dsmg_params_init(&a.p);
        sc_amity_map_init(&a.amity_map);
        sc_unga_map_init(&a.unga_map);
        int rc = parse_args(&a, subs[i], argc - 1, argv + 1);
        if (rc == -1) {
            rc = SC_EXIT_OK;
        } else if (rc == SC_EXIT_OK) {
            rc = fns[i](&a);
        }
        args_free(&a);
        return rc;
    }
    return cli_check_name("events", NULL, "action", argv[1], actions, 4);
}

const sc_cli_command sc_cli_command_events = {
    "events", "event data (GDELT, ICEWS, Phoenix) and UN votes as relation scores", run, &spec};
