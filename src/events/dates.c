/* SPDX-License-Identifier: MIT */
/*
 * Calendar days for event dates: day numbers since 1970-01-01 in the proleptic Gregorian
 * calendar (H. Hinnant's days_from_civil), so that decay over a gap is one subtraction.
 */
#include "events/events_internal.h"

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int sc__ymd_valid(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) {
        return 0;
    }
    return d <= mdays[m - 1] + (m == 2 && leap(y));
}

int32_t sc__days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + (int)doe - 719468);
}

void sc__civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int yy = (int)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

void sc__day_format(int32_t day, char out[11])
{
    int y, m, d;
    sc__civil_from_days(day, &y, &m, &d);
    y = ((y % 10000) + 10000) % 10000;
    const int v[8] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10, m / 10, m % 10, d / 10, d % 10};
    const int at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; i++) {
        out[at[i]] = (char)('0' + v[i]);
    }
    out[4] = out[7] = '-';
    out[10] = '\0';
}

static int digits(const char *p, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)p[i] - '0';
        if (c > 9) {
            return 0;
        }
        v = v * 10 + (int)c;
    }
    *out = v;
    return 1;
}

int sc__day_parse(const char *p, size_t n, int32_t *out)
{
    int y, m, d;
    if (n == 8) {
        if (!digits(p, 4, &y) || !digits(p + 4, 2, &m) || !digits(p + 6, 2, &d)) {
            return 0;
        }
    } else if (n == 10 && p[4] == '-' && p[7] == '-') {
        if (!digits(p, 4, &y) || !digits(p + 5, 2, &m) || !digits(p + 8, 2, &d)) {
            return 0;
        }
    } else {
        return 0;
    }
    if (!sc__ymd_valid(y, m, d)) {
        return 0;
    }
    *out = sc__days_from_civil(y, m, d);
    return 1;
}
