/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the event reader as icews (body in events_fuzz.h). */
#define FUZZ_FORMAT SC_EVENTS_ICEWS
#include "events_fuzz.h"
