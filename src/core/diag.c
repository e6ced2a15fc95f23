/* SPDX-License-Identifier: MIT */
/* Diagnostics: located error messages in the compiler format. */
#include "core/diag_internal.h"

#include <stdio.h>
#include <string.h>

#include "scx/scx.h"

void sc_diag_init(sc_diag *diag)
{
    if (diag) {
        memset(diag, 0, sizeof *diag);
    }
}

/*
 * Length of the well-formed UTF-8 sequence at s (at most n bytes), or 0 if it is not one
 * (stray continuation, overlong form, surrogate, beyond U+10FFFF, truncated).
 */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    if (n == 0) {
        return 0;
    }
    unsigned c = s[0];
    size_t k;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c < 0x80) {
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        k = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (n < k || s[1] < lo || s[1] > hi) {
        return 0;
    }
    for (size_t i = 2; i < k; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF) {
            return 0;
        }
    }
    return k;
}

/* Replaces every byte that is not part of well-formed UTF-8 with '?', in place. */
static void sanitize_utf8(char *t)
{
    size_t n = strlen(t);
    for (size_t i = 0; i < n;) {
        size_t k = utf8_sequence((const unsigned char *)t + i, n - i);
        if (k == 0) {
            t[i] = '?';
            k = 1;
        }
        i += k;
    }
}

static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

sc_status sc__diag_set(sc_diag *diag, sc_status code, const char *fmt, ...)
{
    if (diag) {
        char file[SC_DIAG_FILE_MAX];
        copy_str(file, sizeof file, diag->file);
        memset(diag, 0, sizeof *diag);
        copy_str(diag->file, sizeof diag->file, file);
        diag->code = code;
        va_list ap;
        va_start(ap, fmt);
        scx_vsnprintf_c(diag->message, sizeof diag->message, fmt, ap);
        sanitize_utf8(diag->message);
        va_end(ap);
    }
    return code;
}

void sc__diag_set_file(sc_diag *diag, const char *file)
{
    if (diag && file) {
        copy_str(diag->file, sizeof diag->file, file);
    }
}

/* True for bytes that start a UTF-8 code point (not continuation bytes). */
static int starts_code_point(unsigned char c)
{
    return (c & 0xC0) != 0x80;
}

sc_status sc__diag_vset_at(sc_diag *diag, sc_status code, const char *file, const char *text,
                           size_t len, size_t offset, int width, const char *fmt, va_list ap)
{
    if (!diag) {
        return code;
    }
    memset(diag, 0, sizeof *diag);
    diag->code = code;
    scx_vsnprintf_c(diag->message, sizeof diag->message, fmt, ap);
    if (file) {
        copy_str(diag->file, sizeof diag->file, file);
    }
    if (!text) {
        return code;
    }
    if (offset > len) {
        offset = len;
    }
    size_t line_start = 0;
    int line = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    }
    int column = 1;
    for (size_t i = line_start; i < offset;) {
        size_t k = utf8_sequence((const unsigned char *)text + i, len - i);
        i += k ? k : 1; /* an invalid byte is shown as one '?' */
        column++;
    }
    size_t line_end = line_start;
    while (line_end < len && text[line_end] != '\n' && text[line_end] != '\r') {
        line_end++;
    }
    size_t n = line_end - line_start;
    if (n >= sizeof diag->source_line) {
        n = sizeof diag->source_line - 1;
    }
    /* Control bytes and invalid text would garble a terminal: show them as '?'. */
    for (size_t i = 0; i < n;) {
        const unsigned char *c = (const unsigned char *)text + line_start + i;
        size_t k = utf8_sequence(c, n - i);
        if (k == 1) {
            diag->source_line[i] = (char)((*c < 0x20 && *c != '\t') || *c == 0x7f ? '?' : *c);
        } else if (k > 1) {
            memcpy(diag->source_line + i, c, k);
        } else {
            diag->source_line[i] = '?';
            k = 1;
        }
        i += k;
    }
    diag->source_line[n] = '\0';
    sanitize_utf8(diag->message);
    diag->offset = offset;
    diag->line = line;
    diag->column = column;
    diag->caret_width = width < 1 ? 1 : width;
    return code;
}

sc_status sc__diag_set_at(sc_diag *diag, sc_status code, const char *file, const char *text,
                          size_t len, size_t offset, int width, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc__diag_vset_at(diag, code, file, text, len, offset, width, fmt, ap);
    va_end(ap);
    return code;
}

void sc_diag_print(const sc_diag *diag, FILE *out)
{
    if (!diag || !out) {
        return;
    }
    const char *msg = diag->message[0] ? diag->message : sc_status_str(diag->code);
    if (diag->line > 0) {
        fprintf(out, "%s:%d:%d: error: %s\n", diag->file[0] ? diag->file : "<input>", diag->line,
                diag->column, msg);
        fprintf(out, "%5d | %s\n      | ", diag->line, diag->source_line);
        /* Pad with the line's own tabs so the caret lines up in any terminal. */
        int col = 1;
        for (const unsigned char *p = (const unsigned char *)diag->source_line;
             *p && col < diag->column; p++) {
            if (!starts_code_point(*p)) {
                continue;
            }
            fputc(*p == '\t' ? '\t' : ' ', out);
            col++;
        }
        fputc('^', out);
        for (int i = 1; i < diag->caret_width && i < 80; i++) {
            fputc('~', out);
        }
        fputc('\n', out);
    } else if (diag->file[0]) {
        fprintf(out, "%s: error: %s\n", diag->file, msg);
    } else {
        fprintf(out, "statecraft: error: %s\n", msg);
    }
}

const char *sc__suggest(const char *word, const char *const *candidates, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t d = scx_edit_distance(word, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    size_t wl = strlen(word);
    if (best && best_d > 0 && best_d <= 2 && best_d * 2 < wl + 1) {
        return best;
    }
    return NULL;
}
