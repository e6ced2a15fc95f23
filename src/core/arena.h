/* SPDX-License-Identifier: MIT */
/* A bump allocator for data that dies together (a parsed document, a scenario's sections). */
#ifndef SC_CORE_ARENA_H
#define SC_CORE_ARENA_H

#include <stddef.h>

typedef struct sc__arena_block sc__arena_block;

typedef struct sc__arena {
    sc__arena_block *head;
    size_t used;   /* bytes used in head */
    size_t total;  /* bytes handed out overall, for limits */
} sc__arena;

void sc__arena_init(sc__arena *a);
/* Frees every block. The arena can be reused after. */
void sc__arena_destroy(sc__arena *a);
/* n bytes aligned for any type, zeroed; NULL on overflow or out of memory. */
void *sc__arena_alloc(sc__arena *a, size_t n);
/* n elements of size each, zeroed, with the multiplication checked. */
void *sc__arena_calloc(sc__arena *a, size_t n, size_t size);
/* A copy of the first n bytes of s, NUL-terminated. */
char *sc__arena_strndup(sc__arena *a, const char *s, size_t n);
char *sc__arena_strdup(sc__arena *a, const char *s);

#endif
