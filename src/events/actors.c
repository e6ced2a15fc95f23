/* SPDX-License-Identifier: MIT */
/*
 * Countries and actors: ISO alpha-3 codes and the names ICEWS writes (generated table in
 * countries.c), and the user's actor mapping file.
 */
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scx/scx.h"
#include "events/events_internal.h"

/* ---- countries ------------------------------------------------------------------------------- */

const sc__country *sc__country_find(const char *code, size_t n)
{
    if (n != 3) {
        return NULL;
    }
    size_t lo = 0, hi = sc__country_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = memcmp(sc__countries[mid].code, code, 3);
        if (c == 0) {
            return &sc__countries[mid];
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* strcmp of a lower-case table name against n bytes of text folded to lower case */
static int cmp_folded(const char *table, const char *p, size_t n)
{
    size_t i = 0;
    for (; i < n && table[i]; i++) {
        int a = (unsigned char)table[i], b = lower((unsigned char)p[i]);
        if (a != b) {
            return a - b;
        }
    }
    if (i < n) {
        return -1; /* the table's name is a prefix of the text */
    }
    return table[i] ? 1 : 0;
}

const char *sc__country_code_n(const char *name, size_t n)
{
    size_t lo = 0, hi = sc__country_alias_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmp_folded(sc__country_aliases[mid].name, name, n);
        if (c == 0) {
            return sc__country_aliases[mid].code;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

const char *sc_country_code(const char *name)
{
    return name ? sc__country_code_n(name, strlen(name)) : NULL;
}

const char *sc_country_name(const char *iso3)
{
    const sc__country *c = iso3 ? sc__country_find(iso3, strlen(iso3)) : NULL;
    return c ? c->name : NULL;
}

int sc__valid_actor_id(const char *p, size_t n)
{
    if (n < 1 || n > 32) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-')) {
            return 0;
        }
    }
    return 1;
}

/* ---- the user's mapping file ----------------------------------------------------------------- */

typedef struct map_entry {
    sc__mapkind kind;
    char *key; /* lower case */
    char *id;  /* NULL: "no actor" */
} map_entry;

struct sc_actor_map {
    map_entry *e;
    size_t n, cap;
    uint32_t *slots; /* open addressing over e (index + 1; 0 empty) */
    size_t nslots;
};

static uint32_t hash_key(sc__mapkind kind, const char *key, size_t n)
{
    uint32_t h = 2166136261u ^ (uint32_t)kind;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ (uint32_t)lower((unsigned char)key[i])) * 16777619u;
    }
    return h;
}

static int entry_is(const map_entry *e, sc__mapkind kind, const char *key, size_t n)
{
    return e->kind == kind && cmp_folded(e->key, key, n) == 0;
}

static const map_entry *find_exact(const sc_actor_map *m, sc__mapkind kind, const char *key,
                                   size_t n)
{
    size_t mask = m->nslots - 1;
    for (size_t s = hash_key(kind, key, n) & mask; m->slots[s]; s = (s + 1) & mask) {
        const map_entry *e = &m->e[m->slots[s] - 1];
        if (entry_is(e, kind, key, n)) {
            return e;
        }
    }
    return NULL;
}

sc__mapres sc__actor_map_lookup(const sc_actor_map *m, sc__mapkind kind, const char *key,
                                size_t n, const char **id)
{
    if (!m || m->n == 0) {
        return SC__MAP_MISS;
    }
    const map_entry *e = find_exact(m, kind, key, n);
    if (!e && kind != SC__MAP_ANY) {
        e = find_exact(m, SC__MAP_ANY, key, n);
    }
    if (e) {
        *id = e->id;
        return e->id ? SC__MAP_ID : SC__MAP_NONE;
    }
    return SC__MAP_MISS;
}

size_t sc__actor_map_size(const sc_actor_map *m)
{
    return m ? m->n : 0;
}

void sc_actor_map_free(sc_actor_map *m)
{
    if (!m) {
        return;
    }
    for (size_t i = 0; i < m->n; i++) {
        free(m->e[i].key);
        free(m->e[i].id);
    }
    free(m->e);
    free(m->slots);
    free(m);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static char *dup_lower(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        for (size_t i = 0; i < n; i++) {
            s[i] = (char)lower((unsigned char)p[i]);
        }
        s[n] = '\0';
    }
    return s;
}

static sc_status rehash(sc_actor_map *m)
{
    size_t want = 16;
    while (want < 2 * m->n + 2) {
        want *= 2;
    }
    uint32_t *slots = calloc(want, sizeof *slots);
    if (!slots) {
        return SC_ENOMEM;
    }
    for (size_t i = 0; i < m->n; i++) {
        size_t s = hash_key(m->e[i].kind, m->e[i].key, strlen(m->e[i].key)) & (want - 1);
        while (slots[s]) {
            s = (s + 1) & (want - 1);
        }
        slots[s] = (uint32_t)(i + 1);
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = want;
    return SC_OK;
}

sc_status sc_actor_map_parse(const char *text, size_t len, const char *filename,
                             sc_actor_map **out, sc_diag *diag)
{
    static const struct {
        const char *prefix;
        sc__mapkind kind;
    } prefixes[] = {{"code:", SC__MAP_CODE},       {"group:", SC__MAP_GROUP},
                    {"country:", SC__MAP_COUNTRY}, {"name:", SC__MAP_NAME},
                    {"country-name:", SC__MAP_CNAME}};
    *out = NULL;
    sc_actor_map *m = calloc(1, sizeof *m);
    if (!m || rehash(m) != SC_OK) {
        sc_actor_map_free(m);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    sc_status rc = SC_OK;
    size_t pos = 0;
#define FAIL(off, width, ...)                                                                    \
    do {                                                                                         \
        rc = sc__diag_set_at(diag, SC_EPARSE, filename, text, len, (off), (width), __VA_ARGS__); \
        goto done;                                                                               \
    } while (0)
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        if (memchr(line, '\0', n)) {
            FAIL((size_t)(line - text), 1, "the actor map is not text (NUL byte)");
        }
        size_t b = 0, e = n;
        while (b < e && is_space(line[b])) {
            b++;
        }
        while (e > b && is_space(line[e - 1])) {
            e--;
        }
        if (b == e || line[b] == '#') {
            continue;
        }
        /* KEY<TAB>ID or KEY,ID: the id never holds a tab or comma, so split at the last one */
        size_t sep = e;
        for (size_t i = e; i > b; i--) {
            if (line[i - 1] == '\t') {
                sep = i - 1;
                break;
            }
        }
        if (sep == e) {
            for (size_t i = e; i > b; i--) {
                if (line[i - 1] == ',') {
                    sep = i - 1;
                    break;
                }
            }
        }
        size_t off = (size_t)(line - text);
        if (sep == e) {
            FAIL(off + b, (int)(e - b), "expected 'KEY<TAB>ID' (or 'KEY,ID') in the actor map");
        }
        size_t kb = b, ke = sep, ib = sep + 1, ie = e;
        while (ke > kb && is_space(line[ke - 1])) {
            ke--;
        }
        while (ib < ie && is_space(line[ib])) {
            ib++;
        }
        sc__mapkind kind = SC__MAP_ANY;
        for (size_t k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++) {
            size_t pl = strlen(prefixes[k].prefix);
            if (ke - kb >= pl && strncmp(line + kb, prefixes[k].prefix, pl) == 0) {
                kind = prefixes[k].kind;
                kb += pl;
                break;
            }
        }
        if (kb == ke) {
            FAIL(off + b, 1, "empty key in the actor map");
        }
        int none = ie - ib == 1 && line[ib] == '-';
        if (!none && !sc__valid_actor_id(line + ib, ie - ib)) {
            FAIL(off + ib, ie > ib ? (int)(ie - ib) : 1,
                 "'%.*s' is not an actor id (1-32 characters of A-Za-z0-9_-, or '-' for no actor)",
                 (int)(ie - ib > 64 ? 64 : ie - ib), line + ib);
        }
        if (find_exact(m, kind, line + kb, ke - kb)) {
            FAIL(off + kb, (int)(ke - kb), "duplicate key '%.*s' in the actor map",
                 (int)(ke - kb > 64 ? 64 : ke - kb), line + kb);
        }
        if (m->n == m->cap) {
            size_t nc = m->cap ? 2 * m->cap : 16;
            map_entry *ne = realloc(m->e, nc * sizeof *ne);
            if (!ne) {
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                goto done;
            }
            m->e = ne;
            m->cap = nc;
        }
        map_entry *me = &m->e[m->n];
        me->kind = kind;
        me->key = dup_lower(line + kb, ke - kb);
        me->id = NULL;
        if (!none && (me->id = malloc(ie - ib + 1)) != NULL) { /* ids keep their case */
            memcpy(me->id, line + ib, ie - ib);
            me->id[ie - ib] = '\0';
        }
        m->n++;
        if (!me->key || (!none && !me->id)) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            goto done;
        }
        if (2 * m->n + 2 > m->nslots) {
            if (rehash(m) != SC_OK) { /* places every entry, the new one included */
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                goto done;
            }
        } else {
            size_t mask = m->nslots - 1, s = hash_key(kind, me->key, strlen(me->key)) & mask;
            while (m->slots[s]) {
                s = (s + 1) & mask;
            }
            m->slots[s] = (uint32_t)m->n;
        }
    }
#undef FAIL
done:
    if (rc != SC_OK) {
        sc_actor_map_free(m);
        return rc;
    }
    *out = m;
    return SC_OK;
}

sc_status sc_actor_map_read(const char *path, sc_actor_map **out, sc_diag *diag)
{
    char *text = NULL;
    size_t len = 0;
    *out = NULL;
    sc_status rc = scx_file_read(path, 16u << 20, &text, &len, diag);
    if (rc == SC_OK) {
        rc = sc_actor_map_parse(text, len, path, out, diag);
    }
    sc_free(text);
    return rc;
}
