/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the event reader as reduced (body in events_fuzz.h). */
#define FUZZ_FORMAT SC_EVENTS_GDELT_REDUCED
#include "events_fuzz.h"
