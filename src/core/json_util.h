/* SPDX-License-Identifier: MIT */
/* Small helpers for building and writing JSON with jansson. */
#ifndef SC_CORE_JSON_UTIL_H
#define SC_CORE_JSON_UTIL_H

#include <jansson.h>

#include "scx/scx.h"

/* jansson's iterators and json_equal take non-const values though they do not modify them:
 * this drops the qualifier without a cast (-Wcast-qual). */
static inline json_t *sc__json_mut(const json_t *j)
{
    union {
        const json_t *c;
        json_t *m;
    } u = {j};
    return u.m;
}

/* Adds a double to a JSON object, as null when it is not finite (JSON has no NaN). */
void sc__json_set_number(json_t *obj, const char *key, double v);

/* A double as a JSON value: a real, or null when it is not finite. New reference. */
json_t *sc__json_number(double v);

/* The value at JSON pointer `ptr` (RFC 6901: "/models/eum/issues/0/forecast") in j, or NULL. */
const json_t *sc__json_pointer(const json_t *j, const char *ptr);

/*
 * Writes the shortest decimal text that reads back (strtod) to exactly v into buf (at least 32
 * bytes) and returns buf. Integral values keep one decimal ("2.0", not "2") so that a reader
 * that types JSON numbers (jansson, Python) reads a real back as a real. Not finite: "null".
 */
char *sc__double_shortest(double v, char *buf);

/*
 * Appends j as JSON text to out: object keys in insertion order, reals by sc__double_shortest,
 * strings as UTF-8 with only '"', '\\' and control characters escaped. indent > 0 pretty-prints
 * with that many spaces per level (arrays of scalars stay on one line); 0 writes one line.
 */
void sc__json_write(const json_t *j, int indent, scx_buf *out);

#endif
