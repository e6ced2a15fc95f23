/* SPDX-License-Identifier: MIT */
/* Small helpers for building and writing JSON with jansson. */
#include "core/json_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sc__json_set_number(json_t *obj, const char *key, double v)
{
    json_object_set_new(obj, key, sc__json_number(v));
}

json_t *sc__json_number(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

const json_t *sc__json_pointer(const json_t *j, const char *ptr)
{
    if (!ptr || (*ptr && *ptr != '/')) {
        return NULL;
    }
    char key[512];
    while (j && *ptr == '/') {
        ptr++;
        size_t n = 0;
        for (; *ptr && *ptr != '/' && n + 1 < sizeof key; ptr++) {
            if (*ptr == '~' && (ptr[1] == '0' || ptr[1] == '1')) {
                key[n++] = ptr[1] == '0' ? '~' : '/';
                ptr++;
            } else {
                key[n++] = *ptr;
            }
        }
        key[n] = '\0';
        if (json_is_object(j)) {
            j = json_object_get(j, key);
        } else if (json_is_array(j)) {
            char *end = NULL;
            unsigned long i = strtoul(key, &end, 10);
            j = n > 0 && *end == '\0' ? json_array_get(j, i) : NULL;
        } else {
            j = NULL;
        }
    }
    return j;
}

/*
 * Round-tripping is monotone in the precision (if p significant digits read back to v, so do
 * p + 1), so the shortest precision is found by bisection over 1..17: at most five conversions
 * instead of jansson's fixed %.17g, which prints 0.1 as 0.10000000000000001.
 */
char *sc__double_shortest(double v, char *buf)
{
    if (!isfinite(v)) {
        strcpy(buf, "null");
        return buf;
    }
    int lo = 1, hi = 17;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        scx_snprintf_c(buf, 32, "%.*g", mid, v);
        if (scx_strtod_c(buf, NULL) == v) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    /* %g switches to an exponent once the exponent X reaches the precision: 100 would print as
     * 1e+02. Whole numbers below 1e17 read better in positional form, which is no longer. */
    double mag = fabs(v);
    if (mag >= 1 && mag < 1e17) {
        int x = (int)floor(log10(mag));
        x += pow(10, x + 1) <= mag ? 1 : 0; /* guard log10 rounding at powers of ten */
        lo = lo < x + 1 ? x + 1 : lo;
    }
    scx_snprintf_c(buf, 32, "%.*g", lo, v);
    if (!strpbrk(buf, ".eEn")) {
        strcat(buf, ".0");
    }
    return buf;
}

static void write_string(const char *s, size_t n, scx_buf *out)
{
    static const char hex[] = "0123456789abcdef";
    scx_buf_puts(out, "\"");
    size_t run = 0; /* start of the pending run of bytes that need no escape */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[7];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                u[0] = '\\';
                u[1] = 'u';
                u[2] = '0';
                u[3] = '0';
                u[4] = hex[c >> 4];
                u[5] = hex[c & 15];
                u[6] = '\0';
                esc = u;
            }
        }
        if (esc) {
            scx_buf_append(out, s + run, i - run);
            scx_buf_puts(out, esc);
            run = i + 1;
        }
    }
    scx_buf_append(out, s + run, n - run);
    scx_buf_puts(out, "\"");
}

static void newline(int indent, int depth, scx_buf *out)
{
    if (indent > 0) {
        scx_buf_puts(out, "\n");
        for (int i = 0; i < indent * depth; i++) {
            scx_buf_puts(out, " ");
        }
    }
}

static int is_scalar(const json_t *j)
{
    return !json_is_object(j) && !json_is_array(j);
}

static void write_value(const json_t *j, int indent, int depth, scx_buf *out)
{
    char num[32];
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        if (json_object_size(j) == 0) {
            scx_buf_puts(out, "{}");
            break;
        }
        scx_buf_puts(out, "{");
        const char *key;
        json_t *v;
        int first = 1;
        /* jansson keeps insertion order when iterating (since 2.8) */
        json_object_foreach(sc__json_mut(j), key, v) {
            scx_buf_puts(out, first ? "" : ",");
            first = 0;
            newline(indent, depth + 1, out);
            write_string(key, strlen(key), out);
            scx_buf_puts(out, indent > 0 ? ": " : ":");
            write_value(v, indent, depth + 1, out);
        }
        newline(indent, depth, out);
        scx_buf_puts(out, "}");
        break;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(j);
        if (n == 0) {
            scx_buf_puts(out, "[]");
            break;
        }
        int flat = 1; /* arrays of scalars (curves, trajectories) stay on one line */
        for (size_t i = 0; i < n && flat; i++) {
            flat = is_scalar(json_array_get(j, i));
        }
        scx_buf_puts(out, "[");
        for (size_t i = 0; i < n; i++) {
            scx_buf_puts(out, i ? (flat && indent > 0 ? ", " : ",") : "");
            if (!flat) {
                newline(indent, depth + 1, out);
            }
            write_value(json_array_get(j, i), indent, depth + 1, out);
        }
        if (!flat) {
            newline(indent, depth, out);
        }
        scx_buf_puts(out, "]");
        break;
    }
    case JSON_STRING:
        write_string(json_string_value(j), json_string_length(j), out);
        break;
    case JSON_INTEGER:
        scx_buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
        break;
    case JSON_REAL:
        scx_buf_puts(out, sc__double_shortest(json_real_value(j), num));
        break;
    case JSON_TRUE: scx_buf_puts(out, "true"); break;
    case JSON_FALSE: scx_buf_puts(out, "false"); break;
    case JSON_NULL: scx_buf_puts(out, "null"); break;
    }
}

void sc__json_write(const json_t *j, int indent, scx_buf *out)
{
    write_value(j, indent, 0, out);
}
