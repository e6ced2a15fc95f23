/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the event reader as phoenix (body in events_fuzz.h). */
#define FUZZ_FORMAT SC_EVENTS_PHOENIX
#include "events_fuzz.h"
