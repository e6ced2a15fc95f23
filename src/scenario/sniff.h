/* SPDX-License-Identifier: MIT */
/*
 * The rules a file's kind is judged by (sniff.c) that its readers share, so that a file sniffed
 * as KTAB's CSV is one that KTAB's reader (src/smp/ktab_csv.c) reads or refuses with its own
 * located error, and every file that reader accepts is sniffed as KTAB's.
 */
#ifndef SC_SCENARIO_SNIFF_H
#define SC_SCENARIO_SNIFF_H

/*
 * A number as KTAB reads it (istream >> double): leading blanks, then the longest number;
 * trailing text is ignored; inf, nan and hex are not numbers. 1 and *out set, or 0.
 */
int sc__ktab_number(const char *s, double *out);

#endif
