/* SPDX-License-Identifier: MIT */
/* The text-input rule shared by every reader: strict UTF-8, no control characters. */
#include "core/text.h"

#include <string.h>

#include "core/diag_internal.h"

size_t sc__utf8_sequence(const unsigned char *s, size_t n)
{
    if (n == 0) {
        return 0;
    }
    unsigned char c = s[0];
    if (c < 0x80) {
        return 1;
    }
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* the allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        lo = c == 0xE0 ? 0xA0 : 0x80; /* E0 80..9F would be overlong */
        hi = c == 0xED ? 0x9F : 0xBF; /* ED A0..BF are UTF-16 surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        lo = c == 0xF0 ? 0x90 : 0x80; /* F0 80..8F would be overlong */
        hi = c == 0xF4 ? 0x8F : 0xBF; /* F4 90.. is above U+10FFFF */
    } else {
        return 0; /* continuation byte, C0/C1 (overlong ASCII), F5..FF */
    }
    if (n < need + 1 || s[1] < lo || s[1] > hi) {
        return 0;
    }
    for (size_t k = 2; k <= need; k++) {
        if ((s[k] & 0xC0) != 0x80) {
            return 0;
        }
    }
    return need + 1;
}

sc_status sc__text_check(const char *file, const char *text, size_t len, sc_diag *diag)
{
    const unsigned char *s = (const unsigned char *)text;
    /* a NUL anywhere means a binary file (or UTF-16): say so rather than "invalid UTF-8" */
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        return sc__diag_set_at(diag, SC_EPARSE, file, text, len, (size_t)(nul - text), 1,
                               "NUL byte: this is not a text file");
    }
    size_t i = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        i = 3; /* a UTF-8 byte order mark is harmless */
    }
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) {
                return sc__diag_set_at(diag, SC_EPARSE, file, text, len, i, 1,
                                       "control character 0x%02X: this is not a text file", c);
            }
            i++;
            continue;
        }
        size_t w = sc__utf8_sequence(s + i, len - i);
        if (w == 0) {
            /* say which rule the bytes break, so the user can find the cause */
            int lead = (c >= 0xC2 && c <= 0xDF) || (c >= 0xE0 && c <= 0xF4);
            size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (!lead) {
                return sc__diag_set_at(diag, SC_EPARSE, file, text, len, i, 1,
                                       "invalid UTF-8 byte 0x%02X (is the file in another "
                                       "encoding? save it as UTF-8)",
                                       c);
            }
            if (len - i < want) {
                return sc__diag_set_at(diag, SC_EPARSE, file, text, len, i, 1,
                                       "truncated UTF-8 sequence at the end of the file");
            }
            return sc__diag_set_at(diag, SC_EPARSE, file, text, len, i, 1,
                                   "invalid UTF-8 sequence (bytes 0x%02X 0x%02X: a truncated, "
                                   "overlong or surrogate code)",
                                   c, s[i + 1]);
        }
        i += w;
    }
    return SC_OK;
}
