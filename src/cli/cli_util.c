/* SPDX-License-Identifier: MIT */
/* Helpers shared by the subcommands: loading, output and strict option parsing. */
#define _GNU_SOURCE /* open_memstream */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli_output.h"

int cli_fail(const sc_diag *diag)
{
    sc_diag_print(diag, stderr);
    switch (diag->code) {
    case SC_ENOMEM:
    case SC_EIO:
    case SC_ENOCONV:
        return SC_EXIT_FAILURE;
    default:
        return SC_EXIT_USAGE;
    }
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    fprintf(stderr, "statecraft %s: ", cmd);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'statecraft %s --help'.\n", cmd);
    return SC_EXIT_USAGE;
}

size_t cli_warn_shifts(const sc_scenario *s, const sc_state *st)
{
    sc_diag *w = NULL, diag;
    size_t n = 0;
    sc_diag_init(&diag);
    if (sc_scenario_shift_warnings(s, st, &w, &n, &diag) != SC_OK) {
        return 0; /* the state itself reports the failure when it is derived */
    }
    for (size_t i = 0; i < n; i++) {
        /* the compiler format and caret of sc_diag_print, as a warning */
        char *text = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&text, &len);
        if (!m) {
            sc_diag_print(&w[i], stderr);
            continue;
        }
        sc_diag_print(&w[i], m);
        fclose(m);
        char *at = text ? strstr(text, ": error: ") : NULL;
        if (at) {
            fprintf(stderr, "%.*s: warning: %s", (int)(at - text), text, at + 9);
        } else if (text) {
            fputs(text, stderr);
        }
        free(text);
    }
    sc_free(w);
    return n;
}

int cli_parse_format(const char *cmd, const char *text, const char *offered, sc_format *out)
{
    /* "text or json", "text, json or csv" */
    char list[64];
    size_t n = 0, words = 1;
    for (const char *p = offered; *p; p++) {
        words += *p == ' ';
    }
    for (const char *p = offered; *p && n + 4 < sizeof list; p++) {
        if (*p == ' ') {
            words--;
            const char *sep = words == 1 ? " or " : ", ";
            for (const char *q = sep; *q && n + 1 < sizeof list; q++) {
                list[n++] = *q;
            }
            continue;
        }
        list[n++] = *p;
    }
    list[n] = '\0';
    /* offered is a space-separated list: match whole words */
    size_t tl = strlen(text);
    int ok = 0;
    for (const char *p = offered; *p;) {
        size_t wl = strcspn(p, " ");
        ok |= tl > 0 && wl == tl && strncmp(p, text, tl) == 0;
        p += wl + (p[wl] == ' ');
    }
    if (ok && sc_format_parse(text, out, NULL) == SC_OK) {
        return SC_EXIT_OK;
    }
    if (strcmp(text, "html") == 0) {
        return cli_usage_error(cmd, "no HTML report: '%s' draws no charts; its formats are %s",
                               cmd, list);
    }
    return cli_usage_error(cmd, "--format must be %s, got '%s'", list, text);
}

int cli_write_rendered(const char *path, const scx_buf *json, sc_format format)
{
    if (json->error != SC_OK) {
        return cli_write_output(path, json);
    }
    sc_diag diag;
    sc_diag_init(&diag);
    char *out = NULL;
    size_t len = 0;
    if (sc_report_render(json->data ? json->data : "", json->len, NULL, format, &out, &len,
                         &diag) != SC_OK) {
        return cli_fail(&diag);
    }
    int rc = cli_write_text(path, out, len);
    sc_free(out);
    return rc;
}

int cli_check_output(const char *path)
{
    if (!path || strcmp(path, "-") == 0) {
        return SC_EXIT_OK;
    }
    struct stat st;
    if (path[0] == '\0') {
        fprintf(stderr, "statecraft: error: the output path is empty\n");
        return SC_EXIT_USAGE;
    }
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: error: the output is a directory; name a file in it\n", path);
        return SC_EXIT_USAGE;
    }
    /* the directory the file goes into must exist: nothing is created along the way */
    size_t n = strlen(path);
    char *dir = malloc(n + 2);
    if (!dir) {
        return SC_EXIT_FAILURE;
    }
    memcpy(dir, path, n + 1);
    char *slash = strrchr(dir, '/');
    if (!slash) {
        strcpy(dir, ".");
    } else if (slash == dir) {
        dir[1] = '\0';
    } else {
        *slash = '\0';
    }
    int ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
    if (!ok) {
        fprintf(stderr, "%s: error: cannot write the output: directory '%s' does not exist\n",
                path, dir);
    }
    free(dir);
    return ok ? SC_EXIT_OK : SC_EXIT_USAGE;
}

int cli_write_text(const char *path, const char *text, size_t len)
{
    if (cli_output_active()) {
        path = NULL; /* -o is being captured: the file is written when the command succeeds */
    }
    if (!path || strcmp(path, "-") == 0) {
        fflush(stdout); /* what the command printed with stdio comes first */
    }
    sc_diag diag;
    sc_diag_init(&diag);
    if (scx_file_write_atomic(path ? path : "-", text ? text : "", len, &diag) != SC_OK) {
        return cli_fail(&diag); /* a failed write: 1; -o naming a directory or socket: 2 */
    }
    return SC_EXIT_OK;
}

int cli_write_output(const char *path, const scx_buf *buf)
{
    if (buf->error != SC_OK) {
        fprintf(stderr, "statecraft: error: %s while building the output\n",
                sc_status_str(buf->error));
        return SC_EXIT_FAILURE;
    }
    return cli_write_text(path, buf->data, buf->len);
}

int cli_parse_double(const char *cmd, const char *opt, const char *text, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v)) {
        return cli_usage_error(cmd, "%s expects a finite number, got '%s'", opt, text);
    }
    *out = v;
    return SC_EXIT_OK;
}

int cli_parse_u64(const char *cmd, const char *opt, const char *text, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    if (text[0] == '-' || text[0] == '\0') {
        return cli_usage_error(cmd, "%s expects a non-negative integer, got '%s'", opt, text);
    }
    unsigned long long v = strtoull(text, &end, 10);
    if (*end != '\0' || errno == ERANGE) {
        return cli_usage_error(cmd, "%s expects a non-negative integer, got '%s'", opt, text);
    }
    *out = (uint64_t)v;
    return SC_EXIT_OK;
}

int cli_parse_pair(const char *cmd, const char *opt, const char *text, double *a, double *b)
{
    const char *comma = strchr(text, ',');
    if (!comma) {
        return cli_usage_error(cmd, "%s expects two numbers 'a,b', got '%s'", opt, text);
    }
    size_t n = (size_t)(comma - text);
    char first[64];
    if (n >= sizeof first) {
        return cli_usage_error(cmd, "%s: value too long", opt);
    }
    memcpy(first, text, n);
    first[n] = '\0';
    int rc = cli_parse_double(cmd, opt, first, a);
    if (rc == SC_EXIT_OK) {
        rc = cli_parse_double(cmd, opt, comma + 1, b);
    }
    return rc;
}

int cli_getopt_unknown(const char *cmd, const char *word, const void *longopts_v)
{
    const struct option *longopts = longopts_v;
    if (!word) {
        return cli_usage_error(cmd, "unknown option");
    }
    if (strncmp(word, "--", 2) == 0) {
        const char *name = word + 2;
        size_t len = strcspn(name, "=");
        const char *names[128];
        size_t n = 0;
        for (const struct option *o = longopts; o && o->name && n < 128; o++) {
            if (strlen(o->name) == len && strncmp(o->name, name, len) == 0) {
                return cli_usage_error(cmd, "option '--%s' needs a value", o->name);
            }
            names[n++] = o->name;
        }
        char w[64];
        snprintf(w, sizeof w, "%.*s", (int)(len < 63 ? len : 63), name);
        const char *best = scx_suggest(w, names, n);
        if (best) {
            return cli_usage_error(cmd, "unknown option '--%s' (did you mean '--%s'?)", w, best);
        }
        return cli_usage_error(cmd, "unknown option '--%s'", w);
    }
    return cli_usage_error(cmd, "unknown option or missing value '%s'", word);
}
