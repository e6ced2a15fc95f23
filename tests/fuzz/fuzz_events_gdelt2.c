/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the event reader as gdelt2 (body in events_fuzz.h). */
#define FUZZ_FORMAT SC_EVENTS_GDELT2
#include "events_fuzz.h"
