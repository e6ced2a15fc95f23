/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the event reader as gdelt1 (body in events_fuzz.h). */
#define FUZZ_FORMAT SC_EVENTS_GDELT1
#include "events_fuzz.h"
