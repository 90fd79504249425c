/* A bump allocator: a document's nodes and strings are allocated here and
 * freed in one call, which keeps tree building cheap and leaks impossible. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct rd_arena_chunk {
    rd_arena_chunk *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

enum { CHUNK_SIZE = 64 * 1024 };

void rd_arena_init(rd_arena *a)
{
    a->head = NULL;
}

static rd_arena_chunk *chunk_new(size_t cap)
{
    rd_arena_chunk *c = rd_xmalloc(sizeof *c + cap);
    c->next = NULL;
    c->used = 0;
    c->cap = cap;
    return c;
}

void *rd_arena_alloc(rd_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    rd_arena_chunk *c = a->head;
    if (!c || c->cap - c->used < size) {
        if (size > CHUNK_SIZE / 4) {
            /* A large block gets a chunk of its own, kept behind the head so
             * the head's free space is not wasted. */
            rd_arena_chunk *big = chunk_new(size);
            if (c) {
                big->next = c->next;
                c->next = big;
            } else {
                a->head = big;
            }
            big->used = size;
            memset(big->data, 0, size);
            return big->data;
        }
        c = chunk_new(CHUNK_SIZE);
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *rd_arena_strndup(rd_arena *a, const char *s, size_t n)
{
    char *p = rd_arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void rd_arena_free(rd_arena *a)
{
    rd_arena_chunk *c = a->head;
    while (c) {
        rd_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}
