/* SPDX-License-Identifier: MIT */
/*
 * YAML → located node tree. libfyaml's event parser does the YAML 1.2 work; we build our own
 * small tree so every node (collections too) keeps its byte offset for error messages, and so
 * that the rules a scenario needs (no aliases, no duplicate keys, bounded depth and size) are
 * enforced in one place.
 */
#include "scenario/scenario_internal.h"

#include <errno.h>
#include <libfyaml.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "core/text.h"
#include "scx/scx.h"

/* ---- node API -------------------------------------------------------------------------------- */

sc_node_kind sc__node_kind_of(const sc_node *node)
{
    return node ? node->kind : SC_NODE_NULL;
}

const char *sc__node_scalar(const sc_node *node)
{
    return node && node->kind == SC_NODE_SCALAR ? node->scalar : NULL;
}

size_t sc__node_count(const sc_node *node)
{
    return node && (node->kind == SC_NODE_SEQ || node->kind == SC_NODE_MAP) ? node->n : 0;
}

const sc_node *sc__node_at(const sc_node *node, size_t i)
{
    return i < sc__node_count(node) ? node->items[i] : NULL;
}

const char *sc__node_key_at(const sc_node *node, size_t i)
{
    return node && node->kind == SC_NODE_MAP && i < node->n ? node->keys[i] : NULL;
}

const sc_node *sc__node_get(const sc_node *node, const char *key)
{
    if (!node || node->kind != SC_NODE_MAP) {
        return NULL;
    }
    for (size_t i = 0; i < node->n; i++) {
        if (strcmp(node->keys[i], key) == 0) {
            return node->items[i];
        }
    }
    return NULL;
}

static sc_status node_vfail(const sc_node *n, sc_diag *diag, sc_status code, const char *fmt,
                            va_list ap) SC__PRINTF(4, 0);

static sc_status node_vfail(const sc_node *n, sc_diag *diag, sc_status code, const char *fmt,
                            va_list ap)
{
    if (n && n->src) {
        return sc__diag_vset_at(diag, code, n->src->file, n->src->text, n->src->len, n->offset,
                                n->width, fmt, ap);
    }
    if (diag) {
        char file[SC_DIAG_FILE_MAX];
        memcpy(file, diag->file, sizeof file);
        memset(diag, 0, sizeof *diag);
        memcpy(diag->file, file, sizeof file);
        diag->code = code;
        scx_vsnprintf_c(diag->message, sizeof diag->message, fmt, ap);
    }
    return code;
}

sc_status sc__node_error(const sc_node *node, sc_diag *diag, sc_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    node_vfail(node, diag, code, fmt, ap);
    va_end(ap);
    return code;
}

int sc__parse_number(const char *s, double *out)
{
    if (!s || !*s) {
        return 0;
    }
    /* YAML 1.2 core schema numbers; strtod alone would also take "inf", "nan", hex, spaces. */
    const char *p = s;
    if (*p == '+' || *p == '-') {
        p++;
    }
    if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9'))) {
        return 0;
    }
    for (const char *q = p; *q; q++) {
        if (!((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' || *q == '+' ||
              *q == '-')) {
            return 0;
        }
    }
    char *end = NULL;
    errno = 0;
    double v = scx_strtod_c(s, &end); /* '.' whatever the program's LC_NUMERIC */
    if (end == s || *end != '\0' || errno == ERANGE || !isfinite(v)) {
        return 0;
    }
    *out = v;
    return 1;
}

sc_status sc__node_number(const sc_node *node, double *out, sc_diag *diag)
{
    if (node && node->kind == SC_NODE_MAP) {
        const sc_node *v = sc__node_get(node, "value");
        if (!v) {
            return sc__node_fail(node, diag, SC_EPARSE,
                                 "expected a number or a quantity mapping with 'value'");
        }
        node = v;
    }
    if (!node || node->kind != SC_NODE_SCALAR || node->quoted ||
        !sc__parse_number(node->scalar, out)) {
        return sc__node_fail(node, diag, SC_EPARSE, "expected a finite number, got %s%s%s",
                             node && node->kind == SC_NODE_SCALAR ? "'" : "",
                             node && node->kind == SC_NODE_SCALAR ? node->scalar
                             : node && node->kind == SC_NODE_SEQ  ? "a list"
                             : node && node->kind == SC_NODE_MAP  ? "a mapping"
                                                                  : "nothing",
                             node && node->kind == SC_NODE_SCALAR ? "'" : "");
    }
    return SC_OK;
}

sc_status sc__node_check_keys(const sc_node *map, const char *what, const char *const *allowed,
                              size_t n_allowed, sc_diag *diag)
{
    if (!map || map->kind != SC_NODE_MAP) {
        return sc__node_fail(map, diag, SC_EPARSE, "expected a mapping for %s", what);
    }
    for (size_t i = 0; i < map->n; i++) {
        int known = 0;
        for (size_t j = 0; j < n_allowed && !known; j++) {
            known = strcmp(map->keys[i], allowed[j]) == 0;
        }
        if (!known) {
            const char *hint = sc__suggest(map->keys[i], allowed, n_allowed);
            const sc_node *at = map->key_nodes ? map->key_nodes[i] : map->items[i];
            if (hint) {
                return sc__node_fail(at, diag, SC_EPARSE,
                                     "unknown key '%s' in %s (did you mean '%s'?)", map->keys[i],
                                     what, hint);
            }
            return sc__node_fail(at, diag, SC_EPARSE, "unknown key '%s' in %s", map->keys[i],
                                 what);
        }
    }
    return SC_OK;
}

sc_status sc__node_check_quantity_keys(const sc_node *map, const char *what, sc_diag *diag)
{
    static const char *const keys[] = {"value", "source", "sd", "range", "triangular", "group"};
    return sc__node_check_keys(map, what, keys, sizeof keys / sizeof *keys, diag);
}

sc_node *sc__node_dup(sc__arena *a, const sc_node *n)
{
    if (!n) {
        return NULL;
    }
    sc_node *c = sc__arena_alloc(a, sizeof *c);
    if (!c) {
        return NULL;
    }
    *c = *n;
    if (n->kind == SC_NODE_SCALAR) {
        c->scalar = sc__arena_strdup(a, n->scalar);
        if (!c->scalar) {
            return NULL;
        }
    } else if (n->n) {
        c->items = sc__arena_calloc(a, n->n, sizeof *c->items);
        if (!c->items) {
            return NULL;
        }
        for (size_t i = 0; i < n->n; i++) {
            c->items[i] = sc__node_dup(a, n->items[i]);
            if (!c->items[i]) {
                return NULL;
            }
        }
        /* keys and key nodes are immutable: share them */
    }
    return c;
}

/* ---- YAML → nodes ---------------------------------------------------------------------------- */

/*
 * libfyaml's diagnostics. libfyaml 0.7.12 (Debian 12) renders each error with the offending
 * source line (fy_diag_error_atom_display), and that renderer reads out of bounds on some inputs
 * (lines of many tabs: a segfault). So statecraft never lets libfyaml render anything: the
 * diagnostic object runs in "collect errors" mode, where libfyaml only records each error (its
 * message and its token), and statecraft formats the first one itself from the token's byte
 * position, like every other error. Messages that do not go through the error collector (plain
 * log lines) arrive at `capture_log` and are kept as a fallback.
 */
typedef struct yaml_err {
    int have;
    char msg[256];
} yaml_err;

static void capture_log(struct fy_diag *d, void *user, const char *buf, size_t len)
{
    (void)d;
    yaml_err *e = user;
    if (e->have) {
        return;
    }
    /* The line may start with "[ERR]: " (show_type) and ends with a newline: keep the text. */
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) {
        len--;
    }
    if (len >= 7 && memcmp(buf, "[ERR]: ", 7) == 0) {
        buf += 7;
        len -= 7;
    }
    if (len == 0) {
        return;
    }
    if (len >= sizeof e->msg) {
        len = sizeof e->msg - 1;
    }
    memcpy(e->msg, buf, len);
    e->msg[len] = '\0';
    e->have = 1;
}

/* Byte offset of 1-based (line, column-in-code-points). */
static size_t offset_of(const char *text, size_t len, int line, int column)
{
    size_t i = 0;
    for (int l = 1; l < line && i < len; i++) {
        if (text[i] == '\n') {
            l++;
        }
    }
    for (int c = 1; c < column && i < len && text[i] != '\n'; i++) {
        if (((unsigned char)text[i + 1] & 0xC0) != 0x80) {
            c++;
        }
    }
    return i;
}

typedef struct builder {
    sc__doc *doc;
    struct fy_parser *parser;
    struct fy_diag *fdiag; /* collects libfyaml's errors (never renders them) */
    const yaml_err *log;   /* libfyaml's first plain log line, when an error has no token */
    const sc__text *src;
    size_t count;
    sc_diag *diag;
} builder;

static int code_points(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++) {
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    return c;
}

static sc_node *new_node(builder *b, sc_node_kind kind, struct fy_event *ev)
{
    if (++b->count > SC__MAX_NODES) {
        return NULL;
    }
    sc_node *n = sc__arena_alloc(&b->doc->arena, sizeof *n);
    if (!n) {
        return NULL;
    }
    n->kind = kind;
    n->src = b->src;
    const struct fy_mark *m = fy_event_start_mark(ev);
    n->offset = m ? m->input_pos : 0;
    n->width = 1;
    return n;
}

/*
 * The parser stopped: report libfyaml's first collected error at its token's byte position
 * (the line and column it records are the fallback when there is no token).
 */
static sc_status parser_error(builder *b)
{
    void *it = NULL;
    struct fy_diag_error *e;
    while ((e = fy_diag_errors_iterate(b->fdiag, &it)) != NULL) {
        if (e->type < FYET_ERROR) {
            continue;
        }
        size_t off = b->src->len, end = b->src->len;
        const struct fy_mark *sm = e->fyt ? fy_token_start_mark(e->fyt) : NULL;
        const struct fy_mark *em = e->fyt ? fy_token_end_mark(e->fyt) : NULL;
        if (sm && sm->input_pos <= b->src->len) {
            off = sm->input_pos;
            end = em && em->input_pos > off && em->input_pos <= b->src->len ? em->input_pos
                                                                             : off;
        } else if (e->line > 0 && e->column > 0) {
            off = offset_of(b->src->text, b->src->len, e->line, e->column);
            end = off;
        }
        /* underline the token, but not past the end of its line */
        const char *nl = memchr(b->src->text + off, '\n', end - off);
        if (nl) {
            end = (size_t)(nl - b->src->text);
        }
        while (end > off && (b->src->text[end - 1] == ' ' || b->src->text[end - 1] == '\t' ||
                             b->src->text[end - 1] == '\r')) {
            end--;
        }
        int w = code_points(b->src->text + off, end - off);
        const char *msg = e->msg && e->msg[0] ? e->msg : "malformed YAML";
        return sc__diag_set_at(b->diag, SC_EPARSE, b->src->file, b->src->text, b->src->len, off,
                               w < 1 ? 1 : w > 80 ? 80 : w, "%s", msg);
    }
    return sc__diag_set_at(b->diag, SC_EPARSE, b->src->file, b->src->text, b->src->len,
                           b->src->len, 1, "%s", b->log->have ? b->log->msg : "malformed YAML");
}

/* Growable list of child pointers used while a collection is open (freed after). */
typedef struct kids {
    sc_node **items;
    const char **keys;
    const sc_node **key_nodes;
    size_t n, cap;
    uint32_t *slot; /* a mapping's keys by hash (index + 1), once it has many: a stances mapping
                       of 10,000 actors would take 5e7 comparisons to check for duplicates */
    size_t nslot;
} kids;

static size_t key_hash(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h = (h ^ *p) * 1099511628211u;
    }
    return (size_t)(h ^ (h >> 29));
}

/*
 * 1 if key is already a key of the mapping being built; a scan while it is small, a hash table
 * (rebuilt as it grows) beyond. -1 when out of memory.
 */
static int kids_has_key(kids *k, const char *key)
{
    if (k->n < 16) {
        for (size_t i = 0; i < k->n; i++) {
            if (strcmp(k->key_nodes[i]->scalar, key) == 0) {
                return 1;
            }
        }
        return 0;
    }
    if (2 * k->n >= k->nslot) {
        /* (re)build for the keys so far: every completed key is in key_nodes[0..n) */
        size_t nslot = k->nslot ? 2 * k->nslot : 64;
        while (nslot <= 2 * k->n) {
            nslot *= 2;
        }
        uint32_t *slot = calloc(nslot, sizeof *slot);
        if (!slot) {
            return -1;
        }
        for (size_t i = 0; i < k->n; i++) {
            size_t h = key_hash(k->key_nodes[i]->scalar) & (nslot - 1);
            while (slot[h]) {
                h = (h + 1) & (nslot - 1);
            }
            slot[h] = (uint32_t)(i + 1);
        }
        free(k->slot);
        k->slot = slot;
        k->nslot = nslot;
    }
    size_t h = key_hash(key) & (k->nslot - 1);
    for (; k->slot[h]; h = (h + 1) & (k->nslot - 1)) {
        if (strcmp(k->key_nodes[k->slot[h] - 1]->scalar, key) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Records key i (just pushed) in the hash table, if there is one. */
static void kids_hash_key(kids *k, size_t i)
{
    if (!k->slot || 2 * (i + 1) >= k->nslot) {
        return; /* no table yet, or the next lookup rebuilds it with this key */
    }
    size_t h = key_hash(k->key_nodes[i]->scalar) & (k->nslot - 1);
    while (k->slot[h]) {
        h = (h + 1) & (k->nslot - 1);
    }
    k->slot[h] = (uint32_t)(i + 1);
}

static int kids_push(kids *k, sc_node *item, const sc_node *key)
{
    if (k->n == k->cap) {
        size_t ncap = k->cap ? k->cap * 2 : 8;
        sc_node **ni = realloc(k->items, ncap * sizeof *ni);
        if (!ni) {
            return 0;
        }
        k->items = ni;
        const sc_node **nk = realloc(k->key_nodes, ncap * sizeof *nk);
        if (!nk) {
            return 0;
        }
        k->key_nodes = nk;
        k->cap = ncap;
    }
    k->items[k->n] = item;
    k->key_nodes[k->n] = key;
    k->n++;
    return 1;
}

/*
 * A scalar's text, read chunk by chunk with libfyaml's token iterator into a malloc'd buffer
 * (*out, NUL-terminated, *len bytes). Not fy_token_get_text: in libfyaml 0.7.12 that caches the
 * text through fy_atom_format_text, which returns early without freeing its iterator when the
 * text is longer than its precomputed length (single-quoted scalars full of '' escapes, found by
 * fuzz_scenario), leaking the iterator's chunk array. The iterator is always finished here.
 * Returns 1 on success, 0 when out of memory, -1 when libfyaml cannot produce the text.
 */
static int token_text(struct fy_token *fyt, char **out, size_t *len)
{
    size_t n = 0, cap = 64;
    char *buf = malloc(cap);
    if (!buf) {
        return 0;
    }
    struct fy_token_iter *it = fyt ? fy_token_iter_create(fyt) : NULL;
    if (fyt && !it) {
        free(buf);
        return 0;
    }
    const struct fy_iter_chunk *ic = NULL;
    int err = 0;
    while (it && (ic = fy_token_iter_chunk_next(it, ic, &err)) != NULL) {
        if (ic->len >= cap - n) {
            while (ic->len >= cap - n) {
                cap *= 2;
            }
            char *nb = realloc(buf, cap);
            if (!nb) {
                fy_token_iter_destroy(it);
                free(buf);
                return 0;
            }
            buf = nb;
        }
        memcpy(buf + n, ic->str, ic->len);
        n += ic->len;
    }
    if (it) {
        fy_token_iter_destroy(it);
    }
    if (err != 0) {
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 1;
}

static sc_status build_value(builder *b, struct fy_event *ev, int depth, sc_node **out);

/* Reads events until the collection opened by `open` closes. Takes ownership of nothing. */
static sc_status build_collection(builder *b, struct fy_event *open, int depth, sc_node **out)
{
    int is_map = open->type == FYET_MAPPING_START;
    sc_node *n = new_node(b, is_map ? SC_NODE_MAP : SC_NODE_SEQ, open);
    if (!n) {
        return b->count > SC__MAX_NODES
                   ? sc__diag_set_at(b->diag, SC_ELIMIT, b->src->file, b->src->text, b->src->len,
                                     fy_event_start_mark(open) ? fy_event_start_mark(open)->input_pos : 0, 1,
                                     "document has more than %u nodes", SC__MAX_NODES)
                   : sc__diag_set(b->diag, SC_ENOMEM, "out of memory");
    }
    if (depth > SC__MAX_DEPTH) {
        return sc__node_fail(n, b->diag, SC_ELIMIT, "nesting deeper than %d levels",
                             SC__MAX_DEPTH);
    }
    kids k = {0};
    sc_status rc = SC_OK;
    sc_node *pending_key = NULL;
    for (;;) {
        struct fy_event *ev = fy_parser_parse(b->parser);
        if (!ev) {
            rc = parser_error(b);
            goto cleanup;
        }
        enum fy_event_type t = ev->type;
        if (t == FYET_MAPPING_END || t == FYET_SEQUENCE_END) {
            fy_parser_event_free(b->parser, ev);
            break;
        }
        sc_node *child = NULL;
        rc = build_value(b, ev, depth + 1, &child);
        fy_parser_event_free(b->parser, ev);
        if (rc != SC_OK) {
            goto cleanup;
        }
        if (is_map && !pending_key) {
            if (child->kind != SC_NODE_SCALAR) {
                rc = sc__node_fail(child, b->diag, SC_EPARSE, "mapping keys must be plain text");
                goto cleanup;
            }
            int has = kids_has_key(&k, child->scalar);
            if (has < 0) {
                rc = sc__diag_set(b->diag, SC_ENOMEM, "out of memory");
                goto cleanup;
            }
            if (has) {
                rc = sc__node_fail(child, b->diag, SC_EPARSE, "duplicate key '%s'",
                                   child->scalar);
                goto cleanup;
            }
            pending_key = child;
            continue;
        }
        if (is_map && pending_key && child->kind == SC_NODE_NULL &&
            child->offset < pending_key->offset) {
            /* an empty value (`war:` and nothing) has no token of its own, and libfyaml gives
             * it no position: an error about it points at its key, not at the file's start */
            child->offset = pending_key->offset;
            child->width = pending_key->width;
        }
        if (!kids_push(&k, child, pending_key)) {
            rc = sc__diag_set(b->diag, SC_ENOMEM, "out of memory");
            goto cleanup;
        }
        if (is_map) {
            kids_hash_key(&k, k.n - 1);
        }
        pending_key = NULL;
    }
    n->n = k.n;
    if (k.n) {
        n->items = sc__arena_calloc(&b->doc->arena, k.n, sizeof *n->items);
        if (!n->items) {
            rc = sc__diag_set(b->diag, SC_ENOMEM, "out of memory");
            goto cleanup;
        }
        memcpy(n->items, k.items, k.n * sizeof *n->items);
        if (is_map) {
            n->keys = sc__arena_calloc(&b->doc->arena, k.n, sizeof *n->keys);
            n->key_nodes = sc__arena_calloc(&b->doc->arena, k.n, sizeof *n->key_nodes);
            if (!n->keys || !n->key_nodes) {
                rc = sc__diag_set(b->diag, SC_ENOMEM, "out of memory");
                goto cleanup;
            }
            for (size_t i = 0; i < k.n; i++) {
                n->keys[i] = k.key_nodes[i]->scalar;
                n->key_nodes[i] = k.key_nodes[i];
            }
        }
    }
    *out = n;
cleanup:
    free(k.items);
    free(k.key_nodes);
    free(k.slot);
    return rc;
}

static sc_status build_value(builder *b, struct fy_event *ev, int depth, sc_node **out)
{
    switch (ev->type) {
    case FYET_SCALAR: {
        sc_node *n = new_node(b, SC_NODE_SCALAR, ev);
        if (!n) {
            return b->count > SC__MAX_NODES
                       ? sc__diag_set(b->diag, SC_ELIMIT, "document has more than %u nodes",
                                      SC__MAX_NODES)
                       : sc__diag_set(b->diag, SC_ENOMEM, "out of memory");
        }
        size_t len = 0;
        char *t = NULL;
        int got = token_text(ev->scalar.value, &t, &len);
        if (got <= 0) {
            return got == 0 ? sc__diag_set(b->diag, SC_ENOMEM, "out of memory")
                            : sc__node_fail(n, b->diag, SC_EPARSE, "malformed scalar");
        }
        if (memchr(t, '\0', len)) {
            free(t);
            return sc__node_fail(n, b->diag, SC_EPARSE, "text contains a NUL character");
        }
        n->scalar = sc__arena_strndup(&b->doc->arena, t, len);
        int w = code_points(t, len);
        free(t);
        if (!n->scalar) {
            return sc__diag_set(b->diag, SC_ENOMEM, "out of memory");
        }
        enum fy_scalar_style st = fy_token_scalar_style(ev->scalar.value);
        n->quoted = st == FYSS_SINGLE_QUOTED || st == FYSS_DOUBLE_QUOTED || st == FYSS_LITERAL ||
                    st == FYSS_FOLDED;
        if (!n->quoted && (strcmp(n->scalar, "~") == 0 || strcmp(n->scalar, "null") == 0 ||
                           len == 0)) {
            n->kind = SC_NODE_NULL;
        }
        n->width = w < 1 ? 1 : w;
        if ((st == FYSS_LITERAL || st == FYSS_FOLDED) && n->src && n->src->text &&
            n->scalar[strspn(n->scalar, " \t\r\n")] != '\0') {
            /* a block scalar starts at the beginning of its first line, indentation included:
             * point at its first character and underline that line only */
            const char *text = n->src->text;
            size_t at = n->offset, end;
            while (at < n->src->len && (text[at] == ' ' || text[at] == '\t' ||
                                        text[at] == '\n' || text[at] == '\r')) {
                at++;
            }
            for (end = at; end < n->src->len && text[end] != '\n' && text[end] != '\r';) {
                end++;
            }
            if (at < n->src->len) {
                int lw = code_points(text + at, end - at);
                n->offset = at;
                n->width = lw < 1 ? 1 : lw;
            }
        }
        *out = n;
        return SC_OK;
    }
    case FYET_MAPPING_START:
    case FYET_SEQUENCE_START:
        return build_collection(b, ev, depth, out);
    case FYET_ALIAS: {
        sc_node *n = new_node(b, SC_NODE_NULL, ev);
        return sc__node_fail(n, b->diag, SC_EPARSE,
                             "YAML aliases (*name) are not supported in scenarios");
    }
    default: {
        const struct fy_mark *m = fy_event_start_mark(ev);
        return sc__diag_set_at(b->diag, SC_EPARSE, b->src->file, b->src->text, b->src->len,
                               m ? m->input_pos : 0, 1, "unexpected YAML event");
    }
    }
}

sc_status sc__yaml_parse(sc__doc *doc, const char *text, size_t len, const char *file,
                         const sc_node **root, sc_diag *diag)
{
    *root = NULL;
    char *copy = malloc(len + 1);
    if (!copy) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    doc->text.text = copy;
    doc->text_owned = copy;
    doc->text.len = len;
    doc->text.file = sc__arena_strdup(&doc->arena, file ? file : "<input>");
    if (!doc->text.file) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    const sc__text *src = &doc->text;
    sc_status rc = sc__text_check(src->file, src->text, src->len, diag);
    if (rc != SC_OK) {
        return rc;
    }
    size_t first = 0;
    while (first < len && (text[first] == ' ' || text[first] == '\n' || text[first] == '\r' ||
                           text[first] == '\t')) {
        first++;
    }
    if (first == len) {
        return sc__diag_set_at(diag, SC_EPARSE, src->file, src->text, src->len, 0, 1,
                               "the file is empty");
    }

    yaml_err log = {0};
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = capture_log;
    dcfg.user = &log;
    dcfg.level = FYET_ERROR;
    dcfg.colorize = false;
    dcfg.show_source = dcfg.show_position = dcfg.show_module = false;
    dcfg.show_type = false;
    struct fy_diag *fdiag = fy_diag_create(&dcfg);
    if (!fdiag) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    fy_diag_set_collect_errors(fdiag, true);
    struct fy_parse_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.flags = FYPCF_DEFAULT_VERSION_1_2;
    cfg.diag = fdiag;
    struct fy_parser *p = fy_parser_create(&cfg);
    if (!p || fy_parser_set_string(p, copy, len) != 0) {
        if (p) {
            fy_parser_destroy(p);
        }
        fy_diag_destroy(fdiag);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    builder b = {doc, p, fdiag, &log, src, 0, diag};
    sc_node *top = NULL;
    int docs = 0;
    for (;;) {
        struct fy_event *ev = fy_parser_parse(p);
        if (!ev) {
            if (fy_parser_get_stream_error(p)) {
                rc = parser_error(&b);
            }
            break;
        }
        enum fy_event_type t = ev->type;
        if (t == FYET_DOCUMENT_START) {
            if (++docs > 1) {
                const struct fy_mark *m = fy_event_start_mark(ev);
                rc = sc__diag_set_at(diag, SC_EPARSE, src->file, src->text, src->len,
                                     m ? m->input_pos : 0, 3,
                                     "a scenario file holds one YAML document, found a second");
                fy_parser_event_free(p, ev);
                break;
            }
        } else if (t == FYET_SCALAR || t == FYET_MAPPING_START || t == FYET_SEQUENCE_START ||
                   t == FYET_ALIAS) {
            rc = build_value(&b, ev, 0, &top);
        }
        fy_parser_event_free(p, ev);
        if (rc != SC_OK || t == FYET_STREAM_END) {
            break;
        }
    }
    fy_parser_destroy(p);
    fy_diag_destroy(fdiag);
    if (rc == SC_OK && !top) {
        rc = sc__diag_set_at(diag, SC_EPARSE, src->file, src->text, src->len, 0, 1,
                             "the file holds no YAML document");
    }
    if (rc == SC_OK) {
        *root = top;
    }
    return rc;
}

sc_status sc__node_unknown_actor(const sc_node *at, const sc_scenario *s, const char *id,
                                 const char *where, sc_diag *diag)
{
    size_t na = sc_scenario_actor_count(s);
    const char **ids = id ? malloc((na ? na : 1) * sizeof *ids) : NULL;
    const char *hint = NULL;
    if (ids) {
        for (size_t k = 0; k < na; k++) {
            ids[k] = sc_scenario_actor(s, k)->id;
        }
        hint = sc__suggest(id, ids, na);
    }
    sc_status rc = hint ? sc__node_error(at, diag, SC_ENOTFOUND,
                                         "unknown actor '%s'%s (did you mean '%s'?)", id, where,
                                         hint)
                        : sc__node_error(at, diag, SC_ENOTFOUND, "unknown actor '%s'%s",
                                         id ? id : "", where);
    free(ids);
    return rc;
}
