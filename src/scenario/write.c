/* SPDX-License-Identifier: MIT */
/*
 * Writes a scenario back as a scenario file (YAML or JSON) from the document it was read from, so
 * that `statecraft show --format yaml|json` round-trips: every key, event and variant as given,
 * every number with the text it was written with (no reformatting, so the results are the same
 * bit for bit). Comments are not kept.
 */
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "scenario/scenario_internal.h"
#include "scx/scx.h"
#include "statecraft/scenario.h"

/* A plain scalar the loader reads as a number (YAML 1.2 core schema, finite). */
static int is_number(const sc_node *n)
{
    double v;
    return !n->quoted && sc__parse_number(n->scalar, &v);
}

static int is_literal(const sc_node *n)
{
    static const char *const lit[] = {"true", "false", "null"};
    for (size_t i = 0; i < sizeof lit / sizeof lit[0]; i++) {
        if (!n->quoted && strcmp(n->scalar, lit[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* A JSON number as written in JSON's grammar (YAML also takes "+1", ".5", "1."). */
static int json_number_text(const char *s)
{
    const char *p = s;
    if (*p == '-') {
        p++;
    }
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        while (*p >= '0' && *p <= '9') {
            p++;
        }
    } else {
        return 0;
    }
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9')) {
            return 0;
        }
        while (*p >= '0' && *p <= '9') {
            p++;
        }
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') {
            p++;
        }
        if (!(*p >= '0' && *p <= '9')) {
            return 0;
        }
        while (*p >= '0' && *p <= '9') {
            p++;
        }
    }
    return *p == '\0';
}

/* A double-quoted string, escaped for JSON (which YAML's double quotes also read). */
static void quoted(scx_buf *b, const char *s)
{
    scx_buf_puts(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            scx_buf_printf(b, "\\%c", *p);
        } else if (*p == '\n') {
            scx_buf_puts(b, "\\n");
        } else if (*p == '\t') {
            scx_buf_puts(b, "\\t");
        } else if (*p < 0x20 || *p == 0x7f) {
            scx_buf_printf(b, "\\u%04x", *p);
        } else {
            scx_buf_append(b, (const char *)p, 1);
        }
    }
    scx_buf_puts(b, "\"");
}

/* A number, kept as written where JSON allows the text, else in an equivalent JSON spelling. */
static void json_number(scx_buf *b, const char *s)
{
    if (json_number_text(s)) {
        scx_buf_puts(b, s);
        return;
    }
    /* "+1" -> "1", ".5" -> "0.5", "1." -> "1.0", "1.e3" -> "1.0e3": the same double */
    const char *p = s;
    if (*p == '+') {
        p++;
    } else if (*p == '-') {
        scx_buf_puts(b, "-");
        p++;
    }
    if (*p == '.') {
        scx_buf_puts(b, "0");
    }
    for (; *p; p++) {
        scx_buf_append(b, p, 1);
        if (*p == '.' && !(p[1] >= '0' && p[1] <= '9')) {
            scx_buf_puts(b, "0");
        }
    }
}

static void json_node(scx_buf *b, const sc_node *n)
{
    if (!n || n->kind == SC_NODE_NULL) {
        scx_buf_puts(b, "null");
    } else if (n->kind == SC_NODE_SCALAR) {
        if (is_number(n)) {
            json_number(b, n->scalar);
        } else if (is_literal(n)) {
            scx_buf_puts(b, n->scalar);
        } else {
            quoted(b, n->scalar);
        }
    } else if (n->kind == SC_NODE_SEQ) {
        scx_buf_puts(b, "[");
        for (size_t i = 0; i < n->n; i++) {
            scx_buf_puts(b, i ? ", " : "");
            json_node(b, n->items[i]);
        }
        scx_buf_puts(b, "]");
    } else {
        scx_buf_puts(b, "{");
        for (size_t i = 0; i < n->n; i++) {
            scx_buf_puts(b, i ? ", " : "");
            quoted(b, n->keys[i]);
            scx_buf_puts(b, ": ");
            json_node(b, n->items[i]);
        }
        scx_buf_puts(b, "}");
    }
}

/*
 * Text that stays the same string when written plain in YAML's block context: letters, digits,
 * spaces inside and a few safe punctuation marks, not starting with an indicator, and not read
 * as anything but a string (a number, true, null, ...).
 */
static int plain_safe(const char *s)
{
    if (!*s || s[0] == ' ' || s[strlen(s) - 1] == ' ') {
        return 0;
    }
    if (strchr("-?:,[]{}#&*!|>'\"%@`.+~", s[0])) {
        return 0;
    }
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c >= 0x80 || strchr(" _-./()+;=$^'\"?!%&*<>", c) != NULL;
        if (!ok || (c == ' ' && p[1] == ' ')) {
            return 0;
        }
    }
    double v;
    static const char *const words[] = {"true", "false", "null", "yes", "no", "on", "off",
                                        "True", "False", "Null", "NULL", "TRUE", "FALSE",
                                        "Yes", "No", "YES", "NO", "On", "Off", "y", "n", "Y", "N"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcmp(s, words[i]) == 0) {
            return 0;
        }
    }
    /* anything that starts like a number (dates, versions) is quoted unless it was one */
    return !sc__parse_number(s, &v) && !(s[0] >= '0' && s[0] <= '9');
}

static void yaml_scalar(scx_buf *b, const sc_node *n)
{
    if (!n || n->kind == SC_NODE_NULL) {
        scx_buf_puts(b, "null");
    } else if (is_number(n) || is_literal(n)) {
        scx_buf_puts(b, n->scalar);
    } else if (!n->quoted && plain_safe(n->scalar)) {
        scx_buf_puts(b, n->scalar);
    } else {
        quoted(b, n->scalar);
    }
}

static void yaml_key(scx_buf *b, const char *k)
{
    if (plain_safe(k) && !strchr(k, ' ')) {
        scx_buf_puts(b, k);
    } else {
        quoted(b, k);
    }
}

/* A node that fits on one line in flow style: scalars, and short collections of scalars. */
static int is_flat(const sc_node *n)
{
    if (!n || n->kind == SC_NODE_NULL || n->kind == SC_NODE_SCALAR) {
        return 1;
    }
    if (n->n == 0) {
        return 1;
    }
    size_t width = 0;
    for (size_t i = 0; i < n->n; i++) {
        const sc_node *v = n->items[i];
        if (v && (v->kind == SC_NODE_SEQ || v->kind == SC_NODE_MAP)) {
            return 0;
        }
        width += (v && v->kind == SC_NODE_SCALAR ? strlen(v->scalar) : 4) + 2;
        if (n->kind == SC_NODE_MAP) {
            width += strlen(n->keys[i]) + 2;
        }
    }
    return width <= 80;
}

static void indent(scx_buf *b, int level)
{
    for (int i = 0; i < level; i++) {
        scx_buf_puts(b, "  ");
    }
}

/* A collection in flow style on one line ({a: 1, b: x} or [1, 2]). */
static void yaml_flow(scx_buf *b, const sc_node *n)
{
    if (!n || n->kind == SC_NODE_NULL || n->kind == SC_NODE_SCALAR) {
        /* a flow collection's plain scalars may not hold ',' or brackets: quote those */
        if (n && n->kind == SC_NODE_SCALAR && !is_number(n) && !is_literal(n) &&
            strpbrk(n->scalar, ",[]{}")) {
            quoted(b, n->scalar);
        } else {
            yaml_scalar(b, n);
        }
        return;
    }
    scx_buf_puts(b, n->kind == SC_NODE_SEQ ? "[" : "{");
    for (size_t i = 0; i < n->n; i++) {
        scx_buf_puts(b, i ? ", " : "");
        if (n->kind == SC_NODE_MAP) {
            yaml_key(b, n->keys[i]);
            scx_buf_puts(b, ": ");
        }
        yaml_flow(b, n->items[i]);
    }
    scx_buf_puts(b, n->kind == SC_NODE_SEQ ? "]" : "}");
}

static void yaml_block(scx_buf *b, const sc_node *n, int level, int inline_first);

/* The value after "key:" or "-": on the same line when flat, else on the next lines (a mapping
 * in a list starts on the dash's line: "- id: x"). */
static void yaml_value(scx_buf *b, const sc_node *v, int level, int in_seq)
{
    if (is_flat(v)) {
        scx_buf_puts(b, " ");
        yaml_flow(b, v);
        scx_buf_puts(b, "\n");
    } else if (in_seq && v->kind == SC_NODE_MAP) {
        scx_buf_puts(b, " ");
        yaml_block(b, v, level, 1);
    } else {
        scx_buf_puts(b, "\n");
        yaml_block(b, v, level, 0);
    }
}

static void yaml_block(scx_buf *b, const sc_node *n, int level, int inline_first)
{
    for (size_t i = 0; i < n->n; i++) {
        if (!(inline_first && i == 0)) {
            indent(b, level);
        }
        if (n->kind == SC_NODE_MAP) {
            yaml_key(b, n->keys[i]);
            scx_buf_puts(b, ":");
            yaml_value(b, n->items[i], level + 1, 0);
        } else {
            scx_buf_puts(b, "-");
            yaml_value(b, n->items[i], level + 1, 1);
        }
    }
}

sc_status sc_scenario_write(const sc_scenario *s, int json, char **out, size_t *len, sc_diag *diag)
{
    if (out) {
        *out = NULL;
    }
    if (len) {
        *len = 0;
    }
    if (!s || !out) {
        return sc__diag_set(diag, SC_EINVAL, "sc_scenario_write: no scenario or no output");
    }
    const sc_node *root = s->doc ? s->doc->root : NULL;
    if (!root || root->kind != SC_NODE_MAP) {
        return sc__diag_set(diag, SC_EINVAL,
                            "this scenario was not read from a scenario file (a table import or "
                            "built in code): there is no document to write");
    }
    scx_buf b;
    scx_buf_init(&b);
    if (json) {
        json_node(&b, root);
        scx_buf_puts(&b, "\n");
    } else {
        yaml_block(&b, root, 0, 0);
    }
    return scx_buf_take(&b, out, len, diag);
}
