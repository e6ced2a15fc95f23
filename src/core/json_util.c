/* SPDX-License-Identifier: MIT */
/* Small helpers for building JSON with jansson. */
#include "core/json_util.h"

#include <math.h>

void sc__json_set_number(json_t *obj, const char *key, double v)
{
    json_object_set_new(obj, key, isfinite(v) ? json_real(v) : json_null());
}
