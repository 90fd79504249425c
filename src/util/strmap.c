/* A map from strings to pointers (see strmap.h). */
#include "strmap.h"
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t hash_key(const char *s)
{
    uint64_t h = 14695981039346656037u;     /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)h;
}

/* Where key is, or the empty slot where it would go. */
static rd_strmap_slot *probe(const rd_strmap *map, const char *key)
{
    size_t mask = map->cap - 1, i = hash_key(key) & mask;
    while (map->slots[i].key && strcmp(map->slots[i].key, key) != 0)
        i = (i + 1) & mask;
    return &map->slots[i];
}

static void grow(rd_strmap *map)
{
    rd_strmap bigger = { NULL, map->cap ? 2 * map->cap : 64, map->len };
    bigger.slots = rd_xcalloc(bigger.cap, sizeof *bigger.slots);
    for (size_t i = 0; i < map->cap; i++)
        if (map->slots[i].key)
            *probe(&bigger, map->slots[i].key) = map->slots[i];
    free(map->slots);
    *map = bigger;
}

rd_strmap_slot *rd_strmap_find(const rd_strmap *map, const char *key)
{
    if (!map->cap)
        return NULL;
    rd_strmap_slot *s = probe(map, key);
    return s->key ? s : NULL;
}

rd_strmap_slot *rd_strmap_put(rd_strmap *map, const char *key)
{
    if (2 * (map->len + 1) > map->cap)
        grow(map);
    rd_strmap_slot *s = probe(map, key);
    if (!s->key) {
        s->key = rd_xstrdup(key);
        s->value = NULL;
        map->len++;
    }
    return s;
}

void rd_strmap_free(rd_strmap *map)
{
    for (size_t i = 0; i < map->cap; i++)
        free(map->slots[i].key);
    free(map->slots);
    *map = (rd_strmap){ 0 };
}
