/* SPDX-License-Identifier: MIT */
/* The option tables' parser, --help, did-you-mean, and the scenario state said in every output. */
#include "cli_opt.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_output.h"
#include "scx/scx.h"

static const cli_opt opt_help = {CLI_O_HELP,   'h', "help", CLI_FLAG, 0, NULL,
                                 "print this help and exit", NULL, 0, 0, CLI_NAMES_NONE};
static const cli_opt opt_version = {CLI_O_VERSION, 0, "version", CLI_FLAG, 0, NULL,
                                    "print the version and exit", NULL, 0, 0, CLI_NAMES_NONE};

int cli_parser_error(const cli_parser *p, const char *fmt, ...)
{
    const char *cmd = p->spec->name;
    fprintf(stderr, "statecraft %s: ", cmd);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'statecraft %s --help'.\n", cmd);
    return SC_EXIT_USAGE;
}

/* Sets the parser to stop with an error message; returns CLI_STOP. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 2, 3)))
#endif
static int stop(cli_parser *p, const char *fmt, ...)
{
    fprintf(stderr, "statecraft %s: ", p->spec->name);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'statecraft %s --help'.\n", p->spec->name);
    p->status = SC_EXIT_USAGE;
    return CLI_STOP;
}

void cli_parse_begin(cli_parser *p, const cli_spec *spec, int argc, char **argv)
{
    memset(p, 0, sizeof *p);
    p->spec = spec;
    p->argc = argc;
    p->argv = argv;
    p->next = 1;
    p->choice = -1;
    sc_state_init(&p->state);
    p->format = SC_FORMAT_TEXT;
    if (spec->formats) {
        size_t n = strcspn(spec->formats, " ");
        if (n < sizeof p->format_buf) {
            memcpy(p->format_buf, spec->formats, n);
            p->format_buf[n] = '\0';
            p->format_name = p->format_buf;
            if (sc_format_parse(p->format_buf, &p->format, NULL) != SC_OK) {
                p->format = SC_FORMAT_TEXT;
            }
        }
    }
    /* at most argc operands; a failed allocation is reported when the first one is added */
    p->operands = calloc((size_t)(argc > 0 ? argc : 1), sizeof *p->operands);
}

void cli_parse_end(cli_parser *p)
{
    free(p->operands);
    p->operands = NULL;
    p->n_operands = 0;
}

static const cli_opt *find_long(const cli_spec *spec, const char *name, size_t len)
{
    for (const cli_opt *o = spec->options; o && o->type != CLI_END; o++) {
        if (o->name && strlen(o->name) == len && strncmp(o->name, name, len) == 0) {
            return o;
        }
    }
    if (len == 4 && strncmp(name, "help", 4) == 0) {
        return &opt_help;
    }
    if (len == 7 && strncmp(name, "version", 7) == 0) {
        return &opt_version;
    }
    return NULL;
}

static const cli_opt *find_short(const cli_spec *spec, char c)
{
    for (const cli_opt *o = spec->options; o && o->type != CLI_END; o++) {
        if (o->short_name == c) {
            return o;
        }
    }
    return c == 'h' ? &opt_help : NULL;
}

/* The short options of a spec for messages: "-h -d -q -D -S" (-o, taken by every command, left out). */
static void short_list(const cli_spec *spec, char *buf, size_t cap)
{
    size_t k = (size_t)snprintf(buf, cap, "-h");
    for (const cli_opt *o = spec->options; o && o->type != CLI_END && k + 4 < cap; o++) {
        if (o->short_name && o->short_name != 'o' && !(o->flags & CLI_HIDDEN)) {
            k += (size_t)snprintf(buf + k, cap - k, " -%c", o->short_name);
        }
    }
}

static int takes_value(const cli_opt *o)
{
    return o->type != CLI_FLAG && o->type != CLI_HEADING && o->type != CLI_END;
}

/* The closest option name to a mistyped one, "--name" in buf, or "" if none is close. */
static void suggest_option(const cli_spec *spec, const char *word, char *buf, size_t cap)
{
    const char *names[256];
    size_t n = 0;
    for (const cli_opt *o = spec->options; o && o->type != CLI_END && n < 254; o++) {
        if (o->name && !(o->flags & CLI_HIDDEN)) {
            names[n++] = o->name;
        }
    }
    names[n++] = "help";
    names[n++] = "version";
    const char *best = scx_suggest(word, names, n);
    buf[0] = '\0';
    if (best) {
        snprintf(buf, cap, " (did you mean '--%s'?)", best);
    }
}

static int is_date(const char *s)
{
    int y, m, d;
    char extra;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3) {
        return 0;
    }
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1] + (m == 2 && leap);
}

static int parse_number(const char *text, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v) ||
        strspn(text, " \t\n") > 0) {
        return 0;
    }
    *out = v;
    return 1;
}

/* "[0, 1)", "(0, 0.5]" */
static void range_text(const cli_opt *o, char *buf, size_t cap)
{
    snprintf(buf, cap, "%c%.15g, %.15g%c", o->flags & CLI_LO_OPEN ? '(' : '[', o->lo, o->hi,
             o->flags & CLI_HI_OPEN ? ')' : ']');
}

/* "text, json or csv" from "text json csv" */
static void or_list(const char *words, char *buf, size_t cap)
{
    size_t n = 0, count = 1;
    for (const char *w = words; *w; w++) {
        count += *w == ' ';
    }
    buf[0] = '\0';
    for (const char *w = words; *w && n + 8 < cap;) {
        size_t l = strcspn(w, " ");
        if (n) {
            count--;
            n += (size_t)snprintf(buf + n, cap - n, "%s", count == 1 ? " or " : ", ");
        }
        n += (size_t)snprintf(buf + n, cap - n, "%.*s", (int)l, w);
        w += l + (w[l] == ' ');
    }
}

static int choice_index(const char *const *choices, const char *v)
{
    for (int i = 0; choices && choices[i]; i++) {
        if (strcmp(choices[i], v) == 0) {
            return i;
        }
    }
    return -1;
}

/* "a, b or c" from a NULL-terminated list */
static void choices_text(const char *const *choices, char *buf, size_t cap)
{
    size_t n = 0, count = 0;
    while (choices[count]) {
        count++;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < count && n + 8 < cap; i++) {
        n += (size_t)snprintf(buf + n, cap - n, "%s%s",
                              i == 0 ? "" : i + 1 == count ? " or " : ", ", choices[i]);
    }
}

/* The common options' effects. Returns CLI_STOP after an error or --help/--version, else 0. */
static int common(cli_parser *p, const cli_opt *o)
{
    switch (o->id) {
    case CLI_O_HELP:
        cli_print_help(stdout, p->spec);
        p->status = SC_EXIT_OK;
        return CLI_STOP;
    case CLI_O_VERSION:
        cli_print_version(stdout);
        p->status = SC_EXIT_OK;
        return CLI_STOP;
    case CLI_O_OUTPUT:
        if (p->arg[0] == '\0') {
            return stop(p, "%s needs a file name (or '-' for standard output)", p->label);
        }
        p->output = strcmp(p->arg, "-") == 0 ? NULL : p->arg;
        return 0;
    case CLI_O_FORMAT: {
        const char *offered = p->spec->formats ? p->spec->formats : "text";
        size_t tl = strlen(p->arg);
        int ok = 0;
        const char *words[16];
        char store[16][16];
        size_t nw = 0;
        for (const char *w = offered; *w && nw < 16;) {
            size_t l = strcspn(w, " ");
            ok |= tl > 0 && l == tl && strncmp(w, p->arg, l) == 0;
            snprintf(store[nw], sizeof store[nw], "%.*s", (int)l, w);
            words[nw] = store[nw];
            nw++;
            w += l + (w[l] == ' ');
        }
        char list[128];
        or_list(offered, list, sizeof list);
        if (!ok) {
            if (strcmp(p->arg, "html") == 0) {
                return stop(p, "--format html: '%s' draws no charts; its formats are %s",
                            p->spec->name, list);
            }
            const char *best = scx_suggest(p->arg, words, nw);
            char dym[64] = "";
            if (best) {
                snprintf(dym, sizeof dym, " (did you mean '%s'?)", best);
            }
            return stop(p, "--format must be %s, got '%s'%s", list, p->arg, dym);
        }
        for (size_t i = 0; i < nw; i++) {
            if (strcmp(words[i], p->arg) == 0) {
                p->format_name = p->arg;
            }
        }
        if (sc_format_parse(p->arg, &p->format, NULL) != SC_OK) {
            p->format = SC_FORMAT_TEXT; /* a format only this command knows (sqlite) */
        }
        p->format_given = 1;
        return 0;
    }
    case CLI_O_SEED:
        p->seed = p->u;
        p->seed_given = 1;
        return 0;
    case CLI_O_THREADS:
        p->threads = (unsigned)p->u;
        p->threads_given = 1;
        return 0;
    case CLI_O_BEFORE:
        if (p->after_given) {
            return stop(p, "--before-events and --after-events exclude each other");
        }
        p->before_given = 1;
        p->state_given = 1;
        p->state.events = SC_EVENTS_BEFORE;
        p->state.until = NULL;
        return 0;
    case CLI_O_AFTER:
        if (p->before_given) {
            return stop(p, "--before-events and --after-events exclude each other");
        }
        p->after_given = 1;
        p->state_given = 1;
        p->state.events = SC_EVENTS_AFTER;
        p->state.until = p->arg;
        return 0;
    case CLI_O_VARIANT:
        if (p->arg[0] == '\0') {
            return stop(p, "--variant needs a variant's name");
        }
        p->state_given = 1;
        p->state.variant = p->arg;
        return 0;
    default:
        return 0;
    }
}

/* Checks and converts the value of option o written as `label` (value may be NULL). */
static int deliver(cli_parser *p, const cli_opt *o, const char *value)
{
    p->opt = o;
    p->arg = value;
    p->u = 0;
    p->d = 0;
    p->choice = -1;
    char range[64];
    if (value) {
        switch (o->type) {
        case CLI_UINT: {
            char *end = NULL;
            errno = 0;
            unsigned long long v = value[0] >= '0' && value[0] <= '9' ? strtoull(value, &end, 10) : 0;
            int bad = !end || *end != '\0' || errno == ERANGE;
            if (!bad && o->lo < o->hi && ((double)v < o->lo || (double)v > o->hi)) {
                bad = 1;
            }
            if (bad) {
                if (o->lo < o->hi) {
                    return stop(p, "%s expects an integer from %.0f to %.0f, got '%s'", p->label,
                                o->lo, o->hi, value);
                }
                return stop(p, "%s expects a non-negative integer, got '%s'", p->label, value);
            }
            p->u = (uint64_t)v;
            break;
        }
        case CLI_NUMBER: {
            double v;
            if (!parse_number(value, &v)) {
                return stop(p, "%s expects a finite number, got '%s'", p->label, value);
            }
            if (o->lo < o->hi &&
                ((o->flags & CLI_LO_OPEN ? v <= o->lo : v < o->lo) ||
                 (o->flags & CLI_HI_OPEN ? v >= o->hi : v > o->hi))) {
                range_text(o, range, sizeof range);
                return stop(p, "%s must be in %s, got '%s'", p->label, range, value);
            }
            p->d = v;
            break;
        }
        case CLI_PAIR: {
            const char *comma = strchr(value, ',');
            char first[64];
            size_t n = comma ? (size_t)(comma - value) : 0;
            if (!comma || n >= sizeof first) {
                return stop(p, "%s expects two numbers 'a,b', got '%s'", p->label, value);
            }
            memcpy(first, value, n);
            first[n] = '\0';
            if (!parse_number(first, &p->pair[0]) || !parse_number(comma + 1, &p->pair[1])) {
                return stop(p, "%s expects two numbers 'a,b', got '%s'", p->label, value);
            }
            break;
        }
        case CLI_DATE:
            if (!is_date(value)) {
                return stop(p, "%s expects a calendar date yyyy-mm-dd, got '%s'", p->label, value);
            }
            break;
        case CLI_CHOICE: {
            p->choice = choice_index(o->choices, value);
            if (p->choice < 0) {
                size_t n = 0;
                while (o->choices[n]) {
                    n++;
                }
                const char *best = scx_suggest(value, o->choices, n);
                char list[512], dym[96] = "";
                choices_text(o->choices, list, sizeof list);
                if (best) {
                    snprintf(dym, sizeof dym, " (did you mean '%s'?)", best);
                }
                return stop(p, "%s must be %s, got '%s'%s", p->label, list, value, dym);
            }
            p->arg = o->choices[p->choice];
            break;
        }
        default:
            break;
        }
    }
    if (o->id > CLI_COMMON && common(p, o) == CLI_STOP) {
        return CLI_STOP;
    }
    return o->id;
}

/* 1 if the word is an option (not an operand): "-x", "--x"; "-" and negative numbers are not. */
static int option_like(const char *w)
{
    if (w[0] != '-' || w[1] == '\0') {
        return 0;
    }
    double v;
    return !parse_number(w, &v);
}

static int finish(cli_parser *p)
{
    if (!p->threads_given) {
        const char *env = getenv("STATECRAFT_THREADS");
        if (env && *env) {
            char *end = NULL;
            errno = 0;
            unsigned long long v = env[0] >= '0' && env[0] <= '9' ? strtoull(env, &end, 10) : 0;
            if (!end || *end != '\0' || errno == ERANGE || v > 1024) {
                fprintf(stderr, "statecraft %s: the environment variable STATECRAFT_THREADS must "
                                "be an integer from 0 to 1024 (0: the CPUs this process may "
                                "use), got '%s'\n",
                        p->spec->name, env);
                p->status = SC_EXIT_USAGE;
                return CLI_STOP;
            }
            p->threads = (unsigned)v;
        }
    }
    if (p->output && p->format_name && strcmp(p->format_name, "sqlite") == 0) {
        /* a database is written by the command itself (never through standard output) */
        int rc = cli_check_output(p->output);
        if (rc != SC_EXIT_OK) {
            p->status = rc;
            return CLI_STOP;
        }
        return CLI_DONE;
    }
    int rc = cli_output_redirect(p->output);
    if (rc != SC_EXIT_OK) {
        p->status = rc;
        return CLI_STOP;
    }
    return CLI_DONE;
}

int cli_next(cli_parser *p)
{
    for (;;) {
        if (p->bundle) {
            char c = *p->bundle++;
            const char *rest = p->bundle;
            const cli_opt *o = find_short(p->spec, c);
            snprintf(p->label, sizeof p->label, "-%c", c);
            if (!o) {
                p->bundle = NULL;
                if (p->spec->short_of) {
                    char list[256];
                    short_list(p->spec, list, sizeof list);
                    return stop(p, "-%c is not an option of %s (it takes %s)", c,
                                p->spec->short_of, list);
                }
                return stop(p, "unknown option '-%c'", c);
            }
            if (takes_value(o) && !(o->flags & CLI_OPTIONAL)) {
                p->bundle = NULL;
                const char *v = *rest ? rest : p->next < p->argc ? p->argv[p->next++] : NULL;
                if (!v) {
                    return stop(p, "-%c needs a value (%s)", c, o->metavar ? o->metavar : "");
                }
                return deliver(p, o, v);
            }
            if (*rest == '\0') {
                p->bundle = NULL;
            }
            return deliver(p, o, NULL);
        }
        if (p->multi_opt) {
            if (p->next < p->argc && !option_like(p->argv[p->next]) &&
                strcmp(p->argv[p->next], "--") != 0) {
                return deliver(p, p->multi_opt, p->argv[p->next++]);
            }
            p->multi_opt = NULL;
        }
        if (p->next >= p->argc) {
            return finish(p);
        }
        const char *w = p->argv[p->next++];
        if (p->dashdash || !option_like(w)) {
            if (!p->operands) {
                fprintf(stderr, "statecraft: error: out of memory\n");
                p->status = SC_EXIT_FAILURE;
                return CLI_STOP;
            }
            p->operands[p->n_operands++] = w;
            continue;
        }
        if (strcmp(w, "--") == 0) {
            p->dashdash = 1;
            continue;
        }
        if (w[1] != '-') {
            p->bundle = w + 1;
            continue;
        }
        const char *name = w + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const cli_opt *o = find_long(p->spec, name, len);
        snprintf(p->label, sizeof p->label, "--%.*s", (int)(len < 60 ? len : 60), name);
        if (!o) {
            char word[64], dym[96];
            snprintf(word, sizeof word, "%.*s", (int)(len < 63 ? len : 63), name);
            suggest_option(p->spec, word, dym, sizeof dym);
            return stop(p, "unknown option '--%s'%s", word, dym);
        }
        if (!takes_value(o)) {
            if (eq) {
                return stop(p, "%s takes no value (got '%s')", p->label, w);
            }
            return deliver(p, o, NULL);
        }
        if (o->flags & CLI_OPTIONAL) {
            /* --after-events 2025-02-14 means --after-events=2025-02-14: no file has a date's name */
            if (!eq && o->type == CLI_DATE && p->next < p->argc && is_date(p->argv[p->next])) {
                return deliver(p, o, p->argv[p->next++]);
            }
            return deliver(p, o, eq ? eq + 1 : NULL);
        }
        const char *v = eq ? eq + 1 : NULL;
        if (!v) {
            if (p->next >= p->argc ||
                (o->flags & CLI_MULTI && option_like(p->argv[p->next]))) {
                return stop(p, "%s needs %s%s", p->label, o->flags & CLI_MULTI ? "at least one " : "a value ",
                            o->metavar ? o->metavar : "");
            }
            v = p->argv[p->next++];
        }
        if (o->flags & CLI_MULTI) {
            p->multi_opt = o;
        }
        return deliver(p, o, v);
    }
}

/* ---- names the user types ---------------------------------------------------------------------- */

int cli_check_name(const char *cmd, const char *opt, const char *kind, const char *value,
                   const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (names[i] && strcmp(names[i], value) == 0) {
            return SC_EXIT_OK;
        }
    }
    const char *best = scx_suggest(value, names, n);
    fprintf(stderr, "statecraft %s: %s%sno %s '%s'", cmd, opt ? opt : "", opt ? ": " : "", kind,
            value);
    if (best) {
        fprintf(stderr, " (did you mean '%s'?)", best);
    }
    if (n == 0) {
        fprintf(stderr, "; there are none");
    } else if (n <= 40) {
        fprintf(stderr, "; the %ss are ", kind);
        for (size_t i = 0; i < n; i++) {
            fprintf(stderr, "%s%s", i ? ", " : "", names[i]);
        }
    }
    fprintf(stderr, "\nTry 'statecraft %s --help'.\n", cmd);
    return SC_EXIT_USAGE;
}

typedef enum { NAMES_ACTOR, NAMES_ISSUE, NAMES_VARIANT } names_kind;

static int check_scenario_name(const char *cmd, const char *opt, const sc_scenario *s,
                               const char *value, names_kind kind)
{
    size_t n = kind == NAMES_ACTOR   ? sc_scenario_actor_count(s)
               : kind == NAMES_ISSUE ? sc_scenario_issue_count(s)
                                     : sc_scenario_variant_count(s);
    const char **names = calloc(n ? n : 1, sizeof *names);
    if (!names) {
        fprintf(stderr, "statecraft: error: out of memory\n");
        return SC_EXIT_FAILURE;
    }
    for (size_t i = 0; i < n; i++) {
        names[i] = kind == NAMES_ACTOR   ? sc_scenario_actor(s, i)->id
                   : kind == NAMES_ISSUE ? sc_scenario_issue(s, i)->id
                                         : sc_scenario_variant(s, i)->name;
    }
    int rc = cli_check_name(cmd, opt, kind == NAMES_ACTOR ? "actor" : kind == NAMES_ISSUE ? "issue" : "variant",
                            value, names, n);
    free(names);
    return rc;
}

int cli_check_actor(const char *cmd, const char *opt, const sc_scenario *s, const char *value)
{
    return check_scenario_name(cmd, opt, s, value, NAMES_ACTOR);
}

int cli_check_issue(const char *cmd, const char *opt, const sc_scenario *s, const char *value)
{
    return check_scenario_name(cmd, opt, s, value, NAMES_ISSUE);
}

int cli_check_variant(const char *cmd, const char *opt, const sc_scenario *s, const char *value)
{
    return check_scenario_name(cmd, opt, s, value, NAMES_VARIANT);
}

/* ---- the scenario state ------------------------------------------------------------------------ */

int cli_load_state(const char *cmd, const char *path, const char *text, size_t len,
                   const sc_state *st, sc_scenario **raw, sc_scenario **out)
{
    *out = NULL;
    if (raw) {
        *raw = NULL;
    }
    sc_diag diag;
    sc_diag_init(&diag);
    sc_scenario *s = NULL;
    sc_status rc = text   ? sc_scenario_read(text, len, path, &s, &diag)
                   : path ? sc_scenario_load(path, &s, &diag)
                          : sc_scenario_builtin(&s, &diag);
    if (rc != SC_OK) {
        return cli_fail(&diag);
    }
    if (!st) {
        *out = s; /* the scenario as loaded: the caller derives its states */
        return SC_EXIT_OK;
    }
    if (st->variant) {
        int vrc = cli_check_variant(cmd, "--variant", s, st->variant);
        if (vrc != SC_EXIT_OK) {
            sc_scenario_free(s);
            return vrc;
        }
    }
    sc_scenario *at = NULL;
    rc = sc_scenario_at(s, st, &at, &diag);
    if (rc != SC_OK) {
        sc_scenario_free(s);
        return cli_fail(&diag);
    }
    cli_warn_shifts(s, st);
    if (raw) {
        *raw = s;
    } else {
        sc_scenario_free(s);
    }
    *out = at;
    return SC_EXIT_OK;
}

void cli_state_text_buf(scx_buf *b, const sc_scenario *at, const sc_state *st)
{
    const char *date = sc_scenario_state_date(at);
    const char *variant = sc_scenario_variant_name(at);
    size_t events = sc_scenario_event_count(at);
    if (st->events == SC_EVENTS_BEFORE) {
        scx_buf_printf(b, "State: before the events (%zu not applied)", events);
    } else if (events == 0) {
        scx_buf_puts(b, "State: the scenario has no events");
    } else if (st->until) {
        size_t applied = 0;
        for (size_t i = 0; i < events; i++) {
            applied += strcmp(sc_scenario_event(at, i)->date, st->until) <= 0;
        }
        scx_buf_printf(b, "State: after the events up to %s (%zu of %zu)", st->until, applied,
                       events);
    } else {
        scx_buf_printf(b, "State: after all the events (%zu)", events);
    }
    scx_buf_printf(b, ", %s%s", variant ? "variant " : "the scenario as given",
                   variant ? variant : "");
    if (date) {
        scx_buf_printf(b, "; it stands for %s", date);
    }
    scx_buf_puts(b, "\n");
}

void cli_state_text(FILE *out, const sc_scenario *at, const sc_state *st)
{
    scx_buf b;
    scx_buf_init(&b);
    cli_state_text_buf(&b, at, st);
    if (b.data) {
        fputs(b.data, out);
    }
    scx_buf_destroy(&b);
}

void cli_state_json_buf(scx_buf *b, const sc_scenario *at, const sc_state *st)
{
    scx_buf_puts(b, "\"state\":{\"variant\":");
    scx_json_string(b, sc_scenario_variant_name(at));
    scx_buf_printf(b, ",\"events\":\"%s\",\"until\":",
                   st->events == SC_EVENTS_BEFORE ? "before" : "after");
    scx_json_string(b, st->events == SC_EVENTS_BEFORE ? NULL : st->until);
    scx_buf_puts(b, ",\"date\":");
    scx_json_string(b, sc_scenario_state_date(at));
    scx_buf_puts(b, "}");
}

/* ---- help ----------------------------------------------------------------------------------- */

/* "-o, --output FILE", "--after-events[=DATE]" */
static void option_label(const cli_opt *o, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    if (o->short_name) {
        n += (size_t)snprintf(buf + n, cap - n, "-%c%s", o->short_name, o->name ? ", " : "");
    }
    if (o->name) {
        n += (size_t)snprintf(buf + n, cap - n, "--%s", o->name);
    }
    if (takes_value(o) && n < cap) {
        const char *mv = o->metavar ? o->metavar : "VALUE";
        if (o->flags & CLI_OPTIONAL) {
            n += (size_t)snprintf(buf + n, cap - n, "[=%s]", mv);
        } else if (o->name) {
            n += (size_t)snprintf(buf + n, cap - n, " %s%s", mv, o->flags & CLI_MULTI ? "..." : "");
        } else {
            n += (size_t)snprintf(buf + n, cap - n, " %s", mv);
        }
    }
}

/* The help of the --format option: "text (the default), json or csv" */
void cli_format_help(const cli_spec *spec, char *buf, size_t cap)
{
    char list[128];
    or_list(spec->formats ? spec->formats : "text", list, sizeof list);
    size_t l = strcspn(spec->formats ? spec->formats : "text", " ");
    snprintf(buf, cap, "output format: %s (default %.*s)", list, (int)l,
             spec->formats ? spec->formats : "text");
}

static void print_option(FILE *out, const cli_opt *o, const char *help)
{
    char label[96];
    option_label(o, label, sizeof label);
    fprintf(out, "  %s", label);
    size_t used = 2 + strlen(label);
    const char *h = help ? help : "";
    if (used > 26) {
        fprintf(out, "\n%28s", "");
    } else {
        fprintf(out, "%*s", (int)(28 - used), "");
    }
    for (const char *line = h; *line;) {
        size_t l = strcspn(line, "\n");
        fprintf(out, "%.*s\n", (int)l, line);
        line += l;
        if (*line == '\n') {
            line++;
            if (*line) {
                fprintf(out, "%28s", "");
            }
        }
    }
    if (!*h) {
        fputc('\n', out);
    }
}

void cli_print_help(FILE *out, const cli_spec *spec)
{
    const char *syn = spec->synopsis ? spec->synopsis : "";
    int first = 1;
    for (const char *line = syn;;) {
        size_t l = strcspn(line, "\n");
        fprintf(out, "%s statecraft %s%s%.*s\n", first ? "usage:" : "      ", spec->name,
                l ? " " : "", (int)l, line);
        first = 0;
        line += l;
        if (*line == '\0' || line[1] == '\0') {
            break;
        }
        line++;
    }
    if (spec->description) {
        fprintf(out, "\n%s", spec->description);
        size_t dl = strlen(spec->description);
        if (dl && spec->description[dl - 1] != '\n') {
            fputc('\n', out);
        }
    }
    if (spec->actions) {
        fprintf(out, "\nActions: ");
        for (size_t i = 0; spec->actions[i]; i++) {
            fprintf(out, "%s%s", i ? ", " : "", spec->actions[i]);
        }
        fprintf(out, " ('statecraft %s ACTION --help' for each)\n", spec->name);
    }
    int headed = 0;
    for (const cli_opt *o = spec->options; o && o->type != CLI_END; o++) {
        if (o->flags & CLI_HIDDEN) {
            continue;
        }
        if (o->type == CLI_HEADING) {
            fprintf(out, "\n%s\n", o->help);
            headed = 1;
            continue;
        }
        if (!headed) {
            fprintf(out, "\nOptions:\n");
            headed = 1;
        }
        if (o->id == CLI_O_FORMAT && !o->help) {
            char fh[160];
            cli_format_help(spec, fh, sizeof fh);
            print_option(out, o, fh);
        } else {
            print_option(out, o, o->help);
        }
    }
    fprintf(out, "\nCommon options:\n");
    print_option(out, &opt_help, opt_help.help);
    print_option(out, &opt_version, opt_version.help);
    fprintf(out, "  --max-memory SIZE           the memory budget input limits derive from "
                 "(default 2G)\n");
    if (spec->examples) {
        fprintf(out, "\nExamples:\n");
        for (const char *e = spec->examples; *e;) {
            size_t l = strcspn(e, "\n");
            if (l) {
                fprintf(out, "  %.*s\n", (int)l, e);
            }
            e += l;
            if (*e == '\n') {
                e++;
            }
            size_t l2 = strcspn(e, "\n");
            if (l2) {
                fprintf(out, "      %.*s\n", (int)l2, e);
            }
            e += l2;
            while (*e == '\n') {
                e++;
            }
        }
    }
    fprintf(out, "\nExit status: 0 success, 1 failure while running, 2 bad input or usage, "
                 "130 interrupted.\n");
}

void cli_print_version(FILE *out)
{
    fprintf(out, "statecraft %s\n", sc_version());
}
