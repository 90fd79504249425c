/* The anchors of a page (anchors.c): what its same-page links may point
 * to. Not installed. */
#ifndef RD_ANCHORS_H
#define RD_ANCHORS_H

#include "internal.h"
#include "util/strmap.h"

typedef struct {
    rd_strmap keys;     /* rd_anchor_key of every anchor */
} rd_anchor_set;

/* The letters and digits of an anchor or heading, case and accents
 * folded: "Qu'est-ce que c'est ?" and "quest-ce-que-cest" share one. */
void rd_anchor_key(const char *s, size_t len, rd_buf *out);
void rd_anchor_set_build(rd_anchor_set *set, const rd_doc *doc);
/* Whether a fragment as written after '#' (percent-encoded or not) names
 * an anchor of the page; an empty one (the top) always does. */
bool rd_anchor_set_has(const rd_anchor_set *set, const char *fragment);
void rd_anchor_set_free(rd_anchor_set *set);

#endif
