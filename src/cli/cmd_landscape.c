/* SPDX-License-Identifier: MIT */
/* `statecraft landscape`: coalition landscapes from a scenario or from tables. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "statecraft/landscape.h"

static const char usage[] =
    "usage: statecraft landscape [SCENARIO] [options]\n"
    "       statecraft landscape SIZES.csv PROPENSITY.csv [--shift S] [--size-column NAME]\n"
    "                            [options]\n"
    "\n"
    "Axelrod & Bennett's landscape theory of aggregation: the two-bloc configurations of least\n"
    "energy (exhaustive search), every local minimum with its basin of attraction, and the best\n"
    "split into at most K blocs (exact branch and bound). From a scenario, sizes are the\n"
    "capabilities and propensities the amities (the built-in scenario without SCENARIO).\n"
    "  --method M           pruned (default: exact, skips subtrees that cannot hold a minimum) or\n"
    "                       exhaustive (visits all 2^(n-1) configurations in Gray-code order);\n"
    "                       both give identical results\n"
    "  --blocs K            also find the best split into at most K blocs (default 2: off)\n"
    "  --minima N           list at most N local minima (default 10)\n"
    "  --basins N           estimate basins from N random starts (default 10000; 0: off)\n"
    "  --seed S             seed of the basin estimate (default 1936)\n"
    "  --threads T          worker threads (default: one per core); results do not depend on it\n"
    "  --after-events[=D]  apply the scenario's events (all, or up to date D) first\n"
    "  --variant NAME       apply a variant of the scenario first\n"
    "  --shift S            add S to every matrix entry (e.g. -3 for a 1..5 scale)\n"
    "  --size-column NAME   the sizes column of SIZES.csv (default strength, size or cinc)\n"
    "  --trade-weight W     scenario only: add W x (dyad trade / largest trade) to the amity\n"
    "  --set-size NAME=V    override one actor's size (e.g. --set-size Syria=10)\n"
    "  --format text|json   output format\n";

typedef struct input {
    size_t n;
    const char **names; /* borrowed */
    double *size, *prop;
} input;

/* Writes s as a JSON string: names from a CSV file may hold quotes or control characters. */
static void print_json_string(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            printf("\\%c", *p);
        } else if (*p < 0x20) {
            printf("\\u%04x", *p);
        } else {
            putchar(*p);
        }
    }
    putchar('"');
}

static void print_blocs(const input *in, uint64_t mask, int json)
{
    for (int side = 0; side < 2; side++) {
        printf(json ? (side ? ",[" : "[") : (side ? " | " : "{"));
        int first = 1;
        for (size_t i = 0; i < in->n; i++) {
            if ((int)((mask >> i) & 1u) == side) {
                if (json) {
                    printf("%s", first ? "" : ",");
                    print_json_string(in->names[i]);
                } else {
                    printf("%s%s", first ? "" : " ", in->names[i]);
                }
                first = 0;
            }
        }
        printf(json ? "]" : "");
    }
    printf(json ? "" : "}");
}

static int report(const input *in, const sc_landscape_params *p, int exhaustive, size_t blocs,
                  size_t show, sc_format format)
{
    sc_diag diag;
    sc_diag_init(&diag);
    sc_landscape_result *r = NULL;
    sc_status st = exhaustive ? sc_landscape_search2_gray(in->n, in->size, in->prop, p, &r, &diag)
                              : sc_landscape_search2(in->n, in->size, in->prop, p, &r, &diag);
    if (st != SC_OK) {
        return cli_fail(&diag);
    }
    int json = format == SC_FORMAT_JSON;
    int *labels = NULL;
    double ek = 0;
    uint64_t nodes = 0;
    int have_k = 0;
    if (blocs > 2) {
        labels = malloc(in->n * sizeof *labels);
        if (!labels) {
            sc_landscape_result_free(r);
            return SC_EXIT_FAILURE;
        }
        if (sc_landscape_search_k(in->n, in->size, in->prop, blocs, 0, labels, &ek, &nodes,
                                  &diag) != SC_OK) {
            free(labels);
            sc_landscape_result_free(r);
            return cli_fail(&diag);
        }
        have_k = 1;
    }
    if (json) {
        printf("{\"model\":\"landscape\",\"method\":\"%s\",\"actors\":%zu,\"configurations\":%llu,"
               "\"n_local_minima\":%zu,\"global\":{\"energy\":%.17g,\"basin\":%.17g,\"blocs\":[",
               exhaustive ? "exhaustive" : "pruned", in->n,
               (unsigned long long)r->configurations, r->n_minima, r->global.energy,
               r->global.basin);
        print_blocs(in, r->global.mask, 1);
        printf("]},\"local_minima\":[");
        for (size_t k = 0; k < r->n_kept && k < show; k++) {
            printf("%s{\"energy\":%.17g,\"basin\":%.17g,\"blocs\":[", k ? "," : "",
                   r->minima[k].energy, r->minima[k].basin);
            print_blocs(in, r->minima[k].mask, 1);
            printf("]}");
        }
        printf("]");
        if (have_k) {
            printf(",\"k_blocs\":{\"max_blocs\":%zu,\"energy\":%.17g,\"nodes\":%llu,\"labels\":{",
                   blocs, ek, (unsigned long long)nodes);
            for (size_t i = 0; i < in->n; i++) {
                printf("%s", i ? "," : "");
                print_json_string(in->names[i]);
                printf(":%d", labels[i]);
            }
            printf("}}");
        }
        printf("}\n");
    } else {
        printf("%zu actors, %llu two-bloc configurations, %zu local minima\n", in->n,
               (unsigned long long)r->configurations, r->n_minima);
        for (size_t k = 0; k < r->n_kept && k < show; k++) {
            printf("  %s E = %-14.8g", k == 0 ? "global" : "local ", r->minima[k].energy);
            if (p->basin_samples) {
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
            printf("Best split into at most %zu blocs (branch and bound, %llu nodes): E = %.8g\n",
                   blocs, (unsigned long long)nodes, ek);
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
    return fflush(stdout) == 0 ? SC_EXIT_OK : SC_EXIT_FAILURE;
}

static int ends_csv(const char *s)
{
    size_t n = strlen(s);
    return n > 4 && strcmp(s + n - 4, ".csv") == 0;
}

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {{"blocs", required_argument, NULL, 'k'},
                                             {"minima", required_argument, NULL, 'm'},
                                             {"basins", required_argument, NULL, 'b'},
                                             {"seed", required_argument, NULL, 's'},
                                             {"threads", required_argument, NULL, 't'},
                                             {"after-events", optional_argument, NULL, 'e'},
                                             {"variant", required_argument, NULL, 'v'},
                                             {"shift", required_argument, NULL, 'S'},
                                             {"size-column", required_argument, NULL, 'c'},
                                             {"set-size", required_argument, NULL, 'z'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"method", required_argument, NULL, 'M'},
                                             {"trade-weight", required_argument, NULL, 'w'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    sc_landscape_params p;
    sc_landscape_params_init(&p);
    p.basin_samples = 10000;
    uint64_t v;
    size_t blocs = 2, show = 10;
    double shift = 0, trade_weight = 0;
    int exhaustive = 0, have_tw = 0;
    const char *variant = NULL, *until = NULL, *size_col = NULL, *set_size = NULL;
    int after = 0, rc, c;
    sc_format format = SC_FORMAT_TEXT;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        rc = SC_EXIT_OK;
        switch (c) {
        case 'k':
            rc = cli_parse_u64("landscape", "--blocs", optarg, &v);
            if (rc == SC_EXIT_OK && (v < 2 || v > 64)) {
                return cli_usage_error("landscape", "--blocs must be in [2, 64]");
            }
            blocs = (size_t)v;
            break;
        case 'm': rc = cli_parse_u64("landscape", "--minima", optarg, &v); show = (size_t)v; break;
        case 'b':
            rc = cli_parse_u64("landscape", "--basins", optarg, &v);
            p.basin_samples = (size_t)v;
            break;
        case 's': rc = cli_parse_u64("landscape", "--seed", optarg, &p.seed); break;
        case 't':
            rc = cli_parse_u64("landscape", "--threads", optarg, &v);
            if (rc == SC_EXIT_OK && v > 256) {
                return cli_usage_error("landscape", "--threads must be at most 256");
            }
            p.threads = (unsigned)v;
            break;
        case 'e': after = 1; until = optarg; break;
        case 'v': variant = optarg; break;
        case 'S': rc = cli_parse_double("landscape", "--shift", optarg, &shift); break;
        case 'c': size_col = optarg; break;
        case 'z': set_size = optarg; break;
        case 'f':
            if (cli_parse_format("landscape", optarg, "text json", &format) != SC_EXIT_OK) {
                return SC_EXIT_USAGE;
            }
            break;
        case 'M':
            if (strcmp(optarg, "pruned") == 0 || strcmp(optarg, "exhaustive") == 0) {
                exhaustive = optarg[0] == 'e';
            } else {
                return cli_usage_error("landscape", "--method must be pruned or exhaustive");
            }
            break;
        case 'w':
            rc = cli_parse_double("landscape", "--trade-weight", optarg, &trade_weight);
            if (rc == SC_EXIT_OK && !(trade_weight >= 0 && trade_weight <= 10)) {
                return cli_usage_error("landscape", "--trade-weight must be in [0, 10]");
            }
            have_tw = 1;
            break;
        case 'h': fputs(usage, stdout); return SC_EXIT_OK;
        default:
            return cli_usage_error("landscape", "unknown or incomplete option '%s'",
                                   argv[optind - 1]);
        }
        if (rc != SC_EXIT_OK) {
            return rc;
        }
    }
    int nargs = argc - optind;
    sc_diag diag;
    sc_diag_init(&diag);
    input in = {0};
    sc_landscape_data *data = NULL;
    sc_scenario *s = NULL;
    if (nargs == 2 && ends_csv(argv[optind]) && ends_csv(argv[optind + 1])) {
        if (have_tw) {
            return cli_usage_error("landscape", "--trade-weight applies to scenarios only");
        }
        char *t1 = NULL, *t2 = NULL;
        size_t l1 = 0, l2 = 0;
        if (scx_file_read(argv[optind], (size_t)16 << 20, &t1, &l1, &diag) != SC_OK ||
            scx_file_read(argv[optind + 1], (size_t)16 << 20, &t2, &l2, &diag) != SC_OK) {
            free(t1);
            return cli_fail(&diag);
        }
        sc_status st = sc_landscape_read_csv(t1, l1, argv[optind], t2, l2, argv[optind + 1],
                                             size_col, shift, &data, &diag);
        free(t1);
        free(t2);
        if (st != SC_OK) {
            return cli_fail(&diag);
        }
        in.n = data->n;
        in.names = calloc(in.n, sizeof *in.names);
        if (!in.names) {
            sc_landscape_data_free(data);
            return SC_EXIT_FAILURE;
        }
        for (size_t i = 0; i < in.n; i++) {
            in.names[i] = data->names[i];
        }
        in.size = data->size;
        in.prop = data->prop;
    } else if (nargs <= 1) {
        rc = cli_load_state(nargs ? argv[optind] : NULL, variant, after, until, &s);
        if (rc != SC_EXIT_OK) {
            return rc;
        }
        in.n = sc_scenario_actor_count(s);
        in.names = calloc(in.n, sizeof *in.names);
        in.size = malloc(in.n * sizeof *in.size);
        in.prop = malloc(in.n * in.n * sizeof *in.prop);
        if (!in.names || !in.size || !in.prop) {
            rc = SC_EXIT_FAILURE;
            goto done;
        }
        for (size_t i = 0; i < in.n; i++) {
            in.names[i] = sc_scenario_actor(s, i)->id;
        }
        if (sc_landscape_from_scenario(s, NULL, in.n, trade_weight, in.size, in.prop, &diag) !=
            SC_OK) {
            rc = cli_fail(&diag);
            goto done;
        }
    } else {
        return cli_usage_error("landscape", "expected a SCENARIO or SIZES.csv PROPENSITY.csv");
    }
    if (set_size) {
        const char *eq = strchr(set_size, '=');
        int found = 0;
        double val = 0;
        if (!eq || cli_parse_double("landscape", "--set-size", eq + 1, &val) != SC_EXIT_OK) {
            rc = cli_usage_error("landscape", "--set-size expects NAME=VALUE");
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
            rc = cli_usage_error("landscape", "--set-size: no actor '%.*s'",
                                 (int)(eq - set_size), set_size);
            goto done;
        }
    }
    rc = report(&in, &p, exhaustive, blocs, show, format);
done:
    free(in.names);
    if (s) {
        free(in.size);
        free(in.prop);
        sc_scenario_free(s);
    }
    sc_landscape_data_free(data);
    return rc;
}

const sc_cli_command sc_cli_command_landscape = {"landscape", "coalition landscapes: blocs, local minima, basins", run};
