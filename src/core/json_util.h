/* SPDX-License-Identifier: MIT */
/* Small helpers for building JSON with jansson. */
#ifndef SC_CORE_JSON_UTIL_H
#define SC_CORE_JSON_UTIL_H

#include <jansson.h>

/* Adds a double to a JSON object, as null when it is not finite (JSON has no NaN). */
void sc__json_set_number(json_t *obj, const char *key, double v);

#endif
