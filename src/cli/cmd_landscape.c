/* SPDX-License-Identifier: MIT */
/* `statecraft landscape`: coalition landscapes from a scenario or from tables. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_output.h"
#include "statecraft/landscape.h"

enum { O_METHOD = 1, O_BLOCS, O_MINIMA, O_BASINS, O_SHIFT, O_SIZE_COLUMN, O_SET_SIZE,
       O_TRADE_WEIGHT };

static const char *const methods[] = {"pruned", "exhaustive", NULL};

static const cli_opt options[] = {
    {O_METHOD, 0, "method", CLI_CHOICE, 0, "M",
     "pruned (default: exact, skips subtrees that cannot hold a minimum) or exhaustive\n"
     "(visits all 2^(n-1) configurations in Gray-code order); both give identical results",
     methods, 0, 0, CLI_NAMES_NONE},
    {O_BLOCS, 0, "blocs", CLI_UINT, 0, "K",
     "also find the best split into at most K blocs (exact branch and bound; 2: only the\n"
     "two-bloc search); default the scenario's `landscape: {blocs}`, else 3",
     NULL, 2, 64, CLI_NAMES_NONE},
    {O_MINIMA, 0, "minima", CLI_UINT, 0, "N", "list at most N local minima (default 10)", NULL, 0,
     0, CLI_NAMES_NONE},
    {O_BASINS, 0, "basins", CLI_UINT, 0, "N",
     "estimate basins from N random starts (0: off); default the scenario's\n"
     "`landscape: {basin_samples}`, else 2000",
     NULL, 0, 1e7, CLI_NAMES_NONE},
    CLI_OPT_SEED("seed of the basin estimate (default 20250212, as statecraft run)"),
    CLI_OPT_THREADS,
    {O_TRADE_WEIGHT, 0, "trade-weight", CLI_NUMBER, 0, "W",
     "scenario only: add W x (dyad trade / largest trade) to the amity; default the\n"
     "scenario's `landscape: {trade_weight}`, else 0",
     NULL, 0, 10, CLI_NAMES_NONE},
    {O_SET_SIZE, 0, "set-size", CLI_STRING, 0, "NAME=V",
     "override one actor's size (e.g. --set-size Syria=10)", NULL, 0, 0, CLI_NAMES_NONE},
    CLI_OPT_HEADING("Tables (SIZES.csv PROPENSITY.csv):"),
    {O_SHIFT, 0, "shift", CLI_NUMBER, CLI_NEGATIVE, "S",
     "add S to every matrix entry (e.g. -3 for a 1..5 scale)", NULL, 0, 0, CLI_NAMES_NONE},
    {O_SIZE_COLUMN, 0, "size-column", CLI_STRING, 0, "NAME",
     "the sizes column of SIZES.csv (default strength, size or cinc)", NULL, 0, 0,
     CLI_NAMES_NONE},
    CLI_OPTS_STATE,
    CLI_OPT_HEADING("Output:"),
    CLI_OPT_FORMAT,
    CLI_OPT_OUTPUT,
    CLI_OPT_TABLE_END};

static const cli_spec spec = {
    .name = "landscape",
    .summary = "coalition landscapes: blocs, local minima, basins",
    .synopsis = "[SCENARIO] [--blocs K] [--basins N] [--trade-weight W] [STATE] [options]\n"
                "SIZES.csv PROPENSITY.csv [--shift S] [--size-column NAME] [options]",
    .description =
        "Axelrod & Bennett's landscape theory of aggregation: the two-bloc configurations of\n"
        "least energy (exhaustive search), every local minimum with its basin of attraction, and\n"
        "the best split into at most K blocs (exact branch and bound). From a scenario (the\n"
        "built-in one without SCENARIO) sizes are the capabilities and propensities the amities\n"
        "in the chosen state, and the settings are the scenario's `landscape:` section, as in\n"
        "statecraft run; an option overrides one, and the output says where each came from.\n"
        "docs/models/landscape.md gives the equations.\n",
    .options = options,
    .formats = "text json csv",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft landscape --after-events=2025-02-14\n"
                "the built-in scenario's blocs after the events up to 14 February\n"
                "\n"
                "statecraft landscape examples/landscape-1936/sizes_1936.csv "
                "examples/landscape-1936/propensity_1936.csv --size-column cinc_1936\n"
                "Europe in 1936 from tables\n",
    .see_also = "statecraft-run(1), docs/models/landscape.md"};

typedef struct input {
    size_t n;
    const char **names; /* borrowed */
    double *size, *prop;
} input;

/* Where the JSON document goes: standard output, or a buffer when it is to be rendered as CSV. */
static scx_buf *json_sink;

static void emit(const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static void emit(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (json_sink) {
        va_list ap2;
        va_copy(ap2, ap);
        int n = vsnprintf(NULL, 0, fmt, ap2);
        va_end(ap2);
        char *tmp = n >= 0 ? malloc((size_t)n + 1) : NULL;
        if (tmp) {
            vsnprintf(tmp, (size_t)n + 1, fmt, ap);
            scx_buf_append(json_sink, tmp, (size_t)n);
            free(tmp);
        } else {
            json_sink->error = SC_ENOMEM;
        }
    } else {
        vprintf(fmt, ap);
    }
    va_end(ap);
}

/* Writes s as a JSON string (names from a CSV file may hold quotes or control characters). */
static void print_json_string(const char *s)
{
    scx_buf b;
    scx_buf_init(&b);
    scx_json_string(&b, s);
    if (b.error) {
        if (json_sink && !json_sink->error) {
            json_sink->error = b.error;
        }
    } else {
        emit("%s", b.data);
    }
    scx_buf_destroy(&b);
}

static void print_blocs(const input *in, uint64_t mask, int json)
{
    for (int side = 0; side < 2; side++) {
        emit(json ? (side ? ",[" : "[") : (side ? " | " : "{"));
        int first = 1;
        for (size_t i = 0; i < in->n; i++) {
            if ((int)((mask >> i) & 1u) == side) {
                if (json) {
                    emit("%s", first ? "" : ",");
                    print_json_string(in->names[i]);
                } else {
                    emit("%s%s", first ? "" : " ", in->names[i]);
                }
                first = 0;
            }
        }
        emit(json ? "]" : "");
    }
    emit(json ? "" : "}");
}

static int report(const input *in, const sc_landscape_params *p, int exhaustive, size_t blocs,
                  size_t show, sc_format format, const char *json_extra)
{
    sc_diag diag;
    sc_diag_init(&diag);
    sc_landscape_result *r = NULL;
    /* Ctrl-C (SIGTERM) stops the search: the minima of the configurations searched, marked
     * partial, exit 130; a progress line on a terminal */
    sc_landscape_params q = *p;
    cli_progress pr;
    cli_long_begin(&pr, "landscape", "configurations", &q.progress, &q.progress_ctx, &q.cancel);
    sc_status st = exhaustive ? sc_landscape_search2_gray(in->n, in->size, in->prop, &q, &r, &diag)
                              : sc_landscape_search2(in->n, in->size, in->prop, &q, &r, &diag);
    cli_progress_done(&pr);
    int partial = st == SC_ELIMIT && r && cli_interrupted;
    if (st != SC_OK && !partial) {
        cli_interrupt_end();
        sc_landscape_result_free(r);
        return cli_fail(&diag);
    }
    uint64_t all = (uint64_t)1 << (in->n - 1);
    if (partial) {
        char what[160];
        snprintf(what, sizeof what, "%llu of %llu configurations searched; the minima among them "
                                    "follow",
                 (unsigned long long)r->configurations, (unsigned long long)all);
        cli_interrupt_note("landscape", what);
        blocs = 2; /* no k-bloc search after an interrupt */
    }
    /* the k-bloc branch and bound: an interrupt keeps the best split found so far (k_partial) */
    int *labels = NULL;
    double ek = 0;
    uint64_t nodes = 0;
    int have_k = 0, k_partial = 0;
    if (blocs > 2) {
        labels = malloc(in->n * sizeof *labels);
        if (!labels) {
            cli_interrupt_end();
            sc_landscape_result_free(r);
            return SC_EXIT_FAILURE;
        }
        /* started from the two-bloc global minimum: an interrupted search then answers at least
         * as well as the two-bloc search did, where from one bloc it could answer far worse */
        int *start = r->n_minima ? malloc(in->n * sizeof *start) : NULL;
        if (r->n_minima && !start) {
            cli_interrupt_end();
            free(labels);
            sc_landscape_result_free(r);
            return SC_EXIT_FAILURE;
        }
        for (size_t i = 0; start && i < in->n; i++) {
            start[i] = (int)(r->global.mask >> i & 1u);
        }
        q.k_start = start;
        cli_progress_init(&pr, "landscape", "branch-and-bound nodes");
        sc_status kst = sc_landscape_search_k(in->n, in->size, in->prop, blocs, 0, &q, labels,
                                              &ek, &nodes, &diag);
        cli_progress_done(&pr);
        q.k_start = NULL;
        free(start);
        k_partial = kst == SC_ELIMIT && cli_interrupted;
        if (kst != SC_OK && !k_partial) {
            cli_interrupt_end();
            free(labels);
            sc_landscape_result_free(r);
            return cli_fail(&diag);
        }
        if (k_partial) {
            char what[160];
            snprintf(what, sizeof what, "the k-bloc search stopped after %llu nodes; its best "
                                        "split so far follows, not proven the best",
                     (unsigned long long)nodes);
            cli_interrupt_note("landscape", what);
        }
        have_k = 1;
    }
    cli_interrupt_end();
    /* CSV is a rendering of the JSON document */
    int json = format == SC_FORMAT_JSON || format == SC_FORMAT_CSV;
    scx_buf doc;
    scx_buf_init(&doc);
    json_sink = format == SC_FORMAT_CSV ? &doc : NULL;
    if (json) {
        if (partial) {
            /* what the interrupted search covered; its minima are those of that part only */
            emit("{\"partial\":true,\"configurations_total\":%llu,", (unsigned long long)all);
        } else if (k_partial) {
            emit("{\"partial\":true,"); /* the two-bloc search is whole, the k-bloc one is not */
        } else {
            emit("{");
        }
        emit("\"model\":\"landscape\",%s\"method\":\"%s\",\"actors\":%zu,\"configurations\":%llu,"
               "\"n_local_minima\":%zu,\"global\":",
               json_extra ? json_extra : "", exhaustive ? "exhaustive" : "pruned", in->n,
               (unsigned long long)r->configurations, r->n_minima);
        if (r->n_minima == 0) {
            emit("null"); /* an interrupted search that had found none */
        } else {
            emit("{\"energy\":%.17g,\"basin\":%.17g,\"blocs\":[", r->global.energy,
                 r->global.basin);
            print_blocs(in, r->global.mask, 1);
            emit("]}");
        }
        emit(",\"local_minima\":[");
        for (size_t k = 0; k < r->n_kept && k < show; k++) {
            emit("%s{\"energy\":%.17g,\"basin\":%.17g,\"blocs\":[", k ? "," : "",
                   r->minima[k].energy, r->minima[k].basin);
            print_blocs(in, r->minima[k].mask, 1);
            emit("]}");
        }
        emit("]");
        if (have_k) {
            emit(",\"k_blocs\":{\"max_blocs\":%zu,\"complete\":%s,\"energy\":%.17g,"
                 "\"nodes\":%llu,\"labels\":{",
                 blocs, k_partial ? "false" : "true", ek, (unsigned long long)nodes);
            for (size_t i = 0; i < in->n; i++) {
                emit("%s", i ? "," : "");
                print_json_string(in->names[i]);
                emit(":%d", labels[i]);
            }
            emit("}}");
        }
        emit("}\n");
    } else {
        if (partial) {
            printf("PARTIAL RESULTS: interrupted after %llu of %llu configurations; the minima "
                   "below are those of the configurations searched\n",
                   (unsigned long long)r->configurations, (unsigned long long)all);
        }
        printf("%zu actors, %llu two-bloc configurations, %zu local minima\n", in->n,
               (unsigned long long)r->configurations, r->n_minima);
        for (size_t k = 0; k < r->n_kept && k < show; k++) {
            printf("  %s E = %-14.8g", k == 0 ? "global" : "local ", r->minima[k].energy);
            if (p->basin_samples && !partial) { /* no basins after an interrupt */
                printf(" basin %5.1f%%", 100 * r->minima[k].basin);
            }
            printf("  ");
            print_blocs(in, r->minima[k].mask, 0);
            printf("\n");
        }
        if (have_k) {
            int used = 0;
            for (size_t i = 0; i < in->n; i++) {
                used = labels[i] + 1 > used ? labels[i] + 1 : used;
            }
            if (k_partial) {
                printf("PARTIAL RESULTS: the k-bloc search was interrupted after %llu nodes; the "
                       "split below is the best found so far, not proven the best\n",
                       (unsigned long long)nodes);
            }
            printf("%s split into at most %zu blocs (branch and bound, %llu nodes): E = %.8g\n",
                   k_partial ? "Best-so-far" : "Best", blocs, (unsigned long long)nodes, ek);
            for (int c = 0; c < used; c++) {
                printf("  bloc %d:", c + 1);
                for (size_t i = 0; i < in->n; i++) {
                    if (labels[i] == c) {
                        printf(" %s", in->names[i]);
                    }
                }
                printf("\n");
            }
        }
    }
    free(labels);
    sc_landscape_result_free(r);
    json_sink = NULL;
    int rc = SC_EXIT_OK;
    if (format == SC_FORMAT_CSV) {
        rc = cli_write_rendered(NULL, &doc, SC_FORMAT_CSV);
    }
    scx_buf_destroy(&doc);
    rc = rc == SC_EXIT_OK && fflush(stdout) == 0 ? SC_EXIT_OK : SC_EXIT_FAILURE;
    return (partial || k_partial) && rc == SC_EXIT_OK ? cli_interrupt_status() : rc;
}

/* Where a setting came from, for the output. */
static const char *origin(int option, unsigned scenario_gave)
{
    return option ? "option" : scenario_gave ? "scenario" : "default";
}

static int run(int argc, char **argv)
{
    cli_parser cp;
    cli_parse_begin(&cp, &spec, argc, argv);
    sc_landscape_params p;
    sc_landscape_params_init(&p);
    size_t blocs = 3, show = 10, basins = 2000;
    double shift = 0, trade_weight = 0;
    int exhaustive = 0, have_tw = 0, have_blocs = 0, have_basins = 0, have_shift = 0;
    const char *size_col = NULL, *set_size = NULL;
    int rc = SC_EXIT_OK, c;
    while ((c = cli_next(&cp)) > 0) {
        switch (c) {
        case O_BLOCS: blocs = (size_t)cp.u; have_blocs = 1; break;
        case O_MINIMA: show = (size_t)cp.u; break;
        case O_BASINS: basins = (size_t)cp.u; have_basins = 1; break;
        case O_SHIFT: shift = cp.d; have_shift = 1; break;
        case O_SIZE_COLUMN: size_col = cp.arg; break;
        case O_SET_SIZE: set_size = cp.arg; break;
        case O_METHOD: exhaustive = cp.choice == 1; break;
        case O_TRADE_WEIGHT: trade_weight = cp.d; have_tw = 1; break;
        default: break;
        }
    }
    if (c == CLI_STOP) {
        cli_parse_end(&cp);
        return cp.status;
    }
    p.seed = cp.seed_given ? cp.seed : 20250212;
    p.threads = cp.threads;
    size_t nargs = cp.n_operands;
    sc_diag diag;
    sc_diag_init(&diag);
    input in = {0};
    sc_landscape_data *data = NULL;
    sc_scenario *s = NULL;
    sc_landscape_settings set = {0};
    scx_buf extra;
    scx_buf_init(&extra);
    int tables = nargs == 2;
    if (tables) {
        if (have_tw) {
            rc = cli_parser_error(&cp, "--trade-weight applies to scenarios only (tables give the "
                                       "propensities themselves)");
            goto done;
        }
        if (cp.state_given) {
            rc = cli_parser_error(&cp, "--before-events, --after-events and --variant apply to "
                                       "scenarios only; SIZES.csv and PROPENSITY.csv have no "
                                       "events or variants");
            goto done;
        }
        char *t1 = NULL, *t2 = NULL;
        size_t l1 = 0, l2 = 0;
        if (scx_file_read(cp.operands[0], (size_t)16 << 20, &t1, &l1, &diag) != SC_OK ||
            scx_file_read(cp.operands[1], (size_t)16 << 20, &t2, &l2, &diag) != SC_OK) {
            free(t1);
            rc = cli_fail(&diag);
            goto done;
        }
        sc_status st = sc_landscape_read_csv(t1, l1, cp.operands[0], t2, l2, cp.operands[1],
                                             size_col, shift, &data, &diag);
        free(t1);
        free(t2);
        if (st != SC_OK) {
            rc = cli_fail(&diag);
            goto done;
        }
        in.n = data->n;
        in.names = calloc(in.n, sizeof *in.names);
        if (!in.names) {
            rc = SC_EXIT_FAILURE;
            goto done;
        }
        for (size_t i = 0; i < in.n; i++) {
            in.names[i] = data->names[i];
        }
        in.size = data->size;
        in.prop = data->prop;
    } else if (nargs <= 1) {
        if (have_shift || size_col) {
            rc = cli_parser_error(&cp, "%s applies to tables (SIZES.csv PROPENSITY.csv) only",
                                  have_shift ? "--shift" : "--size-column");
            goto done;
        }
        rc = cli_load_state(cp.spec->name, nargs ? cp.operands[0] : NULL, NULL, 0, &cp.state, NULL,
                            &s);
        if (rc != SC_EXIT_OK) {
            goto done;
        }
        /* the scenario's landscape: section, as statecraft run reads it; options override */
        if (sc_landscape_settings_from_scenario(s, &set, &diag) != SC_OK) {
            rc = cli_fail(&diag);
            goto done;
        }
        if (!have_blocs) {
            blocs = set.blocs;
        }
        if (!have_basins) {
            basins = set.basin_samples;
        }
        if (!have_tw) {
            trade_weight = set.trade_weight;
        }
        in.n = set.n;
        /*
         * The searches' actor caps (sc_landscape_search2: 48, the Gray-code one: 40), checked
         * before the n x n propensities are built: 10,000 actors would take 800 MB for nothing.
         */
        size_t cap = exhaustive ? 40 : 48;
        if (in.n > cap) {
            fprintf(stderr,
                    "statecraft landscape: %s: error: %zu actors, more than the %zu the two-bloc "
                    "search takes (--method %s, or choose some with `landscape: {actors: [...]}`; "
                    "docs/limits.md)\n",
                    nargs ? cp.operands[0] : "<built-in scenario>", in.n, cap,
                    exhaustive ? "exhaustive" : "pruned");
            rc = SC_EXIT_USAGE;
            goto done;
        }
        in.names = calloc(in.n ? in.n : 1, sizeof *in.names);
        in.size = malloc((in.n ? in.n : 1) * sizeof *in.size);
        in.prop = malloc((in.n ? in.n * in.n : 1) * sizeof *in.prop);
        if (!in.names || !in.size || !in.prop) {
            rc = SC_EXIT_FAILURE;
            goto done;
        }
        for (size_t i = 0; i < in.n; i++) {
            in.names[i] = sc_scenario_actor(s, set.actors ? set.actors[i] : i)->id;
        }
        if (sc_landscape_from_scenario(s, set.actors, in.n, trade_weight, in.size, in.prop,
                                       &diag) != SC_OK) {
            rc = cli_fail(&diag);
            goto done;
        }
    } else {
        rc = cli_parser_error(&cp, "expected a SCENARIO, or SIZES.csv and PROPENSITY.csv (got %zu "
                                   "files)",
                              nargs);
        goto done;
    }
    p.basin_samples = basins;
    if (set_size) {
        const char *eq = strchr(set_size, '=');
        int found = 0;
        double val = 0;
        char *end = NULL;
        if (eq) {
            val = strtod(eq + 1, &end);
        }
        if (!eq || eq == set_size || !end || end == eq + 1 || *end != '\0' || !(val >= 0) ||
            val > 1e300) {
            rc = cli_parser_error(&cp, "--set-size expects NAME=SIZE with a size >= 0, got '%s'",
                                  set_size);
            goto done;
        }
        for (size_t i = 0; i < in.n; i++) {
            if (strlen(in.names[i]) == (size_t)(eq - set_size) &&
                strncmp(in.names[i], set_size, (size_t)(eq - set_size)) == 0) {
                in.size[i] = val;
                found = 1;
            }
        }
        if (!found) {
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)(eq - set_size), set_size);
            rc = cli_check_name("landscape", "--set-size", "actor", name, in.names, in.n);
            goto done;
        }
    }
    /* what the output says about its inputs: the state, and where each setting came from */
    const char *from_blocs = origin(have_blocs, set.given & SC_LANDSCAPE_GIVEN_BLOCS);
    const char *from_basins = origin(have_basins, set.given & SC_LANDSCAPE_GIVEN_BASIN_SAMPLES);
    const char *from_tw = origin(have_tw, set.given & SC_LANDSCAPE_GIVEN_TRADE_WEIGHT);
    if (cp.format == SC_FORMAT_JSON || cp.format == SC_FORMAT_CSV) {
        if (s) {
            cli_state_json_buf(&extra, s, &cp.state);
        } else {
            scx_buf_puts(&extra, "\"state\":null");
        }
        scx_buf_printf(&extra, ",\"settings\":{\"blocs\":%zu,\"basin_samples\":%zu,"
                               "\"trade_weight\":%.17g,\"seed\":%llu,\"from\":{\"blocs\":\"%s\","
                               "\"basin_samples\":\"%s\",\"trade_weight\":\"%s\",\"seed\":\"%s\"}},",
                       blocs, basins, trade_weight, (unsigned long long)p.seed, from_blocs,
                       from_basins, tables ? "none" : from_tw, cp.seed_given ? "option" : "default");
        if (extra.error != SC_OK) {
            rc = SC_EXIT_FAILURE;
            goto done;
        }
    } else {
        if (s) {
            cli_state_text(stdout, s, &cp.state);
            printf("Settings: blocs %zu (%s), basin starts %zu (%s), trade weight %g (%s), seed "
                   "%llu (%s)\n",
                   blocs, from_blocs, basins, from_basins, trade_weight, from_tw,
                   (unsigned long long)p.seed, cp.seed_given ? "option" : "default");
        } else {
            printf("Settings: blocs %zu (%s), basin starts %zu (%s), seed %llu (%s)\n", blocs,
                   from_blocs, basins, from_basins, (unsigned long long)p.seed,
                   cp.seed_given ? "option" : "default");
        }
    }
    rc = report(&in, &p, exhaustive, blocs, show, cp.format, extra.data);
done:
    scx_buf_destroy(&extra);
    free(in.names);
    if (s) {
        free(in.size);
        free(in.prop);
        sc_scenario_free(s);
    }
    sc_landscape_settings_destroy(&set);
    sc_landscape_data_free(data);
    cli_parse_end(&cp);
    return rc;
}

const sc_cli_command sc_cli_command_landscape = {
    "landscape", "coalition landscapes: blocs, local minima, basins", run, &spec};
