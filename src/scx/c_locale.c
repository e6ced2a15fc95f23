/* SPDX-License-Identifier: MIT */
/* scx: numbers read and written in the "C" locale (scx.h). */
#define _GNU_SOURCE /* strtod_l, newlocale, uselocale */
#include "scx/scx.h"

#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

/* Created once for every thread (a locale_t is read-only once made, so threads share it) and
 * never freed: glibc hands out its static "C" locale object here without allocating. */
static void make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* The "C" locale, or (locale_t)0 if newlocale failed (it does not for "C" in glibc): then the
 * program's locale is used, which is "C" unless it called setlocale. */
static locale_t c(void)
{
    pthread_once(&c_locale_once, make_c_locale);
    return c_locale;
}

double scx_strtod_c(const char *s, char **end)
{
    locale_t loc = c();
    return loc ? strtod_l(s, end, loc) : strtod(s, end);
}

int scx_vsnprintf_c(char *buf, size_t cap, const char *fmt, va_list ap)
{
    /* no vsnprintf_l in glibc: the thread's locale is switched around the call (uselocale acts
     * on the calling thread only) and switched back, LC_GLOBAL_LOCALE included */
    locale_t loc = c();
    locale_t old = loc ? uselocale(loc) : (locale_t)0;
    int n = vsnprintf(buf, cap, fmt, ap);
    if (old) {
        uselocale(old);
    }
    return n;
}

int scx_snprintf_c(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = scx_vsnprintf_c(buf, cap, fmt, ap);
    va_end(ap);
    return n;
}
