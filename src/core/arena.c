/* SPDX-License-Identifier: MIT */
/* Bump allocator: blocks of at least 64 KiB; big requests get a block of their own. */
#include "core/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct sc__arena_block {
    sc__arena_block *next;
    size_t cap;
    _Alignas(16) unsigned char data[];
};

#define ARENA_BLOCK 65536u

void sc__arena_init(sc__arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

void sc__arena_destroy(sc__arena *a)
{
    sc__arena_block *b = a->head;
    while (b) {
        sc__arena_block *next = b->next;
        free(b);
        b = next;
    }
    sc__arena_init(a);
}

void *sc__arena_alloc(sc__arena *a, size_t n)
{
    size_t need = (n + 15u) & ~(size_t)15u;
    if (need < n) {
        return NULL;
    }
    if (!a->head || a->head->cap - a->used < need) {
        size_t cap = need > ARENA_BLOCK ? need : ARENA_BLOCK;
        if (cap > SIZE_MAX - sizeof(sc__arena_block)) {
            return NULL;
        }
        sc__arena_block *b = malloc(sizeof *b + cap);
        if (!b) {
            return NULL;
        }
        b->cap = cap;
        b->next = a->head;
        a->head = b;
        a->used = 0;
    }
    void *p = a->head->data + a->used;
    a->used += need;
    a->total += need;
    memset(p, 0, n);
    return p;
}

void *sc__arena_calloc(sc__arena *a, size_t n, size_t size)
{
    size_t bytes;
    if (__builtin_mul_overflow(n, size, &bytes)) {
        return NULL;
    }
    return sc__arena_alloc(a, bytes ? bytes : 1);
}

char *sc__arena_strndup(sc__arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX) {
        return NULL;
    }
    char *p = sc__arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *sc__arena_strdup(sc__arena *a, const char *s)
{
    return sc__arena_strndup(a, s, strlen(s));
}
