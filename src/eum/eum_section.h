/* SPDX-License-Identifier: MIT */
/* The EUM section's entry points for the Monte Carlo (src/montecarlo/eval.c). */
#ifndef SC_EUM_SECTION_H
#define SC_EUM_SECTION_H

#include "report/sections.h"

/*
 * The EUM section of a Monte Carlo draw (in->opts->monte_carlo) in which only the issues with
 * redo[j] != 0 can have moved: those issues are played again and every other issue's row is
 * taken from `prev` (the same state's content in a draw that differs from this one only in the
 * redone issues' stances), shared, not copied. An issue's row reads only its own stances, the
 * capabilities and the `eum:` settings, so the content is the same bits as sc__eum_section's
 * when that holds. Falls back to sc__eum_section when prev does not have one row per issue of
 * the scenario in its order, or outside a draw.
 */
sc_status sc__eum_section_issues(const sc__section_in *in, const json_t *prev,
                                 const unsigned char *redo, json_t *out, sc_diag *diag);

#endif
