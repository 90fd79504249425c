/* A map from strings to pointers: open addressing with linear probing.
 *
 * Used wherever a run meets thousands of names (directories of a space,
 * identifiers of a book) and comparing with each one seen would make the run
 * quadratic. Keys are copied; values are the caller's. */
#ifndef RD_STRMAP_H
#define RD_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *key;               /* NULL: an empty slot */
    void *value;
} rd_strmap_slot;

typedef struct {
    rd_strmap_slot *slots;
    size_t cap;              /* 0 or a power of two, over twice len */
    size_t len;
} rd_strmap;

/* The slot holding key, or NULL. */
rd_strmap_slot *rd_strmap_find(const rd_strmap *map, const char *key);
/* The slot holding key, added (with a NULL value) when missing. */
rd_strmap_slot *rd_strmap_put(rd_strmap *map, const char *key);
/* Frees the keys and the table, not the values. */
void rd_strmap_free(rd_strmap *map);

#endif
