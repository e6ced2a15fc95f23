/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the event reader as detect (body in events_fuzz.h). */
#define FUZZ_FORMAT SC_EVENTS_DETECT
#include "events_fuzz.h"
