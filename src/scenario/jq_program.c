/* SPDX-License-Identifier: MIT */
/*
 * jq programs (libjq, Debian's libjq-dev): several expressions compiled as one program whose
 * input is [k, document] and which runs expression k on the document, so a worker binds jq's
 * builtins once (about 20 ms with jq 1.6) however many predicates and headline extractors it
 * evaluates. Documents come from jansson and are converted to jv value by value.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jq.h>

#include "scenario/jq_internal.h"
#include "scx/scx.h"

struct sc__jq {
    jq_state *jq;
    size_t n;
    char msg[512];     /* the first error jq reported while compiling */
    int have_msg;
};

/* jq reports compile errors through a callback, one message each plus a summary. */
static void on_error(void *data, jv msg)
{
    sc__jq *q = data;
    if (!q->have_msg && jv_get_kind(msg) == JV_KIND_STRING) {
        const char *m = jv_string_value(msg);
        if (strncmp(m, "jq: error: ", 11) == 0) {
            m += 11;
        }
        /* keep "MESSAGE at <top-level>, line N" and drop the echoed program after it */
        const char *colon = strstr(m, ":\n");
        size_t len = colon ? (size_t)(colon - m) : strlen(m);
        if (len >= sizeof q->msg) {
            len = sizeof q->msg - 1;
        }
        memcpy(q->msg, m, len);
        q->msg[len] = '\0';
        q->have_msg = 1;
    }
    jv_free(msg);
}

/* Line (1-based) in a jq message "... at <top-level>, line N", or 0. */
static int message_line(const char *m)
{
    const char *p = strstr(m, "<top-level>, line ");
    return p ? atoi(p + 18) : 0;
}

/* The message without jq's location in the combined program (it is meaningless to the user). */
static void strip_location(char *m)
{
    char *p = strstr(m, " at <top-level>");
    if (p) {
        *p = '\0';
    }
}

static sc__jq *compile_one(const char *program, char *msg, size_t msg_len)
{
    sc__jq *q = calloc(1, sizeof *q);
    if (!q || !(q->jq = jq_init())) {
        free(q);
        snprintf(msg, msg_len, "out of memory");
        return NULL;
    }
    jq_set_error_cb(q->jq, on_error, q);
    if (!jq_compile(q->jq, program)) {
        snprintf(msg, msg_len, "%s", q->have_msg ? q->msg : "jq cannot compile it");
        sc__jq_free(q);
        return NULL;
    }
    return q;
}

/*
 * libjq 1.6 (Debian 12) leaks about 21 bytes for every string literal that is open when its parser
 * meets a syntax error: an error inside an interpolation ("a\(%)") drops the partly built string
 * without freeing it. ASan's leak checker runs every test and fuzz target (the fuzzer found it:
 * tests/fuzz/corpus/scenario/regress-leak-jq-interpolation), and statecraft cannot free what
 * libjq dropped, so libjq never sees such an expression: the code inside each interpolation is
 * compiled first on its own, as `[(code), ...]`, innermost first, where an error finds no string
 * open. Inside `\( )` jq's grammar reads an expression, so `(code)` parses alone exactly as it
 * does there; a name defined outside it ("$x is not defined") is not a syntax error and is left to
 * the whole program. The scanner has already refused unterminated strings and interpolations.
 */
static sc_status check_interpolations(const char *expr, char *msg, size_t msg_len)
{
    sc__jq_interp *in = NULL;
    size_t n = 0;
    sc_status rc = sc__jq_interpolations(expr, &in, &n, msg, msg_len);
    unsigned deepest = 0;
    for (size_t i = 0; i < n; i++) {
        deepest = in[i].depth > deepest ? in[i].depth : deepest;
    }
    for (unsigned d = deepest; rc == SC_OK && d >= 1; d--) {
        scx_buf p;
        scx_buf_init(&p);
        scx_buf_puts(&p, "[");
        const char *sep = "";
        for (size_t i = 0; i < n; i++) {
            if (in[i].depth == d) {
                /* the newline ends a comment the code may close with */
                scx_buf_printf(&p, "%s(%.*s\n)", sep, (int)(in[i].to - in[i].from),
                               expr + in[i].from);
                sep = ", ";
            }
        }
        scx_buf_puts(&p, "]");
        rc = p.error;
        if (rc == SC_OK) {
            sc__jq *alone = compile_one(p.data, msg, msg_len);
            if (alone) {
                sc__jq_free(alone);
            } else if (!strstr(msg, " is not defined")) {
                /* a syntax error: libjq stopped before binding any name */
                strip_location(msg);
                rc = strcmp(msg, "out of memory") == 0 ? SC_ENOMEM : SC_EPARSE;
            } else if (msg_len) {
                msg[0] = '\0';
            }
        }
        scx_buf_destroy(&p);
    }
    free(in);
    return rc;
}

sc_status sc__jq_compile(const char *const *exprs, size_t n, sc__jq **out, size_t *bad, char *msg,
                         size_t msg_len)
{
    *out = NULL;
    *bad = 0;
    if (msg_len) {
        msg[0] = '\0';
    }
    scx_buf p;
    scx_buf_init(&p);
    for (size_t k = 0; k < n; k++) {
        sc_status rc = check_interpolations(exprs[k], msg, msg_len);
        if (rc != SC_OK) {
            *bad = k;
            return rc;
        }
    }
    int *first_line = calloc(n + 1, sizeof *first_line);
    if (!first_line) {
        return SC_ENOMEM;
    }
    int line = 1;
    for (size_t k = 0; k < n; k++) {
        /* each expression starts on a line of its own and ends before a newline, so a trailing
         * comment cannot swallow the closing parenthesis */
        scx_buf_printf(&p, "def __sc_%zu:\n(", k);
        line++;
        first_line[k] = line;
        scx_buf_puts(&p, exprs[k]);
        for (const char *c = exprs[k]; *c; c++) {
            line += *c == '\n';
        }
        scx_buf_puts(&p, "\n);\n");
        line += 2;
    }
    first_line[n] = line;
    scx_buf_puts(&p, ".[0] as $__sc_k | .[1] | ");
    for (size_t k = 0; k < n; k++) {
        scx_buf_printf(&p, "%sif $__sc_k == %zu then __sc_%zu", k ? " else " : "", k, k);
    }
    scx_buf_puts(&p, n ? " else empty" : "empty");
    for (size_t k = 0; k < n; k++) {
        scx_buf_puts(&p, " end");
    }
    sc_status rc = p.error;
    sc__jq *q = rc == SC_OK ? compile_one(p.data, msg, msg_len) : NULL;
    if (rc == SC_OK && !q) {
        rc = SC_EPARSE;
        /* which expression? jq names a line of the combined program; confirm by compiling the
         * suspect alone, or else try each in turn */
        int at = message_line(msg);
        size_t suspect = n;
        for (size_t k = 0; k < n && at; k++) {
            if (at >= first_line[k] && at < first_line[k + 1]) {
                suspect = k;
            }
        }
        char one[512];
        for (size_t t = 0; t <= n; t++) {
            size_t k = t == 0 ? suspect : t - 1;
            if (k >= n || (t > 0 && k == suspect)) {
                continue;
            }
            sc__jq *alone = compile_one(exprs[k], one, sizeof one);
            if (!alone) {
                *bad = k;
                snprintf(msg, msg_len, "%s", one);
                break;
            }
            sc__jq_free(alone);
        }
        strip_location(msg);
    }
    if (q) {
        q->n = n;
    }
    scx_buf_destroy(&p);
    free(first_line);
    *out = q;
    return rc;
}

void sc__jq_free(sc__jq *q)
{
    if (q) {
        jq_teardown(&q->jq);
        free(q);
    }
}

sc_status sc__jq_run(sc__jq *q, size_t k, jv input, jv *first, size_t *count, char *msg,
                     size_t msg_len)
{
    *first = jv_invalid();
    *count = 0;
    if (k >= q->n) {
        jv_free(input);
        snprintf(msg, msg_len, "no expression %zu", k);
        return SC_EINVAL;
    }
    jq_start(q->jq, JV_ARRAY(jv_number((double)k), input), 0);
    for (;;) {
        jv r = jq_next(q->jq);
        if (!jv_is_valid(r)) {
            if (jv_invalid_has_msg(jv_copy(r))) {
                jv m = jv_invalid_get_msg(r);
                if (jv_get_kind(m) == JV_KIND_STRING) {
                    snprintf(msg, msg_len, "%s", jv_string_value(m));
                } else {
                    jv d = jv_dump_string(m, 0);
                    snprintf(msg, msg_len, "%s", jv_string_value(d));
                    m = d;
                }
                jv_free(m);
                jv_free(*first); /* an error after a first result: no result at all */
                *first = jv_invalid();
                *count = 0;
                return SC_EINVAL; /* the next jq_start resets the program */
            }
            jv_free(r);
            return SC_OK;
        }
        (*count)++;
        if (*count == 1) {
            *first = r;
        } else {
            jv_free(r);
            return SC_OK; /* two results are enough to say "more than one" */
        }
    }
}

/* Interned object keys: open addressing over the keys' texts, filled to half at most. */
#define SC__JV_KEYS_CAP 1024u

struct sc__jv_keys {
    size_t n;
    unsigned char used[SC__JV_KEYS_CAP];
    jv key[SC__JV_KEYS_CAP];
};

sc__jv_keys *sc__jv_keys_new(void)
{
    return calloc(1, sizeof(sc__jv_keys));
}

void sc__jv_keys_free(sc__jv_keys *k)
{
    if (!k) {
        return;
    }
    for (size_t i = 0; i < SC__JV_KEYS_CAP; i++) {
        if (k->used[i]) {
            jv_free(k->key[i]);
        }
    }
    free(k);
}

/* Key text as a jv: the interned one when k has it or room for it, else a new string. */
static jv key_jv(sc__jv_keys *k, const char *text)
{
    if (!k) {
        return jv_string(text);
    }
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h = (h ^ *p) * 16777619u;
    }
    for (size_t probe = 0; probe < SC__JV_KEYS_CAP; probe++) {
        size_t at = (h + probe) & (SC__JV_KEYS_CAP - 1);
        if (!k->used[at]) {
            if (k->n >= SC__JV_KEYS_CAP / 2) {
                break; /* a document of many distinct keys: the rest are not interned */
            }
            k->key[at] = jv_string(text);
            k->used[at] = 1;
            k->n++;
        } else if (strcmp(jv_string_value(k->key[at]), text) != 0) {
            continue; /* another key in this slot */
        }
        return jv_copy(k->key[at]);
    }
    return jv_string(text);
}

jv sc__jv_from_json_keys(json_t *j, sc__jv_keys *keys)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        jv o = jv_object();
        const char *key;
        json_t *v;
        json_object_foreach(j, key, v)
        {
            o = jv_object_set(o, key_jv(keys, key), sc__jv_from_json_keys(v, keys));
        }
        return o;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(j);
        jv a = jv_array_sized((int)n);
        for (size_t i = 0; i < n; i++) {
            a = jv_array_append(a, sc__jv_from_json_keys(json_array_get(j, i), keys));
        }
        return a;
    }
    case JSON_STRING:
        return jv_string_sized(json_string_value(j), (int)json_string_length(j));
    case JSON_INTEGER:
        return jv_number((double)json_integer_value(j));
    case JSON_REAL:
        return jv_number(json_real_value(j));
    case JSON_TRUE:
        return jv_true();
    case JSON_FALSE:
        return jv_false();
    case JSON_NULL:
        break;
    }
    return jv_null();
}

jv sc__jv_from_json(json_t *j)
{
    return sc__jv_from_json_keys(j, NULL);
}

const char *sc__jv_kind_name(jv v)
{
    return jv_kind_name(jv_get_kind(v));
}
