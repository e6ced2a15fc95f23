/* SPDX-License-Identifier: MIT */
/*
 * Numbers read and written whatever locale the program set. strtod and printf use the decimal
 * point of LC_NUMERIC, and a program that loads the library (Python through cffi, R, any C
 * program) may have set one with a decimal comma (de_DE, fr_FR): "0.5" would then read as 0
 * followed by junk, and 0.5 would be written "0,5". Every reader of a number in a file goes
 * through sc__strtod_c, and every number the library writes as text to read it back (a draw or a
 * shift written into the scenario's tree) through sc__print_g_c (style guide, section 8).
 */
#ifndef SC_SCENARIO_C_LOCALE_H
#define SC_SCENARIO_C_LOCALE_H

#include <stddef.h>

/* strtod in the "C" locale, whatever setlocale or uselocale the calling thread is under. */
double sc__strtod_c(const char *s, char **end);

/* snprintf(buf, cap, "%.*g", precision, v) in the "C" locale; returns what snprintf returns. */
int sc__print_g_c(char *buf, size_t cap, int precision, double v);

#endif
